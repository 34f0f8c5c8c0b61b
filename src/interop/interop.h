/*
 * interop.h: models from other tools' files.
 *
 * interop_read() reads an OWASP Threat Dragon v2 JSON model, or an Open
 * Threat Model (OTM) file in JSON or YAML, or an OWASP Threat Model
 * Library (TM-BOM) JSON file, into a model of format 1. The format is told
 * by content, not by the file's name: JSON with an "otmVersion" member is
 * OTM, JSON with a "scope" object and trust_zones, components or
 * data_flows is TM-BOM, other JSON is Threat Dragon, and YAML is
 * read here only when interop_is_otm_yaml() says so. What the file says
 * and Parapet cannot hold, and the facts Parapet needs that the file cannot
 * say (which process is a model, what data a flow carries, how far a trust
 * zone is trusted), are handed back as notes, one sentence each, for the
 * user to act on.
 *
 * Mapping (Threat Dragon v2, every diagram of the file):
 *   summary.title, owner, description  -> system name, owner, description
 *   actor                              -> component, kind user
 *   process                            -> component, kind application
 *   store                              -> component, kind datastore
 *   flow (between two elements)        -> flow; isEncrypted -> encrypted
 *   trust-boundary-box                 -> boundary of the components whose
 *                                         centre lies inside it
 * Names and descriptions are kept; ids are made from names ([a-z0-9-],
 * made unique). Threat Dragon's own threats, trust-boundary curves, text
 * and out-of-scope marks have no place in format 1 and are listed in the
 * notes.
 *
 * Mapping (Open Threat Model 0.1 and 0.2, otm-read.c):
 *   project name, id, description,     -> system name, id, description,
 *     owner (ownerContact)                  owner
 *   trustZone, risk.trustRating        -> boundary, trust: 0-24 untrusted,
 *                                         25-54 partner, 55-89 internal,
 *                                         90-100 restricted
 *   component, type                    -> component, kind: a Parapet kind
 *                                         word as is, else guessed from the
 *                                         words of the type (database ->
 *                                         datastore, client -> user, llm ->
 *                                         model...), else application;
 *                                         parent trust zone -> boundary
 *                                         (a parent component's zone)
 *   dataflow                           -> flow; bidirectional -> two flows
 *                                         (ID and ID-reverse)
 *   assets processed, stored, carried  -> named in the description; one
 *                                         rated confidentiality >= 50 makes
 *                                         its component confidential-data
 *   attributes "parapet:FIELD"         -> that field of format 1 (what
 *                                         Parapet's own export writes)
 * OTM threats and mitigations are counted in the notes, not imported
 * (Parapet raises its risks from its catalogue), except that a threat
 * Parapet wrote (attributes parapet:threat, parapet:target, parapet:status)
 * gives the decision on its risk: status, owner, justification and the
 * states of its instance's mitigations. Representations (diagram
 * positions, code references), tags, nested trust zones and other
 * attributes are lost and counted too.
 *
 * Mapping (OWASP Threat Model Library, TM-BOM JSON 1.x, tmbom-read.c):
 *   scope title, description,          -> system name, description,
 *     business_criticality                criticality
 *   trust zone                         -> boundary (trust not set)
 *   actor, type                        -> component: user, operator
 *                                         (administrator, engineer) or
 *                                         external-service (third_party,
 *                                         system)
 *   component, data store              -> component in its trust zone; kind
 *                                         guessed from the words of its
 *                                         title, else application or
 *                                         datastore
 *   data set                           -> personal-data, confidential-data
 *                                         of the stores it is placed in
 *   data flow, encrypted               -> flow, encrypted
 *   $.extensions parapet.invalid/...   -> what Parapet's export wrote
 * The file's threats, controls, personas, assumptions and trust
 * boundaries are counted in the notes, its risks named there. A CycloneDX
 * BOM (bomFormat) is refused with a sentence.
 *
 * Errors: a file that is not valid JSON or YAML, or not a model of its
 * format,
 * is refused with FILE and the JSON path of the value at fault, as in
 * "m.json: $.summary.title: missing (a Threat Dragon model needs a
 * title)"; an OTM file in YAML also gives the line and column. Nothing is
 * built from a refused file.
 *
 * Ownership: the model returned is the caller's (indexed); notes are the
 * caller's to release.
 */
#ifndef PARAPET_INTEROP_INTEROP_H
#define PARAPET_INTEROP_INTEROP_H

#include <stddef.h>

struct error;
struct model;
struct model_decisions;

/* Strings a list owns, in the order added. */
struct interop_strings {
	char		**v;
	size_t		  n;
};

void		 interop_strings_init(struct interop_strings *);
void		 interop_strings_release(struct interop_strings *);
/* Append a copy of a string; returns the copy, the list's. */
const char	*interop_keep(struct interop_strings *, const char *);

/* What an import did not map, for the user: one sentence each. */
struct import_notes {
	struct interop_strings	 lines;
};

void		 import_notes_init(struct import_notes *);
void		 import_notes_release(struct import_notes *);
void		 import_notes_add(struct import_notes *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));

/* 1 if text is JSON (its first non-blank byte is '{' or '['). */
int		 interop_is_json(const char *text);
/*
 * 1 if YAML text is an OTM file: it has a top-level otmVersion key and no
 * top-level parapet key (a model file of format 1).
 */
int		 interop_is_otm_yaml(const char *text, size_t len);
/*
 * Read a Threat Dragon v2 or OTM file; NULL on error (no notes left). With
 * it, the decisions an OTM file written by Parapet carries
 * (yaml/model-yaml.h; dec is initialised here and left empty on error or
 * for other files), for the caller to check against the analysis.
 */
struct model	*interop_read_decisions(const char *text, size_t len,
		     const char *file, struct import_notes *,
		     struct model_decisions *dec, struct error *);

#endif

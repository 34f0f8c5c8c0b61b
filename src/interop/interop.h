/*
 * interop.h: models from other tools' files.
 *
 * interop_read() reads an OWASP Threat Dragon v2 JSON model into a model
 * of format 1 (the Open Threat Model is not read yet). What the file says
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
 * Errors: a file that is not valid JSON, or not a Threat Dragon v2 model,
 * is refused with FILE and the JSON path of the value at fault, as in
 * "m.json: $.summary.title: missing (a Threat Dragon model needs a
 * title)". Nothing is built from a refused file.
 *
 * Ownership: the model returned is the caller's (indexed); notes are the
 * caller's to release.
 */
#ifndef PARAPET_INTEROP_INTEROP_H
#define PARAPET_INTEROP_INTEROP_H

#include <stddef.h>

struct error;
struct model;

struct import_notes {
	char	**v;		/* one sentence each, owned */
	size_t	  n;
};

void		 import_notes_init(struct import_notes *);
void		 import_notes_release(struct import_notes *);
void		 import_notes_add(struct import_notes *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));

/* 1 if text is JSON (its first non-blank byte is '{' or '['). */
int		 interop_is_json(const char *text);
/* Read a Threat Dragon v2 file; NULL on error. */
struct model	*interop_read(const char *text, size_t len, const char *file,
		     struct import_notes *, struct error *);

#endif

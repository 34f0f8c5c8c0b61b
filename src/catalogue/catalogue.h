/*
 * catalogue.h: the threat catalogue (see man/parapet-catalogue.5).
 *
 * Threats, mitigations, practice questions and scoring adjustments, loaded
 * from YAML files: the standard catalogue in the data directory, then the
 * files of $XDG_CONFIG_HOME/parapet/catalogue.d/, then extra files; a later
 * entry with the same id replaces an earlier one, and "disabled: true"
 * removes it. Applicability conditions are data in a small language
 * (catalogue/cond.h), checked against the model's field tables at load.
 *
 * Ownership: the catalogue owns everything reachable from it.
 */
#ifndef PARAPET_CATALOGUE_CATALOGUE_H
#define PARAPET_CATALOGUE_CATALOGUE_H

#include <stddef.h>

#include "util/strmap.h"

struct error;
struct cond;

enum ref_scheme {
	REF_GUIDELINE,		/* "guideline": 1.1 .. 4.4 */
	REF_ATLAS,		/* "atlas": AML.Tnnnn[.nnn], AML.Mnnnn */
	REF_OWASP_LLM,		/* "owasp-llm-2025": LLM01 .. LLM10 */
	REF_OWASP_ML,		/* "owasp-ml-2023": ML01 .. ML10 */
	REF_SCHEME_COUNT
};

enum target_type {
	TARGET_COMPONENT, TARGET_FLOW, TARGET_BOUNDARY, TARGET_SYSTEM,
	TARGET_ANY
};

struct ref {
	enum ref_scheme	 scheme;
	char		*id;
};

struct refs {
	struct ref	*v;
	size_t		 n;
};

struct question {
	char		*id;
	char		*guideline;	/* "1.1" .. "4.4" */
	char		*text;
	char		*help;
	char		*source;	/* "FILE:LINE" where defined */
};

struct mitigation {
	char		*id;
	char		*title;
	char		*description;
	struct refs	 refs;
	char		*source;
};

struct threat {
	char			*id;
	char			*title;
	char			*description;
	char			*why;
	enum target_type	 target;
	struct cond		*when;
	int			 likelihood;	/* 1..5 */
	int			 impact;	/* 1..5 */
	unsigned		 stride;	/* bits of enum stride */
	struct refs		 refs;
	char			**mitigations;	/* mitigation ids */
	size_t			 nmitigations;
	char			*source;
};

struct adjustment {
	char			*id;
	enum target_type	 target;
	struct cond		*when;
	int			 likelihood;	/* -2..2 */
	int			 impact;	/* -2..2 */
	unsigned		 stride;	/* 0: every threat */
	char			*reason;
	char			*source;
};

struct catalogue {
	char			 *version;
	struct question		**questions;
	size_t			  nquestions;
	struct mitigation	**mitigations;
	size_t			  nmitigations;
	struct threat		**threats;
	size_t			  nthreats;
	struct adjustment	**adjustments;
	size_t			  nadjustments;
	struct strmap		  by_id;	/* internal lookups */
};

/* Scheme names as written in files: "guideline", "atlas", ... */
const char		*ref_scheme_name(enum ref_scheme);
/* "component", "flow", "boundary", "system", "any" */
const char		*target_type_name(enum target_type);
/* The 17 guideline subsections: ids and titles, in order. */
extern const char *const guideline_ids[17];
extern const char *const guideline_titles[17];
/* Title of a guideline subsection id, or NULL. */
const char		*guideline_title(const char *);

struct catalogue	*catalogue_new(void);
void			 catalogue_free(struct catalogue *);
/* Load one file, adding or replacing entries by id. 0 or -1. */
int			 catalogue_load_file(struct catalogue *, const char *,
			     struct error *);
/* Check cross-references once all files are loaded. 0 or -1. */
int			 catalogue_finish(struct catalogue *, struct error *);
/*
 * Load the standard catalogue from the data directory, then the files in
 * $XDG_CONFIG_HOME/parapet/catalogue.d/, then the extra files, and finish.
 * Returns a catalogue or NULL.
 */
struct catalogue	*catalogue_load_standard(const char *const *extra,
			     size_t nextra, struct error *);

const struct threat	*catalogue_threat(const struct catalogue *,
			     const char *);
const struct mitigation	*catalogue_mitigation(const struct catalogue *,
			     const char *);
const struct question	*catalogue_question(const struct catalogue *,
			     const char *);
/* Name of an ATLAS, OWASP or guideline identifier, or NULL if unknown. */
const char		*catalogue_ref_title(const struct catalogue *,
			     enum ref_scheme, const char *);

#endif

/*
 * catalogue.h: the threat catalogue (see man/parapet-catalogue.5).
 *
 * Threats, mitigations, practice questions and scoring adjustments, loaded
 * from YAML files: the standard catalogue in the data directory, then the
 * files of $XDG_CONFIG_HOME/parapet/catalogue.d/, then extra files; a later
 * entry with the same id replaces an earlier one, and "disabled: true"
 * removes it. Applicability conditions are data in a small language
 * (catalogue/cond.h), checked against the model's field tables at load.
 * References (guideline subsections, MITRE ATLAS, OWASP) are checked
 * against the taxonomy in data/taxonomy.yaml, which is loaded first.
 *
 * Loading a file is all or nothing: a file with an error changes nothing.
 * Every error names FILE:LINE:COL and, where it helps, the nearest known
 * word. Core code: nothing here prints.
 *
 * Ownership: the catalogue owns everything reachable from it; the lists
 * (questions, mitigations, threats, adjustments) are in load order, an
 * entry replaced by id keeping the place of the one it replaces.
 */
#ifndef PARAPET_CATALOGUE_CATALOGUE_H
#define PARAPET_CATALOGUE_CATALOGUE_H

#include <stddef.h>

struct risk;

#include "model/model.h"
#include "util/strmap.h"

struct error;
struct cond;
struct catcache;
struct cond_defs;
struct ydoc;
struct taxonomy;

#define CATALOGUE_FORMAT	1

enum ref_scheme {
	REF_GUIDELINE,		/* "guideline": 1.1 .. 4.4 */
	REF_ATLAS,		/* "atlas": AML.Tnnnn[.nnn], AML.Mnnnn */
	REF_OWASP_LLM,		/* "owasp-llm-2025": LLM01 .. LLM10 */
	REF_OWASP_ML,		/* "owasp-ml-2023": ML01 .. ML10 */
	REF_OWASP_AGENTIC,	/* "owasp-agentic-2026": ASI01 .. ASI10 */
	REF_SCHEME_COUNT
};

enum target_type {
	TARGET_COMPONENT, TARGET_FLOW, TARGET_BOUNDARY, TARGET_SYSTEM,
	TARGET_ANY
};

/*
 * What one finding (one risk) of a threat is about, when the threat holds
 * for several targets that a reviewer reads as one problem: the targets
 * are grouped and the finding names every one in its reasons. The table
 * finding_modes[] gives each its word, the threat targets it suits and
 * its help.
 */
enum finding_by {
	FINDING_EACH,		/* one finding per target (the default) */
	FINDING_SOURCE,		/* flows: per component they leave */
	FINDING_DESTINATION,	/* flows: per component they go to */
	FINDING_CONNECTION,	/* flows: per component they go to, an
				   answer with the request it answers */
	FINDING_DESTINATION_BOUNDARY, /* flows: per boundary they go to (or
				   the component, when it has none) */
	FINDING_ORIGIN,		/* flows: flows that chain (one's destination
				   the next's source) are one finding, on
				   the component where the chain starts */
	FINDING_CHAIN,		/* components: components joined by flows
				   are one finding, on the one upstream */
	FINDING_CALLER,		/* components: per component that sends
				   them tool calls (else each its own) */
	FINDING_CONSUMER,	/* components: per component their first
				   flow out goes to (else each its own) */
	FINDING_BOUNDARY,	/* components: one finding per trust
				   boundary they are in, on the first
				   there (else each its own) */
	FINDING_COUNT
};

struct finding_mode {
	const char		*name;		/* as written: "source" */
	enum target_type	 target;	/* threats it suits */
	enum target_type	 finding;	/* what the finding is about
						   (boundary: or a component) */
	const char		*help;
};

extern const struct finding_mode finding_modes[FINDING_COUNT];

struct ref {
	enum ref_scheme	 scheme;
	char		*id;
};

struct refs {
	struct ref	*v;
	size_t		 n;
};

/* Where an entry was written: its file (shared, owned by the catalogue). */
struct catpos {
	const char	*file;
	unsigned long	 line;
	unsigned long	 col;
};

struct question {
	char		*id;
	char		*guideline;	/* "1.1" .. "4.4" */
	char		*text;
	char		*help;		/* or NULL */
	char		*source;	/* "FILE:LINE" where defined */
	struct catpos	 pos;
};

struct mitigation {
	char		*id;
	char		*title;
	char		*description;
	struct refs	 refs;
	char		*source;
	struct catpos	 pos;
};

struct threat {
	char			*id;
	char			*title;
	char			*description;
	char			*why;		/* or NULL */
	enum target_type	 target;	/* never TARGET_ANY */
	struct cond		*when;
	int			 likelihood;	/* 1..5 */
	int			 impact;	/* 1..5 */
	unsigned		 stride;	/* bits of enum stride */
	struct refs		 refs;
	char			**mitigations;	/* mitigation ids */
	struct srcpos		 *mitigations_pos; /* where each is named */
	size_t			 nmitigations;
	enum finding_by		 finding;	/* how targets are grouped */
	char			**covers;	/* threats whose finding on the
						   same target this one's
						   replaces (restatements) */
	struct srcpos		 *covers_pos;
	size_t			 ncovers;
	char			**covers_feedback; /* threats whose finding
						   on a component that gathers
						   the feedback this one's
						   target learns from this one's
						   replaces */
	struct srcpos		 *covers_feedback_pos;
	size_t			 ncovers_feedback;
	char			**covers_agents; /* threats about an agent
						   whose finding, when every
						   agent it names plans with
						   this one's target (a
						   model), this one's
						   replaces */
	struct srcpos		 *covers_agents_pos;
	size_t			 ncovers_agents;
	/*
	 * Threats whose conditions exclude this one's on the same target
	 * (one answer raises the one, the other answer the other): an
	 * unanswered field raises only one of them (see analyze.h).
	 */
	char			**excludes;
	struct srcpos		 *excludes_pos;	/* where each is named */
	size_t			 nexcludes;
	char			*source;
	struct catpos		 pos;
};

struct adjustment {
	char			*id;
	enum target_type	 target;
	struct cond		*when;
	struct cond		*unless;	/* stated facts that cancel
						   it where when holds (the
						   risk says so), or NULL */
	int			 likelihood;	/* -2..2 */
	int			 impact;	/* -2..2 */
	unsigned		 stride;	/* 0: every threat */
	int			 min_impact;	/* only threats whose own impact
						   is at least this (0: any) */
	int			 max_impact;	/* never raises impact above
						   this (0: no bound); applied
						   first, from the threat's own
						   impact */
	char			**threats;	/* only these threat ids, if
						   nthreats > 0 */
	struct srcpos		 *threats_pos;	/* where each is named */
	size_t			 nthreats;
	char			**except;	/* never these threat ids */
	struct srcpos		 *except_pos;	/* where each is named */
	size_t			 nexcept;
	char			*reason;
	int			 presume;	/* also where its condition is
						   maybe: the catalogue's
						   reading of unanswered
						   fields, still asked */
	char			*source;
	struct catpos		 pos;
};

struct catalogue {
	char			 *version;	/* or NULL */
	struct question		**questions;
	size_t			  nquestions;
	struct mitigation	**mitigations;
	size_t			  nmitigations;
	struct threat		**threats;
	size_t			  nthreats;
	struct adjustment	**adjustments;
	size_t			  nadjustments;
	char			**files;	/* files loaded, in order */
	size_t			  nfiles;
	struct taxonomy		 *taxonomy;	/* or NULL until loaded */
	size_t			  ncondslots;	/* conditions numbered so far */
	struct cond_defs	 *conds;	/* named conditions (cond.h) */
	struct ydoc		**docs;		/* files that define them */
	size_t			  ndocs;
	struct strmap		  by_id[4];	/* internal: id lookups */
	struct strmap		  disabled;	/* internal: threat ids
						   removed by "disabled" */
	char			**disabled_ids;	/* internal: its keys */
	size_t			  ndisabled_ids;
	struct catcache		 *cache;	/* internal: the parsed files
						   kept between commands, while
						   catalogue_load_standard()
						   loads (catcache.h), or NULL */
};

/* Scheme names as written in files: "guideline", "atlas", ... */
const char		*ref_scheme_name(enum ref_scheme);
/* "component", "flow", "boundary", "system", "any" */
const char		*target_type_name(enum target_type);
/* The object type of a target type (OBJ_SYSTEM for system and any). */
enum objtype		 target_objtype(enum target_type);
/*
 * The guideline subsections as the taxonomy lists them, in order ("1.1"
 * .. "4.4"), NULL-terminated; *n (if n is not NULL) is set to their
 * number, 0 while no taxonomy is loaded (or cat is NULL). Borrowed from the catalogue; titles come from
 * catalogue_ref_title().
 */
const char *const	*catalogue_guidelines(const struct catalogue *,
			     size_t *n);

struct catalogue	*catalogue_new(void);
void			 catalogue_free(struct catalogue *);
/*
 * Load the taxonomy file (data/taxonomy.yaml) that references are checked
 * against. catalogue_load_file() and catalogue_load_text() load the one of
 * the data directory by themselves if none was loaded before. 0 or -1.
 */
int			 catalogue_load_taxonomy(struct catalogue *,
			     const char *, struct error *);
/* Load one file, adding or replacing entries by id. 0 or -1. */
int			 catalogue_load_file(struct catalogue *, const char *,
			     struct error *);
/*
 * The same for a file already in memory: len bytes of text (borrowed, no
 * NUL needed), named name in messages and in cat->files. 0 or -1.
 */
int			 catalogue_load_text(struct catalogue *, const char *,
			     size_t, const char *, struct error *);
/*
 * Check cross-references once all files are loaded. 0 or -1. On success,
 * the nodes of its conditions that evaluate alike share a memo slot
 * (cond_share_slots()).
 */
int			 catalogue_finish(struct catalogue *, struct error *);
/*
 * The same, reporting every problem found to a callback (which must copy
 * what it keeps) instead of stopping at the first. Returns their number.
 */
size_t			 catalogue_finish_all(struct catalogue *,
			     void (*)(const struct error *, void *), void *);
/*
 * Load the standard catalogue from the data directory, then the files in
 * $XDG_CONFIG_HOME/parapet/catalogue.d/, then the extra files, and finish.
 * Returns a catalogue (the caller's to free) or NULL.
 */
struct catalogue	*catalogue_load_standard(const char *const *extra,
			     size_t nextra, struct error *);
/*
 * The *.yaml files of a directory in name order (byte order), as paths
 * "DIR/NAME"; the array and its strings are the caller's to free. A
 * directory that does not exist gives no files; one that cannot be read is
 * an error (returns -1).
 */
int			 catalogue_dir_files(const char *, char ***, size_t *,
			     struct error *);

const struct threat	*catalogue_threat(const struct catalogue *,
			     const char *);
/*
 * The references a risk carries: its threat's, then those of each threat
 * whose finding it covers (the analysis folded them, and says so in a
 * reason), each once. out->v is allocated (the ids are the catalogue's);
 * free it with refs_release(). Empty when the threat is unknown.
 */
void			 catalogue_risk_refs(const struct catalogue *,
			     const struct risk *, struct refs *out);
void			 refs_release(struct refs *);
const struct mitigation	*catalogue_mitigation(const struct catalogue *,
			     const char *);
const struct question	*catalogue_question(const struct catalogue *,
			     const char *);
const struct adjustment	*catalogue_adjustment(const struct catalogue *,
			     const char *);
/*
 * 1 if an adjustment may change the risks of a threat: same target type
 * (or "any"), STRIDE letters that meet (or none given), the threat's own
 * impact at least min-impact, and the threat among those it names (or
 * none named). Its condition is not looked at.
 */
int			 adjustment_applies(const struct adjustment *,
			     const struct threat *);
/* 1 if two threats exclude each other (either names the other). */
int			 threat_excludes(const struct threat *,
			     const struct threat *);
/* What a catalogue covers, for listings and the breadth checks. */
struct catalogue_stats {
	size_t		nquestions;
	size_t		nmitigations;
	size_t		nthreats;
	size_t		nadjustments;
	size_t		atlas_ids;	/* distinct techniques and
					   sub-techniques cited by threats */
	size_t		atlas_parents;	/* the same, a sub-technique
					   counted as its technique */
	size_t		atlas_mitigations; /* distinct AML.Mnnnn cited */
	unsigned	guidelines;	/* bit i: the i-th subsection of
					   catalogue_guidelines() cited by a
					   threat, mitigation or question */
	unsigned	owasp_llm;	/* bit i: LLM(i+1) cited */
	unsigned	owasp_ml;	/* bit i: ML(i+1) cited */
	unsigned	owasp_agentic;	/* bit i: ASI(i+1) cited */
};
void			 catalogue_stats(const struct catalogue *,
			     struct catalogue_stats *);

/*
 * Name of an ATLAS, OWASP or guideline identifier, or NULL if unknown.
 * ATLAS sub-techniques are named "Technique: Sub-technique".
 */
const char		*catalogue_ref_title(const struct catalogue *,
			     enum ref_scheme, const char *);

#endif

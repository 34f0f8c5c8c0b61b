/*
 * cond.h: applicability conditions ("when:"), parsed and checked.
 *
 * A condition is a YAML mapping whose entries must all hold. It is read
 * into a tree of nodes, checked against the model's field tables (a field
 * the subject does not have, one that the condition's own "kind:" rules
 * out, or an unknown word is an error at its FILE:LINE:COL with the nearest
 * known word suggested) and evaluated by rules/eval.c with three values.
 *
 * "reachable-from" and "reaches" may limit their paths to flows that carry
 * some data classes: "reachable-from: { from: C, via: [prompt] }" and
 * "reaches: { to: C, via: [documents] }" (the classes are the node's
 * values; a flow whose data is not answered may carry them).
 *
 * "guard: true" in the mapping of a "not:" marks an exclusion: what makes
 * another finding (or nothing) the one to raise, not what the risk rests
 * on. It changes no value; the reasons leave out the facts that the
 * excluded case fails on, and keep what it assumes (explain.c).
 *
 * Every node records the YAML key that made it, so that cond_format() can
 * write it back in one line for reasons and listings. Nodes whose value
 * the analysis keeps between subjects (quantifiers over flows and
 * components, "contains", "system", "exists", "practice", and "from" and
 * "to", whose kid's value it keeps per component) carry a slot number
 * unique within their catalogue (until cond_share_slots()).
 *
 * A catalogue may name a condition once ("conditions:" in a catalogue
 * file) and use it in any later condition about the same subject with
 * "holds: NAME" (or "holds: [A, B]": all of them). A use is read as if the
 * definition were written in its place: its entries join the mapping that
 * holds it, so evaluation, reasons and listings are exactly those of the
 * condition written out. A name must be defined before it is used (in an
 * earlier file, or in the same file's "conditions:"), so no definition
 * can hold itself; a later file may define a name again for what it and
 * later files hold.
 *
 * Ownership: cond_parse() returns a tree for the caller to cond_free().
 */
#ifndef PARAPET_CATALOGUE_COND_H
#define PARAPET_CATALOGUE_COND_H

#include <stddef.h>

#include "catalogue/catalogue.h"
#include "util/strmap.h"

struct buf;
struct error;
struct field;
struct ydoc;
struct ynode;

enum cond_op {
	COND_ALL,		/* every kid holds (a mapping, or "all:") */
	COND_ANY,		/* some kid holds (a list, or "any:") */
	COND_NOT,		/* "not:" */
	COND_KIND,		/* "kind:", values: KIND_BIT mask */
	COND_FIELD,		/* a field of the subject, values: word bits */
	COND_CROSSES,		/* "crosses-boundary:", flow */
	COND_LESS_TRUSTED,	/* "from-less-trusted:", flow */
	COND_FROM,		/* "from:", flow -> component */
	COND_TO,		/* "to:", flow -> component */
	COND_INBOUND,		/* "inbound:", component -> flows into it */
	COND_OUTBOUND,		/* "outbound:", component -> flows out */
	COND_UPSTREAM,		/* "upstream:", component -> senders */
	COND_DOWNSTREAM,	/* "downstream:", component -> receivers */
	COND_REACHABLE,		/* "reachable-from:", any path; values:
				   "via" data classes (0: any flow) */
	COND_REACHES,		/* "reaches:", any path forward; values
				   as for reachable-from */
	COND_BOUNDARY,		/* "boundary:", component -> its boundary */
	COND_CONTAINS,		/* "contains:", boundary -> its components */
	COND_SYSTEM,		/* "system:" */
	COND_EXISTS,		/* "exists:", some component */
	COND_ANSWERED,		/* "answered: F": the subject's field F
				   has a value in the model (field) */
	COND_PRACTICE		/* "practice:", a question answered no;
				   values: 0 for "practice: q", or
				   COND_TRUE (yes) or COND_FALSE (no) for
				   an entry of "practice: {q: yes}" */
};

/* Booleans in values: bit 1 << TRI_YES for true, 1 << TRI_NO for false. */
#define COND_TRUE	(1u << TRI_YES)
#define COND_FALSE	(1u << TRI_NO)

struct cond {
	enum cond_op		 op;
	enum target_type	 subject;	/* TARGET_ANY: no subject */
	const char		*key;		/* YAML key, or NULL for an
						   item of a list */
	int			 implicit;	/* ALL from a mapping, ANY from
						   a list of values */
	const struct field	*field;		/* COND_FIELD, COND_ANSWERED */
	unsigned		 values;	/* see enum cond_op */
	char			*question;	/* COND_PRACTICE */
	char			*says;		/* a mapping's words for it
					   holding ("says:"), or NULL */
	char			*says_not;	/* and for it failing */
	int			 guard;		/* "guard: true" in the mapping of
					   a not: an exclusion, whose facts
					   are no reason of the risk */
	struct cond		**kids;
	size_t			 nkids;
	unsigned long		 line;		/* of the key or item */
	unsigned long		 col;
	size_t			 slot;		/* memo slot, or COND_NOSLOT */
};

#define COND_NOSLOT	((size_t)-1)

/* A named condition: its text stays in its file's document. */
struct cond_def {
	char			*id;
	enum target_type	 target;	/* its subject */
	const struct ydoc	*doc;		/* borrowed, kept by the owner */
	const struct ynode	*when;		/* a mapping in doc */
	unsigned long		 line;		/* of its id */
};

/* The named conditions of a catalogue, in the order defined. */
struct cond_defs {
	struct cond_def		**v;
	size_t			  n;
	struct strmap		  by_id;
};

void		 cond_defs_init(struct cond_defs *);
void		 cond_defs_release(struct cond_defs *);
/* Forget the definitions from the n-th on (a refused file's). */
void		 cond_defs_truncate(struct cond_defs *, size_t n);
/*
 * Check the definition "id/target/when" (when in doc) against the names
 * defined so far and add it (doc must outlive defs); a name defined in an
 * earlier document is defined again, for the conditions read after. -1
 * with err set if doc already defines the name or the condition is not
 * valid for its target.
 */
int		 cond_defs_add(struct cond_defs *, const struct ydoc *,
		     const struct ynode *idn, enum target_type,
		     const struct ynode *when, struct error *);

/*
 * Parse the condition at node n (a mapping), whose subject is a target
 * type (TARGET_ANY allows only subject-independent keys). *slots counts
 * memo slots handed out so far. defs (or NULL: none) are the names that
 * "holds:" may use. Returns the tree or NULL with err set.
 */
struct cond	*cond_parse(const struct ydoc *, const struct ynode *,
		     enum target_type, size_t *slots, struct error *);
struct cond	*cond_parse_with(const struct ydoc *, const struct ynode *,
		     enum target_type, size_t *slots, const struct cond_defs *,
		     struct error *);
void		 cond_free(struct cond *);
/* Append the condition in one line of YAML flow style: "{kind: model}". */
void		 cond_format(const struct cond *, struct buf *);
/*
 * Give the nodes of these trees that evaluate alike (the same operator,
 * subject, field, values, question and kids, whatever their words) one
 * slot, that of the first met: the analysis then works out a quantifier
 * written in many threats ("downstream: {model-type: llm}") once. Slots
 * keep their numbers (those given up stay unused); NULL roots are skipped.
 */
void		 cond_share_slots(struct cond *const *roots, size_t n);
/*
 * Call fn for every "practice:" node of a tree, stopping at and returning
 * the first non-zero result.
 */
int		 cond_each_practice(const struct cond *,
		     int (*)(const struct cond *, void *), void *);

#endif

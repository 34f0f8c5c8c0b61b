/*
 * diff.h: what changed between two versions of a model and its risks.
 *
 * model_diff() compares an old and a new model (each indexed, with its risk
 * register) and lists, for review:
 *
 *  - objects (boundaries, components, flows) added, removed or renamed, and
 *    the fields that changed on each object and on the system; practice
 *    answers added, removed or changed;
 *  - risks that appear (apply in the new version only), that stop applying,
 *    whose severity, likelihood or impact changed;
 *  - decisions that changed: a risk's status, owner or justification, a
 *    mitigation's status, owner or due date.
 *
 * Renames: an object whose id is in one version only is matched with one of
 * the same type in the other version when they agree on enough: for
 * components the kind (required), the name, the other fields and the
 * components they exchange data with; for flows the two ends (after
 * renames) and the name; for boundaries the name, the trust and the
 * components inside. Greedy, best match first, so the result does not
 * depend on the order of objects. A field that only names a renamed object
 * by its new id is not a change. Risks are matched by threat and target,
 * the target's old id mapped through the renames.
 *
 * The renderers write text for a terminal (every model string made visible
 * with text_visible()) or Markdown for a pull-request comment (every model
 * string escaped so that it shows literally and cannot break a table).
 *
 * Ownership: a diff borrows its two models and registers for its whole
 * life; model_diff_release() frees what it allocated.
 */
#ifndef PARAPET_DIFF_DIFF_H
#define PARAPET_DIFF_DIFF_H

#include <stddef.h>

#include "model/model.h"

struct buf;
struct risk;
struct risk_register;

enum diff_op { DIFF_ADDED, DIFF_REMOVED, DIFF_CHANGED, DIFF_RENAMED };

/* One field of an object or of the system whose value changed. */
struct diff_field {
	char		*name;		/* field name as in a model file, or
					   "mitigation ID status" and the
					   like for decisions */
	char		*old_value;	/* text form, NULL when not set */
	char		*new_value;
};

/* An object (or the system, or a practice answer) that changed. */
struct diff_object {
	enum diff_op		 op;
	enum objtype		 type;	/* OBJ_SYSTEM for the system and
					   practice answers (practice = 1) */
	int			 practice;
	const char		*old_id;	/* NULL when added */
	const char		*new_id;	/* NULL when removed */
	const void		*old_obj;	/* the structs, or NULL */
	const void		*new_obj;
	struct diff_field	*fields;	/* changed fields */
	size_t			 nfields;
	const char		*why;		/* renames: what matched */
};

enum diff_risk_op {
	DIFF_RISK_APPEARS,	/* applies in the new version only */
	DIFF_RISK_GONE,		/* applied in the old version only */
	DIFF_RISK_SCORE,	/* severity, likelihood or impact changed */
	DIFF_RISK_DECISION	/* status, owner, justification, mitigations */
};

struct diff_risk {
	enum diff_risk_op	 op;
	const struct risk	*old_risk;	/* NULL when it appears */
	const struct risk	*new_risk;	/* NULL when gone */
	struct diff_field	*fields;	/* decisions: what changed */
	size_t			 nfields;
};

struct model_diff {
	const struct model	*old_model;
	const struct model	*new_model;
	struct diff_object	*objects;
	size_t			 nobjects;
	struct diff_risk	*risks;
	size_t			 nrisks;
	struct strmap		 renamed;	/* old id -> new id */
	/*
	 * Or NULL: the new model's findings that rest only on unanswered
	 * fields (analyze_unknowns()), so that a risk that became part of
	 * their open questions is said to, not to stop applying. Borrowed;
	 * set by the caller after model_diff().
	 */
	const struct risk_register *asked;
};

/* Compare; old and new registers may hold risks that no longer apply. */
void	model_diff(struct model_diff *, const struct model *old_model,
	    const struct risk_register *old_risks,
	    const struct model *new_model,
	    const struct risk_register *new_risks);
void	model_diff_release(struct model_diff *);

/* 1 if nothing changed. */
int	model_diff_empty(const struct model_diff *);
/*
 * How many risks the change adds at or above a level (enum level) that are
 * open or mitigating: risks that appear, risks whose severity rose to the
 * level from below it, and decided risks set back to open or mitigating.
 * With a struct model_diff_new, each of the three counted apart.
 */
struct model_diff_new {
	size_t	appears;	/* a risk that did not apply before */
	size_t	raised;		/* an open risk that rose to the level */
	size_t	reopened;	/* a decided risk set back to open */
};
size_t	model_diff_new_at(const struct model_diff *, int level,
	    struct model_diff_new *);

/* Render: old_name and new_name say where each side came from. */
void	model_diff_text(const struct model_diff *, const char *old_name,
	    const char *new_name, struct buf *);
void	model_diff_markdown(const struct model_diff *, const char *old_name,
	    const char *new_name, struct buf *);

#endif

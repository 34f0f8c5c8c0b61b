/*
 * eval.h: conditions evaluated over one model, with three values.
 *
 * A condition is yes, no or maybe (it holds only if unanswered fields take
 * the risky answer), combined with Kleene logic (a practice question holds
 * only when answered no: an unanswered one is an open question, not a
 * maybe): all is the minimum, any
 * the maximum, not(maybe) is maybe. An evaluation context belongs to one
 * model and one catalogue: it builds the flows into and out of every
 * component once, and remembers the value of every quantifier ("inbound",
 * "upstream", "reachable-from", "reaches", ...) per component, of every
 * "contains" per boundary, of the component condition under every
 * "from" and "to" per component, and of every subject-independent
 * condition ("system", "exists", "practice") once; nodes that evaluate
 * alike share what is remembered (cond_share_slots()). The paths
 * ("reachable-from", "reaches") and "contains" are computed for all
 * subjects at their first use, in one pass over the flows or the
 * components, so that evaluating a condition on every target of a model
 * takes time linear in the size of the model.
 *
 * Ownership: eval_new() borrows the catalogue and the model (both must
 * stay unchanged until eval_free()).
 */
#ifndef PARAPET_RULES_EVAL_H
#define PARAPET_RULES_EVAL_H

struct catalogue;
struct cond;
struct model;
struct risk;

enum tv { TV_NO = 0, TV_MAYBE = 1, TV_YES = 2 };

struct eval;

/* A context for an indexed model (model_index()). */
struct eval	*eval_new(const struct catalogue *, const struct model *);
void		 eval_free(struct eval *);
/*
 * Forget what was remembered for the conditions of a tree (a threat's
 * "when" once its targets are done), so that memory holds the arrays of
 * one threat at a time rather than of the whole catalogue. A node that
 * shares its slot with nodes of threats not yet forgotten (catalogue_finish()
 * gives nodes that evaluate alike one slot) is kept for them; one of an
 * adjustment's conditions is kept to the end. A later use works them out
 * again, with the same values.
 */
void		 eval_forget(struct eval *, const struct cond *);
/*
 * The value of a condition for a subject of the condition's type: a
 * struct component, flow, boundary or system, or NULL for a condition of
 * target "any".
 */
enum tv		 eval_cond(struct eval *, const struct cond *, const void *);
/*
 * Whether all/any values are cached per (node, object): worth it while
 * findings are explained and scored, which evaluate the same nodes again,
 * not while each target is evaluated once (a miss costs a lookup).
 */
void		 eval_caching(struct eval *, int on);
/*
 * eval_cond() of the condition of the catalogue's adjustment ai for a
 * subject of its target, remembered: a score reads the same adjustments
 * for every threat of a target.
 */
enum tv		 eval_adjustment(struct eval *, size_t ai, const void *);
/*
 * The component kinds (KIND_BIT mask) for which a condition about a
 * component may hold: it is no for a component of any other kind, known
 * without evaluating it. KIND_ALL when its kinds are not written in it.
 */
unsigned	 eval_kinds(const struct cond *);
/*
 * Add to a risk the reasons a condition holds (yes or maybe) for a
 * subject: one line each, "fact: ..." for what the model says and
 * "assumed: ... (not answered)" for each unanswered field taken as the
 * risky answer. Lines already there are not repeated.
 */
/*
 * Between begin and end, the reasons, asks and aliases of risk k are only
 * added to (by eval_explain() or any other way), never changed or
 * removed: the explanations look for one already there in an index of
 * them rather than in each of them.
 */
void		 eval_reasons_begin(struct eval *, struct risk *k);
void		 eval_reasons_end(struct eval *);
/* risk_add_alias(), from that index for k between begin and end. */
void		 eval_add_alias(struct eval *, struct risk *k,
		     const char *name);
void		 eval_explain(struct eval *, const struct cond *, const void *,
		     struct risk *);
/* The same where the condition's value for the subject is known. */
void		 eval_explain_known(struct eval *, const struct cond *,
		     const void *, enum tv, struct risk *);
/*
 * While quiet is EVAL_QUIET_ALL, the explanations write no reasons, only
 * the fields they ask: for a finding that is only ever an open question
 * (analyze_lean()), whose reasons would be dropped unread. With
 * EVAL_QUIET_FACTS they write its assumptions too, no fact: for one that
 * is only ever an open question but may fold others, which reads what
 * each assumes.
 */
#define EVAL_QUIET_ALL		1
#define EVAL_QUIET_FACTS	2
void		 eval_quiet(struct eval *, int quiet);
/* Whether quiet is set. */
int		 eval_is_quiet(const struct eval *);
/*
 * Whether, since quiet was last set to EVAL_QUIET_ALL, an explanation met
 * an assumption it did not write: a finding whose explanations met none
 * does not rest on assumptions, whatever its evaluation said.
 */
int		 eval_assumed(const struct eval *);
/*
 * The same for why a condition that is maybe might not hold: each
 * unanswered field it rests on, taken as the answer that fails it
 * ("assumed: ... (not answered)"), and what the model says besides.
 */
void		 eval_explain_not(struct eval *, const struct cond *,
		     const void *, struct risk *);
/*
 * Bound a finding's reasons by the catalogue rather than by the model:
 * a line said twice is said once, and of the lines that say the same of
 * other parts ("flow 'a' is not encrypted", "flow 'b' is not
 * encrypted"), the first few are kept and one more line says how many
 * are left out and what they say ("and 1,204 more like: flow '…' is not
 * encrypted"). The score's lines and the threats a finding covers are
 * kept whole. Its questions are its asks, which are not touched.
 */
void		 eval_bound_reasons(struct risk *);
/* Append a count as a reader reads it: "1,204". */
struct buf;
void		 eval_add_count(struct buf *, size_t);

#endif

/*
 * analyze.h: apply the catalogue to a model and compute its risks.
 *
 * For every threat, every target of its type (component, flow, boundary,
 * or the system) whose condition holds, definitely or by assuming the
 * risky answer to unanswered fields, becomes a risk with the threat's
 * mitigations (proposed), the reasons it applies, and likelihood and impact
 * from the catalogue adjusted by the model (each adjustment a reason).
 * A risk that holds only by assuming the risky answer is provisional (see
 * risk_provisional()) and scored one less likely; of threats that exclude
 * each other (catalogue "excludes"), one unanswered field raises one.
 * Time and memory are linear in the size of the model.
 */
#ifndef PARAPET_RULES_ANALYZE_H
#define PARAPET_RULES_ANALYZE_H

struct catalogue;
struct error;
struct model;
struct question;
struct risk_register;

/*
 * Analyze an indexed model into an empty register (the caller's to
 * release). Risks come out sorted by risk_register_sort(). 0 or -1.
 */
int	analyze(const struct catalogue *, const struct model *,
	    struct risk_register *, struct error *);
/*
 * The open questions of an assessment: the practice questions of the
 * catalogue the model has not answered (an unanswered question raises no
 * risk; a "no" does). Returns their number; with out not NULL, also the
 * questions in catalogue order (the array is the caller's to free, the
 * questions are borrowed from the catalogue).
 */
size_t	analyze_open_questions(const struct catalogue *, const struct model *,
	    const struct question ***out);

#endif

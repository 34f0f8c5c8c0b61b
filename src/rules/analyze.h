/*
 * analyze.h: apply the catalogue to a model and compute its risks.
 *
 * For every threat, every target of its type (component, flow, boundary,
 * or the system) whose condition holds, definitely or by assuming the
 * risky answer to unanswered fields, becomes a risk with the threat's
 * mitigations (proposed), the reasons it applies, and likelihood and impact
 * from the catalogue adjusted by the model (each adjustment a reason).
 * Time and memory are linear in the size of the model.
 */
#ifndef PARAPET_RULES_ANALYZE_H
#define PARAPET_RULES_ANALYZE_H

struct catalogue;
struct error;
struct model;
struct risk_register;

/*
 * Analyze an indexed model into an empty register (the caller's to
 * release). Risks come out sorted by risk_register_sort(). 0 or -1.
 */
int	analyze(const struct catalogue *, const struct model *,
	    struct risk_register *, struct error *);

#endif

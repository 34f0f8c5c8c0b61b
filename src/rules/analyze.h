/*
 * analyze.h: apply the catalogue to a model and compute its risks.
 *
 * For every threat, every target of its type (component, flow, boundary,
 * or the system) whose condition holds, definitely or by assuming the
 * risky answer to unanswered fields, becomes a risk with the threat's
 * mitigations (proposed), the reasons it applies, and likelihood and impact
 * from the catalogue adjusted by the model (each adjustment a reason).
 * A finding that holds only by assuming the risky answer to unanswered
 * fields is not a risk: it is part of the open question of each field it
 * assumes (struct risk_question), scored as it would be if the answer is
 * the risky one. Of threats that exclude each other (catalogue
 * "excludes"), one unanswered field raises one.
 * Time and memory are linear in the size of the model.
 */
#ifndef PARAPET_RULES_ANALYZE_H
#define PARAPET_RULES_ANALYZE_H

struct catalogue;
struct error;
struct model;
struct question;
struct risk;
struct risk_questions;
struct risk_register;

/*
 * Analyze an indexed model into an empty register (the caller's to
 * release). Risks come out sorted by risk_register_sort(). 0 or -1.
 */
int	analyze(const struct catalogue *, const struct model *,
	    struct risk_register *, struct error *);
/*
 * The same, with the findings that stand only on assumptions (they would
 * have been provisional risks) added to pending, sorted the same way, if
 * it is not NULL (dropped otherwise). The session keeps as a risk one
 * that people decided on already (analyze_provisional()).
 */
int	analyze_unknowns(const struct catalogue *, const struct model *,
	    struct risk_register *, struct risk_register *pending,
	    struct error *);
/*
 * analyze_unknowns(), for a caller that only counts and keeps the
 * pending findings as open questions: those that stand only on
 * assumptions and that nothing can fold (no covers of the catalogue
 * names their threat, nor does it cover any) are raised lean (struct
 * risk's lean: no reasons nor mitigations, their facts not even
 * written), which spares the analysis of a large model most of the text
 * and memory it would spend on them. The register is the same as
 * analyze_unknowns() makes; a pending finding that is to become a risk
 * after all (a decision on it) needs analyze_unknowns() again.
 */
int	analyze_lean(const struct catalogue *, const struct model *,
	    struct risk_register *, struct risk_register *pending,
	    struct error *);
/*
 * analyze_unknowns() (lean 0) or analyze_lean() (lean 1) of only the
 * threats marked in only (one byte per threat of the catalogue, in its
 * order): their findings exactly as the whole analysis raises them, when
 * the marked set is closed under the relations between threats (see
 * rules/deps.h); nothing of the others.
 */
int	analyze_some(const struct catalogue *, const struct model *,
	    const unsigned char *only, struct risk_register *,
	    struct risk_register *pending, int lean, struct error *);
/*
 * 1 if analyze_lean() may raise a finding of this threat id lean: no
 * covers, covers-feedback or covers-agents list of the catalogue names it
 * (analyze_folding()); 0 if its findings are always whole.
 */
int	analyze_may_be_lean(const struct catalogue *, const char *threat);
/*
 * Make a finding that stands only on assumptions a provisional risk: one
 * less likely, with the reason that says so ("to confirm").
 */
void	analyze_provisional(struct risk *);
/*
 * The unanswered fields of a model as open questions: analyze it, keep
 * its question-only findings in pending (initialised; the caller releases
 * it after q) and build their questions into q (risk_questions_release()).
 * Returns their number (0 as well if the analysis failed).
 */
size_t	analyze_questions(const struct catalogue *, const struct model *,
	    struct risk_register *pending, struct risk_questions *);
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

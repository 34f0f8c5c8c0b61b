/*
 * risk.h: the risk register of a model.
 *
 * A risk is one threat of the catalogue applied to one target (a component,
 * flow or boundary id, or the system id for risks about the system as a
 * whole); it is identified by (threat, target) and named "THREAT@TARGET".
 * The analysis (rules/) computes the scoring part; the decisions (status,
 * owner, justification, mitigation status) are made by people and kept by
 * the store across re-analysis. A risk that stops applying is kept with
 * applies = 0 and its decisions when it has any (dropped otherwise), and
 * comes back if the model changes back.
 *
 * Ownership: a register owns its risks and every string in them, but for
 * the findings of an analysis: their threat id, title and mitigation ids
 * are the catalogue's (risk_register_add_threat(),
 * risk_add_mitigation_borrowed()), so the catalogue must outlive the
 * register (releasing it reads none of them).
 */
#ifndef PARAPET_MODEL_RISK_H
#define PARAPET_MODEL_RISK_H

#include <stddef.h>

struct risk_mitigation {
	char	*id;		/* mitigation id in the catalogue */
	int	 status;	/* enum mitigation_status */
	int	 borrowed;	/* 1: id is the catalogue's, not the risk's
				   (risk_add_mitigation_borrowed()) */
	char	*owner;		/* or NULL */
	char	*due;		/* YYYY-MM-DD or NULL */
	char	*notes;		/* or NULL */
};

/*
 * What a reason line says: a fact of the model, an unanswered field taken
 * as the risky answer, or a change to the score. The kind is what code
 * looks at; the line shows it to people ("fact: ...", "assumed: ...",
 * "likelihood +1: ...").
 */
enum reason_kind {
	REASON_FACT,		/* the model says so */
	REASON_ASSUMED,		/* not answered: the risky answer assumed */
	REASON_ADJUSTMENT,	/* likelihood or impact adjusted, and why */
	REASON_KIND_COUNT
};

struct risk_reason {
	enum reason_kind	 kind;
	char			*line;	/* as shown, with its prefix */
};

struct risk {
	char			*threat;	/* threat id */
	char			*target;	/* object id or the system id */
	char			*title;		/* the threat's title */
	int			 likelihood;	/* 1..5, after adjustments */
	int			 impact;	/* 1..5, after adjustments */
	int			 severity;	/* enum level, from the product */
	int			 applies;	/* 0: no longer applies */
	/*
	 * Why it applies and how it was scored, one line each: facts,
	 * assumptions (an unanswered field counted as the risky answer),
	 * then adjustments ("likelihood +1: ..." or "impact -1: ...").
	 */
	struct risk_reason	 *reasons;
	size_t			  nreasons;
	/* Decisions. */
	int			  status;	/* enum risk_status */
	char			 *owner;
	char			 *justification; /* for accepted, not-applicable */
	char			 *decided_by;	/* who set the status */
	char			 *decided_at;	/* when, ISO 8601 UTC */
	struct risk_mitigation	 *mitigations;
	size_t			  nmitigations;
	/*
	 * Set by the analysis, never stored: the names ("THREAT@TARGET")
	 * that the targets this finding groups, and the findings it covers,
	 * had as risks of their own (an earlier analysis raised a risk per
	 * flow, per component or per restating threat). The store moves
	 * their decisions onto this risk.
	 */
	char			**aliases;
	size_t			  naliases;
	/*
	 * Set by the analysis, never stored: the unanswered fields that a
	 * finding assumes the risky answer of, one (element, field) each,
	 * so that a finding that stands only on them becomes part of the
	 * open question of each field (struct risk_question).
	 */
	struct risk_ask		 *asks;
	size_t			  nasks;
	/*
	 * Set by the analysis, never stored: 1 for the finding as it would
	 * stand if the unanswered fields that a presumption (an adjustment
	 * with presume) read took the risky answer. It is only part of those
	 * fields' open questions: the register holds the finding as read.
	 */
	int			  presumed;
	/*
	 * Set by the analysis, never stored: 1 for a finding that it raised
	 * knowing it could only end as an open question (analyze_lean()):
	 * its asks, aliases and score are whole, but it has no reasons nor
	 * mitigations (the facts were not even written). It is provisional
	 * all the same.
	 */
	int			  lean;
	/*
	 * 1 if threat and title are the catalogue's strings, not the
	 * risk's (risk_register_add_threat()): an analysis raises hundreds
	 * of thousands of findings of a few hundred threats.
	 */
	int			  borrowed;
};

/* An unanswered field: "tool 'shell'", "executes-code". */
struct risk_ask {
	char	*element;	/* what it is about, as shown */
	char	*field;		/* the field to answer */
};

struct risk_register {
	struct risk	**risks;
	size_t		  n;
};

void		 risk_register_init(struct risk_register *);
void		 risk_register_release(struct risk_register *);
/* Free up to n of its risks, the last first; 1 while some are left, 0
 * once it is released (empty). */
int		 risk_register_release_some(struct risk_register *, size_t n);
/* Add a risk with everything unset and status open; the register owns it. */
struct risk	*risk_register_add(struct risk_register *, const char *threat,
		     const char *target);
/*
 * The same for a finding of a catalogue's threat: its id and title are
 * borrowed (the catalogue outlives the register), the target copied.
 */
struct risk	*risk_register_add_threat(struct risk_register *,
		     const char *threat, const char *title,
		     const char *target);
/*
 * Add a risk taken from another register (the register owns it now); with
 * a NULL register, free it.
 */
void		 risk_register_take(struct risk_register *, struct risk *);
/*
 * Free what only a risk is read for (its reasons, mitigations and
 * aliases), keeping what an open question reads: threat, target, title,
 * score and asks. For a finding that stays part of the open questions
 * only (at N = 100,000, 320 MiB of reasons and mitigations).
 */
void		 risk_slim(struct risk *);
/* The same, keeping its aliases too (the names decisions find it by). */
void		 risk_drop_reasons(struct risk *);
/* Find a risk by threat and target, or NULL. Linear. */
struct risk	*risk_register_find(const struct risk_register *,
		     const char *threat, const char *target);
/*
 * Add a reason of a kind; the line is "fact: " or "assumed: " and the
 * text, or the text alone for an adjustment (copied).
 */
void		 risk_add_reason(struct risk *, enum reason_kind,
		     const char *, ...)
		     __attribute__((format(printf, 3, 4)));
/* The same for a text already made (copied), without formatting it. */
void		 risk_add_reason_text(struct risk *, enum reason_kind,
		     const char *);
/*
 * Add a reason from its line as stored or exported (copied as it is), of
 * a kind, or with kind -1 of the kind its prefix was written with
 * ("fact: ", "assumed: ", anything else an adjustment): only readers of
 * text written without the kind (the store, older XML files) ask that.
 */
void		 risk_add_reason_line(struct risk *, int kind, const char *);
/*
 * The fact line of a finding that covers another threat's finding (the
 * analysis folds them), read back by risk_covered_threat(): the covered
 * threat's id, then its title.
 */
#define RISK_COVERS_FMT	"this finding also covers '%s' (%s)"
/*
 * The id of the threat a reason line says this finding covers, copied
 * into id (size bytes): 1, or 0 if the line says no such thing.
 */
int		 risk_covered_threat(const struct risk_reason *, char *id,
		     size_t size);
/* The text of a reason without its prefix (borrowed from the reason). */
const char	*risk_reason_text(const struct risk_reason *);
/* "fact", "assumed", "adjustment"; and back (-1 if unknown). */
const char	*reason_kind_name(enum reason_kind);
/* The prefix of a kind's lines ("fact: "), "" for an unknown kind. */
const char	*reason_kind_prefix(enum reason_kind);
int		 reason_kind_find(const char *);
/*
 * 1 if a risk is provisional: it holds only if unanswered fields take
 * the risky answer (one of its reasons is an assumption, or it is lean),
 * so it is to be confirmed by answering them.
 */
int		 risk_provisional(const struct risk *);
/* Add a mitigation (id copied) with status proposed; returns it. */
struct risk_mitigation *risk_add_mitigation(struct risk *, const char *id);
/*
 * The same with the id borrowed: a catalogue's mitigation id, for a
 * finding of the analysis (the catalogue outlives the register).
 */
struct risk_mitigation *risk_add_mitigation_borrowed(struct risk *,
		     const char *id);
struct risk_mitigation *risk_find_mitigation(const struct risk *,
		     const char *id);
/* Remove and free the risks whose drop[i] is set, keeping the order of
 * the rest. */
void		 risk_register_drop(struct risk_register *,
		     const unsigned char *drop);
/* Add an unanswered field (copied) unless the risk asks it already. */
void		 risk_add_ask(struct risk *, const char *element,
		     const char *field);
/* The same, known not to be asked yet (not looked for). */
void		 risk_append_ask(struct risk *, const char *element,
		     const char *field);
/* Forget the fields a risk asks (a risk made by hand). */
void		 risk_clear_asks(struct risk *);
/* Add an alias name (copied) unless it is there, or is the risk's own. */
void		 risk_add_alias(struct risk *, const char *name);
/* Add an alias name (copied), known not to be there (not looked for). */
void		 risk_append_alias(struct risk *, const char *name);
/*
 * 1 if people decided something about a risk: a status other than open,
 * an owner or a justification, or a mitigation with a status other than
 * proposed, an owner, a due date or notes.
 */
int		 risk_has_decision(const struct risk *);
/*
 * Fold the decisions of src into dst, when one finding takes the place of
 * several risks (dst already holds the decisions of one of them). The
 * more conservative status wins (open, mitigating, mitigated, accepted,
 * not-applicable: the first is the most), on a tie the more recent
 * decision; its owner, justification and who decided and when come with
 * it, and an owner or justification it lacks is taken from the other. For
 * each mitigation the less advanced decision wins (rejected, proposed,
 * planned, implemented, verified) with its owner, due date and notes; a
 * mitigation never decided on does not count. Returns 1 if dst changed.
 */
int		 risk_merge_decisions(struct risk *dst, const struct risk *src);
/* "THREAT@TARGET", the caller's to free. */
char		*risk_name(const struct risk *);
/*
 * Split "THREAT@TARGET" into its parts (the caller's to free). Returns 0,
 * or -1 if the name has no '@' or an empty part.
 */
int		 risk_parse_name(const char *, char **threat, char **target);
/*
 * 1 if a mitigation is overdue on a day (YYYY-MM-DD): due before it and not
 * implemented, verified or rejected. The dashboard and the Markdown report
 * both ask this.
 */
int		 risk_mitigation_overdue(const struct risk_mitigation *,
		     const char *today);
/* 1 if s is a real date written YYYY-MM-DD (a mitigation's due date). */
int		 risk_date_valid(const char *);
/* Severity from likelihood x impact: 1-4 low, 5-9 medium, 10-15 high,
 * 16-25 critical. */
int		 risk_severity(int likelihood, int impact);
/*
 * 1 if anyone decided anything on a risk: a status other than open, an
 * owner, a justification, a recorded decision, or a mitigation that is not
 * merely proposed (status, owner, due date or notes).
 */
int		 risk_decided(const struct risk *);
/*
 * 1 if a risk is marked mitigated with nothing to show for it: no
 * mitigation implemented or verified, and no justification.
 */
int		 risk_mitigated_unproven(const struct risk *);
/*
 * Sort the risks that stand on facts before the provisional ones, each
 * by severity (highest first), then likelihood x impact, then name.
 */
void		 risk_register_sort(struct risk_register *);

/*
 * An unanswered field as an open question of the assessment: the
 * findings that stand only on assumptions and assume its risky answer
 * (each scored as it would be if that answer is true), the worst of their
 * severities first. A finding that assumes several fields is part of the
 * question of each.
 */
struct risk_question {
	char			 *element;
	char			 *field;
	const struct risk	**risks;	/* borrowed, most severe
						   first */
	size_t			  nrisks;
	int			  worst;	/* severity */
};

struct risk_questions {
	struct risk_question	*v;
	size_t			 n;
};

/*
 * The questions of a register of findings that stand only on assumptions
 * (analyze_unknowns()'s pending register), most severe first, then by
 * element and field. The questions borrow the register's risks; one that
 * names no field (none should) is given the question of its target.
 */
void		 risk_questions_build(const struct risk_register *,
		     struct risk_questions *);
void		 risk_questions_release(struct risk_questions *);
/* qsort: questions in risk_questions_build()'s order. */
int		 risk_question_cmp(const void *, const void *);

#endif

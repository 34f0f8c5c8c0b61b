/*
 * risks.h: the risk register as lists: filtered, sorted, counted and
 * shown in detail (the dashboard is in view/dashboard.h).
 *
 * Severity is always written as a word or its first letters (CRIT, HIGH,
 * MED, LOW) as well as styled, so that nothing depends on colour. The
 * catalogue gives each risk its description, why it matters, references
 * and guideline subsections; a risk whose threat is no longer in the
 * catalogue is still listed, without them.
 *
 * Dates: "today" is $PARAPET_NOW's date when set (tests pin it), else the
 * current date in UTC; a mitigation is overdue when its due date is
 * before today and it is neither implemented, verified nor rejected.
 *
 * Lines borrow pointers to risks and mitigations as their data: rebuild
 * them whenever the register is reloaded.
 */
#ifndef PARAPET_VIEW_RISKS_H
#define PARAPET_VIEW_RISKS_H

#include <stddef.h>

#include "model/risk-counts.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "view/view.h"

struct buf;
struct catalogue;
struct threat;

/*
 * The style of a severity; its short label ("CRIT", "HIGH", "MED", "LOW")
 * is vocab_label(&vocab_severity, level).
 */
int		 rview_severity_style(int level);
/* Today as YYYY-MM-DD into a buffer of at least 11 bytes. */
void		 rview_today(char *);
/* 1 if a mitigation is overdue on a day. */
int		 rview_overdue(const struct risk_mitigation *,
		     const char *today);
/* The catalogue's threat of a risk, or NULL (linear; cat may be NULL). */
const struct threat *rview_threat(const struct catalogue *, const char *);
/* 1 if a threat cites a guideline subsection ("3.2"). */
int		 rview_cites(const struct threat *, const char *);

enum rsort {
	RSORT_SEVERITY,
	RSORT_STATUS,
	RSORT_TARGET,
	RSORT_GUIDELINE,
	RSORT_OWNER,
	RSORT_TITLE,
	RSORT_COUNT
};
/* "severity", "status", ... */
const char	*rsort_name(enum rsort);

struct rfilter {
	unsigned	 severities;	/* bits of enum level; 0: any */
	unsigned	 statuses;	/* bits of enum risk_status; 0: any */
	char		*owner;		/* part of the owner, or NULL */
	char		*target;	/* part of the target id, or NULL */
	char		*guideline;	/* a subsection ("3.2"), or NULL */
	char		*text;		/* part of any text of the risk */
	int		 gone;		/* show risks that no longer apply */
};

void		 rfilter_init(struct rfilter *);
void		 rfilter_release(struct rfilter *);
/* Make dst (released first) a copy of src. */
void		 rfilter_copy(struct rfilter *dst, const struct rfilter *src);
/* 1 if anything is filtered. */
int		 rfilter_active(const struct rfilter *);
/* "severity high, critical; owner 'ann'" for the status line. */
void		 rfilter_describe(const struct rfilter *, struct buf *);
/* 1 if a risk (with its threat, or NULL) passes the filter. */
int		 rfilter_match(const struct rfilter *, const struct risk *,
		     const struct threat *);
/*
 * The same for a risk a count read with only its threat, target, applies,
 * severity, status and owner (store_risk_tally_next()): texthit says
 * whether the filter's text is in its own texts (title, reasons,
 * mitigations...), the threat's are looked at here.
 */
int		 rfilter_match_tally(const struct rfilter *,
		     const struct risk *, const struct threat *,
		     int texthit);
/*
 * Set the filter of a name ("severity", "status", "owner", "target",
 * "guideline", "text", "gone") from text as a form gives it: words
 * separated by commas for severity and status, yes/no for gone. Returns
 * 0, or -1 with err set on an unknown word.
 */
struct error;
int		 rfilter_set(struct rfilter *, const char *name, const char *,
		     struct error *);
/* The text form of one filter (the caller's), or NULL when unset. */
char		*rfilter_get(const struct rfilter *, const char *name);

struct rview_cols {
	int	status;
	int	target;
	int	guide;		/* 0: no guideline column */
	int	title;
};
struct rview_item;

struct rview {
	struct rfilter	 filter;
	enum rsort	 sort;
	struct vlist	 list;		/* data: const struct risk; a risk's
					   line is formatted when shown */
	size_t		 shown;		/* risks listed (so far, while
					   pending) */
	size_t		 total;		/* risks in the register */
	/*
	 * A list is filtered a slice of the register at a time: the first
	 * screenful when built, the rest by rview_more() between keys.
	 * slice: risks looked at a step (0: RVIEW_SLICE); want: lines to
	 * list before a build returns (0: RVIEW_WANT).
	 */
	int		 pending;	/* risks are still to filter */
	/*
	 * The register is still being read (in this order, by severity):
	 * the end of what is read is not the end of the list, and the list
	 * stays pending until rview_grow() says it is whole.
	 */
	int		 partial;
	size_t		 scan;		/* the next of sorted to filter */
	size_t		 slice;
	size_t		 want;
	int		 seek;		/* the remembered risk is to get the
					   cursor when it comes */
	int		 prev;		/* the last listed was provisional */
	signed char	*thit;		/* a threat's texts match, per threat
					   (-1: not yet), for a text filter */
	int		 width;
	struct rview_cols fit;		/* the widths of what is listed */
	char		*keep_threat;	/* the selection, by name, kept */
	char		*keep_target;	/* across reloads of the register */
	/* What the lines are formatted with. */
	struct rview_cols		 cols;
	const struct catalogue		*cat;
	/*
	 * The whole register in the order asked for, kept while the
	 * register and the order stay the same (rview_stale() says when the
	 * register was reloaded), so that a new filter only picks from it.
	 */
	struct rview_item		*sorted;
	size_t				 nsorted;
	size_t				 sorted_cap;	/* room in sorted */
	enum rsort			 sorted_by;
	const struct risk_register	*sorted_of;
	struct risk *const		*sorted_risks;
};

#define RVIEW_SLICE	10000
#define RVIEW_WANT	200

void		 rview_init(struct rview *);
void		 rview_release(struct rview *);
/*
 * Note the selected risk by name. Call it after moving the cursor and
 * before the register it points into is freed.
 */
void		 rview_remember(struct rview *);
/*
 * Build the list: a heading of columns, then the risks that pass the
 * filter in the sort order: at least a screenful of them (rv->want), the
 * rest by rview_more() while rv->pending. The cursor goes back to the risk remembered
 * (by name) when that risk is still listed. The register is sorted once
 * for an order and kept: call rview_stale() whenever its risks change.
 */
void		 rview_build(struct rview *, const struct risk_register *,
		     const struct catalogue *, int width);
/*
 * Filter the next slice of the register into the list (the widths of the
 * columns follow what is listed). Returns 1 when it did, 0 when nothing
 * was pending; rv->pending says whether more is to come.
 */
int		 rview_more(struct rview *);
/*
 * The register built from grew at its end (more of it read, in the order
 * listed by severity), and is whole when partial is 0: the new risks are
 * to filter too (rview_more()). 0, or -1 when the list must be built again
 * (another order, another register, or risks that came out of order).
 */
int		 rview_grow(struct rview *, const struct risk_register *,
		     int partial);
/* The register built from was changed or reloaded: sort it again. */
void		 rview_stale(struct rview *);
/* The risk under the cursor, or NULL. */
const struct risk *rview_selected(const struct rview *);
/* Put the cursor on a risk by threat and target. 0 or -1. */
int		 rview_select(struct rview *, const char *threat,
		     const char *target);
/*
 * The widths of a list of risks' columns: status, target and guideline as
 * wide as the widest shown (at least their headings' with header; a target
 * at most a third of the width), the title the rest. init, fit each risk,
 * then done.
 */
void		 rview_cols_init(struct rview_cols *, int header);
void		 rview_cols_fit(struct rview_cols *, const struct risk *,
		     const struct threat *);
void		 rview_cols_done(struct rview_cols *, int width);
/* One risk as columns: severity, status, target, guideline, title. */
void		 rview_risk_line(struct vline *, const struct risk *,
		     const struct threat *, const struct rview_cols *);

/*
 * The detail of a risk: title, scores, decision, description, why it
 * matters, why it applies (the reasons), references, and each mitigation
 * with its status, owner, due date and notes. Every line is selectable
 * (to scroll); the lines of a mitigation carry it as their data
 * (struct risk_mitigation), the others NULL. The mitigation under the
 * cursor, which the decision keys act on, starts with an arrow.
 */
void		 rview_detail(struct vlist *, const struct risk *,
		     const struct catalogue *, const char *today, int width);

#endif

/*
 * dashboard.h: the dashboard screen's page (tui/screen-dashboard.c).
 *
 * Its reports, in order: the risks that apply by severity x status (and
 * how many rest on assumptions), the open questions, the overdue
 * mitigations and the accepted risks (data: the struct risk), and the
 * coverage of the guideline subsections (risks citing each, and how many
 * are mitigated). Every line is selectable, so that the page scrolls.
 */
#ifndef PARAPET_VIEW_DASHBOARD_H
#define PARAPET_VIEW_DASHBOARD_H

#include "model/risk-counts.h"
#include "util/strmap.h"
#include "view/view.h"

struct catalogue;
struct model;
struct risk;
struct risk_questions;
struct risk_register;

/*
 * What the reports are made of, gathered from a register a part at a time
 * as it is read (at a million risks a pass over them all takes longer
 * than a key may wait): its counts, the overdue mitigations and accepted
 * risks in the register's order (borrowed from it: its risks stay where
 * they are as it grows) and each threat's risks that apply, and how many
 * are mitigated.
 */
struct dash_due {
	const struct risk	*k;
	size_t			 m;	/* the mitigation's index in k */
};
struct dash_acc {
	struct risk_counts	 c;
	struct dash_due		*due;	/* overdue mitigations */
	size_t			 ndue;
	size_t			 capdue;
	const struct risk	**acc;	/* accepted risks */
	size_t			 nacc;
	size_t			 capacc;
	struct strmap		 byid;	/* threat id to its index + 1 */
	size_t			*tall;	/* by threat: risks that apply */
	size_t			*tmit;	/* of those, mitigated */
	size_t			 nt;	/* threats of the catalogue */
	size_t			 done;	/* risks of the register looked at */
};

void		 dash_acc_init(struct dash_acc *, const struct catalogue *);
void		 dash_acc_release(struct dash_acc *);
/*
 * Look at the risks of r from the first not looked at yet, max of them at
 * most: r is the same register each time, grown at its end.
 */
void		 dash_acc_add(struct dash_acc *, const struct risk_register *,
		     const char *today, size_t max);
/*
 * The page from what a gathered, of a register of total risks. Its
 * counts are c (those stored, for a register still being read), or a's
 * when c is NULL. While a has not looked at every risk, a line saying how
 * many are read stands in for the reports that need them all: its index
 * is returned (else 0), for dash_progress() to update as they are read.
 * The open questions are counted as nq when the questions are the first
 * of nq (0: as many as there are), the others said to be read.
 */
size_t		 dash_page(struct vlist *, const struct dash_acc *a,
		     const struct risk_counts *c, const struct catalogue *,
		     const struct model *, const struct risk_questions *,
		     size_t nq, const char *today, int width, size_t total);
/* Say on v that read of total risks are read. */
void		 dash_progress(struct vline *v, size_t read, size_t total);

/*
 * The page of a whole register.
 * With a model (indexed, or NULL), the open questions follow the counts:
 * the practice questions not answered, and the unanswered fields that
 * threats would rest on, each with the worst severity at stake.
 */
void		 dash_lines(struct vlist *, const struct risk_register *,
		     const struct catalogue *, const struct model *,
		     const struct risk_questions *, const char *today,
		     int width);

#endif

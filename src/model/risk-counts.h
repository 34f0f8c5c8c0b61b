/*
 * risk-counts.h: risks counted by severity and by status.
 *
 * One type for every summary of a register: the dashboard, the walk's
 * summary, the Markdown report, `parapet analyze` and the start screen
 * all read these counts. Only risks that apply are counted by severity
 * and status; those kept but no longer applying are counted apart. The
 * arrays are sized by the vocabularies (model/vocab.h), indexed by enum
 * level and enum risk_status; a risk whose severity or status is out of
 * range counts as applying but in no column.
 */
#ifndef PARAPET_MODEL_RISK_COUNTS_H
#define PARAPET_MODEL_RISK_COUNTS_H

#include <stddef.h>

#include "model/vocab.h"

struct risk;
struct risk_register;

struct risk_counts {
	size_t	applying;		/* risks that apply */
	size_t	by_severity[LEVEL_COUNT];	/* of those, by enum level */
	size_t	by_status[RISK_STATUS_COUNT];	/* by enum risk_status */
	size_t	cell[LEVEL_COUNT][RISK_STATUS_COUNT]; /* severity x status */
	size_t	assumed;		/* resting on at least one
					   assumption (provisional) */
	size_t	gone;			/* kept but no longer applying */
};

/* Count n risks alike, nassumed of them provisional. */
void	risk_counts_add(struct risk_counts *, int applies, int severity,
	    int status, size_t n, size_t nassumed);
/* Count one risk. */
void	risk_counts_add_risk(struct risk_counts *, const struct risk *);
/* Set the counts to those of a register (r may be NULL: all zero). */
void	risk_counts_compute(struct risk_counts *,
	    const struct risk_register *);

#endif

/* risk-counts.c: risks counted by severity and by status. */
#include "config.h"

#include <string.h>

#include "model/risk-counts.h"
#include "model/risk.h"

void
risk_counts_add(struct risk_counts *c, int applies, int severity, int status,
    size_t n, size_t nassumed)
{
	int	sev_ok = severity >= 0 && severity < LEVEL_COUNT;
	int	status_ok = status >= 0 && status < RISK_STATUS_COUNT;

	if (!applies) {
		c->gone += n;
		return;
	}
	c->applying += n;
	c->assumed += nassumed;
	if (sev_ok)
		c->by_severity[severity] += n;
	if (status_ok)
		c->by_status[status] += n;
	if (sev_ok && status_ok)
		c->cell[severity][status] += n;
}

void
risk_counts_add_risk(struct risk_counts *c, const struct risk *k)
{
	risk_counts_add(c, k->applies, k->severity, k->status, 1,
	    risk_provisional(k) ? 1 : 0);
}

void
risk_counts_compute(struct risk_counts *c, const struct risk_register *r)
{
	size_t	i;

	memset(c, 0, sizeof *c);
	for (i = 0; r != NULL && i < r->n; i++)
		risk_counts_add_risk(c, r->risks[i]);
}

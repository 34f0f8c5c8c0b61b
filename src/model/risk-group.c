/* risk-group.c: the order of the report's register (see risk-group.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/risk-group.h"
#include "util/xmalloc.h"

/* An applying risk's place while the register is grouped by threat. */
struct risk_group_slot {
	const struct risk_group_key	*k;
	size_t				 i;	/* register position */
	size_t				 lead;	/* its group's first */
};

static int
risk_group_by_threat(const void *a, const void *b)
{
	const struct risk_group_slot	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->k->threat, y->k->threat)) != 0)
		return c;
	if (x->k->provisional != y->k->provisional)
		return x->k->provisional < y->k->provisional ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
risk_group_by_lead(const void *a, const void *b)
{
	const struct risk_group_slot	*x = a, *y = b;

	if (x->lead != y->lead)
		return x->lead < y->lead ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

size_t
risk_group_order(const struct risk_group_key *keys, size_t n, size_t *order)
{
	struct risk_group_slot	*s;
	size_t			 i, j, na = 0;

	s = xreallocarray(NULL, n + 1, sizeof *s);
	for (i = 0; i < n; i++) {
		if (!keys[i].applies)
			continue;
		s[na].k = &keys[i];
		s[na].i = i;
		na++;
	}
	qsort(s, na, sizeof *s, risk_group_by_threat);
	for (i = 0; i < na; i++) {
		/* A run of one threat, confirmed or provisional: one group. */
		if (i > 0 && strcmp(s[i].k->threat, s[i - 1].k->threat) == 0 &&
		    s[i].k->provisional == s[i - 1].k->provisional)
			s[i].lead = s[i - 1].lead;
		else
			s[i].lead = s[i].i;
	}
	qsort(s, na, sizeof *s, risk_group_by_lead);
	for (i = 0; i < na; i++)
		order[i] = s[i].i;
	for (j = na, i = 0; i < n; i++)
		if (!keys[i].applies)
			order[j++] = i;
	free(s);
	return na;
}

/* analyze.c: threats of the catalogue applied to a model, scored. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "rules/eval.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Clamp a score to 1..5. */
static int
clamp(int v)
{
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

/*
 * Catalogue text on one line: line breaks and tabs become spaces, and
 * those at the end (a YAML block scalar keeps its last newline) go.
 */
static void
one_line(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
}

/* Apply every adjustment that definitely holds for a risk's subject. */
static void
analyze_adjust(struct eval *e, const struct catalogue *cat,
    const struct threat *t, const void *obj, struct risk *k)
{
	const struct adjustment	*a;
	struct buf		 b;
	int			 l = t->likelihood, im = t->impact;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < cat->nadjustments; i++) {
		a = cat->adjustments[i];
		if (!adjustment_applies(a, t))
			continue;
		if (eval_cond(e, a->when, a->target == TARGET_ANY ? NULL :
		    obj) != TV_YES)
			continue;
		buf_reset(&b);
		one_line(&b, a->reason);
		if (a->likelihood != 0)
			risk_add_reason(k, REASON_ADJUSTMENT, "likelihood %+d: %s", a->likelihood,
			    b.s);
		if (a->impact != 0)
			risk_add_reason(k, REASON_ADJUSTMENT, "impact %+d: %s", a->impact, b.s);
		l += a->likelihood;
		im += a->impact;
	}
	buf_release(&b);
	k->likelihood = clamp(l);
	k->impact = clamp(im);
	k->severity = risk_severity(k->likelihood, k->impact);
}

/* Raise the risk of a threat for one target it applies to. */
static void
analyze_raise(struct eval *e, const struct catalogue *cat,
    const struct threat *t, const void *obj, const char *target,
    struct risk_register *reg)
{
	struct risk	*k = risk_register_add(reg, t->id, target);
	size_t		 i;

	k->title = xstrdup(t->title);
	eval_explain(e, t->when, obj, k);
	analyze_adjust(e, cat, t, obj, k);
	for (i = 0; i < t->nmitigations; i++)
		risk_add_mitigation(k, t->mitigations[i]);
}

int
analyze(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct error *err)
{
	const struct threat	*t;
	struct eval		*e;
	size_t			 i, j;

	if (!m->indexed)
		return error_set(err, "the model must be indexed before it is "
		    "analyzed");
	e = eval_new(cat, m);
	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		switch (t->target) {
		case TARGET_COMPONENT:
			for (j = 0; j < m->ncomponents; j++)
				if (eval_cond(e, t->when,
				    m->components[j]) != TV_NO)
					analyze_raise(e, cat, t,
					    m->components[j],
					    m->components[j]->id, reg);
			break;
		case TARGET_FLOW:
			for (j = 0; j < m->nflows; j++)
				if (eval_cond(e, t->when, m->flows[j]) != TV_NO)
					analyze_raise(e, cat, t, m->flows[j],
					    m->flows[j]->id, reg);
			break;
		case TARGET_BOUNDARY:
			for (j = 0; j < m->nboundaries; j++)
				if (eval_cond(e, t->when,
				    m->boundaries[j]) != TV_NO)
					analyze_raise(e, cat, t,
					    m->boundaries[j],
					    m->boundaries[j]->id, reg);
			break;
		case TARGET_SYSTEM:
		case TARGET_ANY:
			if (eval_cond(e, t->when, &m->system) != TV_NO)
				analyze_raise(e, cat, t, &m->system,
				    m->system.id, reg);
			break;
		}
	}
	eval_free(e);
	risk_register_sort(reg);
	return 0;
}

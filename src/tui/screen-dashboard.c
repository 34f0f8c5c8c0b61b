/* screen-dashboard.c: severity by status, overdue mitigations, accepted
 * risks and the coverage of the guideline subsections. */
#include "config.h"

#include <stdlib.h>

#include "model/risk.h"
#include "tui/tui-int.h"
#include "util/xmalloc.h"
#include "view/dashboard.h"
#include "view/risks.h"

struct dashboard {
	struct vlist	list;
	int		listh;
	struct dash_acc	acc;		/* what the page is made of */
	unsigned long	accgen;		/* the t->gen + 1 acc is of, or 0 */
	unsigned long	built;		/* the t->gen + 1 the page is of, or 0 */
	int		builtw;		/* the width it was built for */
	size_t		progress;	/* the line saying how much of the
					   register is read, or 0 */
	int		qpartial;	/* built with the open questions
					   not all read */
};

static const enum kctx dashboard_keys[] = { KCTX_DASHBOARD, KCTX_MODEL,
    KCTX_LIST, KCTX_GLOBAL, KCTX_END };
static const struct key_hint dashboard_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_RISKS),
	KEY_HINT(ACT_WALK),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/*
 * Risks looked at a step between keys: the page's reports gathered from
 * a register read whole before took a second at a million risks.
 */
#define DASHBOARD_STEP	10000

/* Risks in the register: those stored, or those read once it is whole. */
static size_t
dashboard_total(const struct tui *t, const struct dashboard *d)
{
	size_t	n = t->rcounts.applying + t->rcounts.gone;

	if (!tui_risks_partial(t))
		return t->risks.n;
	return n > d->acc.done ? n : d->acc.done + 1;
}

/*
 * The dashboard fills the body; it scrolls as a list. Its counts are the
 * stored ones; the reports that need every risk (overdue mitigations,
 * accepted risks, coverage) are gathered a slice of the register at a
 * time between keys (dashboard_work()), and the page is built again once
 * the register is whole: at a million risks reading it takes seconds,
 * which neither opening the page nor a key that moves the cursor may
 * wait for. The open questions are read the same way after it.
 */
static void
dashboard_build(struct tui *t, struct dashboard *d)
{
	const struct risk_register	*r;
	const struct risk_questions	*q;

	if (d->accgen != t->gen + 1) {
		dash_acc_release(&d->acc);
		dash_acc_init(&d->acc, tui_catalogue(t));
		d->accgen = t->gen + 1;
	}
	r = tui_risks_part(t);
	dash_acc_add(&d->acc, r, t->today, DASHBOARD_STEP);
	q = tui_questions_part(t);
	d->qpartial = q != NULL && q->n < tui_questions_total(t);
	d->progress = dash_page(&d->list, &d->acc, tui_risks_partial(t) ?
	    &t->rcounts : NULL, tui_catalogue(t), t->m, q,
	    tui_questions_total(t), t->today, t->cols, dashboard_total(t, d));
	d->built = t->gen + 1;
	d->builtw = t->cols;
}

static void
dashboard_draw(struct tui *t, struct screen *s)
{
	struct dashboard	*d = s->data;

	if (d->built != t->gen + 1 || d->builtw != t->cols)
		dashboard_build(t, d);
	d->listh = tui_body_height(t);
	draw_list(t, &d->list, tui_body_top(t), 0, d->listh, t->cols, 1);
	tui_hint(t, s, dashboard_hint);
}

/*
 * Between keys: look at the next risks read, or read the next slice of
 * the register; the page is built whole once every risk is looked at,
 * else its line of progress says how far it is.
 */
static int
dashboard_work(struct tui *t, struct screen *s)
{
	struct dashboard	*d = s->data;

	if (d->built != t->gen + 1)
		return 0;
	/* The register first, then the open questions not read yet. */
	if (d->progress == 0) {
		if (!d->qpartial)
			return 0;
		if (!tui_questions_more(t) || tui_questions_part(t)->n >=
		    tui_questions_total(t))
			dashboard_build(t, d);
		return 1;
	}
	if (d->acc.done >= t->risks.n)
		(void)tui_risks_more(t);
	dash_acc_add(&d->acc, &t->risks, t->today, DASHBOARD_STEP);
	if (!tui_risks_partial(t) && d->acc.done >= t->risks.n) {
		dashboard_build(t, d);
		return 1;
	}
	dash_progress(&d->list.lines.v[d->progress], d->acc.done,
	    dashboard_total(t, d));
	return 1;
}

/* Enter on an overdue mitigation or accepted risk shows the risk. */
static enum tui_next
dashboard_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct dashboard		*d = s->data;
	const struct risk		*k;
	const struct risk_questions	*q;
	enum tui_next			 next;

	(void)key;
	if ((next = tui_list_key(t, &d->list, a, d->listh)) != TUI_NONE)
		return next;
	if (a != ACT_OPEN)
		return TUI_NONE;
	/* A risk's line carries the risk, an unanswered field's the field. */
	if ((k = vlist_selected(&d->list)) == NULL ||
	    ((q = tui_questions_part(t)) != NULL && (const void *)k >=
	    (const void *)q->v && (const void *)k < (const void *)(q->v +
	    q->n)))
		return TUI_REDRAW;
	return tui_goto(t, screen_risks_new(t, k));
}

static void
dashboard_free(struct screen *s)
{
	struct dashboard	*d = s->data;

	vlist_release(&d->list);
	dash_acc_release(&d->acc);
	free(d);
}

static const struct screen_ops dashboard_ops = {
	.name = "Dashboard",
	.keys = dashboard_keys,
	.draw = dashboard_draw,
	.key = dashboard_key,
	.work = dashboard_work,
	.free = dashboard_free,
};

struct screen *
screen_dashboard_new(struct tui *t)
{
	struct dashboard	*d = xcalloc(1, sizeof *d);

	(void)t;
	vlist_init(&d->list);
	return screen_new(&dashboard_ops, d);
}

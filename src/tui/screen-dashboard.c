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
	unsigned long	built;		/* the t->gen + 1 the page is of, or 0 */
	int		builtw;		/* the width it was built for */
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
 * The dashboard fills the body; it scrolls as a list. The page is built
 * once for each load of the model and width: at a million risks a build
 * is a pass over them all, which a key that moves the cursor must not
 * wait for.
 */
static void
dashboard_draw(struct tui *t, struct screen *s)
{
	struct dashboard	*d = s->data;

	if (d->built != t->gen + 1 || d->builtw != t->cols) {
		dash_lines(&d->list, tui_risks(t), tui_catalogue(t), t->m,
		    tui_questions(t), t->today, t->cols);
		d->built = t->gen + 1;
		d->builtw = t->cols;
	}
	d->listh = tui_body_height(t);
	draw_list(t, &d->list, tui_body_top(t), 0, d->listh, t->cols, 1);
	tui_hint(t, s, dashboard_hint);
}

/* Enter on an overdue mitigation or accepted risk shows the risk. */
static enum tui_next
dashboard_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct dashboard	*d = s->data;
	const struct risk	*k;
	enum tui_next		 next;

	(void)key;
	if ((next = tui_list_key(t, &d->list, a, d->listh)) != TUI_NONE)
		return next;
	if (a != ACT_OPEN)
		return TUI_NONE;
	if ((k = vlist_selected(&d->list)) == NULL)
		return TUI_REDRAW;
	return tui_goto(t, screen_risks_new(t, k));
}

static void
dashboard_free(struct screen *s)
{
	struct dashboard	*d = s->data;

	vlist_release(&d->list);
	free(d);
}

static const struct screen_ops dashboard_ops = {
	.name = "Dashboard",
	.keys = dashboard_keys,
	.draw = dashboard_draw,
	.key = dashboard_key,
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

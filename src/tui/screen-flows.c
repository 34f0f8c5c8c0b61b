/* screen-flows.c: the data-flow view: components by trust boundary, and
 * the flows between them with those that cross a boundary marked. */
#include "config.h"

#include <stdlib.h>

#include "model/model.h"
#include "tui/tui-int.h"
#include "util/xmalloc.h"
#include "view/flows.h"

struct flows_screen {
	struct vlist	list;
	int		listh;
};

static const enum kctx flows_keys[] = { KCTX_FLOWS, KCTX_MODEL, KCTX_LIST,
    KCTX_GLOBAL, KCTX_END };
static const struct key_hint flows_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_ADD),
	KEY_HINT(ACT_DELETE),
	KEY_HINT(ACT_HISTORY),
	KEY_HINT(ACT_WALK),
	KEY_HINT(ACT_RISKS),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* The data-flow view fills the body. */
static void
flows_draw(struct tui *t, struct screen *s)
{
	struct flows_screen	*fs = s->data;

	flows_lines(&fs->list, tui_model(t), t->cols);
	tui_select_added(t, &fs->list);
	fs->listh = tui_body_height(t);
	draw_list(t, &fs->list, tui_body_top(t), 0, fs->listh, t->cols, 1);
	tui_hint(t, s, flows_hint);
}

/* Edit, add, delete, or show the history of what is selected. */
static enum tui_next
flows_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct flows_screen	*fs = s->data;
	const void		*p = vlist_selected(&fs->list);
	enum tui_next		 next;

	(void)key;
	if ((next = tui_list_key(t, &fs->list, a, fs->listh)) != TUI_NONE)
		return next;
	switch (a) {
	case ACT_OPEN:
		if (view_objid(t->m, p) == NULL)
			return TUI_REDRAW;
		return tui_push(t, screen_form_new(t, view_objtype(t->m, p),
		    view_objid(t->m, p), -1));
	case ACT_ADD:
		if (t->m->ncomponents == 0) {
			tui_errorf(t, "add components first (%s, step 3)",
			    keys_key(ACT_WALK, KCTX_MODEL));
			return TUI_REDRAW;
		}
		return tui_push(t, screen_form_new(t, OBJ_FLOW, NULL, -1));
	case ACT_DELETE:
		return screen_form_delete(t, view_objid(t->m, p));
	case ACT_HISTORY:
		if (view_objid(t->m, p) == NULL)
			return TUI_REDRAW;
		return tui_push(t, screen_history_new(t, view_objid(t->m, p)));
	default:
		return TUI_NONE;
	}
}

static void
flows_free(struct screen *s)
{
	struct flows_screen	*fs = s->data;

	vlist_release(&fs->list);
	free(fs);
}

static const struct screen_ops flows_ops = {
	.name = "Data flows",
	.keys = flows_keys,
	.draw = flows_draw,
	.key = flows_key,
	.free = flows_free,
};

struct screen *
screen_flows_new(struct tui *t)
{
	struct flows_screen	*fs = xcalloc(1, sizeof *fs);

	(void)t;
	vlist_init(&fs->list);
	return screen_new(&flows_ops, fs);
}

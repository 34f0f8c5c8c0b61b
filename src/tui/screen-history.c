/* screen-history.c: the history of one object, or of the whole model. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/history-list.h"

struct history_screen {
	char		*object;	/* or NULL: the whole model */
	struct change	*v;
	size_t		 n;
	struct vlist	 list;
	int		 listh;
};

static const enum kctx history_keys[] = { KCTX_HISTORY, KCTX_MODEL,
    KCTX_LIST, KCTX_GLOBAL, KCTX_END };
static const struct key_hint history_hint[] = {
	KEY_HINT(ACT_SEARCH),
	KEY_HINT(ACT_SEARCH_NEXT),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* Read the history again (another process may have added to it). */
static void
history_focus(struct tui *t, struct screen *s)
{
	struct history_screen	*hs = s->data;
	struct error		 err;

	changes_free(hs->v, hs->n);
	hs->v = NULL;
	hs->n = 0;
	if (t->m == NULL)
		return;
	error_clear(&err);
	if (store_history(t->s->store, t->m->system.id, hs->object, &hs->v,
	    &hs->n, &err) == -1)
		tui_error(t, &err);
}

/* A heading, then the changes newest first. */
static void
history_draw(struct tui *t, struct screen *s)
{
	struct history_screen	*hs = s->data;
	struct vline		 l;
	int			 y = tui_body_top(t);

	memset(&l, 0, sizeof l);
	if (hs->object != NULL)
		vline_addf(&l, VS_HEADING, "History of '%s' (%zu changes, "
		    "newest first)", hs->object, hs->n);
	else
		vline_addf(&l, VS_HEADING, "History of the model (%zu "
		    "changes, newest first)", hs->n);
	draw_line(t, &l, y, 0, t->cols, 0);
	vline_release(&l);
	history_lines(&hs->list, hs->v, hs->n, t->cols, hs->object != NULL);
	hs->listh = tui_body_height(t) - 1;
	draw_list(t, &hs->list, y + 1, 0, hs->listh, t->cols, 1);
	tui_hint(t, s, history_hint);
}

/* The history is a list to scroll and search. */
static enum tui_next
history_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct history_screen	*hs = s->data;

	(void)key;
	return tui_list_key(t, &hs->list, a, hs->listh);
}

static void
history_free(struct screen *s)
{
	struct history_screen	*hs = s->data;

	changes_free(hs->v, hs->n);
	free(hs->object);
	vlist_release(&hs->list);
	free(hs);
}

static const struct screen_ops history_ops = {
	.name = "History",
	.keys = history_keys,
	.draw = history_draw,
	.key = history_key,
	.focus = history_focus,
	.free = history_free,
};

struct screen *
screen_history_new(struct tui *t, const char *object)
{
	struct history_screen	*hs = xcalloc(1, sizeof *hs);

	(void)t;
	hs->object = object != NULL ? xstrdup(object) : NULL;
	vlist_init(&hs->list);
	return screen_new(&history_ops, hs);
}

/* screen-help.c: the keys, built from the key table: those of the screen
 * the help was asked from first, then every other. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "view/keys.h"

struct help_screen {
	struct vlist	list;
	enum kctx	chain[KCTX_COUNT + 1];
	int		listh;
};

static const enum kctx help_keys[] = { KCTX_HELP, KCTX_LIST, KCTX_GLOBAL,
    KCTX_END };
static const struct key_hint help_hint[] = {
	KEY_HINT2(ACT_UP, ACT_DOWN, "scroll"),
	KEY_HINT(ACT_SEARCH),
	KEY_HINT(ACT_BACK),
	KEY_HINT_END
};

/* 1 if a context is in a chain. */
static int
help_in(const enum kctx *chain, int c)
{
	for (; *chain != KCTX_END; chain++)
		if ((int)*chain == c)
			return 1;
	return 0;
}

/* Add the help of one context as lines. */
static void
help_add(struct vlist *l, int c, int width)
{
	struct buf	 b;
	char		*p, *nl;
	struct vline	*v;
	int		 first = 1;

	buf_init(&b);
	keys_help(&b, c);
	for (p = b.s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		v = vlines_add(&l->lines);
		v->selectable = 1;
		vline_cell(v, first ? VS_HEADING : VS_NORMAL, p, width);
		first = 0;
	}
	buf_release(&b);
	vlines_add(&l->lines)->selectable = 1;
}

/* The help of the chain first, then of every other context. */
static void
help_draw(struct tui *t, struct screen *s)
{
	struct help_screen	*hs = s->data;
	struct vline		*v;
	size_t			 i;
	int			 c;

	vlist_clear(&hs->list);
	v = vlines_add(&hs->list.lines);
	v->selectable = 1;
	vline_add(v, VS_HEADING, "Keys of this screen");
	vlines_add(&hs->list.lines)->selectable = 1;
	for (i = 0; hs->chain[i] != KCTX_END; i++)
		help_add(&hs->list, hs->chain[i], t->cols - 1);
	v = vlines_add(&hs->list.lines);
	v->selectable = 1;
	vline_add(v, VS_HEADING, "Keys of the other screens");
	vlines_add(&hs->list.lines)->selectable = 1;
	for (c = 0; c < KCTX_COUNT; c++)
		if (!help_in(hs->chain, c))
			help_add(&hs->list, c, t->cols - 1);
	vlist_fix(&hs->list);
	hs->listh = tui_body_height(t);
	draw_list(t, &hs->list, tui_body_top(t), 0, hs->listh, t->cols, 1);
	tui_hint(t, s, help_hint);
}

/* Scroll and search; ? again does nothing. */
static enum tui_next
help_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct help_screen	*hs = s->data;

	(void)key;
	if (a == ACT_HELP)
		return TUI_REDRAW;
	return tui_list_key(t, &hs->list, a, hs->listh);
}

static void
help_free(struct screen *s)
{
	struct help_screen	*hs = s->data;

	vlist_release(&hs->list);
	free(hs);
}

static const struct screen_ops help_ops = {
	.name = "Help",
	.keys = help_keys,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};

struct screen *
screen_help_new(struct tui *t, const enum kctx *chain)
{
	struct help_screen	*hs = xcalloc(1, sizeof *hs);
	size_t			 n = 0;

	(void)t;
	for (; *chain != KCTX_END && n < KCTX_COUNT; chain++)
		hs->chain[n++] = *chain;
	hs->chain[n] = KCTX_END;
	vlist_init(&hs->list);
	return screen_new(&help_ops, hs);
}

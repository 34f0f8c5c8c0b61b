/* screen-prompt.c: a modal prompt for one line of text. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct prompt_screen {
	char		 *title;
	char		 *hint;
	struct ledit	  e;
	tui_done_fn	  done;
	void		 *arg;
	void		(*free_arg)(void *);
};

/* Typed text is not looked up in the global keys: '?' and 'q' are text. */
static const enum kctx prompt_keys[] = { KCTX_PROMPT, KCTX_EDIT, KCTX_END };
static const struct key_hint prompt_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_CLEAR),
	KEY_HINT_END
};

/*
 * A framed line of text, scrolled to the cursor, and its hint whole: the
 * frame grows with the hint (the export's says where the file goes and
 * that an existing one is replaced: cut at two lines, 80 columns lost
 * that), as far as the screen allows.
 */
static void
prompt_draw(struct tui *t, struct screen *s)
{
	struct prompt_screen	*ps = s->data;
	struct vline		 l;
	struct vlines		 ls;
	struct buf		 vis;
	const char		*p;
	int			 w, y, x, col, tw, skip, used, nh;

	w = t->cols - 8 < 96 ? t->cols - 8 : 96;
	vlines_init(&ls);
	if (ps->hint != NULL)
		vlines_wrap(&ls, VS_DIM, ps->hint, w - 4, 0);
	nh = ls.n > 2 ? (int)ls.n : 2;
	if (nh > t->rows - 6)
		nh = t->rows - 6;
	y = t->rows / 2 - 3;
	if (y + nh + 4 > t->rows - 1)
		y = t->rows - 1 - (nh + 4);
	if (y < 1)
		y = 1;
	x = (t->cols - w) / 2;
	draw_box(t, y, x, nh + 4, w, ps->title);
	/* The text, scrolled so that the cursor shows. */
	tw = w - 6;
	buf_init(&vis);
	text_visible(&vis, ps->e.s, 0);
	col = ledit_column(&ps->e);
	p = vis.s;
	skip = 0;
	if (col >= tw) {
		p += text_fit(vis.s, col - tw + 1, &used);
		skip = used;
		while (skip < col - tw + 1 && *p != '\0') {
			size_t	n = text_fit(p, 1, &used);

			p += n > 0 ? n : 1;
			skip += used > 0 ? used : 1;
		}
	}
	memset(&l, 0, sizeof l);
	vline_add(&l, VS_KEY, "> ");
	vline_add(&l, VS_FIELD, p);
	draw_line(t, &l, y + 2, x + 2, w - 4, 0);
	vline_release(&l);
	buf_release(&vis);
	draw_lines(t, &ls, 0, y + 3, x + 2, nh, w - 4);
	vlines_release(&ls);
	draw_cursor(t, y + 2, x + 4 + col - skip);
	tui_hint(t, s, prompt_hint);
}

/* Every printable key is text; Enter and Esc end the prompt. */
static enum tui_next
prompt_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct prompt_screen	*ps = s->data;

	switch (a) {
	case ACT_OPEN:
		return ps->done(t, ps->arg, ps->e.s) == 0 ? TUI_POP :
		    TUI_REDRAW;
	case ACT_BACK:
		return TUI_POP;
	default:
		break;
	}
	/* The line-editing keys, C-u (ACT_CLEAR) among them. */
	ledit_key(&ps->e, key);
	return TUI_REDRAW;
}

static void
prompt_free(struct screen *s)
{
	struct prompt_screen	*ps = s->data;

	free(ps->title);
	free(ps->hint);
	ledit_release(&ps->e);
	if (ps->free_arg != NULL)
		ps->free_arg(ps->arg);
	free(ps);
}

static const struct screen_ops prompt_ops = {
	.name = "prompt",
	.keys = prompt_keys,
	.modal = 1,
	.draw = prompt_draw,
	.key = prompt_key,
	.free = prompt_free,
};

enum tui_next
tui_prompt(struct tui *t, const char *title, const char *hint,
    const char *initial, tui_done_fn done, void *arg,
    void (*free_arg)(void *))
{
	struct prompt_screen	*ps = xcalloc(1, sizeof *ps);

	ps->title = xstrdup(title);
	ps->hint = hint != NULL ? xstrdup(hint) : NULL;
	ledit_init(&ps->e, initial);
	ps->done = done;
	ps->arg = arg;
	ps->free_arg = free_arg;
	return tui_push(t, screen_new(&prompt_ops, ps));
}

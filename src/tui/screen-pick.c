/* screen-pick.c: a modal pick list over the screen below; confirmations. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui-int.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/pick.h"

struct pick_screen {
	struct pick	  p;
	tui_done_fn	  done;
	void		 *arg;
	void		(*free_arg)(void *);
	int		  confirm;	/* call done only for "yes" */
};

static const enum kctx pick_keys[] = { KCTX_PICK, KCTX_LIST, KCTX_GLOBAL,
    KCTX_END };
static const struct key_hint pick_hint[] = {
	KEY_HINT(ACT_JUMP),
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_BACK),
	KEY_HINT_END
};
static const struct key_hint pick_multi_hint[] = {
	KEY_HINT(ACT_TOGGLE),
	KEY_HINT(ACT_JUMP),
	KEY_HINT_AS(ACT_OPEN, "done"),
	KEY_HINT(ACT_BACK),
	KEY_HINT_END
};

/* 1 if some option's help does not fit beside it in width columns. */
static int
pick_cut(const struct pick *p, int width)
{
	size_t	i;
	int	lw = 0, w;

	for (i = 0; i < p->n; i++)
		if ((w = text_width(p->v[i].label)) > lw)
			lw = w;
	if (lw > width / 2)
		lw = width / 2;
	for (i = 0; i < p->n; i++)
		if (p->v[i].help != NULL && (p->multi ? 4 : 0) + lw + 2 +
		    text_width(p->v[i].help) > width)
			return 1;
	return 0;
}

/* A framed list in the middle of the screen. */
static void
pick_draw(struct tui *t, struct screen *s)
{
	struct pick_screen	*ps = s->data;
	const struct pick_option *o;
	struct vlines		 help, head;
	int			 w, h, y, x, cut, foot, top;

	/* On a narrow screen (a projector's 80 columns) nearly all of it. */
	w = t->cols <= 100 ? t->cols - 2 : t->cols - 8 < 96 ? t->cols - 8 :
	    96;
	/*
	 * Where an option's help does not fit beside it, the selected
	 * one's is shown whole under the list, in up to three lines.
	 */
	cut = pick_cut(&ps->p, w - 4);
	foot = cut ? 4 : 0;
	/* A title too long for the frame (a question) goes inside it. */
	vlines_init(&head);
	if (text_width(ps->p.title) + 2 > w - 4)
		vlines_wrap(&head, VS_HEADING, ps->p.title, w - 4, 0);
	if (head.n > 4)
		vline_add(&head.v[3], VS_HEADING, "\xe2\x80\xa6");
	top = head.n > 4 ? 4 : (int)head.n;
	h = (int)ps->p.n + 2 + foot + top;
	if (h > t->rows - 4)
		h = t->rows - 4;
	y = (t->rows - h) / 2;
	x = (t->cols - w) / 2;
	pick_build(&ps->p, w - 4);
	draw_box(t, y, x, h, w, top > 0 ? "" : ps->p.title);
	draw_lines(t, &head, 0, y + 1, x + 2, top, w - 4);
	vlines_release(&head);
	draw_list(t, &ps->p.list, y + 1 + top, x + 2, h - 2 - foot - top,
	    w - 3, 1);
	if (cut && (o = pick_current(&ps->p)) != NULL && o->help != NULL) {
		vlines_init(&help);
		vlines_wrap(&help, VS_DIM, o->help, w - 4, 0);
		if (help.n > 3)
			vline_add(&help.v[2], VS_DIM, "\xe2\x80\xa6");
		draw_lines(t, &help, 0, y + h - 1 - 3, x + 2, 3, w - 4);
		vlines_release(&help);
	}
	tui_hint(t, s, ps->p.multi ? pick_multi_hint : pick_hint);
}

/* Call done with the choice; close unless it asks to stay. */
static enum tui_next
pick_choose(struct tui *t, struct pick_screen *ps)
{
	char	*v = pick_result(&ps->p);
	int	 rc = 0;

	if (!ps->confirm || strcmp(v, "yes") == 0)
		rc = ps->done(t, ps->arg, v);
	free(v);
	return rc == 0 ? TUI_POP : TUI_REDRAW;
}

/*
 * Esc after typing a value: it was not taken. A form's typed field keeps
 * what Esc leaves it on, so say that a list does not (a new user typed a
 * kind, pressed Esc and lost it unawares).
 */
static void
pick_dropped(struct tui *t, struct pick_screen *ps)
{
	char	*v = pick_result(&ps->p);

	tui_message(t, "nothing chosen: %s cancels the list; %s would have "
	    "chosen '%s'", keys_key(ACT_BACK, KCTX_PICK), keys_key(ACT_OPEN,
	    KCTX_PICK), v);
	free(v);
}

/* Move, tick, choose or cancel. */
static enum tui_next
pick_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct pick_screen	*ps = s->data;
	size_t			 typed = ps->p.ntyped;

	/* Any other printable character goes on with what is typed
	 * ("in-house"); a move forgets it. */
	if (a == ACT_NONE && key > ' ' && key < 0x7f)
		a = ACT_JUMP;
	if (a != ACT_JUMP)
		pick_typed_reset(&ps->p);
	switch (a) {
	case ACT_UP:
		vlist_move(&ps->p.list, -1);
		return TUI_REDRAW;
	case ACT_DOWN:
		vlist_move(&ps->p.list, 1);
		return TUI_REDRAW;
	case ACT_PAGE_UP:
		vlist_page(&ps->p.list, -1, t->rows - 6);
		return TUI_REDRAW;
	case ACT_PAGE_DOWN:
		vlist_page(&ps->p.list, 1, t->rows - 6);
		return TUI_REDRAW;
	case ACT_FIRST:
		vlist_home(&ps->p.list);
		return TUI_REDRAW;
	case ACT_LAST:
		vlist_end(&ps->p.list);
		return TUI_REDRAW;
	case ACT_TOGGLE:
		if (ps->p.multi) {
			pick_toggle(&ps->p);
			return TUI_REDRAW;
		}
		return pick_choose(t, ps);
	case ACT_OPEN:
		return pick_choose(t, ps);
	case ACT_JUMP:
		if (pick_jump(&ps->p, key) == -1)
			tui_errorf(t, "no value starting with '%c'", key);
		return TUI_REDRAW;
	case ACT_BACK:
	case ACT_QUIT:
		if (typed > 0 && !ps->p.multi)
			pick_dropped(t, ps);
		return TUI_POP;
	default:
		return a == ACT_HELP ? TUI_NONE : TUI_REDRAW;
	}
}

static void
pick_free(struct screen *s)
{
	struct pick_screen	*ps = s->data;

	pick_release(&ps->p);
	if (ps->free_arg != NULL)
		ps->free_arg(ps->arg);
	free(ps);
}

static const struct screen_ops pick_ops = {
	.name = "choose",
	.keys = pick_keys,
	.modal = 1,
	.draw = pick_draw,
	.key = pick_key,
	.free = pick_free,
};

enum tui_next
tui_pick(struct tui *t, struct pick *p, tui_done_fn done, void *arg,
    void (*free_arg)(void *))
{
	struct pick_screen	*ps = xcalloc(1, sizeof *ps);

	ps->p = *p;
	memset(p, 0, sizeof *p);
	ps->done = done;
	ps->arg = arg;
	ps->free_arg = free_arg;
	pick_build(&ps->p, 60);
	return tui_push(t, screen_new(&pick_ops, ps));
}

int
tui_pick_type(struct tui *t, int key)
{
	struct pick_screen	*ps;

	if (t->pending == NULL || t->pending->ops != &pick_ops)
		return -1;
	ps = t->pending->data;
	return pick_jump(&ps->p, key);
}

enum tui_next
tui_confirm(struct tui *t, const char *question, tui_done_fn done, void *arg,
    void (*free_arg)(void *))
{
	struct pick	p;
	enum tui_next	next;

	pick_init(&p, question, 0);
	pick_add(&p, "no", "No", "keep it");
	pick_add(&p, "yes", "Yes", "go ahead");
	next = tui_pick(t, &p, done, arg, free_arg);
	((struct pick_screen *)t->pending->data)->confirm = 1;
	return next;
}

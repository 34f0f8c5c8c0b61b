/*
 * draw.c: the only code that calls curses drawing functions.
 *
 * It puts view-model lines on the screen, cut by terminal columns (never
 * by bytes), with the attributes of the one colour table below. Lines are
 * already safe (text_visible): nothing drawn here comes raw from a model.
 * Without colours (NO_COLOR set, or a monochrome terminal) every style
 * falls back to plain attributes; no meaning rests on colour alone, as
 * severities and crossings are also written in words.
 *
 * Where the locale's codeset is not UTF-8 (LANG=C over SSH) or the terminal
 * cannot show it (a VT100, a terminal without line drawing), everything is
 * drawn in ASCII: rules and boxes with - | +, the few symbols of the screens
 * with the letters of draw_glyphs, and any other character as '?' per
 * column, so that no multibyte sequence reaches such a terminal raw.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* The colour table: one entry per view style. */
static const struct {
	short	fg;		/* colour, -1: the terminal's default */
	short	bg;
	attr_t	colour;		/* attributes with colours */
	attr_t	mono;		/* attributes without */
} draw_styles[VS_COUNT] = {
	[VS_NORMAL] =	{ -1, -1, A_NORMAL, A_NORMAL },
	[VS_TITLE] =	{ COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[VS_HEADING] =	{ COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[VS_DIM] =	{ -1, -1, A_NORMAL, A_NORMAL },
	[VS_KEY] =	{ COLOR_YELLOW, -1, A_BOLD, A_BOLD },
	[VS_ERROR] =	{ COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE },
	[VS_OK] =	{ COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[VS_WARN] =	{ COLOR_YELLOW, -1, A_NORMAL, A_NORMAL },
	[VS_LOW] =	{ COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[VS_MEDIUM] =	{ COLOR_YELLOW, -1, A_BOLD, A_NORMAL },
	[VS_HIGH] =	{ COLOR_RED, -1, A_BOLD, A_BOLD },
	[VS_CRITICAL] =	{ COLOR_WHITE, COLOR_RED, A_BOLD,
			  A_BOLD | A_UNDERLINE },
	[VS_CROSSING] =	{ COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[VS_FIELD] =	{ COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
};

/* The symbols the screens draw, and what stands for them in ASCII. */
static const struct {
	uint32_t	cp;		/* code point */
	char		ascii;		/* one column, as the symbol */
} draw_glyphs[] = {
	{ 0x2502, '|' },	/* separator in the title bar */
	{ 0x2500, '-' },
	{ 0x2713, '*' },	/* a step that is done */
	{ 0x2191, '^' },	/* more above */
	{ 0x2193, 'v' },	/* more below */
	{ 0x2026, '~' },	/* text cut (as tig marks it) */
	{ 0x2192, '>' },
	{ 0x25b6, '>' },	/* the mitigation the keys act on */
};

/* Terminal names (prefixes) that show no UTF-8: the DEC VT family. */
static const char *const draw_ascii_terms[] = { "vt1", "vt2", "vt3", "vt4",
    "vt5", NULL };

static int	draw_colour;		/* colours in use */
static int	draw_ascii;		/* ASCII only: no UTF-8 */
static int	draw_cy = -1;		/* where the text cursor goes */
static int	draw_cx = -1;

void
draw_init_colours(struct tui *t)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i, dflt;

	draw_colour = 0;
	if ((nc == NULL || *nc == '\0') && has_colors() &&
	    start_color() == OK && COLORS >= 8 && COLOR_PAIRS > VS_COUNT) {
		dflt = use_default_colors() == OK;
		for (i = 0; i < VS_COUNT; i++) {
			short	fg = draw_styles[i].fg, bg = draw_styles[i].bg;

			if (!dflt && fg == -1)
				fg = COLOR_WHITE;
			if (!dflt && bg == -1)
				bg = COLOR_BLACK;
			init_pair((short)(i + 1), fg, bg);
		}
		draw_colour = 1;
	}
	t->colour = draw_colour;
}

void
draw_init_glyphs(struct tui *t)
{
	const char	*cs = nl_langinfo(CODESET), *term = termname();
	const char	*acsc = tigetstr("acsc");
	size_t		 i;

	draw_ascii = cs == NULL || (strcasecmp(cs, "UTF-8") != 0 &&
	    strcasecmp(cs, "utf8") != 0);
	/* No line drawing at all: an old or minimal terminal. */
	if (acsc == NULL || acsc == (char *)-1)
		draw_ascii = 1;
	for (i = 0; term != NULL && draw_ascii_terms[i] != NULL; i++)
		if (strncmp(term, draw_ascii_terms[i],
		    strlen(draw_ascii_terms[i])) == 0)
			draw_ascii = 1;
	t->ascii = draw_ascii;
}

/* The attributes of a style. */
static attr_t
draw_attr(int style)
{
	if (style < 0 || style >= VS_COUNT)
		style = VS_NORMAL;
	if (!draw_colour)
		return draw_styles[style].mono;
	return draw_styles[style].colour | COLOR_PAIR(style + 1);
}

void
draw_begin(struct tui *t)
{
	(void)t;
	attrset(A_NORMAL);
	erase();
	draw_cy = draw_cx = -1;
}

void
draw_end(struct tui *t)
{
	(void)t;
	if (draw_cy >= 0) {
		curs_set(1);
		move(draw_cy, draw_cx);
	} else
		curs_set(0);
	refresh();
}

void
draw_cursor(struct tui *t, int y, int x)
{
	(void)t;
	draw_cy = y;
	draw_cx = x;
}

/* Put n bytes of safe text at the cursor in ASCII: symbols as their
 * letters, other characters as '?' for each column they take. */
static void
draw_put_ascii(const char *s, size_t n)
{
	uint32_t	c;
	size_t		k, i;
	int		w;

	while (n > 0) {
		if ((k = utf8_decode(s, n, &c)) == 0) {
			k = 1;
			c = '?';
		}
		if (c < 0x80)
			addch((chtype)c);
		else {
			for (i = 0; i < sizeof draw_glyphs /
			    sizeof draw_glyphs[0]; i++)
				if (draw_glyphs[i].cp == c)
					break;
			if (i < sizeof draw_glyphs / sizeof draw_glyphs[0])
				addch((chtype)draw_glyphs[i].ascii);
			else {
				/* As text_width counts it: one if unknown. */
				w = wcwidth((wchar_t)c);
				for (w = w < 0 ? 1 : w; w > 0; w--)
					addch('?');
			}
		}
		s += k;
		n -= k;
	}
}

/* Put safe text at the cursor, at most cols columns; returns columns. */
static int
draw_text(const char *s, int cols, attr_t attr)
{
	size_t	n;
	int	used;

	if (cols <= 0)
		return 0;
	n = text_fit(s, cols, &used);
	attrset(attr);
	if (n > 0 && draw_ascii)
		draw_put_ascii(s, n);
	else if (n > 0)
		addnstr(s, (int)n);
	return used;
}

/* A symbol (UTF-8, one column) at (y, x), or its ASCII letter. */
static void
draw_glyph(int y, int x, const char *sym)
{
	move(y, x);
	if (draw_ascii)
		draw_put_ascii(sym, strlen(sym));
	else
		addstr(sym);
}

/* The columns of a line's text up to its last character that is not a
 * space (padding that does not fit is not text cut). */
static int
draw_line_width(const struct vline *l)
{
	size_t	 i, end;
	int	 w = 0, upto = 0;
	char	*head;

	for (i = 0; i < l->n; i++) {
		const char	*s = l->segs[i].text;

		for (end = strlen(s); end > 0 && s[end - 1] == ' '; end--)
			;
		if (end > 0) {
			head = xstrndup(s, end);
			upto = w + text_width(head);
			free(head);
		}
		w += text_width(s);
	}
	return upto;
}

void
draw_line(struct tui *t, const struct vline *l, int y, int x, int w,
    int selected)
{
	attr_t	extra = selected == 1 ? A_REVERSE : selected == 2 ?
	    A_UNDERLINE : 0;
	size_t	i;
	int	used = 0, cut = w > 1 && draw_line_width(l) > w;

	(void)t;
	move(y, x);
	/* Text cut at the edge ends with an ellipsis, as cells do. */
	for (i = 0; i < l->n && used < w - cut; i++)
		used += draw_text(l->segs[i].text, w - cut - used,
		    draw_attr(l->segs[i].style) | extra);
	if (cut) {
		attrset(draw_attr(i > 0 ? l->segs[i - 1].style : VS_NORMAL) |
		    extra);
		draw_glyph(y, x + used, "\u2026");
		used++;
	}
	if (selected == 1) {
		attrset(A_REVERSE);
		for (; used < w; used++)
			addch(' ');
	}
	attrset(A_NORMAL);
}

void
draw_list(struct tui *t, struct vlist *l, int y, int x, int h, int w,
    int focused)
{
	size_t	i, idx, fixed;
	int	sel;

	if (h <= 0 || w <= 0)
		return;
	vlist_scroll(l, h);
	/* A column header stays put; the rest scrolls under it. */
	fixed = vlist_fixed(l, h);
	for (i = 0; i < fixed; i++)
		draw_line(t, vlist_line(l, i), y + (int)i, x, w, 0);
	for (i = fixed; i < (size_t)h; i++) {
		idx = l->top + i - fixed;
		if (idx >= l->lines.n)
			break;
		sel = 0;
		if (idx == l->cursor && l->lines.v[idx].selectable)
			sel = focused ? 1 : 2;
		draw_line(t, vlist_line(l, idx), y + (int)i, x, w, sel);
	}
	/* Arrows over the last column when there is more to see. */
	attrset(draw_attr(VS_KEY));
	if (l->top > fixed)
		draw_glyph(y + (int)fixed, x + w - 1,
		    "\xe2\x86\x91");				/* U+2191 */
	if (l->top + (size_t)h - fixed < l->lines.n)
		draw_glyph(y + h - 1, x + w - 1, "\xe2\x86\x93"); /* U+2193 */
	attrset(A_NORMAL);
}

void
draw_lines(struct tui *t, const struct vlines *ls, size_t top, int y, int x,
    int h, int w)
{
	size_t	i;

	for (i = 0; i < (size_t)h && top + i < ls->n; i++)
		draw_line(t, &ls->v[top + i], y + (int)i, x, w, 0);
}

void
draw_box(struct tui *t, int y, int x, int h, int w, const char *title)
{
	struct vline	l;
	int		i;

	(void)t;
	attrset(A_NORMAL);
	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	attrset(draw_attr(VS_HEADING));
	mvhline(y, x + 1, draw_ascii ? '-' : ACS_HLINE, w - 2);
	mvhline(y + h - 1, x + 1, draw_ascii ? '-' : ACS_HLINE, w - 2);
	mvvline(y + 1, x, draw_ascii ? '|' : ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, draw_ascii ? '|' : ACS_VLINE, h - 2);
	mvaddch(y, x, draw_ascii ? '+' : ACS_ULCORNER);
	mvaddch(y, x + w - 1, draw_ascii ? '+' : ACS_URCORNER);
	mvaddch(y + h - 1, x, draw_ascii ? '+' : ACS_LLCORNER);
	mvaddch(y + h - 1, x + w - 1, draw_ascii ? '+' : ACS_LRCORNER);
	if (title != NULL && *title != '\0') {
		memset(&l, 0, sizeof l);
		vline_add(&l, VS_HEADING, " ");
		vline_add(&l, VS_HEADING, title);
		vline_add(&l, VS_HEADING, " ");
		draw_line(t, &l, y, x + 2, w - 4, 0);
		vline_release(&l);
	}
	attrset(A_NORMAL);
}

void
draw_rule(struct tui *t, int y, const char *label)
{
	struct vline	l;

	attrset(draw_attr(VS_DIM));
	mvhline(y, 0, draw_ascii ? '-' : ACS_HLINE, t->cols);
	attrset(A_NORMAL);
	if (label == NULL)
		return;
	memset(&l, 0, sizeof l);
	vline_add(&l, VS_HEADING, " ");
	vline_add(&l, VS_HEADING, label);
	vline_add(&l, VS_HEADING, " ");
	draw_line(t, &l, y, 2, t->cols - 4, 0);
	vline_release(&l);
}

/* The columns a line takes. */
static int
draw_width(const struct vline *l)
{
	char	*p = vline_plain(l);
	int	 w = text_width(p);

	free(p);
	return w;
}

void
draw_title(struct tui *t, const char *screen)
{
	struct vline	 l;
	const char	*name;
	char		*s;
	int		 room;

	memset(&l, 0, sizeof l);
	vline_add(&l, VS_TITLE, " Parapet ");
	vline_add(&l, VS_TITLE, "\xe2\x94\x82 ");	/* U+2502 */
	vline_add(&l, VS_TITLE, screen);
	if (t->m != NULL) {
		vline_add(&l, VS_TITLE, " \xe2\x94\x82 ");
		/*
		 * The model's id is never cut: where the name, id and
		 * revision do not fit, the revision is shortened, then the
		 * name cut (or left out).
		 */
		name = t->m->system.name != NULL ? t->m->system.name :
		    t->m->system.id;
		s = xasprintf(" (%s, revision %ld)", t->m->system.id,
		    t->m->revision);
		if (draw_width(&l) + text_width(name) + text_width(s) >
		    t->cols) {
			free(s);
			s = xasprintf(" (%s, r%ld)", t->m->system.id,
			    t->m->revision);
		}
		room = t->cols - draw_width(&l) - text_width(s);
		if (text_width(name) <= room)
			vline_add(&l, VS_TITLE, name);
		else if (room >= 12)
			vline_cell(&l, VS_TITLE, name, room);
		else {
			free(s);
			s = xasprintf("%s, r%ld", t->m->system.id,
			    t->m->revision);
		}
		vline_add(&l, VS_TITLE, s);
		free(s);
	} else {
		vline_add(&l, VS_TITLE, " \xe2\x94\x82 ");
		vline_add(&l, VS_TITLE, t->db);
	}
	attrset(draw_attr(VS_TITLE));
	mvhline(0, 0, ' ', t->cols);
	draw_line(t, &l, 0, 0, t->cols, 0);
	vline_release(&l);
}

/* The hint of a screen that has none (help, back, quit), keys from the
 * table. */
static void
draw_hint_default(struct tui *t, struct vline *l)
{
	static const enum kctx		chain[] = { KCTX_GLOBAL, KCTX_END };
	static const struct key_hint	h[] = {
		KEY_HINT(ACT_HELP),
		KEY_HINT(ACT_BACK),
		KEY_HINT(ACT_QUIT),
		KEY_HINT_END
	};

	keys_hint_line(l, h, chain, t->cols, VS_KEY, VS_DIM);
}

/* The message of the status line wrapped to the screen's width. */
static void
draw_status_wrap(struct tui *t, struct vlines *ls)
{
	char	*s;

	s = xasprintf("%s%s", t->status_error ? "error: " : "",
	    t->status.s);
	vlines_wrap(ls, t->status_error ? VS_ERROR : VS_OK, s, t->cols, 0);
	free(s);
}

int
draw_status_rows(struct tui *t)
{
	struct vlines	ls;
	int		n;

	if (t->status.len == 0)
		return 1;
	vlines_init(&ls);
	draw_status_wrap(t, &ls);
	n = ls.n < 1 ? 1 : ls.n > TUI_STATUS_MAX ? TUI_STATUS_MAX :
	    (int)ls.n;
	vlines_release(&ls);
	return n + 1;	/* the key hints stay under the message */
}

void
draw_status(struct tui *t)
{
	struct vlines	 ls;
	struct vline	*l;
	int		 i, n = t->status_rows > 1 ? t->status_rows : 1;
	int		 y = t->rows - n;

	vlines_init(&ls);
	if (t->status.len > 0) {
		draw_status_wrap(t, &ls);
		while (n > 1 && ls.n > (size_t)n - 1)
			vline_release(&ls.v[--ls.n]);
	}
	/* A message set while drawing had no row kept for the hints. */
	if (t->status.len == 0 || n > 1) {
		l = vlines_add(&ls);
		if (t->hint != NULL)
			keys_hint_line(l, t->hint, t->hint_chain, t->cols,
			    VS_KEY, VS_DIM);
		else
			draw_hint_default(t, l);
	}
	for (i = 0; i < n; i++) {
		move(y + i, 0);
		clrtoeol();
		if ((size_t)i < ls.n)
			draw_line(t, &ls.v[i], y + i, 0, t->cols, 0);
	}
	vlines_release(&ls);
}

void
draw_too_small(struct tui *t)
{
	struct vlines	 ls;
	char		*s;

	vlines_init(&ls);
	s = xasprintf("Terminal too small: %dx%d.", t->cols, t->rows);
	vlines_wrap(&ls, VS_ERROR, s, t->cols, 0);
	free(s);
	s = xasprintf("Parapet needs at least %dx%d: make the window larger "
	    "(or press %s to quit).", TUI_MIN_COLS, TUI_MIN_ROWS,
	    keys_key(ACT_QUIT, KCTX_GLOBAL));
	vlines_wrap(&ls, VS_NORMAL, s, t->cols, 0);
	free(s);
	draw_lines(t, &ls, 0, 0, 0, t->rows, t->cols);
	vlines_release(&ls);
}

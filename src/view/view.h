/*
 * view.h: rows of text with styles, lists with a cursor.
 *
 * This is the pure part of the TUI: it knows nothing of curses. A screen
 * turns models, registers and histories into lines (struct vline) made of
 * segments, each with a style (enum vstyle); src/tui/draw.c puts them on
 * the terminal, cut by columns. Every segment's text is made safe when it
 * is added (text_visible), so no control character or escape sequence from
 * a model can reach the terminal, whatever the caller passes in.
 *
 * A struct vlist is a list of lines with a cursor and a scroll position
 * (the first line shown); lines that are not selectable (headings, blank
 * lines) are skipped by the cursor. Each line may carry a borrowed pointer
 * (data) so that a screen can find the object a line shows.
 *
 * The line editor of text fields and prompts is in view/ledit.h.
 *
 * Ownership: lines own their segments' text; lists own their lines;
 * data pointers are borrowed and never freed.
 */
#ifndef PARAPET_VIEW_VIEW_H
#define PARAPET_VIEW_VIEW_H

#include <stddef.h>

struct buf;

/* How a segment looks; src/tui/draw.c maps each to colours and attributes. */
enum vstyle {
	VS_NORMAL,
	VS_TITLE,	/* the title bar */
	VS_HEADING,	/* section and column headings */
	VS_DIM,		/* less important text: help, hints */
	VS_KEY,		/* a key name in help and hints */
	VS_ERROR,	/* an error message */
	VS_OK,		/* done, mitigated, verified */
	VS_WARN,	/* to do, overdue, assumed */
	VS_LOW,		/* severity low */
	VS_MEDIUM,	/* severity medium */
	VS_HIGH,	/* severity high */
	VS_CRITICAL,	/* severity critical */
	VS_CROSSING,	/* a flow that crosses a trust boundary */
	VS_FIELD,	/* the value of a form field */
	VS_COUNT
};

struct vseg {
	char	*text;		/* safe to print: control characters visible */
	int	 style;		/* enum vstyle */
};

struct vline {
	struct vseg	*segs;
	size_t		 n;
	size_t		 cap;
	int		 selectable;	/* the cursor may stop here */
	const void	*data;		/* borrowed: what the line shows */
};

struct vlines {
	struct vline	*v;
	size_t		 n;
	size_t		 cap;
};

struct vlist {
	struct vlines	 lines;
	size_t		 cursor;	/* index of the selected line */
	size_t		 top;		/* index of the first line shown
					   below the sticky ones */
	size_t		 sticky;	/* first lines that never scroll
					   (a column header) */
	/*
	 * Or NULL: makes the text of a line that carries data but has no
	 * text yet, when it is first drawn or searched (vlist_line()), so
	 * that a list of a million items formats only what is shown. arg
	 * is borrowed.
	 */
	void		(*fill)(const void *arg, struct vline *);
	const void	*fill_arg;
};

/* Append text (untrusted: made visible, newlines too) in a style. */
void	 vline_add(struct vline *, int style, const char *);
void	 vline_addf(struct vline *, int style, const char *, ...)
	     __attribute__((format(printf, 3, 4)));
/*
 * Append text cut or padded to exactly width columns; text that does not
 * fit ends with an ellipsis.
 */
void	 vline_cell(struct vline *, int style, const char *, int width);
/* The line's text without styles (the caller's to free). */
char	*vline_plain(const struct vline *);
void	 vline_release(struct vline *);

void		 vlines_init(struct vlines *);
void		 vlines_release(struct vlines *);
void		 vlines_clear(struct vlines *);
/* Append an empty line (not selectable); the pointer lasts until the
 * next vlines_add. */
struct vline	*vlines_add(struct vlines *);
/* Append one line holding text in a style. */
struct vline	*vlines_addf(struct vlines *, int style, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
/*
 * Append untrusted text word-wrapped to width columns, each line indented
 * by indent spaces; newlines in the text start new lines.
 */
void		 vlines_wrap(struct vlines *, int style, const char *,
		     int width, int indent);

void		 vlist_init(struct vlist *);
void		 vlist_release(struct vlist *);
/*
 * Drop every line, the sticky count and the filler, keep the cursor and
 * scroll:
 * rebuild, then vlist_fix().
 */
void		 vlist_clear(struct vlist *);
/* Append a line that can hold the cursor and shows data; the pointer
 * lasts until the next line is added. */
struct vline	*vlist_item(struct vlist *, const void *data);
/* Line i (< lines.n), its text made first when the list fills lazily. */
struct vline	*vlist_line(struct vlist *, size_t i);
/* Put the cursor on a selectable line again after a rebuild. */
void		 vlist_fix(struct vlist *);
/* Move the cursor by delta selectable lines (clamped). */
void		 vlist_move(struct vlist *, int delta);
void		 vlist_home(struct vlist *);
void		 vlist_end(struct vlist *);
/* Move by a page of height lines (dir -1 or 1). */
void		 vlist_page(struct vlist *, int dir, int height);
/*
 * Adjust top so that the cursor is visible in height lines, below the
 * sticky lines.
 */
void		 vlist_scroll(struct vlist *, int height);
/*
 * The sticky lines shown in height lines: l->sticky, or 0 when the list
 * or the height is too short for them to stay put.
 */
size_t		 vlist_fixed(const struct vlist *, int height);
/* The data of the line under the cursor, or NULL. */
const void	*vlist_selected(const struct vlist *);
/*
 * Move the cursor to the next selectable line after it (wrapping) whose
 * text contains needle, ignoring ASCII case, or whose item runs on to
 * lines that do (the lines after it that the cursor skips and that carry
 * its data). 0, or -1 when none does.
 */
int		 vlist_search(struct vlist *, const char *);

/* 1 if haystack contains needle, ignoring ASCII case. */
int		 view_contains(const char *, const char *);

#endif

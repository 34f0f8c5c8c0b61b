/* view.c: styled lines, word wrapping and lists with a cursor. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/view.h"

#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */

/* Append an already visible string as a segment. */
static void
vline_push(struct vline *l, int style, char *text)
{
	if (l->n > 0 && l->segs[l->n - 1].style == style) {
		struct vseg	*last = &l->segs[l->n - 1];
		char		*joined = xasprintf("%s%s", last->text, text);

		free(last->text);
		free(text);
		last->text = joined;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 4 : l->cap * 2;
		l->segs = xreallocarray(l->segs, l->cap, sizeof *l->segs);
	}
	l->segs[l->n].text = text;
	l->segs[l->n].style = style;
	l->n++;
}

void
vline_add(struct vline *l, int style, const char *s)
{
	struct buf	b;

	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 0);
	vline_push(l, style, buf_detach(&b));
	buf_release(&b);
}

/* vline_add of formatted text. */
static void
vline_vaddf(struct vline *l, int style, const char *fmt, va_list ap)
{
	char	*s = xvasprintf(fmt, ap);

	vline_add(l, style, s);
	free(s);
}

void
vline_addf(struct vline *l, int style, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vline_vaddf(l, style, fmt, ap);
	va_end(ap);
}

void
vline_cell(struct vline *l, int style, const char *s, int width)
{
	struct buf	b;
	size_t		n;
	int		w, used;

	if (width <= 0)
		return;
	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 0);
	w = text_width(b.s);
	if (w > width) {
		n = text_fit(b.s, width - 1, &used);
		buf_truncate(&b, n);
		buf_adds(&b, ELLIPSIS);
		w = used + 1;
	}
	for (; w < width; w++)
		buf_addc(&b, ' ');
	vline_push(l, style, buf_detach(&b));
	buf_release(&b);
}

char *
vline_plain(const struct vline *l)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < l->n; i++)
		buf_adds(&b, l->segs[i].text);
	return buf_detach(&b);
}

void
vline_release(struct vline *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->segs[i].text);
	free(l->segs);
	memset(l, 0, sizeof *l);
}

void
vlines_init(struct vlines *ls)
{
	memset(ls, 0, sizeof *ls);
}

void
vlines_clear(struct vlines *ls)
{
	size_t	i;

	for (i = 0; i < ls->n; i++)
		vline_release(&ls->v[i]);
	ls->n = 0;
}

void
vlines_release(struct vlines *ls)
{
	vlines_clear(ls);
	free(ls->v);
	vlines_init(ls);
}

struct vline *
vlines_add(struct vlines *ls)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap == 0 ? 16 : ls->cap * 2;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof *ls->v);
	}
	memset(&ls->v[ls->n], 0, sizeof ls->v[ls->n]);
	return &ls->v[ls->n++];
}

struct vline *
vlines_addf(struct vlines *ls, int style, const char *fmt, ...)
{
	struct vline	*l = vlines_add(ls);
	va_list		 ap;

	va_start(ap, fmt);
	vline_vaddf(l, style, fmt, ap);
	va_end(ap);
	return l;
}

/* Add one wrapped line of already visible text (adds the indent). */
static void
vlines_put(struct vlines *ls, int style, const char *s, size_t len,
    int indent)
{
	struct vline	*l = vlines_add(ls);
	char		*t = xmalloc((size_t)indent + len + 1);

	memset(t, ' ', (size_t)indent);
	memcpy(t + indent, s, len);
	t[indent + len] = '\0';
	vline_push(l, style, t);
}

/* Wrap one paragraph of visible text (no newlines) to width columns. */
static void
vlines_wrap_para(struct vlines *ls, int style, const char *p, int width,
    int indent)
{
	size_t	start, end, word, n;
	int	w, ww;
	char	*tmp;

	while (*p == ' ')
		p++;
	if (*p == '\0') {
		vlines_add(ls);
		return;
	}
	while (*p != '\0') {
		/* Take whole words while they fit. */
		start = 0;
		end = 0;
		w = 0;
		for (;;) {
			word = end;
			while (p[word] == ' ')
				word++;
			if (p[word] == '\0')
				break;
			n = word;
			while (p[n] != '\0' && p[n] != ' ')
				n++;
			tmp = xstrndup(p + end, n - end);
			ww = text_width(tmp);
			free(tmp);
			if (w + ww > width)
				break;
			w += ww;
			end = n;
		}
		if (end == start) {
			/* A word longer than the line: cut it by columns. */
			tmp = xstrndup(p, strcspn(p, " "));
			end = text_fit(tmp, width, NULL);
			free(tmp);
			if (end == 0)
				end = 1;
		}
		vlines_put(ls, style, p, end, indent);
		p += end;
		while (*p == ' ')
			p++;
	}
}

void
vlines_wrap(struct vlines *ls, int style, const char *s, int width,
    int indent)
{
	struct buf	 b;
	char		*line, *nl;

	if (width - indent < 8)
		width = indent + 8;
	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 1);
	for (line = b.s;; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		vlines_wrap_para(ls, style, line, width - indent, indent);
		if (nl == NULL)
			break;
	}
	buf_release(&b);
}

void
vlist_init(struct vlist *l)
{
	memset(l, 0, sizeof *l);
}

void
vlist_release(struct vlist *l)
{
	vlines_release(&l->lines);
	vlist_init(l);
}

struct vline *
vlist_item(struct vlist *l, const void *data)
{
	struct vline	*v = vlines_add(&l->lines);

	v->selectable = 1;
	v->data = data;
	return v;
}

void
vlist_clear(struct vlist *l)
{
	vlines_clear(&l->lines);
	l->sticky = 0;
	l->fill = NULL;
	l->fill_arg = NULL;
}

struct vline *
vlist_line(struct vlist *l, size_t i)
{
	struct vline	*v = &l->lines.v[i];

	if (v->n == 0 && v->data != NULL && l->fill != NULL)
		l->fill(l->fill_arg, v);
	return v;
}

/* 1 if line i exists and the cursor may stop on it. */
static int
vlist_ok(const struct vlist *l, size_t i)
{
	return i < l->lines.n && l->lines.v[i].selectable;
}

void
vlist_fix(struct vlist *l)
{
	size_t	i;

	if (l->lines.n == 0) {
		l->cursor = l->top = 0;
		return;
	}
	if (l->cursor >= l->lines.n)
		l->cursor = l->lines.n - 1;
	if (vlist_ok(l, l->cursor))
		return;
	for (i = l->cursor; i < l->lines.n; i++)
		if (vlist_ok(l, i)) {
			l->cursor = i;
			return;
		}
	for (i = l->cursor; i-- > 0;)
		if (vlist_ok(l, i)) {
			l->cursor = i;
			return;
		}
}

void
vlist_move(struct vlist *l, int delta)
{
	size_t	i = l->cursor;

	while (delta > 0) {
		size_t	j = i + 1;

		while (j < l->lines.n && !vlist_ok(l, j))
			j++;
		if (j >= l->lines.n)
			break;
		i = j;
		delta--;
	}
	while (delta < 0) {
		size_t	j = i;

		while (j > 0 && !vlist_ok(l, j - 1))
			j--;
		if (j == 0)
			break;
		i = j - 1;
		delta++;
	}
	l->cursor = i;
	vlist_fix(l);
}

void
vlist_home(struct vlist *l)
{
	l->cursor = 0;
	l->top = 0;
	vlist_fix(l);
}

void
vlist_end(struct vlist *l)
{
	l->cursor = l->lines.n > 0 ? l->lines.n - 1 : 0;
	while (l->cursor > 0 && !vlist_ok(l, l->cursor))
		l->cursor--;
	vlist_fix(l);
}

void
vlist_page(struct vlist *l, int dir, int height)
{
	int	step = height > 1 ? height - 1 : 1;

	vlist_move(l, dir * step);
	if (dir > 0 && l->top + (size_t)step < l->lines.n)
		l->top += (size_t)step;
	else if (dir < 0)
		l->top = l->top > (size_t)step ? l->top - (size_t)step : 0;
}

size_t
vlist_fixed(const struct vlist *l, int height)
{
	if (l->sticky == 0 || height <= 0 || l->sticky >= (size_t)height ||
	    l->sticky >= l->lines.n)
		return 0;
	return l->sticky;
}

void
vlist_scroll(struct vlist *l, int height)
{
	size_t	first = vlist_fixed(l, height);
	size_t	h = height > 0 ? (size_t)height - first : 1;

	if (h == 0)
		h = 1;
	if (l->lines.n - first <= h) {
		l->top = first;
		return;
	}
	if (l->top < first)
		l->top = first;
	if (l->top > l->lines.n - h)
		l->top = l->lines.n - h;
	if (l->cursor < l->top)
		l->top = l->cursor > first ? l->cursor : first;
	else if (l->cursor >= l->top + h)
		l->top = l->cursor - h + 1;
	/* Show the heading just above the first selectable line (not the
	   end of an item that runs on to lines the cursor skips). */
	if (l->top > first && l->top == l->cursor &&
	    !vlist_ok(l, l->top - 1) && l->lines.v[l->top - 1].data == NULL &&
	    l->cursor + 1 < l->top + h)
		l->top--;
}

const void *
vlist_selected(const struct vlist *l)
{
	if (!vlist_ok(l, l->cursor))
		return NULL;
	return l->lines.v[l->cursor].data;
}

int
view_contains(const char *h, const char *n)
{
	size_t	i, nl = strlen(n);
	char	first[3] = { n[0], '\0', '\0' };

	if (nl == 0)
		return 1;
	/* Only where the first byte matches (either case) is compared. */
	if (n[0] >= 'A' && n[0] <= 'Z')
		first[1] = (char)(n[0] - 'A' + 'a');
	else if (n[0] >= 'a' && n[0] <= 'z')
		first[1] = (char)(n[0] - 'a' + 'A');
	for (; (h = strpbrk(h, first)) != NULL; h++) {
		for (i = 1; i < nl && h[i] != '\0'; i++) {
			char	a = h[i], b = n[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == nl)
			return 1;
	}
	return 0;
}

int
vlist_search(struct vlist *l, const char *needle)
{
	size_t	 i, j, k;
	char	*s;
	int	 hit;

	if (l->lines.n == 0 || needle == NULL || *needle == '\0')
		return -1;
	for (k = 1; k <= l->lines.n; k++) {
		i = (l->cursor + k) % l->lines.n;
		if (!vlist_ok(l, i))
			continue;
		s = vline_plain(vlist_line(l, i));
		hit = view_contains(s, needle);
		free(s);
		/* The lines an item runs on to: the cursor skips them, but
		 * they carry its data and are its text. */
		for (j = i + 1; !hit && j < l->lines.n &&
		    !l->lines.v[j].selectable && l->lines.v[j].data != NULL &&
		    l->lines.v[j].data == l->lines.v[i].data; j++) {
			s = vline_plain(vlist_line(l, j));
			hit = view_contains(s, needle);
			free(s);
		}
		if (hit) {
			l->cursor = i;
			return 0;
		}
	}
	return -1;
}

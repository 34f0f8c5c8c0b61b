/* ledit.c: a one-line text editor that works in UTF-8 characters. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/keys.h"
#include "view/ledit.h"

void
ledit_init(struct ledit *e, const char *s)
{
	memset(e, 0, sizeof *e);
	ledit_set(e, s);
}

void
ledit_release(struct ledit *e)
{
	free(e->s);
	free(e->kill);
	memset(e, 0, sizeof *e);
}

void
ledit_set(struct ledit *e, const char *s)
{
	size_t	len = s != NULL ? strlen(s) : 0;

	if (len + 1 > e->cap) {
		e->cap = len + 16;
		e->s = xrealloc(e->s, e->cap);
	}
	if (len > 0)
		memcpy(e->s, s, len);
	e->s[len] = '\0';
	e->len = len;
	e->pos = len;
}

/* Insert n bytes of valid text at the cursor and move past them. */
static void
ledit_put(struct ledit *e, const char *p, size_t n)
{
	if (e->len + n + 1 > e->cap) {
		e->cap = (e->len + n + 1) * 2;
		e->s = xrealloc(e->s, e->cap);
	}
	memmove(e->s + e->pos + n, e->s + e->pos, e->len - e->pos + 1);
	memcpy(e->s + e->pos, p, n);
	e->len += n;
	e->pos += n;
}

int
ledit_insert(struct ledit *e, unsigned long c)
{
	struct buf	b;

	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ||
	    text_is_control((uint32_t)c))
		return -1;
	buf_init(&b);
	utf8_encode(&b, (uint32_t)c);
	ledit_put(e, b.s, b.len);
	buf_release(&b);
	return 0;
}

/* Byte offset of the character before pos. */
static size_t
ledit_prev(const struct ledit *e, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)e->s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

/* Byte offset of the character after pos. */
static size_t
ledit_next(const struct ledit *e, size_t pos)
{
	if (pos >= e->len)
		return e->len;
	pos++;
	while (pos < e->len && ((unsigned char)e->s[pos] & 0xc0) == 0x80)
		pos++;
	return pos;
}

/* Remove the bytes [from, to). */
static void
ledit_cut(struct ledit *e, size_t from, size_t to)
{
	memmove(e->s + from, e->s + to, e->len - to + 1);
	e->len -= to - from;
	e->pos = from;
}

void
ledit_backspace(struct ledit *e)
{
	if (e->pos > 0)
		ledit_cut(e, ledit_prev(e, e->pos), e->pos);
}

void
ledit_delete(struct ledit *e)
{
	size_t	pos = e->pos;

	if (pos < e->len)
		ledit_cut(e, pos, ledit_next(e, pos));
}

void
ledit_left(struct ledit *e)
{
	e->pos = ledit_prev(e, e->pos);
}

void
ledit_right(struct ledit *e)
{
	e->pos = ledit_next(e, e->pos);
}

void
ledit_home(struct ledit *e)
{
	e->pos = 0;
}

void
ledit_end(struct ledit *e)
{
	e->pos = e->len;
}

void
ledit_kill(struct ledit *e)
{
	if (e->len == 0)
		return;
	free(e->kill);
	e->kill = xstrdup(e->s);
	ledit_set(e, NULL);
}

int
ledit_yank(struct ledit *e)
{
	if (e->kill == NULL || e->kill[0] == '\0')
		return -1;
	/* Killed from this editor: UTF-8 without control characters. */
	ledit_put(e, e->kill, strlen(e->kill));
	return 0;
}

void
ledit_take_kill(struct ledit *dst, struct ledit *src)
{
	if (src->kill == NULL)
		return;
	free(dst->kill);
	dst->kill = src->kill;
	src->kill = NULL;
}

enum ledit_result
ledit_key(struct ledit *e, int key)
{
	static const enum kctx	chain[] = { KCTX_EDIT, KCTX_END };

	if (key >= 0x20 && key < KEYC_BASE && key != 0x7f) {
		ledit_insert(e, (unsigned long)key);
		return LEDIT_CHANGED;
	}
	switch (keys_lookup(key, chain)) {
	case ACT_ERASE_BACK:
		ledit_backspace(e);
		return LEDIT_CHANGED;
	case ACT_ERASE:
		ledit_delete(e);
		return LEDIT_CHANGED;
	case ACT_CLEAR:
		ledit_kill(e);
		return LEDIT_CHANGED;
	case ACT_YANK:
		/* Nothing killed yet: the key is still the editor's. */
		return ledit_yank(e) == 0 ? LEDIT_CHANGED : LEDIT_MOVED;
	case ACT_LEFT:
		ledit_left(e);
		return LEDIT_MOVED;
	case ACT_RIGHT:
		ledit_right(e);
		return LEDIT_MOVED;
	case ACT_FIRST:
		ledit_home(e);
		return LEDIT_MOVED;
	case ACT_LAST:
		ledit_end(e);
		return LEDIT_MOVED;
	default:
		return LEDIT_NONE;
	}
}

int
ledit_column(const struct ledit *e)
{
	char		*head = xstrndup(e->s, e->pos);
	struct buf	 b;
	int		 w;

	/* Measure what is shown: control characters take their notation. */
	buf_init(&b);
	text_visible(&b, head, 0);
	w = text_width(b.s);
	buf_release(&b);
	free(head);
	return w;
}

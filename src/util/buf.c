/* buf.c: growable byte buffer. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * An empty buffer points at this instead of owning memory (git's
 * strbuf_slopbuf), so that buf_init() and buf_detach() allocate nothing
 * that a caller who drops the buffer afterwards would leak. Never written:
 * cap 0 means "nothing allocated" and buf_grow() allocates before writing.
 */
static char buf_slop[1];

void
buf_init(struct buf *b)
{
	b->s = buf_slop;
	b->len = b->cap = 0;
	b->sink = NULL;
	b->sinkctx = NULL;
}

void
buf_set_sink(struct buf *b, buf_sink_fn *fn, void *ctx)
{
	b->sink = fn;
	b->sinkctx = ctx;
}

void
buf_flush(struct buf *b)
{
	if (b->sink == NULL || b->len == 0)
		return;
	b->sink(b->sinkctx, b->s, b->len);
	buf_truncate(b, 0);
}

void
buf_drain(struct buf *b)
{
	if (b->len >= BUF_DRAIN_BYTES)
		buf_flush(b);
}

void
buf_release(struct buf *b)
{
	if (b->cap != 0)
		free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

/* Make room for at least n more bytes and the NUL. */
void
buf_grow(struct buf *b, size_t n)
{
	size_t	need, cap;

	if (n > SIZE_MAX - b->len - 1)
		fatal("buffer size overflows");
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap != 0 ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->cap == 0) {
		/* Empty (init, detached or released): nothing to keep. */
		b->s = xmalloc(cap);
		b->s[0] = '\0';
		b->len = 0;
	} else
		b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* The most frequent append of the escaping writers: no call when it fits. */
void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	va_copy(ap2, ap);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
buf_detach(struct buf *b)
{
	char	*s = b->cap != 0 ? b->s : xstrdup("");

	buf_init(b);
	return s;
}

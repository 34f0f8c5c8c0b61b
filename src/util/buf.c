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
	if (n >= b->cap - b->len)	/* no room for n and the NUL */
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

/* A number in decimal: u, after "-" if neg, else "+" if plus. */
static void
buf_decimal(struct buf *b, unsigned long long u, int neg, int plus)
{
	char	 d[24], *p = d + sizeof d;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (neg)
		*--p = '-';
	else if (plus)
		*--p = '+';
	buf_add(b, p, (size_t)(d + sizeof d - p));
}

/* An int in decimal, with "+" before one not negative if plus. */
static void
buf_int(struct buf *b, int v, int plus)
{
	buf_decimal(b, v < 0 ? 0ULL - (unsigned long long)(long long)v :
	    (unsigned long long)v, v < 0, plus);
}

/*
 * The formats of most reasons and report lines hold only %s, %d, %+d, %u,
 * %zu and %%: those are appended here, as printf would write them,
 * without vsnprintf (about a thousand instructions a call; an analysis
 * formats a hundred thousand lines). Returns 0, having appended nothing,
 * for a format with anything else.
 */
static int
buf_simple(struct buf *b, const char *fmt, va_list ap)
{
	const char	*p, *run, *s;

	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '+' && p[1] == 'd')
			p++;
		else if (*p == 'z' && p[1] == 'u')
			p++;
		else if (*p != 's' && *p != 'd' && *p != 'u' && *p != '%')
			return 0;
	}
	for (p = run = fmt; *p != '\0'; p++) {
		if (*p != '%')
			continue;
		if (p > run)
			buf_add(b, run, (size_t)(p - run));
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			buf_adds(b, s != NULL ? s : "(null)");
			break;
		case 'd':
			buf_int(b, va_arg(ap, int), 0);
			break;
		case '+':
			buf_int(b, va_arg(ap, int), 1);
			p++;
			break;
		case 'u':
			buf_decimal(b, va_arg(ap, unsigned), 0, 0);
			break;
		case 'z':
			buf_decimal(b, va_arg(ap, size_t), 0, 0);
			p++;
			break;
		default:	/* %% */
			buf_addc(b, '%');
			break;
		}
		run = p + 1;
	}
	if (p > run)
		buf_add(b, run, (size_t)(p - run));
	return 1;
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n, done;

	va_copy(ap2, ap);
	done = buf_simple(b, fmt, ap2);
	va_end(ap2);
	if (done)
		return;
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

/* error.c: errors as values, with an optional file position. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

void
error_clear(struct error *e)
{
	e->msg[0] = '\0';
	e->file[0] = '\0';
	e->line = e->col = 0;
}

int
error_isset(const struct error *e)
{
	return e->msg[0] != '\0';
}

int
error_set(struct error *e, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	error_vset_at(e, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
error_set_at(struct error *e, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	error_vset_at(e, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
error_vset_at(struct error *e, const char *file, unsigned long line,
    unsigned long col, const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	error_clear(e);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	error_locate(e, file, line, col);
	return -1;
}

void
error_replace(struct error *e, const char *msg)
{
	size_t	len = strlen(msg);

	if (len >= sizeof e->msg)
		len = sizeof e->msg - 1;
	memmove(e->msg, msg, len);
	e->msg[len] = '\0';
}

void
error_locate(struct error *e, const char *file, unsigned long line,
    unsigned long col)
{
	if (e == NULL || e->file[0] != '\0' || e->line != 0)
		return;
	snprintf(e->file, sizeof e->file, "%s", file != NULL ? file : "");
	e->line = line;
	e->col = col;
}

void
error_prefix(struct error *e, const char *fmt, ...)
{
	struct buf	b;
	va_list		ap;

	if (e == NULL)
		return;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	buf_adds(&b, ": ");
	buf_adds(&b, e->msg);
	error_replace(e, b.s);
	buf_release(&b);
}

void
error_format(const struct error *e, struct buf *b)
{
	if (e->file[0] != '\0') {
		buf_adds(b, e->file);
		if (e->line != 0) {
			buf_addf(b, ":%lu", e->line);
			if (e->col != 0)
				buf_addf(b, ":%lu", e->col);
		}
		buf_adds(b, ": ");
	}
	buf_adds(b, e->msg);
}

void
errors_init(struct errors *l)
{
	l->v = NULL;
	l->n = 0;
	l->dropped = 0;
}

void
errors_release(struct errors *l)
{
	free(l->v);
	errors_init(l);
}

void
errors_add(struct errors *l, const struct error *e)
{
	if (e == NULL || !error_isset(e))
		return;
	if (l->n == ERRORS_MAX) {
		l->dropped++;
		return;
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = *e;
}

size_t
errors_count(const struct errors *l)
{
	return l->n + l->dropped;
}

void
errors_first(const struct errors *l, struct error *err)
{
	if (err != NULL && l->n > 0)
		*err = l->v[0];
}

void
errors_sort(struct errors *l)
{
	struct error	t;
	size_t		i, j;

	/* Insertion sort: stable, and n is at most ERRORS_MAX. */
	for (i = 1; i < l->n; i++) {
		t = l->v[i];
		for (j = i; j > 0 && (l->v[j - 1].line > t.line ||
		    (l->v[j - 1].line == t.line && l->v[j - 1].col > t.col));
		    j--)
			l->v[j] = l->v[j - 1];
		l->v[j] = t;
	}
}

/*
 * buf.h: a growable, always NUL-terminated byte buffer (after git's strbuf).
 *
 * A struct buf is embedded: buf_init() it, then buf_release() it. b->s is
 * never NULL after buf_init() and always ends with a NUL at b->s[b->len].
 * buf_detach() hands the string to the caller (to free) and re-inits.
 */
#ifndef PARAPET_UTIL_BUF_H
#define PARAPET_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*s;		/* the bytes, NUL-terminated */
	size_t	 len;		/* bytes used, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
};

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_truncate(struct buf *, size_t);
void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct buf *, const char *, va_list)
	     __attribute__((format(printf, 2, 0)));
/* Return the string (the caller's to free) and leave the buffer empty. */
char	*buf_detach(struct buf *);

#endif

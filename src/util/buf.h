/*
 * buf.h: a growable, always NUL-terminated byte buffer (after git's strbuf).
 *
 * A struct buf is embedded: buf_init() it, then buf_release() it. b->s is
 * never NULL after buf_init() and always ends with a NUL at b->s[b->len].
 * buf_detach() hands the string to the caller (to free) and re-inits.
 *
 * Streaming: a buffer may have a sink (buf_set_sink()). Then buf_drain()
 * hands the bytes to the sink and empties the buffer once it holds at
 * least BUF_DRAIN_BYTES, and buf_flush() hands over whatever it holds.
 * Writers of long documents call buf_drain() between items, so that the
 * document never sits whole in memory; without a sink both do nothing.
 */
#ifndef PARAPET_UTIL_BUF_H
#define PARAPET_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef void	buf_sink_fn(void *, const char *, size_t);

struct buf {
	char		*s;		/* the bytes, NUL-terminated */
	size_t		 len;		/* bytes used, not counting the NUL */
	size_t		 cap;		/* bytes allocated */
	buf_sink_fn	*sink;		/* where buf_drain() writes, or NULL */
	void		*sinkctx;	/* its first argument */
};

#define BUF_DRAIN_BYTES	(64 * 1024)

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
/* Send the bytes to fn(ctx, bytes, len) from now on (fn NULL: keep them). */
void	 buf_set_sink(struct buf *, buf_sink_fn *, void *);
/* With a sink: hand the bytes over once there are BUF_DRAIN_BYTES. */
void	 buf_drain(struct buf *);
/* With a sink: hand over every byte held. */
void	 buf_flush(struct buf *);
/* Return the string (the caller's to free) and leave the buffer empty. */
char	*buf_detach(struct buf *);

#endif

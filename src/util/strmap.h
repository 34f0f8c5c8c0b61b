/*
 * strmap.h: a hash map from borrowed strings to pointers.
 *
 * Keys are not copied: they must outlive the map (they are usually ids owned
 * by the objects stored as values). Open addressing, grows at 50% load.
 */
#ifndef PARAPET_UTIL_STRMAP_H
#define PARAPET_UTIL_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char	*key;
	void		*value;
	size_t		 hash;	/* of key, kept for probes and growth */
};

struct strmap {
	struct strmap_slot	*slots;
	size_t			 cap;	/* a power of two, or 0 */
	size_t			 len;
};

void	 strmap_init(struct strmap *);
void	 strmap_release(struct strmap *);
/* Insert or replace; returns the old value or NULL. */
void	*strmap_put(struct strmap *, const char *, void *);
void	*strmap_get(const struct strmap *, const char *);
/* Remove a key; returns its value or NULL. */
void	*strmap_del(struct strmap *, const char *);

#endif

/* strmap.c: open-addressing hash map of borrowed strings. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xmalloc.h"

/*
 * MurmurHash64A over the key's bytes, 8 at a time: a register of a
 * million risks hashes its long "THREAT@TARGET" names several times
 * each, and a byte at a time (FNV) showed in the profiles. No adversary
 * can do much with collisions here.
 */
static size_t
strmap_hash(const char *s)
{
	const uint64_t	 m = 0xc6a4a7935bd1e995ULL;
	const int	 r = 47;
	size_t		 len = strlen(s), i;
	uint64_t	 h = 0x8445d61a4e774912ULL ^ (len * m), k;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&k, s + i, 8);
		k *= m;
		k ^= k >> r;
		k *= m;
		h ^= k;
		h *= m;
	}
	if (i < len) {
		k = 0;
		memcpy(&k, s + i, len - i);
		h ^= k;
		h *= m;
	}
	h ^= h >> r;
	h *= m;
	h ^= h >> r;
	return (size_t)h;
}

void
strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = m->len = 0;
}

void
strmap_release(struct strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

/*
 * The slot of key (hashed to h), or the empty slot where it would go.
 * Each slot keeps its key's hash: a probe compares the strings only when
 * the hashes are equal, and growing the map hashes nothing again.
 */
static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key, size_t h)
{
	struct strmap_slot	*s;
	size_t			 i;

	if (m->cap == 0)
		return NULL;
	i = h & (m->cap - 1);
	for (;;) {
		s = &m->slots[i];
		if (s->key == NULL ||
		    (s->hash == h && strcmp(s->key, key) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static void
strmap_resize(struct strmap *m, size_t cap)
{
	struct strmap_slot	*old = m->slots, *s;
	size_t			 oldcap = m->cap, i, j;

	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		/* Keys are unique: the first empty slot is its place. */
		for (j = old[i].hash & (cap - 1); m->slots[j].key != NULL;
		    j = (j + 1) & (cap - 1))
			;
		s = &m->slots[j];
		*s = old[i];
	}
	free(old);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot	*s;
	void			*old;
	size_t			 h = strmap_hash(key);

	if ((m->len + 1) * 2 > m->cap)
		strmap_resize(m, m->cap == 0 ? 16 : m->cap * 2);
	s = strmap_find(m, key, h);
	if (s->key != NULL) {
		old = s->value;
		s->key = key;
		s->value = value;
		return old;
	}
	s->key = key;
	s->value = value;
	s->hash = h;
	m->len++;
	return NULL;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot	*s;

	if (m->cap == 0)
		return NULL;
	s = strmap_find(m, key, strmap_hash(key));
	return s != NULL && s->key != NULL ? s->value : NULL;
}

void *
strmap_del(struct strmap *m, const char *key)
{
	struct strmap_slot	*s, *t;
	void			*value;
	size_t			 i, j, k;

	if (m->cap == 0)
		return NULL;
	s = strmap_find(m, key, strmap_hash(key));
	if (s == NULL || s->key == NULL)
		return NULL;
	value = s->value;
	/* Backward-shift deletion keeps probe chains intact. */
	i = (size_t)(s - m->slots);
	s->key = NULL;
	j = i;
	for (;;) {
		j = (j + 1) & (m->cap - 1);
		t = &m->slots[j];
		if (t->key == NULL)
			break;
		k = t->hash & (m->cap - 1);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->slots[i] = *t;
			t->key = NULL;
			i = j;
		}
	}
	m->len--;
	return value;
}

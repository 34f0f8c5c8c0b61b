/* strmap.c: open-addressing hash map of borrowed strings. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"
#include "util/xmalloc.h"

/* FNV-1a: short ids, no adversary can do much with collisions here. */
static size_t
strmap_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
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

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	i = strmap_hash(key) & (m->cap - 1);
	for (;;) {
		if (m->slots[i].key == NULL ||
		    strcmp(m->slots[i].key, key) == 0)
			return &m->slots[i];
		i = (i + 1) & (m->cap - 1);
	}
}

static void
strmap_resize(struct strmap *m, size_t cap)
{
	struct strmap_slot	*old = m->slots, *s;
	size_t			 oldcap = m->cap, i;

	m->slots = xcalloc(cap, sizeof *m->slots);
	m->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		s = strmap_find(m, old[i].key);
		*s = old[i];
	}
	free(old);
}

void *
strmap_put(struct strmap *m, const char *key, void *value)
{
	struct strmap_slot	*s;
	void			*old;

	if ((m->len + 1) * 2 > m->cap)
		strmap_resize(m, m->cap == 0 ? 16 : m->cap * 2);
	s = strmap_find(m, key);
	if (s->key != NULL) {
		old = s->value;
		s->key = key;
		s->value = value;
		return old;
	}
	s->key = key;
	s->value = value;
	m->len++;
	return NULL;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot	*s = strmap_find(m, key);

	return s != NULL && s->key != NULL ? s->value : NULL;
}

void *
strmap_del(struct strmap *m, const char *key)
{
	struct strmap_slot	*s = strmap_find(m, key), *t;
	void			*value;
	size_t			 i, j, k;

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
		k = strmap_hash(t->key) & (m->cap - 1);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->slots[i] = *t;
			t->key = NULL;
			i = j;
		}
	}
	m->len--;
	return value;
}

/* deps.c: the read set of each threat, and what a change can affect. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "rules/deps.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

struct deps {
	const struct catalogue	*cat;
	size_t			 n;		/* threats */
	struct strmap		*reads;		/* per threat: key -> 1 */
	struct strmap		 keys;		/* interned keys */
	char			**pool;
	size_t			 npool;
	struct strmap		 ids;		/* threat id -> index + 1 */
};

/* The interned copy of a key. */
static const char *
deps_key(struct deps *d, const char *key)
{
	char	*k;

	if ((k = strmap_get(&d->keys, key)) != NULL)
		return k;
	k = xstrdup(key);
	if ((d->npool & (d->npool - 1)) == 0)
		d->pool = xreallocarray(d->pool, d->npool == 0 ? 1 :
		    d->npool * 2, sizeof *d->pool);
	d->pool[d->npool++] = k;
	strmap_put(&d->keys, k, k);
	return k;
}

static void
deps_add(struct deps *d, size_t i, const char *key)
{
	strmap_put(&d->reads[i], deps_key(d, key), (void *)1);
}

static void
deps_add_field(struct deps *d, size_t i, enum objtype t, const char *name)
{
	char	*key = xasprintf("field %s %s", objtype_name(t), name);

	deps_add(d, i, key);
	free(key);
}

/* What a condition reads, into threat i's set. */
static void
deps_cond(struct deps *d, size_t i, const struct cond *c)
{
	enum objtype	t;
	size_t		j;
	char		*key;

	if (c == NULL)
		return;
	switch (c->op) {
	case COND_FIELD:
	case COND_ANSWERED:
		if (c->field == NULL)
			break;
		if (c->subject == TARGET_ANY) {
			/* No subject: the field wherever it is. */
			for (t = OBJ_SYSTEM; t < OBJ_COUNT; t++)
				deps_add_field(d, i, t, c->field->name);
		} else
			deps_add_field(d, i, target_objtype(c->subject),
			    c->field->name);
		break;
	case COND_KIND:
		deps_add_field(d, i, OBJ_COMPONENT, "kind");
		break;
	case COND_CROSSES:
	case COND_LESS_TRUSTED:
		/* Which boundary each end sits in, and its trust. */
		deps_add(d, i, "graph");
		deps_add_field(d, i, OBJ_BOUNDARY, "*");
		deps_add_field(d, i, OBJ_COMPONENT, "boundary");
		break;
	case COND_FROM:
	case COND_TO:
	case COND_INBOUND:
	case COND_OUTBOUND:
	case COND_UPSTREAM:
	case COND_DOWNSTREAM:
	case COND_REACHABLE:
	case COND_REACHES:
	case COND_BOUNDARY:
	case COND_CONTAINS:
	case COND_EXISTS:
		deps_add(d, i, "graph");
		break;
	case COND_PRACTICE:
		key = xasprintf("practice %s", c->question != NULL ?
		    c->question : "*");
		deps_add(d, i, key);
		free(key);
		break;
	default:
		break;
	}
	for (j = 0; j < c->nkids; j++)
		deps_cond(d, i, c->kids[j]);
}

static int
deps_listed(char *const *v, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return 1;
	return 0;
}

struct deps *
deps_new(const struct catalogue *cat)
{
	const struct threat	*t;
	const struct adjustment	*a;
	struct deps		*d = xcalloc(1, sizeof *d);
	size_t			 i, j;

	d->cat = cat;
	d->n = cat->nthreats;
	d->reads = xcalloc(d->n + 1, sizeof *d->reads);
	strmap_init(&d->keys);
	strmap_init(&d->ids);
	for (i = 0; i < d->n; i++) {
		t = cat->threats[i];
		strmap_init(&d->reads[i]);
		strmap_put(&d->ids, t->id, (void *)(uintptr_t)(i + 1));
		deps_cond(d, i, t->when);
		/* Its targets: a flow added or removed is one more or less. */
		if (t->target == TARGET_FLOW)
			deps_add(d, i, "target flow");
		/* Grouped findings, feedback and planners follow flows. */
		if (t->finding != FINDING_EACH || t->ncovers_feedback > 0 ||
		    t->ncovers_agents > 0)
			deps_add(d, i, "graph");
		/*
		 * Every adjustment that may apply to it (a larger set than
		 * those that do is only slower, never wrong).
		 */
		for (j = 0; j < cat->nadjustments; j++) {
			a = cat->adjustments[j];
			if (a->nthreats > 0 && !deps_listed(a->threats,
			    a->nthreats, t->id))
				continue;
			if (deps_listed(a->except, a->nexcept, t->id))
				continue;
			deps_cond(d, i, a->when);
			deps_cond(d, i, a->unless);
		}
	}
	return d;
}

void
deps_free(struct deps *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		strmap_release(&d->reads[i]);
	free(d->reads);
	for (i = 0; i < d->npool; i++)
		free(d->pool[i]);
	free(d->pool);
	strmap_release(&d->keys);
	strmap_release(&d->ids);
	free(d);
}

int
deps_reads(const struct deps *d, size_t i, const char *key)
{
	return i < d->n && strmap_get(&d->reads[i], key) != NULL;
}

/* The keys a change touches, at most 3; 0 when it moves everything. */
static size_t
deps_change_keys(const struct deps *d, const struct model *m,
    const struct deps_change *c, char *keys[3])
{
	const struct objref	*ref;
	const char		*f = c->field;
	enum objtype		 t;
	size_t			 n = 0, len;

	/* A practice answer or note is under its question's id. */
	if ((strcmp(f, "answer") == 0 || strcmp(f, "note") == 0) &&
	    (model_practice(m, c->object) != NULL ||
	    catalogue_question(d->cat, c->object) != NULL)) {
		keys[n++] = xasprintf("practice %s", c->object);
		keys[n++] = xstrdup("practice *");
		return n;
	}
	len = strlen(f);
	if (len >= 6 && strcmp(f + len - 6, " order") == 0)
		return 0;
	if (c->type >= 0 && c->type < OBJ_COUNT)
		t = (enum objtype)c->type;
	else if (m->system.id != NULL && strcmp(c->object, m->system.id) == 0)
		t = OBJ_SYSTEM;
	else if ((ref = model_find(m, c->object)) != NULL)
		t = ref->type;
	else
		return 0;	/* not an object of the model as saved */
	if (strcmp(f, "created") == 0 || strcmp(f, "deleted") == 0 ||
	    strcmp(f, "id") == 0) {
		/* A flow more or less: the graph, and one target more. */
		if (t != OBJ_FLOW || strcmp(f, "id") == 0)
			return 0;
		keys[n++] = xstrdup("graph");
		keys[n++] = xstrdup("target flow");
		keys[n++] = xstrdup("field flow *");
		return n;
	}
	if (t == OBJ_COMPONENT && strcmp(f, "kind") == 0)
		return 0;
	if ((t == OBJ_COMPONENT && strcmp(f, "boundary") == 0) ||
	    (t == OBJ_FLOW && (strcmp(f, "from") == 0 ||
	    strcmp(f, "to") == 0 || strcmp(f, "data") == 0 ||
	    strcmp(f, "initiator") == 0)))
		keys[n++] = xstrdup("graph");
	keys[n++] = xasprintf("field %s %s", objtype_name(t), f);
	keys[n++] = xasprintf("field %s *", objtype_name(t));
	return n;
}

long
deps_threat(const struct deps *d, const char *id)
{
	return (long)(uintptr_t)strmap_get(&d->ids, id) - 1;
}

/* The index of a threat id, or -1. */
static long
deps_index(const struct deps *d, const char *id)
{
	return (long)(uintptr_t)strmap_get(&d->ids, id) - 1;
}

/* Mark what is related to a marked threat, until nothing more is. */
static void
deps_close(const struct deps *d, unsigned char *affected)
{
	const struct threat	*t;
	char *const		*lists[4];
	size_t			 nlists[4], i, j, l;
	long			 x;
	int			 more = 1;

	while (more) {
		more = 0;
		for (i = 0; i < d->n; i++) {
			t = d->cat->threats[i];
			lists[0] = t->excludes;
			nlists[0] = t->nexcludes;
			lists[1] = t->covers;
			nlists[1] = t->ncovers;
			lists[2] = t->covers_feedback;
			nlists[2] = t->ncovers_feedback;
			lists[3] = t->covers_agents;
			nlists[3] = t->ncovers_agents;
			for (l = 0; l < 4; l++)
				for (j = 0; j < nlists[l]; j++) {
					if ((x = deps_index(d,
					    lists[l][j])) < 0)
						continue;
					if (affected[i] && !affected[x])
						affected[x] = more = 1;
					else if (affected[x] && !affected[i])
						affected[i] = more = 1;
				}
		}
	}
}

void
deps_close_marks(const struct deps *d, unsigned char *affected)
{
	deps_close(d, affected);
}

long
deps_affected(const struct deps *d, const struct model *m,
    const struct deps_change *v, size_t n, unsigned char *affected)
{
	char	*keys[3];
	size_t	 i, j, k, nk;
	long	 count = 0;

	memset(affected, 0, d->n);
	for (i = 0; i < n; i++) {
		if ((nk = deps_change_keys(d, m, &v[i], keys)) == 0) {
			memset(affected, 1, d->n);
			return -1;
		}
		for (j = 0; j < d->n; j++)
			for (k = 0; !affected[j] && k < nk; k++)
				if (strmap_get(&d->reads[j], keys[k]) != NULL)
					affected[j] = 1;
		for (k = 0; k < nk; k++)
			free(keys[k]);
	}
	deps_close(d, affected);
	for (j = 0; j < d->n; j++)
		count += affected[j];
	return count;
}

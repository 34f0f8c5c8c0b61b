/* atlas.c: read MITRE's ATLAS.yaml (techniques, mitigations, versions). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/atlas.h"
#include "catalogue/taxonomy.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

/* The text of a scalar key of a mapping, or NULL. */
static const char *
atlas_scalar(const struct ynode *map, const char *key)
{
	const struct ynode	*v = ynode_get(map, key);

	return v != NULL && v->type == YNODE_SCALAR ? v->value : NULL;
}

/* Read one list of techniques or mitigations into a. */
static int
atlas_list(struct atlas *a, const struct ydoc *d, const struct ynode *list,
    const char *what, struct error *err)
{
	const struct ynode	*e;
	const char		*id, *name, *dep;
	struct atlas_entry	*x;
	size_t			 i;

	if (list->type != YNODE_SEQ)
		return ynode_error(d, list, err, "'%s' must be a list, not %s",
		    what, ynode_type_name(list));
	for (i = 0; i < list->n; i++) {
		e = list->items[i];
		if (e->type != YNODE_MAP)
			return ynode_error(d, e, err, "an ATLAS %s entry must "
			    "be a mapping, not %s", what, ynode_type_name(e));
		id = atlas_scalar(e, "id");
		name = atlas_scalar(e, "name");
		if (id == NULL || name == NULL)
			return ynode_error(d, e, err, "an ATLAS %s entry needs "
			    "an 'id' and a 'name'", what);
		if (atlas_kind(id) == ATLAS_MALFORMED)
			return ynode_error(d, ynode_get(e, "id"), err,
			    "malformed ATLAS id '%s'", id);
		if (strmap_get(&a->map, id) != NULL)
			continue;	/* listed by another matrix too */
		a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
		x = &a->v[a->n++];
		x->id = xstrdup(id);
		x->name = xstrdup(name);
		dep = atlas_scalar(e, "deprecated");
		x->deprecated = dep != NULL && (strcmp(dep, "true") == 0 ||
		    strcmp(dep, "True") == 0 || strcmp(dep, "yes") == 0);
		strmap_put(&a->map, x->id, x);
	}
	return 0;
}

/* Read the techniques and mitigations lists of a matrix (or the root). */
static int
atlas_matrix(struct atlas *a, const struct ydoc *d, const struct ynode *m,
    struct error *err)
{
	const struct ynode	*v;

	if (m->type != YNODE_MAP)
		return ynode_error(d, m, err, "an ATLAS matrix must be a "
		    "mapping, not %s", ynode_type_name(m));
	if ((v = ynode_get(m, "techniques")) != NULL &&
	    atlas_list(a, d, v, "techniques", err) == -1)
		return -1;
	if ((v = ynode_get(m, "mitigations")) != NULL &&
	    atlas_list(a, d, v, "mitigations", err) == -1)
		return -1;
	return 0;
}

static int
atlas_cmp(const void *x, const void *y)
{
	return strcmp(((const struct atlas_entry *)x)->id,
	    ((const struct atlas_entry *)y)->id);
}

void
atlas_free(struct atlas *a)
{
	size_t	i;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->v[i].id);
		free(a->v[i].name);
	}
	free(a->v);
	free(a->version);
	strmap_release(&a->map);
	free(a);
}

struct atlas *
atlas_load(const char *path, struct error *err)
{
	struct atlas		*a;
	struct ydoc		*d;
	const struct ynode	*root, *v;
	const char		*s;
	size_t			 i;

	if ((d = ydoc_load(path, err)) == NULL)
		return NULL;
	a = xcalloc(1, sizeof *a);
	strmap_init(&a->map);
	root = d->root;
	if (root == NULL || root->type != YNODE_MAP) {
		ynode_error(d, root, err, "an ATLAS data file must be a "
		    "mapping");
		goto fail;
	}
	if ((s = atlas_scalar(root, "version")) != NULL)
		a->version = xstrdup(s);
	if ((v = ynode_get(root, "matrices")) != NULL) {
		if (v->type != YNODE_SEQ) {
			ynode_error(d, v, err, "'matrices' must be a list, "
			    "not %s", ynode_type_name(v));
			goto fail;
		}
		for (i = 0; i < v->n; i++)
			if (atlas_matrix(a, d, v->items[i], err) == -1)
				goto fail;
	}
	/* Before 4.0 the lists were at the top; mitigations still may be. */
	if (atlas_matrix(a, d, root, err) == -1)
		goto fail;
	if (a->n == 0) {
		ynode_error(d, root, err, "no ATLAS techniques or mitigations "
		    "(is this MITRE's ATLAS.yaml?)");
		goto fail;
	}
	/* The map points into v: sort, then index again. */
	qsort(a->v, a->n, sizeof *a->v, atlas_cmp);
	strmap_release(&a->map);
	strmap_init(&a->map);
	for (i = 0; i < a->n; i++)
		strmap_put(&a->map, a->v[i].id, &a->v[i]);
	ydoc_free(d);
	return a;

fail:
	ydoc_free(d);
	atlas_free(a);
	return NULL;
}

const struct atlas_entry *
atlas_find(const struct atlas *a, const char *id)
{
	return a != NULL ? strmap_get(&a->map, id) : NULL;
}

char *
atlas_title(const struct atlas *a, const struct atlas_entry *e)
{
	const struct atlas_entry	*p;
	char				 pid[10];

	if (atlas_kind(e->id) == ATLAS_SUBTECHNIQUE) {
		memcpy(pid, e->id, 9);
		pid[9] = '\0';
		if ((p = atlas_find(a, pid)) != NULL)
			return xasprintf("%s: %s", p->name, e->name);
	}
	return xstrdup(e->name);
}

/* Append s as a double-quoted YAML scalar. */
static void
atlas_quote(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		if (*s == '\n' || *s == '\t')
			buf_addc(b, ' ');
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void
atlas_taxonomy_yaml(const struct atlas *a, struct buf *b)
{
	size_t	i;
	int	pass;

	buf_adds(b, "atlas-version: ");
	atlas_quote(b, a->version != NULL ? a->version : "unknown");
	buf_adds(b, "\natlas:\n");
	/* Techniques and sub-techniques first, then mitigations. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->n; i++) {
			if ((atlas_kind(a->v[i].id) == ATLAS_MITIGATION) !=
			    pass)
				continue;
			buf_adds(b, "  - { id: ");
			atlas_quote(b, a->v[i].id);
			buf_adds(b, ", title: ");
			atlas_quote(b, a->v[i].name);
			buf_adds(b, " }\n");
		}
}

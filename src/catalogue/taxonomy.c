/* taxonomy.c: reference identifiers and their names (data/taxonomy.yaml). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/taxonomy.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

#define TAXONOMY_FORMAT	1

static const char *const scheme_names[REF_SCHEME_COUNT + 1] = {
	"guideline", "atlas", "owasp-llm-2025", "owasp-ml-2023",
	"owasp-agentic-2026", NULL
};

/* One scheme's identifiers. */
struct taxonomy_scheme {
	char		**ids;		/* NULL-terminated, file order */
	char		**titles;	/* parallel to ids */
	size_t		  n;
	struct strmap	  map;		/* id -> title */
};

struct taxonomy {
	struct taxonomy_scheme	 s[REF_SCHEME_COUNT];
	char			*atlas_version;	/* or NULL */
};

const char *
ref_scheme_name(enum ref_scheme s)
{
	return s < REF_SCHEME_COUNT ? scheme_names[s] : "?";
}

int
ref_scheme_find(const char *name)
{
	int	i;

	for (i = 0; i < REF_SCHEME_COUNT; i++)
		if (strcmp(scheme_names[i], name) == 0)
			return i;
	return -1;
}

/* 1 if s is exactly n decimal digits. */
static int
digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

enum atlas_kind
atlas_kind(const char *id)
{
	size_t	len = strlen(id);

	if (strncmp(id, "AML.", 4) != 0 || len < 9)
		return ATLAS_MALFORMED;
	if (id[4] == 'M')
		return digits(id + 5, 4) ? ATLAS_MITIGATION : ATLAS_MALFORMED;
	if (id[4] != 'T')
		return ATLAS_MALFORMED;
	if (len == 9)
		return digits(id + 5, 4) ? ATLAS_TECHNIQUE : ATLAS_MALFORMED;
	if (len == 13 && id[9] == '.' && digits(id + 10, 3)) {
		char	parent[10];

		memcpy(parent, id, 9);
		parent[9] = '\0';
		return digits(parent + 5, 4) ? ATLAS_SUBTECHNIQUE :
		    ATLAS_MALFORMED;
	}
	return ATLAS_MALFORMED;
}

/* 1 if an identifier has the form its scheme requires. */
static int
taxonomy_id_form(enum ref_scheme s, const char *id)
{
	switch (s) {
	case REF_GUIDELINE:
		return id[0] >= '1' && id[0] <= '9' && id[1] == '.' &&
		    digits(id + 2, 1);
	case REF_ATLAS:
		return atlas_kind(id) != ATLAS_MALFORMED;
	case REF_OWASP_LLM:
		return strncmp(id, "LLM", 3) == 0 && digits(id + 3, 2);
	case REF_OWASP_ML:
		return strncmp(id, "ML", 2) == 0 && digits(id + 2, 2);
	case REF_OWASP_AGENTIC:
		return strncmp(id, "ASI", 3) == 0 && digits(id + 3, 2);
	case REF_SCHEME_COUNT:
		break;
	}
	return 0;
}

void
taxonomy_free(struct taxonomy *t)
{
	size_t	i, j;

	if (t == NULL)
		return;
	for (i = 0; i < REF_SCHEME_COUNT; i++) {
		for (j = 0; j < t->s[i].n; j++) {
			free(t->s[i].ids[j]);
			free(t->s[i].titles[j]);
		}
		free(t->s[i].ids);
		free(t->s[i].titles);
		strmap_release(&t->s[i].map);
	}
	free(t->atlas_version);
	free(t);
}

/* Read the text of a scalar entry key; NULL (and err) if absent or not text. */
static const char *
taxonomy_text(const struct ydoc *d, const struct ynode *map, const char *key,
    struct error *err)
{
	const struct ynode	*v = ynode_get(map, key);

	if (v == NULL) {
		ynode_error(d, map, err, "taxonomy entry has no '%s'", key);
		return NULL;
	}
	if (v->type != YNODE_SCALAR || v->len == 0) {
		ynode_error(d, v, err, "'%s' must be text", key);
		return NULL;
	}
	return v->value;
}

/* Read one scheme's list of { id, title } entries. */
static int
taxonomy_scheme(struct taxonomy *t, enum ref_scheme s, const struct ydoc *d,
    const struct ynode *list, struct error *err)
{
	struct taxonomy_scheme	*ts = &t->s[s];
	const struct ynode	*e;
	const char		*id, *title, *parent;
	size_t			 i, k;
	char			 pid[10];

	if (list->type != YNODE_SEQ)
		return ynode_error(d, list, err, "'%s' must be a list, not %s",
		    ref_scheme_name(s), ynode_type_name(list));
	ts->ids = xcalloc(list->n + 1, sizeof *ts->ids);
	ts->titles = xcalloc(list->n + 1, sizeof *ts->titles);
	for (i = 0; i < list->n; i++) {
		e = list->items[i];
		if (e->type != YNODE_MAP)
			return ynode_error(d, e, err, "a taxonomy entry must "
			    "be a mapping, not %s", ynode_type_name(e));
		for (k = 0; k < YNODE_PAIRS(e); k++) {
			const char	*key = YNODE_KEY(e, k)->value;

			if (strcmp(key, "id") != 0 && strcmp(key, "title") != 0)
				return ynode_error(d, YNODE_KEY(e, k), err,
				    "unknown key '%s' in a taxonomy entry "
				    "(expected 'id' and 'title')", key);
		}
		if ((id = taxonomy_text(d, e, "id", err)) == NULL ||
		    (title = taxonomy_text(d, e, "title", err)) == NULL)
			return -1;
		if (!taxonomy_id_form(s, id))
			return ynode_error(d, ynode_get(e, "id"), err,
			    "malformed %s id '%s'", ref_scheme_name(s), id);
		if (strmap_get(&ts->map, id) != NULL)
			return ynode_error(d, ynode_get(e, "id"), err,
			    "duplicate %s id '%s'", ref_scheme_name(s), id);
		ts->ids[ts->n] = xstrdup(id);
		if (s == REF_ATLAS && atlas_kind(id) == ATLAS_SUBTECHNIQUE) {
			memcpy(pid, id, 9);
			pid[9] = '\0';
			if ((parent = strmap_get(&ts->map, pid)) == NULL) {
				free(ts->ids[ts->n]);
				ts->ids[ts->n] = NULL;
				return ynode_error(d, ynode_get(e, "id"), err,
				    "sub-technique '%s' comes before its "
				    "technique '%s'", id, pid);
			}
			ts->titles[ts->n] = xasprintf("%s: %s", parent, title);
		} else
			ts->titles[ts->n] = xstrdup(title);
		strmap_put(&ts->map, ts->ids[ts->n], ts->titles[ts->n]);
		ts->n++;
	}
	return 0;
}

struct taxonomy *
taxonomy_load(const char *path, struct error *err)
{
	struct ydoc	*d;

	if ((d = ydoc_load(path, err)) == NULL)
		return NULL;
	return taxonomy_load_doc(d, err);
}

struct taxonomy *
taxonomy_load_doc(struct ydoc *d, struct error *err)
{
	struct taxonomy		*t;
	const struct ynode	*root, *k, *v;
	const char		*near;
	size_t			 i;
	int			 s, seen = 0;
	static const char *const keys[] = { "parapet-taxonomy",
	    "atlas-version", "guideline", "atlas", "owasp-llm-2025",
	    "owasp-ml-2023", "owasp-agentic-2026", NULL };

	t = xcalloc(1, sizeof *t);
	for (s = 0; s < REF_SCHEME_COUNT; s++)
		strmap_init(&t->s[s].map);
	root = d->root;
	if (root == NULL || root->type != YNODE_MAP) {
		ynode_error(d, root, err, "a taxonomy file must be a mapping");
		goto fail;
	}
	v = ynode_get(root, "parapet-taxonomy");
	if (v == NULL || v->type != YNODE_SCALAR ||
	    strcmp(v->value, "1") != 0) {
		ynode_error(d, v != NULL ? v : root, err, "not a taxonomy "
		    "file of format %d (no 'parapet-taxonomy: 1')",
		    TAXONOMY_FORMAT);
		goto fail;
	}
	for (i = 0; i < YNODE_PAIRS(root); i++) {
		k = YNODE_KEY(root, i);
		v = YNODE_VAL(root, i);
		if (strcmp(k->value, "parapet-taxonomy") == 0)
			continue;
		if (strcmp(k->value, "atlas-version") == 0) {
			if (v->type != YNODE_SCALAR) {
				ynode_error(d, v, err, "'atlas-version' must "
				    "be text");
				goto fail;
			}
			t->atlas_version = xstrdup(v->value);
			continue;
		}
		if ((s = ref_scheme_find(k->value)) == -1) {
			near = text_suggest(k->value, keys);
			if (near != NULL)
				ynode_error(d, k, err, "unknown key '%s' in a "
				    "taxonomy file (did you mean '%s'?)",
				    k->value, near);
			else
				ynode_error(d, k, err, "unknown key '%s' in a "
				    "taxonomy file", k->value);
			goto fail;
		}
		if (taxonomy_scheme(t, (enum ref_scheme)s, d, v, err) == -1)
			goto fail;
		seen |= 1 << s;
	}
	for (s = 0; s < REF_SCHEME_COUNT; s++) {
		if ((seen & (1 << s)) == 0) {
			ynode_error(d, root, err, "taxonomy file has no '%s' "
			    "list", ref_scheme_name((enum ref_scheme)s));
			goto fail;
		}
	}
	ydoc_free(d);
	return t;

fail:
	ydoc_free(d);
	taxonomy_free(t);
	return NULL;
}

const char *
taxonomy_title(const struct taxonomy *t, enum ref_scheme s, const char *id)
{
	if (t == NULL || s >= REF_SCHEME_COUNT)
		return NULL;
	return strmap_get(&t->s[s].map, id);
}

const char *
taxonomy_suggest(const struct taxonomy *t, enum ref_scheme s, const char *id)
{
	const char	*near;
	char		*head, *colon;

	if (t == NULL || s >= REF_SCHEME_COUNT || t->s[s].ids == NULL)
		return NULL;
	/* "LLM01:2025": the edition is in the scheme name. */
	head = xstrdup(id);
	if ((colon = strchr(head, ':')) != NULL)
		*colon = '\0';
	near = text_suggest(head, (const char *const *)t->s[s].ids);
	free(head);
	return near;
}

const char *const *
taxonomy_ids(const struct taxonomy *t, enum ref_scheme s, size_t *n)
{
	static const char *const none[1] = { NULL };

	if (t == NULL || s >= REF_SCHEME_COUNT || t->s[s].ids == NULL) {
		*n = 0;
		return none;
	}
	*n = t->s[s].n;
	return (const char *const *)t->s[s].ids;
}

const char *
taxonomy_atlas_version(const struct taxonomy *t)
{
	return t != NULL ? t->atlas_version : NULL;
}

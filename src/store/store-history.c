/*
 * store-history.c: reading the history, and importing a model whole with
 * the history it had elsewhere.
 *
 * History is append-only: triggers refuse any UPDATE and any DELETE. An
 * import appends: the history another database had comes in marked as
 * imported, beside what this one already holds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

#define STORE_HISTORY_COLUMNS \
	"SELECT seq, at, who, system, object, field, old_value, new_value, " \
	"source FROM history "

/* Append the entries a statement returns to v. */
static int
store_history_rows(struct store *s, sqlite3_stmt *st, struct change **v,
    size_t *n, size_t *max, struct error *err)
{
	struct change	*c;
	int		 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *max) {
			*max = *max == 0 ? 64 : *max * 2;
			*v = xreallocarray(*v, *max, sizeof **v);
		}
		c = &(*v)[(*n)++];
		c->seq = (long)sqlite3_column_int64(st, 0);
		c->at = store_column(st, 1);
		c->who = store_column(st, 2);
		c->system = store_column(st, 3);
		c->object = store_column(st, 4);
		c->field = store_column(st, 5);
		c->old_value = store_column(st, 6);
		c->new_value = store_column(st, 7);
		c->source = store_column(st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, err);
	return 0;
}

static int
store_seq_cmp(const void *a, const void *b)
{
	long	x = ((const struct change *)a)->seq;
	long	y = ((const struct change *)b)->seq;

	return x < y ? -1 : x > y;
}

/*
 * The names an object had: itself, and whatever an "id" entry says it
 * was renamed from, and so on back (a NULL-terminated array, the
 * caller's). A rename cycle (a -> b -> a) stops at a name seen before.
 */
static char **
store_history_names(struct store *s, const char *id, const char *object,
    struct error *err)
{
	static const char *const of_model = "SELECT old_value FROM history "
	    "WHERE system = ?1 AND object = ?2 AND field = 'id' "
	    "AND old_value IS NOT NULL ORDER BY seq";
	static const char *const of_any = "SELECT old_value FROM history "
	    "WHERE object = ?2 AND field = 'id' "
	    "AND old_value IS NOT NULL ORDER BY seq";
	const char	*sql = id != NULL ? of_model : of_any;
	sqlite3_stmt	*st;
	const char	*was;
	char		**v;
	size_t		  n = 1, i, j;
	int		  rc;

	v = xcalloc(2, sizeof *v);
	v[0] = xstrdup(object);
	for (i = 0; i < n; i++) {
		if ((st = store_prepare(s, sql, err)) == NULL)
			goto fail;
		store_bind(st, 1, id);
		store_bind(st, 2, v[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			was = (const char *)sqlite3_column_text(st, 0);
			for (j = 0; was != NULL && j < n; j++)
				if (strcmp(v[j], was) == 0)
					break;
			if (was == NULL || j < n)
				continue;
			v = xreallocarray(v, n + 2, sizeof *v);
			v[n++] = xstrdup(was);
			v[n] = NULL;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			store_fail(s, rc, err);
			goto fail;
		}
	}
	return v;
fail:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

int
store_history(struct store *s, const char *id, const char *object,
    struct change **out, size_t *nout, struct error *err)
{
	static const char *const all = STORE_HISTORY_COLUMNS "ORDER BY seq";
	static const char *const of_model = STORE_HISTORY_COLUMNS
	    "WHERE system = ? ORDER BY seq";
	static const char *const of_object = STORE_HISTORY_COLUMNS
	    "WHERE system = ?1 AND object = ?2 ORDER BY seq";
	static const char *const of_any = STORE_HISTORY_COLUMNS
	    "WHERE object = ?2 ORDER BY seq";
	struct change	*v = NULL;
	sqlite3_stmt	*st;
	char		**names = NULL;
	size_t		 n = 0, max = 0, i;
	int		 rc = 0;

	*out = NULL;
	*nout = 0;
	if (object != NULL) {
		/* A renamed object keeps the history of its earlier names. */
		if ((names = store_history_names(s, id, object, err)) == NULL)
			return -1;
		for (i = 0; rc == 0 && names[i] != NULL; i++) {
			st = store_prepare(s, id != NULL ? of_object : of_any,
			    err);
			if (st == NULL) {
				rc = -1;
				break;
			}
			store_bind(st, 1, id);
			store_bind(st, 2, names[i]);
			rc = store_history_rows(s, st, &v, &n, &max, err);
		}
		for (i = 0; names[i] != NULL; i++)
			free(names[i]);
		free(names);
		if (rc == 0 && n > 1)
			qsort(v, n, sizeof *v, store_seq_cmp);
	} else {
		st = store_prepare(s, id == NULL ? all : of_model, err);
		if (st == NULL)
			return -1;
		if (id != NULL)
			store_bind(st, 1, id);
		rc = store_history_rows(s, st, &v, &n, &max, err);
	}
	if (rc == -1) {
		changes_free(v, n);
		return -1;
	}
	*out = v;
	*nout = n;
	return 0;
}

/* One key for an entry: what makes two entries the same change. */
static void
store_change_key(struct buf *b, const char *at, const char *who,
    const char *object, const char *field, const char *old_value,
    const char *new_value)
{
	const char	*v[6] = { at, who, object, field, old_value, new_value };
	size_t		 i;

	buf_reset(b);
	for (i = 0; i < 6; i++) {
		/* Lengths first, so that no text can fake a boundary. */
		if (v[i] == NULL)
			buf_adds(b, "-;");
		else
			buf_addf(b, "%zu:%s;", strlen(v[i]), v[i]);
	}
}

/* The source text of an entry brought in from a file. */
static char *
store_imported_source(const char *source, const struct change *c)
{
	if (c->source != NULL)
		return xasprintf("imported from '%s' (there: %s)", source,
		    c->source);
	return xasprintf("imported from '%s'", source);
}

/* Append one entry of another database's history, marked as imported. */
static int
store_log_imported(struct store *s, const char *id, const struct change *c,
    const char *source, struct error *err)
{
	char	*was = s->source;
	int	 rc;

	s->source = store_imported_source(source, c);
	rc = store_log(s, c->at, c->who, id, c->object, c->field,
	    c->old_value, c->new_value, err);
	free(s->source);
	s->source = was;
	return rc;
}

int
store_append_imported(struct store *s, const char *id,
    const struct change *v, size_t n, const char *source, size_t *added,
    struct error *err)
{
	static const char *const sql = "SELECT at, who, object, field, "
	    "old_value, new_value FROM history WHERE system = ?";
	struct strmap	 have;
	char		*k;
	struct buf	 key;
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	if (added != NULL)
		*added = 0;
	for (i = 0; i < n; i++) {
		if (v[i].at == NULL || *v[i].at == '\0' || v[i].who == NULL ||
		    *v[i].who == '\0')
			return error_set(err, "history entry %zu of model '%s' "
			    "has no time or no author", i + 1, id);
	}
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	strmap_init(&have);
	buf_init(&key);
	store_bind(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_change_key(&key,
		    (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4),
		    (const char *)sqlite3_column_text(st, 5));
		if (strmap_get(&have, key.s) == NULL) {
			k = xstrdup(key.s);
			strmap_put(&have, k, k);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, rc, err);
		goto out;
	}
	rc = 0;
	for (i = 0; rc == 0 && i < n; i++) {
		store_change_key(&key, v[i].at, v[i].who, v[i].object,
		    v[i].field, v[i].old_value, v[i].new_value);
		if (strmap_get(&have, key.s) != NULL)
			continue;	/* ours already, or imported before */
		k = xstrdup(key.s);
		strmap_put(&have, k, k);
		rc = store_log_imported(s, id, &v[i], source, err);
		if (rc == 0 && added != NULL)
			(*added)++;
	}
out:
	/* The map borrows its keys: each value is its own key's copy. */
	for (i = 0; i < have.cap; i++)
		if (have.slots[i].key != NULL)
			free(have.slots[i].value);
	buf_release(&key);
	strmap_release(&have);
	return rc;
}

char *
store_latest_change(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "SELECT max(t) FROM ("
	    "SELECT max(at) AS t FROM history WHERE system = ?1 "
	    "UNION ALL SELECT max(decided_at) FROM risks WHERE system = ?1)";
	sqlite3_stmt	*st;
	char		*t = NULL;
	int		 rc;

	error_clear(err);
	if ((st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	store_bind(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		t = store_column(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		store_fail(s, rc, err);
		return NULL;
	}
	return t;
}

int
store_import_full(struct store *s, struct model *m,
    const struct risk_register *reg, const struct change *v, size_t n,
    const char *source, struct error *err)
{
	const char	*id;
	char		*now, *was;
	long		 rev;
	int		 rc;

	if (!m->indexed && model_index(m, NULL, err) == -1)
		return -1;
	id = m->system.id;
	if (store_begin(s, err) == -1)
		return -1;
	now = store_now();
	if ((rev = store_revision(s, id, err)) == -1)
		goto fail;
	if (rev > 0) {
		error_set(err, "model '%s' is already in database '%s'", id,
		    s->path);
		goto fail;
	}
	if (store_write_model(s, m, m->revision > 0 ? m->revision : 1, now,
	    err) == -1 ||
	    (reg != NULL && store_write_risks(s, id, reg, err) == -1) ||
	    store_append_imported(s, id, v, n, source, NULL, err) == -1)
		goto fail;
	/* Who brought it here, when and from where: ours. */
	was = s->source;
	s->source = xasprintf("import of '%s'", source);
	rc = store_log(s, now, store_user(), id, id, "imported", NULL,
	    source, err);
	free(s->source);
	s->source = was;
	if (rc == -1 || store_commit(s, err) == -1)
		goto fail;
	if (m->revision <= 0)
		m->revision = 1;
	free(now);
	return 0;

fail:
	store_rollback(s);
	free(now);
	return -1;
}

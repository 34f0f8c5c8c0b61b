/*
 * store-history.c: reading the history, and importing a model whole with
 * the history it had elsewhere.
 *
 * History is append-only: triggers refuse any UPDATE and any DELETE. An
 * import appends: the history another database had comes in marked as
 * imported, beside what this one already holds.
 */
#include "config.h"

#include <stdint.h>
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

/* A text column borrowed from the statement, until it steps again. */
static char *
store_column_borrowed(struct db_stmt *st, int col)
{
	return (char *)(uintptr_t)db_column_text(st, col);
}

void
store_change_row(struct change *c, struct db_stmt *st, int borrow)
{
	char	*(*text)(struct db_stmt *, int) = borrow ?
	    store_column_borrowed : store_column;

	c->seq = (long)db_column_int64(st, 0);
	c->at = text(st, 1);
	c->who = text(st, 2);
	c->system = text(st, 3);
	c->object = text(st, 4);
	c->field = text(st, 5);
	c->old_value = text(st, 6);
	c->new_value = text(st, 7);
	c->source = text(st, 8);
	c->revision = (long)db_column_int64(st, 9);
}

/* Append the entries a statement returns to v. */
static int
store_history_rows(struct store *s, struct db_stmt *st, struct change **v,
    size_t *n, size_t *max, struct error *err)
{
	int		 rc;

	while ((rc = store_step(s, st, err)) == 1) {
		if (*n == *max) {
			*max = *max == 0 ? 64 : *max * 2;
			*v = xreallocarray(*v, *max, sizeof **v);
		}
		store_change_row(&(*v)[(*n)++], st, 0);
	}
	return rc;
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
	struct db_stmt	*st;
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
		while ((rc = store_step(s, st, err)) == 1) {
			was = db_column_text(st, 0);
			for (j = 0; was != NULL && j < n; j++)
				if (strcmp(v[j], was) == 0)
					break;
			if (was == NULL || j < n)
				continue;
			v = xreallocarray(v, n + 2, sizeof *v);
			v[n++] = xstrdup(was);
			v[n] = NULL;
		}
		if (rc == -1)
			goto fail;
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
	struct db_stmt	*st;
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
	const char	*v[] = { at, who, object, field, old_value, new_value };
	size_t		 i;

	buf_reset(b);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
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

int
store_append_imported(struct store *s, const char *id,
    const struct change *v, size_t n, const char *source, size_t *added,
    struct error *err)
{
	static const char *const sql = "SELECT at, who, object, field, "
	    "old_value, new_value FROM history WHERE system = ?";
	const struct change	**add;
	struct strmap		 have;
	char			*k, **srcs;
	struct buf		 key;
	struct db_stmt		*st;
	size_t			 i, nadd = 0;
	int			 rc;

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
	while ((rc = store_step(s, st, err)) == 1) {
		store_change_key(&key, db_column_text(st, 0),
		    db_column_text(st, 1), db_column_text(st, 2),
		    db_column_text(st, 3), db_column_text(st, 4),
		    db_column_text(st, 5));
		if (strmap_get(&have, key.s) == NULL) {
			k = xstrdup(key.s);
			strmap_put(&have, k, k);
		}
	}
	if (rc == -1)
		goto out;
	/* What is new, appended in its order many to a statement. */
	add = xcalloc(n + 1, sizeof *add);
	srcs = xcalloc(n + 1, sizeof *srcs);
	for (i = 0; i < n; i++) {
		store_change_key(&key, v[i].at, v[i].who, v[i].object,
		    v[i].field, v[i].old_value, v[i].new_value);
		if (strmap_get(&have, key.s) != NULL)
			continue;	/* ours already, or imported before */
		k = xstrdup(key.s);
		strmap_put(&have, k, k);
		add[nadd] = &v[i];
		srcs[nadd++] = store_imported_source(source, &v[i]);
	}
	rc = store_log_changes(s, id, add, (const char *const *)srcs, nadd,
	    err);
	if (rc == 0 && added != NULL)
		*added = nadd;
	for (i = 0; i < nadd; i++)
		free(srcs[i]);
	free(srcs);
	free(add);
out:
	/* The map borrows its keys: each value is its own key's copy. */
	for (i = 0; i < have.cap; i++)
		if (have.slots[i].key != NULL)
			free(have.slots[i].value);
	buf_release(&key);
	strmap_release(&have);
	return rc;
}

/* One entry of HISTORY_CONFIRMED on the system, old -> new. */
static int
store_confirm_log(struct store *s, const char *id, const char *old,
    const char *new, struct error *err)
{
	char	*now;
	long	 rev;
	int	 rc;

	if (store_begin_system(s, id, err) == -1)
		return -1;
	if ((rev = store_revision(s, id, err)) == -1 ||
	    (rev == 0 && store_no_model(s, id, err) == -1)) {
		store_rollback(s);
		return -1;
	}
	now = store_now();
	rc = store_log(s, now, store_user(), id, id, HISTORY_CONFIRMED, old,
	    new, err);
	free(now);
	if (rc == -1 || store_commit(s, err) == -1) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int
store_confirm(struct store *s, const char *id, const char *what,
    struct error *err)
{
	return store_confirm_log(s, id, NULL, what, err);
}

int
store_unconfirm(struct store *s, const char *id, const char *what,
    struct error *err)
{
	return store_confirm_log(s, id, what, NULL, err);
}

char *
store_latest_change(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "SELECT max(t) FROM ("
	    "SELECT max(at) AS t FROM history WHERE system = ?1 "
	    "UNION ALL SELECT max(decided_at) FROM risks WHERE system = ?1) "
	    "AS latest";
	struct db_stmt	*st;
	char		*t = NULL;
	int		 rc;

	error_clear(err);
	if ((st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		t = store_column(st, 0);
	db_reset(st);
	if (rc != DB_ROW) {
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
	if (store_begin_system(s, id, err) == -1)
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

/*
 * Rebuilding a revision: the current model and decisions, with every
 * change of the history made after that revision undone, newest first.
 * The model is not indexed while it is rebuilt (an object recreated may
 * name one recreated only later): objects are found by their ids here.
 */
struct store_rebuild {
	struct store		*s;
	struct model		*m;
	struct risk_register	*reg;
	struct strmap		 risks;	/* "THREAT@TARGET" -> risk */
	char			**names;	/* the keys, owned */
	size_t			 nnames;
	const struct change	*v;	/* the model's history, oldest first */
	size_t			 start;	/* its first entry in this life */
	struct error		*err;
};

/* 1 if an entry is a record brought from another database's history. */
static int
store_foreign(const struct change *c)
{
	return c->source != NULL &&
	    strncmp(c->source, "imported from ", 14) == 0;
}

/* A boundary, component or flow by id (type in *t), or NULL. */
static void *
store_rebuild_find(const struct model *m, const char *id, enum objtype *t)
{
	size_t	i;

	for (i = 0; i < m->nboundaries; i++)
		if (strcmp(m->boundaries[i]->id, id) == 0) {
			*t = OBJ_BOUNDARY;
			return m->boundaries[i];
		}
	for (i = 0; i < m->ncomponents; i++)
		if (strcmp(m->components[i]->id, id) == 0) {
			*t = OBJ_COMPONENT;
			return m->components[i];
		}
	for (i = 0; i < m->nflows; i++)
		if (strcmp(m->flows[i]->id, id) == 0) {
			*t = OBJ_FLOW;
			return m->flows[i];
		}
	return NULL;
}

/* Replace a reference to a renamed object. */
static void
store_rebuild_follow(char **ref, const char *from, const char *to)
{
	if (*ref != NULL && strcmp(*ref, from) == 0) {
		free(*ref);
		*ref = xstrdup(to);
	}
}

/* Give an object back its earlier id; references follow. */
static void
store_rebuild_rename(struct model *m, void *obj, enum objtype t,
    const char *to)
{
	char	**idp = (char **)obj, *from = *idp;
	size_t	  i;

	for (i = 0; t == OBJ_BOUNDARY && i < m->ncomponents; i++)
		store_rebuild_follow(&m->components[i]->boundary, from, to);
	for (i = 0; t == OBJ_COMPONENT && i < m->nflows; i++) {
		store_rebuild_follow(&m->flows[i]->from, from, to);
		store_rebuild_follow(&m->flows[i]->to, from, to);
	}
	*idp = xstrdup(to);
	free(from);
}

/* Set one field from its text form (NULL clears it). */
static int
store_rebuild_set(struct store_rebuild *r, void *obj, enum objtype t,
    const char *id, const char *name, const char *value)
{
	const struct field	*f = model_field(t, name);

	if (f == NULL || f->type == FIELD_ID || f->type == FIELD_KIND)
		return 0;	/* a field this Parapet does not know */
	if (field_set(obj, f, value, r->err) == -1) {
		error_prefix(r->err, "%s '%s', field '%s'", objtype_name(t),
		    id, name);
		return -1;
	}
	return 0;
}

void
store_fields_escape(struct buf *b, const char *v)
{
	const char	*p;
	size_t		 len;

	for (p = v; *p != '\0'; p += len) {
		if ((len = strcspn(p, "\\\n")) == 0) {
			buf_adds(b, *p == '\\' ? "\\\\" : "\\n");
			len = 1;
		} else
			buf_add(b, p, len);
	}
}

void
store_fields_encode(struct buf *b, enum objtype t, const void *obj)
{
	const struct field	*f;
	const char		*v;
	struct buf		 set;
	size_t			 n, i;

	buf_reset(b);
	buf_init(&set);
	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		if (f[i].type == FIELD_ID || f[i].type == FIELD_KIND ||
		    (v = field_text(obj, &f[i], &set)) == NULL)
			continue;
		buf_adds(b, f[i].name);
		buf_addc(b, '=');
		store_fields_escape(b, v);
		buf_addc(b, '\n');
	}
	buf_release(&set);
}

const char *
store_fields_value(const char *p, struct buf *b)
{
	size_t	len;

	buf_reset(b);
	for (; *p != '\0' && *p != '\n'; p++) {
		/* Plain runs at once: most values escape nothing. */
		len = strcspn(p, "\\\n");
		buf_add(b, p, len);
		if (*(p += len) == '\0' || *p == '\n')
			break;
		if (*p == '\\' && (p[1] == '\\' || p[1] == 'n')) {
			buf_addc(b, p[1] == 'n' ? '\n' : '\\');
			p++;
		} else
			buf_addc(b, *p);
	}
	return p;
}

size_t
store_fields_decode(const char *p, char ***names, char ***values)
{
	const char	*eq;
	struct buf	 b;
	size_t		 n = 0;

	*names = *values = NULL;
	if (p == NULL)
		return 0;
	buf_init(&b);
	while (*p != '\0') {
		if ((eq = strchr(p, '=')) == NULL)
			break;
		*names = xreallocarray(*names, n + 1, sizeof **names);
		*values = xreallocarray(*values, n + 1, sizeof **values);
		(*names)[n] = xstrndup(p, (size_t)(eq - p));
		p = store_fields_value(eq + 1, &b);
		(*values)[n++] = xstrdup(b.s);
		if (*p == '\n')
			p++;
	}
	buf_release(&b);
	return n;
}

void
store_fields_free(char **names, char **values, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(names[i]);
		free(values[i]);
	}
	free(names);
	free(values);
}

/*
 * The fields a deleted object's entry kept, as store_fields_decode()
 * gives them; -1 if the entry has none (written before schema 4), -2 with
 * err set on an error, else how many.
 */
static long
store_deleted_fields(struct store *s, long seq, char ***names,
    char ***values, struct error *err)
{
	static const char *const sql = "SELECT was FROM history WHERE seq = ?";
	struct db_stmt	*st;
	const char	*p;
	long		 n;
	int		 rc;

	*names = *values = NULL;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -2;
	db_bind_int64(st, 1, seq);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc == DB_DONE)
			return -1;
		store_fail(s, rc, err);
		return -2;
	}
	p = db_column_text(st, 0);
	n = p != NULL ? (long)store_fields_decode(p, names, values) : -1;
	db_reset(st);
	return n;
}

/*
 * Recreate an object that entry i deleted, with the fields it had then:
 * those its entry kept, or for an entry written before schema 4 the latest
 * value of each in the entries before, back to its creation (under each
 * name it had).
 */
static int
store_rebuild_recreate(struct store_rebuild *r, size_t i)
{
	const struct change	*c = &r->v[i], *e;
	const char		*name = c->object, *was = c->old_value;
	const char		**fields = NULL, **values = NULL;
	char			**kept = NULL, **keptv = NULL;
	long			 nkept;
	size_t			 n = 0, j, k;
	enum objtype		 t;
	void			*obj;
	int			 kind, rc = 0;

	nkept = store_deleted_fields(r->s, c->seq, &kept, &keptv, r->err);
	if (nkept == -2)
		return -1;
	for (j = 0; nkept > 0 && j < (size_t)nkept; j++) {
		fields = xreallocarray(fields, n + 1, sizeof *fields);
		values = xreallocarray(values, n + 1, sizeof *values);
		fields[n] = kept[j];
		values[n++] = keptv[j];
	}
	for (j = nkept >= 0 ? r->start : i; j-- > r->start;) {
		e = &r->v[j];
		if (store_foreign(e) || e->object == NULL ||
		    e->field == NULL || strcmp(e->object, name) != 0)
			continue;
		if (strcmp(e->field, "created") == 0)
			break;
		if (strcmp(e->field, "deleted") == 0)
			break;	/* an earlier object of the same id */
		if (strcmp(e->field, "id") == 0) {
			if (e->old_value == NULL)
				break;
			name = e->old_value;
			continue;
		}
		for (k = 0; k < n; k++)
			if (strcmp(fields[k], e->field) == 0)
				break;
		if (k < n)
			continue;	/* a later value is known */
		fields = xreallocarray(fields, n + 1, sizeof *fields);
		values = xreallocarray(values, n + 1, sizeof *values);
		fields[n] = e->field;
		values[n++] = e->new_value;
	}
	if (was == NULL)
		was = "";
	if (strcmp(was, "boundary") == 0) {
		obj = model_add_boundary(r->m, c->object);
		t = OBJ_BOUNDARY;
	} else if (strcmp(was, "flow") == 0) {
		obj = model_add_flow(r->m, c->object, NULL, NULL);
		t = OBJ_FLOW;
	} else if ((kind = vocab_find(&vocab_kind, was)) != -1) {
		obj = model_add_component(r->m, c->object, kind);
		t = OBJ_COMPONENT;
	} else {
		rc = error_set(r->err, "object '%s' was deleted as '%s', "
		    "which this Parapet does not know", c->object, was);
		goto out;
	}
	for (k = 0; rc == 0 && k < n; k++)
		rc = store_rebuild_set(r, obj, t, c->object, fields[k],
		    values[k]);
out:
	store_fields_free(kept, keptv, nkept > 0 ? (size_t)nkept : 0);
	free(fields);
	free(values);
	return rc;
}

/* Undo a change to a practice answer or note. */
static void
store_rebuild_practice(struct model *m, const struct change *c)
{
	struct practice	*p = NULL;
	size_t		 i;
	int		 a;

	for (i = 0; i < m->npractices; i++)
		if (strcmp(m->practices[i]->id, c->object) == 0) {
			p = m->practices[i];
			break;
		}
	if (strcmp(c->field, "answer") == 0 && c->old_value == NULL) {
		if (p == NULL)
			return;
		/* Not answered then: gone. */
		free(p->id);
		free(p->note);
		free(p);
		memmove(&m->practices[i], &m->practices[i + 1],
		    (m->npractices - i - 1) * sizeof *m->practices);
		m->npractices--;
		return;
	}
	if (p == NULL)
		p = model_add_practice(m, c->object, TRI_UNKNOWN);
	if (strcmp(c->field, "answer") == 0) {
		a = vocab_find(&vocab_answer, c->old_value);
		p->answer = a == -1 ? TRI_UNKNOWN : (enum tri)a;
	} else {
		free(p->note);
		p->note = c->old_value != NULL ? xstrdup(c->old_value) : NULL;
	}
}

/* Replace a decision's text with its earlier value. */
static void
store_rebuild_text(char **p, const char *was)
{
	free(*p);
	*p = was != NULL ? xstrdup(was) : NULL;
}

/* Index a risk of the register by its name. */
static void
store_rebuild_index(struct store_rebuild *r, struct risk *k)
{
	char	*name = xasprintf("%s@%s", k->threat, k->target);

	r->names = xreallocarray(r->names, r->nnames + 1, sizeof *r->names);
	r->names[r->nnames++] = name;
	strmap_put(&r->risks, name, k);
}

/*
 * Set one decision of a risk (a history entry's field: status, owner,
 * justification, "mitigation ID status|owner|due|notes") to a value.
 */
static void
store_rebuild_decision(struct risk *k, const char *field, const char *value)
{
	struct risk_mitigation	*rm;
	const char		*sp, *what;
	char			*mid;
	int			 w;

	if (strcmp(field, "status") == 0) {
		w = value != NULL ? vocab_find(&vocab_risk_status, value) : -1;
		k->status = w == -1 ? RISK_OPEN : w;
	} else if (strcmp(field, "owner") == 0)
		store_rebuild_text(&k->owner, value);
	else if (strcmp(field, "justification") == 0)
		store_rebuild_text(&k->justification, value);
	else if (strncmp(field, "mitigation ", 11) == 0 &&
	    (sp = strrchr(field, ' ')) > field + 11) {
		mid = xstrndup(field + 11, (size_t)(sp - field - 11));
		what = sp + 1;
		if ((rm = risk_find_mitigation(k, mid)) == NULL)
			rm = risk_add_mitigation(k, mid);
		free(mid);
		if (strcmp(what, "status") == 0) {
			w = value != NULL ? vocab_find(
			    &vocab_mitigation_status, value) : -1;
			rm->status = w == -1 ? MIT_PROPOSED : w;
		} else if (strcmp(what, "owner") == 0)
			store_rebuild_text(&rm->owner, value);
		else if (strcmp(what, "due") == 0)
			store_rebuild_text(&rm->due, value);
		else if (strcmp(what, "notes") == 0)
			store_rebuild_text(&rm->notes, value);
	}
}

/*
 * Undo the merge of a risk into a finding (entry c, "merged into"): the
 * merge dropped the risk's row, so the risk comes back with the decisions
 * its own history gave it up to then, under each name it had (a rename of
 * its target renames it). The finding's changes at the merge are undone
 * as any others.
 */
static void
store_rebuild_unmerge(struct store_rebuild *r, const struct change *c)
{
	struct risk	 *k;
	const char	**names;
	char		 *threat, *target;
	size_t		  i, j, n = 1, at = (size_t)(c - r->v);
	int		  mine;

	if (strmap_get(&r->risks, c->object) != NULL ||
	    risk_parse_name(c->object, &threat, &target) == -1)
		return;
	k = risk_register_add(r->reg, threat, target);
	store_rebuild_index(r, k);
	free(threat);
	free(target);
	names = xcalloc(at - r->start + 2, sizeof *names);
	names[0] = c->object;
	for (i = at; i-- > r->start;)
		for (j = 0; j < n; j++)
			if (r->v[i].object != NULL && r->v[i].field != NULL &&
			    r->v[i].old_value != NULL &&
			    strcmp(r->v[i].field, "id") == 0 &&
			    strcmp(r->v[i].object, names[j]) == 0) {
				names[n++] = r->v[i].old_value;
				break;
			}
	for (i = r->start; i < at; i++) {
		if (store_foreign(&r->v[i]) || r->v[i].object == NULL ||
		    r->v[i].field == NULL)
			continue;
		for (j = 0, mine = 0; !mine && j < n; j++)
			mine = strcmp(r->v[i].object, names[j]) == 0;
		if (mine)
			store_rebuild_decision(k, r->v[i].field,
			    r->v[i].new_value);
	}
	free(names);
}

/* Undo a change to a risk's decisions. */
static void
store_rebuild_risk(struct store_rebuild *r, const struct change *c)
{
	struct risk_mitigation	*rm;
	struct risk		*k;
	char			*threat, *target;
	size_t			 i;

	if (strcmp(c->field, "merged into") == 0) {
		store_rebuild_unmerge(r, c);
		return;
	}
	if (strcmp(c->field, "applies") == 0 ||
	    strcmp(c->field, "merged from") == 0)
		return;		/* the analysis's, not a decision */
	if ((k = strmap_get(&r->risks, c->object)) == NULL) {
		if (risk_parse_name(c->object, &threat, &target) == -1)
			return;
		k = risk_register_add(r->reg, threat, target);
		store_rebuild_index(r, k);
		free(threat);
		free(target);
	}
	if (strcmp(c->field, "id") == 0) {
		/* Moved with its renamed target: back to its earlier name. */
		if (c->old_value != NULL &&
		    strmap_get(&r->risks, c->old_value) == NULL &&
		    risk_parse_name(c->old_value, &threat, &target) == 0) {
			strmap_del(&r->risks, c->object);
			free(k->threat);
			free(k->target);
			k->threat = threat;
			k->target = target;
			store_rebuild_index(r, k);
		}
	} else if (strcmp(c->field, "imported") == 0) {
		/* Came in with its decisions: none before. */
		k->status = RISK_OPEN;
		store_rebuild_text(&k->owner, NULL);
		store_rebuild_text(&k->justification, NULL);
		for (i = 0; i < k->nmitigations; i++) {
			rm = &k->mitigations[i];
			rm->status = MIT_PROPOSED;
			store_rebuild_text(&rm->owner, NULL);
			store_rebuild_text(&rm->due, NULL);
			store_rebuild_text(&rm->notes, NULL);
		}
	} else
		store_rebuild_decision(k, c->field, c->old_value);
}

/* Undo entry i of the history. */
static int
store_rebuild_undo(struct store_rebuild *r, size_t i)
{
	const struct change	*c = &r->v[i];
	struct model		*m = r->m;
	const struct field	*f;
	enum objtype		 t;
	void			*obj;
	size_t			 len;
	int			 kind;

	if (store_foreign(c) || c->object == NULL || c->field == NULL)
		return 0;
	if (strchr(c->object, '@') != NULL) {
		store_rebuild_risk(r, c);
		return 0;
	}
	len = strlen(c->field);
	if (strcmp(c->object, m->system.id) == 0) {
		/*
		 * The system's fields. What an order entry records (the
		 * objects' places in their lists) is not rebuilt: a diff
		 * matches objects by id, not place.
		 */
		if ((f = model_field(OBJ_SYSTEM, c->field)) == NULL ||
		    (len > 6 && strcmp(c->field + len - 6, " order") == 0))
			return 0;
		return store_rebuild_set(r, &m->system, OBJ_SYSTEM,
		    m->system.id, c->field, c->old_value);
	}
	obj = store_rebuild_find(m, c->object, &t);
	if (strcmp(c->field, "deleted") == 0)
		return obj != NULL ? 0 : store_rebuild_recreate(r, i);
	if (obj == NULL) {
		if (strcmp(c->field, "answer") == 0 ||
		    strcmp(c->field, "note") == 0)
			store_rebuild_practice(m, c);
		return 0;	/* nothing else to undo on a missing object */
	}
	if (strcmp(c->field, "created") == 0) {
		model_remove(m, c->object);
		return 0;
	}
	if (strcmp(c->field, "id") == 0) {
		if (c->old_value != NULL &&
		    store_rebuild_find(m, c->old_value, &t) == NULL)
			store_rebuild_rename(m, obj, t, c->old_value);
		return 0;
	}
	if (strcmp(c->field, "kind") == 0) {
		if (t == OBJ_COMPONENT && c->old_value != NULL &&
		    (kind = vocab_find(&vocab_kind, c->old_value)) != -1)
			((struct component *)obj)->kind = kind;
		return 0;
	}
	return store_rebuild_set(r, obj, t, c->object, c->field,
	    c->old_value);
}

struct model *
store_load_revision(struct store *s, const char *id, long revision,
    struct risk_register *reg, struct error *err)
{
	struct store_rebuild	 r;
	struct change		*v = NULL;
	struct model		*m = NULL;
	char			*only = NULL;
	size_t			 n = 0, i, first;
	long			 current, floor;
	int			 ok = 0;

	memset(&r, 0, sizeof r);
	strmap_init(&r.risks);
	if (store_begin_read(s, err) == -1)
		return NULL;
	/* One snapshot: the loads below join it. */
	s->depth++;
	if (id == NULL && (id = only = store_only_model(s, err)) == NULL)
		goto out;
	if ((m = store_load_model(s, id, err)) == NULL ||
	    store_load_risks(s, id, reg, err) == -1 ||
	    store_history(s, id, NULL, &v, &n, err) == -1)
		goto out;
	current = m->revision;
	if (revision <= 0)
		revision += current;	/* counted back from the latest */
	/* This life of the model: after it was last deleted. */
	for (r.start = n; r.start > 0; r.start--) {
		i = r.start - 1;
		if (v[i].object != NULL && v[i].field != NULL &&
		    strcmp(v[i].object, id) == 0 &&
		    strcmp(v[i].field, "deleted") == 0)
			break;
	}
	/* Its history here begins with its creation or its import. */
	for (first = r.start; first < n && store_foreign(&v[first]); first++)
		;
	floor = first < n && v[first].revision > 0 ? v[first].revision : 1;
	if (floor > current)
		floor = current;
	if (revision < 1 || revision > current) {
		error_set(err, "model '%s' in database '%s' has no revision "
		    "%ld (its revisions are %ld to %ld; see parapet history)",
		    id, s->path, revision, floor, current);
		goto out;
	}
	if (revision < floor) {
		error_set(err, "revision %ld of model '%s' is older than its "
		    "history in database '%s', which begins at revision %ld",
		    revision, id, s->path, floor);
		goto out;
	}
	r.s = s;
	r.m = m;
	r.reg = reg;
	r.v = v;
	r.err = err;
	for (i = 0; i < reg->n; i++)
		store_rebuild_index(&r, reg->risks[i]);
	if (revision < current)
		m->indexed = 0;	/* model_index() makes it again */
	for (i = n; i-- > r.start;) {
		if (v[i].revision <= revision)
			continue;
		if (store_rebuild_undo(&r, i) == -1) {
			error_prefix(err, "cannot rebuild revision %ld of "
			    "model '%s' from its history", revision, id);
			goto out;
		}
	}
	if (!m->indexed && model_index(m, NULL, err) == -1) {
		error_prefix(err, "revision %ld of model '%s' rebuilt from its "
		    "history is not a valid model", revision, id);
		goto out;
	}
	m->revision = revision;
	ok = 1;
out:
	s->depth--;
	store_rollback(s);	/* a read: nothing to keep */
	for (i = 0; i < r.nnames; i++)
		free(r.names[i]);
	free(r.names);
	strmap_release(&r.risks);
	changes_free(v, n);
	free(only);
	if (!ok) {
		model_free(m);
		return NULL;
	}
	return m;
}

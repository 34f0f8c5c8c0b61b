/*
 * store-load.c: a stored model read back (store-model.c says how objects
 * are stored): its objects, fields and practices, one model or the only
 * one, and the places of its objects in its file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/*
 * Set one field of an object (or the system) read from the database; a
 * field this Parapet does not know is left alone.
 */
static int
store_load_field(struct store *s, const struct model *m, enum objtype t,
    void *obj, const char *object, const struct field *f, const char *value,
    struct error *err)
{
	if (f == NULL || f->type == FIELD_ID || f->type == FIELD_KIND)
		return 0;
	if (field_set(obj, f, value, err) == -1) {
		error_prefix(err, "database '%s': model '%s', %s '%s'",
		    s->path, m->system.id, objtype_name(t),
		    *object != '\0' ? object : m->system.id);
		return -1;
	}
	return 0;
}

/*
 * Set the fields an objects row holds (its fields column, as
 * store_fields_encode() writes it and store_fields_decode() reads it),
 * decoded in place: a model of a million objects has millions of fields,
 * and a copy of each name and value only to look it up and copy it again
 * was a third of loading it.
 */
int
store_load_packed(struct store *s, const struct model *m, enum objtype t,
    void *obj, const char *id, const char *text, struct error *err)
{
	const struct field	*fields, *f;
	const char		*p = text, *eq;
	struct buf		 b;
	size_t			 len, nf, next = 0, j;
	int			 rc = 0;

	if (p == NULL)
		return 0;
	fields = model_fields(t, &nf);
	buf_init(&b);
	while (rc == 0 && *p != '\0') {
		if ((eq = strchr(p, '=')) == NULL)
			break;
		/*
		 * The fields come in the table's order (as
		 * store_fields_encode() writes them): look from after the
		 * last one found, round to it.
		 */
		len = (size_t)(eq - p);
		f = NULL;
		for (j = 0; j < nf; j++) {
			f = &fields[(next + j) % nf];
			if (strncmp(f->name, p, len) == 0 &&
			    f->name[len] == '\0')
				break;
		}
		if (j < nf)
			next = (size_t)(f - fields) + 1;
		else
			f = NULL;	/* a newer Parapet's: left alone */
		p = store_fields_value(eq + 1, &b);
		rc = store_load_field(s, m, t, obj, id, f, b.s, err);
		if (*p == '\n')
			p++;
	}
	buf_release(&b);
	return rc;
}

/* An object read, with its place in the model's order. */
struct store_placed {
	long	 pos;
	void	*obj;
};

/* Objects read of one type, in the order the database gave them. */
struct store_placing {
	struct store_placed	*v;
	size_t			 n, max;
};

static void
store_place(struct store_placing *p, long pos, void *obj)
{
	if (p->n == p->max) {
		p->max = p->max == 0 ? 64 : p->max * 2;
		p->v = xreallocarray(p->v, p->max, sizeof *p->v);
	}
	p->v[p->n].pos = pos;
	p->v[p->n++].obj = obj;
}

/* By position, then by id (the id is each object's first member). */
static int
store_placed_cmp(const void *a, const void *b)
{
	const struct store_placed	*x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return strcmp(*(char *const *)x->obj, *(char *const *)y->obj);
}

/*
 * Put one type's objects (array, as the placing read them) in the order
 * of their positions, then ids: what "ORDER BY position, object" gave,
 * without SQLite sorting whole rows (an eighth of loading a million).
 */
static void
store_order(struct store_placing *p, void **array)
{
	size_t	i;

	for (i = 1; i < p->n; i++)
		if (store_placed_cmp(&p->v[i - 1], &p->v[i]) > 0)
			break;
	if (i < p->n) {
		qsort(p->v, p->n, sizeof *p->v, store_placed_cmp);
		for (i = 0; i < p->n; i++)
			array[i] = p->v[i].obj;
	}
	free(p->v);
}

/* Which objects rows store_load_objects() reads. */
enum store_objects {
	STORE_OBJECTS_ALL,
	STORE_OBJECTS_BOUNDARIES,
	STORE_OBJECTS_NONE
};

/*
 * Read the objects rows of a model into it, with their fields, in the
 * order of their positions (those of a type it holds none of yet). With
 * packed, each object's fields column is kept there as it is stored (by
 * the object's id), not decoded (store_load_compared()).
 */
static int
store_load_objects(struct store *s, struct model *m, enum store_objects which,
    struct strmap *packed, struct error *err)
{
	static const char *const sqls[] = {
		[STORE_OBJECTS_ALL] = "SELECT object, type, kind, fields, "
		    "position FROM objects WHERE system = ?",
		[STORE_OBJECTS_BOUNDARIES] = "SELECT object, type, kind, "
		    "fields, position FROM objects WHERE system = ? AND "
		    "type = 'boundary'",
		[STORE_OBJECTS_NONE] = NULL
	};
	const char		*sql = sqls[which];
	struct store_placing	 placing[OBJ_COUNT];
	struct db_stmt		*st;
	const char		*id, *type, *kind, *text;
	void			*obj;
	size_t			 i;
	int			 rc, k;

	if (sql == NULL)
		return 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	memset(placing, 0, sizeof placing);
	store_bind(st, 1, m->system.id);
	while ((rc = store_step(s, st, err)) == 1) {
		id = db_column_text(st, 0);
		type = db_column_text(st, 1);
		kind = db_column_text(st, 2);
		if (id == NULL || type == NULL)
			continue;
		if (strcmp(type, "boundary") == 0) {
			obj = model_add_boundary(m, id);
			k = OBJ_BOUNDARY;
		} else if (strcmp(type, "component") == 0) {
			if (kind == NULL ||
			    (k = vocab_find(&vocab_kind, kind)) == -1) {
				error_set(err, "database '%s': component '%s' "
				    "of model '%s' has an unknown kind '%s'",
				    s->path, id, m->system.id,
				    kind != NULL ? kind : "");
				db_reset(st);
				rc = -1;
				break;
			}
			obj = model_add_component(m, id, k);
			k = OBJ_COMPONENT;
		} else if (strcmp(type, "flow") == 0) {
			obj = model_add_flow(m, id, NULL, NULL);
			k = OBJ_FLOW;
		} else
			continue;	/* a type of a newer Parapet */
		store_place(&placing[k], (long)db_column_int64(st, 4), obj);
		if (packed != NULL) {
			text = db_column_text(st, 3);
			strmap_put(packed, store_id_of(obj),
			    xstrdup(text != NULL ? text : ""));
		} else if (store_load_packed(s, m, (enum objtype)k, obj, id,
		    db_column_text(st, 3), err) == -1) {
			db_reset(st);
			rc = -1;
			break;
		}
	}
	store_order(&placing[OBJ_BOUNDARY], (void **)m->boundaries);
	store_order(&placing[OBJ_COMPONENT], (void **)m->components);
	store_order(&placing[OBJ_FLOW], (void **)m->flows);
	for (i = 0; i < m->ncomponents; i++)
		m->components[i]->index = i;
	for (i = 0; i < m->nflows; i++)
		m->flows[i]->index = i;
	return rc;
}

/*
 * The objects of a model by id, with their types in refs (the caller's to
 * free), for the fields rows of a database before schema 4.
 */
static struct objref *
store_load_ids(const struct model *m, struct strmap *objs)
{
	struct objref	*refs;
	size_t		 n = 0, i;

	refs = xreallocarray(NULL, m->nboundaries + m->ncomponents +
	    m->nflows + 1, sizeof *refs);
	for (i = 0; i < m->nboundaries; i++) {
		refs[n].type = OBJ_BOUNDARY;
		refs[n].ptr = m->boundaries[i];
		strmap_put(objs, m->boundaries[i]->id, &refs[n++]);
	}
	for (i = 0; i < m->ncomponents; i++) {
		refs[n].type = OBJ_COMPONENT;
		refs[n].ptr = m->components[i];
		strmap_put(objs, m->components[i]->id, &refs[n++]);
	}
	for (i = 0; i < m->nflows; i++) {
		refs[n].type = OBJ_FLOW;
		refs[n].ptr = m->flows[i];
		strmap_put(objs, m->flows[i]->id, &refs[n++]);
	}
	return refs;
}

/* Decode the fields columns that store_load_objects() kept in packed. */
static int
store_unpack_all(struct store *s, struct model *m, struct strmap *packed,
    struct error *err)
{
	enum objtype	 t;
	void		**v;
	char		 *text;
	size_t		  n, i;
	int		  rc = 0;

	for (t = OBJ_BOUNDARY; rc == 0 && t <= OBJ_FLOW; t++) {
		v = t == OBJ_BOUNDARY ? (void **)m->boundaries :
		    t == OBJ_COMPONENT ? (void **)m->components :
		    (void **)m->flows;
		n = t == OBJ_BOUNDARY ? m->nboundaries :
		    t == OBJ_COMPONENT ? m->ncomponents : m->nflows;
		for (i = 0; rc == 0 && i < n; i++) {
			if ((text = strmap_del(packed, store_id_of(v[i]))) ==
			    NULL)
				continue;
			rc = store_load_packed(s, m, t, v[i],
			    store_id_of(v[i]), text, err);
			free(text);
		}
	}
	return rc;
}

/*
 * Read the fields rows of a model: the system's, and an object's of a
 * database before schema 4 that kept one row per field. The objects are
 * found by id only when such a row comes: a map of a million ids was a
 * tenth of loading a model that has none.
 */
static int
store_load_fields(struct store *s, struct model *m, int objects_only,
    struct strmap *packed, struct error *err)
{
	static const char *const all = "SELECT object, field, value "
	    "FROM fields WHERE system = ?";
	static const char *const objects = "SELECT object, field, value "
	    "FROM fields WHERE system = ? AND object <> ''";
	const char		*sql = objects_only ? objects : all;
	const struct objref	*ref;
	struct objref		*refs = NULL;
	struct strmap		 objs;
	struct db_stmt		*st;
	const char		*object, *name, *value;
	enum objtype		 t;
	void			*obj;
	int			 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	strmap_init(&objs);
	store_bind(st, 1, m->system.id);
	while ((rc = store_step(s, st, err)) == 1) {
		object = db_column_text(st, 0);
		name = db_column_text(st, 1);
		value = db_column_text(st, 2);
		if (object == NULL || name == NULL)
			continue;
		if (*object != '\0' && refs == NULL) {
			/* Such a row sets a field over the packed ones. */
			if (packed != NULL &&
			    store_unpack_all(s, m, packed, err) == -1) {
				db_reset(st);
				rc = -1;
				break;
			}
			refs = store_load_ids(m, &objs);
		}
		if (*object == '\0') {
			t = OBJ_SYSTEM;
			obj = &m->system;
		} else if ((ref = strmap_get(&objs, object)) != NULL) {
			t = ref->type;
			obj = ref->ptr;
		} else
			continue;	/* cannot happen: deleted together */
		if (store_load_field(s, m, t, obj, object,
		    model_field(t, name), value, err) == -1) {
			db_reset(st);
			rc = -1;
			break;
		}
	}
	strmap_release(&objs);
	free(refs);
	return rc;
}

/* Read the practice answers of a model. */
static int
store_load_practices(struct store *s, struct model *m, struct error *err)
{
	static const char *const sql = "SELECT question, answer, note "
	    "FROM practices WHERE system = ? ORDER BY position, question";
	struct practice	*p;
	struct db_stmt	*st;
	const char	*q, *answer;
	int		 rc, a;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, m->system.id);
	while ((rc = store_step(s, st, err)) == 1) {
		q = db_column_text(st, 0);
		answer = db_column_text(st, 1);
		if (q == NULL)
			continue;
		a = answer != NULL ? vocab_find(&vocab_answer, answer) : -1;
		p = model_add_practice(m, q, a == -1 ? TRI_UNKNOWN :
		    (enum tri)a);
		free(p->note);
		p->note = store_column(st, 2);
	}
	return rc;
}

struct model *
store_load_model(struct store *s, const char *id, struct error *err)
{
	return store_load_model_some(s, id, 1, err);
}

/*
 * Index the objects of a model read with their fields not decoded by id
 * alone: what model_index() checks and links is in their fields.
 */
static void
store_index_ids(struct model *m)
{
	struct objref	*ref;
	size_t		 i;

	for (i = 0; i < m->nboundaries; i++) {
		ref = xmalloc(sizeof *ref);
		ref->type = OBJ_BOUNDARY;
		ref->ptr = m->boundaries[i];
		free(strmap_put(&m->ids, m->boundaries[i]->id, ref));
	}
	for (i = 0; i < m->ncomponents; i++) {
		ref = xmalloc(sizeof *ref);
		ref->type = OBJ_COMPONENT;
		ref->ptr = m->components[i];
		free(strmap_put(&m->ids, m->components[i]->id, ref));
	}
	for (i = 0; i < m->nflows; i++) {
		ref = xmalloc(sizeof *ref);
		ref->type = OBJ_FLOW;
		ref->ptr = m->flows[i];
		free(strmap_put(&m->ids, m->flows[i]->id, ref));
	}
	m->indexed = 1;
}

/*
 * A model with the objects rows which says (the system's fields and the
 * practices always).
 */
static struct model *
store_load_model_which(struct store *s, const char *id,
    enum store_objects which, struct strmap *packed, struct error *err)
{
	static const char *const sql = "SELECT name, description, owner, "
	    "criticality, revision FROM models WHERE system = ?";
	const struct field	*f;
	struct model		*m;
	struct db_stmt		*st;
	size_t			 i;
	int			 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (rc == DB_DONE)
			store_no_model(s, id, err);
		else
			store_fail(s, rc, err);
		return NULL;
	}
	m = model_new();
	m->system.id = xstrdup(id);
	m->revision = (long)db_column_int64(st, 4);
	for (i = 0; i < STORE_NCOLUMNS; i++) {
		if ((f = model_field(OBJ_SYSTEM, store_system_columns[i])) ==
		    NULL)
			continue;
		if (field_set(&m->system, f,
		    db_column_text(st, (int)i), err) == -1) {
			error_prefix(err, "database '%s': model '%s'", s->path,
			    id);
			db_reset(st);
			model_free(m);
			return NULL;
		}
	}
	db_reset(st);

	rc = store_load_objects(s, m, which, packed, err);
	if (rc == 0)
		rc = store_load_fields(s, m, 0, packed, err);
	if (rc == 0)
		rc = store_load_practices(s, m, err);
	if (rc == 0 && packed != NULL)
		store_index_ids(m);
	else if (rc == 0 && model_index(m, NULL, err) == -1) {
		error_prefix(err, "database '%s': model '%s'", s->path, id);
		rc = -1;
	}
	if (rc == -1) {
		model_free(m);
		return NULL;
	}
	return m;
}

/*
 * 1 if model id has objects of a type stored, 0 if not, -1 on error. The
 * rows of a system are kept in the order of their ids, not their types,
 * so the rows at either end of that order are looked at first: unless
 * the type's ids all sort between many others' (at a million objects a
 * pass over all of them took 0.3 s), one of its rows is there, if any.
 */
static int
store_has_objects(struct store *s, const char *id, const char *type,
    struct error *err)
{
	static const char *const sqls[] = {
		"SELECT 1 FROM (SELECT type FROM objects WHERE system = ? "
		"ORDER BY object LIMIT 1000) AS o WHERE type = ? LIMIT 1",
		"SELECT 1 FROM (SELECT type FROM objects WHERE system = ? "
		"ORDER BY object DESC LIMIT 1000) AS o WHERE type = ? LIMIT 1",
		"SELECT 1 FROM objects WHERE system = ? AND type = ? LIMIT 1"
	};
	struct db_stmt	*st;
	size_t		 i;
	int		 rc = DB_DONE;

	for (i = 0; i < sizeof sqls / sizeof sqls[0] && rc == DB_DONE; i++) {
		if ((st = store_prepare(s, sqls[i], err)) == NULL)
			return -1;
		store_bind(st, 1, id);
		store_bind(st, 2, type);
		rc = db_step(st);
		db_reset(st);
	}
	if (rc == DB_ROW)
		return 1;
	if (rc == DB_DONE)
		return 0;
	return store_fail(s, rc, err);
}

/*
 * The objects rows are not read: even the boundaries', a few, would take
 * a pass over them all (their type is not indexed: 0.9 s at 1.5 million
 * objects).
 */
struct model *
store_load_head(struct store *s, const char *id, struct error *err)
{
	static const struct {
		const char	*type;
		unsigned	 bit;
	} types[] = {
		{ "boundary", MODEL_UNREAD_BOUNDARIES },
		{ "component", MODEL_UNREAD_COMPONENTS },
		{ "flow", MODEL_UNREAD_FLOWS }
	};
	struct model	*m;
	unsigned	 unread = 0;
	size_t		 i;
	int		 has = 0;

	if (store_begin_read(s, err) == -1)
		return NULL;
	m = store_load_model_which(s, id, STORE_OBJECTS_NONE, NULL,
	    err);
	for (i = 0; m != NULL && i < sizeof types / sizeof types[0]; i++) {
		if ((has = store_has_objects(s, id, types[i].type, err)) == -1)
			break;
		if (has)
			unread |= types[i].bit;
	}
	store_rollback(s);	/* a read: nothing to keep */
	if (has == -1) {
		model_free(m);
		return NULL;
	}
	if (m != NULL)
		m->unread = unread;
	return m;
}

/* Move the objects of model a to b, which has none. */
static void
store_move_rest(struct model *a, struct model *b)
{
	b->boundaries = a->boundaries;
	b->nboundaries = a->nboundaries;
	a->boundaries = NULL;
	a->nboundaries = 0;
	b->components = a->components;
	b->ncomponents = a->ncomponents;
	b->flows = a->flows;
	b->nflows = a->nflows;
	a->components = NULL;
	a->ncomponents = 0;
	a->flows = NULL;
	a->nflows = 0;
}

/*
 * 0 if model id is still as it was at revision (decisions on its risks
 * since aside), else -1 with err saying that someone else changed or
 * deleted it, as store_save() words it. In a read.
 */
static int
store_rest_current(struct store *s, const char *id, long revision,
    struct error *err)
{
	/* The last revision that changed the model, not its register. */
	static const char *const edited_sql = "SELECT coalesce(edited, "
	    "revision) FROM models WHERE system = ?";
	long	rev, edited;

	if ((rev = store_revision(s, id, err)) == -1 ||
	    (edited = store_model_number(s, edited_sql, id, err)) == -1)
		return -1;
	if (rev == 0)
		return error_set(err, "model '%s' was deleted by someone else "
		    "(expected revision %ld)", id, revision);
	if (edited > revision || revision > rev)
		return error_set(err, "model '%s' was changed by someone else "
		    "(revision %ld, expected %ld); reload it", id, rev,
		    revision);
	return 0;
}

/*
 * In a read: the objects of r, a model of their own, with their fields
 * rows (one sets a field over the packed ones), moved into m, which has
 * none, and m indexed; -1 with err set (m as it was, r keeping them).
 */
static int
store_rest_move(struct store *s, struct model *m, struct model *r,
    struct error *err)
{
	if (store_load_fields(s, r, 1, NULL, err) == -1)
		return -1;
	store_move_rest(r, m);
	if (model_index(m, NULL, err) == -1) {
		error_prefix(err, "database '%s': model '%s'", s->path,
		    m->system.id);
		store_move_rest(m, r);
		(void)model_index(m, NULL, NULL);
		return -1;
	}
	m->unread = 0;
	return 0;
}

/*
 * The rest is read into a model of its own, then moved into m: a read
 * that fails leaves m as it was.
 */
int
store_load_rest(struct store *s, struct model *m, struct error *err)
{
	struct model	*r = NULL;
	int		 rc = -1;

	if (m->unread == 0)
		return 0;
	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_rest_current(s, m->system.id, m->revision, err) == -1)
		goto out;
	r = model_new();
	r->system.id = xstrdup(m->system.id);
	if (store_load_objects(s, r, STORE_OBJECTS_ALL, NULL, err) == -1 ||
	    store_rest_move(s, m, r, err) == -1)
		goto out;
	rc = 0;
out:
	store_rollback(s);	/* a read: nothing to keep */
	model_free(r);
	return rc;
}

struct model *
store_load_model_some(struct store *s, const char *id, int lists,
    struct error *err)
{
	return store_load_model_which(s, id, lists ? STORE_OBJECTS_ALL :
	    STORE_OBJECTS_BOUNDARIES, NULL, err);
}

struct model *
store_load_compared(struct store *s, const char *id, struct strmap *packed,
    struct error *err)
{
	return store_load_model_which(s, id, STORE_OBJECTS_ALL, packed, err);
}

/* The id of the only model of the database (the caller's to free). */
char *
store_only_model(struct store *s, struct error *err)
{
	static const char *const sql = "SELECT system FROM models "
	    "ORDER BY system LIMIT 4";
	struct db_stmt	*st;
	struct buf	 b;
	char		*id = NULL;
	size_t		 n = 0;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	buf_init(&b);
	while ((rc = store_step(s, st, err)) == 1) {
		if (n++ == 0)
			id = store_column(st, 0);
		if (n <= 3)
			buf_addf(&b, "%s'%s'", n > 1 ? ", " : "",
			    db_column_text(st, 0));
		else
			buf_adds(&b, ", ...");
	}
	if (rc == 0 && n == 0)
		error_set(err, "database '%s' holds no models", s->path);
	else if (rc == 0 && n > 1)
		error_set(err, "database '%s' holds several models (%s); name "
		    "one with --model", s->path, b.s);
	buf_release(&b);
	if (rc == -1 || n != 1) {
		free(id);
		return NULL;
	}
	return id;
}

char *
store_model_named(struct store *s, const char *id, struct error *err)
{
	return id != NULL ? xstrdup(id) : store_only_model(s, err);
}

struct model *
store_load(struct store *s, const char *id, struct error *err)
{
	struct model	*m = NULL;
	char		*only = NULL;

	if (store_begin_read(s, err) == -1)
		return NULL;
	if (id == NULL && (id = only = store_only_model(s, err)) == NULL)
		goto out;
	m = store_load_model(s, id, err);
out:
	store_rollback(s);	/* a read: nothing to keep */
	free(only);
	return m;
}

int
store_exists(struct store *s, const char *id, struct error *err)
{
	long	rev = store_revision(s, id, err);

	if (rev == -1)
		return -1;
	return rev > 0;
}

/*
 * Give a stored model, just loaded in the current transaction, the places
 * in its file that the database holds (none: line 0), to compare with.
 */
int
store_read_places(struct store *s, struct model *m, struct error *err)
{
	static const char *const sys = "SELECT line, col FROM models "
	    "WHERE system = ?";
	static const char *const objects = "SELECT object, line, col "
	    "FROM objects WHERE system = ? AND line IS NOT NULL";
	const struct objref	*ref;
	struct srcpos		*pos;
	struct db_stmt		*st;
	int			 rc, i;

	for (i = 0; i < 2; i++) {
		if ((st = store_prepare(s, i == 0 ? sys : objects,
		    err)) == NULL)
			return -1;
		store_bind(st, 1, m->system.id);
		while ((rc = store_step(s, st, err)) == 1) {
			if (i == 0)
				pos = &m->system.pos;
			else if ((ref = model_find(m, db_column_text(st, 0))) == NULL ||
			    (pos = store_pos_set(ref->type, ref->ptr)) ==
			    NULL)
				continue;
			pos->line = (unsigned long)db_column_int64(st,
			    i);
			pos->col = (unsigned long)db_column_int64(st,
			    i + 1);
		}
		if (rc == -1)
			return -1;
	}
	return 0;
}

char *
store_load_places(struct store *s, struct model *m, struct error *err)
{
	static const char *const sql = "SELECT file FROM models "
	    "WHERE system = ?";
	struct db_stmt	*st;
	char		*file = NULL;
	int		 rc;

	error_clear(err);
	if (store_begin_read(s, err) == -1)
		return NULL;
	if ((st = store_prepare(s, sql, err)) == NULL)
		goto fail;
	store_bind(st, 1, m->system.id);
	if ((rc = db_step(st)) == DB_ROW)
		file = store_column(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		store_fail(s, rc, err);
		goto fail;
	}
	/* Not from a file: no places. */
	if (file != NULL && store_read_places(s, m, err) == -1)
		goto fail;
	store_rollback(s);
	return file;
fail:
	store_rollback(s);
	free(file);
	return NULL;
}

void
store_objects_slice_init(struct store_objects_slice *sl, int type)
{
	memset(sl, 0, sizeof *sl);
	sl->type = type;
}

void
store_objects_slice_release(struct store_objects_slice *sl)
{
	free(sl->last);
	sl->last = NULL;
}

/*
 * By the index of schema 12 (objects_by_type), from the row after the
 * last one read: each slice a read of its own, nothing held open between
 * them.
 */
long
store_objects_slice_next(struct store *s, struct model *r, long revision,
    struct store_objects_slice *sl, size_t n, struct error *err)
{
	static const char *const sql = "SELECT object, kind, fields, "
	    "position FROM objects WHERE system = ? AND type = ? AND "
	    "(position > ? OR (position = ? AND object > ?)) "
	    "ORDER BY position, object LIMIT ?";
	static const char *const types[] = {
		[OBJ_BOUNDARY] = "boundary",
		[OBJ_COMPONENT] = "component",
		[OBJ_FLOW] = "flow"
	};
	struct db_stmt	*st;
	const char	*id, *kind;
	void		*obj;
	long		 got = 0;
	int		 rc, k = -1;

	if (sl->done)
		return 0;
	if (sl->type != OBJ_BOUNDARY && sl->type != OBJ_COMPONENT &&
	    sl->type != OBJ_FLOW)
		return error_set(err, "no objects of that type");
	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_rest_current(s, r->system.id, revision, err) == -1 ||
	    (st = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		return -1;
	}
	store_bind(st, 1, r->system.id);
	store_bind(st, 2, types[sl->type]);
	(void)db_bind_int64(st, 3, sl->last != NULL ? sl->pos : INT64_MIN);
	(void)db_bind_int64(st, 4, sl->last != NULL ? sl->pos : INT64_MIN);
	store_bind(st, 5, sl->last != NULL ? sl->last : "");
	(void)db_bind_int64(st, 6, n > (size_t)INT64_MAX ? INT64_MAX :
	    (int64_t)n);
	while ((rc = store_step(s, st, err)) == 1) {
		if ((id = db_column_text(st, 0)) == NULL)
			continue;
		kind = db_column_text(st, 1);
		if (sl->type == OBJ_BOUNDARY)
			obj = model_add_boundary(r, id);
		else if (sl->type == OBJ_FLOW)
			obj = model_add_flow(r, id, NULL, NULL);
		else if (kind == NULL ||
		    (k = vocab_find(&vocab_kind, kind)) == -1) {
			error_set(err, "database '%s': component '%s' of "
			    "model '%s' has an unknown kind '%s'", s->path,
			    id, r->system.id, kind != NULL ? kind : "");
			db_reset(st);
			rc = -1;
			break;
		} else
			obj = model_add_component(r, id, k);
		free(sl->last);
		sl->last = xstrdup(id);
		sl->pos = (long)db_column_int64(st, 3);
		got++;
		if (store_load_packed(s, r, (enum objtype)sl->type, obj, id,
		    db_column_text(st, 2), err) == -1) {
			db_reset(st);
			rc = -1;
			break;
		}
	}
	store_rollback(s);	/* a read: nothing to keep */
	if (rc == -1)
		return -1;
	if ((size_t)got < n)
		sl->done = 1;
	return got;
}

int
store_objects_finish(struct store *s, struct model *m, struct model *r,
    struct error *err)
{
	int	rc = -1;

	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_rest_current(s, m->system.id, m->revision, err) == 0 &&
	    store_rest_move(s, m, r, err) == 0)
		rc = 0;
	store_rollback(s);	/* a read: nothing to keep */
	return rc;
}

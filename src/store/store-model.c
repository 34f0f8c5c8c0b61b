/*
 * store-model.c: models in the database: save with history, delete.
 * store-load.c reads them back, store-list.c counts and lists them.
 *
 * Objects are stored generically: one row per object (type, component
 * kind, position in its list) holding each field that is set as a line of
 * its fields column, the field's text form (field_get / field_set;
 * store_fields_encode()), so that a field added to the tables of model.h
 * is stored without any change here. The system's name, description,
 * owner and criticality live in the models row, where `parapet list` and
 * anyone reading the file find them; any other system field is a fields
 * row of object ''. (Before schema 4 an object's fields were fields rows
 * too, one per field: the migration packs them.)
 *
 * Saving compares the model with what is stored and writes only the
 * differences, each one recorded in the history.
 */
#include "config.h"

#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* System fields kept as columns of models, in the order of the SQL below. */
const char *const store_system_columns[STORE_NCOLUMNS] = {
	"name", "description", "owner", "criticality"
};

/* What a save compares and writes, and where it reports. */
struct store_diff {
	struct store	*s;
	const char	*system;	/* system id */
	const char	*at;		/* now */
	const char	*who;
	int		 log;		/* record changes in history */
	int		 fresh;		/* the model is new: its system's
					   fields are its "created" entry */
	int		 positions;	/* the new model has its places in a
					   file: write them */
	int		 places_read;	/* the old one has the stored ones */
	size_t		 nchanges;
	size_t		 nmoved;	/* places in the file that changed */
	struct strmap	*packed;	/* the old model's fields columns not
					   decoded yet (store_load_compared()),
					   or NULL: all decoded */
	struct buf	 enc;		/* a new object's, to compare */
	struct error	*err;
};

/* 1 if two possibly NULL strings differ. */
static int
store_differ(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* 1 if a system field has a column of its own in models. */
static int
store_is_column(const char *name)
{
	size_t	i;

	for (i = 0; i < STORE_NCOLUMNS; i++)
		if (strcmp(store_system_columns[i], name) == 0)
			return 1;
	return 0;
}

/* The text forms of the column fields of a system (the caller frees). */
static void
store_columns_get(const struct system *sys, char *v[STORE_NCOLUMNS])
{
	const struct field	*f;
	size_t			 i;

	for (i = 0; i < STORE_NCOLUMNS; i++) {
		f = model_field(OBJ_SYSTEM, store_system_columns[i]);
		v[i] = f != NULL ? field_get(sys, f) : NULL;
	}
}

static void
store_columns_free(char *v[STORE_NCOLUMNS])
{
	size_t	i;

	for (i = 0; i < STORE_NCOLUMNS; i++)
		free(v[i]);
}

/* What a "created" or "deleted" entry says an object was. */
static const char *
store_what(enum objtype t, const void *obj)
{
	if (t == OBJ_COMPONENT)
		return vocab_name(&vocab_kind,
		    ((const struct component *)obj)->kind);
	return objtype_name(t);
}

/* The objects of one type of a model, as an array of pointers. */
static void **
store_list_of(const struct model *m, enum objtype t, size_t *n)
{
	switch (t) {
	case OBJ_BOUNDARY:
		*n = m->nboundaries;
		return (void **)m->boundaries;
	case OBJ_COMPONENT:
		*n = m->ncomponents;
		return (void **)m->components;
	case OBJ_FLOW:
		*n = m->nflows;
		return (void **)m->flows;
	default:
		*n = 0;
		return NULL;
	}
}

/* Every object and practice struct begins with its id. */
const char *
store_id_of(const void *obj)
{
	return *(char *const *)obj;
}

/* An object of a model by id and type, or NULL. */
static void *
store_find(const struct model *m, const char *id, enum objtype t)
{
	const struct objref	*ref = model_find(m, id);

	return ref != NULL && ref->type == t ? ref->ptr : NULL;
}

void
store_watch_changes(struct store *s, struct store_changes *c)
{
	s->watch = c;
}

void
store_changes_release(struct store_changes *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].object);
		free(c->v[i].field);
		free(c->v[i].was);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

void
store_watch_add(struct store *s, int type, const char *object,
    const char *field, int said, const char *was)
{
	struct store_changes	*c = s->watch;

	if (c == NULL)
		return;
	if (c->n >= STORE_CHANGES_MAX) {
		c->many = 1;
		return;
	}
	if ((c->n & (c->n - 1)) == 0)
		c->v = xreallocarray(c->v, c->n == 0 ? 1 : c->n * 2,
		    sizeof *c->v);
	c->v[c->n].type = type;
	c->v[c->n].object = xstrdup(object != NULL ? object : "");
	c->v[c->n].field = xstrdup(field != NULL ? field : "");
	c->v[c->n].said = said;
	c->v[c->n].was = was != NULL ? xstrdup(was) : NULL;
	c->n++;
}

static int
store_diff_log(struct store_diff *d, const char *object, const char *field,
    const char *old_value, const char *new_value)
{
	d->nchanges++;
	store_watch_add(d->s, -1, object, field, 1, old_value);
	if (!d->log)
		return 0;
	return store_log(d->s, d->at, d->who, d->system, object, field,
	    old_value, new_value, d->err);
}

/* Set or clear one stored field. */
static int
store_write_field(struct store_diff *d, const char *object,
    const char *field, const char *value)
{
	static const char *const set = "INSERT INTO fields (system, object, "
	    "field, value) VALUES (?, ?, ?, ?) ON CONFLICT (system, object, "
	    "field) DO UPDATE SET value = excluded.value";
	static const char *const clear = "DELETE FROM fields "
	    "WHERE system = ? AND object = ? AND field = ?";
	struct db_stmt	*st;

	if ((st = store_prepare(d->s, value != NULL ? set : clear,
	    d->err)) == NULL)
		return -1;
	store_bind(st, 1, d->system);
	store_bind(st, 2, object);
	store_bind(st, 3, field);
	if (value != NULL)
		store_bind(st, 4, value);
	return store_run(d->s, st, d->err);
}

/*
 * Write the fields column of an object's row from the object, keeping
 * the lines of fields this Parapet does not know (a newer one's).
 */
static int
store_write_packed(struct store_diff *d, enum objtype t, const void *obj)
{
	static const char *const get = "SELECT fields FROM objects "
	    "WHERE system = ? AND object = ?";
	static const char *const set = "UPDATE objects SET fields = ? "
	    "WHERE system = ? AND object = ?";
	const char	*id = store_id_of(obj);
	struct db_stmt	*st;
	struct buf	 b;
	char		**names, **values;
	size_t		  n = 0, i;
	int		  rc;

	buf_init(&b);
	store_fields_encode(&b, t, obj);
	if ((st = store_prepare(d->s, get, d->err)) == NULL) {
		buf_release(&b);
		return -1;
	}
	store_bind(st, 1, d->system);
	store_bind(st, 2, id);
	if ((rc = db_step(st)) == DB_ROW)
		n = store_fields_decode(db_column_text(st, 0), &names,
		    &values);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		buf_release(&b);
		return store_fail(d->s, rc, d->err);
	}
	if (rc == DB_ROW) {
		for (i = 0; i < n; i++) {
			if (model_field(t, names[i]) != NULL)
				continue;
			buf_addf(&b, "%s=", names[i]);
			/* Its value as it was read: escape it again. */
			store_fields_escape(&b, values[i]);
			buf_addc(&b, '\n');
		}
		store_fields_free(names, values, n);
	}
	if ((st = store_prepare(d->s, set, d->err)) == NULL) {
		buf_release(&b);
		return -1;
	}
	store_bind(st, 1, b.s);
	store_bind(st, 2, d->system);
	store_bind(st, 3, id);
	rc = store_run(d->s, st, d->err);
	buf_release(&b);
	return rc;
}

/*
 * Record one field if it changed, and write it if it is a system field
 * kept in fields. 1 if it changed, 0 if not, -1 on error.
 */
static int
store_diff_field(struct store_diff *d, const struct field *f, enum objtype t,
    const char *object, const char *logobject, const char *a, const char *b)
{
	int	rc = 0;

	if (store_differ(a, b)) {
		if (t == OBJ_SYSTEM && !store_is_column(f->name))
			rc = store_write_field(d, object, f->name, b);
		if (rc == 0)
			rc = store_diff_log(d, logobject, f->name, a, b);
		if (rc == 0)
			rc = 1;
	}
	return rc;
}

/*
 * Compare the fields of an object (old NULL: a new object) and write and
 * record each difference. The id, and a component's kind (kept in objects),
 * are not fields. Object '' is the system: its fields are columns of models
 * or rows of fields, one per field; an object's are its row's fields
 * column, written once when one changed (a new object's came with its
 * row). The fields of a new object are not recorded: its "created" entry
 * says who made it and when, and what it held then is the revision it was
 * made in.
 */
static int
store_diff_fields(struct store_diff *d, enum objtype t, const void *old,
    const void *new, const char *object, const char *logobject)
{
	const struct field	*f;
	const char		*a, *b;
	struct buf		 seta, setb;
	size_t			 n, i;
	int			 rc = 0, log = d->log, changed = 0;

	if (old == NULL || (t == OBJ_SYSTEM && d->fresh))
		d->log = 0;
	buf_init(&seta);
	buf_init(&setb);
	f = model_fields(t, &n);
	for (i = 0; rc != -1 && i < n; i++) {
		if (f[i].type == FIELD_ID || f[i].type == FIELD_KIND)
			continue;
		a = old != NULL ? field_text(old, &f[i], &seta) : NULL;
		b = field_text(new, &f[i], &setb);
		if ((rc = store_diff_field(d, &f[i], t, object, logobject, a,
		    b)) == 1)
			changed = 1;
	}
	buf_release(&seta);
	buf_release(&setb);
	d->log = log;
	if (rc == -1)
		return -1;
	if (changed && old != NULL && t != OBJ_SYSTEM)
		return store_write_packed(d, t, new);
	return 0;
}

/*
 * Decode the fields of an object of the stored model that a save reads
 * packed (store_load_compared()), before they are compared or recorded.
 */
static int
store_unpack(struct store_diff *d, const struct model *old, enum objtype t,
    void *obj)
{
	char	*text;
	int	 rc;

	if (d->packed == NULL ||
	    (text = strmap_del(d->packed, store_id_of(obj))) == NULL)
		return 0;
	rc = store_load_packed(d->s, old, t, obj, store_id_of(obj), text,
	    d->err);
	free(text);
	return rc;
}

/*
 * 1 if an object's fields as the new model has them are those stored,
 * byte for byte, so that comparing them field by field would find no
 * difference: the stored ones need not be decoded. 0 if they may differ
 * (or were decoded already).
 */
static int
store_same_packed(struct store_diff *d, enum objtype t, const void *new)
{
	const char	*text;

	if (d->packed == NULL ||
	    (text = strmap_get(d->packed, store_id_of(new))) == NULL)
		return 0;
	buf_reset(&d->enc);
	store_fields_encode(&d->enc, t, new);
	return strcmp(d->enc.s != NULL ? d->enc.s : "", text) == 0;
}

/*
 * Remove an object and its fields; its entry keeps what it was, for an
 * older revision to recreate.
 */
static int
store_drop_object(struct store_diff *d, enum objtype t, const void *obj)
{
	static const char *const objects = "DELETE FROM objects "
	    "WHERE system = ? AND object = ?";
	static const char *const fields = "DELETE FROM fields "
	    "WHERE system = ? AND object = ?";
	const char	*id = store_id_of(obj);
	struct db_stmt	*st;
	struct buf	 was;
	int		 rc;

	if ((st = store_prepare(d->s, fields, d->err)) == NULL)
		return -1;
	store_bind(st, 1, d->system);
	store_bind(st, 2, id);
	if (store_run(d->s, st, d->err) == -1)
		return -1;
	if ((st = store_prepare(d->s, objects, d->err)) == NULL)
		return -1;
	store_bind(st, 1, d->system);
	store_bind(st, 2, id);
	if (store_run(d->s, st, d->err) == -1)
		return -1;
	d->nchanges++;
	store_watch_add(d->s, (int)t, id, "deleted", 0, NULL);
	if (!d->log)
		return 0;
	buf_init(&was);
	store_fields_encode(&was, t, obj);
	rc = store_log_was(d->s, d->at, d->who, d->system, id, "deleted",
	    store_what(t, obj), NULL, was.s, d->err);
	buf_release(&was);
	return rc;
}

/* Where an object is written in its model file (line 0: not known). */
static const struct srcpos *
store_pos_of(enum objtype t, const void *obj)
{
	static const struct srcpos nowhere;

	switch (t) {
	case OBJ_SYSTEM:
		return &((const struct system *)obj)->pos;
	case OBJ_BOUNDARY:
		return &((const struct boundary *)obj)->pos;
	case OBJ_COMPONENT:
		return &((const struct component *)obj)->pos;
	case OBJ_FLOW:
		return &((const struct flow *)obj)->pos;
	default:
		return &nowhere;
	}
}

/* The same, to set. */
struct srcpos *
store_pos_set(enum objtype t, void *obj)
{
	switch (t) {
	case OBJ_SYSTEM:
		return &((struct system *)obj)->pos;
	case OBJ_BOUNDARY:
		return &((struct boundary *)obj)->pos;
	case OBJ_COMPONENT:
		return &((struct component *)obj)->pos;
	case OBJ_FLOW:
		return &((struct flow *)obj)->pos;
	default:
		return NULL;
	}
}

/* Bind a line or column, NULL when not known. */
static void
store_bind_place(struct db_stmt *st, int i, unsigned long v, int known)
{
	if (known && v > 0 && v <= (unsigned long)INT64_MAX)
		db_bind_int64(st, i, (int64_t)v);
	else
		db_bind_null(st, i);
}

/*
 * The objects UPSERT, for one object's row or for STORE_LOG_BATCH of them:
 * its type, kind, position in its list, and its line and column in the
 * model file when the model has them (else the stored ones stay).
 */
#define STORE_OBJECT_INSERT "INSERT INTO objects (system, object, type, " \
	"kind, position, line, col, fields) VALUES "
#define STORE_OBJECT_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
#define STORE_OBJECT_ROWS2 STORE_OBJECT_ROW ", " STORE_OBJECT_ROW
#define STORE_OBJECT_ROWS4 STORE_OBJECT_ROWS2 ", " STORE_OBJECT_ROWS2
#define STORE_OBJECT_ROWS8 STORE_OBJECT_ROWS4 ", " STORE_OBJECT_ROWS4
#define STORE_OBJECT_ROWS16 STORE_OBJECT_ROWS8 ", " STORE_OBJECT_ROWS8
#define STORE_OBJECT_PARAMS 8		/* the parameters of a row */
#define STORE_OBJECT_UPSERT " ON CONFLICT (system, object) DO UPDATE SET " \
	"type = excluded.type, kind = excluded.kind, " \
	"position = excluded.position, " \
	"line = coalesce(excluded.line, objects.line), " \
	"col = coalesce(excluded.col, objects.col)"

/*
 * Bind an object's row at row'th place of the objects UPSERT. A new
 * object's row comes with its fields, encoded into fields, which must
 * stay as it is until the statement has run; an existing one's stay
 * (store_write_packed() writes them).
 */
static void
store_object_bind(struct store_diff *d, struct db_stmt *st, int row,
    enum objtype t, const void *obj, size_t position, int isnew,
    struct buf *fields)
{
	const struct srcpos	*pos = store_pos_of(t, obj);
	int			 i = row * STORE_OBJECT_PARAMS;

	if (isnew)
		store_fields_encode(fields, t, obj);
	store_bind(st, i + 8, isnew ? fields->s : NULL);
	store_bind(st, i + 1, d->system);
	store_bind(st, i + 2, store_id_of(obj));
	store_bind(st, i + 3, objtype_name(t));
	store_bind(st, i + 4, t == OBJ_COMPONENT ? store_what(t, obj) : NULL);
	db_bind_int64(st, i + 5, (int64_t)position);
	store_bind_place(st, i + 6, pos->line, d->positions);
	store_bind_place(st, i + 7, pos->col, d->positions && pos->line > 0);
}

/* Insert or update an object's row (store_object_bind()). */
static int
store_write_object(struct store_diff *d, enum objtype t, const void *obj,
    size_t position, int isnew)
{
	static const char *const sql = STORE_OBJECT_INSERT STORE_OBJECT_ROW
	    STORE_OBJECT_UPSERT;
	struct db_stmt		*st;
	struct buf		 b;
	int			 rc;

	if ((st = store_prepare(d->s, sql, d->err)) == NULL)
		return -1;
	buf_init(&b);
	store_object_bind(d, st, 0, t, obj, position, isnew, &b);
	rc = store_run(d->s, st, d->err);
	buf_release(&b);
	return rc;
}

/*
 * Create new objects: b[at[i]] for i < n, each at its position at[i].
 * Each gets its row, its "created" entry and its fields counted as
 * changes (store_diff_fields(): a new object's are not recorded). A
 * first save of a large model creates thousands: STORE_LOG_BATCH of them
 * go to one objects statement and one history statement, which store the
 * same rows, entries in the same order, as one object at a time.
 */
static int
store_create_objects(struct store_diff *d, enum objtype t, void **b,
    const size_t *at, size_t n)
{
	static const char *const sql = STORE_OBJECT_INSERT STORE_OBJECT_ROWS16
	    STORE_OBJECT_UPSERT;
	const char	*ids[STORE_LOG_BATCH], *whats[STORE_LOG_BATCH];
	struct buf	 fields[STORE_LOG_BATCH];
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	if (n != STORE_LOG_BATCH) {
		for (i = 0; i < n; i++) {
			if (store_write_object(d, t, b[at[i]], at[i], 1) ==
			    -1 || store_diff_log(d, store_id_of(b[at[i]]),
			    "created", NULL, store_what(t, b[at[i]])) == -1 ||
			    store_diff_fields(d, t, NULL, b[at[i]],
			    store_id_of(b[at[i]]), store_id_of(b[at[i]])) ==
			    -1)
				return -1;
		}
		return 0;
	}
	if ((st = store_prepare(d->s, sql, d->err)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		buf_init(&fields[i]);
		store_object_bind(d, st, (int)i, t, b[at[i]], at[i], 1,
		    &fields[i]);
		ids[i] = store_id_of(b[at[i]]);
		whats[i] = store_what(t, b[at[i]]);
	}
	rc = store_run(d->s, st, d->err);
	for (i = 0; i < n; i++)
		buf_release(&fields[i]);
	if (rc == -1)
		return -1;
	d->nchanges += n;
	for (i = 0; i < n; i++)
		store_watch_add(d->s, (int)t, ids[i], "created", 0, NULL);
	if (d->log && store_log_batch(d->s, d->at, d->who, d->system, ids,
	    "created", whats, d->err) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (store_diff_fields(d, t, NULL, b[at[i]], ids[i], ids[i]) ==
		    -1)
			return -1;
	return 0;
}

/* 1 if two places are the same as stored (a column without a line). */
static int
store_same_place(const struct srcpos *a, const struct srcpos *b)
{
	return a->line == b->line && (a->line == 0 || a->col == b->col);
}

/*
 * Write where an unchanged object (or the system, object '') now is in
 * the model file, when that moved from where old (its stored copy, with
 * the places store_read_places() gave it) was; counted in nmoved, not in
 * history. A re-import of a large model moves few: no statement for the
 * others.
 */
static int
store_write_place(struct store_diff *d, enum objtype t, const void *obj,
    const void *old)
{
	static const char *const object = "UPDATE objects SET line = ?1, "
	    "col = ?2 WHERE system = ?3 AND object = ?4 "
	    "AND (line IS NOT ?1 OR col IS NOT ?2)";
	static const char *const system = "UPDATE models SET line = ?1, "
	    "col = ?2 WHERE system = ?3 AND (line IS NOT ?1 OR col IS NOT ?2)";
	const struct srcpos	*pos = store_pos_of(t, obj);
	struct db_stmt		*st;

	if (!d->positions || (old != NULL && d->places_read &&
	    store_same_place(store_pos_of(t, old), pos)))
		return 0;
	if ((st = store_prepare(d->s, t == OBJ_SYSTEM ? system : object,
	    d->err)) == NULL)
		return -1;
	store_bind_place(st, 1, pos->line, 1);
	store_bind_place(st, 2, pos->col, pos->line > 0);
	store_bind(st, 3, d->system);
	if (t != OBJ_SYSTEM)
		store_bind(st, 4, store_id_of(obj));
	if (store_run(d->s, st, d->err) == -1)
		return -1;
	d->nmoved += (size_t)db_changes(d->s->db);
	return 0;
}

/* Join ids with ", " for an order entry. */
static void
store_join_ids(struct buf *b, void **v, size_t n, const struct strmap *keep)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strmap_get(keep, store_id_of(v[i])) == NULL)
			continue;
		if (b->len > 0)
			buf_adds(b, ", ");
		buf_adds(b, store_id_of(v[i]));
	}
}

/*
 * Record a change in the relative order of the items that both lists hold
 * ("component order: a, b, c -> b, a, c"); inserting or removing items is
 * recorded elsewhere and is not a change of order.
 */
static int
store_diff_order(struct store_diff *d, const char *what, void **a, size_t na,
    void **b, size_t nb)
{
	struct strmap	 ina, inb;
	struct buf	 x, y;
	size_t		 i;
	char		*field;
	int		 rc = 0;

	strmap_init(&ina);
	strmap_init(&inb);
	for (i = 0; i < na; i++)
		strmap_put(&ina, store_id_of(a[i]), a[i]);
	for (i = 0; i < nb; i++)
		strmap_put(&inb, store_id_of(b[i]), b[i]);
	buf_init(&x);
	buf_init(&y);
	store_join_ids(&x, a, na, &inb);
	store_join_ids(&y, b, nb, &ina);
	if (strcmp(x.s, y.s) != 0) {
		field = xasprintf("%s order", what);
		rc = store_diff_log(d, d->system, field, x.s, y.s);
		free(field);
	}
	buf_release(&x);
	buf_release(&y);
	strmap_release(&ina);
	strmap_release(&inb);
	return rc;
}

/* Compare and write the objects of one type that the new model holds. */
static int
store_diff_objects(struct store_diff *d, enum objtype t,
    const struct model *old, const struct model *new)
{
	void		**a, **b, *o;
	size_t		  na, nb, i, created[STORE_LOG_BATCH], ncreated = 0;
	const char	 *id;
	int		  kind, moved;

	a = store_list_of(old, t, &na);
	b = store_list_of(new, t, &nb);
	for (i = 0; i < nb; i++) {
		id = store_id_of(b[i]);
		o = store_find(old, id, t);
		/* New objects wait to be created STORE_LOG_BATCH at a time,
		   in order: before any other statement of this type. */
		if (o == NULL)
			created[ncreated++] = i;
		if (ncreated > 0 && (o != NULL ||
		    ncreated == STORE_LOG_BATCH)) {
			if (store_create_objects(d, t, b, created, ncreated) ==
			    -1)
				return -1;
			ncreated = 0;
		}
		if (o == NULL)
			continue;
		/*
		 * The stored position moves unless the old object sits at the
		 * same place: one comparison, not a search of the old list
		 * per object (quadratic on a large register).
		 */
		moved = i >= na || a[i] != o;
		if (t == OBJ_COMPONENT) {
			kind = ((struct component *)o)->kind;
			if (kind != ((struct component *)b[i])->kind &&
			    store_diff_log(d, id, "kind", store_what(t, o),
			    store_what(t, b[i])) == -1)
				return -1;
		} else
			kind = -1;
		if (moved || (t == OBJ_COMPONENT &&
		    kind != ((struct component *)b[i])->kind)) {
			if (store_write_object(d, t, b[i], i, 0) == -1)
				return -1;
		} else if (store_write_place(d, t, b[i], o) == -1)
			return -1;
		/* A re-import changes few: most are as stored. */
		if (store_same_packed(d, t, b[i]))
			continue;
		if (store_unpack(d, old, t, o) == -1 ||
		    store_diff_fields(d, t, o, b[i], id, id) == -1)
			return -1;
	}
	if (ncreated > 0 && store_create_objects(d, t, b, created, ncreated) ==
	    -1)
		return -1;
	return store_diff_order(d, objtype_name(t), a, na, b, nb);
}

/* Write one practice answer. */
static int
store_write_practice(struct store_diff *d, const struct practice *p,
    size_t position)
{
	static const char *const sql = "INSERT INTO practices (system, "
	    "question, answer, note, position) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT (system, question) DO UPDATE SET "
	    "answer = excluded.answer, note = excluded.note, "
	    "position = excluded.position";
	struct db_stmt	*st;

	if ((st = store_prepare(d->s, sql, d->err)) == NULL)
		return -1;
	store_bind(st, 1, d->system);
	store_bind(st, 2, p->id);
	store_bind(st, 3, vocab_name(&vocab_answer, (int)p->answer));
	store_bind(st, 4, p->note);
	db_bind_int64(st, 5, (int64_t)position);
	return store_run(d->s, st, d->err);
}

/* Compare and write practice answers and notes. */
static int
store_diff_practices(struct store_diff *d, const struct model *old,
    const struct model *new)
{
	static const char *const drop = "DELETE FROM practices "
	    "WHERE system = ? AND question = ?";
	const struct practice	*p, *q;
	const char		*a, *b;
	struct db_stmt		*st;
	size_t			 i, j;
	int			 moved;

	for (i = 0; i < old->npractices; i++) {
		p = old->practices[i];
		if (model_practice(new, p->id) != NULL)
			continue;
		if ((st = store_prepare(d->s, drop, d->err)) == NULL)
			return -1;
		store_bind(st, 1, d->system);
		store_bind(st, 2, p->id);
		if (store_run(d->s, st, d->err) == -1 ||
		    store_diff_log(d, p->id, "answer",
		    vocab_name(&vocab_answer, (int)p->answer), NULL) == -1 ||
		    (p->note != NULL &&
		    store_diff_log(d, p->id, "note", p->note, NULL) == -1))
			return -1;
	}
	for (i = 0; i < new->npractices; i++) {
		q = new->practices[i];
		p = NULL;
		for (j = 0; j < old->npractices; j++) {
			if (strcmp(old->practices[j]->id, q->id) == 0) {
				p = old->practices[j];
				break;
			}
		}
		a = p != NULL ? vocab_name(&vocab_answer, (int)p->answer) :
		    NULL;
		b = vocab_name(&vocab_answer, (int)q->answer);
		moved = p == NULL || j != i;
		if (store_differ(a, b) &&
		    store_diff_log(d, q->id, "answer", a, b) == -1)
			return -1;
		if (store_differ(p != NULL ? p->note : NULL, q->note) &&
		    store_diff_log(d, q->id, "note", p != NULL ? p->note :
		    NULL, q->note) == -1)
			return -1;
		if ((moved || store_differ(a, b) ||
		    store_differ(p->note, q->note)) &&
		    store_write_practice(d, q, i) == -1)
			return -1;
	}
	return store_diff_order(d, "practice", (void **)old->practices,
	    old->npractices, (void **)new->practices, new->npractices);
}

/* Run a statement with up to three text parameters to the end. */
static int
store_exec3(struct store_diff *d, const char *sql, const char *a,
    const char *b, const char *c)
{
	struct db_stmt	*st;

	if ((st = store_prepare(d->s, sql, d->err)) == NULL)
		return -1;
	store_bind(st, 1, a);
	store_bind(st, 2, b);
	store_bind(st, 3, c);
	return store_run(d->s, st, d->err);
}

/*
 * Move the risks of a renamed object, with their decisions and
 * mitigations, to its new id; record each move ("THREAT@OLD" becomes
 * "THREAT@NEW", field "id") so that the history of the risk follows it.
 */
static int
store_rename_risks(struct store_diff *d, const char *from, const char *to)
{
	static const char *const threats = "SELECT threat FROM risks "
	    "WHERE system = ? AND target = ? ORDER BY threat";
	static const char *const mits = "UPDATE risk_mitigations "
	    "SET target = ?3 WHERE system = ?1 AND target = ?2";
	static const char *const risks = "UPDATE risks "
	    "SET target = ?3 WHERE system = ?1 AND target = ?2";
	struct db_stmt	*st;
	char		**v = NULL, *a, *b;
	size_t		  n = 0, i;
	int		  rc;

	if ((st = store_prepare(d->s, threats, d->err)) == NULL)
		return -1;
	store_bind(st, 1, d->system);
	store_bind(st, 2, from);
	while ((rc = store_step(d->s, st, d->err)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = store_column(st, 0);
	}
	if (rc == -1)
		goto out;
	/* Risks and their mitigations move together: check the keys at
	 * the commit, not between the two updates. */
	if ((rc = store_exec3(d, "PRAGMA defer_foreign_keys = ON", NULL, NULL,
	    NULL)) == -1 ||
	    (rc = store_exec3(d, mits, d->system, from, to)) == -1 ||
	    (rc = store_exec3(d, risks, d->system, from, to)) == -1)
		goto out;
	for (i = 0; rc == 0 && i < n; i++) {
		if (v[i] == NULL)
			continue;
		a = xasprintf("%s@%s", v[i], from);
		b = xasprintf("%s@%s", v[i], to);
		rc = store_diff_log(d, b, "id", a, b);
		free(a);
		free(b);
	}
out:
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return rc;
}

/*
 * Apply the renames a model remembers (model_rename) to the stored model
 * and to its in-memory copy old, before the two are compared: the object
 * keeps its fields, risks, decisions and history under its new id, and
 * references to it follow (each recorded). A rename that does not apply
 * (the old id is not stored, or the new one already is: a model file that
 * still says renamed-from after its import) is skipped.
 */
static int
store_apply_renames(struct store_diff *d, struct model *old,
    const struct model *new)
{
	static const char *const objects = "UPDATE objects SET object = ?3 "
	    "WHERE system = ?1 AND object = ?2";
	const struct model_rename	*r;
	const struct objref		*o, *n;
	struct component		*c;
	struct flow			*f;
	enum objtype			 t;
	size_t				 i, j;

	for (i = 0; i < new->nrenames; i++) {
		r = &new->renames[i];
		if (!old->indexed && model_index(old, NULL, d->err) == -1)
			return -1;
		o = model_find(old, r->from);
		n = model_find(new, r->to);
		if (o == NULL || o->type == OBJ_SYSTEM ||
		    model_find(old, r->to) != NULL || n == NULL ||
		    n->type != o->type)
			continue;
		/* References that follow, as the diff would record them. */
		for (j = 0; o->type == OBJ_BOUNDARY && j < old->ncomponents;
		    j++) {
			c = old->components[j];
			if (c->boundary != NULL &&
			    strcmp(c->boundary, r->from) == 0 &&
			    store_diff_log(d, c->id, "boundary", r->from,
			    r->to) == -1)
				return -1;
		}
		for (j = 0; o->type == OBJ_COMPONENT && j < old->nflows; j++) {
			f = old->flows[j];
			if ((f->from != NULL && strcmp(f->from, r->from) == 0 &&
			    store_diff_log(d, f->id, "from", r->from,
			    r->to) == -1) ||
			    (f->to != NULL && strcmp(f->to, r->from) == 0 &&
			    store_diff_log(d, f->id, "to", r->from,
			    r->to) == -1))
				return -1;
		}
		t = o->type;
		if (store_exec3(d, objects, d->system, r->from, r->to) == -1 ||
		    store_diff_log(d, r->to, "id", r->from, r->to) == -1 ||
		    store_rename_risks(d, r->from, r->to) == -1 ||
		    model_rename(old, r->from, r->to, d->err) == -1)
			return -1;
		/*
		 * The rows of those that followed, as old now has them (the
		 * rename made old's index again: o is gone).
		 */
		for (j = 0; t == OBJ_BOUNDARY && j < old->ncomponents;
		    j++) {
			c = old->components[j];
			if (c->boundary != NULL &&
			    strcmp(c->boundary, r->to) == 0 &&
			    store_write_packed(d, OBJ_COMPONENT, c) == -1)
				return -1;
		}
		for (j = 0; t == OBJ_COMPONENT && j < old->nflows; j++) {
			f = old->flows[j];
			if (((f->from != NULL && strcmp(f->from, r->to) == 0) ||
			    (f->to != NULL && strcmp(f->to, r->to) == 0)) &&
			    store_write_packed(d, OBJ_FLOW, f) == -1)
				return -1;
		}
	}
	return 0;
}

/*
 * Compare a model with its stored state (old; an empty model for a new
 * one) and write every difference, in an order that keeps the shared id
 * namespace free: objects that went, or changed type, are removed first.
 */
static int
store_diff_model(struct store_diff *d, const struct model *old,
    const struct model *new)
{
	static const enum objtype types[] = {
		OBJ_BOUNDARY, OBJ_COMPONENT, OBJ_FLOW
	};
	void	**a;
	size_t	  na, i, k;

	if (store_diff_fields(d, OBJ_SYSTEM, old != NULL ? &old->system : NULL,
	    &new->system, "", d->system) == -1 ||
	    store_write_place(d, OBJ_SYSTEM, &new->system,
	    old != NULL ? &old->system : NULL) == -1)
		return -1;
	for (k = 0; k < sizeof types / sizeof *types; k++) {
		a = store_list_of(old, types[k], &na);
		for (i = 0; i < na; i++) {
			if (store_find(new, store_id_of(a[i]), types[k]) ==
			    NULL && (store_unpack(d, old, types[k], a[i]) ==
			    -1 || store_drop_object(d, types[k], a[i]) == -1))
				return -1;
		}
	}
	for (k = 0; k < sizeof types / sizeof *types; k++)
		if (store_diff_objects(d, types[k], old, new) == -1)
			return -1;
	return store_diff_practices(d, old, new);
}

/*
 * Write the models row of a model: inserted for a new model, updated after
 * a change (columns, revision, time). Both statements number their
 * parameters alike, so one binding serves them.
 */
static int
store_put_model(struct store *s, const struct model *m, int insert,
    long revision, const char *now, struct error *err)
{
	static const char *const sql[] = {
		"UPDATE models SET name = ?2, description = ?3, owner = ?4, "
		"criticality = ?5, revision = ?6, edited = ?6, updated = ?7 "
		"WHERE system = ?1",
		"INSERT INTO models (system, name, description, owner, "
		"criticality, revision, created, updated, edited) "
		"VALUES (?, ?, ?, ?, ?, ?6, ?7, ?7, ?6)"
	};
	struct db_stmt	*st;
	char		*v[STORE_NCOLUMNS];
	size_t		 i;
	int		 rc;

	if ((st = store_prepare(s, sql[insert != 0], err)) == NULL)
		return -1;
	store_columns_get(&m->system, v);
	store_bind(st, 1, m->system.id);
	for (i = 0; i < STORE_NCOLUMNS; i++)
		store_bind(st, 2 + (int)i, v[i]);
	db_bind_int64(st, 6, revision);
	store_bind(st, 7, now);
	rc = store_run(s, st, err);
	store_columns_free(v);
	/* What this transaction records of a new model is that revision. */
	if (rc == 0 && insert)
		store_claim_set(s, m->system.id, revision);
	return rc;
}

int
store_write_model(struct store *s, const struct model *m, long revision,
    const char *now, struct error *err)
{
	struct store_diff	 d;
	struct model		*empty = model_new();
	int			 rc;

	memset(&d, 0, sizeof d);
	d.s = s;
	d.system = m->system.id;
	d.positions = m->system.pos.line > 0;
	d.err = err;
	rc = store_put_model(s, m, 1, revision, now, err);
	if (rc == 0)
		rc = store_diff_model(&d, empty, m);
	model_free(empty);
	return rc;
}


/* Free what a save's compare kept. */
static void
store_diff_release(struct store_diff *d)
{
	size_t	i;

	if (d->packed != NULL) {
		for (i = 0; i < d->packed->cap; i++)
			if (d->packed->slots[i].key != NULL)
				free(d->packed->slots[i].value);
		strmap_release(d->packed);
		d->packed = NULL;
	}
	buf_release(&d->enc);
}

/* The last revision that edited a stored model (0 when absent). */
static long
store_edited(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "SELECT coalesce(edited, revision) "
	    "FROM models WHERE system = ?";

	return store_model_number(s, sql, id, err);
}

int
store_save(struct store *s, struct model *m, long expected, int *changed,
    struct error *err)
{
	struct store_diff	 d;
	struct model		*old = NULL;
	struct strmap		 packed;
	const char		*id;
	char			*now;
	long			 rev, edited, next;

	if (changed != NULL)
		*changed = 0;
	if (!m->indexed && model_index(m, NULL, err) == -1)
		return -1;
	id = m->system.id;
	now = store_now();
	memset(&d, 0, sizeof d);
	d.s = s;
	d.system = id;
	d.at = now;
	d.who = store_user();
	d.log = 1;
	d.positions = m->system.pos.line > 0;
	buf_init(&d.enc);
	d.err = err;

	if (store_begin_system(s, id, err) == -1)
		goto fail_free;
	if ((rev = store_revision(s, id, err)) == -1 ||
	    (edited = store_edited(s, id, err)) == -1)
		goto fail;
	/*
	 * Someone else's edit since the expected revision conflicts; their
	 * decisions on risks (revisions too) do not.
	 */
	if (expected >= 0 && (rev == 0 ? expected != 0 : expected == 0 ||
	    edited > expected || expected > rev)) {
		if (rev == 0)
			error_set(err, "model '%s' was deleted by someone else "
			    "(expected revision %ld)", id, expected);
		else
			error_set(err, "model '%s' was changed by someone else "
			    "(revision %ld, expected %ld); reload it", id, rev,
			    expected);
		goto fail;
	}
	if (rev == 0) {
		old = model_new();
		d.fresh = 1;
		if (store_put_model(s, m, 1, 1, now, err) == -1 ||
		    store_diff_log(&d, id, "created", NULL, "system") == -1)
			goto fail;
	} else {
		/*
		 * Its objects' fields are decoded only where the new model's
		 * differ; a rename (rare) changes the old model's references
		 * before the compare: decoded whole.
		 */
		if (m->nrenames == 0) {
			strmap_init(&packed);
			d.packed = &packed;
			old = store_load_compared(s, id, &packed, err);
		} else
			old = store_load_model(s, id, err);
		if (old == NULL || (d.positions &&
		    store_read_places(s, old, err) == -1) ||
		    store_apply_renames(&d, old, m) == -1)
			goto fail;
		d.places_read = d.positions;
	}
	if (store_diff_model(&d, old, m) == -1)
		goto fail;
	if (d.nchanges == 0 && d.nmoved == 0) {
		store_rollback(s);	/* nothing was written */
		m->revision = rev;
	} else if (d.nchanges == 0) {
		/* Only places in the file moved: no revision, no history. */
		if (store_commit(s, err) == -1)
			goto fail_free;
		m->revision = rev;
	} else {
		/* The revision the entries just logged claimed. */
		if ((next = store_claim(s, id, err)) == -1)
			goto fail;
		if (rev > 0 && store_put_model(s, m, 0, next, now,
		    err) == -1)
			goto fail;
		if (store_commit(s, err) == -1)
			goto fail_free;
		m->revision = next;
		if (changed != NULL)
			*changed = 1;
	}
	/* Saved: a later save must not move anything again. */
	model_clear_renames(m);
	store_diff_release(&d);
	model_free(old);
	free(now);
	return 0;

fail:
	store_rollback(s);
fail_free:
	store_diff_release(&d);
	model_free(old);
	free(now);
	return -1;
}

int
store_drop_model(struct store *s, const char *id, struct error *err)
{
	/*
	 * Children first, each in one range delete: the cascades from models
	 * would work row by row, slowly for a register of a million risks.
	 */
	static const char *const sql[] = {
		"DELETE FROM risk_mitigations WHERE system = ?",
		"DELETE FROM risks WHERE system = ?",
		"DELETE FROM fields WHERE system = ?",
		"DELETE FROM objects WHERE system = ?",
		"DELETE FROM practices WHERE system = ?",
		"DELETE FROM models WHERE system = ?",
	};
	struct db_stmt	*st;
	size_t		 i;

	for (i = 0; i < sizeof sql / sizeof *sql; i++) {
		if ((st = store_prepare(s, sql[i], err)) == NULL)
			return -1;
		store_bind(st, 1, id);
		if (store_run(s, st, err) == -1)
			return -1;
	}
	return 0;
}

int
store_delete(struct store *s, const char *id, struct error *err)
{
	static const char *const name = "SELECT name FROM models "
	    "WHERE system = ?";
	struct db_stmt	*st;
	char		*now, *old = NULL;
	int		 rc;

	if (store_begin_system(s, id, err) == -1)
		return -1;
	now = store_now();
	if ((st = store_prepare(s, name, err)) == NULL)
		goto fail;
	store_bind(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		old = store_column(st, 0);
	db_reset(st);
	if (rc == DB_DONE) {
		store_no_model(s, id, err);
		goto fail;
	}
	if (rc != DB_ROW) {
		store_fail(s, rc, err);
		goto fail;
	}
	/* Logged first: the entry takes the revision after the last. */
	if (store_log(s, now, store_user(), id, id, "deleted", old, NULL,
	    err) == -1 ||
	    store_drop_model(s, id, err) == -1 ||
	    store_commit(s, err) == -1)
		goto fail;
	free(old);
	free(now);
	return 0;

fail:
	store_rollback(s);
	free(old);
	free(now);
	return -1;
}


int
store_set_model_file(struct store *s, const char *id, const char *file,
    struct error *err)
{
	static const char *const sql = "UPDATE models SET file = ?1 "
	    "WHERE system = ?2 AND file IS NOT ?1";
	static const char *const forget = "UPDATE models SET file = NULL, "
	    "line = NULL, col = NULL WHERE system = ?2";
	static const char *const objects = "UPDATE objects SET line = NULL, "
	    "col = NULL WHERE system = ?2 AND line IS NOT NULL";
	struct db_stmt	*st;

	if (store_begin_system(s, id, err) == -1)
		return -1;
	if ((st = store_prepare(s, file != NULL ? sql : forget, err)) == NULL)
		goto fail;
	store_bind(st, 1, file);
	store_bind(st, 2, id);
	if (store_run(s, st, err) == -1)
		goto fail;
	if (file == NULL) {
		if ((st = store_prepare(s, objects, err)) == NULL)
			goto fail;
		store_bind(st, 2, id);
		if (store_run(s, st, err) == -1)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

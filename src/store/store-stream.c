/*
 * store-stream.c: a stored model read one piece at a time (see
 * store-stream.h).
 *
 * The small part of the model comes from store_load_model_some(), the
 * components and flows from their objects rows one row at a time (the
 * fields column as store_load_model() reads it), the risks from a
 * register-order cursor (store-page.c) and the history from its rows by
 * seq, all in the read transaction that open begins and close ends.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "store/store-page.h"
#include "store/store-stream.h"
#include "util/error.h"
#include "util/xmalloc.h"

struct store_stream {
	struct store		 *s;
	char			 *id;
	struct model		 *model;	/* without components, flows */
	struct model		 *one;		/* holds the object last given */
	struct db_stmt		 *objects;	/* the list being read */
	int			  type;		/* its type, or 0 */
	int			  done;		/* that list is read */
	struct store_risk_cursor *risks;
	struct db_stmt		 *history;	/* NULL: not begun */
	int			  history_done;
	struct change		  change;	/* the entry last given */
};

/*
 * A reader of the whole model reads each page of the database about once:
 * SQLite's page cache (64 MiB, db-sqlite.c) would be half its memory at
 * 100,000 components and save it little.
 */
#define STORE_SCAN_CACHE_KIB	"8192"

void
store_scan_cache(struct store *s)
{
	if (!db_is_server(s->db))
		db_exec(s->db, "PRAGMA cache_size = -" STORE_SCAN_CACHE_KIB);
}

struct store_stream *
store_stream_open(struct store *s, const char *id, struct error *err)
{
	struct store_stream	*x;

	store_scan_cache(s);
	if (store_begin_read(s, err) == -1)
		return NULL;
	x = xcalloc(1, sizeof *x);
	x->s = s;
	if ((x->id = store_model_named(s, id, err)) == NULL)
		goto fail;
	if ((x->model = store_load_model_some(s, x->id, 0, err)) == NULL)
		goto fail;
	return x;

fail:
	store_stream_close(x);
	return NULL;
}

const struct model *
store_stream_model(struct store_stream *x)
{
	return x->model;
}

struct db_stmt *
store_objects_begin(struct store *s, const struct model *m, int type,
    struct error *err)
{
	static const char *const sql = "SELECT object, kind, fields "
	    "FROM objects WHERE system = ? AND type = ? "
	    "ORDER BY position, object";
	struct db_stmt	*st;

	if (type != OBJ_COMPONENT && type != OBJ_FLOW) {
		error_set(err, "no list of objects of type %d", type);
		return NULL;
	}
	if ((st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	store_bind(st, 1, m->system.id);
	store_bind(st, 2, objtype_name((enum objtype)type));
	return st;
}

const void *
store_objects_next(struct store *s, const struct model *m,
    struct db_stmt *st, int type, struct model **one, struct error *err)
{
	const char	*id, *kind;
	void		*obj;
	int		 k;

	model_free(*one);
	*one = NULL;
	do {
		if (store_step(s, st, err) != 1)
			return NULL;
	} while ((id = db_column_text(st, 0)) == NULL);
	*one = model_new();
	if (type == OBJ_COMPONENT) {
		kind = db_column_text(st, 1);
		if (kind == NULL || (k = vocab_find(&vocab_kind, kind)) == -1) {
			error_set(err, "database '%s': component '%s' of model "
			    "'%s' has an unknown kind '%s'", s->path, id,
			    m->system.id, kind != NULL ? kind : "");
			goto fail;
		}
		obj = model_add_component(*one, id, k);
	} else
		obj = model_add_flow(*one, id, NULL, NULL);
	if (store_load_packed(s, m, (enum objtype)type, obj, id,
	    db_column_text(st, 2), err) == -1)
		goto fail;
	return obj;

fail:
	db_reset(st);
	return NULL;
}

const void *
store_stream_next_object(struct store_stream *x, int type, struct error *err)
{
	const void	*obj;

	if (x->objects == NULL || type != x->type) {
		if ((x->objects = store_objects_begin(x->s, x->model, type,
		    err)) == NULL)
			return NULL;
		x->type = type;
		x->done = 0;
	}
	if (x->done)
		return NULL;
	if ((obj = store_objects_next(x->s, x->model, x->objects, type,
	    &x->one, err)) == NULL)
		x->done = 1;
	return obj;
}

const struct risk *
store_stream_next_risk(struct store_stream *x, struct error *err)
{
	if (x->risks == NULL &&
	    (x->risks = store_risk_cursor_within(x->s, x->id, err)) == NULL)
		return NULL;
	return store_risk_cursor_next(x->risks, err);
}

int
store_stream_decisions(struct store_stream *x, struct risk_register *reg,
    struct error *err)
{
	/*
	 * A risk that applies with a status other than open, an owner or a
	 * justification, or with a mitigation row: proposed mitigations are
	 * not rows (store-migrate.c, schema 4), so a row is a decision or a
	 * mitigation the catalogue no longer proposes. The primary key of
	 * risk_mitigations answers each EXISTS.
	 */
	static const char *const sql = "SELECT threat, target, status, "
	    "owner, justification, decided_by, decided_at, applies "
	    "FROM risks r WHERE system = ? AND applies <> 0 AND ("
	    "COALESCE(status, '') <> 'open' OR COALESCE(owner, '') <> '' OR "
	    "COALESCE(justification, '') <> '' OR EXISTS (SELECT 1 FROM "
	    "risk_mitigations m WHERE m.system = r.system AND "
	    "m.threat = r.threat AND m.target = r.target)) "
	    "ORDER BY threat, target";
	struct db_stmt	*st;
	size_t		 first = reg->n;
	int		 rc;

	if ((st = store_prepare(x->s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, x->id);
	while ((rc = store_step(x->s, st, err)) == 1)
		store_risk_state_row(reg, st);
	if (rc == -1)
		return -1;
	return store_load_mitigations(x->s, x->id, reg, first, err);
}

const struct change *
store_stream_next_change(struct store_stream *x, struct error *err)
{
	static const char *const sql = STORE_HISTORY_COLUMNS
	    "WHERE system = ? ORDER BY seq";
	struct change	*c = &x->change;
	struct db_stmt	*st;

	memset(c, 0, sizeof *c);
	if (x->history_done)
		return NULL;
	if (x->history == NULL) {
		if ((st = store_prepare(x->s, sql, err)) == NULL)
			return NULL;
		store_bind(st, 1, x->id);
		x->history = st;
	}
	st = x->history;
	if (store_step(x->s, st, err) != 1) {
		x->history_done = 1;
		return NULL;
	}
	/* Borrowed: valid until the next call (no copy for 400,000). */
	store_change_row(c, st, 1);
	return c;
}

void
store_stream_close(struct store_stream *x)
{
	if (x == NULL)
		return;
	store_risk_cursor_close(x->risks);
	store_rollback(x->s);	/* a read: nothing to keep */
	model_free(x->one);
	model_free(x->model);
	free(x->id);
	free(x);
}

/*
 * store-report.c: what the sign-off report reads of a stored model (see
 * store-report.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/model.h"
#include "model/risk-group.h"
#include "store/store-int.h"
#include "store/store-page.h"
#include "store/store-report.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* A decision: about a risk, and not the analysis saying it applies. */
#define STORE_REPORT_DECISION \
	"system = ? AND object LIKE '%@%' AND " \
	"(field IS NULL OR field <> 'applies')"

struct store_report {
	struct store		 *s;
	char			 *id;
	struct model		 *model;
	struct store_risk_cursor *risks;
	struct model		 *one;		/* holds the object last given */
	struct db_stmt		 *objects;	/* the list being read, or
						   NULL: begin one */
	int			  type;		/* its type */
	struct db_stmt		 *decisions;	/* the decisions being read,
						   or NULL: not begun */
	int			  decisions_done;
	struct change		  change;	/* the decision last given */
};

/* The register in the report's order (model/risk-group.h). */
static void
store_report_order(struct store_risk_cursor *c)
{
	struct risk_group_key	*keys;
	size_t			*order, i, n = store_risk_cursor_count(c);

	keys = xreallocarray(NULL, n + 1, sizeof *keys);
	order = xreallocarray(NULL, n + 1, sizeof *order);
	for (i = 0; i < n; i++)
		store_risk_cursor_key(c, i, &keys[i].threat,
		    &keys[i].provisional, &keys[i].applies);
	risk_group_order(keys, n, order);
	store_risk_cursor_order(c, order);
	free(order);
	free(keys);
}

struct store_report *
store_report_open(struct store *s, const char *id, struct error *err)
{
	struct store_report	*r;

	store_scan_cache(s);
	if (store_begin_read(s, err) == -1)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->s = s;
	if ((r->id = store_model_named(s, id, err)) == NULL)
		goto fail;
	if ((r->model = store_load_model_some(s, r->id, 0, err)) == NULL ||
	    (r->risks = store_risk_cursor_within(s, r->id, err)) == NULL)
		goto fail;
	store_report_order(r->risks);
	return r;

fail:
	store_report_close(r);
	return NULL;
}

const struct model *
store_report_model(struct store_report *r)
{
	return r->model;
}

long
store_report_nobjects(struct store_report *r, struct error *err)
{
	static const char *const sql = "SELECT count(*) FROM objects "
	    "WHERE system = ? AND type IN ('component', 'flow')";
	struct db_stmt	*st;
	long		 n = 0;
	int		 rc;

	if ((st = store_prepare(r->s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, r->id);
	if ((rc = db_step(st)) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(r->s, rc, err);
	return n;
}

int
store_report_whole(struct store_report *r, struct error *err)
{
	struct model	*m;

	if ((m = store_load_model(r->s, r->id, err)) == NULL)
		return -1;
	model_free(r->model);
	r->model = m;
	return 0;
}

const void *
store_report_next_object(struct store_report *r, int type,
    struct error *err)
{
	const void	*obj;

	if (r->objects == NULL || type != r->type) {
		if ((r->objects = store_objects_begin(r->s, r->model, type,
		    err)) == NULL)
			return NULL;
		r->type = type;
	}
	/* At the end, or failing, the next call begins again. */
	if ((obj = store_objects_next(r->s, r->model, r->objects, type,
	    &r->one, err)) == NULL)
		r->objects = NULL;
	return obj;
}

struct store_risk_cursor *
store_report_risks(struct store_report *r)
{
	return r->risks;
}

long
store_report_ndecisions(struct store_report *r, struct error *err)
{
	static const char *const sql = "SELECT count(*) FROM history "
	    "WHERE " STORE_REPORT_DECISION;
	struct db_stmt	*st;
	long		 n = 0;
	int		 rc;

	if ((st = store_prepare(r->s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, r->id);
	if ((rc = db_step(st)) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(r->s, rc, err);
	return n;
}

const struct change *
store_report_next_decision(struct store_report *r, struct error *err)
{
	static const char *const sql = STORE_HISTORY_COLUMNS
	    "WHERE " STORE_REPORT_DECISION " ORDER BY seq DESC";
	struct change	*c = &r->change;

	memset(c, 0, sizeof *c);
	if (r->decisions_done)
		return NULL;
	if (r->decisions == NULL) {
		if ((r->decisions = store_prepare(r->s, sql, err)) == NULL)
			return NULL;
		store_bind(r->decisions, 1, r->id);
	}
	if (store_step(r->s, r->decisions, err) != 1) {
		r->decisions_done = 1;
		return NULL;
	}
	/* Borrowed from the statement: one entry held, however many. */
	store_change_row(c, r->decisions, 1);
	return c;
}

void
store_report_close(struct store_report *r)
{
	if (r == NULL)
		return;
	if (r->decisions != NULL && !r->decisions_done)
		db_reset(r->decisions);	/* left part read */
	store_risk_cursor_close(r->risks);
	model_free(r->one);
	model_free(r->model);
	free(r->id);
	store_rollback(r->s);	/* a read: nothing to keep */
	free(r);
}

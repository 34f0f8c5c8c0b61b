/* store-list.c: the models of a database, each with its counts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "store/store-int.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* Set in sum the number n of a model's objects of one type (a row). */
static void
store_count_objects(struct store_summary *sum, const char *type, size_t n)
{
	if (type == NULL)
		return;
	if (strcmp(type, "boundary") == 0)
		sum->nboundaries = n;
	else if (strcmp(type, "component") == 0)
		sum->ncomponents = n;
	else if (strcmp(type, "flow") == 0)
		sum->nflows = n;
}

/*
 * The risks that no longer apply, read from their partial index (schema
 * 8: the WHERE says what the index's does).
 */
static const char *const count_gone_sql = "SELECT count(*) FROM risks "
    "WHERE system = ? AND applies = 0";

/* Count a model's objects by type and applying risks. */
static int
store_count(struct store *s, const char *id, struct store_summary *sum,
    struct error *err)
{
	static const char *const objects = "SELECT type, count(*) "
	    "FROM objects WHERE system = ? GROUP BY type";
	/*
	 * The risks that apply, by severity and status, with the number of
	 * them that rest on an assumption (the assumed column, which every
	 * row has set since schema 10).
	 */
	static const char *const risks = "SELECT severity, status, count(*), "
	    "sum(assumed) FROM risks WHERE system = ? AND applies = 1 "
	    "GROUP BY severity, status";
	struct db_stmt	*st;
	size_t		 n;
	long		 k;
	int		 rc, sev, status;

	if ((st = store_prepare(s, objects, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1)
		store_count_objects(sum, db_column_text(st, 0),
		    (size_t)db_column_int64(st, 1));
	if (rc == -1)
		return -1;

	if ((st = store_prepare(s, risks, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1) {
		sev = vocab_find(&vocab_severity, db_column_text(st, 0));
		status = vocab_find(&vocab_risk_status, db_column_text(st, 1));
		n = (size_t)db_column_int64(st, 2);
		risk_counts_add(&sum->counts, 1, sev, status, n,
		    (size_t)db_column_int64(st, 3));
	}
	if (rc == -1)
		return -1;

	if ((k = store_model_number(s, count_gone_sql, id, err)) == -1)
		return -1;
	sum->counts.gone += (size_t)k;
	return 0;
}

/*
 * Count a row of risk_counts read from column i on (severity, status, n,
 * assumed), its assumed ones too when with_assumed.
 */
static void
store_count_row(struct db_stmt *st, int i, struct risk_counts *c,
    int with_assumed)
{
	size_t	n = (size_t)db_column_int64(st, i + 2);

	risk_counts_add(c, 1, vocab_find(&vocab_severity,
	    db_column_text(st, i)), vocab_find(&vocab_risk_status,
	    db_column_text(st, i + 1)), n,
	    with_assumed && db_column_int64(st, i + 3) != 0 ? n : 0);
}

/*
 * One system's risk counts as the list counts them: the applying ones
 * from risk_counts, those that no longer apply from their partial index.
 */
static int
store_count_kept(struct store *s, const char *id, struct risk_counts *c,
    struct error *err)
{
	static const char *const risks = "SELECT severity, status, n, "
	    "assumed FROM risk_counts WHERE system = ?";
	struct db_stmt	*st;
	long		 k;
	int		 rc;

	memset(c, 0, sizeof *c);
	if ((st = store_prepare(s, risks, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1)
		store_count_row(st, 0, c, 1);
	if (rc == -1)
		return -1;
	if ((k = store_model_number(s, count_gone_sql, id, err)) == -1)
		return -1;
	c->gone = (size_t)k;
	return 0;
}

int
store_count_risks(struct store *s, const char *id, struct risk_counts *c,
    struct error *err)
{
	int	rc;

	if (store_begin_read(s, err) == -1)
		return -1;
	rc = store_count_kept(s, id, c, err);
	store_rollback(s);	/* a read: nothing to keep */
	if (rc == -1)
		memset(c, 0, sizeof *c);
	return rc;
}

int
store_summarize(struct store *s, const char *id, struct store_summary *sum,
    struct error *err)
{
	memset(sum, 0, sizeof *sum);
	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_count(s, id, sum, err) == -1) {
		store_rollback(s);
		memset(sum, 0, sizeof *sum);
		return -1;
	}
	store_rollback(s);	/* a read: nothing to keep */
	return 0;
}

/*
 * The counts of every model at once, grouped by system over the whole
 * database, so that a register of thousands of systems is read in three
 * passes, not three queries a system (make bench-register): the objects
 * by type; the applying risks from the summary schema 6 keeps
 * (risk_counts, a few rows a system, which store_migrate() guarantees);
 * and from the risks themselves those that no longer apply, as
 * store_count() reads them.
 * Rows are matched to the models by id through byid (the models sorted by
 * strcmp(), whatever the server's collation sorted them by).
 */
static const char *const list_objects_sql = "SELECT system, type, "
    "count(*) FROM objects GROUP BY system, type";
static const char *const list_risks_sql = "SELECT system, severity, "
    "status, n, assumed FROM risk_counts";
/*
 * That reads only the rows of the partial index of schema 8 (risks_gone):
 * its WHERE says what the index's does.
 */
static const char *const list_gone_sql = "SELECT system, count(*) "
    "FROM risks WHERE applies = 0 GROUP BY system";

static int
list_cmp(const void *a, const void *b)
{
	const struct store_summary *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static int
list_cmp_id(const void *key, const void *b)
{
	const struct store_summary *const *y = b;

	return strcmp(key, (*y)->id);
}

/* The summary of a system, or NULL for one that has no model row. */
static struct store_summary *
list_find(struct store_summary **byid, size_t n, const char *id)
{
	struct store_summary	**found;

	if (id == NULL)
		return NULL;
	found = bsearch(id, byid, n, sizeof *byid, list_cmp_id);
	return found == NULL ? NULL : *found;
}

/* Add the risks of each system that no longer apply to its counts. */
static int
list_add_gone(struct store *s, struct store_summary **byid, size_t n,
    struct error *err)
{
	struct store_summary	*sum;
	struct db_stmt		*st;
	int			 rc;

	if ((st = store_prepare(s, list_gone_sql, err)) == NULL)
		return -1;
	while ((rc = store_step(s, st, err)) == 1)
		if ((sum = list_find(byid, n, db_column_text(st, 0))) != NULL)
			sum->counts.gone += (size_t)db_column_int64(st, 1);
	return rc;
}

static int
list_count(struct store *s, int what, struct store_summary *v, size_t n,
    struct error *err)
{
	struct store_summary	**byid, *sum;
	struct db_stmt		 *st = NULL;
	size_t			  i, c;
	int			  rc;

	byid = xreallocarray(NULL, n == 0 ? 1 : n, sizeof *byid);
	for (i = 0; i < n; i++)
		byid[i] = &v[i];
	qsort(byid, n, sizeof *byid, list_cmp);

	if ((what & STORE_LIST_OBJECTS) != 0) {
		if ((st = store_prepare(s, list_objects_sql, err)) == NULL)
			goto fail;
		while ((rc = store_step(s, st, err)) == 1)
			if ((sum = list_find(byid, n,
			    db_column_text(st, 0))) != NULL)
				store_count_objects(sum,
				    db_column_text(st, 1),
				    (size_t)db_column_int64(st, 2));
		if (rc == -1)
			goto fail;
	}

	/* The assumed ones are counted whole or not at all. */
	if ((what & (STORE_LIST_RISKS | STORE_LIST_ASSUMED)) != 0) {
		if ((st = store_prepare(s, list_risks_sql, err)) == NULL)
			goto fail;
		while ((rc = store_step(s, st, err)) == 1)
			if ((sum = list_find(byid, n,
			    db_column_text(st, 0))) != NULL)
				store_count_row(st, 1, &sum->counts,
				    (what & STORE_LIST_ASSUMED) != 0);
		if (rc == -1)
			goto fail;
		if ((what & STORE_LIST_RISKS) == 0) {
			/* Only what the pass over the risks gives is kept. */
			for (i = 0; i < n; i++) {
				c = v[i].counts.assumed;
				memset(&v[i].counts, 0, sizeof v[i].counts);
				v[i].counts.assumed = c;
			}
		}
	}

	if ((what & STORE_LIST_ASSUMED) != 0 &&
	    list_add_gone(s, byid, n, err) == -1)
		goto fail;
	free(byid);
	return 0;

fail:
	free(byid);
	return -1;
}

int
store_list(struct store *s, struct store_summary **out, size_t *nout,
    struct error *err)
{
	return store_list_some(s, STORE_LIST_ALL, out, nout, err);
}

int
store_list_some(struct store *s, int what, struct store_summary **out,
    size_t *nout, struct error *err)
{
	static const char *const sql = "SELECT system, name, revision, "
	    "updated FROM models ORDER BY system";
	struct store_summary	*v = NULL, *sum;
	struct db_stmt		*st;
	size_t			 n = 0;
	int			 rc;

	*out = NULL;
	*nout = 0;
	if (store_begin_read(s, err) == -1)
		return -1;
	if ((st = store_prepare(s, sql, err)) == NULL)
		goto fail;
	while ((rc = store_step(s, st, err)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		sum = &v[n++];
		memset(sum, 0, sizeof *sum);
		sum->id = store_column(st, 0);
		sum->name = store_column(st, 1);
		sum->revision = (long)db_column_int64(st, 2);
		sum->updated = store_column(st, 3);
	}
	if (rc == -1)
		goto fail;
	if (n > 0 && what != 0 && list_count(s, what, v, n, err) == -1)
		goto fail;
	store_rollback(s);
	*out = v;
	*nout = n;
	return 0;

fail:
	store_rollback(s);
	store_summaries_free(v, n);
	return -1;
}

void
store_summaries_free(struct store_summary *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].name);
		free(v[i].updated);
	}
	free(v);
}

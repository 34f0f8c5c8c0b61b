/*
 * store-register.c: the organisation's register, every system of the
 * database with what its risk owners review (store.h).
 *
 * A few queries over the whole database, grouped by system, rather than a
 * query per system: the counts read the summary that schema 6 keeps on
 * every write (risk_counts, and each mitigation's copy of its risk's
 * state), a few rows a system, so a register of thousands of systems
 * answers without a pass over the risks. Everything is read in one
 * snapshot. What counts, and when a mitigation is overdue or an accepted
 * risk due for review, is said in store.h; this file is the one place
 * that counts it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* The owner a risk answers to: its own, else the system's. */
#define REG_OWNER	"coalesce(nullif(r.owner, ''), m.owner)"
/*
 * risk_mitigation_overdue(), on a risk the report lists it for, from the
 * mitigation's row alone: it carries what the register reads of its risk
 * (schema 6), and the mitigations_due index what the counts need.
 */
#define REG_OVERDUE \
	"x.due IS NOT NULL AND x.due < ?1 AND x.status NOT IN " \
	"('implemented', 'verified', 'rejected') AND x.risk_applies = 1 AND " \
	"x.risk_status NOT IN ('accepted', 'not-applicable')"
/*
 * An applying accepted risk decided on or before the day ?1, or on no
 * known day: the terms of the risks_review index (schema 6), which holds
 * those risks only.
 */
#define REG_DUE \
	"r.status = 'accepted' AND (r.decided_at IS NULL " \
	"OR substr(r.decided_at, 1, 10) <= ?1)"
#define REG_REVIEW	"r.applies = 1 AND " REG_DUE
#define REG_TEAM \
	"LEFT JOIN fields f ON f.system = m.system AND f.object = '' AND " \
	"f.field = 'team'"

/* The systems, of a team or all. */
static const char *const reg_systems_sql = "SELECT m.system, m.name, "
    "m.owner, m.criticality, f.value FROM models m " REG_TEAM " "
    "WHERE ?1 IS NULL OR f.value = ?1 ORDER BY m.system";
/*
 * Applying risks by system, severity, status and whether provisional:
 * the summary schema 6 keeps (risk_counts), a few rows a system, not a
 * pass over the risks. The second, with an owner (?2), joins the systems
 * for the owner of the risks that have none of their own ('').
 */
static const char *const reg_risks_sql = "SELECT c.system, c.severity, "
    "c.status, c.assumed, c.n FROM risk_counts c";
static const char *const reg_risks_owner_sql = "SELECT c.system, "
    "c.severity, c.status, c.assumed, c.n FROM risk_counts c "
    "JOIN models m ON m.system = c.system "
    "WHERE coalesce(nullif(c.owner, ''), m.owner) = ?2";
/*
 * The accepted risks due for review (decided on or before ?1) by system
 * and severity, from the risks_review index (schema 6), which holds the
 * accepted applying risks only.
 */
static const char *const reg_review_sql = "SELECT r.system, r.severity, "
    "count(*) FROM risks r WHERE " REG_REVIEW " GROUP BY 1, 2";
static const char *const reg_review_owner_sql = "SELECT r.system, "
    "r.severity, count(*) FROM risks r JOIN models m ON "
    "m.system = r.system WHERE " REG_REVIEW " AND " REG_OWNER " = ?2 "
    "GROUP BY 1, 2";
/* Overdue mitigations (today ?1) by system, severity and risk status. */
static const char *const reg_overdue_sql = "SELECT x.system, "
    "x.risk_severity, x.risk_status, count(*) FROM risk_mitigations x "
    "WHERE " REG_OVERDUE " GROUP BY 1, 2, 3";
static const char *const reg_overdue_owner_sql = "SELECT x.system, "
    "x.risk_severity, x.risk_status, count(*) FROM risk_mitigations x "
    "JOIN models m ON m.system = x.system WHERE " REG_OVERDUE " AND "
    "(x.owner = ?2 OR coalesce(nullif(x.risk_owner, ''), m.owner) = ?2) "
    "GROUP BY 1, 2, 3";
/* The answered practice questions. */
static const char *const reg_answers_sql = "SELECT system, question "
    "FROM practices WHERE answer IN ('yes', 'no')";

/*
 * The items: ?1 today or the review day, ?2 status. The owner a risk
 * answers to, and the team, come from the systems as reg_read_systems()
 * read them, not joined to each item; the items are sorted here
 * (reg_item_cmp()), not by a sorter of the database over every column.
 */
static const char *const reg_overdue_items_sql = "SELECT x.system, "
    "x.threat, x.target, x.risk_title, x.risk_severity, x.risk_status, "
    "x.risk_owner, x.mitigation, x.owner, x.due, NULL, NULL, NULL "
    "FROM risk_mitigations x "
    "WHERE " REG_OVERDUE " AND (?2 IS NULL OR x.risk_status = ?2)";
static const char *const reg_review_items_sql = "SELECT r.system, "
    "r.threat, r.target, r.title, r.severity, r.status, r.owner, "
    "NULL, NULL, NULL, r.decided_at, r.decided_by, r.justification "
    "FROM risks r WHERE " REG_REVIEW " AND (?2 IS NULL OR r.status = ?2)";

static int	reg_check_today(const struct org_filter *,
		    struct error *);

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long
reg_days(long y, long m, long d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day number, as YYYY-MM-DD. */
static void
reg_date(long z, char out[11])
{
	long	era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/*
 * The last day a decision may have been made on for the risk to be due for
 * review today: today less review_days. -1 if today is not a date.
 */
static int
reg_review_day(const struct org_filter *f, char out[11])
{
	long	y, m, d;

	if (f->today == NULL || !risk_date_valid(f->today) ||
	    sscanf(f->today, "%4ld-%2ld-%2ld", &y, &m, &d) != 3)
		return -1;
	reg_date(reg_days(y, m, d) - (f->review_days > 0 ? f->review_days :
	    0), out);
	return 0;
}

/* A level word of a column, -1 when unknown. */
static int
reg_word(const struct vocab *v, struct db_stmt *st, int col)
{
	const char	*w = db_column_text(st, col);

	return w != NULL ? vocab_find(v, w) : -1;
}

/* 1 if a risk of this status counts under the filter. */
static int
reg_status_counts(const struct org_filter *f, int status)
{
	if (f->status >= 0)
		return status == f->status;
	return status == RISK_OPEN || status == RISK_MITIGATING;
}

/* The row of a system, found by id in the rows ordered by id. */
static int
reg_row_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const struct org_system *)row)->id);
}

static struct org_system *
reg_row(struct org_system *v, size_t n, struct db_stmt *st)
{
	const char	*id = db_column_text(st, 0);

	/* No systems (a team nobody is in): no array to search. */
	if (id == NULL || n == 0)
		return NULL;
	return bsearch(id, v, n, sizeof *v, reg_row_cmp);
}

/* Read the systems (of the team) into rows. */
static int
reg_read_systems(struct store *s, const struct org_filter *f,
    struct org_system **out, size_t *nout, struct error *err)
{
	struct org_system	*v = NULL, *row;
	struct db_stmt			*st;
	size_t				 n = 0;
	int				 rc;

	if ((st = store_prepare(s, reg_systems_sql, err)) == NULL)
		return -1;
	store_bind(st, 1, f->team);
	while ((rc = store_step(s, st, err)) == 1) {
		v = xreallocarray(v, n + 1, sizeof *v);
		row = &v[n++];
		memset(row, 0, sizeof *row);
		row->id = store_column(st, 0);
		row->name = store_column(st, 1);
		row->owner = store_column(st, 2);
		row->criticality = reg_word(&vocab_criticality, st, 3);
		row->team = store_column(st, 4);
		if (row->id == NULL)
			row->id = xstrdup("");
	}
	*out = v;
	*nout = n;
	return rc;
}

/*
 * A count over every system: sql, or owner_sql when the filter names an
 * owner to answer to (?2); day (?1) unless it is NULL.
 */
static struct db_stmt *
reg_prepare(struct store *s, const struct org_filter *f, const char *sql,
    const char *owner_sql, const char *day, struct error *err)
{
	struct db_stmt	*st;

	if ((st = store_prepare(s, f->owner != NULL ? owner_sql : sql,
	    err)) == NULL)
		return NULL;
	if (day != NULL)
		store_bind(st, 1, day);
	if (f->owner != NULL)
		store_bind(st, 2, f->owner);
	return st;
}

/* Count the risks: by severity, to confirm, due for review. */
static int
reg_count_risks(struct store *s, const struct org_filter *f,
    const char *review_day, struct org_system *v, size_t n,
    struct error *err)
{
	struct org_system	*row;
	struct db_stmt			*st;
	size_t				 k;
	int				 rc, sev, status;

	if ((st = reg_prepare(s, f, reg_risks_sql, reg_risks_owner_sql, NULL,
	    err)) == NULL)
		return -1;
	while ((rc = store_step(s, st, err)) == 1) {
		if ((row = reg_row(v, n, st)) == NULL)
			continue;	/* of another team */
		sev = reg_word(&vocab_severity, st, 1);
		status = reg_word(&vocab_risk_status, st, 2);
		k = (size_t)db_column_int64(st, 4);
		if (sev < 0 || sev > LEVEL_CRITICAL || sev < f->min_severity)
			continue;
		if (reg_status_counts(f, status)) {
			if (db_column_int(st, 3))
				row->to_confirm += k;
			else
				row->by_severity[sev] += k;
		}
	}
	if (rc == -1)
		return -1;
	if (f->status >= 0 && f->status != RISK_ACCEPTED)
		return 0;
	if ((st = reg_prepare(s, f, reg_review_sql, reg_review_owner_sql,
	    review_day, err)) == NULL)
		return -1;
	while ((rc = store_step(s, st, err)) == 1) {
		if ((row = reg_row(v, n, st)) == NULL)
			continue;
		sev = reg_word(&vocab_severity, st, 1);
		if (sev < 0 || sev > LEVEL_CRITICAL || sev < f->min_severity)
			continue;
		row->review += (size_t)db_column_int64(st, 2);
	}
	return rc;
}

/* Count the overdue mitigations. */
static int
reg_count_overdue(struct store *s, const struct org_filter *f,
    struct org_system *v, size_t n, struct error *err)
{
	struct org_system	*row;
	struct db_stmt			*st;
	int				 rc, sev, status;

	if ((st = reg_prepare(s, f, reg_overdue_sql, reg_overdue_owner_sql,
	    f->today, err)) == NULL)
		return -1;
	while ((rc = store_step(s, st, err)) == 1) {
		if ((row = reg_row(v, n, st)) == NULL)
			continue;
		sev = reg_word(&vocab_severity, st, 1);
		status = reg_word(&vocab_risk_status, st, 2);
		if (sev < f->min_severity || (f->status >= 0 &&
		    status != f->status))
			continue;
		row->overdue += (size_t)db_column_int64(st, 3);
	}
	return rc;
}

/* Count the questions of the catalogue each system has not answered. */
static int
reg_count_questions(struct store *s, const struct org_filter *f,
    struct org_system *v, size_t n, struct error *err)
{
	struct org_system	*row;
	struct strmap			 known;
	struct db_stmt			*st;
	const char			*q;
	size_t				 i;
	int				 rc;

	for (i = 0; i < n; i++)
		v[i].questions = f->nquestions;
	if (f->nquestions == 0)
		return 0;
	strmap_init(&known);
	for (i = 0; i < f->nquestions; i++)
		strmap_put(&known, f->questions[i], &known);
	if ((st = store_prepare(s, reg_answers_sql, err)) == NULL) {
		strmap_release(&known);
		return -1;
	}
	while ((rc = store_step(s, st, err)) == 1) {
		q = db_column_text(st, 1);
		if (q == NULL || strmap_get(&known, q) == NULL ||
		    (row = reg_row(v, n, st)) == NULL)
			continue;
		if (row->questions > 0)
			row->questions--;
	}
	strmap_release(&known);
	return rc;
}

static void
reg_row_free(struct org_system *row)
{
	free(row->id);
	free(row->name);
	free(row->owner);
	free(row->team);
}

/* 1 if a row is listed under the filter. */
static int
reg_listed(const struct org_filter *f,
    const struct org_system *row)
{
	size_t	i;

	if (f->owner == NULL && f->status < 0 &&
	    f->min_severity <= LEVEL_LOW)
		return 1;
	if (f->owner != NULL && row->owner != NULL &&
	    strcmp(f->owner, row->owner) == 0)
		return 1;
	for (i = 0; i < LEVEL_COUNT; i++)
		if (row->by_severity[i] > 0)
			return 1;
	return row->to_confirm > 0 || row->overdue > 0 || row->review > 0;
}

int
store_register(struct store *s, const struct org_filter *f,
    struct org_system **out, size_t *nout, struct error *err)
{
	struct org_system	*v = NULL;
	size_t				 n = 0, i, j;
	char				 review_day[11];

	*out = NULL;
	*nout = 0;
	if (reg_check_today(f, err) == -1 ||
	    reg_review_day(f, review_day) == -1)
		return -1;
	if (store_begin_read(s, err) == -1)
		return -1;
	if (reg_read_systems(s, f, &v, &n, err) == -1 ||
	    reg_count_risks(s, f, review_day, v, n, err) == -1 ||
	    reg_count_overdue(s, f, v, n, err) == -1 ||
	    reg_count_questions(s, f, v, n, err) == -1) {
		store_rollback(s);
		store_register_free(v, n);
		return -1;
	}
	store_rollback(s);	/* a read: nothing to keep */
	for (i = j = 0; i < n; i++) {
		if (reg_listed(f, &v[i]))
			v[j++] = v[i];
		else
			reg_row_free(&v[i]);
	}
	*out = v;
	*nout = j;
	return 0;
}

void
store_register_free(struct org_system *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		reg_row_free(&v[i]);
	free(v);
}

/* Texts in byte order, as both backends compare them; NULL as ''. */
static int
reg_text_cmp(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

/*
 * The order of the lists: overdue mitigations by due date, risks due for
 * review by the day they were decided (none first), then by system,
 * threat, target and mitigation.
 */
static int
reg_item_cmp(const void *pa, const void *pb)
{
	const struct org_item	*a = pa, *b = pb;
	int			 c;

	if ((c = reg_text_cmp(a->due, b->due)) != 0 ||
	    (c = reg_text_cmp(a->decided_at, b->decided_at)) != 0 ||
	    (c = reg_text_cmp(a->system, b->system)) != 0 ||
	    (c = reg_text_cmp(a->threat, b->threat)) != 0 ||
	    (c = reg_text_cmp(a->target, b->target)) != 0)
		return c;
	return reg_text_cmp(a->mitigation, b->mitigation);
}

/* 1 if two owners are the same one (NULL: none, never the same). */
static int
reg_same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/*
 * Read the items of one of the two queries, of the systems of the team:
 * the owner of an item's risk is its own, else its system's, and an owner
 * of the filter keeps the items of risks or mitigations they own.
 */
static int
reg_items(struct store *s, const char *sql, const char *day,
    const struct org_filter *f, struct org_item **out,
    size_t *nout, struct error *err)
{
	struct org_item		*v = NULL, *it;
	struct org_system	*sys = NULL, *row;
	struct db_stmt		*st;
	const char		*owner;
	size_t			 n = 0, max = 0, nsys = 0;
	int			 rc, sev;

	*out = NULL;
	*nout = 0;
	if (store_begin_read(s, err) == -1)
		return -1;
	if (reg_read_systems(s, f, &sys, &nsys, err) == -1 ||
	    (st = store_prepare(s, sql, err)) == NULL) {
		store_rollback(s);
		store_register_free(sys, nsys);
		return -1;
	}
	store_bind(st, 1, day);
	store_bind(st, 2, f->status >= 0 ? vocab_name(&vocab_risk_status,
	    f->status) : NULL);
	while ((rc = store_step(s, st, err)) == 1) {
		sev = reg_word(&vocab_severity, st, 4);
		if (sev < f->min_severity || (row = reg_row(sys, nsys, st)) ==
		    NULL)
			continue;
		owner = db_column_text(st, 6);
		if (owner == NULL || *owner == '\0')
			owner = row->owner;
		if (f->owner != NULL && !reg_same(owner, f->owner) &&
		    !reg_same(db_column_text(st, 8), f->owner))
			continue;
		if (n == max) {
			max = max == 0 ? 64 : max * 2;
			v = xreallocarray(v, max, sizeof *v);
		}
		it = &v[n++];
		memset(it, 0, sizeof *it);
		it->system = store_column(st, 0);
		it->threat = store_column(st, 1);
		it->target = store_column(st, 2);
		it->title = store_column(st, 3);
		it->severity = sev;
		it->status = reg_word(&vocab_risk_status, st, 5);
		it->owner = owner != NULL ? xstrdup(owner) : NULL;
		it->mitigation = store_column(st, 7);
		it->mitigation_owner = store_column(st, 8);
		it->due = store_column(st, 9);
		it->decided_at = store_column(st, 10);
		it->decided_by = store_column(st, 11);
		it->justification = store_column(st, 12);
	}
	store_rollback(s);
	store_register_free(sys, nsys);
	if (rc == -1) {
		store_register_items_free(v, n);
		return -1;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, reg_item_cmp);
	*out = v;
	*nout = n;
	return 0;
}

/* Refuse a day that is not a date, as store_register() does. */
static int
reg_check_today(const struct org_filter *f, struct error *err)
{
	if (f->today == NULL || !risk_date_valid(f->today))
		return error_set(err, "not a date: '%s' (the day of the "
		    "register, as YYYY-MM-DD)", f->today != NULL ? f->today :
		    "");
	return 0;
}

int
store_register_overdue(struct store *s,
    const struct org_filter *f, struct org_item **out,
    size_t *nout, struct error *err)
{
	*out = NULL;
	*nout = 0;
	if (reg_check_today(f, err) == -1)
		return -1;
	return reg_items(s, reg_overdue_items_sql, f->today, f, out, nout,
	    err);
}

int
store_register_review(struct store *s,
    const struct org_filter *f, struct org_item **out,
    size_t *nout, struct error *err)
{
	char	day[11];

	*out = NULL;
	*nout = 0;
	if (reg_check_today(f, err) == -1 || reg_review_day(f, day) == -1)
		return -1;
	return reg_items(s, reg_review_items_sql, day, f, out, nout, err);
}

void
store_register_items_free(struct org_item *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].system);
		free(v[i].threat);
		free(v[i].target);
		free(v[i].title);
		free(v[i].owner);
		free(v[i].mitigation);
		free(v[i].mitigation_owner);
		free(v[i].due);
		free(v[i].decided_at);
		free(v[i].decided_by);
		free(v[i].justification);
	}
	free(v);
}

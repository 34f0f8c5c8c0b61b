/*
 * store-page.c: parts of a stored register, for the work that needs less
 * than the whole of it (see store-page.h).
 *
 * Same tables and patterns as store-risk.c: risks by (threat, target),
 * their mitigation rows merged in the same order.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "store/store-page.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/*
 * The statement sql with the model id bound to ?1, once the model is known
 * to exist (else err says it does not): how each reader here starts.
 */
static struct db_stmt *
store_page_prepare(struct store *s, const char *id, const char *sql,
    struct error *err)
{
	struct db_stmt	*st;
	long		 rev;

	if ((rev = store_revision(s, id, err)) == -1 ||
	    (rev == 0 && store_no_model(s, id, err) == -1) ||
	    (st = store_prepare(s, sql, err)) == NULL)
		return NULL;
	store_bind(st, 1, id);
	return st;
}

void
store_risk_state_row(struct risk_register *reg, struct db_stmt *st)
{
	struct risk	*k;

	if (db_column_text(st, 0) == NULL || db_column_text(st, 1) == NULL)
		return;
	k = risk_register_add(reg, db_column_text(st, 0),
	    db_column_text(st, 1));
	k->status = store_word(&vocab_risk_status, st, 2, RISK_OPEN);
	k->owner = store_column(st, 3);
	k->justification = store_column(st, 4);
	k->decided_by = store_column(st, 5);
	k->decided_at = store_column(st, 6);
	k->applies = db_column_int(st, 7) != 0;
}

int
store_load_risk_states(struct store *s, const char *id,
    struct risk_register *reg, struct error *err)
{
	static const char *const sql = "SELECT threat, target, status, "
	    "owner, justification, decided_by, decided_at, applies FROM risks "
	    "WHERE system = ? ORDER BY threat, target";
	struct db_stmt	*st;
	size_t		 first = reg->n;
	int		 rc = -1;

	if (store_begin_read(s, err) == -1)
		return -1;
	if ((st = store_page_prepare(s, id, sql, err)) == NULL)
		goto out;
	while ((rc = store_step(s, st, err)) == 1)
		store_risk_state_row(reg, st);
out:
	return store_end_risks(s, id, reg, first, rc, err);
}

/* A risk to come: where its key is, and what register order needs. */
struct store_cursor_key {
	union {
		size_t		 at;	/* its threat and target in keys */
		const char	*name;	/* the same once keys is whole */
	} u;
	int	provisional;
	int	severity;
	int	score;
	int	applies;
};

struct store_risk_cursor {
	struct store		*s;
	char			*id;
	struct buf		 keys;	/* "threat\0target\0" of each risk */
	struct store_cursor_key	*v;
	size_t			 n;
	size_t			 next;
	struct risk_register	 one;	/* the risk last given */
	int			 own;	/* it began the transaction */
	/*
	 * The risks with mitigation rows (decisions about them: few), as
	 * "threat@target", so that next looks for rows of those only.
	 */
	struct buf		 mkeys;
	struct strmap		 mits;
	struct buf		 name;
};

/* Register order (risk_register_sort()), names compared as strcmp does
 * (not in the database's collation, which may differ on PostgreSQL). */
static int
store_cursor_cmp(const void *a, const void *b)
{
	const struct store_cursor_key	*x = a, *y = b;
	int				 c;

	if (x->provisional != y->provisional)
		return x->provisional - y->provisional;
	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->score != y->score)
		return y->score - x->score;
	if ((c = strcmp(x->u.name, y->u.name)) != 0)
		return c;
	return strcmp(x->u.name + strlen(x->u.name) + 1,
	    y->u.name + strlen(y->u.name) + 1);
}

struct store_risk_cursor *
store_risk_cursor_open(struct store *s, const char *id, struct error *err)
{
	struct store_risk_cursor	*c;

	if (store_begin_read(s, err) == -1)
		return NULL;
	if ((c = store_risk_cursor_within(s, id, err)) == NULL) {
		store_rollback(s);
		return NULL;
	}
	c->own = 1;
	return c;
}

struct store_risk_cursor *
store_risk_cursor_within(struct store *s, const char *id, struct error *err)
{
	/* Provisional: the assumed column (risk_provisional()), no reasons. */
	static const char *const sql = "SELECT threat, target, likelihood, "
	    "impact, severity, assumed, applies FROM risks WHERE system = ? "
	    "ORDER BY threat, target";
	static const char *const mit_sql = "SELECT DISTINCT threat, target "
	    "FROM risk_mitigations WHERE system = ?";
	struct store_risk_cursor	*c;
	struct store_cursor_key		*k;
	struct db_stmt			*st;
	const char			*threat, *target, *p;
	size_t				 cap = 0;
	int				 rc, l, i;

	c = xcalloc(1, sizeof *c);
	c->s = s;
	buf_init(&c->keys);
	buf_init(&c->mkeys);
	buf_init(&c->name);
	strmap_init(&c->mits);
	risk_register_init(&c->one);
	if (id == NULL && (c->id = store_only_model(s, err)) == NULL)
		goto fail;
	if (c->id == NULL)
		c->id = xstrdup(id);
	id = c->id;
	if ((st = store_page_prepare(s, id, sql, err)) == NULL)
		goto fail;
	while ((rc = store_step(s, st, err)) == 1) {
		if ((threat = db_column_text(st, 0)) == NULL ||
		    (target = db_column_text(st, 1)) == NULL)
			continue;
		if (c->n == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			c->v = xreallocarray(c->v, cap, sizeof *c->v);
		}
		k = &c->v[c->n];
		k->u.at = c->keys.len;
		c->n++;
		buf_add(&c->keys, threat, strlen(threat) + 1);
		buf_add(&c->keys, target, strlen(target) + 1);
		l = db_column_int(st, 2);
		i = db_column_int(st, 3);
		/* As store_risk_row() reads them. */
		k->severity = store_word(&vocab_severity, st, 4,
		    risk_severity(l, i));
		k->score = l * i;
		k->provisional = db_column_int(st, 5) != 0;
		k->applies = db_column_int(st, 6) != 0;
	}
	if (rc == -1)
		goto fail;
	for (cap = 0; cap < c->n; cap++)
		c->v[cap].u.name = c->keys.s + c->v[cap].u.at;
	if ((st = store_prepare(s, mit_sql, err)) == NULL)
		goto fail;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1) {
		if ((threat = db_column_text(st, 0)) == NULL ||
		    (target = db_column_text(st, 1)) == NULL)
			continue;
		buf_addf(&c->mkeys, "%s@%s", threat, target);
		buf_addc(&c->mkeys, '\0');
	}
	if (rc == -1)
		goto fail;
	for (p = c->mkeys.s; p < c->mkeys.s + c->mkeys.len;
	    p += strlen(p) + 1)
		strmap_put(&c->mits, p, c);
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, store_cursor_cmp);
	return c;

fail:
	store_risk_cursor_close(c);
	return NULL;
}

const struct risk *
store_risk_cursor_next(struct store_risk_cursor *c, struct error *err)
{
	struct risk	*k = NULL;
	const char	*threat, *target;
	int		 rc;

	risk_register_release(&c->one);
	risk_register_init(&c->one);
	if (c->next == c->n)
		return NULL;
	threat = c->v[c->next].u.name;
	target = threat + strlen(threat) + 1;
	c->next++;
	/* Its mitigations' rows only where one was decided. */
	buf_reset(&c->name);
	buf_addf(&c->name, "%s@%s", threat, target);
	rc = store_read_risk(c->s, c->id, threat, target,
	    strmap_get(&c->mits, c->name.s) != NULL, &c->one, &k, err);
	if (rc == 0)	/* gone within the transaction: a broken database */
		error_set(err, "risk '%s@%s' vanished while it was read",
		    threat, target);
	return rc == 1 ? k : NULL;
}

size_t
store_risk_cursor_count(const struct store_risk_cursor *c)
{
	return c->n;
}

void
store_risk_cursor_key(const struct store_risk_cursor *c, size_t i,
    const char **threat, int *provisional, int *applies)
{
	*threat = c->v[i].u.name;
	*provisional = c->v[i].provisional;
	*applies = c->v[i].applies;
}

void
store_risk_cursor_order(struct store_risk_cursor *c, const size_t *order)
{
	struct store_cursor_key	*v;
	size_t			 i;

	v = xreallocarray(NULL, c->n + 1, sizeof *v);
	for (i = 0; i < c->n; i++)
		v[i] = c->v[order[i]];
	free(c->v);
	c->v = v;
	c->next = 0;
}

struct risk *
store_risk_cursor_take(struct store_risk_cursor *c, struct error *err)
{
	struct risk	*k;

	if (store_risk_cursor_next(c, err) == NULL)
		return NULL;
	k = c->one.risks[0];
	c->one.n = 0;
	return k;
}

void
store_risk_cursor_close(struct store_risk_cursor *c)
{
	if (c == NULL)
		return;
	if (c->own)
		store_rollback(c->s);	/* a read: nothing to keep */
	risk_register_release(&c->one);
	buf_release(&c->keys);
	strmap_release(&c->mits);
	buf_release(&c->mkeys);
	buf_release(&c->name);
	free(c->v);
	free(c->id);
	free(c);
}

void
store_risk_slice_init(struct store_risk_slice *sl)
{
	memset(sl, 0, sizeof *sl);
}

void
store_risk_slice_release(struct store_risk_slice *sl)
{
	free(sl->threat);
	free(sl->target);
	store_risk_slice_init(sl);
}

/* (threat, target) order of two risks, as the mitigation rows come. */
static int
store_slice_cmp(const void *a, const void *b)
{
	const struct risk	*x = *(struct risk *const *)a;
	const struct risk	*y = *(struct risk *const *)b;
	int			 c;

	if ((c = strcmp(x->threat, y->threat)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/* A mitigation row's risk name against a risk of the slice (bsearch). */
struct store_slice_name {
	const char	*threat;
	const char	*target;
};

static int
store_slice_find(const void *a, const void *b)
{
	const struct store_slice_name	*x = a;
	const struct risk		*y = *(struct risk *const *)b;
	int				 c;

	if ((c = strcmp(x->threat, y->threat)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/*
 * Set on the risks of the slice (by, sorted by name) the mitigation rows
 * the statement gives, that of the risks it selected.
 */
static int
store_slice_mitigations(struct store *s, struct db_stmt *st,
    struct risk **by, size_t n, struct error *err)
{
	struct store_slice_name	 key;
	struct risk		**hit;
	int			 rc;

	while ((rc = store_step(s, st, err)) == 1) {
		key.threat = db_column_text(st, 0);
		key.target = db_column_text(st, 1);
		if (key.threat == NULL || key.target == NULL ||
		    db_column_text(st, 2) == NULL)
			continue;
		hit = bsearch(&key, by, n, sizeof *by, store_slice_find);
		if (hit != NULL)
			store_mitigation_row(*hit, st, 2);
	}
	return rc;
}

/*
 * Read the risks a statement selects (the order key last) into reg, up to
 * the statement's limit; sets the slice's last key. Returns the number
 * read, or -1.
 */
static long
store_slice_rows(struct store *s, struct db_stmt *st,
    struct store_risk_slice *sl, struct risk_register *reg,
    struct error *err)
{
	struct risk	*k = NULL;
	long		 n = 0;
	int		 rc;

	while ((rc = store_step(s, st, err)) == 1) {
		if (db_column_text(st, 0) == NULL ||
		    db_column_text(st, 1) == NULL)
			continue;
		k = store_risk_row(reg, st);
		sl->key = (long)db_column_int64(st, 14);
		n++;
	}
	if (k != NULL) {
		free(sl->threat);
		free(sl->target);
		sl->threat = xstrdup(k->threat);
		sl->target = xstrdup(k->target);
	}
	return rc == -1 ? -1 : n;
}

long
store_risk_slice_next(struct store *s, const char *id,
    struct store_risk_slice *sl, size_t n, struct risk_register *reg,
    struct error *err)
{
	/* The rest of the last risk's key, by name; then the keys after. */
	static const char *const same = "SELECT " STORE_RISK_COLUMNS ", "
	    STORE_RISK_ORDER " FROM risks WHERE system = ?1 AND "
	    STORE_RISK_ORDER " = ?2 AND (threat, target) > (?3, ?4) "
	    "ORDER BY threat, target LIMIT ?5";
	static const char *const after = "SELECT " STORE_RISK_COLUMNS ", "
	    STORE_RISK_ORDER " FROM risks WHERE system = ?1 AND "
	    STORE_RISK_ORDER " > ?2 ORDER BY " STORE_RISK_ORDER ", threat, "
	    "target LIMIT ?3";
	/* Their mitigation rows (the decisions about them). */
	static const char *const msame = "SELECT m.threat, m.target, "
	    "m.mitigation, m.status, m.owner, m.due, m.notes FROM (SELECT "
	    "threat, target FROM risks WHERE system = ?1 AND "
	    STORE_RISK_ORDER " = ?2 AND (threat, target) > (?3, ?4) "
	    "ORDER BY threat, target LIMIT ?5) r JOIN risk_mitigations m ON "
	    "m.system = ?1 AND m.threat = r.threat AND m.target = r.target "
	    "ORDER BY m.threat, m.target, m.rowid";
	static const char *const mafter = "SELECT m.threat, m.target, "
	    "m.mitigation, m.status, m.owner, m.due, m.notes FROM (SELECT "
	    "threat, target FROM risks WHERE system = ?1 AND "
	    STORE_RISK_ORDER " > ?2 ORDER BY " STORE_RISK_ORDER ", threat, "
	    "target LIMIT ?3) r JOIN risk_mitigations m ON m.system = ?1 AND "
	    "m.threat = r.threat AND m.target = r.target "
	    "ORDER BY m.threat, m.target, m.rowid";
	struct db_stmt	*st, *mst;
	struct risk	**by = NULL;
	size_t		 first = reg->n, i;
	long		 got = 0, k, key = sl->key, rest = 0;
	char		*threat = NULL, *target = NULL;
	int		 rc = -1;

	if (sl->done)
		return 0;
	if (store_begin_read(s, err) == -1)
		return -1;
	/* The model is looked for once, before the first slice. */
	if (sl->threat == NULL) {
		if ((st = store_page_prepare(s, id, after, err)) == NULL)
			goto out;
		key = -1000000;		/* before every key */
	} else {
		if ((st = store_prepare(s, same, err)) == NULL)
			goto out;
		threat = xstrdup(sl->threat);
		target = xstrdup(sl->target);
		store_bind(st, 1, id);
		db_bind_int64(st, 2, key);
		store_bind(st, 3, threat);
		store_bind(st, 4, target);
		db_bind_int64(st, 5, (int64_t)n);
		if ((got = store_slice_rows(s, st, sl, reg, err)) == -1)
			goto out;
		st = NULL;
	}
	if ((size_t)got < n) {
		if (st == NULL && (st = store_prepare(s, after, err)) == NULL)
			goto out;
		store_bind(st, 1, id);
		db_bind_int64(st, 2, key);
		rest = (long)(n - (size_t)got);
		db_bind_int64(st, 3, rest);
		if ((k = store_slice_rows(s, st, sl, reg, err)) == -1)
			goto out;
		if ((size_t)(got + k) < n)
			sl->done = 1;
		got += k;
	}
	if (got == 0) {
		rc = 0;
		goto out;
	}
	/* The mitigation rows of the same risks, by the same keys. */
	by = xreallocarray(NULL, (size_t)got, sizeof *by);
	for (i = first; i < reg->n; i++)
		by[i - first] = reg->risks[i];
	qsort(by, reg->n - first, sizeof *by, store_slice_cmp);
	if (threat != NULL) {
		if ((mst = store_prepare(s, msame, err)) == NULL)
			goto out;
		store_bind(mst, 1, id);
		db_bind_int64(mst, 2, key);
		store_bind(mst, 3, threat);
		store_bind(mst, 4, target);
		db_bind_int64(mst, 5, (int64_t)n);
		if (store_slice_mitigations(s, mst, by, reg->n - first,
		    err) == -1)
			goto out;
	}
	rc = 0;
	if (rest > 0) {
		if ((mst = store_prepare(s, mafter, err)) == NULL)
			goto out;
		store_bind(mst, 1, id);
		db_bind_int64(mst, 2, key);
		db_bind_int64(mst, 3, rest);
		rc = store_slice_mitigations(s, mst, by, reg->n - first,
		    err);
	}
out:
	store_rollback(s);	/* a read: nothing to keep */
	free(by);
	free(threat);
	free(target);
	return rc == -1 ? -1 : got;
}

void
store_risk_tally_init(struct store_risk_tally *ty)
{
	memset(ty, 0, sizeof *ty);
}

void
store_risk_tally_release(struct store_risk_tally *ty)
{
	free(ty->threat);
	free(ty->target);
	store_risk_tally_init(ty);
}

/*
 * Whether ?4 (a LIKE pattern, or NULL for none) is in a risk's texts: the
 * columns the risks screen's text filter looks at (the proposed column's
 * ids, one a line, are its mitigations' ids; the mitigation rows the
 * others), and its reasons as stored, which differ from the lines only
 * where a backslash or a line break was escaped (a text with either is
 * not counted here).
 */
#define STORE_TALLY_COLUMNS \
	"r.threat, r.target, r.likelihood, r.impact, r.severity, r.applies, " \
	"r.status, r.owner, CASE WHEN ?4 IS NULL THEN 0 WHEN " \
	"r.title LIKE ?4 ESCAPE '\\' OR r.threat LIKE ?4 ESCAPE '\\' OR " \
	"r.target LIKE ?4 ESCAPE '\\' OR r.owner LIKE ?4 ESCAPE '\\' OR " \
	"r.justification LIKE ?4 ESCAPE '\\' OR " \
	"r.reasons LIKE ?4 ESCAPE '\\' OR r.proposed LIKE ?4 ESCAPE '\\' OR " \
	"EXISTS (SELECT 1 FROM risk_mitigations m WHERE m.system = r.system " \
	"AND m.threat = r.threat AND m.target = r.target AND (" \
	"m.mitigation LIKE ?4 ESCAPE '\\' OR m.owner LIKE ?4 ESCAPE '\\' OR " \
	"m.notes LIKE ?4 ESCAPE '\\')) THEN 1 ELSE 0 END"

long
store_risk_tally_next(struct store *s, const char *id, const char *text,
    int (*match)(void *, const struct risk *, int), void *arg,
    struct store_risk_tally *ty, size_t n, struct error *err)
{
	static const char *const first = "SELECT " STORE_TALLY_COLUMNS
	    " FROM risks r WHERE r.system = ?1 ORDER BY "
	    "r.threat, r.target LIMIT ?5";
	static const char *const after = "SELECT " STORE_TALLY_COLUMNS
	    " FROM risks r WHERE r.system = ?1 AND (r.threat, r.target) > "
	    "(?2, ?3) ORDER BY r.threat, r.target LIMIT ?5";
	struct db_stmt	*st;
	struct risk	 k;
	struct buf	 pat;
	const char	*p;
	/* The bound key, kept while the statement runs (SQLITE_STATIC). */
	char		*threat = NULL, *target = NULL;
	long		 got = 0;
	int		 rc = -1;

	if (ty->done)
		return 0;
	if (db_is_server(s->db) || (text != NULL &&
	    strpbrk(text, "\\\n\r") != NULL))
		return -2;
	buf_init(&pat);
	if (text != NULL) {
		/* A part anywhere, its % and _ as themselves. */
		buf_addc(&pat, '%');
		for (p = text; *p != '\0'; p++) {
			if (*p == '%' || *p == '_')
				buf_addc(&pat, '\\');
			buf_addc(&pat, *p);
		}
		buf_addc(&pat, '%');
	}
	if (store_begin_read(s, err) == -1) {
		buf_release(&pat);
		return -1;
	}
	if ((st = store_page_prepare(s, id, ty->threat == NULL ? first :
	    after, err)) == NULL)
		goto out;
	threat = ty->threat;
	target = ty->target;
	ty->threat = ty->target = NULL;
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
	store_bind(st, 4, text != NULL ? pat.s : NULL);
	db_bind_int64(st, 5, (int64_t)n);
	while ((rc = store_step(s, st, err)) == 1) {
		if (db_column_text(st, 0) == NULL ||
		    db_column_text(st, 1) == NULL)
			continue;
		memset(&k, 0, sizeof k);
		/* (Borrowed from the row for the call: match reads only.) */
		k.threat = (char *)(uintptr_t)db_column_text(st, 0);
		k.target = (char *)(uintptr_t)db_column_text(st, 1);
		k.likelihood = db_column_int(st, 2);
		k.impact = db_column_int(st, 3);
		k.severity = store_word(&vocab_severity, st, 4,
		    risk_severity(k.likelihood, k.impact));
		k.applies = db_column_int(st, 5) != 0;
		k.status = store_word(&vocab_risk_status, st, 6, RISK_OPEN);
		k.owner = (char *)(uintptr_t)db_column_text(st, 7);
		if (match(arg, &k, db_column_int(st, 8) != 0))
			ty->n++;
		ty->seen++;
		got++;
		free(ty->threat);
		free(ty->target);
		ty->threat = xstrdup(k.threat);
		ty->target = xstrdup(k.target);
	}
	if (rc == 0 && (size_t)got < n)
		ty->done = 1;
out:
	store_rollback(s);	/* a read: nothing to keep */
	if (ty->threat == NULL) {
		/* None read (or an error): the key stays where it was. */
		ty->threat = threat;
		ty->target = target;
	} else {
		free(threat);
		free(target);
	}
	buf_release(&pat);
	return rc == -1 ? -1 : got;
}

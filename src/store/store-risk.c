/*
 * store-risk.c: the risk register of a model and the decisions about it.
 *
 * The analysis recomputes the register from scratch; people decide about
 * risks over weeks. store_sync_risks() merges the two so that re-analysis
 * never loses a decision: the scoring, title and reasons follow the
 * analysis, the status, owner, justification and mitigation decisions stay.
 * A register of a million risks syncs in one transaction with two passes:
 * one ordered scan of the stored keys, merged with the new register sorted
 * the same way, finds what starts or stops applying; then one UPSERT per
 * risk writes the scoring and leaves unchanged rows alone.
 *
 * Only what carries information is a row. The mitigations the catalogue
 * proposes for a risk are its proposed column (ids, one per line), not
 * rows: risk_mitigations holds a mitigation once someone decided about it
 * (store_set_mitigation), or once the catalogue stopped proposing it, so
 * that it stays with the risk as before. A risk's mitigations are the
 * proposed ones in the catalogue's order, each with its row's decision if
 * it has one, then those of its other rows in the order they were added.
 * A risk that appears is not a history entry; one that stops or starts
 * applying again is. A register imported whole (store_write_risks) is
 * stored the same way: its mitigations in its order are the proposed
 * column, those with a decision rows. Rows of older databases for every
 * proposed mitigation go in the migration to schema 4; a row always wins,
 * so any left would read the same.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/risk.h"
#include "store/store-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * Reasons are one line each, kept as one text: lines joined with newlines,
 * a backslash or newline inside a line escaped as \\ or \n. A line keeps
 * the prefix its kind gives it ("fact: ", "assumed: "), which is how the
 * kind is stored: files written before the kind was a field read the same.
 */
static void
store_reasons_encode(struct buf *b, const struct risk *k)
{
	const char	*p;
	size_t		 i, n;

	buf_reset(b);
	for (i = 0; i < k->nreasons; i++) {
		if (i > 0)
			buf_addc(b, '\n');
		/* Plain runs at once: most lines have nothing to escape. */
		for (p = k->reasons[i].line; *p != '\0'; p++) {
			if ((n = strcspn(p, "\\\n")) > 0) {
				buf_add(b, p, n);
				if (p[n] == '\0')
					break;
				p += n;
			}
			buf_adds(b, *p == '\\' ? "\\\\" : "\\n");
		}
	}
}

static void
store_reasons_decode(struct risk *k, const char *s)
{
	struct buf	b;
	const char	*p;
	size_t		 n;

	if (s == NULL || *s == '\0')
		return;
	buf_init(&b);
	for (p = s;; p++) {
		/* Plain runs at once, as store_reasons_encode() writes. */
		n = strcspn(p, "\\\n");
		buf_add(&b, p, n);
		p += n;
		if (*p == '\\' && (p[1] == '\\' || p[1] == 'n')) {
			buf_addc(&b, p[1] == 'n' ? '\n' : '\\');
			p++;
		} else if (*p == '\n' || *p == '\0') {
			risk_add_reason_line(k, -1, b.s);
			buf_reset(&b);
			if (*p == '\0')
				break;
		} else
			buf_addc(&b, *p);
	}
	buf_release(&b);
}

/*
 * 1 if a risk rests on an assumption: one of its reasons is of that kind
 * (the risks.assumed column, so that counting them reads no reasons).
 */
int
store_assumed(const struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		if (k->reasons[i].kind == REASON_ASSUMED)
			return 1;
	return 0;
}

/* The characters of a UTF-8 text (0 for NULL). */
static size_t
store_chars(const char *s)
{
	size_t	n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* A risk owner is a name: at most STORE_OWNER_CHARS characters. */
static int
store_check_owner(const char *owner, struct error *err)
{
	size_t	n;

	if ((n = store_chars(owner)) > STORE_OWNER_CHARS)
		return error_set(err, "a risk owner is a person or a role, at "
		    "most %d characters (this one has %zu)", STORE_OWNER_CHARS,
		    n);
	return 0;
}

/* Check what the analysis (or an import) says about a risk. */
static int
store_check_risk(const struct risk *k, int decisions, struct error *err)
{
	struct error	e;
	size_t		i;

	if (k->threat == NULL || *k->threat == '\0' || k->target == NULL ||
	    *k->target == '\0')
		return error_set(err, "a risk has no threat or no target");
	if (k->likelihood < 1 || k->likelihood > 5 || k->impact < 1 ||
	    k->impact > 5)
		return error_set(err, "risk '%s@%s' has a likelihood or impact "
		    "outside 1 to 5", k->threat, k->target);
	if (vocab_name(&vocab_severity, k->severity) == NULL)
		return error_set(err, "risk '%s@%s' has an invalid severity",
		    k->threat, k->target);
	for (i = 0; i < k->nmitigations; i++) {
		if (k->mitigations[i].id == NULL ||
		    *k->mitigations[i].id == '\0')
			return error_set(err, "risk '%s@%s' has a mitigation "
			    "without an id", k->threat, k->target);
		if (decisions && vocab_name(&vocab_mitigation_status,
		    k->mitigations[i].status) == NULL)
			return error_set(err, "mitigation '%s' of risk '%s@%s' "
			    "has an invalid status", k->mitigations[i].id,
			    k->threat, k->target);
	}
	if (decisions && vocab_name(&vocab_risk_status, k->status) == NULL)
		return error_set(err, "risk '%s@%s' has an invalid status",
		    k->threat, k->target);
	if (decisions && store_check_owner(k->owner, &e) == -1)
		return error_set(err, "risk '%s@%s': %s", k->threat,
		    k->target, e.msg);
	return 0;
}

/* Fail unless the model exists. */
static int
store_need_model(struct store *s, const char *id, struct error *err)
{
	long	rev = store_revision(s, id, err);

	if (rev == -1)
		return -1;
	if (rev == 0)
		return store_no_model(s, id, err);
	return 0;
}

/* Order risks by (threat, target), as SQLite's BINARY collation does. */
static int
store_key_cmp(const void *a, const void *b)
{
	const struct risk	*x = *(const struct risk *const *)a;
	const struct risk	*y = *(const struct risk *const *)b;
	int			 c;

	if ((c = strcmp(x->threat, y->threat)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/* The same for slots of a register (pointers to its risk pointers). */
static int
store_slot_cmp(const void *a, const void *b)
{
	return store_key_cmp(*(struct risk *const *const *)a,
	    *(struct risk *const *const *)b);
}

/* The mitigation ids a risk's proposed column holds for it. */
static void
store_proposed_encode(struct buf *b, const struct risk *k)
{
	size_t	j;

	buf_reset(b);
	for (j = 0; j < k->nmitigations; j++) {
		if (j > 0)
			buf_addc(b, '\n');
		buf_adds(b, k->mitigations[j].id);
	}
}

/* 1 if a proposed column (ids one per line) holds id. */
static int
store_proposed_has(const char *proposed, const char *id)
{
	const char	*p = proposed;
	size_t		 len = strlen(id);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, id, len) == 0 && (p[len] == '\n' ||
		    p[len] == '\0'))
			return 1;
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return 0;
}

static int	store_changed(const char *, const char *);
static int	store_text_differs(struct db_stmt *, int, const struct buf *,
		    int);

/*
 * The columns of a stored risk that a sync compares, in this order after
 * threat and target (STORE_ROW_COLUMNS), and whether a stored row (st,
 * on one of them) already says what a fresh risk does: applying, the same
 * scoring, title, reasons, proposed mitigations, and an assumed column
 * that is known. reasons and proposed are scratch space.
 */
#define STORE_ROW_COLUMNS \
	"title, likelihood, impact, severity, applies, reasons, proposed, " \
	"assumed"

static int
store_row_same(struct db_stmt *st, const struct risk *k, struct buf *reasons,
    struct buf *proposed)
{
	store_reasons_encode(reasons, k);
	store_proposed_encode(proposed, k);
	return db_column_int(st, 6) == 1 &&
	    db_column_int(st, 3) == k->likelihood &&
	    db_column_int(st, 4) == k->impact &&
	    store_word(&vocab_severity, st, 5, -1) == (int)k->severity &&
	    !store_changed(db_column_text(st, 2),
	    k->title) &&
	    !store_text_differs(st, 7, reasons, k->nreasons > 0) &&
	    !store_text_differs(st, 8, proposed, k->nmitigations > 0) &&
	    !db_column_is_null(st, 9) &&
	    db_column_int(st, 9) == store_assumed(k);
}

/* A risk that starts or stops applying. */
struct store_flip {
	char	*threat;
	char	*target;
	int	 stored;	/* it was in the register before */
	int	 applies;	/* what it does now */
};

struct store_flips {
	struct store_flip	*v;
	size_t			 n;
	size_t			 max;
};

static void
store_flip_add(struct store_flips *f, const char *threat, const char *target,
    int stored, int applies)
{
	struct store_flip	*x;

	if (f->n == f->max) {
		f->max = f->max == 0 ? 64 : f->max * 2;
		f->v = xreallocarray(f->v, f->max, sizeof *f->v);
	}
	x = &f->v[f->n++];
	x->threat = xstrdup(threat);
	x->target = xstrdup(target);
	x->stored = stored;
	x->applies = applies;
}

static void
store_flips_free(struct store_flips *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].threat);
		free(f->v[i].target);
	}
	free(f->v);
}

/* Bind the key of a risk of system id: parameters 1 to 3 of its rows. */
static void
store_bind_key(struct db_stmt *st, const char *id, const char *threat,
    const char *target)
{
	store_bind(st, 1, id);
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
}

/*
 * Bind the key and scoring of a risk, parameters at + 1 to at + 7 of its
 * row in risks: system, threat, target, title, likelihood, impact,
 * severity (at: the parameters of the rows before it in the statement).
 */
static void
store_bind_scoring(struct db_stmt *st, int at, const char *id,
    const struct risk *k)
{
	store_bind(st, at + 1, id);
	store_bind(st, at + 2, k->threat);
	store_bind(st, at + 3, k->target);
	store_bind(st, at + 4, k->title);
	db_bind_int64(st, at + 5, k->likelihood);
	db_bind_int64(st, at + 6, k->impact);
	store_bind(st, at + 7, vocab_name(&vocab_severity, k->severity));
}

/*
 * Step st once and reset it; on a row, copies of its first n columns into
 * *cols[0] to *cols[n - 1]. What the step returned.
 */
static int
store_step_texts(struct db_stmt *st, char **const *cols, int n)
{
	int	rc, i;

	if ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < n; i++)
			*cols[i] = store_column(st, i);
	db_reset(st);
	return rc;
}

/*
 * Keep as rows the mitigations that the catalogue proposed for a stored
 * risk and proposes no more (stored: the old proposed column), so that
 * they stay with the risk as proposed.
 */
static int
store_sync_keep(struct store *s, const char *id, const struct risk *k,
    const char *stored, struct error *err)
{
	static const char *const sql = "INSERT INTO risk_mitigations (system, "
	    "threat, target, mitigation, status) VALUES (?, ?, ?, ?, "
	    "'proposed') ON CONFLICT DO NOTHING";
	struct db_stmt	*st;
	const char	*p, *nl;
	char		*mid;
	int		 rc = 0;

	for (p = stored; rc == 0 && p != NULL && *p != '\0';
	    p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		mid = xstrndup(p, (size_t)(nl - p));
		if (*mid != '\0' && risk_find_mitigation(k, mid) == NULL) {
			if ((st = store_prepare(s, sql, err)) == NULL)
				rc = -1;
			else {
				store_bind_key(st, id, k->threat, k->target);
				store_bind(st, 4, mid);
				rc = store_run(s, st, err);
			}
		}
		free(mid);
	}
	return rc;
}

/*
 * Find what stops applying or applies again: one ordered pass over the
 * stored keys, merged with the new register sorted the same way
 * (duplicates in it skipped), instead of a query per risk. A stored risk
 * whose proposed mitigations change keeps those dropped (store_sync_keep).
 * same[i] says that keys[i] is stored as it is (no write needed; never
 * for a key the register holds twice).
 */
static int
store_sync_flips(struct store *s, const char *id, const struct risk **keys,
    size_t n, const char *const *only, size_t nonly, struct store_flips *f,
    unsigned char *same, struct error *err)
{
	static const char *const sql = "SELECT threat, target, "
	    STORE_ROW_COLUMNS " FROM risks WHERE system = ? "
	    "ORDER BY threat, target";
	static const char *const of = "SELECT threat, target, "
	    STORE_ROW_COLUMNS " FROM risks WHERE system = ? AND threat = ? "
	    "ORDER BY target";
	const struct risk	*k;
	struct db_stmt		*st;
	const char		*threat, *target, *proposed;
	struct buf		 now, reasons;
	size_t			 i = 0, t = 0;
	int			 rc = 0, c, applies;

	buf_init(&now);
	buf_init(&reasons);
next:
	/*
	 * Only some threats (in the order of the keys): their rows one
	 * threat after the other, the same ordered pass.
	 */
	if (only != NULL && t >= nonly)
		goto out;
	if ((st = store_prepare(s, only != NULL ? of : sql, err)) == NULL) {
		rc = -1;
		goto out;
	}
	store_bind(st, 1, id);
	if (only != NULL)
		store_bind(st, 2, only[t++]);
	while ((rc = store_step(s, st, err)) == 1) {
		threat = db_column_text(st, 0);
		target = db_column_text(st, 1);
		applies = db_column_int(st, 6);
		proposed = db_column_text(st, 8);
		if (threat == NULL || target == NULL)
			continue;
		for (c = -1; i < n; i++) {
			k = keys[i];
			if (i > 0 && store_key_cmp(&keys[i - 1], &keys[i]) == 0)
				continue;
			if ((c = strcmp(k->threat, threat)) == 0)
				c = strcmp(k->target, target);
			if (c >= 0)
				break;
		}
		if (c == 0) {
			if (!applies)
				store_flip_add(f, threat, target, 1, 1);
			same[i] = (i + 1 >= n || store_key_cmp(&keys[i],
			    &keys[i + 1]) != 0) && store_row_same(st, keys[i],
			    &reasons, &now);
			store_proposed_encode(&now, keys[i]);
			if (proposed != NULL && strcmp(proposed, now.s) != 0 &&
			    store_sync_keep(s, id, keys[i], proposed,
			    err) == -1) {
				db_reset(st);
				buf_release(&now);
				buf_release(&reasons);
				return -1;
			}
			i++;
		} else if (applies)
			store_flip_add(f, threat, target, 1, 0);
	}
	if (rc == 0 && only != NULL)
		goto next;
out:
	buf_release(&now);
	buf_release(&reasons);
	return rc;
}

/* Record what stops applying or applies again; mark what stopped. */
static int
store_sync_record(struct store *s, const char *id,
    const struct store_flips *f, const char *now, struct error *err)
{
	static const char *const sql = "UPDATE risks SET applies = 0 "
	    "WHERE system = ? AND threat = ? AND target = ?";
	const struct store_flip	*x;
	const char		*who = store_user();
	struct db_stmt		*st;
	struct buf		 name;
	size_t			 i;
	int			 rc = 0;

	buf_init(&name);
	for (i = 0; rc == 0 && i < f->n; i++) {
		x = &f->v[i];
		if (!x->applies) {
			if ((st = store_prepare(s, sql, err)) == NULL) {
				rc = -1;
				break;
			}
			store_bind_key(st, id, x->threat, x->target);
			if ((rc = store_run(s, st, err)) == -1)
				break;
		}
		buf_reset(&name);
		buf_addf(&name, "%s@%s", x->threat, x->target);
		rc = store_log(s, now, who, id, name.s, "applies",
		    x->stored ? (x->applies ? "false" : "true") : NULL,
		    x->applies ? "true" : "false", err);
	}
	buf_release(&name);
	return rc;
}

/*
 * The risks of system ?1 that no longer apply and that nobody decided
 * anything on (see store_sync_prune()).
 */
#define STORE_STALE_UNDECIDED \
	"system = ?1 AND applies = 0 AND status = 'open' " \
	"AND owner IS NULL AND justification IS NULL " \
	"AND decided_by IS NULL AND decided_at IS NULL " \
	"AND NOT EXISTS (SELECT 1 FROM risk_mitigations m " \
	"WHERE m.system = risks.system AND m.threat = risks.threat " \
	"AND m.target = risks.target AND (m.status <> 'proposed' " \
	"OR m.owner IS NOT NULL OR m.due IS NOT NULL " \
	"OR m.notes IS NOT NULL))"

/*
 * Drop the risks that no longer apply and that nobody decided anything
 * on: still open, no owner, no justification, never decided, every
 * mitigation still proposed with no owner, due date or notes. They were
 * the half-finished states of a model (a walk-through raises risks that a
 * later answer removes); the history keeps that they applied and
 * stopped. A stale risk with any decision stays, marked as no longer
 * applying. Stale undecided risks of older databases go the same way.
 */
static int
store_sync_prune(struct store *s, const char *id, const char *const *only,
    size_t nonly, struct error *err)
{
	static const char *const sql = "DELETE FROM risks WHERE "
	    STORE_STALE_UNDECIDED;
	static const char *const of = "DELETE FROM risks WHERE "
	    STORE_STALE_UNDECIDED " AND threat = ?2";
	struct db_stmt	*st;
	size_t		 i;

	if (only == NULL)
		return store_exec(s, sql, id, err);
	for (i = 0; i < nonly; i++) {
		if ((st = store_prepare(s, of, err)) == NULL)
			return -1;
		store_bind(st, 1, id);
		store_bind(st, 2, only[i]);
		if (store_run(s, st, err) == -1)
			return -1;
	}
	return 0;
}

/*
 * The UPSERT of store_sync_write(), for one risk's row or for
 * STORE_SYNC_BATCH of them: a statement per risk allocated and zeroed the
 * frames of the triggers on risks (risk_counts, risk_mitigations) and
 * opened and closed a statement journal for each; rows in one statement
 * share them. The rows go in the register's order all the same, and each
 * fires its triggers as it would alone.
 */
#define STORE_SYNC_INSERT "INSERT INTO risks (system, threat, target, " \
	"title, likelihood, impact, severity, applies, reasons, proposed, " \
	"status, assumed) VALUES "
#define STORE_SYNC_ROW "(?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'open', ?)"
#define STORE_SYNC_ROWS2 STORE_SYNC_ROW ", " STORE_SYNC_ROW
#define STORE_SYNC_ROWS4 STORE_SYNC_ROWS2 ", " STORE_SYNC_ROWS2
#define STORE_SYNC_ROWS8 STORE_SYNC_ROWS4 ", " STORE_SYNC_ROWS4
#define STORE_SYNC_ROWS16 STORE_SYNC_ROWS8 ", " STORE_SYNC_ROWS8
#define STORE_SYNC_BATCH 16		/* the rows of STORE_SYNC_ROWS16 */
#define STORE_SYNC_PARAMS 10		/* the parameters of a row */
#define STORE_SYNC_UPSERT " ON CONFLICT (system, threat, target) " \
	"DO UPDATE SET " \
	"title = excluded.title, likelihood = excluded.likelihood, " \
	"impact = excluded.impact, severity = excluded.severity, " \
	"applies = 1, reasons = excluded.reasons, " \
	"proposed = excluded.proposed, assumed = excluded.assumed " \
	"WHERE risks.title IS NOT excluded.title " \
	"OR risks.likelihood IS NOT excluded.likelihood " \
	"OR risks.impact IS NOT excluded.impact " \
	"OR risks.severity IS NOT excluded.severity " \
	"OR risks.applies IS NOT 1 " \
	"OR risks.reasons IS NOT excluded.reasons " \
	"OR risks.proposed IS NOT excluded.proposed " \
	"OR risks.assumed IS NOT excluded.assumed"

/*
 * Bind the row of risk k at row'th place of an UPSERT; its reasons and
 * proposed mitigations are encoded into reasons and proposed, which must
 * stay as they are until the statement has run.
 */
static void
store_sync_bind(struct db_stmt *st, int row, const char *id,
    const struct risk *k, struct buf *reasons, struct buf *proposed)
{
	int	at = row * STORE_SYNC_PARAMS;

	store_reasons_encode(reasons, k);
	store_proposed_encode(proposed, k);
	store_bind_scoring(st, at, id, k);
	store_bind(st, at + 8, k->nreasons > 0 ? reasons->s : NULL);
	store_bind(st, at + 9, k->nmitigations > 0 ? proposed->s : NULL);
	db_bind_int64(st, at + 10, store_assumed(k));
}

/*
 * Write the scoring of each risk, and the mitigations the catalogue
 * proposes for it, with UPSERTs that leave unchanged rows alone; none
 * for the risks skip says are stored as they are (store_sync_flips()).
 * Rows go STORE_SYNC_BATCH to a statement when batch is set: when no two
 * risks of the register share a key (PostgreSQL refuses to update one row
 * twice in a statement; one a statement, the second updates the first).
 */
static int
store_sync_write(struct store *s, const char *id,
    const struct risk_register *reg, const unsigned char *skip, int batch,
    struct error *err)
{
	static const char *const one = STORE_SYNC_INSERT STORE_SYNC_ROW
	    STORE_SYNC_UPSERT;
	static const char *const many = STORE_SYNC_INSERT STORE_SYNC_ROWS16
	    STORE_SYNC_UPSERT;
	struct db_stmt		*rs;
	struct buf		 reasons[STORE_SYNC_BATCH];
	struct buf		 proposed[STORE_SYNC_BATCH];
	size_t			 i, left = 0, want, row;
	int			 rc = DB_DONE, failed = 0;

	for (i = 0; i < reg->n; i++)
		left += !skip[i];
	for (i = 0; i < STORE_SYNC_BATCH; i++) {
		buf_init(&reasons[i]);
		buf_init(&proposed[i]);
	}
	for (i = 0; rc == DB_DONE && left > 0; left -= want) {
		want = batch && left >= STORE_SYNC_BATCH ? STORE_SYNC_BATCH :
		    1;
		if ((rs = store_prepare(s, want > 1 ? many : one, err)) ==
		    NULL) {
			failed = 1;
			break;
		}
		for (row = 0; row < want; i++) {
			if (skip[i])
				continue;
			store_sync_bind(rs, (int)row, id, reg->risks[i],
			    &reasons[row], &proposed[row]);
			row++;
		}
		rc = db_step(rs);
		db_reset(rs);
	}
	for (i = 0; i < STORE_SYNC_BATCH; i++) {
		buf_release(&reasons[i]);
		buf_release(&proposed[i]);
	}
	if (failed)
		return -1;
	if (rc != DB_DONE)
		return store_fail(s, rc, err);
	return 0;
}

/* 1 if a stored text column differs from a buffer (NULL when unused). */
static int
store_text_differs(struct db_stmt *st, int col, const struct buf *b, int set)
{
	const char	*v = db_column_text(st, col);

	if (!set)
		return v != NULL;
	return v == NULL || strcmp(v, b->s) != 0;
}

/*
 * 1 if a sync would write nothing: every fresh risk is stored, applying,
 * with the same scoring, title, reasons and proposed mitigations; no stored
 * risk stops applying; no stale undecided risk is left to drop. Read in
 * one snapshot, so that an analysis with nothing to change never waits for
 * (or takes) the write lock. 0 if something would change, -1 on error.
 */
static int
store_sync_unchanged(struct store *s, const char *id,
    const struct risk **keys, size_t n, struct error *err)
{
	static const char *const sql = "SELECT threat, target, "
	    STORE_ROW_COLUMNS " FROM risks WHERE system = ? "
	    "ORDER BY threat, target";
	static const char *const stale = "SELECT count(*) FROM risks WHERE "
	    STORE_STALE_UNDECIDED;
	const struct risk	*k;
	struct db_stmt		*st;
	struct buf		 reasons, proposed;
	const char		*threat, *target;
	size_t			 i = 0;
	int			 rc, c, same = 1;

	if ((st = store_prepare(s, stale, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW &&
	    db_column_int64(st, 0) > 0)
		same = 0;
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, rc, err);
	if (!same)
		return 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	buf_init(&reasons);
	buf_init(&proposed);
	store_bind(st, 1, id);
	while (same && (rc = store_step(s, st, err)) == 1) {
		threat = db_column_text(st, 0);
		target = db_column_text(st, 1);
		if (threat == NULL || target == NULL)
			continue;
		/* Skip duplicates of the fresh register, as the sync does. */
		while (i > 0 && i < n &&
		    store_key_cmp(&keys[i - 1], &keys[i]) == 0)
			i++;
		c = 1;
		if (i < n && (c = strcmp(keys[i]->threat, threat)) == 0)
			c = strcmp(keys[i]->target, target);
		if (c < 0) {
			same = 0;	/* a new risk */
			break;
		}
		if (c > 0) {
			/* Stored, not fresh: must already not apply. */
			if (db_column_int(st, 6) != 0)
				same = 0;
			continue;
		}
		k = keys[i++];
		if (!store_row_same(st, k, &reasons, &proposed))
			same = 0;
	}
	if (rc == 1)
		db_reset(st);	/* left at a row that differs */
	buf_release(&reasons);
	buf_release(&proposed);
	if (rc == -1)
		return -1;
	while (same && i > 0 && i < n &&
	    store_key_cmp(&keys[i - 1], &keys[i]) == 0)
		i++;
	return same && i >= n;
}

int
store_register_current(struct store *s, const char *id,
    const struct risk_register *reg, struct error *err)
{
	const struct risk	**keys;
	int			  rc;

	keys = xreallocarray(NULL, reg->n + 1, sizeof *keys);
	if (reg->n > 0) {
		memcpy(keys, reg->risks, reg->n * sizeof *keys);
		qsort(keys, reg->n, sizeof *keys, store_key_cmp);
	}
	if (store_begin_read(s, err) == -1) {
		free(keys);
		return -1;
	}
	rc = store_need_model(s, id, err) == -1 ? -1 :
	    store_merge_pending(s, id, reg, err);
	if (rc == 0)
		rc = store_sync_unchanged(s, id, keys, reg->n, err);
	else if (rc == 1)
		rc = 0;		/* a merge to do: not current */
	store_rollback(s);
	free(keys);
	return rc;
}

static int	store_sync_risks_of(struct store *, const char *,
		    const struct risk_register *, const char *const *, size_t,
		    struct error *);

int
store_sync_risks(struct store *s, const char *id,
    const struct risk_register *reg, struct error *err)
{
	return store_sync_risks_of(s, id, reg, NULL, 0, err);
}

static int
store_only_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
store_sync_risks_some(struct store *s, const char *id,
    const struct risk_register *reg, const char *const *threats, size_t n,
    struct error *err)
{
	const char	**only;
	size_t		  i;
	int		  rc;

	if (s->depth == 0)
		return error_set(err, "store_sync_risks_some: not in a "
		    "transaction");
	/* Every risk given must be of a threat named. */
	only = xreallocarray(NULL, n + 1, sizeof *only);
	memcpy(only, threats, n * sizeof *only);
	qsort(only, n, sizeof *only, store_only_cmp);
	for (i = 0; i < reg->n; i++)
		if (bsearch(&reg->risks[i]->threat, only, n, sizeof *only,
		    store_only_cmp) == NULL) {
			free(only);
			return error_set(err, "store_sync_risks_some: risk "
			    "'%s@%s' of a threat not named",
			    reg->risks[i]->threat, reg->risks[i]->target);
		}
	rc = store_sync_risks_of(s, id, reg, only, n, err);
	free(only);
	return rc;
}

/* store_sync_risks(), of only some threats (sorted) if only is not NULL. */
static int
store_sync_risks_of(struct store *s, const char *id,
    const struct risk_register *reg, const char *const *only, size_t nonly,
    struct error *err)
{
	struct store_flips	  flips;
	const struct risk	**keys;
	struct risk *const	**slots;
	unsigned char		 *same, *skip;
	char			 *now = NULL;
	size_t			  i;
	int			  rc, batch = 1;

	for (i = 0; i < reg->n; i++)
		if (store_check_risk(reg->risks[i], 0, err) == -1)
			return -1;
	/*
	 * The register sorted as the stored keys are, remembering where each
	 * risk is in it (slots), so that what the ordered pass finds stored
	 * as it is (same) skips its write (skip, in the register's order).
	 */
	slots = xreallocarray(NULL, reg->n + 1, sizeof *slots);
	keys = xreallocarray(NULL, reg->n + 1, sizeof *keys);
	for (i = 0; i < reg->n; i++)
		slots[i] = &reg->risks[i];
	if (reg->n > 0)
		qsort(slots, reg->n, sizeof *slots, store_slot_cmp);
	for (i = 0; i < reg->n; i++)
		keys[i] = *slots[i];
	for (i = 1; i < reg->n && batch; i++)
		batch = store_key_cmp(&keys[i - 1], &keys[i]) != 0;
	same = xcalloc(reg->n + 1, 1);
	skip = xcalloc(reg->n + 1, 1);
	memset(&flips, 0, sizeof flips);

	/* Nothing to change: no write, no lock. */
	if (s->depth == 0) {
		rc = -1;
		if (store_begin_read(s, err) == -1)
			goto done;
		rc = store_need_model(s, id, err) == -1 ? -1 :
		    store_sync_unchanged(s, id, keys, reg->n, err);
		store_rollback(s);
		if (rc != 0) {
			rc = rc == 1 ? 0 : -1;
			goto done;
		}
	}
	rc = -1;
	if (store_begin_system(s, id, err) == -1)
		goto done;
	now = store_now();
	if (store_need_model(s, id, err) == -1 ||
	    store_sync_flips(s, id, keys, reg->n, only, nonly, &flips, same,
	    err) == -1) {
		store_rollback(s);
		goto done;
	}
	for (i = 0; i < reg->n; i++)
		skip[slots[i] - reg->risks] = same[i];
	if (store_sync_record(s, id, &flips, now, err) == -1 ||
	    store_sync_prune(s, id, only, nonly, err) == -1 ||
	    store_sync_write(s, id, reg, skip, batch, err) == -1 ||
	    store_commit(s, err) == -1) {
		store_rollback(s);
		goto done;
	}
	rc = 0;
done:
	store_flips_free(&flips);
	free(slots);
	free(keys);
	free(same);
	free(skip);
	free(now);
	return rc;
}

/* A risk row of a register imported whole, 16 to a statement at most. */
#define STORE_WRITE_INSERT "INSERT INTO risks (system, threat, target, " \
	"title, likelihood, impact, severity, applies, reasons, status, " \
	"owner, justification, decided_by, decided_at, proposed, assumed) " \
	"VALUES "
#define STORE_WRITE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define STORE_WRITE_ROWS2 STORE_WRITE_ROW ", " STORE_WRITE_ROW
#define STORE_WRITE_ROWS4 STORE_WRITE_ROWS2 ", " STORE_WRITE_ROWS2
#define STORE_WRITE_ROWS8 STORE_WRITE_ROWS4 ", " STORE_WRITE_ROWS4
#define STORE_WRITE_ROWS16 STORE_WRITE_ROWS8 ", " STORE_WRITE_ROWS8
#define STORE_WRITE_BATCH 16		/* the rows of STORE_WRITE_ROWS16 */
#define STORE_WRITE_PARAMS 16		/* the parameters of a row */

/* Bind risk k at row'th place of a risk INSERT; b and proposed hold
   its texts until the statement has run. */
static void
store_write_bind(struct db_stmt *rs, int row, const char *id,
    const struct risk *k, struct buf *b, struct buf *proposed)
{
	int	at = row * STORE_WRITE_PARAMS;

	store_reasons_encode(b, k);
	store_proposed_encode(proposed, k);
	store_bind_scoring(rs, at, id, k);
	db_bind_int64(rs, at + 8, k->applies != 0);
	store_bind(rs, at + 9, k->nreasons > 0 ? b->s : NULL);
	store_bind(rs, at + 10, vocab_name(&vocab_risk_status, k->status));
	store_bind(rs, at + 11, k->owner);
	store_bind(rs, at + 12, k->justification);
	store_bind(rs, at + 13, k->decided_by);
	store_bind(rs, at + 14, k->decided_at);
	store_bind(rs, at + 15, k->nmitigations > 0 ? proposed->s : NULL);
	db_bind_int64(rs, at + 16, store_assumed(k));
}

/*
 * A register imported whole (a first import of an XML export, a push or
 * a pull): its risks STORE_WRITE_BATCH to a statement when no two share
 * a key (else one a statement, so that the one listed twice is named),
 * each batch's mitigation rows after it.
 */
int
store_write_risks(struct store *s, const char *id,
    const struct risk_register *reg, struct error *err)
{
	static const char *const one = STORE_WRITE_INSERT STORE_WRITE_ROW;
	static const char *const many = STORE_WRITE_INSERT STORE_WRITE_ROWS16;
	static const char *const mit = "INSERT INTO risk_mitigations (system, "
	    "threat, target, mitigation, status, owner, due, notes) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	const struct risk_mitigation	*m;
	const struct risk		*k = NULL, **keys;
	struct db_stmt			*rs, *ms;
	struct buf			 b[STORE_WRITE_BATCH];
	struct buf			 proposed[STORE_WRITE_BATCH];
	size_t				 i, j, r, want;
	int				 rc = DB_DONE, batch = 1, failed = 0;

	for (i = 0; i < reg->n; i++)
		if (store_check_risk(reg->risks[i], 1, err) == -1)
			return -1;
	keys = xreallocarray(NULL, reg->n + 1, sizeof *keys);
	for (i = 0; i < reg->n; i++)
		keys[i] = reg->risks[i];
	if (reg->n > 0)
		qsort(keys, reg->n, sizeof *keys, store_key_cmp);
	for (i = 1; i < reg->n && batch; i++)
		batch = store_key_cmp(&keys[i - 1], &keys[i]) != 0;
	free(keys);
	for (r = 0; r < STORE_WRITE_BATCH; r++) {
		buf_init(&b[r]);
		buf_init(&proposed[r]);
	}
	for (i = 0; rc == DB_DONE && i < reg->n; i += want) {
		want = batch && reg->n - i >= STORE_WRITE_BATCH ?
		    STORE_WRITE_BATCH : 1;
		if ((rs = store_prepare(s, want > 1 ? many : one, err)) ==
		    NULL) {
			failed = 1;
			break;
		}
		for (r = 0; r < want; r++)
			store_write_bind(rs, (int)r, id, reg->risks[i + r],
			    &b[r], &proposed[r]);
		k = reg->risks[i];
		rc = db_step(rs);
		db_reset(rs);
		/*
		 * Its mitigations in its order are its proposed column; only
		 * those with a decision are rows, as a sync leaves them (a
		 * later sync keeps as rows the ones the catalogue no longer
		 * proposes).
		 */
		for (r = i; rc == DB_DONE && r < i + want; r++) {
			k = reg->risks[r];
			for (j = 0; rc == DB_DONE && j < k->nmitigations;
			    j++) {
				m = &k->mitigations[j];
				if (m->status == MIT_PROPOSED &&
				    m->owner == NULL && m->due == NULL &&
				    m->notes == NULL)
					continue;
				if ((ms = store_prepare(s, mit, err)) ==
				    NULL) {
					failed = 1;
					rc = DB_ERROR;
					break;
				}
				store_bind_key(ms, id, k->threat, k->target);
				store_bind(ms, 4, m->id);
				store_bind(ms, 5, vocab_name(
				    &vocab_mitigation_status, m->status));
				store_bind(ms, 6, m->owner);
				store_bind(ms, 7, m->due);
				store_bind(ms, 8, m->notes);
				rc = db_step(ms);
				db_reset(ms);
			}
		}
	}
	for (r = 0; r < STORE_WRITE_BATCH; r++) {
		buf_release(&b[r]);
		buf_release(&proposed[r]);
	}
	if (failed)
		return -1;
	if ((rc == DB_CONSTRAINT || rc == DB_RAISED) && k != NULL)
		return error_set(err, "risk '%s@%s' or one of its mitigations "
		    "is listed twice", k->threat, k->target);
	if (rc != DB_DONE)
		return store_fail(s, rc, err);
	return 0;
}

int
store_word(const struct vocab *v, struct db_stmt *st, int col, int dflt)
{
	const char	*w = db_column_text(st, col);
	int		 i;

	if (w == NULL || (i = vocab_find(v, w)) == -1)
		return dflt;
	return i;
}

void
store_mitigation_row(struct risk *k, struct db_stmt *st, int col)
{
	struct risk_mitigation	*m;
	const char		*mid = db_column_text(st, col);

	/* A row: a decision about a proposed one, or another. */
	if ((m = risk_find_mitigation(k, mid)) == NULL)
		m = risk_add_mitigation(k, mid);
	else {
		free(m->owner);
		free(m->due);
		free(m->notes);
	}
	m->status = store_word(&vocab_mitigation_status, st, col + 1,
	    MIT_PROPOSED);
	m->owner = store_column(st, col + 2);
	m->due = store_column(st, col + 3);
	m->notes = store_column(st, col + 4);
}

int
store_load_mitigations(struct store *s, const char *id,
    struct risk_register *reg, size_t first, struct error *err)
{
	static const char *const sql = "SELECT threat, target, mitigation, "
	    "status, owner, due, notes FROM risk_mitigations "
	    "WHERE system = ? ORDER BY threat, target, rowid";
	struct risk		*k;
	struct db_stmt		*st;
	const char		*threat, *target;
	size_t			 i = first;
	int			 rc, c;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1) {
		threat = db_column_text(st, 0);
		target = db_column_text(st, 1);
		if (threat == NULL || target == NULL ||
		    db_column_text(st, 2) == NULL)
			continue;
		/* Both lists are sorted by (threat, target): merge them. */
		for (; i < reg->n; i++) {
			k = reg->risks[i];
			if ((c = strcmp(k->threat, threat)) == 0)
				c = strcmp(k->target, target);
			if (c >= 0)
				break;
		}
		if (i == reg->n)
			break;
		k = reg->risks[i];
		if (strcmp(k->threat, threat) != 0 ||
		    strcmp(k->target, target) != 0)
			continue;
		store_mitigation_row(k, st, 2);
	}
	if (rc == 1)
		db_reset(st);	/* left at a row past the register's risks */
	return rc == -1 ? -1 : 0;
}

int
store_end_risks(struct store *s, const char *id, struct risk_register *reg,
    size_t first, int rc, struct error *err)
{
	if (rc != -1)
		rc = store_load_mitigations(s, id, reg, first, err);
	store_rollback(s);	/* a read: nothing to keep */
	return rc;
}

struct risk *
store_risk_row(struct risk_register *reg, struct db_stmt *st)
{
	struct risk	*k;
	const char	*p, *nl;
	char		*mid;

	k = risk_register_add(reg, db_column_text(st, 0),
	    db_column_text(st, 1));
	k->title = store_column(st, 2);
	k->likelihood = db_column_int(st, 3);
	k->impact = db_column_int(st, 4);
	k->severity = store_word(&vocab_severity, st, 5,
	    risk_severity(k->likelihood, k->impact));
	k->applies = db_column_int(st, 6) != 0;
	store_reasons_decode(k, db_column_text(st, 7));
	k->status = store_word(&vocab_risk_status, st, 8, RISK_OPEN);
	k->owner = store_column(st, 9);
	k->justification = store_column(st, 10);
	k->decided_by = store_column(st, 11);
	k->decided_at = store_column(st, 12);
	for (p = db_column_text(st, 13);
	    p != NULL && *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		mid = xstrndup(p, (size_t)(nl - p));
		if (*mid != '\0' && risk_find_mitigation(k, mid) == NULL)
			risk_add_mitigation(k, mid);
		free(mid);
	}
	return k;
}

int
store_load_risks(struct store *s, const char *id, struct risk_register *reg,
    struct error *err)
{
	static const char *const sql = "SELECT " STORE_RISK_COLUMNS
	    " FROM risks WHERE system = ? ORDER BY threat, target";
	struct db_stmt	*st;
	size_t		 first = reg->n;
	int		 rc = -1;

	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_need_model(s, id, err) == -1 ||
	    (st = store_prepare(s, sql, err)) == NULL)
		goto out;
	store_bind(st, 1, id);
	while ((rc = store_step(s, st, err)) == 1) {
		if (db_column_text(st, 0) == NULL ||
		    db_column_text(st, 1) == NULL)
			continue;
		store_risk_row(reg, st);
	}
out:
	return store_end_risks(s, id, reg, first, rc, err);
}

int
store_read_risk(struct store *s, const char *id, const char *threat,
    const char *target, int mitigations, struct risk_register *reg,
    struct risk **out, struct error *err)
{
	static const char *const sql = "SELECT " STORE_RISK_COLUMNS
	    " FROM risks WHERE system = ? AND threat = ? AND target = ?";
	static const char *const mit = "SELECT mitigation, status, owner, "
	    "due, notes FROM risk_mitigations WHERE system = ? AND "
	    "threat = ? AND target = ? ORDER BY rowid";
	struct db_stmt	*st;
	struct risk	*k = NULL;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
	if ((rc = store_step(s, st, err)) == 1)
		k = store_risk_row(reg, st);
	db_reset(st);
	if (rc != 1)
		return rc;
	*out = k;
	if (!mitigations)
		return 1;
	if ((st = store_prepare(s, mit, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
	while ((rc = store_step(s, st, err)) == 1)
		if (db_column_text(st, 0) != NULL)
			store_mitigation_row(k, st, 0);
	return rc == -1 ? -1 : 1;
}

int
store_load_risk(struct store *s, const char *id, const char *threat,
    const char *target, struct risk_register *reg, long *revision,
    struct error *err)
{
	struct risk	*k;
	int		 rc = -1;

	if (store_begin_read(s, err) == -1)
		return -1;
	if ((*revision = store_revision(s, id, err)) == -1)
		goto out;
	rc = *revision == 0 ? 0 : store_read_risk(s, id, threat, target, 1,
	    reg, &k, err);
out:
	store_rollback(s);	/* a read: nothing to keep */
	return rc;
}

/* "" clears a text: NULL. */
static const char *
store_cleared(const char *v)
{
	return v != NULL && *v == '\0' ? NULL : v;
}

/* 1 if two possibly NULL strings differ. */
static int
store_changed(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* The words of a text: runs of characters other than blanks that hold a
   letter or a digit (any character beyond ASCII counts as a letter: names
   and reasons are written in every script). */
static size_t
store_words(const char *v)
{
	size_t	n = 0;
	int	in = 0, alnum = 0;

	for (;; v++) {
		if (*v == '\0' || isspace((unsigned char)*v)) {
			if (in && alnum)
				n++;
			in = alnum = 0;
			if (*v == '\0')
				return n;
			continue;
		}
		in = 1;
		if (isalnum((unsigned char)*v) || (unsigned char)*v >= 0x80)
			alnum = 1;
	}
}

/*
 * Whether a new acceptance may stand: somebody named answers for it (the
 * risk's owner) and the justification says why, in a few words. Only new
 * acceptances are checked: those recorded before keep their word.
 */
static int
store_check_acceptance(const char *owner, const char *justification,
    struct error *err)
{
	int	noowner, nowhy;

	/* Both at once when both are missing: not one run each. */
	noowner = owner == NULL || store_words(owner) == 0;
	nowhy = justification == NULL ||
	    store_words(justification) < STORE_JUSTIFICATION_WORDS;
	if (noowner && nowhy)
		return error_set(err, "accepting a risk requires a risk owner, "
		    "the person who answers for it, and a justification of "
		    "at least %d words, saying why it may stand",
		    STORE_JUSTIFICATION_WORDS);
	if (noowner)
		return error_set(err, "accepting a risk requires a risk owner, "
		    "the person who answers for it");
	if (nowhy)
		return error_set(err, "accepting a risk requires a "
		    "justification of at least %d words, saying why it may "
		    "stand", STORE_JUSTIFICATION_WORDS);
	return 0;
}

/* The stored decision about one risk. */
struct store_decision {
	char	*status;
	char	*owner;
	char	*justification;
	char	*proposed;	/* the mitigations the catalogue proposes */
};

static void
store_decision_free(struct store_decision *dd)
{
	free(dd->status);
	free(dd->owner);
	free(dd->justification);
	free(dd->proposed);
}

/* Read a risk's decision; fail naming the risk when there is none. */
static int
store_get_decision(struct store *s, const char *id, const char *threat,
    const char *target, struct store_decision *dd, struct error *err)
{
	static const char *const sql = "SELECT status, owner, justification, "
	    "proposed FROM risks WHERE system = ? AND threat = ? AND "
	    "target = ?";
	char		**const cols[] = { &dd->status, &dd->owner,
	    &dd->justification, &dd->proposed };
	struct db_stmt	*st;
	int		 rc;

	memset(dd, 0, sizeof *dd);
	if (store_need_model(s, id, err) == -1 ||
	    (st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind_key(st, id, threat, target);
	rc = store_step_texts(st, cols, 4);
	if (rc == DB_DONE)
		return error_set(err, "no risk '%s@%s' in model '%s'", threat,
		    target, id);
	if (rc != DB_ROW)
		return store_fail(s, rc, err);
	return 0;
}

/* How many mitigations of a risk are implemented or verified; -1. */
static long
store_count_done(struct store *s, const char *id, const char *threat,
    const char *target, struct error *err)
{
	static const char *const sql = "SELECT count(*) FROM "
	    "risk_mitigations WHERE system = ? AND threat = ? AND target = ? "
	    "AND status IN ('implemented', 'verified')";
	struct db_stmt	*st;
	long		 n = 0;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind_key(st, id, threat, target);
	if ((rc = db_step(st)) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, rc, err);
	return n;
}

/*
 * Whether a stored risk is still as a view showed it (seen): it applies, or
 * not, as it did, with the same likelihood, impact and decision and, with
 * mit, the same state of that mitigation (with STORE_SEEN_APPLIES in
 * flags, only that it is there and applies, or not, as it did). 0 if so;
 * 1 if not, err saying that someone else changed it and how; -1 on an
 * error. Read in the caller's transaction, so that a decision is written
 * on what was seen.
 */
static int
store_seen_differs(struct store *s, const char *id, const struct risk *seen,
    const char *mit, int flags, struct error *err)
{
	static const char *const sql = "SELECT applies, likelihood, impact, "
	    "status, owner, justification FROM risks WHERE system = ? AND "
	    "threat = ? AND target = ?";
	static const char *const msql = "SELECT status, owner, due, notes "
	    "FROM risk_mitigations WHERE system = ? AND threat = ? "
	    "AND target = ? AND mitigation = ?";
	const struct risk_mitigation	*rm = NULL;
	struct db_stmt			*st;
	const char			*how = NULL;
	char				*name;
	int				 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind_key(st, id, seen->threat, seen->target);
	if ((rc = db_step(st)) != DB_ROW && rc != DB_DONE) {
		db_reset(st);
		return store_fail(s, rc, err);
	}
	if (rc == DB_DONE)
		how = "it is no longer in the register";
	else if ((db_column_int(st, 0) != 0) != (seen->applies != 0))
		how = seen->applies ? "it no longer applies" :
		    "it applies again";
	else if (flags & STORE_SEEN_APPLIES)
		how = NULL;
	else if (db_column_int(st, 1) != seen->likelihood ||
	    db_column_int(st, 2) != seen->impact)
		how = "its likelihood or impact changed";
	else if (store_word(&vocab_risk_status, st, 3, RISK_OPEN) !=
	    seen->status ||
	    store_changed(db_column_text(st, 4), seen->owner) ||
	    store_changed(db_column_text(st, 5), seen->justification))
		how = "its status, owner or justification changed";
	db_reset(st);
	if (how == NULL && mit != NULL && !(flags & STORE_SEEN_APPLIES)) {
		rm = risk_find_mitigation(seen, mit);
		if ((st = store_prepare(s, msql, err)) == NULL)
			return -1;
		store_bind_key(st, id, seen->threat, seen->target);
		store_bind(st, 4, mit);
		if ((rc = db_step(st)) != DB_ROW && rc != DB_DONE) {
			db_reset(st);
			return store_fail(s, rc, err);
		}
		/* No row: proposed, undecided; a view shows it so. */
		if (rc == DB_DONE ? rm != NULL && (rm->status != MIT_PROPOSED ||
		    rm->owner != NULL || rm->due != NULL || rm->notes != NULL) :
		    rm == NULL ||
		    store_word(&vocab_mitigation_status, st, 0, MIT_PROPOSED) !=
		    rm->status ||
		    store_changed(db_column_text(st, 1), rm->owner) ||
		    store_changed(db_column_text(st, 2), rm->due) ||
		    store_changed(db_column_text(st, 3), rm->notes))
			how = "its mitigation changed";
		db_reset(st);
	}
	if (how == NULL)
		return 0;
	name = risk_name(seen);
	error_set(err, "risk '%s' was changed by someone else: %s", name, how);
	free(name);
	return 1;
}

int
store_risk_seen(struct store *s, const char *id, const struct risk *seen,
    const char *mit, struct error *err)
{
	int	rc;

	if (store_begin_read(s, err) == -1)
		return -1;
	if (store_need_model(s, id, err) == -1)
		rc = -1;
	else
		rc = store_seen_differs(s, id, seen, mit, 0, err);
	store_rollback(s);	/* a read: nothing to keep */
	return rc == -1 ? -1 : rc == 0;
}

static int store_decide(struct store *, const char *, const char *,
    const char *, const struct risk *, int, const char *, const char *, int,
    struct error *);

int
store_set_risk(struct store *s, const char *id, const char *threat,
    const char *target, int status, const char *owner,
    const char *justification, struct error *err)
{
	return store_decide(s, id, threat, target, NULL, status, owner,
	    justification, 0, err);
}

int
store_decide_risk(struct store *s, const char *id, const struct risk *seen,
    int status, const char *owner, const char *justification, int flags,
    struct error *err)
{
	return store_decide(s, id, seen->threat, seen->target, seen, status,
	    owner, justification, flags & STORE_SEEN_APPLIES, err);
}

int
store_set_risk_flags(struct store *s, const char *id, const char *threat,
    const char *target, int status, const char *owner,
    const char *justification, int flags, struct error *err)
{
	return store_decide(s, id, threat, target, NULL, status, owner,
	    justification, flags, err);
}

/* A decision; with seen, only on the risk as a view showed it. */
static int
store_decide(struct store *s, const char *id, const char *threat,
    const char *target, const struct risk *seen, int status,
    const char *owner, const char *justification, int flags,
    struct error *err)
{
	/* Who decided stays with the last change of status or reason. */
	static const char *const sql = "UPDATE risks SET status = ?, "
	    "owner = ?, justification = ?, "
	    "decided_by = coalesce(?, decided_by), "
	    "decided_at = coalesce(?, decided_at) "
	    "WHERE system = ? AND threat = ? AND target = ?";
	struct store_decision	 dd;
	const char		*word, *who = store_user();
	struct db_stmt		*st;
	char			*now = NULL, *name = NULL;
	long			 n;
	int			 decision;

	if (status != -1 &&
	    (word = vocab_name(&vocab_risk_status, status)) == NULL)
		return error_set(err, "invalid risk status %d", status);
	memset(&dd, 0, sizeof dd);
	if (store_begin_system(s, id, err) == -1)
		return -1;
	if ((seen != NULL && (store_need_model(s, id, err) == -1 ||
	    store_seen_differs(s, id, seen, NULL, flags, err) != 0)) ||
	    store_get_decision(s, id, threat, target, &dd, err) == -1)
		goto fail;
	/* Unchanged: the status stored now, not one read before. */
	if (status == -1 && (dd.status == NULL ||
	    (status = vocab_find(&vocab_risk_status, dd.status)) == -1))
		status = RISK_OPEN;
	word = vocab_name(&vocab_risk_status, status);
	owner = owner != NULL ? store_cleared(owner) : dd.owner;
	justification = justification != NULL ?
	    store_cleared(justification) : dd.justification;
	if (store_changed(dd.owner, owner) &&
	    store_check_owner(owner, err) == -1)
		goto fail;
	if (justification == NULL && status == RISK_ACCEPTED &&
	    (owner == NULL || store_words(owner) == 0)) {
		error_set(err, "accepting a risk requires a risk owner, the "
		    "person who answers for it, and a justification");
		goto fail;
	}
	if (justification == NULL &&
	    (status == RISK_ACCEPTED || status == RISK_NOT_APPLICABLE)) {
		error_set(err, "%s requires a justification",
		    status == RISK_ACCEPTED ? "accepting a risk" :
		    "marking a risk not applicable");
		goto fail;
	}
	/* A new acceptance, or a changed one, needs an owner and a reason. */
	if (status == RISK_ACCEPTED && !(flags & STORE_RECORDED) &&
	    (store_changed(dd.status, word) || store_changed(dd.owner, owner) ||
	    store_changed(dd.justification, justification)) &&
	    store_check_acceptance(owner, justification, err) == -1)
		goto fail;
	/* Mitigated needs evidence: a mitigation in place, or a reason. */
	if (status == RISK_MITIGATED && justification == NULL &&
	    (store_changed(dd.status, word) ||
	    store_changed(dd.justification, justification))) {
		if ((n = store_count_done(s, id, threat, target, err)) == -1)
			goto fail;
		if (n == 0) {
			error_set(err, "marking a risk mitigated requires an "
			    "implemented or verified mitigation, or a "
			    "justification");
			goto fail;
		}
	}
	decision = store_changed(dd.status, word) ||
	    store_changed(dd.justification, justification);
	if (!decision && !store_changed(dd.owner, owner)) {
		store_rollback(s);	/* nothing to change */
		store_decision_free(&dd);
		return 0;
	}
	now = store_now();
	name = xasprintf("%s@%s", threat, target);
	if ((st = store_prepare(s, sql, err)) == NULL)
		goto fail;
	store_bind(st, 1, word);
	store_bind(st, 2, owner);
	store_bind(st, 3, justification);
	store_bind(st, 4, decision ? who : NULL);
	store_bind(st, 5, decision ? now : NULL);
	store_bind(st, 6, id);
	store_bind(st, 7, threat);
	store_bind(st, 8, target);
	if (store_run(s, st, err) == -1)
		goto fail;
	if ((store_changed(dd.status, word) && store_log(s, now, who, id,
	    name, "status", dd.status, word, err) == -1) ||
	    (store_changed(dd.owner, owner) && store_log(s, now, who, id,
	    name, "owner", dd.owner, owner, err) == -1) ||
	    (store_changed(dd.justification, justification) &&
	    store_log(s, now, who, id, name, "justification",
	    dd.justification, justification, err) == -1) ||
	    store_commit(s, err) == -1)
		goto fail;
	store_decision_free(&dd);
	free(name);
	free(now);
	return 0;

fail:
	store_rollback(s);
	store_decision_free(&dd);
	free(name);
	free(now);
	return -1;
}

/* The stored state of one mitigation of a risk. */
struct store_mit {
	char	*status;
	char	*owner;
	char	*due;
	char	*notes;
};

static void
store_mit_free(struct store_mit *sm)
{
	free(sm->status);
	free(sm->owner);
	free(sm->due);
	free(sm->notes);
}

/*
 * Add id (owned) to the list v of n ids, NULL-terminated, unless it is
 * NULL, empty or there already (then it is freed).
 */
static char **
store_ids_add(char **v, size_t *n, char *id)
{
	size_t	i;

	for (i = 0; id != NULL && i < *n && strcmp(v[i], id) != 0; i++)
		;
	if (id == NULL || *id == '\0' || i < *n) {
		free(id);
		return v;
	}
	v = xreallocarray(v, *n + 2, sizeof *v);
	v[(*n)++] = id;
	v[*n] = NULL;
	return v;
}

/*
 * The mitigations of a risk, for a suggestion (the caller frees): those of
 * its rows, then the proposed ones that have none.
 */
static char **
store_mit_ids(struct store *s, const char *id, const char *threat,
    const char *target, const char *proposed)
{
	static const char *const sql = "SELECT mitigation FROM "
	    "risk_mitigations WHERE system = ? AND threat = ? AND target = ? "
	    "ORDER BY rowid";
	struct db_stmt	*st;
	const char	*p, *nl;
	char		**v = xcalloc(1, sizeof *v);
	size_t		 n = 0;

	for (p = proposed; p != NULL && *p != '\0';
	    p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		v = store_ids_add(v, &n, xstrndup(p, (size_t)(nl - p)));
	}
	if ((st = store_prepare(s, sql, NULL)) == NULL)
		return v;
	store_bind_key(st, id, threat, target);
	while (db_step(st) == DB_ROW)
		v = store_ids_add(v, &n, store_column(st, 0));
	db_reset(st);
	return v;
}

/* Read a mitigation of a risk; fail naming it when there is none. */
static int
store_get_mit(struct store *s, const char *id, const char *threat,
    const char *target, const char *mitigation, struct store_mit *sm,
    struct error *err)
{
	static const char *const sql = "SELECT status, owner, due, notes "
	    "FROM risk_mitigations WHERE system = ? AND threat = ? "
	    "AND target = ? AND mitigation = ?";
	char			**const cols[] = { &sm->status, &sm->owner,
	    &sm->due, &sm->notes };
	struct store_decision	 dd;
	struct db_stmt		*st;
	const char		*near;
	char			**ids;
	size_t			 i;
	int			 rc;

	memset(sm, 0, sizeof *sm);
	if (store_get_decision(s, id, threat, target, &dd, err) == -1)
		return -1;
	if ((st = store_prepare(s, sql, err)) == NULL) {
		store_decision_free(&dd);
		return -1;
	}
	store_bind_key(st, id, threat, target);
	store_bind(st, 4, mitigation);
	rc = store_step_texts(st, cols, 4);
	if (rc == DB_DONE && store_proposed_has(dd.proposed, mitigation)) {
		/* Proposed by the catalogue, not decided yet: no row. */
		sm->status = xstrdup(vocab_name(&vocab_mitigation_status,
		    MIT_PROPOSED));
		rc = DB_ROW;
	}
	if (rc == DB_ROW || rc != DB_DONE) {
		store_decision_free(&dd);
		return rc == DB_ROW ? 0 : store_fail(s, rc, err);
	}
	ids = store_mit_ids(s, id, threat, target, dd.proposed);
	store_decision_free(&dd);
	near = text_suggest(mitigation, (const char *const *)ids);
	if (near != NULL)
		error_set(err, "risk '%s@%s' has no mitigation '%s' (did you "
		    "mean '%s'?)", threat, target, mitigation, near);
	else
		error_set(err, "risk '%s@%s' has no mitigation '%s'", threat,
		    target, mitigation);
	for (i = 0; ids[i] != NULL; i++)
		free(ids[i]);
	free(ids);
	return -1;
}

int
store_set_mitigation(struct store *s, const char *id, const char *threat,
    const char *target, const char *mitigation, int status,
    const char *owner, const char *due, const char *notes,
    struct error *err)
{
	return store_decide_mitigation(s, id, threat, target, NULL,
	    mitigation, status, owner, due, notes, 0, err);
}

int
store_decide_mitigation(struct store *s, const char *id, const char *threat,
    const char *target, const struct risk *seen, const char *mitigation,
    int status, const char *owner, const char *due, const char *notes,
    int flags, struct error *err)
{
	/* A proposed mitigation gets its row with its first decision. */
	static const char *const sql = "INSERT INTO risk_mitigations "
	    "(status, owner, due, notes, system, threat, target, mitigation) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (system, threat, "
	    "target, mitigation) DO UPDATE SET status = excluded.status, "
	    "owner = excluded.owner, due = excluded.due, "
	    "notes = excluded.notes";
	static const char *const what[] = { "status", "owner", "due", "notes" };
	struct store_mit	 sm;
	const char		*word = NULL, *was[4], *now_[4];
	const char		*who = store_user();
	struct db_stmt		*st;
	char			*now = NULL, *name = NULL, *field;
	size_t			 i;
	int			 any = 0;

	if (status != -1 &&
	    (word = vocab_name(&vocab_mitigation_status, status)) == NULL)
		return error_set(err, "invalid mitigation status %d", status);
	if (due != NULL && *due != '\0' && !risk_date_valid(due))
		return error_set(err, "invalid due date '%s' (expected a date "
		    "as YYYY-MM-DD)", due);
	memset(&sm, 0, sizeof sm);
	if (store_begin_system(s, id, err) == -1)
		return -1;
	if ((seen != NULL && (store_need_model(s, id, err) == -1 ||
	    store_seen_differs(s, id, seen, mitigation, flags, err) != 0)) ||
	    store_get_mit(s, id, threat, target, mitigation, &sm, err) == -1)
		goto fail;
	was[0] = sm.status;
	was[1] = sm.owner;
	was[2] = sm.due;
	was[3] = sm.notes;
	now_[0] = word != NULL ? word : sm.status;
	now_[1] = owner != NULL ? store_cleared(owner) : sm.owner;
	now_[2] = due != NULL ? store_cleared(due) : sm.due;
	now_[3] = notes != NULL ? store_cleared(notes) : sm.notes;
	for (i = 0; i < 4; i++)
		any |= store_changed(was[i], now_[i]);
	if (!any) {
		store_rollback(s);	/* nothing to change */
		store_mit_free(&sm);
		return 0;
	}
	now = store_now();
	name = xasprintf("%s@%s", threat, target);
	if ((st = store_prepare(s, sql, err)) == NULL)
		goto fail;
	for (i = 0; i < 4; i++)
		store_bind(st, 1 + (int)i, now_[i]);
	store_bind(st, 5, id);
	store_bind(st, 6, threat);
	store_bind(st, 7, target);
	store_bind(st, 8, mitigation);
	if (store_run(s, st, err) == -1)
		goto fail;
	for (i = 0; i < 4; i++) {
		if (!store_changed(was[i], now_[i]))
			continue;
		field = xasprintf("mitigation %s %s", mitigation, what[i]);
		if (store_log(s, now, who, id, name, field, was[i], now_[i],
		    err) == -1) {
			free(field);
			goto fail;
		}
		free(field);
	}
	if (store_commit(s, err) == -1)
		goto fail;
	store_mit_free(&sm);
	free(name);
	free(now);
	return 0;

fail:
	store_rollback(s);
	store_mit_free(&sm);
	free(name);
	free(now);
	return -1;
}

int
store_insert_risks(struct store *s, const char *id,
    const struct risk_register *reg, struct error *err)
{
	const struct risk	*k;
	char			*now, *name;
	size_t			 i;
	int			 rc = 0;

	if (store_begin_system(s, id, err) == -1)
		return -1;
	now = store_now();
	if (store_need_model(s, id, err) == -1 ||
	    store_write_risks(s, id, reg, err) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < reg->n; i++) {
		k = reg->risks[i];
		name = xasprintf("%s@%s", k->threat, k->target);
		rc = store_log(s, now, store_user(), id, name, "imported",
		    NULL, vocab_name(&vocab_risk_status, k->status), err);
		free(name);
	}
	if (rc == 0 && store_commit(s, err) == 0) {
		free(now);
		return 0;
	}
	store_rollback(s);
	free(now);
	return -1;
}

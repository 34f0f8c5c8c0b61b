/*
 * store-questions.c: the open questions kept with a model (see
 * store-questions.h).
 *
 * A question is a row: the element and field not answered, the worst
 * severity at stake, and its risks packed as the fields column packs
 * fields (store_fields_encode()): one "THREAT@TARGET=SEVERITY" line each,
 * most severe first. The titles of the threats are kept once for all the
 * model's questions, in open_questions_at (schema 13: "THREAT=TITLE"
 * lines, the title of the threat's first risk); a risk whose title is not
 * its threat's there has it in its line, after a space
 * ("THREAT@TARGET=SEVERITY TITLE"), as every line had before schema 13.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "store/store-questions.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* The title of each threat of a model's questions (schema 13). */
struct store_titles {
	struct strmap	 map;		/* threat id to its title */
	char		**names, **values;	/* as decoded, owning them */
	size_t		 n;
};

struct store_questions {
	struct store		*s;
	char			*id;
	struct store_titles	 titles;
	struct db_stmt		*st;	/* NULL: not begun, or paused */
	long long		 pos;	/* the position of the last read */
	int			 done;
	struct risk_register	 risks;	/* the question's */
	const struct risk	**v;
	struct risk_question	 q;
};

/*
 * The UPSERT of store_save_questions(), for one question's row or for
 * STORE_QUESTIONS_BATCH of them: a statement per row cost its own step,
 * statement journal and reset (12 % of an import of the pytm-shaped
 * model, 18,499 questions); rows in one statement share them. Positions
 * are distinct, so no statement updates a row twice (which PostgreSQL
 * refuses), and each row is written or left alone as it would be alone.
 */
#define STORE_QUESTIONS_INSERT "INSERT INTO open_questions (system, " \
	"position, element, field, worst, risks) VALUES "
#define STORE_QUESTIONS_ROW "(?, ?, ?, ?, ?, ?)"
#define STORE_QUESTIONS_ROWS2 STORE_QUESTIONS_ROW ", " STORE_QUESTIONS_ROW
#define STORE_QUESTIONS_ROWS4 STORE_QUESTIONS_ROWS2 ", " \
	STORE_QUESTIONS_ROWS2
#define STORE_QUESTIONS_ROWS8 STORE_QUESTIONS_ROWS4 ", " \
	STORE_QUESTIONS_ROWS4
#define STORE_QUESTIONS_ROWS16 STORE_QUESTIONS_ROWS8 ", " \
	STORE_QUESTIONS_ROWS8
#define STORE_QUESTIONS_BATCH 16	/* the rows of STORE_QUESTIONS_ROWS16 */
#define STORE_QUESTIONS_PARAMS 6	/* the parameters of a row */
#define STORE_QUESTIONS_UPSERT " ON CONFLICT (system, position) DO " \
	"UPDATE SET element = excluded.element, field = excluded.field, " \
	"worst = excluded.worst, risks = excluded.risks WHERE " \
	"open_questions.element IS NOT excluded.element OR " \
	"open_questions.field IS NOT excluded.field OR " \
	"open_questions.worst IS NOT excluded.worst OR " \
	"open_questions.risks IS NOT excluded.risks"

/* A severity's name as stored: "low" for one the vocabulary lacks. */
static const char *
store_questions_severity(int severity)
{
	const char	*name = vocab_name(&vocab_severity, severity);

	return name != NULL ? name : "low";
}

static const char *
store_questions_title(const struct risk *k)
{
	return k->title != NULL ? k->title : "";
}

/*
 * The titles of the threats of q's risks, each the title of the first risk
 * of its threat, into titles (borrowing from q) and packed into b as the
 * titles column of open_questions_at.
 */
static void
store_titles_collect(struct store_titles *titles, struct buf *b,
    const struct risk_questions *q)
{
	const struct risk	*k;
	size_t			 i, j;

	strmap_init(&titles->map);
	titles->names = titles->values = NULL;
	titles->n = 0;
	buf_reset(b);
	for (i = 0; i < q->n; i++)
		for (j = 0; j < q->v[i].nrisks; j++) {
			k = q->v[i].risks[j];
			if (strmap_get(&titles->map, k->threat) != NULL)
				continue;
			strmap_put(&titles->map, k->threat,
			    (void *)(uintptr_t)store_questions_title(k));
			buf_adds(b, k->threat);
			buf_addc(b, '=');
			store_fields_escape(b, store_questions_title(k));
			buf_addc(b, '\n');
		}
}

static void
store_titles_release(struct store_titles *titles)
{
	strmap_release(&titles->map);
	store_fields_free(titles->names, titles->values, titles->n);
	titles->names = titles->values = NULL;
	titles->n = 0;
}

/* Pack the risks of question i of q into b, as its risks column. */
static void
store_questions_pack(struct buf *b, const struct risk_questions *q, size_t i,
    const struct store_titles *titles)
{
	const struct risk	*k;
	const char		*known;
	char			*name;
	size_t			 j;

	buf_reset(b);
	for (j = 0; j < q->v[i].nrisks; j++) {
		k = q->v[i].risks[j];
		name = risk_name(k);
		buf_adds(b, name);
		free(name);
		buf_addc(b, '=');
		buf_adds(b, store_questions_severity(k->severity));
		known = strmap_get(&titles->map, k->threat);
		if (known == NULL ||
		    strcmp(known, store_questions_title(k)) != 0) {
			buf_addc(b, ' ');
			store_fields_escape(b, store_questions_title(k));
		}
		buf_addc(b, '\n');
	}
}

/*
 * Bind question i of q at row'th place of an UPSERT; its risks are packed
 * into b, which must stay as it is until the statement has run.
 */
static void
store_questions_bind(struct db_stmt *st, int row, const char *id,
    const struct risk_questions *q, size_t i,
    const struct store_titles *titles, struct buf *b)
{
	int	at = row * STORE_QUESTIONS_PARAMS;

	store_questions_pack(b, q, i, titles);
	store_bind(st, at + 1, id);
	db_bind_int64(st, at + 2, (long long)i);
	store_bind(st, at + 3, q->v[i].element);
	store_bind(st, at + 4, q->v[i].field);
	store_bind(st, at + 5, store_questions_severity(q->v[i].worst));
	store_bind(st, at + 6, b->s);
}

/* The questions a range of kept rows is read for at once. */
#define STORE_QUESTIONS_READ 256

/*
 * Mark in same[] the questions from..to-1 of q whose kept row holds them
 * already: one read of those rows in order costs a fraction of an UPSERT
 * that finds its row equal.
 */
static int
store_questions_same(struct store *s, const char *id,
    const struct risk_questions *q, size_t from, size_t to,
    const struct store_titles *titles, unsigned char *same, struct buf *b,
    struct error *err)
{
	static const char *const sql = "SELECT position, element, field, "
	    "worst, risks FROM open_questions WHERE system = ?1 AND "
	    "position >= ?2 AND position < ?3 ORDER BY position";
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	memset(same, 0, to - from);
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	db_bind_int64(st, 2, (long long)from);
	db_bind_int64(st, 3, (long long)to);
	while ((rc = db_step(st)) == DB_ROW) {
		i = (size_t)db_column_int64(st, 0);
		if (strcmp(db_column_text(st, 1), q->v[i].element) != 0 ||
		    strcmp(db_column_text(st, 2), q->v[i].field) != 0 ||
		    strcmp(db_column_text(st, 3),
		    store_questions_severity(q->v[i].worst)) != 0)
			continue;
		store_questions_pack(b, q, i, titles);
		same[i - from] = strcmp(db_column_text(st, 4), b->s) == 0;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return store_fail(s, rc, err);
	return 0;
}

/*
 * The questions as rows, written over those kept: a row whose question is
 * the same stays as it is, unwritten (a re-import after one change wrote
 * every row of a large register again, all of them equal), and the rows
 * past the last question go. Rows go STORE_QUESTIONS_BATCH to a
 * statement, the last few one at a time.
 */
int
store_save_questions(struct store *s, const char *id,
    const struct risk_questions *q, struct error *err)
{
	static const char *const at = "INSERT INTO open_questions_at "
	    "(system, edited, n, titles) SELECT system, edited, ?2, ?3 FROM "
	    "models WHERE system = ?1 ON CONFLICT (system) DO UPDATE SET "
	    "edited = excluded.edited, n = excluded.n, "
	    "titles = excluded.titles";
	static const char *const tail = "DELETE FROM open_questions "
	    "WHERE system = ?1 AND position >= ?2";
	static const char *const one = STORE_QUESTIONS_INSERT
	    STORE_QUESTIONS_ROW STORE_QUESTIONS_UPSERT;
	static const char *const many = STORE_QUESTIONS_INSERT
	    STORE_QUESTIONS_ROWS16 STORE_QUESTIONS_UPSERT;
	struct db_stmt		*st;
	struct store_titles	 titles;
	struct buf		 b[STORE_QUESTIONS_BATCH], packed;
	unsigned char		 same[STORE_QUESTIONS_READ];
	size_t			 i, to, j, want, row, w[STORE_QUESTIONS_READ];
	size_t			 nw, k;
	int			 rc = 0;

	buf_init(&packed);
	store_titles_collect(&titles, &packed, q);
	for (i = 0; rc == 0 && i < 2; i++) {
		/* Both number their parameters alike: the model, the count. */
		if ((st = store_prepare(s, i == 0 ? at : tail, err)) == NULL) {
			rc = -1;
			break;
		}
		store_bind(st, 1, id);
		db_bind_int64(st, 2, (long long)q->n);
		if (i == 0)
			store_bind(st, 3, q->n > 0 ? packed.s : NULL);
		rc = store_run(s, st, err);
	}
	for (row = 0; row < STORE_QUESTIONS_BATCH; row++)
		buf_init(&b[row]);
	for (i = 0; rc == 0 && i < q->n; i = to) {
		to = q->n - i > STORE_QUESTIONS_READ ? i +
		    STORE_QUESTIONS_READ : q->n;
		if ((rc = store_questions_same(s, id, q, i, to, &titles, same,
		    &b[0], err)) == -1)
			break;
		for (nw = 0, j = i; j < to; j++)
			if (!same[j - i])
				w[nw++] = j;
		for (k = 0; rc == 0 && k < nw; k += want) {
			want = nw - k >= STORE_QUESTIONS_BATCH ?
			    STORE_QUESTIONS_BATCH : 1;
			if ((st = store_prepare(s, want > 1 ? many : one,
			    err)) == NULL) {
				rc = -1;
				break;
			}
			for (row = 0; row < want; row++)
				store_questions_bind(st, (int)row, id, q,
				    w[k + row], &titles, &b[row]);
			rc = store_run(s, st, err);
		}
	}
	for (row = 0; row < STORE_QUESTIONS_BATCH; row++)
		buf_release(&b[row]);
	buf_release(&packed);
	store_titles_release(&titles);
	return rc;
}

/* Read model id's titles (schema 13) into titles: 0, or -1 on error. */
static int
store_titles_read(struct store *s, const char *id,
    struct store_titles *titles, struct error *err)
{
	static const char *const sql = "SELECT titles FROM "
	    "open_questions_at WHERE system = ?";
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	strmap_init(&titles->map);
	titles->names = titles->values = NULL;
	titles->n = 0;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		titles->n = store_fields_decode(db_column_text(st, 0),
		    &titles->names, &titles->values);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(s, rc, err);
	for (i = 0; i < titles->n; i++)
		if (strmap_get(&titles->map, titles->names[i]) == NULL)
			strmap_put(&titles->map, titles->names[i],
			    titles->values[i]);
	return 0;
}

int
store_forget_questions(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "DELETE FROM open_questions_at "
	    "WHERE system = ?";

	return store_exec(s, sql, id, err);
}

/*
 * The number of questions kept for the model as it is (any: whatever edit
 * they are of), or -1: none.
 */
static int
store_questions_kept(struct store *s, const char *id, int any, long long *n,
    struct error *err)
{
	static const char *const sql = "SELECT q.n FROM open_questions_at q "
	    "JOIN models m ON m.system = q.system WHERE q.system = ? AND "
	    "coalesce(q.edited, -1) = coalesce(m.edited, -1)";
	static const char *const sql_any = "SELECT n FROM open_questions_at "
	    "WHERE system = ?";
	struct db_stmt	*st;
	int		 rc;

	*n = -1;
	if ((st = store_prepare(s, any ? sql_any : sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		*n = db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(s, rc, err);
	return 0;
}

int
store_analysis_done(struct store *s, const char *id, const char *analysis,
    struct error *err)
{
	static const char *const sql = "UPDATE open_questions_at SET "
	    "revision = (SELECT revision FROM models WHERE system = ?1), "
	    "analysis = ?2 WHERE system = ?1";
	struct db_stmt	*st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, analysis);
	return store_run(s, st, err);
}

/*
 * 1 if model id's questions row says that analysis found its questions
 * for the model as it is (its edit), and with revision for its decisions
 * as they are too (the register), with *n their number; 0 if not
 * (analysis NULL: never); -1 on error.
 */
static int
store_analysis_made(struct store *s, const char *id, const char *analysis,
    int revision, size_t *n, struct error *err)
{
#define STORE_ANALYSIS_MADE "SELECT q.n FROM open_questions_at q " \
	"JOIN models m ON m.system = q.system WHERE q.system = ?1 AND " \
	"coalesce(q.edited, -1) = coalesce(m.edited, -1) AND " \
	"q.analysis = ?2"
	static const char *const sql[] = {
		STORE_ANALYSIS_MADE,
		STORE_ANALYSIS_MADE " AND q.revision = m.revision"
	};
	struct db_stmt	*st;
	int		 rc;

	*n = 0;
	if (analysis == NULL)
		return 0;
	if ((st = store_prepare(s, sql[revision != 0], err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, analysis);
	if ((rc = db_step(st)) == DB_ROW && db_column_int64(st, 0) >= 0)
		*n = (size_t)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(s, rc, err);
	return rc == DB_ROW;
}

int
store_analysis_current(struct store *s, const char *id, const char *analysis,
    size_t *n, struct error *err)
{
	return store_analysis_made(s, id, analysis, 1, n, err);
}

int
store_questions_current(struct store *s, const char *id, const char *analysis,
    struct error *err)
{
	size_t	n;

	return store_analysis_made(s, id, analysis, 0, &n, err);
}

static struct store_questions *
store_questions_open_of(struct store *s, const char *id, size_t *n,
    int any, struct error *err)
{
	struct store_questions	*x;
	long long		 kept;

	error_clear(err);
	*n = 0;
	if (store_questions_kept(s, id, any, &kept, err) == -1 || kept < 0)
		return NULL;
	*n = (size_t)kept;
	x = xcalloc(1, sizeof *x);
	x->s = s;
	x->id = xstrdup(id);
	x->pos = -1;
	risk_register_init(&x->risks);
	if (store_titles_read(s, id, &x->titles, err) == -1) {
		store_questions_close(x);
		*n = 0;
		return NULL;
	}
	return x;
}

struct store_questions *
store_questions_open(struct store *s, const char *id, size_t *n,
    struct error *err)
{
	return store_questions_open_of(s, id, n, 0, err);
}

struct store_questions *
store_questions_open_stale(struct store *s, const char *id, size_t *n,
    struct error *err)
{
	return store_questions_open_of(s, id, n, 1, err);
}

const struct risk_question *
store_questions_next(struct store_questions *x, struct error *err)
{
	static const char *const sql = "SELECT element, field, worst, risks, "
	    "position FROM open_questions WHERE system = ? AND position > ? "
	    "ORDER BY position";
	struct risk	*k;
	char		**names, **values, *threat, *target, *sp;
	const char	 *title;
	size_t		  n, i;
	int		  rc;

	risk_register_release(&x->risks);
	free(x->v);
	x->v = NULL;
	free(x->q.element);
	free(x->q.field);
	memset(&x->q, 0, sizeof x->q);
	if (x->done)
		return NULL;
	if (x->st == NULL) {
		if ((x->st = store_prepare(x->s, sql, err)) == NULL)
			return NULL;
		store_bind(x->st, 1, x->id);
		db_bind_int64(x->st, 2, x->pos);
	}
	if ((rc = db_step(x->st)) != DB_ROW) {
		db_reset(x->st);
		x->done = 1;
		if (rc != DB_DONE)
			store_fail(x->s, rc, err);
		return NULL;
	}
	x->pos = db_column_int64(x->st, 4);
	x->q.element = store_column(x->st, 0);
	x->q.field = store_column(x->st, 1);
	x->q.worst = store_word(&vocab_severity, x->st, 2, LEVEL_LOW);
	n = store_fields_decode(db_column_text(x->st, 3), &names, &values);
	x->v = xcalloc(n + 1, sizeof *x->v);
	for (i = 0; i < n; i++) {
		if (risk_parse_name(names[i], &threat, &target) == -1)
			continue;
		k = risk_register_add(&x->risks, threat, target);
		free(threat);
		free(target);
		/* Its own title after a space, else its threat's. */
		if ((sp = strchr(values[i], ' ')) != NULL) {
			*sp++ = '\0';
			title = sp;
		} else if ((title = strmap_get(&x->titles.map,
		    k->threat)) == NULL)
			title = "";
		k->severity = vocab_find(&vocab_severity, values[i]);
		if (k->severity < 0)
			k->severity = LEVEL_LOW;
		k->title = xstrdup(title);
		x->v[x->q.nrisks++] = k;
	}
	store_fields_free(names, values, n);
	x->q.risks = x->v;
	return &x->q;
}

void
store_questions_pause(struct store_questions *x)
{
	if (x == NULL || x->st == NULL || x->done)
		return;
	db_reset(x->st);
	x->st = NULL;
}

void
store_questions_close(struct store_questions *x)
{
	if (x == NULL)
		return;
	if (x->st != NULL && !x->done)
		db_reset(x->st);
	risk_register_release(&x->risks);
	store_titles_release(&x->titles);
	free(x->v);
	free(x->q.element);
	free(x->q.field);
	free(x->id);
	free(x);
}

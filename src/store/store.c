/* store.c: opening and closing a store, its user and clock, its errors. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
store_remove_files(const char *path)
{
	char	*p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-journal", path);
	unlink(p);
	free(p);
}

static void	store_reset_all(struct store *);

/* Run a PRAGMA that answers with its new value: -1 unless it is want. */
static int
store_pragma_to(struct store *s, const char *sql, const char *want,
    struct error *err)
{
	struct db_stmt	*st;
	const char	*v;
	int		 rc, same;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return store_fail(s, rc, err);
	}
	/* SQLite answers with the mode it is in, which may be the old. */
	v = db_column_text(st, 0);
	same = v != NULL && strcmp(v, want) == 0;
	db_reset(st);
	if (!same)
		return error_set(err, "%s: could not switch the journal to "
		    "%s", s->path, want);
	return 0;
}

/*
 * A private file: its rollback journal in memory (a rollback still
 * works; a crash loses only the private file) and no syncs at all.
 */
static int
store_private_start(struct store *s, struct error *err)
{
	int	rc;

	if ((rc = db_exec(s->db, "PRAGMA synchronous = OFF")) != DB_OK)
		return store_fail(s, rc, err);
	return store_pragma_to(s, "PRAGMA journal_mode = MEMORY", "memory",
	    err);
}

int
store_private_done(struct store *s, struct error *err)
{
	int	rc;

	if (db_is_server(s->db) || !(s->flags & STORE_PRIVATE))
		return 0;
	store_reset_all(s);	/* no statement may hold a read open */
	/* SQLite's own default, as every other connection has it. */
	if ((rc = db_exec(s->db, "PRAGMA synchronous = FULL")) != DB_OK)
		return store_fail(s, rc, err);
	if (store_pragma_to(s, "PRAGMA journal_mode = WAL", "wal", err) == -1)
		return -1;
	s->flags &= ~STORE_PRIVATE;
	return 0;
}

struct store *
store_open(const char *path, int flags, struct error *err)
{
	struct store	*s;
	int		 created = 0;

	s = xcalloc(1, sizeof *s);
	s->path = db_display(path);
	s->flags = flags;
	s->db = db_open(path, s->path, ((flags & STORE_CREATE) ?
	    DB_CREATE : 0) | ((flags & STORE_READONLY) ? DB_READONLY_OPEN : 0),
	    &created, err);
	if (s->db == NULL)
		goto fail;
	if (db_is_server(s->db))
		s->flags &= ~STORE_PRIVATE;
	if ((s->flags & STORE_PRIVATE) && store_private_start(s, err) == -1)
		goto fail;
	if (store_migrate(s, err) == -1)
		goto fail;
	store_poll(s);		/* from now on */
	return s;

fail:
	store_close(s);
	if (created == 1)
		store_remove_files(path);
	return NULL;
}

int
store_names_server(const char *word)
{
	return db_names_server(word);
}

const char *
store_name(const struct store *s)
{
	return s->path;
}

char *
store_display(const char *path)
{
	return db_display(path);
}

void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nstmts; i++)
		db_finalize(s->stmts[i].stmt);
	free(s->stmts);
	db_close(s->db);
	free(s->source);
	free(s->claim_system);
	free(s->lock_system);
	free(s->path);
	free(s);
}

const char *
store_user(void)
{
	static char	 name[256];
	struct passwd	*pw;
	const char	*v;

	if ((v = getenv("PARAPET_USER")) != NULL && *v != '\0')
		return v;
	if (name[0] == '\0') {
		pw = getpwuid(getuid());
		snprintf(name, sizeof name, "%s", pw != NULL &&
		    pw->pw_name != NULL && *pw->pw_name != '\0' ?
		    pw->pw_name : "unknown");
	}
	return name;
}

char *
store_now(void)
{
	const char	*v;
	struct tm	 tm;
	time_t		 t;
	char		 s[32];

	if ((v = getenv("PARAPET_NOW")) != NULL && *v != '\0')
		return xstrdup(v);
	t = time(NULL);
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return xstrdup("1970-01-01T00:00:00Z");
	return xstrdup(s);
}

int
store_limit_pages(struct store *s, long pages, struct error *err)
{
	struct db_stmt	*st;
	char		 sql[64];
	long		 count;
	int		 rc;

	if ((st = store_prepare(s, "PRAGMA page_count", err)) == NULL)
		return -1;
	if ((rc = db_step(st)) != DB_ROW)
		return store_fail(s, rc, err);
	count = (long)db_column_int64(st, 0);
	db_reset(st);
	/* A number of our own making, not user text: PRAGMA takes no ?. */
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld",
	    count + pages);
	if ((rc = db_exec(s->db, sql)) != DB_OK)
		return store_fail(s, rc, err);
	return 0;
}

struct db_stmt *
store_prepare(struct store *s, const char *sql, struct error *err)
{
	struct db_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].stmt;
			db_reset(st);
			db_clear_bindings(st);
			return st;
		}
	}
	if ((rc = db_prepare(s->db, sql, 1, &st)) != DB_OK) {
		store_fail(s, rc, err);
		return NULL;
	}
	if (s->nstmts == s->maxstmts) {
		s->maxstmts = s->maxstmts == 0 ? 32 : s->maxstmts * 2;
		s->stmts = xreallocarray(s->stmts, s->maxstmts,
		    sizeof *s->stmts);
	}
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts++].stmt = st;
	return st;
}

int
store_fail(struct store *s, int rc, struct error *err)
{
	return db_fail(s->db, s->path, rc, err);
}

int
store_step(struct store *s, struct db_stmt *st, struct error *err)
{
	int	rc;

	if ((rc = db_step(st)) == DB_ROW)
		return 1;
	db_reset(st);
	if (rc != DB_DONE)
		return store_fail(s, rc, err);
	return 0;
}

int
store_run(struct store *s, struct db_stmt *st, struct error *err)
{
	int	rc;

	while ((rc = store_step(s, st, err)) == 1)
		;
	return rc;
}

/* Reset every cached statement, so none holds a read open. */
static void
store_reset_all(struct store *s)
{
	size_t	i;

	for (i = 0; i < s->nstmts; i++)
		db_reset(s->stmts[i].stmt);
}

int
store_exec(struct store *s, const char *sql, const char *id,
    struct error *err)
{
	struct db_stmt	*st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	if (id != NULL)
		store_bind(st, 1, id);
	return store_run(s, st, err);
}

static void
store_undo(struct store *s)
{
	store_reset_all(s);
	if (!db_in_transaction(s->db))
		return;		/* SQLite rolled back already */
	store_exec(s, "ROLLBACK", NULL, NULL);
}

void
store_mark(struct store *s, struct store_mark *mk)
{
	struct db_stmt	*st;
	struct error	 e;

	mk->data_version = -1;	/* unknown: store_moved() says yes */
	mk->changes = db_total_changes(s->db);
	/* A server counts every statement that writes (parapet_changes). */
	if ((st = store_prepare(s, db_is_server(s->db) ?
	    "SELECT last_value FROM parapet_changes" : "PRAGMA data_version",
	    &e)) == NULL)
		return;
	if (db_step(st) == DB_ROW)
		mk->data_version = db_column_int64(st, 0);
	db_reset(st);
}

int
store_poll(struct store *s)
{
	struct db_stmt	*st;
	struct error	 e;
	long long	 v = -1;
	int		 rc;

	if ((rc = db_notified(s->db)) != -1)
		return rc;
	if ((st = store_prepare(s, "PRAGMA data_version", &e)) == NULL)
		return 0;
	if (db_step(st) == DB_ROW)
		v = db_column_int64(st, 0);
	db_reset(st);
	rc = v != s->polled;
	s->polled = v;
	return rc;
}

int
store_moved(struct store *s, const struct store_mark *then)
{
	struct store_mark	now;

	if (then->data_version == -1)
		return 1;
	store_mark(s, &now);
	return now.data_version != then->data_version ||
	    now.changes != then->changes;
}

int
store_begin(struct store *s, struct error *err)
{
	if (s->depth > 0)
		return 0;
	s->txn++;
	return store_exec(s, "BEGIN IMMEDIATE", NULL, err);
}

int
store_begin_system(struct store *s, const char *id, struct error *err)
{
	int	rc;

	if (store_begin(s, err) == -1)
		return -1;
	if (s->lock_system != NULL && s->lock_txn == s->txn &&
	    strcmp(s->lock_system, id) == 0)
		return 0;
	if ((rc = db_lock_system(s->db, id)) != DB_OK) {
		store_fail(s, rc, err);
		store_rollback(s);
		return -1;
	}
	free(s->lock_system);
	s->lock_system = xstrdup(id);
	s->lock_txn = s->txn;
	return 0;
}

int
store_begin_exclusive(struct store *s, struct error *err)
{
	s->txn++;
	return store_exec(s, "BEGIN EXCLUSIVE", NULL, err);
}

int
store_begin_read(struct store *s, struct error *err)
{
	if (s->depth > 0)
		return 0;
	return store_exec(s, "BEGIN", NULL, err);
}

int
store_commit(struct store *s, struct error *err)
{
	if (s->depth > 0)
		return 0;
	store_reset_all(s);
	if (store_exec(s, "COMMIT", NULL, err) == -1) {
		store_undo(s);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *s)
{
	if (s->depth > 0)
		return;
	store_undo(s);
}

int
store_transaction(struct store *s, struct error *err)
{
	if (s->depth == 0) {
		s->txn++;
		if (store_exec(s, "BEGIN IMMEDIATE", NULL, err) == -1)
			return -1;
		s->doomed = 0;
	}
	s->depth++;
	return 0;
}

int
store_transaction_commit(struct store *s, struct error *err)
{
	if (s->depth == 0)
		return error_set(err, "no transaction to commit");
	if (--s->depth > 0)
		return s->doomed ? error_set(err, "the transaction was rolled "
		    "back") : 0;
	if (s->doomed || !db_in_transaction(s->db)) {
		/* Rolled back inside, by a caller or by SQLite itself. */
		store_undo(s);
		return error_set(err, "the transaction was rolled back: "
		    "nothing was changed");
	}
	store_reset_all(s);
	if (store_exec(s, "COMMIT", NULL, err) == -1) {
		store_undo(s);
		return -1;
	}
	return 0;
}

int
store_transaction_system(struct store *s, const char *id, struct error *err)
{
	if (s->depth == 0)
		return error_set(err, "no transaction to lock a system in");
	return store_begin_system(s, id, err);
}

void
store_release_memory(struct store *s)
{
	db_release_memory(s->db);
}

void
store_transaction_rollback(struct store *s)
{
	if (s->depth == 0)
		return;
	if (--s->depth > 0) {
		s->doomed = 1;
		return;
	}
	store_undo(s);
}

int
store_bind(struct db_stmt *st, int i, const char *v)
{
	return db_bind_text(st, i, v);
}

char *
store_column(struct db_stmt *st, int i)
{
	const char	*v = db_column_text(st, i);

	if (v == NULL)
		return NULL;
	return xstrdup(v);
}

int
store_no_model(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "SELECT system FROM models "
	    "ORDER BY system LIMIT 1000";
	struct db_stmt	*st;
	char		**ids = NULL;
	const char	*near = NULL;
	size_t		 n = 0, i;

	if ((st = store_prepare(s, sql, NULL)) != NULL) {
		while (db_step(st) == DB_ROW) {
			ids = xreallocarray(ids, n + 2, sizeof *ids);
			ids[n++] = store_column(st, 0);
			ids[n] = NULL;
		}
		db_reset(st);
	}
	if (ids != NULL)
		near = text_suggest(id, (const char *const *)ids);
	if (near != NULL)
		error_set(err, "no model '%s' in database '%s' (did you mean "
		    "'%s'?)", id, s->path, near);
	else
		error_set(err, "no model '%s' in database '%s'", id, s->path);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return -1;
}

long
store_model_number(struct store *s, const char *sql, const char *id,
    struct error *err)
{
	struct db_stmt	*st;
	long		 v = 0;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW)
		v = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail(s, rc, err);
	return v;
}

long
store_revision(struct store *s, const char *id, struct error *err)
{
	static const char *const sql =
	    "SELECT revision FROM models WHERE system = ?";

	return store_model_number(s, sql, id, err);
}

void
store_claim_set(struct store *s, const char *system, long rev)
{
	free(s->claim_system);
	s->claim_system = xstrdup(system);
	s->claim_txn = s->txn;
	s->claim_rev = rev;
}

long
store_claim(struct store *s, const char *system, struct error *err)
{
	static const char *const bump = "UPDATE models "
	    "SET revision = revision + 1 WHERE system = ?";
	static const char *const after = "SELECT max(revision) "
	    "FROM history WHERE system = ?";
	struct db_stmt	*st;
	long		 rev;
	int		 rc;

	if (s->claim_system != NULL && s->claim_txn == s->txn &&
	    strcmp(s->claim_system, system) == 0)
		return s->claim_rev;
	if ((rev = store_revision(s, system, err)) == -1)
		return -1;
	if (rev == LONG_MAX)
		return error_set(err, "model '%s' is at the largest revision "
		    "number and cannot change", system);
	if (rev > 0) {
		if (store_exec(s, bump, system, err) == -1)
			return -1;
		rev++;
	}
	if (rev == 0) {
		/* No row: the next revision after its history. */
		if ((st = store_prepare(s, after, err)) == NULL)
			return -1;
		store_bind(st, 1, system);
		if ((rc = db_step(st)) == DB_ROW)
			rev = (long)db_column_int64(st, 0);
		db_reset(st);
		if (rc != DB_ROW)
			return store_fail(s, rc, err);
		if (rev == LONG_MAX)
			return error_set(err, "model '%s' is at the largest "
			    "revision number and cannot change", system);
		rev++;
	}
	store_claim_set(s, system, rev);
	return rev;
}

int
store_log(struct store *s, const char *at, const char *who,
    const char *system, const char *object, const char *field,
    const char *old_value, const char *new_value, struct error *err)
{
	return store_log_was(s, at, who, system, object, field, old_value,
	    new_value, NULL, err);
}

/* The history INSERT, for one entry or for STORE_LOG_BATCH of them. */
#define STORE_LOG_INSERT "INSERT INTO history (at, who, system, object, " \
	"field, old_value, new_value, source, revision, was) VALUES "
#define STORE_LOG_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define STORE_LOG_ROWS2 STORE_LOG_ROW ", " STORE_LOG_ROW
#define STORE_LOG_ROWS4 STORE_LOG_ROWS2 ", " STORE_LOG_ROWS2
#define STORE_LOG_ROWS8 STORE_LOG_ROWS4 ", " STORE_LOG_ROWS4
#define STORE_LOG_ROWS16 STORE_LOG_ROWS8 ", " STORE_LOG_ROWS8
#define STORE_LOG_PARAMS 10		/* the parameters of an entry */

/* Bind an entry at row'th place of a history INSERT. */
static void
store_log_bind(const char *source, struct db_stmt *st, int row, long rev,
    const char *at, const char *who, const char *system, const char *object,
    const char *field, const char *old_value, const char *new_value,
    const char *was)
{
	int	i = row * STORE_LOG_PARAMS;

	db_bind_int64(st, i + 9, rev);
	store_bind(st, i + 10, was);
	store_bind(st, i + 1, at);
	store_bind(st, i + 2, who);
	store_bind(st, i + 3, system);
	store_bind(st, i + 4, object);
	store_bind(st, i + 5, field);
	store_bind(st, i + 6, old_value);
	store_bind(st, i + 7, new_value);
	store_bind(st, i + 8, source);
}

int
store_log_was(struct store *s, const char *at, const char *who,
    const char *system, const char *object, const char *field,
    const char *old_value, const char *new_value, const char *was,
    struct error *err)
{
	static const char *const sql = STORE_LOG_INSERT STORE_LOG_ROW;
	struct db_stmt	*st;
	long		 rev;

	if ((rev = store_claim(s, system, err)) == -1)
		return -1;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_log_bind(s->source, st, 0, rev, at, who, system, object, field,
	    old_value, new_value, was);
	return store_run(s, st, err);
}

int
store_log_batch(struct store *s, const char *at, const char *who,
    const char *system, const char *const *objects, const char *field,
    const char *const *new_values, struct error *err)
{
	static const char *const sql = STORE_LOG_INSERT STORE_LOG_ROWS16;
	struct db_stmt	*st;
	long		 rev;
	int		 row;

	if ((rev = store_claim(s, system, err)) == -1)
		return -1;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	for (row = 0; row < STORE_LOG_BATCH; row++)
		store_log_bind(s->source, st, row, rev, at, who, system,
		    objects[row], field, NULL, new_values[row], NULL);
	return store_run(s, st, err);
}

int
store_log_changes(struct store *s, const char *system,
    const struct change *const *v, const char *const *sources, size_t n,
    struct error *err)
{
	static const char *const one = STORE_LOG_INSERT STORE_LOG_ROW;
	static const char *const many = STORE_LOG_INSERT STORE_LOG_ROWS16;
	const struct change	*c;
	struct db_stmt		*st;
	size_t			 i, want, row;
	long			 rev;

	if (n == 0)
		return 0;
	if ((rev = store_claim(s, system, err)) == -1)
		return -1;
	for (i = 0; i < n; i += want) {
		want = n - i >= STORE_LOG_BATCH ? STORE_LOG_BATCH : 1;
		if ((st = store_prepare(s, want > 1 ? many : one, err)) ==
		    NULL)
			return -1;
		for (row = 0; row < want; row++) {
			c = v[i + row];
			store_log_bind(sources[i + row], st, (int)row, rev,
			    c->at, c->who, system, c->object, c->field,
			    c->old_value, c->new_value, NULL);
		}
		if (store_run(s, st, err) == -1)
			return -1;
	}
	return 0;
}

void
store_set_source(struct store *s, const char *source)
{
	free(s->source);
	s->source = source != NULL ? xstrdup(source) : NULL;
}

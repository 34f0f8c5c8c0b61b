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

/* How long a write waits for another process before giving up. */
#define STORE_BUSY_MS	2000

/* The first 16 bytes of every SQLite 3 database. */
static const char store_magic[16] = "SQLite format 3";

/*
 * Create a new database file, private to its owner whatever the umask, so
 * that SQLite (and its -wal and -shm files, which copy the mode) never
 * makes it readable by others. Returns 1 if created, 0 if someone else
 * created it meanwhile, -1 on error.
 */
static int
store_create_file(const char *path, struct error *err)
{
	int	fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return 0;
		return error_set(err, "cannot create database '%s': %s", path,
		    strerror(errno));
	}
	if (fchmod(fd, 0600) == -1) {
		error_set(err, "cannot create database '%s': %s", path,
		    strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) == -1) {
		error_set(err, "cannot create database '%s': %s", path,
		    strerror(errno));
		unlink(path);
		return -1;
	}
	return 1;
}

/*
 * Refuse a non-empty file that is not SQLite before SQLite sees it, so
 * that nothing can write to it.
 */
static int
store_check_magic(const char *path, struct error *err)
{
	char	head[sizeof store_magic];
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return error_set(err, "cannot open database '%s': %s", path,
		    strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head ||
	    memcmp(head, store_magic, sizeof head) != 0)
		return error_set(err, "'%s' is not a Parapet database", path);
	return 0;
}

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
}

/* A file: URI for a path, every byte but [A-Za-z0-9/._-] %-escaped. */
static char *
store_uri(const char *path, const char *query)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	struct buf		 b;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-", *p) != NULL)
			buf_addc(&b, (char)*p);
		else {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 15]);
		}
	}
	buf_addf(&b, "?%s", query);
	return buf_detach(&b);
}

/*
 * A read-only connection to a WAL database needs its -shm file, which
 * SQLite cannot create in a directory it may not write. Then, when there
 * is no -wal file (every change is in the database file), read the file
 * as immutable: nothing is missed and nothing is written. When there is
 * one, its changes cannot be read safely: say so.
 */
static int
store_open_immutable(struct store *s, struct error *err)
{
	struct stat	 st;
	char		*wal, *uri;
	int		 rc;

	rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK || ((rc & 0xff) != SQLITE_CANTOPEN &&
	    (rc & 0xff) != SQLITE_READONLY))
		return 0;	/* fine, or an error the caller will see */
	wal = xasprintf("%s-wal", s->path);
	rc = stat(wal, &st);
	free(wal);
	if (rc == 0 && st.st_size > 0)
		return error_set(err, "cannot read database '%s' here: its "
		    "latest changes are in '%s-wal', which needs a directory "
		    "Parapet can write; open it once where it can", s->path,
		    s->path);
	sqlite3_close(s->db);
	s->db = NULL;
	uri = store_uri(s->path, "immutable=1");
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_PRIVATECACHE, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, err);
	sqlite3_extended_result_codes(s->db, 1);
	return 0;
}

/*
 * Parapet runs one thread and one connection per database: SQLite's
 * mutexes and memory statistics cost about 5% of an import's instructions
 * for nothing. Configured once, before SQLite initialises itself.
 */
static void
store_configure(void)
{
	static int	done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *
store_open(const char *path, int flags, struct error *err)
{
	struct store	*s;
	struct stat	 st;
	int		 created = 0, oflags, rc;

	if (stat(path, &st) == -1) {
		if (errno != ENOENT) {
			error_set(err, "cannot open database '%s': %s", path,
			    strerror(errno));
			return NULL;
		}
		if ((flags & STORE_CREATE) == 0 || (flags & STORE_READONLY)) {
			error_set(err, "database '%s' does not exist", path);
			return NULL;
		}
		if ((created = store_create_file(path, err)) == -1)
			return NULL;
	} else if (S_ISDIR(st.st_mode)) {
		error_set(err, "'%s' is a directory, not a Parapet database",
		    path);
		return NULL;
	} else if (st.st_size > 0 && store_check_magic(path, err) == -1)
		return NULL;

	store_configure();
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->flags = flags;
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_PRIVATECACHE,
	    NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, err);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	if ((flags & STORE_READONLY) && store_open_immutable(s, err) == -1)
		goto fail;
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* 64 MiB of page cache (the default is 2): a large register needs
	 * it, a small one never fills it. */
	sqlite3_exec(s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if (store_migrate(s, err) == -1)
		goto fail;
	return s;

fail:
	store_close(s);
	if (created == 1)
		store_remove_files(path);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nstmts; i++)
		sqlite3_finalize(s->stmts[i].stmt);
	free(s->stmts);
	sqlite3_close(s->db);
	free(s->source);
	free(s->claim_system);
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
	sqlite3_stmt	*st;
	char		 sql[64];
	long		 count;
	int		 rc;

	if ((st = store_prepare(s, "PRAGMA page_count", err)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		return store_fail(s, rc, err);
	count = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	/* A number of our own making, not user text: PRAGMA takes no ?. */
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld",
	    count + pages);
	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return store_fail(s, rc, err);
	return 0;
}

sqlite3_stmt *
store_prepare(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL);
	if (rc != SQLITE_OK) {
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
	const char	*path = s->path;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(err, "database '%s' is busy (locked by "
		    "another process)", path);
	case SQLITE_FULL:
		return error_set(err, "disk full writing '%s'", path);
	case SQLITE_CORRUPT:
		return error_set(err, "database '%s' is corrupt", path);
	case SQLITE_NOTADB:
		return error_set(err, "'%s' is not a Parapet database", path);
	case SQLITE_READONLY:
		return error_set(err, "database '%s' is read-only", path);
	case SQLITE_CANTOPEN:
		if (s->db != NULL && sqlite3_system_errno(s->db) != 0)
			return error_set(err, "cannot open database '%s': %s",
			    path, strerror(sqlite3_system_errno(s->db)));
		return error_set(err, "cannot open database '%s'", path);
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return error_set(err, "no permission to use database '%s'",
		    path);
	case SQLITE_IOERR:
		if (s->db != NULL && sqlite3_system_errno(s->db) != 0)
			return error_set(err, "i/o error on database '%s': %s",
			    path, strerror(sqlite3_system_errno(s->db)));
		return error_set(err, "i/o error on database '%s'", path);
	case SQLITE_NOMEM:
		fatal("out of memory in SQLite");
	case SQLITE_CONSTRAINT:
		/* Our triggers RAISE with messages of our own. */
		if (rc == SQLITE_CONSTRAINT_TRIGGER && s->db != NULL)
			return error_set(err, "database '%s': %s", path,
			    sqlite3_errmsg(s->db));
		return error_set(err, "database '%s': %s", path,
		    sqlite3_errstr(rc));
	default:
		return error_set(err, "database '%s': %s", path,
		    sqlite3_errstr(rc));
	}
}

int
store_run(struct store *s, sqlite3_stmt *st, struct error *err)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, err);
	return 0;
}

/* Reset every cached statement, so none holds a read open. */
static void
store_reset_all(struct store *s)
{
	size_t	i;

	for (i = 0; i < s->nstmts; i++)
		sqlite3_reset(s->stmts[i].stmt);
}

/* Statements that open, end and undo a transaction, whatever the depth. */
static int
store_exec(struct store *s, const char *sql, struct error *err)
{
	sqlite3_stmt	*st;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	return store_run(s, st, err);
}

static void
store_undo(struct store *s)
{
	store_reset_all(s);
	if (sqlite3_get_autocommit(s->db))
		return;		/* SQLite rolled back already */
	store_exec(s, "ROLLBACK", NULL);
}

void
store_mark(struct store *s, struct store_mark *mk)
{
	sqlite3_stmt	*st;
	struct error	 e;

	mk->data_version = -1;	/* unknown: store_moved() says yes */
	mk->changes = sqlite3_total_changes64(s->db);
	if ((st = store_prepare(s, "PRAGMA data_version", &e)) == NULL)
		return;
	if (sqlite3_step(st) == SQLITE_ROW)
		mk->data_version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
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
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int
store_begin_read(struct store *s, struct error *err)
{
	if (s->depth > 0)
		return 0;
	return store_exec(s, "BEGIN", err);
}

int
store_commit(struct store *s, struct error *err)
{
	if (s->depth > 0)
		return 0;
	store_reset_all(s);
	if (store_exec(s, "COMMIT", err) == -1) {
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
		if (store_exec(s, "BEGIN IMMEDIATE", err) == -1)
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
	if (s->doomed || sqlite3_get_autocommit(s->db)) {
		/* Rolled back inside, by a caller or by SQLite itself. */
		store_undo(s);
		return error_set(err, "the transaction was rolled back: "
		    "nothing was changed");
	}
	store_reset_all(s);
	if (store_exec(s, "COMMIT", err) == -1) {
		store_undo(s);
		return -1;
	}
	return 0;
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
store_bind(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

char *
store_column(sqlite3_stmt *st, int i)
{
	const unsigned char	*v = sqlite3_column_text(st, i);

	if (v == NULL)
		return NULL;
	return xstrdup((const char *)v);
}

int
store_no_model(struct store *s, const char *id, struct error *err)
{
	static const char *const sql = "SELECT system FROM models "
	    "ORDER BY system LIMIT 1000";
	sqlite3_stmt	*st;
	char		**ids = NULL;
	const char	*near = NULL;
	size_t		 n = 0, i;

	if ((st = store_prepare(s, sql, NULL)) != NULL) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			ids = xreallocarray(ids, n + 2, sizeof *ids);
			ids[n++] = store_column(st, 0);
			ids[n] = NULL;
		}
		sqlite3_reset(st);
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
	sqlite3_stmt	*st;
	long		 v = 0;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
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
	sqlite3_stmt	*st;
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
		if ((st = store_prepare(s, bump, err)) == NULL)
			return -1;
		store_bind(st, 1, system);
		if (store_run(s, st, err) == -1)
			return -1;
		rev++;
	}
	if (rev == 0) {
		/* No row: the next revision after its history. */
		if ((st = store_prepare(s, after, err)) == NULL)
			return -1;
		store_bind(st, 1, system);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			rev = (long)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
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

int
store_log_was(struct store *s, const char *at, const char *who,
    const char *system, const char *object, const char *field,
    const char *old_value, const char *new_value, const char *was,
    struct error *err)
{
	static const char *const sql = "INSERT INTO history (at, who, system, "
	    "object, field, old_value, new_value, source, revision, was) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	long		 rev;

	if ((rev = store_claim(s, system, err)) == -1)
		return -1;
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 9, rev);
	store_bind(st, 10, was);
	store_bind(st, 1, at);
	store_bind(st, 2, who);
	store_bind(st, 3, system);
	store_bind(st, 4, object);
	store_bind(st, 5, field);
	store_bind(st, 6, old_value);
	store_bind(st, 7, new_value);
	store_bind(st, 8, s->source);
	return store_run(s, st, err);
}

void
store_set_source(struct store *s, const char *source)
{
	free(s->source);
	s->source = source != NULL ? xstrdup(source) : NULL;
}

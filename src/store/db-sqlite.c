/*
 * db-sqlite.c: the store's database in a SQLite file (db.h).
 *
 * A new file is made private to its owner before SQLite sees it; a file
 * that is not SQLite is refused before SQLite can write to it; a file that
 * can only be read is read as it is on disk. SQLite's result codes become
 * the classes of db.h, and the message of a failure is SQLite's text for
 * its code (or, for our own triggers, what they raised).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* How long a write waits for another process before giving up. */
#define DB_SQLITE_BUSY_MS	2000

/* The first 16 bytes of every SQLite 3 database. */
static const char db_sqlite_magic[16] = "SQLite format 3";

struct db_sqlite {
	struct db	 base;
	sqlite3		*db;
	int		 rc;	/* the last failure's extended code */
};

struct db_sqlite_stmt {
	struct db_stmt		 base;
	struct db_sqlite	*db;
	sqlite3_stmt		*st;
};

static const struct db_ops db_sqlite_ops;

/* Remember a failure and turn its code into a class of db.h. */
static int
db_sqlite_code(struct db_sqlite *d, int rc)
{
	switch (rc) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	}
	d->rc = rc;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_FULL:
		return DB_FULL;
	case SQLITE_CORRUPT:
		return DB_CORRUPT;
	case SQLITE_NOTADB:
		return DB_NOTADB;
	case SQLITE_READONLY:
		return DB_READONLY;
	case SQLITE_CANTOPEN:
		return DB_CANTOPEN;
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return DB_PERM;
	case SQLITE_IOERR:
		return DB_IOERR;
	case SQLITE_NOMEM:
		fatal("out of memory in SQLite");
	case SQLITE_CONSTRAINT:
		/* Our triggers RAISE with messages of our own. */
		return rc == SQLITE_CONSTRAINT_TRIGGER ? DB_RAISED :
		    DB_CONSTRAINT;
	default:
		return DB_ERROR;
	}
}

/*
 * Create a new database file, private to its owner whatever the umask, so
 * that SQLite (and its -wal and -shm files, which copy the mode) never
 * makes it readable by others. Returns 1 if created, 0 if someone else
 * created it meanwhile, -1 on error.
 */
static int
db_sqlite_create_file(const char *path, struct error *err)
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
db_sqlite_check_magic(const char *path, struct error *err)
{
	char	head[sizeof db_sqlite_magic];
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return error_set(err, "cannot open database '%s': %s", path,
		    strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n != (ssize_t)sizeof head ||
	    memcmp(head, db_sqlite_magic, sizeof head) != 0)
		return error_set(err, "'%s' is not a Parapet database", path);
	return 0;
}

/* A file: URI for a path, every byte but [A-Za-z0-9/._-] %-escaped. */
static char *
db_sqlite_uri(const char *path, const char *query)
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
db_sqlite_open_immutable(struct db_sqlite *d, const char *path,
    struct error *err)
{
	struct stat	 st;
	char		*wal, *uri;
	int		 rc;

	rc = sqlite3_exec(d->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL);
	if (rc == SQLITE_OK || ((rc & 0xff) != SQLITE_CANTOPEN &&
	    (rc & 0xff) != SQLITE_READONLY))
		return 0;	/* fine, or an error the caller will see */
	wal = xasprintf("%s-wal", path);
	rc = stat(wal, &st);
	free(wal);
	if (rc == 0 && st.st_size > 0)
		return error_set(err, "cannot read database '%s' here: its "
		    "latest changes are in '%s-wal', which needs a directory "
		    "Parapet can write; open it once where it can", path,
		    path);
	sqlite3_close(d->db);
	d->db = NULL;
	uri = db_sqlite_uri(path, "immutable=1");
	rc = sqlite3_open_v2(uri, &d->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_PRIVATECACHE, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return db_fail(&d->base, path, db_sqlite_code(d, rc), err);
	sqlite3_extended_result_codes(d->db, 1);
	return 0;
}

/*
 * Parapet runs one thread and one connection per database: SQLite's
 * mutexes and memory statistics cost about 5% of an import's instructions
 * for nothing. Configured once, before SQLite initialises itself.
 */
static void
db_sqlite_configure(void)
{
	static int	done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* 1 if the file and the folder it is in may be written by us. */
static int
db_sqlite_writable(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 ok;

	if (access(path, W_OK) == -1)
		return 0;
	if (slash == NULL)
		return access(".", W_OK) == 0;
	dir = slash == path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(slash - path), path);
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

struct db *
db_sqlite_open(const char *path, int flags, int *created, struct error *err)
{
	struct db_sqlite	*d;
	struct stat		 st;
	int			 oflags, rc, query_only = 0;

	*created = 0;
	if (stat(path, &st) == -1) {
		if (errno != ENOENT) {
			error_set(err, "cannot open database '%s': %s", path,
			    strerror(errno));
			return NULL;
		}
		if ((flags & DB_CREATE) == 0 || (flags & DB_READONLY_OPEN)) {
			error_set(err, "database '%s' does not exist", path);
			return NULL;
		}
		if ((*created = db_sqlite_create_file(path, err)) == -1) {
			*created = 0;
			return NULL;
		}
	} else if (S_ISDIR(st.st_mode)) {
		error_set(err, "'%s' is a directory, not a Parapet database",
		    path);
		return NULL;
	} else if (st.st_size > 0 && db_sqlite_check_magic(path, err) == -1)
		return NULL;

	/*
	 * A read where the file and its folder may be written opens the
	 * file for writing with every write refused (query_only): SQLite's
	 * last connection then folds and removes the -wal and -shm files it
	 * made, which a read-only connection cannot, so reading a model
	 * leaves nothing beside the database.
	 */
	if ((flags & DB_READONLY_OPEN) && db_sqlite_writable(path)) {
		flags &= ~DB_READONLY_OPEN;
		query_only = 1;
	}
	db_sqlite_configure();
	d = xcalloc(1, sizeof *d);
	d->base.ops = &db_sqlite_ops;
	oflags = (flags & DB_READONLY_OPEN) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &d->db, oflags | SQLITE_OPEN_PRIVATECACHE,
	    NULL);
	if (rc != SQLITE_OK) {
		db_fail(&d->base, path, db_sqlite_code(d, rc), err);
		goto fail;
	}
	sqlite3_extended_result_codes(d->db, 1);
	if (query_only && (rc = sqlite3_exec(d->db, "PRAGMA query_only = 1",
	    NULL, NULL, NULL)) != SQLITE_OK) {
		db_fail(&d->base, path, db_sqlite_code(d, rc), err);
		goto fail;
	}
	if ((flags & DB_READONLY_OPEN) &&
	    db_sqlite_open_immutable(d, path, err) == -1)
		goto fail;
	sqlite3_busy_timeout(d->db, DB_SQLITE_BUSY_MS);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(d->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* 64 MiB of page cache (the default is 2): a large register needs
	 * it, a small one never fills it. */
	sqlite3_exec(d->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	return &d->base;

fail:
	sqlite3_close(d->db);
	free(d);
	return NULL;
}

static void
db_sqlite_close(struct db *db)
{
	struct db_sqlite	*d = (struct db_sqlite *)db;

	sqlite3_close(d->db);
	free(d);
}

static int
db_sqlite_prepare(struct db *db, const char *sql, int persistent,
    struct db_stmt **out)
{
	struct db_sqlite	*d = (struct db_sqlite *)db;
	struct db_sqlite_stmt	*s;
	sqlite3_stmt		*st;
	int			 rc;

	*out = NULL;
	rc = sqlite3_prepare_v3(d->db, sql, -1, persistent ?
	    SQLITE_PREPARE_PERSISTENT : 0, &st, NULL);
	if (rc != SQLITE_OK)
		return db_sqlite_code(d, rc);
	s = xmalloc(sizeof *s);
	s->base.ops = &db_sqlite_ops;
	s->db = d;
	s->st = st;
	*out = &s->base;
	return DB_OK;
}

static void
db_sqlite_finalize(struct db_stmt *st)
{
	struct db_sqlite_stmt	*s = (struct db_sqlite_stmt *)st;

	sqlite3_finalize(s->st);
	free(s);
}

static int
db_sqlite_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	struct db_sqlite_stmt	*s = (struct db_sqlite_stmt *)st;

	return db_sqlite_code(s->db, sqlite3_bind_int64(s->st, i, v));
}

static int
db_sqlite_bind_text(struct db_stmt *st, int i, const char *v)
{
	struct db_sqlite_stmt	*s = (struct db_sqlite_stmt *)st;

	if (v == NULL)
		return db_sqlite_code(s->db, sqlite3_bind_null(s->st, i));
	return db_sqlite_code(s->db, sqlite3_bind_text(s->st, i, v, -1,
	    SQLITE_STATIC));
}

static int
db_sqlite_bind_null(struct db_stmt *st, int i)
{
	struct db_sqlite_stmt	*s = (struct db_sqlite_stmt *)st;

	return db_sqlite_code(s->db, sqlite3_bind_null(s->st, i));
}

static int
db_sqlite_step(struct db_stmt *st)
{
	struct db_sqlite_stmt	*s = (struct db_sqlite_stmt *)st;
	int			 rc = sqlite3_step(s->st);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return db_sqlite_code(s->db, rc);
}

static void
db_sqlite_reset(struct db_stmt *st)
{
	sqlite3_reset(((struct db_sqlite_stmt *)st)->st);
}

static void
db_sqlite_clear_bindings(struct db_stmt *st)
{
	sqlite3_clear_bindings(((struct db_sqlite_stmt *)st)->st);
}

static const char *
db_sqlite_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(
	    ((struct db_sqlite_stmt *)st)->st, i);
}

static int64_t
db_sqlite_column_int64(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(((struct db_sqlite_stmt *)st)->st, i);
}

static int
db_sqlite_column_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(((struct db_sqlite_stmt *)st)->st, i) ==
	    SQLITE_NULL;
}

static int
db_sqlite_exec(struct db *db, const char *sql)
{
	struct db_sqlite	*d = (struct db_sqlite *)db;

	return db_sqlite_code(d, sqlite3_exec(d->db, sql, NULL, NULL, NULL));
}

static int64_t
db_sqlite_changes(struct db *db)
{
	return sqlite3_changes(((struct db_sqlite *)db)->db);
}

static int64_t
db_sqlite_total_changes(struct db *db)
{
	return sqlite3_total_changes64(((struct db_sqlite *)db)->db);
}

static int
db_sqlite_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(((struct db_sqlite *)db)->db);
}

/* BEGIN IMMEDIATE took the file's write lock: every writer waits. */
static int
db_sqlite_lock_system(struct db *db, const char *system)
{
	(void)db;
	(void)system;
	return DB_OK;
}

/* A file tells no one: the store asks SQLite's data_version. */
static int
db_sqlite_notified(struct db *db)
{
	(void)db;
	return -1;
}

/* SQLite's text for the failure's code, or what our trigger raised. */
static const char *
db_sqlite_message(struct db *db)
{
	struct db_sqlite	*d = (struct db_sqlite *)db;

	if (d->rc == SQLITE_CONSTRAINT_TRIGGER)
		return sqlite3_errmsg(d->db);
	return sqlite3_errstr(d->rc);
}

static int
db_sqlite_sys_errno(struct db *db)
{
	return sqlite3_system_errno(((struct db_sqlite *)db)->db);
}

static void
db_sqlite_release_memory(struct db *db)
{
	sqlite3	*h = ((struct db_sqlite *)db)->db;

	/* Dirty pages are written first: only clean ones can be freed.
	   A failed write leaves them in the cache, for the commit. */
	(void)sqlite3_db_cacheflush(h);
	(void)sqlite3_db_release_memory(h);
}

static const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.server = 0,
	.close = db_sqlite_close,
	.prepare = db_sqlite_prepare,
	.finalize = db_sqlite_finalize,
	.bind_int64 = db_sqlite_bind_int64,
	.bind_text = db_sqlite_bind_text,
	.bind_null = db_sqlite_bind_null,
	.step = db_sqlite_step,
	.reset = db_sqlite_reset,
	.clear_bindings = db_sqlite_clear_bindings,
	.column_text = db_sqlite_column_text,
	.column_int64 = db_sqlite_column_int64,
	.column_is_null = db_sqlite_column_is_null,
	.exec = db_sqlite_exec,
	.changes = db_sqlite_changes,
	.total_changes = db_sqlite_total_changes,
	.in_transaction = db_sqlite_in_transaction,
	.lock_system = db_sqlite_lock_system,
	.notified = db_sqlite_notified,
	.message = db_sqlite_message,
	.sys_errno = db_sqlite_sys_errno,
	.release_memory = db_sqlite_release_memory,
};

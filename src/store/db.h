/*
 * db.h: the store's view of a SQL database, whichever engine holds it.
 *
 * The files of the store speak to a database only through these functions,
 * so that the engine is chosen in one place (db_open()) and each engine is
 * its own unit (db-sqlite.c, db-pg.c). No file outside src/store sees this
 * header but the store's tests.
 *
 * A statement is prepared once from SQL text with ? placeholders, then run
 * any number of times: bind its parameters (1-based), step it until it
 * says DB_DONE (each DB_ROW makes the columns, 0-based, readable until
 * the next step or reset), and reset it. A bound text is not copied: it
 * must live until the statement is reset. A column's text is borrowed from
 * the statement, and lives until the next step or reset.
 *
 * Every function that can fail returns a result code: DB_OK, DB_ROW or
 * DB_DONE when all is well, else one of the error classes below, and the
 * connection keeps a message about the failure (db_message()).
 */
#ifndef PARAPET_STORE_DB_H
#define PARAPET_STORE_DB_H

#include <stdint.h>

struct error;

/* Result codes. */
enum {
	DB_OK = 0,
	DB_ERROR,	/* anything not below: see db_message() */
	DB_BUSY,	/* locked by another connection or process */
	DB_FULL,	/* no space left */
	DB_CORRUPT,	/* the database is damaged */
	DB_NOTADB,	/* not a database of this engine */
	DB_READONLY,	/* a write to a database opened (or kept) read-only */
	DB_CANTOPEN,	/* cannot open it (db_errno() may say why) */
	DB_PERM,	/* refused by permissions */
	DB_IOERR,	/* an i/o error (db_errno() may say which) */
	DB_CONSTRAINT,	/* a key, NOT NULL or CHECK refused a row */
	DB_RAISED,	/* our own trigger refused it: db_message() says why */
	DB_ROW = 100,	/* db_step(): a row is ready */
	DB_DONE = 101	/* db_step(): no more rows */
};

/* db_open() flags. */
#define DB_CREATE	0x1	/* create the database if it does not exist */
#define DB_READONLY_OPEN 0x2	/* never write */

struct db;
struct db_stmt;

/* What each engine provides; the functions below call through it. */
struct db_ops {
	const char	*name;		/* "sqlite", "postgresql" */
	int		 server;	/* 1: a server's, not a file */
	void		(*close)(struct db *);
	int		(*prepare)(struct db *, const char *sql, int persistent,
			    struct db_stmt **);
	void		(*finalize)(struct db_stmt *);
	int		(*bind_int64)(struct db_stmt *, int, int64_t);
	int		(*bind_text)(struct db_stmt *, int, const char *);
	int		(*bind_null)(struct db_stmt *, int);
	int		(*step)(struct db_stmt *);
	void		(*reset)(struct db_stmt *);
	void		(*clear_bindings)(struct db_stmt *);
	const char	*(*column_text)(struct db_stmt *, int);
	int64_t		(*column_int64)(struct db_stmt *, int);
	int		(*column_is_null)(struct db_stmt *, int);
	int		(*exec)(struct db *, const char *sql);
	int64_t		(*changes)(struct db *);
	int64_t		(*total_changes)(struct db *);
	int		(*in_transaction)(struct db *);
	int		(*lock_system)(struct db *, const char *system);
	int		(*notified)(struct db *);
	const char	*(*message)(struct db *);
	int		(*sys_errno)(struct db *);
	/* Give back the memory of the page cache (NULL: nothing to do). */
	void		(*release_memory)(struct db *);
};

/* Every connection and statement begins with its engine's operations. */
struct db {
	const struct db_ops	*ops;
};

struct db_stmt {
	const struct db_ops	*ops;
};

/*
 * Open the database a store names. A PostgreSQL URI (postgresql://...,
 * postgres://...) or conninfo (host=... dbname=...) is a connection to
 * that server. Any other path is a SQLite file: created (private to its
 * owner) with DB_CREATE when absent (*created set to 1), refused untouched
 * when it is not SQLite. Messages name the database as display, which
 * db_display() makes. NULL with err set on failure; the caller's to
 * db_close().
 */
struct db	*db_open(const char *path, const char *display, int flags,
		     int *created, struct error *err);

/* 1 if a path names a database on a server (db-pg.c), not a file. */
int		 db_names_server(const char *path);

/*
 * How messages name a database: a path as it is, a server's URI or
 * conninfo without its password. The caller's to free.
 */
char		*db_display(const char *path);

/* PostgreSQL (db-pg.c): the three above, for a server's database. */
struct db	*db_pg_open(const char *conninfo, const char *display,
		     int flags, struct error *err);
int		 db_pg_names(const char *path);
char		*db_pg_display(const char *path);
/* For the tests: the statement a SQLite one becomes (db-pg.c). */
char		*db_pg_translate(const char *sql, int *nparams);

/* The same for a SQLite file (db-sqlite.c). */
struct db	*db_sqlite_open(const char *path, int flags, int *created,
		     struct error *err);

/*
 * Fill err with what a failure (code, the connection's message) means for
 * the database named path, in the store's words; never SQL. Returns -1.
 */
int		 db_fail(struct db *, const char *path, int code,
		     struct error *err);

/* 1 if the database is on a server (no file, no PRAGMA). */
static inline int
db_is_server(const struct db *db)
{
	return db->ops->server;
}

static inline void
db_close(struct db *db)
{
	if (db != NULL)
		db->ops->close(db);
}

/*
 * Compile a statement (persistent: it will be kept and run often). DB_OK
 * and *out set, or an error code and *out NULL.
 */
static inline int
db_prepare(struct db *db, const char *sql, int persistent,
    struct db_stmt **out)
{
	return db->ops->prepare(db, sql, persistent, out);
}

static inline void
db_finalize(struct db_stmt *st)
{
	if (st != NULL)
		st->ops->finalize(st);
}

static inline int
db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return st->ops->bind_int64(st, i, v);
}

/* Bind a text, or NULL when v is NULL; v must live until the reset. */
static inline int
db_bind_text(struct db_stmt *st, int i, const char *v)
{
	return st->ops->bind_text(st, i, v);
}

static inline int
db_bind_null(struct db_stmt *st, int i)
{
	return st->ops->bind_null(st, i);
}

/* DB_ROW, DB_DONE, or an error code. */
static inline int
db_step(struct db_stmt *st)
{
	return st->ops->step(st);
}

/* Make a statement ready to run again (its bindings stay). */
static inline void
db_reset(struct db_stmt *st)
{
	st->ops->reset(st);
}

static inline void
db_clear_bindings(struct db_stmt *st)
{
	st->ops->clear_bindings(st);
}

/* A column's text, NULL when it is NULL; borrowed until the next step. */
static inline const char *
db_column_text(struct db_stmt *st, int i)
{
	return st->ops->column_text(st, i);
}

/* A column as an integer, 0 when it is NULL. */
static inline int64_t
db_column_int64(struct db_stmt *st, int i)
{
	return st->ops->column_int64(st, i);
}

static inline int
db_column_int(struct db_stmt *st, int i)
{
	return (int)st->ops->column_int64(st, i);
}

static inline int
db_column_is_null(struct db_stmt *st, int i)
{
	return st->ops->column_is_null(st, i);
}

/* Run SQL text with no parameters and no rows wanted. */
static inline int
db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

/* Rows changed by the last INSERT, UPDATE or DELETE. */
static inline int64_t
db_changes(struct db *db)
{
	return db->ops->changes(db);
}

/* Rows changed through this connection since it opened. */
static inline int64_t
db_total_changes(struct db *db)
{
	return db->ops->total_changes(db);
}

/* 1 if a transaction is open (the engine has not rolled it back). */
static inline int
db_in_transaction(struct db *db)
{
	return db->ops->in_transaction(db);
}

/*
 * In a transaction begun with BEGIN IMMEDIATE, wait for the other writers
 * of one system (the models' system id) to finish, and keep them waiting
 * until this transaction ends; writers of other systems do not wait. An
 * engine whose BEGIN IMMEDIATE already waits for every writer (SQLite's
 * file lock) has nothing more to do. DB_BUSY after the busy timeout.
 */
static inline int
db_lock_system(struct db *db, const char *system)
{
	return db->ops->lock_system(db, system);
}

/*
 * 1 if another connection said it changed the database since the last
 * call, 0 if none did, -1 if the engine cannot say (ask it instead).
 */
static inline int
db_notified(struct db *db)
{
	return db->ops->notified(db);
}

/* What the last failure was, for a message; never SQL text. */
static inline const char *
db_message(struct db *db)
{
	return db->ops->message(db);
}

/* The errno behind the last DB_CANTOPEN or DB_IOERR, 0 if unknown. */
static inline int
db_errno(struct db *db)
{
	return db->ops->sys_errno(db);
}

/*
 * Write the pages changed so far to the file (in the transaction still)
 * and free the page cache, before a long computation that needs memory
 * more than the cache.
 */
static inline void
db_release_memory(struct db *db)
{
	if (db->ops->release_memory != NULL)
		db->ops->release_memory(db);
}

#endif

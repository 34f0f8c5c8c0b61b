/* db.c: choosing a database's engine, and what its failures mean. */
#include "config.h"

#include <string.h>

#include "store/db.h"
#include "util/error.h"
#include "util/xmalloc.h"

struct db *
db_open(const char *path, const char *display, int flags, int *created,
    struct error *err)
{
	*created = 0;
	if (db_pg_names(path))
		return db_pg_open(path, display, flags, err);
	return db_sqlite_open(path, flags, created, err);
}

int
db_names_server(const char *path)
{
	return db_pg_names(path);
}

char *
db_display(const char *path)
{
	if (db_pg_names(path))
		return db_pg_display(path);
	return xstrdup(path);
}

int
db_fail(struct db *db, const char *path, int code, struct error *err)
{
	int	e;

	switch (code) {
	case DB_BUSY:
		return error_set(err, "database '%s' is busy (locked by "
		    "another process)", path);
	case DB_FULL:
		return error_set(err, "disk full writing '%s'", path);
	case DB_CORRUPT:
		return error_set(err, "database '%s' is corrupt", path);
	case DB_NOTADB:
		return error_set(err, "'%s' is not a Parapet database", path);
	case DB_READONLY:
		return error_set(err, "database '%s' is read-only", path);
	case DB_CANTOPEN:
		if (db != NULL && (e = db_errno(db)) != 0)
			return error_set(err, "cannot open database '%s': %s",
			    path, strerror(e));
		return error_set(err, "cannot open database '%s'", path);
	case DB_PERM:
		return error_set(err, "no permission to use database '%s'",
		    path);
	case DB_IOERR:
		if (db != NULL && (e = db_errno(db)) != 0)
			return error_set(err, "i/o error on database '%s': %s",
			    path, strerror(e));
		return error_set(err, "i/o error on database '%s'", path);
	default:
		return error_set(err, "database '%s': %s", path,
		    db != NULL ? db_message(db) : "unknown error");
	}
}

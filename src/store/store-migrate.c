/*
 * store-migrate.c: recognising a Parapet database and bringing its schema
 * up to date.
 *
 * Our files carry STORE_APPLICATION_ID in PRAGMA application_id and the
 * schema version in PRAGMA user_version. A file is only ever written once
 * it is known to be ours (or brand new and empty): a foreign SQLite file, or
 * one written by a newer Parapet, is refused untouched. Each migration takes
 * the schema from one version to the next, inside one transaction.
 */
#include "config.h"

#include <string.h>

#include "store/store-int.h"
#include "util/error.h"

/* Schema 1: models, their objects and fields, risks, history. */
static const char *const store_schema_1[] = {
	"CREATE TABLE models ("
	"  system TEXT PRIMARY KEY NOT NULL,"
	"  name TEXT NOT NULL,"
	"  description TEXT,"
	"  owner TEXT,"
	"  criticality TEXT,"
	"  revision INTEGER NOT NULL,"
	"  created TEXT NOT NULL,"
	"  updated TEXT NOT NULL)",

	/* Boundaries, components and flows, in model order per type. */
	"CREATE TABLE objects ("
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  object TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  kind TEXT,"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (system, object))",

	/*
	 * Every field of every object by name, as its text form (field_get),
	 * so that new fields need no new columns. Object '' is the system.
	 */
	"CREATE TABLE fields ("
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  object TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (system, object, field))",

	"CREATE TABLE practices ("
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  note TEXT,"
	"  position INTEGER NOT NULL,"
	"  PRIMARY KEY (system, question))",

	/*
	 * Reasons are one line each, joined with newlines. proposed holds the
	 * ids of the mitigations the catalogue proposed at the last sync, one
	 * per line, so that a sync can tell when they changed.
	 */
	"CREATE TABLE risks ("
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  threat TEXT NOT NULL,"
	"  target TEXT NOT NULL,"
	"  title TEXT,"
	"  likelihood INTEGER NOT NULL,"
	"  impact INTEGER NOT NULL,"
	"  severity TEXT NOT NULL,"
	"  applies INTEGER NOT NULL,"
	"  reasons TEXT,"
	"  proposed TEXT,"
	"  status TEXT NOT NULL,"
	"  owner TEXT,"
	"  justification TEXT,"
	"  decided_by TEXT,"
	"  decided_at TEXT,"
	"  PRIMARY KEY (system, threat, target))",

	/* In the order they were added (rowid). */
	"CREATE TABLE risk_mitigations ("
	"  system TEXT NOT NULL,"
	"  threat TEXT NOT NULL,"
	"  target TEXT NOT NULL,"
	"  mitigation TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  owner TEXT,"
	"  due TEXT,"
	"  notes TEXT,"
	"  PRIMARY KEY (system, threat, target, mitigation),"
	"  FOREIGN KEY (system, threat, target)"
	"    REFERENCES risks (system, threat, target) ON DELETE CASCADE)",

	/* No foreign key: the history of a deleted model stays. */
	"CREATE TABLE history ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  system TEXT NOT NULL,"
	"  object TEXT,"
	"  field TEXT,"
	"  old_value TEXT,"
	"  new_value TEXT)",
	"CREATE INDEX history_by_system ON history (system, object)",

	/*
	 * History is append-only. Schema 1 let an XML import replace a
	 * model's history (naming it in history_unlock); schema 2 does not.
	 */
	"CREATE TABLE history_unlock (system TEXT PRIMARY KEY NOT NULL)",
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
	"WHEN NOT EXISTS (SELECT 1 FROM history_unlock"
	"  WHERE system = OLD.system) "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",

	"PRAGMA application_id = 1347571796",	/* STORE_APPLICATION_ID */
	"PRAGMA user_version = 1",
	NULL
};

/*
 * Schema 2: where a history entry came from (NULL: made here), and history
 * strictly append-only: an import appends, it no longer replaces.
 */
static const char *const store_schema_2[] = {
	"ALTER TABLE history ADD COLUMN source TEXT",
	"DROP TRIGGER history_no_delete",
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
	"DROP TABLE history_unlock",
	"PRAGMA user_version = 2",
	NULL
};

/* Migrations: store_migrations[v] takes schema v to schema v + 1. */
static const char *const *const store_migrations[STORE_SCHEMA_VERSION] = {
	store_schema_1,
	store_schema_2,
};

/* Run a one-row PRAGMA that returns an integer. */
static int
store_pragma_int(struct store *s, const char *sql, long *v,
    struct error *err)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, err);
	return 0;
}

/*
 * What the file is: 1 if ours (version in *version), 0 if empty and free to
 * take, -1 with err set if it must not be touched.
 */
static int
store_identify(struct store *s, long *version, struct error *err)
{
	long	appid, nschema;

	if (store_pragma_int(s, "PRAGMA application_id", &appid, err) == -1 ||
	    store_pragma_int(s, "PRAGMA user_version", version, err) == -1 ||
	    store_pragma_int(s, "SELECT count(*) FROM sqlite_master",
	    &nschema, err) == -1)
		return -1;
	if (appid == STORE_APPLICATION_ID) {
		if (*version > STORE_SCHEMA_VERSION)
			return error_set(err, "database '%s' was written by a "
			    "newer Parapet (schema %ld; this one reads up to "
			    "%d)", s->path, *version, STORE_SCHEMA_VERSION);
		return 1;
	}
	if (appid == 0 && *version == 0 && nschema == 0)
		return 0;
	return error_set(err, "'%s' is not a Parapet database", s->path);
}

/* Switch to write-ahead logging unless the file already uses it. */
static int
store_wal(struct store *s, struct error *err)
{
	sqlite3_stmt		*st;
	const unsigned char	*mode;
	int			 rc, wal;

	if ((st = store_prepare(s, "PRAGMA journal_mode", err)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(s, rc, err);
	}
	mode = sqlite3_column_text(st, 0);
	wal = mode != NULL && strcmp((const char *)mode, "wal") == 0;
	sqlite3_reset(st);
	if (wal)
		return 0;
	if ((st = store_prepare(s, "PRAGMA journal_mode = WAL", err)) == NULL)
		return -1;
	return store_run(s, st, err);
}

int
store_migrate(struct store *s, struct error *err)
{
	const char *const	*sql;
	sqlite3_stmt		*st;
	long			 version;
	int			 rc;

	if ((rc = store_identify(s, &version, err)) == -1)
		return -1;
	if (s->flags & STORE_READONLY) {
		if (rc == 0)
			return error_set(err, "'%s' is not a Parapet database",
			    s->path);
		if (version < STORE_SCHEMA_VERSION)
			return error_set(err, "database '%s' has schema %ld "
			    "and must be upgraded; open it once for writing",
			    s->path, version);
		return 0;
	}
	if (store_wal(s, err) == -1)
		return -1;
	if (version == STORE_SCHEMA_VERSION)
		return 0;

	if (store_begin(s, err) == -1)
		return -1;
	/* Someone may have migrated it while we waited for the lock. */
	if ((rc = store_identify(s, &version, err)) == -1)
		goto fail;
	for (; version < STORE_SCHEMA_VERSION; version++) {
		for (sql = store_migrations[version]; *sql != NULL; sql++) {
			/* Constant text, run once: no need to cache it. */
			rc = sqlite3_prepare_v2(s->db, *sql, -1, &st, NULL);
			if (rc != SQLITE_OK) {
				store_fail(s, rc, err);
				goto fail;
			}
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				;
			sqlite3_finalize(st);
			if (rc != SQLITE_DONE) {
				store_fail(s, rc, err);
				goto fail;
			}
		}
	}
	return store_commit(s, err);

fail:
	store_rollback(s);
	return -1;
}

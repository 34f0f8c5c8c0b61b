/*
 * store-schema-pg.c: the store's schema on a PostgreSQL server.
 *
 * The same tables, columns and keys as SQLite's schema 5 (store-migrate.c),
 * written for PostgreSQL: 64-bit integers, text compared byte by byte
 * (COLLATE "C", as SQLite compares), history's seq and the order of a
 * risk's mitigations (rowid) from sequences, history append-only by a
 * trigger. The version is the one row of parapet_schema. A database that
 * holds tables but no parapet_schema is not ours and is refused untouched;
 * one of a newer schema is refused as a newer SQLite file is.
 */
#include "config.h"

#include <stdlib.h>

#include "store/store-int.h"
#include "util/error.h"

#define T	"TEXT COLLATE \"C\""

/*
 * What a row written asks before the teams are checked: whether the
 * session may be restricted (register init). A superuser never is, and
 * counts as a member of every role.
 */
#define TEAM_GATE \
	"current_setting(''is_superuser'') = ''off'' AND " \
	"pg_has_role(session_user, ''parapet_teams'', ''MEMBER'')"

/*
 * The checks of teams (register init) on every table that holds rows of
 * systems, the summary excepted (only triggers write it): each a table
 * of the schema with a system column, so that a table a later schema
 * adds is checked too when the migration runs this again (a register
 * only: where register init made parapet_team_grants).
 */
#define STORE_PG_TEAM_TRIGGERS \
	"DO $$ DECLARE t text; BEGIN " \
	"IF to_regclass('parapet_team_grants') IS NULL THEN RETURN; END IF; " \
	"FOR t IN SELECT c.table_name FROM information_schema.columns c " \
	"JOIN information_schema.tables b ON b.table_schema = " \
	"c.table_schema AND b.table_name = c.table_name WHERE " \
	"c.table_schema = current_schema() AND c.column_name = 'system' " \
	"AND b.table_type = 'BASE TABLE' AND c.table_name <> 'risk_counts' " \
	"LOOP " \
	"EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_team', " \
	"t); " \
	"EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR " \
	"DELETE ON %I FOR EACH ROW WHEN (" TEAM_GATE ") " \
	"EXECUTE FUNCTION parapet_team_before()', t || '_team', t); " \
	"EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', " \
	"t || '_team_commit', t); " \
	"EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR " \
	"UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW " \
	"WHEN (" TEAM_GATE ") EXECUTE FUNCTION parapet_team_commit()', " \
	"t || '_team_commit', t); END LOOP; END $$"

/*
 * A new schema needs its PostgreSQL side here too (a migration from 5 on,
 * as store-migrate.c has for SQLite): this stops the build until it has.
 */
_Static_assert(STORE_SCHEMA_VERSION == 13, "schema changed: migrate "
    "PostgreSQL registers in store-schema-pg.c too");

/* Schema 5, whole: PostgreSQL registers start at it. */
static const char *const store_pg_schema_5[] = {
	"CREATE TABLE parapet_schema (version BIGINT NOT NULL)",
	"CREATE TABLE models ("
	"  system " T " PRIMARY KEY NOT NULL,"
	"  name " T " NOT NULL,"
	"  description " T ","
	"  owner " T ","
	"  criticality " T ","
	"  revision BIGINT NOT NULL,"
	"  created " T " NOT NULL,"
	"  updated " T " NOT NULL,"
	"  edited BIGINT,"
	"  file " T ","
	"  line BIGINT,"
	"  col BIGINT)",
	"CREATE TABLE objects ("
	"  system " T " NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  object " T " NOT NULL,"
	"  type " T " NOT NULL,"
	"  kind " T ","
	"  position BIGINT NOT NULL,"
	"  line BIGINT,"
	"  col BIGINT,"
	"  fields " T ","
	"  PRIMARY KEY (system, object))",
	"CREATE TABLE fields ("
	"  system " T " NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  object " T " NOT NULL,"
	"  field " T " NOT NULL,"
	"  value " T " NOT NULL,"
	"  PRIMARY KEY (system, object, field))",
	"CREATE TABLE practices ("
	"  system " T " NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  question " T " NOT NULL,"
	"  answer " T " NOT NULL,"
	"  note " T ","
	"  position BIGINT NOT NULL,"
	"  PRIMARY KEY (system, question))",
	"CREATE TABLE risks ("
	"  system " T " NOT NULL REFERENCES models (system) ON DELETE CASCADE,"
	"  threat " T " NOT NULL,"
	"  target " T " NOT NULL,"
	"  title " T ","
	"  likelihood BIGINT NOT NULL,"
	"  impact BIGINT NOT NULL,"
	"  severity " T " NOT NULL,"
	"  applies BIGINT NOT NULL,"
	"  reasons " T ","
	"  proposed " T ","
	"  status " T " NOT NULL,"
	"  owner " T ","
	"  justification " T ","
	"  decided_by " T ","
	"  decided_at " T ","
	"  assumed BIGINT,"
	"  PRIMARY KEY (system, threat, target))",
	/*
	 * rowid: the order they were added in, as SQLite's rowid. The key
	 * to the risk can wait for the commit (a rename moves both).
	 */
	"CREATE TABLE risk_mitigations ("
	"  rowid BIGSERIAL NOT NULL,"
	"  system " T " NOT NULL,"
	"  threat " T " NOT NULL,"
	"  target " T " NOT NULL,"
	"  mitigation " T " NOT NULL,"
	"  status " T " NOT NULL,"
	"  owner " T ","
	"  due " T ","
	"  notes " T ","
	"  PRIMARY KEY (system, threat, target, mitigation),"
	"  FOREIGN KEY (system, threat, target)"
	"    REFERENCES risks (system, threat, target) ON DELETE CASCADE"
	"    DEFERRABLE INITIALLY IMMEDIATE)",
	"CREATE TABLE history ("
	"  seq BIGSERIAL PRIMARY KEY,"
	"  at " T " NOT NULL,"
	"  who " T " NOT NULL,"
	"  system " T " NOT NULL,"
	"  object " T ","
	"  field " T ","
	"  old_value " T ","
	"  new_value " T ","
	"  source " T ","
	"  revision BIGINT,"
	"  was " T ")",
	"CREATE INDEX history_by_system ON history (system, object)",
	"CREATE INDEX risks_by_severity ON risks (system, severity, status, "
	"assumed, decided_at, owner, applies) WHERE applies = 1",
	"CREATE INDEX risks_state ON risks (system, threat, target, applies, "
	"severity, status, owner)",
	"CREATE FUNCTION parapet_history_append_only() RETURNS trigger "
	"LANGUAGE plpgsql AS $$ BEGIN "
	"RAISE EXCEPTION 'history is append-only'; END $$",
	"CREATE TRIGGER history_no_change BEFORE UPDATE OR DELETE ON history "
	"FOR EACH ROW EXECUTE FUNCTION parapet_history_append_only()",
	"CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
	"FOR EACH STATEMENT EXECUTE FUNCTION parapet_history_append_only()",
	/* SQLite sums comparisons (0 or 1): so does the store's SQL. */
	"CREATE FUNCTION parapet_sum_bool(bigint, boolean) RETURNS bigint "
	"LANGUAGE sql IMMUTABLE AS "
	"'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END'",
	"CREATE AGGREGATE sum(boolean) (SFUNC = parapet_sum_bool, "
	"STYPE = bigint, INITCOND = '0')",
	/*
	 * Every statement that writes counts in parapet_changes, which a
	 * client reads to know whether anything may have changed since it
	 * looked (store_mark()); a sequence, so that writers never wait on
	 * each other for it. A transaction that changed anything notifies
	 * parapet_changes when it commits (LISTEN).
	 */
	"CREATE SEQUENCE parapet_changes",
	"CREATE FUNCTION parapet_changed() RETURNS trigger "
	"LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('parapet_changes'); "
	"PERFORM pg_notify('parapet_changes', ''); RETURN NULL; END $$",
	"DO $$ DECLARE t text; BEGIN "
	"FOREACH t IN ARRAY ARRAY['models', 'objects', 'fields', "
	"'practices', 'risks', 'risk_mitigations', 'history'] LOOP "
	"EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE "
	"ON %I FOR EACH STATEMENT EXECUTE FUNCTION parapet_changed()', "
	"t || '_changed', t); END LOOP; END $$",
	"INSERT INTO parapet_schema (version) VALUES (5)",
	NULL
};

/*
 * Schema 6, from 5: the register's summary, and the copy of a risk's
 * state on its mitigations' rows, as store-migrate.c says for SQLite.
 * Triggers keep both current in the writer's own transaction; they run
 * as the owner of the tables (SECURITY DEFINER), so that they follow the
 * risks whoever writes them, and no role but the owner may write them
 * directly. Two writers of different systems
 * touch different rows of it, and never wait for each other there.
 */
static const char *const store_pg_schema_6[] = {
	"CREATE TABLE risk_counts ("
	"  system " T " NOT NULL,"
	"  severity " T " NOT NULL,"
	"  status " T " NOT NULL,"
	"  assumed BIGINT NOT NULL,"
	"  owner " T " NOT NULL,"
	"  n BIGINT NOT NULL,"
	"  PRIMARY KEY (system, severity, status, assumed, owner))",
	"INSERT INTO risk_counts SELECT system, severity, status, "
	"coalesce(assumed, 0), coalesce(owner, ''), count(*) FROM risks "
	"WHERE applies = 1 GROUP BY 1, 2, 3, 4, 5",
	"CREATE FUNCTION parapet_risk_counts() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
	"BEGIN "
	"IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.applies = 1 THEN "
	"UPDATE risk_counts SET n = n - 1 WHERE system = OLD.system AND "
	"severity = OLD.severity AND status = OLD.status AND "
	"assumed = coalesce(OLD.assumed, 0) AND "
	"owner = coalesce(OLD.owner, ''); "
	"DELETE FROM risk_counts WHERE n <= 0 AND system = OLD.system AND "
	"severity = OLD.severity AND status = OLD.status AND "
	"assumed = coalesce(OLD.assumed, 0) AND "
	"owner = coalesce(OLD.owner, ''); END IF; "
	"IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.applies = 1 THEN "
	"INSERT INTO risk_counts VALUES (NEW.system, NEW.severity, "
	"NEW.status, coalesce(NEW.assumed, 0), coalesce(NEW.owner, ''), 1) "
	"ON CONFLICT (system, severity, status, assumed, owner) "
	"DO UPDATE SET n = risk_counts.n + 1; END IF; "
	"RETURN NULL; END $$",
	"CREATE TRIGGER risk_counts_insert AFTER INSERT OR DELETE ON risks "
	"FOR EACH ROW EXECUTE FUNCTION parapet_risk_counts()",
	"CREATE TRIGGER risk_counts_update AFTER UPDATE OF system, severity, "
	"status, assumed, owner, applies ON risks "
	"FOR EACH ROW EXECUTE FUNCTION parapet_risk_counts()",
	"CREATE INDEX risks_review ON risks (system, severity, decided_at, "
	"owner) WHERE applies = 1 AND status = 'accepted'",
	/* What the register reads of a mitigation's risk, on its row. */
	"ALTER TABLE risk_mitigations ADD COLUMN risk_severity " T ", "
	"ADD COLUMN risk_status " T ", ADD COLUMN risk_applies BIGINT, "
	"ADD COLUMN risk_owner " T ", ADD COLUMN risk_title " T,
	"UPDATE risk_mitigations x SET (risk_severity, risk_status, "
	"risk_applies, risk_owner, risk_title) = (r.severity, r.status, "
	"r.applies, r.owner, r.title) FROM risks r WHERE r.system = x.system "
	"AND r.threat = x.threat AND r.target = x.target",
	"CREATE FUNCTION parapet_mitigation_risk() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
	"BEGIN SELECT r.severity, r.status, r.applies, r.owner, r.title "
	"INTO NEW.risk_severity, NEW.risk_status, NEW.risk_applies, "
	"NEW.risk_owner, NEW.risk_title FROM risks r WHERE "
	"r.system = NEW.system AND r.threat = NEW.threat AND "
	"r.target = NEW.target; RETURN NEW; END $$",
	"CREATE TRIGGER mitigation_risk BEFORE INSERT OR UPDATE OF system, "
	"threat, target ON risk_mitigations "
	"FOR EACH ROW EXECUTE FUNCTION parapet_mitigation_risk()",
	"CREATE FUNCTION parapet_risk_mitigations() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$ "
	"BEGIN UPDATE risk_mitigations SET risk_severity = NEW.severity, "
	"risk_status = NEW.status, risk_applies = NEW.applies, "
	"risk_owner = NEW.owner, risk_title = NEW.title WHERE "
	"system = NEW.system AND threat = NEW.threat AND "
	"target = NEW.target; RETURN NULL; END $$",
	"CREATE TRIGGER risk_mitigations_insert AFTER INSERT ON risks "
	"FOR EACH ROW EXECUTE FUNCTION parapet_risk_mitigations()",
	"CREATE TRIGGER risk_mitigations_update AFTER UPDATE OF system, "
	"threat, target, severity, status, applies, owner, title ON risks "
	"FOR EACH ROW EXECUTE FUNCTION parapet_risk_mitigations()",
	"CREATE INDEX mitigations_due ON risk_mitigations (system, due, "
	"risk_applies, risk_status, risk_severity) WHERE due IS NOT NULL AND "
	"status NOT IN ('implemented', 'verified', 'rejected')",
	"DROP INDEX risks_by_severity",
	"DROP INDEX risks_state",
	/* A register made by register init: its roles read it too. */
	"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles "
	"WHERE rolname = 'parapet_reader') THEN "
	"GRANT SELECT ON risk_counts TO parapet_admin, parapet_editor, "
	"parapet_decider, parapet_reader; END IF; END $$",
	/* Planned for on the counts of now, not of an empty table. */
	"ANALYZE risks",
	"ANALYZE risk_mitigations",
	"ANALYZE risk_counts",
	"UPDATE parapet_schema SET version = 6",
	NULL
};

/* Schema 7, from 6: the open questions, as store-migrate.c says. */
static const char *const store_pg_schema_7[] = {
	"CREATE TABLE open_questions_at ("
	"  system " T " PRIMARY KEY NOT NULL REFERENCES models (system) "
	"    ON DELETE CASCADE,"
	"  edited BIGINT,"
	"  n BIGINT NOT NULL)",
	"CREATE TABLE open_questions ("
	"  system " T " NOT NULL REFERENCES open_questions_at (system) "
	"    ON DELETE CASCADE,"
	"  position BIGINT NOT NULL,"
	"  element " T " NOT NULL,"
	"  field " T " NOT NULL,"
	"  worst " T " NOT NULL,"
	"  risks " T " NOT NULL,"
	"  PRIMARY KEY (system, position))",
	/* A register: those who edit models find them; all read them. */
	"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles "
	"WHERE rolname = 'parapet_reader') THEN "
	"GRANT SELECT ON open_questions_at, open_questions TO "
	"parapet_admin, parapet_editor, parapet_decider, parapet_reader; "
	"GRANT INSERT, UPDATE, DELETE ON open_questions_at, open_questions "
	"TO parapet_admin, parapet_editor; END IF; END $$",
	"UPDATE parapet_schema SET version = 7",
	NULL
};

/* Schema 8, from 7: the few risks counted apart, as store-migrate.c says. */
static const char *const store_pg_schema_8[] = {
	"CREATE INDEX risks_gone ON risks (system) WHERE applies = 0",
	"CREATE INDEX risks_unsure ON risks (system) WHERE applies = 1 AND "
	"assumed IS NULL",
	"UPDATE parapet_schema SET version = 8",
	NULL
};

/*
 * Schema 9, from 8: the risks in the screens' order, an index that schema
 * 10 makes, as store-migrate.c says.
 */
static const char *const store_pg_schema_9[] = {
	"UPDATE parapet_schema SET version = 9",
	NULL
};

/*
 * Schema 10, from 9: the assumed column of every risk set, from its
 * reasons where a merge left it unset, and never unset again; the risks'
 * order indexed from that column alone, as store-migrate.c says.
 */
static const char *const store_pg_schema_10[] = {
	"UPDATE risks SET assumed = " STORE_ASSUMED_FROM_REASONS " "
	"WHERE assumed IS NULL",
	"ALTER TABLE risks ALTER COLUMN assumed SET NOT NULL",
	"DROP INDEX risks_unsure",
	"DROP INDEX IF EXISTS risks_order",
	"CREATE INDEX risks_order ON risks (system, (" STORE_RISK_ORDER "), "
	"threat, target)",
	"UPDATE parapet_schema SET version = 10",
	NULL
};

/* Schema 11, from 10: which analysis made the register, as store-migrate.c says. */
static const char *const store_pg_schema_11[] = {
	"ALTER TABLE open_questions_at ADD COLUMN revision BIGINT",
	"ALTER TABLE open_questions_at ADD COLUMN analysis " T,
	"UPDATE parapet_schema SET version = 11",
	NULL
};

/* Schema 12, from 11: the objects by type, as store-migrate.c says. */
static const char *const store_pg_schema_12[] = {
	"CREATE INDEX objects_by_type ON objects (system, type, position, "
	"object)",
	"UPDATE parapet_schema SET version = 12",
	NULL
};

/* Schema 13, from 12: the open questions' titles once, as store-migrate.c says. */
static const char *const store_pg_schema_13[] = {
	"ALTER TABLE open_questions_at ADD COLUMN titles " T,
	"UPDATE parapet_schema SET version = 13",
	NULL
};

/* Run constant statements once each. */
static int
store_pg_run_all(struct store *s, const char *const *sql, struct error *err)
{
	int	rc;

	for (; *sql != NULL; sql++)
		if ((rc = db_exec(s->db, *sql)) != DB_OK)
			return store_fail(s, rc, err);
	return 0;
}

/*
 * What the database is: 1 if ours (version in *version), 0 if it has no
 * tables and is free to take, -1 with err set if it must not be touched.
 */
static int
store_pg_identify(struct store *s, long *version, struct error *err)
{
	static const char *const probe = "SELECT "
	    "to_regclass('parapet_schema') IS NOT NULL, "
	    "(SELECT count(*) FROM pg_catalog.pg_tables "
	    "WHERE schemaname = current_schema())";
	static const char *const get = "SELECT max(version) "
	    "FROM parapet_schema";
	struct db_stmt	*st;
	long		 ours = 0, ntables = 0;
	int		 rc;

	if ((st = store_prepare(s, probe, err)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		ours = (long)db_column_int64(st, 0);
		ntables = (long)db_column_int64(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, rc, err);
	if (!ours)
		return ntables == 0 ? 0 : error_set(err, "'%s' is not a "
		    "Parapet database", s->path);
	if ((st = store_prepare(s, get, err)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW)
		*version = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, rc, err);
	if (*version > STORE_SCHEMA_VERSION)
		return error_set(err, "database '%s' was written by a newer "
		    "Parapet (schema %ld; this one reads up to %d)", s->path,
		    *version, STORE_SCHEMA_VERSION);
	return 1;
}

int
store_migrate_pg(struct store *s, struct error *err)
{
	long	version = 0;
	int	rc;

	if ((rc = store_pg_identify(s, &version, err)) == -1)
		return -1;
	if (rc == 1 && version == STORE_SCHEMA_VERSION)
		return 0;
	if (s->flags & STORE_READONLY) {
		if (rc == 0)
			return error_set(err, "'%s' is not a Parapet database",
			    s->path);
		return error_set(err, "database '%s' has schema %ld and must "
		    "be upgraded; open it once for writing", s->path,
		    version);
	}
	if (rc == 1 && version < 5)
		return error_set(err, "database '%s' has schema %ld, which "
		    "this Parapet cannot upgrade", s->path, version);
	/*
	 * Two first uses at once: one creates or migrates, the other finds
	 * it done. The lock is the one every writer shares (db-pg.c), taken
	 * alone: no writer is in the middle of a change meanwhile. Not shared
	 * first, then taken alone: two first uses would wait for each other.
	 */
	if (store_begin_exclusive(s, err) == -1)
		return -1;
	if ((rc = store_pg_identify(s, &version, err)) == -1)
		goto fail;
	if (rc == 0 && store_pg_run_all(s, store_pg_schema_5, err) == -1)
		goto fail;
	if ((rc == 0 || version == 5) &&
	    store_pg_run_all(s, store_pg_schema_6, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 6) &&
	    store_pg_run_all(s, store_pg_schema_7, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 7) &&
	    store_pg_run_all(s, store_pg_schema_8, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 8) &&
	    store_pg_run_all(s, store_pg_schema_9, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 9) &&
	    store_pg_run_all(s, store_pg_schema_10, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 10) &&
	    store_pg_run_all(s, store_pg_schema_11, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 11) &&
	    store_pg_run_all(s, store_pg_schema_12, err) == -1)
		goto fail;
	if ((rc == 0 || version <= 12) &&
	    store_pg_run_all(s, store_pg_schema_13, err) == -1)
		goto fail;
	if ((rc = db_exec(s->db, STORE_PG_TEAM_TRIGGERS)) != DB_OK) {
		store_fail(s, rc, err);
		goto fail;
	}
	return store_commit(s, err);

fail:
	store_rollback(s);
	return -1;
}

/*
 * An organisation's register (parapet register init): four group roles,
 * which members (login roles) inherit, and what each may do, enforced by
 * the server. Roles belong to the whole cluster: made once, then granted
 * again on each register. An editor edits models, and the analysis that
 * follows rewrites the scoring of their risks, not their decisions; a
 * decider decides risks and mitigations (which counts a revision of the
 * model); a reader reads; an administrator may do all that and give the
 * roles to others. Nobody may change or remove history, and the author of
 * an entry is the server's session user, whatever the client says.
 */
static const char *const store_pg_roles[] = {
	"DO $$ DECLARE r text; BEGIN "
	"FOREACH r IN ARRAY ARRAY['parapet_admin', 'parapet_editor', "
	"'parapet_decider', 'parapet_reader', 'parapet_teams'] LOOP "
	"IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles "
	"WHERE rolname = r) THEN "
	"EXECUTE format('CREATE ROLE %I NOLOGIN', r); END IF; END LOOP; "
	"END $$",
	"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
	"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC",
	"DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO "
	"parapet_admin, parapet_editor, parapet_decider, parapet_reader', "
	"current_database()); END $$",
	"GRANT USAGE ON SCHEMA public TO parapet_admin, parapet_editor, "
	"parapet_decider, parapet_reader",
	"GRANT SELECT ON ALL TABLES IN SCHEMA public TO parapet_admin, "
	"parapet_editor, parapet_decider, parapet_reader",
	/* History: appended to by those who change, by nobody else. */
	"GRANT INSERT ON history TO parapet_admin, parapet_editor, "
	"parapet_decider",
	"GRANT USAGE ON SEQUENCE history_seq_seq TO parapet_admin, "
	"parapet_editor, parapet_decider",
	"GRANT SELECT ON SEQUENCE parapet_changes TO parapet_admin, "
	"parapet_editor, parapet_decider, parapet_reader",
	"GRANT USAGE ON SEQUENCE parapet_changes TO parapet_admin, "
	"parapet_editor, parapet_decider",
	/* Editors: the models, and the scoring of their risks. */
	"GRANT INSERT, UPDATE, DELETE ON models, objects, fields, practices, "
	"open_questions_at, open_questions TO parapet_editor",
	"GRANT INSERT, DELETE ON risks TO parapet_editor",
	"GRANT UPDATE (system, threat, target, title, likelihood, impact, "
	"severity, applies, reasons, proposed, assumed) ON risks "
	"TO parapet_editor",
	"GRANT DELETE ON risk_mitigations TO parapet_editor",
	"GRANT UPDATE (system, threat, target) ON risk_mitigations "
	"TO parapet_editor",
	/* Deciders: decisions on risks and mitigations, a revision each. */
	"GRANT UPDATE (status, owner, justification, decided_by, decided_at) "
	"ON risks TO parapet_decider",
	"GRANT INSERT, UPDATE, DELETE ON risk_mitigations TO parapet_decider",
	"GRANT USAGE ON SEQUENCE risk_mitigations_rowid_seq TO "
	"parapet_decider, parapet_admin",
	"GRANT UPDATE (revision) ON models TO parapet_decider",
	/* Administrators: everything but history, and the roles. */
	"GRANT INSERT, UPDATE, DELETE ON models, objects, fields, practices, "
	"risks, risk_mitigations, open_questions_at, open_questions "
	"TO parapet_admin",
	"GRANT parapet_editor, parapet_decider, parapet_reader "
	"TO parapet_admin WITH ADMIN OPTION",
	/*
	 * The author of an entry is who the server says is connected. An
	 * entry brought from another database (push, pull, an XML import)
	 * keeps the author it had there, which it is marked as imported
	 * for (nothing vouches for it, as in a file), so that the same
	 * entry is known again; who appended it is appended_by, always.
	 */
	"ALTER TABLE history ALTER COLUMN who SET DEFAULT session_user",
	"ALTER TABLE history ADD COLUMN IF NOT EXISTS appended_by " T " "
	"DEFAULT session_user",
	"CREATE OR REPLACE FUNCTION parapet_history_author() RETURNS trigger "
	"LANGUAGE plpgsql AS $$ BEGIN NEW.appended_by := session_user; "
	"IF NEW.source IS NULL OR NEW.source NOT LIKE 'imported from %' "
	"THEN NEW.who := session_user; END IF; RETURN NEW; END $$",
	"DROP TRIGGER IF EXISTS history_author ON history",
	"CREATE TRIGGER history_author BEFORE INSERT ON history "
	"FOR EACH ROW EXECUTE FUNCTION parapet_history_author()",
	/*
	 * Teams (parapet register grant): a login role granted teams may
	 * write only the systems whose team (the system's team field) is
	 * one of them; a role granted none writes as its groups let it.
	 * Everyone reads every system: the register is the organisation's.
	 * Only an administrator writes the grants. A row of a system is
	 * refused before it changes unless the system is of one of the
	 * role's teams or new in this transaction (its models row made by
	 * it: its team is not written yet); at commit, every system the
	 * role wrote that still exists must be of one of its teams, so that
	 * a system can neither be made for nor moved to another team. Both
	 * read as the owner (SECURITY DEFINER) and by session_user, which
	 * SET ROLE does not change. Where pg_current_xact_id() gives the
	 * transaction's id, the models row's xmin says whether it made it.
	 */
	"CREATE TABLE IF NOT EXISTS parapet_team_grants ("
	"  role " T " NOT NULL,"
	"  team " T " NOT NULL,"
	"  PRIMARY KEY (role, team))",
	"REVOKE ALL ON parapet_team_grants FROM PUBLIC",
	"GRANT SELECT ON parapet_team_grants TO parapet_admin, "
	"parapet_editor, parapet_decider, parapet_reader",
	"GRANT INSERT, DELETE ON parapet_team_grants TO parapet_admin",
	/*
	 * The roles granted teams are members of parapet_teams, which the
	 * grants keep so (as the owner, who made the role), and which is
	 * what every row written asks first (TEAM_GATE): the other roles
	 * pass at the cost of a membership test. A superuser, a member of
	 * every role, with no teams of its own is not restricted.
	 */
	"CREATE OR REPLACE FUNCTION parapet_team_member() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN "
	"IF TG_OP = 'INSERT' THEN "
	"EXECUTE format('GRANT parapet_teams TO %I', NEW.role); "
	"ELSIF NOT EXISTS (SELECT 1 FROM parapet_team_grants "
	"WHERE role = OLD.role) THEN "
	"EXECUTE format('REVOKE parapet_teams FROM %I', OLD.role); END IF; "
	"RETURN NULL; END $$",
	"DROP TRIGGER IF EXISTS parapet_team_member ON parapet_team_grants",
	"CREATE TRIGGER parapet_team_member AFTER INSERT OR DELETE ON "
	"parapet_team_grants FOR EACH ROW "
	"EXECUTE FUNCTION parapet_team_member()",
	"CREATE OR REPLACE FUNCTION parapet_restricted() RETURNS boolean "
	"LANGUAGE sql STABLE SECURITY DEFINER AS $$ SELECT "
	"pg_has_role(session_user, 'parapet_teams', 'MEMBER') AND EXISTS "
	"(SELECT 1 FROM parapet_team_grants WHERE role = session_user) $$",
	"CREATE OR REPLACE FUNCTION parapet_team_of(s text) RETURNS boolean "
	"LANGUAGE sql STABLE SECURITY DEFINER "
	"AS $$ SELECT EXISTS (SELECT 1 FROM fields f JOIN "
	"parapet_team_grants g ON g.team = f.value WHERE f.system = s AND "
	"f.object = '' AND f.field = 'team' AND g.role = session_user) $$",
	"CREATE OR REPLACE FUNCTION parapet_team_before() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER AS $$ "
	"DECLARE s text; made boolean; BEGIN "
	"IF NOT parapet_restricted() THEN "
	"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END IF; "
	"FOREACH s IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN "
	"OLD.system END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.system END] "
	"LOOP CONTINUE WHEN s IS NULL; "
	"SELECT m.xmin::text::bigint = "
	"pg_current_xact_id()::text::bigint % 4294967296 INTO made "
	"FROM models m WHERE m.system = s; "
	"IF FOUND AND NOT made AND NOT parapet_team_of(s) THEN "
	"RAISE EXCEPTION 'permission denied: system ''%'' is not of a team "
	"of %', s, session_user USING ERRCODE = '42501'; END IF; END LOOP; "
	"IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$",
	"CREATE OR REPLACE FUNCTION parapet_team_commit() RETURNS trigger "
	"LANGUAGE plpgsql SECURITY DEFINER AS $$ "
	"DECLARE s text; BEGIN "
	"IF NOT parapet_restricted() THEN RETURN NULL; END IF; "
	"IF TG_OP = 'DELETE' THEN s := OLD.system; ELSE s := NEW.system; "
	"END IF; "
	"IF EXISTS (SELECT 1 FROM models WHERE system = s) AND "
	"NOT parapet_team_of(s) THEN "
	"RAISE EXCEPTION 'permission denied: system ''%'' would not be of a "
	"team of %', s, session_user USING ERRCODE = '42501'; END IF; "
	"RETURN NULL; END $$",
	STORE_PG_TEAM_TRIGGERS,
	/*
	 * What runs as the owner reads and writes the register's own
	 * tables, never a session's temporary ones of the same names (a
	 * search path names pg_temp first unless it names it last).
	 */
	"DO $$ DECLARE f regprocedure; BEGIN "
	"FOREACH f IN ARRAY ARRAY['parapet_risk_counts()', "
	"'parapet_mitigation_risk()', 'parapet_risk_mitigations()', "
	"'parapet_team_member()', 'parapet_restricted()', "
	"'parapet_team_of(text)', 'parapet_team_before()', "
	"'parapet_team_commit()']::regprocedure[] LOOP "
	"EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', "
	"f, current_schema()); END LOOP; END $$",
	NULL
};

/*
 * Grant (or with revoke, take back) a team to a login role of a register
 * (parapet register grant): as an administrator, or the register's owner.
 */
int
store_grant_team(const char *path, const char *role, const char *team,
    int revoke, struct error *err)
{
	static const char *const grant = "INSERT INTO parapet_team_grants "
	    "(role, team) VALUES (?, ?) ON CONFLICT DO NOTHING";
	static const char *const take = "DELETE FROM parapet_team_grants "
	    "WHERE role = ? AND team = ?";
	static const char *const known = "SELECT "
	    "(SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?1), "
	    "(SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = "
	    "'parapet_team_grants' AND schemaname = current_schema())";
	struct store	*s;
	struct db_stmt	*st;
	int		 rc, nrole = 0, ntable = 0;

	if (!db_names_server(path))
		return error_set(err, "'%s' is not a PostgreSQL database: "
		    "teams are granted on a register (a SQLite file has no "
		    "roles)", path);
	if ((s = store_open(path, 0, err)) == NULL)
		return -1;
	if (store_begin_exclusive(s, err) == -1)
		goto fail;
	if ((st = store_prepare(s, known, err)) == NULL)
		goto fail_rollback;
	store_bind(st, 1, role);
	if ((rc = db_step(st)) == DB_ROW) {
		nrole = (int)db_column_int64(st, 0);
		ntable = (int)db_column_int64(st, 1);
	}
	db_reset(st);
	if (rc != DB_ROW) {
		store_fail(s, rc, err);
		goto fail_rollback;
	}
	if (ntable == 0) {
		error_set(err, "%s has no teams to grant: run 'parapet "
		    "register init' on it first", store_name(s));
		goto fail_rollback;
	}
	if (nrole == 0) {
		error_set(err, "no role '%s' on the server of %s", role,
		    store_name(s));
		goto fail_rollback;
	}
	if ((st = store_prepare(s, revoke ? take : grant, err)) == NULL)
		goto fail_rollback;
	store_bind(st, 1, role);
	store_bind(st, 2, team);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE) {
		store_fail(s, rc, err);
		goto fail_rollback;
	}
	if (store_commit(s, err) == -1)
		goto fail;
	store_close(s);
	return 0;

fail_rollback:
	store_rollback(s);
fail:
	store_close(s);
	return -1;
}

int
store_init_register(const char *path, struct error *err)
{
	struct store	*s;

	if (!db_names_server(path))
		return error_set(err, "'%s' is not a PostgreSQL database: "
		    "register init takes a postgresql:// URI or a conninfo "
		    "(a SQLite file needs no roles)", path);
	if ((s = store_open(path, STORE_CREATE, err)) == NULL)
		return -1;
	/* GRANTs of two at once could collide: one after the other. */
	if (store_begin_exclusive(s, err) == -1)
		goto fail;
	if (store_pg_run_all(s, store_pg_roles, err) == -1) {
		store_rollback(s);
		goto fail;
	}
	if (store_commit(s, err) == -1)
		goto fail;
	store_close(s);
	return 0;

fail:
	store_close(s);
	return -1;
}

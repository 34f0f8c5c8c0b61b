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

#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/*
 * The columns of the first schema's tables, which a new database makes
 * too (store_schema_new, with the columns later schemas added): one text,
 * as SQLite keeps it.
 */
#define STORE_MODELS_1 \
	"  system TEXT PRIMARY KEY NOT NULL," \
	"  name TEXT NOT NULL," \
	"  description TEXT," \
	"  owner TEXT," \
	"  criticality TEXT," \
	"  revision INTEGER NOT NULL," \
	"  created TEXT NOT NULL," \
	"  updated TEXT NOT NULL"
#define STORE_PRACTICES \
	"CREATE TABLE practices (" \
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE," \
	"  question TEXT NOT NULL," \
	"  answer TEXT NOT NULL," \
	"  note TEXT," \
	"  position INTEGER NOT NULL," \
	"  PRIMARY KEY (system, question))"
#define STORE_RISKS_1 \
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE," \
	"  threat TEXT NOT NULL," \
	"  target TEXT NOT NULL," \
	"  title TEXT," \
	"  likelihood INTEGER NOT NULL," \
	"  impact INTEGER NOT NULL," \
	"  severity TEXT NOT NULL," \
	"  applies INTEGER NOT NULL," \
	"  reasons TEXT," \
	"  proposed TEXT," \
	"  status TEXT NOT NULL," \
	"  owner TEXT," \
	"  justification TEXT," \
	"  decided_by TEXT," \
	"  decided_at TEXT,"
#define STORE_RISKS_KEY	"  PRIMARY KEY (system, threat, target))"
#define STORE_MITIGATIONS_1 \
	"  system TEXT NOT NULL," \
	"  threat TEXT NOT NULL," \
	"  target TEXT NOT NULL," \
	"  mitigation TEXT NOT NULL," \
	"  status TEXT NOT NULL," \
	"  owner TEXT," \
	"  due TEXT," \
	"  notes TEXT,"
#define STORE_MITIGATIONS_KEY \
	"  PRIMARY KEY (system, threat, target, mitigation)," \
	"  FOREIGN KEY (system, threat, target)" \
	"    REFERENCES risks (system, threat, target) ON DELETE CASCADE)"
#define STORE_HISTORY_1 \
	"  seq INTEGER PRIMARY KEY," \
	"  at TEXT NOT NULL," \
	"  who TEXT NOT NULL," \
	"  system TEXT NOT NULL," \
	"  object TEXT," \
	"  field TEXT," \
	"  old_value TEXT," \
	"  new_value TEXT"
#define STORE_NO_UPDATE \
	"CREATE TRIGGER history_no_update BEFORE UPDATE ON history " \
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"

/*
 * Schema 1: models, their objects and fields, risks, history. (A new file
 * is made at the latest schema at once, store_schema_new below.)
 */
static const char *const store_schema_1[] = {
	"CREATE TABLE models (" STORE_MODELS_1 ")",

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

	STORE_PRACTICES,

	/*
	 * Reasons are one line each, joined with newlines. proposed holds the
	 * ids of the mitigations the catalogue proposed at the last sync, one
	 * per line, so that a sync can tell when they changed.
	 */
	"CREATE TABLE risks (" STORE_RISKS_1 STORE_RISKS_KEY,

	/* In the order they were added (rowid). */
	"CREATE TABLE risk_mitigations (" STORE_MITIGATIONS_1
	STORE_MITIGATIONS_KEY,

	/* No foreign key: the history of a deleted model stays. */
	"CREATE TABLE history (" STORE_HISTORY_1 ")",
	"CREATE INDEX history_by_system ON history (system, object)",

	/*
	 * History is append-only. Schema 1 let an XML import replace a
	 * model's history (naming it in history_unlock); schema 2 does not.
	 */
	"CREATE TABLE history_unlock (system TEXT PRIMARY KEY NOT NULL)",
	STORE_NO_UPDATE,
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history "
	"WHEN NOT EXISTS (SELECT 1 FROM history_unlock"
	"  WHERE system = OLD.system) "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",

	"PRAGMA application_id = 1347571796",	/* STORE_APPLICATION_ID */
	"PRAGMA user_version = 1",
	NULL
};

#define STORE_NO_DELETE \
	"CREATE TRIGGER history_no_delete BEFORE DELETE ON history " \
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
/*
 * Schema 2: where a history entry came from (NULL: made here), and history
 * strictly append-only: an import appends, it no longer replaces.
 */
static const char *const store_schema_2[] = {
	"ALTER TABLE history ADD COLUMN source TEXT",
	"DROP TRIGGER history_no_delete",
	STORE_NO_DELETE,
	"DROP TABLE history_unlock",
	"PRAGMA user_version = 2",
	NULL
};

/*
 * Schema 3: every history entry belongs to a revision of its model (one
 * committed change: an edit, an import, a decision, an analysis that
 * changed the register), so that the model as it was at any revision can
 * be rebuilt; models.edited is the last revision that edited the model
 * itself (a save refused as "changed by someone else" looks at it, so
 * that someone's decision on a risk does not conflict with an edit).
 *
 * The entries already there get a revision derived from their order and
 * time (store_derive_revisions()). That writes the new column of rows
 * that exist, the only write history ever gets: the trigger that refuses
 * updates is dropped and made again in the same transaction, and no
 * entry's time, author, object, field, values or source changes.
 */
static const char *const store_schema_3[] = {
	"ALTER TABLE history ADD COLUMN revision INTEGER",
	"ALTER TABLE models ADD COLUMN edited INTEGER",
	"UPDATE models SET edited = revision",
	/*
	 * Where a model imported from a file was written: the file as given
	 * to the import, the line and column of the system and of each object
	 * (for the locations of a SARIF export). NULL: not from a file.
	 */
	"ALTER TABLE models ADD COLUMN file TEXT",
	"ALTER TABLE models ADD COLUMN line INTEGER",
	"ALTER TABLE models ADD COLUMN col INTEGER",
	"ALTER TABLE objects ADD COLUMN line INTEGER",
	"ALTER TABLE objects ADD COLUMN col INTEGER",
	"DROP TRIGGER history_no_update",
	NULL
};

static const char *const store_schema_3_after[] = {
	STORE_NO_UPDATE,
	"PRAGMA user_version = 3",
	NULL
};

/*
 * Schema 4: only what carries information is a row.
 *
 * A new object is one "created" entry, no longer one more per field it
 * has: its fields at creation are those of the revision after, which the
 * model and the later entries rebuild. What a deleted object was is its
 * entry's was column (store_fields_encode()), so that an older revision
 * can recreate it without reading back to its creation. Entries written
 * before keep their shape, and the loaders read both: a deleted entry
 * without was is rebuilt from the entries before it, as it always was.
 *
 * A mitigation row that only repeats what the catalogue proposes for its
 * risk (proposed, no owner, due date or notes, and in the risk's proposed
 * column) is the default that loading derives: databases written before
 * proposed mitigations stopped being rows lose those rows and read the
 * same. Rows of mitigations no longer proposed, or with any decision,
 * stay. No history entry is changed or removed.
 */
#define STORE_OBJECTS_4 \
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE," \
	"  object TEXT NOT NULL," \
	"  type TEXT NOT NULL," \
	"  kind TEXT," \
	"  position INTEGER NOT NULL," \
	"  line INTEGER," \
	"  col INTEGER," \
	"  fields TEXT," \
	"  PRIMARY KEY (system, object)) WITHOUT ROWID"
#define STORE_FIELDS_4 \
	"  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE," \
	"  object TEXT NOT NULL," \
	"  field TEXT NOT NULL," \
	"  value TEXT NOT NULL," \
	"  PRIMARY KEY (system, object, field)) WITHOUT ROWID"
static const char *const store_schema_4[] = {
	"ALTER TABLE history ADD COLUMN was TEXT",
	"DELETE FROM risk_mitigations WHERE status = 'proposed' "
	"AND owner IS NULL AND due IS NULL AND notes IS NULL "
	"AND EXISTS (SELECT 1 FROM risks r WHERE r.system = "
	"risk_mitigations.system AND r.threat = risk_mitigations.threat "
	"AND r.target = risk_mitigations.target AND instr(char(10) || "
	"r.proposed || char(10), char(10) || risk_mitigations.mitigation || "
	"char(10)) > 0)",
	/*
	 * Objects and fields are found by their keys only: tables without
	 * rowid, one b-tree each instead of a table and its key's index.
	 * The fields of a boundary, component or flow are its objects row's
	 * fields column (store_fields_encode(): "NAME=VALUE" lines, escaped),
	 * one row per object instead of one per field; the fields table
	 * keeps the system's (object ''), which reports join.
	 */
	"CREATE TABLE objects_4 (" STORE_OBJECTS_4,
	"INSERT INTO objects_4 SELECT o.system, o.object, o.type, o.kind, "
	"o.position, o.line, o.col, (SELECT group_concat(f.field || '=' || "
	"replace(replace(f.value, '\\', '\\\\'), char(10), '\\n'), "
	"char(10)) || char(10) FROM fields f WHERE f.system = o.system "
	"AND f.object = o.object) FROM objects o",
	"DROP TABLE objects",
	"ALTER TABLE objects_4 RENAME TO objects",
	"CREATE TABLE fields_4 (" STORE_FIELDS_4,
	"INSERT INTO fields_4 SELECT system, object, field, value FROM fields "
	"WHERE object = ''",
	"DROP TABLE fields",
	"ALTER TABLE fields_4 RENAME TO fields",
	/*
	 * Whether a risk rests on an assumption (a reason line that begins
	 * with "assumed: "), so that counting them reads no reasons.
	 */
	"ALTER TABLE risks ADD COLUMN assumed INTEGER",
	"UPDATE risks SET assumed = " STORE_ASSUMED_FROM_REASONS,
	"PRAGMA user_version = 4",
	NULL
};

/*
 * Schema 5: the organisation's register counts risks by system, severity,
 * status and whether they rest on an assumption, and joins overdue
 * mitigations to their risks' severity and status, on thousands of
 * systems. Two indexes answer those from narrow rows instead of reading
 * every risk's row (parapet register, make bench-register). Every row has
 * its assumed column set from now on (a merge sets it as it makes a row).
 */
static const char *const store_schema_5[] = {
	"UPDATE risks SET assumed = " STORE_ASSUMED_FROM_REASONS " "
	"WHERE assumed IS NULL",
	"CREATE INDEX risks_by_severity ON risks (system, severity, status, "
	"assumed, decided_at, owner, applies) WHERE applies = 1",
	"CREATE INDEX risks_state ON risks (system, threat, target, applies, "
	"severity, status, owner)",
	"PRAGMA user_version = 5",
	NULL
};

/*
 * Schema 6: the register reads a summary, not the risks. risk_counts holds,
 * per system, how many applying risks there are of each severity, status,
 * whether provisional (assumed) and owner of their own ('' for the
 * system's): thousands of systems answer from a few rows each instead of
 * a pass over every risk. Triggers on risks keep it current in the
 * transaction of the write itself, whatever writes (a decision, an
 * analysis, an import, a rename, a model deleted with its risks), so that
 * it cannot disagree with the risks it counts. What depends on the day
 * is read through two partial indexes, of the accepted risks (due for
 * review) and of the open mitigations with a due date (overdue), each in
 * the order of the systems. The two indexes of schema 5 that counting
 * read before go.
 */
#define STORE_COUNT_KEY(R) \
	"system = " R ".system AND severity = " R ".severity AND " \
	"status = " R ".status AND assumed = ifnull(" R ".assumed, 0) AND " \
	"owner = ifnull(" R ".owner, '')"
#define STORE_COUNT_ADD \
	"INSERT INTO risk_counts (system, severity, status, assumed, owner, " \
	"n) SELECT NEW.system, NEW.severity, NEW.status, " \
	"ifnull(NEW.assumed, 0), ifnull(NEW.owner, ''), 1 " \
	"WHERE NEW.applies = 1 ON CONFLICT (system, severity, status, " \
	"assumed, owner) DO UPDATE SET n = n + 1; "
#define STORE_COUNT_SUB \
	"UPDATE risk_counts SET n = n - 1 WHERE OLD.applies = 1 AND " \
	STORE_COUNT_KEY("OLD") "; " \
	"DELETE FROM risk_counts WHERE n <= 0 AND " STORE_COUNT_KEY("OLD") "; "
#define STORE_MIT_COPY \
	"(risk_severity, risk_status, risk_applies, risk_owner, " \
	"risk_title) = (SELECT r.severity, r.status, r.applies, r.owner, " \
	"r.title FROM risks r WHERE r.system = risk_mitigations.system AND " \
	"r.threat = risk_mitigations.threat AND " \
	"r.target = risk_mitigations.target)"
#define STORE_MIT_FROM_RISK \
	"UPDATE risk_mitigations SET risk_severity = NEW.severity, " \
	"risk_status = NEW.status, risk_applies = NEW.applies, " \
	"risk_owner = NEW.owner, risk_title = NEW.title " \
	"WHERE system = NEW.system AND threat = NEW.threat AND " \
	"target = NEW.target; "
/*
 * The triggers and indexes of schema 6, as a new database makes them too
 * (store_schema_new).
 */
#define STORE_RISK_COUNTS_TRIGGERS \
	"CREATE TRIGGER risk_counts_insert AFTER INSERT ON risks " \
	"BEGIN " STORE_COUNT_ADD "END", \
	"CREATE TRIGGER risk_counts_delete AFTER DELETE ON risks " \
	"BEGIN " STORE_COUNT_SUB "END", \
	"CREATE TRIGGER risk_counts_update AFTER UPDATE OF system, severity, " \
	"status, assumed, owner, applies ON risks " \
	"BEGIN " STORE_COUNT_SUB STORE_COUNT_ADD "END", \
	"CREATE INDEX risks_review ON risks (system, severity, decided_at, " \
	"owner) WHERE applies = 1 AND status = 'accepted'"
#define STORE_MIT_TRIGGERS \
	"CREATE TRIGGER mitigation_risk_insert AFTER INSERT ON " \
	"risk_mitigations BEGIN UPDATE risk_mitigations SET " STORE_MIT_COPY \
	" WHERE system = NEW.system AND threat = NEW.threat AND " \
	"target = NEW.target AND mitigation = NEW.mitigation; END", \
	"CREATE TRIGGER mitigation_risk_move AFTER UPDATE OF system, threat, " \
	"target ON risk_mitigations BEGIN UPDATE risk_mitigations SET " \
	STORE_MIT_COPY " WHERE system = NEW.system AND threat = NEW.threat " \
	"AND target = NEW.target AND mitigation = NEW.mitigation; END", \
	"CREATE TRIGGER risk_mitigations_insert AFTER INSERT ON risks " \
	"BEGIN " STORE_MIT_FROM_RISK "END", \
	"CREATE TRIGGER risk_mitigations_update AFTER UPDATE OF system, " \
	"threat, target, severity, status, applies, owner, title ON risks " \
	"BEGIN " STORE_MIT_FROM_RISK "END", \
	/* The open mitigations with a due date, as the register counts. */ \
	"CREATE INDEX mitigations_due ON risk_mitigations (system, due, " \
	"risk_applies, risk_status, risk_severity) WHERE due IS NOT NULL AND " \
	"status NOT IN ('implemented', 'verified', 'rejected')"
#define STORE_RISK_COUNTS \
	"CREATE TABLE risk_counts (" \
	"  system TEXT NOT NULL," \
	"  severity TEXT NOT NULL," \
	"  status TEXT NOT NULL," \
	"  assumed INTEGER NOT NULL," \
	"  owner TEXT NOT NULL," \
	"  n INTEGER NOT NULL," \
	"  PRIMARY KEY (system, severity, status, assumed, owner))" \
	"  WITHOUT ROWID"
static const char *const store_schema_6[] = {
	STORE_RISK_COUNTS,
	"INSERT INTO risk_counts SELECT system, severity, status, "
	"ifnull(assumed, 0), ifnull(owner, ''), count(*) FROM risks "
	"WHERE applies = 1 GROUP BY 1, 2, 3, 4, 5",
	STORE_RISK_COUNTS_TRIGGERS,
	/*
	 * Each mitigation row carries what the register reads of its risk
	 * (severity, status, whether it applies, owner, title), copied by
	 * triggers whenever either side changes: an overdue mitigation is
	 * counted and listed from its own row, not joined to its risk.
	 * Both sides converge whatever the order of a rename's two updates.
	 */
	"ALTER TABLE risk_mitigations ADD COLUMN risk_severity TEXT",
	"ALTER TABLE risk_mitigations ADD COLUMN risk_status TEXT",
	"ALTER TABLE risk_mitigations ADD COLUMN risk_applies INTEGER",
	"ALTER TABLE risk_mitigations ADD COLUMN risk_owner TEXT",
	"ALTER TABLE risk_mitigations ADD COLUMN risk_title TEXT",
	"UPDATE risk_mitigations SET " STORE_MIT_COPY,
	STORE_MIT_TRIGGERS,
	"DROP INDEX risks_by_severity",
	"DROP INDEX risks_state",
	"PRAGMA user_version = 6",
	NULL
};

/*
 * Schema 7: the open questions an analysis found (the unanswered fields
 * that findings would rest on, each with the threats at stake), kept as
 * risk_counts keeps the register's summary, so that a report reads them
 * rather than analysing the model again. open_questions_at says for which
 * edit of the model (models.edited) they were found: a model edited since
 * (or a database an older Parapet wrote) has none there, and is analysed.
 * One row a question, its risks packed as the fields column packs fields
 * (store-questions.c).
 */
#define STORE_OPEN_QUESTIONS_AT_7 \
	"CREATE TABLE open_questions_at (" \
	"  system TEXT PRIMARY KEY NOT NULL REFERENCES models (system) " \
	"    ON DELETE CASCADE," \
	"  edited INTEGER," \
	"  n INTEGER NOT NULL"
#define STORE_OPEN_QUESTIONS_LIST \
	"CREATE TABLE open_questions (" \
	"  system TEXT NOT NULL REFERENCES open_questions_at (system) " \
	"    ON DELETE CASCADE," \
	"  position INTEGER NOT NULL," \
	"  element TEXT NOT NULL," \
	"  field TEXT NOT NULL," \
	"  worst TEXT NOT NULL," \
	"  risks TEXT NOT NULL," \
	"  PRIMARY KEY (system, position)) WITHOUT ROWID"
static const char *const store_schema_7[] = {
	STORE_OPEN_QUESTIONS_AT_7 ") WITHOUT ROWID",
	STORE_OPEN_QUESTIONS_LIST,
	"PRAGMA user_version = 7",
	NULL
};

/*
 * Schema 8: the risks that no longer apply, and those that apply with the
 * assumed column unset (made by a merge before its sync: their reasons
 * say), indexed apart: both are few, and counting them (a model opened,
 * the list of models) reads only them, not a pass over every risk of the
 * system (0.4 s at a million risks). The database keeps them as rows are
 * written, whatever writes them.
 */
#define STORE_RISKS_GONE \
	"CREATE INDEX risks_gone ON risks (system) WHERE applies = 0"
static const char *const store_schema_8[] = {
	STORE_RISKS_GONE,
	"CREATE INDEX risks_unsure ON risks (system) WHERE applies = 1 AND "
	"assumed IS NULL",
	"PRAGMA user_version = 8",
	NULL
};

/*
 * Schema 9: the risks indexed in the order the screens list them, so that
 * the register of a million risks is read a slice at a time from its first
 * screenful, not whole and sorted (store_risk_slice_next()). That index
 * read the reasons of a row whose assumed column was unset; schema 10 makes
 * it again without them, so that a file older than 9 builds it once, there.
 */
static const char *const store_schema_9[] = {
	"PRAGMA user_version = 9",
	NULL
};

/*
 * Schema 10: every risk row says whether it rests on an assumption. The
 * rows a merge made before its sync with the assumed column unset (from
 * schema 5 to 9) get it from their reasons, once, as schemas 4 and 5 gave
 * it to the rows before; from now on a row without it is refused, so that
 * what counts and orders risks reads the column alone, never the reasons:
 * the index of those rows (risks_unsure, schema 8) goes, and the risks'
 * order (STORE_RISK_ORDER, then the name) is indexed without the reasons.
 * The counts of risk_counts follow the update through its triggers. No
 * history entry is written, changed or removed.
 */
#define STORE_ASSUMED_UNSET \
	"WHEN NEW.assumed IS NULL BEGIN SELECT RAISE(ABORT, " \
	"'NOT NULL constraint failed: risks.assumed'); END"
#define STORE_ASSUMED_TRIGGERS \
	"CREATE TRIGGER risks_assumed_insert BEFORE INSERT ON risks " \
	STORE_ASSUMED_UNSET, \
	"CREATE TRIGGER risks_assumed_update BEFORE UPDATE OF assumed ON " \
	"risks " STORE_ASSUMED_UNSET
#define STORE_RISKS_ORDER \
	"CREATE INDEX risks_order ON risks (system, " STORE_RISK_ORDER ", " \
	"threat, target)"
static const char *const store_schema_10[] = {
	"UPDATE risks SET assumed = " STORE_ASSUMED_FROM_REASONS " "
	"WHERE assumed IS NULL",
	STORE_ASSUMED_TRIGGERS,
	"DROP INDEX risks_unsure",
	"DROP INDEX IF EXISTS risks_order",
	STORE_RISKS_ORDER,
	"PRAGMA user_version = 10",
	NULL
};

/*
 * Schema 11: the questions kept with a model also say which analysis made
 * its register: the model's revision then (a decision or an edit since
 * moves it) and what analysed it (the program and its catalogue, as
 * session.c names them). A save of a model that did not change, by the
 * same analysis, then leaves the register as it is instead of analysing
 * the model again (issue 15). Rows of older files have neither: their
 * next save analyses, as before.
 */
static const char *const store_schema_11[] = {
	"ALTER TABLE open_questions_at ADD COLUMN revision INTEGER",
	"ALTER TABLE open_questions_at ADD COLUMN analysis TEXT",
	"PRAGMA user_version = 11",
	NULL
};

/*
 * Schema 12: the objects of a model by type, in the model's order
 * (position, then id), so that a screen reads the first screenful of its
 * components or flows, and the next, without a pass over every object of
 * the model (at 1.5 million objects a pass took 0.3 to 0.9 s; issue 15).
 * Only an index: no row, and no history entry, changes.
 */
#define STORE_OBJECTS_BY_TYPE \
	"CREATE INDEX objects_by_type ON objects (system, type, position, " \
	"object)"
static const char *const store_schema_12[] = {
	STORE_OBJECTS_BY_TYPE,
	"PRAGMA user_version = 12",
	NULL
};

/*
 * Schema 13: the title of each threat at stake in a model's open
 * questions, once, in open_questions_at (titles: one "THREAT=TITLE" line
 * each, packed as the fields column packs fields), rather than in every
 * question's risks line: a question's risk whose title is its threat's
 * is packed without it (store-questions.c). At N = 100,000 the titles
 * were three quarters of the open_questions table (37 of 71 MB; issue
 * 15). Rows of older files keep their titles in their lines and read the
 * same; their next save writes them the new way. No history entry
 * changes.
 */
static const char *const store_schema_13[] = {
	"ALTER TABLE open_questions_at ADD COLUMN titles TEXT",
	"PRAGMA user_version = 13",
	NULL
};

/*
 * A new database: the schema that the migrations above make of an empty
 * file, created at once (the statements of every migration in turn cost
 * a new database a fifth of a small import: each ALTER and DROP has
 * SQLite read its whole schema again). Each statement is the text the
 * migrations leave in sqlite_master, byte for byte: the tables from the
 * same texts as the migration that made them, with the columns later
 * ones added as ALTER TABLE writes them (after a comma, one space), and
 * the rest in the order the migrations make it (triggers on one table
 * fire in that order). tests/test-store.c checks that a new file and one
 * migrated from schema 1 have the same schema; a new schema changes both.
 */
/* A new schema needs its new database here too: this stops the build. */
_Static_assert(STORE_SCHEMA_VERSION == 13, "schema changed: make a new "
    "database at it in store_schema_new too");
static const char *const store_schema_new[] = {
	"CREATE TABLE models (" STORE_MODELS_1 ","
	" edited INTEGER,"
	" file TEXT,"
	" line INTEGER,"
	" col INTEGER)",
	STORE_PRACTICES,
	"CREATE TABLE risks (" STORE_RISKS_1
	" assumed INTEGER," STORE_RISKS_KEY,
	"CREATE TABLE risk_mitigations (" STORE_MITIGATIONS_1
	" risk_severity TEXT,"
	" risk_status TEXT,"
	" risk_applies INTEGER,"
	" risk_owner TEXT,"
	" risk_title TEXT," STORE_MITIGATIONS_KEY,
	"CREATE TABLE history (" STORE_HISTORY_1 ","
	" source TEXT,"
	" revision INTEGER,"
	" was TEXT)",
	"CREATE INDEX history_by_system ON history (system, object)",
	STORE_NO_DELETE,
	STORE_NO_UPDATE,
	"CREATE TABLE \"objects\" (" STORE_OBJECTS_4,
	"CREATE TABLE \"fields\" (" STORE_FIELDS_4,
	STORE_RISK_COUNTS,
	STORE_RISK_COUNTS_TRIGGERS,
	STORE_MIT_TRIGGERS,

	STORE_OPEN_QUESTIONS_AT_7 ", revision INTEGER, analysis TEXT, "
	"titles TEXT) WITHOUT ROWID",
	STORE_OPEN_QUESTIONS_LIST,
	STORE_RISKS_GONE,
	STORE_ASSUMED_TRIGGERS,
	STORE_RISKS_ORDER,
	STORE_OBJECTS_BY_TYPE,

	"PRAGMA application_id = 1347571796",	/* STORE_APPLICATION_ID */
	"PRAGMA user_version = 13",		/* STORE_SCHEMA_VERSION */
	NULL
};

/* What the derivation knows of one model while it reads its history. */
struct store_derive {
	char		*system;
	size_t		 index;		/* in the array of them */
	long		 k;		/* saves so far in this life */
	long		 shift;		/* added to the current life's */
	size_t		 start;		/* first entry of this life */
	int		 open;		/* a save is being read */
	int		 between;	/* other entries since its last one */
	char		*at, *who, *source;	/* of the save being read */
	struct strmap	 keys;		/* object and field it logged */
	char		**owned;
	size_t		 nowned;
};

static void
store_derive_close(struct store_derive *d)
{
	size_t	i;

	for (i = 0; i < d->nowned; i++)
		free(d->owned[i]);
	free(d->owned);
	d->owned = NULL;
	d->nowned = 0;
	strmap_release(&d->keys);
	strmap_init(&d->keys);
	free(d->at);
	free(d->who);
	free(d->source);
	d->at = d->who = d->source = NULL;
	d->open = 0;
}

static int
store_derive_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * 1 if an entry is an edit of the model itself, as Parapet before schema 3
 * counted revisions: not a risk's ("THREAT@TARGET"), not what an analysis
 * or an import records, not a record from another database.
 */
static int
store_derive_edit(const char *system, const char *object, const char *field,
    const char *source)
{
	static const char *const not_edits[] = {
		"applies", "imported", "merged into", "merged from"
	};
	size_t	i;

	if (object == NULL || field == NULL || strchr(object, '@') != NULL)
		return 0;
	if (source != NULL && strncmp(source, "imported from ", 14) == 0)
		return 0;
	if (strcmp(object, system) == 0 && strcmp(field, "deleted") == 0)
		return 0;
	for (i = 0; i < sizeof not_edits / sizeof *not_edits; i++)
		if (strcmp(field, not_edits[i]) == 0)
			return 0;
	return 1;
}

/*
 * Give each entry written before schema 3 the revision it belongs to.
 * Before, a revision was one save that changed the model; decisions and
 * analyses did not make one, so they belong to the revision the model was
 * at. A save is a run of entries with the same time, author and source,
 * with nothing else between them and no object and field twice (two saves
 * of one second by one person are told apart by that only). The numbers
 * count the saves since the model was created or imported into this
 * database, shifted so that the last one is the model's current revision
 * (a model imported whole started at the revision of its file). Entries of
 * a model deleted since keep the count of their own life.
 */
static int
store_derive_revisions(struct store *s, struct error *err)
{
	static const char *const rows = "SELECT seq, system, object, field, "
	    "at, who, source FROM history ORDER BY seq";
	static const char *const current = "SELECT revision FROM models "
	    "WHERE system = ?";
	static const char *const set = "UPDATE history SET revision = ? "
	    "WHERE seq = ?";
	struct store_derive	**ds = NULL, *d;
	struct strmap		  by;
	struct db_stmt		 *st;
	long			 *seq = NULL, *rel = NULL, rev;
	size_t			 *who = NULL, n = 0, max = 0, nds = 0, i;
	const char		 *system, *object, *field, *at, *author, *src;
	char			 *key;
	int			  rc, edit;

	strmap_init(&by);
	if ((st = store_prepare(s, rows, err)) == NULL)
		return -1;
	while ((rc = store_step(s, st, err)) == 1) {
		system = db_column_text(st, 1);
		object = db_column_text(st, 2);
		field = db_column_text(st, 3);
		at = db_column_text(st, 4);
		author = db_column_text(st, 5);
		src = db_column_text(st, 6);
		if (system == NULL)
			continue;
		if ((d = strmap_get(&by, system)) == NULL) {
			d = xcalloc(1, sizeof *d);
			d->system = xstrdup(system);
			strmap_init(&d->keys);
			ds = xreallocarray(ds, nds + 1, sizeof *ds);
			d->index = nds;
			ds[nds++] = d;
			strmap_put(&by, d->system, d);
		}
		if (n == max) {
			max = max == 0 ? 256 : max * 2;
			seq = xreallocarray(seq, max, sizeof *seq);
			rel = xreallocarray(rel, max, sizeof *rel);
			who = xreallocarray(who, max, sizeof *who);
		}
		seq[n] = (long)db_column_int64(st, 0);
		who[n] = d->index;
		edit = store_derive_edit(system, object, field, src);
		if (edit) {
			key = xasprintf("%s%c%s", object, '\n', field);
			if (!d->open || d->between ||
			    !store_derive_same(d->at, at) ||
			    !store_derive_same(d->who, author) ||
			    !store_derive_same(d->source, src) ||
			    strmap_get(&d->keys, key) != NULL) {
				store_derive_close(d);
				d->open = 1;
				d->at = at != NULL ? xstrdup(at) : NULL;
				d->who = author != NULL ? xstrdup(author) :
				    NULL;
				d->source = src != NULL ? xstrdup(src) : NULL;
				d->k++;
			}
			d->between = 0;
			d->owned = xreallocarray(d->owned, d->nowned + 1,
			    sizeof *d->owned);
			d->owned[d->nowned++] = key;
			strmap_put(&d->keys, key, key);
		} else
			d->between = 1;
		rel[n] = d->k;
		n++;
		if (!edit && object != NULL && field != NULL &&
		    strcmp(object, system) == 0 &&
		    strcmp(field, "deleted") == 0) {
			/* The model went: a new life starts after. */
			store_derive_close(d);
			d->k = 0;
			d->start = n;
		}
	}
	if (rc == -1)
		goto out;
	/* The current life is anchored on the model's revision. */
	for (i = 0; i < nds; i++) {
		if ((st = store_prepare(s, current, err)) == NULL) {
			rc = -1;
			goto out;
		}
		store_bind(st, 1, ds[i]->system);
		if ((rc = db_step(st)) == DB_ROW)
			ds[i]->shift = (long)db_column_int64(st, 0) -
			    ds[i]->k;
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE) {
			rc = store_fail(s, rc, err);
			goto out;
		}
	}
	rc = 0;
	for (i = 0; rc == 0 && i < n; i++) {
		d = ds[who[i]];
		rev = rel[i] + (i >= d->start ? d->shift : 0);
		if ((st = store_prepare(s, set, err)) == NULL) {
			rc = -1;
			break;
		}
		db_bind_int64(st, 1, rev);
		db_bind_int64(st, 2, seq[i]);
		rc = store_run(s, st, err);
	}
out:
	for (i = 0; i < nds; i++) {
		store_derive_close(ds[i]);
		strmap_release(&ds[i]->keys);
		free(ds[i]->system);
		free(ds[i]);
	}
	free(ds);
	strmap_release(&by);
	free(seq);
	free(rel);
	free(who);
	return rc;
}

/*
 * Migrations: store_migrations[v] takes schema v to schema v + 1: its
 * statements, then a step in C if any, then more statements.
 */
struct store_migration {
	const char *const	*sql;
	int			(*step)(struct store *, struct error *);
	const char *const	*after;
};

static const struct store_migration store_migrations[] = {
	{ .sql = store_schema_1 },
	{ .sql = store_schema_2 },
	{ .sql = store_schema_3, .step = store_derive_revisions,
	  .after = store_schema_3_after },
	{ .sql = store_schema_4 },
	{ .sql = store_schema_5 },
	{ .sql = store_schema_6 },
	{ .sql = store_schema_7 },
	{ .sql = store_schema_8 },
	{ .sql = store_schema_9 },
	{ .sql = store_schema_10 },
	{ .sql = store_schema_11 },
	{ .sql = store_schema_12 },
	{ .sql = store_schema_13 },
};
/* A new schema needs its migration here: this stops the build until it has. */
_Static_assert(sizeof store_migrations / sizeof *store_migrations ==
    STORE_SCHEMA_VERSION, "schema changed: add its migration");

/* Run constant statements once each (no need to cache them). */
static int
store_run_all(struct store *s, const char *const *sql, struct error *err)
{
	struct db_stmt	*st;
	int		 rc;

	for (; sql != NULL && *sql != NULL; sql++) {
		if ((rc = db_prepare(s->db, *sql, 0, &st)) != DB_OK)
			return store_fail(s, rc, err);
		while ((rc = db_step(st)) == DB_ROW)
			;
		db_finalize(st);
		if (rc != DB_DONE)
			return store_fail(s, rc, err);
	}
	return 0;
}

/* Run a one-row PRAGMA that returns an integer. */
static int
store_pragma_int(struct store *s, const char *sql, long *v,
    struct error *err)
{
	struct db_stmt	*st;
	int		 rc;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		*v = (long)db_column_int64(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
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
	struct db_stmt		*st;
	const char		*mode;
	int			 rc, wal;

	if ((st = store_prepare(s, "PRAGMA journal_mode", err)) == NULL)
		return -1;
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return store_fail(s, rc, err);
	}
	mode = db_column_text(st, 0);
	wal = mode != NULL && strcmp(mode, "wal") == 0;
	db_reset(st);
	if (wal)
		return 0;
	return store_exec(s, "PRAGMA journal_mode = WAL", NULL, err);
}

static int	store_upgrade(struct store *, struct error *);

/*
 * A read of a database an older Parapet wrote: the reader may write the
 * file (db-sqlite.c opened it for writing with every write refused), so
 * it is upgraded once, as the first write would, and read; a file the
 * reader may not write is refused with what to do.
 */
static int
store_upgrade_on_read(struct store *s, long version, struct error *err)
{
	static const char *const writes[] = { "PRAGMA query_only = 0", NULL };
	static const char *const reads[] = { "PRAGMA query_only = 1", NULL };
	struct error		 e;
	int			 rc;

	if (store_run_all(s, writes, &e) == 0) {
		rc = store_upgrade(s, &e);
		if (store_run_all(s, reads, err) == -1)
			return -1;
		if (rc == 0)
			return 0;
	}
	return error_set(err, "database '%s' has schema %ld and must be "
	    "upgraded; open it once for writing (the file is read-only to "
	    "you)", s->path, version);
}

int
store_migrate(struct store *s, struct error *err)
{
	long	version;
	int	rc;

	if (db_is_server(s->db))
		return store_migrate_pg(s, err);
	if ((rc = store_identify(s, &version, err)) == -1)
		return -1;
	if (s->flags & STORE_READONLY) {
		if (rc == 0)
			return error_set(err, "'%s' is not a Parapet database",
			    s->path);
		if (version < STORE_SCHEMA_VERSION)
			return store_upgrade_on_read(s, version, err);
		return 0;
	}
	return store_upgrade(s, err);
}

/*
 * Bring the file to STORE_SCHEMA_VERSION in one transaction, switching it
 * to write-ahead logging first.
 */
static int
store_upgrade(struct store *s, struct error *err)
{
	const struct store_migration	*m;
	long				 version;
	int				 rc;

	/* A private file becomes WAL when it is done (store_private_done). */
	if (!(s->flags & STORE_PRIVATE) && store_wal(s, err) == -1)
		return -1;
	if ((rc = store_identify(s, &version, err)) == -1)
		return -1;
	if (version == STORE_SCHEMA_VERSION)
		return 0;

	if (store_begin(s, err) == -1)
		return -1;
	/* Someone may have migrated it while we waited for the lock. */
	if ((rc = store_identify(s, &version, err)) == -1)
		goto fail;
	if (rc == 0) {
		if (store_run_all(s, store_schema_new, err) == -1)
			goto fail;
		return store_commit(s, err);
	}
	for (; version < STORE_SCHEMA_VERSION; version++) {
		m = &store_migrations[version];
		if (store_run_all(s, m->sql, err) == -1 ||
		    (m->step != NULL && m->step(s, err) == -1) ||
		    store_run_all(s, m->after, err) == -1)
			goto fail;
	}
	return store_commit(s, err);

fail:
	store_rollback(s);
	return -1;
}

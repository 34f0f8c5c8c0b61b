/*
 * store-int.h: what the files of the store share; no other module sees it.
 *
 * A struct store is one SQLite connection with a cache of prepared
 * statements, keyed by the address of their (constant) SQL text, so that a
 * statement is compiled once per store however often it runs. Every write
 * goes through store_begin() / store_commit(), and store_rollback() on any
 * error; every SQLite failure is turned into a message by store_fail(),
 * which names the database and never shows SQL.
 */
#ifndef PARAPET_STORE_STORE_INT_H
#define PARAPET_STORE_STORE_INT_H

#include <stdint.h>

#include "store/db.h"

#include "model/model.h"
#include "store/store.h"

struct buf;
struct change;
struct error;
struct risk;
struct strmap;
struct vocab;

/* Our files carry this in PRAGMA application_id: "PRPT". */
#define STORE_APPLICATION_ID	0x50525054

struct store_stmt {
	const char	*sql;	/* constant text: the cache key */
	struct db_stmt	*stmt;	/* compiled once, reset after use */
};

struct store {
	struct db		*db;
	char			*path;	/* as given to store_open() */
	int			 flags;	/* STORE_CREATE, STORE_READONLY, STORE_PRIVATE */
	struct store_stmt	*stmts;	/* statement cache */
	size_t			 nstmts;
	size_t			 maxstmts;
	int			 depth;	/* open store_transaction()s */
	int			 doomed; /* an inner one was rolled back */
	char			*source; /* stamped on history entries */
	long long		 polled; /* data_version at the last poll */
	/*
	 * Revisions: every outermost transaction gets a number (txn); the
	 * first history entry it writes for a model claims that model's
	 * next revision, and the later ones reuse it (store_claim()).
	 */
	unsigned long		 txn;
	unsigned long		 claim_txn;
	char			*claim_system;
	long			 claim_rev;
	/* The system whose writers wait for transaction lock_txn. */
	unsigned long		 lock_txn;
	char			*lock_system;
	/* What store_save() changed, for the caller, or NULL. */
	struct store_changes	*watch;
};

/* store-model.c: note one change of a save in s->watch, if watched. */
void		 store_watch_add(struct store *, int type, const char *object,
		     const char *field, int said, const char *was);

/* store.c */
/*
 * The cached statement for a constant SQL text, reset and with its bindings
 * cleared; NULL with err set if it does not compile. Borrowed from the store.
 */
struct db_stmt	*store_prepare(struct store *, const char *sql,
		     struct error *);
/* Turn a result code (db.h) into a message about the database. Returns -1. */
int		 store_fail(struct store *, int rc, struct error *);
/*
 * The next row of a statement: 1 with a row ready (its columns readable
 * until the next step), 0 when there are no more, -1 with err set on
 * failure; the statement is reset on 0 and -1. A caller that leaves the
 * loop with a row ready resets it itself. Every row loop of the store:
 *
 *	while ((rc = store_step(s, st, err)) == 1) { ... }
 *	return rc;
 */
int		 store_step(struct store *, struct db_stmt *, struct error *);
/* Run a statement that returns no rows to the end and reset it. 0 or -1. */
int		 store_run(struct store *, struct db_stmt *, struct error *);
/*
 * The same for a constant SQL text (store_prepare()), with id bound to ?1
 * unless it is NULL: a statement of one model, or one of a transaction.
 */
int		 store_exec(struct store *, const char *sql, const char *id,
		     struct error *);
/*
 * BEGIN IMMEDIATE, waiting up to the busy timeout for other writers: on
 * SQLite for all of them, on a server only for a schema being made (a
 * change to a system begins with store_begin_system()). Inside a caller's
 * store_transaction() these three do nothing: the caller's transaction
 * holds the work, and a caller that sees an error rolls it back.
 */
int		 store_begin(struct store *, struct error *);
/* Start a read: a snapshot that stays consistent across queries. */
int		 store_begin_read(struct store *, struct error *);
int		 store_commit(struct store *, struct error *);
/* Undo the open transaction, if SQLite has not already done so. */
void		 store_rollback(struct store *);
/*
 * store_begin(), then wait for the other writers of one system (on a
 * server; SQLite's lock already waits for all): what every change to a
 * system begins with, inside a caller's transaction too. 0, or -1 (it
 * leaves nothing of its own begun).
 */
int		 store_begin_system(struct store *, const char *id,
		     struct error *);
/*
 * BEGIN EXCLUSIVE: on a server, wait until no other connection writes and
 * keep them all waiting (creating or migrating the schema). Not inside a
 * store_transaction().
 */
int		 store_begin_exclusive(struct store *, struct error *);
/* Bind a string, or NULL when s is NULL; s must live until the step. */
int		 store_bind(struct db_stmt *, int, const char *);
/* store-risk.c */
/* A word of a vocabulary read back, or dflt when unknown. */
int		 store_word(const struct vocab *, struct db_stmt *, int col,
		     int dflt);
/*
 * Read the mitigation rows of the risks of reg from first on (loaded
 * sorted by threat and target, as the rows are) over the proposed ones
 * they already hold.
 */
/* For a reader that reads the model's pages about once (an export of the
 * whole of it): a small page cache, on SQLite (store-stream.c). */
void		 store_scan_cache(struct store *);
/*
 * Add the risk of a row of (threat, target, status, owner, justification,
 * decided_by, decided_at, applies) to reg with only those: what says
 * whether people decided on it (store-page.c).
 */
void		 store_risk_state_row(struct risk_register *,
		    struct db_stmt *);
int		 store_load_mitigations(struct store *, const char *id,
		     struct risk_register *, size_t first, struct error *);
/*
 * End a read of a model's risks into reg (from risk first on) that began
 * with store_begin_read(): unless rc, the row loop's, is -1, read their
 * mitigation rows; then end the read. 0, or -1 with err set.
 */
int		 store_end_risks(struct store *, const char *id,
		     struct risk_register *, size_t first, int rc,
		     struct error *);
/* A copy of a text column (the caller's), NULL when the column is NULL. */
char		*store_column(struct db_stmt *, int);
/* Fill err with "no model 'ID' in database 'PATH'" (+ a suggestion). */
/*
 * 1 if store_merge_findings() would move a stored risk onto a finding of
 * this register, 0 if not, -1 on error; reads only.
 */
int		 store_merge_pending(struct store *, const char *id,
		     const struct risk_register *, struct error *);
int		 store_no_model(struct store *, const char *id,
		     struct error *);
/* The revision of a stored model, 0 when absent, -1 on error. */
long		 store_revision(struct store *, const char *id,
		     struct error *);
/*
 * The revision the changes of the current transaction to a model belong
 * to: claimed on the first call in a transaction (the model's revision
 * goes up by one), the same one after; -1 with err set on error (a model
 * at the largest revision). A model that has no row (being created, or
 * gone) takes the next revision after its history.
 */
long		 store_claim(struct store *, const char *system,
		     struct error *);
/* Say that this transaction made revision rev of a model (a new model). */
void		 store_claim_set(struct store *, const char *system, long rev);
/* Append one entry to the history, in the revision store_claim() gives. */
int		 store_log(struct store *, const char *at, const char *who,
		     const char *system, const char *object, const char *field,
		     const char *old_value, const char *new_value,
		     struct error *);
/*
 * The same, with what a deleted object was (was: its fields, as
 * store_fields_encode() writes them), so that an older revision can
 * recreate it: since schema 4 its creation is one entry, not one per field.
 */
int		 store_log_was(struct store *, const char *at, const char *who,
		     const char *system, const char *object, const char *field,
		     const char *old_value, const char *new_value,
		     const char *was, struct error *);
/*
 * Append STORE_LOG_BATCH entries of one field, without old values, to the
 * history in one statement: objects[i] and new_values[i] (borrowed) are
 * the i'th, whose seq follows the order given, as if appended one by one
 * with store_log(); the few writes a statement saves are most of what an
 * entry costs.
 */
#define STORE_LOG_BATCH	16
int		 store_log_batch(struct store *, const char *at,
		     const char *who, const char *system,
		     const char *const *objects, const char *field,
		     const char *const *new_values, struct error *);
/*
 * Append n entries of another history (v[i] with source text sources[i],
 * both borrowed), STORE_LOG_BATCH to a statement while that many are
 * left: their seq follows the order given, as if each were appended with
 * store_log() in turn under its source. 0 or -1.
 */
int		 store_log_changes(struct store *, const char *system,
		     const struct change *const *v,
		     const char *const *sources, size_t n, struct error *);

/* store-migrate.c */
/*
 * Recognise the database (refusing foreign and newer files without writing
 * to them), then create or migrate the schema to STORE_SCHEMA_VERSION.
 */
int		 store_migrate(struct store *, struct error *);

/* store-schema-pg.c */
/* The same for a database on a PostgreSQL server (store_migrate()). */
int		 store_migrate_pg(struct store *, struct error *);

/* store-page.c */
/*
 * store_risk_cursor_open() within the caller's read transaction, which
 * closing the cursor leaves open.
 */
struct store_risk_cursor *store_risk_cursor_within(struct store *,
		     const char *id, struct error *);

/* store-model.c, store-load.c */
/* System fields kept as columns of models, in the order of its SQL. */
#define STORE_NCOLUMNS	4
extern const char *const store_system_columns[STORE_NCOLUMNS];
/* The id an object or practice struct begins with. */
const char	*store_id_of(const void *);
/* Where an object's place in its file is kept, to set (NULL: none). */
struct srcpos	*store_pos_set(enum objtype, void *);
/*
 * Set the places (line, column) of a model's system and objects in its
 * file that the database holds, inside the current transaction.
 */
int		 store_read_places(struct store *, struct model *,
		     struct error *);
/* Load a model inside the current transaction; NULL and err if absent. */
struct model	*store_load_model(struct store *, const char *id,
		     struct error *);
/*
 * The same for a save to compare with (store_save()): each object with
 * its id (a component its kind) alone, its fields column kept in packed
 * as stored (id -> text, the caller's to free) for the save to decode
 * only where the new model's differ; indexed by id only.
 */
struct model	*store_load_compared(struct store *, const char *id,
		     struct strmap *packed, struct error *);
/* The same as store_load_model(), without its components and flows when
   lists is 0. */
struct model	*store_load_model_some(struct store *, const char *id,
		     int lists, struct error *);
/* Set the fields of an object from its objects row's fields column. */
int		 store_load_packed(struct store *, const struct model *,
		     enum objtype, void *obj, const char *id,
		     const char *fields, struct error *);
/* store-stream.c */
/*
 * The objects rows of model m of one type (OBJ_COMPONENT or OBJ_FLOW), in
 * the model's order, for store_objects_next(); NULL with err set.
 */
struct db_stmt	*store_objects_begin(struct store *, const struct model *m,
		     int type, struct error *);
/*
 * The component or flow of the next of those rows, made in a model of
 * its own, *one (freed first, the caller's), its fields read against m
 * (the model's boundaries): NULL at the end, or NULL with err set.
 */
const void	*store_objects_next(struct store *, const struct model *m,
		     struct db_stmt *st, int type, struct model **one,
		     struct error *);
/* The id of the only model of the database (the caller's), or NULL. */
char		*store_only_model(struct store *, struct error *);
/* A copy of id, or when it is NULL store_only_model()'s. */
char		*store_model_named(struct store *, const char *id,
		     struct error *);
/* Delete a model and all it holds but its history (no history entry). */
int		 store_drop_model(struct store *, const char *id,
		     struct error *);
/* Write every object, field and practice of a new model (no history). */
int		 store_write_model(struct store *, const struct model *,
		     long revision, const char *now, struct error *);

/* store-history.c */
/*
 * A history entry as a row gives it: store_change_row() sets c from the
 * current row of a statement that begins with STORE_HISTORY_COLUMNS, its
 * strings the caller's, or when borrow is 1 the statement's (valid until
 * it steps again: no copy for a reader that does not keep the entry).
 */
#define STORE_HISTORY_COLUMNS \
	"SELECT seq, at, who, system, object, field, old_value, new_value, " \
	"source, revision FROM history "
void		 store_change_row(struct change *, struct db_stmt *, int borrow);
/*
 * The fields of an object (boundary, component, flow), as its objects row
 * and a deleted object's entry keep them: one "NAME=VALUE" line per field
 * that is set, in the order of model.h, a backslash or newline in a value
 * escaped as \\ or \n (the id and a component's kind are the row's own).
 */
void		 store_fields_encode(struct buf *, enum objtype,
		     const void *obj);
/* Append a value escaped as those lines escape it. */
void		 store_fields_escape(struct buf *, const char *);
/*
 * One value of a fields column, from p (after its '=') into b, unescaped;
 * returns where it ends: its '\n' or the NUL.
 */
const char	*store_fields_value(const char *p, struct buf *b);
/*
 * The names and values of such a text (NULL: none), in its order; both
 * arrays and their strings are the caller's (store_fields_free()).
 */
size_t		 store_fields_decode(const char *, char ***names,
		     char ***values);
void		 store_fields_free(char **names, char **values, size_t n);

/* store-risk.c */
/* Insert a whole register verbatim, decisions included (no history). */
int		 store_write_risks(struct store *, const char *id,
		     const struct risk_register *, struct error *);

/*
 * A risk as a row of risks gives it: store_risk_row() adds to reg the risk
 * of the current row of a statement that selects STORE_RISK_COLUMNS first
 * (threat and target not NULL), with the mitigations the catalogue
 * proposed; store_mitigation_row() sets on k the mitigation of the current
 * row of risk_mitigations, whose columns mitigation, status, owner, due
 * and notes come from column col on. store_load_risks() and the cursor of
 * store-page.c read risks with them.
 */
#define STORE_RISK_COLUMNS	"threat, target, title, likelihood, impact, " \
				"severity, applies, reasons, status, owner, " \
				"justification, decided_by, decided_at, proposed"
/*
 * A risk's place in register order as one number, smallest first: those
 * that apply, then those that stand on facts (the assumed column), then
 * by severity (the stored word, or the score's where it is none of the
 * four), then by likelihood x impact. Ties go by threat, then target.
 * Schema 10 indexes (system, this, threat, target) under this exact text
 * (an expression index is used only for the same expression), so that
 * the screens read the register a slice at a time in the order they list
 * it (store_risk_slice_next()).
 */
#define STORE_RISK_ORDER \
	"((((1 - applies) * 2 + assumed) * 4 " \
	"+ CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 " \
	"WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE CASE " \
	"WHEN likelihood * impact >= 16 THEN 0 " \
	"WHEN likelihood * impact >= 10 THEN 1 " \
	"WHEN likelihood * impact >= 5 THEN 2 ELSE 3 END END) * 64 " \
	"- likelihood * impact)"
/*
 * Whether a risk row rests on an assumption, 1 or 0, derived from its
 * reasons (a line that begins with "assumed: ", as store-risk.c writes a
 * reason of that kind): what the migrations set the assumed column of
 * rows written before it was kept to (schemas 4, 5 and 10). Every row is
 * written with the column set since (store_assumed()).
 */
#define STORE_ASSUMED_FROM_REASONS \
	"CASE WHEN substr(reasons, 1, 9) = 'assumed: ' OR " \
	"instr(reasons, char(10) || 'assumed: ') > 0 THEN 1 ELSE 0 END"
struct risk	*store_risk_row(struct risk_register *, struct db_stmt *);
void		 store_mitigation_row(struct risk *, struct db_stmt *,
		     int col);
/*
 * Add to reg the stored risk threat@target of model id, with its
 * mitigations' rows unless mitigations is 0 (none was decided), in the
 * caller's transaction. 1 (*out the risk), 0 if there is none, -1 with
 * err set.
 */
int		 store_read_risk(struct store *, const char *id,
		     const char *threat, const char *target, int mitigations,
		     struct risk_register *, struct risk **out,
		     struct error *);

/*
 * 1 if a risk rests on an assumption (a reason line that begins with
 * "assumed: "): the risks.assumed column, which every write sets.
 */
int		 store_assumed(const struct risk *);

/*
 * The one number a query of a model's row gives (?1 its id): 0 when the
 * model is absent, -1 with err set on failure. The statement is kept by
 * the address of sql (store_prepare): pass a static string.
 */
long		 store_model_number(struct store *, const char *sql,
		     const char *id, struct error *);

#endif

/*
 * store.h: models, risk registers and history in a database: an SQLite
 * file, or a register on a PostgreSQL server (store_open()).
 *
 * A database is a register of models (systems), each addressed by its
 * system id. The schema is versioned with PRAGMA user_version and migrated
 * forward on open; a database written by a newer Parapet, or a file that is
 * not a Parapet database, is refused with a clear error and left untouched.
 * New database files are created with mode 0600. Foreign keys are on, the
 * journal is WAL, and every change runs in one transaction: on any error
 * nothing of it is kept. Every change appends to the history (when, who,
 * which object and field, old and new value); history is append-only.
 *
 * "who" is $PARAPET_USER, else the login name (store_user()).
 * Timestamps are ISO 8601 UTC ("2026-11-25T20:15:36Z"); the clock can be
 * pinned for tests with $PARAPET_NOW.
 *
 * History entries name an object (an object id, a practice question id,
 * the system id for the system's own fields, or "THREAT@TARGET" for a
 * risk) and a field: a field name of model.h; "created" (new value: the
 * component kind or the object type) and "deleted" (old value: the same);
 * "answer" and "note" for practices; "component order" (and "boundary",
 * "flow", "practice order") with the ids as "a, b, c" when only the order
 * changed; "applies" ("true"/"false": a stored risk that stops applying or
 * applies again; a new risk is not an entry),
 * "status", "owner", "justification" and "mitigation ID status|owner|due|
 * notes" for risks.
 *
 * Errors: functions return -1 (or NULL) and fill the struct error; a
 * database locked by another process gives "database 'X' is busy (locked by
 * another process)" after a short wait (about 2 s); a full disk gives "disk
 * full writing 'X'". Messages never show SQL.
 */
#ifndef PARAPET_STORE_STORE_H
#define PARAPET_STORE_STORE_H

#include <stddef.h>

#include "model/history.h"
#include "model/org.h"
#include "model/risk-counts.h"
#include "model/vocab.h"

struct error;
struct model;
struct risk;
struct risk_register;

#define STORE_SCHEMA_VERSION	13

#define STORE_CREATE	0x1	/* create the file if it does not exist */
#define STORE_READONLY	0x2
/*
 * The caller's own new SQLite file (made empty under a private name), that
 * no other process sees until it is linked into place: it is built without a journal on disk and
 * without a single sync (a crash leaves only the private file, which is
 * thrown away); store_private_done() makes it an ordinary database again.
 * Nothing on a server.
 */
#define STORE_PRIVATE	0x4

struct store;

/* One model of a database, as `parapet list` shows it. */
struct store_summary {
	char	*id;
	char	*name;
	long	 revision;
	size_t	 nboundaries;
	size_t	 ncomponents;
	size_t	 nflows;
	struct risk_counts counts;	/* its register, counted as every
					   summary counts it */
	char	*updated;		/* ISO 8601 */
};

/*
 * Open a database: a SQLite file, or a register on a PostgreSQL server
 * named by a URI (postgresql://..., postgres://...) or a libpq conninfo
 * (host=... dbname=...). Messages name a server's database without its
 * password (store_name()).
 */
struct store	*store_open(const char *path, int flags, struct error *);
/*
 * 1 if a word names a database on a server rather than a file, so that a
 * command line can take it where a database belongs.
 */
int		 store_names_server(const char *word);
/*
 * Make a database on a PostgreSQL server an organisation's register: its
 * schema, made or brought up to date, and the roles parapet_admin,
 * parapet_editor (edits models), parapet_decider (decides risks and
 * mitigations) and parapet_reader (reads), which the server enforces;
 * history append-only for all, its author the session user. Again on a
 * register, it grants again. Needs a role that may create roles. 0 or -1.
 */
int		 store_init_register(const char *path, struct error *);
/*
 * Let a login role of a register write only the systems of the teams it
 * is granted (revoke: one team fewer; none left: every system again), as
 * the server enforces it; everyone still reads every system. 0 or -1.
 */
int		 store_grant_team(const char *path, const char *role,
		    const char *team, int revoke, struct error *);
/* The database as messages name it: never with a password. Borrowed. */
const char	*store_name(const struct store *);
/* The same for a path before it is opened; the caller's to free. */
char		*store_display(const char *path);
/*
 * Remove a database file and its -wal, -shm and -journal files: for a
 * caller that created a database and must leave nothing behind when it
 * fails.
 */
void		 store_remove_files(const char *path);
/*
 * A file opened with STORE_PRIVATE, built, made an ordinary database
 * before it is published: synced as any other write, in the write-ahead
 * log every other connection expects. No transaction may be open. 0, or
 * -1 with err set.
 */
int		 store_private_done(struct store *, struct error *);
void		 store_close(struct store *);

/*
 * Group several changes into one transaction, all or nothing: between
 * store_transaction() and store_transaction_commit() every write joins it.
 * On any error the caller calls store_transaction_rollback() and nothing of
 * the group is kept. They nest: only the outermost commit writes, and a
 * rollback at any depth makes the outermost commit fail.
 */
int		 store_transaction(struct store *, struct error *);
int		 store_transaction_commit(struct store *, struct error *);
void		 store_transaction_rollback(struct store *);
/*
 * Inside a transaction: write what it changed so far and free the page
 * cache (SQLite; nothing for a server), before the analysis of a large
 * model, whose peak would otherwise hold both.
 */
void		 store_release_memory(struct store *);
/*
 * Inside store_transaction(): wait now for the other writers of one system,
 * as its first change would, so that what is read of it next (whether it
 * exists, its revision) stays true until the commit. 0 or -1 (the caller
 * rolls back).
 */
int		 store_transaction_system(struct store *, const char *id,
		     struct error *);

/* The user recorded in history: $PARAPET_USER, else the login name. */
const char	*store_user(void);
/* Now, ISO 8601 UTC, or $PARAPET_NOW when set. The caller's to free. */
char		*store_now(void);

/*
 * Where the changes made from now on come from, recorded with each history
 * entry ("import of 'FILE'"); NULL (the default) for changes made here.
 */
void		 store_set_source(struct store *, const char *);

/* Models in the database, ordered by id. Free with store_summaries_free. */
int		 store_list(struct store *, struct store_summary **, size_t *,
		     struct error *);
/*
 * What store_list_some() counts of each model besides its id, name,
 * revision and updated time. The risks by severity and status (applying,
 * by_severity, by_status, cell) are read from the few rows a system that
 * the schema keeps up to date with every risk written; the objects by type,
 * and the risks that no longer apply or rest on an assumption (gone,
 * assumed), take a pass over every object or risk row (about a second at
 * a million risks). What is not asked for is left zero.
 */
enum {
	STORE_LIST_RISKS = 1 << 0,	/* by severity and status */
	STORE_LIST_OBJECTS = 1 << 1,	/* nboundaries, ncomponents, nflows */
	STORE_LIST_ASSUMED = 1 << 2,	/* counts.assumed and counts.gone */
	STORE_LIST_ALL = STORE_LIST_RISKS | STORE_LIST_OBJECTS |
	    STORE_LIST_ASSUMED
};
/* store_list() counting only what (STORE_LIST_*) says; 0: ids alone. */
int		 store_list_some(struct store *, int what,
		     struct store_summary **, size_t *, struct error *);
void		 store_summaries_free(struct store_summary *, size_t);
/*
 * Count the stored register of one model (the risk and object counts of
 * its summary) without loading it; id, name and updated are left NULL.
 */
int		 store_summarize(struct store *, const char *id,
		     struct store_summary *, struct error *);
/*
 * The risk counts of one model's stored register as store_list() gives
 * them (without a pass over its risks: what the schema keeps counted and
 * the few that no longer apply), whatever else the register holds.
 */
int		 store_count_risks(struct store *, const char *id,
		     struct risk_counts *, struct error *);

/* 1 if a model with this system id exists, 0 if not, -1 on error. */
int		 store_exists(struct store *, const char *id, struct error *);

/*
 * Where the database stands: taken before what is read from it, compared
 * later to learn whether anything may have changed since, written by this
 * process (any row changed through this store) or committed by another.
 */
struct store_mark {
	long long	data_version;	/* moved by other writers */
	long long	changes;	/* rows this connection has changed */
};
void		 store_mark(struct store *, struct store_mark *);
/*
 * 1 if another process has changed the database since the last poll (or
 * the opening), 0 if not: cheap enough for an idle screen to ask often
 * (a notification from a server, SQLite's data_version for a file).
 */
int		 store_poll(struct store *);
/* 0 if nothing can have changed since the mark; 1 if it may have. */
int		 store_moved(struct store *, const struct store_mark *);
/*
 * Load a model (indexed, revision set). With id NULL, the only model of the
 * database (an error when there are none or several). The caller frees it.
 */
struct model	*store_load(struct store *, const char *id, struct error *);
/*
 * Load a model in part, for screens that show none of its objects (at a
 * million risks a model has some 1.5 million: seconds to read): its
 * system and practices, indexed, with m->unread saying whether it has
 * boundaries, components and flows stored. store_load_rest() reads them
 * into it (the system and practices stay where they are), when
 * nobody has changed the stored model since its revision (decisions on
 * its risks aside, as store_save() allows them); else -1 with err saying
 * that someone else changed it, as a save would. On any error the model
 * is left as it was.
 */
struct model	*store_load_head(struct store *, const char *id,
		     struct error *);
int		 store_load_rest(struct store *, struct model *,
		     struct error *);
/*
 * The objects of one type of a model opened in part (store_load_head()),
 * read a slice at a time in the model's order (position, then id), as a
 * screen lists them: store_objects_slice_next() adds up to n more to r
 * (a model of their own, with r->system.id the model's) and returns how
 * many, 0 (done set) once none are left, or -1 with err set, the model
 * having been changed by someone else since revision too, as
 * store_load_rest() says. r is not indexed (model_index()).
 */
struct store_objects_slice {
	int		 type;		/* OBJ_BOUNDARY, OBJ_COMPONENT or OBJ_FLOW */
	long		 pos;		/* of the last read */
	char		*last;		/* its id, or NULL before the first */
	int		 done;
};
void		 store_objects_slice_init(struct store_objects_slice *,
		     int type);
void		 store_objects_slice_release(struct store_objects_slice *);
long		 store_objects_slice_next(struct store *, struct model *r,
		     long revision, struct store_objects_slice *, size_t n,
		     struct error *);
/*
 * Once every type is read into r (each slice done): move r's objects into
 * m, the model opened in part they are of, and index it, as
 * store_load_rest() would have read them; -1 with err set (m left as it
 * was, r keeping its objects) when the model was changed since or does
 * not index.
 */
int		 store_objects_finish(struct store *, struct model *m,
		     struct model *r, struct error *);
/*
 * Create the model, or update the stored model with the same system id in
 * place, recording each difference in history (object created, deleted, or
 * field old -> new; practice answers too). With expected_revision >= 0 the
 * save is refused ("changed by someone else") when the stored model was
 * edited (saved) after that revision, or is not at it or later (0: the
 * model must not exist yet); decisions on its risks made since do not
 * conflict. A new model gets revision 1; on success the revision goes up
 * by one when anything changed (once per transaction: a decision in the
 * same store_transaction() belongs to the same revision), and *changed (if
 * not NULL) says whether anything did. When nothing did, nothing is
 * written. The model is indexed first if it is not.
 */
int		 store_save(struct store *, struct model *, long
		     expected_revision, int *changed, struct error *);
/*
 * What a save changed, as its history entries name it: one change a
 * field of an object (object id, field name; the system's own fields
 * under the system id; a practice answer or note under the question id),
 * or an object "created", "deleted", renamed ("id"), or a list reordered
 * ("component order" under the system id). type is the object's enum
 * objtype when the save knew it, else -1. Past STORE_CHANGES_MAX changes
 * only their number grows (many set): a caller treats that as everything
 * changed.
 */
#define STORE_CHANGES_MAX	4096
struct store_change {
	int	 type;
	char	*object;
	char	*field;
	int	 said;		/* a field's change: was is its old value */
	char	*was;		/* as text, NULL when it was not set */
};
struct store_changes {
	struct store_change	*v;
	size_t			 n;
	int			 many;
};
/*
 * Collect into c (the caller's, initialised zero) the changes of the saves
 * that follow, until called again with NULL.
 */
void		 store_watch_changes(struct store *, struct store_changes *c);
void		 store_changes_release(struct store_changes *);
/*
 * Record the model file a model was imported from, as given (a relative
 * path stays relative); NULL: it no longer comes from a file (its places
 * are forgotten too). Saving a model read from a file (its system has a
 * line) records where the system and each object are written in it; a
 * save of a model with no places keeps the stored ones. Neither is a
 * change of the model: no history, no revision.
 */
int		 store_set_model_file(struct store *, const char *id,
		     const char *file, struct error *);
/*
 * The model file a loaded (indexed) model was imported from, the caller's
 * to free, with the line and column of the system and each object set in
 * m (pos); NULL with err clear when the model did not come from a file
 * (m untouched), NULL with err set on error.
 */
char		*store_load_places(struct store *, struct model *,
		     struct error *);
/* Delete a model, its risks and decisions (history keeps a record). */
int		 store_delete(struct store *, const char *id, struct error *);

/*
 * Merge a freshly computed register into the stored one for a model: new
 * risks are added open; known risks get the new scoring, title and reasons
 * and keep their decisions; stored risks absent from the new register are
 * kept with applies = 0 when someone decided anything on them (status,
 * owner, justification, a mitigation's status, owner, due date or notes)
 * and dropped otherwise. The mitigations the catalogue proposes are kept
 * with the risk, not as rows of their own (store-risk.c). A stored risk
 * that stops applying, or applies again, is recorded in history.
 */
int		 store_sync_risks(struct store *, const char *id,
		     const struct risk_register *, struct error *);
/*
 * store_sync_risks() of only the risks of some threats (ids; every risk
 * of the register must be of one of them), in the caller's transaction:
 * the stored risks of other threats are left as they are, not read.
 */
int		 store_sync_risks_some(struct store *, const char *id,
		     const struct risk_register *, const char *const *threats,
		     size_t nthreats, struct error *);
/*
 * 1 if the stored register of a model is already this one: no finding
 * has an alias to merge (store_merge_findings()) and store_sync_risks()
 * would write nothing. Read in one snapshot, so that an analysis with
 * nothing to change neither takes nor waits for the write lock. 0 if
 * something would change, -1 on error.
 */
int		 store_register_current(struct store *, const char *id,
		     const struct risk_register *, struct error *);
/*
 * Before store_sync_risks(): move the decisions of stored risks that the
 * register's findings name as aliases (the risks an earlier analysis
 * raised per flow, per component or per restating threat) onto those
 * findings, keeping the most conservative status and everything people
 * wrote (risk_merge_decisions()); record "merged into" and "merged from"
 * and each change in history, and delete the earlier rows. *moved counts
 * them. One transaction.
 */
int		 store_merge_findings(struct store *, const char *id,
		     const struct risk_register *, size_t *moved,
		     struct error *);
/*
 * Load the stored register of a model (all risks, applying or not) into an
 * initialised register, ordered by threat then target; mitigations in the
 * order they were added.
 */
int		 store_load_risks(struct store *, const char *id,
		     struct risk_register *, struct error *);
/*
 * Append to reg one stored risk of a model with its mitigations, as
 * store_load_risks() reads it, and set *revision to the model's revision,
 * both read in one read transaction: for a screen that made a decision on
 * it and needs only that risk again. 1, 0 if there is no such risk (or
 * model), -1 with err set.
 */
int		 store_load_risk(struct store *, const char *id,
		     const char *threat, const char *target,
		     struct risk_register *, long *revision, struct error *);
/*
 * Decide a risk. status is an enum risk_status (-1: the one stored, as
 * it is when the decision is written); owner and justification may be
 * NULL (unchanged; "" clears). Accepting or marking not applicable
 * requires a justification (given now or already stored). A new or changed
 * acceptance also requires the risk's owner and a justification of at
 * least STORE_JUSTIFICATION_WORDS words, unless flags has STORE_RECORDED
 * (a decision recorded elsewhere before, as an import restores it). A
 * change of status or justification records who and when in
 * decided_by/decided_at. An owner is a person or a role: a new one of
 * more than STORE_OWNER_CHARS characters is refused (on a server the
 * owner is indexed, and an index entry has a size limit).
 *
 *
 * store_decide_risk() decides the risk seen, as a view (a screen, a
 * command) read it: in the same transaction that writes, the decision is
 * refused, and nothing written, when the stored risk is no longer what was
 * seen (see store_risk_seen()); with STORE_SEEN_APPLIES in flags, only
 * when it is gone or no longer applies, or applies again (a command that
 * decides without showing the risk first: another's decision on it since
 * is no reason to refuse). store_set_risk() and store_set_risk_flags()
 * decide whatever is stored (an import, an undo).
 */
#define STORE_JUSTIFICATION_WORDS 3
#define STORE_OWNER_CHARS 200
#define STORE_RECORDED 0x1
#define STORE_SEEN_APPLIES 0x2
int		 store_set_risk(struct store *, const char *id,
		     const char *threat, const char *target, int status,
		     const char *owner, const char *justification,
		     struct error *);
int		 store_decide_risk(struct store *, const char *id,
		     const struct risk *seen, int status, const char *owner,
		     const char *justification, int flags, struct error *);
int		 store_set_risk_flags(struct store *, const char *id,
		     const char *threat, const char *target, int status,
		     const char *owner, const char *justification, int flags,
		     struct error *);
/* Set a mitigation of a risk: status (-1: unchanged), owner, due, notes
 * (NULL: unchanged; "" clears). due must be a real date as YYYY-MM-DD.
 * Nothing is written, and nothing recorded, when nothing changes.
 * store_decide_mitigation() with seen (the risk as a view read it, or
 * NULL) is refused as store_decide_risk() is (flags likewise) when the
 * risk or this mitigation of it changed since. */
int		 store_set_mitigation(struct store *, const char *id,
		     const char *threat, const char *target,
		     const char *mitigation, int status, const char *owner,
		     const char *due, const char *notes, struct error *);
int		 store_decide_mitigation(struct store *, const char *id,
		     const char *threat, const char *target,
		     const struct risk *seen, const char *mitigation,
		     int status, const char *owner, const char *due,
		     const char *notes, int flags, struct error *);
/*
 * 1 if the stored risk is still as a view read it (seen): it applies, or
 * not, as it did, with the same likelihood and impact, status, owner and
 * justification and, with mit, the same status, owner, due date and notes
 * of that mitigation. 0 if not, with err saying "risk 'T@X' was changed
 * by someone else" and what changed; -1 on an error. One row's read, for
 * a check a screen makes on what it shows before asking for more.
 */
int		 store_risk_seen(struct store *, const char *id,
		     const struct risk *seen, const char *mit,
		     struct error *);

/*
 * A model and the decisions on its risks as they were at a revision (see
 * below), rebuilt from the current ones by undoing, newest first, every
 * change the history records after that revision. A revision of 0 or less
 * counts back from the latest (0: the latest, -1: the one before). With
 * id NULL, the only model of the database. reg (initialised by the
 * caller) gets every stored risk with its status, owner, justification
 * and mitigations as they were then; its scoring is today's, not then's
 * (the history does not record scores: analyse the model to score it).
 * The places of objects in their lists are not rebuilt. An unknown
 * revision, or one older than the history this database holds (a model
 * imported whole begins at the revision of its file), is an error.
 * The model is indexed and its revision is the one asked for.
 *
 * Revisions: each committed change to a model (a save that changes it, a
 * decision, an import, an analysis that changes its register) makes its
 * next revision, and every history entry records the revision it belongs
 * to (struct change.revision); the model's revision is its latest.
 */
struct model	*store_load_revision(struct store *, const char *id,
		     long revision, struct risk_register *reg,
		     struct error *);

/*
 * History, oldest first; of one model when id is not NULL, and of one
 * object (of that model, or of any when id is NULL) when object is not
 * NULL. Free with changes_free().
 */
int		 store_history(struct store *, const char *id,
		     const char *object, struct change **, size_t *,
		     struct error *);

/*
 * Create a model as it was exported elsewhere (XML import), with its
 * register and decisions verbatim and the history it had there appended,
 * each entry marked "imported from 'SOURCE'" (its author and time are the
 * file's, unverified), then one entry of our own: who imported it, when,
 * from where. The model must not exist yet (an import over a stored model
 * saves it and its decisions as changes instead). One transaction.
 */
int		 store_import_full(struct store *, struct model *,
		     const struct risk_register *, const struct change *,
		     size_t, const char *source, struct error *);
/*
 * Add risks as they were decided elsewhere (an import), scoring and
 * decisions verbatim, each recorded in history as imported with its
 * status. A risk already stored is an error.
 */
int		 store_insert_risks(struct store *, const char *id,
		     const struct risk_register *, struct error *);
/*
 * Append the entries of another database's history that this one does not
 * hold yet (same time, author, object, field and values), marked as
 * imported from source. *added (if not NULL) counts them.
 */
int		 store_append_imported(struct store *, const char *id,
		     const struct change *, size_t, const char *source,
		     size_t *added, struct error *);
/*
 * Record in a model's history that someone confirmed part of it as it is
 * (what: a word, as "boundaries" for the walk-through's step): an entry on
 * the system, field HISTORY_CONFIRMED, with who and when, and the model's
 * revision moves on; the model itself does not change. 0, or -1 with err.
 */
int		 store_confirm(struct store *, const char *id,
		     const char *what, struct error *);
/*
 * Withdraw a confirmation (an undo in the screens): an entry of the same
 * field whose old value is what and whose new value is none; the entries
 * before it stay as they are. 0, or -1 with err.
 */
int		 store_unconfirm(struct store *, const char *id,
		     const char *what, struct error *);
/*
 * The time of the latest change to a model recorded here (history or a
 * decision), the caller's to free; NULL with *err clear when there is
 * none, NULL with err set on error.
 */
char		*store_latest_change(struct store *, const char *id,
		     struct error *);

/*
 * The organisation's register: every system of the database with what its
 * risk owners review (store-register.c). It reads the stored registers, as
 * the last analysis or decision left them, in one snapshot.
 *
 * Which risks count: those that apply, with status open or mitigating
 * (or the status asked for), at or above a severity, and when an owner is
 * asked for, those whose owner (else, when the risk has none, the system's
 * owner) is that one. Overdue mitigations (risk_mitigation_overdue(): due
 * before today, not implemented, verified or rejected) count on risks that
 * are neither accepted nor not applicable, as the report lists them; with
 * an owner asked for, the mitigation's own owner matches too. An accepted
 * risk is due for review when it was decided review_days or more before
 * today, or when its decision has no date. A question is open when the
 * model has no yes or no answer to it.
 */
/*
 * The systems of the register, ordered by id. Every system (of the team,
 * when one is asked for) is listed; with an owner, a status or a severity
 * above low asked for, only those with something counted, or (owner) whose
 * owner it is. Free with store_register_free().
 */
int		 store_register(struct store *,
		     const struct org_filter *,
		     struct org_system **, size_t *, struct error *);
void		 store_register_free(struct org_system *, size_t);
/*
 * The overdue mitigations across systems, oldest due date first; and the
 * accepted risks due for review, oldest decision first. Then by system,
 * risk and mitigation. Free with store_register_items_free().
 */
int		 store_register_overdue(struct store *,
		     const struct org_filter *,
		     struct org_item **, size_t *, struct error *);
int		 store_register_review(struct store *,
		     const struct org_filter *,
		     struct org_item **, size_t *, struct error *);
void		 store_register_items_free(struct org_item *,
		     size_t);

/*
 * For tests: let the database grow by at most this many pages from now on,
 * so that a larger write fails as it would on a full disk (a SQLite file
 * only: on a server it fails).
 */
int		 store_limit_pages(struct store *, long pages,
		     struct error *);

#endif

/*
 * session.h: one open database with its catalogue, and the operations that
 * keep a model and its risk register in step.
 *
 * This is the layer the command line and the TUI share: every change to a
 * model is saved (one transaction, history recorded) and the analysis is
 * re-run at once, merging the new risks into the stored register so that
 * no decision is lost. The register is derived data: if a process dies
 * between the save and the merge, the next analysis brings it up to date.
 *
 * Ownership: a session owns its store and catalogue; models and registers
 * returned are the caller's.
 */
#ifndef PARAPET_SESSION_SESSION_H
#define PARAPET_SESSION_SESSION_H

#include <stddef.h>
#include <time.h>

#include "model/risk-counts.h"

struct catalogue;
struct deps;
struct error;
struct model;
struct risk_register;
struct store;
struct store_summary;

struct session {
	struct store		*store;
	struct catalogue	*cat;
	/*
	 * Or NULL: names (THREAT@TARGET) of findings that people decide on
	 * in what is being imported; one that rests only on unanswered
	 * fields is kept as a provisional risk, as one decided in the
	 * database is. Borrowed, set only around a save.
	 */
	const struct strmap	*keep;
	/*
	 * What analyses here, named for the store (session_save_found()):
	 * when the session opened (its catalogue read after), the name once
	 * made, and whether it was tried.
	 */
	struct timespec		 opened;
	char			*analysis;
	int			 analysis_tried;
	/* What each threat reads (rules/deps.h), made at the first use. */
	struct deps		*deps;
};

/* What an analysis found, for summaries. */
struct session_summary {
	struct risk_counts counts;	/* the register's risks (no cell
					   counts when read from the store) */
	size_t	open_questions;		/* practice questions not answered
					   (set by an analysis only) */
	size_t	merged;			/* earlier risks merged into findings
					   (their decisions moved) */
	size_t	field_questions;	/* unanswered fields that findings
					   stand on (set by an analysis) */
	size_t	asked;			/* earlier provisional risks nobody
					   decided on, now open questions */
};

/*
 * Open a database with store_open() flags (STORE_CREATE, or STORE_READONLY
 * for commands that only read) and load the standard catalogue plus extra
 * catalogue files. NULL on error.
 */
struct session	*session_open(const char *db, int flags,
		     const char *const *catalogues, size_t ncatalogues,
		     struct error *);
/*
 * A session on a database file that does not exist yet, which it does not
 * make: its catalogue and no store (store NULL) until session_make_store()
 * makes the file, when the first model is saved into it. A mistyped name
 * then leaves no empty database behind. NULL on error.
 */
struct session	*session_open_unmade(const char *const *catalogues,
		     size_t ncatalogues, struct error *);
/* Make (or open, if made meanwhile) the database of an unmade session. */
int		 session_make_store(struct session *, const char *db,
		     struct error *);
void		 session_close(struct session *);

/*
 * Check a model against the catalogue: every practice answer must name a
 * known question (an error at the answer's position, with a suggestion).
 */
int		 session_check_model(const struct session *,
		     const struct model *, const char *file, struct error *);
/*
 * Save a model (create or update in place; see store_save for
 * expected_revision) and re-run its analysis. The summary may be NULL.
 */
int		 session_save(struct session *, struct model *,
		     long expected_revision, struct session_summary *,
		     struct error *);
/*
 * session_save() with the analysis of the model already made by the caller
 * (found and pending as analyze_lean() or analyze_unknowns() gives them,
 * for this model and the session's catalogue): the save uses it rather
 * than analysing again (again whole if a finding to keep was raised lean).
 * Both are the caller's to release afterwards, emptied if the save took
 * them.
 */
int		 session_save_found(struct session *, struct model *,
		     long expected_revision, struct risk_register *found,
		     struct risk_register *pending, struct session_summary *,
		     struct error *);
/* Re-run the analysis of a stored model (id NULL: the only one). */
int		 session_analyze(struct session *, const char *id,
		     struct session_summary *, struct error *);
/* Summarise the stored register of a model, counted in the database. */
int		 session_summarize_stored(struct session *, const char *id,
		     struct session_summary *, struct error *);
/*
 * The register an analysis would store now, computed without writing: the
 * fresh analysis of a model with the stored decisions carried over, and
 * the stored risks that no longer apply but were decided on (applies 0).
 * For read-only commands that must not trust a stale register. reg must
 * be initialised.
 */
int		 session_register(struct session *, const struct model *,
		     struct risk_register *, struct error *);

#endif

/*
 * store-questions.h: the open questions an analysis found, kept with the
 * model (schema 7), for the report to read rather than analyse again.
 *
 * They hold for the edit of the model they were found at (models.edited):
 * a decision does not change them, an edit of the model does (until the
 * analysis that follows it keeps the new ones).
 */
#ifndef PARAPET_STORE_STORE_QUESTIONS_H
#define PARAPET_STORE_STORE_QUESTIONS_H

#include <stddef.h>

struct error;
struct risk_question;
struct risk_questions;
struct store;

/*
 * Keep q as model id's questions, replacing any, in the caller's write
 * transaction. 0, or -1 with err set.
 */
int	store_save_questions(struct store *, const char *id,
	    const struct risk_questions *, struct error *);
/* Drop model id's questions, in the caller's write transaction. */
int	store_forget_questions(struct store *, const char *id,
	    struct error *);
/*
 * 1 if model id has questions kept for the model as it is that analysis
 * (store_analysis_done(): the program and catalogue) found, 0 if not
 * (analysis NULL: never), -1 with err set. Questions another catalogue
 * found are not this one's, although the model did not change.
 */
int	store_questions_current(struct store *, const char *id,
	    const char *analysis, struct error *);

/*
 * Which analysis made model id's register: mark it made, in the caller's
 * write transaction, by analysis (a name of the program and catalogue
 * that analysed it, or NULL: not known, as when decisions came with the
 * save) for the model and its decisions as they are now (its revision).
 * Called after the questions are kept (store_save_questions()).
 */
int	store_analysis_done(struct store *, const char *id,
	    const char *analysis, struct error *);
/*
 * 1 if model id's register and questions were made by analysis for the
 * model as it is (no edit or decision since), with *n its questions; 0
 * if not; -1 on error.
 */
int	store_analysis_current(struct store *, const char *id,
	    const char *analysis, size_t *n, struct error *);

/*
 * The kept questions of model id one at a time, in the order they were
 * found (most severe first), in the caller's read transaction: NULL with
 * err not set when none are kept for the model as it is (analyse it);
 * else their number in *n. next: the next (the reader's, valid until the
 * next call), NULL at the end, or NULL with err set.
 */
struct store_questions;
struct store_questions	*store_questions_open(struct store *, const char *id,
			    size_t *n, struct error *);
const struct risk_question *store_questions_next(struct store_questions *,
			    struct error *);
/*
 * store_questions_open() of the questions kept whatever edit of the model
 * they were found at: for a save that knew them current before it
 * changed the model, in its own transaction.
 */
struct store_questions	*store_questions_open_stale(struct store *,
			    const char *id, size_t *n, struct error *);
/*
 * End the read for now (no statement stays open, as between keys): the
 * next call of next() reads on from the question after the last one it
 * gave, in a read of its own.
 */
void			 store_questions_pause(struct store_questions *);
void			 store_questions_close(struct store_questions *);

#endif

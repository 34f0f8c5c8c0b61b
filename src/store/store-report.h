/*
 * store-report.h: what the sign-off report (the Markdown export) reads of
 * a stored model, in one read transaction from open to close.
 *
 * The model without its components and flows (or whole, once
 * store_report_whole() read it), its components and flows one at a
 * time, the register one risk at a time from a cursor that holds only
 * the keys (store-page.h), and of the history only its decisions: how
 * many there are, then each, newest first, one at a time, chosen by the
 * database rather than loaded (at 100,000 components the history is
 * 700,000 entries, mostly risks appearing). Make no other call on the
 * store in between but reading its kept open questions
 * (store-questions.h).
 */
#ifndef PARAPET_STORE_STORE_REPORT_H
#define PARAPET_STORE_STORE_REPORT_H

#include <stddef.h>

struct change;
struct error;
struct model;
struct store;
struct store_risk_cursor;

struct store_report;

/* NULL with err set when there is no such model or the database fails. */
struct store_report	*store_report_open(struct store *, const char *id,
			    struct error *);
/*
 * The model, indexed (the report's, freed by close): the system, its
 * revision, boundaries and practice answers, without its components and
 * flows (ncomponents and nflows are 0) until store_report_whole().
 */
const struct model	*store_report_model(struct store_report *);
/* How many components and flows the model has; -1 with err set. */
long			 store_report_nobjects(struct store_report *,
			    struct error *);
/*
 * Read the model whole, for store_report_model(), and a writer that takes
 * it so (the diagram drawn by Graphviz, the open questions analysed
 * again). 0, or -1 with err set.
 */
int			 store_report_whole(struct store_report *,
			    struct error *);
/*
 * The next component (type OBJ_COMPONENT) or flow (OBJ_FLOW) in the
 * model's order, or NULL at the end, or NULL with err set: after its
 * end, or a call for the other list, the list begins again. Read one
 * list at a time, and not while reading the register. The object is the
 * report's, valid until the next call.
 */
const void		*store_report_next_object(struct store_report *,
			    int type, struct error *);
/* The register, in the report's order (model/risk-group.h). */
struct store_risk_cursor *store_report_risks(struct store_report *);
/*
 * The decisions of the history: entries about a risk (THREAT@TARGET) but
 * for "applies", which the analysis records. How many there are, or -1
 * with err set.
 */
long			 store_report_ndecisions(struct store_report *,
			    struct error *);
/*
 * The next decision, newest first, or NULL at the end, or NULL with err
 * set. The entry and its strings are the report's, valid until the next
 * call; only one is held, however long the history.
 */
const struct change	*store_report_next_decision(struct store_report *,
			    struct error *);
void			 store_report_close(struct store_report *);

#endif

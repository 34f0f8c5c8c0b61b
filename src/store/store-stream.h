/*
 * store-stream.h: a stored model read one piece at a time, for a writer
 * that streams the whole of it (the XML export).
 *
 * store_load(), store_load_risks() and store_history() hold a model, its
 * register and its history whole: at 100,000 components that is about
 * 800 MB. A stream holds the small part of the model (the system, its
 * boundaries and practice answers) and one object, risk or history entry
 * at a time, all read in one read transaction from open to close, so
 * that what is written is one revision of the model. Make no other call
 * on the store in between. The YAML export reads the model the same way,
 * with only the risks that carry decisions.
 */
#ifndef PARAPET_STORE_STORE_STREAM_H
#define PARAPET_STORE_STORE_STREAM_H

struct change;
struct error;
struct model;
struct risk;
struct risk_register;
struct store;

struct store_stream;

/*
 * Open a stream on model id (NULL: the only one). NULL with err set when
 * there is no such model or the database fails.
 */
struct store_stream	*store_stream_open(struct store *, const char *id,
			    struct error *);
/*
 * The model without its components and flows (ncomponents and nflows
 * are 0): the system, its revision, boundaries and practice answers.
 */
const struct model	*store_stream_model(struct store_stream *);
/*
 * The next component (type OBJ_COMPONENT) or flow (OBJ_FLOW) in the
 * order of the model's lists, or NULL at the end, or NULL with err set.
 * Read one list to its end before the next. The object is the stream's,
 * valid until the next call.
 */
const void		*store_stream_next_object(struct store_stream *,
			    int type, struct error *);
/* The next risk in register order (store_risk_cursor_next()). */
const struct risk	*store_stream_next_risk(struct store_stream *,
			    struct error *);
/*
 * Append to reg the risks of the model that carry a decision, with only
 * what says so (as store_load_risk_states(), of which they are a part:
 * risk_decided() and the YAML export read them the same), for a writer
 * that streams the model and writes its decisions (the YAML export): the
 * register held is as large as what people decided, not as the model.
 * It may hold a few more that a writer's own test leaves out (a
 * mitigation row kept with nothing decided). 0, or -1 with err set.
 */
int			 store_stream_decisions(struct store_stream *,
			    struct risk_register *, struct error *);
/* The next history entry of the model, oldest first (as store_history()). */
const struct change	*store_stream_next_change(struct store_stream *,
			    struct error *);
void			 store_stream_close(struct store_stream *);

#endif

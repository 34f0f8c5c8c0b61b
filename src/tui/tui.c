/* tui.c: start and stop curses, the event loop, and the open model. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "store/store-questions.h"
#include "tui/tui-int.h"
#include "tui/tui.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
#include "view/flows.h"
#include "view/risks.h"

static volatile sig_atomic_t	 tui_signal;

static int	tui_conflict(const struct error *);

/* Note the signal; the event loop ends and restores the terminal. */
static void
tui_on_signal(int sig)
{
	tui_signal = sig;
}

/* Restore the terminal before fatal() prints its message. */
static void
tui_fatal_hook(void)
{
	if (!isendwin())
		endwin();
}

struct screen *
screen_new(const struct screen_ops *ops, void *data)
{
	struct screen	*s = xcalloc(1, sizeof *s);

	s->ops = ops;
	s->data = data;
	return s;
}

/* Free a screen and what it holds. */
static void
screen_free(struct screen *s)
{
	if (s == NULL)
		return;
	if (s->ops->free != NULL)
		s->ops->free(s);
	free(s);
}

enum tui_next
tui_push(struct tui *t, struct screen *s)
{
	screen_free(t->pending);
	t->pending = s;
	return TUI_PUSH;
}

enum tui_next
tui_goto(struct tui *t, struct screen *s)
{
	while (t->n > 1 && !screen_is_walk(t->stack[t->n - 1]))
		screen_free(t->stack[--t->n]);
	if (s == NULL)
		return TUI_REDRAW;
	return tui_push(t, s);
}

void
tui_insert_below(struct tui *t, struct screen *s)
{
	if (t->n == TUI_STACK || t->n == 0) {
		screen_free(s);
		return;
	}
	t->stack[t->n] = t->stack[t->n - 1];
	t->stack[t->n - 1] = s;
	t->n++;
}

/* Search a list for the text of a prompt. */
static int
tui_search_done(struct tui *t, void *arg, const char *text)
{
	struct vlist	*l = arg;

	free(t->search);
	t->search = *text != '\0' ? xstrdup(text) : NULL;
	if (t->search != NULL && vlist_search(l, t->search) == -1)
		tui_errorf(t, "no match for '%s'", t->search);
	return 0;
}

void
tui_select_added(struct tui *t, struct vlist *l)
{
	const struct vline	*v;
	const struct objref	*ref;
	const char		*id;
	size_t			 i;

	if (t->added == NULL)
		return;
	/* The object by its id, then its line (not a scan of the model's
	   objects per line: quadratic at a million). */
	if (t->m != NULL && t->m->indexed &&
	    (ref = strmap_get(&t->m->ids, t->added)) != NULL) {
		for (i = 0; i < l->lines.n; i++) {
			v = &l->lines.v[i];
			if (v->selectable && v->data == ref->ptr) {
				l->cursor = i;
				vlist_fix(l);
				break;
			}
		}
		i = l->lines.n;
	} else
		i = 0;
	for (; t->m != NULL && i < l->lines.n; i++) {
		v = &l->lines.v[i];
		if (!v->selectable || v->data == NULL ||
		    (id = view_objid(t->m, v->data)) == NULL)
			continue;
		if (strcmp(id, t->added) == 0) {
			l->cursor = i;
			vlist_fix(l);
			break;
		}
	}
	free(t->added);
	t->added = NULL;
}

enum tui_next
tui_list_key(struct tui *t, struct vlist *l, enum action a, int page)
{
	enum tui_next	 next;
	char		*q;

	switch (a) {
	case ACT_UP:
		vlist_move(l, -1);
		return TUI_REDRAW;
	case ACT_DOWN:
		vlist_move(l, 1);
		return TUI_REDRAW;
	case ACT_PAGE_UP:
		vlist_page(l, -1, page);
		return TUI_REDRAW;
	case ACT_PAGE_DOWN:
		vlist_page(l, 1, page);
		return TUI_REDRAW;
	case ACT_FIRST:
		vlist_home(l);
		return TUI_REDRAW;
	case ACT_LAST:
		vlist_end(l);
		return TUI_REDRAW;
	case ACT_SEARCH:
		q = xasprintf("Text to look for (case is ignored); %s finds "
		    "the next match.", keys_key(ACT_SEARCH_NEXT, KCTX_LIST));
		next = tui_prompt(t, "Search", q, t->search, tui_search_done,
		    l, NULL);
		free(q);
		return next;
	case ACT_SEARCH_NEXT:
		if (t->search == NULL)
			tui_errorf(t, "nothing to search for yet: press %s "
			    "first", keys_key(ACT_SEARCH, KCTX_LIST));
		else if (vlist_search(l, t->search) == -1)
			tui_errorf(t, "no match for '%s'", t->search);
		return TUI_REDRAW;
	default:
		return TUI_NONE;
	}
}

void
tui_status(struct tui *t, int error, const char *fmt, ...)
{
	va_list	ap;

	buf_reset(&t->status);
	va_start(ap, fmt);
	buf_vaddf(&t->status, fmt, ap);
	va_end(ap);
	t->status_error = error;
}

void
tui_error(struct tui *t, const struct error *err)
{
	buf_reset(&t->status);
	error_format(err, &t->status);
	t->status_error = 1;
}

const struct catalogue *
tui_catalogue(const struct tui *t)
{
	return t->s->cat;
}

/* Forget the questions computed for a model. */
static void
tui_forget_questions(struct tui *t)
{
	store_questions_close(t->qx);
	t->qx = NULL;
	risk_questions_release(&t->questions);
	risk_register_release(&t->qpending);
	risk_register_init(&t->qpending);
	t->qgen = 0;
	t->qtotal = 0;
}

/*
 * Read up to max more of the questions kept (their risks into
 * t->qpending); the read is paused after, or closed at the end. What a
 * failed or short read gave stays (the screens hold its questions); the
 * error is shown.
 */
static void
tui_questions_read(struct tui *t, size_t max)
{
	const struct risk_question	*q;
	struct risk_question		*u;
	struct risk			*k;
	struct error			 err;
	size_t				 i;

	if (t->qx == NULL)
		return;
	error_clear(&err);
	for (; max > 0 && t->questions.n < t->qtotal; max--) {
		if ((q = store_questions_next(t->qx, &err)) == NULL)
			break;
		u = &t->questions.v[t->questions.n++];
		u->element = xstrdup(q->element);
		u->field = xstrdup(q->field);
		u->worst = q->worst;
		u->risks = xcalloc(q->nrisks + 1, sizeof *u->risks);
		for (i = 0; i < q->nrisks; i++) {
			k = risk_register_add(&t->qpending, q->risks[i]->threat,
			    q->risks[i]->target);
			k->severity = q->risks[i]->severity;
			k->title = xstrdup(q->risks[i]->title);
			u->risks[u->nrisks++] = k;
		}
	}
	/* max read, and more to come. */
	if (max == 0 && t->questions.n < t->qtotal) {
		store_questions_pause(t->qx);
		return;
	}
	if (error_isset(&err))
		tui_error(t, &err);
	store_questions_close(t->qx);
	t->qx = NULL;
	t->qtotal = t->questions.n;
}

/*
 * The questions kept with the model as it is (store-questions.h), read
 * into t->questions, their risks into t->qpending, the first max now: 1,
 * or 0 when none are kept (an older database, or the register changed
 * since) or on an error.
 */
static int
tui_read_questions(struct tui *t, size_t max)
{
	struct error	err;
	size_t		n;

	error_clear(&err);
	if ((t->qx = store_questions_open(t->s->store, t->m->system.id, &n,
	    &err)) == NULL)
		return 0;
	t->questions.v = xcalloc(n + 1, sizeof *t->questions.v);
	t->qtotal = n;
	tui_questions_read(t, max);
	return 1;
}

/*
 * Questions read at once when a screen first shows them, and then a
 * slice at a time between keys: at a million risks there are some
 * 822,000, read in seconds.
 */
#define TUI_QUESTIONS_FIRST	1000
#define TUI_QUESTIONS_SLICE	500

/*
 * The questions an edit's analysis kept are read (a decision does not
 * change them); only without them is the model analysed again, which at
 * a million risks takes a minute.
 */
const struct risk_questions *
tui_questions_part(struct tui *t)
{
	if (t->m == NULL || !t->m->indexed)
		return NULL;
	if (t->qgen != t->gen + 1) {
		tui_forget_questions(t);
		/* (Analysed, the model is read whole first.) */
		if (t->s->store == NULL ||
		    !tui_read_questions(t, TUI_QUESTIONS_FIRST)) {
			analyze_questions(t->s->cat, tui_model(t),
			    &t->qpending, &t->questions);
			t->qtotal = t->questions.n;
		}
		t->qgen = t->gen + 1;
	}
	return &t->questions;
}

int
tui_questions_more(struct tui *t)
{
	if (t->m == NULL || t->qgen != t->gen + 1 || t->qx == NULL)
		return 0;
	tui_questions_read(t, TUI_QUESTIONS_SLICE);
	return 1;
}

size_t
tui_questions_total(const struct tui *t)
{
	return t->qtotal;
}

const struct risk_questions *
tui_questions(struct tui *t)
{
	const struct risk_questions	*q = tui_questions_part(t);

	if (q != NULL && t->qx != NULL)
		tui_questions_read(t, (size_t)-1);
	return q;
}

int
tui_body_top(const struct tui *t)
{
	(void)t;
	return 1;
}

int
tui_body_height(const struct tui *t)
{
	return t->rows - 1 - (t->status_rows > 1 ? t->status_rows : 1);
}

/* Parts of a closed model and register freed at a step between keys. */
#define TUI_TRASH_STEP	50000

/*
 * Free a step of the model and register closed last; 1 when it did, 0
 * when nothing is left.
 */
static int
tui_trash_step(struct tui *t)
{
	if (t->dead_risks.n > 0 || t->dead_risks.risks != NULL) {
		risk_register_release_some(&t->dead_risks, TUI_TRASH_STEP);
		return 1;
	}
	if (t->dead_m != NULL) {
		if (model_free_some(t->dead_m, TUI_TRASH_STEP) == 0)
			t->dead_m = NULL;
		return 1;
	}
	return 0;
}

/* Free the model and register closed last, all of them now. */
static void
tui_trash_empty(struct tui *t)
{
	model_free(t->dead_m);
	t->dead_m = NULL;
	risk_register_release(&t->dead_risks);
}

/* Stop reading the objects in slices, forgetting what was read. */
static void
tui_objects_stop(struct tui *t)
{
	size_t	i;

	model_free(t->objs);
	t->objs = NULL;
	for (i = 0; i < 3; i++)
		store_objects_slice_release(&t->oslice[i]);
	t->ogen = 0;
}

void
tui_close_model(struct tui *t)
{
	tui_objects_stop(t);
	/* Freed between keys (tui_trash_step()); one closed before, now. */
	tui_trash_empty(t);
	t->dead_m = t->m;
	t->dead_risks = t->risks;
	t->m = NULL;
	t->whole = 0;
	walk_tmpl_release(&t->tmpl);
	risk_register_init(&t->risks);
	memset(&t->rcounts, 0, sizeof t->rcounts);
	t->rloaded = 0;
	store_risk_slice_release(&t->rslice);
	tui_forget_questions(t);
	undo_release(&t->undo);
	undo_init(&t->undo);
	rfilter_release(&t->rfilter);
	t->rsort = RSORT_SEVERITY;
	t->gen++;
}

/*
 * What model id still holds of the template it was made from, if it was:
 * the system's own entries say (one object's history, a short read); only
 * then is the whole history read. Nothing is shown on an error: the note
 * is a help, not the model.
 */
static void
tui_read_tmpl(struct tui *t, const char *id)
{
	struct change	*v = NULL;
	struct error	 err;
	char		*name = NULL;
	size_t		 n = 0, i;

	walk_tmpl_release(&t->tmpl);
	error_clear(&err);
	if (store_history(t->s->store, id, id, &v, &n, &err) == -1)
		return;
	for (i = 0; i < n && name == NULL; i++)
		if (v[i].field != NULL && strcmp(v[i].field, "created") == 0)
			name = walk_tmpl_source(v[i].source);
	changes_free(v, n);
	if (name == NULL)
		return;
	free(name);
	v = NULL;
	n = 0;
	if (store_history(t->s->store, id, NULL, &v, &n, &err) == -1)
		return;
	walk_tmpl_read(&t->tmpl, v, n);
	changes_free(v, n);
}

/*
 * Neither the register nor the model's objects are read here (at a
 * million risks, 1.5 million objects and the risks take seconds each):
 * the register's counts are, and the model's head (its system, practices
 * and whether it has boundaries, components and flows), all the
 * walk-through shows but for the steps that list those; tui_risks()
 * and tui_model() read the rest when a screen needs it. Every change
 * reopens the model, so all are read again after each; a model read
 * whole before is read whole again (the screens that needed it may still
 * be open, and read it at once after a change as before).
 */
static int
tui_open_as(struct tui *t, const char *id, int whole)
{
	struct model		*m;
	struct risk_counts	 rc;
	struct store_mark	 mark;
	struct error		 err;

	error_clear(&err);
	/*
	 * What is read now is what is stored: a change made before is not
	 * "changed elsewhere" any more (the poll forgets it), one made while
	 * loading still is (the mark is taken first).
	 */
	(void)store_poll(t->s->store);
	store_mark(t->s->store, &mark);
	if ((m = whole ? store_load(t->s->store, id, &err) :
	    store_load_head(t->s->store, id, &err)) == NULL) {
		tui_error(t, &err);
		return -1;
	}
	if (store_count_risks(t->s->store, id, &rc, &err) == -1) {
		model_free(m);
		tui_error(t, &err);
		return -1;
	}
	if (t->m == NULL || strcmp(t->m->system.id, id) != 0) {
		undo_release(&t->undo);
		undo_init(&t->undo);
		rfilter_release(&t->rfilter);
		t->rsort = RSORT_SEVERITY;
	}
	t->whole = whole;
	tui_objects_stop(t);
	/* The old ones freed between keys, as a closed model's (at a
	   million risks freeing them takes a second after each save). */
	tui_trash_empty(t);
	t->dead_m = t->m;
	t->dead_risks = t->risks;
	risk_register_init(&t->risks);
	t->m = m;
	t->rcounts = rc;
	t->loaded = mark;
	t->gen++;
	t->rloaded = 0;
	store_risk_slice_release(&t->rslice);
	rview_today(t->today);
	tui_read_tmpl(t, id);
	return 0;
}

int
tui_open(struct tui *t, const char *id)
{
	return tui_open_as(t, id, t->m != NULL && t->whole &&
	    strcmp(t->m->system.id, id) == 0);
}

/*
 * The rest is read into the model itself, so that what the screens hold
 * of it (its system, practices) stays theirs, and with it the
 * register read so far; only a model changed since its head was read is
 * read again whole (a new generation).
 */
struct model *
tui_model(struct tui *t)
{
	struct error	 err;
	char		*id;

	if (t->m == NULL)
		return NULL;
	/* Being read in slices: the rest now. */
	while (tui_objects_partial(t) && tui_objects_more(t, 1UL << 30))
		;
	t->whole = 1;
	if (t->m->unread == 0)
		return t->m;
	error_clear(&err);
	if (store_load_rest(t->s->store, t->m, &err) == 0)
		return t->m;
	/* Changed since (or an error): read it again, whole. */
	id = xstrdup(t->m->system.id);
	if (tui_open_as(t, id, 1) == 0 && !tui_conflict(&err))
		tui_error(t, &err);
	free(id);
	return t->m;
}

int
tui_objects_partial(const struct tui *t)
{
	return t->m != NULL && t->objs != NULL && t->ogen == t->gen + 1;
}

/*
 * Reading failed (err): as tui_model() does, the model read again whole,
 * err shown unless someone else changed it (what is shown is then what
 * they made of it).
 */
static void
tui_objects_failed(struct tui *t, struct error *err)
{
	char	*id = xstrdup(t->m->system.id);

	tui_objects_stop(t);
	if (tui_open_as(t, id, 1) == 0 && !tui_conflict(err))
		tui_error(t, err);
	free(id);
}

/* The objects read of one type so far. */
static size_t
tui_objects_count(const struct model *m, int type)
{
	return type == OBJ_BOUNDARY ? m->nboundaries :
	    type == OBJ_COMPONENT ? m->ncomponents : m->nflows;
}

/*
 * Read up to n objects of the slice's type into t->objs, each findable
 * by its id there (a flow's ends and a component's boundary, for the
 * lines that show them), its type's MODEL_UNREAD_* bit cleared once all
 * are read; -1 on error.
 */
static long
tui_objects_read(struct tui *t, struct store_objects_slice *sl, size_t n)
{
	static const unsigned bits[] = { MODEL_UNREAD_BOUNDARIES,
	    MODEL_UNREAD_COMPONENTS, MODEL_UNREAD_FLOWS };
	struct model	*o = t->objs;
	struct objref	*ref;
	struct error	 err;
	size_t		 had = tui_objects_count(o, sl->type), i;
	long		 got;
	void		*obj;

	error_clear(&err);
	if ((got = store_objects_slice_next(t->s->store, o, t->m->revision,
	    sl, n, &err)) == -1) {
		tui_objects_failed(t, &err);
		return -1;
	}
	for (i = had; i < tui_objects_count(o, sl->type); i++) {
		obj = sl->type == OBJ_BOUNDARY ? (void *)o->boundaries[i] :
		    sl->type == OBJ_COMPONENT ? (void *)o->components[i] :
		    (void *)o->flows[i];
		ref = xmalloc(sizeof *ref);
		ref->type = (enum objtype)sl->type;
		ref->ptr = obj;
		free(strmap_put(&o->ids, *(char **)obj, ref));
	}
	if (sl->done)
		o->unread &= ~bits[sl->type - OBJ_BOUNDARY];
	return got;
}

const struct model *
tui_objects_part(struct tui *t, int type, size_t n)
{
	struct store_objects_slice	*sl;
	size_t				 have, i;

	if (t->m == NULL)
		return NULL;
	if (t->m->unread == 0)
		return t->m;
	if (type < OBJ_BOUNDARY || type > OBJ_FLOW)
		return tui_model(t);
	if (!tui_objects_partial(t)) {
		tui_objects_stop(t);
		t->objs = model_new();
		t->objs->system.id = xstrdup(t->m->system.id);
		t->objs->unread = MODEL_UNREAD_BOUNDARIES |
		    MODEL_UNREAD_COMPONENTS | MODEL_UNREAD_FLOWS;
		for (i = 0; i < 3; i++)
			store_objects_slice_init(&t->oslice[i],
			    OBJ_BOUNDARY + (int)i);
		t->ogen = t->gen + 1;
	}
	sl = &t->oslice[type - OBJ_BOUNDARY];
	while (!sl->done && (have = tui_objects_count(t->objs, type)) < n)
		if (tui_objects_read(t, sl, n - have) == -1)
			return t->m;
	return t->objs;
}

int
tui_objects_more(struct tui *t, size_t n)
{
	struct error	err;
	size_t		i;

	if (!tui_objects_partial(t))
		return 0;
	for (i = 0; i < 3; i++) {
		if (t->oslice[i].done)
			continue;
		(void)tui_objects_read(t, &t->oslice[i], n);
		return 1;
	}
	/* All read: they become the model's. */
	error_clear(&err);
	if (store_objects_finish(t->s->store, t->m, t->objs, &err) == -1) {
		tui_objects_failed(t, &err);
		return 1;
	}
	tui_objects_stop(t);
	t->whole = 1;
	return 1;
}

/*
 * Risks a slice reads: the first a screenful and what a filter may pass
 * over, at once; the others between keys. A key that comes while a slice
 * is read waits for it: at 69,941 risks (-O2) a slice of 2,000 took a
 * median 7.6 ms of CPU (the slowest 14, 33 at a million risks), one of
 * 500 2.3 ms (the slowest 6.6), the whole register about as long either
 * way.
 */
#define TUI_RISKS_FIRST	500
#define TUI_RISKS_SLICE	500

/* Read the next n risks of the register; 1 when some were read. */
static int
tui_risks_slice(struct tui *t, size_t n)
{
	struct error	err;
	long		got;

	error_clear(&err);
	got = store_risk_slice_next(t->s->store, t->m->system.id,
	    &t->rslice, n, &t->risks, &err);
	if (got == -1) {
		/* What was read stays; the rest is not read again. */
		t->rslice.done = 1;
		tui_error(t, &err);
		return 0;
	}
	return got > 0;
}

/* Read the register of the open model again from its first n risks. */
static void
tui_risks_start(struct tui *t, size_t n)
{
	t->rloaded = t->gen + 1;
	risk_register_release(&t->risks);
	risk_register_init(&t->risks);
	store_risk_slice_release(&t->rslice);
	(void)tui_risks_slice(t, n);
}

struct risk_register *
tui_risks_part(struct tui *t)
{
	if (t->m != NULL && t->rloaded != t->gen + 1)
		tui_risks_start(t, TUI_RISKS_FIRST);
	return &t->risks;
}

int
tui_risks_more(struct tui *t)
{
	if (!tui_risks_partial(t))
		return 0;
	return tui_risks_slice(t, TUI_RISKS_SLICE);
}

int
tui_risks_partial(const struct tui *t)
{
	return t->m != NULL && t->rloaded == t->gen + 1 && !t->rslice.done;
}

/*
 * The register read whole at once: the rest of it when a first slice was
 * read, else all of it as one slice, in the order the risks screen lists
 * it, which leaves nothing to sort (at 72,073 risks, -O2: 330 ms of CPU
 * against 450 to 535 to read the risks by name and sort them).
 */
struct risk_register *
tui_risks(struct tui *t)
{
	if (t->m != NULL && t->rloaded != t->gen + 1)
		tui_risks_start(t, (size_t)LONG_MAX);
	else if (tui_risks_partial(t))
		(void)tui_risks_slice(t, (size_t)LONG_MAX);
	return &t->risks;
}

int
tui_reload(struct tui *t)
{
	struct error	 err;
	char		*id;
	int		 rc, exists;

	if (t->m == NULL)
		return 0;
	id = xstrdup(t->m->system.id);
	error_clear(&err);
	exists = store_exists(t->s->store, id, &err);
	if (exists == 0) {
		tui_errorf(t, "model '%s' was deleted by someone else", id);
		tui_close_model(t);
		free(id);
		return -1;
	}
	rc = tui_open(t, id);
	free(id);
	return rc;
}

int
tui_exists(struct tui *t, const char *id, struct error *err)
{
	if (t->s->store == NULL)
		return 0;
	return store_exists(t->s->store, id, err);
}

/* Make the database at the first save of a model into it. */
static int
tui_make_db(struct tui *t)
{
	struct error	err;

	error_clear(&err);
	if (session_make_store(t->s, t->unmade, &err) == -1) {
		buf_reset(&t->status);
		buf_adds(&t->status, "not saved: ");
		error_format(&err, &t->status);
		t->status_error = 1;
		return -1;
	}
	t->unmade = NULL;
	return 0;
}

/* 1 if an error says that another process changed the model first. */
static int
tui_conflict(const struct error *err)
{
	return strstr(err->msg, "by someone else") != NULL;
}

/*
 * A save refused (err says why): its copy m freed, its undo step taken
 * back (pushed), a conflict reloaded. Returns -1.
 */
static int
tui_save_failed(struct tui *t, struct model *m, const struct error *err,
    int pushed)
{
	struct undo_entry	e;

	if (pushed && undo_pop(&t->undo, &e) == 0)
		undo_entry_release(&e);
	model_free(m);
	if (tui_conflict(err)) {
		t->conflict = 1;
		tui_reload(t);
		tui_errorf(t, "not saved: %s (reloaded: look, then make your "
		    "change again)", err->msg);
	} else {
		buf_reset(&t->status);
		buf_adds(&t->status, "not saved: ");
		error_format(err, &t->status);
		t->status_error = 1;
	}
	return -1;
}

int
tui_save(struct tui *t, struct model *m, const char *what)
{
	struct undo_entry	 e;
	struct error		 err;
	long			 expected;
	char			*id;
	size_t			 i;
	int			 rc;

	/*
	 * A change to a model opened in part (a practice answered, the
	 * system edited): the rest is read into the open model, for its
	 * undo step, and into the changed copy, which is saved whole. A
	 * model changed elsewhere since is refused as its save would be.
	 */
	if (t->m != NULL && m->unread != 0) {
		error_clear(&err);
		if (tui_model(t) == NULL || t->m->unread != 0) {
			model_free(m);		/* the error is shown */
			return -1;
		}
		if (m->revision != t->m->revision)
			rc = error_set(&err, "model '%s' was changed by "
			    "someone else (revision %ld, expected %ld); reload "
			    "it", m->system.id, t->m->revision, m->revision);
		else
			rc = store_load_rest(t->s->store, m, &err);
		if (rc == -1)
			return tui_save_failed(t, m, &err, 0);
	}
	expected = t->m != NULL ? t->m->revision : 0;
	if (t->m != NULL) {
		undo_push_model(&t->undo, t->m, what);
		/* Undoing a rename renames back, risks and all. */
		for (i = m->nrenames; i-- > 0;)
			model_note_rename(t->undo.v[t->undo.n - 1].model,
			    m->renames[i].to, m->renames[i].from);
	}
	if (t->s->store == NULL && tui_make_db(t) == -1) {
		model_free(m);
		return -1;
	}
	error_clear(&err);
	t->conflict = 0;
	store_set_source(t->s->store, t->save_source);
	rc = session_save(t->s, m, expected, NULL, &err);
	store_set_source(t->s->store, NULL);
	if (rc == -1)
		return tui_save_failed(t, m, &err, t->m != NULL);
	id = xstrdup(m->system.id);
	model_free(m);
	if (tui_open(t, id) == -1) {
		free(id);
		return -1;
	}
	free(id);
	if (t->m->revision == expected && t->undo.n > 0 &&
	    undo_pop(&t->undo, &e) == 0)
		undo_entry_release(&e);		/* nothing changed */
	else
		tui_message(t, "saved: %s", what);
	return 0;
}

/*
 * A refused decision: a risk changed by someone else means the screen was
 * stale, so it is read again before the refusal is shown.
 */
static void
tui_refused(struct tui *t, const struct error *err)
{
	if (tui_conflict(err)) {
		tui_reload(t);
		tui_errorf(t, "not saved: %s (reloaded: look, then make your "
		    "change again)", err->msg);
	} else
		tui_error(t, err);
}

int
tui_risk_seen(struct tui *t, const struct risk *k, const char *mit)
{
	struct error	err;
	int		rc;

	if (t->m == NULL)
		return -1;
	error_clear(&err);
	if ((rc = store_risk_seen(t->s->store, t->m->system.id, k, mit,
	    &err)) == 1)
		return 0;
	if (rc == 0)
		tui_refused(t, &err);
	else
		tui_error(t, &err);
	return -1;
}

/*
 * What a decision on one risk needs to read again, taken before it is
 * written: whether what the screens show is all that is stored (nobody
 * wrote since it was read), and where the database stood.
 */
struct tui_decision {
	struct store_mark	 before;
	int			 current;
	char			*threat;
	char			*target;
};

static void
tui_decision_begin(struct tui *t, const struct risk *k,
    struct tui_decision *d)
{
	d->current = t->rloaded == t->gen + 1 &&
	    !store_moved(t->s->store, &t->loaded);
	store_mark(t->s->store, &d->before);
	d->threat = xstrdup(k->threat);
	d->target = xstrdup(k->target);
}

/*
 * After this process decided one risk, with nothing else written since
 * the screens read the model and its register: that risk, the revision
 * and the counts are read again, not the whole model and register
 * (seconds at a million risks). 0, or -1 when the whole must be read
 * again: another process wrote meanwhile (a server counts this one's
 * writes too, so there it always is), or the read failed.
 */
static int
tui_decision_read(struct tui *t, const struct tui_decision *d)
{
	struct risk_register	 one;
	struct risk_counts	 rc;
	struct store_mark	 now;
	struct error		 err;
	long			 revision;
	size_t			 i;

	if (!d->current || t->m == NULL)
		return -1;
	store_mark(t->s->store, &now);
	if (now.data_version == -1 ||
	    now.data_version != d->before.data_version)
		return -1;
	for (i = 0; i < t->risks.n; i++)
		if (strcmp(t->risks.risks[i]->threat, d->threat) == 0 &&
		    strcmp(t->risks.risks[i]->target, d->target) == 0)
			break;
	if (i == t->risks.n)
		return -1;
	risk_register_init(&one);
	error_clear(&err);
	if (store_load_risk(t->s->store, t->m->system.id, d->threat,
	    d->target, &one, &revision, &err) != 1 ||
	    store_count_risks(t->s->store, t->m->system.id, &rc,
	    &err) == -1) {
		risk_register_release(&one);
		return -1;
	}
	/* The screens' pointers to the old one go with the generation. */
	risk_register_take(NULL, t->risks.risks[i]);
	t->risks.risks[i] = one.risks[0];
	one.n = 0;
	risk_register_release(&one);
	t->m->revision = revision;
	t->rcounts = rc;
	t->gen++;
	t->rloaded = t->gen + 1;
	/* Taken before the reads: a write by another since shows. */
	t->loaded = now;
	return 0;
}

/*
 * After a decision is written (rc -1: it failed, err says why): take back
 * the undo step pushed for it or say it is saved, then read again what it
 * changed (d: the decided risk alone when nothing else can have changed).
 */
static void
tui_written(struct tui *t, int rc, const struct error *err,
    const char *what, struct tui_decision *d)
{
	struct undo_entry	e;

	if (rc == -1) {
		if (undo_pop(&t->undo, &e) == 0)
			undo_entry_release(&e);
		if (tui_conflict(err)) {
			tui_refused(t, err);	/* reloaded already */
			goto out;
		}
		tui_error(t, err);
	} else
		tui_message(t, "saved: %s", what);
	if (rc == -1 || tui_decision_read(t, d) == -1)
		tui_reload(t);
out:
	free(d->threat);
	free(d->target);
}

/*
 * The store refuses the decision, in the transaction that would write it,
 * when the risk is no longer stored as k shows it; k is the screen's, and
 * the reload after the write frees it.
 */
int
tui_set_risk(struct tui *t, const struct risk *k, int status,
    const char *owner, const char *justification, const char *what)
{
	struct tui_decision	 d;
	struct error		 err;
	int			 rc;

	if (t->m == NULL)
		return -1;
	if (status < 0)
		status = k->status;
	undo_push_risk(&t->undo, k, NULL, what);
	error_clear(&err);
	tui_decision_begin(t, k, &d);
	rc = store_decide_risk(t->s->store, t->m->system.id, k, status,
	    owner, justification, 0, &err);
	tui_written(t, rc, &err, what, &d);
	return rc;
}

int
tui_set_mitigation(struct tui *t, const struct risk *k, const char *mit,
    int status, const char *owner, const char *due, const char *notes,
    const char *what)
{
	struct tui_decision	 d;
	struct error		 err;
	int			 rc;

	if (t->m == NULL)
		return -1;
	undo_push_risk(&t->undo, k, mit, what);
	error_clear(&err);
	tui_decision_begin(t, k, &d);
	rc = store_decide_mitigation(t->s->store, t->m->system.id,
	    k->threat, k->target, k, mit, status, owner, due, notes, 0,
	    &err);
	tui_written(t, rc, &err, what, &d);
	return rc;
}

/*
 * The risk an undone decision is on, as the screens show it now (what the
 * store compares with what it holds before it writes). 0, or -1 with err
 * set when the register no longer has it.
 */
static int
tui_undo_seen(struct tui *t, const struct undo_entry *e,
    const struct risk **seen, struct error *err)
{
	const struct risk_register	*r = tui_risks(t);

	if ((*seen = risk_register_find(r, e->threat, e->target)) != NULL)
		return 0;
	return error_set(err, "risk '%s@%s' was changed by someone else: it "
	    "is no longer in the register", e->threat, e->target);
}

void
tui_undo(struct tui *t)
{
	const struct risk	*seen;
	struct undo_entry	 e;
	struct error		 err;
	int			 rc;

	if (t->m == NULL || undo_pop(&t->undo, &e) == -1) {
		tui_message(t, "nothing to undo");
		return;
	}
	error_clear(&err);
	/* History says an undo is one, not an edit like any other. */
	store_set_source(t->s->store, "undo");
	switch (e.kind) {
	case UNDO_MODEL:
		rc = session_save(t->s, e.model, t->m->revision, NULL, &err);
		break;
	case UNDO_CONFIRM:
		/* History is not rewritten: an entry withdraws it. */
		rc = store_unconfirm(t->s->store, t->m->system.id,
		    e.confirmed, &err);
		break;
	case UNDO_RISK:
		/*
		 * A decision taken before comes back as it was, unless the
		 * risk is no longer as the screens show it (another process
		 * decided it since): then the undo is refused as a decision
		 * would be, and the other's decision stays.
		 */
		if ((rc = tui_undo_seen(t, &e, &seen, &err)) == 0)
			rc = store_decide_risk(t->s->store, t->m->system.id,
			    seen, e.status, e.owner != NULL ? e.owner : "",
			    e.justification != NULL ? e.justification : "",
			    STORE_RECORDED, &err);
		break;
	default:
		if ((rc = tui_undo_seen(t, &e, &seen, &err)) == 0)
			rc = store_decide_mitigation(t->s->store,
			    t->m->system.id, e.threat, e.target, seen,
			    e.mitigation, e.status, e.owner != NULL ? e.owner :
			    "", e.due != NULL ? e.due : "", e.notes != NULL ?
			    e.notes : "", 0, &err);
		break;
	}
	store_set_source(t->s->store, NULL);
	if (rc == -1) {
		buf_reset(&t->status);
		buf_addf(&t->status, "cannot undo '%s': ", e.what);
		error_format(&err, &t->status);
		t->status_error = 1;
		if (tui_conflict(&err))
			tui_reload(t);
	} else {
		tui_reload(t);
		tui_message(t, "undone: %s", e.what);
	}
	undo_entry_release(&e);
}

/* The key chain of a screen now. */
static const enum kctx *
tui_chain(struct screen *s)
{
	const enum kctx	*c = NULL;

	if (s->ops->chain != NULL)
		c = s->ops->chain(s);
	return c != NULL ? c : s->ops->keys;
}

/*
 * Draw the whole screen: title, the top screen (over the one below if modal),
 * status.
 */
static void
tui_draw(struct tui *t)
{
	size_t	i, base;

	getmaxyx(stdscr, t->rows, t->cols);
	draw_begin(t);
	if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
		draw_too_small(t);
		draw_end(t);
		return;
	}
	draw_cursor(t, -1, -1);
	t->hint = NULL;
	t->status_rows = draw_status_rows(t);
	for (base = t->n - 1; base > 0 && t->stack[base]->ops->modal; base--)
		;
	draw_title(t, t->stack[base]->ops->name);
	for (i = base; i < t->n; i++)
		t->stack[i]->ops->draw(t, t->stack[i]);
	draw_status(t);
	draw_end(t);
}

/*
 * A screen's hint names only keys bound on that screen. One that names
 * others (a binding moved or removed in keys_table[]) loses those items;
 * with $PARAPET_HINT_LOG set, as the TUI's tests set it, the screen and
 * its hint are written to that file, and the tests fail.
 */
void
tui_hint(struct tui *t, struct screen *s, const struct key_hint *h)
{
	const char	*log;
	FILE		*f;

	buf_reset(&t->hintbuf);
	if (keys_hint(&t->hintbuf, h, tui_chain(s)) > 0 &&
	    (log = getenv("PARAPET_HINT_LOG")) != NULL && *log != '\0' &&
	    (f = fopen(log, "a")) != NULL) {
		fprintf(f, "%s: an item of the hint names a key not bound "
		    "here; shown: %s\n", s->ops->name, t->hintbuf.s);
		fclose(f);
	}
	t->hint = h;
	t->hint_chain = tui_chain(s);
}

/*
 * Make the screen on top current, when it is opened or comes back: reload
 * what it shows when the database changed since it was read (a save here,
 * or another process's), not on every return or opening: a large register
 * takes a while to read.
 */
static void
tui_focus(struct tui *t)
{
	struct screen	*top = t->stack[t->n - 1];

	if (t->m != NULL && !top->ops->modal &&
	    store_moved(t->s->store, &t->loaded))
		tui_reload(t);
	rview_today(t->today);
	if (top->ops->focus != NULL)
		top->ops->focus(t, top);
}

/* Keys no screen handled. */
static enum tui_next
tui_global(struct tui *t, struct screen *top, enum action a)
{
	switch (a) {
	case ACT_HELP:
		return tui_push(t, screen_help_new(t, tui_chain(top)));
	case ACT_QUIT:
		return t->n == 1 ? TUI_QUIT : TUI_POP;
	case ACT_BACK:
		return t->n > 1 ? TUI_POP : TUI_REDRAW;
	case ACT_UNDO:
		tui_undo(t);
		if (top->ops->focus != NULL)
			top->ops->focus(t, top);
		return TUI_REDRAW;
	case ACT_REFRESH:
		if (t->m != NULL && tui_reload(t) == 0)
			tui_message(t, "reloaded '%s' (revision %ld)",
			    t->m->system.id, t->m->revision);
		if (top->ops->focus != NULL)
			top->ops->focus(t, top);
		return TUI_REDRAW;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return TUI_REDRAW;
	default:
		break;
	}
	if (t->m == NULL || t->n < 2 || top->ops->modal)
		return TUI_NONE;
	switch (a) {
	case ACT_WALK:
		return tui_goto(t, NULL);
	case ACT_SYSTEM:
		return tui_push(t, screen_form_new(t, OBJ_SYSTEM,
		    t->m->system.id, -1));
	case ACT_FLOWS:
		return tui_goto(t, screen_flows_new(t));
	case ACT_RISKS:
		return tui_goto(t, screen_risks_new(t, NULL));
	case ACT_DASHBOARD:
		return tui_goto(t, screen_dashboard_new(t));
	case ACT_MODEL_HISTORY:
		return tui_goto(t, screen_history_new(t, NULL));
	case ACT_EXPORT:
		return tui_goto(t, screen_export_new(t));
	default:
		return TUI_NONE;
	}
}

void
tui_push_pending(struct tui *t)
{
	struct screen	*s = t->pending;

	t->pending = NULL;
	if (s == NULL)
		return;
	if (t->n == TUI_STACK) {
		screen_free(s);
		tui_errorf(t, "too many screens open: go back first");
		return;
	}
	t->stack[t->n++] = s;
	/* A screen opened now shows what is stored, as one come back does. */
	tui_focus(t);
}

/* The model went away (deleted elsewhere): back to the start screen. */
static void
tui_lost(struct tui *t)
{
	while (t->n > 1)
		screen_free(t->stack[--t->n]);
	screen_free(t->pending);
	t->pending = NULL;
	tui_focus(t);
}

/*
 * Between keys: say so when someone else changed the database, once, in a
 * status line that says nothing else; what is shown stays as it is until
 * C-r, opening a screen or coming back to one reloads it.
 */
static int
tui_idle(struct tui *t)
{
	if (t->m == NULL || t->status.len > 0 ||
	    store_poll(t->s->store) != 1)
		return 0;
	tui_message(t, "changed elsewhere: C-r reloads");
	return 1;
}

/* A monotonic clock in milliseconds. */
static double
tui_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Read keys and act until the user quits or a signal comes. */
static int
tui_loop(struct tui *t)
{
	struct screen	*top;
	enum tui_next	 next;
	enum action	 a;
	wint_t		 ch;
	int		 r, key, had_model, busy, owed = 0;
	double		 drawn = 0;

	tui_draw(t);
	busy = 1;
	for (;;) {
		if (tui_signal != 0)
			return 1;
		/* Work left on the screen: a key is looked for, not waited. */
		timeout(busy ? 0 : 250);
		r = get_wch(&ch);
		if (r == ERR) {
			top = t->stack[t->n - 1];
			if (busy && ((top->ops->work != NULL &&
			    top->ops->work(t, top)) || tui_trash_step(t))) {
				/* What the work shows, ten times a second. */
				if (tui_ms() - drawn >= 100) {
					tui_draw(t);
					drawn = tui_ms();
					owed = 0;
				} else
					owed = 1;
				continue;
			}
			busy = 0;
			if (tui_idle(t) || owed)
				tui_draw(t);
			owed = 0;
			continue;
		}
		busy = 1;
		drawn = tui_ms();
		key = keys_from_curses(r, (unsigned long)ch);
		if (key == KEYC_NONE)
			continue;
		if (key == KEYC_RESIZE) {
			tui_draw(t);
			continue;
		}
		buf_reset(&t->status);
		t->status_error = 0;
		getmaxyx(stdscr, t->rows, t->cols);
		if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
			if (key == 'q' || key == KEYC_CTRL('c'))
				return 0;
			tui_draw(t);
			continue;
		}
		top = t->stack[t->n - 1];
		had_model = t->m != NULL;
		a = keys_lookup(key, tui_chain(top));
		next = top->ops->key(t, top, key, a);
		if (next == TUI_NONE)
			next = tui_global(t, top, a);
		switch (next) {
		case TUI_QUIT:
			return 0;
		case TUI_PUSH:
			tui_push_pending(t);
			break;
		case TUI_POP:
			if (t->n > 1) {
				screen_free(t->stack[--t->n]);
				if (t->pending != NULL)
					tui_push_pending(t);
				else
					tui_focus(t);
			}
			break;
		default:
			break;
		}
		if (had_model && t->m == NULL && t->n > 1 &&
		    !t->stack[t->n - 1]->ops->nomodel)
			tui_lost(t);
		tui_draw(t);
	}
}

/* Catch SIGINT, SIGTERM and SIGHUP so that the terminal is restored. */
static void
tui_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* 1 if the folder a database file would be made in may be written. */
static int
tui_dir_writable(const char *db)
{
	const char	*slash = strrchr(db, '/');
	char		*dir;
	int		 ok;

	if (slash == NULL)
		return access(".", W_OK) == 0;
	dir = slash == db ? xstrdup("/") : xstrndup(db, (size_t)(slash - db));
	ok = access(dir, W_OK) == 0;
	free(dir);
	return ok;
}

/*
 * 'parapet model.yaml': the workshop screens open a database; a model
 * file is imported into one first. Say so under the error.
 */
static void
tui_model_file_hint(const char *db)
{
	static const char *const ext[] = { ".yaml", ".yml", ".json", ".xml" };
	struct buf	 b;
	char		*stem;
	size_t		 i, n = strlen(db), m;

	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		m = strlen(ext[i]);
		if (n <= m || strcmp(db + n - m, ext[i]) != 0 ||
		    access(db, F_OK) != 0)
			continue;
		stem = xstrndup(db, n - m);
		buf_init(&b);
		buf_adds(&b, "parapet: to open a model file, import it into a "
		    "database first: parapet import ");
		text_visible(&b, db, 0);
		buf_adds(&b, " ");
		text_visible(&b, stem, 0);
		buf_adds(&b, ".db, then parapet ");
		text_visible(&b, stem, 0);
		buf_adds(&b, ".db\n");
		fputs(b.s, stderr);
		buf_release(&b);
		free(stem);
		return;
	}
}

int
tui_run(const char *db, const char *const *catalogues, size_t ncatalogues)
{
	struct tui	 t;
	struct error	 err;
	struct buf	 b;
	SCREEN		*sp;
	const char	*term = getenv("TERM");
	char		*shown;
	int		 rc, existed;

	/* Without a terminal, curses would read end-of-file for ever. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "parapet: the workshop screens need a terminal "
		    "(see 'parapet --help' for the commands)\n");
		return 1;
	}
	memset(&t, 0, sizeof t);
	rfilter_init(&t.rfilter);
	buf_init(&t.status);
	buf_init(&t.hintbuf);
	risk_register_init(&t.risks);
	risk_register_init(&t.qpending);
	undo_init(&t.undo);
	walk_tmpl_init(&t.tmpl);
	error_clear(&err);
	existed = access(db, F_OK) == 0 || store_names_server(db);
	if (!existed && tui_dir_writable(db)) {
		/* Made at the first save: a mistyped name leaves nothing. */
		t.s = session_open_unmade(catalogues, ncatalogues, &err);
		t.unmade = db;
	} else
		t.s = session_open(db, STORE_CREATE, catalogues, ncatalogues,
		    &err);
	if (t.s == NULL) {
		buf_init(&b);
		error_format(&err, &b);
		fprintf(stderr, "parapet: %s\n", b.s);
		buf_release(&b);
		tui_model_file_hint(db);
		return 1;
	}
	/* As messages name it: a server's without its password. */
	shown = store_display(db);
	t.db = shown;
	/* Ours before curses starts, so that curses leaves them alone. */
	tui_signals();
	if ((sp = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "parapet: cannot use the terminal '%s'\n",
		    term != NULL ? term : "");
		session_close(t.s);
		free(shown);
		return 1;
	}
	set_term(sp);
	fatal_set_hook(tui_fatal_hook);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(250);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(50);
	draw_init_colours(&t);
	draw_init_glyphs(&t);
	rview_today(t.today);
	t.stack[t.n++] = screen_start_new(&t);
	tui_focus(&t);
	/* 'parapet' alone names ./parapet.db: say that it is not made yet. */
	if (t.unmade != NULL)
		tui_message(&t, "no database '%s' yet: it is made when you "
		    "create a model here", t.db);
	rc = tui_loop(&t);

	endwin();
	fatal_set_hook(NULL);
	delscreen(sp);
	while (t.n > 0)
		screen_free(t.stack[--t.n]);
	screen_free(t.pending);
	tui_close_model(&t);
	tui_trash_empty(&t);
	buf_release(&t.status);
	buf_release(&t.hintbuf);
	free(t.search);
	free(t.added);
	walk_tmpl_release(&t.tmpl);
	if (t.unmade != NULL && tui_signal == 0) {
		buf_init(&b);
		buf_adds(&b, "parapet: no model was created, so no database '");
		text_visible(&b, t.db, 0);
		buf_adds(&b, "' was made\n");
		fputs(b.s, stderr);
		buf_release(&b);
	}
	session_close(t.s);
	free(shown);
	if (tui_signal != 0) {
		/* Die of the signal, as a shell expects. */
		signal(tui_signal, SIG_DFL);
		raise(tui_signal);
	}
	return rc;
}

/* screen-walk.c: the walk-through, step by step in workshop order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/flows.h"
#include "view/pick.h"
#include "view/undo.h"
#include "view/walk.h"

#define WALK_MIN_LIST	5	/* rows the step's list keeps, at least */
/*
 * Risks the review step lists a step between keys: a register read whole
 * before, 700,000 open risks at a million, took seconds to list at once.
 */
#define WALK_REVIEW_STEP	2000
/*
 * Objects steps 2 to 4 read of a model opened in part: the first so many
 * of the step's type before its first screen, then slices between keys.
 */
#define WALK_OBJECTS_FIRST	200
#define WALK_OBJECTS_SLICE	500

struct walk {
	struct tui	*t;
	enum walk_step	 step;
	struct vlist	 list;
	int		 listh;		/* rows of the list last drawn */
	/*
	 * The analysis step just shown: its cursor goes to the first open
	 * question once listed (what a facilitator answers next), unless a
	 * key came first.
	 */
	int		 to_question;
	/*
	 * Space cycles a practice answer without storing it: the answer the
	 * user leaves on is stored when any other key comes, as one change.
	 */
	char		*pending;	/* the question being cycled, or NULL */
	enum tri	 answer;	/* its answer as shown */
	struct model	*shown;		/* t->m with that answer, for drawing */
	/*
	 * The lists of the analysis and review steps are built once per
	 * load and width, not at each draw: at a million risks one holds
	 * some 822,000 open questions and their risks, the other 700,000
	 * open risks. built is the t->gen + 1 the list is of (0: none, or
	 * an earlier step's list), builtstep its step, builtw the width.
	 */
	unsigned long	 built;
	enum walk_step	 builtstep;
	int		 builtw;
	struct walk_fill fill;		/* its lines' text, made as shown */
	/*
	 * Steps 2 to 4 on a model whose objects are being read: the list
	 * is of t->objs, olisted objects of the step's type listed (more
	 * are added as they are read), ocomps whether every component was
	 * read when it was made (step 2 counts them, step 4 marks the
	 * flows that cross a boundary from them), flows' columns in fw.
	 */
	int		 opart;
	size_t		 olisted;
	int		 ocomps;
	struct flows_widths fw;
	/*
	 * The analysis step on a model whose components and flows are not
	 * read: its list says so, and is made again (the cursor kept on its
	 * line) once they are read between keys.
	 */
	int		 unserved_later;
	struct walk_review review;	/* the review's, as its register is
					   read */
};

static const enum kctx walk_keys[] = { KCTX_WALK, KCTX_MODEL, KCTX_LIST,
    KCTX_GLOBAL, KCTX_END };
static const struct key_hint walk_system_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT_AS(ACT_NEXT_STEP, "next step"),
	KEY_HINT(ACT_HELP),
	KEY_HINT_AS(ACT_BACK, "models"),
	KEY_HINT_END
};
static const struct key_hint walk_practice_hint[] = {
	KEY_HINT(ACT_TOGGLE),
	KEY_HINT_AS(ACT_OPEN, "choose"),
	KEY_HINT(ACT_NEXT_STEP),
	KEY_HINT(ACT_PREV_STEP),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
/* The review step: what is left once the risks are decided is the report. */
static const struct key_hint walk_review_hint[] = {
	KEY_HINT_AS(ACT_OPEN, "risks"),
	KEY_HINT(ACT_DASHBOARD),
	KEY_HINT(ACT_FLOWS),
	KEY_HINT_AS(ACT_EXPORT, "report"),
	KEY_HINT(ACT_PREV_STEP),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
/* The analysis step with an open question selected: Enter answers it. */
static const struct key_hint walk_question_hint[] = {
	KEY_HINT_AS(ACT_OPEN, "answer"),
	KEY_HINT(ACT_DASHBOARD),
	KEY_HINT(ACT_FLOWS),
	KEY_HINT(ACT_PREV_STEP),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
static const struct key_hint walk_hint[] = {
	KEY_HINT(ACT_ADD),
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_DELETE),
	KEY_HINT(ACT_NEXT_STEP),
	KEY_HINT(ACT_PREV_STEP),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
/* Steps 1-4 while they hold a template's example: c ticks them as they
 * are. */
static const struct key_hint walk_system_tmpl_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_CONFIRM),
	KEY_HINT_AS(ACT_NEXT_STEP, "next step"),
	KEY_HINT(ACT_HELP),
	KEY_HINT_AS(ACT_BACK, "models"),
	KEY_HINT_END
};
static const struct key_hint walk_tmpl_hint[] = {
	KEY_HINT(ACT_ADD),
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_DELETE),
	KEY_HINT(ACT_CONFIRM),
	KEY_HINT(ACT_NEXT_STEP),
	KEY_HINT(ACT_PREV_STEP),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* A line or two about the selected item: its help. */
static void
walk_item_help(struct tui *t, const struct walk *w, struct vlines *ls)
{
	const void		*p = vlist_selected(&w->list);
	const struct question	*q;
	const struct component	*c;

	if (p == NULL)
		return;
	switch (w->step) {
	case WALK_PRACTICE:
		q = p;
		vlines_wrap(ls, VS_NORMAL, q->text, t->cols, 0);
		if (q->help != NULL)
			vlines_wrap(ls, VS_DIM, q->help, t->cols, 0);
		break;
	case WALK_COMPONENTS:
		/* (Step 3's items are its components, read or being read.) */
		c = p;
		vlines_addf(ls, VS_DIM, "%s: %s",
		    vocab_name(&vocab_kind, c->kind),
		    vocab_kind.words[c->kind].help);
		break;
	default:
		break;
	}
}

/*
 * The review step lists the open risks of what is read of the register
 * (its first slice, when nothing was), the rest as it is read between
 * keys (walk_work()), counted by what is stored.
 */
static void
walk_review_build(struct tui *t, struct walk *w)
{
	const struct risk_register	*r = tui_risks_part(t);

	vlist_clear(&w->list);
	walk_review_lines(&w->list, &w->review, r,
	    t->rcounts.applying + t->rcounts.gone,
	    t->rcounts.by_status[RISK_OPEN], !tui_risks_partial(t),
	    WALK_REVIEW_STEP, t->cols);
	vlist_fix(&w->list);
}

/* The type of object a step from 2 to 4 lists. */
static int
walk_objtype(enum walk_step step)
{
	return step == WALK_BOUNDARIES ? OBJ_BOUNDARY :
	    step == WALK_COMPONENTS ? OBJ_COMPONENT : OBJ_FLOW;
}

/* The objects of a type a model holds. */
static size_t
walk_nobjects(const struct model *m, int type)
{
	return type == OBJ_BOUNDARY ? m->nboundaries :
	    type == OBJ_COMPONENT ? m->ncomponents : m->nflows;
}

/*
 * What steps 2 to 4 note of the list they made of lm (t->m, or the
 * objects read of it so far): whether it is of a part, how many objects
 * of the step's type it lists, whether every component was read, the
 * flows' columns.
 */
static void
walk_objects_note(struct tui *t, struct walk *w, const struct model *lm)
{
	w->opart = lm != t->m;
	w->olisted = walk_nobjects(lm, walk_objtype(w->step));
	w->ocomps = lm == t->m || t->oslice[OBJ_COMPONENT - OBJ_BOUNDARY].done;
	if (w->step == WALK_FLOWS)
		flows_view_widths(lm, t->cols, &w->fw);
}

/* Steps 2 to 4: their list made of lm now, between keys. */
static void
walk_objects_list(struct tui *t, struct walk *w, const struct model *lm)
{
	memset(&w->fill, 0, sizeof w->fill);
	walk_lines(&w->list, w->step, lm, tui_catalogue(t), &t->rcounts,
	    NULL, NULL, &w->fill, t->cols);
	w->built = t->gen + 1;
	w->builtstep = w->step;
	w->builtw = t->cols;
	walk_objects_note(t, w, lm);
}

/*
 * Between keys, steps 2 to 4 of a model whose objects are being read: a
 * slice more, the step's list growing with the objects of its type (the
 * components' and flows' lines added; the boundaries', a few, made
 * again), or made again once every component is read (step 2's counts,
 * step 4's crossings) and once all are (then of t->m; step 4's only when
 * the flows read since need wider columns).
 */
static int
walk_objects_more(struct tui *t, struct walk *w)
{
	const struct model	*o;
	struct flows_widths	 fw;
	unsigned long		 gen = t->gen;
	int			 type = walk_objtype(w->step);
	size_t			 i;

	if (!tui_objects_partial(t)) {
		w->opart = 0;
		w->built = 0;
		return 1;
	}
	/* A list to be made again when drawn: of all read by then. */
	if (w->built != t->gen + 1 || w->builtstep != w->step) {
		(void)tui_objects_more(t, WALK_OBJECTS_SLICE);
		return 1;
	}
	(void)tui_objects_more(t, WALK_OBJECTS_SLICE);
	if (t->gen != gen || t->m == NULL) {
		/* Read again whole after an error: made when drawn. */
		w->opart = 0;
		w->built = 0;
		return 1;
	}
	if (!tui_objects_partial(t)) {
		/* All read: the list made of the model now, not at a key. */
		w->opart = 0;
		if (type == OBJ_FLOW && w->ocomps) {
			flows_view_widths(t->m, t->cols, &fw);
			if (fw.idw == w->fw.idw && fw.endw == w->fw.endw)
				return 1;	/* its lines stand */
		}
		walk_objects_list(t, w, t->m);
		return 1;
	}
	o = t->objs;
	if ((t->oslice[OBJ_COMPONENT - OBJ_BOUNDARY].done && !w->ocomps &&
	    type != OBJ_COMPONENT) ||
	    (type == OBJ_BOUNDARY && o->nboundaries > w->olisted)) {
		walk_objects_list(t, w, o);
		return 1;
	}
	if (type == OBJ_BOUNDARY)
		return 1;
	for (i = w->olisted; i < walk_nobjects(o, type); i++) {
		if (type == OBJ_COMPONENT)
			walk_component_add(&w->list, o->components[i],
			    &w->fill);
		else
			flows_view_item(&w->list, o, o->flows[i], &w->fw,
			    t->cols);
	}
	w->olisted = walk_nobjects(o, type);
	vlist_fix(&w->list);
	return 1;
}

/*
 * The step's list made of lm (m, or the objects of a model being read),
 * kept for this load and width when cached.
 */
static void
walk_build(struct tui *t, struct walk *w, const struct model *m,
    const struct model *lm, int cached)
{
	const struct risk_questions	*fq;

	fq = w->step == WALK_ANALYSIS ? tui_questions_part(t) : NULL;
	memset(&w->fill, 0, sizeof w->fill);
	w->fill.total = tui_questions_total(t);
	if (w->step >= WALK_REVIEW && w->shown == NULL)
		walk_review_build(t, w);
	else
		walk_lines(&w->list, w->step, lm, tui_catalogue(t),
		    &t->rcounts, w->step >= WALK_REVIEW ?
		    tui_risks(t) : NULL, fq, &w->fill, t->cols);
	tui_select_added(t, &w->list);
	w->built = cached ? t->gen + 1 : 0;
	w->opart = 0;
	if (w->step >= WALK_BOUNDARIES && w->step <= WALK_FLOWS)
		walk_objects_note(t, w, lm);
	w->unserved_later = w->step == WALK_ANALYSIS && m != NULL &&
	    (m->unread & (MODEL_UNREAD_COMPONENTS | MODEL_UNREAD_FLOWS)) != 0;
	w->builtstep = w->step;
	w->builtw = t->cols;
}

/*
 * Between keys, the analysis step of a model opened in part: a slice
 * more of its objects; once all are read, its list made again with what
 * they show (the inference services that send to no model), the cursor
 * on the line it was on.
 */
static void
walk_unserved_more(struct tui *t, struct walk *w)
{
	const void	*sel;
	unsigned long	 gen = t->gen;
	size_t		 cursor, i;

	if (!tui_objects_partial(t))
		(void)tui_objects_part(t, OBJ_COMPONENT, 0);
	else
		(void)tui_objects_more(t, WALK_OBJECTS_SLICE);
	if (t->gen != gen || t->m == NULL) {
		/* Read again whole after an error: made when drawn. */
		w->built = 0;
		w->unserved_later = 0;
		return;
	}
	if (t->m->unread != 0 || tui_objects_partial(t))
		return;
	sel = vlist_selected(&w->list);
	cursor = w->list.cursor;
	walk_build(t, w, t->m, t->m, 1);
	for (i = 0; sel != NULL && i < w->list.lines.n; i++)
		if (w->list.lines.v[i].data == sel) {
			cursor = i;
			break;
		}
	w->list.cursor = cursor;
	vlist_fix(&w->list);
}

/*
 * Between keys: the open questions of the next slice of those kept (the
 * analysis step), or the open risks of the next slice of the register
 * (the review).
 */
static int
walk_work(struct tui *t, struct screen *s)
{
	struct walk	*w = s->data;
	size_t		 had = w->review.done;
	int		 more, unserved;

	if (w->step >= WALK_BOUNDARIES && w->step <= WALK_FLOWS &&
	    w->shown == NULL && (w->opart || tui_objects_partial(t)))
		return walk_objects_more(t, w);
	/* (The dashboard may have read some since the list was made.) */
	if (w->step == WALK_ANALYSIS && w->shown == NULL &&
	    w->built == t->gen + 1 && w->builtstep == w->step) {
		unserved = w->unserved_later;
		if (unserved)
			walk_unserved_more(t, w);
		if (w->built != t->gen + 1)
			return 1;
		more = tui_questions_more(t) || unserved;
		if (w->fill.fq == NULL || w->fill.listed >= w->fill.fq->n)
			return more;
		walk_questions_more(&w->list, &w->fill);
		vlist_fix(&w->list);
		return 1;
	}
	if (w->step < WALK_REVIEW || w->shown != NULL ||
	    w->built != t->gen + 1 || w->builtstep != w->step ||
	    (w->review.done >= t->risks.n && !tui_risks_partial(t)))
		return 0;
	if (w->review.done >= t->risks.n)
		(void)tui_risks_more(t);
	walk_review_more(&w->list, &w->review, &t->risks,
	    !tui_risks_partial(t), WALK_REVIEW_STEP);
	vlist_fix(&w->list);
	return w->review.done > had || tui_risks_partial(t);
}

/* Put the cursor on the first open question of step 6, once it is listed. */
static void
walk_to_question(struct walk *w)
{
	size_t	line;

	if (!w->to_question || w->step != WALK_ANALYSIS || w->shown != NULL)
		return;
	if (walk_first_question(&w->fill, &line)) {
		w->list.cursor = line;
		vlist_fix(&w->list);
		w->to_question = 0;
	} else if (w->fill.total == 0)
		w->to_question = 0;	/* none to come */
}

/*
 * 1 if a step shows the model's objects: the steps that list them (the
 * boundaries with their components) and a template's first steps (its
 * facts still to confirm). The analysis (the inference services that
 * send to no model) reads them between keys (walk_unserved_more()). The
 * others show what a model opened in part holds (tui_open()).
 */
static int
walk_needs_objects(const struct tui *t, enum walk_step step)
{
	return (step >= WALK_BOUNDARIES && step <= WALK_FLOWS) ||
	    (step <= WALK_FLOWS && t->tmpl.name != NULL);
}

/*
 * 1 if steps 2 to 4 list the objects of a model opened in part as they
 * are read (a model from a template is read whole: its facts to confirm
 * are found among all of them).
 */
static int
walk_pages(const struct tui *t, enum walk_step step)
{
	return step >= WALK_BOUNDARIES && step <= WALK_FLOWS &&
	    t->tmpl.name == NULL && t->m != NULL &&
	    (t->m->unread != 0 || tui_objects_partial(t));
}

/* The step bar and explanation, the step's list, the selected item's help. */
static void
walk_draw(struct tui *t, struct screen *s)
{
	struct walk			*w = s->data;
	const struct model		*m, *lm;
	struct vlines			 head, foot;
	int			 y = tui_body_top(t), h = tui_body_height(t);
	int			 lh, fn, tmpl, cached;

	lm = NULL;
	if (walk_pages(t, w->step))
		lm = tui_objects_part(t, walk_objtype(w->step),
		    WALK_OBJECTS_FIRST);
	else if (walk_needs_objects(t, w->step))
		(void)tui_model(t);
	m = w->shown != NULL ? w->shown : t->m;
	if (lm == NULL || !tui_objects_partial(t))
		lm = m;

	vlines_init(&head);
	vlines_init(&foot);
	walk_header(&head, w->step, m, tui_catalogue(t), &t->rcounts,
	    &t->tmpl, t->cols);
	/*
	 * The facts still as the template set them are listed where they
	 * are changed, in a sixth of the screen; the other steps count
	 * them in a sentence, so that their own lists keep the room.
	 */
	if (w->step <= WALK_FLOWS)
		walk_template_note(&head, m, &t->tmpl, t->cols,
		    w->step == WALK_COMPONENTS ? h / 6 : 0);
	draw_lines(t, &head, 0, y, 0, (int)head.n, t->cols);
	y += (int)head.n;
	draw_rule(t, y++, NULL);
	/*
	 * Only the analysis step lists the open questions of fields: they
	 * take reading (or an analysis of the model) to find, which a large
	 * model should not wait for on every other step (opening it, first
	 * of all). Steps 2 to 4, 6 and 7 are built once per load and
	 * width (a million components or flows took seconds a key).
	 */
	cached = w->step != WALK_SYSTEM && w->step != WALK_PRACTICE &&
	    w->shown == NULL;
	if (!cached ||
	    w->built != t->gen + 1 || w->builtstep != w->step ||
	    w->builtw != t->cols)
		walk_build(t, w, m, lm, cached);
	walk_to_question(w);
	walk_item_help(t, w, &foot);
	/*
	 * The help of the selected item whole (a question's "Yes means..."
	 * takes up to six lines at 80 columns), as long as the list keeps
	 * WALK_MIN_LIST rows.
	 */
	fn = (int)foot.n;
	if (h - (int)head.n - 2 - fn < WALK_MIN_LIST)
		fn = h - (int)head.n - 2 - WALK_MIN_LIST;
	if (fn < 0)
		fn = 0;
	lh = h - (int)head.n - 1 - (fn > 0 ? fn + 1 : 0);
	w->listh = lh;
	draw_list(t, &w->list, y, 0, lh, t->cols, 1);
	if (fn > 0) {
		draw_rule(t, y + lh, NULL);
		draw_lines(t, &foot, 0, y + lh + 1, 0, fn, t->cols);
	}
	vlines_release(&head);
	vlines_release(&foot);
	tmpl = w->shown == NULL && t->tmpl.name != NULL &&
	    w->step <= WALK_FLOWS && (t->tmpl.example & (1U << w->step));
	switch (w->step) {
	case WALK_SYSTEM:
		tui_hint(t, s, tmpl ? walk_system_tmpl_hint :
		    walk_system_hint);
		break;
	case WALK_PRACTICE:
		tui_hint(t, s, walk_practice_hint);
		break;
	case WALK_ANALYSIS:
		/* (Of a model read in part, what names an object it has.) */
		tui_hint(t, s, (t->m->unread != 0 ? walk_question_names(
		    tui_questions_part(t), vlist_selected(&w->list)) :
		    walk_question_object(t->m, tui_questions_part(t),
		    vlist_selected(&w->list)) != NULL) ? walk_question_hint :
		    walk_review_hint);
		break;
	case WALK_REVIEW:
		tui_hint(t, s, walk_review_hint);
		break;
	default:
		tui_hint(t, s, tmpl ? walk_tmpl_hint : walk_hint);
		break;
	}
}

/* Answer a practice question: a copy of the model with the answer. 0 if
 * saved. */
static int
walk_answer_question(struct tui *t, const char *id, enum tri answer)
{
	struct model	*m = undo_copy_model(t->m);
	char		*what;
	int		 rc;

	model_add_practice(m, id, answer);
	what = xasprintf("answer '%s': %s", id, answer == TRI_YES ? "yes" :
	    answer == TRI_NO ? "no" : "unknown");
	rc = tui_save(t, m, what);
	free(what);
	return rc;
}

/* Forget the answer being cycled. */
static void
walk_drop_pending(struct walk *w)
{
	free(w->pending);
	w->pending = NULL;
	model_free(w->shown);
	w->shown = NULL;
}

/*
 * Store the answer the user left a question on: one change, and none when
 * it is the answer stored already.
 */
static void
walk_commit(struct tui *t, struct walk *w)
{
	char	*id = w->pending;
	int	 stored;

	if (id == NULL)
		return;
	w->pending = NULL;
	model_free(w->shown);
	w->shown = NULL;
	if (t->m != NULL) {
		stored = walk_answer(t->m, id);
		if (stored == -1 || (enum tri)stored != w->answer)
			walk_answer_question(t, id, w->answer);
		else
			tui_message(t, "answer '%s' unchanged", id);
	}
	free(id);
}

/* Space: the next answer of a question, shown but not yet stored. */
static void
walk_cycle(struct tui *t, struct walk *w, const char *id)
{
	int	ans;

	if (w->pending != NULL && strcmp(w->pending, id) != 0)
		walk_commit(t, w);
	if (w->pending == NULL) {
		ans = walk_answer(t->m, id);
		w->pending = xstrdup(id);
	} else
		ans = (int)w->answer;
	w->answer = ans == TRI_YES ? TRI_NO : ans == TRI_NO ? TRI_UNKNOWN :
	    TRI_YES;
	model_free(w->shown);
	w->shown = undo_copy_model(t->m);
	model_add_practice(w->shown, id, w->answer);
	tui_message(t, "answer '%s': %s (stored when you move on)", id,
	    w->answer == TRI_YES ? "yes" : w->answer == TRI_NO ? "no" :
	    "unknown");
}

/* The practice question whose answer is being chosen from a list. */
struct walk_choice {
	struct walk	*w;
	char		*id;
};

static void
walk_choice_free(void *arg)
{
	struct walk_choice	*wc = arg;

	free(wc->id);
	free(wc);
}

/*
 * An answer chosen from the pick list: store it and go on to the next
 * question, as a form goes on to its next field, so that a quick second
 * answer never re-answers this one.
 */
static int
walk_answer_done(struct tui *t, void *arg, const char *value)
{
	struct walk_choice	*wc = arg;
	enum tri		 a = strcmp(value, "yes") == 0 ? TRI_YES :
	    strcmp(value, "no") == 0 ? TRI_NO : TRI_UNKNOWN;

	if (walk_answer_question(t, wc->id, a) == 0)
		vlist_move(&wc->w->list, 1);
	return 0;
}

/*
 * Steps 2 to 4 of a model whose objects are being read: the rest read
 * now, and listed (a search reaches them, a form finds them among the
 * others); the lines listed keep their objects, which move into the
 * model. -1 when the model had to be read again (someone changed it):
 * the list is then emptied, to be made again when drawn.
 */
static int
walk_read_all(struct tui *t, struct walk *w)
{
	const struct model	*m;
	unsigned long		 gen = t->gen;
	int			 type = walk_objtype(w->step);
	size_t			 i;

	if (!w->opart || w->built != t->gen + 1 || w->builtstep != w->step ||
	    !tui_objects_partial(t))
		return 0;
	m = tui_model(t);
	w->opart = 0;
	if (t->gen != gen || m == NULL || m->unread != 0) {
		vlist_clear(&w->list);
		w->built = 0;
		return -1;
	}
	if (type == OBJ_BOUNDARY || !w->ocomps) {
		/* (The counts or crossings shown were not known yet.) */
		walk_objects_list(t, w, m);
		return 0;
	} else {
		for (i = w->olisted; i < walk_nobjects(m, type); i++)
			if (type == OBJ_COMPONENT)
				walk_component_add(&w->list, m->components[i],
				    &w->fill);
			else
				flows_view_item(&w->list, m, m->flows[i],
				    &w->fw, t->cols);
		vlist_fix(&w->list);
	}
	w->olisted = walk_nobjects(m, type);
	w->ocomps = 1;
	return 0;
}

/*
 * The object selected in steps 2 to 4, its model read whole first when it
 * is being read (its form, its deletion and its history look it up among
 * all of them; the objects keep their places when they move into the
 * model). NULL when none is selected, or when the model had to be read
 * again (someone changed it): the list is then made again.
 */
static const void *
walk_object(struct tui *t, struct walk *w)
{
	if (vlist_selected(&w->list) == NULL || walk_read_all(t, w) == -1)
		return NULL;
	return vlist_selected(&w->list);
}

/* Enter: edit, answer, or open the register, as the step has it. */
static enum tui_next
walk_open(struct tui *t, struct walk *w)
{
	const void		*p = vlist_selected(&w->list);
	const struct question	*q;
	const struct objref	*o;
	struct walk_choice	*wc;
	struct pick		 pk;
	unsigned long		 gen;
	int			 a;

	switch (w->step) {
	case WALK_SYSTEM:
		return tui_push(t, screen_form_new(t, OBJ_SYSTEM,
		    t->m->system.id, -1));
	case WALK_BOUNDARIES:
	case WALK_COMPONENTS:
	case WALK_FLOWS:
		if ((p = walk_object(t, w)) == NULL)
			break;
		return tui_push(t, screen_form_new(t, view_objtype(t->m, p),
		    view_objid(t->m, p), -1));
	case WALK_PRACTICE:
		if ((q = p) == NULL)
			break;
		pick_init(&pk, q->text, 0);
		pick_add(&pk, "yes", NULL, "the team does this");
		pick_add(&pk, "no", NULL, "it does not: raises the related "
		    "risks that fit this model");
		pick_add(&pk, "unknown", NULL, "not known yet: an open "
		    "question, raises no risk");
		a = walk_answer(t->m, q->id);
		pick_select(&pk, a == TRI_YES ? "yes" : a == TRI_NO ? "no" :
		    "unknown");
		wc = xmalloc(sizeof *wc);
		wc->w = w;
		wc->id = xstrdup(q->id);
		return tui_pick(t, &pk, walk_answer_done, wc,
		    walk_choice_free);
	case WALK_ANALYSIS:
		/*
		 * An open question: the form of what it asks about, the model
		 * read whole first when it was opened in part (the key dropped
		 * when it had to be read again: someone changed it).
		 */
		if (t->m->unread != 0 && walk_question_names(
		    tui_questions_part(t), p)) {
			gen = t->gen;
			if (tui_model(t) == NULL || t->gen != gen)
				break;
		}
		if ((o = walk_question_object(t->m, tui_questions_part(t),
		    p)) != NULL && view_objid(t->m, o->ptr) != NULL)
			return tui_push(t, screen_form_answer(t, o->type,
			    view_objid(t->m, o->ptr),
			    ((const struct risk_question *)p)->field));
		return tui_goto(t, screen_risks_new(t, NULL));
	case WALK_REVIEW:
	case WALK_COUNT:
		return tui_goto(t, screen_risks_new(t, p));
	}
	return TUI_REDRAW;
}

/* Add a boundary, component or flow, in their steps. */
static enum tui_next
walk_add(struct tui *t, struct walk *w)
{
	switch (w->step) {
	case WALK_BOUNDARIES:
		return tui_push(t, screen_form_new(t, OBJ_BOUNDARY, NULL, -1));
	case WALK_COMPONENTS:
		return screen_form_add_component(t);
	case WALK_FLOWS:
		if (t->m->ncomponents == 0) {
			tui_errorf(t, "add components first: a flow goes from "
			    "one component to another");
			return TUI_REDRAW;
		}
		return tui_push(t, screen_form_new(t, OBJ_FLOW, NULL, -1));
	default:
		tui_errorf(t, "nothing to add here: add boundaries, "
		    "components and flows in steps 2-4");
		return TUI_REDRAW;
	}
}

/*
 * c on a step that holds a template's example: nobody needs to change
 * what is right to tick it. The confirmation is recorded in history (who,
 * when), which is where the ticks are read from, after a restart too.
 */
static enum tui_next
walk_confirm(struct tui *t, struct walk *w)
{
	const char	*word = walk_confirm_word(w->step);
	struct error	 err;
	char		*what;

	if (w->shown != NULL || t->m == NULL)
		return TUI_REDRAW;
	if (word == NULL || t->tmpl.name == NULL ||
	    !(t->tmpl.example & (1U << w->step))) {
		tui_errorf(t, "nothing to confirm: only a step 1-4 that holds "
		    "a template's example is confirmed (the others are "
		    "ticked by what they hold)");
		return TUI_REDRAW;
	}
	error_clear(&err);
	if (store_confirm(t->s->store, t->m->system.id, word, &err) == -1) {
		tui_error(t, &err);
		return TUI_REDRAW;
	}
	what = xasprintf("confirm step %d (%s)", (int)w->step + 1, word);
	undo_push_confirm(&t->undo, word, what);
	free(what);
	if (tui_reload(t) == 0)
		tui_message(t, "confirmed step %d (%s) as the template set "
		    "it: recorded in history (u withdraws it)",
		    (int)w->step + 1, word);
	return TUI_REDRAW;
}

/* Steps, the list, and adding, deleting, answering in a step. */
static enum tui_next
walk_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct walk		*w = s->data;
	const void		*p = vlist_selected(&w->list);
	const struct question	*q;
	enum tui_next		 next;

	w->to_question = 0;
	/* Any key but Space stores the answer cycled to, first. */
	if (w->pending != NULL && a != ACT_TOGGLE) {
		walk_commit(t, w);
		p = vlist_selected(&w->list);
	}
	/* A search in steps 2 to 4 looks among every object. */
	if ((a == ACT_SEARCH || a == ACT_SEARCH_NEXT) &&
	    walk_read_all(t, w) == -1)
		return TUI_REDRAW;
	if ((next = tui_list_key(t, &w->list, a, w->listh)) != TUI_NONE)
		return next;
	switch (a) {
	case ACT_GOTO_STEP:
		if (key >= '1' && key < '1' + WALK_COUNT)
			w->step = (enum walk_step)(key - '1');
		w->list.cursor = w->list.top = 0;
		w->to_question = w->step == WALK_ANALYSIS;
		return TUI_REDRAW;
	case ACT_NEXT_STEP:
	case ACT_PREV_STEP:
		if (a == ACT_NEXT_STEP && w->step + 1 < WALK_COUNT)
			w->step++;
		else if (a == ACT_PREV_STEP && w->step > 0)
			w->step--;
		w->list.cursor = w->list.top = 0;
		w->to_question = w->step == WALK_ANALYSIS;
		return TUI_REDRAW;
	case ACT_OPEN:
		return walk_open(t, w);
	case ACT_ADD:
		return walk_add(t, w);
	case ACT_CONFIRM:
		return walk_confirm(t, w);
	case ACT_TOGGLE:
		if (w->step != WALK_PRACTICE || (q = p) == NULL)
			return TUI_REDRAW;
		walk_cycle(t, w, q->id);
		return TUI_REDRAW;
	case ACT_DELETE:
		if (w->step < WALK_BOUNDARIES || w->step > WALK_FLOWS ||
		    (p = walk_object(t, w)) == NULL)
			return TUI_REDRAW;
		return screen_form_delete(t, view_objid(t->m, p));
	case ACT_HISTORY:
		if (w->step == WALK_PRACTICE && (q = p) != NULL)
			return tui_push(t, screen_history_new(t, q->id));
		if (w->step == WALK_REVIEW && p != NULL) {
			char	*name = risk_name(p);

			next = tui_push(t, screen_history_new(t, name));
			free(name);
			return next;
		}
		if (w->step >= WALK_BOUNDARIES && w->step <= WALK_FLOWS)
			p = walk_object(t, w);
		if (p == NULL || view_objid(t->m, p) == NULL)
			return TUI_REDRAW;
		return tui_push(t, screen_history_new(t,
		    view_objid(t->m, p)));
	default:
		return TUI_NONE;
	}
}

static void
walk_free(struct screen *s)
{
	struct walk	*w = s->data;

	/* Closed by a signal or a lost model: keep what was chosen. */
	if (w->pending != NULL && w->t->m != NULL)
		walk_commit(w->t, w);
	walk_drop_pending(w);

	vlist_release(&w->list);
	free(w);
}

static const struct screen_ops walk_ops = {
	.name = "Walk-through",
	.keys = walk_keys,
	.draw = walk_draw,
	.key = walk_key,
	.work = walk_work,
	.free = walk_free,
};

int
screen_is_walk(const struct screen *s)
{
	return s->ops == &walk_ops;
}

struct screen *
screen_walk_new(struct tui *t, int step)
{
	struct walk	*w = xcalloc(1, sizeof *w);

	w->t = t;
	vlist_init(&w->list);
	if (step < 0 || step >= WALK_COUNT)
		w->step = walk_resume(t->m, tui_catalogue(t), &t->rcounts,
		    &t->tmpl);
	else
		w->step = (enum walk_step)step;
	w->to_question = w->step == WALK_ANALYSIS;
	return screen_new(&walk_ops, w);
}

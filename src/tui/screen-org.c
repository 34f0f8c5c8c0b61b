/*
 * screen-org.c: the organisation's register, every system of the database
 * with what its risk owners review (what parapet register prints), then
 * the overdue mitigations and the accepted risks due for review. Enter
 * opens a system, or the risk of an item in its register.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/org.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/org.h"
#include "view/pick.h"

struct org_screen {
	struct org_filter	 f;
	char			*owner;		/* the filters, owned */
	char			*team;
	const char		**questions;
	struct org_system	*systems;
	size_t			 nsystems;
	struct org_item		*overdue;
	size_t			 noverdue;
	struct org_item		*review;
	size_t			 nreview;
	struct vlist		 list;
	int			 listh;
};

static const enum kctx org_keys[] = { KCTX_ORG, KCTX_LIST, KCTX_GLOBAL,
    KCTX_END };
static const struct key_hint org_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_OWNER),
	KEY_HINT(ACT_TEAM),
	KEY_HINT(ACT_MIN_SEVERITY),
	KEY_HINT(ACT_CLEAR_FILTER),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

static void
org_release(struct org_screen *os)
{
	store_register_free(os->systems, os->nsystems);
	store_register_items_free(os->overdue, os->noverdue);
	store_register_items_free(os->review, os->nreview);
	os->systems = NULL;
	os->overdue = os->review = NULL;
	os->nsystems = os->noverdue = os->nreview = 0;
}

/* The view of what was read. */
static void
org_view(const struct org_screen *os, struct org_view *v)
{
	v->filter = &os->f;
	v->systems = os->systems;
	v->nsystems = os->nsystems;
	v->overdue = os->overdue;
	v->noverdue = os->noverdue;
	v->review = os->review;
	v->nreview = os->nreview;
}

/*
 * Read the register again, in one go: on top again, after a filter, or
 * after the database moved. No model is open here.
 */
static void
org_focus(struct tui *t, struct screen *s)
{
	struct org_screen	*os = s->data;
	struct error		 err;

	if (t->m != NULL)
		tui_close_model(t);
	org_release(os);
	os->f.today = t->today;
	os->f.owner = os->owner;
	os->f.team = os->team;
	error_clear(&err);
	/* A database not made yet holds no systems. */
	if (t->s->store == NULL)
		return;
	if (store_register(t->s->store, &os->f, &os->systems, &os->nsystems,
	    &err) == -1 || store_register_overdue(t->s->store, &os->f,
	    &os->overdue, &os->noverdue, &err) == -1 ||
	    store_register_review(t->s->store, &os->f, &os->review,
	    &os->nreview, &err) == -1)
		tui_error(t, &err);
}

/* A heading with the day and the filters, then the register. */
static void
org_draw(struct tui *t, struct screen *s)
{
	struct org_screen	*os = s->data;
	struct org_view		 v;
	struct vlines		 ls;
	struct buf		 b;
	int			 y = tui_body_top(t);

	buf_init(&b);
	org_filter_describe(&os->f, &b);
	vlines_init(&ls);
	vlines_addf(&ls, VS_HEADING, "Register of %s on %s", t->db,
	    t->today);
	vlines_addf(&ls, VS_DIM, "Filters: %s", b.s);
	draw_lines(t, &ls, 0, y, 0, (int)ls.n, t->cols);
	org_view(os, &v);
	org_lines(&os->list, &v, t->cols);
	os->listh = tui_body_height(t) - (int)ls.n - 1;
	draw_list(t, &os->list, y + (int)ls.n + 1, 0, os->listh, t->cols, 1);
	vlines_release(&ls);
	buf_release(&b);
	tui_hint(t, s, org_hint);
}

/* Open a system where it stands, or the risk of an item in its register. */
static enum tui_next
org_open(struct tui *t, struct org_screen *os)
{
	const struct org_item	*it;
	const struct risk	*k = NULL;
	struct org_view		 v;
	const char		*id;
	char			*keep;

	org_view(os, &v);
	if (org_view_pick(&v, vlist_selected(&os->list), &id, &it) == -1 ||
	    id == NULL)
		return TUI_REDRAW;
	keep = xstrdup(id);
	if (tui_open(t, keep) == -1) {
		free(keep);
		return TUI_REDRAW;
	}
	free(keep);
	if (it == NULL)
		return tui_push(t, screen_walk_new(t, -1));
	/* The risks screen sits on the model's walk-through, as always. */
	tui_push(t, screen_walk_new(t, -1));
	tui_push_pending(t);
	/* Found after the push: a screen opened may read the model again. */
	k = risk_register_find(tui_risks(t), it->threat, it->target);
	return tui_push(t, screen_risks_new(t, k));
}

/* A filter typed: "" clears it. */
static int
org_set_text(char **slot, const char *value)
{
	free(*slot);
	*slot = *value != '\0' ? xstrdup(value) : NULL;
	return 0;
}

static int
org_owner_done(struct tui *t, void *arg, const char *value)
{
	struct screen	*s = arg;

	org_set_text(&((struct org_screen *)s->data)->owner, value);
	org_focus(t, s);
	return 0;
}

static int
org_team_done(struct tui *t, void *arg, const char *value)
{
	struct screen	*s = arg;

	org_set_text(&((struct org_screen *)s->data)->team, value);
	org_focus(t, s);
	return 0;
}

static int
org_severity_done(struct tui *t, void *arg, const char *value)
{
	struct screen		*s = arg;
	struct org_screen	*os = s->data;
	int			 l;

	if ((l = vocab_find(&vocab_severity, value)) >= 0)
		os->f.min_severity = l;
	org_focus(t, s);
	return 0;
}

static enum tui_next
org_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct org_screen	*os = s->data;
	struct pick		 p;
	enum tui_next		 next;

	(void)key;
	if ((next = tui_list_key(t, &os->list, a, os->listh)) != TUI_NONE)
		return next;
	switch (a) {
	case ACT_OPEN:
		return org_open(t, os);
	case ACT_OWNER:
		return tui_prompt(t, "Only the risks of this owner",
		    "A risk's owner, else its system's owner, and the "
		    "mitigations this person implements. Empty: everyone.",
		    os->owner != NULL ? os->owner : "", org_owner_done, s,
		    NULL);
	case ACT_TEAM:
		return tui_prompt(t, "Only the systems of this team",
		    "The team field of each system. Empty: every team.",
		    os->team != NULL ? os->team : "", org_team_done, s, NULL);
	case ACT_MIN_SEVERITY:
		pick_init(&p, "Count the risks at or above", 0);
		pick_add_vocab(&p, &vocab_severity, vocab_name(&vocab_severity,
		    os->f.min_severity));
		return tui_pick(t, &p, org_severity_done, s, NULL);
	case ACT_CLEAR_FILTER:
		org_set_text(&os->owner, "");
		org_set_text(&os->team, "");
		os->f.min_severity = LEVEL_LOW;
		org_focus(t, s);
		tui_message(t, "filters cleared");
		return TUI_REDRAW;
	default:
		return TUI_NONE;
	}
}

static void
org_free(struct screen *s)
{
	struct org_screen	*os = s->data;

	org_release(os);
	free(os->owner);
	free(os->team);
	free(os->questions);
	vlist_release(&os->list);
	free(os);
}

static const struct screen_ops org_ops = {
	.name = "Register",
	.nomodel = 1,
	.keys = org_keys,
	.draw = org_draw,
	.key = org_key,
	.focus = org_focus,
	.free = org_free,
};

struct screen *
screen_org_new(struct tui *t)
{
	const struct catalogue	*cat = tui_catalogue(t);
	struct org_screen	*os = xcalloc(1, sizeof *os);
	size_t			 i;

	os->f.status = -1;
	os->f.min_severity = LEVEL_LOW;
	os->f.review_days = ORG_REVIEW_DAYS;
	os->questions = xcalloc(cat->nquestions + 1, sizeof *os->questions);
	for (i = 0; i < cat->nquestions; i++)
		os->questions[i] = cat->questions[i]->id;
	os->f.questions = os->questions;
	os->f.nquestions = cat->nquestions;
	vlist_init(&os->list);
	return screen_new(&org_ops, os);
}

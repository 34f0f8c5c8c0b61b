/* screen-start.c: the models of the database; create, open, delete. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/xmalloc.h"
#include "view/start.h"
#include "view/pick.h"
#include "view/walk.h"
#include "yaml/model-yaml.h"

struct start {
	struct store_summary	*v;
	struct start_row	*rows;		/* one per v[i], data &v[i] */
	size_t			 n;
	struct vlist		 list;
};

static const enum kctx start_keys[] = { KCTX_START, KCTX_LIST, KCTX_GLOBAL,
    KCTX_END };
static const struct key_hint start_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_NEW),
	KEY_HINT(ACT_NEW_TEMPLATE),
	KEY_HINT(ACT_DELETE),
	KEY_HINT(ACT_REGISTER),
	KEY_HINT(ACT_HELP),
	KEY_HINT(ACT_QUIT),
	KEY_HINT_END
};

/* The start screen's rows of the summaries the store gave. */
static void
start_rows(struct start *st)
{
	const struct store_summary	*v;
	struct start_row		*r;
	size_t				 i;

	st->rows = xcalloc(st->n + 1, sizeof *st->rows);
	for (i = 0; i < st->n; i++) {
		v = &st->v[i];
		r = &st->rows[i];
		r->id = v->id;
		r->name = v->name;
		r->counts = v->counts;
		r->data = v;
	}
}

/* Read the models of the database again. */
static void
start_focus(struct tui *t, struct screen *s)
{
	struct start	*st = s->data;
	struct error	 err;

	/* Back at the start, no model is open. */
	if (t->m != NULL)
		tui_close_model(t);
	store_summaries_free(st->v, st->n);
	free(st->rows);
	st->v = NULL;
	st->rows = NULL;
	st->n = 0;
	error_clear(&err);
	/* The rows show the risks by severity and status, nothing else. */
	if (t->s->store != NULL && store_list_some(t->s->store,
	    STORE_LIST_RISKS, &st->v, &st->n, &err) == -1)
		tui_error(t, &err);
	start_rows(st);
}

/* What a model is, then the models of the database. */
static void
start_draw(struct tui *t, struct screen *s)
{
	struct start	*st = s->data;
	struct vlines	 ls;
	int		 h = tui_body_height(t);

	vlines_init(&ls);
	vlines_addf(&ls, VS_HEADING, "Models in %s", t->db);
	vlines_wrap(&ls, VS_DIM, "A model describes one AI system: its "
	    "trust boundaries, components and data flows. Parapet applies "
	    "the threat catalogue of the NCSC/CISA Guidelines for secure AI "
	    "system development to it.", t->cols, 0);
	if (st->n > 0)
		vlines_wrap(&ls, VS_DIM, "RISKS: the risks that apply to "
		    "each model, whatever their status; the columns after it "
		    "split them by severity, then by status.", t->cols, 0);
	draw_lines(t, &ls, 0, 1, 0, (int)ls.n, t->cols);
	start_lines(&st->list, st->rows, st->n, t->cols);
	draw_list(t, &st->list, 1 + (int)ls.n + 1, 0, h - (int)ls.n - 1,
	    t->cols, 1);
	vlines_release(&ls);
	tui_hint(t, s, start_hint);
}

/* Open a model and show its walk-through where it stands. */
static enum tui_next
start_open(struct tui *t, const char *id)
{
	if (tui_open(t, id) == -1)
		return TUI_REDRAW;
	return tui_push(t, screen_walk_new(t, -1));
}

/* Confirmed: delete the model. */
static int
start_delete_done(struct tui *t, void *arg, const char *value)
{
	struct error	err;

	(void)value;
	error_clear(&err);
	if (store_delete(t->s->store, arg, &err) == -1)
		tui_error(t, &err);
	else
		tui_message(t, "deleted model '%s'", (char *)arg);
	return 0;
}

/* A template chosen; its model waits for an id of its own. */
struct start_template {
	struct model	*m;
	char		*name;		/* the template's, from its file */
};

static void
start_template_free(void *p)
{
	struct start_template	*st = p;

	model_free(st->m);
	free(st->name);
	free(st);
}

/* Create the model from the template under the id typed. */
static int
start_template_id(struct tui *t, void *arg, const char *id)
{
	struct start_template	*st = arg;
	struct error		 err;
	struct model		*m;
	char			*src;
	int			 e, rc;

	if (!id_valid(id)) {
		tui_errorf(t, "invalid identifier '%s' (use a-z, 0-9, '.', "
		    "'_' and '-', starting with a letter or digit)", id);
		return -1;
	}
	error_clear(&err);
	if ((e = tui_exists(t, id, &err)) != 0) {
		if (e == -1)
			tui_error(t, &err);
		else
			tui_errorf(t, "a model '%s' already exists in this "
			    "database: choose another id", id);
		return -1;
	}
	m = st->m;
	st->m = NULL;
	free(m->system.id);
	m->system.id = xstrdup(id);
	m->indexed = 0;
	/*
	 * The template's facts are an example's, not this system's: its
	 * history says where they came from, so that the walk-through
	 * starts at step 1 and says which ones to confirm, then and later.
	 */
	src = xasprintf(HISTORY_TEMPLATE_SOURCE, st->name);
	t->save_source = src;
	rc = tui_save(t, m, "create model from a template");
	t->save_source = NULL;
	free(src);
	if (rc == -1)
		return 0;
	tui_message(t, "created model '%s' from a template ('%s'): confirm "
	    "or change what it says, from step 1", id, st->name);
	tui_push(t, screen_walk_new(t, WALK_SYSTEM));
	return 0;
}

/* A template chosen: read it, then ask for the new model's id. */
static int
start_template_done(struct tui *t, void *arg, const char *path)
{
	struct start_template	*st;
	struct error		 err;
	struct model		*m;
	const char		*base;
	char			*dot;

	(void)arg;
	error_clear(&err);
	if ((m = model_load_yaml(path, &err)) == NULL) {
		tui_error(t, &err);
		return 0;
	}
	st = xcalloc(1, sizeof *st);
	st->m = m;
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	st->name = xstrdup(base);
	if ((dot = strrchr(st->name, '.')) != NULL && dot != st->name)
		*dot = '\0';
	tui_prompt(t, "Id of the new model", "The template's system id is "
	    "proposed; a database holds one model per id.", m->system.id,
	    start_template_id, st, start_template_free);
	return 0;
}

/* qsort order of file names. */
static int
start_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The starter models, as a pick list. */
static enum tui_next
start_templates(struct tui *t)
{
	const char	*dir = paths_templates();
	struct pick	 p;
	struct dirent	*de;
	struct error	 err;
	struct model	*m;
	DIR		*d;
	char		**names = NULL, *path, *what;
	size_t		 n = 0, i, len;

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (len < 6 || de->d_name[0] == '.' ||
			    strcmp(de->d_name + len - 5, ".yaml") != 0)
				continue;
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
		closedir(d);
	}
	if (n == 0) {
		tui_errorf(t, "no templates in '%s'", dir);
		return TUI_REDRAW;
	}
	qsort(names, n, sizeof *names, start_cmp);
	pick_init(&p, "Start from a template", 0);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		names[i][strlen(names[i]) - 5] = '\0';
		error_clear(&err);
		m = model_load_yaml(path, &err);
		what = start_template_summary(path);
		pick_add(&p, path, names[i], m == NULL ? err.msg :
		    what != NULL ? what : m->system.name);
		free(what);
		model_free(m);
		free(path);
		free(names[i]);
	}
	free(names);
	return tui_pick(t, &p, start_template_done, NULL, NULL);
}

/* Open, create (blank or from a template) or delete a model. */
static enum tui_next
start_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct start			*st = s->data;
	const struct store_summary	*sel = vlist_selected(&st->list);
	enum tui_next			 next;
	char				*q;

	(void)key;
	if ((next = tui_list_key(t, &st->list, a, tui_body_height(t) - 4)) !=
	    TUI_NONE)
		return next;
	switch (a) {
	case ACT_OPEN:
		if (sel == NULL)
			return TUI_REDRAW;
		return start_open(t, sel->id);
	case ACT_NEW:
		return tui_push(t, screen_form_new(t, OBJ_SYSTEM, NULL, -1));
	case ACT_NEW_TEMPLATE:
		return start_templates(t);
	case ACT_REGISTER:
		return tui_push(t, screen_org_new(t));
	case ACT_DELETE:
		if (sel == NULL)
			return TUI_REDRAW;
		q = xasprintf("Delete model '%s' with its risks and "
		    "decisions? (History keeps a record.)", sel->id);
		next = tui_confirm(t, q, start_delete_done, xstrdup(sel->id),
		    free);
		free(q);
		return next;
	default:
		return TUI_NONE;
	}
}

static void
start_free(struct screen *s)
{
	struct start	*st = s->data;

	store_summaries_free(st->v, st->n);
	free(st->rows);
	vlist_release(&st->list);
	free(st);
}

static const struct screen_ops start_ops = {
	.name = "Models",
	.nomodel = 1,
	.keys = start_keys,
	.draw = start_draw,
	.key = start_key,
	.focus = start_focus,
	.free = start_free,
};

struct screen *
screen_start_new(struct tui *t)
{
	struct start	*st = xcalloc(1, sizeof *st);

	(void)t;
	vlist_init(&st->list);
	return screen_new(&start_ops, st);
}

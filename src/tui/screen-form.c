/* screen-form.c: the editor of the system, a boundary, a component or a
 * flow; every field is saved as soon as it is left, when valid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/form.h"
#include "view/pick.h"
#include "view/undo.h"
#include "view/walk.h"

struct form_screen {
	struct tui	*t;
	struct form	*fm;
	struct vlist	 list;
	int		 listh;
	int		 gone;		/* the object was deleted meanwhile */
	/*
	 * Committing on the way on: 1 to the next field, 2 to choose the
	 * focused field's value (it may be empty: it is being filled in).
	 */
	int		 onward;
	int		 warned;	/* Esc once on what cannot be saved */
	int		 kept;		/* changes kept after a refused save */
	int		 was_new;	/* opened to add the object */
	int		 kind_chosen;	/* a new component whose kind was
					   chosen before the form opened */
};

static const enum kctx form_keys[] = { KCTX_FORM, KCTX_EDIT, KCTX_MODEL,
    KCTX_GLOBAL, KCTX_END };
/* In a text field Tab and Enter both go on; in others Tab does. */
static const struct key_hint form_text_hint[] = {
	KEY_HINT_TEXT("type the text"),
	{ .act = ACT_DOWN, .key = KEYC_TAB, .act2 = ACT_OPEN,
	  .what = "next field" },
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
static const struct key_hint form_choice_hint[] = {
	KEY_HINT2(ACT_OPEN, ACT_TOGGLE, "choose"),
	KEY_HINT2(ACT_LEFT, ACT_RIGHT, "change"),
	KEY_HINT_KEY(ACT_DOWN, KEYC_TAB, "next field"),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* On a yes/no field Space gives the next answer, as in step 5. */
static const struct key_hint form_bool_hint[] = {
	KEY_HINT_AS(ACT_TOGGLE, "yes/no/unknown"),
	KEY_HINT_AS(ACT_OPEN, "choose"),
	KEY_HINT_KEY(ACT_DOWN, KEYC_TAB, "next field"),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* On a stored object's id, Enter renames; nothing is typed over it. */
static const struct key_hint form_id_hint[] = {
	KEY_HINT_AS(ACT_OPEN, "rename"),
	KEY_HINT_KEY(ACT_DOWN, KEYC_TAB, "next field"),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* A new model's id must not be taken in the database. */
static void
form_check_new_model(struct tui *t, struct form *fm)
{
	struct form_field	*ff = &fm->v[fm->cursor];
	struct error		 err;

	if (fm->type != OBJ_SYSTEM || fm->orig_id != NULL ||
	    ff->f->type != FIELD_ID || ff->text == NULL || ff->error != NULL)
		return;
	error_clear(&err);
	if (tui_exists(t, ff->text, &err) == 1)
		ff->error = xasprintf("a model '%s' already exists in this "
		    "database", ff->text);
}

/* A new model: save it and put its walk-through under the form. */
static void
form_create_model(struct tui *t, struct form *fm)
{
	struct model	*m;
	struct error	 err;
	char		*what;
	int		 e;

	error_clear(&err);
	if ((e = tui_exists(t, form_id(fm), &err)) != 0) {
		if (e == -1)
			tui_error(t, &err);
		else
			tui_errorf(t, "not saved: a model '%s' already exists "
			    "in this database", form_id(fm));
		return;
	}
	m = model_new();
	if (form_apply(fm, m, &err) == -1) {
		model_free(m);
		tui_error(t, &err);
		return;
	}
	what = xasprintf("create model '%s'", form_id(fm));
	if (tui_save(t, m, what) == 0) {
		form_mark_saved(fm);
		tui_insert_below(t, screen_walk_new(t, WALK_SYSTEM));
	}
	free(what);
}

static void form_reload(struct tui *, struct form_screen *, int);
static void form_keep_ours(struct tui *, struct form_screen *);
static void form_commit(struct tui *, struct form_screen *);

/*
 * 1 if every field in error is an empty one after the focused field (with
 * the focused one too when it is being chosen).
 */
static int
form_only_ahead(const struct form *fm, int choosing)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (fm->v[i].error != NULL &&
		    (i < fm->cursor || (i == fm->cursor && !choosing) ||
		    fm->v[i].text != NULL))
			return 0;
	return 1;
}

/*
 * Commit on the way to the next field (how 1), or to choosing the focused
 * field's value from its list (how 2).
 */
static void
form_commit_onward(struct tui *t, struct form_screen *fs, int how)
{
	fs->onward = how;
	form_commit(t, fs);
	fs->onward = 0;
}

/* Save the form if it changed and is valid. */
static void
form_commit(struct tui *t, struct form_screen *fs)
{
	struct form	*fm = fs->fm;
	struct model	*m;
	struct error	 err;
	char		*what;

	if (fs->gone || !form_changed(fm))
		return;
	if (form_validate(fm, t->m) > 0) {
		form_check_new_model(t, fm);
		/*
		 * Going on to fill in the form is no mistake: what is
		 * missing further down is said plainly, not as an error.
		 */
		if (fs->onward && form_only_ahead(fm, fs->onward == 2))
			tui_message(t, "not saved yet: %s (fill in the fields "
			    "marked *)", form_error(fm));
		else
			tui_errorf(t, "not saved yet: %s", form_error(fm));
		return;
	}
	if (fm->type == OBJ_SYSTEM && fm->orig_id == NULL) {
		form_create_model(t, fm);
		return;
	}
	if (t->m == NULL)
		return;
	m = undo_copy_model(t->m);
	error_clear(&err);
	if (form_apply(fm, m, &err) == -1) {
		model_free(m);
		tui_errorf(t, "not saved: %s", err.msg);
		return;
	}
	what = xasprintf("%s %s '%s'", fm->orig_id != NULL ? "edit" : "add",
	    objtype_name(fm->type), form_id(fm) != NULL ? form_id(fm) :
	    t->m->system.id);
	if (tui_save(t, m, what) == 0) {
		form_mark_saved(fm);
		fs->kept = 0;
	} else if (t->conflict)
		form_keep_ours(t, fs);
	free(what);
}

/* 1 if two field texts (NULL: unset) differ. */
static int
form_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/*
 * The save was refused: someone else changed the model first. Show theirs,
 * with what was typed here put back in its fields, not saved: leaving a
 * field saves it over theirs, Esc drops it. Nothing typed is lost.
 */
static void
form_keep_ours(struct tui *t, struct form_screen *fs)
{
	struct form		*fm = fs->fm;
	const struct field	**fields;
	char			**texts;
	size_t			 i, j, n = 0, cur = fm->cursor;
	char			*r;

	fields = xcalloc(fm->n > 0 ? fm->n : 1, sizeof *fields);
	texts = xcalloc(fm->n > 0 ? fm->n : 1, sizeof *texts);
	for (i = 0; i < fm->n; i++) {
		if (!form_differs(fm->v[i].text, fm->v[i].saved))
			continue;
		fields[n] = fm->v[i].f;
		texts[n++] = fm->v[i].text != NULL ?
		    xstrdup(fm->v[i].text) : NULL;
	}
	form_reload(t, fs, 1);
	fm = fs->fm;
	for (i = 0; i < n && !fs->gone; i++)
		for (j = 0; j < fm->n; j++)
			if (fm->v[j].f == fields[i]) {
				(void)form_set(fm, j, texts[i], t->m);
				break;
			}
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(fields);
	if (fs->gone || n == 0)
		return;
	form_focus(fm, cur);
	fs->kept = 1;
	/* The conflict as tui_save() said it, then what became of ours. */
	if ((r = strstr(t->status.s, " (reloaded:")) != NULL)
		buf_truncate(&t->status, (size_t)(r - t->status.s));
	buf_addf(&t->status, " (reloaded: your change is kept in the form, "
	    "not saved; leave the field to save it over theirs, %s to drop "
	    "it)", keys_key(ACT_BACK, KCTX_GLOBAL));
}

/*
 * Values may have changed underneath (undo, another process): reload the
 * form from the model, unless it holds changes not yet saved (force drops
 * them).
 */
static void
form_reload(struct tui *t, struct form_screen *fs, int force)
{
	struct form		*fm = fs->fm, *nf;
	size_t			 cur = fm->cursor;
	const char		*id;

	if (fm->orig_id == NULL || t->m == NULL ||
	    (!force && form_changed(fm)))
		return;
	id = fm->type == OBJ_SYSTEM ? t->m->system.id : fm->orig_id;
	nf = form_new(fm->type, t->m, id, fm->kind);
	if (nf->orig_id == NULL) {
		/* No such object any more. */
		form_free(nf);
		fs->gone = 1;
		tui_errorf(t, "%s '%s' no longer exists",
		    objtype_name(fm->type), fm->orig_id);
		return;
	}
	/* What C-u cleared can still be put back. */
	ledit_take_kill(&nf->edit, &fm->edit);
	form_free(fm);
	fs->fm = nf;
	form_focus(nf, cur);
}

/* Back on top: show what is stored, if nothing is pending. */
static void
form_focus_screen(struct tui *t, struct screen *s)
{
	form_reload(t, s->data, 0);
}

/* Title, the fields with their errors, and the focused field's help. */
static void
form_draw(struct tui *t, struct screen *s)
{
	struct form_screen	*fs = s->data;
	struct form		*fm = fs->fm;
	struct vlines		 ls;
	struct buf		 b;
	size_t			 line;
	int			 y = tui_body_top(t), h = tui_body_height(t);
	int			 col, lh;
	char			*title;

	vlines_init(&ls);
	if (fm->type == OBJ_SYSTEM)
		title = fm->orig_id != NULL ? xasprintf("The system '%s'",
		    fm->orig_id) : xstrdup("A new model: its system");
	else if (fm->type == OBJ_COMPONENT)
		title = fm->orig_id != NULL ? xasprintf("Component '%s' (%s)",
		    fm->orig_id, vocab_name(&vocab_kind, fm->kind)) :
		    xasprintf("A new component (%s)",
		    vocab_name(&vocab_kind, fm->kind));
	else
		title = fm->orig_id != NULL ? xasprintf("%s '%s'",
		    fm->type == OBJ_FLOW ? "Data flow" : "Trust boundary",
		    fm->orig_id) : xasprintf("A new %s", fm->type == OBJ_FLOW ?
		    "data flow" : "trust boundary");
	vlines_addf(&ls, VS_HEADING, "%s", title);
	free(title);
	if (fs->gone)
		vlines_addf(&ls, VS_ERROR, "Deleted meanwhile: nothing here "
		    "is saved. %s goes back.", keys_key(ACT_BACK, KCTX_GLOBAL));
	else
		vlines_addf(&ls, VS_DIM, "Saved as you leave each field; * "
		    "marks what is required.");
	draw_lines(t, &ls, 0, y, 0, 2, t->cols);
	vlines_clear(&ls);

	buf_init(&b);
	form_help(fm, &b);
	vlines_wrap(&ls, VS_NORMAL, b.s, t->cols, 0);
	buf_release(&b);
	lh = h - 2 - 1 - (ls.n > 4 ? 4 : (int)ls.n);
	fs->listh = lh;
	form_lines(fm, t->cols, &fs->list, &line, &col);
	draw_list(t, &fs->list, y + 2, 0, lh, t->cols, 1);
	draw_rule(t, y + 2 + lh, "help");
	draw_lines(t, &ls, 0, y + 3 + lh, 0, h - 3 - lh, t->cols);
	vlines_release(&ls);
	if (form_is_text(fm, fm->cursor) && line >= fs->list.top &&
	    line < fs->list.top + (size_t)lh)
		draw_cursor(t, y + 2 + (int)(line - fs->list.top), col);
	tui_hint(t, s, form_is_text(fm, fm->cursor) ? form_text_hint :
	    fm->n > 0 && fm->v[fm->cursor].guarded ? form_id_hint :
	    fm->n > 0 && fm->v[fm->cursor].f->type == FIELD_BOOL ?
	    form_bool_hint : form_choice_hint);
}

/*
 * A value taken (a choice made, a text typed and Enter or Tab): store it and
 * go on to the next field. One rule for both kinds of field, so that the
 * next quick answer lands in the next field, never over this one.
 */
static void
form_take(struct tui *t, struct form_screen *fs)
{
	form_commit_onward(t, fs, 1);
	if (fs->fm->cursor + 1 < fs->fm->n)
		form_focus(fs->fm, fs->fm->cursor + 1);
}

/*
 * Enter on a text field: take it, and go on past the kind after the name
 * of a new component whose kind was chosen in the pop-up just before, so
 * that a quick answer typed next lands on the field after the kind, never
 * over the kind (which would change it and drop fields). Tab and Up still
 * reach the kind.
 */
static void
form_take_text(struct tui *t, struct form_screen *fs)
{
	const struct field	*left = fs->fm->v[fs->fm->cursor].f;

	form_take(t, fs);
	if (!fs->gone && fs->kind_chosen && strcmp(left->name, "name") == 0 &&
	    fs->fm->v[fs->fm->cursor].f->type == FIELD_KIND &&
	    fs->fm->cursor + 1 < fs->fm->n)
		form_focus(fs->fm, fs->fm->cursor + 1);
}

/* A value chosen from a pick list: set it, store it and go on. */
static int
form_pick_done(struct tui *t, void *arg, const char *value)
{
	struct form_screen	*fs = arg;

	/* A value the field refuses stays, with its error, to correct. */
	if (form_set(fs->fm, fs->fm->cursor, value, t->m) == 0 && !fs->gone)
		form_take(t, fs);
	return 0;
}

/* Open the pick list of the focused field. */
static enum tui_next
form_pick(struct tui *t, struct form_screen *fs)
{
	struct pick	p;

	if (fs->fm->n == 0 || fs->fm->v[fs->fm->cursor].readonly)
		return TUI_REDRAW;
	form_options(fs->fm, fs->fm->cursor, t->m, &p);
	if (p.n == 0) {
		pick_release(&p);
		tui_errorf(t, "nothing to choose from yet");
		return TUI_REDRAW;
	}
	return tui_pick(t, &p, form_pick_done, fs, NULL);
}

/* A letter typed on a field of choices: its list, at what was typed. */
static enum tui_next
form_type_choice(struct tui *t, struct form_screen *fs, int key)
{
	enum tui_next	next;

	if (fs->fm->v[fs->fm->cursor].readonly)
		return TUI_REDRAW;
	form_commit_onward(t, fs, 2);
	next = form_pick(t, fs);
	if (next == TUI_PUSH && tui_pick_type(t, key) == -1)
		tui_errorf(t, "no value starting with '%c'", key);
	return next;
}

/* The new id typed in the rename prompt: set it and store it. */
static int
form_rename_done(struct tui *t, void *arg, const char *value)
{
	struct form_screen	*fs = arg;
	const char		*why;

	if (fs->gone)
		return 0;
	if (form_rename_id(fs->fm, value, t->m, &why) == -1) {
		/* The prompt stays, with what was typed, to correct it. */
		tui_errorf(t, "not renamed: %s", why != NULL ? why : "?");
		return -1;
	}
	form_commit(t, fs);
	return 0;
}

/*
 * Rename the stored object: its new id in a prompt of its own, so that
 * keys meant for another field or screen never rename it.
 */
static enum tui_next
form_rename(struct tui *t, struct form_screen *fs)
{
	struct form	*fm = fs->fm;
	enum tui_next	 next;
	char		*title;

	title = xasprintf("Rename %s '%s'", objtype_name(fm->type),
	    fm->orig_id);
	next = tui_prompt(t, title, "The new id (a-z, 0-9, '.', '_' and '-'). "
	    "Its flows, risks, decisions and history follow it; u undoes.",
	    form_id(fm), form_rename_done, fs, NULL);
	free(title);
	return next;
}

/* Keys that edit the text of a typed field; 1 if handled. */
static int
form_edit_key(struct tui *t, struct form_screen *fs, int key)
{
	struct form	*fm = fs->fm;

	if (!form_is_text(fm, fm->cursor))
		return 0;
	switch (ledit_key(&fm->edit, key)) {
	case LEDIT_NONE:
		return 0;
	case LEDIT_MOVED:
		return 1;
	case LEDIT_CHANGED:
		break;
	}
	form_typed(fm, t->m);
	form_check_new_model(t, fm);
	return 1;
}

/*
 * Leaving the form of a new object: say that it was kept. Esc leaves from
 * any field, a field of choices too, where a newcomer may expect it to
 * skip the field: the status line says what became of what was typed.
 */
static void
form_left(struct tui *t, struct form_screen *fs)
{
	struct form	*fm = fs->fm;

	if (!fs->was_new || fs->gone || fm->orig_id == NULL ||
	    fm->type == OBJ_SYSTEM || t->status_error)
		return;
	free(t->added);
	t->added = xstrdup(fm->orig_id);
	tui_message(t, "left the form: %s '%s' is saved (%s on it edits it "
	    "again)", objtype_name(fm->type), fm->orig_id,
	    keys_key(ACT_OPEN, KCTX_LIST));
}

/*
 * C-u on a field of choices unsets it (saved at once, as a choice is);
 * what it held goes to the form's kill buffer, as a text field's text
 * does, so that C-y puts it back.
 */
static enum tui_next
form_clear_choice(struct tui *t, struct form_screen *fs)
{
	struct form		*fm = fs->fm;
	const struct form_field	*ff;
	char			*was;

	if (fm->n == 0)
		return TUI_REDRAW;
	ff = &fm->v[fm->cursor];
	was = ff->text != NULL ? xstrdup(ff->text) : NULL;
	if (form_set(fm, fm->cursor, NULL, t->m) == 0) {
		form_commit(t, fs);
		if (was != NULL && !t->status_error) {
			free(fm->edit.kill);
			fm->edit.kill = was;
			was = NULL;
			tui_message(t, "cleared %s (%s puts '%s' back)",
			    fm->v[fm->cursor].f->name, keys_key(ACT_YANK,
			    KCTX_FORM), fm->edit.kill);
		}
	}
	free(was);
	return TUI_REDRAW;
}

/* C-y on a field of choices: the value C-u last cleared in this form. */
static enum tui_next
form_yank_choice(struct tui *t, struct form_screen *fs)
{
	struct form	*fm = fs->fm;
	char		*v;

	if (fm->n == 0)
		return TUI_REDRAW;
	if (fm->edit.kill == NULL || fm->edit.kill[0] == '\0') {
		tui_errorf(t, "nothing to put back: %s has cleared nothing in "
		    "this form", keys_key(ACT_CLEAR, KCTX_FORM));
		return TUI_REDRAW;
	}
	/* form_set() may rebuild the fields (a kind): a copy of the text. */
	v = xstrdup(fm->edit.kill);
	if (form_set(fm, fm->cursor, v, t->m) == 0)
		form_commit(t, fs);
	free(v);
	return TUI_REDRAW;
}

/* Typing edits text fields; other keys move, choose and store. */
static enum tui_next
form_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct form_screen	*fs = s->data;
	const struct field	*f;
	/* form_commit() may replace the form: always go through fs. */
#define fm (fs->fm)

	if (fs->gone)
		return a == ACT_HELP ? TUI_NONE : TUI_POP;
	if (a != ACT_BACK && a != ACT_QUIT)
		fs->warned = 0;
	if (form_edit_key(t, fs, key))
		return TUI_REDRAW;
	f = fm->n > 0 ? fm->v[fm->cursor].f : NULL;
	if (f != NULL && fm->v[fm->cursor].guarded) {
		if (a == ACT_OPEN)
			return form_rename(t, fs);
		if ((key >= 'a' && key <= 'z') || (key >= '0' &&
		    key <= '9') || a == ACT_CLEAR || a == ACT_TOGGLE) {
			tui_errorf(t, "the id is not typed over: %s renames "
			    "'%s'", keys_key(ACT_OPEN, KCTX_FORM),
			    fm->orig_id);
			return TUI_REDRAW;
		}
	}
	/*
	 * A small letter or digit on a field of choices chooses: it opens
	 * the list at the first value typed so ("in-house" typed whole lands
	 * there; every value is in small letters), never a command bound to
	 * that letter elsewhere (u undoes). Capitals still go to the screens
	 * they name.
	 */
	if (f != NULL && !form_is_text(fm, fm->cursor) &&
	    ((key >= 'a' && key <= 'z') || (key >= '0' && key <= '9')))
		return form_type_choice(t, fs, key);
	switch (a) {
	case ACT_UP:
		form_commit(t, fs);
		if (fm->cursor > 0)
			form_focus(fm, fm->cursor - 1);
		return TUI_REDRAW;
	case ACT_DOWN:
		form_take(t, fs);
		return TUI_REDRAW;
	case ACT_OPEN:
		if (form_is_text(fm, fm->cursor)) {
			form_take_text(t, fs);
			return TUI_REDRAW;
		}
		form_commit_onward(t, fs, 2);
		return form_pick(t, fs);
	/*
	 * Cycling shows the next value; the one the user leaves the field
	 * on is stored (one change, none if back where it was).
	 */
	case ACT_TOGGLE:
		if (f != NULL && f->type == FIELD_BOOL) {
			form_cycle(fm, 1, t->m);
			return TUI_REDRAW;
		}
		form_commit_onward(t, fs, 2);
		return form_pick(t, fs);
	case ACT_LEFT:
	case ACT_RIGHT:
		if (f != NULL && f->type != FIELD_SET)
			form_cycle(fm, a == ACT_LEFT ? -1 : 1, t->m);
		return TUI_REDRAW;
	case ACT_CLEAR:
		return form_clear_choice(t, fs);
	case ACT_YANK:
		return form_yank_choice(t, fs);
	case ACT_BACK:
	case ACT_QUIT:
		if (fs->kept) {
			/* Theirs stands: ours, kept to look at, is dropped. */
			fs->kept = 0;
			form_reload(t, fs, 1);
			tui_message(t, "your change was not saved: the "
			    "other one stands");
			return TUI_POP;
		}
		form_commit(t, fs);
		if (fs->gone || !form_changed(fm) || !form_has_input(fm)) {
			form_left(t, fs);
			return TUI_POP;
		}
		/*
		 * What was typed cannot be saved: say why and stay; only a
		 * second Esc leaves without it.
		 */
		if (!fs->warned) {
			fs->warned = 1;
			tui_errorf(t, "not saved (%s again: leave without "
			    "%s): %s", keys_key(ACT_BACK, KCTX_GLOBAL),
			    fm->orig_id != NULL ? "these changes" : "it",
			    form_error(fm) != NULL ? form_error(fm) : "?");
			return TUI_REDRAW;
		}
		tui_errorf(t, "%s: %s", fm->orig_id != NULL ? "changes with "
		    "errors were not saved" : "nothing was made", form_error(fm)
		    != NULL ? form_error(fm) : "?");
		return TUI_POP;
	default:
		/* Another screen may replace this one: store first. */
		form_commit(t, fs);
		return TUI_NONE;
	}
#undef fm
}

static void
form_free_screen(struct screen *s)
{
	struct form_screen	*fs = s->data;

	/* Closed by a signal or from above: keep a valid change. */
	if (fs->fm->orig_id != NULL && fs->t->m != NULL)
		form_commit(fs->t, fs);
	form_free(fs->fm);
	vlist_release(&fs->list);
	free(fs);
}

static const struct screen_ops form_ops = {
	.name = "Edit",
	.keys = form_keys,
	.draw = form_draw,
	.key = form_key,
	.focus = form_focus_screen,
	.free = form_free_screen,
};

struct screen *
screen_form_new(struct tui *t, int type, const char *id, int kind)
{
	struct form_screen	*fs = xcalloc(1, sizeof *fs);

	fs->t = t;
	/* An object's form checks it against the others: read them. */
	if (type != OBJ_SYSTEM)
		(void)tui_model(t);
	fs->fm = form_new((enum objtype)type, t->m, id, kind);
	fs->was_new = fs->fm->orig_id == NULL;
	fs->kind_chosen = fs->was_new && kind >= 0;
	vlist_init(&fs->list);
	return screen_new(&form_ops, fs);
}

struct screen *
screen_form_answer(struct tui *t, int type, const char *id, const char *field)
{
	struct screen		*s = screen_form_new(t, type, id, -1);
	struct form_screen	*fs = s->data;

	(void)form_focus_named(fs->fm, field);
	return s;
}

/* The kind chosen: open the form of the new component. */
static int
form_kind_done(struct tui *t, void *arg, const char *value)
{
	int	k = vocab_find(&vocab_kind, value);

	(void)arg;
	if (k >= 0)
		tui_push(t, screen_form_new(t, OBJ_COMPONENT, NULL, k));
	return 0;
}

enum tui_next
screen_form_add_component(struct tui *t)
{
	struct pick	p;

	pick_init(&p, "What kind of component?", 0);
	pick_add_vocab(&p, &vocab_kind, NULL);
	return tui_pick(t, &p, form_kind_done, NULL, NULL);
}

/* Confirmed: save the model without the object. */
static int
form_delete_done(struct tui *t, void *arg, const char *value)
{
	const struct objref	*ref;
	struct model		*m;
	char			*what;

	(void)value;
	if (t->m == NULL)
		return 0;
	m = undo_copy_model(t->m);
	ref = model_find(t->m, arg);
	what = xasprintf("delete %s '%s'", ref != NULL ?
	    objtype_name(ref->type) : "object", (char *)arg);
	if (model_remove(m, arg) == -1) {
		model_free(m);
		tui_errorf(t, "'%s' no longer exists", (char *)arg);
	} else
		tui_save(t, m, what);
	free(what);
	return 0;
}

enum tui_next
screen_form_delete(struct tui *t, const char *id)
{
	const struct objref	*ref;
	enum tui_next		 next;
	char			*q;
	size_t			 i, n = 0;

	if (id == NULL || t->m == NULL)
		return TUI_REDRAW;
	ref = model_find(t->m, id);
	if (ref != NULL && ref->type == OBJ_COMPONENT) {
		for (i = 0; i < t->m->nflows; i++)
			if (strcmp(t->m->flows[i]->from, id) == 0 ||
			    strcmp(t->m->flows[i]->to, id) == 0)
				n++;
		q = xasprintf("Delete component '%s' and its %zu data "
		    "flow%s?", id, n, n == 1 ? "" : "s");
	} else if (ref != NULL && ref->type == OBJ_BOUNDARY)
		q = xasprintf("Delete trust boundary '%s'? Its components "
		    "stay, in no boundary.", id);
	else
		q = xasprintf("Delete '%s'?", id);
	next = tui_confirm(t, q, form_delete_done, xstrdup(id), free);
	free(q);
	return next;
}

/* form.c: forms generated from the field tables, validated as you type. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/form.h"
#include "view/keys.h"
#include "view/pick.h"

#define PTR(obj, f, type)	((type *)(void *)((char *)(obj) + (f)->offset))

/* Big enough for any object type, for validating a value alone. */
union form_scratch {
	struct system		s;
	struct boundary		b;
	struct component	c;
	struct flow		f;
};

static char *
form_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* 1 if two optional strings are equal (NULL equals ""). */
static int
form_same(const char *a, const char *b)
{
	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	return strcmp(a, b) == 0;
}

/* The object with an id in m, of type t, or NULL. Linear. */
static void *
form_find(const struct model *m, enum objtype t, const char *id)
{
	size_t	i;

	if (m == NULL || id == NULL)
		return NULL;
	switch (t) {
	case OBJ_SYSTEM:
		return (void *)(uintptr_t)&m->system;
	case OBJ_BOUNDARY:
		for (i = 0; i < m->nboundaries; i++)
			if (strcmp(m->boundaries[i]->id, id) == 0)
				return m->boundaries[i];
		break;
	case OBJ_COMPONENT:
		for (i = 0; i < m->ncomponents; i++)
			if (strcmp(m->components[i]->id, id) == 0)
				return m->components[i];
		break;
	case OBJ_FLOW:
		for (i = 0; i < m->nflows; i++)
			if (strcmp(m->flows[i]->id, id) == 0)
				return m->flows[i];
		break;
	case OBJ_COUNT:
		break;
	}
	return NULL;
}

/* The type of the object that uses an id in m, or OBJ_COUNT if none. */
static enum objtype
form_id_user(const struct model *m, const char *id)
{
	enum objtype	t;

	for (t = OBJ_BOUNDARY; t < OBJ_COUNT; t++)
		if (form_find(m, t, id) != NULL)
			return t;
	return OBJ_COUNT;
}

/* A field's value as the form shows it: booleans as yes and no. */
static char *
form_text_of(const void *obj, const struct field *f)
{
	char	*s = field_get(obj, f);

	if (s != NULL && f->type == FIELD_BOOL) {
		char	*t = xstrdup(strcmp(s, "true") == 0 ? "yes" : "no");

		free(s);
		return t;
	}
	return s;
}

/*
 * The id of a stored object is not typed over: a stray key would rename
 * it, with every flow and risk that names it. The system's is fixed; the
 * others' are renamed on purpose (form_rename_id()).
 */
static void
form_lock(struct form *fm)
{
	size_t	i;
	int	id;

	for (i = 0; i < fm->n; i++) {
		id = fm->v[i].f->type == FIELD_ID && fm->orig_id != NULL;
		fm->v[i].readonly = id && fm->type == OBJ_SYSTEM;
		fm->v[i].guarded = id && fm->type != OBJ_SYSTEM;
	}
}

/* Fill the field entries for the form's type (and kind) from obj. */
static void
form_load(struct form *fm, const void *obj)
{
	const struct field	*f;
	struct form_field	*ff;
	size_t			 i, n;

	f = model_fields(fm->type, &n);
	fm->v = xcalloc(n, sizeof *fm->v);
	fm->n = 0;
	for (i = 0; i < n; i++) {
		if (fm->type == OBJ_COMPONENT &&
		    !field_applies(&f[i], fm->kind))
			continue;
		ff = &fm->v[fm->n++];
		ff->f = &f[i];
		if (f[i].type == FIELD_KIND)
			ff->text = form_strdup(vocab_name(f[i].vocab,
			    fm->kind));
		else if (obj != NULL)
			ff->text = form_text_of(obj, &f[i]);
		ff->saved = obj != NULL ? form_strdup(ff->text) : NULL;
	}
	form_lock(fm);
}

int
form_focus_named(struct form *fm, const char *names)
{
	const char	*end;
	size_t		 i, len;

	if (names == NULL)
		return 0;
	len = (end = strstr(names, " or ")) != NULL ? (size_t)(end - names) :
	    strlen(names);
	for (i = 0; i < fm->n; i++)
		if (strlen(fm->v[i].f->name) == len &&
		    strncmp(fm->v[i].f->name, names, len) == 0 &&
		    !fm->v[i].readonly) {
			form_focus(fm, i);
			return 1;
		}
	return 0;
}

struct form *
form_new(enum objtype t, const struct model *m, const char *id, int kind)
{
	struct form	*fm = xcalloc(1, sizeof *fm);
	const void	*obj = NULL;

	fm->type = t;
	fm->kind = kind;
	if (id != NULL && (obj = form_find(m, t, id)) != NULL) {
		fm->orig_id = xstrdup(id);
		if (t == OBJ_COMPONENT)
			fm->kind = ((const struct component *)obj)->kind;
	}
	if (fm->kind < 0 || fm->kind >= KIND_COUNT)
		fm->kind = KIND_APPLICATION;
	form_load(fm, obj);
	ledit_init(&fm->edit, NULL);
	form_focus(fm, 0);
	if (fm->n > 1 && (fm->v[0].readonly || fm->v[0].guarded))
		form_focus(fm, 1);
	return fm;
}

/* Free the field entries of a form. */
static void
form_free_fields(struct form *fm)
{
	size_t	i;

	for (i = 0; i < fm->n; i++) {
		free(fm->v[i].text);
		free(fm->v[i].saved);
		free(fm->v[i].error);
	}
	free(fm->v);
	fm->v = NULL;
	fm->n = 0;
}

void
form_free(struct form *fm)
{
	if (fm == NULL)
		return;
	form_free_fields(fm);
	free(fm->orig_id);
	free(fm->rename_error);
	ledit_release(&fm->edit);
	free(fm);
}

int
form_is_text(const struct form *fm, size_t i)
{
	if (i >= fm->n || fm->v[i].readonly || fm->v[i].guarded)
		return 0;
	return fm->v[i].f->type == FIELD_TEXT || fm->v[i].f->type == FIELD_ID;
}

void
form_focus(struct form *fm, size_t i)
{
	if (fm->n == 0)
		return;
	if (i >= fm->n)
		i = fm->n - 1;
	fm->cursor = i;
	ledit_set(&fm->edit, fm->v[i].text);
}

/*
 * An identifier made from what was typed in its place, a name most likely
 * ("City Council Chatbot": "city-council-chatbot"): ASCII letters and
 * digits lower-cased, every other run of characters one '-'. NULL when
 * nothing valid is left. The caller frees it.
 */
static char *
form_id_suggest(const char *text)
{
	char	*id = xmalloc(ID_MAX + 1);
	size_t	 n = 0;
	int	 dash = 0;

	for (; *text != '\0' && n < ID_MAX; text++) {
		unsigned char	c = (unsigned char)*text;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n > 0 && n < ID_MAX - 1)
				id[n++] = '-';
			dash = 0;
			id[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' :
			    c);
		} else
			dash = 1;
	}
	id[n] = '\0';
	if (n == 0 || !id_valid(id)) {
		free(id);
		return NULL;
	}
	return id;
}

/* Validate field i against the vocabularies and the model. */
static void
form_check(struct form *fm, size_t i, const struct model *m)
{
	struct form_field	*ff = &fm->v[i];
	const struct field	*f = ff->f;
	union form_scratch	 scratch;
	struct error		 e;
	const char		*text = ff->text, *near;
	const char		**ids;
	char			*slug;
	enum objtype		 user;
	size_t			 k, n;
	int			 isbnd;

	free(ff->error);
	ff->error = NULL;
	if (ff->readonly)
		return;
	if (text == NULL || *text == '\0') {
		if (f->flags & FIELD_REQUIRED)
			ff->error = xasprintf("'%s' is required", f->name);
		return;
	}
	memset(&scratch, 0, sizeof scratch);
	error_clear(&e);
	if (field_set(&scratch, f, text, &e) == -1) {
		if (f->type == FIELD_ID &&
		    (slug = form_id_suggest(text)) != NULL) {
			ff->error = xasprintf("%s; for example '%s'", e.msg,
			    slug);
			free(slug);
		} else
			ff->error = xstrdup(e.msg);
		return;
	}
	if (f->type == FIELD_TEXT || f->type == FIELD_ID ||
	    f->type == FIELD_REF)
		free(*PTR(&scratch, f, char *));
	if (m == NULL)
		return;
	if (f->type == FIELD_ID && fm->type != OBJ_SYSTEM) {
		user = form_id_user(m, text);
		if (user != OBJ_COUNT && !form_same(fm->orig_id, text))
			ff->error = xasprintf("id '%s' is already used by a %s",
			    text, objtype_name(user));
		return;
	}
	if (f->type != FIELD_REF)
		return;
	isbnd = fm->type == OBJ_COMPONENT;
	if (form_find(m, isbnd ? OBJ_BOUNDARY : OBJ_COMPONENT, text) != NULL)
		return;
	n = isbnd ? m->nboundaries : m->ncomponents;
	ids = xcalloc(n + 1, sizeof *ids);
	for (k = 0; k < n; k++)
		ids[k] = isbnd ? m->boundaries[k]->id : m->components[k]->id;
	near = text_suggest(text, ids);
	if (near != NULL)
		ff->error = xasprintf("unknown %s '%s' (did you mean '%s'?)",
		    isbnd ? "boundary" : "component", text, near);
	else
		ff->error = xasprintf("unknown %s '%s'", isbnd ? "boundary" :
		    "component", text);
	free(ids);
}

void
form_typed(struct form *fm, const struct model *m)
{
	struct form_field	*ff;

	if (!form_is_text(fm, fm->cursor))
		return;
	ff = &fm->v[fm->cursor];
	free(ff->text);
	ff->text = fm->edit.len > 0 ? xstrdup(fm->edit.s) : NULL;
	ff->touched = 1;
	form_check(fm, fm->cursor, m);
}

/*
 * Change a component's kind: the fields of the new kind, values kept.
 * Returns the new index of field i; the cursor stays on its field.
 */
static size_t
form_set_kind(struct form *fm, int kind, size_t i)
{
	struct form_field	*old = fm->v;
	size_t			 nold = fm->n, k, j, at = 0;
	const struct field	*kf = fm->v[i].f, *cf = fm->v[fm->cursor].f;

	fm->kind = kind;
	fm->v = NULL;
	form_load(fm, NULL);
	fm->cursor = 0;
	for (k = 0; k < fm->n; k++) {
		for (j = 0; j < nold; j++) {
			if (old[j].f != fm->v[k].f)
				continue;
			if (fm->v[k].f->type != FIELD_KIND) {
				free(fm->v[k].text);
				fm->v[k].text = old[j].text;
				old[j].text = NULL;
			}
			fm->v[k].saved = old[j].saved;
			old[j].saved = NULL;
			fm->v[k].touched = old[j].touched;
			break;
		}
		if (fm->v[k].f == kf)
			at = k;
		if (fm->v[k].f == cf)
			fm->cursor = k;
	}
	for (j = 0; j < nold; j++) {
		free(old[j].text);
		free(old[j].saved);
		free(old[j].error);
	}
	free(old);
	return at;
}

int
form_set(struct form *fm, size_t i, const char *text, const struct model *m)
{
	struct form_field	*ff;
	int			 k;

	if (i >= fm->n || fm->v[i].readonly)
		return -1;
	ff = &fm->v[i];
	if (text != NULL && *text == '\0')
		text = NULL;
	if (ff->f->type == FIELD_KIND && text != NULL &&
	    (k = vocab_find(ff->f->vocab, text)) != -1 && k != fm->kind) {
		i = form_set_kind(fm, k, i);
		ff = &fm->v[i];
	}
	free(ff->text);
	ff->text = form_strdup(text);
	if (ff->f->type == FIELD_BOOL && text != NULL &&
	    strcmp(text, "unknown") == 0) {
		free(ff->text);
		ff->text = NULL;
	}
	ff->touched = 1;
	form_check(fm, i, m);
	if (i == fm->cursor)
		ledit_set(&fm->edit, ff->text);
	return ff->error != NULL ? -1 : 0;
}

int
form_rename_id(struct form *fm, const char *new_id, const struct model *m,
    const char **why)
{
	size_t	 i;
	char	*was;

	*why = NULL;
	for (i = 0; i < fm->n && fm->v[i].f->type != FIELD_ID; i++)
		;
	if (i == fm->n || fm->v[i].readonly)
		return -1;
	was = form_strdup(fm->v[i].text);
	if (form_set(fm, i, new_id, m) == 0) {
		free(was);
		return 0;
	}
	/* The reason outlives the value it was about: kept aside. */
	free(fm->rename_error);
	fm->rename_error = fm->v[i].error != NULL ?
	    xstrdup(fm->v[i].error) : NULL;
	(void)form_set(fm, i, was, m);
	free(was);
	*why = fm->rename_error;
	return -1;
}

void
form_cycle(struct form *fm, int dir, const struct model *m)
{
	struct pick	 p;
	size_t		 cur = 0, n;
	const char	*now;

	if (fm->n == 0 || form_is_text(fm, fm->cursor) ||
	    fm->v[fm->cursor].readonly || fm->v[fm->cursor].guarded ||
	    fm->v[fm->cursor].f->type == FIELD_SET)
		return;
	form_options(fm, fm->cursor, m, &p);
	n = p.n;
	if (n > 0) {
		cur = p.list.cursor;
		now = p.v[(cur + n + (size_t)(dir > 0 ? 1 : n - 1)) % n].value;
		form_set(fm, fm->cursor, now, m);
	}
	pick_release(&p);
}

size_t
form_validate(struct form *fm, const struct model *m)
{
	size_t	i, bad = 0;

	for (i = 0; i < fm->n; i++) {
		form_check(fm, i, m);
		if (fm->v[i].error != NULL)
			bad++;
	}
	return bad;
}

int
form_changed(const struct form *fm)
{
	size_t	i;

	if (fm->orig_id == NULL)
		return 1;
	for (i = 0; i < fm->n; i++)
		if (!form_same(fm->v[i].text, fm->v[i].saved))
			return 1;
	return 0;
}

int
form_has_input(const struct form *fm)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (fm->v[i].f->type != FIELD_KIND &&
		    !form_same(fm->v[i].text, fm->v[i].saved))
			return 1;
	return 0;
}

void
form_mark_saved(struct form *fm)
{
	size_t	i;

	for (i = 0; i < fm->n; i++) {
		free(fm->v[i].saved);
		fm->v[i].saved = form_strdup(fm->v[i].text);
	}
	free(fm->orig_id);
	fm->orig_id = form_strdup(form_id(fm));
	form_lock(fm);
}

const char *
form_error(const struct form *fm)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (fm->v[i].error != NULL)
			return fm->v[i].error;
	return NULL;
}

const char *
form_id(const struct form *fm)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (fm->v[i].f->type == FIELD_ID)
			return fm->v[i].text;
	return NULL;
}

/* The text of the field with a name, or NULL. */
static const char *
form_text(const struct form *fm, const char *name)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (strcmp(fm->v[i].f->name, name) == 0)
			return fm->v[i].text;
	return NULL;
}

/* Make references to a renamed object follow it. */
static void
form_rename(struct model *m, enum objtype t, const char *from,
    const char *to)
{
	size_t	i;

	if (t == OBJ_BOUNDARY) {
		for (i = 0; i < m->ncomponents; i++) {
			struct component	*c = m->components[i];

			if (c->boundary != NULL && strcmp(c->boundary,
			    from) == 0) {
				free(c->boundary);
				c->boundary = xstrdup(to);
			}
		}
	} else if (t == OBJ_COMPONENT) {
		for (i = 0; i < m->nflows; i++) {
			struct flow	*f = m->flows[i];

			if (f->from != NULL && strcmp(f->from, from) == 0) {
				free(f->from);
				f->from = xstrdup(to);
			}
			if (f->to != NULL && strcmp(f->to, from) == 0) {
				free(f->to);
				f->to = xstrdup(to);
			}
		}
	}
}

int
form_apply(const struct form *fm, struct model *m, struct error *err)
{
	const struct field	*f;
	const char		*id = form_id(fm), *text;
	void			*obj;
	size_t			 i, n;

	if (fm->type != OBJ_SYSTEM && (id == NULL || !id_valid(id)))
		return error_set(err, "%s has no valid 'id'",
		    objtype_name(fm->type));
	if (fm->orig_id != NULL) {
		if ((obj = form_find(m, fm->type, fm->orig_id)) == NULL)
			return error_set(err, "%s '%s' no longer exists "
			    "(deleted by someone else?)",
			    objtype_name(fm->type), fm->orig_id);
		if (fm->type != OBJ_SYSTEM && strcmp(fm->orig_id, id) != 0) {
			form_rename(m, fm->type, fm->orig_id, id);
			/* The store moves its risks and history with it. */
			model_note_rename(m, fm->orig_id, id);
		}
	} else {
		switch (fm->type) {
		case OBJ_BOUNDARY:
			obj = model_add_boundary(m, id);
			break;
		case OBJ_COMPONENT:
			obj = model_add_component(m, id, fm->kind);
			break;
		case OBJ_FLOW:
			obj = model_add_flow(m, id, form_text(fm, "from"),
			    form_text(fm, "to"));
			break;
		default:
			obj = &m->system;
			break;
		}
	}
	f = model_fields(fm->type, &n);
	for (i = 0; i < n; i++) {
		if (fm->type == OBJ_COMPONENT && f[i].type == FIELD_KIND) {
			((struct component *)obj)->kind = fm->kind;
			continue;
		}
		if (fm->type == OBJ_COMPONENT && !field_applies(&f[i],
		    fm->kind))
			text = NULL;
		else
			text = form_text(fm, f[i].name);
		if (field_set(obj, &f[i], text, err) == -1) {
			error_prefix(err, "%s '%s'", objtype_name(fm->type),
			    id != NULL ? id : "");
			return -1;
		}
	}
	return model_index(m, NULL, err);
}

void
form_options(const struct form *fm, size_t i, const struct model *m,
    struct pick *p)
{
	const struct form_field	*ff = &fm->v[i];
	const struct field	*f = ff->f;
	size_t			 k;

	pick_init(p, f->name, f->type == FIELD_SET);
	switch (f->type) {
	case FIELD_KIND:
		pick_add_vocab(p, f->vocab, NULL);
		break;
	case FIELD_ENUM:
		pick_add(p, "", "(not set)", "not known yet");
		pick_add_vocab(p, f->vocab, NULL);
		break;
	case FIELD_SET:
		pick_add_vocab(p, f->vocab, ff->text);
		break;
	case FIELD_BOOL:
		pick_add(p, "yes", NULL, "it is so: a fact the analysis "
		    "stands on");
		pick_add(p, "no", NULL, "it is not so: a fact the analysis "
		    "stands on");
		pick_add(p, "", "unknown", "not known yet: left as an open "
		    "question, not a risk");
		break;
	case FIELD_REF:
		if (fm->type == OBJ_COMPONENT) {
			pick_add(p, "", "(none)", "not in a trust boundary "
			    "yet");
			for (k = 0; m != NULL && k < m->nboundaries; k++)
				pick_add(p, m->boundaries[k]->id,
				    m->boundaries[k]->id,
				    m->boundaries[k]->name);
		} else {
			for (k = 0; m != NULL && k < m->ncomponents; k++)
				pick_add(p, m->components[k]->id,
				    m->components[k]->id,
				    m->components[k]->name);
		}
		break;
	default:
		break;
	}
	if (!p->multi)
		pick_select(p, ff->text != NULL ? ff->text : "");
}

/* The part of the edited text to show in width columns, and the
 * cursor's column in it. */
static void
form_edit_window(const struct form *fm, int width, struct buf *out,
    int *col)
{
	struct buf	 vis;
	const char	*s;
	int		 c = ledit_column(&fm->edit), used, skip;
	size_t		 n;

	buf_init(&vis);
	text_visible(&vis, fm->edit.s, 0);
	s = vis.s;
	skip = 0;
	if (c >= width) {
		/* Scroll so that the cursor is in the last column. */
		n = text_fit(s, c - width + 1, &used);
		skip = used;
		s += n;
		if (used < c - width + 1 && *s != '\0') {
			n = text_fit(s, 1, &used);
			if (n == 0)
				n = 1;
			s += n;
			skip += used > 0 ? used : 1;
		}
	}
	n = text_fit(s, width, NULL);
	buf_add(out, s, n);
	*col = c - skip;
	buf_release(&vis);
}

void
form_lines(const struct form *fm, int width, struct vlist *l, size_t *line,
    int *col)
{
	const struct form_field	*ff;
	struct vline		*v;
	struct buf		 b;
	char			*label, *note;
	size_t			 i;
	int			 valw = width - FORM_LABEL_WIDTH - 1, c;

	if (valw < 8)
		valw = 8;
	vlist_clear(l);
	*line = 0;
	*col = FORM_LABEL_WIDTH;
	for (i = 0; i < fm->n; i++) {
		ff = &fm->v[i];
		v = vlist_item(l, ff);
		label = xasprintf("%s%s", ff->f->name,
		    (ff->f->flags & FIELD_REQUIRED) && !ff->readonly ? " *" :
		    "");
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_HEADING, label, FORM_LABEL_WIDTH - 2);
		free(label);
		if (i == fm->cursor && form_is_text(fm, i)) {
			buf_init(&b);
			form_edit_window(fm, valw, &b, &c);
			/* Already visible: added as is. */
			vline_add(v, VS_FIELD, b.s);
			buf_release(&b);
			*line = l->lines.n - 1;
			*col = FORM_LABEL_WIDTH + c;
		} else if (ff->readonly) {
			vline_add(v, VS_FIELD, ff->text != NULL ? ff->text :
			    "");
			vline_add(v, VS_DIM, "  (fixed once created)");
			*line = i == fm->cursor ? l->lines.n - 1 : *line;
		} else if (ff->guarded) {
			vline_add(v, VS_FIELD, ff->text != NULL ? ff->text :
			    "");
			if (i == fm->cursor) {
				note = xasprintf("  (%s renames it)",
				    keys_key(ACT_OPEN, KCTX_FORM));
				vline_add(v, VS_DIM, note);
				free(note);
			}
			*line = i == fm->cursor ? l->lines.n - 1 : *line;
		} else if (ff->text != NULL) {
			vline_cell(v, VS_FIELD, ff->text, valw);
			*line = i == fm->cursor ? l->lines.n - 1 : *line;
		} else {
			vline_add(v, VS_DIM, ff->f->type == FIELD_BOOL ?
			    "unknown" : "(not set)");
			*line = i == fm->cursor ? l->lines.n - 1 : *line;
		}
		if (ff->error != NULL && ff->touched) {
			char	*msg = xasprintf("! %s", ff->error);

			vlines_wrap(&l->lines, VS_ERROR, msg, width,
			    FORM_LABEL_WIDTH);
			free(msg);
		}
	}
	l->cursor = *line;
}

/*
 * Notes on how the analysis reads a kind of component, where the form
 * alone would mislead: shown under the help of a field (any, when field
 * is NULL) of a component of that kind.
 */
static const struct {
	int		 kind;		/* enum kind */
	const char	*field;		/* or NULL: every field */
	const char	*note;
} form_notes[] = {
	{ KIND_INFERENCE_SERVICE, NULL,
	  "Speech to text: the threats of transcribed speech come only with "
	  "a model of model-type speech that this service sends to (add "
	  "one, and a flow to it)." },
	{ KIND_MODEL, "model-type",
	  "A speech-to-text model behind an inference-service needs speech "
	  "here, and a flow from the service to it, for the threats of "
	  "transcribed speech." },
};

void
form_help(const struct form *fm, struct buf *b)
{
	const struct form_field	*ff;
	const char		*v;
	int			 k;

	if (fm->n == 0)
		return;
	ff = &fm->v[fm->cursor];
	buf_addf(b, "%s: %s", ff->f->name, ff->f->help);
	switch (ff->f->type) {
	case FIELD_ID:
		buf_adds(b, " (a-z, 0-9, '.', '_' and '-')");
		if (ff->guarded)
			buf_addf(b, "\n%s renames it; what names it (flows, "
			    "risks, decisions) follows the new id.",
			    keys_key(ACT_OPEN, KCTX_FORM));
		break;
	case FIELD_BOOL:
		buf_adds(b, " (yes, no or unknown)");
		break;
	case FIELD_KIND:
	case FIELD_ENUM:
		if (ff->text != NULL &&
		    (k = vocab_find(ff->f->vocab, ff->text)) != -1 &&
		    (v = ff->f->vocab->words[k].help) != NULL)
			buf_addf(b, "\n%s: %s", ff->text, v);
		break;
	default:
		break;
	}
	for (k = 0; fm->type == OBJ_COMPONENT &&
	    k < (int)(sizeof form_notes / sizeof form_notes[0]); k++)
		if (form_notes[k].kind == fm->kind &&
		    (form_notes[k].field == NULL ||
		    strcmp(form_notes[k].field, ff->f->name) == 0))
			buf_addf(b, "\n%s", form_notes[k].note);
}

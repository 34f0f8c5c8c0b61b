/* undo.c: deep copies of models and the TUI's undo stack. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/risk.h"
#include "util/xmalloc.h"
#include "view/undo.h"

#define PTR(obj, f, type)	((type *)(void *)((char *)(obj) + (f)->offset))
#define CPTR(obj, f, type) \
	((type const *)(const void *)((const char *)(obj) + (f)->offset))

static char *
undo_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Copy every field of an object of type t from src to dst. */
static void
model_copy_fields(void *dst, const void *src, enum objtype t)
{
	const struct field	*f;
	size_t			 i, n;
	char			**sp;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		switch (f[i].type) {
		case FIELD_TEXT:
		case FIELD_ID:
		case FIELD_REF:
			sp = PTR(dst, &f[i], char *);
			free(*sp);
			*sp = undo_strdup(*CPTR(src, &f[i], char *));
			break;
		case FIELD_KIND:
		case FIELD_ENUM:
			*PTR(dst, &f[i], int) = *CPTR(src, &f[i], int);
			break;
		case FIELD_BOOL:
			*PTR(dst, &f[i], enum tri) =
			    *CPTR(src, &f[i], enum tri);
			break;
		case FIELD_SET:
			*PTR(dst, &f[i], unsigned) =
			    *CPTR(src, &f[i], unsigned);
			break;
		}
	}
}

struct model *
undo_copy_model(const struct model *m)
{
	struct model		*c = model_new();
	struct practice		*p;
	size_t			 i;

	model_copy_fields(&c->system, &m->system, OBJ_SYSTEM);
	c->system.pos = m->system.pos;
	for (i = 0; i < m->nboundaries; i++)
		model_copy_fields(model_add_boundary(c, m->boundaries[i]->id),
		    m->boundaries[i], OBJ_BOUNDARY);
	for (i = 0; i < m->ncomponents; i++)
		model_copy_fields(model_add_component(c,
		    m->components[i]->id, m->components[i]->kind),
		    m->components[i], OBJ_COMPONENT);
	for (i = 0; i < m->nflows; i++)
		model_copy_fields(model_add_flow(c, m->flows[i]->id,
		    m->flows[i]->from, m->flows[i]->to), m->flows[i],
		    OBJ_FLOW);
	for (i = 0; i < m->npractices; i++) {
		p = model_add_practice(c, m->practices[i]->id,
		    m->practices[i]->answer);
		free(p->note);
		p->note = undo_strdup(m->practices[i]->note);
	}
	c->revision = m->revision;
	c->unread = m->unread;		/* a copy in part is one too */
	return c;
}

void
undo_init(struct undo *u)
{
	u->v = NULL;
	u->n = 0;
}

void
undo_entry_release(struct undo_entry *e)
{
	free(e->what);
	model_free(e->model);
	free(e->threat);
	free(e->target);
	free(e->owner);
	free(e->justification);
	free(e->mitigation);
	free(e->due);
	free(e->notes);
	free(e->confirmed);
	memset(e, 0, sizeof *e);
}

void
undo_release(struct undo *u)
{
	size_t	i;

	for (i = 0; i < u->n; i++)
		undo_entry_release(&u->v[i]);
	free(u->v);
	undo_init(u);
}

/* Make room for one more entry, dropping the oldest when full. */
static struct undo_entry *
undo_next(struct undo *u)
{
	struct undo_entry	*e;

	if (u->n == UNDO_MAX) {
		undo_entry_release(&u->v[0]);
		memmove(&u->v[0], &u->v[1], (u->n - 1) * sizeof *u->v);
		u->n--;
	} else
		u->v = xreallocarray(u->v, u->n + 1, sizeof *u->v);
	e = &u->v[u->n++];
	memset(e, 0, sizeof *e);
	return e;
}

void
undo_push_model(struct undo *u, const struct model *m, const char *what)
{
	struct undo_entry	*e = undo_next(u);

	e->kind = UNDO_MODEL;
	e->what = xstrdup(what);
	e->model = undo_copy_model(m);
}

void
undo_push_risk(struct undo *u, const struct risk *k, const char *mitigation,
    const char *what)
{
	struct undo_entry		*e = undo_next(u);
	const struct risk_mitigation	*rm = NULL;

	if (mitigation != NULL)
		rm = risk_find_mitigation(k, mitigation);
	e->what = xstrdup(what);
	e->threat = xstrdup(k->threat);
	e->target = xstrdup(k->target);
	if (rm != NULL) {
		e->kind = UNDO_MITIGATION;
		e->mitigation = xstrdup(rm->id);
		e->status = rm->status;
		e->owner = undo_strdup(rm->owner);
		e->due = undo_strdup(rm->due);
		e->notes = undo_strdup(rm->notes);
	} else {
		e->kind = UNDO_RISK;
		e->status = k->status;
		e->owner = undo_strdup(k->owner);
		e->justification = undo_strdup(k->justification);
	}
}

void
undo_push_confirm(struct undo *u, const char *word, const char *what)
{
	struct undo_entry	*e = undo_next(u);

	e->kind = UNDO_CONFIRM;
	e->what = xstrdup(what);
	e->confirmed = xstrdup(word);
}

int
undo_pop(struct undo *u, struct undo_entry *e)
{
	if (u->n == 0)
		return -1;
	*e = u->v[--u->n];
	return 0;
}

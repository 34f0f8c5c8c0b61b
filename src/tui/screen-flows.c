/* screen-flows.c: the data-flow view: components by trust boundary, and
 * the flows between them with those that cross a boundary marked. */
#include "config.h"

#include <stdlib.h>

#include "model/model.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/xmalloc.h"
#include "view/flows.h"

struct flows_screen {
	struct vlist	list;
	int		listh;
	/*
	 * The list is made once per load and width (at a million objects,
	 * making it at each key took seconds): built is the t->gen + 1 it
	 * is of (0: none), builtw the width.
	 */
	unsigned long	built;
	int		builtw;
	/*
	 * Of a model opened in part, the objects are read a slice at a
	 * time between keys rather than all at the first visit (17 to 24 s
	 * at a million risks): reading says the list is of what is read
	 * (t->objs), a note while the components are, then the flows
	 * growing (part) once they are all.
	 */
	int		reading;
	int		flowing;	/* the flows are being listed */
	struct flows_part part;
};

/*
 * Objects of each type read before the data-flow view's first screen,
 * then between keys a slice at a time (as steps 2 to 4 read them).
 */
#define FLOWS_FIRST	1000
#define FLOWS_SLICE	500

static const enum kctx flows_keys[] = { KCTX_FLOWS, KCTX_MODEL, KCTX_LIST,
    KCTX_GLOBAL, KCTX_END };
static const struct key_hint flows_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_ADD),
	KEY_HINT(ACT_DELETE),
	KEY_HINT(ACT_HISTORY),
	KEY_HINT(ACT_WALK),
	KEY_HINT(ACT_RISKS),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* 1 when the boundaries and components of a model being read all are. */
static int
flows_ends_read(const struct tui *t)
{
	return t->oslice[0].done && t->oslice[1].done;
}

/* While the components are read: their heading alone. */
static void
flows_reading_note(struct flows_screen *fs)
{
	vlist_clear(&fs->list);
	vlines_addf(&fs->list.lines, VS_HEADING, "Trust boundaries and their "
	    "components");
	vlines_addf(&fs->list.lines, VS_DIM, "  (listed once they are all "
	    "read)");
	vlist_fix(&fs->list);
}

/*
 * The list made again: of the whole model, or of a model opened in part
 * its first objects now (all of a small one) and the rest between keys
 * (flows_work()).
 */
static void
flows_build(struct tui *t, struct flows_screen *fs)
{
	fs->built = t->gen + 1;
	fs->builtw = t->cols;
	fs->reading = fs->flowing = 0;
	if (t->m->unread != 0 || tui_objects_partial(t)) {
		(void)tui_objects_part(t, OBJ_BOUNDARY, FLOWS_FIRST);
		(void)tui_objects_part(t, OBJ_COMPONENT, FLOWS_FIRST);
		(void)tui_objects_part(t, OBJ_FLOW, FLOWS_FIRST);
		/* All read (a small model): into the model, listed whole. */
		if (tui_objects_partial(t) && t->oslice[0].done &&
		    t->oslice[1].done && t->oslice[2].done)
			(void)tui_objects_more(t, 1);
		if (t->gen + 1 != fs->built) {
			/* Read again whole after an error. */
			fs->built = t->gen + 1;
		} else if (tui_objects_partial(t)) {
			fs->reading = 1;
			if (flows_ends_read(t)) {
				fs->flowing = 1;
				flows_lines_part(&fs->list, t->objs, t->cols,
				    &fs->part);
			} else
				flows_reading_note(fs);
			return;
		}
	}
	flows_lines(&fs->list, tui_model(t), t->cols);
	tui_select_added(t, &fs->list);
}

/*
 * Between keys, a model being read: a slice more, the note counting it
 * or the flows' list growing, made whole once all are read.
 */
static int
flows_work(struct tui *t, struct screen *s)
{
	struct flows_screen	*fs = s->data;
	unsigned long		 gen = t->gen;

	if (!fs->reading || fs->built != t->gen + 1 || t->m == NULL)
		return 0;
	if (!tui_objects_partial(t)) {
		/* Read meanwhile (a form, an export): made when drawn. */
		fs->reading = 0;
		fs->built = 0;
		return 1;
	}
	(void)tui_objects_more(t, FLOWS_SLICE);
	if (t->gen != gen || t->m == NULL) {
		fs->reading = 0;
		fs->built = 0;
		return 1;
	}
	if (!tui_objects_partial(t)) {
		/* All read: the flows listed are the model's now. */
		fs->reading = 0;
		if (fs->flowing)
			flows_lines_done(&fs->list, t->m, t->cols, &fs->part);
		else
			flows_lines(&fs->list, t->m, t->cols);
		return 1;
	}
	if (!flows_ends_read(t))
		flows_reading_note(fs);
	else if (!fs->flowing) {
		fs->flowing = 1;
		flows_lines_part(&fs->list, t->objs, t->cols, &fs->part);
	} else
		flows_lines_more(&fs->list, t->objs, t->cols, &fs->part);
	return 1;
}

/*
 * What a key acts on needs the whole model (an object's form, its id
 * among all): the rest read now, the list made of it with the cursor
 * where it was.
 */
static void
flows_read_all(struct tui *t, struct flows_screen *fs)
{
	size_t	cursor = fs->list.cursor, top = fs->list.top;

	if (!fs->reading)
		return;
	(void)tui_model(t);
	fs->reading = 0;
	if (t->m == NULL)
		return;
	flows_lines(&fs->list, t->m, t->cols);
	fs->built = t->gen + 1;
	fs->builtw = t->cols;
	fs->list.cursor = cursor;
	fs->list.top = top;
	vlist_fix(&fs->list);
}

/* The data-flow view fills the body. */
static void
flows_draw(struct tui *t, struct screen *s)
{
	struct flows_screen	*fs = s->data;

	struct vlines		 note;
	int			 y = tui_body_top(t), h = tui_body_height(t);

	if (fs->built != t->gen + 1 || fs->builtw != t->cols)
		flows_build(t, fs);
	/* While its objects are read, a line above the list says so. */
	if (fs->reading && tui_objects_partial(t) && h > 2) {
		vlines_init(&note);
		if (fs->flowing)
			vlines_addf(&note, VS_DIM, "Reading the model's flows: "
			    "%zu so far\xe2\x80\xa6", t->objs->nflows);
		else
			vlines_addf(&note, VS_DIM, "Reading the model's "
			    "boundaries and components: %zu and %zu so "
			    "far\xe2\x80\xa6", t->objs->nboundaries,
			    t->objs->ncomponents);
		draw_lines(t, &note, 0, y, 0, 1, t->cols);
		vlines_release(&note);
		y++;
		h--;
	}
	fs->listh = h;
	draw_list(t, &fs->list, y, 0, fs->listh, t->cols, 1);
	tui_hint(t, s, flows_hint);
}

/* Edit, add, delete, or show the history of what is selected. */
static enum tui_next
flows_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct flows_screen	*fs = s->data;
	const void		*p = vlist_selected(&fs->list);
	enum tui_next		 next;

	(void)key;
	if ((next = tui_list_key(t, &fs->list, a, fs->listh)) != TUI_NONE)
		return next;
	if (fs->reading && (a == ACT_OPEN || a == ACT_ADD ||
	    a == ACT_DELETE || a == ACT_HISTORY)) {
		flows_read_all(t, fs);
		p = vlist_selected(&fs->list);
	}
	switch (a) {
	case ACT_OPEN:
		if (view_objid(t->m, p) == NULL)
			return TUI_REDRAW;
		return tui_push(t, screen_form_new(t, view_objtype(t->m, p),
		    view_objid(t->m, p), -1));
	case ACT_ADD:
		if (t->m->ncomponents == 0) {
			tui_errorf(t, "add components first (%s, step 3)",
			    keys_key(ACT_WALK, KCTX_MODEL));
			return TUI_REDRAW;
		}
		return tui_push(t, screen_form_new(t, OBJ_FLOW, NULL, -1));
	case ACT_DELETE:
		return screen_form_delete(t, view_objid(t->m, p));
	case ACT_HISTORY:
		if (view_objid(t->m, p) == NULL)
			return TUI_REDRAW;
		return tui_push(t, screen_history_new(t, view_objid(t->m, p)));
	default:
		return TUI_NONE;
	}
}

static void
flows_free(struct screen *s)
{
	struct flows_screen	*fs = s->data;

	vlist_release(&fs->list);
	free(fs);
}

static const struct screen_ops flows_ops = {
	.name = "Data flows",
	.keys = flows_keys,
	.draw = flows_draw,
	.key = flows_key,
	.work = flows_work,
	.free = flows_free,
};

struct screen *
screen_flows_new(struct tui *t)
{
	struct flows_screen	*fs = xcalloc(1, sizeof *fs);

	(void)t;
	vlist_init(&fs->list);
	return screen_new(&flows_ops, fs);
}

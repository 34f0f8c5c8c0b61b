/* history-list.c: the history screen's list of changes, newest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/history-list.h"

/*
 * Column widths: the time as "2026-11-25 20:15" and a space; the author as
 * wide as the widest (and a space), from ten columns to WHO_MAX, where the
 * object leaves room: who decided is what a sign-off reads.
 */
#define WHEN_W	17
#define WHO_W	11
#define WHO_MAX	25

/*
 * An object's name to show in w columns: a risk's (threat@target) too long
 * keeps its target, cut in the middle, since two risks of one threat differ
 * only there; anything else is left to vline_cell to cut at its end.
 */
static char *
history_object(const char *o, int w)
{
	const char	*at;
	size_t		 fit;
	int		 used;

	if (o == NULL)
		return xstrdup("");
	if (text_width(o) <= w || (at = strrchr(o, '@')) == NULL ||
	    text_width(at) + 2 > w)
		return xstrdup(o);
	fit = text_fit(o, w - 1 - text_width(at), &used);
	return xasprintf("%.*s\u2026%s", (int)fit, o, at);
}

void
history_lines(struct vlist *l, const struct change *v, size_t n, int width,
    int one_object)
{
	const struct change	*c;
	struct vline		*line;
	char			*at, *what, *obj;
	struct vlines		 wrapped;
	size_t			 i, j, k;
	int			 objw = 0, rest, w, below = 0, col, whow = WHO_W;

	vlist_clear(l);
	if (n == 0) {
		vlines_addf(&l->lines, VS_DIM, "  No history yet.");
		vlist_fix(l);
		return;
	}
	for (i = 0; i < n; i++)
		if (v[i].who != NULL && (w = text_width(v[i].who) + 1) > whow)
			whow = w > WHO_MAX ? WHO_MAX : w;
	if (!one_object) {
		for (i = 0; i < n; i++)
			if (v[i].object != NULL &&
			    (w = text_width(v[i].object)) > objw)
				objw = w;
		/* As wide as the widest, if the change keeps 24 columns. */
		rest = width - WHEN_W - whow - 24;
		/*
		 * Else (a narrow screen, a projector's 80 columns) the
		 * object keeps what it needs and the change goes under it,
		 * wrapped: neither is cut. The author gives way to the
		 * object, down to ten columns.
		 */
		if (objw + 1 > rest && width >= WHEN_W + whow + 16) {
			below = 1;
			if (whow > WHO_W && whow + objw + 1 > width - WHEN_W)
				whow = width - WHEN_W - objw - 1 > WHO_W ?
				    width - WHEN_W - objw - 1 : WHO_W;
			rest = width - WHEN_W - whow;
		}
		if (rest < 28)
			rest = 28;
		objw = objw < 6 ? 7 : objw >= rest ? rest : objw + 1;
	}
	rest = width - WHEN_W - whow - objw;
	if (rest < 16)
		rest = 16;
	line = vlines_add(&l->lines);
	vline_cell(line, VS_HEADING, "WHEN (UTC)", WHEN_W);
	vline_cell(line, VS_HEADING, "WHO", whow);
	vline_cell(line, VS_HEADING, "OBJECT", objw);
	if (!below)
		vline_add(line, VS_HEADING, "CHANGE");
	else {
		line = vlines_add(&l->lines);
		vline_add(line, VS_HEADING, "    CHANGE");
	}
	l->sticky = below ? 2 : 1;
	for (k = 0; k < n; k++) {
		c = &v[CHANGES_NEWEST_FIRST(k, n)];
		line = vlist_item(l, c);
		/* 2026-11-25T20:15:36Z -> 2026-11-25 20:15 */
		at = xstrndup(c->at != NULL ? c->at : "", 16);
		if (strlen(at) > 10 && at[10] == 'T')
			at[10] = ' ';
		vline_cell(line, VS_DIM, at, WHEN_W);
		free(at);
		/* A column cut short still ends with a space before the
		 * next one. */
		vline_cell(line, VS_NORMAL, c->who, whow - 1);
		vline_add(line, VS_NORMAL, " ");
		if (!one_object) {
			obj = history_object(c->object, objw - 1);
			vline_cell(line, VS_NORMAL, obj, objw - 1);
			free(obj);
			vline_add(line, VS_NORMAL, " ");
		}
		if (c->field != NULL && (strcmp(c->field, "created") == 0 ||
		    strcmp(c->field, "deleted") == 0))
			what = xstrdup(c->field);
		else if (c->old_value == NULL)
			what = xasprintf("%s: set to '%s'", c->field != NULL ?
			    c->field : "?", c->new_value != NULL ?
			    c->new_value : "");
		else if (c->new_value == NULL)
			what = xasprintf("%s: '%s' removed", c->field != NULL ?
			    c->field : "?", c->old_value);
		else
			what = xasprintf("%s: '%s' -> '%s'", c->field != NULL ?
			    c->field : "?", c->old_value, c->new_value);
		/* Not an edit made here (an undo, an import): say so. */
		if (c->source != NULL) {
			obj = what;
			what = xasprintf("%s [%s]", obj, c->source);
			free(obj);
		}
		/*
		 * The change wrapped, not cut: in its column, or on lines of
		 * its own under the entry. The lines after the first carry
		 * the entry's data (its text, for a search).
		 */
		col = below ? 4 : width - rest;
		vlines_init(&wrapped);
		vlines_wrap(&wrapped, VS_NORMAL, what, below ? width : rest +
		    col, col);
		free(what);
		for (i = 0; i < wrapped.n; i++) {
			if (i > 0 || below) {
				line = vlines_add(&l->lines);
				line->data = c;
			}
			for (j = 0; j < wrapped.v[i].n; j++) {
				const char	*text = wrapped.v[i].segs[j].text;

				/* The first goes on the entry's line. */
				if (i == 0 && j == 0 && !below)
					text += strspn(text, " ");
				vline_add(line, wrapped.v[i].segs[j].style,
				    text);
			}
		}
		vlines_release(&wrapped);
	}
	vlist_fix(l);
}

/* history-list.c: the history screen's list of changes, newest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/history-list.h"

void
history_lines(struct vlist *l, const struct change *v, size_t n, int width,
    int one_object)
{
	const struct change	*c;
	struct vline		*line;
	char			*at, *what;
	size_t			 i, k;
	int			 objw = 0, rest, w;

	vlist_clear(l);
	if (n == 0) {
		vlines_addf(&l->lines, VS_DIM, "  No history yet.");
		vlist_fix(l);
		return;
	}
	if (!one_object) {
		for (i = 0; i < n; i++)
			if (v[i].object != NULL &&
			    (w = text_width(v[i].object)) > objw)
				objw = w;
		objw = objw < 6 ? 7 : objw > 27 ? 28 : objw + 1;
	}
	rest = width - 17 - 11 - objw;
	if (rest < 16)
		rest = 16;
	line = vlines_add(&l->lines);
	vline_cell(line, VS_HEADING, "WHEN (UTC)", 17);
	vline_cell(line, VS_HEADING, "WHO", 11);
	vline_cell(line, VS_HEADING, "OBJECT", objw);
	vline_add(line, VS_HEADING, "CHANGE");
	l->sticky = 1;
	for (k = 0; k < n; k++) {
		c = &v[CHANGES_NEWEST_FIRST(k, n)];
		line = vlist_item(l, c);
		/* 2026-11-25T20:15:36Z -> 2026-11-25 20:15 */
		at = xstrndup(c->at != NULL ? c->at : "", 16);
		if (strlen(at) > 10 && at[10] == 'T')
			at[10] = ' ';
		vline_cell(line, VS_DIM, at, 17);
		free(at);
		/* A column cut short still ends with a space before the
		 * next one. */
		vline_cell(line, VS_NORMAL, c->who, 10);
		vline_add(line, VS_NORMAL, " ");
		if (!one_object) {
			vline_cell(line, VS_NORMAL, c->object, objw - 1);
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
		vline_cell(line, VS_NORMAL, what, rest);
		free(what);
	}
	vlist_fix(l);
}

/* lists.c: the models of a database, the data-flow view, the history. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/history.h"
#include "model/model.h"
#include "store/store.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/lists.h"
#include "view/risks.h"

/* Columns of the start screen's list besides id and name. */
#define START_FIXED	(2 + 1 + 4 * 5 + 5 + 11 + 10 + 4)

void
start_lines(struct vlist *l, const struct store_summary *v, size_t n,
    int width)
{
	struct vline	*line;
	size_t		 i;
	int		 idw = 8, namew, s, w;

	for (i = 0; i < n; i++)
		if ((w = text_width(v[i].id)) > idw)
			idw = w;
	if (idw > 24)
		idw = 24;
	/* The id gives way before the name goes under 10 columns. */
	if (width - START_FIXED - idw < 10)
		idw = width - START_FIXED - 10 > 8 ? width - START_FIXED - 10 :
		    8;
	namew = width - START_FIXED - idw;
	if (namew < 10)
		namew = 10;
	vlist_clear(l);
	if (n == 0) {
		vlines_wrap(&l->lines, VS_DIM, "No models in this database "
		    "yet: press a to create a blank one, t to start from a "
		    "template.", width, 2);
		vlist_fix(l);
		return;
	}
	line = vlines_add(&l->lines);
	vline_add(line, VS_HEADING, "  ");
	vline_cell(line, VS_HEADING, "ID", idw);
	vline_add(line, VS_HEADING, " ");
	vline_cell(line, VS_HEADING, "NAME", namew);
	for (s = LEVEL_COUNT - 1; s >= 0; s--)
		vline_addf(line, VS_HEADING, "%5s",
		    vocab_label(&vocab_severity, s));
	/*
	 * Statuses as the dashboard words them, mitigating ones too; the
	 * total is the sum of either group, so it gives them its room.
	 */
	vline_addf(line, VS_HEADING, "%5s%11s%10s%4s",
	    vocab_label(&vocab_risk_status, RISK_OPEN),
	    vocab_label(&vocab_risk_status, RISK_MITIGATING),
	    vocab_label(&vocab_risk_status, RISK_MITIGATED),
	    vocab_label(&vocab_risk_status, RISK_ACCEPTED));
	l->sticky = 1;
	for (i = 0; i < n; i++) {
		line = vlines_add(&l->lines);
		line->selectable = 1;
		line->data = &v[i];
		vline_add(line, VS_NORMAL, "  ");
		vline_cell(line, VS_NORMAL, v[i].id, idw);
		vline_add(line, VS_NORMAL, " ");
		vline_cell(line, VS_NORMAL, v[i].name, namew);
		for (s = LEVEL_COUNT - 1; s >= 0; s--)
			vline_addf(line, v[i].by_severity[s] > 0 ?
			    rview_severity_style(s) : VS_DIM, "%5zu",
			    v[i].by_severity[s]);
		vline_addf(line, v[i].by_status[RISK_OPEN] > 0 ? VS_WARN :
		    VS_DIM, "%5zu", v[i].by_status[RISK_OPEN]);
		vline_addf(line, VS_NORMAL, "%11zu",
		    v[i].by_status[RISK_MITIGATING]);
		vline_addf(line, VS_NORMAL, "%10zu",
		    v[i].by_status[RISK_MITIGATED]);
		vline_addf(line, VS_NORMAL, "%4zu",
		    v[i].by_status[RISK_ACCEPTED]);
	}
	vlist_fix(l);
}

void
flows_view_line(struct vline *v, const struct model *m, const struct flow *f,
    int width)
{
	const struct field	*df = model_field(OBJ_FLOW, "data");
	char			*data, *ends;
	enum tri		 c = flow_crossing(m, f);
	int			 dw;

	if (c == TRI_YES)
		vline_add(v, VS_CROSSING, "CROSSES  ");
	else if (c == TRI_UNKNOWN)
		vline_add(v, VS_WARN, "boundary?");
	else
		vline_add(v, VS_NORMAL, "         ");
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_NORMAL, f->id, 14);
	vline_add(v, VS_NORMAL, " ");
	ends = xasprintf("%s -> %s", f->from != NULL ? f->from : "?",
	    f->to != NULL ? f->to : "?");
	vline_cell(v, VS_NORMAL, ends, 28);
	free(ends);
	vline_add(v, VS_NORMAL, " ");
	dw = width - 10 - 15 - 29;
	if (dw < 10)
		dw = 10;
	if ((data = field_get(f, df)) != NULL)
		vline_cell(v, VS_FIELD, data, dw);
	else
		vline_cell(v, VS_WARN, "(data not set)", dw);
	free(data);
}

/* The components of one boundary (id NULL: of none). */
static void
flows_members(struct vlist *l, const struct model *m, const char *bid,
    int width)
{
	struct vline	*v;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = m->components[i];

		if (bid == NULL) {
			if (c->boundary != NULL)
				continue;
		} else if (c->boundary == NULL ||
		    strcmp(c->boundary, bid) != 0)
			continue;
		v = vlines_add(&l->lines);
		v->selectable = 1;
		v->data = c;
		vline_add(v, VS_NORMAL, "    ");
		vline_cell(v, VS_NORMAL, c->id, 16);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, c->name, width - 44 > 10 ?
		    width - 44 : 10);
		vline_add(v, VS_NORMAL, " ");
		vline_add(v, VS_DIM, vocab_name(&vocab_kind, c->kind));
		any = 1;
	}
	if (!any)
		vlines_addf(&l->lines, VS_DIM, "    (no components)");
}

void
flows_lines(struct vlist *l, const struct model *m, int width)
{
	struct vline	*v;
	size_t		 i, nobnd = 0, crossing = 0;

	vlist_clear(l);
	vlines_addf(&l->lines, VS_HEADING, "Trust boundaries and their "
	    "components");
	for (i = 0; i < m->nboundaries; i++) {
		const struct boundary	*b = m->boundaries[i];

		v = vlines_add(&l->lines);
		v->selectable = 1;
		v->data = b;
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_HEADING, b->id, 16);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, b->name, width - 34 > 10 ?
		    width - 34 : 10);
		vline_add(v, VS_NORMAL, " ");
		vline_add(v, b->trust >= 0 ? VS_FIELD : VS_WARN,
		    b->trust >= 0 ? vocab_name(&vocab_trust, b->trust) :
		    "trust?");
		flows_members(l, m, b->id, width);
	}
	for (i = 0; i < m->ncomponents; i++)
		if (m->components[i]->boundary == NULL)
			nobnd++;
	if (nobnd > 0) {
		vlines_addf(&l->lines, VS_WARN, "  (in no trust boundary)");
		flows_members(l, m, NULL, width);
	}
	for (i = 0; i < m->nflows; i++)
		if (flow_crossing(m, m->flows[i]) == TRI_YES)
			crossing++;
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Data flows: %zu, %zu crossing a "
	    "trust boundary (marked CROSSES)", m->nflows, crossing);
	if (m->nflows == 0)
		vlines_addf(&l->lines, VS_DIM, "  (no data flows: a adds one)");
	for (i = 0; i < m->nflows; i++) {
		v = vlines_add(&l->lines);
		v->selectable = 1;
		v->data = m->flows[i];
		vline_add(v, VS_NORMAL, "  ");
		flows_view_line(v, m, m->flows[i], width - 2);
	}
	vlist_fix(l);
}

enum objtype
view_objtype(const struct model *m, const void *p)
{
	size_t	i;

	if (p == NULL)
		return OBJ_COUNT;
	if (p == &m->system)
		return OBJ_SYSTEM;
	for (i = 0; i < m->nboundaries; i++)
		if (p == m->boundaries[i])
			return OBJ_BOUNDARY;
	for (i = 0; i < m->ncomponents; i++)
		if (p == m->components[i])
			return OBJ_COMPONENT;
	for (i = 0; i < m->nflows; i++)
		if (p == m->flows[i])
			return OBJ_FLOW;
	return OBJ_COUNT;
}

const char *
view_objid(const struct model *m, const void *p)
{
	switch (view_objtype(m, p)) {
	case OBJ_SYSTEM:
		return m->system.id;
	case OBJ_BOUNDARY:
		return ((const struct boundary *)p)->id;
	case OBJ_COMPONENT:
		return ((const struct component *)p)->id;
	case OBJ_FLOW:
		return ((const struct flow *)p)->id;
	default:
		return NULL;
	}
}

void
history_lines(struct vlist *l, const struct change *v, size_t n, int width,
    int one_object)
{
	const struct change	*c;
	struct vline		*line;
	char			*at, *what;
	size_t			 i;
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
	for (i = n; i-- > 0;) {
		c = &v[i];
		line = vlines_add(&l->lines);
		line->selectable = 1;
		line->data = c;
		/* 2026-11-25T20:15:36Z -> 2026-11-25 20:15 */
		at = xstrndup(c->at != NULL ? c->at : "", 16);
		if (strlen(at) > 10 && at[10] == 'T')
			at[10] = ' ';
		vline_cell(line, VS_DIM, at, 17);
		free(at);
		vline_cell(line, VS_NORMAL, c->who, 11);
		vline_cell(line, VS_NORMAL, c->object, objw);
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

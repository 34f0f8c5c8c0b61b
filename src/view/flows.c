/* flows.c: the data-flow screen's list; which model object a line holds. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/keys.h"
#include "view/flows.h"

/* The columns "from -> to" of a flow take. */
static int
flows_ends_width(const struct flow *f)
{
	return text_width(f->from != NULL ? f->from : "?") + 4 +
	    text_width(f->to != NULL ? f->to : "?");
}

/*
 * The columns of the flows' ids and ends: what the model's longest need,
 * so that none is cut while the screen has room (the id at most a third
 * of the width, the ends half). Once per list, not per flow: at a million
 * flows a pass per flow never ended.
 */
void
flows_view_widths(const struct model *m, int width, struct flows_widths *fw)
{
	size_t	i;
	int	w;

	fw->idw = 2;
	fw->endw = 8;
	for (i = 0; i < m->nflows; i++) {
		if ((w = text_width(m->flows[i]->id)) > fw->idw)
			fw->idw = w;
		if ((w = flows_ends_width(m->flows[i])) > fw->endw)
			fw->endw = w;
	}
	width -= 2;
	if (fw->idw > width / 3)
		fw->idw = width / 3;
	if (fw->endw > width / 2)
		fw->endw = width / 2;
}

/*
 * One flow as columns, indented by two, its id and ends in the columns
 * of fw; the data takes the rest, wrapped onto lines of its own below in
 * its column (that the cursor skips) rather than cut.
 */
/*
 * Whether a flow crosses a boundary, in a model of objects being read
 * (not indexed, each object findable by id): unknown until its ends and
 * their boundaries are read.
 */
static enum tri
flows_crossing_read(const struct model *m, const struct flow *f)
{
	const struct objref	*ends[2], *b[2];
	size_t			 i;

	for (i = 0; i < 2; i++) {
		const char	*id = i ? f->to : f->from;

		if (id == NULL || (ends[i] = model_find(m, id)) == NULL ||
		    ends[i]->type != OBJ_COMPONENT)
			return TRI_UNKNOWN;
		id = ((const struct component *)ends[i]->ptr)->boundary;
		if (id == NULL || (b[i] = model_find(m, id)) == NULL ||
		    b[i]->type != OBJ_BOUNDARY)
			return TRI_UNKNOWN;
	}
	return b[0]->ptr != b[1]->ptr ? TRI_YES : TRI_NO;
}

void
flows_view_item(struct vlist *l, const struct model *m,
    const struct flow *f, const struct flows_widths *fw, int width)
{
	const struct field	*df = model_field(OBJ_FLOW, "data");
	struct vlines		 wrapped;
	struct vline		*v;
	char			*data, *ends;
	enum tri		 c = TRI_UNKNOWN;
	size_t			 i, j;
	int			 idw = fw->idw, endw = fw->endw, dw, col;
	/* A model of objects being read (m->unread): its crossings are
	   known once its components and boundaries are. */
	int			 pending = (m->unread &
				    (MODEL_UNREAD_COMPONENTS |
				    MODEL_UNREAD_BOUNDARIES)) != 0;

	if (!pending && (m->unread & MODEL_UNREAD_FLOWS))
		c = flows_crossing_read(m, f);
	else if (!pending)
		c = flow_crossing(m, f);
	width -= 2;
	v = vlist_item(l, f);
	vline_add(v, VS_NORMAL, "  ");
	if (pending)
		vline_add(v, VS_DIM, "\xe2\x80\xa6        ");	/* U+2026 */
	else if (c == TRI_YES)
		vline_add(v, VS_CROSSING, "CROSSES  ");
	else if (c == TRI_UNKNOWN)
		vline_add(v, VS_WARN, "boundary?");
	else
		vline_add(v, VS_NORMAL, "         ");
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_NORMAL, f->id, idw);
	vline_add(v, VS_NORMAL, " ");
	ends = xasprintf("%s -> %s", f->from != NULL ? f->from : "?",
	    f->to != NULL ? f->to : "?");
	vline_cell(v, VS_NORMAL, ends, endw);
	free(ends);
	vline_add(v, VS_NORMAL, " ");
	col = 2 + 10 + (idw + 1) + (endw + 1);
	dw = width + 2 - col;
	if (dw < 12)
		dw = 12;
	if ((data = field_get(f, df)) == NULL) {
		vline_cell(v, VS_WARN, "(data not set)", dw);
		return;
	}
	vlines_init(&wrapped);
	vlines_wrap(&wrapped, VS_FIELD, data, dw, 0);
	free(data);
	for (i = 0; i < wrapped.n; i++) {
		if (i > 0) {
			v = vlines_add(&l->lines);
			v->data = f;		/* its text, for a search */
			vline_addf(v, VS_NORMAL, "%*s", col, "");
		}
		for (j = 0; j < wrapped.v[i].n; j++)
			vline_add(v, wrapped.v[i].segs[j].style,
			    wrapped.v[i].segs[j].text);
	}
	vlines_release(&wrapped);
}

/*
 * A row of the boundaries list after its indent: the id in idw columns,
 * then the name in the width left but for tail columns (at least 10),
 * each followed by a space; the caller adds what goes in the tail.
 */
static struct vline *
flows_row(struct vlist *l, const void *item, const char *indent,
    int idstyle, const char *id, int idw, const char *name, int width,
    int tail)
{
	struct vline	*v = vlist_item(l, item);
	int		 nw = width - (int)strlen(indent) - idw - 1 - tail;

	vline_add(v, VS_NORMAL, indent);
	vline_cell(v, idstyle, id, idw);
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_NORMAL, name, nw > 10 ? nw : 10);
	vline_add(v, VS_NORMAL, " ");
	return v;
}

/*
 * The components of one boundary, as flows_group() put them (the indexes
 * of the model's components in its order, from..to).
 */
static void
flows_members(struct vlist *l, const struct model *m, const size_t *order,
    size_t from, size_t to, int idw, int width)
{
	struct vline	*v;
	size_t		 i;

	for (i = from; i < to; i++) {
		const struct component	*c = m->components[order[i]];

		/* The kind (up to 17 columns) after the name, and the
		 * scroll mark's column. */
		v = flows_row(l, c, "    ", VS_NORMAL, c->id, idw, c->name,
		    width, 19);
		vline_add(v, VS_DIM, vocab_name(&vocab_kind, c->kind));
	}
	if (from == to)
		vlines_addf(&l->lines, VS_DIM, "    (no components)");
}

/*
 * The components grouped by boundary in one pass (a pass over them all
 * per boundary took minutes at a million): order holds the components'
 * indexes, those of boundary i from start[i + 1] to start[i + 2], of
 * none from start[0] to start[1], each group in the model's order; a
 * component in a boundary that the model does not have is in none of
 * them (it ends the array).
 */
static size_t *
flows_group(const struct model *m, size_t **startp)
{
	struct strmap	 at;
	size_t		*group, *start, *order, *next, i, g;
	size_t		 ngroups = m->nboundaries + 2;

	strmap_init(&at);
	for (i = 0; i < m->nboundaries; i++)
		(void)strmap_put(&at, m->boundaries[i]->id,
		    (void *)(uintptr_t)(i + 1));
	group = xcalloc(m->ncomponents + 1, sizeof *group);
	start = xcalloc(ngroups + 1, sizeof *start);
	for (i = 0; i < m->ncomponents; i++) {
		const char	*bid = m->components[i]->boundary;

		if (bid == NULL)
			g = 0;
		else if ((g = (size_t)(uintptr_t)strmap_get(&at, bid)) == 0)
			g = ngroups - 1;	/* unknown: last */
		group[i] = g;
		start[g + 1]++;
	}
	for (g = 1; g <= ngroups; g++)
		start[g] += start[g - 1];
	next = xcalloc(ngroups, sizeof *next);
	memcpy(next, start, ngroups * sizeof *next);
	order = xcalloc(m->ncomponents + 1, sizeof *order);
	for (i = 0; i < m->ncomponents; i++)
		order[next[group[i]]++] = i;
	free(next);
	free(group);
	strmap_release(&at);
	*startp = start;
	return order;
}

/* The boundaries with their components, as flows_lines() lists them. */
static void
flows_lines_top(struct vlist *l, const struct model *m, int width)
{
	struct vline	*v;
	size_t		*order, *start;
	size_t		 i, nobnd = 0;
	int		 bw = 8, cw = 8, w;

	/* Ids as wide as the longest (up to a third of the width). */
	for (i = 0; i < m->nboundaries; i++)
		if ((w = text_width(m->boundaries[i]->id)) > bw)
			bw = w;
	for (i = 0; i < m->ncomponents; i++)
		if ((w = text_width(m->components[i]->id)) > cw)
			cw = w;
	bw = bw > width / 3 ? width / 3 : bw;
	cw = cw > width / 3 ? width / 3 : cw;
	vlist_clear(l);
	vlines_addf(&l->lines, VS_HEADING, "Trust boundaries and their "
	    "components");
	order = flows_group(m, &start);
	for (i = 0; i < m->nboundaries; i++) {
		const struct boundary	*b = m->boundaries[i];

		/* The trust (up to 10 columns) after the name, and the
		 * scroll mark's column. */
		v = flows_row(l, b, "  ", VS_HEADING, b->id, bw, b->name,
		    width, 12);
		vline_add(v, b->trust >= 0 ? VS_FIELD : VS_WARN,
		    b->trust >= 0 ? vocab_name(&vocab_trust, b->trust) :
		    "trust?");
		flows_members(l, m, order, start[i + 1], start[i + 2], cw,
		    width);
	}
	nobnd = start[1] - start[0];
	if (nobnd > 0) {
		vlines_addf(&l->lines, VS_WARN, "  (in no trust boundary)");
		flows_members(l, m, order, start[0], start[1], cw, width);
	}
	free(order);
	free(start);
}

void
flows_lines(struct vlist *l, const struct model *m, int width)
{
	struct flows_widths	 fw;
	size_t			 i, crossing = 0;

	flows_lines_top(l, m, width);
	for (i = 0; i < m->nflows; i++)
		if (flow_crossing(m, m->flows[i]) == TRI_YES)
			crossing++;
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Data flows: %zu, %zu crossing a "
	    "trust boundary (marked CROSSES)", m->nflows, crossing);
	if (m->nflows == 0)
		vlines_addf(&l->lines, VS_DIM, "  (no data flows: %s adds "
		    "one)", keys_key(ACT_ADD, KCTX_FLOWS));
	flows_view_widths(m, width, &fw);
	for (i = 0; i < m->nflows; i++)
		flows_view_item(l, m, m->flows[i], &fw, width);
	vlist_fix(l);
}

/* The flows' heading while they are read. */
static void
flows_part_heading(struct vline *v, const struct flows_part *fp)
{
	vline_release(v);
	vline_addf(v, VS_HEADING, "Data flows: %zu read so far, %zu crossing "
	    "a trust boundary (marked CROSSES)", fp->listed, fp->crossing);
	vline_add(v, VS_DIM, "  reading the rest\xe2\x80\xa6");
}

void
flows_lines_part(struct vlist *l, const struct model *m, int width,
    struct flows_part *fp)
{
	memset(fp, 0, sizeof *fp);
	flows_lines_top(l, m, width);
	vlines_add(&l->lines);
	fp->head = l->lines.n;
	flows_part_heading(vlines_add(&l->lines), fp);
	flows_view_widths(m, width, &fp->fw);
	flows_lines_more(l, m, width, fp);
}

void
flows_lines_more(struct vlist *l, const struct model *m, int width,
    struct flows_part *fp)
{
	size_t	i;

	for (i = fp->listed; i < m->nflows; i++) {
		if (flows_crossing_read(m, m->flows[i]) == TRI_YES)
			fp->crossing++;
		flows_view_item(l, m, m->flows[i], &fp->fw, width);
	}
	fp->listed = m->nflows;
	if (fp->head < l->lines.n)
		flows_part_heading(&l->lines.v[fp->head], fp);
	vlist_fix(l);
}

void
flows_lines_done(struct vlist *l, const struct model *m, int width,
    struct flows_part *fp)
{
	struct flows_widths	 fw;
	struct vline		*v;

	flows_view_widths(m, width, &fw);
	if (m->nflows == 0 || fp->listed != m->nflows ||
	    fp->head >= l->lines.n || fw.idw != fp->fw.idw ||
	    fw.endw != fp->fw.endw) {
		flows_lines(l, m, width);
		return;
	}
	/* The lines listed stand (their flows are the model's now). */
	v = &l->lines.v[fp->head];
	vline_release(v);
	vline_addf(v, VS_HEADING, "Data flows: %zu, %zu crossing a "
	    "trust boundary (marked CROSSES)", m->nflows, fp->crossing);
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

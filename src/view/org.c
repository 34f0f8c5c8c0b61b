/* org.c: the lines of the organisation's register screen. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/org.h"
#include "view/risks.h"

/* Columns of the systems' counts: CRIT HIGH MED LOW, then the rest. */
#define ORG_COUNTS	(4 * 5 + 8 + 8 + 7 + 10)

/* The widest a text column gets, and the narrowest. */
#define ORG_TEXT_MAX	28
#define ORG_TEXT_MIN	6

/* "THREAT@TARGET", the caller's to free. */
static char *
org_risk(const struct org_item *it)
{
	return xasprintf("%s@%s", it->threat != NULL ? it->threat : "",
	    it->target != NULL ? it->target : "");
}

/* The width of the widest of n strings at stride, within the bounds. */
static int
org_width(const char *head, const char *const *first, size_t n,
    size_t stride)
{
	const char	*s;
	size_t		 i;
	int		 w = text_width(head), sw;

	for (i = 0; i < n; i++) {
		s = *(const char *const *)((const char *)first + i * stride);
		if (s != NULL && (sw = text_width(s)) > w)
			w = sw;
	}
	if (w > ORG_TEXT_MAX)
		w = ORG_TEXT_MAX;
	return w < ORG_TEXT_MIN ? ORG_TEXT_MIN : w;
}

/*
 * Fit the columns left of the counts into room: the owner gives way
 * first, then the team, then the id, each down to ORG_TEXT_MIN. A column
 * of width 0 is not shown.
 */
static void
org_share(int room, int *w)
{
	static const int	order[] = { 1, 2, 0 };
	size_t			i;
	int			total = 0, c, cut;

	for (i = 0; i < 3; i++)
		if (w[i] > 0)
			total += w[i] + 1;
	for (i = 0; i < 3 && total > room; i++) {
		c = order[i];
		if (w[c] <= ORG_TEXT_MIN)
			continue;
		cut = total - room;
		if (cut > w[c] - ORG_TEXT_MIN)
			cut = w[c] - ORG_TEXT_MIN;
		w[c] -= cut;
		total -= cut;
	}
}

/*
 * Text wrapped on lines of its own under an item, indented: they carry
 * the item's data (its text, for a search), and the cursor skips them.
 */
static void
org_under(struct vlist *l, const void *data, int style, const char *text,
    int width, int indent)
{
	struct vlines	 wrapped;
	struct vline	*line;
	size_t		 i, j;

	vlines_init(&wrapped);
	vlines_wrap(&wrapped, style, text, width, indent);
	for (i = 0; i < wrapped.n; i++) {
		line = vlines_add(&l->lines);
		line->data = data;
		for (j = 0; j < wrapped.v[i].n; j++)
			vline_add(line, wrapped.v[i].segs[j].style,
			    wrapped.v[i].segs[j].text);
	}
	vlines_release(&wrapped);
}

static void
org_systems(struct vlist *l, const struct org_view *v, int width)
{
	const struct org_system	*sy;
	struct vline		*line;
	char			*who;
	int			 w[3], s, room, below = 0;
	size_t			 i, stride = sizeof *v->systems;

	line = vlines_addf(&l->lines, VS_HEADING, "Systems (%zu): %s risks by "
	    "severity, then those to confirm", v->nsystems,
	    v->filter->status >= 0 ? vocab_name(&vocab_risk_status,
	    v->filter->status) : "open and mitigating");
	if (v->nsystems == 0) {
		vlines_addf(&l->lines, VS_DIM, "  none%s",
		    v->filter->team != NULL || v->filter->owner != NULL ?
		    " with these filters (a team or owner matches exactly, "
		    "case too; c clears them)" : "");
		return;
	}
	w[0] = org_width("SYSTEM", (const char *const *)&v->systems->id,
	    v->nsystems, stride);
	w[1] = org_width("OWNER", (const char *const *)&v->systems->owner,
	    v->nsystems, stride);
	w[2] = org_width("TEAM", (const char *const *)&v->systems->team,
	    v->nsystems, stride);
	/* No column of teams when no system names one. */
	for (i = 0; i < v->nsystems && v->systems[i].team == NULL; i++)
		continue;
	if (i == v->nsystems)
		w[2] = 0;
	/*
	 * Where the id, owner and team do not all fit beside the counts (80
	 * columns), the id keeps what it needs and the owner and team go on
	 * a line under it: none is cut.
	 */
	room = width - 2 - ORG_COUNTS;
	if (w[0] + 1 + w[1] + 1 + (w[2] > 0 ? w[2] + 1 : 0) > room) {
		below = 1;
		w[0] = w[0] + 1 > room ? room - 1 : w[0];
		if (w[0] < ORG_TEXT_MIN)
			w[0] = ORG_TEXT_MIN;
	} else
		org_share(room, w);
	line = vlines_add(&l->lines);
	vline_add(line, VS_HEADING, "  ");
	vline_cell(line, VS_HEADING, "SYSTEM", w[0]);
	if (!below) {
		vline_add(line, VS_HEADING, " ");
		vline_cell(line, VS_HEADING, "OWNER", w[1]);
	}
	if (w[2] > 0 && !below) {
		vline_add(line, VS_HEADING, " ");
		vline_cell(line, VS_HEADING, "TEAM", w[2]);
	}
	SEVERITY_FOREACH_DOWN(s)
		vline_addf(line, VS_HEADING, "%5s",
		    vocab_label(&vocab_severity, s));
	vline_addf(line, VS_HEADING, "%8s%8s%7s%10s", "CONFIRM", "OVERDUE",
	    "REVIEW", "QUESTIONS");
	for (i = 0; i < v->nsystems; i++) {
		sy = &v->systems[i];
		line = vlist_item(l, sy);
		vline_add(line, VS_NORMAL, "  ");
		vline_cell(line, VS_NORMAL, sy->id, w[0]);
		if (!below) {
			vline_add(line, VS_NORMAL, " ");
			vline_cell(line, sy->owner != NULL ? VS_NORMAL :
			    VS_WARN, sy->owner != NULL ? sy->owner : "(none)",
			    w[1]);
		}
		if (w[2] > 0 && !below) {
			vline_add(line, VS_NORMAL, " ");
			vline_cell(line, VS_NORMAL, sy->team != NULL ?
			    sy->team : "", w[2]);
		}
		SEVERITY_FOREACH_DOWN(s)
			vline_addf(line, sy->by_severity[s] > 0 ?
			    rview_severity_style(s) : VS_DIM, "%5zu",
			    sy->by_severity[s]);
		vline_addf(line, sy->to_confirm > 0 ? VS_NORMAL : VS_DIM,
		    "%8zu", sy->to_confirm);
		vline_addf(line, sy->overdue > 0 ? VS_WARN : VS_DIM, "%8zu",
		    sy->overdue);
		vline_addf(line, sy->review > 0 ? VS_WARN : VS_DIM, "%7zu",
		    sy->review);
		vline_addf(line, sy->questions > 0 ? VS_NORMAL : VS_DIM,
		    "%10zu", sy->questions);
		if (below) {
			who = xasprintf("owner %s%s%s", sy->owner != NULL ?
			    sy->owner : "(none)", sy->team != NULL ?
			    ", team " : "", sy->team != NULL ? sy->team : "");
			org_under(l, sy, sy->owner != NULL ? VS_DIM : VS_WARN,
			    who, width, 4);
			free(who);
		}
	}
}

/*
 * One section of items: a heading, then a line per item: its day (due,
 * or decided), system, risk, severity, then who and what.
 */
static void
org_items(struct vlist *l, const struct org_item *v, size_t n, int review,
    const struct org_filter *f, int width)
{
	struct vline	*line;
	char		*risk, *who;
	size_t		 i;
	int		 sysw = 6, riskw = 10, w, rest, below = 0;

	vlines_add(&l->lines);
	if (review)
		vlines_addf(&l->lines, VS_HEADING, "Accepted risks due for "
		    "review (%zu): decided %ld days or more ago, oldest "
		    "first", n, f->review_days);
	else
		vlines_addf(&l->lines, VS_HEADING, "Overdue mitigations "
		    "(%zu): past due, not implemented, verified or rejected",
		    n);
	if (n == 0) {
		vlines_addf(&l->lines, VS_DIM, "  none on %.10s", f->today);
		return;
	}
	for (i = 0; i < n; i++) {
		if ((w = text_width(v[i].system != NULL ? v[i].system : "")) >
		    sysw)
			sysw = w;
		risk = org_risk(&v[i]);
		if ((w = text_width(risk)) > riskw)
			riskw = w;
		free(risk);
	}
	if (sysw > 20)
		sysw = 20;
	/*
	 * Day, system, risk, severity; what is left says who and what. Where
	 * that would cut the risk (80 columns), who and what go on lines
	 * under it, and the risk keeps what it needs.
	 */
	rest = width - 2 - 11 - (sysw + 1) - 9;
	if (riskw > rest - 20) {
		below = 1;
		if (riskw > rest - 1)
			riskw = rest - 1 > 16 ? rest - 1 : 16;
	}
	rest -= riskw + 1;
	if (rest < 10)
		rest = 10;
	for (i = 0; i < n; i++) {
		line = vlist_item(l, &v[i]);
		vline_add(line, VS_NORMAL, "  ");
		if (review)
			vline_addf(line, VS_WARN, "%-10.10s ",
			    v[i].decided_at != NULL ? v[i].decided_at :
			    "unknown");
		else
			vline_addf(line, VS_WARN, "%-10.10s ",
			    v[i].due != NULL ? v[i].due : "");
		vline_cell(line, VS_NORMAL, v[i].system, sysw);
		vline_add(line, VS_NORMAL, " ");
		risk = org_risk(&v[i]);
		vline_cell(line, VS_NORMAL, risk, riskw);
		free(risk);
		vline_add(line, VS_NORMAL, " ");
		if (below)
			vline_add(line, rview_severity_style(v[i].severity),
			    vocab_name(&vocab_severity, v[i].severity));
		else
			vline_cell(line, rview_severity_style(v[i].severity),
			    vocab_name(&vocab_severity, v[i].severity), 9);
		if (review)
			who = xasprintf("accepted by %s: %s",
			    v[i].decided_by != NULL ? v[i].decided_by : "?",
			    v[i].justification != NULL ?
			    v[i].justification : "(no justification)");
		else
			who = xasprintf("%s, owner %s", v[i].mitigation != NULL ?
			    v[i].mitigation : "?", v[i].mitigation_owner != NULL ?
			    v[i].mitigation_owner : v[i].owner != NULL ?
			    v[i].owner : "(none)");
		if (below)
			org_under(l, &v[i], VS_NORMAL, who, width, 13);
		else
			vline_cell(line, VS_NORMAL, who, rest);
		free(who);
	}
}

void
org_lines(struct vlist *l, const struct org_view *v, int width)
{
	vlist_clear(l);
	org_systems(l, v, width);
	/* The dashboard's open questions count the fields too: say which. */
	if (v->nsystems > 0)
		org_under(l, NULL, VS_DIM, "QUESTIONS: practice questions not "
		    "answered; a model's dashboard also counts the fields not "
		    "answered that risks would rest on", width, 2);
	org_items(l, v->overdue, v->noverdue, 0, v->filter, width);
	org_items(l, v->review, v->nreview, 1, v->filter, width);
	vlist_fix(l);
}

/* 1 if p points at one of n elements of size sz from base. */
static int
org_within(const void *p, const void *base, size_t n, size_t sz)
{
	uintptr_t	a = (uintptr_t)p, b = (uintptr_t)base;

	return n > 0 && a >= b && a < b + n * sz;
}

int
org_view_pick(const struct org_view *v, const void *data,
    const char **system, const struct org_item **item)
{
	const struct org_system	*sy = data;
	const struct org_item	*it = data;

	*system = NULL;
	*item = NULL;
	if (org_within(data, v->systems, v->nsystems, sizeof *sy)) {
		*system = sy->id;
		return 0;
	}
	if (org_within(data, v->overdue, v->noverdue, sizeof *it) ||
	    org_within(data, v->review, v->nreview, sizeof *it)) {
		*system = it->system;
		*item = it;
		return 0;
	}
	return -1;
}

void
org_filter_describe(const struct org_filter *f, struct buf *b)
{
	size_t	start = b->len;

	if (f->owner != NULL)
		buf_addf(b, "owner '%s'", f->owner);
	if (f->team != NULL)
		buf_addf(b, "%steam '%s'", b->len > start ? ", " : "",
		    f->team);
	if (f->min_severity > 0)
		buf_addf(b, "%s%s and above", b->len > start ? ", " : "",
		    vocab_name(&vocab_severity, f->min_severity));
	if (b->len == start)
		buf_adds(b, "none");
}

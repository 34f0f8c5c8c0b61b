/* risk-detail.c: the detail pane of a risk. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/xmalloc.h"
#include "view/risks.h"

/* Make every line from index from on selectable, with data. */
static void
detail_mark(struct vlist *l, size_t from, const void *data)
{
	size_t	i;

	for (i = from; i < l->lines.n; i++) {
		l->lines.v[i].selectable = 1;
		l->lines.v[i].data = data;
	}
}

/* A heading followed by wrapped text, if there is text. */
static void
detail_section(struct vlist *l, const char *heading, const char *text,
    int width)
{
	if (text == NULL || *text == '\0')
		return;
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "%s", heading);
	vlines_wrap(&l->lines, VS_NORMAL, text, width, 2);
}

/* A mitigation of the catalogue by id, or NULL (linear). */
static const struct mitigation *
detail_mitigation(const struct catalogue *cat, const char *id)
{
	size_t	i;

	for (i = 0; cat != NULL && i < cat->nmitigations; i++)
		if (strcmp(cat->mitigations[i]->id, id) == 0)
			return cat->mitigations[i];
	return NULL;
}

/* Columns before a reference's name: scheme, id and their spaces. */
#define DETAIL_REF_COL	33

/*
 * The references of a threat, one per line with its name, which wraps
 * under its column rather than being cut (at 80 columns the guideline
 * "Design your system for security as well as functionality and
 * performance" lost its second half, as ATLAS names do).
 */
static void
detail_refs(struct vlist *l, const struct risk *k,
    const struct catalogue *cat, int width)
{
	const struct ref	*r;
	const char		*title;
	struct refs		 refs;
	struct vlines		 name;
	struct vline		*v;
	size_t			 i, j;
	int			 tw = width - DETAIL_REF_COL - 1 > 10 ?
	    width - DETAIL_REF_COL - 1 : 10;

	catalogue_risk_refs(cat, k, &refs);
	if (refs.n == 0)
		return;
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "References");
	for (i = 0; i < refs.n; i++) {
		r = &refs.v[i];
		title = catalogue_ref_title(cat, r->scheme, r->id);
		v = vlines_add(&l->lines);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_DIM, ref_scheme_name(r->scheme), 15);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, r->id, 14);
		if (title == NULL)
			continue;
		vline_add(v, VS_NORMAL, " ");
		vlines_init(&name);
		vlines_wrap(&name, VS_NORMAL, title, tw, 0);
		for (j = 0; j < name.n; j++) {
			if (j > 0) {
				v = vlines_add(&l->lines);
				vline_addf(v, VS_NORMAL, "%*s",
				    DETAIL_REF_COL, "");
			}
			if (name.v[j].n > 0)
				vline_add(v, VS_NORMAL,
				    name.v[j].segs[0].text);
		}
		vlines_release(&name);
	}
	refs_release(&refs);
}

/* One mitigation of a risk: status, title, owner, due, notes. */
static void
detail_one_mitigation(struct vlist *l, const struct risk_mitigation *rm,
    const struct catalogue *cat, const char *today, int width)
{
	const struct mitigation	*mit = detail_mitigation(cat, rm->id);
	size_t			 from = l->lines.n;
	struct vline		*v;
	int			 st;

	v = vlines_add(&l->lines);
	st = rm->status == MIT_IMPLEMENTED || rm->status == MIT_VERIFIED ?
	    VS_OK : rm->status == MIT_REJECTED ? VS_DIM : VS_WARN;
	vline_add(v, VS_NORMAL, "  ");
	vline_addf(v, st, "[%s]", vocab_name(&vocab_mitigation_status,
	    rm->status) != NULL ? vocab_name(&vocab_mitigation_status,
	    rm->status) : "?");
	vline_add(v, VS_NORMAL, " ");
	vline_add(v, VS_HEADING, rm->id);
	if (mit != NULL && mit->title != NULL)
		vlines_wrap(&l->lines, VS_NORMAL, mit->title, width, 6);
	v = vlines_add(&l->lines);
	vline_add(v, VS_NORMAL, "      owner: ");
	vline_add(v, rm->owner != NULL ? VS_FIELD : VS_DIM,
	    rm->owner != NULL ? rm->owner : "(none)");
	vline_add(v, VS_NORMAL, "   due: ");
	vline_add(v, rm->due != NULL ? VS_FIELD : VS_DIM,
	    rm->due != NULL ? rm->due : "(none)");
	if (rview_overdue(rm, today))
		vline_add(v, VS_ERROR, " OVERDUE");
	if (rm->notes != NULL && *rm->notes != '\0') {
		char	*n = xasprintf("notes: %s", rm->notes);

		vlines_wrap(&l->lines, VS_NORMAL, n, width, 6);
		free(n);
	}
	if (mit != NULL && mit->description != NULL)
		vlines_wrap(&l->lines, VS_DIM, mit->description, width, 6);
	detail_mark(l, from, rm);
}

/*
 * Point at the mitigation under the cursor: its first line starts with an
 * arrow instead of the indent, so that the keys' target shows wherever in
 * its text the cursor is.
 */
static void
detail_point(struct vlist *l)
{
	const void	*p = vlist_selected(l);
	struct vline	*v;
	size_t		 i;

	if (p == NULL)
		return;
	for (i = l->cursor; i > 0 && l->lines.v[i - 1].data == p; i--)
		;
	v = &l->lines.v[i];
	if (v->n == 0)
		return;
	free(v->segs[0].text);
	v->segs[0].text = xstrdup("\xe2\x96\xb6 ");	/* U+25B6 */
	v->segs[0].style = VS_KEY;
}

void
rview_detail(struct vlist *l, const struct risk *k,
    const struct catalogue *cat, const char *today, int width)
{
	const struct threat	*t;
	struct vline		*v;
	size_t			 i;

	vlist_clear(l);
	if (k == NULL) {
		vlines_addf(&l->lines, VS_DIM, "No risk selected.");
		vlist_fix(l);
		return;
	}
	t = rview_threat(cat, k->threat);
	vlines_wrap(&l->lines, VS_HEADING, k->title != NULL ? k->title :
	    k->threat, width, 0);
	v = vlines_add(&l->lines);
	vline_add(v, VS_DIM, k->threat);
	vline_add(v, VS_DIM, " on ");
	vline_add(v, VS_NORMAL, k->target);
	v = vlines_add(&l->lines);
	vline_add(v, VS_NORMAL, "Severity ");
	vline_addf(v, rview_severity_style(k->severity), "%s",
	    vocab_name(&vocab_severity, k->severity) != NULL ?
	    vocab_name(&vocab_severity, k->severity) : "?");
	vline_addf(v, VS_NORMAL, " (likelihood %d x impact %d)",
	    k->likelihood, k->impact);
	v = vlines_add(&l->lines);
	vline_add(v, VS_NORMAL, "Status ");
	vline_add(v, k->status == RISK_OPEN ? VS_WARN : VS_FIELD,
	    vocab_name(&vocab_risk_status, k->status));
	vline_add(v, VS_NORMAL, "   owner ");
	vline_add(v, k->owner != NULL ? VS_FIELD : VS_DIM, k->owner != NULL ?
	    k->owner : "(none)");
	if (k->decided_by != NULL) {
		v = vlines_add(&l->lines);
		vline_addf(v, VS_DIM, "decided by %s at %s", k->decided_by,
		    k->decided_at != NULL ? k->decided_at : "?");
	}
	if (k->justification != NULL && *k->justification != '\0') {
		char	*j = xasprintf("Justification: %s", k->justification);

		vlines_wrap(&l->lines, VS_NORMAL, j, width, 0);
		free(j);
	}
	if (!k->applies)
		vlines_wrap(&l->lines, VS_WARN, "No longer applies: the model "
		    "changed. Kept with its decisions; it comes back if the "
		    "model changes back.", width, 0);
	if (t != NULL) {
		detail_section(l, "What happens", t->description, width);
		detail_section(l, "Why it matters for AI", t->why, width);
	}
	if (k->nreasons > 0) {
		vlines_add(&l->lines);
		vlines_addf(&l->lines, VS_HEADING, "Why it applies here");
		for (i = 0; i < k->nreasons; i++) {
			char	*r = xasprintf("- %s", k->reasons[i].line);

			vlines_wrap(&l->lines,
			    k->reasons[i].kind == REASON_ASSUMED ?
			    VS_WARN : VS_NORMAL, r, width, 2);
			free(r);
		}
	}
	detail_refs(l, k, cat, width);
	detail_mark(l, 0, NULL);
	if (k->nmitigations > 0) {
		vlines_add(&l->lines);
		vlines_addf(&l->lines, VS_HEADING, "Mitigations");
		detail_mark(l, l->lines.n - 2, NULL);
		for (i = 0; i < k->nmitigations; i++)
			detail_one_mitigation(l, &k->mitigations[i], cat,
			    today, width);
	}
	vlist_fix(l);
	detail_point(l);
}

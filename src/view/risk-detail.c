/* risk-detail.c: the detail pane of a risk and the dashboard. */
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

/* The references of a threat, one per line with its name. */
static void
detail_refs(struct vlist *l, const struct threat *t,
    const struct catalogue *cat, int width)
{
	const struct ref	*r;
	const char		*title;
	struct vline		*v;
	size_t			 i;

	if (t == NULL || t->refs.n == 0)
		return;
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "References");
	for (i = 0; i < t->refs.n; i++) {
		r = &t->refs.v[i];
		title = catalogue_ref_title(cat, r->scheme, r->id);
		v = vlines_add(&l->lines);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_DIM, ref_scheme_name(r->scheme), 15);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, r->id, 14);
		if (title != NULL) {
			vline_add(v, VS_NORMAL, " ");
			vline_cell(v, VS_NORMAL, title, width - 34 > 10 ?
			    width - 34 : 10);
		}
	}
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
	detail_refs(l, t, cat, width);
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
}

/* A row of the severity x status table. */
static void
dash_row(struct vlist *l, const char *label, int style, const size_t *cells,
    size_t total)
{
	struct vline	*v = vlines_add(&l->lines);
	int		 s;

	vline_add(v, VS_NORMAL, "  ");
	vline_cell(v, style, label, 10);
	for (s = 0; s < RISK_STATUS_COUNT; s++)
		vline_addf(v, cells[s] > 0 ? VS_NORMAL : VS_DIM, "%11zu",
		    cells[s]);
	vline_addf(v, VS_HEADING, "%8zu", total);
}

static void
dash_questions(struct vlist *l, const struct model *m,
    const struct catalogue *cat, const struct risk_questions *q, int width)
{
	const struct risk_questions	fq = q != NULL ? *q :
	    (struct risk_questions){ NULL, 0 };
	struct vline			*v;
	size_t				 i, np;

	if (m == NULL || cat == NULL)
		return;
	np = analyze_open_questions(cat, m, NULL);
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Open questions (%zu)", np + fq.n);
	vlines_addf(&l->lines, np > 0 ? VS_WARN : VS_OK, "  %zu practice "
	    "question%s not answered", np, np == 1 ? "" : "s");
	vlines_addf(&l->lines, fq.n > 0 ? VS_WARN : VS_OK, "  %zu field%s "
	    "not answered that threats would rest on, the worst at stake "
	    "first:", fq.n, fq.n == 1 ? "" : "s");
	for (i = 0; i < fq.n; i++) {
		v = vlines_add(&l->lines);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, rview_severity_style(fq.v[i].worst),
		    vocab_label(&vocab_severity, fq.v[i].worst), 4);
		vline_add(v, VS_NORMAL, " ");
		vline_add(v, VS_NORMAL, fq.v[i].field);
		vline_add(v, VS_NORMAL, " of ");
		vline_add(v, VS_NORMAL, fq.v[i].element);
		vline_addf(v, VS_DIM, " (%zu threat%s)", fq.v[i].nrisks,
		    fq.v[i].nrisks == 1 ? "" : "s");
	}
	(void)width;
}

void
dash_lines(struct vlist *l, const struct risk_register *r,
    const struct catalogue *cat, const struct model *m,
    const struct risk_questions *fq, const char *today, int width)
{
	struct risk_counts c;
	struct vline	*v;
	const char *const *gids;
	size_t		 i, j, g, n, ng, *cover, *mitigated;
	int		 s;

	vlist_clear(l);
	risk_counts_compute(&c, r);
	vlines_addf(&l->lines, VS_HEADING, "Risks that apply, by severity "
	    "and status (%zu)", c.applying);
	v = vlines_add(&l->lines);
	vline_add(v, VS_HEADING, "  ");
	vline_cell(v, VS_HEADING, "", 10);
	for (s = 0; s < RISK_STATUS_COUNT; s++) {
		const char	*w = s == RISK_NOT_APPLICABLE ? "n/a" :
		    vocab_name(&vocab_risk_status, s);

		vline_addf(v, VS_HEADING, "%11s", w);
	}
	vline_addf(v, VS_HEADING, "%8s", "total");
	for (s = LEVEL_CRITICAL; s >= LEVEL_LOW; s--)
		dash_row(l, vocab_name(&vocab_severity, s),
		    rview_severity_style(s), c.cell[s], c.by_severity[s]);
	dash_row(l, "total", VS_HEADING, c.by_status, c.applying);
	if (c.gone > 0)
		vlines_addf(&l->lines, VS_DIM, "  and %zu that no longer "
		    "apply", c.gone);
	if (c.assumed > 0)
		vlines_addf(&l->lines, VS_WARN, "  %zu of them to confirm: they "
		    "rest on unanswered fields (listed last in the register)",
		    c.assumed);
	dash_questions(l, m, cat, fq, width);

	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Overdue mitigations (due before "
	    "%s)", today);
	for (i = n = 0; r != NULL && i < r->n; i++) {
		const struct risk	*k = r->risks[i];

		if (!k->applies || k->status == RISK_ACCEPTED ||
		    k->status == RISK_NOT_APPLICABLE)
			continue;
		for (j = 0; j < k->nmitigations; j++) {
			const struct risk_mitigation	*rm =
			    &k->mitigations[j];

			if (!rview_overdue(rm, today))
				continue;
			v = vlines_add(&l->lines);
			v->selectable = 1;
			v->data = k;
			vline_add(v, VS_NORMAL, "  ");
			vline_add(v, VS_ERROR, rm->due);
			vline_add(v, VS_NORMAL, " ");
			vline_cell(v, VS_NORMAL, rm->id, 26);
			vline_add(v, VS_NORMAL, " ");
			vline_cell(v, VS_DIM, rm->owner != NULL ? rm->owner :
			    "(no owner)", 14);
			vline_add(v, VS_NORMAL, " ");
			vline_cell(v, VS_NORMAL, k->target, width - 58 > 8 ?
			    width - 58 : 8);
			n++;
		}
	}
	if (n == 0)
		vlines_addf(&l->lines, VS_OK, "  none");

	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Accepted risks (%zu)",
	    c.by_status[RISK_ACCEPTED]);
	for (i = 0; r != NULL && i < r->n; i++) {
		const struct risk	*k = r->risks[i];

		if (!k->applies || k->status != RISK_ACCEPTED)
			continue;
		v = vlines_add(&l->lines);
		v->selectable = 1;
		v->data = k;
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, rview_severity_style(k->severity),
		    vocab_label(&vocab_severity, k->severity), 4);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, k->target, 16);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, k->title != NULL ? k->title :
		    k->threat, width - 25 > 10 ? width - 25 : 10);
		if (k->justification != NULL) {
			char	*j2 = xasprintf("justification: %s%s%s",
			    k->justification, k->decided_by != NULL ?
			    " (by " : "", k->decided_by != NULL ?
			    k->decided_by : "");

			if (k->decided_by != NULL) {
				char	*t = xasprintf("%s)", j2);

				free(j2);
				j2 = t;
			}
			vlines_wrap(&l->lines, VS_DIM, j2, width, 7);
			free(j2);
		}
	}
	if (c.by_status[RISK_ACCEPTED] == 0)
		vlines_addf(&l->lines, VS_DIM, "  none");

	vlines_add(&l->lines);
	gids = catalogue_guidelines(cat, &ng);
	vlines_addf(&l->lines, VS_HEADING, "Coverage of the %zu guideline "
	    "subsections: risks citing each, mitigated", ng);
	cover = xcalloc(ng + 1, sizeof *cover);
	mitigated = xcalloc(ng + 1, sizeof *mitigated);
	for (i = 0; r != NULL && i < r->n; i++) {
		const struct risk	*k = r->risks[i];
		const struct threat	*t;

		if (!k->applies)
			continue;
		t = rview_threat(cat, k->threat);
		for (g = 0; g < ng; g++) {
			if (!rview_cites(t, gids[g]))
				continue;
			cover[g]++;
			if (k->status == RISK_MITIGATED)
				mitigated[g]++;
		}
	}
	for (g = 0; g < ng; g++) {
		v = vlines_add(&l->lines);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_HEADING, gids[g], 4);
		vline_cell(v, VS_NORMAL, catalogue_ref_title(cat, REF_GUIDELINE,
		    gids[g]), width - 34 > 20 ? width - 34 : 20);
		vline_addf(v, cover[g] > 0 ? VS_NORMAL : VS_DIM, " %4zu %s",
		    cover[g], cover[g] == 1 ? "risk " : "risks");
		vline_addf(v, cover[g] > 0 && mitigated[g] == cover[g] ?
		    VS_OK : VS_NORMAL, " %4zu mitigated", mitigated[g]);
	}
	free(cover);
	free(mitigated);
	/* Every line can hold the cursor, so that the page scrolls. */
	for (i = 0; i < l->lines.n; i++)
		l->lines.v[i].selectable = 1;
	vlist_fix(l);
}

/* dashboard.c: the dashboard's reports, one function each. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk-counts.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
#include "view/dashboard.h"
#include "view/risks.h"

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

/* The risks that apply, by severity and status, and those to confirm. */
static void
dash_counts(struct vlist *l, const struct risk_counts *c, int width)
{
	struct vline	*v;
	char		*note;
	int		 s;

	vlines_addf(&l->lines, VS_HEADING, "Risks that apply, by severity "
	    "and status (%zu)", c->applying);
	v = vlines_add(&l->lines);
	vline_add(v, VS_HEADING, "  ");
	vline_cell(v, VS_HEADING, "", 10);
	for (s = 0; s < RISK_STATUS_COUNT; s++) {
		const char	*w = s == RISK_NOT_APPLICABLE ? "n/a" :
		    vocab_name(&vocab_risk_status, s);

		vline_addf(v, VS_HEADING, "%11s", w);
	}
	vline_addf(v, VS_HEADING, "%8s", "total");
	SEVERITY_FOREACH_DOWN(s)
		dash_row(l, vocab_name(&vocab_severity, s),
		    rview_severity_style(s), c->cell[s], c->by_severity[s]);
	dash_row(l, "total", VS_HEADING, c->by_status, c->applying);
	if (c->gone > 0)
		vlines_addf(&l->lines, VS_DIM, "  and %zu that no longer "
		    "apply", c->gone);
	if (c->assumed > 0) {
		note = xasprintf("%zu of them to confirm: they rest on "
		    "unanswered fields (listed last in the register)",
		    c->assumed);
		vlines_wrap(&l->lines, VS_WARN, note, width, 2);
		free(note);
	}
}

/* The line of an unanswered field (its data), made when first shown. */
static void
dash_fill_question(const void *arg, struct vline *v)
{
	const struct risk_question	*q = v->data;

	(void)arg;
	vline_add(v, VS_NORMAL, "  ");
	vline_cell(v, rview_severity_style(q->worst),
	    vocab_label(&vocab_severity, q->worst), 4);
	vline_add(v, VS_NORMAL, " ");
	vline_add(v, VS_NORMAL, q->field);
	vline_add(v, VS_NORMAL, " of ");
	vline_add(v, VS_NORMAL, q->element);
	vline_addf(v, VS_DIM, " (%zu threat%s)", q->nrisks,
	    q->nrisks == 1 ? "" : "s");
}

/*
 * The practice questions and the fields not answered (at a million risks
 * some 822,000: their lines are made as they are shown).
 */
static void
dash_questions(struct vlist *l, const struct model *m,
    const struct catalogue *cat, const struct risk_questions *q, size_t nq)
{
	const struct risk_questions	fq = q != NULL ? *q :
	    (struct risk_questions){ NULL, 0 };
	size_t				 i, np;

	if (m == NULL || cat == NULL)
		return;
	if (nq < fq.n)
		nq = fq.n;
	np = analyze_open_questions(cat, m, NULL);
	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Open questions (%zu)", np + nq);
	vlines_addf(&l->lines, np > 0 ? VS_WARN : VS_OK, "  %zu practice "
	    "question%s not answered", np, np == 1 ? "" : "s");
	vlines_addf(&l->lines, nq > 0 ? VS_WARN : VS_OK, "  %zu field%s "
	    "not answered that threats would rest on, the worst at stake "
	    "first:", nq, nq == 1 ? "" : "s");
	for (i = 0; i < fq.n; i++)
		vlines_add(&l->lines)->data = &fq.v[i];
	l->fill = dash_fill_question;
	if (fq.n < nq)
		vlines_addf(&l->lines, VS_DIM, "  and %zu more, being read",
		    nq - fq.n);
}

/* A line that selects a risk (its data). */
static struct vline *
dash_risk_line(struct vlist *l, const struct risk *k)
{
	struct vline	*v = vlist_item(l, k);

	vline_add(v, VS_NORMAL, "  ");
	return v;
}

/* The mitigations due before today of the risks still to treat. */
static void
dash_overdue(struct vlist *l, const struct dash_acc *a, const char *today,
    int width)
{
	struct vline	*v;
	size_t		 i;

	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Overdue mitigations (due before "
	    "%s)", today);
	for (i = 0; i < a->ndue; i++) {
		const struct risk		*k = a->due[i].k;
		const struct risk_mitigation	*rm =
		    &k->mitigations[a->due[i].m];

		v = dash_risk_line(l, k);
		vline_add(v, VS_ERROR, rm->due);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, rm->id, 26);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_DIM, rm->owner != NULL ? rm->owner :
		    "(no owner)", 14);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, k->target, width - 58 > 8 ?
		    width - 58 : 8);
	}
	if (a->ndue == 0)
		vlines_addf(&l->lines, VS_OK, "  none");
}

/* The accepted risks, each with its justification and who decided. */
static void
dash_accepted(struct vlist *l, const struct dash_acc *a, int width)
{
	struct vline	*v;
	char		*j;
	size_t		 i;

	vlines_add(&l->lines);
	vlines_addf(&l->lines, VS_HEADING, "Accepted risks (%zu)", a->nacc);
	for (i = 0; i < a->nacc; i++) {
		const struct risk	*k = a->acc[i];

		v = dash_risk_line(l, k);
		vline_cell(v, rview_severity_style(k->severity),
		    vocab_label(&vocab_severity, k->severity), 4);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, k->target, 16);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, k->title != NULL ? k->title :
		    k->threat, width - 25 > 10 ? width - 25 : 10);
		if (k->justification == NULL)
			continue;
		if (k->decided_by != NULL)
			j = xasprintf("justification: %s (by %s)",
			    k->justification, k->decided_by);
		else
			j = xasprintf("justification: %s", k->justification);
		vlines_wrap(&l->lines, VS_DIM, j, width, 7);
		free(j);
	}
	if (a->nacc == 0)
		vlines_addf(&l->lines, VS_DIM, "  none");
}

/*
 * Each guideline subsection: the risks citing it, and how many are
 * mitigated, from the threats' counts (dash_acc_add()) added to the
 * subsections they cite.
 */
static void
dash_coverage(struct vlist *l, const struct dash_acc *a,
    const struct catalogue *cat, int width)
{
	const char *const	*gids;
	struct vlines		 title;
	struct vline		*v;
	size_t			 i, g, ng, x, *cover, *mitigated;
	int			 tw;

	vlines_add(&l->lines);
	gids = catalogue_guidelines(cat, &ng);
	vlines_addf(&l->lines, VS_HEADING, "Coverage of the %zu guideline "
	    "subsections: risks citing each, mitigated", ng);
	cover = xcalloc(ng + 1, sizeof *cover);
	mitigated = xcalloc(ng + 1, sizeof *mitigated);
	for (x = 0; x < a->nt; x++) {
		if (a->tall[x] == 0)
			continue;
		for (g = 0; g < ng; g++) {
			if (!rview_cites(cat->threats[x], gids[g]))
				continue;
			cover[g] += a->tall[x];
			mitigated[g] += a->tmit[x];
		}
	}
	/* The counts on the first line, the title wrapped in its column. */
	tw = width - 6 - 24 > 20 ? width - 6 - 24 : 20;
	for (g = 0; g < ng; g++) {
		vlines_init(&title);
		vlines_wrap(&title, VS_NORMAL, catalogue_ref_title(cat,
		    REF_GUIDELINE, gids[g]), tw, 0);
		v = vlines_add(&l->lines);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_HEADING, gids[g], 4);
		vline_cell(v, VS_NORMAL, title.n > 0 && title.v[0].n > 0 ?
		    title.v[0].segs[0].text : "", tw);
		vline_addf(v, cover[g] > 0 ? VS_NORMAL : VS_DIM, " %3zu %s",
		    cover[g], cover[g] == 1 ? "risk " : "risks");
		vline_addf(v, cover[g] > 0 && mitigated[g] == cover[g] ?
		    VS_OK : VS_NORMAL, " %3zu mitigated", mitigated[g]);
		for (i = 1; i < title.n; i++) {
			v = vlines_add(&l->lines);
			vline_add(v, VS_NORMAL, "      ");
			if (title.v[i].n > 0)
				vline_add(v, VS_NORMAL,
				    title.v[i].segs[0].text);
		}
		vlines_release(&title);
	}
	free(cover);
	free(mitigated);
}

void
dash_acc_init(struct dash_acc *a, const struct catalogue *cat)
{
	size_t	x;

	memset(a, 0, sizeof *a);
	a->nt = cat != NULL ? cat->nthreats : 0;
	a->tall = xcalloc(a->nt + 1, sizeof *a->tall);
	a->tmit = xcalloc(a->nt + 1, sizeof *a->tmit);
	/* Threat id to index + 1; the first of an id wins, as in
	   rview_threat(). */
	strmap_init(&a->byid);
	for (x = a->nt; x-- > 0;)
		strmap_put(&a->byid, cat->threats[x]->id,
		    (void *)(uintptr_t)(x + 1));
}

void
dash_acc_release(struct dash_acc *a)
{
	strmap_release(&a->byid);
	free(a->tall);
	free(a->tmit);
	free(a->due);
	free(a->acc);
	memset(a, 0, sizeof *a);
}

/*
 * Each risk is looked at once, in the register's order: the overdue
 * mitigations and accepted risks are listed in that order, and each
 * threat's risks counted (a threat found by its id in a map, not by a
 * scan of the catalogue per risk).
 */
void
dash_acc_add(struct dash_acc *a, const struct risk_register *r,
    const char *today, size_t max)
{
	size_t	x, j;

	for (; r != NULL && a->done < r->n && max > 0; a->done++, max--) {
		const struct risk	*k = r->risks[a->done];

		risk_counts_add_risk(&a->c, k);
		if (!k->applies)
			continue;
		if (k->status != RISK_ACCEPTED &&
		    k->status != RISK_NOT_APPLICABLE)
			for (j = 0; j < k->nmitigations; j++) {
				if (!rview_overdue(&k->mitigations[j], today))
					continue;
				if (a->ndue == a->capdue)
					a->due = xreallocarray(a->due,
					    a->capdue = a->capdue * 2 + 16,
					    sizeof *a->due);
				a->due[a->ndue].k = k;
				a->due[a->ndue++].m = j;
			}
		if (k->status == RISK_ACCEPTED) {
			if (a->nacc == a->capacc)
				a->acc = xreallocarray(a->acc,
				    a->capacc = a->capacc * 2 + 16,
				    sizeof *a->acc);
			a->acc[a->nacc++] = k;
		}
		if ((x = (size_t)(uintptr_t)strmap_get(&a->byid,
		    k->threat)) == 0)
			continue;
		a->tall[x - 1]++;
		if (k->status == RISK_MITIGATED)
			a->tmit[x - 1]++;
	}
}

void
dash_progress(struct vline *v, size_t read, size_t total)
{
	vline_release(v);
	vline_addf(v, VS_DIM, "  Reading the register: %zu of %zu risks "
	    "read; the overdue mitigations, accepted risks and coverage of "
	    "the guidelines follow", read, total);
	v->selectable = 1;
}

size_t
dash_page(struct vlist *l, const struct dash_acc *a,
    const struct risk_counts *c, const struct catalogue *cat,
    const struct model *m, const struct risk_questions *fq, size_t nq,
    const char *today, int width, size_t total)
{
	size_t	i, at = 0;

	vlist_clear(l);
	dash_counts(l, c != NULL ? c : &a->c, width);
	dash_questions(l, m, cat, fq, nq);
	if (a->done < total) {
		vlines_add(&l->lines);
		at = l->lines.n;
		dash_progress(vlines_add(&l->lines), a->done, total);
	} else {
		dash_overdue(l, a, today, width);
		dash_accepted(l, a, width);
		dash_coverage(l, a, cat, width);
	}
	/* Every line can hold the cursor, so that the page scrolls. */
	for (i = 0; i < l->lines.n; i++)
		l->lines.v[i].selectable = 1;
	vlist_fix(l);
	return at;
}

void
dash_lines(struct vlist *l, const struct risk_register *r,
    const struct catalogue *cat, const struct model *m,
    const struct risk_questions *fq, const char *today, int width)
{
	struct dash_acc	a;

	dash_acc_init(&a, cat);
	dash_acc_add(&a, r, today, (size_t)-1);
	(void)dash_page(l, &a, NULL, cat, m, fq, 0, today, width, 0);
	dash_acc_release(&a);
}

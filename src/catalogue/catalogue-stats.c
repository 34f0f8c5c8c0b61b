/* catalogue-stats.c: what a catalogue holds, counted (catalogue stats). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/taxonomy.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* The stats bit of a guideline subsection, or 0. */
static unsigned
guideline_bit(const char *const *gids, const char *id)
{
	size_t	i;

	for (i = 0; gids[i] != NULL && i < 32; i++)
		if (strcmp(gids[i], id) == 0)
			return 1u << i;
	return 0;
}

/* Count one reference in the stats; seen holds ATLAS ids already counted. */
static void
stats_ref(struct catalogue_stats *st, const char *const *gids,
    const struct ref *r, int threat,
    struct strmap *seen, struct strmap *parents, char (*pbuf)[10],
    size_t *npbuf)
{
	int	n;

	switch (r->scheme) {
	case REF_GUIDELINE:
		st->guidelines |= guideline_bit(gids, r->id);
		break;
	case REF_OWASP_LLM:
	case REF_OWASP_ML:
	case REF_OWASP_AGENTIC:
		n = atoi(r->id + (r->scheme == REF_OWASP_ML ? 2 : 3));
		if (n < 1 || n > 10)
			break;
		if (r->scheme == REF_OWASP_LLM)
			st->owasp_llm |= 1u << (n - 1);
		else if (r->scheme == REF_OWASP_ML)
			st->owasp_ml |= 1u << (n - 1);
		else
			st->owasp_agentic |= 1u << (n - 1);
		break;
	case REF_ATLAS:
		if (strmap_get(seen, r->id) != NULL)
			break;
		strmap_put(seen, r->id, st);
		if (atlas_kind(r->id) == ATLAS_MITIGATION) {
			st->atlas_mitigations++;
			break;
		}
		if (!threat)
			break;
		st->atlas_ids++;
		memcpy(pbuf[*npbuf], r->id, 9);
		pbuf[*npbuf][9] = '\0';
		if (strmap_get(parents, pbuf[*npbuf]) == NULL) {
			strmap_put(parents, pbuf[*npbuf], st);
			st->atlas_parents++;
			(*npbuf)++;
		}
		break;
	case REF_SCHEME_COUNT:
		break;
	}
}

void
catalogue_stats(const struct catalogue *cat, struct catalogue_stats *st)
{
	struct strmap	  seen, parents;
	char		(*pbuf)[10];
	const char *const *gids = catalogue_guidelines(cat, NULL);
	size_t		  i, j, nref = 0, npbuf = 0;

	memset(st, 0, sizeof *st);
	st->nquestions = cat->nquestions;
	st->nmitigations = cat->nmitigations;
	st->nthreats = cat->nthreats;
	st->nadjustments = cat->nadjustments;
	for (i = 0; i < cat->nthreats; i++)
		nref += cat->threats[i]->refs.n;
	pbuf = xcalloc(nref + 1, sizeof *pbuf);
	strmap_init(&seen);
	strmap_init(&parents);
	for (i = 0; i < cat->nthreats; i++)
		for (j = 0; j < cat->threats[i]->refs.n; j++)
			stats_ref(st, gids, &cat->threats[i]->refs.v[j], 1,
			    &seen, &parents, pbuf, &npbuf);
	for (i = 0; i < cat->nmitigations; i++)
		for (j = 0; j < cat->mitigations[i]->refs.n; j++)
			stats_ref(st, gids, &cat->mitigations[i]->refs.v[j],
			    0, &seen, &parents, pbuf, &npbuf);
	for (i = 0; i < cat->nquestions; i++)
		st->guidelines |= guideline_bit(gids,
		    cat->questions[i]->guideline);
	strmap_release(&seen);
	strmap_release(&parents);
	free(pbuf);
}

/* cmd-catalogue.c: parapet catalogue check | list | refs | atlas. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/atlas.h"
#include "catalogue/catalogue.h"
#include "catalogue/taxonomy.h"
#include "cli/cli.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

static void
catalogue_print_threats(const struct catalogue *cat)
{
	const struct threat	*t;
	size_t			 i, j;

	printf("THREATS (%zu)\n", cat->nthreats);
	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		printf("  ");
		cli_puts(stdout, t->id);
		printf("  [%s L%d I%d ", target_type_name(t->target),
		    t->likelihood, t->impact);
		for (j = 0; j < STRIDE_COUNT; j++)
			if (t->stride & (1u << j))
				printf("%s", vocab_name(&vocab_stride, (int)j));
		cli_putline("]  ", t->title);
	}
}

static void
catalogue_print_mitigations(const struct catalogue *cat)
{
	size_t	i;

	printf("MITIGATIONS (%zu)\n", cat->nmitigations);
	for (i = 0; i < cat->nmitigations; i++) {
		printf("  ");
		cli_puts(stdout, cat->mitigations[i]->id);
		cli_putline("  ", cat->mitigations[i]->title);
	}
}

static void
catalogue_print_questions(const struct catalogue *cat)
{
	size_t	i;

	printf("QUESTIONS (%zu)\n", cat->nquestions);
	for (i = 0; i < cat->nquestions; i++) {
		printf("  ");
		cli_puts(stdout, cat->questions[i]->id);
		printf("  [%s]  ", cat->questions[i]->guideline);
		cli_puts(stdout, cat->questions[i]->text);
		printf("\n");
	}
}

/* The title of a reference: from the ATLAS file if one is given. */
static char *
catalogue_ref_name(const struct catalogue *cat, const struct atlas *atlas,
    const struct ref *r)
{
	const struct atlas_entry	*e;
	const char			*t;

	if (r->scheme == REF_ATLAS && atlas != NULL) {
		if ((e = atlas_find(atlas, r->id)) == NULL)
			return xstrdup("(not in this ATLAS file)");
		return atlas_title(atlas, e);
	}
	t = catalogue_ref_title(cat, r->scheme, r->id);
	return xstrdup(t != NULL ? t : "?");
}

/* Print one entry's references, one a line, with their titles. */
static void
catalogue_print_refs(const struct catalogue *cat, const struct atlas *atlas,
    const char *id, const char *title, const struct refs *refs)
{
	char	*name;
	size_t	 i;
	int	 s;

	cli_puts(stdout, id);
	cli_putline("  ", title);
	/* In scheme order, so every entry reads the same way. */
	for (s = 0; s < REF_SCHEME_COUNT; s++)
		for (i = 0; i < refs->n; i++) {
			if ((int)refs->v[i].scheme != s)
				continue;
			name = catalogue_ref_name(cat, atlas, &refs->v[i]);
			printf("    %-18s %-13s ", ref_scheme_name(
			    refs->v[i].scheme), refs->v[i].id);
			cli_puts(stdout, name);
			printf("\n");
			free(name);
		}
}

/* parapet catalogue refs: every threat's and mitigation's references. */
static int
catalogue_refs(struct cli_args *a)
{
	struct catalogue	*cat;
	struct atlas		*atlas = NULL;
	struct error		 e;
	size_t			 i;

	if (a->atlas != NULL && (atlas = atlas_load(a->atlas, &e)) == NULL)
		return cli_fail(&e);
	if ((cat = catalogue_load_standard(a->catalogues, a->ncatalogues,
	    &e)) == NULL) {
		atlas_free(atlas);
		return cli_fail(&e);
	}
	printf("THREATS (%zu)\n", cat->nthreats);
	for (i = 0; i < cat->nthreats; i++)
		catalogue_print_refs(cat, atlas, cat->threats[i]->id,
		    cat->threats[i]->title, &cat->threats[i]->refs);
	printf("MITIGATIONS (%zu)\n", cat->nmitigations);
	for (i = 0; i < cat->nmitigations; i++)
		catalogue_print_refs(cat, atlas, cat->mitigations[i]->id,
		    cat->mitigations[i]->title, &cat->mitigations[i]->refs);
	catalogue_free(cat);
	atlas_free(atlas);
	return 0;
}

/*
 * Check one entry's ATLAS ids against the file: print each that the file
 * lacks or deprecates. Returns how many.
 */
static size_t
catalogue_check_atlas_refs(const struct atlas *atlas, const char *file,
    const char *what, const char *id, const struct refs *refs)
{
	const struct atlas_entry	*e;
	size_t				 i, bad = 0;

	for (i = 0; i < refs->n; i++) {
		if (refs->v[i].scheme != REF_ATLAS)
			continue;
		e = atlas_find(atlas, refs->v[i].id);
		if (e != NULL && !e->deprecated)
			continue;
		bad++;
		printf("%s '", what);
		cli_puts(stdout, id);
		printf("' cites %s: ", refs->v[i].id);
		if (e == NULL) {
			printf("unknown to ATLAS %s (", atlas->version != NULL ?
			    atlas->version : "?");
			cli_puts(stdout, file);
			printf(")\n");
		} else {
			printf("deprecated in ATLAS %s ('", atlas->version !=
			    NULL ? atlas->version : "?");
			cli_puts(stdout, e->name);
			printf("')\n");
		}
	}
	return bad;
}

/* The ATLAS part of parapet catalogue check: returns 0 or 1. */
static int
catalogue_check_atlas(const struct catalogue *cat, const struct atlas *atlas,
    const char *file)
{
	const struct atlas_entry	*e;
	const char			*old;
	char				*now;
	size_t				 i, bad = 0, nids = 0, renamed = 0;

	for (i = 0; i < cat->nthreats; i++)
		bad += catalogue_check_atlas_refs(atlas, file, "threat",
		    cat->threats[i]->id, &cat->threats[i]->refs);
	for (i = 0; i < cat->nmitigations; i++)
		bad += catalogue_check_atlas_refs(atlas, file, "mitigation",
		    cat->mitigations[i]->id, &cat->mitigations[i]->refs);
	/* Names the file gives differently from the shipped taxonomy. */
	for (i = 0; i < atlas->n; i++) {
		e = &atlas->v[i];
		old = taxonomy_title(cat->taxonomy, REF_ATLAS, e->id);
		if (old == NULL)
			continue;
		nids++;
		now = atlas_title(atlas, e);
		if (strcmp(old, now) != 0) {
			renamed++;
			printf("%s is now named '", e->id);
			cli_puts(stdout, now);
			printf("' (was '");
			cli_puts(stdout, old);
			printf("')\n");
		}
		free(now);
	}
	printf("ATLAS %s (", atlas->version != NULL ? atlas->version : "?");
	cli_puts(stdout, file);
	printf("): %zu ids, %zu shared with the taxonomy, %zu renamed; "
	    "%zu catalogue reference%s unknown or deprecated\n", atlas->n,
	    nids, renamed, bad, bad == 1 ? "" : "s");
	return bad > 0;
}

/* parapet catalogue check [--atlas FILE] [FILE...] */
static int
catalogue_check(const struct cli_cmd *c, struct cli_args *a)
{
	struct catalogue	*cat;
	struct atlas		*atlas = NULL;
	struct error		 e;
	int			 i, rc = 0;

	if (a->npos < 2 && a->atlas == NULL) {
		fprintf(stderr, "parapet: catalogue check: name the files to "
		    "check, or an ATLAS file with --atlas\n");
		return cli_usage(c);
	}
	if (a->atlas != NULL && (atlas = atlas_load(a->atlas, &e)) == NULL)
		return cli_fail(&e);
	/* Checked on top of the standard catalogue they extend. */
	for (i = 1; i < a->npos; i++)
		a->catalogues[a->ncatalogues++] = a->pos[i];
	if ((cat = catalogue_load_standard(a->catalogues, a->ncatalogues,
	    &e)) == NULL) {
		atlas_free(atlas);
		return cli_fail(&e);
	}
	for (i = 1; i < a->npos; i++) {
		cli_puts(stdout, a->pos[i]);
		printf(": ok\n");
	}
	printf("catalogue %s: %zu threats, %zu mitigations, %zu "
	    "questions, %zu adjustments\n", cat->version != NULL ?
	    cat->version : "(unversioned)", cat->nthreats,
	    cat->nmitigations, cat->nquestions, cat->nadjustments);
	if (atlas != NULL)
		rc = catalogue_check_atlas(cat, atlas, a->atlas);
	catalogue_free(cat);
	atlas_free(atlas);
	return rc;
}

/* parapet catalogue atlas ATLAS.yaml: the generated part of taxonomy.yaml. */
static int
catalogue_atlas(const struct cli_cmd *c, struct cli_args *a)
{
	struct atlas	*atlas;
	struct error	 e;
	struct buf	 b;

	if (a->npos != 2) {
		fprintf(stderr, "parapet: catalogue atlas: name MITRE's "
		    "ATLAS.yaml\n");
		return cli_usage(c);
	}
	if ((atlas = atlas_load(a->pos[1], &e)) == NULL)
		return cli_fail(&e);
	buf_init(&b);
	atlas_taxonomy_yaml(atlas, &b);
	fputs(b.s, stdout);
	buf_release(&b);
	atlas_free(atlas);
	return 0;
}

int
cmd_catalogue(const struct cli_cmd *c, struct cli_args *a)
{
	const char		*what = a->pos[0];
	struct catalogue	*cat;
	struct error		 e;

	if (strcmp(what, "check") == 0)
		return catalogue_check(c, a);
	if (strcmp(what, "atlas") == 0)
		return catalogue_atlas(c, a);
	if (strcmp(what, "refs") == 0) {
		if (a->npos != 1)
			return cli_usage(c);
		return catalogue_refs(a);
	}
	if (strcmp(what, "list") != 0 || a->npos > 2) {
		fprintf(stderr, "parapet: catalogue: expected 'check "
		    "[FILE...]', 'list [threats|mitigations|questions]', "
		    "'refs' or 'atlas ATLAS.yaml'\n");
		return cli_usage(c);
	}
	if (a->npos == 2 && strcmp(a->pos[1], "threats") != 0 &&
	    strcmp(a->pos[1], "mitigations") != 0 &&
	    strcmp(a->pos[1], "questions") != 0) {
		fprintf(stderr, "parapet: catalogue list: unknown section '");
		cli_puts(stderr, a->pos[1]);
		fprintf(stderr, "' (expected threats, mitigations or "
		    "questions)\n");
		return EXIT_USAGE;
	}
	if ((cat = catalogue_load_standard(a->catalogues, a->ncatalogues,
	    &e)) == NULL)
		return cli_fail(&e);
	cli_putline("catalogue ", cat->version != NULL ? cat->version :
	    "(unversioned)");
	if (a->npos == 1 || strcmp(a->pos[1], "threats") == 0)
		catalogue_print_threats(cat);
	if (a->npos == 1 || strcmp(a->pos[1], "mitigations") == 0)
		catalogue_print_mitigations(cat);
	if (a->npos == 1 || strcmp(a->pos[1], "questions") == 0)
		catalogue_print_questions(cat);
	catalogue_free(cat);
	return 0;
}

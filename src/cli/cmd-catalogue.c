/* cmd-catalogue.c: parapet catalogue check FILE... | list -- the catalogue. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/vocab.h"
#include "util/error.h"

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
		for (j = 0; j < 6; j++)
			if (t->stride & (1u << j))
				printf("%s", vocab_name(&vocab_stride, (int)j));
		printf("]  ");
		cli_puts(stdout, t->title);
		printf("\n");
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
		printf("  ");
		cli_puts(stdout, cat->mitigations[i]->title);
		printf("\n");
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

int
cmd_catalogue(const struct cli_cmd *c, struct cli_args *a)
{
	const char		*what = a->pos[0];
	struct catalogue	*cat;
	struct error		 e;
	int			 i;

	if (strcmp(what, "check") == 0) {
		if (a->npos < 2) {
			fprintf(stderr, "parapet: catalogue check: name the "
			    "files to check\n");
			return cli_usage(c);
		}
		/* Checked on top of the standard catalogue they extend. */
		for (i = 1; i < a->npos; i++)
			a->catalogues[a->ncatalogues++] = a->pos[i];
		if ((cat = catalogue_load_standard(a->catalogues,
		    a->ncatalogues, &e)) == NULL)
			return cli_fail(&e);
		for (i = 1; i < a->npos; i++) {
			cli_puts(stdout, a->pos[i]);
			printf(": ok\n");
		}
		printf("catalogue %s: %zu threats, %zu mitigations, %zu "
		    "questions, %zu adjustments\n", cat->version != NULL ?
		    cat->version : "(unversioned)", cat->nthreats,
		    cat->nmitigations, cat->nquestions, cat->nadjustments);
		catalogue_free(cat);
		return 0;
	}
	if (strcmp(what, "list") != 0 || a->npos > 2) {
		fprintf(stderr, "parapet: catalogue: expected 'check FILE...' "
		    "or 'list [threats|mitigations|questions]'\n");
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
	printf("catalogue %s\n", cat->version != NULL ? cat->version :
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

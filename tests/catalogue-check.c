/*
 * catalogue-check.c: check catalogue files without the command line
 * program, for people writing catalogue content.
 *
 *	tests/catalogue-check [-b] [-t taxonomy.yaml] FILE...
 *
 * Loads the taxonomy (the data directory's unless -t is given) and the
 * files in the order given, as the standard catalogue would be, then checks
 * cross-references. Every error goes to standard error as
 * FILE:LINE:COL: message; a file with an error is left out and the next
 * one is still read. A summary of what the files cover goes to standard
 * output; with -b, missing the breadth targets of the standard catalogue
 * is an error too. Exit status 0 when all is well, 1 otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* Print one error, made safe for a terminal. */
static void
print_error(const struct error *e, void *arg)
{
	struct buf	b, v;

	(void)arg;
	buf_init(&b);
	buf_init(&v);
	error_format(e, &b);
	text_visible(&v, b.s, 0);
	fprintf(stderr, "%s\n", v.s);
	buf_release(&v);
	buf_release(&b);
}

/* Print the ids of a bit set that are missing, return how many. */
static int
print_missing(const char *what, unsigned bits, int n,
    const char *const *ids, const char *prefix)
{
	int	i, missing = 0;

	for (i = 0; i < n; i++) {
		if (bits & (1u << i))
			continue;
		if (missing++ == 0)
			printf("%s not cited:", what);
		if (ids != NULL)
			printf(" %s", ids[i]);
		else
			printf(" %s%02d", prefix, i + 1);
	}
	if (missing > 0)
		printf("\n");
	return missing;
}

int
main(int argc, char **argv)
{
	struct catalogue	*cat;
	struct catalogue_stats	 st;
	struct error		 err;
	const char		*taxonomy = NULL;
	char			*path;
	int			 ch, breadth = 0, failed = 0, i;
	const char *const	*gids;
	size_t			 nerr, ng;

	while ((ch = getopt(argc, argv, "bt:")) != -1) {
		switch (ch) {
		case 'b':
			breadth = 1;
			break;
		case 't':
			taxonomy = optarg;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		goto usage;

	cat = catalogue_new();
	path = taxonomy != NULL ? xstrdup(taxonomy) :
	    xasprintf("%s/taxonomy.yaml", paths_data());
	if (catalogue_load_taxonomy(cat, path, &err) == -1) {
		print_error(&err, NULL);
		free(path);
		catalogue_free(cat);
		return 1;
	}
	free(path);
	for (i = 0; i < argc; i++) {
		if (catalogue_load_file(cat, argv[i], &err) == -1) {
			print_error(&err, NULL);
			failed = 1;
		}
	}
	nerr = catalogue_finish_all(cat, print_error, NULL);
	if (nerr > 0)
		failed = 1;

	catalogue_stats(cat, &st);
	printf("%d file(s): %zu questions, %zu mitigations, %zu threats, "
	    "%zu adjustments\n", argc, st.nquestions, st.nmitigations,
	    st.nthreats, st.nadjustments);
	printf("ATLAS: %zu techniques and sub-techniques (%zu techniques) "
	    "cited by threats, %zu ATLAS mitigations\n", st.atlas_ids,
	    st.atlas_parents, st.atlas_mitigations);
	gids = catalogue_guidelines(cat, &ng);
	if (print_missing("guideline subsections", st.guidelines, (int)ng, gids,
	    NULL) > 0 && breadth)
		failed = 1;
	if (print_missing("OWASP LLM 2025", st.owasp_llm, 10, NULL,
	    "LLM") > 0 && breadth)
		failed = 1;
	if (print_missing("OWASP ML 2023", st.owasp_ml, 10, NULL, "ML") > 0 &&
	    breadth)
		failed = 1;
	if (print_missing("OWASP Agentic 2026", st.owasp_agentic, 10, NULL,
	    "ASI") > 0 && breadth)
		failed = 1;
	if (breadth && (st.nthreats < 60 || st.nmitigations < 80 ||
	    st.atlas_ids < 40)) {
		printf("breadth targets not met: at least 60 threats, 80 "
		    "mitigations and 40 ATLAS techniques or sub-techniques\n");
		failed = 1;
	}
	catalogue_free(cat);
	return failed;

usage:
	fprintf(stderr, "usage: catalogue-check [-b] [-t taxonomy.yaml] "
	    "FILE...\n");
	return 2;
}

/*
 * fuzz-catalogue.c: libFuzzer entry point over the catalogue loader and
 * the condition evaluator (after tmux's fuzz/cmd-parse-fuzzer.c).
 *
 * Each input is one more catalogue file, loaded with catalogue_load_text()
 * on top of the real standard catalogue (data/taxonomy.yaml and the files
 * of data/catalogue, loaded once at start, never the user's catalogue.d),
 * so that replacing and disabling standard entries and the
 * cross-reference checks are all reached. Then:
 *
 *   - a refused file must say why at fuzz.yaml:LINE:COL and change
 *     nothing in the catalogue (counts, files, version, condition slots);
 *   - catalogue_finish() must agree with catalogue_finish_all();
 *   - every condition, written back with cond_format(), must parse again
 *     and write back the same;
 *   - if the catalogue finishes, analyze() of a small fixed model (built
 *     once) must succeed with scores in 1..5 on known threats and
 *     targets, so fuzzed conditions go through the evaluator; and every
 *     condition must have the same value on every subject whether the
 *     conditions are evaluated in order or in reverse (the evaluator
 *     remembers values between them).
 *
 * An input that loads changes the catalogue: the standard catalogue is
 * then loaded again (from texts kept in memory) before the next input, so
 * every input starts from the same catalogue. A crash, a sanitizer report,
 * a leak or an abort() below is a finding.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-catalogue
 * Run, with new inputs kept in corpus-cat and the catalogue files of the
 * source tree as seeds (libFuzzer reads the seed directories recursively;
 * see fuzz/README):
 *   mkdir -p corpus-cat
 *   fuzz/fuzz-catalogue -dict=$srcdir/fuzz/catalogue.dict \
 *       -max_total_time=300 corpus-cat $srcdir/data/catalogue \
 *       $srcdir/tests/data/catalogue
 * The data directory is the source tree's, or $PARAPET_DATA.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "rules/eval.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/paths.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_NAME	"fuzz.yaml"

/*
 * The fixed model: the example of parapet-model(5) with more, so that
 * components of six kinds (one in no boundary), four boundaries of
 * different trust (one empty), flows across them with fields left
 * unanswered, a cycle (backend and llm), and answered and unanswered
 * practice questions all meet the conditions.
 */
static const char fuzz_model[] =
	"parapet: 1\n"
	"system: { id: support, name: Support, criticality: high }\n"
	"boundaries:\n"
	"  - { id: internet, name: Internet, trust: untrusted }\n"
	"  - { id: cloud, name: Cloud, trust: internal }\n"
	"  - { id: vendor, name: Vendor, trust: partner }\n"
	"  - { id: empty, name: Empty, trust: restricted }\n"
	"components:\n"
	"  - { id: customer, name: Customer, kind: user, "
	"boundary: internet }\n"
	"  - { id: backend, name: Backend, kind: application, "
	"boundary: cloud, exposure: public, untrusted-input: true }\n"
	"  - { id: llm, name: LLM, kind: model, boundary: vendor, "
	"provider: third-party, model-type: llm, system-prompt: true }\n"
	"  - { id: kb, name: Index, kind: vector-store, boundary: cloud, "
	"origin: scraped }\n"
	"  - { id: tickets, name: Tickets, kind: tool, boundary: cloud, "
	"can-act: true, human-approval: false }\n"
	"  - { id: logs, name: Logs, kind: datastore }\n"
	"flows:\n"
	"  - { id: ask, from: customer, to: backend, "
	"data: [prompt, personal-data], encrypted: true, "
	"authenticated: false }\n"
	"  - { id: complete, from: backend, to: llm, "
	"data: [prompt, documents], encrypted: true, authenticated: true }\n"
	"  - { id: retrieve, from: kb, to: backend, data: [documents] }\n"
	"  - { id: open-ticket, from: backend, to: tickets, "
	"data: [tool-call, personal-data] }\n"
	"  - { id: answer, from: llm, to: backend, data: [model-output], "
	"encrypted: true }\n"
	"  - { id: log, from: tickets, to: logs, data: [telemetry], "
	"encrypted: false, authenticated: false }\n"
	"practices:\n"
	"  q-staff-awareness: no\n"
	"  q-threat-model-maintained: yes\n"
	"  q-provider-due-diligence: unknown\n";

/* One standard catalogue file, kept in memory. */
struct fuzz_file {
	char	*path;
	char	*text;
	size_t	 len;
};

static struct fuzz_file	*files;		/* of data/catalogue */
static size_t		 nfiles;
static struct catalogue	*standard;	/* as the files leave it */
static struct model	*model;		/* indexed */

static void	fuzz_fail(const char *, const struct error *)
		    __attribute__((noreturn));

/* Stop with a message and the error that came with it. */
static void
fuzz_fail(const char *what, const struct error *err)
{
	struct buf	b;

	buf_init(&b);
	if (err != NULL)
		error_format(err, &b);
	fprintf(stderr, "fuzz-catalogue: %s%s%s\n", what, b.len > 0 ?
	    ": " : "", b.s);
	buf_release(&b);
	abort();
}

/* Load the standard catalogue from the texts, reusing a taxonomy. */
static struct catalogue *
fuzz_standard(struct taxonomy *tax)
{
	struct catalogue	*cat = catalogue_new();
	struct error		 err;
	char			*path;
	size_t			 i;

	if (tax != NULL)
		cat->taxonomy = tax;
	else {
		path = xasprintf("%s/taxonomy.yaml", paths_data());
		if (catalogue_load_taxonomy(cat, path, &err) == -1)
			fuzz_fail("the taxonomy does not load", &err);
		free(path);
	}
	for (i = 0; i < nfiles; i++)
		if (catalogue_load_text(cat, files[i].text, files[i].len,
		    files[i].path, &err) == -1)
			fuzz_fail("the standard catalogue does not load", &err);
	if (catalogue_finish(cat, &err) == -1)
		fuzz_fail("the standard catalogue does not finish", &err);
	return cat;
}

/* Read the standard files and the model once. */
static void
fuzz_init(void)
{
	struct error	 err;
	char		*dir, **paths;
	size_t		 n, i;

	dir = xasprintf("%s/catalogue", paths_data());
	if (catalogue_dir_files(dir, &paths, &n, &err) == -1 || n == 0)
		fuzz_fail("no standard catalogue files", &err);
	free(dir);
	files = xcalloc(n, sizeof *files);
	for (i = 0; i < n; i++) {
		files[i].path = paths[i];
		files[i].text = file_read(paths[i], YDOC_MAX_BYTES,
		    &files[i].len, &err);
		if (files[i].text == NULL)
			fuzz_fail("cannot read the standard catalogue", &err);
	}
	free(paths);
	nfiles = n;
	standard = fuzz_standard(NULL);
	model = model_read_yaml(fuzz_model, sizeof fuzz_model - 1,
	    "model.yaml", &err);
	if (model == NULL)
		fuzz_fail("the fixed model does not read", &err);
}

/* What a refused file must leave as it was. */
struct fuzz_counts {
	size_t		 nquestions, nmitigations, nthreats, nadjustments;
	size_t		 nfiles, ncondslots;
	const char	*version;
};

static void
fuzz_count(const struct catalogue *cat, struct fuzz_counts *c)
{
	memset(c, 0, sizeof *c);	/* compared with memcmp() */
	c->nquestions = cat->nquestions;
	c->nmitigations = cat->nmitigations;
	c->nthreats = cat->nthreats;
	c->nadjustments = cat->nadjustments;
	c->nfiles = cat->nfiles;
	c->ncondslots = cat->ncondslots;
	c->version = cat->version;
}

/* An error about the fuzzed file must say where in it. */
static void
fuzz_check_error(const struct error *err, const char *what)
{
	if (!error_isset(err))
		fuzz_fail(what, NULL);
	if (strcmp(err->file, FUZZ_NAME) != 0 || err->line == 0 ||
	    err->col == 0)
		fuzz_fail("an error without its place in the file", err);
}

/* Counts the problems catalogue_finish_all() reports. */
static void
fuzz_finish_count(const struct error *e, void *arg)
{
	size_t	*n = arg;

	if (!error_isset(e) || e->line == 0)
		fuzz_fail("finish reports a problem without a place", e);
	(*n)++;
}

/* A condition written back must read again and write back the same. */
static void
fuzz_check_format(const struct cond *c, enum target_type subject)
{
	struct ydoc	*doc;
	struct cond	*again;
	struct error	 err;
	struct buf	 one, two;
	size_t		 slots = 0;

	buf_init(&one);
	buf_init(&two);
	cond_format(c, &one);
	if ((doc = ydoc_parse(one.s, one.len, "cond.yaml", &err)) == NULL)
		fuzz_fail(one.s, &err);
	if (doc->root == NULL || (again = cond_parse(doc, doc->root, subject,
	    &slots, &err)) == NULL) {
		fprintf(stderr, "condition: %s\n", one.s);
		fuzz_fail("a condition written back does not read", &err);
	}
	cond_format(again, &two);
	if (strcmp(one.s, two.s) != 0) {
		fprintf(stderr, "one: %s\ntwo: %s\n", one.s, two.s);
		fuzz_fail("a condition written back changes", NULL);
	}
	cond_free(again);
	ydoc_free(doc);
	buf_release(&one);
	buf_release(&two);
}

/* The number of subjects of a target type in the fixed model. */
static size_t
fuzz_nsubjects(enum target_type t)
{
	switch (t) {
	case TARGET_COMPONENT:
		return model->ncomponents;
	case TARGET_FLOW:
		return model->nflows;
	case TARGET_BOUNDARY:
		return model->nboundaries;
	case TARGET_SYSTEM:
	case TARGET_ANY:
		break;
	}
	return 1;
}

/* Subject i of a target type, as eval_cond() takes it. */
static const void *
fuzz_subject(enum target_type t, size_t i)
{
	switch (t) {
	case TARGET_COMPONENT:
		return model->components[i];
	case TARGET_FLOW:
		return model->flows[i];
	case TARGET_BOUNDARY:
		return model->boundaries[i];
	case TARGET_SYSTEM:
		return &model->system;
	case TARGET_ANY:
		break;
	}
	return NULL;
}

/*
 * The evaluator remembers values between subjects and conditions: it must
 * give every condition (threats', then adjustments') on every subject the
 * same value whatever came before. One context evaluates them all in
 * order, a second in the reverse order.
 */
static void
fuzz_eval_orders(const struct catalogue *cat)
{
	struct eval		 *e;
	const struct cond	**conds;
	enum target_type	 *types;
	enum tv			 *vals;
	size_t			 *first, nconds, nvals, i, j;
	struct buf		  b;

	nconds = cat->nthreats + 2 * cat->nadjustments;
	conds = xcalloc(nconds + 1, sizeof *conds);
	types = xcalloc(nconds + 1, sizeof *types);
	first = xcalloc(nconds + 1, sizeof *first);
	for (i = 0; i < cat->nthreats; i++) {
		conds[i] = cat->threats[i]->when;
		types[i] = cat->threats[i]->target;
	}
	nconds = cat->nthreats;
	for (i = 0; i < cat->nadjustments; i++) {
		conds[nconds] = cat->adjustments[i]->when;
		types[nconds++] = cat->adjustments[i]->target;
		/* And the facts that cancel it (unless:), if any. */
		if (cat->adjustments[i]->unless == NULL)
			continue;
		conds[nconds] = cat->adjustments[i]->unless;
		types[nconds++] = cat->adjustments[i]->target;
	}
	for (nvals = i = 0; i < nconds; i++) {
		first[i] = nvals;
		nvals += fuzz_nsubjects(types[i]);
	}
	vals = xcalloc(nvals + 1, sizeof *vals);

	e = eval_new(cat, model);
	for (i = 0; i < nconds; i++)
		for (j = 0; j < fuzz_nsubjects(types[i]); j++)
			vals[first[i] + j] = eval_cond(e, conds[i],
			    fuzz_subject(types[i], j));
	eval_free(e);

	e = eval_new(cat, model);
	for (i = nconds; i-- > 0;) {
		for (j = fuzz_nsubjects(types[i]); j-- > 0;) {
			if (eval_cond(e, conds[i], fuzz_subject(types[i], j)) ==
			    vals[first[i] + j])
				continue;
			buf_init(&b);
			cond_format(conds[i], &b);
			fprintf(stderr, "condition %s, subject %zu\n", b.s, j);
			fuzz_fail("a condition's value depends on what was "
			    "evaluated before", NULL);
		}
	}
	eval_free(e);
	free(vals);
	free(first);
	free(types);
	free(conds);
}

/* Analyze the fixed model and check what comes out. */
static void
fuzz_analyze(const struct catalogue *cat)
{
	struct risk_register	 reg;
	const struct risk	*k;
	struct error		 err;
	size_t			 i;

	risk_register_init(&reg);
	if (analyze(cat, model, &reg, &err) == -1)
		fuzz_fail("analyze fails", &err);
	for (i = 0; i < reg.n; i++) {
		k = reg.risks[i];
		if (catalogue_threat(cat, k->threat) == NULL ||
		    (model_find(model, k->target) == NULL &&
		    strcmp(k->target, model->system.id) != 0))
			fuzz_fail("a risk of an unknown threat or target",
			    NULL);
		if (k->likelihood < 1 || k->likelihood > 5 ||
		    k->impact < 1 || k->impact > 5)
			fuzz_fail("a risk scored out of 1..5", NULL);
	}
	risk_register_release(&reg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_counts	 before, after;
	struct taxonomy		*tax;
	struct error		 err;
	size_t			 i, nproblems = 0;
	int			 rc;

	if (standard == NULL)
		fuzz_init();
	fuzz_count(standard, &before);
	error_clear(&err);
	if (catalogue_load_text(standard, (const char *)data, size,
	    FUZZ_NAME, &err) == -1) {
		fuzz_check_error(&err, "refused without a message");
		fuzz_count(standard, &after);
		if (memcmp(&before, &after, sizeof before) != 0)
			fuzz_fail("a refused file changed the catalogue", &err);
		return 0;
	}

	rc = catalogue_finish(standard, &err);
	if (catalogue_finish_all(standard, fuzz_finish_count,
	    &nproblems) != nproblems || (rc == 0) != (nproblems == 0))
		fuzz_fail("catalogue_finish and catalogue_finish_all disagree",
		    NULL);
	for (i = 0; i < standard->nthreats; i++)
		fuzz_check_format(standard->threats[i]->when,
		    standard->threats[i]->target);
	for (i = 0; i < standard->nadjustments; i++) {
		fuzz_check_format(standard->adjustments[i]->when,
		    standard->adjustments[i]->target);
		if (standard->adjustments[i]->unless != NULL)
			fuzz_check_format(standard->adjustments[i]->unless,
			    standard->adjustments[i]->target);
	}
	if (rc == 0) {
		fuzz_analyze(standard);
		fuzz_eval_orders(standard);
	}

	/* Start the next input from the standard catalogue again. */
	tax = standard->taxonomy;
	standard->taxonomy = NULL;
	catalogue_free(standard);
	standard = fuzz_standard(tax);
	return 0;
}

/*
 * test-threats.c: every threat of the standard catalogue, on its own
 * example models.
 *
 * For a threat T, tests/threats/T/ holds complete model files (format 1):
 * fires-TARGET.yaml, on which the analysis must raise the risk T@TARGET,
 * and quiet-TARGET.yaml, on which it must not. Every threat needs at least
 * one of each. A fires case may also name, in comments "# reason: LINE",
 * reason lines the risk must give, and in "# no reason: LINE" lines it
 * must not (an exclusion's facts). One test per threat; a failure lists
 * every file that went wrong and why.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

static struct catalogue	*cat;
static struct error	 load_err;
static char		*cases_dir;

/* The base name of a path. */
static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* Run one case file; append what went wrong to out. */
/*
 * 1 if a threat is raised for a target: as a risk of its own, or named in
 * a finding that groups it with other targets or covers it (an alias).
 */
static int
raised_on(const struct risk_register *reg, const char *threat,
    const char *target)
{
	char	*name = xasprintf("%s@%s", threat, target);
	size_t	 i, j;
	int	 found = risk_register_find(reg, threat, target) != NULL;

	for (i = 0; !found && i < reg->n; i++)
		for (j = 0; !found && j < reg->risks[i]->naliases; j++)
			found = strcmp(reg->risks[i]->aliases[j], name) == 0;
	free(name);
	return found;
}

/* The risk that raises a threat for a target (its own, or by alias). */
static const struct risk *
risk_on(const struct risk_register *reg, const char *threat,
    const char *target)
{
	const struct risk	*k = risk_register_find(reg, threat, target);
	char			*name = xasprintf("%s@%s", threat, target);
	size_t			 i, j;

	for (i = 0; k == NULL && i < reg->n; i++)
		for (j = 0; k == NULL && j < reg->risks[i]->naliases; j++)
			if (strcmp(reg->risks[i]->aliases[j], name) == 0)
				k = reg->risks[i];
	free(name);
	return k;
}

/*
 * A fires case may list, in comments "# reason: LINE", reason lines the
 * risk must give ("fact: ..." or "assumed: ..."), for example each path
 * by which the threat reaches its target; and in "# no reason: LINE",
 * lines it must not give, such as the facts of an exclusion (guard:).
 */
static void
check_reasons(const char *threat, const char *path, const struct risk *k,
    struct buf *out)
{
	static const char	 tag[] = "# reason: ", notag[] = "# no reason: ";
	FILE			*fp = fopen(path, "r");
	const char		*want;
	char			 line[1024];
	size_t			 i, len;
	int			 found, neg;

	if (fp == NULL) {
		buf_addf(out, "#   %s/%s: cannot read it\n", threat,
		    base_name(path));
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, tag, sizeof tag - 1) == 0) {
			neg = 0;
			want = line + sizeof tag - 1;
		} else if (strncmp(line, notag, sizeof notag - 1) == 0) {
			neg = 1;
			want = line + sizeof notag - 1;
		} else
			continue;
		len = strlen(line);
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		found = 0;
		for (i = 0; !found && i < k->nreasons; i++)
			found = strcmp(k->reasons[i].line, want) == 0;
		if (!found && !neg)
			buf_addf(out, "#   %s/%s: no reason '%s'\n", threat,
			    base_name(path), want);
		if (found && neg)
			buf_addf(out, "#   %s/%s: reason '%s', an exclusion's "
			    "fact\n", threat, base_name(path), want);
	}
	fclose(fp);
}

/* How many pending findings the lean analyses raised lean, in all. */
static size_t	nlean;

/*
 * The differences between two findings, as analyze_unknowns() (a) and
 * analyze_lean() (b) raise them, to out: the same name, score, asks and
 * aliases, and the same reasons and mitigations unless b is lean (then
 * a must be provisional: a question, never a risk; b has none of a's
 * facts, perhaps its assumptions).
 */
static void
lean_compare(const char *what, const struct risk *a, const struct risk *b,
    struct buf *out)
{
	size_t	i, j;

	if (strcmp(a->threat, b->threat) != 0 ||
	    strcmp(a->target, b->target) != 0 ||
	    a->likelihood != b->likelihood || a->impact != b->impact ||
	    a->severity != b->severity || a->presumed != b->presumed ||
	    a->nasks != b->nasks || a->naliases != b->naliases) {
		buf_addf(out, "#   %s: %s@%s is %s@%s %dx%d when lean\n", what,
		    a->threat, a->target, b->threat, b->target,
		    b->likelihood, b->impact);
		return;
	}
	for (i = 0; i < a->nasks; i++)
		if (strcmp(a->asks[i].element, b->asks[i].element) != 0 ||
		    strcmp(a->asks[i].field, b->asks[i].field) != 0)
			buf_addf(out, "#   %s: %s@%s asks %s of %s, lean %s of "
			    "%s\n", what, a->threat, a->target,
			    a->asks[i].field, a->asks[i].element,
			    b->asks[i].field, b->asks[i].element);
	for (i = 0; i < a->naliases; i++)
		if (strcmp(a->aliases[i], b->aliases[i]) != 0)
			buf_addf(out, "#   %s: %s@%s has alias %s, lean %s\n",
			    what, a->threat, a->target, a->aliases[i],
			    b->aliases[i]);
	/*
	 * A lean one is only ever a question: the whole one must be. What
	 * reasons it keeps (the assumptions of one that folds others) are
	 * the whole one's.
	 */
	if (b->lean) {
		if (!risk_provisional(a))
			buf_addf(out, "#   %s: %s@%s is lean but not "
			    "provisional\n", what, a->threat, a->target);
		for (j = 0; j < b->nreasons; j++) {
			for (i = 0; i < a->nreasons; i++)
				if (strcmp(a->reasons[i].line,
				    b->reasons[j].line) == 0)
					break;
			if (i == a->nreasons) {
				buf_addf(out, "#   %s: %s@%s is lean but has "
				    "reason '%s'\n", what, a->threat,
				    a->target, b->reasons[j].line);
				break;
			}
		}
		return;
	}
	for (i = j = 0; i < a->nreasons; i++) {
		if (j < b->nreasons &&
		    strcmp(a->reasons[i].line, b->reasons[j].line) == 0)
			j++;
		else
			break;
	}
	if (i < a->nreasons || j < b->nreasons)
		buf_addf(out, "#   %s: %s@%s: reason '%s', lean '%s'\n", what,
		    a->threat, a->target, i < a->nreasons ?
		    a->reasons[i].line : "(none)", j < b->nreasons ?
		    b->reasons[j].line : "(none)");
	/* A folded one made whole brings the threat's mitigations along. */
	for (i = 0; i < a->nmitigations || i < b->nmitigations; i++)
		if (i >= a->nmitigations || i >= b->nmitigations ||
		    strcmp(a->mitigations[i].id, b->mitigations[i].id) != 0) {
			buf_addf(out, "#   %s: %s@%s: mitigation %s, lean %s\n",
			    what, a->threat, a->target, i < a->nmitigations ?
			    a->mitigations[i].id : "(none)", i <
			    b->nmitigations ? b->mitigations[i].id : "(none)");
			break;
		}
}

/*
 * The lean analysis (analyze_lean(), an import's) of a model raises the
 * same register as the whole one, every risk with the same reasons, and
 * the same pending findings but for the facts of the lean ones.
 */
static void
lean_check(const char *what, const struct model *m, struct buf *out)
{
	struct risk_register	 reg[2], pending[2];
	struct error		 err;
	size_t			 i;

	for (i = 0; i < 2; i++) {
		risk_register_init(&reg[i]);
		risk_register_init(&pending[i]);
	}
	if (analyze_unknowns(cat, m, &reg[0], &pending[0], &err) == -1 ||
	    analyze_lean(cat, m, &reg[1], &pending[1], &err) == -1)
		buf_addf(out, "#   %s: analysis failed: %s\n", what, err.msg);
	else if (reg[0].n != reg[1].n || pending[0].n != pending[1].n)
		buf_addf(out, "#   %s: %zu risks and %zu pending, lean %zu and "
		    "%zu\n", what, reg[0].n, pending[0].n, reg[1].n,
		    pending[1].n);
	else {
		for (i = 0; i < reg[0].n; i++) {
			if (reg[1].risks[i]->lean)
				buf_addf(out, "#   %s: risk %s@%s is lean\n",
				    what, reg[1].risks[i]->threat,
				    reg[1].risks[i]->target);
			lean_compare(what, reg[0].risks[i], reg[1].risks[i],
			    out);
		}
		for (i = 0; i < pending[0].n; i++) {
			nlean += pending[1].risks[i]->lean != 0;
			lean_compare(what, pending[0].risks[i],
			    pending[1].risks[i], out);
		}
	}
	for (i = 0; i < 2; i++) {
		risk_register_release(&reg[i]);
		risk_register_release(&pending[i]);
	}
}

static void
run_case(const char *threat, const char *path, int fires, struct buf *out)
{
	struct risk_register	 reg, pending;
	struct model		*m;
	struct error		 err;
	const char		*name = base_name(path);
	char			*target;
	size_t			 len, i;
	int			 raised, failed;

	/* "fires-" and "quiet-" have the same length. */
	target = xstrdup(name + 6);
	len = strlen(target);
	if (len > 5)
		target[len - 5] = '\0';
	if ((m = model_load_yaml(path, &err)) == NULL) {
		buf_addf(out, "#   %s/%s: %s:%lu:%lu: %s\n", threat, name,
		    base_name(err.file), err.line, err.col, err.msg);
		free(target);
		return;
	}
	lean_check(name, m, out);
	risk_register_init(&reg);
	risk_register_init(&pending);
	/*
	 * A threat is raised as a risk, or, when it stands only on
	 * unanswered fields, as part of their open questions: either way
	 * its condition holds.
	 */
	failed = analyze_unknowns(cat, m, &reg, &pending, &err) == -1;
	for (i = 0; i < pending.n; i++)
		risk_register_take(&reg, pending.risks[i]);
	pending.n = 0;
	risk_register_release(&pending);
	if (failed) {
		buf_addf(out, "#   %s/%s: analysis failed: %s\n", threat, name,
		    err.msg);
	} else {
		raised = raised_on(&reg, threat, target);
		if (fires && !raised)
			buf_addf(out, "#   %s/%s: no risk %s@%s raised\n", threat,
			    name, threat, target);
		if (fires && raised)
			check_reasons(threat, path, risk_on(&reg, threat,
			    target), out);
		if (!fires && raised)
			buf_addf(out, "#   %s/%s: risk %s@%s raised, expected "
			    "none\n", threat, name, threat, target);
	}
	risk_register_release(&reg);
	model_free(m);
	free(target);
}

/* One threat: its directory of cases. */
static void
test_threat(void **state)
{
	const struct threat	*t = *state;
	struct error		 err;
	struct buf		 out;
	char			*dir, **files;
	size_t			 n, i, nfires = 0, nquiet = 0;
	const char		*name;

	buf_init(&out);
	dir = xasprintf("%s/%s", cases_dir, t->id);
	if (catalogue_dir_files(dir, &files, &n, &err) == -1)
		fail_msg("%s", err.msg);
	for (i = 0; i < n; i++) {
		name = base_name(files[i]);
		if (strncmp(name, "fires-", 6) == 0 && strlen(name) > 11) {
			nfires++;
			run_case(t->id, files[i], 1, &out);
		} else if (strncmp(name, "quiet-", 6) == 0 &&
		    strlen(name) > 11) {
			nquiet++;
			run_case(t->id, files[i], 0, &out);
		} else
			buf_addf(&out, "#   %s/%s: neither fires-TARGET.yaml nor "
			    "quiet-TARGET.yaml\n", t->id, name);
		free(files[i]);
	}
	free(files);
	if (nfires == 0)
		buf_addf(&out, "#   %s: no fires-TARGET.yaml case in "
		    "tests/threats/%s/\n", t->id, t->id);
	if (nquiet == 0)
		buf_addf(&out, "#   %s: no quiet-TARGET.yaml case in "
		    "tests/threats/%s/\n", t->id, t->id);
	free(dir);
	if (out.len > 0) {
		print_message("# threat %s (%s):\n%s", t->id, t->source, out.s);
		buf_release(&out);
		fail();
	}
	buf_release(&out);
}

/* Every directory of cases names a threat of the catalogue. */
static void
test_every_case_directory_names_a_threat(void **state)
{
	struct buf	 out;
	struct dirent	*de;
	DIR		*d;

	(void)state;
	buf_init(&out);
	if ((d = opendir(cases_dir)) == NULL)
		fail_msg("cannot read %s", cases_dir);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "list.sh") == 0 ||
		    strcmp(de->d_name, "files.am") == 0)
			continue;
		if (catalogue_threat(cat, de->d_name) == NULL)
			buf_addf(&out, "#   tests/threats/%s: no such threat in "
			    "the catalogue\n", de->d_name);
	}
	closedir(d);
	if (out.len > 0) {
		print_message("%s", out.s);
		buf_release(&out);
		fail();
	}
	buf_release(&out);
}

/*
 * Every starter template, analysed lean as an import does and whole:
 * the same risks and questions (lean_check()). Run after the threats'
 * cases, each of which is checked the same way: between them, some
 * finding must have been raised lean, or the check checks nothing.
 */
static void
test_lean_analysis_is_the_whole_one(void **state)
{
	struct model	*m;
	struct error	 err;
	struct buf	 out;
	char		**files;
	size_t		 n, i;

	(void)state;
	buf_init(&out);
	files = test_template_files(&n);
	for (i = 0; i < n; i++) {
		if ((m = model_load_yaml(files[i], &err)) == NULL)
			buf_addf(&out, "#   %s: %s\n", base_name(files[i]),
			    err.msg);
		else
			lean_check(base_name(files[i]), m, &out);
		model_free(m);
		free(files[i]);
	}
	free(files);
	if (out.len > 0) {
		print_message("%s", out.s);
		buf_release(&out);
		fail();
	}
	buf_release(&out);
	assert_true(nlean > 0);
}

/* When the catalogue does not load, there is only this to say. */
static void
test_standard_catalogue_loads(void **state)
{
	(void)state;
	fail_msg("the standard catalogue does not load: %s:%lu:%lu: %s",
	    load_err.file, load_err.line, load_err.col, load_err.msg);
}

int
main(void)
{
	struct CMUnitTest	*tests;
	size_t			 i, n = 0;
	int			 rc;

	cases_dir = src_path("tests/threats");
	cat = test_standard_catalogue(&load_err);
	tests = xcalloc((cat != NULL ? cat->nthreats : 0) + 3, sizeof *tests);
	if (cat == NULL) {
		tests[n].name = "standard_catalogue_loads";
		tests[n++].test_func = test_standard_catalogue_loads;
	} else {
		for (i = 0; i < cat->nthreats; i++) {
			tests[n].name = cat->threats[i]->id;
			tests[n].test_func = test_threat;
			tests[n++].initial_state = cat->threats[i];
		}
		tests[n].name = "every_case_directory_names_a_threat";
		tests[n++].test_func = test_every_case_directory_names_a_threat;
		tests[n].name = "lean_analysis_is_the_whole_one";
		tests[n++].test_func = test_lean_analysis_is_the_whole_one;
	}
	rc = _cmocka_run_group_tests("threats", tests, n, NULL, NULL);
	free(tests);
	catalogue_free(cat);
	free(cases_dir);
	return rc;
}

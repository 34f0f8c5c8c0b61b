/*
 * test-deps.c: what each threat of the standard catalogue reads
 * (rules/deps.h), which threats a change can affect, and that analysing
 * only a set deps_affected() gives (analyze_some()) raises those threats'
 * findings exactly as the whole analysis does, on every starter template.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "rules/deps.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

static struct catalogue	*cat;
static struct deps	*deps;

static int
setup(void **state)
{
	struct error	err;

	(void)state;
	if ((cat = test_standard_catalogue(&err)) == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	deps = deps_new(cat);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	deps_free(deps);
	catalogue_free(cat);
	return 0;
}

/* The small model of testlib, indexed as a save has it. */
static struct model *
small(void)
{
	struct model	*m = test_small_model();
	struct error	 err;

	assert_int_equal(model_index(m, NULL, &err), 0);
	return m;
}

/* How many threats deps_affected() marks for one change of m. */
static long
affected(const struct model *m, int type, const char *object,
    const char *field, unsigned char *mask)
{
	struct deps_change	c;

	c.type = type;
	c.object = object;
	c.field = field;
	return deps_affected(deps, m, &c, 1, mask);
}

/*
 * A field of a component read by few threats: only those that read it
 * (and what they cover or exclude) are affected; every one that reads it
 * is.
 */
static void
test_field_read_by_few(void **state)
{
	struct model	*m = small();
	unsigned char	*mask = xcalloc(cat->nthreats, 1);
	size_t		 i, readers = 0;
	long		 n;

	(void)state;
	n = affected(m, -1, "app", "returns-scores", mask);
	assert_true(n > 0);
	assert_true((size_t)n < cat->nthreats / 4);
	for (i = 0; i < cat->nthreats; i++)
		if (deps_reads(deps, i, "field component returns-scores")) {
			readers++;
			assert_true(mask[i]);
		}
	assert_true(readers > 0);
	/* A field nothing reads affects nothing. */
	n = affected(m, -1, "app", "description", mask);
	assert_int_equal(n, 0);
	free(mask);
	model_free(m);
}

/* What moves everything: the whole analysis. */
static void
test_everything(void **state)
{
	struct model	*m = small();
	unsigned char	*mask = xcalloc(cat->nthreats, 1);

	(void)state;
	assert_int_equal(affected(m, -1, "app", "kind", mask), -1);
	assert_non_null(memchr(mask, 1, cat->nthreats));
	assert_null(memchr(mask, 0, cat->nthreats));
	assert_int_equal(affected(m, OBJ_COMPONENT, "app", "created", mask),
	    -1);
	assert_int_equal(affected(m, OBJ_COMPONENT, "gone", "deleted", mask),
	    -1);
	assert_int_equal(affected(m, -1, m->system.id, "component order",
	    mask), -1);
	assert_int_equal(affected(m, -1, "app", "id", mask), -1);
	/* An object the model does not know. */
	assert_int_equal(affected(m, -1, "nowhere", "exposure", mask), -1);
	free(mask);
	model_free(m);
}

/* A flow more: the threats on flows and those that follow the graph. */
static void
test_flow_added(void **state)
{
	struct model	*m = small();
	unsigned char	*mask = xcalloc(cat->nthreats, 1);
	size_t		 i;
	long		 n;

	(void)state;
	assert_true(m->nflows > 0);
	n = affected(m, OBJ_FLOW, m->flows[0]->id, "created", mask);
	assert_true(n > 0);
	for (i = 0; i < cat->nthreats; i++) {
		if (cat->threats[i]->target == TARGET_FLOW ||
		    deps_reads(deps, i, "graph"))
			assert_true(mask[i]);
	}
	free(mask);
	model_free(m);
}

/* Marked sets are closed: what a marked threat covers or excludes is. */
static void
test_closed(void **state)
{
	struct model		*m = small();
	unsigned char		*mask = xcalloc(cat->nthreats, 1);
	const struct threat	*t;
	const struct field	*f;
	size_t			 i, j, k, nf;
	long			 x;

	(void)state;
	f = model_fields(OBJ_COMPONENT, &nf);
	for (k = 0; k < nf; k++) {
		if (affected(m, -1, "app", f[k].name, mask) < 0)
			continue;
		for (i = 0; i < cat->nthreats; i++) {
			t = cat->threats[i];
			for (j = 0; j < t->ncovers; j++)
				if ((x = deps_threat(deps, t->covers[j])) >= 0)
					assert_int_equal(mask[i], mask[x]);
			for (j = 0; j < t->nexcludes; j++)
				if ((x = deps_threat(deps,
				    t->excludes[j])) >= 0)
					assert_int_equal(mask[i], mask[x]);
		}
	}
	free(mask);
	model_free(m);
}

/* The findings of a register whose threat is marked, as text. */
static char *
marked_text(const struct risk_register *reg, const unsigned char *mask)
{
	struct risk	*k;
	char		*s = xstrdup(""), *t;
	size_t		 i, j;
	long		 x;

	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		x = deps_threat(deps, k->threat);
		if (x >= 0 && !mask[x])
			continue;
		t = xasprintf("%s%s@%s %d %d %d %zu %zu\n", s, k->threat,
		    k->target, k->likelihood, k->impact, k->severity,
		    k->nreasons, k->nasks);
		free(s);
		s = t;
		for (j = 0; j < k->nreasons; j++) {
			t = xasprintf("%s  %s\n", s, k->reasons[j].line);
			free(s);
			s = t;
		}
	}
	return s;
}

/*
 * On every template, for a change of each field of components and flows:
 * analyze_some() of the affected threats raises what the whole analysis
 * raises for them, risks and pending findings alike.
 */
static void
test_some_as_whole(void **state)
{
	struct risk_register	 all, allp, some, somep;
	struct model		*m;
	struct error		 err;
	const struct field	*f;
	unsigned char		*mask = xcalloc(cat->nthreats, 1);
	char			**files, *a, *b;
	size_t			 n, i, k, nf, tried = 0;
	int			 t;

	(void)state;
	files = test_template_files(&n);
	for (i = 0; i < n; i++) {
		m = model_load_yaml(files[i], &err);
		assert_non_null(m);
		if (!m->indexed)
			assert_int_equal(model_index(m, NULL, &err), 0);
		risk_register_init(&all);
		risk_register_init(&allp);
		assert_int_equal(analyze_unknowns(cat, m, &all, &allp, &err),
		    0);
		for (t = OBJ_COMPONENT; t <= OBJ_FLOW; t++) {
			if ((t == OBJ_COMPONENT ? m->ncomponents : m->nflows) ==
			    0)
				continue;
			f = model_fields((enum objtype)t, &nf);
			for (k = 0; k < nf; k++) {
				if (affected(m, t, t == OBJ_COMPONENT ?
				    m->components[0]->id : m->flows[0]->id,
				    f[k].name, mask) <= 0)
					continue;
				tried++;
				risk_register_init(&some);
				risk_register_init(&somep);
				assert_int_equal(analyze_some(cat, m, mask,
				    &some, &somep, 0, &err), 0);
				a = marked_text(&all, mask);
				b = marked_text(&some, mask);
				test_assert_same_string(files[i], a, b);
				free(a);
				free(b);
				a = marked_text(&allp, mask);
				b = marked_text(&somep, mask);
				test_assert_same_string(files[i], a, b);
				free(a);
				free(b);
				/* Nothing of the others. */
				for (size_t r = 0; r < some.n; r++)
					assert_true(mask[deps_threat(deps,
					    some.risks[r]->threat)]);
				risk_register_release(&some);
				risk_register_release(&somep);
			}
		}
		risk_register_release(&all);
		risk_register_release(&allp);
		model_free(m);
		free(files[i]);
	}
	free(files);
	free(mask);
	assert_true(tried > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_read_by_few),
		cmocka_unit_test(test_everything),
		cmocka_unit_test(test_flow_added),
		cmocka_unit_test(test_closed),
		cmocka_unit_test(test_some_as_whole),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

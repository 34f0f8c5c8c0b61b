/*
 * test-save.c: a save given the caller's analysis of the model stores what
 * a save that analyses the model itself stores.
 *
 * An import of a model file with decisions analyses the model to check
 * them (lean, or whole when one is on a finding raised lean), and the save
 * then uses that analysis (session_save_found()) instead of analysing
 * again. The property: on the templates and on synthetic
 * models, after a first save, one random change of one field of one
 * component or flow, with random decisions on findings (risks and ones
 * that stand only on assumptions) and on stored risks, both saves leave
 * the same register (every risk, its score, reasons, decisions and
 * mitigations), the same open questions and the same summary. The seed of
 * each case is printed when it fails.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "bench/synth.h"
#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "store/store-questions.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "testlib.h"

/* The fields a random change flips: a component's and a flow's. */
static const size_t save_component_tri[] = {
	offsetof(struct component, untrusted_input),
	offsetof(struct component, personal_data),
	offsetof(struct component, confidential_data),
	offsetof(struct component, fine_tuned),
	offsetof(struct component, learns_from_feedback),
	offsetof(struct component, open_weights),
	offsetof(struct component, system_prompt),
	offsetof(struct component, prompt_secrets),
	offsetof(struct component, dependencies_pinned),
	offsetof(struct component, authenticated),
	offsetof(struct component, rate_limited),
};
static const size_t save_flow_tri[] = {
	offsetof(struct flow, authenticated),
	offsetof(struct flow, encrypted),
	offsetof(struct flow, validated),
};

/* A small generator of our own: the same cases on every libc. */
static unsigned long
save_rand(unsigned long *x)
{
	*x = *x * 6364136223846793005UL + 1442695040888963407UL;
	return (*x >> 33) % 0x7fffffffUL;
}

/* Flip one field of one component or flow: unknown -> yes -> no -> unknown. */
static void
save_change(struct model *m, unsigned long *r, struct buf *what)
{
	enum tri	*v;
	size_t		 i, f;

	if (m->nflows > 0 && save_rand(r) % 3 == 0) {
		i = save_rand(r) % m->nflows;
		f = save_rand(r) % (sizeof save_flow_tri /
		    sizeof *save_flow_tri);
		v = (enum tri *)(void *)((char *)m->flows[i] +
		    save_flow_tri[f]);
		buf_addf(what, "flow %s field %zu", m->flows[i]->id, f);
	} else {
		i = save_rand(r) % m->ncomponents;
		f = save_rand(r) % (sizeof save_component_tri /
		    sizeof *save_component_tri);
		v = (enum tri *)(void *)((char *)m->components[i] +
		    save_component_tri[f]);
		buf_addf(what, "component %s field %zu", m->components[i]->id,
		    f);
	}
	*v = *v == TRI_UNKNOWN ? TRI_YES : *v == TRI_YES ? TRI_NO :
	    TRI_UNKNOWN;
}

/* Up to n random names of reg's risks into keep (keys owned by names). */
static void
save_pick(const struct risk_register *reg, size_t n, unsigned long *r,
    struct strmap *keep, char ***names, size_t *nnames)
{
	char	*name;
	size_t	 i;

	for (i = 0; i < n && reg->n > 0; i++) {
		name = risk_name(reg->risks[save_rand(r) % reg->n]);
		if (strmap_get(keep, name) != NULL) {
			free(name);
			continue;
		}
		*names = xreallocarray(*names, *nnames + 1, sizeof **names);
		(*names)[(*nnames)++] = name;
		strmap_put(keep, name, name);
	}
}

/* A stored register, its open questions and a summary as text. */
static void
save_dump(struct session *s, const char *id,
    const struct session_summary *sum, struct buf *b)
{
	const struct risk_question	*q;
	const struct risk_mitigation	*mt;
	const struct risk		*k;
	struct risk_register		 reg;
	struct store_questions		*x;
	struct error			 err;
	size_t				 i, j, n;

	risk_register_init(&reg);
	if (store_load_risks(s->store, id, &reg, &err) == -1)
		fail_msg("%s", err.msg);
	for (i = 0; i < reg.n; i++) {
		k = reg.risks[i];
		buf_addf(b, "%s@%s %s %d %d %d applies %d status %d owner %s "
		    "just %s\n", k->threat, k->target, k->title != NULL ?
		    k->title : "", k->likelihood, k->impact, k->severity,
		    k->applies, (int)k->status, k->owner != NULL ? k->owner :
		    "", k->justification != NULL ? k->justification : "");
		for (j = 0; j < k->nreasons; j++)
			buf_addf(b, "  %d %s\n", (int)k->reasons[j].kind,
			    k->reasons[j].line);
		for (j = 0; j < k->nmitigations; j++) {
			mt = &k->mitigations[j];
			buf_addf(b, "  m %s %d\n", mt->id, (int)mt->status);
		}
	}
	risk_register_release(&reg);
	if ((x = store_questions_open(s->store, id, &n, &err)) == NULL)
		buf_addf(b, "no questions kept (%s)\n", err.msg);
	else {
		buf_addf(b, "%zu questions\n", n);
		while ((q = store_questions_next(x, &err)) != NULL) {
			buf_addf(b, "q %s %s %d:", q->element, q->field,
			    q->worst);
			for (j = 0; j < q->nrisks; j++)
				buf_addf(b, " %s@%s", q->risks[j]->threat,
				    q->risks[j]->target);
			buf_addc(b, '\n');
		}
		store_questions_close(x);
	}
	buf_addf(b, "summary: %zu applying, %zu gone, %zu assumed, merged "
	    "%zu, asked %zu, field questions %zu\n", sum->counts.applying,
	    sum->counts.gone, sum->counts.assumed, sum->merged, sum->asked,
	    sum->field_questions);
}

/*
 * One case: model m saved into three new databases, then changed once and
 * saved again with decisions: analysing, given the whole analysis
 * (analyze_unknowns()), given the lean one (analyze_lean(): a finding to
 * keep that was raised lean makes the save analyse again). Differences go
 * to out.
 */
#define SAVE_WAYS 3
static void
save_case(const char *name, struct model *m, unsigned long seed,
    struct buf *out)
{
	static const char *const way[SAVE_WAYS] = {
		"analysing", "given whole", "given lean"
	};
	struct session		*s[SAVE_WAYS];
	struct session_summary	 sum[SAVE_WAYS];
	struct risk_register	 found, pending;
	struct strmap		 keep;
	struct buf		 dump[SAVE_WAYS], what;
	struct error		 err;
	unsigned long		 r = seed;
	char			 path[SAVE_WAYS][64], **names = NULL;
	size_t			 nnames = 0, i;
	int			 j;
	const struct risk	*k;

	buf_init(&what);
	strmap_init(&keep);
	for (j = 0; j < SAVE_WAYS; j++) {
		snprintf(path[j], sizeof path[j], "test-save-%ld-%d.db",
		    (long)getpid(), j);
		store_remove_files(path[j]);
		if ((s[j] = session_open(path[j], STORE_CREATE, NULL, 0,
		    &err)) == NULL)
			fail_msg("%s", err.msg);
		if (session_save(s[j], m, -1, NULL, &err) == -1)
			fail_msg("%s: %s", name, err.msg);
		buf_init(&dump[j]);
	}
	/* A decision on a stored risk, in both. */
	risk_register_init(&found);
	if (store_load_risks(s[0]->store, m->system.id, &found, &err) == -1)
		fail_msg("%s", err.msg);
	if (found.n > 0) {
		k = found.risks[save_rand(&r) % found.n];
		for (j = 0; j < SAVE_WAYS; j++)
			if (store_set_risk_flags(s[j]->store, m->system.id,
			    k->threat, k->target, RISK_NOT_APPLICABLE, "Ann",
			    "it is not reachable from outside", 0, &err) == -1)
				fail_msg("%s", err.msg);
	}
	risk_register_release(&found);

	save_change(m, &r, &what);
	/* Decisions in the file: risks and findings that are questions. */
	risk_register_init(&found);
	risk_register_init(&pending);
	if (analyze_unknowns(s[0]->cat, m, &found, &pending, &err) == -1)
		fail_msg("%s", err.msg);
	save_pick(&found, 2, &r, &keep, &names, &nnames);
	save_pick(&pending, 3, &r, &keep, &names, &nnames);
	for (j = 0; j < SAVE_WAYS; j++) {
		if (j == 2) {
			risk_register_release(&found);
			risk_register_release(&pending);
			if (analyze_lean(s[j]->cat, m, &found, &pending,
			    &err) == -1)
				fail_msg("%s", err.msg);
		}
		s[j]->keep = &keep;
		if ((j == 0 ? session_save(s[j], m, -1, &sum[j], &err) :
		    session_save_found(s[j], m, -1, &found, &pending, &sum[j],
		    &err)) == -1)
			fail_msg("%s: %s", name, err.msg);
		s[j]->keep = NULL;
		save_dump(s[j], m->system.id, &sum[j], &dump[j]);
		if (strcmp(dump[0].s, dump[j].s) == 0)
			continue;
		buf_addf(out, "#   %s (seed %lu, %s, %zu decisions): the save "
		    "%s stores another register\n", name, seed, what.s,
		    nnames, way[j]);
		for (i = 0; i < dump[0].len && dump[0].s[i] == dump[j].s[i];
		    i++)
			;
		buf_addf(out, "#     %s: %.200s\n#     %s: %.200s\n", way[0],
		    dump[0].s + i, way[j], dump[j].s + i);
	}
	risk_register_release(&found);
	risk_register_release(&pending);
	for (j = 0; j < SAVE_WAYS; j++) {
		session_close(s[j]);
		store_remove_files(path[j]);
		buf_release(&dump[j]);
	}
	strmap_release(&keep);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	buf_release(&what);
}

/* Fail with what the cases found, if anything; out is released. */
static void
save_report(struct buf *out)
{
	size_t	len = out->len;

	if (len > 0)
		print_message("%s", out->s);
	buf_release(out);
	if (len > 0)
		fail();
}

/* Every template, each with a few seeds. */
static void
test_every_template(void **state)
{
	struct model	*m;
	struct error	 err;
	struct buf	 out;
	char		**files;
	size_t		 n, i;
	unsigned long	 seed;

	(void)state;
	buf_init(&out);
	files = test_template_files(&n);
	for (i = 0; i < n; i++) {
		for (seed = 1; seed <= 3; seed++) {
			if ((m = model_load_yaml(files[i], &err)) == NULL)
				fail_msg("%s: %s", files[i], err.msg);
			if (model_index(m, NULL, &err) == -1)
				fail_msg("%s: %s", files[i], err.msg);
			save_case(files[i], m, seed * 7919 + i, &out);
			model_free(m);
		}
		free(files[i]);
	}
	free(files);
	save_report(&out);
}

/* Synthetic models (as the bench makes them) of a few sizes and seeds. */
static void
test_synthetic(void **state)
{
	static const size_t sizes[] = { 12, 40, 90 };
	struct model	*m;
	struct error	 err;
	struct buf	 out;
	char		 name[64];
	size_t		 i;
	unsigned	 seed;

	(void)state;
	buf_init(&out);
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (seed = 1; seed <= 4; seed++) {
			if ((m = synth_model(sizes[i], seed)) == NULL)
				fail_msg("synth_model failed");
			if (model_index(m, NULL, &err) == -1)
				fail_msg("%s", err.msg);
			snprintf(name, sizeof name, "synth_model(%zu, %u)",
			    sizes[i], seed);
			save_case(name, m, seed * 104729UL + sizes[i], &out);
			model_free(m);
		}
	save_report(&out);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_template),
		cmocka_unit_test(test_synthetic),
	};

	return cmocka_run_group_tests_name("save", tests, NULL, NULL);
}

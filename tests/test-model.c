/* test-model.c: field tables, field text forms, indexing and references. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model/risk-counts.h"
#include "model/risk.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

/*
 * A component in no boundary: whether its flows cross a trust boundary, or
 * come from a less trusted one, is not known, indexed or not; the facts
 * are the same one definition everywhere.
 */
static void
test_derived_facts_without_a_boundary(void **state)
{
	struct model	*m = test_small_model();
	struct flow	*f;
	struct error	 e;
	int		 pass;

	(void)state;
	free(m->components[2]->boundary);	/* llm: in no boundary */
	m->components[2]->boundary = NULL;
	f = model_add_flow(m, "inside", "app", "app2");
	model_add_component(m, "app2", KIND_APPLICATION)->name =
	    strdup("App 2");
	m->components[3]->boundary = strdup("cloud");
	for (pass = 0; pass < 2; pass++) {
		assert_int_equal(m->indexed, pass);
		assert_int_equal(flow_crossing(m, m->flows[0]), TRI_YES);
		assert_int_equal(flow_crossing(m, m->flows[1]), TRI_UNKNOWN);
		assert_int_equal(flow_crossing(m, f), TRI_NO);
		assert_int_equal(flow_from_less_trusted(m, m->flows[0]),
		    TRI_YES);
		assert_int_equal(flow_from_less_trusted(m, m->flows[1]),
		    TRI_UNKNOWN);
		assert_int_equal(flow_from_less_trusted(m, f), TRI_NO);
		assert_null(component_boundary(m, m->components[2]));
		assert_string_equal(tri_word(flow_crossing(m, m->flows[1])),
		    "unknown");
		if (pass == 0)
			assert_int_equal(model_index(m, "m.yaml", &e), 0);
	}
	/* Trust not set on one side: not known either. */
	m->boundaries[0]->trust = -1;
	assert_int_equal(flow_from_less_trusted(m, m->flows[0]), TRI_UNKNOWN);
	assert_int_equal(flow_crossing(m, m->flows[0]), TRI_YES);
	model_free(m);
}

/*
 * Every vocabulary table is generated from its X-macro list, and every
 * vocabulary from VOCAB_TABLES: each has a name for messages, each word
 * parses back to its own enum value, no word is empty or repeated, and
 * the table is as long as its enum.
 */
static void
test_vocabularies_match_their_enums(void **state)
{
	static const struct {
		const struct vocab	*v;
		size_t			 count;
	} all[] = {
#define VOCAB_ROW(var, what, list, entry, count) { &var, count },
		VOCAB_TABLES(VOCAB_ROW)
#undef VOCAB_ROW
	};
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		assert_non_null(all[i].v->name);
		assert_true(all[i].v->name[0] != '\0');
		assert_int_equal(all[i].v->n, all[i].count);
		for (j = 0; j < all[i].v->n; j++) {
			assert_non_null(all[i].v->words[j].name);
			assert_true(all[i].v->words[j].name[0] != '\0');
			assert_non_null(all[i].v->words[j].help);
			assert_int_equal(vocab_find(all[i].v,
			    all[i].v->words[j].name), (int)j);
			assert_string_equal(vocab_name(all[i].v, (int)j),
			    all[i].v->words[j].name);
		}
		assert_null(vocab_name(all[i].v, (int)all[i].v->n));
	}
	/* A few words pinned to their enum values, as the format fixes. */
	assert_int_equal(vocab_find(&vocab_severity, "critical"),
	    LEVEL_CRITICAL);
	assert_int_equal(vocab_find(&vocab_risk_status, "not-applicable"),
	    RISK_NOT_APPLICABLE);
	assert_int_equal(vocab_find(&vocab_tri, "true"), TRI_YES);
	assert_int_equal(vocab_find(&vocab_answer, "no"), TRI_NO);
	assert_int_equal(vocab_find(&vocab_kind, "external-service"),
	    KIND_EXTERNAL_SERVICE);
	assert_int_equal(vocab_find(&vocab_stride, "E"), STRIDE_E);
	/* Short labels for columns; a vocabulary without them gives words. */
	assert_string_equal(vocab_label(&vocab_severity, LEVEL_CRITICAL),
	    "CRIT");
	assert_string_equal(vocab_label(&vocab_severity, LEVEL_MEDIUM), "MED");
	assert_string_equal(vocab_label(&vocab_risk_status, RISK_ACCEPTED),
	    "ACC");
	assert_string_equal(vocab_label(&vocab_trust, TRUST_PARTNER),
	    "partner");
	assert_string_equal(vocab_label(&vocab_severity, -1), "?");
}

/* Lists show severities most severe first, each once, for any counter. */
static void
test_severity_order(void **state)
{
	struct buf	 b;
	int		 s;
	size_t		 u, n = 0;

	(void)state;
	buf_init(&b);
	SEVERITY_FOREACH_DOWN(s)
		buf_addf(&b, "%s ", vocab_name(&vocab_severity, s));
	assert_string_equal(b.s, "critical high medium low ");
	SEVERITY_FOREACH_DOWN(u)
		n++;
	assert_int_equal(n, LEVEL_COUNT);
	buf_release(&b);
}

/* Risks are counted once, the same way for every summary. */
static void
test_risk_counts(void **state)
{
	struct risk_register	 r;
	struct risk_counts	 c;
	struct risk		*k;

	(void)state;
	risk_register_init(&r);
	k = risk_register_add(&r, "t1", "a");
	k->applies = 1;
	k->severity = LEVEL_CRITICAL;
	k->status = RISK_ACCEPTED;
	k = risk_register_add(&r, "t2", "a");
	k->applies = 1;
	k->severity = LEVEL_LOW;
	risk_add_reason(k, REASON_ASSUMED, "flow 'f' is not encrypted");
	k = risk_register_add(&r, "t3", "a");
	k->applies = 0;
	k->severity = LEVEL_HIGH;
	risk_counts_compute(&c, &r);
	assert_int_equal(c.applying, 2);
	assert_int_equal(c.gone, 1);
	assert_int_equal(c.assumed, 1);
	assert_int_equal(c.by_severity[LEVEL_CRITICAL], 1);
	assert_int_equal(c.by_severity[LEVEL_LOW], 1);
	assert_int_equal(c.by_severity[LEVEL_HIGH], 0);
	assert_int_equal(c.by_status[RISK_OPEN], 1);
	assert_int_equal(c.cell[LEVEL_CRITICAL][RISK_ACCEPTED], 1);
	/* Counts read from a database add up the same way. */
	risk_counts_add(&c, 1, LEVEL_HIGH, RISK_MITIGATED, 3, 2);
	risk_counts_add(&c, 1, -1, RISK_OPEN, 1, 0);
	assert_int_equal(c.applying, 6);
	assert_int_equal(c.assumed, 3);
	assert_int_equal(c.cell[LEVEL_HIGH][RISK_MITIGATED], 3);
	assert_int_equal(c.by_status[RISK_OPEN], 2);
	risk_counts_compute(&c, NULL);
	assert_int_equal(c.applying, 0);
	risk_register_release(&r);
}

static void
test_fields_cover_the_spec(void **state)
{
	/* Every field the format spec fixes is in the tables. */
	static const char *comp[] = { "id", "name", "kind", "boundary",
	    "description", "owner", "provider", "exposure", "untrusted-input",
	    "personal-data", "confidential-data", "model-type", "fine-tuned",
	    "learns-from-feedback", "open-weights", "system-prompt",
	    "weights-format", "authenticated", "rate-limited",
	    "returns-scores", "origin", "integrity-verified", "can-act",
	    "executes-code", "human-approval", "action-impact", "watches",
	    NULL };
	static const char *flow[] = { "id", "from", "to", "name",
	    "description", "data", "authenticated", "encrypted", "initiator",
	    NULL };
	const char	**p;

	(void)state;
	for (p = comp; *p != NULL; p++)
		assert_non_null(model_field(OBJ_COMPONENT, *p));
	for (p = flow; *p != NULL; p++)
		assert_non_null(model_field(OBJ_FLOW, *p));
	assert_non_null(model_field(OBJ_SYSTEM, "criticality"));
	assert_non_null(model_field(OBJ_BOUNDARY, "trust"));
	assert_int_equal(vocab_kind.n, KIND_COUNT);
	assert_int_equal(vocab_data_class.n, DATA_COUNT);
}

static void
test_kind_specific_fields_apply_only_to_their_kinds(void **state)
{
	const struct field	*f;

	(void)state;
	f = model_field(OBJ_COMPONENT, "returns-scores");
	assert_true(field_applies(f, KIND_INFERENCE_SERVICE));
	assert_false(field_applies(f, KIND_MODEL));
	f = model_field(OBJ_COMPONENT, "origin");
	assert_true(field_applies(f, KIND_DATASET));
	assert_true(field_applies(f, KIND_VECTOR_STORE));
	assert_false(field_applies(f, KIND_TOOL));
	f = model_field(OBJ_COMPONENT, "exposure");
	assert_true(field_applies(f, KIND_USER));
}

static void
test_field_text_round_trip(void **state)
{
	struct model		*m = test_small_model();
	struct component	*c = m->components[2];
	const struct field	*f;
	struct error		 e;
	char			*s;

	(void)state;
	f = model_field(OBJ_COMPONENT, "model-type");
	assert_int_equal(field_set(c, f, "llm", &e), 0);
	assert_int_equal(c->model_type, 1u << MODEL_LLM);
	s = field_get(c, f);
	assert_string_equal(s, "llm");
	free(s);

	f = model_field(OBJ_COMPONENT, "open-weights");
	assert_null(field_get(c, f));		/* unknown until answered */
	assert_int_equal(field_set(c, f, "yes", &e), 0);
	s = field_get(c, f);
	assert_string_equal(s, "true");
	free(s);
	assert_int_equal(field_set(c, f, "", &e), 0);
	assert_int_equal(c->open_weights, TRI_UNKNOWN);

	f = model_field(OBJ_FLOW, "data");
	assert_int_equal(field_set(m->flows[0], f, "documents, prompt", &e),
	    0);
	s = field_get(m->flows[0], f);
	assert_string_equal(s, "prompt, documents");	/* canonical order */
	free(s);
	model_free(m);
}

static void
test_field_bad_word_suggests(void **state)
{
	struct model		*m = test_small_model();
	const struct field	*f;
	struct error		 e;

	(void)state;
	f = model_field(OBJ_COMPONENT, "model-type");
	assert_int_equal(field_set(m->components[2], f, "lmm", &e), -1);
	assert_string_equal(e.msg, "unknown model type 'lmm' for "
	    "'model-type' (did you mean 'llm'?)");
	f = model_field(OBJ_FLOW, "data");
	assert_int_equal(field_set(m->flows[0], f, "prompt, credentails", &e),
	    -1);
	assert_non_null(strstr(e.msg, "did you mean 'credentials'?"));
	/* A word longer than any of a vocabulary's is named whole. */
	assert_int_equal(field_set(m->flows[0], f, "prompt, "
	    "x123456789x123456789x123456789x123456789x123456789x123456789"
	    "x123456789", &e), -1);
	assert_non_null(strstr(e.msg, "'x123456789x123456789x123456789"
	    "x123456789x123456789x123456789x123456789' for 'data'"));
	assert_int_equal(field_set(m->flows[0], f, "prompt,credentials", &e),
	    0);
	assert_int_equal(m->flows[0]->data, (1u << DATA_PROMPT) |
	    (1u << DATA_CREDENTIALS));
	f = model_field(OBJ_COMPONENT, "can-act");
	assert_int_equal(field_set(m->components[0], f, "maybe", &e), -1);
	assert_string_equal(e.msg,
	    "'can-act' must be true, false or unknown, not 'maybe'");
	model_free(m);
}

/*
 * A model and a register freed a part at a time (the screens free a
 * closed one between keys): each step takes no more than asked, the
 * last says it is done; valgrind and ASan runs find nothing left.
 */
static void
test_free_in_parts(void **state)
{
	struct model		*m = test_small_model();
	struct risk_register	 r;
	struct error		 e;
	size_t			 objects, slots, steps = 0, i;
	char			 id[16];

	(void)state;
	assert_int_equal(model_index(m, "m.yaml", &e), 0);
	objects = m->nboundaries + m->ncomponents + m->nflows;
	slots = m->ids.cap;
	assert_true(objects > 3);
	/* One part: one index slot fewer, nothing else yet. */
	assert_int_equal(model_free_some(m, 1), 1);
	assert_int_equal(m->ids.cap, slots - 1);
	assert_int_equal(m->nboundaries + m->ncomponents + m->nflows,
	    objects);
	while (model_free_some(m, 1) == 1)
		steps++;
	/* Every slot and object a step of its own, then the rest. */
	assert_int_equal(steps, slots - 1 + objects);

	risk_register_init(&r);
	for (i = 0; i < 10; i++) {
		snprintf(id, sizeof id, "c%zu", i);
		risk_register_add(&r, "t-x", id);
	}
	assert_int_equal(risk_register_release_some(&r, 4), 1);
	assert_int_equal(r.n, 6);
	assert_string_equal(r.risks[5]->target, "c5");
	assert_int_equal(risk_register_release_some(&r, 4), 1);
	assert_int_equal(risk_register_release_some(&r, 4), 0);
	assert_int_equal(r.n, 0);
	assert_null(r.risks);
}

static void
test_index_resolves_references(void **state)
{
	struct model	*m = test_small_model();
	struct error	 e;

	(void)state;
	assert_int_equal(model_index(m, "m.yaml", &e), 0);
	assert_ptr_equal(m->flows[0]->src, m->components[0]);
	assert_ptr_equal(m->components[1]->b, m->boundaries[1]);
	assert_int_equal(flow_crossing(m, m->flows[0]), TRI_YES);
	assert_int_equal(flow_crossing(m, m->flows[1]), TRI_NO);
	assert_int_equal(model_find(m, "cloud")->type, OBJ_BOUNDARY);
	assert_null(model_find(m, "nothing"));
	model_free(m);
}

static void
test_index_refuses_bad_models(void **state)
{
	struct model	*m;
	struct flow	*f;
	struct error	 e;

	(void)state;
	/* Duplicate id across object types. */
	m = test_small_model();
	model_add_component(m, "cloud", KIND_TOOL)->name = strdup("x");
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg,
	    "duplicate id 'cloud' (already used by a boundary)");
	model_free(m);

	/* A flow to an unknown component, with its position. */
	m = test_small_model();
	f = model_add_flow(m, "bad", "app", "lmm");
	f->to_pos.line = 9;
	f->to_pos.col = 30;
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg, "flow 'bad' goes to an unknown component "
	    "'lmm' (did you mean 'llm'?)");
	assert_string_equal(e.file, "m.yaml");
	assert_int_equal(e.line, 9);
	assert_int_equal(e.col, 30);
	model_free(m);

	/* A component in an unknown boundary. */
	m = test_small_model();
	free(m->components[1]->boundary);
	m->components[1]->boundary = strdup("clod");
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg, "component 'app' is in an unknown boundary "
	    "'clod' (did you mean 'cloud'?)");
	model_free(m);

	/* A flow from a component to itself. */
	m = test_small_model();
	model_add_flow(m, "loop", "app", "app");
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg, "flow 'loop' goes from 'app' to itself");
	model_free(m);

	/* A missing name. */
	m = test_small_model();
	model_add_component(m, "noname", KIND_TOOL);
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg, "component 'noname' has no 'name'");
	model_free(m);
}

static void
test_ids_follow_the_format(void **state)
{
	char	long_id[80];

	(void)state;
	assert_true(id_valid("llm"));
	assert_true(id_valid("a.b_c-9"));
	assert_false(id_valid("LLM"));
	assert_false(id_valid("-x"));
	assert_false(id_valid("a b"));
	assert_false(id_valid(""));
	memset(long_id, 'a', 64);
	long_id[64] = '\0';
	assert_true(id_valid(long_id));
	long_id[64] = 'a';
	long_id[65] = '\0';
	assert_false(id_valid(long_id));
}

static void
test_remove_component_takes_its_flows(void **state)
{
	struct model	*m = test_small_model();
	struct error	 e;

	(void)state;
	assert_int_equal(model_remove(m, "llm"), 0);
	assert_int_equal(m->ncomponents, 2);
	assert_int_equal(m->nflows, 1);
	assert_string_equal(m->flows[0]->id, "ask");
	assert_int_equal(model_index(m, NULL, &e), 0);
	assert_int_equal(model_remove(m, "nothing"), -1);
	model_free(m);
}

/* An agent that can spend money, a tool that drafts, one not answered. */
static const char acting_yaml[] =
	"parapet: 1\n"
	"system: { id: sys, name: S }\n"
	"components:\n"
	"  - { id: hub, name: H, kind: model-registry }\n"
	"  - { id: agent, name: A, kind: agent, action-impact: high }\n"
	"  - { id: draft, name: D, kind: tool, action-impact: low }\n"
	"  - { id: other, name: O, kind: tool }\n"
	"flows:\n"
	"  - { id: pull, from: hub, to: agent, initiator: to }\n"
	"  - { id: call, from: agent, to: draft, initiator: from }\n"
	"  - { id: ask, from: agent, to: other }\n";

/* The words of acting_yaml, as read back from anywhere. */
static void
assert_acting(const struct model *m)
{
	assert_int_equal(m->ncomponents, 4);
	assert_int_equal(m->components[0]->action_impact, -1);
	assert_int_equal(m->components[1]->action_impact, ACTION_IMPACT_HIGH);
	assert_int_equal(m->components[2]->action_impact, ACTION_IMPACT_LOW);
	assert_int_equal(m->components[3]->action_impact, -1);
	assert_int_equal(m->nflows, 3);
	assert_int_equal(m->flows[0]->initiator, INITIATOR_TO);
	assert_int_equal(m->flows[1]->initiator, INITIATOR_FROM);
	assert_int_equal(m->flows[2]->initiator, -1);
}

/* action-impact and initiator through YAML, the store and back. */
static void
test_action_impact_and_initiator_round_trip(void **state)
{
	struct model	*m, *back;
	struct store	*st;
	struct error	 e;
	struct buf	 b;
	char		 dir[] = "/tmp/parapet-test-model.XXXXXX";
	char		*db, *wal;
	int		 changed;

	(void)state;
	error_clear(&e);
	m = model_read_yaml(acting_yaml, strlen(acting_yaml), "acting.yaml",
	    &e);
	if (m == NULL)
		fail_msg("%lu:%lu: %s", e.line, e.col, e.msg);
	assert_acting(m);
	buf_init(&b);
	model_write_yaml(m, &b);
	assert_non_null(strstr(b.s, "action-impact: high"));
	assert_non_null(strstr(b.s, "action-impact: low"));
	assert_non_null(strstr(b.s, "initiator: to"));
	assert_non_null(strstr(b.s, "initiator: from"));
	back = model_read_yaml(b.s, b.len, "written.yaml", &e);
	if (back == NULL)
		fail_msg("%lu:%lu: %s\n%s", e.line, e.col, e.msg, b.s);
	assert_acting(back);
	model_free(back);
	buf_release(&b);

	/* The store keeps the words, and a change of one is a change. */
	assert_non_null(mkdtemp(dir));
	db = xasprintf("%s/p.db", dir);
	setenv("PARAPET_USER", "tester", 1);
	setenv("PARAPET_NOW", "2026-01-02T03:04:05Z", 1);
	if ((st = store_open(db, STORE_CREATE, &e)) == NULL)
		fail_msg("%s", e.msg);
	assert_int_equal(store_save(st, m, 0, &changed, &e), 0);
	assert_non_null(back = store_load(st, "sys", &e));
	assert_acting(back);
	model_free(back);
	m->components[1]->action_impact = ACTION_IMPACT_LOW;
	m->flows[0]->initiator = -1;
	assert_int_equal(store_save(st, m, 1, &changed, &e), 0);
	assert_int_equal(changed, 1);
	assert_non_null(back = store_load(st, "sys", &e));
	assert_int_equal(back->components[1]->action_impact,
	    ACTION_IMPACT_LOW);
	assert_int_equal(back->flows[0]->initiator, -1);
	assert_int_equal(back->flows[1]->initiator, INITIATOR_FROM);
	model_free(back);
	store_close(st);
	store_remove_files(db);
	wal = xasprintf("%s-journal", db);
	unlink(wal);
	free(wal);
	assert_int_equal(rmdir(dir), 0);
	free(db);
	model_free(m);
}

/* The reader checks the words and the kinds they belong to. */
static void
test_action_impact_and_initiator_are_checked(void **state)
{
	static const struct {
		const char	*yaml;
		const char	*want;
	} cases[] = {
		{ "  - { id: a, name: A, kind: agent, action-impact: hihg }\n",
		  "4:51: unknown action impact 'hihg' for 'action-impact' "
		  "(did you mean 'high'?)" },
		{ "  - { id: a, name: A, kind: model, action-impact: high }\n",
		  "4:36: 'action-impact' does not apply to a component of "
		  "kind 'model' (it applies to agent and tool)" },
		{ "  - { id: a, name: A, kind: agent }\n"
		  "flows:\n"
		  "  - { id: f, from: a, to: a, initiator: form }\n",
		  "6:41: unknown initiator 'form' for 'initiator' (did you "
		  "mean 'from'?)" },
	};
	struct model	*m;
	struct error	 e;
	char		*yaml, *got;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		yaml = xasprintf("parapet: 1\nsystem: { id: s, name: S }\n"
		    "components:\n%s", cases[i].yaml);
		error_clear(&e);
		m = model_read_yaml(yaml, strlen(yaml), "x.yaml", &e);
		assert_null(m);
		got = xasprintf("%lu:%lu: %s", e.line, e.col, e.msg);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("got      %s\nexpected %s", got,
			    cases[i].want);
		free(got);
		free(yaml);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocabularies_match_their_enums),
		cmocka_unit_test(test_severity_order),
		cmocka_unit_test(test_risk_counts),
		cmocka_unit_test(test_fields_cover_the_spec),
		cmocka_unit_test(test_kind_specific_fields_apply_only_to_their_kinds),
		cmocka_unit_test(test_field_text_round_trip),
		cmocka_unit_test(test_field_bad_word_suggests),
		cmocka_unit_test(test_index_resolves_references),
		cmocka_unit_test(test_index_refuses_bad_models),
		cmocka_unit_test(test_ids_follow_the_format),
		cmocka_unit_test(test_remove_component_takes_its_flows),
		cmocka_unit_test(test_action_impact_and_initiator_round_trip),
		cmocka_unit_test(test_action_impact_and_initiator_are_checked),
		cmocka_unit_test(test_derived_facts_without_a_boundary),
		cmocka_unit_test(test_free_in_parts),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}

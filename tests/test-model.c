/* test-model.c: field tables, field text forms, indexing and references. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/error.h"

/* A small valid model: internet user -> app -> llm, kb -> app. */
static struct model *
small_model(void)
{
	struct model		*m = model_new();
	struct boundary		*b;
	struct component	*c;
	struct flow		*f;

	m->system.id = strdup("sys");
	m->system.name = strdup("System");
	b = model_add_boundary(m, "internet");
	b->name = strdup("Internet");
	b->trust = TRUST_UNTRUSTED;
	b = model_add_boundary(m, "cloud");
	b->name = strdup("Cloud");
	b->trust = TRUST_INTERNAL;
	c = model_add_component(m, "user", KIND_USER);
	c->name = strdup("User");
	c->boundary = strdup("internet");
	c = model_add_component(m, "app", KIND_APPLICATION);
	c->name = strdup("App");
	c->boundary = strdup("cloud");
	c = model_add_component(m, "llm", KIND_MODEL);
	c->name = strdup("LLM");
	c->boundary = strdup("cloud");
	f = model_add_flow(m, "ask", "user", "app");
	f->data = DATA_BIT(DATA_PROMPT);
	f = model_add_flow(m, "complete", "app", "llm");
	(void)f;
	return m;
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
	    "executes-code", "human-approval", "watches", NULL };
	static const char *flow[] = { "id", "from", "to", "name",
	    "description", "data", "authenticated", "encrypted", NULL };
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
	struct model		*m = small_model();
	struct component	*c = m->components[2];
	const struct field	*f;
	struct error		 e;
	char			*s;

	(void)state;
	f = model_field(OBJ_COMPONENT, "model-type");
	assert_int_equal(field_set(c, f, "llm", &e), 0);
	assert_int_equal(c->model_type, MODEL_LLM);
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
	struct model		*m = small_model();
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
	f = model_field(OBJ_COMPONENT, "can-act");
	assert_int_equal(field_set(m->components[0], f, "maybe", &e), -1);
	assert_string_equal(e.msg,
	    "'can-act' must be true, false or unknown, not 'maybe'");
	model_free(m);
}

static void
test_index_resolves_references(void **state)
{
	struct model	*m = small_model();
	struct error	 e;

	(void)state;
	assert_int_equal(model_index(m, "m.yaml", &e), 0);
	assert_ptr_equal(m->flows[0]->src, m->components[0]);
	assert_ptr_equal(m->components[1]->b, m->boundaries[1]);
	assert_true(flow_crosses_boundary(m->flows[0]));
	assert_false(flow_crosses_boundary(m->flows[1]));
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
	m = small_model();
	model_add_component(m, "cloud", KIND_TOOL)->name = strdup("x");
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg,
	    "duplicate id 'cloud' (already used by a boundary)");
	model_free(m);

	/* A flow to an unknown component, with its position. */
	m = small_model();
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
	m = small_model();
	free(m->components[1]->boundary);
	m->components[1]->boundary = strdup("clod");
	assert_int_equal(model_index(m, "m.yaml", &e), -1);
	assert_string_equal(e.msg, "component 'app' is in an unknown boundary "
	    "'clod' (did you mean 'cloud'?)");
	model_free(m);

	/* A missing name. */
	m = small_model();
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
	struct model	*m = small_model();
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_cover_the_spec),
		cmocka_unit_test(test_kind_specific_fields_apply_only_to_their_kinds),
		cmocka_unit_test(test_field_text_round_trip),
		cmocka_unit_test(test_field_bad_word_suggests),
		cmocka_unit_test(test_index_resolves_references),
		cmocka_unit_test(test_index_refuses_bad_models),
		cmocka_unit_test(test_ids_follow_the_format),
		cmocka_unit_test(test_remove_component_takes_its_flows),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}

/*
 * test-findings.c: one finding per threat and subject. Targets that a
 * reviewer reads as one problem (the flows of one model's output, the
 * flows to one supplier, agents that hand work to each other, the tools
 * of one agent) are grouped by the threat's finding mode into one risk
 * that names each of them; a threat that restates another on the same
 * target is folded into it; and decisions of risks that are merged are
 * kept. Against tests/data/findings/catalogue.yaml, one threat per mode.
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
#include "model/vocab.h"
#include "rules/analyze.h"
#include "rules/eval.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

static struct catalogue	*cat;

static int
setup(void **state)
{
	(void)state;
	cat = test_catalogue_src("tests/data/findings/catalogue.yaml");
	return cat == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalogue_free(cat);
	return 0;
}

/*
 * An LLM whose output an application hands on to a tool and a store, a
 * second model with a consumer of its own, two unencrypted flows into
 * the application (one from a public component), personal data sent to
 * two models of one vendor, agents that hand work on, and tools.
 */
static const char system_yaml[] =
	"parapet: 1\n"
	"system: { id: sys, name: S, criticality: medium }\n"
	"boundaries:\n"
	"  - { id: cloud, name: C, trust: internal }\n"
	"  - { id: vendor, name: V, trust: partner }\n"
	"  - { id: vendor2, name: W, trust: partner }\n"
	"components:\n"
	"  - { id: user, name: U, kind: user, boundary: cloud }\n"
	"  - { id: llm, name: L, kind: model, boundary: cloud }\n"
	"  - { id: app, name: A, kind: application, boundary: cloud }\n"
	"  - { id: web, name: W, kind: application, boundary: cloud, "
	    "exposure: public }\n"
	"  - { id: tool-a, name: TA, kind: tool, boundary: cloud }\n"
	"  - { id: tool-b, name: TB, kind: tool, boundary: cloud }\n"
	"  - { id: tool-c, name: TC, kind: tool, boundary: cloud }\n"
	"  - { id: db, name: D, kind: datastore, boundary: cloud }\n"
	"  - { id: clf, name: K, kind: model, boundary: cloud }\n"
	"  - { id: report, name: R, kind: application, boundary: cloud }\n"
	"  - { id: vllm, name: VL, kind: model, boundary: vendor }\n"
	"  - { id: vemb, name: VE, kind: model, boundary: vendor }\n"
	"  - { id: boss, name: O, kind: agent, boundary: cloud }\n"
	"  - { id: sub1, name: S1, kind: agent, boundary: cloud }\n"
	"  - { id: sub2, name: S2, kind: agent, boundary: cloud }\n"
	"  - { id: lone, name: LO, kind: agent, boundary: cloud }\n"
	"flows:\n"
	"  - { id: out1, from: llm, to: app, data: [model-output], "
	    "encrypted: true }\n"
	"  - { id: out2, from: app, to: tool-a, data: [model-output, "
	    "tool-call], encrypted: true }\n"
	"  - { id: out3, from: app, to: db, data: [model-output], "
	    "encrypted: true }\n"
	"  - { id: score, from: clf, to: report, data: [model-output], "
	    "encrypted: true }\n"
	"  - { id: c1, from: user, to: app, data: [prompt], "
	    "encrypted: false }\n"
	"  - { id: c2, from: web, to: app, data: [prompt], "
	    "encrypted: false }\n"
	"  - { id: v1, from: app, to: vllm, data: [personal-data], "
	    "encrypted: true }\n"
	"  - { id: v2, from: app, to: vemb, data: [personal-data], "
	    "encrypted: true }\n"
	"  - { id: call-b, from: app, to: tool-b, data: [tool-call], "
	    "encrypted: true }\n"
	"  - { id: hand1, from: boss, to: sub1, data: [prompt], "
	    "encrypted: true }\n"
	"  - { id: hand2, from: sub1, to: sub2, data: [prompt], "
	    "encrypted: true }\n";

static void
run(const char *yaml, struct risk_register *reg)
{
	struct model	*m = test_model_yaml(yaml);
	struct error	 err;

	risk_register_init(reg);
	if (analyze(cat, m, reg, &err) == -1)
		fail_msg("analyze: %s", err.msg);
	model_free(m);
}

static int
has_reason(const struct risk *k, const char *line)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		if (strcmp(k->reasons[i].line, line) == 0)
			return 1;
	return 0;
}

/* The aliases of a risk as one line: "a b c". */
static void
expect_aliases(const struct risk *k, const char *want)
{
	char	buf[1024] = "";
	size_t	i;

	for (i = 0; i < k->naliases; i++) {
		if (i > 0)
			strncat(buf, " ", sizeof buf - strlen(buf) - 1);
		strncat(buf, k->aliases[i], sizeof buf - strlen(buf) - 1);
	}
	assert_string_equal(buf, want);
}

/* The default: one finding per flow, as before. */
static void
test_each_target_is_a_finding_by_default(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(system_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-each"), 4);
	assert_int_equal(test_must_find(&reg, "t-each", "out2")->naliases, 0);
	risk_register_release(&reg);
}

/*
 * origin: the model's output and the flows that hand it on are one
 * finding that names every flow, about where the output is handled: the
 * one component the model sends it to (its name on the model is an
 * alias); another model's output is a finding of its own.
 */
static void
test_output_handed_on_is_one_finding_per_model(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(system_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-origin"), 2);
	assert_null(risk_register_find(&reg, "t-origin", "llm"));
	k = test_must_find(&reg, "t-origin", "app");
	assert_true(has_reason(k, "fact: one finding for flows 'out1', "
	    "'out2' and 'out3'"));
	assert_true(has_reason(k, "fact: flow 'out1' carries model-output"));
	assert_true(has_reason(k, "fact: flow 'out2' carries model-output"));
	assert_true(has_reason(k, "fact: flow 'out3' carries model-output"));
	expect_aliases(k, "t-origin@out1 t-origin@out2 t-origin@out3 "
	    "t-origin@llm");
	assert_null(risk_register_find(&reg, "t-origin", "clf"));
	k = test_must_find(&reg, "t-origin", "report");
	assert_true(has_reason(k, "fact: one finding for flow 'score'"));
	/* source: per component the flows leave. */
	assert_int_equal(test_count(&reg, "t-source"), 3);
	k = test_must_find(&reg, "t-source", "app");
	assert_true(has_reason(k, "fact: one finding for flows 'out2' and "
	    "'out3'"));
	risk_register_release(&reg);
}

/*
 * origin: agents that prompt a shared model, drawn without the answer's
 * flow back, hand on that model's output: one finding on the model, not
 * one per agent.
 */
static void
test_agents_prompting_one_model_are_its_finding(void **state)
{
	static const char	 yaml[] =
		"parapet: 1\n"
		"system: { id: sys, name: S, criticality: medium }\n"
		"components:\n"
		"  - { id: llm, name: L, kind: model }\n"
		"  - { id: boss, name: B, kind: agent }\n"
		"  - { id: sub1, name: S1, kind: agent }\n"
		"  - { id: sub2, name: S2, kind: agent }\n"
		"  - { id: tool1, name: T1, kind: tool }\n"
		"  - { id: tool2, name: T2, kind: tool }\n"
		"  - { id: lone, name: O, kind: application }\n"
		"  - { id: sink, name: K, kind: datastore }\n"
		"flows:\n"
		"  - { id: plan, from: llm, to: boss, data: [model-output] }\n"
		"  - { id: ask1, from: sub1, to: llm, data: [prompt] }\n"
		"  - { id: ask2, from: sub2, to: llm, data: [prompt] }\n"
		"  - { id: use1, from: sub1, to: tool1, data: [model-output] }\n"
		"  - { id: use2, from: sub2, to: tool2, data: [model-output] }\n"
		"  - { id: own, from: lone, to: sink, data: [model-output] }\n";
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(yaml, &reg);
	k = test_must_find(&reg, "t-origin", "llm");
	assert_true(has_reason(k, "fact: one finding for flows 'plan', "
	    "'use1' and 'use2'"));
	assert_null(risk_register_find(&reg, "t-origin", "sub1"));
	assert_null(risk_register_find(&reg, "t-origin", "sub2"));
	/* A component that prompts no model keeps its own finding. */
	assert_non_null(risk_register_find(&reg, "t-origin", "lone"));
	assert_int_equal(test_count(&reg, "t-origin"), 2);
	risk_register_release(&reg);
}

/*
 * destination: one finding per component the flows reach, scored as the
 * worst of them, with that flow's adjustments.
 */
static void
test_flows_into_one_component_are_one_finding(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(system_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-destination"), 1);
	k = test_must_find(&reg, "t-destination", "app");
	assert_true(has_reason(k, "fact: one finding for flows 'c1' and "
	    "'c2'"));
	assert_true(has_reason(k, "fact: flow 'c1' is not encrypted"));
	assert_true(has_reason(k, "fact: flow 'c2' is not encrypted"));
	assert_int_equal(k->likelihood, 3);
	assert_true(has_reason(k, "likelihood +1: it comes from a public "
	    "component"));
	assert_int_equal(k->nmitigations, 1);
	risk_register_release(&reg);
}

/*
 * connection: a request and its answer (the reverse flow) are one finding,
 * about the request's destination. The end that opens the connection
 * decides which is the request (a download listed before the request that
 * asks for it), else the flow without a model's output; a flow that
 * answers nothing stays on its own destination. Where nothing is left
 * about the caller, its old name is an alias of the finding.
 */
static const char connection_yaml[] =
	"parapet: 1\n"
	"system: { id: sys, name: S, criticality: medium }\n"
	"boundaries:\n"
	"  - { id: cloud, name: C, trust: internal }\n"
	"components:\n"
	"  - { id: app, name: A, kind: application, boundary: cloud }\n"
	"  - { id: svc, name: S, kind: model, boundary: cloud }\n"
	"  - { id: hub, name: H, kind: datastore, boundary: cloud }\n"
	"  - { id: src, name: R, kind: application, boundary: cloud }\n"
	"flows:\n"
	"  - { id: dl, from: hub, to: app, data: [documents], "
	    "encrypted: false, initiator: to }\n"
	"  - { id: ans, from: svc, to: app, data: [model-output], "
	    "encrypted: false }\n"
	"  - { id: req, from: app, to: svc, data: [prompt], "
	    "encrypted: false }\n"
	"  - { id: ask, from: app, to: hub, data: [documents], "
	    "encrypted: false }\n"
	"  - { id: in, from: src, to: app, data: [documents], "
	    "encrypted: false }\n";

static void
test_a_request_and_its_answer_are_one_finding(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;
	char			*yaml;
	size_t			 n;

	(void)state;
	run(connection_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-connection"), 3);
	k = test_must_find(&reg, "t-connection", "svc");
	assert_true(has_reason(k, "fact: flow 'ans' answers flow 'req'"));
	assert_true(has_reason(k, "fact: one finding for flows 'ans' and "
	    "'req'"));
	expect_aliases(k, "t-connection@ans t-connection@req");
	k = test_must_find(&reg, "t-connection", "hub");
	assert_true(has_reason(k, "fact: flow 'dl' answers flow 'ask'"));
	k = test_must_find(&reg, "t-connection", "app");
	expect_aliases(k, "t-connection@in");
	risk_register_release(&reg);

	/* Without the lone flow, nothing is about the caller any more. */
	yaml = xstrdup(connection_yaml);
	n = strlen(yaml);
	*strstr(yaml, "  - { id: in,") = '\0';
	assert_true(strlen(yaml) < n);
	run(yaml, &reg);
	free(yaml);
	assert_int_equal(test_count(&reg, "t-connection"), 2);
	assert_null(risk_register_find(&reg, "t-connection", "app"));
	k = test_must_find(&reg, "t-connection", "svc");
	expect_aliases(k, "t-connection@ans t-connection@req "
	    "t-connection@app");
	risk_register_release(&reg);
}

/*
 * destination-boundary: the flows to one supplier's zone are one finding
 * about the zone, and it takes the place of the boundary threat that
 * restates it there (reasons, mitigations and name); a zone nothing is
 * sent to keeps the boundary threat's own finding.
 */
static void
test_data_to_one_vendor_is_one_finding_covering_its_restatement(
    void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(system_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-vendor"), 1);
	k = test_must_find(&reg, "t-vendor", "vendor");
	assert_true(has_reason(k, "fact: one finding for flows 'v1' and "
	    "'v2'"));
	assert_true(has_reason(k, "fact: flow 'v1' goes to 'vllm'"));
	assert_true(has_reason(k, "fact: flow 'v2' goes to 'vemb'"));
	assert_true(has_reason(k, "fact: this finding also covers 't-held' "
	    "(Data held in a partner zone)"));
	assert_non_null(risk_find_mitigation(k, "m-a"));
	assert_non_null(risk_find_mitigation(k, "m-b"));
	/* 3 x 3 beats the covered 2 x 3 (2 x 4, impact -1), and the line
	   that explains the covered score is not shown with this one. */
	assert_int_equal(k->likelihood, 3);
	assert_int_equal(k->impact, 3);
	assert_false(has_reason(k, "impact -1: a contract binds the "
	    "partner"));
	k = test_must_find(&reg, "t-held", "vendor2");
	assert_true(has_reason(k, "impact -1: a contract binds the "
	    "partner"));
	k = test_must_find(&reg, "t-vendor", "vendor");
	expect_aliases(k, "t-vendor@v1 t-vendor@v2 t-held@vendor");
	assert_null(risk_register_find(&reg, "t-held", "vendor"));
	assert_non_null(risk_register_find(&reg, "t-held", "vendor2"));
	assert_int_equal(test_count(&reg, "t-held"), 1);
	risk_register_release(&reg);
}

/*
 * chain: agents that hand work to each other are one finding on the one
 * where the work comes in; an agent on its own is its own finding.
 * caller: the tools an application calls are one finding on it; a tool no
 * one calls is its own.
 */
static void
test_chained_agents_and_called_tools_are_one_finding(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(system_yaml, &reg);
	assert_int_equal(test_count(&reg, "t-runaway"), 2);
	k = test_must_find(&reg, "t-runaway", "boss");
	assert_true(has_reason(k, "fact: one finding for components 'boss', "
	    "'sub1' and 'sub2'"));
	expect_aliases(k, "t-runaway@sub1 t-runaway@sub2");
	assert_int_equal(test_must_find(&reg, "t-runaway", "lone")->naliases, 0);
	assert_int_equal(test_count(&reg, "t-tool"), 2);
	k = test_must_find(&reg, "t-tool", "app");
	assert_true(has_reason(k, "fact: one finding for components "
	    "'tool-a' and 'tool-b'"));
	assert_true(has_reason(k, "fact: 'tool-a' is a tool"));
	assert_true(has_reason(k, "fact: 'tool-b' is a tool"));
	expect_aliases(k, "t-tool@tool-a t-tool@tool-b");
	assert_non_null(risk_register_find(&reg, "t-tool", "tool-c"));
	risk_register_release(&reg);
}

/*
 * consumer: the datasets a pipeline trains on are one finding on it. It
 * stands on the dataset that holds personal data, and names the one that
 * may (personal-data not answered) with its question and as an alias,
 * without becoming provisional; a dataset that feeds nothing is its own.
 */
static void
test_datasets_a_pipeline_consumes_are_one_finding(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: a, name: A, kind: dataset, personal-data: true }\n"
	    "  - { id: b, name: B, kind: dataset }\n"
	    "  - { id: c, name: C, kind: dataset, personal-data: false }\n"
	    "  - { id: lone, name: L, kind: dataset, personal-data: true }\n"
	    "  - { id: train, name: T, kind: training-pipeline }\n"
	    "flows:\n"
	    "  - { id: fa, from: a, to: train, data: [training-data] }\n"
	    "  - { id: fb, from: b, to: train, data: [training-data] }\n"
	    "  - { id: fc, from: c, to: train, data: [training-data] }\n",
	    &reg);
	assert_int_equal(test_count(&reg, "t-data"), 2);
	k = test_must_find(&reg, "t-data", "train");
	assert_true(has_reason(k, "fact: one finding for component 'a', "
	    "whose results go first to 'train'"));
	assert_true(has_reason(k, "fact: 'b' too, if answered so: 'b' "
	    "handles personal data (personal-data not answered)"));
	assert_false(risk_provisional(k));
	expect_aliases(k, "t-data@a t-data@b");
	assert_int_equal(test_must_find(&reg, "t-data", "lone")->naliases, 0);
	assert_null(risk_register_find(&reg, "t-data", "c"));
	risk_register_release(&reg);
}

/* A cycle of agents still gives one finding, on the first of them. */
static void
test_a_cycle_is_one_finding(void **state)
{
	struct risk_register	 reg;

	(void)state;
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: a, name: A, kind: agent }\n"
	    "  - { id: b, name: B, kind: agent }\n"
	    "flows:\n"
	    "  - { id: ab, from: a, to: b }\n"
	    "  - { id: ba, from: b, to: a }\n", &reg);
	assert_int_equal(test_count(&reg, "t-runaway"), 1);
	test_must_find(&reg, "t-runaway", "a");
	risk_register_release(&reg);
}

/*
 * A cycle of agents (an orchestrator and the sub-agent that answers it)
 * is one finding on the agent an application sends work to, though the
 * sub-agent is listed first; and that finding covers a restatement on any
 * agent it groups, not only on the one it is about: the sub-agent's folds
 * into it rather than standing beside it. An agent outside the group
 * keeps its own.
 */
static void
test_a_group_covers_restatements_on_its_members(void **state)
{
	static const char	 text[] =
	    "parapet-catalogue: 1\n"
	    "mitigations:\n"
	    "  - { id: m-a, title: A, description: A., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "  - { id: m-b, title: B, description: B., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "threats:\n"
	    "  - { id: t-steer, title: Agents are steered, description: D., "
	    "target: component, when: { kind: agent, downstream: "
	    "{ kind: agent } }, finding: chain, covers: [t-read], "
	    "likelihood: 2, impact: 3, stride: [T], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-a] }\n"
	    "  - { id: t-read, title: It reads a store, description: D., "
	    "target: component, when: { kind: agent, upstream: "
	    "{ kind: datastore } }, likelihood: 2, impact: 4, "
	    "stride: [T], refs: { guideline: [\"1.3\"] }, "
	    "mitigations: [m-b] }\n";
	struct catalogue	*saved = cat, *own;
	struct risk_register	 reg;
	struct error		 err;
	const struct risk	*k;
	char			 buf[1024] = "";
	size_t			 i;

	(void)state;
	cat = test_catalogue_with("inline.yaml", text, &err);
	if (cat == NULL) {
		cat = saved;
		fail_msg("catalogue: %lu:%lu: %s", err.line, err.col, err.msg);
	}
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: sub, name: Sub, kind: agent }\n"
	    "  - { id: boss, name: Boss, kind: agent }\n"
	    "  - { id: app, name: App, kind: application }\n"
	    "  - { id: db, name: DB, kind: datastore }\n"
	    "  - { id: lone, name: Lone, kind: agent }\n"
	    "flows:\n"
	    "  - { id: ask, from: app, to: boss }\n"
	    "  - { id: task, from: boss, to: sub }\n"
	    "  - { id: result, from: sub, to: boss }\n"
	    "  - { id: look-up, from: db, to: sub }\n"
	    "  - { id: look-up2, from: db, to: lone }\n", &reg);
	/* Freed last: findings borrow their threat's ids and title. */
	own = cat;
	cat = saved;
	assert_int_equal(test_count(&reg, "t-steer"), 1);
	k = test_must_find(&reg, "t-steer", "boss");
	assert_true(has_reason(k, "fact: this finding also covers 't-read' "
	    "(It reads a store)"));
	assert_non_null(risk_find_mitigation(k, "m-b"));
	/* The covered 2 x 4 beats the group's own 2 x 3. */
	assert_int_equal(k->impact, 4);
	for (i = 0; i < k->naliases; i++)
		if (strcmp(k->aliases[i], "t-read@sub") == 0)
			snprintf(buf, sizeof buf, "%s", k->aliases[i]);
	assert_string_equal(buf, "t-read@sub");
	assert_null(risk_register_find(&reg, "t-read", "sub"));
	assert_non_null(risk_register_find(&reg, "t-read", "lone"));
	risk_register_release(&reg);
	catalogue_free(own);
}

/*
 * One unanswered field of a tool, two threats that ask opposite answers
 * of it. Excluding each other (t-act, t-run), one of them holds whatever
 * the answer: the lower, which can act, stands on facts and names the
 * other; the higher stays a question. Covering instead (t-runs covers
 * t-acts): a finding that assumes the tool runs code does not fold one
 * that assumes it does not: they are two questions, each consistent.
 */
static void
test_opposite_answers_of_one_field(void **state)
{
	static const char catalogue_yaml[] =
	    "parapet-catalogue: 1\n"
	    "mitigations:\n"
	    "  - { id: m-a, title: A, description: A., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "threats:\n"
	    "  - { id: t-act, title: Acts, description: D., "
	    "target: component, when: { kind: tool, can-act: true, "
	    "not: { executes-code: true } }, likelihood: 2, impact: 4, "
	    "stride: [E], refs: { guideline: [\"1.3\"] }, "
	    "mitigations: [m-a], excludes: [t-run] }\n"
	    "  - { id: t-run, title: Runs, description: D., "
	    "target: component, when: { kind: tool, executes-code: true }, "
	    "likelihood: 2, impact: 5, stride: [E], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-a] }\n"
	    "  - { id: t-acts, title: Acts too, description: D., "
	    "target: component, when: { kind: tool, "
	    "executes-code: false }, likelihood: 2, impact: 3, "
	    "stride: [T], refs: { guideline: [\"1.3\"] }, "
	    "mitigations: [m-a] }\n"
	    "  - { id: t-runs, title: Runs too, description: D., "
	    "target: component, when: { kind: tool, executes-code: true }, "
	    "likelihood: 2, impact: 4, stride: [T], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-a], "
	    "covers: [t-acts] }\n";
	static const char model_yaml[] =
	    "parapet: 1\n"
	    "system: { id: sys, name: S, criticality: medium }\n"
	    "boundaries:\n"
	    "  - { id: cloud, name: C, trust: internal }\n"
	    "components:\n"
	    "  - { id: tool, name: T, kind: tool, boundary: cloud, "
	    "can-act: true }\n";
	struct catalogue	*c;
	struct risk_register	 reg, pending;
	struct model		*m;
	struct error		 err;
	const struct risk	*k;
	size_t			 i;

	(void)state;
	if ((c = test_catalogue_with("opposite.yaml", catalogue_yaml,
	    &err)) == NULL)
		fail_msg("catalogue: %lu:%lu: %s", err.line, err.col,
		    err.msg);
	m = model_read_yaml(model_yaml, strlen(model_yaml), "m.yaml", &err);
	if (m == NULL)
		fail_msg("model: %s", err.msg);
	risk_register_init(&reg);
	risk_register_init(&pending);
	if (analyze_unknowns(c, m, &reg, &pending, &err) == -1)
		fail_msg("analyze: %s", err.msg);
	/* The acting tool's finding stands on facts. */
	k = test_must_find(&reg, "t-act", "tool");
	assert_false(risk_provisional(k));
	assert_true(has_reason(k, "fact: 'tool' does not execute code, or "
	    "else 't-run' holds (executes-code not answered)"));
	assert_null(risk_register_find(&reg, "t-run", "tool"));
	k = test_must_find(&pending, "t-run", "tool");
	assert_true(has_reason(k, "assumed: the other answer would raise "
	    "'t-act' instead"));
	/* Two consistent questions, not one that assumes both answers. */
	k = test_must_find(&pending, "t-runs", "tool");
	assert_false(has_reason(k, "assumed: 'tool' does not execute code "
	    "(executes-code not answered)"));
	k = test_must_find(&pending, "t-acts", "tool");
	assert_true(has_reason(k, "assumed: 'tool' does not execute code "
	    "(executes-code not answered)"));
	for (i = 0; i < reg.n; i++)
		assert_string_not_equal(reg.risks[i]->threat, "t-acts");
	risk_register_release(&reg);
	risk_register_release(&pending);
	model_free(m);
	catalogue_free(c);
}

/* The catalogue says which modes suit which threats, and what covers. */
static void
test_finding_and_covers_are_checked_at_load(void **state)
{
	static const char head[] =
	    "parapet-catalogue: 1\n"
	    "mitigations:\n"
	    "  - { id: m-a, title: A, description: A., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "threats:\n";
	static const struct {
		const char	*threats;
		const char	*msg;
	} bad[] = {
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: agent }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], finding: origin }\n",
		  "'finding: origin' is for threats about a flow, and threat "
		  "'t' is about a component" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], finding: destinaton }\n",
		  "unknown finding 'destinaton' (did you mean "
		  "'destination'?)" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [t] }\n",
		  "threat 't' covers itself" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [no-such-threat] }\n",
		  "threat 't' covers unknown threat 'no-such-threat'" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], excludes: [tt] }\n",
		  "threat 't' excludes unknown threat 'tt' (did you mean "
		  "'t'?)" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], excludes: [u] }\n"
		  "  - { id: u, title: U, description: D., target: component, "
		  "when: { kind: agent }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a] }\n",
		  "threat 't' targets a flow, but the threat it excludes, 'u', "
		  "targets a component" },
		{ "  - { id: t, title: T, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [u] }\n"
		  "  - { id: u, title: U, description: D., target: flow, "
		  "when: { encrypted: true }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [v] }\n"
		  "  - { id: v, title: V, description: D., target: flow, "
		  "when: { encrypted: true }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [w] }\n"
		  "  - { id: w, title: W, description: D., target: flow, "
		  "when: { encrypted: true }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a] }\n",
		  "threat 't' covers 'u', which covers 'v', which covers "
		  "threats itself" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-feedback: [u] }\n"
		  "  - { id: u, title: U, description: D., target: component, "
		  "when: { kind: dataset }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers: [v] }\n"
		  "  - { id: v, title: V, description: D., target: component, "
		  "when: { kind: dataset }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a] }\n",
		  "threat 't' covers 'u', which covers threats itself" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-feedback: [t] }\n",
		  "threat 't' covers itself" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-feedback: [no-such-threat] }\n",
		  "threat 't' covers unknown threat 'no-such-threat'" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-feedback: [u] }\n"
		  "  - { id: u, title: U, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a] }\n",
		  "'covers-feedback' is for threats about a component, and "
		  "threat 'u' is about a flow" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-agents: [no-such-threat] }\n",
		  "threat 't' covers unknown threat 'no-such-threat'" },
		{ "  - { id: t, title: T, description: D., target: component, "
		  "when: { kind: model }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a], covers-agents: [u] }\n"
		  "  - { id: u, title: U, description: D., target: flow, "
		  "when: { encrypted: false }, likelihood: 1, impact: 1, "
		  "stride: [T], refs: { guideline: [\"1.3\"] }, "
		  "mitigations: [m-a] }\n",
		  "'covers-agents' is for threats about a component, and "
		  "threat 'u' is about a flow" },
	};
	struct catalogue	*c;
	struct error		 err;
	char			*text;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		text = xasprintf("%s%s", head, bad[i].threats);
		c = test_catalogue_with("bad.yaml", text, &err);
		free(text);
		if (c != NULL)
			fail_msg("case %zu loaded", i);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

/* A risk with a decision, for the merge tests. */
static struct risk *
decided(struct risk_register *reg, const char *target, int status,
    const char *owner, const char *why, const char *at)
{
	struct risk	*k = risk_register_add(reg, "t", target);

	k->status = status;
	k->owner = owner != NULL ? xstrdup(owner) : NULL;
	k->justification = why != NULL ? xstrdup(why) : NULL;
	k->decided_at = at != NULL ? xstrdup(at) : NULL;
	k->decided_by = at != NULL ? xstrdup("someone") : NULL;
	return k;
}

/*
 * Merging decisions: the more conservative status wins, on a tie the more
 * recent; nothing people wrote is dropped; each mitigation keeps the less
 * advanced decision, and one never decided does not count.
 */
static void
test_merged_decisions_keep_the_most_conservative(void **state)
{
	struct risk_register	 reg;
	struct risk		*a, *b, *c;
	struct risk_mitigation	*m;

	(void)state;
	risk_register_init(&reg);
	a = decided(&reg, "f1", RISK_ACCEPTED, NULL, "Low volume",
	    "2026-11-01T10:00:00Z");
	b = decided(&reg, "f2", RISK_MITIGATING, "Platform team", NULL,
	    "2026-10-01T10:00:00Z");
	c = decided(&reg, "f3", RISK_MITIGATING, NULL, NULL,
	    "2026-11-20T10:00:00Z");
	m = risk_add_mitigation(a, "m-a");
	m->status = MIT_IMPLEMENTED;
	m->owner = xstrdup("Web team");
	m = risk_add_mitigation(b, "m-a");
	m->status = MIT_PLANNED;
	m->due = xstrdup("2027-01-31");
	risk_add_mitigation(c, "m-a");		/* never decided on */
	assert_true(risk_has_decision(a));

	assert_int_equal(risk_merge_decisions(a, b), 1);
	assert_int_equal(a->status, RISK_MITIGATING);
	assert_string_equal(a->owner, "Platform team");
	assert_string_equal(a->justification, "Low volume");
	assert_string_equal(a->decided_at, "2026-10-01T10:00:00Z");
	m = risk_find_mitigation(a, "m-a");
	assert_int_equal(m->status, MIT_PLANNED);
	assert_string_equal(m->due, "2027-01-31");
	/* Same status, more recent: its time is kept; the rest stays. */
	assert_int_equal(risk_merge_decisions(a, c), 0);
	assert_string_equal(a->decided_at, "2026-11-20T10:00:00Z");
	assert_int_equal(risk_find_mitigation(a, "m-a")->status, MIT_PLANNED);
	assert_string_equal(a->owner, "Platform team");
	/* Open is the most conservative of all. */
	c = decided(&reg, "f4", RISK_OPEN, NULL, NULL, NULL);
	assert_false(risk_has_decision(c));
	assert_int_equal(risk_merge_decisions(a, c), 1);
	assert_int_equal(a->status, RISK_OPEN);
	assert_string_equal(a->justification, "Low volume");
	risk_register_release(&reg);
}

/* Analyze a model with a catalogue given as text (freed before return). */
static void
run_with(const char *catalogue_yaml, const char *model_yaml,
    struct risk_register *reg, struct catalogue **own)
{
	struct catalogue	*saved = cat;
	struct error		 err;

	cat = test_catalogue_with("inline.yaml", catalogue_yaml, &err);
	if (cat == NULL) {
		cat = saved;
		fail_msg("catalogue: %lu:%lu: %s", err.line, err.col, err.msg);
	}
	run(model_yaml, reg);
	*own = cat;
	cat = saved;
}

/* The number of reasons of k that begin with prefix. */
static size_t
count_reasons(const struct risk *k, const char *prefix)
{
	size_t	i, n = 0;

	for (i = 0; i < k->nreasons; i++)
		if (strncmp(k->reasons[i].line, prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

/*
 * A model left to a sibling threat (an LLM, t-llm's) is an exclusion: on
 * a classifier the guard's fact says only why t-llm is not the finding,
 * and stays out of the reasons; the missing control the threat is about
 * (nothing into it is encrypted), written as a not: too, is its cause
 * and is said. Where the guard rests on an unanswered field, what it
 * assumes is said, and asked, as before. The same condition without the
 * mark says the guard's fact.
 */
static void
test_a_guard_is_not_said_and_the_cause_is(void **state)
{
#define GUARDED_WHEN(mark) \
	"when: { kind: model, all: [ { not: { " mark "model-type: llm } }, " \
	"{ not: { inbound: { encrypted: true } } } ] }, likelihood: 2, " \
	"impact: 3, stride: [I], refs: { guideline: [\"1.3\"] }, " \
	"mitigations: [m-a] }\n"
	static const char catalogue_yaml[] =
	    "parapet-catalogue: 1\n"
	    "mitigations:\n"
	    "  - { id: m-a, title: A, description: A., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "threats:\n"
	    "  - { id: t-guarded, title: G, description: D., "
	    "target: component, " GUARDED_WHEN("guard: true, ")
	    "  - { id: t-plain, title: P, description: D., "
	    "target: component, " GUARDED_WHEN("");
#undef GUARDED_WHEN
	static const char model_yaml[] =
	    "parapet: 1\n"
	    "system: { id: sys, name: S, criticality: medium }\n"
	    "boundaries:\n"
	    "  - { id: cloud, name: C, trust: internal }\n"
	    "components:\n"
	    "  - { id: app, name: A, kind: application, boundary: cloud }\n"
	    "  - { id: clf, name: K, kind: model, boundary: cloud, "
	    "model-type: classifier }\n"
	    "  - { id: odd, name: O, kind: model, boundary: cloud }\n"
	    "flows:\n"
	    "  - { id: f1, from: app, to: clf, data: [features], "
	    "encrypted: false }\n"
	    "  - { id: f2, from: app, to: odd, data: [features], "
	    "encrypted: false }\n";
	struct catalogue	*own;
	struct risk_register	 reg, pending;
	struct model		*m;
	struct error		 err;
	const struct risk	*k;
	size_t			 i;
	int			 asked = 0;

	(void)state;
	run_with(catalogue_yaml, model_yaml, &reg, &own);
	k = test_must_find(&reg, "t-guarded", "clf");
	assert_false(has_reason(k, "fact: 'clf' model-type is not llm"));
	assert_true(has_reason(k, "fact: 'clf' is a model"));
	assert_true(has_reason(k, "fact: no flow into 'clf' matches "
	    "{encrypted: true}"));
	/* Unmarked, the exclusion's fact is said. */
	k = test_must_find(&reg, "t-plain", "clf");
	assert_true(has_reason(k, "fact: 'clf' model-type is not llm"));
	risk_register_release(&reg);

	/* Resting on the guard's unanswered field: said and asked. */
	m = test_model_yaml(model_yaml);
	risk_register_init(&reg);
	risk_register_init(&pending);
	if (analyze_unknowns(own, m, &reg, &pending, &err) == -1)
		fail_msg("analyze: %s", err.msg);
	k = risk_register_find(&pending, "t-guarded", "odd");
	if (k == NULL)
		k = test_must_find(&reg, "t-guarded", "odd");
	assert_true(has_reason(k, "assumed: 'odd' model-type is not llm "
	    "(model-type not answered)"));
	assert_true(has_reason(k, "fact: no flow into 'odd' matches "
	    "{encrypted: true}"));
	for (i = 0; i < k->nasks; i++)
		if (strcmp(k->asks[i].element, "model 'odd'") == 0 &&
		    strcmp(k->asks[i].field, "model-type") == 0)
			asked = 1;
	assert_true(asked);
	risk_register_release(&reg);
	risk_register_release(&pending);
	model_free(m);
	catalogue_free(own);
}

/*
 * Forty users send personal data to one store across a boundary, twenty
 * stated unencrypted, twenty not answered: one finding for the store
 * (finding: destination), whose reasons name the first few flows and
 * say how many more, rather than five lines for each of the forty.
 */
static void
test_a_finding_at_a_hub_stays_bounded(void **state)
{
	static const char catalogue_yaml[] =
	    "parapet-catalogue: 1\n"
	    "mitigations:\n"
	    "  - { id: m-a, title: A, description: A., "
	    "refs: { guideline: [\"1.3\"] } }\n"
	    "threats:\n"
	    "  - { id: t-clear, title: C, description: D., target: flow, "
	    "when: { crosses-boundary: true, data: personal-data, "
	    "not: { encrypted: true }, from: { kind: user } }, "
	    "finding: destination, likelihood: 2, impact: 3, stride: [I], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-a] }\n";
	struct catalogue	*own;
	struct risk_register	 reg;
	const struct risk	*k;
	struct buf		 b;
	size_t			 i;

	(void)state;
	buf_init(&b);
	buf_adds(&b, "parapet: 1\n"
	    "system: { id: sys, name: S, criticality: medium }\n"
	    "boundaries:\n"
	    "  - { id: net, name: N, trust: untrusted }\n"
	    "  - { id: dc, name: D, trust: internal }\n"
	    "components:\n"
	    "  - { id: store, name: S, kind: datastore, boundary: dc }\n");
	for (i = 0; i < 40; i++)
		buf_addf(&b, "  - { id: u%zu, name: U, kind: user, "
		    "boundary: net }\n", i);
	buf_adds(&b, "flows:\n");
	for (i = 0; i < 40; i++)
		buf_addf(&b, "  - { id: g%zu, from: u%zu, to: store, "
		    "data: [personal-data]%s }\n", i, i,
		    i % 2 ? ", encrypted: false" : "");
	run_with(catalogue_yaml, b.s, &reg, &own);
	buf_release(&b);
	assert_int_equal(test_count(&reg, "t-clear"), 1);
	k = test_must_find(&reg, "t-clear", "store");
	assert_true(has_reason(k, "fact: one finding for flows 'g1', 'g3', "
	    "'g5', 'g7', 'g9', 'g11', 'g13', 'g15' and 12 more"));
	/* Six of each kind of line, then how many more and like what. */
	assert_int_equal(count_reasons(k, "fact: flow 'g"), 6 * 4);
	assert_true(has_reason(k, "fact: flow 'g11' is not encrypted"));
	assert_false(has_reason(k, "fact: flow 'g13' is not encrypted"));
	assert_true(has_reason(k, "fact: and 14 more like: flow '\xe2\x80\xa6'"
	    " is not encrypted"));
	assert_true(has_reason(k, "fact: and 14 more like: '\xe2\x80\xa6' is "
	    "a user"));
	/* The flows it holds for by assumption: the same. */
	assert_int_equal(count_reasons(k, "fact: 'g"), 6);
	assert_true(has_reason(k, "fact: and 14 more like: '\xe2\x80\xa6' "
	    "too, if answered so: flow '\xe2\x80\xa6' is not encrypted "
	    "(encrypted not answered)"));
	assert_int_equal(k->nreasons, 1 + 5 * 7 + 7);
	/* Each flow's name is still the finding's (decisions follow). */
	assert_true(k->naliases >= 40);
	risk_register_release(&reg);
	catalogue_free(own);
}

/*
 * Of a finding's facts, whatever their shapes, at most a fixed number is
 * said, then how many more; the same for its assumptions. A line said
 * twice is said once; the score's lines and the threats it covers are
 * never cut.
 */
static void
test_reasons_are_bounded_whatever_their_shapes(void **state)
{
	struct risk	k;
	size_t		i, facts = 0, covers = 0, assumed = 0;

	(void)state;
	memset(&k, 0, sizeof k);
	for (i = 0; i < 100; i++)
		risk_add_reason(&k, REASON_FACT, "'c' is a kind-%c%c",
		    (int)('a' + i % 26), (int)('a' + i / 26));
	for (i = 0; i < 2; i++)
		risk_add_reason(&k, REASON_FACT, RISK_COVERS_FMT, "t-a", "A");
	risk_add_reason(&k, REASON_ASSUMED, "'x' is y (y not answered)");
	risk_add_reason(&k, REASON_ADJUSTMENT, "impact +1: it is critical");
	eval_bound_reasons(&k);
	for (i = 0; i < k.nreasons; i++) {
		if (strncmp(k.reasons[i].line, "fact: 'c' is a kind-", 20) == 0)
			facts++;
		if (strcmp(k.reasons[i].line, "fact: this finding also covers "
		    "'t-a' (A)") == 0)
			covers++;
		if (strcmp(k.reasons[i].line, "assumed: 'x' is y (y not "
		    "answered)") == 0)
			assumed++;
	}
	assert_int_equal(facts, 64);
	assert_int_equal(covers, 1);
	assert_int_equal(assumed, 1);
	assert_true(has_reason(&k, "fact: and 36 more facts of the kinds "
	    "above"));
	assert_true(has_reason(&k, "impact +1: it is critical"));
	assert_int_equal(k.nreasons, 64 + 1 + 1 + 1 + 1);
	risk_drop_reasons(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_target_is_a_finding_by_default),
		cmocka_unit_test(
		    test_output_handed_on_is_one_finding_per_model),
		cmocka_unit_test(test_flows_into_one_component_are_one_finding),
		cmocka_unit_test(test_a_request_and_its_answer_are_one_finding),
		cmocka_unit_test(
		    test_data_to_one_vendor_is_one_finding_covering_its_restatement),
		cmocka_unit_test(
		    test_chained_agents_and_called_tools_are_one_finding),
		cmocka_unit_test(test_a_cycle_is_one_finding),
		cmocka_unit_test(
		    test_datasets_a_pipeline_consumes_are_one_finding),
		cmocka_unit_test(
		    test_a_group_covers_restatements_on_its_members),
		cmocka_unit_test(test_finding_and_covers_are_checked_at_load),
		cmocka_unit_test(test_opposite_answers_of_one_field),
		cmocka_unit_test(test_agents_prompting_one_model_are_its_finding),
		cmocka_unit_test(
		    test_merged_decisions_keep_the_most_conservative),
		cmocka_unit_test(test_a_guard_is_not_said_and_the_cause_is),
		cmocka_unit_test(test_a_finding_at_a_hub_stays_bounded),
		cmocka_unit_test(
		    test_reasons_are_bounded_whatever_their_shapes),
	};

	return cmocka_run_group_tests_name("findings", tests, setup,
	    teardown);
}

/*
 * test-analyze.c: the condition language and the scoring, on small models
 * read from YAML, against tests/data/analyze/catalogue.yaml (one threat
 * per construct of the language).
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
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

#include "testlib.h"

static struct catalogue	*cat;

static int
setup(void **state)
{
	(void)state;
	cat = test_catalogue_src("tests/data/analyze/catalogue.yaml");
	return cat == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	catalogue_free(cat);
	return 0;
}

/* The head of every model: a system and three zones. */
#define HEAD \
	"parapet: 1\n" \
	"system: { id: sys, name: S, criticality: critical }\n" \
	"boundaries:\n" \
	"  - { id: internet, name: I, trust: untrusted }\n" \
	"  - { id: cloud, name: C, trust: internal }\n" \
	"  - { id: vendor, name: V }\n"

/* Analyze a model given as YAML text into reg. */
static void
run(const char *yaml, struct risk_register *reg)
{
	struct model		*m = test_model_yaml(yaml);
	struct error		 err;

	/*
	 * The rules raise findings that stand only on unanswered fields as
	 * questions; the conditions are tested on them as the provisional
	 * risks a session keeps when people decided on them.
	 */
	if (test_analyze_all(cat, m, reg, &err) == -1)
		fail_msg("analyze: %s", err.msg);
	model_free(m);
}

/* The reasons of a risk, one per line; "" if there is no such risk. */
static char *
reasons(const struct risk_register *reg, const char *threat,
    const char *target)
{
	const struct risk	*k = risk_register_find(reg, threat, target);
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	if (k == NULL)
		return buf_detach(&b);
	for (i = 0; i < k->nreasons; i++)
		buf_addf(&b, "%s\n", k->reasons[i].line);
	if (b.len == 0)
		buf_adds(&b, "(raised with no reason)\n");
	return buf_detach(&b);
}

static void
expect(const struct risk_register *reg, const char *threat,
    const char *target, const char *want)
{
	char	*got = reasons(reg, threat, target);

	if (strcmp(got, want) != 0)
		fail_msg("%s@%s:\n--- got\n%s--- expected\n%s", threat, target,
		    got, want);
	free(got);
}

static const char assistant[] = HEAD
	"components:\n"
	"  - { id: customer, name: C, kind: user, boundary: internet }\n"
	"  - { id: backend, name: B, kind: application, boundary: cloud,"
	"      exposure: public, untrusted-input: true }\n"
	"  - { id: llm, name: L, kind: model, boundary: vendor,"
	"      model-type: llm }\n"
	"  - { id: kb, name: K, kind: vector-store, boundary: cloud }\n"
	"  - { id: tickets, name: T, kind: tool, boundary: cloud,"
	"      executes-code: false, human-approval: false }\n"
	"  - { id: agent, name: A, kind: agent, boundary: cloud }\n"
	"flows:\n"
	"  - { id: ask, from: customer, to: backend, data: [prompt],"
	"      encrypted: true }\n"
	"  - { id: complete, from: backend, to: llm, data: [prompt] }\n"
	"  - { id: answer, from: llm, to: tickets, data: [tool-call],"
	"      encrypted: false }\n"
	"  - { id: retrieve, from: kb, to: backend, data: [documents] }\n"
	"  - { id: chat, from: customer, to: agent, data: [prompt],"
	"      encrypted: true }\n"
	"practices: { q-monitoring: yes }\n";

static void
test_a_threat_fires_with_facts_and_its_mitigations(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run(assistant, &reg);
	assert_int_equal(test_count(&reg, "t-injection"), 1);
	expect(&reg, "t-injection", "llm",
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n"
	    "fact: 'backend' sends to 'llm' (flow 'complete')\n"
	    "fact: 'backend' takes untrusted input\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'llm' exposure is "
	    "internal (exposure not answered)\n");
	k = risk_register_find(&reg, "t-injection", "llm");
	assert_string_equal(k->title, "Prompt injection");
	assert_int_equal(k->likelihood, 3);
	assert_int_equal(k->impact, 5);		/* 4 + 2, clamped */
	assert_int_equal(k->severity, LEVEL_HIGH);
	assert_int_equal(k->status, RISK_OPEN);
	assert_int_equal(k->applies, 1);
	assert_int_equal(k->nmitigations, 2);
	assert_string_equal(k->mitigations[0].id, "m-a");
	assert_string_equal(k->mitigations[1].id, "m-b");
	assert_int_equal(k->mitigations[1].status, MIT_PROPOSED);
	/* The practice is answered yes: no risk. */
	assert_int_equal(test_count(&reg, "t-practice"), 0);
	risk_register_release(&reg);
}

static void
test_unanswered_fields_fire_as_assumptions(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD
	    "components:\n"
	    "  - { id: app, name: A, kind: application }\n"
	    "  - { id: llm, name: L, kind: model }\n"
	    "  - { id: app2, name: A, kind: application,"
	    "      untrusted-input: false }\n"
	    "  - { id: llm2, name: L, kind: model, model-type: llm }\n"
	    "flows:\n"
	    "  - { id: f1, from: app, to: llm }\n"
	    "  - { id: f2, from: app2, to: llm2 }\n", &reg);
	expect(&reg, "t-injection", "llm",
	    "fact: 'llm' is a model\n"
	    "assumed: 'llm' model-type is llm (model-type not answered)\n"
	    "fact: 'app' sends to 'llm' (flow 'f1')\n"
	    "assumed: 'app' takes untrusted input (untrusted-input not "
	    "answered)\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'llm' exposure is "
	    "internal (exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* A definite no anywhere in an 'all' keeps it quiet. */
	assert_int_equal(test_count(&reg, "t-injection"), 1);
	risk_register_release(&reg);
}

/* 1 if a risk carries the "to confirm" adjustment. */
static int
has_provisional_line(const struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		if (strstr(k->reasons[i].line, "(to confirm)") != NULL)
			return 1;
	return 0;
}

/*
 * A finding that stands only on unanswered fields is no risk of the
 * register: it is part of the open question of each field it assumes,
 * scored as it would be if the risky answer is true, and answering the
 * field settles it one way or the other.
 */
static void
test_unanswered_fields_are_questions_not_risks(void **state)
{
	static const char model[] = HEAD
	    "components:\n"
	    "  - { id: app, name: A, kind: application }\n"
	    "  - { id: llm, name: L, kind: model }\n"
	    "flows:\n"
	    "  - { id: f1, from: app, to: llm }\n";
	struct risk_register	 reg, pending;
	struct risk_questions	 q;
	struct model		*m;
	struct error		 err;
	size_t			 i;

	(void)state;
	m = test_model_yaml(model);
	risk_register_init(&reg);
	assert_int_equal(analyze(cat, m, &reg, &err), 0);
	assert_null(risk_register_find(&reg, "t-injection", "llm"));
	for (i = 0; i < reg.n; i++)
		assert_false(risk_provisional(reg.risks[i]));
	risk_register_release(&reg);

	risk_register_init(&pending);
	assert_true(analyze_questions(cat, m, &pending, &q) >= 2);
	assert_non_null(risk_register_find(&pending, "t-injection", "llm"));
	/* model-type of 'llm' and untrusted-input of 'app', each naming it. */
	for (i = 0; i < q.n; i++)
		if (strcmp(q.v[i].element, "model 'llm'") == 0 &&
		    strcmp(q.v[i].field, "model-type") == 0)
			break;
	assert_true(i < q.n);
	assert_string_equal(q.v[i].risks[0]->threat, "t-injection");
	/* Scored as if the answer were the risky one: no "to confirm". */
	assert_false(has_provisional_line(q.v[i].risks[0]));
	assert_int_equal(q.v[i].worst, q.v[i].risks[0]->severity);
	for (i = 0; i < q.n; i++)
		if (strcmp(q.v[i].element, "application 'app'") == 0 &&
		    strcmp(q.v[i].field, "untrusted-input") == 0)
			break;
	assert_true(i < q.n);
	risk_questions_release(&q);
	risk_register_release(&pending);
	model_free(m);
}

static void
test_flows_crossing_boundaries(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(assistant, &reg);
	/* backend (cloud) -> llm (vendor), encryption not answered. */
	expect(&reg, "t-plain", "complete",
	    "fact: flow 'complete' crosses from 'cloud' (internal) to "
	    "'vendor' (trust not set)\n"
	    "assumed: flow 'complete' is not encrypted (encrypted not "
	    "answered)\n"
	    "impact +2: the system is critical\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-plain", "answer",
	    "fact: flow 'answer' crosses from 'vendor' (trust not set) to "
	    "'cloud' (internal)\n"
	    "fact: flow 'answer' is not encrypted\n"
	    "impact +2: the system is critical\n");
	/* Encrypted; inside one boundary. */
	expect(&reg, "t-plain", "ask", "");
	expect(&reg, "t-plain", "retrieve", "");
	assert_int_equal(test_count(&reg, "t-plain"), 2);
	risk_register_release(&reg);

	run(HEAD
	    "components:\n"
	    "  - { id: a, name: A, kind: application, boundary: cloud }\n"
	    "  - { id: b, name: B, kind: application }\n"
	    "flows:\n"
	    "  - { id: f, from: a, to: b, encrypted: false }\n", &reg);
	expect(&reg, "t-plain", "f",
	    "assumed: flow 'f' crosses a trust boundary ('b' has no "
	    "boundary)\n"
	    "fact: flow 'f' is not encrypted\n"
	    "impact +2: the system is critical\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	risk_register_release(&reg);
}

static void
test_from_less_trusted_and_flow_ends(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(assistant, &reg);
	expect(&reg, "t-upward", "chat",
	    "fact: flow 'chat' goes from 'internet' (untrusted) to more "
	    "trusted 'cloud' (internal)\n"
	    "fact: flow 'chat' goes to 'agent'\n"
	    "fact: 'agent' is an agent\n"
	    "fact: flow 'chat' comes from 'customer'\n"
	    "fact: 'customer' is a user\n"
	    "impact +2: the system is critical\n");
	/* customer -> backend: to an application, not an agent or tool. */
	assert_int_equal(test_count(&reg, "t-upward"), 1);
	risk_register_release(&reg);

	run(HEAD
	    "components:\n"
	    "  - { id: u, name: U, kind: user, boundary: internet }\n"
	    "  - { id: t, name: T, kind: tool, boundary: vendor }\n"
	    "  - { id: t2, name: T, kind: tool, boundary: internet }\n"
	    "flows:\n"
	    "  - { id: f, from: u, to: t }\n"
	    "  - { id: g, from: u, to: t2 }\n", &reg);
	expect(&reg, "t-upward", "f",
	    "assumed: flow 'f' comes from a less trusted boundary "
	    "(trust of 'vendor' not answered)\n"
	    "fact: flow 'f' goes to 't'\n"
	    "fact: 't' is a tool\n"
	    "fact: flow 'f' comes from 'u'\n"
	    "fact: 'u' is a user\n"
	    "impact +2: the system is critical\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* Inside one boundary nothing is less trusted, trust or not. */
	expect(&reg, "t-upward", "g", "");
	risk_register_release(&reg);
}

static void
test_any_all_and_not(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD
	    "components:\n"
	    "  - { id: agent, name: A, kind: agent }\n"
	    "  - { id: idle, name: A, kind: agent, can-act: false }\n"
	    "  - { id: shell, name: S, kind: tool, executes-code: true }\n"
	    "  - { id: calc, name: C, kind: tool, executes-code: false }\n"
	    "  - { id: doer, name: D, kind: tool, can-act: true,"
	    "      executes-code: false }\n", &reg);
	expect(&reg, "t-actor", "agent",
	    "fact: 'agent' is an agent\n"
	    "assumed: 'agent' can act (can-act not answered)\n"
	    "would be lower, impact -1 (its actions are reversible and "
	    "contained), if answered so: 'agent' can take only "
	    "low-impact actions (action-impact not answered)\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'agent' exposure "
	    "is internal (exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-actor", "shell",
	    "fact: 'shell' is a tool\n"
	    "fact: 'shell' executes code\n"
	    "would be lower, impact -1 (its actions are reversible and "
	    "contained), if answered so: 'shell' can take only "
	    "low-impact actions (action-impact not answered)\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'shell' exposure "
	    "is internal (exposure not answered)\n");
	expect(&reg, "t-actor", "idle", "");
	expect(&reg, "t-actor", "calc", "");
	/* can-act only counts for agents in this condition. */
	expect(&reg, "t-actor", "doer", "");
	risk_register_release(&reg);
}

/*
 * A field that a condition asks to be answered and tests for a value is
 * stated once, by the line of its value ("'d' origin is scraped"), in
 * whichever order the condition names them; "is answered" is left only
 * where no line states the value.
 */
static void
test_answered_beside_its_value_is_not_repeated(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD
	    "components:\n"
	    "  - { id: web, name: W, kind: data-source }\n"
	    "  - { id: d, name: D, kind: dataset, origin: scraped,"
	    "      labels-vetted: false, personal-data: true }\n"
	    "flows:\n"
	    "  - { id: f, from: web, to: d, data: [training-data] }\n",
	    &reg);
	expect(&reg, "t-answered-first", "d",
	    "fact: 'd' is a dataset\n"
	    "fact: 'd' origin is scraped\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'd' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-answered-last", "d",
	    "fact: 'd' is a dataset\n"
	    "fact: 'd' does not have its labels vetted\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'd' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-answered-only", "d",
	    "fact: 'd' is a dataset\n"
	    "fact: 'd' personal-data is answered\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'd' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-answered-set", "f",
	    "fact: flow 'f' goes to 'd'\n"
	    "fact: 'd' is a dataset\n"
	    "fact: flow 'f' carries training-data\n"
	    "impact +2: the system is critical\n");
	risk_register_release(&reg);
}

static void
test_inbound_outbound_and_downstream(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD
	    "components:\n"
	    "  - { id: src, name: S, kind: data-source }\n"
	    "  - { id: kb, name: K, kind: vector-store }\n"
	    "  - { id: kb2, name: K, kind: vector-store }\n"
	    "  - { id: db, name: D, kind: datastore }\n"
	    "  - { id: quiet-db, name: D, kind: datastore }\n"
	    "  - { id: llm, name: L, kind: model, model-type: vision }\n"
	    "  - { id: tool, name: T, kind: tool, human-approval: false }\n"
	    "  - { id: safe, name: T, kind: tool, human-approval: true }\n"
	    "flows:\n"
	    "  - { id: signed, from: src, to: kb, data: [documents],"
	    "      authenticated: true }\n"
	    "  - { id: ingest, from: src, to: kb, data: [documents],"
	    "      authenticated: false }\n"
	    "  - { id: export, from: db, to: src,"
	    "      data: [telemetry, personal-data] }\n"
	    "  - { id: logs, from: quiet-db, to: src, data: [telemetry] }\n"
	    "  - { id: act, from: llm, to: safe }\n"
	    "  - { id: act2, from: llm, to: tool }\n", &reg);
	expect(&reg, "t-inbound", "kb",
	    "fact: 'kb' is a vector-store\n"
	    "fact: flow 'ingest' goes into 'kb'\n"
	    "fact: flow 'ingest' carries documents\n"
	    "fact: flow 'ingest' is not authenticated\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'kb' exposure is "
	    "internal (exposure not answered)\n");
	/* No flow into it at all. */
	expect(&reg, "t-inbound", "kb2", "");
	expect(&reg, "t-outbound", "db",
	    "fact: 'db' is a datastore\n"
	    "fact: flow 'export' leaves 'db'\n"
	    "fact: flow 'export' carries personal-data\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'db' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-outbound", "quiet-db", "");
	expect(&reg, "t-downstream", "llm",
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' sends to 'tool' (flow 'act2')\n"
	    "fact: 'tool' is a tool\n"
	    "fact: 'tool' does not need human approval\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'llm' exposure is "
	    "internal (exposure not answered)\n");
	/* A vision model has no untrusted upstream: no injection. */
	assert_int_equal(test_count(&reg, "t-injection"), 0);
	risk_register_release(&reg);
}

static void
test_reachable_from_any_path(void **state)
{
	struct risk_register	reg;

	(void)state;
	/* u -> a -> b -> m, with a cycle b -> a; offline is unreached. */
	run(HEAD
	    "components:\n"
	    "  - { id: m, name: M, kind: model }\n"
	    "  - { id: offline, name: O, kind: model }\n"
	    "  - { id: a, name: A, kind: application }\n"
	    "  - { id: b, name: B, kind: application }\n"
	    "  - { id: u, name: U, kind: user }\n"
	    "  - { id: loop, name: L, kind: model }\n"
	    "flows:\n"
	    "  - { id: f1, from: u, to: a }\n"
	    "  - { id: f2, from: a, to: b }\n"
	    "  - { id: f3, from: b, to: a }\n"
	    "  - { id: f4, from: b, to: m }\n"
	    "  - { id: f5, from: offline, to: loop }\n"
	    "  - { id: f6, from: loop, to: offline }\n", &reg);
	expect(&reg, "t-reachable", "m",
	    "fact: 'm' is a model\n"
	    "fact: 'm' is reachable from 'u' through flows 'f1', 'f2', "
	    "'f4'\n"
	    "fact: 'u' is a user\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-reachable", "offline", "");
	expect(&reg, "t-reachable", "loop", "");
	assert_int_equal(test_count(&reg, "t-reachable"), 1);
	risk_register_release(&reg);

	/*
	 * Five users: four paths are named, the rest counted in a line that
	 * gives the far end's words, or says they meet the same condition
	 * (not the condition's syntax, which the paths above explain).
	 */
	run(HEAD
	    "components:\n"
	    "  - { id: m, name: M, kind: model }\n"
	    "  - { id: u1, name: U, kind: user }\n"
	    "  - { id: u2, name: U, kind: user }\n"
	    "  - { id: u3, name: U, kind: user }\n"
	    "  - { id: u4, name: U, kind: user }\n"
	    "  - { id: u5, name: U, kind: user }\n"
	    "flows:\n"
	    "  - { id: f1, from: u1, to: m }\n"
	    "  - { id: f2, from: u2, to: m }\n"
	    "  - { id: f3, from: u3, to: m }\n"
	    "  - { id: f4, from: u4, to: m }\n"
	    "  - { id: f5, from: u5, to: m }\n", &reg);
	expect(&reg, "t-reachable", "m",
	    "fact: 'm' is a model\n"
	    "fact: 'm' is reachable from 'u1' through flow 'f1'\n"
	    "fact: 'u1' is a user\n"
	    "fact: 'm' is reachable from 'u2' through flow 'f2'\n"
	    "fact: 'u2' is a user\n"
	    "fact: 'm' is reachable from 'u3' through flow 'f3'\n"
	    "fact: 'u3' is a user\n"
	    "fact: 'm' is reachable from 'u4' through flow 'f4'\n"
	    "fact: 'u4' is a user\n"
	    "fact: more components reach 'm', and meet the same "
	    "condition as those above\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-reachable-said", "m",
	    "fact: 'm' is a model\n"
	    "fact: 'm' is reachable from 'u1' through flow 'f1'\n"
	    "fact: 'u1' is a person\n"
	    "fact: 'm' is reachable from 'u2' through flow 'f2'\n"
	    "fact: 'u2' is a person\n"
	    "fact: 'm' is reachable from 'u3' through flow 'f3'\n"
	    "fact: 'u3' is a person\n"
	    "fact: 'm' is reachable from 'u4' through flow 'f4'\n"
	    "fact: 'u4' is a person\n"
	    "fact: more components reach 'm', and each is a person\n"
	    "impact +2: the system is critical\n"
	    "would be lower, impact -1 (reachable only inside the "
	    "organisation), if answered so: 'm' exposure is internal "
	    "(exposure not answered)\n");
	risk_register_release(&reg);
}

static void
test_reaches_any_path_forward(void **state)
{
	struct risk_register	reg;

	(void)state;
	/*
	 * src reaches llm in five hops, with a loop a2 -> a1 on the way;
	 * kb2 reaches both a model of unknown type and, in three hops, the
	 * llm; kb reaches only the model of unknown type; idx is reached
	 * from the llm but reaches nothing; loop-src runs in a circle;
	 * far is six hops from the llm.
	 */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: src, name: S, kind: data-source }\n"
	    "  - { id: a1, name: A, kind: application }\n"
	    "  - { id: a2, name: A, kind: application }\n"
	    "  - { id: a3, name: A, kind: application }\n"
	    "  - { id: a4, name: A, kind: application }\n"
	    "  - { id: llm, name: L, kind: model, model-type: llm }\n"
	    "  - { id: mystery, name: M, kind: model }\n"
	    "  - { id: kb, name: K, kind: vector-store }\n"
	    "  - { id: kb2, name: K, kind: vector-store }\n"
	    "  - { id: idx, name: I, kind: vector-store }\n"
	    "  - { id: loop-src, name: S, kind: data-source }\n"
	    "  - { id: c1, name: C, kind: application }\n"
	    "  - { id: c2, name: C, kind: application }\n"
	    "  - { id: lone, name: S, kind: data-source }\n"
	    "  - { id: ds-m, name: S, kind: data-source }\n"
	    "  - { id: far, name: S, kind: data-source }\n"
	    "  - { id: a0, name: A, kind: application }\n"
	    "flows:\n"
	    "  - { id: h1, from: src, to: a1 }\n"
	    "  - { id: f1, from: far, to: a0 }\n"
	    "  - { id: f2, from: a0, to: a1 }\n"
	    "  - { id: h2, from: a1, to: a2 }\n"
	    "  - { id: back, from: a2, to: a1 }\n"
	    "  - { id: h3, from: a2, to: a3 }\n"
	    "  - { id: h4, from: a3, to: a4 }\n"
	    "  - { id: h5, from: a4, to: llm }\n"
	    "  - { id: km, from: kb, to: mystery }\n"
	    "  - { id: k2m, from: kb2, to: mystery }\n"
	    "  - { id: k2a, from: kb2, to: a3 }\n"
	    "  - { id: out, from: llm, to: idx }\n"
	    "  - { id: l1, from: loop-src, to: c1 }\n"
	    "  - { id: l2, from: c1, to: c2 }\n"
	    "  - { id: l3, from: c2, to: c1 }\n"
	    "  - { id: dm, from: ds-m, to: mystery }\n", &reg);
	expect(&reg, "t-reaches", "src",
	    "fact: 'src' is a data-source\n"
	    "fact: 'src' reaches 'llm' through flows 'h1', 'h2', 'h3', "
	    "'h4', 'h5'\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n");
	/* Six flows: those nearest the subject named, the rest counted. */
	expect(&reg, "t-reaches", "far",
	    "fact: 'far' is a data-source\n"
	    "fact: 'far' reaches 'llm' through 6 flows: 'f1', 'f2', 'h2', "
	    "'h3', ...\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n");
	/* A path to a yes beats a path to a maybe. */
	expect(&reg, "t-reaches", "kb2",
	    "fact: 'kb2' is a vector-store\n"
	    "fact: 'kb2' reaches 'llm' through flows 'k2a', 'h4', 'h5'\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n");
	expect(&reg, "t-reaches", "kb",
	    "fact: 'kb' is a vector-store\n"
	    "fact: 'kb' reaches 'mystery' through flow 'km'\n"
	    "fact: 'mystery' is a model\n"
	    "assumed: 'mystery' model-type is llm (model-type not "
	    "answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* Flows run forward only; a circle without the llm ends. */
	expect(&reg, "t-reaches", "idx", "");
	expect(&reg, "t-reaches", "loop-src", "");
	expect(&reg, "t-reaches", "lone", "");
	assert_int_equal(test_count(&reg, "t-reaches"), 5);

	/* not: reaches, definitely and by assumption. */
	expect(&reg, "t-unreached", "src", "");
	expect(&reg, "t-unreached", "loop-src",
	    "fact: 'loop-src' is a data-source\n"
	    "fact: nothing reached from 'loop-src' matches {kind: model, "
	    "model-type: llm}\n");
	expect(&reg, "t-unreached", "lone",
	    "fact: 'lone' is a data-source\n"
	    "fact: nothing reached from 'lone' matches {kind: model, "
	    "model-type: llm}\n");
	expect(&reg, "t-unreached", "ds-m",
	    "fact: 'ds-m' is a data-source\n"
	    "fact: 'ds-m' reaches 'mystery' through flow 'dm'\n"
	    "assumed: 'mystery' model-type is not llm (model-type not "
	    "answered)\n"
	    "assumed: nothing else reached from 'ds-m' matches {kind: "
	    "model, model-type: llm} (not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	assert_int_equal(test_count(&reg, "t-unreached"), 3);
	risk_register_release(&reg);
}

static void
test_paths_via_data_classes(void **state)
{
	struct risk_register	reg;

	(void)state;
	/*
	 * u prompts m1 through app; u reaches m2 only by uploading weights
	 * to a registry; the last hop to m3 does not say what it carries
	 * (app2 is reached by a prompt, then the path goes on by
	 * assumption); m5 has a path of unknown data and one of prompts;
	 * m6 is six hops away, two of them not answered; m7 five, where
	 * "..." would stand for one flow only.
	 */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: u, name: U, kind: user }\n"
	    "  - { id: app, name: A, kind: application }\n"
	    "  - { id: app2, name: A, kind: application }\n"
	    "  - { id: reg, name: R, kind: model-registry }\n"
	    "  - { id: m1, name: M, kind: model }\n"
	    "  - { id: m2, name: M, kind: model }\n"
	    "  - { id: m3, name: M, kind: model }\n"
	    "  - { id: m5, name: M, kind: model }\n"
	    "  - { id: b1, name: B, kind: application }\n"
	    "  - { id: b2, name: B, kind: application }\n"
	    "  - { id: b3, name: B, kind: application }\n"
	    "  - { id: b4, name: B, kind: application }\n"
	    "  - { id: b5, name: B, kind: application }\n"
	    "  - { id: m6, name: M, kind: model }\n"
	    "  - { id: d1, name: D, kind: application }\n"
	    "  - { id: d2, name: D, kind: application }\n"
	    "  - { id: d3, name: D, kind: application }\n"
	    "  - { id: d4, name: D, kind: application }\n"
	    "  - { id: m7, name: M, kind: model }\n"
	    "flows:\n"
	    "  - { id: ask, from: u, to: app, data: [prompt] }\n"
	    "  - { id: call, from: app, to: m1, data: [documents, "
	    "telemetry] }\n"
	    "  - { id: up, from: u, to: reg, data: [model-weights] }\n"
	    "  - { id: load, from: reg, to: m2, data: [model-weights] }\n"
	    "  - { id: x, from: u, to: app2, data: [prompt] }\n"
	    "  - { id: y, from: app2, to: m3 }\n"
	    "  - { id: q1, from: u, to: m5 }\n"
	    "  - { id: q2, from: app, to: m5, data: [prompt] }\n"
	    "  - { id: c1, from: u, to: b1 }\n"
	    "  - { id: c2, from: b1, to: b2, data: [prompt] }\n"
	    "  - { id: c3, from: b2, to: b3, data: [prompt] }\n"
	    "  - { id: c4, from: b3, to: b4, data: [prompt] }\n"
	    "  - { id: c5, from: b4, to: b5, data: [prompt] }\n"
	    "  - { id: c6, from: b5, to: m6 }\n"
	    "  - { id: e1, from: u, to: d1, data: [prompt] }\n"
	    "  - { id: e2, from: d1, to: d2, data: [prompt] }\n"
	    "  - { id: e3, from: d2, to: d3, data: [prompt] }\n"
	    "  - { id: e4, from: d3, to: d4, data: [prompt] }\n"
	    "  - { id: e5, from: d4, to: m7, data: [prompt] }\n", &reg);
	expect(&reg, "t-instructed", "m1",
	    "fact: 'm1' is a model\n"
	    "fact: 'm1' is reachable from 'u' through flows 'ask', "
	    "'call', each carrying prompt or documents\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm1' exposure is "
	    "internal (exposure not answered)\n");
	/* Any path would do for reachable-from; not one of weights. */
	expect(&reg, "t-reachable", "m2",
	    "fact: 'm2' is a model\n"
	    "fact: 'm2' is reachable from 'u' through flows 'up', "
	    "'load'\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm2' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-instructed", "m2", "");
	/* A yes path to app2, then a flow that may carry a prompt. */
	expect(&reg, "t-instructed", "m3",
	    "fact: 'm3' is a model\n"
	    "fact: 'm3' is reachable from 'u' through flows 'x', 'y', "
	    "each carrying prompt or documents where answered\n"
	    "assumed: flow 'y' carries prompt or documents (not "
	    "answered)\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm3' exposure is "
	    "internal (exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* A path that carries a prompt beats one that may. */
	expect(&reg, "t-instructed", "m5",
	    "fact: 'm5' is a model\n"
	    "fact: 'm5' is reachable from 'u' through flows 'ask', 'q2', "
	    "each carrying prompt or documents\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm5' exposure is "
	    "internal (exposure not answered)\n");
	/* The flows nearest the model are named, the others counted. */
	expect(&reg, "t-instructed", "m6",
	    "fact: 'm6' is a model\n"
	    "fact: 'm6' is reachable from 'u' through 6 flows: ..., "
	    "'c3', 'c4', 'c5', 'c6', each carrying prompt or documents "
	    "where answered\n"
	    "assumed: flow 'c6' carries prompt or documents (not "
	    "answered)\n"
	    "assumed: 1 more flows of the path carry prompt or documents "
	    "(not answered)\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm6' exposure is "
	    "internal "
	    "(exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* Five flows are all named: "..." would hide only 'e1'. */
	expect(&reg, "t-instructed", "m7",
	    "fact: 'm7' is a model\n"
	    "fact: 'm7' is reachable from 'u' through flows 'e1', 'e2', "
	    "'e3', 'e4', 'e5', each carrying prompt or documents\n"
	    "fact: 'u' is a user\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'm7' exposure is "
	    "internal (exposure not answered)\n");
	assert_int_equal(test_count(&reg, "t-instructed"), 5);

	/* not: definitely (only weights) and by assumption. */
	expect(&reg, "t-uninstructed", "m1",
	    "fact: 'm1' is a model\n"
	    "fact: nothing that reaches 'm1' through flows that carry prompt "
	    "matches {kind: user}\n");
	expect(&reg, "t-uninstructed", "m2",
	    "fact: 'm2' is a model\n"
	    "fact: nothing that reaches 'm2' through flows that carry prompt "
	    "matches {kind: user}\n");
	expect(&reg, "t-uninstructed", "m3",
	    "fact: 'm3' is a model\n"
	    "fact: 'm3' is reachable from 'u' through flows 'x', 'y', "
	    "each carrying prompt where answered\n"
	    "assumed: flow 'y' does not carry prompt (not answered)\n"
	    "fact: 'u' is a user\n"
	    "assumed: nothing else that reaches 'm3' through flows "
	    "that carry prompt matches {kind: user} (not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-uninstructed", "m5", "");
	assert_int_equal(test_count(&reg, "t-uninstructed"), 4);
	risk_register_release(&reg);

	/*
	 * reaches: src's documents reach the llm; src2 sends documents to an
	 * application that passes on only prompts; src3 says nothing of
	 * what it sends; src4 sends to app3, whose documents reach the llm.
	 */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: src, name: S, kind: data-source }\n"
	    "  - { id: src2, name: S, kind: data-source }\n"
	    "  - { id: src3, name: S, kind: data-source }\n"
	    "  - { id: src4, name: S, kind: data-source }\n"
	    "  - { id: app, name: A, kind: application }\n"
	    "  - { id: app3, name: A, kind: application }\n"
	    "  - { id: llm, name: L, kind: model, model-type: llm }\n"
	    "flows:\n"
	    "  - { id: s1, from: src, to: app3, data: [documents] }\n"
	    "  - { id: s2, from: app3, to: llm, data: [prompt, documents] }\n"
	    "  - { id: r1, from: src2, to: app, data: [documents] }\n"
	    "  - { id: r2, from: app, to: llm, data: [prompt] }\n"
	    "  - { id: t1, from: src3, to: llm }\n"
	    "  - { id: u1, from: src4, to: app3 }\n", &reg);
	expect(&reg, "t-feeds", "src",
	    "fact: 'src' is a data-source\n"
	    "fact: 'src' reaches 'llm' through flows 's1', 's2', each "
	    "carrying documents\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n");
	expect(&reg, "t-feeds", "src2", "");
	expect(&reg, "t-feeds", "src3",
	    "fact: 'src3' is a data-source\n"
	    "fact: 'src3' reaches 'llm' through flow 't1'\n"
	    "assumed: flow 't1' carries documents (not answered)\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-feeds", "src4",
	    "fact: 'src4' is a data-source\n"
	    "fact: 'src4' reaches 'llm' through flows 'u1', 's2', each "
	    "carrying documents where answered\n"
	    "assumed: flow 'u1' carries documents (not answered)\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	assert_int_equal(test_count(&reg, "t-feeds"), 3);
	/* Without via, src2 reaches the llm. */
	expect(&reg, "t-reaches", "src2",
	    "fact: 'src2' is a data-source\n"
	    "fact: 'src2' reaches 'llm' through flows 'r1', 'r2'\n"
	    "fact: 'llm' is a model\n"
	    "fact: 'llm' model-type is llm\n");
	risk_register_release(&reg);
}

/* A condition written back in one line, or its error. */
static char *
cond_roundtrip(const char *yaml, enum target_type subject)
{
	struct ydoc	*d;
	struct cond	*c;
	struct error	 err;
	struct buf	 b;
	size_t		 slots = 0;

	if ((d = ydoc_parse(yaml, strlen(yaml), "c.yaml", &err)) == NULL)
		fail_msg("yaml: %s", err.msg);
	c = cond_parse(d, d->root, subject, &slots, &err);
	ydoc_free(d);
	if (c == NULL)
		return xasprintf("%lu:%lu: %s", err.line, err.col, err.msg);
	buf_init(&b);
	cond_format(c, &b);
	cond_free(c);
	return buf_detach(&b);
}

static void
test_via_is_checked_at_load(void **state)
{
	struct {
		const char		*yaml;
		const char		*want;
	} cases[] = {
		{ "{ reachable-from: { from: { kind: user },\n"
		  "  via: [prompt, promt] } }",
		  "2:17: unknown data class 'promt' for 'via' (did you mean "
		  "'prompt'?)" },
		{ "{ reachable-from: { kind: user, via: [prompt] } }",
		  "1:21: 'kind' cannot stand beside 'from' and 'via': put the "
		  "condition under 'from' (reachable-from: { from: { ... }, "
		  "via: [...] })" },
		{ "{ reaches: { from: { kind: model }, via: prompt } }",
		  "1:14: 'reaches' names where its paths lead with 'to', not "
		  "'from'" },
		{ "{ reachable-from: { via: [prompt] } }",
		  "1:19: 'reachable-from' with 'via' needs 'from:', the "
		  "condition on the components where its paths start" },
		{ "{ reachable-from: { from: { kind: user }, vai: prompt } }",
		  "1:43: unknown key 'vai' in 'reachable-from' (did you mean "
		  "'via'?)" },
		{ "{ kind: model, via: [prompt] }",
		  "1:16: 'via' belongs inside 'reachable-from: { from: { ... }, "
		  "via: [...] }' or 'reaches: { to: { ... }, via: [...] }'" },
		{ "{ reaches: { to: { kind: model }, via: [] } }",
		  "1:40: 'via' needs at least one value" },
		{ "{ reaches: { to: { kind: model }, via: { prompt: 1 } } }",
		  "1:40: 'via' must be a word or a list of words, not a "
		  "mapping" },
		{ "{ reaches: { to: { kind: tool, model-type: llm }, "
		  "via: prompt } }",
		  "1:32: field 'model-type' does not apply to kind 'tool' (only "
		  "to 'model')" },
		{ "{ reaches: { to: yes, via: prompt } }",
		  "1:18: 'to' must be a condition (a mapping), not text" },
		/* Accepted, and written back as read. */
		{ "{ kind: model, reachable-from: { via: [documents, prompt], "
		  "from: [ { kind: user }, { untrusted-input: true } ] } }",
		  "{kind: model, reachable-from: {from: [{kind: user}, "
		  "{untrusted-input: true}], via: [prompt, documents]}}" },
		{ "{ reaches: { to: { kind: model } } }",
		  "{reaches: {kind: model}}" },
		{ "{ not: { reaches: { to: { kind: model }, via: documents } } }",
		  "{not: {reaches: {to: {kind: model}, via: documents}}}" },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		got = cond_roundtrip(cases[i].yaml, TARGET_COMPONENT);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s\n  got      %s\n  expected %s",
			    cases[i].yaml, got, cases[i].want);
		free(got);
	}
}

static void
test_contains_looks_inside_each_boundary(void **state)
{
	struct risk_register	reg;

	(void)state;
	/*
	 * Five partner zones: p1 holds personal data, p2 only a user with
	 * it, p3 stores whose answer is missing, p4 both a store with it
	 * and one not answered; empty holds nothing.
	 */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "boundaries:\n"
	    "  - { id: p1, name: P, trust: partner }\n"
	    "  - { id: p2, name: P, trust: partner }\n"
	    "  - { id: p3, name: P, trust: partner }\n"
	    "  - { id: p4, name: P, trust: partner }\n"
	    "  - { id: empty, name: E, trust: partner }\n"
	    "  - { id: int, name: I, trust: internal }\n"
	    "components:\n"
	    "  - { id: crm, name: C, kind: datastore, boundary: p1,"
	    "      personal-data: true }\n"
	    "  - { id: llm, name: L, kind: model, boundary: p1,"
	    "      model-type: llm, personal-data: false }\n"
	    "  - { id: cust, name: C, kind: user, boundary: p2,"
	    "      personal-data: true }\n"
	    "  - { id: logs, name: L, kind: datastore, boundary: p2,"
	    "      personal-data: false }\n"
	    "  - { id: m2, name: M, kind: model, boundary: p2,"
	    "      personal-data: false }\n"
	    "  - { id: m3, name: M, kind: model, boundary: p2,"
	    "      personal-data: false }\n"
	    "  - { id: cache, name: C, kind: datastore, boundary: p3 }\n"
	    "  - { id: cache2, name: C, kind: datastore, boundary: p3 }\n"
	    "  - { id: cache3, name: C, kind: datastore, boundary: p4 }\n"
	    "  - { id: crm2, name: C, kind: datastore, boundary: p4,"
	    "      personal-data: true }\n"
	    "  - { id: hr, name: H, kind: datastore, boundary: int,"
	    "      personal-data: true }\n"
	    "  - { id: nowhere, name: N, kind: datastore,"
	    "      personal-data: true }\n", &reg);
	expect(&reg, "t-hosts", "p1",
	    "fact: boundary 'p1' trust is partner\n"
	    "fact: boundary 'p1' holds 'crm'\n"
	    "fact: 'crm' handles personal data\n"
	    "fact: 'crm' is a datastore\n");
	/* Same trust, but nothing inside matches. */
	expect(&reg, "t-hosts", "p2", "");
	expect(&reg, "t-hosts", "p3",
	    "fact: boundary 'p3' trust is partner\n"
	    "fact: boundary 'p3' holds 'cache'\n"
	    "assumed: 'cache' handles personal data (personal-data not "
	    "answered)\n"
	    "fact: 'cache' is a datastore\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* A component that matches beats one that may. */
	expect(&reg, "t-hosts", "p4",
	    "fact: boundary 'p4' trust is partner\n"
	    "fact: boundary 'p4' holds 'crm2'\n"
	    "fact: 'crm2' handles personal data\n"
	    "fact: 'crm2' is a datastore\n");
	expect(&reg, "t-hosts", "empty", "");
	expect(&reg, "t-hosts", "int", "");
	assert_int_equal(test_count(&reg, "t-hosts"), 3);

	/* not: contains, definitely and by assumption. */
	expect(&reg, "t-empty", "p1", "");
	expect(&reg, "t-empty", "p2",
	    "fact: boundary 'p2' holds 'm2'\n"
	    "assumed: 'm2' model-type is not llm (model-type not "
	    "answered)\n"
	    "assumed: 1 more components in boundary 'p2' do not match "
	    "{kind: model, model-type: llm} (not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-empty", "p3",
	    "fact: nothing in boundary 'p3' matches {kind: model, "
	    "model-type: llm}\n");
	expect(&reg, "t-empty", "empty",
	    "fact: boundary 'empty' holds no component\n");
	assert_int_equal(test_count(&reg, "t-empty"), 5);
	risk_register_release(&reg);
}

/* The error of a condition for a subject, as "LINE:COL: message". */
static char *
cond_error(const char *yaml, enum target_type subject)
{
	struct ydoc	*d;
	struct cond	*c;
	struct error	 err;
	size_t		 slots = 0;

	if ((d = ydoc_parse(yaml, strlen(yaml), "c.yaml", &err)) == NULL)
		fail_msg("yaml: %s", err.msg);
	c = cond_parse(d, d->root, subject, &slots, &err);
	ydoc_free(d);
	if (c != NULL) {
		cond_free(c);
		return xstrdup("(no error)");
	}
	return xasprintf("%lu:%lu: %s", err.line, err.col, err.msg);
}

static void
test_contains_and_reaches_are_checked_at_load(void **state)
{
	struct {
		const char		*yaml;
		enum target_type	 subject;
		const char		*want;
	} cases[] = {
		{ "{ kind: model, contains: { kind: tool } }",
		  TARGET_COMPONENT,
		  "1:16: 'contains' applies to boundaries, not to a "
		  "component" },
		{ "{ trust: partner,\n  reaches: { kind: model } }",
		  TARGET_BOUNDARY,
		  "2:3: 'reaches' applies to components, not to a boundary" },
		{ "{ contains: { trust: partner } }", TARGET_BOUNDARY,
		  "1:15: 'trust' is a field of a boundary (use 'boundary:'), "
		  "not of a component" },
		{ "{ reaches: { kind: tool, model-type: llm } }",
		  TARGET_COMPONENT,
		  "1:26: field 'model-type' does not apply to kind 'tool' "
		  "(only to 'model')" },
		{ "{ contains: { kind: modle } }", TARGET_BOUNDARY,
		  "1:21: unknown component kind 'modle' for 'kind' (did you "
		  "mean 'model'?)" },
		{ "{ contain: { kind: model } }", TARGET_BOUNDARY,
		  "1:3: unknown field 'contain' for a boundary (did you mean "
		  "'contains'?)" },
		{ "{ reach: { kind: model } }", TARGET_COMPONENT,
		  "1:3: unknown field 'reach' for a component (did you mean "
		  "'reaches'?)" },
		{ "{ reaches: yes }", TARGET_COMPONENT,
		  "1:12: 'reaches' must be a condition (a mapping), not "
		  "text" },
		{ "{ contains: [] }", TARGET_BOUNDARY,
		  "1:13: 'contains' needs at least one condition" },
		{ "{ contains: [ { kind: model }, { reaches: { kind: "
		  "model } } ] }", TARGET_BOUNDARY, "(no error)" },
		{ "{ system: { criticality: high }, exists: { contains: "
		  "{ kind: model } } }", TARGET_ANY,
		  "1:44: 'contains' applies to boundaries, not to a "
		  "component" },
		/* answered: one field of the subject, by name */
		{ "{ kind: model, answered: learns-from-feedback }",
		  TARGET_COMPONENT, "(no error)" },
		{ "{ answered: [fine-tuned, open-weights] }", TARGET_COMPONENT,
		  "1:13: 'answered' names one field, not a list (for "
		  "several, 'all: [{answered: a}, {answered: b}]')" },
		{ "{ answered: fine-tunde }", TARGET_COMPONENT,
		  "1:13: 'answered': unknown field 'fine-tunde' for a "
		  "component (did you mean 'fine-tuned'?)" },
		{ "{ kind: tool, answered: model-type }", TARGET_COMPONENT,
		  "1:25: 'answered': field 'model-type' does not apply to "
		  "kind 'tool' (only to 'model')" },
		{ "{ answered: description }", TARGET_COMPONENT,
		  "1:13: 'answered': 'description' is text, which a "
		  "condition cannot test" },
		{ "{ answered: kind }", TARGET_COMPONENT,
		  "1:13: 'answered': a component's kind is always set "
		  "(test it with 'kind')" },
		{ "{ answered: trust }", TARGET_COMPONENT,
		  "1:13: 'answered': unknown field 'trust' for a "
		  "component" },
		{ "{ answered: exposure }", TARGET_ANY,
		  "1:3: 'answered' depends on the target: a condition for "
		  "any target may only use 'system', 'exists', 'practice', "
		  "'all', 'any' and 'not'" },
		{ "{ answered: encrypted }", TARGET_FLOW, "(no error)" },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		got = cond_error(cases[i].yaml, cases[i].subject);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s\n  got      %s\n  expected %s",
			    cases[i].yaml, got, cases[i].want);
		free(got);
	}
}

static void
test_component_boundary_and_boundary_targets(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD
	    "components:\n"
	    "  - { id: ep, name: E, kind: inference-service,"
	    "      boundary: internet }\n"
	    "  - { id: nowhere, name: E, kind: inference-service }\n"
	    "  - { id: inside, name: E, kind: inference-service,"
	    "      boundary: cloud }\n", &reg);
	expect(&reg, "t-boundary", "ep",
	    "fact: 'ep' is an inference-service\n"
	    "fact: 'ep' is in boundary 'internet'\n"
	    "fact: boundary 'internet' trust is untrusted\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'ep' exposure is "
	    "internal (exposure not answered)\n");
	expect(&reg, "t-boundary", "nowhere",
	    "fact: 'nowhere' is an inference-service\n"
	    "assumed: 'nowhere' is in a boundary matching {trust: "
	    "untrusted} (no boundary set)\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'nowhere' "
	    "exposure is internal (exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-boundary", "inside", "");
	expect(&reg, "t-zone", "internet",
	    "fact: boundary 'internet' trust is untrusted\n"
	    "impact +2: the system is critical\n");
	expect(&reg, "t-zone", "vendor",
	    "assumed: boundary 'vendor' trust is untrusted or partner "
	    "(trust not answered)\n"
	    "impact +2: the system is critical\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	expect(&reg, "t-zone", "cloud", "");
	risk_register_release(&reg);
}

static void
test_exists_system_and_practice(void **state)
{
	struct risk_register	reg;

	(void)state;
	run(HEAD "practices: { q-monitoring: no }\n", &reg);
	expect(&reg, "t-unwatched", "sys",
	    "fact: no component matches {kind: monitoring, watches: inputs}\n"
	    "impact +2: the system is critical\n");
	expect(&reg, "t-practice", "sys",
	    "fact: the answer to practice question 'q-monitoring' is no\n"
	    "impact +2: the system is critical\n");
	risk_register_release(&reg);

	/* Two monitors whose signals are not answered: maybe. */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: mon, name: M, kind: monitoring }\n"
	    "  - { id: mon2, name: M, kind: monitoring }\n"
	    "  - { id: llm, name: L, kind: model }\n", &reg);
	expect(&reg, "t-unwatched", "sys",
	    "assumed: 'mon' does not watch inputs (watches not "
	    "answered)\n"
	    "assumed: 1 more components do not match {kind: "
	    "monitoring, watches: inputs} (not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	/* An unanswered practice question is an open question, no risk. */
	expect(&reg, "t-practice", "sys", "");
	expect(&reg, "t-critical-model", "llm",
	    "fact: 'llm' is a model\n"
	    "assumed: system 'sys' criticality is high or critical "
	    "(criticality not answered)\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'llm' exposure is "
	    "internal (exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	risk_register_release(&reg);

	run("parapet: 1\n"
	    "system: { id: sys, name: S, criticality: low }\n"
	    "components:\n"
	    "  - { id: mon, name: M, kind: monitoring,"
	    "      watches: [outputs, inputs] }\n"
	    "  - { id: llm, name: L, kind: model }\n"
	    "practices: { q-monitoring: yes }\n", &reg);
	assert_int_equal(test_count(&reg, "t-unwatched"), 0);
	assert_int_equal(test_count(&reg, "t-practice"), 0);
	assert_int_equal(test_count(&reg, "t-critical-model"), 0);
	risk_register_release(&reg);
}

static void
test_adjustments_are_clamped_and_need_a_definite_yes(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	run("parapet: 1\n"
	    "system: { id: sys, name: S, criticality: critical }\n"
	    "components:\n"
	    "  - { id: pub, name: P, kind: application, exposure: public,"
	    "      untrusted-input: true }\n"
	    "  - { id: int, name: I, kind: application, exposure: internal,"
	    "      untrusted-input: true }\n"
	    "  - { id: unk, name: U, kind: application,"
	    "      untrusted-input: true }\n"
	    "  - { id: m1, name: M, kind: model, model-type: llm }\n"
	    "  - { id: m2, name: M, kind: model, model-type: llm,"
	    "      exposure: public }\n"
	    "  - { id: m3, name: M, kind: model, model-type: llm,"
	    "      exposure: internal }\n"
	    "  - { id: tool, name: T, kind: tool, human-approval: false }\n"
	    "flows:\n"
	    "  - { id: a, from: pub, to: m1 }\n"
	    "  - { id: b, from: unk, to: m2 }\n"
	    "  - { id: c, from: int, to: m3 }\n"
	    "  - { id: d, from: m2, to: tool }\n", &reg);
	/* Exposure not answered: no adjustment. */
	k = risk_register_find(&reg, "t-injection", "m1");
	assert_int_equal(k->likelihood, 3);
	assert_int_equal(k->impact, 5);
	/* Public, and the threat has T: likelihood 3 + 2. */
	k = risk_register_find(&reg, "t-injection", "m2");
	assert_int_equal(k->likelihood, 5);
	assert_int_equal(k->impact, 5);
	assert_int_equal(k->severity, LEVEL_CRITICAL);
	expect(&reg, "t-injection", "m2",
	    "fact: 'm2' is a model\n"
	    "fact: 'm2' model-type is llm\n"
	    "fact: 'unk' sends to 'm2' (flow 'b')\n"
	    "fact: 'unk' takes untrusted input\n"
	    "likelihood +2: exposed to the internet\n"
	    "impact +2: the system is critical\n");
	/* The adjustment's STRIDE letters must meet the threat's. */
	k = risk_register_find(&reg, "t-downstream", "m2");
	assert_int_equal(k->likelihood, 2);
	/* Internal: 3 - 2 and 4 - 1 + 2; the reason is on one line. */
	k = risk_register_find(&reg, "t-injection", "m3");
	assert_int_equal(k->likelihood, 1);
	assert_int_equal(k->impact, 5);
	expect(&reg, "t-injection", "m3",
	    "fact: 'm3' is a model\n"
	    "fact: 'm3' model-type is llm\n"
	    "fact: 'int' sends to 'm3' (flow 'c')\n"
	    "fact: 'int' takes untrusted input\n"
	    "impact +2: the system is critical\n"
	    "likelihood -2: reachable only inside the organisation\n"
	    "impact -1: reachable only inside the organisation\n");
	risk_register_release(&reg);
}

static void
test_adjustments_may_name_their_threats(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	/* Same target, condition and STRIDE letter: only the name differs. */
	run("parapet: 1\n"
	    "system: { id: sys, name: S }\n"
	    "components:\n"
	    "  - { id: pay, name: P, kind: external-service,"
	    "      exposure: public }\n"
	    "  - { id: mail, name: M, kind: external-service,"
	    "      exposure: internal }\n", &reg);
	k = risk_register_find(&reg, "t-twin-a", "pay");
	assert_int_equal(k->likelihood, 2);
	k = risk_register_find(&reg, "t-twin-b", "pay");
	assert_int_equal(k->likelihood, 4);
	expect(&reg, "t-twin-b", "pay",
	    "fact: 'pay' is an external-service\n"
	    "likelihood +2: named threats only\n");
	/* The others still apply to both. */
	k = risk_register_find(&reg, "t-twin-a", "mail");
	assert_int_equal(k->likelihood, 1);
	k = risk_register_find(&reg, "t-twin-b", "mail");
	assert_int_equal(k->likelihood, 1);
	risk_register_release(&reg);
}

static void
test_initiator_and_action_impact(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;

	(void)state;
	/*
	 * The internet sends to app (a request), app fetches from the web
	 * (a download), and nobody said who opens 'feed'. Three agents that
	 * can act: one whose worst action is costly, one whose actions are
	 * contained, one not answered.
	 */
	run(HEAD
	    "components:\n"
	    "  - { id: u, name: U, kind: user, boundary: internet }\n"
	    "  - { id: web, name: W, kind: data-source, boundary: internet }\n"
	    "  - { id: app, name: A, kind: application, boundary: cloud }\n"
	    "  - { id: pay, name: P, kind: agent, can-act: true,"
	    "      action-impact: high }\n"
	    "  - { id: notes, name: N, kind: agent, can-act: true,"
	    "      action-impact: low }\n"
	    "  - { id: plain, name: N, kind: agent, can-act: true }\n"
	    "flows:\n"
	    "  - { id: ask, from: u, to: app, initiator: from }\n"
	    "  - { id: fetch, from: web, to: app, initiator: to }\n"
	    "  - { id: feed, from: web, to: app }\n", &reg);
	expect(&reg, "t-accepted", "ask",
	    "fact: flow 'ask' goes from 'internet' (untrusted) to more "
	    "trusted 'cloud' (internal)\n"
	    "fact: flow 'ask' is opened by its source\n"
	    "impact +2: the system is critical\n");
	/* A download is no accepted request; unknown stays maybe. */
	expect(&reg, "t-accepted", "fetch", "");
	expect(&reg, "t-accepted", "feed",
	    "fact: flow 'feed' goes from 'internet' (untrusted) to "
	    "more trusted 'cloud' (internal)\n"
	    "assumed: flow 'feed' is not opened by its destination "
	    "(initiator not answered)\n"
	    "impact +2: the system is critical\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	assert_int_equal(test_count(&reg, "t-accepted"), 2);
	/* impact 2, +2 for the critical system, then +1, -1 or nothing. */
	k = risk_register_find(&reg, "t-actor", "pay");
	assert_int_equal(k->impact, 5);
	expect(&reg, "t-actor", "pay",
	    "fact: 'pay' is an agent\n"
	    "fact: 'pay' can act\n"
	    "impact +1: its worst action is costly\n"
	    "impact +2: the system is critical\n"
	    "would be lower, likelihood -2, impact -1 (reachable only "
	    "inside the organisation), if answered so: 'pay' exposure is "
	    "internal (exposure not answered)\n");
	k = risk_register_find(&reg, "t-actor", "notes");
	assert_int_equal(k->impact, 3);
	k = risk_register_find(&reg, "t-actor", "plain");
	assert_int_equal(k->impact, 4);
	expect(&reg, "t-costly", "pay",
	    "fact: 'pay' is an agent\n"
	    "fact: 'pay' can take actions of high impact\n"
	    "impact +2: the system is critical\n"
	    "would be lower, impact -1 (reachable only inside the "
	    "organisation), if answered so: 'pay' exposure is internal "
	    "(exposure not answered)\n");
	expect(&reg, "t-costly", "notes", "");
	expect(&reg, "t-costly", "plain",
	    "fact: 'plain' is an agent\n"
	    "assumed: 'plain' can take actions of high impact "
	    "(action-impact not answered)\n"
	    "impact +2: the system is critical\n"
	    "would be lower, impact -1 (reachable only inside the "
	    "organisation), if answered so: 'plain' exposure is internal "
	    "(exposure not answered)\n"
	    "likelihood -1: it rests on unanswered fields (to confirm)\n");
	risk_register_release(&reg);
}

/*
 * model-type holds several words and a condition asks whether it contains
 * one; paths from the physical world follow the media that carry them,
 * not a camera's configuration or an import of image files.
 */
static void
test_model_types_and_media_paths(void **state)
{
	struct risk_register	 reg;

	(void)state;
	run("parapet: 1\n"
	    "system: { id: sys, name: S, criticality: low }\n"
	    "components:\n"
	    "  - { id: cam, name: C, kind: data-source, capture: camera }\n"
	    "  - { id: scans, name: I, kind: data-source, capture: import }\n"
	    "  - { id: ops, name: O, kind: data-source, capture: sensor }\n"
	    "  - { id: mm, name: M, kind: model, model-type: [llm, vision] }\n"
	    "  - { id: ocr, name: O, kind: model, model-type: vision }\n"
	    "  - { id: chat, name: C, kind: model, model-type: llm }\n"
	    "  - { id: tab, name: T, kind: model, model-type: classifier }\n"
	    "flows:\n"
	    "  - { id: frames, from: cam, to: mm, data: [video] }\n"
	    "  - { id: files, from: scans, to: ocr, data: [image] }\n"
	    "  - { id: setup, from: ops, to: tab, data: [configuration] }\n",
	    &reg);
	expect(&reg, "t-sees", "mm",
	    "fact: 'mm' is a model\n"
	    "fact: 'mm' model-type includes vision (llm, vision)\n"
	    "fact: system 'sys' criticality is low\n");
	expect(&reg, "t-sees", "ocr",
	    "fact: 'ocr' is a model\n"
	    "fact: 'ocr' model-type is vision\n"
	    "fact: system 'sys' criticality is low\n");
	expect(&reg, "t-sees", "chat", "");
	assert_int_equal(test_count(&reg, "t-sees"), 2);
	expect(&reg, "t-physical", "mm",
	    "fact: 'mm' is a model\n"
	    "fact: 'mm' model-type includes vision (llm, vision)\n"
	    "fact: system 'sys' criticality is low\n"
	    "fact: 'mm' is reachable from 'cam' through flow 'frames', "
	    "carrying audio, image or video\n"
	    "fact: 'cam' captures from a camera in the physical world\n");
	/* Imported images are no camera; a model that sees no images. */
	expect(&reg, "t-physical", "ocr", "");
	expect(&reg, "t-physical", "tab", "");
	assert_int_equal(test_count(&reg, "t-physical"), 1);
	risk_register_release(&reg);
}

/*
 * "practice: {q: yes}" holds only on a "yes": a threat that a practice
 * answers is quiet on a yes and stands on a "no" or an open question.
 * The form is checked at load and written back as read.
 */
static void
test_practice_answered_yes(void **state)
{
	struct {
		const char		*yaml;
		const char		*want;
	} cases[] = {
		{ "{ not: { practice: { q-a: yes } } }",
		  "{not: {practice: {q-a: yes}}}" },
		{ "{ practice: { q-a: yes, q-b: no } }",
		  "{practice: {q-a: yes, q-b: no}}" },
		{ "{ practice: [q-a, q-b] }", "{practice: [q-a, q-b]}" },
		{ "{ practice: q-a }", "{practice: q-a}" },
		{ "{ practice: { q-a: true } }",
		  "1:20: the answer to 'q-a' must be yes or no, not 'true'" },
		{ "{ practice: { q-a: unknown } }",
		  "1:20: the answer to 'q-a' must be yes or no, not "
		  "'unknown'" },
		{ "{ practice: { q-a: [yes] } }",
		  "1:20: the answer to 'q-a' must be yes or no, not a list" },
		{ "{ practice: { 'q a': yes } }",
		  "1:15: invalid question id 'q a'" },
		{ "{ practice: {} }",
		  "1:13: 'practice' needs at least one question id" },
	};
	struct risk_register	 reg;
	const char		*model =
	    "parapet: 1\n"
	    "system: { id: sys, name: S, criticality: low }\n"
	    "components:\n"
	    "  - { id: train, name: T, kind: training-pipeline }\n";
	char			*got, *yaml;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		got = cond_roundtrip(cases[i].yaml, TARGET_COMPONENT);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s\n  got      %s\n  expected %s",
			    cases[i].yaml, got, cases[i].want);
		free(got);
	}

	/* Unanswered: an open question, and no yes to quiet the threat. */
	run(model, &reg);
	expect(&reg, "t-unwatched-pipeline", "train",
	    "fact: 'train' is a training-pipeline\n"
	    "fact: practice question 'q-monitoring' is not answered (an "
	    "open question)\n");
	risk_register_release(&reg);

	yaml = xasprintf("%spractices: { q-monitoring: no }\n", model);
	run(yaml, &reg);
	free(yaml);
	expect(&reg, "t-unwatched-pipeline", "train",
	    "fact: 'train' is a training-pipeline\n"
	    "fact: the answer to practice question 'q-monitoring' is no\n");
	risk_register_release(&reg);

	yaml = xasprintf("%spractices: { q-monitoring: yes }\n", model);
	run(yaml, &reg);
	free(yaml);
	assert_int_equal(test_count(&reg, "t-unwatched-pipeline"), 0);
	risk_register_release(&reg);
}

static void
test_severity_and_order(void **state)
{
	struct risk_register	 reg;
	const struct risk	*k;
	size_t			 i;
	static const char	 model[] =
	    "parapet: 1\n"
	    "system: { id: sys, name: S, criticality: high }\n"
	    "boundaries:\n"
	    "  - { id: internet, name: I, trust: untrusted }\n"
	    "components:\n"
	    "  - { id: llm, name: L, kind: model }\n"
	    "  - { id: bot, name: A, kind: agent, can-act: true }\n"
	    "  - { id: maybe, name: A, kind: agent }\n"
	    "practices: { q-monitoring: no }\n";

	(void)state;
	run(model, &reg);
	/* 4 x 4 critical; 3 x 3 medium; 2 x 3 medium; 2 x 2 low; 1 x 1. */
	k = risk_register_find(&reg, "t-critical-model", "llm");
	assert_int_equal(k->severity, LEVEL_CRITICAL);
	k = risk_register_find(&reg, "t-unwatched", "sys");
	assert_int_equal(k->likelihood * k->impact, 9);
	assert_int_equal(k->severity, LEVEL_MEDIUM);
	k = risk_register_find(&reg, "t-practice", "sys");
	assert_int_equal(k->likelihood * k->impact, 6);
	assert_int_equal(k->severity, LEVEL_MEDIUM);
	k = risk_register_find(&reg, "t-actor", "bot");
	assert_int_equal(k->likelihood * k->impact, 4);
	assert_int_equal(k->severity, LEVEL_LOW);
	k = risk_register_find(&reg, "t-zone", "internet");
	assert_int_equal(k->severity, LEVEL_LOW);
	/*
	 * The same threat on a target whose can-act is not answered is
	 * provisional: one less likely than the one that stands on facts.
	 */
	k = risk_register_find(&reg, "t-actor", "maybe");
	assert_true(risk_provisional(k));
	assert_int_equal(k->likelihood * k->impact, 2);
	/*
	 * What stands on facts first, then what is to confirm; each by
	 * highest severity, then the product, then the name.
	 */
	assert_string_equal(reg.risks[0]->threat, "t-critical-model");
	assert_string_equal(reg.risks[1]->threat, "t-unwatched");
	assert_string_equal(reg.risks[reg.n - 1]->target, "maybe");
	for (i = 1; i < reg.n; i++) {
		const struct risk *a = reg.risks[i - 1], *b = reg.risks[i];

		if (risk_provisional(a) != risk_provisional(b)) {
			assert_false(risk_provisional(a));
			continue;
		}
		assert_true(a->severity > b->severity ||
		    (a->severity == b->severity &&
		    a->likelihood * a->impact >= b->likelihood * b->impact));
	}
	risk_register_release(&reg);
}

/* Everything about a register, as text. */
static char *
dump(const struct risk_register *reg)
{
	struct buf	b;
	size_t		i, j;

	buf_init(&b);
	for (i = 0; i < reg->n; i++) {
		const struct risk *k = reg->risks[i];

		buf_addf(&b, "%s@%s %d %d %d\n", k->threat, k->target,
		    k->likelihood, k->impact, k->severity);
		for (j = 0; j < k->nreasons; j++)
			buf_addf(&b, "  %s\n", k->reasons[j].line);
		for (j = 0; j < k->nmitigations; j++)
			buf_addf(&b, "  + %s\n", k->mitigations[j].id);
	}
	return buf_detach(&b);
}

static void
test_analysis_is_deterministic(void **state)
{
	struct risk_register	 a, b;
	char			*da, *db;

	(void)state;
	run(assistant, &a);
	run(assistant, &b);
	da = dump(&a);
	db = dump(&b);
	assert_true(a.n > 10);
	assert_string_equal(da, db);
	free(da);
	free(db);
	risk_register_release(&a);
	risk_register_release(&b);
}

static void
test_an_unindexed_model_is_refused(void **state)
{
	struct risk_register	 reg;
	struct model		*m = model_new();
	struct error		 err;

	(void)state;
	risk_register_init(&reg);
	model_add_component(m, "x", KIND_MODEL);
	assert_int_equal(analyze(cat, m, &reg, &err), -1);
	assert_string_equal(err.msg, "the model must be indexed before it is "
	    "analyzed");
	assert_int_equal(reg.n, 0);
	model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_a_threat_fires_with_facts_and_its_mitigations),
		cmocka_unit_test(test_unanswered_fields_fire_as_assumptions),
		cmocka_unit_test(test_unanswered_fields_are_questions_not_risks),
		cmocka_unit_test(test_flows_crossing_boundaries),
		cmocka_unit_test(test_from_less_trusted_and_flow_ends),
		cmocka_unit_test(test_any_all_and_not),
		cmocka_unit_test(
		    test_answered_beside_its_value_is_not_repeated),
		cmocka_unit_test(test_inbound_outbound_and_downstream),
		cmocka_unit_test(test_reachable_from_any_path),
		cmocka_unit_test(test_reaches_any_path_forward),
		cmocka_unit_test(test_paths_via_data_classes),
		cmocka_unit_test(test_via_is_checked_at_load),
		cmocka_unit_test(test_contains_looks_inside_each_boundary),
		cmocka_unit_test(test_contains_and_reaches_are_checked_at_load),
		cmocka_unit_test(test_component_boundary_and_boundary_targets),
		cmocka_unit_test(test_exists_system_and_practice),
		cmocka_unit_test(
		    test_adjustments_are_clamped_and_need_a_definite_yes),
		cmocka_unit_test(test_adjustments_may_name_their_threats),
		cmocka_unit_test(test_initiator_and_action_impact),
		cmocka_unit_test(test_model_types_and_media_paths),
		cmocka_unit_test(test_practice_answered_yes),
		cmocka_unit_test(test_severity_and_order),
		cmocka_unit_test(test_analysis_is_deterministic),
		cmocka_unit_test(test_an_unindexed_model_is_refused),
	};

	return cmocka_run_group_tests_name("analyze", tests, setup, teardown);
}

/*
 * test-catalogue.c: loading catalogue files, overriding by id, every load
 * error with its message and position, the taxonomy, and the breadth of
 * the standard catalogue in data/catalogue/.
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
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "catalogue/taxonomy.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

/* A catalogue with the source tree's taxonomy loaded. */
static struct catalogue *
new_catalogue(void)
{
	struct catalogue	*cat;
	struct error		 err;

	if ((cat = test_catalogue(&err)) == NULL)
		fail_msg("taxonomy: %s:%lu:%lu: %s", err.file, err.line,
		    err.col, err.msg);
	return cat;
}

/* Load a fixture of tests/data/catalogue/; 0 or -1. */
static int
load(struct catalogue *cat, const char *name, struct error *err)
{
	char	*rel = xasprintf("tests/data/catalogue/%s", name);
	char	*path = src_path(rel);
	int	 rc;

	rc = catalogue_load_file(cat, path, err);
	free(path);
	free(rel);
	return rc;
}

static void
load_ok(struct catalogue *cat, const char *name)
{
	struct error	err;

	if (load(cat, name, &err) == -1)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.col,
		    err.msg);
}

/* 1 if s ends with suffix. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t	ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static void
test_base_loads_with_every_field(void **state)
{
	struct catalogue	*cat = new_catalogue();
	const struct threat	*t;
	const struct mitigation	*m;
	const struct question	*q;
	const struct adjustment	*a;
	struct buf		 b;

	(void)state;
	load_ok(cat, "base.yaml");
	assert_int_equal(catalogue_finish(cat, NULL), 0);
	assert_string_equal(cat->version, "test-1");
	assert_int_equal(cat->nquestions, 1);
	assert_int_equal(cat->nmitigations, 4);
	assert_int_equal(cat->nthreats, 3);
	assert_int_equal(cat->nadjustments, 3);
	assert_int_equal(cat->nfiles, 1);

	t = catalogue_threat(cat, "t-prompt-injection");
	assert_non_null(t);
	assert_ptr_equal(t, cat->threats[0]);
	assert_string_equal(t->title, "Direct prompt injection");
	assert_string_equal(t->why, "Models cannot tell instructions from "
	    "data.");
	assert_int_equal(t->target, TARGET_COMPONENT);
	assert_int_equal(t->likelihood, 4);
	assert_int_equal(t->impact, 3);
	assert_int_equal(t->stride, (1u << STRIDE_T) | (1u << STRIDE_E));
	assert_int_equal(t->refs.n, 5);
	assert_int_equal(t->refs.v[2].scheme, REF_ATLAS);
	assert_string_equal(t->refs.v[2].id, "AML.T0051.000");
	assert_int_equal(t->refs.v[4].scheme, REF_OWASP_LLM);
	assert_string_equal(t->refs.v[4].id, "LLM01");
	assert_int_equal(t->nmitigations, 2);
	assert_string_equal(t->mitigations[1], "m-least-privilege");
	assert_true(ends_with(t->source, "tests/data/catalogue/base.yaml:29"));
	assert_int_equal(t->pos.line, 29);
	assert_int_equal(t->pos.col, 5);
	buf_init(&b);
	cond_format(t->when, &b);
	assert_string_equal(b.s, "{kind: model, model-type: llm, upstream: "
	    "{untrusted-input: true}}");
	buf_release(&b);

	assert_null(catalogue_threat(cat, "m-input-guard"));
	assert_null(catalogue_threat(cat, "t-nothing"));
	t = catalogue_threat(cat, "t-unaware-staff");
	assert_int_equal(t->target, TARGET_SYSTEM);
	assert_null(t->why);
	assert_int_equal(t->stride, 0x3f);

	m = catalogue_mitigation(cat, "m-encrypt");
	assert_non_null(m);
	assert_string_equal(m->title, "Encrypt data in transit");
	assert_int_equal(m->refs.n, 2);
	assert_string_equal(m->refs.v[1].id, "AML.M0012");

	q = catalogue_question(cat, "q-staff-awareness");
	assert_non_null(q);
	assert_string_equal(q->guideline, "1.1");
	assert_string_equal(q->help, "A yes means a briefing happened this "
	    "year.");

	a = catalogue_adjustment(cat, "adj-public");
	assert_non_null(a);
	assert_int_equal(a->target, TARGET_COMPONENT);
	assert_int_equal(a->likelihood, 1);
	assert_int_equal(a->impact, 0);
	assert_string_equal(a->reason, "exposed to the internet");
	assert_int_equal(a->nthreats, 0);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-prompt-injection")), 1);
	/* Another target type; no STRIDE letter in common. */
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-plain-flow")), 0);
	a = catalogue_adjustment(cat, "adj-critical");
	assert_int_equal(a->target, TARGET_ANY);
	assert_int_equal(a->stride, 0);
	assert_int_equal(a->impact, 2);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-unaware-staff")), 1);
	/* Only the threats it names. */
	a = catalogue_adjustment(cat, "adj-partner-flow");
	assert_int_equal(a->nthreats, 1);
	assert_string_equal(a->threats[0], "t-plain-flow");
	assert_int_equal(a->threats_pos[0].line, 79);
	assert_int_equal(a->threats_pos[0].col, 15);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-plain-flow")), 1);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-prompt-injection")), 0);
	catalogue_free(cat);
}

static void
test_later_file_replaces_by_id_in_place(void **state)
{
	struct catalogue	*cat = new_catalogue();
	const struct threat	*t;

	(void)state;
	load_ok(cat, "base.yaml");
	load_ok(cat, "override.yaml");
	assert_int_equal(catalogue_finish(cat, NULL), 0);
	assert_int_equal(cat->nthreats, 4);
	assert_int_equal(cat->nmitigations, 4);
	assert_int_equal(cat->nfiles, 2);
	assert_true(ends_with(cat->files[1], "override.yaml"));
	/* The replacement keeps the place of the entry it replaces. */
	t = cat->threats[1];
	assert_string_equal(t->id, "t-plain-flow");
	assert_ptr_equal(catalogue_threat(cat, "t-plain-flow"), t);
	assert_string_equal(t->title, "Data crosses a trust boundary "
	    "unencrypted");
	assert_int_equal(t->likelihood, 3);
	assert_int_equal(t->impact, 4);
	assert_true(ends_with(t->source, "override.yaml:9"));
	assert_string_equal(cat->threats[3]->id, "t-new");
	assert_int_equal(cat->threats[3]->target, TARGET_BOUNDARY);
	assert_string_equal(catalogue_mitigation(cat, "m-encrypt")->title,
	    "Encrypt every flow with TLS 1.3");
	assert_string_equal(cat->mitigations[2]->id, "m-encrypt");
	/* The version of the first file stays: the second sets none. */
	assert_string_equal(cat->version, "test-1");
	catalogue_free(cat);
}

static void
test_disabled_entries_are_removed(void **state)
{
	struct catalogue	*cat = new_catalogue();

	(void)state;
	load_ok(cat, "base.yaml");
	load_ok(cat, "disable.yaml");
	assert_int_equal(catalogue_finish(cat, NULL), 0);
	assert_int_equal(cat->nthreats, 2);
	assert_null(catalogue_threat(cat, "t-plain-flow"));
	assert_string_equal(cat->threats[0]->id, "t-prompt-injection");
	assert_string_equal(cat->threats[1]->id, "t-unaware-staff");
	assert_int_equal(cat->nadjustments, 2);
	assert_null(catalogue_adjustment(cat, "adj-public"));
	assert_string_equal(cat->adjustments[0]->id, "adj-critical");
	/* adj-partner-flow may still name the threat turned off. */
	assert_string_equal(cat->adjustments[1]->threats[0], "t-plain-flow");
	/* A threat disabled, then defined again by a later file. */
	load_ok(cat, "override.yaml");
	assert_non_null(catalogue_threat(cat, "t-plain-flow"));
	assert_int_equal(cat->nthreats, 4);
	catalogue_free(cat);
}

static void
test_a_file_with_an_error_changes_nothing(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;

	(void)state;
	load_ok(cat, "base.yaml");
	/* Its first threat is valid and new; the second repeats its id. */
	assert_int_equal(load(cat, "errors/dup-id.yaml", &err), -1);
	assert_null(catalogue_threat(cat, "t-x"));
	assert_int_equal(cat->nthreats, 3);
	assert_int_equal(cat->nfiles, 1);
	assert_int_equal(catalogue_finish(cat, &err), 0);
	catalogue_free(cat);
}

/* Text in memory loads as a file would, under the name it is given. */
/*
 * except: an adjustment that would take a threat by its target and STRIDE
 * letters leaves the threats it names alone, and only those.
 */
static void
test_adjustment_except_leaves_named_threats(void **state)
{
	struct catalogue	*cat = new_catalogue();
	const struct adjustment	*a;
	struct error		 err;
	static const char	 text[] = "parapet-catalogue: 1\n"
	    "adjustments:\n"
	    "  - id: adj-public\n"
	    "    target: component\n"
	    "    when: { exposure: public }\n"
	    "    likelihood: 1\n"
	    "    stride: [S, T, I, E]\n"
	    "    except: [t-prompt-injection]\n"
	    "    reason: exposed to the internet\n"
	    "  - id: adj-critical\n"
	    "    target: any\n"
	    "    when: { system: { criticality: critical } }\n"
	    "    impact: 2\n"
	    "    except: [t-plain-flow]\n"
	    "    reason: the system is critical\n";

	(void)state;
	load_ok(cat, "base.yaml");
	/* It took the injection before. */
	assert_int_equal(adjustment_applies(catalogue_adjustment(cat,
	    "adj-public"), catalogue_threat(cat, "t-prompt-injection")), 1);
	assert_int_equal(catalogue_load_text(cat, text, strlen(text),
	    "mem.yaml", &err), 0);
	assert_int_equal(catalogue_finish(cat, &err), 0);
	a = catalogue_adjustment(cat, "adj-public");
	assert_int_equal(a->nexcept, 1);
	assert_string_equal(a->except[0], "t-prompt-injection");
	assert_int_equal(a->except_pos[0].line, 8);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-prompt-injection")), 0);
	a = catalogue_adjustment(cat, "adj-critical");
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-plain-flow")), 0);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-prompt-injection")), 1);
	assert_int_equal(adjustment_applies(a,
	    catalogue_threat(cat, "t-unaware-staff")), 1);
	catalogue_free(cat);
}

static void
test_text_loads_like_a_file(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;
	static const char	 bad[] = "parapet-catalogue: 1\n"
	    "threats:\n"
	    "  - id: t-plain-flow\n"
	    "    disabled: tru\n";
	static const char	 off[] = "parapet-catalogue: 1\n"
	    "version: mem-2\n"
	    "threats: [{ id: t-plain-flow, disabled: true }]\n"
	    "trailing bytes not part of the text";

	(void)state;
	load_ok(cat, "base.yaml");
	error_clear(&err);
	assert_int_equal(catalogue_load_text(cat, bad, strlen(bad),
	    "mem.yaml", &err), -1);
	assert_string_equal(err.file, "mem.yaml");
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 15);
	assert_string_equal(err.msg, "'disabled' must be true or false");
	assert_int_equal(cat->nfiles, 1);
	assert_int_equal(cat->nthreats, 3);
	/* Only len bytes are read: the text needs no NUL at its end. */
	assert_int_equal(catalogue_load_text(cat, off,
	    (size_t)(strstr(off, "trailing") - off), "mem.yaml", &err), 0);
	assert_int_equal(cat->nfiles, 2);
	assert_string_equal(cat->files[1], "mem.yaml");
	assert_string_equal(cat->version, "mem-2");
	assert_int_equal(cat->nthreats, 2);
	assert_null(catalogue_threat(cat, "t-plain-flow"));
	assert_int_equal(catalogue_finish(cat, &err), 0);
	catalogue_free(cat);
}

/* The condition of a threat in one line, as reasons and listings show it. */
static char *
when_text(struct catalogue *cat, const char *id)
{
	const struct threat	*t = catalogue_threat(cat, id);
	struct buf		 b;

	if (t == NULL)
		fail_msg("no threat '%s'", id);
	buf_init(&b);
	cond_format(t->when, &b);
	return b.s;
}

/*
 * A condition named once reads exactly as the condition written out: the
 * same tree (so the same reasons), and a name that holds names.
 */
static void
test_named_condition_reads_as_written_out(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;
	char			*named, *inline_, *flow;

	(void)state;
	load_ok(cat, "base.yaml");
	load_ok(cat, "named.yaml");
	named = when_text(cat, "t-named");
	inline_ = when_text(cat, "t-inline");
	assert_string_equal(named, inline_);
	assert_non_null(strstr(named, "untrusted-input: true"));
	flow = when_text(cat, "t-named-flow");
	assert_string_equal(flow, "{crosses-boundary: true, encrypted: false}");
	assert_int_equal(catalogue_finish(cat, &err), 0);
	free(named);
	free(inline_);
	free(flow);
	catalogue_free(cat);
}

/* Load catalogue text that must load. */
static void
text_ok(struct catalogue *cat, const char *text, const char *name)
{
	struct error	err;

	error_clear(&err);
	if (catalogue_load_text(cat, text, strlen(text), name, &err) == -1)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.col,
		    err.msg);
}

/*
 * A condition written back (one) reads again and is written back the
 * same, as a reason or a listing would show it.
 */
static void
assert_reads_back(const char *one)
{
	struct ydoc	*doc;
	struct cond	*again;
	struct error	 err;
	struct buf	 b;
	size_t		 slots = 0;

	error_clear(&err);
	if ((doc = ydoc_parse(one, strlen(one), "again.yaml", &err)) == NULL)
		fail_msg("%s", err.msg);
	again = cond_parse(doc, doc->root, TARGET_COMPONENT, &slots, &err);
	if (again == NULL)
		fail_msg("written back does not read: %s", err.msg);
	buf_init(&b);
	cond_format(again, &b);
	assert_string_equal(b.s, one);
	buf_release(&b);
	cond_free(again);
	ydoc_free(doc);
}

/*
 * The condition of threat id in a catalogue text loaded after the base is
 * written back as want, and what is written reads back the same.
 */
static void
assert_written_back(const char *text, const char *id, const char *want)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;
	char			*one;

	load_ok(cat, "base.yaml");
	text_ok(cat, text, "written.yaml");
	one = when_text(cat, id);
	assert_string_equal(one, want);
	assert_reads_back(one);
	free(one);
	assert_int_equal(catalogue_finish(cat, &err), 0);
	catalogue_free(cat);
}

/*
 * A mapping that holds a named condition and tests one of its keys again
 * is written back under "all:", not with the key twice (which YAML does
 * not read back), and what is written reads back the same.
 */
static void
test_named_condition_key_clash_written_back(void **state)
{
	(void)state;
	assert_written_back("parapet-catalogue: 1\n"
	    "conditions: [{ id: c-llm, target: component, "
	    "when: { model-type: [llm, classifier], untrusted-input: true } }]\n"
	    "threats: [{ id: t-clash, title: T, description: D., "
	    "target: component, when: { holds: c-llm, model-type: llm }, "
	    "likelihood: 2, impact: 2, stride: [T], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-input-guard] }]\n",
	    "t-clash", "{all: [{model-type: [llm, classifier]}, "
	    "{untrusted-input: true}, {model-type: llm}]}");
}

/*
 * A named condition's "kind:" is written first, where reading puts it,
 * though the condition is held after another key: what is written reads
 * back the same.
 */
static void
test_named_condition_kind_written_first(void **state)
{
	(void)state;
	assert_written_back("parapet-catalogue: 1\n"
	    "conditions: [{ id: c-llm, target: component, "
	    "when: { kind: model, model-type: llm } }]\n"
	    "threats: [{ id: t-kind, title: T, description: D., "
	    "target: component, when: { untrusted-input: true, holds: c-llm }, "
	    "likelihood: 2, impact: 2, stride: [T], "
	    "refs: { guideline: [\"1.3\"] }, mitigations: [m-input-guard] }]\n",
	    "t-kind", "{kind: model, untrusted-input: true, model-type: llm}");
}

/*
 * A refused file takes its names with it; a later file may name a
 * condition again, for what is read after it only.
 */
static void
test_named_condition_across_files(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;
	char			*a, *b;
	static const char	 refused[] = "parapet-catalogue: 1\n"
	    "conditions: [{ id: c-one, target: component, "
	    "when: { model-type: llm } }]\n"
	    "threats: [{ id: t-bad }]\n";
	static const char	 use[] = "parapet-catalogue: 1\n"
	    "threats: [{ id: t-%s, title: T, description: D., "
	    "target: component, when: { holds: c-one }, likelihood: 2, "
	    "impact: 2, stride: [T], refs: { guideline: [\"1.3\"] }, "
	    "mitigations: [m-input-guard] }]\n";
	static const char	 def1[] = "parapet-catalogue: 1\n"
	    "conditions: [{ id: c-one, target: component, "
	    "when: { model-type: llm } }]\n";
	static const char	 def2[] = "parapet-catalogue: 1\n"
	    "conditions: [{ id: c-one, target: component, "
	    "when: { model-type: classifier } }]\n";
	char			 text[1024];

	(void)state;
	load_ok(cat, "base.yaml");
	error_clear(&err);
	assert_int_equal(catalogue_load_text(cat, refused, strlen(refused),
	    "refused.yaml", &err), -1);
	snprintf(text, sizeof text, use, "first");
	error_clear(&err);
	assert_int_equal(catalogue_load_text(cat, text, strlen(text),
	    "use.yaml", &err), -1);
	assert_string_equal(err.msg, "unknown condition 'c-one' (name it "
	    "under 'conditions:' in this or an earlier catalogue file)");
	text_ok(cat, def1, "def1.yaml");
	text_ok(cat, text, "use1.yaml");
	text_ok(cat, def2, "def2.yaml");
	snprintf(text, sizeof text, use, "second");
	text_ok(cat, text, "use2.yaml");
	a = when_text(cat, "t-first");
	b = when_text(cat, "t-second");
	assert_string_equal(a, "{model-type: llm}");
	assert_string_equal(b, "{model-type: classifier}");
	assert_int_equal(catalogue_finish(cat, &err), 0);
	free(a);
	free(b);
	catalogue_free(cat);
}

/* Load an input of tests/data/fuzz/; 0 or -1. */
static int
load_fuzz(struct catalogue *cat, const char *name, struct error *err)
{
	char	*rel = xasprintf("tests/data/fuzz/%s", name);
	char	*path = src_path(rel);
	int	 rc;

	error_clear(err);
	rc = catalogue_load_file(cat, path, err);
	free(path);
	free(rel);
	return rc;
}

/*
 * Found by fuzz/fuzz-catalogue: a refused file kept the memo slots of the
 * conditions it had read, so every failed load made the analysis of later
 * models allocate more.
 */
static void
test_fuzz_refused_file_keeps_no_slots(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct error		 err;
	size_t			 slots;

	(void)state;
	load_ok(cat, "base.yaml");
	slots = cat->ncondslots;
	assert_true(slots > 0);
	assert_int_equal(load_fuzz(cat, "catalogue-slots.yaml", &err), -1);
	assert_string_equal(err.msg, "threat 't-x' has no 'likelihood'");
	assert_int_equal(err.line, 5);
	assert_int_equal(err.col, 5);
	assert_int_equal(cat->ncondslots, slots);
	assert_int_equal(cat->nthreats, 3);
	catalogue_free(cat);
}

/* One load error: the file, what it says, and where. */
struct load_error {
	const char	*file;
	int		 after_base;	/* load base.yaml first */
	int		 at_finish;	/* found by catalogue_finish() */
	unsigned long	 line;		/* 0: position not checked */
	unsigned long	 col;
	const char	*msg;
};

static const struct load_error load_errors[] = {
	{ "empty.yaml", 0, 0, 1, 1,
	  "empty catalogue file (expected 'parapet-catalogue: 1')" },
	{ "format.yaml", 0, 0, 1, 20,
	  "unsupported catalogue format '2' (this version reads format 1)" },
	{ "no-header.yaml", 0, 0, 1, 1,
	  "not a catalogue file: no 'parapet-catalogue: 1'" },
	{ "top-key.yaml", 0, 0, 2, 1,
	  "unknown key 'threat' in a catalogue file (did you mean "
	  "'threats'?)" },
	{ "unknown-key.yaml", 0, 0, 4, 5,
	  "unknown key 'titel' in a threat (did you mean 'title'?)" },
	{ "missing-key.yaml", 0, 0, 3, 5, "threat 't-x' has no 'impact'" },
	{ "missing-target.yaml", 0, 0, 3, 5,
	  "threat 't-x' has no 'target'" },
	{ "missing-when.yaml", 0, 0, 3, 5, "threat 't-x' has no 'when'" },
	{ "missing-stride.yaml", 0, 0, 3, 5,
	  "threat 't-x' has no 'stride'" },
	{ "likelihood.yaml", 0, 0, 8, 17,
	  "'likelihood' must be a whole number from 1 to 5, not '7'" },
	{ "stride.yaml", 0, 0, 10, 17,
	  "unknown STRIDE letter 'X' (expected 'S', 'T', 'R', 'I', 'D' or "
	  "'E')" },
	{ "scheme.yaml", 0, 0, 11, 33,
	  "unknown reference scheme 'owasp-llm' (did you mean "
	  "'owasp-llm-2025'?)" },
	{ "atlas-unknown.yaml", 0, 0, 11, 41,
	  "unknown ATLAS sub-technique 'AML.T0051.009' (did you mean "
	  "'AML.T0051.000'?)" },
	{ "atlas-malformed.yaml", 0, 0, 11, 41,
	  "malformed ATLAS id 'AML.T51' (expected AML.Tnnnn, AML.Tnnnn.nnn "
	  "or AML.Mnnnn)" },
	{ "atlas-mitigation.yaml", 0, 0, 11, 41,
	  "'AML.M0020' is an ATLAS mitigation: a threat cites techniques "
	  "(AML.Tnnnn or AML.Tnnnn.nnn)" },
	{ "mitigation-technique.yaml", 0, 0, 6, 41,
	  "'AML.T0051' is an ATLAS technique: a mitigation cites ATLAS "
	  "mitigations (AML.Mnnnn)" },
	{ "guideline.yaml", 0, 0, 11, 25,
	  "unknown guideline subsection '5.1' (the subsections are 1.1-1.4, "
	  "2.1-2.4, 3.1-3.5 and 4.1-4.4)" },
	{ "question-guideline.yaml", 0, 0, 4, 16,
	  "unknown guideline subsection '1.5' (the subsections are 1.1-1.4, "
	  "2.1-2.4, 3.1-3.5 and 4.1-4.4)" },
	{ "owasp.yaml", 0, 0, 11, 50,
	  "unknown OWASP LLM 2025 id 'LLM11' (did you mean 'LLM01'?)" },
	{ "no-guideline.yaml", 0, 0, 11, 11,
	  "threat 't-x' cites no guideline subsection (refs: { guideline: "
	  "[...] })" },
	{ "id-invalid.yaml", 0, 0, 3, 9,
	  "invalid threat id 'Bad_ID' (use a-z, 0-9, '.', '_' and '-', "
	  "starting with a letter or digit, at most 64 characters)" },
	{ "dup-id.yaml", 0, 0, 13, 9,
	  "duplicate threat id 't-x' (first at line 3)" },
	{ "target.yaml", 0, 0, 6, 13,
	  "unknown target 'compnent' (did you mean 'component'?)" },
	{ "threat-any.yaml", 0, 0, 6, 13,
	  "a threat's target must be 'component', 'flow', 'boundary' or "
	  "'system', not 'any'" },
	{ "cond-field.yaml", 0, 0, 7, 26,
	  "unknown field 'exposre' for a component (did you mean "
	  "'exposure'?)" },
	{ "cond-nested.yaml", 0, 0, 7, 38,
	  "unknown field 'exposre' for a component (did you mean "
	  "'exposure'?)" },
	{ "cond-value.yaml", 0, 0, 7, 36,
	  "unknown exposure 'publc' for 'exposure' (did you mean "
	  "'public'?)" },
	{ "cond-kind.yaml", 0, 0, 7, 19,
	  "unknown component kind 'modle' for 'kind' (did you mean "
	  "'model'?)" },
	{ "cond-flow-field.yaml", 0, 0, 7, 13,
	  "'exposure' is a field of a component, not of a flow" },
	{ "cond-kind-excludes.yaml", 0, 0, 7, 25,
	  "field 'model-type' does not apply to kind 'tool' (only to "
	  "'model')" },
	{ "cond-keyword.yaml", 0, 0, 7, 13,
	  "'crosses-boundary' applies to flows, not to a component" },
	{ "cond-bool.yaml", 0, 0, 7, 24,
	  "'encrypted' must be true or false, not 'yes'" },
	/* guard: hides facts, so only where an exclusion is written. */
	{ "cond-guard-place.yaml", 0, 0, 7, 31,
	  "guard marks an exclusion: it belongs in the mapping of a not" },
	{ "cond-guard-value.yaml", 0, 0, 7, 45,
	  "guard must be true or false" },
	{ "cond-text.yaml", 0, 0, 7, 13,
	  "'name' is text and cannot be tested in a condition" },
	{ "cond-other.yaml", 0, 0, 7, 13,
	  "'trust' is a field of a boundary (use 'boundary:'), not of a "
	  "component" },
	{ "adjust-any.yaml", 0, 0, 5, 13,
	  "'exposure' depends on the target: a condition for any target may "
	  "only use 'system', 'exists', 'practice', 'all', 'any' and 'not'" },
	{ "adjust-range.yaml", 0, 0, 6, 17,
	  "'likelihood' must be a whole number from -2 to 2, not '3'" },
	{ "adjust-zero.yaml", 0, 0, 3, 5,
	  "adjustment 'a-x' changes neither likelihood nor impact" },
	{ "adjust-presume.yaml", 0, 0, 7, 14,
	  "'presume' must be true or false" },
	{ "adjust-unless.yaml", 0, 0, 7, 13,
	  "'unless' of adjustment 'a-x' must be a condition (a mapping), "
	  "not a list" },
	{ "adjust-threats-twice.yaml", 0, 0, 10, 9,
	  "threat 't-a' is named twice" },
	{ "adjust-threats-empty.yaml", 0, 0, 8, 14,
	  "'threats' needs at least one threat id (leave it out for every "
	  "threat)" },
	{ "adjust-threats-unknown.yaml", 1, 1, 8, 29,
	  "adjustment 'a-x' names unknown threat 't-plain-flo' (did you "
	  "mean 't-plain-flow'?)" },
	{ "adjust-threats-target.yaml", 1, 1, 8, 35,
	  "adjustment 'a-x' is for component risks, but threat "
	  "'t-plain-flow' targets a flow" },
	{ "adjust-threats-stride.yaml", 1, 1, 9, 15,
	  "adjustment 'a-x' names threat 't-plain-flow', which has none of "
	  "its STRIDE letters" },
	{ "adjust-except-unknown.yaml", 1, 1, 8, 28,
	  "adjustment 'a-x' names unknown threat 't-plain-flo' (did you "
	  "mean 't-plain-flow'?)" },
	{ "adjust-except-threats.yaml", 0, 0, 9, 13,
	  "'except' and 'threats' cannot both be given (list only the "
	  "threats to adjust)" },
	/* libyaml's reader refuses it; ydoc places it at the bad byte. */
	{ "utf8.yaml", 0, 0, 4, 15,
	  "YAML syntax error: incomplete UTF-8 octet sequence" },
	{ "disable-unknown.yaml", 1, 0, 3, 11,
	  "cannot disable unknown threat 't-plain-flo' (did you mean "
	  "'t-plain-flow'?)" },
	{ "unknown-mitigation.yaml", 1, 1, 12, 19,
	  "threat 't-x' names unknown mitigation 'm-inputguard' (did you "
	  "mean 'm-input-guard'?)" },
	{ "unknown-question.yaml", 1, 1, 7, 23,
	  "unknown question 'q-staf-awareness' (did you mean "
	  "'q-staff-awareness'?)" },
	{ "holds-unknown.yaml", 0, 0, 11, 20,
	  "unknown condition 'llm-drivn' (did you mean 'llm-driven'?)" },
	{ "holds-target.yaml", 0, 0, 11, 41,
	  "condition 'llm-driven' is about a component, not a flow" },
	{ "holds-twice.yaml", 0, 0, 6, 9,
	  "condition 'llm-driven' is already defined at line 3" },
	{ "holds-bad-definition.yaml", 0, 0, 5, 13,
	  "unknown field 'encryptd' for a flow (did you mean 'encrypted'?)" },
	{ "holds-kind.yaml", 0, 0, 5, 19,
	  "in condition 'a-tool' used at line 13: kind can never match: "
	  "this condition is already limited to kind 'model'" },
	{ "holds-empty.yaml", 0, 0, 7, 20, "'holds' needs at least one name" },
	{ "unused-question.yaml", 1, 1, 3, 5,
	  "question 'q-unused' is not used by any threat (name it in a "
	  "threat's 'practice:' condition)" },
};

static void
test_every_load_error_names_its_place(void **state)
{
	const struct load_error	*e;
	struct catalogue	*cat;
	struct error		 err;
	char			*name;
	size_t			 i;
	int			 rc;

	(void)state;
	for (i = 0; i < sizeof load_errors / sizeof *load_errors; i++) {
		e = &load_errors[i];
		cat = new_catalogue();
		if (e->after_base)
			load_ok(cat, "base.yaml");
		name = xasprintf("errors/%s", e->file);
		error_clear(&err);
		rc = load(cat, name, &err);
		if (e->at_finish) {
			if (rc == -1)
				fail_msg("%s: %s", e->file, err.msg);
			rc = catalogue_finish(cat, &err);
		}
		if (rc != -1)
			fail_msg("%s: loaded without error", e->file);
		if (strcmp(err.msg, e->msg) != 0 || !ends_with(err.file,
		    name) || (e->line != 0 && (err.line != e->line ||
		    err.col != e->col)))
			fail_msg("%s: got %s:%lu:%lu: %s\n  expected %lu:%lu: "
			    "%s", e->file, err.file, err.line, err.col,
			    err.msg, e->line, e->col, e->msg);
		free(name);
		catalogue_free(cat);
	}
}

/* Collects the messages catalogue_finish_all() reports. */
static void
collect(const struct error *e, void *arg)
{
	struct buf	*b = arg;

	buf_addf(b, "%lu:%lu: %s\n", e->line, e->col, e->msg);
}

static void
test_finish_reports_every_problem(void **state)
{
	struct catalogue	*cat = new_catalogue();
	struct buf		 b;

	(void)state;
	load_ok(cat, "base.yaml");
	load_ok(cat, "errors/unknown-mitigation.yaml");
	load_ok(cat, "errors/unused-question.yaml");
	load_ok(cat, "errors/unknown-question.yaml");
	buf_init(&b);
	/* unknown-question.yaml replaced t-x of unknown-mitigation.yaml. */
	assert_int_equal(catalogue_finish_all(cat, collect, &b), 2);
	assert_string_equal(b.s,
	    "7:23: unknown question 'q-staf-awareness' (did you mean "
	    "'q-staff-awareness'?)\n"
	    "3:5: question 'q-unused' is not used by any threat (name it in "
	    "a threat's 'practice:' condition)\n");
	buf_release(&b);
	catalogue_free(cat);
}

static void
test_taxonomy_matches_the_reference(void **state)
{
	struct catalogue	*cat = new_catalogue();
	const char *const	*ids;
	size_t			 n, i, tech = 0, sub = 0, mit = 0;
	static const char *const guidelines[] = {
		"1.1", "1.2", "1.3", "1.4",
		"2.1", "2.2", "2.3", "2.4",
		"3.1", "3.2", "3.3", "3.4", "3.5",
		"4.1", "4.2", "4.3", "4.4"
	};

	(void)state;
	/* The seventeen subsections of the guidelines, in their order. */
	ids = catalogue_guidelines(cat, &n);
	assert_int_equal(n, 17);
	for (i = 0; i < 17; i++) {
		assert_string_equal(ids[i], guidelines[i]);
		assert_non_null(catalogue_ref_title(cat, REF_GUIDELINE,
		    ids[i]));
	}
	assert_null(ids[17]);
	assert_string_equal(catalogue_ref_title(cat, REF_GUIDELINE, "3.2"),
	    "Protect your model continuously");
	ids = taxonomy_ids(cat->taxonomy, REF_ATLAS, &n);
	for (i = 0; i < n; i++) {
		switch (atlas_kind(ids[i])) {
		case ATLAS_TECHNIQUE:
			tech++;
			break;
		case ATLAS_SUBTECHNIQUE:
			sub++;
			break;
		case ATLAS_MITIGATION:
			mit++;
			break;
		case ATLAS_MALFORMED:
			fail_msg("malformed %s", ids[i]);
		}
	}
	/* ATLAS v5.6.0: 101 techniques, 69 sub-techniques, 35 mitigations. */
	assert_int_equal(tech, 101);
	assert_int_equal(sub, 69);
	assert_int_equal(mit, 35);
	assert_string_equal(taxonomy_atlas_version(cat->taxonomy), "5.6.0");
	ids = taxonomy_ids(cat->taxonomy, REF_OWASP_LLM, &n);
	assert_int_equal(n, 10);
	assert_string_equal(ids[9], "LLM10");
	ids = taxonomy_ids(cat->taxonomy, REF_OWASP_ML, &n);
	assert_int_equal(n, 10);

	assert_string_equal(catalogue_ref_title(cat, REF_ATLAS,
	    "AML.T0051.001"), "LLM Prompt Injection: Indirect");
	assert_string_equal(catalogue_ref_title(cat, REF_ATLAS, "AML.T0029"),
	    "Denial of AI Service");
	assert_string_equal(catalogue_ref_title(cat, REF_ATLAS, "AML.M0020"),
	    "Generative AI Guardrails");
	assert_string_equal(catalogue_ref_title(cat, REF_OWASP_LLM, "LLM05"),
	    "Improper Output Handling");
	assert_string_equal(catalogue_ref_title(cat, REF_OWASP_ML, "ML06"),
	    "ML Supply Chain Attacks");
	assert_string_equal(catalogue_ref_title(cat, REF_GUIDELINE, "4.2"),
	    "Monitor your system's inputs");
	assert_null(catalogue_ref_title(cat, REF_ATLAS, "AML.T0051.009"));
	assert_null(catalogue_ref_title(cat, REF_OWASP_LLM, "LLM11"));
	assert_int_equal(atlas_kind("AML.T0051"), ATLAS_TECHNIQUE);
	assert_int_equal(atlas_kind("AML.T0051.000"), ATLAS_SUBTECHNIQUE);
	assert_int_equal(atlas_kind("AML.M0001"), ATLAS_MITIGATION);
	assert_int_equal(atlas_kind("AML.T051"), ATLAS_MALFORMED);
	assert_int_equal(atlas_kind("AML.T0051.00"), ATLAS_MALFORMED);
	assert_int_equal(atlas_kind("AML.TA0001"), ATLAS_MALFORMED);
	catalogue_free(cat);
}

static void
test_bad_taxonomy_is_refused(void **state)
{
	struct catalogue	*cat = catalogue_new();
	struct error		 err;
	char			*path;

	(void)state;
	path = src_path("tests/data/catalogue/taxonomy-bad.yaml");
	assert_int_equal(catalogue_load_taxonomy(cat, path, &err), -1);
	assert_string_equal(err.msg, "malformed atlas id 'AML.T12'");
	assert_int_equal(err.line, 6);
	assert_int_equal(err.col, 11);
	free(path);
	catalogue_free(cat);
}

/* Copy a file of the source tree to path. */
static void
copy(const char *rel, const char *to)
{
	struct error	 err;
	char		*from = src_path(rel), *text;
	size_t		 len;

	text = file_read(from, 1 << 20, &len, &err);
	assert_non_null(text);
	assert_int_equal(file_write_atomic(to, text, len, 0644, &err), 0);
	free(text);
	free(from);
}

static void
test_standard_search_order(void **state)
{
	struct catalogue	*cat;
	struct error		 err;
	char			 tmpl[] = "/tmp/parapet-cat-XXXXXX";
	char			*dir, *p, *old_data, *old_xdg, *extra;
	const char		*e;

	(void)state;
	assert_non_null(dir = mkdtemp(tmpl));
	e = getenv("PARAPET_DATA");
	old_data = e != NULL ? xstrdup(e) : NULL;
	e = getenv("XDG_CONFIG_HOME");
	old_xdg = e != NULL ? xstrdup(e) : NULL;

	p = xasprintf("%s/data", dir);
	mkdir(p, 0755);
	setenv("PARAPET_DATA", p, 1);
	free(p);
	p = xasprintf("%s/data/catalogue", dir);
	mkdir(p, 0755);
	free(p);
	p = xasprintf("%s/data/taxonomy.yaml", dir);
	copy("data/taxonomy.yaml", p);
	free(p);
	/* Name order, not the order of creation. */
	p = xasprintf("%s/data/catalogue/20-override.yaml", dir);
	copy("tests/data/catalogue/override.yaml", p);
	free(p);
	p = xasprintf("%s/data/catalogue/10-base.yaml", dir);
	copy("tests/data/catalogue/base.yaml", p);
	free(p);
	p = xasprintf("%s/data/catalogue/README", dir);
	copy("tests/data/catalogue/base.yaml", p);
	free(p);
	p = xasprintf("%s/config", dir);
	mkdir(p, 0755);
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);
	p = xasprintf("%s/config/parapet", dir);
	mkdir(p, 0755);
	free(p);
	p = xasprintf("%s/config/parapet/catalogue.d", dir);
	mkdir(p, 0755);
	free(p);
	p = xasprintf("%s/config/parapet/catalogue.d/disable.yaml", dir);
	copy("tests/data/catalogue/disable.yaml", p);
	free(p);
	extra = src_path("tests/data/catalogue/extra.yaml");

	cat = catalogue_load_standard((const char *const *)&extra, 1, &err);
	if (cat == NULL)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.col,
		    err.msg);
	assert_int_equal(cat->nfiles, 4);
	assert_true(ends_with(cat->files[0], "/data/catalogue/10-base.yaml"));
	assert_true(ends_with(cat->files[1],
	    "/data/catalogue/20-override.yaml"));
	assert_true(ends_with(cat->files[2],
	    "/config/parapet/catalogue.d/disable.yaml"));
	assert_true(ends_with(cat->files[3], "tests/data/catalogue/extra.yaml"));
	/* Overridden by 20-override, disabled by the user, then restored
	 * by the extra file. */
	assert_string_equal(catalogue_threat(cat, "t-plain-flow")->title,
	    "Plain flows, as the extra file says");
	assert_null(catalogue_adjustment(cat, "adj-public"));
	assert_string_equal(catalogue_mitigation(cat, "m-encrypt")->title,
	    "Encrypt every flow with TLS 1.3");
	catalogue_free(cat);

	/* A missing data directory is an error; a missing config one not. */
	p = xasprintf("%s/nowhere", dir);
	setenv("PARAPET_DATA", p, 1);
	assert_null(catalogue_load_standard(NULL, 0, &err));
	free(p);

	if (old_data != NULL)
		setenv("PARAPET_DATA", old_data, 1);
	else
		unsetenv("PARAPET_DATA");
	if (old_xdg != NULL)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_data);
	free(old_xdg);
	free(extra);
	p = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
	free(p);
}

/*
 * The real catalogue: it loads without error and is broad enough. This
 * fails until the catalogue content in data/catalogue is written.
 */
static void
test_standard_catalogue_loads_and_is_broad(void **state)
{
	struct catalogue	*cat;
	struct catalogue_stats	 st;
	struct error		 err;
	char			*data = src_path("data");
	const char		*old = getenv("PARAPET_DATA");
	char			*saved = old != NULL ? xstrdup(old) : NULL;
	struct buf		 missing;
	const char *const	*gids;
	size_t			 ng;
	int			 i;

	(void)state;
	setenv("PARAPET_DATA", data, 1);
	cat = catalogue_load_standard(NULL, 0, &err);
	if (saved != NULL)
		setenv("PARAPET_DATA", saved, 1);
	free(saved);
	free(data);
	if (cat == NULL)
		fail_msg("standard catalogue: %s:%lu:%lu: %s", err.file,
		    err.line, err.col, err.msg);
	catalogue_stats(cat, &st);
	print_message("# standard catalogue: %zu threats, %zu mitigations, "
	    "%zu questions, %zu adjustments; %zu ATLAS techniques and "
	    "sub-techniques (%zu techniques), %zu ATLAS mitigations\n",
	    st.nthreats, st.nmitigations, st.nquestions, st.nadjustments,
	    st.atlas_ids, st.atlas_parents, st.atlas_mitigations);
	buf_init(&missing);
	gids = catalogue_guidelines(cat, &ng);
	for (i = 0; i < (int)ng; i++)
		if ((st.guidelines & (1u << i)) == 0)
			buf_addf(&missing, " %s", gids[i]);
	for (i = 0; i < 10; i++)
		if ((st.owasp_llm & (1u << i)) == 0)
			buf_addf(&missing, " LLM%02d", i + 1);
	for (i = 0; i < 10; i++)
		if ((st.owasp_ml & (1u << i)) == 0)
			buf_addf(&missing, " ML%02d", i + 1);
	if (missing.len > 0)
		fail_msg("not cited by the standard catalogue:%s", missing.s);
	buf_release(&missing);
	if (st.nthreats < 60 || st.nmitigations < 80 || st.atlas_ids < 40)
		fail_msg("breadth targets not met: %zu threats (60), %zu "
		    "mitigations (80), %zu ATLAS ids (40)", st.nthreats,
		    st.nmitigations, st.atlas_ids);
	catalogue_free(cat);
}

/* 1 if a risk records a reason that starts with prefix. */
static int
has_reason(const struct risk *k, const char *prefix)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		if (strncmp(k->reasons[i].line, prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

/*
 * The standard adjustments that name their threats: public exposure and
 * public instructions raise what an outsider does through a component's
 * input, not what its supplier or an insider does; the action impact of a
 * tool moves excessive agency both ways and tool exfiltration only up;
 * weights from a public hub raise the supplier-side threats.
 */
static void
test_standard_adjustments_name_their_threats(void **state)
{
	struct catalogue	*cat;
	struct risk_register	 reg;
	const struct risk	*k;
	const struct threat	*t;
	struct model		*m;
	struct error		 err;
	char			*model = src_path("tests/data/catalogue/"
	    "scoring-shop.yaml");

	(void)state;
	if ((cat = test_standard_catalogue(&err)) == NULL)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.col,
		    err.msg);
	if ((m = model_load_yaml(model, &err)) == NULL)
		fail_msg("%s:%lu:%lu: %s", err.file, err.line, err.col,
		    err.msg);
	/*
	 * The scores of the findings that rest on unanswered fields too, as
	 * the provisional risks a session keeps once people decided on them.
	 */
	assert_int_equal(test_analyze_all(cat, m, &reg, &err), 0);

	/* Behind the public chat backend: instructed by the public. */
	t = catalogue_threat(cat, "llm-direct-prompt-injection");
	k = test_must_find(&reg, t->id, "llm");
	assert_int_equal(k->likelihood, t->likelihood + 1);
	assert_true(has_reason(k, "likelihood +1: the public can instruct "
	    "it through a public entry point"));
	/* Before, only its E threats were (this one is I). */
	t = catalogue_threat(cat, "llm-output-rendering-exfiltration");
	assert_int_equal(test_must_find(&reg, t->id, "llm")->likelihood,
	    t->likelihood + 1);
	/* Its vendor and its insiders are no closer for that. */
	t = catalogue_threat(cat, "third-party-model-silent-change");
	k = test_must_find(&reg, t->id, "llm");
	assert_int_equal(k->likelihood, t->likelihood);
	assert_false(has_reason(k, "likelihood"));
	t = catalogue_threat(cat, "llm-prompt-tampering");
	k = test_must_find(&reg, t->id, "llm");
	assert_int_equal(k->likelihood, t->likelihood);
	assert_false(has_reason(k, "likelihood"));

	/* Action impact: high, not answered, low. */
	t = catalogue_threat(cat, "agent-excessive-agency");
	k = test_must_find(&reg, t->id, "refund-tool");
	assert_int_equal(k->impact, t->impact + 1);
	assert_true(has_reason(k, "impact +1: its worst action is stated to "
	    "cost much or be hard to undo (money moved, data deleted, "
	    "messages sent to others, changes in production)"));
	assert_int_equal(test_must_find(&reg, t->id, "ticket-tool")->impact,
	    t->impact);
	k = test_must_find(&reg, t->id, "note-tool");
	assert_int_equal(k->impact, t->impact - 1);
	assert_true(has_reason(k, "impact -1: its actions are reversible and "
	    "contained"));
	/*
	 * Tool exfiltration is one finding on the backend that calls the
	 * tools, scored as its most severe tool: the refund tool's action
	 * impact raises it; the note tool, which can still carry data out,
	 * is named in it.
	 */
	t = catalogue_threat(cat, "agent-tool-exfiltration");
	k = test_must_find(&reg, t->id, "chat");
	assert_int_equal(k->impact, t->impact + 1);
	assert_null(risk_register_find(&reg, t->id, "refund-tool"));
	assert_null(risk_register_find(&reg, t->id, "note-tool"));
	assert_true(has_reason(k, "fact: 'note-tool' is a tool"));

	/* Weights from the public hub: supplier-side threats. */
	t = catalogue_threat(cat, "backdoored-model");
	k = test_must_find(&reg, t->id, "ranker");
	assert_int_equal(k->likelihood, t->likelihood + 1);
	assert_true(has_reason(k, "likelihood +1: its weights come from an "
	    "untrusted zone"));
	assert_false(has_reason(k, "likelihood +1: exposed"));
	t = catalogue_threat(cat, "malicious-serialised-weights");
	assert_int_equal(test_must_find(&reg, t->id, "ranker")->likelihood,
	    t->likelihood + 1);
	/* Not the injection on the LLM, whose weights stay with the vendor. */
	assert_false(has_reason(test_must_find(&reg,
	    "llm-direct-prompt-injection", "llm"),
	    "likelihood +1: its weights"));

	risk_register_release(&reg);
	model_free(m);
	catalogue_free(cat);
	free(model);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_loads_with_every_field),
		cmocka_unit_test(test_later_file_replaces_by_id_in_place),
		cmocka_unit_test(test_disabled_entries_are_removed),
		cmocka_unit_test(test_a_file_with_an_error_changes_nothing),
		cmocka_unit_test(test_text_loads_like_a_file),
		cmocka_unit_test(test_adjustment_except_leaves_named_threats),
		cmocka_unit_test(test_fuzz_refused_file_keeps_no_slots),
		cmocka_unit_test(test_named_condition_reads_as_written_out),
		cmocka_unit_test(test_named_condition_across_files),
		cmocka_unit_test(test_named_condition_key_clash_written_back),
		cmocka_unit_test(test_named_condition_kind_written_first),
		cmocka_unit_test(test_every_load_error_names_its_place),
		cmocka_unit_test(test_finish_reports_every_problem),
		cmocka_unit_test(test_taxonomy_matches_the_reference),
		cmocka_unit_test(test_bad_taxonomy_is_refused),
		cmocka_unit_test(test_standard_search_order),
		cmocka_unit_test(test_standard_catalogue_loads_and_is_broad),
		cmocka_unit_test(test_standard_adjustments_name_their_threats),
	};

	return cmocka_run_group_tests_name("catalogue", tests, NULL, NULL);
}

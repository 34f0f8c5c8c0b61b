/*
 * test-yaml.c: model files of format 1: every refused input with its
 * message and position, the spec's example read field by field, round trips
 * of the example, the templates and hostile text, and abusive documents;
 * the 'decisions' section read, refused, written and documented.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

#include "testlib.h"

/* Read text that must be refused; its error as "FILE:LINE:COL: msg". */
static char *
refusal(const char *text, size_t len)
{
	struct model	*m;
	struct error	 err;
	struct buf	 b;

	error_clear(&err);
	m = model_read_yaml(text, len, "t.yaml", &err);
	if (m != NULL) {
		model_free(m);
		fail_msg("accepted: %s", text);
	}
	assert_true(error_isset(&err));
	buf_init(&b);
	error_format(&err, &b);
	return buf_detach(&b);
}

/* Read text that must be accepted. */
static struct model *
accept_text(const char *text)
{
	struct model	*m;
	struct error	 err;
	struct buf	 b;

	error_clear(&err);
	if ((m = model_read_yaml(text, strlen(text), "t.yaml", &err)) == NULL) {
		buf_init(&b);
		error_format(&err, &b);
		fail_msg("refused: %s", b.s);
	}
	assert_int_equal(m->indexed, 1);
	return m;
}

/* The model in format 1, as a string the caller frees. */
static char *
write_yaml(const struct model *m)
{
	struct buf	b;

	buf_init(&b);
	model_write_yaml(m, &b);
	return buf_detach(&b);
}

/* Export, re-read, export: the two exports must be the same bytes. */
static char *
round_trip(const struct model *m, const char *what)
{
	struct model	*again;
	struct error	 err;
	struct buf	 b;
	char		*one, *two;

	one = write_yaml(m);
	error_clear(&err);
	again = model_read_yaml(one, strlen(one), what, &err);
	if (again == NULL) {
		buf_init(&b);
		error_format(&err, &b);
		fail_msg("re-reading the export of %s: %s\n%s", what, b.s, one);
	}
	two = write_yaml(again);
	assert_string_equal(one, two);
	model_free(again);
	free(two);
	return one;
}

/* Every input the reader must refuse, with its exact message. */
static const struct {
	const char	*yaml;
	const char	*want;
} refused[] = {
	{ "system: {id: a, name: A}\n",
	  "t.yaml:1:1: missing 'parapet: 1' (a Parapet model file "
	  "starts with the format it is written in)" },
	{ "parapet: 2\n"
	  "system: {id: a, name: A}\n",
	  "t.yaml:1:10: unsupported model format '2' (this Parapet "
	  "reads format 1)" },
	{ "parapet: [1]\n"
	  "system: {id: a, name: A}\n",
	  "t.yaml:1:10: 'parapet' must be the format number 1, not "
	  "a list" },
	{ "parapet:\n"
	  "system: {id: a, name: A}\n",
	  "t.yaml:1:9: 'parapet' is empty (expected the format number "
	  "1)" },
	{ "",
	  "t.yaml:1:1: empty model file (a model starts with 'parapet: "
	  "1' and describes a 'system')" },
	{ "# only a comment\n",
	  "t.yaml:1:1: empty model file (a model starts with 'parapet: "
	  "1' and describes a 'system')" },
	{ "- parapet: 1\n",
	  "t.yaml:1:1: a model must be a mapping that starts with "
	  "'parapet: 1', not a list" },
	{ "parapet: 1\n",
	  "t.yaml:1:1: missing 'system' (the id and name of the system "
	  "the model describes)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "component: []\n",
	  "t.yaml:3:1: unknown top-level key 'component' (did you "
	  "mean 'components'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "threats: []\n",
	  "t.yaml:3:1: unknown top-level key 'threats' (expected "
	  "'parapet', 'system', 'boundaries', 'components', 'flows', "
	  "'practices' or 'decisions')" },
	{ "parapet: 1\n"
	  "system: [a, b]\n",
	  "t.yaml:2:9: 'system' must be a mapping, not a list" },
	{ "parapet: 1\n"
	  "system:\n",
	  "t.yaml:2:8: 'system' is empty (expected a mapping)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components: {id: c}\n",
	  "t.yaml:3:13: 'components' must be a list, not a mapping" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries: cloud\n",
	  "t.yaml:3:13: 'boundaries' must be a list, not text" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - ask\n",
	  "t.yaml:4:5: each item of 'flows' must be a mapping, not "
	  "text" },
	{ "parapet: 1\n"
	  "system: {id: s, nmae: S}\n",
	  "t.yaml:2:17: unknown system field 'nmae' (did you mean "
	  "'name'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - {id: b, name: B, trusted: internal}\n",
	  "t.yaml:4:22: unknown boundary field 'trusted' (did you "
	  "mean 'trust'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kidn: model\n",
	  "t.yaml:6:5: unknown component field 'kidn' (did you mean "
	  "'kind'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    colour: red\n",
	  "t.yaml:6:5: unknown component field 'colour' (see parapet-model(5)"
	  " for the fields of a component)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, form: a, to: b}\n",
	  "t.yaml:4:13: unknown flow field 'form' (did you mean 'from'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: modle\n",
	  "t.yaml:6:11: unknown component kind 'modle' for 'kind' "
	  "(did you mean 'model'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S, criticality: hihg}\n",
	  "t.yaml:2:39: unknown criticality 'hihg' for 'criticality' "
	  "(did you mean 'high'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - {id: b, name: B, trust: trusted}\n",
	  "t.yaml:4:29: unknown trust level 'trusted' for 'trust' "
	  "(did you mean 'untrusted'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: model, provider: vendor}\n",
	  "t.yaml:4:45: unknown provider 'vendor' for 'provider' "
	  "(expected 'in-house', 'third-party' or 'open-source')" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: monitoring, watches: [inputs, "
	  "logs]}\n",
	  "t.yaml:4:58: unknown watched signal 'logs' for 'watches' "
	  "(expected 'inputs', 'outputs', 'behaviour' or 'infrastructure')" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: a, to: b, data: [promt]}\n",
	  "t.yaml:4:36: unknown data class 'promt' for 'data' (did "
	  "you mean 'prompt'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    returns-scores: true\n",
	  "t.yaml:7:5: 'returns-scores' does not apply to a component "
	  "of kind 'model' (it applies to inference-service)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: dataset\n"
	  "    can-act: false\n",
	  "t.yaml:7:5: 'can-act' does not apply to a component of "
	  "kind 'dataset' (it applies to agent and tool)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    origin: scraped\n",
	  "t.yaml:7:5: 'origin' does not apply to a component of "
	  "kind 'model' (it applies to dataset, data-source and "
	  "vector-store)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    fine-tuned: maybe\n",
	  "t.yaml:7:17: 'fine-tuned' must be true, false, yes or "
	  "no, not 'maybe' (leave it out while it is not known)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    fine-tuned: \"true\"\n",
	  "t.yaml:7:17: 'fine-tuned' must be true, false, yes or "
	  "no without quotes" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    fine-tuned: True\n",
	  /* The word is right but for its case: say so (as answer does). */
	  "t.yaml:7:17: 'fine-tuned' must be true, false, yes or "
	  "no, in lower case, not 'True'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    fine-tuned:\n",
	  "t.yaml:7:16: 'fine-tuned' is empty: write true, false, "
	  "yes or no, or leave it out while it is not known" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind: model\n"
	  "    fine-tuned: [yes]\n",
	  "t.yaml:7:17: 'fine-tuned' must be true, false, yes or "
	  "no, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: a, to: b, encrypted: 1}\n",
	  "t.yaml:4:40: 'encrypted' must be true, false, yes or no, "
	  "not '1' (leave it out while it is not known)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: Chat, name: C, kind: user}\n",
	  "t.yaml:4:10: invalid component id 'Chat' (use a-z, 0-9, "
	  "'.', '_' and '-', starting with a letter or digit, at "
	  "most 64 characters)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: -c, name: C, kind: user}\n",
	  "t.yaml:4:10: invalid component id '-c' (use a-z, 0-9, "
	  "'.', '_' and '-', starting with a letter or digit, at "
	  "most 64 characters)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaa, name: C, kind: user}\n",
	  "t.yaml:4:10: invalid component id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' (use a-z, 0-9, '.', "
	  "'_' and '-', starting with a letter or digit, at most "
	  "64 characters)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: \"c\\e[2J\", name: C, kind: user}\n",
	  "t.yaml:4:10: invalid component id: control characters "
	  "are not allowed in identifiers" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: user, boundary: \"b\\n\"}\n",
	  "t.yaml:4:44: 'boundary' holds a control character (not "
	  "allowed in identifiers)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: \"a\\tb\", to: b}\n",
	  "t.yaml:4:19: 'from' holds a control character (not allowed "
	  "in identifiers)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: user, boundary: Cloud}\n",
	  "t.yaml:4:44: invalid identifier 'Cloud' for 'boundary' "
	  "(use a-z, 0-9, '.', '_' and '-', starting with a letter "
	  "or digit, at most 64 characters)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - {id: x, name: B}\n"
	  "components:\n"
	  "  - {id: x, name: C, kind: user}\n",
	  "t.yaml:6:5: duplicate id 'x' (already used by a boundary)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: a, name: A, kind: user}\n"
	  "  - {id: b, name: B, kind: user}\n"
	  "flows:\n"
	  "  - {id: a, from: a, to: b}\n",
	  "t.yaml:7:5: duplicate id 'a' (already used by a component)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: app, name: A, kind: application}\n"
	  "  - {id: llm, name: B, kind: model}\n"
	  "flows:\n"
	  "  - id: ask\n"
	  "    from: ap\n"
	  "    to: llm\n",
	  "t.yaml:8:11: flow 'ask' comes from an unknown component "
	  "'ap' (did you mean 'app'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: app, name: A, kind: application}\n"
	  "  - {id: llm, name: B, kind: model}\n"
	  "flows:\n"
	  "  - id: ask\n"
	  "    from: app\n"
	  "    to: database\n",
	  "t.yaml:9:9: flow 'ask' goes to an unknown component 'database'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - {id: cloud, name: Cloud}\n"
	  "components:\n"
	  "  - id: app\n"
	  "    name: A\n"
	  "    kind: application\n"
	  "    boundary: clod\n",
	  "t.yaml:9:15: component 'app' is in an unknown boundary "
	  "'clod' (did you mean 'cloud'?)" },
	{ "parapet: 1\n"
	  "system:\n"
	  "  id: s\n"
	  "  description: no name\n",
	  "t.yaml:3:3: system 's' has no 'name'" },
	{ "parapet: 1\n"
	  "system:\n"
	  "  name: S\n",
	  "t.yaml:3:3: system has no 'id'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - name: B\n",
	  "t.yaml:4:5: boundary has no 'id'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    kind: user\n",
	  "t.yaml:4:5: component 'c' has no 'name'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n",
	  "t.yaml:4:5: component 'c' has no 'kind'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "    name: C\n"
	  "    kind:\n",
	  "t.yaml:6:10: component 'c' has no 'kind'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, to: b}\n",
	  "t.yaml:4:5: flow 'f' has no 'from'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: [S]}\n",
	  "t.yaml:2:23: 'name' must be text, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S, description: {a: b}}\n",
	  "t.yaml:2:39: 'description' must be text, not a mapping" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: [model]}\n",
	  "t.yaml:4:28: 'kind' must be one word, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: [c], name: C, kind: user}\n",
	  "t.yaml:4:10: 'id' must be an identifier, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: a, to: b, data: {prompt: yes}}\n",
	  "t.yaml:4:35: 'data' must be a list of words, not a mapping" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: a, to: b, data: [[prompt]]}\n",
	  "t.yaml:4:36: each item of 'data' must be one word, not "
	  "a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "flows:\n"
	  "  - {id: f, from: a, to: b, data: [prompt, documents, "
	  "prompt]}\n",
	  "t.yaml:4:55: data class 'prompt' is listed twice in 'data'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices: [a, b]\n",
	  "t.yaml:3:12: 'practices' must be a mapping, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: maybe\n",
	  "t.yaml:4:18: the answer to practice 'secure-design' must "
	  "be yes, no or unknown, not 'maybe'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: true\n",
	  "t.yaml:4:18: the answer to practice 'secure-design' must "
	  "be yes, no or unknown, not 'true'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: [yes]\n",
	  "t.yaml:4:18: practice 'secure-design' must be answered "
	  "yes, no or unknown, or with a mapping of 'answer' and "
	  "'note', not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: {answer: yes, notes: x}\n",
	  "t.yaml:4:32: unknown practice field 'notes' (did you mean "
	  "'note'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: {answer: yes, owner: x}\n",
	  "t.yaml:4:32: unknown practice field 'owner' (expected "
	  "'answer' or 'note')" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: {note: waiting for the vendor}\n",
	  "t.yaml:4:18: practice 'secure-design' has no 'answer'" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  secure-design: {answer: no, note: [a]}\n",
	  "t.yaml:4:37: 'note' must be text, not a list" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  Secure Design: yes\n",
	  "t.yaml:4:3: invalid practice id 'Secure Design' (use a-z, "
	  "0-9, '.', '_' and '-', starting with a letter or digit, "
	  "at most 64 characters)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "practices:\n"
	  "  \"sd\\e\": yes\n",
	  "t.yaml:4:3: invalid practice id: control characters are "
	  "not allowed in identifiers" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "anchor: &a x\n",
	  "t.yaml:3:9: anchors ('&') are not allowed" },
	{ "parapet: 1\n"
	  "system: &s {id: s, name: S}\n",
	  "t.yaml:2:9: anchors ('&') are not allowed" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries: &b []\n",
	  "t.yaml:3:13: anchors ('&') are not allowed" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries: !!seq []\n",
	  "t.yaml:3:13: tags ('!') are not allowed" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries: *s\n",
	  "t.yaml:3:13: aliases ('*s') are not allowed" },
	{ "parapet: 1\n"
	  "system: !!map {id: s, name: S}\n",
	  "t.yaml:2:9: tags ('!') are not allowed" },
	{ "parapet: 1\n"
	  "system: {id: !!str s, name: S}\n",
	  "t.yaml:2:14: tags ('!') are not allowed" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S, id: t}\n",
	  "t.yaml:2:26: duplicate key 'id' (first at line 2)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "---\n"
	  "parapet: 1\n",
	  "t.yaml:3:1: only one YAML document is allowed in a file" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S\n",
	  "t.yaml:3:1: YAML syntax error: did not find expected ',' "
	  "or '}' while parsing a flow mapping" },
	/* A tab in the indentation, as an editor may put it. */
	{ "parapet: 1\n"
	  "system:\n"
	  "\tid: s\n",
	  "t.yaml:3:1: a tab indents this line; YAML indents with spaces "
	  "only" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - id: c\n"
	  "  \t kind: model\n",
	  "t.yaml:5:3: a tab indents this line; YAML indents with spaces "
	  "only" },
	{ "parapet: 1\n"
	  "system:\n"
	  "  id: s\n"
	  " name: S\n",
	  "t.yaml:4:2: YAML syntax error: did not find expected key "
	  "while parsing a block mapping" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: \"\\e[31mred\"}\n",
	  "t.yaml:4:28: unknown component kind '^[[31mred' for 'kind' "
	  "(expected 'user', 'operator', 'application', 'model', "
	  "'inference-service', 'training-pipeline', 'dataset', 'data-source'"
	  ", 'vector-store', 'agent', 'tool', 'model-registry', 'datastore', "
	  "'monitoring' or 'external-service')" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: c, name: C, kind: modle, colour: red}\n",
	  /* Both are reported (test_every_error_of_a_file): first in file. */
	  "t.yaml:4:28: unknown component kind 'modle' for 'kind' (did you "
	  "mean 'model'?)" },
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "? [a]\n"
	  ": b\n",
	  "t.yaml:3:3: a mapping key must be plain text" },
};

static void
test_refused_inputs_name_the_place(void **state)
{
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		got = refusal(refused[i].yaml, strlen(refused[i].yaml));
		if (strcmp(got, refused[i].want) != 0)
			fail_msg("input:\n%s\nwant: %s\ngot:  %s",
			    refused[i].yaml, refused[i].want, got);
		free(got);
	}
}

/*
 * Bytes that libyaml's reader refuses (not UTF-8, control characters) are
 * reported at the bad byte, the column counted in characters as for every
 * other message.
 */
static void
test_bad_bytes_are_placed(void **state)
{
	static const struct {
		const char	*text;
		size_t		 len;
		const char	*want;
	} cases[] = {
#define T(s)	s, sizeof s - 1
		/* "é" is two bytes but one column. */
		{ T("parapet: 1\nsystem:\n  name: \"Caf\xc3\xa9 \xff\"\n"),
		  "t.yaml:3:15: YAML syntax error: invalid leading UTF-8 "
		  "octet" },
		{ T("parapet: 1\nsystem:\n  name: \xc3(\n"),
		  "t.yaml:3:10: YAML syntax error: invalid trailing UTF-8 "
		  "octet" },
		{ T("parapet: 1\nsystem:\n  name: \xe2\x82"),
		  "t.yaml:3:9: YAML syntax error: incomplete UTF-8 octet "
		  "sequence" },
		/* CR LF ends one line; a lone CR ends one too. */
		{ T("parapet: 1\r\nsystem:\r  name: S\x01\r\n"),
		  "t.yaml:3:10: YAML syntax error: control characters are "
		  "not allowed" },
		/* A byte order mark is not a column. */
		{ T("\xef\xbb\xbfparapet: \x7f\n"),
		  "t.yaml:1:10: YAML syntax error: control characters are "
		  "not allowed" },
		/* UTF-16 (little endian): "a: b\n  c\x01". */
		{ T("\xff\xfe" "a\0:\0 \0b\0\n\0 \0 \0c\0\x01\0"),
		  "t.yaml:2:4: YAML syntax error: control characters are "
		  "not allowed" },
#undef T
	};
	size_t	 i;
	char	*got;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = refusal(cases[i].text, cases[i].len);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("case %zu: want: %s\ngot:  %s", i,
			    cases[i].want, got);
		free(got);
	}
}

/* The example of the format spec, read back field by field. */
static void
test_spec_example_read_field_by_field(void **state)
{
	const struct component	*c;
	const struct boundary	*b;
	const struct flow	*f;
	struct model		*m;
	struct error		 err;
	char			*path;

	(void)state;
	path = src_path("tests/data/yaml/spec-example.yaml");
	error_clear(&err);
	m = model_load_yaml(path, &err);
	free(path);
	assert_non_null(m);
	assert_int_equal(m->indexed, 1);

	assert_string_equal(m->system.id, "support-assistant");
	assert_string_equal(m->system.name, "Customer support assistant");
	assert_string_equal(m->system.description, "Answers customer questions "
	    "from the help centre; can open tickets.");
	assert_string_equal(m->system.owner, "Head of Customer Operations");
	assert_int_equal(m->system.criticality, LEVEL_HIGH);
	assert_int_equal(m->system.pos.line, 4);
	assert_int_equal(m->system.pos.col, 3);

	assert_int_equal(m->nboundaries, 3);
	b = m->boundaries[0];
	assert_string_equal(b->id, "internet");
	assert_string_equal(b->name, "Public internet");
	assert_int_equal(b->trust, TRUST_UNTRUSTED);
	assert_null(b->description);
	assert_string_equal(m->boundaries[1]->id, "cloud");
	assert_string_equal(m->boundaries[1]->name, "Production cloud account");
	assert_int_equal(m->boundaries[1]->trust, TRUST_INTERNAL);
	assert_string_equal(m->boundaries[2]->id, "vendor");
	assert_string_equal(m->boundaries[2]->name, "Model vendor");
	assert_int_equal(m->boundaries[2]->trust, TRUST_PARTNER);

	assert_int_equal(m->ncomponents, 5);
	c = m->components[0];
	assert_string_equal(c->id, "customer");
	assert_string_equal(c->name, "Customer");
	assert_int_equal(c->kind, KIND_USER);
	assert_string_equal(c->boundary, "internet");
	assert_ptr_equal(c->b, m->boundaries[0]);
	assert_int_equal(c->provider, -1);
	assert_int_equal(c->exposure, -1);
	assert_int_equal(c->untrusted_input, TRI_UNKNOWN);
	assert_int_equal(c->pos.line, 14);
	assert_int_equal(c->pos.col, 5);
	assert_int_equal(c->boundary_pos.line, 14);
	assert_int_equal(c->boundary_pos.col, 59);

	c = m->components[1];
	assert_string_equal(c->id, "backend");
	assert_string_equal(c->name, "Chat backend");
	assert_int_equal(c->kind, KIND_APPLICATION);
	assert_ptr_equal(c->b, m->boundaries[1]);
	assert_int_equal(c->exposure, EXPOSURE_PUBLIC);
	assert_int_equal(c->untrusted_input, TRI_YES);
	assert_int_equal(c->personal_data, TRI_UNKNOWN);
	assert_null(c->description);
	assert_null(c->owner);
	assert_int_equal(c->pos.line, 15);
	assert_int_equal(c->pos.col, 5);
	assert_int_equal(c->boundary_pos.line, 18);
	assert_int_equal(c->boundary_pos.col, 15);

	c = m->components[2];
	assert_string_equal(c->id, "llm");
	assert_string_equal(c->name, "Hosted LLM");
	assert_int_equal(c->kind, KIND_MODEL);
	assert_ptr_equal(c->b, m->boundaries[2]);
	assert_int_equal(c->provider, PROVIDER_THIRD_PARTY);
	assert_int_equal(c->model_type, 1u << MODEL_LLM);
	assert_int_equal(c->system_prompt, TRI_YES);
	assert_int_equal(c->fine_tuned, TRI_UNKNOWN);
	assert_int_equal(c->open_weights, TRI_UNKNOWN);
	assert_int_equal(c->learns_from_feedback, TRI_UNKNOWN);
	assert_int_equal(c->weights_format, -1);

	c = m->components[3];
	assert_string_equal(c->id, "kb");
	assert_string_equal(c->name, "Help-centre index");
	assert_int_equal(c->kind, KIND_VECTOR_STORE);
	assert_ptr_equal(c->b, m->boundaries[1]);
	assert_int_equal(c->origin, ORIGIN_SCRAPED);

	c = m->components[4];
	assert_string_equal(c->id, "tickets");
	assert_string_equal(c->name, "Ticket tool");
	assert_int_equal(c->kind, KIND_TOOL);
	assert_int_equal(c->can_act, TRI_YES);
	assert_int_equal(c->human_approval, TRI_NO);
	assert_int_equal(c->executes_code, TRI_UNKNOWN);

	assert_int_equal(m->nflows, 4);
	f = m->flows[0];
	assert_string_equal(f->id, "ask");
	assert_string_equal(f->from, "customer");
	assert_string_equal(f->to, "backend");
	assert_ptr_equal(f->src, m->components[0]);
	assert_ptr_equal(f->dst, m->components[1]);
	assert_int_equal(f->data, DATA_BIT(DATA_PROMPT) |
	    DATA_BIT(DATA_PERSONAL_DATA));
	assert_int_equal(f->encrypted, TRI_YES);
	assert_int_equal(f->authenticated, TRI_NO);
	assert_null(f->name);
	assert_int_equal(f->pos.line, 40);
	assert_int_equal(f->from_pos.line, 40);
	assert_int_equal(f->from_pos.col, 22);
	assert_int_equal(flow_crossing(m, f), TRI_YES);

	f = m->flows[1];
	assert_string_equal(f->id, "complete");
	assert_ptr_equal(f->src, m->components[1]);
	assert_ptr_equal(f->dst, m->components[2]);
	assert_int_equal(f->data, DATA_BIT(DATA_PROMPT) |
	    DATA_BIT(DATA_DOCUMENTS));
	assert_int_equal(f->encrypted, TRI_YES);
	assert_int_equal(f->authenticated, TRI_YES);

	f = m->flows[2];
	assert_string_equal(f->id, "retrieve");
	assert_ptr_equal(f->src, m->components[3]);
	assert_ptr_equal(f->dst, m->components[1]);
	assert_int_equal(f->data, DATA_BIT(DATA_DOCUMENTS));
	assert_int_equal(f->encrypted, TRI_UNKNOWN);
	assert_int_equal(f->authenticated, TRI_UNKNOWN);
	assert_int_equal(flow_crossing(m, f), TRI_NO);

	f = m->flows[3];
	assert_string_equal(f->id, "open-ticket");
	assert_ptr_equal(f->dst, m->components[4]);
	assert_int_equal(f->data, DATA_BIT(DATA_TOOL_CALL) |
	    DATA_BIT(DATA_PERSONAL_DATA));

	assert_int_equal(m->npractices, 0);
	assert_ptr_equal(model_component(m, "kb"), m->components[3]);
	model_free(m);
}

/* The forms the format allows besides the spec's example. */
static void
test_accepted_forms(void **state)
{
	const struct component	*c;
	struct model		*m;

	(void)state;
	m = accept_text(
	    "parapet: 1\n"
	    "system:\n"
	    "  id: s\n"
	    "  name: S\n"
	    "  description: ~\n"
	    "  owner: \"\"\n"
	    "boundaries:\n"
	    "components:\n"
	    "  - kind: model\n"
	    "    name: M\n"
	    "    id: \"3d\"\n"
	    "    fine-tuned: yes\n"
	    "    open-weights: no\n"
	    "    learns-from-feedback: true\n"
	    "    system-prompt: false\n"
	    "    weights-format: 'gguf'\n"
	    "  - {id: mon, name: Mon, kind: monitoring, watches: behaviour}\n"
	    "flows:\n"
	    "  - {id: a, from: 3d, to: mon, data: []}\n"
	    "  - {id: b, from: 3d, to: mon, data: telemetry}\n"
	    "  - id: c\n"
	    "    from: 3d\n"
	    "    to: mon\n"
	    "    data: [telemetry, model-output]\n"
	    "    name: \"yes\"\n"
	    "    description: |\n"
	    "      two\n"
	    "      lines\n"
	    "practices:\n"
	    "  secure-design.threat-model: yes\n"
	    "  supply-chain: no\n"
	    "  logging: unknown\n"
	    "  red-team:\n"
	    "    answer: no\n"
	    "    note: \"planned for Q3: \\e[1m\"\n"
	    "  incident-plan: {answer: yes, note: ~}\n");
	assert_null(m->system.description);
	assert_null(m->system.owner);
	assert_int_equal(m->nboundaries, 0);
	c = m->components[0];
	assert_string_equal(c->id, "3d");
	assert_int_equal(c->fine_tuned, TRI_YES);
	assert_int_equal(c->open_weights, TRI_NO);
	assert_int_equal(c->learns_from_feedback, TRI_YES);
	assert_int_equal(c->system_prompt, TRI_NO);
	assert_int_equal(c->weights_format, WEIGHTS_GGUF);
	assert_null(c->b);
	assert_int_equal(m->components[1]->watches,
	    1u << WATCH_BEHAVIOUR);
	assert_int_equal(m->flows[0]->data, 0);
	assert_int_equal(m->flows[1]->data, DATA_BIT(DATA_TELEMETRY));
	assert_int_equal(m->flows[2]->data, DATA_BIT(DATA_TELEMETRY) |
	    DATA_BIT(DATA_MODEL_OUTPUT));
	assert_string_equal(m->flows[2]->name, "yes");
	assert_string_equal(m->flows[2]->description, "two\nlines\n");

	assert_int_equal(m->npractices, 5);
	assert_string_equal(m->practices[0]->id, "secure-design.threat-model");
	assert_int_equal(m->practices[0]->answer, TRI_YES);
	assert_null(m->practices[0]->note);
	assert_int_equal(m->practices[0]->pos.line, 30);
	assert_int_equal(m->practices[0]->pos.col, 3);
	assert_int_equal(m->practices[1]->answer, TRI_NO);
	assert_int_equal(m->practices[2]->answer, TRI_UNKNOWN);
	assert_int_equal(m->practices[3]->answer, TRI_NO);
	/* Control characters are kept in free text, refused only in ids. */
	assert_string_equal(m->practices[3]->note, "planned for Q3: \033[1m");
	assert_int_equal(m->practices[3]->pos.line, 33);
	assert_string_equal(m->practices[4]->id, "incident-plan");
	assert_null(m->practices[4]->note);
	model_free(m);
}

/* The spec's example exports to the expected bytes, and back. */
static void
test_spec_example_exports_as_expected(void **state)
{
	struct model	*m;
	struct error	 err;
	size_t		 len;
	char		*path, *want, *got;

	(void)state;
	path = src_path("tests/data/yaml/spec-example.yaml");
	error_clear(&err);
	assert_non_null(m = model_load_yaml(path, &err));
	free(path);
	path = src_path("tests/data/yaml/spec-example.out.yaml");
	assert_non_null(want = file_read(path, 1 << 20, &len, &err));
	free(path);
	got = round_trip(m, "spec-example");
	assert_string_equal(got, want);
	free(got);
	free(want);
	model_free(m);
}

/* Every starter model reads, and exports the same bytes twice. */
static void
test_templates_round_trip(void **state)
{
	static const char *const wanted[] = { "rag-assistant.yaml",
	    "agent-with-tools.yaml", "fine-tuned-open-weights-api.yaml",
	    "fraud-classifier-feedback.yaml", "edge-vision.yaml",
	    "multi-agent-mcp.yaml", "voice-banking-assistant.yaml",
	    "multimodal-document-assistant.yaml" };
	struct dirent	*de;
	struct model	*m;
	struct error	 err;
	struct buf	 b;
	size_t		 i, n = 0, len;
	char		*dir, *path, *text, *out;
	DIR		*d;

	(void)state;
	dir = src_path("templates");
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		error_clear(&err);
		assert_non_null(text = file_read(path, 1 << 20, &len, &err));
		/* Each opens with a comment saying what the system is. */
		if (strncmp(text, "# ", 2) != 0 ||
		    strncmp(strchr(text, '\n'), "\n# ", 3) != 0)
			fail_msg("%s does not open with a comment", path);
		free(text);
		if ((m = model_load_yaml(path, &err)) == NULL) {
			buf_init(&b);
			error_format(&err, &b);
			fail_msg("%s", b.s);
		}
		assert_true(m->ncomponents >= 5);
		assert_true(m->nflows >= 4);
		assert_true(m->nboundaries >= 2);
		out = round_trip(m, de->d_name);
		free(out);
		model_free(m);
		free(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 8);
	for (i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
		path = xasprintf("%s/%s", dir, wanted[i]);
		assert_int_equal(access(path, R_OK), 0);
		free(path);
	}
	free(dir);
}

/* Text that YAML would misread, or that could hide in a file. */
static const char *const hostile[] = {
	"plain words", "yes", "no", "Yes", "NO", "on", "Off", "y", "n",
	"true", "False", "null", "Null", "~", "123", "1.5", "-1", "+1", ".5",
	"1e3", "0x1F", "0o17", "1_000", "12:30:00", "2024-01-01", ".inf",
	".nan", "nan", "line1\nline2", "tab\there", "cr\rx", "# comment",
	"a #b", "a# b", "key: value", "key:", "a:b", "http://x.y/z?q=1#f",
	"- item", "-", "---", "...", "? q", "?", ":x", "* star", "*x", "&a",
	"!tag", "!!str", "|", ">", "%YAML", "@at", "`bt", "{a: b}", "[a, b]",
	"a, b", "a [b] {c}", "'single'", "\"double\"", "it's", "say \"hi\"",
	"back\\slash", "C:\\new\\table", "\\n literal", " lead", "trail ",
	"  ", "\t", "\033[31mred\033[0m", "\033]0;title\007", "del\177",
	"\302\205nel", "\302\240nbsp", "\342\200\250ls", "\342\200\256evil",
	"\342\200\213zw", "\357\273\277bom", "caf\303\251",
	"\344\270\255\346\226\207", "emoji \360\237\230\200",
	"\363\240\200\201tag", "<<", "=", "a\n", "\n", "\n\n", "x: y #z", "!",
	"&", "*", "%", "a\302\200b", "\\x41", "\\u0041", "\"", "'",
	"a'b\"c", "multi\n  indented\n    lines", "ends with backslash\\",
	"#", ",x", "[x", "]x", "{x", "}x",
};

/* A field of a component applies to its kind; those of others always. */
static int
text_field_applies(const void *obj, enum objtype t, const struct field *f)
{
	return t != OBJ_COMPONENT ||
	    field_applies(f, ((const struct component *)obj)->kind);
}

/* Set every text field of an object, found through the tables. */
static void
set_text_fields(void *obj, enum objtype t, const char *s)
{
	const struct field	*f;
	struct error		 err;
	size_t			 i, n;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++)
		if (f[i].type == FIELD_TEXT && text_field_applies(obj, t,
		    &f[i]))
			assert_int_equal(field_set(obj, &f[i], s, &err), 0);
}

/* Every text field of an object that applies to it holds s. */
static void
check_text_fields(const void *obj, enum objtype t, const char *s)
{
	const struct field	*f;
	size_t			 i, n;
	char			*v;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		if (f[i].type != FIELD_TEXT ||
		    !text_field_applies(obj, t, &f[i]))
			continue;
		assert_non_null(v = field_get(obj, &f[i]));
		if (strcmp(v, s) != 0)
			fail_msg("%s '%s': wrote \"%s\", read \"%s\"",
			    objtype_name(t), f[i].name, s, v);
		free(v);
	}
}

/* Hostile text in every text field comes back byte for byte. */
static void
test_hostile_text_round_trips(void **state)
{
	static const char *const ids[] = { "yes", "no", "null", "true",
	    "1", "1e3", "0x1f", "1.5", "2024-01-01", "y", "on", "nan" };
	struct component	*c;
	struct boundary		*b;
	struct flow		*f;
	struct practice		*p;
	struct model		*m, *back;
	struct error		 err;
	size_t			 i, j;
	char			*out;
	const char		*s;

	(void)state;
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		s = hostile[i];
		m = model_new();
		set_text_fields(&m->system, OBJ_SYSTEM, s);
		m->system.id = xstrdup(ids[i % 12]);
		b = model_add_boundary(m, "b");
		set_text_fields(b, OBJ_BOUNDARY, s);
		c = model_add_component(m, "c", KIND_AGENT);
		set_text_fields(c, OBJ_COMPONENT, s);
		c->boundary = xstrdup("b");
		c = model_add_component(m, ids[(i + 1) % 12], KIND_TOOL);
		set_text_fields(c, OBJ_COMPONENT, s);
		/* (the text fields of stores: retention-period) */
		c = model_add_component(m, "d", KIND_DATASTORE);
		set_text_fields(c, OBJ_COMPONENT, s);
		f = model_add_flow(m, "f", "c", ids[(i + 1) % 12]);
		set_text_fields(f, OBJ_FLOW, s);
		p = model_add_practice(m, ids[(i + 2) % 12], TRI_NO);
		p->note = xstrdup(s);

		out = round_trip(m, "hostile");
		/* The file itself holds no raw control character. */
		for (j = 0; out[j] != '\0'; j++)
			if (((unsigned char)out[j] < 0x20 && out[j] != '\n') ||
			    out[j] == 0x7f)
				fail_msg("raw control character in:\n%s", out);
		error_clear(&err);
		assert_non_null(back = model_read_yaml(out, strlen(out),
		    "hostile", &err));
		check_text_fields(&back->system, OBJ_SYSTEM, s);
		check_text_fields(back->boundaries[0], OBJ_BOUNDARY, s);
		check_text_fields(back->components[0], OBJ_COMPONENT, s);
		check_text_fields(back->components[1], OBJ_COMPONENT, s);
		check_text_fields(back->components[2], OBJ_COMPONENT, s);
		assert_string_equal(back->components[2]->retention_period, s);
		check_text_fields(back->flows[0], OBJ_FLOW, s);
		assert_string_equal(back->practices[0]->note, s);
		assert_string_equal(back->system.id, ids[i % 12]);
		assert_string_equal(back->components[1]->id,
		    ids[(i + 1) % 12]);
		assert_string_equal(back->flows[0]->to, ids[(i + 1) % 12]);
		assert_string_equal(back->practices[0]->id, ids[(i + 2) % 12]);
		model_free(back);
		model_free(m);
		free(out);
	}
}

/*
 * A file the writer wrote is exported unchanged: 119 components whose
 * name, description and owner hold hostile text (PyYAML, as a second
 * reader, also gives every string back exactly). Keeps the quoting rules,
 * and so the bytes of every export, stable.
 */
static void
test_written_file_is_exported_unchanged(void **state)
{
	const struct component	*c;
	struct model		*m;
	struct error		 err;
	size_t			 len, i;
	char			*path, *text, *out;

	(void)state;
	path = src_path("tests/data/yaml/hostile-text.yaml");
	error_clear(&err);
	assert_non_null(text = file_read(path, 1 << 20, &len, &err));
	free(path);
	m = accept_text(text);
	assert_int_equal(m->ncomponents, 119);
	assert_string_equal(m->components[1]->name, "yes");
	assert_string_equal(m->components[73]->name, "\033[31mred\033[0m");
	for (i = 0; i < m->ncomponents; i++) {
		c = m->components[i];
		assert_string_equal(c->name, c->description);
		assert_string_equal(c->name, c->owner);
	}
	out = write_yaml(m);
	assert_string_equal(out, text);
	free(out);
	free(text);
	model_free(m);
}

/* Words stay plain and readable; anything YAML would retype is quoted. */
static void
test_writer_quotes_only_what_it_must(void **state)
{
	struct model	*m;
	char		*out;

	(void)state;
	m = accept_text(
	    "parapet: 1\n"
	    "system: {id: s, name: Caf\303\251 support, owner: \"no\"}\n"
	    "components:\n"
	    "  - {kind: user, name: \"yes\", id: \"1e3\", description: "
	    "\"a: b\"}\n"
	    "  - {id: m, name: M, kind: model, fine-tuned: yes}\n"
	    "flows:\n"
	    "  - {to: m, from: 1e3, id: f, data: [documents, prompt],"
	    " name: \" lead\"}\n"
	    "practices:\n"
	    "  \"0x1f\": {note: \"\", answer: yes}\n");
	out = write_yaml(m);
	assert_string_equal(out,
	    "parapet: 1\n"
	    "system:\n"
	    "  id: s\n"
	    "  name: Caf\303\251 support\n"
	    "  owner: \"no\"\n"
	    "\n"
	    "components:\n"
	    "  - id: \"1e3\"\n"
	    "    name: \"yes\"\n"
	    "    kind: user\n"
	    "    description: \"a: b\"\n"
	    "  - id: m\n"
	    "    name: M\n"
	    "    kind: model\n"
	    "    fine-tuned: true\n"
	    "\n"
	    "flows:\n"
	    "  - id: f\n"
	    "    from: \"1e3\"\n"
	    "    to: m\n"
	    "    name: \" lead\"\n"
	    "    data: [prompt, documents]\n"
	    "\n"
	    "practices:\n"
	    "  \"0x1f\": yes\n");
	free(out);
	model_free(m);
}

/* Fields that do not apply to a kind are left out, so the file reads. */
static void
test_writer_leaves_out_fields_of_other_kinds(void **state)
{
	struct model	*m;
	char		*out;

	(void)state;
	m = accept_text("parapet: 1\nsystem: {id: s, name: S}\n"
	    "components:\n"
	    "  - {id: m, name: M, kind: model, fine-tuned: true}\n");
	/* As a form would leave it after the kind was changed. */
	m->components[0]->kind = KIND_DATASET;
	m->components[0]->integrity_verified = TRI_NO;
	out = round_trip(m, "changed kind");
	assert_non_null(strstr(out, "    kind: dataset\n"
	    "    integrity-verified: false\n"));
	assert_null(strstr(out, "fine-tuned"));
	free(out);
	model_free(m);
}

/*
 * The fields added to format 1 for agents, media and biometrics read,
 * write back and keep the older one-word model-type as it was written.
 */
static void
test_new_fields_round_trip(void **state)
{
	static const char	 other_kind[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: u, name: U, kind: tool, capture: camera}\n";
	static const char	 misspelt[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: v, name: V, kind: model, model-type: [llm, visoin]}\n";
	static const char	 fail_mode_on_tool[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: t, name: T, kind: tool, fail-mode: closed}\n";
	static const char	 misspelt_approver[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: t, name: T, kind: tool, approved-by: indepedent}\n";
	static const char	 parses_on_dataset[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: d, name: D, kind: dataset, parses-files: true}\n";
	static const char	 publishes_on_model[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: g, name: G, kind: model, publishes: true}\n";
	static const char	 built_in_on_dataset[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: d, name: D, kind: dataset, built-in: true}\n";
	static const char	 minors_on_app[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: a, name: A, kind: application, minors: true}\n";
	static const char	 provenance_on_tool[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: t, name: T, kind: tool, provenance: watermark}\n";
	static const char	 misspelt_provenance[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: m, name: M, kind: model, provenance: watermarks}\n";
	static const char	 interlock_on_model[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: v, name: V, kind: model, safety-interlock: true}\n";
	static const char	 outcome_on_store[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: d, name: D, kind: datastore, unreviewed-outcome: refuse}\n";
	static const char	 misspelt_jurisdiction[] = "parapet: 1\n"
	    "system: {id: s, name: S}\nboundaries:\n"
	    "  - {id: b, name: B, jurisdiction: abraod}\n";
	static const char	 misspelt_review[] = "parapet: 1\n"
	    "system: {id: s, name: S}\ncomponents:\n"
	    "  - {id: t, name: T, kind: tool, human-review: by-clas}\n";
	static const struct {
		const char	*text;
		const char	*says;	/* in the message */
	} refusals[] = {
		{ other_kind, "capture" },
		{ misspelt, "did you mean 'vision'?" },
		{ fail_mode_on_tool, "fail-mode" },
		{ misspelt_approver, "did you mean 'independent'?" },
		{ parses_on_dataset, "parses-files" },
		{ built_in_on_dataset, "built-in" },
		{ misspelt_review, "did you mean 'by-class'?" },
		{ publishes_on_model, "publishes" },
		{ minors_on_app, "minors" },
		{ interlock_on_model, "safety-interlock" },
		{ provenance_on_tool, "provenance" },
		{ misspelt_provenance, "did you mean 'watermark'?" },
		{ outcome_on_store, "unreviewed-outcome" },
		{ misspelt_jurisdiction, "did you mean 'abroad'?" },
	};
	size_t			 i;
	struct model		*m;
	struct component	*c;
	char			*out, *msg;

	(void)state;
	m = accept_text(
	    "parapet: 1\n"
	    "system: {id: s, name: S}\n"
	    "boundaries:\n"
	    "  - {id: box, name: Box, trust: sandbox, jurisdiction: abroad}\n"
	    "components:\n"
	    "  - {id: cam, name: Cam, kind: data-source, capture: camera,"
	    " labels-vetted: false, operated-by: in-house}\n"
	    "  - {id: v, name: V, kind: model, model-type: [vision, llm],"
	    " model-value: high, human-review: above-limit,"
	    " review-limit: \"payments over 10,000 EUR\","
	    " unreviewed-outcome: refuse, system-prompt: true,"
	    " prompt-secrets: false}\n"
	    "  - {id: g, name: G, kind: model, model-type: guardrail}\n"
	    "  - {id: a, name: A, kind: agent, memory: shared, acts-as: user,"
	    " destination: model-chosen, dependencies-pinned: true,"
	    " dependencies-scanned: false}\n"
	    "  - {id: b, name: B, kind: agent, biometric-data: true}\n"
	    "  - {id: st, name: St, kind: datastore, retention: limited,"
	    " retention-period: one year after the call}\n"
	    "  - {id: ix, name: Ix, kind: vector-store, access-control:"
	    " per-user}\n"
	    "  - {id: mic, name: Mic, kind: data-source, capture: microphone,"
	    " addressed-to: people}\n"
	    "  - {id: agg, name: Agg, kind: training-pipeline, aggregation:"
	    " [robust, secure]}\n"
	    "  - {id: dp, name: Dp, kind: training-pipeline, aggregation:"
	    " differential-privacy}\n"
	    "  - {id: pay, name: Pay, kind: tool, human-review: above-limit,"
	    " approved-by: independent, credential-scope: single-use}\n"
	    "  - {id: rec, name: Rec, kind: datastore, biometric-data: true,"
	    " voice-recordings: true}\n"
	    "  - {id: fraud, name: Fraud, kind: model, model-type: classifier,"
	    " fail-mode: open}\n"
	    "  - {id: cv, name: CV, kind: application, untrusted-input: true,"
	    " parses-files: true}\n"
	    "  - {id: social, name: Social, kind: external-service,"
	    " publishes: true}\n"
	    "  - {id: buy, name: Buy, kind: tool, human-review: by-class,"
	    " review-limit: every payment}\n"
	    "  - {id: phone-mic, name: Mic, kind: data-source, capture:"
	    " microphone, built-in: true}\n"
	    "  - {id: pupil, name: Pupil, kind: user, minors: true}\n"
	    "  - {id: drive, name: Drive, kind: tool, can-act: true,"
	    " safety-interlock: true}\n"
	    "  - {id: tts, name: TTS, kind: model, model-type: other,"
	    " provenance: metadata}\n"
	    "flows:\n"
	    "  - {id: f, from: cam, to: v, data: [image, video, features],"
	    " to-controller: true}\n"
	    "  - {id: d, from: a, to: b, data: [agent-message, source-code],"
	    " requests: [delegate, read], validated: false}\n"
	    "  - {id: u, from: dp, to: agg, data: [model-update]}\n");
	c = m->components[0];
	assert_int_equal(c->capture, CAPTURE_CAMERA);
	assert_int_equal(c->labels_vetted, TRI_NO);
	assert_int_equal(c->operated_by, OPERATED_IN_HOUSE);
	c = m->components[1];
	assert_int_equal(c->model_type, (1u << MODEL_LLM) |
	    (1u << MODEL_VISION));
	assert_int_equal(c->model_value, VALUE_HIGH);
	assert_int_equal(c->human_review, REVIEW_ABOVE_LIMIT);
	assert_string_equal(c->review_limit, "payments over 10,000 EUR");
	assert_int_equal(c->system_prompt, TRI_YES);
	assert_int_equal(c->prompt_secrets, TRI_NO);
	c = m->components[3];
	assert_int_equal(c->memory, MEMORY_SHARED);
	assert_int_equal(c->acts_as, ACTS_AS_USER);
	assert_int_equal(c->destination, DESTINATION_MODEL_CHOSEN);
	assert_int_equal(c->dependencies_pinned, TRI_YES);
	assert_int_equal(c->dependencies_scanned, TRI_NO);
	assert_int_equal(m->components[4]->biometric_data, TRI_YES);
	assert_int_equal(m->flows[0]->data, DATA_BIT(DATA_IMAGE) |
	    DATA_BIT(DATA_VIDEO) | DATA_BIT(DATA_FEATURES));
	assert_int_equal(m->flows[1]->data, DATA_BIT(DATA_AGENT_MESSAGE) |
	    DATA_BIT(DATA_SOURCE_CODE));
	assert_int_equal(m->flows[1]->requests, (1u << REQUEST_READ) |
	    (1u << REQUEST_DELEGATE));
	assert_int_equal(m->flows[1]->validated, TRI_NO);
	assert_int_equal(m->boundaries[0]->trust, TRUST_SANDBOX);
	assert_int_equal(m->components[5]->retention, RETENTION_LIMITED);
	assert_string_equal(m->components[5]->retention_period,
	    "one year after the call");
	assert_int_equal(m->components[6]->access_control,
	    ACCESS_CONTROL_PER_USER);
	assert_int_equal(m->components[5]->access_control, -1);
	assert_int_equal(m->components[7]->addressed_to, ADDRESSED_TO_PEOPLE);
	assert_int_equal(m->components[0]->addressed_to, -1);
	assert_int_equal(m->components[8]->aggregation,
	    (1u << AGGREGATION_SECURE) | (1u << AGGREGATION_ROBUST));
	assert_int_equal(m->components[7]->aggregation, 0);
	assert_int_equal(m->flows[2]->data, DATA_BIT(DATA_MODEL_UPDATE));
	assert_int_equal(m->flows[0]->to_controller, TRI_YES);
	assert_int_equal(m->flows[1]->to_controller, TRI_UNKNOWN);
	c = m->components[10];
	assert_int_equal(c->approved_by, APPROVED_BY_INDEPENDENT);
	assert_int_equal(c->credential_scope, CREDENTIAL_SCOPE_SINGLE_USE);
	assert_int_equal(m->components[3]->approved_by, -1);
	assert_int_equal(m->components[3]->credential_scope, -1);
	assert_int_equal(m->components[11]->voice_recordings, TRI_YES);
	assert_int_equal(m->components[5]->voice_recordings, TRI_UNKNOWN);
	assert_int_equal(m->components[12]->fail_mode, FAIL_MODE_OPEN);
	assert_int_equal(m->components[1]->fail_mode, -1);
	assert_int_equal(m->components[13]->parses_files, TRI_YES);
	assert_int_equal(m->components[3]->parses_files, TRI_UNKNOWN);
	assert_int_equal(m->components[14]->publishes, TRI_YES);
	assert_int_equal(m->components[13]->publishes, TRI_UNKNOWN);
	assert_int_equal(m->components[15]->human_review, REVIEW_BY_CLASS);
	assert_int_equal(m->components[16]->built_in, TRI_YES);
	assert_int_equal(m->components[4]->built_in, TRI_UNKNOWN);
	assert_int_equal(m->components[17]->minors, TRI_YES);
	assert_int_equal(m->components[4]->minors, TRI_UNKNOWN);
	assert_int_equal(m->components[18]->safety_interlock, TRI_YES);
	assert_int_equal(m->components[3]->safety_interlock, TRI_UNKNOWN);
	assert_int_equal(m->components[19]->provenance, PROVENANCE_METADATA);
	assert_int_equal(m->components[1]->unreviewed_outcome,
	    UNREVIEWED_REFUSE);
	assert_int_equal(m->components[19]->unreviewed_outcome, -1);
	assert_int_equal(m->boundaries[0]->jurisdiction, JURISDICTION_ABROAD);
	assert_int_equal(m->components[12]->provenance, -1);

	out = round_trip(m, "new fields");
	assert_non_null(strstr(out, "    human-review: by-class\n"
	    "    review-limit: every payment\n"));
	assert_non_null(strstr(out, "    capture: microphone\n"
	    "    built-in: true\n"));
	assert_non_null(strstr(out, "    kind: user\n"
	    "    minors: true\n"));
	assert_non_null(strstr(out, "    can-act: true\n"
	    "    safety-interlock: true\n"));
	assert_non_null(strstr(out, "    model-type: other\n"
	    "    provenance: metadata\n"));
	/* One word stays one word; several are a list, in table order. */
	assert_non_null(strstr(out, "    model-type: guardrail\n"));
	assert_non_null(strstr(out, "    model-type: [llm, vision]\n"));
	assert_non_null(strstr(out, "    capture: camera\n"
	    "    labels-vetted: false\n"));
	assert_non_null(strstr(out, "    review-limit: "
	    "payments over 10,000 EUR\n"));
	assert_non_null(strstr(out, "    system-prompt: true\n"
	    "    prompt-secrets: false\n"));
	assert_non_null(strstr(out, "    data: [agent-message, source-code]\n"));
	assert_non_null(strstr(out, "    requests: [read, delegate]\n"
	    "    validated: false\n"));
	assert_non_null(strstr(out, "    trust: sandbox\n"
	    "    jurisdiction: abroad\n"));
	assert_non_null(strstr(out, "payments over 10,000 EUR\n"
	    "    unreviewed-outcome: refuse\n"));
	assert_non_null(strstr(out, "    to-controller: true\n"));
	assert_non_null(strstr(out, "    retention: limited\n"
	    "    retention-period: one year after the call\n"));
	assert_non_null(strstr(out, "    access-control: per-user\n"));
	assert_non_null(strstr(out, "    capture: microphone\n"
	    "    addressed-to: people\n"));
	assert_non_null(strstr(out, "    aggregation: [secure, robust]\n"));
	assert_non_null(strstr(out, "    aggregation: differential-privacy\n"));
	assert_non_null(strstr(out, "    data: [model-update]\n"));
	assert_non_null(strstr(out, "    approved-by: independent\n"
	    "    credential-scope: single-use\n"));
	assert_non_null(strstr(out, "    biometric-data: true\n"
	    "    voice-recordings: true\n"));
	assert_non_null(strstr(out, "    fail-mode: open\n"));
	assert_non_null(strstr(out, "    untrusted-input: true\n"
	    "    parses-files: true\n"));
	assert_non_null(strstr(out, "    kind: external-service\n"
	    "    publishes: true\n"));
	free(out);
	model_free(m);

	/* Fields of another kind, and misspelt words. */
	for (i = 0; i < sizeof refusals / sizeof *refusals; i++) {
		msg = refusal(refusals[i].text, strlen(refusals[i].text));
		assert_non_null(strstr(msg, refusals[i].says));
		free(msg);
	}
}

/* Seconds of processor time since t0. */
static double
cpu_since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* Alias bombs, deep nesting and huge mappings fail fast. */
static void
test_abusive_documents_refused_quickly(void **state)
{
	struct buf	 b;
	clock_t		 t0;
	char		*got;
	int		 i, j;

	(void)state;
	/* "Billion laughs": nine levels of nine aliases each. */
	buf_init(&b);
	buf_adds(&b, "parapet: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, "
	    "lol, lol]\n");
	for (i = 1; i < 10; i++) {
		buf_addf(&b, "l%d: &l%d [", i, i);
		for (j = 0; j < 9; j++)
			buf_addf(&b, "%s*l%d", j > 0 ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	buf_adds(&b, "system: *l9\n");
	t0 = clock();
	got = refusal(b.s, b.len);
	assert_true(cpu_since(t0) < 1.0);
	assert_string_equal(got, "t.yaml:2:5: anchors ('&') are not allowed");
	free(got);

	/* 100000 nested lists. */
	buf_reset(&b);
	buf_adds(&b, "parapet: 1\nsystem: ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 100000; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '\n');
	t0 = clock();
	got = refusal(b.s, b.len);
	assert_true(cpu_since(t0) < 1.0);
	assert_string_equal(got, "t.yaml:2:73: nesting deeper than 64 levels");
	free(got);

	/* Nested block mappings. */
	buf_reset(&b);
	buf_adds(&b, "parapet: 1\nsystem:\n");
	for (i = 1; i < 100; i++)
		buf_addf(&b, "%*sk%d:\n", i * 2, "", i);
	got = refusal(b.s, b.len);
	assert_string_equal(got, "t.yaml:66:129: nesting deeper than 64 "
	    "levels");
	free(got);

	/*
	 * A mapping with 100000 keys: duplicate keys are looked up in a hash
	 * map (comparing each key with all before it took minutes).
	 */
	buf_reset(&b);
	buf_adds(&b, "parapet: 1\nsystem: {id: s, name: S}\npractices:\n");
	for (i = 0; i < 100000; i++)
		buf_addf(&b, "  q%d: yes\n", i);
	t0 = clock();
	got = refusal(b.s, b.len);
	assert_true(cpu_since(t0) < 10.0);
	assert_string_equal(got, "t.yaml:4:3: more than 10000 practice "
	    "answers");
	free(got);
	buf_release(&b);
}

/* Files and texts over the size limit are refused before parsing. */
static void
test_oversize_refused(void **state)
{
	struct model	*m;
	struct error	 err;
	struct buf	 want;
	char		 dir[] = "/tmp/parapet-test-yaml-XXXXXX";
	char		*path, *big;
	int		 fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/big.yaml", dir);
	assert_true((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0);
	assert_int_equal(write(fd, "parapet: 1\n", 11), 11);
	assert_int_equal(ftruncate(fd, MODEL_YAML_MAX_BYTES + 1), 0);
	close(fd);
	error_clear(&err);
	assert_null(m = model_load_yaml(path, &err));
	buf_init(&want);
	buf_addf(&want, "'%s' is larger than the limit of %lu bytes", path,
	    MODEL_YAML_MAX_BYTES);
	assert_string_equal(err.msg, want.s);
	buf_release(&want);
	unlink(path);
	free(path);
	rmdir(dir);

	big = xcalloc(1, MODEL_YAML_MAX_BYTES + 2);
	memset(big, ' ', MODEL_YAML_MAX_BYTES + 1);
	path = refusal(big, MODEL_YAML_MAX_BYTES + 1);
	buf_init(&want);
	buf_addf(&want, "t.yaml: model file is larger than the limit of %lu "
	    "bytes", MODEL_YAML_MAX_BYTES);
	assert_string_equal(path, want.s);
	buf_release(&want);
	free(path);
	free(big);

	error_clear(&err);
	assert_null(model_load_yaml("/nonexistent/model.yaml", &err));
	assert_string_equal(err.msg, "cannot open '/nonexistent/model.yaml': "
	    "No such file or directory");
}

/* A model embedded in another YAML file, as test harnesses do. */
static void
test_model_inside_another_document(void **state)
{
	static const char good[] =
	    "name: a test case\n"
	    "model:\n"
	    "  parapet: 1\n"
	    "  system: {id: s, name: S}\n"
	    "  components:\n"
	    "    - {id: c, name: C, kind: model}\n";
	static const char bad[] =
	    "name: a test case\n"
	    "model:\n"
	    "  parapet: 1\n"
	    "  system: {id: s, name: S}\n"
	    "  components:\n"
	    "    - {id: c, name: C, kind: modle}\n";
	struct ydoc	*doc;
	struct model	*m;
	struct error	 err;
	struct buf	 b;

	(void)state;
	error_clear(&err);
	assert_non_null(doc = ydoc_parse(good, strlen(good), "case.yaml",
	    &err));
	assert_non_null(m = model_from_ynode(doc, ynode_get(doc->root,
	    "model"), &err));
	assert_int_equal(m->ncomponents, 1);
	assert_int_equal(m->components[0]->kind, KIND_MODEL);
	assert_int_equal(m->components[0]->pos.line, 6);
	model_free(m);
	ydoc_free(doc);

	assert_non_null(doc = ydoc_parse(bad, strlen(bad), "case.yaml", &err));
	assert_null(model_from_ynode(doc, ynode_get(doc->root, "model"),
	    &err));
	buf_init(&b);
	error_format(&err, &b);
	assert_string_equal(b.s, "case.yaml:6:30: unknown component kind "
	    "'modle' for 'kind' (did you mean 'model'?)");
	buf_release(&b);
	ydoc_free(doc);
}

/* --- decisions ---------------------------------------------------------- */

#define DH	"parapet: 1\nsystem: {id: s, name: S}\ndecisions:\n"
#define DM	DH "  x@llm:\n    status: mitigating\n    mitigations:\n"

/* Every decision the reader must refuse, with its exact message. */
static const struct {
	const char	*yaml;
	const char	*want;
} refused_decisions[] = {
	{ "parapet: 1\nsystem: {id: s, name: S}\ndecisions: [a@b]\n",
	  "t.yaml:3:12: 'decisions' must be a mapping, not a list" },
	{ DH "  llm-jailbreak: {status: open}\n",
	  "t.yaml:4:3: invalid risk name 'llm-jailbreak' (expected "
	  "THREAT@TARGET, as 'parapet risks' prints it)" },
	{ DH "  \"@llm\": {status: open}\n",
	  "t.yaml:4:3: invalid risk name '@llm' (expected THREAT@TARGET, as "
	  "'parapet risks' prints it)" },
	{ DH "  \"x@\": {status: open}\n",
	  "t.yaml:4:3: invalid risk name 'x@' (expected THREAT@TARGET, as "
	  "'parapet risks' prints it)" },
	{ DH "  Jailbreak@llm: {status: open}\n",
	  "t.yaml:4:3: invalid threat id 'Jailbreak' in risk 'Jailbreak@llm' "
	  "(use a-z, 0-9, '.', '_' and '-', starting with a letter or digit, "
	  "at most 64 characters)" },
	{ DH "  x@llm@s: {status: open}\n",
	  "t.yaml:4:3: invalid target id 'llm@s' in risk 'x@llm@s' (use a-z, "
	  "0-9, '.', '_' and '-', starting with a letter or digit, at most 64 "
	  "characters)" },
	{ DH "  \"x\\e@llm\": {status: open}\n",
	  "t.yaml:4:3: invalid risk name: control characters are not allowed "
	  "in identifiers" },
	{ DH "  x@llm: accepted\n",
	  "t.yaml:4:10: the decision on risk 'x@llm' must be a mapping with "
	  "its 'status', not text" },
	{ DH "  x@llm:\n",
	  "t.yaml:4:9: the decision on risk 'x@llm' is empty (expected a "
	  "mapping with its 'status')" },
	{ DH "  x@llm: {stauts: open}\n",
	  "t.yaml:4:11: unknown decision field 'stauts' (did you mean "
	  "'status'?)" },
	{ DH "  x@llm: {status: open, colour: red}\n",
	  "t.yaml:4:25: unknown decision field 'colour' (expected 'status', "
	  "'owner', 'justification' or 'mitigations')" },
	{ DH "  x@llm: {owner: Bob}\n",
	  "t.yaml:4:10: the decision on risk 'x@llm' has no 'status'" },
	{ DH "  x@llm: {status: [open]}\n",
	  "t.yaml:4:19: 'status' must be one word, not a list" },
	{ DH "  x@llm:\n    status:\n",
	  "t.yaml:5:12: 'status' is empty (expected one word)" },
	{ DH "  x@llm: {status: acepted}\n",
	  "t.yaml:4:19: unknown risk status 'acepted' for 'status' (did you "
	  "mean 'accepted'?)" },
	{ DH "  x@llm: {status: closed}\n",
	  "t.yaml:4:19: unknown risk status 'closed' for 'status' (expected "
	  "'open', 'mitigating', 'mitigated', 'accepted' or "
	  "'not-applicable')" },
	{ DH "  x@llm: {status: \"\\e[31mopen\"}\n",
	  "t.yaml:4:19: unknown risk status '^[[31mopen' for 'status' "
	  "(expected 'open', 'mitigating', 'mitigated', 'accepted' or "
	  "'not-applicable')" },
	{ DH "  x@llm: {status: accepted}\n",
	  "t.yaml:4:19: accepting risk 'x@llm' requires a 'justification'" },
	{ DH "  x@llm: {status: accepted, justification: ~, owner: Bob}\n",
	  "t.yaml:4:19: accepting risk 'x@llm' requires a 'justification'" },
	{ DH "  x@llm: {status: not-applicable, justification: \"\"}\n",
	  "t.yaml:4:19: marking risk 'x@llm' not applicable requires a "
	  "'justification'" },
	{ DH "  x@llm: {status: open, owner: [a]}\n",
	  "t.yaml:4:32: 'owner' must be text, not a list" },
	{ DH "  x@llm: {status: open, justification: {a: b}}\n",
	  "t.yaml:4:40: 'justification' must be text, not a mapping" },
	{ DH "  x@llm: {status: open, mitigations: [m]}\n",
	  "t.yaml:4:38: 'mitigations' must be a mapping, not a list" },
	{ DM "      M1: {status: planned}\n",
	  "t.yaml:7:7: invalid mitigation id 'M1' (use a-z, 0-9, '.', '_' and "
	  "'-', starting with a letter or digit, at most 64 characters)" },
	{ DM "      m1: planned\n",
	  "t.yaml:7:11: the decision on mitigation 'm1' of risk 'x@llm' must "
	  "be a mapping with its 'status', not text" },
	{ DM "      m1:\n",
	  "t.yaml:7:10: the decision on mitigation 'm1' of risk 'x@llm' is "
	  "empty (expected a mapping with its 'status')" },
	{ DM "      m1: {status: planned, owne: Bob}\n",
	  "t.yaml:7:29: unknown mitigation field 'owne' (did you mean "
	  "'owner'?)" },
	{ DM "      m1: {status: planned, colour: red}\n",
	  "t.yaml:7:29: unknown mitigation field 'colour' (expected 'status', "
	  "'owner', 'due' or 'notes')" },
	{ DM "      m1: {owner: Bob}\n",
	  "t.yaml:7:11: the decision on mitigation 'm1' of risk 'x@llm' has "
	  "no 'status'" },
	{ DM "      m1: {status: implemnted}\n",
	  "t.yaml:7:20: unknown mitigation status 'implemnted' for 'status' "
	  "(did you mean 'implemented'?)" },
	{ DM "      m1: {status: done}\n",
	  "t.yaml:7:20: unknown mitigation status 'done' for 'status' "
	  "(expected 'proposed', 'planned', 'implemented', 'verified' or "
	  "'rejected')" },
	{ DM "      m1: {status: planned, due: 2026-02-29}\n",
	  "t.yaml:7:34: invalid due date '2026-02-29' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 1900-02-29}\n",
	  "t.yaml:7:34: invalid due date '1900-02-29' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 2026-13-01}\n",
	  "t.yaml:7:34: invalid due date '2026-13-01' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 2026-04-31}\n",
	  "t.yaml:7:34: invalid due date '2026-04-31' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 0000-01-01}\n",
	  "t.yaml:7:34: invalid due date '0000-01-01' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 2026-4-01}\n",
	  "t.yaml:7:34: invalid due date '2026-4-01' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: 2026/04/01}\n",
	  "t.yaml:7:34: invalid due date '2026/04/01' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: \"2026-04-01 \"}\n",
	  "t.yaml:7:34: invalid due date '2026-04-01 ' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: next week}\n",
	  "t.yaml:7:34: invalid due date 'next week' for mitigation 'm1' "
	  "(expected a real date as YYYY-MM-DD)" },
	{ DM "      m1: {status: planned, due: [2026-01-01]}\n",
	  "t.yaml:7:34: 'due' must be a date, not a list" },
	{ DM "      m1: {status: planned, notes: {a: b}}\n",
	  "t.yaml:7:36: 'notes' must be text, not a mapping" },
	{ DH "  x@llm: {status: open}\n  x@llm: {status: mitigated}\n",
	  "t.yaml:5:3: duplicate key 'x@llm' (first at line 4)" },
	{ DM "      m1: {status: planned}\n      m1: {status: verified}\n",
	  "t.yaml:8:7: duplicate key 'm1' (first at line 7)" },
	{ "parapet: 1\ndecision: {}\nsystem: {id: s, name: S}\n",
	  "t.yaml:2:1: unknown top-level key 'decision' (did you mean "
	  "'decisions'?)" },
};

/*
 * Each refused decision refuses the whole file, through either reader, and
 * leaves the decisions empty.
 */
static void
test_refused_decisions_name_the_place(void **state)
{
	struct model_decisions	 dec;
	struct error		 err;
	const char		*text;
	size_t			 i;
	char			*got;

	(void)state;
	for (i = 0; i < sizeof refused_decisions / sizeof *refused_decisions;
	    i++) {
		text = refused_decisions[i].yaml;
		got = refusal(text, strlen(text));
		if (strcmp(got, refused_decisions[i].want) != 0)
			fail_msg("input:\n%s\nwant: %s\ngot:  %s", text,
			    refused_decisions[i].want, got);
		free(got);
		error_clear(&err);
		assert_null(model_read_yaml_decisions(text, strlen(text),
		    "t.yaml", &dec, &err));
		assert_int_equal(dec.reg.n, 0);
		assert_null(dec.pos);
		model_decisions_release(&dec);
	}
}

/* Read a model with decisions that must be accepted. */
static struct model *
accept_decisions(const char *text, struct model_decisions *dec)
{
	struct model	*m;
	struct error	 err;
	struct buf	 b;

	error_clear(&err);
	m = model_read_yaml_decisions(text, strlen(text), "t.yaml", dec, &err);
	if (m == NULL) {
		buf_init(&b);
		error_format(&err, &b);
		fail_msg("refused: %s", b.s);
	}
	return m;
}

/* Decisions in block and flow style, read field by field with positions. */
static void
test_decisions_read_field_by_field(void **state)
{
	static const char text[] =
	    "parapet: 1\n"
	    "decisions:\n"
	    "  llm-jailbreak@llm:\n"
	    "    status: accepted\n"
	    "    owner: Head of IT\n"
	    "    justification: \"Staff only\\nsee policy #12\"\n"
	    "    mitigations:\n"
	    "      m-llm-red-team: { status: implemented, owner: ML platform, "
	    "due: 2024-02-29, notes: quarterly }\n"
	    "      m-abuse-monitoring:\n"
	    "        status: planned\n"
	    "        owner: ~\n"
	    "        due: \"\"\n"
	    "  model-theft@s: { status: not-applicable, justification: no "
	    "weights }\n"
	    "  flow-unencrypted@ask:\n"
	    "    status: open\n"
	    "    owner: \"\"\n"
	    "    mitigations:\n"
	    "system: {id: s, name: S}\n"
	    "components:\n"
	    "  - {id: llm, name: L, kind: model}\n";
	struct model_decisions		 dec;
	const struct risk_mitigation	*rm;
	const struct risk		*k;
	struct model			*m;

	(void)state;
	m = accept_decisions(text, &dec);
	assert_int_equal(m->ncomponents, 1);
	assert_int_equal(dec.reg.n, 3);

	k = dec.reg.risks[0];
	assert_string_equal(k->threat, "llm-jailbreak");
	assert_string_equal(k->target, "llm");
	assert_int_equal(k->status, RISK_ACCEPTED);
	assert_int_equal(k->applies, 1);
	assert_string_equal(k->owner, "Head of IT");
	assert_string_equal(k->justification, "Staff only\nsee policy #12");
	assert_int_equal(dec.pos[0].risk.line, 3);
	assert_int_equal(dec.pos[0].risk.col, 3);
	assert_int_equal(k->nmitigations, 2);
	rm = &k->mitigations[0];
	assert_string_equal(rm->id, "m-llm-red-team");
	assert_int_equal(rm->status, MIT_IMPLEMENTED);
	assert_string_equal(rm->owner, "ML platform");
	assert_string_equal(rm->due, "2024-02-29");
	assert_string_equal(rm->notes, "quarterly");
	assert_int_equal(dec.pos[0].mitigations[0].line, 8);
	assert_int_equal(dec.pos[0].mitigations[0].col, 7);
	rm = &k->mitigations[1];
	assert_string_equal(rm->id, "m-abuse-monitoring");
	assert_int_equal(rm->status, MIT_PLANNED);
	assert_null(rm->owner);		/* ~ is no owner */
	assert_null(rm->due);		/* "" is no date */
	assert_null(rm->notes);
	assert_int_equal(dec.pos[0].mitigations[1].line, 9);
	assert_int_equal(dec.pos[0].mitigations[1].col, 7);

	k = dec.reg.risks[1];
	assert_string_equal(k->threat, "model-theft");
	assert_string_equal(k->target, "s");
	assert_int_equal(k->status, RISK_NOT_APPLICABLE);
	assert_null(k->owner);
	assert_string_equal(k->justification, "no weights");
	assert_int_equal(k->nmitigations, 0);
	assert_int_equal(dec.pos[1].risk.line, 13);
	assert_int_equal(dec.pos[1].risk.col, 3);

	k = dec.reg.risks[2];
	assert_int_equal(k->status, RISK_OPEN);
	assert_null(k->owner);		/* "" is no owner */
	assert_int_equal(k->nmitigations, 0);
	assert_int_equal(dec.pos[2].risk.line, 14);
	model_decisions_release(&dec);
	assert_int_equal(dec.reg.n, 0);
	model_free(m);

	/* model_read_yaml() checks them and leaves them out. */
	m = accept_text(text);
	assert_int_equal(m->ncomponents, 1);
	model_free(m);

	/* An empty section is no decision. */
	m = accept_decisions(DH, &dec);
	assert_int_equal(dec.reg.n, 0);
	model_decisions_release(&dec);
	model_free(m);
	m = accept_decisions("parapet: 1\nsystem: {id: s, name: S}\n"
	    "decisions: {}\n", &dec);
	assert_int_equal(dec.reg.n, 0);
	model_decisions_release(&dec);
	model_free(m);
}

/* The model and decisions in format 1, as a string the caller frees. */
static char *
write_decisions(const struct model *m, const struct risk_register *reg)
{
	struct buf	b;

	buf_init(&b);
	model_write_yaml_decisions(m, reg, &b);
	return buf_detach(&b);
}

/*
 * What the writer puts in the section: risks that apply with a decision
 * other than the default, sorted by name ("b-c@x" before "b@x", as strcmp
 * orders names), mitigations sorted by id, only what is set; and it reads
 * back to the same bytes.
 */
static void
test_decisions_written_sorted_and_only_when_decided(void **state)
{
	static const char want[] =
	    "parapet: 1\n"
	    "system:\n"
	    "  id: s\n"
	    "  name: S\n"
	    "\n"
	    "decisions:\n"
	    "  b-c@x:\n"
	    "    status: open\n"
	    "    mitigations:\n"
	    "      m2:\n"
	    "        status: planned\n"
	    "  b@x:\n"
	    "    status: accepted\n"
	    "    owner: Risk Lead\n"
	    "    justification: \"yes\"\n"
	    "    mitigations:\n"
	    "      a:\n"
	    "        status: proposed\n"
	    "        owner: Ops\n"
	    "      z:\n"
	    "        status: verified\n"
	    "        due: \"2026-12-01\"\n"
	    "        notes: \"line1\\nline2\"\n"
	    "  c@s:\n"
	    "    status: open\n"
	    "    owner: Bob\n";
	struct model_decisions	 dec;
	struct risk_register	 reg;
	struct risk_mitigation	*rm;
	struct risk		*k;
	struct model		*m, *back;
	char			*plain, *out, *again;

	(void)state;
	m = accept_text("parapet: 1\nsystem: {id: s, name: S}\n");
	plain = write_yaml(m);
	risk_register_init(&reg);

	/* Nothing decided: no section, with or without a register. */
	k = risk_register_add(&reg, "a", "x");
	risk_add_mitigation(k, "m1");
	k = risk_register_add(&reg, "a", "y");
	k->applies = 0;		/* decided, but no longer applies */
	k->status = RISK_ACCEPTED;
	k->justification = xstrdup("j");
	out = write_decisions(m, &reg);
	assert_string_equal(out, plain);
	free(out);
	out = write_decisions(m, NULL);
	assert_string_equal(out, plain);
	free(out);

	k = risk_register_add(&reg, "c", "s");
	k->owner = xstrdup("Bob");
	k = risk_register_add(&reg, "b", "x");
	k->status = RISK_ACCEPTED;
	k->owner = xstrdup("Risk Lead");
	k->justification = xstrdup("yes");
	rm = risk_add_mitigation(k, "z");
	rm->status = MIT_VERIFIED;
	rm->due = xstrdup("2026-12-01");
	rm->notes = xstrdup("line1\nline2");
	rm = risk_add_mitigation(k, "untouched");
	rm->owner = xstrdup("");	/* "" is no owner */
	rm = risk_add_mitigation(k, "a");
	rm->owner = xstrdup("Ops");
	k = risk_register_add(&reg, "b-c", "x");
	risk_add_mitigation(k, "m1");
	rm = risk_add_mitigation(k, "m2");
	rm->status = MIT_PLANNED;
	out = write_decisions(m, &reg);
	assert_string_equal(out, want);

	back = accept_decisions(out, &dec);
	assert_int_equal(dec.reg.n, 3);
	again = write_decisions(back, &dec.reg);
	assert_string_equal(again, want);
	free(again);
	model_decisions_release(&dec);
	model_free(back);
	free(out);
	free(plain);
	risk_register_release(&reg);
	model_free(m);
}

/* Hostile text in every text of a decision comes back byte for byte. */
static void
test_hostile_decisions_round_trip(void **state)
{
	struct model_decisions	 dec;
	struct risk_register	 reg;
	struct risk_mitigation	*rm;
	struct risk		*k;
	struct model		*m, *back;
	const char		*s;
	size_t			 i, j;
	char			*out, *again;

	(void)state;
	m = accept_text("parapet: 1\nsystem: {id: s, name: S}\ncomponents:\n"
	    "  - {id: \"yes\", name: C, kind: model}\n");
	for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		s = hostile[i];
		risk_register_init(&reg);
		/* Keys YAML would retype: "1e3@yes", "true@s". */
		k = risk_register_add(&reg, "1e3", "yes");
		k->status = RISK_ACCEPTED;
		k->owner = xstrdup(s);
		k->justification = xstrdup(s);
		rm = risk_add_mitigation(k, "null");
		rm->status = MIT_REJECTED;
		rm->owner = xstrdup(s);
		rm->due = xstrdup("2024-02-29");
		rm->notes = xstrdup(s);
		k = risk_register_add(&reg, "true", "s");
		k->status = RISK_NOT_APPLICABLE;
		k->justification = xstrdup(s);

		out = write_decisions(m, &reg);
		for (j = 0; out[j] != '\0'; j++)
			if (((unsigned char)out[j] < 0x20 && out[j] != '\n') ||
			    out[j] == 0x7f)
				fail_msg("raw control character in:\n%s", out);
		back = accept_decisions(out, &dec);
		assert_int_equal(dec.reg.n, 2);
		k = dec.reg.risks[0];
		assert_string_equal(k->threat, "1e3");
		assert_string_equal(k->target, "yes");
		assert_int_equal(k->status, RISK_ACCEPTED);
		assert_string_equal(k->owner, s);
		assert_string_equal(k->justification, s);
		assert_int_equal(k->nmitigations, 1);
		rm = &k->mitigations[0];
		assert_string_equal(rm->id, "null");
		assert_int_equal(rm->status, MIT_REJECTED);
		assert_string_equal(rm->owner, s);
		assert_string_equal(rm->due, "2024-02-29");
		assert_string_equal(rm->notes, s);
		k = dec.reg.risks[1];
		assert_string_equal(k->threat, "true");
		assert_int_equal(k->status, RISK_NOT_APPLICABLE);
		assert_string_equal(k->justification, s);
		again = write_decisions(back, &dec.reg);
		assert_string_equal(again, out);
		free(again);
		model_decisions_release(&dec);
		model_free(back);
		free(out);
		risk_register_release(&reg);
	}
	model_free(m);
}

/*
 * man/parapet-model.5 documents every risk and mitigation status with its
 * help, and the example of its DECISIONS section reads with its decisions.
 */
static void
test_decisions_are_documented(void **state)
{
	static const struct vocab *const vocabs[] = {
		&vocab_risk_status, &vocab_mitigation_status
	};
	struct model_decisions	 dec;
	struct model		*m;
	size_t			 i, j;
	char			*page, *sec, *flat, *want, *help, *yaml;

	(void)state;
	assert_non_null(page = test_src_text("man/parapet-model.5"));
	assert_non_null(sec = test_mdoc_part(page, ".Sh DECISIONS"));
	flat = test_flatten(sec);
	for (i = 0; i < 2; i++)
		for (j = 0; j < vocabs[i]->n; j++) {
			want = xasprintf("\n.It Cm %s\n",
			    vocabs[i]->words[j].name);
			help = xstrdup(vocabs[i]->words[j].help);
			help[0] = (char)(help[0] - 'a' + 'A');
			if (strstr(sec, want) == NULL ||
			    strstr(flat, help) == NULL)
				fail_msg("DECISIONS lacks %s '%s' or its help "
				    "\"%s\"", vocabs[i]->name,
				    vocabs[i]->words[j].name, help);
			free(want);
			free(help);
		}

	/* The example, with the mdoc escapes \e and \& undone. */
	assert_non_null(yaml = test_mdoc_literal(sec));
	m = accept_decisions(yaml, &dec);
	assert_true(dec.reg.n >= 2);
	assert_int_equal(dec.reg.risks[0]->status, RISK_MITIGATING);
	assert_true(dec.reg.risks[0]->nmitigations >= 1);
	model_decisions_release(&dec);
	model_free(m);
	free(yaml);
	free(flat);
	free(sec);
	free(page);
}

/* The errors of model_read_yaml_all(), one "FILE:LINE:COL: msg" a line. */
static char *
all_errors(const char *text, size_t *count)
{
	struct model	*m;
	struct errors	 errs;
	struct buf	 b;
	size_t		 i;

	errors_init(&errs);
	m = model_read_yaml_all(text, strlen(text), "t.yaml", NULL, &errs);
	if (m != NULL) {
		model_free(m);
		fail_msg("accepted: %s", text);
	}
	assert_true(errs.n > 0);
	buf_init(&b);
	for (i = 0; i < errs.n; i++) {
		error_format(&errs.v[i], &b);
		buf_adds(&b, "\n");
	}
	if (count != NULL)
		*count = errors_count(&errs);
	errors_release(&errs);
	return buf_detach(&b);
}

static const struct {
	const char	*yaml;
	const char	*want;		/* every error, in file order */
} every[] = {
	/* F22: a misspelt kind and a flow to a missing component, one run. */
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: llm, name: L, kind: modle}\n"
	  "  - {id: app, name: A, kind: application}\n"
	  "flows:\n"
	  "  - {id: f1, from: app, to: dbx}\n",
	  "t.yaml:4:30: unknown component kind 'modle' for 'kind' (did you "
	  "mean 'model'?)\n"
	  "t.yaml:7:29: flow 'f1' goes to an unknown component 'dbx'\n" },
	/* A flow to the component that was not read is not reported again. */
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: llm, name: L, kind: modle}\n"
	  "  - {id: app, name: A, kind: application, nmae: x}\n"
	  "flows:\n"
	  "  - {id: f1, from: app, to: llm}\n",
	  "t.yaml:4:30: unknown component kind 'modle' for 'kind' (did you "
	  "mean 'model'?)\n"
	  "t.yaml:5:43: unknown component field 'nmae' (did you mean "
	  "'name'?)\n" },
	/* A misspelt 'kind' is one error, not also "has no 'kind'". */
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "boundaries:\n"
	  "  - {id: b, name: B, colour: red}\n"
	  "components:\n"
	  "  - {id: c, name: C, kidn: model, boundary: b}\n",
	  "t.yaml:4:22: unknown boundary field 'colour' (see parapet-model(5) "
	  "for the fields of a boundary)\n"
	  "t.yaml:6:22: unknown component field 'kidn' (did you mean "
	  "'kind'?)\n" },
	/* Independent errors of one object, of each section, in file order. */
	{ "parapet: 1\n"
	  "sytem: {id: s}\n"
	  "system: {id: s, name: S, colour: red}\n"
	  "components:\n"
	  "  - {id: d, name: D, kind: datastore, personal-data: maybe, "
	  "prompt: x}\n"
	  "  - [a]\n"
	  "practices:\n"
	  "  q-staff-awareness: Yes\n"
	  "  q-other: {answr: yes}\n"
	  "decisions:\n"
	  "  x@d: {status: accepted}\n",
	  "t.yaml:2:1: unknown top-level key 'sytem' (did you mean "
	  "'system'?)\n"
	  "t.yaml:3:26: unknown system field 'colour' (see parapet-model(5) "
	  "for the fields of a system)\n"
	  "t.yaml:5:54: 'personal-data' must be true, false, yes or no, not "
	  "'maybe' (leave it out while it is not known)\n"
	  "t.yaml:5:61: unknown component field 'prompt' (see "
	  "parapet-model(5) for the fields of a component)\n"
	  "t.yaml:6:5: each item of 'components' must be a mapping, not a "
	  "list\n"
	  "t.yaml:8:22: the answer to practice 'q-staff-awareness' must be "
	  "yes, no or unknown, in lower case, not 'Yes'\n"
	  "t.yaml:9:13: unknown practice field 'answr' (did you mean "
	  "'answer'?)\n"
	  "t.yaml:11:17: accepting risk 'x@d' requires a 'justification'\n" },
	/* Index errors of objects that were read: each one. */
	{ "parapet: 1\n"
	  "system: {id: s, name: S}\n"
	  "components:\n"
	  "  - {id: a, name: A, kind: application, boundary: nowhere}\n"
	  "  - {id: a, name: B, kind: application}\n"
	  "  - {id: c, kind: application}\n"
	  "flows:\n"
	  "  - {id: f1, from: a, to: a}\n"
	  "  - {id: f2, from: x, to: y}\n",
	  "t.yaml:4:51: component 'a' is in an unknown boundary 'nowhere'\n"
	  "t.yaml:5:5: duplicate id 'a' (already used by a component)\n"
	  "t.yaml:6:5: component 'c' has no 'name'\n"
	  "t.yaml:8:27: flow 'f1' goes from 'a' to itself\n"
	  "t.yaml:9:20: flow 'f2' comes from an unknown component 'x' (did "
	  "you mean 'a'?)\n"
	  "t.yaml:9:27: flow 'f2' goes to an unknown component 'y' (did you "
	  "mean 'a'?)\n" },
	/* A file not of format 1 gets one error: the rest would be noise. */
	{ "parapet: 2\n"
	  "system: {id: s, name: S, colour: red}\n",
	  "t.yaml:1:10: unsupported model format '2' (this Parapet reads "
	  "format 1)\n" },
	/* So does a syntax error. */
	{ "parapet: 1\n"
	  "system: {id: s, name: S, colour: red}\n"
	  "components: [\n",
	  NULL },
};

static void
test_every_error_of_a_file(void **state)
{
	struct buf	 b;
	size_t		 i, n;
	char		*got;

	(void)state;
	for (i = 0; i < sizeof every / sizeof every[0]; i++) {
		got = all_errors(every[i].yaml, &n);
		if (every[i].want == NULL) {
			/* One line: the syntax error alone. */
			assert_int_equal(n, 1);
			assert_non_null(strstr(got, "t.yaml:"));
		} else if (strcmp(got, every[i].want) != 0)
			fail_msg("input:\n%s\nwant:\n%s\ngot:\n%s",
			    every[i].yaml, every[i].want, got);
		free(got);
	}
	/* The system's id is not an object's: a component may share it. */
	model_free(accept_text("parapet: 1\nsystem: {id: s, name: S}\n"
	    "components:\n  - {id: s, name: C, kind: application}\n"));
	/* A cap: the first ERRORS_MAX kept, the others counted. */
	buf_init(&b);
	buf_adds(&b, "parapet: 1\nsystem: {id: s, name: S}\ncomponents:\n");
	for (i = 0; i < ERRORS_MAX + 5; i++)
		buf_addf(&b, "  - {id: c%zu, name: C, kind: modle}\n", i);
	got = all_errors(b.s, &n);
	assert_int_equal(n, ERRORS_MAX + 5);
	for (i = 0, n = 0; got[i] != '\0'; i++)
		n += got[i] == '\n';
	assert_int_equal(n, ERRORS_MAX);
	/* The one-error reader gives the first of them. */
	free(got);
	got = refusal(b.s, b.len);
	assert_string_equal(got, "t.yaml:4:29: unknown component kind 'modle' "
	    "for 'kind' (did you mean 'model'?)");
	free(got);
	buf_release(&b);
}

/* Where two trees differ, said in buf, or nothing. */
static void
ynode_compare(const struct ynode *a, const struct ynode *b, const char *what,
    struct buf *out)
{
	size_t	i;

	if (a == NULL || b == NULL) {
		if (a != b)
			buf_addf(out, "%s: one tree is empty\n", what);
		return;
	}
	if (a->type != b->type || a->n != b->n || a->line != b->line ||
	    a->col != b->col || a->plain != b->plain ||
	    (a->type == YNODE_SCALAR && (a->len != b->len ||
	    memcmp(a->value, b->value, a->len + 1) != 0))) {
		buf_addf(out, "%s: %s '%s' at %lu:%lu (plain %d, %zu items) "
		    "against libyaml's %s '%s' at %lu:%lu (plain %d, %zu "
		    "items)\n", what, ynode_type_name(a), a->type ==
		    YNODE_SCALAR ? a->value : "", a->line, a->col, a->plain,
		    a->n, ynode_type_name(b), b->type == YNODE_SCALAR ?
		    b->value : "", b->line, b->col, b->plain, b->n);
		return;
	}
	for (i = 0; i < a->n; i++)
		ynode_compare(a->items[i], b->items[i], what, out);
}

/* ydoc_parse() against libyaml alone on one text: the same tree or error. */
static void
ydoc_compare(const char *text, size_t len, const char *what, struct buf *out)
{
	struct ydoc	*a, *b;
	struct error	 ea, eb;

	memset(&ea, 0, sizeof ea);
	memset(&eb, 0, sizeof eb);
	a = ydoc_parse(text, len, "f.yaml", &ea);
	b = ydoc_parse_libyaml(text, len, "f.yaml", &eb);
	if (a == NULL && b == NULL) {
		if (strcmp(ea.msg, eb.msg) != 0 || ea.line != eb.line ||
		    ea.col != eb.col)
			buf_addf(out, "%s: error %lu:%lu: %s against libyaml's "
			    "%lu:%lu: %s\n", what, ea.line, ea.col, ea.msg,
			    eb.line, eb.col, eb.msg);
	} else if (a == NULL || b == NULL)
		buf_addf(out, "%s: %s\n", what, a == NULL ? ea.msg :
		    "read, where libyaml refuses it");
	else
		ynode_compare(a->root, b->root, what, out);
	ydoc_free(a);
	ydoc_free(b);
}

/*
 * The plain reader (block mappings and lists of one-line words, one-line
 * flows of them) reads what libyaml reads, with the same positions, and
 * leaves to libyaml everything else, errors included: on forms it reads,
 * on forms next to them that it must not take for them, and on every
 * template.
 */
static void
test_plain_reader_reads_as_libyaml(void **state)
{
	static const char *const texts[] = {
		"parapet: 1\nsystem:\n  id: s\n  name: A system, v1.0 (beta)"
		"  \n  criticality: high\n",
		"# a comment\n\nboundaries:\n  - { id: b0, name: B 0, trust: "
		"untrusted }\n  -   {id: b1}\n  - []\n  - {}\n",
		"components:\n- id: c1\n  kind: model\n  data: [prompt, "
		"personal-data]\n- id: c2\n\n  # between keys\n  name: x/y@z+1"
		"\nflows: [ { a: [ b, { c: d } ] } ]\n",
		"  a: b\n  c:\n    - d\n    - e\n",
		"a:\n- b\n- c\nd: e\n",
		"a:\n  - b: c\n    d: e\n  - f\n",
		"url: http://x.org/a\n",
		"a: b\n  c\n",
		"a: b # comment\n",
		"a: 'b'\nc: \"d\"\n",
		"a: b\na: c\n",
		"a: { b: c, b: d }\n",
		"a: { b: c, }\n",
		"a: [b,\n  c]\n",
		"a:b\n",
		"a: b:c\n",
		"- a\n-b\n",
		"- - a\n",
		"-\n  a\n",
		"a:\n\tb: c\n",
		"a: b\r\nc: d\r\n",
		"a: caf\xc3\xa9\n",
		"a: b\n c: d\n",
		"a:\n    b: c\n  d: e\n",
		"a:\n  - b\n c: d\n",
		"---\na: b\n",
		"a: b\n...\n",
		"a: b\n- c\n",
		"a:\n",
		"a: b\n# caf\xc3\xa9\n",
		"a: b\n# \x01\n",
		"a: |\n  b\n",
		"a: -1\nb: .5\nc: _d\n",
		"? a\n: b\n",
		"a: &x b\nc: *x\n",
		"a: !t b\n",
		"{ a: b }\n",
		"just text\n",
		"",
		"# only a comment\n",
		"a: b\n\n\n",
		"a: b",
		"a: [b]   \n",
		"a: [b] c\n",
	};
	struct buf	 out, b;
	char		**files, *text, what[32];
	struct error	 err;
	size_t		 i, n, len;
	int		 depth;

	(void)state;
	buf_init(&out);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		snprintf(what, sizeof what, "text %zu", i);
		ydoc_compare(texts[i], strlen(texts[i]), what, &out);
	}
	/* Nesting around the limit, and a key longer than libyaml takes. */
	buf_init(&b);
	for (depth = YDOC_MAX_DEPTH - 2; depth <= YDOC_MAX_DEPTH + 1;
	    depth++) {
		buf_reset(&b);
		for (i = 0; i < (size_t)depth; i++)
			buf_addf(&b, "%*sk%zu:\n", (int)i, "", i);
		buf_addf(&b, "%*sv: [w]\n", depth, "");
		snprintf(what, sizeof what, "depth %d", depth);
		ydoc_compare(b.s, b.len, what, &out);
	}
	buf_reset(&b);
	for (i = 0; i < 1100; i++)
		buf_addc(&b, 'k');
	buf_adds(&b, ": v\n");
	ydoc_compare(b.s, b.len, "long key", &out);
	buf_release(&b);
	files = test_template_files(&n);
	for (i = 0; i < n; i++) {
		if ((text = file_read(files[i], YDOC_MAX_BYTES, &len,
		    &err)) == NULL)
			buf_addf(&out, "%s: %s\n", files[i], err.msg);
		else
			ydoc_compare(text, len, files[i], &out);
		free(text);
		free(files[i]);
	}
	free(files);
	if (out.len > 0)
		fail_msg("%s", out.s);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refused_inputs_name_the_place),
		cmocka_unit_test(test_every_error_of_a_file),
		cmocka_unit_test(test_bad_bytes_are_placed),
		cmocka_unit_test(test_plain_reader_reads_as_libyaml),
		cmocka_unit_test(test_spec_example_read_field_by_field),
		cmocka_unit_test(test_accepted_forms),
		cmocka_unit_test(test_spec_example_exports_as_expected),
		cmocka_unit_test(test_templates_round_trip),
		cmocka_unit_test(test_hostile_text_round_trips),
		cmocka_unit_test(test_written_file_is_exported_unchanged),
		cmocka_unit_test(test_writer_quotes_only_what_it_must),
		cmocka_unit_test(test_writer_leaves_out_fields_of_other_kinds),
		cmocka_unit_test(test_new_fields_round_trip),
		cmocka_unit_test(test_abusive_documents_refused_quickly),
		cmocka_unit_test(test_oversize_refused),
		cmocka_unit_test(test_model_inside_another_document),
		cmocka_unit_test(test_refused_decisions_name_the_place),
		cmocka_unit_test(test_decisions_read_field_by_field),
		cmocka_unit_test(
		    test_decisions_written_sorted_and_only_when_decided),
		cmocka_unit_test(test_hostile_decisions_round_trip),
		cmocka_unit_test(test_decisions_are_documented),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

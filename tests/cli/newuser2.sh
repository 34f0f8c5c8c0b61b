#!/usr/bin/env bash
# A second new user's afternoon: "threat model as code" in CI, where each
# run of import costs a pipeline, so a model file's errors come all at once.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
cd "$T" || exit 1

# F22: a misspelt kind, a misspelt field and a flow to a missing component
# in one run, each FILE:LINE:COL, in file order; the flows to the component
# whose kind is misspelt are not reported again.
cat >bad.yaml <<'YAML'
parapet: 1
system:
  id: rag
  name: RAG assistant
  colour: blue
components:
  - id: llm
    kind: modle
    name: The model
  - id: app
    kind: application
    name: App
  - id: store
    kind: vector-store
    name: Index
    personal-data: maybe
flows:
  - id: ask
    from: app
    to: llm
  - id: lookup
    from: app
    to: index
YAML
run import bad.yaml bad.db
expect_rc 1 "import of a file with four errors"
cat >want <<'WANT'
parapet: bad.yaml:5:3: unknown system field 'colour' (see parapet-model(5) for the fields of a system)
parapet: bad.yaml:8:11: unknown component kind 'modle' for 'kind' (did you mean 'model'?)
parapet: bad.yaml:16:20: 'personal-data' must be true, false, yes or no, not 'maybe' (leave it out while it is not known)
parapet: bad.yaml:23:9: flow 'lookup' goes to an unknown component 'index'
WANT
diff -u want "$T/err" >diff.out || { cat diff.out; fail "import: every error"; }
[ ! -e bad.db ] || fail "import of a bad file created a database"

# Fixed, the file imports: nothing was kept from the failed run.
sed -e '/colour/d' -e 's/modle/model/' -e '/personal-data/d' \
    -e 's/to: index/to: store/' bad.yaml >good.yaml
run import good.yaml good.db
expect_rc 0 "import once fixed"

# A file with many errors shows the first 20 and counts the rest.
{
	printf 'parapet: 1\nsystem: {id: s, name: S}\ncomponents:\n'
	for i in $(seq 1 25); do
		printf '  - {id: c%d, name: C, kind: modle}\n' "$i"
	done
} >many.yaml
run import many.yaml many.db
expect_rc 1 "import of 25 errors"
[ "$(grep -c "unknown component kind 'modle'" "$T/err")" -eq 20 ] ||
    fail "import: not 20 errors shown"
expect_err "parapet: many.yaml: 5 more errors not shown (the first 20 are)" \
    "import: the errors left out are counted"

# diff reads model files as import does: every error at once.
run diff good.yaml bad.yaml
expect_rc 1 "diff with a bad side"
diff -u want "$T/err" >diff.out || { cat diff.out; fail "diff: every error"; }

# A YAML syntax error is one error: what follows it is not known.
printf 'parapet: 1\nsystem: {id: s, name: S, colour: red}\ncomponents: [\n' \
    >syntax.yaml
run import syntax.yaml syntax.db
expect_rc 1 "import of a syntax error"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "import: a syntax error is one line"
expect_err "syntax.yaml:" "import: the syntax error is placed"

# check passes a model whose LLM is not described yet (every field that
# would raise its risks unanswered), which reads in a CI log as "nothing
# to fear": a note on stderr counts what would be at stake; stdout and the
# exit status stay the gate's.
cat >kb.yaml <<'YAML'
parapet: 1
system: {id: kb-helper, name: Knowledge-base helper}
components:
  - {id: staff, name: Staff, kind: user}
  - {id: app, name: Chat app, kind: application}
  - {id: llm, name: Hosted LLM, kind: model}
flows:
  - {id: ask, from: staff, to: app}
  - {id: complete, from: app, to: llm}
YAML
run import kb.yaml kb.db
expect_rc 0 "import of an undescribed model"
run check kb.db --fail-on high
expect_rc 0 "check of an undescribed model"
expect_out "check passed: no open or mitigating risk at or above high in 'kb-helper'" \
    "check of an undescribed model: passed"
expect_err "note:" "check: the note"
grep -qE "note: [0-9]+ fields? not answered in 'kb-helper' would raise risks at or above high \(open questions, not risks: --fail-on-unanswered fails on them\)" \
    "$T/err" || fail "check: the note counts the fields"
grep -q "note" "$T/out" && fail "check: the note is on stdout"
run check kb.db --fail-on high --fail-on-unanswered
expect_rc 3 "check --fail-on-unanswered of an undescribed model"
grep -q "note:" "$T/err" && fail "check --fail-on-unanswered: a note too"
# A model with nothing at stake gets no note.
printf 'parapet: 1\nsystem: {id: tiny, name: Tiny}\ncomponents:\n  - {id: staff, name: Staff, kind: user}\n' >tiny.yaml
run import tiny.yaml tiny.db
run check tiny.db --fail-on low
expect_rc 0 "check of a model with nothing at stake"
grep -q "note:" "$T/err" && fail "check: a note with nothing at stake"

# The sign-off report, read by a reviewer: the list of high risks says it
# holds mitigating ones too (it was headed "Open"), and an accepted risk
# names its owner beside who decided it (only "accepted by root" before).
run new sa.db --template rag-assistant
expect_rc 0 "new from the template"
run risk sa.db llm-indirect-prompt-injection@llm --status mitigating
expect_rc 0 "a risk mitigating"
run risk sa.db llm-system-prompt-leakage@llm --status accepted \
    --justification "Filter and monitoring in place" --owner "Head of Support"
expect_rc 0 "a risk accepted with an owner"
run export sa.db --format markdown --output sa.md
expect_rc 0 "the report"
grep -qF "### High and critical risks not yet closed" sa.md ||
    fail "report: the heading of the high risks"
grep -q "^### Open high and critical risks" sa.md &&
    fail "report: 'Open' heading over mitigating risks"
grep -qE "^- \*\*R[0-9]+\*\* .*llm-indirect-prompt-injection@llm.*: high, mitigating" sa.md ||
    fail "report: the mitigating risk in the list"
grep -qE "^- \*\*R[0-9]+\*\* .*llm-system-prompt-leakage@llm.*accepted by Head of Support \\(risk owner\\), recorded by .* on .*$" sa.md ||
    fail "report: the accepted risk's owner"
grep -qF "| Risk | Decision | Justification | Risk owner | Recorded by | Recorded at |" sa.md ||
    fail "report: the decisions table names the risk owner"
grep -qE "^\| R[0-9]+ .* \| accepted \| Filter and monitoring in place \| Head of Support \| " sa.md ||
    fail "report: the decisions table row names the owner"

finish

#!/usr/bin/env bash
# Unknowns are questions, not a flood of risks: a finding that stands only
# on an unanswered field is part of that field's open question, which
# names the threats at stake; answering it settles them; a decision taken
# on such a risk is never lost.
. "${srcdir:-.}/tests/cli/lib.sh"

# model EXECUTES: the shop's model, with the shell tool's executes-code
# line (empty: not answered).
. "${srcdir:-.}/tests/data/store/shop.sh"
model() {
	shop_model "$T/m.yaml" "$1"
}
newdb m
db=$DB

# Not answered: one question for the field, naming its threats; no risk.
model ""
run import "$T/m.yaml" "$db"
expect_rc 0 "import with executes-code not answered"
expect_out "1 field is not answered that risks would rest on" \
    "the import counts the field's question"
expect_no_out "to confirm" "no risk rests on the unanswered field"
run risks "$db" --all
expect_no_out "agent-code-execution@shell" "code execution on the shell stands on the unanswered field: no risk"
expect_no_out "agent-hallucinated-packages@shell" "nor the packages it would install"
# The shell can act: either answer raises a finding (code execution, or
# excessive agency), so excessive agency stands on facts, naming the other
# answer, and the field's question is not hidden behind it.
expect_out "agent-excessive-agency@shell" "the shell that can act keeps its excessive agency"
run risk "$db" agent-excessive-agency@shell
expect_out "fact: 'shell' does not execute code, or else 'agent-code-execution' holds (executes-code not answered)" \
    "the risk says what the other answer would raise"
expect_no_out "assumed:" "it stands on facts"
run risk "$db" agent-code-execution@shell
expect_rc 1 "the finding is no risk to show or decide"
expect_err "'agent-code-execution@shell' is no risk: it rests only on unanswered fields, part of their open questions" \
    "the refusal says why and where to look"
run questions "$db"
expect_rc 0 "questions"
n="$(grep -c "^field .* executes-code of tool 'shell' is not answered" "$T/out")"
[ "$n" -eq 1 ] || fail "one question for executes-code of 'shell' ($n)"
expect_out "field   high     executes-code of tool 'shell' is not answered" \
    "the question names the worst severity at stake"
expect_out "high     2x5  agent-code-execution@shell" \
    "the question names code execution, scored as if the answer is yes"
expect_out "agent-hallucinated-packages@shell" \
    "the question names every threat at stake"
expect_out "1 field is not answered that risks would rest on" \
    "questions counts the field"

# The gate: passes on the risks, fails on the question when asked to.
run check "$db" --fail-on critical
expect_rc 0 "check without --fail-on-unanswered"
run check "$db" --fail-on critical --fail-on-unanswered
expect_rc 3 "check --fail-on-unanswered"
expect_out "unanswered  field   high     executes-code of tool 'shell' is not answered" \
    "check lists the field"
expect_out "and 1 field that risks would rest on not answered in 'shop'" \
    "check counts the field"

# The report lists it with its threats.
run export "$db" --format markdown
expect_rc 0 "markdown export"
expect_out "- \`executes-code\` of tool 'shell' (at stake: high): if the risky answer is true, Model-chosen code runs with access it should not have (\`agent-code-execution@shell\`, high)" \
    "the report lists the question with its threats"
expect_out "open: 23 practice questions and 1 field not answered that threats would rest on" \
    "the report's summary counts the open questions"

# Answered yes: the question becomes risks.
model ", executes-code: true"
run import "$T/m.yaml" "$db"
expect_rc 0 "re-import with executes-code: true"
expect_no_out "fields are not answered" "no field question left"
expect_no_out "field is not answered" "no field question left"
run risks "$db"
expect_out "agent-code-execution@shell" "yes raises code execution"
expect_out "agent-hallucinated-packages@shell" "yes raises hallucinated packages"
expect_no_out "to confirm" "the risks stand on facts"
run questions "$db"
expect_no_out "executes-code of tool 'shell'" "the question is gone"

# Between the two versions, the risks are now open questions, not gone.
cp "$T/m.yaml" "$T/yes.yaml"
model ""
run diff "$T/yes.yaml" "$T/m.yaml"
expect_rc 0 "diff yes -> not answered"
expect_out "2 risks are now open questions" "the diff counts them as questions"
expect_out "agent-code-execution@shell  Model-chosen code runs with access it should not have (now an open question: it rests on unanswered fields)" \
    "the diff says the risk became a question"
expect_no_out "no longer applies" "nothing is said to stop applying"
# Marked to confirm ("?"), not removed ("-"): the database still lists it.
grep -q '^  ? .* agent-code-execution@shell ' "$T/out" ||
    fail "the risk that became a question is marked '?'"
grep -q '^  - .*agent-code-execution@shell' "$T/out" &&
    fail "the risk that became a question is marked removed"

# Answered no: the question vanishes, and so do its threats.
model ", executes-code: false"
run import "$T/m.yaml" "$db"
expect_rc 0 "re-import with executes-code: false"
run risks "$db" --all
expect_no_out "agent-code-execution@shell" "no makes code execution vanish"
expect_no_out "agent-hallucinated-packages@shell" "no makes the packages vanish"
expect_out "agent-excessive-agency@shell" "no raises what the other answer does"
run questions "$db"
expect_no_out "executes-code of tool 'shell'" "no question is left"

# A decision taken on such a risk stays: back to yes, decide on code
# execution, then forget the answer. The decided risk is kept as a risk
# to confirm; the undecided one is part of the question again, and the
# analysis says so.
model ", executes-code: true"
run import "$T/m.yaml" "$db"
run risk "$db" agent-code-execution@shell --status mitigating --owner "Platform team"
expect_rc 0 "decide on code execution"
model ""
run import "$T/m.yaml" "$db"
expect_rc 0 "re-import with executes-code not answered again"
expect_out "1 risk is to confirm" "the decided risk is kept, to confirm"
expect_out "1 field is not answered that risks would rest on" \
    "the field is still an open question"
expect_out "1 earlier risk that nobody decided on now rests only on unanswered fields" \
    "the import says the undecided risk became part of a question"
run risks "$db"
expect_out "to confirm:" "the kept risk is listed apart"
expect_out "mitigating     1x5  agent-code-execution@shell" \
    "kept with its decision, one less likely"
expect_no_out "agent-hallucinated-packages@shell" \
    "the undecided risk is no longer a risk"
run risk "$db" agent-code-execution@shell
expect_out "Platform team" "the decision's owner is kept"
# Kept whole: the findings left as questions lose their reasons and
# mitigations once split off (risk_slim()), a decided one must not.
expect_out "assumed: " "the kept risk keeps the assumptions it rests on"
expect_out "fact: " "the kept risk keeps the facts it rests on"
run questions "$db"
expect_out "agent-hallucinated-packages@shell" "the question names it again"
# Exported and imported again, the decided risk stays, with its decision.
run export "$db" --format xml --output "$T/m.xml"
expect_rc 0 "xml export"
newdb copy
copy=$DB
run import "$T/m.xml" "$copy"
expect_rc 0 "xml import into a new database"
run risks "$copy"
expect_out "mitigating     1x5  agent-code-execution@shell" \
    "the XML round trip keeps the risk to confirm"

# A decision written in the model file on a finding that rests only on the
# unanswered field: the finding is kept as a risk to confirm, decided.
model ""
cat >>"$T/m.yaml" <<'YAML'
decisions:
  agent-code-execution@shell:
    status: accepted
    owner: Platform team
    justification: it runs in a sandbox without network access
YAML
newdb file
filedb=$DB
run import "$T/m.yaml" "$filedb"
expect_rc 0 "import with a decision on a finding that is a question"
expect_out "1 decision applied from the file" "the decision is applied"
run risks "$filedb"
expect_out "accepted       1x5  agent-code-execution@shell" \
    "the decided finding is a risk to confirm"
expect_no_out "agent-hallucinated-packages@shell" \
    "the undecided finding stays a question"
# Open questions converge: a field whose answer matters only once another
# is answered (an index of personal or confidential data: either one) is
# asked with it, as one question ("personal-data or confidential-data"),
# so that answering every question listed raises none that was not
# (newuser5 F3: answering seven fields raised two new ones). What is left
# of a question once one of its fields is answered is not a new one.
kb() {
	cat >"$T/kb.yaml" <<YAML
parapet: 1
system: { id: desk, name: Desk, criticality: medium }
boundaries:
  - { id: internet, name: Internet, trust: untrusted }
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: pax, name: Passenger, kind: user, boundary: internet }
  - { id: chat, name: Chat, kind: application, boundary: cloud, exposure: public, untrusted-input: true }
  - { id: agent, name: Agent, kind: agent, boundary: cloud, provider: in-house, can-act: false, personal-data: false, confidential-data: false }
  - { id: rules, name: Fare rules, kind: vector-store, boundary: cloud$1 }
flows:
  - { id: ask, from: pax, to: chat, data: [prompt], encrypted: true, authenticated: true }
  - { id: task, from: chat, to: agent, data: [prompt], encrypted: true, authenticated: true }
  - { id: look, from: rules, to: agent, data: [documents], encrypted: true, authenticated: true }
YAML
}
kb ""
run import "$T/kb.yaml" "$T/kb.db"
expect_rc 0 "import of an index nothing is said about"
run questions "$T/kb.db"
grep '^field' "$T/out" >"$T/first"
grep -q "personal-data or confidential-data of vector-store 'rules'" "$T/first" ||
    fail "whether the index holds personal or confidential data is one question"
kb ", personal-data: false, provider: in-house"
run import "$T/kb.yaml" "$T/kb.db"
expect_rc 0 "import with the index's first answers"
run questions "$T/kb.db"
grep '^field' "$T/out" | sed 's/^field *[a-z]* *//; s/ is not answered$//' |
    while read -r f of element; do
	grep "^field .* of $element is not answered\$" "$T/first" |
	    sed 's/^field *[a-z]* *//; s/ of .*//; s/ or /\n/g' |
	    grep -qxF -- "$f" ||
	    echo "a question not asked before: $f $of $element"
done >"$T/new"
[ ! -s "$T/new" ] || fail "answering the questions raised others: $(cat "$T/new")"


# Another way a finding holds, itself one of two unanswered fields (the
# browse tool, or the pages behind it, may hold personal or confidential
# data): each other way is marked "or" once, as the reader says it.
cat >"$T/research.yaml" <<YAML
parapet: 1
system: { id: research, name: Supplier research, criticality: medium }
boundaries:
  - { id: internet, name: Internet, trust: untrusted }
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: buyer, name: Buyer, kind: user, boundary: cloud }
  - { id: researcher, name: Research agent, kind: agent, boundary: cloud, can-act: false, executes-code: false }
  - { id: llm, name: LLM, kind: model, boundary: cloud, model-type: llm, provider: in-house }
  - { id: browse, name: Browse tool, kind: tool, boundary: cloud, can-act: false, executes-code: false, destination: model-chosen }
  - { id: web, name: Web pages, kind: data-source, boundary: internet, origin: scraped, untrusted-input: true }
flows:
  - { id: ask, from: buyer, to: researcher, data: [prompt], encrypted: true, authenticated: true }
  - { id: think, from: researcher, to: llm, data: [prompt, documents], encrypted: true, authenticated: true }
  - { id: plan, from: llm, to: researcher, data: [model-output, tool-call], encrypted: true, authenticated: true }
  - { id: call, from: researcher, to: browse, data: [tool-call], encrypted: true, authenticated: true }
  - { id: fetch, from: web, to: browse, data: [documents], initiator: to, encrypted: true }
  - { id: page, from: browse, to: researcher, data: [documents], encrypted: true, authenticated: true }
YAML
run import "$T/research.yaml" "$T/research.db"
expect_rc 0 "import of the research agent"
run questions "$T/research.db"
expect_out "assumed: or 'web' handles confidential data (confidential-data not answered)" \
    "the pages' confidential data is another way the deputy finding holds"
expect_no_out "or or " "each other way is marked once"

finish

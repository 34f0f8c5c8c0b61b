#!/usr/bin/env bash
# A presumption (the catalogue's reading of an unanswered field): staff in
# the organisation's own zone, whose untrusted-input is not answered, are
# read as its own people. The risk stands on facts, one less likely, and
# says what it read; the field stays an open question, whose risky answer
# gives the full score; a decision on the risk keeps one risk, not two;
# answering the field settles it either way.
. "${srcdir:-.}/tests/cli/lib.sh"

# model UNTRUSTED: the staff chat, with the staff's untrusted-input line
# (empty: not answered).
model() {
	cat >"$T/m.yaml" <<YAML
parapet: 1
system: { id: staff-chat, name: Staff chat, criticality: medium }
boundaries:
  - { id: corp, name: Corporate tenant, trust: internal }
  - { id: vendor, name: LLM vendor, trust: partner }
components:
  - { id: staff, name: Staff member, kind: user, boundary: corp$1 }
  - { id: chat-app, name: Chat app, kind: application, boundary: corp, exposure: internal, untrusted-input: false }
  - { id: llm, name: Vendor LLM, kind: model, boundary: vendor, provider: third-party, operated-by: vendor, model-type: llm, system-prompt: true, prompt-secrets: true, fine-tuned: false, personal-data: false, confidential-data: false }
flows:
  - { id: ask, from: staff, to: chat-app, data: [prompt], authenticated: true, encrypted: true }
  - { id: prompt, from: chat-app, to: llm, data: [prompt], authenticated: true, encrypted: true }
  - { id: answer, from: llm, to: chat-app, data: [model-output], authenticated: true, encrypted: true }
YAML
}
newdb m
db=$DB

model ""
run import "$T/m.yaml" "$db"
expect_rc 0 "import with the staff's untrusted-input not answered"
run risks "$db"
expect_out "low       open           2x2  llm-system-prompt-leakage@llm" \
    "the leakage is a risk, one less likely"
expect_no_out "to confirm" "it stands on facts"
run risk "$db" llm-system-prompt-leakage@llm
expect_out "likelihood -1: read as the organisation's own staff" \
    "the risk says it reads the staff as insiders"
expect_out "read so while not answered: 'staff' takes no untrusted input (untrusted-input not answered)" \
    "the risk names the field it read"
expect_no_out "assumed:" "no assumption makes it a risk to confirm"
run questions "$db"
expect_out "field   medium   untrusted-input of user 'staff' is not answered" \
    "the field stays an open question"
expect_out "medium   3x2  llm-system-prompt-leakage@llm" \
    "the question gives the full score of the risky answer"
expect_out "assumed: 'staff' takes untrusted input (untrusted-input not answered)" \
    "the question says what the risky answer assumes"

# A decision on the risk: still one risk, and the field still asked.
run risk "$db" llm-system-prompt-leakage@llm --status accepted \
    --owner "Platform team" --justification "the prompt holds nothing secret"
expect_rc 0 "accept the leakage"
run risks "$db"
n="$(grep -c "llm-system-prompt-leakage@llm" "$T/out")"
[ "$n" -eq 1 ] || fail "one leakage risk after a decision ($n)"
expect_out "accepted       2x2  llm-system-prompt-leakage@llm" \
    "the decided risk keeps its score as read"
run questions "$db"
expect_out "untrusted-input of user 'staff' is not answered" \
    "the decision does not answer the field"

# Answered: untrusted input keeps the full score and asks nothing; none
# is read as the organisation's own, stated, and asks nothing either.
model ", untrusted-input: true"
run import "$T/m.yaml" "$db"
expect_rc 0 "import with untrusted staff"
run risks "$db"
expect_out "3x2  llm-system-prompt-leakage@llm" "stated untrusted staff: full score"
run questions "$db"
expect_no_out "untrusted-input of user 'staff'" "nothing left to ask"
model ", untrusted-input: false"
run import "$T/m.yaml" "$db"
expect_rc 0 "import with trusted staff"
run risk "$db" llm-system-prompt-leakage@llm
expect_out "likelihood -1: read as the organisation's own staff" \
    "stated trusted staff: one less likely"
expect_no_out "read so while not answered" "and nothing is read so"
finish

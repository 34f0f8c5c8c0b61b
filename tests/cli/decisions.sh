#!/usr/bin/env bash
# Risk owners decide: statuses, justifications, mitigations, the CI gate,
# and decisions that survive re-analysis when the model changes and back.
. "${srcdir:-.}/tests/cli/lib.sh"

cat >"$T/m.yaml" <<'YAML'
parapet: 1
system: { id: fraud, name: Fraud scoring, criticality: critical }
boundaries:
  - { id: internet, name: Internet, trust: untrusted }
  - { id: dc, name: Data centre, trust: internal }
components:
  - { id: merchant, name: Merchant, kind: user, boundary: internet }
  - id: api
    name: Scoring API
    kind: inference-service
    boundary: dc
    exposure: public
    authenticated: true
    rate-limited: false
    returns-scores: true
    provider: in-house
  - { id: clf, name: Fraud classifier, kind: model, boundary: dc, model-type: classifier }
flows:
  - { id: score, from: merchant, to: api, data: [personal-data], encrypted: false, authenticated: true }
  - { id: infer, from: api, to: clf, data: [personal-data], encrypted: true, authenticated: true }
YAML
newdb d
db=$DB
newdb scratch
scratch=$DB
newdb practice
practice=$DB
run import "$T/m.yaml" "$db"
expect_rc 0 "import"

run risks "$db"
expect_rc 0 "risks"
[ -s "$T/out" ] || fail "no risks listed"
# Find, in a scratch copy, the risk that encrypting flow 'score' removes:
# the unencrypted-flow finding about 'api', the component it reaches.
sed -e 's/encrypted: false/encrypted: true/' "$T/m.yaml" >"$T/m2.yaml"
# (Undecided risks that stop applying are dropped: compare two databases.)
"$PARAPET" import "$T/m2.yaml" "$scratch" >/dev/null
"$PARAPET" risks "$scratch" | awk '{print $4}' >"$T/encrypted"
flow_risk="$(awk '{print $4}' "$T/out" |
    grep '^flow-unencrypted-sensitive@api$' | grep -vxFf "$T/encrypted" |
    head -1)"
api_risk="$(awk '{print $4}' "$T/out" | grep '@api$' |
    grep -v '^flow-unencrypted-sensitive@' | head -1)"
[ -n "$flow_risk" ] || fail "no risk on the unencrypted crossing flow 'score'"
[ -n "$api_risk" ] || fail "no risk on the public scoring service 'api'"

run risk "$db" "$api_risk"
expect_rc 0 "risk detail"
expect_out "why it applies:" "risk detail shows reasons"
expect_out "mitigations:" "risk detail shows mitigations"
expect_out "references:" "risk detail shows references"

run risk "$db" "$api_risk" --status accepted
expect_rc 1 "accept without justification"
expect_err "justification" "accept without justification"

run risk "$db" "$api_risk" --status accepted --justification "Compensating fraud desk review" --owner "Risk Lead"
expect_rc 0 "accept with justification"
expect_out "open -> accepted" "accept prints the change"

# An owner and a reason in another script are names and words too.
run risk "$db" "$api_risk" --owner "Иван Петров" \
    --justification "риск низкий: проверка мошенничества вручную"
expect_rc 0 "an acceptance in Cyrillic"
expect_out "owner Иван Петров" "the Cyrillic owner is kept"

# A risk owner is a name: a paragraph pasted there is refused in the same
# words on both backends (a server would refuse it in its index's words),
# nothing written; 200 characters are fine, however many bytes they take.
before=$(dbsum "$db")
run risk "$db" "$api_risk" --owner "$(printf 'x%.0s' $(seq 201))"
expect_rc 1 "an owner of 201 characters"
expect_err "parapet: a risk owner is a person or a role, at most 200 characters (this one has 201)" \
    "an owner of 201 characters is refused in our words"
[ "$(dbsum "$db")" = "$before" ] || fail "the refused owner changed the database"
run risk "$db" "$api_risk" --owner "$(printf 'é%.0s' $(seq 200))"
expect_rc 0 "an owner of 200 characters"
run risk "$db" "$api_risk" --owner "Risk Lead" \
    --justification "Compensating fraud desk review"
expect_rc 0 "the owner and reason back"
# An export carrying such an owner (written by hand) is refused whole.
run export "$db" --format xml --output "$T/owner.xml"
expect_rc 0 "export for the long owner"
long=$(printf 'x%.0s' $(seq 201))
sed -i "s|<owner>Risk Lead</owner>|<owner>$long</owner>|" "$T/owner.xml"
grep -q "$long" "$T/owner.xml" || fail "no long owner in the export"
newdb long-owner
run import "$T/owner.xml" "$DB"
expect_rc 1 "an export with an owner of 201 characters"
expect_err "parapet: risk '$api_risk': a risk owner is a person or a role, at most 200 characters (this one has 201)" \
    "the export's long owner is refused in our words"
run list "$DB"
expect_no_out "$api_risk" "the refused export left a model"

run risk "$db" "no-such@thing" --status mitigated
expect_rc 1 "unknown risk"
expect_err "no risk 'no-such@thing' in this model (see 'parapet risks --all')" \
    "unknown risk"
run risk "$db" "${api_risk}x"
expect_rc 1 "misspelt risk"
expect_err "no risk '${api_risk}x' in this model (did you mean '$api_risk'?)" \
    "a misspelt risk suggests the nearest"

mit="$(sed -n 's/^    proposed *\([a-z0-9._-]*\).*/\1/p' <("$PARAPET" risk "$db" "$flow_risk") | head -1)"
[ -n "$mit" ] || fail "no proposed mitigation on $flow_risk"
run mitigation "$db" "$flow_risk" "$mit" --status planned --owner "Platform team" --due 2026-13-01
expect_rc 1 "bad due date"
expect_err "2026-13-01" "bad due date is named"
run mitigation "$db" "$flow_risk" "$mit" --status planned --owner "Platform team" --due 2027-01-31
expect_rc 0 "plan a mitigation"
run risk "$db" "$flow_risk"
expect_out "planned" "mitigation status stored"
expect_out "due 2027-01-31" "due date stored"

run history "$db"
expect_out "accepted" "the decision is in the history"
expect_out "Compensating fraud desk review" "the justification is in the history"

# The CI gate: the open risks at or above low make it fail with status 3.
run check "$db" --fail-on low
expect_rc 3 "check fails on open risks"
expect_out "check failed:" "check says why"
expect_no_out "$api_risk " "accepted risks do not fail the gate"

# Encrypt the flow: its risk stops applying but keeps its decisions...
run import "$T/m2.yaml" "$db"
expect_rc 0 "re-import with the flow encrypted"
run risks "$db"
if grep -qF " $flow_risk " "$T/out"; then fail "$flow_risk still listed"; fi
run risks "$db" --all
expect_out "(no longer applies)" "a risk that stops applying is kept"
# ...and comes back with them when the model changes back.
run import "$T/m.yaml" "$db"
run risk "$db" "$flow_risk"
expect_out "planned" "the mitigation decision came back"
run risk "$db" "$api_risk"
expect_out "accepted" "the accepted risk stayed accepted"
expect_out "Compensating fraud desk review" "the justification stayed"

# An unanswered practice question is an open question, not a risk; a "no"
# raises the risk of its gap, and a practice followed removes it: the
# summary says how many risks no longer apply, in the singular for one.
run import "$T/m.yaml" "$practice"
expect_rc 0 "import for the practice answers"
expect_out "practice questions are not answered: open questions" \
    "unanswered practice questions are counted as open questions"
run risks "$practice"
expect_no_out "practice-staff-awareness@" "an unanswered question is no risk"
run answer "$practice" q-staff-awareness no
expect_rc 0 "answer a practice question no"
run risks "$practice"
expect_out "practice-staff-awareness@" "a no is a risk"
run check "$practice" --fail-on critical
expect_rc 0 "open questions alone do not fail the risk gate"
run check "$practice" --fail-on critical --fail-on-unanswered
expect_rc 3 "--fail-on-unanswered fails while questions are open"
expect_out "unanswered  1.2   q-threat-model-maintained" \
    "an open question is listed"
expect_out "check failed: 22 practice questions" "the check says why"
expect_out "not answered in 'fraud' (parapet questions; parapet answer)" \
    "the check says where"
run answer "$practice" q-documentation no
# (Only risks someone decided on are kept when they stop applying.)
for r in practice-staff-awareness@fraud practice-documentation@fraud; do
	"$PARAPET" risk "$practice" "$r" --owner ann >/dev/null
done
run answer "$practice" q-staff-awareness yes
expect_rc 0 "answer a practice question"
expect_out "1 earlier risk no longer applies (kept with its decision)" \
    "one risk no longer applies"
run answer "$practice" q-documentation yes
expect_rc 0 "answer a second practice question"
expect_out "2 earlier risks no longer apply (kept with their decisions)" \
    "two risks no longer apply"

finish

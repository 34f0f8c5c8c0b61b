#!/usr/bin/env bash
# Findings as a reviewer reads them: each derived fact has one definition
# that the register and the report share.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb audit
db_audit=$DB
newdb bad
db_bad=$DB
newdb clear
db_clear=$DB
newdb fraud
db_fraud=$DB
newdb nob
db_nob=$DB
newdb od
db_od=$DB
newdb out
db_out=$DB
newdb tools
db_tools=$DB

# A component in no boundary: whether the flow to it crosses a trust
# boundary is not known. The finding stands on that alone: it is part of
# the open question of the store's boundary, which says so ("assumed"),
# and the report's flow table must not print "yes" for it.
cat >"$T/nob.yaml" <<'YAML'
parapet: 1
system: { id: nob, name: No boundary, criticality: medium }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: app, name: App, kind: application, boundary: cloud }
  - { id: store, name: Store, kind: datastore, personal-data: true }
flows:
  - { id: save, from: app, to: store, data: [personal-data], encrypted: false }
YAML
run import "$T/nob.yaml" "${db_nob}"
expect_rc 0 "import of a component in no boundary"
run risk "${db_nob}" flow-unencrypted-sensitive@store
expect_rc 1 "the unencrypted flow is no risk while the boundary is unknown"
run questions "${db_nob}"
expect_out "boundary of datastore 'store' is not answered" \
    "the store's boundary is an open question"
expect_out "flow-unencrypted-sensitive@store" "the question names the threat"
expect_out "assumed: flow 'save' crosses a trust boundary ('store' has no boundary)" \
    "the reason says the crossing is assumed"
run export "${db_nob}" --format markdown
expect_rc 0 "markdown export"
grep -q '^|[^|]*| `save` | `app` | `store` | personal-data | unknown |' "$T/out" ||
    fail "the report's flow table says the crossing is unknown"

# Decisions on risks that are merged are kept. A database built by the
# old behaviour: the same threat without its 'finding:' line (from an
# extra catalogue file that replaces it), so that it raises one risk per
# flow of the model's output. People decide two of them differently.
awk '/^  - id: llm-improper-output-handling$/ {p = 1; print; next}
    /^  - id: / {p = 0} p && !/^    finding:/' \
    "$SRC/data/catalogue/20-threats-llm.yaml" >"$T/threat.yaml"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/threat.yaml"; } >"$T/old.yaml"
cat >"$T/out.yaml" <<'YAML'
parapet: 1
system: { id: out, name: Output handling, criticality: medium }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: llm, name: LLM, kind: model, boundary: cloud, model-type: llm }
  - { id: app, name: App, kind: application, boundary: cloud }
  - { id: tool, name: Tool, kind: tool, boundary: cloud }
  - { id: db, name: Store, kind: datastore, boundary: cloud }
flows:
  - { id: answer, from: llm, to: app, data: [model-output], encrypted: true }
  - { id: act, from: app, to: tool, data: [tool-call], encrypted: true }
  - { id: keep, from: app, to: db, data: [model-output], encrypted: true }
YAML
db="${db_out}"
run import --catalogue "$T/old.yaml" "$T/out.yaml" "$db"
expect_rc 0 "import with the old, per-flow behaviour"
run risks "$db"
n="$(grep -c ' llm-improper-output-handling@' "$T/out")"
[ "$n" -eq 3 ] || fail "the old behaviour raises one risk per flow ($n)"
run risk "$db" llm-improper-output-handling@keep \
    --status accepted --justification "Stored as plain text only" \
    --owner "Data team"
expect_rc 0 "accept the risk of one flow"
PARAPET_NOW=2026-11-26T10:00:00Z run risk "$db" \
    llm-improper-output-handling@act --status mitigating --owner "Tools team"
expect_rc 0 "mitigate the risk of another flow"
PARAPET_NOW=2026-11-26T10:00:00Z run mitigation \
    "$db" llm-improper-output-handling@act m-validate-tool-calls \
    --status planned --due 2027-01-31
expect_rc 0 "plan a mitigation of that risk"

# Re-analysed with the standard catalogue: one finding about the app that
# handles the model's output (the one component the model sends it to),
# the decisions moved onto it, the earlier risks gone, and history says so.
PARAPET_NOW=2026-11-27T10:00:00Z run analyze "$db"
expect_rc 0 "re-analysis with one finding per model"
expect_out "3 earlier risks are now part of findings that cover them, with any decision they had" \
    "the analysis says the decisions moved"
run risks "$db" --all
n="$(grep -c ' llm-improper-output-handling@' "$T/out")"
[ "$n" -eq 1 ] || fail "one finding remains, no earlier risk kept ($n)"
run risk "$db" llm-improper-output-handling@app
expect_rc 0 "the finding is on the app that handles the output"
expect_out "one finding for flows 'answer', 'act' and 'keep'" \
    "the finding names every flow"
# The flow 'answer' was never decided: the finding stays open, the most
# conservative, and keeps what people wrote on the others.
expect_out "status:    open" \
    "the most conservative status (one flow was never decided) wins"
expect_out "Tools team" "an owner is kept"
expect_out "Stored as plain text only" "the other justification is kept"
expect_out "due 2027-01-31" "the mitigation decision moved too"
run history "$db"
expect_out "merged into" "history records where the earlier risk went"
expect_out "llm-improper-output-handling@keep" "history names the earlier risk"

# A model file written before findings were merged keeps its decisions
# under the earlier names (THREAT@FLOW): importing it applies each to the
# finding that now covers it, says so with the line, and merges two that
# land on one finding as the store does (the more conservative status).
sed -e 's/^system: { id: out,/system: { id: out2,/' "$T/out.yaml" >"$T/old-decisions.yaml"
cat >>"$T/old-decisions.yaml" <<'YAML'
decisions:
  llm-improper-output-handling@keep:
    status: accepted
    owner: Data team
    justification: Stored as plain text only
  llm-improper-output-handling@act:
    status: mitigating
    owner: Tools team
    mitigations:
      m-validate-tool-calls: { status: planned, due: 2027-01-31 }
YAML
run import "$T/old-decisions.yaml" "${db_od}"
expect_rc 0 "a model file with decisions under earlier names imports"
expect_out "old-decisions.yaml:15:3: the decision on 'llm-improper-output-handling@keep' is applied to 'llm-improper-output-handling@app', the finding that now covers it" \
    "the note names the line, the earlier name and the finding"
expect_out "old-decisions.yaml:19:3: the decision on 'llm-improper-output-handling@app' is merged with the one at line 15" \
    "two decisions on one finding are merged, and the note says so"
run risk "${db_od}" llm-improper-output-handling@app
expect_out "status:    mitigating" \
    "the more conservative of accepted and mitigating is kept"
expect_out "Tools team" "the owner of the kept status comes with it"
expect_out "Stored as plain text only" "the other justification is kept"
expect_out "due 2027-01-31" "the mitigation decision is applied"
# A name that no finding covers is still refused, with its line.
sed -e 's/llm-improper-output-handling@keep:/llm-improper-output-handling@nowhere:/' \
    "$T/old-decisions.yaml" >"$T/bad-decisions.yaml"
run import "$T/bad-decisions.yaml" "${db_bad}"
expect_rc 1 "a decision on a risk that does not exist is refused"
expect_err "bad-decisions.yaml:15:3: no risk 'llm-improper-output-handling@nowhere'" \
    "the refusal names the line"
dbnone "${db_bad}" || fail "a refused import leaves no database"

# Tool exfiltration was raised once per tool; it is now one finding on the
# agent that calls them, naming each tool, including a tool it holds for
# only if an unanswered field takes the risky answer. A decision taken on
# either tool's earlier risk is kept on the finding, and the import says
# so: here the mail tool's destination was answered when people decided,
# and is not any more.
awk '/^  - id: agent-tool-exfiltration$/ {p = 1; print; next}
    /^  - id: / {p = 0} p && !/^    finding:/' \
    "$SRC/data/catalogue/21-threats-rag-agents.yaml" >"$T/exfil.yaml"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/exfil.yaml"; } >"$T/old-exfil.yaml"
cat >"$T/tools.yaml" <<'YAML'
parapet: 1
system: { id: tools, name: Tools, criticality: medium }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
  - { id: web, name: Web, trust: untrusted }
components:
  - { id: llm, name: LLM, kind: model, boundary: cloud, model-type: llm }
  - { id: agent, name: Agent, kind: agent, boundary: cloud }
  - { id: pages, name: Pages, kind: data-source, boundary: web, origin: scraped, untrusted-input: true }
  - { id: fetch, name: Fetch, kind: tool, boundary: cloud, destination: model-chosen, can-act: false }
  - { id: mail, name: Mail, kind: tool, boundary: cloud, can-act: false, destination: model-chosen }
flows:
  - { id: read, from: pages, to: agent, data: [documents], encrypted: true }
  - { id: ask, from: agent, to: llm, data: [prompt, documents], encrypted: true }
  - { id: plan, from: llm, to: agent, data: [model-output, tool-call], encrypted: true }
  - { id: call-fetch, from: agent, to: fetch, data: [tool-call], encrypted: true }
  - { id: call-mail, from: agent, to: mail, data: [tool-call], encrypted: true }
YAML
db="${db_tools}"
run import --catalogue "$T/old-exfil.yaml" "$T/tools.yaml" "$db"
expect_rc 0 "import with one tool-exfiltration risk per tool"
run risks "$db"
n="$(grep -c ' agent-tool-exfiltration@' "$T/out")"
[ "$n" -eq 2 ] || fail "the old behaviour raises one risk per tool ($n)"
run risk "$db" agent-tool-exfiltration@mail --status accepted \
    --justification "Mail goes only to our own domain" --owner "Mail team"
expect_rc 0 "accept the risk of the mail tool"
sed -e 's/, destination: model-chosen }$/ }/' "$T/tools.yaml" >"$T/tools2.yaml"
grep -q "id: fetch.*model-chosen" "$T/tools2.yaml" || fail "fetch keeps its destination"
PARAPET_NOW=2026-11-27T10:00:00Z run import "$T/tools2.yaml" "$db"
expect_rc 0 "re-analysis with one finding per calling agent"
expect_out "earlier risks are now part of findings that cover them, with any decision they had" \
    "the analysis says the decision moved"
run risks "$db" --all
n="$(grep -c ' agent-tool-exfiltration@' "$T/out")"
[ "$n" -eq 1 ] || fail "one tool-exfiltration finding remains ($n)"
run risk "$db" agent-tool-exfiltration@agent
expect_rc 0 "the finding is on the agent that calls the tools"
expect_out "fact: 'fetch' sends to or fetches from addresses the model chooses" \
    "the finding stands on the fetch tool's facts"
expect_out "fact: 'mail' too, if answered so: 'mail' sends to or fetches from addresses the model chooses (destination not answered)" \
    "the tool it holds for by assumption is named with its question"
expect_out "Mail goes only to our own domain" "the justification is kept"
expect_out "Mail team" "the owner is kept"

# A dataset of the feedback a model is retrained on, poisoned, was a risk of
# its own beside the model's skewing: one attack path, now one finding. A
# decision on the dataset's risk moves onto the model's finding. The old
# behaviour: model-skewing without its 'covers-feedback:' line.
awk '/^  - id: model-skewing$/ {p = 1; print; next}
    /^  - id: / {p = 0} p && !/^    covers-feedback:/' \
    "$SRC/data/catalogue/30-threats-data-training.yaml" >"$T/skew.yaml"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/skew.yaml"; } >"$T/old-skew.yaml"
db="${db_fraud}"
run import --catalogue "$T/old-skew.yaml" \
    "$SRC/templates/fraud-classifier-feedback.yaml" "$db"
expect_rc 0 "import with the dataset's poisoning a risk of its own"
run risks "$db"
expect_out " data-poisoning-untrusted-sources@labels " \
    "the old behaviour raises the dataset's poisoning"
run risk "$db" data-poisoning-untrusted-sources@labels --status mitigating \
    --justification "Chargeback labels are reconciled with the scheme monthly" \
    --owner "Fraud data science"
expect_rc 0 "decide the dataset's risk"
PARAPET_NOW=2026-11-27T10:00:00Z run analyze "$db"
expect_rc 0 "re-analysis with the feedback dataset covered by the model's finding"
expect_out "now part of" "the analysis says the decision moved"
run risks "$db" --all
expect_no_out "data-poisoning-untrusted-sources@labels" \
    "the dataset's poisoning is no risk of its own"
run risk "$db" model-skewing@fraud-model
expect_rc 0 "the finding is on the model"
expect_out "fact: 'labels' gathers the feedback 'fraud-model' learns from" \
    "the finding names the dataset of feedback"
expect_out "Chargeback labels are reconciled with the scheme monthly" \
    "the justification is kept"
expect_out "Fraud data science" "the owner is kept"
run history "$db"
expect_out "merged into" "history records where the earlier risk went"

# Two such feedback loops in one model, apart: each model's finding takes
# its own dataset of feedback and not the other's (the walk from the first
# model does not reach the second's dataset, which is kept for the second).
tpl="$SRC/templates/fraud-classifier-feedback.yaml"
section() { awk -v s="$1" '$0 == s ":" {p = 1; next} /^[a-z]/ {p = 0} p' "$tpl"; }
again() { sed -e 's/^\(  - { id: [a-z0-9-]*\)/\1-b/' -e 's/^\(  - id: .*\)$/\1-b/' \
    -e 's/^\(    \(from\|to\|boundary\): .*\)$/\1-b/'; }
{
	awk '/^boundaries:$/ {exit} {print}' "$tpl"
	for s in boundaries components flows; do
		echo "$s:"
		section "$s"
		section "$s" | again
	done
} >"$T/two-loops.yaml"
grep -q '^  - id: labels-b$' "$T/two-loops.yaml" || fail "the second loop's dataset is in the model"
db="$T/two-loops.db"
run import "$T/two-loops.yaml" "$db"
expect_rc 0 "import of two feedback loops"
run risks "$db" --all
expect_no_out "data-poisoning-untrusted-sources@labels" \
    "the datasets of both loops are covered"
run risk "$db" model-skewing@fraud-model
expect_out "fact: 'labels' gathers the feedback 'fraud-model' learns from" \
    "the first model's finding names its dataset"
expect_no_out "'labels-b' gathers" "and not the other loop's"
run risk "$db" model-skewing@fraud-model-b
expect_rc 0 "the second model has its finding"
expect_out "fact: 'labels-b' gathers the feedback 'fraud-model-b' learns from" \
    "the second model's finding names its own dataset"

# What users submit as training data, not as ratings (the text a keyboard's
# users type, kept on the phone and trained on), is the feedback of a model
# retrained on it: the dataset's poisoning and the model's skewing were two
# risks (one critical on each) for the same users steering one retraining.
cat >"$T/typed.yaml" <<'YAML'
parapet: 1
system: { id: typed, name: Typed text, criticality: medium }
boundaries:
  - { id: phones, name: Phones, trust: untrusted }
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: typist, name: Phone user, kind: user, boundary: phones }
  - { id: keys, name: Keyboard app, kind: application, boundary: phones, untrusted-input: true }
  - { id: typed, name: Typed text, kind: dataset, boundary: phones, origin: user-contributed, personal-data: true, labels-vetted: false }
  - { id: trainer, name: Training, kind: training-pipeline, boundary: cloud, exposure: internal }
  - { id: predictor, name: Next-word model, kind: model, boundary: phones, provider: in-house, model-type: other, learns-from-feedback: true }
flows:
  - { id: type, from: typist, to: keys, data: [personal-data] }
  - { id: keep, from: keys, to: typed, data: [training-data] }
  - { id: learn, from: typed, to: trainer, data: [training-data], authenticated: true, encrypted: true }
  - { id: ship, from: trainer, to: predictor, data: [model-weights], authenticated: true, encrypted: true }
  - { id: ask, from: keys, to: predictor, data: [prompt] }
YAML
db="$T/typed.db"
run import "$T/typed.yaml" "$db"
expect_rc 0 "import of a model trained on what its users type"
run risks "$db" --all
expect_no_out "data-poisoning-untrusted-sources@typed" \
    "the typed text's poisoning is no risk of its own"
run risk "$db" model-skewing@predictor
expect_rc 0 "the finding is on the model"
expect_out "fact: 'typed' gathers the feedback 'predictor' learns from" \
    "the finding names the dataset its users fill"

# A request and its answer in clear text were two findings, one on each
# end: now one, on the request's destination. A decision on the caller's
# finding (the answer's) moves onto it. The old behaviour: the threat
# grouped by destination only.
awk '/^  - id: flow-unencrypted-sensitive$/ {p = 1; print; next}
    /^  - id: / {p = 0} p { sub(/finding: connection/, "finding: destination"); print }' \
    "$SRC/data/catalogue/60-threats-infrastructure-flows.yaml" >"$T/clear.yaml"
grep -q 'finding: destination' "$T/clear.yaml" || fail "the old clear-text threat groups by destination"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/clear.yaml"; } >"$T/old-clear.yaml"
db="${db_clear}"
run import --catalogue "$T/old-clear.yaml" \
    "$SRC/tests/threats/flow-unencrypted-sensitive/fires-ocr.yaml" "$db"
expect_rc 0 "import with one clear-text finding per destination"
run risks "$db"
expect_out " flow-unencrypted-sensitive@orchestrator " \
    "the old behaviour raises the answers on the caller"
run risk "$db" flow-unencrypted-sensitive@orchestrator --status accepted \
    --justification "Vendor links run inside a private VPN" --owner "Network team"
expect_rc 0 "accept the caller's clear-text finding"
PARAPET_NOW=2026-11-28T10:00:00Z run analyze "$db"
expect_rc 0 "re-analysis with a request and its answer as one finding"
expect_out "now part of" "the analysis says the decision moved"
run risks "$db" --all
expect_no_out "flow-unencrypted-sensitive@orchestrator" \
    "the answers are no finding on the caller"
n="$(grep -c ' flow-unencrypted-sensitive@' "$T/out")"
[ "$n" -eq 2 ] || fail "one clear-text finding per vendor connection ($n)"
run risk "$db" flow-unencrypted-sensitive@ocr
expect_out "fact: flow 'ocr-out' answers flow 'to-ocr'" "the answer is named"
# The caller's finding held the answers of both vendors: its decision
# moves once, onto the first of the two findings in the register.
run risk "$db" flow-unencrypted-sensitive@llm
expect_out "Vendor links run inside a private VPN" "the justification is kept"
run history "$db"
expect_out "flow-unencrypted-sensitive@orchestrator merged into" \
    "history records where the caller's finding went"

# One consumer takes model answers in clear text from two peers (a vendor
# and an inference service), each its own clear-text connection finding.
# The answers' integrity on the consumer (one finding for both answers) is
# restated by both: each connection takes the part about its own answer,
# and neither names the other's flows (trial4: a hash vendor's finding
# listed the classifier scores). A decision on the earlier name still
# lands on a finding.
cat >"$T/two-peers.yaml" <<'YAML'
parapet: 1
system: { id: two-peers, name: Two peers, criticality: medium }
boundaries:
  - { id: a, name: A, trust: internal }
  - { id: b, name: B, trust: partner }
  - { id: c, name: C, trust: internal }
components:
  - { id: app, name: App, kind: application, boundary: a }
  - { id: vendor, name: Vendor, kind: external-service, boundary: b }
  - { id: inf, name: Inference, kind: inference-service, boundary: c }
flows:
  - { id: q1, from: app, to: vendor, data: [documents], encrypted: false }
  - { id: r1, from: vendor, to: app, data: [model-output], encrypted: false }
  - { id: q2, from: app, to: inf, data: [documents], encrypted: false }
  - { id: r2, from: inf, to: app, data: [model-output], encrypted: false }
decisions:
  output-integrity-in-transit@app:
    status: accepted
    owner: Platform team
    justification: Answers are checked against a signature
YAML
run import "$T/two-peers.yaml" "$T/tp.db"
expect_rc 0 "two peers' clear-text answers import"
run risks "$T/tp.db"
expect_out "flow-unencrypted-sensitive@vendor" "the vendor connection is a finding"
expect_out "flow-unencrypted-sensitive@inf" "the inference connection is a finding"
if grep -q 'output-integrity-in-transit@' "$T/out"; then
	fail "the answers' integrity stays a finding of its own"
fi
run risk "$T/tp.db" flow-unencrypted-sensitive@vendor
expect_out "this finding also covers 'output-integrity-in-transit'" \
    "the vendor connection restates its answer's integrity"
expect_out "flow 'r1' goes to 'app'" "with its own answer"
if grep -q "'r2'" "$T/out"; then
	fail "the vendor connection names the inference service's answer"
fi
run risk "$T/tp.db" flow-unencrypted-sensitive@inf
expect_out "this finding also covers 'output-integrity-in-transit'" \
    "the inference connection restates its answer's integrity"
expect_out "flow 'r2' goes to 'app'" "with its own answer"
if grep -q "'r1'" "$T/out"; then
	fail "the inference connection names the vendor's answer"
fi
if ! grep -q "Platform team" "$T/out" && ! {
    run risk "$T/tp.db" flow-unencrypted-sensitive@vendor
    grep -q "Platform team" "$T/out"; }; then
	fail "the decision on the answers' integrity is lost"
fi

# An agent that acts and the tool it calls were two audit-trail findings
# for one chain of calls: the agent's, named on the engine that calls it,
# and the tool's, named on the agent. Now one, on the engine, naming both
# (trial10: a voice hub and the locks it drives). Decisions taken when the
# threat raised one risk per agent or tool (the threat without its
# 'finding:' line) are kept on the finding.
awk '/^  - id: agent-actions-unaudited$/ {p = 1; print; next}
    /^  - id: / {p = 0} p && !/^    finding:/' \
    "$SRC/data/catalogue/21-threats-rag-agents.yaml" >"$T/audit.yaml"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/audit.yaml"; } >"$T/old-audit.yaml"
db="${db_audit}"
run import --catalogue "$T/old-audit.yaml" \
    "$SRC/tests/threats/agent-actions-unaudited/fires-workflow.yaml" "$db"
expect_rc 0 "import with one audit-trail risk per agent or tool"
run risk "$db" agent-actions-unaudited@agent --status accepted \
    --justification "The case system keeps its own audit trail" \
    --owner "Case team"
expect_rc 0 "accept the agent's audit-trail risk"
PARAPET_NOW=2026-12-06T10:00:00Z run analyze "$db"
expect_rc 0 "re-analysis with one finding per chain of calls"
expect_out "now part of" "the analysis says the decision moved"
run risks "$db" --all
n="$(grep -c ' agent-actions-unaudited@' "$T/out")"
[ "$n" -eq 1 ] || fail "one audit-trail finding for the chain of calls ($n)"
expect_out " agent-actions-unaudited@workflow " \
    "the finding is on the engine that starts the chain"
run risk "$db" agent-actions-unaudited@workflow
expect_out "fact: one finding for components 'agent' and 'refund'" \
    "the finding names the agent and the tool it calls"
expect_out "The case system keeps its own audit trail" \
    "the justification is kept"
expect_out "Case team" "the owner is kept"

# A tool that pays through a booking system games its own limit: the
# finding is named after the tool its reasons are about, not after the
# system its results go to (newuser5: decision-limit-gaming@booking-api
# listed only facts about the voucher tool). A decision taken on the
# earlier name is kept.
cat >"$T/voucher.yaml" <<'YAML'
parapet: 1
system: { id: voucher, name: Vouchers, criticality: medium }
boundaries:
  - { id: internet, name: Internet, trust: untrusted }
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: pax, name: Passenger, kind: user, boundary: internet }
  - { id: chat, name: Chat, kind: application, boundary: cloud, exposure: public, untrusted-input: true }
  - { id: agent, name: Agent, kind: agent, boundary: cloud, can-act: true }
  - { id: voucher-tool, name: Voucher tool, kind: tool, boundary: cloud, can-act: true, human-review: above-limit, review-limit: vouchers over EUR 250 }
  - { id: booking-api, name: Booking API, kind: application, boundary: cloud }
flows:
  - { id: ask, from: pax, to: chat, data: [prompt], encrypted: true }
  - { id: task, from: chat, to: agent, data: [prompt], encrypted: true, authenticated: true }
  - { id: issue, from: agent, to: voucher-tool, data: [tool-call] }
  - { id: book, from: voucher-tool, to: booking-api, data: [tool-call] }
decisions:
  decision-limit-gaming@booking-api:
    status: accepted
    owner: Payments team
    justification: Vouchers per booking are capped by the fare rules
YAML
run import "$T/voucher.yaml" "$T/voucher.db"
expect_rc 0 "import of a voucher tool that pays through a booking system"
run risks "$T/voucher.db" --all
expect_out " decision-limit-gaming@voucher-tool " \
    "the finding is named after the tool whose limit is gamed"
expect_no_out "decision-limit-gaming@booking-api" \
    "no finding named after the system the tool pays through"
run risk "$T/voucher.db" decision-limit-gaming@voucher-tool
expect_out "Vouchers per booking are capped by the fare rules" \
    "the decision on the earlier name is kept"

finish

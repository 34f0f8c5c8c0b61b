#!/usr/bin/env bash
# A security architect's first hour (ux13): what the program says back
# when a mitigation is decided (it used to say only "updated", so a
# mistyped owner or due date showed only in the report), and the sign-off
# report's list of high risks not yet closed naming who answers for each
# and when its next mitigation is due.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb a
db=$DB

cat >"$T/agent.yaml" <<'YAML'
parapet: 1
system: { id: support-agent, name: Customer support agent, criticality: high }
boundaries:
  - { id: internet, name: Public internet, trust: untrusted }
  - { id: cloud, name: Production cloud account, trust: internal }
components:
  - { id: customer, name: Customer, kind: user, boundary: internet, untrusted-input: true }
  - { id: agent, name: Support agent, kind: agent, boundary: cloud, can-act: true }
  - { id: llm, name: Hosted LLM, kind: model, boundary: cloud, provider: third-party, model-type: llm }
  - { id: refunds, name: Refund tool, kind: tool, boundary: cloud, can-act: true, human-approval: false, action-impact: high }
flows:
  - { id: ask, from: customer, to: agent, data: [prompt] }
  - { id: complete, from: agent, to: llm, data: [prompt] }
  - { id: answer, from: llm, to: agent, data: [model-output] }
  - { id: refund, from: agent, to: refunds, data: [tool-call], requests: [act] }
YAML
run import "$T/agent.yaml" "$db"
expect_rc 0 "import"
risk=agent-excessive-agency@refunds
run risk "$db" "$risk"
expect_rc 0 "the refund tool's excessive agency is a risk"
mit=m-human-approval-actions
expect_out "proposed    $mit" "its mitigation is proposed"

run mitigation "$db" "$risk" "$mit" --status implemented --owner "Payments team" --due 2027-01-31
expect_rc 0 "decide the mitigation"
expect_out "mitigation $mit of $risk: proposed -> implemented, owner Payments team, due 2027-01-31" "says what it set"
run mitigation "$db" "$risk" "$mit" --notes "Refunds over 20 EUR need approval"
expect_rc 0 "notes"
expect_out "mitigation $mit of $risk: implemented, owner Payments team, due 2027-01-31, with notes" "an unchanged status is not shown as a change"
run mitigation "$db" "$risk" "$mit" --owner "Payments tema"
expect_out "owner Payments tema" "a typo shows at once"
# What it says is what the report shows.
run export "$db" --format markdown
expect_out "| implemented | Payments tema | 2027-01-31 | Refunds over 20 EUR need approval |" "the report agrees"

# The report's summary: the high risks not closed, with who answers for
# each and the next due date; nothing said of a risk nobody owns yet.
pi=llm-direct-prompt-injection@llm
run risk "$db" "$pi"
[ "$rc" = 0 ] || { fail "no prompt injection risk to decide"; finish; }
run mitigation "$db" "$pi" m-authorise-outside-model --status planned --owner "Platform team" --due 2027-03-31
expect_rc 0 "plan a mitigation"
run mitigation "$db" "$pi" m-llm-red-team --status proposed --due 2027-02-28
expect_rc 0 "a proposed one, due earlier"
run mitigation "$db" "$pi" m-input-guardrails --status implemented --due 2026-01-31
expect_rc 0 "one in place: its date is not next"
run risk "$db" "$pi" --status mitigating --owner "Head of AI" --justification "Authorisation moves out of the prompt"
expect_rc 0 "mitigating"
run export "$db" --format markdown --output "$T/r.md"
expect_rc 0 "the report"
sed -n '/^### High and critical risks not yet closed/,/^#/p' "$T/r.md" >"$T/high"
grep -qE "^- \*\*R[0-9]+\*\* .*\(.$pi.\): [a-z]+, mitigating, risk owner Head of AI, next mitigation due 2027-02-28, on Hosted LLM" "$T/high" ||
	fail "summary: owner and next due date of the mitigating risk: $(cat "$T/high")"
grep -v "$pi" "$T/high" | grep -qE "^- .*: [a-z]+, open, no risk owner, on " ||
	fail "summary: an open risk with nobody answering for it: $(cat "$T/high")"
# Past its date: said so where the approver reads it.
PARAPET_NOW=2027-03-01T00:00:00Z "$PARAPET" export "$db" --format markdown --output "$T/late.md" 2>/dev/null
grep -qF "next mitigation due 2027-02-28 (overdue), on" "$T/late.md" ||
	fail "summary: an overdue next mitigation"
finish

#!/usr/bin/env bash
# Exports for other tools (Threat Dragon, Open Threat Model, TM-BOM) say on
# standard error what of this model the file has no place for, and each
# claim holds: the file imported back goes without exactly that (counted
# from the model file written before and after), and keeps what the note
# does not name. A format that keeps everything (yaml, xml) says nothing.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb a
db=$DB
newdb td
db_td=$DB
newdb otm
db_otm=$DB
newdb tmbom
db_tmbom=$DB
newdb bare
db_bare=$DB

# A support agent with a knowledge base, a ticketing tool and a refund
# tool; three decisions with mitigations that have owners, due dates and
# notes; one practice answer.
cat >"$T/agent.yaml" <<'YAML'
parapet: 1
system:
  id: support-agent
  name: Customer support agent
  owner: Head of Customer Operations
  team: cx-platform
  criticality: high
boundaries:
  - { id: internet, name: Public internet, trust: untrusted }
  - { id: cloud, name: Production cloud account, trust: internal }
  - { id: vendor, name: LLM vendor, trust: partner }
components:
  - { id: customer, name: Customer, kind: user, boundary: internet, untrusted-input: true }
  - { id: chat, name: Chat frontend, kind: application, boundary: cloud, exposure: public, untrusted-input: true }
  - { id: agent, name: Support agent, kind: agent, boundary: cloud, can-act: true, executes-code: false }
  - { id: llm, name: Hosted LLM, kind: model, boundary: vendor, provider: third-party, model-type: llm, system-prompt: true }
  - { id: kb, name: Knowledge base, kind: vector-store, boundary: cloud, origin: internal, access-control: uniform }
  - { id: tickets, name: Ticketing tool, kind: tool, boundary: cloud, can-act: true, human-approval: false, action-impact: low }
  - { id: refunds, name: Refund tool, kind: tool, boundary: cloud, can-act: true, human-approval: false, credential-scope: capped, action-impact: high }
  - { id: orders, name: Order database, kind: datastore, boundary: cloud, confidential-data: true }
flows:
  - { id: ask, from: customer, to: chat, data: [prompt, personal-data], encrypted: true, authenticated: true }
  - { id: task, from: chat, to: agent, data: [prompt, personal-data], encrypted: true }
  - { id: complete, from: agent, to: llm, data: [prompt, documents], encrypted: true, authenticated: true }
  - { id: answer, from: llm, to: agent, data: [model-output], encrypted: true }
  - { id: retrieve, from: kb, to: agent, data: [documents] }
  - { id: open-ticket, from: agent, to: tickets, data: [tool-call], requests: [act] }
  - { id: refund, from: agent, to: refunds, data: [tool-call], requests: [act] }
  - { id: lookup, from: orders, to: agent, data: [personal-data] }
  - { id: reply, from: agent, to: chat, data: [model-output] }
  - { id: show, from: chat, to: customer, data: [model-output] }
practices:
  q-threat-model-maintained: yes
decisions:
  third-party-model-silent-change@llm:
    status: accepted
    owner: Head of Customer Operations
    justification: The contract pins model versions and we re-run the evaluation on each notice
  agent-excessive-agency@refunds:
    status: mitigated
    owner: Head of Customer Operations
    justification: Approval step live
    mitigations:
      m-human-approval-actions: { status: implemented, owner: Payments team, due: "2027-01-31", notes: Refunds over 20 EUR need approval }
  llm-direct-prompt-injection@llm:
    status: mitigating
    owner: Head of AI
    justification: Authorisation moves out of the prompt
    mitigations:
      m-authorise-outside-model: { status: planned, owner: Platform team, due: "2027-03-31" }
YAML
run import "$T/agent.yaml" "$db"
expect_rc 0 "import the model"
run export "$db" --format yaml --output "$T/before.yaml"
expect_rc 0 "export yaml"
[ -s "$T/err" ] && fail "yaml export: a note on what is lost, but yaml keeps it all"
run export "$db" --format xml --output "$T/before.xml"
expect_rc 0 "export xml"
[ -s "$T/err" ] && fail "xml export: a note on what is lost, but xml keeps it all"

# The fields of components and flows, one a line as export writes them,
# that are in the first file and not in the second (both sorted by
# object): what the round trip lost.
objects() {
	awk '/^components:/{on=1} /^(practices|decisions):/{on=0}
	    on && /^  - id: /{id=$3} on && /^    [a-z-]+: / && !/^    (name|description|boundary|kind|from|to):/{print id ":" $0}' "$1" | sort
}
facts_lost() {
	comm -23 <(objects "$1") <(objects "$2") | wc -l
}

# Threat Dragon.
run export "$db" --format threat-dragon --output "$T/m.td.json"
expect_rc 0 "export threat-dragon"
expect_err "note: the threat-dragon format has no place for" "the note"
expect_err "'$T/m.td.json' goes without them" "names the file"
run import "$T/m.td.json" "$db_td"
expect_rc 0 "import the Threat Dragon file"
expect_out "note: 2 of them had a status other than Open in Threat Dragon" "the decided threats (accepted, mitigated; mitigating is Open) are named"
run export "$db_td" --format yaml --output "$T/td.yaml"
n=$(facts_lost "$T/before.yaml" "$T/td.yaml")
[ "$n" -gt 20 ] || fail "threat-dragon: only $n facts lost?"
"$PARAPET" export "$db" --format threat-dragon >/dev/null 2>"$T/err"
expect_err "$n facts of components and flows" "threat-dragon: the facts it loses, counted"
expect_err "the output goes without them" "to standard output"
grep -q "trust:" "$T/td.yaml" && fail "threat-dragon keeps the trust?"
expect_err "the trust of 3 boundaries" "threat-dragon: boundary trust"
grep -q "criticality:\|team:" "$T/td.yaml" && fail "threat-dragon keeps criticality or team?"
expect_err "the system's criticality and team" "threat-dragon: criticality and team"
grep -q "^decisions:" "$T/td.yaml" && fail "threat-dragon: decisions read back?"
expect_err "the risk owners of 3 risks, who decided 3 risks and when" "threat-dragon: decisions' owners"
expect_err "the owners, due dates and notes of 2 mitigations" "threat-dragon: mitigations"
grep -q "^practices:" "$T/td.yaml" && fail "threat-dragon: practices read back?"
expect_err "1 practice answer and the history of changes (revision 1)" "threat-dragon: practices, history"
# What it keeps is not named: encryption, and a datastore's confidential data.
grep -A6 "id: ask" "$T/td.yaml" | grep -q "encrypted: true" || fail "threat-dragon lost encrypted"
grep -A6 "id: orders" "$T/td.yaml" | grep -q "confidential-data: true" || fail "threat-dragon lost confidential-data"
[ "$(comm -23 <(objects "$T/before.yaml") <(objects "$T/td.yaml") | grep -c 'encrypted\|confidential')" = 0 ] ||
	fail "the count includes what threat-dragon keeps"

# Open Threat Model keeps the facts and the decisions, not who made them.
run export "$db" --format otm --output "$T/m.otm.json"
expect_rc 0 "export otm"
run import "$T/m.otm.json" "$db_otm"
expect_rc 0 "import the OTM file"
run export "$db_otm" --format yaml --output "$T/otm.yaml"
[ "$(facts_lost "$T/before.yaml" "$T/otm.yaml")" = 0 ] || fail "otm lost facts"
"$PARAPET" export "$db" --format otm --output "$T/m.otm.json" 2>"$T/err"
expect_err "note: the otm format has no place for who decided 3 risks and when, the owners, due dates and notes of 2 mitigations, 1 practice answer and the history of changes (revision 1)" "otm: the note"
grep -q "facts" "$T/err" && fail "otm: names facts it keeps"
grep -q "Payments team\|2027-01-31" "$T/otm.yaml" && fail "otm keeps mitigation owners?"
grep -q "Head of AI" "$T/otm.yaml" || fail "otm lost a risk owner (kept, not named)"
run history "$db_otm"
grep "silent-change" "$T/out" | grep -q "import of" || fail "otm: who decided is the import"

# TM-BOM: no risks.
run export "$db" --format tmbom --output "$T/m.tmbom.json"
expect_rc 0 "export tmbom"
run import "$T/m.tmbom.json" "$db_tmbom"
expect_rc 0 "import the TM-BOM file"
run export "$db_tmbom" --format yaml --output "$T/tmbom.yaml"
n=$(facts_lost "$T/before.yaml" "$T/tmbom.yaml")
applying=$("$PARAPET" risks "$db" | wc -l)
"$PARAPET" export "$db" --format tmbom --output "$T/m.tmbom.json" 2>"$T/err"
expect_err "the tmbom format has no place for $applying risks (3 of them decided), $n facts of components and flows" "tmbom: risks and facts, counted"
expect_err "the system's owner and team" "tmbom: owner and team"
grep -q "^  owner:\|^  team:" "$T/tmbom.yaml" && fail "tmbom keeps owner or team?"
grep -A6 "id: llm" "$T/tmbom.yaml" | grep -q "provider: third-party" || fail "tmbom lost the provider"

# A model with nothing of that: no practice answers, no decisions.
cat >"$T/bare.yaml" <<'YAML'
parapet: 1
system: { id: bare, name: Bare }
components:
  - { id: app, name: App, kind: application }
YAML
run import "$T/bare.yaml" "$db_bare"
expect_rc 0 "import a bare model"
run export "$db_bare" --format otm --output "$T/bare.otm.json"
expect_rc 0 "export otm"
grep -q "practice\|decided\|mitigation" "$T/err" && fail "otm: names what the model does not have"
finish

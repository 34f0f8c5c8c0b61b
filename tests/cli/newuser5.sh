#!/usr/bin/env bash
# A fifth new user's findings at the command line. An organisation's own
# catalogue reaches every command that loads the catalogue: the CI gate
# (check) sees the threats 'risks' lists, and says so when the catalogue
# a database was analysed with is missing.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1
cat >airline.yaml <<'YAML'
parapet: 1
system: {id: airline-bot, name: Airline chat assistant, criticality: high}
components:
  - {id: passenger, name: Passenger, kind: user}
  - {id: llm, name: Assistant LLM, kind: model, model-type: llm,
     provider: in-house}
flows:
  - {id: ask, from: passenger, to: llm, data: [prompt]}
YAML
cat >mycat.yaml <<'YAML'
parapet-catalogue: 1
threats:
  - id: x-binding-promises
    title: The assistant promises refunds the organisation then owes
    description: >-
      A conversational assistant states refunds or rights; a wrong
      statement can bind the organisation.
    why: Courts have held companies to what their chatbots said.
    target: component
    when:
      kind: model
      model-type: llm
      reachable-from: { from: { kind: user }, via: prompt }
    likelihood: 4
    impact: 5
    stride: [R]
    refs:
      guideline: ["3.4"]
    mitigations: [m-llm-red-team]
YAML
newdb airline
AIR="$DB"
run import airline.yaml "$DB" --catalogue mycat.yaml
expect_rc 0 "import with an own catalogue"
run risks "$DB" --catalogue mycat.yaml
expect_out "x-binding-promises@llm" "risks with the own catalogue"

# The gate on the database and on the model file takes the catalogue and
# fails on the organisation's own threat.
run check "$DB" --fail-on critical --catalogue mycat.yaml
expect_rc 3 "check DB --catalogue"
expect_out "critical  open           4x5  x-binding-promises@llm" \
    "check DB --catalogue"
run check airline.yaml --fail-on critical --catalogue mycat.yaml
expect_rc 3 "check FILE --catalogue"
expect_out "x-binding-promises@llm" "check FILE --catalogue"

# Without it, the gate names the risks it cannot see.
run check "$DB" --fail-on critical
expect_err "'airline-bot' holds risks of threats that the catalogue loaded lacks, left out of this check (give the catalogue it was analysed with: --catalogue FILE): x-binding-promises@llm" \
    "check DB without the own catalogue"

# So does diff, comparing the database with the file analysed now.
run diff airline.yaml "$DB"
expect_err "diff: note: 'airline-bot' holds risks of threats that the catalogue loaded lacks, which the side analysed now cannot raise" \
    "diff without the own catalogue"
run diff airline.yaml "$DB" --catalogue mycat.yaml
grep -q 'catalogue loaded lacks' "$T/err" &&
    fail "diff with the own catalogue: a note"

# Deciding the risk and its mitigation take it too (the mitigation's
# title and the threat's references come from it).
run risk "$DB" x-binding-promises@llm --catalogue mycat.yaml
expect_rc 0 "risk --catalogue"
expect_out "The assistant promises refunds" "risk --catalogue"
run mitigation "$DB" x-binding-promises@llm m-llm-red-team \
    --status planned --catalogue mycat.yaml
expect_rc 0 "mitigation --catalogue"

# Accepting a risk: what is missing is said in one run, not one a run.
run risk "$DB" x-binding-promises@llm --status accepted \
    --justification "low value" --catalogue mycat.yaml
expect_rc 1 "accept without an owner or a real reason"
expect_err "accepting a risk requires a risk owner, the person who answers for it, and a justification of at least 3 words" \
    "accept: both requirements at once"
expect_err "name them with --owner NAME, and give the justification with --justification TEXT" \
    "accept: both options"

# A tool that says a person approves every action, and that only those
# above a limit are reviewed, is imported with a note.
cat >oversight.yaml <<'YAML'
parapet: 1
system: {id: vouchers, name: Vouchers}
components:
  - {id: agent, name: Agent, kind: agent}
  - {id: voucher-tool, name: Voucher tool, kind: tool, can-act: true,
     human-approval: true, human-review: above-limit,
     review-limit: vouchers over 250 EUR}
YAML
newdb oversight
run import oversight.yaml "$DB"
expect_rc 0 "import with disagreeing oversight"
expect_out "note: oversight.yaml:5:5: 'voucher-tool' has human-approval true (a person approves every action) but human-review above-limit" \
    "disagreeing oversight: a note"
DB="$AIR"

# An export into a file named for another format says so, and writes.
run export "$DB" --format markdown --output report.yaml
expect_rc 0 "markdown into report.yaml"
expect_err "note: 'report.yaml' ends in .yaml but the format is markdown (.md); written all the same" \
    "markdown into report.yaml"
grep -q '^# ' report.yaml || fail "report.yaml was not written"
run export "$DB" --format yaml --output model.yml
expect_rc 0 "yaml into model.yml"
grep -q 'ends in' "$T/err" && fail "model.yml draws a note"
run export "$DB" --format sarif --output scan.sarif.json
grep -q 'ends in' "$T/err" && fail "scan.sarif.json draws a note"

# The register counts the practice questions, and says so: the
# dashboard's open questions count the fields not answered too.
run register "$DB" --format markdown
expect_out "| Review | Open practice questions |" "register markdown header"
run register "$DB"
expect_out "open practice questions (QUESTIONS)" "register text totals"

# The templates say what kind of system each is, as the screens do.
run templates
expect_out "rag-assistant                  RAG chat assistant with two tools (" \
    "templates: the description"

# A key without its ':' is reported on its own line, not the next.
printf 'parapet: 1\nsystem: {id: s, name: S}\ncomponents:\n  - id: a\n    name A\n    kind: user\n' >colon.yaml
newdb colon
run import colon.yaml "$DB"
expect_rc 1 "missing colon"
expect_err "colon.yaml:5:5: YAML syntax error: could not find expected ':' after this key" \
    "missing colon: the key's line"
# The help says what 'questions' mostly matters for: the fields not
# answered that risks rest on; and what a field's risks are raised on.
run --help
expect_out "then the fields not answered that risks would rest on" \
    "--help: questions"
run questions "$AIR"
expect_out "if the answer is as assumed below, it raises:" \
    "questions: the risks of a field"
finish

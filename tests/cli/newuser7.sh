#!/usr/bin/env bash
# A seventh new user's findings at the command line. A hosted LLM drawn as
# an inference-service only, with no model behind it, gets none of the
# threats to the model (prompt injection among them): import and analyze
# say so and what to add, and say nothing once the model is drawn. A
# failed check says how a risk owner makes it pass.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

# The system as a newcomer first draws it: complaint e-mails from the
# internet summarised with the help of a vendor's endpoint.
cp "$SRC/tests/data/endpoint-only.yaml" endpoint.yaml
note="note: inference-service 'hosted-llm' sends to no model: the threats to the model it serves (prompt injection among them) apply to a component of kind model"

newdb a
run import endpoint.yaml "$DB"
expect_rc 0 "import of a model with an endpoint only"
expect_out "$note" "import says the endpoint serves no model"
expect_out "add one, with a flow of prompts or inputs from the service to it and one of model-output back" \
    "import says what to add"
run risks "$DB"
expect_no_out "llm-indirect-prompt-injection" \
    "no model drawn: no prompt injection (why the note is needed)"
run analyze "$DB"
expect_rc 0 "analyze"
expect_out "$note" "analyze says the endpoint serves no model"

# Drawn as the templates do it, the model behind its endpoint: the note
# goes and the prompt injection it hid is a risk.
sed -e '/^flows:/i\
  - id: llm\
    name: Vendor LLM\
    kind: model\
    boundary: vendor\
    provider: third-party\
    model-type: llm' \
    -e '$a\
  - id: serve\
    from: hosted-llm\
    to: llm\
    data: [prompt]\
  - id: served\
    from: llm\
    to: hosted-llm\
    data: [model-output]' endpoint.yaml >served.yaml
run import served.yaml "$DB"
expect_rc 0 "import with the model drawn"
expect_no_out "sends to no model" "no note once the model is drawn"
run risks "$DB"
expect_out "llm-indirect-prompt-injection@llm" \
    "the model drawn: the e-mails' prompt injection is a risk"
run analyze "$DB"
expect_no_out "sends to no model" "analyze: no note once the model is drawn"

# A failed gate says what makes it pass, not only what failed.
run check "$DB" --fail-on high
expect_rc 3 "check with an open high risk"
expect_out "check failed: 1 open or mitigating risk at or above high in 'complaints'" \
    "check fails on the prompt injection"
expect_out "to pass, a risk owner decides each risk above" \
    "a failed check says how to pass"
expect_out "'parapet risk' and 'parapet mitigation', or the decisions: section of a model file" \
    "a failed check names the commands and the model file's section"
run risk "$DB" llm-indirect-prompt-injection@llm --status accepted \
    --owner "Head of Complaints" --justification "Summaries are read, not acted on"
expect_rc 0 "accept the risk"
run check "$DB" --fail-on high
expect_rc 0 "check once the risk is decided"
expect_no_out "to pass" "a passing check gives no advice"

# README's first steps of deciding, as written there, on the template it
# starts from: the risk and mitigation it names exist, and the name given
# in PARAPET_USER is who the sign-off report says recorded them.
readme="$SRC/README.md"
grep -qF 'build/parapet risk my.db llm-indirect-prompt-injection@planner-llm' "$readme" ||
    fail "README no longer shows how to decide a risk"
grep -qF 'PARAPET_USER="Priya Shah"' "$readme" ||
    fail "README no longer says how the history names a person"
newdb my
run new "$DB" --template agent-with-tools
expect_rc 0 "new from agent-with-tools, as README does"
export PARAPET_USER="Priya Shah"
run mitigation "$DB" llm-indirect-prompt-injection@planner-llm \
    m-segregate-untrusted-content --status planned --owner "Platform team" \
    --due 2027-03-31
expect_rc 0 "README's mitigation command"
run risk "$DB" llm-indirect-prompt-injection@planner-llm \
    --status mitigating --owner "Head of AI" --justification "Segregation planned"
expect_rc 0 "README's risk command"
run export "$DB" --format markdown --output "$T/sign-off.md"
expect_rc 0 "README's sign-off export"
grep -qF -- "- **Decided:** Priya Shah," "$T/sign-off.md" ||
    fail "the sign-off report does not name the PARAPET_USER who decided"
export PARAPET_USER=tester

finish

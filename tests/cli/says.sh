#!/usr/bin/env bash
# A condition may carry its own words (says:, says-not:, parapet-
# catalogue(5)): a risk's reason then reads as a sentence where it would
# print the condition's syntax, on facts; resting on an unanswered field,
# the reason still names the field. Words that are not a text are an
# error at their line and column.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

cat >bot.yaml <<'YAML'
parapet: 1
system: {id: bot, name: Desk bot}
components:
  - {id: clerk, name: Clerk, kind: user}
  - {id: llm, name: Desk LLM, kind: model, model-type: llm, provider: in-house}
  - {id: refunds, name: Refund tool, kind: tool, can-act: true}
  - {id: logs, name: Logs, kind: monitoring, watches: [outputs]}
flows:
  - {id: ask, from: clerk, to: llm, data: [prompt]}
  - {id: call, from: llm, to: refunds, data: [tool-call]}
YAML
cat >words.yaml <<'YAML'
parapet-catalogue: 1
conditions:
  - id: x-person-at-keyboard
    target: component
    when:
      says: is a person at a keyboard
      kind: user
threats:
  - id: x-untraced-refunds
    title: Refunds the model starts are traced by nobody
    description: A tool that acts for the model sends nothing to a log.
    why: Without a record an incident cannot be reconstructed.
    target: component
    when:
      kind: tool
      can-act: true
      not:
        says-not: is recorded nowhere (no flow out of it goes to monitoring)
        outbound: { to: { kind: monitoring } }
      reachable-from: { from: { kind: model }, via: tool-call }
    likelihood: 3
    impact: 2
    stride: [R]
    refs:
      guideline: ["4.1"]
    mitigations: [m-agent-action-log]
  - id: x-nobody-asks-the-log
    title: Nobody at a keyboard reaches the log
    description: A test threat about a store nobody prompts.
    why: A test of words in a named condition.
    target: component
    when:
      kind: monitoring
      not: { reachable-from: { from: { holds: x-person-at-keyboard }, via: prompt } }
    likelihood: 1
    impact: 1
    stride: [I]
    refs:
      guideline: ["4.1"]
    mitigations: [m-agent-action-log]
YAML
newdb bot
run import bot.yaml "$DB" --catalogue words.yaml
expect_rc 0 "import with a catalogue whose conditions have words"
run risk "$DB" x-untraced-refunds@refunds --catalogue words.yaml
expect_rc 0 "risk"
expect_out "fact: 'refunds' is recorded nowhere (no flow out of it goes to monitoring)" \
    "says-not: the failing condition reads as its words"
expect_no_out "matches {to: {kind: monitoring}}" \
    "says-not: not the condition's syntax"
run risk "$DB" x-nobody-asks-the-log@logs --catalogue words.yaml
expect_rc 0 "risk of the named condition"
expect_out "fact: nothing that reaches 'logs' through flows that carry prompt is a person at a keyboard" \
    "says: a named condition's words in a path that finds nothing"
# Not a text: an error at its line and column.
sed 's/says-not: is recorded nowhere.*/says-not: [a, b]/' words.yaml >bad.yaml
run import bot.yaml "$DB" --catalogue bad.yaml
expect_rc 1 "a says-not that is a list"
expect_err "bad.yaml:18:19: says-not must be a text, the words for the condition" \
    "the error names the file, line and column"
finish

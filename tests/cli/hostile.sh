#!/usr/bin/env bash
# Text from a model never reaches the terminal raw: escape sequences and
# control characters in names are shown as visible notation by every
# command that prints them.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb h
db_h=$DB

esc=$'\e'
cat >"$T/h.yaml" <<YAML
parapet: 1
system:
  id: hostile
  name: "Evil\\e]0;pwned\\a name \\e[2J 中文"
  owner: "Mallory\\e[31m"
components:
  - id: app
    name: "App \\e[6n"
    kind: application
    exposure: public
    untrusted-input: true
  - { id: llm, name: "LLM\\u202e", kind: model, model-type: llm }
flows:
  - { id: f, from: app, to: llm, data: [prompt] }
YAML
db="${db_h}"
run import "$T/h.yaml" "$db"
expect_rc 0 "import of hostile names"
for cmd in list risks history; do
	run "$cmd" "$db"
	expect_rc 0 "$cmd $db"
	if grep -q "$esc" "$T/out" "$T/err"; then
		fail "$cmd $db printed a raw escape character"
	fi
done
run list "$db"
expect_out "Evil^[]0;pwned^G name ^[[2J 中文" "names are shown in visible notation"

# A hostile word in an error message is made visible too.
printf 'parapet: 1\nsystem: { id: x, name: X }\ncomponents:\n  - { id: a, name: A, kind: "mo\\edel" }\n' >"$T/bad.yaml"
run import "$T/bad.yaml" "$db"
expect_rc 1 "hostile kind"
if grep -q "$esc" "$T/err"; then fail "an error message carried a raw escape"; fi
expect_err "mo^[del" "the hostile word is shown visibly"

finish

#!/usr/bin/env bash
# Import, update in place with history, refuse bad input without changing
# anything, and export YAML that round-trips byte for byte.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb models
db_models=$DB
newdb never
db_never=$DB
newdb one
db_one=$DB
newdb p1
db_p1=$DB
newdb p2
db_p2=$DB
newdb second
db_second=$DB
newdb text
db_text=$DB

cat >"$T/m.yaml" <<'YAML'
parapet: 1
system:
  id: support-assistant
  name: Customer support assistant
  owner: Head of Customer Operations
  criticality: high
boundaries:
  - { id: internet, name: Public internet, trust: untrusted }
  - { id: cloud, name: Production cloud account, trust: internal }
  - { id: vendor, name: Model vendor, trust: partner }
components:
  - { id: customer, name: Customer, kind: user, boundary: internet }
  - id: backend
    name: Chat backend
    kind: application
    boundary: cloud
    exposure: public
    untrusted-input: true
  - id: llm
    name: Hosted LLM
    kind: model
    boundary: vendor
    provider: third-party
    model-type: llm
    system-prompt: true
  - { id: kb, name: Help-centre index, kind: vector-store, boundary: cloud, origin: scraped }
flows:
  - { id: ask, from: customer, to: backend, data: [prompt, personal-data], encrypted: true, authenticated: false }
  - { id: complete, from: backend, to: llm, data: [prompt, documents], encrypted: true, authenticated: true }
  - { id: retrieve, from: kb, to: backend, data: [documents] }
YAML
db="${db_models}"

run import "$T/m.yaml" "$db"
expect_rc 0 "first import"
expect_out "created 'support-assistant'" "first import"
expect_out ": 3 boundaries, 4 components, 3 flows" "first import counts"
expect_out "risks apply" "first import runs the analysis"
if [ "$BACKEND" = sqlite ]; then
	[ "$(stat -c %a "$db")" = 600 ] ||
	    fail "database mode is $(stat -c %a "$db"), not 600"
fi

# One of each is counted in the singular.
cat >"$T/one.yaml" <<'YAML'
parapet: 1
system: { id: one, name: One of each }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: app, name: App, kind: application, boundary: cloud }
YAML
run import "$T/one.yaml" "${db_one}"
expect_rc 0 "import of one of each"
expect_out "created 'one' in ${db_one}: 1 boundary, 1 component, 0 flows" \
    "counts in the singular"

run list "$db"
expect_rc 0 "list"
expect_out "support-assistant" "list shows the model"
expect_out "Customer support assistant" "list shows the name"

# Re-import a changed file: updated in place, the difference in history.
sed -e 's/name: Hosted LLM/name: Vendor LLM/' "$T/m.yaml" >"$T/m2.yaml"
run import "$T/m2.yaml" "$db"
expect_rc 0 "re-import"
expect_out "updated 'support-assistant'" "re-import updates in place"
run list "$db"
[ "$(grep -c support-assistant "$T/out")" -eq 1 ] || fail "re-import made a second model"
run history "$db"
expect_rc 0 "history"
expect_out "tester" "history records who"
expect_out "Hosted LLM -> Vendor LLM" "history records old and new values"

# Export, import the export, export again: identical bytes.
run export "$db" --format yaml --output "$T/e1.yaml"
expect_rc 0 "export yaml"
run import "$T/e1.yaml" "${db_second}"
expect_rc 0 "import of the export"
run export "${db_second}" --format yaml --output "$T/e2.yaml"
cmp -s "$T/e1.yaml" "$T/e2.yaml" || fail "export -> import -> export differs"
run export "$db" --format yaml
cmp -s "$T/out" "$T/e1.yaml" || fail "export to stdout differs from --output"

# Refused input: a clear FILE:LINE:COL error, and the database untouched.
before="$(dbsum "$db")"
sed -e 's/kind: model$/kind: modle/' "$T/m.yaml" >"$T/bad.yaml"
run import "$T/bad.yaml" "$db"
expect_rc 1 "misspelt kind"
expect_err "$T/bad.yaml:21:11: unknown component kind 'modle' for 'kind' (did you mean 'model'?)" "misspelt kind"
sed -e 's/to: llm,/to: lmm,/' "$T/m.yaml" >"$T/bad2.yaml"
run import "$T/bad2.yaml" "$db"
expect_rc 1 "flow to an unknown component"
expect_err "unknown component 'lmm' (did you mean 'llm'?)" "flow to an unknown component"
printf 'parapet: 1\nsystem: { id: x, name: [unclosed\n' >"$T/syntax.yaml"
run import "$T/syntax.yaml" "$db"
expect_rc 1 "YAML syntax error"
expect_err "$T/syntax.yaml:" "syntax error names the file"
printf 'parapet: 2\nsystem: { id: x, name: X }\n' >"$T/v2.yaml"
run import "$T/v2.yaml" "$db"
expect_rc 1 "wrong format version"
expect_err "$T/v2.yaml:1:10:" "wrong version is located"
[ "$(dbsum "$db")" = "$before" ] || fail "a refused import changed the database"

# A refused import into a new database leaves no file behind.
run import "$T/bad.yaml" "${db_never}"
expect_rc 1 "refused import into a new database"
dbnone "${db_never}" || fail "a refused import created a database"

# Practice answers must name questions of the catalogue.
{ cat "$T/m.yaml"; printf 'practices:\n  q-no-such-question: yes\n'; } >"$T/p.yaml"
run import "$T/p.yaml" "$db"
expect_rc 1 "unknown practice question"
expect_err "unknown practice question 'q-no-such-question' (see 'parapet questions')" \
    "unknown practice question points to the command that lists them"

# A file that is not a Parapet database is refused and left as it was.
if [ "$BACKEND" = sqlite ]; then
	echo "not a database" >"${db_text}"
	run list "${db_text}"
	expect_rc 1 "not a database"
	expect_err "is not a Parapet database" "not a database"
	[ "$(cat "${db_text}")" = "not a database" ] ||
	    fail "a foreign file was changed"
fi

# Practice answers are written in the catalogue's order of questions, not
# the order they were answered: answering the same questions in another
# order gives the same file.
run questions "$db"
expect_rc 0 "questions"
grep -oE 'q-[a-z0-9-]+' "$T/out" >"$T/qorder"
[ "$(wc -l <"$T/qorder")" -ge 4 ] || fail "the catalogue has questions"
q1=$(sed -n 1p "$T/qorder"); q2=$(sed -n 2p "$T/qorder")
q3=$(sed -n 3p "$T/qorder"); q4=$(sed -n 4p "$T/qorder")
dbcopy "$db" "${db_p1}"; dbcopy "$db" "${db_p2}"
for q in "$q4" "$q2" "$q1" "$q3"; do
	run answer "${db_p1}" "$q" yes; expect_rc 0 "answer $q"
done
for q in "$q1" "$q3" "$q2" "$q4"; do
	run answer "${db_p2}" "$q" yes; expect_rc 0 "answer $q"
done
run export "${db_p1}" --format yaml --output "$T/p1.yaml"
run export "${db_p2}" --format yaml --output "$T/p2.yaml"
sed -n '/^practices:/,/^[a-z]/p' "$T/p1.yaml" | grep -oE 'q-[a-z0-9-]+' >"$T/p1.q"
printf '%s\n' "$q1" "$q2" "$q3" "$q4" | cmp -s - "$T/p1.q" ||
    fail "practices are not in the catalogue's order: $(tr '\n' ' ' <"$T/p1.q")"
sed -n '/^practices:/,/^[a-z]/p' "$T/p2.yaml" >"$T/p2.prac"
sed -n '/^practices:/,/^[a-z]/p' "$T/p1.yaml" | cmp -s - "$T/p2.prac" ||
    fail "the same answers in another order give another practices section"

finish

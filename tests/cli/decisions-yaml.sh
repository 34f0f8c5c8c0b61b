#!/usr/bin/env bash
# Decisions kept in the model file: a CI gate on a new database each run
# passes once the medium and higher risks are accepted in the file; a
# decision on a risk the model does not have is refused at its place and
# changes nothing;
# importing the same file again records no history; and export, import
# into a new database and export again give the same bytes.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb ci
db_ci=$DB
newdb new
db_new=$DB
newdb other
db_other=$DB
newdb plain
db_plain=$DB
newdb two
db_two=$DB
newdb lax
db_lax=$DB
newdb laxnew
db_laxnew=$DB

model="$SRC/tests/data/yaml/ci-model.yaml"

# history_lines DB: the number of history entries.
history_lines() {
	"$PARAPET" history "$1" | wc -l
}

# state DB: everything a user can see of a database, for comparisons.
state() {
	"$PARAPET" export "$1" --format xml 2>&1
	"$PARAPET" risks "$1" --all 2>&1
}

# The model without decisions: the gate fails on its medium risks (the
# system is high, but that does not make every risk high).
run import "$model" "${db_plain}"
expect_rc 0 "import the model"
run check "${db_plain}" --fail-on medium
expect_rc 3 "check fails on a medium open risk"
awk '/^(medium|high|critical) / {print $4}' "$T/out" >"$T/high"
[ -s "$T/high" ] || fail "the model has no risk at or above medium"
risk="$(grep '@llm$' "$T/high" | head -1)"
[ -n "$risk" ] || fail "no medium risk on the LLM in: $(cat "$T/high")"
threat="${risk%@llm}"
mit="$("$PARAPET" risk "${db_plain}" "$risk" |
    sed -n 's/^    proposed *\([a-z0-9._-]*\).*/\1/p' | head -1)"
[ -n "$mit" ] || fail "no proposed mitigation on $risk"
run export "${db_plain}" --format yaml
expect_rc 0 "export without decisions"
expect_no_out "decisions:" "a model without decisions exports no section"

# The same file with every such risk accepted, in a NEW database: passes.
{
	cat "$model"
	echo "decisions:"
	while read -r r; do
		echo "  $r:"
		echo "    status: accepted"
		echo "    owner: \"Head of IT: #1\""
		printf '    justification: "%s%s"\n' \
		    'Staff only; misuse is a disciplinary matter' \
		    '\nsee policy \"AUP-7\"'
		if [ "$r" = "$risk" ]; then
			echo "    mitigations:"
			echo "      $mit: { status: implemented, owner: ML" \
			    "platform, due: 2026-12-01, notes: \"quarterly\"" \
			    "}"
		fi
	done <"$T/high"
} >"$T/decided.yaml"
n="$(wc -l <"$T/high")"
run import "$T/decided.yaml" "${db_ci}"
expect_rc 0 "import with decisions into a new database"
expect_out "$n decision" "import says how many decisions it applied"
expect_out "applied from the file, 0 unchanged" "all of them applied"
run check "${db_ci}" --fail-on medium
expect_rc 0 "check passes once those risks are accepted in the file"
expect_out "check passed" "check says it passed"
# The model file itself is checked as the database it imports into is,
# in memory: threat model as code, no database written.
(cd "$T" && ls) >"$T/files.before"
run check "$T/decided.yaml" --fail-on medium
expect_rc 0 "check of the model file with its decisions"
expect_out "check passed" "check of the file says it passed"
run check "$model" --fail-on medium
expect_rc 3 "check of the model file without decisions fails"
"$PARAPET" import "$model" "${db_plain}" >/dev/null 2>&1 ||
    fail "import the model without decisions"
"$PARAPET" check "${db_plain}" --fail-on medium >"$T/dbcheck" 2>/dev/null
cmp -s "$T/dbcheck" "$T/out" ||
    fail "check of the file and of its database differ"
(cd "$T" && ls) >"$T/files.after"
grep -vxF -f "$T/files.before" "$T/files.after" |
    grep -v '^\(out\|err\|dbcheck\|files\.after\)$' |
    grep -q . && fail "check of a model file wrote a file"
run check "$T/decided.yaml" --fail-on medium --model nosuch
expect_rc 1 "check of a file for another model"
expect_err "no model 'nosuch'" "check of a file: the model named"
run risk "${db_ci}" "$risk"
expect_out "accepted (by tester" "the decision is recorded with who made it"
expect_out "Staff only; misuse is a disciplinary matter" "justification"
expect_out "implemented $mit" "mitigation status"
expect_out "owner ML platform  due 2026-12-01" "mitigation owner and due"
run history "${db_ci}" --object "$risk"
expect_out "status: open -> accepted" "the decision is in the history"
expect_out "mitigation $mit status: proposed -> implemented" \
    "the mitigation's decision is in the history"

# Importing the same file again records nothing.
before="$(history_lines "${db_ci}")"
run import "$T/decided.yaml" "${db_ci}"
expect_rc 0 "re-import the same file"
expect_out "0 decisions applied from the file, $n unchanged" \
    "re-import applies nothing"
[ "$(history_lines "${db_ci}")" -eq "$before" ] ||
    fail "re-importing the same file added history"
# A file without decisions changes no decision.
run import "$model" "${db_ci}"
expect_rc 0 "re-import without decisions"
expect_no_out "decisions applied" "no decisions, no count"
run check "${db_ci}" --fail-on medium
expect_rc 0 "decisions stay when the file has none"

# Export -> import into a new database -> export: the same bytes.
run export "${db_ci}" --format yaml --output "$T/one.yaml"
expect_rc 0 "export yaml"
grep -qF "decisions:" "$T/one.yaml" || fail "the export has no decisions"
grep -qF '"Head of IT: #1"' "$T/one.yaml" || fail "the owner is not quoted"
run import "$T/one.yaml" "${db_two}"
expect_rc 0 "import the export into a new database"
run export "${db_two}" --format yaml --output "$T/two.yaml"
cmp -s "$T/one.yaml" "$T/two.yaml" ||
    fail "export, import, export differ: $(diff "$T/one.yaml" "$T/two.yaml")"
run check "${db_two}" --fail-on medium
expect_rc 0 "the round-tripped database passes the gate too"

# A decision on a risk the model does not have: refused at its place,
# nothing changed, no new database left behind.
cp "$T/decided.yaml" "$T/bad.yaml"
printf '  %s@watch:\n    status: mitigated\n' "$threat" >>"$T/bad.yaml"
line="$(grep -n "^  $threat@watch:" "$T/bad.yaml" | cut -d: -f1)"
state "${db_ci}" >"$T/state.before"
before="$(history_lines "${db_ci}")"
run import "$T/bad.yaml" "${db_ci}"
expect_rc 1 "a decision on a risk that does not apply"
expect_err "bad.yaml:$line:3: no risk '$threat@watch' in this model: threat" \
    "the refusal names the place"
expect_err "' does not apply to 'watch'" "the refusal says why"
state "${db_ci}" >"$T/state.after"
cmp -s "$T/state.before" "$T/state.after" ||
    fail "a refused import changed the database"
[ "$(history_lines "${db_ci}")" -eq "$before" ] ||
    fail "a refused import added history"
run import "$T/bad.yaml" "${db_new}"
expect_rc 1 "refused into a new database"
dbnone "${db_new}" || fail "a refused import left a new database behind"

# A mitigation the risk does not list: refused at the mitigation's key.
sed "s/^      $mit: /      $mit-x: /" "$T/decided.yaml" >"$T/badmit.yaml"
line="$(grep -n "^      $mit-x: " "$T/badmit.yaml" | cut -d: -f1)"
run import "$T/badmit.yaml" "${db_ci}"
expect_rc 1 "a mitigation the risk does not list"
expect_err "badmit.yaml:$line:7: '$mit-x' is not a mitigation of risk" \
    "the refusal names the mitigation's place"
expect_err "of risk '$risk' (did you mean '$mit'?)" \
    "the refusal suggests the nearest mitigation"
state "${db_ci}" >"$T/state.after"
cmp -s "$T/state.before" "$T/state.after" ||
    fail "a refused mitigation changed the database"

# A form error is refused by the reader, before any database is opened.
sed 's/^    status: accepted$/    status: acepted/' "$T/decided.yaml" \
    >"$T/typo.yaml"
line="$(grep -n "acepted" "$T/typo.yaml" | head -1 | cut -d: -f1)"
run import "$T/typo.yaml" "${db_new}"
expect_rc 1 "an unknown status word"
expect_err "typo.yaml:$line:13: unknown risk status 'acepted' for" \
    "an unknown status word is placed"
expect_err "for 'status' (did you mean 'accepted'?)" \
    "an unknown status word is corrected"
dbnone "${db_new}" || fail "a refused file left a new database behind"

# A risk that no longer applies keeps its stored decisions, and a file may
# still decide it; a new database has no such risk and refuses it. (One
# practice not followed keeps one risk applying.)
awk '/^  - id: llm$/ {skip = 1; next}
    skip && /^  - / {skip = 0}
    skip {next}
    /id: complete,/ {next}
    /^decisions:/ {exit}
    /^  q-staff-awareness: yes$/ {print "  q-staff-awareness: no"; next}
    {print}' "$T/decided.yaml" >"$T/nollm.yaml"
grep -q "id: llm" "$T/nollm.yaml" && fail "the LLM is still in the model"
run import "$T/nollm.yaml" "${db_ci}"
expect_rc 0 "import the model without its LLM"
run risks "${db_ci}" --all
expect_out "$risk  " "the risk is kept"
expect_out "(no longer applies)" "the risk no longer applies"
{
	cat "$T/nollm.yaml"
	printf 'decisions:\n  %s:\n    status: not-applicable\n' "$risk"
	printf '    justification: the LLM was removed\n'
} >"$T/gone.yaml"
run import "$T/gone.yaml" "${db_ci}"
expect_rc 0 "a decision on a stored risk that no longer applies"
expect_out "1 decision applied from the file" "it is applied"
run risk "${db_ci}" "$risk"
expect_out "status:    not-applicable" "the stored risk took the decision"
run import "$T/gone.yaml" "${db_other}"
expect_rc 1 "no such risk in a new database"
line="$(grep -n "^  $risk:" "$T/gone.yaml" | cut -d: -f1)"
expect_err "gone.yaml:$line:3: no risk '$risk' in this model: 'llm' is" \
    "a new database has no risk on a removed component"
expect_err "'llm' is not the system, a boundary, a component or a flow of it" \
    "the refusal says the component is not in the model"
dbnone "${db_other}" || fail "a refused import left a new database behind"

# An acceptance the database does not hold yet is a new decision: it needs
# a risk owner and a reason of a few words, refused at its place if not.
# Into a new database the file's decisions are its record, kept as written
# (files from before the rule keep importing).
{
	cat "$model"
	printf 'decisions:\n  %s:\n    status: accepted\n' "$risk"
	printf '    justification: ok\n'
} >"$T/lax.yaml"
run import "$model" "${db_lax}"
expect_rc 0 "the model without decisions"
run import "$T/lax.yaml" "${db_lax}"
expect_rc 1 "a new acceptance without an owner"
line="$(grep -n "^  $risk:" "$T/lax.yaml" | cut -d: -f1)"
expect_err "lax.yaml:$line:3: accepting a risk requires a risk owner" \
    "the refusal says where and why"
run risk "${db_lax}" "$risk"
expect_out "status:    open" "the refused acceptance changed nothing"
run import "$T/lax.yaml" "${db_laxnew}"
expect_rc 0 "the same file into a new database: its record"
run risk "${db_laxnew}" "$risk"
expect_out "status:    accepted" "the recorded acceptance is kept"
run import "$T/lax.yaml" "${db_laxnew}"
expect_rc 0 "and again: nothing new"

finish

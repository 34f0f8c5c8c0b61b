#!/usr/bin/env bash
# parapet pull and push: a model leaves the organisation's register for a
# workshop away from it, with its decisions and history, and comes back
# with what was decided there; history that crossed says where it came
# from, and nothing crosses twice. The register is a file, or with
# PARAPET_TEST_BACKEND=pg a database on a server (tests/cli/pg/push.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

cp "$SRC/tests/data/store/support.yaml" "$T/m.yaml"
sed -e 's/^  name: Customer support assistant/  name: Support desk/' \
    "$T/m.yaml" >"$T/m2.yaml"
grep -q 'Support desk' "$T/m2.yaml" || fail "the edited model is the same"
a=llm-direct-prompt-injection@gpt
b=agent-excessive-agency@tickets

newdb register
reg=$DB
run import "$T/m.yaml" "$reg"
expect_rc 0 "import into the register"
run risk "$reg" "$a" --status accepted --justification "guardrails in place" \
    --owner Bob
expect_rc 0 "decide a risk in the register"

# Pull: the model, its decisions and its history, marked as imported.
lap="$T/laptop.db"
run pull "$reg" "$lap"
expect_rc 0 "pull into a new local database"
expect_out "created 'support-assistant'" "pull says what it made"
run risks "$lap"
expect_out "accepted" "the register's decision came along"
run history "$lap"
expect_out "status: open -> accepted" "the register's history came along"
grep -q "imported from '" "$T/out" ||
    fail "pulled history is not marked as imported"
[ "$(grep -c 'imported from' "$T/out")" -gt 0 ] || fail "nothing imported"

# Away from the register: a decision and an edit.
run risk "$lap" "$b" --status accepted --justification "a human confirms" \
    --owner Carol
expect_rc 0 "decide a risk in the workshop"
run import "$T/m2.yaml" "$lap"
expect_rc 0 "edit the model in the workshop"

# Push: both come back, as changes, their history marked as imported.
run history "$reg"
before=$(wc -l <"$T/out")
run push "$lap" "$reg"
expect_rc 0 "push back into the register"
expect_out "updated 'support-assistant'" "push says what it updated"
run risks "$reg"
expect_out "accepted       2x4  $b" "the workshop's decision reached the register"
expect_out "accepted       3x4  $a" "the register's own decision stays"
run list "$reg"
expect_out "Support desk" "the workshop's edit reached the register"
run history "$reg"
after=$(wc -l <"$T/out")
[ "$after" -gt "$before" ] || fail "push added no history"
# Applied as a change by whoever pushed, recorded as coming from the copy.
grep -F "justification: (none) -> a human confirms  [import of '$lap']" \
    "$T/out" >/dev/null ||
    fail "the workshop's decision is not in history as coming from it"
[ "$(grep -c 'status: open -> accepted' "$T/out")" = 2 ] ||
    fail "a decision is in history more or less than once"

# Again, after a later decision in the register: the copy is older and
# refused unless asked for; then nothing crosses twice.
PARAPET_NOW=2026-11-26T10:00:00Z run mitigation "$reg" "$a" \
    m-input-guardrails --status planned --owner Ops
expect_rc 0 "a later decision in the register"
run history "$reg"
after=$(wc -l <"$T/out")
run push "$lap" "$reg"
expect_rc 1 "push an older copy"
expect_err "is older than model 'support-assistant'" "an older copy is refused"
run risk "$reg" "$a"
expect_out "planned     m-input-guardrails" "the refused push changed nothing"
run push "$lap" "$reg" --allow-older
expect_rc 0 "push it anyway"
run history "$reg"
[ "$(grep -c 'status: open -> accepted' "$T/out")" = 2 ] ||
    fail "pushing again doubled a decision in history"

# Killed part way: a large model new to the register arrives whole or not
# at all (its risks and history with it), the register's other model is
# untouched, and a push after the kill copies each decision and history
# entry once (more entries than one statement of the writers takes).
big_n=600
{
	printf 'parapet: 1\nsystem: { id: big, name: Big, criticality: high }\n'
	printf 'boundaries:\n  - { id: net, name: Net, trust: untrusted }\n'
	printf 'components:\n'
	for ((i = 0; i < big_n; i += 2)); do
		printf '  - { id: c%d, name: "App %d", kind: application,' "$i" "$i"
		printf ' boundary: net, exposure: public }\n'
		printf '  - { id: c%d, name: "LLM %d", kind: model,' \
		    "$((i + 1))" "$i"
		printf ' boundary: net, provider: third-party, model-type: llm }\n'
	done
	printf 'flows:\n'
	for ((i = 1; i < big_n; i++)); do
		printf '  - { id: f%d, from: c%d, to: c%d, data: [prompt] }\n' \
		    "$i" "$((i - 1))" "$i"
	done
} >"$T/big.yaml"
bigdb="$T/big.db"
run import "$T/big.yaml" "$bigdb"
expect_rc 0 "import the large model"
run risks "$bigdb"
bk=$(awk 'NR == 7 { print $4 }' "$T/out")
run risk "$bigdb" "$bk" --status accepted --owner Dan \
    --justification "the large model's own decision"
expect_rc 0 "decide a risk of the large model"
run history "$bigdb"
big_hist=$(grep -c . "$T/out")
[ "$big_hist" -gt 100 ] || fail "the large model has only $big_hist entries"
run export "$reg" --model support-assistant --format xml \
    --output "$T/sa-before.xml"
expect_rc 0 "export the register's model before the kills"
for delay in 0.05 0.15 0.3 0.6; do
	"$PARAPET" push "$bigdb" "$reg" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	run export "$reg" --model support-assistant --format xml \
	    --output "$T/sa-after.xml"
	expect_rc 0 "export the register's model after a kill at ${delay}s"
	cmp -s "$T/sa-before.xml" "$T/sa-after.xml" ||
	    fail "a push killed at ${delay}s changed another model"
	run export "$reg" --model big --format yaml
	if [ "$rc" -eq 0 ]; then
		n=$(grep -c '^  - id: c' "$T/out")
		[ "$n" -eq "$big_n" ] ||
		    fail "a push killed at ${delay}s left $n components"
		run risks "$reg" --model big
		grep -qF "accepted" "$T/out" ||
		    fail "a push killed at ${delay}s left the model without its decision"
	else
		expect_err "no model 'big'" "a push killed at ${delay}s: no model, or whole"
	fi
done
run push "$bigdb" "$reg"
expect_rc 0 "push the large model after the kills"
run history "$reg" --model big
got=$(grep -c "imported from '" "$T/out")
[ "$got" -eq "$big_hist" ] ||
    fail "the register holds $got of the large model's $big_hist entries"
[ "$(grep -c "$bk" "$T/out")" -ge 1 ] ||
    fail "the decision's history is missing"
run risks "$reg" --model big
expect_out "accepted" "the large model's decision reached the register"
run push "$bigdb" "$reg"
expect_rc 0 "push the large model again"
run history "$reg" --model big
[ "$(grep -c "imported from '" "$T/out")" -eq "$big_hist" ] ||
    fail "pushing again copied history twice"

# A model the source lacks, or usage mistakes.
run push "$lap" "$reg" --model nosuch
expect_rc 1 "push a model the source lacks"
expect_err "no model 'nosuch'" "push names the missing model"
run pull "$reg"
expect_rc 2 "pull without a destination"

finish

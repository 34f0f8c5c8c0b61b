#!/usr/bin/env bash
# The Markdown report states each threat once: a threat that applies to
# several parts of the system is one section with a risk for each part,
# every applying risk appears exactly once, numbered R1, R2, ... in order,
# and mitigations the same for every part are one table.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
groups=0
for tpl in "$SRC"/templates/*.yaml; do
	name=$(basename "$tpl" .yaml)
	newdb "$name"
	run new "$DB" --template "$name"
	expect_rc 0 "new from $name"
	run risks "$DB"
	expect_rc 0 "risks of $name"
	nrisks=$(grep -cE '^(low|medium|high|critical) ' "$T/out")
	run export "$DB" --format markdown
	expect_rc 0 "markdown report of $name"
	reg="$T/$name.reg"
	sed -n '/^## Risk register$/,/^## /p' "$T/out" >"$reg"
	# Every applying risk once, numbered in order.
	[ "$(grep -c '^- \*\*Risk:\*\* ' "$reg")" -eq "$nrisks" ] ||
	    fail "$name: $nrisks risks apply but the register has" \
	        "$(grep -c '^- \*\*Risk:\*\* ' "$reg")"
	grep -oE '^#{3,4} R[0-9]+:' "$reg" | grep -oE '[0-9]+' >"$T/nums"
	seq 1 "$nrisks" | cmp -s - "$T/nums" ||
	    fail "$name: the register's risks are not numbered R1..R$nrisks in order"
	# Each threat's text at most once.
	dup=$(grep '^- \*\*Threat:\*\* ' "$reg" | grep -v 'as stated with R' |
	    sort | uniq -d | head -1)
	[ -z "$dup" ] || fail "$name: a threat is written twice: $dup"
	# A group names each of its risks and holds them below it.
	n=$(grep -c '^### .*; [0-9]* parts of the system)$' "$reg")
	groups=$((groups + n))
	awk '/^### .*parts of the system\)$/ {
		match($0, /; [0-9]+ parts/); want = substr($0, RSTART + 2,
		    RLENGTH - 8) + 0; have = 0; open = 1; next }
	    /^### / { if (open && have != want) bad = 1; open = 0 }
	    /^#### R[0-9]+:/ { if (!open) bad = 1; have++ }
	    END { if (open && have != want) bad = 1; exit bad }' "$reg" ||
	    fail "$name: a threat group does not hold the risks it counts"
done
[ "$groups" -gt 0 ] || fail "no template has a threat on several parts"

# A group whose risks are decided differently shows each risk's
# mitigations; while they are the same, one table above them.
newdb a
a=$DB
run new "$a" --template agent-with-tools
run export "$a" --format markdown
first=$(sed -n '/^### .*parts of the system)$/,$p' "$T/out" |
    grep -m1 -oE '^- \*\*Risk:\*\* `[^`]*`' | grep -oE '`[^`]*`' | tr -d '`')
[ -n "$first" ] || fail "agent-with-tools has no threat group"
sect() { sed -n '/^### .*parts of the system)$/,/^### /p' "$T/out" | sed -n '1,/^### R/p'; }
sect >"$T/g1"
grep -q '^Mitigations, the same for each:$' "$T/g1" ||
    fail "undecided risks of one threat do not share one mitigation table"
[ "$(grep -c '^| Mitigation | Status' "$T/g1")" -eq 1 ] ||
    fail "a group of undecided risks repeats its mitigation table"
mit=$(sed -n '/^| Mitigation | Status/,/^$/p' "$T/g1" | sed -n 3p |
    grep -oE '\(`m-[a-z0-9-]*`\)' | tr -d '()`')
run mitigation "$a" "$first" "$mit" --status planned --owner "Ops Lead"
expect_rc 0 "plan one mitigation of $first"
run export "$a" --format markdown
sect >"$T/g2"
grep -q '^Mitigations, the same for each:$' "$T/g2" &&
    fail "a group whose risks are decided differently still shares one table"
[ "$(grep -c '^| Mitigation | Status' "$T/g2")" -eq \
    "$(grep -c '^#### R' "$T/g2")" ] ||
    fail "each risk of a differently decided group has its own table"
grep -q "| planned | Ops Lead |" "$T/g2" ||
    fail "the planned mitigation and its owner are in the report"
finish

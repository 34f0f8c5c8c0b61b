#!/usr/bin/env bash
# The Markdown report of a database reads its register one risk at a time,
# its open questions as the last analysis kept them and only the last
# decisions of its history: it says what the report built from the whole
# model, register and history says, byte for byte, with decisions, more
# than 25 of them, overdue mitigations and risks that no longer apply;
# past 400 components and flows it reads them one at a time too, and says
# the same; and its open questions are those of the analysis that made
# its register.
. "${srcdir:-.}/tests/cli/lib.sh"
model="$SRC/tests/data/kitchen-sink/kitchen-sink.yaml"
newdb ks
db=$DB
run import "$model" "$db"
expect_rc 0 "import the kitchen sink"
run risks "$db"
expect_rc 0 "risks"
i=0
while read -r _ _ _ name _; do
	i=$((i + 1))
	case $((i % 4)) in
	0) "$PARAPET" risk "$db" "$name" --status accepted --owner "Owner $i" \
	    --justification "Accepted | *for now* <b> $i" ;;
	1) "$PARAPET" risk "$db" "$name" --status not-applicable \
	    --owner "Owner $i" --justification "Nothing of it here $i" ;;
	2) mit=$("$PARAPET" risk "$db" "$name" |
	    sed -n 's/^    proposed *\([a-z0-9._-]*\).*/\1/p' | head -1)
	   [ -z "$mit" ] || "$PARAPET" mitigation "$db" "$name" "$mit" \
	    --status planned --owner "Team $i" --due "2026-0$((i % 9 + 1))-15" ;;
	esac >/dev/null 2>&1 || fail "deciding $name"
	[ "$i" -ge 40 ] && break
done <"$T/out"
# A change under the decisions: decided risks stop applying, kept.
sed -e 's/trust: untrusted/trust: internal/; s/: true$/: false/' "$model" >"$T/changed.yaml"
run import "$T/changed.yaml" "$db"
expect_rc 0 "import the changed model"

# same_report FILE WHEN: the report read from the store (into
# streamed.md) is the one built from the whole model FILE, register and
# history: --model-file makes the export load them whole (and analyse the
# model for its open questions).
same_report() {
	run export "$db" --format markdown
	expect_rc 0 "report read from the store, $2"
	cp "$T/out" "$T/streamed.md"
	run export "$db" --format markdown --model-file "$1"
	expect_rc 0 "report built from the whole register, $2"
	cmp -s "$T/streamed.md" "$T/out" ||
	    fail "$2: the report read one risk at a time differs from the" \
	        "whole one: $(diff "$T/out" "$T/streamed.md" | head -5)"
}
same_report "$T/changed.yaml" "changed model"
grep -q '^All [0-9]* decisions, newest first\.$' "$T/streamed.md" ||
    fail "the report does not say it shows every decision"
grep -q '^[0-9]* mitigations past their due date' "$T/streamed.md" ||
    fail "the report lists no overdue mitigations"
sed -n '/^## Risks that no longer apply$/,/^## /p' "$T/streamed.md" |
    grep -q '^- ' || fail "the report lists no risk that no longer applies"
grep -q '^- `.*` of .* (at stake: ' "$T/streamed.md" ||
    fail "the report lists no unanswered field"
# Back to the first model: one question fewer than the changed one has,
# the others moved; the kept questions are again the analysis's.
run import "$model" "$db"
expect_rc 0 "import the first model again"
same_report "$model" "first model again"

# A model of more than 400 components and flows (past what Graphviz is
# given to draw) is not loaded whole by the report but read one object
# at a time: the same report still, with components in every boundary and
# outside any, with names and descriptions to escape, flows that
# carry media and those that do not, and without any that does.
# pad COMPONENTS FLOWS DATA: components p0... and flows q0... between them.
pad() {
	awk -v nc="$1" -v nf="$2" -v data="$3" 'BEGIN {
		split("internet dmz corp restricted -", b, " ")
		for (i = 0; i < nc; i++) {
			printf "- {id: p%d, kind: %s", i,
			    i % 2 ? "application" : "datastore"
			printf ", name: \x27Part %d | *x*\x27", i
			printf ", owner: Team %d of a name long enough to fill", i
			printf " the table of components past 64 KiB"
			if (b[i % 5 + 1] != "-") printf ", boundary: %s", b[i % 5 + 1]
			if (i % 3 == 0) printf ", description: \x27Does <b>%d</b> | `y` [z](u)\x27", i
			if (i % 4 == 0) printf ", personal-data: true"
			printf "}\n"
		}
		print "flows:"
		for (i = 0; i < nf; i++) {
			printf "- {id: q%d, from: p%d, to: p%d, data: [%s]", i,
			    i % nc, (i * 7 + 1) % nc, i % 2 ? data : "prompt"
			if (i % 5 == 0) printf ", description: \x27Carries *%d*\x27", i
			if (i % 3) printf ", encrypted: true"
			printf "}\n"
		}
	}'
}
pad 700 1400 image >"$T/pad.yaml"
awk -v f="$T/pad.yaml" '
    /^flows:$/ {while ((getline l <f) > 0 && l != "flows:") print l}
    /^practices:/ {while ((getline l <f) > 0) print l}
    {print}' "$model" >"$T/large.yaml"
newdb large
db=$DB
run import "$T/large.yaml" "$db"
expect_rc 0 "import a model of $(grep -c '^- {id: [pq][0-9]' "$T/large.yaml") more objects"
same_report "$T/large.yaml" "a model read one object at a time"
grep -qF '| Part 1 \| \*x\* | `p1` | application | Team 1 of' "$T/streamed.md" ||
    fail "the large report has no row of component p1"
# Past 64 KiB the tables wait in temporary files: every row comes back.
n=$(grep -c '^| Part [0-9]* \\| \\\*x\\\* | `p[0-9]*` | [a-z]* | Team ' \
    "$T/streamed.md")
[ "$n" -eq 700 ] || fail "the large report has $n rows of the 700 components"
# The flows have no name: each is named by its ends' names.
n=$(grep -c '^| Part [0-9]* \\| \\\*x\\\* to Part [0-9]* \\| \\\*x\\\* | `q[0-9]*` | `p[0-9]*` | `p[0-9]*` | [a-z]* | [a-z]* |' \
    "$T/streamed.md")
[ "$n" -eq 1400 ] || fail "the large report has $n rows of the 1400 flows"
# p1 (dmz) sends images to p8 (restricted): a thick arrow from its node.
node=$(sed -n 's/^    \(c[0-9]*\)\["Part 1 #124; #42;x#42; (application)"\]$/\1/p' \
    "$T/streamed.md")
[ -n "$node" ] && grep -q "^  $node ==>|\"image\"| c" "$T/streamed.md" ||
    fail "the large report's diagram has no node of p1 or no arrow from it"
{
	printf 'parapet: 1\nsystem: {id: plain, name: Plain}\n'
	printf 'boundaries:\n- {id: internet, name: Net, trust: untrusted}\n'
	printf -- '- {id: dmz, name: DMZ, trust: internal}\n'
	printf -- '- {id: corp, name: Corp, trust: internal}\n'
	printf -- '- {id: restricted, name: ML, trust: restricted}\n'
	printf 'components:\n'
	pad 150 300 documents
} >"$T/plain.yaml"
newdb plain
db=$DB
run import "$T/plain.yaml" "$db"
expect_rc 0 "import a large model without media"
same_report "$T/plain.yaml" "a large model without media"

# The open questions are the analysis's that made the register: with a
# catalogue file that renames a threat, the report names the threat at
# stake as its risks are named, even when it is written without that file.
awk '/^  - id: agent-acts-as-user-abuse$/ {p = 1; print; next}
    /^  - id: / {p = 0}
    p && /^    title:/ {print "    title: Renamed for this assessment"; next}
    p' "$SRC/data/catalogue/45-threats-biometrics-media.yaml" >"$T/t.yaml"
{ printf 'parapet-catalogue: 1\nthreats:\n'; cat "$T/t.yaml"; } >"$T/renamed.yaml"
newdb renamed
run import --catalogue "$T/renamed.yaml" "$SRC/templates/agent-with-tools.yaml" "$DB"
expect_rc 0 "import with a catalogue file that renames a threat"
run export "$DB" --format markdown
expect_rc 0 "report without that file"
grep -q 'if the risky answer is true, Renamed for this assessment (`agent-acts-as-user-abuse@' \
    "$T/out" || fail "the report's open questions are not the import's"
# A decision is no edit of the model: they stay the import's.
risk=$("$PARAPET" risks "$DB" | awk 'NR == 1 {print $4}')
run risk "$DB" "$risk" --status mitigating --owner "Someone"
expect_rc 0 "decide a risk"
run export "$DB" --format markdown
expect_rc 0 "report after the decision"
grep -q 'if the risky answer is true, Renamed for this assessment (`agent-acts-as-user-abuse@' \
    "$T/out" || fail "a decision made the report find its open questions again"

finish

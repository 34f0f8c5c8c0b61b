#!/usr/bin/env bash
# An analysis keeps its open questions as rows several to a statement
# (sixteen, store_save_questions()): each question must be stored at its
# own place with its own element, field, severity and risks, on a new
# model, on an import that rewrites them over the rows kept (some change,
# some do not) and on one that asks fewer, leaving no rows past the last;
# the workshop model below asks 34 fields (two statements of sixteen and
# two rows alone), then 30. The report reads the kept rows; with none kept
# it finds the questions again from the model, and the two must agree. On
# a server with PARAPET_TEST_BACKEND=pg (tests/cli/pg/questions-batch.sh).
# The title of each threat at stake is kept once for all the questions
# (schema 13), not in every question's row, and the report still names
# each risk by its title, including rows that an older Parapet wrote with
# a title in each line.
. "${srcdir:-.}/tests/cli/lib.sh"

# widen N FILE: the model of FILE with N more tools the agent calls, each
# with no destination nor provider answered (two questions a tool).
widen() {
	awk -v n="$1" '{ print }
	/^components:$/ { for (i = 1; i <= n; i++) {
		print "  - id: extra-" i; print "    name: Extra tool " i
		print "    kind: tool"; print "    boundary: corp"
		print "    can-act: false"; print "    executes-code: false" } }
	/^flows:$/ { for (i = 1; i <= n; i++) {
		print "  - id: call-extra-" i; print "    from: agent"
		print "    to: extra-" i; print "    data: [tool-call]"
		print "    initiator: from" } }' "$2"
}

# kept DB N WHAT: DB keeps N questions, one row at each place 0..N-1, and
# the report made from them is the report made from the model alone.
kept() {
	local n
	n=$(dbsql "$1" "SELECT n FROM open_questions_at")
	[ "$n" = "$2" ] || fail "$3: $n questions kept, not $2"
	n=$(dbsql "$1" "SELECT count(*) || ' ' || min(position) || ' ' ||
	    max(position) || ' ' || count(DISTINCT element || '/' || field)
	    FROM open_questions")
	[ "$n" = "$2 0 $(($2 - 1)) $2" ] ||
	    fail "$3: rows (count, first, last place, distinct): $n"
	# A question without its risks would be stored as ''.
	n=$(dbsql "$1" "SELECT count(*) FROM open_questions WHERE risks NOT LIKE '%@%=%'")
	[ "$n" = 0 ] || fail "$3: $n rows without their risks"
	# Ids and severities have no spaces; a title in a row would.
	n=$(dbsql "$1" "SELECT count(*) FROM open_questions WHERE risks LIKE '% %'")
	[ "$n" = 0 ] || fail "$3: $n rows repeat a threat's title"
	n=$(dbsql "$1" "SELECT count(*) FROM open_questions_at WHERE titles LIKE '%=% %'")
	[ "$n" = 1 ] || fail "$3: the threats' titles are not kept"
	# Both named alike: the report names its diagram after itself.
	mkdir -p "$T/kept" "$T/found"
	run export "$1" --format markdown --output "$T/kept/report.md"
	expect_rc 0 "$3: the report from the kept questions"
	grep -q "$2 fields not answered" "$T/kept/report.md" ||
	    fail "$3: the report does not count $2 fields"
	dbsql "$1" "DELETE FROM open_questions" >/dev/null
	dbsql "$1" "DELETE FROM open_questions_at" >/dev/null
	run export "$1" --format markdown --output "$T/found/report.md"
	expect_rc 0 "$3: the report with none kept"
	diff "$T/kept/report.md" "$T/found/report.md" >"$T/kept.diff" ||
	    fail "$3: the kept questions are not the model's: $(head -5 "$T/kept.diff")"
}

model_from_template w agent-with-tools "$T/t.yaml"
w=$DB
widen 10 "$T/t.yaml" >"$T/m1.yaml"
grep -q "id: extra-10" "$T/m1.yaml" || fail "m1.yaml was not made"
run import "$T/m1.yaml" "$w"
expect_rc 0 "import the wider model"
kept "$w" 34 "new model"

# Stored again over the rows kept: a lower criticality lowers what is at
# stake for some questions (their rows change), the others stay.
run import "$T/m1.yaml" "$w"
expect_rc 0 "import again (rows kept)"
[ "$(dbsql "$w" "SELECT count(*) FROM open_questions")" = 34 ] ||
    fail "import again: the questions were not kept"
dbsql "$w" "SELECT position, worst FROM open_questions ORDER BY position" \
    >"$T/worst1"
# Rows as an older Parapet wrote them, a title in each line, read as they
# say; the titles kept once name the others.
old=' A title of old'
made=risks
for sev in critical high medium low; do
	made="replace($made, '=$sev', '=$sev$old')"
done
mkdir -p "$T/t1" "$T/t2"
run export "$w" --format markdown --output "$T/t1/report.md"
expect_rc 0 "the report before the rows are made old"
grep -q "^- .*(at stake: " "$T/t1/report.md" || fail "no question in the report"
dbsql "$w" "UPDATE open_questions SET risks = $made" >/dev/null
[ "$(dbsql "$w" "SELECT count(*) FROM open_questions WHERE risks LIKE '%$old%'")" -gt 0 ] ||
    fail "no row was made old"
run export "$w" --format markdown --output "$T/t2/report.md"
expect_rc 0 "the report of old rows"
grep -q "A title of old" "$T/t2/report.md" ||
    fail "old rows: their own titles are not read"
grep -q "A title of old" "$T/t1/report.md" &&
    fail "the title of old was there before"

criticality_low "$T/m1.yaml" "$T/m2.yaml"
run import "$T/m2.yaml" "$w"
expect_rc 0 "import the rescored model"
dbsql "$w" "SELECT position, worst FROM open_questions ORDER BY position" \
    >"$T/worst2"
cmp -s "$T/worst1" "$T/worst2" && fail "rescored: no question changed"
kept "$w" 34 "rescored"

# Fewer questions: the rows past the last go.
run import "$T/m2.yaml" "$w"
expect_rc 0 "import again"
[ "$(dbsql "$w" "SELECT count(*) FROM open_questions")" = 34 ] ||
    fail "import again: the questions were not kept"
widen 8 "$T/t.yaml" >"$T/w8.yaml"
criticality_low "$T/w8.yaml" "$T/m3.yaml"
run import "$T/m3.yaml" "$w"
expect_rc 0 "import the narrower model"
kept "$w" 30 "fewer"

# The same model imported new: the same rows as the rewrite left.
newdb n
n=$DB
run import "$T/m3.yaml" "$n"
expect_rc 0 "import into a new database"
kept "$n" 30 "imported new"
finish

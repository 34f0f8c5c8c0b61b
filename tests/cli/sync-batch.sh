#!/usr/bin/env bash
# An analysis writes its register's rows several to a statement (sixteen,
# store_sync_write()): each risk must be stored with its own scoring,
# reasons and mitigations, counted once by the per-system summary, on a
# new model and on an update that rescores most of it, and the rows left
# over by the last full statement too (the template's 28 risks: one of
# sixteen and twelve alone). On a server with PARAPET_TEST_BACKEND=pg
# (tests/cli/pg/sync-batch.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

# stored DB FILE WHAT: DB holds the register an analysis of FILE finds,
# counted as it lists it.
stored() {
	local n
	# The model file analysed in memory against the stored register:
	# the scoring of every risk and which risks apply.
	run diff "$2" "$1"
	expect_rc 0 "$3: diff against the model file"
	expect_out "no changes" "$3: the stored register is the analysis's"
	# Reasons and mitigations: an analysis again rewrites nothing.
	run export "$1" --format csv --output "$T/before.csv"
	expect_rc 0 "$3: export"
	run analyze "$1"
	expect_rc 0 "$3: analyze"
	run export "$1" --format csv --output "$T/after.csv"
	cmp -s "$T/before.csv" "$T/after.csv" ||
	    fail "$3: an analysis again changed the stored rows"
	# The summary the triggers keep counts each row once.
	run risks "$1"
	n=$(wc -l <"$T/out")
	[ "$n" -ge 17 ] || fail "$3: $n risks, too few to fill a statement"
	run list "$1"
	expect_rc 0 "$3: list"
	awk -v n="$n" 'NR == 2 && $5 != n { exit 1 }' "$T/out" ||
	    fail "$3: list counts $(awk 'NR == 2 { print $5 }' "$T/out") risks, risks lists $n"
}

model_from_template a multi-agent-mcp "$T/m1.yaml"
a=$DB
stored "$a" "$T/m1.yaml" "new model"
cp "$T/out" "$T/list1"

# A lower criticality rescores most risks: their rows are updated.
criticality_low "$T/m1.yaml" "$T/m2.yaml"
run import "$T/m2.yaml" "$a"
expect_rc 0 "import the rescored model"
stored "$a" "$T/m2.yaml" "rescored"
cmp -s "$T/list1" "$T/out" && fail "rescored: the counts did not change"

# The same model imported new: the same rows as the update made.
newdb b
b=$DB
run import "$T/m2.yaml" "$b"
expect_rc 0 "import into a new database"
stored "$b" "$T/m2.yaml" "imported new"
run export "$a" --format csv --output "$T/a.csv"
run export "$b" --format csv --output "$T/b.csv"
cmp -s "$T/a.csv" "$T/b.csv" ||
    fail "the updated register differs from the one imported new"
finish

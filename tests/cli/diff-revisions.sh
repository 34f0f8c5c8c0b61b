#!/usr/bin/env bash
# parapet diff DB@N: two revisions of a model in one database. A model is
# edited over several revisions (import, a field, a component added, a
# rename, a decision, a component removed); each revision rebuilt from the
# history is the model file imported then (no changes against it), and
# the diff of two revisions reports the objects, risks and decisions that
# changed between them. An unknown revision is a clear error; a database
# of the schema before revisions migrates and diffs (SQLite: a register on
# a server begins at schema 5). On a server with PARAPET_TEST_BACKEND=pg
# (tests/cli/pg/diff-revisions.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

cp "$SRC/tests/data/store/support.yaml" "$T/m1.yaml"
# 2: a field; 3: a vector store and its flow; 6: the tool and its flow go.
sed 's/criticality: medium/criticality: high/' "$T/m1.yaml" >"$T/m2.yaml"
awk '/^flows:/ { print "  - { id: kb, name: Help index, kind: vector-store, boundary: cloud, origin: scraped }"; print; print "  - { id: retrieve, from: kb, to: backend, data: [documents] }"; next } { print }' \
    "$T/m2.yaml" >"$T/m3.yaml"
grep -q "id: retrieve" "$T/m3.yaml" || fail "m3.yaml was not made"
sed 's/gpt/llm/g' "$T/m3.yaml" | grep -v "tickets" >"$T/m6.yaml"

newdb m
db=$DB
run import "$T/m1.yaml" "$db"; expect_rc 0 "import (1)"
run import "$T/m2.yaml" "$db"; expect_rc 0 "a field (2)"
run import "$T/m3.yaml" "$db"; expect_rc 0 "a component (3)"
run rename "$db" gpt llm; expect_rc 0 "rename (4)"
run risk "$db" rag-poisoning@kb --status accepted --owner Alice \
    --justification "curated sources only"
expect_rc 0 "decide a risk (5)"
run import "$T/m6.yaml" "$db"; expect_rc 0 "a component removed (6)"

# Where to find the revisions: list and history.
run list "$db"
expect_rc 0 "list"
grep -Eq '^support-assistant +6 ' "$T/out" || fail "list: not at revision 6: $(cat "$T/out")"
run history "$db"
expect_rc 0 "history"
expect_out "r1  2026-11-25T10:00:00Z  tester  support-assistant  support-assistant created" "history: revision 1 creates"
expect_out "r2  2026-11-25T10:00:00Z  tester  support-assistant  support-assistant criticality: medium -> high" "history: revision 2"
expect_out "r3  2026-11-25T10:00:00Z  tester  support-assistant  kb created" "history: revision 3"
expect_out "r4  2026-11-25T10:00:00Z  tester  support-assistant  llm id: gpt -> llm" "history: revision 4"
expect_out "r5  2026-11-25T10:00:00Z  tester  support-assistant  rag-poisoning@kb status: open -> accepted" "history: revision 5"
expect_out "r6  2026-11-25T10:00:00Z  tester  support-assistant  tickets deleted" "history: revision 6"
! grep -v '^r[1-6]  ' "$T/out" | grep -q . || fail "history: a line without its revision"

# Each revision rebuilt is the model imported then: nothing differs.
for pair in 1:m1 2:m2 3:m3; do
	run diff "$db@${pair%%:*}" "$T/${pair#*:}.yaml"
	expect_rc 0 "diff revision ${pair%%:*} with ${pair#*:}.yaml"
	expect_out "no changes" "revision ${pair%%:*} is ${pair#*:}.yaml"
done
# m6.yaml carries no decisions: only the one made in the database differs.
run diff "$db@6" "$T/m6.yaml"
expect_rc 0 "diff revision 6 with m6.yaml"
expect_out "1 decision changed" "revision 6 is m6.yaml and a decision"
expect_no_out "Model" "revision 6 has the model of m6.yaml"
expect_no_out "Risks" "revision 6 has the risks of m6.yaml"

# 1 -> 6, the whole story.
run diff "$db@1" "$db"
expect_rc 0 "diff 1 -> latest"
expect_out "diff support-assistant: $db@1 -> $db" "header names the revision"
expect_out "criticality: medium -> high" "1->6: the field"
expect_out "> component gpt -> llm (renamed" "1->6: the rename"
expect_out "+ component kb (vector-store) \"Help index\"" "1->6: added component"
expect_out "+ flow retrieve (kb -> backend)" "1->6: added flow"
expect_out "- component tickets (tool) \"Ticket tool\"" "1->6: removed component"
expect_out "- flow open-ticket" "1->6: removed flow"
grep -Eq '^  \+ [a-z]+ +accepted +rag-poisoning@kb ' "$T/out" ||
    fail "1->6: the accepted risk that appears: $(cat "$T/out")"
grep -Eq '^  - .*@tickets ' "$T/out" || fail "1->6: risks on the tool stop applying"
expect_no_out "- component gpt" "1->6: the renamed component is not removed"

# One step at a time: each diff shows its own change only.
run diff "$db@2" "$db@3"
expect_rc 0 "diff 2 -> 3"
expect_out "+ component kb (vector-store)" "2->3: added"
expect_no_out "criticality" "2->3: the field is older"
expect_no_out "renamed" "2->3: the rename is newer"
run diff "$db@3" "$db@4"
expect_rc 0 "diff 3 -> 4"
expect_out "> component gpt -> llm (renamed" "3->4: the rename"
expect_no_out "+ component" "3->4: nothing added"
grep -q '^  [+-] ' "$T/out" && fail "3->4: a risk appears or goes with a rename"
run diff "$db@4" "$db@5"
expect_rc 0 "diff 4 -> 5"
expect_out "1 decision changed" "4->5: the decision"
expect_out "rag-poisoning@kb" "4->5: the risk decided"
expect_out "status: open -> accepted" "4->5: its status"
expect_out "owner: (unset) -> Alice" "4->5: its owner"
expect_out "justification: (unset) -> \"curated sources only\"" "4->5: why"
expect_no_out "Model" "4->5: the model did not change"
# Counted back from the latest: -1 is 5.
run diff "$db@-1" "$db"
expect_rc 0 "diff -1 -> latest"
expect_out "diff support-assistant: $db@5 -> $db" "@-1 names revision 5"
expect_out "- component tickets" "5->6: removed"
run diff "$db@6" "$db"
expect_rc 0 "diff 6 -> latest"
expect_out "no changes" "the latest revision is the database"
# Newer first works too: what 6 -> 4 undoes.
run diff "$db@6" "$db@4"
expect_rc 0 "diff 6 -> 4"
expect_out "+ component tickets (tool)" "6->4: the tool comes back"
# Markdown, and the exit status for CI.
run diff "$db@1" "$db" --format markdown
expect_rc 0 "markdown"
expect_out "@1" "markdown names the revision"
# (criticality high adds misinformation, high for answers given to the
# public: no new critical risk)
run diff "$db@1" "$db@2" --fail-on-new critical
expect_rc 0 "no new critical risk from 1 to 2"
run diff "$db@2" "$db@3" --fail-on-new high
expect_rc 3 "a new open risk from 2 to 3"
expect_out "the change adds" "--fail-on-new says why"

# Unknown revisions: a clear error, exit 1.
run diff "$db@9" "$db"
expect_rc 1 "unknown revision"
expect_err "model 'support-assistant' in database '$db' has no revision 9 (its revisions are 1 to 6; see parapet history)" "unknown revision message"
run diff "$db" "$db@-6"
expect_rc 1 "a revision before the first"
expect_err "has no revision 0" "revision 0 message"
run diff "$T/m1.yaml@2" "$db"
expect_rc 1 "a revision of a model file"
expect_err "is not a database: only a database has revisions" "file@N message"
if [ "$BACKEND" = pg ]; then
	none="$PARAPET_TEST_PG dbname=t_no_such_register"
	run diff "$none@2" "$db"
	expect_rc 1 "a revision of a missing database"
	expect_err "cannot connect to database '$none'" "missing database message"
else
	run diff "$T/none.db@2" "$db"
	expect_rc 1 "a revision of a missing database"
	expect_err "cannot open '$T/none.db@2'" "missing database message"
fi
# A file whose name ends in @N is that file.
cp "$T/m1.yaml" "$T/odd@2"
run diff "$T/odd@2" "$T/m1.yaml"
expect_rc 0 "a file named with @"
expect_out "no changes" "a file named with @ is the file"

# An object renamed, then removed: revision 1 gets it back under its
# first id, with every field and its flow.
sed 's/gpt/llm/g' "$T/m1.yaml" | grep -v "id: complete" |
    awk '/^  - id: llm/ { skip = 1; next } skip && /^  - / { skip = 0 } !skip' \
    >"$T/nollm.yaml"
grep -q "llm" "$T/nollm.yaml" && fail "nollm.yaml still has llm"
newdb gone
db2=$DB
run import "$T/m1.yaml" "$db2"; expect_rc 0 "import (gone 1)"
run rename "$db2" gpt llm; expect_rc 0 "rename (gone 2)"
run import "$T/nollm.yaml" "$db2"; expect_rc 0 "removed (gone 3)"
run diff "$db2@1" "$T/m1.yaml"
expect_rc 0 "renamed then removed, rebuilt"
expect_out "no changes" "renamed then removed: revision 1 is m1.yaml"
run diff "$db2@2" "$db2"
expect_out "- component llm (model) \"Hosted LLM\"" "2->3: the renamed one removed"

# (SQLite only: a register on a server begins at schema 5.)
if [ "$BACKEND" = sqlite ]; then
	# A database of schema 2 (tests/data/store/schema-2.sql, made by the
	# Parapet before revisions from m1, m2, m3 above: import, criticality,
	# bob's decision, kb, rename gpt -> llm).
	old="$T/old.db"
	sqlite_from_dump "$SRC/tests/data/store/schema-2.sql" "$old"
	# The first read (here a diff of its revisions) upgrades it.
	run diff "$old@1" "$old"
	expect_rc 0 "a read of an old database upgrades it"
	expect_out "1 renamed" "the diff of the upgraded database"
	run analyze "$old"
	expect_rc 0 "analyze after the upgrade"
	run history "$old"
	expect_rc 0 "history of the migrated database"
	expect_out "r1  2026-10-01T09:00:00Z  alice  support-assistant  support-assistant created" "migrated: revision 1"
	expect_out "r2  2026-10-03T09:00:00Z  bob  support-assistant  llm-jailbreak@gpt status: open -> accepted" "migrated: the decision in the revision of then"
	expect_out "r3  2026-10-04T09:00:00Z  alice  support-assistant  kb created" "migrated: revision 3"
	expect_out "r4  2026-10-05T09:00:00Z  alice  support-assistant  llm id: gpt -> llm" "migrated: revision 4"
	# analyze may add a revision of its own (today's catalogue merging the
	# old per-target risks): the model stands at its newest history revision.
	last=$(sed -n 's/^r\([0-9]*\) .*/\1/p' "$T/out" | sort -n | tail -1)
	[ "${last:-0}" -ge 4 ] || fail "migrated: history ends before revision 4"
	run list "$old"
	grep -Eq "^support-assistant +$last " "$T/out" ||
	    fail "migrated: not at revision $last: $(cat "$T/out")"
	# (m1 as it was then: the tool's executes-code was not answered.)
	sed 's/, executes-code: false//' "$T/m1.yaml" >"$T/m1-then.yaml"
	run diff "$old@1" "$T/m1-then.yaml"
	expect_rc 0 "migrated: revision 1 against its file"
	expect_out "no changes" "migrated: revision 1 rebuilt"
	run diff "$old@1" "$old@2"
	expect_rc 0 "migrated: 1 -> 2"
	expect_out "criticality: medium -> high" "migrated 1->2: the field"
	# The decision of then was on the jailbreak finding, which today's
	# catalogue folds into direct injection: the rebuilt revision gets the
	# merged-away risk back with its decisions, and the diff shows them on
	# the finding that covers it (the most conservative status: its
	# justification).
	expect_out "llm-direct-prompt-injection@gpt" "migrated 1->2: the decision"
	expect_out 'justification: (unset) -> "vendor filters"' \
	    "migrated 1->2: the decision's justification"
	run diff "$old@3" "$old"
	expect_rc 0 "migrated: 3 -> latest"
	expect_out "> component gpt -> llm (renamed" "migrated 3->4: the rename"
	expect_no_out "+ component" "migrated 3->4: nothing added"
fi
finish

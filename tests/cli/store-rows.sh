#!/usr/bin/env bash
# Only what carries information is a row (schema 4): a new object is one
# history entry that still says who created it and when, a deleted one is
# rebuilt for older revisions, a decision on a risk whose other mitigations
# are the catalogue's defaults round-trips through a model file with only
# the decided mitigation stored, and a database of schema 3 migrates with
# its history, decisions and revisions intact (SQLite: a register on a
# server begins at schema 5). On a server with PARAPET_TEST_BACKEND=pg
# (tests/cli/pg/store-rows.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

# The model files of tests/cli/diff-revisions.sh (they made schema-3.sql).
# (as it was then: the tool's executes-code was not answered)
sed '/^#/d; s/, executes-code: false//' "$SRC/tests/data/store/support.yaml" >"$T/m1.yaml"
sed 's/criticality: medium/criticality: high/' "$T/m1.yaml" >"$T/m2.yaml"
awk '/^flows:/ { print "  - { id: kb, name: Help index, kind: vector-store, boundary: cloud, origin: scraped }"; print; print "  - { id: retrieve, from: kb, to: backend, data: [documents] }"; next } { print }' \
    "$T/m2.yaml" >"$T/m3.yaml"
grep -v tickets "$T/m3.yaml" >"$T/m4.yaml"
grep -q "id: retrieve" "$T/m4.yaml" || fail "m4.yaml was not made"

# --- A new object: one entry, who and when ------------------------------
newdb m
db=$DB
PARAPET_USER=alice run import "$T/m1.yaml" "$db"; expect_rc 0 "import (1)"
PARAPET_USER=bob run import "$T/m3.yaml" "$db"; expect_rc 0 "import (2)"
asked=$(dbsql "$db" "SELECT n FROM open_questions_at")
PARAPET_USER=carol run import "$T/m4.yaml" "$db"; expect_rc 0 "import (3)"
# The open questions kept are the last analysis's, one row each: an
# import that asks fewer leaves none of the earlier ones behind.
now=$(dbsql "$db" "SELECT n FROM open_questions_at")
[ "$now" -lt "$asked" ] || fail "m4 asks no fewer questions than m3: $now, $asked"
[ "$(dbsql "$db" "SELECT count(*) FROM open_questions")" = "$now" ] ||
    fail "open question rows left behind: $(dbsql "$db" "SELECT count(*) FROM open_questions") for $now"
run history "$db"
expect_rc 0 "history"
expect_out "r1  2026-11-25T10:00:00Z  alice  support-assistant  gpt created: (none) -> model" "alice created gpt"
expect_out "r1  2026-11-25T10:00:00Z  alice  support-assistant  support-assistant created: (none) -> system" "alice created the model"
expect_out "r2  2026-11-25T10:00:00Z  bob  support-assistant  kb created: (none) -> vector-store" "bob created kb"
expect_out "r2  2026-11-25T10:00:00Z  bob  support-assistant  support-assistant criticality: medium -> high" "bob's edit"
expect_out "r3  2026-11-25T10:00:00Z  carol  support-assistant  tickets deleted: tool -> (none)" "carol deleted tickets"
# Created objects are not followed by one entry per field they had.
expect_no_out "(none) -> Hosted LLM" "no entry for gpt's name"
expect_no_out "kb origin" "no entry for kb's origin"
[ "$(grep -c ' created: ' "$T/out")" -eq 12 ] ||
    fail "history: one created entry per object: $(grep -c ' created: ' "$T/out")"
run history "$db" --object kb
expect_rc 0 "history of kb"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "history of kb: not one entry"
[ "$(dbsql "$db" "SELECT count(*) FROM history WHERE field IN ('name', 'origin', 'boundary', 'provider')")" = 0 ] ||
    fail "field entries stored for new objects"
# The object deleted in 3 is back, with its fields, in the revisions before.
for pair in 1:m1 2:m3; do
	run diff "$db@${pair%%:*}" "$T/${pair#*:}.yaml"
	expect_rc 0 "diff revision ${pair%%:*}"
	expect_out "no changes" "revision ${pair%%:*} is ${pair#*:}.yaml"
done
run diff "$db@2" "$db"
expect_out "- component tickets (tool) \"Ticket tool\"" "2 -> 3: tickets removed"
# The XML export carries the same story, and re-imports.
run export "$db" --format xml --output "$T/m.xml"
expect_rc 0 "export XML"
grep -q '<who>bob</who>' "$T/m.xml" || fail "XML: bob's entries"
newdb x
run import "$T/m.xml" "$DB"
expect_rc 0 "XML re-import"
run history "$DB" --object kb
expect_out "kb created: (none) -> vector-store" "XML re-import: kb's creation"

# --- A re-import that moves lines writes only the places -----------------
rev=$(dbsql "$db" "SELECT revision FROM models")
gpt=$(dbsql "$db" "SELECT line FROM objects WHERE object = 'gpt'")
ask=$(dbsql "$db" "SELECT line FROM objects WHERE object = 'ask'")
{ echo "# two lines"; echo "# more"; cat "$T/m4.yaml"; } >"$T/moved.yaml"
run import "$T/moved.yaml" "$db"; expect_rc 0 "re-import, lines moved"
[ "$(dbsql "$db" "SELECT line FROM objects WHERE object = 'gpt'")" = $((gpt + 2)) ] ||
    fail "gpt's line did not follow the file"
[ "$(dbsql "$db" "SELECT line FROM objects WHERE object = 'ask'")" = $((ask + 2)) ] ||
    fail "ask's line did not follow the file"
[ "$(dbsql "$db" "SELECT line FROM models")" = 5 ] ||
    fail "the system's line did not follow the file"
[ "$(dbsql "$db" "SELECT revision FROM models")" = "$rev" ] ||
    fail "moved lines made a revision"
# One object edited in place: its line stays, the others too.
sed 's/name: Hosted LLM/name: Vendor LLM/' "$T/moved.yaml" >"$T/moved2.yaml"
run import "$T/moved2.yaml" "$db"; expect_rc 0 "re-import, one field"
[ "$(dbsql "$db" "SELECT line FROM objects WHERE object = 'gpt'")" = $((gpt + 2)) ] ||
    fail "gpt's line after an edit"
[ "$(dbsql "$db" "SELECT revision FROM models")" = $((rev + 1)) ] ||
    fail "an edit is one revision"
run import "$T/m4.yaml" "$db"; expect_rc 0 "back to m4.yaml"

# --- A rename: the rows of the objects that refer to it follow -----------
newdb rn
rn=$DB
dbcopy "$db" "$rn"
run rename "$rn" cloud prod; expect_rc 0 "rename a boundary"
run rename "$rn" backend api; expect_rc 0 "rename a component"
run export "$rn" --format yaml --output "$T/rn.yaml"
expect_rc 0 "export after the renames"
[ "$(grep -c 'boundary: prod' "$T/rn.yaml")" -eq 3 ] ||
    fail "components do not follow the boundary: $(grep boundary "$T/rn.yaml")"
! grep -q 'id: cloud\|boundary: cloud\|id: backend\|from: backend\|to: backend' \
    "$T/rn.yaml" || fail "an old id is left: $(cat "$T/rn.yaml")"
[ "$(grep -c 'from: api\|to: api' "$T/rn.yaml")" -eq 3 ] ||
    fail "flows do not follow the component: $(grep api "$T/rn.yaml")"
sed 's/id: cloud/id: prod/; s/boundary: cloud/boundary: prod/;
    s/id: backend/id: api/; s/from: backend/from: api/; s/to: backend/to: api/' \
    "$T/m4.yaml" >"$T/rn-expected.yaml"
run diff "$rn" "$T/rn-expected.yaml"
expect_rc 0 "diff after the renames"
expect_no_out "Model" "the renamed model is m4.yaml renamed"

# --- A decision among default mitigations round-trips --------------------
run risk "$db" llm-direct-prompt-injection@gpt --status mitigating --owner Bob
expect_rc 0 "decide the risk"
run mitigation "$db" llm-direct-prompt-injection@gpt m-input-guardrails \
    --status implemented --owner Bob --due 2026-11-01
expect_rc 0 "decide one mitigation"
run risk "$db" llm-direct-prompt-injection@gpt
sed -n '/^  mitigations:/,$p' "$T/out" >"$T/mits.1"
grep -q "implemented m-input-guardrails .*owner Bob  due 2026-11-01" "$T/mits.1" ||
    fail "the decided mitigation: $(cat "$T/mits.1")"
[ "$(grep -c '^    proposed ' "$T/mits.1")" -ge 2 ] ||
    fail "the default mitigations are listed: $(cat "$T/mits.1")"
[ "$(dbsql "$db" "SELECT count(*) FROM risk_mitigations")" = 1 ] ||
    fail "only the decided mitigation is a row"
run export "$db" --format yaml --output "$T/d.yaml"
expect_rc 0 "export YAML with decisions"
newdb d
d=$DB
run import "$T/d.yaml" "$d"
expect_rc 0 "import YAML with decisions"
run risk "$d" llm-direct-prompt-injection@gpt
sed -n '/^  mitigations:/,$p' "$T/out" >"$T/mits.2"
cmp -s "$T/mits.1" "$T/mits.2" ||
    fail "mitigations after the round trip: $(diff "$T/mits.1" "$T/mits.2")"
expect_out "status:    mitigating" "the risk's decision after the round trip"
expect_out "owner:     Bob" "the risk's owner after the round trip"
[ "$(dbsql "$d" "SELECT count(*) FROM risk_mitigations")" = 1 ] ||
    fail "round trip: only the decided mitigation is a row"
# The same through the XML export, which imports the register whole.
run export "$db" --format xml --output "$T/d.xml"
expect_rc 0 "export XML with decisions"
newdb dx
dx=$DB
run import "$T/d.xml" "$dx"
expect_rc 0 "import XML with decisions"
run risk "$dx" llm-direct-prompt-injection@gpt
sed -n '/^  mitigations:/,$p' "$T/out" >"$T/mits.3"
cmp -s "$T/mits.1" "$T/mits.3" ||
    fail "mitigations after the XML round trip: $(diff "$T/mits.1" "$T/mits.3")"
[ "$(dbsql "$dx" "SELECT count(*) FROM risk_mitigations")" = 1 ] ||
    fail "XML round trip: only the decided mitigation is a row"

# (SQLite only: a register on a server begins at schema 5.)
if [ "$BACKEND" = sqlite ]; then
	# --- A database of schema 3 migrates ------------------------------------
	old="$T/old.db"
	sqlite_from_dump "$SRC/tests/data/store/schema-3.sql" "$old"
	[ "$(dbsql "$old" "SELECT count(*) FROM risk_mitigations")" = 54 ] ||
	    fail "schema 3: the fixture's mitigation rows"
	# A reader who may not write the file is told what to do, and the file
	# stays as it was (as root, only through another user).
	if [ "$(id -u)" -ne 0 ] || command -v runuser >/dev/null 2>&1; then
		mkdir "$T/ro"
		cp "$old" "$T/ro/old.db"
		chmod 755 "$T" "$T/ro"
		chmod 444 "$T/ro/old.db"
		as_reader=()
		[ "$(id -u)" -eq 0 ] && as_reader=(runuser -u nobody --)
		"${as_reader[@]}" "$PARAPET" risks "$T/ro/old.db" >"$T/out" 2>"$T/err"
		[ $? -eq 1 ] || fail "schema 3, read-only file: not refused"
		grep -q "has schema 3 and must be upgraded" "$T/err" ||
		    fail "schema 3, read-only file: message: $(cat "$T/err")"
		[ "$(dbsql "$T/ro/old.db" "PRAGMA user_version")" = 3 ] ||
		    fail "schema 3, read-only file: changed"
	fi
	# A reader who may write it: the first read upgrades it, as a write would.
	run risks "$old"
	expect_rc 0 "a read migrates the database its reader may write"
	[ "$(dbsql "$old" "PRAGMA user_version")" -ge 4 ] || fail "read: not migrated"
	for x in wal shm journal; do
		[ -e "$old-$x" ] && fail "the upgrading read left old.db-$x behind"
	done
	run analyze "$old"
	expect_rc 0 "analyze after the migration"
	[ "$(dbsql "$old" "PRAGMA user_version")" -ge 4 ] || fail "not migrated"
	run history "$old"
	expect_rc 0 "history of the migrated database"
	# Entries of both shapes read as they were written.
	expect_out "r1  2026-10-01T09:00:00Z  alice  support-assistant  tickets created: (none) -> tool" "migrated: alice created tickets"
	expect_out "r1  2026-10-01T09:00:00Z  alice  support-assistant  tickets name: (none) -> Ticket tool" "migrated: old field entries kept"
	expect_out "r4  2026-10-05T09:00:00Z  carol  support-assistant  tickets deleted: tool -> (none)" "migrated: carol deleted tickets"
	expect_out "r5  2026-10-06T09:00:00Z  bob  support-assistant  llm-direct-prompt-injection@gpt mitigation m-input-monitoring status: proposed -> planned" "migrated: bob's decision"
	[ "$(sed -n '/^r[1-5]  /p' "$T/out" | wc -l)" -eq 133 ] ||
	    fail "migrated: the 133 entries of revisions 1 to 5"
	# Decisions as made; the default mitigations are no rows any more.
	run risk "$old" llm-direct-prompt-injection@gpt
	expect_out "status:    mitigating" "migrated: the risk's status"
	expect_out "owner:     Bob" "migrated: the risk's owner"
	grep -q "implemented m-input-guardrails .*owner Bob  due 2026-11-01" "$T/out" ||
	    fail "migrated: the implemented mitigation"
	grep -q "planned     m-input-monitoring" "$T/out" ||
	    fail "migrated: the planned mitigation"
	expect_out "notes: Q4, with the SOC" "migrated: the mitigation's notes"
	grep -q "proposed    m-llm-red-team" "$T/out" ||
	    fail "migrated: a default mitigation"
	[ "$(dbsql "$old" "SELECT count(*) FROM risk_mitigations m JOIN risks r USING (system, threat, target) WHERE m.status = 'proposed' AND m.owner IS NULL AND m.due IS NULL AND m.notes IS NULL AND instr(char(10) || r.proposed || char(10), char(10) || m.mitigation || char(10)) > 0")" = 0 ] ||
	    fail "migrated: default mitigation rows left"
	[ "$(dbsql "$old" "SELECT count(*) FROM risk_mitigations WHERE status <> 'proposed'")" = 2 ] ||
	    fail "migrated: the two decided mitigations"
	# Revisions rebuild, the tool deleted by a schema-3 entry included.
	for pair in 1:m1 2:m2 3:m3 4:m4; do
		run diff "$old@${pair%%:*}" "$T/${pair#*:}.yaml"
		expect_rc 0 "migrated: diff revision ${pair%%:*}"
		expect_no_out "Model" "migrated: revision ${pair%%:*} is ${pair#*:}.yaml"
	done
	# After the migration, a deletion keeps what the object was.
	PARAPET_USER=dave run import "$T/m3.yaml" "$old"; expect_rc 0 "migrated: tickets back"
	PARAPET_USER=dave run import "$T/m4.yaml" "$old"; expect_rc 0 "migrated: tickets gone again"
	run history "$old" --object tickets
	expect_out "dave  support-assistant  tickets created: (none) -> tool" "migrated: dave created tickets"
	expect_out "dave  support-assistant  tickets deleted: tool -> (none)" "migrated: dave deleted tickets"
	last=$(sed -n 's/^r\([0-9]*\) .*/\1/p' "$T/out" | sort -n | tail -1)
	run diff "$old@$((last - 1))" "$T/m3.yaml"
	expect_rc 0 "migrated: the revision before the new deletion"
	expect_no_out "Model" "migrated: tickets rebuilt from its deletion entry"
fi
finish

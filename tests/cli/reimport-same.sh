#!/usr/bin/env bash
# A re-import of a model file that changes nothing of the stored model
# keeps the register that the same analysis made for it, rather than
# analysing the model again (session_unchanged()): it says what it said,
# and a row of the register changed behind Parapet's back (a stand-in for
# "not written again") stays as it is. Whatever could change the register
# analyses again and puts that row right: an edit of the model, a decision
# since, another catalogue (a file of it changed by one comment line), a
# register that does not say which analysis made it (a database of schema
# 10, migrated). On a server with PARAPET_TEST_BACKEND=pg
# (tests/cli/pg/reimport-same.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

model_from_template w rag-assistant "$T/m.yaml"
newdb a
db=$DB
run import "$T/m.yaml" "$db"
expect_rc 0 "first import"
sed 's/^created /updated /' "$T/out" >"$T/first"
run risks "$db"
cp "$T/out" "$T/risks1"
run questions "$db"
cp "$T/out" "$T/questions1"
risk=$(dbsql "$db" "SELECT threat || '@' || target FROM risks
    WHERE applies = 1 ORDER BY threat, target LIMIT 1")
[ -n "$risk" ] || fail "the template's model has no risk"
threat=${risk%@*}
target=${risk#*@}

# The title of that risk's row, as stored.
title() {
	dbsql "$db" "SELECT title FROM risks WHERE threat = '$threat' AND
	    target = '$target'"
}
want=$(title)
# tamper: the row's title made something no analysis writes.
tamper() {
	dbsql "$db" "UPDATE risks SET title = 'left as stored' WHERE
	    threat = '$threat' AND target = '$target'" >/dev/null
	[ "$(title)" = "left as stored" ] || fail "the row was not changed"
}

# The same file again: the same summary, register and questions, and the
# row as it was left.
tamper
run import "$T/m.yaml" "$db"
expect_rc 0 "the same file again"
cmp -s "$T/out" "$T/first" || fail "the summary of the same file differs"
[ "$(title)" = "left as stored" ] ||
    fail "the register was made again for a model that did not change"
dbsql "$db" "UPDATE risks SET title = '$want' WHERE threat = '$threat'
    AND target = '$target'" >/dev/null
run risks "$db"
cmp -s "$T/out" "$T/risks1" || fail "the risks differ after the same file"
run questions "$db"
cmp -s "$T/out" "$T/questions1" ||
    fail "the questions differ after the same file"

# Another catalogue: one of its files changed by a comment line.
mkdir -p "$T/data"
cp -R "${PARAPET_DATA:-$SRC/data}/." "$T/data/"
echo "# changed" >>"$T/data/catalogue/90-adjustments.yaml"
tamper
PARAPET_DATA="$T/data" run import "$T/m.yaml" "$db"
expect_rc 0 "the same file with another catalogue"
[ "$(title)" = "$want" ] ||
    fail "the register was kept although the catalogue changed"
# ... which that catalogue made: kept with it, not with the first.
tamper
PARAPET_DATA="$T/data" run import "$T/m.yaml" "$db"
[ "$(title)" = "left as stored" ] ||
    fail "the changed catalogue's register was made again"
run import "$T/m.yaml" "$db"
[ "$(title)" = "$want" ] ||
    fail "the register of another catalogue was kept for the first"

# A decision since (on another risk): the model's revision moves.
other=$(dbsql "$db" "SELECT threat || '@' || target FROM risks
    WHERE applies = 1 ORDER BY threat DESC, target DESC LIMIT 1")
[ "$other" != "$risk" ] || fail "the model has one risk only"
run risk "$db" "$other" --status mitigating
expect_rc 0 "decide on $other"
tamper
run import "$T/m.yaml" "$db"
expect_rc 0 "the same file after a decision"
[ "$(title)" = "$want" ] ||
    fail "the register was kept although a decision was made since"
[ "$(dbsql "$db" "SELECT status FROM risks WHERE threat || '@' || target
    = '$other'")" = mitigating ] || fail "the decision was lost"

# An edit of the model that no threat reads (the system's description):
# the analysis follows the change (session_incremental()), so no risk is
# analysed or written again: the row stays as it was left.
sed '0,/^  description: /s//  description: Edited. /' "$T/m.yaml" >"$T/m2.yaml"
cmp -s "$T/m.yaml" "$T/m2.yaml" && fail "the model was not edited"
tamper
run import "$T/m2.yaml" "$db"
expect_rc 0 "an edited model"
[ "$(title)" = "left as stored" ] ||
    fail "a risk was written again although nothing it reads changed"
dbsql "$db" "UPDATE risks SET title = '$want' WHERE threat = '$threat'
    AND target = '$target'" >/dev/null

# A register that does not say which analysis made it: schema 10's.
tamper
if [ "$BACKEND" = pg ]; then
	pg_sql -d "$db" -c "DROP INDEX objects_by_type" \
	    -c "ALTER TABLE open_questions_at DROP COLUMN revision,
	    DROP COLUMN analysis, DROP COLUMN titles" \
	    -c "UPDATE parapet_schema SET version = 10" >/dev/null
else
	dbsql "$db" "DROP INDEX objects_by_type" >/dev/null
	dbsql "$db" "ALTER TABLE open_questions_at DROP COLUMN revision" \
	    >/dev/null
	dbsql "$db" "ALTER TABLE open_questions_at DROP COLUMN analysis" \
	    >/dev/null
	dbsql "$db" "ALTER TABLE open_questions_at DROP COLUMN titles" \
	    >/dev/null
	dbsql "$db" "PRAGMA user_version = 10" >/dev/null
fi
run import "$T/m2.yaml" "$db"
expect_rc 0 "the same file into a database of schema 10"
[ "$(title)" = "$want" ] ||
    fail "the register of a schema 10 database was taken as made here"
if [ "$BACKEND" = pg ]; then
	[ "$(pg_sql -d "$db" -c 'SELECT version FROM parapet_schema')" = 13 ] ||
	    fail "schema 10 was not migrated to 13"
else
	[ "$(dbsql "$db" "PRAGMA user_version")" = 13 ] ||
	    fail "schema 10 was not migrated to 13"
fi
# ... and from then on it is.
tamper
run import "$T/m2.yaml" "$db"
[ "$(title)" = "left as stored" ] ||
    fail "after the migration the register was made again"

finish

#!/usr/bin/env bash
# A register on a PostgreSQL server: a URI or a conninfo selects it, the
# schema is made on first use and versioned, a foreign or newer database
# is refused untouched, a password never shows, history is append-only on
# the server itself. SKIPs without $PARAPET_TEST_PG (scripts/pg-cluster.sh).
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

cp "$SRC/tests/data/store/support.yaml" "$T/m.yaml"
# A conninfo selects the server; the schema is made on first use.
newdb reg
db=$DB
run import "$T/m.yaml" "$db"
expect_rc 0 "import into a new database on the server"
expect_out "created 'support-assistant'" "import says what it made"
[ "$(pg_sql -d "$db" -c 'SELECT version FROM parapet_schema')" = 13 ] ||
    fail "schema version 13 is not recorded in parapet_schema"
run list "$db"
expect_rc 0 "list"
expect_out "support-assistant" "list shows the model"
run risks "$db"
expect_rc 0 "risks"
risk=$(awk 'NR == 1 {print $4}' "$T/out")
[ -n "$risk" ] || fail "no risk listed"

# The same database as a URI (postgresql:// and postgres://).
name=$(pg_sql -d "$db" -c 'SELECT current_database()')
dir=$(pg_sql -d "$db" -c 'SHOW unix_socket_directories')
for scheme in postgresql postgres; do
	run list "$scheme:///$name?host=$dir&user=postgres"
	expect_rc 0 "list through a $scheme:// URI"
	expect_out "support-assistant" "the $scheme:// URI reaches the same register"
done

# A decision, then history written by the server's rules.
run risk "$db" "$risk" --status accepted --justification "fine for now" \
    --owner Bob
expect_rc 0 "decide a risk"
run history "$db"
expect_rc 0 "history"
expect_out "status: open -> accepted" "history records the decision"

# Many at once (8 clients, 40 decisions): every acknowledged decision is
# applied once, each in a revision of its own, none lost to another made at
# the same time.
rev0=$(pg_sql -d "$db" -c "SELECT revision FROM models")
"$PARAPET" risks "$db" | awk '{print $4}' >"$T/risks"
n=40
for c in 1 2 3 4 5 6 7 8; do
	# Each client its own risk: nothing but the model orders them.
	r=$(sed -n "$(( (c - 1) % $(wc -l <"$T/risks") + 1 ))p" "$T/risks")
	for i in $(seq "$c" 8 $n); do
		"$PARAPET" risk "$db" "$r" --owner "owner-$i" >/dev/null \
		    2>"$T/c$i.err"
		echo $? >"$T/c$i.rc"
	done &
done
wait
ok=0
for i in $(seq 1 $n); do
	if [ "$(cat "$T/c$i.rc")" = 0 ]; then
		ok=$((ok + 1))
		[ "$(pg_sql -d "$db" -c "SELECT count(*) FROM history
		    WHERE field = 'owner' AND new_value = 'owner-$i'")" = 1 ] ||
		    fail "decision $i acknowledged but not in history once"
	else
		grep -q 'busy' "$T/c$i.err" ||
		    fail "decision $i failed: $(cat "$T/c$i.err")"
	fi
done
[ "$ok" -gt 0 ] || fail "no concurrent decision went through"
rev1=$(pg_sql -d "$db" -c "SELECT revision FROM models")
[ "$rev1" -eq $((rev0 + ok)) ] ||
    fail "revision went from $rev0 to $rev1 for $ok decisions"
[ "$(pg_sql -d "$db" -c "SELECT count(*) FROM (SELECT revision FROM history
    WHERE field = 'owner' AND new_value LIKE 'owner-%'
    GROUP BY revision HAVING count(*) > 1) x")" = 0 ] ||
    fail "two concurrent decisions share a revision"

# History is append-only on the server, whoever asks.
if pg_sql -d "$db" -c "UPDATE history SET who = 'mallory'" 2>"$T/sqlerr"
then
	fail "the server let history be updated"
fi
grep -q 'history is append-only' "$T/sqlerr" ||
    fail "updating history: no 'history is append-only' ($(cat "$T/sqlerr"))"
if pg_sql -d "$db" -c "DELETE FROM history" 2>"$T/sqlerr"; then
	fail "the server let history be deleted"
fi
if pg_sql -d "$db" -c "TRUNCATE history" 2>"$T/sqlerr"; then
	fail "the server let history be truncated"
fi
[ "$(pg_sql -d "$db" -c 'SELECT count(*) > 0 FROM history')" = t ] ||
    fail "history lost rows"

# A password is never shown: not in messages, not in history sources.
pw_uri="postgresql://postgres:s3cr3t-pw@/$name?host=$dir"
run list "postgresql://postgres:s3cr3t-pw@/nosuchdb?host=$dir"
expect_rc 1 "a database that does not exist"
expect_err "postgresql://postgres@/nosuchdb?host=$dir" \
    "the message names the database without its password"
grep -q 's3cr3t' "$T/err" "$T/out" && fail "the password was shown"
run list "host=$dir user=postgres password='s3 cr3t' dbname=nosuchdb"
expect_rc 1 "a conninfo naming a database that does not exist"
expect_err "host=$dir user=postgres dbname=nosuchdb" \
    "the message names the conninfo without its password"
grep -q 'cr3t' "$T/err" "$T/out" && fail "the conninfo's password was shown"
sed -e 's/^  name: Customer support assistant/  name: Support assistant 2/' "$T/m.yaml" >"$T/m2.yaml"
run import "$T/m2.yaml" "$pw_uri"
expect_rc 0 "import through a URI with a password"
grep -q 's3cr3t' "$T/err" "$T/out" && fail "import showed the password"
run history "$pw_uri"
grep -q 's3cr3t' "$T/out" && fail "history shows the password"
[ "$(pg_sql -d "$db" -c "SELECT count(*) FROM history
    WHERE source LIKE '%s3cr3t%' OR who LIKE '%s3cr3t%'")" = 0 ] ||
    fail "a history row holds the password"
run pull "$pw_uri" "$T/pulled.db"
expect_rc 0 "pull through a URI with a password"
grep -q 's3cr3t' "$T/err" "$T/out" && fail "pull showed the password"
run history "$T/pulled.db"
expect_out "imported from 'postgresql://postgres@/$name?host=$dir'" \
    "pulled history names the register without its password"
grep -q 's3cr3t' "$T/out" && fail "pulled history holds the password"
run export "$pw_uri" --format markdown
expect_rc 0 "export through a URI with a password"
grep -q 's3cr3t' "$T/out" && fail "the export shows the password"
# diff names its sides, new the register a model exists in: no password.
for fmt in text markdown; do
	run diff "$pw_uri@1" "$pw_uri" --model support-assistant --format $fmt
	expect_rc 0 "diff of revisions through a URI with a password ($fmt)"
	grep -q 's3cr3t' "$T/err" "$T/out" &&
	    fail "diff ($fmt) shows the password"
done
run diff "$pw_uri@1" "$pw_uri" --model support-assistant
expect_out "postgresql://postgres@/$name?host=$dir@1 -> postgresql://postgres@/$name?host=$dir" \
    "diff names the register's revisions without the password"
run new "$pw_uri" --id support-assistant --name "Another"
expect_rc 1 "new of a model that exists, through a URI with a password"
expect_err "already exists in postgresql://postgres@/$name?host=$dir (" \
    "new names the register without its password"
grep -q 's3cr3t' "$T/err" "$T/out" && fail "new shows the password"

# A database that holds other tables is not ours: refused, untouched.
newdb foreign
pg_sql -d "$DB" -c 'CREATE TABLE invoices (id int)'
run import "$T/m.yaml" "$DB"
expect_rc 1 "import into a foreign database"
expect_err "is not a Parapet database" "a foreign database is refused"
[ "$(pg_sql -d "$DB" -c "SELECT count(*) FROM pg_tables
    WHERE schemaname = 'public'")" = 1 ] ||
    fail "the foreign database was written to"

# A register of schema 5 (as the Parapet before made it: no summary, no
# copy of a risk's state on its mitigations, the two indexes of then) is
# migrated by the first writer, not by a reader, and counts as before.
newdb five
five=$DB
run import "$T/m.yaml" "$five"
expect_rc 0 "import into the register to take back to schema 5"
run risk "$five" "$risk" --status mitigating
expect_rc 0 "decide before going back to 5"
run register "$five" --format csv
cp "$T/out" "$T/register-6.csv"
pg_sql -d "$five" -c "DROP TABLE open_questions, open_questions_at" \
    -c "DROP TABLE risk_counts" \
    -c "DROP TRIGGER risk_counts_insert ON risks" \
    -c "DROP TRIGGER risk_counts_update ON risks" \
    -c "DROP TRIGGER mitigation_risk ON risk_mitigations" \
    -c "DROP TRIGGER risk_mitigations_insert ON risks" \
    -c "DROP TRIGGER risk_mitigations_update ON risks" \
    -c "DROP FUNCTION parapet_risk_counts(), parapet_mitigation_risk(),
        parapet_risk_mitigations()" \
    -c "DROP INDEX risks_review, mitigations_due, risks_gone, risks_order,
        objects_by_type" \
    -c "ALTER TABLE risks ALTER COLUMN assumed DROP NOT NULL" \
    -c "ALTER TABLE risk_mitigations DROP COLUMN risk_severity,
        DROP COLUMN risk_status, DROP COLUMN risk_applies,
        DROP COLUMN risk_owner, DROP COLUMN risk_title" \
    -c "CREATE INDEX risks_by_severity ON risks (system, severity, status,
        assumed, decided_at, owner, applies) WHERE applies = 1" \
    -c "CREATE INDEX risks_state ON risks (system, threat, target, applies,
        severity, status, owner)" \
    -c "UPDATE parapet_schema SET version = 5" >/dev/null
run register "$five"
expect_rc 1 "a reader of a schema 5 register"
expect_err "has schema 5 and must be upgraded" "a reader does not migrate"
run analyze "$five"
expect_rc 0 "a writer migrates schema 5"
[ "$(pg_sql -d "$five" -c 'SELECT version FROM parapet_schema')" = 13 ] ||
    fail "schema 5 was not migrated to 13"
# Schema 8: the risks that no longer apply have their index; schema 10:
# the risks in the screens' order, and no index of unset assumed columns;
# schema 12: the objects by type, as a new register has it.
[ "$(pg_sql -d "$five" -c "SELECT string_agg(indexname, ' '
    ORDER BY indexname) FROM pg_indexes WHERE indexname IN
    ('risks_gone', 'risks_unsure', 'risks_order', 'objects_by_type')")" = \
    "objects_by_type risks_gone risks_order" ] ||
    fail "the migration from 5 did not make the indexes of 8, 10 and 12"
[ "$(pg_sql -d "$five" -c "SELECT indexdef FROM pg_indexes
    WHERE indexname = 'objects_by_type'" | sed 's/"[^"]*"\.//g')" = \
    "$(pg_sql -d "$db" -c "SELECT indexdef FROM pg_indexes
    WHERE indexname = 'objects_by_type'" | sed 's/"[^"]*"\.//g')" ] ||
    fail "the objects' index migrated differs from a new register's"
run register "$five" --format csv
expect_rc 0 "register after the migration"
cmp -s "$T/out" "$T/register-6.csv" ||
    fail "the register differs after the migration from 5"
[ "$(pg_sql -d "$five" -c "SELECT sum(n) FROM risk_counts")" = \
    "$(pg_sql -d "$five" -c "SELECT count(*) FROM risks WHERE applies = 1")" ] ||
    fail "the migration did not count every applying risk"
# The open questions (schema 7): none kept for the register of before,
# whose report analyses the model; the next import keeps them.
run export "$five" --format markdown
expect_rc 0 "the report of a register migrated from 5"
expect_out "fields not answered that threats would rest on" \
    "the report of a migrated register lists the open questions"
[ "$(pg_sql -d "$five" -c "SELECT count(*) FROM open_questions_at")" = 0 ] ||
    fail "the migration kept open questions it never found"
run import "$T/m.yaml" "$five"
expect_rc 0 "import into the migrated register"
[ "$(pg_sql -d "$five" -c "SELECT n FROM open_questions_at")" = \
    "$(pg_sql -d "$five" -c "SELECT count(*) FROM open_questions")" ] ||
    fail "the import did not keep the open questions"

# A register of schema 8 gets the index of the risks in the screens' order
# (schema 10) from its first writer; its decisions, mitigation rows and
# history are kept, and the register reads the same.
row_counts() {
	pg_sql -d "$1" -c "SELECT (SELECT count(*) FROM risks) || ' ' ||
	    (SELECT count(*) FROM risks WHERE status <> 'open') || ' ' ||
	    (SELECT count(*) FROM risk_mitigations) || ' ' ||
	    (SELECT count(*) FROM history)"
}
# Schema 10's, undone: the column may be unset, its unset rows indexed
# (and 11's: the questions do not say which analysis made the register;
# 12's: the objects not indexed by type; 13's: no titles kept once).
undo_10() {
	pg_sql -d "$1" -c "DROP INDEX objects_by_type" \
	    -c "ALTER TABLE open_questions_at DROP COLUMN revision,
	    DROP COLUMN analysis, DROP COLUMN titles" \
	    -c "DROP INDEX risks_order" \
	    -c "ALTER TABLE risks ALTER COLUMN assumed DROP NOT NULL" \
	    -c "CREATE INDEX risks_unsure ON risks (system)
	        WHERE applies = 1 AND assumed IS NULL" >/dev/null
}
run register "$five" --format csv
cp "$T/out" "$T/register-8.csv"
undo_10 "$five"
pg_sql -d "$five" -c "UPDATE parapet_schema SET version = 8" >/dev/null
rows8=$(row_counts "$five")
run analyze "$five"
expect_rc 0 "a writer migrates schema 8"
[ "$(pg_sql -d "$five" -c 'SELECT version FROM parapet_schema')" = 13 ] ||
    fail "schema 8 was not migrated to 13"
[ "$(pg_sql -d "$five" -c "SELECT count(*) FROM pg_indexes
    WHERE indexname = 'risks_order'")" = 1 ] ||
    fail "the migration from 8 did not index the risks in order"
[ "$(row_counts "$five")" = "$rows8" ] ||
    fail "the migration from 8 changed rows: $rows8 -> $(row_counts "$five")"
run register "$five" --format csv
cmp -s "$T/out" "$T/register-8.csv" ||
    fail "the register differs after the migration from 8"

# A register of schema 9 whose risks do not all say whether they rest on
# an assumption (the column unset, as a merge before its sync left it):
# the first writer sets it from their reasons, once, and nothing else
# changes: the register, the risks as listed and counted, and every
# history entry read the same; a row without the column is refused after.
history_all() {
	pg_sql -d "$1" -c "SELECT md5(string_agg(concat_ws('|', seq, at, who,
	    system, object, field, old_value, new_value, source, revision, was),
	    E'\\n' ORDER BY seq)) FROM history"
}
assumed_rows() {
	pg_sql -d "$1" -c "SELECT string_agg(threat || '@' || target || '='
	    || applies || coalesce(assumed::text, '-'), ' '
	    ORDER BY system, threat, target) FROM risks"
}
# A second system with a risk to confirm: decided on while its field was
# answered, kept as the field is left unanswered again.
. "${srcdir:-.}/tests/data/store/shop.sh"
shop() {
	shop_model "$T/shop.yaml" "$1"
}
shop ", executes-code: true"
run import "$T/shop.yaml" "$five"
expect_rc 0 "import the shop into the register of schema 10"
run risk "$five" agent-code-execution@shell --model shop \
    --status mitigating --owner Ops
expect_rc 0 "decide on the shop's code execution"
shop ""
run import "$T/shop.yaml" "$five"
expect_out "1 risk is to confirm" "the decided risk is kept, to confirm"
run register "$five" --format csv
cp "$T/out" "$T/register-9.csv"
run risks "$five" --model shop
cp "$T/out" "$T/risks-9"
run list "$five"
cp "$T/out" "$T/list-9"
hist9=$(history_all "$five")
flags9=$(assumed_rows "$five")
[ "$(pg_sql -d "$five" -c "SELECT count(*) FROM risks
    WHERE applies = 1 AND assumed = 1")" -gt 0 ] ||
    fail "the register has no risk resting on an assumption to migrate"
undo_10 "$five"
pg_sql -d "$five" -c "UPDATE risks SET assumed = NULL" \
    -c "UPDATE parapet_schema SET version = 9" >/dev/null
run risks "$five" --model shop
expect_rc 1 "a reader of a schema 9 register"
expect_err "has schema 9 and must be upgraded" "a reader does not migrate 9"
run analyze "$five"
expect_rc 0 "a writer migrates schema 9"
[ "$(pg_sql -d "$five" -c 'SELECT version FROM parapet_schema')" = 13 ] ||
    fail "schema 9 was not migrated to 13"
[ "$(assumed_rows "$five")" = "$flags9" ] ||
    fail "the migration from 9 did not set the assumed column as the reasons say"
[ "$(history_all "$five")" = "$hist9" ] ||
    fail "the migration from 9 changed history"
[ "$(pg_sql -d "$five" -c "SELECT coalesce(sum(n), 0) FROM risk_counts
    WHERE assumed = 1")" = \
    "$(pg_sql -d "$five" -c "SELECT count(*) FROM risks
        WHERE applies = 1 AND assumed = 1")" ] ||
    fail "the summary does not count the risks resting on an assumption"
run register "$five" --format csv
cmp -s "$T/out" "$T/register-9.csv" ||
    fail "the register differs after the migration from 9"
run risks "$five" --model shop
cmp -s "$T/out" "$T/risks-9" || fail "the risks list differs after the migration from 9"
run list "$five"
cmp -s "$T/out" "$T/list-9" || fail "the models' list differs after the migration from 9"
[ "$(pg_sql -d "$five" -c "SELECT string_agg(indexname, ' '
    ORDER BY indexname) FROM pg_indexes WHERE indexname IN
    ('risks_unsure', 'risks_order')")" = "risks_order" ] ||
    fail "the migration from 9 left the index of unset rows, or no order"
if pg_sql -d "$five" -c "UPDATE risks SET assumed = NULL" >/dev/null 2>&1; then
	fail "a risk row without its assumed column was accepted"
fi

# A newer schema is refused with the SQLite message.
pg_sql -d "$db" -c 'UPDATE parapet_schema SET version = 99'
run list "$db"
expect_rc 1 "list a newer register"
expect_err "was written by a newer Parapet (schema 99; this one reads up to 13)" \
    "a newer schema is refused"

# An empty database is not made a register by reading it.
newdb empty
run list "$DB"
expect_rc 1 "list an empty database"
expect_err "is not a Parapet database" "reading does not create the schema"
[ "$(pg_sql -d "$DB" -c "SELECT count(*) FROM pg_tables
    WHERE schemaname = 'public'")" = 0 ] ||
    fail "reading an empty database created tables"

finish

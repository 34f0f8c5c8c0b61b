#!/usr/bin/env bash
# parapet register init: the roles of an organisation's register, enforced
# by the server. A login role in each group does what its group may and is
# refused the rest: an editor cannot decide, a decider cannot edit a
# model, a reader cannot write, and nobody can change or remove history,
# whose author is the server's session user, not $PARAPET_USER.
# SKIPs without $PARAPET_TEST_PG (scripts/pg-cluster.sh).
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

cp "$SRC/tests/data/store/support.yaml" "$T/m.yaml"
sed -e 's/^  name: Customer support assistant/  name: Support desk/' \
    "$T/m.yaml" >"$T/m2.yaml"
grep -q 'Support desk' "$T/m2.yaml" || fail "the edited model is the same"

newdb org
admin=$DB
run register init "$admin"
expect_rc 0 "register init"
expect_out "parapet_editor" "register init names the roles"
run register init "$admin"
expect_rc 0 "register init again grants again"
for r in parapet_admin parapet_editor parapet_decider parapet_reader; do
	[ "$(pg_sql -c "SELECT rolcanlogin FROM pg_roles
	    WHERE rolname = '$r'")" = f ] ||
	    fail "$r is not a group role that cannot log in"
done
run register init "$T/file.db"
expect_rc 1 "register init on a SQLite file"
expect_err "is not a PostgreSQL database" "register init wants a server"

# One login role in each group (roles are the cluster's: names of ours).
sfx=$(basename "$T" | tr -c 'a-zA-Z0-9\n' _ | tr 'A-Z' 'a-z')
ed="ed_$sfx" dec="dec_$sfx" rd="rd_$sfx" adm="adm_$sfx"
pg_sql -c "CREATE ROLE $ed LOGIN IN ROLE parapet_editor" \
    -c "CREATE ROLE $dec LOGIN IN ROLE parapet_decider" \
    -c "CREATE ROLE $rd LOGIN IN ROLE parapet_reader" \
    -c "CREATE ROLE $adm LOGIN IN ROLE parapet_admin" >/dev/null ||
    fail "cannot make the login roles"
cleanup_roles() {
	pg_drop_all
	pg_sql -c "DROP ROLE IF EXISTS $ed, $dec, $rd, $adm" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup_roles EXIT
as() { DB="$admin user=$1"; }

# The editor makes and edits the model; the analysis writes its risks.
as "$ed"
run import "$T/m.yaml" "$DB"
expect_rc 0 "the editor imports a model"
run risks "$DB"
expect_rc 0 "the editor reads the risks"
risk=$(awk 'NR == 1 {print $4}' "$T/out")
[ -n "$risk" ] || fail "no risk to decide"
run import "$T/m2.yaml" "$DB"
expect_rc 0 "the editor edits the model"
# ... and cannot decide a risk or a mitigation.
run risk "$DB" "$risk" --status accepted --justification "fine for the pilot" --owner Bob
expect_rc 1 "the editor decides a risk"
expect_err "permission denied" "the server refuses the editor's decision"
mit=$("$PARAPET" risk "$DB" "$risk" | awk '$1 == "proposed" {print $2; exit}')
run mitigation "$DB" "$risk" "$mit" --status planned --owner Ops
expect_rc 1 "the editor plans a mitigation"
expect_err "permission denied" "the server refuses the editor's mitigation"

# The decider decides, and cannot edit the model.
as "$dec"
run risk "$DB" "$risk" --status accepted --justification "fine for the pilot" --owner Bob
expect_rc 0 "the decider decides a risk"
run risks "$DB"
expect_out "accepted" "the decision is stored"
mit=$("$PARAPET" risk "$DB" "$risk" | awk '$1 == "proposed" {print $2; exit}')
[ -n "$mit" ] || fail "no proposed mitigation of $risk"
run mitigation "$DB" "$risk" "$mit" --status planned --owner Ops
expect_rc 0 "the decider plans a mitigation"
run risk "$DB" "$risk"
expect_out "planned" "the planned mitigation is stored"
run import "$T/m.yaml" "$DB"
expect_rc 1 "the decider edits the model"
expect_err "permission denied" "the server refuses the decider's edit"
run list "$DB"
expect_out "Support desk" "the decider's refused edit changed nothing"

# The reader reads, and writes nothing.
as "$rd"
run list "$DB"
expect_rc 0 "the reader lists"
run register "$DB"
expect_rc 0 "the reader reads the register"
run history "$DB"
expect_rc 0 "the reader reads history"
run import "$T/m.yaml" "$DB"
expect_rc 1 "the reader edits the model"
expect_err "permission denied" "the server refuses the reader's edit"
run risk "$DB" "$risk" --status open
expect_rc 1 "the reader decides a risk"
expect_err "permission denied" "the server refuses the reader's decision"

# History: its authors are the session users, whatever PARAPET_USER says.
who=$(pg_sql -d "$admin" -c "SELECT string_agg(DISTINCT who, ',' ORDER BY who)
    FROM history")
[ "$who" = "$dec,$ed" ] ||
    fail "history authors are '$who', not the session users '$dec,$ed'"
pg_sql -d "$admin" -c "SELECT 1 FROM history WHERE who = 'tester'" |
    grep -q 1 && fail "history took the client's PARAPET_USER as author"

# A workshop's copy pushed back by the administrator: what the push
# changes is the administrator's; entries brought from the copy keep their
# author there, are marked imported, record who appended them, and are
# known again on the next push.
lap="$T/lap.db"
run pull "$admin user=$adm" "$lap"
expect_rc 0 "the administrator pulls the register"
run risk "$lap" "$risk" --status open --owner Wanda
expect_rc 0 "a decision in the workshop (PARAPET_USER: tester)"
run push "$lap" "$admin user=$adm" --allow-older
expect_rc 0 "the administrator pushes it back"
[ "$(pg_sql -d "$admin" -c "SELECT count(*) FROM history WHERE
    field = 'owner' AND new_value = 'Wanda' AND who = '$adm'
    AND appended_by = '$adm' AND source LIKE 'import of %'")" = 1 ] ||
    fail "the pushed decision is not the administrator's"
[ "$(pg_sql -d "$admin" -c "SELECT count(*) FROM history WHERE
    field = 'owner' AND new_value = 'Wanda' AND who = 'tester'
    AND appended_by = '$adm' AND source LIKE 'imported from %'")" = 1 ] ||
    fail "the workshop's own entry is not kept as imported, with who appended it"
[ "$(pg_sql -d "$admin" -c "SELECT count(*) FROM history
    WHERE who <> appended_by AND source NOT LIKE 'imported from %'")" = 0 ] ||
    fail "an entry not imported has an author other than its session user"
n=$(pg_sql -d "$admin" -c "SELECT count(*) FROM history")
run push "$lap" "$admin user=$adm" --allow-older
expect_rc 0 "push the same copy again"
[ "$(pg_sql -d "$admin" -c "SELECT count(*) FROM history")" = "$n" ] ||
    fail "pushing the same copy again added history"

# Nobody may change or remove history: not by grant, not by trigger.
for u in "$ed" "$dec" "$rd" "$adm"; do
	if pg_sql -d "$admin user=$u" -c "UPDATE history SET who = 'x'" \
	    2>"$T/sqlerr"; then
		fail "$u updated history"
	fi
	grep -q 'permission denied' "$T/sqlerr" ||
	    fail "$u: updating history is not refused by grant: $(cat "$T/sqlerr")"
	if pg_sql -d "$admin user=$u" -c "DELETE FROM history" 2>/dev/null
	then
		fail "$u deleted history"
	fi
	if pg_sql -d "$admin user=$u" -c "INSERT INTO history (at, who,
	    system) VALUES ('2026-01-01', 'forged', 'x') RETURNING who" \
	    >"$T/who" 2>/dev/null; then
		[ "$u" != "$rd" ] || fail "the reader appended to history"
		grep -qx "$u" "$T/who" ||
		    fail "$u wrote history as '$(cat "$T/who")'"
	fi
done
# Even the owner of the tables (the superuser here) meets the trigger.
if pg_sql -d "$admin" -c "DELETE FROM history" 2>"$T/sqlerr"; then
	fail "the owner deleted history"
fi
grep -q 'history is append-only' "$T/sqlerr" ||
    fail "no trigger refuses the owner: $(cat "$T/sqlerr")"

finish

#!/usr/bin/env bash
# parapet register grant ROLE --team T: a login role granted teams writes
# only the systems of those teams, as the server enforces it (through
# parapet, and through SQL past parapet); it reads every system; a role
# granted no team writes every system, as before.
# SKIPs without $PARAPET_TEST_PG (scripts/pg-cluster.sh).
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

# A system of team alpha, one of team beta, one of no team; edited copies.
src="$SRC/tests/data/store/support.yaml"
mk() {	# mk FILE ID [TEAM [NAME]]
	awk -v id="$2" -v team="${3:-}" -v name="${4:-}" '
	    /^  id: support-assistant$/ { print "  id: " id
		if (team != "") print "  team: " team; next }
	    /^  name: Customer support assistant$/ && name != "" {
		print "  name: " name; next }
	    { print }' "$src" >"$T/$1"
}
mk a.yaml alpha-sys alpha
mk a2.yaml alpha-sys alpha "Alpha edited"
mk a-beta.yaml alpha-sys beta
mk b.yaml beta-sys beta
mk b2.yaml beta-sys beta "Beta edited"
mk b-alpha.yaml beta-sys alpha
mk n.yaml none-sys
mk n2.yaml none-sys "" "None edited"
mk g.yaml gamma-sys beta
mk d.yaml delta-sys alpha
grep -q 'team: alpha' "$T/a.yaml" && grep -q 'Beta edited' "$T/b2.yaml" ||
    fail "the models are not made"

newdb org
admin=$DB
run register init "$admin"
expect_rc 0 "register init"
sfx=$(basename "$T" | tr -c 'a-zA-Z0-9\n' _ | tr 'A-Z' 'a-z')
eda="eda_$sfx" edu="edu_$sfx" deca="deca_$sfx" adm="adm_$sfx"
pg_sql -c "CREATE ROLE $eda LOGIN IN ROLE parapet_editor" \
    -c "CREATE ROLE $edu LOGIN IN ROLE parapet_editor" \
    -c "CREATE ROLE $deca LOGIN IN ROLE parapet_decider" \
    -c "CREATE ROLE $adm LOGIN IN ROLE parapet_admin" >/dev/null ||
    fail "cannot make the login roles"
cleanup_roles() {
	pg_drop_all
	pg_sql -c "DROP ROLE IF EXISTS $eda, $edu, $deca, $adm" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup_roles EXIT

# The unrestricted editor makes the beta and teamless systems.
run import "$T/b.yaml" "$admin user=$edu"
expect_rc 0 "an editor without teams imports team beta's system"
run import "$T/n.yaml" "$admin user=$edu"
expect_rc 0 "an editor without teams imports a system of no team"

# Granting: by an administrator, not by an editor; a role that exists.
run register grant "$admin user=$eda" "$eda" --team beta
expect_rc 1 "an editor grants itself a team"
expect_err "permission denied" "the server refuses an editor's grant"
run register grant "$admin user=$adm" nobody_$sfx --team alpha
expect_rc 1 "a grant to no role"
expect_err "no role 'nobody_$sfx'" "a grant names an existing role"
run register grant "$admin user=$adm" "$eda"
expect_rc 2 "a grant without a team"
run register grant "$T/file.db" "$eda" --team alpha
expect_rc 1 "a grant on a SQLite file"
expect_err "is not a PostgreSQL database" "teams are a register's"
run register grant "$admin user=$adm" "$eda" --team alpha
expect_rc 0 "the administrator grants team alpha to an editor"
expect_out "granted: $eda writes systems of team 'alpha'" "the grant is said"
run register grant "$admin user=$adm" "$deca" --team alpha
expect_rc 0 "the administrator grants team alpha to a decider"
member() {
	pg_sql -c "SELECT pg_has_role('$1', 'parapet_teams', 'MEMBER')"
}
[ "$(member "$eda")" = t ] || fail "a role granted a team is not restricted"
[ "$(member "$edu")" = f ] || fail "a role granted no team is restricted"
[ "$(member "$adm")" = f ] || fail "the administrator is restricted"

# The editor of team alpha makes and edits alpha's systems.
as() { DB="$admin user=$1"; }
as "$eda"
run import "$T/a.yaml" "$DB"
expect_rc 0 "the alpha editor makes a system of team alpha"
run import "$T/a2.yaml" "$DB"
expect_rc 0 "the alpha editor edits it"
# ... reads every system ...
run list "$DB"
expect_rc 0 "the alpha editor lists"
expect_out "beta-sys" "the alpha editor reads team beta's system"
run risks "$DB" --model beta-sys
expect_rc 0 "the alpha editor reads beta's risks"
# ... and writes none of the others, nor makes or moves one elsewhere.
run import "$T/b2.yaml" "$DB"
expect_rc 1 "the alpha editor edits team beta's system"
expect_err "permission denied: system 'beta-sys' is not of a team of $eda" \
    "the server refuses the edit of beta's system"
run import "$T/n2.yaml" "$DB"
expect_rc 1 "the alpha editor edits a system of no team"
expect_err "permission denied: system 'none-sys'" \
    "the server refuses the edit of a system of no team"
run import "$T/g.yaml" "$DB"
expect_rc 1 "the alpha editor makes a system of team beta"
expect_err "permission denied: system 'gamma-sys' would not be of a team" \
    "the server refuses a new system of another team"
run import "$T/a-beta.yaml" "$DB"
expect_rc 1 "the alpha editor gives its system to team beta"
expect_err "would not be of a team" "the server refuses moving a system away"
run import "$T/b-alpha.yaml" "$DB"
expect_rc 1 "the alpha editor takes beta's system into team alpha"
expect_err "is not of a team" "the server refuses taking a system"
run list "$admin"
expect_no_out "Beta edited" "beta's system was not edited"
expect_no_out "gamma-sys" "no system of another team was made"
[ "$(pg_sql -d "$admin" -c "SELECT value FROM fields WHERE system =
    'alpha-sys' AND object = '' AND field = 'team'")" = alpha ] ||
    fail "alpha's system left its team"

# Past parapet, in SQL: the same refusals by the server.
for q in "UPDATE fields SET value = 'alpha' WHERE system = 'beta-sys'
    AND object = '' AND field = 'team'" \
    "DELETE FROM models WHERE system = 'beta-sys'" \
    "UPDATE models SET name = 'x' WHERE system = 'none-sys'" \
    "UPDATE risks SET system = 'beta-sys' WHERE system = 'alpha-sys'" \
    "INSERT INTO history (at, system) VALUES ('2026-01-01', 'beta-sys')" \
    "INSERT INTO open_questions_at (system, n) VALUES ('beta-sys', 0)" \
    "BEGIN; INSERT INTO models (system, name, revision, created, updated)
    VALUES ('x-sys', 'X', 1, '2026', '2026'); INSERT INTO fields VALUES
    ('x-sys', '', 'team', 'beta'); COMMIT"; do
	if pg_sql -d "$admin user=$eda" -c "$q" 2>"$T/sqlerr" >/dev/null; then
		fail "the alpha editor ran: $q"
	fi
	grep -q 'permission denied: system' "$T/sqlerr" ||
	    fail "not refused by the team check: $q: $(cat "$T/sqlerr")"
done
# Nor do temporary tables standing for the register's own: the checks
# read the register's tables whatever the search path.
if pg_sql -d "$admin user=$eda" \
    -c "CREATE TEMP TABLE parapet_team_grants (role name, team text)" \
    -c "INSERT INTO parapet_team_grants VALUES (session_user, 'beta')" \
    -c "CREATE TEMP TABLE fields (system text, object text, field text,
        value text)" \
    -c "INSERT INTO fields VALUES ('beta-sys', '', 'team', 'beta')" \
    -c "GRANT SELECT ON parapet_team_grants, fields TO PUBLIC" \
    -c "DELETE FROM public.models WHERE system = 'beta-sys'" \
    2>"$T/sqlerr" >/dev/null; then
	fail "temporary tables escaped the teams"
fi
grep -q 'permission denied: system' "$T/sqlerr" ||
    fail "temporary tables: not refused by the team check: $(cat "$T/sqlerr")"
# SET ROLE does not change who is connected.
if pg_sql -d "$admin user=$eda" -c "SET ROLE parapet_editor" \
    -c "DELETE FROM models WHERE system = 'beta-sys'" 2>/dev/null; then
	fail "SET ROLE escaped the teams"
fi
run list "$admin"
expect_out "beta-sys" "beta's system is still there"

# The decider of team alpha decides alpha's risks, not beta's.
risk=llm-direct-prompt-injection@gpt
as "$deca"
run risk "$DB" --model alpha-sys "$risk" --status accepted \
    --justification "fine for the pilot" --owner Bob
expect_rc 0 "the alpha decider decides alpha's risk"
run risk "$DB" --model beta-sys "$risk" --status accepted \
    --justification "fine for the pilot" --owner Bob
expect_rc 1 "the alpha decider decides beta's risk"
expect_err "permission denied: system 'beta-sys'" \
    "the server refuses the decision on beta's risk"
run risks "$admin" --model beta-sys
expect_no_out "accepted" "beta's risk is not decided"

# The alpha editor may remove alpha's own system, and make it again.
as "$eda"
pg_sql -d "$DB" -c "DELETE FROM models WHERE system = 'alpha-sys'" \
    >/dev/null || fail "the alpha editor cannot remove alpha's system"
run import "$T/d.yaml" "$DB"
expect_rc 0 "the alpha editor makes another system of team alpha"

# Revoked: no team left, the editor writes every system as before.
run register revoke "$admin user=$adm" "$eda" --team alpha
expect_rc 0 "the administrator revokes team alpha"
expect_out "revoked: $eda no longer writes systems of team 'alpha'" \
    "the revocation is said"
[ "$(member "$eda")" = f ] || fail "a role with no team left is restricted"
run import "$T/b2.yaml" "$DB"
expect_rc 0 "an editor with no team left edits beta's system"
run list "$admin"
expect_out "Beta edited" "the edit is stored"

finish

# tests/cli/lib.sh -- helpers for end-to-end tests of the command line.
# Each test runs the real program ($PARAPET) on real files and a real
# database in a private temporary directory.
set -u
PARAPET="${PARAPET:-$PWD/parapet}"
# Absolute: a test may cd into its directory (make distcheck gives ../..).
SRC="$(cd "${srcdir:-.}" && pwd)"
T="$(mktemp -d /tmp/parapet-cli-XXXXXX)"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" PARAPET_USER=tester
export PARAPET_NOW=2026-11-25T10:00:00Z
mkdir -p "$HOME"
failures=0

# The backend the suite runs on: sqlite (files), or pg (PARAPET_TEST_BACKEND
# =pg, a fresh database per newdb on the server of $PARAPET_TEST_PG, which
# scripts/pg-cluster.sh starts). Without a server the pg variant SKIPs.
BACKEND="${PARAPET_TEST_BACKEND:-sqlite}"
pg_dbs=()
if [ "$BACKEND" = pg ]; then
	if [ -z "${PARAPET_TEST_PG:-}" ]; then
		echo "SKIP: no PostgreSQL server (PARAPET_TEST_PG is not set;" \
		    "scripts/pg-cluster.sh starts one)" >&2
		exit 77
	fi
	command -v psql >/dev/null 2>&1 || {
		echo "SKIP: no psql to make test databases" >&2
		exit 77
	}
	trap 'pg_drop_all; rm -rf "$T"' EXIT
fi
pg_seq=0

# pg_sql SQL...: run SQL as the test server's superuser.
pg_sql() {
	psql "$PARAPET_TEST_PG" -X -q -v ON_ERROR_STOP=1 -At "$@"
}

pg_drop_all() {
	local d
	for d in "${pg_dbs[@]}"; do
		pg_sql -c "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" \
		    >/dev/null 2>&1
	done
}

# newdb NAME: where a new, empty database of the suite is: a file in $T,
# or (pg) a fresh database on the server, as a conninfo. Call it without
# $(...) so that the database is dropped at the end: it sets $DB.
newdb() {
	if [ "$BACKEND" = pg ]; then
		pg_seq=$((pg_seq + 1))
		local name
		name="t_$(basename "$T" | tr -c 'a-zA-Z0-9\n' _)_$1_$pg_seq"
		name=$(printf '%s' "$name" | tr 'A-Z' 'a-z')
		pg_sql -c "CREATE DATABASE \"$name\"" >/dev/null || {
			echo "FAIL: cannot create database $name" >&2
			exit 1
		}
		pg_dbs+=("$name")
		DB="$PARAPET_TEST_PG dbname=$name"
	else
		DB="$T/$1.db"
	fi
}

# run ARGS...: run parapet; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	"$PARAPET" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

fail() {
	echo "FAIL: $*" >&2
	echo "  stdout: $(head -c 2000 "$T/out" 2>/dev/null)" >&2
	echo "  stderr: $(head -c 2000 "$T/err" 2>/dev/null)" >&2
	failures=$((failures + 1))
}

# expect_rc N WHAT: the last run exited with N.
expect_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1"
}

# expect_out TEXT WHAT / expect_err TEXT WHAT: fixed string in stdout/stderr.
expect_out() {
	grep -qF -- "$1" "$T/out" || fail "$2: stdout lacks '$1'"
}
expect_err() {
	grep -qF -- "$1" "$T/err" || fail "$2: stderr lacks '$1'"
}
expect_no_out() {
	! grep -qF -- "$1" "$T/out" || fail "$2: stdout has '$1'"
}

# dbcopy FROM TO: make the database TO (made by newdb) a copy of FROM.
dbcopy() {
	if [ "$BACKEND" = pg ]; then
		pg_sql -c "DROP DATABASE \"${2##*dbname=}\" WITH (FORCE)" \
		    -c "CREATE DATABASE \"${2##*dbname=}\" TEMPLATE \"${1##*dbname=}\"" \
		    >/dev/null
	else
		cp "$1" "$2"
	fi
}

# dbsum DB: a fingerprint of what a database holds (the bytes of a file;
# every row of every table on a server), to show nothing was written.
dbsum() {
	if [ "$BACKEND" = pg ]; then
		pg_sql -d "$1" -c "SELECT md5(coalesce(string_agg(t, ',' ORDER BY t),
		    '')) FROM (SELECT row(m.*)::text AS t FROM models m
		    UNION ALL SELECT row(o.*)::text FROM objects o
		    UNION ALL SELECT row(f.*)::text FROM fields f
		    UNION ALL SELECT row(p.*)::text FROM practices p
		    UNION ALL SELECT row(r.*)::text FROM risks r
		    UNION ALL SELECT row(x.*)::text FROM risk_mitigations x
		    UNION ALL SELECT row(h.*)::text FROM history h) s" 2>/dev/null ||
		    echo "unreadable $RANDOM$RANDOM"	# never equal
	else
		sha256sum "$1" | cut -d' ' -f1
	fi
}

# dbreset DB...: make each database new again: no file, or (pg) an empty
# database.
dbreset() {
	local d
	for d in "$@"; do
		if [ "$BACKEND" = pg ]; then
			pg_sql -c "DROP DATABASE \"${d##*dbname=}\" WITH (FORCE)" \
			    -c "CREATE DATABASE \"${d##*dbname=}\"" >/dev/null
		else
			rm -f "$d" "$d-wal" "$d-shm"
		fi
	done
}

# dbnone DB: true if nothing was made where DB is: no file, or (pg) no
# model and no history in the database (a schema may have been made).
dbnone() {
	if [ "$BACKEND" = pg ]; then
		[ "$(pg_sql -d "$1" -c "SELECT to_regclass('models') IS NULL")" = t ] ||
		    [ "$(pg_sql -d "$1" -c "SELECT (SELECT count(*) FROM models) +
		    (SELECT count(*) FROM history)")" = 0 ]
	else
		[ ! -e "$1" ]
	fi
}

# dbsql DB SQL: run SQL on DB and print what it returns, a line a row, its
# columns joined by '|' and NULL as nothing, as psql -At prints them: on a
# file through python3 (no sqlite3 program needed), on a server through
# psql.
dbsql() {
	if [ "$BACKEND" = pg ]; then
		pg_sql -d "$1" -c "$2"
		return
	fi
	python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
db.commit()
db.close()
PY
}

# sqlite_from_dump SQL FILE: the SQLite database FILE made from the SQL
# dump SQL (an old schema's fixture of tests/data/store); fails the test if
# it cannot be made.
sqlite_from_dump() {
	python3 - "$1" "$2" <<'PY' || fail "cannot make the old database $2 from $1"
import sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.executescript(open(sys.argv[1], encoding="utf-8").read())
db.close()
PY
}

# model_from_template NAME TEMPLATE FILE: a new database (newdb NAME: it
# sets $DB) made from a starter template, and its model written to FILE as
# YAML, for the test to change and import again.
model_from_template() {
	newdb "$1"
	run new "$DB" --template "$2"
	expect_rc 0 "new from the template $2"
	run export "$DB" --format yaml --output "$3"
	expect_rc 0 "export the model of $2"
}

# criticality_low FROM TO: the model of FROM with its system's criticality
# high made low, in TO: what is at stake changes for most risks and open
# questions, so an import of TO rewrites their rows. Fails the test if FROM
# says no criticality high (TO would be the same model).
criticality_low() {
	sed 's/^  criticality: high$/  criticality: low/' "$1" >"$2"
	cmp -s "$1" "$2" && fail "$2 was not made: $1 has no criticality high"
}

# expect_refused DB FILE TEXT: importing FILE into DB (reset first) fails
# with TEXT on standard error and makes nothing.
expect_refused() {
	dbreset "$1"
	run import "$2" "$1"
	expect_rc 1 "malformed: $3"
	expect_err "$3" "malformed: $3"
	dbnone "$1" || fail "a refused file left a database"
}

# expect_inert_json FILE WHAT: no escape character reached FILE, a JSON
# export of hostile text, which writes ESC and U+2028 escaped.
expect_inert_json() {
	if LC_ALL=C grep -q "$(printf '\033')" "$1"; then
		fail "an escape character reached the $2 file"
	fi
	grep -qF '\u001b' "$1" || fail "$2: escape not written as \\u001b"
	grep -qF '\u2028' "$1" || fail "$2: U+2028 not escaped"
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "ok"
	exit 0
}

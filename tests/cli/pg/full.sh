#!/usr/bin/env bash
# A register whose server's disk is full: the write is refused with the
# sentence a full SQLite file gives ("disk full writing 'DB'"), exit 1,
# and nothing of it is kept (the model, its decisions and history are as
# before); once there is room, the same command goes through. The disk is
# real: the register's tables are moved to a tablespace on a 3 MiB tmpfs.
# Mounting one needs root (as CI runs): SKIPs otherwise, and without
# $PARAPET_TEST_PG.
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: mounting a small disk needs root" >&2
	exit 77
fi
id postgres >/dev/null 2>&1 ||
    { echo "SKIP: no user postgres to own the small disk" >&2; exit 77; }
small=$(mktemp -d /tmp/parapet-full-XXXXXX)
chmod 711 "$small"
mkdir "$small/mnt"
if ! mount -t tmpfs -o "size=3m,mode=700,uid=$(id -u postgres)" tmpfs \
    "$small/mnt" 2>"$T/mount.err"; then
	echo "SKIP: cannot mount a small disk: $(cat "$T/mount.err")" >&2
	rmdir "$small/mnt" "$small"
	exit 77
fi
ts="full_$(basename "$small" | tr -c 'a-zA-Z0-9\n' _ | tr 'A-Z' 'a-z')"
cleanup_full() {
	pg_drop_all
	pg_sql -c "DROP TABLESPACE IF EXISTS $ts" >/dev/null 2>&1
	umount "$small/mnt"
	rmdir "$small/mnt" "$small"
	rm -rf "$T"
}
trap cleanup_full EXIT
pg_sql -c "CREATE TABLESPACE $ts LOCATION '$small/mnt'" ||
    fail "cannot make a tablespace on the small disk"

cp "$SRC/tests/data/store/support.yaml" "$T/m.yaml"
newdb full
run import "$T/m.yaml" "$DB"
expect_rc 0 "import the model"
risk=$("$PARAPET" risks "$DB" | awk 'NR == 1 {print $4}')
run risk "$DB" "$risk" --owner Bob
expect_rc 0 "a decision while there is room"
# move_to TABLESPACE: every table and index of the register (with their
# TOAST) to the tablespace.
move_to() {
	pg_sql -d "$DB" -c "SELECT format('ALTER TABLE %I SET TABLESPACE $1;',
	    tablename) FROM pg_tables WHERE schemaname = 'public'
	    UNION ALL SELECT format('ALTER INDEX %I SET TABLESPACE $1;',
	    indexname) FROM pg_indexes WHERE schemaname = 'public'" |
	    pg_sql -d "$DB" >/dev/null || fail "cannot move the register to $1"
}
move_to "$ts"
# What a failed write leaves takes the disk's room until a vacuum: none.
pg_sql -d "$DB" -c "SELECT format('ALTER TABLE %I SET (autovacuum_enabled
    = false, toast.autovacuum_enabled = false);', tablename) FROM pg_tables
    WHERE schemaname = 'public'" | pg_sql -d "$DB" >/dev/null ||
    fail "cannot keep autovacuum off"

# 3 MB of text that does not compress: more than the disk holds.
python3 - "$T/m.yaml" "$T/big.yaml" <<'PY'
import base64, os, sys
s = open(sys.argv[1]).read()
big = base64.b64encode(os.urandom(3 << 20)).decode()
s = s.replace("  criticality: medium\n",
    "  criticality: medium\n  description: " + big + "\n", 1)
open(sys.argv[2], "w").write(s)
PY
before=$(dbsum "$DB")
run import "$T/big.yaml" "$DB"
expect_rc 1 "an import on a full disk"
expect_err "parapet: disk full writing '$DB'" \
    "the full disk is said as on a SQLite file"
[ "$(dbsum "$DB")" = "$before" ] ||
    fail "the failed import changed the register"
# The failed import filled the disk: a decision's 87 KB finds no room.
why="low exposure for now $(head -c 65536 /dev/urandom | base64 -w0)"
run risk "$DB" "$risk" --status accepted --owner Bob --justification "$why"
expect_rc 1 "a decision on a full disk"
expect_err "parapet: disk full writing '$DB'" "the decision's full disk"
[ "$(dbsum "$DB")" = "$before" ] ||
    fail "the failed decision changed the register"
run risks "$DB"
expect_rc 0 "reading a register on a full disk"
expect_out "$risk" "the risks are all there"

# Room again: the same import goes through, and is the next revision.
move_to pg_default
run import "$T/big.yaml" "$DB"
expect_rc 0 "the import once there is room"
[ "$(pg_sql -d "$DB" -c "SELECT revision FROM models")" = 3 ] ||
    fail "the import after the full disk is not revision 3"

finish

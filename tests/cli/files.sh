#!/usr/bin/env bash
# Files are never destroyed: a failing import removes only what it made,
# an export never writes over its database, and a write past the file
# size limit is an error with a message that leaves nothing half-written.
# On a server (PARAPET_TEST_BACKEND=pg, tests/cli/pg/files.sh) what is
# about a database that is no file stays: two imports at once into a new
# register, read commands on an empty database, analyze and a writer who
# holds the model's lock, the file limits of exports and imports.
. "${srcdir:-.}/tests/cli/lib.sh"

good="$SRC/tests/data/tui/support.yaml"
# Valid YAML whose practice answer is refused after the database is open.
{ cat "$good"; printf 'practices:\n  q-no-such-question: yes\n'; } \
    >"$T/bad.yaml"

# 5. Two imports started together on a new path, one good and one that
# fails: the good one's database is never removed by the other (on a
# server, into a new database: the good one's model is there).
if [ "$BACKEND" = pg ]; then
	runs=${PARAPET_RACE_RUNS:-5}
	newdb race
else
	runs=${PARAPET_RACE_RUNS:-30}
fi
lost=0
for i in $(seq "$runs"); do
	if [ "$BACKEND" = pg ]; then
		db=$DB
		dbreset "$db"
	else
		db="$T/race$i.db"
	fi
	"$PARAPET" import "$T/bad.yaml" "$db" >/dev/null 2>&1 &
	bad=$!
	"$PARAPET" import "$good" "$db" >"$T/good.out" 2>&1 &
	ok=$!
	wait "$bad"
	wait "$ok"
	if grep -q "^created\|^updated" "$T/good.out"; then
		if ! "$PARAPET" list "$db" 2>/dev/null |
		    grep -q support-assistant; then
			lost=$((lost + 1))
		fi
	fi
	if ls "$T"/race"$i".db.tmp.* >/dev/null 2>&1; then
		fail "run $i left a temporary database behind"
	fi
done
[ "$lost" -eq 0 ] || fail "$lost of $runs good imports lost their database"
newdb never
run import "$T/bad.yaml" "$DB"
expect_rc 1 "a failing import of a new database"
dbnone "$DB" || fail "a failing import left its new database"
# A new database is built privately with its journal in memory and no
# syncs (its pages written once), synced whole, then published in
# write-ahead logging, so that readers go on while another process
# writes; nothing is left beside it, and the file is whole.
if [ "$BACKEND" = sqlite ]; then
	run import "$good" "$T/w.db"
	expect_rc 0 "import into a new database"
	mode=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode").fetchone()[0])' "$T/w.db")
	[ "$mode" = wal ] || fail "a new database is published in $mode mode, not wal"
	ok=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$T/w.db")
	[ "$ok" = ok ] || fail "a new database fails its integrity check: $ok"
	for x in journal wal shm; do
		[ -e "$T/w.db-$x" ] && fail "an import left w.db-$x beside it"
	done
fi

# 6. An export never writes over its database or one of its files (a
# server's database is no file).
if [ "$BACKEND" = sqlite ]; then
	db="$T/e.db"
	run import "$good" "$db"
	cp "$db" "$T/e.copy"
	for out in "$db" "$db-wal" "$db-shm" "$db-journal" "$T/./e.db" \
	    "$T/../$(basename "$T")/e.db"; do
		run export "$db" --format yaml --output "$out"
		expect_rc 1 "export --output $out"
		expect_err "refusing to write over the database" "the message"
	done
	ln -s "$db" "$T/link.db"
	run export "$db" --format yaml --output "$T/link.db"
	expect_rc 1 "export --output a symbolic link to the database"
	ln "$db" "$T/hard.db"
	run export "$db" --format yaml --output "$T/hard.db"
	expect_rc 1 "export --output a hard link to the database"
	run list "$db"
	expect_rc 0 "the database is intact"
	expect_out "support-assistant" "the model is still there"
	run export "$db" --format yaml --output "$T/e.yaml"
	expect_rc 0 "export to another file"
fi

# 8. A write past the file size limit: an error with a message, and no
# partial temporary file. A larger model than the support assistant, so
# that its export is well past the limit.
newdb big-source
db=$DB
run import "$SRC/templates/multi-agent-mcp.yaml" "$db"
expect_rc 0 "import the multi-agent template"
run export "$db" --format xml --output "$T/full.xml"
# The limit: 40 KiB, or just under the export's size if that is smaller
# (the database's shared memory, 32 KiB, must still fit).
lim=$(( $(wc -c <"$T/full.xml") / 1024 - 1 ))
[ "$lim" -gt 40 ] && lim=40
[ "$lim" -gt 32 ] || fail "the XML export is too small to test the limit ($lim KiB)"
( ulimit -f "$lim"; "$PARAPET" export "$db" --format xml --output "$T/x.xml" \
    >"$T/out" 2>"$T/err"; echo $? >"$T/rc" )
rc=$(cat "$T/rc")
expect_rc 1 "export past ulimit -f"
expect_err "cannot write '$T/x.xml': File too large" "the message"
ls "$T"/x.xml* >/dev/null 2>&1 && fail "a partial export was left: $(ls "$T"/x.xml*)"
# (A server's database is written by the server, under its own limits.)
if [ "$BACKEND" = sqlite ]; then
	( ulimit -f "$lim"; "$PARAPET" import "$T/full.xml" "$T/big.db" \
	    >"$T/out" 2>"$T/err"; echo $? >"$T/rc" )
	rc=$(cat "$T/rc")
	expect_rc 1 "import past ulimit -f"
	expect_err "parapet: " "the import says why"
	ls "$T"/big.db* >/dev/null 2>&1 && fail "a partial database was left: $(ls "$T"/big.db*)"
fi

# 7. Read commands never write: an empty file (or a server's empty
# database) is not taken over, and a database in a directory Parapet may
# not write can be read.
if [ "$BACKEND" = pg ]; then
	newdb empty
	empty=$DB
else
	empty="$T/empty.db"
	: >"$empty"
	chmod 666 "$empty"
fi
for cmd in list history risks check export questions register; do
	case $cmd in
	check) run "$cmd" "$empty" --fail-on high ;;
	export) run "$cmd" "$empty" --format yaml ;;
	*) run "$cmd" "$empty" ;;
	esac
	expect_rc 1 "$cmd on an empty database"
	expect_err "is not a Parapet database" "$cmd says what the database is"
	if [ "$BACKEND" = pg ]; then
		[ "$(pg_sql -d "$empty" -c "SELECT count(*) FROM pg_class c
		    JOIN pg_namespace n ON n.oid = c.relnamespace
		    WHERE n.nspname = 'public'")" = 0 ] ||
		    fail "$cmd made something in an empty database"
	else
		[ -s "$empty" ] && fail "$cmd wrote into an empty file"
		[ -e "$empty-wal" ] && fail "$cmd made a -wal beside an empty file"
	fi
done
[ "$BACKEND" = pg ] || [ "$(stat -c %a "$empty")" = 666 ] ||
    fail "the empty file's mode changed"
if [ "$BACKEND" = sqlite ]; then
	# A read leaves nothing beside the database it read (no -wal or -shm that
	# looks like litter or a crash, and that "model as code" users commit).
	"$PARAPET" import "$good" "$T/read.db" >/dev/null || fail "import read.db"
	for cmd in list history risks questions register "check --fail-on low" \
	    "export --format csv"; do
		# shellcheck disable=SC2086
		"$PARAPET" $cmd "$T/read.db" >/dev/null 2>"$T/err"
		for x in wal shm journal; do
			[ -e "$T/read.db-$x" ] && fail "$cmd left read.db-$x behind"
		done
	done
	if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
		mkdir "$T/ro"
		"$PARAPET" import "$good" "$T/ro/r.db" >/dev/null
		chmod 755 "$T" "$T/ro"
		chmod 644 "$T/ro/r.db"
		for cmd in list history risks "check --fail-on low" \
		    "export --format csv"; do
			# shellcheck disable=SC2086
			runuser -u nobody -- "$PARAPET" $cmd "$T/ro/r.db" >"$T/out" \
			    2>"$T/err"
			rc=$?
			[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] ||
			    fail "$cmd in a read-only directory: exit $rc: $(cat "$T/err")"
		done
		[ -e "$T/ro/r.db-shm" ] && fail "a reader made a -shm file"
	fi
fi
# hold_lock DB [SYSTEM]: another process takes DB's write lock and keeps it
# until release_lock; returns once it is held. On a file, sqlite3's BEGIN
# IMMEDIATE; on a server, a writer's locks (db-pg.c): the register's lock
# shared, then SYSTEM's own (default: the model's), in a transaction.
hold_lock() {
	local key=${2:-support-assistant}
	rm -f "$T/locked" "$T/release"
	{
		if [ "$BACKEND" = pg ]; then
			echo "BEGIN;"
			echo "SELECT pg_advisory_xact_lock_shared(1347571796);"
			echo "SELECT pg_advisory_xact_lock(1347571796, hashtext('$key'));"
			echo "\\! touch '$T/locked'"
		else
			echo "BEGIN IMMEDIATE;"
			echo ".system touch '$T/locked'"
		fi
		for _ in $(seq 600); do
			[ -e "$T/release" ] && break
			sleep 0.1
		done
		echo "COMMIT;"
	} | if [ "$BACKEND" = pg ]; then
		pg_sql -d "$1" >/dev/null
	else
		sqlite3 "$1"
	fi &
	holder=$!
	for _ in $(seq 600); do
		[ -e "$T/locked" ] && return 0
		sleep 0.1
	done
	fail "no other process took the write lock of '$1'"
}
release_lock() {
	touch "$T/release"
	wait "$holder"
}
# dbsql DB SQL: run SQL behind Parapet's back.
dbsql() {
	if [ "$BACKEND" = pg ]; then
		pg_sql -d "$1" -c "$2"
	else
		sqlite3 "$1" "$2"
	fi
}
# analyze with nothing to change does not wait for the write lock; with
# something to change it waits a while, then says the database is busy and
# changes nothing. On a server, a writer of another system does not make
# it wait.
if [ "$BACKEND" = pg ] || command -v sqlite3 >/dev/null 2>&1; then
	newdb lock
	db=$DB
	"$PARAPET" import "$good" "$db" >/dev/null
	hold_lock "$db"
	run analyze "$db"
	expect_rc 0 "analyze while another process holds the write lock"
	run check "$db" --fail-on critical
	expect_rc 3 "check while another process holds the write lock"
	release_lock
	stale="UPDATE risks SET title = 'stale title' WHERE applies = 1 AND
	    threat || '@' || target = (SELECT min(threat || '@' || target)
	    FROM risks WHERE applies = 1)"
	dbsql "$db" "$stale" >/dev/null
	hold_lock "$db"
	run analyze "$db"
	expect_rc 1 "analyze with a change to make under another's write lock"
	expect_err "is busy (locked by another process)" \
	    "analyze with a change to make under another's write lock"
	release_lock
	[ "$(dbsql "$db" "SELECT count(*) FROM risks
	    WHERE title = 'stale title'")" = 1 ] ||
	    fail "an analysis refused for the lock changed the register"
	if [ "$BACKEND" = pg ]; then
		hold_lock "$db" another-system
		run analyze "$db"
		expect_rc 0 "analyze while a writer of another system writes"
		release_lock
		[ "$(dbsql "$db" "SELECT count(*) FROM risks
		    WHERE title = 'stale title'")" = 0 ] ||
		    fail "analyze beside another system's writer did not write"
		dbsql "$db" "$stale" >/dev/null
	fi
	run analyze "$db"
	expect_rc 0 "analyze once the write lock is released"
	[ "$(dbsql "$db" "SELECT count(*) FROM risks
	    WHERE title = 'stale title'")" = 0 ] ||
	    fail "analyze did not bring the register up to date"
fi

# 11. What Parapet writes, it reads, or it does not write it: under a file
# limit lowered by PARAPET_MAX_FILE_BYTES, an export of a format that
# import reads is refused when it would be larger than an import accepts,
# leaving no file; other formats are written; an import honours the same
# limit, and a value that is not a number of bytes is an error.
newdb limit
db=$DB
"$PARAPET" import "$good" "$db" >/dev/null
for fmt in xml yaml threat-dragon otm; do
	run export "$db" --format "$fmt" --output "$T/full.$fmt"
	expect_rc 0 "$fmt export within the built-in limit"
	size=$(wc -c <"$T/full.$fmt")
	PARAPET_MAX_FILE_BYTES=$((size - 1)) run export "$db" \
	    --format "$fmt" --output "$T/over.$fmt"
	expect_rc 1 "$fmt export one byte over a lowered limit"
	expect_err "more than the $((size - 1)) bytes an import reads: not written" \
	    "$fmt export one byte over a lowered limit"
	[ ! -e "$T/over.$fmt" ] || fail "a refused $fmt export left its file"
	if ls "$T"/over."$fmt".* >/dev/null 2>&1; then
		fail "a refused $fmt export left a temporary file"
	fi
	PARAPET_MAX_FILE_BYTES=$size run export "$db" --format "$fmt" \
	    --output "$T/exact.$fmt"
	expect_rc 0 "$fmt export exactly at a lowered limit"
	cmp -s "$T/full.$fmt" "$T/exact.$fmt" ||
	    fail "$fmt export at the limit differs from the one without"
	newdb "reread-$fmt"
	PARAPET_MAX_FILE_BYTES=$((size - 1)) run import "$T/full.$fmt" "$DB"
	expect_rc 1 "import of a $fmt file over a lowered limit"
	expect_err "larger than the limit of $((size - 1)) bytes" \
	    "import of a $fmt file over a lowered limit"
	dbnone "$DB" || fail "a refused $fmt import left a database"
	PARAPET_MAX_FILE_BYTES=$size run import "$T/exact.$fmt" "$DB"
	expect_rc 0 "import of a $fmt file at a lowered limit"
done
# The CSV register is not read back: a lowered limit does not refuse it.
PARAPET_MAX_FILE_BYTES=1k run export "$db" --format csv --output "$T/r.csv"
expect_rc 0 "a CSV export is not bound by the import limit"
[ "$(wc -c <"$T/r.csv")" -gt 1024 ] || fail "the CSV test needs a CSV over 1k"
for bad in abc 12x -5 0 1G 2000M; do
	PARAPET_MAX_FILE_BYTES=$bad run list "$db"
	expect_rc 1 "PARAPET_MAX_FILE_BYTES=$bad"
	expect_err "PARAPET_MAX_FILE_BYTES: '$bad'" "PARAPET_MAX_FILE_BYTES=$bad"
done
PARAPET_MAX_FILE_BYTES=64k run list "$db"
expect_rc 0 "PARAPET_MAX_FILE_BYTES=64k"

finish

#!/usr/bin/env bash
# Several imports of one new model into a register at once: exactly one
# says it created the model, each other one says it updated the model
# made meanwhile, and the register holds the model once. The racers are
# made to meet: a session holds the model's writer lock until all of them
# wait for it (seen in pg_locks). SKIPs without $PARAPET_TEST_PG.
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

cp "$SRC/tests/data/store/support.yaml" "$T/m.yaml"
id=support-assistant

# waiters DB: how many connections to DB wait for an advisory lock (pg_locks
# shows the whole cluster's: other tests' waiters in their own databases
# must not count).
waiters() {
	pg_sql -d "$1" -c "SELECT count(*) FROM pg_locks l
	    JOIN pg_database d ON d.oid = l.database
	    WHERE l.locktype = 'advisory' AND NOT l.granted
	    AND d.datname = current_database()"
}

# race NAME FILE N: in a new database (in $DB) holding another system,
# N imports of FILE that meet at the model's lock; the output of racer i
# in $T/race.i.out, its status in $T/race.i.rc. With FILE "new", N runs of
# 'parapet new DB --id $id --name "Racer i"'. A writer waits 2 s for a
# lock (lock_timeout): on a machine so loaded that the first racer gave up
# before the last arrived ("busy"), the race is run again, up to 3 times.
race() {
	local name=$1 file=$2 n=$3 i tries attempt line
	for attempt in 1 2 3; do
		newdb "$name"
		run import "$T/other.yaml" "$DB"
		expect_rc 0 "$name: import another system first"
		rm -f "$T"/race.*
		coproc HOLD { psql "$DB" -X -q -At; }
		echo "SELECT 'held' FROM pg_advisory_lock(1347571796," \
		    "hashtext('$id'));" >&"${HOLD[1]}"
		read -r -u "${HOLD[0]}" line
		[ "$line" = held ] || fail "could not hold the model's lock"
		for i in $(seq 1 "$n"); do
			if [ "$file" = new ]; then
				set -- new "$DB" --id "$id" --name "Racer $i"
			else
				set -- import "$file" "$DB"
			fi
			( "$PARAPET" "$@" >"$T/race.$i.out" \
			    2>"$T/race.$i.err"
			  echo $? >"$T/race.$i.rc" ) &
		done
		tries=0
		while [ "$(waiters "$DB")" -lt "$n" ] && [ $tries -lt 600 ] &&
		    ! ls "$T"/race.*.rc >/dev/null 2>&1; do
			sleep 0.1
			tries=$((tries + 1))
		done
		echo "SELECT pg_advisory_unlock_all();" >&"${HOLD[1]}"
		exec {HOLD[1]}>&-
		wait
		grep -qs 'is busy' "$T"/race.*.err || return 0
		echo "$name: a racer gave up waiting (busy): again" >&2
	done
	fail "$name: the $n racers never all waited for the model's lock"
}

# check WHAT N: of the N racers, one created the model, the others updated
# it and say why, all exited 0.
check() {
	local what=$1 n=$2 i created=0 updated=0 noted=0
	for i in $(seq 1 "$n"); do
		[ "$(cat "$T/race.$i.rc")" = 0 ] ||
		    fail "$what: racer $i exited $(cat "$T/race.$i.rc"):" \
		    "$(cat "$T/race.$i.err")"
		grep -q "^created '$id'" "$T/race.$i.out" &&
		    created=$((created + 1))
		grep -q "^updated '$id'" "$T/race.$i.out" &&
		    updated=$((updated + 1))
		grep -qF "note: '$id' was created by another import while" \
		    "$T/race.$i.out" && noted=$((noted + 1))
	done
	[ $created = 1 ] || fail "$what: $created of $n racers say 'created'"
	[ $updated = $((n - 1)) ] ||
	    fail "$what: $updated of $n racers say 'updated'"
	[ $noted = $((n - 1)) ] ||
	    fail "$what: $noted of $n racers say another import created it"
}

# Another system first: the register's schema is made, so that the racers
# wait for the model's lock only.
sed -e 's/^  id: support-assistant/  id: other-system/' "$T/m.yaml" \
    >"$T/other.yaml"

# A model file, into a register that does not hold the model yet.
race yaml "$T/m.yaml" 3
check "a model file" 3
[ "$(pg_sql -d "$DB" -c "SELECT count(*) FROM models
    WHERE system = '$id'")" = 1 ] || fail "the model is not held once"
[ "$(pg_sql -d "$DB" -c "SELECT revision FROM models
    WHERE system = '$id'")" = 1 ] ||
    fail "the racers that changed nothing made a new revision"
run risks "$DB" --model "$id"
expect_rc 0 "risks after the race"

# An export (XML, with its history), likewise.
run export "$DB" --model "$id" --format xml --output "$T/m.xml"
expect_rc 0 "export xml"
race xml "$T/m.xml" 3
check "an XML export" 3
[ "$(pg_sql -d "$DB" -c "SELECT count(*) FROM models
    WHERE system = '$id'")" = 1 ] || fail "the XML model is not held once"

# 'parapet new' of one model at once: one creates it, the others are
# refused as for a model that exists, and the model is the creator's.
race new new 3
created=0 refused=0
for i in 1 2 3; do
	if [ "$(cat "$T/race.$i.rc")" = 0 ]; then
		grep -q "^created '$id'" "$T/race.$i.out" &&
		    created=$((created + 1)) && winner=$i
	elif grep -qF "parapet: new: a model '$id' already exists in" \
	    "$T/race.$i.err"; then
		refused=$((refused + 1))
	fi
done
[ $created = 1 ] || fail "new: $created of 3 racers say 'created'"
[ $refused = 2 ] || fail "new: $refused of 3 racers are refused as existing"
[ "$(pg_sql -d "$DB" -c "SELECT count(*) FROM history
    WHERE system = '$id' AND field = 'name'")" = 0 ] ||
    fail "new: a racer saved over the model another one created"
run export "$DB" --model "$id" --format yaml
expect_out "name: Racer ${winner:-?}" "new: the model is its creator's"

finish

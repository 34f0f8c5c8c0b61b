#!/usr/bin/env bash
# bench/bench-push.sh: parapet push of a large model into another SQLite
# file and, when PARAPET_TEST_PG names a server, into a new database on it
# (issue 15; imp36).
#
# usage: bench/bench-push.sh [N...]      (default: 1000 10000)
# Run from the build tree: it uses ./parapet (PARAPET_BIN) and
# ./bench/bench-model, and PARAPET_DATA for the catalogue. For each N it
# writes the synthetic model (N components, 3N flows), imports it into a
# SQLite file, decides one risk there, and times the push of that file:
# wall time, CPU time (user + system, what to compare on a busy machine)
# and peak RSS of the parapet process. The XML export of each destination
# must be the same bytes (PARAPET_NOW and PARAPET_USER are fixed; the
# source is the same file): a difference is reported and the exit status
# is 1. PARAPET_BEFORE=BIN also times BIN's push into a file, and its
# register must be the same bytes as well. The server's database is
# dropped at the end.
set -u
bin=${PARAPET_BIN:-./parapet}
gen=${BENCH_MODEL:-./bench/bench-model}
before=${PARAPET_BEFORE:-}
if [ $# -gt 0 ]; then
	sizes=("$@")
else
	sizes=(1000 10000)
fi
for x in "$bin" "$gen" ${before:+"$before"}; do
	[ -x "$x" ] || { echo "bench: no $x (run make first)" >&2; exit 1; }
done
t=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-XXXXXX") || exit 1
dbname="bench_push_$$"
pg() {
	PGOPTIONS="-c client_min_messages=warning" psql "$PARAPET_TEST_PG" \
	    -X -q -v ON_ERROR_STOP=1 -At "$@"
}
cleanup() {
	if [ -n "${PARAPET_TEST_PG:-}" ]; then
		pg -c "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" \
		    >/dev/null 2>&1
	fi
	rm -rf "$t"
}
trap cleanup EXIT
export PARAPET_NOW=2026-12-01T00:00:00Z PARAPET_USER=bench
status=0

# measure LABEL BIN ARGS...: one run, its figures on one line.
measure() {
	local label=$1 b=$2
	shift 2
	/usr/bin/time -f "%e %U %S %M" -o "$t/time" "$b" "$@" \
	    >"$t/out" 2>"$t/err" || {
		echo "bench: $label failed:" >&2
		cat "$t/err" >&2
		status=1
		return 1
	}
	read -r wall user sys kib <"$t/time"
	printf '%-28s wall %7.2f s  cpu %7.2f s  peak %6d MiB\n' "$label" \
	    "$wall" "$(awk "BEGIN { print $user + $sys }")" $((kib / 1024))
}

for n in "${sizes[@]}"; do
	"$gen" "$n" >"$t/m.yaml" || exit 1
	src="$t/src-$n.db"
	"$bin" import "$t/m.yaml" "$src" >/dev/null 2>&1 || {
		echo "bench: import of N = $n failed" >&2
		exit 1
	}
	k=$("$bin" risks "$src" | awk 'NR == 1 { print $4 }')
	"$bin" risk "$src" "$k" --status accepted --owner Bench \
	    --justification "a decision of the bench" >/dev/null 2>&1
	echo "N = $n (components), pushed from a SQLite file"
	if [ -n "$before" ]; then
		measure "push into a file (before)" "$before" push "$src" \
		    "$t/before-$n.db" &&
		    "$bin" export "$t/before-$n.db" --format xml \
		    --output "$t/before-$n.xml"
	fi
	measure "push into a file" "$bin" push "$src" "$t/file-$n.db" &&
	    "$bin" export "$t/file-$n.db" --format xml --output "$t/file-$n.xml"
	if [ -n "$before" ] && ! cmp -s "$t/before-$n.xml" "$t/file-$n.xml"
	then
		echo "bench: N = $n: the register differs from before's" >&2
		status=1
	fi
	if [ -n "${PARAPET_TEST_PG:-}" ]; then
		pg -c "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" \
		    -c "CREATE DATABASE \"$dbname\"" >/dev/null || exit 1
		measure "push into the server" "$bin" push "$src" \
		    "$PARAPET_TEST_PG dbname=$dbname" &&
		    "$bin" export "$PARAPET_TEST_PG dbname=$dbname" \
		    --format xml --output "$t/pg-$n.xml"
		if ! cmp -s "$t/file-$n.xml" "$t/pg-$n.xml"; then
			echo "bench: N = $n: the server's register differs" \
			    "from the file's" >&2
			status=1
		fi
	fi
done
exit "$status"

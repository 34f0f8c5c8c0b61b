#!/usr/bin/env bash
# bench/bench-pg-export.sh: the exports of a register on a PostgreSQL
# server against the same model in a SQLite file (issue 15).
#
# usage: bench/bench-pg-export.sh [N...]      (default: 10000 100000)
# Run from the build tree: it uses ./parapet and ./bench/bench-model, and
# PARAPET_DATA for the catalogue; PARAPET_TEST_PG names the server (source
# the env file scripts/pg-cluster.sh writes). For each N it writes the
# synthetic model (N components, 3N flows), imports it into a SQLite file
# and into a new database on the server (an import, not a push from the
# file: a push records entries of its own in the history, and takes far
# longer), and times the export as
# XML, Markdown, CSV and YAML from each: wall time, CPU time (user +
# system, what to compare on a busy machine) and peak RSS of the parapet
# process (the server's own memory is not counted). The XML of both must
# be the same bytes (PARAPET_NOW and PARAPET_USER are fixed); a difference
# is reported and the exit status is 1. The database is dropped at the end.
set -u
bin=${PARAPET_BIN:-./parapet}
gen=${BENCH_MODEL:-./bench/bench-model}
if [ $# -gt 0 ]; then
	sizes=("$@")
else
	sizes=(10000 100000)
fi
for x in "$bin" "$gen"; do
	[ -x "$x" ] || { echo "bench: no $x (run make first)" >&2; exit 1; }
done
[ -n "${PARAPET_TEST_PG:-}" ] || {
	echo "bench: PARAPET_TEST_PG is not set (scripts/pg-cluster.sh)" >&2
	exit 1
}
t=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-XXXXXX") || exit 1
dbname="bench_export_$$"
pg() { psql "$PARAPET_TEST_PG" -X -q -v ON_ERROR_STOP=1 -At "$@"; }
cleanup() {
	pg -c "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" >/dev/null 2>&1
	rm -rf "$t"
}
trap cleanup EXIT
export PARAPET_USER=bench PARAPET_NOW=2026-01-01T00:00:00Z
status=0

# measure LABEL CMD...: run CMD, print its wall and CPU seconds, peak MiB.
measure() {
	local label=$1 t0 t1
	shift
	t0=$EPOCHREALTIME
	if ! /usr/bin/time -f '%M %U %S' -o "$t/rss" "$@" >/dev/null \
	    2>"$t/err"; then
		printf '| %s | failed: %s |\n' "$label" "$(head -c 200 "$t/err" |
		    tr '\n' ' ')"
		status=1
		return 1
	fi
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" -v l="$label" '{
		printf "| %s | %.2f | %.2f | %d |\n", l, b - a, $2 + $3,
		    $1 / 1024 }' "$t/rss"
}

echo "| step | wall s | CPU s | peak MiB |"
echo "|---|---|---|---|"
for n in "${sizes[@]}"; do
	"$gen" "$n" >"$t/m.yaml" || exit 1
	rm -f "$t/m.db"
	measure "N = $n: import into a SQLite file" \
	    "$bin" import "$t/m.yaml" "$t/m.db" || continue
	pg -c "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" >/dev/null 2>&1
	pg -c "CREATE DATABASE \"$dbname\"" >/dev/null || exit 1
	srv="$PARAPET_TEST_PG dbname=$dbname"
	measure "N = $n: import into the server" \
	    "$bin" import "$t/m.yaml" "$srv" || continue
	for f in xml markdown csv yaml; do
		measure "N = $n: export $f, file" "$bin" export "$t/m.db" \
		    --format "$f" --output "$t/file.$f"
		measure "N = $n: export $f, server" "$bin" export "$srv" \
		    --format "$f" --output "$t/srv.$f"
	done
	if ! cmp -s "$t/file.xml" "$t/srv.xml"; then
		echo "bench: N = $n: the XML from the server differs" >&2
		status=1
	fi
done
exit $status

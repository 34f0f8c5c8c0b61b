#!/usr/bin/env bash
# bench/bench.sh: wall time and peak memory of each command-line step by
# model size, as `make bench` prints them.
#
# usage: bench/bench.sh [N...]        (default: 1000 10000 100000)
#        BENCH_QUICK=1 bench/bench.sh (N = 200 and 2000, for development)
# Run from the build tree (make bench does): it uses ./parapet and
# ./bench/bench-model, and PARAPET_DATA for the catalogue. For each N it
# writes the synthetic model (N components, 3N flows), then times with the
# real program: import into a new database (parse, store, analyse),
# re-import of the same file with one answer changed, and of that file
# again (nothing changed: the register stays), and export as XML,
# Markdown, CSV and YAML to a file; then the import of a hub (N users each
# sending to the same two components: findings that name N targets). Each cell is the wall time, the CPU
# time (user + system: what to compare on a busy machine) and the peak RSS.
# The last column, when there are two sizes or more, is the growth of the
# CPU time of the largest size over the one before it divided by the growth
# of N (1.0 is linear, 1.2 the most the targets allow). With PYTM_DIR naming a tree of OWASP pytm 1.3.1, the side-by-side
# comparison with pytm follows (bench/vs-pytm.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${PARAPET_BIN:-./parapet}
gen=${BENCH_MODEL:-./bench/bench-model}
if [ $# -gt 0 ]; then
	sizes=("$@")
elif [ -n "${BENCH_QUICK:-}" ]; then
	sizes=(200 2000)
else
	sizes=(1000 10000 100000)
fi
for x in "$bin" "$gen"; do
	[ -x "$x" ] || { echo "bench: no $x (run make first)" >&2; exit 1; }
done
t=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-XXXXXX") || exit 1
trap 'rm -rf "$t"' EXIT
export PARAPET_USER=bench PARAPET_NOW=2026-01-01T00:00:00Z

steps=(import reimport same xml markdown csv yaml hub)
declare -A label=(
	[import]="import (parse, store, analyse)"
	[reimport]="re-import after one change"
	[same]="re-import of the same file"
	[xml]="export XML" [markdown]="export Markdown"
	[csv]="export CSV" [yaml]="export YAML"
	[hub]="import of a hub (N users)")
declare -A secs cpu mib

# measure KEY CMD...: run CMD, keep its wall time (s) and peak RSS (MiB).
measure() {
	local key=$1 t0 t1
	shift
	t0=$EPOCHREALTIME
	if ! /usr/bin/time -f '%M %U %S' -o "$t/rss" "$@" >/dev/null \
	    2>"$t/err"; then
		echo "bench: $key failed: $(head -c 300 "$t/err")" >&2
		# A refused step (an export past the read limit) shows as
		# such, not as taking no time.
		secs[$key]=failed
		cpu[$key]=-
		mib[$key]=-
		return 1
	fi
	t1=$EPOCHREALTIME
	secs[$key]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	cpu[$key]=$(awk '{ v = $2 + $3 } END { printf "%.2f", v }' "$t/rss")
	mib[$key]=$(awk '{ v = $1 } END { printf "%d", v / 1024 }' "$t/rss")
}

for n in "${sizes[@]}"; do
	"$gen" "$n" >"$t/m.yaml" && "$gen" "$n" changed >"$t/m2.yaml" ||
	    exit 1
	bytes=$(wc -c <"$t/m.yaml")
	echo "N = $n: $(( bytes / 1024 )) KiB of YAML" >&2
	rm -f "$t/m.db" "$t/m.db-wal" "$t/m.db-shm"
	measure "import,$n" "$bin" import "$t/m.yaml" "$t/m.db"
	measure "reimport,$n" "$bin" import "$t/m2.yaml" "$t/m.db"
	measure "same,$n" "$bin" import "$t/m2.yaml" "$t/m.db"
	for f in xml markdown csv yaml; do
		measure "$f,$n" "$bin" export "$t/m.db" --format "$f" \
		    --output "$t/out.$f"
	done
	"$gen" "$n" hub >"$t/hub.yaml" || exit 1
	rm -f "$t/hub.db" "$t/hub.db-wal" "$t/hub.db-shm"
	measure "hub,$n" "$bin" import "$t/hub.yaml" "$t/hub.db"
	nrisks=$("$bin" risks "$t/m.db" 2>/dev/null | wc -l)
	echo "N = $n: about $nrisks risks" >&2
done

printf '%-32s' step
for n in "${sizes[@]}"; do
	printf ' | %-24s' "N = $n"
done
[ ${#sizes[@]} -ge 2 ] && printf ' %8s' ''
printf '\n%-32s' ''
for n in "${sizes[@]}"; do
	printf ' | %8s %7s %7s' "wall s" "cpu s" "MiB"
done
[ ${#sizes[@]} -ge 2 ] && printf ' %8s' growth
printf '\n'
for s in "${steps[@]}"; do
	printf '%-32s' "${label[$s]}"
	for n in "${sizes[@]}"; do
		printf ' | %8s %7s %7s' "${secs[$s,$n]}" "${cpu[$s,$n]}" \
		    "${mib[$s,$n]}"
	done
	if [ ${#sizes[@]} -ge 2 ]; then
		a=${sizes[-2]} b=${sizes[-1]}
		printf ' %8s' "$(awk -v x="${cpu[$s,$a]}" -v y="${cpu[$s,$b]}" \
		    -v na="$a" -v nb="$b" 'BEGIN { if (x <= 0 || y <= 0) print "-";
		    else printf "%.2f", (y / x) / (nb / na) }')"
	fi
	printf '\n'
done

if [ -n "${PYTM_DIR:-}" ]; then
	echo
	echo "pytm 1.3.1 side by side (import with analysis; ratio = pytm / parapet):"
	bash "$here/vs-pytm.sh" "$bin" ${BENCH_PYTM_N:-3200}
fi

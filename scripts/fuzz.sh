#!/usr/bin/env bash
# Build Parapet's libFuzzer targets with clang and run each one: first on
# the inputs that once found faults (tests/data/fuzz/, by target: the file
# name starts with catalogue-, cond-, json-, model- or xml-), then fuzzing for
# SECONDS (default 30) from the seeds of the source tree. Prints one line a
# target with its executions, and exits 0 when nothing was found, 77 when
# clang cannot be had, 1 otherwise. Artifacts go to build-fuzz/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS]
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
top=$PWD
secs=${1:-30}
dir=build-fuzz
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: clang is not installed: skipped"
	exit 77
fi
mkdir -p "$dir/artifacts" "$dir/corpus" "$dir/seeds-xml" || exit 1
if [ ! -f "$dir/Makefile" ]; then
	(cd "$dir" && CC=clang "$top/configure" -q --enable-fuzzing \
	    CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined") ||
	    { echo "fuzz: configure failed"; exit 1; }
fi
targets="fuzz-model-yaml fuzz-catalogue fuzz-cond fuzz-xml-import"
targets="$targets fuzz-json-import fuzz-otm-import fuzz-tmbom-import fuzz-ydoc"
targets="$targets fuzz-catcache"
# shellcheck disable=SC2086
if ! (cd "$dir" && make -j2 parapet $(printf 'fuzz/%s ' $targets) \
    >build.log 2>&1); then
	tail -30 "$dir/build.log"
	echo "fuzz: build failed"
	exit 1
fi
[ -n "$(ls "$dir/seeds-xml" 2>/dev/null)" ] ||
    sh fuzz/xml-seeds.sh "$dir/parapet" "$dir/seeds-xml" >/dev/null 2>&1
# Cache images of small YAML files, written by the target itself.
mkdir -p "$dir/seeds-catcache"
PARAPET_FUZZ_SEEDS="$dir/seeds-catcache" "$dir/fuzz/fuzz-catcache" \
    fuzz/ydoc-seeds/*.yaml fuzz/cond-seeds/*.yaml \
    tests/data/catalogue/base.yaml tests/data/catalogue/named.yaml \
    >/dev/null 2>&1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
# Undefined behaviour is a finding too, not a line in the log.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
failed=0
for t in $targets; do
	case $t in
	fuzz-model-yaml) prefix=model dict=model-yaml.dict
		seeds="templates tests/data/yaml" ;;
	fuzz-catalogue) prefix=catalogue dict=catalogue.dict
		seeds="data/catalogue tests/data/catalogue" ;;
	fuzz-cond) prefix=cond dict=catalogue.dict seeds="fuzz/cond-seeds" ;;
	fuzz-xml-import) prefix=xml dict=xml-import.dict
		seeds="$dir/seeds-xml" ;;
	fuzz-json-import) prefix=json dict=json-import.dict
		seeds="tests/data/interop" ;;
	fuzz-otm-import) prefix=otm dict=otm-import.dict
		seeds="tests/data/otm" ;;
	fuzz-tmbom-import) prefix=tmbom dict=tmbom-import.dict
		seeds="tests/data/tmbom" ;;
	fuzz-ydoc) prefix=ydoc dict=model-yaml.dict
		seeds="fuzz/ydoc-seeds templates data/catalogue tests/data/yaml" ;;
	fuzz-catcache) prefix=catcache dict=model-yaml.dict
		seeds="$dir/seeds-catcache" ;;
	esac
	bin="$dir/fuzz/$t"
	regress=$(ls tests/data/fuzz/"$prefix"-* 2>/dev/null)
	if [ -n "$regress" ]; then
		# shellcheck disable=SC2086
		if ! "$bin" -runs=0 $regress >"$dir/$t.regress.log" 2>&1; then
			tail -30 "$dir/$t.regress.log"
			echo "fuzz: $t: a regression input fails again"
			failed=1
			continue
		fi
	fi
	mkdir -p "$dir/corpus/$t"
	# shellcheck disable=SC2086
	"$bin" -dict="fuzz/$dict" -max_total_time="$secs" -max_len=65536 \
	    -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$dir/artifacts/$t-" "$dir/corpus/$t" $seeds \
	    >"$dir/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$t.log")
	cov=$(grep -o 'cov: [0-9]*' "$dir/$t.log" | tail -1)
	if [ "$rc" -ne 0 ]; then
		grep -A30 -E '^==[0-9]+==|SUMMARY|deadly signal' "$dir/$t.log" |
		    head -60
		echo "fuzz: $t: FOUND something (rc $rc, see $dir/$t.log)"
		failed=1
	else
		echo "fuzz: $t: ${runs:-?} executions in ${secs}s, ${cov:-cov ?}, nothing found"
	fi
done
exit "$failed"

#!/usr/bin/env bash
# Set up, build and run every test of Parapet, four ways: a normal build
# with warnings as errors, the same tests under AddressSanitizer + UBSan,
# the unit tests under valgrind, and `make distcheck`. The last line printed
# is "N passed, N failed, N skipped" over all of them.
# Usage: scripts/test.sh [--quick]   (--quick: the normal build only)
# The tests of the PostgreSQL backend run on a throw-away cluster that this
# script starts and stops (scripts/pg-cluster.sh), or on $PARAPET_TEST_PG.
# Builds go to build-ci/, build-ci-asan/ and build-ci-valgrind/, each
# configured here with its own flags (and configured again when they
# change); build/, which scripts/demo.sh configures for a demo, is never
# used. The source tree itself is never configured.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
top=$PWD
quick=0
[ "${1:-}" = "--quick" ] && quick=1
export LANG=C.UTF-8
# MITRE's ATLAS.yaml beside the clone (../shared in CI): the taxonomy and the
# catalogue are also checked against it (tests/cli/catalogue-refs.sh).
for f in "$top"/../shared/taxonomy/ATLAS-*.yaml; do
	[ -f "$f" ] && export PARAPET_ATLAS_FILE="$f"
done
logs=()
extra_pass=0
extra_fail=0
say() { printf '== %s\n' "$*"; }
fail() { echo "test: $*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

say "installing what is missing"
scripts/install-deps.sh || fail "dependency install failed"
say "autoreconf"
autoreconf -fi >/dev/null 2>&1 || { autoreconf -fi; fail "autoreconf failed"; }

# configure_in DIR ARGS...: configure an out-of-tree build with exactly
# these flags; a directory configured otherwise is configured again.
configure_in() {
	local dir=$1 want
	shift
	want="$*"
	mkdir -p "$dir" || return 1
	if [ ! -f "$dir/Makefile" ] || [ ! -f "$dir/.ci-flags" ] ||
	    [ "$(cat "$dir/.ci-flags")" != "$want" ]; then
		rm -f "$dir/.ci-flags"
		(cd "$dir" && "$top/configure" -q "$@") || return 1
		printf '%s\n' "$want" >"$dir/.ci-flags"
	fi
}

# check_in DIR TARGET: build and run the tests of TARGET in DIR.
check_in() {
	local dir=$1 target=$2 rc
	if ! (cd "$dir" && make -j2 >/dev/null); then
		(cd "$dir" && make)
		extra_fail=$((extra_fail + 1))
		return 1
	fi
	# A test-suite.log left from an earlier run must not count as this one.
	rm -f "$dir/test-suite.log"
	(cd "$dir" && make -j2 "$target") >"$dir/check.out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] && [ ! -f "$dir/test-suite.log" ]; then
		echo "---- $target did not run in $dir ----"
		tail -30 "$dir/check.out"
		extra_fail=$((extra_fail + 1))
		return 1
	fi
	if [ "$rc" -ne 0 ]; then
		echo "---- failing tests in $dir ----"
		grep -E '^(FAIL|ERROR|XPASS)' "$dir/test-suite.log" || true
		cat "$dir/test-suite.log"
	fi
	[ -f "$dir/test-suite.log" ] && logs+=("$dir/test-suite.log")
	"$top/scripts/test-summary.sh" "$dir/test-suite.log" | sed "s|^|   $dir: |"
	return "$rc"
}

# A throw-away PostgreSQL cluster, so that the store and command-line
# suites run on both backends; without one their PostgreSQL variants SKIP.
if [ -z "${PARAPET_TEST_PG:-}" ]; then
	say "a throw-away PostgreSQL cluster"
	if pg_env=$("$top/scripts/pg-cluster.sh" start); then
		eval "$pg_env"
		trap '"$top/scripts/pg-cluster.sh" stop "$PARAPET_TEST_PG_DIR" \
		    >/dev/null 2>&1' EXIT
		echo "   $PARAPET_TEST_PG"
	else
		echo "   no PostgreSQL server: its tests SKIP"
	fi
fi

say "build and test (warnings are errors)"
configure_in build-ci --enable-werror || fail "configure failed"
check_in build-ci check || true

if [ "$quick" -eq 0 ]; then
	say "AddressSanitizer + UBSan"
	if configure_in build-ci-asan --enable-werror --enable-sanitizers; then
		check_in build-ci-asan check || true
	else
		extra_fail=$((extra_fail + 1))
	fi

	say "valgrind (unit tests)"
	if configure_in build-ci-valgrind; then
		check_in build-ci-valgrind check-valgrind || true
	else
		extra_fail=$((extra_fail + 1))
	fi

	say "make distcheck"
	if (cd build-ci && make -j2 distcheck >distcheck.log 2>&1); then
		extra_pass=$((extra_pass + 1))
		echo "   distcheck: passed"
	else
		extra_fail=$((extra_fail + 1))
		tail -40 build-ci/distcheck.log
		echo "   distcheck: FAILED (see build-ci/distcheck.log)"
	fi
fi

if [ "$quick" -eq 0 ]; then
	say "fuzzing (${PARAPET_FUZZ_SECONDS:-30}s a target) and the crash corpus"
	"$top/scripts/fuzz.sh" "${PARAPET_FUZZ_SECONDS:-30}" | sed 's/^/   /'
	case ${PIPESTATUS[0]} in
	0) extra_pass=$((extra_pass + 1)) ;;
	77) ;;
	*) extra_fail=$((extra_fail + 1)) ;;
	esac
fi

summary=$("$top/scripts/test-summary.sh" "${logs[@]}")
read -r p _ f _ s _ <<<"$summary"
p=$((p + extra_pass))
f=$((f + extra_fail))
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]

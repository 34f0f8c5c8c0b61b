#!/usr/bin/env bash
# Set up, build and run every test of Parapet, four ways: a normal build
# with warnings as errors, the same tests under AddressSanitizer + UBSan,
# the unit tests under valgrind, and `make distcheck`. The last line printed
# is "N passed, N failed, N skipped" over all of them.
# Usage: scripts/test.sh [--quick]   (--quick: the normal build only)
# Builds go to build/, build-asan/ and build-valgrind/; the source tree
# itself is never configured.
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

# configure_in DIR ARGS...: configure an out-of-tree build once.
configure_in() {
	local dir=$1
	shift
	mkdir -p "$dir" || return 1
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" -q "$@") || return 1
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
	(cd "$dir" && make -j2 "$target" >/dev/null 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "---- failing tests in $dir ----"
		grep -E '^(FAIL|ERROR|XPASS)' "$dir/test-suite.log" || true
		cat "$dir/test-suite.log"
	fi
	[ -f "$dir/test-suite.log" ] && logs+=("$dir/test-suite.log")
	"$top/scripts/test-summary.sh" "$dir/test-suite.log" | sed "s|^|   $dir: |"
	return "$rc"
}

say "build and test (warnings are errors)"
configure_in build --enable-werror || fail "configure failed"
check_in build check || true

if [ "$quick" -eq 0 ]; then
	say "AddressSanitizer + UBSan"
	if configure_in build-asan --enable-werror --enable-sanitizers; then
		check_in build-asan check || true
	else
		extra_fail=$((extra_fail + 1))
	fi

	say "valgrind (unit tests)"
	if configure_in build-valgrind; then
		check_in build-valgrind check-valgrind || true
	else
		extra_fail=$((extra_fail + 1))
	fi

	say "make distcheck"
	if (cd build && make -j2 distcheck >distcheck.log 2>&1); then
		extra_pass=$((extra_pass + 1))
		echo "   distcheck: passed"
	else
		extra_fail=$((extra_fail + 1))
		tail -40 build/distcheck.log
		echo "   distcheck: FAILED (see build/distcheck.log)"
	fi
fi

summary=$("$top/scripts/test-summary.sh" "${logs[@]}")
read -r p _ f _ s _ <<<"$summary"
p=$((p + extra_pass))
f=$((f + extra_fail))
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]

#!/usr/bin/env bash
# Set up, build and run every test of Parapet; the last line printed is
# "N passed, N failed, N skipped". Usage: scripts/test.sh
# The build goes to build/ (out of tree) so the source tree stays clean.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
top=$PWD
fail() { echo "test: $*" >&2; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export LANG=C.UTF-8
scripts/install-deps.sh || fail "dependency install failed"
autoreconf -fi >/dev/null 2>&1 || { autoreconf -fi; fail "autoreconf failed"; }
mkdir -p build && cd build || fail "cannot create build/"
if [ ! -f Makefile ]; then
	"$top/configure" -q --enable-werror || fail "configure failed"
fi
make -j2 >/dev/null || { make; fail "build failed"; }
make -j2 check >/dev/null 2>&1; rc=$?
if [ "$rc" -ne 0 ]; then
	echo "---- failing tests ----"
	cat test-suite.log
fi
"$top/scripts/test-summary.sh" test-suite.log || rc=1
exit "$rc"

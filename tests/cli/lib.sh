# tests/cli/lib.sh -- helpers for end-to-end tests of the command line.
# Each test runs the real program ($PARAPET) on real files and a real
# database in a private temporary directory.
set -u
PARAPET="${PARAPET:-$PWD/parapet}"
SRC="${srcdir:-.}"
T="$(mktemp -d /tmp/parapet-cli-XXXXXX)"
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" PARAPET_USER=tester
export PARAPET_NOW=2026-11-25T10:00:00Z
mkdir -p "$HOME"
failures=0

# run ARGS...: run parapet; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	"$PARAPET" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

fail() {
	echo "FAIL: $*" >&2
	echo "  stdout: $(head -c 2000 "$T/out" 2>/dev/null)" >&2
	echo "  stderr: $(head -c 2000 "$T/err" 2>/dev/null)" >&2
	failures=$((failures + 1))
}

# expect_rc N WHAT: the last run exited with N.
expect_rc() {
	[ "$rc" -eq "$1" ] || fail "$2: exit status $rc, expected $1"
}

# expect_out TEXT WHAT / expect_err TEXT WHAT: fixed string in stdout/stderr.
expect_out() {
	grep -qF -- "$1" "$T/out" || fail "$2: stdout lacks '$1'"
}
expect_err() {
	grep -qF -- "$1" "$T/err" || fail "$2: stderr lacks '$1'"
}
expect_no_out() {
	! grep -qF -- "$1" "$T/out" || fail "$2: stdout has '$1'"
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures check(s) failed" >&2
		exit 1
	fi
	echo "ok"
	exit 0
}

#!/bin/sh
# Print one plain closing line "N passed, N failed, N skipped" from automake's
# test-suite.log file(s). FAIL, ERROR and XPASS count as failed; XFAIL as
# passed. A missing log (the build broke before any test ran) is 1 failure.
# Exit status: 0 if nothing failed, 1 otherwise.
[ $# -gt 0 ] || set -- test-suite.log
for f; do
	shift
	if [ -f "$f" ]; then set -- "$@" "$f"; fi
done
if [ $# -eq 0 ]; then
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
awk '
	/^# PASS:/  { p += $3 }
	/^# XFAIL:/ { p += $3 }
	/^# SKIP:/  { s += $3 }
	/^# FAIL:/  { f += $3 }
	/^# XPASS:/ { f += $3 }
	/^# ERROR:/ { f += $3 }
	END { printf "%d passed, %d failed, %d skipped\n", p, f, s; exit (f > 0) }
' "$@"

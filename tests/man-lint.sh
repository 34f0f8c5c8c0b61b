#!/usr/bin/env bash
# man-lint.sh: every man page in man/ is clean under mandoc -T lint -W
# warning (mandoc comes with scripts/install-deps.sh).
set -u
srcdir="${srcdir:-.}"
if ! command -v mandoc >/dev/null 2>&1; then
	echo "man-lint.sh: mandoc is not installed, so the man pages cannot" \
	    "be checked: run scripts/install-deps.sh" >&2
	exit 1
fi
status=0
n=0
for page in "$srcdir"/man/*.[1-9]; do
	[ -e "$page" ] || continue
	n=$((n + 1))
	if ! mandoc -T lint -W warning "$page"; then
		echo "man-lint.sh: $page is not clean (mandoc -T lint -W" \
		    "warning)" >&2
		status=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "man-lint.sh: no man pages in $srcdir/man" >&2
	exit 1
fi
echo "man-lint.sh: $n page(s) checked"
exit "$status"

#!/usr/bin/env bash
# man-lint.sh: every man page in man/ is clean under mandoc -T lint at its
# default level, style messages included (mandoc comes with
# scripts/install-deps.sh). The one message left out is "referenced manual
# not found" for the pages of this package, which are not installed when
# the tests run.
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
	out=$(mandoc -T lint "$page" 2>&1 | grep -vE \
	    'STYLE: referenced manual not found: Xr parapet(-[a-z]+)? [0-9]')
	if [ -n "$out" ]; then
		printf '%s\n' "$out" >&2
		echo "man-lint.sh: $page is not clean (mandoc -T lint)" >&2
		status=1
	fi
done
if [ "$n" -eq 0 ]; then
	echo "man-lint.sh: no man pages in $srcdir/man" >&2
	exit 1
fi
echo "man-lint.sh: $n page(s) checked"
exit "$status"

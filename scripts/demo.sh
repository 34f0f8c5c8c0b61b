#!/usr/bin/env bash
# Set up, build and open Parapet on a ready-made example model (the RAG
# customer-support assistant from templates/). Usage: scripts/demo.sh
# The build goes to build/; the demo database to demo.db (kept between runs,
# so what you change in the workshop screens is there next time).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
export LANG="${LANG:-C.UTF-8}"
# Only what building and running needs; the test tools (a PostgreSQL
# server among them) come with scripts/install-deps.sh without --build.
scripts/install-deps.sh --build
# quiet CMD...: run CMD with its output kept in build/demo.log, shown only
# if it fails.
quiet() {
	"$@" >>"$top/build/demo.log" 2>&1 || {
		cat "$top/build/demo.log" >&2
		echo "demo.sh: '$*' failed (its output is above and in" \
		    "build/demo.log)" >&2
		exit 1
	}
}
mkdir -p build
: >build/demo.log
if [ ! -x build/parapet ]; then
	echo "demo.sh: building Parapet in build/ (a minute or two the first" \
	    "time)" >&2
fi
[ -x configure ] || quiet autoreconf -fi
cd build
[ -f Makefile ] || quiet "$top/configure" -q
quiet make -j2
cd "$top"
if [ ! -f demo.db ]; then
	build/parapet new demo.db --template rag-assistant
	# The screens would hide the summary above until they are left:
	# on a terminal, it stays until the user has read it.
	if [ -t 0 ] && [ -t 1 ]; then
		printf '\nPress Enter to open the workshop screens on demo.db. '
		read -r _ || true
	fi
fi
exec build/parapet demo.db

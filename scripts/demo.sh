#!/usr/bin/env bash
# Set up, build and open Parapet on a ready-made example model (the RAG
# customer-support assistant from templates/). Usage: scripts/demo.sh
# The build goes to build/; the demo database to demo.db (kept between runs,
# so what you change in the workshop screens is there next time).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
export LANG="${LANG:-C.UTF-8}"
scripts/install-deps.sh
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p build
cd build
[ -f Makefile ] || "$top/configure" -q
make -j2 >/dev/null
cd "$top"
if [ ! -f demo.db ]; then
	build/parapet new demo.db --template rag-assistant
fi
exec build/parapet demo.db

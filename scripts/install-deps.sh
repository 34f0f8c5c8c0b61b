#!/usr/bin/env bash
# Install what Parapet needs to build, run and test (Debian 12); graphviz
# draws the SVG diagram beside the Markdown report.
# Installs only what is missing; uses sudo when not root.
# Usage: scripts/install-deps.sh [--build] [--list]
#   --build  only what building and running Parapet needs (scripts/demo.sh):
#            no PostgreSQL server, sanitizers, valgrind or other test tools
#   --list   print the packages, one a line, and install nothing
set -euo pipefail
build_only=0
list=0
for a in "$@"; do
	case "$a" in
	--build) build_only=1 ;;
	--list) list=1 ;;
	*) echo "usage: scripts/install-deps.sh [--build] [--list]" >&2
	   exit 2 ;;
	esac
done
# To build (configure checks every library, the unit-test one included)
# and run, with graphviz for the report's diagram.
pkgs=(
	build-essential pkg-config autoconf automake autoconf-archive
	libncurses-dev libyaml-dev libsqlite3-dev libxml2-dev libcmocka-dev
	libpq-dev libjansson-dev
	graphviz
)
if [ "$build_only" -eq 0 ]; then
	# To run the tests: a PostgreSQL server, tmux, the checkers, the
	# sanitizers.
	pkgs+=(
		postgresql
		tmux valgrind libxml2-utils mandoc ncurses-term zsh sqlite3
		python3-jsonschema
		clang libclang-rt-14-dev
	)
	# The Markdown report is checked with markdownlint-cli2 from npm.
	command -v npx >/dev/null 2>&1 || pkgs+=(nodejs npm)
fi
if [ "$list" -eq 1 ]; then
	printf '%s\n' "${pkgs[@]}"
	exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

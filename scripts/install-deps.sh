#!/usr/bin/env bash
# Install what Parapet needs to build, run and test (Debian 12); graphviz
# draws the SVG diagram beside the Markdown report.
# Installs only what is missing; uses sudo when not root.
set -euo pipefail
pkgs=(
	build-essential pkg-config autoconf automake autoconf-archive
	libncurses-dev libyaml-dev libsqlite3-dev libxml2-dev libcmocka-dev
	libpq-dev postgresql
	graphviz
	tmux valgrind libxml2-utils mandoc ncurses-term zsh sqlite3
	libjansson-dev python3-jsonschema
	clang libclang-rt-14-dev
)
# The Markdown report is checked with markdownlint-cli2 from npm.
command -v npx >/dev/null 2>&1 || pkgs+=(nodejs npm)
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

#!/usr/bin/env bash
# End to end: scripts/demo.sh in a terminal. The summary of the model it
# creates stays on screen until the user presses Enter; only then do the
# screens open. The build tools are stand-ins on PATH (as in
# tests/demo-script.sh): nothing is installed or built.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
t="$TUI_DIR/tree"
mkdir -p "$t/scripts" "$TUI_DIR/bin"
cp "$srcdir/scripts/demo.sh" "$srcdir/scripts/install-deps.sh" "$t/scripts/"
cp "$srcdir/configure.ac" "$t/"
cat >"$TUI_DIR/bin/dpkg-query" <<'S'
#!/bin/sh
printf 'install ok installed'
S
cat >"$TUI_DIR/bin/autoreconf" <<'S'
#!/bin/sh
printf '#!/bin/sh\n: >Makefile\n' >configure
chmod +x configure
S
# The parapet make "builds": new prints a summary; opening one says so
# and waits for a key, as the screens would.
cat >"$TUI_DIR/bin/make" <<'S'
#!/bin/sh
cat >parapet <<'P'
#!/bin/sh
if [ "$1" = new ]; then
	: >"$2"
	echo "created 'support-assistant': 20 risks apply"
else
	echo "SCREENS OPEN on $*"
	read -r _
fi
P
chmod +x parapet
S
chmod +x "$TUI_DIR/bin/"*
tui_start env PATH="$TUI_DIR/bin:$PATH" bash -c "cd '$t' && exec bash scripts/demo.sh"
tui_wait "created 'support-assistant': 20 risks apply" 60
tui_wait 'Press Enter to open the workshop screens'
tui_hasnt 'SCREENS OPEN'
tui_keys Enter
tui_wait 'SCREENS OPEN on demo.db'
tui_keys Enter
tui_wait_exit >/dev/null
# The second time there is nothing new to read: the screens open at once.
tui_start -t again env PATH="$TUI_DIR/bin:$PATH" bash -c "cd '$t' && exec bash scripts/demo.sh"
tui_use again
tui_wait 'SCREENS OPEN on demo.db' 60
tui_hasnt 'Press Enter'
tui_keys Enter
tui_wait_exit >/dev/null
echo "demo: ok"

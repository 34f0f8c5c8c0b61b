#!/usr/bin/env bash
# What a new user sees first in the workshop screens: the keys help of the
# walk-through lines up, the step keys included.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
db="$TUI_DIR/n.db"
"$PARAPET" new "$db" --id hr-bot --name 'HR policy assistant' >/dev/null

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 1 of 7: The system'
tui_keys '?'
tui_wait 'Keys of this screen'
# "1, 2, 3, 4, 5, 6, 7" was wider than the key column and pushed its text
# out of line with the others.
tui_has '  1-7            go to that step of the workshop'
tui_has '  Right, ]       go to the next step'
tui_keys Escape
tui_wait 'Step 1 of 7: The system'
tui_quit
echo "newuser: ok"

#!/usr/bin/env bash
# End to end: on a projector at 80x24, the lists give their text the room
# that fixed columns do not need: the start screen's model names and the
# register's risk titles; at 120 columns the flows' ids and ends are not
# cut while the line has room, and no status heading is abbreviated.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb w
tui_support "$db"
tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_wait 'support-assistant Customer support assistant  '
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys R
tui_wait 'risks, by severity'
# The title had some 35 columns; it has the room STATUS did not use.
tui_wait 'Direct prompt injection overrides the model'
tui_keys Escape
tui_wait 'Step 5 of 7'
tui_keys Escape
tui_quit

# Long flow and component ids, at 120 columns.
tui_newdb l
sed -e 's/open-ticket/open-a-ticket-in-the-crm/' \
    -e 's/\btickets\b/customer-ticket-system/' \
    "$srcdir/tests/data/tui/support.yaml" > "$TUI_DIR/long.yaml"
"$PARAPET" import "$TUI_DIR/long.yaml" "$db" >/dev/null ||
    tui_fail "could not import the model with long ids"
TUI_COLS=120 TUI_ROWS=40 tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_wait 'MITIGATING MITIGATED ACCEPTED'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys V
tui_wait 'open-a-ticket-in-the-crm backend -> customer-ticket-system'
tui_keys Escape
tui_wait 'Step 5 of 7'
tui_keys Escape
tui_quit
echo "columns: ok"

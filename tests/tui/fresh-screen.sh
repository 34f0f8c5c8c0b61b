#!/usr/bin/env bash
# End to end: a screen opened after another process changed the database
# (D from the register, R from the dashboard) shows what is stored, with
# no C-r and no Esc first; a screen merely redrawn keeps what it showed.
# With PARAPET_TEST_BACKEND=pg (tests/tui/pg/fresh-screen.sh) the database
# is on the PostgreSQL server of $PARAPET_TEST_PG.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb f
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"

tui_open_register "$db"
tui_has 'revision 1)'
tui_filter_text 'Confident but wrong'
tui_wait '1 of 13'
tui_wait 'HIGH open'

# Another process decides the risk: revision 2.
"$PARAPET" risk "$db" llm-misinformation-overreliance@llm \
    --status not-applicable --owner Xavier \
    --justification 'answers are only suggestions to agents' >/dev/null
# Said once, between keys; what is shown stays as it was.
tui_wait 'changed elsewhere: C-r reloads'
tui_has 'HIGH open'
# Redrawn (C-l clears the message), the register still shows what it read.
# C-l clears the terminal first: the screen is polled until it is whole
# again, never read once while it may be half drawn.
tui_keys C-l
tui_wait_gone 'changed elsewhere'
tui_wait 'HIGH open'
tui_wait 'revision 1)'

# The dashboard, opened now, shows the stored revision and counts.
tui_keys D
tui_wait 'Dashboard'
tui_wait 'revision 2)'
# And the register, opened from it, the stored status.
tui_keys R
tui_wait 'risks, by severity'
tui_wait 'HIGH not-applicable'
tui_has 'revision 2)'
tui_has 'owner Xavier'
tui_quit
echo "fresh-screen: ok"

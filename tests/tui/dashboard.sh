#!/usr/bin/env bash
# The dashboard lists the open questions the model's last analysis kept
# with it (as the report does), rather than analysing the model again at
# each load (a minute at a million risks); after a decision its counts
# are those of the register as decided.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
db="$TUI_DIR/d.db"
TUI_COLS=100 TUI_ROWS=30

tui_kept_questions "$db"
n=$kept

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait ' of 7: '
tui_keys D
tui_wait 'Risks that apply, by severity and status (13)'
tui_has "$n fields not answered that threats would rest on"
tui_has "kept-by-the-import of application 'backend'"
line="$(tui_screen | grep -E '^  total ')"
[ "$(awk '{ print $3 }' <<<"$line")" = 0 ] ||
    tui_fail "a risk is mitigating before any decision: $line"

# A decision: the register is read again, the page is built again from
# it; the questions kept still hold (a decision does not change them).
tui_keys R
tui_wait 'risks, by severity'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait 'saved'
tui_keys D
tui_wait 'Risks that apply, by severity and status (13)'
line="$(tui_screen | grep -E '^  total ')"
[ "$(awk '{ print $2, $3 }' <<<"$line")" = "12 1" ] ||
    tui_fail "after the decision, open and mitigating are not 12 and 1: $line"
tui_has "kept-by-the-import of application 'backend'"

tui_quit
echo "dashboard: ok"

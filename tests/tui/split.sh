#!/usr/bin/env bash
# End to end: at 80x40, a register filtered down to a risk or two does not
# keep two fifths of the screen for its list (twelve empty rows over a
# cramped detail): the detail starts under the last risk. A longer list
# keeps its two fifths.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb split
tui_support "$db"
TUI_COLS=80 TUI_ROWS=40

# rows_to_detail: how many rows from the "N of M risks" line to the
# detail's rule.
rows_to_detail() {
	tui_screen | awk '/ of [0-9]+ risks, by / { t = NR }
	    /^── detail/ && t { print NR - t; exit }'
}

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step '
tui_keys R
tui_wait 'risks, by severity'
tui_wait '── detail'
whole=$(rows_to_detail)
[ "${whole:-0}" -ge 14 ] ||
    tui_fail "the whole register has $whole rows above the detail"
tui_keys /
tui_wait 'Filter by text'
tui_type 'direct prompt injection'
tui_keys Enter
tui_wait '1 of '
tui_wait_gone 'Filter by text'
# The heading, the column header, the risk, then the detail's rule.
n=$(rows_to_detail)
[ "${n:-0}" -eq 3 ] ||
    tui_fail "one risk listed, $n rows from the heading to the detail"
tui_has 'Direct prompt injection overrides the model'
tui_keys c
tui_wait_gone '1 of '
tui_wait '── detail'
n=$(rows_to_detail)
[ "$n" = "$whole" ] || tui_fail "cleared, $n rows above the detail, not $whole"
tui_quit
echo "split: ok"

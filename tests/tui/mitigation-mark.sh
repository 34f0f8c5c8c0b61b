#!/usr/bin/env bash
# End to end: on the risk detail, the mitigation that s, o, d and n act on
# is marked with an arrow on its first line, wherever in its text the
# cursor is, and the rule above the pane names it.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb m
# 40 rows: both mitigations are on screen once the cursor is in the second.
TUI_ROWS=40
tui_support "$db"
tui_open_walk "$db"
tui_keys R
tui_wait 'risks, by severity'
tui_keys /
tui_wait 'Filter by text'
tui_type 'direct prompt injection'
tui_keys Enter
tui_wait '1 of '
tui_keys Tab
tui_wait 'detail (Tab: back to the list'
tui_keys /
tui_type 'Mitigations'
tui_keys Enter
# The cursor on the owner line of the first mitigation: its first line
# has the arrow, and the rule says what the keys act on.
tui_keys Down Down Down
tui_wait 'act on ▶ m-input-guardrails)'
tui_has '▶ [proposed] m-input-guardrails'
[ "$(tui_screen | grep -c '▶')" = 2 ] || tui_fail "more than one mark"
# Further down, in the next one's description: the mark moves with it.
tui_keys Down Down Down Down Down Down Down Down Down Down
tui_wait 'act on ▶ m-authorise-outside-model)'
tui_has '▶ [proposed] m-authorise-outside-model'
tui_has '  [proposed] m-input-guardrails'
tui_hasnt '▶ [proposed] m-input-guardrails'
tui_keys Escape
tui_wait 'Step 5 of 7'
tui_quit
echo "mitigation-mark: ok"

#!/usr/bin/env bash
# End to end: the practice step at 80x24 and 120x40 shows a question's
# "Yes means..." guidance whole, not cut to its first line.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb p
tui_support "$db"

tui_open_walk "$db"
# The first question: its guidance to the last word.
tui_wait 'Yes means leaders know the main AI threats'
tui_has 'part of their security training.'
# The longest question and guidance of the catalogue.
tui_keys /
tui_wait 'Search'
tui_type 'incident response plan'
tui_keys Enter
tui_wait 'Yes means the plan assumes incidents will happen'
tui_has 'tampered model, leaked prompts or data, an abused agent'
tui_has 'configuration are kept offline.'
# The list keeps rows enough to move in.
n="$(tui_screen | grep -c '^  \[   \]' || true)"
[ "$n" -ge 3 ] || tui_fail "only $n questions listed at 80x24"
tui resize-window -t app -x 120 -y 40
tui_wait_width 120
tui_wait 'configuration are kept offline.'
tui_has 'Yes means the plan assumes incidents will happen'
tui_quit
echo "practice: ok"

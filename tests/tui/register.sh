#!/usr/bin/env bash
# End to end: the risk register's column header stays put while the list
# scrolls under it (arrows, pages, the end), at 80x24 and at 120x40; it
# names the guideline column as the sort and the filter do (GUIDE puzzled a
# new user). At 80 columns the titles take the guideline's columns (the
# detail names it), unless the list is sorted by guideline.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb r
tui_support "$db"
# More risks than a 120x40 screen shows: every practice answered no (the
# model's unanswered fields are questions, not risks).
for q in $("$PARAPET" questions "$db" | awk '$1 == "unknown" { print $3 }'); do
	"$PARAPET" answer "$db" "$q" no >/dev/null
done
n=$("$PARAPET" risks "$db" | grep -cE '^(low|medium|high|critical) ')
[ "$n" -gt 30 ] || tui_fail "only $n risks"

# header_under_title WHAT [HEADER]: the line after "N of M risks" is the
# column header (at 80 columns, without the guideline's).
header_under_title() {
	tui_screen | grep -A1 "of $n risks, by ${3:-severity}" |
	    tail -1 | grep -q "^SEV  STATUS  *TARGET  *${2:-TITLE}" ||
	    tui_fail "$1: the column header is not under the title"
}

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 7 of 7'
tui_keys R
tui_wait "$n of $n risks, by severity"
header_under_title "at the top"
first='Instructions hidden in content the mo'
tui_has "$first"
# row_title TEXT: a row of the list (not the detail) shows TEXT as its
# title, right after the target's column.
row_title() {
	tui_screen | grep -qE "^[A-Z]{3,4} +[a-z-]+ +[a-z0-9-]+ +$1"
}
row_title 'Instructions hidden in content the model reads' ||
    tui_fail "the title is cut where the width allows more"
# Sorted by guideline, the column is back, and the titles wrap in less room.
tui_keys '>' '>' '>'
tui_wait "$n of $n risks, by guideline"
header_under_title "by guideline" 'GUIDELINE TITLE' guideline
row_title '1\.3 +Instructions hidden in content the' ||
    tui_fail "sorted by guideline, the rows do not show it"
tui_keys '>' '>' '>'
tui_wait "$n of $n risks, by severity"
for _ in $(seq 12); do tui_keys Down; done
tui_wait_gone "$first"
header_under_title "after moving down"
tui_keys NPage NPage
sleep 0.2
header_under_title "after paging down"
tui_keys End
sleep 0.2
header_under_title "at the end"
tui_keys Home
tui_wait "$first"
header_under_title "back at the top"
tui resize-window -t app -x 120 -y 40
tui_wait "$n of $n risks"
for _ in $(seq 30); do tui_keys Down; done
tui_wait_gone "$first"
header_under_title "at 120x40" 'GUIDELINE TITLE'
tui_quit
echo "register: ok"

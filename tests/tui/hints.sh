#!/usr/bin/env bash
# End to end: the status line of each screen names its keys and what they
# do, from the key table (view/keys-table.c: each binding's key and brief),
# the same at 80 and at 120 columns: what the screens showed when each
# wrote its hint by hand.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb h
tui_support "$db"

# hint TEXT: the status line (the last row) is TEXT.
hint() {
	local start=$SECONDS last
	while (( SECONDS - start < 10 )); do
		last="$(tui_screen | tail -1 | sed 's/ *$//')"
		[ "$last" = "$1" ] && return 0
		sleep 0.05
	done
	tui_fail "status line '$last', expected '$1'"
}

for cols in 80 120; do
	TUI_COLS=$cols TUI_ROWS=30 tui_start "$PARAPET" "$db"
	tui_wait 'Models in'
	hint 'Enter open  a new model  t from template  d delete  r register  ? help  q quit'
	tui_keys Enter
	tui_wait 'Step 5 of 7'
	hint 'Space yes/no/unknown  Enter choose  Right next  Left back  ? help'
	tui_keys 1
	hint 'Enter edit  Right next step  ? help  Esc models'
	tui_keys 2
	hint 'a add  Enter edit  d delete  Right next  Left back  ? help'
	tui_keys 7
	hint 'Enter risks  D dashboard  V flows  X report  Left back  ? help'
	tui_keys R
	hint 's status  o owner  f filter  / text  > sort  Tab detail  ? help'
	tui_keys Tab
	hint 's status  o owner  d due  n notes  Tab list  ? help'
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	tui_keys V
	hint 'Enter edit  a add flow  d delete  h history  W walk  R risks  ? help'
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	tui_keys D
	hint 'Enter show the risk  R risks  W walk  Esc back  ? help'
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	tui_keys H
	hint '/ search  n next  Esc back  ? help'
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	tui_keys X
	hint 'Enter export  Esc back  ? help'
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	tui_keys S
	hint 'type the text  Tab/Enter next field  Esc back  F1 help'
	tui_keys Tab Tab Tab Tab
	hint 'Enter/Space choose  Left/Right change  Tab next field  Esc back  F1 help'
	# After a save the message is shown above the hints, which stay.
	tui_keys Up
	tui_keys C-u
	tui_type "team-$cols"
	tui_keys Tab
	tui_wait "saved: edit system"
	hint 'Enter/Space choose  Left/Right change  Tab next field  Esc back  F1 help'
	tui_keys F1
	hint 'Up/Down scroll  / search  Esc back'
	tui_keys Escape
	tui_wait "The system"
	tui_keys Escape
	tui_wait 'Step 7 of 7'
	# A yes/no field: Space gives the next answer there, as in step 5;
	# the list is Enter's.
	tui_keys 3
	tui_wait 'Step 3 of 7'
	tui_keys Enter
	tui_wait "Component 'customer' (user)"
	tui_keys Down Down Down Down Down Down Down
	tui_wait 'untrusted-input: it takes input'
	hint 'Space yes/no/unknown  Enter choose  Tab next field  Esc back  F1 help'
	tui_keys Escape
	tui_wait 'Step 3 of 7'
	tui_keys 7
	tui_wait 'Step 7 of 7'
	tui_keys Escape
	tui_wait 'Models in'
	tui_keys r
	hint 'Enter open  o owner  t team  s severity  c clear  Esc back  ? help'
	tui_keys o
	hint 'Enter confirm  Esc cancel  C-u clear'
	tui_keys Escape
	tui_wait 'Register of'
	tui_keys Escape
	tui_wait 'Models in'
	tui_keys t
	hint 'a-z go to  Enter choose  Esc cancel'
	tui_keys Escape
	tui_quit
done
echo "hints: ok"

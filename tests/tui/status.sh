#!/usr/bin/env bash
# End to end: a message longer than the status line (the stale-edit error
# of two Parapets on one database) is wrapped over more rows, never cut:
# at 120x40 and at 80x24 it reads to its last word, and the screen above
# still shows its fields.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb st
tui_support "$db"

# stale COLS ROWS OWNER-B OWNER-A: B saves an owner; A's, made on the old
# revision, is refused with the long message.
stale() {
	TUI_COLS=$1 TUI_ROWS=$2 tui_start "$PARAPET" "$db"
	TUI_COLS=$1 TUI_ROWS=$2 tui_start -t b "$PARAPET" "$db"
	for s in app b; do
		tui_use $s
		tui_wait 'support-assistant Customer'
		tui_system_owner
	done
	tui_use b
	tui_keys C-u
	tui_type "$3"
	tui_keys Tab
	tui_wait "saved: edit system 'support-assistant'"
	tui_use app
	tui_keys C-u
	tui_type "$4"
	tui_keys Tab
	tui_wait "error: not saved: model 'support-assistant' was changed by"
	# The end of the message, on the screen's last rows.
	tui_screen | tail -3 | tr '\n' ' ' | tr -s ' ' |
	    grep -qF 'to save it over theirs, Esc to drop it)' ||
	    tui_fail "the message is cut at $1 columns"
	tui_has 'criticality'
	tui_keys Escape
	tui_wait 'Step 5 of 7'
	tui_wait 'your change was not saved: the other one stands'
	tui_quit
	tui_use b
	tui_quit
	tui_use app
}
stale 120 40 Bob Alice
stale 80 24 Carol Dana
echo "status: ok"

#!/usr/bin/env bash
# End to end: two Parapets edit the same system. The one whose save is
# refused (the other saved first) keeps what it typed: the form shows the
# other's changes with its own put back, not saved. Leaving the field saves
# it over the other's; Esc drops it, and the other's stands.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb k
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"
tui_start "$PARAPET" "$db"
tui_start -t b "$PARAPET" "$db"
for s in app b; do
	tui_use $s
	tui_wait 'Customer support assistant'
	tui_system_owner
done

# B saves first; A's owner is refused, and kept.
tui_use b
tui_keys C-u
tui_type 'Owner from B'
tui_keys Tab
tui_wait "saved: edit system 'support-assistant'"
tui_use app
tui_keys C-u
tui_type 'Owner from A'
tui_keys Tab
tui_wait "error: not saved: model 'support-assistant' was changed by someone else"
tui_wait 'your change is kept in the form'
tui_has 'owner                 Owner from A'
# Leaving the field saves it, over B's.
tui_keys Tab
tui_wait "saved: edit system 'support-assistant'"
tui_has 'owner                 Owner from A'
"$PARAPET" export "$db" --format yaml 2>/dev/null | grep -q 'owner: Owner from A' ||
    tui_fail "A's owner was not stored"

# Again, B first; this time A drops its change with Esc: B's stands.
tui_use b
tui_keys C-r
tui_wait 'Owner from A'
tui_keys Up
tui_wait 'owner: the risk owner who signs off'
tui_keys C-u
tui_type 'Second from B'
tui_keys Tab
tui_wait "saved: edit system 'support-assistant'"
tui_use app
tui_keys Up Up
tui_wait 'owner: the risk owner who signs off'
tui_keys C-u
tui_type 'Second from A'
tui_keys Tab
tui_wait 'your change is kept in the form'
tui_has 'owner                 Second from A'
tui_keys Escape
tui_wait 'your change was not saved: the other one stands'
tui_keys S
tui_wait 'owner                 Second from B'
tui_keys Escape
tui_quit
tui_use b
tui_keys Escape
tui_quit
echo "conflict-keep: ok"

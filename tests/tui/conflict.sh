#!/usr/bin/env bash
# End to end: two Parapets on one database. Each is told when the other
# changed it, and sees the changes when it refreshes (C-r, or on coming
# back to a screen); an edit or a decision made on a stale view is refused
# with a clear message, never written over the other's. With
# PARAPET_TEST_BACKEND=pg (tests/tui/pg/conflict.sh) the database is on the
# PostgreSQL server of $PARAPET_TEST_PG, and the test SKIPs without one.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb c
if [ "${PARAPET_TEST_BACKEND:-sqlite}" = pg ]; then
	pgname=${db##*dbname=}
	# B comes through a URI with a password, which no screen shows.
	pghost=${PARAPET_TEST_PG#*host=}
	dbb="postgresql://postgres:tui-s3cret@/$pgname?host=${pghost%% *}"
fi
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"

tui_start "$PARAPET" "$db"
tui_start -t b "$PARAPET" "${dbb:-$db}"
for s in app b; do
	tui_use $s
	tui_wait 'Customer support assistant'
	tui_hasnt 'tui-s3cret'
	[ -z "${dbb:-}" ] || [ $s != b ] ||
	    tui_has "Models in postgresql://postgres@/$pgname"
	tui_system_owner
done

# B changes the owner first; A's change, made on the old revision, is
# refused.
tui_use b
tui_keys C-u
tui_type 'Bob'
tui_keys Tab
tui_wait "saved: edit system 'support-assistant'"
tui_use app
tui_keys C-u
tui_type 'Alice'
tui_keys Tab
tui_wait "error: not saved: model 'support-assistant' was changed by someone else"
tui_keys Escape
tui_wait 'Step 5 of 7'
tui_keys S
tui_wait 'owner                 Bob'

# A refresh shows what the other did.
tui_keys Escape
tui_keys Left Left Left Left
tui_wait 'Step 1 of 7: The system'
tui_has 'owner         Bob'
tui_use b
tui_keys Up
tui_wait 'owner: the risk owner who signs off'
tui_keys C-u
tui_type 'Carol'
tui_keys Tab
tui_wait "saved: edit system 'support-assistant'"
tui_use app
tui_has 'owner         Bob'
# Idle, A is told without a key pressed; what it shows waits for C-r.
tui_wait 'changed elsewhere: C-r reloads'
tui_has 'owner         Bob'
tui_keys C-r
tui_wait "reloaded 'support-assistant'"
tui_has 'owner         Carol'

# Decisions: B marks the first risk mitigating; A, still showing it open,
# cannot give it an owner until it has looked again.
tui_keys R
tui_wait 'risks, by severity'
tui_use b
tui_keys Escape R
tui_wait 'risks, by severity'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait 'CRIT mitigating'
tui_use app
tui_has 'CRIT open'
tui_keys o
tui_wait 'Who owns this risk?'
tui_type 'Dana'
tui_keys Enter
tui_wait 'error: not saved: risk'
tui_has 'was changed by someone else'
tui_wait 'CRIT mitigating'
tui_keys o
tui_wait 'Who owns this risk?'
tui_type 'Dana'
tui_keys Enter
tui_wait 'saved: owner of'
"$PARAPET" risks "$db" | grep -q '^critical  mitigating' ||
    tui_fail "the decision of B was lost"

# B deletes the model; A, on refreshing, is told and taken back to the
# start screen.
tui_use b
tui_keys Escape Escape
tui_wait 'Models in'
tui_keys d
tui_wait "Delete model 'support-assistant'"
tui_keys Down Enter
tui_wait "deleted model 'support-assistant'"
tui_use app
tui_keys C-r
tui_wait "error: model 'support-assistant' was deleted by someone else"
tui_has 'No models in this database yet'
tui_quit
tui_use b
tui_quit
echo "conflict: ok"

#!/usr/bin/env bash
# End to end: C-u in a text field kills its text and C-y yanks it back
# (readline's keys). C-u used to wipe the field for good once it was left
# (saved empty): now the text comes back, in the field before it is left,
# and after it was left and saved empty too; a prompt edits the same way,
# and so does a field of choices (C-u used to keep nothing to put back).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb ky
TUI_COLS=120 TUI_ROWS=30
tui_support "$db"
desc='Answers customer questions from the help centre; can open tickets.'

# stored_description: the system's description as the model stores it.
stored_description() {
	"$PARAPET" export "$db" --format yaml |
	    sed -n 's/^  description: //p' | head -1
}

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys S
tui_wait "The system 'support-assistant'"
tui_keys Tab
tui_wait 'description: '
tui_has "$desc"

# Killed, then yanked back before the field is left: nothing is lost.
tui_keys C-u
tui_wait_gone "$desc"
tui_keys C-y
tui_wait "$desc"
tui_keys Tab
tui_wait 'owner: the risk owner who signs off'
[ "$(stored_description)" = "$desc" ] ||
    tui_fail "the description yanked back is not the one stored"

# Killed and left: the empty field is saved, as before ...
tui_keys Up
tui_wait 'description: '
tui_keys C-u
tui_wait_gone "$desc"
tui_keys Tab
tui_wait 'owner: the risk owner who signs off'
tui_wait 'saved'
[ -z "$(stored_description)" ] ||
    tui_fail "the description left empty was not saved empty"
# ... and back in the field, C-y puts the text back, saved when left.
tui_keys Up
tui_wait 'description: '
tui_keys C-y
tui_wait "$desc"
tui_keys Tab
tui_wait 'owner: the risk owner who signs off'
for _ in $(seq 50); do
	[ "$(stored_description)" = "$desc" ] && break
	sleep 0.1
done
[ "$(stored_description)" = "$desc" ] ||
    tui_fail "the description yanked back after it was left is not stored"

# A field of choices the same way: C-u unsets it (saved at once, as a
# choice is) and C-y puts the value back (it kept nothing to put back).
stored_criticality() {
	"$PARAPET" export "$db" --format yaml |
	    sed -n 's/^  criticality: //p' | head -1
}
for _ in $(seq 6); do
	tui_screen | grep -qF 'criticality: harm' && break
	tui_keys Down
	sleep 0.2
done
tui_wait 'criticality: harm'
tui_keys C-u
tui_wait "cleared criticality (C-y puts 'high' back)"
[ -z "$(stored_criticality)" ] || tui_fail "C-u left the criticality set"
tui_keys C-y
for _ in $(seq 50); do
	[ "$(stored_criticality)" = high ] && break
	sleep 0.1
done
[ "$(stored_criticality)" = high ] ||
    tui_fail "C-y did not put the criticality back"
tui_has 'criticality           high'

# A prompt's text: killed, yanked at the cursor.
tui_keys Escape
tui_wait 'Step 5 of 7'
tui_keys R
tui_wait 'risks, by severity'
tui_keys /
tui_wait 'Filter by text'
tui_type 'rag-poisoning'
tui_keys C-u
tui_wait_gone 'rag-poisoning'
tui_keys C-y
tui_wait 'rag-poisoning'
tui_keys Enter
tui_wait '1 of '
tui_has 'rag-poisoning on kb'
tui_quit
echo "kill-yank: ok"

#!/usr/bin/env bash
# End to end: cycling an answer with Space (practice step) or a value with
# Space, Left and Right (form) stores only the value the user leaves on:
# one history row, and none when they come back to the stored value.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb c
tui_support "$db"

# rows OBJECT FIELD: the history rows of a question or of a field.
rows() {
	"$PARAPET" history "$db" --object "$1" | grep -c -- "$2" || true
}
# What the import recorded of backend's fields (its creation is one row).
ui0=$(rows backend untrusted-input)
ex0=$(rows backend exposure)

tui_open_walk "$db"
q=q-staff-awareness
# yes, no, unknown: shown at once, stored when the user moves on.
tui_keys Space
tui_wait '[yes] Do the people who own'
tui_keys Space
tui_wait '[no ] Do the people who own'
tui_keys Space
tui_wait '[ ? ] Do the people who own'
tui_has "(stored when you move on)"
[ "$(rows $q "$q")" = 0 ] || tui_fail "stored before moving on"
tui_keys Down
tui_wait "saved: answer '$q': unknown"
[ "$(rows $q "$q")" = 1 ] || tui_fail "not one history row: $(rows $q "$q")"
# Around the circle back to unknown: nothing stored.
tui_keys Up Space Space Space
tui_wait "(stored when you move on)"
tui_keys Down
tui_wait "answer '$q' unchanged"
[ "$(rows $q "$q")" = 1 ] || tui_fail "a row for no change"
# Leaving the screen stores the answer too.
tui_keys Up Space Escape
tui_wait 'Models in'
[ "$(rows $q "$q")" = 2 ] || tui_fail "the answer left on at Esc is lost"
"$PARAPET" history "$db" --object $q | head -1 | grep -q 'unknown -> yes' ||
    tui_fail "the newest row (the first) is not unknown -> yes"

# A form: a yes/no/unknown field cycled with Space, a list with Right.
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys Down Enter
tui_wait "Component 'backend'"
# It opens on the name, the field after the id.
tui_keys Down Down Down Down Down Down Down
tui_wait 'untrusted-input: '
tui_keys Space Space Space
tui_keys Tab
sleep 0.3
[ "$(rows backend untrusted-input)" = "$ui0" ] ||
    tui_fail "a row for a field cycled back to its value"
tui_keys BTab Space Space
tui_keys Tab
tui_wait "saved: edit component 'backend'"
[ "$(rows backend untrusted-input)" = $((ui0 + 1)) ] ||
    tui_fail "not one row for two presses"
tui_keys BTab BTab
tui_wait 'exposure: '
tui_keys Right Right Right
tui_keys R
tui_wait 'risks, by severity'
[ "$(rows backend exposure)" = $((ex0 + 1)) ] ||
    tui_fail "not one row for the value left on: $(rows backend exposure)"
tui_quit
echo "cycling: ok"

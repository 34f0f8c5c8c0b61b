#!/usr/bin/env bash
# End to end: on a field of choices, typing chooses. "in-house" typed
# whole opens the list at in-house (a letter that only the list follows,
# never a command bound to it elsewhere); u there does not undo the change
# just saved (a new user lost a saved field that way); a value typed on a
# yes/no field opens its list too.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb ct
tui_support "$db"

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_edit_field 'Hosted LLM' "Component 'llm' (model)" \
    'provider: who builds and supplies it'
tui_screen | grep -qE 'provider +third-party' ||
    tui_fail "the stored provider is not shown"
tui_type 'in-house'
tui_wait 'Enter choose'
tui_keys Enter
tui_wait "saved: edit component 'llm'"
tui_screen | grep -qE 'provider +in-house' ||
    tui_fail "typing in-house did not choose it"
# Chosen: the cursor went on to the next field, as after a typed text.
tui_wait 'exposure: who can reach it'
# u on a field of choices: its list, not an undo of the change just saved.
tui_keys u
tui_wait "no value starting with 'u'"
tui_keys Escape
tui_wait_gone 'reachable from the internet by anyone'
tui_screen | grep -qE 'provider +in-house' ||
    tui_fail "u undid the saved provider"
# o walks the values starting with o from the top: open-source.
tui_keys Up
tui_wait 'provider: who builds and supplies it'
tui_keys o Enter
tui_wait "saved: edit component 'llm'"
tui_screen | grep -qE 'provider +open-source' ||
    tui_fail "o did not choose open-source"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_quit
out=$("$PARAPET" export "$db" --format yaml)
printf '%s\n' "$out" | grep -q 'provider: open-source' ||
    tui_fail "the chosen provider was not stored"
echo "choice-typing: ok"

#!/usr/bin/env bash
# End to end: Esc on a form whose input cannot be saved keeps it, says
# why, and leaves without it only when pressed again (a new user lost a
# new component's id, name and boundary to one Esc); a new form left
# untouched closes at once; corrected, the input is saved.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb fe
tui_support "$db"

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
# Untouched: one Esc closes it.
tui_keys a
tui_wait 'What kind of component?'
tui_keys M Enter
tui_wait 'A new component (model)'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
# An id that is not one: Esc keeps the form and what was typed.
tui_keys a
tui_wait 'What kind of component?'
tui_keys M Enter
tui_wait 'A new component (model)'
tui_type 'Payroll Bot'
tui_keys Down
tui_type 'Payroll lookup'
tui_keys Escape
tui_wait 'not saved (Esc again: leave without it): invalid identifier'
tui_has 'A new component (model)'
tui_has 'Payroll Bot'
tui_has 'Payroll lookup'
# Corrected, it is saved.
tui_keys Up
tui_keys C-u
tui_type 'payroll-bot'
tui_keys Down
tui_wait "saved: add component 'payroll-bot'"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_has 'Payroll lookup'
# Again with an id that is not one: two Esc leave without it.
tui_keys a
tui_wait 'What kind of component?'
tui_keys M Enter
tui_wait 'A new component (model)'
tui_type 'Bad Id'
tui_keys Escape
tui_wait 'not saved (Esc again'
tui_keys Escape
tui_wait 'nothing was made'
tui_wait 'Step 3 of 7: Components'
tui_quit
out=$("$PARAPET" export "$db" --format yaml)
printf '%s\n' "$out" | grep -q 'id: payroll-bot' ||
    tui_fail "the corrected component was not stored"
printf '%s\n' "$out" | grep -qi 'bad id' &&
    tui_fail "the component left with two Esc was stored"
echo "form-esc: ok"

#!/usr/bin/env bash
# End to end: Esc on a form whose input cannot be saved keeps it, says
# why, and leaves without it only when pressed again (a new user lost a
# new component's id, name and boundary to one Esc), on a field of
# choices as on a typed one; a new form left untouched closes at once;
# corrected, the input is saved, and leaving says it was kept, with the new
# object selected in the list below (the walk-through, the data-flow view).
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
# Esc on the kind line (a field of choices) does what it does on a typed
# field: with the name missing it keeps the form and says why; with the
# component saved it leaves, and says the component was kept (a new user
# who meant to skip the field did not know).
tui_keys a
tui_wait 'What kind of component?'
tui_keys M Enter
tui_wait 'A new component (model)'
tui_type 'pay-llm'
tui_keys Tab Tab
tui_wait 'kind: what sort of component it is'
tui_keys Escape
tui_wait "not saved (Esc again: leave without it): 'name' is required"
tui_has 'pay-llm'
tui_keys Up
tui_wait 'name: name of the component'
tui_type 'Payroll model'
tui_keys Tab
tui_wait "saved: add component 'pay-llm'"
tui_wait 'kind: what sort of component it is'
# A kind typed there opens its list at it; Esc takes nothing, and says so.
tui_type 'app'
tui_wait 'Enter choose'
tui_keys Escape
tui_wait "nothing chosen: Esc cancels the list; Enter would have chosen 'application'"
tui_has 'Component '"'"'pay-llm'"'"' (model)'
tui_keys Escape
tui_wait "left the form: component 'pay-llm' is saved (Enter on it edits it"
tui_has 'Step 3 of 7: Components'
tui_has 'Payroll model'
# As the status line says: the new component is selected, Enter edits it.
tui_keys Enter
tui_wait "Component 'pay-llm' (model)"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
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
# The same in the data-flow view: the flow added there is selected.
tui_keys V
tui_wait 'Trust boundaries and their components'
tui_keys a
tui_wait 'A new data flow'
tui_type 'pay-ask'
tui_keys Enter
tui_type 'customer'
tui_keys Enter
tui_type 'pay-llm'
tui_keys Enter
tui_wait "saved: add flow 'pay-ask'"
tui_keys Escape
tui_wait "left the form: flow 'pay-ask' is saved"
tui_keys Enter
tui_wait "Data flow 'pay-ask'"
tui_keys Escape
tui_wait 'Trust boundaries and their components'
tui_quit
out=$("$PARAPET" export "$db" --format yaml)
printf '%s\n' "$out" | grep -q 'id: payroll-bot' ||
    tui_fail "the corrected component was not stored"
printf '%s\n' "$out" | grep -qi 'bad id' &&
    tui_fail "the component left with two Esc was stored"
echo "form-esc: ok"

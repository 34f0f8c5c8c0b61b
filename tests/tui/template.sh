#!/usr/bin/env bash
# End to end: a model made from a template starts its walk-through at
# step 1, and its first steps say plainly that they hold the template's
# example: the facts of its components that the analysis uses are listed
# as still to confirm.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
export PARAPET_TEMPLATES="$srcdir/tests/data/tui"
tui_newdb t
tui_start "$PARAPET" "$db"
tui_wait 'No models in this database yet'
tui_keys t
tui_wait 'Start from a template'
tui_wait 'support'
tui_keys Down Enter
tui_wait 'Id of the new model'
tui_keys C-u
tui_type 'hr-assistant'
tui_keys Enter
tui_wait "created model 'hr-assistant' from a template ('support')"
tui_has 'Step 1 of 7: The system'
tui_has "From the template 'support': these steps hold its example"
tui_has 'backend exposure public;'
# On the components step too, where they are changed.
tui_keys Right Right
tui_wait 'Step 3 of 7: Components'
tui_has "From the template 'support'"
# Past the flows, and for a model not made from a template, no note.
tui_keys Right Right
tui_wait 'Step 5 of 7: Practice questions'
tui_hasnt "From the template"
tui_keys Escape
tui_wait 'Models in'
tui_quit
"$PARAPET" import "$srcdir/tests/data/tui/support.yaml" "$db" >/dev/null ||
    tui_fail "could not import the support assistant"
tui_start -t again "$PARAPET" "$db"
tui_use again
tui_wait 'support-assistant'
tui_keys Down Enter
tui_wait 'Step 5 of 7'
tui_keys Left Left Left Left
tui_wait 'Step 1 of 7: The system'
tui_hasnt "From the template"
tui_quit
echo "template: ok"

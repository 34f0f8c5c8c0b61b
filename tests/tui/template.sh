#!/usr/bin/env bash
# End to end: the template picker says what kind of system each template
# is. A model made from a template starts its walk-through at step 1, and
# its first steps say plainly that they hold the template's example: they
# are not ticked until someone changes something in them or confirms them
# as they are (c, recorded in history), and the facts of
# its components that the analysis uses are listed as still to confirm
# until changed, on the components step (the other steps count them in
# two lines at 80 columns). Its history keeps where it came from: after a restart the
# note and the unticked steps are still there.
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
# Each template with its one-line description (its file's first line).
tui_wait 'support  The example of the format spec: a customer'
tui_keys Down Enter
tui_wait 'Id of the new model'
tui_keys C-u
tui_type 'hr-assistant'
tui_keys Enter
tui_wait "created model 'hr-assistant' from a template ('support')"
tui_has 'Step 1 of 7: The system'
tui_has "From the template 'support': a step holding its example is ticked"
# Steps 1, 2 and 4 count the facts to confirm, in the two lines a sentence
# takes at 80 columns, and name the step that lists them.
n=$(tui_screen | awk '/From the template/ { on = 1 } on && /^─/ { print n; exit }
    on { n++ }')
[ "${n:-0}" -le 2 ] || tui_fail "the template note takes $n lines on step 1"
tui_has 'facts it set are still to confirm in'
tui_has 'step 3.'
tui_hasnt 'backend exposure public;'
# The template's steps are not ticked: nobody has looked at them yet.
tui_has '[1 System] 2 Boundaries 3 Components 4 Flows 5 Practice'
# Boundaries that are right as the template set them: c confirms the
# step without a change, and it is ticked; history records who did.
tui_keys Right
tui_wait 'Step 2 of 7: Trust boundaries'
tui_has 'c confirm'
tui_keys c
tui_wait 'confirmed step 2 (boundaries) as the template set it'
tui_has '1 System [2 Boundaries]✓ 3 Components 4 Flows'
tui_hasnt 'c confirm'
"$PARAPET" history "$db" | grep -q 'confirmed: (none) -> boundaries' ||
    tui_fail "the confirmation is not in the model's history"
tui_keys c
tui_wait 'nothing to confirm'
# u withdraws the confirmation: history is append-only, so an entry says
# it is withdrawn, as an undo; the step holds the example again, and c
# confirms it again.
tui_keys u
tui_wait 'undone: confirm step 2 (boundaries)'
tui_has '1 System [2 Boundaries] 3 Components 4 Flows'
tui_has 'c confirm'
"$PARAPET" history "$db" | grep 'confirmed: boundaries -> (none)' |
    grep -q '\[undo\]' ||
    tui_fail "history does not record the confirmation withdrawn by an undo"
"$PARAPET" history "$db" | grep -q 'confirmed: (none) -> boundaries' ||
    tui_fail "the undo rewrote the confirmation's entry"
# Neither the confirmation nor its withdrawal changes the model.
"$PARAPET" diff "$db@-2" "$db" | grep -q 'no changes' ||
    tui_fail "a withdrawn confirmation shows as a change in diff"
"$PARAPET" export "$db" --format xml --output "$TUI_DIR/undo.xml" &&
    xmllint --noout --schema "$srcdir/data/parapet.xsd" "$TUI_DIR/undo.xml" \
    2>/dev/null || tui_fail "the XML export after an undo is not valid"
"$PARAPET" import "$TUI_DIR/undo.xml" "$TUI_DIR/copy.db" >/dev/null &&
    "$PARAPET" history "$TUI_DIR/copy.db" |
    grep -q 'confirmed: boundaries -> (none)' ||
    tui_fail "the XML export does not carry the withdrawal to another database"
tui_keys c
tui_wait 'confirmed step 2 (boundaries) as the template set it'
tui_has '1 System [2 Boundaries]✓ 3 Components 4 Flows'
# On the components step too, where they are changed: c confirms the
# facts with the step and u brings them back; a fact changed is no longer
# listed, and the step is ticked.
tui_keys Right
tui_wait 'Step 3 of 7: Components'
tui_has "From the template 'support'"
tui_has 'backend exposure public;'
tui_keys c
tui_wait 'confirmed step 3 (components)'
tui_hasnt 'backend exposure public;'
tui_keys u
tui_wait 'undone: confirm step 3 (components)'
tui_wait 'backend exposure public;'
tui_has '1 System 2 Boundaries✓ [3 Components] 4 Flows'
tui_edit_field 'Chat backend' "Component 'backend' (application)" \
    'exposure: who can reach it'
tui_type 'internal'
tui_wait 'Enter choose'
tui_keys Enter
tui_wait "saved: edit component 'backend'"
tui_keys Escape
tui_wait '[3 Components]✓'
tui_has '1 System 2 Boundaries✓ [3 Components]✓ 4 Flows'
tui_hasnt 'backend exposure'
tui_has 'backend untrusted-input true'
# Past the flows, and for a model not made from a template, no note.
tui_keys Right Right
tui_wait 'Step 5 of 7: Practice questions'
tui_hasnt "From the template"
tui_keys Escape
tui_wait 'Models in'
tui_quit
# After a restart: the model resumes at step 1, whose example nobody has
# changed, with the note of what is left to confirm.
tui_start -t restart "$PARAPET" "$db"
tui_use restart
tui_wait 'hr-assistant'
tui_keys Enter
tui_wait 'Step 1 of 7: The system'
tui_has '[1 System] 2 Boundaries✓ 3 Components✓ 4 Flows'
tui_has "From the template 'support': a step holding its example is ticked"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_has 'backend untrusted-input true'
tui_hasnt 'backend exposure'
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

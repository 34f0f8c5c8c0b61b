#!/usr/bin/env bash
# End to end: Enter in a list of several values with nothing ticked
# chooses the highlighted value, as in a list of one value (an LLM whose
# model-type did not take would lose every LLM threat); ticks taken off
# in the list leave the field empty, as asked; and a filter's list, where
# nothing ticked means all, still means all.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb me
tui_support "$db"

open_model_type() {
	tui_edit_field 'Hosted LLM' "Component 'llm' (model)" \
	    'model-type: what the model does'
	tui_keys Enter
	tui_wait 'Space tick/untick'
}

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
# Untick llm, Enter: the field is emptied.
open_model_type
# (l goes to the next word that starts with l, liveness, then llm)
tui_keys l l Space
tui_wait '[ ] llm'
tui_keys Enter
tui_wait 'saved: edit component'
tui_screen | grep -qE 'model-type +\(not set\)' ||
    tui_fail "unticking the only word did not empty the field"
# Nothing ticked: type to the value and press Enter.
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
open_model_type
tui_hasnt '[x]' || tui_fail "a word is ticked in an empty field"
tui_keys l l
tui_keys Enter
tui_wait 'saved: edit component'
tui_screen | grep -qE 'model-type +llm *(↓)?$' ||
    tui_fail "Enter with nothing ticked did not choose the highlighted llm"
# A filter whose list says "none ticked: all" keeps that meaning.
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_keys R
tui_wait 'risks, by severity'
tui_keys f
tui_wait 'Filter the risks by'
tui_keys Enter
tui_wait 'Show severities (none ticked: all)'
tui_keys Enter
tui_wait_gone 'Show severities'
tui_hasnt 'filter: severity' ||
    tui_fail "Enter with no severity ticked filtered the risks"
tui_quit
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/out.yaml"
grep -qE '^ +model-type: llm$' "$TUI_DIR/out.yaml" ||
    tui_fail "the stored model-type is not 'llm'"
echo "multi-enter: ok"

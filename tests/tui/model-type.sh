#!/usr/bin/env bash
# End to end: a model's model-type holds several words, ticked in a pick
# list in the component's form (an LLM that also reads images); unticking
# one keeps the other, Esc changes nothing, and each change is saved and
# recorded in the history by the person at the keyboard.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb mt
tui_support "$db"

# open_model_type: from the components step, the Hosted LLM's form with
# the model-type field focused.
open_model_type() {
	tui_edit_field 'Hosted LLM' "Component 'llm' (model)" \
	    'model-type: what the model does'
	tui_keys Enter
	tui_wait 'Space tick/untick'
}

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
open_model_type
tui_has '[x] llm' || tui_fail "the stored word is not ticked"
tui_has '[ ] vision' || tui_fail "vision is ticked before it was chosen"
# Go to "vision" by its letter, tick it, done.
tui_keys v Space
tui_wait '[x] vision'
tui_keys Enter
tui_wait 'saved: edit component'
tui_screen | grep -qE 'model-type +llm, vision' ||
    tui_fail "the form does not show both words"
# Untick llm: vision stays.
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
open_model_type
tui_has '[x] vision' || tui_fail "the saved words are not ticked again"
# (l goes to the next word that starts with l: liveness comes after
# the cursor first, then llm again)
tui_keys l l Space
tui_wait '[ ] llm'
tui_keys Enter
tui_wait 'saved: edit component'
tui_screen | grep -qE 'model-type +vision *(↓)?$' ||
    tui_fail "unticking llm did not leave vision alone"
# Esc in the pick list changes nothing.
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
open_model_type
tui_keys c Space
tui_wait '[x] classifier'
tui_keys Escape
tui_wait_gone 'Space tick/untick'
tui_screen | grep -qE 'model-type +vision *$' ||
    tui_fail "Esc in the pick list changed the field"
tui_quit

"$PARAPET" export "$db" --format yaml >"$TUI_DIR/out.yaml"
grep -qE '^ +model-type: vision$' "$TUI_DIR/out.yaml" ||
    tui_fail "the stored model-type is not 'vision': $(grep model-type "$TUI_DIR/out.yaml")"
"$PARAPET" history "$db" --object llm >"$TUI_DIR/hist"
grep -qF 'tester  support-assistant  llm model-type: llm -> llm, vision' \
    "$TUI_DIR/hist" || tui_fail "ticking vision is not in the history"
grep -qF 'llm model-type: llm, vision -> vision' "$TUI_DIR/hist" ||
    tui_fail "unticking llm is not in the history"
! grep -qF 'classifier' "$TUI_DIR/hist" ||
    tui_fail "a cancelled pick reached the history"
echo "model-type: ok"

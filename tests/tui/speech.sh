#!/usr/bin/env bash
# End to end: the form of an inference-service says that speech to text
# brings the threats of transcribed speech only with a model of model-type
# speech behind it, and a model's model-type field says the same, at
# 80x24.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb sp
tui_support "$db"

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys a
tui_wait 'What kind of component?'
tui_keys Down Down Down Down Enter
tui_wait 'A new component (inference-service)'
tui_wait 'Speech to text: the threats of transcribed speech come only with'
tui_screen | tr '\n' ' ' | tr -s ' ' |
    grep -qF 'a model of model-type speech that this service sends to (add one, and a flow to it).' ||
    tui_fail "the note on speech to text is not whole"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
# The hosted LLM's form, on its model-type field.
tui_edit_field 'Hosted LLM' "Component 'llm' (model)" \
    'model-type: what the model does'
tui_screen | tr '\n' ' ' | tr -s ' ' |
    grep -qF 'needs speech here, and a flow from the service to it, for the threats of transcribed speech.' ||
    tui_fail "the model-type field does not say what speech needs"
tui_quit
echo "speech: ok"

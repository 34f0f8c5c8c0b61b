#!/usr/bin/env bash
# A fifth new user's findings on the screens: the facts a template's model
# still takes from it are listed on the components step, in a sixth of a
# tall window (not a wall of text on a projector), and otherwise
# counted, not cut with nothing to read the rest by; the export list
# names no command-line option the screen cannot take.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
export PARAPET_TEMPLATES="$srcdir/templates"
tui_newdb nu5
export TUI_COLS=120 TUI_ROWS=40
tui_start "$PARAPET" "$db"
tui_wait 'No models in this database yet'
tui_keys t
tui_wait 'Start from a template'
tui_type 'agent'
tui_keys Enter
tui_wait 'Id of the new model'
tui_keys C-u
tui_type 'airline-agent-t'
tui_keys Enter
tui_wait "created model 'airline-agent-t' from a template"
tui_wait "From the template 'agent-with-tools'"
# Step 1 counts the facts in a sentence; the components step, where they
# are changed, lists more of them on a tall window than the four lines of
# before, and the last line counts them all.
tui_has 'are still to confirm in step 3.'
tui_keys 3
tui_wait 'Step 3 of 7: Components'
n=$(tui_screen | awk '/From the template/ { on = 1 } on { n++ }
    /facts in all to confirm/ { print n; exit }')
n=${n:-0}
[ "$n" -gt 4 ] && [ "$n" -lt 8 ] || tui_fail "the note takes $n lines on a 40-row window"
tui_screen | grep -qE '^… [0-9]+ facts in all to confirm, each in its component.s form' ||
    tui_fail "the cut note does not count the facts"
# The export list: SARIF without a command-line option.
tui_keys X
tui_wait 'Export the model'
tui_has 'code scanning, on model file lines' ||
    tui_fail "the SARIF line does not say where the risks point"
tui_hasnt '--model-file' || tui_fail "the export list names --model-file"
tui_keys Escape
tui_wait_gone 'Export the model'
tui_quit
echo "newuser5: ok"

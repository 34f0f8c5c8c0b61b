#!/usr/bin/env bash
# End to end: a step of the walk-through is ticked only when it has what
# it means: an empty model's analysis and review are not done, although
# the practice questions alone give it risks; a model with components and
# flows has its analysis ticked.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb t
tui_support "$db"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys a
tui_wait 'A new model: its system'
tui_type 'empty'
tui_keys Tab
tui_type 'Nothing yet'
tui_keys Tab
tui_wait "saved: create model 'empty'"
tui_keys Escape
tui_wait 'Step 1 of 7: The system'
tui_has '5 Practice 6 Analysis 7 Review'
# A "no" to a practice question gives the empty model a risk.
tui_keys 5
tui_wait 'Step 5 of 7: Practice questions'
tui_keys Enter
tui_wait 'it does not: raises the related risks that fit this model'
tui_keys Up Enter
tui_wait "saved: answer 'q-staff-awareness': no"
tui_has '[no ] Do the people'
tui_has '[5 Practice] 6 Analysis 7 Review'
tui_hasnt '7 Review✓'
tui_keys 6
tui_wait 'Risks that apply: 1'
tui_wait 'Step 6 of 7: Analysis'
tui_has '[6 Analysis] 7 Review'
tui_keys Escape
tui_wait 'Models in'
# The example model: components, flows and risks; the analysis is done.
tui_keys Down
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_has '6 Analysis✓'
tui_hasnt '7 Review✓'
tui_quit
echo "ticks: ok"

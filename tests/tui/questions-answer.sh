#!/usr/bin/env bash
# End to end: the walk-through's step 6 opens with the cursor on its first
# open question; the cursor reaches every open question (a list longer than
# the screen scrolls to its last one), and Enter on a question opens the
# form of the object it asks about, on the field it names, to answer it
# there; Enter elsewhere in the step still opens the register.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb q
TUI_COLS=100 TUI_ROWS=24
tui_support "$db"
# The support assistant's last open question (parapet questions lists
# them in the order of the step).
last=$("$PARAPET" questions "$db" | grep '^field' | tail -1)
case "$last" in
*"of vector-store 'kb' is not answered") ;;
*) tui_fail "the last open question is not the index's: $last" ;;
esac

tui_open_walk "$db"
# Step 6 opens with the cursor on its first open question, from a number
# or from the step before: Enter answers it at once, no Downs first.
tui_keys 6
tui_wait 'Step 6 of 7'
tui_wait 'Enter answer'
tui_keys Enter
tui_wait "Component 'backend' (application)"
tui_wait 'personal-data: it holds or handles data about identifiable people'
tui_keys Escape
tui_wait 'Step 6 of 7'
tui_keys 5
tui_wait 'Step 5 of 7'
tui_keys Right
tui_wait 'Step 6 of 7'
tui_wait 'Enter answer'
tui_keys Enter
tui_wait "Component 'backend' (application)"
tui_keys Escape
tui_wait 'Step 6 of 7'
tui_wait 'Open questions (fields not answered'
# 24 rows hold fewer than the step's lines: the last question is below.
tui_screen | grep -qF "of vector-store 'kb'" &&
    tui_fail "the whole step fits on the screen: the test shows nothing"
tui_keys End
tui_wait "of vector-store 'kb'"
tui_wait 'Enter answer'
tui_keys Enter
tui_wait "Component 'kb' (vector-store)"
# On the first field the question names ("provider or exposure").
tui_wait 'provider: who builds and supplies it'
tui_keys Escape
tui_wait 'Step 6 of 7'
tui_keys Home
tui_wait 'Enter risks'
tui_keys Enter
tui_wait 'risks, by severity'
tui_quit
echo "questions-answer: ok"

#!/usr/bin/env bash
# The walk-through's step 6 lists the open questions the model's last
# analysis kept with it, as the dashboard does, rather than analysing the
# model again; its list is built once per load, and again after a
# decision reloads the model (its counts are then those decided), as step
# 7's list of open risks is.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
db="$TUI_DIR/w.db"
TUI_COLS=100 TUI_ROWS=40

tui_kept_questions "$db"
n=$kept

tui_open_walk "$db"
tui_keys 6
tui_wait 'Step 6 of 7: Analysis'
tui_wait "Open questions (fields not answered that threats would rest on): $n"
# The heading counts the stored questions at once; the list is read after
# the first screen, between keys: wait for it.
tui_wait "kept-by-the-import of application 'backend'"
tui_has 'open 13 mitigating 0'
# Moving in the step keeps what it shows.
tui_keys Down Down NPage PPage Up
tui_wait "kept-by-the-import of application 'backend'"

# decide: in the register just opened, the selected risk's status one
# down the list (mitigating), then Esc back to the walk-through.
decide() {
	tui_wait 'risks, by severity'
	tui_keys s
	tui_wait 'Status of the risk'
	tui_keys Down Enter
	tui_wait 'saved'
	tui_keys Escape
}

# A decision in the register; back in step 6 its counts are those of the
# register as decided (the list built again for the reloaded model), and
# the questions kept still hold.
tui_keys Enter
decide
tui_wait 'Step 6 of 7: Analysis'
tui_wait 'open 12 mitigating 1'
tui_wait "kept-by-the-import of application 'backend'"

# Step 7, the review, is built once per load too: a decision made from
# it takes the risk off its list.
tui_keys 7
tui_wait 'Step 7 of 7: Review the risks'
tui_wait '12 risks still open'
tui_keys Down Up Enter
decide
tui_wait 'Step 7 of 7: Review the risks'
tui_wait '11 risks still open'

tui_quit
echo "walk-questions: ok"

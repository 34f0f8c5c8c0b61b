#!/usr/bin/env bash
# End to end: readable on a projector. At 80x24 no screen cuts an id:
# the title bar keeps the model's id when its name is long; the flows
# (walk-through step 4 and the data-flow screen) show both ends whole and
# wrap the data they carry; the history keeps a long risk's name whole and
# puts the change under it, all its words; the dashboard wraps the
# guideline titles and its note on the risks to confirm.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb p
"$PARAPET" import "$srcdir/tests/data/tui/projector.yaml" "$db" >/dev/null ||
    tui_fail "could not import the model"
"$PARAPET" risk "$db" llm-output-rendering-exfiltration@llm \
    --owner "Head of People Systems" >/dev/null ||
    tui_fail "could not name the risk's owner"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
# The title bar: the id whole, with the revision.
tui_screen | head -1 | grep -qF 'hr-assistant, r2' ||
    tui_fail "the title bar cut the model's id"

# Step 4: the ends of each flow whole, the data wrapped under its column.
tui_keys 4
tui_wait 'Step 4 of 7: Data flows'
tui_wait 'employee-lookup -> chat-backend personal-data'
tui_has 'chat-backend -> employee-lookup'
tui_screen | grep -qE '^ {40,}configuration *$' ||
    tui_fail "the data of 'complete' is cut, not wrapped"
tui_hasnt "$(printf 'chat-b\xe2\x80\xa6')"
# The same on the data-flow screen.
tui_keys V
tui_wait 'Trust boundaries and their components'
tui_keys G
tui_wait 'employee-lookup -> chat-backend personal-data'
tui_screen | grep -qE '^ {40,}configuration *$' ||
    tui_fail "the data-flow screen cuts the data of 'complete'"
tui_keys Escape

# History: the risk's whole name, the change under it in full.
tui_keys H
tui_wait 'History of the model'
tui_wait '    CHANGE'
tui_has 'llm-output-rendering-exfiltration@llm'
tui_has "    owner: set to 'Head of People Systems'"
# A search finds an entry by its change, on the line under it.
tui_keys /
tui_wait 'Search'
tui_type 'Head of People'
tui_keys Enter
tui_wait_gone 'Search'
tui_keys Escape

# The dashboard: guideline titles wrapped, not cut.
tui_keys D
tui_wait 'Risks that apply, by severity and status'
tui_keys G
tui_wait 'Coverage of the 17 guideline subsections'
tui_has '      functionality and performance'
tui_hasnt "$(printf 'as well as fu\xe2\x80\xa6')"
tui_quit
echo "projector: ok"

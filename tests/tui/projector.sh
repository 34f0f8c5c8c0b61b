#!/usr/bin/env bash
# End to end: readable on a projector. At 80x24 no screen cuts an id:
# the title bar keeps the model's id when its name is long; steps 2 and 3
# and the data-flow screen show ids whole; the flows show both ends whole
# and wrap the data they carry; step 7 wraps the titles of the risks to
# review; the history keeps a long risk's name whole and puts the change
# under it, all its words; the dashboard wraps the guideline titles; a
# pick list shows the selected option's help whole, and a question too
# long for its frame inside it; the organisation's register keeps each
# system's id and each overdue risk whole, with who answers for them on a
# line under.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb p
"$PARAPET" import "$srcdir/tests/data/projector.yaml" "$db" >/dev/null ||
    tui_fail "could not import the model"
"$PARAPET" risk "$db" llm-output-rendering-exfiltration@llm \
    --owner "Head of People Systems" >/dev/null ||
    tui_fail "could not name the risk's owner"
"$PARAPET" mitigation "$db" llm-output-rendering-exfiltration@llm \
    m-safe-rendering --status planned --owner "Front-end lead" \
    --due 2026-11-01 >/dev/null || tui_fail "could not plan a mitigation"

# uncut WHAT: nothing under the title bar (which may cut the model's name
# on purpose) ends in an ellipsis: no text of WHAT is cut.
uncut() {
	tui_screen | tail -n +2 | grep -qF '…' &&
	    tui_fail "$1 cuts text: $(tui_screen | tail -n +2 | grep -F '…')"
	return 0
}

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
# The title bar: the id whole, with the revision; the name gives way.
tui_screen | head -1 | grep -qE 'Human resources .*… \(hr-assistant, r[0-9]+\) *$' ||
    tui_fail "the title bar cut the model's id"

# Steps 2 and 3: ids whole, the names take the rest.
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_screen | grep -qE '^  hr-information-system +HR information system +datastore +cloud' ||
    tui_fail "the components step cuts a long id"
# A pick list whose helps are cut beside the options shows the selected
# one's whole under them.
tui_keys a
tui_wait 'What kind of component?'
tui_keys Down
tui_wait 'a person with privileged access: ML engineer, administrator'
tui_keys Escape
tui_wait_gone 'What kind of component?'
# Step 4: the ends of each flow whole, the data wrapped under its column.
tui_keys 4
tui_wait 'Step 4 of 7: Data flows'
tui_wait 'employee-lookup -> chat-backend personal-data'
tui_has 'chat-backend -> employee-lookup'
tui_screen | grep -qE '^ {40,}configuration *$' ||
    tui_fail "the data of 'complete' is cut, not wrapped"
uncut "step 4"
# The same on the data-flow screen.
tui_keys V
tui_wait 'Trust boundaries and their components'
tui_screen | grep -qE '^    hr-information-system +HR information system +datastore' ||
    tui_fail "the data-flow screen cuts a long component id"
tui_keys G
tui_wait 'employee-lookup -> chat-backend personal-data'
tui_screen | grep -qE '^ {40,}configuration *$' ||
    tui_fail "the data-flow screen cuts the data of 'complete'"
tui_keys Escape

# Step 7: each open risk's title whole, wrapped under itself.
tui_keys 7
tui_wait 'Step 7 of 7: Review the risks'
tui_wait '  MED  open llm          Injected instructions leak data through links or images'
tui_screen | grep -qE '^ {25}in answers *$' ||
    tui_fail "step 7 cuts the title of a risk"
# The cursor skips the wrapped line: Down from the first risk is the
# second, and Enter opens it in the register.
tui_keys Down Enter
tui_wait 'llm-direct-prompt-injection on llm'
tui_has "Direct prompt injection overrides the model's instructions"
tui_keys W
tui_wait 'Step 7 of 7'

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
uncut "the coverage of the guidelines"
tui_keys Escape Escape Escape
tui_wait 'Models in'

# A question too long for its box's frame is inside it, whole.
tui_keys d
tui_wait "Delete model 'hr-assistant' with its risks and decisions? (History keeps a"
tui_has ' record.) '
tui_keys Escape
tui_wait_gone 'with its risks and decisions?'

# The organisation's register: ids whole, owner and team under them.
tui_keys r
tui_wait 'Register of'
tui_wait '    owner HR Director, team People Systems and HR Operations'
tui_screen | grep -qE '^  hr-assistant +[0-9]+ +[0-9]+ ' ||
    tui_fail "the register cuts the system's id"
tui_has '2026-11-01 hr-assistant llm-output-rendering-exfiltration@llm medium'
tui_has '             m-safe-rendering, owner Front-end lead'
tui_quit
echo "projector: ok"

#!/usr/bin/env bash
# End to end: in a new component's form, Enter on the name goes on past
# the kind, chosen in the pop-up just before the form opened: a quick
# answer typed next ("internet", meant for the boundary) lands on the
# boundary, and never on the kind, where its 'i' chose inference-service
# and dropped the fields of the kind chosen. Tab and Up still reach the
# kind. Read back through parapet export.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb nk
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"

# component ID: the exported block of component ID, one line per field.
component() {
	"$PARAPET" export "$db" --format yaml |
	    awk -v id="  - id: $1" '$0 == id { on = 1; print; next }
		on && /^  - / { on = 0 } on && /^    / { print }
		on && !/^    / { on = 0 }'
}

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys a
tui_wait 'What kind of component?'
tui_keys v
tui_keys Enter
tui_wait 'A new component (vector-store)'
tui_type 'docs'
tui_keys Enter
tui_wait 'name: name of the component'
tui_type 'Docs index'
tui_keys Enter
tui_wait 'boundary: the trust boundary it runs in'
tui_hasnt 'kind: what sort of component it is'
# The answer meant for the boundary goes there.
tui_type 'internet'
tui_keys Enter
tui_wait "saved: edit component 'docs'"
out=$(component docs)
grep -qx '    kind: vector-store' <<<"$out" ||
    tui_fail "the kind changed: $out"
grep -qx '    boundary: internet' <<<"$out" ||
    tui_fail "the answer after the name is not the boundary: $out"
# Up reaches the kind, and so does Tab from the name.
tui_keys Up Up
tui_wait 'kind: what sort of component it is'
tui_keys Up
tui_wait 'name: name of the component'
tui_keys Tab
tui_wait 'kind: what sort of component it is'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'

# An existing component's form does not skip: its kind was not just chosen.
tui_edit_field 'Docs index' "Component 'docs' (vector-store)" \
    'name: name of the component'
tui_keys Enter
tui_wait 'kind: what sort of component it is'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
[ "$(component docs)" = "$out" ] || tui_fail "looking changed the component"
tui_quit
echo "new-kind: ok"

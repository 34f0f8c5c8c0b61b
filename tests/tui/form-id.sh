#!/usr/bin/env bash
# End to end: an existing component's form opens on its name, not its id,
# and stray typing never renames it (a new user's keys meant for another
# screen renamed a component, with its flows); Enter on the id renames it
# on purpose, in a prompt that refuses an id already taken and keeps the
# old one, and the flows follow; a flow's form opens past its id too.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb fid
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys /
tui_wait 'Search'
tui_type 'kb'
tui_keys Enter
tui_keys Enter
tui_wait "Component 'kb' (vector-store)"
# The cursor is on the name: what is typed goes there.
tui_wait 'name: name of the component'
tui_type 'bbvb'
tui_keys Enter
tui_wait "saved: edit component 'kb'"
tui_has 'Help-centre indexbbvb'
# On the id, letters and C-u change nothing and say how to rename.
tui_keys Up Up
tui_wait '(Enter renames it)'
tui_type 'x'
tui_wait "the id is not typed over: Enter renames 'kb'"
tui_keys C-u
tui_keys Tab
tui_wait 'name: name of the component'
"$PARAPET" export "$db" --format yaml | grep -q '^  - id: kb$' ||
    tui_fail "typing on the id changed it"
# A rename to an id in use is refused; the prompt stays to correct it.
tui_keys Up
tui_wait '(Enter renames it)'
tui_keys Enter
tui_wait "Rename component 'kb'"
tui_keys C-u
tui_type 'llm'
tui_keys Enter
tui_wait "not renamed: id 'llm' is already used by a component"
tui_has "Rename component 'kb'"
tui_keys C-u
tui_type 'help-index'
tui_keys Enter
tui_wait "saved: edit component 'help-index'"
tui_wait_gone "Rename component"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
out=$("$PARAPET" export "$db" --format yaml)
grep -q 'id: help-index' <<<"$out" || tui_fail "the rename was not stored"
grep -q 'from: help-index' <<<"$out" ||
    tui_fail "the flow from the component did not follow the rename"

# A flow's form opens on the field after its id too.
tui_keys 4
tui_wait 'Step 4 of 7'
tui_keys /
tui_wait 'Search'
tui_type 'ask'
tui_keys Enter
tui_keys Enter
tui_wait "Data flow 'ask'"
tui_wait 'from: the component the data comes from'
tui_keys Escape
tui_wait 'Step 4 of 7'
tui_quit
echo "form-id: ok"

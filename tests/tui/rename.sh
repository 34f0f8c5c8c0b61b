#!/usr/bin/env bash
# End to end: editing a component's id in the screens carries its risks,
# their decisions and their history to the new id (none comes back open
# and unowned), and undo renames it back, decisions and all.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb n
TUI_COLS=100 TUI_ROWS=30
export PARAPET_USER=ciso
tui_support "$db"
"$PARAPET" risk "$db" llm-direct-prompt-injection@llm --status accepted \
    --owner ciso --justification 'vendor filter, signed' >/dev/null
"$PARAPET" mitigation "$db" llm-direct-prompt-injection@llm \
    m-input-filtering --status planned --due 2027-01-31 >/dev/null 2>&1 ||
    true

tui_start "$PARAPET" "$db"
tui_wait 'Customer support assistant'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys /
tui_type 'llm'
tui_keys Enter
tui_keys Enter
tui_wait "Component 'llm' (model)"
# The form opens on the name; the id is renamed on purpose, in a prompt.
tui_keys Up
tui_wait '(Enter renames it)'
tui_keys Enter
tui_wait "Rename component 'llm'"
tui_keys C-u
tui_type 'chat-llm'
tui_keys Enter
tui_wait "saved: edit component 'chat-llm'"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'

out="$("$PARAPET" risk "$db" llm-direct-prompt-injection@chat-llm)" ||
    tui_fail "the risk did not follow the rename"
grep -q 'status:    accepted (by ciso' <<<"$out" ||
    tui_fail "the decision did not follow the rename: $out"
if "$PARAPET" risks "$db" --all | grep -q '@llm '; then
	tui_fail "risks were left behind on the old id"
fi
"$PARAPET" history "$db" --object llm-direct-prompt-injection@chat-llm |
    grep -q 'status: open -> accepted' ||
    tui_fail "the history of the risk did not follow the rename"

# Undo renames it back, with the decision.
tui_keys u
tui_wait "undone"
tui_keys C-r
out="$("$PARAPET" risk "$db" llm-direct-prompt-injection@llm)" ||
    tui_fail "undo did not bring the risk back under 'llm'"
grep -q 'accepted' <<<"$out" || tui_fail "undo lost the decision: $out"

tui_quit
echo "tui rename: ok"

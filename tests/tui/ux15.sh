#!/usr/bin/env bash
# End to end, at 80x24: accepting a risk asks why, and the prompt says
# before the answer what an acceptance needs (at least three words), not
# only after a shorter one is refused. A short answer is still refused,
# and a longer one accepts the risk.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb ux15
tui_support "$db"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys R
tui_wait 'risks, by severity'
tui_keys s
tui_wait 'Status of the risk'
tui_keys a Enter
tui_wait 'Who owns this risk?'
tui_keys C-u
tui_type 'Head of IT'
tui_keys Enter
tui_wait 'Why is this risk accepted?'
tui_has 'in at least 3 words'
tui_type 'low risk'
tui_keys Enter
tui_wait 'justification of at least 3 words'
tui_has 'Why is this risk accepted?'
tui_keys C-u
tui_type 'Staff only, behind the VPN'
tui_keys Enter
tui_wait_gone 'Why is this risk accepted?'
tui_wait 'accepted'
"$PARAPET" risks "$db" | grep -q '^[a-z]* *accepted' ||
    tui_fail "the risk is not accepted in the database"
tui_keys q

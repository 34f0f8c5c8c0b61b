#!/usr/bin/env bash
# A second new user describes a small RAG assistant of their own, at 80x24:
# choosing a flow's ends from their lists is no mistake, so what is still
# missing is not shown as an error; and the texts about unanswered fields
# say what the analysis does (an open question, not a risk).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
tui_newdb kb
cat >"$TUI_DIR/kb.yaml" <<'YAML'
parapet: 1
system: {id: kb-helper, name: Knowledge-base helper}
components:
  - {id: staff, name: Staff, kind: user}
  - {id: app, name: Chat app, kind: application}
YAML
"$PARAPET" import "$TUI_DIR/kb.yaml" "$db" >/dev/null
# A session that outlives the program's (see tests/tui/newuser.sh).
tui new-session -d -s keep -x 80 -y 24 'sleep 3600'

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 1 of 7'
# Criticality does not raise "every risk": medium changes nothing, high
# and critical raise the harms to what the system decides, does or holds.
tui_wait 'lowers every impact'
joined() { tui_screen | tr '\n' ' ' | tr -s ' '; }
joined | grep -qF 'high or critical raises the impact of harm to what the system decides, does or holds; low lowers every impact.' ||
    tui_fail "step 1 does not say what criticality raises"
tui_keys 4
tui_wait 'Step 4 of 7: Data flows'
# It said "an unanswered field counts as the risky answer", while the
# analysis makes such a field an open question and raises no risk on it.
tui_wait 'unanswered field is an open question'
joined | grep -qF 'an unanswered field is an open question that names the risks its risky answer would raise' ||
    tui_fail "step 4 does not say that an unanswered field is an open question"
tui_keys a
tui_wait 'A new data flow'
tui_type 'ask'
tui_keys Tab
tui_wait "not saved yet: 'from' is required (fill in the fields marked *)"
# Enter on 'from' opens its list: the field being filled in is no mistake.
tui_keys Enter
tui_wait 'Staff'
tui_screen | grep -qF "error: not saved yet" &&
    tui_fail "opening the list of 'from' shows an error"
tui_keys s Enter
# Chosen: the cursor is on 'to', next, and still no error.
tui_wait "not saved yet: 'to' is required (fill in the fields marked *)"
tui_wait 'to: the component the data goes to'
tui_screen | grep -qF "error: not saved yet" &&
    tui_fail "choosing 'from' shows an error"
tui_keys Enter
tui_wait 'Chat app'
tui_keys a Enter
tui_wait "saved: add flow 'ask'"
# The list of a yes/no field says what 'unknown' does. The choice of 'to'
# went on to 'name': seven fields down is 'validated'.
tui_wait 'name: name of the flow'
for _ in $(seq 7); do
	tui_keys Down
done
tui_wait 'validated: '
tui_keys Enter
tui_wait 'not known yet: left as an open question, not a risk'
tui_keys Escape
tui_quit
tui kill-session -t keep 2>/dev/null || true
echo ok

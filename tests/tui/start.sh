#!/usr/bin/env bash
# End to end: the start screen counts risks by status as the dashboard
# does: mitigating ones have their column beside the mitigated ones, in
# words (ACCEPTED, not ACC). At 80 columns, where they would cut the
# model's name, only the open ones are counted beside the severities.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb s
tui_support "$db"
for r in llm-indirect-prompt-injection@llm llm-direct-prompt-injection@llm \
    rag-poisoning@kb; do
	"$PARAPET" risk "$db" "$r" --status mitigating >/dev/null ||
	    tui_fail "could not mark $r mitigating"
done
"$PARAPET" risk "$db" agent-actions-unaudited@backend --status mitigated \
    --justification "the backend logs every ticket it opens" >/dev/null ||
    tui_fail "could not mark a risk mitigated"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_screen |
    grep -qE '^  support-assistant +Customer support assistant( +[0-9]+){5} *$' ||
    tui_fail "at 80 columns the name is cut or the open risks not counted"
tui_quit
TUI_COLS=120 tui_start -t wide "$PARAPET" "$db"
tui_use wide
tui_wait 'Models in'
tui_screen | grep -qE 'OPEN +MITIGATING +MITIGATED +ACCEPTED *$' ||
    tui_fail "no OPEN MITIGATING MITIGATED ACCEPTED columns"
# 12 risks (the severities are the catalogue's; what rests only on
# unanswered fields is open questions; the ticket tool acts, so excessive
# agency or code execution holds whatever its executes-code, and the first
# is a risk; the jailbreak is part of the direct injection finding): 8
# open, 3 mitigating, 1 mitigated, 0 accepted.
tui_screen | grep -qE '^  support-assistant +Customer .* +8 +3 +1 +0 *$' ||
    tui_fail "the counts by status are not 8 3 1 0"
# The same counts on the dashboard.
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys D
tui_wait 'Risks that apply, by severity and status (12)'
tui_screen | grep -qE '^  total +8 +3 +1 +0 +0 +12' ||
    tui_fail "the dashboard counts differently"
# Below, the open questions: the practice questions not answered and the
# unanswered fields that threats would rest on, the worst first.
tui_wait 'Open questions (33)'
tui_wait '23 practice questions not answered'
tui_wait '10 fields not answered that threats would rest on'
tui_wait "HIGH fine-tuned or learns-from-feedback of model 'llm' ("
tui_quit
echo "start: ok"

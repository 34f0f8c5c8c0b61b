#!/usr/bin/env bash
# End to end: the start screen counts risks by status as the dashboard
# does: mitigating ones have their column beside the mitigated ones, in
# words (ACCEPTED, not ACC), and the not applicable ones too, so that the
# statuses add up to RISKS, the risks that apply, as the severities do
# (a label says so). At 80 columns, where they would cut the model's
# name, only the open ones are counted beside the total and severities,
# as `parapet list` does.
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
"$PARAPET" risk "$db" llm-unbounded-consumption@llm --status not-applicable \
    --justification "a fixed quota caps every customer" >/dev/null ||
    tui_fail "could not mark a risk not applicable"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_has 'RISKS: the risks that apply to each model, whatever their status'
tui_screen | grep -qE ' RISKS +CRIT +HIGH +MED +LOW +OPEN *$' ||
    tui_fail "at 80 columns the total, severities and open are not labelled"
tui_screen |
    grep -qE '^  support-assistant +Customer support assistant +13( +[0-9]+){4} +8 *$' ||
    tui_fail "at 80 columns the name is cut or the risks not counted"
# parapet list counts the same: 13 risks that apply, 8 of them open.
"$PARAPET" list "$db" |
    grep -qE '^support-assistant +[0-9]+ +[0-9]+ +[0-9]+ +13  ([0-9]+/){3}[0-9]+ +8 ' ||
    tui_fail "parapet list counts differently from the start screen"
tui_quit
TUI_COLS=120 tui_start -t wide "$PARAPET" "$db"
tui_use wide
tui_wait 'Models in'
tui_screen | grep -qE 'RISKS +CRIT +HIGH +MED +LOW +OPEN +MITIGATING +MITIGATED +ACCEPTED +N/A *$' ||
    tui_fail "no RISKS ... OPEN MITIGATING MITIGATED ACCEPTED N/A columns"
# 13 risks (the severities are the catalogue's; what rests only on
# unanswered fields is open questions; the ticket tool acts, so excessive
# agency or code execution holds whatever its executes-code, and the first
# is a risk; the jailbreak is part of the direct injection finding; the
# customer's chat reaches the backend without authentication, and a person
# opens the flows it sends, so that is a risk, not a question): 8
# open, 3 mitigating, 1 mitigated, 0 accepted, 1 not applicable.
tui_screen | grep -qE '^  support-assistant +Customer .* +13( +[0-9]+){4} +8 +3 +1 +0 +1 *$' ||
    tui_fail "the counts are not 13, then by status 8 3 1 0 1"
# The same counts on the dashboard.
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys D
tui_wait 'Risks that apply, by severity and status (13)'
tui_screen | grep -qE '^  total +8 +3 +1 +0 +1 +13' ||
    tui_fail "the dashboard counts differently"
# Below, the open questions: the practice questions not answered and the
# unanswered fields that threats would rest on, the worst first (10: the
# index 'kb' does not say who may read what it returns, access-control).
tui_wait 'Open questions (33)'
tui_wait '23 practice questions not answered'
tui_wait '10 fields not answered that threats would rest on'
tui_has "MED  access-control of vector-store 'kb' (1 threat)"
tui_wait "HIGH fine-tuned or learns-from-feedback of model 'llm' ("
tui_quit
echo "start: ok"

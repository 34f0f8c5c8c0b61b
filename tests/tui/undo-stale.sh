#!/usr/bin/env bash
# End to end: undoing a decision on a risk that another process decided
# since is refused with "changed by someone else", and the other's
# decision stays (an undo wrote over it before); an undo with nobody in
# between still takes the decision back. With PARAPET_TEST_BACKEND=pg
# (tests/tui/pg/undo-stale.sh) the database is on the PostgreSQL server of
# $PARAPET_TEST_PG.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb u
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"
risk=llm-misinformation-overreliance@llm

# stored: the status the database holds for the risk.
stored() {
	"$PARAPET" risk "$db" "$risk" | sed -n 's/^  status: *\([a-z-]*\).*/\1/p'
}

tui_open_register "$db"
tui_filter_text 'Confident but wrong'
tui_wait 'HIGH open'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait "saved: status '$risk': mitigating"

# Another process decides the same risk.
"$PARAPET" risk "$db" "$risk" --status not-applicable --owner Xavier \
    --justification 'answers are only suggestions to agents' >/dev/null ||
    tui_fail "could not decide from the command line"
tui_keys u
tui_wait 'changed by someone else'
[ "$(stored)" = not-applicable ] ||
    tui_fail "the undo wrote over another's decision: $(stored)"
"$PARAPET" history "$db" | grep -q "$risk.*\[undo\]" &&
    tui_fail "a refused undo is in the history"

# Nobody in between: the undo takes this screen's decision back.
tui_wait 'HIGH not-applicable'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Home Enter
tui_wait "saved: status '$risk': open"
[ "$(stored)" = open ] || tui_fail "the decision is not stored: $(stored)"
tui_keys u
tui_wait 'undone:'
tui_wait 'HIGH not-applicable'
[ "$(stored)" = not-applicable ] ||
    tui_fail "the undo did not take the decision back: $(stored)"
tui_quit
echo "undo-stale: ok"

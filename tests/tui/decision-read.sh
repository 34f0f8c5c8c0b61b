#!/usr/bin/env bash
# End to end: after a decision in the register, the screens show it (its
# status, the model's new revision, the counts), and a change another
# process makes after it still shows on the next screen opened: reading
# back only the decided risk (what the screens do when nothing else was
# written) must not hide a later change. With PARAPET_TEST_BACKEND=pg
# (tests/tui/pg/decision-read.sh) the database is on the PostgreSQL server
# of $PARAPET_TEST_PG, where the whole model is read again instead.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb d
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"

tui_open_register "$db"
tui_has 'revision 1)'
tui_filter_text 'Confident but wrong'
tui_wait 'HIGH open'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait "saved: status 'llm-misinformation-overreliance@llm': mitigating"
tui_wait 'HIGH mitigating'
tui_wait 'revision 2)'
# Every risk is still there, in the same order, the decided one included.
tui_keys c
tui_wait '13 of 13 risks'
"$PARAPET" history "$db" | grep -c 'llm-misinformation-overreliance@llm.*mitigating' |
    grep -qx 1 || tui_fail "the decision is not in the history once"

# Another process decides another risk after it: revision 3.
"$PARAPET" risk "$db" rag-poisoning@kb --status not-applicable \
    --owner Xavier --justification 'the index holds vetted pages only' \
    >/dev/null || tui_fail "could not decide from the command line"
tui_keys D
tui_wait 'Dashboard'
tui_wait 'revision 3)'
tui_keys R
tui_wait 'risks, by severity'
tui_filter_text 'rag-poisoning'
tui_wait 'not-applicable'
tui_has 'revision 3)'
tui_keys c
tui_wait '13 of 13 risks'
tui_filter_text 'Confident but wrong'
tui_wait 'HIGH mitigating'
tui_quit
echo "decision-read: ok"

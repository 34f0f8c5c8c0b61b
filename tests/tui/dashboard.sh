#!/usr/bin/env bash
# The dashboard lists the open questions the model's last analysis kept
# with it (as the report does), rather than analysing the model again at
# each load (a minute at a million risks); after a decision its counts
# are those of the register as decided.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
command -v sqlite3 >/dev/null 2>&1 || {
	echo "SKIP: no sqlite3 program to change the kept questions" >&2
	exit 77
}
db="$TUI_DIR/d.db"
TUI_COLS=100 TUI_ROWS=30

"$PARAPET" import "$srcdir/tests/data/tui/support.yaml" "$db" >/dev/null
# What the import's analysis kept, made recognisable: a fresh analysis
# would find the field 'personal-data or confidential-data' here.
n=$(sqlite3 "$db" "SELECT count(*) FROM open_questions")
[ "$n" -gt 0 ] || tui_fail "the import kept no open questions"
sqlite3 "$db" "UPDATE open_questions SET field = 'kept-by-the-import'
    WHERE position = (SELECT min(position) FROM open_questions)"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait ' of 7: '
tui_keys D
tui_wait 'Risks that apply, by severity and status (12)'
tui_has "$n fields not answered that threats would rest on"
tui_has "kept-by-the-import of application 'backend'"
line="$(tui_screen | grep -E '^  total ')"
[ "$(awk '{ print $3 }' <<<"$line")" = 0 ] ||
    tui_fail "a risk is mitigating before any decision: $line"

# A decision: the register is read again, the page is built again from
# it; the questions kept still hold (a decision does not change them).
tui_keys R
tui_wait 'risks, by severity'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait 'saved'
tui_keys D
tui_wait 'Risks that apply, by severity and status (12)'
tui_wait_gone 'Status of the risk'
line="$(tui_screen | grep -E '^  total ')"
[ "$(awk '{ print $2, $3 }' <<<"$line")" = "11 1" ] ||
    tui_fail "after the decision, open and mitigating are not 11 and 1: $line"
tui_has "kept-by-the-import of application 'backend'"

tui_quit
echo "dashboard: ok"

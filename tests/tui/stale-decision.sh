#!/usr/bin/env bash
# End to end: a decision made in the register on a risk that another
# process has meanwhile made "no longer apply" (a re-import without its
# component), or apply again, is refused with "changed by someone else",
# and nothing is written: no status, no history entry. A check the screen
# makes on what it shows (accepting needs an owner) does not speak first.
# With PARAPET_TEST_BACKEND=pg (tests/tui/pg/stale-decision.sh) the
# database is on the PostgreSQL server of $PARAPET_TEST_PG.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb s
TUI_COLS=100 TUI_ROWS=30
support="$srcdir/tests/data/tui/support.yaml"
# The same assistant without its help-centre index (and the flow from it).
nokb="$TUI_DIR/nokb.yaml"
sed '/^  - id: kb$/,/^    origin: scraped$/d; /id: retrieve,/d' "$support" \
    >"$nokb"
grep -q 'id: kb' "$nokb" && tui_fail "the index is still in $nokb"
tui_support "$db"
# A justification keeps the risk, no longer applying, when kb goes.
"$PARAPET" risk "$db" rag-poisoning@kb --justification 'kept for the trial' \
    >/dev/null || tui_fail "could not give a justification"

# history_lines: how many lines of history name the poisoning risk.
history_lines() {
	"$PARAPET" history "$db" | grep -c 'rag-poisoning@kb' || true
}

tui_open_register "$db"
tui_filter_text 'rag-poisoning'
tui_wait '1 of '
tui_has 'rag-poisoning on kb'

# Another process re-imports the model without the index. Accepting the
# risk (it has no owner) is refused as changed, not as a risk without an
# owner, and no justification is asked for.
"$PARAPET" import "$nokb" "$db" >/dev/null
before=$(history_lines)
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Down Down Enter
tui_wait 'changed by someone else'
tui_has 'it no longer applies'
tui_hasnt 'Who owns this risk?'
tui_hasnt 'Why is this risk accepted?'
[ "$(history_lines)" = "$before" ] ||
    tui_fail "a refused decision was written to history"

# The index comes back, and the screen shows it again; then it goes once
# more, and a status chosen on the screen that still shows it is refused.
"$PARAPET" import "$support" "$db" >/dev/null
tui_keys C-r
tui_wait '1 of 13 risks'
"$PARAPET" import "$nokb" "$db" >/dev/null
before=$(history_lines)
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait 'changed by someone else'
tui_has 'not saved'
tui_has 'it no longer applies'
[ "$(history_lines)" = "$before" ] ||
    tui_fail "a refused decision was written to history"
"$PARAPET" risks --all "$db" | grep -q '^high      open .*rag-poisoning@kb' ||
    tui_fail "the refused status was written"

"$PARAPET" import "$support" "$db" >/dev/null
tui_keys C-r
tui_wait '1 of 13 risks'
# Looked at again, the same decision is saved.
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Enter
tui_wait "saved: status 'rag-poisoning@kb': mitigating"
"$PARAPET" risks "$db" | grep -q '^high      mitigating .*rag-poisoning@kb' ||
    tui_fail "the decision made on a current view was not written"
tui_quit
echo "stale-decision: ok"

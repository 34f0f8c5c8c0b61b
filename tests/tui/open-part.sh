#!/usr/bin/env bash
# End to end: a model opens with what its first step shows (its system
# and practice answers); its boundaries, components and flows are read
# when a screen shows them. Nothing is lost or mixed on the way: a practice
# answered on a model opened so is saved with every object,
# and undone as whole; an edit made elsewhere between the opening and the
# first screen that lists the components shows there, with the revision
# it came with, never the new objects under the old system; an export
# and the data-flow view read every object. With
# PARAPET_TEST_BACKEND=pg (tests/tui/pg/open-part.sh) the database is on
# the PostgreSQL server of $PARAPET_TEST_PG, and the test SKIPs without
# one.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb o
TUI_COLS=100 TUI_ROWS=30
tui_support "$db"
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/before.yaml" 2>/dev/null ||
    tui_fail "cannot export the model"

# The practice step, first: the model is open in part.
tui_open_walk "$db"
tui_has '(support-assistant, revision 1)'
q=q-staff-awareness
tui_keys Space
tui_wait '[yes] Do the people who own'
tui_keys Down
tui_wait "saved: answer '$q': yes"
# Stored: the answer, and every component and flow as they were.
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/answered.yaml" 2>/dev/null
diff "$TUI_DIR/before.yaml" "$TUI_DIR/answered.yaml" |
    grep '^[<>]' >"$TUI_DIR/diff" || true
grep -q "^> .*$q: yes" "$TUI_DIR/diff" || tui_fail "the answer was not stored"
# (Added: the answer under a heading of its own, after a blank line.)
if grep -v -e "^>  *$q: yes\$" -e '^> practices:$' -e '^> *$' \
    "$TUI_DIR/diff" | grep -q .; then
	tui_fail "more than the answer changed: $(cat "$TUI_DIR/diff")"
fi
# Undone: the model as it was, whole.
tui_keys u
tui_wait "undone: answer '$q': yes"
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/undone.yaml" 2>/dev/null
diff "$TUI_DIR/before.yaml" "$TUI_DIR/undone.yaml" >/dev/null ||
    tui_fail "the undo did not bring the model back: $(diff \
    "$TUI_DIR/before.yaml" "$TUI_DIR/undone.yaml")"

# Opened again (in part, at revision 3), then changed elsewhere: a
# component renamed, a boundary too.
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7: Practice questions'
tui_has '(support-assistant, revision 3)'
sed -e 's/name: Help-centre index/name: Help index of B/' \
    -e 's/name: Production cloud account/name: Cloud of B/' \
    "$srcdir/tests/data/tui/support.yaml" >"$TUI_DIR/b.yaml"
"$PARAPET" import "$TUI_DIR/b.yaml" "$db" >/dev/null ||
    tui_fail "the other import failed"
# The components, read now, are the stored ones, with the system and
# boundaries of the same revision.
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_wait 'Help index of B'
tui_has '(support-assistant, revision 4)'
tui_hasnt 'Help-centre index'
tui_keys 2
tui_wait 'Step 2 of 7: Trust boundaries'
tui_has 'Cloud of B'
# Opened again, in part: an export writes the whole model, as the
# command line does.
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7: Practice questions'
tui_keys X
tui_wait 'Export the model'
tui_keys Down Down Down Down Down Enter
tui_wait 'Export yaml to the file'
tui_keys C-u
tui_type "$TUI_DIR/tui.yaml"
tui_keys Enter
tui_wait "exported yaml to '$TUI_DIR/tui.yaml'"
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/cli.yaml" 2>/dev/null
diff "$TUI_DIR/cli.yaml" "$TUI_DIR/tui.yaml" >/dev/null ||
    tui_fail "the export differs: $(diff "$TUI_DIR/cli.yaml" \
    "$TUI_DIR/tui.yaml")"
grep -q 'name: Help index of B' "$TUI_DIR/tui.yaml" ||
    tui_fail "the export lacks the components"
# Opened again, in part: the data-flow view reads every flow.
tui_keys Escape
tui_wait 'Step 5 of 7: Practice questions'
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7: Practice questions'
tui_keys V
tui_wait 'open-ticket'
for f in ask complete retrieve; do
	tui_has "$f"
done
tui_quit
echo "open-part: ok"

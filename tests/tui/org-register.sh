#!/usr/bin/env bash
# End to end: the organisation's register screen (r on the start screen)
# counts every system as `parapet register` does, lists the overdue
# mitigations and the accepted risks due for review, opens a system or an
# item's risk (and Esc comes back to it), filters by team, owner and
# severity, and shows hostile text inert. On a file, or on PostgreSQL
# (tests/tui/pg/org-register.sh).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb org
export PARAPET_NOW=2026-11-25T12:00:00Z PARAPET_USER=tester

. "$srcdir/tests/data/org/model.sh"
model alpha "Fraud scoring" Alice payments answered >"$TUI_DIR/a.yaml"
model beta "Refund scoring" Bob support answered >"$TUI_DIR/b.yaml"
# An owner with an escape sequence: it must not reach the terminal.
model gamma "Chargeback scoring" 'Eve\e[31mRED' support >"$TUI_DIR/g.yaml"
for m in a b g; do
	"$PARAPET" import "$TUI_DIR/$m.yaml" "$db" >/dev/null ||
	    tui_fail "cannot import $m"
done
# An overdue mitigation in alpha; a risk of beta accepted long ago.
fact=flow-unencrypted-sensitive@api
"$PARAPET" risk "$db" "$fact" --model alpha --status mitigating >/dev/null ||
    tui_fail "cannot decide $fact"
"$PARAPET" mitigation "$db" "$fact" m-encrypt-in-transit --model alpha \
    --status planned --owner Carol --due 2026-01-10 >/dev/null ||
    tui_fail "cannot plan the mitigation"
PARAPET_NOW=2025-06-01T09:00:00Z "$PARAPET" risk "$db" \
    model-extraction@api --model beta --status accepted \
    --justification "scores are coarse already" --owner "Risk Lead" \
    >/dev/null ||
    tui_fail "cannot accept the risk"

# counts ID: the numbers `parapet register` prints for a system, in the
# screen's order: CRIT HIGH MED LOW CONFIRM OVERDUE REVIEW QUESTIONS.
counts() {
	"$PARAPET" register "$db" --format csv "$@" | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["system"] == sys.argv[1]:
        print(" ".join(r[k] for k in ("critical", "high", "medium", "low",
            "to_confirm", "overdue", "review", "open_questions")))
' "$sys"
}
# same_counts ID [REGISTER OPTIONS]: the screen's line for ID shows them.
same_counts() {
	local sys="$1" want
	shift
	want="$(counts "$@")"
	[ -n "$want" ] || tui_fail "parapet register has no $sys"
	tui_screen | grep -E "^[ >] $sys " | grep -oE '( +[0-9]+){8} *$' |
	    tr -s ' ' | sed 's/^ //; s/ $//' | grep -qx -- "$want" ||
	    tui_fail "$sys: the screen does not show '$want' ($*)"
}

TUI_COLS=100 tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_has 'r register'
tui_keys r
tui_wait 'Register of'
tui_has 'Systems (3)'
for s in alpha beta gamma; do
	same_counts "$s"
done
# Its open questions are the practice questions: said, as the dashboard
# counts the fields not answered too.
tui_has 'QUESTIONS: practice questions not answered' ||
    tui_fail "the register does not say what QUESTIONS counts"
tui_has 'Overdue mitigations (1)'
tui_screen | grep -qE '2026-01-10 +alpha +flow-unencrypted-sensitive@api +[a-z]+ +m-encrypt-in-transit, owner Carol' ||
    tui_fail "the overdue mitigation is not listed with its day, system and risk"
tui_has 'Accepted risks due for review (1)'
tui_screen | grep -qE '2025-06-01 +beta +model-extraction@api .*accepted by tester: scores are coarse' ||
    tui_fail "the risk due for review is not listed"
# The owner's escape sequence is shown, not sent.
tui_has 'Eve^[[31m'
if tui_screen -e | grep -q $'Eve\e'; then
	tui_fail "an owner's escape sequence reached the terminal"
fi

# Enter on the overdue item: alpha's register on that risk; Esc goes back
# through its walk-through to the register, not to the start screen.
tui_keys End Up
tui_keys Enter
tui_wait 'Parapet │ Risks │ Fraud scoring (alpha'
tui_wait 'flow-unencrypted-sensitive on api'
tui_keys Escape
tui_wait 'Walk-through'
tui_keys Escape
tui_wait 'Register of'
tui_has 'Systems (3)'
# Enter on a system opens its walk-through.
tui_keys Home Down
tui_keys Enter
tui_wait 'Refund scoring (beta'
tui_keys Escape
tui_wait 'Register of'

# A team typed in another case finds nothing, and the screen says why.
tui_keys t
tui_wait 'Only the systems of this team'
tui_type Support
tui_keys Enter
tui_wait "Filters: team 'Support'"
tui_has 'Systems (0)'
tui_has 'matches exactly, case too'
tui_keys c
tui_wait 'Filters: none'

# Filters: a team, then an owner, then a severity; c clears them.
tui_keys t
tui_wait 'Only the systems of this team'
tui_type support
tui_keys Enter
tui_wait "Filters: team 'support'"
tui_has 'Systems (2)'
tui_hasnt ' alpha '
same_counts beta --team support
same_counts gamma --team support
tui_has 'Overdue mitigations (0)'
tui_keys o
tui_wait 'Only the risks of this owner'
tui_type Bob
tui_keys Enter
tui_wait "Filters: owner 'Bob', team 'support'"
tui_has 'Systems (1)'
same_counts beta --team support --owner Bob
tui_keys s
tui_wait 'Count the risks at or above'
tui_keys End Enter
tui_wait "Filters: owner 'Bob', team 'support', critical and above"
same_counts beta --team support --owner Bob --min-severity critical
tui_keys c
tui_wait 'Filters: none'
tui_has 'Systems (3)'
same_counts alpha
tui_quit
echo "org-register: ok"

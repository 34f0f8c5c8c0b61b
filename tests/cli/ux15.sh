#!/usr/bin/env bash
# A fifteenth new user's findings at the command line, on a model written
# from scratch (an assistant over internal documents with a send-email
# tool). A due date of the right shape that is no day of the calendar is
# told so, not "expected YYYY-MM-DD"; 'parapet risk' lists a risk's
# mitigations, and 'risks' and 'check' their risks, with their titles in
# one column; a blank model's "0 risks apply" says what to do next; a
# missing risk, mitigation or question id says which command lists them.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
cd "$T" || exit 1

newdb a
run import "$SRC/tests/data/cli/ux15-docs-assistant.yaml" "$DB"
expect_rc 0 "import the model written from scratch"
run risks "$DB"
expect_rc 0 "list its risks"
agency="$(awk '$4 ~ /^agent-excessive-agency@/ { print $4; exit }' "$T/out")"
[ -n "$agency" ] || fail "the send-email tool raises excessive agency"
run risk "$DB" "$agency"
mit="$(awk '/^  mitigations:/ { m = 1; next } m && NF { print $2; exit }' \
    "$T/out")"
[ -n "$mit" ] || fail "the risk has a mitigation to plan"

# An impossible day, and an impossible month: said as such.
run mitigation "$DB" "$agency" "$mit" --status planned --due 2027-02-30
expect_rc 1 "a due date that is no day is refused"
expect_err "no such date '2027-02-30' for --due: 2027-02 has no day 30" \
    "the refusal names the day the month lacks"
run mitigation "$DB" "$agency" "$mit" --status planned --due 2027-13-01
expect_rc 1 "a due date in month 13 is refused"
expect_err "there is no month 13" "the refusal names the month"
# Nothing was stored by either.
run risk "$DB" "$agency"
expect_no_out "planned " "a refused due date changes nothing"
# The other shapes keep the format's message; a real date is taken.
run mitigation "$DB" "$agency" "$mit" --due 31/03/2027
expect_rc 1 "a date in another format is refused"
expect_err "expected a date as YYYY-MM-DD" "the format is named"
run mitigation "$DB" "$agency" "$mit" --status planned \
    --owner "Platform team" --due 2028-02-29
expect_rc 0 "a leap day is a due date"

# Every risk's mitigations: the titles start in one column.
run risks "$DB" --all
awk '{ print $4 }' "$T/out" | grep @ >ids
[ -s ids ] || fail "the model has risks"
while read -r id; do
	run risk "$DB" "$id"
	cols="$(awk '/^  mitigations:/ { m = 1; next }
	    m && /^    [a-z]+ +[a-z0-9]/ {
		sub(/^    [a-z]+ +/, ""); match($0, /^[^ ]+ +/);
		print RLENGTH }' "$T/out" | sort -u | wc -l)"
	[ "$cols" -le 1 ] || fail "$id: mitigation titles start in $cols columns"
done <ids
run risk "$DB" "$agency"
expect_out "Platform team  due 2028-02-29" "the plan is shown"

# 'parapet risks' and 'parapet check': the titles start in one column.
# title_cols: in how many columns the titles of the risk lines start.
title_cols() {
	awk '$3 ~ /^[0-9]x[0-9]$/ { i = index($0, $4) + length($4);
	    while (substr($0, i, 1) == " ") i++; print i }' "$T/out" |
	    sort -u | wc -l
}
run risks "$DB"
[ "$(title_cols)" -eq 1 ] || fail "risks: titles start in $(title_cols) columns"
run check "$SRC/tests/data/cli/ux15-docs-assistant.yaml" --fail-on medium
expect_rc 3 "the model file fails the gate at medium"
[ "$(grep -c '[0-9]x[0-9]  ' "$T/out")" -ge 2 ] || fail "check lists the risks"
[ "$(title_cols)" -eq 1 ] || fail "check: titles start in $(title_cols) columns"

# A missing id says which command lists them.
run risk "$DB"
expect_rc 2 "risk without its id"
expect_err "the risk ids (THREAT@TARGET) are listed by 'parapet risks DB'" \
    "risk: where the ids are"
run mitigation "$DB" "$agency"
expect_rc 2 "mitigation without its id"
expect_err "a risk's mitigation ids are listed by 'parapet risk DB RISK-ID'" \
    "mitigation: where the ids are"
run answer "$DB"
expect_rc 2 "answer without its question"
expect_err "the question ids are listed by 'parapet questions DB'" \
    "answer: where the ids are"

# A blank model: "0 risks apply" is followed by what to do next, with the
# database as the user would type it; a template's model needs no such line.
run new blank.db --id b --name "Blank"
expect_rc 0 "a blank model"
expect_out "0 risks apply" "nothing to read yet"
expect_out "next: draw its trust boundaries, components and data flows in the screens (parapet blank.db)" \
    "the screens are named as the next step"
expect_out "(parapet import MODEL blank.db; see parapet-model(5))" \
    "so is a model file"
run new "my model.db" --id b --name "Blank"
expect_out "(parapet 'my model.db')" "a name with a space is quoted"
run new tpl.db --template rag-assistant
expect_rc 0 "a model from a template"
expect_no_out "next: draw" "a template's model has its system drawn"

finish

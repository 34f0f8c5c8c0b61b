#!/usr/bin/env bash
# parapet confirm: a step of a model made from a template that is right as
# the template set it is confirmed from the command line, as c does in the
# screens (tests/tui/template.sh): history records who and when, the
# model does not change, a second confirmation and a model not made from
# a template are refused, and without a step the steps still to confirm
# are listed.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="$SRC/tests/data/tui"
cd "$T" || exit 1

newdb t
run new "$DB" --template support
expect_rc 0 "a model from the test template"

run confirm "$DB"
expect_rc 0 "the steps still as the template made them"
expect_out "steps of 'support-assistant' still as the template 'support' made them" \
    "confirm without a step: what it lists"
for w in "1 system" "2 boundaries" "3 components" "4 flows"; do
	expect_out "  $w" "confirm lists step $w"
done

run export "$DB" --format yaml
cp "$T/out" before.yaml
run confirm "$DB" boundaries
expect_rc 0 "confirm boundaries"
expect_out "confirmed step 2 (boundaries) of 'support-assistant' as the template 'support' set it: recorded in history" \
    "confirm says what it recorded"
run history "$DB"
expect_out "support-assistant confirmed: (none) -> boundaries" \
    "history records the confirmation"
expect_out "tester" "history names who confirmed"
run export "$DB" --format yaml
cmp -s before.yaml "$T/out" || fail "a confirmation changed the model"
run diff "$DB@-1" "$DB"
expect_out "no changes" "diff across a confirmation: no changes"

# The step is no longer the template's example: not listed, and a second
# confirmation is refused.
run confirm "$DB"
expect_no_out "  2 boundaries" "a confirmed step is no longer listed"
expect_out "  1 system" "the others still are"
run confirm "$DB" 2
expect_rc 1 "confirming step 2 again"
expect_err "nothing to confirm: step 2 (boundaries) of 'support-assistant' has been changed or confirmed since the template made it" \
    "a second confirmation says why not"

# A step that was changed is not the example either.
run rename "$DB" internet public-internet
expect_rc 0 "a boundary renamed"
run confirm "$DB" boundaries
expect_rc 1 "a changed step"
run confirm "$DB" 4
expect_rc 0 "confirm flows by its number"
run confirm "$DB" system
run confirm "$DB" components
run confirm "$DB"
expect_out "nothing to confirm" "every step confirmed or changed"

# Words that are no step, and a model not made from a template.
run confirm "$DB" practice
expect_rc 2 "a step that is not confirmed so"
expect_err "unknown step 'practice' (expected system, boundaries, components or flows, or 1 to 4)" \
    "an unknown step names the steps"
newdb i
run import "$SRC/tests/data/tui/support.yaml" "$DB"
run confirm "$DB" boundaries
expect_rc 1 "a model not made from a template"
expect_err "nothing to confirm: 'support-assistant' was not made from a template" \
    "a model from a file says why not"

[ "$failures" -eq 0 ]

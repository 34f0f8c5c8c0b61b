#!/usr/bin/env bash
# End to end: a register larger than the slice the list is filtered by
# (25,000 risks, the first screenful at once and the rest between keys;
# read from the store the same way, a slice at a time) ends up whole, in
# the command line's order: every risk counted and reachable with End, a text search
# counts what the command line lists, and the columns line up with the
# heading after widening for what came late. Leaving the model (freed
# between keys) and opening it again straight away finds it whole. The
# review step and the dashboard count it (and the open questions) from
# the first screen and list it whole in the end; step 6 then lists every
# open question.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
model="$(dirname "$PARAPET")/bench/bench-model"
if [ ! -x "$model" ]; then
	echo "SKIP: no $model (make builds it)" >&2
	exit 77
fi
tui_newdb big
"$model" 10000 >"$TUI_DIR/m.yaml"
"$PARAPET" import "$TUI_DIR/m.yaml" "$db" >/dev/null 2>&1 ||
    tui_fail "cannot import the synthetic model"
"$PARAPET" risks "$db" >"$TUI_DIR/risks"
n=$(wc -l <"$TUI_DIR/risks")
# More than two slices of the list (RVIEW_SLICE, 10000: what
# a build filters at most before it returns).
[ "$n" -gt 20000 ] || tui_fail "only $n risks: less than two slices"
adv=$(grep -c 'Adversarial inputs make the model decide wrongly$' \
    "$TUI_DIR/risks")
[ "$adv" -gt 100 ] || tui_fail "only $adv adversarial-input risks"
last=$(tail -1 "$TUI_DIR/risks" | awk '{ print $4 }')
"$PARAPET" questions "$db" >"$TUI_DIR/questions"
q=$(tail -1 "$TUI_DIR/questions" | awk '/fields are not answered/ { print $1 }')
lastq=$(grep '^field ' "$TUI_DIR/questions" | tail -1 |
    sed 's/^field *[a-z]* *//; s/ is not answered$//')
[ -n "$q" ] && [ "$q" -gt 1000 ] ||
    tui_fail "'$q' open questions: not more than the first slice"

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait ' of 7: ' 60
tui_keys R
# Whole, not "10000+ of": the rest was filtered between keys (the
# heading is one or the other).
tui_wait "$n of $n risks, by severity" 60
# Read a slice at a time in the order listed: the first rows are the
# command line's first risks.
want=$(head -3 "$TUI_DIR/risks" | awk '{ sub(/.*@/, "", $4); print $4 }' |
    tr '\n' ' ')
got=$(tui_screen | grep -E '^(CRIT|HIGH|MED |LOW ) ' | head -3 |
    awk '{ print $3 }' | tr '\n' ' ')
[ "$got" = "$want" ] ||
    tui_fail "the first rows are '$got', the command line's '$want'"
tui_keys End
tui_wait "${last#*@}"
tui_has 'LOW '

# Text: counted as the command line counts it.
tui_keys /
tui_wait 'Filter by text'
tui_type 'adversarial inputs make'
tui_keys Enter
tui_wait "$adv of $n risks, by severity  filter: text 'adversarial inputs make'" 60
# Each row's title under the heading's TITLE.
head=$(tui_screen | grep -m1 '^SEV  STATUS')
row=$(tui_screen | grep -m1 '^CRIT .*Adversarial inputs make')
h=${head%%TITLE*}
r=${row%%Adversarial*}
[ "${#h}" = "${#r}" ] ||
    tui_fail "titles at column ${#r}, the heading's TITLE at ${#h}"

# The data-flow view of the model opened afresh (in part): its first
# screen at once, a line above the list saying how much of its objects is
# read while they are, and in the end every flow, the last one the
# command line's, with no such line.
tui_keys Escape
tui_wait ' of 7: ' 60
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter V
tui_wait "Reading the model's " 60
tui_wait 'Trust boundaries and their components' 60
for _ in $(seq 600); do
	tui_keys End
	sleep 0.1
	! tui_screen | grep -q 'f9999.2 c9999 -> ' || break
done
tui_has 'f9999.2 c9999 -> '
for _ in $(seq 100); do
	tui_screen | grep -q "Reading the model's " || break
	sleep 0.1
done
tui_hasnt "Reading the model's "
tui_keys Escape
tui_wait ' of 7: ' 60
tui_keys R
tui_wait 'risks, by severity' 60

# Back to the models (the model and register are freed between keys),
# straight into the model again: the register is whole again (its filter
# dropped with the model, as always); back out.
tui_keys Escape Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait ' of 7: ' 60
tui_keys R
tui_wait "$n of $n risks, by severity" 60
tui_keys Escape Escape
tui_wait 'Models in'
# Again, searched at once while the register is read: the matches are
# counted by the store while the list still grows (the register read and
# filtered a slice at a time), the command line's count rather than
# "N+", and the list says how many it holds so far.
tui_keys Enter
tui_wait ' of 7: ' 60
tui_keys R /
tui_type 'adversarial inputs make'
tui_keys Enter
# (On PostgreSQL, whose LIKE tells case apart, the list counts them as it
# grows, as before.)
# Each screen is read once: once the store has counted (a running "N+"
# until then), the heading while the list grows holds the store's count
# and how many are listed so far; a machine quick enough may finish the
# read before a capture shows it, and then only the whole list's heading
# is seen (the store's count itself is test-store's).
if [ "${PARAPET_TEST_BACKEND:-}" != pg ]; then
	start=$SECONDS
	while (( SECONDS - start < 60 )); do
		head=$(tui_screen 2>/dev/null | grep -F " of $n risks" | head -1)
		case $head in
		"$adv of $n risks ("*"listed so far), by severity"*)
			break ;;
		"$adv of $n risks ("*)
			tui_fail "the growing list's heading: $head" ;;
		"$adv of $n risks, by severity"*)
			break ;;
		esac
		sleep 0.05
	done
fi
tui_wait "$adv of $n risks, by severity  filter: text 'adversarial inputs make'" 60
tui_keys Escape Escape
tui_wait 'Models in'

# The review step and the dashboard, opened first: they show the stored
# counts at once and read the register a slice at a time between keys.
# The review's heading counts every open risk from its first screen (a
# count of what was listed so far would say 500), and End reaches the
# last once the rest is read.
tui_keys Enter
tui_wait ' of 7: ' 60
tui_keys 7
tui_wait 'Step 7 of 7' 60
tui_screen | grep -qE "^  $n risks still open[ ;]" ||
    tui_fail "the review's heading does not count $n open risks"
tui_wait "  $n risks still open; " 60
tui_keys End
tui_wait "${last#*@}"
# Step 6 on the way, its list made from the first questions read, then
# the dashboard while they are read.
tui_keys 6
tui_wait 'Step 6 of 7' 60
tui_keys D
tui_wait "Risks that apply, by severity and status ($n)" 60
# The open questions kept with the model, read a slice at a time too,
# counted as the command line counts them from the first screen.
tui_has "  $q fields not answered that threats would rest on"
# Its last report once the register and the open questions are read:
# while the register is, a line in their place says how much is (of the
# stored count); while the questions are, a line after those read says
# how many more.
# End again until the last report shows (a page built again keeps the
# cursor's line).
for _ in $(seq 600); do
	tui_keys End
	sleep 0.1
	if tui_screen | grep -q 'Collect and share lessons learned'; then
		break
	fi
	if s=$(tui_screen | grep -o 'Reading the register: [0-9]* of [0-9]*'); then
		[ "${s##* of }" = "$n" ] || tui_fail "read of ${s##* of }, not $n"
	fi
done
tui_has 'Collect and share lessons learned'
# Back in step 6, its list has every question, those the dashboard read
# too: End (again while the rest are read) reaches the command line's
# last.
tui_keys Escape
tui_wait ' of 7: ' 60
tui_keys 6
tui_wait 'Step 6 of 7' 60
for _ in $(seq 600); do
	tui_keys End
	sleep 0.1
	! tui_screen | grep -qF -- "$lastq" || break
done
tui_has "$lastq"
# Back out and quit at once, with the freeing of the model maybe under
# way.
tui_keys Escape Escape
tui_wait 'Models in'
tui_keys q
st="$(tui_wait_exit 60)"
[ "$st" = 0 ] || tui_fail "exit status $st, expected 0"
echo "big-register: ok"

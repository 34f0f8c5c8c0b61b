#!/usr/bin/env bash
# End to end: steps 2 to 4 of a model opened in part list its objects as
# they are read (the first 200 of the step's type, then the rest between
# keys; issue 15). On a model of 2,600 components and flows, listed in an
# order that their ids sort against: step 3 opens on the model's first
# components; PgDn stops at the last one read while keys are still
# queued, and reaches those read later once they are; a search typed
# before any more are read finds an object not read yet; an object on the
# second page is edited, and only it changes; step 2 counts every
# boundary's components, step 4 marks the flows that cross a boundary.
# With PARAPET_TEST_BACKEND=pg (tests/tui/pg/objects-paged.sh) the
# database is on the PostgreSQL server of $PARAPET_TEST_PG, and the test
# SKIPs without one.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb p
TUI_COLS=100 TUI_ROWS=30
n=2600
# Component i is "p(2599 - i)", in boundary i % 3; flow i goes from
# component i to i + 1 (so it crosses a boundary, but for the last).
{
	printf 'parapet: 1\nsystem:\n  id: paged\n  name: Paged\n'
	printf '  owner: Ops\n  criticality: low\nboundaries:\n'
	for b in 0 1 2; do
		printf '  - { id: zone%d, name: Zone %d, trust: internal }\n' \
		    "$b" "$b"
	done
	printf 'components:\n'
	for ((i = 0; i < n; i++)); do
		printf '  - { id: p%04d, name: Part %d, kind: application, boundary: zone%d }\n' \
		    $((n - 1 - i)) "$i" $((i % 3))
	done
	printf 'flows:\n'
	for ((i = 0; i + 1 < n; i++)); do
		printf '  - { id: f%04d, from: p%04d, to: p%04d, data: [telemetry] }\n' \
		    $((n - 1 - i)) $((n - 1 - i)) $((n - 2 - i))
	done
} >"$TUI_DIR/paged.yaml"
"$PARAPET" import "$TUI_DIR/paged.yaml" "$db" >/dev/null ||
    tui_fail "cannot import the model"
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/before.yaml" 2>/dev/null ||
    tui_fail "cannot export the model"

# The line under the cursor (shown in reverse video).
selected() {
	tui capture-pane -e -p -t "$TUI_T" | grep -F $'\e[7m' |
	    sed 's/\x1b\[[0-9;]*m//g'
}

# wait_in SOURCE REGEX WHAT: until a line of SOURCE (selected, or
# tui_screen: every line) matches REGEX, for 20 s; else fail with WHAT.
wait_in() {
	local start=$SECONDS
	while (( SECONDS - start < 20 )); do
		"$1" | grep -qE -- "$2" && return 0
		sleep 0.1
	done
	tui_fail "$3: $(selected)"
}
wait_selected() { wait_in selected "$1" "$2"; }
wait_re() { wait_in tui_screen "$1" "timed out waiting for /$1/"; }

tui_open_walk "$db"
# 3 and 14 PgDn at once: no key waits, so nothing more is read between
# them; the cursor stops on the 200th component, the last read.
tui_keys 3 NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage \
    NPage NPage NPage NPage
tui_wait 'Step 3 of 7: Components'
wait_selected '^ *p2400 ' "PgDn did not stop at the last component read"
sleep 1
selected | grep -q 'p2400 ' ||
    tui_fail "PgDn went past the last component read: $(selected)"
# Read since: PgDn goes on past them.
sleep 1
tui_keys NPage
wait_selected '^ *p23[0-9][0-9] ' \
    "PgDn did not reach the components read later"
# The second page from the top, Down past it too: an object there edited.
tui_keys Home NPage Down
wait_selected '^ *p25[0-9][0-9] ' "not on the second page"
id=
for _ in $(seq 50); do		# (a capture mid-redraw has no cursor)
	id=$(selected | awk '/^ *p[0-9]/ { print $1; exit }')
	[ -n "$id" ] && break
	sleep 0.1
done
case "$id" in
p25[0-9][0-9]) ;;
*) tui_fail "not on the second page: $(selected)" ;;
esac
tui_keys Enter
tui_wait "Component '$id' (application)"
tui_keys Up
tui_wait '(Enter renames it)'
tui_keys Down
tui_wait_gone '(Enter renames it)'
tui_keys C-u
tui_type 'Renamed on page two'
tui_keys Tab
tui_wait "saved: edit component '$id'"
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_wait 'Renamed on page two'
"$PARAPET" export "$db" --format yaml >"$TUI_DIR/after.yaml" 2>/dev/null
diff "$TUI_DIR/before.yaml" "$TUI_DIR/after.yaml" | grep '^[<>]' \
    >"$TUI_DIR/diff" || true
[ "$(grep -c '^>' "$TUI_DIR/diff")" = 1 ] &&
    grep -q "^> .*name: Renamed on page two" "$TUI_DIR/diff" ||
    tui_fail "not only its name changed: $(cat "$TUI_DIR/diff")"

# Opened again: a search typed with 3, before any more are read, finds
# the model's last component (not among the first 200).
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys 3 / p 0 0 0 1 Enter
wait_selected '^ *p0001 ' "the search did not reach an object not read"

# Step 2 counts each boundary's components once they are all read.
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys 2
tui_wait 'Step 2 of 7: Trust boundaries'
wait_re 'zone0 .* 867( |$)'
wait_re 'zone2 .* 866( |$)'
# Step 4: the flows across boundaries marked as such.
tui_keys Escape
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys 4
wait_re 'CROSSES +f2599 +p2599 -> p2598'
tui_quit

#!/usr/bin/env bash
# End to end: the walk-through's step 6 of a model opened in part (its
# objects not read) shows its counts and open questions at once and reads
# the components and flows between keys (issue 15): the inference service
# that sends to no model, the model's last component, is named once they
# are read, the cursor staying on the open question it was on; Enter on
# that question (about that component, read last) reads what is left and
# opens its form. With PARAPET_TEST_BACKEND=pg (tests/tui/pg/analysis-paged.sh)
# the database is on the PostgreSQL server of $PARAPET_TEST_PG, and the
# test SKIPs without one.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb a
TUI_COLS=100 TUI_ROWS=30
n=2600
# Components p0000..p2599 in a chain of flows, the last an inference
# service whose only flow goes to an application (so it serves no model).
{
	printf 'parapet: 1\nsystem:\n  id: paged\n  name: Paged\n'
	printf '  owner: Ops\n  criticality: low\nboundaries:\n'
	printf '  - { id: zone, name: Zone, trust: internal }\n'
	printf 'components:\n'
	for ((i = 0; i < n; i++)); do
		printf '  - { id: p%04d, name: Part %d, kind: application, boundary: zone }\n' \
		    "$i" "$i"
	done
	printf '  - { id: endpoint, name: Endpoint, kind: inference-service, boundary: zone }\n'
	printf 'flows:\n'
	for ((i = 0; i + 1 < n; i++)); do
		printf '  - { id: f%04d, from: p%04d, to: p%04d, data: [telemetry] }\n' \
		    "$i" "$i" $((i + 1))
	done
	printf '  - { id: ask, from: endpoint, to: p0000, data: [prompt] }\n'
} >"$TUI_DIR/paged.yaml"
"$PARAPET" import "$TUI_DIR/paged.yaml" "$db" >/dev/null ||
    tui_fail "cannot import the model"

# The line under the cursor (shown in reverse video).
selected() {
	tui capture-pane -e -p -t "$TUI_T" | grep -F $'\e[7m' |
	    sed 's/\x1b\[[0-9;]*m//g'
}

tui_open_walk "$db"
tui_keys 6
tui_wait 'Step 6 of 7'
tui_wait 'Risks that apply'
tui_wait "'endpoint' is an inference-service that sends to no model"
tui_hasnt 'Reading the components and flows'
# The cursor went to the first open question and stayed on it when the
# note came above it.
tui_wait 'Enter answer'
line=$(selected)
case "$line" in
*"dependencies-pinned or dependencies-scanned of inference-service 'endpoint'"*) ;;
*) tui_fail "the cursor is not on the first open question: $line" ;;
esac
tui_keys Enter
tui_wait "Component 'endpoint' (inference-service)"
tui_keys Escape
tui_wait 'Step 6 of 7'

# Opened afresh, Enter as soon as the question is selected (the objects
# perhaps still being read between keys) opens the component's form.
tui_quit
tui_open_walk "$db"
tui_keys 6
tui_wait 'Enter answer'
tui_keys Enter
tui_wait "Component 'endpoint' (inference-service)"
tui_keys Escape
tui_wait 'Step 6 of 7'
tui_wait "'endpoint' is an inference-service that sends to no model"
tui_quit
echo "analysis-paged: ok"

#!/usr/bin/env bash
# End to end: a hosted LLM drawn as an inference-service only, with no
# model behind it, gets none of the threats to the model it serves; the
# analysis step says so and what to add (tests/cli/newuser7.sh checks
# the command line's note), and says nothing where a model is drawn.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
TUI_COLS=100 TUI_ROWS=30

# open_analysis DB: parapet on DB, its only model's analysis step.
open_analysis() {
	tui_start "$PARAPET" "$1"
	tui_wait 'Models in'
	tui_keys Enter
	tui_wait 'Walk-through'
	tui_keys 6
}

db="$TUI_DIR/endpoint.db"
"$PARAPET" import "$srcdir/tests/data/endpoint-only.yaml" "$db" >/dev/null ||
    tui_fail "could not import the endpoint-only model"
open_analysis "$db"
tui_wait 'Step 6 of 7: Analysis'
tui_wait "'hosted-llm' is an inference-service that sends to no model"
tui_has 'prompt injection among them'
tui_has 'Add a component of kind model behind it (step 3)'
tui_quit

# The RAG template draws its model behind its inference service: no
# such line.
db="$TUI_DIR/rag.db"
"$PARAPET" import "${srcdir}/templates/rag-assistant.yaml" "$db" >/dev/null ||
    tui_fail "could not import the RAG template"
open_analysis "$db"
tui_wait 'Step 6 of 7: Analysis'
tui_wait 'Risks that apply'
tui_hasnt 'sends to no model'
tui_quit
echo "unserved: ok"

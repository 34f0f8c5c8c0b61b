#!/usr/bin/env bash
# End to end: a model from a template; the analysis in the register;
# filter risks; set a mitigation's status and due date; accept a risk with
# a justification; undo; quit, reopen, and find every decision.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
export PARAPET_TEMPLATES="$srcdir/tests/data/tui"
tui_newdb r
TUI_COLS=100 TUI_ROWS=30

# only_direct_injection: in the register, filter the text down to the one
# risk of direct prompt injection.
only_direct_injection() {
	tui_keys /
	tui_wait 'Filter by text'
	tui_keys C-u
	tui_type 'direct prompt injection'
	tui_keys Enter
	tui_wait '1 of '
}

tui_start "$PARAPET" "$db"
tui_wait 'No models in this database yet'
tui_keys t
tui_wait 'Start from a template'
tui_wait 'support'
tui_keys Down Enter
tui_wait 'Id of the new model'
tui_has '> support-assistant'
tui_keys Enter
tui_wait "created model 'support-assistant' from a template"
tui_has 'Step 1 of 7: The system'

# The register, most severe first; severity in words.
tui_keys R
tui_wait 'risks, by severity'
total="$(tui_screen | sed -n 's/^\([0-9]*\) of \([0-9]*\) risks.*/\2/p')"
[ "$total" -gt 10 ] || tui_fail "too few risks: $total"
tui_has 'CRIT open'

# Filter: critical only.
tui_keys f
tui_wait 'Filter the risks by'
tui_keys Enter
tui_wait 'Show severities'
tui_keys Down Down Down Space Enter
tui_wait 'filter: severity critical'
shown="$(tui_screen | sed -n 's/^\([0-9]*\) of .*/\1/p')"
[ "$shown" -gt 0 ] && [ "$shown" -lt "$total" ] ||
    tui_fail "filter shows $shown of $total"
list="$(tui_screen | sed -n '3,12p')"
if grep -qE '^(HIGH|MED |LOW )' <<<"$list"; then
	tui_fail "a risk that is not critical is listed"
fi
# And by text, on top.
tui_keys /
tui_wait 'Filter by text'
tui_type 'prompt injection'
tui_keys Enter
tui_wait "text 'prompt injection'"
tui_wait 'llm-direct-prompt-injection on llm'

# A mitigation of that risk: implemented, then a due date (a bad one is
# refused, the prompt stays).
tui_keys Tab
tui_wait 'detail (Tab: back to the list'
tui_keys /
tui_type '[proposed]'
tui_keys Enter
tui_keys s
# The pick covers the list: it names the mitigation and the risk it
# changes.
tui_wait "Status of the mitigation 'm-"
tui_has "of 'Direct prompt injection overrides the"
# Enter on the value it opened on changes nothing, and says so.
tui_keys Enter
tui_wait "unchanged: mitigation 'm-"
tui_has 'is already proposed'
tui_hasnt 'saved: mitigation'
tui_keys s
tui_wait "Status of the mitigation 'm-"
tui_keys Down Down Enter
tui_wait '[implemented]'
tui_keys /
tui_wait 'Search'
tui_keys Enter
tui_keys d
tui_wait 'Due date (YYYY-MM-DD'
tui_has "Mitigation 'm-"
tui_type '2026-13-45'
tui_keys Enter
tui_wait 'invalid due date'
tui_keys C-u
tui_type '2026-11-01'
tui_keys Enter
tui_wait 'OVERDUE'
tui_keys D
tui_wait 'Overdue mitigations (due before 2026-11-25)'
tui_has '2026-11-01 m-authorise-outside-model'

# Accept the risk: a risk owner and a justification are required. (The
# register keeps its filter across screens.)
tui_keys R
tui_wait 'risks, by severity'
tui_has "filter: severity critical; text 'prompt injection'"
only_direct_injection
tui_keys s
tui_wait "Status of the risk 'Direct prompt injection overrides the model's"
tui_has "instructions' on"
tui_keys Down Down Down Enter
# With no owner yet, accepting asks who owns the risk, then why; both are
# stored as one decision, so Esc on the second leaves the risk as it was.
tui_wait 'Who owns this risk?'
tui_has 'Accepting a risk needs a risk owner'
tui_keys C-u Enter
tui_wait 'an accepted risk needs a risk owner: name who answers for it'
tui_type 'Risk Lead'
tui_keys Enter
tui_wait 'Why is this risk accepted?'
tui_keys Escape
tui_wait_gone 'Why is this risk accepted?'
tui_has 'CRIT open'
tui_has 'owner (none)'
tui_hasnt 'owner Risk Lead'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Down Down Enter
tui_wait 'Who owns this risk?'
tui_keys C-u
tui_type 'Risk Lead'
tui_keys Enter
tui_wait 'Why is this risk accepted?'
tui_keys Enter
tui_wait 'a justification is required'
tui_type 'Vendor contract: the model is sandboxed'
tui_keys Enter
tui_wait 'CRIT accepted'
tui_keys Tab g
tui_wait 'Justification: Vendor contract: the model is sandboxed'
tui_has 'decided by tester at 2026-11-25T12:00:00Z'
tui_keys Tab
# Undo brings it back to open, with no owner, as the owner came with the
# acceptance; the accept is made again, the owner asked for again, this
# time the system's owner as offered.
tui_keys u
tui_wait "undone: accepted 'llm-direct-prompt-injection@llm'"
tui_wait 'CRIT open'
tui_keys s
tui_wait 'Status of the risk'
tui_keys Down Down Down Enter
tui_wait 'Who owns this risk?'
tui_has '> Head of Customer Operations'
tui_keys Enter
tui_wait 'Why is this risk accepted?'
tui_hasnt 'Justification: Vendor'
tui_type 'Vendor contract: the model is sandboxed'
tui_keys Enter
tui_wait 'CRIT accepted'
# Clearing the owner of the accepted risk: refused, saying what stands and
# the ways on; the prompt stays, the owner too.
tui_keys o
tui_wait 'Who owns this risk?'
# The prompt may cover the list's row: its note names the risk.
tui_has "The risk 'Direct prompt injection overrides the model's"
tui_keys C-u Enter
tui_wait "'llm-direct-prompt-injection@llm' is accepted, and an accepted risk keeps its owner"
tui_has 'remove the acceptance (Esc, then s'
tui_hasnt 'accepting a risk requires'
tui_keys Escape
tui_wait_gone 'Who owns this risk?'
tui_has 'owner Head of Customer Operations'

# The dashboard: the accepted risk; its mitigations are no longer due.
tui_keys D
tui_wait 'Risks that apply, by severity and status'
tui_hasnt '2026-11-01'
tui_keys G
# Wait for what only the end shows: 'Accepted risks (1)' may be on screen
# before G is handled, and so may the justification (a loaded machine has
# drawn part of the way down when the first wait returns): wait for each.
tui_wait 'justification: Vendor contract: the model is sandboxed (by tester)'
tui_wait '4.4 Collect and share lessons learned'
tui_has 'Accepted risks (1)'

# The history of the risk, then of the model.
tui_keys R
tui_wait 'risks, by severity'
only_direct_injection
tui_keys h
tui_wait "History of 'llm-direct-prompt-injection@llm'"
tui_has "status: 'open' -> 'accepted'"
tui_has "justification: set to 'Vendor contract: the model is sandboxed'"
# The undo above is marked as one, not shown as an ordinary edit.
tui_has "status: 'accepted' -> 'open' [undo]"
tui_keys H
tui_wait 'History of the model'
tui_has 'support-assistant'

# Export to a format of the exporters table.
tui_keys X
tui_wait 'Export the model, its risk register and history'
tui_has 'markdown'
tui_keys Enter
tui_wait 'Export markdown to the file'
# A name whose extension says another format is questioned once.
tui_keys C-u
tui_type "$TUI_DIR/out.xml"
tui_keys Enter
tui_wait "ends in .xml but the format is markdown (.md)"
tui_screen | tr '\n' ' ' | tr -s ' ' |
    grep -qF '(.md): Enter again to write it anyway' ||
    tui_fail "the question does not name the key that confirms"
[ ! -e "$TUI_DIR/out.xml" ] || tui_fail "markdown written to a .xml name"
tui_keys C-u
tui_type "$TUI_DIR/out.md"
tui_keys Enter
tui_wait "exported"
grep -q 'Vendor contract: the model is sandboxed' "$TUI_DIR/out.md" ||
    tui_fail "the export lacks the accepted risk's justification"
# Risk data is for its owners: the same mode as the command line's.
[ "$(stat -c %a "$TUI_DIR/out.md")" = 600 ] ||
    tui_fail "the export's mode is $(stat -c %a "$TUI_DIR/out.md"), not 600"
if command -v dot >/dev/null 2>&1; then
	[ -s "$TUI_DIR/out.svg" ] || tui_fail "no SVG diagram beside the report"
	grep -qF '](out.svg)' "$TUI_DIR/out.md" ||
	    tui_fail "the report does not link its SVG diagram"
fi
tui_quit

# Reopen: the decisions are stored (seen here, and by the command line).
tui_start "$PARAPET" "$db"
tui_wait 'support-assistant'
tui_keys Enter
# Steps 1-4 still hold only the template's example: it resumes there.
tui_wait 'Step 1 of 7'
tui_keys D
tui_wait 'Risks that apply, by severity and status'
tui_keys G
tui_wait 'Accepted risks (1)'
tui_quit
"$PARAPET" risks "$db" | grep -q 'accepted .*llm-direct-prompt-injection@llm' ||
    tui_fail "the command line does not see the accepted risk"
echo "risks: ok"

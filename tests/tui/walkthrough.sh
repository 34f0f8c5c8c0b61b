#!/usr/bin/env bash
# End to end: a model built from nothing through the walk-through, in
# workshop order; quit, reopen, and find every change, resuming where the
# workshop stopped.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
tui_newdb w

tui_start "$PARAPET" "$db"
tui_wait 'No models in this database yet'

# Step 1: the system, from a blank model.
tui_keys a
tui_wait 'A new model: its system'
tui_type 'assistant'
tui_keys Tab
tui_type 'Support assistant'
tui_keys Tab
tui_wait "saved: create model 'assistant'"
tui_keys Tab
tui_type 'Ann Owner'
tui_keys Tab
tui_wait 'team: the team that runs the system'
tui_keys Tab
tui_wait 'criticality: harm if'
tui_keys Enter
tui_wait 'real or large-scale'
tui_keys Down Down Down Enter
tui_wait 'criticality           high'
tui_keys Escape
tui_wait 'Step 1 of 7: The system'
tui_has '[1 System]✓'
# Nothing is added here; the message says where things are added.
tui_keys a
tui_wait 'error: nothing to add here: add boundaries, components and flows in steps 2-4'

# Step 2: two trust boundaries.
tui_keys Right
tui_wait 'Step 2 of 7: Trust boundaries'
tui_wait 'No trust boundaries yet'
tui_keys a
tui_wait 'A new trust boundary'
# Validation as you type, the error under its field.
tui_type 'Public'
tui_wait "! invalid identifier 'Public' for 'id'"
tui_keys C-u
tui_type 'internet'
tui_wait_gone '! invalid identifier'
tui_keys Tab
tui_type 'Public internet'
tui_keys Tab Enter
tui_wait 'anyone can be here'
tui_keys Down Enter
tui_wait 'trust                 untrusted'
tui_keys Escape
tui_wait 'Public internet'
tui_keys a
tui_wait 'A new trust boundary'
tui_type 'cloud'
tui_keys Tab
tui_type 'Production cloud'
tui_keys Tab Enter
tui_wait 'anyone can be here'
# untrusted, sandbox, partner, internal: the fourth word down
tui_keys Down Down Down Down Enter
tui_wait 'trust                 internal'
tui_keys Escape
tui_wait 'Production cloud'

# Step 3: components, each kind chosen first, each in its boundary.
tui_keys Right
tui_wait 'Step 3 of 7: Components'
add_component() {	# kind-downs id name boundary-downs
	tui_keys a
	tui_wait 'What kind of component?'
	[ "$1" -gt 0 ] && for _ in $(seq "$1"); do tui_keys Down; done
	tui_keys Enter
	tui_wait 'A new component'
	tui_type "$2"
	tui_keys Tab
	tui_type "$3"
	tui_keys Tab Tab
	tui_wait 'boundary: the trust boundary it runs in'
	tui_keys Enter
	tui_wait 'not in a trust boundary yet'
	for _ in $(seq "$4"); do tui_keys Down; done
	tui_keys Enter
	tui_wait "saved: edit component '$2'"
	tui_keys Escape
	tui_wait 'Step 3 of 7: Components'
}
add_component 0 customer Customer 1
add_component 2 backend 'Chat backend' 2
add_component 3 llm 'Hosted LLM' 2
tui_has 'customer Customer'
tui_has 'llm      Hosted LLM'

# Step 4: a flow from the customer to the backend, carrying prompts.
tui_keys Right
tui_wait 'Step 4 of 7: Data flows'
tui_keys a
tui_wait 'A new data flow'
tui_type 'ask'
tui_keys Tab Enter
tui_wait 'Chat backend'
tui_keys Enter
tui_wait 'from *                customer'
# A choice goes on to the next field, as Tab does: Enter chooses 'to'.
tui_wait 'to: the component the data goes to'
tui_keys Enter
tui_wait 'Hosted LLM'
tui_keys Down Enter
tui_wait "saved: add flow 'ask'"
tui_wait 'name: name of the flow'
tui_keys Tab Tab
tui_wait 'data: classes of data carried'
tui_keys Enter
tui_wait '[ ] prompt'
tui_keys Space Enter
tui_wait "saved: edit flow 'ask'"
tui_has 'data                  prompt'
tui_keys Escape
tui_wait 'CROSSES   ask customer -> backend'

# Step 5: one practice question answered.
tui_keys Right
tui_wait 'Step 5 of 7: Practice questions'
tui_has '[   ]'
tui_keys Space
tui_wait '[yes]'
# A second answered no: its gap is a risk. (What the model leaves
# unanswered, the flow's encryption for one, is an open question.)
tui_keys Down Space Space
tui_wait '[no ]'

# Steps 6 and 7: the analysis found risks and open questions; the review
# lists the risks.
tui_keys Right
tui_wait 'Step 6 of 7: Analysis'
tui_wait 'Risks that apply:'
tui_wait 'Open questions (fields not answered that threats would rest on):'
tui_wait "critical model-type of model 'llm'"
# Under it, the worst threat an answer would raise, named by its title.
tui_screen | grep -A1 "critical model-type of model 'llm'" |
    grep -qE '^ +at stake critical [A-Z]' ||
    tui_fail "the model-type question does not name its critical threat"
tui_keys Right
tui_wait 'Step 7 of 7: Review the risks'
tui_wait 'risks still open'

# Delete the flow (asks first), then undo it.
tui_keys Left Left Left
tui_wait 'Step 4 of 7: Data flows'
tui_keys d
tui_wait "Delete 'ask'?"
tui_keys Down Enter
tui_wait 'No data flows yet'
tui_keys u
tui_wait "undone: delete flow 'ask'"
tui_has 'CROSSES   ask'

tui_quit

# Reopen: everything is there, and the walk-through resumes at step 5
# (questions are still unanswered).
tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_has 'assistant Support assistant'
tui_keys Enter
tui_wait 'Step 5 of 7: Practice questions'
tui_has '[yes]'
tui_keys Left
tui_wait 'CROSSES   ask customer -> backend prompt'
tui_keys Left
tui_wait 'backend  Chat backend'
tui_keys Left
tui_wait 'untrusted'
tui_keys Left
tui_wait 'Ann Owner'
tui_has 'criticality   high'
# A digit jumps straight to its step.
tui_keys 4
tui_wait 'Step 4 of 7: Data flows'
tui_keys 1
tui_wait 'Step 1 of 7'
tui_quit
echo "walkthrough: ok"

#!/usr/bin/env bash
# tests/tui/quick-answers.sh: a facilitator answers field after field
# without looking: a value taken, typed or chosen from a list, moves the
# cursor on, so that each answer lands in its own field, never over the one
# before; an answer chosen for a practice question (step 5) goes on to the
# next question the same way. Checked in the saved model, through the
# command line.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb qa
tui_support "$db"

# The YAML of the object with id $1, from its '- id:' line to the next.
object() {
	"$PARAPET" export "$db" --format yaml |
	    awk -v id="$1" '$0 ~ "^  - id: " { on = ($3 == id) }
		on && NF == 0 { on = 0 } on'
}

tui_open_walk "$db"
tui_keys 2
tui_wait 'Step 2 of 7: Trust boundaries'
tui_keys a
tui_wait 'A new trust boundary'
# Id, name, trust and jurisdiction (words chosen by typing them) and
# description, in a row.
tui_type 'dmz'
tui_keys Enter
tui_type 'Perimeter network'
tui_keys Enter
tui_type 'partner'
tui_keys Enter
tui_type 'abroad'
tui_keys Enter
tui_type 'Reverse proxies'
tui_keys Enter
tui_wait "saved: edit boundary 'dmz'"
tui_keys Escape
tui_wait 'Step 2 of 7: Trust boundaries'
got="$(object dmz)"
want="  - id: dmz
    name: Perimeter network
    trust: partner
    jurisdiction: abroad
    description: Reverse proxies"
[ "$got" = "$want" ] ||
    tui_fail "the boundary's answers did not land in their fields:
$got"

# Two choices in a row on a stored component: provider, then exposure.
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_edit_field 'Hosted LLM' "Component 'llm' (model)" \
    'provider: who builds and supplies it'
tui_type 'in-house'
tui_keys Enter
tui_type 'internal'
tui_keys Enter
tui_wait 'untrusted-input: it takes input'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
got="$(object llm)"
grep -qx '    provider: in-house' <<<"$got" ||
    tui_fail "the first choice is not the provider:
$got"
grep -qx '    exposure: internal' <<<"$got" ||
    tui_fail "the second choice is not the exposure:
$got"

# Two practice questions answered from their lists, in a row.
tui_keys 5
tui_wait 'Step 5 of 7: Practice questions'
tui_keys Enter
tui_type 'yes'
tui_keys Enter
tui_keys Enter
tui_type 'no'
tui_keys Enter
tui_wait "saved: answer 'q-threat-model-maintained': no"
tui_quit
"$PARAPET" questions "$db" >"$TUI_DIR/questions"
grep -qE '^yes +1\.1 +q-staff-awareness$' "$TUI_DIR/questions" ||
    tui_fail "the first answer is not the first question's:
$(head -4 "$TUI_DIR/questions")"
grep -qE '^no +1\.2 +q-threat-model-maintained$' "$TUI_DIR/questions" ||
    tui_fail "the second answer is not the second question's:
$(head -4 "$TUI_DIR/questions")"
echo "quick-answers: ok"

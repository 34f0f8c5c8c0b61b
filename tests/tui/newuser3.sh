#!/usr/bin/env bash
# A third new user, at 80x24 as on a workshop's projector: the start
# screen names every key it offers, quit included, and keys stand apart
# from the words around them; an export goes where a shell user would
# expect it to; a mitigation in view can be decided.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
tui_newdb council
cat >"$TUI_DIR/council.yaml" <<'YAML'
parapet: 1
system:
  id: council-chatbot
  name: City council resident chatbot
  description: Answers residents' questions about council services and books appointments (bins, parking permits, housing).
components:
  - {id: resident, name: Resident, kind: user}
  - {id: chat, name: Chat front end, kind: application}
YAML
"$PARAPET" import "$TUI_DIR/council.yaml" "$db" >/dev/null

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
# The whole hint fits in 80 columns: nothing cut, quit last. (Waited for:
# the title can be on screen a moment before the last row is drawn.)
tui_wait 'q quit'
hint="$(tui_screen | tail -1)"
case "$hint" in
*'r register  ? help  q quit') ;;
*) tui_fail "the start screen's hint is cut at 80 columns: '$hint'" ;;
esac
# Each key is bold (tmux writes the attribute before it), its words not.
raw="$(tui_screen -e | tail -1)"
for key in Enter a t d r '?' q; do
	grep -qE $'\e\\[([0-9]+;)*1m(\e\\[[0-9;]*m)*'"$(printf '%s' "$key" |
	    sed 's/[?]/[?]/')"$'\e' <<<"$raw" ||
	    tui_fail "the key '$key' is not set apart in the hint: $(cat -v <<<"$raw")"
done
if grep -qE $'\e\\[([0-9]+;)*1m(\e\\[[0-9;]*m)*open' <<<"$raw"; then
	tui_fail "the words of the hint are bold too"
fi

# A new model's id typed as its name: the error suggests the id it makes.
tui_keys a
tui_wait 'A new model: its system'
tui_type 'City Council Chatbot'
tui_keys Enter
tui_wait "for example 'city-council-chatbot'"
tui_keys Escape
tui_wait 'not saved (Esc again: leave without it)'
tui_keys Escape
tui_wait 'Models in'

# Export: ~/ is the home directory, as in a shell; a directory gets the
# proposed name inside it (main said "has no extension", then "Is a
# directory").
mkdir "$TUI_DIR/out"
tui_keys Enter
tui_wait 'Step 1 of 7'
# Text cut at the screen's edge says so (main cut "housi" mid-word).
tui_screen | grep -q '^  description .*[a-z]…$' ||
    tui_fail "the description is cut without an ellipsis"
tui_keys X
tui_wait 'Export the model'
tui_keys Down Down Enter
tui_wait 'Export csv to the file'
tui_keys C-u
tui_type '~/risks.csv'
tui_keys Enter
tui_wait "exported csv to '$TUI_DIR/home/risks.csv'"
[ -s "$TUI_DIR/home/risks.csv" ] || tui_fail "no ~/risks.csv"
tui_keys Enter
tui_wait 'Export csv to the file'
tui_keys C-u
tui_type "$TUI_DIR/out"
tui_keys Enter
tui_wait "exported csv to '$TUI_DIR/out/council-chatbot.csv'"
[ -s "$TUI_DIR/out/council-chatbot.csv" ] || tui_fail "nothing in the directory"
tui_quit

# In a risk's detail, PgDn until its mitigations show: d dates the first
# one shown, as the pane's title says (main said "move to a mitigation
# first": the cursor was on the line at the top of the pane).
tui_newdb support
tui_support "$db"
tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter R
tui_wait 'risks, by severity'
tui_keys Tab
tui_wait 's o d n on a mitigation'
for i in $(seq 1 30); do
	tui_screen | grep -q '^Mitigations' && break
	tui_keys PgDn
	sleep 0.1
done
tui_wait '[proposed]'
tui_keys d
tui_wait 'Due date (YYYY-MM-DD'
tui_type 2027-01-31
tui_keys Enter
tui_wait 'saved: due date of mitigation'
tui_has 'due: 2027-01-31'
tui_quit

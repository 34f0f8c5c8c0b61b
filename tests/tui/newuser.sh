#!/usr/bin/env bash
# What a new user sees first in the workshop screens, at 80x24: the keys
# help of the walk-through lines up, the export screen shows every format
# whole, and filling in a new model's form in order raises no error.
# With PARAPET_TEST_BACKEND=pg (tests/tui/pg/newuser.sh) its databases are
# on the server of $PARAPET_TEST_PG; what is about files (a mistyped name
# leaves none behind, a model file is not a database) stays SQLite's.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
pg=0
[ "${PARAPET_TEST_BACKEND:-sqlite}" != pg ] || pg=1
tui_newdb n
n=$db
"$PARAPET" new "$db" --id hr-bot --name 'HR policy assistant' >/dev/null
# A session that outlives the program's, so that the tmux server does not
# exit (and race the next start) each time the program's session ends.
tui new-session -d -s keep -x 80 -y 24 'sleep 3600'

tui_start "$PARAPET" "$db"
tui_wait 'Models in'
# An existing database is opened as it is: not taken for one to make.
tui_hasnt 'no database'
tui_keys Enter
tui_wait 'Step 1 of 7: The system'
tui_keys '?'
tui_wait 'Keys of this screen'
# "1, 2, 3, 4, 5, 6, 7" was wider than the key column and pushed its text
# out of line with the others.
tui_has '  1-7            go to that step of the workshop'
tui_has '  Right, ]       go to the next step'
tui_keys Escape
tui_wait 'Step 1 of 7: The system'

# The export screen at 80 columns: every format's name whole, and the
# descriptions wrapped, not cut ("(parapet.xsd; re-import", "threat-dr…").
tui_keys X
tui_wait 'Export the model, its risk register and history'
tui_has '  threat-dragon .json   OWASP Threat Dragon v2 JSON'
tui_has '                        re-importable)'
tui_screen | grep -qF '…' && tui_fail "a cut name or description"
# The wrapped lines are not choices: seven Downs reach threat-dragon.
tui_keys Down Down Down Down Down Down Down Enter
tui_wait 'Export threat-dragon to the file'
# The prompt's note whole at 80x24, its last words too: what becomes of a
# file already there.
tui_screen | LC_ALL=C.UTF-8 sed -n 's/^[^│]*│ \(.*\)│.*$/\1/p' |
    tr '\n' ' ' | tr -s ' ' |
    grep -qF 'an existing file is replaced; the file is readable by you only (mode 0600).' ||
    tui_fail "the export prompt cuts its note"
tui_keys Escape
tui_wait 'Export the model'
tui_quit

# A blank model: going from the id to the name is no mistake, so what is
# still missing is not shown as an error; abandoning the form is.
if [ $pg = 0 ]; then
# A mistyped database name: the screens open on it, say that it is not
# made yet, and leave no file behind when no model is created (the
# register shows nothing either); an existing empty file is left alone.
tui_start "$PARAPET" "$TUI_DIR/typo.db"
tui_wait 'No models in this database yet'
tui_wait 'yet: it is made when you'
# The screen's lines joined: a long path wraps the status line.
joined() { tui_screen -S - | tr '\n' ' ' | tr -s ' '; }
joined | grep -qF "no database '$TUI_DIR/typo.db' yet: it is made when you create a model here" ||
    tui_fail "the status line does not name typo.db"
[ ! -e "$TUI_DIR/typo.db" ] || tui_fail "typo.db was made on opening it"
tui_keys r
tui_wait 'Register of'
tui_keys Escape
tui_wait 'Models in'
tui_keys q
st="$(tui_wait_exit)"
[ "$st" = 0 ] || tui_fail "exit status $st, expected 0"
joined | grep -qF "no model was created, so no database '$TUI_DIR/typo.db' was made" ||
    tui_fail "no word on leaving, that typo.db was not made"
tui kill-session -t "$TUI_T"
[ ! -e "$TUI_DIR/typo.db" ] || tui_fail "typo.db was left behind"
ls "$TUI_DIR" | grep -q '^typo\.db' && tui_fail "files of typo.db were left behind"
: >"$TUI_DIR/empty.db"
tui_start "$PARAPET" "$TUI_DIR/empty.db"
tui_wait 'No models in this database yet'
tui_hasnt 'yet: it is made'
tui_quit
[ -e "$TUI_DIR/empty.db" ] || tui_fail "an existing empty database was removed"
fi

tui_newdb blank
blank=$db
db=$n
tui_start "$PARAPET" "$blank"
tui_wait 'No models in this database yet'
# A database file that did not exist is made with the first model.
[ $pg = 1 ] || tui_wait 'yet: it is made when you'
tui_keys a
tui_wait 'A new model: its system'
# The help of a form lists the keys that edit its text, from the key
# table, and they work: C-a goes to the start of the text.
tui_keys F1
tui_wait 'Keys of this screen'
tui_has 'Editing text (prompts and text fields)'
tui_has '  Home, C-a      go to the start of the text'
tui_has '  Backspace      delete the character before the cursor'
tui_keys Escape
tui_wait 'A new model: its system'
tui_type 'r-bot'
tui_keys C-a
tui_type 'h'
tui_keys Tab
tui_wait "not saved yet: 'name' is required (fill in the fields marked *)"
tui_screen | grep -qF "error: not saved yet" &&
    tui_fail "going on from the id shows an error"
tui_type 'HR bot'
tui_keys Tab
tui_wait "saved: create model 'hr-bot'"
if [ $pg = 1 ]; then
	[ "$(psql "$blank" -XAtq -c "SELECT count(*) FROM models
	    WHERE system = 'hr-bot'")" = 1 ] ||
	    tui_fail "the first model is not in the register"
else
	[ -s "$blank" ] || tui_fail "the first model did not make blank.db"
fi
tui_keys Escape
tui_wait 'Step 1 of 7: The system'
tui_keys Right
tui_wait 'Step 2 of 7: Trust boundaries'
tui_keys a
tui_wait 'A new trust boundary'
tui_type 'inet'
# Esc keeps what cannot be saved yet and says why; a second Esc leaves.
tui_keys Escape
tui_wait "error: not saved (Esc again: leave without it): 'name' is required"
tui_quit
# Practice questions: the step and the answer list say what the analysis
# does: 'unknown' leaves an open question and raises no risk, 'no' does.
tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 1 of 7'
tui_keys 5
tui_wait 'Step 5 of 7: Practice questions'
tui_screen | tr '\n' ' ' | tr -s ' ' | grep -qF "'no' raises risks for the system as a whole; 'unknown' or no answer leaves an open question" ||
    tui_fail "the practice step does not say what unknown does"
tui_keys Enter
tui_wait 'not known yet: an open question, raises no risk'
tui_keys u Enter
tui_wait "saved: answer 'q-staff-awareness': unknown"
tui_keys 6
tui_wait 'Step 6 of 7: Analysis'
tui_has 'No risks yet'
tui_keys 5
tui_wait 'Step 5 of 7'
tui_keys Enter
tui_wait 'not known yet: an open question'
tui_keys n Enter
tui_wait "saved: answer 'q-staff-awareness': no"
tui_keys 6
tui_wait 'Risks that apply: 1'
tui_quit

# 'parapet model.yaml': the screens open databases; the error says how to
# get from the model file to one.
if [ $pg = 1 ]; then
	echo "newuser: ok"
	exit 0
fi
printf 'parapet: 1\nsystem: { id: m, name: M }\n' >"$TUI_DIR/m.yaml"
tui_start "$PARAPET" "$TUI_DIR/m.yaml"
st="$(tui_wait_exit)"
[ "$st" = 1 ] || tui_fail "exit status $st, expected 1"
# The whole pane, scrollback included, lines joined.
out="$(tui_screen -J -S - | tr -d '\n')"
case "$out" in
*"is not a Parapet database"*) ;;
*) tui_fail "no 'not a Parapet database'" ;;
esac
case "$out" in
*"to open a model file, import it into a database first: parapet import $TUI_DIR/m.yaml $TUI_DIR/m.db, then parapet $TUI_DIR/m.db"*) ;;
*) tui_fail "no import command for m.yaml" ;;
esac
[ "$(head -c 9 "$TUI_DIR/m.yaml")" = "parapet: " ] ||
    tui_fail "the model file was changed"
echo "newuser: ok"

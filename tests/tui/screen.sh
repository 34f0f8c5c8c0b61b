#!/usr/bin/env bash
# End to end: hostile text never reaches the terminal raw; wide names cut
# and aligned by columns; NO_COLOR; resizing, below the minimum too; help.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
export PARAPET_TEMPLATES="$srcdir/tests/data/tui"
export NO_COLOR=1
tui_newdb s
ESC=$'\e'

tui_start "$PARAPET" "$db"
tui_wait 'No models in this database yet'
tui_keys t
tui_wait 'Start from a template'
tui_wait 'hostile'
tui_keys Enter
tui_wait 'Id of the new model'
tui_keys Enter
tui_wait "created model 'hostile' from a template"

# The escapes in the model's name are shown, not obeyed.
tui_has 'Evil ^[]0;pwned^G^[[5mBLINK^[[2J system'
raw="$(tui_screen -e)"
if grep -qF "${ESC}]" <<<"$raw"; then
	tui_fail "an OSC sequence reached the terminal"
fi
if grep -qF "${ESC}[5m" <<<"$raw"; then
	tui_fail "the blink attribute reached the terminal"
fi
if grep -qE "${ESC}\\[(3[0-7]|4[0-7])m" <<<"$raw"; then
	tui_fail "colours drawn although NO_COLOR is set"
fi
title="$(tui display-message -p -t app '#{pane_title}')"
[ "$title" != pwned ] || tui_fail "the model set the terminal title"

# Wide characters take two columns each and the next column lines up
# (the name takes what the ids, kinds and boundaries leave).
tui_keys Right Right
tui_wait 'Step 3 of 7: Components'
tui_has '  app 中文名字中文名字中文名字中文名字                    application cloud'
tui_has '  db  plain database                                      datastore   cloud'
tui_keys V
tui_wait 'Trust boundaries and their components'
tui_has '云 ^[[31mRed^[[0m'
tui_has 'CROSSES'
tui_hasnt 'boundary?'

# Resizing redraws; below 80x24 the screen says so.
tui resize-window -t app -x 60 -y 20
tui_wait 'Terminal too small: 60x20.'
tui_has 'Parapet needs at least 80x24'
tui resize-window -t app -x 120 -y 30
tui_wait 'Trust boundaries and their components'
tui_hasnt 'Terminal too small'
tui_screen | grep -q '^ Parapet │ Data flows │ Evil' ||
    tui_fail "the title bar is not redrawn at the new size"

# Help comes from the key table, this screen's keys first.
tui_keys '?'
tui_wait 'Keys of this screen'
tui_has 'Data-flow view'
tui_has 'a              add a data flow'
tui_keys /
tui_type 'undo the last'
tui_keys Enter
tui_wait 'u              undo the last change'
tui_keys Escape
tui_wait 'Trust boundaries and their components'

# Deleting a model asks first; No keeps it.
tui_keys Escape Escape
tui_wait 'Models in'
tui_keys d
tui_wait "Delete model 'hostile'"
tui_keys Enter
tui_wait_gone "Delete model 'hostile'"
tui_has 'hostile'
tui_keys d
tui_wait "Delete model 'hostile'"
tui_keys Down Enter
tui_wait "deleted model 'hostile'"
tui_has 'No models in this database yet'
tui_quit
echo "screen: ok"

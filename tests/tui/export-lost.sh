#!/usr/bin/env bash
# End to end: the export screen says what a file for another tool goes
# without, as 'parapet export' does on stderr. At 80x24 (a projector's
# size) threat-dragon, otm and tmbom each name, on the status line that
# reports the file written, the same losses the command names; the yaml
# export, which keeps it all, names none. Before this the screen said
# only "exported threat-dragon to '...' (N bytes)".
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb lost
"$PARAPET" import "$srcdir/tests/data/projector.yaml" "$db" >/dev/null ||
    tui_fail "could not import the model"

# What the command says each format has no place for.
cli_lost() {
	"$PARAPET" export "$db" --format "$1" --output "$TUI_DIR/cli.json" \
	    2>&1 >/dev/null | sed -n "s/^parapet: export: note: the $1 format has no place for \(.*\): '.*' goes without them.*/\1/p"
}
# The status line: the rows above the key hints, joined as one line.
status_text() {
	tui_screen | sed -n '/^exported /,/^Enter export/p' | sed '$d' |
	    tr '\n' ' ' | tr -s ' '
}
# export FORMAT DOWNS FILE: choose the format DOWNS lines below the one
# selected, write FILE (in $TUI_DIR, the program's directory).
export_as() {
	local i
	for ((i = 0; i < $2; i++)); do tui_keys Down; done
	tui_keys Enter
	tui_wait "Export $1 to the file"
	tui_keys C-u
	tui_type "$3"
	tui_keys Enter
	tui_wait "exported $1 to '$3'"
	[ -s "$TUI_DIR/$3" ] || tui_fail "$1: '$3' not written"
}

cd "$TUI_DIR"
tui_start "$PARAPET" "$db"
tui_wait 'Models in'
tui_keys Enter
tui_wait 'Step 5 of 7'
tui_keys X
tui_wait 'Export the model, its risk register and history'

# yaml (the sixth format) keeps everything: no loss named.
export_as yaml 5 m.yaml
status_text | grep -q 'no place' &&
    tui_fail "yaml: a loss named, but yaml keeps it all"
for f in threat-dragon:2 otm:1 tmbom:1; do
	fmt=${f%:*}
	want="$(cli_lost "$fmt")"
	[ -n "$want" ] || tui_fail "$fmt: the command names no loss"
	export_as "$fmt" "${f#*:}" "$fmt.json"
	status_text | grep -qF -- "without $want: the format has no place for them" ||
	    tui_fail "$fmt: the screen does not name what the command does: $want"
done
tui_quit

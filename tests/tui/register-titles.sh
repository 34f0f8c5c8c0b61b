#!/usr/bin/env bash
# End to end: at 80x24 (a projector's size) the risk register shows every
# risk's whole title in the list: a title wider than its column wraps
# under itself, and the cursor and the detail still go risk by risk.
# Before this, the list cut titles at 50 to 54 columns ("Instructions
# hidden in content the model reads hijack…"), so a workshop read half a
# title aloud or left the list for each. At 120x40 a title that fits keeps
# its one line.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb titles
"$PARAPET" import "$srcdir/tests/data/projector.yaml" "$db" >/dev/null ||
    tui_fail "could not import the model"
# The titles as 'parapet risks' lists them, most severe first.
"$PARAPET" risks "$db" | sed 's/^[^@]*@[^ ]*  *//' >"$TUI_DIR/want"
n=$(wc -l <"$TUI_DIR/want")
[ "$n" -ge 5 ] || tui_fail "only $n risks"

# The register's rows on screen, each risk's lines joined into one, as
# "SEV STATUS TARGET TITLE" with single spaces (scroll marks dropped).
rows() {
	tui_screen | sed -n '4,/^── detail/p' | sed '$d' | sed 's/ *[↑↓] *$//' |
	    awk '/^                    +[^ ]/ { sub(/^ +/, ""); r = r " " $0; next }
		 { if (r != "") print r; r = $0 }
		 END { if (r != "") print r }' | tr -s ' '
}

tui_open_register "$db"
: >"$TUI_DIR/seen"
for ((i = 0; i < n; i++)); do
	rows >>"$TUI_DIR/seen"
	tui_keys Down
done
rows >>"$TUI_DIR/seen"
if grep -q '…' "$TUI_DIR/seen"; then
	tui_fail "the list cuts a title: $(grep '…' "$TUI_DIR/seen" | head -1)"
fi
while IFS= read -r title; do
	grep -qF -- " $title" "$TUI_DIR/seen" ||
	    tui_fail "no row shows the whole title: $title"
done <"$TUI_DIR/want"
# A title wrapped onto a second line, under its own column.
tui_keys Home
tui_wait 'Instructions hidden in content the model reads hijack'
tui_screen | grep -qE '^ {20,}it *$' ||
    tui_fail "the first title does not wrap under its column"

# The cursor goes risk by risk: one Down, the second risk in the detail.
tui_keys Down
tui_wait 'llm-direct-prompt-injection on llm'
tui_keys Down
tui_wait 'llm-misinformation-overreliance on llm'

# At 120x40 the titles fit: one line a risk, as before.
tui resize-window -t "$TUI_T" -x 120 -y 40
tui_wait_width 120
tui_keys Home
tui_wait 'Instructions hidden in content the model reads hijack it'
if tui_screen | sed -n '4,/^── detail/p' | grep -qE '^ {20,}[^ ]'; then
	tui_fail "at 120 columns a title still wraps"
fi
tui_quit

#!/usr/bin/env bash
# End to end: with a locale that is not UTF-8 (LANG=C over SSH) or a
# terminal without UTF-8 (TERM=vt100), every rule, box, tick, arrow and
# cut is drawn in ASCII: no multibyte sequence and no curses notation for
# one (M-b~T~B) reaches the screen. With UTF-8 the symbols stay.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb a
tui_support "$db"

# ascii_only WHAT: fail if the screen holds a byte beyond ASCII or the
# notation curses uses for one in a non-UTF-8 locale.
ascii_only() {
	local scr
	scr="$(tui_screen)"
	if LC_ALL=C grep -q '[^ -~]' <<<"$scr"; then
		tui_fail "$1: a byte beyond ASCII on screen"
	fi
	# Each byte of a multibyte character is drawn "M-x" (or "M-^x"), so
	# one character is at least two in a row; "LLM-driven" is not one.
	if grep -qE 'M-\^?.M-|~T~B' <<<"$scr"; then
		tui_fail "$1: curses notation for a multibyte character"
	fi
}

# walk_screens WHAT: the walk-through (title bar, ticks, rules), a list
# longer than the screen (arrows), a pick box and a cut cell.
walk_screens() {
	tui_wait 'Models in'
	ascii_only "$1: start"
	tui_keys Enter
	tui_wait 'Step 5 of 7: Practice questions'
	tui_has ' Parapet | Walk-through | Customer support assistant'
	tui_has '4 Flows*'
	tui_has '[5 Practice]'
	tui_has 'v'
	ascii_only "$1: practice step"
	tui_keys Enter
	tui_wait 'the team does this'
	tui_screen | grep -qE '\+-{10,}\+' || tui_fail "$1: no ASCII box corner"
	ascii_only "$1: pick box"
	tui_keys Escape
	tui_keys 1
	tui_wait 'Step 1 of 7'
	tui_has '[1 System]*'
	ascii_only "$1: system step"
	tui_keys R
	tui_wait 'SEV  STATUS'
	tui_screen | grep -qE '^-+ detail' ||
	    tui_screen | grep -qE '^--+' || tui_fail "$1: no ASCII rule"
	ascii_only "$1: register"
	tui_quit
}

tui_start env LANG=C LC_ALL=C "$PARAPET" "$db"
walk_screens "LANG=C"

tui_start env TERM=vt100 "$PARAPET" "$db"
walk_screens "TERM=vt100"

# With UTF-8 and a capable terminal, the symbols are drawn as they are.
tui_open_walk "$db"
tui_has ' Parapet │ Walk-through │ Customer support assistant'
tui_has '4 Flows✓'
tui_quit
echo "ascii: ok"

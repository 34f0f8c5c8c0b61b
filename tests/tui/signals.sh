#!/usr/bin/env bash
# End to end: the terminal is restored when Parapet is stopped by SIGINT
# (C-c), SIGTERM or SIGHUP, and the process dies of the signal; without a
# terminal it refuses to start.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
tui_newdb g

# The pid of parapet, a child of the pane's shell.
parapet_pid() {
	local pid p start=$SECONDS
	pid="$(tui display-message -p -t "$TUI_T" '#{pane_pid}')"
	while (( SECONDS - start < 10 )); do
		p="$(pgrep -P "$pid" | head -1)" || true
		if [ -n "$p" ]; then
			echo "$p"
			return 0
		fi
		sleep 0.05
	done
	tui_fail "no parapet process under the pane"
}

for sig in INT TERM HUP; do
	tui_start "$PARAPET" "$db"
	tui_wait 'Models in'
	# While it runs, curses has the alternate screen.
	[ "$(tui display-message -p -t app '#{alternate_on}')" = 1 ] ||
	    tui_fail "the alternate screen is not in use"
	if [ "$sig" = INT ]; then
		tui_keys C-c
	else
		kill -s "$sig" "$(parapet_pid)"
	fi
	st="$(tui_wait_exit)"
	want=$((128 + $(kill -l "$sig")))
	[ "$st" = "$want" ] || tui_fail "SIG$sig: exit status $st, not $want"
	[ "$(tui display-message -p -t app '#{alternate_on}')" = 0 ] ||
	    tui_fail "SIG$sig: the terminal was not restored"
	tui kill-session -t app
done
# Without a terminal it says so, and creates no database.
if out="$("$PARAPET" "$TUI_DIR/none.db" </dev/null 2>&1)"; then
	tui_fail "it ran without a terminal"
fi
grep -q 'the workshop screens need a terminal' <<<"$out" ||
    tui_fail "no message without a terminal: $out"
[ ! -e "$TUI_DIR/none.db" ] || tui_fail "a database was created"
echo "signals: ok"

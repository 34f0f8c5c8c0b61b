# tests/tui/lib.sh: drive parapet in a detached tmux pane, pinned.
#
# Works with no TTY and no stdin. A private server socket (never a user's
# tmux), a fixed size (TUI_COLS x TUI_ROWS, 80x24 unless set), a UTF-8
# locale, TERM tmux-256color, TZ=UTC, a pinned clock ($PARAPET_NOW), and
# HOME and XDG_CONFIG_HOME in a temporary directory.
#
# Usage: . lib.sh; tui_start "$PARAPET" "$TUI_DIR/db"; tui_wait 'Models';
#        tui_keys q; tui_wait_exit
# Waits poll the screen; no test sleeps a fixed time.
unset TMUX
PARAPET="${PARAPET:-parapet}"
TUI_DIR="$(mktemp -d "${TMPDIR:-/tmp}/parapet-tui.XXXXXX")"
TUI_SOCK="$TUI_DIR/sock"
TUI_CONF="$TUI_DIR/tmux.conf"
TUI_EXIT_MARK="__TUI_EXIT__"
mkdir -p "$TUI_DIR/home" "$TUI_DIR/xdg"
printf '%s\n' 'set -g default-terminal tmux-256color' \
    'set -g default-shell /bin/bash' \
    'set -g remain-on-exit on' \
    'set -g history-limit 10000' \
    'set -g status off' > "$TUI_CONF"

tui() { tmux -S "$TUI_SOCK" -f "$TUI_CONF" "$@"; }

tui_pgdbs=()
# On exit: a status-line hint that named a key its screen does not bind
# (parapet wrote it to $PARAPET_HINT_LOG) fails the test; the PostgreSQL
# databases a test made are dropped.
tui_cleanup() {
	local rc=$? d
	tui kill-server 2>/dev/null || true
	for d in "${tui_pgdbs[@]}"; do
		psql "$PARAPET_TEST_PG" -Xqc "DROP DATABASE IF EXISTS $d WITH (FORCE)" \
		    >/dev/null 2>&1
	done
	if [ -s "$TUI_DIR/hints" ]; then
		echo "FAIL: status-line hints name keys not bound there:" >&2
		sort -u "$TUI_DIR/hints" >&2
		rc=1
	fi
	rm -rf "$TUI_DIR"
	exit "$rc"
}
trap tui_cleanup EXIT

# tui_newdb NAME: where the test's database is, in $db: a file in $TUI_DIR,
# or, with PARAPET_TEST_BACKEND=pg, a fresh database on the server of
# $PARAPET_TEST_PG, dropped at the end (the test SKIPs without a server).
tui_newdb() {
	if [ "${PARAPET_TEST_BACKEND:-sqlite}" != pg ]; then
		db="$TUI_DIR/$1.db"
		return
	fi
	if [ -z "${PARAPET_TEST_PG:-}" ]; then
		echo "SKIP: no PostgreSQL server (PARAPET_TEST_PG is not set)" >&2
		exit 77
	fi
	tui_pgdbs+=("parapet_tui_$$_$1")
	psql "$PARAPET_TEST_PG" -Xqc "CREATE DATABASE parapet_tui_$$_$1" \
	    >/dev/null || tui_fail "cannot make a database on the server"
	db="$PARAPET_TEST_PG dbname=parapet_tui_$$_$1"
}

# tui_start [-t TARGET] CMD [ARGS...]: run CMD in a new session (or, with
# -t NAME, in a second session NAME of the same server).
# When CMD exits, "__TUI_EXIT__ <status>" is printed in the pane. The
# pane's shell ignores SIGINT, so that it survives a C-c and reports how
# CMD ended (CMD installs its own handler).
tui_start() {
	local name=app cmd
	if [ "$1" = -t ]; then
		name="$2"
		shift 2
	fi
	cmd="$(printf '%q ' "$@")"
	# A tmux server that dies while it starts ("server exited
	# unexpectedly", seen on a loaded machine) is tmux's, not the
	# program's: try again, at most three times in all.
	local try
	for try in 1 2 3; do
		tui_new_session "$name" "$cmd" && return 0
		tui has-session -t "$name" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

# tui_new_session NAME CMD: one attempt of tui_start.
tui_new_session() {
	local name="$1" cmd="$2"
	rm -f "$TUI_DIR/exit-$name"
	tui new-session -d -s "$name" -x "${TUI_COLS:-80}" -y "${TUI_ROWS:-24}" \
	    -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TZ=UTC -e ESCDELAY=25 \
	    -e "PARAPET_NOW=${PARAPET_NOW:-2026-11-25T12:00:00Z}" \
	    -e "HOME=$TUI_DIR/home" -e "XDG_CONFIG_HOME=$TUI_DIR/xdg" \
	    -e "PARAPET_DATA=${PARAPET_DATA:-}" \
	    -e "PARAPET_TEMPLATES=${PARAPET_TEMPLATES:-}" \
	    -e "PARAPET_USER=${PARAPET_USER:-tester}" \
	    -e "NO_COLOR=${NO_COLOR:-}" \
	    -e "PARAPET_HINT_LOG=$TUI_DIR/hints" \
	    -e "ASAN_OPTIONS=log_path=$TUI_DIR/asan:${ASAN_OPTIONS:-}" \
	    -e "UBSAN_OPTIONS=log_path=$TUI_DIR/ubsan:${UBSAN_OPTIONS:-}" \
	    "trap '' INT; $cmd; __rc=\$?; printf '\\n%s %s\\n' $TUI_EXIT_MARK \"\$__rc\"; echo \$__rc >$(printf %q "$TUI_DIR/exit-$name")"
}

# The session the next commands act on.
TUI_T=app
tui_use() { TUI_T="$1"; }

# tui_screen [ARGS]: the visible screen (-e for escape sequences).
tui_screen() { tui capture-pane -p -t "$TUI_T" "$@"; }

# tui_keys KEY...: tmux key names (Enter, Escape, Up, C-c) or text.
tui_keys() { tui send-keys -t "$TUI_T" "$@"; }
# tui_type TEXT: send TEXT literally.
tui_type() { tui send-keys -t "$TUI_T" -l -- "$1"; }

# tui_fail MESSAGE: report with the screen, and fail.
tui_fail() {
	echo "FAIL: $*" >&2
	echo "---- screen ----" >&2
	tui_screen >&2 || true
	echo "----------------" >&2
	cat "$TUI_DIR"/asan.* "$TUI_DIR"/ubsan.* 2>/dev/null | head -60 >&2
	exit 1
}

# tui_wait TEXT [TIMEOUT_S]: poll until TEXT (fixed string) is on screen.
# 20 s by default: a loaded 2-core machine running the suite with -j2 has
# taken over 10 s to open a model.
tui_wait() {
	local text="$1" timeout="${2:-20}" start=$SECONDS
	while (( SECONDS - start < timeout )); do
		if tui_screen 2>/dev/null | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.05
	done
	tui_fail "timed out after ${timeout}s waiting for: $text"
}

# tui_wait_width COLS [TIMEOUT_S]: after a resize, poll until the program
# has drawn a line COLS characters wide (a rule across the screen): text
# already on screen before the resize says nothing about the redraw.
tui_wait_width() {
	local cols="$1" timeout="${2:-20}" start=$SECONDS
	while (( SECONDS - start < timeout )); do
		if tui_screen 2>/dev/null | LC_ALL=C.UTF-8 grep -Eq "^.{$cols}"
		then
			return 0
		fi
		sleep 0.05
	done
	tui_fail "not redrawn $cols wide after ${timeout}s"
}

# tui_wait_gone TEXT [TIMEOUT_S]: poll until TEXT is no longer on screen.
tui_wait_gone() {
	local text="$1" timeout="${2:-10}" start=$SECONDS
	while (( SECONDS - start < timeout )); do
		tui_screen | grep -qF -- "$text" || return 0
		sleep 0.05
	done
	tui_fail "'$text' still on screen after ${timeout}s"
}

# tui_has TEXT: fail unless TEXT is on screen now.
tui_has() {
	tui_screen | grep -qF -- "$1" || tui_fail "not on screen: $1"
}

# tui_hasnt TEXT: fail if TEXT is on screen now.
tui_hasnt() {
	if tui_screen | grep -qF -- "$1"; then
		tui_fail "unexpectedly on screen: $1"
	fi
}

# tui_wait_exit [TIMEOUT_S]: wait for CMD to exit; prints its status.
tui_wait_exit() {
	local start=$SECONDS st
	while (( SECONDS - start < ${1:-10} )); do
		st="$(tui_screen -S - | sed -n "s/^$TUI_EXIT_MARK \([0-9]*\).*/\1/p" |
		    tail -1)"
		if [ -n "$st" ]; then
			echo "$st"
			return 0
		fi
		# The status is also kept in a file: a screen that lost the
		# mark (a resize as the program ended) still tells.
		if [ -s "$TUI_DIR/exit-$TUI_T" ]; then
			cat "$TUI_DIR/exit-$TUI_T"
			return 0
		fi
		sleep 0.05
	done
	tui_fail "the program did not exit"
}

# tui_quit: q until the program exits from the start screen; expect 0.
tui_quit() {
	local st
	tui_keys Escape Escape Escape Escape
	tui_wait 'Models in'
	tui_keys q
	st="$(tui_wait_exit)"
	[ "$st" = 0 ] || tui_fail "exit status $st, expected 0"
	tui kill-session -t "$TUI_T"
}

# tui_support DB: import the support assistant (tests/data/tui/support.yaml)
# into a new database DB.
tui_support() {
	"$PARAPET" import "${srcdir:-.}/tests/data/tui/support.yaml" "$1" \
	    >/dev/null || tui_fail "could not import the support assistant"
}

# tui_kept_questions DB: the support assistant imported into DB, the first
# open question its analysis kept made recognisable (its field
# 'kept-by-the-import', where a fresh analysis would find 'personal-data
# or confidential-data'); sets kept to how many were kept. Skips the test
# without the sqlite3 program.
tui_kept_questions() {
	command -v sqlite3 >/dev/null 2>&1 || {
		echo "SKIP: no sqlite3 program to change the kept questions" >&2
		exit 77
	}
	tui_support "$1"
	kept=$(sqlite3 "$1" "SELECT count(*) FROM open_questions")
	[ "$kept" -gt 0 ] || tui_fail "the import kept no open questions"
	sqlite3 "$1" "UPDATE open_questions SET field = 'kept-by-the-import'
	    WHERE position = (SELECT min(position) FROM open_questions)"
}

# tui_open_walk DB: start parapet on DB and open its only model, whose
# walk-through resumes at the practice questions (as the support
# assistant's does).
tui_open_walk() {
	tui_start "$PARAPET" "$1"
	tui_wait 'Models in'
	tui_keys Enter
	tui_wait 'Step 5 of 7: Practice questions'
}

# tui_open_register DB: start parapet on DB and open its only model's
# risk register from the walk-through (tui_open_walk, then R).
tui_open_register() {
	tui_open_walk "$1"
	tui_keys R
	tui_wait 'risks, by severity'
}

# tui_filter_text TEXT: in the register, show the risks whose text holds
# TEXT (/), once the prompt is gone.
tui_filter_text() {
	tui_keys /
	tui_wait 'Filter by text'
	tui_type "$1"
	tui_keys Enter
	tui_wait_gone 'Filter by text'
}

# tui_system_owner: from the list of models, open the support assistant
# (tests/data/tui/support.yaml) and its system's form on the owner field.
tui_system_owner() {
	tui_keys Enter
	tui_wait 'Step 5 of 7'
	tui_keys S
	tui_wait "The system 'support-assistant'"
	tui_keys Tab Tab
	tui_wait 'owner: the risk owner who signs off'
}

# tui_edit_field TEXT TITLE FIELD: in a list, find the line with TEXT (/),
# open its form (its title has TITLE) and move down to the field whose
# line has FIELD.
tui_edit_field() {
	tui_keys /
	tui_wait 'Search'
	tui_type "$1"
	tui_keys Enter
	tui_keys Enter
	tui_wait "$2"
	for _ in $(seq 20); do
		tui_screen | grep -qF -- "$3" && break
		tui_keys Down
		sleep 0.1
	done
	tui_wait "$3"
}

#!/usr/bin/env bash
# bench/bench-tui.sh: how long the workshop screens take to answer a key,
# headless in tmux at 120x40, by register size, as `make bench` prints it.
#
# usage: bench/bench-tui.sh [N...]   (N components, 3N flows; default 1000
#                                     10000)
# Run from the build tree: it uses ./parapet, ./bench/bench-model and real
# tmux. For each N it imports the synthetic model, opens it in the screens
# and times, from the key sent to the screen showing what the key asked
# for: the first screen, opening the model, opening its risk register
# (read when first shown), Down and PgDn in it, a severity filter, a
# text search (its first screenful of matches; "every match counted":
# until the count no longer says "N+ of M", the rest being filtered
# between keys), Esc back to the walk-through, 6 for its step 6 (the
# open questions kept with the model and their risks, from step 5) and
# Down in it, D for the dashboard (its
# counts, the open questions kept with the model, the overdue and
# accepted risks, the guidelines' coverage) and, back from it, Esc to the
# models (the model closed); then, the model opened again, 7 for the
# review step and D for the dashboard with its register not yet read
# (each reads it a slice at a time between keys), and Down in each while
# it is read; then 3 for the components, the first screen to list the
# model's objects (a model opens with its system and practices alone,
# and reads its boundaries, components and flows there), Down and PgDn
# in it, and the same for 4 (the flows) and 2 (the boundaries), each on
# the model opened afresh, and for V (the data-flow view, which reads
# them too); last the screens' peak memory (VmHWM, MiB)
# after all of that. Each cell is the
# median
# of BENCH_TUI_REPS (default 5) tries, in milliseconds; the harness itself
# (a tmux capture per poll) adds a few milliseconds, shown as "harness" (a
# key the screen ignores).
#
# Above BENCH_TUI_IMPORT_MAX components (default 100000) the model file
# would pass the YAML parser's node limit, so the register is built as
# bench-register builds its systems (one system of N components, analysed
# and stored through the store, with decisions on about a quarter of the
# risks): N = 385000 gives about a million risks, in several minutes and
# about 5 GB. With BENCH_TUI_KEEP=DIR each database is kept in DIR as
# tui-N.db and reused by the next run.
set -u
bin=${PARAPET_BIN:-./parapet}
gen=${BENCH_MODEL:-./bench/bench-model}
reg=${BENCH_REGISTER:-./bench/bench-register}
import_max=${BENCH_TUI_IMPORT_MAX:-100000}
keep=${BENCH_TUI_KEEP:-}
reps=${BENCH_TUI_REPS:-5}
timeout=${BENCH_TUI_TIMEOUT:-120}
if [ $# -gt 0 ]; then
	sizes=("$@")
else
	sizes=(1000 10000)
fi
for x in "$bin" "$gen"; do
	[ -x "$x" ] || { echo "bench-tui: no $x (run make first)" >&2; exit 1; }
done
command -v tmux >/dev/null || { echo "bench-tui: tmux is needed" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
t=$(mktemp -d "${TMPDIR:-/tmp}/parapet-bench-tui-XXXXXX") || exit 1
sock="$t/sock"
tx() { tmux -S "$sock" -f /dev/null "$@"; }
tries=0
trap 'tx kill-server 2>/dev/null; rm -rf "$t"' EXIT
export PARAPET_USER=bench PARAPET_NOW=2026-01-01T00:00:00Z

screen() { tx capture-pane -p -t b; }
# With the styles: a cursor moved among lines of the same text shows.
styled() { tx capture-pane -e -p -t b; }

# wait_for REGEX [TIMEOUT_S]: poll the screen until a line matches.
wait_for() {
	local end=$((SECONDS + ${2:-120}))
	while ! screen | grep -qE -- "$1"; do
		if [ "$SECONDS" -gt "$end" ]; then
			echo "bench-tui: timed out waiting for '$1'" >&2
			screen >&2
			return 1
		fi
	done
}

# timed REGEX KEY...: send the keys, wait until the screen shows REGEX and
# differs from before; print the milliseconds.
timed() {
	local re=$1 before t0 t1 s
	shift
	before=$(${capture:-screen})
	t0=$EPOCHREALTIME
	sent=$t0
	tx send-keys -t b "$@"
	while :; do
		s=$(${capture:-screen})
		if [ "$s" != "$before" ] && grep -qE -- "$re" <<<"$s"; then
			break
		fi
		# A key that changes nothing (the last line already
		# selected): no figure rather than a wait for ever.
		if (( ${EPOCHREALTIME/./} - ${t0/./} > timeout * 1000000 ))
		then
			echo "bench-tui: '$*' changed nothing in $timeout s" >&2
			echo ">${timeout}000"
			return 1
		fi
	done
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
}

# since_sent REGEX: wait until the screen shows REGEX; print the
# milliseconds since the last timed key was sent.
since_sent() {
	while ! screen | grep -qE -- "$1"; do
		:
	done
	awk -v a="$sent" -v b="$EPOCHREALTIME" \
	    'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
}

# harness: a capture right after a key the screens ignore (F12), so what
# the polling itself costs.
harness() {
	local t0 t1
	t0=$EPOCHREALTIME
	tx send-keys -t b F12
	screen >/dev/null
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
}

# The screens' process id (the pane runs them under a shell).
screens_pid() {
	local sh pid
	sh=$(tx list-panes -t b -F '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$sh" | head -1)
	echo "${pid// /}"
}

# rss FILE: the screens' peak resident memory so far, in MiB, to FILE.
rss() {
	awk '/^VmHWM/ { printf "%.0f\n", $2 / 1024 }' \
	    "/proc/$(screens_pid)/status" >>"$1" 2>/dev/null || echo - >>"$1"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }

# start DB: the screens on DB in a new tmux server (a socket of its own
# each time, so that one being torn down is never reused).
start() {
	tx kill-server 2>/dev/null
	tries=$((tries + 1))
	sock="$t/sock$tries"
	tx new-session -d -s b -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
	    -e "PARAPET_DATA=${PARAPET_DATA:-}" -e PARAPET_USER=bench \
	    -e PARAPET_NOW=2026-01-01T00:00:00Z "$bin $1; sleep 3600"
}

steps=(first open register down pgdn severity search searchall back
    step6 step6down dashboard models step7 step7down dashfirst dashdown
    step3 step3down step3pgdn step4 step4down step4pgdn step2 step2down
    step2pgdn flows flowsdown flowspgdn rss harness)
declare -A label=(
	[first]="first screen" [open]="open a model"
	[register]="open the register"
	[down]="Down in the register" [pgdn]="PgDn in the register"
	[severity]="filter by severity" [search]="search text, Enter"
	[searchall]="  every match counted"
	[back]="Esc back" [step6]="6 (open questions)"
	[step6down]="Down in step 6" [dashboard]="D (the dashboard)"
	[models]="Esc to the models"
	[step7]="7, register unread" [step7down]="Down in step 7"
	[dashfirst]="D, register unread" [dashdown]="Down in the dashboard"
	[step3]="3, objects unread"
	[step3down]="Down in step 3" [step3pgdn]="PgDn in step 3"
	[step4]="4, objects unread"
	[step4down]="Down in step 4" [step4pgdn]="PgDn in step 4"
	[step2]="2, objects unread"
	[step2down]="Down in step 2" [step2pgdn]="PgDn in step 2"
	[flows]="V, objects unread" [flowsdown]="Down in the flows view"
	[flowspgdn]="PgDn in the flows view"
	[rss]="peak MiB (the screens)"
	[harness]="harness (a capture)")
declare -A ms nrisks

# build N DB: the register of N components into DB.
build() {
	if [ "$1" -le "$import_max" ]; then
		"$gen" "$1" >"$t/m.yaml" &&
		    "$bin" import "$t/m.yaml" "$2" >/dev/null
	else
		[ -x "$reg" ] || { echo "bench-tui: no $reg" >&2; return 1; }
		BENCH_RUNS=1 "$reg" 1 "$1" "$2" >&2
	fi
}

for n in "${sizes[@]}"; do
	if [ -n "$keep" ]; then
		db="$keep/tui-$n.db"
	else
		db="$t/m$n.db"
	fi
	if [ -z "$keep" ] || [ ! -s "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		build "$n" "$db" || exit 1
	fi
	nrisks[$n]=$(sqlite3 "$db" 'SELECT count(*) FROM risks' 2>/dev/null ||
	    "$bin" risks "$db" --all 2>/dev/null | wc -l)
	echo "N = $n: ${nrisks[$n]} risks" >&2
	for s in "${steps[@]}"; do
		: >"$t/$s"
	done
	for _ in $(seq "$reps"); do
		t0=$EPOCHREALTIME
		start "$db"
		wait_for 'Models in' || exit 1
		awk -v a="$t0" -v b="$EPOCHREALTIME" \
		    'BEGIN { printf "%.0f\n", (b - a) * 1000 }' >>"$t/first"
		timed 'Step [0-9] of 7' Enter >>"$t/open" || exit 1
		timed 'risks, by severity' R >>"$t/register"
		timed 'risks, by severity' Down >>"$t/down"
		timed 'risks, by severity' NPage >>"$t/pgdn"
		tx send-keys -t b f
		wait_for 'Filter the risks by' || exit 1
		tx send-keys -t b Enter
		wait_for 'Show severities' || exit 1
		tx send-keys -t b Down Down Down Space
		wait_for '\[x\] critical' || exit 1
		timed 'filter: severity critical' Enter >>"$t/severity"
		tx send-keys -t b c
		wait_for 'risks, by severity' || exit 1
		tx send-keys -t b /
		wait_for 'Filter by text' || exit 1
		tx send-keys -t b -l 'prompt'
		timed "text 'prompt'" Enter >>"$t/search"
		since_sent "^[0-9]+ of [0-9]+ risks.*text 'prompt'" \
		    >>"$t/searchall"
		harness >>"$t/harness"
		timed 'Step [0-9] of 7' Escape >>"$t/back"
		tx send-keys -t b 5
		wait_for 'Step 5 of 7' || exit 1
		timed 'Step 6 of 7' 6 >>"$t/step6"
		capture=styled timed 'Step 6 of 7' Down >>"$t/step6down"
		timed 'Risks that apply, by severity' D >>"$t/dashboard"
		tx send-keys -t b Escape
		wait_for 'Step [0-9] of 7' || exit 1
		timed 'Models in' Escape >>"$t/models"
		# The model again, its register not read: the review step
		# and the dashboard first.
		tx send-keys -t b Enter
		wait_for 'Step [0-9] of 7' || exit 1
		timed 'Step 7 of 7' 7 >>"$t/step7"
		capture=styled timed 'Step 7 of 7' Down >>"$t/step7down"
		timed 'Risks that apply, by severity' D >>"$t/dashfirst"
		capture=styled timed 'Risks that apply, by severity' Down \
		    >>"$t/dashdown"
		tx send-keys -t b Escape
		wait_for 'Step [0-9] of 7' || exit 1
		# The model again, none of its objects read: the components.
		tx send-keys -t b Escape
		wait_for 'Models in' || exit 1
		tx send-keys -t b Enter
		wait_for 'Step [0-9] of 7' || exit 1
		# Steps 3, 4 and 2, each on the model opened afresh (the
		# first visit reads the objects), then Down and PgDn in it.
		# A step that draws nothing in BENCH_TUI_TIMEOUT seconds is
		# shown as ">N" and the screens started again.
		for k in 3 4 2; do
			if [ "$k" != 3 ]; then
				tx send-keys -t b Escape
				wait_for 'Models in' || exit 1
				tx send-keys -t b Enter
				wait_for 'Step [0-9] of 7' || exit 1
			fi
			timed "Step $k of 7" "$k" >>"$t/step$k" &&
			    capture=styled timed "Step $k of 7" Down \
			    >>"$t/step${k}down" &&
			    capture=styled timed "Step $k of 7" NPage \
			    >>"$t/step${k}pgdn" && continue
			rss "$t/rss"
			# Busy, it would not see the hangup.
			kill -KILL "$(screens_pid)" 2>/dev/null
			start "$db"
			wait_for 'Models in' || exit 1
			tx send-keys -t b Enter
			wait_for 'Step [0-9] of 7' || exit 1
		done
		# The data-flow view on the model opened afresh (it reads the
		# objects too), then Down and PgDn in it.
		tx send-keys -t b Escape
		wait_for 'Models in' || exit 1
		tx send-keys -t b Enter
		wait_for 'Step [0-9] of 7' || exit 1
		timed 'Trust boundaries and their' V >>"$t/flows" &&
		    capture=styled timed 'Trust boundaries' Down \
		    >>"$t/flowsdown" &&
		    capture=styled timed 'Trust boundaries|Data flows' NPage \
		    >>"$t/flowspgdn"
		rss "$t/rss"
		tx send-keys -t b Escape
		wait_for 'Step [0-9] of 7' || exit 1
		tx send-keys -t b Escape
		wait_for 'Models in' || exit 1
	done
	for s in "${steps[@]}"; do
		ms[$s,$n]=$(median <"$t/$s")
	done
	tx kill-server 2>/dev/null
	[ -n "$keep" ] || rm -f "$db" "$db-wal" "$db-shm"
done

printf '%-24s' "TUI, median ms (120x40)"
for n in "${sizes[@]}"; do
	printf ' | %14s' "${nrisks[$n]} risks"
done
printf '\n'
for s in "${steps[@]}"; do
	printf '%-24s' "${label[$s]}"
	for n in "${sizes[@]}"; do
		printf ' | %14s' "${ms[$s,$n]}"
	done
	printf '\n'
done

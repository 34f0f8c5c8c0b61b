#!/usr/bin/env bash
# What a new user types wrong: typos are usage errors with a suggestion,
# never a new database; usage lines and option help come from one table.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

# A word that is neither a command nor a database is a typo (exit 2).
run frobnicate
expect_rc 2 "unknown word"
expect_err "unknown command 'frobnicate'" "unknown word"
[ ! -e frobnicate ] || fail "a typo created a database"
run chek ci.db --fail-on high
expect_rc 2 "misspelt command with options"
expect_err "unknown command 'chek' (did you mean 'check'?)" \
    "misspelt command with options: suggestion first"
grep -qF "unknown option" "$T/err" && fail "misspelt command: option error"
[ ! -e chek ] || fail "a misspelt command created a database"
run sub/frob
expect_rc 2 "path without a database suffix"
expect_err "no database 'sub/frob'" "path without a database suffix"

# A word in other capitals is suggested as itself.
run risks ci.db --min-severity HIGH
expect_rc 2 "--min-severity HIGH"
expect_err "unknown level 'HIGH' for --min-severity (did you mean 'high'?)" \
    "--min-severity HIGH"

# help and version as words, like --help and --version.
run help export
expect_rc 0 "help export"
grep -qF "usage: parapet export DB" "$T/out" || fail "help export: its usage"
run version
expect_rc 0 "version"
grep -q "^parapet [0-9]" "$T/out" || fail "version: the version"
[ ! -e help ] && [ ! -e version ] || fail "help or version made a database"

# A command after the database is named in its place, creating nothing.
run demo.db risks
expect_rc 2 "command after the database"
expect_err "the command comes first: parapet risks 'demo.db'" \
    "command after the database"
[ ! -e demo.db ] || fail "a command after the database created it"
run one.db two.db
expect_rc 2 "two databases"
expect_err "the screens open one database, 'one.db'" "two databases"
[ ! -e one.db ] && [ ! -e two.db ] || fail "two databases created one"

# An unknown option gets the nearest one.
run check ci.db --fail-onn high
expect_rc 2 "misspelt option"
expect_err "unknown option '--fail-onn' (did you mean '--fail-on'?)" \
    "misspelt option"

# Options are long only: a short or single-dash spelling names the long one.
run export ci.db -o out.md
expect_rc 2 "-o"
expect_err "unknown option '-o' (did you mean '--output'?)" "-o"
run export ci.db -output out.md
expect_rc 2 "-output"
expect_err "unknown option '-output' (did you mean '--output'?)" "-output"
# Two options begin with m: the word after it says which it stands for.
run risks ci.db -m x
expect_rc 2 "-m, two options begin with m"
expect_err "unknown option '-m' (did you mean '--model'?)" "-m MODEL"
run risks ci.db -m low
expect_rc 2 "-m LEVEL"
expect_err "unknown option '-m' (did you mean '--min-severity'?)" "-m LEVEL"

# new --template: no internal path, a suggestion.
run new n.db --template rag
expect_rc 2 "unknown template"
expect_err "no template 'rag' (did you mean 'rag-assistant'?)" \
    "unknown template"
grep -qF "/templates/" "$T/err" && fail "unknown template: internal path"
[ ! -e n.db ] || fail "unknown template created a database"

# Usage lines carry every option a command takes, with its help.
run export --help
expect_out "usage: parapet export DB [--model ID] --format FMT [--output FILE] [--catalogue FILE]..." \
    "export usage from the table"
expect_out "  --output FILE         write to FILE" "export option help"
run answer --help
expect_out "[--note TEXT]" "answer takes --note"
expect_out "  --note TEXT           a note on the answer" "answer option help"
for cmd in import export list history analyze risks risk mitigation check \
    catalogue new templates questions answer; do
	run "$cmd" --help
	expect_rc 0 "$cmd --help"
	expect_out "usage: parapet $cmd" "$cmd --help usage"
	while IFS= read -r line; do
		case "$line" in
		"usage:"*|"") ;;
		*) [ "${#line}" -le 80 ] || fail "$cmd --help: long line '$line'" ;;
		esac
	done <"$T/out"
done

# The option table drives parsing: each option a command's help lists is
# taken by that command (the value, then --help: an option refused would
# fail first), each that takes text refuses text that is not UTF-8, and
# one a command does not list is refused.
"$PARAPET" --help | sed -n 's/^  \([a-z]\+\) .*/\1/p' >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -ge 15 ] || fail "parapet --help lists no commands"
while read -r cmd; do
	"$PARAPET" "$cmd" --help |
	    sed -n 's/^  --\([a-z-]\+\)\( \([A-Z-]\+\)\)\?.*/\1 \3/p' \
	    >"$T/opts"
	while read -r opt arg; do
		if [ -n "$arg" ]; then
			run "$cmd" "--$opt" x --help
		else
			run "$cmd" "--$opt" --help
		fi
		expect_rc 0 "$cmd --$opt ${arg:+$arg }--help"
		expect_out "usage: parapet $cmd" "$cmd --$opt --help"
		case "$arg" in
		""|FILE) continue ;;
		esac
		# As many arguments as the command takes.
		for pos in "" "a" "a b" "a b c"; do
			run "$cmd" $pos "--$opt" $'\xff'
			grep -qE 'missing|arguments' "$T/err" || break
		done
		expect_rc 2 "$cmd --$opt with bytes that are not UTF-8"
		expect_err "$cmd: --$opt is not valid UTF-8" "$cmd --$opt: the message"
	done <"$T/opts"
done <"$T/cmds"
# The words an option takes are listed from the vocabulary, and each
# is taken (below): every status of risks.
run diff --help
tr '\n' ' ' <"$T/out" | tr -s ' ' |
    grep -qF -- "--fail-on-new LEVEL exit 3 if the change adds an open risk at or above LEVEL: low, medium, high or critical" ||
    fail "diff --help: the levels of --fail-on-new"
run risks --help
tr '\n' ' ' <"$T/out" | tr -s ' ' |
    grep -qF -- "--status S list only the risks with this status: open, mitigating, mitigated, accepted or not-applicable" ||
    fail "risks --help: the statuses of --status"
run risks m.db --atlas x
expect_rc 2 "risks --atlas"
expect_err "unknown option '--atlas'" "an option risks does not take"

# answer --note, and --notes as another spelling.
run new m.db --template rag-assistant
expect_rc 0 "new from a template"
for st in open mitigating mitigated accepted not-applicable; do
	run risks m.db --status "$st"
	expect_rc 0 "risks --status $st"
done
run answer m.db q-staff-awareness yes --note "one word"
expect_rc 0 "answer --note"
run answer m.db q-staff-awareness yes --notes "still accepted"
expect_rc 0 "answer --notes"

# history --object without --model.
run history m.db --object llm
expect_rc 0 "history --object without --model"
expect_out "  llm " "history --object lists the object"
! grep -vF "  llm " "$T/out" | grep -q . || fail "history --object: other objects"
run history m.db --object no-such-object
expect_rc 0 "history of an unknown object"
[ ! -s "$T/out" ] || fail "history of an unknown object is not empty"

# A mistyped mitigation id gets a suggestion.
risk=$("$PARAPET" risks m.db | awk 'NR == 1 { print $4 }')
mit=$("$PARAPET" risk m.db "$risk" | awk '/^  mitigations:/ { f = 1; next } f { print $2; exit }')
run mitigation m.db "$risk" "${mit}x" --status planned
expect_rc 1 "mistyped mitigation"
expect_err "(did you mean '$mit'?)" "mistyped mitigation"

finish

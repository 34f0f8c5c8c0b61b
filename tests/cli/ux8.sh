#!/usr/bin/env bash
# An eighth new user's findings at the command line. The sign-off report
# names a flow that has no name by its ends, in its table (where an empty
# first cell read as a flow missing) and in the facts left unanswered.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

newdb a
run import "$SRC/tests/data/tui/support.yaml" "$DB"
expect_rc 0 "import the support assistant (its flows have no name)"
run export "$DB" --format markdown
expect_rc 0 "export to Markdown"
expect_out '| Chat backend to Hosted LLM | `complete` | `backend` | `llm` |' \
    "an unnamed flow is named by its ends' names"
expect_out '| Help-centre index to Chat backend | `retrieve` |' \
    "each unnamed flow is named by its own ends"
expect_no_out '| | `complete` |' "no flow row starts with an empty cell"
expect_out '- Flow Help-centre index to Chat backend (`retrieve`): ' \
    "the flow's unanswered facts name it as the table does"
# A flow's own name stands.
sed 's/{ id: complete, from: backend/{ id: complete, name: Completion, from: backend/' \
    "$SRC/tests/data/tui/support.yaml" >named.yaml
newdb b
run import named.yaml "$DB"
expect_rc 0 "import with one flow named"
run export "$DB" --format markdown
expect_out '| Completion | `complete` | `backend` | `llm` |' \
    "a named flow keeps its name"
expect_out '| Customer to Chat backend | `ask` |' \
    "the others are named by their ends"

# README's way to model one's own system runs as written (all but the line
# that opens the screens), in a directory of its own: a blank model in a
# database of its own, so that no command needs --model; its questions
# list the practice question README answers.
mkdir own && cd own || exit 1
block=$(awk '/^\*\*Your own system\.\*\*/ {p = 1} p && /^```sh$/ {b = 1; next}
    b && /^```$/ {exit} b' "$SRC/README.md")
[ -n "$block" ] || fail "README no longer shows how to model one's own system"
n=0
while IFS= read -r line; do
	case "$line" in
	'build/parapet bot.db '*) continue ;;	# the screens
	esac
	line=${line%%   *#*}	# its comment
	eval "set -- ${line#build/parapet }"
	run "$@"
	expect_rc 0 "README: $line"
	n=$((n + 1))
done <<<"$block"
[ "$n" -eq 6 ] || fail "README's own-system block ran $n commands, not 6"
run questions bot.db
expect_out "yes     1.2  q-threat-model-maintained" \
    "README's answer is recorded on the blank model"
cd .. || exit 1

finish

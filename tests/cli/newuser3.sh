#!/usr/bin/env bash
# A third new user's slips at the command line: an export to a directory
# that is not there says which directory, in the words of the file asked
# for, not of the temporary file written beside it.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1
cat >council.yaml <<'YAML'
parapet: 1
system: {id: council-chatbot, name: City council resident chatbot}
components:
  - {id: resident, name: Resident, kind: user}
  - {id: chat, name: Chat front end, kind: application}
YAML
newdb council
run import council.yaml "$DB"
expect_rc 0 "import"

run export "$DB" --format csv --output "$T/missing/dir/risks.csv"
expect_rc 1 "export into a missing directory"
expect_err "cannot write '$T/missing/dir/risks.csv': the directory '$T/missing/dir' does not exist" \
    "export into a missing directory"
grep -q 'beside' "$T/err" && fail "the message speaks of a file beside it"

: >plain
run export "$DB" --format csv --output "$T/plain/risks.csv"
expect_rc 1 "export under a file"
expect_err "cannot write '$T/plain/risks.csv': '$T/plain' is not a directory" \
    "export under a file"

# The Markdown report writes its diagram first: the message names the
# directory that is missing, which is the report's too.
run export "$DB" --format markdown --output "$T/missing/report.md"
expect_rc 1 "report into a missing directory"
expect_err "the directory '$T/missing' does not exist" \
    "report into a missing directory"
finish

#!/usr/bin/env bash
# An eighth new user's findings: "threat model as code" in a pipeline, from
# README, --help and parapet(1) only. The base branch's model file reaches
# diff and check through a pipe (diff <(git show main:threat-model.yaml)
# ..., or git show ... | parapet check - ...), a model file given where a
# database belongs says what to run first, a mistyped model file is named
# as the file it is, and the exit status 3 of diff --fail-on-new is in the
# help.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

# The base branch's model, and the pull request's: a scraped help-centre
# index added to the retrieval path.
cp "$SRC/tests/data/store/support.yaml" base.yaml
sed -e '/^flows:/i\
  - { id: kb, name: Help-centre index, kind: vector-store, boundary: cloud, origin: scraped }' \
    -e '$a\
  - { id: retrieve, from: kb, to: backend, data: [documents] }' \
    base.yaml >threat-model.yaml

# The base read through a pipe, as `git show main:threat-model.yaml` gives
# it. The old program read the pipe's first bytes to see whether it was a
# database, then called the rest "an empty model file".
run diff <(cat base.yaml) threat-model.yaml --fail-on-new high
expect_rc 3 "diff of a piped base with --fail-on-new high"
expect_out "+ high      open           rag-poisoning@kb" \
    "the piped diff lists the new risk"
expect_no_out "empty model file" "a pipe is not an empty model file"
grep -qF "empty model file" "$T/err" &&
    fail "diff of a pipe: stderr says the model file is empty"
expect_out "the change adds" "the piped diff says why it fails"

# Both sides piped, the same model: nothing changed, exit 0.
run diff <(cat base.yaml) <(cat base.yaml) --fail-on-new high
expect_rc 0 "diff of two pipes of one model"

# check reads a model file from standard input ("-") and from a pipe.
run check - --fail-on high <threat-model.yaml
expect_rc 3 "check - (standard input) with a new high risk"
expect_out "rag-poisoning@kb" "check - lists the new risk"
run check <(cat threat-model.yaml) --fail-on high
expect_rc 3 "check of a pipe with a new high risk"
expect_out "rag-poisoning@kb" "check of a pipe lists the new risk"
run check - --fail-on critical <base.yaml
expect_rc 0 "check - of the base at critical"

# A mistyped model file is a file that cannot be opened, not a database
# that does not exist.
run check threat-modle.yaml --fail-on high
expect_rc 1 "check of a missing model file"
expect_err "cannot open 'threat-modle.yaml'" \
    "check names the missing model file"
grep -qF "database" "$T/err" &&
    fail "check of a missing model file speaks of a database"

# A model file given to a command that reads a database: what to run
# first, not only that it is no database.
hint="'threat-model.yaml' is a model file, not a database: import it first (parapet import threat-model.yaml DB)"
for cmd in "export threat-model.yaml --format sarif" "risks threat-model.yaml" \
    "questions threat-model.yaml" "history threat-model.yaml"; do
	# shellcheck disable=SC2086
	run $cmd
	expect_rc 1 "$cmd"
	expect_err "$hint" "$cmd says to import the model file first"
done
run risks threat-modle.yaml
expect_rc 1 "risks of a missing model file"
expect_err "cannot open 'threat-modle.yaml'" \
    "risks names the missing model file"

# ... and the pipeline it points to works (parapet(1), SARIF).
newdb ci
run import threat-model.yaml "$DB"
expect_rc 0 "import of the model file"
run export "$DB" --format sarif --output parapet.sarif
expect_rc 0 "export of SARIF from the database"
grep -qF '"uri": "threat-model.yaml"' parapet.sarif ||
    fail "the SARIF results point at the model file"

# The help names every exit status 3, diff --fail-on-new's too; check's
# usage names the model file it reads.
run --help
expect_out "3 check found risks (or diff" "--help: exit status 3 of diff"
expect_out "--fail-on-new a change that adds one)" \
    "--help: exit status 3 of diff --fail-on-new"
run check --help
expect_out "usage: parapet check DB|MODEL " "check's usage names a model file"

[ "$failures" -eq 0 ]

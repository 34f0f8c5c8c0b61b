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

# A risk owner decides in the database the pipeline's model file came
# from: the note says the file does not carry it, which is true (the
# check of the file still fails on the risk) until the decisions: section
# does.
run risk "$DB" rag-poisoning@kb --status mitigating --owner "Head of Support"
expect_rc 0 "a decision on the imported model"
expect_err "risk: note: decided in the database, not in 'threat-model.yaml', the model file it was imported from" \
    "the decision says the model file lacks it"
run risk "$DB" rag-poisoning@kb
mit=$(awk '$1 == "proposed" { print $2; exit }' "$T/out")
run mitigation "$DB" rag-poisoning@kb "$mit" --status planned
expect_rc 0 "a mitigation planned on the imported model"
expect_err "mitigation: note: decided in the database, not in 'threat-model.yaml'" \
    "the mitigation says the model file lacks it"
run check threat-model.yaml --fail-on high
expect_rc 3 "the model file's check does not see the decision"
grep -q "rag-poisoning@kb.*mitigating" "$T/out" &&
    fail "the model file's check sees a decision it does not hold"
run export "$DB" --format yaml --output with-decisions.yaml
expect_rc 0 "export of the model with its decisions"
run check with-decisions.yaml --fail-on high
expect_out "mitigating     3x4  rag-poisoning@kb" \
    "the exported file carries the decision"
# A model made here, from no file: no note.
newdb blank
run new "$DB" --template rag-assistant
run risks "$DB"
first=$(awk 'NR == 1 { print $4 }' "$T/out")
run risk "$DB" "$first" --status mitigating
expect_rc 0 "a decision on a model from a template"
grep -qF "note: decided in the database" "$T/err" &&
    fail "a model from no file: a note about a model file"

# The help names every exit status 3, diff --fail-on-new's too; check's
# usage names the model file it reads.
run --help
expect_out "3 check found risks (or diff" "--help: exit status 3 of diff"
expect_out "--fail-on-new a change that adds one)" \
    "--help: exit status 3 of diff --fail-on-new"
run check --help
expect_out "usage: parapet check DB|MODEL " "check's usage names a model file"

[ "$failures" -eq 0 ]

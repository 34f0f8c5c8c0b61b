#!/usr/bin/env bash
# A finding that another threat may fold, left resting only on an
# unanswered field, is an open question; a decision on it keeps it a risk
# to confirm with every reason and mitigation, never a bare name. (An
# import may raise findings without their reasons when it knows they can
# only end as questions; one that is decided on must be made whole.)
. "${srcdir:-.}/tests/cli/lib.sh"

newdb t
tdb=$DB
run new "$tdb" --template fine-tuned-open-weights-api
expect_rc 0 "new from the fine-tuning template"
run risks "$tdb" --all
expect_no_out "data-poisoning-untrusted-sources@customer-contracts" \
    "poisoning of the contracts rests on labels-vetted, not answered: no risk"
run questions "$tdb"
expect_out "data-poisoning-untrusted-sources@customer-contracts" \
    "it is part of the question of labels-vetted"
run export "$tdb" --format yaml --output "$T/m.yaml"
expect_rc 0 "yaml export"
cp "$T/m.yaml" "$T/plain.yaml"

# whole DB: the decided finding as a risk to confirm, with all it rests on.
whole() {
	run risks "$1"
	expect_out "accepted       1x4  data-poisoning-untrusted-sources@customer-contracts" \
	    "$2: the decided finding is a risk to confirm"
	run risk "$1" data-poisoning-untrusted-sources@customer-contracts
	expect_out "fact: 'customer-contracts' origin is user-contributed" \
	    "$2: the facts it rests on"
	expect_out "assumed: 'customer-contracts' does not have its labels vetted (labels-vetted not answered)" \
	    "$2: the assumption it rests on"
	expect_out "likelihood -1: it rests on unanswered fields (to confirm)" \
	    "$2: scored as to confirm"
	expect_out "proposed    m-dataset-provenance" "$2: its mitigations"
}

# Decided in the model file.
cat >>"$T/m.yaml" <<'YAML'
decisions:
  data-poisoning-untrusted-sources@customer-contracts:
    status: accepted
    owner: Data team
    justification: the contracts come from our own archive
YAML
newdb a
db=$DB
run import "$T/m.yaml" "$db"
expect_rc 0 "import with a decision on a finding that is a question"
expect_out "1 decision applied from the file" "the decision is applied"
whole "$db" "decided in the file"

# Decided in the database: imported again without the decisions (and one
# description changed), the stored decision keeps it whole.
sed 's/Contracts customers opted in to share/Contracts the customers opted in to share/' \
    "$T/plain.yaml" >"$T/m2.yaml"
run import "$T/m2.yaml" "$db"
expect_rc 0 "re-import without the decisions"
whole "$db" "decided in the database"
run questions "$db"
expect_out "labels-vetted of dataset 'customer-contracts' is not answered" \
    "the field is still an open question"

finish

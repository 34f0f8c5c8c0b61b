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

# A finding that folds others (unencrypted flows, which covers output
# integrity) and rests only on unanswered fields: a question, raised with
# its assumptions only; decided on, it is whole, with what it folded.
newdb t2
run new "$DB" --template agent-with-tools
expect_rc 0 "new from the agent template"
run questions "$DB"
expect_out "flow-unencrypted-sensitive@python-tool" \
    "the tool's unencrypted flows are part of a question"
run export "$DB" --format yaml --output "$T/w.yaml"
cp "$T/w.yaml" "$T/wplain.yaml"
cat >>"$T/w.yaml" <<'YAML'
decisions:
  flow-unencrypted-sensitive@python-tool:
    status: accepted
    owner: Platform team
    justification: the tool runs on the same host
YAML
# folded DB WHAT: the decided finding, whole.
folded() {
	run risks "$1"
	expect_out "accepted       1x3  flow-unencrypted-sensitive@python-tool" \
	    "$2: the decided finding is a risk to confirm"
	run risk "$1" flow-unencrypted-sensitive@python-tool
	expect_out "fact: flow 'run-code' crosses from 'corp' (internal) to 'sandbox' (sandbox)" \
	    "$2: its facts"
	expect_out "assumed: flow 'code-output' is not encrypted (encrypted not answered)" \
	    "$2: its assumptions"
	expect_out "fact: this finding also covers 'output-integrity-in-transit'" \
	    "$2: what it folds"
	expect_out "assumed: or flow 'code-output' is not authenticated (authenticated not answered)" \
	    "$2: what the folded one assumes"
	expect_out "proposed    m-sign-outputs" "$2: the folded one's mitigations"
}
newdb w
wdb=$DB
run import "$T/w.yaml" "$wdb"
expect_rc 0 "import with a decision on a finding that folds another"
expect_out "1 decision applied from the file" "the decision is applied"
folded "$wdb" "decided in the file"
sed '0,/description: /s//description: Changed. /' "$T/wplain.yaml" \
    >"$T/w2.yaml"
run import "$T/w2.yaml" "$wdb"
expect_rc 0 "re-import without the decisions, one description changed"
expect_no_out "no changes" "the model changed: analysed again"
folded "$wdb" "decided in the database"

finish

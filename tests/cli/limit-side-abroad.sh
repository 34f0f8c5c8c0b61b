#!/usr/bin/env bash
# The side of a review limit that takes effect unseen (unreviewed-outcome)
# and a zone's jurisdiction survive YAML -> store -> XML (valid against the
# schema) -> import -> YAML, and decide the same risks on the way back: no
# limit gamed where the unseen side refuses, the transfer abroad one more
# likely. Threat Dragon, which has no place for a jurisdiction, says so.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

cat >m.yaml <<'YAML'
parapet: 1
system: {id: loans, name: Loan decisions, criticality: high}
boundaries:
  - {id: internet, name: Internet, trust: untrusted}
  - {id: lending, name: Lending platform, trust: restricted, jurisdiction: home}
  - {id: vendor, name: Letter vendor, trust: partner, jurisdiction: abroad}
components:
  - {id: applicant, name: Applicant, kind: user, boundary: internet}
  - {id: portal, name: Portal, kind: application, boundary: lending, exposure: public, untrusted-input: true, personal-data: true}
  - {id: decider, name: Decision service, kind: application, boundary: lending, provider: in-house, personal-data: true, human-review: above-limit, review-limit: scores at or above the threshold, unreviewed-outcome: refuse}
  - {id: scorer, name: Classifier, kind: model, boundary: lending, provider: in-house, model-type: classifier}
  - {id: writer, name: Letter LLM, kind: model, boundary: vendor, provider: third-party, model-type: llm}
flows:
  - {id: apply, from: applicant, to: portal, data: [personal-data], encrypted: true, authenticated: true}
  - {id: submit, from: portal, to: decider, data: [personal-data]}
  - {id: score, from: decider, to: scorer, data: [features]}
  - {id: result, from: scorer, to: decider, data: [model-output]}
  - {id: letter, from: decider, to: writer, data: [prompt, personal-data], encrypted: true, authenticated: true}
YAML

newdb one
db_one=$DB
newdb two
db_two=$DB
run import m.yaml "$db_one"
expect_rc 0 "import the YAML model"
run export "$db_one" --format xml --output m.xml
expect_rc 0 "export XML"
grep -q 'unreviewed-outcome="refuse"' m.xml ||
    fail "the XML lacks unreviewed-outcome"
grep -q 'jurisdiction="abroad"' m.xml || fail "the XML lacks jurisdiction"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRC/data/parapet.xsd" m.xml 2>err.txt ||
	    fail "XML not valid: $(cat err.txt)"
	sed 's/unreviewed-outcome="refuse"/unreviewed-outcome="declined"/' \
	    m.xml >bad.xml
	xmllint --noout --schema "$SRC/data/parapet.xsd" bad.xml \
	    >/dev/null 2>&1 && fail "the schema takes any unreviewed-outcome"
fi
run import m.xml "$db_two"
expect_rc 0 "import the XML"
run export "$db_two" --format yaml --output back.yaml
expect_rc 0 "export YAML again"
grep -q "^    unreviewed-outcome: refuse$" back.yaml ||
    fail "unreviewed-outcome lost on the way: $(grep -n decider -A12 back.yaml)"
grep -q "^    jurisdiction: abroad$" back.yaml || fail "jurisdiction abroad lost"
grep -q "^    jurisdiction: home$" back.yaml || fail "jurisdiction home lost"

run risks "$db_two"
expect_rc 0 "risks after the round trip"
expect_no_out "decision-limit-gaming@decider" "a refusing limit is gamed"
expect_out "sensitive-data-to-third-party-ai@vendor" "the transfer"
run risk "$db_two" sensitive-data-to-third-party-ai@vendor
expect_out "likelihood +1: it leaves the jurisdiction" "the transfer abroad"

run export "$db_two" --format threat-dragon --output m.td.json
expect_rc 0 "export Threat Dragon"
expect_err "the jurisdiction of 2 boundaries" "Threat Dragon's loss named"
finish

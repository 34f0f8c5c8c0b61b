# tests/data/org/model.sh: sourced by the tests of the organisation's
# register (tests/cli/org-register.sh, tests/tui/org-register.sh).
# model ID NAME OWNER TEAM [ANSWERED]: a small fraud-scoring system; with
# ANSWERED, the API's provider and the classifier's input are answered.
model() {
	local api="" clf=""
	if [ -n "${5:-}" ]; then
		api=", provider: in-house"
		clf=", untrusted-input: true"
	fi
	cat <<YAML
parapet: 1
system: { id: $1, name: "$2", criticality: critical, owner: "$3", team: "$4" }
boundaries:
  - { id: internet, name: Internet, trust: untrusted }
  - { id: dc, name: Data centre, trust: internal }
components:
  - { id: merchant, name: Merchant, kind: user, boundary: internet }
  - id: api
    name: Scoring API
    kind: inference-service
    boundary: dc
    exposure: public
    authenticated: true
    rate-limited: false
    returns-scores: true
    ${api#, }
  - { id: clf, name: Fraud classifier, kind: model, boundary: dc, model-type: classifier$clf }
flows:
  - { id: score, from: merchant, to: api, data: [personal-data], encrypted: false, authenticated: true }
  - { id: infer, from: api, to: clf, data: [personal-data], encrypted: true, authenticated: true }
YAML
}

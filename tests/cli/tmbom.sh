#!/usr/bin/env bash
# OWASP Threat Model Library (TM-BOM JSON 1.x) import and export: trust
# zones, actors, components, data stores, data sets and data flows mapped
# to format 1; notes on what was not carried (the library's threats,
# controls, risks) and which AI facts to set; malformed files refused with
# the JSON path, CycloneDX TM-BOM drafts refused with a sentence; hostile
# text inert; exports valid against the library's v1.0.1 schema
# (python3-jsonschema, a real validator); import -> export -> import keeps
# the model. With ../shared/interop/tmbom (PARAPET_SHARED names another
# shared folder), the library's Husky AI model is imported and its AI
# components and risks checked, and its CycloneDX files refused.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb bad
db_bad=$DB
newdb h
db_h=$DB
newdb h2
db_h2=$DB
newdb s
db_s=$DB
newdb s2
db_s2=$DB
newdb t
db_t=$DB
newdb t2
db_t2=$DB
SRC="$(cd "$SRC" && pwd)"
export srcdir="$SRC"
D="$SRC/tests/data/tmbom"
schema="$D/threat-model.schema.json"
validate() { python3 "$SRC/tests/json-validate.py" "$schema" "$@"; }
esc="$(printf '\033')"

# What is mapped, and the notes.
run import "$D/small.tmbom.json" "${db_t}"
expect_rc 0 "import a TM-BOM file"
expect_out "2 boundaries, 8 components, 4 flows" "what was mapped"
expect_out "note: 'Lost service' is in trust zone 'nowhere', which \$.trust_zones does not declare: imported in no boundary" "unknown zone"
expect_out "note: data set 'API keys' is placed in data store 'ghost', which \$.data_stores does not declare: not carried" "unknown store"
expect_out "note: data flow 'retrieve': 'index' is declared as data_store, not actor: taken as such" "end of another type"
expect_out "note: data flow 'phantom' not imported: no actor, component or data store 'nothing' is declared" "dangling flow"
expect_out "note: data flow 'loop' not imported: it goes from 'Web front end' to itself" "self flow"
expect_out "note: 2 kinds guessed from titles: 'LLM inference gateway' -> inference-service, 'Vector index' -> vector-store; check them" "kinds guessed"
expect_out "note: 2 components imported as application: set the kind" "AI facts to set"
expect_out "note: 1 data store imported as datastore" "stores to set"
expect_out "note: no component is a model: TM-BOM has no kind for one" "no model"
expect_out "note: 4 flows carry no data classes yet (4 marked has_sensitive_data)" "flow note"
expect_out "note: 2 trust zones without a trust level" "trust note"
expect_out "note: not imported: 1 threats, 1 controls, 1 assumptions, 1 trust_boundaries" "lost note"
expect_out "note: TM-BOM risk 'Claims leak through the model' (likelihood possible, impact major, level high) not imported" "the other tool's risk"
run export "${db_t}" --format yaml --output "$T/a.yaml"
expect_rc 0 "export yaml"
has() { grep -qF -- "$1" "$T/a.yaml" || fail "$2: $(cat "$T/a.yaml")"; }
has 'id: claims-assistant' "system id from the title"
has 'name: Claims Assistant' "line breaks in names become spaces"
has 'criticality: high' "business_criticality high"
has 'description: Answers questions on insurance claims' "scope description"
grep -A3 "id: customer$" "$T/a.yaml" | grep -q "kind: user" || fail "user actor"
grep -A3 "id: ml-engineer$" "$T/a.yaml" | grep -q "kind: operator" || fail "engineer -> operator"
grep -A5 "id: llm-vendor$" "$T/a.yaml" | grep -q "provider: third-party" || fail "third_party actor"
grep -A3 "id: llm-vendor$" "$T/a.yaml" | grep -q "kind: external-service" || fail "third_party -> external-service"
grep -A4 "id: web$" "$T/a.yaml" | grep -q "boundary: cloud" || fail "trust_zone -> boundary"
grep -A6 "id: index$" "$T/a.yaml" | grep -q "personal-data: true" || fail "pii data set -> personal-data"
grep -A6 "id: keys$" "$T/a.yaml" | grep -q "confidential-data: true" || fail "cred data set -> confidential-data"
has "Holds data set 'API keys' (sensitivity: cred)." "data set named"
grep -A6 "id: prompt$" "$T/a.yaml" | grep -q "encrypted: false" || fail "encrypted false"
grep -A6 "id: ask$" "$T/a.yaml" | grep -q "encrypted: true" || fail "encrypted true"
if grep -q "trust:" "$T/a.yaml"; then
	fail "a trust level was invented: $(grep trust: "$T/a.yaml")"
fi
# The analysis raises the AI threats the file's facts support: the vector
# index holds personal data, and asks about the rest.
run risks "${db_t}"
expect_out "vector-index-erasure-gap@index" "an AI risk raised"

# Export: valid against the library's schema, and read back the same.
run export "${db_t}" --format tmbom --output "$T/t.json"
expect_rc 0 "export tmbom"
validate "$T/t.json" >"$T/v.out" 2>&1 || fail "schema: $(cat "$T/v.out")"
python3 - "$T/t.json" >"$T/py.out" 2>&1 <<'PY' || fail "tmbom content: $(cat "$T/py.out")"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["version"] == "1.0.1"
assert d["scope"]["business_criticality"] == "high", d["scope"]
assert d["scope"]["tier"] == "business_critical"
assert d["scope"]["data_sensitivity"] == ["pii"], d["scope"]
assert [a["symbolic_name"] for a in d["actors"]] == ["customer", "ml-engineer", "llm-vendor"]
assert [a["type"] for a in d["actors"]] == ["user", "administrator", "third_party"]
assert [c["symbolic_name"] for c in d["components"]] == ["web", "llm-gateway", "lost"]
assert d["components"][2]["trust_zone"] == "parapet-no-boundary"
assert [s["symbolic_name"] for s in d["data_stores"]] == ["index", "keys"]
f = {x["symbolic_name"]: x for x in d["data_flows"]}
assert f["retrieve"]["source"] == {"type": "data_store", "object": "index"}
assert f["ask"]["encrypted"] is True and f["prompt"]["encrypted"] is False
print("ok")
PY
run import "$T/t.json" "${db_t2}"
expect_rc 0 "the export imports"
expect_no_out "guessed" "kinds come back from the extension, not guessed"
run export "${db_t2}" --format yaml --output "$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" || fail "round trip: $(diff "$T/a.yaml" "$T/b.yaml")"

# Every starter model: a valid TM-BOM file that imports to the same
# components, kinds, boundaries and flows.
mkdir "$T/render"
"$(dirname "$PARAPET")/tests/export-render" "$T/render" "$SRC"/templates/*.yaml ||
    fail "export-render"
set -- "$T"/render/*.tmbom.json
[ "$#" -ge 8 ] || fail "only $# TM-BOM files rendered"
validate "$@" >"$T/v.out" 2>&1 || fail "schema (templates): $(cat "$T/v.out")"
for y in "$SRC"/templates/*.yaml; do
	dbreset "${db_s}" "${db_s2}"
	run import "$y" "${db_s}"
	expect_rc 0 "$y imports"
	run export "${db_s}" --format tmbom --output "$T/s.json"
	run import "$T/s.json" "${db_s2}"
	expect_rc 0 "$y: its TM-BOM export imports"
	for db in "${db_s}" "${db_s2}"; do
		"$PARAPET" export "$db" --format yaml |
		    python3 -c '
import sys, yaml
m = yaml.safe_load(sys.stdin)
for b in m.get("boundaries", []):
    print("b", b["id"], b["name"], b.get("trust"))
for c in m["components"]:
    print("c", c["id"], c["kind"], c["name"], c.get("boundary"))
for f in m.get("flows", []):
    print("f", f["id"], f["from"], f["to"], f.get("name"), f.get("data"),
          f.get("encrypted"), f.get("authenticated"))
' >"$T/k-$(basename "$db")" || fail "$y: yaml"
	done
	cmp -s "$T/k-$(basename "${db_s}")" "$T/k-$(basename "${db_s2}")" ||
	    fail "$y: round trip: $(diff "$T/k-$(basename "${db_s}")" "$T/k-$(basename "${db_s2}")")"
done

# Hostile text: inert on the terminal and in the file.
run import "$D/hostile.tmbom.json" "${db_h}"
expect_rc 0 "import hostile TM-BOM"
if LC_ALL=C grep -q "$esc" "$T/out"; then
	fail "an escape character reached the terminal (import notes)"
fi
expect_out "note: data flow 'go' not imported: no actor, component or data store 'app^[[2J' is declared" "hostile reference shown inert"
run export "${db_h}" --format tmbom --output "$T/h.json"
expect_rc 0 "export hostile tmbom"
validate "$T/h.json" >"$T/v.out" 2>&1 || fail "schema (hostile): $(cat "$T/v.out")"
expect_inert_json "$T/h.json" TM-BOM
python3 - "$T/h.json" >"$T/py.out" 2>&1 <<'PY' || fail "hostile content: $(cat "$T/py.out")"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["scope"]["title"].startswith("Evil \x1b]0;pwned\x07 \"quoted\"")
assert d["components"][0]["description"] == "\"}]} injected"
assert d["data_flows"][0]["description"] == "ok"
print("ok")
PY
run import "$T/h.json" "${db_h2}"
expect_rc 0 "hostile export imports"

# Malformed files: refused with the path, nothing created.
bad_file() { expect_refused "${db_bad}" "$@"; }	# FILE TEXT-EXPECTED
bad() {		# JSON TEXT-EXPECTED
	printf '%s' "$1" >"$T/bad.json"
	bad_file "$T/bad.json" "$2"
}
S='"scope": {"title": "T"}'
V='"version": "1.0.1"'
bad "{$V, $S, \"components\": []" 'bad.json:1:'
bad '{"version": "2.0", "scope": {"title": "T"}, "components": []}' \
    "bad.json:1:13: \$.version: '2.0': only TM-BOM 1.x files are read"
bad "{$V, \"scope\": {}, \"components\": []}" \
    'bad.json:1:31: $.scope.title: missing (a TM-BOM model needs it)'
bad "{$S, \"data_flows\": []}" 'bad.json:1:1: $.version: missing'
bad "{$V, $S, \"components\": {}}" '$.components: must be an array, not an object'
bad "{$V, $S, \"components\": [7]}" '$.components[0]: must be an object, not a number'
bad "{$V, $S, \"components\": [{\"title\": \"A\"}]}" \
    '$.components[0].symbolic_name: missing'
bad "{$V, $S, \"components\": [{\"symbolic_name\": \"a\", \"title\": 5}]}" \
    '$.components[0].title: must be a string, not a number'
bad "{$V, $S, \"trust_zones\": [{\"symbolic_name\": \"z\"}, {\"symbolic_name\": \"z\"}]}" \
    "\$.trust_zones[1]: trust zone 'z' is declared twice"
bad "{$V, $S, \"data_flows\": [{\"symbolic_name\": \"f\", \"source\": {\"type\": \"actor\"}, \"destination\": {\"type\": \"actor\", \"object\": \"b\"}}]}" \
    '$.data_flows[0].source.object: missing'
bad "{$V, $S, \"data_flows\": [{\"symbolic_name\": \"f\", \"source\": {\"type\": \"actor\", \"object\": \"a\"}}]}" \
    '$.data_flows[0].destination: missing'
bad "{$V, $S, \"components\": [], \"data_sets\": [{\"placements\": [{\"encrypted\": true}]}]}" \
    '$.data_sets[0].placements[0].data_store: missing'
bad "{$V, $S, \"components\": [], \"risks\": {}}" '$.risks: must be an array'
# A CycloneDX BOM, the TM-BOM drafts' other form: refused, saying what it is.
bad '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "threat-model", "name": "m"}]}' \
    "bad.json:1:15: \$.bomFormat: a CycloneDX BOM is not a threat model Parapet reads"

# The conformance files, when the shared folder is there.
shared="${PARAPET_SHARED:-$SRC/../shared}/interop/tmbom"
if [ -d "$shared" ]; then
	dbreset "${db_s}" "${db_s2}"
	run import "$shared/huskyai.tmbom.json" "${db_s}"
	expect_rc 0 "Husky AI imports"
	expect_out "2 boundaries, 17 components, 23 flows" "Husky AI mapped"
	expect_out "note: TM-BOM risk 'Adversarial attacks on the HuskyAI model'" "its risks noted"
	expect_out "not imported: 9 threats, 22 controls, 2 threat_personas" "its threats counted"
	run export "${db_s}" --format yaml --output "$T/husky.yaml"
	kind() {	# ID KIND: the component's kind
		grep -A3 "id: $1\$" "$T/husky.yaml" | grep -q "kind: $2\$" ||
		    fail "Husky AI: $1 is not $2: $(grep -A3 "id: $1\$" "$T/husky.yaml")"
	}
	# What an ML engineer sees in it: the notebook that trains, the
	# training images, the model stores, the people and the image source.
	kind jupyter training-pipeline
	kind training-images-blob dataset
	kind ml-models-blob model-registry
	kind ml-models model-registry
	kind engineer operator
	kind infrastructure-admin operator
	kind azure-cognitive-services external-service
	kind user user
	kind web-service application
	grep -A5 "id: secret-key-storage$" "$T/husky.yaml" |
	    grep -q "confidential-data: true" || fail "Husky AI: keys are confidential"
	grep -A6 "id: gather-images-training-images$" "$T/husky.yaml" |
	    grep -q "to: training-images-blob" || fail "Husky AI: images flow into the dataset"
	grep -A6 "id: training-images-jupyter-notebook$" "$T/husky.yaml" |
	    grep -q "to: jupyter" || fail "Husky AI: the notebook reads the dataset"
	# The AI threats at stake on its ML components, asked about where
	# the file cannot say.
	run questions "${db_s}"
	expect_out "model-registry-tampering@ml-models-blob" "registry tampering at stake"
	expect_out "dataset-tampering-at-rest@training-images-blob" "dataset tampering at stake"
	expect_out "supply-chain-ml-framework@jupyter" "ML supply chain at stake"
	run risks "${db_s}"
	expect_out "operator-privileged-access@engineer" "a privileged-access risk raised"
	run export "${db_s}" --format tmbom --output "$T/husky.json"
	validate "$T/husky.json" >"$T/v.out" 2>&1 ||
	    fail "Husky AI: export invalid: $(cat "$T/v.out")"
	run import "$T/husky.json" "${db_s2}"
	expect_rc 0 "Husky AI: its export imports"
	run export "${db_s2}" --format yaml --output "$T/husky2.yaml"
	cmp -s "$T/husky.yaml" "$T/husky2.yaml" ||
	    fail "Husky AI: round trip: $(diff "$T/husky.yaml" "$T/husky2.yaml")"
	for f in "$shared"/*.cdx.json; do
		bad_file "$f" "\$.bomFormat: a CycloneDX BOM is not a threat model Parapet reads"
	done
fi
finish

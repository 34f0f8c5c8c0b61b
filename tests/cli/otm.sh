#!/usr/bin/env bash
# Open Threat Model import and export: trust zones, components, dataflows
# mapped to format 1, from JSON and from YAML; notes on what was not mapped
# and which AI facts to set; malformed files refused with the JSON path
# (and line and column for YAML); hostile text inert; OTM exports valid
# against the OTM schema (python3-jsonschema, a real validator); import ->
# export -> import stable. With ../shared/interop/otm (the conformance
# files; PARAPET_SHARED names another shared folder), every file there is
# imported, exported and validated too.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb b
db_b=$DB
newdb bad
db_bad=$DB
newdb d2
db_d2=$DB
newdb d3
db_d3=$DB
newdb h
db_h=$DB
newdb m
db_m=$DB
newdb otm
db_otm=$DB
newdb r
db_r=$DB
newdb s
db_s=$DB
newdb s2
db_s2=$DB
newdb y
db_y=$DB
newdb y2
db_y2=$DB
SRC="$(cd "$SRC" && pwd)"
export srcdir="$SRC"
D="$SRC/tests/data/otm"
schema="$D/otm_schema.json"
validate() { python3 "$SRC/tests/json-validate.py" "$schema" "$@"; }
esc="$(printf '\033')"

# JSON: what is mapped, and the notes.
db="${db_otm}"
run import "$D/small.otm.json" "$db"
expect_rc 0 "import an OTM file"
expect_out "3 boundaries, 5 components, 3 flows" "what was mapped"
expect_out "note: 3 component kinds guessed from OTM types (web-client -> user, openai-gpt-endpoint -> model, vector-db -> vector-store): check them" "kinds guessed"
expect_out "note: 2 components imported as application (OTM types web-service, CD-SECRETS-VAULT): set the kind" "AI facts to set"
expect_out "note: 1 flow carries no data classes yet" "flow note"
expect_out "note: 3 trust zones: trust taken from trustRating" "trust note"
expect_out "note: 1 bidirectional dataflow imported as two flows each" "bidirectional note"
expect_out "note: 1 component nested in components" "nesting note"
expect_out "note: dataflow 'Sync' not imported: its destination is trust zone 'cloud'" "flow to a zone"
expect_out "note: dataflow 'Loop' not imported: it goes from a component to itself" "self flow"
expect_out "note: 1 OTM threat (2 on components and dataflows) and 1 mitigation not imported: Parapet raises its risks from its catalogue" "threats note"
expect_out "note: 1 OTM mitigation is marked implemented: record the controls as decisions" "implemented note"
expect_out "not imported (format 1 has no place for them): 2 representations (diagram positions, code references), 2 tags, 1 attribute, the nesting of 1 trust zone, the ratings of 2 assets" "lost note"
if LC_ALL=C grep -q "$esc" "$T/out"; then
	fail "an escape character reached the terminal"
fi
run export "$db" --format yaml --output "$T/a.yaml"
expect_rc 0 "export yaml"
has() { grep -qF -- "$1" "$T/a.yaml" || fail "$2: $(cat "$T/a.yaml")"; }
has 'id: support-31massistant' "a UUID project id is replaced by one from the name"
has 'owner: Head of Support <support-lead@example.com>' "owner and contact"
has 'criticality: high' "parapet:criticality attribute"
has 'description: A chat assistant over the help centre.' "description kept"
grep -A2 "id: internet" "$T/a.yaml" | grep -q "trust: untrusted" || fail "rating 10 -> untrusted"
grep -A2 "id: cloud" "$T/a.yaml" | grep -q "trust: internal" || fail "rating 75 -> internal"
grep -A2 "id: vault" "$T/a.yaml" | grep -q "trust: restricted" || fail "rating 95 -> restricted"
has 'name: Customer browser' "line breaks in names become spaces"
grep -A3 "id: browser" "$T/a.yaml" | grep -q "kind: user" || fail "web-client -> user"
grep -A8 "id: llm" "$T/a.yaml" | grep -q "model-type: llm" || fail "parapet:model-type"
grep -A8 "id: llm" "$T/a.yaml" | grep -q "system-prompt: true" || fail "boolean attribute"
grep -A3 "id: index" "$T/a.yaml" | grep -q "boundary: cloud" || fail "nested component in its parent's boundary"
grep -A6 "id: backend" "$T/a.yaml" | grep -q "confidential-data: true" || fail "confidential asset"
has 'Assets processed: Customer messages.' "asset names in the description"
grep -A6 "id: ask-reverse" "$T/a.yaml" | grep -q "from: backend" || fail "reverse flow"
grep -A8 "id: ask$" "$T/a.yaml" | grep -q "data: \[prompt, personal-data\]" || fail "parapet:data"
grep -A8 "id: ask$" "$T/a.yaml" | grep -q "encrypted: true" || fail "parapet:encrypted"
# The YAML it gives imports back to the same file.
run import "$T/a.yaml" "${db_b}"
expect_rc 0 "import the exported yaml"
run export "${db_b}" --format yaml --output "$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" || fail "import -> export yaml -> import is not stable"

# YAML OTM: read with the libyaml layer, typed as YAML 1.2 core.
run import "$D/small.otm.yaml" "${db_y}"
expect_rc 0 "import OTM in YAML"
expect_out "2 boundaries, 3 components, 3 flows" "YAML mapping"
run export "${db_y}" --format yaml --output "$T/y.yaml"
grep -qF 'name: "123"' "$T/y.yaml" || fail "a quoted number stays a name"
grep -A6 "id: complete" "$T/y.yaml" | grep -q "authenticated: true" || fail "yes -> true"
grep -A8 "id: llm" "$T/y.yaml" | grep -q "open-weights: false" || fail "YAML boolean attribute"
grep -A3 "id: llm" "$T/y.yaml" | grep -q "kind: model" || fail "a Parapet kind word as type"
# Told by content: any name, and a model file stays a model file.
cp "$D/small.otm.yaml" "$T/model.yaml"
run import "$T/model.yaml" "${db_y2}"
expect_rc 0 "OTM in a file named .yaml"
printf 'parapet: 1\nsystem:\n  id: s\n  name: "otmVersion: 1"\n' >"$T/m.yaml"
run import "$T/m.yaml" "${db_m}"
expect_rc 0 "a model file mentioning otmVersion is a model file"

# The facts the notes ask for, set as a user would in the model file: who
# supplies the model, its weights format, that it is fine-tuned and learns
# from feedback.
# The risks that stand on them are what an export carries; findings that
# rest only on unanswered fields are questions, not risks.
sed '/^    model-type: llm$/a\    provider: open-source\n    weights-format: pickle\n    fine-tuned: true\n    learns-from-feedback: true' \
    "$T/a.yaml" >"$T/set.yaml"
grep -q "weights-format: pickle" "$T/set.yaml" || fail "the facts are set"
run import "$T/set.yaml" "$db"
expect_rc 0 "import with the model's facts set"
run export "$db" --format yaml --output "$T/a.yaml"
expect_rc 0 "export yaml with the facts set"

# OTM export: valid against the schema, and the validator is real.
run export "$db" --format otm --output "$T/e1.json"
expect_rc 0 "export otm"
validate "$T/e1.json" >"$T/v.out" 2>&1 || fail "schema: $(cat "$T/v.out")"
python3 - "$T/e1.json" "$T/broken.json" <<'PY' || fail "could not make a broken copy"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
del d["trustZones"][0]["risk"]["trustRating"]
json.dump(d, open(sys.argv[2], "w"))
PY
if validate "$T/broken.json" >"$T/v.out" 2>&1; then
	fail "the validator accepts a trust zone without trustRating"
fi
grep -q "trustRating" "$T/v.out" || fail "validator message: $(cat "$T/v.out")"
run risks "$db"
nrisks=$(grep -c '@' "$T/out")
python3 - "$T/e1.json" "$nrisks" >"$T/py.out" 2>&1 <<'PY' || fail "content: $(cat "$T/py.out")"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
threats = {t["id"]: t for t in d["threats"]}
mits = {m["id"] for m in d["mitigations"]}
assert threats, "risks become threats"
assert len(threats) == len(d["threats"]), "one threat per risk"
for t in d["threats"]:
    assert "@" in t["id"] and t["attributes"]["parapet:target"] in t["id"]
    assert 20 <= t["risk"]["likelihood"] <= 100 and 20 <= t["risk"]["impact"] <= 100
    assert all(c in ("Spoofing", "Tampering", "Repudiation",
        "Information Disclosure", "Denial of Service",
        "Elevation of Privilege") for c in t["categories"])
elems = d["components"] + d["dataflows"]
n = 0
for e in elems:
    for i in e.get("threats") or []:
        n += 1
        assert i["threat"] in threats, i
        assert threats[i["threat"]]["attributes"]["parapet:target"] == e["id"]
        assert i["state"] in ("exposed", "partly-mitigated", "mitigated",
            "accepted", "not-applicable")
        for m in i["mitigations"]:
            assert m["mitigation"] in mits, m
            assert m["state"] in ("recommended", "required", "implemented",
                "verified", "rejected")
assert n > 0, "instances on elements"
zones = {z["id"] for z in d["trustZones"]}
assert all(c["parent"]["trustZone"] in zones for c in d["components"])
assert d["project"]["attributes"]["parapet:criticality"] == "high"
print("ok", len(threats), n)
PY
# Import -> export otm -> import: the same model, and the same OTM bytes.
run import "$T/e1.json" "${db_r}"
expect_rc 0 "import the exported OTM file"
expect_no_out "guessed" "Parapet's kinds need no guessing"
expect_no_out "trust taken from trustRating" "Parapet's trust needs no rating"
run export "${db_r}" --format yaml --output "$T/r.yaml"
cmp -s "$T/a.yaml" "$T/r.yaml" || fail "otm round trip: $(diff "$T/a.yaml" "$T/r.yaml")"
run export "${db_r}" --format otm --output "$T/e2.json"
cmp -s "$T/e1.json" "$T/e2.json" || fail "otm export not stable: $(diff "$T/e1.json" "$T/e2.json" | head)"

# Decisions travel in Parapet's own OTM files: status, owner, justification
# and mitigation states come back; another tool's threats decide nothing.
run risk "${db_r}" malicious-serialised-weights@llm --status accepted \
    --owner "Risk Lead" --justification "weights are safetensors"
expect_rc 0 "accept a risk"
run mitigation "${db_r}" feedback-loop-poisoning@llm m-feedback-gating \
    --status implemented
expect_rc 0 "implement a mitigation"
run risk "${db_r}" feedback-loop-poisoning@llm --status mitigating
run export "${db_r}" --format yaml --output "$T/d1.yaml"
run export "${db_r}" --format otm --output "$T/d1.json"
validate "$T/d1.json" >"$T/v.out" 2>&1 || fail "schema (decisions): $(cat "$T/v.out")"
run import "$T/d1.json" "${db_d2}"
expect_rc 0 "import an OTM file with decisions"
expect_out "2 decisions applied from the file" "decisions applied"
expect_out "note: 2 of them written by Parapet carry a decision" "decisions note"
run export "${db_d2}" --format yaml --output "$T/d2.yaml"
cmp -s "$T/d1.yaml" "$T/d2.yaml" || fail "decisions round trip: $(diff "$T/d1.yaml" "$T/d2.yaml")"
grep -q "justification: weights are safetensors" "$T/d2.yaml" || fail "justification kept"
# A decision the analysis does not raise is refused, nothing created.
sed 's/"parapet:target": "llm"/"parapet:target": "backend"/' "$T/d1.json" >"$T/d3.json"
dbreset "${db_d3}"
run import "$T/d3.json" "${db_d3}"
expect_rc 1 "a decision on a risk the model does not raise"
expect_err "@backend' in this model" "decision checked"
dbnone "${db_d3}" || fail "a refused decision left a database"

# Hostile text: inert on the terminal and in the file.
run import "$D/hostile.otm.json" "${db_h}"
expect_rc 0 "import hostile OTM"
if LC_ALL=C grep -q "$esc" "$T/out"; then
	fail "an escape character reached the terminal (import notes)"
fi
run export "${db_h}" --format otm --output "$T/h.json"
expect_rc 0 "export hostile otm"
validate "$T/h.json" >"$T/v.out" 2>&1 || fail "schema (hostile): $(cat "$T/v.out")"
expect_inert_json "$T/h.json" OTM
python3 - "$T/h.json" >"$T/py.out" 2>&1 <<'PY' || fail "hostile content: $(cat "$T/py.out")"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["project"]["name"].startswith("Evil \x1b]0;pwned\x07 \"quoted\"")
assert d["dataflows"][0]["description"] == "\"}]} injected"
print("ok")
PY
# The hostile export fixture and every starter model: valid OTM files.
mkdir "$T/render"
"$(dirname "$PARAPET")/tests/export-render" "$T/render" "$SRC"/templates/*.yaml ||
    fail "export-render"
set -- "$T"/render/*.otm.json
[ "$#" -ge 2 ] || fail "no OTM file rendered"
validate "$@" >"$T/v.out" 2>&1 || fail "schema (fixtures): $(cat "$T/v.out")"

# Malformed files: refused with the path (and place), nothing created.
bad_file() { expect_refused "${db_bad}" "$@"; }	# FILE TEXT-EXPECTED
bad() {		# JSON-OR-YAML TEXT-EXPECTED [NAME]
	printf '%s' "$1" >"$T/${3:-bad.json}"
	bad_file "$T/${3:-bad.json}" "$2"
}
bad_file "$D/bad-ref.otm.yaml" \
    "bad-ref.otm.yaml:10:26: \$.components[0].parent.trustZone: no trust zone 'clowd' in \$.trustZones"
bad_file "$D/bad-attribute.otm.json" \
    "\$.components[0].attributes['parapet:model-type']: unknown model type 'lmm' for 'model-type' (did you mean 'llm'?)"
P='"project": {"name": "p", "id": "p"}'
Z='"trustZones": [{"id": "z", "name": "Z", "risk": {"trustRating": 50}}]'
C='"components": [{"id": "a", "name": "A", "type": "user", "parent": {"trustZone": "z"}}, {"id": "b", "name": "B", "type": "web", "parent": {"trustZone": "z"}}]'
bad '{"otmVersion": "0.2.0"}' 'bad.json:1:1: $.project: missing (an Open Threat Model file needs it)'
bad "{\"otmVersion\": 2, $P}" '$.otmVersion: must be a string, not a number'
bad '{"otmVersion": "0.2.0", "project": {"id": "p"}}' '$.project.name: missing'
bad "{\"otmVersion\": \"0.2.0\", $P, \"trustZones\": {}}" '$.trustZones: must be an array, not an object'
bad "{\"otmVersion\": \"0.2.0\", $P, \"trustZones\": [{\"id\": \"z\", \"name\": \"Z\"}]}" \
    '$.trustZones[0].risk.trustRating: missing'
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, \"components\": [7]}" \
    '$.components[0]: must be an object, not a number'
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, \"components\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"user\"}]}" \
    '$.components[0].parent: missing'
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, \"components\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"user\", \"parent\": {\"component\": \"b\"}}, {\"id\": \"b\", \"name\": \"B\", \"type\": \"user\", \"parent\": {\"component\": \"a\"}}]}" \
    '$.components[0].parent.component: components nest in a circle'
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, \"components\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"user\", \"parent\": {\"trustZone\": \"z\"}}, {\"id\": \"a\", \"name\": \"B\", \"type\": \"user\", \"parent\": {\"trustZone\": \"z\"}}]}" \
    "\$.components[1]: component id 'a' is used twice"
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, $C, \"dataflows\": [{\"id\": \"f\", \"name\": \"F\", \"source\": \"a\", \"destination\": \"c\"}]}" \
    "\$.dataflows[0].destination: no component 'c' in \$.components"
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, $C, \"dataflows\": [{\"id\": \"f\", \"source\": \"a\", \"destination\": \"b\", \"bidirectional\": \"yes\"}]}" \
    '$.dataflows[0].bidirectional: must be a boolean, not a string'
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, $C, \"dataflows\": [{\"id\": \"f\", \"source\": \"a\", \"destination\": \"b\", \"attributes\": {\"parapet:from\": \"b\"}}]}" \
    "'from' is not a field of a flow that attributes can set"
bad "{\"otmVersion\": \"0.2.0\", $P, $Z, \"components\": [{\"id\": \"a\", \"name\": \"A\", \"type\": \"user\", \"parent\": {\"trustZone\": \"z\"}, \"attributes\": {\"parapet:model-type\": \"llm\"}}]}" \
    "'model-type' does not apply to a component of kind 'user'"
bad '{"otmVersion": "0.2.0", "otmVersion": "0.2.0"}' 'duplicate object key'
bad '{"otmVersion": "0.2.0", ' 'bad.json:1:'
bad "{\"otmVersion\": \"0.2.0\", \"x\": $(printf '[%.0s' $(seq 1 100))1$(printf ']%.0s' $(seq 1 100))}" \
    'bad.json: the document nests deeper than 64'
# The same bound in YAML names the place where it was passed, and any
# refused YAML names the file (a fuzzer found one that did not).
bad "otmVersion: 0.2.0
x: $(printf '[%.0s' $(seq 1 63))1$(printf ']%.0s' $(seq 1 63))" \
    'bad.otm.yaml:2:67: the document nests deeper than 64' bad.otm.yaml
bad "$(cat "$SRC/tests/data/fuzz/json-deep-yaml-list")" \
    'bad.otm.yaml:1:' bad.otm.yaml
# YAML: the place as well as the path; libyaml's own errors; no aliases.
bad "$(printf 'otmVersion: 0.2.0\nproject:\n  name: p\n  id: p\ntrustZones:\n  - id: z\n    name: Z\n    risk: {trustRating: high}\n')" \
    'bad.otm.yaml:8:25: $.trustZones[0].risk.trustRating: must be a number' bad.otm.yaml
bad "$(printf 'otmVersion: 0.2.0\nproject: [\n')" 'bad.otm.yaml:3:' bad.otm.yaml
bad "$(printf 'otmVersion: 0.2.0\nproject: &p {name: p, id: p}\nx: *p\n')" \
    'anchors' bad.otm.yaml
bad "$(printf 'otmVersion: 0.2.0\n')" 'bad.otm.yaml:1:1: $.project: missing' bad.otm.yaml

# The conformance files, when the shared folder is there: each imports,
# exports valid OTM, and that export imports to the same model.
shared="${PARAPET_SHARED:-$SRC/../shared}/interop/otm"
if [ -d "$shared" ]; then
	n=0
	for f in "$shared"/*.json "$shared"/*.yaml; do
		case "$f" in *schema*) continue ;; esac
		n=$((n + 1))
		dbreset "${db_s}" "${db_s2}"
		run import "$f" "${db_s}"
		expect_rc 0 "$f imports"
		run export "${db_s}" --format otm --output "$T/s.json"
		validate "$T/s.json" >"$T/v.out" 2>&1 ||
		    fail "$f: export invalid: $(cat "$T/v.out")"
		run export "${db_s}" --format yaml --output "$T/s1.yaml"
		run import "$T/s.json" "${db_s2}"
		expect_rc 0 "$f: its export imports"
		run export "${db_s2}" --format yaml --output "$T/s2.yaml"
		cmp -s "$T/s1.yaml" "$T/s2.yaml" ||
		    fail "$f: round trip: $(diff "$T/s1.yaml" "$T/s2.yaml")"
	done
	[ "$n" -ge 4 ] || fail "only $n shared OTM files"
fi
finish

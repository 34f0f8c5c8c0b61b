#!/usr/bin/env bash
# Threat Dragon v2 import: actors, processes, stores, flows and boundary
# boxes mapped to format 1 with names and descriptions; notes on what was
# not mapped and which AI facts to set; malformed files refused with the
# JSON path of the problem; hostile text inert; import -> export yaml ->
# import stable. With ../shared/interop (the conformance files), every
# Threat Dragon file there is read too.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb b
db_b=$DB
newdb bad
db_bad=$DB
newdb f
db_f=$DB
newdb s
db_s=$DB
newdb td
db_td=$DB
newdb td2
db_td2=$DB
SRC="$(cd "$SRC" && pwd)"
export srcdir="$SRC"
tdschema="$SRC/tests/data/interop/threat-dragon-v2.schema.json"
validate() { python3 "$SRC/tests/json-validate.py" "$tdschema" "$@"; }

fx="$SRC/tests/data/interop/td-small.json"
db="${db_td}"
run import "$fx" "$db"
expect_rc 0 "import a Threat Dragon model"
expect_out "1 boundary, 3 components, 2 flows" "what was mapped"
expect_out "note: 1 process imported as application: set the kind" "AI facts to set"
expect_out "note: 1 store imported as datastore" "store note"
expect_out "note: 2 flows carry no data classes yet" "flow note"
expect_out "note: 1 trust boundary without a trust level" "boundary note"
expect_out "note: 1 trust-boundary line not imported" "curve note"
expect_out "note: 1 Threat Dragon threat not imported" "threat note"
expect_out "note: flow 'Dangling' not imported" "dangling flow note"
expect_out "out of scope in Threat Dragon" "out-of-scope note"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then
	fail "an escape character reached the terminal"
fi
run export "$db" --format yaml --output "$T/a.yaml"
expect_rc 0 "export yaml"
grep -qF 'name: "Support \x1B[31massistant"' "$T/a.yaml" || fail "system name kept: $(head -5 "$T/a.yaml")"
grep -q "owner: Head of Support" "$T/a.yaml" || fail "owner kept"
grep -q "name: Chat backend" "$T/a.yaml" || fail "line breaks in names become spaces"
grep -q "description: Uses the chat" "$T/a.yaml" || fail "description kept"
grep -q "kind: user" "$T/a.yaml" || fail "actor -> user"
grep -q "kind: datastore" "$T/a.yaml" || fail "store -> datastore"
grep -q "boundary: cloud-account" "$T/a.yaml" || fail "boxes hold the components inside them"
grep -A8 "id: ask" "$T/a.yaml" | grep -q "encrypted: true" || fail "isEncrypted mapped"
# Import, export, import again: the same file.
run import "$T/a.yaml" "${db_b}"
expect_rc 0 "import the exported yaml"
run export "${db_b}" --format yaml --output "$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" || fail "import -> export -> import is not stable"

# Export to Threat Dragon: valid against its schema, and import ->
# export -> import gives the same model.
run export "$db" --format threat-dragon --output "$T/td1.json"
expect_rc 0 "export threat-dragon"
validate "$T/td1.json" >"$T/v.out" 2>&1 || fail "schema: $(cat "$T/v.out")"
run import "$T/td1.json" "${db_td2}"
expect_rc 0 "import the exported Threat Dragon file"
run export "${db_td2}" --format yaml --output "$T/c.yaml"
cmp -s "$T/a.yaml" "$T/c.yaml" || fail "threat-dragon round trip: $(diff "$T/a.yaml" "$T/c.yaml")"
grep -qF '\u001b' "$T/td1.json" || fail "escape not written as \\u001b"
if LC_ALL=C grep -q "$(printf '\033')" "$T/td1.json"; then
	fail "an escape character reached the Threat Dragon file"
fi
# With the facts the notes ask for set (the log flow carries prompts),
# the risks that stand on them become threats of their cells. (Findings
# that rest only on unanswered fields are questions, not threats.)
sed '/^    name: Log$/a\    data: [prompt]' "$T/a.yaml" >"$T/f.yaml"
grep -q "data: \[prompt\]" "$T/f.yaml" || fail "the log flow's data set"
run import "$T/f.yaml" "${db_f}"
expect_rc 0 "import with the log's data set"
run export "${db_f}" --format threat-dragon --output "$T/tdf.json"
expect_rc 0 "export threat-dragon with risks"
validate "$T/tdf.json" >"$T/v.out" 2>&1 || fail "schema (risks): $(cat "$T/v.out")"
python3 - "$T/tdf.json" >"$T/py.out" 2>&1 <<'PY' || fail "threats: $(cat "$T/py.out")"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
cells = d["detail"]["diagrams"][0]["cells"]
threats = [t for c in cells for t in c.get("data", {}).get("threats", [])]
assert threats, "risks become threats"
assert all(t["severity"] in ("High", "Medium", "Low") for t in threats)
boxes = [c for c in cells if c["shape"] == "trust-boundary-box"]
els = [c for c in cells if c["shape"] in ("actor", "process", "store")]
# Nothing overlaps: elements on a grid.
pos = [(c["position"]["x"], c["position"]["y"]) for c in els]
assert len(pos) == len(set(pos)), pos
print("ok")
PY
# The hostile export fixture and every starter model: valid files.
mkdir "$T/render"
"$(dirname "$PARAPET")/tests/export-render" "$T/render" "$SRC"/templates/*.yaml ||
    fail "export-render"
set --
for f in "$T"/render/*.json; do
	case "$f" in *.otm.json | *.tmbom.json) ;; *) set -- "$@" "$f" ;; esac
done
[ "$#" -ge 2 ] || fail "no Threat Dragon file rendered"
validate "$@" >"$T/v.out" 2>&1 || fail "schema (fixtures): $(cat "$T/v.out")"

# Malformed files: refused with the JSON path, nothing created.
bad() {
	printf '%s' "$1" >"$T/bad.json"
	dbreset "${db_bad}"
	run import "$T/bad.json" "${db_bad}"
	expect_rc 1 "malformed: $2"
	expect_err "$2" "malformed: $2"
	dbnone "${db_bad}" || fail "a refused file left a database"
}
# Each names the line and column of the value at fault (of its object when
# the value is true or false, which jansson shares), counted in characters.
bad '{"version": "2.1.3", "summary": {"titled": "x"}, "details": {}}' \
    'bad.json:1:33: $.summary.title: missing'
bad '{"version": "2.0", "summary": {"title": "x", "description": 0}, "detail": {"diagrams": []}}' \
    'bad.json:1:61: $.summary.description: must be a string, not a number'
bad "$(printf '{"version": "2.0",\n "summary": {"title": "\303\251", "owner": "\\\\\\"}", "description": 0},\n "detail": {"diagrams": []}}')" \
    'bad.json:2:61: $.summary.description: must be a string, not a number'
bad '{"version": "2.0", "summary": {"title": "x", "owner": false}, "detail": {"diagrams": []}}' \
    'bad.json:1:31: $.summary.owner: must be a string, not a boolean'
bad "$(printf '{"version": "2.0", "summary": {"title": "x"},\n "detail": {"diagrams": [\n  {"cells": [{"shape": "actor"}]}]}}')" \
    "bad.json:3:14: \$.detail.diagrams[0].cells[0]: 'id' is missing or not a string"
bad '{"version": "2.0", "summary": {"title": "x"}, "detail": {"diagrams": [{"cells": [{"shape": "actor", "id": "a"}, {"shape": "store", "id": "a"}]}]}}' \
    "bad.json:1:138: \$.detail.diagrams[0].cells[1]: cell id 'a' is used twice"
bad '{"version": "2.0", "summary": {"title": "x"}, "detail": {"diagrams": [7]}}' \
    'bad.json:1:71: $.detail.diagrams[0]: a diagram must be an object, not a number'
bad '{"summary": {"title": "x"}}' 'bad.json:1:1: $.version: missing'
bad '{"version": "2.0", "version": "2.1"}' 'duplicate object key'
bad '{"version": "2.0", ' 'bad.json:1:'
bad "$(printf '[%.0s' $(seq 1 100))1$(printf ']%.0s' $(seq 1 100))" \
    'bad.json: the document nests deeper than 64'

# The conformance files, when the shared folder is there.
shared="$SRC/../shared/interop/threat-dragon"
if [ -d "$shared" ]; then
	for f in "$shared"/*.json; do
		case "$f" in *schema*) continue ;; esac
		dbreset "${db_s}"
		run import "$f" "${db_s}"
		case "$f" in
		*malformed*)
			expect_rc 1 "$f is refused"
			expect_err '$.summary.title: missing' "$f: clear error" ;;
		*demo-threat-model.json)	# a v1 file
			expect_rc 1 "$f (v1) is refused"
			expect_err 'only Threat Dragon v2' "$f: clear error" ;;
		*)
			expect_rc 0 "$f imports" ;;
		esac
	done
fi
finish

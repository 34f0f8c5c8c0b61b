#!/usr/bin/env bash
# export --format sarif: valid against the SARIF 2.1.0 schema (the real
# python3-jsonschema validator, tests/json-validate.py), one rule per
# threat, one result per risk that applies, at the line of its object in
# the model file (given to the export, or recorded by the import),
# decisions carried (accepted: a suppression with its justification;
# mitigated: a pass), hostile text inert and exact.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb blank
db_blank=$DB
newdb m
db_m=$DB

SRC="$(cd "$SRC" && pwd)"
export srcdir="$SRC"	# absolute: the test runs from $T
schema="$SRC/tests/data/sarif/sarif-schema-2.1.0.json"
validate() { python3 "$SRC/tests/json-validate.py" "$schema" "$@"; }

# A hostile name: an escape sequence, a SARIF embedded link, quotes, a
# placeholder and a line separator.
cat >"$T/threat-model.yaml" <<'YAML'
parapet: 1
system:
  id: support-assistant
  name: Customer support assistant
  criticality: high
boundaries:
  - { id: internet, name: Public internet, trust: untrusted }
  - { id: cloud, name: Production cloud account, trust: internal }
components:
  - { id: customer, name: Customer, kind: user, boundary: internet }
  - id: backend
    name: Chat backend
    kind: application
    boundary: cloud
    exposure: public
    untrusted-input: true
  - id: llm
    name: "Hosted \e[31mLLM [click](https://evil.example) \"{0}\" \u2028"
    kind: model
    boundary: cloud
    provider: third-party
    model-type: llm
flows:
  - { id: ask, from: customer, to: backend, data: [prompt], encrypted: false, initiator: from }
  - { id: complete, from: backend, to: llm, data: [prompt] }
YAML
db="${db_m}"
# Imported by a relative name, as from a repository's root.
cd "$T" || exit 1
run import threat-model.yaml "$db"
expect_rc 0 "import"

# Decide two risks: accept one, mark one mitigated.
run risks "$db"
grep -o '[a-z0-9.-]*@[a-z0-9.-]*' "$T/out" >"$T/names"
accepted="$(grep '@llm$' "$T/names" | head -1)"
mitigated="$(grep -v '@llm$' "$T/names" | head -1)"
[ -n "$accepted" ] && [ -n "$mitigated" ] || fail "no risks to decide"
run risk "$db" "$accepted" --status accepted --owner "Risk Lead" \
    --justification 'vendor contract [see](x) covers it'
expect_rc 0 "accept a risk"
run risk "$db" "$mitigated" --status mitigated \
    --justification "compensating control in place"
expect_rc 0 "mitigate a risk"

cd "$T" || exit 1
run export "$db" --format sarif --model-file threat-model.yaml \
    --output "$T/out.sarif"
expect_rc 0 "sarif export"
validate "$T/out.sarif" >"$T/v.out" 2>&1 || fail "schema: $(cat "$T/v.out")"

# The validator is not a rubber stamp: a wrong level is refused.
sed 's/"level": "warning"/"level": "severe"/' "$T/out.sarif" >"$T/bad.sarif"
if validate "$T/bad.sarif" >"$T/v.out" 2>&1; then
	fail "the validator accepted an invalid SARIF level"
fi
grep -qF "'severe' is not one of" "$T/v.out" || fail "validator: $(cat "$T/v.out")"

# The meaning, checked by parsing the JSON.
python3 - "$T/out.sarif" "$accepted" "$mitigated" "$db" "$PARAPET" \
    >"$T/py.out" 2>&1 <<'PY' || fail "sarif content: $(cat "$T/py.out")"
import json, subprocess, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
accepted, mitigated, db, parapet = sys.argv[2:6]
assert log["version"] == "2.1.0"
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert ids == sorted(set(ids)), "one rule per threat, sorted"
for r in rules:
    assert r["shortDescription"]["text"], r
    assert r["help"]["text"], r
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert any(":" in t for t in r["properties"]["tags"]), "references"
out = subprocess.run([parapet, "risks", db], capture_output=True,
                     text=True).stdout
import re
names = re.findall(r"[a-z0-9.-]+@[a-z0-9.-]+", out)
results = run["results"]
fp = [r["partialFingerprints"]["parapetRisk/v1"] for r in results]
assert sorted(fp) == sorted(set(fp)), "one result per risk"
assert len(results) == len([n for n in names]), (len(results), len(names))
lines = open("threat-model.yaml", encoding="utf-8").read().split("\n")
for r in results:
    assert ids[r["ruleIndex"]] == r["ruleId"]
    loc = r["locations"][0]
    target = r["properties"]["target"]
    assert loc["logicalLocations"][0]["name"] == target
    pl = loc["physicalLocation"]
    assert pl["artifactLocation"]["uri"] == "threat-model.yaml"
    line = lines[pl["region"]["startLine"] - 1]
    assert ("id: " + target) in line, (target, line)
    name = r["partialFingerprints"]["parapetRisk/v1"]
    if name == accepted:
        s = r["suppressions"][0]
        assert s["status"] == "accepted" and s["kind"] == "external"
        assert "vendor contract [see](x) covers it" in s["justification"]
        assert "Risk Lead" in s["justification"]
    elif name == mitigated:
        assert r["kind"] == "pass" and r["level"] == "none"
    else:
        assert r["kind"] == "fail" and "suppressions" not in r
        assert r["level"] == {"critical": "error", "high": "error",
                              "medium": "warning", "low": "note"}[
                                  r["properties"]["severity"]]
# Hostile text: exact in the JSON values, escaped in messages.
back = [r for r in results if r["properties"]["target"] == "llm"]
assert back, "risks on the hostile component"
msg = back[0]["message"]["text"]
assert "\\[click\\](https://evil.example)" in msg, msg
hostile = "Hosted \x1b\\[31mLLM \\[click\\](https://evil.example) \"{0}\" \u2028"
assert back[0]["locations"][0]["message"]["text"] == hostile, \
    back[0]["locations"][0]["message"]["text"]
print("ok")
PY
# The raw file carries no control character, not even in hostile text.
if LC_ALL=C grep -q "$(printf '\033')" "$T/out.sarif"; then
	fail "an escape character reached the SARIF file"
fi
grep -qF '\u001b' "$T/out.sarif" || fail "the escape is not written as \\u001b"
grep -qF '\u2028' "$T/out.sarif" || fail "U+2028 is not escaped"

# Without --model-file: the file and places the import recorded, from
# the database alone (run from elsewhere: nothing is read from the file).
# backend is written at line 11 column 5, llm at line 17 column 5.
[ "$(sed -n 11p "$T/threat-model.yaml")" = "  - id: backend" ] &&
    [ "$(sed -n 17p "$T/threat-model.yaml")" = "  - id: llm" ] ||
    fail "fixture lines moved"
mkdir "$T/elsewhere"
mv "$T/threat-model.yaml" "$T/threat-model.yaml.away"
(cd "$T/elsewhere" && "$PARAPET" export "$db" --format sarif \
    --output "$T/nofile.sarif") >"$T/out" 2>"$T/err"
rc=$?
mv "$T/threat-model.yaml.away" "$T/threat-model.yaml"
expect_rc 0 "sarif without a model file"
validate "$T/nofile.sarif" >"$T/v.out" 2>&1 || fail "schema (no file): $(cat "$T/v.out")"
python3 - "$T/nofile.sarif" >"$T/py.out" 2>&1 <<'PY' || fail "recorded places: $(cat "$T/py.out")"
import json, sys
results = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["results"]
places = {}
for r in results:
    pl = r["locations"][0]["physicalLocation"]
    assert pl["artifactLocation"]["uri"] == "threat-model.yaml", pl
    reg = pl["region"]
    places.setdefault(r["properties"]["target"], set()).add(
        (reg["startLine"], reg.get("startColumn")))
assert places["backend"] == {(11, 5)}, places["backend"]
assert places["llm"] == {(17, 5)}, places["llm"]
print("ok")
PY

# --model-file still overrides: another file, other lines.
{ echo "# moved down by a comment"; cat "$T/threat-model.yaml"; } >"$T/moved.yaml"
run export "$db" --format sarif --model-file moved.yaml --output "$T/moved.sarif"
expect_rc 0 "sarif with --model-file over the recorded file"
python3 - "$T/moved.sarif" >"$T/py.out" 2>&1 <<'PY' || fail "override: $(cat "$T/py.out")"
import json, sys
for r in json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["results"]:
    pl = r["locations"][0]["physicalLocation"]
    assert pl["artifactLocation"]["uri"] == "moved.yaml", pl
    if r["properties"]["target"] == "llm":
        assert pl["region"]["startLine"] == 18, pl
print("ok")
PY

# A file named from the current directory ("./", as a CI job or a shell's
# completion writes it) is the repository's path: no "./" in the URI.
run export "$db" --format sarif --model-file ././/moved.yaml --output "$T/dot.sarif"
expect_rc 0 "sarif with --model-file ././/moved.yaml"
python3 - "$T/dot.sarif" >"$T/py.out" 2>&1 <<'PY' || fail "leading ./: $(cat "$T/py.out")"
import json, sys
for r in json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]["results"]:
    pl = r["locations"][0]["physicalLocation"]
    assert pl["artifactLocation"]["uri"] == "moved.yaml", pl
print("ok")
PY

# A model that did not come from a file: logical locations only.
run new "${db_blank}" --template rag-assistant
expect_rc 0 "a model from a template"
run export "${db_blank}" --format sarif --output "$T/blank.sarif"
expect_rc 0 "sarif of a model made here"
validate "$T/blank.sarif" >"$T/v.out" 2>&1 || fail "schema (made here): $(cat "$T/v.out")"
grep -q "\"ruleId\"" "$T/blank.sarif" ||
    fail "no results for the model made here"
! grep -q physicalLocation "$T/blank.sarif" || fail "a physical location for a model made here"

# A model file of another system is refused.
cat >"$T/other.yaml" <<'YAML'
parapet: 1
system: { id: other, name: Other }
YAML
run export "$db" --format sarif --model-file "$T/other.yaml"
expect_rc 1 "model file of another system"
expect_err "describes 'other', not 'support-assistant'" "model file mismatch"

# The hostile fixture of the export tests and every starter model, as the
# export module renders them: each a valid SARIF log.
mkdir "$T/render"
"$(dirname "$PARAPET")/tests/export-render" "$T/render" "$SRC"/templates/*.yaml ||
    fail "export-render"
set -- "$T"/render/*.sarif
[ "$#" -ge 2 ] || fail "no SARIF rendered"
validate "$@" >"$T/v.out" 2>&1 || fail "schema (fixtures): $(cat "$T/v.out")"

# The same input gives the same bytes.
run export "$db" --format sarif --model-file threat-model.yaml --output "$T/again.sarif"
cmp -s "$T/out.sarif" "$T/again.sarif" || fail "sarif export is not stable"
finish

#!/usr/bin/env bash
# The register keeps every decision: renames carry risks, decisions and
# history; stale undecided risks go; 'mitigated' needs evidence.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb claim
db_claim=$DB
newdb mit
db_mit=$DB
newdb r
db_r=$DB
newdb stale
db_stale=$DB
newdb u
db_u=$DB
newdb x
db_x=$DB
newdb y
db_y=$DB

cat >"$T/m.yaml" <<'YAML'
parapet: 1
system: { id: fraud, name: Fraud scoring, criticality: critical }
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
    provider: in-house
  - { id: clf, name: Fraud classifier, kind: model, boundary: dc, model-type: classifier, untrusted-input: true, provider: open-source, weights-format: pickle, learns-from-feedback: true }
flows:
  - { id: score, from: merchant, to: api, data: [personal-data], encrypted: false, authenticated: true }
  - { id: infer, from: api, to: clf, data: [personal-data], encrypted: true, authenticated: true }
YAML
risk=evasion-adversarial-inputs

# 1. parapet rename: the risks, decisions and history follow the object.
db="${db_r}"
run import "$T/m.yaml" "$db"
expect_rc 0 "import"
run risk "$db" "$risk@clf" --status accepted --owner ciso \
    --justification 'signed by the CISO'
expect_rc 0 "accept"
run mitigation "$db" "$risk@clf" m-adversarial-training --status planned \
    --owner ml --due 2027-01-10
expect_rc 0 "plan a mitigation"
run rename "$db" clf fraud-clf
expect_rc 0 "rename"
run risk "$db" "$risk@fraud-clf"
expect_rc 0 "the risk under its new id"
expect_out "accepted (by tester" "the decision follows the rename"
expect_out "ciso" "the owner follows the rename"
expect_out "2027-01-10" "the mitigation's due date follows the rename"
run risks "$db" --all
expect_no_out "@clf " "no risk is left on the old id"
expect_no_out "no longer applies" "nothing stopped applying"
run history "$db" --object "$risk@fraud-clf"
expect_out "status: open -> accepted" "the risk's history follows it"
expect_out "id: $risk@clf -> $risk@fraud-clf" "the rename is recorded"
run history "$db" --object fraud-clf
expect_out "clf created" "the object's history follows it"
run export "$db" --format yaml
expect_out "to: fraud-clf" "the flow follows the rename"
run rename "$db" nosuch other
expect_rc 1 "renaming what does not exist"
expect_err "no boundary, component or flow 'nosuch'" "the message"
run rename "$db" api fraud-clf
expect_rc 1 "renaming onto a used id"
expect_err "id 'fraud-clf' is already used" "the message"

# 1. renamed-from in a model file does the same, and only once.
sed -e 's/- { id: clf, name/- { id: scorer, renamed-from: fraud-clf, name/' \
    -e 's/to: clf,/to: scorer,/' "$T/m.yaml" >"$T/renamed.yaml"
run import "$T/renamed.yaml" "$db"
expect_rc 0 "import with renamed-from"
run risk "$db" "$risk@scorer"
expect_out "accepted (by tester" "renamed-from carries the decision"
run import "$T/renamed.yaml" "$db"
expect_rc 0 "the same file again"
run risk "$db" "$risk@scorer"
expect_out "accepted (by tester" "a second import changes nothing"
run history "$db" --object "$risk@scorer"
expect_out "status: open -> accepted" "history across two renames"
sed -e 's/renamed-from: fraud-clf/renamed-from: Bad/' "$T/renamed.yaml" \
    >"$T/bad.yaml"
run import "$T/bad.yaml" "$db"
expect_rc 1 "an invalid renamed-from"
expect_err "invalid renamed-from id 'Bad'" "the message"

# 1. renamed-from on an element of an XML export does the same: the
# file's own risks on the old id follow the rename (no ghost decision is
# left on an object that is gone), and the file validates against the
# schema with it.
run export "$db" --format xml --output "$T/r.xml"
expect_rc 0 "XML export"
sed -e 's/<component id="scorer" /<component id="xml-scorer" renamed-from="scorer" /' \
    -e 's/to="scorer"/to="xml-scorer"/' "$T/r.xml" >"$T/renamed.xml"
grep -q 'renamed-from="scorer"' "$T/renamed.xml" ||
    fail "the XML test did not rename the component"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRC/data/parapet.xsd" "$T/renamed.xml" \
	    2>"$T/xmllint.err" ||
	    fail "renamed-from is not valid XML: $(cat "$T/xmllint.err")"
fi
run import "$T/renamed.xml" "$db"
expect_rc 0 "XML import with renamed-from"
run risk "$db" "$risk@xml-scorer"
expect_out "accepted (by tester" "renamed-from in XML carries the decision"
run risks "$db" --all
expect_no_out "@scorer " "no risk is left on the id before the XML rename"
run history "$db" --object "$risk@xml-scorer"
expect_out "status: open -> accepted" "history across the XML rename"
run export "$db" --format xml
expect_no_out "renamed-from" "an export does not write renamed-from"
sed -e 's/renamed-from="scorer"/renamed-from="Bad"/' "$T/renamed.xml" \
    >"$T/bad.xml"
run import "$T/bad.xml" "$db"
expect_rc 1 "an invalid renamed-from in XML"
expect_err "bad.xml:" "the message names the file"
expect_err "renamed-from" "the message names the attribute"

# 2. A risk that stops applying stays only if someone decided on it.
db="${db_stale}"
sed -e 's/encrypted: false/encrypted: true/' "$T/m.yaml" >"$T/enc.yaml"
sed -e 's/rate-limited: false/rate-limited: true/' \
    -e 's/encrypted: false/encrypted: true/' "$T/m.yaml" >"$T/both.yaml"
run import "$T/m.yaml" "$db"
run risk "$db" inference-denial-of-service@api --owner ops
expect_rc 0 "an owner for a risk that will stop applying"
run import "$T/enc.yaml" "$db"
expect_rc 0 "import: encryption removes a risk"
run risks "$db" --all
expect_no_out "flow-unencrypted-sensitive@api" \
    "an undecided risk that stopped applying is dropped"
run history "$db" --object flow-unencrypted-sensitive@api
expect_out "applies: true -> false" "the history keeps that it stopped"
run import "$T/both.yaml" "$db"
run risks "$db" --all
expect_out "inference-denial-of-service@api" \
    "a risk with an owner is kept when it stops applying"
# An older database holds stale undecided risks: the next analysis drops
# them, and keeps the decided ones. (Written as rows are since schema 10:
# saying whether they rest on an assumption.)
if [ "$BACKEND" = sqlite ] && command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "$db" "INSERT INTO risks (system, threat, target, likelihood,
	    impact, severity, applies, status, assumed) VALUES ('fraud',
	    'old-threat', 'clf', 1, 1, 'low', 0, 'open', 0);
	    INSERT INTO risks (system, threat, target, likelihood, impact,
	    severity, applies, status, owner, assumed) VALUES ('fraud',
	    'kept-threat', 'clf', 1, 1, 'low', 0, 'open', 'ann', 0);"
	run analyze "$db"
	expect_rc 0 "analyze an older database"
	run risks "$db" --all
	expect_no_out "old-threat@clf" "a stale undecided risk goes"
	expect_out "kept-threat@clf" "a stale decided risk stays"
fi

# 3. 'mitigated' needs a mitigation in place or a justification, and the
# gate does not pass a risk marked mitigated with nothing done.
db="${db_mit}"
run import "$T/m.yaml" "$db"
run risk "$db" model-extraction@api --status mitigated
expect_rc 1 "mitigated with every mitigation proposed"
expect_err "requires an implemented or verified mitigation, or a justification" \
    "the message"
m="$("$PARAPET" risk "$db" model-extraction@api |
    awk '$1 == "proposed" {print $2; exit}')"
run mitigation "$db" model-extraction@api "$m" --status implemented
run risk "$db" model-extraction@api --status mitigated
expect_rc 0 "mitigated with an implemented mitigation"
run risk "$db" model-skewing@clf --status mitigated \
    --justification 'feedback loop removed'
expect_rc 0 "mitigated with a justification"
run history "$db" --object model-skewing@clf
expect_out "justification: (none) -> feedback loop removed" \
    "the justification is in the history"
run export "$db" --format markdown
expect_out "**Evidence:** \`$m\` implemented" "the report names the evidence"
expect_out "justified (no mitigation implemented)" "or the justification"
# A file (or an older database) can still mark a risk mitigated with
# nothing done: check fails and says which.
cat >"$T/claim.yaml" <<YAML
$(cat "$T/m.yaml")
decisions:
  model-inversion@api:
    status: mitigated
YAML
run import "$T/claim.yaml" "${db_claim}"
expect_rc 1 "a decisions section cannot claim mitigated either"
"$PARAPET" import "$T/m.yaml" "${db_claim}" >/dev/null
if [ "$BACKEND" = sqlite ] && command -v sqlite3 >/dev/null 2>&1; then
	sqlite3 "${db_claim}" "UPDATE risks SET status = 'mitigated'
	    WHERE threat = 'malicious-serialised-weights' AND target = 'clf'"
	run check "${db_claim}" --fail-on critical
	expect_no_out "malicious-serialised-weights" "below the level: not listed"
	run check "${db_claim}" --fail-on high
	expect_rc 3 "mitigated with nothing done fails the gate"
	expect_out "malicious-serialised-weights@clf" "check names the risk"
	expect_out "mitigated without an implemented or verified mitigation" \
	    "check says why"
	run export "${db_claim}" --format markdown
	expect_out "**none**: no mitigation is implemented" \
	    "the report says there is no evidence"
fi

# 4. An XML import never rewrites or shortens the history; an older file
# is refused unless asked for; another database's history comes in marked.
db="${db_x}"
PARAPET_NOW=2026-11-01T10:00:00Z run import "$T/m.yaml" "$db"
PARAPET_NOW=2026-11-01T10:00:00Z run export "$db" --format xml \
    --output "$T/old.xml"
PARAPET_NOW=2026-11-02T10:00:00Z PARAPET_USER=ciso \
    run risk "$db" model-extraction@api --status accepted --owner ciso \
    --justification 'signed by the CISO'
"$PARAPET" history "$db" >"$T/before"
before=$(wc -l <"$T/before")
PARAPET_NOW=2026-11-03T10:00:00Z PARAPET_USER=bob \
    run import "$T/old.xml" "$db"
expect_rc 1 "an older export over a newer model"
expect_err "is older than model 'fraud' in the database" "the message"
expect_err "--allow-older" "the message names the option"
run risk "$db" model-extraction@api
expect_out "status:    accepted" "the refused import changed nothing"
PARAPET_NOW=2026-11-03T10:00:00Z PARAPET_USER=bob \
    run import "$T/old.xml" "$db" --allow-older
expect_rc 0 "an older export, asked for"
run history "$db"
after=$(wc -l <"$T/out")
[ "$after" -gt "$before" ] || fail "history went from $before to $after rows"
# Newest first: what was there before is the end of the list.
tail -n "$before" "$T/out" | cmp -s - "$T/before" ||
    fail "the history before the import was rewritten"
head -n 1 "$T/out" | grep -qF "[import of '$T/old.xml']" ||
    fail "the newest change (the import's) is not listed first"
expect_out "bob  fraud  model-extraction@api status: accepted -> open  [import of '$T/old.xml']" \
    "the import's change is the importing user's, with its source"
# Into another database: its history is kept as imported, a forged
# author stays marked, and who imported is recorded.
PARAPET_NOW=2026-11-04T10:00:00Z run export "$db" --format xml \
    --output "$T/new.xml"
sed -e 's|<who>ciso</who>|<who>mallory</who>|' "$T/new.xml" >"$T/forged.xml"
PARAPET_USER=eve PARAPET_NOW=2026-11-05T10:00:00Z \
    run import "$T/forged.xml" "${db_y}"
expect_rc 0 "import into a new database"
run history "${db_y}"
expect_out "mallory  fraud  model-extraction@api status: open -> accepted  [imported from '$T/forged.xml']" \
    "a forged author is marked as imported"
expect_out "eve  fraud  fraud imported: (none) -> $T/forged.xml  [import of '$T/forged.xml']" \
    "who imported is recorded"
if grep -v '\[' "$T/out" | grep -q .; then
	fail "an entry of another database reads as local history"
fi

# 12. Text on the command line that is not UTF-8 is refused, as in a file;
# a crafted database's dates and a catalogue's version never reach the
# terminal raw.
db="${db_u}"
run import "$T/m.yaml" "$db"
run risk "$db" model-extraction@api --owner "$(printf 'ann\377')"
expect_rc 2 "an owner that is not UTF-8"
expect_err "--owner is not valid UTF-8" "the message"
run risk "$db" model-extraction@api
expect_no_out "ann" "nothing was stored"
run rename "$db" clf "$(printf 'x\300')"
expect_rc 2 "a new id that is not UTF-8"
if [ "$BACKEND" = sqlite ] && command -v sqlite3 >/dev/null 2>&1; then
	"$PARAPET" risk "$db" model-extraction@api --status accepted \
	    --owner ciso --justification "ok for now" >/dev/null
	m="$("$PARAPET" risk "$db" model-extraction@api |
	    awk '$1 == "proposed" {print $2; exit}')"
	"$PARAPET" mitigation "$db" model-extraction@api "$m" \
	    --due 2027-01-01 >/dev/null
	sqlite3 "$db" "UPDATE risks SET decided_at = char(27) || ']0;PWNED' ||
	    char(7) WHERE threat = 'model-extraction';
	    UPDATE risk_mitigations SET due = char(27) || '[6n'
	    WHERE threat = 'model-extraction' AND mitigation = '$m';
	    PRAGMA application_id;" >/dev/null
	sqlite3 "$db" "DROP TRIGGER history_no_update;
	    UPDATE history SET at = char(27) || '[2J' WHERE seq = 1;" \
	    >/dev/null 2>&1
	for cmd in "risk $db model-extraction@api" "history $db" \
	    "risks $db" "export $db --format csv"; do
		# shellcheck disable=SC2086
		"$PARAPET" $cmd >"$T/out" 2>&1
		if grep -q "$(printf '\033')" "$T/out"; then
			fail "'$cmd' printed an escape from the database"
		fi
	done
fi
printf 'parapet-catalogue: 1\nversion: "\\e]0;PWNED\\a"\n' >"$T/cat.yaml"
run catalogue list --catalogue "$T/cat.yaml"
expect_rc 1 "a catalogue version with control characters"
expect_err "invalid catalogue version" "the message"
if grep -q "$(printf '\033')" "$T/out" "$T/err"; then
	fail "a catalogue's version reached the terminal raw"
fi

finish

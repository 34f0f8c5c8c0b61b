#!/usr/bin/env bash
# The catalogue's references: 'catalogue refs' prints each threat's and
# mitigation's references with their titles; 'catalogue atlas' generates
# the ATLAS part of data/taxonomy.yaml from MITRE's ATLAS.yaml; 'catalogue
# check --atlas' reports cited ids a newer ATLAS file lacks or deprecates.
# With PARAPET_ATLAS_FILE (scripts/test.sh sets it to the shared
# ../shared/taxonomy/ATLAS-*.yaml when present), the shipped taxonomy is
# also checked to be exactly what that file generates.
. "${srcdir:-.}/tests/cli/lib.sh"
FIX="$SRC/tests/data/atlas/ATLAS-fixture.yaml"

# refs: one block per threat, each reference with its scheme, id and title.
run catalogue refs
expect_rc 0 "catalogue refs"
expect_out "THREATS (" "refs lists threats"
expect_out "MITIGATIONS (" "refs lists mitigations"
expect_out "    atlas              AML.T0051.000 LLM Prompt Injection: Direct" \
	"refs names a sub-technique with its technique"
expect_out "    owasp-llm-2025     LLM01         Prompt Injection" \
	"refs names OWASP LLM items"
expect_out "    owasp-agentic-2026 ASI02         Tool Misuse and Exploitation" \
	"refs cites the OWASP Agentic Top 10"
expect_out "    guideline          4.2           Monitor your system's inputs" \
	"refs names guideline subsections"
# The block of one threat: from its line to the next unindented line.
block() {
	awk -v id="$1" '$1 == id { on = 1; print; next }
	    on && /^[^ ]/ { exit } on' "$T/out"
}
# References that said something else than the threat (issue 8).
block no-behaviour-monitoring | grep -q ML08 &&
	fail "no-behaviour-monitoring cites ML08 (model skewing)"
block model-registry-tampering | grep -q AML.T0076 &&
	fail "model-registry-tampering cites AML.T0076 (corrupt model file)"
block practice-security-evaluation | grep -q AML.T0042 &&
	fail "practice-security-evaluation cites AML.T0042 (attacker's verify)"
block training-data-personal-data | grep -q ML04 &&
	fail "training-data-personal-data cites ML04 (membership inference)"
block agent-actions-unaudited | grep -q LLM06 &&
	fail "agent-actions-unaudited cites LLM06 (excessive agency)"
block m-redact-before-external | grep -q AML.M0012 &&
	fail "m-redact-before-external cites AML.M0012 (encryption)"
block m-immutable-registry | grep -q AML.M0013 &&
	fail "m-immutable-registry cites AML.M0013 (code signing)"
block m-content-provenance | grep -q AML.M0034 &&
	fail "m-content-provenance cites AML.M0034 (deepfake detection)"
# Third practitioner trial: techniques whose ATLAS definition is another act.
block agent-rogue | grep -q AML.T0108 &&
	fail "agent-rogue cites AML.T0108 (an agent on the victim's systems used for C2)"
block agent-memory-poisoning | grep -q AML.T0092 &&
	fail "agent-memory-poisoning cites AML.T0092 (editing chat history to hide tracks)"
block agent-acts-as-user-abuse | grep -q AML.T0091.000 &&
	fail "agent-acts-as-user-abuse cites AML.T0091.000 (a stolen access token)"
block rag-access-control-gap | grep -q AML.T0064 &&
	fail "rag-access-control-gap cites AML.T0064 (finding RAG sources to poison)"
block agent-memory-poisoning | grep -q "AML.T0080.000" ||
	fail "agent-memory-poisoning lost AML.T0080.000"
block model-registry-tampering | grep -q "AML.T0018 " ||
	fail "model-registry-tampering lost AML.T0018"
run catalogue refs extra
expect_rc 2 "catalogue refs takes no argument"

# refs --atlas: ATLAS titles come from the file given.
run catalogue refs --atlas "$FIX"
expect_rc 0 "catalogue refs --atlas"
expect_out "AML.T0051.000 LLM Prompt Injection: Direct Injection" \
	"refs --atlas takes titles from the file"
expect_out "AML.T0065     (not in this ATLAS file)" \
	"refs --atlas marks ids the file lacks"

# atlas: the generated taxonomy part, sorted so a sub-technique follows its
# technique, mitigations last, each id once, tactics and case studies left.
run catalogue atlas "$FIX"
expect_rc 0 "catalogue atlas"
cat >"$T/want" <<'WANT'
atlas-version: "9.9.0"
atlas:
  - { id: "AML.T0029", title: "Denial of AI Service" }
  - { id: "AML.T0051", title: "LLM Prompt Injection" }
  - { id: "AML.T0051.000", title: "Direct Injection" }
  - { id: "AML.T0051.001", title: "Indirect" }
  - { id: "AML.T0054", title: "LLM Jailbreak" }
  - { id: "AML.M0004", title: "Restrict Number of AI Model Queries" }
  - { id: "AML.M0020", title: "Generative AI Guardrails" }
WANT
diff -u "$T/want" "$T/out" >&2 || fail "catalogue atlas output"
run catalogue atlas
expect_rc 2 "catalogue atlas without a file"
run catalogue atlas "$SRC/data/taxonomy.yaml"
expect_rc 1 "catalogue atlas of a file that is not ATLAS"
expect_err "no ATLAS techniques or mitigations" "not an ATLAS file"

# check --atlas: unknown and deprecated ids, renamed titles; exit 1.
run catalogue check --atlas "$FIX"
expect_rc 1 "check --atlas with unknown ids"
expect_out "threat 'llm-jailbreak' cites AML.T0054: deprecated in ATLAS 9.9.0 ('LLM Jailbreak')" \
	"check --atlas reports a deprecated id"
expect_out "threat 'llm-direct-prompt-injection' cites AML.T0065: unknown to ATLAS 9.9.0" \
	"check --atlas reports an unknown id"
expect_out "AML.T0051.000 is now named 'LLM Prompt Injection: Direct Injection' (was 'LLM Prompt Injection: Direct')" \
	"check --atlas reports a renamed id"
expect_no_out "cites AML.T0051.000" "a renamed id is still known"
expect_no_out "cites AML.M0020" "a known mitigation is not reported"
run catalogue check
expect_rc 2 "check with neither files nor --atlas"

# OWASP LLM items are cited only where an LLM is involved: the register of
# a model with no LLM (a fraud classifier, an edge vision model) cites none.
for m in fraud-classifier-feedback edge-vision; do
	rm -f "$T/db"
	run import "$SRC/templates/$m.yaml" "$T/db"
	expect_rc 0 "import $m"
	run export "$T/db" --format csv
	expect_rc 0 "export $m"
	grep -q . "$T/out" || fail "$m: empty export"
	expect_no_out "owasp-llm-2025" "$m: a model without an LLM cites the LLM Top 10"
	expect_out "owasp-ml-2023" "$m: the ML Top 10 is still cited"
done

# The shipped taxonomy is what MITRE's file generates, and the catalogue
# cites nothing that file lacks or deprecates.
if [ -n "${PARAPET_ATLAS_FILE:-}" ] && [ -f "$PARAPET_ATLAS_FILE" ]; then
	run catalogue atlas "$PARAPET_ATLAS_FILE"
	expect_rc 0 "catalogue atlas of the shared ATLAS file"
	sed -n '/^# BEGIN generated/,/^# END generated/p' \
	    "$SRC/data/taxonomy.yaml" | sed '1d;$d' >"$T/shipped"
	diff -u "$T/shipped" "$T/out" >&2 ||
		fail "data/taxonomy.yaml is not generated from $PARAPET_ATLAS_FILE"
	run catalogue check --atlas "$PARAPET_ATLAS_FILE"
	expect_rc 0 "check --atlas against the shared ATLAS file"
	expect_out "0 catalogue references unknown or deprecated" \
		"the catalogue cites only current ATLAS ids"
else
	echo "no PARAPET_ATLAS_FILE: shared ATLAS file not checked"
fi
finish

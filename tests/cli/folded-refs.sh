#!/usr/bin/env bash
# A finding that covers another threat's finding (the analysis folds them
# into one risk) carries that threat's references too: a reviewer who
# looks for OWASP ASI01 (agent goal hijack) finds it on the risk that
# absorbed it, in the risk's detail and in every export, each once.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb ma
db=$DB
run new "$db" --template multi-agent-mcp
expect_rc 0 "new from the multi-agent template"
risk=llm-indirect-prompt-injection@llm
run risk "$db" "$risk"
expect_rc 0 "risk detail"
expect_out "also covers 'agent-goal-hijack'" "the fold the test relies on"
expect_out "owasp-llm-2025 LLM01" "the risk's own reference"
expect_out "owasp-agentic-2026 ASI01 (Agent Goal Hijack)" \
    "the covered threat's reference in the detail"
[ "$(grep -o "ASI01" "$T/out" | wc -l)" -eq 1 ] ||
    fail "ASI01 named more than once in the detail"
run export "$db" --format csv --output "$T/r.csv"
expect_rc 0 "CSV export"
grep "^[^,]*,$risk," "$T/r.csv" >"$T/row" ||
    grep "$risk" "$T/r.csv" >"$T/row" || fail "no CSV row for $risk"
grep -q "owasp-agentic-2026 ASI01" "$T/row" || fail "CSV lacks ASI01"
run export "$db" --format xml --output "$T/r.xml"
expect_rc 0 "XML export"
python3 - "$T/r.xml" "$risk" <<'PY' || fail "XML: the risk lacks ASI01"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
threat, target = sys.argv[2].split("@")
for e in root.iter():
    if e.tag.endswith("risk") and e.get("threat") == threat and \
            e.get("target") == target:
        ids = [r.get("id") for r in e if r.tag.endswith("ref")]
        sys.exit(0 if ids.count("ASI01") == 1 else 1)
sys.exit(1)
PY
xmllint --noout --schema "$SRC/data/parapet.xsd" "$T/r.xml" 2>"$T/err" ||
    fail "XML not valid: $(cat "$T/err")"
run export "$db" --format markdown --output "$T/r.md"
expect_rc 0 "Markdown export"
grep -q "ASI01 (Agent Goal Hijack)" "$T/r.md" || fail "Markdown lacks ASI01"
finish

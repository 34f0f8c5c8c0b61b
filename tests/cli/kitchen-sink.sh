#!/usr/bin/env bash
# The kitchen sink (tests/data/kitchen-sink/kitchen-sink.yaml) states every
# risky fact the catalogue reacts to; its register must cite the whole OWASP
# Top 10 for Agentic Applications 2026 and at least 80 distinct MITRE ATLAS
# techniques (counting a sub-technique as its technique), and every ATLAS
# id it cites must be in the taxonomy the catalogue was checked against.
. "${srcdir:-.}/tests/cli/lib.sh"

run import "$SRC/tests/data/kitchen-sink/kitchen-sink.yaml" "$T/db"
expect_rc 0 "import the kitchen sink"
run export "$T/db" --format csv
expect_rc 0 "export the kitchen sink"
cp "$T/out" "$T/register.csv"

for i in 01 02 03 04 05 06 07 08 09 10; do
	grep -q "owasp-agentic-2026 ASI$i" "$T/register.csv" ||
		fail "the kitchen sink's register does not cite ASI$i"
done
ids=$(grep -o 'atlas AML\.T[0-9]\{4\}\(\.[0-9]\{3\}\)\{0,1\}' "$T/register.csv" |
	sed 's/^atlas //' | sort -u | wc -l)
techniques=$(grep -o 'atlas AML\.T[0-9]\{4\}' "$T/register.csv" |
	sed 's/^atlas //' | sort -u | wc -l)
echo "kitchen sink: $techniques ATLAS techniques, $ids with sub-techniques"
[ "$techniques" -ge 80 ] ||
	fail "the kitchen sink cites $techniques distinct ATLAS techniques, not 80"
[ "$ids" -ge "$techniques" ] || fail "sub-techniques counted wrongly"
# The register of the kitchen sink cites the LLM Top 10 (it has LLMs) and
# the ML Top 10 (it has classifiers) as well.
expect_out "owasp-llm-2025 LLM01" "the kitchen sink cites the LLM Top 10"
expect_out "owasp-ml-2023 ML01" "the kitchen sink cites the ML Top 10"
finish

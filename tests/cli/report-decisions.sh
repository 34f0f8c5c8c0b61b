#!/usr/bin/env bash
# What an approver signs with nothing else in hand: the report lists every
# decision (not the last 25), newest first with its date, as many as the
# history holds; the sign-off has a line for each risk owner the decisions
# name, with how many risks are theirs; the XML, valid against
# data/parapet.xsd, holds the same decisions; and the CSV carries the
# mitigations' notes (the evidence) in a new last column, quoted,
# formula-inert, its line breaks kept, every earlier column where it was.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
newdb a
db=$DB
run new "$db" --template agent-with-tools
expect_rc 0 "new from agent-with-tools"
run risks "$db"
expect_rc 0 "risks"
awk '{ print $4 }' "$T/out" >"$T/ids"
[ "$(wc -l <"$T/ids")" -ge 12 ] || fail "agent-with-tools has fewer than 12 risks"

# Twelve risks decided a minute apart: 36 entries, past the old 25. Eight
# are Alice's, four the owner with a pipe in her name.
i=0
while read -r id && [ "$i" -lt 12 ]; do
	i=$((i + 1))
	owner="Alice Example"
	[ $((i % 3)) -eq 0 ] && owner="Bob | Ops"
	PARAPET_NOW=$(printf '2026-11-25T11:%02d:00Z' "$i") \
	    "$PARAPET" risk "$db" "$id" --status accepted --owner "$owner" \
	    --justification "decision number $i stands" >/dev/null 2>"$T/err" ||
	    fail "deciding $id: $(cat "$T/err")"
done <"$T/ids"
first=$(sed -n 1p "$T/ids")

# The decisions as parapet history gives them: entries about a risk
# (THREAT@TARGET), not the analysis's "applies".
run history "$db"
expect_rc 0 "history"
want=$(awk '$5 ~ /@/ && $6 != "applies:"' "$T/out" | wc -l)
[ "$want" -eq 36 ] || fail "history has $want decisions, expected 36"

run export "$db" --format markdown
expect_rc 0 "markdown report"
cp "$T/out" "$T/r.md"
sed -n '/^## History of decisions$/,$p' "$T/r.md" >"$T/hist"
grep -qx "All $want decisions, newest first." "$T/hist" ||
    fail "the history does not say it holds all $want decisions"
rows=$(grep -c '^| 2026-' "$T/hist")
[ "$rows" -eq "$want" ] ||
    fail "the report's history has $rows decisions, the store $want"
# The oldest is there, last; the dates never go up from one row to the next.
tail -1 "$T/hist" | grep -qF "| 2026-11-25T11:01:00Z | tester | \`$first\` |" ||
    fail "the oldest decision is not the last row: $(tail -1 "$T/hist")"
grep '^| 2026-' "$T/hist" | cut -d'|' -f2 | sort -rc 2>/dev/null ||
    fail "the history is not newest first"

# The sign-off names each risk owner the decisions name.
sed -n '/^## Sign-off$/,/^## /p' "$T/r.md" >"$T/sign"
grep -qxF '| Risk owner (8 risks) | Alice Example | | |' "$T/sign" ||
    fail "the sign-off does not name Alice Example for her 8 risks"
grep -qxF '| Risk owner (4 risks) | Bob \| Ops | | |' "$T/sign" ||
    fail "the sign-off does not name Bob | Ops, escaped, for 4 risks"
! grep -qxF '| Risk owner | | | |' "$T/sign" ||
    fail "the sign-off keeps a blank risk owner though decisions name them"

# The XML holds every decision too, and is valid.
run export "$db" --format xml
expect_rc 0 "xml export"
cp "$T/out" "$T/r.xml"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRC/data/parapet.xsd" "$T/r.xml" \
	    2>"$T/xmllint.err" ||
	    fail "the XML is not valid: $(head -c 500 "$T/xmllint.err")"
	n=$(xmllint --xpath "count(//*[local-name()='change'][contains(*[local-name()='object'], '@') and not(*[local-name()='field'] = 'applies')])" "$T/r.xml")
	[ "$n" = "$want" ] || fail "the XML holds $n decisions, the store $want"
else
	fail "xmllint is needed to validate the XML"
fi

# Notes with a formula after a comma and a line break, on the first risk's
# first mitigation.
run risk "$db" "$first"
mid=$(awk '$1 == "proposed" && $2 ~ /^m-/ { print $2; exit }' "$T/out")
[ -n "$mid" ] || fail "no mitigation shown for $first"
run mitigation "$db" "$first" "$mid" --status implemented \
    --notes "Refunds over 20 EUR need approval,=1+1
see ticket 7"
expect_rc 0 "mitigation notes"
run export "$db" --format csv
expect_rc 0 "csv export"
python3 - "$T/out" "$first" "$mid" >"$T/py" 2>&1 <<'PY' || fail "csv: $(cat "$T/py")"
import csv, sys
path, risk, mid = sys.argv[1:]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
before = ["id", "threat", "target", "applies", "title", "severity",
          "likelihood", "impact", "status", "owner", "justification",
          "decided_by", "decided_at", "refs", "mitigations", "reasons"]
head = rows[0]
assert head[:16] == before, "earlier columns moved: %r" % head
assert head[16:] == ["mitigation_notes"], "last column: %r" % head[16:]
for r in rows:
    assert len(r) == 17, "a row of %d fields: %r" % (len(r), r[:1])
row = [r for r in rows if r[0] == risk]
assert len(row) == 1, "risk %s: %d rows" % (risk, len(row))
want = mid + ": Refunds over 20 EUR need approval,'=1+1\nsee ticket 7"
assert row[0][16] == want, "notes cell %r, want %r" % (row[0][16], want)
assert row[0][14].startswith(mid + ": implemented"), row[0][14]
others = [r for r in rows[1:] if r[0] != risk and r[16] != ""]
assert not others, "notes on risks that have none: %r" % others[:1]
PY
# The raw file quotes that field and ends its records in CRLF.
grep -qF ",\"$mid: Refunds over 20 EUR need approval,'=1+1" "$T/out" ||
    fail "the notes field is not quoted and defused in the file"
finish

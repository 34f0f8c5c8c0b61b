#!/usr/bin/env bash
# parapet register: the organisation's register across the systems of one
# database -- counts by severity and to confirm, overdue mitigations,
# accepted risks due for review, open questions; each filter, each format
# (CSV parsed back, Markdown escaping hostile names); the day injectable
# with PARAPET_NOW.
. "${srcdir:-.}/tests/cli/lib.sh"

newdb org
db=$DB
. "${srcdir:-.}/tests/data/org/model.sh"
model alpha "Fraud scoring" Alice payments answered >"$T/a.yaml"
model beta "Refund scoring" Bob support answered >"$T/b.yaml"
# A hostile system: a formula, Markdown and an escape sequence in its text.
model gamma '=HYPERLINK(\"http://x.test\")| **bold** <b>x</b> \e[31mred' \
    '+Mallory' '@evil' >"$T/g.yaml"
for m in a b g; do
	run import "$T/$m.yaml" "$db"
	expect_rc 0 "import $m"
done

# Decisions. The one high risk standing on facts, being mitigated, with a
# mitigation overdue; an accepted risk decided long ago (due for review)
# in alpha, recently in beta; a mitigation not yet due and one overdue but
# implemented in beta; a risk of beta owned by Alice.
fact=flow-unencrypted-sensitive@api
acc=model-extraction@api
run risk "$db" "$fact" --model alpha --status mitigating
expect_rc 0 "decide alpha $fact"
run mitigation "$db" "$fact" m-encrypt-in-transit --model alpha \
    --status planned --owner Carol --due 2026-01-10
expect_rc 0 "overdue mitigation"
PARAPET_NOW=2025-06-01T09:00:00Z run risk "$db" "$acc" --model alpha \
    --status accepted --justification "scores are coarse already" \
    --owner Alice
expect_rc 0 "accept alpha $acc"
PARAPET_NOW=2026-10-01T09:00:00Z run risk "$db" "$acc" --model beta \
    --status accepted --justification "internal callers only" \
    --owner Bob
expect_rc 0 "accept beta $acc"
run mitigation "$db" "$fact" m-encrypt-in-transit --model beta \
    --status planned --due 2027-01-01
expect_rc 0 "mitigation not yet due"
run mitigation "$db" "$fact" m-mutual-authentication --model beta \
    --status implemented --due 2026-01-01
expect_rc 0 "implemented mitigation"
run risk "$db" evasion-adversarial-inputs@clf --model beta --owner Alice
expect_rc 0 "beta risk owned by Alice"
# Then the answers are taken back: the risks that now rest only on them
# are open questions, but the decided ones stay, to confirm.
model alpha "Fraud scoring" Alice payments >"$T/a.yaml"
model beta "Refund scoring" Bob support >"$T/b.yaml"
for m in a b; do
	run import "$T/$m.yaml" "$db"
	expect_rc 0 "re-import $m with fields not answered"
	expect_out "risks that nobody decided on now rest only on unanswered fields" \
	    "re-import $m: the undecided risks became questions"
done

# csv ARGS...: the register as CSV, parsed back (the defusing undone) into
# "$T/rows": one line per record, fields joined by a tab.
csv() {
	run register "$db" --format csv "$@"
	expect_rc 0 "csv $*"
	python3 - "$T/out" >"$T/rows" 2>"$T/py.err" <<'PY' ||
import csv, re, sys
data = open(sys.argv[1], newline='', encoding='utf-8').read()
assert data.endswith('\r\n'), 'records end in CRLF'
def undo(f):
    if f[:1] == "'":
        f = f[1:]
    f = re.sub(r"([,;])'(?=[=+\-@'])", r'\1', f)
    return re.sub(r'\\(x[0-9A-F]{2}|\\)', lambda m: '\\' if m.group(1) == '\\'
                  else chr(int(m.group(1)[1:], 16)), f)
rows = list(csv.reader(data.splitlines(), strict=True))
w = len(rows[0])
for r in rows:
    assert len(r) == w, 'ragged row %r' % (r,)
    # No field a spreadsheet would run as a formula.
    for f in r:
        assert f[:1] not in ('=', '+', '-', '@'), 'formula %r' % f
    print('\t'.join(undo(f).replace('\x1b', '<ESC>') for f in r))
PY
	fail "csv $* does not parse: $(cat "$T/py.err")"
}
# field ROW-KEY COLUMN: a field of the parsed CSV by first column and name.
field() {
	awk -F '\t' -v k="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++)
	    col[$i] = i; next } $1 == k { print $(col[c]) }' "$T/rows"
}
# expect_field ROW COLUMN VALUE WHAT
expect_field() {
	local v
	v=$(field "$1" "$2")
	[ "$v" = "$3" ] || fail "$4: $1 $2 is '$v', expected '$3'"
}

# 1. The systems, with every count, as CSV parsed back.
csv
[ "$(head -1 "$T/rows")" = "$(printf 'system\tname\towner\tteam\tcriticality\tcritical\thigh\tmedium\tlow\tto_confirm\toverdue\treview\topen_questions')" ] ||
    fail "csv header: $(head -1 "$T/rows")"
[ "$(wc -l <"$T/rows")" -eq 4 ] || fail "csv: 3 systems and a header"
# alpha: one high risk on facts (mitigating); none open to confirm (those
# that rest on unanswered fields are questions, and the one decided on and
# kept to confirm is accepted); its overdue mitigation; its acceptance of
# 2025 is due.
expect_field alpha high 1 "alpha high"
expect_field alpha critical 0 "alpha critical"
# (and one medium on facts: the classifier decides about merchants from
# their personal data, so its fairness is unmeasured whatever is answered)
expect_field alpha medium 1 "alpha medium"
expect_field alpha to_confirm 0 "alpha to confirm"
expect_field alpha overdue 1 "alpha overdue"
expect_field alpha review 1 "alpha review"
expect_field alpha open_questions 23 "alpha questions"
expect_field alpha team payments "alpha team"
expect_field alpha owner Alice "alpha owner"
expect_field alpha criticality critical "alpha criticality"
# beta: its mitigations are not overdue, its acceptance is recent.
expect_field beta overdue 0 "beta overdue (one due later, one implemented)"
expect_field beta review 0 "beta review (accepted 55 days ago)"
# gamma: nobody decided anything, so nothing rests on an unanswered field.
expect_field gamma to_confirm 0 "gamma to confirm"
# The hostile system's text comes back exactly, never as a formula.
expect_field gamma name '=HYPERLINK("http://x.test")| **bold** <b>x</b> <ESC>[31mred' \
    "hostile name round trip"
expect_field gamma owner '+Mallory' "hostile owner round trip"
expect_field gamma team '@evil' "hostile team round trip"

# 2. Text: aligned, with the totals, and no escape sequence.
run register "$db"
expect_rc 0 "text"
expect_out "3 systems on 2026-11-25: open or mitigating risks 0 critical, 3 high" \
    "text totals"
expect_out "1 overdue mitigation; 1 accepted risk due for review" "totals"
! grep -q $'\e' "$T/out" || fail "text: an escape sequence reached the terminal"
grep -qF '^[[31mred' "$T/out" || fail "text: the escape not shown visibly"
# Every line of the table puts OVERDUE at the same column.
awk 'NR == 1 { c = index($0, "OVERDUE") + 6 } NR > 1 && NR <= 4 {
    if (substr($0, c, 1) !~ /[0-9]/ || substr($0, c + 1, 1) != " ")
	    bad = 1 } END { exit bad }' "$T/out" ||
    fail "text: the columns are not aligned"
alpha_line=$(grep '^alpha ' "$T/out")
[[ "$alpha_line" =~ Alice\ +payments\ +critical\ +0\ +1\ +1\ +0\ +0\ +1\ +1\ +23\ +Fraud\ scoring$ ]] ||
    fail "text: alpha's line is '$alpha_line'"

# 3. Filters.
csv --team support
[ "$(cut -f1 "$T/rows" | tail -n +2)" = beta ] || fail "--team: only beta"
csv --team nobody
[ "$(wc -l <"$T/rows")" -eq 1 ] || fail "--team nobody: header only"
# The owner of a risk is its own, else the system's: Alice owns alpha's
# risks and one of beta's (a provisional high risk).
csv --owner Alice
[ "$(cut -f1 "$T/rows" | tail -n +2 | tr '\n' ' ')" = "alpha beta " ] ||
    fail "--owner Alice: alpha and beta"
expect_field alpha high 1 "--owner Alice: alpha's risks"
expect_field beta to_confirm 1 "--owner Alice: beta's one risk, kept to confirm"
expect_field beta high 0 "--owner Alice: beta's other risks are Bob's"
# Carol owns no risk but the overdue mitigation.
csv --owner Carol
[ "$(cut -f1 "$T/rows" | tail -n +2)" = alpha ] || fail "--owner Carol"
expect_field alpha overdue 1 "--owner Carol: her overdue mitigation"
expect_field alpha high 0 "--owner Carol: no risk of hers"
csv --min-severity high
expect_field alpha high 1 "--min-severity high: the high risk"
expect_field alpha to_confirm 0 "--min-severity high: none to confirm"
expect_field alpha overdue 1 "--min-severity high: on a high risk"
expect_field alpha review 0 "--min-severity high: the accepted one is medium"
csv --min-severity critical
[ "$(wc -l <"$T/rows")" -eq 1 ] || fail "--min-severity critical: none"
csv --status accepted
[ "$(cut -f1 "$T/rows" | tail -n +2 | tr '\n' ' ')" = "alpha beta " ] ||
    fail "--status accepted: alpha and beta"
expect_field alpha to_confirm 1 "--status accepted: the accepted risk"
expect_field alpha overdue 0 "--status accepted: no overdue counted"
expect_field alpha review 1 "--status accepted: due for review"
csv --status mitigating
expect_field alpha high 1 "--status mitigating"
expect_field alpha overdue 1 "--status mitigating: its overdue mitigation"

# 4. The overdue mitigations themselves, as text and CSV.
run register "$db" --overdue
expect_rc 0 "--overdue"
expect_out "2026-01-10" "--overdue: due date"
line=$(grep '^2026-01-10' "$T/out")
[[ "$line" =~ alpha\ +$fact\ +high\ +mitigating\ +Alice\ +Carol\ +m-encrypt-in-transit$ ]] ||
    fail "--overdue line: '$line'"
expect_out "1 overdue mitigation on 2026-11-25" "--overdue total"
csv --overdue
expect_field alpha due 2026-01-10 "--overdue csv due"
expect_field alpha mitigation_owner Carol "--overdue csv owner"
expect_field alpha risk "$fact" "--overdue csv risk"
# The day is injectable: before the due date nothing is overdue.
PARAPET_NOW=2026-01-10T08:00:00Z run register "$db" --overdue
expect_out "no overdue mitigations on 2026-01-10" "PARAPET_NOW before due"
csv --overdue --team support
[ "$(wc -l <"$T/rows")" -eq 1 ] || fail "--overdue --team support: none"

# 5. The accepted risks due for review.
run register "$db" --review
expect_rc 0 "--review"
line=$(grep "$acc" "$T/out")
[[ "$line" =~ ^2025-06-01\ +alpha\ +$acc\ +medium\ +Alice\ +tester\ +scores\ are\ coarse\ already$ ]] ||
    fail "--review line: '$line'"
[ "$(grep -c "$acc" "$T/out")" -eq 1 ] || fail "--review: only alpha's"
csv --review --review-after 30
[ "$(cut -f1 "$T/rows" | tail -n +2 | tr '\n' ' ')" = "alpha beta " ] ||
    fail "--review-after 30: both, oldest first"
expect_field beta justification "internal callers only" "--review csv"
csv --review --review-after 30 --owner Bob
[ "$(cut -f1 "$T/rows" | tail -n +2)" = beta ] || fail "--review --owner Bob"

# 6. Markdown: hostile text escaped, the table intact.
run register "$db" --format markdown
expect_rc 0 "markdown"
expect_out "# Risk register" "markdown heading"
grep -F '`gamma`' "$T/out" >"$T/g.md" || fail "markdown: no gamma row"
grep -qF '\|' "$T/g.md" || fail "markdown: pipe not escaped"
grep -qF '\*\*bold\*\*' "$T/g.md" || fail "markdown: emphasis not escaped"
grep -qF '\<b\>' "$T/g.md" || fail "markdown: HTML not escaped"
grep -qF 'http\://' "$T/g.md" || fail "markdown: autolink not escaped"
! grep -q $'\e' "$T/out" || fail "markdown: a raw escape"
# As many cells as the header: unescaped pipes counted.
head_pipes=$(grep -F '| System |' "$T/out" | sed 's/\\|//g' | tr -cd '|' | wc -c)
row_pipes=$(sed 's/\\|//g' "$T/g.md" | tr -cd '|' | wc -c)
[ "$head_pipes" -eq "$row_pipes" ] && [ "$head_pipes" -eq 13 ] ||
    fail "markdown: gamma's row has $row_pipes pipes, header $head_pipes"
run register "$db" --format markdown --owner '**x**'
expect_out 'Owner \*\*x\*\*.' "markdown: a filter escaped"
run register "$db" --format markdown --overdue
expect_out "| 2026-01-10 | \`alpha\` | \`$fact\` | high | mitigating | Alice | \`m-encrypt-in-transit\` | Carol |" \
    "markdown --overdue row"
run register "$db" --format markdown --review
expect_out "| \`alpha\` | \`$acc\` | medium | Alice | tester | scores are coarse already |" \
    "markdown --review row"

# 7. Bad usage.
run register "$db" --format xml
expect_rc 2 "--format xml"
expect_err "unknown format 'xml' (expected text, csv or markdown)" "format"
run register "$db" --status acepted
expect_rc 2 "--status typo"
expect_err "unknown status 'acepted' for --status (did you mean 'accepted'?)" "status suggestion"
run register "$db" --overdue --review
expect_rc 2 "--overdue --review"
run register "$db" --review-after soon
expect_rc 2 "--review-after soon"
run register "$db" --min-severity huge
expect_rc 2 "--min-severity huge"
run register "$T/none.db"
expect_rc 1 "missing database"
expect_err "does not exist" "missing database"
[ ! -e "$T/none.db" ] || fail "register created a database"
PARAPET_NOW=tomorrow run register "$db"
expect_rc 1 "PARAPET_NOW not a date"
expect_err "not a date: 'tomorrow'" "PARAPET_NOW not a date"

# 8. Commands that need one model name the option; analyze and check act
# on every model when none is named.
run risks "$db"
expect_rc 1 "risks of a database of three"
expect_err "holds several models ('alpha', 'beta', 'gamma'); name one with --model" \
    "risks names --model"
run analyze "$db"
expect_rc 0 "analyze every model"
for m in alpha beta gamma; do
	expect_out "analyzed '$m' (revision" "analyze $m"
done
expect_out "analyzed 3 of 3 models" "analyze: the count"
# Every model has open high risks (alpha's unencrypted flow is being
# mitigated, which still counts): each fails, and the count says so.
run check "$db" --fail-on high
expect_rc 3 "check every model at high"
for m in alpha beta gamma; do
	grep -qE "^check failed: [0-9]+ open or mitigating risks? at or above high in '$m'\$" \
	    "$T/out" || fail "check $m: no failure line"
done
expect_out "3 of 3 models failed the check" "check: the count"
# Each high risk of beta and gamma marked not applicable: alpha alone fails.
for m in beta gamma; do
	run check "$db" --fail-on high --model "$m"
	for r in $(awk '$1 == "high" || $1 == "critical" { print $4 }' "$T/out"); do
		run risk "$db" "$r" --model "$m" --status not-applicable \
		    --justification "out of scope for this test"
		expect_rc 0 "$m: $r not applicable"
	done
done
run check "$db" --fail-on high
expect_rc 3 "check: alpha still fails"
expect_out "check passed: no open or mitigating risk at or above high in 'beta'" \
    "check beta passes"
expect_out "1 of 3 models failed the check" "check: one of three"
run check "$db" --fail-on high --model beta
expect_rc 0 "check beta alone"
expect_no_out "models failed" "one model: no count line"
run check "$db" --fail-on high --model nosuch
expect_rc 1 "check of a missing model"
expect_err "no model 'nosuch'" "check: missing model"

# A risk's key is never cut (two risks of one threat differ only in their
# target, at the end), and nothing is cut in a pipe.
long="$("$PARAPET" risks "$db" --model alpha --all |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /@/ && length($i) > 32) {
	print $i; exit } }')"
[ -n "$long" ] || fail "no risk key longer than 32 characters"
m="$("$PARAPET" risk "$db" "$long" --model alpha |
    awk '$1 == "proposed" {print $2; exit}')"
run mitigation "$db" "$long" "$m" --model alpha --status planned \
    --owner "A mitigation owner with a rather long name" --due 2026-01-11
expect_rc 0 "an overdue mitigation on a long risk key"
run register "$db" --overdue
line=$(grep '^2026-01-11' "$T/out")
[[ "$line" == *" $long "* ]] || fail "--overdue cut the risk key: '$line'"
[[ "$line" == *"A mitigation owner with a rather long name"* ]] ||
    fail "--overdue in a pipe cut a name: '$line'"
grep -qF '~' "$T/out" && fail "--overdue in a pipe: a name cut with '~'"

finish

#!/usr/bin/env bash
# The register's counts come from a summary the database keeps on every
# write (schema 6: risk_counts, and each mitigation's copy of its risk's
# state). After each kind of write -- a decision, a mitigation, a
# re-import that changes the risks, a rename, an XML import that replaces
# a model whole, push and pull -- the register says what a count over the
# risks themselves says, and the summary equals that count row for row.
. "${srcdir:-.}/tests/cli/lib.sh"

newdb org
db=$DB
newdb reg
reg=$DB
newdb back
back=$DB
. "${srcdir:-.}/tests/data/org/model.sh"

# The counts of the register recounted from the risks and mitigations
# (today 2026-11-25, review after 365 days): one line per system,
# "system critical high medium low to_confirm overdue review".
recount_sql="SELECT m.system || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status IN ('open', 'mitigating') AND coalesce(r.assumed, 0) = 0
     AND r.severity = 'critical') || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status IN ('open', 'mitigating') AND coalesce(r.assumed, 0) = 0
     AND r.severity = 'high') || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status IN ('open', 'mitigating') AND coalesce(r.assumed, 0) = 0
     AND r.severity = 'medium') || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status IN ('open', 'mitigating') AND coalesce(r.assumed, 0) = 0
     AND r.severity = 'low') || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status IN ('open', 'mitigating') AND r.assumed = 1) || ' ' ||
    (SELECT count(*) FROM risk_mitigations x JOIN risks r ON
     r.system = x.system AND r.threat = x.threat AND r.target = x.target
     WHERE x.system = m.system AND x.due IS NOT NULL AND x.due < '2026-11-25'
     AND x.status NOT IN ('implemented', 'verified', 'rejected')
     AND r.applies = 1 AND r.status NOT IN ('accepted', 'not-applicable'))
    || ' ' ||
    (SELECT count(*) FROM risks r WHERE r.system = m.system AND r.applies = 1
     AND r.status = 'accepted' AND (r.decided_at IS NULL OR
     substr(r.decided_at, 1, 10) <= '2025-11-25'))
  FROM models m"
# What does not agree between the summary and the risks: rows of one not
# in the other, mitigations whose copy of their risk differs.
drift_sql="SELECT
  (SELECT count(*) FROM (SELECT system, severity, status,
     coalesce(assumed, 0), coalesce(owner, ''), count(*) FROM risks
     WHERE applies = 1 GROUP BY 1, 2, 3, 4, 5
   EXCEPT SELECT system, severity, status, assumed, owner, n
     FROM risk_counts) a) +
  (SELECT count(*) FROM (SELECT system, severity, status, assumed, owner, n
     FROM risk_counts EXCEPT SELECT system, severity, status,
     coalesce(assumed, 0), coalesce(owner, ''), count(*) FROM risks
     WHERE applies = 1 GROUP BY 1, 2, 3, 4, 5) b) +
  (SELECT count(*) FROM risk_mitigations x LEFT JOIN risks r ON
     r.system = x.system AND r.threat = x.threat AND r.target = x.target
   WHERE x.risk_severity IS DISTINCT FROM r.severity OR
     x.risk_status IS DISTINCT FROM r.status OR
     x.risk_applies IS DISTINCT FROM r.applies OR
     x.risk_owner IS DISTINCT FROM r.owner OR
     x.risk_title IS DISTINCT FROM r.title)"

# agree DB WHAT: parapet register's counts are the recount's, and the
# summary has not drifted from the risks.
agree() {
	local got want drift
	run register "$1" --format csv
	expect_rc 0 "$2: register"
	got=$(python3 - "$T/out" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
print(' / '.join(sorted((' '.join([r['system'], r['critical'], r['high'],
    r['medium'], r['low'], r['to_confirm'], r['overdue'], r['review']])
    for r in rows), key=lambda l: l.encode())))
PY
)
	want=$(dbsql "$1" "$recount_sql" | LC_ALL=C sort | sed ':a;N;$!ba;s/\n/ \/ /g')
	[ "$got" = "$want" ] ||
	    fail "$2: the register says '$got', the risks '$want'"
	drift=$(dbsql "$1" "$drift_sql")
	[ "$drift" = 0 ] || fail "$2: the summary drifted from the risks ($drift rows)"
}

fact=flow-unencrypted-sensitive@api
acc=model-extraction@api
model alpha "Fraud scoring" Alice payments answered >"$T/a.yaml"
model beta "Refund scoring" Bob support answered >"$T/b.yaml"
for m in a b; do
	run import "$T/$m.yaml" "$db"
	expect_rc 0 "import $m"
done
agree "$db" "imported"

# Decisions: a risk being mitigated, its mitigation overdue; an accepted
# risk due for review; an owner given; a risk declared not applicable.
run risk "$db" "$fact" --model alpha --status mitigating
expect_rc 0 "mitigating"
run mitigation "$db" "$fact" m-encrypt-in-transit --model alpha \
    --status planned --owner Carol --due 2026-01-10
expect_rc 0 "overdue mitigation"
PARAPET_NOW=2025-06-01T09:00:00Z run risk "$db" "$acc" --model alpha \
    --status accepted --justification "scores are coarse already" \
    --owner "Risk Lead"
expect_rc 0 "accept"
run risk "$db" evasion-adversarial-inputs@clf --model beta --owner Alice
expect_rc 0 "owner"
agree "$db" "decided"
[ "$(dbsql "$db" "SELECT count(*) FROM risk_mitigations WHERE
    risk_status = 'mitigating'")" = 1 ] ||
    fail "the mitigation does not carry its risk's status"

# The mitigation done: no longer overdue; then its risk accepted: the
# mitigation's copy of the risk follows a decision on the risk alone.
run mitigation "$db" "$fact" m-encrypt-in-transit --model alpha \
    --status implemented
expect_rc 0 "implemented"
agree "$db" "mitigation implemented"
run mitigation "$db" "$fact" m-encrypt-in-transit --model alpha \
    --status planned
expect_rc 0 "planned again"
PARAPET_NOW=2024-01-01T09:00:00Z run risk "$db" "$fact" --model alpha \
    --status accepted --justification "the network is private" \
    --owner "Risk Lead"
expect_rc 0 "accept the mitigated risk"
agree "$db" "risk of an overdue mitigation accepted"

# A re-import that takes answers back (risks become provisional or go)
# and one that changes the system's criticality (severities change).
model alpha "Fraud scoring" Alice payments >"$T/a.yaml"
run import "$T/a.yaml" "$db"
expect_rc 0 "re-import alpha unanswered"
agree "$db" "re-imported with fields unanswered"
sed 's/criticality: critical/criticality: low/' "$T/b.yaml" >"$T/b2.yaml"
run import "$T/b2.yaml" "$db"
expect_rc 0 "re-import beta less critical"
agree "$db" "re-imported with another criticality"

# A rename moves risks and their mitigations under a new key.
run rename "$db" api scoring-api --model alpha
expect_rc 0 "rename"
agree "$db" "renamed"

# Push to a register and pull back: a whole model written, then replaced
# whole (an XML import drops the model and writes it again).
run push "$db" "$reg" --model alpha
expect_rc 0 "push alpha"
run push "$db" "$reg" --model beta
expect_rc 0 "push beta"
agree "$reg" "pushed"
run risk "$reg" "$acc" --model beta --status accepted \
    --justification "decided in the register" --owner "Risk Lead"
expect_rc 0 "decide in the register"
run pull "$reg" "$back" --model beta
expect_rc 0 "pull beta"
run push "$reg" "$db" --model beta
expect_rc 0 "push beta back over the local one"
agree "$reg" "decided in the register"
agree "$back" "pulled"
agree "$db" "replaced whole"

finish

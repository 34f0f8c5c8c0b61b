#!/usr/bin/env bash
# A killed process loses nothing: an import, a rename or a decision killed
# with SIGKILL part way through leaves the stored model exactly as it was
# before or exactly as changed, never half-written, and the database stays
# usable.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb k
db_k=$DB
newdb r
db_r=$DB

# gen N: a valid model with N components in a chain of flows.
gen() {
	local n=$1 i
	printf 'parapet: 1\nsystem: { id: big, name: Big, criticality: high }\n'
	printf 'boundaries:\n  - { id: net, name: Internet, trust: untrusted }\n'
	printf '  - { id: dc, name: DC, trust: internal }\n'
	printf 'components:\n'
	for ((i = 0; i < n; i++)); do
		printf '  - { id: c%d, name: "Component %d", kind: %s, boundary: %s }\n' \
		    "$i" "$i" "$([ $((i % 3)) -eq 0 ] && echo application || echo datastore)" \
		    "$([ $((i % 2)) -eq 0 ] && echo net || echo dc)"
	done
	printf 'flows:\n'
	for ((i = 1; i < n; i++)); do
		printf '  - { id: f%d, from: c%d, to: c%d, data: [personal-data], encrypted: false }\n' \
		    "$i" "$((i - 1))" "$i"
	done
}
gen 20 >"$T/small.yaml"
gen 4000 >"$T/big.yaml"
db="${db_k}"
run import "$T/small.yaml" "$db"
expect_rc 0 "import of the small model"

for delay in 0.02 0.06 0.1 0.15 0.2 0.3; do
	"$PARAPET" import "$T/big.yaml" "$db" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	run export "$db" --format yaml --output "$T/after.yaml"
	expect_rc 0 "export after a kill at ${delay}s"
	n=$(grep -c '^  - id: c' "$T/after.yaml")
	if [ "$n" -ne 20 ] && [ "$n" -ne 4000 ]; then
		fail "after a kill at ${delay}s the model has $n components, not 20 or 4000"
	fi
	run risks "$db"
	expect_rc 0 "risks after a kill at ${delay}s"
	# Put the small model back for the next round.
	run import "$T/small.yaml" "$db"
	expect_rc 0 "import after a kill at ${delay}s"
done

# A rename killed part way: the component, its flows, its risks and their
# decisions are all under the old id or all under the new one.
gen 1000 >"$T/mid.yaml"
db="${db_r}"
"$PARAPET" import "$T/mid.yaml" "$db" >/dev/null 2>&1
risk="$("$PARAPET" risks "$db" | awk '$4 ~ /@c3$/ {print $4; exit}')"
threat="${risk%@c3}"
[ -n "$threat" ] || fail "no risk on c3 to decide"
run risk "$db" "$risk" --status accepted --owner ciso --justification "signed by the CISO"
expect_rc 0 "accept a risk on c3"
old=c3
kills=0
round=0
# on_id ID: the risks listed under exactly the id ID (the id column, not a
# title or a longer id that starts with it).
on_id() {
	"$PARAPET" risks "$db" --all |
	    awk -v s="@$1" 'length($4) > length(s) &&
		substr($4, length($4) - length(s) + 1) == s'
}
for delay in 0.02 0.05 0.1 0.2 0.4; do
	# A new name each round, even when the last kill came too late to
	# stop its rename: renaming an id to itself is refused, and checking
	# "the other id" would then check the current one.
	round=$((round + 1))
	new="c3-r$round"
	"$PARAPET" rename "$db" "$old" "$new" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	# 137: the kill stopped it part way; 0: it had finished.
	case $rc in
	137) kills=$((kills + 1)) ;;
	0) ;;
	*) fail "a rename to '$new' exited $rc (delay ${delay}s)" ;;
	esac
	"$PARAPET" export "$db" --format yaml --output "$T/after.yaml" ||
	    fail "export after a rename killed at ${delay}s"
	if grep -q "^  - id: $new\$" "$T/after.yaml"; then
		now=$new
		other=$old
	else
		now=$old
		other=$new
	fi
	[ "$rc" -eq 0 ] && [ "$now" != "$new" ] &&
	    fail "a rename to '$new' exited 0 but the model still has '$old'"
	grep -q "^  - id: $now\$" "$T/after.yaml" ||
	    fail "after a rename killed at ${delay}s: neither '$old' nor '$new'"
	grep -q "^    to: $now\$" "$T/after.yaml" ||
	    fail "after a rename killed at ${delay}s: the flow into '$now' does not follow"
	run risk "$db" "$threat@$now"
	expect_out "status:    accepted" \
	    "the decision is on '$now' after a rename killed at ${delay}s"
	[ -n "$(on_id "$now")" ] ||
	    fail "after a rename killed at ${delay}s: no risk on '$now'"
	left=$(on_id "$other")
	[ -z "$left" ] ||
	    fail "after a rename killed at ${delay}s: risks on '$other' too: $left"
	old=$now
done

# A decision killed part way: the status and its history entry go
# together.
for delay in 0.01 0.03 0.06 0.1; do
	before=$("$PARAPET" history "$db" --object "$threat@$old" |
	    grep -c ' status: ')
	"$PARAPET" risk "$db" "$threat@$old" --status open >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ] && kills=$((kills + 1))
	after=$("$PARAPET" history "$db" --object "$threat@$old" |
	    grep -c ' status: ')
	status=$("$PARAPET" risk "$db" "$threat@$old" |
	    sed -n 's/^  status: *\([a-z-]*\).*/\1/p')
	if [ "$after" -eq "$before" ] && [ "$status" != accepted ]; then
		fail "a decision killed at ${delay}s changed without history"
	fi
	if [ "$after" -gt "$before" ] && [ "$status" != open ]; then
		fail "a decision killed at ${delay}s is in history, not stored"
	fi
	"$PARAPET" risk "$db" "$threat@$old" --status accepted \
	    --justification "signed by the CISO" >/dev/null ||
	    fail "decide again after a kill at ${delay}s"
done
echo "killed.sh: $kills processes killed part way" >&2

finish

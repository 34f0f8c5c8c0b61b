#!/usr/bin/env bash
# A killed process loses nothing: an import killed with SIGKILL part way
# through leaves the stored model exactly as it was before or exactly as
# imported, never half-written, and the database stays usable.
. "${srcdir:-.}/tests/cli/lib.sh"

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
		printf '  - { id: f%d, from: c%d, to: c%d, data: [personal-data] }\n' \
		    "$i" "$((i - 1))" "$i"
	done
}
gen 20 >"$T/small.yaml"
gen 4000 >"$T/big.yaml"
db="$T/k.db"
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

finish

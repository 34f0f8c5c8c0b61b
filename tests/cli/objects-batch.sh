#!/usr/bin/env bash
# A save creates new objects sixteen to a statement, with their "created"
# history entries sixteen to one INSERT (store_create_objects()); the few
# left over at the end of a run of new objects go one at a time. Each
# object must be stored with its own fields, kind and position, and each
# entry must name its own object and kind, in the model's order: on a
# first save (runs of 37 components and 40 flows: two statements and five,
# or eight, alone) and on a save that adds objects between existing ones.
# On a server with PARAPET_TEST_BACKEND=pg (tests/cli/pg/objects-batch.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

kinds=(model tool datastore agent application vector-store)

# model FILE KEEP: a model of 37 components and 40 flows (KEEP all); its
# components c0-c2 and c21-c36 and the flows between them (sparse); or the
# objects that all holds and sparse does not (added: not a model).
model() {
	awk -v keep="$2" -v kinds="${kinds[*]}" 'BEGIN {
		split(kinds, k, " ")
		print "parapet: 1\nsystem:\n  id: batch\n  name: Batch\n"
		if (keep != "added")
			print "boundaries:\n  - id: inside\n    name: Inside\n" \
			    "    trust: internal\n"
		print "components:"
		for (i = 0; i < 37; i++) {
			if (!ok(i, i)) continue
			printf "  - id: c%d\n    name: Component %d\n", i, i
			printf "    kind: %s\n    boundary: inside\n", k[i % 6 + 1]
			printf "    description: the %dth\n", i
		}
		print "\nflows:"
		for (i = 0; i < 40; i++) {
			if (!ok(i % 37, (i + 1) % 37)) continue
			printf "  - id: f%d\n    from: c%d\n    to: c%d\n", i, i % 37,
			    (i + 1) % 37
			printf "    data: [%s]\n", i % 2 ? "prompt" : "documents"
		}
	}
	function ok(a, b) {
		return keep == "all" ||
		    (keep == "sparse") == ((a < 3 || a > 20) && (b < 3 || b > 20))
	}' >"$1"
}

# created DB REV FILE WHAT: the "created" entries of revision REV of DB
# name, oldest first, the ids of FILE in its order (boundaries, then
# components, then flows), each with its kind (or "boundary", "flow").
created() {
	run history "$1"
	expect_rc 0 "$4: history"
	awk -v rev="r$2" '$1 == rev && $6 == "created:" && $9 != "system" {
	    print $5, $9 }' \
	    "$T/out" | tac >"$T/got"
	awk '/^boundaries:/ { t = "boundary" } /^components:/ { t = "c" }
	    /^flows:/ { t = "flow" }
	    /^  - id: / { id = $3; if (t != "c") print id, t }
	    /^    kind: / && t == "c" { print id, $2 }' "$3" >"$T/want"
	[ -s "$T/want" ] || fail "$4: no objects in $3"
	cmp -s "$T/want" "$T/got" ||
	    fail "$4: created entries $(tr '\n' ' ' <"$T/got"), want $(tr '\n' ' ' <"$T/want")"
}

# stored DB FILE WHAT: DB holds the model of FILE, objects in its order.
stored() {
	run diff "$2" "$1"
	expect_rc 0 "$3: diff against the model file"
	expect_out "no changes" "$3: the stored model is the file's"
	run export "$1" --format yaml --output "$T/back.yaml"
	expect_rc 0 "$3: export"
	grep '^  - id: ' "$2" >"$T/ids.want"
	grep '^  - id: ' "$T/back.yaml" >"$T/ids.got"
	cmp -s "$T/ids.want" "$T/ids.got" ||
	    fail "$3: the export lists the objects in another order"
	grep -c '^    description: the ' "$T/back.yaml" >"$T/n" || true
	[ "$(cat "$T/n")" = "$(grep -c '^    description: the ' "$2")" ] ||
	    fail "$3: $(cat "$T/n") descriptions exported"
}

model "$T/all.yaml" all
model "$T/sparse.yaml" sparse

newdb a
a=$DB
run import "$T/all.yaml" "$a"
expect_rc 0 "first save"
created "$a" 1 "$T/all.yaml" "first save"
stored "$a" "$T/all.yaml" "first save"

# Runs of new objects between existing ones (components c3-c20, flows
# f2-f20, then f39 alone): only those are created, in the model's order.
newdb b
b=$DB
run import "$T/sparse.yaml" "$b"
expect_rc 0 "sparse model"
created "$b" 1 "$T/sparse.yaml" "sparse model"
run import "$T/all.yaml" "$b"
expect_rc 0 "whole model over the sparse one"
model "$T/added.yaml" added
created "$b" 2 "$T/added.yaml" "objects added"
[ "$(wc -l <"$T/got")" -ge 16 ] || fail "objects added: too few to fill a statement"
stored "$b" "$T/all.yaml" "objects added"
run export "$a" --format yaml --output "$T/a.yaml"
run export "$b" --format yaml --output "$T/b.yaml"
cmp -s "$T/a.yaml" "$T/b.yaml" ||
    fail "the model saved in two steps differs from the one saved at once"
finish

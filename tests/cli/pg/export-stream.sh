#!/usr/bin/env bash
# Exports from a register on a PostgreSQL server read its rows as they come
# (issue 15): what they write is the same as from a SQLite file holding the
# same model, byte for byte; and a read that fails in the middle of a
# result fails the export, with the server's reason, leaving no file.
# SKIPs without $PARAPET_TEST_PG (scripts/pg-cluster.sh).
PARAPET_TEST_BACKEND=pg
. "${srcdir:-.}/tests/cli/lib.sh"

gen="${BENCH_MODEL:-$PWD/bench/bench-model}"
[ -x "$gen" ] || { echo "FAIL: no $gen (make builds it)" >&2; exit 1; }
# Some 1,000 risks, 1,600 components and flows: results of many rows.
"$gen" 400 >"$T/m.yaml" || fail "bench-model"
file="$T/reg.db"
newdb server
srv=$DB
for db in "$file" "$srv"; do
	run import "$T/m.yaml" "$db"
	expect_rc 0 "import into $db"
done
run risks "$file"
risk=$(awk '$2 == "open" {print $4; exit}' "$T/out")
[ -n "$risk" ] || fail "no risk listed"
run risk "$file" "$risk"
mit=$(awk '$1 == "proposed" {print $2; exit}' "$T/out")
[ -n "$mit" ] || fail "no mitigation proposed for $risk"
for db in "$file" "$srv"; do
	run risk "$db" "$risk" --status mitigating --owner Bob \
	    --justification "guardrails on the way"
	expect_rc 0 "decide a risk in $db"
	run mitigation "$db" "$risk" "$mit" --status planned --owner Ops
	expect_rc 0 "plan a mitigation in $db"
done

# The same bytes from the server as from the file, in each format.
for f in xml markdown csv yaml; do
	run export "$file" --format "$f" --output "$T/file.$f"
	expect_rc 0 "export $f from the file"
	run export "$srv" --format "$f" --output "$T/srv.$f"
	expect_rc 0 "export $f from the server"
	cmp -s "$T/file.$f" "$T/srv.$f" ||
	    fail "export $f from the server differs from the file's:" \
	    "$(diff "$T/file.$f" "$T/srv.$f" | head -5)"
	# To standard output, streamed as it is written: the same.
	run export "$srv" --format "$f"
	expect_rc 0 "export $f from the server to standard output"
	cmp -s "$T/file.$f" "$T/out" ||
	    fail "export $f from the server to standard output differs"
done
[ "$(grep -c '<risk ' "$T/srv.xml")" -gt 900 ] ||
    fail "the XML export has fewer risks than the model's"

# Pushed from the file to a server: the same register, decisions and
# model; its history has the push's own entries besides, and says where
# each came from (parapet pull, push), so the XML is compared without it.
newdb pushed
run push "$file" "$DB"
expect_rc 0 "push the file into a server"
for f in xml markdown csv yaml; do
	run export "$DB" --format "$f" --output "$T/pushed.$f"
	expect_rc 0 "export $f from the pushed register"
done
for x in file pushed; do
	sed -e '/<history/,/<\/history>/d' "$T/$x.xml" >"$T/$x-nohistory.xml"
done
grep -q '<risk ' "$T/pushed-nohistory.xml" ||
    fail "nothing left to compare of the pushed register's XML"
cmp -s "$T/file-nohistory.xml" "$T/pushed-nohistory.xml" ||
    fail "XML export of the pushed register differs from the file's:" \
    "$(diff "$T/file-nohistory.xml" "$T/pushed-nohistory.xml" | head -5)"
for f in markdown csv yaml; do
	cmp -s "$T/file.$f" "$T/pushed.$f" ||
	    fail "export $f of the pushed register differs from the file's"
done

# A read that fails in the middle of its rows: the flows, read one at a
# time, fail at the 390th component's (the server raises it, as a statement
# timeout or a dropped connection would end the result there).
pg_sql -d "$srv" -c "CREATE FUNCTION boom(text) RETURNS boolean AS \$\$
	BEGIN
		IF \$1 = 'f390.0' THEN
			RAISE EXCEPTION 'the test stops the read of %', \$1;
		END IF;
		RETURN true;
	END \$\$ LANGUAGE plpgsql VOLATILE" \
    -c "ALTER TABLE objects RENAME TO objects_kept" \
    -c "CREATE VIEW objects AS SELECT system, object, type, kind, position,
	line, col, CASE WHEN boom(object) THEN fields END AS fields
	FROM objects_kept" || fail "cannot set the failing read up"
for f in xml yaml; do
	rm -f "$T/broken.$f"
	run export "$srv" --format "$f" --output "$T/broken.$f"
	expect_rc 1 "export $f failing in the middle of the flows"
	expect_err "the test stops the read of f390.0" \
	    "the failure says the server's reason ($f)"
	[ ! -e "$T/broken.$f" ] || fail "a failed export $f left a file"
	# Over an export already there: kept as it was.
	cp "$T/srv.$f" "$T/broken.$f"
	run export "$srv" --format "$f" --output "$T/broken.$f"
	expect_rc 1 "export $f over a file, failing"
	cmp -s "$T/srv.$f" "$T/broken.$f" ||
	    fail "a failed export $f changed the file it was to replace"
	run export "$srv" --format "$f"
	expect_rc 1 "export $f to standard output, failing"
	expect_err "the test stops the read of f390.0" \
	    "the failure to standard output says why ($f)"
done
pg_sql -d "$srv" -c "DROP VIEW objects" \
    -c "ALTER TABLE objects_kept RENAME TO objects" >/dev/null
run export "$srv" --format xml --output "$T/again.xml"
expect_rc 0 "export after the failure is gone"
cmp -s "$T/file.xml" "$T/again.xml" || fail "the export after differs"

exit $((failures > 0))

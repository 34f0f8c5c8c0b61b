#!/usr/bin/env bash
# A model re-imported unchanged after the catalogue changed (an upgrade of
# Parapet): the report's open questions are the new catalogue's. The
# questions kept with a model were taken as current by the model's edit
# alone, so a threat retitled in the catalogue went on showing its old
# title in the report's questions while the register had the new one.
# On a server with PARAPET_TEST_BACKEND=pg (tests/cli/pg/reimport-catalogue.sh).
. "${srcdir:-.}/tests/cli/lib.sh"

model_from_template w rag-assistant "$T/m.yaml"
newdb a
db=$DB
run import "$T/m.yaml" "$db"
expect_rc 0 "first import"
run export "$db" --format markdown
expect_rc 0 "the first report"
cp "$T/out" "$T/report1"

# A threat that a field question puts at stake, and a practice question.
# Its stored risks read "threat@target=severity", one a line, and the
# threats' titles are kept once, "threat=title" (schema 13).
stake=$(dbsql "$db" "SELECT risks FROM open_questions ORDER BY position
    LIMIT 1" | head -n 1)
threat=${stake%%@*}
old=$(dbsql "$db" "SELECT titles FROM open_questions_at" |
    grep "^$threat=" | head -n 1)
old=${old#*=}
[ -n "$threat" ] && [ "$threat" != "$stake" ] && [ -n "$old" ] ||
    fail "the template's model has no field question"
grep -qF "$old" "$T/report1" || fail "the report does not name '$old'"
grep -qF "Do the people who own, build and use this system" "$T/report1" ||
    fail "the report does not ask q-staff-awareness"

# The catalogue of an upgrade: that threat retitled, the question reworded.
mkdir -p "$T/data"
cp -R "${PARAPET_DATA:-$SRC/data}/." "$T/data/"
new="$old (retitled)"
grep -rlF "title: $old" "$T/data/catalogue" >"$T/files"
[ "$(wc -l <"$T/files")" = 1 ] || fail "'$old' is not one threat's title"
sed -i "s|title: $old\$|title: $new|" "$(cat "$T/files")"
sed -i 's|Do the people who own, build and use this system|Do all who own, build and use this system|' \
    "$T/data/catalogue/00-questions.yaml"
grep -rqF "title: $new" "$T/data/catalogue" || fail "the threat was not retitled"

PARAPET_DATA="$T/data" run import "$T/m.yaml" "$db"
expect_rc 0 "the same model with the upgraded catalogue"
PARAPET_DATA="$T/data" run export "$db" --format markdown
expect_rc 0 "the report after the upgrade"
grep -qF "$old (\`$threat@" "$T/out" &&
    fail "the report's field question names '$old', the old catalogue's title"
grep -qF "$new (\`$threat@" "$T/out" ||
    fail "the report's field question does not name '$new'"
grep -qF "Do all who own, build and use this system" "$T/out" ||
    fail "the report does not ask the reworded practice question"
grep -qF "Do the people who own, build and use this system" "$T/out" &&
    fail "the report asks the practice question as it was"

# And back to the first catalogue: its questions again.
run import "$T/m.yaml" "$db"
expect_rc 0 "the same model with the first catalogue"
run export "$db" --format markdown
cmp -s "$T/out" "$T/report1" ||
    fail "the report with the first catalogue again differs from the first"

finish

#!/usr/bin/env bash
# What every command pays before it reads anything. A command on a file
# does not load the PostgreSQL client library nor libxml2 (libpq and the
# twenty libraries it brings cost every start some 8 ms, libxml2 with ICU
# and the C++ library 1.5): libpq is loaded when a database on a server is
# opened, and a server that is not there is still reported as such;
# libxml2 when an XML file is read, and it reads back what was exported.
# A new database file is made at the latest schema (tests/test-store.c
# compares it with a migrated one) and reads back.
. "${srcdir:-.}/tests/cli/lib.sh"

newdb start
cp "$SRC/templates/rag-assistant.yaml" "$T/m.yaml"

# The dynamic loader names each library it loads (glibc's LD_DEBUG).
LD_DEBUG=libs "$PARAPET" import "$T/m.yaml" "$DB" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "import into a new file"
grep -q 'libsqlite3' "$T/err" ||
    fail "LD_DEBUG=libs names no library: cannot see what is loaded"
for lib in libpq libxml2; do
	if grep -q "$lib" "$T/err"; then
		fail "a command on a file loaded $lib"
	fi
done
run risks "$DB"
expect_rc 0 "risks of the new file"
expect_out "llm-direct-prompt-injection" "the new file's risks"

# An XML export (written without libxml2) read back (with it): the same
# model, and its risks with their decisions.
run risk "$DB" llm-direct-prompt-injection@llm --status accepted --owner alice \
    --justification "a human reviews every answer"
expect_rc 0 "a decision to carry"
run export "$DB" --format xml --output "$T/m.xml"
expect_rc 0 "export XML"
run export "$DB" --format yaml --output "$T/m.out.yaml"
expect_rc 0 "export YAML"
start=$DB
newdb back
run import "$T/m.xml" "$DB"
expect_rc 0 "import the XML export"
run export "$DB" --format yaml --output "$T/back.yaml"
expect_rc 0 "export YAML of the imported XML"
cmp -s "$T/m.out.yaml" "$T/back.yaml" ||
    fail "the XML export does not read back as the same model"
run risks "$DB"
expect_out "accepted       4x3  llm-direct-prompt-injection@llm" \
    "the decision read back from XML"
run import "$T/nothing.xml" "$DB"
expect_rc 1 "import of an XML file that is not there"
DB=$start

# A server named but not there: libpq is loaded, and says so.
run risks "host=$T/no-server dbname=nothing connect_timeout=2"
expect_rc 1 "risks on a server that is not there"
expect_err "cannot connect to database" "the server's absence reported"
expect_err "no-server" "the server's absence: where it was looked for"

finish

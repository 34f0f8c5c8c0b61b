#!/usr/bin/env bash
# What every command pays before it reads anything. A command on a file
# does not load the PostgreSQL client library (libpq and the twenty
# libraries it brings cost every start some 8 ms): it is loaded when a
# database on a server is opened, and a server that is not there is still
# reported as such. A new database file is made at the latest schema
# (tests/test-store.c compares it with a migrated one) and reads back.
. "${srcdir:-.}/tests/cli/lib.sh"

newdb start
cp "$SRC/templates/rag-assistant.yaml" "$T/m.yaml"

# The dynamic loader names each library it loads (glibc's LD_DEBUG).
LD_DEBUG=libs "$PARAPET" import "$T/m.yaml" "$DB" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "import into a new file"
grep -q 'libsqlite3' "$T/err" ||
    fail "LD_DEBUG=libs names no library: cannot see what is loaded"
if grep -q 'libpq' "$T/err"; then
	fail "a command on a file loaded libpq"
fi
run risks "$DB"
expect_rc 0 "risks of the new file"
expect_out "llm-direct-prompt-injection" "the new file's risks"

# A server named but not there: libpq is loaded, and says so.
run risks "host=$T/no-server dbname=nothing connect_timeout=2"
expect_rc 1 "risks on a server that is not there"
expect_err "cannot connect to database" "the server's absence reported"
expect_err "no-server" "the server's absence: where it was looked for"

finish

#!/usr/bin/env bash
# What a new user trips over on a first afternoon with the command line
# (found by trying it from the README alone): each slip gets a message
# that says what to type instead.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

run new hr.db --id hr-bot --name "HR policy assistant"
expect_rc 0 "a blank model"

# import with its two arguments swapped: the database is not "a YAML
# syntax error", it is the wrong argument.
run import hr.db other.db
expect_rc 2 "import of a database"
expect_err "'hr.db' is a database, not a model file: give the model file first (parapet import MODEL DB)" \
    "import of a database"
grep -qF "YAML" "$T/err" && fail "import of a database: a YAML error"
[ ! -e other.db ] || fail "import of a database created a database"

finish

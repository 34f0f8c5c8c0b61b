#!/usr/bin/env bash
# The command line's usage contract: help, version, exit statuses.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb missing
db_missing=$DB
newdb x
db_x=$DB

run --version
expect_rc 0 "--version"
expect_out "parapet " "--version"

run --help
expect_rc 0 "--help"
for cmd in import export list history analyze risks risk mitigation check \
    catalogue new templates; do
	expect_out "  $cmd " "--help lists $cmd"
done

run imprt a.yaml b.db
expect_rc 2 "misspelt command"
expect_err "unknown command 'imprt' (did you mean 'import'?)" "misspelt command"

run import --help
expect_rc 0 "import --help"
expect_out "usage: parapet import MODEL DB" "import --help"

run export --help
expect_rc 0 "export --help"
for f in yaml markdown xml csv dot; do
	expect_out "  $f " "export --help lists format $f"
done

run import only-one-argument.yaml
expect_rc 2 "import with one argument"
expect_err "usage: parapet import" "import with one argument"

run list "${db_x}" --bogus
expect_rc 2 "unknown option"
expect_err "unknown option '--bogus'" "unknown option"

run list "${db_missing}"
expect_rc 1 "list of a missing database"
expect_err "parapet: " "errors are prefixed"
dbnone "${db_missing}" || fail "list created a database"

run check "${db_x}" --fail-on severe
expect_rc 2 "unknown level"
expect_err "unknown level 'severe'" "unknown level"

finish

#!/usr/bin/env bash
# A sixth new user's findings at the command line: a new database given as
# a single word is named as everywhere else (x.db), by `new` as by
# `import`, and a bare word is refused with the name it most likely meant; a single-letter option or a
# word left over says which option it stands for.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1
SUPPORT="$SRC/tests/data/tui/support.yaml"

# new and import refuse a new database called x, the same way, and make
# nothing; an existing one keeps working whatever its name.
run new x --template rag-assistant
expect_rc 2 "new x"
expect_err "new: 'x' would be a new SQLite database: give the database a name ending in .db (did you mean 'x.db'?)" \
    "new x"
[ ! -e x ] || fail "new made a database called x"
run import "$SUPPORT" x
expect_rc 2 "import into x"
expect_err "import: 'x' would be a new SQLite database: give the database a name ending in .db (did you mean 'x.db'?)" \
    "import into x"
[ ! -e x ] || fail "import made a database called x"
run new x.db --template rag-assistant
expect_rc 0 "new x.db"
run new x.sqlite --template rag-assistant
expect_rc 0 "new x.sqlite"
cp x.db legacy
run import "$SUPPORT" legacy
expect_rc 0 "import into an existing database without .db"
# A path is what the screens send to 'parapet new': it is taken.
run import "$SUPPORT" ./register
expect_rc 0 "import into the new path ./register"
[ -s register ] || fail "import did not make ./register"

run import "$SUPPORT" s.db
expect_rc 0 "import into s.db"
# -m means --model ("-m support-assistant"), or --min-severity when a
# severity follows; -f means --format where --fail-on is not taken.
run risks s.db -m support-assistant
expect_rc 2 "risks -m MODEL"
expect_err "unknown option '-m' (did you mean '--model'?)" "risks -m MODEL"
run risks s.db -m high
expect_rc 2 "risks -m LEVEL"
expect_err "unknown option '-m' (did you mean '--min-severity'?)" \
    "risks -m LEVEL"
run export s.db -m support-assistant --format markdown
expect_rc 2 "export -m MODEL"
expect_err "unknown option '-m' (did you mean '--model'?)" "export -m MODEL"
run check s.db -f high
expect_rc 2 "check -f LEVEL"
expect_err "unknown option '-f' (did you mean '--fail-on'?)" "check -f LEVEL"

# A model id where no word is taken: the option that takes it.
run history s.db support-assistant
expect_rc 2 "history DB MODEL"
expect_err "history: expected fewer arguments (did you mean '--model support-assistant' or '--object support-assistant'?)" \
    "history DB MODEL"
run questions s.db support-assistant
expect_rc 2 "questions DB MODEL"
expect_err "expected fewer arguments (did you mean '--model support-assistant'?)" \
    "questions DB MODEL"
run history s.db --model support-assistant
expect_rc 0 "history --model"
finish

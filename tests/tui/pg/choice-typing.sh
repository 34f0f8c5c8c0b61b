#!/usr/bin/env bash
# tests/tui/choice-typing.sh on PostgreSQL: typing on a field of choices chooses, on a
# register on a server; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/choice-typing.sh"

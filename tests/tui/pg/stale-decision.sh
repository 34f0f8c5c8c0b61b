#!/usr/bin/env bash
# tests/tui/stale-decision.sh on PostgreSQL: a decision on a risk that a
# re-import meanwhile made no longer apply is refused; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/stale-decision.sh"

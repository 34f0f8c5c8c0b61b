#!/usr/bin/env bash
# tests/tui/hints.sh on PostgreSQL: every screen's key hints, on a register on
# a server; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/hints.sh"

#!/usr/bin/env bash
# tests/tui/signals.sh on PostgreSQL: the terminal is restored when Parapet is
# stopped by a signal, on a register on a server; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/signals.sh"

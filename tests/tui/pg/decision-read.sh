#!/usr/bin/env bash
# tests/tui/decision-read.sh on PostgreSQL: a decision shows at once and a
# later change of another process on the next screen; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/decision-read.sh"

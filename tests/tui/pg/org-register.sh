#!/usr/bin/env bash
# tests/tui/org-register.sh on PostgreSQL: the register screen on a server's
# register (tui_newdb); SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/org-register.sh"

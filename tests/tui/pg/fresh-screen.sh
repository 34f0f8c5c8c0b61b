#!/usr/bin/env bash
# tests/tui/fresh-screen.sh on PostgreSQL: a screen opened after another
# process changed the register shows what is stored; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/fresh-screen.sh"

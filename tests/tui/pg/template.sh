#!/usr/bin/env bash
# tests/tui/template.sh on PostgreSQL: its databases on the server of
# $PARAPET_TEST_PG (tui_newdb); SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/template.sh"

#!/usr/bin/env bash
# tests/tui/export-lost.sh on PostgreSQL: its database on the server of
# $PARAPET_TEST_PG (tui_newdb); SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/export-lost.sh"

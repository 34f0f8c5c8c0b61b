#!/usr/bin/env bash
# tests/tui/conflict.sh on PostgreSQL: two screens on one register, told of
# each other's changes by the server (LISTEN/NOTIFY); SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/conflict.sh"

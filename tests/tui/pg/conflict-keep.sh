#!/usr/bin/env bash
# tests/tui/conflict-keep.sh on PostgreSQL: a refused save keeps what was
# typed; SKIPs without a server.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/conflict-keep.sh"

#!/usr/bin/env bash
# tests/tui/undo-stale.sh on PostgreSQL: an undo over another process's
# decision is refused; SKIPs without a server.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/undo-stale.sh"

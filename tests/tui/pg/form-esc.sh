#!/usr/bin/env bash
# tests/tui/form-esc.sh on PostgreSQL: Esc keeps a form's input that cannot be
# saved, on a register on a server; SKIPs without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/tui/form-esc.sh"

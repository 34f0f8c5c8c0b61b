#!/usr/bin/env bash
# tests/cli/report-decisions.sh on PostgreSQL: lib.sh gives it a fresh
# database on the server of $PARAPET_TEST_PG for each newdb, and SKIPs
# without one.
PARAPET_TEST_BACKEND=pg exec bash "${srcdir:-.}/tests/cli/report-decisions.sh"

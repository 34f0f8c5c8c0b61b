#!/usr/bin/env bash
# The diagram as SVG through Graphviz, beside a Markdown report or on its
# own; exports are 0600 files; without Graphviz the report still works.
. "${srcdir:-.}/tests/cli/lib.sh"
cd "$T" || exit 1

run new m.db --template rag-assistant
expect_rc 0 "new"

# Without Graphviz: no SVG, no link, and --format svg says what is missing.
PARAPET_DOT=/nonexistent/dot run export m.db --format markdown --output a.md
expect_rc 0 "markdown without Graphviz"
[ ! -e a.svg ] || fail "an SVG without Graphviz"
grep -qF '.svg)' a.md && fail "a link to an SVG that was not written"
grep -q 'diagram' "$T/err" && fail "a diagram announced that was not written"
PARAPET_DOT=/nonexistent/dot run export m.db --format svg
expect_rc 1 "svg without Graphviz"
expect_err "needs Graphviz" "svg without Graphviz"

# One file mode for every export.
for f in a.md; do
	[ "$(stat -c %a "$f")" = 600 ] || fail "$f has mode $(stat -c %a "$f")"
done

if ! command -v dot >/dev/null 2>&1; then
	echo "Graphviz is not installed: the SVG checks are skipped" >&2
	finish
fi
run export m.db --format markdown --output "sign off.md"
expect_rc 0 "markdown with Graphviz"
[ -s "sign off.svg" ] || fail "no SVG beside the report"
# A file the user did not name is announced.
expect_err "the report's data-flow diagram is in sign off.svg, beside it" \
    "the SVG beside the report announced"
[ "$(stat -c %a "sign off.svg")" = 600 ] || fail "the SVG is not 0600"
grep -qF '![Data-flow diagram](sign%20off.svg)' "sign off.md" ||
    fail "the report does not link its SVG"
grep -qF '<svg' "sign off.svg" || fail "the SVG is not SVG"
# A report to a folder that does not exist is named as itself, with no
# diagram written anywhere.
run export m.db --format markdown --output nowhere/r.md
expect_rc 1 "a report into a missing folder"
expect_err "nowhere/r.md" "the report's own path named"
grep -qF "r.svg" "$T/err" && fail "the diagram's path named for the report's"
[ ! -e nowhere ] || fail "a folder made for a report that failed"
run export m.db --format svg
expect_rc 0 "--format svg"
expect_out "<svg" "--format svg"
# Model text is XML text in the SVG, never markup.
grep -q '<script' "$T/out" && fail "markup from the model in the SVG"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --nonet "$T/out" 2>/dev/null ||
	    fail "the SVG is not well-formed XML"
fi
finish

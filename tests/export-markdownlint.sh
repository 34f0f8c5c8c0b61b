#!/usr/bin/env bash
# export-markdownlint.sh: the Markdown reports of the hostile model and of
# every starter model pass the real markdownlint-cli2 0.22.1 with the
# configuration the project ships (data/report.markdownlint.jsonc), and,
# rendered with micromark (the CommonMark + GFM parser markdownlint uses),
# show model text literally (tests/export-md-check.mjs).
#
# npm installs markdownlint-cli2 once into tests/export-npm-cache under the
# build tree; later runs use it from there. Without node and npx the test
# fails: it never skips.
set -euo pipefail

version=0.22.1
srcdir="${srcdir:-.}"
builddir="$(pwd)"
render="$builddir/tests/export-render"
cache="$builddir/tests/export-npm-cache"
config="$srcdir/data/report.markdownlint.jsonc"

for tool in node npx; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "export-markdownlint: '$tool' not found: install nodejs" \
		    "and npm (Debian: apt-get install nodejs npm) to lint the" \
		    "Markdown reports" >&2
		exit 1
	fi
done

out="$(mktemp -d "${TMPDIR:-/tmp}/parapet-md.XXXXXX")"
trap 'rm -rf "$out"' EXIT
"$render" "$out" "$srcdir"/templates/*.yaml
reports=("$out"/*.md)
echo "export-markdownlint: ${#reports[@]} reports"
[ "${#reports[@]}" -ge 2 ] || { echo "no reports rendered" >&2; exit 1; }

export npm_config_cache="$cache"
export npm_config_update_notifier=false npm_config_fund=false
export npm_config_audit=false
args=()
for f in "${reports[@]}"; do
	args+=(":$f")		# literal paths, not globs
done
npx --yes "markdownlint-cli2@$version" --config "$config" "${args[@]}"

# micromark and its extensions come with markdownlint-cli2.
modules=""
for pkg in "$cache"/_npx/*/node_modules/markdownlint-cli2/package.json; do
	if grep -q "\"version\": \"$version\"" "$pkg" 2>/dev/null; then
		modules="${pkg%/markdownlint-cli2/package.json}"
		break
	fi
done
if [ -z "$modules" ] || [ ! -d "$modules/micromark" ]; then
	echo "export-markdownlint: micromark not found under $cache" >&2
	exit 1
fi
node "$srcdir/tests/export-md-check.mjs" "$modules" "${reports[@]}"
echo "export-markdownlint: ok"

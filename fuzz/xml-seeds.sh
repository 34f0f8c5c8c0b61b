#!/bin/sh
# xml-seeds.sh PARAPET OUTDIR: seeds for fuzz/fuzz-xml-import, made by the
# program itself: the XML export of every starter model, and of the model
# of tests/data/yaml/hostile-text.yaml (escaped text) with a risk decided
# and a mitigation under way. Run from a build tree; it uses the source
# tree's data unless PARAPET_DATA and PARAPET_TEMPLATES say otherwise.
set -eu
if [ $# -ne 2 ]; then
	echo "usage: $0 PARAPET OUTDIR" >&2
	exit 2
fi
parapet=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME=$tmp/config		# never the user's catalogue.d
XDG_CACHE_HOME=$tmp/cache		# nor the user's catalogue cache
PARAPET_USER=fuzz
export XDG_CONFIG_HOME XDG_CACHE_HOME PARAPET_USER
mkdir -p "$out"
db=$tmp/seeds.db

for t in $("$parapet" templates | awk '{ print $1 }'); do
	"$parapet" new "$db" --template "$t" --id "$t" >/dev/null
	"$parapet" export "$db" --model "$t" --format xml \
	    --output "$out/$t.xml"
done

"$parapet" import "$here/tests/data/yaml/hostile-text.yaml" "$db" >/dev/null
"$parapet" import "$here/tests/data/yaml/spec-example.yaml" "$db" >/dev/null
m=support-assistant
"$parapet" risk "$db" llm-direct-prompt-injection@llm --model "$m" \
    --status accepted --owner 'Ana <a&b>' \
    --justification 'Accepted: "quotes", ]]> and \ backslash' >/dev/null
"$parapet" mitigation "$db" llm-indirect-prompt-injection@llm \
    m-segregate-untrusted-content --model "$m" --status implemented \
    --owner 'Cé' --due 2027-01-31 \
    --notes "$(printf 'two\nlines \001 ctrl')" >/dev/null
"$parapet" answer "$db" q-staff-awareness no --notes 'not yet' \
    --model "$m" >/dev/null
"$parapet" export "$db" --model "$m" --format xml \
    --output "$out/spec-decided.xml"
"$parapet" export "$db" --model s --format xml \
    --output "$out/hostile-text.xml"

# A small model with every kind of element: changed once (history with old
# and new values), a risk decided, a mitigation under way.
small() {
	cat <<YAML
parapet: 1
system: { id: small, name: '$1', criticality: low }
boundaries:
  - { id: out, name: Outside, trust: untrusted }
  - { id: in, name: Inside, trust: internal }
components:
  - { id: who, name: User, kind: user, boundary: out }
  - { id: app, name: "App \\x01 <&>", kind: application, boundary: in,
      exposure: internal }
flows:
  - { id: use, from: who, to: app, data: [configuration], encrypted: true }
practices:
  q-staff-awareness: { answer: yes, note: "briefed\\tin May" }
YAML
}
small Small >"$tmp/small.yaml"
"$parapet" import "$tmp/small.yaml" "$db" >/dev/null
small 'Small & <renamed>' >"$tmp/small.yaml"
"$parapet" import "$tmp/small.yaml" "$db" >/dev/null
"$parapet" risk "$db" practice-documentation@small --model small \
    --status not-applicable --justification 'documented elsewhere' >/dev/null
"$parapet" mitigation "$db" practice-ai-incident-plan@small \
    "$("$parapet" risk "$db" practice-ai-incident-plan@small --model small |
    awk '$1 == "proposed" { print $2; exit }')" --model small \
    --status planned --due 2027-02-28 >/dev/null
"$parapet" export "$db" --model small --format xml --output "$out/small.xml"

# The same cut to its first two risks, with one reason each, and its first
# three changes: small enough for a run with -max_len=4096, where the
# fuzzer mutates much faster.
awk '/<risk / { nrisk++; nreason = 0; skip = nrisk > 2 }
	/<change / { nchange++; skip = nchange > 3 }
	skip { if ($0 ~ /<\/risk>|<\/change>|<change .*\/>/) skip = 0; next }
	/<reason>/ && nreason++ > 0 { next }
	{ print }' "$out/small.xml" >"$out/small-cut.xml"

# The smallest document the reader takes.
cat >"$out/minimal.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<threat-model xmlns="urn:parapet:threat-model:1" format="1">
<system id="s"><name>S</name></system>
</threat-model>
XML
ls "$out"

#!/usr/bin/env bash
# parapet diff: between two model files, a file and a database, two
# databases; objects added, removed, renamed (matched by content and
# links), fields changed; risks that appear, stop applying, change
# severity; decisions changed; Markdown for a pull request; --fail-on-new.
. "${srcdir:-.}/tests/cli/lib.sh"
newdb copy
db_copy=$DB
newdb m
db_m=$DB

cp "$SRC/tests/data/store/support.yaml" "$T/old.yaml"

# The new version: gpt renamed to llm (same kind and name), tickets gone,
# a vector store added, ask no longer encrypted, criticality raised.
cat >"$T/new.yaml" <<'YAML'
parapet: 1
system:
  id: support-assistant
  name: Customer support assistant
  criticality: high
boundaries:
  - { id: internet, name: Public internet, trust: untrusted }
  - { id: cloud, name: Production cloud account, trust: internal }
components:
  - { id: customer, name: Customer, kind: user, boundary: internet }
  - { id: backend, name: Chat backend, kind: application, boundary: cloud, exposure: public }
  - id: llm
    name: Hosted LLM
    kind: model
    boundary: cloud
    provider: third-party
    model-type: llm
  - id: kb
    name: "Help-centre index \e[2J [x](http://evil) | pipe"
    kind: vector-store
    boundary: cloud
    origin: scraped
flows:
  - { id: ask, from: customer, to: backend, data: [prompt], encrypted: false }
  - { id: complete, from: backend, to: llm, data: [prompt] }
  - { id: retrieve, from: kb, to: backend, data: [documents] }
YAML

run diff "$T/old.yaml" "$T/new.yaml"
expect_rc 0 "diff of two files"
expect_out "> component gpt -> llm (renamed: same kind, name and data flows)" "rename shown as a rename"
expect_no_out "- component gpt" "a renamed component is not removed"
expect_no_out "+ component llm" "a renamed component is not added"
expect_out "- component tickets (tool) \"Ticket tool\"" "removed component"
expect_out "+ component kb (vector-store)" "added component"
expect_out "criticality: medium -> high" "system field"
expect_out "encrypted: true -> false" "flow field"
expect_out "- flow open-ticket" "removed flow"
expect_out "+ flow retrieve (kb -> backend)" "added flow"
expect_no_out "flow complete" "a flow whose end was renamed is unchanged"
grep -q '^  + ' "$T/out" || fail "no risk appears"
expect_out "@tickets" "risks on the removed tool stop applying"
expect_out "no longer applies" "risks that stop applying"
expect_out "risks appear (" "summary"
# A rescored risk says only what changed ("likelihood 3 -> 3" said nothing).
expect_out "(was high, impact 4 -> 3)" "rescored: only the impact changed"
expect_no_out "likelihood 3 -> 3" "rescored: an unchanged likelihood"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out"; then
	fail "an escape character reached the terminal"
fi
expect_out 'Help-centre index ^[[2J' "hostile name made visible"
# Risks of the renamed model are matched: none is said to go.
grep -E '@gpt\b' "$T/out" >"$T/renamed-risks" &&
    fail "risks of a renamed component shown by the old id: $(cat "$T/renamed-risks")"

# Identical versions: no changes.
run diff "$T/old.yaml" "$T/old.yaml"
expect_rc 0 "diff of a file with itself"
expect_out "no changes" "no changes"

# --fail-on-new: exit 3 when an open risk at or above the level appears.
run diff "$T/old.yaml" "$T/new.yaml" --fail-on-new medium
expect_rc 3 "fail-on-new medium"
expect_out "the change adds" "fail-on-new says why"
run diff "$T/new.yaml" "$T/old.yaml" --fail-on-new critical
expect_rc 0 "fail-on-new critical on the way back"
# A risk rescored up to the level is counted, and said to be a rise, not
# a new risk (the reviewer looks for it under "^", not "+").
run diff "$T/new.yaml" "$T/old.yaml" --fail-on-new high
expect_rc 3 "fail-on-new high on the way back: a rise to high"
expect_out "the change adds 1 open risk at or above high: 1 raised to high" \
    "a rise is said to be one"
run diff "$T/new.yaml" "$T/old.yaml" --fail-on-new medium
expect_rc 3 "fail-on-new medium on the way back"
expect_out "the change adds 3 open risks at or above medium" "three new"
expect_no_out "raised to" "a rise within the level is not counted"
run diff "$T/old.yaml" "$T/new.yaml" --fail-on-new extreme
expect_rc 2 "fail-on-new with a bad level"

# A file against the database, with a decision that changed.
db="${db_m}"
run import "$T/old.yaml" "$db"
expect_rc 0 "import"
run risks "$db"
name="$(grep -o '[a-z0-9.-]*@gpt' "$T/out" | head -1)"
run risk "$db" "$name" --status accepted --owner "Risk Lead" --justification "vendor contract covers it"
expect_rc 0 "accept a risk in the database"
run diff "$db" "$T/new.yaml"
expect_rc 0 "diff of a database and a file"
expect_out "Decisions" "decisions section"
expect_out "status: accepted -> open" "decision undone by the file"
run diff "$db" "$T/new.yaml" --fail-on-new low
expect_rc 3 "fail-on-new low: the undone decision"
expect_out "the change adds 5 open risks at or above low: 4 new, 1 decided before, open again" \
    "a reopened decision is said to be one"
dbcopy "$db" "${db_copy}"
run risk "${db_copy}" "$name" --status mitigated
run diff "$db" "${db_copy}"
expect_rc 0 "diff of two databases"
expect_out "status: accepted -> mitigated" "decision changed between databases"

# Markdown for a pull-request comment: hostile text escaped, lint-clean.
run diff "$T/old.yaml" "$T/new.yaml" --format markdown
expect_rc 0 "markdown"
expect_out "### Threat model changes: \`support-assistant\`" "markdown heading"
expect_out "- renamed component \`gpt\` → \`llm\`" "markdown rename"
expect_out 'Help-centre index ^\[\[2J \[x\](http\://evil) \| pipe' "markdown escapes"
# Only what could open markup is escaped: file names read as themselves.
expect_out "/old.yaml → $T/new.yaml" "markdown: file names unescaped"
expect_no_out 'old\.yaml' "markdown: no needless escapes"
cp "$T/out" "$T/diff.md"

# Practice answers added, changed with a note, and removed: each shows
# the answer and the note it had or has.
cp "$T/old.yaml" "$T/p0.yaml"
printf 'practices:\n  q-staff-awareness: yes\n  q-ai-incident-plan: { answer: no, note: "drafted, not tested" }\n' >>"$T/p0.yaml"
sed 's/q-staff-awareness: yes/q-staff-awareness: no/' "$T/p0.yaml" |
    grep -v q-ai-incident-plan >"$T/p1.yaml"
run diff "$T/old.yaml" "$T/p0.yaml"
expect_rc 0 "practice answers added"
expect_out "+ practice q-staff-awareness" "practice added"
expect_out 'answer: (unset) -> yes' "the added answer"
expect_out 'note: (unset) -> "drafted, not tested"' "the added note"
run diff "$T/p0.yaml" "$T/p1.yaml"
expect_rc 0 "practice answers changed and removed"
expect_out 'answer: yes -> no' "the changed answer"
expect_out "- practice q-ai-incident-plan" "practice removed"
expect_out 'note: "drafted, not tested" -> (unset)' "the removed note"

# A bad side is reported with its file and line.
printf 'parapet: 1\nsystem: { id: x, name: X }\ncomponents:\n  - { id: a, kind: modle, name: A }\n' >"$T/bad.yaml"
run diff "$T/old.yaml" "$T/bad.yaml"
expect_rc 1 "a bad model file"
expect_err "bad.yaml:4:" "error position"
run diff "$T/old.yaml" "$T/none.yaml"
expect_rc 1 "a missing file"
finish

#!/usr/bin/env bash
# A re-import after a change re-analyses only the threats the change can
# affect and re-stores only their risks and the open questions they are
# part of (session_incremental()). Differential: many random single
# changes (a field's value changed or cleared, a practice answer, a flow
# added or removed, an object renamed) of every starter template and of a
# synthetic model, each imported over the stored model as a user does,
# and again with the whole analysis (PARAPET_NO_INCREMENTAL): every row of
# every table (risks, reasons, open questions, counts, history) must be
# the same, byte for byte, and the register and questions those of a
# fresh import of the changed file. Some of the changes must have taken
# the incremental way (its trace, PARAPET_DEBUG_INCREMENTAL; with
# PARAPET_INCREMENTAL_ALWAYS, whatever share of the threats a change
# affects), or the test proves nothing.
. "${srcdir:-.}/tests/cli/lib.sh"
[ "$BACKEND" = sqlite ] || { echo "SKIP: SQLite files only"; exit 77; }

ROUNDS=${ROUNDS:-5}

# mutate FILE SEED OUT: one random change of the model in FILE (as
# 'parapet export --format yaml' writes it) into OUT; prints what it did.
mutate() {
	python3 - "$1" "$2" "$3" <<'PY'
import random, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
rng = random.Random(int(sys.argv[2]))
out = sys.argv[3]
section = None
spans = {}          # section -> list of [start, end) of its items
fields = []         # (line index, key, value) of plain object fields
seen = {}           # key -> set of values seen
practices = []
for i, l in enumerate(lines):
    m = re.match(r"^([a-z]+):", l)
    if m:
        section = m.group(1)
        continue
    if section in ("boundaries", "components", "flows") and l.startswith("  - id: "):
        spans.setdefault(section, []).append([i, None])
    m = re.match(r"^    ([a-z-]+): (.+)$", l)
    if m and section in ("boundaries", "components", "flows") and \
       m.group(1) not in ("name", "description", "kind", "from", "to",
                          "boundary", "renamed-from"):
        fields.append((i, m.group(1), m.group(2)))
        seen.setdefault(m.group(1), set()).add(m.group(2))
    m = re.match(r"^  ([a-z0-9-]+): (yes|no|unknown)$", l)
    if m and section == "practices":
        practices.append((i, m.group(1), m.group(2)))
for sec, v in spans.items():
    for j, s in enumerate(v):
        end = v[j + 1][0] if j + 1 < len(v) else s[0] + 1
        if j + 1 >= len(v):
            while end < len(lines) and lines[end].startswith("    "):
                end += 1
        s[1] = end
kinds = ["field", "field", "field", "clear", "flow-", "flow+", "rename-flow",
         "rename-component"]
if practices:
    kinds.append("practice")
kind = rng.choice(kinds)
what = kind
if kind in ("field", "clear"):
    i, key, val = rng.choice(fields)
    others = sorted(seen[key] - {val})
    if val in ("true", "false"):
        others = [{"true": "false", "false": "true"}[val]]
    if kind == "field" and others:
        new = rng.choice(others)
        lines[i] = "    %s: %s" % (key, new)
        what = "%s %s: %s -> %s (line %d)" % (kind, key, val, new, i + 1)
    else:
        del lines[i]
        what = "clear %s: %s (line %d)" % (key, val, i + 1)
elif kind == "practice":
    i, q, a = rng.choice(practices)
    new = rng.choice([x for x in ("yes", "no") if x != a] + ["drop"])
    if new == "drop":
        del lines[i]
    else:
        lines[i] = "  %s: %s" % (q, new)
    what = "practice %s: %s -> %s" % (q, a, new)
elif kind == "flow-":
    s, e = rng.choice(spans["flows"])
    what = "remove flow %s" % lines[s][8:]
    del lines[s:e]
elif kind == "flow+":
    s, e = rng.choice(spans["flows"])
    block = lines[s:e]
    fid = block[0][8:]
    new = []
    for l in block:
        if l.startswith("  - id: "):
            l = "  - id: %s-again" % fid
        elif l.startswith("    from: "):
            l = "    to: " + l[10:]
        elif l.startswith("    to: "):
            l = "    from: " + l[8:]
        new.append(l)
    at = spans["flows"][-1][1]
    lines[at:at] = new
    what = "add flow %s-again (the way back of %s)" % (fid, fid)
else:
    sec = "flows" if kind == "rename-flow" else "components"
    s, e = rng.choice(spans[sec])
    old = lines[s][8:]
    new = old + "-renamed"
    lines[s] = "  - id: " + new
    lines.insert(s + 1, "    renamed-from: " + old)
    for j, l in enumerate(lines):
        for key in ("from", "to", "boundary"):
            if l == "    %s: %s" % (key, old):
                lines[j] = "    %s: %s" % (key, new)
    what = "rename %s -> %s" % (old, new)
open(out, "w", encoding="utf-8").write("\n".join(lines))
print(what)
PY
}

# dump DB: every row of every table, in a stable order.
dump() {
	python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = "
                          "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"):
    cols = [r[1] for r in db.execute("PRAGMA table_info(\"%s\")" % name)]
    print("== %s (%s)" % (name, ", ".join(cols)))
    order = ", ".join("\"%s\"" % c for c in cols)
    for row in db.execute("SELECT * FROM \"%s\" ORDER BY %s" % (name, order)):
        print(repr(row))
PY
}

models=()
for tpl in agent-with-tools edge-vision fine-tuned-open-weights-api \
    fraud-classifier-feedback multi-agent-mcp multimodal-document-assistant \
    rag-assistant voice-banking-assistant; do
	model_from_template "t-$tpl" "$tpl" "$T/$tpl.yaml"
	models+=("$T/$tpl.yaml")
done
gen=${BENCH_MODEL:-$PWD/bench/bench-model}
[ -x "$gen" ] || fail "no $gen to make the synthetic model"
"$gen" 40 >"$T/synthetic.yaml" || fail "bench-model 40"
models+=("$T/synthetic.yaml")

seed=0 incremental=0 tried=0
for m in "${models[@]}"; do
	base="$T/base.db"
	rm -f "$base" "$base-wal" "$base-shm"
	"$PARAPET" import "$m" "$base" >/dev/null 2>"$T/err" ||
	    fail "first import of $m: $(cat "$T/err")"
	for ((r = 0; r < ROUNDS; r++)); do
		seed=$((seed + 1))
		what=$(mutate "$m" "$seed" "$T/changed.yaml") ||
		    fail "mutate $m $seed"
		for d in inc full fresh; do
			rm -f "$T/$d.db" "$T/$d.db-wal" "$T/$d.db-shm"
		done
		cp "$base" "$T/inc.db"
		cp "$base" "$T/full.db"
		PARAPET_DEBUG_INCREMENTAL=1 PARAPET_INCREMENTAL_ALWAYS=1 \
		    "$PARAPET" import "$T/changed.yaml" \
		    "$T/inc.db" >"$T/inc.out" 2>"$T/inc.err"
		rci=$?
		PARAPET_NO_INCREMENTAL=1 "$PARAPET" import "$T/changed.yaml" \
		    "$T/full.db" >"$T/full.out" 2>"$T/full.err"
		rcf=$?
		[ "$rci" = "$rcf" ] ||
		    fail "$m, $what: exit $rci, the whole analysis $rcf"
		[ "$rci" = 0 ] || continue	# a change the model refuses
		tried=$((tried + 1))
		grep -q '^incremental: stored' "$T/inc.err" &&
		    incremental=$((incremental + 1))
		# Each names its own database: the same name for both.
		grep -v '^incremental:' "$T/inc.err" | sed "s#$T/inc.db#DB#g" \
		    >"$T/inc.err2"
		sed "s#$T/full.db#DB#g" "$T/full.err" >"$T/full.err2"
		sed -i "s#$T/inc.db#DB#g" "$T/inc.out"
		sed -i "s#$T/full.db#DB#g" "$T/full.out"
		cmp -s "$T/inc.out" "$T/full.out" && cmp -s "$T/inc.err2" \
		    "$T/full.err2" ||
		    fail "$m, $what: the import says otherwise than the whole analysis: $(diff "$T/full.out" "$T/inc.out" | head -5)"
		dump "$T/inc.db" >"$T/inc.dump"
		dump "$T/full.db" >"$T/full.dump"
		cmp -s "$T/inc.dump" "$T/full.dump" ||
		    fail "$m, $what: the database differs from the whole analysis's: $(diff "$T/full.dump" "$T/inc.dump" | head -8)"
		"$PARAPET" import "$T/changed.yaml" "$T/fresh.db" >/dev/null 2>&1 ||
		    fail "$m, $what: fresh import"
		for c in risks questions; do
			"$PARAPET" "$c" "$T/inc.db" >"$T/inc.$c" 2>&1
			"$PARAPET" "$c" "$T/fresh.db" >"$T/fresh.$c" 2>&1
			cmp -s "$T/inc.$c" "$T/fresh.$c" ||
			    fail "$m, $what: '$c' differs from a fresh import's: $(diff "$T/fresh.$c" "$T/inc.$c" | head -5)"
		done
	done
done
echo "$tried changes imported, $incremental of them incrementally"
[ "$tried" -ge $(( ${#models[@]} * ROUNDS / 2 )) ] ||
    fail "only $tried changes of ${#models[@]} x $ROUNDS were valid models"
[ "$incremental" -ge $(( tried / 4 )) ] ||
    fail "only $incremental of $tried changes took the incremental way"
finish

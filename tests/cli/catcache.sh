#!/usr/bin/env bash
# The catalogue cache ($XDG_CACHE_HOME/parapet/catalogue.cache): every
# command says the same with it cold, warm and without it
# (PARAPET_NO_CACHE=1); an edited data file, catalogue.d file or
# --catalogue file is never served stale, even when the edit keeps its size
# and time; a cut, flipped, foreign or hostile cache is rebuilt; commands
# started at once all work and leave one whole cache; a cache directory
# that cannot be used means no cache, the same output and no message.
. "${srcdir:-.}/tests/cli/lib.sh"

export XDG_CACHE_HOME="$T/cache"
C="$XDG_CACHE_HOME/parapet/catalogue.cache"
# A copy of the data directory, to edit.
cp -r "$SRC/data" "$T/data"
export PARAPET_DATA="$T/data"
mkdir -p "$XDG_CONFIG_HOME/parapet/catalogue.d"

# same WHAT ARGS...: parapet ARGS says the same, with the same status and
# nothing on stderr, as it does without a cache.
same() {
	local what=$1 ref_rc
	shift
	PARAPET_NO_CACHE=1 "$PARAPET" "$@" >"$T/ref" 2>"$T/ref.err"
	ref_rc=$?
	run "$@"
	[ "$rc" -eq "$ref_rc" ] ||
	    fail "$what: exit status $rc, $ref_rc without the cache"
	cmp -s "$T/out" "$T/ref" || fail "$what: not what it says without the cache"
	[ ! -s "$T/err" ] || fail "$what: says something on stderr"
}

# A threat of our own, as a catalogue.d or --catalogue file would add it.
local_threat() {
	cat <<EOF
parapet-catalogue: 1
threats:
  - id: local-$1
    title: $2
    description: A threat of this test.
    target: flow
    when: { encrypted: false }
    likelihood: 2
    impact: 2
    stride: [I]
    refs: { guideline: ["3.1"] }
    mitigations: [m-input-guardrails]
EOF
}

# edit_same FILE FROM TO: replace FROM by TO (as long) in FILE, keeping its
# size and its modification time.
edit_same() {
	local before after
	[ "${#2}" -eq "${#3}" ] || { fail "edit_same: '$2' and '$3' differ in length"; return; }
	grep -qF -- "$2" "$1" || { fail "edit_same: '$2' is not in $1"; return; }
	before=$(stat -c '%s %Y' "$1")
	cp -p "$1" "$T/edit.orig"
	sed -i "s/$2/$3/" "$1"
	touch -r "$T/edit.orig" "$1"
	after=$(stat -c '%s %Y' "$1")
	[ "$before" = "$after" ] || fail "edit_same: $1 went from $before to $after"
}

# Cold, warm, and without: the catalogue and an analysis.
same "catalogue list, no cache yet" catalogue list
[ -s "$C" ] || fail "no cache written at $C"
ino=$(stat -c %i "$C")
same "catalogue list, warm" catalogue list
[ "$(stat -c %i "$C")" = "$ino" ] || fail "a warm command wrote the cache again"
cp "$C" "$T/good.cache"
newdb a
cp "$SRC/templates/rag-assistant.yaml" "$T/m.yaml"
run import "$T/m.yaml" "$DB"
expect_rc 0 "import with the cache"
same "risks with the cache" risks "$DB"
same "questions with the cache" questions "$DB"
"$PARAPET" risks "$DB" >"$T/risks.cached" 2>&1
newdb b
PARAPET_NO_CACHE=1 "$PARAPET" import "$T/m.yaml" "$DB" >/dev/null 2>&1 ||
    fail "import without the cache"
PARAPET_NO_CACHE=1 "$PARAPET" risks "$DB" >"$T/risks.none" 2>&1
cmp -s "$T/risks.none" "$T/risks.cached" ||
    fail "an import with the cache stored other risks than one without"

# A data file edited in place, same size, same time: the new title.
edit_same "$T/data/catalogue/20-threats-llm.yaml" \
    "Direct prompt injection overrides" "Direct prompt injection OVERRIDES"
same "a data file edited" catalogue list threats
expect_out "Direct prompt injection OVERRIDES" "the edited data file"
expect_no_out "Direct prompt injection overrides" "the edited data file"

# A catalogue.d file: added, edited the same way, removed.
local_threat d "Alpha flows are plain" >"$XDG_CONFIG_HOME/parapet/catalogue.d/l.yaml"
same "a catalogue.d file added" catalogue list threats
expect_out "Alpha flows are plain" "the catalogue.d file"
edit_same "$XDG_CONFIG_HOME/parapet/catalogue.d/l.yaml" Alpha Omega
same "a catalogue.d file edited" catalogue list threats
expect_out "Omega flows are plain" "the edited catalogue.d file"
expect_no_out "Alpha flows are plain" "the edited catalogue.d file"
rm "$XDG_CONFIG_HOME/parapet/catalogue.d/l.yaml"
same "a catalogue.d file removed" catalogue list threats
expect_no_out "local-d" "the removed catalogue.d file"

# A --catalogue file, edited the same way; and one that is wrong.
local_threat x "Gamma flows are plain" >"$T/x.yaml"
same "a --catalogue file" catalogue list threats --catalogue "$T/x.yaml"
expect_out "Gamma flows are plain" "the --catalogue file"
edit_same "$T/x.yaml" Gamma Delta
same "a --catalogue file edited" catalogue list threats --catalogue "$T/x.yaml"
expect_out "Delta flows are plain" "the edited --catalogue file"
expect_no_out "Gamma" "the edited --catalogue file"
edit_same "$T/x.yaml" "impact: 2" "impact: 9"
PARAPET_NO_CACHE=1 "$PARAPET" catalogue list threats --catalogue "$T/x.yaml" \
    >/dev/null 2>"$T/bad.ref"
run catalogue list threats --catalogue "$T/x.yaml"
expect_rc 1 "a --catalogue file made wrong"
cmp -s "$T/err" "$T/bad.ref" ||
    fail "a wrong --catalogue file: another message with the cache"

# Back to the standard catalogue: the cache is whole again.
cp "$SRC/data/catalogue/20-threats-llm.yaml" "$T/data/catalogue/"
same "the standard catalogue again" catalogue list
cmp -s "$C" "$T/good.cache" ||
    fail "the cache of the standard catalogue differs from the first one"

# A damaged or hostile cache: the same output, and a good cache again.
damaged() {
	same "$1" catalogue list
	cmp -s "$C" "$T/good.cache" || fail "$1: the cache was not rebuilt"
}
truncate -s 5000 "$C"
damaged "a cut cache"
size=$(stat -c %s "$C")
printf '\x01' | dd of="$C" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
cmp -s "$C" "$T/good.cache" && fail "the byte flip changed nothing"
damaged "a cache with a byte changed"
head -c 200000 /dev/urandom >"$C"
damaged "a cache of random bytes"
: >"$C"
damaged "an empty cache"
# Another binary's cache: its build id differs.
printf 'X' | dd of="$C" bs=1 seek=16 conv=notrunc 2>/dev/null
damaged "a cache with another build id"
# A link in place of the cache is not followed, and is replaced.
# (A good cache behind it: followed, it would be used and left in place.)
cp "$T/good.cache" "$T/elsewhere"
cp "$T/elsewhere" "$T/elsewhere.orig"
ln -sf "$T/elsewhere" "$C"
damaged "a link in place of the cache"
[ -L "$C" ] && fail "the link is still in place of the cache"
cmp -s "$T/elsewhere" "$T/elsewhere.orig" || fail "the link's target was written"

# Commands started at once: each works, and one whole cache is left.
PARAPET_NO_CACHE=1 "$PARAPET" catalogue list >"$T/good.list"
for round in 1 2 3; do
	rm -f "$C"
	pids=()
	for i in 1 2 3 4; do
		"$PARAPET" catalogue list >"$T/par.$i" 2>&1 &
		pids+=($!)
	done
	for i in 1 2 3 4; do
		wait "${pids[$((i - 1))]}" ||
		    fail "round $round: command $i started at once failed"
		cmp -s "$T/par.$i" "$T/good.list" ||
		    fail "round $round: command $i started at once said otherwise"
	done
	cmp -s "$C" "$T/good.cache" ||
	    fail "round $round: commands at once left no whole cache"
	left=$(ls -A "$XDG_CACHE_HOME/parapet")
	[ "$left" = catalogue.cache ] ||
	    fail "round $round: the cache directory holds: $left"
done

# Nowhere to keep a cache: the same output, nothing said.
rm -rf "$XDG_CACHE_HOME"
: >"$T/a-file"
XDG_CACHE_HOME="$T/a-file" same "XDG_CACHE_HOME a file" catalogue list
mkdir -p "$T/c2"
: >"$T/c2/parapet"
XDG_CACHE_HOME="$T/c2" same "the cache directory a file" catalogue list
XDG_CACHE_HOME=/proc/self/none same "a cache home that cannot be made" \
    catalogue list
# A cache directory others may write to is not used.
mkdir -p "$T/c3/parapet"
chmod 777 "$T/c3/parapet"
XDG_CACHE_HOME="$T/c3" same "a cache directory others may write" catalogue list
[ -e "$T/c3/parapet/catalogue.cache" ] &&
    fail "a cache written where others may write"
if [ "$(id -u)" != 0 ]; then
	mkdir -p "$T/c4/parapet"
	chmod 555 "$T/c4/parapet"
	XDG_CACHE_HOME="$T/c4" same "a cache directory not writable" \
	    catalogue list
	chmod 755 "$T/c4/parapet"
fi

# Without XDG_CACHE_HOME: ~/.cache/parapet. PARAPET_NO_CACHE: none at all.
(unset XDG_CACHE_HOME; "$PARAPET" catalogue list >/dev/null 2>&1)
[ -s "$HOME/.cache/parapet/catalogue.cache" ] ||
    fail "no cache in ~/.cache/parapet without XDG_CACHE_HOME"
mkdir -p "$T/c5"
XDG_CACHE_HOME="$T/c5" PARAPET_NO_CACHE=1 "$PARAPET" catalogue list \
    >/dev/null 2>&1
[ -e "$T/c5/parapet/catalogue.cache" ] &&
    fail "a cache written with PARAPET_NO_CACHE=1"

finish

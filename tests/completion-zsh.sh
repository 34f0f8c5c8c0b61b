#!/usr/bin/env bash
# The zsh completion, run by zsh as compsys runs it: $words, $CURRENT and
# $PREFIX set, compadd and _files recording what would be offered.
. "${srcdir:-.}/tests/cli/lib.sh"
command -v zsh >/dev/null 2>&1 || fail "zsh is not installed (scripts/install-deps.sh installs it)"
COMPFILE="$(cd "$SRC" && pwd)/completion/_parapet"
export COMPFILE
cd "$T" || exit 1
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
"$PARAPET" new m.db --template rag-assistant >/dev/null 2>&1 ||
    fail "new from a template"
zsh -n "$COMPFILE" || fail "completion/_parapet does not parse"

# complete WORD...: what zsh would offer for the last word of
# "parapet WORD...", one per line in $T/out.
complete_words() {
	zsh -f -c '
		compadd() {
			local a skip=1
			for a in "$@"; do
				[[ $a == -- ]] && { skip=0; continue }
				[[ $skip == 1 && $a == -* ]] && continue
				print -r -- "$a"
			done
		}
		_files() { print -r -- "<files $*>" }
		words=("$@")
		CURRENT=$#
		PREFIX=$words[CURRENT]
		fn=$(<"$COMPFILE")
		eval "_parapet() { $fn
		}"
		_parapet
	' parapet-test "$PARAPET" "$@" >"$T/out" 2>"$T/err" ||
	    fail "zsh completion for '$*' failed: $(cat "$T/err")"
}
expect_word() {
	grep -qx -- "$1" "$T/out" || fail "$2: no '$1' among: $(tr '\n' ' ' <"$T/out")"
}

complete_words ch
expect_word check "a command"
complete_words export m.db --f
expect_word --format "an option of export"
complete_words export m.db --format ma
expect_word markdown "a format"
complete_words new n.db --template rag
expect_word rag-assistant "a template"
complete_words risks m.db --model s
expect_word support-assistant "a model id"
complete_words check m.db --fail-on h
expect_word high "a level"
complete_words mitigation m.db --status p
expect_word implemented "a mitigation status"
complete_words risk m.db --status a
expect_word accepted "a risk status"
grep -qx implemented "$T/out" && fail "a mitigation status offered for a risk"
complete_words register m.db --status a
expect_word accepted "a status of register"
complete_words diff a.db b.db --fail-on-new h
expect_word critical "a level of --fail-on-new"
grep -qx open "$T/out" && fail "a status offered for a level"
finish

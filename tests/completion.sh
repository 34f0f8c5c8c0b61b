#!/usr/bin/env bash
# The bash completion, sourced into bash and called as bash calls it:
# commands, options, formats, templates and model ids come from the program.
. "${srcdir:-.}/tests/cli/lib.sh"
# shellcheck source=/dev/null
. "$SRC/completion/parapet"
cd "$T" || exit 1
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
"$PARAPET" new m.db --template rag-assistant >/dev/null 2>&1 ||
    fail "new from a template"

# complete WORD...: complete the last word of "parapet WORD...".
complete_words() {
	COMP_WORDS=("$PARAPET" "$@")
	COMP_CWORD=$(($# ))
	COMPREPLY=()
	_parapet
	printf '%s\n' "${COMPREPLY[@]}" >"$T/out"
	: >"$T/err"
}
expect_word() {
	grep -qx -- "$1" "$T/out" || fail "$2: no '$1' among the completions"
}

complete_words ch
expect_word check "a command"
complete_words exp
expect_word export "a command"
complete_words export m.db --f
expect_word --format "an option of export"
complete_words register m.db --format te
expect_word text "a format of register (not of export)"
complete_words register m.db --o
expect_word --overdue "an option of register"
complete_words answer m.db --n
expect_word --note "an option of answer"
grep -qx -- --notes "$T/out" && fail "the --notes alias is offered"
complete_words export m.db --format ma
expect_word markdown "a format"
complete_words export m.db --format s
expect_word svg "a format"
complete_words new n.db --template rag
expect_word rag-assistant "a template"
complete_words risks m.db --model s
expect_word support-assistant "a model id"
complete_words check m.db --fail-on h
expect_word high "a level"
# The words of an option come from the command's help.
complete_words risks m.db --status mit
expect_word mitigating "a risk status"
expect_word mitigated "a risk status"
complete_words mitigation m.db r m --status i
expect_word implemented "a mitigation status"
grep -qx open "$T/out" && fail "a risk status offered for a mitigation"
complete_words register m.db --status not
expect_word not-applicable "a status of register"
complete_words diff a.db b.db --fail-on-new c
expect_word critical "a level of --fail-on-new"
complete_words m.
expect_word m.db "a database"
finish

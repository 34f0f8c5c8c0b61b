#!/usr/bin/env bash
# What a new user trips over on a first afternoon with the command line
# (found by trying it from the README alone): each slip gets a message
# that says what to type instead.
. "${srcdir:-.}/tests/cli/lib.sh"
export PARAPET_TEMPLATES="${PARAPET_TEMPLATES:-$SRC/templates}"
cd "$T" || exit 1

run new hr.db --id hr-bot --name "HR policy assistant"
expect_rc 0 "a blank model"

# import with its two arguments swapped: the database is not "a YAML
# syntax error", it is the wrong argument.
run import hr.db other.db
expect_rc 2 "import of a database"
expect_err "'hr.db' is a database, not a model file: give the model file first (parapet import MODEL DB)" \
    "import of a database"
grep -qF "YAML" "$T/err" && fail "import of a database: a YAML error"
[ ! -e other.db ] || fail "import of a database created a database"

# templates: the system names start in one column, however long a
# template's name (multimodal-document-assistant ran into its title).
run templates
expect_rc 0 "templates"
expect_out "multimodal-document-assistant  Multimodal" "templates: long name"
cols=$(awk '{ print index($0, "  " $2) }' "$T/out" | sort -u | wc -l)
[ "$cols" -eq 1 ] || fail "templates: titles start in $cols columns"
[ "$(wc -l <"$T/out")" -ge 8 ] || fail "templates: fewer than 8"

# The help fits an 80-column terminal: the command list, every command's
# own help (diff, rename and register had one-line descriptions of up to
# 190 characters), and the export formats in one column.
run --help
expect_rc 0 "--help"
expect_out "  diff        what changed between two versions of a model" \
    "--help: diff"
awk 'length > 79 { print; bad = 1 } END { exit bad }' "$T/out" ||
    fail "--help: lines wider than 79"
for cmd in diff rename register export; do
	run "$cmd" --help
	expect_rc 0 "$cmd --help"
	grep -v '^usage:' "$T/out" |
	    awk 'length > 79 { print; bad = 1 } END { exit bad }' ||
	    fail "$cmd --help: lines wider than 79"
done
run export --help
m=$(grep -F "  markdown " "$T/out" | awk '{ print index($0, "sign-off") }')
d=$(grep -F "  threat-dragon " "$T/out" | awk '{ print index($0, "OWASP") }')
[ -n "$m" ] && [ "$m" -gt 0 ] && [ "$m" = "$d" ] ||
    fail "export --help: formats not in one column ($m, $d)"

# An option named by the end of its name: --severity is --min-severity.
run risks hr.db --severity high
expect_rc 2 "--severity"
expect_err "unknown option '--severity' (did you mean '--min-severity'?)" \
    "--severity"
# ... but a short word is not stretched to an unrelated option.
run export hr.db --file r.md
expect_rc 2 "--file"
grep -qF "did you mean '--model-file" "$T/err" &&
    fail "--file suggested --model-file"

# Deciding a risk without the justification it needs says which option
# gives it.
run new rag.db --template rag-assistant
expect_rc 0 "rag template"
run risk rag.db llm-system-prompt-leakage@llm --status accepted
expect_rc 1 "accepted without a justification"
expect_err "accepting a risk requires a risk owner, the person who answers for it, and a justification" "accepted, who and why"
expect_err "name them with --owner NAME, and give the justification with --justification TEXT" "accepted, hint"
run risk rag.db llm-system-prompt-leakage@llm --status mitigated
expect_rc 1 "mitigated without evidence"
expect_err "or first mark a mitigation implemented ('parapet mitigation')" \
    "mitigated, hint"
# Accepting needs a real reason (a few words) and a named risk owner.
run risk rag.db llm-system-prompt-leakage@llm --status accepted \
    --justification "pilot" --owner "Head of IT"
expect_rc 1 "accepted with a one-word justification"
expect_err "justification of at least 3 words" "accepted, a real reason"
run risk rag.db llm-system-prompt-leakage@llm --status accepted \
    --justification "a pilot with ten users"
expect_rc 1 "accepted without a risk owner"
expect_err "accepting a risk requires a risk owner" "accepted, an owner"
expect_err "name them with --owner NAME" "accepted, owner hint"
run risk rag.db llm-system-prompt-leakage@llm
expect_out "status:    open" "refused acceptances change nothing"
run risk rag.db llm-system-prompt-leakage@llm --status accepted \
    --justification "a pilot with ten users" --owner "Head of IT"
expect_rc 0 "accepted with a justification"
grep -qF -- "--justification" "$T/err" && fail "hint after success"
# Clearing the owner of an accepted risk says what stands and the ways on.
run risk rag.db llm-system-prompt-leakage@llm --owner ""
expect_rc 1 "owner of an accepted risk cleared"
expect_err "'llm-system-prompt-leakage@llm' is accepted, and an accepted risk keeps its owner: give a new one with --owner NAME, or first remove the acceptance (--status open)" \
    "owner of an accepted risk cleared: what stands"
grep -qF "accepting a risk requires" "$T/err" &&
    fail "owner cleared: reads as if accepting"
run risk rag.db llm-system-prompt-leakage@llm
expect_out "owner:     Head of IT" "a refused clearing keeps the owner"

# export without --format lists the formats, and reads the wanted one off
# the output's name; 'md' is markdown. Nothing is written either way.
run export hr.db --output report.md
expect_rc 2 "export without --format"
expect_err "--format is required (markdown, xml, csv, dot, svg, yaml, sarif, threat-dragon, otm or tmbom)" \
    "export without --format: the formats"
expect_err "for 'report.md', give --format markdown" \
    "export without --format: from the file name"
[ ! -e report.md ] || fail "export without --format wrote a file"
run export hr.db --format md
expect_rc 2 "--format md"
expect_err "unknown format 'md' (did you mean 'markdown'?)" "--format md"
run export hr.db --format pdf
expect_rc 2 "--format pdf"
expect_err "unknown format 'pdf' (expected markdown, xml" "--format pdf"

# check without --fail-on says what the level is.
run check hr.db
expect_rc 2 "check without --fail-on"
expect_err "--fail-on is required: the lowest severity that fails (critical, high, medium or low)" \
    "check without --fail-on"

# answer --note: the note shows in questions, under its question.
run answer hr.db q-staff-awareness yes --note "annual course, 2026"
expect_rc 0 "answer with a note"
run questions hr.db
expect_rc 0 "questions"
grep -A2 "q-staff-awareness" "$T/out" | grep -qF "note: annual course, 2026" ||
    fail "questions: the note is not shown under its question"
# The report's coverage table says how each subsection's practice
# questions are answered: a row with no risk reads as answered, not as
# left out ("none | 0 | 0 of 0" alone did).
run export hr.db --format markdown
expect_rc 0 "export markdown after an answer"
expect_out "| 1.1 Raise staff awareness of threats and risks | 1 yes | none | 0 | 0 of 0 |" \
    "the coverage row of 1.1 names its practice answer"
expect_out "| 1.2 Model the threats to your system | 1 unknown | " \
    "the coverage row of 1.2 says its question is not answered"
run answer --help
expect_out "a note on the answer, kept and exported with it" "answer --help"
grep -qF "note: key" "$T/out" && fail "answer --help: 'note: key'"

# register --team and --owner match exactly; a miss says why.
cat >org.yaml <<'YAML'
parapet: 1
system: { id: payroll, name: Payroll assistant, owner: Head of HR, team: people }
YAML
run import org.yaml org.db
expect_rc 0 "import a system with a team"
run register org.db --team People
expect_rc 0 "register --team People"
expect_out "no systems" "register --team People: no systems"
expect_err "owners and teams match exactly: did you mean 'people'?" \
    "register --team People: the hint"
run register org.db --team sales
expect_err "no system of team 'sales' (teams: 'people')" "--team sales"
run register org.db --owner "head of hr"
expect_err "did you mean 'Head of HR'?" "--owner in another case"
run register org.db --team people
expect_out "payroll" "register --team people"
[ ! -s "$T/err" ] || fail "register --team people: a hint on a match"

# rename of a misspelt id suggests the nearest one, and renames nothing.
cat >svc.yaml <<'YAML'
parapet: 1
system: { id: svc, name: Service }
components:
  - { id: app, name: Chat app, kind: application }
  - { id: llm, name: Hosted LLM, kind: model }
flows:
  - { id: ask, from: app, to: llm, data: [prompt] }
YAML
run import svc.yaml svc.db
expect_rc 0 "import svc"
run rename svc.db ap application
expect_rc 1 "rename a misspelt id"
expect_err "no boundary, component or flow 'ap' (did you mean 'app'?)" \
    "rename a misspelt id"

# A missing argument is named, not "expected more arguments".
run list
expect_rc 2 "list without DB"
expect_err "parapet: list: missing DB" "list without DB"
run import hr.yaml
expect_rc 2 "import without DB"
expect_err "parapet: import: missing DB" "import without DB"
run answer hr.db q-staff-awareness
expect_rc 2 "answer without the answer"
expect_err "parapet: answer: missing yes|no|unknown" "answer without the answer"
run list hr.db extra
expect_rc 2 "list with two databases"
expect_err "expected fewer arguments" "list with two databases"

# check lists the risks on facts first, then those to confirm under the
# heading 'parapet risks' prints, so the severities do not seem unordered.
# A finding that rests only on unanswered fields is a risk to confirm only
# once someone decided on it: the model file's decision below.
cat >gate.yaml <<'YAML'
parapet: 1
system: { id: gate, name: Gate, criticality: high }
boundaries:
  - { id: vendor, name: LLM vendor, trust: partner }
components:
  - { id: app, name: Chat app, kind: application, untrusted-input: true }
  - { id: llm, name: Hosted LLM, kind: model, boundary: vendor, provider: third-party }
flows:
  - { id: call, from: app, to: llm, data: [prompt] }
decisions:
  llm-jailbreak@llm:
    status: mitigating
    owner: Platform team
YAML
run import gate.yaml gate.db
expect_rc 0 "import gate"
run check gate.db --fail-on low
expect_rc 3 "check fails"
expect_out "to confirm: these rest on unanswered fields ('parapet risks' names them)" \
    "check: the heading"
awk '/^to confirm:/ { h = 1; next }
    /^[a-z]+ +[a-z-]+ +[0-9]x[0-9]/ { if (h) p = 1; else if (!h) f = 1 }
    END { exit !(f && p) }' "$T/out" ||
    fail "check: no risk on facts before the heading and one after it"

# diff of two different systems says so; of two versions of one, nothing.
run diff svc.yaml gate.yaml
expect_rc 0 "diff of two systems"
expect_err "note: the two sides describe different systems ('svc' and 'gate')" \
    "diff of two systems"
sed 's/name: Chat app/name: Chat front end/' svc.yaml >svc2.yaml
run diff svc.yaml svc2.yaml
expect_rc 0 "diff of one system"
[ ! -s "$T/err" ] || fail "diff of one system: a note"

# history --object with a misspelt id printed nothing and exited 0.
run history svc.db --object ap
expect_rc 0 "history of a misspelt object"
expect_err "no changes to 'ap' (did you mean 'app'?)" \
    "history of a misspelt object"
run history svc.db --object app
expect_out "app created" "history of an object"
[ ! -s "$T/err" ] || fail "history of an object: a note"

# answer Yes: the words are lower case, and the message says so.
run answer hr.db q-staff-awareness Yes
expect_rc 2 "answer Yes"
expect_err "the answer must be yes, no or unknown, in lower case, not 'Yes'" \
    "answer Yes"

# mitigation of an id the risk lacks lists the ones it has.
run mitigation rag.db llm-system-prompt-leakage@llm m-nothing --status planned
expect_rc 1 "unknown mitigation"
expect_err "has no mitigation 'm-nothing'" "unknown mitigation"
grep -qE "the mitigations of this risk are m-[a-z-]+(, m-[a-z-]+)*$" \
    "$T/err" || fail "unknown mitigation: no list of the risk's mitigations"

# A due date already past is taken, with a note that it is overdue at once
# (PARAPET_NOW is 2026-11-25); a future one, or a done mitigation, is not.
r=llm-direct-prompt-injection@llm
m=$("$PARAPET" risk rag.db "$r" | awk '/^  mitigations:/ { f = 1; next }
    f && NF >= 2 { print $2; exit }')
[ -n "$m" ] || fail "no mitigation of $r"
run mitigation rag.db "$r" "$m" --status planned --due 2025-11-30
expect_rc 0 "a past due date"
expect_err "note: 2025-11-30 is already past; the mitigation is overdue" \
    "a past due date"
run mitigation rag.db "$r" "$m" --due 2027-01-31
expect_rc 0 "a future due date"
[ ! -s "$T/err" ] || fail "a future due date: a note"
run mitigation rag.db "$r" "$m" --status implemented --due 2025-11-30
expect_rc 0 "a past date, implemented"
[ ! -s "$T/err" ] || fail "an implemented mitigation: a note"

# new and import never make an SQLite database called model.yaml.
run new model.yaml --template rag-assistant
expect_rc 2 "new model.yaml"
expect_err "'model.yaml' is named like a yaml file, but it would be a new SQLite database" \
    "new model.yaml"
[ ! -e model.yaml ] || fail "new made a database called model.yaml"
run import svc.yaml copy.yml
expect_rc 2 "import into copy.yml"
[ ! -e copy.yml ] || fail "import made a database called copy.yml"
# An existing database keeps working whatever its name.
cp svc.db legacy.yaml
run list legacy.yaml
expect_rc 0 "an existing database named .yaml"
run import svc.yaml legacy.yaml
expect_rc 0 "import into an existing database named .yaml"

# A risk folded into a finding that covers it (a jailbreak is direct
# injection, OWASP LLM01) is named by that finding: asking for it says
# which one to decide.
run risk rag.db llm-jailbreak@llm
expect_rc 1 "a folded risk"
expect_err "'llm-jailbreak@llm' is part of the finding 'llm-direct-prompt-injection@llm', which covers it" \
    "a folded risk: the finding that covers it"

# A threat id without its target names the risks it raised here.
run risk rag.db llm-system-prompt-leakage
expect_rc 1 "risk without a target"
expect_err "expected THREAT@TARGET" "risk without a target"
expect_err "risks of this threat here: llm-system-prompt-leakage@llm" \
    "risk without a target: the risks"

# --output naming a device or a pipe writes into it: an export to
# /dev/null used to rename a regular file over /dev/null itself. (Tested
# on a FIFO of our own, never on a real device.)
mkfifo pipe
# (The reader gives up after a while, so that a failure cannot hang.)
timeout 20 cat pipe >from-pipe &
reader=$!
run export rag.db --format markdown --output pipe
expect_rc 0 "export to a FIFO"
wait "$reader"
[ -p pipe ] || fail "export to a FIFO replaced the FIFO"
grep -qF "threat model for sign-off" from-pipe ||
    fail "export to a FIFO: the report did not come through it"
ls pipe.* 2>/dev/null && fail "export to a FIFO left files beside it"
# Through a symbolic link, the file it names is replaced, the link kept.
echo old >target.csv
ln -s target.csv link.csv
run export rag.db --format csv --output link.csv
expect_rc 0 "export through a link"
[ -L link.csv ] || fail "export through a link replaced the link"
head -1 target.csv | grep -q '^id,threat,' ||
    fail "export through a link: the target was not written"

# Accepting a risk that nobody owns is refused; with an owner, no note.
run risk gate.db third-party-model-silent-change@llm --status accepted \
    --justification "the vendor pins versions for us"
expect_rc 1 "accept without an owner"
expect_err "accepting a risk requires a risk owner" \
    "accept without an owner: why"
run risk gate.db third-party-model-dependency@llm --status accepted \
    --justification "a second vendor is contracted" --owner "Head of IT"
expect_rc 0 "accept with an owner"
# (Only the note that gate.yaml, imported, does not hold the decision.)
! grep -vF "note: decided in the database, not in 'gate.yaml'" "$T/err" |
    grep -q . || fail "accept with an owner: a note: $(cat "$T/err")"

finish

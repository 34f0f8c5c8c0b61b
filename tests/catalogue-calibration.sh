#!/bin/sh
# The ranking that the standard catalogue gives the starter models and the
# example of the model format, as a reviewer reads it: critical is kept for
# likely and severe scenarios, practice gaps never outrank the attacks they
# enable, and the facts that should move a score do (see the scale at the
# top of data/catalogue/90-adjustments.yaml).
set -u
PARAPET="${PARAPET:-$PWD/parapet}"
SRC="${srcdir:-.}"
T="$(mktemp -d /tmp/parapet-calibration-XXXXXX)"
trap 'rm -rf "$T"' EXIT
# No user catalogue files: the standard catalogue only.
export HOME="$T/home" XDG_CONFIG_HOME="$T/config"
mkdir -p "$HOME"
failures=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# register MODEL: import MODEL into a fresh database; its risks, most severe
# first, go to $T/risks (severity status LxI threat@target title). What
# the assessment raises in all goes to $T/all, in the same columns: the
# risks, and each finding that stands only on unanswered fields (part of
# their open questions, 'parapet questions') once, scored as the risk to
# confirm it would be kept as (one less likely than if the risky answer is
# true, severity from likelihood x impact).
register() {
	rm -f "$T/db" "$T/db-wal" "$T/db-shm"
	if ! "$PARAPET" import "$1" "$T/db" >/dev/null 2>"$T/err"; then
		fail "import $1: $(cat "$T/err")"
		: >"$T/risks"
		: >"$T/all"
		return
	fi
	"$PARAPET" risks "$T/db" >"$T/risks" 2>"$T/err" ||
	    fail "risks $1: $(cat "$T/err")"
	"$PARAPET" questions "$T/db" >"$T/questions" 2>"$T/err" ||
	    fail "questions $1: $(cat "$T/err")"
	{
		grep -E '^(low|medium|high|critical) ' "$T/risks"
		# (not a finding that a presumption read: it is a risk
		# already, as read)
		awk 'FNR == NR { if ($1 ~ /^(low|medium|high|critical)$/)
		    risk[$4] = 1; next }
		    /^             (low|medium|high|critical) +[0-9]x[0-9]  / &&
		    !($3 in risk) {
		    split($2, s, "x"); l = s[1] - 1; if (l < 1) l = 1
		    p = l * s[2]
		    v = "low"; if (p >= 5) v = "medium"
		    if (p >= 10) v = "high"; if (p >= 16) v = "critical"
		    if (!seen[$3]++) print v, "question", l "x" s[2], $3 }' \
		    "$T/risks" "$T/questions"
	} >"$T/all"
}

# severity RISK: the severity of RISK in the last assessment (a risk, or a
# finding of an open question), or "none".
severity() {
	awk -v id="$1" '$4 == id { print $1; found = 1 }
	    END { if (!found) print "none" }' "$T/all"
}

# expect RISK SEVERITY... : RISK has one of the severities listed.
expect() {
	risk="$1"
	shift
	got="$(severity "$risk")"
	for want in "$@"; do
		[ "$got" = "$want" ] && return
	done
	fail "$model: $risk is $got, expected $*"
}

for model in "$SRC"/templates/*.yaml "$SRC"/tests/data/yaml/spec-example.yaml; do
	register "$model"
	# Counted over what the assessment raises: the risks and the
	# findings its open questions hold (an unanswered field is no less
	# at stake for being a question).
	total="$(grep -cE '^(low|medium|high|critical) ' "$T/all")"
	crit="$(grep -c '^critical ' "$T/all")"
	# A floor against a catalogue that silences what it should raise.
	# Unanswered practices are open questions, not risks, and facts a
	# model states quiet what does not apply to it, so a small, well
	# described system (the document assistant: 19) raises fewer than
	# the 20 this once asked for; 15 still catches a silenced catalogue.
	[ "$total" -ge 15 ] || fail "$model: only $total risks"
	# Critical is the exception: at most one risk in eight.
	[ $((crit * 8)) -le "$total" ] ||
	    fail "$model: $crit of $total risks are critical"
	# One threat is raised at most three times for one system: a threat
	# whose harm is one fact of a shared component (the agent that
	# drives the tools, the pipeline that trains on the datasets) is
	# one finding there, naming every tool or dataset.
	most="$(awk '/^(low|medium|high|critical) / {
	    split($4, a, "@"); if (++n[a[1]] > m) { m = n[a[1]]; w = a[1] } }
	    END { print m + 0, w }' "$T/all")"
	[ "${most%% *}" -le 3 ] ||
	    fail "$model: one threat is raised ${most%% *} times (${most#* })"
	# A practice gap is never critical, nor the most severe risk.
	if grep -q '^critical .* practice-' "$T/risks"; then
		fail "$model: a practice gap is critical"
	fi
	if head -n 1 "$T/risks" | grep -q ' practice-'; then
		fail "$model: a practice gap is ranked first"
	fi
done

# The public RAG assistant: the only thing its LLM drives opens a ticket
# (action-impact low), so an injected instruction misleads a customer or
# files a ticket but acts on nothing: both kinds of injection are high,
# not critical (what it leaks through links is its own finding); harms
# that stay bounded are lower still.
model=rag-assistant
register "$SRC/templates/rag-assistant.yaml"
expect llm-indirect-prompt-injection@llm high
expect llm-direct-prompt-injection@llm high
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@llm |
    grep -q '^    impact -1: nothing that acts on its output does more than a contained action' ||
    fail "$model: the contained ticket tool does not bound the injection"
# A jailbreak is direct injection aimed at the safety training (OWASP
# LLM01): the direct injection finding names it, rather than a second
# finding for the same person, input and model.
expect llm-jailbreak@llm none
"$PARAPET" risk "$T/db" llm-direct-prompt-injection@llm |
    grep -q "^    fact: this finding also covers 'llm-jailbreak' " ||
    fail "$model: direct injection does not name the jailbreak"
expect llm-system-prompt-leakage@llm high medium
expect llm-unbounded-consumption@llm medium low
# The vendor's own endpoint is the vendor's to protect.
expect model-extraction@llm-api none
# Improper output handling is about where the model's output is handled,
# the backend that renders it and calls the ticket tool, not the vendor's
# endpoint that only serves it.
expect llm-improper-output-handling@chat-backend medium
expect llm-improper-output-handling@llm-api none
# The outside monitoring service takes the same prompts, which carry the
# customers' personal data, as the in-house transcripts: it ranks with
# them, whether or not the model states personal-data of it.
expect monitoring-holds-sensitive-data@transcripts high
expect monitoring-holds-sensitive-data@monitoring high
"$PARAPET" risk "$T/db" monitoring-holds-sensitive-data@monitoring |
    grep -q "^    fact: 'monitoring' is a monitoring service$" ||
    fail "$model: the monitoring's kind does not read as a noun"
# The vendor's chat model and embedding model fail together when the
# vendor is breached or goes down: one finding, naming both.
expect third-party-model-dependency@llm medium
expect third-party-model-dependency@embedder none
"$PARAPET" risk "$T/db" third-party-model-dependency@llm |
    grep -q "^    fact: one finding for components 'llm' and 'embedder'" ||
    fail "$model: the vendor's models are not one dependency finding"

# The example of the model format: its ticket tool's action-impact is not
# answered, so what it can do is not taken to be contained: unanswered
# never lowers a score.
model=spec-example
register "$SRC/tests/data/yaml/spec-example.yaml"
expect llm-indirect-prompt-injection@llm critical
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@llm |
    grep -q '^    impact -1: .*contained action' &&
    fail "$model: an unanswered action-impact bounds the injection"
# It says so, once: the bound it would take if the field were answered.
[ "$("$PARAPET" risk "$T/db" llm-indirect-prompt-injection@llm |
    grep -c "^    would be lower, impact -1 (nothing that acts on its output does more than a contained action, or acts before a person approves it, or runs code), if answered so: 'tickets' can take only low-impact actions (action-impact not answered)")" = 1 ] ||
    fail "$model: the injection does not say that a contained ticket tool would bound it"

# The internal agent: anyone who can send it an e-mail or publish a page can
# instruct it (critical); only employees type to it (not critical).
model=agent-with-tools
register "$SRC/templates/agent-with-tools.yaml"
expect llm-indirect-prompt-injection@planner-llm critical
expect llm-direct-prompt-injection@planner-llm high
# Approval before each action lowers what the calendar tool risks.
expect agent-excessive-agency@calendar-tool medium
# Its Python tool runs in a sandbox the organisation set up (trust:
# sandbox): model-written code must escape it before it reaches anything
# else, and the sandbox is not a zone where an attacker reads what the
# agent sends there.
expect agent-code-execution@python-tool medium
"$PARAPET" risk "$T/db" agent-code-execution@python-tool |
    grep -q '^    likelihood -1: it runs in a sandbox the organisation set up to confine it$' ||
    fail "$model: the sandbox does not lower code execution"
"$PARAPET" risk "$T/db" agent-tool-exfiltration@agent 2>/dev/null |
    grep -q "'python-tool'" &&
    fail "$model: the sandboxed code tool is taken for a way out"

# The fraud model: adversarial transactions arrive from the card network,
# so its restricted zone does not make evasion less likely.
model=fraud-classifier-feedback
register "$SRC/templates/fraud-classifier-feedback.yaml"
expect evasion-adversarial-inputs@fraud-model critical

# The fine-tuning pipeline: an unverified pickle from a public hub.
model=fine-tuned-open-weights-api
register "$SRC/templates/fine-tuned-open-weights-api.yaml"
expect malicious-serialised-weights@base-model critical
expect supply-chain-public-model-hub@model-hub critical
# Drafts a law firm's lawyers read through its own application: a
# partner's professionals, medium, as the organisation's own staff.
expect llm-misinformation-overreliance@legal-model medium

# rank RISK: its place in the last register (1 = first), or 9999.
rank() {
	grep -E '^(low|medium|high|critical) ' "$T/risks" |
	    awk -v id="$1" '$4 == id { print NR; found = 1; exit }
	    END { if (!found) print 9999 }'
}

# above A B: risk A is listed before risk B.
above() {
	[ "$(rank "$1")" -lt "$(rank "$2")" ] ||
	    fail "$model: $1 (place $(rank "$1")) is not above $2 (place $(rank "$2"))"
}

# Severity that means something, on each starter model's register (the
# risks it lists; the findings of open questions are not in it):
# - about one risk in three is high or critical: at most two in five on one
#   model (the richest, a public multi-agent desk that refunds money, keeps
#   a memory shared between customers and fetches any address the model
#   picks, has 10 of 26) where there are ten risks or more (on a short
#   register one risk moves the share by a seventh: a fraud classifier with
#   7 risks, 3 of them high, meets only the bound below), at most one in
#   three over all the starter models together, and never more than half;
# - critical is rare: at most two on one model, one a model on average,
#   and never the score of something a person reads before it takes
#   effect or of an injection that can act on nothing (those facts lower
#   what it can do: adj-human-review-all, adj-llm-output-to-people).
all_total=0 all_high=0 all_crit=0 models=0
for model in "$SRC"/templates/*.yaml; do
	register "$model"
	total="$(grep -cE '^(low|medium|high|critical) ' "$T/risks")"
	high="$(grep -cE '^(high|critical) ' "$T/risks")"
	crit="$(grep -c '^critical ' "$T/risks")"
	all_total=$((all_total + total)) all_high=$((all_high + high))
	all_crit=$((all_crit + crit)) models=$((models + 1))
	[ "$total" -lt 10 ] || [ $((high * 5)) -le $((total * 2)) ] ||
	    fail "$model: $high of $total risks are high or critical (more than 2 in 5)"
	[ $((high * 2)) -le "$total" ] ||
	    fail "$model: $high of $total risks are high or critical (more than half)"
	[ "$crit" -le 2 ] || fail "$model: $crit risks are critical"
	for id in $(awk '$1 == "critical" { print $4 }' "$T/risks"); do
		"$PARAPET" risk "$T/db" "$id" >"$T/one"
		grep -Eq '^    impact -1: (a person reviews every output|nothing that acts on its output)' \
		    "$T/one" && fail "$model: $id is critical though nothing acts on it unseen"
	done
done
[ $((all_high * 3)) -le "$all_total" ] ||
    fail "starter models: $all_high of $all_total risks are high or critical"
[ "$all_crit" -le "$models" ] ||
    fail "starter models: $all_crit critical risks on $models models"

# Every practice answered no: the gaps are risks, none of them critical
# and none above the attacks they enable.
for model in "$SRC"/templates/*.yaml; do
	register "$model"
	for q in $("$PARAPET" questions "$T/db" |
	    awk '$1 == "unknown" { print $3 }'); do
		"$PARAPET" answer "$T/db" "$q" no >/dev/null ||
		    fail "$model: answer $q no"
	done
	"$PARAPET" risks "$T/db" >"$T/risks"
	grep -q ' practice-' "$T/risks" ||
	    fail "$model: a practice answered no raises no risk"
	if grep -q '^critical .* practice-' "$T/risks"; then
		fail "$model: a practice gap answered no is critical"
	fi
	if head -n 1 "$T/risks" | grep -q ' practice-'; then
		fail "$model: a practice gap answered no is ranked first"
	fi
done

# An instruction injected into an invoice that a tool pays outranks a
# wrong answer that the customer reads and can check.
model=calibration-payments
register "$SRC/tests/data/calibration/payments.yaml"
expect agent-excessive-agency@pay-tool high critical
above agent-excessive-agency@pay-tool llm-misinformation-overreliance@llm
# The criticality is counted once, and the cost of the action on top.
grep -q '^high .* 3x5  agent-excessive-agency@pay-tool ' "$T/risks" ||
    fail "$model: the payment tool's action impact is lost"

# Outsiders reaching a component is one fact: a tool fed from an untrusted
# zone (an agent on the customer's phone) that the public also instructs
# through a public entry point is one point likelier, not two.
model=calibration-on-device-agent
register "$SRC/tests/data/calibration/on-device-agent.yaml"
grep -q '^high .* 3x5  agent-excessive-agency@order-tool ' "$T/risks" ||
    fail "$model: public reach is counted twice on the order tool"

# A Git server that contractors push to, whose capture is not stated: it
# sends documents, so it is files, not a live microphone of the people
# upstream. Indirect injection through it is a risk as stated, not a
# question of whether the server is a microphone.
model=calibration-pull-requests
register "$SRC/tests/data/calibration/pull-requests.yaml"
grep -q ' llm-indirect-prompt-injection@llm ' "$T/risks" ||
    fail "$model: injection through a server of documents waits on its capture"

# A review above a limit leaves the actions below it taken on the model's
# word: an LLM that plans an agent's bookings, reviewed only over the
# policy limit, is relied on (misinformation high); one whose every
# booking is approved is read first (medium).
model=calibration-booking-limit
register "$SRC/tests/data/calibration/booking-limit.yaml"
expect llm-misinformation-overreliance@llm-a high
expect llm-misinformation-overreliance@llm-b medium
above llm-misinformation-overreliance@llm-a llm-misinformation-overreliance@llm-b

# An internal research assistant over documents that outsiders wrote:
# only the firm's staff ask, so retrieval beyond a user's rights is no
# likelier for the outside authors (high, not critical); and poisoned
# passages reach only answers that lawyers read, a wrong output a person
# can catch, not critical, below an injection that moves money.
model=calibration-outside-documents
register "$SRC/tests/data/calibration/outside-documents.yaml"
expect rag-access-control-gap@index high
expect rag-poisoning@index high medium
grep -q '^high .* 3x4  rag-access-control-gap@index ' "$T/risks" ||
    fail "$model: outside authors make retrieval beyond rights likelier"

# A computer-use agent's browser whose every payment the staff member who
# asked confirms, whatever the amount (human-review: by-class): that is an
# approval of its costliest actions, as a review above a limit is, so its
# excessive agency is high, not critical; and with no amount under a line
# there is no limit to game.
model=calibration-payment-class
register "$SRC/tests/threats/decision-limit-gaming/quiet-payment-browser.yaml"
expect agent-excessive-agency@browser high
expect decision-limit-gaming@browser none

# Guardrails of a public image generator: slipping past one yields what
# the generator would make unchecked, whose harm is the generator's own
# finding; evading them is high, not critical. A fraud scorer that decides
# alone stays critical (above). A guardrail stated a classifier too (a PII
# redactor that tags names) is still a guardrail.
model=calibration-guardrail
register "$SRC/tests/data/calibration/guardrail.yaml"
expect evasion-adversarial-inputs@moderation high
expect evasion-adversarial-inputs@safety high
expect evasion-adversarial-inputs@redactor high

# A search ranker over listings that anyone can write: a listing crafted
# to climb it is likely, but shoppers still choose from what it puts
# first, a degraded service (high), not a decision taken alone (the fraud
# scorer above stays critical).
model=calibration-ranking
register "$SRC/tests/data/calibration/ranking.yaml"
expect evasion-adversarial-inputs@ranker high
"$PARAPET" risk "$T/db" evasion-adversarial-inputs@ranker |
    grep -q '^    impact -1: a recommender only orders what people then choose from' ||
    fail "$model: the ranker's evasion is not bounded by the choice people make"

# Insiders, one reading for the three threats whose attacker types into
# the model: staff in the organisation's own zone whose untrusted-input is
# not answered are read as its own (one less likely, the reason says so),
# and the field stays an open question, whose risky answer gives the full
# score. Stated untrusted-input: true keeps the full score; stated false
# leaves only the jailbreak, one less likely, asking nothing.
model=calibration-staff-records
register "$SRC/tests/data/calibration/staff-records.yaml"
for id in llm-direct-prompt-injection@llm llm-system-prompt-leakage@llm; do
	"$PARAPET" risk "$T/db" "$id" >"$T/one" 2>&1 ||
	    fail "$model: $id is not a risk"
	grep -q "^    likelihood -1: read as the organisation's own staff" \
	    "$T/one" || fail "$model: $id does not say it reads insiders"
	grep -q "^    read so while not answered: 'staff' takes no untrusted input" \
	    "$T/one" || fail "$model: $id does not name the field it reads"
done
grep -q '^medium .* 2x3  llm-direct-prompt-injection@llm ' "$T/risks" ||
    fail "$model: insiders' direct injection is not 2x3"
grep -q '^low .* 2x2  llm-system-prompt-leakage@llm ' "$T/risks" ||
    fail "$model: insiders' system-prompt leakage is not 2x2"
awk '/^field / { q = /untrusted-input of user .staff./ } q' "$T/questions" \
    >"$T/q-staff"
grep -q '^             medium   3x3  llm-direct-prompt-injection@llm ' \
    "$T/q-staff" || fail "$model: the staff question does not give direct injection's full score"
grep -q '^             medium   3x2  llm-system-prompt-leakage@llm ' \
    "$T/q-staff" || fail "$model: the staff question does not give leakage's full score"
grep -q "^ *assumed: 'staff' takes untrusted input (untrusted-input not answered)" \
    "$T/q-staff" || fail "$model: the staff question does not say what it assumes"
model=calibration-staff-records-untrusted
sed 's/kind: user, boundary: corp }/kind: user, boundary: corp, untrusted-input: true }/' \
    "$SRC/tests/data/calibration/staff-records.yaml" >"$T/staff.yaml"
register "$T/staff.yaml"
grep -q '^medium .* 3x3  llm-direct-prompt-injection@llm ' "$T/risks" ||
    fail "$model: stated untrusted staff do not keep the full score"
grep -q "untrusted-input of user 'staff'" "$T/questions" &&
    fail "$model: a stated untrusted-input is still asked"
model=calibration-staff-records-trusted
sed 's/kind: user, boundary: corp }/kind: user, boundary: corp, untrusted-input: false }/' \
    "$SRC/tests/data/calibration/staff-records.yaml" >"$T/staff.yaml"
register "$T/staff.yaml"
expect llm-direct-prompt-injection@llm none
grep -q '^low .* 2x2  llm-jailbreak@llm ' "$T/risks" ||
    fail "$model: stated trusted staff's jailbreak is not 2x2"
"$PARAPET" risk "$T/db" llm-jailbreak@llm | grep -q 'read so while' &&
    fail "$model: a stated answer is read as a presumption"

# The caller's own speech, transcribed, is direct injection, not indirect
# (the assistant drives no tool: medium, its answer is what is at stake).
model=calibration-voice
register "$SRC/tests/data/calibration/voice.yaml"
expect llm-direct-prompt-injection@assistant medium high critical
expect llm-indirect-prompt-injection@assistant none

# A tool that can act, unapproved, whose executes-code is not answered:
# either answer raises a finding, so the one it has whatever code it runs,
# excessive agency, stands on facts (medium: a contained internal tool);
# code execution rests on the field: one open question, which names it
# (the worse answer) and says what the other answer raises; kept as a
# risk to confirm, it would not be high.
model=calibration-unknown-tool
register "$SRC/tests/data/calibration/unknown-tool.yaml"
expect agent-code-execution@runner medium low
grep -q '^medium .* agent-excessive-agency@runner ' "$T/risks" ||
    fail "$model: the acting tool's excessive agency is not a medium risk on facts"
grep -Eq ' agent-(code-execution|hallucinated-packages)@runner ' \
    "$T/risks" && fail "$model: a risk rests on the unanswered field"
[ "$(grep -c "^field .* executes-code of tool 'runner' is not answered" \
    "$T/questions")" = 1 ] ||
    fail "$model: executes-code of 'runner' is not one open question"
awk '/^field / { q = /executes-code of tool .runner./ } q' "$T/questions" \
    >"$T/q-runner"
grep -q ' agent-code-execution@runner ' "$T/q-runner" ||
    fail "$model: the question does not name code execution"
grep -q "^ *assumed: 'runner' executes code (executes-code not answered)" \
    "$T/q-runner" || fail "$model: the question does not say what it assumes"
grep -q "the other answer would raise 'agent-excessive-agency' instead" \
    "$T/q-runner" || fail "$model: the question does not name the other answer's threat"

# The multi-agent desk: a fetch tool whose address the model chooses is a
# way out for injected instructions; the orchestrator's traces keep prompts.
model=multi-agent-mcp
register "$SRC/templates/multi-agent-mcp.yaml"
expect llm-indirect-prompt-injection@llm critical high
# One finding on the agent that calls the fetch tool, naming it.
expect agent-tool-exfiltration@knowledge-agent critical high medium low
expect agent-tool-exfiltration@fetch-tool none
expect monitoring-holds-sensitive-data@traces critical high medium low
# The vendor runs the CRM server and the LLM: their endpoints are theirs.
expect model-extraction@crm-tool none
# The CRM server runs no model: customers' details sent to it are the
# partner zone's finding, not sensitive data to a third-party AI; its fixed
# endpoint and the refund tool's are no way out for injected instructions.
expect sensitive-data-to-third-party-ai@crm-vendor none
expect agent-tool-exfiltration@crm-tool none
expect agent-tool-exfiltration@refund-tool none
for tool in crm-tool refund-tool; do
	"$PARAPET" risk "$T/db" agent-tool-exfiltration@knowledge-agent |
	    grep -q "'$tool'" &&
	    fail "$model: tool exfiltration names the fixed-endpoint $tool"
done
expect agent-excessive-agency@refund-tool high critical
expect agent-excessive-agency@billing-agent none
# Sub-agents' results are among what the orchestrator reads: one finding
# that it can be steered, naming that path; the shared memory index
# returning what a user may not see is that index's finding, not the
# orchestrator's as a confused deputy. Every agent plans with the one
# shared LLM, so that path is the injection into it: the LLM's indirect
# injection finding names the agents' goal hijack, once (trial3 H).
expect llm-indirect-prompt-injection@llm critical
expect agent-goal-hijack@orchestrator none
expect agent-injection-propagates@orchestrator none
# What steers the orchestrator rides its delegation into the billing agent,
# which holds the refund tool: the one finding names that agent too, on
# facts, rather than a second finding of its own.
expect agent-goal-hijack@billing-agent none
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@llm >"$T/r"
grep -q "^    fact: 'billing-agent' is reachable from 'web' through flows" "$T/r" &&
    grep -q "^    fact: every agent that 'agent-goal-hijack' names plans with 'llm'" "$T/r" ||
    fail "$model: the shared LLM's injection does not name the goal hijack through the billing agent"
# The billing agent validates each task before it acts; the orchestrator
# acts on the sub-agents' results unchecked.
expect agent-cascading-failure@billing-agent none
expect agent-cascading-failure@orchestrator medium high critical
expect rag-access-control-gap@memory-store high medium
expect agent-confused-deputy@orchestrator none
# Disclosure of personal data is impact 4 at most, whatever the stakes.
grep -q ' [1-5]x5  monitoring-holds-sensitive-data@traces ' "$T/risks" &&
    fail "$model: a log store's disclosure scores impact 5"

# Agents that plan with models of their own are each a way in: the chain
# keeps its goal hijack finding beside the models' injection findings.
model=calibration-own-models
register "$SRC/tests/threats/agent-goal-hijack/fires-orchestrator.yaml"
expect agent-goal-hijack@orchestrator medium high critical

# Voice banking: the vendor's verifier runs in the bank, so how it is
# exposed and what its stack pulls in are the bank's; callers' audio comes
# from a microphone, so played-back or crafted sound reaches the verifier.
model=voice-banking-assistant
register "$SRC/templates/voice-banking-assistant.yaml"
expect supply-chain-ml-framework@verify-api critical high medium low
# Audio crafted, or played back at the microphone, to make the verifier
# accept is spoofing: one finding, which names the evasion it covers (and
# the physical attack, where a capture device is modelled). Attempts are
# limited, so there is no oracle to tune a forgery against.
expect biometric-spoofing@verifier critical high
expect evasion-adversarial-inputs@verifier none
expect physical-adversarial-inputs@verifier none
expect biometric-oracle@verify-api none
# The caller's live speech is direct injection, not content others wrote.
expect llm-direct-prompt-injection@llm critical high
expect llm-indirect-prompt-injection@llm none
# The agent pays through the payments tool: excessive agency is raised on
# the tool that acts, once; the agent acts as the caller, so it is no
# confused deputy; the verifier is installed in the bank, so its vendor
# cannot change it silently.
expect agent-excessive-agency@payments-tool high critical
expect agent-excessive-agency@banking-agent none
expect agent-confused-deputy@banking-agent none
expect third-party-model-silent-change@verifier none
expect third-party-model-silent-change@llm high medium
# Learning which tools the agent has helps an attacker plan; it gives away
# none of the callers' data the agent handles, so that data does not raise
# it (ATLAS discovery; the injection it prepares has its own finding).
"$PARAPET" risk "$T/db" agent-config-discovery@banking-agent |
    grep -q 'handles personal or confidential data' &&
    fail "$model: the agent's personal data raises the discovery of its tools"
expect agent-config-discovery@banking-agent medium low

# The document assistant: uploads are no camera; a handler reviews every
# score, so no decision is automatic. The fraud model learns from the
# handlers' own decisions (staff, not outsiders): no untrusted source
# poisons it, but claims written to sway those decisions skew it.
model=multimodal-document-assistant
register "$SRC/templates/multimodal-document-assistant.yaml"
expect physical-adversarial-inputs@mm-llm none
expect automated-decision-critical@fraud-model none
expect data-poisoning-untrusted-sources@outcomes none
expect model-skewing@fraud-model high medium low
expect llm-indirect-prompt-injection@mm-llm critical high
# Images or sound crafted against the multimodal LLM are injection in
# another form: its direct-injection finding names them.
expect evasion-adversarial-inputs@mm-llm none
grep -q '^critical .* llm-direct-prompt-injection@mm-llm ' "$T/risks" ||
grep -q '^high .* llm-direct-prompt-injection@mm-llm ' "$T/risks" ||
    fail "$model: no direct injection finding on the multimodal LLM"
# A handler reviews every draft and score: evasion is not critical.
expect evasion-adversarial-inputs@fraud-model high medium low
# The fraud scores reach the LLM's context, not its weights.
expect llm-sensitive-info-disclosure@mm-llm none

# A supplier's silent model change: the likelihood of a routine update, so
# the system's stakes do not raise it (they count for a hostile change,
# which is likely only of a compromised supplier).
model=voice-banking-assistant
register "$SRC/templates/voice-banking-assistant.yaml"
expect third-party-model-silent-change@llm medium
expect third-party-model-silent-change@asr medium

# An instruction hidden in an uploaded document: through the agent that
# pays invoices it moves money; in the summary that an adjuster reads in
# full, and that reaches nothing that acts, it misleads a person who can
# catch it. The first ranks above the second, which is not critical.
model=calibration-reviewed-summary
register "$SRC/tests/data/calibration/reviewed-summary.yaml"
expect llm-indirect-prompt-injection@payer-llm critical
expect llm-indirect-prompt-injection@summariser high medium
above llm-indirect-prompt-injection@payer-llm llm-indirect-prompt-injection@summariser

# Weights downloaded from a public hub carry no one's input: what employees
# can make the served model do is not likelier for it (no "fed from an
# untrusted zone").
model=calibration-served-open-weights
register "$SRC/tests/data/calibration/served-open-weights.yaml"
grep -q '^medium .* 3x3  llm-direct-prompt-injection@served-llm ' "$T/risks" &&
    "$PARAPET" risk "$T/db" llm-direct-prompt-injection@served-llm |
    grep -q "^    fact: this finding also covers 'llm-jailbreak' " ||
    fail "$model: the weights download makes jailbreak likelier"
grep -q '^medium .* 3x2  llm-system-prompt-leakage@served-llm ' "$T/risks" ||
    fail "$model: the weights download makes prompt leakage likelier"

# A backdoor or a weakness kept from a public base chooses an output: where
# an engineer reads every answer before using it, it ranks below the same
# backdoor in a classifier whose verdicts take effect unseen.
model=calibration-reviewed-open-weights
register "$SRC/tests/data/calibration/reviewed-open-weights.yaml"
expect backdoored-model@advice-llm medium
expect backdoored-model@gate-model high
above backdoored-model@gate-model backdoored-model@advice-llm
above transfer-learning-attack@gate-model transfer-learning-attack@advice-llm
# An embedding model only ranks what is retrieved (adj-embedding-ranks-only).
expect backdoored-model@embedder medium
above backdoored-model@gate-model backdoored-model@embedder
# Only engineers stated to write nothing an attacker controls prompt the
# advice LLM, through an internal app: jailbreaking it needs an insider
# (likelihood 2). Employees whose input is not so stated (the served
# open-weights desk below) keep the catalogue's likelihood.
grep -q '^low .* 2x2  llm-jailbreak@advice-llm ' "$T/risks" ||
    fail "$model: a jailbreak that needs an insider is not low"

# A per-caller limit on the only way to an internal LLM bounds what staff
# can make it spend; the same limit behind a public chat does not.
model=calibration-rate-limited-endpoint
register "$SRC/tests/data/calibration/rate-limited-endpoint.yaml"
expect llm-unbounded-consumption@staff-llm low
expect llm-unbounded-consumption@public-llm medium high
above llm-unbounded-consumption@public-llm llm-unbounded-consumption@staff-llm

# An answer from a vendor's LLM whose encryption is not answered: one
# finding for the clear-text flow into the agent, which names the output
# integrity threat it covers, not two risks for one flow.
model=calibration-answer-in-clear
register "$SRC/tests/threats/output-integrity-in-transit/fires-agent.yaml"
expect flow-unencrypted-sensitive@agent low medium
expect output-integrity-in-transit@agent none
# Encryption unanswered, the finding is part of that field's question:
# the question raises the clear-text finding and nothing else.
"$PARAPET" questions "$T/db" |
    awk '/^field/ { on = /encrypted of flow .steps./ } on' >"$T/q"
grep -q 'flow-unencrypted-sensitive@agent' "$T/q" &&
    ! grep -q 'output-integrity-in-transit' "$T/q" ||
    fail "$model: the encryption question does not raise one clear-text finding"

# An LLM that only an agent prompts: its cost is the agent's runaway
# finding, once; a model that a public chat prompts keeps its own.
model=calibration-planner-cost
register "$SRC/tests/threats/llm-unbounded-consumption/quiet-planner-llm.yaml"
expect agent-resource-runaway@agent low medium high
expect llm-unbounded-consumption@planner-llm none

# A log store that ingests what outsiders write (attacker-written log
# lines) is no easier to read for it; one the internet can reach is.
model=calibration-log-ingest
register "$SRC/tests/data/calibration/log-ingest.yaml"
expect monitoring-holds-sensitive-data@siem high medium
expect monitoring-holds-sensitive-data@public-logs critical high
above monitoring-holds-sensitive-data@public-logs monitoring-holds-sensitive-data@siem

# Spoofing a face verifier at a door needs the attacker there in person,
# with a badge: high, not critical, and not a classifier's evasion score
# taken over when that finding folds in. A verifier that anyone can call
# through a public line is tried remotely, at scale: it ranks above.
model=calibration-door-verifier
register "$SRC/tests/data/calibration/door-verifier.yaml"
expect biometric-spoofing@door-verifier high
expect evasion-adversarial-inputs@door-verifier none
expect biometric-spoofing@voice-verifier critical
above biometric-spoofing@voice-verifier biometric-spoofing@door-verifier

# A public assistant whose only acting tool waits for a person to approve
# each action: injection proposes, a person decides; high, not critical.
# Without the approval stated, it stays critical.
model=calibration-approved-actions
register "$SRC/tests/data/calibration/approved-actions.yaml"
expect llm-direct-prompt-injection@llm high
"$PARAPET" risk "$T/db" llm-direct-prompt-injection@llm |
    grep -q '^    impact -1: nothing that acts on its output does more than a contained action, or acts before a person approves it, or runs code$' ||
    fail "$model: approval of every action does not bound the injection"
sed 's/, human-approval: true }/ }/' "$SRC/tests/data/calibration/approved-actions.yaml" >"$T/unapproved.yaml"
model=calibration-approved-actions-unstated
register "$T/unapproved.yaml"
expect llm-direct-prompt-injection@llm critical

# A store that deletes its recordings after a set period exposes less in a
# breach than one that keeps them all: one impact point lower, said so.
model=calibration-call-recordings
register "$SRC/tests/data/calibration/call-recordings.yaml"
above recording-retention-consent@archive recording-retention-consent@qa-recordings
"$PARAPET" risk "$T/db" recording-retention-consent@qa-recordings |
    grep -q '^    impact -1: what it holds is kept for a set period at most, then deleted$' ||
    fail "$model: a limited retention does not lower the recordings' impact"

# Who may read what an index returns is stated, not assumed: an index of
# confidential documents whose access-control is not answered is an open
# question naming the finding, not a risk; stated none, it is the risk.
model=calibration-index-access-unstated
register "$SRC/tests/threats/rag-access-control-gap/fires-kb.yaml"
grep -q '^[a-z]* .* rag-access-control-gap@kb ' "$T/risks" &&
    fail "$model: an unanswered access-control raises the risk"
grep -A2 "^field .* access-control of vector-store 'kb' is not answered" "$T/questions" |
    grep -q '^             high     3x4  rag-access-control-gap@kb ' ||
    fail "$model: the unanswered access-control is not a question naming the finding"
model=calibration-index-access-none
register "$SRC/tests/threats/rag-access-control-gap/fires-deal-index.yaml"
expect rag-access-control-gap@deal-index high

# A person accepts no requests: what an applicant sends a public careers
# site without signing in is a request they opened, so the unauthenticated
# flow is a risk on facts, not an open question about which end opened it.
model=calibration-person-opens-request
register "$SRC/tests/threats/flow-unauthenticated-from-less-trusted/fires-careers.yaml"
grep -q '^medium .* flow-unauthenticated-from-less-trusted@careers ' "$T/risks" ||
    fail "$model: the unauthenticated applications are not a risk"
grep -q "^field .* initiator of flow 'apply' is not answered" "$T/questions" &&
    fail "$model: which end a person's request opened is asked"

# What a person sends is a request, whatever its data: where the data is
# not answered it is not read as possibly training data, feedback,
# weights or model output (their in-transit threats), so an
# unauthenticated request from a less trusted zone is a risk on facts and
# nothing asks whether training data is injected on it.
model=calibration-person-request-unlabelled
register "$SRC/tests/threats/training-data-in-transit/quiet-admin-console.yaml"
grep -q '^[a-z]* .* flow-unauthenticated-from-less-trusted@admin-console ' "$T/risks" ||
    fail "$model: the administrator's unauthenticated requests are not a risk"
grep -q 'in-transit@' "$T/questions" &&
    fail "$model: a person's request is asked about data in transit"

# A model that decides about people and is trained on people's past
# verdicts about them learns their biases: its unfairness is likely, high;
# one trained on outcomes nobody judged (repayments) keeps the threat's
# medium. The fraud template's classifier, retrained on analysts'
# verdicts, is the first kind.
model=calibration-past-decisions
register "$SRC/tests/data/calibration/past-decisions.yaml"
expect unfair-decisions-about-people@credit-scorer high
expect unfair-decisions-about-people@default-scorer medium
"$PARAPET" risk "$T/db" unfair-decisions-about-people@credit-scorer 2>&1 |
    grep -q "likelihood +1: it learns from people's past decisions" ||
    fail "$model: the credit scorer's risk does not say it learns from past decisions"
model=calibration-fraud-verdicts
register "$SRC/templates/fraud-classifier-feedback.yaml"
expect unfair-decisions-about-people@fraud-model high

# What a generator draws that is published in the organisation's name
# goes out as its own statement: a likeness of a real person posted on
# its accounts is one more severe than one shown to staff, and so is
# what a jailbreak gets out of it. A publisher not stated so is not
# assumed to publish, and nobody is asked about every outside service.
model=calibration-published-images
register "$SRC/tests/data/calibration/published-images.yaml"
expect genai-deepfake-misuse@campaign-gen high
expect genai-deepfake-misuse@mood-gen medium
expect genai-deepfake-misuse@teaser-gen medium
# (a person approves each post before it is published: not raised)
expect genai-deepfake-misuse@press-gen medium
grep -q '^medium .* 2x3  llm-jailbreak@campaign-gen ' "$T/risks" ||
    fail "$model: the published generator's jailbreak is not 2x3"
grep -q '^low .* 2x2  llm-jailbreak@mood-gen ' "$T/risks" ||
    fail "$model: the mood-board generator's jailbreak is not 2x2"
grep -q '^low .* 2x2  llm-jailbreak@press-gen ' "$T/risks" ||
    fail "$model: the reviewed press generator's jailbreak is not 2x2"
grep -q 'publishes' "$T/questions" &&
    fail "$model: an unanswered publishes is asked"
"$PARAPET" risk "$T/db" genai-deepfake-misuse@campaign-gen 2>&1 |
    grep -q "impact +1: what it generates is published in the organisation's name" ||
    fail "$model: the published generator's risk does not say why it is higher"

# What an LLM writes from outside sellers' listings and a storefront
# publishes unreviewed in the shop's name: an instruction hidden in a
# listing puts what the seller chose before every shopper, with nobody
# between who could catch it, so its injection is not lowered as output
# that only people read (critical). Approved one by one by a merchandiser
# before publication, or sent back as a draft to the seller who wrote the
# listing, it is (high), and a draft that becomes a listing again is the
# next model's finding, not this one's.
model=calibration-published-descriptions
register "$SRC/tests/data/calibration/published-descriptions.yaml"
expect llm-indirect-prompt-injection@shop-llm critical
expect llm-indirect-prompt-injection@catalogue-llm high
expect llm-indirect-prompt-injection@draft-llm high
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@shop-llm |
    grep -q "^    not lowered, impact -1 (nothing that acts on its output.*'storefront' publishes what it receives in the organisation's name" ||
    fail "$model: no line says why the published output is not lowered"

# A wrong answer that a tool acts on with nobody approving (an alert
# closed as benign) is a corrupted decision: it ranks above the same
# model's wrong draft that an analyst reads.
model=calibration-unapproved-closure
register "$SRC/tests/data/calibration/unapproved-closure.yaml"
expect llm-misinformation-overreliance@triage-llm high
expect llm-misinformation-overreliance@drafting-llm medium
above llm-misinformation-overreliance@triage-llm llm-misinformation-overreliance@drafting-llm

# Plain SaaS suppliers holding the organisation's data (no model of
# theirs): one finding per supplier zone, whatever number of its
# components and flows carry the data; never restated per component or
# flow (and no AI-supplier finding for a supplier that runs no model).
model=calibration-saas-suppliers
register "$SRC/tests/data/calibration/saas-suppliers.yaml"
for zone in payroll-saas mail-saas; do
	[ "$(grep -c "@$zone " "$T/risks")" = 1 ] ||
	    fail "$model: $zone is not one finding"
done
grep -Eq '@(payroll|payslips|mailer|pay|file-payslip|fetch-payslip|notify) ' \
    "$T/all" && fail "$model: a SaaS supplier's component or flow is a finding of its own"

# Who acts on the answer sets what a wrong one does: given to the public
# as advice it is acted on as given (high); a professional of the
# organisation reads the draft first (medium). The stakes are the
# threat's own condition (a high-criticality system), counted once: no
# criticality point on top, and its own impact is a wrong service (3).
model=calibration-public-advice
register "$SRC/tests/data/calibration/public-advice.yaml"
grep -q '^high .* 4x3  llm-misinformation-overreliance@advice-llm ' \
    "$T/risks" || fail "$model: a wrong answer given to the public is not 4x3"
grep -q '^medium .* 4x2  llm-misinformation-overreliance@draft-llm ' \
    "$T/risks" || fail "$model: a draft a professional reads first is not 4x2"
above llm-misinformation-overreliance@advice-llm llm-misinformation-overreliance@draft-llm
for id in advice-llm draft-llm; do
	"$PARAPET" risk "$T/db" "llm-misinformation-overreliance@$id" |
	    grep -q '^    impact +1: the system' &&
	    fail "$model: misinformation on $id counts the criticality twice"
done

# Tools that act for an agent whose every change a person reviews act
# under that review: the wrong answer is read first (medium).
model=calibration-reviewed-agent
register "$SRC/tests/data/calibration/reviewed-agent.yaml"
expect llm-misinformation-overreliance@llm medium

# A person who reviews every output is who overreliance misleads (OWASP
# LLM09): a note a clinician signs keeps the misinformation finding of
# an answer nobody checks, medium, not lowered to low by the review.
model=calibration-reviewed-note
register "$SRC/tests/data/calibration/reviewed-note.yaml"
expect llm-misinformation-overreliance@note-llm medium
expect llm-misinformation-overreliance@answer-llm medium

# A draft filed straight into a record that people later read as fact:
# an application stated to file it with nobody reading it first
# (human-review: none) leaves the finding high; one stated to have every
# draft read first lowers it, like a reviewed answer. With review not
# answered, the risk says it reads the filing as reviewed, and the field
# is asked, with the high finding its other answer raises.
model=calibration-filed-drafts
register "$SRC/tests/data/calibration/filed-drafts.yaml"
expect llm-misinformation-overreliance@auto-llm high
expect llm-misinformation-overreliance@signed-llm medium
expect llm-misinformation-overreliance@quiet-llm medium
above llm-misinformation-overreliance@auto-llm llm-misinformation-overreliance@signed-llm
# (a model stated to have nobody review its drafts: no presumption that
# its application has them read)
expect llm-misinformation-overreliance@stated-llm high
"$PARAPET" risk "$T/db" llm-misinformation-overreliance@quiet-llm |
    grep -q "^    read so while not answered: 'quiet-app' human-review is above-limit, all or by-class (human-review not answered)$" ||
    fail "$model: the unanswered review of the filing is not named"
grep -A2 "^field .* human-review of application 'quiet-app' is not answered" "$T/questions" |
    grep -q '^             high     4x3  llm-misinformation-overreliance@quiet-llm ' ||
    fail "$model: the unanswered review of the filing is not asked"
# (once: the record reached from the LLM and from the app that calls it
# is one assumption, not two ways)
grep -A4 "^field .* human-review of application 'quiet-app' is not answered" "$T/questions" |
    grep -q "assumed: or 'quiet-app' human-review" &&
    fail "$model: the question repeats its assumption as another way"
"$PARAPET" risk "$T/db" llm-misinformation-overreliance@auto-llm |
    grep -q '^    impact -1' &&
    fail "$model: a draft filed with no review is still lowered"

# Every answer of the LLM is read first: a silent change of it is one
# less. Nobody reads an embedding model's vectors, so a review stated of
# them counts for nothing, and no risk of an embedder suggests one.
model=calibration-reviewed-embedder
register "$SRC/tests/data/calibration/reviewed-embedder.yaml"
expect third-party-model-silent-change@llm medium
above third-party-model-silent-change@embedder third-party-model-silent-change@llm
"$PARAPET" risk "$T/db" third-party-model-silent-change@embedder |
    grep -q 'a person reviews every output' &&
    fail "$model: a review of an embedder's vectors is counted"

# A review limit on a tool that moves money is not a second discount on
# an injection: orders under the limit still spend money unapproved (and
# an attacker can split an order). What one unreviewed action costs is
# the stated action-impact: high keeps the injection as critical as with
# no review at all; low (the limit bounds the loss) ranks it lower.
# A person who reviews payouts above a limit bounds what evading the
# scorer can win: high, below the same scorer that nobody reviews.
model=calibration-reviewed-limit
register "$SRC/tests/data/calibration/reviewed-limit.yaml"
expect evasion-adversarial-inputs@limited high
expect evasion-adversarial-inputs@unreviewed critical
above evasion-adversarial-inputs@unreviewed evasion-adversarial-inputs@limited
# (the limit of the service its scores all go to; not one that also
# feeds a service that pays unreviewed)
expect evasion-adversarial-inputs@behind high
expect evasion-adversarial-inputs@both critical
# (and through the scoring service that serves it, whose outputs go only
# to that payout service)
expect evasion-adversarial-inputs@served high
# Their decisions under the limit are taken unseen: that the scores drive
# automatic decisions is a risk on the architecture as stated, not a
# question of the scorers' own review.
for id in behind served; do
	grep -q " automated-decision-critical@$id " "$T/risks" ||
	    fail "$model: automated-decision-critical@$id is not a risk"
done

model=calibration-order-limit
register "$SRC/tests/data/calibration/order-limit.yaml"
expect llm-indirect-prompt-injection@llm-a critical
expect llm-indirect-prompt-injection@llm-c critical
expect llm-indirect-prompt-injection@llm-b high medium
above llm-indirect-prompt-injection@llm-a llm-indirect-prompt-injection@llm-b
expect agent-excessive-agency@tool-a medium
expect agent-excessive-agency@tool-c high
above agent-excessive-agency@tool-a agent-excessive-agency@tool-b
above agent-excessive-agency@tool-c agent-excessive-agency@tool-a

# A pickled model from a contracted vendor's own channel needs the vendor
# compromised (likelihood 2); the same file from a public hub needs only an
# upload, and ranks above it.
model=calibration-supplier-pickle
register "$SRC/tests/data/calibration/supplier-pickle.yaml"
grep -q '^high .* 2x5  malicious-serialised-weights@vendor-model ' "$T/risks" ||
    fail "$model: the vendor's pickle is not likelihood 2 (a compromised supplier)"
expect malicious-serialised-weights@hub-model critical
above malicious-serialised-weights@hub-model malicious-serialised-weights@vendor-model

# A dataset of the feedback a model is retrained on (analysts' verdicts and
# chargebacks) is one attack path into one retraining: one finding, the
# model's skewing, which names the dataset. A scraped corpus the same kind
# of model is also trained on is not that feedback: its poisoning stays.
model=fraud-classifier-feedback
register "$SRC/templates/fraud-classifier-feedback.yaml"
expect model-skewing@fraud-model high
expect data-poisoning-untrusted-sources@labels none
model=calibration-scraped-beside-feedback
register "$SRC/tests/threats/data-poisoning-untrusted-sources/fires-reviews.yaml"
expect model-skewing@recommender medium high
expect data-poisoning-untrusted-sources@reviews medium high

# A request to a vendor and its answer, both in clear text, are one
# connection: one finding per vendor, none on the caller for the answers
# (and the LLM answer's integrity in transit is folded into the LLM's).
model=calibration-clear-connection
register "$SRC/tests/threats/flow-unencrypted-sensitive/fires-ocr.yaml"
expect flow-unencrypted-sensitive@ocr medium high
expect flow-unencrypted-sensitive@llm medium high
expect flow-unencrypted-sensitive@orchestrator none
expect output-integrity-in-transit@orchestrator none
grep -c ' flow-unencrypted-sensitive@' "$T/all" | grep -qx 2 ||
    fail "$model: not one clear-text finding per vendor connection"

# A person who reads every prediction is the control; that the reviewer
# comes to defer to the model is its residual risk, not a critical one,
# and it ranks below the same kind of model whose verdicts nobody sees.
model=calibration-reviewed-triage
register "$SRC/tests/data/calibration/reviewed-triage.yaml"
expect review-automation-bias@triage-model medium low
expect automated-decision-critical@triage-model none
expect review-automation-bias@gate-model none
above automated-decision-critical@gate-model review-automation-bias@triage-model

# A keyboard model trained on users' phones (federated learning): one
# user's typing teaches their own copy, and reaches the shared model only
# combined with many phones' updates, so skewing it (or poisoning the
# typed text it trains on) needs many phones' users typing the attacker's
# text: high, not critical. A crafted update, which needs no such crowd,
# is federated-update-poisoning's own finding (OWASP ML08 skewing through
# feedback, ML10 poisoning of the parameters). The updates arrive at a server anyone on the internet can
# reach, and inverting one rebuilds what was typed: high, not medium.
model=calibration-federated
register "$SRC/tests/data/calibration/federated.yaml"
expect model-skewing@device-model high
"$PARAPET" risk "$T/db" model-skewing@device-model |
    grep -q '^    likelihood -1: what its users feed it reaches the shared model only combined' ||
    fail "$model: the combined updates do not bound the skewing"
expect training-updates-leak-data@aggregator high
# A phone taken over sends a crafted update: named for what it is, on the
# server that combines them, as high as a partner's pipeline broken into.
expect federated-update-poisoning@aggregator high

# The same keyboard, its server stated to combine the updates robustly and
# by secure aggregation: a crafted update must stay close to the honest
# ones (one less likely), and no single update can be read (one less
# likely to leak); secure aggregation does not lower the poisoning.
model=calibration-federated-protected
register "$SRC/tests/data/calibration/federated-protected.yaml"
expect federated-update-poisoning@aggregator medium
"$PARAPET" risk "$T/db" federated-update-poisoning@aggregator |
    grep -q '^    likelihood -1: it bounds or checks each participant' ||
    fail "$model: robust aggregation does not lower the poisoning"
expect training-updates-leak-data@aggregator medium
"$PARAPET" risk "$T/db" training-updates-leak-data@aggregator |
    grep -q '^    likelihood -1: the updates are combined by secure aggregation' ||
    fail "$model: secure aggregation does not lower the leak"

# Photos and documents that anyone on the internet can submit to a claims
# process: forging them is cheap and the commonest fraud against claims
# and identity checks, so likely (4): high, though each sways one claim.
model=multimodal-document-assistant
register "$SRC/templates/multimodal-document-assistant.yaml"
expect forged-evidence-upload@uploads high

# An internal triage agent reads what attackers write (log lines, mail
# subjects) through the SIEM and keeps a memory every later triage reads:
# poisoning that memory is as likely as through a public chat (high); a
# public entry point does not make it likelier twice (the support desk's
# orchestrator stays high, not critical).
# A phishing-triage agent whose actions an analyst approves still opens the
# outsiders' mails itself: a file crafted against the parser runs when it is
# opened, before anything is proposed for approval (high, not lowered).
# Its indicator lookups send documents and the reputation service's own
# API key: a bounded part of the work disclosed (medium); the key tells the
# service nothing it did not issue.
model=calibration-approved-triage
register "$SRC/tests/data/calibration/approved-triage.yaml"
expect hostile-file-parsing@triage high
expect ai-lookup-leaks-internal-data@intel medium

model=calibration-soc-memory
register "$SRC/tests/data/calibration/soc-memory.yaml"
expect agent-memory-poisoning@triage high
model=multi-agent-mcp
register "$SRC/templates/multi-agent-mcp.yaml"
expect agent-memory-poisoning@orchestrator high

# Who pays for unbounded use: an LLM that only a supplier's service calls,
# on the supplier's account, costs the organisation a degraded service,
# not a bill (low); the same callers reaching an LLM the organisation's
# own backend calls run up its own bill (medium).
model=calibration-supplier-pays
register "$SRC/tests/data/calibration/supplier-pays.yaml"
expect llm-unbounded-consumption@supplier-llm low
expect llm-unbounded-consumption@own-llm medium
above llm-unbounded-consumption@own-llm llm-unbounded-consumption@supplier-llm

# Biometric data sent to AI suppliers: a face cannot be changed once
# leaked and is special-category data, so selfie videos sent to a
# contracted liveness vendor weigh more than invoice scans sent to an OCR
# vendor (impact 4, not 3), yet stay medium (a contracted supplier must
# be breached); ID photos sent to a free API with no contract are high,
# not critical (a disclosure: nothing acts on it).
model=calibration-biometric-suppliers
register "$SRC/tests/data/calibration/biometric-suppliers.yaml"
expect sensitive-data-to-third-party-ai@liveness-vendor medium
expect sensitive-data-to-third-party-ai@ocr-vendor medium
expect sensitive-data-to-third-party-ai@internet high
grep -q '^medium .* 2x4  sensitive-data-to-third-party-ai@liveness-vendor ' "$T/risks" ||
    fail "$model: biometric data to a supplier weighs no more than invoice scans"
above sensitive-data-to-third-party-ai@liveness-vendor sensitive-data-to-third-party-ai@ocr-vendor

# A coding agent confined to a sandbox: it and its shell act on the job
# container's scratch copy, and its patches leave only as pull requests a
# maintainer reviews, so a wrong patch is read before anything relies on
# it (medium, as for staff who read a draft). The same agent also writing
# straight into the repository acts outside the sandbox with nobody
# reviewing: the wrong patch is relied on as written (high).
model=calibration-sandboxed-coder
register "$SRC/tests/threats/llm-misinformation-overreliance/fires-patch-llm.yaml"
expect llm-misinformation-overreliance@patch-llm medium
{
	cat "$SRC/tests/threats/llm-misinformation-overreliance/fires-patch-llm.yaml"
	echo '  - { id: write, from: coder, to: repo, data: [source-code] }'
} >"$T/unsandboxed.yaml"
model=calibration-sandboxed-coder-writes-out
register "$T/unsandboxed.yaml"
expect llm-misinformation-overreliance@patch-llm high

# A read-only query tool bound to one warehouse runs the SQL the model
# writes: the code can read what its account may read (data exposed,
# impact 4), not take a host (impact 5). The same tool stated able to act
# keeps the catalogue's impact.
model=calibration-read-only-query
register "$SRC/tests/threats/agent-code-execution/fires-sql.yaml"
expect agent-code-execution@sql medium
sed 's/can-act: false, executes-code: true, destination: fixed/can-act: true, executes-code: true, destination: fixed/' \
    "$SRC/tests/threats/agent-code-execution/fires-sql.yaml" >"$T/acting-sql.yaml"
model=calibration-acting-query
register "$T/acting-sql.yaml"
expect agent-code-execution@sql high

# stated MODEL ID FIELD: MODEL with the line FIELD added to the
# component ID (written in block style, its fields indented four spaces).
stated() {
	awk -v id="$2" -v field="$3" '
	    { print }
	    $0 == "  - id: " id { inside = 1; next }
	    inside && /^    [a-z-]+:/ { print "    " field; inside = 0 }' "$1"
}

# expect_stated NAME MODEL ID FIELD RISK SEVERITY: the assessment NAME of
# MODEL with FIELD stated on ID gives RISK that SEVERITY.
expect_stated() {
	stated "$2" "$3" "$4" >"$T/stated.yaml"
	model=$1
	register "$T/stated.yaml"
	expect "$5" "$6"
}

# Who approves the voice banking assistant's payments above the limit: the
# template does not say. Whoever it is, the payments under the limit go
# through unseen: the excessive agency left is theirs (already bounded by
# the limit, one less impact), and an independent approver of the others
# does not make a manipulated payment under the limit any less likely.
# So the payments' excessive agency stays high, whether the caller or
# staff in the contact centre approve those above the limit, and the risk
# does not suggest answering who approves. Where every payment waits for
# the approver, who approves counts (calibration-approver-all-*).
vb="$SRC/templates/voice-banking-assistant.yaml"
model=calibration-approver-unstated
register "$vb"
expect agent-excessive-agency@payments-tool high
"$PARAPET" risk "$T/db" agent-excessive-agency@payments-tool |
    grep -q "(approved-by not answered)" &&
    fail "$model: the approver of payments above the limit is said to lower those under it"
expect_stated calibration-approver-requester "$vb" payments-tool \
    "approved-by: requester" agent-excessive-agency@payments-tool high
expect_stated calibration-approver-independent "$vb" payments-tool \
    "approved-by: independent" agent-excessive-agency@payments-tool high

# Every payment waits for a person (human-approval true, no review
# limit), the caller who asked or someone independent: the independent
# approver must be deceived as well, one less likely than the caller
# alone, and unanswered the risk names that lowering.
sed -e 's/^    human-approval: false$/    human-approval: true/' \
    -e '/^    human-review: above-limit$/d' \
    -e '/^    review-limit: payments to new payees over 1,000 EUR$/d' \
    "$vb" >"$T/vb-all.yaml"
model=calibration-approver-all-unstated
register "$T/vb-all.yaml"
"$PARAPET" risk "$T/db" agent-excessive-agency@payments-tool |
    grep -q "^    would be lower, likelihood -1 (a person other than the one who asked approves its actions before they take effect), if answered so: .*(approved-by not answered)$" ||
    fail "$model: the unanswered approver is not named"
expect_stated calibration-approver-all-requester "$T/vb-all.yaml" payments-tool \
    "approved-by: requester" agent-excessive-agency@payments-tool high
expect_stated calibration-approver-all-independent "$T/vb-all.yaml" payments-tool \
    "approved-by: independent" agent-excessive-agency@payments-tool medium

# An agent that reads what attackers write (alerts, reported mail) and
# isolates hosts: servers wait for an independent analyst, laptops are
# isolated at once (human-review by-class). A crafted alert that gets
# laptops isolated meets nobody, so the isolation tool's excessive agency
# is bounded by the class (medium), not lowered again for the analyst
# who approves servers; the analyst's own finding, what the injected
# agent shows them, is lowered for their independence.
model=calibration-class-approval
register "$SRC/tests/data/calibration/class-approval.yaml"
expect agent-excessive-agency@isolate medium
expect agent-human-trust-exploitation@isolate low

# Whether a person approves every payment, left unanswered where the
# payments are stated to be reviewed above a limit: the risk does not
# suggest answering human-approval true, which would contradict the
# stated review (parapet-model(5)), and keeps its score. With neither
# stated, it still names that lowering.
sed '/^    human-approval: false$/d' "$vb" >"$T/vb-approval-unstated.yaml"
model=calibration-approval-beside-limit
register "$T/vb-approval-unstated.yaml"
expect agent-excessive-agency@payments-tool high
"$PARAPET" risk "$T/db" agent-excessive-agency@payments-tool >"$T/risk"
grep -q "would be lower.*a person approves each action before it happens" \
    "$T/risk" &&
    fail "$model: suggests human-approval true beside a stated review above a limit"
grep -q "^    impact -1: a person reviews its actions above a limit" "$T/risk" ||
    fail "$model: the review above the limit is not counted"
sed '/^    human-approval: false$/d; /^    human-review: above-limit$/d' "$vb" \
    >"$T/vb-oversight-unstated.yaml"
model=calibration-oversight-unstated
register "$T/vb-oversight-unstated.yaml"
"$PARAPET" risk "$T/db" agent-excessive-agency@payments-tool |
    grep -q "^    would be lower, likelihood -1 (a person approves each action before it happens), if answered so: 'payments-tool' needs human approval (human-approval not answered)$" ||
    fail "$model: the unanswered approval is not named"

# The same payments made with a capped credential (a limit per payment
# and per day on what the tool may move): a manipulated payment spends at
# most the cap, a bounded loss (medium, not high).
expect_stated calibration-credential-capped "$vb" payments-tool \
    "credential-scope: capped" agent-excessive-agency@payments-tool medium
expect_stated calibration-credential-unrestricted "$vb" payments-tool \
    "credential-scope: unrestricted" agent-excessive-agency@payments-tool high

# The orchestrator of the multi-agent desk shares one memory across every
# conversation: a note planted by one customer steers everyone's sessions
# (high). Kept apart for each customer, it steers that customer's only:
# one less impact (medium).
ma="$SRC/templates/multi-agent-mcp.yaml"
model=calibration-memory-shared
register "$ma"
expect agent-memory-poisoning@orchestrator high
grep -v '^    memory: shared$' "$ma" >"$T/ma.yaml"
expect_stated calibration-memory-per-user "$T/ma.yaml" orchestrator \
    "memory: per-user" agent-memory-poisoning@orchestrator medium

# The recorded calls are biometric data and the template states that the
# store keeps the voices themselves: the clone is a risk. With that line
# taken out, it is an open question naming the clone, not a risk.
model=calibration-voice-recordings
register "$vb"
grep -q '^[a-z]* .* stored-voice-cloning@recordings ' "$T/risks" ||
    fail "$model: stated voice recordings do not raise the clone"
model=calibration-voice-recordings-unstated
grep -v '^    voice-recordings: true$' "$vb" >"$T/voices.yaml"
grep -q 'voice-recordings' "$T/voices.yaml" &&
    fail "$model: the template states voice-recordings elsewhere too"
register "$T/voices.yaml"
grep -q '^[a-z]* .* stored-voice-cloning@recordings ' "$T/risks" &&
    fail "$model: unstated voice recordings raise the clone"
grep -A2 "^field .* voice-recordings of datastore 'recordings' is not answered" "$T/questions" |
    grep -q '^             medium   2x4  stored-voice-cloning@recordings ' ||
    fail "$model: the unanswered voice-recordings is not a question naming the clone"

# A fraud scorer that approves what it cannot score (fail-mode: open):
# making it fail is enough to pass, one more likely than crafting an
# input it misjudges; one that declines or holds keeps the score.
fc="$SRC/templates/fraud-classifier-feedback.yaml"
stated "$fc" fraud-model "fail-mode: open" >"$T/open.yaml"
model=calibration-fails-open
register "$T/open.yaml"
grep -q '^critical .* 5x4  evasion-adversarial-inputs@fraud-model ' "$T/risks" ||
    fail "$model: failing open does not make evasion likelier"
stated "$fc" fraud-model "fail-mode: closed" >"$T/closed.yaml"
model=calibration-fails-closed
register "$T/closed.yaml"
grep -q '^critical .* 4x4  evasion-adversarial-inputs@fraud-model ' "$T/risks" ||
    fail "$model: failing closed changes evasion"

# A tutoring chatbot whose answers go only to the pupils who type to it:
# nothing acts on them, and with the pupils' age unanswered (adults) or
# stated adult, a prompt injection or jailbreak is a wrong answer a person
# reads (one less impact: high). Pupils stated to be children: what the
# model is talked into writing is the harm as they read it (AML.T0048.003),
# and that lowering is not made (critical).
tutor="$SRC/tests/data/calibration/pupils-tutor.yaml"
model=calibration-pupils-unstated
register "$tutor"
expect llm-direct-prompt-injection@llm high
"$PARAPET" risk "$T/db" llm-direct-prompt-injection@llm |
    grep -q "^    impact -1: nothing that acts on its output" ||
    fail "$model: the output to people is not lowered"
"$PARAPET" risk "$T/db" llm-direct-prompt-injection@llm |
    grep -q "not lowered" &&
    fail "$model: unstated minors cancel the lowering"
expect_stated calibration-pupils-adults "$tutor" pupil "minors: false" \
    llm-direct-prompt-injection@llm high
expect_stated calibration-pupils-children "$tutor" pupil "minors: true" \
    llm-direct-prompt-injection@llm critical
"$PARAPET" risk "$T/db" llm-direct-prompt-injection@llm >"$T/risk"
grep -q "^    impact -1: nothing that acts on its output" "$T/risk" &&
    fail "$model: the output read by children is lowered"
# The usual lowering's absence is said, on the stated fact that cancels it.
grep -q "^    not lowered, impact -1 (nothing that acts on its output.*'pupil' includes children" "$T/risk" ||
    fail "$model: no line says why the output to children is not lowered"

# An assistant agent that reads strangers' mail for an employee who types
# to it through an internal pane: the model's jailbreak and system-prompt
# leakage are the employee's to attempt (low), and their reasons do not
# name the agent's untrusted input, which is the mail (indirect injection).
model=calibration-mail-assistant
register "$SRC/tests/data/calibration/mail-assistant.yaml"
expect llm-jailbreak@llm low
expect llm-system-prompt-leakage@llm low
for r in llm-jailbreak@llm llm-system-prompt-leakage@llm; do
	"$PARAPET" risk "$T/db" "$r" >"$T/risk"
	grep -q "^    fact: 'employee' is a user$" "$T/risk" ||
	    fail "$model: $r does not name the employee"
	grep -q "'assistant' takes untrusted input" "$T/risk" &&
	    fail "$model: $r cites the mail as a prompt's untrusted input"
done

# Two vision-language models read the photos customers upload with a
# claim: one's estimate is paid unseen under a limit by the service that
# asked for it (human-review: above-limit), the other's summary is read by
# an adjuster. An instruction hidden in a photo moves money through the
# first: its injection is not lowered as output that only people read,
# but by the limit, which bounds what one injected photo wins unseen.
model=calibration-estimate-limit
register "$SRC/tests/data/calibration/estimate-limit.yaml"
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@estimator |
    grep -q "nothing that acts on its output" &&
    fail "$model: the estimate paid under the limit is lowered as read by people"
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@describer |
    grep -q "^    impact -1: nothing that acts on its output" ||
    fail "$model: the summary an adjuster reads is not lowered"
"$PARAPET" risk "$T/db" llm-indirect-prompt-injection@estimator |
    grep -q "^    impact -1: a person reviews the decisions its output feeds above a limit" ||
    fail "$model: the estimate paid unseen only under the limit is not bounded by it"
# An assistant agent whose vendor LLM answers its prompt with the tool
# calls to make, which the agent makes through its tools: the missing
# record of those actions is the agent's finding (its owner logs them),
# not the LLM's (trial 24 had it on the vendor's model). A decision taken
# on the old name is kept: it is the finding's alias.
model=calibration-assistant-calls
register "$SRC/tests/threats/agent-actions-unaudited/fires-assistant.yaml"
expect agent-actions-unaudited@assistant medium
expect agent-actions-unaudited@llm none

# A warehouse robot fleet whose motion controller acts on an LLM planner's
# routes and a camera model's detections (action-impact high): excessive
# agency is high (2x5). A safety interlock outside any model stated on the
# controller (a certified person-stop) stops the worst harm whatever the
# models decide: one impact lower (medium), and the camera model's
# physical adversarial inputs, whose every acting part is so bounded, one
# impact lower too; each says why.
fleet="$SRC/tests/data/calibration/robot-fleet.yaml"
model=calibration-robots-unstated
register "$fleet"
expect agent-excessive-agency@robot-ctl high
"$PARAPET" risk "$T/db" physical-adversarial-inputs@vision |
    grep -q "^    impact -1: .*safety interlock" &&
    fail "$model: an unstated interlock lowers the detector"
expect_stated calibration-robots-interlock "$fleet" robot-ctl \
    "safety-interlock: true" agent-excessive-agency@robot-ctl medium
"$PARAPET" risk "$T/db" agent-excessive-agency@robot-ctl |
    grep -q "^    impact -1: a safety interlock outside any model" ||
    fail "$model: the interlock's lowering is not named"
"$PARAPET" risk "$T/db" physical-adversarial-inputs@vision |
    grep -q "^  severity:  medium (likelihood 2 x impact 3)" ||
    fail "$model: the interlocked detector is not one impact lower"

# A public narration app whose speech model anyone can have speak in a
# voice: the misuse (voice-cloning) was accepted at 3x4 on trial 23's
# voice API, which watermarks every clip. Stated to mark nothing, it is one
# more likely (critical). A watermark raises its own finding, the mark
# removed or forged (medium); signed metadata alone, which any re-save
# drops, one more likely (high). Unanswered, nothing is asked of a mark.
narrator="$SRC/tests/threats/generated-media-mark-evaded/fires-voice-model.yaml"
model=calibration-narrator-watermark
register "$narrator"
expect voice-cloning@voice-model high
expect generated-media-mark-evaded@voice-model medium
sed 's/provenance: watermark/provenance: none/' "$narrator" >"$T/stated.yaml"
model=calibration-narrator-unmarked
register "$T/stated.yaml"
expect voice-cloning@voice-model critical
expect generated-media-mark-evaded@voice-model none
"$PARAPET" risk "$T/db" voice-cloning@voice-model |
    grep -q "^    likelihood +1: nothing marks what it generates" ||
    fail "$model: the missing mark is not named"
sed 's/provenance: watermark/provenance: metadata/' "$narrator" >"$T/stated.yaml"
model=calibration-narrator-metadata
register "$T/stated.yaml"
expect generated-media-mark-evaded@voice-model high
sed 's/, provenance: watermark//' "$narrator" >"$T/stated.yaml"
model=calibration-narrator-unstated
register "$T/stated.yaml"
expect voice-cloning@voice-model high
expect generated-media-mark-evaded@voice-model none
grep -q "provenance" "$T/questions" &&
    fail "$model: an unanswered mark is asked"

# A liveness check stated in front of a face verifier (model-type
# liveness): its verdict opens nothing by itself, and what fools it is the
# verifier's spoofing, one finding, one less likely for the check. Drawn as
# a plain classifier, it was an automatic decision and a physical attack of
# its own beside spoofing at high (trial25's door).
door="$SRC/tests/data/calibration/face-door.yaml"
model=calibration-face-door
register "$door"
expect biometric-spoofing@matcher medium
expect automated-decision-critical@live-check none
expect physical-adversarial-inputs@live-check none
expect evasion-adversarial-inputs@live-check none
expect automated-decision-critical@matcher high
"$PARAPET" risk "$T/db" biometric-spoofing@matcher |
    grep -q "^    likelihood -1: a liveness check" ||
    fail "$model: the liveness check is not named"
sed 's/, liveness\]/]/' "$door" >"$T/stated.yaml"
model=calibration-face-door-unstated
register "$T/stated.yaml"
expect biometric-spoofing@matcher high
expect automated-decision-critical@live-check high
# Faces sent through a public app (a remote onboarding kiosk): a forged
# stream injected after the camera never meets the check.
sed 's/^    exposure: internal$/    exposure: public/' "$door" >"$T/stated.yaml"
model=calibration-face-door-public
register "$T/stated.yaml"
expect biometric-spoofing@matcher critical high
"$PARAPET" risk "$T/db" biometric-spoofing@matcher |
    grep -q "^    likelihood -1: a liveness check" &&
    fail "$model: a public entry point is said to be checked"

# A lender that declines low scores unseen and sends every approval to an
# underwriter (unreviewed-outcome refuse): staying under the limit wins
# nothing, so there is no limit to game, and an application crafted to
# pass the classifier must still pass the underwriter (trial29's credit
# service: evasion high and the limit gamed, both judged wrong).
credit="$SRC/tests/data/calibration/credit-decline.yaml"
model=calibration-credit-decline
register "$credit"
expect evasion-adversarial-inputs@classifier medium
expect decision-limit-gaming@decider none
expect automated-decision-critical@classifier high
"$PARAPET" risk "$T/db" evasion-adversarial-inputs@classifier |
    grep -q "^    likelihood -1: only refusals take effect unseen" ||
    fail "$model: the reviewed grants are not named"
# Unstated, the unseen side is taken to be the grant, as before, and the
# limit's risk says so; nothing is asked.
sed '/unreviewed-outcome: refuse/d' "$credit" >"$T/stated.yaml"
model=calibration-credit-unstated
register "$T/stated.yaml"
expect evasion-adversarial-inputs@classifier high
expect decision-limit-gaming@decider medium
"$PARAPET" risk "$T/db" decision-limit-gaming@decider |
    grep -q "unreviewed-outcome not answered), so they are taken to grant" ||
    fail "$model: the assumed side is not said"
grep -q "unreviewed-outcome" "$T/questions" &&
    fail "$model: the unseen side is asked"
sed 's/unreviewed-outcome: refuse/unreviewed-outcome: grant/' "$credit" >"$T/stated.yaml"
model=calibration-credit-grant
register "$T/stated.yaml"
expect evasion-adversarial-inputs@classifier high
expect decision-limit-gaming@decider medium

# Personal data sent to a supplier's zone stated to be abroad (trial30's
# translation service: medium judged too low): one more likely than the
# same supplier at home or unstated.
abroad="$SRC/tests/data/calibration/translate-abroad.yaml"
model=calibration-translate-abroad
register "$abroad"
expect sensitive-data-to-third-party-ai@supplier high
sed 's/, jurisdiction: abroad//' "$abroad" >"$T/stated.yaml"
model=calibration-translate-unstated
register "$T/stated.yaml"
expect sensitive-data-to-third-party-ai@supplier medium
grep -q "jurisdiction" "$T/questions" &&
    fail "$model: the jurisdiction is asked"
sed 's/jurisdiction: abroad/jurisdiction: home/' "$abroad" >"$T/stated.yaml"
model=calibration-translate-home
register "$T/stated.yaml"
expect sensitive-data-to-third-party-ai@supplier medium

[ "$failures" -eq 0 ] || exit 1
echo "calibration: ok"

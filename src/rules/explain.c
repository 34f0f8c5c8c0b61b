/* explain.c: the reasons a condition holds or fails, as lines of a risk. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/eval-int.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
/*
 * Reasons. Each explains why a node holds (pos) or fails (!pos) for an
 * object, given that it does so definitely or by assumption.
 */

/*
 * Add the reason being built (e->kind, e->line) to the risk unless it is
 * there already.
 */
/* Reasons indexed once a finding has this many. */
#define REASON_INDEX_FROM	32

/* A reason's text after its kind's prefix, as risk_reason_text() finds it. */
static const char *
reason_text(const struct risk_reason *r)
{
	const char	*prefix = reason_kind_prefix(r->kind);
	size_t		 np = strlen(prefix);

	return strncmp(r->line, prefix, np) == 0 ? r->line + np : r->line;
}

void
eval_reasons_begin(struct eval *e, struct risk *k)
{
	eval_reasons_end(e);
	e->rk = k;
	e->rn = 0;
}

void
eval_reasons_end(struct eval *e)
{
	size_t	i;

	if (e->rindexed) {
		for (i = 0; i < REASON_KIND_COUNT; i++)
			strmap_release(&e->rindex[i]);
		strmap_release(&e->aindex);
		strmap_release(&e->lindex);
		for (i = 0; i < e->nakeys; i++)
			free(e->akeys[i]);
		free(e->akeys);
		e->akeys = NULL;
		e->nakeys = 0;
	}
	e->rindexed = 0;
	e->rk = NULL;
	e->rn = 0;
	e->an = 0;
	e->ln = 0;
}

/*
 * 1 if k, the finding being raised, has the reason being built, from the
 * index of its reasons (those added since it was looked at indexed first).
 */
static int
reason_indexed(struct eval *e, struct risk *k)
{
	const struct risk_reason	*r;
	size_t				 i;

	if (!e->rindexed) {
		for (i = 0; i < REASON_KIND_COUNT; i++)
			strmap_init(&e->rindex[i]);
		strmap_init(&e->aindex);
		strmap_init(&e->lindex);
		e->rindexed = 1;
	}
	for (; e->rn < k->nreasons; e->rn++) {
		r = &k->reasons[e->rn];
		if ((unsigned)r->kind < REASON_KIND_COUNT)
			strmap_put(&e->rindex[r->kind], reason_text(r),
			    r->line);
	}
	return strmap_get(&e->rindex[e->kind], e->line.s) != NULL;
}

/* Index the field of an element that k asks, as "field element". */
static int
ask_indexed(struct eval *e, const char *element, const char *field, int add)
{
	char	*key;
	int	 had;

	key = xasprintf("%s %s", field, element);
	had = strmap_get(&e->aindex, key) != NULL;
	if (had || !add) {
		free(key);
		return had;
	}
	e->akeys = xreallocarray(e->akeys, e->nakeys + 1, sizeof *e->akeys);
	e->akeys[e->nakeys++] = key;
	strmap_put(&e->aindex, key, key);
	return 0;
}

/*
 * risk_add_ask(), from the index of what k asks when k is the finding
 * being raised and asks many (eval_reasons_begin()).
 */
static void
ask_add(struct eval *e, struct risk *k, const char *element,
    const char *field)
{
	if (k != e->rk || k->nasks < REASON_INDEX_FROM) {
		risk_add_ask(k, element, field);
		return;
	}
	if (!e->rindexed)
		(void)reason_indexed(e, k);
	for (; e->an < k->nasks; e->an++)
		(void)ask_indexed(e, k->asks[e->an].element,
		    k->asks[e->an].field, 1);
	if (!ask_indexed(e, element, field, 0))
		risk_append_ask(k, element, field);
}

void
eval_add_alias(struct eval *e, struct risk *k, const char *name)
{
	size_t	n = strlen(k->threat);

	if (k != e->rk || k->naliases < REASON_INDEX_FROM) {
		risk_add_alias(k, name);
		return;
	}
	/* Not the risk's own name (as risk_add_alias()). */
	if (strncmp(name, k->threat, n) == 0 && name[n] == '@' &&
	    strcmp(name + n + 1, k->target) == 0)
		return;
	if (!e->rindexed)
		(void)reason_indexed(e, k);
	for (; e->ln < k->naliases; e->ln++)
		strmap_put(&e->lindex, k->aliases[e->ln], k->aliases[e->ln]);
	if (strmap_get(&e->lindex, name) == NULL)
		risk_append_alias(k, name);
}

void
eval_quiet(struct eval *e, int quiet)
{
	e->quiet = quiet;
	e->assumed = 0;
}

int
eval_assumed(const struct eval *e)
{
	return e->assumed;
}

/*
 * Whether an assumption is to be written: not under EVAL_QUIET_ALL, which
 * only notes that there was one (eval_assumed()).
 */
static int
reason_writes_assumption(struct eval *e)
{
	if (e->quiet != EVAL_QUIET_ALL)
		return 1;
	e->assumed = 1;
	return 0;
}

int
eval_is_quiet(const struct eval *e)
{
	return e->quiet;
}

static void
reason_add(struct eval *e, struct risk *k)
{
	/* Each line's text after its kind's prefix, as risk_reason_text()
	   finds it, with the prefix looked up once. */
	const char	*prefix = reason_kind_prefix(e->kind), *t;
	size_t		 i, np = strlen(prefix);

	/* Quiet: nothing, or only what it assumes (eval_quiet()). */
	if (e->quiet == EVAL_QUIET_ALL || (e->quiet && e->kind !=
	    REASON_ASSUMED))
		goto out;
	if (k == e->rk && k->nreasons >= REASON_INDEX_FROM) {
		if (!reason_indexed(e, k))
			risk_add_reason_text(k, e->kind, e->line.s);
		goto out;
	}
	for (i = 0; i < k->nreasons; i++) {
		if (k->reasons[i].kind != e->kind)
			continue;
		t = k->reasons[i].line;
		if (strncmp(t, prefix, np) == 0)
			t += np;
		if (strcmp(t, e->line.s) == 0)
			goto out;
	}
	risk_add_reason_text(k, e->kind, e->line.s);
out:
	buf_reset(&e->line);
	e->kind = REASON_FACT;
}

/* what 'id': appended without printf, as it is for every reason. */
static void
reason_quoted(struct buf *b, const char *what, const char *id)
{
	buf_adds(b, what);
	buf_addc(b, '\'');
	buf_adds(b, id);
	buf_addc(b, '\'');
}

/* "'id'", "flow 'id'", "boundary 'id'" or "system 'id'". */
static void
reason_obj(struct buf *b, enum target_type t, const void *obj)
{
	switch (t) {
	case TARGET_COMPONENT:
		reason_quoted(b, "", ((const struct component *)obj)->id);
		return;
	case TARGET_FLOW:
		reason_quoted(b, "flow ", ((const struct flow *)obj)->id);
		return;
	case TARGET_BOUNDARY:
		reason_quoted(b, "boundary ",
		    ((const struct boundary *)obj)->id);
		return;
	case TARGET_SYSTEM:
		reason_quoted(b, "system ", ((const struct system *)obj)->id);
		return;
	case TARGET_ANY:
		break;
	}
	buf_adds(b, "the model");
}

/*
 * The unanswered field an assumed reason rests on, as an open question:
 * "tool 'shell'" and "executes-code". The element names a component by
 * its kind.
 */
static void
reason_ask(struct eval *e, struct risk *k, enum target_type t,
    const void *obj, const char *field)
{
	const struct component	*c = obj;
	const char		*w;
	struct buf		*b = &e->ask;

	buf_reset(b);
	if (t == TARGET_COMPONENT) {
		w = vocab_name(&vocab_kind, c->kind);
		buf_adds(b, w != NULL ? w : "component");
		buf_addc(b, ' ');
	}
	if (t == TARGET_ANY || obj == NULL)
		buf_adds(b, "system");
	else if (t == TARGET_SYSTEM)
		buf_addf(b, "system '%s'", e->m->system.id);
	else
		reason_obj(b, t, obj);
	ask_add(e, k, b->s, field);
}

/* "a model", "an agent", "a monitoring service". */
static void
reason_kind(struct buf *b, int kind)
{
	const char	*w = vocab_name(&vocab_kind, kind);

	if (w == NULL)
		w = "component";
	buf_adds(b, strchr("aeio", w[0]) != NULL ? "an " : "a ");
	buf_adds(b, w);
	/* Monitoring is no count noun: "is a monitoring" reads wrong. */
	if (strcmp(w, "monitoring") == 0)
		buf_adds(b, " service");
}

/* Words of a bit set: "a", "a or b" (joined with "or" or ", "). */
static void
reason_words(struct buf *b, const struct vocab *v, unsigned bits,
    const char *last)
{
	size_t	i, n = 0, total = 0;

	for (i = 0; i < v->n; i++)
		if (bits & (1u << i))
			total++;
	for (i = 0; i < v->n; i++) {
		if ((bits & (1u << i)) == 0)
			continue;
		if (n > 0)
			buf_adds(b, n + 1 == total ? last : ", ");
		buf_adds(b, v->words[i].name);
		n++;
	}
}

/*
 * The data classes a path carries: "prompt or documents", or, for a set
 * that leaves out only a few classes, "any data but model-weights"; a
 * list of fifteen classes hides the one that matters.
 */
static void
data_words(struct buf *b, unsigned bits)
{
	const struct vocab	*v = &vocab_data_class;
	size_t			 i, out = 0;

	for (i = 0; i < v->n; i++)
		if ((bits & (1u << i)) == 0)
			out++;
	if (out == 0 || out > 2) {
		reason_words(b, v, bits, " or ");
		return;
	}
	buf_adds(b, "any data but ");
	reason_words(b, v, ~bits & ((1u << v->n) - 1), " or ");
}

/* How a boolean field reads when true and when false. */
static const struct {
	enum objtype	 type;
	const char	*field;
	const char	*yes;
	const char	*no;
} bool_phrases[] = {
	{ OBJ_COMPONENT, "untrusted-input", "takes untrusted input",
	  "takes no untrusted input" },
	{ OBJ_COMPONENT, "personal-data", "handles personal data",
	  "handles no personal data" },
	{ OBJ_COMPONENT, "confidential-data", "handles confidential data",
	  "handles no confidential data" },
	{ OBJ_COMPONENT, "fine-tuned", "is fine-tuned", "is not fine-tuned" },
	{ OBJ_COMPONENT, "learns-from-feedback", "learns from feedback",
	  "does not learn from feedback" },
	{ OBJ_COMPONENT, "open-weights", "has open weights",
	  "does not have open weights" },
	{ OBJ_COMPONENT, "system-prompt", "has a system prompt",
	  "has no system prompt" },
	{ OBJ_COMPONENT, "prompt-secrets", "has secrets or rules in its "
	  "system prompt", "has nothing secret in its system prompt" },
	{ OBJ_COMPONENT, "authenticated", "requires authentication",
	  "does not require authentication" },
	{ OBJ_COMPONENT, "rate-limited", "is rate-limited",
	  "is not rate-limited" },
	{ OBJ_COMPONENT, "returns-scores", "returns scores",
	  "does not return scores" },
	{ OBJ_COMPONENT, "integrity-verified", "has its integrity verified",
	  "does not have its integrity verified" },
	{ OBJ_COMPONENT, "can-act", "can act", "cannot act" },
	{ OBJ_COMPONENT, "executes-code", "executes code",
	  "does not execute code" },
	{ OBJ_COMPONENT, "human-approval", "needs human approval",
	  "does not need human approval" },
	{ OBJ_COMPONENT, "biometric-data", "handles biometric data",
	  "handles no biometric data" },
	{ OBJ_COMPONENT, "minors", "includes children (under 18)",
	  "includes no children (under 18)" },
	{ OBJ_COMPONENT, "safety-interlock", "has a safety interlock outside "
	  "any model that stops its harmful actions", "has no safety "
	  "interlock outside the model" },
	{ OBJ_COMPONENT, "voice-recordings", "keeps recordings of people's "
	  "voices", "keeps no recordings of people's voices" },
	{ OBJ_COMPONENT, "labels-vetted", "has its labels vetted",
	  "does not have its labels vetted" },
	{ OBJ_COMPONENT, "dependencies-pinned", "has its dependencies pinned",
	  "does not have its dependencies pinned" },
	{ OBJ_COMPONENT, "dependencies-scanned", "has its dependencies "
	  "scanned", "does not have its dependencies scanned" },
	{ OBJ_COMPONENT, "parses-files", "opens files in formats that need "
	  "a parser of their own", "opens no files that need a parser of "
	  "their own" },
	{ OBJ_COMPONENT, "publishes", "publishes what it receives in the "
	  "organisation's name", "publishes nothing in the organisation's "
	  "name" },
	{ OBJ_COMPONENT, "built-in", "is part of the device that runs the "
	  "parts it feeds", "is not part of the device that runs the parts "
	  "it feeds" },
	{ OBJ_FLOW, "validated", "is validated by its receiver",
	  "is not validated by its receiver" },
	{ OBJ_FLOW, "authenticated", "is authenticated",
	  "is not authenticated" },
	{ OBJ_FLOW, "encrypted", "is encrypted", "is not encrypted" },
	{ OBJ_FLOW, "to-controller", "goes to the controller of the personal "
	  "data it carries", "goes to a recipient that is not the controller "
	  "of the personal data it carries" },
};

/* How some words of enumerated fields read, for a condition of one word. */
static const struct {
	enum objtype	 type;
	const char	*field;
	int		 word;
	const char	*yes;
	const char	*no;
} enum_phrases[] = {
	{ OBJ_FLOW, "initiator", INITIATOR_FROM, "is opened by its source",
	  "is not opened by its source" },
	{ OBJ_FLOW, "initiator", INITIATOR_TO, "is opened by its destination "
	  "(a fetch or download)", "is not opened by its destination" },
	{ OBJ_COMPONENT, "action-impact", ACTION_IMPACT_LOW, "can take only "
	  "low-impact actions", "can take actions of high impact" },
	{ OBJ_COMPONENT, "action-impact", ACTION_IMPACT_HIGH, "can take "
	  "actions of high impact", "can take only low-impact actions" },
	{ OBJ_COMPONENT, "capture", CAPTURE_CAMERA, "captures from a camera "
	  "in the physical world", "does not capture from a camera" },
	{ OBJ_COMPONENT, "capture", CAPTURE_MICROPHONE, "captures from a "
	  "microphone in the physical world", "does not capture from a "
	  "microphone" },
	{ OBJ_COMPONENT, "capture", CAPTURE_SENSOR, "captures from a sensor "
	  "in the physical world", "does not capture from a sensor" },
	{ OBJ_COMPONENT, "capture", CAPTURE_UPLOAD, "takes files that people "
	  "send, not captured from the physical world", "does not take "
	  "uploaded files" },
	{ OBJ_COMPONENT, "capture", CAPTURE_IMPORT, "imports records or "
	  "files, not captured from the physical world", "does not import "
	  "records or files" },
	{ OBJ_COMPONENT, "operated-by", OPERATED_IN_HOUSE, "is run in-house",
	  "is not run in-house" },
	{ OBJ_COMPONENT, "operated-by", OPERATED_VENDOR, "is run by a vendor",
	  "is not run by a vendor" },
	{ OBJ_COMPONENT, "memory", MEMORY_SHARED, "keeps memory shared "
	  "between users", "keeps no memory shared between users" },
	{ OBJ_COMPONENT, "destination", DESTINATION_MODEL_CHOSEN, "sends to "
	  "or fetches from addresses the model chooses", "talks only to "
	  "fixed endpoints" },
	{ OBJ_COMPONENT, "destination", DESTINATION_FIXED, "talks only to "
	  "fixed endpoints", "sends to or fetches from addresses the model "
	  "chooses" },
	{ OBJ_COMPONENT, "acts-as", ACTS_AS_USER, "acts with the user's "
	  "identity and rights", "acts with its own identity" },
	{ OBJ_COMPONENT, "approved-by", APPROVED_BY_INDEPENDENT, "has its "
	  "actions approved by someone other than the person who asked",
	  "does not have its actions approved by someone independent" },
	{ OBJ_COMPONENT, "fail-mode", FAIL_MODE_OPEN, "lets through what it "
	  "should check when it is down or errs", "does not let through "
	  "what it should check when it is down or errs" },
	{ OBJ_COMPONENT, "provenance", PROVENANCE_NONE, "marks nothing it "
	  "generates as generated", "marks what it generates as generated" },
	{ OBJ_COMPONENT, "unreviewed-outcome", UNREVIEWED_REFUSE, "only "
	  "refuses what is asked when no person sees the decision", "may "
	  "grant what is asked when no person sees the decision" },
	{ OBJ_BOUNDARY, "jurisdiction", JURISDICTION_ABROAD, "is abroad, "
	  "under another country's law", "is not abroad" },
};

/* The phrase for a word of an enumerated field, or NULL. */
static const char *
reason_enum_phrase(const struct cond *c, int word, int yes)
{
	size_t	i;

	for (i = 0; i < sizeof enum_phrases / sizeof *enum_phrases; i++)
		if (enum_phrases[i].type == target_objtype(c->subject) &&
		    enum_phrases[i].word == word &&
		    strcmp(enum_phrases[i].field, c->field->name) == 0)
			return yes ? enum_phrases[i].yes : enum_phrases[i].no;
	return NULL;
}

/* "is encrypted" / "is not encrypted", or "FIELD is true". */
static void
reason_bool(struct buf *b, const struct cond *c, int yes)
{
	size_t	i;

	for (i = 0; i < sizeof bool_phrases / sizeof *bool_phrases; i++) {
		if (bool_phrases[i].type == target_objtype(c->subject) &&
		    strcmp(bool_phrases[i].field, c->field->name) == 0) {
			buf_adds(b, yes ? bool_phrases[i].yes :
			    bool_phrases[i].no);
			return;
		}
	}
	buf_addf(b, "%s is %s", c->field->name, yes ? "true" : "false");
}

/*
 * A set field with its verb (flows carry data, monitoring watches
 * signals): "carries a, b" (last ", ") or "does not carry a or b".
 */
static void
reason_set(struct buf *b, const struct cond *c, int has, unsigned bits,
    const char *last)
{
	if (c->field->flags & FIELD_ONE_WORD)
		/* Read as the one word it used to be: "model-type is llm". */
		buf_addf(b, "%s is %s", c->field->name, has ? "" :
		    (bits & (bits - 1)) != 0 ? "none of " : "not ");
	else if (strcmp(c->field->name, "data") == 0)
		buf_adds(b, has ? "carries " : "does not carry ");
	else if (strcmp(c->field->name, "watches") == 0)
		buf_adds(b, has ? "watches " : "does not watch ");
	else
		buf_addf(b, "%s %s ", c->field->name, has ? "includes" :
		    "does not include");
	reason_words(b, c->field->vocab, bits, last);
}

/* The statement of a field condition: holds (pos) or not. */
static void
reason_field_claim(struct buf *b, const struct cond *c, int pos)
{
	const struct vocab	*v = c->field->vocab;
	const char		*phrase;
	size_t			 i, n = 0;

	switch (c->field->type) {
	case FIELD_BOOL:
		if (c->values == (COND_TRUE | COND_FALSE)) {
			buf_addf(b, "%s is %s", c->field->name, pos ?
			    "true or false" : "unknown");
			return;
		}
		reason_bool(b, c, (c->values == COND_TRUE) == pos);
		return;
	case FIELD_SET:
		reason_set(b, c, pos, c->values, " or ");
		return;
	default:
		for (i = 0; i < v->n; i++)
			if (c->values & (1u << i))
				n++;
		for (i = 0; n == 1 && i < v->n; i++) {
			if ((c->values & (1u << i)) != 0 &&
			    (phrase = reason_enum_phrase(c, (int)i,
			    pos)) != NULL) {
				buf_adds(b, phrase);
				return;
			}
		}
		buf_addf(b, "%s is %s", c->field->name, pos ? "" :
		    n > 1 ? "none of " : "not ");
		reason_words(b, v, c->values, pos ? " or " : ", ");
		return;
	}
}

/*
 * The fact that states the value of a boolean or enumerated field of obj,
 * after its object ("'x' handles personal data", "'x' human-review is
 * none"): what explain_field() says of the field whatever the condition
 * asks. 0 for a field of another type, whose line names the values asked.
 */
static int
reason_field_value(struct buf *b, const struct cond *c, const void *obj)
{
	const struct field	*f = c->field;
	const char		*p = (const char *)obj + f->offset;
	const char		*phrase;
	int			 iv;

	switch (f->type) {
	case FIELD_BOOL:
		memcpy(&iv, p, sizeof iv);
		reason_bool(b, c, iv == TRI_YES);
		return 1;
	case FIELD_SET:
		return 0;
	default:
		memcpy(&iv, p, sizeof iv);
		if ((phrase = reason_enum_phrase(c, iv, 1)) != NULL)
			buf_adds(b, phrase);
		else
			buf_addf(b, "%s is %s", f->name,
			    vocab_name(f->vocab, iv) != NULL ?
			    vocab_name(f->vocab, iv) : "?");
		return 1;
	}
}

/* The index of k's fact with this text (after its prefix), or -1. */
static ssize_t
reason_find_fact(const struct risk *k, const char *text)
{
	size_t	i;

	for (i = k->nreasons; i-- > 0;)
		if (k->reasons[i].kind == REASON_FACT &&
		    strcmp(reason_text(&k->reasons[i]), text) == 0)
			return (ssize_t)i;
	return -1;
}

/*
 * 1 if k has a fact that states the value of c's field of obj, whose
 * line starts with the object (b holds "'x' "). A set field's line names
 * the values its condition asked ("carries prompt, documents"): one with
 * the field's verb counts.
 */
static int
reason_states_field(struct eval *e, struct risk *k, const struct cond *c,
    const void *obj, struct buf *b)
{
	const struct field	*f = c->field;
	size_t			 i, n = b->len, lo = 0;
	const char		*t;
	int			 found = 0;

	if (reason_field_value(b, c, obj)) {
		if (k == e->rk && k->nreasons >= REASON_INDEX_FROM) {
			(void)reason_indexed(e, k);
			found = strmap_get(&e->rindex[REASON_FACT], b->s) !=
			    NULL;
		} else
			found = reason_find_fact(k, b->s) >= 0;
		buf_truncate(b, n);
		return found;
	}
	/* A set's line is near the answered one: its sibling. */
	if (k->nreasons > REASON_INDEX_FROM)
		lo = k->nreasons - REASON_INDEX_FROM;
	for (i = lo; i < k->nreasons && !found; i++) {
		if (k->reasons[i].kind != REASON_FACT)
			continue;
		t = reason_text(&k->reasons[i]);
		if (strncmp(t, b->s, n) != 0)
			continue;
		t += n;
		if (f->flags & FIELD_ONE_WORD || (strcmp(f->name, "data") != 0 &&
		    strcmp(f->name, "watches") != 0))
			found = strncmp(t, f->name, strlen(f->name)) == 0 &&
			    (strncmp(t + strlen(f->name), " is ", 4) == 0 ||
			    strncmp(t + strlen(f->name), " includes ", 10) == 0 ||
			    strncmp(t + strlen(f->name), " does not include ",
			    18) == 0);
		else if (strcmp(f->name, "data") == 0)
			found = strncmp(t, "carries ", 8) == 0 ||
			    strncmp(t, "does not carry ", 15) == 0;
		else
			found = strncmp(t, "watches ", 8) == 0 ||
			    strncmp(t, "does not watch ", 15) == 0;
	}
	return found;
}

/*
 * Drop k's fact "'x' FIELD is answered" now that a line states the
 * field's value: the value says it is answered.
 */
static void
reason_drop_answered(struct eval *e, struct risk *k, const struct cond *c,
    const void *obj)
{
	struct buf	b;
	ssize_t		i;

	buf_init(&b);
	reason_obj(&b, c->subject, obj);
	buf_addf(&b, " %s is answered", c->field->name);
	if (k == e->rk && k->nreasons >= REASON_INDEX_FROM) {
		(void)reason_indexed(e, k);
		if (strmap_get(&e->rindex[REASON_FACT], b.s) == NULL) {
			buf_release(&b);
			return;
		}
	}
	if ((i = reason_find_fact(k, b.s)) >= 0) {
		if (k == e->rk && e->rindexed && (size_t)i < e->rn) {
			(void)strmap_del(&e->rindex[REASON_FACT], b.s);
			e->rn--;
		}
		free(k->reasons[i].line);
		memmove(&k->reasons[i], &k->reasons[i + 1],
		    (k->nreasons - (size_t)i - 1) * sizeof *k->reasons);
		k->nreasons--;
	}
	buf_release(&b);
}

/*
 * Starts the fact "'id' is a model" in e->line; 0, with nothing written,
 * when e is quiet. A kind condition says it, and so does a field that the
 * component's kind does not have.
 */
static int
reason_kind_fact(struct eval *e, enum target_type t,
    const struct component *comp)
{
	if (e->quiet)
		return 0;
	e->kind = REASON_FACT;
	reason_obj(&e->line, t, comp);
	buf_adds(&e->line, " is ");
	reason_kind(&e->line, comp->kind);
	return 1;
}

/* A field leaf: the fact as the model has it, or what is assumed. */
static void
explain_field(struct eval *e, const struct cond *c, const void *obj, int pos,
    enum tv v, struct risk *k)
{
	const struct field	*f = c->field;
	const struct component	*comp = obj;
	const char		*p = (const char *)obj + f->offset;
	struct buf		*b = &e->line;
	unsigned		 bits;

	if (c->subject == TARGET_COMPONENT && !field_applies(f, comp->kind)) {
		if (reason_kind_fact(e, c->subject, comp)) {
			buf_addf(b, ", which has no %s", f->name);
			reason_add(e, k);
		}
		return;
	}
	if (v == TV_MAYBE) {
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			reason_obj(b, c->subject, obj);
			buf_addc(b, ' ');
			reason_field_claim(b, c, pos);
			/* The question that settles it: which field to
			   answer. */
			buf_addf(b, " (%s not answered)", f->name);
			reason_add(e, k);
		}
		reason_ask(e, k, c->subject, obj, f->name);
		return;
	}
	if (e->quiet)
		return;
	e->kind = REASON_FACT;
	reason_obj(b, c->subject, obj);
	buf_addc(b, ' ');
	if (!reason_field_value(b, c, obj)) {
		memcpy(&bits, p, sizeof bits);
		if (v == TV_YES && (f->flags & FIELD_ONE_WORD) &&
		    (bits & ~c->values) != 0) {
			/* "model-type includes vision (llm, vision)" */
			buf_addf(b, "%s includes ", f->name);
			reason_words(b, f->vocab, bits & c->values, ", ");
			buf_adds(b, " (");
			reason_words(b, f->vocab, bits, ", ");
			buf_addc(b, ')');
		} else if (v == TV_YES)
			reason_set(b, c, 1, bits & c->values, ", ");
		else
			reason_set(b, c, 0, c->values, " or ");
	}
	reason_add(e, k);
	reason_drop_answered(e, k, c, obj);
}

/* "'a' (untrusted)" or "'a' (trust not set)". */
static void
reason_boundary(struct buf *b, const struct boundary *bd)
{
	const char	*t = vocab_name(&vocab_trust, bd->trust);

	buf_addf(b, "'%s' (%s)", bd->id, t != NULL ? t : "trust not set");
}

/* Why a flow's boundaries are not known: "'x' has no boundary". */
static void
reason_unknown_ends(struct buf *b, const struct flow *f, int trust)
{
	const struct boundary	*a = f->src->b, *d = f->dst->b;

	if (a == NULL && d == NULL)
		buf_addf(b, "'%s' and '%s' have no boundary", f->src->id,
		    f->dst->id);
	else if (a == NULL)
		buf_addf(b, "'%s' has no boundary", f->src->id);
	else if (d == NULL)
		buf_addf(b, "'%s' has no boundary", f->dst->id);
	else if (trust && a->trust < 0 && d->trust < 0)
		buf_addf(b, "trust of '%s' and '%s' not answered", a->id,
		    d->id);
	else if (trust)
		buf_addf(b, "trust of '%s' not answered",
		    a->trust < 0 ? a->id : d->id);
}

/* crosses-boundary and from-less-trusted. */
static void
explain_flow_leaf(struct eval *e, const struct cond *c, const struct flow *f,
    int pos, struct risk *k)
{
	const struct boundary	*a = f->src->b, *d = f->dst->b;
	struct buf		*b = &e->line;
	int			 less = c->op == COND_LESS_TRUSTED;
	enum tv			 raw = tv_of_tri(less ?
	    flow_from_less_trusted(e->m, f) : flow_crossing(e->m, f));
	int			 assume;

	if (raw == TV_MAYBE) {
		/* Assume what makes the node hold (pos) or fail. */
		assume = (c->values == COND_TRUE) == pos;
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(b, "flow '%s' ", f->id);
			if (less)
				buf_adds(b, assume ? "comes from a less "
				    "trusted boundary (" : "does not come "
				    "from a less trusted boundary (");
			else
				buf_adds(b, assume ? "crosses a trust "
				    "boundary (" : "stays inside one "
				    "boundary (");
			reason_unknown_ends(b, f, less);
			buf_addc(b, ')');
			reason_add(e, k);
		}
		if (a == NULL)
			reason_ask(e, k, TARGET_COMPONENT, f->src, "boundary");
		if (d == NULL)
			reason_ask(e, k, TARGET_COMPONENT, f->dst, "boundary");
		if (less && a != NULL && d != NULL && a->trust < 0)
			reason_ask(e, k, TARGET_BOUNDARY, a, "trust");
		if (less && a != NULL && d != NULL && d->trust < 0)
			reason_ask(e, k, TARGET_BOUNDARY, d, "trust");
		return;
	}
	if (e->quiet)
		return;
	e->kind = REASON_FACT;
	buf_addf(b, "flow '%s' ", f->id);
	if (a == d) {
		buf_addf(b, "stays inside '%s'", a->id);
	} else if (less && raw == TV_YES) {
		buf_adds(b, "goes from ");
		reason_boundary(b, a);
		buf_adds(b, " to more trusted ");
		reason_boundary(b, d);
	} else if (less) {
		buf_adds(b, "does not go to a more trusted boundary: ");
		reason_boundary(b, a);
		buf_adds(b, " to ");
		reason_boundary(b, d);
	} else {
		buf_adds(b, "crosses from ");
		reason_boundary(b, a);
		buf_adds(b, " to ");
		reason_boundary(b, d);
	}
	reason_add(e, k);
}

static void	explain(struct eval *, const struct cond *, const void *, int,
		    struct risk *);

/*
 * The words of c, or of the named condition that c holds alone
 * ("{holds: NAME}"): its says:, or NULL.
 */
static const char *
cond_words(const struct cond *c)
{
	while (c->says == NULL && c->op == COND_ALL && c->implicit &&
	    c->nkids == 1)
		c = c->kids[0];
	return c->says;
}

/*
 * What something must be to match c: " matches {...}", or the words of a
 * mapping that has them (its says:, "is a camera or microphone").
 */
static void
reason_matches(struct buf *b, const struct cond *c)
{
	const char	*says = cond_words(c);

	if (says != NULL) {
		buf_addf(b, " %s", says);
		return;
	}
	buf_adds(b, " matches ");
	cond_format(c, b);
}

/* "fact: no flow into 'x' matches {...}" and the like. */
static void
explain_none(struct eval *e, const struct cond *c, const char *what,
    const struct component *comp, struct risk *k)
{
	if (e->quiet)
		return;
	e->kind = REASON_FACT;
	buf_addf(&e->line, "%s '%s'", what, comp->id);
	reason_matches(&e->line, c->kids[0]);
	reason_add(e, k);
}

/*
 * The fact that a one-hop quantifier of comp reaches along flow f: "flow
 * 'F' goes into 'C'" (or leaves), or "'A' sends to 'B' (flow 'F')" for
 * the component one flow away.
 */
static void
explain_hop(struct eval *e, const struct cond *c,
    const struct component *comp, const struct flow *f, struct risk *k)
{
	if (e->quiet)
		return;
	e->kind = REASON_FACT;
	if (c->op == COND_UPSTREAM || c->op == COND_DOWNSTREAM)
		buf_addf(&e->line, "'%s' sends to '%s' (flow '%s')",
		    f->src->id, f->dst->id, f->id);
	else
		buf_addf(&e->line, "flow '%s' %s '%s'", f->id,
		    c->op == COND_INBOUND ? "goes into" : "leaves", comp->id);
	reason_add(e, k);
}

/*
 * The other flows (or components one flow away) for which a one-hop
 * quantifier that holds holds as well: each named once, in flow order,
 * PATHS_LISTED in all with the witness already explained; the rest are
 * counted.
 */
static void
explain_more_flows(struct eval *e, const struct cond *c,
    const struct component *comp, enum tv v, const void *first,
    struct risk *k)
{
	const struct flow	*f;
	const void		*far, *listed[PATHS_LISTED];
	const uint32_t		*off, *list;
	uint32_t		 i, j, nl = 1, more = 0;
	int			 in = c->op == COND_INBOUND ||
	    c->op == COND_UPSTREAM;
	int			 hop = c->op == COND_UPSTREAM ||
	    c->op == COND_DOWNSTREAM;

	off = in ? e->in_off : e->out_off;
	list = in ? e->in_flow : e->out_flow;
	listed[0] = first;
	for (i = off[comp->index]; i < off[comp->index + 1]; i++) {
		f = e->m->flows[list[i]];
		far = !hop ? (const void *)f : in ? (const void *)f->src :
		    (const void *)f->dst;
		for (j = 0; j < nl && listed[j] != far; j++)
			;
		if (j < nl || eval_cond(e, c->kids[0], far) != v)
			continue;
		if (nl >= PATHS_LISTED) {
			more++;
			continue;
		}
		listed[nl++] = far;
		explain_hop(e, c, comp, f, k);
		explain(e, c->kids[0], far, 1, k);
	}
	if (more > 0 && !e->quiet) {
		e->kind = REASON_FACT;
		buf_addf(&e->line, "%u more %s %s '%s' match ", more,
		    !hop ? "flows" : "components",
		    in ? (hop ? "upstream of" : "into") : (hop ?
		    "downstream of" : "out of"), comp->id);
		cond_format(c->kids[0], &e->line);
		reason_add(e, k);
	}
}

/* The one-hop quantifiers, from the remembered witness. */
static void
explain_quant(struct eval *e, const struct cond *c,
    const struct component *comp, int pos, struct risk *k)
{
	const struct memo	*mm;
	const struct flow	*f;
	const void		*far;
	enum tv			 v = eval_quant(e, c, comp);
	uint32_t		 n;
	int			 in = c->op == COND_INBOUND ||
	    c->op == COND_UPSTREAM;
	int			 hop = c->op == COND_UPSTREAM ||
	    c->op == COND_DOWNSTREAM;

	mm = &e->memo[c->slot];
	n = in ? e->in_off[comp->index + 1] - e->in_off[comp->index] :
	    e->out_off[comp->index + 1] - e->out_off[comp->index];
	if (n == 0) {
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		buf_addf(&e->line, "no flow %s '%s'", in ? "goes into" :
		    "leaves", comp->id);
		reason_add(e, k);
		return;
	}
	if (!pos && v == TV_NO) {
		explain_none(e, c, c->op == COND_INBOUND ? "no flow into" :
		    c->op == COND_OUTBOUND ? "no flow out of" :
		    c->op == COND_UPSTREAM ? "nothing upstream of" :
		    "nothing downstream of", comp, k);
		return;
	}
	f = e->m->flows[mm->wits[comp->index]];
	far = !hop ? (const void *)f : in ? (const void *)f->src :
	    (const void *)f->dst;
	explain_hop(e, c, comp, f, k);
	explain(e, c->kids[0], far, pos, k);
	if (pos)
		explain_more_flows(e, c, comp, v, far, k);
	if (!pos && mm->cnts[comp->index] > 1) {
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(&e->line, "%u more %s %s '%s' do not match ",
			    mm->cnts[comp->index] - 1, !hop ? "flows" :
			    "components", in ? (hop ? "upstream of" :
			    "into") : (hop ? "downstream of" : "out of"),
			    comp->id);
			cond_format(c->kids[0], &e->line);
			buf_adds(&e->line, " (not answered)");
			reason_add(e, k);
		}
		reason_ask(e, k, TARGET_COMPONENT, comp, in ? "its inbound "
		    "flows and sources" : "its outbound flows and "
		    "destinations");
	}
}


/* " through flows that carry a or b" for a path with "via", else "". */
static void
reason_via(struct buf *b, const struct cond *c)
{
	if (c->values == 0)
		return;
	buf_adds(b, " through flows that carry ");
	data_words(b, c->values);
}

/*
 * The fact of one path (explain_one_path()): "'a' reaches 'c' through
 * flows 'ab', 'bc'", and what its flows carry.
 */
static void
reason_path(struct buf *b, const struct cond *c,
    const struct component *comp, const struct component *end,
    const struct flow *const *shown, uint32_t n, uint32_t hops,
    uint32_t unk)
{
	int		back = c->op == COND_REACHES;
	uint32_t	i;

	if (back)
		buf_addf(b, "'%s' reaches '%s' through ", comp->id,
		    end->id);
	else
		buf_addf(b, "'%s' is reachable from '%s' through ",
		    comp->id, end->id);
	if (hops == 1)
		buf_adds(b, "flow ");
	else if (n == hops)
		buf_adds(b, "flows ");
	else
		buf_addf(b, "%u flows: %s", hops, back ? "" : "..., ");
	for (i = 0; i < n; i++)
		buf_addf(b, "%s'%s'", i > 0 ? ", " : "", shown[i]->id);
	if (back && n < hops)
		buf_adds(b, ", ...");
	if (c->values != 0 && unk < hops) {
		buf_adds(b, hops == 1 ? ", carrying " : ", each carrying ");
		data_words(b, c->values);
		if (unk > 0)
			buf_adds(b, " where answered");
	}
}

/*
 * One path of reaches or reachable-from: "fact: 'a' reaches 'c' through
 * flows 'ab', 'bc'" or "fact: 'c' is reachable from 'a' through flows
 * 'ab', 'bc'" (the flows nearest the subject of a long path), the flows
 * of the path whose data is assumed to carry the "via" classes, then why
 * the far end matches. path[] holds the hops flows from the subject
 * outwards (reaches) or from the far end inwards (reachable-from); unk is
 * the number of flows of the whole path whose data is not answered.
 */
static void
explain_one_path(struct eval *e, const struct cond *c,
    const struct component *comp, const struct component *end,
    const struct flow *const *shown, uint32_t n, uint32_t hops,
    uint32_t unk, int pos, struct risk *k)
{
	struct buf		*b = &e->line;
	uint32_t		 i, seen = 0;

	if (!e->quiet) {
		e->kind = REASON_FACT;
		reason_path(b, c, comp, end, shown, n, hops, unk);
		reason_add(e, k);
	}
	for (i = 0; i < n; i++) {
		if (c->values == 0 || shown[i]->data != 0)
			continue;
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(b, "flow '%s' %s", shown[i]->id,
			    pos ? "carries " : "does not carry ");
			reason_words(b, &vocab_data_class, c->values,
			    " or ");
			buf_adds(b, " (not answered)");
			reason_add(e, k);
		}
		reason_ask(e, k, TARGET_FLOW, shown[i], "data");
		seen++;
	}
	if (unk > seen) {
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(b, "%u more flows of the path %s",
			    unk - seen, pos ? "carry " : "do not carry ");
			reason_words(b, &vocab_data_class, c->values,
			    " or ");
			buf_adds(b, " (not answered)");
			reason_add(e, k);
		}
		reason_ask(e, k, TARGET_COMPONENT, comp, "data of the flows "
		    "on its paths");
	}
	explain(e, c->kids[0], end, pos, k);
}

/*
 * The other paths of a path condition that holds: a search from the
 * subject against the direction of the condition, through flows that
 * pass as well as the condition does, finds the other components at its
 * far end (nearest first, in flow order), each named once with the path
 * that reaches it. At most PATHS_LISTED paths are named in all and at
 * most PATH_SEARCH components visited, so that explaining a risk stays
 * cheap on a large model; what is left over is counted.
 */
static void
explain_more_paths(struct eval *e, const struct cond *c,
    const struct component *comp, const struct component *first, enum tv v,
    int pos, struct risk *k)
{
	const struct model	*m = e->m;
	const struct flow	*f;
	const uint32_t		*off, *list, *ends;
	int			 back = c->op == COND_REACHES;
	/* The kid's value at each component, as eval_reach() found it. */
	const uint8_t		*kid = e->memo[c->slot].done ?
	    e->memo[c->slot].kid : NULL;
	uint32_t		*queue = e->scratch_queue, head = 0, tail = 0;
	uint32_t		 j, d, x, i, ki, more = 0, np = 0;
	const char		*says;
	/* The paths found, explained once the search is over (explaining
	   one may search again, with the same scratch arrays). */
	struct {
		const struct component	*end;
		const struct flow	*shown[PATH_SHOWN + 1];
		uint32_t		 n, hops, unk;
	}			 p[PATHS_LISTED];

	off = back ? e->out_off : e->in_off;
	list = back ? e->out_flow : e->in_flow;
	ends = back ? e->out_to : e->in_from;
	queue[tail++] = (uint32_t)comp->index;
	e->scratch_seen[comp->index] = 1;
	while (head < tail) {
		j = queue[head++];
		for (x = off[j]; x < off[j + 1]; x++) {
			d = ends[x];
			if (e->scratch_seen[d])
				continue;
			f = m->flows[list[x]];
			if (eval_via(c, f) < v)
				continue;
			/*
			 * With the search full, or the paths listed all
			 * found and one more, nothing found later changes
			 * what is said: there are more.
			 */
			if (tail >= PATH_SEARCH) {
				more = 1;
				goto searched;
			}
			e->scratch_seen[d] = 1;
			e->scratch_flow[d] = list[x];
			queue[tail++] = d;
			if (m->components[d] == first || (kid != NULL ?
			    (enum tv)kid[d] : eval_cond(e, c->kids[0],
			    m->components[d])) < v)
				continue;
			if (np + 1 >= PATHS_LISTED) {
				more = 1;
				goto searched;
			}
			/* The path from d to the subject, or back. */
			p[np].end = m->components[d];
			p[np].hops = p[np].unk = 0;
			for (i = d; i != comp->index; i = back ?
			    (uint32_t)f->src->index : (uint32_t)f->dst->index) {
				f = m->flows[e->scratch_flow[i]];
				p[np].hops++;
				p[np].unk += c->values != 0 && f->data == 0;
			}
			p[np].n = PATH_NAMED(p[np].hops);
			/* The flows nearest the subject, in path order. */
			ki = 0;
			for (i = d; i != comp->index; i = back ?
			    (uint32_t)f->src->index : (uint32_t)f->dst->index) {
				f = m->flows[e->scratch_flow[i]];
				if (p[np].hops - ki <= p[np].n)
					p[np].shown[back ? p[np].hops - ki - 1 :
					    p[np].n - (p[np].hops - ki)] = f;
				ki++;
			}
			np++;
		}
	}
searched:
	for (x = 0; x < tail; x++)
		e->scratch_seen[queue[x]] = 0;
	for (i = 0; i < np; i++)
		explain_one_path(e, c, comp, p[i].end, p[i].shown, p[i].n,
		    p[i].hops, p[i].unk, pos, k);
	if (more > 0 && !e->quiet) {
		e->kind = REASON_FACT;
		buf_addf(&e->line, "more components %s '%s'", back ?
		    "are reached from" : "reach", comp->id);
		reason_via(&e->line, c);
		/* Its words, or none: the condition's syntax would
		   repeat what the paths above explain entry by entry. */
		if ((says = cond_words(c->kids[0])) != NULL)
			buf_addf(&e->line, ", and each %s", says);
		else
			buf_adds(&e->line,
			    ", and meet the same condition as those above");
		reason_add(e, k);
	}
}

/*
 * reaches and reachable-from: the path the evaluation remembered, then
 * (for one that holds) every other component at the far end that a
 * path of the same value joins, each with its path.
 */
static void
explain_path(struct eval *e, const struct cond *c,
    const struct component *comp, int pos, enum tv v, struct risk *k)
{
	const struct memo	*mm = &e->memo[c->slot];
	const struct flow	*f, *shown[PATH_SHOWN + 1];
	const struct component	*end;
	struct buf		*b = &e->line;
	int			 back = c->op == COND_REACHES;
	uint32_t		 hops, n, i, at, unk = 0;

	if (!pos && v == TV_NO) {
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		buf_addf(b, "%s '%s'", back ? "nothing reached from" :
		    "nothing that reaches", comp->id);
		reason_via(b, c);
		reason_matches(b, c->kids[0]);
		reason_add(e, k);
		return;
	}
	end = e->m->components[mm->wits[comp->index]];
	hops = mm->cnts[comp->index];
	if (mm->unk != NULL)
		unk = mm->unk[comp->index];
	/* The flows nearest the subject, in the order of the path. */
	n = PATH_NAMED(hops);
	at = (uint32_t)comp->index;
	for (i = 0; i < n; i++) {
		f = e->m->flows[mm->next[at]];
		shown[back ? i : n - 1 - i] = f;
		at = (uint32_t)(back ? f->dst->index : f->src->index);
	}
	explain_one_path(e, c, comp, end, shown, n, hops, unk, pos, k);
	if (pos && v != TV_NO)
		explain_more_paths(e, c, comp, end, v, pos, k);
	if (!pos) {
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(b, "nothing else %s '%s'", back ?
			    "reached from" : "that reaches", comp->id);
			reason_via(b, c);
			reason_matches(b, c->kids[0]);
			buf_adds(b, " (not answered)");
			reason_add(e, k);
		}
		reason_ask(e, k, TARGET_COMPONENT, comp, back ? "what it "
		    "reaches" : "what reaches it");
	}
}

/* contains: "fact: boundary 'b' holds 'x'", then why 'x' matches. */
static void
explain_contains(struct eval *e, const struct cond *c,
    const struct boundary *bd, int pos, enum tv v, struct risk *k)
{
	const struct memo	*mm = &e->memo[c->slot];
	struct buf		*b = &e->line;
	size_t			 bi = eval_boundary_index(e, bd);

	if (mm->cnts[bi] == 0) {
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		buf_addf(b, "boundary '%s' holds no component", bd->id);
		reason_add(e, k);
		return;
	}
	if (!pos && v == TV_NO) {
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		buf_addf(b, "nothing in boundary '%s'", bd->id);
		reason_matches(b, c->kids[0]);
		reason_add(e, k);
		return;
	}
	if (!e->quiet) {
		e->kind = REASON_FACT;
		buf_addf(b, "boundary '%s' holds '%s'", bd->id,
		    e->m->components[mm->wits[bi]]->id);
		reason_add(e, k);
	}
	explain(e, c->kids[0], e->m->components[mm->wits[bi]], pos, k);
	if (!pos && mm->cnts[bi] > 1) {
		if (reason_writes_assumption(e)) {
			e->kind = REASON_ASSUMED;
			buf_addf(b, "%u more components in boundary '%s' "
			    "do not match ", mm->cnts[bi] - 1, bd->id);
			cond_format(c->kids[0], b);
			buf_adds(b, " (not answered)");
			reason_add(e, k);
		}
		reason_ask(e, k, TARGET_BOUNDARY, bd, "its components");
	}
}

/*
 * The kid of an all that fails, or of an any that holds, that decides its
 * value: the first with the node's value. The node's value is that of
 * eval_cond() (the least, or greatest, of the kids up to the first that
 * settles it), found from the kids' values without evaluating them twice.
 */
static const struct cond *
explain_decider(struct eval *e, const struct cond *c, const void *obj,
    enum tv *vp)
{
	enum tv	kv[16], v, stop = c->op == COND_ALL ? TV_NO : TV_YES;
	size_t	i, n;

	if (c->nkids > sizeof kv / sizeof kv[0]) {
		v = *vp = eval_cond(e, c, obj);
		for (i = 0; i < c->nkids; i++)
			if (eval_cond(e, c->kids[i], obj) == v)
				return c->kids[i];
		return NULL;
	}
	v = c->op == COND_ALL ? TV_YES : TV_NO;
	for (n = 0; n < c->nkids && v != stop; n++) {
		kv[n] = eval_cond(e, c->kids[n], obj);
		if (c->op == COND_ALL ? kv[n] < v : kv[n] > v)
			v = kv[n];
	}
	*vp = v;
	for (i = 0; i < n; i++)
		if (kv[i] == v)
			return c->kids[i];
	return NULL;
}

/* 1 if a question's fields ("a or b") include field. */
static int
explain_names_field(const char *fields, const char *field)
{
	size_t		 n = strlen(field);
	const char	*p = fields;

	for (;;) {
		if (strncmp(p, field, n) == 0 && (p[n] == '\0' ||
		    strncmp(p + n, " or ", 4) == 0))
			return 1;
		if ((p = strstr(p, " or ")) == NULL)
			return 0;
		p += 4;
	}
}

/* 1 if k assumes text, alone or as another way ("or TEXT"). */
static int
reason_assumes(const struct risk *k, const char *text)
{
	const char	*t;
	size_t		 i;

	for (i = 0; i < k->nreasons; i++) {
		if (k->reasons[i].kind != REASON_ASSUMED)
			continue;
		t = reason_text(&k->reasons[i]);
		if (strncmp(t, "or ", 3) == 0)
			t += 3;
		if (strcmp(t, text) == 0)
			return 1;
	}
	return 0;
}

/*
 * The other kids of a node that holds only by assumption and that could
 * decide it as well (an any of two unanswered fields): the fields they
 * assume are questions of the finding too, asked with the first, so that
 * answering the one the reasons name does not raise the next one only
 * then; and what they assume, as the other way it holds ("assumed: or
 * 'x' handles confidential data (confidential-data not answered)").
 */
static void
explain_alternatives(struct eval *e, const struct cond *c,
    const struct cond *decider, const void *obj, int pos, size_t first,
    struct risk *k)
{
	struct risk	tmp;
	size_t		i, j, x, last = k->nasks;
	char		*both;

	for (i = 0; i < c->nkids; i++) {
		if (c->kids[i] == decider ||
		    eval_cond(e, c->kids[i], obj) != TV_MAYBE)
			continue;
		memset(&tmp, 0, sizeof tmp);
		explain(e, c->kids[i], obj, pos, &tmp);
		/*
		 * Another field of an element the first kid asks about is
		 * one question ("personal-data or confidential-data"):
		 * either answer settles what the other leaves open.
		 */
		for (j = 0; j < tmp.nasks; j++) {
			for (x = first; x < last; x++)
				if (strcmp(k->asks[x].element,
				    tmp.asks[j].element) == 0)
					break;
			if (x == last) {
				risk_add_ask(k, tmp.asks[j].element,
				    tmp.asks[j].field);
				continue;
			}
			if (explain_names_field(k->asks[x].field,
			    tmp.asks[j].field))
				continue;
			both = xasprintf("%s or %s", k->asks[x].field,
			    tmp.asks[j].field);
			free(k->asks[x].field);
			k->asks[x].field = both;
		}
		for (j = 0; j < tmp.nreasons; j++) {
			const char	*t = risk_reason_text(&tmp.reasons[j]);

			/* (not an assumption k already makes: the same
			   field reached another way is no other way; one
			   that a nested alternative already marks "or"
			   is marked once) */
			if (strncmp(t, "or ", 3) == 0)
				t += 3;
			if (tmp.reasons[j].kind == REASON_ASSUMED &&
			    !reason_assumes(k, t))
				risk_add_reason(k, REASON_ASSUMED, "or %s", t);
			free(tmp.reasons[j].line);
		}
		free(tmp.reasons);
		risk_clear_asks(&tmp);
	}
}

/*
 * Quiet (facts unwritten), 1 if a node with kids is settled the way it
 * is explained (yes where it holds, no where it fails): then it rests on
 * no unanswered field, and its explanation would write only facts and
 * ask nothing (eval_new() says where a tree has a node that does). A
 * leaf is not looked at: explaining it costs no more than that.
 */
static int
explain_settled(struct eval *e, const struct cond *c, const void *obj,
    int pos)
{
	return e->quiet && !e->settled_asks && c->nkids > 0 &&
	    eval_cond(e, c, obj) == (pos ? TV_YES : TV_NO);
}

/*
 * Each node's value is evaluated only where its reason needs it: an
 * explanation walks every kid of a node, and evaluating each node again
 * on the way down would evaluate a deep condition once per ancestor.
 */
static void
explain(struct eval *e, const struct cond *c, const void *obj, int pos,
    struct risk *k)
{
	const struct component	*comp = obj;
	const struct flow	*f = obj;
	const struct memo	*mm;
	const struct practice	*pr;
	const struct cond	*kid;
	struct buf		*b = &e->line;
	enum tv			 v;
	size_t			 i;

	/*
	 * An exclusion marked "guard: true" (the mapping of a not:) that
	 * fails, as it does where the risk holds: what it fails on says
	 * why another finding, or none, is not the one raised, not what
	 * this one rests on. Its facts stay out; what it assumes, and the
	 * fields it asks, do not (an unanswered field is a question either
	 * way).
	 */
	if (c->guard && !pos && !e->quiet) {
		e->quiet = EVAL_QUIET_FACTS;
		explain(e, c, obj, pos, k);
		e->quiet = 0;
		return;
	}
	/*
	 * A mapping with words for it, settled on facts: one line in those
	 * words. Resting on an unanswered field, its entries say which.
	 */
	if ((pos ? c->says : c->says_not) != NULL &&
	    eval_cond(e, c, obj) == (pos ? TV_YES : TV_NO)) {
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		reason_obj(b, c->subject, obj);
		buf_addf(b, " %s", pos ? c->says : c->says_not);
		reason_add(e, k);
		return;
	}
	switch (c->op) {
	case COND_ALL:
	case COND_ANY:
		/* all holding, any failing: every kid; else the one that
		 * decides (the first with the node's value). */
		if ((c->op == COND_ALL) == pos) {
			for (i = 0; i < c->nkids; i++)
				if (!explain_settled(e, c->kids[i], obj, pos))
					explain(e, c->kids[i], obj, pos, k);
			return;
		}
		i = k->nasks;
		kid = explain_decider(e, c, obj, &v);
		if (e->quiet && !e->settled_asks && v == (pos ? TV_YES : TV_NO))
			return;
		if (kid != NULL)
			explain(e, kid, obj, pos, k);
		if (v == TV_MAYBE)
			explain_alternatives(e, c, kid, obj, pos, i, k);
		return;
	case COND_NOT:
		explain(e, c->kids[0], obj, !pos, k);
		return;
	case COND_KIND:
		if (reason_kind_fact(e, c->subject, comp))
			reason_add(e, k);
		return;
	case COND_FIELD:
		explain_field(e, c, obj, pos, eval_cond(e, c, obj), k);
		return;
	case COND_ANSWERED:
		if (e->quiet)
			return;
		e->kind = REASON_FACT;
		reason_obj(b, c->subject, obj);
		buf_addc(b, ' ');
		/* Not beside a line that states the value: it says so. */
		if (eval_answered(c, obj) == TV_YES &&
		    reason_states_field(e, k, c, obj, b)) {
			buf_reset(b);
			return;
		}
		buf_addf(b, "%s is %s", c->field->name,
		    eval_answered(c, obj) == TV_YES ? "answered" :
		    "not answered");
		/*
		 * A field stated where it holds is read as false when left
		 * out, and asked of nobody: the reason says what is assumed.
		 */
		if (eval_answered(c, obj) != TV_YES &&
		    (c->field->flags & FIELD_STATED) &&
		    c->field->type == FIELD_BOOL)
			buf_adds(b, ", so assumed false");
		reason_add(e, k);
		return;
	case COND_CROSSES:
	case COND_LESS_TRUSTED:
		explain_flow_leaf(e, c, f, pos, k);
		return;
	case COND_FROM:
	case COND_TO:
		if (!e->quiet) {
			e->kind = REASON_FACT;
			buf_addf(b, "flow '%s' %s '%s'", f->id,
			    c->op == COND_FROM ? "comes from" : "goes to",
			    c->op == COND_FROM ? f->src->id : f->dst->id);
			reason_add(e, k);
		}
		explain(e, c->kids[0], c->op == COND_FROM ? f->src : f->dst,
		    pos, k);
		return;
	case COND_INBOUND:
	case COND_OUTBOUND:
	case COND_UPSTREAM:
	case COND_DOWNSTREAM:
		explain_quant(e, c, comp, pos, k);
		return;
	case COND_REACHABLE:
	case COND_REACHES:
		explain_path(e, c, comp, pos, eval_cond(e, c, obj), k);
		return;
	case COND_CONTAINS:
		explain_contains(e, c, obj, pos, eval_cond(e, c, obj),
		    k);
		return;
	case COND_BOUNDARY:
		if (comp->b == NULL) {
			if (reason_writes_assumption(e)) {
				e->kind = REASON_ASSUMED;
				buf_addf(b, "'%s' is in a boundary %s ",
				    comp->id, pos ? "matching" :
				    "not matching");
				cond_format(c->kids[0], b);
				buf_adds(b, " (no boundary set)");
				reason_add(e, k);
			}
			reason_ask(e, k, TARGET_COMPONENT, comp, "boundary");
			return;
		}
		if (!e->quiet) {
			e->kind = REASON_FACT;
			buf_addf(b, "'%s' is in boundary '%s'", comp->id,
			    comp->b->id);
			reason_add(e, k);
		}
		explain(e, c->kids[0], comp->b, pos, k);
		return;
	case COND_SYSTEM:
		explain(e, c->kids[0], &e->m->system, pos, k);
		return;
	case COND_EXISTS:
		v = eval_cond(e, c, obj);
		mm = &e->memo[c->slot];
		if (!pos && v == TV_NO) {
			if (e->quiet)
				return;
			e->kind = REASON_FACT;
			buf_adds(b, "no component");
			reason_matches(b, c->kids[0]);
			reason_add(e, k);
			return;
		}
		explain(e, c->kids[0], e->m->components[mm->wit], pos, k);
		if (!pos && mm->cnt > 1) {
			if (reason_writes_assumption(e)) {
				e->kind = REASON_ASSUMED;
				buf_addf(b, "%u more components do not "
				    "match ", mm->cnt - 1);
				cond_format(c->kids[0], b);
				buf_adds(b, " (not answered)");
				reason_add(e, k);
			}
			reason_ask(e, k, TARGET_SYSTEM, &e->m->system,
			    "its components");
		}
		return;
	case COND_PRACTICE:
		if (e->quiet)
			return;
		pr = model_practice(e->m, c->question);
		if (pr == NULL || pr->answer == TRI_UNKNOWN)
			buf_addf(b, "practice question '%s' is not answered "
			    "(an open question)", c->question);
		else
			buf_addf(b, "the answer to practice question '%s' is "
			    "%s", c->question, pr->answer == TRI_YES ? "yes" :
			    "no");
		reason_add(e, k);
		return;
	}
}

void
eval_explain(struct eval *e, const struct cond *c, const void *obj,
    struct risk *k)
{
	eval_explain_known(e, c, obj, eval_cond(e, c, obj), k);
}

void
eval_explain_known(struct eval *e, const struct cond *c, const void *obj,
    enum tv v, struct risk *k)
{
	if (v != TV_NO && (v != TV_YES || !e->quiet || e->settled_asks))
		explain(e, c, obj, 1, k);
}

void
eval_explain_not(struct eval *e, const struct cond *c, const void *obj,
    struct risk *k)
{
	if (eval_cond(e, c, obj) != TV_YES)
		explain(e, c, obj, 0, k);
}

/*
 * The bound on a risk's reasons (eval_bound_reasons()): lines of one
 * shape shown before "and N more like: ..." stands for the rest, which
 * is at least two lines (one line is as short said as it is).
 */
#define REASONS_LIKE	6
#define REASONS_CUT(total) ((total) >= REASONS_LIKE + 2)
/*
 * And of all its facts (or all its assumptions), whatever their shapes:
 * the kinds of statement a model can repeat are many (each mix of data
 * classes a flow carries is one), and a finding that folds others (one
 * per source of a feedback loop) repeats them all.
 */
#define REASONS_MAX	64

/*
 * A line's shape: its kind, and its text with each quoted name as '…'
 * and each number as N, so that the same statement about other parts of
 * the model has the same shape.
 */
static void
reason_shape(struct buf *b, const struct risk_reason *r)
{
	const char	*s = risk_reason_text(r), *q;
	size_t		 n;

	buf_reset(b);
	buf_addc(b, (char)('0' + r->kind));
	buf_addc(b, ':');
	for (;;) {
		/* (spans copied whole: every risk's lines pass here) */
		n = strcspn(s, "'0123456789");
		buf_add(b, s, n);
		s += n;
		if (*s == '\0')
			break;
		if (*s == '\'') {
			if ((q = strchr(s + 1, '\'')) == NULL) {
				buf_adds(b, s);
				break;
			}
			buf_adds(b, "'\xe2\x80\xa6'");
			s = q + 1;
			continue;
		}
		buf_addc(b, 'N');
		while ((*s >= '0' && *s <= '9') || (*s == ',' &&
		    s[1] >= '0' && s[1] <= '9'))
			s++;
	}
}

void
eval_add_count(struct buf *b, size_t n)
{
	char	d[32];
	int	len, i;

	len = snprintf(d, sizeof d, "%zu", n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, d[i]);
	}
}

struct shape_seen {
	char	*shape;		/* its text (the map's key) */
	size_t	 total;		/* lines of the shape */
	size_t	 shown;		/* of them kept so far */
};

void
eval_bound_reasons(struct risk *k)
{
	struct strmap		 shapes, lines;
	struct shape_seen	*seen, *sp, **of;
	struct risk_reason	*old = k->reasons;
	char			 cid[256];
	struct buf		 b;
	size_t			 i, n = k->nreasons, nseen = 0;
	size_t			 kept[REASON_KIND_COUNT] = { 0 };
	size_t			 over[REASON_KIND_COUNT] = { 0 };
	int			 bounded = 0;

	/* (too few for a shape to be cut: most findings) */
	if (n < REASONS_LIKE + 2)
		return;
	strmap_init(&shapes);
	strmap_init(&lines);
	of = xcalloc(n, sizeof *of);
	seen = xcalloc(n, sizeof *seen);
	buf_init(&b);
	/*
	 * The score's lines and the threats covered are bounded by the
	 * catalogue, not by the model, and are read back
	 * (risk_covered_threat()): never cut, but said once (a finding
	 * folds the same covered threat once per finding it covers).
	 * Every other line is counted by its shape.
	 */
	for (i = 0; i < n; i++) {
		if (old[i].kind == REASON_ADJUSTMENT)
			continue;
		if (risk_covered_threat(&old[i], cid, sizeof cid)) {
			if (strmap_get(&lines, old[i].line) != NULL)
				bounded = 1;
			strmap_put(&lines, old[i].line, old[i].line);
			continue;
		}
		reason_shape(&b, &old[i]);
		if ((sp = strmap_get(&shapes, b.s)) == NULL) {
			sp = &seen[nseen++];
			sp->shape = xstrdup(b.s);
			strmap_put(&shapes, sp->shape, sp);
		}
		of[i] = sp;
		if (REASONS_CUT(++sp->total) || ++kept[old[i].kind] >
		    REASONS_MAX)
			bounded = 1;
	}
	if (bounded) {
		/* Rebuilt, each line said once. */
		strmap_release(&lines);
		strmap_init(&lines);
		k->reasons = NULL;
		k->nreasons = 0;
		memset(kept, 0, sizeof kept);
		for (i = 0; i < n; i++) {
			if (strmap_get(&lines, old[i].line) != NULL)
				continue;
			strmap_put(&lines, old[i].line, old[i].line);
			sp = of[i];
			if (sp != NULL && REASONS_CUT(sp->total) &&
			    sp->shown >= REASONS_LIKE)
				continue;
			if (sp != NULL && kept[old[i].kind] >= REASONS_MAX) {
				/* (one of its shape's lines, and those it
				   stands for) */
				over[old[i].kind] += REASONS_CUT(sp->total) ?
				    sp->total - REASONS_LIKE : 1;
				sp->shown = REASONS_LIKE;
				continue;
			}
			risk_add_reason_line(k, (int)old[i].kind, old[i].line);
			if (sp == NULL)
				continue;
			kept[old[i].kind]++;
			if (++sp->shown < REASONS_LIKE ||
			    !REASONS_CUT(sp->total))
				continue;
			/* The last one shown: how many more, and like what. */
			buf_reset(&b);
			buf_adds(&b, "and ");
			eval_add_count(&b, sp->total - REASONS_LIKE);
			buf_adds(&b, " more like: ");
			buf_adds(&b, strchr(sp->shape, ':') + 1);
			risk_add_reason_text(k, old[i].kind, b.s);
		}
		for (i = 0; i < REASON_KIND_COUNT; i++) {
			if (over[i] == 0)
				continue;
			buf_reset(&b);
			buf_adds(&b, "and ");
			eval_add_count(&b, over[i]);
			buf_addf(&b, " more %s of the kinds above",
			    i == REASON_ASSUMED ? "assumptions" : "facts");
			risk_add_reason_text(k, (enum reason_kind)i, b.s);
		}
		for (i = 0; i < n; i++)
			free(old[i].line);
		free(old);
	}
	buf_release(&b);
	for (i = 0; i < nseen; i++)
		free(seen[i].shape);
	free(seen);
	free(of);
	strmap_release(&shapes);
	strmap_release(&lines);
}

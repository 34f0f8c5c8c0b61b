/* cond.c: read and check applicability conditions; write them back. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/cond.h"
#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

#define SUBJ(t)		(1u << (t))
#define SUBJ_EVERY	(SUBJ(TARGET_COMPONENT) | SUBJ(TARGET_FLOW) | \
			 SUBJ(TARGET_BOUNDARY) | SUBJ(TARGET_SYSTEM) | \
			 SUBJ(TARGET_ANY))
#define SUBJ_SAME	((enum target_type)-1)

enum cond_arg {
	ARG_CONDS,	/* a list of conditions: all, any */
	ARG_COND,	/* one condition of the same subject: not */
	ARG_SUB,	/* a condition (or a list: one of) about another subject */
	ARG_KINDS,	/* component kinds */
	ARG_BOOL,	/* true or false */
	ARG_QUESTIONS,	/* question ids */
	ARG_FIELD	/* the name of one field of the subject */
};

/* The keywords of the language; anything else names a field. */
static const struct cond_key {
	const char		*name;
	enum cond_op		 op;
	unsigned		 subjects;	/* where it may be used */
	enum target_type	 sub;		/* subject of its condition */
	enum cond_arg		 arg;
} cond_keys[] = {
	{ "all", COND_ALL, SUBJ_EVERY, SUBJ_SAME, ARG_CONDS },
	{ "any", COND_ANY, SUBJ_EVERY, SUBJ_SAME, ARG_CONDS },
	{ "not", COND_NOT, SUBJ_EVERY, SUBJ_SAME, ARG_COND },
	{ "kind", COND_KIND, SUBJ(TARGET_COMPONENT), SUBJ_SAME, ARG_KINDS },
	{ "crosses-boundary", COND_CROSSES, SUBJ(TARGET_FLOW), SUBJ_SAME,
	  ARG_BOOL },
	{ "from-less-trusted", COND_LESS_TRUSTED, SUBJ(TARGET_FLOW), SUBJ_SAME,
	  ARG_BOOL },
	{ "from", COND_FROM, SUBJ(TARGET_FLOW), TARGET_COMPONENT, ARG_SUB },
	{ "to", COND_TO, SUBJ(TARGET_FLOW), TARGET_COMPONENT, ARG_SUB },
	{ "inbound", COND_INBOUND, SUBJ(TARGET_COMPONENT), TARGET_FLOW,
	  ARG_SUB },
	{ "outbound", COND_OUTBOUND, SUBJ(TARGET_COMPONENT), TARGET_FLOW,
	  ARG_SUB },
	{ "upstream", COND_UPSTREAM, SUBJ(TARGET_COMPONENT), TARGET_COMPONENT,
	  ARG_SUB },
	{ "downstream", COND_DOWNSTREAM, SUBJ(TARGET_COMPONENT),
	  TARGET_COMPONENT, ARG_SUB },
	{ "reachable-from", COND_REACHABLE, SUBJ(TARGET_COMPONENT),
	  TARGET_COMPONENT, ARG_SUB },
	{ "reaches", COND_REACHES, SUBJ(TARGET_COMPONENT), TARGET_COMPONENT,
	  ARG_SUB },
	{ "boundary", COND_BOUNDARY, SUBJ(TARGET_COMPONENT), TARGET_BOUNDARY,
	  ARG_SUB },
	{ "contains", COND_CONTAINS, SUBJ(TARGET_BOUNDARY), TARGET_COMPONENT,
	  ARG_SUB },
	{ "system", COND_SYSTEM, SUBJ_EVERY, TARGET_SYSTEM, ARG_SUB },
	{ "exists", COND_EXISTS, SUBJ_EVERY, TARGET_COMPONENT, ARG_SUB },
	{ "practice", COND_PRACTICE, SUBJ_EVERY, SUBJ_SAME, ARG_QUESTIONS },
	{ "answered", COND_ANSWERED, SUBJ_EVERY & ~SUBJ(TARGET_ANY), SUBJ_SAME,
	  ARG_FIELD },
};
#define NKEYS	(sizeof cond_keys / sizeof cond_keys[0])

struct cond_parser {
	const struct ydoc	*doc;
	size_t			*slots;
	const struct cond_defs	*defs;		/* or NULL */
	struct error		*err;
	int			 under_not;	/* the next mapping is the
						   value of a not: (guard:) */
};

static struct cond	*cond_parse_map(struct cond_parser *,
			     const struct ynode *, enum target_type, unsigned);

/* "a component", "a flow", "a boundary", "the system", "any target" */
static const char *
subject_phrase(enum target_type t)
{
	switch (t) {
	case TARGET_COMPONENT:
		return "a component";
	case TARGET_FLOW:
		return "a flow";
	case TARGET_BOUNDARY:
		return "a boundary";
	case TARGET_SYSTEM:
		return "the system";
	case TARGET_ANY:
		break;
	}
	return "any target";
}

/* Plural of where a keyword may be used, for messages. */
static const char *
subjects_phrase(unsigned subjects)
{
	if (subjects == SUBJ(TARGET_COMPONENT))
		return "components";
	if (subjects == SUBJ(TARGET_FLOW))
		return "flows";
	if (subjects == SUBJ(TARGET_BOUNDARY))
		return "boundaries";
	return "other targets";
}

static const struct cond_key *
cond_key_find(const char *name)
{
	size_t	i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(cond_keys[i].name, name) == 0)
			return &cond_keys[i];
	return NULL;
}

/* 1 if a field can be tested in a condition (words and booleans). */
static int
field_testable(const struct field *f)
{
	return f->type == FIELD_ENUM || f->type == FIELD_BOOL ||
	    f->type == FIELD_SET;
}

static struct cond *
cond_node(enum cond_op op, enum target_type subject, const char *key,
    const struct ynode *at)
{
	struct cond	*c = xcalloc(1, sizeof *c);

	c->op = op;
	c->subject = subject;
	c->key = key;
	c->line = at->line;
	c->col = at->col;
	c->slot = COND_NOSLOT;
	return c;
}

static void
cond_add_kid(struct cond *c, struct cond *kid)
{
	c->kids = xreallocarray(c->kids, c->nkids + 1, sizeof *c->kids);
	c->kids[c->nkids++] = kid;
}

void
cond_free(struct cond *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	free(c->kids);
	free(c->question);
	free(c->says);
	free(c->says_not);
	free(c);
}

/* Append "'a', 'b' or 'c'" for the kinds of a mask. */
static void
kinds_list(unsigned mask, struct buf *b)
{
	size_t	i, n = 0, total = 0;

	for (i = 0; i < KIND_COUNT; i++)
		if (mask & KIND_BIT(i))
			total++;
	for (i = 0; i < KIND_COUNT; i++) {
		if ((mask & KIND_BIT(i)) == 0)
			continue;
		if (n > 0)
			buf_adds(b, n + 1 == total ? " or " : ", ");
		buf_addf(b, "'%s'", vocab_kind.words[i].name);
		n++;
	}
}

/*
 * A field tested for kinds it does not apply to: "field 'f' does not
 * apply to kind 'a' (only to 'b' or 'c')", after what. NULL.
 */
static struct cond *
cond_kinds_error(struct cond_parser *p, const struct ynode *n,
    const char *what, const struct field *f, unsigned kinds)
{
	struct buf	 b;

	buf_init(&b);
	buf_addf(&b, "%sfield '%s' does not apply to kind ", what, f->name);
	kinds_list(kinds, &b);
	buf_adds(&b, " (only to ");
	kinds_list(f->kinds, &b);
	buf_adds(&b, ")");
	ynode_error(p->doc, n, p->err, "%s", b.s);
	buf_release(&b);
	return NULL;
}

/* An unknown word of a vocabulary, with the nearest one or the list. */
static int
cond_bad_word(struct cond_parser *p, const struct ynode *n,
    const struct vocab *v, const char *key)
{
	const char	*near = vocab_suggest(v, n->value);
	struct buf	 b;

	if (near != NULL)
		return ynode_error(p->doc, n, p->err, "unknown %s '%s' for "
		    "'%s' (did you mean '%s'?)", v->name, n->value, key, near);
	buf_init(&b);
	vocab_list(v, &b);
	ynode_error(p->doc, n, p->err, "unknown %s '%s' for '%s' (expected "
	    "%s)", v->name, n->value, key, b.s);
	buf_release(&b);
	return -1;
}

/*
 * A word of vocabulary v, or true or false when v is NULL, or a list of
 * them (words always; booleans when list): as bits, 1 << word or
 * COND_TRUE and COND_FALSE.
 */
static int
cond_values(struct cond_parser *p, const struct ynode *n, const char *key,
    const struct vocab *v, int list, unsigned *bits)
{
	const char		*what;
	const struct ynode	*w;
	size_t			 i, count;
	int			 k;

	*bits = 0;
	what = v != NULL ? "a word or a list of words" : "true or false";
	if (n->type == YNODE_MAP || (n->type == YNODE_SEQ && !list))
		return ynode_error(p->doc, n, p->err, "'%s' must be %s, not %s",
		    key, what, ynode_type_name(n));
	count = n->type == YNODE_SEQ ? n->n : 1;
	if (count == 0)
		return ynode_error(p->doc, n, p->err, "'%s' needs at least "
		    "one value", key);
	for (i = 0; i < count; i++) {
		w = n->type == YNODE_SEQ ? n->items[i] : n;
		if (w->type != YNODE_SCALAR)
			return ynode_error(p->doc, w, p->err, "'%s' must be "
			    "%s, not %s", key, what, ynode_type_name(w));
		if (v != NULL) {
			if ((k = vocab_find(v, w->value)) == -1)
				return cond_bad_word(p, w, v, key);
			*bits |= 1u << k;
		} else if (strcmp(w->value, "true") == 0)
			*bits |= COND_TRUE;
		else if (strcmp(w->value, "false") == 0)
			*bits |= COND_FALSE;
		else
			return ynode_error(p->doc, w, p->err, "'%s' must be "
			    "true or false, not '%s'", key, w->value);
	}
	return 0;
}

/* A key that is no keyword: a field of the subject, checked. */
static struct cond *
cond_parse_field(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, enum target_type subject, unsigned kinds)
{
	const struct field	*f = NULL, *other;
	const char		*words[64], *near;
	struct cond		*c;
	size_t			 nf, i, nw = 0;
	int			 t;
	const struct field	*fields;

	if (subject == TARGET_ANY)
		return ynode_error(p->doc, k, p->err, "'%s' depends on the "
		    "target: a condition for any target may only use "
		    "'system', 'exists', 'practice', 'all', 'any' and 'not'",
		    k->value), NULL;
	f = model_field(target_objtype(subject), k->value);
	if (f != NULL && (!field_testable(f) || f->type == FIELD_KIND))
		return ynode_error(p->doc, k, p->err, "'%s' is %s and cannot "
		    "be tested in a condition", k->value,
		    f->type == FIELD_KIND ? "a component's kind (use "
		    "'kind')" : "text"), NULL;
	if (f == NULL && strcmp(k->value, "via") == 0)
		return ynode_error(p->doc, k, p->err, "'via' belongs inside "
		    "'reachable-from: { from: { ... }, via: [...] }' or "
		    "'reaches: { to: { ... }, via: [...] }'"), NULL;
	if (f == NULL) {
		for (t = 0; t < OBJ_COUNT; t++) {
			if (t == (int)target_objtype(subject))
				continue;
			other = model_field((enum objtype)t, k->value);
			if (other == NULL || !field_testable(other))
				continue;
			return ynode_error(p->doc, k, p->err, "'%s' is a field "
			    "of %s, not of %s", k->value,
			    t == OBJ_SYSTEM ? "the system (use 'system:')" :
			    t == OBJ_BOUNDARY ? "a boundary (use "
			    "'boundary:')" : t == OBJ_FLOW ? "a flow" :
			    "a component", subject_phrase(subject)), NULL;
		}
		/* Suggest among the fields and keywords valid here. */
		fields = model_fields(target_objtype(subject), &nf);
		for (i = 0; i < nf && nw < 40; i++)
			if (field_testable(&fields[i]))
				words[nw++] = fields[i].name;
		for (i = 0; i < NKEYS; i++)
			if (cond_keys[i].subjects & SUBJ(subject))
				words[nw++] = cond_keys[i].name;
		words[nw] = NULL;
		near = text_suggest(k->value, words);
		if (near != NULL)
			return ynode_error(p->doc, k, p->err, "unknown field "
			    "'%s' for %s (did you mean '%s'?)", k->value,
			    subject_phrase(subject), near), NULL;
		return ynode_error(p->doc, k, p->err, "unknown field '%s' for "
		    "%s", k->value, subject_phrase(subject)), NULL;
	}
	if (subject == TARGET_COMPONENT && (f->kinds & kinds) == 0)
		return cond_kinds_error(p, k, "", f, kinds);
	c = cond_node(COND_FIELD, subject, f->name, k);
	c->field = f;
	if (cond_values(p, v, f->name, f->type == FIELD_BOOL ? NULL :
	    f->vocab, 1, &c->values) == -1) {
		cond_free(c);
		return NULL;
	}
	return c;
}

/*
 * "answered: F": F names one field of the subject that a condition can
 * test, and one that applies to the kinds the condition is limited to.
 */
static struct cond *
cond_parse_answered(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, enum target_type subject, unsigned kinds)
{
	const struct field	*f, *fields;
	const char		*words[64], *near;
	struct cond		*c;
	size_t			 nf, i, nw = 0;

	if (v->type != YNODE_SCALAR)
		return ynode_error(p->doc, v, p->err, "'answered' names one "
		    "field, not %s (for several, 'all: [{answered: a}, "
		    "{answered: b}]')", ynode_type_name(v)), NULL;
	f = model_field(target_objtype(subject), v->value);
	if (f == NULL) {
		fields = model_fields(target_objtype(subject), &nf);
		for (i = 0; i < nf && nw + 1 < sizeof words / sizeof *words;
		    i++)
			if (field_testable(&fields[i]) &&
			    fields[i].type != FIELD_KIND)
				words[nw++] = fields[i].name;
		words[nw] = NULL;
		near = text_suggest(v->value, words);
		if (near != NULL)
			return ynode_error(p->doc, v, p->err, "'answered': "
			    "unknown field '%s' for %s (did you mean '%s'?)",
			    v->value, subject_phrase(subject), near), NULL;
		return ynode_error(p->doc, v, p->err, "'answered': unknown "
		    "field '%s' for %s", v->value, subject_phrase(subject)),
		    NULL;
	}
	if (f->type == FIELD_KIND)
		return ynode_error(p->doc, v, p->err, "'answered': a "
		    "component's kind is always set (test it with 'kind')"),
		    NULL;
	if (!field_testable(f))
		return ynode_error(p->doc, v, p->err, "'answered': '%s' is "
		    "text, which a condition cannot test", f->name), NULL;
	if (subject == TARGET_COMPONENT && (f->kinds & kinds) == 0)
		return cond_kinds_error(p, v, "'answered': ", f, kinds);
	/* The key by its static name: the document is freed after loading. */
	c = cond_node(COND_ANSWERED, subject, "answered", k);
	c->field = f;
	return c;
}

/* A condition about another subject: a mapping, or a list (one of). */
static struct cond *
cond_parse_sub(struct cond_parser *p, const struct ynode *v,
    enum target_type subject, const char *key)
{
	struct cond	*any, *kid;
	size_t		 i;

	if (v->type == YNODE_MAP)
		return cond_parse_map(p, v, subject, KIND_ALL);
	if (v->type != YNODE_SEQ)
		return ynode_error(p->doc, v, p->err, "'%s' must be a "
		    "condition (a mapping), not %s", key,
		    ynode_type_name(v)), NULL;
	if (v->n == 0)
		return ynode_error(p->doc, v, p->err, "'%s' needs at least "
		    "one condition", key), NULL;
	any = cond_node(COND_ANY, subject, NULL, v);
	any->implicit = 1;
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->type != YNODE_MAP) {
			cond_free(any);
			return ynode_error(p->doc, v->items[i], p->err,
			    "'%s' must be a list of conditions (mappings), "
			    "not of %s", key,
			    ynode_type_name(v->items[i])), NULL;
		}
		if ((kid = cond_parse_map(p, v->items[i], subject,
		    KIND_ALL)) == NULL) {
			cond_free(any);
			return NULL;
		}
		cond_add_kid(any, kid);
	}
	return any;
}

/*
 * "reachable-from: { from: C, via: [CLASS, ...] }" and "reaches: { to: C,
 * via: [...] }": paths only through flows that carry one of the classes.
 */
static struct cond *
cond_parse_path(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, const struct cond_key *ck, enum target_type subject)
{
	int			 from = ck->op == COND_REACHABLE;
	const char		*end = from ? "from" : "to";
	const char		*other = from ? "to" : "from";
	const char		*words[3], *near;
	const struct ynode	*kk, *endv = NULL, *viav = NULL;
	struct cond		*c, *kid;
	size_t			 i;

	words[0] = end;
	words[1] = "via";
	words[2] = NULL;
	for (i = 0; i < YNODE_PAIRS(v); i++) {
		kk = YNODE_KEY(v, i);
		if (strcmp(kk->value, end) == 0) {
			endv = YNODE_VAL(v, i);
			continue;
		}
		if (strcmp(kk->value, "via") == 0) {
			viav = YNODE_VAL(v, i);
			continue;
		}
		if (strcmp(kk->value, other) == 0)
			return ynode_error(p->doc, kk, p->err, "'%s' names "
			    "where its paths %s with '%s', not '%s'", ck->name,
			    from ? "start" : "lead", end, other), NULL;
		if (cond_key_find(kk->value) != NULL ||
		    model_field(OBJ_COMPONENT, kk->value) != NULL)
			return ynode_error(p->doc, kk, p->err, "'%s' cannot "
			    "stand beside '%s' and 'via': put the condition "
			    "under '%s' (%s: { %s: { ... }, via: [...] })",
			    kk->value, end, end, ck->name, end), NULL;
		if ((near = text_suggest(kk->value, words)) != NULL)
			return ynode_error(p->doc, kk, p->err, "unknown key "
			    "'%s' in '%s' (did you mean '%s'?)", kk->value,
			    ck->name, near), NULL;
		return ynode_error(p->doc, kk, p->err, "unknown key '%s' in "
		    "'%s' (expected '%s' and 'via')", kk->value, ck->name,
		    end), NULL;
	}
	if (endv == NULL)
		return ynode_error(p->doc, v, p->err, "'%s' with 'via' needs "
		    "'%s:', the condition on the components where its paths "
		    "%s", ck->name, end, from ? "start" : "lead"), NULL;
	if ((kid = cond_parse_sub(p, endv, TARGET_COMPONENT, end)) == NULL)
		return NULL;
	c = cond_node(ck->op, subject, ck->name, k);
	cond_add_kid(c, kid);
	if (viav != NULL && cond_values(p, viav, "via", &vocab_data_class, 1,
	    &c->values) == -1) {
		cond_free(c);
		return NULL;
	}
	c->slot = (*p->slots)++;
	return c;
}

/* A question id, checked; NULL with err set if it is none. */
static const char *
cond_question(struct cond_parser *p, const struct ynode *w)
{
	if (w->type != YNODE_SCALAR)
		return ynode_error(p->doc, w, p->err, "'practice' must name "
		    "questions, not %s", ynode_type_name(w)), NULL;
	if (!id_valid(w->value))
		return ynode_error(p->doc, w, p->err, "invalid question id "
		    "'%s'", w->value), NULL;
	return w->value;
}

/*
 * "practice: {q: yes, r: no}": each question has the answer given (all
 * of them). A "yes" is how a threat is quieted by a practice that answers
 * it; an unanswered question matches neither word.
 */
static struct cond *
cond_parse_practice_map(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, enum target_type subject)
{
	const struct ynode	*qk, *qv;
	const char		*q;
	struct cond		*all, *c;
	size_t			 i;

	if (YNODE_PAIRS(v) == 0)
		return ynode_error(p->doc, v, p->err, "'practice' needs at "
		    "least one question id"), NULL;
	all = cond_node(COND_ALL, subject, "practice", k);
	all->implicit = 1;
	for (i = 0; i < YNODE_PAIRS(v); i++) {
		qk = YNODE_KEY(v, i);
		qv = YNODE_VAL(v, i);
		if ((q = cond_question(p, qk)) == NULL)
			goto fail;
		if (qv->type != YNODE_SCALAR || (strcmp(qv->value, "yes") != 0
		    && strcmp(qv->value, "no") != 0)) {
			if (qv->type != YNODE_SCALAR)
				ynode_error(p->doc, qv, p->err, "the answer to "
				    "'%s' must be yes or no, not %s", q,
				    ynode_type_name(qv));
			else
				ynode_error(p->doc, qv, p->err, "the answer to "
				    "'%s' must be yes or no, not '%s'", q,
				    qv->value);
			goto fail;
		}
		c = cond_node(COND_PRACTICE, subject, NULL, qk);
		c->question = xstrdup(q);
		c->key = c->question;
		c->values = strcmp(qv->value, "yes") == 0 ? COND_TRUE :
		    COND_FALSE;
		c->slot = (*p->slots)++;
		cond_add_kid(all, c);
	}
	return all;

fail:
	cond_free(all);
	return NULL;
}

/*
 * "practice: q" or "practice: [q, r]" (any of them answered no), or the
 * mapping form above.
 */
static struct cond *
cond_parse_practice(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, enum target_type subject)
{
	const struct ynode	*w;
	const char		*q;
	struct cond		*c, *any = NULL;
	size_t			 i, count;

	if (v->type == YNODE_MAP)
		return cond_parse_practice_map(p, k, v, subject);
	count = v->type == YNODE_SEQ ? v->n : 1;
	if (count == 0)
		return ynode_error(p->doc, v, p->err, "'practice' needs at "
		    "least one question id"), NULL;
	if (v->type == YNODE_SEQ) {
		any = cond_node(COND_ANY, subject, "practice", k);
		any->implicit = 1;
	}
	for (i = 0; i < count; i++) {
		w = v->type == YNODE_SEQ ? v->items[i] : v;
		if ((q = cond_question(p, w)) == NULL) {
			cond_free(any);
			return NULL;
		}
		c = cond_node(COND_PRACTICE, subject, any != NULL ? NULL :
		    "practice", w);
		c->question = xstrdup(q);
		c->slot = (*p->slots)++;
		if (any == NULL)
			return c;
		cond_add_kid(any, c);
	}
	return any;
}

/* One entry "key: value" of a condition mapping. */
static struct cond *
cond_parse_entry(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, enum target_type subject, unsigned kinds)
{
	const struct cond_key	*ck = cond_key_find(k->value);
	struct cond		*c, *kid;
	size_t			 i;

	if (ck == NULL)
		return cond_parse_field(p, k, v, subject, kinds);
	if ((ck->subjects & SUBJ(subject)) == 0) {
		if (subject == TARGET_ANY)
			return cond_parse_field(p, k, v, subject, kinds);
		return ynode_error(p->doc, k, p->err, "'%s' applies to %s, "
		    "not to %s", ck->name, subjects_phrase(ck->subjects),
		    subject_phrase(subject)), NULL;
	}
	switch (ck->arg) {
	case ARG_CONDS:
		if (v->type != YNODE_SEQ)
			return ynode_error(p->doc, v, p->err, "'%s' must be a "
			    "list of conditions, not %s", ck->name,
			    ynode_type_name(v)), NULL;
		if (v->n == 0)
			return ynode_error(p->doc, v, p->err, "'%s' needs at "
			    "least one condition", ck->name), NULL;
		c = cond_node(ck->op, subject, ck->name, k);
		for (i = 0; i < v->n; i++) {
			if (v->items[i]->type != YNODE_MAP) {
				cond_free(c);
				return ynode_error(p->doc, v->items[i], p->err,
				    "'%s' must be a list of conditions "
				    "(mappings), not of %s", ck->name,
				    ynode_type_name(v->items[i])), NULL;
			}
			kid = cond_parse_map(p, v->items[i], subject, kinds);
			if (kid == NULL) {
				cond_free(c);
				return NULL;
			}
			cond_add_kid(c, kid);
		}
		return c;
	case ARG_COND:
		if (v->type != YNODE_MAP)
			return ynode_error(p->doc, v, p->err, "'%s' must be a "
			    "condition (a mapping), not %s", ck->name,
			    ynode_type_name(v)), NULL;
		p->under_not = ck->op == COND_NOT;
		kid = cond_parse_map(p, v, subject, kinds);
		p->under_not = 0;
		if (kid == NULL)
			return NULL;
		c = cond_node(ck->op, subject, ck->name, k);
		cond_add_kid(c, kid);
		return c;
	case ARG_SUB:
		if ((ck->op == COND_REACHABLE || ck->op == COND_REACHES) &&
		    v->type == YNODE_MAP && (ynode_get(v, "via") != NULL ||
		    ynode_get(v, ck->op == COND_REACHABLE ? "from" :
		    "to") != NULL))
			return cond_parse_path(p, k, v, ck, subject);
		if ((kid = cond_parse_sub(p, v, ck->sub, ck->name)) == NULL)
			return NULL;
		c = cond_node(ck->op, subject, ck->name, k);
		cond_add_kid(c, kid);
		/* from and to keep their kid's value per component too. */
		if (ck->op != COND_BOUNDARY)
			c->slot = (*p->slots)++;
		return c;
	case ARG_KINDS:
		c = cond_node(COND_KIND, subject, ck->name, k);
		if (cond_values(p, v, "kind", &vocab_kind, 1,
		    &c->values) == -1) {
			cond_free(c);
			return NULL;
		}
		return c;
	case ARG_BOOL:
		c = cond_node(ck->op, subject, ck->name, k);
		if (cond_values(p, v, ck->name, NULL, 0, &c->values) == -1) {
			cond_free(c);
			return NULL;
		}
		return c;
	case ARG_QUESTIONS:
		return cond_parse_practice(p, k, v, subject);
	case ARG_FIELD:
		return cond_parse_answered(p, k, v, subject, kinds);
	}
	return NULL;
}

/* One name of "holds:": its definition, read in place into all. */
static int
cond_parse_holds_one(struct cond_parser *p, const struct ynode *w,
    enum target_type subject, unsigned kinds, struct cond *all)
{
	const struct cond_def	*d;
	struct cond_parser	 q;
	struct cond		*c;
	const char		*near = NULL, **ids;
	size_t			 i;

	if (w->type != YNODE_SCALAR)
		return ynode_error(p->doc, w, p->err, "'holds' names a "
		    "condition, not %s", ynode_type_name(w));
	d = p->defs != NULL ? strmap_get(&p->defs->by_id, w->value) : NULL;
	if (d == NULL) {
		if (p->defs != NULL && p->defs->n > 0) {
			ids = xreallocarray(NULL, p->defs->n + 1,
			    sizeof *ids);
			for (i = 0; i < p->defs->n; i++)
				ids[i] = p->defs->v[i]->id;
			ids[i] = NULL;
			near = text_suggest(w->value, ids);
			free(ids);
		}
		if (near != NULL)
			return ynode_error(p->doc, w, p->err, "unknown "
			    "condition '%s' (did you mean '%s'?)", w->value,
			    near);
		return ynode_error(p->doc, w, p->err, "unknown condition '%s' "
		    "(name it under 'conditions:' in this or an earlier "
		    "catalogue file)", w->value);
	}
	if (d->target != subject)
		return ynode_error(p->doc, w, p->err, "condition '%s' is "
		    "about %s, not %s", d->id, subject_phrase(d->target),
		    subject_phrase(subject));
	q = *p;
	q.doc = d->doc;
	if ((c = cond_parse_map(&q, d->when, subject, kinds)) == NULL) {
		error_prefix(p->err, "in condition '%s' used at line %lu",
		    d->id, w->line);
		return -1;
	}
	/* With words of its own, it stays one node, so reasons use them. */
	if (c->says != NULL || c->says_not != NULL) {
		cond_add_kid(all, c);
		return 0;
	}
	for (i = 0; i < c->nkids; i++)
		cond_add_kid(all, c->kids[i]);
	c->nkids = 0;
	cond_free(c);
	return 0;
}

/* "holds: NAME" or "holds: [NAME, ...]": the named conditions hold. */
static int
cond_parse_holds(struct cond_parser *p, const struct ynode *v,
    enum target_type subject, unsigned kinds, struct cond *all)
{
	size_t	i;

	if (v->type != YNODE_SEQ)
		return cond_parse_holds_one(p, v, subject, kinds, all);
	if (v->n == 0)
		return ynode_error(p->doc, v, p->err, "'holds' needs at least "
		    "one name");
	for (i = 0; i < v->n; i++)
		if (cond_parse_holds_one(p, v->items[i], subject, kinds,
		    all) == -1)
			return -1;
	return 0;
}

/*
 * "says: TEXT" or "says-not: TEXT" in a mapping: the words a reason uses
 * for the whole mapping holding (or failing) on facts, after the subject's
 * name, in place of a line for each entry.
 */
static int
cond_parse_says(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, struct cond *all)
{
	char	**to = strcmp(k->value, "says") == 0 ? &all->says :
		    &all->says_not;

	if (v->type != YNODE_SCALAR || v->value[0] == '\0') {
		ynode_error(p->doc, v, p->err, "%s must be a text, the words "
		    "for the condition", k->value);
		return -1;
	}
	if (*to != NULL) {
		ynode_error(p->doc, k, p->err, "%s is given twice", k->value);
		return -1;
	}
	*to = xstrdup(v->value);
	return 0;
}

/*
 * "guard: true" in the mapping of a not: (may is set): an exclusion,
 * whose facts the reasons leave out. Anywhere else it would hide what a
 * risk rests on, so it is an error there.
 */
static int
cond_parse_guard(struct cond_parser *p, const struct ynode *k,
    const struct ynode *v, int may, struct cond *all)
{
	if (!may) {
		ynode_error(p->doc, k, p->err, "guard marks an exclusion: it "
		    "belongs in the mapping of a not");
		return -1;
	}
	if (v->type != YNODE_SCALAR || (strcmp(v->value, "true") != 0 &&
	    strcmp(v->value, "false") != 0)) {
		ynode_error(p->doc, v, p->err, "guard must be true or false");
		return -1;
	}
	all->guard = strcmp(v->value, "true") == 0;
	return 0;
}

/*
 * A mapping: every entry must hold. Its "kind:" comes first and limits
 * the kinds its other entries (and those nested in all, any and not) may
 * be about.
 */
static struct cond *
cond_parse_map(struct cond_parser *p, const struct ynode *n,
    enum target_type subject, unsigned kinds)
{
	struct cond		*all, *kid;
	const struct ynode	*kv;
	struct buf		 b;
	size_t			 i;
	int			 may_guard = p->under_not;

	p->under_not = 0;
	all = cond_node(COND_ALL, subject, NULL, n);
	all->implicit = 1;
	if ((kv = ynode_get(n, "kind")) != NULL &&
	    subject == TARGET_COMPONENT) {
		for (i = 0; i < YNODE_PAIRS(n); i++)
			if (YNODE_VAL(n, i) == kv)
				break;
		kid = cond_parse_entry(p, YNODE_KEY(n, i), kv, subject, kinds);
		if (kid == NULL)
			goto fail;
		if ((kid->values & kinds) == 0) {
			buf_init(&b);
			buf_adds(&b, "this condition is already limited to "
			    "kind ");
			kinds_list(kinds, &b);
			ynode_error(p->doc, kv, p->err, "kind can never "
			    "match: %s", b.s);
			buf_release(&b);
			cond_free(kid);
			goto fail;
		}
		kinds &= kid->values;
		cond_add_kid(all, kid);
	}
	for (i = 0; i < YNODE_PAIRS(n); i++) {
		if (subject == TARGET_COMPONENT &&
		    strcmp(YNODE_KEY(n, i)->value, "kind") == 0)
			continue;
		if (strcmp(YNODE_KEY(n, i)->value, "holds") == 0) {
			if (cond_parse_holds(p, YNODE_VAL(n, i), subject,
			    kinds, all) == -1)
				goto fail;
			continue;
		}
		if (strcmp(YNODE_KEY(n, i)->value, "guard") == 0) {
			if (cond_parse_guard(p, YNODE_KEY(n, i),
			    YNODE_VAL(n, i), may_guard, all) == -1)
				goto fail;
			continue;
		}
		if (strcmp(YNODE_KEY(n, i)->value, "says") == 0 ||
		    strcmp(YNODE_KEY(n, i)->value, "says-not") == 0) {
			if (cond_parse_says(p, YNODE_KEY(n, i),
			    YNODE_VAL(n, i), all) == -1)
				goto fail;
			continue;
		}
		kid = cond_parse_entry(p, YNODE_KEY(n, i), YNODE_VAL(n, i),
		    subject, kinds);
		if (kid == NULL)
			goto fail;
		cond_add_kid(all, kid);
	}
	return all;

fail:
	cond_free(all);
	return NULL;
}

struct cond *
cond_parse(const struct ydoc *d, const struct ynode *n,
    enum target_type subject, size_t *slots, struct error *err)
{
	return cond_parse_with(d, n, subject, slots, NULL, err);
}

struct cond *
cond_parse_with(const struct ydoc *d, const struct ynode *n,
    enum target_type subject, size_t *slots, const struct cond_defs *defs,
    struct error *err)
{
	struct cond_parser	p;

	p.doc = d;
	p.slots = slots;
	p.defs = defs;
	p.err = err;
	p.under_not = 0;
	if (n->type != YNODE_MAP)
		return ynode_error(d, n, err, "a condition must be a mapping, "
		    "not %s", ynode_type_name(n)), NULL;
	return cond_parse_map(&p, n, subject, KIND_ALL);
}

/* Append the words of a bit set: "w" or "[w, x]". */
static void
cond_format_words(const struct vocab *v, unsigned bits, struct buf *b)
{
	size_t	i, n = 0, total = 0;

	for (i = 0; i < v->n; i++)
		if (bits & (1u << i))
			total++;
	if (total != 1)
		buf_addc(b, '[');
	for (i = 0; i < v->n; i++) {
		if ((bits & (1u << i)) == 0)
			continue;
		if (n++ > 0)
			buf_adds(b, ", ");
		buf_adds(b, v->words[i].name);
	}
	if (total != 1)
		buf_addc(b, ']');
}

static void
cond_format_bools(unsigned bits, struct buf *b)
{
	if (bits == (COND_TRUE | COND_FALSE))
		buf_adds(b, "[true, false]");
	else
		buf_adds(b, bits & COND_TRUE ? "true" : "false");
}

static void	cond_format_value(const struct cond *, struct buf *);

static void
cond_format_pair(const struct cond *c, struct buf *b)
{
	buf_adds(b, c->key != NULL ? c->key : "?");
	buf_adds(b, ": ");
	cond_format_value(c, b);
}

/*
 * The entries a mapping is written with, in order, those of a named
 * condition it holds read in place (with words of its own it is kept as
 * one node, cond_parse_holds_one(), but written out); with v NULL, only
 * their number.
 */
static size_t
cond_flat_pairs(const struct cond *c, const struct cond **v, size_t n)
{
	size_t	i;

	for (i = 0; i < c->nkids; i++) {
		if (c->kids[i]->key == NULL && c->kids[i]->op == COND_ALL &&
		    c->kids[i]->implicit)
			n = cond_flat_pairs(c->kids[i], v, n);
		else {
			if (v != NULL)
				v[n] = c->kids[i];
			n++;
		}
	}
	return n;
}

/*
 * A mapping, "{k: v, ...}". Where it would name a key twice ("{holds:
 * NAME, k: v}" where the named condition tests k too), it is written as
 * "{all: [{k: v}, ...]}", which means the same and reads back.
 */
static void
cond_format_map(const struct cond *c, struct buf *b)
{
	const struct cond	**v;
	size_t			  i, j, k, n;
	int			  clash = 0;

	n = cond_flat_pairs(c, NULL, 0);
	v = xreallocarray(NULL, n + 1, sizeof *v);
	cond_flat_pairs(c, v, 0);
	for (i = 0; i < n && !clash; i++)
		for (j = i + 1; j < n && !clash; j++)
			clash = v[i]->key != NULL && v[j]->key != NULL &&
			    strcmp(v[i]->key, v[j]->key) == 0;
	if (!clash) {
		/*
		 * A component's "kind:" first, where reading puts it: a held
		 * condition's kind would otherwise be written after the keys
		 * before it and read back before them.
		 */
		buf_addc(b, '{');
		for (j = 0, k = 0; k < 2; k++)
			for (i = 0; i < n; i++) {
				if ((v[i]->op == COND_KIND) != (k == 0))
					continue;
				if (j++ > 0)
					buf_adds(b, ", ");
				cond_format_pair(v[i], b);
			}
		buf_addc(b, '}');
	} else {
		buf_adds(b, "{all: [");
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			buf_addc(b, '{');
			cond_format_pair(v[i], b);
			buf_addc(b, '}');
		}
		buf_adds(b, "]}");
	}
	free(v);
}

/* The value a node was written with (for a mapping, the mapping). */
static void
cond_format_value(const struct cond *c, struct buf *b)
{
	size_t	i;

	switch (c->op) {
	case COND_ALL:
	case COND_ANY:
		if (c->op == COND_ALL && c->implicit) {
			cond_format_map(c, b);
			return;
		}
		buf_addc(b, '[');
		for (i = 0; i < c->nkids; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			cond_format_value(c->kids[i], b);
		}
		buf_addc(b, ']');
		return;
	case COND_KIND:
		cond_format_words(&vocab_kind, c->values, b);
		return;
	case COND_FIELD:
		if (c->field->type == FIELD_BOOL)
			cond_format_bools(c->values, b);
		else
			cond_format_words(c->field->vocab, c->values, b);
		return;
	case COND_CROSSES:
	case COND_LESS_TRUSTED:
		cond_format_bools(c->values, b);
		return;
	case COND_ANSWERED:
		buf_adds(b, c->field->name);
		return;
	case COND_PRACTICE:
		if (c->values != 0)	/* an entry of "practice: {q: yes}" */
			buf_adds(b, c->values == COND_TRUE ? "yes" : "no");
		else
			buf_adds(b, c->question);
		return;
	case COND_REACHABLE:
	case COND_REACHES:
		if (c->values == 0) {
			cond_format_value(c->kids[0], b);
			return;
		}
		buf_addf(b, "{%s: ", c->op == COND_REACHABLE ? "from" : "to");
		cond_format_value(c->kids[0], b);
		buf_adds(b, ", via: ");
		cond_format_words(&vocab_data_class, c->values, b);
		buf_addc(b, '}');
		return;
	case COND_NOT:
	case COND_FROM:
	case COND_TO:
	case COND_INBOUND:
	case COND_OUTBOUND:
	case COND_UPSTREAM:
	case COND_DOWNSTREAM:
	case COND_BOUNDARY:
	case COND_CONTAINS:
	case COND_SYSTEM:
	case COND_EXISTS:
		cond_format_value(c->kids[0], b);
		return;
	}
}

void
cond_format(const struct cond *c, struct buf *b)
{
	if (c->key != NULL) {
		buf_addc(b, '{');
		cond_format_pair(c, b);
		buf_addc(b, '}');
	} else
		cond_format_value(c, b);
}

int
cond_each_practice(const struct cond *c,
    int (*fn)(const struct cond *, void *), void *arg)
{
	size_t	i;
	int	r;

	if (c->op == COND_PRACTICE)
		return fn(c, arg);
	for (i = 0; i < c->nkids; i++)
		if ((r = cond_each_practice(c->kids[i], fn, arg)) != 0)
			return r;
	return 0;
}

/*
 * Nodes that evaluate alike: the same operator, subject, field, values
 * and question, and kids that evaluate alike in the same order. What a
 * node says ("says:") or the key it came from change its words, never
 * its value nor what the analysis remembers for it.
 */
static int
cond_same(const struct cond *a, const struct cond *b)
{
	size_t	i;

	if (a == b)
		return 1;
	if (a->op != b->op || a->subject != b->subject ||
	    a->field != b->field || a->values != b->values ||
	    a->nkids != b->nkids || (a->question == NULL) !=
	    (b->question == NULL) || (a->question != NULL &&
	    strcmp(a->question, b->question) != 0))
		return 0;
	for (i = 0; i < a->nkids; i++)
		if (!cond_same(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

/* A hash of what cond_same() compares. */
static uint64_t
cond_hash(const struct cond *c)
{
	uint64_t	 h = 1469598103934665603u;
	const char	*q;
	size_t		 i;

#define MIX(v)	(h = (h ^ (uint64_t)(v)) * 1099511628211u)
	MIX(c->op);
	MIX(c->subject);
	MIX((uintptr_t)c->field);
	MIX(c->values);
	MIX(c->nkids);
	for (q = c->question; q != NULL && *q != '\0'; q++)
		MIX((unsigned char)*q);
	for (i = 0; i < c->nkids; i++)
		MIX(cond_hash(c->kids[i]));
#undef MIX
	return h ^ h >> 29;
}

/* The table of cond_share_slots(): one node per slot kept. */
struct cond_share {
	const struct cond	**v;
	size_t			  mask;
};

static size_t
cond_count_slots(const struct cond *c)
{
	size_t	i, n;

	if (c == NULL)
		return 0;
	n = c->slot != COND_NOSLOT;
	for (i = 0; i < c->nkids; i++)
		n += cond_count_slots(c->kids[i]);
	return n;
}

static void
cond_share_tree(struct cond_share *t, struct cond *c)
{
	size_t	i, at;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkids; i++)
		cond_share_tree(t, c->kids[i]);
	if (c->slot == COND_NOSLOT)
		return;
	for (at = (size_t)cond_hash(c) & t->mask; t->v[at] != NULL;
	    at = (at + 1) & t->mask)
		if (cond_same(t->v[at], c)) {
			c->slot = t->v[at]->slot;
			return;
		}
	t->v[at] = c;
}

void
cond_share_slots(struct cond *const *roots, size_t n)
{
	struct cond_share	 t;
	size_t			 i, count = 0, cap = 16;

	for (i = 0; i < n; i++)
		count += cond_count_slots(roots[i]);
	while (cap < 2 * count)
		cap *= 2;
	t.v = xcalloc(cap, sizeof *t.v);
	t.mask = cap - 1;
	for (i = 0; i < n; i++)
		cond_share_tree(&t, roots[i]);
	free(t.v);
}

void
cond_defs_init(struct cond_defs *defs)
{
	defs->v = NULL;
	defs->n = 0;
	strmap_init(&defs->by_id);
}

void
cond_defs_truncate(struct cond_defs *defs, size_t n)
{
	struct cond_def	*d;
	size_t		 i;

	while (defs->n > n) {
		d = defs->v[--defs->n];
		strmap_del(&defs->by_id, d->id);
		/* A name defined again comes back to its earlier text. */
		for (i = defs->n; i > 0; i--)
			if (strcmp(defs->v[i - 1]->id, d->id) == 0) {
				strmap_put(&defs->by_id, defs->v[i - 1]->id,
				    defs->v[i - 1]);
				break;
			}
		free(d->id);
		free(d);
	}
}

void
cond_defs_release(struct cond_defs *defs)
{
	cond_defs_truncate(defs, 0);
	free(defs->v);
	strmap_release(&defs->by_id);
	cond_defs_init(defs);
}

int
cond_defs_add(struct cond_defs *defs, const struct ydoc *doc,
    const struct ynode *idn, enum target_type target,
    const struct ynode *when, struct error *err)
{
	struct cond_def	*d;
	struct cond	*c;
	size_t		 slots = 0;

	/* Defined twice in one file is a slip; a later file may redefine
	 * a name for the conditions read after it. */
	if ((d = strmap_get(&defs->by_id, idn->value)) != NULL &&
	    d->doc == doc)
		return ynode_error(doc, idn, err, "condition '%s' is already "
		    "defined at line %lu", idn->value, d->line);
	if (when->type != YNODE_MAP)
		return ynode_error(doc, when, err, "'when' must be a "
		    "condition (a mapping), not %s", ynode_type_name(when));
	/* Checked once here, so that an unused name is checked too. */
	if ((c = cond_parse_with(doc, when, target, &slots, defs,
	    err)) == NULL)
		return -1;
	cond_free(c);
	d = xcalloc(1, sizeof *d);
	d->id = xstrdup(idn->value);
	d->target = target;
	d->doc = doc;
	d->when = when;
	d->line = idn->line;
	defs->v = xreallocarray(defs->v, defs->n + 1, sizeof *defs->v);
	defs->v[defs->n++] = d;
	strmap_put(&defs->by_id, d->id, d);
	return 0;
}

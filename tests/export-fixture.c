/* export-fixture.c: hostile and starter inputs for the export tests. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export-fixture.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

char *
fixture_hostile_text(const char *tag)
{
	return xasprintf("%s <script>alert(1)</script> ]]> & &amp; "
	    "\"dq\" 'sq' a|b `tick` ``` ~~~ \\back\\slash\n"
	    "# heading\n"
	    "*emph* _under_ **strong** [link](http://x.example) "
	    "![img](http://i.example/i.png) <http://auto.example> "
	    "https://bare.example/p www.example.com mail@example.com "
	    "<!-- comment --> <b>bold</b> &#60;\n"
	    "1. list\n- item\n+ plus\n> quote\n    indented code\n===\n"
	    "---\n| a | b |\n"
	    "esc \x1b[31mred\x1b[0m bel \a soh \x01 del \x7f "
	    "c1 \xc2\x85 bidi \xe2\x80\xae rtl \xef\xbf\xbe nonchar\n"
	    "wide \xe6\xbc\xa2\xe5\xad\x97 emoji \xf0\x9f\x98\x80 "
	    "combining e\xcc\x81 tab\there cr\r\ncrlf $x$ =cmd() @at "
	    "+plus -minus {brace} \\x41 not-an-escape %%s%%n trailing   ",
	    tag);
}

struct catalogue *
fixture_catalogue(struct error *err)
{
	struct catalogue	*cat = catalogue_new();
	const char		*srcdir = getenv("srcdir");
	char			*path;
	int			 rc;

	path = xasprintf("%s/tests/data/export/catalogue.yaml",
	    srcdir != NULL ? srcdir : ".");
	rc = catalogue_load_file(cat, path, err);
	free(path);
	if (rc == -1 || catalogue_finish(cat, err) == -1) {
		catalogue_free(cat);
		return NULL;
	}
	return cat;
}

/*
 * Give every field of an object that applies a value: hostile text for
 * text, and a word, answer or set that depends on salt for the others, so
 * that some booleans stay unknown.
 */
static int
fixture_fill(void *obj, const char *id, enum objtype t, int kind, int salt,
    struct error *err)
{
	const struct field	*fields, *f;
	size_t			 i, n;
	char			*v, *tag;
	unsigned		 bits;

	fields = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		f = &fields[i];
		if (!field_applies(f, kind))
			continue;
		v = NULL;
		switch (f->type) {
		case FIELD_ID:
		case FIELD_REF:
		case FIELD_KIND:
			continue;	/* set by the caller */
		case FIELD_TEXT:
			tag = xasprintf("%s.%s", id, f->name);
			v = fixture_hostile_text(tag);
			free(tag);
			break;
		case FIELD_ENUM:
			v = xstrdup(f->vocab->words[(size_t)(salt + (int)i) %
			    f->vocab->n].name);
			break;
		case FIELD_BOOL:
			switch ((salt + (int)i) % 3) {
			case 0:
				continue;	/* unknown */
			case 1:
				v = xstrdup("true");
				break;
			default:
				v = xstrdup("false");
				break;
			}
			break;
		case FIELD_SET:
			bits = ((unsigned)salt * 5u + 3u) &
			    ((1u << f->vocab->n) - 1);
			*(unsigned *)(void *)((char *)obj + f->offset) =
			    bits | 1u;
			continue;
		}
		if (field_set(obj, f, v, err) == -1) {
			free(v);
			return -1;
		}
		free(v);
	}
	return 0;
}

/* Append a history entry. */
static void
fixture_change(struct fixture *fx, const char *at, const char *who,
    const char *object, const char *field, const char *old_value,
    const char *new_value)
{
	struct change	*c;

	fx->hist = xreallocarray(fx->hist, fx->nhist + 1, sizeof *fx->hist);
	c = &fx->hist[fx->nhist];
	memset(c, 0, sizeof *c);
	c->seq = (long)fx->nhist + 1;
	fx->nhist++;
	c->at = xstrdup(at);
	c->who = xstrdup(who);
	c->system = xstrdup(fx->model->system.id);
	c->object = xstrdup(object);
	c->field = xstrdup(field);
	c->old_value = old_value != NULL ? xstrdup(old_value) : NULL;
	c->new_value = new_value != NULL ? xstrdup(new_value) : NULL;
}

static struct risk *
fixture_risk(struct fixture *fx, const char *threat, const char *target,
    int likelihood, int impact, int status)
{
	struct risk	*k = risk_register_add(&fx->reg, threat, target);
	char		*tag, *text;

	k->likelihood = likelihood;
	k->impact = impact;
	k->severity = risk_severity(likelihood, impact);
	k->status = status;
	tag = xasprintf("%s@%s.reason", threat, target);
	text = fixture_hostile_text(tag);
	risk_add_reason_line(k, REASON_FACT, text);
	free(text);
	risk_add_reason(k, REASON_ASSUMED, "'x' is not authenticated "
	    "(not answered)");
	free(tag);
	return k;
}

/* Decide a risk: owner, justification, who and when, all hostile. */
static void
fixture_decide(struct risk *k, const char *at)
{
	char	*tag;

	tag = xasprintf("%s@%s.owner", k->threat, k->target);
	k->owner = fixture_hostile_text(tag);
	free(tag);
	tag = xasprintf("%s@%s.justification", k->threat, k->target);
	k->justification = fixture_hostile_text(tag);
	free(tag);
	tag = xasprintf("%s@%s.decided-by", k->threat, k->target);
	k->decided_by = fixture_hostile_text(tag);
	free(tag);
	k->decided_at = xstrdup(at);
}

static void
fixture_mitigate(struct risk *k, const char *id, int status, int hostile)
{
	struct risk_mitigation	*m = risk_add_mitigation(k, id);
	char			*tag;

	m->status = status;
	if (!hostile)
		return;
	tag = xasprintf("%s@%s/%s.owner", k->threat, k->target, id);
	m->owner = fixture_hostile_text(tag);
	free(tag);
	tag = xasprintf("%s@%s/%s.notes", k->threat, k->target, id);
	m->notes = fixture_hostile_text(tag);
	free(tag);
	m->due = xstrdup("2026-12-01");
}

/* Point the fixture's export input at what it holds. */
static void
fixture_input(struct fixture *fx)
{
	fx->in.model = fx->model;
	fx->in.risks = &fx->reg;
	fx->in.cat = fx->cat;
	fx->in.history = fx->hist;
	fx->in.nhistory = fx->nhist;
	fx->in.generated_at = FIXTURE_NOW;
}

int
fixture_hostile(struct fixture *fx, struct error *err)
{
	static const char *const bids[] = { "b-untrusted", "b-partner",
	    "b-internal" };
	struct model		*m;
	struct component	*c;
	struct boundary		*b;
	struct flow		*f;
	struct practice		*p;
	struct risk		*k;
	char			*id, *id2, *v;
	size_t			 i;

	memset(fx, 0, sizeof *fx);
	risk_register_init(&fx->reg);
	if ((fx->cat = fixture_catalogue(err)) == NULL)
		return -1;
	fx->model = m = model_new();
	m->system.id = xstrdup("hostile-system");
	if (fixture_fill(&m->system, m->system.id, OBJ_SYSTEM, -1, 0,
	    err) == -1)
		return -1;
	m->system.criticality = LEVEL_HIGH;
	m->revision = 7;
	for (i = 0; i < 3; i++) {
		b = model_add_boundary(m, bids[i]);
		if (fixture_fill(b, bids[i], OBJ_BOUNDARY, -1, (int)i,
		    err) == -1)
			return -1;
	}
	m->boundaries[0]->trust = TRUST_UNTRUSTED;
	m->boundaries[1]->trust = TRUST_PARTNER;
	m->boundaries[2]->trust = TRUST_INTERNAL;
	for (i = 0; i < KIND_COUNT; i++) {
		id = xasprintf("c-%s", vocab_kind.words[i].name);
		c = model_add_component(m, id, (int)i);
		if (fixture_fill(c, id, OBJ_COMPONENT, (int)i, (int)i,
		    err) == -1) {
			free(id);
			return -1;
		}
		free(id);
		if (i % 4 != 3)
			c->boundary = xstrdup(bids[i % 3]);
	}
	m->components[KIND_MODEL]->model_type = 1u << MODEL_LLM;
	for (i = 0; i + 1 < KIND_COUNT; i++) {
		id = xasprintf("f-%zu", i);
		f = model_add_flow(m, id, m->components[i]->id,
		    m->components[i + 1]->id);
		if (fixture_fill(f, id, OBJ_FLOW, -1, (int)i, err) == -1) {
			free(id);
			return -1;
		}
		free(id);
	}
	/* A flow that stays inside its trust boundary. */
	f = model_add_flow(m, "f-same", "c-user", "c-agent");
	f->data = DATA_BIT(DATA_PROMPT);
	p = model_add_practice(m, "q-staff-awareness", TRI_NO);
	p->note = fixture_hostile_text("practice.q-staff-awareness.note");
	model_add_practice(m, "q-red-team", TRI_UNKNOWN);
	p = model_add_practice(m, "q-gone-from-catalogue", TRI_YES);
	p->note = xstrdup("answered before the question was dropped");
	if (model_index(m, "hostile", err) == -1)
		return -1;

	/* Risks: decided, undecided, gone from the catalogue, stale. */
	k = fixture_risk(fx, "t-prompt-injection", "c-model", 4, 4, RISK_OPEN);
	k->title = fixture_hostile_text("risk.title");
	fixture_mitigate(k, "m-input-guard", MIT_PLANNED, 1);
	fixture_mitigate(k, "m-least-privilege", MIT_PROPOSED, 0);
	k = fixture_risk(fx, "t-plain-flow", "f-0", 2, 3, RISK_ACCEPTED);
	fixture_decide(k, "2026-11-20T10:00:00Z");
	fixture_mitigate(k, "m-encrypt", MIT_REJECTED, 1);
	k = fixture_risk(fx, "t-plain-flow", "f-1", 4, 3, RISK_OPEN);
	fixture_mitigate(k, "m-encrypt", MIT_IMPLEMENTED, 0);
	k = fixture_risk(fx, "t-unaware-staff", "hostile-system", 3, 2,
	    RISK_NOT_APPLICABLE);
	fixture_decide(k, "2026-11-21T09:30:00Z");
	fixture_mitigate(k, "m-training", MIT_PROPOSED, 0);
	k = fixture_risk(fx, "t-no-red-team", "hostile-system", 3, 3,
	    RISK_MITIGATING);
	k->applies = 0;
	fixture_mitigate(k, "m-input-guard", MIT_VERIFIED, 1);
	k = fixture_risk(fx, "t-gone", "c-agent", 5, 4, RISK_MITIGATED);
	k->title = fixture_hostile_text("gone.title");
	fixture_mitigate(k, "m-gone", MIT_VERIFIED, 1);

	/* History, with control characters and a byte that is not UTF-8. */
	fixture_change(fx, "2026-11-19T08:00:00Z", "alice", "hostile-system",
	    "created", NULL, NULL);
	v = fixture_hostile_text("history.who");
	id = fixture_hostile_text("history.old");
	id2 = xasprintf("%s \xff\xfe raw bytes", id);
	fixture_change(fx, "2026-11-20T10:00:00Z", v, "t-plain-flow@f-0",
	    "status", "open", "accepted");
	fixture_change(fx, "2026-11-20T10:05:00Z", "bob", "t-plain-flow@f-0",
	    "justification", id, id2);
	fixture_change(fx, "2026-11-21T09:30:00", "carol",
	    "t-unaware-staff@hostile-system", "status", "open",
	    "not-applicable");
	fixture_change(fx, "2026-11-22", "dave", "c-model", "name", "LLM",
	    v);
	fixture_change(fx, "2026-11-22T11:00:00Z", "erin",
	    "t-no-red-team@hostile-system", "applies", "true", "false");
	free(v);
	free(id);
	free(id2);

	fixture_input(fx);
	return 0;
}

int
fixture_template(struct fixture *fx, const char *path, struct error *err)
{
	struct risk	*k;
	char		*name;

	memset(fx, 0, sizeof *fx);
	risk_register_init(&fx->reg);
	if ((fx->model = model_load_yaml(path, err)) == NULL)
		return -1;
	fx->model->revision = 3;
	if ((fx->cat = catalogue_load_standard(NULL, 0, err)) == NULL ||
	    analyze(fx->cat, fx->model, &fx->reg, err) == -1)
		return -1;
	fixture_change(fx, "2026-11-19T08:00:00Z", "alice",
	    fx->model->system.id, "created", NULL, NULL);
	/* Decide the first two risks as a workshop would. */
	if (fx->reg.n > 0) {
		k = fx->reg.risks[0];
		k->status = RISK_MITIGATING;
		k->owner = xstrdup("Head of Platform");
		if (k->nmitigations > 0) {
			k->mitigations[0].status = MIT_IMPLEMENTED;
			k->mitigations[0].owner = xstrdup("Platform team");
			k->mitigations[0].due = xstrdup("2026-12-15");
		}
		name = risk_name(k);
		fixture_change(fx, "2026-11-20T10:00:00Z", "alice", name,
		    "status", "open", "mitigating");
		free(name);
	}
	if (fx->reg.n > 1) {
		k = fx->reg.risks[fx->reg.n - 1];
		k->status = RISK_ACCEPTED;
		k->justification = xstrdup("Low impact; revisit at the "
		    "next review.");
		k->decided_by = xstrdup("bob");
		k->decided_at = xstrdup("2026-11-21T09:00:00Z");
		name = risk_name(k);
		fixture_change(fx, "2026-11-21T09:00:00Z", "bob", name,
		    "status", "open", "accepted");
		free(name);
	}
	fixture_input(fx);
	return 0;
}

void
fixture_release(struct fixture *fx)
{
	model_free(fx->model);
	risk_register_release(&fx->reg);
	changes_free(fx->hist, fx->nhist);
	catalogue_free(fx->cat);
	memset(fx, 0, sizeof *fx);
}

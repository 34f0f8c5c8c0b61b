/*
 * otm-write.c: the model as an Open Threat Model file (OTM 0.2.0, JSON),
 * valid against the OTM schema (otm_schema.json), with the risks that
 * apply as OTM threats on their components and dataflows.
 *
 *   system       -> project (criticality as attribute parapet:criticality)
 *   boundary     -> trustZone; trust -> trustRating (untrusted 10, sandbox
 *                   20, partner 40, internal 70, restricted 100; not set:
 *                   0) and
 *                   parapet:trust
 *   component    -> component; type is its kind; parent its boundary's
 *                   trust zone (components without one go in a trust zone
 *                   "parapet:no-boundary", which the reader leaves out)
 *   flow         -> dataflow, bidirectional false
 *   every other field of format 1 that is set -> attribute "parapet:FIELD"
 *                   with its text form, so that an import gives the same
 *                   model back
 *   risk         -> a threat of the file (id THREAT@TARGET, its title, the
 *                   threat's description, reasons and decision, STRIDE
 *                   categories, likelihood and impact x 20, references as
 *                   tags "scheme:id") and an instance on its component or
 *                   dataflow with the risk's status as state (exposed,
 *                   partly-mitigated, mitigated, accepted, not-applicable)
 *                   and its mitigations with theirs (recommended, required,
 *                   implemented, verified, rejected). Risks about the system
 *                   or a boundary are threats of the file only (OTM has no
 *                   place for an instance there); attributes name target.
 *   mitigation   -> a mitigation of the file, riskReduction 0: Parapet's
 *                   catalogue gives no figure, and the schema needs one.
 *
 * The threats' attributes (parapet:threat, target, status, owner,
 * justification) and their instances' mitigation states let the import
 * restore the decisions. What is lost: practice answers, history, who
 * decided and when, the mitigations of risks about the system or a
 * boundary (they have no instance), and the owners, due dates and notes of
 * mitigations. Text is JSON-escaped (json-write.h), so
 * hostile names stay inert.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "export/json-write.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

#define OTM_VERSION	"0.2.0"
#define OTM_NO_ZONE	"parapet:no-boundary"

struct otmw {
	struct json_write		 w;
	const struct export_input	*in;
	const struct model		*m;
	struct risk			**risks;
	size_t				  nrisks;
	struct export_group		  by_target;
};

/* The element a risk's instance is written on: its target. */
static const char *
otmw_target(const void *arg, const struct risk *k)
{
	(void)arg;
	return k->target;
}

static long
otmw_trust_rating(int trust)
{
	switch (trust) {
	case TRUST_UNTRUSTED:
		return 10;
	/* What runs there is hostile: a tool without Parapet's words
	   reads it as untrusted (below 25), not as a partner. */
	case TRUST_SANDBOX:
		return 20;
	case TRUST_PARTNER:
		return 40;
	case TRUST_INTERNAL:
		return 70;
	case TRUST_RESTRICTED:
		return 100;
	default:
		return 0;
	}
}

static const char *
otmw_threat_state(int status)
{
	switch (status) {
	case RISK_MITIGATING:
		return "partly-mitigated";
	case RISK_MITIGATED:
		return "mitigated";
	case RISK_ACCEPTED:
		return "accepted";
	case RISK_NOT_APPLICABLE:
		return "not-applicable";
	default:
		return "exposed";
	}
}

static const char *
otmw_mitigation_state(int status)
{
	switch (status) {
	case MIT_PLANNED:
		return "required";
	case MIT_IMPLEMENTED:
		return "implemented";
	case MIT_VERIFIED:
		return "verified";
	case MIT_REJECTED:
		return "rejected";
	default:
		return "recommended";
	}
}

/*
 * The fields of an object that OTM has no member for, as attributes
 * "parapet:FIELD"; skip lists the ones written as members. always names
 * a field written even when not set ("unknown").
 */
static void
otmw_attributes(struct otmw *x, enum objtype t, const void *obj, int kind,
    const char *const *skip, const char *always)
{
	struct json_write	*w = &x->w;
	const struct field	*fs;
	char			*key, *text;
	size_t			 i, j, n;
	int			 skipped;

	fs = model_fields(t, &n);
	json_key_begin_object(w, "attributes");
	for (i = 0; i < n; i++) {
		for (skipped = 0, j = 0; skip[j] != NULL; j++)
			skipped |= strcmp(fs[i].name, skip[j]) == 0;
		if (skipped || (t == OBJ_COMPONENT &&
		    !field_applies(&fs[i], kind)))
			continue;
		text = field_get(obj, &fs[i]);
		if (text == NULL && always != NULL &&
		    strcmp(fs[i].name, always) == 0)
			text = xstrdup("unknown");
		if (text != NULL) {
			key = xasprintf("parapet:%s", fs[i].name);
			json_kv_string(w, key, text);
			free(key);
		}
		free(text);
	}
	json_end_object(w);
}

/* The instances of the risks on an element (component or flow). */
static void
otmw_instances(struct otmw *x, const char *id)
{
	struct json_write	*w = &x->w;
	const struct risk	*k;
	struct risk		**on;
	char			*name;
	size_t			 i, j, non, n = 0;

	on = export_group_get(&x->by_target, id, &non);
	for (i = 0; i < non; i++) {
		k = on[i];
		if (n++ == 0) {
			json_key_begin_array(w, "threats");
		}
		name = risk_name(k);
		json_begin_object(w);
		json_kv_string(w, "threat", name);
		json_kv_string(w, "state", otmw_threat_state(k->status));
		json_key_begin_array(w, "mitigations");
		for (j = 0; j < k->nmitigations; j++) {
			json_begin_object(w);
			json_kv_string(w, "mitigation",
			    k->mitigations[j].id);
			json_kv_string(w, "state", otmw_mitigation_state(
			    k->mitigations[j].status));
			json_end_object(w);
		}
		json_end_array(w);
		json_end_object(w);
		free(name);
	}
	if (n > 0)
		json_end_array(w);
}

static void
otmw_zone(struct otmw *x, const struct boundary *b)
{
	static const char *const skip[] = { "id", "name", "description",
	    NULL };
	struct json_write	*w = &x->w;

	json_begin_object(w);
	json_kv_string(w, "id", b->id);
	json_kv_string(w, "name", b->name != NULL ? b->name : b->id);
	json_kv_string(w, "type", "trust-boundary");
	json_kv_string_opt(w, "description", b->description);
	json_key_begin_object(w, "risk");
	json_kv_int(w, "trustRating", otmw_trust_rating(b->trust));
	json_end_object(w);
	otmw_attributes(x, OBJ_BOUNDARY, b, 0, skip, "trust");
	json_end_object(w);
}

static void
otmw_component(struct otmw *x, const struct component *c)
{
	static const char *const skip[] = { "id", "name", "kind",
	    "boundary", "description", NULL };
	struct json_write	*w = &x->w;

	json_begin_object(w);
	json_kv_string(w, "id", c->id);
	json_kv_string(w, "name", c->name != NULL ? c->name : c->id);
	json_kv_string(w, "type", vocab_name(&vocab_kind, c->kind));
	json_kv_string_opt(w, "description", c->description);
	json_key_begin_object(w, "parent");
	json_kv_string(w, "trustZone", component_boundary(x->m, c) != NULL ?
	    c->boundary : OTM_NO_ZONE);
	json_end_object(w);
	otmw_instances(x, c->id);
	otmw_attributes(x, OBJ_COMPONENT, c, c->kind, skip, NULL);
	json_end_object(w);
}

static void
otmw_dataflow(struct otmw *x, const struct flow *f)
{
	static const char *const skip[] = { "id", "name", "description",
	    "from", "to", NULL };
	struct json_write	*w = &x->w;

	json_begin_object(w);
	json_kv_string(w, "id", f->id);
	json_kv_string(w, "name", f->name != NULL ? f->name : f->id);
	json_kv_string_opt(w, "description", f->description);
	json_kv_bool(w, "bidirectional", 0);
	json_kv_string(w, "source", f->from);
	json_kv_string(w, "destination", f->to);
	otmw_instances(x, f->id);
	otmw_attributes(x, OBJ_FLOW, f, 0, skip, NULL);
	json_end_object(w);
}

/* A risk as a threat of the file. */
static void
otmw_threat(struct otmw *x, const struct risk *k)
{
	struct json_write	*w = &x->w;
	const struct threat	*t = export_threat(x->in, k);
	struct buf		 b;
	char			*name, *tag;
	size_t			 i;
	int			 st;

	name = risk_name(k);
	json_begin_object(w);
	json_kv_string(w, "id", name);
	json_kv_string(w, "name", export_risk_title(x->in, k));
	buf_init(&b);
	if (t != NULL && t->description != NULL)
		buf_adds(&b, t->description);
	for (i = 0; i < k->nreasons; i++)
		buf_addf(&b, "%s- %s", b.len > 0 ? "\n" : "",
		    k->reasons[i].line);
	if (k->justification != NULL)
		buf_addf(&b, "%sDecision: %s", b.len > 0 ? "\n\n" : "",
		    k->justification);
	json_kv_string(w, "description", b.s);
	buf_release(&b);
	json_key_begin_array(w, "categories");
	for (st = 0; t != NULL && st < STRIDE_COUNT; st++)
		if (t->stride & (1u << st))
			json_write_string(w, export_stride_word(st,
			    EXPORT_STRIDE_OTM));
	json_end_array(w);
	json_key_begin_object(w, "risk");
	json_kv_int(w, "likelihood", (long)k->likelihood * 20);
	buf_init(&b);
	buf_addf(&b, "Parapet likelihood %d of 5", k->likelihood);
	json_kv_string(w, "likelihoodComment", b.s);
	json_kv_int(w, "impact", (long)k->impact * 20);
	buf_reset(&b);
	buf_addf(&b, "Parapet impact %d of 5; severity %s", k->impact,
	    vocab_name(&vocab_severity, k->severity));
	json_kv_string(w, "impactComment", b.s);
	buf_release(&b);
	json_end_object(w);
	json_key_begin_array(w, "tags");
	for (i = 0; t != NULL && i < t->refs.n; i++) {
		tag = xasprintf("%s:%s", ref_scheme_name(t->refs.v[i].scheme),
		    t->refs.v[i].id);
		json_write_string(w, tag);
		free(tag);
	}
	json_end_array(w);
	json_key_begin_object(w, "attributes");
	json_kv_string(w, "parapet:threat", k->threat);
	json_kv_string(w, "parapet:target", k->target);
	json_kv_string(w, "parapet:severity", vocab_name(&vocab_severity,
	    k->severity));
	json_kv_string(w, "parapet:status", vocab_name(&vocab_risk_status,
	    k->status));
	json_kv_string_opt(w, "parapet:owner", k->owner);
	json_kv_string_opt(w, "parapet:justification", k->justification);
	json_end_object(w);
	json_end_object(w);
	free(name);
}

/* The mitigations the risks name, once each, in the order first named. */
static void
otmw_mitigations(struct otmw *x)
{
	struct json_write	*w = &x->w;
	const struct mitigation	*mt;
	struct strmap		 seen;
	const char		*id;
	size_t			 i, j;

	strmap_init(&seen);
	json_key_begin_array(w, "mitigations");
	for (i = 0; i < x->nrisks; i++)
		for (j = 0; j < x->risks[i]->nmitigations; j++) {
			id = x->risks[i]->mitigations[j].id;
			if (strmap_get(&seen, id) != NULL)
				continue;
			strmap_put(&seen, id, x);
			mt = x->in->cat != NULL ?
			    catalogue_mitigation(x->in->cat, id) : NULL;
			json_begin_object(w);
			json_kv_string(w, "id", id);
			json_kv_string(w, "name", mt != NULL &&
			    mt->title != NULL ? mt->title : id);
			json_kv_string_opt(w, "description", mt != NULL ?
			    mt->description : NULL);
			json_kv_int(w, "riskReduction", 0);
			json_end_object(w);
		}
	json_end_array(w);
	strmap_release(&seen);
}

int
export_otm(const struct export_input *in, struct buf *out, struct error *err)
{
	static const char *const skip[] = { "id", "name", "description",
	    "owner", NULL };
	struct otmw		 x;
	struct json_write	*w = &x.w;
	const struct model	*m = in->model;
	size_t			 i;
	int			 unzoned = 0;

	(void)err;
	memset(&x, 0, sizeof x);
	x.in = in;
	x.m = m;
	x.risks = export_applying_risks(in, &x.nrisks);
	export_group_init(&x.by_target, x.risks, x.nrisks, otmw_target, NULL);
	for (i = 0; i < m->ncomponents; i++)
		unzoned |= component_boundary(m, m->components[i]) == NULL;
	json_write_init(w, out);
	json_begin_object(w);
	json_kv_string(w, "otmVersion", OTM_VERSION);
	json_key_begin_object(w, "project");
	json_kv_string(w, "name", m->system.name != NULL ? m->system.name :
	    m->system.id);
	json_kv_string(w, "id", m->system.id);
	json_kv_string_opt(w, "description", m->system.description);
	json_kv_string_opt(w, "owner", m->system.owner);
	otmw_attributes(&x, OBJ_SYSTEM, &m->system, 0, skip, NULL);
	json_end_object(w);
	json_key_begin_array(w, "trustZones");
	for (i = 0; i < m->nboundaries; i++)
		otmw_zone(&x, m->boundaries[i]);
	if (unzoned) {
		json_begin_object(w);
		json_kv_string(w, "id", OTM_NO_ZONE);
		json_kv_string(w, "name", "No boundary");
		json_kv_string(w, "type", OTM_NO_ZONE);
		json_kv_string(w, "description", "Components the Parapet "
		    "model places in no trust boundary (OTM needs a parent); "
		    "not a trust zone of the system");
		json_key_begin_object(w, "risk");
		json_kv_int(w, "trustRating", 0);
		json_end_object(w);
		json_end_object(w);
	}
	json_end_array(w);
	json_key_begin_array(w, "components");
	for (i = 0; i < m->ncomponents; i++)
		otmw_component(&x, m->components[i]);
	json_end_array(w);
	json_key_begin_array(w, "dataflows");
	for (i = 0; i < m->nflows; i++)
		otmw_dataflow(&x, m->flows[i]);
	json_end_array(w);
	json_key_begin_array(w, "threats");
	for (i = 0; i < x.nrisks; i++)
		otmw_threat(&x, x.risks[i]);
	json_end_array(w);
	otmw_mitigations(&x);
	json_end_object(w);
	export_group_release(&x.by_target);
	free(x.risks);
	return 0;
}

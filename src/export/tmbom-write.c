/*
 * tmbom-write.c: the model as an OWASP Threat Model Library file (TM-BOM
 * JSON v1.0.1), valid against the library's threat-model.schema.json.
 *
 *   system         -> scope: title, description; criticality ->
 *                     business_criticality (low, moderate, high,
 *                     maximal) and tier (non_critical, important,
 *                     business_critical, mission_critical); the format
 *                     needs both: a model without a criticality is written
 *                     moderate and important. data_sensitivity pii when
 *                     some component or flow holds personal data, cred
 *                     when a flow carries credentials; exposure external
 *                     when a component is public or a boundary untrusted
 *   boundary       -> trust zone (components in none go in a zone
 *                     "parapet-no-boundary", which the reader leaves out)
 *   flow crossing  -> trust boundary, one per pair of zones
 *     boundaries
 *   user, operator, external-service -> actor (user, administrator,
 *                     third_party)
 *   datastore, dataset, vector-store, model-registry -> data store (type
 *                     object, document for a vector store: format 1 does
 *                     not say how a store keeps its data)
 *   other kinds    -> component in its boundary's trust zone
 *   flow           -> data flow; has_sensitive_data when it carries
 *                     personal data or credentials; encrypted when known
 *                     to be
 *
 * Symbolic names are the ids with '.' and '_' as '-' (made unique). What
 * TM-BOM has no field for and a re-import needs (ids, kinds, the order of
 * components across its three lists, boundaries of actors and data stores, trust levels, personal and confidential data,
 * data classes, unknown answers) is
 * written in $.extensions under "parapet.invalid/tmbom/1", which the
 * schema allows and other tools ignore. Risks are not written (TM-BOM
 * risks need threats, likelihood and impact words of its own); use otm or
 * threat-dragon for them. Text is JSON-escaped (json-write.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/export-int.h"
#include "export/export.h"
#include "export/json-write.h"
#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

#define TMBOM_VERSION	"1.0.1"
#define TMBOM_SCHEMA	"https://github.com/OWASP/" \
			"www-project-threat-model-library/blob/v1.0.1/" \
			"threat-model.schema.json"
#define TMBOM_EXTENSION	"parapet.invalid/tmbom/1"
#define TMBOM_NO_ZONE	"parapet-no-boundary"

enum tbw_list { TBW_ACTOR, TBW_COMPONENT, TBW_STORE };

struct tbw {
	struct json_write	 w;
	const struct model	*m;
	struct strmap		 sym;		/* id -> symbolic name */
	struct strmap		 used;		/* symbolic names taken */
	char			**owned;
	size_t			  nowned;
};

/* Keep a string for the maps; returns it. */
static char *
tbw_own(struct tbw *x, char *s)
{
	x->owned = xreallocarray(x->owned, x->nowned + 1, sizeof *x->owned);
	x->owned[x->nowned++] = s;
	return s;
}

/* The symbolic name of an id, made on first use. */
static const char *
tbw_sym(struct tbw *x, const char *id)
{
	struct buf	 b;
	const char	*p;
	char		*s;
	size_t		 base, n;

	if ((s = strmap_get(&x->sym, id)) != NULL)
		return s;
	buf_init(&b);
	for (p = id; *p != '\0'; p++)
		buf_addc(&b, *p == '.' || *p == '_' ? '-' : *p);
	base = b.len;
	for (n = 2; strmap_get(&x->used, b.s) != NULL; n++) {
		buf_truncate(&b, base);
		buf_addf(&b, "-%zu", n);
	}
	s = tbw_own(x, buf_detach(&b));
	strmap_put(&x->used, s, s);
	strmap_put(&x->sym, tbw_own(x, xstrdup(id)), s);
	return s;
}

static enum tbw_list
tbw_list_of(int kind)
{
	switch (kind) {
	case KIND_USER:
	case KIND_OPERATOR:
	case KIND_EXTERNAL_SERVICE:
		return TBW_ACTOR;
	case KIND_DATASTORE:
	case KIND_DATASET:
	case KIND_VECTOR_STORE:
	case KIND_MODEL_REGISTRY:
		return TBW_STORE;
	default:
		return TBW_COMPONENT;
	}
}

static const char *const tbw_lists[] = { "actor", "component",
    "data_store" };

static void
tbw_scope(struct tbw *x)
{
	static const char *const degree[] = { "low", "moderate", "high",
	    "maximal" };
	static const char *const tier[] = { "non_critical", "important",
	    "business_critical", "mission_critical" };
	struct json_write	*w = &x->w;
	const struct model	*m = x->m;
	size_t			 i;
	int			 crit = m->system.criticality, pii = 0, cred = 0;
	int			 ext = 0;

	for (i = 0; i < m->ncomponents; i++) {
		pii |= m->components[i]->personal_data == TRI_YES;
		ext |= m->components[i]->exposure == EXPOSURE_PUBLIC;
	}
	for (i = 0; i < m->nboundaries; i++)
		ext |= m->boundaries[i]->trust == TRUST_UNTRUSTED;
	for (i = 0; i < m->nflows; i++) {
		pii |= (m->flows[i]->data & (1U << DATA_PERSONAL_DATA)) != 0;
		cred |= (m->flows[i]->data & (1U << DATA_CREDENTIALS)) != 0;
	}
	if (crit < 0 || crit >= LEVEL_COUNT)
		crit = LEVEL_MEDIUM;
	json_key_begin_object(w, "scope");
	json_kv_string(w, "title", m->system.name != NULL ? m->system.name :
	    m->system.id);
	json_kv_string(w, "description", m->system.description != NULL ?
	    m->system.description : "");
	json_kv_string(w, "business_criticality", degree[crit]);
	json_key_begin_array(w, "data_sensitivity");
	if (pii)
		json_write_string(w, "pii");
	if (cred)
		json_write_string(w, "cred");
	json_end_array(w);
	json_kv_string(w, "exposure", ext ? "external" : "internal");
	json_kv_string(w, "tier", tier[crit]);
	json_end_object(w);
}

/* The trust zone of a component: its boundary's, else the spare one. */
static const char *
tbw_zone(struct tbw *x, const struct component *c)
{
	const struct boundary	*b = component_boundary(x->m, c);

	return b != NULL ? tbw_sym(x, b->id) : TMBOM_NO_ZONE;
}

static void
tbw_zones(struct tbw *x, int unzoned)
{
	struct json_write	*w = &x->w;
	const struct boundary	*b;
	size_t			 i;

	json_key_begin_array(w, "trust_zones");
	for (i = 0; i < x->m->nboundaries; i++) {
		b = x->m->boundaries[i];
		json_begin_object(w);
		json_kv_string(w, "symbolic_name", tbw_sym(x, b->id));
		json_kv_string(w, "title", b->name != NULL ? b->name : b->id);
		json_kv_string(w, "description", b->description != NULL ?
		    b->description : "");
		json_end_object(w);
	}
	if (unzoned) {
		json_begin_object(w);
		json_kv_string(w, "symbolic_name", TMBOM_NO_ZONE);
		json_kv_string(w, "title", "No boundary");
		json_kv_string(w, "description", "Components the Parapet "
		    "model places in no trust boundary (TM-BOM needs a trust "
		    "zone for each)");
		json_end_object(w);
	}
	json_end_array(w);
}

/* One trust boundary per pair of boundaries a flow crosses. */
static void
tbw_boundaries(struct tbw *x)
{
	struct json_write	*w = &x->w;
	const struct boundary	*a, *b;
	const struct flow	*f;
	struct strmap		 seen;
	char			*key;
	size_t			 i;

	strmap_init(&seen);
	json_key_begin_array(w, "trust_boundaries");
	for (i = 0; i < x->m->nflows; i++) {
		f = x->m->flows[i];
		if (f->src == NULL || f->dst == NULL)
			continue;
		a = component_boundary(x->m, f->src);
		b = component_boundary(x->m, f->dst);
		if (a == NULL || b == NULL || a == b)
			continue;
		if (strcmp(a->id, b->id) > 0) {
			const struct boundary *t = a;

			a = b;
			b = t;
		}
		key = xasprintf("%s %s", a->id, b->id);
		if (strmap_get(&seen, key) != NULL) {
			free(key);
			continue;
		}
		strmap_put(&seen, tbw_own(x, key), key);
		json_begin_object(w);
		json_kv_string(w, "trust_zone_a", tbw_sym(x, a->id));
		json_kv_string(w, "trust_zone_b", tbw_sym(x, b->id));
		json_end_object(w);
	}
	json_end_array(w);
	strmap_release(&seen);
}

/* The components of one list of the file. */
static void
tbw_objects(struct tbw *x, enum tbw_list which)
{
	struct json_write	*w = &x->w;
	const struct component	*c;
	size_t			 i;

	json_key_begin_array(w, which == TBW_ACTOR ? "actors" :
	    which == TBW_STORE ? "data_stores" : "components");
	for (i = 0; i < x->m->ncomponents; i++) {
		c = x->m->components[i];
		if (tbw_list_of(c->kind) != which)
			continue;
		json_begin_object(w);
		json_kv_string(w, "symbolic_name", tbw_sym(x, c->id));
		json_kv_string(w, "title", c->name != NULL ? c->name : c->id);
		json_kv_string(w, "description", c->description != NULL ?
		    c->description : "");
		if (which == TBW_ACTOR)
			json_kv_string(w, "type", c->kind == KIND_USER ?
			    "user" : c->kind == KIND_OPERATOR ?
			    "administrator" : "third_party");
		else if (which == TBW_STORE)
			json_kv_string(w, "type", c->kind ==
			    KIND_VECTOR_STORE ? "document" : "object");
		else
			json_kv_string(w, "trust_zone", tbw_zone(x, c));
		json_end_object(w);
	}
	json_end_array(w);
}

static void
tbw_flows(struct tbw *x)
{
	struct json_write	*w = &x->w;
	const struct flow	*f;
	const struct component	*ends[2];
	size_t			 i;
	int			 e;

	json_key_begin_array(w, "data_flows");
	for (i = 0; i < x->m->nflows; i++) {
		f = x->m->flows[i];
		ends[0] = model_component(x->m, f->from);
		ends[1] = model_component(x->m, f->to);
		if (ends[0] == NULL || ends[1] == NULL)
			continue;
		json_begin_object(w);
		json_kv_string(w, "symbolic_name", tbw_sym(x, f->id));
		json_kv_string(w, "title", f->name != NULL ? f->name : "");
		json_kv_string(w, "description", f->description != NULL ?
		    f->description : "");
		for (e = 0; e < 2; e++) {
			json_key_begin_object(w, e == 0 ? "source" :
			    "destination");
			json_kv_string(w, "type",
			    tbw_lists[tbw_list_of(ends[e]->kind)]);
			json_kv_string(w, "object", tbw_sym(x, ends[e]->id));
			json_end_object(w);
		}
		json_kv_bool(w, "has_sensitive_data", (f->data &
		    (1U << DATA_PERSONAL_DATA | 1U << DATA_CREDENTIALS)) != 0);
		json_kv_bool(w, "encrypted", f->encrypted == TRI_YES);
		json_end_object(w);
	}
	json_end_array(w);
}

/* $.extensions: what a re-import needs that TM-BOM cannot say. */
static void
tbw_extension(struct tbw *x)
{
	struct json_write	*w = &x->w;
	const struct model	*m = x->m;
	const struct component	*c;
	const struct boundary	*b;
	const struct flow	*f;
	size_t			 i;
	int			 k;

	json_key_begin_object(w, "extensions");
	json_key_begin_object(w, TMBOM_EXTENSION);
	json_kv_string(w, "system", m->system.id);
	/* The scope's criticality is required: say when it was not set. */
	json_kv_string(w, "criticality", m->system.criticality >= 0 ?
	    vocab_name(&vocab_criticality, m->system.criticality) :
	    "unknown");
	json_key_begin_object(w, "objects");
	for (i = 0; i < m->nboundaries; i++) {
		b = m->boundaries[i];
		json_key_begin_object(w, tbw_sym(x, b->id));
		json_kv_string(w, "id", b->id);
		if (b->trust >= 0)
			json_kv_string(w, "trust",
			    vocab_name(&vocab_trust, b->trust));
		json_end_object(w);
	}
	json_key_begin_object(w, TMBOM_NO_ZONE);
	json_kv_bool(w, "none", 1);
	json_end_object(w);
	for (i = 0; i < m->ncomponents; i++) {
		c = m->components[i];
		json_key_begin_object(w, tbw_sym(x, c->id));
		json_kv_string(w, "id", c->id);
		json_kv_string(w, "kind", vocab_name(&vocab_kind, c->kind));
		json_kv_int(w, "order", (long)i);
		if ((b = component_boundary(m, c)) != NULL)
			json_kv_string(w, "boundary", tbw_sym(x, b->id));
		if (c->provider >= 0)
			json_kv_string(w, "provider",
			    vocab_name(&vocab_provider, c->provider));
		if (c->personal_data != TRI_UNKNOWN)
			json_kv_bool(w, "personal-data",
			    c->personal_data == TRI_YES);
		if (c->confidential_data != TRI_UNKNOWN)
			json_kv_bool(w, "confidential-data",
			    c->confidential_data == TRI_YES);
		json_end_object(w);
	}
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		json_key_begin_object(w, tbw_sym(x, f->id));
		json_kv_string(w, "id", f->id);
		json_key_begin_array(w, "data");
		for (k = 0; k < DATA_COUNT; k++)
			if (f->data & (1U << k))
				json_write_string(w,
				    vocab_name(&vocab_data_class, k));
		json_end_array(w);
		if (f->encrypted == TRI_UNKNOWN)
			json_kv_string(w, "encrypted", "unknown");
		if (f->authenticated != TRI_UNKNOWN)
			json_kv_bool(w, "authenticated",
			    f->authenticated == TRI_YES);
		json_end_object(w);
	}
	json_end_object(w);
	json_end_object(w);
	json_end_object(w);
}

int
export_tmbom(const struct export_input *in, struct buf *out,
    struct error *err)
{
	struct tbw		 x;
	struct json_write	*w = &x.w;
	const struct model	*m = in->model;
	size_t			 i;
	int			 unzoned = 0;

	(void)err;
	memset(&x, 0, sizeof x);
	x.m = m;
	strmap_init(&x.sym);
	strmap_init(&x.used);
	strmap_put(&x.used, TMBOM_NO_ZONE, &x);
	/* Names in the model's order: boundaries, components, flows. */
	for (i = 0; i < m->nboundaries; i++)
		tbw_sym(&x, m->boundaries[i]->id);
	for (i = 0; i < m->ncomponents; i++) {
		tbw_sym(&x, m->components[i]->id);
		unzoned |= tbw_list_of(m->components[i]->kind) ==
		    TBW_COMPONENT && component_boundary(m,
		    m->components[i]) == NULL;
	}
	for (i = 0; i < m->nflows; i++)
		tbw_sym(&x, m->flows[i]->id);
	json_write_init(w, out);
	json_begin_object(w);
	json_kv_string(w, "$schema", TMBOM_SCHEMA);
	json_kv_string(w, "version", TMBOM_VERSION);
	tbw_scope(&x);
	tbw_zones(&x, unzoned);
	tbw_boundaries(&x);
	tbw_objects(&x, TBW_ACTOR);
	tbw_objects(&x, TBW_COMPONENT);
	tbw_objects(&x, TBW_STORE);
	json_key_begin_array(w, "data_sets");
	json_end_array(w);
	tbw_flows(&x);
	tbw_extension(&x);
	json_end_object(w);
	buf_addc(out, '\n');
	strmap_release(&x.sym);
	strmap_release(&x.used);
	for (i = 0; i < x.nowned; i++)
		free(x.owned[i]);
	free(x.owned);
	return 0;
}

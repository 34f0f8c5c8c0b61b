/*
 * otm-read.c: Open Threat Model files (OTM 0.1 and 0.2, in JSON or YAML)
 * into format 1 (see interop.h for the mapping, what is lost and the
 * notes).
 *
 * The file is walked once for trust zones, components, then dataflows;
 * components nested in components take their ancestor's trust zone once
 * all are known. Every error names the JSON path of the value at fault
 * ($.components[2].parent.trustZone), and its line and column when the
 * file is YAML.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interop/interop-int.h"
#include "interop/interop.h"
#include "interop/jdoc.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

/* Attributes "parapet:FIELD" carry the fields of format 1 (otm-write.c). */
#define OTM_ATTR_PREFIX	"parapet:"
/* The trust zone Parapet's export puts components without a boundary in. */
#define OTM_NO_ZONE	"parapet:no-boundary"
/* Confidentiality rating (0-100) from which an asset is confidential. */
#define OTM_CONFIDENTIAL	50
/* How many distinct types a note names before "...". */
#define OTM_NOTE_TYPES	6

/* Kinds from the words of an OTM component type; the first match wins. */
static const struct {
	const char	*word;
	int		 kind;
} otm_type_words[] = {
	{ "agent", KIND_AGENT },
	{ "llm", KIND_MODEL },
	{ "gpt", KIND_MODEL },
	{ "genai", KIND_MODEL },
	{ "openai", KIND_MODEL },
	{ "bedrock", KIND_MODEL },
	{ "inference", KIND_INFERENCE_SERVICE },
	{ "training", KIND_TRAINING_PIPELINE },
	{ "dataset", KIND_DATASET },
	{ "vector", KIND_VECTOR_STORE },
	{ "monitoring", KIND_MONITORING },
	{ "logging", KIND_MONITORING },
	{ "siem", KIND_MONITORING },
	{ "operator", KIND_OPERATOR },
	{ "admin", KIND_OPERATOR },
	{ "administrator", KIND_OPERATOR },
	{ "user", KIND_USER },
	{ "client", KIND_USER },
	{ "browser", KIND_USER },
	{ "actor", KIND_USER },
	{ "human", KIND_USER },
	{ "customer", KIND_USER },
	{ "database", KIND_DATASTORE },
	{ "db", KIND_DATASTORE },
	{ "sql", KIND_DATASTORE },
	{ "postgresql", KIND_DATASTORE },
	{ "mysql", KIND_DATASTORE },
	{ "mongodb", KIND_DATASTORE },
	{ "redis", KIND_DATASTORE },
	{ "cache", KIND_DATASTORE },
	{ "storage", KIND_DATASTORE },
	{ "bucket", KIND_DATASTORE },
	{ "s3", KIND_DATASTORE },
	{ "blob", KIND_DATASTORE },
	{ "datastore", KIND_DATASTORE },
	{ "store", KIND_DATASTORE },
	{ "external", KIND_EXTERNAL_SERVICE },
	{ "saas", KIND_EXTERNAL_SERVICE },
};

/* A component being read. */
struct otm_comp {
	struct component	*c;
	const char		*parent;	/* parent component's OTM id */
	char			*path;		/* of its parent, for errors */
	struct jnode		*at;		/* its parent, for errors */
	int			 resolving;	/* on the chain being walked */
};

struct otm {
	struct jread		 jr;		/* how errors are reported */
	const char		*file;
	struct error		*err;
	struct import_notes	*notes;
	struct model_decisions	*dec;		/* or NULL */
	struct jdoc		*doc;
	struct model		*m;
	struct interop_ids	 ids;
	struct strmap		 zones;		/* OTM id -> boundary or
						   &otm_no_zone */
	struct strmap		 comps;		/* OTM id -> struct otm_comp */
	struct strmap		 assets;	/* OTM id -> asset object */
	struct strmap		 inst;		/* threat id -> its instance */
	struct otm_comp		*cv;
	size_t			 ncv;
	struct buf		 guessed;	/* "type -> kind" pairs */
	struct buf		 unknown;	/* types read as application */
	struct strmap		 seen;		/* types noted so far */
	struct interop_strings	  keys;		/* owned keys of the maps */
	size_t			 nguessed, nguessed_types;
	size_t			 napp, napp_types;
	size_t			 nrated, nnested_zones, nnested_comps;
	size_t			 nflows, nbidi, nthreats, ninstances;
	size_t			 nmitigations, nimplemented;
	size_t			 nrepr, ntags, nattrs, nassets;
	size_t			 ndecisions;
};

/* Mitigation states as otm-write.c writes them, by mitigation status. */
static const char *const otm_mitigation_states[MIT_STATUS_COUNT] = {
	[MIT_PROPOSED] = "recommended",
	[MIT_PLANNED] = "required",
	[MIT_IMPLEMENTED] = "implemented",
	[MIT_VERIFIED] = "verified",
	[MIT_REJECTED] = "rejected",
};

/* The marker of the trust zone that stands for "no boundary". */
static char	otm_no_zone;

/* An element of a list that must be an object; its path in *path. */
static int
otm_item(struct otm *o, struct jnode *list, const char *lpath, size_t i,
    struct jnode **item, char **path)
{
	*item = jnode_at(list, i);
	*path = xasprintf("%s[%zu]", lpath, i);
	if (jnode_type(*item) == JT_OBJECT)
		return 0;
	jread_fail(&o->jr, *item, *path, "must be an object, not %s",
	    jtype_name(jnode_type(*item)));
	free(*path);
	*path = NULL;
	return -1;
}

/* Add a word to a list for a note, once, up to OTM_NOTE_TYPES. */
static void
otm_note_word(struct otm *o, struct buf *list, size_t *n, const char *tag,
    const char *word)
{
	char	*key = xasprintf("%s\n%s", tag, word);

	if (strmap_get(&o->seen, key) == NULL) {
		strmap_put(&o->seen, interop_keep(&o->keys, key), o);
		if (*n < OTM_NOTE_TYPES)
			buf_addf(list, "%s%s", *n > 0 ? ", " : "", word);
		else if (*n == OTM_NOTE_TYPES)
			buf_adds(list, ", ...");
		(*n)++;
	}
	free(key);
}

/* Count the elements of an optional list member (tags, representations). */
static int
otm_count(struct otm *o, struct jnode *obj, const char *path,
    const char *key, size_t *n)
{
	struct jnode	*v;

	if (jread_member(&o->jr, obj, path, key, JT_ARRAY, 0, &v) == -1)
		return -1;
	*n += jnode_size(v);
	return 0;
}

/*
 * The attributes of an element: "parapet:FIELD" sets that field of obj
 * (of type t; kind for a component), the others are counted as lost.
 */
static int
otm_attributes(struct otm *o, struct jnode *elem, const char *path,
    enum objtype t, void *obj, int kind)
{
	static const char *const own[] = { "id", "name", "description",
	    "kind", "boundary", "from", "to" };
	const struct field	*f;
	struct jnode		*attrs, *v;
	struct error		 e;
	const char		*key, *name, *text;
	void			*iter = NULL;
	char			*at;
	size_t			 i;
	int			 rc = 0;

	if (jread_member(&o->jr, elem, path, "attributes", JT_OBJECT, 0,
	    &attrs) == -1)
		return -1;
	while (rc == 0 && (v = jnode_next(attrs, &iter, &key)) != NULL) {
		if (strncmp(key, OTM_ATTR_PREFIX, strlen(OTM_ATTR_PREFIX)) !=
		    0) {
			o->nattrs++;
			continue;
		}
		name = key + strlen(OTM_ATTR_PREFIX);
		at = xasprintf("%s.attributes['%s']", path, key);
		f = model_field(t, name);
		for (i = 0; f != NULL && i < sizeof own / sizeof *own; i++)
			if (strcmp(name, own[i]) == 0)
				f = NULL;
		if (f == NULL)
			rc = jread_fail(&o->jr, v, at,
			    "'%s' is not a field of a %s "
			    "that attributes can set", name, objtype_name(t));
		else if (t == OBJ_COMPONENT && !field_applies(f, kind))
			rc = jread_fail(&o->jr, v, at,
			    "'%s' does not apply to a "
			    "component of kind '%s'", name,
			    vocab_name(&vocab_kind, kind));
		else if (jnode_type(v) != JT_STRING &&
		    jnode_type(v) != JT_BOOL)
			rc = jread_fail(&o->jr, v, at,
			    "must be a string, not %s",
			    jtype_name(jnode_type(v)));
		else {
			text = jnode_type(v) == JT_BOOL ? (jnode_true(v) ?
			    "true" : "false") : jnode_string(v);
			if (f->type != FIELD_BOOL && strcmp(text,
			    "unknown") == 0)
				text = "";
			error_clear(&e);
			if (field_set(obj, f, text, &e) == -1)
				rc = jread_fail(&o->jr, v, at, "%s", e.msg);
		}
		free(at);
	}
	return rc;
}

/* The kind of an OTM type: a Parapet kind word, else by its words. */
static int
otm_kind(struct otm *o, const char *type)
{
	const char	*p, *q;
	char		*word, *pair;
	size_t		 i, n;
	int		 k, found = -1;
	unsigned	 best = sizeof otm_type_words / sizeof *otm_type_words;

	if ((k = vocab_find(&vocab_kind, type)) != -1)
		return k;
	for (p = type; *p != '\0'; p = q) {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (q = p; isalnum((unsigned char)*q); q++)
			;
		if (q == p)
			break;
		word = xstrndup(p, (size_t)(q - p));
		for (n = 0; word[n] != '\0'; n++)
			word[n] = (char)tolower((unsigned char)word[n]);
		for (i = 0; i < best; i++)
			if (strcmp(word, otm_type_words[i].word) == 0) {
				best = (unsigned)i;
				found = otm_type_words[i].kind;
			}
		free(word);
	}
	if (found == -1) {
		o->napp++;
		otm_note_word(o, &o->unknown, &o->napp_types, "app", type);
		return KIND_APPLICATION;
	}
	o->nguessed++;
	pair = xasprintf("%s -> %s", type, vocab_name(&vocab_kind, found));
	otm_note_word(o, &o->guessed, &o->nguessed_types, "kind", pair);
	free(pair);
	return found;
}

/* The trust of a rating of 0 (none) to 100 (full). */
static int
otm_trust(double rating)
{
	if (rating < 25)
		return TRUST_UNTRUSTED;
	if (rating < 55)
		return TRUST_PARTNER;
	if (rating < 90)
		return TRUST_INTERNAL;
	return TRUST_RESTRICTED;
}

/* One trust zone: a boundary. */
static int
otm_zone(struct otm *o, struct jnode *z, const char *path)
{
	struct boundary	*b;
	struct jnode	*risk, *rating, *parent;
	const char	*zid, *name, *desc;
	char		*id;

	if (jread_text(&o->jr, z, path, "id", 1, &zid) == -1 ||
	    jread_text(&o->jr, z, path, "name", 1, &name) == -1 ||
	    jread_text(&o->jr, z, path, "description", 0, &desc) == -1 ||
	    jread_member(&o->jr, z, path, "risk", JT_OBJECT, 0, &risk) == -1 ||
	    jread_member(&o->jr, z, path, "parent", JT_OBJECT, 0,
	    &parent) == -1 ||
	    otm_count(o, z, path, "representations", &o->nrepr) == -1)
		return -1;
	if (strmap_get(&o->zones, zid) != NULL)
		return jread_fail(&o->jr, jnode_get(z, "id"), path,
		    "trust zone id '%s' is used twice", zid);
	if (strcmp(zid, OTM_NO_ZONE) == 0) {
		strmap_put(&o->zones, interop_keep(&o->keys, zid),
		    &otm_no_zone);
		return 0;
	}
	id = interop_id_keep(&o->ids, zid, name, "boundary");
	b = model_add_boundary(o->m, id);
	free(id);
	b->name = interop_name(name);
	if (desc != NULL)
		b->description = xstrdup(desc);
	strmap_put(&o->zones, interop_keep(&o->keys, zid), b);
	if (parent != NULL)
		o->nnested_zones++;
	if (otm_attributes(o, z, path, OBJ_BOUNDARY, b, 0) == -1)
		return -1;
	/* Parapet's export says "parapet:trust" (maybe unknown). */
	if (jnode_get(jnode_get(z, "attributes"), OTM_ATTR_PREFIX "trust") ==
	    NULL) {
		if ((rating = jnode_get(risk, "trustRating")) != NULL &&
		    jnode_type(rating) == JT_NUMBER) {
			b->trust = otm_trust(jnode_number(rating));
			o->nrated++;
		} else {
			char *at = xasprintf("%s.risk.trustRating", path);

			jread_fail(&o->jr, rating != NULL ? rating : risk !=
			    NULL ? risk : z, at, rating == NULL ?
			    "missing (an Open Threat Model file needs it)" :
			    "must be a number");
			free(at);
			return -1;
		}
	}
	return 0;
}

/*
 * Append to a description a line "LABEL: NAME, NAME." naming the assets of
 * a list of asset ids (nothing for none), noting any confidential one.
 */
static void
otm_asset_line(struct otm *o, struct jnode *list, const char *label,
    struct buf *d, int *confidential)
{
	struct jnode	*a;
	struct buf	 names;
	const char	*aid, *name;
	size_t		 i, n = 0;

	buf_init(&names);
	for (i = 0; i < jnode_size(list); i++) {
		if ((aid = jnode_string(jnode_at(list, i))) == NULL)
			continue;
		a = strmap_get(&o->assets, aid);
		name = jnode_string(jnode_get(a, "name"));
		buf_addf(&names, "%s%s", n++ > 0 ? ", " : "", name != NULL ?
		    name : aid);
		if (jnode_number(jnode_get(jnode_get(a, "risk"),
		    "confidentiality")) >= OTM_CONFIDENTIAL)
			*confidential = 1;
	}
	if (names.len > 0)
		buf_addf(d, "%s%s: %s.", d->len > 0 ? "\n" : "", label,
		    names.s);
	buf_release(&names);
}

/* Threat instances on an element: counted, with implemented mitigations. */
static int
otm_instances(struct otm *o, struct jnode *elem, const char *path)
{
	struct jnode	*list, *t, *mits, *st;
	const char	*state;
	size_t		 i, j;

	if (jread_member(&o->jr, elem, path, "threats", JT_ARRAY, 0,
	    &list) == -1)
		return -1;
	for (i = 0; i < jnode_size(list); i++) {
		t = jnode_at(list, i);
		o->ninstances++;
		if ((state = jnode_string(jnode_get(t, "threat"))) != NULL &&
		    strmap_get(&o->inst, state) == NULL)
			strmap_put(&o->inst, interop_keep(&o->keys, state), t);
		mits = jnode_get(t, "mitigations");
		for (j = 0; j < jnode_size(mits); j++) {
			st = jnode_get(jnode_at(mits, j), "state");
			state = jnode_string(st);
			if (state != NULL && strcasecmp(state,
			    "implemented") == 0)
				o->nimplemented++;
		}
	}
	return 0;
}

/* One component; its boundary from its trust zone, or later. */
static int
otm_component(struct otm *o, struct jnode *jc, const char *path)
{
	struct otm_comp	*oc;
	struct component *c;
	struct jnode	*parent, *assets, *zone, *pc;
	const char	*cid, *name, *type, *desc, *zid;
	struct buf	 d;
	char		*id, *at;
	int		 confidential = 0;
	struct boundary	*b;

	if (jread_text(&o->jr, jc, path, "id", 1, &cid) == -1 ||
	    jread_text(&o->jr, jc, path, "name", 1, &name) == -1 ||
	    jread_text(&o->jr, jc, path, "type", 1, &type) == -1 ||
	    jread_text(&o->jr, jc, path, "description", 0, &desc) == -1 ||
	    jread_member(&o->jr, jc, path, "parent", JT_OBJECT, 1,
	    &parent) == -1 ||
	    jread_member(&o->jr, jc, path, "assets", JT_OBJECT, 0,
	    &assets) == -1 ||
	    otm_count(o, jc, path, "representations", &o->nrepr) == -1 ||
	    otm_count(o, jc, path, "tags", &o->ntags) == -1 ||
	    otm_instances(o, jc, path) == -1)
		return -1;
	if (strmap_get(&o->comps, cid) != NULL)
		return jread_fail(&o->jr, jnode_get(jc, "id"), path,
		    "component id '%s' is used twice", cid);
	id = interop_id_keep(&o->ids, cid, name, "component");
	c = model_add_component(o->m, id, otm_kind(o, type));
	free(id);
	c->name = interop_name(name);
	oc = &o->cv[o->ncv++];
	memset(oc, 0, sizeof *oc);
	oc->c = c;
	strmap_put(&o->comps, interop_keep(&o->keys, cid), oc);
	/* The description, then the assets it processes and stores. */
	buf_init(&d);
	if (desc != NULL)
		buf_adds(&d, desc);
	otm_asset_line(o, jnode_get(assets, "processed"), "Assets processed",
	    &d, &confidential);
	otm_asset_line(o, jnode_get(assets, "stored"), "Assets stored", &d,
	    &confidential);
	if (d.len > 0)
		c->description = buf_detach(&d);
	buf_release(&d);
	if (confidential)
		c->confidential_data = TRI_YES;
	/* The parent: a trust zone now, a component once all are read. */
	zone = jnode_get(parent, "trustZone");
	pc = jnode_get(parent, "component");
	if (zone != NULL && jnode_type(zone) != JT_NULL) {
		at = xasprintf("%s.parent.trustZone", path);
		if ((zid = jnode_string(zone)) == NULL) {
			jread_fail(&o->jr, zone, at, "must be a string, not %s",
			    jtype_name(jnode_type(zone)));
			free(at);
			return -1;
		}
		if ((b = strmap_get(&o->zones, zid)) == NULL) {
			jread_fail(&o->jr, zone, at, "no trust zone '%s' in "
			    "$.trustZones", zid);
			free(at);
			return -1;
		}
		free(at);
		if (b != (struct boundary *)(void *)&otm_no_zone)
			c->boundary = xstrdup(b->id);
	} else if (pc != NULL && jnode_string(pc) != NULL) {
		oc->parent = jnode_string(pc);
		oc->path = xasprintf("%s.parent.component", path);
		oc->at = pc;
		o->nnested_comps++;
	} else {
		at = xasprintf("%s.parent", path);
		jread_fail(&o->jr, parent, at,
		    "needs a trustZone or a component (a string)");
		free(at);
		return -1;
	}
	return otm_attributes(o, jc, path, OBJ_COMPONENT, c, c->kind);
}

/* A component nested in components: its ancestor's boundary. */
static int
otm_resolve(struct otm *o, struct otm_comp *oc)
{
	struct otm_comp	*up;

	if (oc->parent == NULL)
		return 0;
	if (oc->resolving)
		return jread_fail(&o->jr, oc->at, oc->path,
		    "components nest in a circle through '%s'", oc->parent);
	if ((up = strmap_get(&o->comps, oc->parent)) == NULL)
		return jread_fail(&o->jr, oc->at, oc->path,
		    "no component '%s' in $.components", oc->parent);
	oc->resolving = 1;
	if (otm_resolve(o, up) == -1)
		return -1;
	oc->resolving = 0;
	if (up->c->boundary != NULL && oc->c->boundary == NULL)
		oc->c->boundary = xstrdup(up->c->boundary);
	oc->parent = NULL;
	return 0;
}

/* The component at an end of a dataflow; NULL (and a note) if a zone. */
static int
otm_end(struct otm *o, struct jnode *df, const char *path, const char *key,
    const char *name, struct component **out)
{
	struct otm_comp	*oc;
	const char	*ref;
	char		*at;

	*out = NULL;
	if (jread_text(&o->jr, df, path, key, 1, &ref) == -1)
		return -1;
	if ((oc = strmap_get(&o->comps, ref)) != NULL) {
		*out = oc->c;
		return 0;
	}
	if (strmap_get(&o->zones, ref) != NULL) {
		import_notes_add(o->notes, "dataflow '%s' not imported: its "
		    "%s is trust zone '%s', not a component", name, key, ref);
		return 0;
	}
	at = xasprintf("%s.%s", path, key);
	jread_fail(&o->jr, jnode_get(df, key), at, "no component '%s' in "
	    "$.components", ref);
	free(at);
	return -1;
}

/* One dataflow: a flow, or two when it is bidirectional. */
static int
otm_dataflow(struct otm *o, struct jnode *df, const char *path)
{
	struct component	*from, *to;
	struct flow		*fl[2];
	struct jnode		*bidi;
	const char		*fid, *name, *desc;
	struct buf		 d;
	char			*id, *rid, *rname;
	int			 confidential = 0, n, i;

	if (jread_text(&o->jr, df, path, "id", 1, &fid) == -1 ||
	    jread_text(&o->jr, df, path, "name", 0, &name) == -1 ||
	    jread_text(&o->jr, df, path, "description", 0, &desc) == -1 ||
	    jread_member(&o->jr, df, path, "bidirectional", JT_BOOL, 0,
	    &bidi) == -1 || otm_count(o, df, path, "tags", &o->ntags) == -1 ||
	    otm_count(o, df, path, "representations", &o->nrepr) == -1 ||
	    otm_instances(o, df, path) == -1 ||
	    otm_end(o, df, path, "source", name != NULL ? name : fid,
	    &from) == -1 ||
	    otm_end(o, df, path, "destination", name != NULL ? name : fid,
	    &to) == -1)
		return -1;
	if (from == NULL || to == NULL)
		return 0;
	if (from == to) {
		import_notes_add(o->notes, "dataflow '%s' not imported: it "
		    "goes from a component to itself", name != NULL ? name :
		    fid);
		return 0;
	}
	buf_init(&d);
	if (desc != NULL)
		buf_adds(&d, desc);
	otm_asset_line(o, jnode_get(df, "assets"), "Assets", &d,
	    &confidential);
	n = jnode_true(bidi) ? 2 : 1;
	for (i = 0; i < n; i++) {
		if (i == 0) {
			id = interop_id_keep(&o->ids, fid, name, "flow");
			fl[i] = model_add_flow(o->m, id, from->id, to->id);
			/*
			 * OTM needs a name, so Parapet writes the id for
			 * none: a name that is the id says nothing more.
			 */
			if (name != NULL && strcmp(name, fl[i]->id) != 0)
				fl[i]->name = interop_name(name);
		} else {
			rid = xasprintf("%s-reverse", fl[0]->id);
			rname = xasprintf("%s (reverse)", name != NULL ? name :
			    fl[0]->id);
			id = interop_id_keep(&o->ids, rid, rname, "flow");
			fl[i] = model_add_flow(o->m, id, to->id, from->id);
			fl[i]->name = interop_name(rname);
			free(rid);
			free(rname);
		}
		free(id);
		if (d.len > 0)
			fl[i]->description = xstrdup(d.s);
		if (otm_attributes(o, df, path, OBJ_FLOW, fl[i], 0) == -1) {
			buf_release(&d);
			return -1;
		}
		o->nflows++;
	}
	o->nbidi += n == 2;
	buf_release(&d);
	return 0;
}

/* A top-level list: each element an object, handed to fn. */
static int
otm_list(struct otm *o, struct jnode *root, const char *key,
    int (*fn)(struct otm *, struct jnode *, const char *))
{
	struct jnode	*list, *item;
	char		*lpath, *path;
	size_t		 i;
	int		 rc = 0;

	if (jread_member(&o->jr, root, "$", key, JT_ARRAY, 0, &list) == -1)
		return -1;
	lpath = xasprintf("$.%s", key);
	for (i = 0; i < jnode_size(list) && rc == 0; i++) {
		if ((rc = otm_item(o, list, lpath, i, &item, &path)) == 0)
			rc = fn(o, item, path);
		free(path);
	}
	free(lpath);
	return rc;
}

/* An asset: kept by id for the components and flows that name it. */
static int
otm_asset(struct otm *o, struct jnode *a, const char *path)
{
	const char	*aid;

	if (jread_text(&o->jr, a, path, "id", 1, &aid) == -1)
		return -1;
	strmap_put(&o->assets, interop_keep(&o->keys, aid), a);
	o->nassets++;
	return 0;
}

/* An attribute of an element that must be a string, or NULL. */
static const char *
otm_attr(struct jnode *elem, const char *key)
{
	return jnode_string(jnode_get(jnode_get(elem, "attributes"), key));
}

/*
 * The decision on a risk from a threat Parapet wrote: the status, owner
 * and justification in its attributes and the states of the mitigations of
 * its instance. Other threats give none: their ids and states are another
 * tool's, and Parapet's risks are not theirs.
 */
static int
otm_decision(struct otm *o, struct jnode *t, const char *path)
{
	struct model_decision_pos	*pos;
	struct srcpos			*mp;
	struct risk_mitigation		*km;
	struct risk			*k;
	struct jnode			*inst, *mits, *mt;
	const char			*threat, *target, *status, *mid, *st;
	unsigned char			*drop;
	char				*at;
	size_t				 j, n;
	int				 s, ms;

	threat = otm_attr(t, OTM_ATTR_PREFIX "threat");
	target = otm_attr(t, OTM_ATTR_PREFIX "target");
	status = otm_attr(t, OTM_ATTR_PREFIX "status");
	if (o->dec == NULL || threat == NULL || target == NULL ||
	    status == NULL)
		return 0;
	if ((s = vocab_find(&vocab_risk_status, status)) == -1) {
		at = xasprintf("%s.attributes['" OTM_ATTR_PREFIX "status']",
		    path);
		jread_fail(&o->jr, jnode_get(jnode_get(t, "attributes"),
		    OTM_ATTR_PREFIX "status"), at, "unknown risk status '%s'",
		    status);
		free(at);
		return -1;
	}
	n = o->dec->reg.n;
	k = risk_register_add(&o->dec->reg, threat, target);
	o->dec->pos = xreallocarray(o->dec->pos, n + 1, sizeof *o->dec->pos);
	pos = &o->dec->pos[n];
	memset(pos, 0, sizeof *pos);
	jdoc_where(o->doc, t, &pos->risk.line, &pos->risk.col);
	k->status = s;
	if ((st = otm_attr(t, OTM_ATTR_PREFIX "owner")) != NULL)
		k->owner = xstrdup(st);
	if ((st = otm_attr(t, OTM_ATTR_PREFIX "justification")) != NULL)
		k->justification = xstrdup(st);
	at = xasprintf("%s@%s", threat, target);
	inst = strmap_get(&o->inst, at);
	free(at);
	mits = jnode_get(inst, "mitigations");
	pos->mitigations = xcalloc(jnode_size(mits) + 1,
	    sizeof *pos->mitigations);
	for (j = 0; j < jnode_size(mits); j++) {
		mt = jnode_at(mits, j);
		mid = jnode_string(jnode_get(mt, "mitigation"));
		st = jnode_string(jnode_get(mt, "state"));
		for (ms = 0; st != NULL && ms < MIT_STATUS_COUNT; ms++)
			if (strcmp(st, otm_mitigation_states[ms]) == 0)
				break;
		if (mid == NULL || st == NULL || ms == MIT_STATUS_COUNT)
			continue;	/* not Parapet's: left as it is */
		km = risk_add_mitigation(k, mid);
		km->status = ms;
		mp = &pos->mitigations[k->nmitigations - 1];
		jdoc_where(o->doc, mt, &mp->line, &mp->col);
	}
	if (!risk_has_decision(k)) {
		free(pos->mitigations);
		drop = xcalloc(n + 1, 1);
		drop[n] = 1;
		risk_register_drop(&o->dec->reg, drop);
		free(drop);
		return 0;
	}
	o->ndecisions++;
	return 0;
}

/* A threat or a mitigation of the file: counted (a decision, if ours). */
static int
otm_threat(struct otm *o, struct jnode *t, const char *path)
{
	o->nthreats++;
	return otm_decision(o, t, path);
}

static int
otm_mitigation(struct otm *o, struct jnode *t, const char *path)
{
	(void)t;
	(void)path;
	o->nmitigations++;
	return 0;
}

/* What the user should do next, and what was left out. */
static void
otm_notes(struct otm *o)
{
	struct import_notes	*n = o->notes;
	struct buf		 lost;
	char			*types;
	size_t			 i, nodata = 0;

	for (i = 0; i < o->m->nflows; i++)
		nodata += o->m->flows[i]->data == 0;
	if (o->nguessed > 0)
		import_notes_add(n, "%zu component kind%s guessed from OTM "
		    "types (%s): check them", o->nguessed, o->nguessed == 1 ?
		    "" : "s", o->guessed.s);
	if (o->napp > 0) {
		types = xasprintf(" (OTM type%s %s)", o->napp_types == 1 ?
		    "" : "s", o->unknown.s);
		interop_note_apps(n, o->napp, "component", "components",
		    types);
		free(types);
	}
	interop_note_flows(n, nodata, "", ", authenticated and encrypted");
	if (o->nrated > 0)
		import_notes_add(n, "%zu trust zone%s: trust taken from "
		    "trustRating (0-24 untrusted, 25-54 partner, 55-89 "
		    "internal, 90-100 restricted): check it", o->nrated,
		    o->nrated == 1 ? "" : "s");
	for (i = 0, nodata = 0; i < o->m->nboundaries; i++)
		nodata += o->m->boundaries[i]->trust == -1;
	if (nodata > 0)
		import_notes_add(n, "%zu trust boundar%s without a trust "
		    "level: set trust (untrusted, partner, internal or "
		    "restricted)", nodata, nodata == 1 ? "y" : "ies");
	if (o->nbidi > 0)
		import_notes_add(n, "%zu bidirectional dataflow%s imported as "
		    "two flows each (ID and ID-reverse)", o->nbidi,
		    o->nbidi == 1 ? "" : "s");
	if (o->nnested_comps > 0)
		import_notes_add(n, "%zu component%s nested in components: "
		    "placed in the boundary of the outermost one",
		    o->nnested_comps, o->nnested_comps == 1 ? "" : "s");
	if (o->nthreats > 0 || o->ninstances > 0 || o->nmitigations > 0) {
		import_notes_add(n, "%zu OTM threat%s (%zu on components and "
		    "dataflows) and %zu mitigation%s not imported: Parapet "
		    "raises its risks from its catalogue", o->nthreats,
		    o->nthreats == 1 ? "" : "s", o->ninstances,
		    o->nmitigations, o->nmitigations == 1 ? "" : "s");
		if (o->ndecisions > 0)
			import_notes_add(n, "%zu of them written by Parapet "
			    "carr%s a decision (status, owner, justification, "
			    "mitigation states), applied to the matching "
			    "risk%s",
			    o->ndecisions, o->ndecisions == 1 ? "ies" : "y",
			    o->ndecisions == 1 ? "" : "s");
		else if (o->nimplemented > 0)
			import_notes_add(n, "%zu OTM mitigation%s marked "
			    "implemented: record the controls as decisions on "
			    "the matching Parapet risks (parapet risk DB NAME "
			    "--mitigation ...)", o->nimplemented,
			    o->nimplemented == 1 ? " is" : "s are");
	}
	buf_init(&lost);
	if (o->nrepr > 0)
		buf_addf(&lost, ", %zu representation%s (diagram positions, "
		    "code references)", o->nrepr, o->nrepr == 1 ? "" : "s");
	if (o->ntags > 0)
		buf_addf(&lost, ", %zu tag%s", o->ntags, o->ntags == 1 ? "" :
		    "s");
	if (o->nattrs > 0)
		buf_addf(&lost, ", %zu attribute%s", o->nattrs, o->nattrs == 1 ?
		    "" : "s");
	if (o->nnested_zones > 0)
		buf_addf(&lost, ", the nesting of %zu trust zone%s",
		    o->nnested_zones, o->nnested_zones == 1 ? "" : "s");
	if (o->nassets > 0)
		buf_addf(&lost, ", the ratings of %zu asset%s (named in "
		    "descriptions)", o->nassets, o->nassets == 1 ? "" : "s");
	if (lost.len > 0)
		import_notes_add(n, "not imported (format 1 has no place for "
		    "them): %s", lost.s + 2);
	buf_release(&lost);
}

/* Read a parsed OTM document. */
static struct model *
otm_model(struct otm *o, struct jnode *root)
{
	struct jnode	*version, *project;
	const char	*name, *pid, *desc, *owner, *contact;
	size_t		 i;

	if (jnode_type(root) != JT_OBJECT) {
		jread_fail(&o->jr, root, "$", "an Open Threat Model file is an "
		    "object, not %s", jtype_name(jnode_type(root)));
		return NULL;
	}
	if (jread_member(&o->jr, root, "$", "otmVersion", JT_STRING, 1,
	    &version) == -1 || jread_member(&o->jr, root, "$", "project",
	    JT_OBJECT, 1, &project) == -1 || jread_text(&o->jr, project,
	    "$.project", "name", 1, &name) == -1 || jread_text(&o->jr, project,
	    "$.project", "id", 1, &pid) == -1 || jread_text(&o->jr, project,
	    "$.project", "description", 0, &desc) == -1 || jread_text(&o->jr,
	    project, "$.project", "owner", 0, &owner) == -1 ||
	    jread_text(&o->jr, project, "$.project", "ownerContact", 0,
	    &contact) == -1 || otm_count(o, project, "$.project", "tags",
	    &o->ntags) == -1 || otm_count(o, root, "$", "representations",
	    &o->nrepr) == -1)
		return NULL;
	if (strncmp(jnode_string(version), "0.", 2) != 0)
		import_notes_add(o->notes, "otmVersion '%s' read as 0.2.0: "
		    "what a newer version adds is not read",
		    jnode_string(version));
	o->m = model_new();
	o->m->system.id = interop_id_keep(&o->ids, pid, name, "otm-model");
	o->m->system.name = interop_name(name);
	if (desc != NULL)
		o->m->system.description = xstrdup(desc);
	if (owner != NULL || contact != NULL)
		o->m->system.owner = owner != NULL && contact != NULL ?
		    xasprintf("%s <%s>", owner, contact) :
		    xstrdup(owner != NULL ? owner : contact);
	if (otm_attributes(o, project, "$.project", OBJ_SYSTEM,
	    &o->m->system, 0) == -1)
		return NULL;
	o->cv = xcalloc(jnode_size(jnode_get(root, "components")) + 1,
	    sizeof *o->cv);
	if (otm_list(o, root, "assets", otm_asset) == -1 ||
	    otm_list(o, root, "trustZones", otm_zone) == -1 ||
	    otm_list(o, root, "components", otm_component) == -1)
		return NULL;
	for (i = 0; i < o->ncv; i++)
		if (otm_resolve(o, &o->cv[i]) == -1)
			return NULL;
	if (otm_list(o, root, "dataflows", otm_dataflow) == -1 ||
	    otm_list(o, root, "threats", otm_threat) == -1 ||
	    otm_list(o, root, "mitigations", otm_mitigation) == -1)
		return NULL;
	if (model_index(o->m, o->file, o->err) == -1)
		return NULL;
	otm_notes(o);
	return o->m;
}

struct model *
otm_read(struct jdoc *doc, const char *file, struct import_notes *notes,
    struct model_decisions *dec, struct error *err)
{
	struct model	*m;
	struct otm	 o;
	size_t		 i;

	memset(&o, 0, sizeof o);
	o.file = file;
	o.err = err;
	o.notes = notes;
	o.dec = dec;
	o.doc = doc;
	jread_init(&o.jr, doc, file, "an Open Threat Model file", err);
	interop_ids_init(&o.ids);
	interop_strings_init(&o.keys);
	strmap_init(&o.zones);
	strmap_init(&o.comps);
	strmap_init(&o.assets);
	strmap_init(&o.inst);
	strmap_init(&o.seen);
	buf_init(&o.guessed);
	buf_init(&o.unknown);
	m = otm_model(&o, jdoc_root(doc));
	if (m == NULL)
		model_free(o.m);
	for (i = 0; i < o.ncv; i++)
		free(o.cv[i].path);
	free(o.cv);
	interop_ids_release(&o.ids);
	strmap_release(&o.zones);
	strmap_release(&o.comps);
	strmap_release(&o.assets);
	strmap_release(&o.inst);
	strmap_release(&o.seen);
	interop_strings_release(&o.keys);
	buf_release(&o.guessed);
	buf_release(&o.unknown);
	return m;
}

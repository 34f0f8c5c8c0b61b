/*
 * tmbom-read.c: OWASP Threat Model Library files (TM-BOM, the library's
 * own JSON format, v1.0.x) into format 1 (see interop.h for the mapping,
 * what is lost and the notes).
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interop/interop-int.h"
#include "interop/interop.h"
#include "interop/jdoc.h"
#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* Kinds from the words of a title or symbolic name; the first match wins. */
struct tb_word {
	const char	*word;
	int		 kind;
};

static const struct tb_word tb_component_words[] = {
	{ "agent", KIND_AGENT },
	/* An endpoint that serves a model, before the model's own words. */
	{ "inference", KIND_INFERENCE_SERVICE },
	{ "serving", KIND_INFERENCE_SERVICE },
	{ "llm", KIND_MODEL },
	{ "gpt", KIND_MODEL },
	{ "model", KIND_MODEL },
	{ "training", KIND_TRAINING_PIPELINE },
	{ "notebook", KIND_TRAINING_PIPELINE },
	{ "tool", KIND_TOOL },
	{ "plugin", KIND_TOOL },
	{ "monitoring", KIND_MONITORING },
	{ "logging", KIND_MONITORING },
	{ "siem", KIND_MONITORING },
};

static const struct tb_word tb_store_words[] = {
	{ "vector", KIND_VECTOR_STORE },
	{ "embedding", KIND_VECTOR_STORE },
	{ "embeddings", KIND_VECTOR_STORE },
	{ "model", KIND_MODEL_REGISTRY },
	{ "models", KIND_MODEL_REGISTRY },
	{ "weights", KIND_MODEL_REGISTRY },
	{ "registry", KIND_MODEL_REGISTRY },
	{ "training", KIND_DATASET },
	{ "dataset", KIND_DATASET },
	{ "validation", KIND_DATASET },
};

/* Where the extension Parapet's export writes lives ($.extensions). */
#define TB_EXTENSION	"parapet.invalid/tmbom/1"

struct tb {
	struct jread		 jr;
	const char		*file;
	struct error		*err;
	struct import_notes	*notes;
	struct model		*m;
	struct interop_ids	 ids;
	struct strmap		 zones;		/* symbolic name -> boundary */
	struct strmap		 objs[3];	/* actor, component, data store
						   symbolic name -> component */
	struct interop_strings	  keys;
	struct jnode		*ext;		/* symbolic name -> object */
	struct buf		 guessed;
	size_t			 nguessed, napp, nstore, nflows, nsensitive;
	size_t			 nunzoned, nloose, nzones;
};

/* The value of tb.zones for a zone that stands for no boundary. */
static char	tb_no_zone;

static const char *const tb_types[3] = { "actor", "component",
    "data_store" };

/* The extension Parapet wrote on an object, or NULL. */
static struct jnode *
tb_ext(struct tb *tb, const char *sym)
{
	struct jnode	*e = jnode_get(tb->ext, sym);

	return e != NULL && jnode_type(e) == JT_OBJECT ? e : NULL;
}

/* A kind from the words of s, or -1. */
static int
tb_words(const char *s, const struct tb_word *t, size_t n)
{
	const char	*p, *q;
	size_t		 i, best = n;
	char		*w;
	int		 found = -1;

	for (p = s; *p != '\0'; p = q) {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (q = p; isalnum((unsigned char)*q); q++)
			;
		if (q == p)
			break;
		w = xstrndup(p, (size_t)(q - p));
		for (i = 0; w[i] != '\0'; i++)
			w[i] = (char)tolower((unsigned char)w[i]);
		for (i = 0; i < best; i++)
			if (strcmp(w, t[i].word) == 0) {
				best = i;
				found = t[i].kind;
			}
		free(w);
	}
	return found;
}

/* Note a kind guessed for a name. */
static void
tb_guess(struct tb *tb, const char *title, int kind)
{
	char	*name;

	tb->nguessed++;
	if (tb->nguessed > 8)
		return;
	name = interop_name(title);
	buf_addf(&tb->guessed, "%s'%s' -> %s", tb->guessed.len > 0 ? ", " :
	    "", name, vocab_name(&vocab_kind, kind));
	free(name);
}

/* An object of a list: -1 unless it is an object. */
static int
tb_item(struct tb *tb, struct jnode *it, const char *path)
{
	if (it != NULL && jnode_type(it) == JT_OBJECT)
		return 0;
	return jread_fail(&tb->jr, it, path, "must be an object, not %s",
	    jtype_name(it != NULL ? jnode_type(it) : JT_NULL));
}

/* A trust zone: a boundary. */
static int
tb_zone(struct tb *tb, struct jnode *z, const char *path)
{
	struct boundary	*b;
	struct jnode	*e;
	const char	*sym, *title, *desc, *trust;
	char		*id;

	if (jread_text(&tb->jr, z, path, "symbolic_name", 1, &sym) == -1 ||
	    jread_text(&tb->jr, z, path, "title", 0, &title) == -1 ||
	    jread_text(&tb->jr, z, path, "description", 0, &desc) == -1)
		return -1;
	if (strmap_get(&tb->zones, sym) != NULL)
		return jread_fail(&tb->jr, z, path, "trust zone '%s' is "
		    "declared twice", sym);
	e = tb_ext(tb, sym);
	if (jnode_true(jnode_get(e, "none"))) {
		/* The zone Parapet's export writes for no boundary. */
		strmap_put(&tb->zones, interop_keep(&tb->keys, sym),
		    &tb_no_zone);
		return 0;
	}
	id = interop_id_keep(&tb->ids, jnode_string(jnode_get(e, "id")) !=
	    NULL ? jnode_string(jnode_get(e, "id")) : sym, title != NULL ?
	    title : sym, "boundary");
	b = model_add_boundary(tb->m, id);
	free(id);
	b->name = interop_name(title != NULL ? title : sym);
	if (desc != NULL && *desc != '\0')
		b->description = xstrdup(desc);
	trust = jnode_string(jnode_get(e, "trust"));
	if (trust != NULL)
		b->trust = vocab_find(&vocab_trust, trust);
	if (b->trust == -1)
		tb->nzones++;
	strmap_put(&tb->zones, interop_keep(&tb->keys, sym), b);
	return 0;
}

/* The kind of an actor of type t. */
static int
tb_actor_kind(const char *t)
{
	if (t == NULL)
		return KIND_USER;
	if (strcmp(t, "administrator") == 0 || strcmp(t, "engineer") == 0)
		return KIND_OPERATOR;
	if (strcmp(t, "third_party") == 0 || strcmp(t, "system") == 0)
		return KIND_EXTERNAL_SERVICE;
	return KIND_USER;
}

/* An actor (which 0), component (1) or data store (2): a component. */
static int
tb_object(struct tb *tb, struct jnode *o, const char *path, int which)
{
	struct component	*c;
	struct boundary		*b;
	struct jnode		*e, *v;
	const char		*sym, *title, *desc, *type, *zone, *s;
	const char		*vendor, *product, *perm;
	char			*id, *words;
	int			 kind = -1;

	if (jread_text(&tb->jr, o, path, "symbolic_name", 1, &sym) == -1 ||
	    jread_text(&tb->jr, o, path, "title", 0, &title) == -1 ||
	    jread_text(&tb->jr, o, path, "description", 0, &desc) == -1 ||
	    jread_text(&tb->jr, o, path, "type", 0, &type) == -1 ||
	    jread_text(&tb->jr, o, path, "trust_zone", 0, &zone) == -1 ||
	    jread_text(&tb->jr, o, path, "vendor", 0, &vendor) == -1 ||
	    jread_text(&tb->jr, o, path, "product", 0, &product) == -1 ||
	    jread_text(&tb->jr, o, path, "permissions", 0, &perm) == -1)
		return -1;
	if (strmap_get(&tb->objs[which], sym) != NULL)
		return jread_fail(&tb->jr, o, path, "%s '%s' is declared "
		    "twice", tb_types[which], sym);
	e = tb_ext(tb, sym);
	if ((s = jnode_string(jnode_get(e, "kind"))) != NULL)
		kind = vocab_find(&vocab_kind, s);
	if ((s = jnode_string(jnode_get(e, "boundary"))) != NULL)
		zone = s;
	if (title == NULL)
		title = sym;
	if (kind == -1 && which == 0)
		kind = tb_actor_kind(type);
	else if (kind == -1) {
		words = xasprintf("%s %s", title, sym);
		kind = which == 1 ? tb_words(words, tb_component_words,
		    sizeof tb_component_words / sizeof *tb_component_words) :
		    tb_words(words, tb_store_words, sizeof tb_store_words /
		    sizeof *tb_store_words);
		free(words);
		if (kind != -1)
			tb_guess(tb, title, kind);
		else if (which == 1) {
			kind = KIND_APPLICATION;
			tb->napp++;
		} else {
			kind = KIND_DATASTORE;
			tb->nstore++;
		}
	}
	id = interop_id_keep(&tb->ids, jnode_string(jnode_get(e, "id")) !=
	    NULL ? jnode_string(jnode_get(e, "id")) : sym, title, tb_types[
	    which]);
	c = model_add_component(tb->m, id, kind);
	free(id);
	c->name = interop_name(title);
	if (desc != NULL || vendor != NULL || product != NULL ||
	    perm != NULL) {
		c->description = xasprintf("%s%s%s%s%s%s%s%s%s",
		    desc != NULL ? desc : "",
		    desc != NULL && (vendor != NULL || product != NULL) ?
		    "\n" : "", vendor != NULL || product != NULL ?
		    "Product: " : "", vendor != NULL ? vendor : "",
		    vendor != NULL && product != NULL ? " " : "",
		    product != NULL ? product : "",
		    perm != NULL && (desc != NULL || vendor != NULL ||
		    product != NULL) ? "\n" : "", perm != NULL ?
		    "Permissions: " : "", perm != NULL ? perm : "");
	}
	if ((v = jnode_get(e, "personal-data")) != NULL &&
	    jnode_type(v) == JT_BOOL)
		c->personal_data = jnode_true(v) ? TRI_YES : TRI_NO;
	if ((v = jnode_get(e, "confidential-data")) != NULL &&
	    jnode_type(v) == JT_BOOL)
		c->confidential_data = jnode_true(v) ? TRI_YES : TRI_NO;
	/* Where Parapet's export had it, for tb_order(). */
	v = jnode_get(e, "order");
	c->index = v != NULL && jnode_type(v) == JT_NUMBER &&
	    jnode_number(v) >= 0 && jnode_number(v) < 1e9 ?
	    (size_t)jnode_number(v) : SIZE_MAX;
	if (e != NULL) {
		if ((s = jnode_string(jnode_get(e, "provider"))) != NULL)
			c->provider = vocab_find(&vocab_provider, s);
	} else if (which == 0 && type != NULL &&
	    strcmp(type, "third_party") == 0)
		c->provider = PROVIDER_THIRD_PARTY;
	if (zone != NULL) {
		if ((b = strmap_get(&tb->zones, zone)) == (void *)&tb_no_zone)
			;
		else if (b != NULL)
			c->boundary = xstrdup(b->id);
		else {
			tb->nunzoned++;
			import_notes_add(tb->notes, "'%s' is in trust zone "
			    "'%s', which $.trust_zones does not declare: "
			    "imported in no boundary", c->name, zone);
		}
	}
	strmap_put(&tb->objs[which], interop_keep(&tb->keys, sym), c);
	return 0;
}

/* A data set: what it tells of the data stores it is placed in. */
static int
tb_dataset(struct tb *tb, struct jnode *d, const char *path)
{
	struct component	*c;
	struct jnode		*pl, *sens, *p;
	const char		*title, *store, *w;
	struct buf		 b;
	char			*ppath;
	size_t			 i, j;
	int			 personal = 0, secret = 0;

	if (jread_text(&tb->jr, d, path, "title", 0, &title) == -1 ||
	    jread_member(&tb->jr, d, path, "placements", JT_ARRAY, 0,
	    &pl) == -1 || jread_member(&tb->jr, d, path, "data_sensitivity",
	    JT_ARRAY, 0, &sens) == -1)
		return -1;
	for (i = 0; i < jnode_size(sens); i++) {
		if ((w = jnode_string(jnode_at(sens, i))) == NULL)
			continue;
		if (strcmp(w, "pii") == 0 || strcmp(w, "phi") == 0)
			personal = 1;
		if (strcmp(w, "cred") == 0 || strcmp(w, "fin") == 0 ||
		    strcmp(w, "pci") == 0 || strcmp(w, "phi") == 0 ||
		    strcmp(w, "ip") == 0 || strcmp(w, "gov") == 0)
			secret = 1;
	}
	for (i = 0; i < jnode_size(pl); i++) {
		p = jnode_at(pl, i);
		ppath = xasprintf("%s.placements[%zu]", path, i);
		if (tb_item(tb, p, ppath) == -1 || jread_text(&tb->jr, p,
		    ppath, "data_store", 1, &store) == -1) {
			free(ppath);
			return -1;
		}
		free(ppath);
		if ((c = strmap_get(&tb->objs[2], store)) == NULL) {
			import_notes_add(tb->notes, "data set '%s' is placed "
			    "in data store '%s', which $.data_stores does not "
			    "declare: not carried", title != NULL ? title :
			    "(untitled)", store);
			continue;
		}
		if (personal)
			c->personal_data = TRI_YES;
		if (secret)
			c->confidential_data = TRI_YES;
		buf_init(&b);
		if (c->description != NULL)
			buf_addf(&b, "%s\n", c->description);
		buf_addf(&b, "Holds data set '%s'", title != NULL ? title :
		    "(untitled)");
		for (j = 0; j < jnode_size(sens); j++)
			if ((w = jnode_string(jnode_at(sens, j))) != NULL)
				buf_addf(&b, "%s%s", j == 0 ?
				    " (sensitivity: " : ", ", w);
		buf_adds(&b, jnode_size(sens) > 0 ? ")." : ".");
		free(c->description);
		c->description = buf_detach(&b);
	}
	return 0;
}

/* The component at one end of a data flow, or NULL (noted). */
static struct component *
tb_end(struct tb *tb, struct jnode *end, const char *path, const char *fl,
    int *bad)
{
	struct component	*c;
	const char		*type, *obj;
	int			 i;

	*bad = 0;
	if (tb_item(tb, end, path) == -1 || jread_text(&tb->jr, end, path,
	    "type", 1, &type) == -1 || jread_text(&tb->jr, end, path,
	    "object", 1, &obj) == -1) {
		*bad = 1;
		return NULL;
	}
	for (i = 0; i < 3; i++)
		if (strcmp(type, tb_types[i]) == 0 &&
		    (c = strmap_get(&tb->objs[i], obj)) != NULL)
			return c;
	for (i = 0; i < 3; i++)
		if ((c = strmap_get(&tb->objs[i], obj)) != NULL) {
			import_notes_add(tb->notes, "data flow '%s': '%s' is "
			    "declared as %s, not %s: taken as such", fl, obj,
			    tb_types[i], type);
			return c;
		}
	import_notes_add(tb->notes, "data flow '%s' not imported: no actor, "
	    "component or data store '%s' is declared", fl, obj);
	return NULL;
}

/* A data flow: a flow. */
static int
tb_flow(struct tb *tb, struct jnode *df, const char *path)
{
	struct component	*from, *to;
	struct flow		*f;
	struct jnode		*e, *enc, *data, *auth;
	const char		*sym, *title, *desc, *s;
	char			*p1, *p2, *id;
	size_t			 i;
	int			 bad, k;

	if (jread_text(&tb->jr, df, path, "symbolic_name", 1, &sym) == -1 ||
	    jread_text(&tb->jr, df, path, "title", 0, &title) == -1 ||
	    jread_text(&tb->jr, df, path, "description", 0, &desc) == -1 ||
	    jread_member(&tb->jr, df, path, "source", JT_OBJECT, 1,
	    &e) == -1 || jread_member(&tb->jr, df, path, "destination",
	    JT_OBJECT, 1, &e) == -1)
		return -1;
	p1 = xasprintf("%s.source", path);
	p2 = xasprintf("%s.destination", path);
	from = tb_end(tb, jnode_get(df, "source"), p1, sym, &bad);
	to = bad ? NULL : tb_end(tb, jnode_get(df, "destination"), p2, sym,
	    &bad);
	free(p1);
	free(p2);
	if (bad)
		return -1;
	if (from == NULL || to == NULL || from == to) {
		if (from != NULL && from == to)
			import_notes_add(tb->notes, "data flow '%s' not "
			    "imported: it goes from '%s' to itself", sym,
			    from->name);
		tb->nloose++;
		return 0;
	}
	e = tb_ext(tb, sym);
	s = jnode_string(jnode_get(e, "id"));
	id = interop_id_keep(&tb->ids, s != NULL ? s : sym, title != NULL ?
	    title : sym, "flow");
	f = model_add_flow(tb->m, id, from->id, to->id);
	free(id);
	if (title != NULL)
		f->name = interop_name(title);
	if (desc != NULL)
		f->description = xstrdup(desc);
	if ((enc = jnode_get(df, "encrypted")) != NULL &&
	    jnode_type(enc) == JT_BOOL)
		f->encrypted = jnode_true(enc) ? TRI_YES : TRI_NO;
	if (e != NULL) {
		/* What Parapet wrote: the flow as it was. */
		if ((s = jnode_string(jnode_get(e, "encrypted"))) != NULL &&
		    strcmp(s, "unknown") == 0)
			f->encrypted = TRI_UNKNOWN;
		auth = jnode_get(e, "authenticated");
		if (auth != NULL && jnode_type(auth) == JT_BOOL)
			f->authenticated = jnode_true(auth) ? TRI_YES : TRI_NO;
		data = jnode_get(e, "data");
		for (i = 0; i < jnode_size(data); i++)
			if ((s = jnode_string(jnode_at(data, i))) != NULL &&
			    (k = vocab_find(&vocab_data_class, s)) != -1)
				f->data |= 1U << k;
	}
	if (f->data == 0) {
		tb->nflows++;
		if (jnode_true(jnode_get(df, "has_sensitive_data")))
			tb->nsensitive++;
	}
	return 0;
}

/* Each element of the array key of root, read by fn. */
static int
tb_list(struct tb *tb, struct jnode *root, const char *key,
    int (*fn)(struct tb *, struct jnode *, const char *), size_t *count)
{
	struct jnode	*list, *it;
	char		*path, *lpath;
	size_t		 i;
	int		 rc = 0;

	lpath = xasprintf("$.%s", key);
	if (jread_member(&tb->jr, root, "$", key, JT_ARRAY, 0, &list) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < jnode_size(list); i++) {
		it = jnode_at(list, i);
		path = xasprintf("%s[%zu]", lpath, i);
		rc = tb_item(tb, it, path);
		if (rc == 0 && fn != NULL)
			rc = fn(tb, it, path);
		free(path);
	}
	free(lpath);
	if (count != NULL)
		*count = jnode_size(list);
	return rc;
}

static int
tb_actor(struct tb *tb, struct jnode *o, const char *path)
{
	return tb_object(tb, o, path, 0);
}

static int
tb_component(struct tb *tb, struct jnode *o, const char *path)
{
	return tb_object(tb, o, path, 1);
}

static int
tb_store(struct tb *tb, struct jnode *o, const char *path)
{
	return tb_object(tb, o, path, 2);
}

static int
tb_order_cmp(const void *a, const void *b)
{
	const struct component	*x = *(struct component *const *)a;
	const struct component	*y = *(struct component *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * A file Parapet wrote keeps the order of the components, which TM-BOM
 * splits into actors, components and data stores; other files keep
 * theirs. model_index() sets the indexes again.
 */
static void
tb_order(struct tb *tb)
{
	size_t	i;

	/* Nothing to order (and qsort() of no array is undefined). */
	if (tb->m->ncomponents < 2)
		return;
	for (i = 0; i < tb->m->ncomponents; i++)
		if (tb->m->components[i]->index == SIZE_MAX)
			return;
	qsort(tb->m->components, tb->m->ncomponents,
	    sizeof *tb->m->components, tb_order_cmp);
}

/* The library's risks, as notes: what its authors judged. */
static void
tb_risks(struct tb *tb, struct jnode *risks)
{
	struct jnode	*r;
	const char	*title, *lik, *imp, *lvl;
	size_t		 i;

	for (i = 0; i < jnode_size(risks); i++) {
		r = jnode_at(risks, i);
		title = jnode_string(jnode_get(r, "title"));
		lik = jnode_string(jnode_get(r, "likelihood"));
		imp = jnode_string(jnode_get(r, "impact"));
		lvl = jnode_string(jnode_get(r, "level"));
		import_notes_add(tb->notes, "TM-BOM risk '%s' (likelihood %s, "
		    "impact %s, level %s) not imported: Parapet raises its "
		    "own risks from its catalogue; compare them",
		    title != NULL ? title : "(untitled)",
		    lik != NULL ? lik : "?", imp != NULL ? imp : "?",
		    lvl != NULL ? lvl : "?");
	}
}

/* Counts of what was not carried, and what the user should do next. */
static void
tb_notes(struct tb *tb, struct jnode *root)
{
	static const char *const lost[] = { "threats", "controls",
	    "threat_personas", "assumptions", "diagrams", "trust_boundaries",
	    NULL };
	struct import_notes	*n = tb->notes;
	struct buf		 b;
	char			*detail;
	size_t			 i, k, nmodel = 0;

	if (tb->nguessed > 0)
		import_notes_add(n, "%zu kind%s guessed from titles: %s%s; "
		    "check them", tb->nguessed, tb->nguessed == 1 ? "" : "s",
		    tb->guessed.s, tb->nguessed > 8 ? ", ..." : "");
	interop_note_apps(n, tb->napp, "component", "components", "");
	interop_note_stores(n, tb->nstore, "data store", "data stores");
	for (i = 0; i < tb->m->ncomponents; i++)
		nmodel += tb->m->components[i]->kind == KIND_MODEL;
	if (nmodel == 0 && tb->m->ncomponents > 0)
		import_notes_add(n, "no component is a model: TM-BOM has no "
		    "kind for one; add each model the system runs (kind "
		    "model) and the flows to and from it");
	if (tb->nflows > 0) {
		detail = xasprintf(" (%zu marked has_sensitive_data)",
		    tb->nsensitive);
		interop_note_flows(n, tb->nflows, detail,
		    " and authenticated");
		free(detail);
	}
	interop_note_trust(n, tb->nzones, "trust zone", "trust zones");
	if (tb->nloose > 0)
		import_notes_add(n, "%zu data flow%s not imported (above)",
		    tb->nloose, tb->nloose == 1 ? "" : "s");
	buf_init(&b);
	for (i = 0; lost[i] != NULL; i++)
		if ((k = jnode_size(jnode_get(root, lost[i]))) > 0)
			buf_addf(&b, "%s%zu %s", b.len > 0 ? ", " : "", k,
			    lost[i]);
	if (b.len > 0)
		import_notes_add(n, "not imported: %s (Parapet raises its "
		    "risks from its catalogue, and a flow crosses a boundary "
		    "when its ends lie in different boundaries)", b.s);
	buf_release(&b);
}

/* The criticality of a business_criticality degree, or -1. */
static int
tb_criticality(const char *d)
{
	if (d == NULL)
		return -1;
	if (strcmp(d, "minimal") == 0 || strcmp(d, "low") == 0)
		return LEVEL_LOW;
	if (strcmp(d, "moderate") == 0)
		return LEVEL_MEDIUM;
	if (strcmp(d, "high") == 0)
		return LEVEL_HIGH;
	if (strcmp(d, "maximal") == 0)
		return LEVEL_CRITICAL;
	return -1;
}

static struct model *
tb_model(struct tb *tb, struct jnode *root)
{
	struct jnode	*scope, *ver, *ext, *risks;
	const char	*title, *desc, *crit, *sysid, *s;
	size_t		 n;

	if (jnode_type(root) != JT_OBJECT) {
		jread_fail(&tb->jr, root, "$", "a TM-BOM model is an object, "
		    "not %s", jtype_name(jnode_type(root)));
		return NULL;
	}
	if (jread_member(&tb->jr, root, "$", "version", JT_STRING, 1,
	    &ver) == -1)
		return NULL;
	if (strncmp(jnode_string(ver), "1.", 2) != 0) {
		jread_fail(&tb->jr, ver, "$.version", "'%s': only TM-BOM "
		    "1.x files are read", jnode_string(ver));
		return NULL;
	}
	if (jread_member(&tb->jr, root, "$", "scope", JT_OBJECT, 1,
	    &scope) == -1 || jread_text(&tb->jr, scope, "$.scope", "title",
	    1, &title) == -1 || jread_text(&tb->jr, scope, "$.scope",
	    "description", 0, &desc) == -1 || jread_text(&tb->jr, scope,
	    "$.scope", "business_criticality", 0, &crit) == -1 ||
	    jread_member(&tb->jr, root, "$", "extensions", JT_OBJECT, 0,
	    &ext) == -1 || jread_member(&tb->jr, root, "$", "risks",
	    JT_ARRAY, 0, &risks) == -1)
		return NULL;
	if (desc == NULL)
		desc = jnode_string(jnode_get(root, "description"));
	ext = jnode_get(ext, TB_EXTENSION);
	sysid = jnode_string(jnode_get(ext, "system"));
	tb->ext = jnode_get(ext, "objects");
	tb->m = model_new();
	tb->m->system.id = interop_id_keep(&tb->ids, sysid != NULL ? sysid :
	    "", title, "tmbom-model");
	tb->m->system.name = interop_name(title);
	if (desc != NULL && *desc != '\0')
		tb->m->system.description = xstrdup(desc);
	tb->m->system.criticality = tb_criticality(crit);
	if ((s = jnode_string(jnode_get(ext, "criticality"))) != NULL)
		tb->m->system.criticality = vocab_find(&vocab_criticality, s);
	if (tb_list(tb, root, "trust_zones", tb_zone, NULL) == -1 ||
	    tb_list(tb, root, "actors", tb_actor, NULL) == -1 ||
	    tb_list(tb, root, "components", tb_component, NULL) == -1 ||
	    tb_list(tb, root, "data_stores", tb_store, NULL) == -1 ||
	    tb_list(tb, root, "data_sets", tb_dataset, NULL) == -1 ||
	    tb_list(tb, root, "data_flows", tb_flow, &n) == -1 ||
	    tb_list(tb, root, "risks", NULL, NULL) == -1)
		return NULL;
	tb_order(tb);
	if (model_index(tb->m, tb->file, tb->err) == -1)
		return NULL;
	tb_notes(tb, root);
	tb_risks(tb, risks);
	return tb->m;
}

struct model *
tmbom_read(struct jdoc *doc, const char *file, struct import_notes *notes,
    struct error *err)
{
	struct model	*m;
	struct tb	 tb;
	int		 i;

	memset(&tb, 0, sizeof tb);
	tb.file = file;
	tb.err = err;
	tb.notes = notes;
	jread_init(&tb.jr, doc, file, "a TM-BOM model", err);
	interop_ids_init(&tb.ids);
	strmap_init(&tb.zones);
	for (i = 0; i < 3; i++)
		strmap_init(&tb.objs[i]);
	interop_strings_init(&tb.keys);
	buf_init(&tb.guessed);
	m = tb_model(&tb, jdoc_root(doc));
	if (m == NULL)
		model_free(tb.m);
	interop_ids_release(&tb.ids);
	strmap_release(&tb.zones);
	for (i = 0; i < 3; i++)
		strmap_release(&tb.objs[i]);
	interop_strings_release(&tb.keys);
	buf_release(&tb.guessed);
	return m;
}

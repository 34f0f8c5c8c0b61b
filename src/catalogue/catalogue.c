/* catalogue.c: load catalogue files, override by id, check references. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/catalogue-int.h"
#include "catalogue/catcache.h"
#include "catalogue/cond.h"
#include "catalogue/taxonomy.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"


/* What one file is being read into, and where. */
struct loader {
	struct catalogue	*cat;
	const struct ydoc	*doc;
	const char		*file;	/* owned by cat->files */
	struct error		*err;
};

/* An entry read from the file being loaded, applied once all is read. */
struct pending {
	enum section	 sec;
	void		*entry;		/* NULL: disable id */
	char		*id;		/* the entry's id, or owned if disabled */
};

static const char *const question_keys[] = { "id", "guideline", "text",
	"help", "disabled", NULL };
static const char *const mitigation_keys[] = { "id", "title",
	"description", "refs", "disabled", NULL };
static const char *const threat_keys[] = { "id", "title", "description",
	"why", "target", "when", "likelihood", "impact", "stride", "refs",
	"mitigations", "finding", "covers", "covers-feedback", "covers-agents",
	"excludes", "disabled", NULL };
static const char *const adjustment_keys[] = { "id", "target", "when",
	"likelihood", "impact", "min-impact", "max-impact", "stride",
	"threats", "except", "reason", "presume", "unless", "disabled",
	NULL };
static const char *const condition_keys[] = { "id", "target", "when",
	"description", NULL };
static const char *const top_keys[] = { "parapet-catalogue", "version",
	"conditions", "questions", "mitigations", "threats", "adjustments",
	NULL };

static const char *const target_names[] = { "component", "flow",
	"boundary", "system", "any", NULL };

const struct finding_mode finding_modes[FINDING_COUNT] = {
	[FINDING_EACH] = { .name = "each", .target = TARGET_ANY,
	    .finding = TARGET_ANY,
	    .help = "one finding per target (the default)" },
	[FINDING_SOURCE] = { .name = "source", .target = TARGET_FLOW,
	    .finding = TARGET_COMPONENT,
	    .help = "one finding per component the flows leave" },
	[FINDING_DESTINATION] = { .name = "destination",
	    .target = TARGET_FLOW, .finding = TARGET_COMPONENT,
	    .help = "one finding per component the flows go to" },
	[FINDING_CONNECTION] = { .name = "connection",
	    .target = TARGET_FLOW, .finding = TARGET_COMPONENT,
	    .help = "one finding per component the flows go to, a flow that "
	    "answers another of them (its reverse) with the request it "
	    "answers" },
	[FINDING_DESTINATION_BOUNDARY] = { .name = "destination-boundary",
	    .target = TARGET_FLOW, .finding = TARGET_BOUNDARY,
	    .help = "one finding per trust boundary the flows go to (per "
	    "component for one in no boundary)" },
	[FINDING_ORIGIN] = { .name = "origin", .target = TARGET_FLOW,
	    .finding = TARGET_COMPONENT,
	    .help = "flows that chain, one's destination the next's source, "
	    "are one finding, on the component where the chain starts (for "
	    "a model or inference service that sends to one component only, "
	    "on that component, where its output is handled)" },
	[FINDING_CHAIN] = { .name = "chain", .target = TARGET_COMPONENT,
	    .finding = TARGET_COMPONENT,
	    .help = "components joined by flows are one finding, on the one "
	    "upstream" },
	[FINDING_CALLER] = { .name = "caller", .target = TARGET_COMPONENT,
	    .finding = TARGET_COMPONENT,
	    .help = "one finding per component that sends them tool calls "
	    "(a component no one calls is its own; a caller that is a "
	    "target too joins its own caller's finding)" },
	[FINDING_CONSUMER] = { .name = "consumer",
	    .target = TARGET_COMPONENT, .finding = TARGET_COMPONENT,
	    .help = "one finding per component they send to, such as the "
	    "pipeline that trains on datasets (a component that sends "
	    "nothing is its own)" },
	[FINDING_BOUNDARY] = { .name = "boundary",
	    .target = TARGET_COMPONENT, .finding = TARGET_COMPONENT,
	    .help = "one finding per trust boundary the components are in, "
	    "such as the staff with privileged access in one zone, on the "
	    "first of them (a component in no boundary is its own)" },
};

const char *
target_type_name(enum target_type t)
{
	return t <= TARGET_ANY ? target_names[t] : "?";
}

enum objtype
target_objtype(enum target_type t)
{
	switch (t) {
	case TARGET_COMPONENT:
		return OBJ_COMPONENT;
	case TARGET_FLOW:
		return OBJ_FLOW;
	case TARGET_BOUNDARY:
		return OBJ_BOUNDARY;
	case TARGET_SYSTEM:
	case TARGET_ANY:
		break;
	}
	return OBJ_SYSTEM;
}

/* The list of a section: its array and count. */
static void
catalogue_section(struct catalogue *cat, enum section s, void ****v,
    size_t **n)
{
	*v = (void ***)(void *)((char *)cat + catalogue_sections[s].list);
	*n = (size_t *)(void *)((char *)cat + catalogue_sections[s].count);
}

static void
refs_free(struct refs *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].id);
	free(r->v);
}

static void
question_free(void *p)
{
	struct question	*q = p;

	free(q->id);
	free(q->guideline);
	free(q->text);
	free(q->help);
	free(q->source);
	free(q);
}

static void
mitigation_free(void *p)
{
	struct mitigation	*m = p;

	free(m->id);
	free(m->title);
	free(m->description);
	refs_free(&m->refs);
	free(m->source);
	free(m);
}

/* A list of ids and where each is named. */
static void
id_list_free(char **ids, struct srcpos *pos, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	free(pos);
}

static void
threat_free(void *p)
{
	struct threat	*t = p;

	free(t->id);
	free(t->title);
	free(t->description);
	free(t->why);
	cond_free(t->when);
	refs_free(&t->refs);
	id_list_free(t->mitigations, t->mitigations_pos, t->nmitigations);
	id_list_free(t->covers, t->covers_pos, t->ncovers);
	id_list_free(t->covers_feedback, t->covers_feedback_pos,
	    t->ncovers_feedback);
	id_list_free(t->covers_agents, t->covers_agents_pos,
	    t->ncovers_agents);
	id_list_free(t->excludes, t->excludes_pos, t->nexcludes);
	free(t->source);
	free(t);
}

static void
adjustment_free(void *p)
{
	struct adjustment	*a = p;

	free(a->id);
	cond_free(a->when);
	cond_free(a->unless);
	id_list_free(a->threats, a->threats_pos, a->nthreats);
	id_list_free(a->except, a->except_pos, a->nexcept);
	free(a->reason);
	free(a->source);
	free(a);
}

static void
entry_free(enum section s, void *e)
{
	if (e != NULL)
		catalogue_sections[s].free(e);
}

struct catalogue *
catalogue_new(void)
{
	struct catalogue	*cat = xcalloc(1, sizeof *cat);
	int			 s;

	for (s = 0; s < SEC_COUNT; s++)
		strmap_init(&cat->by_id[s]);
	strmap_init(&cat->disabled);
	cat->conds = xmalloc(sizeof *cat->conds);
	cond_defs_init(cat->conds);
	return cat;
}

void
catalogue_free(struct catalogue *cat)
{
	void		***v;
	size_t		  *n, i;
	int		   s;

	if (cat == NULL)
		return;
	for (s = 0; s < SEC_COUNT; s++) {
		catalogue_section(cat, (enum section)s, &v, &n);
		for (i = 0; i < *n; i++)
			entry_free((enum section)s, (*v)[i]);
		free(*v);
		strmap_release(&cat->by_id[s]);
	}
	strmap_release(&cat->disabled);
	for (i = 0; i < cat->ndisabled_ids; i++)
		free(cat->disabled_ids[i]);
	free(cat->disabled_ids);
	for (i = 0; i < cat->nfiles; i++)
		free(cat->files[i]);
	free(cat->files);
	free(cat->version);
	taxonomy_free(cat->taxonomy);
	cond_defs_release(cat->conds);
	free(cat->conds);
	for (i = 0; i < cat->ndocs; i++)
		ydoc_free(cat->docs[i]);
	free(cat->docs);
	free(cat);
}

int
catalogue_load_taxonomy(struct catalogue *cat, const char *path,
    struct error *err)
{
	struct taxonomy	*t;
	struct ydoc	*d;

	if ((d = catcache_load(cat->cache, path, err)) == NULL ||
	    (t = taxonomy_load_doc(d, err)) == NULL)
		return -1;
	taxonomy_free(cat->taxonomy);
	cat->taxonomy = t;
	return 0;
}

/* Every key of an entry must be one of the section's. */
static int
load_check_keys(struct loader *l, const struct ynode *map,
    const char *const *keys, const char *what)
{
	const struct ynode	*k;
	const char		*near;
	size_t			 i, j;

	for (i = 0; i < YNODE_PAIRS(map); i++) {
		k = YNODE_KEY(map, i);
		for (j = 0; keys[j] != NULL; j++)
			if (strcmp(keys[j], k->value) == 0)
				break;
		if (keys[j] != NULL)
			continue;
		if ((near = text_suggest(k->value, keys)) != NULL)
			return ynode_error(l->doc, k, l->err, "unknown key "
			    "'%s' in a %s (did you mean '%s'?)", k->value,
			    what, near);
		return ynode_error(l->doc, k, l->err, "unknown key '%s' in a "
		    "%s", k->value, what);
	}
	return 0;
}

/* A scalar's text; NULL with an error for a list or a mapping. */
static const char *
load_scalar(struct loader *l, const struct ynode *v, const char *key)
{
	if (v->type != YNODE_SCALAR) {
		ynode_error(l->doc, v, l->err, "'%s' must be text, not %s",
		    key, ynode_type_name(v));
		return NULL;
	}
	return v->value;
}

/*
 * The value of key in the entry what 'id': 1 with *v set; when it is
 * absent 0, or -1 with an error if it is required.
 */
static int
load_field(struct loader *l, const struct ynode *map, const char *key,
    const char *what, const char *id, int required, const struct ynode **v)
{
	if ((*v = ynode_get(map, key)) != NULL)
		return 1;
	if (!required)
		return 0;
	return ynode_error(l->doc, map, l->err, "%s '%s' has no '%s'", what,
	    id, key);
}

/* A text field of an entry, copied into *out (NULL when absent). */
static int
load_text(struct loader *l, const struct ynode *map, const char *key,
    const char *what, const char *id, int required, char **out)
{
	const struct ynode	*v;
	const char		*s;
	int			 rc;

	*out = NULL;
	if ((rc = load_field(l, map, key, what, id, required, &v)) != 1)
		return rc;
	if ((s = load_scalar(l, v, key)) == NULL)
		return -1;
	if (*s == '\0')
		return ynode_error(l->doc, v, l->err, "'%s' must not be "
		    "empty", key);
	*out = xstrdup(s);
	return 0;
}

/* A whole number in lo..hi. */
static int
load_int(struct loader *l, const struct ynode *map, const char *key,
    const char *what, const char *id, int required, int lo, int hi, int *out)
{
	const struct ynode	*v;
	const char		*s;
	char			*end;
	long			 n;
	int			 rc;

	*out = 0;
	if ((rc = load_field(l, map, key, what, id, required, &v)) != 1)
		return rc;
	if ((s = load_scalar(l, v, key)) == NULL)
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < lo || n > hi)
		return ynode_error(l->doc, v, l->err, "'%s' must be a whole "
		    "number from %d to %d, not '%s'", key, lo, hi, s);
	*out = (int)n;
	return 0;
}

/* STRIDE letters: a list (or one letter) of S T R I D E. */
static int
load_stride(struct loader *l, const struct ynode *map, const char *what,
    const char *id, int required, unsigned *out)
{
	const struct ynode	*v, *w;
	struct buf		 b;
	size_t			 i, count;
	int			 k;

	*out = 0;
	if ((k = load_field(l, map, "stride", what, id, required, &v)) != 1)
		return k;
	if (v->type == YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'stride' must be a list "
		    "of letters, not a mapping");
	count = v->type == YNODE_SEQ ? v->n : 1;
	if (count == 0)
		return ynode_error(l->doc, v, l->err, "'stride' needs at least "
		    "one letter");
	for (i = 0; i < count; i++) {
		w = v->type == YNODE_SEQ ? v->items[i] : v;
		if (w->type != YNODE_SCALAR)
			return ynode_error(l->doc, w, l->err, "'stride' must "
			    "be a list of letters, not of %s",
			    ynode_type_name(w));
		if ((k = vocab_find(&vocab_stride, w->value)) == -1) {
			buf_init(&b);
			vocab_list(&vocab_stride, &b);
			ynode_error(l->doc, w, l->err, "unknown STRIDE letter "
			    "'%s' (expected %s)", w->value, b.s);
			buf_release(&b);
			return -1;
		}
		*out |= 1u << k;
	}
	return 0;
}

/* The name of a scheme for messages. */
static const char *
scheme_title(enum ref_scheme s)
{
	switch (s) {
	case REF_GUIDELINE:
		return "guideline subsection";
	case REF_ATLAS:
		return "ATLAS";
	case REF_OWASP_LLM:
		return "OWASP LLM 2025 id";
	case REF_OWASP_ML:
		return "OWASP ML 2023 id";
	case REF_OWASP_AGENTIC:
		return "OWASP Agentic 2026 id";
	case REF_SCHEME_COUNT:
		break;
	}
	return "reference";
}

/*
 * The guideline subsections as ranges for messages: "1.1-1.4, 2.1-2.4
 * and 3.1-3.5", one range per chapter (the digit before the dot).
 */
static void
guideline_ranges(const struct catalogue *cat, struct buf *out)
{
	const char *const	*ids;
	size_t			 n, i, first, nranges = 0, k;

	ids = catalogue_guidelines(cat, &n);
	for (i = 0; i < n; i++)
		if (i + 1 == n || ids[i + 1][0] != ids[i][0])
			nranges++;
	for (i = first = k = 0; i < n; i++) {
		if (i + 1 < n && ids[i + 1][0] == ids[i][0])
			continue;
		if (k > 0)
			buf_adds(out, k + 1 == nranges ? " and " : ", ");
		if (first == i)
			buf_adds(out, ids[i]);
		else
			buf_addf(out, "%s-%s", ids[first], ids[i]);
		first = i + 1;
		k++;
	}
}

/* Check one reference against the taxonomy. */
static int
load_ref_check(struct loader *l, const struct ynode *w, enum ref_scheme s,
    enum section sec)
{
	const struct taxonomy	*t = l->cat->taxonomy;
	const char		*id = w->value, *near, *kindname;
	const char		*ver = taxonomy_atlas_version(t);
	enum atlas_kind		 k;

	if (s == REF_GUIDELINE) {
		struct buf	all;
		int		rc;

		if (taxonomy_title(t, s, id) != NULL)
			return 0;
		buf_init(&all);
		guideline_ranges(l->cat, &all);
		rc = ynode_error(l->doc, w, l->err, "unknown guideline "
		    "subsection '%s' (the subsections are %s)", id,
		    all.s);
		buf_release(&all);
		return rc;
	}
	if (s == REF_ATLAS) {
		k = atlas_kind(id);
		if (k == ATLAS_MALFORMED)
			return ynode_error(l->doc, w, l->err, "malformed ATLAS "
			    "id '%s' (expected AML.Tnnnn, AML.Tnnnn.nnn or "
			    "AML.Mnnnn)", id);
		if (sec == SEC_THREAT && k == ATLAS_MITIGATION)
			return ynode_error(l->doc, w, l->err, "'%s' is an ATLAS "
			    "mitigation: a threat cites techniques (AML.Tnnnn "
			    "or AML.Tnnnn.nnn)", id);
		if (sec == SEC_MITIGATION && k != ATLAS_MITIGATION)
			return ynode_error(l->doc, w, l->err, "'%s' is an ATLAS "
			    "technique: a mitigation cites ATLAS mitigations "
			    "(AML.Mnnnn)", id);
		if (taxonomy_title(t, s, id) != NULL)
			return 0;
		kindname = k == ATLAS_MITIGATION ? "mitigation" :
		    k == ATLAS_SUBTECHNIQUE ? "sub-technique" : "technique";
		near = taxonomy_suggest(t, s, id);
		if (near != NULL && atlas_kind(near) == k)
			return ynode_error(l->doc, w, l->err, "unknown ATLAS "
			    "%s '%s' (did you mean '%s'?)", kindname, id, near);
		return ynode_error(l->doc, w, l->err, "unknown ATLAS %s '%s' "
		    "(not in ATLAS %s)", kindname, id,
		    ver != NULL ? ver : "as shipped");
	}
	if (taxonomy_title(t, s, id) != NULL)
		return 0;
	if ((near = taxonomy_suggest(t, s, id)) != NULL)
		return ynode_error(l->doc, w, l->err, "unknown %s '%s' (did "
		    "you mean '%s'?)", scheme_title(s), id, near);
	return ynode_error(l->doc, w, l->err, "unknown %s '%s'",
	    scheme_title(s), id);
}

/* refs: { scheme: [id, ...], ... }; at least one guideline. */
static int
load_refs(struct loader *l, const struct ynode *map, enum section sec,
    const char *what, const char *id, struct refs *out)
{
	const struct ynode	*v = ynode_get(map, "refs"), *k, *list, *w;
	const char		*near;
	size_t			 i, j, m, count, nguide = 0;
	int			 s;

	memset(out, 0, sizeof *out);
	if (v == NULL)
		return ynode_error(l->doc, map, l->err, "%s '%s' has no "
		    "'refs'", what, id);
	if (v->type != YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'refs' must be a "
		    "mapping of schemes to lists of ids, not %s",
		    ynode_type_name(v));
	for (i = 0; i < YNODE_PAIRS(v); i++) {
		k = YNODE_KEY(v, i);
		list = YNODE_VAL(v, i);
		if ((s = ref_scheme_find(k->value)) == -1) {
			static const char *const schemes[] = { "guideline",
			    "atlas", "owasp-llm-2025", "owasp-ml-2023",
			    "owasp-agentic-2026", NULL };

			if (strcmp(k->value, "stride") == 0)
				return ynode_error(l->doc, k, l->err, "STRIDE "
				    "letters go in 'stride', not in 'refs'");
			near = text_suggest(k->value, schemes);
			for (j = 0; near == NULL && schemes[j] != NULL; j++)
				if (strncmp(schemes[j], k->value,
				    strlen(k->value)) == 0)
					near = schemes[j];
			if (near != NULL)
				return ynode_error(l->doc, k, l->err, "unknown "
				    "reference scheme '%s' (did you mean "
				    "'%s'?)", k->value, near);
			return ynode_error(l->doc, k, l->err, "unknown "
			    "reference scheme '%s' (expected 'guideline', "
			    "'atlas', 'owasp-llm-2025', 'owasp-ml-2023' or "
			    "'owasp-agentic-2026')",
			    k->value);
		}
		if (list->type == YNODE_MAP)
			return ynode_error(l->doc, list, l->err, "'%s' must be "
			    "a list of ids, not a mapping", k->value);
		count = list->type == YNODE_SEQ ? list->n : 1;
		if (count == 0)
			return ynode_error(l->doc, list, l->err, "'%s' needs "
			    "at least one id", k->value);
		for (j = 0; j < count; j++) {
			w = list->type == YNODE_SEQ ? list->items[j] : list;
			if (w->type != YNODE_SCALAR)
				return ynode_error(l->doc, w, l->err, "'%s' "
				    "must be a list of ids, not of %s",
				    k->value, ynode_type_name(w));
			if (load_ref_check(l, w, (enum ref_scheme)s,
			    sec) == -1)
				return -1;
			for (m = 0; m < out->n; m++)
				if (out->v[m].scheme == (enum ref_scheme)s &&
				    strcmp(out->v[m].id, w->value) == 0)
					return ynode_error(l->doc, w, l->err,
					    "'%s' is listed twice", w->value);
			out->v = xreallocarray(out->v, out->n + 1,
			    sizeof *out->v);
			out->v[out->n].scheme = (enum ref_scheme)s;
			out->v[out->n++].id = xstrdup(w->value);
			if (s == REF_GUIDELINE)
				nguide++;
		}
	}
	if (nguide == 0)
		return ynode_error(l->doc, v, l->err, "%s '%s' cites no "
		    "guideline subsection (refs: { guideline: [...] })", what,
		    id);
	return 0;
}

/* target: component | flow | boundary | system (| any). */
static int
load_target(struct loader *l, const struct ynode *map, const char *what,
    const char *id, int allow_any, enum target_type *out)
{
	const struct ynode	*v;
	const char		*s, *near;
	int			 i;

	if (load_field(l, map, "target", what, id, 1, &v) == -1)
		return -1;
	if ((s = load_scalar(l, v, "target")) == NULL)
		return -1;
	for (i = 0; target_names[i] != NULL; i++) {
		if (strcmp(target_names[i], s) != 0)
			continue;
		if (i == TARGET_ANY && !allow_any)
			return ynode_error(l->doc, v, l->err, "a threat's "
			    "target must be 'component', 'flow', 'boundary' "
			    "or 'system', not 'any'");
		*out = (enum target_type)i;
		return 0;
	}
	if ((near = text_suggest(s, target_names)) != NULL)
		return ynode_error(l->doc, v, l->err, "unknown target '%s' "
		    "(did you mean '%s'?)", s, near);
	return ynode_error(l->doc, v, l->err, "unknown target '%s' (expected "
	    "'component', 'flow', 'boundary', 'system'%s)", s,
	    allow_any ? " or 'any'" : "");
}

/* when: a condition about the target. */
static int
load_when(struct loader *l, const struct ynode *map, const char *what,
    const char *id, enum target_type subject, struct cond **out)
{
	const struct ynode	*v;

	*out = NULL;
	if (load_field(l, map, "when", what, id, 1, &v) == -1)
		return -1;
	if (v->type != YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'when' must be a "
		    "condition (a mapping), not %s", ynode_type_name(v));
	*out = cond_parse_with(l->doc, v, subject, &l->cat->ncondslots,
	    l->cat->conds, l->err);
	return *out != NULL ? 0 : -1;
}

static void
load_pos(struct loader *l, const struct ynode *map, struct catpos *pos,
    char **source)
{
	pos->file = l->file;
	pos->line = map->line;
	pos->col = map->col;
	*source = xasprintf("%s:%lu", l->file, map->line);
}

static void *
load_question(struct loader *l, const struct ynode *map, const char *id)
{
	struct question	*q = xcalloc(1, sizeof *q);
	const char	*w = "question";

	q->id = xstrdup(id);
	load_pos(l, map, &q->pos, &q->source);
	if (load_text(l, map, "guideline", w, id, 1, &q->guideline) == -1)
		goto fail;
	if (load_ref_check(l, ynode_get(map, "guideline"), REF_GUIDELINE,
	    SEC_QUESTION) == -1)
		goto fail;
	if (load_text(l, map, "text", w, id, 1, &q->text) == -1 ||
	    load_text(l, map, "help", w, id, 0, &q->help) == -1)
		goto fail;
	return q;

fail:
	question_free(q);
	return NULL;
}

static void *
load_mitigation(struct loader *l, const struct ynode *map, const char *id)
{
	struct mitigation	*m = xcalloc(1, sizeof *m);
	const char		*w = "mitigation";

	m->id = xstrdup(id);
	load_pos(l, map, &m->pos, &m->source);
	if (load_text(l, map, "title", w, id, 1, &m->title) == -1 ||
	    load_text(l, map, "description", w, id, 1, &m->description) == -1 ||
	    load_refs(l, map, SEC_MITIGATION, w, id, &m->refs) == -1) {
		mitigation_free(m);
		return NULL;
	}
	return m;
}

/*
 * The ids of a list (or of one scalar) under key: valid, each once, with
 * their positions. what names one id in messages ("mitigation").
 */
static int
load_id_list(struct loader *l, const struct ynode *v, const char *key,
    const char *what, char ***ids, struct srcpos **pos, size_t *n)
{
	const struct ynode	*w;
	size_t			 i, j, count = v->type == YNODE_SEQ ? v->n : 1;

	*ids = xcalloc(count, sizeof **ids);
	*pos = xcalloc(count, sizeof **pos);
	for (i = 0; i < count; i++) {
		w = v->type == YNODE_SEQ ? v->items[i] : v;
		if (w->type != YNODE_SCALAR)
			return ynode_error(l->doc, w, l->err, "'%s' must be a "
			    "list of ids, not of %s", key, ynode_type_name(w));
		if (!id_valid(w->value))
			return ynode_error(l->doc, w, l->err, "invalid %s id "
			    "'%s'", what, w->value);
		for (j = 0; j < *n; j++)
			if (strcmp((*ids)[j], w->value) == 0)
				return ynode_error(l->doc, w, l->err, "%s '%s' "
				    "is named twice", what, w->value);
		(*ids)[*n] = xstrdup(w->value);
		(*pos)[*n].line = w->line;
		(*pos)[(*n)++].col = w->col;
	}
	return 0;
}

/* mitigations: [id, ...] of a threat, at least one, each once. */
static int
load_threat_mitigations(struct loader *l, const struct ynode *map,
    struct threat *t)
{
	const struct ynode	*v = ynode_get(map, "mitigations");

	if (v == NULL)
		return ynode_error(l->doc, map, l->err, "threat '%s' has no "
		    "'mitigations'", t->id);
	if (v->type != YNODE_SEQ)
		return ynode_error(l->doc, v, l->err, "'mitigations' must be a "
		    "list of mitigation ids, not %s", ynode_type_name(v));
	if (v->n == 0)
		return ynode_error(l->doc, v, l->err, "threat '%s' names no "
		    "mitigation", t->id);
	return load_id_list(l, v, "mitigations", "mitigation",
	    &t->mitigations, &t->mitigations_pos, &t->nmitigations);
}

/* finding: a word of finding_modes[] that suits the threat's target. */
static int
load_finding(struct loader *l, const struct ynode *map, struct threat *t)
{
	const struct ynode	*v = ynode_get(map, "finding");
	const char		*s, *near, *words[FINDING_COUNT + 1];
	size_t			 i;

	t->finding = FINDING_EACH;
	if (v == NULL)
		return 0;
	if ((s = load_scalar(l, v, "finding")) == NULL)
		return -1;
	for (i = 0; i < FINDING_COUNT; i++) {
		words[i] = finding_modes[i].name;
		if (strcmp(s, finding_modes[i].name) != 0)
			continue;
		if (finding_modes[i].target != TARGET_ANY &&
		    finding_modes[i].target != t->target)
			return ynode_error(l->doc, v, l->err, "'finding: %s' "
			    "is for threats about a %s, and threat '%s' is "
			    "about a %s", s,
			    target_type_name(finding_modes[i].target), t->id,
			    target_type_name(t->target));
		t->finding = (enum finding_by)i;
		return 0;
	}
	words[i] = NULL;
	if ((near = text_suggest(s, words)) != NULL)
		return ynode_error(l->doc, v, l->err, "unknown finding '%s' "
		    "(did you mean '%s'?)", s, near);
	return ynode_error(l->doc, v, l->err, "unknown finding '%s'", s);
}

/*
 * covers: [threat id, ...], optional: threats that restate this one on
 * the same target. Whether they exist is checked by catalogue_finish().
 */
static int
load_covers_key(struct loader *l, const struct ynode *map,
    const struct threat *t, const char *key, char ***ids,
    struct srcpos **pos, size_t *n)
{
	const struct ynode	*v = ynode_get(map, key);
	size_t			 i;

	if (v == NULL)
		return 0;
	if (v->type == YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'%s' must be a "
		    "list of threat ids, not a mapping", key);
	if (load_id_list(l, v, key, "threat", ids, pos, n) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		if (strcmp((*ids)[i], t->id) == 0)
			return ynode_error(l->doc, v, l->err, "threat '%s' "
			    "covers itself", t->id);
	return 0;
}

/*
 * covers-feedback: [threat id, ...], optional: threats whose finding on a
 * component that gathers the feedback this threat's target learns from
 * restates this one (see analyze_covers()).
 * covers-agents: [threat id, ...], optional: threats about an agent whose
 * finding, when every agent it names plans with this threat's target,
 * restates this one.
 */
static int
load_covers(struct loader *l, const struct ynode *map, struct threat *t)
{
	if (load_covers_key(l, map, t, "covers", &t->covers, &t->covers_pos,
	    &t->ncovers) == -1)
		return -1;
	if (load_covers_key(l, map, t, "covers-agents", &t->covers_agents,
	    &t->covers_agents_pos, &t->ncovers_agents) == -1)
		return -1;
	return load_covers_key(l, map, t, "covers-feedback",
	    &t->covers_feedback, &t->covers_feedback_pos,
	    &t->ncovers_feedback);
}

/*
 * excludes: [id, ...] of a threat, optional; at least one, each once, not
 * the threat itself. Whether they exist is checked by catalogue_finish().
 */
static int
load_threat_excludes(struct loader *l, const struct ynode *map,
    struct threat *t)
{
	const struct ynode	*v = ynode_get(map, "excludes");
	size_t			 i;

	if (v == NULL)
		return 0;
	if (v->type == YNODE_MAP || (v->type == YNODE_SEQ && v->n == 0))
		return ynode_error(l->doc, v, l->err, "'excludes' must be a "
		    "list of one or more threat ids");
	if (load_id_list(l, v, "excludes", "threat", &t->excludes,
	    &t->excludes_pos, &t->nexcludes) == -1)
		return -1;
	for (i = 0; i < t->nexcludes; i++)
		if (strcmp(t->excludes[i], t->id) == 0)
			return ynode_error(l->doc, v, l->err, "threat '%s' "
			    "cannot exclude itself", t->id);
	return 0;
}

static void *
load_threat(struct loader *l, const struct ynode *map, const char *id)
{
	struct threat	*t = xcalloc(1, sizeof *t);
	const char	*w = "threat";

	t->id = xstrdup(id);
	load_pos(l, map, &t->pos, &t->source);
	if (load_text(l, map, "title", w, id, 1, &t->title) == -1 ||
	    load_text(l, map, "description", w, id, 1, &t->description) == -1 ||
	    load_text(l, map, "why", w, id, 0, &t->why) == -1 ||
	    load_target(l, map, w, id, 0, &t->target) == -1 ||
	    load_when(l, map, w, id, t->target, &t->when) == -1 ||
	    load_int(l, map, "likelihood", w, id, 1, 1, 5,
	    &t->likelihood) == -1 ||
	    load_int(l, map, "impact", w, id, 1, 1, 5, &t->impact) == -1 ||
	    load_stride(l, map, w, id, 1, &t->stride) == -1 ||
	    load_refs(l, map, SEC_THREAT, w, id, &t->refs) == -1 ||
	    load_threat_mitigations(l, map, t) == -1 ||
	    load_finding(l, map, t) == -1 || load_covers(l, map, t) == -1 ||
	    load_threat_excludes(l, map, t) == -1) {
		threat_free(t);
		return NULL;
	}
	return t;
}

/*
 * threats: [id, ...] of an adjustment, optional; at least one, each once.
 * Whether they exist is checked by catalogue_finish().
 */
static int
load_adjustment_threats(struct loader *l, const struct ynode *map,
    struct adjustment *a)
{
	const struct ynode	*v = ynode_get(map, "threats");

	if (v == NULL)
		return 0;
	if (v->type == YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'threats' must be a "
		    "list of threat ids, not a mapping");
	if (v->type == YNODE_SEQ && v->n == 0)
		return ynode_error(l->doc, v, l->err, "'threats' needs at "
		    "least one threat id (leave it out for every threat)");
	return load_id_list(l, v, "threats", "threat", &a->threats,
	    &a->threats_pos, &a->nthreats);
}

/*
 * except: [id, ...] of an adjustment, optional: threats it never adjusts,
 * although its target, STRIDE letters and min-impact would take them.
 * Not beside threats, which already lists every threat it adjusts.
 */
static int
load_adjustment_except(struct loader *l, const struct ynode *map,
    struct adjustment *a)
{
	const struct ynode	*v = ynode_get(map, "except");

	if (v == NULL)
		return 0;
	if (ynode_get(map, "threats") != NULL)
		return ynode_error(l->doc, v, l->err, "'except' and "
		    "'threats' cannot both be given (list only the threats "
		    "to adjust)");
	if (v->type == YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'except' must be a "
		    "list of threat ids, not a mapping");
	if (v->type == YNODE_SEQ && v->n == 0)
		return ynode_error(l->doc, v, l->err, "'except' needs at "
		    "least one threat id (leave it out to except none)");
	return load_id_list(l, v, "except", "threat", &a->except,
	    &a->except_pos, &a->nexcept);
}

/*
 * unless: a condition, optional: stated facts that cancel the adjustment
 * where its when holds (the risk then says what was not taken off and
 * why). Read on the adjustment's target, as when is.
 */
static int
load_unless(struct loader *l, const struct ynode *map, const char *id,
    struct adjustment *a)
{
	const struct ynode	*v = ynode_get(map, "unless");

	a->unless = NULL;
	if (v == NULL)
		return 0;
	if (v->type != YNODE_MAP)
		return ynode_error(l->doc, v, l->err, "'unless' of adjustment "
		    "'%s' must be a condition (a mapping), not %s", id,
		    ynode_type_name(v));
	a->unless = cond_parse_with(l->doc, v, a->target,
	    &l->cat->ncondslots, l->cat->conds, l->err);
	return a->unless != NULL ? 0 : -1;
}

/* An adjustment's presume: true or false (the default). */
static int
load_presume(struct loader *l, const struct ynode *map, int *out)
{
	const struct ynode	*v = ynode_get(map, "presume");

	*out = 0;
	if (v == NULL)
		return 0;
	if (v->type == YNODE_SCALAR && strcmp(v->value, "true") == 0) {
		*out = 1;
		return 0;
	}
	if (v->type == YNODE_SCALAR && strcmp(v->value, "false") == 0)
		return 0;
	return ynode_error(l->doc, v, l->err, "'presume' must be true or "
	    "false");
}

static void *
load_adjustment(struct loader *l, const struct ynode *map, const char *id)
{
	struct adjustment	*a = xcalloc(1, sizeof *a);
	const char		*w = "adjustment";

	a->id = xstrdup(id);
	load_pos(l, map, &a->pos, &a->source);
	if (load_target(l, map, w, id, 1, &a->target) == -1 ||
	    load_when(l, map, w, id, a->target, &a->when) == -1 ||
	    load_int(l, map, "likelihood", w, id, 0, -2, 2,
	    &a->likelihood) == -1 ||
	    load_int(l, map, "impact", w, id, 0, -2, 2, &a->impact) == -1 ||
	    load_int(l, map, "min-impact", w, id, 0, 1, 5,
	    &a->min_impact) == -1 ||
	    load_int(l, map, "max-impact", w, id, 0, 1, 5,
	    &a->max_impact) == -1 ||
	    load_stride(l, map, w, id, 0, &a->stride) == -1 ||
	    load_adjustment_threats(l, map, a) == -1 ||
	    load_adjustment_except(l, map, a) == -1 ||
	    load_presume(l, map, &a->presume) == -1 ||
	    load_unless(l, map, id, a) == -1 ||
	    load_text(l, map, "reason", w, id, 1, &a->reason) == -1)
		goto fail;
	if (a->likelihood == 0 && a->impact == 0) {
		ynode_error(l->doc, map, l->err, "adjustment '%s' changes "
		    "neither likelihood nor impact", id);
		goto fail;
	}
	if (a->max_impact != 0 && a->impact <= 0) {
		ynode_error(l->doc, ynode_get(map, "max-impact"), l->err,
		    "adjustment '%s' has a 'max-impact' but does not raise "
		    "impact", id);
		goto fail;
	}
	return a;

fail:
	adjustment_free(a);
	return NULL;
}

/*
 * The sections, each named once: its key is its list's name in struct
 * catalogue ("questions"), one entry is what its functions are named for.
 */
#define SECTION(w, t)							\
	.name = #t, .what = #w, .keys = w ## _keys,			\
	.list = offsetof(struct catalogue, t),				\
	.count = offsetof(struct catalogue, n ## t),			\
	.load = load_ ## w, .free = w ## _free
const struct catalogue_section catalogue_sections[SEC_COUNT] = {
	[SEC_QUESTION] = { SECTION(question, questions) },
	[SEC_MITIGATION] = { SECTION(mitigation, mitigations) },
	[SEC_THREAT] = { SECTION(threat, threats) },
	[SEC_ADJUSTMENT] = { SECTION(adjustment, adjustments) },
};
#undef SECTION

const char *
catalogue_suggest_id(struct catalogue *cat, enum section s, const char *id)
{
	void		***v;
	size_t		  *n, i;
	const char	**ids, *near;

	catalogue_section(cat, s, &v, &n);
	ids = xcalloc(*n + 1, sizeof *ids);
	for (i = 0; i < *n; i++)
		ids[i] = *(char **)(*v)[i];
	near = text_suggest(id, ids);
	free(ids);
	return near;
}

/* disabled: true or false; 1, 0 or -1. */
static int
load_disabled(struct loader *l, const struct ynode *map)
{
	const struct ynode	*v = ynode_get(map, "disabled");

	if (v == NULL)
		return 0;
	if (v->type == YNODE_SCALAR && strcmp(v->value, "true") == 0)
		return 1;
	if (v->type == YNODE_SCALAR && strcmp(v->value, "false") == 0)
		return 0;
	return ynode_error(l->doc, v, l->err, "'disabled' must be true or "
	    "false");
}

/* Read one section's entries into the pending list. */
static int
load_section(struct loader *l, enum section s, const struct ynode *list,
    struct pending **pend, size_t *npend)
{
	const char		*what = catalogue_sections[s].what, *id, *near;
	const struct ynode	*map, *idn;
	struct strmap		 seen;
	struct pending		*p;
	void			*e;
	size_t			 i;
	int			 dis, rc = -1;

	if (list->type != YNODE_SEQ)
		return ynode_error(l->doc, list, l->err, "'%s' must be a list, "
		    "not %s", catalogue_sections[s].name, ynode_type_name(list));
	strmap_init(&seen);
	for (i = 0; i < list->n; i++) {
		map = list->items[i];
		if (map->type != YNODE_MAP) {
			ynode_error(l->doc, map, l->err, "a %s must be a "
			    "mapping, not %s", what, ynode_type_name(map));
			goto out;
		}
		if (load_check_keys(l, map, catalogue_sections[s].keys, what) == -1)
			goto out;
		if ((idn = ynode_get(map, "id")) == NULL) {
			ynode_error(l->doc, map, l->err, "a %s has no 'id'",
			    what);
			goto out;
		}
		if ((id = load_scalar(l, idn, "id")) == NULL)
			goto out;
		if (!id_valid(id)) {
			ynode_error(l->doc, idn, l->err, "invalid %s id '%s' "
			    "(use a-z, 0-9, '.', '_' and '-', starting with a "
			    "letter or digit, at most %d characters)", what,
			    id, ID_MAX);
			goto out;
		}
		if ((e = strmap_get(&seen, id)) != NULL) {
			ynode_error(l->doc, idn, l->err, "duplicate %s id "
			    "'%s' (first at line %lu)", what, id,
			    ((const struct ynode *)e)->line);
			goto out;
		}
		if ((dis = load_disabled(l, map)) == -1)
			goto out;
		if (dis && strmap_get(&l->cat->by_id[s], id) == NULL) {
			near = catalogue_suggest_id(l->cat, s, id);
			if (near != NULL)
				ynode_error(l->doc, idn, l->err, "cannot "
				    "disable unknown %s '%s' (did you mean "
				    "'%s'?)", what, id, near);
			else
				ynode_error(l->doc, idn, l->err, "cannot "
				    "disable unknown %s '%s'", what, id);
			goto out;
		}
		e = NULL;
		if (!dis &&
		    (e = catalogue_sections[s].load(l, map, id)) == NULL)
			goto out;
		strmap_put(&seen, idn->value, (void *)(uintptr_t)idn);
		*pend = xreallocarray(*pend, *npend + 1, sizeof **pend);
		p = &(*pend)[(*npend)++];
		p->sec = s;
		p->entry = e;
		p->id = e != NULL ? *(char **)e : xstrdup(id);
	}
	rc = 0;
out:
	strmap_release(&seen);
	return rc;
}

/* Add, replace or remove one entry by id. */
static void
catalogue_apply(struct catalogue *cat, struct pending *p)
{
	void		***v, *old;
	char		  *dup;
	size_t		  *n, i;

	catalogue_section(cat, p->sec, &v, &n);
	old = strmap_get(&cat->by_id[p->sec], p->id);
	for (i = 0; old != NULL && i < *n; i++)
		if ((*v)[i] == old)
			break;
	/* Adjustments may still name a threat a user turned off. */
	if (p->sec == SEC_THREAT && p->entry != NULL)
		strmap_del(&cat->disabled, p->id);
	if (p->sec == SEC_THREAT && p->entry == NULL &&
	    strmap_get(&cat->disabled, p->id) == NULL) {
		cat->disabled_ids = xreallocarray(cat->disabled_ids,
		    cat->ndisabled_ids + 1, sizeof *cat->disabled_ids);
		dup = xstrdup(p->id);
		cat->disabled_ids[cat->ndisabled_ids++] = dup;
		strmap_put(&cat->disabled, dup, dup);
	}
	if (p->entry == NULL) {
		strmap_del(&cat->by_id[p->sec], p->id);
		memmove(&(*v)[i], &(*v)[i + 1], (*n - i - 1) * sizeof **v);
		(*n)--;
		entry_free(p->sec, old);
		free(p->id);
		return;
	}
	/* The map's key is the old entry's id until this put. */
	strmap_put(&cat->by_id[p->sec], p->id, p->entry);
	if (old != NULL) {
		(*v)[i] = p->entry;
		entry_free(p->sec, old);
	} else {
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = p->entry;
	}
}

/* conditions: named conditions, for "holds:" in this and later files. */
static int
load_conditions(struct loader *l, const struct ynode *list)
{
	const struct ynode	*map, *idn, *when;
	enum target_type	 target;
	const char		*id;
	size_t			 i;

	if (list->type != YNODE_SEQ)
		return ynode_error(l->doc, list, l->err, "'conditions' must be "
		    "a list, not %s", ynode_type_name(list));
	for (i = 0; i < list->n; i++) {
		map = list->items[i];
		if (map->type != YNODE_MAP)
			return ynode_error(l->doc, map, l->err, "a condition "
			    "must be a mapping, not %s", ynode_type_name(map));
		if (load_check_keys(l, map, condition_keys, "condition") == -1)
			return -1;
		if ((idn = ynode_get(map, "id")) == NULL)
			return ynode_error(l->doc, map, l->err, "a condition "
			    "has no 'id'");
		if ((id = load_scalar(l, idn, "id")) == NULL)
			return -1;
		if (!id_valid(id))
			return ynode_error(l->doc, idn, l->err, "invalid "
			    "condition id '%s' (use a-z, 0-9, '.', '_' and "
			    "'-', starting with a letter or digit, at most %d "
			    "characters)", id, ID_MAX);
		if (load_target(l, map, "condition", id, 1, &target) == -1)
			return -1;
		if ((when = ynode_get(map, "when")) == NULL)
			return ynode_error(l->doc, map, l->err, "condition "
			    "'%s' has no 'when'", id);
		if (ynode_get(map, "description") != NULL &&
		    load_scalar(l, ynode_get(map, "description"),
		    "description") == NULL)
			return -1;
		if (cond_defs_add(l->cat->conds, l->doc, idn, target, when,
		    l->err) == -1)
			return -1;
	}
	return 0;
}

/* Check the top level and read every section. */
static int
load_doc(struct loader *l, struct pending **pend, size_t *npend,
    char **version)
{
	const struct ynode	*root = l->doc->root, *k, *v;
	const char		*near;
	size_t			 i;
	int			 s;

	if (root == NULL)
		return error_set_at(l->err, l->file, 1, 1, "empty catalogue "
		    "file (expected 'parapet-catalogue: %d')",
		    CATALOGUE_FORMAT);
	if (root->type != YNODE_MAP)
		return ynode_error(l->doc, root, l->err, "a catalogue file "
		    "must be a mapping, not %s", ynode_type_name(root));
	if ((v = ynode_get(root, "parapet-catalogue")) == NULL)
		return ynode_error(l->doc, root, l->err, "not a catalogue "
		    "file: no 'parapet-catalogue: %d'", CATALOGUE_FORMAT);
	if (v->type != YNODE_SCALAR || strcmp(v->value, "1") != 0)
		return ynode_error(l->doc, v, l->err, "unsupported catalogue "
		    "format '%s' (this version reads format %d)",
		    v->type == YNODE_SCALAR ? v->value : "?",
		    CATALOGUE_FORMAT);
	for (i = 0; i < YNODE_PAIRS(root); i++) {
		k = YNODE_KEY(root, i);
		v = YNODE_VAL(root, i);
		if (strcmp(k->value, "parapet-catalogue") == 0 ||
		    strcmp(k->value, "conditions") == 0)
			continue;
		if (strcmp(k->value, "version") == 0) {
			if (load_scalar(l, v, "version") == NULL)
				return -1;
			if (text_has_control(v->value))
				return ynode_error(l->doc, v, l->err, "invalid "
				    "catalogue version: control characters are "
				    "not allowed");
			free(*version);
			*version = xstrdup(v->value);
			continue;
		}
		for (s = 0; s < SEC_COUNT; s++)
			if (strcmp(catalogue_sections[s].name, k->value) == 0)
				break;
		if (s == SEC_COUNT) {
			if ((near = text_suggest(k->value, top_keys)) != NULL)
				return ynode_error(l->doc, k, l->err, "unknown "
				    "key '%s' in a catalogue file (did you "
				    "mean '%s'?)", k->value, near);
			return ynode_error(l->doc, k, l->err, "unknown key "
			    "'%s' in a catalogue file", k->value);
		}
	}
	/* Named conditions first, then the sections in a fixed order, so a
	 * threat may follow its mitigations or come before them in the
	 * file. */
	if ((v = ynode_get(root, "conditions")) != NULL &&
	    load_conditions(l, v) == -1)
		return -1;
	for (s = 0; s < SEC_COUNT; s++) {
		if ((v = ynode_get(root, catalogue_sections[s].name)) == NULL)
			continue;
		if (load_section(l, (enum section)s, v, pend, npend) == -1)
			return -1;
	}
	return 0;
}

/* Load the taxonomy of the data directory if none was loaded. */
static int
catalogue_need_taxonomy(struct catalogue *cat, struct error *err)
{
	char	*tax;
	int	 rc;

	if (cat->taxonomy != NULL)
		return 0;
	tax = xasprintf("%s/taxonomy.yaml", paths_data());
	rc = catalogue_load_taxonomy(cat, tax, err);
	free(tax);
	return rc;
}

/* Load a parsed file named name, all or nothing; frees doc. */
static int
catalogue_load_doc(struct catalogue *cat, struct ydoc *doc,
    const char *name, struct error *err)
{
	struct loader	 l;
	struct pending	*pend = NULL;
	size_t		 npend = 0, i, slots = cat->ncondslots;
	size_t		 nconds = cat->conds->n;
	char		*version = NULL;
	int		 rc;

	cat->files = xreallocarray(cat->files, cat->nfiles + 1,
	    sizeof *cat->files);
	cat->files[cat->nfiles] = xstrdup(name);
	l.cat = cat;
	l.doc = doc;
	l.file = cat->files[cat->nfiles];
	l.err = err;
	rc = load_doc(&l, &pend, &npend, &version);
	if (rc == 0) {
		for (i = 0; i < npend; i++)
			catalogue_apply(cat, &pend[i]);
		if (version != NULL) {
			free(cat->version);
			cat->version = version;
			version = NULL;
		}
		cat->nfiles++;
	} else {
		for (i = 0; i < npend; i++) {
			if (pend[i].entry == NULL)
				free(pend[i].id);
			entry_free(pend[i].sec, pend[i].entry);
		}
		free(cat->files[cat->nfiles]);
		/* The refused conditions are gone: so are their slots. */
		cat->ncondslots = slots;
		cond_defs_truncate(cat->conds, nconds);
	}
	free(version);
	free(pend);
	if (rc == 0 && cat->conds->n > nconds) {
		/* Its named conditions are read from it at each use. */
		cat->docs = xreallocarray(cat->docs, cat->ndocs + 1,
		    sizeof *cat->docs);
		cat->docs[cat->ndocs++] = doc;
	} else
		ydoc_free(doc);
	return rc;
}

int
catalogue_load_file(struct catalogue *cat, const char *path,
    struct error *err)
{
	struct ydoc	*doc;

	if (catalogue_need_taxonomy(cat, err) == -1)
		return -1;
	if ((doc = catcache_load(cat->cache, path, err)) == NULL)
		return -1;
	return catalogue_load_doc(cat, doc, path, err);
}

int
catalogue_load_text(struct catalogue *cat, const char *text, size_t len,
    const char *name, struct error *err)
{
	struct ydoc	*doc;

	if (catalogue_need_taxonomy(cat, err) == -1)
		return -1;
	if ((doc = ydoc_parse(text, len, name, err)) == NULL)
		return -1;
	return catalogue_load_doc(cat, doc, name, err);
}

int
threat_excludes(const struct threat *a, const struct threat *b)
{
	size_t	i;

	for (i = 0; i < a->nexcludes; i++)
		if (strcmp(a->excludes[i], b->id) == 0)
			return 1;
	for (i = 0; i < b->nexcludes; i++)
		if (strcmp(b->excludes[i], a->id) == 0)
			return 1;
	return 0;
}

int
adjustment_applies(const struct adjustment *a, const struct threat *t)
{
	size_t	i;

	if (a->target != TARGET_ANY && a->target != t->target)
		return 0;
	if (a->stride != 0 && (a->stride & t->stride) == 0)
		return 0;
	if (t->impact < a->min_impact)
		return 0;
	for (i = 0; i < a->nexcept; i++)
		if (strcmp(a->except[i], t->id) == 0)
			return 0;
	if (a->nthreats == 0)
		return 1;
	for (i = 0; i < a->nthreats; i++)
		if (strcmp(a->threats[i], t->id) == 0)
			return 1;
	return 0;
}

const struct threat *
catalogue_threat(const struct catalogue *cat, const char *id)
{
	return strmap_get(&cat->by_id[SEC_THREAT], id);
}

const struct mitigation *
catalogue_mitigation(const struct catalogue *cat, const char *id)
{
	return strmap_get(&cat->by_id[SEC_MITIGATION], id);
}

const struct question *
catalogue_question(const struct catalogue *cat, const char *id)
{
	return strmap_get(&cat->by_id[SEC_QUESTION], id);
}

const struct adjustment *
catalogue_adjustment(const struct catalogue *cat, const char *id)
{
	return strmap_get(&cat->by_id[SEC_ADJUSTMENT], id);
}

const char *const *
catalogue_guidelines(const struct catalogue *cat, size_t *n)
{
	size_t	count;

	return taxonomy_ids(cat != NULL ? cat->taxonomy : NULL, REF_GUIDELINE,
	    n != NULL ? n : &count);
}

const char *
catalogue_ref_title(const struct catalogue *cat, enum ref_scheme s,
    const char *id)
{
	return taxonomy_title(cat->taxonomy, s, id);
}

/* Add r to out unless it is there already. */
static void
catalogue_refs_add(struct refs *out, size_t *max, const struct ref *r)
{
	size_t	i;

	for (i = 0; i < out->n; i++)
		if (out->v[i].scheme == r->scheme &&
		    strcmp(out->v[i].id, r->id) == 0)
			return;
	if (out->n == *max) {
		*max = *max != 0 ? *max * 2 : 8;
		out->v = xreallocarray(out->v, *max, sizeof *out->v);
	}
	out->v[out->n++] = *r;
}

void
catalogue_risk_refs(const struct catalogue *cat, const struct risk *k,
    struct refs *out)
{
	const struct threat	*t;
	char			 id[256];
	size_t			 i, j, max = 0;

	out->v = NULL;
	out->n = 0;
	if (cat == NULL || k->threat == NULL ||
	    (t = catalogue_threat(cat, k->threat)) == NULL)
		return;
	for (j = 0; j < t->refs.n; j++)
		catalogue_refs_add(out, &max, &t->refs.v[j]);
	for (i = 0; i < k->nreasons; i++) {
		if (!risk_covered_threat(&k->reasons[i], id, sizeof id) ||
		    (t = catalogue_threat(cat, id)) == NULL)
			continue;
		for (j = 0; j < t->refs.n; j++)
			catalogue_refs_add(out, &max, &t->refs.v[j]);
	}
}

void
refs_release(struct refs *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

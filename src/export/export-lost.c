/*
 * export-lost.c: what a file of an exchange format (Threat Dragon, Open
 * Threat Model, TM-BOM) cannot hold of the model it is written from.
 *
 * Each of those formats has no place for some of what Parapet keeps: the
 * export writes what it can and the rest would be lost without a word to
 * the person who hands the file to another tool. These functions count,
 * for the model at hand, each kind of thing the format drops (only those
 * the model has), so that the export can say so in one note. What each
 * format keeps is what its writer writes and its reader reads back
 * (td-write.c, otm-write.c, tmbom-write.c and src/interop); parapet(1)
 * describes it under INTEROPERABILITY.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "export/export-int.h"
#include "export/export.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"

/* The items of a note, joined as "A, B and C" when it is written. */
struct lost {
	struct buf	*out;
	size_t		 n;
	struct buf	 last;	/* the item written last, held back for the
				   "and" */
};

/* Add one item ("the trust of 3 boundaries") to the note. */
static void
lost_add(struct lost *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
lost_add(struct lost *l, const char *fmt, ...)
{
	va_list	ap;

	if (l->n > 0)
		buf_addf(l->out, "%s%s", l->n > 1 ? ", " : "", l->last.s);
	buf_reset(&l->last);
	va_start(ap, fmt);
	buf_vaddf(&l->last, fmt, ap);
	va_end(ap);
	l->n++;
}

/* Write the held-back item; returns the number of items. */
static size_t
lost_end(struct lost *l)
{
	if (l->n == 1)
		buf_adds(l->out, l->last.s);
	else if (l->n > 1)
		buf_addf(l->out, " and %s", l->last.s);
	buf_release(&l->last);
	return l->n;
}

static const char *
lost_s(size_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * The facts of the components and flows that are set (fields that are not
 * text, ids, kinds or references), but for those keep() says the format
 * holds.
 */
static size_t
lost_facts(const struct model *m,
    int (*keep)(enum objtype, const char *, const void *))
{
	const struct field	*f;
	const void		*obj;
	size_t			 i, j, nf, n = 0, nobj;
	enum objtype		 t;
	int			 kind;

	for (t = OBJ_COMPONENT; t <= OBJ_FLOW; t++) {
		f = model_fields(t, &nf);
		nobj = t == OBJ_COMPONENT ? m->ncomponents : m->nflows;
		for (i = 0; i < nobj; i++) {
			obj = t == OBJ_COMPONENT ? (const void *)
			    m->components[i] : (const void *)m->flows[i];
			kind = t == OBJ_COMPONENT ? (int)m->components[i]->kind :
			    -1;
			for (j = 0; j < nf; j++)
				if (f[j].type != FIELD_TEXT &&
				    f[j].type != FIELD_ID &&
				    f[j].type != FIELD_KIND &&
				    f[j].type != FIELD_REF &&
				    field_applies(&f[j], kind) &&
				    field_isset(obj, &f[j]) &&
				    (keep == NULL ||
				    !keep(t, f[j].name, obj)))
					n++;
		}
	}
	return n;
}

/*
 * Threat Dragon keeps whether a flow is encrypted (isEncrypted), and that a
 * datastore holds confidential data (storesCredentials: td-read.c reads
 * true back on a datastore only).
 */
static int
lost_td_keeps(enum objtype t, const char *name, const void *obj)
{
	const struct component	*c = obj;

	if (t == OBJ_FLOW)
		return strcmp(name, "encrypted") == 0;
	return strcmp(name, "confidential-data") == 0 &&
	    c->confidential_data == TRI_YES && c->kind == KIND_DATASTORE;
}

/* TM-BOM's extension keeps these (tmbom-write.c's tbw_extension()). */
static int
lost_tmbom_keeps(enum objtype t, const char *name, const void *obj)
{
	static const char *const kept[] = { "provider", "personal-data",
	    "confidential-data" };
	size_t	i;

	(void)obj;
	if (t == OBJ_FLOW)
		return strcmp(name, "data") == 0 ||
		    strcmp(name, "encrypted") == 0 ||
		    strcmp(name, "authenticated") == 0;
	for (i = 0; i < sizeof kept / sizeof *kept; i++)
		if (strcmp(name, kept[i]) == 0)
			return 1;
	return 0;
}

/* Boundaries whose jurisdiction is stated: neither TD nor TM-BOM has one. */
static void
lost_jurisdictions(struct lost *l, const struct model *m)
{
	size_t	i, n;

	for (i = n = 0; i < m->nboundaries; i++)
		n += m->boundaries[i]->jurisdiction >= 0;
	if (n > 0)
		lost_add(l, "the jurisdiction of %zu boundar%s", n,
		    n == 1 ? "y" : "ies");
}

static size_t
lost_component_owners(const struct model *m)
{
	size_t	i, n = 0;

	for (i = 0; i < m->ncomponents; i++)
		n += m->components[i]->owner != NULL;
	return n;
}

/* What people recorded on the risks that apply, counted. */
struct lost_risks {
	size_t	applying;	/* risks that apply */
	size_t	decided;	/* of them, not open or with an owner */
	size_t	owners;		/* with a risk owner */
	size_t	recorded;	/* with who decided and when */
	size_t	mit_details;	/* mitigations with an owner, due date or
				   notes */
	size_t	mit_unplaced;	/* mitigations decided (not proposed) on risks
				   about the system or a boundary */
};

static void
lost_count_risks(const struct export_input *in, struct lost_risks *c)
{
	const struct risk_register	*reg = in->risks;
	const struct objref		*o;
	const struct risk		*k;
	size_t				 i, j;
	int				 placed;

	memset(c, 0, sizeof *c);
	for (i = 0; reg != NULL && i < reg->n; i++) {
		k = reg->risks[i];
		if (!k->applies)
			continue;
		c->applying++;
		c->decided += k->status != RISK_OPEN || k->owner != NULL;
		c->owners += k->owner != NULL;
		c->recorded += k->decided_by != NULL || k->decided_at != NULL;
		o = model_find(in->model, k->target);
		placed = o != NULL && (o->type == OBJ_COMPONENT ||
		    o->type == OBJ_FLOW);
		for (j = 0; j < k->nmitigations; j++) {
			c->mit_details += k->mitigations[j].owner != NULL ||
			    k->mitigations[j].due != NULL ||
			    k->mitigations[j].notes != NULL;
			c->mit_unplaced += !placed &&
			    k->mitigations[j].status != MIT_PROPOSED;
		}
	}
}

/* Who decided and when, and the mitigations' details: neither TD nor OTM. */
static void
lost_decided_by(struct lost *l, const struct lost_risks *c)
{
	if (c->recorded > 0)
		lost_add(l, "who decided %zu risk%s and when", c->recorded,
		    lost_s(c->recorded));
	if (c->mit_details > 0)
		lost_add(l, "the owners, due dates and notes of %zu "
		    "mitigation%s", c->mit_details, lost_s(c->mit_details));
}

/* Practice answers and the history: no exchange format holds them. */
static void
lost_practices_history(struct lost *l, const struct model *m)
{
	if (m->npractices > 0)
		lost_add(l, "%zu practice answer%s", m->npractices,
		    lost_s(m->npractices));
	if (m->revision > 0)
		lost_add(l, "the history of changes (revision %ld)",
		    m->revision);
}

size_t
export_lost_threat_dragon(const struct export_input *in, struct buf *out)
{
	const struct model	*m = in->model;
	struct lost		 l = { .out = out };
	struct lost_risks	 c;
	size_t			 i, n;

	buf_init(&l.last);
	lost_count_risks(in, &c);
	if ((n = lost_facts(m, lost_td_keeps)) > 0)
		lost_add(&l, "%zu fact%s of components and flows (model types, "
		    "data classes and the like)", n, lost_s(n));
	for (i = n = 0; i < m->nboundaries; i++)
		n += m->boundaries[i]->trust >= 0;
	if (n > 0)
		lost_add(&l, "the trust of %zu boundar%s", n, n == 1 ? "y" :
		    "ies");
	lost_jurisdictions(&l, m);
	if ((n = lost_component_owners(m)) > 0)
		lost_add(&l, "the owners of %zu component%s", n, lost_s(n));
	if (m->system.criticality >= 0 || m->system.team != NULL)
		lost_add(&l, "the system's %s", m->system.team == NULL ?
		    "criticality" : m->system.criticality < 0 ? "team" :
		    "criticality and team");
	if (c.owners > 0)
		lost_add(&l, "the risk owners of %zu risk%s", c.owners,
		    lost_s(c.owners));
	lost_decided_by(&l, &c);
	lost_practices_history(&l, m);
	return lost_end(&l);
}

size_t
export_lost_otm(const struct export_input *in, struct buf *out)
{
	struct lost		 l = { .out = out };
	struct lost_risks	 c;

	buf_init(&l.last);
	lost_count_risks(in, &c);
	lost_decided_by(&l, &c);
	if (c.mit_unplaced > 0)
		lost_add(&l, "the states of %zu mitigation%s of risks about "
		    "the system or a boundary", c.mit_unplaced,
		    lost_s(c.mit_unplaced));
	lost_practices_history(&l, in->model);
	return lost_end(&l);
}

size_t
export_lost_tmbom(const struct export_input *in, struct buf *out)
{
	const struct model	*m = in->model;
	struct lost		 l = { .out = out };
	struct lost_risks	 c;
	size_t			 n;

	buf_init(&l.last);
	lost_count_risks(in, &c);
	if (c.applying > 0)
		lost_add(&l, "%zu risk%s (%zu of them decided)", c.applying,
		    lost_s(c.applying), c.decided);
	if ((n = lost_facts(m, lost_tmbom_keeps)) > 0)
		lost_add(&l, "%zu fact%s of components and flows (model types, "
		    "can-act and the like)", n, lost_s(n));
	lost_jurisdictions(&l, m);
	if ((n = lost_component_owners(m)) > 0)
		lost_add(&l, "the owners of %zu component%s", n, lost_s(n));
	if (m->system.owner != NULL || m->system.team != NULL)
		lost_add(&l, "the system's %s", m->system.team == NULL ?
		    "owner" : m->system.owner == NULL ? "team" :
		    "owner and team");
	lost_practices_history(&l, m);
	return lost_end(&l);
}

/* diff.c: compare two versions of a model and its risks (see diff.h). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff/diff.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* Scores from which two objects with different ids are one renamed. */
#define DIFF_RENAME_COMPONENT	1.5
#define DIFF_RENAME_FLOW	2.0
#define DIFF_RENAME_BOUNDARY	1.5

/* Add a changed field (name copied; values taken over). */
static void
diff_field_add(struct diff_field **v, size_t *n, const char *name,
    char *old_value, char *new_value)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].name = xstrdup(name);
	(*v)[*n].old_value = old_value;
	(*v)[*n].new_value = new_value;
	(*n)++;
}

static void
diff_fields_free(struct diff_field *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].old_value);
		free(v[i].new_value);
	}
	free(v);
}

/* The new id of an old object's id (itself unless renamed). */
static const char *
diff_map(const struct model_diff *d, const char *old_id)
{
	const char	*n;

	if (old_id == NULL)
		return NULL;
	n = strmap_get(&d->renamed, old_id);
	return n != NULL ? n : old_id;
}

static int
diff_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
diff_same_name(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* The objects of a type: array and count. */
static void
diff_objects_of(const struct model *m, enum objtype t, void ***v, size_t *n)
{
	switch (t) {
	case OBJ_BOUNDARY:
		*v = (void **)m->boundaries;
		*n = m->nboundaries;
		break;
	case OBJ_COMPONENT:
		*v = (void **)m->components;
		*n = m->ncomponents;
		break;
	case OBJ_FLOW:
		*v = (void **)m->flows;
		*n = m->nflows;
		break;
	default:
		*v = NULL;
		*n = 0;
	}
}

/* Every object struct starts with its id. */
static const char *
diff_obj_id(const void *obj)
{
	return *(char *const *)obj;
}

/* 1 if an object of type t with this id is in m. */
static int
diff_has(const struct model *m, enum objtype t, const char *id)
{
	const struct objref	*r = model_find(m, id);

	return r != NULL && r->type == t;
}

/*
 * Compare the fields of an object in its two versions (ids apart), with
 * references through the renames; add each change to o. Returns the number
 * of fields set on either side and sets *equal to those equal.
 */
static size_t
diff_fields(struct model_diff *d, enum objtype t, const void *a,
    const void *b, struct diff_object *o, size_t *equal)
{
	const struct field	*f;
	size_t			 nf, i, total = 0;
	char			*va, *vb;
	const char		*ma;
	int			 same;

	*equal = 0;
	f = model_fields(t, &nf);
	for (i = 0; i < nf; i++) {
		if (f[i].type == FIELD_ID)
			continue;
		va = field_get(a, &f[i]);
		vb = field_get(b, &f[i]);
		if (va == NULL && vb == NULL)
			continue;
		total++;
		ma = f[i].type == FIELD_REF ? diff_map(d, va) : va;
		same = diff_same(ma, vb);
		if (same)
			(*equal)++;
		if (!same && o != NULL) {
			diff_field_add(&o->fields, &o->nfields, f[i].name, va,
			    vb);
			continue;
		}
		free(va);
		free(vb);
	}
	return total;
}

/* Ids of the components a component exchanges data with (mapped). */
static size_t
diff_neighbours(const struct model_diff *d, const struct model *m,
    const char *id, int map, const char **out, size_t max)
{
	size_t		i, n = 0;
	const char	*other;

	for (i = 0; i < m->nflows && n < max; i++) {
		if (strcmp(m->flows[i]->from, id) == 0)
			other = m->flows[i]->to;
		else if (strcmp(m->flows[i]->to, id) == 0)
			other = m->flows[i]->from;
		else
			continue;
		out[n++] = map ? diff_map(d, other) : other;
	}
	return n;
}

/* Jaccard index of two lists of ids (duplicates counted once). */
static double
diff_jaccard(const char **a, size_t na, const char **b, size_t nb)
{
	size_t	i, j, common = 0, ua = 0, ub = 0;
	int	dup, hit;

	for (i = 0; i < na; i++) {
		for (dup = 0, j = 0; j < i && !dup; j++)
			dup = strcmp(a[i], a[j]) == 0;
		if (dup)
			continue;
		ua++;
		for (hit = 0, j = 0; j < nb && !hit; j++)
			hit = strcmp(a[i], b[j]) == 0;
		common += hit;
	}
	for (i = 0; i < nb; i++) {
		for (dup = 0, j = 0; j < i && !dup; j++)
			dup = strcmp(b[i], b[j]) == 0;
		ub += !dup;
	}
	if (ua + ub - common == 0)
		return 0;
	return (double)common / (double)(ua + ub - common);
}

/* How alike two objects of a type are, and what made them so. */
static double
diff_score(struct model_diff *d, enum objtype t, const void *a,
    const void *b, const char **why)
{
	const struct component	*ca = a, *cb = b;
	const struct flow	*fa = a, *fb = b;
	const struct boundary	*ba = a, *bb = b;
	const char		*na[64], *nb[64];
	size_t			 i, total, equal, ka = 0, kb = 0;
	double			 s = 0, jac;
	int			 name;

	switch (t) {
	case OBJ_COMPONENT:
		if (ca->kind != cb->kind)
			return 0;
		name = diff_same_name(ca->name, cb->name);
		total = diff_fields(d, t, a, b, NULL, &equal);
		ka = diff_neighbours(d, d->old_model, ca->id, 1, na, 64);
		kb = diff_neighbours(d, d->new_model, cb->id, 0, nb, 64);
		jac = diff_jaccard(na, ka, nb, kb);
		s = (name ? 2 : 0) + (total > 0 ? (double)equal / total : 0) +
		    jac;
		*why = name ? (jac >= 0.5 ? "same kind, name and data flows" :
		    "same kind and name") : "same kind, fields and data flows";
		return s;
	case OBJ_FLOW:
		if (strcmp(diff_map(d, fa->from), fb->from) == 0 &&
		    strcmp(diff_map(d, fa->to), fb->to) == 0)
			s += 2;
		if (diff_same_name(fa->name, fb->name))
			s += 1;
		if (fa->data == fb->data)
			s += 0.5;
		*why = "same ends";
		return s;
	case OBJ_BOUNDARY:
		name = diff_same_name(ba->name, bb->name);
		for (i = 0; i < d->old_model->ncomponents && ka < 64; i++)
			if (diff_same(d->old_model->components[i]->boundary,
			    ba->id))
				na[ka++] = diff_map(d,
				    d->old_model->components[i]->id);
		for (i = 0; i < d->new_model->ncomponents && kb < 64; i++)
			if (diff_same(d->new_model->components[i]->boundary,
			    bb->id))
				nb[kb++] = d->new_model->components[i]->id;
		jac = diff_jaccard(na, ka, nb, kb);
		s = (name ? 2 : 0) + (ba->trust == bb->trust ? 0.5 : 0) + jac;
		*why = name ? "same name" : "same trust and components";
		return s;
	default:
		return 0;
	}
}

static struct diff_object *
diff_add_object(struct model_diff *d, enum diff_op op, enum objtype t,
    const void *a, const void *b)
{
	struct diff_object	*o;

	d->objects = xreallocarray(d->objects, d->nobjects + 1,
	    sizeof *d->objects);
	o = &d->objects[d->nobjects++];
	memset(o, 0, sizeof *o);
	o->op = op;
	o->type = t;
	o->old_obj = a;
	o->new_obj = b;
	o->old_id = a != NULL ? diff_obj_id(a) : NULL;
	o->new_id = b != NULL ? diff_obj_id(b) : NULL;
	return o;
}

/* Find renames among the objects of a type that are in one version only. */
static void
diff_renames(struct model_diff *d, enum objtype t, double threshold)
{
	void		**ov, **nv;
	size_t		  no, nn, i, j, bi, bj;
	char		 *otaken, *ntaken;
	const char	 *why, *bwhy;
	double		  s, best;

	diff_objects_of(d->old_model, t, &ov, &no);
	diff_objects_of(d->new_model, t, &nv, &nn);
	otaken = xcalloc(no + 1, 1);
	ntaken = xcalloc(nn + 1, 1);
	for (i = 0; i < no; i++)
		otaken[i] = diff_has(d->new_model, t, diff_obj_id(ov[i]));
	for (j = 0; j < nn; j++)
		ntaken[j] = diff_has(d->old_model, t, diff_obj_id(nv[j]));
	for (;;) {
		best = 0;
		bi = bj = 0;
		bwhy = NULL;
		for (i = 0; i < no; i++) {
			if (otaken[i])
				continue;
			for (j = 0; j < nn; j++) {
				if (ntaken[j])
					continue;
				s = diff_score(d, t, ov[i], nv[j], &why);
				if (s > best) {
					best = s;
					bi = i;
					bj = j;
					bwhy = why;
				}
			}
		}
		if (best < threshold)
			break;
		otaken[bi] = ntaken[bj] = 1;
		strmap_put(&d->renamed, diff_obj_id(ov[bi]),
		    (void *)(uintptr_t)diff_obj_id(nv[bj]));
		diff_add_object(d, DIFF_RENAMED, t, ov[bi], nv[bj])->why =
		    bwhy;
	}
	free(otaken);
	free(ntaken);
}

/* Field changes of objects in both versions, additions and removals. */
static void
diff_compare(struct model_diff *d, enum objtype t)
{
	void			**ov, **nv;
	size_t			  no, nn, i, k, eq;
	const struct objref	 *r;
	struct diff_object	 *o;

	diff_objects_of(d->old_model, t, &ov, &no);
	diff_objects_of(d->new_model, t, &nv, &nn);
	/* Renames found earlier: their field changes. */
	for (k = 0; k < d->nobjects; k++) {
		o = &d->objects[k];
		if (o->op == DIFF_RENAMED && o->type == t && o->nfields == 0)
			diff_fields(d, t, o->old_obj, o->new_obj, o, &eq);
	}
	for (i = 0; i < no; i++) {
		r = model_find(d->new_model, diff_obj_id(ov[i]));
		if (r != NULL && r->type == t) {
			o = diff_add_object(d, DIFF_CHANGED, t, ov[i], r->ptr);
			diff_fields(d, t, ov[i], r->ptr, o, &eq);
			if (o->nfields == 0)
				d->nobjects--;
		} else if (strmap_get(&d->renamed, diff_obj_id(ov[i])) ==
		    NULL)
			diff_add_object(d, DIFF_REMOVED, t, ov[i], NULL);
	}
	for (i = 0; i < nn; i++) {
		if (diff_has(d->old_model, t, diff_obj_id(nv[i])))
			continue;
		for (k = 0; k < d->nobjects; k++)
			if (d->objects[k].op == DIFF_RENAMED &&
			    d->objects[k].new_obj == nv[i])
				break;
		if (k == d->nobjects)
			diff_add_object(d, DIFF_ADDED, t, NULL, nv[i]);
	}
}

/* The system's own fields, and its id. */
static void
diff_system(struct model_diff *d)
{
	const struct system	*a = &d->old_model->system;
	const struct system	*b = &d->new_model->system;
	struct diff_object	*o;
	size_t			 eq;

	o = diff_add_object(d, DIFF_CHANGED, OBJ_SYSTEM, a, b);
	diff_fields(d, OBJ_SYSTEM, a, b, o, &eq);
	if (strcmp(a->id, b->id) != 0) {
		o->op = DIFF_RENAMED;
		o->why = "the system";
		strmap_put(&d->renamed, a->id, (void *)(uintptr_t)b->id);
	} else if (o->nfields == 0)
		d->nobjects--;
}

static char *
diff_answer(enum tri a)
{
	return xstrdup(vocab_name(&vocab_answer, (int)a));
}

static char *
diff_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Practice answers, by question id. */
static void
diff_practices(struct model_diff *d)
{
	const struct model	*om = d->old_model, *nm = d->new_model;
	struct practice		*p, *q;
	struct diff_object	*o;
	size_t			 i;

	for (i = 0; i < om->npractices; i++) {
		p = om->practices[i];
		q = model_practice(nm, p->id);
		if (q != NULL && q->answer == p->answer &&
		    diff_same(q->note, p->note))
			continue;
		o = diff_add_object(d, q != NULL ? DIFF_CHANGED : DIFF_REMOVED,
		    OBJ_SYSTEM, p, q);
		o->practice = 1;
		o->old_id = p->id;
		o->new_id = q != NULL ? q->id : NULL;
		if (q == NULL || q->answer != p->answer)
			diff_field_add(&o->fields, &o->nfields, "answer",
			    diff_answer(p->answer), q != NULL ?
			    diff_answer(q->answer) : NULL);
		if (q != NULL ? !diff_same(q->note, p->note) : p->note != NULL)
			diff_field_add(&o->fields, &o->nfields, "note",
			    diff_dup(p->note), q != NULL ? diff_dup(q->note) :
			    NULL);
	}
	for (i = 0; i < nm->npractices; i++) {
		q = nm->practices[i];
		if (model_practice(om, q->id) != NULL)
			continue;
		o = diff_add_object(d, DIFF_ADDED, OBJ_SYSTEM, NULL, q);
		o->practice = 1;
		o->new_id = q->id;
		diff_field_add(&o->fields, &o->nfields, "answer", NULL,
		    diff_answer(q->answer));
		if (q->note != NULL)
			diff_field_add(&o->fields, &o->nfields, "note", NULL,
			    diff_dup(q->note));
	}
}

static struct diff_risk *
diff_add_risk(struct model_diff *d, enum diff_risk_op op,
    const struct risk *a, const struct risk *b)
{
	struct diff_risk	*r;

	d->risks = xreallocarray(d->risks, d->nrisks + 1, sizeof *d->risks);
	r = &d->risks[d->nrisks++];
	r->op = op;
	r->old_risk = a;
	r->new_risk = b;
	r->fields = NULL;
	r->nfields = 0;
	return r;
}

/* A text of a decision that changed. */
static void
diff_line(struct diff_risk *r, const char *field, const char *a,
    const char *c)
{
	if (diff_same(a, c))
		return;
	diff_field_add(&r->fields, &r->nfields, field, diff_dup(a),
	    diff_dup(c));
}

/* What changed in the decisions on one risk, into r. */
static void
diff_decision(struct diff_risk *w, const struct risk *a, const struct risk *b)
{
	const struct risk_mitigation	*ma, *mb;
	char				 label[160];
	size_t				 i;

	diff_line(w, "status", vocab_name(&vocab_risk_status, a->status),
	    vocab_name(&vocab_risk_status, b->status));
	diff_line(w, "owner", a->owner, b->owner);
	diff_line(w, "justification", a->justification, b->justification);
	for (i = 0; i < b->nmitigations; i++) {
		mb = &b->mitigations[i];
		ma = risk_find_mitigation(a, mb->id);
		snprintf(label, sizeof label, "mitigation %s", mb->id);
		diff_line(w, label, ma != NULL ? vocab_name(
		    &vocab_mitigation_status, ma->status) : NULL,
		    vocab_name(&vocab_mitigation_status, mb->status));
		snprintf(label, sizeof label, "mitigation %s owner", mb->id);
		diff_line(w, label, ma != NULL ? ma->owner : NULL, mb->owner);
		snprintf(label, sizeof label, "mitigation %s due", mb->id);
		diff_line(w, label, ma != NULL ? ma->due : NULL, mb->due);
	}
}

static void
diff_risks(struct model_diff *d, const struct risk_register *old_risks,
    const struct risk_register *new_risks)
{
	struct strmap		 byname;
	struct risk		*a, *b;
	char			*name;
	char			**names;
	struct diff_risk	*r;
	size_t			 i, nn = 0;

	strmap_init(&byname);
	names = xcalloc(new_risks->n + old_risks->n + 1, sizeof *names);
	for (i = 0; i < new_risks->n; i++) {
		b = new_risks->risks[i];
		if (!b->applies)
			continue;
		names[nn] = risk_name(b);
		strmap_put(&byname, names[nn++], b);
	}
	for (i = 0; i < old_risks->n; i++) {
		a = old_risks->risks[i];
		if (!a->applies)
			continue;
		name = xasprintf("%s@%s", a->threat, diff_map(d, a->target));
		b = strmap_del(&byname, name);
		free(name);
		if (b == NULL) {
			diff_add_risk(d, DIFF_RISK_GONE, a, NULL);
			continue;
		}
		if (a->severity != b->severity ||
		    a->likelihood != b->likelihood || a->impact != b->impact)
			diff_add_risk(d, DIFF_RISK_SCORE, a, b);
		r = diff_add_risk(d, DIFF_RISK_DECISION, a, b);
		diff_decision(r, a, b);
		if (r->nfields == 0)
			d->nrisks--;
	}
	for (i = 0; i < new_risks->n; i++) {
		b = new_risks->risks[i];
		if (!b->applies)
			continue;
		name = risk_name(b);
		if (strmap_get(&byname, name) != NULL)
			diff_add_risk(d, DIFF_RISK_APPEARS, NULL, b);
		free(name);
	}
	strmap_release(&byname);
	for (i = 0; i < nn; i++)
		free(names[i]);
	free(names);
}

static int
diff_risk_order(const void *x, const void *y)
{
	const struct diff_risk	*a = x, *b = y;
	const struct risk	*ka = a->new_risk != NULL ? a->new_risk :
				    a->old_risk;
	const struct risk	*kb = b->new_risk != NULL ? b->new_risk :
				    b->old_risk;
	int			 c;

	if (a->op != b->op)
		return (int)a->op - (int)b->op;
	if (ka->severity != kb->severity)
		return kb->severity - ka->severity;
	if ((c = strcmp(ka->threat, kb->threat)) != 0)
		return c;
	return strcmp(ka->target, kb->target);
}

void
model_diff(struct model_diff *d, const struct model *old_model,
    const struct risk_register *old_risks, const struct model *new_model,
    const struct risk_register *new_risks)
{
	memset(d, 0, sizeof *d);
	d->old_model = old_model;
	d->new_model = new_model;
	strmap_init(&d->renamed);
	diff_system(d);
	/* Components first: flows and boundaries are matched through them. */
	diff_renames(d, OBJ_COMPONENT, DIFF_RENAME_COMPONENT);
	diff_renames(d, OBJ_BOUNDARY, DIFF_RENAME_BOUNDARY);
	diff_renames(d, OBJ_FLOW, DIFF_RENAME_FLOW);
	diff_compare(d, OBJ_BOUNDARY);
	diff_compare(d, OBJ_COMPONENT);
	diff_compare(d, OBJ_FLOW);
	diff_practices(d);
	diff_risks(d, old_risks, new_risks);
	if (d->nrisks > 1)
		qsort(d->risks, d->nrisks, sizeof *d->risks, diff_risk_order);
}

void
model_diff_release(struct model_diff *d)
{
	size_t	i;

	for (i = 0; i < d->nobjects; i++)
		diff_fields_free(d->objects[i].fields, d->objects[i].nfields);
	free(d->objects);
	for (i = 0; i < d->nrisks; i++)
		diff_fields_free(d->risks[i].fields, d->risks[i].nfields);
	free(d->risks);
	strmap_release(&d->renamed);
	memset(d, 0, sizeof *d);
}

int
model_diff_empty(const struct model_diff *d)
{
	return d->nobjects == 0 && d->nrisks == 0;
}

static int
diff_is_open(const struct risk *k)
{
	return k->status == RISK_OPEN || k->status == RISK_MITIGATING;
}

size_t
model_diff_new_at(const struct model_diff *d, int level,
    struct model_diff_new *by)
{
	const struct diff_risk	*r;
	struct model_diff_new	 n = { 0, 0, 0 };
	size_t			 i;

	for (i = 0; i < d->nrisks; i++) {
		r = &d->risks[i];
		if (r->new_risk == NULL || !diff_is_open(r->new_risk) ||
		    r->new_risk->severity < level)
			continue;
		switch (r->op) {
		case DIFF_RISK_APPEARS:
			n.appears++;
			break;
		case DIFF_RISK_SCORE:
			n.raised += r->old_risk->severity < level &&
			    diff_is_open(r->old_risk);
			break;
		case DIFF_RISK_DECISION:
			n.reopened += !diff_is_open(r->old_risk);
			break;
		default:
			break;
		}
	}
	if (by != NULL)
		*by = n;
	return n.appears + n.raised + n.reopened;
}

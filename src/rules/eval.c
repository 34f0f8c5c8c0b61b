/* eval.c: three-valued evaluation of conditions (reasons: explain.c). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/eval-int.h"
#include "util/xmalloc.h"

/*
 * The work done once per node, not per subject, kept out of eval_cond():
 * inlined, it made every call save the registers only it needs.
 */
#if defined(__GNUC__)
#define EVAL_COLD	__attribute__((noinline))
#else
#define EVAL_COLD
#endif

/* Build the flows into and out of every component, in flow order. */
static void
eval_adjacency(struct eval *e)
{
	const struct model	*m = e->m;
	size_t			 i, c;
	uint32_t		*in_pos, *out_pos;

	e->in_off = xcalloc(e->nc + 1, sizeof *e->in_off);
	e->out_off = xcalloc(e->nc + 1, sizeof *e->out_off);
	e->in_flow = xcalloc(m->nflows + 1, sizeof *e->in_flow);
	e->out_flow = xcalloc(m->nflows + 1, sizeof *e->out_flow);
	e->in_from = xcalloc(m->nflows + 1, sizeof *e->in_from);
	e->out_to = xcalloc(m->nflows + 1, sizeof *e->out_to);
	for (i = 0; i < m->nflows; i++) {
		e->in_off[m->flows[i]->dst->index + 1]++;
		e->out_off[m->flows[i]->src->index + 1]++;
	}
	for (c = 0; c < e->nc; c++) {
		e->in_off[c + 1] += e->in_off[c];
		e->out_off[c + 1] += e->out_off[c];
	}
	in_pos = xcalloc(e->nc + 1, sizeof *in_pos);
	out_pos = xcalloc(e->nc + 1, sizeof *out_pos);
	memcpy(in_pos, e->in_off, e->nc * sizeof *in_pos);
	memcpy(out_pos, e->out_off, e->nc * sizeof *out_pos);
	for (i = 0; i < m->nflows; i++) {
		e->in_from[in_pos[m->flows[i]->dst->index]] =
		    (uint32_t)m->flows[i]->src->index;
		e->in_flow[in_pos[m->flows[i]->dst->index]++] = (uint32_t)i;
		e->out_to[out_pos[m->flows[i]->src->index]] =
		    (uint32_t)m->flows[i]->dst->index;
		e->out_flow[out_pos[m->flows[i]->src->index]++] = (uint32_t)i;
	}
	free(in_pos);
	free(out_pos);
}

/*
 * Whether each flow crosses a boundary and comes from a less trusted one,
 * as three-valued answers: conditions read them for every threat about
 * flows.
 */
static void
eval_flow_facts(struct eval *e)
{
	const struct model	*m = e->m;
	size_t			 i;

	e->fcross = xcalloc(m->nflows + 1, 1);
	e->fless = xcalloc(m->nflows + 1, 1);
	for (i = 0; i < m->nflows; i++) {
		e->fcross[i] = (uint8_t)tv_of_tri(flow_crossing(m,
		    m->flows[i]));
		e->fless[i] = (uint8_t)tv_of_tri(flow_from_less_trusted(m,
		    m->flows[i]));
	}
}

/* Number the boundaries and note each component's. */
static void
eval_boundaries(struct eval *e)
{
	const struct model	*m = e->m;
	const struct component	*comp;
	size_t			 i;

	e->nb = m->nboundaries;
	strmap_init(&e->bindex);
	for (i = 0; i < e->nb; i++)
		strmap_put(&e->bindex, m->boundaries[i]->id,
		    (void *)(uintptr_t)(i + 1));
	e->cbound = xcalloc(e->nc + 1, sizeof *e->cbound);
	for (i = 0; i < e->nc; i++) {
		comp = m->components[i];
		e->cbound[i] = comp->b == NULL ? NO_BOUNDARY : (uint32_t)
		    ((uintptr_t)strmap_get(&e->bindex, comp->b->id) - 1);
	}
}

/* The index of a boundary of the model. */
size_t
eval_boundary_index(const struct eval *e, const struct boundary *b)
{
	return (size_t)((uintptr_t)strmap_get(&e->bindex, b->id) - 1);
}

/*
 * Whether a node of a tree, settled yes or no, may still ask a field or
 * assume something when explained: only a crossing or trust leaf that
 * takes both answers ("crosses-boundary: [true, false]"), yes whatever
 * the boundaries, while its explanation names the ones not set. Every
 * other ask and assumption of explain.c rests on a maybe. The catalogue
 * refuses that form today (a boolean, not a list); eval_bool() and
 * explain_flow_leaf() still take it, and so does this.
 */
static int
eval_settled_asks(const struct cond *c)
{
	size_t	i;

	if (c == NULL)
		return 0;
	if ((c->op == COND_CROSSES || c->op == COND_LESS_TRUSTED) &&
	    c->values == (COND_TRUE | COND_FALSE))
		return 1;
	for (i = 0; i < c->nkids; i++)
		if (eval_settled_asks(c->kids[i]))
			return 1;
	return 0;
}

/*
 * Count the nodes of a tree by slot: a slot shared by several threats
 * (cond_share_slots()) is forgotten with the last of them. USES_KEPT
 * (an adjustment's) is never forgotten before eval_free().
 */
static void
eval_count_uses(struct eval *e, const struct cond *c, int kept)
{
	size_t	i;

	if (c == NULL)
		return;
	if (c->slot != COND_NOSLOT && c->slot < e->nmemo &&
	    e->uses[c->slot] != USES_KEPT)
		e->uses[c->slot] = kept ? USES_KEPT : e->uses[c->slot] + 1;
	for (i = 0; i < c->nkids; i++)
		eval_count_uses(e, c->kids[i], kept);
}

struct eval *
eval_new(const struct catalogue *cat, const struct model *m)
{
	struct eval	*e = xcalloc(1, sizeof *e);
	size_t		 i;

	e->cat = cat;
	e->m = m;
	e->nc = m->ncomponents;
	e->nmemo = cat->ncondslots;
	e->memo = xcalloc(e->nmemo + 1, sizeof *e->memo);
	e->uses = xcalloc(e->nmemo + 1, sizeof *e->uses);
	for (i = 0; i < cat->nthreats; i++)
		eval_count_uses(e, cat->threats[i]->when, 0);
	for (i = 0; i < cat->nadjustments; i++) {
		eval_count_uses(e, cat->adjustments[i]->when, 1);
		eval_count_uses(e, cat->adjustments[i]->unless, 1);
	}
	eval_adjacency(e);
	eval_boundaries(e);
	eval_flow_facts(e);
	e->scratch_seen = xcalloc(e->nc + 1, 1);
	e->scratch_flow = xcalloc(e->nc + 1, sizeof *e->scratch_flow);
	e->scratch_queue = xcalloc(PATH_SEARCH + 1,
	    sizeof *e->scratch_queue);
	e->cache = xcalloc(EVAL_CACHE, sizeof *e->cache);
	e->adjv = xcalloc(cat->nadjustments + 1, sizeof *e->adjv);
	buf_init(&e->line);
	buf_init(&e->ask);
	for (i = 0; i < cat->nthreats && !e->settled_asks; i++)
		e->settled_asks = eval_settled_asks(cat->threats[i]->when);
	for (i = 0; i < cat->nadjustments && !e->settled_asks; i++)
		e->settled_asks = eval_settled_asks(cat->adjustments[i]->when);
	return e;
}

static void
eval_memo_release(struct memo *mm)
{
	free(mm->vals);
	free(mm->wits);
	free(mm->cnts);
	free(mm->next);
	free(mm->unk);
	free(mm->kid);
	memset(mm, 0, sizeof *mm);
}

void
eval_forget(struct eval *e, const struct cond *c)
{
	size_t	i;

	if (c == NULL)
		return;
	if (c->slot != COND_NOSLOT && c->slot < e->nmemo &&
	    e->uses[c->slot] != USES_KEPT &&
	    (e->uses[c->slot] <= 1 || --e->uses[c->slot] == 0)) {
		e->uses[c->slot] = 0;
		eval_memo_release(&e->memo[c->slot]);
	}
	for (i = 0; i < c->nkids; i++)
		eval_forget(e, c->kids[i]);
}

void
eval_free(struct eval *e)
{
	size_t	i;

	if (e == NULL)
		return;
	eval_reasons_end(e);
	for (i = 0; i < e->nmemo; i++)
		eval_memo_release(&e->memo[i]);
	free(e->memo);
	free(e->uses);
	strmap_release(&e->bindex);
	free(e->cbound);
	free(e->fcross);
	free(e->fless);
	free(e->in_off);
	free(e->in_flow);
	free(e->out_off);
	free(e->out_flow);
	free(e->in_from);
	free(e->out_to);
	free(e->scratch_seen);
	free(e->scratch_flow);
	free(e->scratch_queue);
	free(e->cache);
	for (i = 0; i < e->cat->nadjustments; i++)
		free(e->adjv[i]);
	free(e->adjv);
	buf_release(&e->line);
	buf_release(&e->ask);
	free(e);
}

/*
 * A condition's kinds: "kind:" names them, all of a mapping's entries
 * must hold, one of a list's; anything else may hold for any kind. The
 * walk stops at the nodes about another subject (a flow, a boundary, the
 * components a quantifier reaches), so it is as long as the condition's
 * own entries.
 */
unsigned
eval_kinds(const struct cond *c)
{
	unsigned	k;
	size_t		i;

	if (c == NULL || c->subject != TARGET_COMPONENT)
		return KIND_ALL;
	switch (c->op) {
	case COND_KIND:
		return c->values & KIND_ALL;
	case COND_ALL:
		for (k = KIND_ALL, i = 0; i < c->nkids; i++)
			k &= eval_kinds(c->kids[i]);
		return k;
	case COND_ANY:
		for (k = 0, i = 0; i < c->nkids; i++)
			k |= eval_kinds(c->kids[i]);
		return k;
	default:
		return KIND_ALL;
	}
}

/* eval_cond() for a component, no at once for a kind outside kinds. */
static enum tv
eval_comp(struct eval *e, const struct cond *c, unsigned kinds,
    const struct component *comp)
{
	if (comp->kind >= 0 && comp->kind < KIND_COUNT &&
	    (kinds & KIND_BIT(comp->kind)) == 0)
		return TV_NO;
	return eval_cond(e, c, comp);
}

/*
 * The per-component arrays of a node (per boundary for contains),
 * allocated on first use.
 */
static EVAL_COLD void
eval_memo_alloc(struct eval *e, const struct cond *c, struct memo *mm)
{
	size_t		 n = c->op == COND_CONTAINS ? e->nb : e->nc;

	if (c->op == COND_FROM || c->op == COND_TO) {
		/* Only the kid's value at each component. */
		mm->vals = xmalloc(n + 1);
		memset(mm->vals, MEMO_UNSET, n + 1);
		return;
	}
	mm->kinds = c->nkids > 0 ? eval_kinds(c->kids[0]) : KIND_ALL;
	mm->vals = xmalloc(n + 1);
	memset(mm->vals, MEMO_UNSET, n + 1);
	mm->wits = xcalloc(n + 1, sizeof *mm->wits);
	mm->cnts = xcalloc(n + 1, sizeof *mm->cnts);
	if (c->op == COND_REACHES || c->op == COND_REACHABLE)
		mm->next = xcalloc(n + 1, sizeof *mm->next);
	if (mm->next != NULL && c->values != 0)
		mm->unk = xcalloc(n + 1, sizeof *mm->unk);
}

static inline struct memo *
eval_memo(struct eval *e, const struct cond *c)
{
	struct memo	*mm = &e->memo[c->slot];

	if (mm->vals == NULL)
		eval_memo_alloc(e, c, mm);
	return mm;
}

/*
 * An object's field as a condition reads it: -1 if it has none (no object,
 * a field that does not apply to a component's kind, a text field), 0 if
 * it is not answered, 1 if it is; then *hit says whether its value is one
 * of the condition's.
 */
static inline int
eval_read(const struct cond *c, const void *obj, int *hit)
{
	const struct field	*f = c->field;
	const char		*p;
	const struct component	*comp = obj;
	unsigned		 bits;
	int			 v;

	*hit = 0;
	if (obj == NULL)
		return -1;
	/* field_applies(), without a call */
	if (c->subject == TARGET_COMPONENT && f->kinds != 0 &&
	    (comp->kind < 0 || comp->kind >= KIND_COUNT ||
	    (f->kinds & KIND_BIT(comp->kind)) == 0))
		return -1;
	p = (const char *)obj + f->offset;
	switch (f->type) {
	case FIELD_ENUM:
	case FIELD_KIND:
	case FIELD_BOOL:
		memcpy(&v, p, sizeof v);
		if (f->type == FIELD_BOOL ? v == TRI_UNKNOWN : v < 0)
			return 0;
		*hit = (c->values & (1u << v)) != 0;
		return 1;
	case FIELD_SET:
		memcpy(&bits, p, sizeof bits);
		if (bits == 0)
			return 0;
		*hit = (c->values & bits) != 0;
		return 1;
	case FIELD_TEXT:
	case FIELD_ID:
	case FIELD_REF:
		break;
	}
	return -1;
}

/* The value of a field condition for an object. */
static enum tv
eval_field(const struct cond *c, const void *obj)
{
	int	 hit, r;

	if (obj == NULL)
		return TV_MAYBE;
	r = eval_read(c, obj, &hit);
	if (r == 0)
		return TV_MAYBE;
	return r > 0 && hit ? TV_YES : TV_NO;
}

/*
 * Whether an object's field has a value in the model: never maybe (that
 * a field is not answered is itself a fact). A field that does not apply
 * to a component's kind has none.
 */
enum tv
eval_answered(const struct cond *c, const void *obj)
{
	int	 hit;

	return eval_read(c, obj, &hit) > 0 ? TV_YES : TV_NO;
}

/* A derived fact of the model as a three-valued answer. */
enum tv
tv_of_tri(enum tri v)
{
	return v == TRI_YES ? TV_YES : v == TRI_NO ? TV_NO : TV_MAYBE;
}

/* A boolean leaf: the value for true, turned round for false. */
static enum tv
eval_bool(unsigned values, enum tv v)
{
	if (values == (COND_TRUE | COND_FALSE))
		return TV_YES;
	return values == COND_TRUE ? v : (enum tv)(TV_YES - v);
}

/* The one-hop quantifiers: some flow (or its far end) satisfies the kid. */
enum tv
eval_quant(struct eval *e, const struct cond *c, const struct component *comp)
{
	const struct model	*m = e->m;
	struct memo		*mm = eval_memo(e, c);
	const uint32_t		*off, *list;
	const struct flow	*f;
	uint32_t		 i, best = TV_NO, wit = 0, cnt = 0;
	enum tv			 v;
	size_t			 ci = comp->index;

	if (mm->vals[ci] != MEMO_UNSET)
		return (enum tv)mm->vals[ci];
	if (c->op == COND_INBOUND || c->op == COND_UPSTREAM) {
		off = e->in_off;
		list = e->in_flow;
	} else {
		off = e->out_off;
		list = e->out_flow;
	}
	for (i = off[ci]; i < off[ci + 1]; i++) {
		f = m->flows[list[i]];
		switch (c->op) {
		case COND_UPSTREAM:
			v = eval_comp(e, c->kids[0], mm->kinds, f->src);
			break;
		case COND_DOWNSTREAM:
			v = eval_comp(e, c->kids[0], mm->kinds, f->dst);
			break;
		default:
			v = eval_cond(e, c->kids[0], f);
			break;
		}
		if (cnt == 0 || v > best) {
			best = v;
			wit = list[i];
			cnt = 1;
		} else if (v == best)
			cnt++;
		if (best == TV_YES)
			break;
	}
	mm->vals[ci] = (uint8_t)best;
	mm->wits[ci] = wit;
	mm->cnts[ci] = cnt;
	return (enum tv)best;
}

/*
 * May a path go through a flow? Always without "via"; with it, yes if the
 * flow carries one of the classes, maybe if its data is not answered.
 */
enum tv
eval_via(const struct cond *c, const struct flow *f)
{
	if (c->values == 0)
		return TV_YES;
	if (f->data == 0)
		return TV_MAYBE;
	return (f->data & c->values) ? TV_YES : TV_NO;
}

/*
 * reachable-from and reaches: the best value over the components that
 * reach each component (reachable-from), or that each component reaches
 * (reaches), through one or more flows, of the kid there and of every
 * flow of the path ("via": a flow that may carry the classes is maybe).
 * One search from the components where the kid is yes, following flows
 * forward (reachable-from) or backward (reaches) that definitely pass,
 * then one from those where it is maybe, and (with "via") from those a
 * yes path reached, following flows that may pass. A component keeps the
 * first value it gets, so a path to a yes beats a path to a maybe, and
 * every flow is followed at most twice per search.
 */
static EVAL_COLD void
eval_reach(struct eval *e, const struct cond *c, struct memo *mm)
{
	const struct model	*m = e->m;
	const struct flow	*f;
	const uint32_t		*off, *list, *ends;
	uint8_t			*seed;
	uint32_t		*queue, head, tail, i, j, k, d;
	uint32_t		 wit, hops, unk;
	enum tv			 fv;
	int			 pass, back = c->op == COND_REACHES;

	off = back ? e->in_off : e->out_off;
	list = back ? e->in_flow : e->out_flow;
	ends = back ? e->in_from : e->out_to;
	seed = mm->kid = xcalloc(e->nc + 1, 1);
	queue = xcalloc(e->nc + 1, sizeof *queue);
	for (i = 0; i < e->nc; i++) {
		seed[i] = (uint8_t)eval_comp(e, c->kids[0], mm->kinds,
		    m->components[i]);
		mm->vals[i] = TV_NO;
	}
	for (pass = TV_YES; pass >= TV_MAYBE; pass--) {
		for (i = 0; i < e->nc; i++) {
			/*
			 * Without "via" a yes path reaches no more than the
			 * first search found; with it, it may go on through
			 * flows that may carry the classes.
			 */
			if (c->values == 0 ? seed[i] != pass :
			    seed[i] < pass && (pass != TV_MAYBE ||
			    mm->vals[i] != TV_YES))
				continue;
			head = tail = 0;
			queue[tail++] = i;
			while (head < tail) {
				j = queue[head++];
				if (j != i) {
					wit = mm->wits[j];
					hops = mm->cnts[j];
					unk = mm->unk != NULL ? mm->unk[j] : 0;
				} else if (seed[i] >= pass) {
					wit = i;
					hops = unk = 0;
				} else {
					/* Reached by a yes path before. */
					wit = mm->wits[i];
					hops = mm->cnts[i];
					unk = 0;
				}
				for (k = off[j]; k < off[j + 1]; k++) {
					d = ends[k];
					if (mm->vals[d] >= pass)
						continue;
					f = m->flows[list[k]];
					if ((int)(fv = eval_via(c, f)) < pass)
						continue;
					mm->vals[d] = (uint8_t)pass;
					mm->wits[d] = wit;
					mm->cnts[d] = hops + 1;
					mm->next[d] = list[k];
					if (mm->unk != NULL)
						mm->unk[d] = unk +
						    (fv == TV_MAYBE);
					queue[tail++] = d;
				}
			}
		}
	}
	free(queue);
	mm->done = 1;
}

/*
 * contains: the best value of the kid over the components of each
 * boundary, in one pass over the components.
 */
static EVAL_COLD void
eval_contains(struct eval *e, const struct cond *c, struct memo *mm)
{
	enum tv		 v;
	uint32_t	 b;
	size_t		 i;

	for (i = 0; i < e->nb; i++)
		mm->vals[i] = TV_NO;
	for (i = 0; i < e->nc; i++) {
		if ((b = e->cbound[i]) == NO_BOUNDARY ||
		    mm->vals[b] == TV_YES)
			continue;
		v = eval_comp(e, c->kids[0], mm->kinds, e->m->components[i]);
		if (mm->cnts[b] == 0 || v > mm->vals[b]) {
			mm->vals[b] = (uint8_t)v;
			mm->wits[b] = (uint32_t)i;
			mm->cnts[b] = 1;
		} else if (v == mm->vals[b])
			mm->cnts[b]++;
	}
	mm->done = 1;
}

/* The value of a subject-independent node, computed once. */
static EVAL_COLD enum tv
eval_global(struct eval *e, const struct cond *c)
{
	struct memo		*mm = &e->memo[c->slot];
	const struct practice	*p;
	enum tv			 v;
	unsigned		 kinds;
	size_t			 i;

	if (mm->done)
		return (enum tv)mm->val;
	switch (c->op) {
	case COND_SYSTEM:
		mm->val = (uint8_t)eval_cond(e, c->kids[0], &e->m->system);
		break;
	case COND_PRACTICE:
		/*
		 * Only a "no" is a gap. An unanswered question is an open
		 * question of the assessment (counted and listed apart,
		 * see analyze_open_questions()), not a risk of its own.
		 */
		p = model_practice(e->m, c->question);
		mm->val = p != NULL && p->answer == (c->values == COND_TRUE ?
		    TRI_YES : TRI_NO) ? TV_YES : TV_NO;
		break;
	default:	/* COND_EXISTS */
		mm->val = TV_NO;
		kinds = eval_kinds(c->kids[0]);
		for (i = 0; i < e->nc; i++) {
			v = eval_comp(e, c->kids[0], kinds,
			    e->m->components[i]);
			if (mm->cnt == 0 || v > mm->val) {
				mm->val = (uint8_t)v;
				mm->wit = (uint32_t)i;
				mm->cnt = 1;
			} else if (v == mm->val)
				mm->cnt++;
			if (v == TV_YES)
				break;
		}
		break;
	}
	mm->done = 1;
	return (enum tv)mm->val;
}

/* The slot of the cache for a node and an object. */
static struct eval_cached *
eval_cached(struct eval *e, const struct cond *c, const void *obj)
{
	uintptr_t	h = ((uintptr_t)c >> 3) * 0x9e3779b1u ^
	    ((uintptr_t)obj >> 3) * 0x85ebca6bu;

	return &e->cache[(h ^ h >> 15) & (EVAL_CACHE - 1)];
}

/*
 * eval_cond() for a kid of all or any: the leaves met most often are
 * evaluated here, without a call of their own.
 */
static inline enum tv
eval_kid(struct eval *e, const struct cond *c, const void *obj)
{
	const struct component	*comp = obj;

	switch (c->op) {
	case COND_FIELD:
		return eval_field(c, obj);
	case COND_KIND:
		return (c->values & KIND_BIT(comp->kind)) ? TV_YES : TV_NO;
	default:
		return eval_cond(e, c, obj);
	}
}

/* all and any, with the kids' values remembered for the object. */
static enum tv
eval_list(struct eval *e, const struct cond *c, const void *obj)
{
	struct eval_cached	*x = e->caching ? eval_cached(e, c, obj) :
	    NULL;
	enum tv			 v, r;
	size_t			 i;

	if (x != NULL && x->c == c && x->obj == obj)
		return x->v;
	if (c->op == COND_ALL) {
		r = TV_YES;
		for (i = 0; i < c->nkids && r != TV_NO; i++)
			if ((v = eval_kid(e, c->kids[i], obj)) < r)
				r = v;
	} else {
		r = TV_NO;
		for (i = 0; i < c->nkids && r != TV_YES; i++)
			if ((v = eval_kid(e, c->kids[i], obj)) > r)
				r = v;
	}
	/* (the kids may have taken the slot meanwhile) */
	if (x != NULL) {
		x->c = c;
		x->obj = obj;
		x->v = r;
	}
	return r;
}

/*
 * The nodes met most often are answered here without a call of their
 * own, and "boundary", which only moves to another subject, by going
 * round again: what needs more (all, any, the
 * quantifiers, work done once per node) is in functions of its own, so
 * that this one keeps few registers to save.
 */
enum tv
eval_cond(struct eval *e, const struct cond *c, const void *obj)
{
	const struct component	*comp;
	const struct flow	*f;
	struct memo		*mm;

	for (;;) {
		comp = obj;
		f = obj;
		switch (c->op) {
		case COND_ALL:
		case COND_ANY:
			return eval_list(e, c, obj);
		case COND_NOT:
			return (enum tv)(TV_YES - eval_cond(e, c->kids[0],
			    obj));
		case COND_KIND:
			return (c->values & KIND_BIT(comp->kind)) ? TV_YES :
			    TV_NO;
		case COND_FIELD:
			return eval_field(c, obj);
		case COND_ANSWERED:
			return eval_answered(c, obj);
		case COND_CROSSES:
			return eval_bool(c->values,
			    (enum tv)e->fcross[f->index]);
		case COND_LESS_TRUSTED:
			return eval_bool(c->values,
			    (enum tv)e->fless[f->index]);
		case COND_FROM:
		case COND_TO:
			/*
			 * The kid's value at the component, kept: a
			 * component sends and receives many flows.
			 */
			comp = c->op == COND_FROM ? f->src : f->dst;
			mm = eval_memo(e, c);
			if (mm->vals[comp->index] == MEMO_UNSET)
				mm->vals[comp->index] = (uint8_t)eval_cond(e,
				    c->kids[0], comp);
			return (enum tv)mm->vals[comp->index];
		case COND_INBOUND:
		case COND_OUTBOUND:
		case COND_UPSTREAM:
		case COND_DOWNSTREAM:
			mm = &e->memo[c->slot];
			if (mm->vals != NULL &&
			    mm->vals[comp->index] != MEMO_UNSET)
				return (enum tv)mm->vals[comp->index];
			return eval_quant(e, c, comp);
		case COND_REACHABLE:
		case COND_REACHES:
			mm = &e->memo[c->slot];
			if (!mm->done)
				eval_reach(e, c, eval_memo(e, c));
			return (enum tv)mm->vals[comp->index];
		case COND_BOUNDARY:
			if (comp->b == NULL)
				return TV_MAYBE;
			obj = comp->b;
			c = c->kids[0];
			continue;
		case COND_CONTAINS:
			mm = &e->memo[c->slot];
			if (!mm->done)
				eval_contains(e, c, eval_memo(e, c));
			return (enum tv)mm->vals[eval_boundary_index(e,
			    obj)];
		case COND_SYSTEM:
		case COND_EXISTS:
		case COND_PRACTICE:
			mm = &e->memo[c->slot];
			if (mm->done)
				return (enum tv)mm->val;
			return eval_global(e, c);
		}
		return TV_NO;
	}
}


enum tv
eval_adjustment(struct eval *e, size_t ai, const void *obj)
{
	const struct adjustment	*a = e->cat->adjustments[ai];
	size_t			 n, i = 0;
	enum tv			 v;

	switch (a->target) {
	case TARGET_COMPONENT:
		n = e->nc;
		i = ((const struct component *)obj)->index;
		break;
	case TARGET_FLOW:
		n = e->m->nflows;
		i = ((const struct flow *)obj)->index;
		break;
	case TARGET_BOUNDARY:
		n = e->nb;
		i = eval_boundary_index(e, obj);
		break;
	default:
		n = 1;
		break;
	}
	if (e->adjv[ai] == NULL)
		e->adjv[ai] = xcalloc(n + 1, 1);
	if (e->adjv[ai][i] == 0) {
		v = eval_cond(e, a->when, obj);
		e->adjv[ai][i] = (uint8_t)(v + 1);
	}
	return (enum tv)(e->adjv[ai][i] - 1);
}

void
eval_caching(struct eval *e, int on)
{
	e->caching = on;
}

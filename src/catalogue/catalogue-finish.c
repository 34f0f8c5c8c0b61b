/*
 * catalogue-finish.c: the checks of a loaded catalogue across its files:
 * every id a threat or adjustment names exists, covers and excludes are
 * consistent, and every question is used.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/catalogue-int.h"
#include "catalogue/cond.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* State for the cross-reference checks. */
struct finish {
	struct catalogue	*cat;
	const char		*file;	/* of the entry being checked */
	void			(*cb)(const struct error *, void *);
	void			*arg;
	size_t			 nerr;
	struct strmap		 used;	/* questions named by threats */
};

static void
finish_report(struct finish *f, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
finish_report(struct finish *f, const char *file, unsigned long line,
    unsigned long col, const char *fmt, ...)
{
	struct error	e;
	va_list		ap;
	char		msg[sizeof e.msg];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_set_at(&e, file, line, col, "%s", msg);
	f->nerr++;
	if (f->cb != NULL)
		f->cb(&e, f->arg);
}

/*
 * Report that KIND 'OWNER' (VERB) names an id of section S that the
 * catalogue does not hold, with the nearest id it does.
 */
static void
finish_unknown(struct finish *f, const char *file, const struct srcpos *at,
    const char *kind, const char *owner, const char *verb, enum section s,
    const char *id)
{
	const char	*near = catalogue_suggest_id(f->cat, s, id);

	finish_report(f, file, at->line, at->col, "%s '%s' %s unknown %s "
	    "'%s'%s%s%s", kind, owner, verb, catalogue_sections[s].what, id,
	    near != NULL ? " (did you mean '" : "", near != NULL ? near : "",
	    near != NULL ? "'?)" : "");
}

/*
 * The threat that KIND 'OWNER' names at AT, or NULL: reported when the
 * catalogue has no such threat, silently when it was disabled.
 */
static const struct threat *
finish_threat_ref(struct finish *f, const char *file, const struct srcpos *at,
    const char *kind, const char *owner, const char *verb, const char *id)
{
	const struct threat	*t = catalogue_threat(f->cat, id);

	if (t == NULL && strmap_get(&f->cat->disabled, id) == NULL)
		finish_unknown(f, file, at, kind, owner, verb, SEC_THREAT, id);
	return t;
}

/* A practice condition must name a known question. */
static int
finish_practice(const struct cond *c, void *arg)
{
	struct finish	*f = arg;
	const char	*near;

	if (strmap_get(&f->cat->by_id[SEC_QUESTION], c->question) != NULL)
		return 0;
	near = catalogue_suggest_id(f->cat, SEC_QUESTION, c->question);
	if (near != NULL)
		finish_report(f, f->file, c->line, c->col, "unknown question "
		    "'%s' (did you mean '%s'?)", c->question, near);
	else
		finish_report(f, f->file, c->line, c->col, "unknown question "
		    "'%s'", c->question);
	return 0;
}

/* Note the questions a threat names. */
static int
finish_used(const struct cond *c, void *arg)
{
	struct finish	*f = arg;

	strmap_put(&f->used, c->question, f);
	return 0;
}

/*
 * The threats an adjustment names must exist (or have been disabled) and
 * have its target type.
 */
static void
finish_adjustment_list(struct finish *f, const struct adjustment *a,
    char *const *ids, const struct srcpos *pos, size_t n)
{
	const struct threat	*t;
	size_t			 i;

	for (i = 0; i < n; i++) {
		t = finish_threat_ref(f, a->pos.file, &pos[i], "adjustment",
		    a->id, "names", ids[i]);
		if (t == NULL)
			continue;
		if (a->target != TARGET_ANY && a->target != t->target)
			finish_report(f, a->pos.file, pos[i].line, pos[i].col,
			    "adjustment '%s' is for %s risks, but threat '%s' "
			    "targets a %s", a->id, target_type_name(a->target),
			    t->id, target_type_name(t->target));
		else if (a->stride != 0 && (a->stride & t->stride) == 0)
			finish_report(f, a->pos.file, pos[i].line, pos[i].col,
			    "adjustment '%s' names threat '%s', which has none "
			    "of its STRIDE letters", a->id, t->id);
	}
}

/* The threats an adjustment adjusts, and those it never adjusts. */
static void
finish_adjustment_threats(struct finish *f, const struct adjustment *a)
{
	finish_adjustment_list(f, a, a->threats, a->threats_pos,
	    a->nthreats);
	finish_adjustment_list(f, a, a->except, a->except_pos, a->nexcept);
}

/* Which list of covered threats finish_covers_list() checks. */
enum covers_list {
	COVERS_SAME,		/* covers */
	COVERS_FEEDBACK,	/* covers-feedback */
	COVERS_AGENTS		/* covers-agents */
};

/*
 * A threat that another covers may itself cover (with covers only) threats
 * that cover nothing: two levels at most, which analyze_covers() folds
 * from the bottom up (the covered threat's own first), so that a finding's
 * fate never depends on the order of the catalogue. 1 if c may be
 * covered; *deep is set to the threat it covers that covers in turn.
 */
static int
finish_coverable(const struct catalogue *cat, const struct threat *c,
    const char **deep)
{
	const struct threat	*d;
	size_t			 i;

	*deep = NULL;
	if (c->ncovers_feedback > 0 || c->ncovers_agents > 0)
		return 0;
	for (i = 0; i < c->ncovers; i++) {
		d = catalogue_threat(cat, c->covers[i]);
		if (d != NULL && (d->ncovers > 0 || d->ncovers_feedback > 0 ||
		    d->ncovers_agents > 0)) {
			*deep = d->id;
			return 0;
		}
	}
	return 1;
}

/* A list (key) that relates two components: t and c must both be. */
static void
finish_covers_components(struct finish *f, const struct threat *t,
    const struct threat *c, const struct srcpos *pos, const char *key)
{
	const struct threat	*other;

	if (t->target == TARGET_COMPONENT && c->target == TARGET_COMPONENT)
		return;
	other = t->target != TARGET_COMPONENT ? t : c;
	finish_report(f, t->pos.file, pos->line, pos->col, "'%s' is for "
	    "threats about a component, and threat '%s' is about a %s", key,
	    other->id, target_type_name(other->target));
}

/*
 * The threats a threat covers must exist (or have been disabled), and
 * cover threats in turn only as finish_coverable() allows; not at all
 * through covers-feedback. Findings of covers-agents are folded after
 * every other (see analyze_covers()), so theirs may cover others.
 */
static void
finish_covers_list(struct finish *f, const struct threat *t,
    enum covers_list which, char **ids, const struct srcpos *pos, size_t n)
{
	const struct threat	*c;
	const char		*deep = NULL;
	size_t			 i;
	int			 feedback = which == COVERS_FEEDBACK;

	for (i = 0; i < n; i++) {
		c = finish_threat_ref(f, t->pos.file, &pos[i], "threat",
		    t->id, "covers", ids[i]);
		/* What plans with a model is an agent: both are components. */
		if (c != NULL && which == COVERS_AGENTS)
			finish_covers_components(f, t, c, &pos[i],
			    "covers-agents");
		if (which == COVERS_AGENTS)
			continue;
		if (c != NULL && (c->ncovers > 0 || c->ncovers_feedback > 0 ||
		    c->ncovers_agents > 0) && (feedback ||
		    !finish_coverable(f->cat, c, &deep))) {
			if (!feedback && deep != NULL)
				finish_report(f, t->pos.file, pos[i].line,
				    pos[i].col, "threat '%s' covers '%s', "
				    "which covers '%s', which covers threats "
				    "itself", t->id, c->id, deep);
			else
				finish_report(f, t->pos.file, pos[i].line,
				    pos[i].col, "threat '%s' covers '%s', "
				    "which covers threats itself", t->id,
				    c->id);
		}
		/* What a component learns from is gathered by components. */
		if (c != NULL && feedback)
			finish_covers_components(f, t, c, &pos[i],
			    "covers-feedback");
	}
}

static void
finish_covers(struct finish *f, const struct threat *t)
{
	finish_covers_list(f, t, COVERS_SAME, t->covers, t->covers_pos,
	    t->ncovers);
	finish_covers_list(f, t, COVERS_FEEDBACK, t->covers_feedback,
	    t->covers_feedback_pos, t->ncovers_feedback);
	finish_covers_list(f, t, COVERS_AGENTS, t->covers_agents,
	    t->covers_agents_pos, t->ncovers_agents);
}

/*
 * The threats a threat excludes must exist (or have been disabled) and
 * have its target type.
 */
static void
finish_threat_excludes(struct finish *f, const struct threat *t)
{
	const struct threat	*o;
	size_t			 i;

	for (i = 0; i < t->nexcludes; i++) {
		o = finish_threat_ref(f, t->pos.file, &t->excludes_pos[i],
		    "threat", t->id, "excludes", t->excludes[i]);
		if (o != NULL && o->target != t->target)
			finish_report(f, t->pos.file, t->excludes_pos[i].line,
			    t->excludes_pos[i].col, "threat '%s' targets a %s, "
			    "but the threat it excludes, '%s', targets a %s",
			    t->id, target_type_name(t->target), o->id,
			    target_type_name(o->target));
	}
}

size_t
catalogue_finish_all(struct catalogue *cat,
    void (*cb)(const struct error *, void *), void *arg)
{
	struct finish		 f;
	const struct threat	*t;
	const struct question	*q;
	size_t			 i, j;

	memset(&f, 0, sizeof f);
	f.cat = cat;
	f.cb = cb;
	f.arg = arg;
	strmap_init(&f.used);
	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		for (j = 0; j < t->nmitigations; j++) {
			if (catalogue_mitigation(cat, t->mitigations[j]) !=
			    NULL)
				continue;
			finish_unknown(&f, t->pos.file, &t->mitigations_pos[j],
			    "threat", t->id, "names", SEC_MITIGATION,
			    t->mitigations[j]);
		}
		finish_covers(&f, t);
		finish_threat_excludes(&f, t);
		f.file = t->pos.file;
		cond_each_practice(t->when, finish_practice, &f);
		cond_each_practice(t->when, finish_used, &f);
	}
	for (i = 0; i < cat->nadjustments; i++) {
		f.file = cat->adjustments[i]->pos.file;
		cond_each_practice(cat->adjustments[i]->when, finish_practice,
		    &f);
		if (cat->adjustments[i]->unless != NULL)
			cond_each_practice(cat->adjustments[i]->unless,
			    finish_practice, &f);
		finish_adjustment_threats(&f, cat->adjustments[i]);
	}
	for (i = 0; i < cat->nquestions; i++) {
		q = cat->questions[i];
		if (strmap_get(&f.used, q->id) == NULL)
			finish_report(&f, q->pos.file, q->pos.line, q->pos.col,
			    "question '%s' is not used by any threat (name it "
			    "in a threat's 'practice:' condition)", q->id);
	}
	strmap_release(&f.used);
	return f.nerr;
}

/* Keep the first error reported. */
static void
finish_first(const struct error *e, void *arg)
{
	struct error	*err = arg;

	if (err != NULL && !error_isset(err))
		*err = *e;
}

/*
 * One memo slot for the nodes of all conditions that evaluate alike
 * (cond_share_slots()): threats' and adjustments' conditions repeat the
 * same quantifiers.
 */
static void
finish_share(struct catalogue *cat)
{
	struct cond	**roots;
	size_t		  i, n = 0;

	roots = xcalloc(cat->nthreats + 2 * cat->nadjustments + 1,
	    sizeof *roots);
	for (i = 0; i < cat->nthreats; i++)
		roots[n++] = cat->threats[i]->when;
	for (i = 0; i < cat->nadjustments; i++) {
		roots[n++] = cat->adjustments[i]->when;
		roots[n++] = cat->adjustments[i]->unless;
	}
	cond_share_slots(roots, n);
	free(roots);
}

int
catalogue_finish(struct catalogue *cat, struct error *err)
{
	if (err != NULL)
		error_clear(err);
	if (catalogue_finish_all(cat, finish_first, err) != 0)
		return -1;
	finish_share(cat);
	return 0;
}

/* cmd-import.c: parapet import MODEL DB -- create or update a model. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"
#include "export/xml-read.h"
#include "interop/interop.h"

/* Risks by name, "THREAT@TARGET": the map borrows the names it keeps. */
struct import_index {
	struct strmap	  map;		/* name -> struct risk */
	char		**names;	/* owned */
	size_t		  n;
};

/* 1 if the text looks like XML (first non-blank byte is '<'). */
static int
import_is_xml(const char *text)
{
	while (*text == ' ' || *text == '\t' || *text == '\n' ||
	    *text == '\r')
		text++;
	return *text == '<';
}

/* Index the risks of a register by name. */
static void
import_index_init(struct import_index *x, const struct risk_register *reg)
{
	size_t	i;

	strmap_init(&x->map);
	x->n = reg->n;
	x->names = xcalloc(reg->n + 1, sizeof *x->names);
	for (i = 0; i < reg->n; i++) {
		x->names[i] = risk_name(reg->risks[i]);
		strmap_put(&x->map, x->names[i], reg->risks[i]);
	}
}

static void
import_index_release(struct import_index *x)
{
	size_t	i;

	strmap_release(&x->map);
	for (i = 0; i < x->n; i++)
		free(x->names[i]);
	free(x->names);
}

/* The risk of a name in an index, or NULL. */
static struct risk *
import_index_get(const struct import_index *x, const char *name)
{
	return strmap_get(&x->map, name);
}

/* "a component", "the system": what a threat is about, for messages. */
static const char *
import_type(enum target_type t)
{
	switch (t) {
	case TARGET_SYSTEM:
		return "the system";
	case TARGET_BOUNDARY:
		return "a boundary";
	case TARGET_FLOW:
		return "a flow";
	default:
		return "a component";
	}
}

/*
 * Why a decision names no risk of the model: the threat is unknown, the
 * target is not in the model, the threat is about another type of object,
 * or its condition does not hold for the target. Returns -1.
 */
static int
import_no_risk(const struct session *s, const struct model *m,
    const struct risk *d, const struct srcpos *pos, const char *file,
    struct error *err)
{
	const struct threat	*t = catalogue_threat(s->cat, d->threat);
	const struct objref	*ref;
	const char		**words, *near;
	enum target_type	 type;
	struct buf		 why;
	size_t			 i, n = 0;
	int			 rc;

	buf_init(&why);
	if (t == NULL) {
		words = xcalloc(s->cat->nthreats + 1, sizeof *words);
		for (i = 0; i < s->cat->nthreats; i++)
			words[i] = s->cat->threats[i]->id;
		buf_addf(&why, "unknown threat '%s'", d->threat);
		if ((near = text_suggest(d->threat, words)) != NULL)
			buf_addf(&why, " (did you mean '%s'?)", near);
		free(words);
	} else if (strcmp(d->target, m->system.id) != 0 &&
	    (ref = model_find(m, d->target)) == NULL) {
		words = xcalloc(m->nboundaries + m->ncomponents + m->nflows + 2,
		    sizeof *words);
		words[n++] = m->system.id;
		for (i = 0; i < m->nboundaries; i++)
			words[n++] = m->boundaries[i]->id;
		for (i = 0; i < m->ncomponents; i++)
			words[n++] = m->components[i]->id;
		for (i = 0; i < m->nflows; i++)
			words[n++] = m->flows[i]->id;
		buf_addf(&why, "'%s' is not the system, a boundary, a "
		    "component or a flow of it", d->target);
		if ((near = text_suggest(d->target, words)) != NULL)
			buf_addf(&why, " (did you mean '%s'?)", near);
		free(words);
	} else {
		ref = model_find(m, d->target);
		if (strcmp(d->target, m->system.id) == 0)
			type = TARGET_SYSTEM;
		else if (ref->type == OBJ_BOUNDARY)
			type = TARGET_BOUNDARY;
		else if (ref->type == OBJ_FLOW)
			type = TARGET_FLOW;
		else
			type = TARGET_COMPONENT;
		if (type != t->target)
			buf_addf(&why, "threat '%s' is about %s, and '%s' is "
			    "%s", d->threat, import_type(t->target), d->target,
			    import_type(type));
		else
			buf_addf(&why, "threat '%s' does not apply to '%s'",
			    d->threat, d->target);
	}
	rc = error_set_at(err, file, pos->line, pos->col, "no risk '%s@%s' in "
	    "this model: %s", d->threat, d->target, why.s);
	buf_release(&why);
	return rc;
}

/*
 * A decision names a mitigation that neither the analysis nor the stored
 * register gives the risk. Returns -1.
 */
static int
import_no_mitigation(const struct risk *fresh, const struct risk *stored,
    const char *name, const char *id, const struct srcpos *pos,
    const char *file, struct error *err)
{
	const struct risk	*from[2] = { fresh, stored };
	const char		**words, *near;
	struct buf		 list;
	size_t			 i, j, n = 0, max = 0;
	int			 rc;

	for (i = 0; i < 2; i++)
		max += from[i] != NULL ? from[i]->nmitigations : 0;
	words = xcalloc(max + 1, sizeof *words);
	for (i = 0; i < 2; i++)
		for (j = 0; from[i] != NULL && j < from[i]->nmitigations;
		    j++) {
			if (i == 1 && fresh != NULL &&
			    risk_find_mitigation(fresh,
			    from[i]->mitigations[j].id) != NULL)
				continue;
			words[n++] = from[i]->mitigations[j].id;
		}
	buf_init(&list);
	if ((near = text_suggest(id, words)) != NULL)
		buf_addf(&list, "did you mean '%s'?", near);
	else if (n == 0)
		buf_adds(&list, "it has none");
	else {
		buf_addf(&list, "its mitigation%s ", n == 1 ? " is" : "s are");
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(&list, i + 1 == n ? " and " : ", ");
			buf_addf(&list, "'%s'", words[i]);
		}
	}
	rc = error_set_at(err, file, pos->line, pos->col, "'%s' is not a "
	    "mitigation of risk '%s' (%s)", id, name, list.s);
	buf_release(&list);
	free(words);
	return rc;
}

/*
 * Before anything is written: every decision must name a risk that the
 * analysis raises for the model, or one stored for it (that no longer
 * applies), and only mitigations that risk has.
 */
/*
 * A decision keyed by the name of a risk that a finding now covers or
 * groups (THREAT@FLOW of an earlier per-flow risk): it is the finding's
 * decision, as the store moves stored ones (store-merge.c). The decision
 * is renamed to the finding, with a note (several that land on one
 * finding are merged by import_merge_decisions()). Returns the finding, or
 * NULL.
 */
static struct risk *
import_redirect(const struct strmap *aliases, struct model_decisions *dec,
    size_t i, const char *file, struct import_notes *notes)
{
	struct risk	*d = dec->reg.risks[i], *k;
	char		*name = risk_name(d), *to;

	if ((k = strmap_get(aliases, name)) == NULL) {
		free(name);
		return NULL;
	}
	to = risk_name(k);
	import_notes_add(notes, "%s:%lu:%lu: the decision on '%s' is "
	    "applied to '%s', the finding that now covers it", file,
	    dec->pos[i].risk.line, dec->pos[i].risk.col, name, to);
	free(d->threat);
	free(d->target);
	d->threat = xstrdup(k->threat);
	d->target = xstrdup(k->target);
	free(name);
	free(to);
	return k;
}

/*
 * Decisions that name one risk after their redirection are merged into
 * the first, as the store merges stored ones (the most conservative
 * status wins, nothing people wrote is dropped), with a note.
 */
static void
import_merge_decisions(struct model_decisions *dec, const char *file,
    struct import_notes *notes)
{
	struct strmap	 first;
	unsigned char	*drop;
	char		**names;
	size_t		 i, n = 0, total = dec->reg.n, at;
	void		*v;
	int		 any = 0;

	strmap_init(&first);
	drop = xcalloc(total + 1, 1);
	names = xcalloc(total + 1, sizeof *names);
	for (i = 0; i < total; i++) {
		names[i] = risk_name(dec->reg.risks[i]);
		if ((v = strmap_get(&first, names[i])) == NULL) {
			strmap_put(&first, names[i], (void *)(uintptr_t)(i + 1));
			continue;
		}
		at = (size_t)(uintptr_t)v - 1;
		risk_merge_decisions(dec->reg.risks[at], dec->reg.risks[i]);
		import_notes_add(notes, "%s:%lu:%lu: the decision on '%s' is "
		    "merged with the one at line %lu (the more conservative "
		    "status is kept)", file, dec->pos[i].risk.line,
		    dec->pos[i].risk.col, names[i], dec->pos[at].risk.line);
		drop[i] = 1;
		any = 1;
	}
	if (any) {
		for (i = 0; i < total; i++) {
			if (drop[i])
				free(dec->pos[i].mitigations);
			else
				dec->pos[n++] = dec->pos[i];
		}
		risk_register_drop(&dec->reg, drop);
	}
	strmap_release(&first);
	for (i = 0; i < total; i++)
		free(names[i]);
	free(names);
	free(drop);
}

/*
 * An agent or tool whose human-approval and human-review disagree (a
 * person approves every action, yet reviews only those above a limit): the
 * analysis counts either as approval before actions, and a reader cannot
 * tell which was meant. Taken as written, with a note.
 */
static void
import_note_oversight(const struct model *m, const char *file,
    struct import_notes *notes)
{
	const struct component	*c;
	size_t			 i;

	for (i = 0; i < m->ncomponents; i++) {
		c = m->components[i];
		if (c->human_review < 0 || c->human_approval == TRI_UNKNOWN ||
		    (c->human_approval == TRI_YES) ==
		    (c->human_review == REVIEW_ALL))
			continue;
		import_notes_add(notes, "%s:%lu:%lu: '%s' has human-approval "
		    "%s but human-review %s: the analysis counts either as "
		    "a person's approval before actions; make the two agree",
		    file, c->pos.line, c->pos.col, c->id,
		    c->human_approval == TRI_YES ? "true (a person approves "
		    "every action)" : "false (no person approves its "
		    "actions)", vocab_name(&vocab_human_review,
		    c->human_review));
	}
}

/*
 * Index the findings of an analysis by name (x) and by the names they had
 * (aliases: the earlier risks they now cover or group). A decision may be
 * on a finding that rests only on unanswered fields: deciding on it keeps
 * it as a provisional risk. fresh borrows the findings of both registers
 * (its array is the caller's to free).
 */
static void
import_index_findings(struct import_index *x, struct strmap *aliases,
    struct risk_register *fresh, const struct risk_register *found,
    const struct risk_register *pending)
{
	size_t	i, j;

	fresh->n = found->n + pending->n;
	fresh->risks = xreallocarray(NULL, fresh->n + 1,
	    sizeof *fresh->risks);
	for (i = 0; i < found->n; i++)
		fresh->risks[i] = found->risks[i];
	for (i = 0; i < pending->n; i++)
		fresh->risks[found->n + i] = pending->risks[i];
	import_index_init(x, fresh);
	strmap_init(aliases);
	for (i = 0; i < fresh->n; i++)
		for (j = 0; j < fresh->risks[i]->naliases; j++)
			strmap_put(aliases, fresh->risks[i]->aliases[j],
			    fresh->risks[i]);
}

/*
 * The stored risk of decision d's name, read into old (where *k points),
 * or *k NULL when none is stored (or stored is 0: a new model). One read
 * of a risk by its key: decisions are few, a register can be large.
 */
static int
import_stored(const struct session *s, const char *id, int stored,
    const struct risk *d, struct risk_register *old, const struct risk **k,
    struct error *err)
{
	long	rev;
	int	rc;

	*k = NULL;
	if (!stored)
		return 0;
	if ((rc = store_load_risk(s->store, id, d->threat, d->target, old,
	    &rev, err)) == -1)
		return -1;
	if (rc == 1)
		*k = old->risks[old->n - 1];
	return 0;
}

/*
 * The model's analysis (lean when it can be) goes into found and pending
 * (initialised, the caller's to release), for the save to use rather than
 * analyse again:
 * *analysed says whether it was made (not without decisions). A stored
 * risk is read only for a decision the analysis does not raise, or for a
 * mitigation its finding does not have.
 */
static int
import_check_decisions(const struct session *s, const struct model *m,
    int stored, struct model_decisions *dec, const char *file,
    struct import_notes *notes, struct risk_register *found,
    struct risk_register *pending, int *analysed, struct error *err)
{
	struct risk_register	 fresh, old;
	struct import_index	 xf;
	struct strmap		 aliases;
	const struct risk	*d, *kf, *ko;
	const char		*mid, *id = m->system.id;
	size_t			 i, j;
	char			*name = NULL;
	int			 rc = -1, read, whole;

	*analysed = 0;
	if (dec->reg.n == 0)
		return 0;
	/*
	 * Lean, as a save analyses; whole if a decision is on a threat whose
	 * findings may be raised lean: a decision on such a finding checks
	 * its mitigations, and it stays a provisional risk with its reasons.
	 * (A finding that now carries a decision's earlier name, of another
	 * threat, is one that folds: never lean.)
	 */
	for (i = 0, whole = 0; !whole && i < dec->reg.n; i++)
		whole = analyze_may_be_lean(s->cat, dec->reg.risks[i]->threat);
	risk_register_init(&old);
again:
	if ((whole ? analyze_unknowns(s->cat, m, found, pending, err) :
	    analyze_lean(s->cat, m, found, pending, err)) == -1) {
		risk_register_release(&old);
		return -1;
	}
	import_index_findings(&xf, &aliases, &fresh, found, pending);
	*analysed = 1;
	for (i = 0; i < dec->reg.n; i++) {
		d = dec->reg.risks[i];
		name = risk_name(d);
		ko = NULL;
		read = 0;
		if ((kf = import_index_get(&xf, name)) != NULL && kf->lean) {
			/* Not foreseen: the whole analysis, to check it. */
			free(name);
			name = NULL;
			strmap_release(&aliases);
			import_index_release(&xf);
			free(fresh.risks);
			risk_register_release(found);
			risk_register_release(pending);
			whole = 1;
			goto again;
		}
		if (kf == NULL) {
			if (import_stored(s, id, stored, d, &old, &ko,
			    err) == -1)
				goto out;
			read = 1;
		}
		if (kf == NULL && ko == NULL &&
		    (kf = import_redirect(&aliases, dec, i, file, notes)) !=
		    NULL) {
			free(name);
			name = risk_name(d);
			read = 0;	/* renamed: its own stored risk */
		}
		if (kf == NULL && ko == NULL) {
			import_no_risk(s, m, d, &dec->pos[i].risk, file, err);
			goto out;
		}
		for (j = 0; j < d->nmitigations; j++) {
			mid = d->mitigations[j].id;
			if (kf != NULL && risk_find_mitigation(kf, mid) != NULL)
				continue;
			if (!read && import_stored(s, id, stored, d, &old,
			    &ko, err) == -1)
				goto out;
			read = 1;
			if (ko != NULL && risk_find_mitigation(ko, mid) != NULL)
				continue;
			import_no_mitigation(kf, ko, name, mid,
			    &dec->pos[i].mitigations[j], file, err);
			goto out;
		}
		free(name);
		name = NULL;
	}
	import_merge_decisions(dec, file, notes);
	rc = 0;
out:
	free(name);
	strmap_release(&aliases);
	import_index_release(&xf);
	free(fresh.risks);	/* borrowed risks */
	risk_register_release(&old);
	return rc;
}

/* Add a risk's name to the names kept (keys owned by *v). */
static void
import_keep(struct strmap *keep, char ***v, size_t *n, const struct risk *k)
{
	char	*name = risk_name(k);

	if (strmap_get(keep, name) != NULL) {
		free(name);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = name;
	strmap_put(keep, name, name);
}

/* 1 if two texts of a decision are the same (NULL is the same as ""). */
static int
import_same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* A text to set: "" (clear) for NULL. */
static const char *
import_text(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * Apply the decisions to the stored register, each only where it differs
 * from what is stored, so that importing the same file again records
 * nothing. *applied counts the risks where something changed. Into a new
 * database the file's decisions are its record, taken as they are; into
 * one that has the model, an acceptance it does not hold is a new decision
 * and needs what any acceptance needs (an owner, a reason).
 */
static int
import_apply_decisions(struct session *s, const char *id,
    const struct model_decisions *dec, const char *file, int isnew,
    size_t *applied, struct error *err)
{
	struct risk_register		 reg;
	const struct risk_mitigation	*dm, *km;
	const struct risk		*d, *k;
	const struct srcpos		*pos;
	size_t				 i, j;
	int				 changed, rc = -1;

	*applied = 0;
	risk_register_init(&reg);
	/* Each decided risk read by its key, not the whole register. */
	for (i = 0; i < dec->reg.n; i++) {
		d = dec->reg.risks[i];
		pos = &dec->pos[i].risk;
		risk_register_release(&reg);
		if (import_stored(s, id, 1, d, &reg, &k, err) == -1)
			goto out;
		if (k == NULL) {
			error_set_at(err, file, pos->line, pos->col, "risk "
			    "'%s@%s' is not in the database after the "
			    "analysis", d->threat, d->target);
			goto out;
		}
		changed = 0;
		/* Mitigations first: they are the evidence of 'mitigated'. */
		for (j = 0; j < d->nmitigations; j++) {
			dm = &d->mitigations[j];
			pos = &dec->pos[i].mitigations[j];
			if ((km = risk_find_mitigation(k, dm->id)) != NULL &&
			    km->status == dm->status &&
			    import_same(km->owner, dm->owner) &&
			    import_same(km->due, dm->due) &&
			    import_same(km->notes, dm->notes))
				continue;
			if (store_set_mitigation(s->store, id, d->threat,
			    d->target, dm->id, dm->status,
			    import_text(dm->owner), import_text(dm->due),
			    import_text(dm->notes), err) == -1) {
				error_locate(err, file, pos->line, pos->col);
				goto out;
			}
			changed = 1;
		}
		pos = &dec->pos[i].risk;
		if (k->status != d->status || !import_same(k->owner,
		    d->owner) || !import_same(k->justification,
		    d->justification)) {
			if (store_set_risk_flags(s->store, id, d->threat,
			    d->target, d->status, import_text(d->owner),
			    import_text(d->justification), isnew ?
			    STORE_RECORDED : 0, err) == -1) {
				error_locate(err, file, pos->line, pos->col);
				goto out;
			}
			changed = 1;
		}
		if (changed)
			(*applied)++;
	}
	rc = 0;
out:
	risk_register_release(&reg);
	return rc;
}

/* The latest time an exported register or history carries, or NULL. */
static const char *
import_latest(const struct risk_register *reg, const struct change *h,
    size_t n)
{
	const char	*t = NULL;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (h[i].at != NULL && (t == NULL || strcmp(h[i].at, t) > 0))
			t = h[i].at;
	for (i = 0; i < reg->n; i++)
		if (reg->risks[i]->decided_at != NULL && (t == NULL ||
		    strcmp(reg->risks[i]->decided_at, t) > 0))
			t = reg->risks[i]->decided_at;
	return t;
}

/*
 * Refuse an exported file older than the stored model: importing it would
 * set later decisions back. allow: the user asked for it.
 */
static int
import_check_older(struct session *s, const char *id, const char *file,
    const struct risk_register *reg, const struct change *h, size_t n,
    int allow, struct error *err)
{
	const char	*theirs = import_latest(reg, h, n);
	char		*ours;
	int		 rc = 0;

	if ((ours = store_latest_change(s->store, id, err)) == NULL)
		return err->msg[0] != '\0' ? -1 : 0;
	if (!allow && theirs != NULL && strcmp(theirs, ours) < 0)
		rc = error_set(err, "'%s' is older than model '%s' in the "
		    "database (its last change %s, the database's %s): "
		    "importing it would undo later decisions; give "
		    "--allow-older to import it anyway", file, id, theirs,
		    ours);
	free(ours);
	return rc;
}

/*
 * Bring the decisions of an exported register into the stored one as
 * changes made now by the importing user (the history says so): each
 * mitigation first (the evidence of 'mitigated'), then the risk. A
 * decided risk that the analysis here does not raise is added as it was.
 */
static int
import_xml_decisions(struct session *s, const char *id,
    const struct risk_register *theirs, struct error *err)
{
	const struct risk_mitigation	*tm, *om;
	const struct risk		*k, *o;
	struct risk_register		 ours, extra;
	struct strmap			 by_name;
	char				**names, *name;
	size_t				 i, j;
	int				 rc = -1;

	risk_register_init(&ours);
	risk_register_init(&extra);
	if (store_load_risks(s->store, id, &ours, err) == -1)
		return -1;
	/* Ours by name: a lookup each, not a scan of the register. */
	strmap_init(&by_name);
	names = xcalloc(ours.n + 1, sizeof *names);
	for (i = 0; i < ours.n; i++) {
		names[i] = risk_name(ours.risks[i]);
		strmap_put(&by_name, names[i], ours.risks[i]);
	}
	for (i = 0; i < theirs->n; i++) {
		k = theirs->risks[i];
		name = risk_name(k);
		o = strmap_get(&by_name, name);
		free(name);
		if (o == NULL) {
			if (risk_decided(k)) {
				extra.risks = xreallocarray(extra.risks,
				    extra.n + 1, sizeof *extra.risks);
				extra.risks[extra.n++] = theirs->risks[i];
			}
			continue;
		}
		for (j = 0; j < k->nmitigations; j++) {
			tm = &k->mitigations[j];
			if ((om = risk_find_mitigation(o, tm->id)) == NULL ||
			    (om->status == tm->status &&
			    import_same(om->owner, tm->owner) &&
			    import_same(om->due, tm->due) &&
			    import_same(om->notes, tm->notes)))
				continue;
			if (store_set_mitigation(s->store, id, k->threat,
			    k->target, tm->id, tm->status,
			    import_text(tm->owner), import_text(tm->due),
			    import_text(tm->notes), err) == -1)
				goto out;
		}
		if (o->status != k->status || !import_same(o->owner,
		    k->owner) || !import_same(o->justification,
		    k->justification)) {
			/* Decided in another copy: recorded, not new. */
			if (store_set_risk_flags(s->store, id, k->threat,
			    k->target, k->status, import_text(k->owner),
			    import_text(k->justification), STORE_RECORDED,
			    err) == -1)
				goto out;
		}
	}
	if (extra.n > 0 && store_insert_risks(s->store, id, &extra,
	    err) == -1)
		goto out;
	rc = 0;
out:
	free(extra.risks);	/* borrowed risks */
	strmap_release(&by_name);
	for (i = 0; i < ours.n; i++)
		free(names[i]);
	free(names);
	risk_register_release(&ours);
	return rc;
}

/* A new empty private file beside db, to build a new database in. */
static char *
import_temp(const char *db, struct error *err)
{
	char	*tmp = xasprintf("%s.tmp.XXXXXX", db);
	int	 fd;

	if ((fd = mkstemp(tmp)) == -1) {
		error_set(err, "cannot create database '%s': %s", db,
		    strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/*
 * Put a finished new database in its place without ever replacing a file:
 * 0 done, 1 if db exists by now (tmp removed), -1 on error (tmp kept for
 * the caller to remove).
 */
static int
import_publish(const char *tmp, const char *db, struct error *err)
{
	/* It was built without syncs (STORE_PRIVATE): on disk first. */
	if (file_sync(tmp, err) == -1)
		return -1;
	if (link(tmp, db) == 0) {
		file_sync_dir(db);
		store_remove_files(tmp);
		return 0;
	}
	if (errno == EEXIST) {
		store_remove_files(tmp);
		return 1;
	}
	return error_set(err, "cannot create database '%s': %s", db,
	    strerror(errno));
}

/*
 * The counts of the stored register after the decisions: the save counted
 * them already (saved) when no decision changed anything, else they are
 * counted again. Counting reads every risk row.
 */
static int
import_recount(struct session *s, const char *id, size_t applied,
    const struct session_summary *saved, struct session_summary *sum,
    struct error *err)
{
	if (applied > 0)
		return session_summarize_stored(s, id, sum, err);
	memset(sum, 0, sizeof *sum);
	sum->counts = saved->counts;
	return 0;
}

int
cmd_import(const struct cli_cmd *c, struct cli_args *a)
{
	/* push and pull import a file of their own under another name. */
	const char		*path = a->pos[0], *db = a->pos[1];
	const char		*file = a->label != NULL ? a->label : path;
	struct session_summary	 sum, saved;
	struct model_decisions	 dec;
	struct import_notes	 notes;
	struct risk_register	 reg, found, pending;
	struct strmap		 keep;
	char			**keepv = NULL;
	size_t			 nkeep = 0;
	struct change		*hist = NULL;
	struct session		*s = NULL;
	struct model		*m = NULL;
	struct error		 e;
	struct errors		 errs;
	size_t			 len, nhist = 0, applied = 0, i;
	char			*text, *tmp = NULL, *source, *shown;
	int			 existed, seen, isnew, xml, tries = 0, rc = 1;
	int			 analysed = 0;

	memset(&saved, 0, sizeof saved);
	strmap_init(&keep);
	risk_register_init(&reg);
	risk_register_init(&found);
	risk_register_init(&pending);
	model_decisions_init(&dec);
	import_notes_init(&notes);
	errors_init(&errs);
	if (cli_model_file_as_db("import", db))
		return cli_usage(c);
	if ((text = file_read(path, limit_file_bytes(), &len, &e)) == NULL)
		return cli_fail(&e);
	/* The usual slip: the database first, the model file second. */
	if (len >= 16 && memcmp(text, "SQLite format 3", 16) == 0) {
		free(text);
		fprintf(stderr, "parapet: import: '");
		cli_puts(stderr, file);
		fprintf(stderr, "' is a database, not a model file: give the "
		    "model file first (parapet import MODEL DB)\n");
		return cli_usage(c);
	}
	xml = import_is_xml(text);
	if (xml) {
		if (xml_read(text, len, file, &m, &reg, &hist, &nhist,
		    &e) == -1)
			m = NULL;
	} else if (interop_is_json(text) || interop_is_otm_yaml(text, len))
		/* Another tool's model: Threat Dragon v2 or OTM. */
		m = interop_read_decisions(text, len, file, &notes, &dec, &e);
	else {
		/* A model file: every error of it at once, as a compiler. */
		m = model_read_yaml_all(text, len, file, &dec, &errs);
		if (m == NULL) {
			free(text);
			cli_fail_all(&errs, file);
			goto out;
		}
	}
	free(text);
	if (m == NULL) {
		cli_fail(&e);
		goto out;
	}
	import_note_oversight(m, file, &notes);
	/*
	 * A new database is built under a private name beside its place and
	 * linked there only once it is whole: a failure removes only what
	 * this process made, never a database another process created on the
	 * same path meanwhile; if one did, the import goes into it.
	 */
retry:
	existed = access(db, F_OK) == 0 || store_names_server(db);
	if (!existed && tries++ == 0) {
		if ((tmp = import_temp(db, &e)) == NULL) {
			cli_fail(&e);
			goto out;
		}
	}
	/* Nobody else sees it yet: no syncs until it is whole (issue 15). */
	if ((s = cli_session(a, tmp != NULL ? tmp : db, STORE_CREATE |
	    (tmp != NULL ? STORE_PRIVATE : 0))) == NULL)
		goto undo;
	if (session_check_model(s, m, file, &e) == -1) {
		cli_fail(&e);
		goto undo;
	}
	if ((seen = store_exists(s->store, m->system.id, &e)) == -1) {
		cli_fail(&e);
		goto undo;
	}
	/*
	 * The model, its register and its decisions: all or nothing. Whether
	 * the model is new is known only once no other writer of it is under
	 * way: of imports racing to make one model, one creates it and the
	 * others update what it made.
	 */
	if (store_transaction(s->store, &e) == -1) {
		cli_fail(&e);
		goto undo;
	}
	/* An analysis of an earlier try (a database made meanwhile). */
	risk_register_release(&found);
	risk_register_release(&pending);
	if (store_transaction_system(s->store, m->system.id, &e) == -1 ||
	    (isnew = store_exists(s->store, m->system.id, &e)) == -1 ||
	    (!xml && import_check_decisions(s, m, isnew, &dec, file,
	    &notes, &found, &pending, &analysed, &e) == -1)) {
		store_transaction_rollback(s->store);
		cli_fail(&e);
		goto undo;
	}
	isnew = !isnew;
	if (!seen && !isnew)
		import_notes_add(&notes, "'%s' was created by another import "
		    "while this one waited: this one updated it",
		    m->system.id);
	/* The findings decided on in the file stay risks, to confirm. */
	for (i = 0; i < dec.reg.n; i++)
		import_keep(&keep, &keepv, &nkeep, dec.reg.risks[i]);
	for (i = 0; xml && i < reg.n; i++)
		if (risk_decided(reg.risks[i]))
			import_keep(&keep, &keepv, &nkeep, reg.risks[i]);
	s->keep = &keep;
	/* What this import changes is recorded as coming from the file. */
	source = xasprintf("import of '%s'", file);
	store_set_source(s->store, source);
	free(source);
	if ((xml && isnew ? (store_import_full(s->store, m, &reg, hist,
	    nhist, file, &e) == -1 ||
	    session_analyze(s, m->system.id, &sum, &e) == -1) :
	    xml ? (import_check_older(s, m->system.id, file, &reg, hist,
	    nhist, a->allow_older, &e) == -1 ||
	    session_save(s, m, -1, &saved, &e) == -1 ||
	    import_xml_decisions(s, m->system.id, &reg, &e) == -1 ||
	    store_append_imported(s->store, m->system.id, hist, nhist, file,
	    NULL, &e) == -1 ||
	    session_summarize_stored(s, m->system.id, &sum, &e) == -1) :
	    /* The analysis the check of the decisions made, if it did. */
	    (session_save_found(s, m, -1, analysed ? &found : NULL,
	    analysed ? &pending : NULL, &saved, &e) == -1 ||
	    import_apply_decisions(s, m->system.id, &dec, file, isnew,
	    &applied, &e) == -1 ||
	    import_recount(s, m->system.id, applied, &saved, &sum,
	    &e) == -1)) ||
	    /* Where its objects are written, for SARIF's locations. */
	    store_set_model_file(s->store, m->system.id, xml ? NULL : file,
	    &e) == -1) {
		store_transaction_rollback(s->store);
		cli_fail(&e);
		goto undo;
	}
	if (store_transaction_commit(s->store, &e) == -1) {
		cli_fail(&e);
		goto undo;
	}
	s->keep = NULL;
	/* Counted before a new database's session closes for publishing. */
	sum.open_questions = analyze_open_questions(s->cat, m, NULL);
	/* What the analysis of the save counted (an XML file new to the
	   database is analyzed into sum itself). */
	if (!(xml && isnew)) {
		sum.asked = saved.asked;
		sum.field_questions = saved.field_questions;
		if (sum.merged == 0)
			sum.merged = saved.merged;
	}
	if (tmp != NULL) {
		if (store_private_done(s->store, &e) == -1) {
			cli_fail(&e);
			goto undo;
		}
		session_close(s);	/* the last connection: WAL merged */
		s = NULL;
		switch (import_publish(tmp, db, &e)) {
		case 0:
			break;
		case 1:		/* someone created it meanwhile: join it */
			free(tmp);
			tmp = NULL;
			goto retry;
		default:
			cli_fail(&e);
			goto undo;
		}
		free(tmp);
		tmp = NULL;
	}
	printf("%s '", isnew ? "created" : "updated");
	cli_puts(stdout, m->system.id);
	shown = store_display(db);
	printf("' in %s: %zu boundar%s, %zu component%s, %zu flow%s\n", shown,
	    m->nboundaries, m->nboundaries == 1 ? "y" : "ies",
	    m->ncomponents, m->ncomponents == 1 ? "" : "s",
	    m->nflows, m->nflows == 1 ? "" : "s");
	free(shown);
	cli_print_summary(&sum);
	cli_note_unserved(m);
	if (dec.reg.n > 0)
		printf("%zu decision%s applied from the file, %zu unchanged\n",
		    applied, applied == 1 ? "" : "s", dec.reg.n - applied);
	for (i = 0; i < notes.lines.n; i++) {
		cli_putline("note: ", notes.lines.v[i]);
	}
	rc = 0;
	goto out;

undo:
	if (tmp != NULL) {
		session_close(s);
		s = NULL;
		store_remove_files(tmp);
	}
out:
	free(tmp);
	session_close(s);
	model_free(m);
	model_decisions_release(&dec);
	import_notes_release(&notes);
	risk_register_release(&reg);
	risk_register_release(&found);
	risk_register_release(&pending);
	changes_free(hist, nhist);
	strmap_release(&keep);
	for (i = 0; i < nkeep; i++)
		free(keepv[i]);
	free(keepv);
	errors_release(&errs);
	return rc;
}

/* session.c: a database with its catalogue; save and re-analyze together. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "rules/deps.h"
#include "session/session.h"
#include "store/store-questions.h"
#include "store/store.h"
#include "store/store-page.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct session *
session_open(const char *db, int flags, const char *const *catalogues,
    size_t ncatalogues, struct error *err)
{
	struct session	*s = xcalloc(1, sizeof *s);

	/* Before the catalogue is read (session_analysis()). */
	clock_gettime(CLOCK_REALTIME, &s->opened);
	if ((s->cat = catalogue_load_standard(catalogues, ncatalogues,
	    err)) == NULL)
		goto fail;
	if ((s->store = store_open(db, flags, err)) == NULL)
		goto fail;
	return s;

fail:
	session_close(s);
	return NULL;
}

struct session *
session_open_unmade(const char *const *catalogues, size_t ncatalogues,
    struct error *err)
{
	struct session	*s = xcalloc(1, sizeof *s);

	clock_gettime(CLOCK_REALTIME, &s->opened);
	if ((s->cat = catalogue_load_standard(catalogues, ncatalogues,
	    err)) == NULL) {
		session_close(s);
		return NULL;
	}
	return s;
}

int
session_make_store(struct session *s, const char *db, struct error *err)
{
	if (s->store != NULL)
		return 0;
	if ((s->store = store_open(db, STORE_CREATE, err)) == NULL)
		return -1;
	return 0;
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	if (s->store != NULL)
		store_close(s->store);
	deps_free(s->deps);
	catalogue_free(s->cat);
	free(s->analysis);
	free(s);
}

int
session_check_model(const struct session *s, const struct model *m,
    const char *file, struct error *err)
{
	const struct practice	*p;
	const char		**ids, *near;
	size_t			  i;

	for (i = 0; i < m->npractices; i++) {
		p = m->practices[i];
		if (catalogue_question(s->cat, p->id) != NULL)
			continue;
		ids = xcalloc(s->cat->nquestions + 1, sizeof *ids);
		for (size_t j = 0; j < s->cat->nquestions; j++)
			ids[j] = s->cat->questions[j]->id;
		near = text_suggest(p->id, ids);
		if (near != NULL)
			error_set_at(err, file, p->pos.line, p->pos.col,
			    "unknown practice question '%s' (did you mean "
			    "'%s'?)", p->id, near);
		else
			error_set_at(err, file, p->pos.line, p->pos.col,
			    "unknown practice question '%s' (see 'parapet "
			    "questions')", p->id);
		free(ids);
		return -1;
	}
	return 0;
}

int
session_summarize_stored(struct session *s, const char *id,
    struct session_summary *sum, struct error *err)
{
	/*
	 * Only the risks are summarised: from what the schema keeps counted
	 * (risk_counts), not a pass over the register's rows and the
	 * model's objects (store_summarize()), which a re-import of a large
	 * model paid for counts it never showed.
	 */
	memset(sum, 0, sizeof *sum);
	return store_count_risks(s->store, id, &sum->counts, err);
}

/*
 * Whether pending finding k is to stay a risk: 2 if people decided on it
 * (the stored risks by name in names: 1 undecided, 2 decided), 1 if it
 * was a risk nobody decided on, 0 if it was none.
 */
static int
session_keep(const struct session *s, const struct strmap *names,
    const struct risk *k)
{
	char	*name;
	size_t	 j;
	int	 keep;

	name = risk_name(k);
	keep = (int)(uintptr_t)strmap_get(names, name);
	if (s->keep != NULL && strmap_get(s->keep, name) != NULL)
		keep = 2;
	free(name);
	for (j = 0; keep != 2 && j < k->naliases; j++)
		if ((uintptr_t)strmap_get(names, k->aliases[j]) == 2 ||
		    (s->keep != NULL && strmap_get(s->keep,
		    k->aliases[j]) != NULL))
			keep = 2;
	return keep;
}

/*
 * The findings that stand only on assumptions are open questions, not
 * risks, unless people decided on one already (as a provisional risk, its
 * name or a name it had): that one stays a provisional risk, so that no
 * decision is lost. Moves those from pending into fresh; those left in
 * pending are only open questions from here (built and saved before), so
 * their reasons and mitigations are freed (risk_slim()). *asked counts
 * the stored risks nobody decided on that are now questions (the store
 * drops them). stored may be NULL (then loaded if needed). Returns 1,
 * changing nothing, if one to keep is lean (analyze_lean()): it needs
 * its reasons, from analyze_unknowns().
 */
static int
session_keep_decided(struct session *s, const char *id,
    struct risk_register *fresh, struct risk_register *pending,
    const struct risk_register *stored, size_t *asked, struct error *err)
{
	struct risk_register	 own;
	struct strmap		 names;
	const struct risk	*o;
	struct risk		*k;
	size_t			 i, n = 0;
	char			**keys;
	int			 keep, rc = 0;

	*asked = 0;
	if (pending->n == 0)
		return 0;
	risk_register_init(&own);
	if (stored == NULL) {
		/* Names and decisions only: not the reasons of every risk. */
		if (store_load_risk_states(s->store, id, &own, err) == -1) {
			risk_register_release(&own);
			return -1;
		}
		stored = &own;
	}
	/* The stored risks by name: 1 undecided, 2 decided. */
	strmap_init(&names);
	keys = xcalloc(stored->n + 1, sizeof *keys);
	for (i = 0; i < stored->n; i++) {
		o = stored->risks[i];
		keys[i] = risk_name(o);
		strmap_put(&names, keys[i],
		    (void *)(uintptr_t)(risk_decided(o) ? 2 : 1));
	}
	for (i = 0; i < pending->n; i++)
		if (pending->risks[i]->lean && !pending->risks[i]->presumed &&
		    session_keep(s, &names, pending->risks[i]) == 2)
			break;
	if (i < pending->n) {
		rc = 1;
		goto out;
	}
	for (i = 0; i < pending->n; i++) {
		k = pending->risks[i];
		/* What a presumption read: a risk already, as read. */
		if (k->presumed) {
			risk_slim(k);
			pending->risks[n++] = k;
			continue;
		}
		keep = session_keep(s, &names, k);
		if (keep == 2) {
			analyze_provisional(k);
			risk_register_take(fresh, k);
			continue;
		}
		if (keep == 1)
			(*asked)++;
		risk_slim(k);
		pending->risks[n++] = k;
	}
	pending->n = n;
	risk_register_sort(fresh);
out:
	strmap_release(&names);
	for (i = 0; i < stored->n; i++)
		free(keys[i]);
	free(keys);
	risk_register_release(&own);
	return rc;
}

static const char	*session_analysis(struct session *);

/*
 * Analyze an indexed model and merge the result into the stored register;
 * the summary is counted in the database, not by loading the register.
 * Saving (in the caller's write transaction), the open questions are
 * kept with it (store-questions.h) unless those kept are what this
 * analysis found for the model as it is; else a change of the register (a new catalogue) drops them, for
 * a report to find them again. found and found_pending: the model's
 * analysis made already by analyze_lean() or analyze_unknowns() (taken),
 * or NULL.
 */
static int
session_reanalyze(struct session *s, const struct model *m, int saving,
    struct risk_register *found, struct risk_register *found_pending,
    struct session_summary *sum, struct error *err)
{
	struct risk_register	fresh, pending;
	struct risk_questions	q;
	size_t			merged = 0, asked = 0, nq = 0;
	int			rc = -1, current, kept, keep;

	risk_register_init(&fresh);
	risk_register_init(&pending);
	memset(&q, 0, sizeof q);
	if (found != NULL) {
		/* The caller's analysis of this model: taken, not made again. */
		fresh = *found;
		pending = *found_pending;
		risk_register_init(found);
		risk_register_init(found_pending);
	} else if (analyze_lean(s->cat, m, &fresh, &pending, err) == -1)
		/* Lean: most pending findings are only counted and kept as
		   questions here. */
		goto out;
	/* Counted before the decided ones are kept as risks: their fields
	   are unanswered still ('parapet questions' lists them too). */
	risk_questions_build(&pending, &q);
	nq = q.n;
	/* Kept as found: keeping decided ones below rescores them. */
	if (saving && ((kept = store_questions_current(s->store,
	    m->system.id, session_analysis(s), err)) == -1 ||
	    (!kept && store_save_questions(s->store, m->system.id, &q,
	    err) == -1)))
		goto out;
	if ((keep = session_keep_decided(s, m->system.id, &fresh, &pending,
	    NULL, &asked, err)) == 1) {
		/* A decided one among the lean: whole reasons for it. */
		risk_register_release(&fresh);
		risk_register_release(&pending);
		if (analyze_unknowns(s->cat, m, &fresh, &pending, err) == -1)
			goto out;
		keep = session_keep_decided(s, m->system.id, &fresh, &pending,
		    NULL, &asked, err);
	}
	if (keep == -1)
		goto out;
	/*
	 * Nothing to change: no write lock taken or waited for, so that a
	 * read-only analysis goes on while another process writes. A save
	 * holds the write lock already (session_save()): there the merge and
	 * the sync find what changed themselves and write only that, and a
	 * check first would read the stored register once more for nothing.
	 */
	current = 0;
	if (!saving && (current = store_register_current(s->store,
	    m->system.id, &fresh, err)) == -1)
		goto out;
	/* Decisions move onto merged findings in the same transaction. */
	if (!current && store_transaction(s->store, err) == -1)
		goto out;
	if (!current && (store_merge_findings(s->store, m->system.id, &fresh,
	    &merged, err) == -1 ||
	    store_sync_risks(s->store, m->system.id, &fresh, err) == -1)) {
		store_transaction_rollback(s->store);
		goto out;
	}
	if (!current && !saving && store_forget_questions(s->store,
	    m->system.id, err) == -1) {
		store_transaction_rollback(s->store);
		goto out;
	}
	if (!current && store_transaction_commit(s->store, err) == -1)
		goto out;
	if (sum != NULL &&
	    session_summarize_stored(s, m->system.id, sum, err) == -1)
		goto out;
	if (sum != NULL) {
		sum->open_questions = analyze_open_questions(s->cat, m, NULL);
		sum->merged = merged;
		sum->asked = asked;
		sum->field_questions = nq;
	}
	rc = 0;
out:
	risk_questions_release(&q);
	risk_register_release(&fresh);
	risk_register_release(&pending);
	return rc;
}

int
session_save(struct session *s, struct model *m, long expected_revision,
    struct session_summary *sum, struct error *err)
{
	return session_save_found(s, m, expected_revision, NULL, NULL, sum,
	    err);
}

/* Fold n bytes into a 64-bit FNV-1a hash. */
static uint64_t
session_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*c = p;

	while (n-- > 0) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Fold what stat says of a file (which, how large, when written). */
static uint64_t
session_hash_stat(uint64_t h, const struct stat *st)
{
	uint64_t	v[5];

	v[0] = (uint64_t)st->st_dev;
	v[1] = (uint64_t)st->st_ino;
	v[2] = (uint64_t)st->st_size;
	v[3] = (uint64_t)st->st_mtim.tv_sec;
	v[4] = (uint64_t)st->st_mtim.tv_nsec;
	return session_hash(h, v, sizeof v);
}

/* 1 if a file was written at or after t (the session's opening). */
static int
session_newer(const struct stat *st, const struct timespec *t)
{
	return st->st_mtim.tv_sec > t->tv_sec ||
	    (st->st_mtim.tv_sec == t->tv_sec &&
	    st->st_mtim.tv_nsec >= t->tv_nsec);
}

/* Fold a file's name and contents; -1 if it cannot be read as it was. */
static int
session_hash_file(uint64_t *h, const char *path, const struct timespec *t)
{
	struct stat	 st;
	char		 buf[65536];
	ssize_t		 r;
	int		 fd;

	*h = session_hash(*h, path, strlen(path) + 1);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		/* Not there: not read either (the taxonomy is optional). */
		return errno == ENOENT ? 0 : -1;
	}
	if (fstat(fd, &st) == -1 || session_newer(&st, t)) {
		close(fd);
		return -1;
	}
	while ((r = read(fd, buf, sizeof buf)) > 0)
		*h = session_hash(*h, buf, (size_t)r);
	close(fd);
	if (r == -1)
		return -1;
	*h = session_hash(*h, "", 1);
	return 0;
}

/*
 * The name of what analyses here, kept with a register it made
 * (store_analysis_done()), so that a later save can tell whether the
 * same analysis made the register: this program (its version, and which
 * file it runs from, its size and time) and the catalogue (the taxonomy
 * and every file read, in order, by their contents). NULL, and no
 * register is taken as made by it, when it cannot be told for sure: a
 * file written after the session opened (what was read may differ), or
 * no /proc/self/exe to name the program by.
 */
static const char *
session_analysis(struct session *s)
{
	struct stat	 st;
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		*taxonomy;
	size_t		 i;
	int		 rc;

	if (s->analysis_tried)
		return s->analysis;
	s->analysis_tried = 1;
	if (stat("/proc/self/exe", &st) == -1 || session_newer(&st,
	    &s->opened))
		return NULL;
	h = session_hash(h, PACKAGE_VERSION, sizeof PACKAGE_VERSION);
	h = session_hash_stat(h, &st);
	taxonomy = xasprintf("%s/taxonomy.yaml", paths_data());
	rc = session_hash_file(&h, taxonomy, &s->opened);
	free(taxonomy);
	for (i = 0; rc == 0 && i < s->cat->nfiles; i++)
		rc = session_hash_file(&h, s->cat->files[i], &s->opened);
	if (rc == -1)
		return NULL;
	s->analysis = xasprintf("%s %016llx", PACKAGE_VERSION,
	    (unsigned long long)h);
	return s->analysis;
}

/*
 * A save that changed nothing of a model whose register this analysis
 * made for it as it is: the register stays, and the summary is the
 * stored one. 1 if so, 0 if the model is to be analysed, -1 on error.
 */
static int
session_unchanged(struct session *s, const struct model *m, int changed,
    struct session_summary *sum, struct error *err)
{
	size_t	nq;
	int	rc;

	if (changed || (s->keep != NULL && s->keep->len > 0))
		return 0;
	if ((rc = store_analysis_current(s->store, m->system.id,
	    session_analysis(s), &nq, err)) != 1)
		return rc;
	if (sum != NULL) {
		if (session_summarize_stored(s, m->system.id, sum, err) == -1)
			return -1;
		sum->open_questions = analyze_open_questions(s->cat, m, NULL);
		sum->field_questions = nq;
	}
	return 1;
}

/*
 * The open questions kept for a model as it is, copied (their risks owned
 * by risks), read before a save changes it: a save that re-analyses only
 * what its change can affect keeps those the change does not touch.
 * Returns 1 if read, 0 if none are kept for the model as it is, -1.
 */
static int
session_kept_load(struct session *s, const char *id,
    struct risk_questions *kq, struct risk_register *risks,
    struct error *err)
{
	struct store_questions		*x;
	const struct risk_question	*q;
	struct risk_question		*u;
	struct risk			*k;
	size_t				 n, i, cap = 0;

	kq->v = NULL;
	kq->n = 0;
	error_clear(err);
	if ((x = store_questions_open_stale(s->store, id, &n, err)) == NULL)
		return error_isset(err) ? -1 : 0;
	while ((q = store_questions_next(x, err)) != NULL) {
		if (kq->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			kq->v = xreallocarray(kq->v, cap, sizeof *kq->v);
		}
		u = &kq->v[kq->n++];
		memset(u, 0, sizeof *u);
		u->element = xstrdup(q->element);
		u->field = xstrdup(q->field);
		u->worst = q->worst;
		u->risks = xcalloc(q->nrisks + 1, sizeof *u->risks);
		for (i = 0; i < q->nrisks; i++) {
			k = risk_register_add(risks, q->risks[i]->threat,
			    q->risks[i]->target);
			k->severity = q->risks[i]->severity;
			k->title = xstrdup(q->risks[i]->title != NULL ?
			    q->risks[i]->title : "");
			u->risks[u->nrisks++] = k;
		}
	}
	store_questions_close(x);
	if (error_isset(err))
		return -1;
	/* Read as many as were kept, or not trusted. */
	return kq->n == n;
}

/* "element\nfield", the caller's to free. */
static char *
session_question_key(const char *element, const char *field)
{
	return xasprintf("%s\n%s", element, field);
}

/*
 * Mark the threat of a risk name ("THREAT@TARGET") or of a risk; 1 if it
 * was not marked (or is not a threat of the catalogue: then every one
 * is marked, as only a whole analysis can tell).
 */
static int
session_mark(struct session *s, unsigned char *affected, const char *threat)
{
	long	x = deps_threat(s->deps, threat);

	if (x < 0) {
		if (memchr(affected, 0, s->cat->nthreats) == NULL)
			return 0;
		memset(affected, 1, s->cat->nthreats);
		return 1;
	}
	if (affected[x])
		return 0;
	affected[x] = 1;
	return 1;
}

static int
session_mark_name(struct session *s, unsigned char *affected,
    const char *name)
{
	const char	*at = strrchr(name, '@');
	char		*threat;
	int		 rc;

	if (at == NULL)
		return session_mark(s, affected, name);
	threat = xstrndup(name, (size_t)(at - name));
	rc = session_mark(s, affected, threat);
	free(threat);
	return rc;
}

/* Add a question's key to a set (keys owned by *keys). */
static void
session_keys_add(struct strmap *set, char ***keys, size_t *n, char *key)
{
	if (strmap_get(set, key) != NULL) {
		free(key);
		return;
	}
	*keys = xreallocarray(*keys, *n + 1, sizeof **keys);
	(*keys)[(*n)++] = key;
	strmap_put(set, key, key);
}

/* 1 if two findings stand in a question alike (risk_questions_build()). */
static int
session_same_entry(const struct risk *a, const struct risk *b)
{
	return strcmp(a->threat, b->threat) == 0 &&
	    strcmp(a->target, b->target) == 0 &&
	    a->severity == b->severity && a->likelihood == b->likelihood &&
	    a->impact == b->impact && strcmp(a->title != NULL ? a->title :
	    "", b->title != NULL ? b->title : "") == 0;
}

/* 1 if two questions hold the same findings in the same order. */
static int
session_same_question(const struct risk_question *a,
    const struct risk_question *b)
{
	size_t	i;

	if (a->nrisks != b->nrisks)
		return 0;
	for (i = 0; i < a->nrisks; i++)
		if (!session_same_entry(a->risks[i], b->risks[i]))
			return 0;
	return 1;
}

/*
 * The questions (keys into touched, owned by *keys) whose part from the
 * affected threats may differ after the change: with the findings of
 * those threats on the model as it was (was, or NULL when not known),
 * the keys whose entries differ; without, every key those threats ask now
 * or were part of in kept.
 */
static void
session_touched(struct session *s, const unsigned char *affected,
    const struct risk_register *was, const struct risk_register *now,
    const struct risk_questions *kept, struct strmap *touched,
    char ***keys, size_t *nkeys)
{
	struct risk_questions	 qa, qb;
	struct strmap		 at;
	const struct risk_question *o;
	char			*key, **akeys;
	unsigned char		*paired;
	size_t			 i, j;
	long			 x;

	risk_questions_build(now, &qb);
	if (was == NULL) {
		for (i = 0; i < qb.n; i++)
			session_keys_add(touched, keys, nkeys,
			    session_question_key(qb.v[i].element,
			    qb.v[i].field));
		for (i = 0; i < kept->n; i++)
			for (j = 0; j < kept->v[i].nrisks; j++) {
				x = deps_threat(s->deps,
				    kept->v[i].risks[j]->threat);
				if (x >= 0 && !affected[x])
					continue;
				session_keys_add(touched, keys, nkeys,
				    session_question_key(kept->v[i].element,
				    kept->v[i].field));
				break;
			}
		risk_questions_release(&qb);
		return;
	}
	risk_questions_build(was, &qa);
	strmap_init(&at);
	akeys = xcalloc(qa.n + 1, sizeof *akeys);
	for (i = 0; i < qa.n; i++) {
		akeys[i] = session_question_key(qa.v[i].element,
		    qa.v[i].field);
		strmap_put(&at, akeys[i], &qa.v[i]);
	}
	/* Asked now: the same as before, or touched. */
	paired = xcalloc(qa.n + 1, 1);
	for (i = 0; i < qb.n; i++) {
		key = session_question_key(qb.v[i].element, qb.v[i].field);
		o = strmap_get(&at, key);
		if (o != NULL)
			paired[o - qa.v] = 1;
		if (o != NULL && session_same_question(o, &qb.v[i]))
			free(key);
		else
			session_keys_add(touched, keys, nkeys, key);
	}
	/* Asked before only: touched too. */
	for (i = 0; i < qa.n; i++)
		if (!paired[i])
			session_keys_add(touched, keys, nkeys,
			    xstrdup(akeys[i]));
	free(paired);
	strmap_release(&at);
	for (i = 0; i < qa.n; i++)
		free(akeys[i]);
	free(akeys);
	risk_questions_release(&qa);
	risk_questions_release(&qb);
}

/*
 * Mark every threat with a finding in a kept question that is touched
 * (its order needs all their scores), and the threats the findings name
 * as aliases (a merge reads the stored risks by those names); 1 if any
 * was marked.
 */
static int
session_widen(struct session *s, unsigned char *affected,
    const struct risk_register *fresh, const struct risk_register *pending,
    const struct risk_questions *kept, const struct strmap *touched)
{
	const struct risk_register	*regs[2] = { fresh, pending };
	char				*key;
	size_t				 i, j, r;
	int				 more = 0, in;

	for (r = 0; r < 2; r++)
		for (i = 0; i < regs[r]->n; i++)
			for (j = 0; j < regs[r]->risks[i]->naliases; j++)
				more |= session_mark_name(s, affected,
				    regs[r]->risks[i]->aliases[j]);
	for (i = 0; i < kept->n; i++) {
		key = session_question_key(kept->v[i].element,
		    kept->v[i].field);
		in = strmap_get(touched, key) != NULL;
		free(key);
		for (j = 0; in && j < kept->v[i].nrisks; j++)
			more |= session_mark(s, affected,
			    kept->v[i].risks[j]->threat);
	}
	if (more)
		deps_close_marks(s->deps, affected);
	return more;
}

/*
 * The open questions after a save that analysed only the marked threats:
 * those kept that are not touched, and the touched ones as the marked
 * threats' findings (pending) ask them, in the order
 * risk_questions_build() gives. q borrows the risks of kept and pending.
 */
static void
session_questions_merge(const struct risk_questions *kept,
    const struct risk_register *pending, const struct strmap *touched,
    struct risk_questions *q)
{
	struct risk_questions	 fresh;
	struct risk_question	*u;
	char			*key;
	size_t			 i;
	int			 in;

	risk_questions_build(pending, &fresh);
	q->n = 0;
	q->v = xcalloc(kept->n + fresh.n + 1, sizeof *q->v);
	for (i = 0; i < kept->n; i++) {
		key = session_question_key(kept->v[i].element,
		    kept->v[i].field);
		in = strmap_get(touched, key) != NULL;
		free(key);
		if (in)
			continue;	/* asked again below, or no more */
		u = &q->v[q->n++];
		*u = kept->v[i];
		u->element = xstrdup(u->element);
		u->field = xstrdup(u->field);
		u->risks = xreallocarray(NULL, u->nrisks + 1,
		    sizeof *u->risks);
		memcpy(u->risks, kept->v[i].risks,
		    u->nrisks * sizeof *u->risks);
	}
	for (i = 0; i < fresh.n; i++) {
		key = session_question_key(fresh.v[i].element,
		    fresh.v[i].field);
		in = strmap_get(touched, key) != NULL;
		free(key);
		if (in) {
			q->v[q->n++] = fresh.v[i];
			continue;
		}
		free(fresh.v[i].element);
		free(fresh.v[i].field);
		free(fresh.v[i].risks);
	}
	free(fresh.v);
	qsort(q->v, q->n, sizeof *q->v, risk_question_cmp);
}

/*
 * An incremental re-analysis is tried when at most 1 threat in this many
 * is affected: it analyses them twice.
 */
#define SESSION_INCREMENTAL_SHARE	5

/* Seconds of CPU so far, for the trace of PARAPET_DEBUG_INCREMENTAL. */
static double
session_cpu(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A field the save changed, to put back as it was and again as saved. */
struct session_undo {
	void			*obj;
	const struct field	*f;
	const char		*was;
	char			*now;
};

/*
 * The changes of a save as fields of the model to put back (*u, *n), if
 * every one is a field's value that the analysis reads from the model as
 * it is (no object added, removed or renamed, no reference, no practice
 * answer): 1, or 0 if not.
 */
static int
session_undo_make(struct model *m, const struct store_changes *ch,
    struct session_undo **u, size_t *n)
{
	const struct store_change	*c;
	const struct objref		*ref;
	enum objtype			 t;
	void				*obj;
	size_t				 i;

	*u = xcalloc(ch->n + 1, sizeof **u);
	*n = 0;
	for (i = 0; i < ch->n; i++) {
		c = &ch->v[i];
		if (!c->said)
			return 0;
		if (m->system.id != NULL && strcmp(c->object,
		    m->system.id) == 0) {
			t = OBJ_SYSTEM;
			obj = &m->system;
		} else if ((ref = model_find(m, c->object)) != NULL &&
		    ref->type != OBJ_SYSTEM) {
			t = ref->type;
			obj = ref->ptr;
		} else
			return 0;
		(*u)[*n].f = model_field(t, c->field);
		if ((*u)[*n].f == NULL || (*u)[*n].f->type == FIELD_ID ||
		    (*u)[*n].f->type == FIELD_REF ||
		    (*u)[*n].f->type == FIELD_KIND)
			return 0;
		(*u)[*n].obj = obj;
		(*u)[*n].was = c->was;
		(*u)[*n].now = field_get(obj, (*u)[*n].f);
		(*n)++;
	}
	return 1;
}

static void
session_undo_free(struct session_undo *u, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(u[i].now);
	free(u);
}

/* Put the fields back as they were (back 1) or as saved (0). */
static int
session_undo_apply(struct session_undo *u, size_t n, int back)
{
	struct error	e;
	size_t		i;
	int		rc = 0;

	for (i = 0; i < n; i++)
		if (field_set(u[i].obj, u[i].f, back ? u[i].was : u[i].now,
		    &e) == -1)
			rc = -1;
	return rc;
}

/*
 * Re-analyse after a save only what its changes can affect (rules/deps.h)
 * and re-store only that: the findings of the affected threats, their
 * risks synced, the open questions they are part of. The stored register
 * must be what this analysis made of the model before the save
 * (store_analysis_current() before it), kept its questions. 1 if done, 0
 * if a whole analysis is needed (nothing written), -1 on error.
 */
static int
session_incremental(struct session *s, struct model *m,
    const struct store_changes *ch, struct risk_questions *kept,
    struct risk_register *kept_risks, struct session_summary *sum,
    struct error *err)
{
	struct risk_register	 fresh, pending, was, was_pending;
	struct risk_questions	 q;
	struct deps_change	*v;
	struct session_undo	*undo = NULL;
	struct strmap		 touched;
	unsigned char		*affected;
	const char		**ids = NULL;
	char			**keys = NULL;
	size_t			 i, n, nids, nkeys = 0, nundo = 0;
	size_t			 merged = 0, asked = 0;
	long			 count;
	double			 t0 = 0, t1 = 0, t2 = 0;
	int			 rc = -1, keep, lean = 1, known;

	if (s->deps == NULL)
		s->deps = deps_new(s->cat);
	n = s->cat->nthreats;
	v = xcalloc(ch->n + 1, sizeof *v);
	for (i = 0; i < ch->n; i++) {
		v[i].type = ch->v[i].type;
		v[i].object = ch->v[i].object;
		v[i].field = ch->v[i].field;
	}
	affected = xcalloc(n + 1, 1);
	count = deps_affected(s->deps, m, v, ch->n, affected);
	free(v);
	risk_register_init(&fresh);
	risk_register_init(&pending);
	risk_register_init(&was);
	risk_register_init(&was_pending);
	memset(&q, 0, sizeof q);
	strmap_init(&touched);
	/*
	 * All of them, or so many that analysing them twice (the model as it
	 * was and as it is) costs about what the whole analysis does: the
	 * whole analysis. The share is a cost, not a matter of soundness
	 * (PARAPET_INCREMENTAL_ALWAYS lifts it, for the differential test).
	 */
	if (count < 0 || memchr(affected, 0, n) == NULL ||
	    ((size_t)count * SESSION_INCREMENTAL_SHARE > n &&
	    getenv("PARAPET_INCREMENTAL_ALWAYS") == NULL)) {
		if (getenv("PARAPET_DEBUG_INCREMENTAL") != NULL)
			fprintf(stderr, "incremental: not taken, %ld of %zu "
			    "threats\n", count, n);
		rc = 0;
		goto out;
	}
	/*
	 * The questions kept, read as they were before the save (it leaves
	 * their rows, current for the model before it, as the caller made
	 * sure).
	 */
	t0 = session_cpu();
	if ((rc = session_kept_load(s, m->system.id, kept, kept_risks,
	    err)) != 1)
		goto out;
	rc = -1;
	if (getenv("PARAPET_DEBUG_INCREMENTAL") != NULL)
		fprintf(stderr, "incremental: %zu questions read in %.3f s "
		    "CPU\n", kept->n, session_cpu() - t0);
	/*
	 * The affected threats on the model as it was, when the change can
	 * be put back: the questions whose part from them did not change
	 * stay as kept.
	 */
	t0 = session_cpu();
	known = session_undo_make(m, ch, &undo, &nundo);
	if (known && session_undo_apply(undo, nundo, 1) == -1)
		known = 0;
	if (known && analyze_some(s->cat, m, affected, &was, &was_pending, 1,
	    err) == -1) {
		session_undo_apply(undo, nundo, 0);
		goto out;
	}
	if (session_undo_apply(undo, nundo, 0) == -1) {
		error_set(err, "model '%s': a changed field cannot be set "
		    "again", m->system.id);
		goto out;
	}
	t1 = session_cpu();
	if (analyze_some(s->cat, m, affected, &fresh, &pending, lean,
	    err) == -1)
		goto out;
	t2 = session_cpu();
	session_touched(s, affected, known ? &was_pending : NULL, &pending,
	    kept, &touched, &keys, &nkeys);
again:
	if (session_widen(s, affected, &fresh, &pending, kept, &touched)) {
		if (memchr(affected, 0, n) == NULL) {
			rc = 0;
			goto out;
		}
		risk_register_release(&fresh);
		risk_register_release(&pending);
		if (analyze_some(s->cat, m, affected, &fresh, &pending, lean,
		    err) == -1)
			goto out;
		goto again;
	}
	if (getenv("PARAPET_DEBUG_INCREMENTAL") != NULL) {
		size_t c = 0;
		for (i = 0; i < n; i++)
			c += affected[i];
		fprintf(stderr, "incremental: %ld, then %zu of %zu threats, "
		    "%zu questions touched, %s (CPU s: before %.3f, after "
		    "%.3f, widened %.3f)\n", count, c, n, nkeys,
		    known ? "compared" : "not compared", t1 - t0, t2 - t1,
		    session_cpu() - t2);
	}
	session_questions_merge(kept, &pending, &touched, &q);
	if ((keep = session_keep_decided(s, m->system.id, &fresh, &pending,
	    NULL, &asked, err)) == 1 && lean) {
		/* A decided one among the lean: whole reasons for it. */
		risk_questions_release(&q);
		risk_register_release(&fresh);
		risk_register_release(&pending);
		lean = 0;
		if (analyze_some(s->cat, m, affected, &fresh, &pending, lean,
		    err) == -1)
			goto out;
		session_questions_merge(kept, &pending, &touched, &q);
		keep = session_keep_decided(s, m->system.id, &fresh, &pending,
		    NULL, &asked, err);
	}
	if (keep != 0)
		goto out;
	if (store_save_questions(s->store, m->system.id, &q, err) == -1)
		goto out;
	ids = xcalloc(n + 1, sizeof *ids);
	for (i = nids = 0; i < n; i++)
		if (affected[i])
			ids[nids++] = s->cat->threats[i]->id;
	if (store_merge_findings(s->store, m->system.id, &fresh, &merged,
	    err) == -1 || store_sync_risks_some(s->store, m->system.id,
	    &fresh, ids, nids, err) == -1)
		goto out;
	if (sum != NULL) {
		if (session_summarize_stored(s, m->system.id, sum, err) == -1)
			goto out;
		sum->open_questions = analyze_open_questions(s->cat, m, NULL);
		sum->merged = merged;
		sum->asked = asked;
		sum->field_questions = q.n;
	}
	if (getenv("PARAPET_DEBUG_INCREMENTAL") != NULL)
		fprintf(stderr, "incremental: stored in %.3f s CPU\n",
		    session_cpu() - t2);
	rc = 1;
out:
	session_undo_free(undo, nundo);
	strmap_release(&touched);
	for (i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	free(ids);
	free(affected);
	risk_questions_release(&q);
	risk_register_release(&fresh);
	risk_register_release(&pending);
	risk_register_release(&was);
	risk_register_release(&was_pending);
	return rc;
}

int
session_save_found(struct session *s, struct model *m,
    long expected_revision, struct risk_register *found,
    struct risk_register *found_pending, struct session_summary *sum,
    struct error *err)
{
	struct store_changes	 ch;
	struct risk_questions	 kept;
	struct risk_register	 kept_risks;
	size_t			 nkept;
	int			 changed, plain, rc, inc = 0;

	/* Saved, a model read in part would lose what was not read. */
	if (m->unread != 0)
		return error_set(err, "model '%s' was read in part: read it "
		    "whole before saving it", m->system.id);
	if (!m->indexed && model_index(m, NULL, err) == -1)
		return -1;
	if (session_check_model(s, m, NULL, err) == -1)
		return -1;
	/* The model and its register change together or not at all. */
	if (store_transaction(s->store, err) == -1)
		return -1;
	plain = found == NULL && (s->keep == NULL || s->keep->len == 0);
	memset(&ch, 0, sizeof ch);
	memset(&kept, 0, sizeof kept);
	risk_register_init(&kept_risks);
	/*
	 * A register this analysis made for the stored model as it is (no
	 * edit or decision since) can follow a change in part: what the save
	 * changed is noted (session_incremental() reads the open questions
	 * kept, as they were before the save, if it goes on).
	 */
	if (plain && getenv("PARAPET_NO_INCREMENTAL") == NULL &&
	    (inc = store_analysis_current(s->store, m->system.id,
	    session_analysis(s), &nkept, err)) == -1)
		goto fail;
	if (inc)
		store_watch_changes(s->store, &ch);
	rc = store_save(s->store, m, expected_revision, &changed, err);
	store_watch_changes(s->store, NULL);
	if (rc == -1)
		goto fail;

	/* The model's pages written: the analysis gets their memory. */
	store_release_memory(s->store);
	/*
	 * Analysed here, and not with decisions that came with the save: the
	 * register is what this analysis makes of the model as it is now.
	 */
	if ((rc = plain ? session_unchanged(s, m, changed, sum, err) : 0) ==
	    -1)
		goto fail;
	if (getenv("PARAPET_DEBUG_INCREMENTAL") != NULL)
		fprintf(stderr, "incremental: saved at %.3f s CPU\n",
		    session_cpu());
	if (rc == 0 && inc && changed && !ch.many) {
		if ((rc = session_incremental(s, m, &ch, &kept, &kept_risks, sum,
		    err)) == -1)
			goto fail;
		if (rc == 1 && store_analysis_done(s->store, m->system.id,
		    session_analysis(s), err) == -1)
			goto fail;
	}
	if (rc == 0 && (session_reanalyze(s, m, 1, found,
	    found_pending, sum, err) == -1 ||
	    store_analysis_done(s->store, m->system.id, plain ?
	    session_analysis(s) : NULL, err) == -1))
		goto fail;
	store_changes_release(&ch);
	risk_questions_release(&kept);
	risk_register_release(&kept_risks);
	return store_transaction_commit(s->store, err);

fail:
	store_changes_release(&ch);
	risk_questions_release(&kept);
	risk_register_release(&kept_risks);
	store_transaction_rollback(s->store);
	return -1;
}

int
session_analyze(struct session *s, const char *id,
    struct session_summary *sum, struct error *err)
{
	struct model	*m;
	int		 rc;

	if ((m = store_load(s->store, id, err)) == NULL)
		return -1;
	rc = session_reanalyze(s, m, 0, NULL, NULL, sum, err);
	model_free(m);
	return rc;
}

static char *
session_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Give k the decisions of the stored risk o. */
static void
session_carry(struct risk *k, const struct risk *o)
{
	const struct risk_mitigation	*om;
	struct risk_mitigation		*km;
	size_t				 i;

	k->status = o->status;
	k->owner = session_dup(o->owner);
	k->justification = session_dup(o->justification);
	k->decided_by = session_dup(o->decided_by);
	k->decided_at = session_dup(o->decided_at);
	for (i = 0; i < o->nmitigations; i++) {
		om = &o->mitigations[i];
		/* The store keeps a mitigation once added to a risk. */
		if ((km = risk_find_mitigation(k, om->id)) == NULL)
			km = risk_add_mitigation(k, om->id);
		km->status = om->status;
		km->owner = session_dup(om->owner);
		km->due = session_dup(om->due);
		km->notes = session_dup(om->notes);
	}
}

int
session_register(struct session *s, const struct model *m,
    struct risk_register *reg, struct error *err)
{
	struct risk_register	 stored, pending;
	struct strmap		 fresh;
	const struct risk	*o;
	struct risk		*k;
	size_t			 i, j, first = reg->n, asked;
	char			*name;
	int			 rc = -1;

	risk_register_init(&stored);
	risk_register_init(&pending);
	strmap_init(&fresh);
	if (analyze_unknowns(s->cat, m, reg, &pending, err) == -1 ||
	    store_load_risks(s->store, m->system.id, &stored, err) == -1 ||
	    session_keep_decided(s, m->system.id, reg, &pending, &stored,
	    &asked, err) == -1)
		goto out;
	for (i = first; i < reg->n; i++) {
		name = risk_name(reg->risks[i]);
		if (strmap_get(&fresh, name) != NULL) {
			free(name);	/* a duplicate: the store keeps one */
			continue;
		}
		strmap_put(&fresh, name, reg->risks[i]);
	}
	for (i = 0; i < stored.n; i++) {
		o = stored.risks[i];
		name = risk_name(o);
		k = strmap_get(&fresh, name);
		free(name);
		if (k != NULL) {
			session_carry(k, o);
			continue;
		}
		if (!risk_decided(o))
			continue;	/* the store drops it */
		k = risk_register_add(reg, o->threat, o->target);
		k->title = session_dup(o->title);
		k->likelihood = o->likelihood;
		k->impact = o->impact;
		k->severity = o->severity;
		k->applies = 0;
		for (j = 0; j < o->nreasons; j++)
			risk_add_reason_line(k, (int)o->reasons[j].kind,
			    o->reasons[j].line);
		session_carry(k, o);
	}
	rc = 0;
out:
	/* The map's keys are ours; its values belong to reg. */
	for (i = 0; i < fresh.cap; i++)
		if (fresh.slots[i].key != NULL)
			free((void *)(uintptr_t)fresh.slots[i].key);
	strmap_release(&fresh);
	risk_register_release(&stored);
	risk_register_release(&pending);
	return rc;
}

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

int
session_save_found(struct session *s, struct model *m,
    long expected_revision, struct risk_register *found,
    struct risk_register *found_pending, struct session_summary *sum,
    struct error *err)
{
	int	changed, plain, rc;

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
	if (store_save(s->store, m, expected_revision, &changed, err) == -1) {
		store_transaction_rollback(s->store);
		return -1;
	}
	/* The model's pages written: the analysis gets their memory. */
	store_release_memory(s->store);
	/*
	 * Analysed here, and not with decisions that came with the save: the
	 * register is what this analysis makes of the model as it is now.
	 */
	plain = found == NULL && (s->keep == NULL || s->keep->len == 0);
	if ((rc = plain ? session_unchanged(s, m, changed, sum, err) : 0) ==
	    -1 || (rc == 0 && (session_reanalyze(s, m, 1, found,
	    found_pending, sum, err) == -1 ||
	    store_analysis_done(s->store, m->system.id, plain ?
	    session_analysis(s) : NULL, err) == -1))) {
		store_transaction_rollback(s->store);
		return -1;
	}
	return store_transaction_commit(s->store, err);
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

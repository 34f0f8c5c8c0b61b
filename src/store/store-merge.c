/*
 * store-merge.c: decisions of earlier risks that the analysis now reports
 * as one finding.
 *
 * A finding that groups targets (the flows of one model's output, the
 * flows to one supplier) or covers a restating threat names, as aliases,
 * the risks that earlier analyses raised for each of them. Their owners,
 * statuses, justifications and mitigation decisions move onto the finding
 * (risk_merge_decisions(): the most conservative status, nothing people
 * wrote dropped), the history says what happened, and the earlier rows
 * go: they would otherwise stay as risks that no longer apply, each a
 * duplicate of the finding.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* Read one stored risk's decisions into reg; 0 (none stored), 1, -1. */
static int
store_merge_read(struct store *s, const char *id, const char *threat,
    const char *target, struct risk_register *reg, struct error *err)
{
	static const char *const risk = "SELECT status, owner, "
	    "justification, decided_by, decided_at FROM risks "
	    "WHERE system = ? AND threat = ? AND target = ?";
	static const char *const mit = "SELECT mitigation, status, owner, "
	    "due, notes FROM risk_mitigations WHERE system = ? AND "
	    "threat = ? AND target = ? ORDER BY rowid";
	struct risk_mitigation	*m;
	struct risk		*k;
	struct db_stmt		*st;
	const char		*w;
	int			 rc, v;

	if ((st = store_prepare(s, risk, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 0 : store_fail(s, rc, err);
	}
	k = risk_register_add(reg, threat, target);
	w = db_column_text(st, 0);
	k->status = w != NULL && (v = vocab_find(&vocab_risk_status, w)) >=
	    0 ? v : RISK_OPEN;
	k->owner = store_column(st, 1);
	k->justification = store_column(st, 2);
	k->decided_by = store_column(st, 3);
	k->decided_at = store_column(st, 4);
	db_reset(st);
	if ((st = store_prepare(s, mit, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	store_bind(st, 2, threat);
	store_bind(st, 3, target);
	while ((rc = store_step(s, st, err)) == 1) {
		if (db_column_text(st, 0) == NULL)
			continue;
		m = risk_add_mitigation(k, db_column_text(st, 0));
		w = db_column_text(st, 1);
		m->status = w != NULL && (v = vocab_find(
		    &vocab_mitigation_status, w)) >= 0 ? v : MIT_PROPOSED;
		m->owner = store_column(st, 2);
		m->due = store_column(st, 3);
		m->notes = store_column(st, 4);
	}
	if (rc == -1)
		return -1;
	return 1;
}

/* 1 if two possibly NULL strings differ. */
static int
store_merge_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/*
 * Write the merged decisions onto the finding's row (made if it is new,
 * its scoring left to store_sync_risks()), recording each change.
 */
static int
store_merge_write(struct store *s, const char *id, const struct risk *k,
    const struct risk *was, const struct risk *acc, const char *now,
    struct error *err)
{
	static const char *const make = "INSERT INTO risks (system, threat, "
	    "target, title, likelihood, impact, severity, applies, status, "
	    "assumed) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'open', ?)";
	static const char *const set = "UPDATE risks SET status = ?, "
	    "owner = ?, justification = ?, decided_by = ?, decided_at = ? "
	    "WHERE system = ? AND threat = ? AND target = ?";
	static const char *const mit = "INSERT INTO risk_mitigations "
	    "(system, threat, target, mitigation, status, owner, due, notes) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (system, threat, "
	    "target, mitigation) DO UPDATE SET status = excluded.status, "
	    "owner = excluded.owner, due = excluded.due, "
	    "notes = excluded.notes";
	const struct risk_mitigation	*m, *o;
	const char			*who = store_user();
	const char			*st_was, *st_now;
	struct db_stmt			*st;
	char				*name = risk_name(k), *field;
	size_t				 i;
	int				 rc = -1;

	if (was == NULL) {
		if ((st = store_prepare(s, make, err)) == NULL)
			goto out;
		store_bind(st, 1, id);
		store_bind(st, 2, k->threat);
		store_bind(st, 3, k->target);
		store_bind(st, 4, k->title);
		db_bind_int64(st, 5, k->likelihood);
		db_bind_int64(st, 6, k->impact);
		store_bind(st, 7, vocab_name(&vocab_severity, k->severity));
		db_bind_int64(st, 8, store_assumed(k));
		if (store_run(s, st, err) == -1 || store_log(s, now, who, id,
		    name, "applies", NULL, "true", err) == -1)
			goto out;
	}
	st_was = was != NULL ? vocab_name(&vocab_risk_status, was->status) :
	    "open";
	st_now = vocab_name(&vocab_risk_status, acc->status);
	if ((st = store_prepare(s, set, err)) == NULL)
		goto out;
	store_bind(st, 1, st_now);
	store_bind(st, 2, acc->owner);
	store_bind(st, 3, acc->justification);
	store_bind(st, 4, acc->decided_by);
	store_bind(st, 5, acc->decided_at);
	store_bind(st, 6, id);
	store_bind(st, 7, k->threat);
	store_bind(st, 8, k->target);
	if (store_run(s, st, err) == -1)
		goto out;
	if ((store_merge_differs(st_was, st_now) && store_log(s, now, who,
	    id, name, "status", st_was, st_now, err) == -1) ||
	    (store_merge_differs(was != NULL ? was->owner : NULL,
	    acc->owner) && store_log(s, now, who, id, name, "owner",
	    was != NULL ? was->owner : NULL, acc->owner, err) == -1) ||
	    (store_merge_differs(was != NULL ? was->justification : NULL,
	    acc->justification) && store_log(s, now, who, id, name,
	    "justification", was != NULL ? was->justification : NULL,
	    acc->justification, err) == -1))
		goto out;
	for (i = 0; i < acc->nmitigations; i++) {
		m = &acc->mitigations[i];
		o = was != NULL ? risk_find_mitigation(was, m->id) : NULL;
		if (o != NULL && o->status == m->status &&
		    !store_merge_differs(o->owner, m->owner) &&
		    !store_merge_differs(o->due, m->due) &&
		    !store_merge_differs(o->notes, m->notes))
			continue;
		if (o == NULL && m->status == MIT_PROPOSED &&
		    m->owner == NULL && m->due == NULL && m->notes == NULL)
			continue;
		if ((st = store_prepare(s, mit, err)) == NULL)
			goto out;
		store_bind(st, 1, id);
		store_bind(st, 2, k->threat);
		store_bind(st, 3, k->target);
		store_bind(st, 4, m->id);
		store_bind(st, 5, vocab_name(&vocab_mitigation_status,
		    m->status));
		store_bind(st, 6, m->owner);
		store_bind(st, 7, m->due);
		store_bind(st, 8, m->notes);
		if (store_run(s, st, err) == -1)
			goto out;
		field = xasprintf("mitigation %s status", m->id);
		rc = store_log(s, now, who, id, name, field, o != NULL ?
		    vocab_name(&vocab_mitigation_status, o->status) : NULL,
		    vocab_name(&vocab_mitigation_status, m->status), err);
		free(field);
		if (rc == -1)
			goto out;
		rc = -1;
	}
	rc = 0;
out:
	free(name);
	return rc;
}

/* Delete an earlier risk (its mitigations go with it) and say where to. */
static int
store_merge_drop(struct store *s, const char *id, const struct risk *old,
    const char *into, const char *now, struct error *err)
{
	static const char *const sql = "DELETE FROM risks WHERE system = ? "
	    "AND threat = ? AND target = ?";
	struct db_stmt	*st;
	char		*name = risk_name(old);
	int		 rc = -1;

	if ((st = store_prepare(s, sql, err)) == NULL)
		goto out;
	store_bind(st, 1, id);
	store_bind(st, 2, old->threat);
	store_bind(st, 3, old->target);
	if (store_run(s, st, err) == -1 ||
	    store_log(s, now, store_user(), id, name, "merged into", NULL,
	    into, err) == -1 ||
	    store_log(s, now, store_user(), id, into, "merged from", NULL,
	    name, err) == -1)
		goto out;
	rc = 0;
out:
	free(name);
	return rc;
}

/* An alias of a finding, split as a stored risk's key. */
struct store_alias {
	const char	*name;		/* the finding's, borrowed */
	char		*threat;
	char		*target;
};

static int
store_alias_cmp(const void *a, const void *b)
{
	const struct store_alias	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->threat, y->threat)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/*
 * Put in found the aliases of the register's findings that are stored
 * risks and not findings themselves (live): the only ones a merge reads.
 * One ordered pass over the stored keys (the key's index: no row read),
 * merged with the aliases sorted the same way, instead of a query per
 * alias. How many were found, or -1.
 */
static long
store_merge_found(struct store *s, const char *id,
    const struct risk_register *reg, const struct strmap *live,
    struct strmap *found, struct error *err)
{
	static const char *const sql = "SELECT threat, target FROM risks "
	    "WHERE system = ? ORDER BY threat, target";
	struct store_alias	*v = NULL;
	const struct risk	*k;
	const char		*threat, *target;
	struct db_stmt		*st;
	size_t			 n = 0, max = 0, i, j;
	long			 nfound = 0;
	int			 rc, c;

	/* No risk stored (a new model): no alias to look for. */
	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 0 : store_fail(s, rc, err);
	}
	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		for (j = 0; j < k->naliases; j++) {
			if (strmap_get(live, k->aliases[j]) != NULL)
				continue;
			if (n == max) {
				max = max == 0 ? 64 : max * 2;
				v = xreallocarray(v, max, sizeof *v);
			}
			if (risk_parse_name(k->aliases[j], &v[n].threat,
			    &v[n].target) == -1)
				continue;
			v[n++].name = k->aliases[j];
		}
	}
	if (n == 0) {
		db_reset(st);
		free(v);
		return 0;
	}
	qsort(v, n, sizeof *v, store_alias_cmp);
	/* The first row is read already. */
	i = 0;
	do {
		threat = db_column_text(st, 0);
		target = db_column_text(st, 1);
		if (threat == NULL || target == NULL)
			continue;
		while (i < n && ((c = strcmp(v[i].threat, threat)) < 0 ||
		    (c == 0 && (c = strcmp(v[i].target, target)) <= 0))) {
			if (c == 0 && strmap_get(found, v[i].name) == NULL) {
				strmap_put(found, v[i].name, &v[i]);
				nfound++;
			}
			i++;
		}
	} while (i < n && (rc = db_step(st)) == DB_ROW);
	if (i < n && rc != DB_DONE)
		nfound = store_fail(s, rc, err);
	db_reset(st);
	for (i = 0; i < n; i++) {
		free(v[i].threat);
		free(v[i].target);
	}
	free(v);
	return nfound;
}

/*
 * Merge the stored risks of one finding's aliases into it (found: those
 * stored).
 */
static int
store_merge_one(struct store *s, const char *id, const struct risk *k,
    const struct strmap *found, const char *now, size_t *moved,
    struct error *err)
{
	struct risk_register	 old, own;
	struct risk		 acc;
	char			*threat, *target, *name = NULL;
	size_t			 i;
	int			 rc = -1, got;

	risk_register_init(&old);
	risk_register_init(&own);
	for (i = 0; i < k->naliases; i++) {
		if (strmap_get(found, k->aliases[i]) == NULL ||
		    risk_parse_name(k->aliases[i], &threat, &target) == -1)
			continue;
		got = store_merge_read(s, id, threat, target, &old, err);
		free(threat);
		free(target);
		if (got == -1)
			goto out;
	}
	if (old.n == 0) {
		rc = 0;
		goto out;
	}
	if (store_merge_read(s, id, k->threat, k->target, &own, err) == -1)
		goto out;
	/* The decisions so far: the finding's own if stored, else the
	   first earlier risk's; then every other folded in. */
	memset(&acc, 0, sizeof acc);
	acc.threat = k->threat;
	acc.target = k->target;
	acc.status = RISK_OPEN;
	risk_merge_decisions(&acc, own.n > 0 ? own.risks[0] : old.risks[0]);
	acc.status = (own.n > 0 ? own.risks[0] : old.risks[0])->status;
	/*
	 * An earlier risk nobody decided on (open, no owner, nothing
	 * written) carries no decision: its "open" must not undo one taken
	 * on the finding (a jailbreak never looked at, folded into the
	 * injection finding that someone marked mitigating).
	 */
	for (i = 0; i < old.n; i++)
		if (risk_decided(old.risks[i]))
			risk_merge_decisions(&acc, old.risks[i]);
	name = risk_name(k);
	if (store_merge_write(s, id, k, own.n > 0 ? own.risks[0] : NULL,
	    &acc, now, err) == -1)
		goto done;
	for (i = 0; i < old.n; i++)
		if (store_merge_drop(s, id, old.risks[i], name, now,
		    err) == -1)
			goto done;
	*moved += old.n;
	rc = 0;
done:
	free(acc.owner);
	free(acc.justification);
	free(acc.decided_by);
	free(acc.decided_at);
	for (i = 0; i < acc.nmitigations; i++) {
		if (!acc.mitigations[i].borrowed)
			free(acc.mitigations[i].id);
		free(acc.mitigations[i].owner);
		free(acc.mitigations[i].due);
		free(acc.mitigations[i].notes);
	}
	free(acc.mitigations);
out:
	free(name);
	risk_register_release(&old);
	risk_register_release(&own);
	return rc;
}

/*
 * 1 if store_merge_findings() would move anything: a finding names as an
 * alias a stored risk the analysis no longer raises. 0 if not, -1 on
 * error. Reads only, in the caller's transaction or snapshot.
 */
int
store_merge_pending(struct store *s, const char *id,
    const struct risk_register *reg, struct error *err)
{
	struct strmap	 live, found;
	char		**names;
	size_t		 i, n = 0;
	long		 nfound;

	for (i = 0; i < reg->n; i++)
		n += reg->risks[i]->naliases > 0;
	if (n == 0)
		return 0;
	strmap_init(&live);
	strmap_init(&found);
	names = xcalloc(reg->n + 1, sizeof *names);
	for (i = 0; i < reg->n; i++) {
		names[i] = risk_name(reg->risks[i]);
		strmap_put(&live, names[i], names[i]);
	}
	nfound = store_merge_found(s, id, reg, &live, &found, err);
	for (i = 0; i < reg->n; i++)
		free(names[i]);
	free(names);
	strmap_release(&live);
	strmap_release(&found);
	return nfound == -1 ? -1 : nfound > 0;
}

int
store_merge_findings(struct store *s, const char *id,
    const struct risk_register *reg, size_t *moved, struct error *err)
{
	struct strmap	 live, found;
	char		**names;
	char		*now;
	size_t		 i, n = 0;
	long		 nfound = 0;
	int		 rc = 0;

	*moved = 0;
	for (i = 0; i < reg->n; i++)
		n += reg->risks[i]->naliases > 0;
	if (n == 0)
		return 0;
	/* A name the analysis raises as a finding is never an alias to
	   merge away. */
	strmap_init(&live);
	names = xcalloc(reg->n + 1, sizeof *names);
	for (i = 0; i < reg->n; i++) {
		names[i] = risk_name(reg->risks[i]);
		strmap_put(&live, names[i], names[i]);
	}
	strmap_init(&found);
	now = store_now();
	if (store_begin_system(s, id, err) == -1)
		rc = -1;
	else if ((nfound = store_merge_found(s, id, reg, &live, &found,
	    err)) == -1)
		rc = -1;
	for (i = 0; rc == 0 && nfound > 0 && i < reg->n; i++)
		if (reg->risks[i]->naliases > 0)
			rc = store_merge_one(s, id, reg->risks[i], &found, now,
			    moved, err);
	if (rc == 0 && store_commit(s, err) == -1)
		rc = -1;
	else if (rc == -1)
		store_rollback(s);
	strmap_release(&found);
	free(now);
	for (i = 0; i < reg->n; i++)
		free(names[i]);
	free(names);
	strmap_release(&live);
	return rc;
}

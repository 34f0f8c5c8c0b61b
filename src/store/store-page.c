/*
 * store-page.c: parts of a stored register, for the work that needs less
 * than the whole of it (see store-page.h).
 *
 * Same tables and patterns as store-risk.c: risks by (threat, target),
 * their mitigation rows merged in the same order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "store/store-int.h"
#include "store/store-page.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* A word of a vocabulary read back, or a default when unknown. */
static int
store_page_word(const struct vocab *v, struct db_stmt *st, int col, int dflt)
{
	const char	*w = db_column_text(st, col);
	int		 i;

	if (w == NULL || (i = vocab_find(v, w)) == -1)
		return dflt;
	return i;
}

/*
 * The decisions of the mitigation rows of the risks reg holds from first
 * on (sorted by threat and target, as the rows are read).
 */
static int
store_page_mitigations(struct store *s, const char *id,
    struct risk_register *reg, size_t first, struct error *err)
{
	static const char *const sql = "SELECT threat, target, mitigation, "
	    "status, owner, due, notes FROM risk_mitigations "
	    "WHERE system = ? ORDER BY threat, target, rowid";
	struct risk_mitigation	*m;
	struct risk		*k;
	struct db_stmt		*st;
	const char		*threat, *target, *mid;
	size_t			 i = first;
	int			 rc, c;

	if ((st = store_prepare(s, sql, err)) == NULL)
		return -1;
	store_bind(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		threat = db_column_text(st, 0);
		target = db_column_text(st, 1);
		if (threat == NULL || target == NULL ||
		    db_column_text(st, 2) == NULL)
			continue;
		for (; i < reg->n; i++) {
			k = reg->risks[i];
			if ((c = strcmp(k->threat, threat)) == 0)
				c = strcmp(k->target, target);
			if (c >= 0)
				break;
		}
		if (i == reg->n)
			break;
		k = reg->risks[i];
		if (strcmp(k->threat, threat) != 0 ||
		    strcmp(k->target, target) != 0)
			continue;
		mid = db_column_text(st, 2);
		if ((m = risk_find_mitigation(k, mid)) == NULL)
			m = risk_add_mitigation(k, mid);
		else {
			free(m->owner);
			free(m->due);
			free(m->notes);
		}
		m->status = store_page_word(&vocab_mitigation_status, st, 3,
		    MIT_PROPOSED);
		m->owner = store_column(st, 4);
		m->due = store_column(st, 5);
		m->notes = store_column(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return store_fail(s, rc, err);
	return 0;
}

int
store_load_risk_states(struct store *s, const char *id,
    struct risk_register *reg, struct error *err)
{
	static const char *const sql = "SELECT threat, target, status, "
	    "owner, justification, decided_by, decided_at FROM risks "
	    "WHERE system = ? ORDER BY threat, target";
	struct risk	*k;
	struct db_stmt	*st;
	size_t		 first = reg->n;
	long		 rev;
	int		 rc;

	if (store_begin_read(s, err) == -1)
		return -1;
	if ((rev = store_revision(s, id, err)) == -1 ||
	    (rev == 0 && store_no_model(s, id, err) == -1) ||
	    (st = store_prepare(s, sql, err)) == NULL)
		goto fail;
	store_bind(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_column_text(st, 0) == NULL ||
		    db_column_text(st, 1) == NULL)
			continue;
		k = risk_register_add(reg,
		    db_column_text(st, 0),
		    db_column_text(st, 1));
		k->status = store_page_word(&vocab_risk_status, st, 2,
		    RISK_OPEN);
		k->owner = store_column(st, 3);
		k->justification = store_column(st, 4);
		k->decided_by = store_column(st, 5);
		k->decided_at = store_column(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		store_fail(s, rc, err);
		goto fail;
	}
	if (store_page_mitigations(s, id, reg, first, err) == -1)
		goto fail;
	store_rollback(s);	/* a read: nothing to keep */
	return 0;

fail:
	store_rollback(s);
	return -1;
}

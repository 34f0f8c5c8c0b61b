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
		k->status = store_word(&vocab_risk_status, st, 2,
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
	if (store_load_mitigations(s, id, reg, first, err) == -1)
		goto fail;
	store_rollback(s);	/* a read: nothing to keep */
	return 0;

fail:
	store_rollback(s);
	return -1;
}

/*
 * cmd-rename.c: parapet rename DB OLD NEW -- give a boundary, component or
 * flow a new id, keeping its risks, decisions and history.
 */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"

int
cmd_rename(const struct cli_cmd *c, struct cli_args *a)
{
	struct session_summary	 sum;
	struct session		*s;
	struct model		*m = NULL;
	struct error		 e;
	int			 rc = 1;

	(void)c;
	if ((s = cli_session(a, a->pos[0], 0)) == NULL)
		return 1;
	if ((m = store_load(s->store, a->model, &e)) == NULL ||
	    model_rename(m, a->pos[1], a->pos[2], &e) == -1 ||
	    session_save(s, m, m->revision, &sum, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	cli_puts(stdout, a->pos[1]);
	printf(" -> ");
	cli_puts(stdout, a->pos[2]);
	printf(" (risks, decisions and history follow)\n");
	cli_print_summary(&sum);
	rc = 0;
out:
	model_free(m);
	session_close(s);
	return rc;
}

/*
 * cmd-confirm.c: parapet confirm DB [STEP] -- confirm a first step of the
 * walk-through (the system, its boundaries, components or flows) that
 * still holds a template's example as it is, as c does in the screens; or,
 * without STEP, list the steps that still hold it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/history.h"
#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"
#include "view/walk.h"

/* The step STEP names: its word (boundaries) or its number (2); or -1. */
static int
confirm_step(const char *arg)
{
	const char	*w;
	int		 s;

	for (s = WALK_SYSTEM; s <= WALK_FLOWS; s++) {
		w = walk_confirm_word((enum walk_step)s);
		if (strcmp(arg, w) == 0 || (arg[0] == '1' + s &&
		    arg[1] == '\0'))
			return s;
	}
	return -1;
}

/* The steps s of a model made from a template that still hold its example. */
static void
confirm_list(const char *id, const struct walk_tmpl *wt, const char *db)
{
	int	s, n = 0;

	for (s = WALK_SYSTEM; s <= WALK_FLOWS; s++)
		if (wt->example & (1U << s))
			n++;
	if (n == 0) {
		printf("every step of '");
		cli_puts(stdout, id);
		printf("' has been changed or confirmed since the template '");
		cli_puts(stdout, wt->name);
		printf("' made it: nothing to confirm\n");
		return;
	}
	printf("steps of '");
	cli_puts(stdout, id);
	printf("' still as the template '");
	cli_puts(stdout, wt->name);
	printf("' made them (parapet confirm ");
	cli_puts(stdout, db);
	printf(" STEP, once each is right as it is):\n");
	for (s = WALK_SYSTEM; s <= WALK_FLOWS; s++)
		if (wt->example & (1U << s))
			printf("  %d %s\n", s + 1,
			    walk_confirm_word((enum walk_step)s));
}

int
cmd_confirm(const struct cli_cmd *c, struct cli_args *a)
{
	struct walk_tmpl	 wt;
	struct session		*s;
	struct change		*v = NULL;
	struct model		*m = NULL;
	struct error		 e;
	size_t			 n = 0;
	int			 step = -1, rc = 1;

	if (a->npos > 1 && (step = confirm_step(a->pos[1])) == -1) {
		fprintf(stderr, "parapet: confirm: unknown step '");
		cli_puts(stderr, a->pos[1]);
		fprintf(stderr, "' (expected system, boundaries, components or "
		    "flows, or 1 to 4)\n");
		return cli_usage(c);
	}
	if ((s = cli_session(a, a->pos[0], a->npos > 1 ? 0 :
	    STORE_READONLY)) == NULL)
		return 1;
	walk_tmpl_init(&wt);
	if ((m = store_load(s->store, a->model, &e)) == NULL ||
	    store_history(s->store, m->system.id, NULL, &v, &n, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	walk_tmpl_read(&wt, v, n);
	if (wt.name == NULL) {
		fprintf(stderr, "parapet: confirm: nothing to confirm: '");
		cli_puts(stderr, m->system.id);
		fprintf(stderr, "' was not made from a template (its steps are "
		    "ticked by what they hold)\n");
		goto out;
	}
	if (step == -1) {
		confirm_list(m->system.id, &wt, a->pos[0]);
		rc = 0;
		goto out;
	}
	if (!(wt.example & (1U << step))) {
		fprintf(stderr, "parapet: confirm: nothing to confirm: step %d "
		    "(%s) of '", step + 1,
		    walk_confirm_word((enum walk_step)step));
		cli_puts(stderr, m->system.id);
		fprintf(stderr, "' has been changed or confirmed since the "
		    "template made it\n");
		goto out;
	}
	if (store_confirm(s->store, m->system.id,
	    walk_confirm_word((enum walk_step)step), &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	printf("confirmed step %d (%s) of '", step + 1,
	    walk_confirm_word((enum walk_step)step));
	cli_puts(stdout, m->system.id);
	printf("' as the template '");
	cli_puts(stdout, wt.name);
	printf("' set it: recorded in history\n");
	rc = 0;
out:
	changes_free(v, n);
	walk_tmpl_release(&wt);
	model_free(m);
	session_close(s);
	return rc;
}

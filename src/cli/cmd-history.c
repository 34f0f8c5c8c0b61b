/*
 * cmd-history.c: parapet history DB -- who changed what and when, each
 * change with the revision of its model that it made ("r12": the revision
 * `parapet diff DB@12 DB` compares with), newest first, as the history
 * screen lists them (CHANGES_NEWEST_FIRST).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/history.h"
#include "store/store.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * --object named nothing that changed: say so, with the nearest object of
 * the history (a misspelt id printed nothing at all).
 */
static void
history_none(struct store *st, const struct cli_args *a)
{
	struct change	*v;
	struct error	 e;
	const char	**ids, *near = NULL;
	size_t		 n, i, j, k = 0;

	if (store_history(st, a->model, NULL, &v, &n, &e) == 0) {
		ids = xcalloc(n + 1, sizeof *ids);
		for (i = 0; i < n; i++) {
			for (j = 0; j < k; j++)
				if (strcmp(ids[j], v[i].object) == 0)
					break;
			if (j == k)
				ids[k++] = v[i].object;
		}
		near = text_suggest(a->object, ids);
		fprintf(stderr, "parapet: history: no changes to '");
		cli_puts(stderr, a->object);
		if (near != NULL) {
			fprintf(stderr, "' (did you mean '");
			cli_puts(stderr, near);
			fprintf(stderr, "'?)\n");
		} else
			fprintf(stderr, "'\n");
		free(ids);
		changes_free(v, n);
	}
}

int
cmd_history(const struct cli_cmd *c, struct cli_args *a)
{
	struct change	*v;
	struct store	*st;
	struct error	 e;
	size_t		 n, k, i;

	(void)c;
	if ((st = store_open(a->pos[0], STORE_READONLY, &e)) == NULL)
		return cli_fail_store(a->pos[0], &e);
	if (store_history(st, a->model, a->object, &v, &n, &e) == -1) {
		store_close(st);
		return cli_fail(&e);
	}
	for (k = 0; k < n; k++) {
		i = CHANGES_NEWEST_FIRST(k, n);
		if (v[i].revision > 0)
			printf("r%ld  ", v[i].revision);
		else
			printf("r?  ");
		cli_puts(stdout, v[i].at);
		printf("  ");
		cli_puts(stdout, v[i].who);
		printf("  %s  ", v[i].system);
		cli_puts(stdout, v[i].object);
		if (v[i].field != NULL) {
			printf(" ");
			cli_puts(stdout, v[i].field);
		}
		if (v[i].old_value != NULL || v[i].new_value != NULL) {
			printf(": ");
			if (v[i].old_value != NULL)
				cli_puts(stdout, v[i].old_value);
			else
				printf("(none)");
			printf(" -> ");
			if (v[i].new_value != NULL)
				cli_puts(stdout, v[i].new_value);
			else
				printf("(none)");
		}
		if (v[i].source != NULL) {
			/* Not made here: say where it came from. */
			printf("  [");
			cli_puts(stdout, v[i].source);
			printf("]");
		}
		printf("\n");
	}
	changes_free(v, n);
	if (n == 0 && a->object != NULL)
		history_none(st, a);
	store_close(st);
	return 0;
}

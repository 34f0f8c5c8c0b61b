/* cmd-list.c: parapet list DB -- the models of a database. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/error.h"

int
cmd_list(const struct cli_cmd *c, struct cli_args *a)
{
	struct store_summary	*v;
	struct store		*st;
	struct error		 e;
	size_t			 n, i;

	(void)c;
	if ((st = store_open(a->pos[0], STORE_READONLY, &e)) == NULL)
		return cli_fail(&e);
	if (store_list(st, &v, &n, &e) == -1) {
		store_close(st);
		return cli_fail(&e);
	}
	if (n == 0)
		printf("no models in %s\n", a->pos[0]);
	else
		printf("%-24s %4s %5s %5s %5s  %-19s %s\n", "MODEL", "REV",
		    "COMP", "FLOWS", "RISKS", "CRIT/HIGH/MED/LOW", "OPEN");
	for (i = 0; i < n; i++) {
		char	sev[40];

		snprintf(sev, sizeof sev, "%zu/%zu/%zu/%zu",
		    v[i].by_severity[3], v[i].by_severity[2],
		    v[i].by_severity[1], v[i].by_severity[0]);
		printf("%-24s %4ld %5zu %5zu %5zu  %-19s %zu  ", v[i].id,
		    v[i].revision, v[i].ncomponents, v[i].nflows, v[i].nrisks,
		    sev, v[i].by_status[0]);
		cli_puts(stdout, v[i].name);
		printf("\n");
	}
	store_summaries_free(v, n);
	store_close(st);
	return 0;
}

/* cmd-list.c: parapet list DB -- the models of a database. */
#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "model/vocab.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"

int
cmd_list(const struct cli_cmd *c, struct cli_args *a)
{
	struct store_summary	*v;
	struct store		*st;
	struct error		 e;
	struct buf		 head;
	size_t			 n, i;
	int			 s;

	(void)c;
	if ((st = store_open(a->pos[0], STORE_READONLY, &e)) == NULL)
		return cli_fail_store(a->pos[0], &e);
	if (store_list(st, &v, &n, &e) == -1) {
		store_close(st);
		return cli_fail(&e);
	}
	/* Severities from the most severe: "CRIT/HIGH/MED/LOW", "3/0/1/2". */
	buf_init(&head);
	SEVERITY_FOREACH_DOWN(s)
		buf_addf(&head, "%s%s", vocab_label(&vocab_severity, s),
		    s > 0 ? "/" : "");
	if (n == 0)
		printf("no models in %s\n", store_name(st));
	else
		printf("%-24s %4s %5s %5s %5s  %-19s %s\n", "MODEL", "REV",
		    "COMP", "FLOWS", "RISKS", head.s,
		    vocab_label(&vocab_risk_status, RISK_OPEN));
	buf_release(&head);
	for (i = 0; i < n; i++) {
		struct buf	sev;

		buf_init(&sev);
		SEVERITY_FOREACH_DOWN(s)
			buf_addf(&sev, "%zu%s", v[i].counts.by_severity[s],
			    s > 0 ? "/" : "");
		printf("%-24s %4ld %5zu %5zu %5zu  %-19s %zu  ", v[i].id,
		    v[i].revision, v[i].ncomponents, v[i].nflows,
		    v[i].counts.applying, sev.s,
		    v[i].counts.by_status[RISK_OPEN]);
		buf_release(&sev);
		cli_puts(stdout, v[i].name);
		printf("\n");
	}
	store_summaries_free(v, n);
	store_close(st);
	return 0;
}

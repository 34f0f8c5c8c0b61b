/* cmd-import.c: parapet import MODEL DB -- create or update a model. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"
#include "export/xml-read.h"

/* 1 if the text looks like XML (first non-blank byte is '<'). */
static int
import_is_xml(const char *text)
{
	while (*text == ' ' || *text == '\t' || *text == '\n' ||
	    *text == '\r')
		text++;
	return *text == '<';
}

int
cmd_import(const struct cli_cmd *c, struct cli_args *a)
{
	const char		*file = a->pos[0], *db = a->pos[1];
	struct session_summary	 sum;
	struct risk_register	 reg;
	struct change		*hist = NULL;
	struct session		*s = NULL;
	struct model		*m = NULL;
	struct error		 e;
	size_t			 len, nhist = 0;
	char			*text;
	int			 existed, isnew, xml, rc = 1;

	(void)c;
	risk_register_init(&reg);
	if ((text = file_read(file, YDOC_MAX_BYTES, &len, &e)) == NULL)
		return cli_fail(&e);
	xml = import_is_xml(text);
	if (xml) {
		if (xml_read(text, len, file, &m, &reg, &hist, &nhist,
		    &e) == -1)
			m = NULL;
	} else
		m = model_read_yaml(text, len, file, &e);
	free(text);
	if (m == NULL) {
		cli_fail(&e);
		goto out;
	}
	existed = access(db, F_OK) == 0;
	if ((s = cli_session(a, db, 1)) == NULL)
		goto out;
	if (session_check_model(s, m, file, &e) == -1) {
		cli_fail(&e);
		goto undo;
	}
	if ((isnew = store_exists(s->store, m->system.id, &e)) == -1) {
		cli_fail(&e);
		goto undo;
	}
	isnew = !isnew;
	if (xml) {
		if (store_import_full(s->store, m, &reg, hist, nhist,
		    &e) == -1 ||
		    session_analyze(s, m->system.id, &sum, &e) == -1) {
			cli_fail(&e);
			goto undo;
		}
	} else if (session_save(s, m, -1, &sum, &e) == -1) {
		cli_fail(&e);
		goto undo;
	}
	printf("%s '", isnew ? "created" : "updated");
	cli_puts(stdout, m->system.id);
	printf("' in %s: %zu boundaries, %zu components, %zu flows\n", db,
	    m->nboundaries, m->ncomponents, m->nflows);
	cli_print_summary(&sum);
	rc = 0;
	goto out;

undo:
	if (!existed) {
		session_close(s);
		s = NULL;
		store_remove_files(db);
	}
out:
	session_close(s);
	model_free(m);
	risk_register_release(&reg);
	changes_free(hist, nhist);
	return rc;
}

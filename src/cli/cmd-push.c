/*
 * cmd-push.c: parapet push FILE.db URI and parapet pull URI FILE.db: move
 * models, with their decisions and history, between a local database and
 * the organisation's register, for workshops away from the network.
 *
 * Each model goes as its XML export would (the model, its whole register
 * with every decision, its history) and is imported as `parapet import`
 * imports such a file: a model new to the destination is created with its
 * history marked as imported from the source; one it holds is updated as
 * changes by whoever pushes or pulls (an older copy is refused without
 * --allow-older), its decisions applied, and the history entries it lacks
 * appended as imported. The source is named without its password.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/export.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* One model of the source, as its XML export, in a private file. */
static char *
push_export(struct session *s, const char *id, struct error *err)
{
	const struct exporter	*x = export_find("xml");
	struct export_input	 in;
	struct risk_register	 reg;
	struct change		*hist = NULL;
	struct model		*m;
	struct buf		 b;
	size_t			 nhist = 0;
	char			*now, *path = NULL;
	const char		*dir = getenv("TMPDIR");
	FILE			*fp;
	int			 fd;

	risk_register_init(&reg);
	buf_init(&b);
	if ((m = store_load(s->store, id, err)) == NULL ||
	    store_load_risks(s->store, id, &reg, err) == -1 ||
	    store_history(s->store, id, NULL, &hist, &nhist, err) == -1)
		goto out;
	risk_register_sort(&reg);
	now = store_now();
	export_input_whole(&in, m, &reg, s->cat, hist, nhist, now);
	if (x->write(&in, &b, err) == -1) {
		free(now);
		goto out;
	}
	free(now);
	path = xasprintf("%s/parapet-push-XXXXXX",
	    dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		error_set(err, "cannot write a temporary file: %s",
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(path);
		}
		free(path);
		path = NULL;
		goto out;
	}
	if (fwrite(b.s, 1, b.len, fp) != b.len || fclose(fp) != 0) {
		error_set(err, "cannot write a temporary file: %s",
		    strerror(errno));
		unlink(path);
		free(path);
		path = NULL;
	}
out:
	buf_release(&b);
	changes_free(hist, nhist);
	risk_register_release(&reg);
	model_free(m);
	return path;
}

int
cmd_push(const struct cli_cmd *c, struct cli_args *a)
{
	const char	*from = a->pos[0], *to = a->pos[1];
	struct cli_args	 one;
	struct session	*s;
	struct error	 e;
	char		**ids, **files, *label, *dst, *pos[3];
	size_t		 n, i;
	int		 rc = 0;

	if ((s = cli_session(a, from, STORE_READONLY)) == NULL)
		return 1;
	if ((ids = cli_models(s, from, a->model, &n)) == NULL) {
		session_close(s);
		return 1;
	}
	/* Every model read first: the source is read as one state. */
	files = xcalloc(n + 1, sizeof *files);
	for (i = 0; i < n; i++) {
		if ((files[i] = push_export(s, ids[i], &e)) == NULL) {
			rc = cli_fail(&e);
			break;
		}
	}
	session_close(s);
	label = store_display(from);
	dst = xstrdup(to);
	for (i = 0; rc == 0 && i < n; i++) {
		one = *a;
		pos[0] = files[i];
		pos[1] = dst;
		pos[2] = NULL;
		one.pos = pos;
		one.npos = 2;
		one.label = label;
		rc = cmd_import(c, &one);
	}
	for (i = 0; i < n; i++) {
		if (files[i] != NULL) {
			unlink(files[i]);
			free(files[i]);
		}
	}
	free(files);
	free(dst);
	free(label);
	cli_ids_free(ids);
	return rc;
}

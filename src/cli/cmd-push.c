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
#include "store/store-stream.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* The export's output, as it comes, into the private file. */
static void
push_sink(void *fp, const char *p, size_t n)
{
	if (n > 0)
		(void)fwrite(p, 1, n, fp);
}

/* The stream's pieces, for the XML writer (EXPORT_STREAM). */
static const struct risk *
push_next_risk(void *stream, struct error *e)
{
	return store_stream_next_risk(stream, e);
}

static const void *
push_next_object(void *stream, int type, struct error *e)
{
	return store_stream_next_object(stream, type, e);
}

static const struct change *
push_next_change(void *stream, struct error *e)
{
	return store_stream_next_change(stream, e);
}

/*
 * One model of the source, as its XML export, in a private file. The
 * model, its register and its history are read one piece at a time in
 * one read transaction and written as they come (as `parapet export
 * --format xml` does): memory does not grow with the model.
 */
static char *
push_export(struct session *s, const char *id, struct error *err)
{
	const struct exporter	*x = export_find("xml");
	struct export_input	 in;
	struct store_stream	*st;
	struct buf		 b;
	char			*now = NULL, *path = NULL;
	const char		*dir = getenv("TMPDIR");
	FILE			*fp = NULL;
	int			 fd, rc;

	buf_init(&b);
	if ((st = store_stream_open(s->store, id, err)) == NULL)
		return NULL;
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
	now = store_now();
	memset(&in, 0, sizeof in);
	in.model = store_stream_model(st);
	in.cat = s->cat;
	in.generated_at = now;
	in.next_risk = push_next_risk;
	in.next_object = push_next_object;
	in.next_change = push_next_change;
	in.risk_source = st;
	buf_set_sink(&b, push_sink, fp);
	rc = x->write(&in, &b, err);
	if (rc == 0)
		buf_flush(&b);
	if (rc == 0 && (ferror(fp) || fflush(fp) != 0))
		rc = error_set(err, "cannot write a temporary file: %s",
		    strerror(errno));
	if (fclose(fp) != 0 && rc == 0)
		rc = error_set(err, "cannot write a temporary file: %s",
		    strerror(errno));
	if (rc == -1) {
		unlink(path);
		free(path);
		path = NULL;
	}
out:
	free(now);
	buf_release(&b);
	store_stream_close(st);
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

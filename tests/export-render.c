/*
 * export-render.c: write every export of the hostile fixture (and of each
 * starter model given) into a directory, for the shell tests that run
 * external checkers on them (markdownlint-cli2).
 *
 * usage: export-render OUTDIR [TEMPLATE.yaml ...]
 * Writes OUTDIR/hostile.EXT and OUTDIR/NAME.EXT for each template, one
 * file per format of the exporter table.
 */
#include "config.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export-fixture.h"
#include "export/export.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"

/*
 * Write every format of a fixture as OUTDIR/BASE.EXT, or BASE.NAME.EXT
 * when an earlier format has the same extension (threat-dragon writes
 * BASE.json, otm BASE.otm.json). 0 or -1.
 */
static int
render_all(const struct fixture *fx, const char *outdir, const char *base)
{
	struct error	 e;
	struct buf	 b, m;
	char		*path;
	size_t		 i, j;
	int		 shared;

	for (i = 0; i < nexporters; i++) {
		buf_init(&b);
		error_clear(&e);
		for (shared = 0, j = 0; j < i; j++)
			shared |= strcmp(exporters[j].ext, exporters[i].ext) ==
			    0;
		path = shared ? xasprintf("%s/%s.%s.%s", outdir, base,
		    exporters[i].name, exporters[i].ext) :
		    xasprintf("%s/%s.%s", outdir, base, exporters[i].ext);
		if (exporters[i].write(&fx->in, &b, &e) == -1 ||
		    file_write_atomic(path, b.s, b.len, 0644, &e) == -1) {
			buf_init(&m);
			error_format(&e, &m);
			fprintf(stderr, "export-render: %s: %s\n", path, m.s);
			buf_release(&m);
			buf_release(&b);
			free(path);
			return -1;
		}
		buf_release(&b);
		free(path);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct fixture	 fx;
	struct error	 e;
	struct buf	 m;
	char		*copy, *base, *dot;
	int		 i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: export-render OUTDIR "
		    "[TEMPLATE.yaml ...]\n");
		return 2;
	}
	error_clear(&e);
	if (fixture_hostile(&fx, &e) == -1 ||
	    render_all(&fx, argv[1], "hostile") == -1)
		rc = 1;
	fixture_release(&fx);
	for (i = 2; rc == 0 && i < argc; i++) {
		copy = xstrdup(argv[i]);
		base = xstrdup(basename(copy));
		if ((dot = strrchr(base, '.')) != NULL)
			*dot = '\0';
		if (fixture_template(&fx, argv[i], &e) == -1 ||
		    render_all(&fx, argv[1], base) == -1)
			rc = 1;
		fixture_release(&fx);
		free(copy);
		free(base);
	}
	if (rc != 0 && error_isset(&e)) {
		buf_init(&m);
		error_format(&e, &m);
		fprintf(stderr, "export-render: %s\n", m.s);
		buf_release(&m);
	}
	return rc;
}

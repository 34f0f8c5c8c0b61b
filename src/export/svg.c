/*
 * svg.c: the data-flow diagram as SVG, drawn by Graphviz.
 *
 * The DOT export (dot.c) is piped through `dot -Tsvg` (the program named
 * by $PARAPET_DOT, else dot on PATH). The DOT text goes in through an
 * unlinked temporary file, so a large diagram cannot deadlock the pipe.
 * Every label is already a quoted DOT string, so model text cannot inject
 * SVG markup: Graphviz escapes it as XML text.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export/export-int.h"
#include "export/export.h"
#include "util/buf.h"
#include "util/error.h"

/* The Graphviz program to run. */
static const char *
svg_dot_program(void)
{
	const char	*p = getenv("PARAPET_DOT");

	return p != NULL && *p != '\0' ? p : "dot";
}

int
export_svg_available(void)
{
	const char	*prog = svg_dot_program(), *path;
	char		*dir, *copy, *save = NULL, *full;
	int		 ok = 0;
	struct buf	 b;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL)
		return 0;
	buf_init(&b);
	copy = strdup(path);
	for (dir = strtok_r(copy, ":", &save); dir != NULL && !ok;
	    dir = strtok_r(NULL, ":", &save)) {
		buf_reset(&b);
		buf_addf(&b, "%s/%s", *dir != '\0' ? dir : ".", prog);
		full = b.s;
		ok = access(full, X_OK) == 0;
	}
	free(copy);
	buf_release(&b);
	return ok;
}

int
export_svg(const struct export_input *in, struct buf *out, struct error *err)
{
	struct buf	 dot;
	FILE		*tmp = NULL;
	pid_t		 pid;
	ssize_t		 n;
	size_t		 start = out->len;
	char		 chunk[8192];
	int		 fds[2] = { -1, -1 }, status, rc = -1;

	buf_init(&dot);
	if (export_dot(in, &dot, err) == -1)
		goto out;
	if (!export_svg_available()) {
		error_set(err, "the SVG diagram needs Graphviz: '%s' is not "
		    "installed (apt-get install graphviz)", svg_dot_program());
		goto out;
	}
	if ((tmp = tmpfile()) == NULL ||
	    fwrite(dot.s, 1, dot.len, tmp) != dot.len || fflush(tmp) != 0 ||
	    fseek(tmp, 0, SEEK_SET) != 0) {
		error_set(err, "cannot write the diagram for Graphviz: %s",
		    strerror(errno));
		goto out;
	}
	if (pipe(fds) == -1) {
		error_set(err, "cannot run Graphviz: %s", strerror(errno));
		goto out;
	}
	if ((pid = fork()) == -1) {
		error_set(err, "cannot run Graphviz: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		if (dup2(fileno(tmp), STDIN_FILENO) == -1 ||
		    dup2(fds[1], STDOUT_FILENO) == -1)
			_exit(127);
		close(fds[0]);
		close(fds[1]);
		execlp(svg_dot_program(), svg_dot_program(), "-Tsvg",
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	fds[1] = -1;
	for (;;) {
		n = read(fds[0], chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_add(out, chunk, (size_t)n);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (n == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
	    out->len == start) {
		buf_truncate(out, start);
		error_set(err, "Graphviz '%s' failed to draw the diagram",
		    svg_dot_program());
		goto out;
	}
	rc = 0;
out:
	if (fds[0] != -1)
		close(fds[0]);
	if (fds[1] != -1)
		close(fds[1]);
	if (tmp != NULL)
		fclose(tmp);
	buf_release(&dot);
	return rc;
}

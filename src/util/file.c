/* file.c: bounded reads and atomic writes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"

char *
file_read(const char *path, size_t max, size_t *len, struct error *err)
{
	struct buf	 b;
	struct stat	 st;
	char		 chunk[65536];
	ssize_t		 n;
	int		 fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return error_set(err, "cannot open '%s': %s", path,
		    strerror(errno)), NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return error_set(err, "'%s' is a directory", path), NULL;
	}
	buf_init(&b);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			error_set(err, "cannot read '%s': %s", path,
			    strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (b.len + (size_t)n > max) {
			error_set(err, "'%s' is larger than the limit of %zu "
			    "bytes", path, max);
			goto fail;
		}
		buf_add(&b, chunk, (size_t)n);
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (len != NULL)
		*len = b.len;
	return buf_detach(&b);

fail:
	if (fd != STDIN_FILENO)
		close(fd);
	buf_release(&b);
	return NULL;
}

int
file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
    struct error *err)
{
	const char	*p = data;
	char		*tmp;
	ssize_t		 n;
	int		 fd, saved;

	tmp = xasprintf("%s.tmp.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		error_set(err, "cannot create a file beside '%s': %s", path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) == -1)
		goto fail;
	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	free(tmp);
	return 0;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return error_set(err, "cannot write '%s': %s", path, strerror(saved));
}

/* file.c: bounded reads and atomic writes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
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

void
file_sync_dir(const char *path)
{
	char	*copy = xstrdup(path);
	int	 fd;

	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(copy);
}

int
file_sync(const char *path, struct error *err)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return error_set(err, "cannot open '%s': %s", path,
		    strerror(errno));
	rc = fsync(fd);
	if (rc == -1)
		error_set(err, "cannot write '%s' to disk: %s", path,
		    strerror(errno));
	close(fd);
	return rc;
}

/*
 * The canonical name of a file that may not exist: its directory resolved,
 * then its own name. NULL when the directory does not resolve.
 */
static char *
file_canonical(const char *path)
{
	char	*a = xstrdup(path), *b = xstrdup(path), *dir, *name;
	char	 real[PATH_MAX];

	dir = dirname(a);
	name = basename(b);
	if (realpath(dir, real) == NULL) {
		free(a);
		free(b);
		return NULL;
	}
	dir = xasprintf("%s/%s", real, name);
	free(a);
	free(b);
	return dir;
}

int
file_is_database(const char *path, const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm",
	    "-journal" };
	struct stat	 ps, ds;
	char		*out, *name, *full;
	size_t		 i;
	int		 same = 0, have = stat(path, &ps) == 0;

	out = file_canonical(path);
	name = file_canonical(db);
	for (i = 0; i < sizeof suffixes / sizeof *suffixes && !same; i++) {
		full = xasprintf("%s%s", db, suffixes[i]);
		if (have && stat(full, &ds) == 0 && ds.st_dev == ps.st_dev &&
		    ds.st_ino == ps.st_ino)
			same = 1;
		free(full);
		if (out != NULL && name != NULL) {
			full = xasprintf("%s%s", name, suffixes[i]);
			same |= strcmp(out, full) == 0;
			free(full);
		}
	}
	free(out);
	free(name);
	return same;
}

int
file_is_special(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/*
 * Why a file cannot be made in the directory of path, in the user's
 * terms: the file, then the directory that is missing or closed to them
 * (the temporary file beside it is Parapet's affair).
 */
static void
file_out_create_error(const char *path, int errnum, struct error *err)
{
	char		*copy = xstrdup(path), *dir = dirname(copy);
	struct stat	 st;

	if ((errnum == ENOENT || errnum == ENOTDIR) && stat(dir, &st) == -1)
		error_set(err, "cannot write '%s': the directory '%s' does "
		    "not exist", path, dir);
	else if (errnum == ENOTDIR && !S_ISDIR(st.st_mode))
		error_set(err, "cannot write '%s': '%s' is not a directory",
		    path, dir);
	else if (errnum == EACCES || errnum == EPERM || errnum == EROFS)
		error_set(err, "cannot write '%s': cannot create files in "
		    "'%s': %s", path, dir, strerror(errnum));
	else
		error_set(err, "cannot write '%s': %s", path,
		    strerror(errnum));
	free(copy);
}

int
file_out_open(struct file_out *f, const char *path, mode_t mode,
    struct error *err)
{
	struct stat	 st;
	char		*real;

	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (path == NULL) {
		f->fd = STDOUT_FILENO;
		return 0;
	}
	/*
	 * A device, a pipe or a socket (/dev/null, a FIFO, /dev/stdout on a
	 * pipe) is written in place: a file renamed over it would replace
	 * the device itself.
	 */
	if (file_is_special(path)) {
		if ((f->fd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
			error_set(err, "cannot write '%s': %s", path,
			    strerror(errno));
			f->fd = -1;
			return -1;
		}
		f->path = xstrdup(path);
		f->direct = 1;
		return 0;
	}
	/*
	 * Through a symbolic link, the file it names is replaced, not the
	 * link (/dev/stdout redirected to a file, a report linked in).
	 */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL) {
		f->path = xstrdup(real);
		free(real);
	} else
		f->path = xstrdup(path);
	f->tmp = xasprintf("%s.tmp.XXXXXX", f->path);
	if ((f->fd = mkstemp(f->tmp)) == -1) {
		file_out_create_error(f->path, errno, err);
		free(f->tmp);
		free(f->path);
		memset(f, 0, sizeof *f);
		f->fd = -1;
		return -1;
	}
	if (fchmod(f->fd, mode) == -1)
		f->errnum = errno;
	return 0;
}

void
file_out_write(void *ctx, const char *p, size_t len)
{
	struct file_out	*f = ctx;
	ssize_t		 n;

	while (len > 0 && f->errnum == 0) {
		n = write(f->fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			f->errnum = errno;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
}

/* Close a file being written and forget it. */
static void
file_out_release(struct file_out *f)
{
	if (f->path != NULL && f->fd != -1)
		close(f->fd);
	free(f->tmp);
	free(f->path);
	memset(f, 0, sizeof *f);
	f->fd = -1;
}

void
file_out_abort(struct file_out *f)
{
	if (f->tmp != NULL && f->fd != -1)
		unlink(f->tmp);
	file_out_release(f);
}

int
file_out_commit(struct file_out *f, struct error *err)
{
	int	saved;

	if (f->path == NULL) {
		saved = f->errnum;
		file_out_release(f);
		if (saved != 0)
			return error_set(err, "cannot write to standard "
			    "output: %s", strerror(saved));
		return 0;
	}
	if (f->direct) {
		if (close(f->fd) == -1 && f->errnum == 0)
			f->errnum = errno;
		f->fd = -1;
		saved = f->errnum;
		if (saved != 0)
			error_set(err, "cannot write '%s': %s", f->path,
			    strerror(saved));
		file_out_release(f);
		return saved != 0 ? -1 : 0;
	}
	if (f->errnum == 0 && fsync(f->fd) == -1)
		f->errnum = errno;
	if (close(f->fd) == -1 && f->errnum == 0)
		f->errnum = errno;
	f->fd = -1;
	if (f->errnum == 0 && rename(f->tmp, f->path) == -1)
		f->errnum = errno;
	if (f->errnum != 0) {
		saved = f->errnum;
		unlink(f->tmp);
		error_set(err, "cannot write '%s': %s", f->path,
		    strerror(saved));
		file_out_release(f);
		return -1;
	}
	/* The rename itself must survive a crash. */
	file_sync_dir(f->path);
	file_out_release(f);
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
    struct error *err)
{
	struct file_out	f;

	if (file_out_open(&f, path, mode, err) == -1)
		return -1;
	file_out_write(&f, data, len);
	return file_out_commit(&f, err);
}

/*
 * file.h: whole-file reads with a size limit, and atomic writes.
 *
 * file_write_atomic() writes a temporary file beside the target, syncs it
 * and renames it over the target, so a reader never sees a half-written file
 * and a failure (full disk, killed process) leaves the old file intact.
 */
#ifndef PARAPET_UTIL_FILE_H
#define PARAPET_UTIL_FILE_H

#include <stddef.h>
#include <sys/types.h>

struct error;

/*
 * Read a whole file ("-" is standard input) of at most max bytes. Returns a
 * NUL-terminated copy (the caller's to free) and its length in *len, or NULL
 * with err set.
 */
char	*file_read(const char *path, size_t max, size_t *len, struct error *);
/*
 * A file written piece by piece, atomically: file_out_open() creates the
 * temporary file beside path (path NULL: standard output, written as it
 * comes), file_out_write() appends (a buf_sink_fn: the first error is kept
 * and later writes are dropped), file_out_commit() syncs and renames it
 * over path, or reports the first error and removes it; file_out_abort()
 * removes it. Commit and abort release the struct. A path that names a
 * device, a pipe or a socket (file_is_special()) is written in place, not
 * replaced; through a symbolic link, the file it names is replaced.
 */
struct file_out {
	char	*path;		/* the target, or NULL for standard output */
	char	*tmp;		/* the temporary file beside it */
	int	 fd;
	int	 errnum;	/* the first write error, or 0 */
	int	 direct;	/* a device, pipe or socket: written in place */
};

int	 file_out_open(struct file_out *, const char *path, mode_t,
	     struct error *);
void	 file_out_write(void *file_out, const char *, size_t);
int	 file_out_commit(struct file_out *, struct error *);
void	 file_out_abort(struct file_out *);
/*
 * Write len bytes to path atomically with the given mode (the directory is
 * synced after the rename, as by file_out_commit()). 0 or -1; on error no
 * temporary file is left.
 */
int	 file_write_atomic(const char *path, const void *, size_t, mode_t,
	     struct error *);

/* Put what is written to path on disk (fsync). 0, or -1 with err set. */
int	 file_sync(const char *path, struct error *);
/*
 * Sync the directory holding path, so that a rename or link into it is on
 * disk. Best effort: some file systems refuse fsync on a directory.
 */
void	 file_sync_dir(const char *path);

/* 1 if path exists (following links) and is not a regular file. */
int	 file_is_special(const char *path);
/*
 * 1 if writing path would replace the database db or one of its files
 * (db-wal, db-shm, db-journal), whether by the same name, another name for
 * the same directory, a link or a symbolic link; 0 otherwise.
 */
int	 file_is_database(const char *path, const char *db);

#endif

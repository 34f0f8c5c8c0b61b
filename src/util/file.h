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
/* Write len bytes to path atomically with the given mode. 0 or -1. */
int	 file_write_atomic(const char *path, const void *, size_t, mode_t,
	     struct error *);

#endif

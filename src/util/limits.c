/*
 * limits.c: the largest file Parapet reads, lowered by the environment.
 *
 * PARAPET_MAX_FILE_BYTES lets an operator read untrusted files (a pull
 * request's model in CI, say) within a smaller bound than the built-in
 * one; it can lower the limit, never raise it above what the memory
 * budget allows. Every reader and the exports that must re-import ask
 * limit_file_bytes(), so what Parapet writes under a limit it also reads.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/error.h"
#include "util/limits.h"

static size_t	file_bytes;	/* 0: the built-in limit */

size_t
limit_budget(void)
{
	static size_t	budget;
	long		pages, size;

	if (budget != 0)
		return budget;
	pages = sysconf(_SC_PHYS_PAGES);
	size = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || size <= 0)
		budget = 1UL << 30;
	else if ((unsigned long)pages > SIZE_MAX / 2 / (unsigned long)size)
		budget = SIZE_MAX / 2;
	else
		budget = (size_t)pages * (size_t)size / 2;
	return budget;
}

size_t
limit_file_max(void)
{
	size_t	n = limit_budget() / 8;

	if (n < LIMIT_FILE_BYTES_FLOOR)
		return LIMIT_FILE_BYTES_FLOOR;
	return n > LIMIT_FILE_BYTES_CAP ? LIMIT_FILE_BYTES_CAP : n;
}

size_t
limit_nodes(void)
{
	size_t	n = limit_budget() / 512;

	return n < LIMIT_NODES_FLOOR ? LIMIT_NODES_FLOOR : n;
}

size_t
limit_file_bytes(void)
{
	return file_bytes != 0 ? file_bytes : limit_file_max();
}

int
limits_from_env(struct error *err)
{
	const char		*v = getenv("PARAPET_MAX_FILE_BYTES");
	char			*end;
	unsigned long long	 n, unit = 1;

	file_bytes = 0;
	if (v == NULL || *v == '\0')
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (*end == 'k' || *end == 'K')
		unit = 1024, end++;
	else if (*end == 'M')
		unit = 1024 * 1024, end++;
	if (*v < '0' || *v > '9' || errno != 0 || *end != '\0' || n == 0)
		return error_set(err, "PARAPET_MAX_FILE_BYTES: '%s' is not a "
		    "number of bytes (for example 65536, 64k or 16M)", v);
	if (n > LIMIT_FILE_BYTES / unit)
		return error_set(err, "PARAPET_MAX_FILE_BYTES: '%s' is above "
		    "the built-in limit of %lu bytes, which it can only lower",
		    v, (unsigned long)LIMIT_FILE_BYTES);
	file_bytes = (size_t)(n * unit);
	return 0;
}

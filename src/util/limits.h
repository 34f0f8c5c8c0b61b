/*
 * limits.h: how large an input Parapet accepts, all from one memory budget.
 *
 * An import may use PARAPET_MEMORY_BUDGET of memory (the target of
 * bench/bench.sh at N = 100,000). The limits on what is read follow from
 * it rather than from round numbers, so that any model file that Parapet
 * can import within the budget is accepted (and the YAML export of any
 * stored model re-imports), while a hostile file is refused before it can
 * exhaust memory:
 *
 * - a file is held whole while it is parsed, with its parse tree and the
 *   model built from it: at least four bytes of memory per byte of file
 *   even for a model of long free text, so a file above a quarter of the
 *   budget cannot be imported within it;
 * - a YAML parse-tree node costs at least 128 bytes (struct ynode, its
 *   text and their allocation overheads), which bounds the node count.
 *
 * A model of 100,000 components and 300,000 flows is a 57 MB file of
 * about 5.3 million nodes. The XML reader's own structural bounds
 * (export/xml-read.c) apply on top of these.
 */
#ifndef PARAPET_UTIL_LIMITS_H
#define PARAPET_UTIL_LIMITS_H

#define PARAPET_MEMORY_BUDGET	(1UL << 30)		/* 1 GiB */
#define LIMIT_FILE_BYTES	(PARAPET_MEMORY_BUDGET / 4)	/* 256 MiB */
#define LIMIT_YAML_NODES	(PARAPET_MEMORY_BUDGET / 128)	/* 8 Mi */

#include <stddef.h>

struct error;

/* The largest file read (and, for re-importable exports, written): at most
 * LIMIT_FILE_BYTES, lower when PARAPET_MAX_FILE_BYTES says so. */
size_t	 limit_file_bytes(void);
/* Read PARAPET_MAX_FILE_BYTES; -1 with a message when it is not a number
 * of bytes or would raise the limit. */
int	 limits_from_env(struct error *);

#endif

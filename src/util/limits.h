/*
 * limits.h: how large an input Parapet accepts, from the machine's memory.
 *
 * One read (a model file or an XML export, parsed whole) may use half of
 * the machine's physical memory, its read budget. The limits on what is
 * read follow from that budget rather than from round numbers, so that
 * any model file or export that Parapet can read within it is accepted
 * (the XML export of 100,000 components, 704 MB and 9.7 million
 * elements, re-imports on the 24 GiB build machine), while a hostile file
 * is refused before it can exhaust memory:
 *
 * - a file is held whole while it is parsed, with its parse tree (for XML
 *   a libxml2 tree checked against the schema) and the model built from
 *   it: an XML export takes about 14 bytes of memory per byte of file
 *   (2.8 GB for a 210 MB export), so a file may be an eighth of the
 *   budget (a sixteenth of the memory);
 * - a YAML node or an XML element, with its text and its share of the
 *   model, costs up to 1 KB (2.9 million elements in that 2.8 GB), which
 *   bounds the node count at the budget / 512.
 *
 * Both are never below the fixed limits of earlier releases (256 MiB,
 * 8 Mi nodes), whatever the machine, and a file never above
 * LIMIT_FILE_BYTES_CAP (1 GiB) however large the machine: that is the
 * documented most that Parapet reads. The XML reader's own structural
 * bounds (export/xml-read.h) apply on top of these.
 */
#ifndef PARAPET_UTIL_LIMITS_H
#define PARAPET_UTIL_LIMITS_H

#include <stddef.h>

#define LIMIT_FILE_BYTES_FLOOR	(256UL << 20)		/* 256 MiB */
#define LIMIT_FILE_BYTES_CAP	(1UL << 30)		/* 1 GiB */
#define LIMIT_NODES_FLOOR	(8UL << 20)		/* 8 Mi */

/* The built-in limits, from the memory of the machine (see above). */
#define LIMIT_FILE_BYTES	limit_file_max()
#define LIMIT_YAML_NODES	limit_nodes()

struct error;

/* The read budget: half the physical memory (1 GiB when unknown). */
size_t	 limit_budget(void);
/* The largest file the built-in limit allows (LIMIT_FILE_BYTES). */
size_t	 limit_file_max(void);
/* The most YAML nodes or XML elements in one document. */
size_t	 limit_nodes(void);
/* The largest file read (and, for re-importable exports, written): at most
 * LIMIT_FILE_BYTES, lower when PARAPET_MAX_FILE_BYTES says so. */
size_t	 limit_file_bytes(void);
/* Read PARAPET_MAX_FILE_BYTES; -1 with a message when it is not a number
 * of bytes or would raise the limit. */
int	 limits_from_env(struct error *);

#endif

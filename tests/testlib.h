/*
 * testlib.h: what several unit tests need from the source tree.
 *
 * Paths are under $srcdir when make sets it (make distcheck builds
 * elsewhere), else under the source tree configure was run from.
 */
#ifndef PARAPET_TESTLIB_H
#define PARAPET_TESTLIB_H

struct catalogue;
struct error;

/* A path under the source tree; the caller's to free. */
char			*src_path(const char *);

/*
 * A new catalogue with the source tree's taxonomy (data/taxonomy.yaml)
 * loaded, or NULL with err set.
 */
struct catalogue	*test_catalogue(struct error *);

#endif

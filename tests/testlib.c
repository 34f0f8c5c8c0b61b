/*
 * testlib.c: what several unit tests need from the source tree.
 */
#include "config.h"

#include <stdlib.h>

#include "catalogue/catalogue.h"
#include "testlib.h"
#include "util/error.h"
#include "util/xmalloc.h"

char *
src_path(const char *rel)
{
	const char	*top = getenv("srcdir");

	if (top == NULL || *top == '\0')
		top = PARAPET_SRCDIR;
	return xasprintf("%s/%s", top, rel);
}

struct catalogue *
test_catalogue(struct error *err)
{
	struct catalogue	*cat = catalogue_new();
	char			*tax = src_path("data/taxonomy.yaml");
	int			 rc;

	rc = catalogue_load_taxonomy(cat, tax, err);
	free(tax);
	if (rc == -1) {
		catalogue_free(cat);
		return NULL;
	}
	return cat;
}

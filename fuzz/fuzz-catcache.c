/*
 * fuzz-catcache.c: libFuzzer entry point for the reader of the catalogue
 * cache (catalogue/catcache.h), the one binary file Parapet reads.
 *
 * The input is a cache image, read with any build id and without its
 * checksum (so that mutations reach the checks behind it). An image that
 * is refused is fine; one that is accepted must give documents that write
 * to an image that is accepted with its checksum and gives back the same
 * trees. A crash, a sanitizer report or a leak is a finding.
 *
 * Seeds: images of small YAML files, written by this program itself when
 * PARAPET_FUZZ_SEEDS names a directory (scripts/fuzz.sh does this):
 *   PARAPET_FUZZ_SEEDS=seeds-catcache fuzz/fuzz-catcache FILE.yaml...
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catcache.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const unsigned char fuzz_id[] = "fuzz";

static void
fuzz_compare(const struct ynode *a, const struct ynode *b)
{
	size_t	i;

	if (a == NULL || b == NULL) {
		if (a != b)
			abort();
		return;
	}
	if (a->type != b->type || a->n != b->n || a->line != b->line ||
	    a->col != b->col || a->plain != b->plain || a->len != b->len)
		abort();
	if (a->type == YNODE_SCALAR &&
	    memcmp(a->value, b->value, a->len + 1) != 0)
		abort();
	for (i = 0; i < a->n; i++)
		fuzz_compare(a->items[i], b->items[i]);
}

/* Write the image of each YAML file named, as seeds; then exit. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir = getenv("PARAPET_FUZZ_SEEDS");
	struct error	 err;
	struct ydoc	*d;
	char		*text, *out;
	void		*img;
	size_t		 len, ilen;
	int		 i;

	if (dir == NULL)
		return 0;
	for (i = 1; i < *argc; i++) {
		if ((text = file_read((*argv)[i], YDOC_MAX_BYTES, &len,
		    &err)) == NULL)
			continue;
		if ((d = ydoc_parse(text, len, (*argv)[i], &err)) != NULL) {
			img = catcache_image(&d, (const char *const *)&text,
			    &len, 1, fuzz_id, sizeof fuzz_id, &ilen);
			out = xasprintf("%s/seed-%d", dir, i);
			if (file_write_atomic(out, img, ilen, 0644, &err) == -1)
				fprintf(stderr, "%s\n", err.msg);
			free(out);
			free(img);
			ydoc_free(d);
		}
		free(text);
	}
	exit(0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc	**docs;
	const char	**texts;
	size_t		 *lens, i, ilen;
	void		 *img;
	long		  n;

	if ((n = catcache_check(data, size, NULL, 0, 0)) <= 0)
		return 0;
	docs = xcalloc((size_t)n, sizeof *docs);
	texts = xcalloc((size_t)n, sizeof *texts);
	lens = xcalloc((size_t)n, sizeof *lens);
	for (i = 0; i < (size_t)n; i++) {
		if ((docs[i] = catcache_image_doc(data, size, i, 0)) == NULL)
			abort();
		texts[i] = "";
	}
	img = catcache_image(docs, texts, lens, (size_t)n, fuzz_id,
	    sizeof fuzz_id, &ilen);
	if (catcache_check(img, ilen, fuzz_id, sizeof fuzz_id, 1) != n)
		abort();
	for (i = 0; i < (size_t)n; i++) {
		struct ydoc	*again = catcache_image_doc(img, ilen, i, 1);

		if (again == NULL)
			abort();
		fuzz_compare(docs[i]->root, again->root);
		ydoc_free(again);
		ydoc_free(docs[i]);
	}
	free(img);
	free(docs);
	free(texts);
	free(lens);
	return 0;
}

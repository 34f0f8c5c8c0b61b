/*
 * fuzz-ydoc.c: libFuzzer entry point comparing ydoc_parse(), which reads
 * the plainest YAML by a reader of its own, with libyaml alone
 * (ydoc_parse_libyaml()).
 *
 * For any input both must give the same tree (types, texts, plainness,
 * line and column of every node) or the same error at the same place. A
 * difference aborts with both sides; a crash, a sanitizer report or a leak
 * is a finding too.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-ydoc
 * Run, with plain models (fuzz/ydoc-seeds: the form the reader of its
 * own takes), the starter models and the catalogue as seeds (see
 * fuzz/README):
 *   mkdir -p corpus-ydoc
 *   fuzz/fuzz-ydoc -dict=$srcdir/fuzz/model-yaml.dict \
 *       -max_total_time=300 corpus-ydoc $srcdir/fuzz/ydoc-seeds \
 *       $srcdir/templates $srcdir/data/catalogue
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "yaml/ydoc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Stop, showing both nodes. */
static void
fuzz_differ(const char *what, const struct ynode *a, const struct ynode *b)
{
	fprintf(stderr, "fuzz-ydoc: %s\n", what);
	if (a != NULL)
		fprintf(stderr, "  own:    %s '%s' at %lu:%lu (plain %d, %zu "
		    "items)\n", ynode_type_name(a), a->type == YNODE_SCALAR ?
		    a->value : "", a->line, a->col, a->plain, a->n);
	if (b != NULL)
		fprintf(stderr, "  libyaml: %s '%s' at %lu:%lu (plain %d, %zu "
		    "items)\n", ynode_type_name(b), b->type == YNODE_SCALAR ?
		    b->value : "", b->line, b->col, b->plain, b->n);
	abort();
}

static void
fuzz_compare(const struct ynode *a, const struct ynode *b)
{
	size_t	i;

	if (a == NULL || b == NULL) {
		if (a != b)
			fuzz_differ("one tree is empty", a, b);
		return;
	}
	if (a->type != b->type || a->n != b->n || a->line != b->line ||
	    a->col != b->col || a->plain != b->plain)
		fuzz_differ("nodes differ", a, b);
	if (a->type == YNODE_SCALAR && (a->len != b->len ||
	    memcmp(a->value, b->value, a->len + 1) != 0))
		fuzz_differ("texts differ", a, b);
	for (i = 0; i < a->n; i++)
		fuzz_compare(a->items[i], b->items[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc	*a, *b;
	struct error	 ea, eb;

	error_clear(&ea);
	error_clear(&eb);
	a = ydoc_parse((const char *)data, size, "fuzz.yaml", &ea);
	b = ydoc_parse_libyaml((const char *)data, size, "fuzz.yaml", &eb);
	if (a == NULL && b == NULL) {
		if (strcmp(ea.msg, eb.msg) != 0 || ea.line != eb.line ||
		    ea.col != eb.col) {
			fprintf(stderr, "fuzz-ydoc: errors differ:\n"
			    "  own:     %lu:%lu: %s\n  libyaml: %lu:%lu: %s\n",
			    ea.line, ea.col, ea.msg, eb.line, eb.col, eb.msg);
			abort();
		}
	} else if (a == NULL || b == NULL) {
		fprintf(stderr, "fuzz-ydoc: %s\n", a == NULL ?
		    "refused, where libyaml reads it" :
		    "read, where libyaml refuses it");
		abort();
	} else
		fuzz_compare(a->root, b->root);
	ydoc_free(a);
	ydoc_free(b);
	return 0;
}

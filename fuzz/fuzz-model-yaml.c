/*
 * fuzz-model-yaml.c: libFuzzer entry point over the model file reader and
 * writer (after tmux's fuzz/cmd-parse-fuzzer.c).
 *
 * Any input must be either refused with a message or read; a model that was
 * read must export, read back, and export again to the same bytes. A crash,
 * a sanitizer report, a leak or an abort() below is a finding.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-model-yaml
 * Run, with new inputs kept in corpus-model and the starter models and
 * test models as seeds (see fuzz/README):
 *   mkdir -p corpus-model
 *   fuzz/fuzz-model-yaml -dict=$srcdir/fuzz/model-yaml.dict \
 *       -max_total_time=300 corpus-model $srcdir/templates \
 *       $srcdir/tests/data/yaml
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "yaml/model-yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Stop with the error and the text that caused it. */
static void
fuzz_fail(const char *what, const struct error *err, const struct buf *text)
{
	struct buf	b;

	buf_init(&b);
	if (err != NULL)
		error_format(err, &b);
	fprintf(stderr, "fuzz-model-yaml: %s: %s\n--- export ---\n%s\n", what,
	    b.s, text != NULL ? text->s : "");
	buf_release(&b);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model	*m, *again;
	struct error	 err;
	struct buf	 one, two;

	error_clear(&err);
	m = model_read_yaml((const char *)data, size, "fuzz.yaml", &err);
	if (m == NULL) {
		if (!error_isset(&err))
			fuzz_fail("refused without a message", NULL, NULL);
		return 0;
	}
	buf_init(&one);
	model_write_yaml(m, &one);
	error_clear(&err);
	if ((again = model_read_yaml(one.s, one.len, "export.yaml",
	    &err)) == NULL)
		fuzz_fail("the export does not read back", &err, &one);
	buf_init(&two);
	model_write_yaml(again, &two);
	if (one.len != two.len || memcmp(one.s, two.s, one.len) != 0)
		fuzz_fail("the second export differs", NULL, &two);
	buf_release(&one);
	buf_release(&two);
	model_free(again);
	model_free(m);
	return 0;
}

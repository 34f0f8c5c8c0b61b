/*
 * fuzz-cond.c: libFuzzer entry point over the condition language of the
 * catalogue ("when:"), the part of a catalogue file most like a program.
 *
 * The first byte of an input picks the subject (component, flow,
 * boundary, system, or none); the rest is the YAML text of one condition,
 * parsed with ydoc_parse() and cond_parse(). Then:
 *
 *   - a refused condition must say why, at fuzz.yaml:LINE:COL;
 *   - a condition that parses, written back in one line by cond_format(),
 *     must parse again and write back the same bytes.
 *
 * The fuzz-catalogue target also evaluates conditions inside whole
 * catalogues; this one goes deeper into the parser and the formatter at
 * many more inputs a second. A crash, a sanitizer report, a leak or an
 * abort() below is a finding.
 *
 * Build (in a build directory of its own, see fuzz/README):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-cond
 * Run:
 *   mkdir -p corpus-cond
 *   fuzz/fuzz-cond -dict=$srcdir/fuzz/catalogue.dict \
 *       -max_total_time=300 corpus-cond $srcdir/fuzz/cond-seeds
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "util/buf.h"
#include "util/error.h"
#include "yaml/ydoc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parse a condition text; NULL (and the document freed) when refused. */
static struct cond *
fuzz_parse(const char *text, size_t len, enum target_type subject,
    struct ydoc **doc, struct error *err)
{
	struct cond	*c;
	size_t		 slots = 0;

	error_clear(err);
	if ((*doc = ydoc_parse(text, len, "fuzz.yaml", err)) == NULL)
		return NULL;
	if ((*doc)->root == NULL || (*doc)->root->type != YNODE_MAP) {
		ydoc_free(*doc);
		*doc = NULL;
		return NULL;
	}
	if ((c = cond_parse(*doc, (*doc)->root, subject, &slots,
	    err)) == NULL) {
		/* A refusal names the file and a position in it. */
		if (strncmp(err->msg, "", 1) == 0 ||
		    (err->file[0] != '\0' && strcmp(err->file,
		    "fuzz.yaml") != 0))
			abort();
		ydoc_free(*doc);
		*doc = NULL;
	}
	return c;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ydoc		*doc = NULL, *doc2 = NULL;
	struct cond		*c, *c2;
	struct error		 err;
	struct buf		 a, b;
	enum target_type	 subject;

	if (size < 1 || size > 4096)
		return 0;
	subject = (enum target_type)(data[0] % (TARGET_ANY + 1));
	if ((c = fuzz_parse((const char *)data + 1, size - 1, subject, &doc,
	    &err)) == NULL)
		return 0;
	buf_init(&a);
	buf_init(&b);
	cond_format(c, &a);
	if ((c2 = fuzz_parse(a.s, a.len, subject, &doc2, &err)) == NULL) {
		fprintf(stderr, "cond_format wrote what does not parse: "
		    "%s\n%s\n", a.s, err.msg);
		abort();
	}
	cond_format(c2, &b);
	if (strcmp(a.s, b.s) != 0) {
		fprintf(stderr, "written back differently:\n%s\n%s\n", a.s,
		    b.s);
		abort();
	}
	cond_free(c2);
	ydoc_free(doc2);
	cond_free(c);
	ydoc_free(doc);
	buf_release(&a);
	buf_release(&b);
	return 0;
}

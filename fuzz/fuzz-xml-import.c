/*
 * fuzz-xml-import.c: libFuzzer entry point over the XML import
 * (xml_read(), export/xml-read.h) and the XML export behind it.
 *
 * Any input must be either refused with a message naming fuzz.xml (and
 * nothing handed over), or read. What was read must export as XML with
 * the standard catalogue (loaded once at start), that export must read
 * back, and exporting what it gives must produce the same bytes. A crash,
 * a sanitizer report, a leak or an abort() below is a finding.
 *
 * xml_read() validates every document against data/parapet.xsd, so each
 * run parses the schema too: expect a few hundred runs a second.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-xml-import
 * Seeds are XML exports of the starter models made with the program
 * (parapet new, then parapet export --format xml), which xml-seeds.sh
 * does for every template and two more models (see fuzz/README):
 *   sh $srcdir/fuzz/xml-seeds.sh ./parapet seeds-xml
 * Run, with new inputs kept in corpus-xml:
 *   mkdir -p corpus-xml
 *   fuzz/fuzz-xml-import -dict=$srcdir/fuzz/xml-import.dict \
 *       -max_total_time=300 corpus-xml seeds-xml
 * The data directory (catalogue and schema) is the source tree's, or
 * $PARAPET_DATA.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export.h"
#include "export/xml-read.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_NAME	"fuzz.xml"
#define FUZZ_DATE	"2030-01-02T03:04:05Z"

static struct catalogue		*cat;	/* the standard one */
static const struct exporter	*xml;

static void	fuzz_fail(const char *, const struct error *,
		    const struct buf *) __attribute__((noreturn));

/* Stop with a message, the error and the document that caused it. */
static void
fuzz_fail(const char *what, const struct error *err, const struct buf *doc)
{
	struct buf	b;

	buf_init(&b);
	if (err != NULL)
		error_format(err, &b);
	fprintf(stderr, "fuzz-xml-import: %s%s%s\n", what, b.len > 0 ?
	    ": " : "", b.s);
	if (doc != NULL)
		fprintf(stderr, "--- document ---\n%s\n", doc->s);
	buf_release(&b);
	abort();
}

/* Load the standard catalogue of the data directory, not the user's. */
static void
fuzz_init(void)
{
	struct error	  err;
	char		 *dir, **paths;
	size_t		  n, i;

	cat = catalogue_new();
	dir = xasprintf("%s/taxonomy.yaml", paths_data());
	if (catalogue_load_taxonomy(cat, dir, &err) == -1)
		fuzz_fail("the taxonomy does not load", &err, NULL);
	free(dir);
	dir = xasprintf("%s/catalogue", paths_data());
	if (catalogue_dir_files(dir, &paths, &n, &err) == -1 || n == 0)
		fuzz_fail("no standard catalogue files", &err, NULL);
	free(dir);
	for (i = 0; i < n; i++) {
		if (catalogue_load_file(cat, paths[i], &err) == -1)
			fuzz_fail("the standard catalogue does not load", &err,
			    NULL);
		free(paths[i]);
	}
	free(paths);
	if (catalogue_finish(cat, &err) == -1)
		fuzz_fail("the standard catalogue does not finish", &err,
		    NULL);
	if ((xml = export_find("xml")) == NULL)
		fuzz_fail("no xml exporter", NULL, NULL);
}

/* What xml_read() gives. */
struct fuzz_read {
	struct model		*model;
	struct risk_register	 reg;
	struct change		*hist;
	size_t			 nhist;
};

static int
fuzz_read(const char *text, size_t len, const char *name,
    struct fuzz_read *r, struct error *err)
{
	memset(r, 0, sizeof *r);
	risk_register_init(&r->reg);
	error_clear(err);
	return xml_read(text, len, name, &r->model, &r->reg, &r->hist,
	    &r->nhist, err);
}

static void
fuzz_release(struct fuzz_read *r)
{
	model_free(r->model);
	risk_register_release(&r->reg);
	changes_free(r->hist, r->nhist);
}

/* Export what was read as XML; 0 or -1. */
static int
fuzz_export(const struct fuzz_read *r, struct buf *out, struct error *err)
{
	struct export_input	in;

	memset(&in, 0, sizeof in);
	in.model = r->model;
	in.risks = &r->reg;
	in.cat = cat;
	in.history = r->hist;
	in.nhistory = r->nhist;
	in.generated_at = FUZZ_DATE;
	buf_init(out);
	error_clear(err);
	return xml->write(&in, out, err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_read	 one, two;
	struct error		 err;
	struct buf		 x1, x2;

	if (cat == NULL)
		fuzz_init();
	if (fuzz_read((const char *)data, size, FUZZ_NAME, &one, &err) == -1) {
		if (!error_isset(&err))
			fuzz_fail("refused without a message", NULL, NULL);
		if (strcmp(err.file, FUZZ_NAME) != 0)
			fuzz_fail("an error that does not name the file", &err,
			    NULL);
		if (one.model != NULL || one.reg.n != 0 || one.hist != NULL)
			fuzz_fail("a refused document handed something over",
			    &err, NULL);
		fuzz_release(&one);
		return 0;
	}
	if (fuzz_export(&one, &x1, &err) == -1)
		fuzz_fail("what was imported does not export", &err, NULL);
	if (fuzz_read(x1.s, x1.len, "export.xml", &two, &err) == -1)
		fuzz_fail("the export does not read back", &err, &x1);
	if (fuzz_export(&two, &x2, &err) == -1)
		fuzz_fail("the export read back does not export", &err, &x1);
	if (x1.len != x2.len || memcmp(x1.s, x2.s, x1.len) != 0) {
		fprintf(stderr, "--- first export ---\n%s\n", x1.s);
		fuzz_fail("the second export differs", NULL, &x2);
	}
	buf_release(&x1);
	buf_release(&x2);
	fuzz_release(&one);
	fuzz_release(&two);
	return 0;
}

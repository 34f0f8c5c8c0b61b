/*
 * fuzz-tmbom-import.c: libFuzzer entry point over the OWASP Threat Model
 * Library (TM-BOM JSON) import (interop_read_decisions(),
 * interop/interop.h: jansson, then tmbom-read.c) and over the TM-BOM
 * export (tmbom-write.c) of what was read.
 *
 * Any input must be either refused with a message naming fuzz.json (and no
 * notes or decisions left), or read into an indexed model that writes as a
 * YAML model file which reads back, and whose TM-BOM export reads back to
 * a model that writes the same YAML. A crash, a sanitizer report, a leak
 * or an abort() below is a finding.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-tmbom-import
 * Seeds: the tests' TM-BOM fixtures:
 *   mkdir -p corpus-tmbom
 *   fuzz/fuzz-tmbom-import -dict=$srcdir/fuzz/tmbom-import.dict \
 *       -max_total_time=300 corpus-tmbom $srcdir/tests/data/tmbom
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "interop/interop.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A model read from text; aborts on a refusal without its message. */
static struct model *
fuzz_read(const char *text, size_t len, const char *name,
    struct import_notes *notes, struct error *e)
{
	struct model_decisions	 dec;
	struct model		*m;

	import_notes_init(notes);
	error_clear(e);
	m = interop_read_decisions(text, len, name, notes, &dec, e);
	if (m == NULL && (strcmp(e->file, name) != 0 || e->msg[0] == '\0' ||
	    notes->lines.n != 0 || dec.reg.n != 0))
		abort();
	model_decisions_release(&dec);
	return m;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_notes	 notes;
	struct export_input	 in;
	struct model		*m, *back, *again;
	struct error		 e;
	struct buf		 yaml, tb, yaml2;
	char			*text;

	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	m = fuzz_read(text, size, "fuzz.json", &notes, &e);
	free(text);
	if (m == NULL)
		return 0;
	import_notes_release(&notes);
	buf_init(&yaml);
	model_write_yaml(m, &yaml);
	if ((back = model_read_yaml(yaml.s, yaml.len, "fuzz.yaml", &e)) ==
	    NULL)
		abort();
	model_free(back);
	/* The TM-BOM export of the model reads back to the same model. */
	memset(&in, 0, sizeof in);
	in.model = m;
	buf_init(&tb);
	if (export_find("tmbom")->write(&in, &tb, &e) == -1)
		abort();
	if ((again = fuzz_read(tb.s, tb.len, "fuzz.tmbom.json", &notes,
	    &e)) == NULL)
		abort();
	import_notes_release(&notes);
	buf_init(&yaml2);
	model_write_yaml(again, &yaml2);
	if (yaml.len != yaml2.len || memcmp(yaml.s, yaml2.s, yaml.len) != 0)
		abort();
	model_free(again);
	buf_release(&yaml);
	buf_release(&yaml2);
	buf_release(&tb);
	model_free(m);
	return 0;
}

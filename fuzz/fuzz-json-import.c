/*
 * fuzz-json-import.c: libFuzzer entry point over the JSON import of other
 * tools' models (interop_read_decisions(), interop/interop.h: jansson
 * within bounds, then the Threat Dragon v2 reader).
 *
 * Any input must be either refused with a message naming fuzz.json (and
 * no notes left), or read into an indexed model that writes as a YAML
 * model file which reads back. A crash, a sanitizer report, a leak or an
 * abort() below is a finding.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-json-import
 * Seeds: Threat Dragon models, e.g. the tests' fixtures:
 *   mkdir -p corpus-json
 *   fuzz/fuzz-json-import -dict=$srcdir/fuzz/json-import.dict \
 *       -max_total_time=300 corpus-json $srcdir/tests/data/interop
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interop/interop.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "yaml/model-yaml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_notes	 notes;
	struct model_decisions	 dec;
	struct model		*m, *back;
	struct error		 e;
	struct buf		 b;

	import_notes_init(&notes);
	error_clear(&e);
	m = interop_read_decisions((const char *)data, size, "fuzz.json", &notes,
	    &dec, &e);
	model_decisions_release(&dec);
	if (m == NULL) {
		if (strcmp(e.file, "fuzz.json") != 0 || e.msg[0] == '\0' ||
		    notes.lines.n != 0)
			abort();
		return 0;
	}
	buf_init(&b);
	model_write_yaml(m, &b);
	back = model_read_yaml(b.s, b.len, "fuzz.yaml", &e);
	if (back == NULL)
		abort();
	model_free(back);
	buf_release(&b);
	model_free(m);
	import_notes_release(&notes);
	return 0;
}

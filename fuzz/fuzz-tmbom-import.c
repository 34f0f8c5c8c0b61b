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

#include "fuzz-interop.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_interop_one(data, size, "fuzz.json", "tmbom", "fuzz.tmbom.json");
	return 0;
}

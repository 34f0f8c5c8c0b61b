/*
 * fuzz-otm-import.c: libFuzzer entry point over the Open Threat Model
 * import (interop_read_decisions(), interop/interop.h): YAML through libyaml (ydoc)
 * and jdoc_from_ydoc(), JSON through jansson, then otm-read.c; and over the
 * OTM export (otm-write.c) of what was read.
 *
 * Any input must be either refused with a message naming fuzz.otm (and no
 * notes or decisions left), or read into an indexed model that writes as a
 * YAML model file which reads back, and whose OTM export reads back to a
 * model that writes the same YAML. A crash, a sanitizer report, a leak or an abort()
 * below is a finding.
 *
 * Build (in a build directory of its own):
 *   CC=clang /path/to/configure --enable-fuzzing \
 *       CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined"
 *   make fuzz/fuzz-otm-import
 * Seeds: the tests' OTM fixtures (and the shared conformance files):
 *   mkdir -p corpus-otm
 *   fuzz/fuzz-otm-import -dict=$srcdir/fuzz/otm-import.dict \
 *       -max_total_time=300 corpus-otm $srcdir/tests/data/otm
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fuzz-interop.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_interop_one(data, size, "fuzz.otm", "otm", "fuzz.json");
	return 0;
}

/*
 * fuzz-interop.h: what the fuzz targets over other tools' files check, for
 * fuzz-otm-import.c and fuzz-tmbom-import.c (one program each; included,
 * not linked).
 *
 * fuzz_interop_one() reads an input with interop_read_decisions(): it must
 * be either refused with a message naming the input (and no notes or
 * decisions left), or read into a model that writes as a YAML model file
 * which reads back, and whose export in FORMAT reads back to a model that
 * writes the same YAML. Any other outcome is an abort(), a finding.
 */
#ifndef PARAPET_FUZZ_INTEROP_H
#define PARAPET_FUZZ_INTEROP_H

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

/* Input data, named name; its export in format is named back. */
static void
fuzz_interop_one(const uint8_t *data, size_t size, const char *name,
    const char *format, const char *back)
{
	struct import_notes	 notes;
	struct export_input	 in;
	struct model		*m, *reread, *again;
	struct error		 e;
	struct buf		 yaml, out, yaml2;
	char			*text;

	/* libyaml reads a NUL-terminated copy, as file_read() gives. */
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	m = fuzz_read(text, size, name, &notes, &e);
	free(text);
	if (m == NULL)
		return;
	import_notes_release(&notes);
	buf_init(&yaml);
	model_write_yaml(m, &yaml);
	if ((reread = model_read_yaml(yaml.s, yaml.len, "fuzz.yaml",
	    &e)) == NULL)
		abort();
	model_free(reread);
	/* The export of the model reads back to the same model. */
	memset(&in, 0, sizeof in);
	in.model = m;
	buf_init(&out);
	if (export_find(format)->write(&in, &out, &e) == -1)
		abort();
	if ((again = fuzz_read(out.s, out.len, back, &notes, &e)) == NULL)
		abort();
	import_notes_release(&notes);
	buf_init(&yaml2);
	model_write_yaml(again, &yaml2);
	if (yaml.len != yaml2.len || memcmp(yaml.s, yaml2.s, yaml.len) != 0)
		abort();
	model_free(again);
	buf_release(&yaml);
	buf_release(&yaml2);
	buf_release(&out);
	model_free(m);
}

#endif

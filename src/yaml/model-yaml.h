/*
 * model-yaml.h: model files of format 1 in YAML, read and written.
 *
 * The reader checks everything the format fixes (man/parapet-model.5):
 * the 'parapet: 1' header, known sections, node types, known fields and
 * words, fields that apply to the component's kind, plain booleans,
 * identifiers, references and required fields. Every error names
 * FILE:LINE:COL of the offending node and, where it helps, the nearest
 * known word. A failed read returns NULL and leaves nothing allocated.
 * Untrusted text in messages is made visible (control characters shown as
 * ^[ and the like), so a message is safe to print.
 *
 * The writer is stable and diff-friendly: the same model always gives the
 * same bytes, sections and fields come in table order, unset fields are
 * left out, and any text YAML could misread is double-quoted with escapes,
 * so that reading what was written gives back every string exactly.
 *
 * Ownership: a returned model is the caller's (model_free()); it is indexed
 * (model_index()), so references are resolved. Practices keep the position
 * of their key, for the caller to check them against the catalogue.
 */
#ifndef PARAPET_YAML_MODEL_YAML_H
#define PARAPET_YAML_MODEL_YAML_H

#include <stddef.h>

struct buf;
struct error;
struct model;
struct ydoc;
struct ynode;

/* The largest model file, and the most answers in 'practices'. */
#define MODEL_YAML_MAX_BYTES	(16UL * 1024 * 1024)
#define MODEL_YAML_MAX_PRACTICES 10000

/* Read a model from YAML text; file names it in messages. NULL on error. */
struct model	*model_read_yaml(const char *text, size_t len,
		     const char *file, struct error *);
/* Read a model file of at most MODEL_YAML_MAX_BYTES ("-" is stdin). */
struct model	*model_load_yaml(const char *path, struct error *);
/*
 * Build a model from a mapping node of a parsed document (a test harness
 * may embed a model inside another YAML file). Errors carry doc->file.
 */
struct model	*model_from_ynode(const struct ydoc *,
		     const struct ynode *root, struct error *);
/* Append the model in format 1 to a buffer. */
void		 model_write_yaml(const struct model *, struct buf *);

#endif

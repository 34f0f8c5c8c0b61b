/*
 * jdoc.h: a parsed JSON document, read with jansson, for the importers of
 * other tools' files (Threat Dragon, Open Threat Model).
 *
 * jdoc.c is the only file that includes jansson.h: the importers see
 * opaque nodes and these accessors. A document is read within bounds
 * (JDOC_MAX_BYTES of text, JDOC_MAX_DEPTH of nesting, JDOC_MAX_NODES
 * values), duplicate keys and NUL characters in strings are refused, and
 * every error names FILE:LINE:COL as jansson reports it. Strings are UTF-8
 * (jansson checks). Importers report their own errors with the JSON path
 * of the value at fault ($.detail.diagrams[0].cells[3].data.name), which
 * they build as they walk, and the line and column of the value
 * (jdoc_where()), which jdoc_parse() finds by reading the text again in
 * step with jansson's values.
 *
 * A document can also be made from a YAML document (ydoc.h, which has
 * already refused aliases, tags, bad UTF-8 and duplicate keys): the Open
 * Threat Model is written in YAML as well as JSON. Plain scalars are typed
 * as the YAML 1.2 core schema types them (null, true/false, integers,
 * floats; anything else is a string), quoted ones are strings, and each
 * value keeps the line and column it was written at (jdoc_where()), so
 * that an importer can name the place as well as the path.
 *
 * Ownership: nodes belong to their document and live until jdoc_free().
 */
#ifndef PARAPET_INTEROP_JDOC_H
#define PARAPET_INTEROP_JDOC_H

#include <stddef.h>

#include "util/limits.h"

struct error;
struct ydoc;

/* 16 MiB, or the lower limit PARAPET_MAX_FILE_BYTES sets (util/limits.h) */
#define JDOC_MAX_BYTES	(limit_file_bytes() < (16UL << 20) ? \
			    limit_file_bytes() : (16UL << 20))
#define JDOC_MAX_DEPTH	64
#define JDOC_MAX_NODES	1000000UL

enum jtype { JT_NULL, JT_BOOL, JT_NUMBER, JT_STRING, JT_ARRAY, JT_OBJECT };

struct jdoc;
struct jnode;

/* Parse len bytes of text; file names it in messages. NULL on error. */
struct jdoc	*jdoc_parse(const char *text, size_t len, const char *file,
		     struct error *);
/* The same tree from a YAML document, within the same bounds. */
struct jdoc	*jdoc_from_ydoc(const struct ydoc *, struct error *);
void		 jdoc_free(struct jdoc *);
/*
 * Where a value was written, in JSON or YAML; 0, 0 when unknown (the
 * shared null, true and false of a document have no place).
 */
void		 jdoc_where(const struct jdoc *, struct jnode *,
		     unsigned long *line, unsigned long *col);
struct jnode	*jdoc_root(const struct jdoc *);

enum jtype	 jnode_type(struct jnode *);
/* "an object", "a string", ... for messages. */
const char	*jtype_name(enum jtype);
/* Member of an object, or NULL (also when n is not an object). */
struct jnode	*jnode_get(struct jnode *, const char *key);
/*
 * A member that must be of a type: JM_OK with *out the member, or NULL
 * when it is absent or null and not required; JM_MISSING when it is
 * required and absent; JM_TYPE with *out the member of another type.
 */
enum jmember { JM_OK, JM_MISSING, JM_TYPE };
enum jmember	 jnode_member(struct jnode *, const char *key, enum jtype,
		     int required, struct jnode **out);
/* Elements of an array (0 when n is not an array). */
size_t		 jnode_size(struct jnode *);
struct jnode	*jnode_at(struct jnode *, size_t);
/* Members of an object in file order: *iter starts NULL; NULL at end. */
struct jnode	*jnode_next(struct jnode *, void **iter, const char **key);
/* Values: the string (NULL if not a string), the boolean, the number. */
const char	*jnode_string(struct jnode *);
int		 jnode_true(struct jnode *);
double		 jnode_number(struct jnode *);

/*
 * How a reader of a JSON format reports what is wrong: errors name the
 * file, the node's line and column when doc is set (0 and 0 when NULL) and
 * the JSON path; needs names the format in "missing (NEEDS needs it)".
 */
struct jread {
	const struct jdoc	*doc;
	const char		*file;
	struct error		*err;
	const char		*needs;
};
/* A reader's errors as above, placed in doc (NULL: no line); all borrowed. */
void		 jread_init(struct jread *, const struct jdoc *doc,
		     const char *file, const char *needs, struct error *);
/* "PATH: what is wrong" at node at. Returns -1. */
int		 jread_fail(const struct jread *, struct jnode *at,
		     const char *path, const char *fmt, ...)
		     __attribute__((format(printf, 4, 5)));
/*
 * The member key of obj (at path) in *out: -1 with an error if it is of
 * another type, or missing when required; absent or null is NULL.
 */
int		 jread_member(const struct jread *, struct jnode *obj,
		     const char *path, const char *key, enum jtype,
		     int required, struct jnode **out);
/* A string member in *out; "" is absent, an error when required. */
int		 jread_text(const struct jread *, struct jnode *obj,
		     const char *path, const char *key, int required,
		     const char **out);

#endif

/*
 * ydoc.h: a YAML document as a small tree of nodes with positions.
 *
 * The only code that includes yaml.h. Readers of model files and catalogue
 * files walk this tree and report errors at a node's line and column.
 * Hostile input is refused, not expanded: anchors and aliases (which can
 * blow a small file up into a huge tree), more than one document, tags,
 * nesting deeper than YDOC_MAX_DEPTH and more than YDOC_MAX_NODES nodes.
 * Scalars must be valid UTF-8 without NUL bytes.
 */
#ifndef PARAPET_YAML_YDOC_H
#define PARAPET_YAML_YDOC_H

#include <stddef.h>

#include "util/limits.h"

struct error;

#define YDOC_MAX_DEPTH	64
/* From the memory budget (util/limits.h). */
#define YDOC_MAX_NODES	LIMIT_YAML_NODES
#define YDOC_MAX_BYTES	LIMIT_FILE_BYTES	/* largest file read */

enum ynode_type { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_type	  type;
	char		 *value;	/* scalar text (NUL-terminated; in
					   the document's blocks, not to be
					   freed) */
	size_t		  len;		/* scalar length in bytes */
	int		  plain;	/* scalar was unquoted (so 'yes' is a
					   word, "yes" a string) */
	struct ynode	**items;	/* seq: items; map: key, value, ... */
	size_t		  n;		/* seq: items; map: 2 x pairs */
	unsigned long	  line;		/* 1-based */
	unsigned long	  col;		/* 1-based */
};

struct ydoc_block;

/*
 * The nodes, their texts and their item arrays live in a few large blocks
 * that the document owns and frees together (a model of 100,000
 * components has millions of nodes): ydoc_free() releases them all, and no
 * node is freed on its own.
 */
struct ydoc {
	struct ynode		*root;		/* NULL for an empty document */
	char			*file;		/* for messages */
	struct ydoc_block	*blocks;	/* the nodes' memory, newest
						   first */
};

/*
 * Parse YAML text. Errors name file:line:col. Duplicate keys in a mapping
 * are refused. Returns a document (free with ydoc_free) or NULL.
 */
struct ydoc	*ydoc_parse(const char *text, size_t len, const char *file,
		     struct error *);
/*
 * ydoc_parse() by libyaml alone. ydoc_parse() reads the plainest documents
 * by a reader of its own (the same tree, positions and errors); the tests
 * compare the two.
 */
struct ydoc	*ydoc_parse_libyaml(const char *text, size_t len,
		     const char *file, struct error *);
/* Read a file (at most YDOC_MAX_BYTES) and parse it. */
struct ydoc	*ydoc_load(const char *path, struct error *);
void		 ydoc_free(struct ydoc *);
/*
 * An empty document named file (copied), for a reader that builds the tree
 * itself (catalogue/catcache.c, which stores these trees: a field added to
 * struct ynode must be stored there too), and size bytes of its memory,
 * aligned for a node, freed with it.
 */
struct ydoc	*ydoc_new(const char *file);
void		*ydoc_alloc(struct ydoc *, size_t);

/* Number of key/value pairs of a mapping. */
#define YNODE_PAIRS(node)	((node)->n / 2)
#define YNODE_KEY(node, i)	((node)->items[2 * (i)])
#define YNODE_VAL(node, i)	((node)->items[2 * (i) + 1])

/* The value of a key in a mapping, or NULL. */
struct ynode	*ynode_get(const struct ynode *map, const char *key);
/* "a mapping", "a list", "text": for messages. */
const char	*ynode_type_name(const struct ynode *);
/* Set err at the node's position: FILE:LINE:COL: message. Returns -1. */
int		 ynode_error(const struct ydoc *, const struct ynode *,
		     struct error *, const char *, ...)
		     __attribute__((format(printf, 4, 5)));

#endif

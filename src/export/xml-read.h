/*
 * xml-read.h: read an XML export back (parapet import FILE.xml).
 *
 * The reader is the inverse of the "xml" exporter: export, import and
 * export again give the same document. It trusts nothing in the file:
 * the network is never used, DOCTYPEs (and so entity declarations) are
 * refused, entities are never substituted, and the document must validate
 * against parapet.xsd in paths_data() before anything is built from it.
 *
 * Ownership: on success the caller gets a new model (model_free()), the
 * risks appended to its register, and a new history array (changes_free()).
 * On failure nothing is handed over and the register is left as it was.
 */
#ifndef PARAPET_EXPORT_XML_READ_H
#define PARAPET_EXPORT_XML_READ_H

#include <stddef.h>

#include "util/limits.h"

/*
 * Bounds checked on the raw bytes before libxml2 parses anything (its
 * duplicate-attribute check is quadratic: 200,000 attributes on one
 * element took minutes). What Parapet writes stays far inside them: an
 * element carries at most a few dozen attributes, nests 5 deep, and a
 * register of a million risks needs some millions of elements.
 */
#define XML_MAX_ATTRIBUTES	256	/* on one element */
#define XML_MAX_DEPTH		64	/* elements inside elements */
#define XML_MAX_ELEMENTS	LIMIT_YAML_NODES /* in one document (limits.h) */

struct change;
struct error;
struct model;
struct risk_register;

/*
 * Read an XML export of len bytes; file names it in messages. A document
 * with a DOCTYPE gives "FILE:LINE: DTDs and entities are not allowed";
 * other errors are FILE:LINE: message too. *model is indexed and carries
 * the document's revision; the history is oldest first. 0 or -1.
 */
int	xml_read(const char *text, size_t len, const char *file,
	    struct model **model, struct risk_register *reg,
	    struct change **history, size_t *nhistory, struct error *err);

#endif

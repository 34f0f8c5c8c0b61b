/*
 * export.h: the table of export formats.
 *
 * Every format is one entry: its name (as given to --format), a line of
 * help, the usual file extension, and a function that renders the whole
 * input into a buffer. Writers escape every string from the model for
 * their own format, so no text can break the document. Files are written
 * by the caller with file_write_atomic().
 *
 * Formats: markdown (a sign-off report), xml (the whole model, register and
 * history, valid against data/parapet.xsd), csv (the risk register, RFC
 * 4180), dot (the data-flow diagram for Graphviz) and yaml (the model file).
 * Dates in an export come from export_input.generated_at only, so the same
 * input always gives the same bytes.
 *
 * xml_read() (export/xml-read.h) is the way back from the XML export.
 *
 * Ownership: writers append to the caller's buffer and borrow their input.
 */
#ifndef PARAPET_EXPORT_EXPORT_H
#define PARAPET_EXPORT_EXPORT_H

#include <stddef.h>

struct buf;
struct catalogue;
struct change;
struct error;
struct model;
struct risk_register;

struct export_input {
	const struct model		*model;		/* indexed */
	const struct risk_register	*risks;		/* all, applying or not */
	const struct catalogue		*cat;		/* or NULL */
	const struct change		*history;	/* oldest first */
	size_t				 nhistory;
	const char			*generated_at;	/* ISO 8601 UTC */
};

struct exporter {
	const char	*name;
	const char	*help;
	const char	*ext;
	int		(*write)(const struct export_input *, struct buf *,
			    struct error *);
};

extern const struct exporter	exporters[];
extern const size_t		nexporters;
/* The exporter of a format name, or NULL. */
const struct exporter		*export_find(const char *);

#endif

/*
 * export-int.h: what the writers of the export module share; not for use
 * outside src/export/.
 *
 * Each writer renders an export_input into a buffer (export.h). The helpers
 * here give every writer the same view of the input: risks in register
 * order (risk_register_sort), the catalogue entries behind a risk when the
 * catalogue still knows them, and the escaping notation of the XML text.
 */
#ifndef PARAPET_EXPORT_EXPORT_INT_H
#define PARAPET_EXPORT_EXPORT_INT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/strmap.h"

struct buf;
struct error;
struct export_input;
struct risk;
struct threat;

#define XML_NS		"urn:parapet:threat-model:1"

/* The writers of the table (export.c). */
int	export_markdown(const struct export_input *, struct buf *,
	    struct error *);
int	export_xml(const struct export_input *, struct buf *,
	    struct error *);
int	export_csv(const struct export_input *, struct buf *,
	    struct error *);
int	export_dot(const struct export_input *, struct buf *,
	    struct error *);
int	export_yaml(const struct export_input *, struct buf *,
	    struct error *);
/* The diagram drawn by Graphviz as SVG (svg.c); -1 without Graphviz. */
int	export_svg(const struct export_input *, struct buf *,
	    struct error *);
int	export_sarif(const struct export_input *, struct buf *,
	    struct error *);
int	export_threat_dragon(const struct export_input *, struct buf *,
	    struct error *);
int	export_otm(const struct export_input *, struct buf *,
	    struct error *);
int	export_tmbom(const struct export_input *, struct buf *,
	    struct error *);
/* What their files cannot hold of the input (export-lost.c; exporter.lost). */
size_t	export_lost_threat_dragon(const struct export_input *, struct buf *);
size_t	export_lost_otm(const struct export_input *, struct buf *);
size_t	export_lost_tmbom(const struct export_input *, struct buf *);

/*
 * The risks of the input sorted by risk_register_sort(), as an array of
 * borrowed pointers (the array is the caller's to free; NULL when empty).
 */
struct risk	**export_sorted_risks(const struct export_input *, size_t *);
/* Those of them that apply, in that order (never NULL; the caller frees). */
struct risk	**export_applying_risks(const struct export_input *, size_t *);

/*
 * A STRIDE category (0 for S to 5 for E, the order of vocab_stride) as OTM
 * or Threat Dragon spells it; one table holds both spellings.
 */
enum export_stride_format {
	EXPORT_STRIDE_OTM,
	EXPORT_STRIDE_TD
};
const char	*export_stride_word(int, enum export_stride_format);

/*
 * Risks grouped by the element they are written on, built once so that a
 * writer that lists each element's risks does not scan every risk for
 * every element (quadratic on a large register). Within an element the
 * risks keep the order they were given in. Keys are borrowed: the strings
 * key() returns must outlive the group.
 */
struct export_span;
struct export_group {
	struct strmap		 by_key;
	struct export_span	*spans;
	struct risk		**risks;
};
/* key(arg, risk): the element a risk goes on, or NULL for none. */
void		 export_group_init(struct export_group *, struct risk **,
		    size_t, const char *(*)(const void *, const struct risk *),
		    const void *);
/* The risks on element key, n of them (NULL and 0 when none). */
struct risk	**export_group_get(const struct export_group *, const char *,
		    size_t *);
void		 export_group_release(struct export_group *);

/* The catalogue's threat behind a risk, or NULL if none (or no catalogue). */
const struct threat *export_threat(const struct export_input *,
		    const struct risk *);
/*
 * Every reference the catalogue gives a risk's threat, then its STRIDE
 * categories (scheme "stride"): fn(arg, scheme, id) for each, in that
 * order. Nothing when the threat is not in the catalogue.
 */
void		 export_risk_refs(const struct export_input *,
		    const struct risk *,
		    void (*)(void *, const char *, const char *), void *);
/* The title of a risk: its own, else the threat's, else the threat id. */
const char	*export_risk_title(const struct export_input *,
		    const struct risk *);
/* The title of a mitigation from the catalogue, or NULL. */
const char	*export_mitigation_title(const struct export_input *,
		    const char *);

/*
 * The free-text child elements of the XML document's risk, mitigation,
 * practice and change elements, each the char * member of the object it
 * holds (xml-write.c). The writer writes them in this order, the schema's
 * (a risk's after its title, references and reasons, a mitigation's after
 * its title); the reader knows them by these names. One table says both,
 * so a text the writer writes is one the reader reads back. Each ends with
 * a NULL name.
 */
struct xml_text {
	const char	*name;		/* the child element */
	size_t		 off;		/* offsetof the object's member */
};
extern const struct xml_text	 xml_risk_texts[];
extern const struct xml_text	 xml_mitigation_texts[];
extern const struct xml_text	 xml_practice_texts[];
extern const struct xml_text	 xml_change_texts[];

/*
 * XML text notation (data/parapet.xsd): 1 if s (len bytes) holds a byte
 * that XML 1.0 cannot carry (a control character other than TAB, LF and CR,
 * U+FFFE, U+FFFF, or a byte that is not UTF-8); then out gets the escaped
 * form: such bytes as \xHH, backslashes as \\. 0 if s can be written as it
 * is (out untouched).
 */
int		 xml_text_escape(const char *s, size_t len, struct buf *out);
/* Decode the escaped form into out. 0, or -1 on a bad escape. */
int		 xml_text_unescape(const char *s, struct buf *out);

/*
 * The escaping of the CSV and Markdown writers, for the other writers of
 * the module (register.c): each string from a model goes through these.
 *
 * csv_field: one field, escaped, defused against formulas and quoted as
 * csv.c says, then "," or (last) CRLF.
 */
void		 csv_field(struct buf *, const char *, int last);
/*
 * Markdown (md-text.c): model text escaped for its place in the document
 * (md_text: one line, a table cell or a block whose continuation lines
 * get indent; line_start says whether it begins a line of the document;
 * returns the bytes appended, 0 for empty or blank text), text on one line (md_inline; "*(blank)*" when
 * empty), a table cell's content (md_cell), an identifier or risk name as
 * code when it is one, else as text (md_id). A table row is built cell by
 * cell (md_td gives the next cell to append to; at most MD_MAXCOLS) and
 * written by md_tr, an empty cell as "| |" as markdownlint's compact
 * table style wants.
 */
enum md_mode {
	MD_INLINE,	/* one line: headings, list item heads */
	MD_CELL,	/* a table cell: newlines as <br> */
	MD_BLOCK	/* a paragraph or list item: hard line breaks */
};
size_t		 md_text(struct buf *, const char *, enum md_mode,
		     const char *indent, int line_start);
void		 md_inline(struct buf *, const char *);
void		 md_cell(struct buf *, const char *);
void		 md_id(struct buf *, const char *);
#define MD_MAXCOLS	16

struct md_row {
	struct buf	cell[MD_MAXCOLS];
	size_t		n;
};

struct buf	*md_td(struct md_row *);
void		 md_tr(struct buf *, struct md_row *);

#endif

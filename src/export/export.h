/*
 * export.h: the table of export formats.
 *
 * Every format is one entry: its name (as given to --format), a line of
 * help, the usual file extension, and a function that renders the whole
 * input into a buffer. Writers escape every string from the model for
 * their own format, so no text can break the document. Files are written
 * with export_write_file(), one rule for the CLI and the screens.
 *
 * Formats: markdown (a sign-off report), xml (the whole model, register and
 * history, valid against data/parapet.xsd), csv (the risk register, RFC
 * 4180), dot (the data-flow diagram for Graphviz), svg (that diagram drawn
 * by Graphviz, when it is installed), yaml (the model file) and sarif (the
 * risks as SARIF 2.1.0 results for code scanning).
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
struct risk;
struct risk_question;
struct risk_register;

struct export_input {
	const struct model		*model;		/* indexed */
	const struct risk_register	*risks;		/* all, applying or not */
	const struct catalogue		*cat;		/* or NULL */
	const struct change		*history;	/* oldest first */
	size_t				 nhistory;
	const char			*generated_at;	/* ISO 8601 UTC */
	const char			*diagram_svg;	/* markdown: an SVG of
							   the diagram to link
							   (relative), or NULL */
	/*
	 * The model file the model came from, for formats that point into it
	 * (sarif): its name as given (relative to the repository root for
	 * code scanning) and the model as read from it, whose objects carry
	 * their lines. Both NULL when unknown.
	 */
	const char			*source_file;
	const struct model		*source;
	/*
	 * For the writers that stream the register (EXPORT_RISKS_CURSOR):
	 * when next_risk is set, risks (and model) may be NULL, and each
	 * next_risk(risk_source, err) gives the next risk in register order
	 * (valid until the next call), NULL at the end, or NULL with err set.
	 */
	const struct risk		*(*next_risk)(void *, struct error *);
	void				*risk_source;
	/*
	 * For the writers that stream the whole model (EXPORT_STREAM), with
	 * next_risk: model holds no components or flows, and
	 * next_object(risk_source, t, err) gives the next of list t
	 * (OBJ_COMPONENT, then OBJ_FLOW) in the model's order;
	 * next_change(risk_source, err) the history, oldest first (history
	 * is NULL). Both as next_risk: valid until the next call, NULL at
	 * the end or with err set.
	 */
	const void			*(*next_object)(void *, int,
					    struct error *);
	const struct change		*(*next_change)(void *,
					    struct error *);
	/*
	 * For the report (EXPORT_REPORT), next_object may be set as for
	 * EXPORT_STREAM (the model without components or flows): the report
	 * reads the components, then the flows, once and before the
	 * register. Then next_question is set too.
	 *
	 * For the report: when take_risk is set, risks is
	 * NULL and take_risk(risk_source, err) gives each risk in the
	 * report's order (model/risk-group.h), the caller's to free
	 * (risk_register_take(NULL, k)), NULL at the end or with err set;
	 * history is NULL and next_decision(risk_source, err) gives each
	 * of the ndecisions decisions of the history, newest first (as
	 * next_risk: valid until the next call, NULL at the end or with
	 * err set), after the register is read.
	 */
	struct risk			*(*take_risk)(void *, struct error *);
	const struct change		*(*next_decision)(void *,
					    struct error *);
	size_t				 ndecisions;
	/*
	 * And when next_question is set, the open questions of the
	 * unanswered fields (analyze_questions()'s) are not found again
	 * but read: nquestions of them, next_question(question_source,
	 * err) giving each in order (valid until the next call), NULL at
	 * the end or with err set.
	 */
	const struct risk_question	*(*next_question)(void *,
					    struct error *);
	void				*question_source;
	size_t				 nquestions;
};

struct exporter {
	const char	*name;
	const char	*help;
	const char	*ext;
	int		(*write)(const struct export_input *, struct buf *,
			    struct error *);
	int		 history;	/* 1: writes the history (the others
					   are not given it: it is most of
					   what a large register holds) */
	int		 risks_from;	/* EXPORT_RISKS_*: what of the
					   register it reads (unset:
					   EXPORT_RISKS_ALL) */
	/*
	 * For a format that has no place for some of what a model holds
	 * (the exchange formats): append to the buffer, as "A, B and C",
	 * what this input's file goes without ("the trust of 3
	 * boundaries"), only what the model has, and return how many items;
	 * 0 and nothing appended when the file holds it all. Reads the
	 * model and register held whole. NULL: the format keeps what it
	 * says it writes.
	 */
	size_t		(*lost)(const struct export_input *, struct buf *);
};

/*
 * What a writer reads of the register: all of it (the register in memory),
 * the risks one at a time from next_risk (no model, no register held),
 * only the decisions (store_load_risk_states(): no titles, reasons or
 * scores, the register's largest part; from the command line, only the
 * risks that carry one, with the components and flows from next_object),
 * or the whole model, register and
 * history one piece at a time (next_object, next_risk, next_change), or
 * the model (whole, or one object at a time from next_object) with the
 * register one risk at a time in the report's order and the decisions
 * of the history one at a time (take_risk, next_decision).
 */

enum { EXPORT_RISKS_ALL, EXPORT_RISKS_CURSOR, EXPORT_RISKS_DECISIONS,
    EXPORT_STREAM, EXPORT_REPORT };

extern const struct exporter	exporters[];
extern const size_t		nexporters;
/* The exporter of a format name, or NULL. */
const struct exporter		*export_find(const char *);
/* The largest file of that format an import reads, 0 if none is read. */
size_t				 export_reread_limit(const struct exporter *);

/*
 * An input of a model and its register held whole (EXPORT_RISKS_ALL,
 * EXPORT_RISKS_DECISIONS), with its history (NULL, 0 when the exporter
 * does not write it), generated at a time; every other field cleared.
 */
void				 export_input_whole(struct export_input *,
				     const struct model *,
				     const struct risk_register *,
				     const struct catalogue *,
				     const struct change *history,
				     size_t nhistory,
				     const char *generated_at);

/*
 * Graphviz lays a diagram out in time that grows much faster than the
 * model (over ten minutes for 1,000 components and 3,000 flows on the
 * build machine), and a picture of hundreds of boxes says nothing a reader
 * can take in: past this many components and flows the report keeps its
 * Mermaid diagram and the tables only (and export_write_file() draws no
 * SVG for a model read one object at a time).
 */
#define EXPORT_SVG_MAX_OBJECTS	400

/* The mode of every exported file, from the CLI or the screens: risk data
 * is for its owners only. */
#define EXPORT_FILE_MODE	0600

/*
 * Render the input with an exporter and write it to path atomically with
 * EXPORT_FILE_MODE. A Markdown report also gets its diagram as SVG beside
 * it (path with .svg for its extension), linked from the report, when
 * Graphviz is installed; *svg is then that file's path (the caller's to
 * free), else NULL. Returns the length of the file written, or -1.
 */
long				 export_write_file(const struct exporter *,
				     const struct export_input *,
				     const char *path, char **svg,
				     struct error *);
/* 1 if Graphviz's dot ($PARAPET_DOT, else dot on PATH) can be run. */
int				 export_svg_available(void);

/*
 * The organisation's register (parapet register, store_register()): the
 * systems with their counts, or the overdue mitigations (review 0) or the
 * accepted risks due for review (review 1), as an aligned text table,
 * CSV (escaped and defused as the csv export) or Markdown (escaped as the
 * report). The filter says what was counted and on which day. Text cuts
 * long names (never keys) to keep a terminal's table narrow; whole text,
 * for a pipe or a file, cuts nothing.
 */
enum register_format { REGISTER_TEXT, REGISTER_CSV, REGISTER_MARKDOWN,
	REGISTER_TEXT_WHOLE };
struct org_filter;
struct org_item;
struct org_system;
void				 export_register(
				     const struct org_system *, size_t,
				     const struct org_filter *,
				     int format, struct buf *);
void				 export_register_items(
				     const struct org_item *,
				     size_t, int review,
				     const struct org_filter *,
				     int format, struct buf *);

#endif

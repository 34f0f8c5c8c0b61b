/*
 * diff-write.c: a model diff as text for a terminal, or as Markdown for a
 * pull-request comment (see diff.h).
 *
 * Both list the same things in the same order: a summary line, the risks
 * (those that appear, most severe first; those that stop applying; those
 * whose scoring changed), the decisions that changed, then the model (the
 * system, boundaries, components, flows, practice answers). Text from the
 * models goes through text_visible() in both; Markdown then escapes it as
 * the report does (md_text()), so no text can open markup, a link or a
 * table cell, and file names and ids still read as themselves.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "export/export-int.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"

struct dw {
	struct buf	*out;
	int		 md;		/* Markdown, else text */
};

/*
 * Untrusted text, made visible and, in Markdown, escaped as the report
 * escapes it (md_text(): only what could start markup where it stands, so
 * that "hr-v3.yaml" reads as itself, not "hr\-v3\.yaml"). line_start: the
 * text begins a line of the document.
 */
static void
dw_text_at(struct dw *w, const char *s, int line_start)
{
	struct buf	 v;

	if (w->md) {
		md_text(w->out, s != NULL ? s : "", MD_INLINE, NULL,
		    line_start);
		return;
	}
	buf_init(&v);
	text_visible(&v, s != NULL ? s : "", 0);
	buf_adds(w->out, v.s);
	buf_release(&v);
}

static void
dw_text(struct dw *w, const char *s)
{
	dw_text_at(w, s, 0);
}

/*
 * An identifier ([a-z0-9._-], checked by the readers), in a code span in
 * Markdown, where escapes would show: backticks are dropped, to be sure.
 */
static void
dw_id(struct dw *w, const char *id)
{
	struct buf	 v;
	const char	*p;

	if (!w->md) {
		dw_text(w, id);
		return;
	}
	buf_init(&v);
	text_visible(&v, id != NULL ? id : "", 0);
	buf_addc(w->out, '`');
	for (p = v.s; *p != '\0'; p++)
		if (*p != '`')
			buf_addc(w->out, *p);
	buf_addc(w->out, '`');
	buf_release(&v);
}

static const char *
dw_sev(const struct risk *k)
{
	const char	*s = vocab_name(&vocab_severity, k->severity);

	return s != NULL ? s : "?";
}

static const char *
dw_status(const struct risk *k)
{
	const char	*s = vocab_name(&vocab_risk_status, k->status);

	return s != NULL ? s : "?";
}

static size_t
dw_count_risks(const struct model_diff *d, enum diff_risk_op op)
{
	size_t	i, n = 0;

	for (i = 0; i < d->nrisks; i++)
		n += d->risks[i].op == op;
	return n;
}

/* 1 if a risk that is gone became part of an open question. */
static int
dw_asked(const struct model_diff *d, const struct diff_risk *r)
{
	return r->op == DIFF_RISK_GONE && d->asked != NULL &&
	    risk_register_find(d->asked, r->old_risk->threat,
	    r->old_risk->target) != NULL;
}

/* Risks gone: asked 1, those now questions; 0, the others. */
static size_t
dw_count_gone(const struct model_diff *d, int asked)
{
	size_t	i, n = 0;

	for (i = 0; i < d->nrisks; i++)
		n += d->risks[i].op == DIFF_RISK_GONE &&
		    dw_asked(d, &d->risks[i]) == asked;
	return n;
}

static size_t
dw_count_objects(const struct model_diff *d, enum diff_op op)
{
	size_t	i, n = 0;

	for (i = 0; i < d->nobjects; i++)
		n += d->objects[i].op == op && !d->objects[i].practice;
	return n;
}

/* "2 risks appear (1 high), 1 stops applying, ..." */
static void
dw_summary(struct dw *w, const struct model_diff *d)
{
	size_t		 by[4] = { 0, 0, 0, 0 }, i, n, parts = 0;
	const char	*sep = "";
	struct buf	*o = w->out;
	int		 l;

	if (model_diff_empty(d)) {
		buf_adds(o, "no changes");
		return;
	}
	for (i = 0; i < d->nrisks; i++)
		if (d->risks[i].op == DIFF_RISK_APPEARS &&
		    d->risks[i].new_risk->severity >= 0 &&
		    d->risks[i].new_risk->severity < 4)
			by[d->risks[i].new_risk->severity]++;
	if ((n = dw_count_risks(d, DIFF_RISK_APPEARS)) > 0) {
		buf_addf(o, "%zu risk%s appear%s (", n, n == 1 ? "" : "s",
		    n == 1 ? "s" : "");
		for (l = 3; l >= 0; l--) {
			if (by[l] == 0)
				continue;
			buf_addf(o, "%s%zu %s", sep, by[l],
			    vocab_name(&vocab_severity, l));
			sep = ", ";
		}
		buf_addc(o, ')');
		parts++;
	}
#define DW_PART(cnt, one, many) do {					\
		if ((cnt) > 0) {					\
			buf_addf(o, "%s%zu %s", parts++ > 0 ? ", " : "",	\
			    (size_t)(cnt), (cnt) == 1 ? (one) : (many));	\
		}							\
	} while (0)
	DW_PART(dw_count_gone(d, 0), "risk stops applying",
	    "risks stop applying");
	DW_PART(dw_count_gone(d, 1), "risk is now an open question",
	    "risks are now open questions");
	DW_PART(dw_count_risks(d, DIFF_RISK_SCORE), "risk rescored",
	    "risks rescored");
	DW_PART(dw_count_risks(d, DIFF_RISK_DECISION), "decision changed",
	    "decisions changed");
	DW_PART(dw_count_objects(d, DIFF_ADDED), "object added",
	    "objects added");
	DW_PART(dw_count_objects(d, DIFF_REMOVED), "object removed",
	    "objects removed");
	DW_PART(dw_count_objects(d, DIFF_RENAMED), "renamed", "renamed");
	DW_PART(dw_count_objects(d, DIFF_CHANGED), "object changed",
	    "objects changed");
	n = 0;
	for (i = 0; i < d->nobjects; i++)
		n += d->objects[i].practice;
	DW_PART(n, "practice answer changed", "practice answers changed");
#undef DW_PART
}

static void
dw_heading(struct dw *w, const char *title)
{
	buf_addf(w->out, w->md ? "\n#### %s\n\n" : "\n%s\n", title);
}

/*
 * 1 if v reads unambiguously without quotes: one word of letters, digits
 * and ".:/@+_-", as a model file writes a boolean, a word of a vocabulary,
 * a date or an id.
 */
static int
dw_bare(const char *v)
{
	const char	*p;

	if (*v == '\0' || *v == '-')
		return 0;
	for (p = v; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(".:/@+_-", *p) == NULL)
			return 0;
	return 1;
}

/*
 * A value of a field: "(unset)" when not set; free text in quotes, a word
 * (true, high, 2026-12-01) as the model file writes it.
 */
static void
dw_value(struct dw *w, const char *v)
{
	int	q;

	if (v == NULL) {
		buf_adds(w->out, w->md ? "*(unset)*" : "(unset)");
		return;
	}
	q = !w->md && !dw_bare(v);
	if (q)
		buf_addc(w->out, '"');
	dw_text(w, v);
	if (q)
		buf_addc(w->out, '"');
}

static void
dw_fields(struct dw *w, const struct diff_field *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		buf_adds(w->out, w->md ? "  - " : "      ");
		dw_text(w, f[i].name);
		buf_adds(w->out, ": ");
		dw_value(w, f[i].old_value);
		buf_adds(w->out, w->md ? " → " : " -> ");
		dw_value(w, f[i].new_value);
		buf_addc(w->out, '\n');
	}
}

/* One risk line: severity, status, name, title. */
static void
dw_risk(struct dw *w, const char *mark, const char *word,
    const struct risk *k, const char *extra)
{
	char	*name = risk_name(k);

	if (w->md) {
		buf_addf(w->out, "- %s: **%s** %s ", word, dw_sev(k),
		    dw_status(k));
		dw_id(w, name);
		buf_adds(w->out, ": ");
	} else {
		buf_addf(w->out, "  %s %-8s  %-14s ", mark, dw_sev(k),
		    dw_status(k));
		dw_id(w, name);
		buf_adds(w->out, "  ");
	}
	dw_text(w, k->title != NULL ? k->title : k->threat);
	if (extra != NULL)
		buf_addf(w->out, " (%s)", extra);
	buf_addc(w->out, '\n');
	free(name);
}

static void
dw_risks(struct dw *w, const struct model_diff *d)
{
	const struct diff_risk	*r;
	struct buf		 extra;
	size_t			 i;
	int			 any = 0, dec = 0, up, down;

	for (i = 0; i < d->nrisks; i++) {
		r = &d->risks[i];
		if (r->op == DIFF_RISK_DECISION) {
			dec = 1;
			continue;
		}
		if (!any++)
			dw_heading(w, "Risks");
		switch (r->op) {
		case DIFF_RISK_APPEARS:
			dw_risk(w, "+", "new", r->new_risk, NULL);
			break;
		case DIFF_RISK_GONE:
			/* Resting on unanswered fields, it is not gone: it
			   waits, with its decision, to be confirmed. */
			if (dw_asked(d, r))
				dw_risk(w, "?", "to confirm", r->old_risk,
				    "now an open question: it rests on "
				    "unanswered fields");
			else
				dw_risk(w, "-", "gone", r->old_risk,
				    "no longer applies");
			break;
		default:
			/* Only what changed: "likelihood 3 -> 3" says nothing. */
			buf_init(&extra);
			buf_addf(&extra, "was %s", dw_sev(r->old_risk));
			if (r->old_risk->likelihood != r->new_risk->likelihood)
				buf_addf(&extra, ", likelihood %d -> %d",
				    r->old_risk->likelihood,
				    r->new_risk->likelihood);
			if (r->old_risk->impact != r->new_risk->impact)
				buf_addf(&extra, ", impact %d -> %d",
				    r->old_risk->impact, r->new_risk->impact);
			up = r->new_risk->severity > r->old_risk->severity;
			down = r->new_risk->severity < r->old_risk->severity;
			dw_risk(w, up ? "^" : down ? "v" : "~", up ? "up" :
			    down ? "down" : "rescored", r->new_risk, extra.s);
			buf_release(&extra);
		}
	}
	if (!dec)
		return;
	dw_heading(w, "Decisions");
	for (i = 0; i < d->nrisks; i++) {
		r = &d->risks[i];
		if (r->op != DIFF_RISK_DECISION)
			continue;
		dw_risk(w, "~", "decided", r->new_risk, NULL);
		dw_fields(w, r->fields, r->nfields);
	}
}

static const char *
dw_type(const struct diff_object *o)
{
	if (o->practice)
		return "practice";
	return objtype_name(o->type);
}

/* What an added or removed object is: its kind and name. */
static void
dw_what(struct dw *w, const struct diff_object *o)
{
	const void	*obj = o->new_obj != NULL ? o->new_obj : o->old_obj;
	const char	*name = NULL;

	if (o->practice)
		return;
	switch (o->type) {
	case OBJ_COMPONENT:
		buf_addf(w->out, " (%s)", vocab_name(&vocab_kind,
		    ((const struct component *)obj)->kind));
		name = ((const struct component *)obj)->name;
		break;
	case OBJ_FLOW:
		buf_adds(w->out, " (");
		dw_text(w, ((const struct flow *)obj)->from);
		buf_adds(w->out, " -> ");
		dw_text(w, ((const struct flow *)obj)->to);
		buf_adds(w->out, ")");
		name = ((const struct flow *)obj)->name;
		break;
	case OBJ_BOUNDARY:
		name = ((const struct boundary *)obj)->name;
		break;
	default:
		break;
	}
	if (name != NULL) {
		buf_adds(w->out, " ");
		dw_value(w, name);
	}
}

static void
dw_objects(struct dw *w, const struct model_diff *d)
{
	static const char *const marks[] = { "+", "-", "~", ">" };
	static const char *const words[] = { "added", "removed", "changed",
	    "renamed" };
	const struct diff_object	*o;
	size_t				 i;

	if (d->nobjects == 0)
		return;
	dw_heading(w, "Model");
	for (i = 0; i < d->nobjects; i++) {
		o = &d->objects[i];
		if (w->md)
			buf_addf(w->out, "- %s %s ", words[o->op], dw_type(o));
		else
			buf_addf(w->out, "  %s %s ", marks[o->op], dw_type(o));
		if (o->op == DIFF_RENAMED) {
			dw_id(w, o->old_id);
			buf_adds(w->out, w->md ? " → " : " -> ");
			dw_id(w, o->new_id);
			buf_addf(w->out, " (renamed: %s)", o->why);
		} else
			dw_id(w, o->new_id != NULL ? o->new_id : o->old_id);
		if (o->op == DIFF_ADDED || o->op == DIFF_REMOVED)
			dw_what(w, o);
		buf_addc(w->out, '\n');
		dw_fields(w, o->fields, o->nfields);
	}
}

static void
dw_all(struct dw *w, const struct model_diff *d, const char *old_name,
    const char *new_name)
{
	if (w->md) {
		buf_adds(w->out, "### Threat model changes: ");
		dw_id(w, d->new_model->system.id);
		buf_adds(w->out, "\n\n");
		dw_text_at(w, old_name, 1);
		buf_adds(w->out, " → ");
		dw_text(w, new_name);
		buf_adds(w->out, "\n\n**");
		dw_summary(w, d);
		buf_adds(w->out, "**\n");
	} else {
		buf_adds(w->out, "diff ");
		dw_text(w, d->new_model->system.id);
		buf_adds(w->out, ": ");
		dw_text(w, old_name);
		buf_adds(w->out, " -> ");
		dw_text(w, new_name);
		buf_adds(w->out, "\n");
		dw_summary(w, d);
		buf_addc(w->out, '\n');
	}
	dw_risks(w, d);
	dw_objects(w, d);
}

void
model_diff_text(const struct model_diff *d, const char *old_name,
    const char *new_name, struct buf *out)
{
	struct dw	w = { out, 0 };

	dw_all(&w, d, old_name, new_name);
}

void
model_diff_markdown(const struct model_diff *d, const char *old_name,
    const char *new_name, struct buf *out)
{
	struct dw	w = { out, 1 };

	dw_all(&w, d, old_name, new_name);
}

/*
 * register.c: the organisation's register (parapet register) as an
 * aligned text table, CSV or Markdown.
 *
 * The systems with their counts, or the items of one kind (overdue
 * mitigations, accepted risks due for review). Text is made visible
 * (text_visible(): no escape sequence reaches a terminal) and aligned in
 * terminal columns; CSV goes through csv_field() and Markdown through
 * md_cell(), md_inline() and md_id(), the escaping of the CSV export and
 * of the report, so the register is as safe to open in a spreadsheet or
 * to render as they are.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/export-int.h"
#include "export/export.h"
#include "model/org.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* The widest a text column of names gets; longer text is cut short. */
#define REG_TEXT_MAX	32

/* A text table: cells made visible, numbers right-aligned. */
struct reg_table {
	char		**cells;	/* nrows x ncols */
	size_t		  nrows;
	size_t		  ncols;
	const char	 *numeric;	/* per column: 'n' right-aligned, 'k' a
					   key, never cut */
	int		  whole;	/* cut nothing (not a terminal) */
};

static void
reg_table_init(struct reg_table *t, size_t ncols, const char *numeric)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->numeric = numeric;
}

/* Start a row; its cells follow with reg_cell(). */
static void
reg_row(struct reg_table *t)
{
	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof *t->cells);
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols *
	    sizeof *t->cells);
	t->nrows++;
}

/* Set a cell of the last row from untrusted text, on one line. */
static void
reg_cell(struct reg_table *t, size_t col, const char *s)
{
	struct buf	b;

	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 0);
	t->cells[(t->nrows - 1) * t->ncols + col] = buf_detach(&b);
}

static void
reg_cellf(struct reg_table *t, size_t col, size_t n)
{
	t->cells[(t->nrows - 1) * t->ncols + col] = xasprintf("%zu", n);
}

/*
 * Write the table: every column as wide as its widest cell (text columns
 * other than keys at most REG_TEXT_MAX, cut short with "~", unless the
 * table is whole), two spaces apart; the last column is not padded nor cut.
 * Keys (a system's id, a risk's threat@target) are never cut: two risks of
 * one threat differ only at their end.
 */
static void
reg_table_write(struct reg_table *t, struct buf *out)
{
	int		*w = xcalloc(t->ncols, sizeof *w);
	const char	*c;
	size_t		 r, i, fit;
	int		 cw, used, pad;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols; i++) {
			c = t->cells[r * t->ncols + i];
			cw = text_width(c != NULL ? c : "");
			if (!t->whole && t->numeric[i] == ' ' &&
			    cw > REG_TEXT_MAX)
				cw = REG_TEXT_MAX;
			if (cw > w[i])
				w[i] = cw;
		}
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			c = t->cells[r * t->ncols + i];
			if (c == NULL)
				c = "";
			if (i + 1 == t->ncols) {
				buf_adds(out, c);
				break;
			}
			cw = text_width(c);
			if (cw > w[i]) {
				fit = text_fit(c, w[i] - 1, &used);
				buf_add(out, c, fit);
				buf_addc(out, '~');
				cw = used + 1;
				c = "";
			}
			pad = w[i] - cw;
			if (t->numeric[i] == 'n')
				buf_addf(out, "%*s%s", pad, "", c);
			else
				buf_addf(out, "%s%*s", c, pad, "");
			buf_adds(out, "  ");
		}
		/* No blanks at the end of a line. */
		while (out->len > 0 && out->s[out->len - 1] == ' ')
			buf_truncate(out, out->len - 1);
		buf_addc(out, '\n');
	}
	for (r = 0; r < t->nrows * t->ncols; r++)
		free(t->cells[r]);
	free(t->cells);
	free(w);
}

/* What the counts are of, in words: "open or mitigating", "accepted". */
static const char *
reg_counted(const struct org_filter *f)
{
	return f->status >= 0 ? vocab_name(&vocab_risk_status, f->status) :
	    "open or mitigating";
}

/* "RISK": THREAT@TARGET, the caller's to free. */
static char *
reg_risk(const struct org_item *it)
{
	return xasprintf("%s@%s", it->threat != NULL ? it->threat : "",
	    it->target != NULL ? it->target : "");
}

/* The filters, for a Markdown paragraph. */
static void
reg_md_filters(const struct org_filter *f, struct buf *o)
{
	int	n = 0;

	if (f->team != NULL) {
		buf_adds(o, n++ ? ", team " : " Team ");
		md_inline(o, f->team);
	}
	if (f->owner != NULL) {
		buf_adds(o, n++ ? ", owner " : " Owner ");
		md_inline(o, f->owner);
	}
	if (f->min_severity > LEVEL_LOW)
		buf_addf(o, "%s%s and above", n++ ? ", severity " :
		    " Severity ", vocab_name(&vocab_severity,
		    f->min_severity));
	if (n > 0)
		buf_adds(o, ".");
}

void
export_register(const struct org_system *v, size_t n,
    const struct org_filter *f, int format, struct buf *o)
{
	struct reg_table	 t;
	struct md_row		 r = { .n = 0 };
	size_t			 i, s, tot[LEVEL_COUNT] = { 0 }, conf = 0,
				 over = 0, rev = 0, nq = 0;
	const char		*crit;

	switch (format) {
	case REGISTER_CSV:
		buf_adds(o, "system,name,owner,team,criticality,critical,high,"
		    "medium,low,to_confirm,overdue,review,open_questions\r\n");
		for (i = 0; i < n; i++) {
			csv_field(o, v[i].id, 0);
			csv_field(o, v[i].name, 0);
			csv_field(o, v[i].owner, 0);
			csv_field(o, v[i].team, 0);
			csv_field(o, v[i].criticality >= 0 ? vocab_name(
			    &vocab_criticality, v[i].criticality) : "", 0);
			SEVERITY_FOREACH_DOWN(s)
				buf_addf(o, "%zu,", v[i].by_severity[s]);
			buf_addf(o, "%zu,%zu,%zu,%zu\r\n", v[i].to_confirm,
			    v[i].overdue, v[i].review, v[i].questions);
		}
		return;
	case REGISTER_MARKDOWN:
		buf_addf(o, "# Risk register\n\nOn %.10s: %zu system%s, %s "
		    "risks by severity (to confirm: resting on unanswered "
		    "fields), overdue mitigations, accepted risks due for "
		    "review and open practice questions.", f->today, n,
		    n == 1 ? "" : "s", reg_counted(f));
		reg_md_filters(f, o);
		buf_adds(o, "\n\n");
		if (n == 0)
			return;
		buf_adds(o, "| System | Name | Owner | Team | Critical | High "
		    "| Medium | Low | To confirm | Overdue | Review | Open "
		    "practice questions |\n| --- | --- | --- | --- | ---: | ---: | ---: "
		    "| ---: | ---: | ---: | ---: | ---: |\n");
		for (i = 0; i < n; i++) {
			md_id(md_td(&r), v[i].id);
			md_cell(md_td(&r), v[i].name);
			md_cell(md_td(&r), v[i].owner);
			md_cell(md_td(&r), v[i].team);
			SEVERITY_FOREACH_DOWN(s)
				buf_addf(md_td(&r), "%zu",
				    v[i].by_severity[s]);
			buf_addf(md_td(&r), "%zu", v[i].to_confirm);
			buf_addf(md_td(&r), "%zu", v[i].overdue);
			buf_addf(md_td(&r), "%zu", v[i].review);
			buf_addf(md_td(&r), "%zu", v[i].questions);
			md_tr(o, &r);
		}
		return;
	default:
		break;
	}
	if (n == 0) {
		buf_adds(o, "no systems\n");
		return;
	}
	reg_table_init(&t, 13, "k   nnnnnnnn ");
	t.whole = format == REGISTER_TEXT_WHOLE;
	reg_row(&t);
	reg_cell(&t, 0, "SYSTEM");
	reg_cell(&t, 1, "OWNER");
	reg_cell(&t, 2, "TEAM");
	reg_cell(&t, 3, "CRITICALITY");
	SEVERITY_FOREACH_DOWN(s)
		reg_cell(&t, 7 - s, vocab_label(&vocab_severity, (int)s));
	reg_cell(&t, 8, "CONFIRM");
	reg_cell(&t, 9, "OVERDUE");
	reg_cell(&t, 10, "REVIEW");
	reg_cell(&t, 11, "QUESTIONS");
	reg_cell(&t, 12, "NAME");
	for (i = 0; i < n; i++) {
		reg_row(&t);
		reg_cell(&t, 0, v[i].id);
		reg_cell(&t, 1, v[i].owner);
		reg_cell(&t, 2, v[i].team);
		crit = v[i].criticality >= 0 ? vocab_name(&vocab_criticality,
		    v[i].criticality) : "";
		reg_cell(&t, 3, crit);
		SEVERITY_FOREACH_DOWN(s) {
			reg_cellf(&t, 7 - s, v[i].by_severity[s]);
			tot[s] += v[i].by_severity[s];
		}
		reg_cellf(&t, 8, v[i].to_confirm);
		reg_cellf(&t, 9, v[i].overdue);
		reg_cellf(&t, 10, v[i].review);
		reg_cellf(&t, 11, v[i].questions);
		reg_cell(&t, 12, v[i].name);
		conf += v[i].to_confirm;
		over += v[i].overdue;
		rev += v[i].review;
		nq += v[i].questions;
	}
	reg_table_write(&t, o);
	buf_addf(o, "%zu system%s on %.10s: %s risks %zu critical, %zu high, "
	    "%zu medium, %zu low, %zu to confirm; %zu overdue mitigation%s; "
	    "%zu accepted risk%s due for review; %zu open practice "
	    "question%s (QUESTIONS)\n", n, n == 1 ? "" : "s",
	    f->today, reg_counted(f), tot[LEVEL_CRITICAL], tot[LEVEL_HIGH],
	    tot[LEVEL_MEDIUM], tot[LEVEL_LOW], conf, over, over == 1 ? "" : "s",
	    rev, rev == 1 ? "" : "s", nq, nq == 1 ? "" : "s");
}

void
export_register_items(const struct org_item *v, size_t n,
    int review, const struct org_filter *f, int format,
    struct buf *o)
{
	struct reg_table	 t;
	struct md_row		 r = { .n = 0 };
	const char		*sev;
	char			*risk, *day;
	size_t			 i;

	switch (format) {
	case REGISTER_CSV:
		buf_adds(o, review ? "system,risk,title,severity,owner,"
		    "decided_at,decided_by,justification\r\n" :
		    "system,risk,title,severity,status,owner,mitigation,"
		    "mitigation_owner,due\r\n");
		for (i = 0; i < n; i++) {
			risk = reg_risk(&v[i]);
			csv_field(o, v[i].system, 0);
			csv_field(o, risk, 0);
			csv_field(o, v[i].title, 0);
			csv_field(o, vocab_name(&vocab_severity, v[i].severity),
			    0);
			if (review) {
				csv_field(o, v[i].owner, 0);
				csv_field(o, v[i].decided_at, 0);
				csv_field(o, v[i].decided_by, 0);
				csv_field(o, v[i].justification, 1);
			} else {
				csv_field(o, vocab_name(&vocab_risk_status,
				    v[i].status), 0);
				csv_field(o, v[i].owner, 0);
				csv_field(o, v[i].mitigation, 0);
				csv_field(o, v[i].mitigation_owner, 0);
				csv_field(o, v[i].due, 1);
			}
			free(risk);
		}
		return;
	case REGISTER_MARKDOWN:
		if (review)
			buf_addf(o, "# Accepted risks due for review\n\nOn "
			    "%.10s: %zu accepted risk%s decided %ld days or "
			    "more before, or on no known day.", f->today, n,
			    n == 1 ? "" : "s", f->review_days);
		else
			buf_addf(o, "# Overdue mitigations\n\nOn %.10s: %zu "
			    "mitigation%s past %s due date, not implemented, "
			    "verified or rejected.", f->today, n,
			    n == 1 ? "" : "s", n == 1 ? "its" : "their");
		reg_md_filters(f, o);
		buf_adds(o, "\n\n");
		if (n == 0)
			return;
		buf_adds(o, review ? "| Decided | System | Risk | Severity | "
		    "Owner | Decided by | Justification |\n| --- | --- | --- "
		    "| --- | --- | --- | --- |\n" : "| Due | System | Risk | "
		    "Severity | Status | Risk owner | Mitigation | Owner |\n"
		    "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (i = 0; i < n; i++) {
			risk = reg_risk(&v[i]);
			day = xasprintf("%.10s", review ? (v[i].decided_at !=
			    NULL ? v[i].decided_at : "unknown") : v[i].due);
			md_cell(md_td(&r), day);
			free(day);
			md_id(md_td(&r), v[i].system);
			md_id(md_td(&r), risk);
			buf_adds(md_td(&r), vocab_name(&vocab_severity,
			    v[i].severity));
			if (review) {
				md_cell(md_td(&r), v[i].owner);
				md_cell(md_td(&r), v[i].decided_by);
				md_cell(md_td(&r), v[i].justification);
			} else {
				buf_adds(md_td(&r), vocab_name(
				    &vocab_risk_status, v[i].status));
				md_cell(md_td(&r), v[i].owner);
				md_id(md_td(&r), v[i].mitigation);
				md_cell(md_td(&r), v[i].mitigation_owner);
			}
			md_tr(o, &r);
			free(risk);
		}
		return;
	default:
		break;
	}
	if (n == 0) {
		buf_addf(o, "no %s on %.10s\n", review ? "accepted risks due for "
		    "review" : "overdue mitigations", f->today);
		return;
	}
	reg_table_init(&t, review ? 7 : 8, " kk     ");
	t.whole = format == REGISTER_TEXT_WHOLE;
	reg_row(&t);
	reg_cell(&t, 0, review ? "DECIDED" : "DUE");
	reg_cell(&t, 1, "SYSTEM");
	reg_cell(&t, 2, "RISK");
	reg_cell(&t, 3, "SEVERITY");
	if (review) {
		reg_cell(&t, 4, "OWNER");
		reg_cell(&t, 5, "DECIDED BY");
		reg_cell(&t, 6, "JUSTIFICATION");
	} else {
		reg_cell(&t, 4, "STATUS");
		reg_cell(&t, 5, "RISK OWNER");
		reg_cell(&t, 6, "MITIGATION OWNER");
		reg_cell(&t, 7, "MITIGATION");
	}
	for (i = 0; i < n; i++) {
		reg_row(&t);
		risk = reg_risk(&v[i]);
		sev = vocab_name(&vocab_severity, v[i].severity);
		if (review) {
			day = xasprintf("%.10s", v[i].decided_at != NULL ?
			    v[i].decided_at : "unknown");
			reg_cell(&t, 0, day);
			free(day);
		} else
			reg_cell(&t, 0, v[i].due);
		reg_cell(&t, 1, v[i].system);
		reg_cell(&t, 2, risk);
		reg_cell(&t, 3, sev);
		if (review) {
			reg_cell(&t, 4, v[i].owner);
			reg_cell(&t, 5, v[i].decided_by);
			reg_cell(&t, 6, v[i].justification);
		} else {
			reg_cell(&t, 4, vocab_name(&vocab_risk_status,
			    v[i].status));
			reg_cell(&t, 5, v[i].owner);
			reg_cell(&t, 6, v[i].mitigation_owner);
			reg_cell(&t, 7, v[i].mitigation);
		}
		free(risk);
	}
	reg_table_write(&t, o);
	buf_addf(o, "%zu %s on %.10s\n", n, review ? (n == 1 ?
	    "accepted risk due for review" : "accepted risks due for review") :
	    (n == 1 ? "overdue mitigation" : "overdue mitigations"), f->today);
}

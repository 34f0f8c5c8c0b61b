/*
 * md-text.c: text from a model written into Markdown, shown literally.
 *
 * The report (markdown.c) and the register (register.c) pass
 * markdownlint-cli2 with data/report.markdownlint.jsonc
 * (tests/export-markdownlint.sh runs it). Every string from the model, the
 * register, the history or the catalogue goes through md_text(), which
 * shows it literally:
 *
 *  - control characters, escape sequences, bidirectional overrides and
 *    bytes that are not UTF-8 become visible notation (text_visible());
 *    tabs become spaces, CR LF and lone CRs newlines;
 *  - the characters that can start markup anywhere are backslash-escaped:
 *    \ ` * _ [ ] < > # | ~ $ & @ (so no emphasis, code, link, image,
 *    autolink, raw HTML, entity, heading, table cell, strikethrough, math
 *    or e-mail autolink), and so are ':' before '/' (http://) and the '.'
 *    of "www." (GFM's literal autolinks);
 *  - at the start of a line, '-', '+' and '=' (lists, thematic breaks,
 *    setext headings) and the '.' or ')' of "1." are escaped too, and
 *    leading blanks dropped (no indented code);
 *  - newlines end the line only where the report allows it: a hard break
 *    ("\" at the end of a line) in paragraphs and list items, "<br>" in
 *    table cells, a space in headings; blank lines are dropped, so text
 *    can never end a list, a table or a block.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/export-int.h"
#include "model/model.h"
#include "model/risk.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* Characters escaped wherever they are. */
static const char md_always[] = "\\`*_[]<>#|~$&@";

/* The bytes md_line() may escape: md_always, ':' and '.'. */
static const unsigned char md_special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1,
	['<'] = 1, ['>'] = 1, ['#'] = 1, ['|'] = 1, ['~'] = 1, ['$'] = 1,
	['&'] = 1, ['@'] = 1, [':'] = 1, ['.'] = 1,
};

/* Escape one line of visible text (no newline in it). */
static void
md_line(struct buf *out, const char *s, size_t len, int line_start)
{
	size_t	i, run, stop, digits = 0;

	if (line_start) {
		while (digits < len && s[digits] >= '0' && s[digits] <= '9')
			digits++;
		if (digits == 0 || digits > 9 || digits >= len ||
		    (s[digits] != '.' && s[digits] != ')'))
			digits = (size_t)-1;	/* not an ordered list */
	}
	for (i = 0; i < len; i++) {
		char	c = s[i];

		/* A run that needs no escape, up to a place that may. */
		if (!line_start || (i != 0 && i != digits)) {
			stop = line_start && digits != (size_t)-1 &&
			    digits > i ? digits : len;
			for (run = i; run < stop &&
			    !md_special[(unsigned char)s[run]]; run++)
				;
			if (run > i) {
				buf_add(out, s + i, run - i);
				i = run - 1;
				continue;
			}
		}
		if (strchr(md_always, c) != NULL && c != '\0')
			buf_addc(out, '\\');
		else if (c == ':' && i + 1 < len && s[i + 1] == '/')
			buf_addc(out, '\\');
		else if (c == '.' && i >= 3 &&
		    (s[i - 1] == 'w' || s[i - 1] == 'W') &&
		    (s[i - 2] == 'w' || s[i - 2] == 'W') &&
		    (s[i - 3] == 'w' || s[i - 3] == 'W'))
			buf_addc(out, '\\');
		else if (line_start && i == 0 &&
		    (c == '-' || c == '+' || c == '='))
			buf_addc(out, '\\');
		else if (line_start && i == digits)
			buf_addc(out, '\\');
		buf_addc(out, c);
	}
}

/*
 * Append model text escaped for its place (see the top of this file);
 * indent goes in front of continuation lines of a block, and line_start
 * says whether the text begins a line of the document. Returns the number
 * of bytes appended (0 for empty or blank text).
 */
size_t
md_text(struct buf *out, const char *s, enum md_mode mode, const char *indent,
    int line_start)
{
	struct buf	 norm, vis;
	const char	*p, *e, *nl;
	size_t		 start = out->len, n = 0;

	if (s == NULL)
		return 0;
	buf_init(&norm);
	/* CR and CRLF end lines as LF does. */
	for (p = s; strchr(p, '\r') != NULL; p = e) {
		e = strchr(p, '\r');
		buf_add(&norm, p, (size_t)(e - p));
		buf_addc(&norm, '\n');
		e += e[1] == '\n' ? 2 : 1;
	}
	buf_adds(&norm, p);
	buf_init(&vis);
	text_visible(&vis, norm.s, 1);
	buf_release(&norm);
	for (p = vis.s; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		e = nl;
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		if (e == p)
			continue;
		if (n++ > 0) {
			switch (mode) {
			case MD_INLINE:
				buf_addc(out, ' ');
				break;
			case MD_CELL:
				buf_adds(out, "<br>");
				break;
			case MD_BLOCK:
				buf_adds(out, "\\\n");
				buf_adds(out, indent != NULL ? indent : "");
				break;
			}
		}
		md_line(out, p, (size_t)(e - p), mode == MD_BLOCK &&
		    (n > 1 || line_start));
	}
	buf_release(&vis);
	return out->len - start;
}

/* Text on one line, or a placeholder when it is empty. */
void
md_inline(struct buf *out, const char *s)
{
	if (md_text(out, s, MD_INLINE, NULL, 0) == 0)
		buf_adds(out, "*(blank)*");
}

/* A table cell's content (without the pipes). */
void
md_cell(struct buf *out, const char *s)
{
	md_text(out, s, MD_CELL, NULL, 0);
}

/* The next cell of a row, to append its (escaped) content to. */
struct buf *
md_td(struct md_row *r)
{
	if (r->n == MD_MAXCOLS)
		fatal("md_td: too many columns");
	buf_init(&r->cell[r->n]);
	return &r->cell[r->n++];
}

/* Write a row and start a new one. */
void
md_tr(struct buf *o, struct md_row *r)
{
	size_t	i;

	buf_addc(o, '|');
	for (i = 0; i < r->n; i++) {
		if (r->cell[i].len > 0)
			buf_addf(o, " %s |", r->cell[i].s);
		else
			buf_adds(o, " |");
		buf_release(&r->cell[i]);
	}
	buf_addc(o, '\n');
	r->n = 0;
	buf_drain(o);
}

/*
 * An identifier or a risk name (THREAT@TARGET) as code, or as escaped text
 * if it is neither: only [a-z0-9._@-] ever goes into a code span.
 */
void
md_id(struct buf *out, const char *id)
{
	char	*threat, *target;
	int	 ok = id_valid(id);

	if (!ok && id != NULL && risk_parse_name(id, &threat, &target) == 0) {
		ok = id_valid(threat) && id_valid(target);
		free(threat);
		free(target);
	}
	if (ok)
		buf_addf(out, "`%s`", id);
	else
		md_inline(out, id);
}

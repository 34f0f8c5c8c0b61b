/*
 * csv.c: the risk register as CSV, one risk per row.
 *
 * RFC 4180: a header row, records ending in CRLF, every field that holds a
 * comma, a semicolon, a double quote or a line break is quoted and its
 * quotes doubled. Text is UTF-8 (no byte order mark) with three changes,
 * so that the file is safe to print and to open in a spreadsheet:
 *
 * - Control characters other than LF (C0 with TAB and CR, DEL, C1, the
 *   bidirectional controls) and bytes that are not UTF-8 are written as
 *   \xHH, one per byte, and a backslash as \\, as in the XML export: a
 *   terminal never receives an escape sequence from a name or a note.
 * - Spreadsheets run a cell that starts with = + - @ as a formula, which
 *   an attacker who can write a name or a note could use to run commands
 *   or leak data ("formula injection"). A field that starts with one of
 *   them, or with an apostrophe, gets an apostrophe in front, and so does
 *   every = + - @ or apostrophe that follows a comma or a semicolon inside
 *   a field, for a spreadsheet that splits cells there.
 *
 * A program reading the file gets the exact text back by dropping one
 * leading apostrophe from every field and the apostrophe after each comma
 * or semicolon that is followed by = + - @ or an apostrophe, then decoding
 * \xHH and \\.
 *
 * Columns: id, threat, target, applies, title, severity, likelihood,
 * impact, status, owner, justification, decided_by, decided_at, refs
 * ("scheme id" separated by "; "), mitigations (one per line: "id: status",
 * then owner and due when set), reasons (one per line), mitigation_notes
 * (one line per mitigation with notes: "id: notes", the notes' own line
 * breaks kept; last, so that a sheet that reads the columns before it by
 * position reads them still). Every risk of the register is a row, those
 * that no longer apply with applies "no".
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

static const char *const csv_columns[] = {
	"id", "threat", "target", "applies", "title", "severity",
	"likelihood", "impact", "status", "owner", "justification",
	"decided_by", "decided_at", "refs", "mitigations", "reasons",
	"mitigation_notes",
};
#define CSV_NCOLUMNS	(sizeof csv_columns / sizeof *csv_columns)

/* 1 if a spreadsheet could take what starts here as a formula. */
static int
csv_formula_char(char c)
{
	return c != '\0' && strchr("=+-@", c) != NULL;
}

/* 1 if byte c is printable ASCII that csv_field() copies as it is. */
static int
csv_plain(char c)
{
	return c >= 0x20 && c < 0x7f && c != '\\' && c != ',' && c != ';';
}

/* Append one field, escaped, defused and quoted as the header says. */
void
csv_field(struct buf *out, const char *s, int last)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 t;
	const char		*q;
	size_t			 len, i, j, n;
	uint32_t		 c;

	if (s == NULL)
		s = "";
	len = strlen(s);
	buf_init(&t);
	for (i = 0; i < len; i += n) {
		/*
		 * Runs of plain text are copied whole: the export of a large
		 * register spent most of its time here a byte at a time.
		 */
		for (j = i; j < len && csv_plain(s[j]); j++)
			;
		if (j > i) {
			buf_add(&t, s + i, j - i);
			n = j - i;
			continue;
		}
		n = utf8_decode(s + i, len - i, &c);
		if (n == 0 || (c != '\n' && text_is_control(c))) {
			/* Never raw: each byte as \xHH. */
			if (n == 0)
				n = 1;
			for (j = 0; j < n; j++) {
				c = (unsigned char)s[i + j];
				buf_adds(&t, "\\x");
				buf_addc(&t, hex[c >> 4]);
				buf_addc(&t, hex[c & 0xf]);
			}
		} else if (c == '\\')
			buf_adds(&t, "\\\\");
		else {
			buf_add(&t, s + i, n);
			/* A spreadsheet that splits here must not see a formula. */
			if ((c == ',' || c == ';') && i + 1 < len &&
			    (csv_formula_char(s[i + 1]) || s[i + 1] == '\''))
				buf_addc(&t, '\'');
		}
	}
	if (strpbrk(t.s, ",;\"\r\n") != NULL) {
		buf_addc(out, '"');
		if (csv_formula_char(t.s[0]) || t.s[0] == '\'')
			buf_addc(out, '\'');
		/* Each double quote doubled. */
		for (i = 0; i <= t.len; i = j + 1) {
			q = memchr(t.s + i, '"', t.len - i);
			j = q != NULL ? (size_t)(q - t.s) : t.len;
			buf_add(out, t.s + i, j - i);
			if (q != NULL)
				buf_add(out, "\"\"", 2);
		}
		buf_addc(out, '"');
	} else {
		if (csv_formula_char(t.s[0]) || t.s[0] == '\'')
			buf_addc(out, '\'');
		buf_add(out, t.s, t.len);
	}
	buf_adds(out, last ? "\r\n" : ",");
	buf_release(&t);
}

/* One reference of a risk's threat: "guideline 1.3; atlas AML.T0051". */
static void
csv_ref(void *arg, const char *scheme, const char *id)
{
	struct buf	*b = arg;

	if (b->len > 0)
		buf_adds(b, "; ");
	buf_addf(b, "%s %s", scheme, id);
}

static void
csv_mitigations(struct buf *b, const struct risk *k)
{
	const struct risk_mitigation	*m;
	const char			*st;
	size_t				 i;

	for (i = 0; i < k->nmitigations; i++) {
		m = &k->mitigations[i];
		st = vocab_name(&vocab_mitigation_status, m->status);
		if (i > 0)
			buf_addc(b, '\n');
		buf_addf(b, "%s: %s", m->id, st != NULL ? st : "?");
		if (m->owner != NULL)
			buf_addf(b, ", owner %s", m->owner);
		if (m->due != NULL)
			buf_addf(b, ", due %s", m->due);
	}
}

/* The notes of a risk's mitigations, where the evidence usually is. */
static void
csv_mitigation_notes(struct buf *b, const struct risk *k)
{
	const struct risk_mitigation	*m;
	size_t				 i;

	for (i = 0; i < k->nmitigations; i++) {
		m = &k->mitigations[i];
		if (m->notes == NULL || m->notes[0] == '\0')
			continue;
		if (b->len > 0)
			buf_addc(b, '\n');
		buf_addf(b, "%s: %s", m->id, m->notes);
	}
}

static void
csv_risk(struct buf *out, const struct export_input *in, const struct risk *k)
{
	const char	*s;
	struct buf	 b;
	char		*name = risk_name(k), num[16];
	size_t		 i;

	csv_field(out, name, 0);
	free(name);
	csv_field(out, k->threat, 0);
	csv_field(out, k->target, 0);
	csv_field(out, k->applies ? "yes" : "no", 0);
	csv_field(out, export_risk_title(in, k), 0);
	s = vocab_name(&vocab_severity, k->severity);
	csv_field(out, s, 0);
	snprintf(num, sizeof num, "%d", k->likelihood);
	csv_field(out, num, 0);
	snprintf(num, sizeof num, "%d", k->impact);
	csv_field(out, num, 0);
	csv_field(out, vocab_name(&vocab_risk_status, k->status), 0);
	csv_field(out, k->owner, 0);
	csv_field(out, k->justification, 0);
	csv_field(out, k->decided_by, 0);
	csv_field(out, k->decided_at, 0);
	buf_init(&b);
	export_risk_refs(in, k, csv_ref, &b);
	csv_field(out, b.s, 0);
	buf_reset(&b);
	csv_mitigations(&b, k);
	csv_field(out, b.s, 0);
	buf_reset(&b);
	for (i = 0; i < k->nreasons; i++) {
		if (i > 0)
			buf_addc(&b, '\n');
		buf_adds(&b, k->reasons[i].line);
	}
	csv_field(out, b.s, 0);
	buf_reset(&b);
	csv_mitigation_notes(&b, k);
	csv_field(out, b.s, 1);
	buf_release(&b);
}

int
export_csv(const struct export_input *in, struct buf *out, struct error *err)
{
	const struct risk	 *k;
	struct risk		**risks;
	size_t			  i, n;

	for (i = 0; i < CSV_NCOLUMNS; i++)
		csv_field(out, csv_columns[i], i + 1 == CSV_NCOLUMNS);
	if (in->next_risk != NULL) {
		/* Streamed from the store: one risk held at a time. */
		error_clear(err);
		while ((k = in->next_risk(in->risk_source, err)) != NULL) {
			csv_risk(out, in, k);
			buf_drain(out);
		}
		return error_isset(err) ? -1 : 0;
	}
	risks = export_sorted_risks(in, &n);
	for (i = 0; i < n; i++) {
		csv_risk(out, in, risks[i]);
		buf_drain(out);
	}
	free(risks);
	return 0;
}

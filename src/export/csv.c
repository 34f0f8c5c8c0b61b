/*
 * csv.c: the risk register as CSV, one risk per row.
 *
 * RFC 4180: a header row, records ending in CRLF, every field that holds a
 * comma, a double quote, CR or LF is quoted and its quotes doubled. Text
 * is written byte for byte (UTF-8, no byte order mark), so a parser gets
 * back exactly what the register holds, with one exception:
 *
 * Spreadsheets run a cell that starts with = + - @ as a formula (and some
 * also after a leading TAB or CR), which an attacker who can write a name
 * or a note could use to run commands or leak data ("formula injection").
 * A field that starts with one of = + - @ TAB CR, or with an apostrophe,
 * is therefore written with an apostrophe in front. Spreadsheets show such
 * a cell as text without the apostrophe; a program reading the file drops
 * one leading apostrophe from every field to get the exact text back.
 *
 * Columns: id, threat, target, applies, title, severity, likelihood,
 * impact, status, owner, justification, decided_by, decided_at, refs
 * ("scheme id" separated by "; "), mitigations (one per line: "id: status",
 * then owner and due when set), reasons (one per line). Every risk of the
 * register is a row, those that no longer apply with applies "no".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const char *const csv_columns[] = {
	"id", "threat", "target", "applies", "title", "severity",
	"likelihood", "impact", "status", "owner", "justification",
	"decided_by", "decided_at", "refs", "mitigations", "reasons",
};
#define CSV_NCOLUMNS	(sizeof csv_columns / sizeof *csv_columns)

/* Append one field, defused and quoted as the header comment says. */
static void
csv_field(struct buf *out, const char *s, int last)
{
	const char	*p;
	int		 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_addc(out, '"');
	if (s[0] != '\0' && strchr("=+-@\t\r'", s[0]) != NULL)
		buf_addc(out, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(out, '"');
		buf_addc(out, *p);
	}
	if (quote)
		buf_addc(out, '"');
	buf_adds(out, last ? "\r\n" : ",");
}

/* References of a risk's threat: "guideline 1.3; atlas AML.T0051". */
static void
csv_refs(struct buf *b, const struct threat *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->refs.n; i++) {
		if (b->len > 0)
			buf_adds(b, "; ");
		buf_addf(b, "%s %s", ref_scheme_name(t->refs.v[i].scheme),
		    t->refs.v[i].id);
	}
	for (i = 0; i < vocab_stride.n; i++) {
		if ((t->stride & (1u << i)) == 0)
			continue;
		if (b->len > 0)
			buf_adds(b, "; ");
		buf_addf(b, "stride %s", vocab_stride.words[i].name);
	}
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
	csv_refs(&b, export_threat(in, k));
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
	csv_field(out, b.s, 1);
	buf_release(&b);
}

int
export_csv(const struct export_input *in, struct buf *out, struct error *err)
{
	struct risk	**risks;
	size_t		  i, n;

	(void)err;
	for (i = 0; i < CSV_NCOLUMNS; i++)
		csv_field(out, csv_columns[i], i + 1 == CSV_NCOLUMNS);
	risks = export_sorted_risks(in, &n);
	for (i = 0; i < n; i++) {
		csv_risk(out, in, risks[i]);
		buf_drain(out);
	}
	free(risks);
	return 0;
}

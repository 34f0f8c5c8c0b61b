/*
 * xml-write.c: the XML export, format 1 (data/parapet.xsd).
 *
 * Written straight into the export's buffer, which drains into the file
 * after every element, so that a register of any size is written in
 * constant memory when its input streams (export_input.next_object and
 * the rest: the CLI reads the model, register and history from a store
 * stream). The layout and escaping are libxml2 xmlTextWriter's, which
 * this writer replaced for speed (same bytes): elements indented by two
 * spaces, markup, quotes and CR escaped in text, also TAB and LF in
 * attributes. What XML 1.0 cannot carry at all (control characters,
 * bytes that are not UTF-8) goes through xml_text_escape(), and the
 * element is marked encoding="escaped". Attributes carry only
 * identifiers, vocabulary words, numbers and timestamps, each checked
 * against its XSD type here, so that what is written always validates.
 *
 * Model objects are written from the field tables: every field that is
 * not free text becomes an attribute named after the field, every free
 * text field a child element, so a field added to the model reaches the
 * export (and the schema test fails until the XSD knows it).
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

const struct xml_text xml_risk_texts[] = {
	{ "owner", offsetof(struct risk, owner) },
	{ "justification", offsetof(struct risk, justification) },
	{ "decided-by", offsetof(struct risk, decided_by) },
	{ NULL, 0 }
};
const struct xml_text xml_mitigation_texts[] = {
	{ "owner", offsetof(struct risk_mitigation, owner) },
	{ "notes", offsetof(struct risk_mitigation, notes) },
	{ NULL, 0 }
};
const struct xml_text xml_practice_texts[] = {
	{ "note", offsetof(struct practice, note) },
	{ NULL, 0 }
};
const struct xml_text xml_change_texts[] = {
	{ "who", offsetof(struct change, who) },
	{ "object", offsetof(struct change, object) },
	{ "field", offsetof(struct change, field) },
	{ "old", offsetof(struct change, old_value) },
	{ "new", offsetof(struct change, new_value) },
	{ "source", offsetof(struct change, source) },
	{ NULL, 0 }
};

/* The deepest the document goes: threat-model, risks, risk, mitigation,
 * title. */
#define XW_DEPTH	8

struct xw {
	struct buf	*out;
	struct error	*err;
	int		 failed;	/* an error is set */
	const char	*open[XW_DEPTH];	/* the elements open */
	int		 depth;
	int		 in_tag;	/* the start tag of the innermost
					   is not closed yet */
	int		 indent;	/* its end tag goes on a line of its
					   own (it holds elements) */
	const char	*ns;		/* the namespace the root declares
					   when its start tag closes */
};

/*
 * What each byte of text becomes: 0 itself, else the index of its
 * reference in xw_entity. Text escapes the markup characters, the
 * quote and CR (as libxml2's xmlEncodeSpecialChars() did); attributes
 * also TAB and LF, so that a parser reads them back as they were.
 */
static const char *const xw_entity[] = {
	NULL, "&lt;", "&gt;", "&amp;", "&quot;", "&#13;", "&#9;", "&#10;"
};
static unsigned char	 xw_in_text[256], xw_in_attr[256];
/* In xw_in_text: a byte that xml_text_escape() must look at. */
#define XW_CHECK	8

static void
xw_tables(void)
{
	int	c;

	if (xw_in_text['<'] != 0)
		return;
	for (c = 0; c < 256; c++)
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c >= 0x7f)
			xw_in_text[c] = XW_CHECK;
	xw_in_text['<'] = xw_in_attr['<'] = 1;
	xw_in_text['>'] = xw_in_attr['>'] = 2;
	xw_in_text['&'] = xw_in_attr['&'] = 3;
	xw_in_text['"'] = xw_in_attr['"'] = 4;
	xw_in_text['\r'] = xw_in_attr['\r'] = 5;
	xw_in_attr['\t'] = 6;
	xw_in_attr['\n'] = 7;
}

/* Append s with the references of table t; runs of plain bytes at once. */
static void
xw_escape(struct buf *b, const char *s, const unsigned char *t)
{
	const unsigned char	*p = (const unsigned char *)s, *run = p;

	for (; *p != '\0'; p++) {
		if (t[*p] == 0 || t[*p] == XW_CHECK)
			continue;	/* checked by xml_text_escape() */
		buf_add(b, run, (size_t)(p - run));
		buf_adds(b, xw_entity[t[*p]]);
		run = p + 1;
	}
	buf_add(b, run, (size_t)(p - run));
}

/* 1 if code point c may appear in an XML 1.0 document. */
static int
xw_char_ok(unsigned long c)
{
	return c == 0x9 || c == 0xa || c == 0xd ||
	    (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * An attribute value: attributes carry identifiers, words and numbers
 * (checked as the XSD types them), so this is a guard, not a format: a
 * character beyond ASCII becomes a character reference (a byte that is
 * not UTF-8, its own), as libxml2 wrote attributes outside a document.
 */
static void
xw_escape_attr(struct buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run = p;
	unsigned long		 c;
	int			 n;

	while (*p != '\0') {
		if ((*p < 0x80 || p[1] == '\0') && xw_in_attr[*p] == 0) {
			p++;
			continue;
		}
		buf_add(b, run, (size_t)(p - run));
		if (*p < 0x80 || p[1] == '\0') {
			buf_adds(b, xw_entity[xw_in_attr[*p]]);
			run = ++p;
			continue;
		}
		n = 1;
		c = *p;
		if (*p >= 0xc0 && *p < 0xe0) {
			c = (p[0] & 0x1ful) << 6 | (p[1] & 0x3ful);
			n = 2;
		} else if (*p >= 0xe0 && *p < 0xf0 && p[2] != '\0') {
			c = (p[0] & 0x0ful) << 12 | (p[1] & 0x3ful) << 6 |
			    (p[2] & 0x3ful);
			n = 3;
		} else if (*p >= 0xf0 && *p < 0xf8 && p[2] != '\0' &&
		    p[3] != '\0') {
			c = (p[0] & 0x07ul) << 18 | (p[1] & 0x3ful) << 12 |
			    (p[2] & 0x3ful) << 6 | (p[3] & 0x3ful);
			n = 4;
		}
		if (n == 1 || !xw_char_ok(c)) {
			c = *p;
			n = 1;
		}
		buf_addf(b, "&#x%lX;", c);
		p += n;
		run = p;
	}
	buf_add(b, run, (size_t)(p - run));
}

/* Fail with a message about a value that its XSD type would refuse. */
static void
xw_bad(struct xw *x, const char *what, const char *value)
{
	struct buf	b;

	if (x->failed)
		return;
	buf_init(&b);
	text_visible(&b, value, 0);
	error_set(x->err, "cannot export %s '%s'", what, b.s);
	buf_release(&b);
	x->failed = 1;
}

/*
 * After a source of the input (next_object and the rest) said it has no
 * more: fail if it stopped on an error (err is set).
 */
static void
xw_next_failed(struct xw *x)
{
	if (!x->failed && error_isset(x->err))
		x->failed = 1;
}

/* Two spaces for each element open around the innermost. */
static void
xw_indent(struct xw *x)
{
	int	i;

	for (i = 1; i < x->depth; i++)
		buf_add(x->out, "  ", 2);
}

/* The root's namespace, declared after its attributes. */
static void
xw_ns(struct xw *x)
{
	if (x->ns == NULL)
		return;
	buf_adds(x->out, " xmlns=\"");
	xw_escape_attr(x->out, x->ns);
	buf_addc(x->out, '"');
	x->ns = NULL;
}

/* Close the innermost start tag: what follows is its content. */
static void
xw_close_tag(struct xw *x)
{
	if (!x->in_tag)
		return;
	xw_ns(x);
	buf_addc(x->out, '>');
	x->in_tag = 0;
}

/*
 * An element begins on a line of its own, indented by its depth; one that
 * holds elements ends on a line of its own, one that holds text on the
 * text's line, one that holds nothing as <name .../>.
 */
static void
xw_start(struct xw *x, const char *name)
{
	if (x->failed)
		return;
	if (x->depth == XW_DEPTH) {
		error_set(x->err, "cannot write the XML document: "
		    "elements nested too deep");
		x->failed = 1;
		return;
	}
	if (x->in_tag) {
		xw_close_tag(x);
		buf_addc(x->out, '\n');
	}
	x->open[x->depth++] = name;
	xw_indent(x);
	buf_addc(x->out, '<');
	buf_adds(x->out, name);
	x->in_tag = 1;
}

static void
xw_end(struct xw *x)
{
	if (x->failed || x->depth == 0)
		return;
	if (x->in_tag) {
		xw_ns(x);
		buf_add(x->out, "/>", 2);
		x->in_tag = 0;
	} else {
		if (x->indent)
			xw_indent(x);
		buf_adds(x->out, "</");
		buf_adds(x->out, x->open[x->depth - 1]);
		buf_addc(x->out, '>');
	}
	x->indent = 1;
	buf_addc(x->out, '\n');
	x->depth--;
	buf_drain(x->out);	/* into the file, when the buffer has a sink */
}

static void
xw_attr(struct xw *x, const char *name, const char *value)
{
	if (x->failed)
		return;
	if (!x->in_tag) {
		error_set(x->err, "cannot write the XML document: "
		    "an attribute after content");
		x->failed = 1;
		return;
	}
	buf_addc(x->out, ' ');
	buf_adds(x->out, name);
	buf_add(x->out, "=\"", 2);
	xw_escape_attr(x->out, value);
	buf_addc(x->out, '"');
}

/* Text content of the innermost element (escaped for XML already). */
static void
xw_string(struct xw *x, const char *value)
{
	if (x->failed)
		return;
	xw_close_tag(x);
	x->indent = 0;
	xw_escape(x->out, value, xw_in_text);
}

static void
xw_attrf(struct xw *x, const char *name, long value)
{
	char	s[24];

	snprintf(s, sizeof s, "%ld", value);
	xw_attr(x, name, s);
}

/* An identifier attribute; the writer refuses what the XSD would. */
static void
xw_attr_id(struct xw *x, const char *name, const char *value)
{
	if (!id_valid(value))
		xw_bad(x, "an invalid identifier", value);
	xw_attr(x, name, value);
}

/* 1 if s is n decimal digits. */
static int
xml_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* 1 if s is YYYY-MM-DD. */
static int
xml_date_ok(const char *s)
{
	return strlen(s) == 10 && xml_digits(s, 4) && s[4] == '-' &&
	    xml_digits(s + 5, 2) && s[7] == '-' && xml_digits(s + 8, 2);
}

/* 1 if s matches the XSD type timestamp: a date, or ISO 8601 date-time. */
static int
xml_timestamp_ok(const char *s)
{
	const char	*p;

	if (strlen(s) < 10 || !xml_digits(s, 4) || s[4] != '-' ||
	    !xml_digits(s + 5, 2) || s[7] != '-' || !xml_digits(s + 8, 2))
		return 0;
	p = s + 10;
	if (*p == '\0')
		return 1;
	if (*p++ != 'T' || !xml_digits(p, 2) || p[2] != ':' ||
	    !xml_digits(p + 3, 2))
		return 0;
	p += 5;
	if (*p == ':') {
		if (!xml_digits(p + 1, 2))
			return 0;
		p += 3;
		if (*p == '.') {
			if (!xml_digits(++p, 1))
				return 0;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		if (!xml_digits(p + 1, 2))
			return 0;
		p += 3;
		if (*p == ':')
			p++;
		return xml_digits(p, 2) && p[2] == '\0';
	}
	return *p == '\0';
}

/* 1 if s matches the XSD type ref-id. */
static int
xml_ref_id_ok(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 64)
			return 0;
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (i == 0 || (s[i] != '.' && s[i] != '_' && s[i] != '-'))
			return 0;
	}
	return i > 0;
}

static void
xw_attr_time(struct xw *x, const char *name, const char *value)
{
	if (!xml_timestamp_ok(value))
		xw_bad(x, "an invalid time", value);
	xw_attr(x, name, value);
}

/*
 * The content of the innermost element when it is ASCII text that XML
 * carries as it is (most text is), in one pass: 1 if written, else 0 and
 * nothing written (the caller checks the text, xml_text_escape()).
 */
static int
xw_plain_text(struct xw *x, const char *value)
{
	const unsigned char	*p = (const unsigned char *)value, *run;
	struct buf		*b = x->out;
	size_t			 mark;

	if (x->failed || !x->in_tag || x->ns != NULL)
		return 0;
	mark = b->len;
	buf_addc(b, '>');
	for (run = p; *p != '\0'; p++) {
		if (xw_in_text[*p] == 0)
			continue;
		if (xw_in_text[*p] == XW_CHECK) {
			buf_truncate(b, mark);
			return 0;
		}
		buf_add(b, run, (size_t)(p - run));
		buf_adds(b, xw_entity[xw_in_text[*p]]);
		run = p + 1;
	}
	buf_add(b, run, (size_t)(p - run));
	x->in_tag = 0;
	x->indent = 0;
	return 1;
}

/*
 * A text element, escaped when XML cannot carry the text as it is, with
 * one more attribute if attr is not NULL.
 */
static void
xw_text_attr(struct xw *x, const char *name, const char *attr,
    const char *attrval, const char *value)
{
	struct buf	b;

	if (value == NULL || x->failed)
		return;
	xw_start(x, name);
	if (attr != NULL)
		xw_attr(x, attr, attrval);
	if (xw_plain_text(x, value)) {
		xw_end(x);
		return;
	}
	buf_init(&b);
	if (xml_text_escape(value, strlen(value), &b)) {
		xw_attr(x, "encoding", "escaped");
		value = b.s;
	}
	xw_string(x, value);
	xw_end(x);
	buf_release(&b);
}

static void
xw_text(struct xw *x, const char *name, const char *value)
{
	xw_text_attr(x, name, NULL, NULL, value);
}

/* The words of a set field, separated by spaces (an XSD list). */
static void
xw_attr_set(struct xw *x, const struct field *f, unsigned bits)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < f->vocab->n; i++) {
		if ((bits & (1u << i)) == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ' ');
		buf_adds(&b, f->vocab->words[i].name);
	}
	xw_attr(x, f->name, b.s);
	buf_release(&b);
}

/*
 * One model object from its field table: the other fields as attributes
 * (those set, and for components those that apply to its kind), then the
 * free text fields as elements, in table order.
 */
static void
xw_object(struct xw *x, const char *elem, const void *obj, enum objtype t,
    int kind)
{
	const struct field	*fields, *f;
	const char		*s;
	char			*v;
	size_t			 i, n;

	fields = model_fields(t, &n);
	xw_start(x, elem);
	for (i = 0; i < n; i++) {
		f = &fields[i];
		if (f->type == FIELD_TEXT || !field_applies(f, kind) ||
		    !field_isset(obj, f))
			continue;
		switch (f->type) {
		case FIELD_ID:
		case FIELD_REF:
			s = *(char *const *)(const void *)
			    ((const char *)obj + f->offset);
			xw_attr_id(x, f->name, s);
			break;
		case FIELD_SET:
			xw_attr_set(x, f, *(const unsigned *)(const void *)
			    ((const char *)obj + f->offset));
			break;
		default:
			v = field_get(obj, f);
			xw_attr(x, f->name, v);
			free(v);
			break;
		}
	}
	for (i = 0; i < n; i++) {
		f = &fields[i];
		if (f->type != FIELD_TEXT || !field_applies(f, kind))
			continue;
		xw_text(x, f->name, *(char *const *)(const void *)
		    ((const char *)obj + f->offset));
	}
	xw_end(x);
}

/* A reference of the threat (the catalogue checks their ids). */
static void
xw_ref(void *arg, const char *scheme, const char *id)
{
	struct xw	*x = arg;

	if (!xml_ref_id_ok(id))
		return;
	xw_start(x, "ref");
	xw_attr(x, "scheme", scheme);
	xw_attr(x, "id", id);
	xw_end(x);
}

/* The free-text elements of an object, in the order of its table. */
static void
xw_texts(struct xw *x, const void *obj, const struct xml_text *t)
{
	for (; t->name != NULL; t++)
		xw_text(x, t->name, *(char *const *)(const void *)
		    ((const char *)obj + t->off));
}

static void
xw_mitigation(struct xw *x, const struct export_input *in,
    const struct risk_mitigation *m)
{
	xw_start(x, "mitigation");
	xw_attr_id(x, "id", m->id);
	xw_attr(x, "status", vocab_name(&vocab_mitigation_status, m->status) ?
	    vocab_name(&vocab_mitigation_status, m->status) : "proposed");
	if (m->due != NULL) {
		if (!xml_date_ok(m->due))
			xw_bad(x, "an invalid due date", m->due);
		xw_attr(x, "due", m->due);
	}
	xw_text(x, "title", export_mitigation_title(in, m->id));
	xw_texts(x, m, xml_mitigation_texts);
	xw_end(x);
}

/* A word of a vocabulary, or fail on an index out of range. */
static const char *
xw_word(struct xw *x, const struct vocab *v, int i)
{
	const char	*s = vocab_name(v, i);

	if (s == NULL) {
		xw_bad(x, v->name, "(out of range)");
		return v->words[0].name;
	}
	return s;
}

static void
xw_risk(struct xw *x, const struct export_input *in, const struct risk *k)
{
	char	*name = risk_name(k);
	size_t	 i;

	xw_start(x, "risk");
	if (!id_valid(k->threat) || !id_valid(k->target))
		xw_bad(x, "a risk with an invalid name", name);
	xw_attr(x, "id", name);
	xw_attr(x, "threat", k->threat);
	xw_attr(x, "target", k->target);
	if (k->likelihood < 1 || k->likelihood > 5 || k->impact < 1 ||
	    k->impact > 5)
		xw_bad(x, "a risk with a score out of range", name);
	xw_attrf(x, "likelihood", k->likelihood);
	xw_attrf(x, "impact", k->impact);
	xw_attr(x, "severity", xw_word(x, &vocab_severity, k->severity));
	xw_attr(x, "status", xw_word(x, &vocab_risk_status, k->status));
	xw_attr(x, "applies", k->applies ? "true" : "false");
	if (k->decided_at != NULL)
		xw_attr_time(x, "decided-at", k->decided_at);
	xw_text(x, "title", export_risk_title(in, k));
	export_risk_refs(in, k, xw_ref, x);
	for (i = 0; i < k->nreasons; i++)
		xw_text_attr(x, "reason", "kind",
		    reason_kind_name(k->reasons[i].kind), k->reasons[i].line);
	xw_texts(x, k, xml_risk_texts);
	for (i = 0; i < k->nmitigations; i++)
		xw_mitigation(x, in, &k->mitigations[i]);
	xw_end(x);
	free(name);
}

static void
xw_change(struct xw *x, const struct change *c)
{
	xw_start(x, "change");
	xw_attrf(x, "seq", c->seq);
	if (c->at != NULL)
		xw_attr_time(x, "at", c->at);
	if (c->system != NULL)
		xw_attr_id(x, "system", c->system);
	xw_texts(x, c, xml_change_texts);
	xw_end(x);
}

static void
xw_document(struct xw *x, const struct export_input *in)
{
	const struct model	*m = in->model;
	const struct component	*c;
	const struct flow	*f;
	const struct risk	*k;
	const struct change	*ch;
	struct risk		**risks;
	size_t			  i, n;

	buf_adds(x->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	xw_start(x, "threat-model");
	x->ns = XML_NS;
	xw_attr(x, "format", "1");
	if (m->revision >= 0)
		xw_attrf(x, "revision", m->revision);
	if (in->generated_at != NULL)
		xw_attr_time(x, "generated-at", in->generated_at);
	if (in->cat != NULL)
		xw_text(x, "catalogue-version", in->cat->version);

	xw_object(x, "system", &m->system, OBJ_SYSTEM, -1);
	xw_start(x, "boundaries");
	for (i = 0; i < m->nboundaries; i++)
		xw_object(x, "boundary", m->boundaries[i], OBJ_BOUNDARY, -1);
	xw_end(x);
	xw_start(x, "components");
	if (in->next_object != NULL) {
		while (!x->failed && (c = in->next_object(in->risk_source,
		    OBJ_COMPONENT, x->err)) != NULL)
			xw_object(x, "component", c, OBJ_COMPONENT, c->kind);
		xw_next_failed(x);
	}
	for (i = 0; i < m->ncomponents; i++)
		xw_object(x, "component", m->components[i], OBJ_COMPONENT,
		    m->components[i]->kind);
	xw_end(x);
	xw_start(x, "flows");
	if (in->next_object != NULL) {
		while (!x->failed && (f = in->next_object(in->risk_source,
		    OBJ_FLOW, x->err)) != NULL)
			xw_object(x, "flow", f, OBJ_FLOW, -1);
		xw_next_failed(x);
	}
	for (i = 0; i < m->nflows; i++)
		xw_object(x, "flow", m->flows[i], OBJ_FLOW, -1);
	xw_end(x);

	xw_start(x, "practices");
	for (i = 0; i < m->npractices; i++) {
		xw_start(x, "practice");
		xw_attr_id(x, "id", m->practices[i]->id);
		xw_attr(x, "answer", xw_word(x, &vocab_answer,
		    (int)m->practices[i]->answer));
		xw_texts(x, m->practices[i], xml_practice_texts);
		xw_end(x);
	}
	xw_end(x);

	xw_start(x, "risks");
	if (in->next_risk != NULL) {
		while (!x->failed && (k = in->next_risk(in->risk_source,
		    x->err)) != NULL)
			xw_risk(x, in, k);
		xw_next_failed(x);
	} else {
		risks = export_sorted_risks(in, &n);
		for (i = 0; i < n; i++)
			xw_risk(x, in, risks[i]);
		free(risks);
	}
	xw_end(x);

	xw_start(x, "history");
	if (in->next_change != NULL) {
		while (!x->failed && (ch = in->next_change(in->risk_source,
		    x->err)) != NULL)
			xw_change(x, ch);
		xw_next_failed(x);
	}
	for (i = 0; i < in->nhistory; i++)
		xw_change(x, &in->history[i]);
	xw_end(x);

	xw_end(x);
}

int
export_xml(const struct export_input *in, struct buf *out, struct error *err)
{
	struct xw	x;
	size_t		start = out->len;

	xw_tables();
	memset(&x, 0, sizeof x);
	x.out = out;
	x.err = err;
	x.indent = 1;
	error_clear(err);
	xw_document(&x, in);
	if (x.failed && out->len >= start)
		buf_truncate(out, start);
	return x.failed ? -1 : 0;
}

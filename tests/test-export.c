/*
 * test-export.c: the export formats on a hostile model and the starter
 * models: the XML validates against data/parapet.xsd and reads back to the
 * same strings, the CSV parses back to the same fields, the DOT and the
 * Markdown show every text literally and cannot be broken by it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "catalogue/catalogue.h"
#include "export-fixture.h"
#include "export/export-int.h"
#include "export/export.h"
#include "export/json-write.h"
#include "export/xml-read.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "testlib.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#define X(s)	((const xmlChar *)(s))

/* Render a fixture in a format; fails the test on an error. */
static void
render(const struct fixture *fx, const char *format, struct buf *out)
{
	const struct exporter	*x = export_find(format);
	struct error		 e;

	assert_non_null(x);
	buf_init(out);
	error_clear(&e);
	if (x->write(&fx->in, out, &e) == -1)
		fail_msg("export %s: %s", format, e.msg);
}

static int
setup_hostile(void **state)
{
	struct fixture	*fx = xcalloc(1, sizeof *fx);
	struct error	 e;

	error_clear(&e);
	if (fixture_hostile(fx, &e) == -1) {
		struct buf	m;

		buf_init(&m);
		error_format(&e, &m);
		print_error("hostile fixture: %s\n", m.s);
		buf_release(&m);
		fixture_release(fx);
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
teardown_fixture(void **state)
{
	fixture_release(*state);
	free(*state);
	return 0;
}

static void
test_table_lists_every_format(void **state)
{
	static const char *const want[] = { "markdown", "xml", "csv", "dot",
	    "svg", "yaml", "sarif", "threat-dragon", "otm", "tmbom" };
	size_t	i, j;

	(void)state;
	assert_int_equal(nexporters, sizeof want / sizeof *want);
	for (i = 0; i < sizeof want / sizeof *want; i++) {
		const struct exporter	*x = export_find(want[i]);

		assert_non_null(x);
		assert_string_equal(x->name, want[i]);
		assert_non_null(x->write);
		assert_true(strlen(x->help) > 10 && strlen(x->help) <= 66);
		assert_true(strlen(x->ext) > 0);
	}
	for (i = 0; i < nexporters; i++)
		for (j = i + 1; j < nexporters; j++)
			assert_string_not_equal(exporters[i].name,
			    exporters[j].name);
	assert_null(export_find("pdf"));
	assert_null(export_find(""));
	assert_null(export_find("XML"));
}

/* --- XML ---------------------------------------------------------------- */

struct schema_errors {
	int		n;
	struct buf	first;
};

static void
schema_error(void *data, xmlErrorPtr e)
{
	struct schema_errors	*se = data;

	if (se->n++ == 0)
		buf_addf(&se->first, "line %d: %s", e->line, e->message);
}

/* Validate with libxml2's schema API (what xmllint --schema runs). */
static int
xsd_errors(const char *text, size_t len, struct buf *first)
{
	xmlSchemaParserCtxtPtr	 pc;
	xmlSchemaValidCtxtPtr	 vc;
	xmlSchemaPtr		 schema;
	xmlDocPtr		 doc;
	struct schema_errors	 se;
	char			*path;

	path = src_path("data/parapet.xsd");
	pc = xmlSchemaNewParserCtxt(path);
	free(path);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	assert_non_null(schema);
	doc = xmlReadMemory(text, (int)len, "export.xml", NULL,
	    XML_PARSE_NONET);
	assert_non_null(doc);
	se.n = 0;
	se.first = *first;
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, schema_error, &se);
	if (xmlSchemaValidateDoc(vc, doc) != 0 && se.n == 0)
		se.n = 1;
	*first = se.first;
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlFreeDoc(doc);
	return se.n;
}

static void
assert_valid_xml(const struct buf *b)
{
	struct buf	first;

	buf_init(&first);
	if (xsd_errors(b->s, b->len, &first) != 0)
		fail_msg("export does not validate: %s", first.s);
	buf_release(&first);
}

static void
assert_same_risks(const struct export_input *in,
    const struct risk_register *a, const struct risk_register *b)
{
	const struct risk	*x, *y;
	size_t			 i, j;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		x = a->risks[i];
		y = risk_register_find(b, x->threat, x->target);
		assert_non_null(y);
		test_assert_same_string("title", export_risk_title(in, x),
		    y->title);
		assert_int_equal(x->likelihood, y->likelihood);
		assert_int_equal(x->impact, y->impact);
		assert_int_equal(x->severity, y->severity);
		assert_int_equal(x->applies, y->applies);
		assert_int_equal(x->status, y->status);
		test_assert_same_string("owner", x->owner, y->owner);
		test_assert_same_string("justification", x->justification,
		    y->justification);
		test_assert_same_string("decided_by", x->decided_by,
		    y->decided_by);
		test_assert_same_string("decided_at", x->decided_at,
		    y->decided_at);
		assert_int_equal(x->nreasons, y->nreasons);
		for (j = 0; j < x->nreasons; j++) {
			test_assert_same_string("reason", x->reasons[j].line,
			    y->reasons[j].line);
			assert_int_equal(x->reasons[j].kind,
			    y->reasons[j].kind);
		}
		assert_int_equal(x->nmitigations, y->nmitigations);
		for (j = 0; j < x->nmitigations; j++) {
			assert_string_equal(x->mitigations[j].id,
			    y->mitigations[j].id);
			assert_int_equal(x->mitigations[j].status,
			    y->mitigations[j].status);
			test_assert_same_string("m.owner",
			    x->mitigations[j].owner,
			    y->mitigations[j].owner);
			test_assert_same_string("m.due", x->mitigations[j].due,
			    y->mitigations[j].due);
			test_assert_same_string("m.notes",
			    x->mitigations[j].notes,
			    y->mitigations[j].notes);
		}
	}
}

static void
assert_same_history(const struct change *a, size_t na,
    const struct change *b, size_t nb)
{
	size_t	i;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_int_equal(a[i].seq, b[i].seq);
		test_assert_same_string("at", a[i].at, b[i].at);
		test_assert_same_string("who", a[i].who, b[i].who);
		test_assert_same_string("system", a[i].system, b[i].system);
		test_assert_same_string("object", a[i].object, b[i].object);
		test_assert_same_string("field", a[i].field, b[i].field);
		test_assert_same_string("old", a[i].old_value, b[i].old_value);
		test_assert_same_string("new", a[i].new_value, b[i].new_value);
	}
}

/* Read an export back; fails the test on an error. */
static void
read_back(const struct buf *b, struct fixture *out)
{
	struct error	e;

	memset(out, 0, sizeof *out);
	risk_register_init(&out->reg);
	error_clear(&e);
	if (xml_read(b->s, b->len, "export.xml", &out->model, &out->reg,
	    &out->hist, &out->nhist, &e) == -1) {
		struct buf	m;

		buf_init(&m);
		error_format(&e, &m);
		fail_msg("xml_read: %s", m.s);
	}
}

/*
 * Export, validate, read back, compare every string, and export again:
 * the same document.
 */
static void
check_xml_round_trip(struct fixture *fx)
{
	struct fixture	back;
	struct buf	b, b2;

	render(fx, "xml", &b);
	assert_valid_xml(&b);
	read_back(&b, &back);
	test_assert_same_model(fx->model, back.model);
	assert_int_equal(fx->model->revision, back.model->revision);
	assert_same_risks(&fx->in, &fx->reg, &back.reg);
	assert_same_history(fx->hist, fx->nhist, back.hist, back.nhist);
	back.cat = NULL;
	back.in = fx->in;
	back.in.model = back.model;
	back.in.risks = &back.reg;
	back.in.history = back.hist;
	back.in.nhistory = back.nhist;
	render(&back, "xml", &b2);
	assert_int_equal(b.len, b2.len);
	assert_memory_equal(b.s, b2.s, b.len);
	buf_release(&b);
	buf_release(&b2);
	fixture_release(&back);
}

static void
test_xml_hostile_validates_and_round_trips(void **state)
{
	struct fixture	*fx = *state;

	check_xml_round_trip(fx);
}


/* The escaped notation alone: every byte XML cannot carry comes back. */
static void
test_xml_text_notation_is_reversible(void **state)
{
	struct buf	esc, back, s;
	const char	*p;
	int		c;

	(void)state;
	buf_init(&s);
	for (c = 1; c < 0x20; c++)
		buf_addc(&s, (char)c);
	buf_adds(&s, "\\ \\x41 \x7f \xef\xbf\xbe \xef\xbf\xbf \xff \xc3 "
	    "\xe6\xbc\xa2 end\\");
	buf_init(&esc);
	buf_init(&back);
	assert_int_equal(xml_text_escape(s.s, s.len, &esc), 1);
	/* Only characters XML 1.0 allows are left, TAB LF CR as they are. */
	for (p = esc.s; *p != '\0'; p++)
		assert_true((unsigned char)*p >= 0x20 || *p == '\t' ||
		    *p == '\n' || *p == '\r');
	assert_non_null(strstr(esc.s, "\\x1B"));
	assert_non_null(strstr(esc.s, "\\x07"));
	assert_non_null(strstr(esc.s, "\\xEF\\xBF\\xBE"));
	assert_non_null(strstr(esc.s, "\\xFF"));
	assert_non_null(strstr(esc.s, "\\\\x41"));
	assert_int_equal(xml_text_unescape(esc.s, &back), 0);
	assert_int_equal(back.len, s.len);
	assert_memory_equal(back.s, s.s, s.len);
	/* Text XML can carry is left alone. */
	buf_reset(&esc);
	p = "a\\b \t\r\n <&> \xe6\xbc\xa2";
	assert_int_equal(xml_text_escape(p, strlen(p), &esc), 0);
	assert_int_equal(esc.len, 0);
	/* A bad escape, and \x00 (NUL never is text), are refused. */
	assert_int_equal(xml_text_unescape("a\\qb", &back), -1);
	assert_int_equal(xml_text_unescape("a\\x4", &back), -1);
	assert_int_equal(xml_text_unescape("a\\x00", &back), -1);
	buf_release(&s);
	buf_release(&esc);
	buf_release(&back);
}

/*
 * Set each member an XML text table names (export-int.h) to a text that
 * names it, and check that the document carries it in the element the
 * table gives and that reading the document back sets the same member:
 * what the writer writes from a table, the reader reads from it.
 */
static void
check_xml_texts(void *obj, const struct xml_text *t, void *back,
    const struct buf *doc, const char *what)
{
	char	**sp, *want, *elem;

	for (; t->name != NULL; t++) {
		want = xasprintf("%s %s", what, t->name);
		elem = xasprintf("<%s>%s</%s>", t->name, want, t->name);
		if (strstr(doc->s, elem) == NULL)
			fail_msg("%s: no %s in the document", what, elem);
		sp = (char **)(void *)((char *)back + t->off);
		if (*sp == NULL || strcmp(*sp, want) != 0)
			fail_msg("%s: read back '%s', want '%s'", what,
			    *sp != NULL ? *sp : "(null)", want);
		sp = (char **)(void *)((char *)obj + t->off);
		assert_string_equal(*sp, want);
		free(elem);
		free(want);
	}
}

static void
set_xml_texts(void *obj, const struct xml_text *t, const char *what)
{
	char	**sp;

	for (; t->name != NULL; t++) {
		sp = (char **)(void *)((char *)obj + t->off);
		free(*sp);
		*sp = xasprintf("%s %s", what, t->name);
	}
}

static void
test_xml_texts_follow_the_tables(void **state)
{
	struct fixture		*fx = *state, back;
	struct risk		*k, *bk;
	struct risk_mitigation	*m, *bm;
	struct practice		*p, *bp;
	struct buf		 b;
	size_t			 i;

	for (i = 0; i < fx->reg.n; i++)
		if (fx->reg.risks[i]->nmitigations > 0)
			break;
	assert_true(i < fx->reg.n);
	k = fx->reg.risks[i];
	m = &k->mitigations[0];
	assert_true(fx->model->npractices > 0 && fx->nhist > 0);
	p = fx->model->practices[0];
	set_xml_texts(k, xml_risk_texts, "risk");
	set_xml_texts(m, xml_mitigation_texts, "mitigation");
	set_xml_texts(p, xml_practice_texts, "practice");
	set_xml_texts(&fx->hist[0], xml_change_texts, "change");
	render(fx, "xml", &b);
	assert_valid_xml(&b);
	read_back(&b, &back);
	bk = risk_register_find(&back.reg, k->threat, k->target);
	assert_non_null(bk);
	bm = risk_find_mitigation(bk, m->id);
	assert_non_null(bm);
	bp = model_practice(back.model, p->id);
	assert_non_null(bp);
	assert_true(back.nhist == fx->nhist);
	check_xml_texts(k, xml_risk_texts, bk, &b, "risk");
	check_xml_texts(m, xml_mitigation_texts, bm, &b, "mitigation");
	check_xml_texts(p, xml_practice_texts, bp, &b, "practice");
	check_xml_texts(&fx->hist[0], xml_change_texts, &back.hist[0], &b,
	    "change");
	buf_release(&b);
	fixture_release(&back);
}

/* The value of an XPath expression over an export, as a string. */
static char *
xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr	 ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr	 r;
	char			*s;

	xmlXPathRegisterNs(ctx, X("t"), X(XML_NS));
	r = xmlXPathEvalExpression(X(expr), ctx);
	assert_non_null(r);
	s = (char *)xmlXPathCastToString(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return s;
}

static void
assert_xpath(xmlDocPtr doc, const char *expr, const char *want)
{
	char	*got = xpath_string(doc, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got '%s', want '%s'", expr, got, want);
	xmlFree(got);
}

static void
test_xml_core_is_the_spec(void **state)
{
	struct fixture		*fx = *state;
	const struct threat	*t;
	xmlDocPtr		 doc;
	struct buf		 b, q;
	size_t			 i;
	char			*name, *tag;

	render(fx, "xml", &b);
	doc = xmlReadMemory(b.s, (int)b.len, "x.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_xpath(doc, "string(/t:threat-model/@format)", "1");
	assert_xpath(doc, "string(/t:threat-model/@generated-at)",
	    FIXTURE_NOW);
	assert_xpath(doc, "string(/t:threat-model/t:system/@id)",
	    "hostile-system");
	assert_xpath(doc, "string(/t:threat-model/t:system/@criticality)",
	    "high");
	assert_xpath(doc, "count(/t:threat-model/t:components/t:component)",
	    "15");
	assert_xpath(doc, "string(//t:component[@id='c-model']/@kind)",
	    "model");
	assert_xpath(doc, "string(//t:component[@id='c-model']/@model-type)",
	    "llm");
	assert_xpath(doc, "concat(//t:flow[@id='f-0']/@from, '>', "
	    "//t:flow[@id='f-0']/@to)", "c-user>c-operator");
	assert_xpath(doc, "concat(//t:risk[@id='t-prompt-injection@c-model']"
	    "/@threat, ' ', //t:risk[@id='t-prompt-injection@c-model']/@target"
	    ")", "t-prompt-injection c-model");
	assert_xpath(doc, "count(//t:risk[@id='t-prompt-injection@c-model' "
	    "and @likelihood='4' and @impact='4' and @severity='critical' and "
	    "@status='open' and @applies='true'])", "1");
	assert_xpath(doc, "local-name(//t:risk[1]/*[1])", "title");
	assert_xpath(doc, "string(//t:risk[@id='t-no-red-team@hostile-system']"
	    "/@applies)", "false");
	assert_xpath(doc, "count(//t:risk[@id='t-gone@c-agent']/t:ref)", "0");
	assert_xpath(doc, "string(//t:risk[@id='t-prompt-injection@c-model']/"
	    "t:mitigation[@id='m-input-guard']/@status)", "planned");
	assert_xpath(doc, "string(//t:risk[@id='t-prompt-injection@c-model']/"
	    "t:mitigation[@id='m-input-guard']/@due)", "2026-12-01");
	/* Every reference the catalogue gives a threat is on each risk. */
	for (i = 0; i < fx->reg.n; i++) {
		t = catalogue_threat(fx->cat, fx->reg.risks[i]->threat);
		if (t == NULL)
			continue;
		name = risk_name(fx->reg.risks[i]);
		for (size_t j = 0; j < t->refs.n; j++) {
			buf_init(&q);
			buf_addf(&q, "count(//t:risk[@id='%s']/t:ref[@scheme="
			    "'%s' and @id='%s'])", name,
			    ref_scheme_name(t->refs.v[j].scheme),
			    t->refs.v[j].id);
			assert_xpath(doc, q.s, "1");
			buf_release(&q);
		}
		free(name);
	}
	assert_xpath(doc, "count(//t:risk[@id='t-prompt-injection@c-model']/"
	    "t:ref[@scheme='stride'])", "2");
	/* Text XML cannot carry is escaped; plain text is not. */
	assert_xpath(doc, "string(//t:change[2]/t:who/@encoding)", "escaped");
	assert_xpath(doc, "string(//t:change[1]/t:who)", "alice");
	assert_xpath(doc, "count(//t:change[1]/t:who/@encoding)", "0");
	tag = xpath_string(doc, "string(//t:change[3]/t:new)");
	assert_non_null(strstr(tag, "esc \\x1B[31mred\\x1B[0m bel \\x07"));
	assert_non_null(strstr(tag, "\\xFF\\xFE raw bytes"));
	assert_non_null(strstr(tag, "\\\\back\\\\slash"));
	xmlFree(tag);
	xmlFreeDoc(doc);
	buf_release(&b);
}

/* Read a document; returns the error text ("" on success). */
static char *
read_error(const char *doc)
{
	struct risk_register	 reg;
	struct change		*hist = NULL;
	struct model		*m = NULL;
	struct error		 e;
	struct buf		 b;
	size_t			 nhist = 0;

	risk_register_init(&reg);
	error_clear(&e);
	buf_init(&b);
	if (xml_read(doc, strlen(doc), "in.xml", &m, &reg, &hist, &nhist,
	    &e) == -1) {
		error_format(&e, &b);
		/* Nothing is handed over on failure. */
		assert_null(m);
		assert_int_equal(reg.n, 0);
	}
	model_free(m);
	risk_register_release(&reg);
	changes_free(hist, nhist);
	return buf_detach(&b);
}

static void
assert_read_error(const char *doc, const char *want)
{
	char	*got = read_error(doc);

	if (strcmp(got, want) != 0)
		fail_msg("got '%s', want '%s'", got, want);
	free(got);
}

static void
assert_read_error_prefix(const char *doc, const char *want,
    const char *also)
{
	char	*got = read_error(doc);

	if (strncmp(got, want, strlen(want)) != 0 ||
	    (also != NULL && strstr(got, also) == NULL))
		fail_msg("got '%s', want '%s...%s'", got, want,
		    also != NULL ? also : "");
	free(got);
}

#define DOC_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<threat-model xmlns=\"urn:parapet:threat-model:1\" format=\"1\">\n" \
	"  <system id=\"s\"><name>S</name></system>\n"
#define DOC_TAIL "</threat-model>\n"

static void
test_xml_read_refuses_dtds_and_entities(void **state)
{
	(void)state;
	assert_read_error("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE threat-model [ <!ENTITY x \"boom\"> ]>\n"
	    "<threat-model xmlns=\"urn:parapet:threat-model:1\" format=\"1\">"
	    "<system id=\"s\"><name>&x;</name></system></threat-model>\n",
	    "in.xml:2: DTDs and entities are not allowed");
	assert_read_error("<?xml version=\"1.0\"?>\n\n"
	    "<!DOCTYPE t SYSTEM \"file:///etc/passwd\">\n<t/>\n",
	    "in.xml:3: DTDs and entities are not allowed");
	/* Billion laughs: refused before any expansion. */
	assert_read_error("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><l>&c;</l>",
	    "in.xml:1: DTDs and entities are not allowed");
	assert_read_error("<!DOCTYPE x PUBLIC \"-//X//DTD X//EN\" "
	    "\"http://example.com/x.dtd\"><x/>",
	    "in.xml:1: DTDs and entities are not allowed");
	/* An undeclared entity is not well formed. */
	assert_read_error_prefix(DOC_HEAD "<flows>&nope;</flows>" DOC_TAIL,
	    "in.xml:4:", "nope");
}

/* Seconds since an earlier reading of CLOCK_MONOTONIC. */
static double
since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * Bombs are refused from the raw bytes, before libxml2 builds anything:
 * 200,000 attributes on one element (minutes inside libxml2's quadratic
 * duplicate check) and nesting 100,000 deep, each in well under a second.
 */
static void
test_xml_read_bounds_before_parsing(void **state)
{
	struct model		*m = NULL;
	struct risk_register	 reg;
	struct change		*h = NULL;
	struct timespec		 t0;
	struct error		 e;
	struct buf		 b;
	size_t			 nh = 0, i;

	(void)state;
	risk_register_init(&reg);
	buf_init(&b);
	buf_adds(&b, "<?xml version=\"1.0\"?>\n<threat-model "
	    "xmlns=\"urn:parapet:threat-model:1\" format=\"1\"\n");
	for (i = 0; i < 200000; i++)
		buf_addf(&b, " a%zu=\"x\"", i);
	buf_adds(&b, "/>\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(xml_read(b.s, b.len, "in.xml", &m, &reg, &h, &nh,
	    &e), -1);
	assert_true(since(&t0) < 0.5);
	assert_non_null(strstr(e.msg, "more than 256 attributes"));
	assert_int_equal(e.line, 3);

	buf_reset(&b);
	for (i = 0; i < 100000; i++)
		buf_adds(&b, "<a>");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(xml_read(b.s, b.len, "in.xml", &m, &reg, &h, &nh,
	    &e), -1);
	assert_true(since(&t0) < 0.5);
	assert_non_null(strstr(e.msg, "nested more than 64 deep"));

	/* Quotes, comments and CDATA do not count. */
	buf_reset(&b);
	buf_adds(&b, "<x a=\"=======\" b='=='><!-- = = = <y> -->"
	    "<![CDATA[<z a=1 b=2>]]></x>");
	assert_int_equal(xml_read(b.s, b.len, "in.xml", &m, &reg, &h, &nh,
	    &e), -1);
	assert_null(strstr(e.msg, "attributes"));
	assert_null(strstr(e.msg, "nested"));
	buf_release(&b);
	risk_register_release(&reg);
}

static void
test_xml_read_reports_errors_with_lines(void **state)
{
	(void)state;
	/* Not well formed: line and column from libxml2. */
	assert_read_error_prefix(DOC_HEAD "  <components>\n</threat-model>\n",
	    "in.xml:5:", "mismatch");
	assert_read_error("", "in.xml:1:1: document is empty");
	/* Schema: a score out of range, an unknown kind, a wrong root. */
	assert_read_error_prefix(DOC_HEAD "<risks>\n"
	    "<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"9\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "</risks>" DOC_TAIL,
	    "in.xml:5: not a valid Parapet XML export: element", "likelihood");
	assert_read_error_prefix(DOC_HEAD "<components>\n\n"
	    "<component id=\"c\" kind=\"modle\"><name>C</name></component>"
	    "</components>" DOC_TAIL,
	    "in.xml:6: not a valid Parapet XML export:", "modle");
	assert_read_error_prefix("<threat-model format=\"1\"/>",
	    "in.xml:1: not a valid Parapet XML export:", "threat-model");
	/* What the schema cannot say. */
	assert_read_error(DOC_HEAD "<components>\n"
	    "<component id=\"c\" kind=\"user\" model-type=\"llm\">"
	    "<name>C</name></component></components>" DOC_TAIL,
	    "in.xml:5: 'model-type' does not apply to a user component");
	assert_read_error(DOC_HEAD "<components>\n"
	    "<component id=\"c\" kind=\"user\">"
	    "<name encoding=\"escaped\">a\\qb</name></component></components>"
	    DOC_TAIL, "in.xml:5: invalid escape in 'name' (use \\\\ or \\xHH)");
	assert_read_error(DOC_HEAD "<risks>\n"
	    "<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"4\" "
	    "impact=\"4\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "</risks>" DOC_TAIL, "in.xml:5: risk 't@s': severity 'low' does "
	    "not match likelihood 4 x impact 4 ('critical')");
	assert_read_error(DOC_HEAD "<risks>\n"
	    "<risk id=\"u@s\" threat=\"t\" target=\"s\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "</risks>" DOC_TAIL,
	    "in.xml:5: risk id 'u@s' is not 't@s' (THREAT@TARGET)");
	assert_read_error(DOC_HEAD "<risks>\n"
	    "<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"accepted\" "
	    "applies=\"true\"/></risks>" DOC_TAIL,
	    "in.xml:5: risk 't@s' is accepted without a justification");
	/* A risk twice, apart (found by id, not by a scan). */
	assert_read_error_prefix(DOC_HEAD "<risks>\n"
	    "<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "<risk id=\"t@u\" threat=\"t\" target=\"u\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "\n<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\"/>"
	    "</risks>" DOC_TAIL, "in.xml:", "t@s");
	assert_read_error_prefix(DOC_HEAD "<components>\n\n\n"
	    "<component id=\"c\" kind=\"user\" boundary=\"nowhere\">"
	    "<name>C</name></component></components>" DOC_TAIL,
	    "in.xml:7:", "unknown boundary 'nowhere'");
	assert_read_error_prefix(DOC_HEAD "<components>\n"
	    "<component id=\"c\" kind=\"user\"><name>C</name></component>\n"
	    "<component id=\"c\" kind=\"tool\"><name>D</name></component>"
	    "</components>" DOC_TAIL, "in.xml:6: not a valid Parapet XML "
	    "export:", "Duplicate");
	/* A minimal document reads. */
	assert_read_error(DOC_HEAD DOC_TAIL, "");
}

/*
 * A revision is any xs:nonNegativeInteger to the schema, but a model holds
 * a long: one that does not fit was read as LONG_MAX without a word.
 */
static void
test_xml_read_refuses_numbers_out_of_range(void **state)
{
	(void)state;
	assert_read_error("<?xml version=\"1.0\"?>\n"
	    "<threat-model xmlns=\"urn:parapet:threat-model:1\" format=\"1\""
	    " revision=\"99999999999999999999\">\n"
	    "<system id=\"s\"><name>S</name></system></threat-model>\n",
	    "in.xml:2: revision '99999999999999999999' is out of range");
	/* The largest that fits reads. */
	assert_read_error("<?xml version=\"1.0\"?>\n"
	    "<threat-model xmlns=\"urn:parapet:threat-model:1\" format=\"1\""
	    " revision=\"9223372036854775807\">\n"
	    "<system id=\"s\"><name>S</name></system><history>\n"
	    "<change seq=\"-9223372036854775808\"/></history>"
	    "</threat-model>\n", "");
}

/*
 * A reason's kind is read from its kind attribute; a file written before
 * the attribute existed gives it by the line's prefix, and either way a
 * risk resting on an assumption reads as provisional.
 */
static void
test_xml_reason_kind_with_and_without_attribute(void **state)
{
	static const char doc[] = DOC_HEAD "<risks>\n"
	    "<risk id=\"t@s\" threat=\"t\" target=\"s\" likelihood=\"1\" "
	    "impact=\"1\" severity=\"low\" status=\"open\" applies=\"true\">"
	    "<reason kind=\"fact\">assumed: looks assumed, is a fact</reason>"
	    "<reason>assumed: 'x' is not authenticated</reason>"
	    "<reason>impact +1: sensitive</reason>"
	    "</risk></risks>" DOC_TAIL;
	struct risk_register	 reg;
	struct change		*hist = NULL;
	struct model		*m = NULL;
	struct error		 e;
	const struct risk	*k;
	size_t			 nhist = 0;

	(void)state;
	risk_register_init(&reg);
	error_clear(&e);
	assert_int_equal(xml_read(doc, strlen(doc), "in.xml", &m, &reg, &hist,
	    &nhist, &e), 0);
	assert_int_equal(reg.n, 1);
	k = reg.risks[0];
	assert_int_equal(k->nreasons, 3);
	assert_int_equal(k->reasons[0].kind, REASON_FACT);
	assert_string_equal(k->reasons[0].line,
	    "assumed: looks assumed, is a fact");
	assert_int_equal(k->reasons[1].kind, REASON_ASSUMED);
	assert_int_equal(k->reasons[2].kind, REASON_ADJUSTMENT);
	assert_true(risk_provisional(k));
	model_free(m);
	risk_register_release(&reg);
	changes_free(hist, nhist);
}

/* --- CSV ---------------------------------------------------------------- */

struct csv {
	char	***rows;	/* rows of fields */
	size_t	  *nfields;
	size_t	   nrows;
};

/*
 * A strict RFC 4180 parser: records end in CRLF, fields are separated by
 * commas, a quoted field doubles its quotes; a bare quote in an unquoted
 * field, a bare CR or LF outside quotes, or a missing final CRLF fails.
 */
static int
csv_parse(const char *s, size_t len, struct csv *out)
{
	struct buf	 f;
	size_t		 i = 0;
	char		**row = NULL;
	size_t		 nrow = 0;

	memset(out, 0, sizeof *out);
	buf_init(&f);
	while (i < len) {
		buf_reset(&f);
		if (s[i] == '"') {
			for (i++;; i++) {
				if (i >= len)
					return -1;
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						buf_addc(&f, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				buf_addc(&f, s[i]);
			}
		} else {
			for (; i < len && s[i] != ',' && s[i] != '\r'; i++) {
				if (s[i] == '"' || s[i] == '\n')
					return -1;
				buf_addc(&f, s[i]);
			}
		}
		row = xreallocarray(row, nrow + 1, sizeof *row);
		row[nrow++] = xstrdup(f.s);
		if (i < len && s[i] == ',') {
			i++;
			continue;
		}
		if (i + 1 >= len || s[i] != '\r' || s[i + 1] != '\n')
			return -1;
		i += 2;
		out->rows = xreallocarray(out->rows, out->nrows + 1,
		    sizeof *out->rows);
		out->nfields = xreallocarray(out->nfields, out->nrows + 1,
		    sizeof *out->nfields);
		out->rows[out->nrows] = row;
		out->nfields[out->nrows++] = nrow;
		row = NULL;
		nrow = 0;
	}
	buf_release(&f);
	return row == NULL ? 0 : -1;
}

static void
csv_free(struct csv *c)
{
	size_t	i, j;

	for (i = 0; i < c->nrows; i++) {
		for (j = 0; j < c->nfields[i]; j++)
			free(c->rows[i][j]);
		free(c->rows[i]);
	}
	free(c->rows);
	free(c->nfields);
}

/*
 * A field read back as csv.c documents: one leading apostrophe, and the
 * apostrophe after a comma or semicolon before = + - @ or an apostrophe,
 * are not text; \xHH and \\ are escapes. The caller frees the result.
 */
static char *
csv_text(const char *field)
{
	struct buf	 b;
	const char	*p = field;
	unsigned	 v;

	buf_init(&b);
	if (*p == '\'')
		p++;
	for (; *p != '\0'; p++) {
		if ((*p == ',' || *p == ';') && p[1] == '\'' &&
		    p[2] != '\0' && strchr("=+-@'", p[2]) != NULL) {
			buf_addc(&b, *p++);
			continue;
		}
		if (*p == '\\' && p[1] == '\\') {
			buf_addc(&b, '\\');
			p++;
		} else if (*p == '\\' && p[1] == 'x' &&
		    sscanf(p + 2, "%2x", &v) == 1) {
			buf_addc(&b, (char)v);
			p += 3;
		} else
			buf_addc(&b, *p);
	}
	return buf_detach(&b);
}

static void
assert_csv_field(const char *what, const char *field, const char *want)
{
	char		*text;
	const char	*p;

	/* A field never starts a formula, nor holds a raw control byte. */
	assert_null(strchr("=+-@\t\r", field[0]) != NULL && field[0] != '\0' ?
	    field : NULL);
	for (p = field; *p != '\0'; p++)
		assert_false(((unsigned char)*p < 0x20 && *p != '\n') ||
		    *p == 0x7f);
	text = csv_text(field);
	test_assert_same_string(what, text, want != NULL ? want : "");
	free(text);
}

/* Parse a CSV export and compare every field with the register. */
static void
check_csv(const struct fixture *fx)
{
	static const char *const cols[] = { "id", "threat", "target",
	    "applies", "title", "severity", "likelihood", "impact", "status",
	    "owner", "justification", "decided_by", "decided_at", "refs",
	    "mitigations", "reasons", "mitigation_notes" };
	const struct risk	*k;
	struct csv		 c;
	struct buf		 b, r;
	size_t			 i, j;
	char			*name, num[16];

	render(fx, "csv", &b);
	if (csv_parse(b.s, b.len, &c) == -1)
		fail_msg("the CSV export is not RFC 4180");
	assert_int_equal(c.nrows, fx->reg.n + 1);
	assert_int_equal(c.nfields[0], 17);
	for (j = 0; j < 17; j++)
		assert_string_equal(c.rows[0][j], cols[j]);
	for (i = 1; i < c.nrows; i++) {
		assert_int_equal(c.nfields[i], 17);
		k = NULL;
		for (j = 0; j < fx->reg.n; j++) {
			name = risk_name(fx->reg.risks[j]);
			if (strcmp(name, c.rows[i][0]) == 0)
				k = fx->reg.risks[j];
			free(name);
		}
		if (k == NULL) {
			fail_msg("unknown risk '%s'", c.rows[i][0]);
			continue;
		}
		assert_csv_field("threat", c.rows[i][1], k->threat);
		assert_csv_field("target", c.rows[i][2], k->target);
		assert_csv_field("applies", c.rows[i][3], k->applies ? "yes" :
		    "no");
		assert_csv_field("title", c.rows[i][4],
		    export_risk_title(&fx->in, k));
		assert_csv_field("severity", c.rows[i][5],
		    vocab_name(&vocab_severity, k->severity));
		snprintf(num, sizeof num, "%d", k->likelihood);
		assert_csv_field("likelihood", c.rows[i][6], num);
		snprintf(num, sizeof num, "%d", k->impact);
		assert_csv_field("impact", c.rows[i][7], num);
		assert_csv_field("status", c.rows[i][8],
		    vocab_name(&vocab_risk_status, k->status));
		assert_csv_field("owner", c.rows[i][9], k->owner);
		assert_csv_field("justification", c.rows[i][10],
		    k->justification);
		assert_csv_field("decided_by", c.rows[i][11], k->decided_by);
		assert_csv_field("decided_at", c.rows[i][12], k->decided_at);
		buf_init(&r);
		for (j = 0; j < k->nreasons; j++)
			buf_addf(&r, "%s%s", j > 0 ? "\n" : "", k->reasons[j].line);
		assert_csv_field("reasons", c.rows[i][15], r.s);
		buf_reset(&r);
		for (j = 0; j < k->nmitigations; j++)
			buf_addf(&r, "%s%s: %s", j > 0 ? "\n" : "",
			    k->mitigations[j].id,
			    vocab_name(&vocab_mitigation_status,
			    k->mitigations[j].status));
		if (k->nmitigations > 0 && k->mitigations[0].owner == NULL)
			assert_non_null(strstr(c.rows[i][14], r.s) ==
			    c.rows[i][14] ? r.s : NULL);
		/* The notes, the evidence, exactly, in the last column. */
		buf_reset(&r);
		for (j = 0; j < k->nmitigations; j++)
			if (k->mitigations[j].notes != NULL &&
			    k->mitigations[j].notes[0] != '\0')
				buf_addf(&r, "%s%s: %s", r.len > 0 ? "\n" : "",
				    k->mitigations[j].id,
				    k->mitigations[j].notes);
		assert_csv_field("mitigation_notes", c.rows[i][16], r.s);
		buf_release(&r);
	}
	csv_free(&c);
	buf_release(&b);
}

static void
test_csv_hostile_parses_back(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b;

	check_csv(fx);
	render(fx, "csv", &b);
	/* Records end in CRLF; the header is the first record. */
	assert_memory_equal(b.s, "id,threat,target,applies,title,", 31);
	assert_non_null(strstr(b.s, "mitigations,reasons,mitigation_notes\r\n"));
	assert_memory_equal(b.s + b.len - 2, "\r\n", 2);
	/* The refs column of a risk lists the catalogue's references. */
	assert_non_null(strstr(b.s, ",\"guideline 1.3; guideline 4.2; atlas "
	    "AML.T0051.000; atlas AML.T0054; owasp-llm-2025 LLM01; stride T; "
	    "stride E\","));
	buf_release(&b);
}

static void
test_csv_defuses_formulas(void **state)
{
	static const char *const owners[] = {
	    "=HYPERLINK(\"http://x\",\"y\")", "\033]0;PWNED\007\033[6n",
	    "+1\t-1", "@SUM(A1)", "\rx", "x;=cmd|' /C calc'!A0", "'quoted" };
	struct fixture	*fx = *state;
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < fx->reg.n && i < 9; i++) {
		free(fx->reg.risks[i]->owner);
		fx->reg.risks[i]->owner = xstrdup(owners[i]);
		free(fx->reg.risks[i]->justification);
		fx->reg.risks[i]->justification = NULL;
	}
	render(fx, "csv", &b);
	assert_non_null(strstr(b.s, ",\"'=HYPERLINK(\"\"http://x\"\","
	    "\"\"y\"\")\","));
	assert_non_null(strstr(b.s, ",'@SUM(A1),"));
	/* Control bytes never reach a terminal raw. */
	assert_non_null(strstr(b.s, ",'+1\\x09-1,"));
	assert_non_null(strstr(b.s, ",\\x0Dx,"));
	assert_null(strchr(b.s, '\033'));
	assert_null(strchr(b.s, '\007'));
	assert_null(strchr(b.s, '\t'));
	assert_non_null(strstr(b.s, ",\"\\x1B]0;PWNED\\x07\\x1B[6n\","));
	/* A field a spreadsheet could split on ';' is quoted and defused. */
	assert_non_null(strstr(b.s, ",\"x;'=cmd|' /C calc'!A0\","));
	check_csv(fx);
	buf_release(&b);
}

/* --- DOT ---------------------------------------------------------------- */

/*
 * Decode the quoted DOT string at *p (after its opening quote) as Graphviz
 * shows it in a label; *p moves past the closing quote.
 */
static char *
dot_unquote(const char **p)
{
	struct buf	 b;
	const char	*s = *p;

	buf_init(&b);
	for (; *s != '"'; s++) {
		assert_true(*s != '\0' && *s != '\n' && *s != '\r');
		if (*s == '\\') {
			s++;
			assert_true(*s == '"' || *s == '\\' || *s == 'n');
			buf_addc(&b, *s == 'n' ? '\n' : *s);
		} else if (*s == '&') {
			assert_memory_equal(s, "&amp;", 5);
			buf_addc(&b, '&');
			s += 4;
		} else
			buf_addc(&b, *s);
	}
	*p = s + 1;
	return buf_detach(&b);
}

/* The label of a node or edge statement that starts with head. */
static char *
dot_label(const char *dot, const char *head)
{
	const char	*p = strstr(dot, head);

	assert_non_null(p);
	p = strstr(p, "label=\"");
	assert_non_null(p);
	p += 7;
	return dot_unquote(&p);
}

static void
check_dot(const struct fixture *fx)
{
	const struct model	*m = fx->model;
	const char		*p;
	struct buf		 b, want, stmt;
	size_t			 i, nclusters = 0;
	char			*label;

	render(fx, "dot", &b);
	/* Outside quoted strings there is only DOT syntax. */
	for (p = b.s; *p != '\0';) {
		if (*p == '"') {
			p++;
			free(dot_unquote(&p));
			continue;
		}
		if (strchr("{}[]=;,.->_ \t\n", *p) == NULL &&
		    !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')))
			fail_msg("stray '%c' outside a DOT string", *p);
		p++;
	}
	assert_memory_equal(b.s, "digraph \"", 9);
	for (p = b.s; (p = strstr(p, "subgraph \"cluster_")) != NULL; p++)
		nclusters++;
	assert_int_equal(nclusters, m->nboundaries);
	for (i = 0; i < m->ncomponents; i++) {
		buf_init(&stmt);
		buf_addf(&stmt, "\t\"%s\" [label=", m->components[i]->id);
		label = dot_label(b.s, stmt.s);
		buf_init(&want);
		text_visible(&want, m->components[i]->name, 1);
		buf_addf(&want, "\n(%s)", vocab_name(&vocab_kind,
		    m->components[i]->kind));
		assert_string_equal(label, want.s);
		free(label);
		buf_release(&want);
		buf_release(&stmt);
	}
	for (i = 0; i < m->nflows; i++) {
		const char	*line, *end;

		buf_init(&stmt);
		buf_addf(&stmt, "\t\"%s\" -> \"%s\" [", m->flows[i]->from,
		    m->flows[i]->to);
		line = strstr(b.s, stmt.s);
		assert_non_null(line);
		end = strchr(line, '\n');
		if (flow_crossing(m, m->flows[i]) == TRI_YES)
			assert_true(strstr(line, "style=bold") != NULL &&
			    strstr(line, "style=bold") < end);
		else
			assert_true(strstr(line, "style=bold") == NULL ||
			    strstr(line, "style=bold") > end);
		buf_release(&stmt);
	}
	buf_release(&b);
}

static void
test_dot_hostile_labels_are_literal(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b;

	check_dot(fx);
	render(fx, "dot", &b);
	assert_non_null(strstr(b.s, "\"c-user\" -> \"c-agent\" "
	    "[label=\"prompt\"];\n"));
	assert_non_null(strstr(b.s, "\\\"dq\\\""));
	assert_non_null(strstr(b.s, "\\\\back\\\\slash\\n# heading"));
	assert_non_null(strstr(b.s, "esc ^[[31mred"));
	assert_null(strchr(b.s, '\x1b'));
	assert_null(strchr(b.s, '\r'));
	buf_release(&b);
}

/* --- Markdown ----------------------------------------------------------- */

/* How Markdown shows one-line text: the writer's documented rules. */
static char *
md_visible_line(const char *s)
{
	struct buf	 n, v, out;
	const char	*p, *e, *nl;

	buf_init(&n);
	for (p = s; *p != '\0'; p++) {
		if (*p == '\r') {
			buf_addc(&n, '\n');
			if (p[1] == '\n')
				p++;
		} else
			buf_addc(&n, *p);
	}
	buf_init(&v);
	text_visible(&v, n.s, 1);
	buf_init(&out);
	for (p = v.s; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		for (e = nl; p < e && *p == ' '; p++)
			;
		while (e > p && e[-1] == ' ')
			e--;
		if (e == p)
			continue;
		if (out.len > 0)
			buf_addc(&out, ' ');
		buf_add(&out, p, (size_t)(e - p));
	}
	buf_release(&n);
	buf_release(&v);
	return buf_detach(&out);
}

/* Undo backslash escapes of ASCII punctuation (CommonMark's rule). */
static char *
md_unescape(const char *s, size_t len)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && strchr("!\"#$%&'()*+,-./:;"
		    "<=>?@[\\]^_`{|}~", s[i + 1]) != NULL && s[i + 1] != '\0')
			i++;
		buf_addc(&b, s[i]);
	}
	return buf_detach(&b);
}

/* Number of cell separators: pipes not escaped by a backslash. */
static size_t
md_pipes(const char *line, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		if (line[i] == '|')
			n++;
	}
	return n;
}

/* Structural checks that hold for any report. */
static void
check_markdown(const struct fixture *fx, const struct buf *b)
{
	static const char *const h2[] = { "Executive summary", "The system",
	    "Guideline coverage", "Risk register", "Overdue mitigations",
	    "Accepted and not-applicable risks", "Risks that no longer apply",
	    "Practice answers and open questions", "Sign-off",
	    "History of decisions" };
	const char	*line, *end, *p;
	size_t		 nh1 = 0, nh2 = 0, nfence = 0, header = 0, len;
	size_t		 nrisk = 0, napply = 0, i;
	int		 infence = 0;

	for (i = 0; i < fx->reg.n; i++)
		napply += fx->reg.risks[i]->applies != 0;
	for (p = b->s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\n')
			fail_msg("raw control character 0x%02x", *p);
	for (line = b->s; *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		len = (size_t)(end - line);
		assert_true(len == 0 || line[len - 1] != ' ');
		if (len >= 3 && (memcmp(line, "```", 3) == 0 ||
		    memcmp(line, "~~~", 3) == 0)) {
			nfence++;
			infence = !infence;
			assert_true(infence ? len == 10 &&
			    memcmp(line, "```mermaid", 10) == 0 : len == 3);
			continue;
		}
		if (infence && len == 12 &&
		    memcmp(line, "flowchart LR", 12) == 0)
			continue;
		if (infence) {
			/* Mermaid: generated ids, quoted labels. */
			for (p = line; p < end; p++) {
				if (*p == '"') {
					for (p++; *p != '"'; p++)
						assert_true(p < end &&
						    *p != '`' && *p != '<' &&
						    *p != '[' && *p != '|');
				} else
					assert_true(strchr("cb0123456789 []|"
					    "-=>subgraphend", *p) != NULL);
			}
			continue;
		}
		if (len > 0 && line[0] == '#') {
			if (len > 2 && memcmp(line, "# ", 2) == 0)
				nh1++;
			else if (len > 3 && memcmp(line, "## ", 3) == 0) {
				assert_true(nh2 < sizeof h2 / sizeof h2[0]);
				assert_int_equal(len - 3, strlen(h2[nh2]));
				assert_memory_equal(line + 3, h2[nh2], len - 3);
				nh2++;
			} else if ((len > 6 && memcmp(line, "### R", 5) == 0 &&
			    line[5] >= '1' && line[5] <= '9') || (len > 7 &&
			    memcmp(line, "#### R", 6) == 0 && line[6] >= '1' &&
			    line[6] <= '9'))
				nrisk++;
			else
				assert_true(memcmp(line, "### ", 4) == 0 ||
				    memcmp(line, "#### ", 5) == 0);
		}
		/* Every row of a table has the header's cells. */
		if (len > 0 && line[0] == '|') {
			if (header == 0)
				header = md_pipes(line, len);
			else
				assert_int_equal(md_pipes(line, len), header);
		} else
			header = 0;
		/* No markup from model text survives escaping. */
		for (p = line; p < end; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p == '`') {
				/* Code spans hold identifiers only. */
				for (p++; *p != '`'; p++)
					assert_true(p < end && strchr(
					    "abcdefghijklmnopqrstuvwxyz"
					    "0123456789._@-", *p) != NULL);
				continue;
			}
			assert_false(*p == '<' && strncmp(p, "<br>", 4) != 0);
			assert_false(*p == '[' || *p == ']' || *p == '&' ||
			    *p == '~' || *p == '$' || *p == '@');
			assert_false(p + 2 < end && memcmp(p, "://", 3) == 0);
		}
	}
	assert_false(infence);
	assert_int_equal(nfence, 2);
	assert_int_equal(nh1, 1);
	assert_int_equal(nh2, sizeof h2 / sizeof h2[0]);
	assert_int_equal(nrisk, napply);
	assert_memory_equal(b->s, "# ", 2);
	assert_memory_equal(b->s + b->len - 2, "|\n", 2);
}

static void
test_markdown_hostile_is_literal(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b;
	const char	*p, *e;
	char		*got, *want;

	render(fx, "markdown", &b);
	check_markdown(fx, &b);
	/* The title shows the system's name literally. */
	e = strchr(b.s, '\n');
	got = md_unescape(b.s + 2, (size_t)(e - b.s - 2));
	want = md_visible_line(fx->model->system.name);
	assert_int_equal(strlen(got), strlen(want) +
	    strlen(": threat model for sign-off"));
	assert_memory_equal(got, want, strlen(want));
	assert_string_equal(got + strlen(want), ": threat model for sign-off");
	free(got);
	free(want);
	/* So does a justification in a list item, line by line. */
	p = strstr(b.s, "- **Justification:** t-plain-flow@f-0");
	assert_null(p);
	p = strstr(b.s, "- **Justification:** t-plain-flow\\@f-0");
	assert_non_null(p);
	assert_non_null(strstr(p, "slash\\\n  \\# heading\\\n  \\*emph\\*"));
	assert_non_null(strstr(p, "\\\n  1\\. list\\\n  \\- item\\\n"
	    "  \\+ plus\\\n  \\> quote\\\n  indented code\\\n  \\===\\\n"
	    "  \\---\\\n  \\| a \\| b \\|\\\n  esc ^\\[\\[31mred"));
	/* Escape sequences and bidi overrides are shown, not sent. */
	assert_non_null(strstr(b.s, "bel ^G soh ^A del ^? c1 \\<U+0085\\> "
	    "bidi \\<U+202E\\> rtl"));
	assert_non_null(strstr(b.s, "\\[link\\](http\\://x.example)"));
	assert_non_null(strstr(b.s, " www\\.example.com mail\\@example.com "));
	assert_non_null(strstr(b.s, "wide \xe6\xbc\xa2\xe5\xad\x97 emoji "
	    "\xf0\x9f\x98\x80"));
	buf_release(&b);
}

static void
test_markdown_sections(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b;
	const char	*reg, *acc, *gone, *prac, *sign, *hist;

	render(fx, "markdown", &b);
	reg = strstr(b.s, "\n## Risk register\n");
	acc = strstr(b.s, "\n## Accepted and not-applicable risks\n");
	gone = strstr(b.s, "\n## Risks that no longer apply\n");
	prac = strstr(b.s, "\n## Practice answers and open questions\n");
	sign = strstr(b.s, "\n## Sign-off\n");
	hist = strstr(b.s, "\n## History of decisions\n");
	assert_true(reg && acc && gone && prac && sign && hist);
	/* Title block. */
	assert_non_null(strstr(b.s, "| Criticality | high |\n"
	    "| Model revision | 7 |\n| Catalogue version | test-1 \\<b\\>\\|"
	    "\\`\\*x\\*\\` |\n| Date | 2026-11-25T12:00:00Z |\n"));
	/* Summary: counts of applying risks by severity and status. */
	assert_non_null(strstr(b.s, "5 risks apply to this system; 1 more no "
	    "longer applies."));
	assert_non_null(strstr(b.s, "| Critical | 1 | 0 | 1 | 0 | 0 | 2 |\n"
	    "| High | 1 | 0 | 0 | 0 | 0 | 1 |\n"
	    "| Medium | 0 | 0 | 0 | 1 | 1 | 2 |\n"
	    "| Low | 0 | 0 | 0 | 0 | 0 | 0 |\n"
	    "| Total | 2 | 0 | 1 | 1 | 1 | 5 |\n"));
	/* The register has only what applies, highest first. */
	assert_true(strstr(reg, "### R1: gone.title") != NULL &&
	    strstr(reg, "### R1: gone.title") < acc);
	assert_true(strstr(reg, "`t-no-red-team@hostile-system`") > gone);
	assert_non_null(strstr(reg, "- **Severity:** critical (likelihood 4 x "
	    "impact 4)\n- **Status:** open\n"));
	assert_non_null(strstr(reg, "- **References:** guideline 1.3 "
	    "(Design your "));
	assert_non_null(strstr(reg, "atlas AML.T0051.000 (LLM Prompt "
	    "Injection: Direct)"));
	assert_non_null(strstr(reg, "- **References:** none: the threat is "
	    "no longer in the catalogue\n"));
	assert_non_null(strstr(reg, "| Mitigation | Status | Owner | Due | "
	    "Notes |\n| --- | --- | --- | --- | --- |\n| Screen prompts \\| "
	    "for \\<script\\>injected\\</script\\> \\`instructions\\` "
	    "(`m-input-guard`) | planned | t-prompt-injection\\@c-model/"
	    "m-input-guard.owner "));
	assert_non_null(strstr(reg, "- **Why it applies:**\n  - "
	    "t-prompt-injection\\@c-model.reason \\<script\\>"));
	/* Decisions with justification, who and when. */
	assert_non_null(strstr(acc, "| R4 Data crosses a boundary in the clear "
	    "| accepted | t-plain-flow\\@f-0.justification "));
	assert_non_null(strstr(acc, "| R5 Staff do not know the AI-specific "
	    "threats | not-applicable | "));
	assert_non_null(strstr(acc, " | 2026-11-21T09:30:00Z |\n"));
	assert_non_null(strstr(gone, "- Nobody has tried to break the model "
	    "(`t-no-red-team@hostile-system`): was medium, status "
	    "mitigating\n"));
	/* Practice answers and what is still unknown. */
	assert_non_null(strstr(prac, "| 1.1 | Are staff briefed \\| "
	    "\\<script\\>alert('q')\\</script\\> \\*emph\\* "
	    "\\[l\\](http\\://q)? (`q-staff-awareness`) | no | "
	    "practice.q-staff-awareness.note "));
	assert_non_null(strstr(prac, "| | `q-gone-from-catalogue` (no longer "
	    "in the catalogue) | yes | answered before the question was "
	    "dropped |\n"));
	assert_non_null(strstr(prac, "Practice questions not answered:\n\n"
	    "- Has the model been red-teamed? \\# not a heading "
	    "(`q-red-team`, subsection 4.1)\n"));
	assert_non_null(strstr(prac, "- Component c-inference-service.name "));
	assert_non_null(strstr(prac, "(`c-inference-service`): "));
	/* A flow with no name is named by its ends', escaped as they are. */
	assert_non_null(strstr(prac, "\n- Flow c-user.name "));
	assert_non_null(strstr(prac, " to c-agent.name "));
	assert_non_null(strstr(prac, " (`f-same`): "
	    "authenticated, encrypted, validated\n"));
	assert_null(strstr(prac, "\n- Flow (`f-same`)"));
	/* Sign-off, then the decisions of the history only. */
	assert_non_null(strstr(sign, "| Role | Name | Decision | Date |\n"
	    "| --- | --- | --- | --- |\n"
	    "| System owner | hostile-system.owner "));
	/* The risk owner a decision names signs for that risk. */
	assert_non_null(strstr(sign, "| Security reviewer | | | |\n"
	    "| Risk owner (1 risk) | t-plain-flow\\@f-0.owner "));
	assert_null(strstr(sign, "| Risk owner | | | |\n"));
	assert_non_null(strstr(hist, "| 2026-11-20T10:05:00Z | bob | "
	    "`t-plain-flow@f-0` | justification | history.old \\<script\\>"));
	assert_null(strstr(hist, "| created |"));
	assert_null(strstr(hist, "| dave |"));
	assert_null(strstr(hist, "| applies |"));
	buf_release(&b);
}

/*
 * The unanswered facts name biometric-data only where some flow carries
 * recordings or images: in a text-only system, nothing holds voiceprints
 * or face templates, and the field on every component is noise.
 */
static void
test_markdown_biometric_needs_media(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 b;
	const char	*facts;
	const unsigned	 media = DATA_BIT(DATA_AUDIO) | DATA_BIT(DATA_IMAGE) |
			    DATA_BIT(DATA_VIDEO);
	size_t		 i;

	for (i = 0; i < fx->model->ncomponents; i++)
		fx->model->components[i]->biometric_data = TRI_UNKNOWN;
	for (i = 0; i < fx->model->nflows; i++)
		fx->model->flows[i]->data &= ~media;
	render(fx, "markdown", &b);
	facts = strstr(b.s, "Facts about components and flows not answered:");
	assert_non_null(facts);
	assert_null(strstr(facts, "biometric-data"));
	buf_release(&b);
	fx->model->flows[0]->data |= DATA_BIT(DATA_AUDIO);
	render(fx, "markdown", &b);
	facts = strstr(b.s, "Facts about components and flows not answered:");
	assert_non_null(facts);
	assert_non_null(strstr(facts, "biometric-data"));
	buf_release(&b);
}

/*
 * Overdue mitigations on the report's date get their own section, oldest
 * due first, with owners; done or rejected ones and those of accepted
 * risks are left out, as on the dashboard.
 */
static void
test_markdown_overdue(void **state)
{
	struct fixture		*fx = *state;
	struct risk_mitigation	*rm;
	struct risk		*k;
	struct buf		 b;
	const char		*sec, *acc;
	size_t			 i, j, n = 0;

	render(fx, "markdown", &b);
	sec = strstr(b.s, "\n## Overdue mitigations\n\nNone on 2026-11-25.\n");
	assert_non_null(sec);
	buf_release(&b);
	for (i = 0; i < fx->reg.n; i++) {
		k = fx->reg.risks[i];
		for (j = 0; j < k->nmitigations; j++) {
			rm = &k->mitigations[j];
			free(rm->due);
			rm->due = xstrdup(n++ % 2 == 0 ? "2026-11-01" :
			    "2026-10-01");
			rm->status = MIT_PLANNED;
		}
	}
	render(fx, "markdown", &b);
	sec = strstr(b.s, "\n## Overdue mitigations\n\n");
	acc = strstr(b.s, "\n## Accepted and not-applicable risks\n");
	assert_true(sec != NULL && acc != NULL && sec < acc);
	assert_non_null(strstr(sec, " past their due date on 2026-11-25.\n\n"
	    "| Due | Mitigation | Owner | Status | Risk |\n"));
	/* Oldest first; an owner is shown escaped, a missing one said. */
	assert_true(strstr(sec, "| 2026-10-01 |") < strstr(sec,
	    "| 2026-11-01 |"));
	assert_true(strstr(sec, "| 2026-11-01 |") < acc);
	assert_true(strstr(sec, ".owner \\<script\\>") < acc);
	/* An accepted risk's mitigations are not overdue. */
	assert_true(strstr(sec, "t-plain-flow") == NULL ||
	    strstr(sec, "t-plain-flow") > acc);
	buf_release(&b);
}

/* --- every format ------------------------------------------------------- */

static void
test_exports_are_deterministic(void **state)
{
	struct fixture	*fx = *state;
	struct buf	 a, b;
	size_t		 i;

	for (i = 0; i < nexporters; i++) {
		render(fx, exporters[i].name, &a);
		render(fx, exporters[i].name, &b);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.s, b.s, a.len);
		buf_release(&a);
		buf_release(&b);
	}
	/* The date comes from the input only. */
	fx->in.generated_at = "2030-01-02T03:04:05Z";
	render(fx, "xml", &a);
	assert_non_null(strstr(a.s, "generated-at=\"2030-01-02T03:04:05Z\""));
	buf_release(&a);
	render(fx, "markdown", &a);
	assert_non_null(strstr(a.s, "| Date | 2030-01-02T03:04:05Z |\n"));
	buf_release(&a);
}

/*
 * JSON strings: quote and backslash escaped, every control character (C0,
 * DEL, C1) and U+2028/U+2029 as \uXXXX, bytes that are not UTF-8 as
 * U+FFFD, everything else as it is.
 */
static void
test_json_escape(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "plain café", "\"plain café\"" },
		{ "q\"b\\", "\"q\\\"b\\\\\"" },
		{ "\x1b[31m\x07\t\n\r", "\"\\u001b[31m\\u0007\\t\\n\\r\"" },
		{ "\x7f\xc2\x85", "\"\\u007f\\u0085\"" },
		{ "a\xe2\x80\xa8" "b\xe2\x80\xa9", "\"a\\u2028b\\u2029\"" },
		{ "\xff\xc3(", "\"\\ufffd\\ufffd(\"" },
	};
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		buf_init(&b);
		json_escape(&b, cases[i].in);
		assert_string_equal(b.s, cases[i].out);
		buf_release(&b);
	}
}

/* The yaml entry writes a model file that reads back to the same model. */
static void
check_yaml(const struct fixture *fx)
{
	struct model	*m;
	struct error	 e;
	struct buf	 b;

	render(fx, "yaml", &b);
	error_clear(&e);
	m = model_read_yaml(b.s, b.len, "export.yaml", &e);
	if (m == NULL)
		fail_msg("yaml export does not read back: %s", e.msg);
	m->revision = fx->model->revision;
	test_assert_same_model(fx->model, m);
	model_free(m);
	buf_release(&b);
}

static void
test_yaml_entry_writes_the_model(void **state)
{
	check_yaml(*state);
}

/* Every format on every starter model of templates/. */
static void
test_templates(void **state)
{
	struct fixture	 fx;
	struct error	 e;
	struct buf	 b;
	char		**files, *path;
	size_t		 n, i;

	(void)state;
	files = test_template_files(&n);
	for (i = 0; i < n; i++) {
		path = files[i];
		error_clear(&e);
		if (fixture_template(&fx, path, &e) == -1)
			fail_msg("%s: %s", path, e.msg);
		assert_true(fx.reg.n > 0);
		check_xml_round_trip(&fx);
		check_csv(&fx);
		check_dot(&fx);
		check_yaml(&fx);
		render(&fx, "markdown", &b);
		check_markdown(&fx, &b);
		buf_release(&b);
		fixture_release(&fx);
		free(path);
	}
	free(files);
	assert_true(n >= 5);
}

/* A model file of the tree exports to valid XML with attr, and comes back. */
static void
check_xml_file(const char *file, const char *attr)
{
	struct fixture	 fx;
	struct error	 e;
	struct buf	 b;
	char		*path;

	path = src_path(file);
	error_clear(&e);
	if (fixture_template(&fx, path, &e) == -1)
		fail_msg("%s: %s", path, e.msg);
	render(&fx, "xml", &b);
	assert_non_null(strstr(b.s, attr));
	buf_release(&b);
	check_xml_round_trip(&fx);
	fixture_release(&fx);
	free(path);
}

/*
 * The words added to format 1 for a sandbox zone, a flow to the data's
 * own controller, a store's retention and an index's access control validate against the schema and come back from XML.
 */
static void
test_xml_sandbox_and_controller(void **state)
{
	(void)state;
	check_xml_file("tests/threats/agent-tool-exfiltration/"
	    "quiet-analyst.yaml", " trust=\"sandbox\"");
	check_xml_file("tests/threats/boundary-less-trusted-holds-sensitive/"
	    "quiet-airline.yaml", " to-controller=\"true\"");
	check_xml_file("tests/data/calibration/call-recordings.yaml",
	    " retention=\"limited\"");
	check_xml_file("tests/threats/rag-access-control-gap/"
	    "quiet-client-index.yaml", " access-control=\"per-user\"");
	check_xml_file("tests/threats/rag-access-control-gap/"
	    "quiet-team-index.yaml", " access-control=\"uniform\"");
	check_xml_file("tests/threats/rag-access-control-gap/"
	    "fires-deal-index.yaml", " access-control=\"none\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_lists_every_format),
		cmocka_unit_test_setup_teardown(
		    test_xml_hostile_validates_and_round_trips, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test(test_xml_text_notation_is_reversible),
		cmocka_unit_test_setup_teardown(
		    test_xml_texts_follow_the_tables, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test_setup_teardown(test_xml_core_is_the_spec,
		    setup_hostile, teardown_fixture),
		cmocka_unit_test(test_xml_read_refuses_dtds_and_entities),
		cmocka_unit_test(test_xml_read_bounds_before_parsing),
		cmocka_unit_test(test_xml_read_reports_errors_with_lines),
		cmocka_unit_test(test_xml_read_refuses_numbers_out_of_range),
		cmocka_unit_test(test_xml_reason_kind_with_and_without_attribute),
		cmocka_unit_test_setup_teardown(test_csv_hostile_parses_back,
		    setup_hostile, teardown_fixture),
		cmocka_unit_test_setup_teardown(test_csv_defuses_formulas,
		    setup_hostile, teardown_fixture),
		cmocka_unit_test_setup_teardown(
		    test_dot_hostile_labels_are_literal, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test_setup_teardown(
		    test_markdown_hostile_is_literal, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test_setup_teardown(test_markdown_sections,
		    setup_hostile, teardown_fixture),
		cmocka_unit_test_setup_teardown(
		    test_markdown_biometric_needs_media, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test_setup_teardown(test_markdown_overdue,
		    setup_hostile, teardown_fixture),
		cmocka_unit_test_setup_teardown(
		    test_exports_are_deterministic, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test_setup_teardown(
		    test_yaml_entry_writes_the_model, setup_hostile,
		    teardown_fixture),
		cmocka_unit_test(test_templates),
		cmocka_unit_test(test_xml_sandbox_and_controller),
		cmocka_unit_test(test_json_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

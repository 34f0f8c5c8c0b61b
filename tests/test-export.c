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

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "catalogue/catalogue.h"
#include "export-fixture.h"
#include "export/export-int.h"
#include "export/export.h"
#include "export/xml-read.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

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
	    "yaml" };
	size_t	i, j;

	(void)state;
	assert_int_equal(nexporters, 5);
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
	const char		*srcdir = getenv("srcdir");
	char			*path;

	path = xasprintf("%s/data/parapet.xsd", srcdir ? srcdir : ".");
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
assert_same_string(const char *what, const char *a, const char *b)
{
	if (a == NULL && b == NULL)
		return;
	if (a == NULL || b == NULL)
		fail_msg("%s: '%s' != '%s'", what, a ? a : "(null)",
		    b ? b : "(null)");
	if (strcmp(a, b) != 0)
		fail_msg("%s: '%s' != '%s'", what, a, b);
}

/* Every field of two objects, through the field tables. */
static void
assert_same_object(const void *a, const void *b, enum objtype t)
{
	const struct field	*f;
	size_t			 i, n;
	char			*va, *vb;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		va = field_get(a, &f[i]);
		vb = field_get(b, &f[i]);
		assert_same_string(f[i].name, va, vb);
		free(va);
		free(vb);
	}
}

static void
assert_same_model(const struct model *a, const struct model *b)
{
	size_t	i;

	assert_same_object(&a->system, &b->system, OBJ_SYSTEM);
	assert_int_equal(a->nboundaries, b->nboundaries);
	for (i = 0; i < a->nboundaries; i++)
		assert_same_object(a->boundaries[i], b->boundaries[i],
		    OBJ_BOUNDARY);
	assert_int_equal(a->ncomponents, b->ncomponents);
	for (i = 0; i < a->ncomponents; i++)
		assert_same_object(a->components[i], b->components[i],
		    OBJ_COMPONENT);
	assert_int_equal(a->nflows, b->nflows);
	for (i = 0; i < a->nflows; i++)
		assert_same_object(a->flows[i], b->flows[i], OBJ_FLOW);
	assert_int_equal(a->npractices, b->npractices);
	for (i = 0; i < a->npractices; i++) {
		assert_string_equal(a->practices[i]->id, b->practices[i]->id);
		assert_int_equal(a->practices[i]->answer,
		    b->practices[i]->answer);
		assert_same_string("note", a->practices[i]->note,
		    b->practices[i]->note);
	}
	assert_int_equal(a->revision, b->revision);
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
		assert_same_string("title", export_risk_title(in, x),
		    y->title);
		assert_int_equal(x->likelihood, y->likelihood);
		assert_int_equal(x->impact, y->impact);
		assert_int_equal(x->severity, y->severity);
		assert_int_equal(x->applies, y->applies);
		assert_int_equal(x->status, y->status);
		assert_same_string("owner", x->owner, y->owner);
		assert_same_string("justification", x->justification,
		    y->justification);
		assert_same_string("decided_by", x->decided_by,
		    y->decided_by);
		assert_same_string("decided_at", x->decided_at,
		    y->decided_at);
		assert_int_equal(x->nreasons, y->nreasons);
		for (j = 0; j < x->nreasons; j++)
			assert_same_string("reason", x->reasons[j],
			    y->reasons[j]);
		assert_int_equal(x->nmitigations, y->nmitigations);
		for (j = 0; j < x->nmitigations; j++) {
			assert_string_equal(x->mitigations[j].id,
			    y->mitigations[j].id);
			assert_int_equal(x->mitigations[j].status,
			    y->mitigations[j].status);
			assert_same_string("m.owner", x->mitigations[j].owner,
			    y->mitigations[j].owner);
			assert_same_string("m.due", x->mitigations[j].due,
			    y->mitigations[j].due);
			assert_same_string("m.notes", x->mitigations[j].notes,
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
		assert_same_string("at", a[i].at, b[i].at);
		assert_same_string("who", a[i].who, b[i].who);
		assert_same_string("system", a[i].system, b[i].system);
		assert_same_string("object", a[i].object, b[i].object);
		assert_same_string("field", a[i].field, b[i].field);
		assert_same_string("old", a[i].old_value, b[i].old_value);
		assert_same_string("new", a[i].new_value, b[i].new_value);
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
	assert_same_model(fx->model, back.model);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_lists_every_format),
		cmocka_unit_test_setup_teardown(
		    test_xml_hostile_validates_and_round_trips, setup_hostile,
		    teardown_fixture),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * testlib.c: what several unit tests need from the source tree.
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

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "testlib.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

char *
src_path(const char *rel)
{
	const char	*top = getenv("srcdir");

	if (top == NULL || *top == '\0')
		top = PARAPET_SRCDIR;
	return xasprintf("%s/%s", top, rel);
}

char *
test_read_src(const char *rel, struct error *err)
{
	char	*path = src_path(rel), *text;

	error_clear(err);
	text = file_read(path, 1 << 20, NULL, err);
	free(path);
	return text;
}

char *
test_src_text(const char *rel)
{
	struct error	 e;
	struct buf	 b;
	char		*text;

	if ((text = test_read_src(rel, &e)) == NULL) {
		buf_init(&b);
		error_format(&e, &b);
		fprintf(stderr, "%s\n", b.s);
		buf_release(&b);
	}
	return text;
}

char *
test_mdoc_part(const char *page, const char *start)
{
	const char	*p = page, *end, *el;
	char		 level[6];

	snprintf(level, sizeof level, "\n%.3s ", start);
	for (;;) {
		if (strncmp(p, start, strlen(start)) == 0 &&
		    (p[strlen(start)] == '\n' || p[strlen(start)] == ' '))
			break;
		if ((p = strchr(p, '\n')) == NULL)
			return NULL;
		p++;
	}
	end = strstr(p + 1, level);
	if (strcmp(level, "\n.It ") == 0 && (el = strstr(p + 1, "\n.El")) !=
	    NULL && (end == NULL || el < end))
		end = el;
	return end != NULL ? xstrndup(p, (size_t)(end - p + 1)) : xstrdup(p);
}

char *
test_flatten(const char *text)
{
	char	*s = xstrdup(text), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

char *
test_mdoc_literal(const char *p)
{
	const char	*end;
	struct buf	 b;

	if ((p = strstr(p, ".Bd -literal")) == NULL ||
	    (p = strchr(p, '\n')) == NULL ||
	    (end = strstr(++p, ".Ed\n")) == NULL)
		return NULL;
	buf_init(&b);
	for (; p < end; p++) {
		if (p[0] == '\\' && p[1] == 'e') {
			buf_addc(&b, '\\');
			p++;
		} else if (p[0] == '\\' && p[1] == '&')
			p++;
		else
			buf_addc(&b, *p);
	}
	return buf_detach(&b);
}

struct catalogue *
test_catalogue(struct error *err)
{
	struct catalogue	*cat = catalogue_new();
	char			*tax = src_path("data/taxonomy.yaml");
	int			 rc;

	rc = catalogue_load_taxonomy(cat, tax, err);
	free(tax);
	if (rc == -1) {
		catalogue_free(cat);
		return NULL;
	}
	return cat;
}

/* Finish a catalogue loaded so far with rc; NULL (freed) on an error. */
static struct catalogue *
test_catalogue_finish(struct catalogue *c, int rc, struct error *err)
{
	if (rc == 0)
		rc = catalogue_finish(c, err);
	if (rc == -1) {
		catalogue_free(c);
		return NULL;
	}
	return c;
}

struct catalogue *
test_catalogue_with(const char *file, const char *text, struct error *err)
{
	struct catalogue	*c;
	int			 rc;

	if ((c = test_catalogue(err)) == NULL)
		return NULL;
	if (text != NULL)
		rc = catalogue_load_text(c, text, strlen(text), file, err);
	else
		rc = catalogue_load_file(c, file, err);
	return test_catalogue_finish(c, rc, err);
}

struct catalogue *
test_catalogue_src(const char *rel)
{
	struct catalogue	*c;
	struct error		 err;
	char			*file = src_path(rel);

	c = test_catalogue_with(file, NULL, &err);
	free(file);
	if (c == NULL)
		fprintf(stderr, "%s:%lu:%lu: %s\n", err.file, err.line,
		    err.col, err.msg);
	return c;
}

char **
test_template_files(size_t *n)
{
	struct error	 err;
	char		*dir = src_path("templates"), **files;

	if (catalogue_dir_files(dir, &files, n, &err) == -1)
		fail_msg("%s", err.msg);
	free(dir);
	if (*n == 0)
		fail_msg("no templates in the source tree");
	return files;
}

struct catalogue *
test_standard_catalogue(struct error *err)
{
	struct catalogue	*c;
	char			*dir;
	char			**files = NULL;
	size_t			 n = 0, i;
	int			 rc;

	if ((c = test_catalogue(err)) == NULL)
		return NULL;
	dir = src_path("data/catalogue");
	rc = catalogue_dir_files(dir, &files, &n, err);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = catalogue_load_file(c, files[i], err);
		free(files[i]);
	}
	free(files);
	free(dir);
	if (rc == 0 && n == 0)
		rc = error_set(err, "no catalogue files in data/catalogue");
	return test_catalogue_finish(c, rc, err);
}

int
test_analyze_all(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct error *err)
{
	struct risk_register	 pending;
	size_t			 i;
	int			 rc;

	risk_register_init(reg);
	risk_register_init(&pending);
	rc = analyze_unknowns(cat, m, reg, &pending, err);
	for (i = 0; i < pending.n; i++) {
		analyze_provisional(pending.risks[i]);
		risk_register_take(reg, pending.risks[i]);
	}
	pending.n = 0;
	risk_register_release(&pending);
	risk_register_sort(reg);
	return rc;
}

struct model *
test_model_yaml(const char *yaml)
{
	struct model	*m;
	struct error	 err;

	m = model_read_yaml(yaml, strlen(yaml), "test.yaml", &err);
	if (m == NULL)
		fail_msg("model: %lu:%lu: %s", err.line, err.col, err.msg);
	return m;
}

struct model *
test_small_model(void)
{
	struct model		*m = model_new();
	struct boundary		*b;
	struct component	*c;
	struct flow		*f;

	m->system.id = xstrdup("sys");
	m->system.name = xstrdup("Support assistant");
	b = model_add_boundary(m, "internet");
	b->name = xstrdup("Public internet");
	b->trust = TRUST_UNTRUSTED;
	b = model_add_boundary(m, "cloud");
	b->name = xstrdup("Cloud");
	b->trust = TRUST_INTERNAL;
	c = model_add_component(m, "user", KIND_USER);
	c->name = xstrdup("Customer");
	c->boundary = xstrdup("internet");
	c = model_add_component(m, "app", KIND_APPLICATION);
	c->name = xstrdup("App");
	c->boundary = xstrdup("cloud");
	c = model_add_component(m, "llm", KIND_MODEL);
	c->name = xstrdup("LLM");
	c->boundary = xstrdup("cloud");
	f = model_add_flow(m, "ask", "user", "app");
	f->data = DATA_BIT(DATA_PROMPT) | DATA_BIT(DATA_PERSONAL_DATA);
	model_add_flow(m, "complete", "app", "llm");
	return m;
}

size_t
test_count(const struct risk_register *reg, const char *threat)
{
	size_t	i, n = 0;

	for (i = 0; i < reg->n; i++)
		if (strcmp(reg->risks[i]->threat, threat) == 0)
			n++;
	return n;
}

const struct risk *
test_must_find(const struct risk_register *reg, const char *threat,
    const char *target)
{
	const struct risk	*k = risk_register_find(reg, threat, target);

	if (k == NULL)
		fail_msg("no risk %s@%s", threat, target);
	return k;
}

void
test_assert_same_string(const char *what, const char *a, const char *b)
{
	if (a == NULL && b == NULL)
		return;
	if (a == NULL || b == NULL)
		fail_msg("%s: '%s' != '%s'", what, a ? a : "(null)",
		    b ? b : "(null)");
	if (strcmp(a, b) != 0)
		fail_msg("%s: '%s' != '%s'", what, a, b);
}

/* Every field of two objects of a type, through the field tables. */
static void
test_assert_same_object(const void *a, const void *b, enum objtype t,
    size_t i)
{
	const struct field	*f;
	size_t			 j, n;
	char			*va, *vb, *what;

	f = model_fields(t, &n);
	for (j = 0; j < n; j++) {
		va = field_get(a, &f[j]);
		vb = field_get(b, &f[j]);
		what = xasprintf("%s %zu field %s", objtype_name(t), i,
		    f[j].name);
		test_assert_same_string(what, va, vb);
		free(what);
		free(va);
		free(vb);
	}
}

void
test_assert_same_model(const struct model *a, const struct model *b)
{
	size_t	i;

	test_assert_same_object(&a->system, &b->system, OBJ_SYSTEM, 0);
	assert_int_equal(a->nboundaries, b->nboundaries);
	for (i = 0; i < a->nboundaries; i++)
		test_assert_same_object(a->boundaries[i], b->boundaries[i],
		    OBJ_BOUNDARY, i);
	assert_int_equal(a->ncomponents, b->ncomponents);
	for (i = 0; i < a->ncomponents; i++)
		test_assert_same_object(a->components[i], b->components[i],
		    OBJ_COMPONENT, i);
	assert_int_equal(a->nflows, b->nflows);
	for (i = 0; i < a->nflows; i++)
		test_assert_same_object(a->flows[i], b->flows[i], OBJ_FLOW,
		    i);
	assert_int_equal(a->npractices, b->npractices);
	for (i = 0; i < a->npractices; i++) {
		assert_string_equal(a->practices[i]->id, b->practices[i]->id);
		assert_int_equal(a->practices[i]->answer,
		    b->practices[i]->answer);
		test_assert_same_string("practice note", a->practices[i]->note,
		    b->practices[i]->note);
	}
}

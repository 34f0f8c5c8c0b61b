/*
 * test-manpage-model.c: man/parapet-model.5 documents every field, kind,
 * value and data class of the tables, with its type, the kinds it applies
 * to and its help text, and its example is a model Parapet reads; and
 * parapet-catalogue(5) names each field and word added to format 1 since.
 * Adding a field or a word without documenting it fails here.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

#include "testlib.h"

static char	*page;		/* the whole man page */

static int
setup(void **state)
{
	(void)state;
	page = test_src_text("man/parapet-model.5");
	return page == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(page);
	return 0;
}

/* The line of text that starts with prefix followed by a space or end. */
static char *
line_of(const char *text, const char *prefix)
{
	const char	*p = text, *nl;
	size_t		 n = strlen(prefix);

	for (; p != NULL && *p != '\0'; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (strncmp(p, prefix, n) == 0 &&
		    (p[n] == ' ' || p[n] == '\n' || p[n] == '\0'))
			return xstrndup(p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
	}
	return NULL;
}

/* Help text as the page writes it: a sentence with a capital letter. */
static void
assert_help(const char *where, const char *text, const char *help,
    const char *what)
{
	char	*flat = test_flatten(text), *want = xstrdup(help);

	want[0] = (char)toupper((unsigned char)want[0]);
	if (strstr(flat, want) == NULL)
		fail_msg("%s: the help of '%s' is not in the page: \"%s\"",
		    where, what, want);
	free(want);
	free(flat);
}

/* The section of the page for each object type. */
static const char *const sections[OBJ_COUNT] = {
	".Sh SYSTEM", ".Sh BOUNDARIES", ".Sh COMPONENTS", ".Sh FLOWS"
};

/* How the page names a field's type. */
static const char *
type_words(const struct field *f)
{
	switch (f->type) {
	case FIELD_TEXT:
		return "text";
	case FIELD_ID:
	case FIELD_REF:
		return "identifier";
	case FIELD_KIND:
		return "kind";
	case FIELD_ENUM:
		return "word";
	case FIELD_BOOL:
		return "boolean";
	case FIELD_SET:
		return "list of words";
	}
	return "?";
}

/*
 * 1 if an item line names a kind after its type:
 * ".It Ic origin Pq word; Cm dataset , data-source , vector-store".
 */
static int
names_kind(const char *head, const char *kind)
{
	const char	*p = strstr(head, "; Cm ");
	char		*words, *w, *save;
	int		 found = 0;

	if (p == NULL)
		return 0;
	words = xstrdup(p + 5);
	for (w = strtok_r(words, " ,", &save); w != NULL;
	    w = strtok_r(NULL, " ,", &save))
		if (strcmp(w, kind) == 0)
			found = 1;
	free(words);
	return found;
}

/* Every field has an item in its section with type, kinds and help. */
static void
test_every_field_is_documented(void **state)
{
	const struct field	*f;
	size_t			 n, i, k;
	char			*sec, *item, *head, *want;
	int			 t;

	(void)state;
	for (t = 0; t < OBJ_COUNT; t++) {
		if ((sec = test_mdoc_part(page, sections[t])) == NULL)
			fail_msg("no section '%s'", sections[t]);
		f = model_fields(t, &n);
		for (i = 0; i < n; i++) {
			want = xasprintf(".It Ic %s", f[i].name);
			if ((head = line_of(sec, want)) == NULL)
				fail_msg("%s: no item for field '%s'",
				    sections[t], f[i].name);
			if (strstr(head, type_words(&f[i])) == NULL)
				fail_msg("%s: '%s' should say its type is "
				    "'%s': %s", sections[t], f[i].name,
				    type_words(&f[i]), head);
			if ((f[i].flags & FIELD_REQUIRED) !=
			    (strstr(head, "required") != NULL ?
			    FIELD_REQUIRED : 0))
				fail_msg("%s: '%s' is %srequired: %s",
				    sections[t], f[i].name,
				    f[i].flags & FIELD_REQUIRED ? "" : "not ",
				    head);
			/* Kind-specific fields name exactly their kinds. */
			for (k = 0; t == OBJ_COMPONENT && k < vocab_kind.n;
			    k++) {
				if (f[i].kinds != KIND_ALL &&
				    field_applies(&f[i], (int)k) !=
				    names_kind(head, vocab_kind.words[k].name))
					fail_msg("'%s' %s kind '%s': %s",
					    f[i].name, field_applies(&f[i],
					    (int)k) ? "applies to" :
					    "does not apply to",
					    vocab_kind.words[k].name, head);
			}
			if (t == OBJ_COMPONENT && f[i].kinds == KIND_ALL &&
			    strstr(head, "; Cm") != NULL)
				fail_msg("'%s' applies to every kind: %s",
				    f[i].name, head);
			item = test_mdoc_part(strstr(sec, head), want);
			assert_help(sections[t], item, f[i].help, f[i].name);
			free(item);
			free(head);
			free(want);
		}
		free(sec);
	}
}

/* Every kind has an item in COMPONENTS with its help text. */
static void
test_every_kind_is_documented(void **state)
{
	char	*sec, *sub, *want, *line;
	size_t	 i;

	(void)state;
	assert_non_null(sec = test_mdoc_part(page, ".Sh COMPONENTS"));
	assert_non_null(sub = test_mdoc_part(sec, ".Ss Kinds"));
	for (i = 0; i < vocab_kind.n; i++) {
		want = xasprintf(".It Cm %s", vocab_kind.words[i].name);
		if ((line = line_of(sub, want)) == NULL)
			fail_msg("no item for kind '%s'",
			    vocab_kind.words[i].name);
		assert_help("Kinds", sub, vocab_kind.words[i].help,
		    vocab_kind.words[i].name);
		free(line);
		free(want);
	}
	free(sub);
	free(sec);
}

/*
 * Every word of every enumerated or list field (trust levels, model types,
 * data classes, ...) has an item, with its help, in the subsection of
 * VOCABULARIES that names the field.
 */
static void
test_every_word_is_documented(void **state)
{
	const struct field	*f;
	const struct vocab	*v;
	size_t			 n, i, w;
	char			*sec, *ss, *sub, *want, *line;
	int			 t, checked = 0;

	(void)state;
	assert_non_null(sec = test_mdoc_part(page, ".Sh VOCABULARIES"));
	for (t = 0; t < OBJ_COUNT; t++) {
		f = model_fields(t, &n);
		for (i = 0; i < n; i++) {
			if (f[i].type != FIELD_ENUM && f[i].type != FIELD_SET)
				continue;
			v = f[i].vocab;
			/* ".Ss Data classes Pq Ic data" */
			want = xasprintf("Pq Ic %s\n", f[i].name);
			if ((ss = strstr(sec, want)) == NULL)
				fail_msg("VOCABULARIES: no subsection for "
				    "'%s'", f[i].name);
			while (ss > sec && ss[-1] != '\n')
				ss--;
			free(want);
			line = xstrndup(ss, (size_t)(strchr(ss, '\n') - ss));
			assert_non_null(sub = test_mdoc_part(ss, line));
			free(line);
			for (w = 0; w < v->n; w++) {
				want = xasprintf(".It Cm %s", v->words[w].name);
				if ((line = line_of(sub, want)) == NULL)
					fail_msg("no item for %s '%s'",
					    v->name, v->words[w].name);
				assert_help(f[i].name, sub, v->words[w].help,
				    v->words[w].name);
				free(line);
				free(want);
				checked++;
			}
			free(sub);
		}
	}
	free(sec);
	/* Trust, criticality, provider, exposure, model type, ... */
	assert_true(checked >= 50);
}

/* The practices section: every answer word, with its help. */
static void
test_practices_are_documented(void **state)
{
	char	*sec, *want, *line;
	size_t	 i;

	(void)state;
	assert_non_null(sec = test_mdoc_part(page, ".Sh PRACTICES"));
	for (i = 0; i < vocab_answer.n; i++) {
		want = xasprintf(".It Cm %s", vocab_answer.words[i].name);
		if ((line = line_of(sec, want)) == NULL)
			fail_msg("PRACTICES: no item for answer '%s'",
			    vocab_answer.words[i].name);
		assert_help("PRACTICES", sec, vocab_answer.words[i].help,
		    vocab_answer.words[i].name);
		free(line);
		free(want);
	}
	assert_non_null(strstr(sec, "answer:"));
	assert_non_null(strstr(sec, "note:"));
	free(sec);
}

/*
 * The example of PRACTICES names questions of the standard catalogue, so
 * that a reader who copies it gets a file that imports.
 */
static void
test_practices_example_names_questions(void **state)
{
	struct error	 err;
	char		*questions, *sec, *p, *end, *key, *want;
	size_t		 n = 0, len;

	(void)state;
	questions = test_read_src("data/catalogue/00-questions.yaml", &err);
	assert_non_null(questions);
	assert_non_null(sec = test_mdoc_part(page, ".Sh PRACTICES"));
	assert_non_null(p = strstr(sec, "\npractices:\n"));
	p += strlen("\npractices:\n");
	assert_non_null(end = strstr(p, ".Ed\n"));
	while (p < end) {
		/* A key is a line indented by two spaces, up to its colon. */
		if (p[0] == ' ' && p[1] == ' ' && p[2] != ' ') {
			len = strcspn(p + 2, ":\n");
			key = xasprintf("%.*s", (int)len, p + 2);
			want = xasprintf("  - id: %s\n", key);
			if (strstr(questions, want) == NULL)
				fail_msg("PRACTICES: example names '%s', not "
				    "a question of the catalogue", key);
			n++;
			free(want);
			free(key);
		}
		p = strchr(p, '\n') + 1;
	}
	assert_true(n >= 3);
	free(sec);
	free(questions);
}

/* Unknown booleans are documented as "not known yet" and risky. */
static void
test_unknown_booleans_are_explained(void **state)
{
	char	*flat;

	(void)state;
	flat = test_flatten(page);
	assert_non_null(strstr(flat, "absent means .Dq not known yet"));
	assert_non_null(strstr(flat, "treats an unknown answer as the risky "
	    "one"));
	free(flat);
}

/* 1 if a word is one of a NULL-terminated list. */
static int
in_list(const char *const *list, const char *word)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, word) == 0)
			return 1;
	return 0;
}

/* 1 if a word stands alone in text (between spaces, commas, semicolons). */
static int
has_word(const char *text, const char *word)
{
	const char	*p = text;
	size_t		 n = strlen(word);

	while ((p = strstr(p, word)) != NULL) {
		if ((p == text || strchr(" ,;(", p[-1]) != NULL) &&
		    (p[n] == '\0' || strchr(" ,;)", p[n]) != NULL))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * parapet-catalogue(5) lists what was added to format 1 since its
 * contract (model-format.md) fixed the first fields and words, which
 * never change:
 * every field a condition can test, every word of the first fields'
 * vocabularies and every data class added since is named there, so
 * that the list stays true as words are added.
 */
static void
test_catalogue_page_lists_additions(void **state)
{
	static const char *const first_fields[] = {
		"criticality", "trust", "provider", "exposure",
		"untrusted-input", "personal-data", "confidential-data",
		"model-type", "fine-tuned", "learns-from-feedback",
		"open-weights", "system-prompt", "weights-format",
		"authenticated", "rate-limited", "returns-scores", "origin",
		"integrity-verified", "can-act", "executes-code",
		"human-approval", "watches", "data", "encrypted", NULL
	};
	static const char *const first_words[] = {
		"untrusted", "partner", "internal", "restricted", "llm",
		"classifier", "regressor", "vision", "speech", "recommender",
		"embedding", "image-generation", "other", "prompt",
		"model-output", "training-data", "model-weights", "embeddings",
		"documents", "personal-data", "credentials", "feedback",
		"telemetry", "tool-call", "configuration", NULL
	};
	const struct vocab *const vocabs[] = {
		&vocab_trust, &vocab_model_type, &vocab_data_class
	};
	const struct field	*f;
	char			*cat, *flat, *from, *to;
	size_t			 n, i, v;
	int			 t;

	(void)state;
	assert_non_null(cat = test_src_text("man/parapet-catalogue.5"));
	flat = test_flatten(cat);
	from = strstr(flat, "those added to format 1 since");
	assert_non_null(from);
	to = strstr(from, ".Ss Named conditions");
	assert_non_null(to);
	*to = '\0';
	for (t = 0; t < OBJ_COUNT; t++) {
		f = model_fields(t, &n);
		for (i = 0; i < n; i++)
			if ((f[i].type == FIELD_BOOL ||
			    f[i].type == FIELD_ENUM ||
			    f[i].type == FIELD_SET) &&
			    !in_list(first_fields, f[i].name) &&
			    !has_word(from, f[i].name))
				fail_msg("parapet-catalogue(5) does not list "
				    "field '%s' among those added to format 1",
				    f[i].name);
	}
	for (v = 0; v < sizeof vocabs / sizeof *vocabs; v++)
		for (i = 0; i < vocabs[v]->n; i++)
			if (!in_list(first_words, vocabs[v]->words[i].name) &&
			    !has_word(from, vocabs[v]->words[i].name))
				fail_msg("parapet-catalogue(5) does not list "
				    "word '%s' among those added to format 1",
				    vocabs[v]->words[i].name);
	free(flat);
	free(cat);
}

/* The example of EXAMPLES, with mdoc escapes undone, is a valid model. */
static void
test_example_reads(void **state)
{
	struct model	*m;
	struct error	 err;
	struct buf	 msg;
	char		*sec, *yaml;

	(void)state;
	assert_non_null(sec = test_mdoc_part(page, ".Sh EXAMPLES"));
	assert_non_null(yaml = test_mdoc_literal(sec));
	error_clear(&err);
	if ((m = model_read_yaml(yaml, strlen(yaml), "EXAMPLES", &err)) ==
	    NULL) {
		buf_init(&msg);
		error_format(&err, &msg);
		fail_msg("%s", msg.s);
	}
	assert_int_equal(m->nboundaries, 3);
	assert_int_equal(m->ncomponents, 5);
	assert_int_equal(m->nflows, 4);
	model_free(m);
	free(yaml);
	free(sec);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_field_is_documented),
		cmocka_unit_test(test_every_kind_is_documented),
		cmocka_unit_test(test_every_word_is_documented),
		cmocka_unit_test(test_practices_are_documented),
		cmocka_unit_test(test_practices_example_names_questions),
		cmocka_unit_test(test_unknown_booleans_are_explained),
		cmocka_unit_test(test_catalogue_page_lists_additions),
		cmocka_unit_test(test_example_reads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

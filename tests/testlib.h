/*
 * testlib.h: what several unit tests need from the source tree.
 *
 * Helpers that fail the test (cmocka's fail_msg) are for cmocka tests.
 * Paths are under $srcdir when make sets it (make distcheck builds
 * elsewhere), else under the source tree configure was run from.
 */
#ifndef PARAPET_TESTLIB_H
#define PARAPET_TESTLIB_H

#include <stddef.h>

struct catalogue;
struct error;
struct risk;
struct risk_register;

/* A path under the source tree; the caller's to free. */
char			*src_path(const char *);
/*
 * The text of a file under the source tree (a man page: up to 1 MiB),
 * the caller's to free; NULL with err set.
 */
char			*test_read_src(const char *, struct error *);
/*
 * test_read_src() for a test's setup: NULL after printing the error
 * (FILE: message) to stderr.
 */
char			*test_src_text(const char *);
/*
 * A part of a man page, a copy the caller frees: from the line that starts
 * with start (".Sh FLOWS") to the next line that starts with a macro of
 * the same level (".Sh "; an item also ends with its list), or NULL if
 * there is no such part.
 */
char			*test_mdoc_part(const char *page, const char *start);
/* Text with newlines as spaces (sentences that wrap), the caller's. */
char			*test_flatten(const char *);
/*
 * The first literal display of a man page at or after p (".Bd -literal"
 * to ".Ed"), with the mdoc escapes \e and \& undone; the caller's to
 * free, or NULL if there is none.
 */
char			*test_mdoc_literal(const char *p);

/*
 * A new catalogue with the source tree's taxonomy (data/taxonomy.yaml)
 * loaded, or NULL with err set.
 */
struct catalogue	*test_catalogue(struct error *);
/*
 * test_catalogue() with one catalogue file loaded and the whole finished:
 * the file's text when text is not NULL (file then only names it in
 * errors), else the file read. NULL with err set if any of it fails.
 */
struct catalogue	*test_catalogue_with(const char *file,
			     const char *text, struct error *);
/*
 * test_catalogue_with() for a file under the source tree, for a test's
 * setup: NULL after printing the error (FILE:LINE:COL: message) to stderr.
 */
struct catalogue	*test_catalogue_src(const char *rel);
/*
 * The starter models of the source tree (the YAML files of templates),
 * sorted: the caller frees each path and the array. Fails the test if
 * there are none.
 */
char			**test_template_files(size_t *n);
/*
 * The standard catalogue of the source tree (the taxonomy and every file
 * of data/catalogue/, finished), without user files; NULL with err set.
 */
struct catalogue	*test_standard_catalogue(struct error *);

/*
 * Analyze a model into reg (initialised here): its risks, and the
 * findings that stand only on unanswered fields as the provisional risks
 * a session keeps once people decided on them, sorted. 0, or -1 with err
 * set.
 */
struct model;
int			 test_analyze_all(const struct catalogue *,
			     const struct model *, struct risk_register *,
			     struct error *);

/* A model read from YAML text ("test.yaml"); the test fails if it is bad. */
struct model		*test_model_yaml(const char *);
/*
 * A small valid model: internet user -> app -> llm (cloud), the user's
 * prompt and personal data crossing into the cloud.
 */
struct model		*test_small_model(void);

/*
 * Fail the test, naming what, unless a and b are both NULL or the same
 * text.
 */
void			 test_assert_same_string(const char *what,
			     const char *a, const char *b);
/*
 * Fail the test unless two models are the same: every field of every
 * object through the field tables, in order, and the practices with their
 * answers and notes. The revision is not compared.
 */
void			 test_assert_same_model(const struct model *,
			     const struct model *);

/* The number of risks of a threat in a register. */
size_t			 test_count(const struct risk_register *,
			     const char *threat);
/* A risk of the register, or a failure naming it. */
const struct risk	*test_must_find(const struct risk_register *,
			     const char *threat, const char *target);

#endif

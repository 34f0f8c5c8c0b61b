/* test-util.c: buffers, errors, UTF-8 and hostile text, files, maps. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"

static void
test_buf_grows_and_formats(void **state)
{
	struct buf	b;
	int		i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i);
	assert_int_equal(strlen(b.s), b.len);
	assert_true(strncmp(b.s, "0,1,2,", 6) == 0);
	assert_non_null(strstr(b.s, "999,"));
	buf_truncate(&b, 2);
	assert_string_equal(b.s, "0,");
	buf_release(&b);
}

/*
 * buf_addf() appends the formats it knows (%s, %d, %+d, %u, %zu, %%)
 * without printf: each writes what snprintf writes, at the edges of the
 * types too, and a format with anything else still goes to printf.
 */
static void
test_buf_formats_as_printf_does(void **state)
{
	struct buf	b;
	char		want[256];

	(void)state;
	buf_init(&b);
	buf_addf(&b, "%d|%d|%d|%+d|%+d|%+d|%u|%u|%zu|%zu|100%%|%s|%s'%s'",
	    0, -7, INT_MIN, 0, -3, INT_MAX, 0u, UINT_MAX, (size_t)0,
	    SIZE_MAX, "", "text", "q");
	snprintf(want, sizeof want,
	    "%d|%d|%d|%+d|%+d|%+d|%u|%u|%zu|%zu|100%%|%s|%s'%s'",
	    0, -7, INT_MIN, 0, -3, INT_MAX, 0u, UINT_MAX, (size_t)0,
	    SIZE_MAX, "", "text", "q");
	assert_string_equal(b.s, want);
	assert_int_equal(b.len, strlen(want));
	buf_reset(&b);
	/* Not one of those: printf's own. */
	buf_addf(&b, "%-4s|%03d|%.2s|%ld|%x", "ab", 7, "xyz", -5L, 255u);
	assert_string_equal(b.s, "ab  |007|xy|-5|ff");
	buf_reset(&b);
	buf_addf(&b, "no conversion at all");
	assert_string_equal(b.s, "no conversion at all");
	buf_release(&b);
}

/* A sink that keeps what it is handed, and counts the hand-overs. */
static void
collect(void *ctx, const char *p, size_t len)
{
	struct buf	*all = ctx;

	buf_add(all, p, len);
	all->sinkctx = (char *)all->sinkctx + 1;
}

/* A drained buffer holds little, and its sink gets every byte in order. */
static void
test_buf_drains_to_its_sink(void **state)
{
	struct buf	b, all, plain;
	int		i;

	(void)state;
	buf_init(&b);
	buf_init(&all);
	buf_init(&plain);
	buf_drain(&b);			/* no sink: nothing happens */
	buf_set_sink(&b, collect, &all);
	for (i = 0; i < 20000; i++) {
		buf_addf(&b, "line %d\n", i);
		buf_addf(&plain, "line %d\n", i);
		buf_drain(&b);
		assert_true(b.len < BUF_DRAIN_BYTES);
	}
	assert_true(all.len > 0);
	assert_non_null(all.sinkctx);	/* handed over at least once */
	buf_flush(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(all.len, plain.len);
	assert_memory_equal(all.s, plain.s, plain.len);
	buf_release(&b);
	buf_release(&all);
	buf_release(&plain);
}

static void
test_error_format_with_position(void **state)
{
	struct error	e;
	struct buf	b;

	(void)state;
	error_clear(&e);
	assert_false(error_isset(&e));
	assert_int_equal(error_set_at(&e, "m.yaml", 3, 7, "unknown key '%s'",
	    "kindd"), -1);
	buf_init(&b);
	error_format(&e, &b);
	assert_string_equal(b.s, "m.yaml:3:7: unknown key 'kindd'");
	buf_release(&b);

	error_set(&e, "no position");
	error_locate(&e, "f.yaml", 1, 2);
	buf_init(&b);
	error_format(&e, &b);
	assert_string_equal(b.s, "f.yaml:1:2: no position");
	buf_release(&b);
}

static void
test_utf8_decode_rejects_bad_sequences(void **state)
{
	uint32_t	c;

	(void)state;
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &c), 2);
	assert_int_equal(c, 0xe9);
	assert_int_equal(utf8_decode("\xe4\xb8\xad", 3, &c), 3);
	assert_int_equal(c, 0x4e2d);
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &c), 0);	/* overlong */
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &c), 0); /* surrogate */
	assert_int_equal(utf8_decode("\xe4\xb8", 2, &c), 0);	/* truncated */
	assert_false(utf8_valid("ok\xff", 3));
	assert_true(utf8_valid("caf\xc3\xa9", 5));
}

/*
 * utf8_valid() skips ASCII eight bytes at a time: a bad byte, or a
 * character cut by the end or split across a block of eight, is found
 * wherever it falls in a long text.
 */
static void
test_utf8_valid_at_every_offset(void **state)
{
	char	s[40];
	size_t	at;

	(void)state;
	for (at = 0; at + 3 <= sizeof s; at++) {
		memset(s, 'a', sizeof s);
		s[at] = (char)0xff;
		assert_false(utf8_valid(s, sizeof s));
		memcpy(s + at, "\xe4\xb8\xad", 3);
		assert_true(utf8_valid(s, sizeof s));
		assert_false(utf8_valid(s, at + 2));	/* cut by the end */
		s[at + 1] = 'a';	/* a lead byte without its follower */
		assert_false(utf8_valid(s, sizeof s));
	}
}

static void
test_text_visible_neutralises_escapes(void **state)
{
	struct buf	b;

	(void)state;
	buf_init(&b);
	text_visible(&b, "a\x1b[2Jb\x07\xc2\x9b" "c\xe2\x80\xae" "d\xff\n", 0);
	assert_null(strchr(b.s, '\x1b'));
	assert_null(strchr(b.s, '\x07'));
	assert_null(strchr(b.s, '\n'));
	assert_string_equal(b.s, "a^[[2Jb^G<U+009B>c<U+202E>d<FF>^J");
	buf_reset(&b);
	text_visible(&b, "line1\nline2", 1);
	assert_string_equal(b.s, "line1\nline2");
	buf_release(&b);
	assert_true(text_has_control("x\x1by"));
	assert_false(text_has_control("caf\xc3\xa9"));
}

static void
test_text_width_counts_columns(void **state)
{
	int	used;

	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("\xe4\xb8\xad\xe6\x96\x87"), 4);	/* 中文 */
	assert_int_equal(text_width("caf\xc3\xa9"), 4);
	/* A wide character never gets split at the edge. */
	assert_int_equal(text_fit("a\xe4\xb8\xad" "b", 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a\xe4\xb8\xad" "b", 3, &used), 4);
	assert_int_equal(used, 3);
	/* Combining marks stay with their base. */
	assert_int_equal(text_fit("e\xcc\x81x", 1, &used), 3);
}

static void
test_suggest_nearest_word(void **state)
{
	const char	*words[] = { "model", "agent", "tool", "dataset", NULL };

	(void)state;
	assert_string_equal(text_suggest("modle", words), "model");
	assert_string_equal(text_suggest("datset", words), "dataset");
	assert_null(text_suggest("completely-different", words));
	/* Capitals: the word itself, also where its length would allow
	   no suggestion by distance. */
	assert_string_equal(text_suggest("MODEL", words), "model");
	assert_string_equal(text_suggest("DataSet", words), "dataset");
	assert_int_equal(text_distance("kitten", "sitting"), 3);
}

static void
test_file_atomic_write_and_bounded_read(void **state)
{
	char		 dir[] = "/tmp/parapet-test-XXXXXX", path[256];
	struct error	 e;
	struct stat	 st;
	size_t		 len;
	char		*s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/out.txt", dir);
	assert_int_equal(file_write_atomic(path, "hello", 5, 0600, &e), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	s = file_read(path, 100, &len, &e);
	assert_non_null(s);
	assert_int_equal(len, 5);
	assert_string_equal(s, "hello");
	free(s);
	/* Over the limit: refused with a message naming the file. */
	assert_null(file_read(path, 4, &len, &e));
	assert_non_null(strstr(e.msg, "larger than the limit"));
	/* Unwritable target: an error naming the missing directory. */
	snprintf(path, sizeof path, "%s/missing/out.txt", dir);
	assert_int_equal(file_write_atomic(path, "x", 1, 0600, &e), -1);
	assert_non_null(strstr(e.msg, "directory"));
	snprintf(path, sizeof path, "%s/out.txt", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_strmap_put_get_del(void **state)
{
	struct strmap	 m;
	char		*keys[500];
	int		 i, v[500];

	(void)state;
	strmap_init(&m);
	for (i = 0; i < 500; i++) {
		keys[i] = xasprintf("k%d", i);
		v[i] = i;
		assert_null(strmap_put(&m, keys[i], &v[i]));
	}
	for (i = 0; i < 500; i += 2)
		assert_ptr_equal(strmap_del(&m, keys[i]), &v[i]);
	for (i = 0; i < 500; i++) {
		if (i % 2 == 0)
			assert_null(strmap_get(&m, keys[i]));
		else
			assert_ptr_equal(strmap_get(&m, keys[i]), &v[i]);
	}
	assert_int_equal(m.len, 250);
	strmap_release(&m);
	for (i = 0; i < 500; i++)
		free(keys[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_formats),
		cmocka_unit_test(test_buf_formats_as_printf_does),
		cmocka_unit_test(test_buf_drains_to_its_sink),
		cmocka_unit_test(test_error_format_with_position),
		cmocka_unit_test(test_utf8_decode_rejects_bad_sequences),
		cmocka_unit_test(test_utf8_valid_at_every_offset),
		cmocka_unit_test(test_text_visible_neutralises_escapes),
		cmocka_unit_test(test_text_width_counts_columns),
		cmocka_unit_test(test_suggest_nearest_word),
		cmocka_unit_test(test_file_atomic_write_and_bounded_read),
		cmocka_unit_test(test_strmap_put_get_del),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}

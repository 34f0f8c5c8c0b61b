/*
 * test-catcache.c: the cache of parsed catalogue files (catcache.h).
 *
 * Every catalogue file of the tree comes back from a cache image as the
 * very tree the parser made (every field of every node); an image that is
 * cut short, has a bit flipped, or was edited into something that is not a
 * tree of valid text is refused; and the catalogue loaded through the
 * cache, cold and warm, is the catalogue loaded without it.
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
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "catalogue/catcache.h"
#include "catalogue/cond.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

#include "testlib.h"

static const unsigned char id[] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4 };

/*
 * The layout of catcache.c, for the edits below: the header (104 bytes),
 * then a table entry of six 64-bit words per file (offset, path length,
 * text length, nodes, items, pool length); at the offset the path, a NUL
 * and the text, padding to 8, nodes of 56 bytes (type and plain as 32-bit
 * words, then value, len, items, n, line, col), 32-bit item indices and
 * the string pool.
 */
#define HEADER		104
#define NODE		56

struct layout {
	uint64_t	off, path_len, text_len, nnodes, nitems, pool_len;
	size_t		nodes, items, pool;	/* where each begins */
};

static void
layout_of(const unsigned char *img, size_t file, struct layout *l)
{
	uint64_t	w[6];

	memcpy(w, img + HEADER + file * sizeof w, sizeof w);
	l->off = w[0];
	l->path_len = w[1];
	l->text_len = w[2];
	l->nnodes = w[3];
	l->nitems = w[4];
	l->pool_len = w[5];
	l->nodes = (size_t)((l->off + l->path_len + 1 + l->text_len + 7) &
	    ~(uint64_t)7);
	l->items = l->nodes + (size_t)l->nnodes * NODE;
	l->pool = l->items + (size_t)l->nitems * 4;
}

/* Two trees the same in every field (pointers aside), recursively. */
static void
assert_same_node(const struct ynode *a, const struct ynode *b)
{
	struct ynode	x, y;
	size_t		i;

	if (a == NULL || b == NULL) {
		assert_ptr_equal(a, b);
		return;
	}
	/*
	 * Whole nodes compared as bytes once their pointers are cleared: a
	 * field added to struct ynode and not stored by the cache fails
	 * here. Both readers zero a node before they fill it.
	 */
	memcpy(&x, a, sizeof x);
	memcpy(&y, b, sizeof y);
	x.value = y.value = NULL;
	x.items = y.items = NULL;
	assert_memory_equal(&x, &y, sizeof x);
	if (a->type == YNODE_SCALAR) {
		assert_non_null(b->value);
		assert_memory_equal(a->value, b->value, a->len + 1);
		return;
	}
	for (i = 0; i < a->n; i++)
		assert_same_node(a->items[i], b->items[i]);
}

/* The parsed files of the tree's catalogue, and their texts. */
struct files {
	struct ydoc	**docs;
	char		**texts;
	size_t		 *lens;
	size_t		  n;
};

static void
files_add(struct files *f, const char *path)
{
	struct error	 err;
	char		*text;
	size_t		 len;

	if ((text = file_read(path, YDOC_MAX_BYTES, &len, &err)) == NULL)
		fail_msg("%s", err.msg);
	f->docs = xreallocarray(f->docs, f->n + 1, sizeof *f->docs);
	f->texts = xreallocarray(f->texts, f->n + 1, sizeof *f->texts);
	f->lens = xreallocarray(f->lens, f->n + 1, sizeof *f->lens);
	if ((f->docs[f->n] = ydoc_parse(text, len, path, &err)) == NULL)
		fail_msg("%s", err.msg);
	f->texts[f->n] = text;
	f->lens[f->n] = len;
	f->n++;
}

static void
files_add_dir(struct files *f, const char *rel)
{
	struct error	  err;
	char		 *dir = src_path(rel), **names;
	size_t		  n, i;

	if (catalogue_dir_files(dir, &names, &n, &err) == -1)
		fail_msg("%s", err.msg);
	for (i = 0; i < n; i++) {
		files_add(f, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
}

static void
files_free(struct files *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		ydoc_free(f->docs[i]);
		free(f->texts[i]);
	}
	free(f->docs);
	free(f->texts);
	free(f->lens);
}

static void *
image_of(const struct files *f, size_t *len)
{
	return catcache_image(f->docs, (const char *const *)f->texts,
	    f->lens, f->n, id, sizeof id, len);
}

/* Every file of the catalogue comes back as the parser read it. */
static void
test_round_trip(void **state)
{
	struct files	 f = { 0 };
	struct ydoc	*d;
	char		*tax = src_path("data/taxonomy.yaml");
	void		*img;
	size_t		 len, i;

	(void)state;
	files_add(&f, tax);
	files_add_dir(&f, "data/catalogue");
	files_add_dir(&f, "tests/data/catalogue");
	assert_true(f.n > 10);
	img = image_of(&f, &len);
	assert_int_equal(catcache_check(img, len, id, sizeof id, 1),
	    (long)f.n);
	for (i = 0; i < f.n; i++) {
		d = catcache_image_doc(img, len, i, 1);
		assert_non_null(d);
		assert_string_equal(d->file, f.docs[i]->file);
		assert_same_node(f.docs[i]->root, d->root);
		ydoc_free(d);
	}
	/* Another binary's cache is not this one's. */
	assert_int_equal(catcache_check(img, len, (const unsigned char *)
	    "other", 5, 1), -1);
	free(img);
	files_free(&f);
	free(tax);
}

static const char small[] =
    "a: [x, \"y\"]\n"
    "b:\n"
    "  c: 1\n"
    "  d: |\n"
    "    text é\n";

/* A small image: one file, its path "s.yaml". */
static unsigned char *
small_image(size_t *len)
{
	struct files	 f = { 0 };
	struct error	 err;
	unsigned char	*img;

	f.docs = xcalloc(1, sizeof *f.docs);
	f.texts = xcalloc(1, sizeof *f.texts);
	f.lens = xcalloc(1, sizeof *f.lens);
	f.texts[0] = xstrdup(small);
	f.lens[0] = strlen(small);
	f.docs[0] = ydoc_parse(small, strlen(small), "s.yaml", &err);
	assert_non_null(f.docs[0]);
	f.n = 1;
	img = image_of(&f, len);
	files_free(&f);
	return img;
}

/* Cut short anywhere, or one bit flipped anywhere: refused. */
static void
test_truncated_flipped(void **state)
{
	unsigned char	*img;
	size_t		 len, i;
	int		 bit;

	(void)state;
	img = small_image(&len);
	assert_int_equal(catcache_check(img, len, id, sizeof id, 1), 1);
	for (i = 0; i < len; i++)
		if (catcache_check(img, i, id, sizeof id, 1) != -1)
			fail_msg("accepted when cut to %zu bytes of %zu", i,
			    len);
	for (i = 0; i < len; i++)
		for (bit = 0; bit < 8; bit++) {
			img[i] ^= (unsigned char)(1 << bit);
			if (catcache_check(img, len, id, sizeof id, 1) != -1)
				fail_msg("accepted with bit %d of byte %zu "
				    "flipped", bit, i);
			img[i] ^= (unsigned char)(1 << bit);
		}
	assert_int_equal(catcache_check(img, len, id, sizeof id, 1), 1);
	free(img);
}

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof v);
}

static void
put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, sizeof v);
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t	v;

	memcpy(&v, p, sizeof v);
	return v;
}

/*
 * Edits that keep the sizes but break the structure, checked without the
 * checksum (as if a forger had made it right): each is refused.
 */
static void
test_hostile_edits(void **state)
{
	unsigned char	*img, *c;
	struct layout	 l;
	size_t		 len, i;
	struct {
		const char	*what;
		size_t		 at;	/* offset from a base below */
		int		 base;	/* 0 image, 1 nodes, 2 items, 3 pool */
		int		 wide;	/* 32 or 64 */
		uint64_t	 value;
	} edits[] = {
		{ "an item that is the root (a cycle)", 16, 2, 32, 0 },
		{ "an item past the last node", 0, 2, 32, 99999 },
		{ "the same node twice", 4, 2, 32, 1 },
		{ "a node of no known type", 0, 1, 32, 3 },
		{ "plain neither 0 nor 1", NODE * 1 + 4, 1, 32, 2 },
		{ "a mapping of an odd count", 32, 1, 64, 3 },
		{ "items past the item list", 24, 1, 64, 1000 },
		{ "a text not NUL-terminated", 1, 3, 32, 0x78787878 },
		{ "a text that is not UTF-8", 0, 3, 32, 0xffffffff },
		{ "a file offset not aligned", HEADER, 0, 64, 3 },
		{ "a file offset past the end", HEADER, 0, 64, 1u << 30 },
		{ "a path that is not NUL-terminated", HEADER + 8, 0, 64, 2 },
		{ "more nodes than the image holds", HEADER + 24, 0, 64,
		    1000000 },
		{ "a format of another version", 8, 0, 32, 999 },
		{ "more files than it holds", 80, 0, 32, 2 },
		{ "a size that is not the image's", 88, 0, 64, 99 },
	};

	(void)state;
	img = small_image(&len);
	layout_of(img, 0, &l);
	assert_int_equal(l.path_len, 6);
	assert_int_equal(catcache_check(img, len, id, sizeof id, 0), 1);
	/* The root is a mapping of two pairs, its items 1..4. */
	assert_int_equal(get32(img + l.nodes), YNODE_MAP);
	assert_int_equal(get32(img + l.items), 1);
	/* A text that starts inside a character: "text é" from its 'é'. */
	for (i = 0; i < l.nnodes; i++) {
		uint64_t	value, tlen;

		c = img + l.nodes + i * NODE;
		memcpy(&value, c + 8, 8);
		memcpy(&tlen, c + 16, 8);
		if (get32(c) != YNODE_SCALAR ||
		    strncmp((const char *)img + l.pool + value, "text \xc3",
		    6) != 0)
			continue;
		c = xmalloc(len);
		memcpy(c, img, len);
		put64(c + l.nodes + i * NODE + 8, value + 6);
		put64(c + l.nodes + i * NODE + 16, tlen - 6);
		if (catcache_check(c, len, id, sizeof id, 0) != -1)
			fail_msg("accepted a text that starts inside a "
			    "character");
		free(c);
		break;
	}
	assert_true(i < l.nnodes);
	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		size_t	base[] = { 0, l.nodes, l.items, l.pool };
		size_t	at = base[edits[i].base] + edits[i].at;

		c = xmalloc(len);
		memcpy(c, img, len);
		if (edits[i].wide == 32)
			put32(c + at, (uint32_t)edits[i].value);
		else
			put64(c + at, edits[i].value);
		if (catcache_check(c, len, id, sizeof id, 0) != -1)
			fail_msg("accepted %s", edits[i].what);
		free(c);
	}
	free(img);
}

/* A document built by hand: a list of lists, depth levels deep. */
static struct ydoc *
deep_doc(size_t depth, const char *leaf, size_t leaf_len)
{
	struct ydoc	*d = ydoc_new("deep.yaml");
	struct ynode	*n, *kid, **items;
	size_t		 i;

	n = ydoc_alloc(d, sizeof *n);
	memset(n, 0, sizeof *n);
	n->type = YNODE_SCALAR;
	n->value = ydoc_alloc(d, leaf_len + 1);
	memcpy(n->value, leaf, leaf_len + 1);
	n->len = leaf_len;
	n->line = n->col = 1;
	for (i = 0; i < depth; i++) {
		kid = n;
		n = ydoc_alloc(d, sizeof *n);
		memset(n, 0, sizeof *n);
		n->type = YNODE_SEQ;
		items = ydoc_alloc(d, sizeof *items);
		items[0] = kid;
		n->items = items;
		n->n = 1;
		n->line = n->col = 1;
	}
	d->root = n;
	return d;
}

static long
check_doc(struct ydoc *d)
{
	const char	*text = "";
	size_t		 tlen = 0, len;
	void		*img;
	long		 rc;

	img = catcache_image(&d, &text, &tlen, 1, id, sizeof id, &len);
	rc = catcache_check(img, len, id, sizeof id, 1);
	free(img);
	ydoc_free(d);
	return rc;
}

/* What the parser refuses, a cache may not hold. */
static void
test_hostile_trees(void **state)
{
	struct ydoc	*d;
	struct ynode	*k, **items;

	(void)state;
	assert_int_equal(check_doc(deep_doc(YDOC_MAX_DEPTH, "x", 1)), 1);
	assert_int_equal(check_doc(deep_doc(YDOC_MAX_DEPTH + 1, "x", 1)),
	    -1);
	assert_int_equal(check_doc(deep_doc(1, "a\0b", 3)), -1);
	assert_int_equal(check_doc(deep_doc(1, "\xc3(", 2)), -1);
	/* A mapping whose key is a list. */
	d = deep_doc(1, "x", 1);
	k = d->root;
	d->root = ydoc_alloc(d, sizeof *d->root);
	memset(d->root, 0, sizeof *d->root);
	d->root->type = YNODE_MAP;
	items = ydoc_alloc(d, 2 * sizeof *items);
	items[0] = k;
	items[1] = k->items[0];
	d->root->items = items;
	d->root->n = 2;
	k->n = 0;
	k->items = NULL;
	assert_int_equal(check_doc(d), -1);
	/* An empty document is a document. */
	d = ydoc_new("empty.yaml");
	assert_int_equal(check_doc(d), 1);
}

/* A catalogue written out: what every entry carries, for comparison. */
static char *
dump(const struct catalogue *c)
{
	struct buf	b;
	size_t		i, j;

	buf_init(&b);
	buf_addf(&b, "version %s files %zu\n", c->version ? c->version : "-",
	    c->nfiles);
	for (i = 0; i < c->nfiles; i++)
		buf_addf(&b, "file %s\n", c->files[i]);
	for (i = 0; i < c->nquestions; i++)
		buf_addf(&b, "q %s %s %s|%s|%s %lu:%lu\n", c->questions[i]->id,
		    c->questions[i]->guideline, c->questions[i]->text,
		    c->questions[i]->help ? c->questions[i]->help : "-",
		    c->questions[i]->source, c->questions[i]->pos.line,
		    c->questions[i]->pos.col);
	for (i = 0; i < c->nmitigations; i++) {
		const struct mitigation	*m = c->mitigations[i];

		buf_addf(&b, "m %s %s|%s|%s\n", m->id, m->title,
		    m->description, m->source);
		for (j = 0; j < m->refs.n; j++)
			buf_addf(&b, " ref %d %s\n", (int)m->refs.v[j].scheme,
			    m->refs.v[j].id);
	}
	for (i = 0; i < c->nthreats; i++) {
		const struct threat	*t = c->threats[i];

		buf_addf(&b, "t %s %s|%s|%s %d %d %d %u %d %s %lu:%lu\n",
		    t->id, t->title, t->description, t->why ? t->why : "-",
		    (int)t->target, t->likelihood, t->impact, t->stride,
		    (int)t->finding, t->source, t->pos.line, t->pos.col);
		cond_format(t->when, &b);
		buf_addc(&b, '\n');
		for (j = 0; j < t->nmitigations; j++)
			buf_addf(&b, " mit %s\n", t->mitigations[j]);
		for (j = 0; j < t->ncovers; j++)
			buf_addf(&b, " covers %s\n", t->covers[j]);
		for (j = 0; j < t->nexcludes; j++)
			buf_addf(&b, " excludes %s\n", t->excludes[j]);
		for (j = 0; j < t->refs.n; j++)
			buf_addf(&b, " ref %d %s\n", (int)t->refs.v[j].scheme,
			    t->refs.v[j].id);
	}
	for (i = 0; i < c->nadjustments; i++) {
		const struct adjustment	*a = c->adjustments[i];

		buf_addf(&b, "a %s %d %d %d %u %d %d %s %d %s\n", a->id,
		    (int)a->target, a->likelihood, a->impact, a->stride,
		    a->min_impact, a->max_impact, a->reason, a->presume,
		    a->source);
		cond_format(a->when, &b);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b);
}

static char *
load_dump(void)
{
	struct catalogue	*c;
	struct error		 err;
	char			*s;

	error_clear(&err);
	if ((c = catalogue_load_standard(NULL, 0, &err)) == NULL)
		fail_msg("%s", err.msg);
	s = dump(c);
	catalogue_free(c);
	return s;
}

/* Without a cache, with a cold one and with a warm one: one catalogue. */
static void
test_standard_same(void **state)
{
	char		 dir[] = "/tmp/parapet-catcache-XXXXXX";
	char		*none, *cold, *warm, *file, *data;
	struct stat	 st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	data = src_path("data");
	setenv("PARAPET_DATA", data, 1);
	setenv("XDG_CACHE_HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	file = xasprintf("%s/parapet/catalogue.cache", dir);
	setenv("PARAPET_NO_CACHE", "1", 1);
	none = load_dump();
	assert_int_equal(stat(file, &st), -1);
	unsetenv("PARAPET_NO_CACHE");
	cold = load_dump();
	assert_int_equal(stat(file, &st), 0);
	assert_true(st.st_size > 100000);
	warm = load_dump();
	assert_true(strlen(none) > 100000);
	test_assert_same_string("cold cache", none, cold);
	test_assert_same_string("warm cache", none, warm);
	unlink(file);
	free(file);
	file = xasprintf("%s/parapet", dir);
	rmdir(file);
	rmdir(dir);
	free(file);
	free(data);
	free(none);
	free(cold);
	free(warm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated_flipped),
		cmocka_unit_test(test_hostile_edits),
		cmocka_unit_test(test_hostile_trees),
		cmocka_unit_test(test_standard_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * catcache.c: the parsed catalogue files, kept between commands (see
 * catcache.h).
 *
 * The file, in this machine's byte order (the build id ties it to one
 * binary, so to one machine):
 *
 *   header   struct cc_header (magic, CATCACHE_VERSION, build id, the
 *            number of files, the size of the whole file, a checksum
 *            of everything but itself)
 *   table    struct cc_file for each file, in load order
 *   blobs    for each file, at its offset (a multiple of 8): its path and
 *            a NUL, its text (path_len + 1 + text_len bytes), padding to
 *            8, its nodes (struct cc_node), its item indices (uint32_t)
 *            and its string pool (every scalar followed by a NUL)
 *
 * Nodes are stored breadth first from the root (node 0): the items of a
 * list or mapping are indices of nodes after it, and every node but the
 * root is some node's item exactly once, so the stored nodes are a tree
 * and reading them cannot loop or share.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalogue/catcache.h"
#include "util/error.h"
#include "util/file.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

#define CC_MAGIC	"PRPTCAT\n"
#define CC_IDMAX	64		/* bytes of build id kept */
#define CC_MAXSIZE	((uint64_t)256 << 20)	/* larger: not read */
#define CC_MAXPATH	4096
#define CC_MAXFILES	4096
#define CC_NAME		"catalogue.cache"

struct cc_header {
	char		magic[8];	/* CC_MAGIC */
	uint32_t	version;	/* CATCACHE_VERSION */
	uint32_t	idlen;		/* bytes of id used */
	unsigned char	id[CC_IDMAX];	/* the binary's build id */
	uint32_t	nfiles;
	uint32_t	pad;		/* 0 */
	uint64_t	size;		/* of the whole file */
	uint64_t	sum;		/* cc_sum() of the rest: a flipped
					   bit anywhere is seen */
};

struct cc_file {
	uint64_t	off;		/* of its blob */
	uint64_t	path_len;
	uint64_t	text_len;
	uint64_t	nnodes;
	uint64_t	nitems;
	uint64_t	pool_len;
};

struct cc_node {
	uint32_t	type;		/* enum ynode_type */
	uint32_t	plain;		/* 0 or 1 */
	uint64_t	value;		/* scalar: offset in the pool */
	uint64_t	len;		/* scalar: bytes (a NUL follows) */
	uint64_t	items;		/* list, mapping: first in items */
	uint64_t	n;		/* list, mapping: items */
	uint64_t	line;
	uint64_t	col;
};

/* The layout is the format: tests/test-catcache.c edits it by offset. */
_Static_assert(sizeof(struct cc_header) == 104, "cache header layout");
_Static_assert(sizeof(struct cc_file) == 48, "cache file entry layout");
_Static_assert(sizeof(struct cc_node) == 56, "cache node layout");

/* One validated file of an image: pointers into it. */
struct cc_entry {
	const char		*path;		/* NUL-terminated */
	const char		*text;
	size_t			 text_len;
	const unsigned char	*nodes;		/* struct cc_node each */
	size_t			 nnodes;
	const unsigned char	*items;		/* uint32_t each */
	size_t			 nitems;
	const char		*pool;
	size_t			 pool_len;
	const unsigned char	*blob;		/* all of it, to copy */
	size_t			 blob_len;
};

/* A file of this load: an entry of the image read, or a new blob. */
struct cc_used {
	const unsigned char	*blob;		/* into the image, or new */
	size_t			 blob_len;
	struct cc_file		 f;		/* its table entry, off 0 */
	unsigned char		*own;		/* blob, when new: ours to
						   free */
	size_t			 old;		/* index in the image, or
						   (size_t)-1 */
};

struct catcache {
	char			*dir;		/* the cache directory */
	unsigned char		 id[CC_IDMAX];
	size_t			 idlen;
	unsigned char		*image;		/* the file read, or NULL */
	size_t			 len;
	struct cc_entry		*old;		/* its files */
	size_t			 nold;
	struct cc_used		*used;		/* this load's files */
	size_t			 nused;
	int			 dirty;		/* write it again */
};

static size_t
cc_align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/*
 * A checksum of an image: the header up to its sum, then all that follows
 * the header, a word at a time. Each step is a bijection of the state, so
 * any change to one word changes the result; it catches a damaged file,
 * not a forged one (whoever can write the cache can write catalogue.d).
 */
static uint64_t
cc_sum_words(uint64_t h, const unsigned char *p, size_t len)
{
	uint64_t	w;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, p + i, len - i);
	h = (h ^ w ^ len) * 0x100000001b3ull;
	return h ^ (h >> 32);
}

/* The image's checksum; size is at least a header's. */
static uint64_t
cc_sum(const unsigned char *img, size_t size)
{
	uint64_t	h = 0x9e3779b97f4a7c15ull;

	h = cc_sum_words(h, img, offsetof(struct cc_header, sum));
	return cc_sum_words(h, img + sizeof(struct cc_header),
	    size - sizeof(struct cc_header));
}

/* 1 if len bytes at off lie within size. */
static int
cc_span(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static void
cc_node_get(const struct cc_entry *e, size_t i, struct cc_node *n)
{
	memcpy(n, e->nodes + i * sizeof *n, sizeof *n);
}

static uint32_t
cc_item_get(const struct cc_entry *e, size_t i)
{
	uint32_t	v;

	memcpy(&v, e->items + i * sizeof v, sizeof v);
	return v;
}

/*
 * Check the nodes of an entry: types, texts, items that point forward and
 * make a tree, depth and key types. 0 or -1.
 */
static int
cc_check_nodes(const struct cc_entry *e)
{
	struct cc_node	 n, k;
	unsigned char	*depth, *seen;
	size_t		 i, j, used = 0;
	uint32_t	 idx;
	int		 rc = -1;

	if (e->nnodes == 0)
		return e->nitems == 0 ? 0 : -1;
	depth = xcalloc(e->nnodes, 1);
	seen = xcalloc(e->nnodes, 1);
	for (i = 0; i < e->nnodes; i++) {
		cc_node_get(e, i, &n);
		if (n.plain > 1)
			goto out;
		switch (n.type) {
		case YNODE_SCALAR:
			if (n.n != 0 || n.items != 0 ||
			    !cc_span(n.value, n.len, e->pool_len) ||
			    n.value + n.len >= e->pool_len ||
			    e->pool[n.value + n.len] != '\0' ||
			    memchr(e->pool + n.value, '\0', n.len) != NULL ||
			    (n.len > 0 &&
			    ((unsigned char)e->pool[n.value] & 0xc0) == 0x80))
				goto out;
			break;
		case YNODE_SEQ:
		case YNODE_MAP:
			if (n.value != 0 || n.len != 0 || n.plain != 0 ||
			    !cc_span(n.items, n.n, e->nitems) ||
			    (n.type == YNODE_MAP && n.n % 2 != 0))
				goto out;
			if (n.n > 0 && depth[i] >= YDOC_MAX_DEPTH)
				goto out;
			for (j = 0; j < n.n; j++) {
				idx = cc_item_get(e, n.items + j);
				if (idx <= i || idx >= e->nnodes || seen[idx])
					goto out;
				seen[idx] = 1;
				depth[idx] = depth[i] + 1;
				used++;
				if (n.type == YNODE_MAP && j % 2 == 0) {
					cc_node_get(e, idx, &k);
					if (k.type != YNODE_SCALAR)
						goto out;
				}
			}
			break;
		default:
			goto out;
		}
	}
	/* Every node but the root is an item once: a tree, all reached. */
	if (used == e->nnodes - 1 && used == e->nitems)
		rc = 0;
out:
	free(depth);
	free(seen);
	return rc;
}

/* Check the i-th file of an image and point e into it. 0 or -1. */
static int
cc_check_file(const unsigned char *img, size_t size, size_t i,
    struct cc_entry *e)
{
	struct cc_file	f;
	uint64_t	p;

	memcpy(&f, img + sizeof(struct cc_header) + i * sizeof f, sizeof f);
	if (f.off % 8 != 0 || f.path_len == 0 || f.path_len > CC_MAXPATH ||
	    f.text_len > YDOC_MAX_BYTES || f.nnodes > YDOC_MAX_NODES ||
	    f.nitems > f.nnodes || f.pool_len > size)
		return -1;
	p = f.off;
	if (!cc_span(p, f.path_len + 1 + f.text_len, size))
		return -1;
	e->path = (const char *)img + p;
	if (e->path[f.path_len] != '\0' ||
	    memchr(e->path, '\0', f.path_len) != NULL)
		return -1;
	e->text = e->path + f.path_len + 1;
	e->text_len = f.text_len;
	p = cc_align8(p + f.path_len + 1 + f.text_len);
	if (!cc_span(p, f.nnodes * sizeof(struct cc_node), size))
		return -1;
	e->nodes = img + p;
	e->nnodes = f.nnodes;
	p += f.nnodes * sizeof(struct cc_node);
	if (!cc_span(p, f.nitems * sizeof(uint32_t), size))
		return -1;
	e->items = img + p;
	e->nitems = f.nitems;
	p += f.nitems * sizeof(uint32_t);
	if (!cc_span(p, f.pool_len, size))
		return -1;
	e->pool = (const char *)img + p;
	e->pool_len = f.pool_len;
	if (!utf8_valid(e->pool, e->pool_len))
		return -1;
	e->blob = img + f.off;
	e->blob_len = p + f.pool_len - f.off;
	return cc_check_nodes(e);
}

/*
 * Validate a whole image made for build id (any, if id is NULL) and with
 * its checksum (if sum is set); on success *entries (the caller's to free)
 * holds its files. 0 or -1.
 */
static int
cc_check(const unsigned char *img, size_t size, const unsigned char *id,
    size_t idlen, int sum, struct cc_entry **entries, size_t *n)
{
	struct cc_header	 h;
	struct cc_entry		*e;
	size_t			 i;

	*entries = NULL;
	*n = 0;
	if (size < sizeof h || size > CC_MAXSIZE)
		return -1;
	memcpy(&h, img, sizeof h);
	if (memcmp(h.magic, CC_MAGIC, sizeof h.magic) != 0 ||
	    h.version != CATCACHE_VERSION || h.size != size || h.pad != 0 ||
	    h.idlen == 0 || h.idlen > CC_IDMAX || h.nfiles > CC_MAXFILES ||
	    !cc_span(sizeof h, (uint64_t)h.nfiles * sizeof(struct cc_file),
	    size))
		return -1;
	if (id != NULL && (h.idlen != idlen || memcmp(h.id, id, idlen) != 0))
		return -1;
	if (sum && h.sum != cc_sum(img, size))
		return -1;
	e = xcalloc(h.nfiles + 1, sizeof *e);
	for (i = 0; i < h.nfiles; i++)
		if (cc_check_file(img, size, i, &e[i]) == -1) {
			free(e);
			return -1;
		}
	*entries = e;
	*n = h.nfiles;
	return 0;
}

/* The document of a validated entry, named by its path. */
static struct ydoc *
cc_doc(const struct cc_entry *e)
{
	struct ydoc	 *d = ydoc_new(e->path);
	struct ynode	 *nodes, **items;
	struct cc_node	  c;
	char		 *pool;
	size_t		  i, j;

	if (e->nnodes == 0)
		return d;
	nodes = ydoc_alloc(d, e->nnodes * sizeof *nodes);
	items = e->nitems > 0 ? ydoc_alloc(d, e->nitems * sizeof *items) :
	    NULL;
	pool = ydoc_alloc(d, e->pool_len);
	memcpy(pool, e->pool, e->pool_len);
	for (j = 0; j < e->nitems; j++)
		items[j] = &nodes[cc_item_get(e, j)];
	for (i = 0; i < e->nnodes; i++) {
		cc_node_get(e, i, &c);
		memset(&nodes[i], 0, sizeof nodes[i]);
		nodes[i].type = (enum ynode_type)c.type;
		nodes[i].plain = (int)c.plain;
		nodes[i].line = (unsigned long)c.line;
		nodes[i].col = (unsigned long)c.col;
		if (c.type == YNODE_SCALAR) {
			nodes[i].value = pool + c.value;
			nodes[i].len = c.len;
		} else {
			nodes[i].items = c.n > 0 ? items + c.items : NULL;
			nodes[i].n = c.n;
		}
	}
	d->root = &nodes[0];
	return d;
}

/*
 * The blob of a parsed document (its file's path and text with it), and
 * its table entry (off 0). The caller frees the blob.
 */
static unsigned char *
cc_blob(const struct ydoc *d, const char *path, const char *text,
    size_t text_len, struct cc_file *f, size_t *blob_len)
{
	const struct ynode	**q = NULL;
	const struct ynode	 *y;
	struct cc_node		  c;
	unsigned char		 *b;
	size_t			  nq = 0, cap = 0, i, k, nitems = 0, pool = 0;
	size_t			  nodes_at, items_at, pool_at;
	uint32_t		  idx;

	/* Breadth first: items come after their list or mapping. */
	if (d->root != NULL) {
		cap = 64;
		q = xreallocarray(NULL, cap, sizeof *q);
		q[nq++] = d->root;
	}
	for (i = 0; i < nq; i++) {
		y = q[i];
		if (y->type == YNODE_SCALAR) {
			pool += y->len + 1;
			continue;
		}
		if (nq + y->n > cap) {
			while (nq + y->n > cap)
				cap *= 2;
			q = xreallocarray(q, cap, sizeof *q);
		}
		for (k = 0; k < y->n; k++)
			q[nq++] = y->items[k];
		nitems += y->n;
	}
	memset(f, 0, sizeof *f);
	f->path_len = strlen(path);
	f->text_len = text_len;
	f->nnodes = nq;
	f->nitems = nitems;
	f->pool_len = pool;
	nodes_at = cc_align8(f->path_len + 1 + text_len);
	items_at = nodes_at + nq * sizeof c;
	pool_at = items_at + nitems * sizeof idx;
	*blob_len = pool_at + pool;
	b = xcalloc(1, *blob_len + 1);
	memcpy(b, path, f->path_len + 1);
	memcpy(b + f->path_len + 1, text, text_len);
	/* The items of node i are the nodes numbered next, in order. */
	idx = 1;
	nitems = 0;
	pool = 0;
	for (i = 0; i < nq; i++) {
		y = q[i];
		memset(&c, 0, sizeof c);
		c.type = (uint32_t)y->type;
		c.line = y->line;
		c.col = y->col;
		if (y->type == YNODE_SCALAR) {
			c.plain = y->plain != 0;
			c.value = pool;
			c.len = y->len;
			memcpy(b + pool_at + pool, y->value, y->len);
			pool += y->len + 1;
		} else {
			c.items = y->n > 0 ? nitems : 0;
			c.n = y->n;
			for (k = 0; k < y->n; k++, nitems++, idx++)
				memcpy(b + items_at + nitems * sizeof idx,
				    &idx, sizeof idx);
		}
		memcpy(b + nodes_at + i * sizeof c, &c, sizeof c);
	}
	free(q);
	return b;
}

/* The image of a header and the blobs of files, laid out in order. */
static unsigned char *
cc_layout(const struct cc_used *u, size_t n, const unsigned char *id,
    size_t idlen, size_t *len)
{
	struct cc_header	 h;
	struct cc_file		 f;
	unsigned char		*img;
	size_t			 i, off;

	off = sizeof h + n * sizeof f;
	for (i = 0; i < n; i++)
		off = cc_align8(off) + u[i].blob_len;
	*len = off;
	img = xcalloc(1, off + 1);
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CC_MAGIC, sizeof h.magic);
	h.version = CATCACHE_VERSION;
	h.idlen = (uint32_t)idlen;
	memcpy(h.id, id, idlen);
	h.nfiles = (uint32_t)n;
	h.size = *len;
	memcpy(img, &h, sizeof h);
	off = sizeof h + n * sizeof f;
	for (i = 0; i < n; i++) {
		off = cc_align8(off);
		f = u[i].f;
		f.off = off;
		memcpy(img + sizeof h + i * sizeof f, &f, sizeof f);
		memcpy(img + off, u[i].blob, u[i].blob_len);
		off += u[i].blob_len;
	}
	h.sum = cc_sum(img, *len);
	memcpy(img, &h, sizeof h);
	return img;
}

/* Find the build id note of the program (the first object listed). */
static int
cc_build_id_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct catcache		*cc = arg;
	const unsigned char	*p, *end;
	ElfW(Nhdr)		 nh;
	size_t			 i, name, desc;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		if (info->dlpi_phdr[i].p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr +
		    info->dlpi_phdr[i].p_vaddr);
		end = p + info->dlpi_phdr[i].p_memsz;
		while ((size_t)(end - p) >= sizeof nh) {
			memcpy(&nh, p, sizeof nh);
			p += sizeof nh;
			name = (nh.n_namesz + 3) & ~(size_t)3;
			desc = (nh.n_descsz + 3) & ~(size_t)3;
			if ((size_t)(end - p) < name ||
			    (size_t)(end - p) - name < desc)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID &&
			    nh.n_namesz == 4 && memcmp(p, "GNU", 4) == 0 &&
			    nh.n_descsz > 0 && nh.n_descsz <= CC_IDMAX) {
				memcpy(cc->id, p + name, nh.n_descsz);
				cc->idlen = nh.n_descsz;
				return 1;
			}
			p += name + desc;
		}
	}
	return 1;	/* only the program itself */
}

/* 1 if st is ours and nobody else may write it. */
static int
cc_ours(const struct stat *st)
{
	return st->st_uid == geteuid() && (st->st_mode & 022) == 0;
}

/* Read the cache file into cc (left empty if it is not fit). */
static void
cc_read(struct catcache *cc)
{
	struct stat	 st;
	char		*path;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd;

	path = xasprintf("%s/%s", cc->dir, CC_NAME);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd == -1)
		return;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || !cc_ours(&st) ||
	    (uint64_t)st.st_size > CC_MAXSIZE) {
		close(fd);
		return;
	}
	cc->image = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, cc->image + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)st.st_size ||
	    cc_check(cc->image, got, cc->id, cc->idlen, 1, &cc->old,
	    &cc->nold) == -1) {
		free(cc->image);
		cc->image = NULL;
		cc->dirty = 1;
		return;
	}
	cc->len = got;
}

/* 1 if PARAPET_NO_CACHE asks for no cache. */
static int
cc_disabled(void)
{
	const char	*v = getenv("PARAPET_NO_CACHE");

	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

struct catcache *
catcache_open(void)
{
	struct catcache	*cc;
	struct stat	 st;
	char		*slash;

	if (cc_disabled())
		return NULL;
	cc = xcalloc(1, sizeof *cc);
	dl_iterate_phdr(cc_build_id_cb, cc);
	if (cc->idlen == 0) {
		free(cc);
		return NULL;
	}
	cc->dir = paths_cache();
	/* $XDG_CACHE_HOME (or ~/.cache) may not exist yet. */
	if ((slash = strrchr(cc->dir, '/')) != NULL && slash != cc->dir) {
		*slash = '\0';
		(void)mkdir(cc->dir, 0700);
		*slash = '/';
	}
	(void)mkdir(cc->dir, 0700);
	if (lstat(cc->dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    !cc_ours(&st)) {
		free(cc->dir);
		free(cc);
		return NULL;
	}
	cc_read(cc);
	return cc;
}

/* Remember a file of this load. */
static void
cc_use(struct catcache *cc, const struct cc_used *u)
{
	/* A new file, or a stored one in another place. */
	if (u->old != cc->nused)
		cc->dirty = 1;
	cc->used = xreallocarray(cc->used, cc->nused + 1, sizeof *cc->used);
	cc->used[cc->nused++] = *u;
}

struct ydoc *
catcache_load(struct catcache *cc, const char *path, struct error *err)
{
	struct cc_used	 u;
	struct ydoc	*d;
	const struct cc_entry *e;
	char		*text;
	size_t		 len, i;

	if (cc == NULL)
		return ydoc_load(path, err);
	if ((text = file_read(path, YDOC_MAX_BYTES, &len, err)) == NULL)
		return NULL;
	memset(&u, 0, sizeof u);
	for (i = 0; i < cc->nold; i++) {
		e = &cc->old[i];
		if (strcmp(e->path, path) != 0 || e->text_len != len ||
		    memcmp(e->text, text, len) != 0)
			continue;
		free(text);
		u.blob = e->blob;
		u.blob_len = e->blob_len;
		u.f.path_len = strlen(e->path);
		u.f.text_len = e->text_len;
		u.f.nnodes = e->nnodes;
		u.f.nitems = e->nitems;
		u.f.pool_len = e->pool_len;
		u.old = i;
		cc_use(cc, &u);
		return cc_doc(e);
	}
	if ((d = ydoc_parse(text, len, path, err)) != NULL) {
		u.own = cc_blob(d, path, text, len, &u.f, &u.blob_len);
		u.blob = u.own;
		u.old = (size_t)-1;
		cc_use(cc, &u);
	}
	free(text);
	return d;
}

/* Write the image of this load's files: a temporary file, renamed. */
static void
cc_write(struct catcache *cc)
{
	unsigned char	*img;
	char		*tmp, *path;
	size_t		 len, done = 0;
	ssize_t		 w;
	int		 fd;

	img = cc_layout(cc->used, cc->nused, cc->id, cc->idlen, &len);
	tmp = xasprintf("%s/%s.XXXXXX", cc->dir, CC_NAME);
	path = xasprintf("%s/%s", cc->dir, CC_NAME);
	if ((fd = mkstemp(tmp)) != -1) {
		while (done < len) {
			w = write(fd, img + done, len - done);
			if (w == -1 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			done += (size_t)w;
		}
		if (close(fd) == -1 || done != len ||
		    rename(tmp, path) == -1)
			(void)unlink(tmp);
	}
	free(path);
	free(tmp);
	free(img);
}

void
catcache_close(struct catcache *cc, int ok)
{
	size_t	i;

	if (cc == NULL)
		return;
	if (ok && (cc->dirty || cc->nused != cc->nold))
		cc_write(cc);
	for (i = 0; i < cc->nused; i++)
		free(cc->used[i].own);
	free(cc->used);
	free(cc->old);
	free(cc->image);
	free(cc->dir);
	free(cc);
}

long
catcache_check(const void *img, size_t len, const unsigned char *id,
    size_t idlen, int sum)
{
	struct cc_entry	*e;
	size_t		 n, i;

	if (cc_check(img, len, id, idlen, sum, &e, &n) == -1)
		return -1;
	for (i = 0; i < n; i++)
		ydoc_free(cc_doc(&e[i]));
	free(e);
	return (long)n;
}

void *
catcache_image(struct ydoc *const *docs, const char *const *texts,
    const size_t *lens, size_t n, const unsigned char *id, size_t idlen,
    size_t *len)
{
	struct cc_used	*u = xcalloc(n + 1, sizeof *u);
	unsigned char	*img;
	size_t		 i;

	for (i = 0; i < n; i++) {
		u[i].own = cc_blob(docs[i], docs[i]->file, texts[i], lens[i],
		    &u[i].f, &u[i].blob_len);
		u[i].blob = u[i].own;
	}
	img = cc_layout(u, n, id, idlen, len);
	for (i = 0; i < n; i++)
		free(u[i].own);
	free(u);
	return img;
}

struct ydoc *
catcache_image_doc(const void *img, size_t len, size_t i, int sum)
{
	struct cc_entry	*e;
	struct ydoc	*d = NULL;
	size_t		 n;

	if (cc_check(img, len, NULL, 0, sum, &e, &n) == -1)
		return NULL;
	if (i < n)
		d = cc_doc(&e[i]);
	free(e);
	return d;
}

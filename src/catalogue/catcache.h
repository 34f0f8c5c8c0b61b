/*
 * catcache.h: the parsed catalogue files, kept between commands.
 *
 * Every command reads the taxonomy and the catalogue files (data/catalogue,
 * catalogue.d, --catalogue extras); parsing their YAML was most of what a
 * small command cost. The cache keeps each file's parse tree (struct ydoc)
 * in one binary file, $XDG_CACHE_HOME/parapet/catalogue.cache (or
 * ~/.cache/parapet/...), so that the next command builds the tree from it
 * instead of parsing. The loader then reads the tree as it reads a parsed
 * one: every check, condition and message is the same, and nothing of the
 * catalogue's own structures is stored (a field added to them needs no
 * change here; one added to struct ynode does).
 *
 * What makes an entry fit: the cache was written by this very binary (its
 * GNU build id is in the header; a binary without one has no cache) and the
 * file's path and whole text are those stored (the text is compared byte
 * for byte, so an edit that keeps the size and the time is seen, and no
 * hash can collide). A cache is validated in full before it is used
 * (a checksum of the whole file, sizes, offsets, lengths, NUL-terminated
 * UTF-8 texts, node types, item indices that only point forward, each node
 * used once, depth and node limits); anything wrong and it is ignored and written again. A cache is
 * written to a temporary file beside it and renamed, so two commands
 * starting at once each read a whole file. A cache directory that cannot be
 * made or written, a cache not owned by the user or writable by others, or
 * PARAPET_NO_CACHE=1 in the environment: no cache, the same output, no
 * message.
 *
 * Ownership: a catcache owns what it read; documents it returns are the
 * caller's to ydoc_free().
 */
#ifndef PARAPET_CATALOGUE_CATCACHE_H
#define PARAPET_CATALOGUE_CATCACHE_H

#include <stddef.h>

struct error;
struct ydoc;

/* Bumped whenever the layout below (catcache.c) changes. */
#define CATCACHE_VERSION	1

struct catcache;

/*
 * The cache of this binary, read (and validated) if there is one. NULL when
 * there can be none (PARAPET_NO_CACHE, no build id, no usable directory).
 */
struct catcache	*catcache_open(void);
/*
 * The document of a file: built from the cache when the file's text is
 * the stored one, else read and parsed as ydoc_load() does (and kept for
 * the cache). cc NULL: ydoc_load(). NULL with err set on an error.
 */
struct ydoc	*catcache_load(struct catcache *, const char *path,
		     struct error *);
/*
 * Write the cache again if the files loaded differ from the stored ones
 * (only when ok: a load that failed writes nothing), and free cc.
 */
void		 catcache_close(struct catcache *, int ok);

/*
 * For the fuzz target and tests: validate a cache image (any build id when
 * id is NULL; its checksum only if sum is set, so that a fuzzer reaches
 * the rest) and build every document in it, then free them. Returns the
 * number of documents, or -1 if the image is not valid.
 */
long		 catcache_check(const void *, size_t, const unsigned char *id,
		     size_t idlen, int sum);
/*
 * For tests: the cache image holding the given documents (with their texts
 * texts[i] of lens[i] bytes) for build id; *len is set to its size. The
 * caller frees it.
 */
void		*catcache_image(struct ydoc *const *, const char *const *texts,
		     const size_t *lens, size_t n, const unsigned char *id,
		     size_t idlen, size_t *len);
/*
 * For tests: the document of the i-th entry of an image (checked as
 * catcache_check() does, with any build id), or NULL; the caller's to
 * ydoc_free().
 */
struct ydoc	*catcache_image_doc(const void *, size_t, size_t i, int sum);

#endif

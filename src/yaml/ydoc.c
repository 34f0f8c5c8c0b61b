/* ydoc.c: YAML text to a tree of nodes with positions, refusing abuse. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/error.h"
#include "util/file.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

struct ydoc_parser {
	yaml_parser_t		 p;
	struct ydoc		*doc;
	struct error		*err;
	size_t			 nodes;
	const unsigned char	*text;		/* the input, for the place of
						   a reader error */
	size_t			 len;		/* its length in bytes */
	struct ynode		**stack;	/* the items of the lists and
						   mappings being read, the
						   innermost last */
	size_t			 top;		/* items on the stack */
	size_t			 cap;		/* room on the stack */
};

/* A block of a document's nodes (struct ydoc); the bytes follow it. */
struct ydoc_block {
	struct ydoc_block	*next;		/* the block before */
	size_t			 size;		/* bytes after the header */
	size_t			 used;		/* of those, given out */
};

/*
 * A block grows from the first's size, doubling, to the largest: a
 * catalogue file takes a few small ones, a large model a block per 64 KiB
 * (each a few hundred nodes would otherwise be a malloc and a free). The
 * largest stays under glibc's mmap threshold (128 KiB): blocks of 1 MiB
 * were mapped and unmapped, so the analysis after the parse touched fresh
 * pages again (an import at N = 10,000: 50,100 page faults against
 * 35,800 with heap blocks).
 */
#define YDOC_BLOCK_FIRST	((size_t)4096)
#define YDOC_BLOCK_MAX		((size_t)64 << 10)
#define YDOC_ALIGN		_Alignof(struct ynode)

void *
ydoc_alloc(struct ydoc *d, size_t size)
{
	struct ydoc_block	*b = d->blocks;
	size_t			 want;
	void			*p;

	size = (size + YDOC_ALIGN - 1) & ~(YDOC_ALIGN - 1);
	if (b == NULL || b->size - b->used < size) {
		want = b == NULL ? YDOC_BLOCK_FIRST : b->size * 2;
		if (want > YDOC_BLOCK_MAX)
			want = YDOC_BLOCK_MAX;
		if (want < size)
			want = size;
		b = xmalloc(sizeof *b + want);
		b->size = want;
		b->used = 0;
		b->next = d->blocks;
		d->blocks = b;
	}
	p = (char *)(b + 1) + b->used;
	b->used += size;
	return p;
}

struct ydoc *
ydoc_new(const char *file)
{
	struct ydoc	*d = xcalloc(1, sizeof *d);

	d->file = xstrdup(file != NULL ? file : "<input>");
	return d;
}

void
ydoc_free(struct ydoc *d)
{
	struct ydoc_block	*b, *next;

	if (d == NULL)
		return;
	for (b = d->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(d->file);
	free(d);
}

static int	ydoc_error_at(struct ydoc_parser *, const yaml_mark_t *,
		    const char *, ...) __attribute__((format(printf, 3, 4)));

/* Set the error at a place libyaml reported. Returns -1. */
static int
ydoc_error_at(struct ydoc_parser *yp, const yaml_mark_t *mark,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	error_vset_at(yp->err, yp->doc->file, mark->line + 1,
	    mark->column + 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Does code point u end a line for libyaml (LF, CR, NEL, LS, PS)? */
static int
ydoc_is_break(unsigned u)
{
	return u == '\n' || u == '\r' || u == 0x85 || u == 0x2028 ||
	    u == 0x2029;
}

/* The code unit of UTF-16 text at byte i (big endian if be). */
static unsigned
ydoc_utf16_at(const unsigned char *s, size_t i, int be)
{
	return be ? (unsigned)s[i] << 8 | s[i + 1] :
	    (unsigned)s[i + 1] << 8 | s[i];
}

/*
 * The line and column of a byte offset, counted as libyaml counts them
 * for its other marks: in characters, not bytes (a byte that is not valid
 * UTF-8 counts as one), a leading byte order mark left out, and CR LF, CR,
 * LF, NEL, LS and PS each ending a line. libyaml's reader reports invalid
 * bytes and control characters by offset only.
 */
static yaml_mark_t
ydoc_offset_mark(const unsigned char *s, size_t len, size_t off)
{
	yaml_mark_t	m = { 0, 0, 0 };
	size_t		i = 0, w;
	unsigned	u;
	int		be;

	m.index = off;
	if (off > len)
		off = len;
	if (len >= 2 && ((s[0] == 0xfe && s[1] == 0xff) ||
	    (s[0] == 0xff && s[1] == 0xfe))) {
		be = s[0] == 0xfe;
		for (i = 2; i < off && i + 1 < len; i += 2) {
			u = ydoc_utf16_at(s, i, be);
			if (u == '\r' && i + 3 < len &&
			    ydoc_utf16_at(s, i + 2, be) == '\n')
				continue;	/* the LF ends the line */
			if (ydoc_is_break(u)) {
				m.line++;
				m.column = 0;
			} else if (u < 0xdc00 || u > 0xdfff)
				m.column++;	/* not a low surrogate */
		}
		return m;
	}
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	for (; i < off; i += w) {
		w = 1;
		u = s[i];
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x85) {
			w = 2;
			u = 0x85;
		} else if (s[i] == 0xe2 && i + 2 < len && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
			w = 3;
			u = 0x2028;
		}
		if (u == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;	/* the LF ends the line */
		if (ydoc_is_break(u)) {
			m.line++;
			m.column = 0;
		} else if ((s[i] & 0xc0) != 0x80)
			m.column++;	/* not a continuation byte */
	}
	return m;
}

/*
 * Where a tab stands in the indentation of line (0-based) of s, if one
 * does: libyaml's messages for it ("found character that cannot start any
 * token") do not say what a person typed.
 */
static int
ydoc_tab_indent(const unsigned char *s, size_t len, size_t line,
    yaml_mark_t *at)
{
	size_t	i = 0, start, l = 0;

	for (; i < len && l < line; i++)
		if (s[i] == '\n')
			l++;
	if (l < line)
		return 0;
	for (start = i; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		if (s[i] == '\t') {
			at->index = i;
			at->line = line;
			at->column = i - start;
			return 1;
		}
	return 0;
}

/* The message libyaml gives, lowercased at the start for our style. */
static int
ydoc_syntax_error(struct ydoc_parser *yp)
{
	const yaml_parser_t	*p = &yp->p;
	const yaml_mark_t	*m = &p->problem_mark;
	yaml_mark_t		 at;
	char			 what[256];

	if (p->error == YAML_SCANNER_ERROR &&
	    ydoc_tab_indent(yp->text, yp->len, m->line, &at))
		return ydoc_error_at(yp, &at, "a tab indents this line; YAML "
		    "indents with spaces only");

	snprintf(what, sizeof what, "%s", p->problem != NULL ? p->problem :
	    "invalid YAML");
	if (p->error == YAML_MEMORY_ERROR)
		fatal("out of memory parsing YAML");
	if (p->error == YAML_READER_ERROR) {
		at = ydoc_offset_mark(yp->text, yp->len, p->problem_offset);
		m = &at;
	}
	/*
	 * A key without its ':' ("name A") is found missing only on the
	 * next line, where libyaml's problem mark is: the key it was
	 * scanning starts where the slip is.
	 */
	if (p->error == YAML_SCANNER_ERROR && p->context != NULL &&
	    strcmp(p->context, "while scanning a simple key") == 0 &&
	    p->context_mark.line < m->line)
		return ydoc_error_at(yp, &p->context_mark, "YAML syntax "
		    "error: %s after this key", what);
	if (p->context != NULL)
		return ydoc_error_at(yp, m, "YAML syntax error: %s %s",
		    what, p->context);
	return ydoc_error_at(yp, m, "YAML syntax error: %s", what);
}

static struct ynode *ydoc_node(struct ydoc_parser *, yaml_event_t *, int);

/* Keys up to which a mapping is searched for a duplicate key in place. */
#define YDOC_FEW_KEYS	8

/*
 * The earlier key of a mapping equal to a new one, or NULL; the new key
 * is remembered. The mapping's items so far are stack[base..base + n),
 * keys and values in turn. A mapping of a few keys (nearly all of them)
 * is searched in place, with no allocation; from YDOC_FEW_KEYS on the
 * keys go into a hash map, so that a mapping with many keys costs linear
 * time, not quadratic.
 */
static struct ynode *
ydoc_key_seen(struct ynode *const *stack, size_t base, size_t n,
    struct strmap *keys, struct ynode *key)
{
	struct ynode	*first;
	size_t		 i, pairs = n / 2;

	/* stack[base + ...], not (stack + base)[...]: the stack is NULL
	   until its first push, and NULL + 0 is undefined. */
	if (pairs < YDOC_FEW_KEYS) {
		for (i = 0; i < pairs; i++)
			if (strcmp(stack[base + 2 * i]->value, key->value) == 0)
				return stack[base + 2 * i];
		return NULL;
	}
	if (keys->len == 0)
		for (i = 0; i < pairs; i++)
			strmap_put(keys, stack[base + 2 * i]->value,
			    stack[base + 2 * i]);
	if ((first = strmap_get(keys, key->value)) != NULL)
		return first;
	strmap_put(keys, key->value, key);
	return NULL;
}

/*
 * The plain reader: most model files (every file Parapet writes, and
 * the bench's) are block mappings and lists of one-line plain words, with
 * one-line flow mappings and lists of them, in printable ASCII. For those
 * libyaml's scanner costs several hundred instructions a byte (its reader
 * decodes and copies every character, and each token and event is an
 * allocation); this reader builds the same tree, with the same positions,
 * in one pass. On anything else (quotes, block scalars, a word that goes
 * on over lines, a tab, a byte outside printable ASCII, a duplicate key,
 * any error, any limit) it gives up, and the document is read again by
 * libyaml, which also says what is wrong with it.
 */
struct yplain {
	struct ydoc	*doc;
	const char	*s;		/* the text */
	size_t		 len;
	size_t		 pos;		/* the cursor */
	size_t		 bol;		/* start of the cursor's line */
	unsigned long	 line;		/* the cursor's line, 1-based */
	size_t		 ind;		/* indentation of the cursor's line */
	int		 eof;		/* no content line is left */
	size_t		 nodes;
	size_t		 max_nodes;	/* YDOC_MAX_NODES, read once */
	struct ynode	**stack;	/* as struct ydoc_parser's */
	size_t		 top;
	size_t		 cap;
};

/* libyaml takes a key for simple only within 1024 characters. */
#define YPLAIN_KEY_MAX	1000

/* The byte at i, or NUL past the end (NUL bytes in the text give up). */
#define YP_AT(y, i)	((i) < (y)->len ? (y)->s[i] : '\0')

/* Is c a byte a word may hold? In a flow, ',' ends it. */
static int
yplain_word_byte(int c, int flow)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	switch (c) {
	case '_': case '.': case '/': case '(': case ')': case '+':
	case '@': case '-': case ' ':
		return 1;
	case ',':
		return !flow;
	}
	return 0;
}

/* A new node of a type at the cursor; NULL past the node limit. */
static struct ynode *
yplain_node(struct yplain *y, enum ynode_type type, size_t extra)
{
	struct ynode	*n;

	if (++y->nodes > y->max_nodes)
		return NULL;
	n = ydoc_alloc(y->doc, sizeof *n + extra);
	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = y->line;
	n->col = y->pos - y->bol + 1;
	return n;
}

/*
 * A plain word at the cursor, up to the end of its line, a ':' and a
 * space, or (in a flow) ',', '}' or ']'; its trailing spaces are not
 * part of it. NULL to give up.
 */
static struct ynode *
yplain_word(struct yplain *y, int flow)
{
	struct ynode	*n;
	size_t		 start = y->pos, end, i = y->pos;
	int		 c = YP_AT(y, i);

	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_'))
		return NULL;
	for (; i < y->len; i++) {
		c = y->s[i];
		if (yplain_word_byte(c, flow))
			continue;
		if (c == ':') {
			c = YP_AT(y, i + 1);
			if (c == ' ' || c == '\n' || (c == '\0' &&
			    i + 1 >= y->len))
				break;
			return NULL;
		}
		if (c == '\n' || (flow && (c == ',' || c == '}' ||
		    c == ']')))
			break;
		return NULL;
	}
	for (end = i; end > start && y->s[end - 1] == ' '; end--)
		;
	if ((n = yplain_node(y, YNODE_SCALAR, end - start + 1)) == NULL)
		return NULL;
	n->value = (char *)(n + 1);
	memcpy(n->value, y->s + start, end - start);
	n->value[end - start] = '\0';
	n->len = end - start;
	n->plain = 1;
	y->pos = i;
	return n;
}

/* Skip spaces on the cursor's line. */
static void
yplain_spaces(struct yplain *y)
{
	while (y->pos < y->len && y->s[y->pos] == ' ')
		y->pos++;
}

/*
 * From the start of a line to the first byte of content, past blank lines
 * and comment lines. -1 to give up: a comment holds a byte outside
 * printable ASCII.
 */
static int
yplain_content(struct yplain *y)
{
	for (;;) {
		yplain_spaces(y);
		if (y->pos < y->len && y->s[y->pos] == '#')
			for (; y->pos < y->len && y->s[y->pos] != '\n';
			    y->pos++)
				if (y->s[y->pos] < 0x20 || y->s[y->pos] > 0x7e)
					return -1;
		if (y->pos >= y->len) {
			y->eof = 1;
			return 0;
		}
		if (y->s[y->pos] != '\n') {
			y->ind = y->pos - y->bol;
			return 0;
		}
		y->pos++;
		y->line++;
		y->bol = y->pos;
	}
}

/*
 * From the end of a line (the cursor at its '\n' or the end of the text)
 * to the content of the next (yplain_content()). -1 to give up: something
 * else is left on the line.
 */
static int
yplain_next_line(struct yplain *y)
{
	if (y->pos >= y->len) {
		y->eof = 1;
		return 0;
	}
	if (y->s[y->pos] != '\n')
		return -1;
	y->pos++;
	y->line++;
	y->bol = y->pos;
	return yplain_content(y);
}

/* Push an item; gather them like ydoc_items(). */
static void
yplain_push(struct yplain *y, struct ynode *n)
{
	if (y->top == y->cap) {
		y->cap = y->cap == 0 ? 64 : y->cap * 2;
		y->stack = xreallocarray(y->stack, y->cap, sizeof *y->stack);
	}
	y->stack[y->top++] = n;
}

/* The items from base on become n's, in the document's memory. */
static void
yplain_items(struct yplain *y, struct ynode *n, size_t base)
{
	if ((n->n = y->top - base) > 0) {
		n->items = ydoc_alloc(y->doc, n->n * sizeof *n->items);
		memcpy(n->items, y->stack + base, n->n * sizeof *n->items);
	}
	y->top = base;
}

/* A mapping key pushed, unless it repeats one (give up: -1). */
static int
yplain_key(struct yplain *y, size_t base, struct strmap *keys,
    struct ynode *key)
{
	if (key == NULL || key->len > YPLAIN_KEY_MAX ||
	    ydoc_key_seen(y->stack, base, y->top - base, keys, key) != NULL)
		return -1;
	yplain_push(y, key);
	return 0;
}

/* '{ k: v, ... }' or '[ v, ... ]' on one line, at the cursor. */
static struct ynode *
yplain_flow(struct yplain *y, int depth)
{
	struct strmap	 keys;
	struct ynode	*n, *v;
	size_t		 base = y->top;
	int		 map = y->s[y->pos] == '{', c;
	char		 close = map ? '}' : ']';

	if (depth >= YDOC_MAX_DEPTH || (n = yplain_node(y, map ? YNODE_MAP :
	    YNODE_SEQ, 0)) == NULL)
		return NULL;
	strmap_init(&keys);
	y->pos++;
	yplain_spaces(y);
	if (YP_AT(y, y->pos) == close)
		goto done;
	for (;;) {
		if (map) {
			if (yplain_key(y, base, &keys, yplain_word(y, 1)) ==
			    -1 || YP_AT(y, y->pos) != ':' ||
			    YP_AT(y, y->pos + 1) != ' ')
				goto fail;
			y->pos += 2;
			yplain_spaces(y);
		}
		c = YP_AT(y, y->pos);
		v = c == '{' || c == '[' ? yplain_flow(y, depth + 1) :
		    yplain_word(y, 1);
		if (v == NULL)
			goto fail;
		yplain_push(y, v);
		yplain_spaces(y);
		c = YP_AT(y, y->pos);
		if (c == close)
			break;
		if (c != ',')
			goto fail;
		y->pos++;
		yplain_spaces(y);
		if (YP_AT(y, y->pos) == close)
			goto fail;	/* a trailing ',' */
	}
done:
	y->pos++;
	strmap_release(&keys);
	yplain_items(y, n, base);
	return n;
fail:
	strmap_release(&keys);
	y->top = base;
	return NULL;
}

static struct ynode *yplain_block(struct yplain *, int);
static struct ynode *yplain_list(struct yplain *, int, int);

/*
 * A value after "key: " or "- " on the cursor's line: a flow or a word,
 * then the end of the line, the cursor moved to the next content line.
 */
static struct ynode *
yplain_inline(struct yplain *y, int depth)
{
	struct ynode	*v;
	int		 c = YP_AT(y, y->pos);

	if (c == '{' || c == '[')
		v = yplain_flow(y, depth);
	else
		v = depth > YDOC_MAX_DEPTH ? NULL : yplain_word(y, 0);
	if (v == NULL)
		return NULL;
	yplain_spaces(y);
	if (yplain_next_line(y) == -1)
		return NULL;
	return v;
}

/* A block mapping whose first key is at the cursor. */
static struct ynode *
yplain_map(struct yplain *y, int depth)
{
	struct strmap	 keys;
	struct ynode	*n, *v;
	size_t		 base = y->top, ind = y->pos - y->bol;

	if (depth >= YDOC_MAX_DEPTH ||
	    (n = yplain_node(y, YNODE_MAP, 0)) == NULL)
		return NULL;
	strmap_init(&keys);
	for (;;) {
		if (yplain_key(y, base, &keys, yplain_word(y, 0)) == -1 ||
		    YP_AT(y, y->pos) != ':')
			goto fail;
		y->pos++;
		yplain_spaces(y);
		if (y->pos >= y->len || y->s[y->pos] == '\n') {
			/* Its value on the lines below. */
			if (yplain_next_line(y) == -1 || y->eof)
				goto fail;
			if (y->ind > ind)
				v = yplain_block(y, depth + 1);
			else if (y->ind == ind && y->s[y->pos] == '-' &&
			    YP_AT(y, y->pos + 1) == ' ')
				v = yplain_list(y, depth + 1, 1);
			else
				v = NULL;
		} else
			v = yplain_inline(y, depth + 1);
		if (v == NULL)
			goto fail;
		yplain_push(y, v);
		if (y->eof || y->ind < ind)
			break;
		if (y->ind > ind || y->s[y->pos] == '-')
			goto fail;
	}
	strmap_release(&keys);
	yplain_items(y, n, base);
	return n;
fail:
	strmap_release(&keys);
	y->top = base;
	return NULL;
}

/*
 * A block list whose first "- " is at the cursor; indentless: it is the
 * value of a key at the same indentation, and ends at a line that does
 * not start with "- ".
 */
static struct ynode *
yplain_list(struct yplain *y, int depth, int indentless)
{
	struct ynode	*n, *v;
	size_t		 base = y->top, ind = y->pos - y->bol, at;
	unsigned long	 line;
	int		 c;

	if (depth >= YDOC_MAX_DEPTH ||
	    (n = yplain_node(y, YNODE_SEQ, 0)) == NULL)
		return NULL;
	for (;;) {
		y->pos++;		/* the '-', a ' ' after it */
		yplain_spaces(y);
		c = YP_AT(y, y->pos);
		if (c == '{' || c == '[')
			v = yplain_inline(y, depth + 1);
		else {
			/* "- key: value" starts a mapping there. */
			at = y->pos;
			line = y->line;
			if ((v = yplain_word(y, 0)) == NULL)
				goto fail;
			if (YP_AT(y, y->pos) == ':') {
				y->nodes--;	/* read again as the key */
				y->pos = at;
				y->line = line;
				v = yplain_map(y, depth + 1);
			} else {
				yplain_spaces(y);
				if (yplain_next_line(y) == -1)
					v = NULL;
			}
		}
		if (v == NULL)
			goto fail;
		yplain_push(y, v);
		if (y->eof || y->ind < ind)
			break;
		if (y->ind > ind)
			goto fail;
		if (y->s[y->pos] != '-' || YP_AT(y, y->pos + 1) != ' ') {
			if (indentless)
				break;
			goto fail;
		}
	}
	yplain_items(y, n, base);
	return n;
fail:
	y->top = base;
	return NULL;
}

/* A block node at the cursor (the first byte of its line's content). */
static struct ynode *
yplain_block(struct yplain *y, int depth)
{
	if (y->s[y->pos] == '-')
		return YP_AT(y, y->pos + 1) == ' ' ?
		    yplain_list(y, depth, 0) : NULL;
	return yplain_map(y, depth);
}

/* The document by the plain reader, or NULL to read it with libyaml. */
static struct ynode *
yplain_parse(struct ydoc *doc, const char *text, size_t len)
{
	struct yplain	 y;
	struct ynode	*root = NULL;

	memset(&y, 0, sizeof y);
	y.doc = doc;
	y.s = text;
	y.len = len;
	y.line = 1;
	y.max_nodes = YDOC_MAX_NODES;
	if (memchr(text, '\0', len) == NULL && yplain_content(&y) == 0 &&
	    !y.eof && (root = yplain_block(&y, 0)) != NULL && !y.eof)
		root = NULL;
	free(y.stack);
	return root;
}

/*
 * Read the items of a list or a mapping up to its end event, refusing a
 * duplicate key (ydoc_key_seen). They gather on the parser's stack, above
 * those of the lists and mappings that hold this one, and move into the
 * document's memory in one array of their exact number at the end.
 */
static int
ydoc_items(struct ydoc_parser *yp, struct ynode *n, int depth)
{
	struct strmap	 keys;		/* key text -> key node */
	struct ynode	*child, *first;
	yaml_event_t	 next;
	size_t		 base = yp->top, have;
	int		 rc = -1;

	strmap_init(&keys);
	for (;;) {
		if (!yaml_parser_parse(&yp->p, &next)) {
			ydoc_syntax_error(yp);
			break;
		}
		if (next.type == YAML_SEQUENCE_END_EVENT ||
		    next.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&next);
			rc = 0;
			break;
		}
		if ((child = ydoc_node(yp, &next, depth + 1)) == NULL)
			break;
		have = yp->top - base;
		if (n->type == YNODE_MAP && have % 2 == 0) {
			if (child->type != YNODE_SCALAR) {
				ydoc_error_at(yp, &(yaml_mark_t){ 0,
				    child->line - 1, child->col - 1 },
				    "a mapping key must be plain text");
				break;
			}
			if ((first = ydoc_key_seen(yp->stack, base,
			    have, &keys, child)) != NULL) {
				ydoc_error_at(yp, &(yaml_mark_t){ 0,
				    child->line - 1, child->col - 1 },
				    "duplicate key '%s' (first at line %lu)",
				    child->value, first->line);
				break;
			}
		}
		if (yp->top == yp->cap) {
			yp->cap = yp->cap == 0 ? 64 : yp->cap * 2;
			yp->stack = xreallocarray(yp->stack, yp->cap,
			    sizeof *yp->stack);
		}
		yp->stack[yp->top++] = child;
	}
	strmap_release(&keys);
	if (rc == 0 && (n->n = yp->top - base) > 0) {
		n->items = ydoc_alloc(yp->doc, n->n * sizeof *n->items);
		memcpy(n->items, yp->stack + base, n->n * sizeof *n->items);
	}
	yp->top = base;
	return rc;
}

/*
 * Refuse a node's anchor or tag: any tag, even the non-specific '!'. 0
 * when it has neither, else -1 with the error set and the event deleted.
 */
static int
ydoc_refuse_props(struct ydoc_parser *yp, yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (anchor == NULL && tag == NULL)
		return 0;
	ydoc_error_at(yp, &ev->start_mark, "%s are not allowed",
	    anchor != NULL ? "anchors ('&')" : "tags ('!')");
	yaml_event_delete(ev);
	return -1;
}

/* Parse one node whose first event is ev; ev is consumed. */
static struct ynode *
ydoc_node(struct ydoc_parser *yp, yaml_event_t *ev, int depth)
{
	struct ynode	*n;

	if (depth > YDOC_MAX_DEPTH) {
		ydoc_error_at(yp, &ev->start_mark, "nesting deeper than %d "
		    "levels", YDOC_MAX_DEPTH);
		yaml_event_delete(ev);
		return NULL;
	}
	if (++yp->nodes > YDOC_MAX_NODES) {
		ydoc_error_at(yp, &ev->start_mark, "more than %lu nodes",
		    (unsigned long)YDOC_MAX_NODES);
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		ydoc_error_at(yp, &ev->start_mark, "aliases ('*%s') are not "
		    "allowed", (const char *)ev->data.alias.anchor);
		yaml_event_delete(ev);
		return NULL;
	case YAML_SCALAR_EVENT:
		if (ydoc_refuse_props(yp, ev, ev->data.scalar.anchor,
		    ev->data.scalar.tag) == -1)
			return NULL;
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length) != NULL ||
		    !utf8_valid((const char *)ev->data.scalar.value,
		    ev->data.scalar.length)) {
			ydoc_error_at(yp, &ev->start_mark, "text is not valid "
			    "UTF-8 or holds a NUL byte");
			yaml_event_delete(ev);
			return NULL;
		}
		/* The value follows the node. */
		n = ydoc_alloc(yp->doc, sizeof *n + ev->data.scalar.length +
		    1);
		memset(n, 0, sizeof *n);
		n->type = YNODE_SCALAR;
		n->value = (char *)(n + 1);
		memcpy(n->value, ev->data.scalar.value,
		    ev->data.scalar.length);
		n->value[ev->data.scalar.length] = '\0';
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->line = ev->start_mark.line + 1;
		n->col = ev->start_mark.column + 1;
		yaml_event_delete(ev);
		return n;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ydoc_refuse_props(yp, ev, ev->data.sequence_start.anchor,
		    ev->data.sequence_start.tag) :
		    ydoc_refuse_props(yp, ev, ev->data.mapping_start.anchor,
		    ev->data.mapping_start.tag)) == -1)
			return NULL;
		n = ydoc_alloc(yp->doc, sizeof *n);
		memset(n, 0, sizeof *n);
		n->type = ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ :
		    YNODE_MAP;
		n->line = ev->start_mark.line + 1;
		n->col = ev->start_mark.column + 1;
		yaml_event_delete(ev);
		/* On an error the document's blocks free what was read. */
		if (ydoc_items(yp, n, depth) == -1)
			return NULL;
		return n;
	default:
		ydoc_error_at(yp, &ev->start_mark, "unexpected YAML event");
		yaml_event_delete(ev);
		return NULL;
	}
}

static struct ydoc *ydoc_parse_with(const char *, size_t, const char *, int,
		    struct error *);

/* Free a document's blocks (what the plain reader read before it gave up). */
static void
ydoc_free_blocks(struct ydoc *d)
{
	struct ydoc_block	*b, *next;

	for (b = d->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	d->blocks = NULL;
}

struct ydoc *
ydoc_parse(const char *text, size_t len, const char *file, struct error *err)
{
	return ydoc_parse_with(text, len, file, 1, err);
}

struct ydoc *
ydoc_parse_libyaml(const char *text, size_t len, const char *file,
    struct error *err)
{
	return ydoc_parse_with(text, len, file, 0, err);
}

/* ydoc_parse(), by the plain reader first if plain is set. */
static struct ydoc *
ydoc_parse_with(const char *text, size_t len, const char *file, int plain,
    struct error *err)
{
	struct ydoc_parser	 yp;
	yaml_event_t		 ev;
	int			 docs = 0, done = 0;

	memset(&yp, 0, sizeof yp);
	yp.err = err;
	yp.doc = xcalloc(1, sizeof *yp.doc);
	yp.doc->file = xstrdup(file != NULL ? file : "<input>");
	if (len > YDOC_MAX_BYTES) {
		error_set_at(err, yp.doc->file, 0, 0, "file is larger than "
		    "the limit of %lu bytes", (unsigned long)YDOC_MAX_BYTES);
		ydoc_free(yp.doc);
		return NULL;
	}
	if (plain && len > 0 &&
	    (yp.doc->root = yplain_parse(yp.doc, text, len)) != NULL)
		return yp.doc;
	ydoc_free_blocks(yp.doc);
	if (!yaml_parser_initialize(&yp.p))
		fatal("out of memory starting the YAML parser");
	yp.text = (const unsigned char *)text;
	yp.len = len;
	yaml_parser_set_input_string(&yp.p, yp.text, len);
	while (!done) {
		if (!yaml_parser_parse(&yp.p, &ev)) {
			ydoc_syntax_error(&yp);
			goto fail;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			break;
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				ydoc_error_at(&yp, &ev.start_mark, "only one "
				    "YAML document is allowed in a file");
				yaml_event_delete(&ev);
				goto fail;
			}
			yaml_event_delete(&ev);
			break;
		default:
			if ((yp.doc->root = ydoc_node(&yp, &ev, 0)) == NULL)
				goto fail;
			break;
		}
	}
	yaml_parser_delete(&yp.p);
	free(yp.stack);
	return yp.doc;

fail:
	yaml_parser_delete(&yp.p);
	free(yp.stack);
	ydoc_free(yp.doc);
	return NULL;
}

struct ydoc *
ydoc_load(const char *path, struct error *err)
{
	struct ydoc	*d;
	size_t		 len;
	char		*text;

	if ((text = file_read(path, YDOC_MAX_BYTES, &len, err)) == NULL)
		return NULL;
	d = ydoc_parse(text, len, path, err);
	free(text);
	return d;
}

struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->type != YNODE_MAP)
		return NULL;
	for (i = 0; i < YNODE_PAIRS(map); i++)
		if (strcmp(YNODE_KEY(map, i)->value, key) == 0)
			return YNODE_VAL(map, i);
	return NULL;
}

const char *
ynode_type_name(const struct ynode *n)
{
	switch (n->type) {
	case YNODE_SCALAR:
		return "text";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "?";
}

int
ynode_error(const struct ydoc *d, const struct ynode *n, struct error *err,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	error_vset_at(err, d->file, n != NULL ? n->line : 0,
	    n != NULL ? n->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

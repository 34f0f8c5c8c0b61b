/* jdoc.c: JSON documents read with jansson, within bounds (see jdoc.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "interop/jdoc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/ydoc.h"

/* Where a value of a document was written. */
struct jdoc_pos {
	const json_t	*v;
	unsigned long	 line;
	unsigned long	 col;
};

struct jdoc {
	json_t		*root;
	struct jdoc_pos	*pos;		/* sorted by value */
	size_t		 npos;
	size_t		 count;		/* values made from YAML so far */
	unsigned long	 over_line;	/* where a bound was passed (YAML) */
	unsigned long	 over_col;
};

static void	 jdoc_json_where(struct jdoc *, const char *, size_t);

/* Count values and check the depth; -1 when a bound is passed. */
static int
jdoc_walk(json_t *v, int depth, size_t *count)
{
	const char	*key;
	json_t		*c;
	size_t		 i;

	if (++*count > JDOC_MAX_NODES || depth > JDOC_MAX_DEPTH)
		return -1;
	if (json_is_array(v)) {
		json_array_foreach(v, i, c)
			if (jdoc_walk(c, depth + 1, count) == -1)
				return -1;
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, c)
			if (jdoc_walk(c, depth + 1, count) == -1)
				return -1;
	}
	return 0;
}

struct jdoc *
jdoc_parse(const char *text, size_t len, const char *file, struct error *err)
{
	struct jdoc	*d;
	json_error_t	 je;
	json_t		*root;
	size_t		 count = 0;

	if (len > JDOC_MAX_BYTES) {
		error_set_at(err, file, 0, 0, "the file is larger than the "
		    "limit of %lu bytes", (unsigned long)JDOC_MAX_BYTES);
		return NULL;
	}
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		error_set_at(err, file, (unsigned long)(je.line > 0 ? je.line :
		    0), (unsigned long)(je.column > 0 ? je.column : 0),
		    "%s", je.text);
		return NULL;
	}
	if (jdoc_walk(root, 1, &count) == -1) {
		json_decref(root);
		error_set_at(err, file, 0, 0, "the document nests deeper than "
		    "%d or holds more than %lu values", JDOC_MAX_DEPTH,
		    JDOC_MAX_NODES);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->root = root;
	jdoc_json_where(d, text, len);
	return d;
}

void
jdoc_free(struct jdoc *d)
{
	if (d == NULL)
		return;
	json_decref(d->root);
	free(d->pos);
	free(d);
}

/*
 * 1 if s is a float of the YAML 1.2 core schema:
 * [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
 */
static int
jdoc_is_float(const char *s)
{
	size_t	n;

	if (*s == '-' || *s == '+')
		s++;
	n = strspn(s, "0123456789");
	s += n;
	if (*s == '.') {
		s++;
		n += strspn(s, "0123456789");
		s += strspn(s, "0123456789");
	}
	if (n == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if ((n = strspn(s, "0123456789")) == 0)
			return 0;
		s += n;
	}
	return *s == '\0';
}

/*
 * A plain YAML scalar as the YAML 1.2 core schema reads it: null, a
 * boolean, an integer (decimal, 0o octal, 0x hex), a finite float, or else
 * the string itself. Quoted scalars are always strings.
 */
static json_t *
jdoc_scalar(const struct ynode *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	static const char *const trues[] = { "true", "True", "TRUE" };
	static const char *const falses[] = { "false", "False", "FALSE" };
	const char	*s = n->value;
	long long	 ll;
	double		 d;
	char		*end;
	size_t		 i;
	int		 base = 10;

	if (!n->plain)
		return json_stringn(s, n->len);
	for (i = 0; i < sizeof nulls / sizeof *nulls; i++)
		if (strcmp(s, nulls[i]) == 0)
			return json_null();
	for (i = 0; i < 3; i++) {
		if (strcmp(s, trues[i]) == 0)
			return json_true();
		if (strcmp(s, falses[i]) == 0)
			return json_false();
	}
	if (strncmp(s, "0o", 2) == 0 || strncmp(s, "0x", 2) == 0)
		base = s[1] == 'o' ? 8 : 16;
	if (base != 10 && s[2] != '\0' && strspn(s + 2, base == 8 ?
	    "01234567" : "0123456789abcdefABCDEF") == strlen(s + 2)) {
		errno = 0;
		ll = strtoll(s + 2, &end, base);
		if (errno == 0 && *end == '\0')
			return json_integer(ll);
	} else if (base == 10 && jdoc_is_float(s)) {
		errno = 0;
		if (strspn(s + (*s == '-' || *s == '+'), "0123456789") ==
		    strlen(s + (*s == '-' || *s == '+'))) {
			ll = strtoll(s, &end, 10);
			if (errno == 0 && *end == '\0')
				return json_integer(ll);
		}
		d = strtod(s, &end);
		if (*end == '\0' && d - d == 0)		/* finite */
			return json_real(d);
	}
	return json_stringn(s, n->len);
}

/* Keep where a value was written (not the shared null, true, false). */
static void
jdoc_note_pos(struct jdoc *d, const json_t *v, unsigned long line,
    unsigned long col)
{
	if (json_is_null(v) || json_is_boolean(v))
		return;
	if ((d->npos & (d->npos - 1)) == 0)
		d->pos = xreallocarray(d->pos, d->npos == 0 ? 16 : d->npos * 2,
		    sizeof *d->pos);
	d->pos[d->npos].v = v;
	d->pos[d->npos].line = line;
	d->pos[d->npos++].col = col;
}

/* A YAML node as a jansson value; NULL past the bounds of jdoc.h. */
static json_t *
jdoc_yaml_value(struct jdoc *d, const struct ynode *n, int depth)
{
	json_t	*v, *c;
	size_t	 i;

	if (++d->count > JDOC_MAX_NODES || depth > JDOC_MAX_DEPTH) {
		d->over_line = n->line;
		d->over_col = n->col;
		return NULL;
	}
	switch (n->type) {
	case YNODE_SCALAR:
		v = jdoc_scalar(n);
		break;
	case YNODE_SEQ:
		v = json_array();
		for (i = 0; v != NULL && i < n->n; i++) {
			if ((c = jdoc_yaml_value(d, n->items[i],
			    depth + 1)) == NULL) {
				json_decref(v);
				return NULL;
			}
			json_array_append_new(v, c);
		}
		break;
	default:
		v = json_object();
		for (i = 0; v != NULL && i < YNODE_PAIRS(n); i++) {
			if ((c = jdoc_yaml_value(d, YNODE_VAL(n, i),
			    depth + 1)) == NULL) {
				json_decref(v);
				return NULL;
			}
			json_object_set_new(v, YNODE_KEY(n, i)->value, c);
		}
		break;
	}
	if (v == NULL)
		fatal("out of memory converting YAML");
	jdoc_note_pos(d, v, n->line, n->col);
	return v;
}

static int
jdoc_pos_cmp(const void *a, const void *b)
{
	const json_t	*x = ((const struct jdoc_pos *)a)->v;
	const json_t	*y = ((const struct jdoc_pos *)b)->v;

	return x < y ? -1 : x > y;
}

/*
 * Reading JSON text that jansson has already parsed, in step with its
 * values: jansson keeps an object's members in file order and has refused
 * duplicate keys, so the n-th key in the text is the n-th member. Lines and
 * columns count from 1, in characters as jansson's own errors do.
 */
struct jdoc_scan {
	const char	*p, *end;
	unsigned long	 line, col;
	int		 lost;		/* the text and the values disagree */
};

static int
jdoc_scan_peek(const struct jdoc_scan *s)
{
	return s->p < s->end ? (unsigned char)*s->p : '\0';
}

static void
jdoc_scan_next(struct jdoc_scan *s)
{
	if (s->p >= s->end)
		return;
	if (*s->p == '\n') {
		s->line++;
		s->col = 1;
	} else if (((unsigned char)*s->p & 0xc0) != 0x80)
		s->col++;
	s->p++;
}

/* Past white space, then past c, which must come next. */
static void
jdoc_scan_expect(struct jdoc_scan *s, int c)
{
	while (strchr(" \t\r\n", jdoc_scan_peek(s)) != NULL &&
	    s->p < s->end)
		jdoc_scan_next(s);
	if (jdoc_scan_peek(s) == c && c != '\0')
		jdoc_scan_next(s);
	else
		s->lost = 1;
}

/* Past a string (the opening quote next); 1 if it held no escape. */
static int
jdoc_scan_string(struct jdoc_scan *s, const char **start, size_t *len)
{
	int	plain = 1;

	jdoc_scan_expect(s, '"');
	*start = s->p;
	while (s->p < s->end && *s->p != '"') {
		if (*s->p == '\\') {
			plain = 0;
			jdoc_scan_next(s);
		}
		jdoc_scan_next(s);
	}
	*len = (size_t)(s->p - *start);
	jdoc_scan_expect(s, '"');
	return plain;
}

/* Note where v and the values in it were written. */
static void
jdoc_scan_value(struct jdoc *d, struct jdoc_scan *s, json_t *v)
{
	const char	*key, *start;
	json_t		*c;
	size_t		 i, len;
	int		 first = 1;

	while (strchr(" \t\r\n", jdoc_scan_peek(s)) != NULL &&
	    s->p < s->end)
		jdoc_scan_next(s);
	jdoc_note_pos(d, v, s->line, s->col);
	if (json_is_object(v)) {
		jdoc_scan_expect(s, '{');
		json_object_foreach(v, key, c) {
			if (!first)
				jdoc_scan_expect(s, ',');
			first = 0;
			if (jdoc_scan_string(s, &start, &len) &&
			    (len != strlen(key) ||
			    memcmp(start, key, len) != 0))
				s->lost = 1;
			jdoc_scan_expect(s, ':');
			if (s->lost)
				return;
			jdoc_scan_value(d, s, c);
		}
		jdoc_scan_expect(s, '}');
	} else if (json_is_array(v)) {
		jdoc_scan_expect(s, '[');
		json_array_foreach(v, i, c) {
			if (i > 0)
				jdoc_scan_expect(s, ',');
			if (s->lost)
				return;
			jdoc_scan_value(d, s, c);
		}
		jdoc_scan_expect(s, ']');
	} else if (json_is_string(v))
		(void)jdoc_scan_string(s, &start, &len);
	else
		while (s->p < s->end && strchr(",]} \t\r\n", *s->p) == NULL)
			jdoc_scan_next(s);
}

/*
 * Where each value of a parsed JSON text was written, for jdoc_where();
 * none at all if the text should ever not match the values.
 */
static void
jdoc_json_where(struct jdoc *d, const char *text, size_t len)
{
	struct jdoc_scan	s = { text, text + len, 1, 1, 0 };

	jdoc_scan_value(d, &s, d->root);
	if (s.lost) {
		free(d->pos);
		d->pos = NULL;
		d->npos = 0;
	} else if (d->npos > 1)
		qsort(d->pos, d->npos, sizeof *d->pos, jdoc_pos_cmp);
}

struct jdoc *
jdoc_from_ydoc(const struct ydoc *y, struct error *err)
{
	struct jdoc	*d = xcalloc(1, sizeof *d);

	if (y->root == NULL) {
		free(d);
		error_set_at(err, y->file, 0, 0, "empty document");
		return NULL;
	}
	if ((d->root = jdoc_yaml_value(d, y->root, 1)) == NULL) {
		error_set_at(err, y->file, d->over_line, d->over_col,
		    "the document nests deeper than %d or holds more than %lu "
		    "values", JDOC_MAX_DEPTH, JDOC_MAX_NODES);
		jdoc_free(d);
		return NULL;
	}
	if (d->npos > 1)
		qsort(d->pos, d->npos, sizeof *d->pos, jdoc_pos_cmp);
	return d;
}

void
jdoc_where(const struct jdoc *d, struct jnode *n, unsigned long *line,
    unsigned long *col)
{
	struct jdoc_pos	 key, *p;

	*line = *col = 0;
	if (d->pos == NULL || n == NULL)
		return;
	key.v = (const json_t *)(void *)n;
	if ((p = bsearch(&key, d->pos, d->npos, sizeof *d->pos,
	    jdoc_pos_cmp)) != NULL) {
		*line = p->line;
		*col = p->col;
	}
}

/* The opaque node is the jansson value itself. */
static json_t *
jv(struct jnode *n)
{
	return (json_t *)(void *)n;
}

static struct jnode *
jn(json_t *v)
{
	return (struct jnode *)(void *)v;
}

struct jnode *
jdoc_root(const struct jdoc *d)
{
	return jn(d->root);
}

enum jtype
jnode_type(struct jnode *n)
{
	switch (json_typeof(jv(n))) {
	case JSON_OBJECT:
		return JT_OBJECT;
	case JSON_ARRAY:
		return JT_ARRAY;
	case JSON_STRING:
		return JT_STRING;
	case JSON_INTEGER:
	case JSON_REAL:
		return JT_NUMBER;
	case JSON_TRUE:
	case JSON_FALSE:
		return JT_BOOL;
	default:
		return JT_NULL;
	}
}

const char *
jtype_name(enum jtype t)
{
	static const char *const names[] = { "null", "a boolean", "a number",
	    "a string", "an array", "an object" };

	return names[t];
}

struct jnode *
jnode_get(struct jnode *n, const char *key)
{
	if (n == NULL || !json_is_object(jv(n)))
		return NULL;
	return jn(json_object_get(jv(n), key));
}

enum jmember
jnode_member(struct jnode *obj, const char *key, enum jtype type,
    int required, struct jnode **out)
{
	struct jnode	*v = jnode_get(obj, key);

	*out = NULL;
	if (v != NULL && jnode_type(v) == type) {
		*out = v;
		return JM_OK;
	}
	if (!required && (v == NULL || jnode_type(v) == JT_NULL))
		return JM_OK;
	if (v == NULL)
		return JM_MISSING;
	*out = v;
	return JM_TYPE;
}

size_t
jnode_size(struct jnode *n)
{
	if (n == NULL || !json_is_array(jv(n)))
		return 0;
	return json_array_size(jv(n));
}

struct jnode *
jnode_at(struct jnode *n, size_t i)
{
	if (n == NULL || !json_is_array(jv(n)))
		return NULL;
	return jn(json_array_get(jv(n), i));
}

struct jnode *
jnode_next(struct jnode *n, void **iter, const char **key)
{
	if (n == NULL || !json_is_object(jv(n)))
		return NULL;
	*iter = *iter == NULL ? json_object_iter(jv(n)) :
	    json_object_iter_next(jv(n), *iter);
	if (*iter == NULL)
		return NULL;
	*key = json_object_iter_key(*iter);
	return jn(json_object_iter_value(*iter));
}

const char *
jnode_string(struct jnode *n)
{
	if (n == NULL || !json_is_string(jv(n)))
		return NULL;
	return json_string_value(jv(n));
}

int
jnode_true(struct jnode *n)
{
	return n != NULL && json_is_true(jv(n));
}

double
jnode_number(struct jnode *n)
{
	if (n == NULL || !json_is_number(jv(n)))
		return 0;
	return json_number_value(jv(n));
}

void
jread_init(struct jread *r, const struct jdoc *doc, const char *file,
    const char *needs, struct error *err)
{
	r->doc = doc;
	r->file = file;
	r->needs = needs;
	r->err = err;
}

int
jread_fail(const struct jread *r, struct jnode *at, const char *path,
    const char *fmt, ...)
{
	struct buf	b;
	va_list		ap;
	unsigned long	line = 0, col = 0;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (r->doc != NULL)
		jdoc_where(r->doc, at, &line, &col);
	error_set_at(r->err, r->file, line, col, "%s: %s", path, b.s);
	buf_release(&b);
	return -1;
}

int
jread_member(const struct jread *r, struct jnode *obj, const char *path,
    const char *key, enum jtype type, int required, struct jnode **out)
{
	enum jmember	 m = jnode_member(obj, key, type, required, out);
	char		*at;
	int		 rc;

	if (m == JM_OK)
		return 0;
	at = xasprintf("%s.%s", path, key);
	if (m == JM_MISSING)
		rc = jread_fail(r, obj, at, "missing (%s needs it)",
		    r->needs);
	else		/* true and false have no place: name the object's */
		rc = jread_fail(r, jnode_type(*out) == JT_BOOL ? obj : *out,
		    at, "must be %s, not %s",
		    jtype_name(type), jtype_name(jnode_type(*out)));
	free(at);
	*out = NULL;
	return rc;
}

int
jread_text(const struct jread *r, struct jnode *obj, const char *path,
    const char *key, int required, const char **out)
{
	struct jnode	*v;
	const char	*s;
	char		*at;

	*out = NULL;
	if (jread_member(r, obj, path, key, JT_STRING, required, &v) == -1)
		return -1;
	s = jnode_string(v);	/* NULL when absent: a member of another
				   type was refused above */
	if (s != NULL && *s != '\0')
		*out = s;
	else if (required) {
		at = xasprintf("%s.%s", path, key);
		jread_fail(r, v, at, "empty (%s needs it)", r->needs);
		free(at);
		return -1;
	}
	return 0;
}

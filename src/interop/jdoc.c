/* jdoc.c: JSON documents read with jansson, within bounds (see jdoc.h). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "interop/jdoc.h"
#include "util/error.h"
#include "util/xmalloc.h"

struct jdoc {
	json_t	*root;
};

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
		error_set(err, "'%s' is larger than %lu MiB", file,
		    JDOC_MAX_BYTES / (1024 * 1024));
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
		error_set(err, "'%s' nests deeper than %d or holds more than "
		    "%lu values", file, JDOC_MAX_DEPTH, JDOC_MAX_NODES);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->root = root;
	return d;
}

void
jdoc_free(struct jdoc *d)
{
	if (d == NULL)
		return;
	json_decref(d->root);
	free(d);
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

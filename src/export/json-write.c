/* json-write.c: JSON text, escaped and indented (see json-write.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "export/json-write.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
json_write_init(struct json_write *w, struct buf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

/* A new line indented to the current depth. */
static void
json_newline(struct json_write *w)
{
	int	i;

	buf_addc(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		buf_adds(w->out, "  ");
}

/* What comes before a value or a key: a comma and a new line. */
static void
json_before(struct json_write *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->count[w->depth - 1]++ > 0)
		buf_addc(w->out, ',');
	json_newline(w);
}

static void
json_open(struct json_write *w, char c)
{
	json_before(w);
	buf_addc(w->out, c);
	if (w->depth >= JSON_WRITE_MAX_DEPTH)
		fatal("json: nested deeper than %d", JSON_WRITE_MAX_DEPTH);
	w->count[w->depth++] = 0;
}

static void
json_close(struct json_write *w, char c)
{
	int	empty = w->count[w->depth - 1] == 0;

	w->depth--;
	if (!empty)
		json_newline(w);
	buf_addc(w->out, c);
	if (w->depth == 0)
		buf_addc(w->out, '\n');
}

void
json_begin_object(struct json_write *w)
{
	json_open(w, '{');
}

void
json_end_object(struct json_write *w)
{
	json_close(w, '}');
}

void
json_begin_array(struct json_write *w)
{
	json_open(w, '[');
}

void
json_end_array(struct json_write *w)
{
	json_close(w, ']');
}

void
json_key(struct json_write *w, const char *k)
{
	json_before(w);
	json_escape(w->out, k);
	buf_adds(w->out, ": ");
	w->after_key = 1;
}

void
json_key_begin_object(struct json_write *w, const char *k)
{
	json_key(w, k);
	json_begin_object(w);
}

void
json_key_begin_array(struct json_write *w, const char *k)
{
	json_key(w, k);
	json_begin_array(w);
}

void
json_write_string(struct json_write *w, const char *s)
{
	json_before(w);
	if (s == NULL)
		buf_adds(w->out, "null");
	else
		json_escape(w->out, s);
}

void
json_int(struct json_write *w, long v)
{
	json_before(w);
	buf_addf(w->out, "%ld", v);
}

void
json_bool(struct json_write *w, int v)
{
	json_before(w);
	buf_adds(w->out, v ? "true" : "false");
}

void
json_kv_string(struct json_write *w, const char *k, const char *s)
{
	json_key(w, k);
	json_write_string(w, s);
}

void
json_kv_string_opt(struct json_write *w, const char *k, const char *s)
{
	if (s != NULL)
		json_kv_string(w, k, s);
}

void
json_kv_int(struct json_write *w, const char *k, long v)
{
	json_key(w, k);
	json_int(w, v);
}

void
json_kv_bool(struct json_write *w, const char *k, int v)
{
	json_key(w, k);
	json_bool(w, v);
}

void
json_escape(struct buf *out, const char *s)
{
	size_t		len = strlen(s), i, n;
	uint32_t	c;

	buf_addc(out, '"');
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0) {
			buf_adds(out, "\\ufffd");
			n = 1;
			continue;
		}
		if (text_escape_c(out, c))
			continue;
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 ||
		    c == 0x2029)
			buf_addf(out, "\\u%04x", (unsigned)c);
		else
			buf_add(out, s + i, n);
	}
	buf_addc(out, '"');
}

/* text.c: UTF-8, terminal columns and safe display of untrusted text. */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "util/buf.h"
#include "util/text.h"

size_t
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;
	uint32_t		 c, min;
	size_t			 n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

void
utf8_encode(struct buf *b, uint32_t c)
{
	char	out[4];

	if (c < 0x80) {
		buf_addc(b, (char)c);
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, out, 2);
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, out, 3);
	} else {
		out[0] = (char)(0xf0 | (c >> 18));
		out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, out, 4);
	}
}

int
utf8_valid(const char *s, size_t len)
{
	uint64_t	w;
	uint32_t	c;
	size_t		n;

	while (len > 0) {
		/*
		 * ASCII, nearly all of a model's or the catalogue's text,
		 * eight bytes at a time and without a call.
		 */
		if (len >= 8) {
			memcpy(&w, s, 8);
			if ((w & 0x8080808080808080ull) == 0) {
				s += 8;
				len -= 8;
				continue;
			}
		}
		if ((unsigned char)*s < 0x80) {
			s++;
			len--;
			continue;
		}
		if ((n = utf8_decode(s, len, &c)) == 0)
			return 0;
		s += n;
		len -= n;
	}
	return 1;
}

int
text_is_control(uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return 1;
	/* Bidirectional overrides and isolates can reorder what is shown. */
	if (c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
		return 1;
	/* Line and paragraph separators break a one-line display. */
	if (c == 0x2028 || c == 0x2029)
		return 1;
	return 0;
}

int
text_has_control(const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	c;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &c)) == 0 || text_is_control(c))
			return 1;
		s += n;
		len -= n;
	}
	return 0;
}

void
text_visible(struct buf *b, const char *s, int keep_newlines)
{
	size_t		len = strlen(s), n;
	uint32_t	c;

	while (len > 0) {
		/* A run of printable ASCII, the common case, in one go. */
		for (n = 0; n < len && (unsigned char)s[n] >= 0x20 &&
		    (unsigned char)s[n] < 0x7f; n++)
			;
		if (n > 0) {
			buf_add(b, s, n);
			s += n;
			len -= n;
			continue;
		}
		if ((n = utf8_decode(s, len, &c)) == 0) {
			buf_addf(b, "<%02X>", (unsigned char)*s);
			s++;
			len--;
			continue;
		}
		if (c == '\n' && keep_newlines)
			buf_addc(b, '\n');
		else if (c == '\t')
			buf_addc(b, ' ');
		else if (c < 0x20)
			buf_addf(b, "^%c", (char)(c + 0x40));
		else if (c == 0x7f)
			buf_adds(b, "^?");
		else if (text_is_control(c))
			buf_addf(b, "<U+%04X>", (unsigned)c);
		else
			buf_add(b, s, n);
		s += n;
		len -= n;
	}
}

/* Columns of one code point; unprintable ones count as one (shown as ?). */
static int
text_cp_width(uint32_t c)
{
	int	w = wcwidth((wchar_t)c);

	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	size_t		len = strlen(s), n;
	uint32_t	c;
	int		w = 0;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &c)) == 0) {
			n = 1;
			c = '?';
		}
		w += text_cp_width(c);
		s += n;
		len -= n;
	}
	return w;
}

size_t
text_fit(const char *s, int cols, int *used)
{
	size_t		len = strlen(s), n, off = 0;
	uint32_t	c;
	int		w = 0, cw;

	while (off < len) {
		if ((n = utf8_decode(s + off, len - off, &c)) == 0) {
			n = 1;
			c = '?';
		}
		cw = text_cp_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		off += n;
		/* Keep combining marks with the character they follow. */
		while (off < len) {
			size_t	 m = utf8_decode(s + off, len - off, &c);

			if (m == 0 || wcwidth((wchar_t)c) != 0 || c < 0x300)
				break;
			off += m;
		}
	}
	if (used != NULL)
		*used = w;
	return off;
}

size_t
text_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j;
	size_t	row[65], prev, tmp, best;

	if (la > 64 || lb > 64)
		return la > lb ? la : lb;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
text_suggest(const char *w, const char *const *words)
{
	const char	*best = NULL;
	size_t		 d, bestd = (size_t)-1, limit;

	limit = strlen(w) / 3;
	if (limit < 2)
		limit = 2;
	/* The word in other capitals ("HIGH", "Markdown") is the word. */
	for (d = 0; words[d] != NULL; d++)
		if (strcasecmp(w, words[d]) == 0)
			return words[d];
	for (; *words != NULL; words++) {
		d = text_distance(w, *words);
		if (d < bestd) {
			bestd = d;
			best = *words;
		}
	}
	return bestd <= limit ? best : NULL;
}

int
text_escape_c(struct buf *b, uint32_t c)
{
	switch (c) {
	case '"':
		buf_adds(b, "\\\"");
		return 1;
	case '\\':
		buf_adds(b, "\\\\");
		return 1;
	case '\n':
		buf_adds(b, "\\n");
		return 1;
	case '\t':
		buf_adds(b, "\\t");
		return 1;
	case '\r':
		buf_adds(b, "\\r");
		return 1;
	}
	return 0;
}

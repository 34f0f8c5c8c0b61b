/*
 * text.h: UTF-8, terminal columns, and making hostile text harmless.
 *
 * Text from a model, a catalogue or an import is untrusted. Before it can
 * reach a terminal it goes through text_visible(), which turns control
 * characters, escape sequences, bidirectional overrides and invalid UTF-8
 * into printable notation. Widths are terminal columns (wcwidth), never bytes;
 * they need an LC_CTYPE with UTF-8, as the program sets at start.
 */
#ifndef PARAPET_UTIL_TEXT_H
#define PARAPET_UTIL_TEXT_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * Decode one UTF-8 sequence at s (at most len bytes). Returns the number of
 * bytes used and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid).
 */
size_t	 utf8_decode(const char *, size_t, uint32_t *);
/* Append the UTF-8 form of a code point. */
void	 utf8_encode(struct buf *, uint32_t);
/* 1 if the bytes are valid UTF-8, else 0. */
int	 utf8_valid(const char *, size_t);

/* 1 if c must never reach a terminal raw (C0, DEL, C1, bidi controls). */
int	 text_is_control(uint32_t);
/*
 * The backslash escape that C-like quoted strings (JSON, YAML double
 * quotes, Graphviz) share for ", \, newline, tab and CR: appended and 1,
 * or 0 (nothing appended) for any other character.
 */
int	 text_escape_c(struct buf *, uint32_t);
/* 1 if the string holds such a character, or invalid UTF-8. */
int	 text_has_control(const char *);
/*
 * Append s with every control character shown as visible notation (^[ for
 * ESC, ^J for a newline unless keep_newlines, <U+202E> for others) and every
 * invalid byte as <XX>. The result is safe to print to a terminal.
 */
void	 text_visible(struct buf *, const char *, int keep_newlines);

/* Terminal columns of a string already made visible. */
int	 text_width(const char *);
/*
 * Number of bytes of s that fit in cols columns without splitting a
 * character; the width used is stored in *used when not NULL.
 */
size_t	 text_fit(const char *, int cols, int *used);

/* Edit distance between two short words (bounded, for suggestions). */
size_t	 text_distance(const char *, const char *);
/*
 * The word of a NULL-terminated list nearest to w, if near enough to be a
 * likely misspelling; else NULL. The result is borrowed from the list.
 */
const char *text_suggest(const char *w, const char *const *words);

#endif

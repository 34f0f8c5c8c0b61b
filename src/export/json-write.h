/*
 * json-write.h: a small writer of JSON text (RFC 8259) into a buffer, for
 * the exports that other tools read (SARIF, Threat Dragon, Open Threat
 * Model).
 *
 * The writer keeps the commas and the indentation (two spaces, one member
 * or element a line), so a writer of a format only says what comes next.
 * Every string goes through json_escape(): the quote, the backslash and
 * every control character (C0, DEL, C1) are escaped, U+2028 and U+2029 too
 * (some JavaScript readers end a line there), and a byte that is not UTF-8
 * becomes U+FFFD, so that no text from a model can break the document or
 * reach a terminal raw when the file is printed. The same values always
 * give the same bytes.
 *
 * No function here may share a name with jansson's API (json_string(),
 * json_null(), ...): the program links jansson for the importers
 * (interop/jdoc.c), and a clash binds jansson's calls to the writer.
 *
 * Ownership: the writer appends to the caller's buffer and keeps nothing
 * after the last json_end_*() call; it allocates nothing.
 */
#ifndef PARAPET_EXPORT_JSON_WRITE_H
#define PARAPET_EXPORT_JSON_WRITE_H

#include <stddef.h>

struct buf;

#define JSON_WRITE_MAX_DEPTH	32

struct json_write {
	struct buf	*out;
	int		 depth;			/* open containers */
	int		 count[JSON_WRITE_MAX_DEPTH]; /* items in each so far */
	int		 after_key;		/* a key waits for its value */
};

void	json_write_init(struct json_write *, struct buf *);
/* Containers; an object's members are json_key() then one value. */
void	json_begin_object(struct json_write *);
void	json_end_object(struct json_write *);
void	json_begin_array(struct json_write *);
void	json_end_array(struct json_write *);
void	json_key(struct json_write *, const char *);
/* A member that opens a container: json_key() then json_begin_*(). */
void	json_key_begin_object(struct json_write *, const char *);
void	json_key_begin_array(struct json_write *, const char *);
/* Values; json_write_string(w, NULL) writes null. */
void	json_write_string(struct json_write *, const char *);
void	json_int(struct json_write *, long);
void	json_bool(struct json_write *, int);
/* Members: key and value; the _opt forms write nothing when s is NULL. */
void	json_kv_string(struct json_write *, const char *, const char *);
void	json_kv_string_opt(struct json_write *, const char *, const char *);
void	json_kv_int(struct json_write *, const char *, long);
void	json_kv_bool(struct json_write *, const char *, int);

/* Append s as a quoted JSON string (escaped as above). */
void	json_escape(struct buf *, const char *s);

#endif

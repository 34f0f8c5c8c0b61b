/*
 * ledit.h: a one-line text editor working in UTF-8 characters.
 *
 * The text fields of forms and the text prompts edit their text with it;
 * ledit_key() is the one place where keys are turned into edits: every
 * printable character is typed, and the line-editing keys are the
 * bindings of KCTX_EDIT in the key table (view/keys-table.c), which the
 * help and parapet(1) list. Control characters are never inserted. The
 * cursor is a byte offset kept on a character boundary.
 *
 * Ownership: a struct ledit owns its text; ledit_release() frees it.
 */
#ifndef PARAPET_VIEW_LEDIT_H
#define PARAPET_VIEW_LEDIT_H

#include <stddef.h>

struct ledit {
	char	*s;		/* the text, NUL-terminated, never NULL */
	size_t	 len;
	size_t	 cap;
	size_t	 pos;		/* byte offset of the cursor, on a
				   character boundary */
};

/* What a key did to the text. */
enum ledit_result {
	LEDIT_NONE,		/* not a line-editing key */
	LEDIT_MOVED,		/* the cursor moved; the text is the same */
	LEDIT_CHANGED		/* the text changed (or a character was
				   refused) */
};

void	 ledit_init(struct ledit *, const char *);
void	 ledit_release(struct ledit *);
void	 ledit_set(struct ledit *, const char *);
/* Insert one Unicode character at the cursor (control characters are
 * refused: returns -1). */
int	 ledit_insert(struct ledit *, unsigned long);
void	 ledit_backspace(struct ledit *);
void	 ledit_delete(struct ledit *);
void	 ledit_left(struct ledit *);
void	 ledit_right(struct ledit *);
void	 ledit_home(struct ledit *);
void	 ledit_end(struct ledit *);
/* Apply a key (a code of view/keys.h), as the KCTX_EDIT bindings say. */
enum ledit_result ledit_key(struct ledit *, int key);
/* Columns from the start of the text to the cursor. */
int	 ledit_column(const struct ledit *);

#endif

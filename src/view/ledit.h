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
 * C-u kills the text: it goes to the editor's kill buffer, which C-y
 * yanks back at the cursor, as readline and emacs do, so that a field
 * wiped by mistake is got back before it is left (and saved). The kill
 * buffer outlives ledit_set(): moving to another field keeps it.
 *
 * Ownership: a struct ledit owns its text and kill buffer;
 * ledit_release() frees them.
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
	char	*kill;		/* the text C-u last killed, or NULL */
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
/* Kill the whole text into the kill buffer (an empty text keeps what the
 * buffer held). */
void	 ledit_kill(struct ledit *);
/* Insert the kill buffer at the cursor; -1 if it is empty. */
int	 ledit_yank(struct ledit *);
/* Move src's kill buffer to dst (a form rebuilt keeps it). */
void	 ledit_take_kill(struct ledit *dst, struct ledit *src);
/* Apply a key (a code of view/keys.h), as the KCTX_EDIT bindings say. */
enum ledit_result ledit_key(struct ledit *, int key);
/* Columns from the start of the text to the cursor. */
int	 ledit_column(const struct ledit *);

#endif

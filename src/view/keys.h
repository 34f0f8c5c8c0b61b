/*
 * keys.h: the key table of the TUI, with its help text.
 *
 * Every key binding is one row of a const table (key, name, context,
 * action, brief, help) in keys-table.c. The TUI looks keys up in it, the
 * line editor too (the KCTX_EDIT rows, view/ledit.c); the help screen and
 * the status-line hints (keys and words) are built from it; the man page
 * (written by hand) is checked against it by tests/test-manpage-cli.c and
 * tests/man-lint.sh, so they cannot disagree. Key codes are Unicode code
 * points for characters, KEYC_CTRL(c) for control keys, and the KEYC_*
 * values above Unicode for special keys; src/tui/keys.c translates curses
 * keys to them.
 *
 * A screen looks a key up in a chain of contexts, most specific first
 * (for example: risks, model, list, everywhere); the first binding found
 * wins.
 */
#ifndef PARAPET_VIEW_KEYS_H
#define PARAPET_VIEW_KEYS_H

#include <stddef.h>

struct buf;
struct vline;

#define KEYC_CTRL(c)	((c) & 0x1f)
#define KEYC_BASE	0x110000

enum keycode {
	KEYC_NONE = 0,
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PPAGE,
	KEYC_NPAGE,
	KEYC_HOME,
	KEYC_END,
	KEYC_ENTER,
	KEYC_ESC,
	KEYC_TAB,
	KEYC_BTAB,
	KEYC_BACKSPACE,
	KEYC_DELETE,
	KEYC_F1,
	KEYC_F5,
	KEYC_RESIZE,
	KEYC_ALNUM	/* in the table: any ASCII letter or digit */
};

/* Where a binding applies; screens chain them, most specific first. */
enum kctx {
	KCTX_END = -1,		/* ends a chain */
	KCTX_GLOBAL,		/* everywhere */
	KCTX_LIST,		/* any list or pane */
	KCTX_MODEL,		/* any screen of an open model */
	KCTX_START,
	KCTX_ORG,
	KCTX_WALK,
	KCTX_FORM,
	KCTX_PICK,
	KCTX_PROMPT,
	KCTX_EDIT,		/* the text of a prompt or form field */
	KCTX_FLOWS,
	KCTX_RISKS,
	KCTX_MITIGATION,
	KCTX_DASHBOARD,
	KCTX_HISTORY,
	KCTX_EXPORT,
	KCTX_HELP,
	KCTX_COUNT
};

enum action {
	ACT_NONE,
	ACT_HELP,
	ACT_QUIT,
	ACT_BACK,
	ACT_UNDO,
	ACT_REFRESH,
	ACT_REDRAW,
	ACT_UP,
	ACT_DOWN,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_NEXT_PANE,
	ACT_PREV_PANE,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_WALK,
	ACT_SYSTEM,
	ACT_FLOWS,
	ACT_RISKS,
	ACT_DASHBOARD,
	ACT_MODEL_HISTORY,
	ACT_EXPORT,
	ACT_NEW,
	ACT_NEW_TEMPLATE,
	ACT_DELETE,
	ACT_ADD,
	ACT_NEXT_STEP,
	ACT_PREV_STEP,
	ACT_GOTO_STEP,
	ACT_HISTORY,
	ACT_TOGGLE,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_CLEAR,
	ACT_YANK,
	ACT_STATUS,
	ACT_OWNER,
	ACT_JUSTIFY,
	ACT_FILTER,
	ACT_CLEAR_FILTER,
	ACT_SORT,
	ACT_DUE,
	ACT_NOTES,
	ACT_JUMP,
	ACT_REGISTER,
	ACT_TEAM,
	ACT_MIN_SEVERITY,
	ACT_ERASE_BACK,
	ACT_ERASE,
	ACT_CONFIRM,
	ACT_COUNT
};

struct keybinding {
	int		 key;		/* code point, KEYC_CTRL() or KEYC_* */
	const char	*name;		/* as shown in help: "j", "Down" */
	enum kctx	 ctx;
	enum action	 action;
	const char	*brief;		/* on the status line: "open"; NULL
					   when no hint names it */
	const char	*help;		/* one line */
};

extern const struct keybinding	keys_table[];
extern const size_t		nkeys_table;

/* The action of a key in a chain of contexts ended by KCTX_END. */
enum action	 keys_lookup(int key, const enum kctx *chain);
/*
 * The name of the first key bound to an action in a context, as help
 * shows it ("a", "Enter"; borrowed), or NULL: for text that tells which
 * key to press ("press a to add one").
 */
const char	*keys_key(enum action, enum kctx);
/* The name of a context, as a heading: "Everywhere", "Risks". */
const char	*keys_ctx_name(enum kctx);
/*
 * One item of a status-line hint: the key of an action and what it does
 * there ("Enter open"), or the keys of two actions ("Up/Down scroll").
 * Screens list their hints as arrays of actions ended by KEY_HINT_END; the
 * keys, and unless the screen says otherwise the words, are those of the
 * binding the table has for the action in the screen's chain (its brief),
 * so a hint cannot name a key that does something else, nor say what the
 * table does not.
 */
struct key_hint {
	enum action	 act;	/* ACT_NONE: the words alone */
	enum action	 act2;	/* ACT_NONE, or a second action: "A/B" */
	int		 key;	/* 0: the first key of act in the chain;
				   else this key, if it is bound to act */
	const char	*what;	/* NULL: the binding's brief; or the words
				   of this screen: "models" */
};
#define KEY_HINT(a)		{ .act = (a) }
#define KEY_HINT_AS(a, w)	{ .act = (a), .what = (w) }
#define KEY_HINT_TEXT(w)	{ .act = ACT_NONE, .what = (w) }
#define KEY_HINT2(a, b, w)	{ .act = (a), .act2 = (b), .what = (w) }
#define KEY_HINT_KEY(a, k, w)	{ .act = (a), .key = (k), .what = (w) }
#define KEY_HINT_END		{ .act = ACT_NONE, .what = NULL }

/*
 * Append a hint to a buffer: items two spaces apart, each its key names
 * then its words ("Enter open  Esc back  ? help"). A key whose name lists
 * several keys ("a-z, 0-9") is shown by the first; an item whose keys are
 * not bound in the chain, or that has no words, is left out. Returns the number left out (a
 * screen's hint should leave none: the TUI's tests check it).
 */
size_t		 keys_hint(struct buf *, const struct key_hint *,
		     const enum kctx *chain);
/*
 * Append the same hint to a line of the status line, cols wide: key names
 * in style kstyle, words in wstyle. When it is wider than cols, the last
 * items are dropped until it fits, but for help (which lists every key)
 * and quit.
 */
void		 keys_hint_line(struct vline *, const struct key_hint *,
		     const enum kctx *chain, int cols, int kstyle, int wstyle);
/*
 * Append the help of one context (ctx >= 0) or of all (-1): a heading per
 * context, then one line per action with all its keys: "  j, Down   move
 * down".
 */
void		 keys_help(struct buf *, int ctx);

#endif

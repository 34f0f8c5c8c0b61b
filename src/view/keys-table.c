/* keys-table.c: every key binding of the TUI with its help text. */
#include "config.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "view/keys.h"
#include "view/view.h"

#define C(c)	KEYC_CTRL(c)

const struct keybinding keys_table[] = {
	/* Everywhere. */
	{ '?', "?", KCTX_GLOBAL, ACT_HELP, "help", "show the keys of this "
	  "screen and every other" },
	{ KEYC_F1, "F1", KCTX_GLOBAL, ACT_HELP, NULL, NULL },
	{ 'q', "q", KCTX_GLOBAL, ACT_QUIT, "quit", "quit from the start "
	  "screen; elsewhere go back" },
	{ KEYC_ESC, "Esc", KCTX_GLOBAL, ACT_BACK, "back", "go back to the "
	  "previous screen" },
	{ 'u', "u", KCTX_GLOBAL, ACT_UNDO, NULL, "undo the last change (it "
	  "is saved at once, like every change)" },
	{ C('r'), "C-r", KCTX_GLOBAL, ACT_REFRESH, NULL, "reload from the "
	  "database: changes made by another Parapet" },
	{ KEYC_F5, "F5", KCTX_GLOBAL, ACT_REFRESH, NULL, NULL },
	{ C('l'), "C-l", KCTX_GLOBAL, ACT_REDRAW, NULL, "redraw the screen" },

	/* Lists and panes. */
	{ KEYC_UP, "Up", KCTX_LIST, ACT_UP, NULL, "move up" },
	{ 'k', "k", KCTX_LIST, ACT_UP, NULL, NULL },
	{ KEYC_DOWN, "Down", KCTX_LIST, ACT_DOWN, NULL, "move down" },
	{ 'j', "j", KCTX_LIST, ACT_DOWN, NULL, NULL },
	{ KEYC_PPAGE, "PgUp", KCTX_LIST, ACT_PAGE_UP, NULL, "move up a page" },
	{ KEYC_NPAGE, "PgDn", KCTX_LIST, ACT_PAGE_DOWN, NULL, "move down a "
	  "page" },
	{ KEYC_HOME, "Home", KCTX_LIST, ACT_FIRST, NULL, "go to the first "
	  "line" },
	{ 'g', "g", KCTX_LIST, ACT_FIRST, NULL, NULL },
	{ KEYC_END, "End", KCTX_LIST, ACT_LAST, NULL, "go to the last line" },
	{ 'G', "G", KCTX_LIST, ACT_LAST, NULL, NULL },
	{ KEYC_ENTER, "Enter", KCTX_LIST, ACT_OPEN, "edit", "open or edit "
	  "the selected item" },
	{ KEYC_TAB, "Tab", KCTX_LIST, ACT_NEXT_PANE, NULL, "move to the "
	  "next pane" },
	{ KEYC_BTAB, "S-Tab", KCTX_LIST, ACT_PREV_PANE, NULL, "move to the "
	  "previous pane" },
	{ '/', "/", KCTX_LIST, ACT_SEARCH, "search", "search for text" },
	{ 'n', "n", KCTX_LIST, ACT_SEARCH_NEXT, "next", "go to the next "
	  "match" },

	/* Any screen of an open model. */
	{ 'W', "W", KCTX_MODEL, ACT_WALK, "walk", "walk-through: the "
	  "workshop steps, system to review" },
	{ 'S', "S", KCTX_MODEL, ACT_SYSTEM, NULL, "edit the system: name, "
	  "owner, criticality" },
	{ 'V', "V", KCTX_MODEL, ACT_FLOWS, "flows", "data-flow view: "
	  "components by boundary, crossings marked" },
	{ 'R', "R", KCTX_MODEL, ACT_RISKS, "risks", "risk register: filter, "
	  "decide, mitigate" },
	{ 'D', "D", KCTX_MODEL, ACT_DASHBOARD, "dashboard", "dashboard: "
	  "severity by status, overdue, accepted, coverage" },
	{ 'H', "H", KCTX_MODEL, ACT_MODEL_HISTORY, NULL, "history of the "
	  "whole model" },
	{ 'X', "X", KCTX_MODEL, ACT_EXPORT, NULL, "export the model to a "
	  "file" },

	/* Start screen. */
	{ KEYC_ENTER, "Enter", KCTX_START, ACT_OPEN, "open", "open the "
	  "selected model" },
	{ 'a', "a", KCTX_START, ACT_NEW, "new model", "create a blank model" },
	{ 't', "t", KCTX_START, ACT_NEW_TEMPLATE, "from template", "create "
	  "a model from a template" },
	{ 'd', "d", KCTX_START, ACT_DELETE, "delete", "delete the selected "
	  "model (asks first)" },
	{ 'r', "r", KCTX_START, ACT_REGISTER, "register", "the register of "
	  "every system: risks, overdue, reviews due" },

	/* The organisation's register. */
	{ KEYC_ENTER, "Enter", KCTX_ORG, ACT_OPEN, "open", "open the "
	  "system, or the item's risk in its register" },
	{ 'o', "o", KCTX_ORG, ACT_OWNER, "owner", "only what one risk owner "
	  "answers for (empty: everyone)" },
	{ 't', "t", KCTX_ORG, ACT_TEAM, "team", "only the systems of one "
	  "team (empty: every team)" },
	{ 's', "s", KCTX_ORG, ACT_MIN_SEVERITY, "severity", "count only the "
	  "risks at or above a severity" },
	{ 'c', "c", KCTX_ORG, ACT_CLEAR_FILTER, "clear", "clear the filters" },

	/* Walk-through. */
	{ KEYC_RIGHT, "Right", KCTX_WALK, ACT_NEXT_STEP, "next", "go to the "
	  "next step" },
	{ ']', "]", KCTX_WALK, ACT_NEXT_STEP, NULL, NULL },
	{ KEYC_LEFT, "Left", KCTX_WALK, ACT_PREV_STEP, "back", "go to the "
	  "previous step" },
	{ '[', "[", KCTX_WALK, ACT_PREV_STEP, NULL, NULL },
	{ '1', "1", KCTX_WALK, ACT_GOTO_STEP, NULL, "go to that step of the "
	  "workshop (1 system ... 7 review)" },
	{ '2', "2", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ '3', "3", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ '4', "4", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ '5', "5", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ '6', "6", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ '7', "7", KCTX_WALK, ACT_GOTO_STEP, NULL, NULL },
	{ 'a', "a", KCTX_WALK, ACT_ADD, "add", "add a boundary, component "
	  "or flow (in its step)" },
	{ 'd', "d", KCTX_WALK, ACT_DELETE, "delete", "delete the selected "
	  "item (asks first)" },
	{ ' ', "Space", KCTX_WALK, ACT_TOGGLE, "yes/no/unknown", "practice "
	  "step: answer yes, no or unknown in turn" },
	{ 'h', "h", KCTX_WALK, ACT_HISTORY, NULL, "history of the selected "
	  "item" },
	{ 'c', "c", KCTX_WALK, ACT_CONFIRM, "confirm", "tick a step 1-4 "
	  "that holds a template's example as it is" },

	/* Forms. */
	{ KEYC_UP, "Up", KCTX_FORM, ACT_UP, NULL, "previous field" },
	{ KEYC_BTAB, "S-Tab", KCTX_FORM, ACT_UP, NULL, NULL },
	{ KEYC_DOWN, "Down", KCTX_FORM, ACT_DOWN, NULL, "next field" },
	{ KEYC_TAB, "Tab", KCTX_FORM, ACT_DOWN, NULL, NULL },
	{ KEYC_ENTER, "Enter", KCTX_FORM, ACT_OPEN, NULL, "store the text or "
	  "choose, then next field; rename a stored id" },
	{ ' ', "Space", KCTX_FORM, ACT_TOGGLE, NULL, "yes/no/unknown: next "
	  "answer; lists: choose (text: a space)" },
	{ KEYC_LEFT, "Left", KCTX_FORM, ACT_LEFT, NULL, "move in the text; "
	  "previous value" },
	{ KEYC_RIGHT, "Right", KCTX_FORM, ACT_RIGHT, NULL, "move in the "
	  "text; next value" },
	{ C('u'), "C-u", KCTX_FORM, ACT_CLEAR, NULL, "clear the field (C-y "
	  "puts it back)" },
	{ C('y'), "C-y", KCTX_FORM, ACT_YANK, NULL, "put back what C-u "
	  "cleared in this form" },
	{ KEYC_F1, "F1", KCTX_FORM, ACT_HELP, "help", "help (? is typed in "
	  "text fields)" },

	/* Pick lists. */
	{ KEYC_ENTER, "Enter", KCTX_PICK, ACT_OPEN, "choose", "choose the "
	  "ticked values, or with none ticked the selected one" },
	{ ' ', "Space", KCTX_PICK, ACT_TOGGLE, "tick/untick", "tick or "
	  "untick a value (where several are allowed)" },
	{ KEYC_ESC, "Esc", KCTX_PICK, ACT_BACK, "cancel", "cancel" },
	{ KEYC_ALNUM, "a-z, 0-9", KCTX_PICK, ACT_JUMP, "go to", "go to the "
	  "next value starting with that letter or digit" },

	/* Text prompts. */
	{ KEYC_ENTER, "Enter", KCTX_PROMPT, ACT_OPEN, "confirm", "confirm" },
	{ KEYC_ESC, "Esc", KCTX_PROMPT, ACT_BACK, "cancel", "cancel" },

	/* Editing text, in prompts and the text fields of forms (ledit.c);
	 * every printable character is typed. */
	{ KEYC_LEFT, "Left", KCTX_EDIT, ACT_LEFT, NULL, "move back a "
	  "character" },
	{ KEYC_RIGHT, "Right", KCTX_EDIT, ACT_RIGHT, NULL, "move on a "
	  "character" },
	{ KEYC_HOME, "Home", KCTX_EDIT, ACT_FIRST, NULL, "go to the start "
	  "of the text" },
	{ C('a'), "C-a", KCTX_EDIT, ACT_FIRST, NULL, NULL },
	{ KEYC_END, "End", KCTX_EDIT, ACT_LAST, NULL, "go to the end of the "
	  "text" },
	{ C('e'), "C-e", KCTX_EDIT, ACT_LAST, NULL, NULL },
	{ KEYC_BACKSPACE, "Backspace", KCTX_EDIT, ACT_ERASE_BACK, NULL,
	  "delete the character before the cursor" },
	{ KEYC_DELETE, "Delete", KCTX_EDIT, ACT_ERASE, NULL, "delete the "
	  "character at the cursor" },
	{ C('u'), "C-u", KCTX_EDIT, ACT_CLEAR, "clear", "clear the text "
	  "(C-y puts it back)" },
	{ C('y'), "C-y", KCTX_EDIT, ACT_YANK, "put back", "put back the text "
	  "C-u cleared, at the cursor" },

	/* Data-flow view. */
	{ KEYC_ENTER, "Enter", KCTX_FLOWS, ACT_OPEN, "edit", "edit the "
	  "selected boundary, component or flow" },
	{ 'a', "a", KCTX_FLOWS, ACT_ADD, "add flow", "add a data flow" },
	{ 'd', "d", KCTX_FLOWS, ACT_DELETE, "delete", "delete the selected "
	  "item (asks first)" },
	{ 'h', "h", KCTX_FLOWS, ACT_HISTORY, "history", "history of the "
	  "selected item" },

	/* Risks. */
	{ 's', "s", KCTX_RISKS, ACT_STATUS, "status", "set the risk's "
	  "status (accepting asks for a justification)" },
	{ 'o', "o", KCTX_RISKS, ACT_OWNER, "owner", "set the risk's owner" },
	{ 'J', "J", KCTX_RISKS, ACT_JUSTIFY, NULL, "edit the justification" },
	{ 'f', "f", KCTX_RISKS, ACT_FILTER, "filter", "filter by severity, "
	  "status, owner, target, guideline or text" },
	{ '/', "/", KCTX_RISKS, ACT_SEARCH, "text", "filter by free text" },
	{ 'c', "c", KCTX_RISKS, ACT_CLEAR_FILTER, NULL, "clear all filters" },
	{ '>', ">", KCTX_RISKS, ACT_SORT, "sort", "sort by severity, "
	  "status, target, guideline, owner, title" },
	{ 'h', "h", KCTX_RISKS, ACT_HISTORY, NULL, "history of the selected "
	  "risk" },

	/* The mitigations in the risk detail pane. */
	{ 's', "s", KCTX_MITIGATION, ACT_STATUS, "status", "set the "
	  "mitigation's status" },
	{ 'o', "o", KCTX_MITIGATION, ACT_OWNER, "owner", "set who "
	  "implements it" },
	{ 'd', "d", KCTX_MITIGATION, ACT_DUE, "due", "set the due date "
	  "(YYYY-MM-DD)" },
	{ 'n', "n", KCTX_MITIGATION, ACT_NOTES, "notes", "edit the notes" },

	/* Dashboard. */
	{ KEYC_ENTER, "Enter", KCTX_DASHBOARD, ACT_OPEN, "show the risk",
	  "show the selected risk in the register" },

	/* History. */
	{ '/', "/", KCTX_HISTORY, ACT_SEARCH, "search", "search the history" },

	/* Export. */
	{ KEYC_ENTER, "Enter", KCTX_EXPORT, ACT_OPEN, "export", "export to "
	  "the selected format (asks for the file name)" },

	/* Help. */
	{ '/', "/", KCTX_HELP, ACT_SEARCH, "search", "search the help" },
};
const size_t nkeys_table = sizeof keys_table / sizeof keys_table[0];

#undef C

static const char *const ctx_names[KCTX_COUNT] = {
	[KCTX_GLOBAL] = "Everywhere",
	[KCTX_LIST] = "Lists and panes",
	[KCTX_MODEL] = "Any screen of an open model",
	[KCTX_START] = "Start screen (models of the database)",
	[KCTX_ORG] = "Organisation register (every system of the database)",
	[KCTX_WALK] = "Walk-through",
	[KCTX_FORM] = "Forms (system, boundary, component, flow)",
	[KCTX_PICK] = "Lists of values",
	[KCTX_PROMPT] = "Text prompts",
	[KCTX_EDIT] = "Editing text (prompts and text fields)",
	[KCTX_FLOWS] = "Data-flow view",
	[KCTX_RISKS] = "Risks",
	[KCTX_MITIGATION] = "Mitigations (risk detail pane)",
	[KCTX_DASHBOARD] = "Dashboard",
	[KCTX_HISTORY] = "History",
	[KCTX_EXPORT] = "Export",
	[KCTX_HELP] = "Help",
};

const char *
keys_ctx_name(enum kctx c)
{
	if (c < 0 || c >= KCTX_COUNT)
		return "";
	return ctx_names[c];
}

/* 1 for an ASCII letter or digit (type-ahead in lists of values). */
static int
keys_alnum(int key)
{
	return (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z') ||
	    (key >= '0' && key <= '9');
}

enum action
keys_lookup(int key, const enum kctx *chain)
{
	size_t	i;

	for (; *chain != KCTX_END; chain++)
		for (i = 0; i < nkeys_table; i++)
			if (keys_table[i].ctx == *chain &&
			    (keys_table[i].key == key ||
			    (keys_table[i].key == KEYC_ALNUM &&
			    keys_alnum(key))))
				return keys_table[i].action;
	return ACT_NONE;
}

/* The help of one context: one line per action, keys joined. */
static void
keys_help_ctx(struct buf *b, enum kctx c)
{
	struct buf	 keys;
	const char	*first, *last;
	size_t		 i, j;
	int		 w, digits;

	buf_init(&keys);
	for (i = 0; i < nkeys_table; i++) {
		if (keys_table[i].ctx != c || keys_table[i].help == NULL)
			continue;
		buf_reset(&keys);
		/* Every key of the same action in this context. */
		first = last = NULL;
		digits = 1;
		for (j = 0; j < nkeys_table; j++) {
			if (keys_table[j].ctx != c ||
			    keys_table[j].action != keys_table[i].action)
				continue;
			if (keys.len > 0)
				buf_adds(&keys, ", ");
			buf_adds(&keys, keys_table[j].name);
			if (first == NULL)
				first = keys_table[j].name;
			digits = digits && keys_table[j].name[0] >= '0' &&
			    keys_table[j].name[0] <= '9' &&
			    keys_table[j].name[1] == '\0' && (last == NULL ||
			    keys_table[j].name[0] == last[0] + 1);
			last = keys_table[j].name;
		}
		/* A run of digits too long for the column: "1-7". */
		if (digits && text_width(keys.s) > 14) {
			buf_reset(&keys);
			buf_addf(&keys, "%s-%s", first, last);
		}
		buf_addf(b, "  %s", keys.s);
		for (w = text_width(keys.s); w < 14; w++)
			buf_addc(b, ' ');
		buf_addf(b, " %s\n", keys_table[i].help);
	}
	buf_release(&keys);
}

void
keys_help(struct buf *b, int ctx)
{
	int	c;

	for (c = 0; c < KCTX_COUNT; c++) {
		if (ctx >= 0 && c != ctx)
			continue;
		buf_addf(b, "%s\n", keys_ctx_name((enum kctx)c));
		keys_help_ctx(b, (enum kctx)c);
		if (ctx < 0 && c + 1 < KCTX_COUNT)
			buf_addc(b, '\n');
	}
}

/* The binding of an action (by that key, if not 0) in a chain, or NULL. */
static const struct keybinding *
keys_row(enum action a, int key, const enum kctx *chain)
{
	size_t	i;

	for (; *chain != KCTX_END; chain++)
		for (i = 0; i < nkeys_table; i++)
			if (keys_table[i].ctx == *chain &&
			    keys_table[i].action == a &&
			    (key == 0 || keys_table[i].key == key))
				return &keys_table[i];
	return NULL;
}

const char *
keys_key(enum action a, enum kctx ctx)
{
	const enum kctx		 chain[] = { ctx, KCTX_END };
	const struct keybinding	*k = keys_row(a, 0, chain);

	return k != NULL ? k->name : NULL;
}

/* Append a key's name up to its first comma ("a-z, 0-9": "a-z"). */
static void
keys_add_name(struct buf *b, const char *name)
{
	const char	*comma = strchr(name, ',');

	buf_add(b, name, comma != NULL ? (size_t)(comma - name) :
	    strlen(name));
}

/* 1 at the end of a hint: no action and no words. */
static int
keys_hint_end(const struct key_hint *h)
{
	return h->act == ACT_NONE && h->what == NULL;
}

/*
 * Append the key names of one hint item ("Enter", "Up/Down"), or nothing
 * when it names no key, and set its words: the item's, else the brief of
 * its binding. -1 when a key it names is not bound in the chain, or it has
 * no words.
 */
static int
keys_hint_keys(struct buf *b, const struct key_hint *h,
    const enum kctx *chain, const char **what)
{
	const struct keybinding	*k1 = NULL, *k2 = NULL;

	if ((h->act != ACT_NONE &&
	    (k1 = keys_row(h->act, h->key, chain)) == NULL) ||
	    (h->act2 != ACT_NONE &&
	    (k2 = keys_row(h->act2, 0, chain)) == NULL))
		return -1;
	if ((*what = h->what) == NULL && (k1 == NULL ||
	    (*what = k1->brief) == NULL))
		return -1;
	if (k1 != NULL) {
		keys_add_name(b, k1->name);
		if (k2 != NULL) {
			buf_addc(b, '/');
			keys_add_name(b, k2->name);
		}
	}
	return 0;
}

size_t
keys_hint(struct buf *b, const struct key_hint *h,
    const enum kctx *chain)
{
	struct buf	 k;
	const char	*what;
	size_t		 left = 0;
	int		 first = 1;

	buf_init(&k);
	for (; !keys_hint_end(h); h++) {
		buf_reset(&k);
		if (keys_hint_keys(&k, h, chain, &what) == -1) {
			left++;
			continue;
		}
		if (!first)
			buf_adds(b, "  ");
		first = 0;
		if (k.len > 0) {
			buf_add(b, k.s, k.len);
			buf_addc(b, ' ');
		}
		buf_adds(b, what);
	}
	buf_release(&k);
	return left;
}

/* An item that a narrow status line keeps: help (it lists the rest), quit. */
static int
keys_hint_kept(const struct key_hint *h)
{
	return h->act == ACT_HELP || h->act == ACT_QUIT;
}

void
keys_hint_line(struct vline *l, const struct key_hint *h,
    const enum kctx *chain, int cols, int kstyle, int wstyle)
{
	enum { MAXITEMS = 32 };
	struct buf	 keys[MAXITEMS];
	const char	*what[MAXITEMS];
	int		 kept[MAXITEMS], width[MAXITEMS];
	int		 total = 0, n = 0, i, first = 1;

	for (; !keys_hint_end(h) && n < MAXITEMS; h++) {
		buf_init(&keys[n]);
		if (keys_hint_keys(&keys[n], h, chain, &what[n]) == -1) {
			buf_release(&keys[n]);
			continue;
		}
		kept[n] = keys_hint_kept(h);
		width[n] = text_width(what[n]) + (keys[n].len > 0 ?
		    text_width(keys[n].s) + 1 : 0);
		total += width[n] + (n > 0 ? 2 : 0);
		n++;
	}
	/* Too wide: drop the last items that are not kept until it fits. */
	for (i = n - 1; i >= 0 && total > cols; i--) {
		if (kept[i])
			continue;
		total -= width[i] + 2;
		width[i] = -1;
	}
	for (i = 0; i < n; i++) {
		if (width[i] >= 0) {
			if (!first)
				vline_add(l, wstyle, "  ");
			first = 0;
			if (keys[i].len > 0) {
				vline_add(l, kstyle, keys[i].s);
				vline_add(l, wstyle, " ");
			}
			vline_add(l, wstyle, what[i]);
		}
		buf_release(&keys[i]);
	}
}

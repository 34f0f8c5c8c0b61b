/* keys-table.c: every key binding of the TUI with its help text. */
#include "config.h"

#include <string.h>

#include "util/buf.h"
#include "util/text.h"
#include "view/keys.h"
#include "view/view.h"

#define C(c)	KEYC_CTRL(c)

/*
 * One row per key, its members named as tmux names those of its command
 * entries. A row without .help is another key of an action whose help a
 * row of the same context gives (the help joins their names: "Down, j";
 * tests/test-view.c checks that every action is documented); a row
 * without .brief is named by no status-line hint.
 */
const struct keybinding keys_table[] = {
	/* Everywhere. */
	{ .key = '?', .name = "?", .ctx = KCTX_GLOBAL, .action = ACT_HELP,
	  .brief = "help",
	  .help = "show the keys of this screen and every other" },
	{ .key = KEYC_F1, .name = "F1", .ctx = KCTX_GLOBAL,
	  .action = ACT_HELP },
	{ .key = 'q', .name = "q", .ctx = KCTX_GLOBAL, .action = ACT_QUIT,
	  .brief = "quit",
	  .help = "quit from the start screen; elsewhere go back" },
	{ .key = KEYC_ESC, .name = "Esc", .ctx = KCTX_GLOBAL,
	  .action = ACT_BACK,
	  .brief = "back",
	  .help = "go back to the previous screen" },
	{ .key = 'u', .name = "u", .ctx = KCTX_GLOBAL, .action = ACT_UNDO,
	  .help = "undo the last change (it is saved at once, like every "
	  "change)" },
	{ .key = C('r'), .name = "C-r", .ctx = KCTX_GLOBAL,
	  .action = ACT_REFRESH,
	  .help = "reload from the database: changes made by another Parapet" },
	{ .key = KEYC_F5, .name = "F5", .ctx = KCTX_GLOBAL,
	  .action = ACT_REFRESH },
	{ .key = C('l'), .name = "C-l", .ctx = KCTX_GLOBAL,
	  .action = ACT_REDRAW,
	  .help = "redraw the screen" },

	/* Lists and panes. */
	{ .key = KEYC_UP, .name = "Up", .ctx = KCTX_LIST, .action = ACT_UP,
	  .help = "move up" },
	{ .key = 'k', .name = "k", .ctx = KCTX_LIST, .action = ACT_UP },
	{ .key = KEYC_DOWN, .name = "Down", .ctx = KCTX_LIST,
	  .action = ACT_DOWN,
	  .help = "move down" },
	{ .key = 'j', .name = "j", .ctx = KCTX_LIST, .action = ACT_DOWN },
	{ .key = KEYC_PPAGE, .name = "PgUp", .ctx = KCTX_LIST,
	  .action = ACT_PAGE_UP,
	  .help = "move up a page" },
	{ .key = KEYC_NPAGE, .name = "PgDn", .ctx = KCTX_LIST,
	  .action = ACT_PAGE_DOWN,
	  .help = "move down a page" },
	{ .key = KEYC_HOME, .name = "Home", .ctx = KCTX_LIST,
	  .action = ACT_FIRST,
	  .help = "go to the first line" },
	{ .key = 'g', .name = "g", .ctx = KCTX_LIST, .action = ACT_FIRST },
	{ .key = KEYC_END, .name = "End", .ctx = KCTX_LIST, .action = ACT_LAST,
	  .help = "go to the last line" },
	{ .key = 'G', .name = "G", .ctx = KCTX_LIST, .action = ACT_LAST },
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_LIST,
	  .action = ACT_OPEN,
	  .brief = "edit",
	  .help = "open or edit the selected item" },
	{ .key = KEYC_TAB, .name = "Tab", .ctx = KCTX_LIST,
	  .action = ACT_NEXT_PANE,
	  .help = "move to the next pane" },
	{ .key = KEYC_BTAB, .name = "S-Tab", .ctx = KCTX_LIST,
	  .action = ACT_PREV_PANE,
	  .help = "move to the previous pane" },
	{ .key = '/', .name = "/", .ctx = KCTX_LIST, .action = ACT_SEARCH,
	  .brief = "search",
	  .help = "search for text" },
	{ .key = 'n', .name = "n", .ctx = KCTX_LIST, .action = ACT_SEARCH_NEXT,
	  .brief = "next",
	  .help = "go to the next match" },

	/* Any screen of an open model. */
	{ .key = 'W', .name = "W", .ctx = KCTX_MODEL, .action = ACT_WALK,
	  .brief = "walk",
	  .help = "walk-through: the workshop steps, system to review" },
	{ .key = 'S', .name = "S", .ctx = KCTX_MODEL, .action = ACT_SYSTEM,
	  .help = "edit the system: name, owner, criticality" },
	{ .key = 'V', .name = "V", .ctx = KCTX_MODEL, .action = ACT_FLOWS,
	  .brief = "flows",
	  .help = "data-flow view: components by boundary, crossings marked" },
	{ .key = 'R', .name = "R", .ctx = KCTX_MODEL, .action = ACT_RISKS,
	  .brief = "risks",
	  .help = "risk register: filter, decide, mitigate" },
	{ .key = 'D', .name = "D", .ctx = KCTX_MODEL, .action = ACT_DASHBOARD,
	  .brief = "dashboard",
	  .help = "dashboard: severity by status, overdue, accepted, "
	  "coverage" },
	{ .key = 'H', .name = "H", .ctx = KCTX_MODEL,
	  .action = ACT_MODEL_HISTORY,
	  .help = "history of the whole model" },
	{ .key = 'X', .name = "X", .ctx = KCTX_MODEL, .action = ACT_EXPORT,
	  .help = "export the model to a file" },

	/* Start screen. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_START,
	  .action = ACT_OPEN,
	  .brief = "open",
	  .help = "open the selected model" },
	{ .key = 'a', .name = "a", .ctx = KCTX_START, .action = ACT_NEW,
	  .brief = "new model",
	  .help = "create a blank model" },
	{ .key = 't', .name = "t", .ctx = KCTX_START,
	  .action = ACT_NEW_TEMPLATE,
	  .brief = "from template",
	  .help = "create a model from a template" },
	{ .key = 'd', .name = "d", .ctx = KCTX_START, .action = ACT_DELETE,
	  .brief = "delete",
	  .help = "delete the selected model (asks first)" },
	{ .key = 'r', .name = "r", .ctx = KCTX_START, .action = ACT_REGISTER,
	  .brief = "register",
	  .help = "the register of every system: risks, overdue, reviews due" },

	/* The organisation's register. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_ORG,
	  .action = ACT_OPEN,
	  .brief = "open",
	  .help = "open the system, or the item's risk in its register" },
	{ .key = 'o', .name = "o", .ctx = KCTX_ORG, .action = ACT_OWNER,
	  .brief = "owner",
	  .help = "only what one risk owner answers for (empty: everyone)" },
	{ .key = 't', .name = "t", .ctx = KCTX_ORG, .action = ACT_TEAM,
	  .brief = "team",
	  .help = "only the systems of one team (empty: every team)" },
	{ .key = 's', .name = "s", .ctx = KCTX_ORG, .action = ACT_MIN_SEVERITY,
	  .brief = "severity",
	  .help = "count only the risks at or above a severity" },
	{ .key = 'c', .name = "c", .ctx = KCTX_ORG, .action = ACT_CLEAR_FILTER,
	  .brief = "clear",
	  .help = "clear the filters" },

	/* Walk-through. */
	{ .key = KEYC_RIGHT, .name = "Right", .ctx = KCTX_WALK,
	  .action = ACT_NEXT_STEP,
	  .brief = "next",
	  .help = "go to the next step" },
	{ .key = ']', .name = "]", .ctx = KCTX_WALK, .action = ACT_NEXT_STEP },
	{ .key = KEYC_LEFT, .name = "Left", .ctx = KCTX_WALK,
	  .action = ACT_PREV_STEP,
	  .brief = "back",
	  .help = "go to the previous step" },
	{ .key = '[', .name = "[", .ctx = KCTX_WALK, .action = ACT_PREV_STEP },
	{ .key = '1', .name = "1", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP,
	  .help = "go to that step of the workshop (1 system ... 7 review)" },
	{ .key = '2', .name = "2", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = '3', .name = "3", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = '4', .name = "4", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = '5', .name = "5", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = '6', .name = "6", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = '7', .name = "7", .ctx = KCTX_WALK, .action = ACT_GOTO_STEP },
	{ .key = 'a', .name = "a", .ctx = KCTX_WALK, .action = ACT_ADD,
	  .brief = "add",
	  .help = "add a boundary, component or flow (in its step)" },
	{ .key = 'd', .name = "d", .ctx = KCTX_WALK, .action = ACT_DELETE,
	  .brief = "delete",
	  .help = "delete the selected item (asks first)" },
	{ .key = ' ', .name = "Space", .ctx = KCTX_WALK, .action = ACT_TOGGLE,
	  .brief = "yes/no/unknown",
	  .help = "practice step: answer yes, no or unknown in turn" },
	{ .key = 'h', .name = "h", .ctx = KCTX_WALK, .action = ACT_HISTORY,
	  .help = "history of the selected item" },
	{ .key = 'c', .name = "c", .ctx = KCTX_WALK, .action = ACT_CONFIRM,
	  .brief = "confirm",
	  .help = "tick a step 1-4 that holds a template's example as it is" },

	/* Forms. */
	{ .key = KEYC_UP, .name = "Up", .ctx = KCTX_FORM, .action = ACT_UP,
	  .help = "previous field" },
	{ .key = KEYC_BTAB, .name = "S-Tab", .ctx = KCTX_FORM,
	  .action = ACT_UP },
	{ .key = KEYC_DOWN, .name = "Down", .ctx = KCTX_FORM,
	  .action = ACT_DOWN,
	  .help = "next field" },
	{ .key = KEYC_TAB, .name = "Tab", .ctx = KCTX_FORM,
	  .action = ACT_DOWN },
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_FORM,
	  .action = ACT_OPEN,
	  .help = "store or choose, next field (past a preset kind); rename an "
	  "id" },
	{ .key = ' ', .name = "Space", .ctx = KCTX_FORM, .action = ACT_TOGGLE,
	  .help = "yes/no/unknown: next answer; lists: choose (text: a "
	  "space)" },
	{ .key = KEYC_LEFT, .name = "Left", .ctx = KCTX_FORM,
	  .action = ACT_LEFT,
	  .help = "move in the text; previous value" },
	{ .key = KEYC_RIGHT, .name = "Right", .ctx = KCTX_FORM,
	  .action = ACT_RIGHT,
	  .help = "move in the text; next value" },
	{ .key = C('u'), .name = "C-u", .ctx = KCTX_FORM, .action = ACT_CLEAR,
	  .help = "clear the field (C-y puts it back)" },
	{ .key = C('y'), .name = "C-y", .ctx = KCTX_FORM, .action = ACT_YANK,
	  .help = "put back what C-u cleared in this form" },
	{ .key = KEYC_F1, .name = "F1", .ctx = KCTX_FORM, .action = ACT_HELP,
	  .brief = "help",
	  .help = "help (? is typed in text fields)" },

	/* Pick lists. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_PICK,
	  .action = ACT_OPEN,
	  .brief = "choose",
	  .help = "choose the ticked values, or with none ticked the selected "
	  "one" },
	{ .key = ' ', .name = "Space", .ctx = KCTX_PICK, .action = ACT_TOGGLE,
	  .brief = "tick/untick",
	  .help = "tick or untick a value (where several are allowed)" },
	{ .key = KEYC_ESC, .name = "Esc", .ctx = KCTX_PICK, .action = ACT_BACK,
	  .brief = "cancel",
	  .help = "cancel" },
	{ .key = KEYC_ALNUM, .name = "a-z, 0-9", .ctx = KCTX_PICK,
	  .action = ACT_JUMP,
	  .brief = "go to",
	  .help = "go to the next value starting with that letter or digit" },

	/* Text prompts. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_PROMPT,
	  .action = ACT_OPEN,
	  .brief = "confirm",
	  .help = "confirm" },
	{ .key = KEYC_ESC, .name = "Esc", .ctx = KCTX_PROMPT,
	  .action = ACT_BACK,
	  .brief = "cancel",
	  .help = "cancel" },

	/* Editing text, in prompts and the text fields of forms (ledit.c);
	 * every printable character is typed. */
	{ .key = KEYC_LEFT, .name = "Left", .ctx = KCTX_EDIT,
	  .action = ACT_LEFT,
	  .help = "move back a character" },
	{ .key = KEYC_RIGHT, .name = "Right", .ctx = KCTX_EDIT,
	  .action = ACT_RIGHT,
	  .help = "move on a character" },
	{ .key = KEYC_HOME, .name = "Home", .ctx = KCTX_EDIT,
	  .action = ACT_FIRST,
	  .help = "go to the start of the text" },
	{ .key = C('a'), .name = "C-a", .ctx = KCTX_EDIT, .action = ACT_FIRST },
	{ .key = KEYC_END, .name = "End", .ctx = KCTX_EDIT, .action = ACT_LAST,
	  .help = "go to the end of the text" },
	{ .key = C('e'), .name = "C-e", .ctx = KCTX_EDIT, .action = ACT_LAST },
	{ .key = KEYC_BACKSPACE, .name = "Backspace", .ctx = KCTX_EDIT,
	  .action = ACT_ERASE_BACK,
	  .help = "delete the character before the cursor" },
	{ .key = KEYC_DELETE, .name = "Delete", .ctx = KCTX_EDIT,
	  .action = ACT_ERASE,
	  .help = "delete the character at the cursor" },
	{ .key = C('u'), .name = "C-u", .ctx = KCTX_EDIT, .action = ACT_CLEAR,
	  .brief = "clear",
	  .help = "clear the text (C-y puts it back)" },
	{ .key = C('y'), .name = "C-y", .ctx = KCTX_EDIT, .action = ACT_YANK,
	  .brief = "put back",
	  .help = "put back the text C-u cleared, at the cursor" },

	/* Data-flow view. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_FLOWS,
	  .action = ACT_OPEN,
	  .brief = "edit",
	  .help = "edit the selected boundary, component or flow" },
	{ .key = 'a', .name = "a", .ctx = KCTX_FLOWS, .action = ACT_ADD,
	  .brief = "add flow",
	  .help = "add a data flow" },
	{ .key = 'd', .name = "d", .ctx = KCTX_FLOWS, .action = ACT_DELETE,
	  .brief = "delete",
	  .help = "delete the selected item (asks first)" },
	{ .key = 'h', .name = "h", .ctx = KCTX_FLOWS, .action = ACT_HISTORY,
	  .brief = "history",
	  .help = "history of the selected item" },

	/* Risks. */
	{ .key = 's', .name = "s", .ctx = KCTX_RISKS, .action = ACT_STATUS,
	  .brief = "status",
	  .help = "set the risk's status (accepting asks for a "
	  "justification)" },
	{ .key = 'o', .name = "o", .ctx = KCTX_RISKS, .action = ACT_OWNER,
	  .brief = "owner",
	  .help = "set the risk's owner" },
	{ .key = 'J', .name = "J", .ctx = KCTX_RISKS, .action = ACT_JUSTIFY,
	  .help = "edit the justification" },
	{ .key = 'f', .name = "f", .ctx = KCTX_RISKS, .action = ACT_FILTER,
	  .brief = "filter",
	  .help = "filter by severity, status, owner, target, guideline or "
	  "text" },
	{ .key = '/', .name = "/", .ctx = KCTX_RISKS, .action = ACT_SEARCH,
	  .brief = "text",
	  .help = "filter by free text" },
	{ .key = 'c', .name = "c", .ctx = KCTX_RISKS,
	  .action = ACT_CLEAR_FILTER,
	  .help = "clear all filters" },
	{ .key = '>', .name = ">", .ctx = KCTX_RISKS, .action = ACT_SORT,
	  .brief = "sort",
	  .help = "sort by severity, status, target, guideline, owner, title" },
	{ .key = 'h', .name = "h", .ctx = KCTX_RISKS, .action = ACT_HISTORY,
	  .help = "history of the selected risk" },

	/* The mitigations in the risk detail pane. */
	{ .key = 's', .name = "s", .ctx = KCTX_MITIGATION, .action = ACT_STATUS,
	  .brief = "status",
	  .help = "set the mitigation's status" },
	{ .key = 'o', .name = "o", .ctx = KCTX_MITIGATION, .action = ACT_OWNER,
	  .brief = "owner",
	  .help = "set who implements it" },
	{ .key = 'd', .name = "d", .ctx = KCTX_MITIGATION, .action = ACT_DUE,
	  .brief = "due",
	  .help = "set the due date (YYYY-MM-DD)" },
	{ .key = 'n', .name = "n", .ctx = KCTX_MITIGATION, .action = ACT_NOTES,
	  .brief = "notes",
	  .help = "edit the notes" },

	/* Dashboard. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_DASHBOARD,
	  .action = ACT_OPEN,
	  .brief = "show the risk",
	  .help = "show the selected risk in the register" },

	/* History. */
	{ .key = '/', .name = "/", .ctx = KCTX_HISTORY, .action = ACT_SEARCH,
	  .brief = "search",
	  .help = "search the history" },

	/* Export. */
	{ .key = KEYC_ENTER, .name = "Enter", .ctx = KCTX_EXPORT,
	  .action = ACT_OPEN,
	  .brief = "export",
	  .help = "export to the selected format (asks for the file name)" },

	/* Help. */
	{ .key = '/', .name = "/", .ctx = KCTX_HELP, .action = ACT_SEARCH,
	  .brief = "search",
	  .help = "search the help" },
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

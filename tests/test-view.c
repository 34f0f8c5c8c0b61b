/* test-view.c: the TUI's view-models: lines cut by columns, lists, the line
 * editor, the key table, forms, the walk-through, risk lists, undo. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/form.h"
#include "view/keys.h"
#include "view/dashboard.h"
#include "view/flows.h"
#include "view/history-list.h"
#include "view/ledit.h"
#include "view/pick.h"
#include "view/risks.h"
#include "view/start.h"
#include "view/undo.h"
#include "view/view.h"
#include "view/walk.h"

#include "testlib.h"

/* Columns a line takes. */
static int
vline_width(const struct vline *l)
{
	size_t	i;
	int	w = 0;

	for (i = 0; i < l->n; i++)
		w += text_width(l->segs[i].text);
	return w;
}

/* The text of all lines, one per line (the caller's). */
static char *
vlines_plain(const struct vlines *ls)
{
	struct buf	 b;
	size_t		 i;
	char		*s;

	buf_init(&b);
	for (i = 0; i < ls->n; i++) {
		s = vline_plain(&ls->v[i]);
		buf_adds(&b, s);
		buf_addc(&b, '\n');
		free(s);
	}
	return buf_detach(&b);
}

/* Drop the spaces that end each line of s, in place; returns s. */
static char *
rtrim(char *s)
{
	char	*r = s, *w = s, *sp = NULL;

	for (; *r != '\0'; r++) {
		if (*r == ' ') {
			if (sp == NULL)
				sp = w;
		} else if (*r == '\n' && sp != NULL) {
			w = sp;
			sp = NULL;
		} else
			sp = NULL;
		*w++ = *r;
	}
	*(sp != NULL ? sp : w) = '\0';
	return s;
}

/* The text of line i of a list without trailing spaces (the caller's). */
static char *
line_text(struct vlist *l, size_t i)
{
	assert_true(i < l->lines.n);
	return rtrim(vline_plain(vlist_line(l, i)));
}

/* Every line's text made (a list that fills its lines when shown). */
static void
list_fill(struct vlist *l)
{
	size_t	i;

	for (i = 0; i < l->lines.n; i++)
		vlist_line(l, i);
}

/* 1 if some line of a list contains s. */
static int
list_has(struct vlist *l, const char *s)
{
	char	*all;

	list_fill(l);
	all = vlines_plain(&l->lines);
	int	 hit = strstr(all, s) != NULL;

	free(all);
	return hit;
}

/* The index of the first line containing s, or -1. */
static long
list_find(struct vlist *l, const char *s)
{
	size_t	 i;
	char	*t;

	list_fill(l);
	for (i = 0; i < l->lines.n; i++) {
		t = vline_plain(&l->lines.v[i]);
		if (strstr(t, s) != NULL) {
			free(t);
			return (long)i;
		}
		free(t);
	}
	return -1;
}

/* test_small_model() and an unbounded index the app retrieves from. */
static struct model *
small_model(void)
{
	struct model		*m = test_small_model();
	struct component	*c;

	c = model_add_component(m, "kb", KIND_VECTOR_STORE);
	c->name = xstrdup("Index");
	model_add_flow(m, "retrieve", "kb", "app");
	return m;
}

static void
test_cells_cut_by_columns_and_show_escapes(void **state)
{
	struct vline	 l;
	char		*s;

	(void)state;
	memset(&l, 0, sizeof l);
	/* Four wide characters (8 columns) cut to 5: two of them and "…". */
	vline_cell(&l, VS_NORMAL, "中文名字", 5);
	vline_cell(&l, VS_NORMAL, "ab", 4);
	s = vline_plain(&l);
	assert_string_equal(s, "中文…ab  ");
	assert_int_equal(vline_width(&l), 9);
	free(s);
	vline_release(&l);

	/* An escape sequence and a bidi override never stay raw. */
	vline_add(&l, VS_NORMAL, "\x1b[2J\x1b]0;pwned\x07name\xe2\x80\xae");
	s = vline_plain(&l);
	assert_null(strchr(s, 0x1b));
	assert_null(strchr(s, 0x07));
	assert_string_equal(s, "^[[2J^[]0;pwned^Gname<U+202E>");
	free(s);
	vline_release(&l);

	/* A cell made of escapes is measured after they are made visible. */
	vline_cell(&l, VS_NORMAL, "\x1b\x1b\x1b", 4);
	s = vline_plain(&l);
	assert_string_equal(s, "^[^…");
	free(s);
	vline_release(&l);
}

static void
test_wrap_by_words_and_columns(void **state)
{
	struct vlines	 ls;
	char		*s;

	(void)state;
	vlines_init(&ls);
	vlines_wrap(&ls, VS_NORMAL, "the quick brown fox jumps over the "
	    "lazy dog", 12, 2);
	s = vlines_plain(&ls);
	assert_string_equal(s, "  the quick\n  brown fox\n  jumps over\n"
	    "  the lazy\n  dog\n");
	free(s);
	vlines_clear(&ls);
	/* A word longer than the line is cut by columns, wide or not. */
	vlines_wrap(&ls, VS_NORMAL, "日本語日本語日本語日本語\nx", 10, 0);
	s = vlines_plain(&ls);
	assert_string_equal(s, "日本語日本\n語日本語日\n本語\nx\n");
	free(s);
	vlines_release(&ls);
}

static void
test_list_cursor_skips_headings_and_searches(void **state)
{
	struct vlist	 l;
	struct vline	*v;
	static int	 objs[5];
	int		 i;

	(void)state;
	vlist_init(&l);
	vlines_addf(&l.lines, VS_HEADING, "Heading");
	for (i = 0; i < 5; i++) {
		if (i == 3)
			vlines_addf(&l.lines, VS_HEADING, "Second group");
		v = vlines_addf(&l.lines, VS_NORMAL, "item %d%s", i,
		    i == 4 ? " Needle" : "");
		v->selectable = 1;
		v->data = &objs[i];
	}
	vlist_fix(&l);
	assert_ptr_equal(vlist_selected(&l), &objs[0]);
	vlist_move(&l, 3);
	assert_ptr_equal(vlist_selected(&l), &objs[3]);
	assert_int_equal(l.cursor, 5);
	vlist_move(&l, -10);
	assert_ptr_equal(vlist_selected(&l), &objs[0]);
	vlist_end(&l);
	assert_ptr_equal(vlist_selected(&l), &objs[4]);
	vlist_home(&l);
	assert_int_equal(vlist_search(&l, "needle"), 0);
	assert_ptr_equal(vlist_selected(&l), &objs[4]);
	assert_int_equal(vlist_search(&l, "absent"), -1);
	/* Scrolling keeps the cursor in a window of 3 lines. */
	vlist_end(&l);
	vlist_scroll(&l, 3);
	assert_int_equal(l.top, 4);
	vlist_home(&l);
	vlist_scroll(&l, 3);
	assert_int_equal(l.top, 0);
	vlist_release(&l);
}

/* The register's text filter and list search: ASCII letters in either
 * case, anything else byte for byte, matches at any place. */
static void
test_text_search_ignores_ascii_case(void **state)
{
	(void)state;
	assert_true(view_contains("Prompt Injection", "prompt inj"));
	assert_true(view_contains("prompt injection", "PROMPT"));
	assert_true(view_contains("aaab", "aab"));	/* after a near miss */
	assert_true(view_contains("x", "X"));
	assert_true(view_contains("anything", ""));
	assert_true(view_contains("m-tls@f-0", "@f-0"));
	assert_true(view_contains("caf\xc3\xa9 au lait", "\xc3\xa9 AU"));
	assert_false(view_contains("prompt", "prompts"));
	assert_false(view_contains("", "a"));
	assert_false(view_contains("abc", "abd"));
	/* Case folding is ASCII only: no byte above 0x7f is folded. */
	assert_false(view_contains("\xc3\xa9", "\xc3\x89"));
}

static void
test_line_editor_works_in_characters(void **state)
{
	struct ledit	e;

	(void)state;
	ledit_init(&e, "caf");
	assert_int_equal(ledit_insert(&e, 0xe9), 0);	/* é */
	assert_string_equal(e.s, "café");
	ledit_home(&e);
	assert_int_equal(ledit_insert(&e, 0x4e2d), 0);	/* 中, 2 columns */
	assert_int_equal(ledit_column(&e), 2);
	ledit_end(&e);
	ledit_backspace(&e);
	assert_string_equal(e.s, "中caf");
	ledit_left(&e);
	ledit_left(&e);
	ledit_left(&e);
	assert_int_equal(e.pos, 3);
	ledit_left(&e);
	assert_int_equal(e.pos, 0);
	ledit_delete(&e);
	assert_string_equal(e.s, "caf");
	/* Control characters are never typed into a field. */
	assert_int_equal(ledit_insert(&e, 0x1b), -1);
	assert_int_equal(ledit_insert(&e, 0x202e), -1);
	assert_string_equal(e.s, "caf");
	/* The keys of a text field, as forms and prompts take them. */
	ledit_right(&e);
	assert_int_equal(ledit_key(&e, KEYC_BACKSPACE), LEDIT_CHANGED);
	assert_string_equal(e.s, "af");
	assert_int_equal(ledit_key(&e, KEYC_CTRL('e')), LEDIT_MOVED);
	assert_int_equal(ledit_key(&e, 'x'), LEDIT_CHANGED);
	assert_string_equal(e.s, "afx");
	assert_int_equal(ledit_key(&e, KEYC_HOME), LEDIT_MOVED);
	assert_int_equal(ledit_key(&e, KEYC_DELETE), LEDIT_CHANGED);
	assert_string_equal(e.s, "fx");
	assert_int_equal(ledit_key(&e, KEYC_ENTER), LEDIT_NONE);
	assert_int_equal(ledit_key(&e, KEYC_CTRL('u')), LEDIT_CHANGED);
	assert_string_equal(e.s, "");
	ledit_release(&e);
}

/*
 * C-u kills the text, C-y yanks it back at the cursor (readline's keys):
 * a field wiped by mistake is got back. A C-u on an empty text keeps what
 * was killed; the kill outlives moving to another field (ledit_set).
 */
static void
test_ledit_kill_yank(void **state)
{
	struct ledit	e, other;

	(void)state;
	ledit_init(&e, NULL);
	/* Nothing killed yet: C-y is the editor's key, and changes nothing. */
	assert_int_equal(ledit_key(&e, KEYC_CTRL('y')), LEDIT_MOVED);
	assert_string_equal(e.s, "");
	ledit_set(&e, "Answers customers \xc3\xa9");
	assert_int_equal(ledit_key(&e, KEYC_CTRL('u')), LEDIT_CHANGED);
	assert_string_equal(e.s, "");
	assert_int_equal(ledit_key(&e, KEYC_CTRL('u')), LEDIT_CHANGED);
	assert_int_equal(ledit_key(&e, KEYC_CTRL('y')), LEDIT_CHANGED);
	assert_string_equal(e.s, "Answers customers \xc3\xa9");
	assert_int_equal(e.pos, e.len);
	/* Another field's text: yanked at the cursor, more than once. */
	ledit_set(&e, "<>");
	ledit_left(&e);
	assert_int_equal(ledit_key(&e, KEYC_CTRL('y')), LEDIT_CHANGED);
	assert_string_equal(e.s, "<Answers customers \xc3\xa9>");
	assert_int_equal(ledit_key(&e, KEYC_CTRL('e')), LEDIT_MOVED);
	assert_int_equal(ledit_key(&e, KEYC_CTRL('y')), LEDIT_CHANGED);
	assert_string_equal(e.s,
	    "<Answers customers \xc3\xa9>Answers customers \xc3\xa9");
	/* A form rebuilt takes the kill over. */
	ledit_init(&other, "x");
	ledit_take_kill(&other, &e);
	assert_null(e.kill);
	assert_int_equal(ledit_key(&e, KEYC_CTRL('y')), LEDIT_MOVED);
	assert_int_equal(ledit_key(&other, KEYC_CTRL('y')), LEDIT_CHANGED);
	assert_string_equal(other.s, "xAnswers customers \xc3\xa9");
	ledit_release(&other);
	ledit_release(&e);
}

/*
 * The line-editing keys are the KCTX_EDIT rows of the key table: each one
 * edits or moves (and so is listed by the help and parapet(1)); a control
 * key with no row does nothing.
 */
static void
test_ledit_keys_are_the_table(void **state)
{
	struct ledit	e;
	size_t		i, n = 0;

	(void)state;
	ledit_init(&e, NULL);
	for (i = 0; i < nkeys_table; i++) {
		if (keys_table[i].ctx != KCTX_EDIT)
			continue;
		ledit_set(&e, "ab");
		ledit_left(&e);
		if (ledit_key(&e, keys_table[i].key) == LEDIT_NONE)
			fail_msg("key '%s' of the editing keys edits nothing",
			    keys_table[i].name);
		if (strcmp(e.s, "ab") == 0 && e.pos == 1)
			fail_msg("key '%s' of the editing keys changed nothing",
			    keys_table[i].name);
		n++;
	}
	assert_true(n >= 9);
	ledit_set(&e, "ab");
	assert_int_equal(ledit_key(&e, KEYC_CTRL('b')), LEDIT_NONE);
	assert_int_equal(ledit_key(&e, KEYC_F5), LEDIT_NONE);
	assert_string_equal(e.s, "ab");
	ledit_release(&e);
}

static void
test_key_table_is_consistent(void **state)
{
	static const enum kctx risks[] = { KCTX_MITIGATION, KCTX_RISKS,
	    KCTX_MODEL, KCTX_LIST, KCTX_GLOBAL, KCTX_END };
	static const enum kctx list[] = { KCTX_RISKS, KCTX_MODEL, KCTX_LIST,
	    KCTX_GLOBAL, KCTX_END };
	static const enum kctx form[] = { KCTX_FORM, KCTX_END };
	static const enum kctx pick[] = { KCTX_PICK, KCTX_LIST, KCTX_GLOBAL,
	    KCTX_END };
	static const struct key_hint hints[] = {
		KEY_HINT_AS(ACT_UNDO, "undo"),		/* not in forms */
		KEY_HINT2(ACT_UP, ACT_DOWN, "move"),
		KEY_HINT_KEY(ACT_DOWN, KEYC_TAB, "next"),	/* not Down */
		KEY_HINT_AS(ACT_JUMP, "go to"),		/* only in picks */
		KEY_HINT_TEXT("type"),
		KEY_HINT_END
	};
	struct buf	b;
	size_t		i, j;
	char		*p, *nl;
	int		c;

	(void)state;
	/* No key is bound twice in one context. */
	for (i = 0; i < nkeys_table; i++)
		for (j = i + 1; j < nkeys_table; j++)
			if (keys_table[i].ctx == keys_table[j].ctx)
				assert_int_not_equal(keys_table[i].key,
				    keys_table[j].key);
	/* Every binding is documented, by itself or by its action. */
	for (i = 0; i < nkeys_table; i++) {
		int	documented = 0;

		for (j = 0; j < nkeys_table; j++)
			if (keys_table[j].ctx == keys_table[i].ctx &&
			    keys_table[j].action == keys_table[i].action &&
			    keys_table[j].help != NULL)
				documented = 1;
		assert_true(documented);
	}
	/* The most specific context wins. */
	assert_int_equal(keys_lookup('s', risks), ACT_STATUS);
	assert_int_equal(keys_lookup('n', risks), ACT_NOTES);
	assert_int_equal(keys_lookup('n', list), ACT_SEARCH_NEXT);
	assert_int_equal(keys_lookup('d', risks), ACT_DUE);
	assert_int_equal(keys_lookup('q', list), ACT_QUIT);
	assert_int_equal(keys_lookup('j', list), ACT_DOWN);
	assert_int_equal(keys_lookup(KEYC_DOWN, list), ACT_DOWN);
	assert_int_equal(keys_lookup('Z', list), ACT_NONE);
	/* Text that tells which key to press finds it in the table. */
	assert_string_equal(keys_key(ACT_ADD, KCTX_WALK), "a");
	assert_string_equal(keys_key(ACT_OPEN, KCTX_LIST), "Enter");
	assert_string_equal(keys_key(ACT_SEARCH_NEXT, KCTX_LIST), "n");
	assert_null(keys_key(ACT_NOTES, KCTX_START));

	/* Status-line hints name the keys the table binds in the chain. */
	buf_init(&b);
	/* What is left out is counted: a screen's hint leaves nothing. */
	assert_int_equal(keys_hint(&b, hints, list), 2);
	assert_string_equal(b.s, "u undo  Up/Down move  type");
	buf_reset(&b);
	assert_int_equal(keys_hint(&b, hints, form), 2);
	assert_string_equal(b.s, "Up/Down move  Tab next  type");
	buf_reset(&b);
	assert_int_equal(keys_hint(&b, hints, pick), 1);
	assert_string_equal(b.s, "u undo  Up/Down move  a-z go to  type");
	buf_release(&b);

	/* On the status line, keys and words in their own styles; too wide,
	 * the last items go but help and quit, which are kept. */
	{
		static const enum kctx start[] = { KCTX_START, KCTX_LIST,
		    KCTX_GLOBAL, KCTX_END };
		static const struct key_hint sh[] = {
			KEY_HINT(ACT_OPEN),
			KEY_HINT(ACT_DELETE),
			KEY_HINT(ACT_REGISTER),
			KEY_HINT(ACT_HELP),
			KEY_HINT(ACT_QUIT),
			KEY_HINT_END
		};
		struct vline	 l;
		char		*plain;

		memset(&l, 0, sizeof l);
		keys_hint_line(&l, sh, start, 80, VS_KEY, VS_DIM);
		plain = vline_plain(&l);
		assert_string_equal(plain,
		    "Enter open  d delete  r register  ? help  q quit");
		free(plain);
		assert_string_equal(l.segs[0].text, "Enter");
		assert_int_equal(l.segs[0].style, VS_KEY);
		assert_int_equal(l.segs[1].style, VS_DIM);
		vline_release(&l);
		memset(&l, 0, sizeof l);
		/* 48 columns in all: at 30, register and delete go. */
		keys_hint_line(&l, sh, start, 30, VS_KEY, VS_DIM);
		plain = vline_plain(&l);
		assert_string_equal(plain, "Enter open  ? help  q quit");
		free(plain);
		vline_release(&l);
	}

	/*
	 * A hint's words are the brief of the binding the chain finds (the
	 * first row of its context and action, which carries it), unless the
	 * screen gives its own; an action with no brief there is left out.
	 */
	for (i = 0; i < nkeys_table; i++)
		for (j = 0; j < i && keys_table[i].brief != NULL; j++)
			if (keys_table[j].ctx == keys_table[i].ctx &&
			    keys_table[j].action == keys_table[i].action)
				fail_msg("the brief of '%s' is not on the first "
				    "row of its action", keys_table[i].name);
	{
		static const struct key_hint bh[] = {
			KEY_HINT(ACT_OPEN),
			KEY_HINT_AS(ACT_OPEN, "look"),
			KEY_HINT(ACT_UNDO),	/* no brief: left out */
			KEY_HINT(ACT_BACK),
			KEY_HINT_END
		};
		static const enum kctx pk[] = { KCTX_PICK, KCTX_LIST,
		    KCTX_GLOBAL, KCTX_END };

		buf_init(&b);
		assert_int_equal(keys_hint(&b, bh, list), 1);
		assert_string_equal(b.s, "Enter edit  Enter look  Esc back");
		buf_reset(&b);
		assert_int_equal(keys_hint(&b, bh, pk), 1);
		assert_string_equal(b.s,
		    "Enter choose  Enter look  Esc cancel");
		buf_release(&b);
	}

	/* The printed table has every context and joins keys of an action. */
	buf_init(&b);
	keys_help(&b, -1);
	for (c = 0; c < KCTX_COUNT; c++)
		assert_non_null(strstr(b.s, keys_ctx_name((enum kctx)c)));
	assert_non_null(strstr(b.s, "  Down, j        move down\n"));
	assert_non_null(strstr(b.s, "  ?, F1          show the keys"));
	assert_null(strchr(b.s, '\t'));
	/* Every line fits the narrowest screen (80 columns, one for the
	 * scroll arrows). */
	for (p = b.s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		if (text_width(p) > 79)
			fail_msg("help line too wide: %s", p);
	}
	buf_release(&b);
}

static void
test_undo_keeps_copies_of_models_and_decisions(void **state)
{
	struct model		*m = small_model(), *c;
	struct undo		 u;
	struct undo_entry	 e;
	struct risk_register	 r;
	struct risk		*k;
	struct error		 err;
	int			 i;

	(void)state;
	m->components[2]->model_type = 1u << MODEL_LLM;
	m->components[2]->system_prompt = TRI_YES;
	m->revision = 7;
	model_add_practice(m, "q-a", TRI_NO)->note = xstrdup("later");
	c = undo_copy_model(m);
	test_assert_same_model(m, c);
	assert_int_equal(c->revision, 7);
	assert_int_equal(model_index(c, NULL, &err), 0);
	/* The copy is deep: changing it leaves the original alone. */
	free(c->components[0]->name);
	c->components[0]->name = xstrdup("Changed");
	assert_string_equal(m->components[0]->name, "Customer");
	model_free(c);

	undo_init(&u);
	assert_int_equal(undo_pop(&u, &e), -1);
	undo_push_model(&u, m, "edit component 'user'");
	risk_register_init(&r);
	k = risk_register_add(&r, "t-x", "llm");
	k->status = RISK_ACCEPTED;
	k->justification = xstrdup("vendor contract");
	risk_add_mitigation(k, "m-y")->due = xstrdup("2026-01-01");
	undo_push_risk(&u, k, NULL, "accept");
	undo_push_risk(&u, k, "m-y", "due date");
	assert_int_equal(undo_pop(&u, &e), 0);
	assert_int_equal(e.kind, UNDO_MITIGATION);
	assert_string_equal(e.mitigation, "m-y");
	assert_string_equal(e.due, "2026-01-01");
	undo_entry_release(&e);
	assert_int_equal(undo_pop(&u, &e), 0);
	assert_int_equal(e.kind, UNDO_RISK);
	assert_int_equal(e.status, RISK_ACCEPTED);
	assert_string_equal(e.justification, "vendor contract");
	undo_entry_release(&e);
	assert_int_equal(undo_pop(&u, &e), 0);
	assert_int_equal(e.kind, UNDO_MODEL);
	test_assert_same_model(m, e.model);
	undo_entry_release(&e);
	/* The stack keeps the last UNDO_MAX changes. */
	for (i = 0; i < UNDO_MAX + 5; i++)
		undo_push_risk(&u, k, NULL, "x");
	assert_int_equal(u.n, UNDO_MAX);
	undo_release(&u);
	risk_register_release(&r);
	model_free(m);
}

/* The index of a field of a form by name, or fail. */
static size_t
form_at(const struct form *fm, const char *name)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (strcmp(fm->v[i].f->name, name) == 0)
			return i;
	fail_msg("form has no field '%s'", name);
	return 0;
}

/* 1 if a form has a field. */
static int
form_has(const struct form *fm, const char *name)
{
	size_t	i;

	for (i = 0; i < fm->n; i++)
		if (strcmp(fm->v[i].f->name, name) == 0)
			return 1;
	return 0;
}

static void
test_form_fields_follow_the_kind(void **state)
{
	struct model	*m = small_model();
	struct form	*fm;
	size_t		 i;

	(void)state;
	fm = form_new(OBJ_COMPONENT, m, "llm", -1);
	assert_int_equal(fm->kind, KIND_MODEL);
	assert_true(form_has(fm, "model-type"));
	assert_true(form_has(fm, "system-prompt"));
	assert_false(form_has(fm, "can-act"));
	assert_false(form_has(fm, "watches"));
	assert_string_equal(fm->v[form_at(fm, "name")].text, "LLM");
	/* Becoming an agent: agent fields appear, the name stays. */
	i = form_at(fm, "kind");
	form_focus(fm, i);
	assert_int_equal(form_set(fm, i, "agent", m), 0);
	assert_int_equal(fm->kind, KIND_AGENT);
	assert_true(form_has(fm, "can-act"));
	assert_false(form_has(fm, "model-type"));
	assert_string_equal(fm->v[form_at(fm, "name")].text, "LLM");
	assert_string_equal(fm->v[fm->cursor].f->name, "kind");
	assert_true(form_changed(fm));
	form_free(fm);
	model_free(m);
}

static void
test_form_validates_as_you_type(void **state)
{
	struct model	*m = small_model();
	struct form	*fm;
	const char	*s;
	size_t		 i;

	(void)state;
	assert_int_equal(model_index(m, NULL, &(struct error){ 0 }), 0);
	fm = form_new(OBJ_COMPONENT, m, NULL, KIND_TOOL);
	/* A new component: nothing shows until a field is touched. */
	assert_null(form_id(fm));
	assert_int_equal(form_validate(fm, m), 2);	/* id, name */
	i = form_at(fm, "id");
	form_focus(fm, i);
	ledit_set(&fm->edit, "Bad Id");
	form_typed(fm, m);
	s = fm->v[i].error;
	assert_non_null(s);
	assert_non_null(strstr(s, "invalid identifier 'Bad Id' for 'id'"));
	/* A name typed in its place suggests the id it would make. */
	assert_non_null(strstr(s, "; for example 'bad-id'"));
	ledit_set(&fm->edit, "  City Council: Chatbot (v2) ");
	form_typed(fm, m);
	assert_non_null(strstr(fm->v[i].error,
	    "; for example 'city-council-chatbot-v2'"));
	ledit_set(&fm->edit, "***");
	form_typed(fm, m);
	assert_null(strstr(fm->v[i].error, "for example"));
	ledit_set(&fm->edit, "app");
	form_typed(fm, m);
	assert_string_equal(fm->v[i].error,
	    "id 'app' is already used by a component");
	ledit_set(&fm->edit, "tickets");
	form_typed(fm, m);
	assert_null(fm->v[i].error);

	/* References must name what exists, with a suggestion. */
	i = form_at(fm, "boundary");
	assert_int_equal(form_set(fm, i, "clod", m), -1);
	assert_string_equal(fm->v[i].error,
	    "unknown boundary 'clod' (did you mean 'cloud'?)");
	assert_int_equal(form_set(fm, i, "cloud", m), 0);
	/* Booleans are yes, no or unknown. */
	i = form_at(fm, "can-act");
	assert_int_equal(form_set(fm, i, "maybe", m), -1);
	assert_non_null(strstr(fm->v[i].error, "must be true, false or "
	    "unknown"));
	assert_int_equal(form_set(fm, i, "yes", m), 0);
	assert_int_equal(form_set(fm, form_at(fm, "exposure"), "publik", m),
	    -1);
	assert_string_equal(fm->v[form_at(fm, "exposure")].error,
	    "unknown exposure 'publik' for 'exposure' (did you mean "
	    "'public'?)");
	assert_int_equal(form_set(fm, form_at(fm, "exposure"), "", m), 0);
	/* The name is still missing. */
	assert_int_equal(form_validate(fm, m), 1);
	assert_string_equal(form_error(fm), "'name' is required");
	form_free(fm);

	/* Flows: both ends must be components. */
	fm = form_new(OBJ_FLOW, m, "ask", -1);
	i = form_at(fm, "to");
	assert_int_equal(form_set(fm, i, "internet", m), -1);
	assert_string_equal(fm->v[i].error, "unknown component 'internet'");
	form_free(fm);
	model_free(m);
}

static void
test_form_apply_creates_renames_and_clears(void **state)
{
	struct model		*m = small_model(), *c;
	struct form		*fm;
	struct error		 err;
	struct component	*comp;

	(void)state;
	/* A new tool in the cloud. */
	fm = form_new(OBJ_COMPONENT, m, NULL, KIND_TOOL);
	form_set(fm, form_at(fm, "id"), "tickets", m);
	form_set(fm, form_at(fm, "name"), "Ticket tool", m);
	form_set(fm, form_at(fm, "boundary"), "cloud", m);
	form_set(fm, form_at(fm, "human-approval"), "no", m);
	assert_int_equal(form_validate(fm, m), 0);
	c = undo_copy_model(m);
	assert_int_equal(form_apply(fm, c, &err), 0);
	comp = model_component(c, "tickets");
	assert_non_null(comp);
	assert_int_equal(comp->kind, KIND_TOOL);
	assert_int_equal(comp->human_approval, TRI_NO);
	assert_int_equal(comp->can_act, TRI_UNKNOWN);
	assert_ptr_equal(comp->b, c->boundaries[1]);
	form_mark_saved(fm);
	assert_false(form_changed(fm));
	assert_string_equal(fm->orig_id, "tickets");
	form_free(fm);
	model_free(c);

	/* Renaming a component takes its flows along. */
	m->components[2]->model_type = 1u << MODEL_LLM;
	fm = form_new(OBJ_COMPONENT, m, "llm", -1);
	form_set(fm, form_at(fm, "id"), "gpt", m);
	/* Becoming a tool drops what only models have. */
	form_set(fm, form_at(fm, "kind"), "tool", m);
	c = undo_copy_model(m);
	assert_int_equal(form_apply(fm, c, &err), 0);
	assert_null(model_component(c, "llm"));
	comp = model_component(c, "gpt");
	assert_non_null(comp);
	assert_int_equal(comp->model_type, 0);
	assert_string_equal(c->flows[1]->to, "gpt");
	model_free(c);
	form_free(fm);

	/* The object went away under the form: a clear error. */
	fm = form_new(OBJ_BOUNDARY, m, "cloud", -1);
	c = undo_copy_model(m);
	model_remove(c, "cloud");
	assert_int_equal(form_apply(fm, c, &err), -1);
	assert_string_equal(err.msg, "boundary 'cloud' no longer exists "
	    "(deleted by someone else?)");
	model_free(c);
	form_free(fm);
	model_free(m);
}

static void
test_form_lists_and_lines(void **state)
{
	struct model	*m = small_model();
	struct form	*fm;
	struct pick	 p;
	struct vlist	 l;
	struct buf	 b;
	size_t		 i, line;
	char		*s;
	int		 col;

	(void)state;
	fm = form_new(OBJ_FLOW, m, "ask", -1);
	/* Sets are ticked in a pick list. */
	i = form_at(fm, "data");
	form_options(fm, i, m, &p);
	assert_true(p.multi);
	assert_true(p.v[DATA_PROMPT].ticked);
	assert_true(p.v[DATA_PERSONAL_DATA].ticked);
	p.list.cursor = DATA_CREDENTIALS;
	pick_toggle(&p);
	p.list.cursor = DATA_PROMPT;
	pick_toggle(&p);
	s = pick_result(&p);
	assert_string_equal(s, "personal-data, credentials");
	assert_int_equal(form_set(fm, i, s, m), 0);
	free(s);
	pick_release(&p);
	/* References offer the components. */
	form_options(fm, form_at(fm, "from"), m, &p);
	assert_int_equal(p.n, 4);
	assert_string_equal(pick_current(&p)->value, "user");
	pick_release(&p);
	/* Booleans offer yes, no and unknown, each saying what it means
	 * (not "true" and "false", the words of the file). */
	form_options(fm, form_at(fm, "encrypted"), m, &p);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.v[0].label, "yes");
	assert_string_equal(p.v[0].help, "it is so: a fact the analysis "
	    "stands on");
	assert_string_equal(p.v[1].help, "it is not so: a fact the analysis "
	    "stands on");
	pick_release(&p);
	/* Booleans cycle yes, no, unknown. */
	form_focus(fm, form_at(fm, "encrypted"));
	form_cycle(fm, 1, m);
	assert_string_equal(fm->v[fm->cursor].text, "yes");
	form_cycle(fm, 1, m);
	assert_string_equal(fm->v[fm->cursor].text, "no");
	form_cycle(fm, 1, m);
	assert_null(fm->v[fm->cursor].text);

	/* Lines: label, value, the error under its field, the cursor. */
	form_set(fm, form_at(fm, "from"), "nobody", m);
	form_focus(fm, form_at(fm, "name"));
	ledit_set(&fm->edit, "Ask \x1b[31m");
	form_typed(fm, m);
	vlist_init(&l);
	form_lines(fm, 80, &l, &line, &col);
	s = line_text(&l, form_at(fm, "id"));
	assert_string_equal(s, "  id *                  ask");
	free(s);
	assert_true(list_has(&l, "! unknown component 'nobody'"));
	assert_true(list_has(&l, "personal-data, credentials"));
	assert_true(list_has(&l, "  encrypted             unknown"));
	s = line_text(&l, line);
	assert_non_null(strstr(s, "  name                  Ask ^[[31m"));
	free(s);
	assert_int_equal(col, FORM_LABEL_WIDTH + 10);
	buf_init(&b);
	form_help(fm, &b);
	assert_string_equal(b.s, "name: name of the flow");
	buf_release(&b);
	vlist_release(&l);
	form_free(fm);

	/* The system of an existing model keeps its id. */
	fm = form_new(OBJ_SYSTEM, m, "sys", -1);
	assert_true(fm->v[0].readonly);
	assert_int_equal(fm->cursor, 1);
	assert_int_equal(form_set(fm, 0, "other", m), -1);
	form_set(fm, form_at(fm, "criticality"), "high", m);
	form_focus(fm, form_at(fm, "criticality"));
	buf_init(&b);
	form_help(fm, &b);
	assert_non_null(strstr(b.s, "criticality: harm if"));
	buf_release(&b);
	form_free(fm);
	model_free(m);
}

static void
test_walk_resumes_where_the_model_stops(void **state)
{
	struct model		*m = model_new();
	struct catalogue	 cat;
	struct question		 q1, q2, *qs[2];
	struct risk_register	 r;
	struct risk_counts	 rc;
	struct vlines		 ls;
	struct vlist		 l;
	char			*s;
	static char		 id1[] = "q-aware", id2[] = "q-logs";
	static char		 g1[] = "1.1", g2[] = "4.2";
	static char		 t1[] = "Staff briefed?";
	static char		 t2[] = "Inputs logged?";

	(void)state;
	memset(&cat, 0, sizeof cat);
	memset(&q1, 0, sizeof q1);
	memset(&q2, 0, sizeof q2);
	q1.id = id1;
	q1.guideline = g1;
	q1.text = t1;
	q2.id = id2;
	q2.guideline = g2;
	q2.text = t2;
	/* Out of guideline order: the practice step sorts them. */
	qs[0] = &q2;
	qs[1] = &q1;
	cat.questions = qs;
	cat.nquestions = 2;
	risk_register_init(&r);
	risk_counts_compute(&rc, &r);

	m->system.id = xstrdup("sys");
	m->system.name = xstrdup("Sys");
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_SYSTEM);
	m->system.owner = xstrdup("Ann");
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_SYSTEM);
	m->system.criticality = LEVEL_HIGH;
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_BOUNDARIES);
	model_add_boundary(m, "cloud")->name = xstrdup("Cloud");
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_COMPONENTS);
	model_add_component(m, "app", KIND_APPLICATION)->name =
	    xstrdup("App");
	model_add_component(m, "llm", KIND_MODEL)->name = xstrdup("LLM");
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_FLOWS);
	model_add_flow(m, "call", "app", "llm");
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_PRACTICE);
	model_add_practice(m, "q-aware", TRI_YES);
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_PRACTICE);
	/* "unknown" is an answer too. */
	model_add_practice(m, "q-logs", TRI_UNKNOWN);
	assert_int_equal(walk_resume(m, &cat, &rc, NULL), WALK_REVIEW);

	/* The header marks done steps and brackets the current one. */
	vlines_init(&ls);
	walk_header(&ls, WALK_FLOWS, m, &cat, &rc, NULL, 80);
	s = vlines_plain(&ls);
	assert_non_null(strstr(s, "1 System\xe2\x9c\x93 2 Boundaries"
	    "\xe2\x9c\x93 3 Components\xe2\x9c\x93 [4 Flows]\xe2\x9c\x93 "
	    "5 Practice\xe2\x9c\x93 6 Analysis 7 Review\n"));
	assert_non_null(strstr(s, "Step 4 of 7: Data flows\n"));
	free(s);
	vlines_release(&ls);

	/* The practice step lists questions by guideline with answers. */
	vlist_init(&l);
	walk_lines(&l, WALK_PRACTICE, m, &cat, &rc, &r, NULL, NULL, 80);
	s = rtrim(vlines_plain(&l.lines));
	/* The unanswered question is counted as an open question. */
	assert_string_equal(s, "Guideline 1.1\n  [yes] Staff briefed?\n"
	    "Guideline 4.2\n  [ ? ] Inputs logged?\n\n"
	    "  Open questions (not answered): 1 of 2; a no raises the risk "
	    "of its gap\n");
	free(s);
	assert_ptr_equal(vlist_selected(&l), &q1);
	walk_lines(&l, WALK_COMPONENTS, m, &cat, &rc, &r, NULL, NULL, 80);
	assert_true(list_find(&l, "llm") > 0);
	assert_ptr_equal(vlist_selected(&l), m->components[0]);
	vlist_release(&l);
	/*
	 * The analysis is done once there are risks, those that no longer
	 * apply too; the review once none that applies is open: the counts
	 * say, as the store keeps them, without the register.
	 */
	assert_int_equal(walk_done(WALK_ANALYSIS, m, &cat, &rc, NULL), 0);
	rc.gone = 1;
	assert_int_equal(walk_done(WALK_ANALYSIS, m, &cat, &rc, NULL), 1);
	assert_int_equal(walk_done(WALK_REVIEW, m, &cat, &rc, NULL), 1);
	rc.applying = 2;
	rc.by_status[RISK_OPEN] = 1;
	rc.by_status[RISK_MITIGATING] = 1;
	assert_int_equal(walk_done(WALK_REVIEW, m, &cat, &rc, NULL), 0);
	assert_int_equal(walk_done(WALK_ANALYSIS, m, &cat, &rc, NULL), 1);
	vlist_init(&l);
	walk_lines(&l, WALK_ANALYSIS, m, &cat, &rc, NULL, NULL, NULL, 80);
	s = rtrim(vlines_plain(&l.lines));
	assert_non_null(strstr(s, "  Risks that apply: 2\n"));
	assert_non_null(strstr(s, " open 1 "));
	assert_non_null(strstr(s, "No longer apply (kept with their "
	    "decisions): 1\n"));
	free(s);
	vlist_release(&l);
	risk_register_release(&r);
	model_free(m);
}

/*
 * The analysis step's open questions made as they are shown (a fill, at
 * a million risks) read as those made at once: each question, each risk
 * at stake, titles wrapped under themselves (wide, or not ASCII, or
 * with a control character made visible), at two widths.
 */
static void
test_walk_questions_as_shown(void **state)
{
	static const char *const titles[] = {
		"Short title",
		"A title long enough that it has to wrap under itself at "
		    "forty columns and more",
		"Caf\xc3\xa9 \xe6\xbc\xa2\xe5\xad\x97 with a bell\a and a tab\tin it",
		"",
	};
	struct risk			 k[4];
	const struct risk		*ks[4];
	struct risk_question		 q[2];
	struct risk_questions		 fq = { q, 2 }, part = { q, 1 };
	struct risk_counts		 rc;
	struct walk_fill		 wf;
	struct vlist			 now, shown;
	char				*a, *b;
	size_t				 i;
	int				 width;

	(void)state;
	memset(k, 0, sizeof k);
	memset(q, 0, sizeof q);
	memset(&rc, 0, sizeof rc);
	rc.applying = 4;
	rc.assumed = 4;
	for (i = 0; i < 4; i++) {
		k[i].title = (char *)(uintptr_t)titles[i];
		k[i].severity = (int)(LEVEL_CRITICAL - i % 4);
		ks[i] = &k[i];
	}
	q[0].element = (char *)(uintptr_t)"model 'llm'";
	q[0].field = (char *)(uintptr_t)"model-type";
	q[0].risks = ks;
	q[0].nrisks = 3;
	q[0].worst = LEVEL_CRITICAL;
	q[1].element = (char *)(uintptr_t)"agent 'a'";
	q[1].field = (char *)(uintptr_t)"can-act";
	q[1].risks = ks + 2;
	q[1].nrisks = 2;
	q[1].worst = LEVEL_MEDIUM;
	for (width = 40; width <= 120; width += 80) {
		vlist_init(&now);
		vlist_init(&shown);
		memset(&wf, 0, sizeof wf);
		walk_lines(&now, WALK_ANALYSIS, NULL, NULL, &rc, NULL, &fq,
		    NULL, width);
		walk_lines(&shown, WALK_ANALYSIS, NULL, NULL, &rc, NULL, &fq,
		    &wf, width);
		assert_int_equal(shown.lines.n, now.lines.n);
		/* Step 6 opens on the line of its first question. */
		assert_int_equal(walk_first_question(&wf, &i), 1);
		assert_ptr_equal(shown.lines.v[i].data, &q[0]);
		assert_true(shown.lines.v[i].selectable);
		/* Not made until shown: the last line of a risk at stake. */
		for (i = shown.lines.n; i > 0 &&
		    shown.lines.v[i - 1].data != (const void *)&q[1].risks[1];
		    i--)
			;
		assert_true(i > 0);
		assert_int_equal(shown.lines.v[i - 1].n, 0);
		a = vlines_plain(&now.lines);
		assert_non_null(strstr(a, "    critical model-type of model "
		    "'llm'\n    at stake critical Short title\n"));
		assert_non_null(strstr(a, "can-act of agent 'a'"));
		for (i = 0; i < shown.lines.n; i++)
			(void)vlist_line(&shown, i);
		b = vlines_plain(&shown.lines);
		assert_string_equal(b, a);
		/* Every title whole, wrapped under itself where too wide. */
		assert_non_null(strstr(b, "columns and more\n"));
		assert_non_null(strstr(b, "in it\n"));
		if (width == 40)
			assert_non_null(strstr(b, "\n                      "
			    "columns and more\n"));
		free(b);
		/*
		 * Read a slice at a time: the first question of two, then
		 * the other, listed before the note that follows them: the
		 * same list in the end.
		 */
		vlist_clear(&shown);
		memset(&wf, 0, sizeof wf);
		wf.total = 2;
		part.n = 0;
		walk_lines(&shown, WALK_ANALYSIS, NULL, NULL, &rc, NULL, &part,
		    &wf, width);
		/* None read yet: no first question to go to. */
		assert_int_equal(walk_first_question(&wf, &i), 0);
		part.n = 1;
		walk_questions_more(&shown, &wf);
		assert_int_equal(walk_first_question(&wf, &i), 1);
		assert_ptr_equal(shown.lines.v[i].data, &q[0]);
		b = vlines_plain(&shown.lines);
		assert_non_null(strstr(b, "rest on): 2 (1 listed, the rest "
		    "being read)\n"));
		free(b);
		part.n = 2;
		walk_questions_more(&shown, &wf);
		for (i = 0; i < shown.lines.n; i++)
			(void)vlist_line(&shown, i);
		b = vlines_plain(&shown.lines);
		assert_string_equal(b, a);
		free(a);
		free(b);
		vlist_release(&now);
		vlist_release(&shown);
	}
}

/* A history entry for test_walk_template_reads_history. */
static struct change
tmpl_change(const char *object, const char *field, const char *new_value,
    const char *source)
{
	struct change	c;

	memset(&c, 0, sizeof c);
	c.object = (char *)(uintptr_t)object;
	c.field = (char *)(uintptr_t)field;
	c.new_value = (char *)(uintptr_t)new_value;
	c.source = (char *)(uintptr_t)source;
	return c;
}

static void
test_walk_template_reads_history(void **state)
{
	struct model		*m = small_model();
	struct walk_tmpl	 wt;
	struct change		 v[9];
	struct vlines		 ls;
	char			*s, *name;
	const char		*tp = "template 'rag-assistant'";

	(void)state;
	name = walk_tmpl_source(tp);
	assert_string_equal(name, "rag-assistant");
	free(name);
	assert_null(walk_tmpl_source("import of 'x.yaml'"));
	assert_null(walk_tmpl_source(NULL));

	/* Made from a template: steps 1-4 are its example. */
	m->components[1]->exposure = EXPOSURE_PUBLIC;
	m->components[1]->untrusted_input = TRI_YES;
	v[0] = tmpl_change(m->system.id, "created", "system", tp);
	v[1] = tmpl_change("cloud", "created", "boundary", tp);
	v[2] = tmpl_change("app", "created", "application", tp);
	v[3] = tmpl_change("old-llm", "created", "model", tp);
	v[4] = tmpl_change("ask", "created", "flow", tp);
	walk_tmpl_init(&wt);
	walk_tmpl_read(&wt, v, 5);
	assert_string_equal(wt.name, "rag-assistant");
	assert_int_equal(walk_done(WALK_SYSTEM, m, NULL, NULL, &wt), 0);
	assert_int_equal(walk_resume(m, NULL, NULL, &wt), WALK_SYSTEM);
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 1000, 4);
	s = vlines_plain(&ls);
	assert_non_null(strstr(s, "From the template 'rag-assistant'"));
	assert_non_null(strstr(s, "app exposure public; app untrusted-input "
	    "true"));
	free(s);
	vlines_release(&ls);
	/* The other steps count the facts, in two lines at 80 columns. */
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 80, 0);
	s = vlines_plain(&ls);
	assert_non_null(strstr(s, "still to confirm in step 3."));
	assert_null(strstr(s, "app exposure"));
	assert_true(ls.n <= 2);
	free(s);
	vlines_release(&ls);

	/*
	 * Changes made here: a step with one is no longer the example (a
	 * component renamed, the system's owner), a field changed leaves the
	 * list, and a change the template's import made counts for nothing.
	 */
	v[5] = tmpl_change("app", "exposure", "internal", NULL);
	v[6] = tmpl_change("old-llm", "id", "llm", "undo");
	v[7] = tmpl_change(m->system.id, "owner", "Ann", NULL);
	v[8] = tmpl_change("ask", "encrypted", "true", tp);
	walk_tmpl_release(&wt);
	walk_tmpl_read(&wt, v, 9);
	assert_int_equal(wt.example, 1U << WALK_BOUNDARIES | 1U << WALK_FLOWS);
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 1000, 4);
	s = vlines_plain(&ls);
	assert_null(strstr(s, "app exposure"));
	assert_non_null(strstr(s, "app untrusted-input true"));
	free(s);
	vlines_release(&ls);
	walk_tmpl_release(&wt);

	/*
	 * Confirmed without a change (c): the boundaries step is no longer
	 * the example; the components step takes its facts with it.
	 */
	v[5] = tmpl_change(m->system.id, HISTORY_CONFIRMED, "boundaries",
	    NULL);
	v[6] = tmpl_change(m->system.id, HISTORY_CONFIRMED, "components",
	    NULL);
	v[7] = tmpl_change(m->system.id, HISTORY_CONFIRMED, "no-such-step",
	    NULL);
	walk_tmpl_release(&wt);
	walk_tmpl_read(&wt, v, 8);
	assert_int_equal(wt.example, 1U << WALK_SYSTEM | 1U << WALK_FLOWS);
	assert_int_equal(walk_done(WALK_BOUNDARIES, m, NULL, NULL, &wt), 1);
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 1000, 4);
	s = vlines_plain(&ls);
	assert_null(strstr(s, "app untrusted-input"));
	free(s);
	vlines_release(&ls);
	walk_tmpl_release(&wt);

	/*
	 * Withdrawn (u): an entry from the step's word to none gives the
	 * step back its example, and the components' facts with it; a step
	 * changed after its confirmation stays changed.
	 */
	v[7] = tmpl_change(m->system.id, HISTORY_CONFIRMED, NULL, "undo");
	v[7].old_value = (char *)(uintptr_t)"components";
	v[8] = tmpl_change(m->system.id, HISTORY_CONFIRMED, NULL, "undo");
	v[8].old_value = (char *)(uintptr_t)"boundaries";
	walk_tmpl_read(&wt, v, 9);
	assert_int_equal(wt.example, 1U << WALK_SYSTEM | 1U << WALK_FLOWS |
	    1U << WALK_BOUNDARIES | 1U << WALK_COMPONENTS);
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 1000, 4);
	s = vlines_plain(&ls);
	assert_non_null(strstr(s, "app untrusted-input true"));
	free(s);
	vlines_release(&ls);
	walk_tmpl_release(&wt);
	v[7] = tmpl_change("app", "exposure", "internal", NULL);
	walk_tmpl_read(&wt, v, 9);
	assert_int_equal(wt.example, 1U << WALK_SYSTEM | 1U << WALK_FLOWS |
	    1U << WALK_BOUNDARIES);
	walk_tmpl_release(&wt);

	/* Not from a template: no note, steps as they are. */
	v[0].source = NULL;
	walk_tmpl_read(&wt, v, 1);
	assert_null(wt.name);
	vlines_init(&ls);
	walk_template_note(&ls, m, &wt, 1000, 4);
	assert_int_equal(ls.n, 0);
	vlines_release(&ls);
	walk_tmpl_release(&wt);
	model_free(m);
}

static void
test_flows_view_marks_crossings_in_words(void **state)
{
	struct model	*m = small_model();
	struct vlist	 l;
	char		*s;
	long		 i;

	(void)state;
	vlist_init(&l);
	flows_lines(&l, m, 100);
	assert_true(list_has(&l, "Data flows: 3, 1 crossing a trust boundary"));
	/* user (internet) -> app (cloud) crosses; app -> llm does not. */
	i = list_find(&l, "user -> app");
	assert_true(i > 0);
	s = line_text(&l, (size_t)i);
	assert_true(strncmp(s, "  CROSSES   ask ", 16) == 0);
	assert_non_null(strstr(s, "prompt, personal-data"));
	free(s);
	s = line_text(&l, (size_t)list_find(&l, "app -> llm"));
	assert_true(strncmp(s, "            complete ", 21) == 0);
	assert_non_null(strstr(s, "(data not set)"));
	free(s);
	s = line_text(&l, (size_t)list_find(&l, "kb -> app"));
	assert_true(strncmp(s, "  boundary? retrieve ", 21) == 0);
	free(s);
	/* Components are grouped under their boundary. */
	assert_true(list_find(&l, "  cloud ") < list_find(&l, "    app "));
	assert_true(list_find(&l, "    app ") < list_find(&l, "    llm "));
	assert_true(list_find(&l, "(in no trust boundary)") <
	    list_find(&l, "    kb "));
	assert_int_equal(view_objtype(m, m->flows[2]), OBJ_FLOW);
	assert_string_equal(view_objid(m, m->boundaries[1]), "cloud");
	assert_int_equal(view_objtype(m, &l), OBJ_COUNT);
	vlist_release(&l);
	model_free(m);
}

/*
 * The data-flow view of a model whose flows are being read: the heading
 * says so and counts what is read, the flows are listed as they come,
 * and once all are the list is line for line the one made of the whole
 * model (the crossings counted as they came).
 */
static void
test_flows_view_grows_as_flows_are_read(void **state)
{
	struct model		*m = small_model();
	struct flows_part	 fp;
	struct vlist		 whole, part;
	char			*a, *b;
	size_t			 i, nflows = m->nflows;

	(void)state;
	vlist_init(&whole);
	vlist_init(&part);
	flows_lines(&whole, m, 100);
	/* (Each object findable by id, as the objects being read are.) */
	(void)model_index(m, NULL, NULL);
	m->unread = MODEL_UNREAD_FLOWS;
	m->nflows = 1;
	flows_lines_part(&part, m, 100, &fp);
	assert_true(list_has(&part, "Data flows: 1 read so far, "));
	assert_true(list_has(&part, "reading the rest"));
	assert_true(list_has(&part, m->flows[0]->id));
	assert_false(list_has(&part, m->flows[1]->id));
	m->nflows = nflows;
	flows_lines_more(&part, m, 100, &fp);
	assert_true(list_has(&part, "Data flows: 3 read so far, 1 crossing"));
	m->unread = 0;
	flows_lines_done(&part, m, 100, &fp);
	assert_int_equal(part.lines.n, whole.lines.n);
	for (i = 0; i < whole.lines.n; i++) {
		a = line_text(&whole, i);
		b = line_text(&part, i);
		assert_string_equal(b, a);
		free(a);
		free(b);
		assert_ptr_equal(part.lines.v[i].data, whole.lines.v[i].data);
	}
	vlist_release(&whole);
	vlist_release(&part);
	model_free(m);
}

/* A register of four risks with decisions, for the list tests. */
static void
sample_register(struct risk_register *r)
{
	struct risk		*k;
	struct risk_mitigation	*rm;

	risk_register_init(r);
	k = risk_register_add(r, "t-inject", "llm");
	k->title = xstrdup("Prompt injection");
	k->likelihood = 4;
	k->impact = 5;
	k->severity = LEVEL_CRITICAL;
	k->applies = 1;
	risk_add_reason(k, REASON_ASSUMED, "flow 'ask' is not authenticated");
	rm = risk_add_mitigation(k, "m-guard");
	rm->due = xstrdup("2026-01-10");
	rm->owner = xstrdup("Bob");
	rm = risk_add_mitigation(k, "m-done");
	rm->due = xstrdup("2026-01-01");
	rm->status = MIT_IMPLEMENTED;
	k = risk_register_add(r, "t-poison", "kb");
	k->title = xstrdup("Poisoned index");
	k->likelihood = 3;
	k->impact = 3;
	k->severity = LEVEL_MEDIUM;
	k->applies = 1;
	k->status = RISK_ACCEPTED;
	k->owner = xstrdup("Ann");
	k->justification = xstrdup("internal data only");
	k = risk_register_add(r, "t-dos", "app");
	k->title = xstrdup("Denial of service");
	k->likelihood = 2;
	k->impact = 2;
	k->severity = LEVEL_LOW;
	k->applies = 1;
	k->status = RISK_MITIGATED;
	k->owner = xstrdup("Anna");
	k = risk_register_add(r, "t-old", "app");
	k->title = xstrdup("Gone away");
	k->severity = LEVEL_HIGH;
	k->applies = 0;
}

static void
test_risk_list_filters_and_sorts(void **state)
{
	struct risk_register	 r;
	struct rview		 rv;
	struct error		 err;
	struct buf		 b;
	struct risk_counts	 c;
	char			*s;

	(void)state;
	sample_register(&r);
	risk_counts_compute(&c, &r);
	assert_int_equal(c.applying, 3);
	assert_int_equal(c.gone, 1);
	assert_int_equal(c.assumed, 1);
	assert_int_equal(c.cell[LEVEL_MEDIUM][RISK_ACCEPTED], 1);

	rview_init(&rv);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 3);
	/* Severity first, in words, so colour is not needed. */
	s = line_text(&rv.list, 2);
	/* The status and target columns as wide as they need, no wider. */
	assert_true(strncmp(s, "LOW  mitigated app    ", 22) == 0);
	free(s);
	/*
	 * The critical risk rests on an unanswered field: it is listed
	 * apart, after the risks that stand on facts.
	 */
	s = line_text(&rv.list, 3);
	assert_string_equal(s, "To confirm: these rest on unanswered fields");
	free(s);
	s = line_text(&rv.list, 4);
	/* At 80 columns the guideline's go to the title (the detail
	 * names it). */
	assert_string_equal(s, "CRIT open      llm    Prompt injection");
	free(s);
	/* The cursor stays on its risk when the order changes. */
	rview_remember(&rv);
	assert_string_equal(rview_selected(&rv)->threat, "t-poison");
	rv.sort = RSORT_TARGET;
	rview_build(&rv, &r, NULL, 80);
	assert_string_equal(rview_selected(&rv)->threat, "t-poison");
	s = line_text(&rv.list, 1);
	assert_non_null(strstr(s, " app "));
	free(s);

	assert_int_equal(rfilter_set(&rv.filter, "owner", "ann", &err), 0);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 2);
	assert_int_equal(rfilter_set(&rv.filter, "status", "accepted, "
	    "mitigated", &err), 0);
	assert_int_equal(rfilter_set(&rv.filter, "severity", "low", &err), 0);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 1);
	assert_string_equal(rview_selected(&rv)->threat, "t-dos");
	buf_init(&b);
	rfilter_describe(&rv.filter, &b);
	assert_string_equal(b.s, "severity low; status mitigated, accepted; "
	    "owner 'ann'");
	buf_release(&b);
	assert_int_equal(rfilter_set(&rv.filter, "status", "acepted", &err),
	    -1);
	assert_string_equal(err.msg, "unknown risk status 'acepted' (did you "
	    "mean 'accepted'?)");

	/* Free text looks into reasons and mitigations too. */
	rfilter_release(&rv.filter);
	assert_int_equal(rfilter_set(&rv.filter, "text", "NOT AUTHENTICATED",
	    &err), 0);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 1);
	assert_string_equal(rview_selected(&rv)->threat, "t-inject");
	rfilter_set(&rv.filter, "text", "nothing like it", &err);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 0);
	assert_null(rview_selected(&rv));
	assert_true(list_has(&rv.list, "No risk matches the filter"));
	/* Risks that no longer apply only when asked for. */
	rfilter_release(&rv.filter);
	rfilter_set(&rv.filter, "gone", "yes", &err);
	rview_build(&rv, &r, NULL, 80);
	assert_int_equal(rv.shown, 4);
	assert_true(list_find(&rv.list, "HIGH no longer") > 0);
	rview_release(&rv);
	risk_register_release(&r);
}

/*
 * A text filter finds the risks of a threat whose description says it
 * (once a threat, however many risks it has), and only those.
 */
static void
test_risk_list_text_in_threat(void **state)
{
	struct catalogue	*cat;
	const struct threat	*t, *other;
	struct risk_register	 r;
	struct risk		*k;
	struct rview		 rv;
	struct error		 err;
	char			 part[21];
	size_t			 i;

	(void)state;
	cat = catalogue_load_standard(NULL, 0, &err);
	if (cat == NULL)
		fail_msg("catalogue: %s", err.msg);
	assert_true(cat->nthreats > 1);
	t = cat->threats[0];
	other = cat->threats[1];
	assert_non_null(t->description);
	assert_true(strlen(t->description) >= 20);
	memcpy(part, t->description, 20);
	part[20] = '\0';
	assert_null(strstr(other->description, part));
	risk_register_init(&r);
	for (i = 0; i < 3; i++) {
		k = risk_register_add(&r, i < 2 ? t->id : other->id,
		    i == 0 ? "a1" : i == 1 ? "a2" : "a3");
		k->title = xstrdup("Some risk");
		k->severity = LEVEL_HIGH;
		k->applies = 1;
	}
	rview_init(&rv);
	assert_int_equal(rfilter_set(&rv.filter, "text", part, &err), 0);
	rview_build(&rv, &r, cat, 80);
	assert_int_equal(rv.shown, 2);
	assert_string_equal(rview_selected(&rv)->threat, t->id);
	rview_release(&rv);
	risk_register_release(&r);
	catalogue_free(cat);
}

/* A register of n risks "t-N" on targets "aN", every third one's title
 * saying "needle"; risk 42's target is long. */
static void
wide_register(struct risk_register *r, size_t n)
{
	struct risk	*k;
	char		 threat[16], target[40];
	size_t		 i;

	risk_register_init(r);
	for (i = 0; i < n; i++) {
		snprintf(threat, sizeof threat, "t-%03zu", i);
		snprintf(target, sizeof target, i == 42 ?
		    "a-target-named-at-length-%zu" : "a%zu", i);
		k = risk_register_add(r, threat, target);
		k->title = xstrdup(i % 3 == 0 ? "Has the needle" : "Plain");
		k->severity = LEVEL_HIGH;
		k->likelihood = 3;
		k->impact = 3;
		k->applies = 1;
	}
}

/*
 * A list filtered a slice at a time: a first screenful at once, marked
 * pending, then the rest; when done it is the list a build in one go
 * gives, line for line, the columns widened for a target found late
 * (lines already shown made again), and the remembered risk has the
 * cursor even though it came late.
 */
static void
test_risk_list_in_slices(void **state)
{
	struct risk_register	 r;
	struct rview		 whole, rv;
	struct error		 err;
	char			*a, *b;
	size_t			 i, steps = 0;

	(void)state;
	wide_register(&r, 90);
	rview_init(&whole);
	assert_int_equal(rfilter_set(&whole.filter, "text", "NEEDLE", &err),
	    0);
	rview_build(&whole, &r, NULL, 80);
	assert_false(whole.pending);
	assert_int_equal(whole.shown, 30);

	rview_init(&rv);
	rfilter_set(&rv.filter, "text", "needle", &err);
	rv.slice = 6;
	rv.want = 3;
	rv.keep_threat = xstrdup("t-081");
	rv.keep_target = xstrdup("a81");
	rview_build(&rv, &r, NULL, 80);
	/* 6 risks looked at, 2 matched: on to the third, then it stops. */
	assert_true(rv.pending);
	assert_int_equal(rv.shown, 3);
	a = line_text(&rv.list, 1);
	assert_string_equal(a, "HIGH open   a0     Has the needle");
	free(a);
	/* Not there yet: the cursor on the first. */
	assert_string_equal(rview_selected(&rv)->threat, "t-000");
	while (rview_more(&rv))
		steps++;
	assert_false(rv.pending);
	assert_int_equal(steps, 14);	/* the 83 risks left, 6 a step */
	assert_int_equal(rv.shown, 30);
	assert_int_equal(rv.list.lines.n, whole.list.lines.n);
	for (i = 0; i < rv.list.lines.n; i++) {
		a = line_text(&rv.list, i);
		b = line_text(&whole.list, i);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/*
	 * The target found late widened the column of the first line too:
	 * its title under the heading's, past the long target.
	 */
	a = line_text(&rv.list, 0);
	b = line_text(&rv.list, 1);
	assert_true(strstr(a, "TITLE") - a == strstr(b, "Has") - b);
	/* SEV, STATUS, then TARGET cut at a third of the width. */
	assert_true(strstr(b, "Has") - b > 4 + 1 + 6 + 1 + 80 / 3);
	free(a);
	free(b);
	assert_string_equal(rview_selected(&rv)->threat, "t-081");
	assert_int_equal(rview_more(&rv), 0);

	/* A cursor moved meanwhile stays where it was put. */
	rview_build(&rv, &r, NULL, 80);
	assert_true(rv.pending);
	vlist_home(&rv.list);
	vlist_move(&rv.list, 1);
	rview_remember(&rv);
	while (rview_more(&rv))
		;
	assert_string_equal(rview_selected(&rv)->threat, "t-003");

	/* Nothing matches: said only once everything was looked at. */
	rfilter_set(&rv.filter, "text", "absent", &err);
	rview_build(&rv, &r, NULL, 80);
	assert_true(rv.pending);
	assert_false(list_has(&rv.list, "No risk matches the filter"));
	while (rview_more(&rv))
		;
	assert_int_equal(rv.shown, 0);
	assert_true(list_has(&rv.list, "No risk matches the filter"));
	rview_release(&rv);
	rview_release(&whole);
	risk_register_release(&r);
}

static void
test_overdue_uses_the_pinned_clock(void **state)
{
	struct risk_register	 r;
	char			 today[11];

	(void)state;
	sample_register(&r);
	setenv("PARAPET_NOW", "2026-01-05T10:00:00Z", 1);
	rview_today(today);
	assert_string_equal(today, "2026-01-05");
	/* Due 2026-01-10: not yet. Due 2026-01-01 but implemented: no. */
	assert_false(rview_overdue(&r.risks[0]->mitigations[0], today));
	assert_false(rview_overdue(&r.risks[0]->mitigations[1], today));
	setenv("PARAPET_NOW", "2026-01-11T00:00:00Z", 1);
	rview_today(today);
	assert_true(rview_overdue(&r.risks[0]->mitigations[0], today));
	unsetenv("PARAPET_NOW");
	risk_register_release(&r);
}

/* The start screen's heading holds head and its first model's row row. */
static void
assert_start_columns(struct vlist *l, const char *head, const char *row)
{
	char	*s;

	s = line_text(l, 0);
	assert_non_null(strstr(s, head));
	free(s);
	s = line_text(l, 1);
	assert_non_null(strstr(s, row));
	free(s);
}

static void
test_start_and_history_lines(void **state)
{
	struct start_row	 sum[2];
	struct change		 ch[2];
	struct vlist		 l;
	char			*s;
	static char		 id1[] = "sys", n1[] = "Süß \x1b[1mbold";
	static char		 id2[] = "other", n2[] = "Other";
	static char		 at1[] = "2026-11-25T20:15:36Z";
	static char		 at2[] = "2026-11-26T08:00:00Z";
	static char		 who[] = "ann", obj[] = "llm", fld[] = "name";
	static char		 o[] = "LLM", nv[] = "GPT", cr[] = "created";

	(void)state;
	memset(sum, 0, sizeof sum);
	sum[0].id = id1;
	sum[0].name = n1;
	sum[0].counts.applying = 12;
	sum[0].counts.by_severity[LEVEL_CRITICAL] = 2;
	sum[0].counts.by_severity[LEVEL_LOW] = 10;
	sum[0].counts.by_status[RISK_OPEN] = 7;
	sum[0].counts.by_status[RISK_MITIGATING] = 4;
	sum[0].counts.by_status[RISK_MITIGATED] = 1;
	sum[0].data = &ch[0];
	sum[1].id = id2;
	sum[1].name = n2;
	vlist_init(&l);
	/* An empty database: the keys that create a model, from the table. */
	start_lines(&l, NULL, 0, 80);
	s = line_text(&l, 0);
	assert_string_equal(s, "  No models in this database yet: press a to "
	    "create a blank one, t to start from");
	free(s);
	/*
	 * Every status while the names fit: the risks that apply, then
	 * those by severity and by status, each group adding up to them.
	 */
	start_lines(&l, sum, 2, 100);
	s = line_text(&l, 0);
	assert_string_equal(s, "  ID       NAME                    RISKS CRIT "
	    "HIGH  MED  LOW OPEN MITIGATING MITIGATED ACCEPTED  N/A");
	free(s);
	s = line_text(&l, 1);
	assert_non_null(strstr(s, "    12    2    0    0   10    7          4"
	    "         1        0    0"));
	free(s);
	/* At 80 columns, the total, the severities and the open ones. */
	start_lines(&l, sum, 2, 80);
	s = line_text(&l, 0);
	assert_true(strlen(s) > 31 && strcmp(s + strlen(s) - 31,
	    " RISKS CRIT HIGH  MED  LOW OPEN") == 0);
	free(s);
	/* A long name has the room of all but the open risks. */
	sum[1].name = "A name as long as some that teams give";
	start_lines(&l, sum, 2, 80);
	s = line_text(&l, 2);
	assert_non_null(strstr(s, "A name as long as some that teams give "));
	free(s);
	s = line_text(&l, 0);
	assert_true(strlen(s) > 4 && strcmp(s + strlen(s) - 4, "OPEN") == 0);
	free(s);
	sum[1].name = n2;
	sum[0].counts.by_status[RISK_ACCEPTED] = 3;
	start_lines(&l, sum, 2, 120);
	assert_start_columns(&l, "CRIT HIGH  MED  LOW OPEN MITIGATING "
	    "MITIGATED ACCEPTED", "    2    0    0   10    7          4"
	    "         1        3");
	/* A million risks: the counts keep a space between them. */
	sum[0].counts.by_severity[LEVEL_MEDIUM] = 562510;
	sum[0].counts.by_status[RISK_OPEN] = 679916;
	start_lines(&l, sum, 2, 120);
	assert_start_columns(&l, "   CRIT   HIGH    MED    LOW   OPEN "
	    "MITIGATING MITIGATED ACCEPTED", "      2      0 562510     10 "
	    "679916          4         1        3");
	sum[0].counts.by_severity[LEVEL_MEDIUM] = 0;
	sum[0].counts.by_status[RISK_OPEN] = 7;
	start_lines(&l, sum, 2, 80);
	/* Selecting a row gives back its data. */
	assert_ptr_equal(vlist_selected(&l), &ch[0]);

	memset(ch, 0, sizeof ch);
	ch[0].at = at1;
	ch[0].who = who;
	ch[0].object = obj;
	ch[0].field = cr;
	ch[1].at = at2;
	ch[1].who = who;
	ch[1].object = obj;
	ch[1].field = fld;
	ch[1].old_value = o;
	ch[1].new_value = nv;
	history_lines(&l, ch, 2, 80, 0);
	/* Newest first. */
	s = line_text(&l, 1);
	assert_string_equal(s, "2026-11-26 08:00 ann        llm    "
	    "name: 'LLM' -> 'GPT'");
	free(s);
	s = line_text(&l, 2);
	assert_string_equal(s, "2026-11-25 20:15 ann        llm    created");
	free(s);
	/*
	 * The author's column grows to the longest name, up to 24 columns:
	 * beyond, a name is cut, a space still after it.
	 */
	{
		static char	lw[] = "a-very-long-user-name";
		static char	lx[] = "an-even-longer-user-name-than-that";
		static char	lo[] = "llm-system-prompt-leakage@llm";

		ch[1].who = lw;
		ch[1].object = lo;
		history_lines(&l, ch, 2, 80, 0);
		/*
		 * At 80 columns, where the object and the change do not
		 * both fit, the object is whole and the change goes under
		 * it: a risk keeps its target (two of one threat differ
		 * there), the change all its words.
		 */
		s = line_text(&l, 1);
		assert_string_equal(s, "    CHANGE");
		free(s);
		s = line_text(&l, 2);
		assert_string_equal(s, "2026-11-26 08:00 a-very-long-user-name "
		    "llm-system-prompt-leakage@llm");
		free(s);
		s = line_text(&l, 4);
		assert_string_equal(s, "2026-11-25 20:15 ann                   "
		    "llm");
		free(s);
		s = line_text(&l, 3);
		assert_string_equal(s, "    name: 'LLM' -> 'GPT'");
		free(s);
		/* The cursor skips it; a search finds the entry by it. */
		l.cursor = 2;
		vlist_move(&l, 1);
		assert_int_equal(l.cursor, 4);
		assert_int_equal(vlist_search(&l, "'GPT'"), 0);
		assert_int_equal(l.cursor, 2);
		/* Wider, the object column grows: nothing cut. */
		history_lines(&l, ch, 2, 120, 0);
		s = line_text(&l, 1);
		assert_string_equal(s, "2026-11-26 08:00 a-very-long-user-name "
		    "llm-system-prompt-leakage@llm name: 'LLM' -> 'GPT'");
		free(s);
		ch[1].who = lx;
		history_lines(&l, ch, 2, 120, 0);
		s = line_text(&l, 1);
		assert_string_equal(s, "2026-11-26 08:00 an-even-longer-user-"
		    "nam\u2026 llm-system-prompt-leakage@llm name: 'LLM' -> "
		    "'GPT'");
		free(s);
		ch[1].who = who;
		ch[1].object = obj;
	}
	/* The history of one object leaves the object out. */
	history_lines(&l, ch, 2, 80, 1);
	s = line_text(&l, 1);
	assert_string_equal(s, "2026-11-26 08:00 ann        name: 'LLM' -> "
	    "'GPT'");
	free(s);
	/* A change not made as an edit (an undo) says so. */
	{
		static char	un[] = "undo";

		ch[1].source = un;
		history_lines(&l, ch, 2, 80, 1);
		s = line_text(&l, 1);
		assert_string_equal(s, "2026-11-26 08:00 ann        name: "
		    "'LLM' -> 'GPT' [undo]");
		free(s);
		ch[1].source = NULL;
	}
	vlist_release(&l);
}

/* The first guideline subsection a threat cites. */
static const char *
first_guideline(const struct threat *t)
{
	size_t	i;

	for (i = 0; i < t->refs.n; i++)
		if (t->refs.v[i].scheme == REF_GUIDELINE)
			return t->refs.v[i].id;
	return NULL;
}

/* Every line of a and b reads the same. */
static void
lists_equal(struct vlist *a, struct vlist *b)
{
	size_t	 i;
	char	*x, *y;

	assert_int_equal(a->lines.n, b->lines.n);
	for (i = 0; i < a->lines.n; i++) {
		x = line_text(a, i);
		y = line_text(b, i);
		assert_string_equal(x, y);
		assert_ptr_equal(a->lines.v[i].data, b->lines.v[i].data);
		free(x);
		free(y);
	}
}

/*
 * The dashboard and the review step as their register is read a slice at
 * a time: while it is read, the stored counts and a line of how much is
 * read (the dashboard), or the stored open count and how many are listed
 * (the review); once it is whole, the same page and list as the whole
 * register gives at once.
 */
static void
test_dashboard_and_review_in_slices(void **state)
{
	struct catalogue	*cat;
	const struct threat	*t;
	struct risk_register	 r;
	struct risk_counts	 stored;
	struct dash_acc		 a;
	struct walk_review	 wr;
	struct risk		*k;
	struct vlist		 whole, part;
	struct error		 err;
	size_t			 at;
	char			*s;
	int			 i;
	static const char *const targets[] = { "llm", "backend", "gateway",
	    "store", "retriever", "a-much-longer-component-name" };
	static const int open[] = { 0, 3, 5 };

	(void)state;
	error_clear(&err);
	cat = catalogue_load_standard(NULL, 0, &err);
	assert_non_null(cat);
	t = cat->threats[0];
	risk_register_init(&r);
	/* Open, accepted (justified), mitigated, open with an overdue
	   mitigation, gone, open. */
	for (i = 0; i < 6; i++) {
		k = risk_register_add(&r, t->id, targets[i]);
		k->title = xstrdup(t->title);
		k->severity = LEVEL_HIGH;
		k->applies = i != 4;
		risk_add_mitigation(k, t->mitigations[0]);
	}
	r.risks[1]->status = RISK_ACCEPTED;
	r.risks[1]->justification = xstrdup("low exposure");
	r.risks[2]->status = RISK_MITIGATED;
	r.risks[3]->mitigations[0].due = xstrdup("2026-01-01");
	vlist_init(&whole);
	vlist_init(&part);
	dash_lines(&whole, &r, cat, NULL, NULL, "2026-02-01", 80);
	assert_true(list_has(&whole, "Accepted risks (1)"));
	assert_true(list_has(&whole, "  2026-01-01 "));

	/* The first two risks read of six. */
	risk_counts_compute(&stored, &r);
	r.n = 2;
	dash_acc_init(&a, cat);
	dash_acc_add(&a, &r, "2026-02-01", 100);
	at = dash_page(&part, &a, &stored, cat, NULL, NULL, 0, "2026-02-01",
	    80, 6);
	assert_true(at > 0);
	s = line_text(&part, at);
	assert_string_equal(s, "  Reading the register: 2 of 6 risks read; "
	    "the overdue mitigations, accepted risks and coverage of the "
	    "guidelines follow");
	free(s);
	assert_true(list_has(&part, "Risks that apply, by severity and "
	    "status (5)"));
	assert_false(list_has(&part, "Overdue mitigations"));
	assert_false(list_has(&part, "Coverage of the"));
	/* Three more: the line says so; then the last, and the page is the
	   whole register's. */
	r.n = 5;
	dash_acc_add(&a, &r, "2026-02-01", 100);
	dash_progress(&part.lines.v[at], a.done, 6);
	s = line_text(&part, at);
	assert_non_null(strstr(s, "Reading the register: 5 of 6 risks read"));
	free(s);
	r.n = 6;
	dash_acc_add(&a, &r, "2026-02-01", 100);
	assert_int_equal(dash_page(&part, &a, NULL, cat, NULL, NULL, 0,
	    "2026-02-01", 80, 6), 0);
	lists_equal(&part, &whole);
	dash_acc_release(&a);

	/* The review: the widest target comes last, so the whole list is
	   made of the first risks' columns only when it came first. */
	walk_lines(&whole, WALK_REVIEW, NULL, cat, &stored, &r, NULL, NULL,
	    80);
	assert_true(list_has(&whole, "  3 risks still open; "));
	r.n = 1;
	vlist_clear(&part);
	walk_review_lines(&part, &wr, &r, 6, stored.by_status[RISK_OPEN], 0,
	    100, 80);
	assert_true(list_has(&part, "  3 risks still open (1 listed, the rest "
	    "being read); "));
	r.n = 4;
	walk_review_more(&part, &wr, &r, 0, 100);
	assert_true(list_has(&part, "  3 risks still open (2 listed, the rest "
	    "being read); "));
	r.n = 6;
	walk_review_more(&part, &wr, &r, 1, 100);
	assert_true(list_has(&part, "  3 risks still open; "));
	/* The open ones, in the register's order, each once (the columns
	   those of the first risk, a target 16 wide at least: the last
	   one's is cut). */
	for (at = 1, i = 0; at < part.lines.n; at++) {
		if (part.lines.v[at].data == part.lines.v[at - 1].data)
			continue;
		assert_true(i < 3);
		assert_ptr_equal(part.lines.v[at].data, r.risks[open[i++]]);
	}
	assert_int_equal(i, 3);
	for (at = 0; part.lines.v[at].data != r.risks[5]; at++)
		;
	s = line_text(&part, at);
	assert_non_null(strstr(s, "a-much-longer-"));
	assert_null(strstr(s, "a-much-longer-component-name"));
	free(s);
	/* A register that is whole at once lists as walk_lines() does. */
	vlist_clear(&part);
	walk_review_lines(&part, &wr, &r, 6, 3, 1, 100, 80);
	lists_equal(&part, &whole);
	/* Whole, but looked at two risks at a time: the heading says how
	   many are listed until every one is. */
	vlist_clear(&part);
	walk_review_lines(&part, &wr, &r, 6, 3, 1, 2, 80);
	assert_true(list_has(&part, "  3 risks still open (1 listed, the rest "
	    "being read); "));
	walk_review_more(&part, &wr, &r, 1, 2);
	assert_true(list_has(&part, "(2 listed, "));
	walk_review_more(&part, &wr, &r, 1, 2);
	assert_true(list_has(&part, "  3 risks still open; "));
	vlist_release(&whole);
	vlist_release(&part);
	risk_register_release(&r);
	catalogue_free(cat);
}

static void
test_risk_detail_and_dashboard(void **state)
{
	struct catalogue	*cat;
	const struct threat	*t;
	struct risk_register	 r;
	struct risk		*k;
	struct risk_mitigation	*rm;
	struct vlist		 l;
	struct error		 err;
	const char		*g;
	const char *const	*gids;
	char			*s, *want;
	long			 i, j;
	size_t			 n, ng;
	int			 width;

	(void)state;
	/* The standard catalogue ($PARAPET_DATA, as make check sets it). */
	cat = catalogue_load_standard(NULL, 0, &err);
	if (cat == NULL)
		fail_msg("catalogue: %s", err.msg);
	assert_true(cat->nthreats > 0);
	t = cat->threats[0];
	assert_true(t->nmitigations > 0);
	g = first_guideline(t);
	assert_non_null(g);

	risk_register_init(&r);
	k = risk_register_add(&r, t->id, "llm");
	k->title = xstrdup(t->title);
	k->likelihood = 4;
	k->impact = 4;
	k->severity = LEVEL_CRITICAL;
	k->applies = 1;
	risk_add_reason(k, REASON_FACT, "'llm' is a model of type llm");
	risk_add_reason(k, REASON_ASSUMED, "flow 'ask' is not authenticated");
	for (n = 0; n < t->nmitigations; n++)
		risk_add_mitigation(k, t->mitigations[n]);
	rm = &k->mitigations[0];
	rm->due = xstrdup("2026-01-01");
	rm->owner = xstrdup("Bob \x1b[7m");

	vlist_init(&l);
	rview_detail(&l, k, cat, "2026-02-01", 80);
	assert_true(list_has(&l, "Severity critical (likelihood 4 x impact "
	    "4)"));
	assert_true(list_has(&l, "Why it applies here"));
	assert_true(list_has(&l, "  - assumed: flow 'ask' is not "
	    "authenticated"));
	assert_true(list_has(&l, "References"));
	/* The guideline is named by its title, wrapped under its column. */
	want = xstrndup(catalogue_ref_title(cat, REF_GUIDELINE, g), 30);
	i = list_find(&l, want);
	assert_true(i > 0);
	s = line_text(&l, (size_t)i);
	assert_non_null(strstr(s, g));
	free(s);
	free(want);
	/* No name is cut, at 80 columns or at 50. */
	for (width = 80; width >= 50; width -= 30) {
		rview_detail(&l, k, cat, "2026-02-01", width);
		for (j = list_find(&l, "References") + 1;
		    j < (long)l.lines.n; j++) {
			s = line_text(&l, (size_t)j);
			if (strcmp(s, "Mitigations") == 0) {
				free(s);
				break;
			}
			assert_null(strstr(s, "\xe2\x80\xa6"));
			assert_true(text_width(s) <= width);
			/* A name's next lines start under its first. */
			if (strncmp(s, "  ", 2) == 0 && s[2] == ' ')
				assert_true(strspn(s, " ") == 33);
			free(s);
		}
	}
	rview_detail(&l, k, cat, "2026-02-01", 80);
	/* Each mitigation is listed; its lines carry it. */
	for (n = 0; n < k->nmitigations; n++) {
		i = list_find(&l, k->mitigations[n].id);
		assert_true(i > 0);
		assert_ptr_equal(l.lines.v[i].data, &k->mitigations[n]);
	}
	j = list_find(&l, "owner: Bob ^[[7m   due: 2026-01-01 OVERDUE");
	assert_true(j > list_find(&l, rm->id));
	assert_ptr_equal(l.lines.v[j].data, rm);
	assert_null(l.lines.v[list_find(&l, "References")].data);

	/* The dashboard counts it and lists the overdue mitigation. */
	dash_lines(&l, &r, cat, NULL, NULL, "2026-02-01", 80);
	assert_true(list_has(&l, "Risks that apply, by severity and status "
	    "(1)"));
	s = line_text(&l, (size_t)list_find(&l, "  critical"));
	assert_string_equal(s, "  critical            1          0          0"
	    "          0          0       1");
	free(s);
	i = list_find(&l, "  2026-01-01 ");
	assert_true(i > list_find(&l, "Overdue mitigations (due before "
	    "2026-02-01)"));
	assert_ptr_equal(l.lines.v[i].data, k);
	assert_true(list_has(&l, "Accepted risks (0)"));
	/* Coverage: the guideline the threat cites has one risk. */
	want = xasprintf("  %-4s", g);
	i = list_find(&l, want);
	assert_true(i > list_find(&l, "Coverage of the 17 guideline"));
	s = line_text(&l, (size_t)i);
	assert_non_null(strstr(s, "   1 risk    0 mitigated"));
	free(s);
	free(want);
	k->status = RISK_MITIGATED;
	dash_lines(&l, &r, cat, NULL, NULL, "2026-02-01", 80);
	want = xasprintf("  %-4s", g);
	s = line_text(&l, (size_t)list_find(&l, want));
	assert_non_null(strstr(s, "   1 risk    1 mitigated"));
	free(s);
	/* Another risk of the threat counts; one that no longer applies
	   and one of a threat the catalogue lacks do not. */
	risk_register_add(&r, t->id, "backend");
	risk_register_add(&r, t->id, "gone")->applies = 0;
	risk_register_add(&r, "no-such-threat", "llm");
	dash_lines(&l, &r, cat, NULL, NULL, "2026-02-01", 80);
	s = line_text(&l, (size_t)list_find(&l, want));
	assert_non_null(strstr(s, "   2 risks   1 mitigated"));
	free(s);
	free(want);
	/* Seventeen subsections, always. */
	gids = catalogue_guidelines(cat, &ng);
	assert_int_equal(ng, 17);
	for (n = 0; n < ng; n++) {
		want = xasprintf("  %-4s%s", gids[n],
		    catalogue_ref_title(cat, REF_GUIDELINE, gids[n]));
		want[20] = '\0';
		assert_true(list_find(&l, want) > 0);
		free(want);
	}
	vlist_release(&l);
	risk_register_release(&r);
	catalogue_free(cat);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells_cut_by_columns_and_show_escapes),
		cmocka_unit_test(test_wrap_by_words_and_columns),
		cmocka_unit_test(test_list_cursor_skips_headings_and_searches),
		cmocka_unit_test(test_text_search_ignores_ascii_case),
		cmocka_unit_test(test_line_editor_works_in_characters),
		cmocka_unit_test(test_ledit_kill_yank),
		cmocka_unit_test(test_ledit_keys_are_the_table),
		cmocka_unit_test(test_key_table_is_consistent),
		cmocka_unit_test(
		    test_undo_keeps_copies_of_models_and_decisions),
		cmocka_unit_test(test_form_fields_follow_the_kind),
		cmocka_unit_test(test_form_validates_as_you_type),
		cmocka_unit_test(test_form_apply_creates_renames_and_clears),
		cmocka_unit_test(test_form_lists_and_lines),
		cmocka_unit_test(test_walk_resumes_where_the_model_stops),
		cmocka_unit_test(test_walk_questions_as_shown),
		cmocka_unit_test(test_walk_template_reads_history),
		cmocka_unit_test(test_flows_view_marks_crossings_in_words),
		cmocka_unit_test(test_flows_view_grows_as_flows_are_read),
		cmocka_unit_test(test_risk_list_filters_and_sorts),
		cmocka_unit_test(test_risk_list_text_in_threat),
		cmocka_unit_test(test_risk_list_in_slices),
		cmocka_unit_test(test_overdue_uses_the_pinned_clock),
		cmocka_unit_test(test_start_and_history_lines),
		cmocka_unit_test(test_risk_detail_and_dashboard),
		cmocka_unit_test(test_dashboard_and_review_in_slices),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}

/* pick.c: pick lists for enumerations, sets, references and statuses. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/pick.h"

void
pick_init(struct pick *p, const char *title, int multi)
{
	memset(p, 0, sizeof *p);
	p->title = xstrdup(title);
	p->multi = multi;
	vlist_init(&p->list);
}

void
pick_release(struct pick *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].value);
		free(p->v[i].label);
		free(p->v[i].help);
	}
	free(p->v);
	free(p->title);
	vlist_release(&p->list);
	memset(p, 0, sizeof *p);
}

void
pick_add(struct pick *p, const char *value, const char *label,
    const char *help)
{
	struct pick_option	*o;

	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	o = &p->v[p->n++];
	o->value = xstrdup(value);
	o->label = xstrdup(label != NULL ? label : value);
	o->help = help != NULL ? xstrdup(help) : NULL;
	o->ticked = 0;
}

/* 1 if word is one of the comma- or space-separated words of list. */
static int
pick_listed(const char *list, const char *word)
{
	size_t	n = strlen(word), m;

	while (list != NULL && *list != '\0') {
		while (*list == ',' || *list == ' ')
			list++;
		m = strcspn(list, ", ");
		if (m == n && m > 0 && strncmp(list, word, n) == 0)
			return 1;
		list += m;
	}
	return 0;
}

void
pick_add_vocab(struct pick *p, const struct vocab *v, const char *current)
{
	size_t	i;

	for (i = 0; i < v->n; i++) {
		pick_add(p, v->words[i].name, NULL, v->words[i].help);
		if (p->multi)
			p->v[p->n - 1].ticked = pick_listed(current,
			    v->words[i].name);
	}
}

void
pick_build(struct pick *p, int width)
{
	struct vline	*l;
	size_t		 i, cursor = p->list.cursor;
	int		 lw = 0, w;

	for (i = 0; i < p->n; i++) {
		w = text_width(p->v[i].label);
		if (w > lw)
			lw = w;
	}
	if (lw > width / 2)
		lw = width / 2;
	vlist_clear(&p->list);
	for (i = 0; i < p->n; i++) {
		l = vlist_item(&p->list, &p->v[i]);
		if (p->multi)
			vline_add(l, VS_FIELD, p->v[i].ticked ? "[x] " :
			    "[ ] ");
		vline_cell(l, VS_NORMAL, p->v[i].label, lw);
		if (p->v[i].help != NULL) {
			vline_add(l, VS_DIM, "  ");
			vline_add(l, VS_DIM, p->v[i].help);
		}
	}
	p->list.cursor = cursor;
	vlist_fix(&p->list);
}

void
pick_select(struct pick *p, const char *value)
{
	size_t	i;

	for (i = 0; value != NULL && i < p->n; i++) {
		if (strcmp(p->v[i].value, value) == 0) {
			p->list.cursor = i;
			return;
		}
	}
}

const struct pick_option *
pick_current(const struct pick *p)
{
	if (p->list.cursor >= p->n)
		return NULL;
	return &p->v[p->list.cursor];
}

/* ASCII lower case. */
static int
pick_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 if option i's label starts with the n bytes of s (ASCII case aside). */
static int
pick_starts(const struct pick *p, size_t i, const char *s, size_t n)
{
	const char	*l = p->v[i].label;
	size_t		 k;

	for (k = 0; k < n; k++)
		if (l[k] == '\0' || pick_lower((unsigned char)l[k]) != s[k])
			return 0;
	return 1;
}

int
pick_jump(struct pick *p, int c)
{
	size_t	i, k, from;

	if (p->n == 0)
		return -1;
	c = pick_lower(c);
	if (p->ntyped + 1 < sizeof p->typed) {
		/*
		 * A first letter looks past the selected option, which Enter
		 * already chooses: with "proposed" selected, p means
		 * "planned". Letters after it look from the option they
		 * reached, so "proposed" typed on comes back to it.
		 */
		from = p->ntyped == 0 ? p->list.cursor + 1 : p->list.cursor;
		p->typed[p->ntyped++] = (char)c;
		for (k = 0; k < p->n; k++) {
			i = (from + k) % p->n;
			if (pick_starts(p, i, p->typed, p->ntyped)) {
				p->list.cursor = i;
				return 0;
			}
		}
	}
	p->typed[0] = (char)c;
	p->ntyped = 1;
	for (k = 1; k <= p->n; k++) {
		i = (p->list.cursor + k) % p->n;
		if (pick_starts(p, i, p->typed, 1)) {
			p->list.cursor = i;
			return 0;
		}
	}
	p->ntyped = 0;
	return -1;
}

void
pick_typed_reset(struct pick *p)
{
	p->ntyped = 0;
}

void
pick_toggle(struct pick *p)
{
	if (!p->multi || p->list.cursor >= p->n)
		return;
	p->v[p->list.cursor].ticked = !p->v[p->list.cursor].ticked;
	p->toggled = 1;
}

char *
pick_result(const struct pick *p)
{
	struct buf			 b;
	const struct pick_option	*o = pick_current(p);
	size_t				 i;

	if (!p->multi)
		return xstrdup(o != NULL ? o->value : "");
	/*
	 * Enter on a value with nothing ticked chooses it, as a list of one
	 * choice does; only ticks taken off here leave the field empty.
	 */
	for (i = 0; i < p->n && !p->v[i].ticked; i++)
		continue;
	if (i == p->n && !p->toggled && !p->none_ok)
		return xstrdup(o != NULL ? o->value : "");
	buf_init(&b);
	for (i = 0; i < p->n; i++) {
		if (!p->v[i].ticked)
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, p->v[i].value);
	}
	return buf_detach(&b);
}

/* vocab.c: the words of model format 1 with their help text. */
#include "config.h"

#include <string.h>

#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

/* One entry of a table, at its enum's index. */
#define VOCAB_WORD(e, name, help)	[e] = { name, help, NULL },
#define VOCAB_LABELLED(e, name, help, label) \
	[e] = { name, help, label },
/* A vocabulary's table of words, from its list (VOCAB_TABLES). */
#define VOCAB_DEFINE(var, what, list, entry, count) \
	static const struct word var##_words[] = { list(entry) }; \
	const struct vocab var = { what, var##_words, \
	    sizeof var##_words / sizeof var##_words[0] };

VOCAB_TABLES(VOCAB_DEFINE)

int
vocab_find(const struct vocab *v, const char *name)
{
	size_t	i;

	/* The first letter before a call: a million objects' words each. */
	for (i = 0; i < v->n; i++)
		if (v->words[i].name[0] == name[0] &&
		    strcmp(v->words[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *
vocab_name(const struct vocab *v, int i)
{
	if (i < 0 || (size_t)i >= v->n)
		return NULL;
	return v->words[i].name;
}

const char *
vocab_label(const struct vocab *v, int i)
{
	if (i < 0 || (size_t)i >= v->n)
		return "?";
	return v->words[i].label != NULL ? v->words[i].label :
	    v->words[i].name;
}

const char *
vocab_suggest(const struct vocab *v, const char *w)
{
	const char	*names[64];
	size_t		 i, n = v->n < 63 ? v->n : 63;

	for (i = 0; i < n; i++)
		names[i] = v->words[i].name;
	names[n] = NULL;
	return text_suggest(w, names);
}

void
vocab_list(const struct vocab *v, struct buf *b)
{
	size_t	i;

	for (i = 0; i < v->n; i++) {
		if (i > 0)
			buf_adds(b, i + 1 == v->n ? " or " : ", ");
		buf_addf(b, "'%s'", v->words[i].name);
	}
}

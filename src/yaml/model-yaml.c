/* model-yaml.c: model files of format 1, read from YAML (written by
 * model-yaml-write.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/model.h"
#include "model/risk.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

/* The top-level keys of a model file, in the order the writer uses. */
static const char *const model_yaml_sections[] = {
	"parapet", "system", "boundaries", "components", "flows", "practices",
	"decisions", NULL
};

/* The keys of a practice answer written as a mapping. */
static const char *const model_yaml_practice_keys[] = {
	"answer", "note", NULL
};

/* The keys of a risk's decision and of a mitigation's, in writer order. */
static const char *const model_yaml_decision_keys[] = {
	"status", "owner", "justification", "mitigations", NULL
};
static const char *const model_yaml_mitigation_keys[] = {
	"status", "owner", "due", "notes", NULL
};

/* What the reader works on. */
struct model_yaml_reader {
	const struct ydoc	*doc;	/* for positions in messages */
	struct model		*m;	/* being built */
	struct model_decisions	*dec;	/* the decisions read */
	struct error		*err;	/* the error being made: &scratch */
	struct error		 scratch;
	struct errors		*errs;	/* the errors kept: model_yaml_keep() */
	/* Objects not read because of an error, for model_index_all(). */
	struct model_unread	*unread;
	size_t			 nunread;
};

static void model_yaml_visible_error(struct error *);

/*
 * Keep the error being made, if any, and go on reading: the reader reports
 * every error that does not follow from an earlier one.
 */
static void
model_yaml_keep(struct model_yaml_reader *r)
{
	if (!error_isset(r->err))
		return;
	model_yaml_visible_error(r->err);
	errors_add(r->errs, r->err);
	error_clear(r->err);
}

/* Remember an object of the file that was not read, and its id if any. */
static void
model_yaml_unread(struct model_yaml_reader *r, const struct ynode *map,
    enum objtype t)
{
	const struct ynode	*id = map != NULL && map->type == YNODE_MAP ?
				    ynode_get(map, "id") : NULL;

	if (t != OBJ_SYSTEM && (id == NULL || id->type != YNODE_SCALAR))
		return;
	r->unread = xreallocarray(r->unread, r->nunread + 1,
	    sizeof *r->unread);
	r->unread[r->nunread].id = id != NULL && id->type == YNODE_SCALAR ?
	    id->value : "";
	r->unread[r->nunread++].type = t;
}

/*
 * The known word nearest to w: one with two neighbouring letters swapped
 * ("kidn" for "kind") first, which plain edit distance ranks no better
 * than a shorter word ("id"); else text_suggest()'s pick. Borrowed.
 */
static const char *
model_yaml_suggest(const char *w, const char *const *words)
{
	const char *const	*p;
	size_t			 len = strlen(w), i;

	for (p = words; len > 1 && *p != NULL; p++) {
		if (strlen(*p) != len)
			continue;
		for (i = 0; i + 1 < len && w[i] == (*p)[i]; i++)
			;
		if (i + 1 < len && w[i] == (*p)[i + 1] &&
		    w[i + 1] == (*p)[i] && strcmp(w + i + 2, *p + i + 2) == 0)
			return *p;
	}
	return text_suggest(w, words);
}

/* 1 if a node is YAML's null: an empty, '~' or 'null' plain scalar. */
static int
model_yaml_null(const struct ynode *n)
{
	if (n->type != YNODE_SCALAR || !n->plain)
		return 0;
	/* By length first: nearly every value is not null. */
	switch (n->len) {
	case 0:
		return 1;
	case 1:
		return n->value[0] == '~';
	case 4:
		return strcmp(n->value, "null") == 0 ||
		    strcmp(n->value, "Null") == 0 ||
		    strcmp(n->value, "NULL") == 0;
	}
	return 0;
}

/* "'what' must be EXPECTED, not a list" (or "is empty"). Returns -1. */
static int
model_yaml_type_error(struct model_yaml_reader *r, const struct ynode *n,
    const char *what, const char *expected)
{
	if (model_yaml_null(n))
		return ynode_error(r->doc, n, r->err, "'%s' is empty (expected "
		    "%s)", what, expected);
	return ynode_error(r->doc, n, r->err, "'%s' must be %s, not %s", what,
	    expected, ynode_type_name(n));
}

/* Give an error from field_set() the position of the node it is about. */
static int
model_yaml_locate(struct model_yaml_reader *r, const struct ynode *n)
{
	error_locate(r->err, r->doc->file, n->line, n->col);
	return -1;
}

/* Check an identifier read from a node; what names it in messages. */
static int
model_yaml_check_id(struct model_yaml_reader *r, const struct ynode *n,
    const char *what)
{
	if (text_has_control(n->value))
		return ynode_error(r->doc, n, r->err, "invalid %s id: control "
		    "characters are not allowed in identifiers", what);
	if (!id_valid(n->value))
		return ynode_error(r->doc, n, r->err, "invalid %s id '%s' "
		    "(" ID_RULE ")", what, n->value);
	return 0;
}

/* An unknown key in an object: suggest the nearest field name. */
static int
model_yaml_unknown_field(struct model_yaml_reader *r, const struct ynode *k,
    enum objtype t)
{
	const struct field	*fields;
	const char		**names, *near;
	size_t			  n, i;

	fields = model_fields(t, &n);
	names = xcalloc(n + 1, sizeof *names);
	for (i = 0; i < n; i++)
		names[i] = fields[i].name;
	near = model_yaml_suggest(k->value, names);
	if (near != NULL)
		ynode_error(r->doc, k, r->err, "unknown %s field '%s' (did you "
		    "mean '%s'?)", objtype_name(t), k->value, near);
	else
		ynode_error(r->doc, k, r->err, "unknown %s field '%s' (see "
		    "parapet-model(5) for the fields of a %s)",
		    objtype_name(t), k->value, objtype_name(t));
	free(names);
	return -1;
}

/* A kind-specific field on a component of another kind. */
static int
model_yaml_not_applicable(struct model_yaml_reader *r, const struct ynode *k,
    const struct field *f, int kind)
{
	struct buf	b;
	size_t		i, n = 0, total = 0;

	for (i = 0; i < vocab_kind.n; i++)
		if (field_applies(f, (int)i))
			total++;
	buf_init(&b);
	for (i = 0; i < vocab_kind.n; i++) {
		if (!field_applies(f, (int)i))
			continue;
		if (n > 0)
			buf_adds(&b, n + 1 == total ? " and " : ", ");
		buf_adds(&b, vocab_kind.words[i].name);
		n++;
	}
	ynode_error(r->doc, k, r->err, "'%s' does not apply to a component of "
	    "kind '%s' (it applies to %s)", f->name, vocab_name(&vocab_kind,
	    kind), b.s);
	buf_release(&b);
	return -1;
}

/* An unknown word for a field, worded as field_set() words it. */
static int
model_yaml_bad_word(struct model_yaml_reader *r, const struct ynode *n,
    const struct vocab *v, const char *field)
{
	const char	*near = vocab_suggest(v, n->value);
	struct buf	 b;

	if (near != NULL)
		return ynode_error(r->doc, n, r->err, "unknown %s '%s' for "
		    "'%s' (did you mean '%s'?)", v->name, n->value, field,
		    near);
	buf_init(&b);
	vocab_list(v, &b);
	ynode_error(r->doc, n, r->err, "unknown %s '%s' for '%s' (expected %s)",
	    v->name, n->value, field, b.s);
	buf_release(&b);
	return -1;
}

/* A list of words (data classes, watched signals): a list or one word. */
static int
model_yaml_words(struct model_yaml_reader *r, void *obj, const struct field *f,
    const struct ynode *v)
{
	const struct ynode	*item;
	struct buf		 b;
	unsigned		 bits = 0;
	size_t			 i, nitems;
	int			 w, rc;

	if (model_yaml_null(v))
		return field_set(obj, f, NULL, r->err);
	if (v->type == YNODE_MAP)
		return model_yaml_type_error(r, v, f->name, "a list of words");
	nitems = v->type == YNODE_SEQ ? v->n : 1;
	for (i = 0; i < nitems; i++) {
		item = v->type == YNODE_SEQ ? v->items[i] : v;
		if (item->type != YNODE_SCALAR)
			return ynode_error(r->doc, item, r->err, "each item of "
			    "'%s' must be one word, not %s", f->name,
			    ynode_type_name(item));
		if ((w = vocab_find(f->vocab, item->value)) == -1)
			return model_yaml_bad_word(r, item, f->vocab,
			    f->name);
		if (bits & (1u << w))
			return ynode_error(r->doc, item, r->err, "%s '%s' is "
			    "listed twice in '%s'", f->vocab->name,
			    item->value, f->name);
		bits |= 1u << w;
	}
	/* The words are known now: let the field table store them. */
	buf_init(&b);
	for (i = 0; i < f->vocab->n; i++) {
		if ((bits & (1u << i)) == 0)
			continue;
		if (b.len > 0)
			buf_addc(&b, ',');
		buf_adds(&b, f->vocab->words[i].name);
	}
	rc = field_set(obj, f, b.s, r->err);
	buf_release(&b);
	return rc == -1 ? model_yaml_locate(r, v) : 0;
}

/* A boolean: true, false, yes or no, unquoted. */
static int
model_yaml_bool(struct model_yaml_reader *r, void *obj, const struct field *f,
    const struct ynode *v)
{
	static const char *const words[] = { "true", "false", "yes", "no" };
	size_t	i;

	if (v->type != YNODE_SCALAR)
		return ynode_error(r->doc, v, r->err, "'%s' must be true, "
		    "false, yes or no, not %s", f->name, ynode_type_name(v));
	if (model_yaml_null(v))
		return ynode_error(r->doc, v, r->err, "'%s' is empty: write "
		    "true, false, yes or no, or leave it out while it is not "
		    "known", f->name);
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(v->value, words[i]) != 0)
			continue;
		if (!v->plain)
			return ynode_error(r->doc, v, r->err, "'%s' must be "
			    "true, false, yes or no without quotes", f->name);
		if (field_set(obj, f, v->value, r->err) == -1)
			return model_yaml_locate(r, v);
		return 0;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(v->value, words[i]) == 0)
			return ynode_error(r->doc, v, r->err, "'%s' must be "
			    "true, false, yes or no, in lower case, not '%s'",
			    f->name, v->value);
	return ynode_error(r->doc, v, r->err, "'%s' must be true, false, yes "
	    "or no, not '%s' (leave it out while it is not known)", f->name,
	    v->value);
}

/* Set one field of an object from its node. */
static int
model_yaml_field(struct model_yaml_reader *r, void *obj, enum objtype t,
    const struct field *f, const struct ynode *v)
{
	const char	*text;

	switch (f->type) {
	case FIELD_BOOL:
		return model_yaml_bool(r, obj, f, v);
	case FIELD_SET:
		return model_yaml_words(r, obj, f, v);
	case FIELD_TEXT:
		if (v->type != YNODE_SCALAR)
			return model_yaml_type_error(r, v, f->name, "text");
		break;
	case FIELD_ID:
	case FIELD_REF:
		if (v->type != YNODE_SCALAR)
			return model_yaml_type_error(r, v, f->name,
			    "an identifier");
		if (model_yaml_null(v))
			break;
		if (f->type == FIELD_ID) {
			if (model_yaml_check_id(r, v, objtype_name(t)) == -1)
				return -1;
		} else if (text_has_control(v->value))
			return ynode_error(r->doc, v, r->err, "'%s' holds a "
			    "control character (not allowed in identifiers)",
			    f->name);
		break;
	case FIELD_KIND:
	case FIELD_ENUM:
		if (v->type != YNODE_SCALAR)
			return model_yaml_type_error(r, v, f->name, "one word");
		break;
	}
	text = model_yaml_null(v) ? NULL : v->value;
	if (field_set(obj, f, text, r->err) == -1)
		return model_yaml_locate(r, v);
	return 0;
}

/* "component 'llm'" or "component" when the id is not usable. */
static void
model_yaml_what(struct buf *b, enum objtype t, const struct ynode *map)
{
	const struct ynode	*id = ynode_get(map, "id");

	buf_adds(b, objtype_name(t));
	if (id != NULL && id->type == YNODE_SCALAR && id_valid(id->value))
		buf_addf(b, " '%s'", id->value);
}

/* Create a component from its mapping: its kind must be known first. */
static struct component *
model_yaml_new_component(struct model_yaml_reader *r, const struct ynode *map)
{
	const struct ynode	*v = ynode_get(map, "kind");
	struct component	*c;
	struct buf		 what;

	if (v == NULL || model_yaml_null(v)) {
		buf_init(&what);
		model_yaml_what(&what, OBJ_COMPONENT, map);
		ynode_error(r->doc, v != NULL ? v : map, r->err, "%s has no "
		    "'kind'", what.s);
		buf_release(&what);
		return NULL;
	}
	c = model_add_component(r->m, "", -1);
	free(c->id);
	c->id = NULL;
	if (model_yaml_field(r, c, OBJ_COMPONENT,
	    model_field(OBJ_COMPONENT, "kind"), v) == -1) {
		model_drop_last(r->m, OBJ_COMPONENT);
		return NULL;
	}
	return c;
}

/* Keys of an object whose fields are looked up once, not twice. */
#define MODEL_YAML_KEYS_KEPT	32

/*
 * Read a system, boundary, component or flow from its mapping. Its errors
 * are kept, each field's on its own; an object with any is left out of the
 * model and remembered as unread.
 */
static int
model_yaml_object(struct model_yaml_reader *r, const struct ynode *map,
    enum objtype t)
{
	const struct field	*f, *fields[MODEL_YAML_KEYS_KEPT];
	const struct ynode	*k, *v;
	struct srcpos		*pos, *refpos;
	struct component	*c = NULL;
	struct boundary		*b;
	struct flow		*fl = NULL;
	const struct ynode	*renamed = NULL;	/* renamed-from */
	void			*obj = NULL;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < YNODE_PAIRS(map); i++) {
		k = YNODE_KEY(map, i);
		f = NULL;
		if (t != OBJ_SYSTEM &&
		    strcmp(k->value, MODEL_RENAMED_FROM) == 0) {
			renamed = YNODE_VAL(map, i);
			if (renamed->type != YNODE_SCALAR) {
				model_yaml_type_error(r, renamed,
				    MODEL_RENAMED_FROM, "an identifier");
				renamed = NULL;
			} else if (model_yaml_check_id(r, renamed,
			    "renamed-from") == -1)
				renamed = NULL;
		} else if ((f = model_field(t, k->value)) == NULL)
			model_yaml_unknown_field(r, k, t);
		if (i < MODEL_YAML_KEYS_KEPT)
			fields[i] = f;
		if (error_isset(r->err)) {
			model_yaml_keep(r);
			bad = 1;
		}
	}
	switch (t) {
	case OBJ_SYSTEM:
		obj = &r->m->system;
		pos = &r->m->system.pos;
		break;
	case OBJ_BOUNDARY:
		b = model_add_boundary(r->m, "");
		free(b->id);
		b->id = NULL;
		obj = b;
		pos = &b->pos;
		break;
	case OBJ_COMPONENT:
		/* A misspelt 'kind' was reported: its absence follows. */
		if (bad && ynode_get(map, "kind") == NULL) {
			model_yaml_unread(r, map, t);
			return -1;
		}
		/* Which fields apply follows from the kind: none without. */
		if ((c = model_yaml_new_component(r, map)) == NULL) {
			model_yaml_keep(r);
			model_yaml_unread(r, map, t);
			return -1;
		}
		obj = c;
		pos = &c->pos;
		break;
	case OBJ_FLOW:
		fl = model_add_flow(r->m, "", NULL, NULL);
		free(fl->id);
		fl->id = NULL;
		obj = fl;
		pos = &fl->pos;
		break;
	default:
		return -1;
	}
	pos->line = map->line;
	pos->col = map->col;
	for (i = 0; i < YNODE_PAIRS(map); i++) {
		k = YNODE_KEY(map, i);
		v = YNODE_VAL(map, i);
		if ((f = i < MODEL_YAML_KEYS_KEPT ? fields[i] :
		    model_field(t, k->value)) == NULL)
			continue;	/* renamed-from */
		if (f->type == FIELD_KIND)
			continue;	/* set when the component was made */
		if (c != NULL && !field_applies(f, c->kind)) {
			model_yaml_not_applicable(r, k, f, c->kind);
			model_yaml_keep(r);
			bad = 1;
			continue;
		}
		if (model_yaml_field(r, obj, t, f, v) == -1) {
			model_yaml_keep(r);
			bad = 1;
			continue;
		}
		refpos = NULL;
		if (c != NULL && strcmp(f->name, "boundary") == 0)
			refpos = &c->boundary_pos;
		else if (fl != NULL && strcmp(f->name, "from") == 0)
			refpos = &fl->from_pos;
		else if (fl != NULL && strcmp(f->name, "to") == 0)
			refpos = &fl->to_pos;
		if (refpos != NULL) {
			refpos->line = v->line;
			refpos->col = v->col;
		}
	}
	if (bad) {
		model_yaml_unread(r, map, t);
		if (t != OBJ_SYSTEM)
			model_drop_last(r->m, t);
		return -1;
	}
	/* Every object struct begins with its id. */
	if (renamed != NULL && *(char **)obj != NULL &&
	    strcmp(renamed->value, *(char **)obj) != 0)
		model_note_rename(r->m, renamed->value, *(char **)obj);
	return 0;
}

/*
 * Read the list of one section: boundaries, components or flows. The errors
 * of each item are kept and the next item read.
 */
static int
model_yaml_list(struct model_yaml_reader *r, const struct ynode *k,
    const struct ynode *v, enum objtype t)
{
	size_t	i;

	if (model_yaml_null(v))
		return 0;
	if (v->type != YNODE_SEQ)
		return model_yaml_type_error(r, v, k->value, "a list");
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->type != YNODE_MAP) {
			ynode_error(r->doc, v->items[i], r->err, "each "
			    "item of '%s' must be a mapping, not %s", k->value,
			    ynode_type_name(v->items[i]));
			model_yaml_keep(r);
			continue;
		}
		model_yaml_object(r, v->items[i], t);
	}
	return 0;
}

/* yes, no or unknown, for the practice id. */
static int
model_yaml_answer(struct model_yaml_reader *r, const struct ynode *v,
    const char *id, enum tri *answer)
{
	int	i;

	if (v->type != YNODE_SCALAR || model_yaml_null(v) ||
	    (i = vocab_find(&vocab_answer, v->value)) == -1) {
		if (v->type != YNODE_SCALAR)
			return ynode_error(r->doc, v, r->err, "the answer to "
			    "practice '%s' must be yes, no or unknown, not %s",
			    id, ynode_type_name(v));
		if (v->type == YNODE_SCALAR && !model_yaml_null(v) &&
		    (strcasecmp(v->value, "yes") == 0 ||
		    strcasecmp(v->value, "no") == 0 ||
		    strcasecmp(v->value, "unknown") == 0))
			return ynode_error(r->doc, v, r->err, "the answer to "
			    "practice '%s' must be yes, no or unknown, in lower "
			    "case, not '%s'", id, v->value);
		return ynode_error(r->doc, v, r->err, "the answer to practice "
		    "'%s' must be yes, no or unknown, not '%s'", id, v->value);
	}
	switch (i) {
	case 2:
		*answer = TRI_YES;
		break;
	case 1:
		*answer = TRI_NO;
		break;
	default:
		*answer = TRI_UNKNOWN;
		break;
	}
	return 0;
}

/* One practice answer: a word, or a mapping with 'answer' and 'note'. */
static int
model_yaml_practice(struct model_yaml_reader *r, const struct ynode *k,
    const struct ynode *v)
{
	const struct ynode	*ans = NULL, *note = NULL, *key;
	struct practice		*p;
	const char		*near;
	enum tri		 answer = TRI_UNKNOWN;
	size_t			 i;

	if (model_yaml_check_id(r, k, "practice") == -1)
		return -1;
	if (v->type == YNODE_SEQ)
		return ynode_error(r->doc, v, r->err, "practice '%s' must be "
		    "answered yes, no or unknown, or with a mapping of "
		    "'answer' and 'note', not a list", k->value);
	if (v->type == YNODE_SCALAR)
		ans = v;
	for (i = 0; v->type == YNODE_MAP && i < YNODE_PAIRS(v); i++) {
		key = YNODE_KEY(v, i);
		if (strcmp(key->value, "answer") == 0)
			ans = YNODE_VAL(v, i);
		else if (strcmp(key->value, "note") == 0)
			note = YNODE_VAL(v, i);
		else if ((near = model_yaml_suggest(key->value,
		    model_yaml_practice_keys)) != NULL)
			return ynode_error(r->doc, key, r->err, "unknown "
			    "practice field '%s' (did you mean '%s'?)",
			    key->value, near);
		else
			return ynode_error(r->doc, key, r->err, "unknown "
			    "practice field '%s' (expected 'answer' or 'note')",
			    key->value);
	}
	if (ans == NULL)
		return ynode_error(r->doc, v, r->err, "practice '%s' has no "
		    "'answer'", k->value);
	if (model_yaml_answer(r, ans, k->value, &answer) == -1)
		return -1;
	if (note != NULL && note->type != YNODE_SCALAR)
		return model_yaml_type_error(r, note, "note", "text");
	p = model_add_practice(r->m, k->value, answer);
	p->pos.line = k->line;
	p->pos.col = k->col;
	if (note != NULL && !model_yaml_null(note) && note->len > 0)
		p->note = xstrdup(note->value);
	return 0;
}

/* The practices section: practice question id -> answer. */
static int
model_yaml_practices(struct model_yaml_reader *r, const struct ynode *v)
{
	size_t	i;

	if (model_yaml_null(v))
		return 0;
	if (v->type != YNODE_MAP)
		return model_yaml_type_error(r, v, "practices", "a mapping");
	if (YNODE_PAIRS(v) > MODEL_YAML_MAX_PRACTICES)
		return ynode_error(r->doc, v, r->err, "more than %d practice "
		    "answers", MODEL_YAML_MAX_PRACTICES);
	for (i = 0; i < YNODE_PAIRS(v); i++)
		if (model_yaml_practice(r, YNODE_KEY(v, i),
		    YNODE_VAL(v, i)) == -1)
			model_yaml_keep(r);
	return 0;
}

/* An unknown key of a decision or a mitigation: suggest the nearest. */
static int
model_yaml_unknown_key(struct model_yaml_reader *r, const struct ynode *k,
    const char *what, const char *const *keys)
{
	const char	*near;
	struct buf	 b;
	size_t		 j;

	if ((near = model_yaml_suggest(k->value, keys)) != NULL)
		return ynode_error(r->doc, k, r->err, "unknown %s field '%s' "
		    "(did you mean '%s'?)", what, k->value, near);
	buf_init(&b);
	for (j = 0; keys[j] != NULL; j++) {
		if (j > 0)
			buf_adds(&b, keys[j + 1] == NULL ? " or " : ", ");
		buf_addf(&b, "'%s'", keys[j]);
	}
	ynode_error(r->doc, k, r->err, "unknown %s field '%s' (expected %s)",
	    what, k->value, b.s);
	buf_release(&b);
	return -1;
}

/* Every key of a mapping is one of keys. */
static int
model_yaml_known_keys(struct model_yaml_reader *r, const struct ynode *map,
    const char *what, const char *const *keys)
{
	size_t	i, j;

	for (i = 0; i < YNODE_PAIRS(map); i++) {
		for (j = 0; keys[j] != NULL; j++)
			if (strcmp(keys[j], YNODE_KEY(map, i)->value) == 0)
				break;
		if (keys[j] == NULL)
			return model_yaml_unknown_key(r, YNODE_KEY(map, i),
			    what, keys);
	}
	return 0;
}

/* A text of a decision into *out: NULL when empty. */
static int
model_yaml_decision_text(struct model_yaml_reader *r, const struct ynode *v,
    const char *name, char **out)
{
	*out = NULL;
	if (v == NULL || model_yaml_null(v))
		return 0;
	if (v->type != YNODE_SCALAR)
		return model_yaml_type_error(r, v, name, "text");
	if (v->len > 0)
		*out = xstrdup(v->value);
	return 0;
}

/* A status word of a vocabulary into *out. */
static int
model_yaml_status(struct model_yaml_reader *r, const struct ynode *v,
    const struct vocab *voc, int *out)
{
	if (v->type != YNODE_SCALAR || model_yaml_null(v))
		return model_yaml_type_error(r, v, "status", "one word");
	if ((*out = vocab_find(voc, v->value)) == -1)
		return model_yaml_bad_word(r, v, voc, "status");
	return 0;
}

/* The decision on one mitigation of a risk: a mapping with its status. */
static int
model_yaml_mitigation(struct model_yaml_reader *r, struct risk *k,
    const char *name, const struct ynode *key, const struct ynode *v)
{
	struct risk_mitigation	*rm;
	const struct ynode	*st, *due;
	int			 status;

	if (model_yaml_check_id(r, key, "mitigation") == -1)
		return -1;
	if (v->type != YNODE_MAP) {
		if (model_yaml_null(v))
			return ynode_error(r->doc, v, r->err, "the decision on "
			    "mitigation '%s' of risk '%s' is empty (expected "
			    "a mapping with its 'status')", key->value, name);
		return ynode_error(r->doc, v, r->err, "the decision on "
		    "mitigation '%s' of risk '%s' must be a mapping with its "
		    "'status', not %s", key->value, name, ynode_type_name(v));
	}
	if (model_yaml_known_keys(r, v, "mitigation",
	    model_yaml_mitigation_keys) == -1)
		return -1;
	if ((st = ynode_get(v, "status")) == NULL)
		return ynode_error(r->doc, v, r->err, "the decision on "
		    "mitigation '%s' of risk '%s' has no 'status'", key->value,
		    name);
	if (model_yaml_status(r, st, &vocab_mitigation_status, &status) == -1)
		return -1;
	due = ynode_get(v, "due");
	if (due != NULL && !model_yaml_null(due) &&
	    (due->type != YNODE_SCALAR ||
	    (due->len > 0 && !risk_date_valid(due->value)))) {
		if (due->type != YNODE_SCALAR)
			return model_yaml_type_error(r, due, "due", "a date");
		return ynode_error(r->doc, due, r->err, "invalid due date '%s' "
		    "for mitigation '%s' (expected a real date as YYYY-MM-DD)",
		    due->value, key->value);
	}
	rm = risk_add_mitigation(k, key->value);
	rm->status = status;
	if (model_yaml_decision_text(r, ynode_get(v, "owner"), "owner",
	    &rm->owner) == -1 ||
	    model_yaml_decision_text(r, due, "due", &rm->due) == -1 ||
	    model_yaml_decision_text(r, ynode_get(v, "notes"), "notes",
	    &rm->notes) == -1)
		return -1;
	return 0;
}

/*
 * The parts of a risk key, THREAT@TARGET, each a valid identifier (the
 * caller's to free).
 */
static int
model_yaml_risk_key(struct model_yaml_reader *r, const struct ynode *k,
    char **threat, char **target)
{
	*threat = *target = NULL;
	if (text_has_control(k->value))
		return ynode_error(r->doc, k, r->err, "invalid risk name: "
		    "control characters are not allowed in identifiers");
	if (risk_parse_name(k->value, threat, target) == -1)
		return ynode_error(r->doc, k, r->err, "invalid risk name '%s' "
		    "(expected THREAT@TARGET, as 'parapet risks' prints it)",
		    k->value);
	if (!id_valid(*threat))
		return ynode_error(r->doc, k, r->err, "invalid threat id '%s' "
		    "in risk '%s' (" ID_RULE ")", *threat, k->value);
	if (!id_valid(*target))
		return ynode_error(r->doc, k, r->err, "invalid target id '%s' "
		    "in risk '%s' (" ID_RULE ")", *target, k->value);
	return 0;
}

/* The decision on one risk: status, owner, justification, mitigations. */
static int
model_yaml_decision(struct model_yaml_reader *r, const struct ynode *key,
    const struct ynode *v)
{
	struct model_decision_pos	*pos;
	const struct ynode		*st, *mits;
	struct risk			*k;
	char				*threat, *target;
	size_t				 j;
	int				 status, rc = -1;

	if (model_yaml_risk_key(r, key, &threat, &target) == -1)
		goto out;
	if (v->type != YNODE_MAP) {
		if (model_yaml_null(v))
			ynode_error(r->doc, v, r->err, "the decision on risk "
			    "'%s' is empty (expected a mapping with its "
			    "'status')", key->value);
		else
			ynode_error(r->doc, v, r->err, "the decision on risk "
			    "'%s' must be a mapping with its 'status', not %s",
			    key->value, ynode_type_name(v));
		goto out;
	}
	if (model_yaml_known_keys(r, v, "decision",
	    model_yaml_decision_keys) == -1)
		goto out;
	if ((st = ynode_get(v, "status")) == NULL) {
		ynode_error(r->doc, v, r->err, "the decision on risk '%s' has "
		    "no 'status'", key->value);
		goto out;
	}
	if (model_yaml_status(r, st, &vocab_risk_status, &status) == -1)
		goto out;
	mits = ynode_get(v, "mitigations");
	if (mits != NULL && !model_yaml_null(mits) && mits->type != YNODE_MAP) {
		model_yaml_type_error(r, mits, "mitigations", "a mapping");
		goto out;
	}
	pos = &r->dec->pos[r->dec->reg.n];
	k = risk_register_add(&r->dec->reg, threat, target);
	k->status = status;
	pos->risk.line = key->line;
	pos->risk.col = key->col;
	if (model_yaml_decision_text(r, ynode_get(v, "owner"), "owner",
	    &k->owner) == -1 ||
	    model_yaml_decision_text(r, ynode_get(v, "justification"),
	    "justification", &k->justification) == -1)
		goto out;
	if (k->justification == NULL &&
	    (status == RISK_ACCEPTED || status == RISK_NOT_APPLICABLE)) {
		if (status == RISK_ACCEPTED)
			ynode_error(r->doc, st, r->err, "accepting risk '%s' "
			    "requires a 'justification'", key->value);
		else
			ynode_error(r->doc, st, r->err, "marking risk '%s' not "
			    "applicable requires a 'justification'",
			    key->value);
		goto out;
	}
	if (mits != NULL && mits->type == YNODE_MAP) {
		pos->mitigations = xcalloc(YNODE_PAIRS(mits) + 1,
		    sizeof *pos->mitigations);
		for (j = 0; j < YNODE_PAIRS(mits); j++) {
			if (model_yaml_mitigation(r, k, key->value,
			    YNODE_KEY(mits, j), YNODE_VAL(mits, j)) == -1)
				goto out;
			pos->mitigations[j].line = YNODE_KEY(mits, j)->line;
			pos->mitigations[j].col = YNODE_KEY(mits, j)->col;
		}
	}
	rc = 0;
out:
	free(threat);
	free(target);
	return rc;
}

/* The decisions section: THREAT@TARGET -> decision. */
static int
model_yaml_decisions(struct model_yaml_reader *r, const struct ynode *v)
{
	size_t	i;

	if (model_yaml_null(v))
		return 0;
	if (v->type != YNODE_MAP)
		return model_yaml_type_error(r, v, "decisions", "a mapping");
	r->dec->pos = xcalloc(YNODE_PAIRS(v) + 1, sizeof *r->dec->pos);
	for (i = 0; i < YNODE_PAIRS(v); i++)
		if (model_yaml_decision(r, YNODE_KEY(v, i),
		    YNODE_VAL(v, i)) == -1)
			model_yaml_keep(r);
	return 0;
}

/* The 'parapet' key: the format of the file, which must be 1. */
static int
model_yaml_format(struct model_yaml_reader *r, const struct ynode *root)
{
	const struct ynode	*v = ynode_get(root, "parapet");

	if (v == NULL)
		return ynode_error(r->doc, root, r->err, "missing 'parapet: 1' "
		    "(a Parapet model file starts with the format it is "
		    "written in)");
	if (v->type != YNODE_SCALAR || model_yaml_null(v))
		return model_yaml_type_error(r, v, "parapet",
		    "the format number 1");
	if (strcmp(v->value, "1") != 0)
		return ynode_error(r->doc, v, r->err, "unsupported model "
		    "format '%s' (this Parapet reads format %d)", v->value,
		    MODEL_FORMAT);
	return 0;
}

/*
 * Read every section of the root mapping, in file order, keeping the errors
 * of each; then resolve references, leaving out those to what was not read.
 * A file that is not a model of format 1 gets one error: the rest would be
 * noise.
 */
static int
model_yaml_root(struct model_yaml_reader *r, const struct ynode *root)
{
	const struct ynode	*k, *v;
	const char		*near;
	struct buf		 b;
	size_t			 i, j;

	if (root->type != YNODE_MAP)
		return ynode_error(r->doc, root, r->err, "a model must be a "
		    "mapping that starts with 'parapet: 1', not %s",
		    ynode_type_name(root));
	if (model_yaml_format(r, root) == -1)
		return -1;
	for (i = 0; i < YNODE_PAIRS(root); i++) {
		k = YNODE_KEY(root, i);
		for (j = 0; model_yaml_sections[j] != NULL; j++)
			if (strcmp(model_yaml_sections[j], k->value) == 0)
				break;
		if (model_yaml_sections[j] != NULL)
			continue;
		near = model_yaml_suggest(k->value, model_yaml_sections);
		if (near != NULL) {
			ynode_error(r->doc, k, r->err, "unknown top-level key "
			    "'%s' (did you mean '%s'?)", k->value, near);
			model_yaml_keep(r);
			continue;
		}
		buf_init(&b);
		for (j = 0; model_yaml_sections[j] != NULL; j++) {
			if (j > 0)
				buf_adds(&b, model_yaml_sections[j + 1] ==
				    NULL ? " or " : ", ");
			buf_addf(&b, "'%s'", model_yaml_sections[j]);
		}
		ynode_error(r->doc, k, r->err, "unknown top-level key '%s' "
		    "(expected %s)", k->value, b.s);
		buf_release(&b);
		model_yaml_keep(r);
	}
	if (ynode_get(root, "system") == NULL) {
		ynode_error(r->doc, root, r->err, "missing 'system' (the id "
		    "and name of the system the model describes)");
		model_yaml_keep(r);
		model_yaml_unread(r, NULL, OBJ_SYSTEM);
	}
	for (i = 0; i < YNODE_PAIRS(root); i++) {
		k = YNODE_KEY(root, i);
		v = YNODE_VAL(root, i);
		if (strcmp(k->value, "system") == 0) {
			if (v->type != YNODE_MAP) {
				model_yaml_type_error(r, v, "system",
				    "a mapping");
				model_yaml_unread(r, NULL, OBJ_SYSTEM);
			} else
				model_yaml_object(r, v, OBJ_SYSTEM);
		} else if (strcmp(k->value, "boundaries") == 0)
			model_yaml_list(r, k, v, OBJ_BOUNDARY);
		else if (strcmp(k->value, "components") == 0)
			model_yaml_list(r, k, v, OBJ_COMPONENT);
		else if (strcmp(k->value, "flows") == 0)
			model_yaml_list(r, k, v, OBJ_FLOW);
		else if (strcmp(k->value, "practices") == 0)
			model_yaml_practices(r, v);
		else if (strcmp(k->value, "decisions") == 0)
			model_yaml_decisions(r, v);
		model_yaml_keep(r);
	}
	if (model_index_all(r->m, r->doc->file, r->unread, r->nunread,
	    r->errs) == -1 || errors_count(r->errs) > 0)
		return -1;
	return 0;
}

/*
 * Messages quote what the file says; show its control characters as
 * visible notation so that printing a message is always safe.
 */
static void
model_yaml_visible_error(struct error *err)
{
	struct buf	b;

	if (err == NULL || !text_has_control(err->msg))
		return;
	buf_init(&b);
	text_visible(&b, err->msg, 0);
	error_replace(err, b.s);
	buf_release(&b);
}

void
model_decisions_init(struct model_decisions *dec)
{
	risk_register_init(&dec->reg);
	dec->pos = NULL;
}

void
model_decisions_release(struct model_decisions *dec)
{
	size_t	i;

	if (dec->pos != NULL)
		for (i = 0; i < dec->reg.n; i++)
			free(dec->pos[i].mitigations);
	free(dec->pos);
	risk_register_release(&dec->reg);
	dec->pos = NULL;
}

/*
 * Build a model, and its decisions into dec, from a document's root; every
 * error goes to errs.
 */
static struct model *
model_yaml_read_root(const struct ydoc *doc, const struct ynode *root,
    struct model_decisions *dec, struct errors *errs)
{
	struct model_yaml_reader	r;
	size_t				i;

	r.doc = doc;
	r.err = &r.scratch;
	error_clear(r.err);
	r.errs = errs;
	r.dec = dec;
	r.unread = NULL;
	r.nunread = 0;
	if (root == NULL) {
		error_set_at(r.err, doc->file, 1, 1, "empty model file (a "
		    "model starts with 'parapet: 1' and describes a "
		    "'system')");
		errors_add(errs, r.err);
		return NULL;
	}
	r.m = model_new();
	if (model_yaml_root(&r, root) == -1) {
		model_yaml_keep(&r);
		model_free(r.m);
		r.m = NULL;
		model_decisions_release(dec);
		/* model_index_all()'s messages quote the file too. */
		for (i = 0; i < errs->n; i++)
			model_yaml_visible_error(&errs->v[i]);
		/* In file order, as a compiler's, whatever found them. */
		errors_sort(errs);
	}
	free(r.unread);
	return r.m;
}

/* The first of a list of errors, as the readers that give one report. */
static struct model *
model_yaml_first(struct model *m, struct errors *errs, struct error *err)
{
	if (m == NULL)
		errors_first(errs, err);
	errors_release(errs);
	return m;
}

struct model *
model_from_ynode(const struct ydoc *doc, const struct ynode *root,
    struct error *err)
{
	struct model_decisions	 dec;
	struct errors		 errs;
	struct model		*m;

	model_decisions_init(&dec);
	errors_init(&errs);
	m = model_yaml_read_root(doc, root, &dec, &errs);
	model_decisions_release(&dec);
	return model_yaml_first(m, &errs, err);
}

struct model *
model_read_yaml_all(const char *text, size_t len, const char *file,
    struct model_decisions *dec, struct errors *errs)
{
	struct model_decisions	 ignored;
	struct error		 e;
	struct ydoc		*doc;
	struct model		*m;

	if (dec == NULL) {
		model_decisions_init(&ignored);
		m = model_read_yaml_all(text, len, file, &ignored, errs);
		model_decisions_release(&ignored);
		return m;
	}
	model_decisions_init(dec);
	if (file == NULL)
		file = "<input>";
	error_clear(&e);
	if (len > MODEL_YAML_MAX_BYTES) {
		error_set_at(&e, file, 0, 0, "model file is larger than the "
		    "limit of %lu bytes", MODEL_YAML_MAX_BYTES);
		errors_add(errs, &e);
		return NULL;
	}
	/* A syntax error ends the reading: what follows is not known. */
	if ((doc = ydoc_parse(text, len, file, &e)) == NULL) {
		model_yaml_visible_error(&e);
		errors_add(errs, &e);
		return NULL;
	}
	m = model_yaml_read_root(doc, doc->root, dec, errs);
	ydoc_free(doc);
	return m;
}

struct model *
model_read_yaml_decisions(const char *text, size_t len, const char *file,
    struct model_decisions *dec, struct error *err)
{
	struct errors	errs;

	errors_init(&errs);
	return model_yaml_first(model_read_yaml_all(text, len, file, dec,
	    &errs), &errs, err);
}

struct model *
model_read_yaml(const char *text, size_t len, const char *file,
    struct error *err)
{
	return model_read_yaml_decisions(text, len, file, NULL, err);
}

struct model *
model_load_yaml(const char *path, struct error *err)
{
	struct model	*m;
	size_t		 len;
	char		*text;

	if ((text = file_read(path, MODEL_YAML_MAX_BYTES, &len, err)) == NULL)
		return NULL;
	m = model_read_yaml(text, len, path, err);
	free(text);
	return m;
}

/* model-yaml-write.c: model files of format 1, written to YAML. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model/risk.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

/*
 * 1 if c may be written as itself: printable for YAML, and neither a
 * control character nor one that shows as nothing or as a plain space
 * (no-break and other spaces, zero-width and format characters, tag
 * characters), which would hide what a file says from a reviewer.
 */
static int
model_yaml_plain_char(uint32_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (text_is_control(c))
		return 0;
	if (c == 0xa0 || c == 0xad || c == 0x1680 || c == 0x180e ||
	    (c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) ||
	    (c >= 0x205f && c <= 0x206f) || c == 0x3000 || c == 0xfeff ||
	    (c >= 0xfff0 && c <= 0xffff) || (c >= 0xe0000 && c <= 0xe007f))
		return 0;
	return (c >= 0xa0 && c <= 0xd7ff) ||
	    (c >= 0xe000 && c <= 0xfffd && c != 0xfeff) ||
	    (c >= 0x10000 && c <= 0x10ffff);
}

/*
 * 1 if s can be written as a plain scalar that any YAML reader gives back
 * as the same string: no indicator at the start, nothing YAML 1.1 or 1.2
 * would turn into a null, a boolean or a number, no comment or key
 * separator inside, no spaces at the ends and only printable characters.
 * Erring towards quotes costs only readability.
 */
static int
model_yaml_plain_ok(const char *s)
{
	static const char *const special[] = {
		"~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES",
		"n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
		"False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "<<",
		"=", NULL
	};
	size_t		len = strlen(s), i, n;
	uint32_t	c;

	if (len == 0 || strchr("-?:,[]{}#&*!|>'\"%@`.+ \t", s[0]) != NULL)
		return 0;
	if (s[0] >= '0' && s[0] <= '9')
		return 0;
	if (s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	/* The special words have five letters at most. */
	for (i = 0; len <= 5 && special[i] != NULL; i++)
		if (strcmp(s, special[i]) == 0)
			return 0;
	if (strstr(s, ": ") != NULL || strstr(s, " #") != NULL)
		return 0;
	for (i = 0; i < len; i += n) {
		/* Printable ASCII, nearly all of a model, without decoding. */
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			n = 1;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &c)) == 0 ||
		    !model_yaml_plain_char(c))
			return 0;
	}
	return 1;
}

/* Append s as a double-quoted scalar with every unsafe character escaped. */
static void
model_yaml_quote(struct buf *b, const char *s)
{
	size_t		len = strlen(s), i, n;
	uint32_t	c;

	buf_addc(b, '"');
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0) {
			/* Not UTF-8 (the model never holds such text). */
			buf_addf(b, "\\x%02X", (unsigned char)s[i]);
			n = 1;
			continue;
		}
		if (text_escape_c(b, c))
			continue;
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			buf_addf(b, "\\x%02X", (unsigned)c);
		else if (!model_yaml_plain_char(c))
			buf_addf(b, c > 0xffff ? "\\U%08X" : "\\u%04X",
			    (unsigned)c);
		else
			buf_add(b, s + i, n);
	}
	buf_addc(b, '"');
}

/* Append a scalar, plain when that is safe, else double-quoted. */
static void
model_yaml_scalar(struct buf *b, const char *s)
{
	if (model_yaml_plain_ok(s))
		buf_adds(b, s);
	else
		model_yaml_quote(b, s);
}

/*
 * Write the set fields of an object, one per line: the first after lead
 * ("  - " for a list item), the others after indent.
 */
static void
model_yaml_write_object(struct buf *b, const void *obj, enum objtype t,
    int kind, const char *lead, const char *indent)
{
	const struct field	*fields, *f;
	size_t			 i, n, nset = 0;
	char			*v, *w, *save;

	fields = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		f = &fields[i];
		/* A field left over from another kind would not read back. */
		if (t == OBJ_COMPONENT && !field_applies(f, kind))
			continue;
		/* "" is no value: field_set() reads it back as unset. */
		if ((v = field_get(obj, f)) == NULL || *v == '\0') {
			free(v);
			continue;
		}
		buf_adds(b, nset++ == 0 ? lead : indent);
		buf_adds(b, f->name);
		buf_adds(b, ": ");
		if (f->type == FIELD_SET && (f->flags & FIELD_ONE_WORD) &&
		    strchr(v, ',') == NULL)
			model_yaml_scalar(b, v);	/* as format 1 began */
		else if (f->type == FIELD_SET) {
			buf_addc(b, '[');
			for (w = strtok_r(v, ", ", &save); w != NULL;
			    w = strtok_r(NULL, ", ", &save)) {
				if (b->s[b->len - 1] != '[')
					buf_adds(b, ", ");
				model_yaml_scalar(b, w);
			}
			buf_addc(b, ']');
		} else if (f->type == FIELD_BOOL)
			buf_adds(b, v);
		else
			model_yaml_scalar(b, v);
		buf_addc(b, '\n');
		free(v);
	}
	if (nset == 0) {
		/* Keep an empty object a mapping. */
		buf_adds(b, lead);
		buf_adds(b, "{}\n");
	}
}

/*
 * Write the list of objects of type t under its key, first those of the
 * model's array v (n of them), then those next gives, once it has any.
 * -1 when next failed (err set by it).
 */
static int
model_yaml_write_list(struct buf *b, const char *key, enum objtype t,
    void *const *v, size_t n, model_yaml_next_fn *next, void *ctx,
    struct error *err)
{
	const void	*obj;
	size_t		 i, nwritten = 0;
	int		 kind;

	for (i = 0; ; i++) {
		if (i < n)
			obj = v[i];
		else if (next == NULL ||
		    (obj = next(ctx, (int)t, err)) == NULL)
			break;
		if (nwritten++ == 0)
			buf_addf(b, "\n%s:\n", key);
		kind = t == OBJ_COMPONENT ?
		    ((const struct component *)obj)->kind : -1;
		model_yaml_write_object(b, obj, t, kind, "  - ", "    ");
		buf_drain(b);
	}
	return next != NULL && error_isset(err) ? -1 : 0;
}

/* The model in format 1, its components and flows from next too. */
static int
model_yaml_write_model(const struct model *m, model_yaml_next_fn *next,
    void *ctx, struct buf *b, struct error *err)
{
	const struct practice	*p;
	const char		*answer;
	size_t			 i;

	if (next != NULL)
		error_clear(err);
	buf_addf(b, "parapet: %d\n", MODEL_FORMAT);
	buf_adds(b, "system:\n");
	model_yaml_write_object(b, &m->system, OBJ_SYSTEM, -1, "  ", "  ");
	if (model_yaml_write_list(b, "boundaries", OBJ_BOUNDARY,
	    (void *const *)m->boundaries, m->nboundaries, NULL, NULL,
	    err) == -1 ||
	    model_yaml_write_list(b, "components", OBJ_COMPONENT,
	    (void *const *)m->components, m->ncomponents, next, ctx,
	    err) == -1 ||
	    model_yaml_write_list(b, "flows", OBJ_FLOW,
	    (void *const *)m->flows, m->nflows, next, ctx, err) == -1)
		return -1;
	if (m->npractices > 0)
		buf_adds(b, "\npractices:\n");
	for (i = 0; i < m->npractices; i++) {
		p = m->practices[i];
		answer = p->answer == TRI_YES ? "yes" :
		    p->answer == TRI_NO ? "no" : "unknown";
		buf_adds(b, "  ");
		model_yaml_scalar(b, p->id);
		if (p->note == NULL || *p->note == '\0') {
			buf_addf(b, ": %s\n", answer);
			continue;
		}
		buf_addf(b, ":\n    answer: %s\n    note: ", answer);
		model_yaml_scalar(b, p->note);
		buf_addc(b, '\n');
	}
	return 0;
}

void
model_write_yaml(const struct model *m, struct buf *b)
{
	(void)model_yaml_write_model(m, NULL, NULL, b, NULL);
}

/* 1 if a text is set: neither NULL nor "". */
static int
model_yaml_set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* 1 if a mitigation's decision differs from the default. */
static int
model_yaml_mitigation_decided(const struct risk_mitigation *rm)
{
	return (rm->status != MIT_PROPOSED &&
	    vocab_name(&vocab_mitigation_status, rm->status) != NULL) ||
	    model_yaml_set(rm->owner) || model_yaml_set(rm->due) ||
	    model_yaml_set(rm->notes);
}

/* 1 if a risk that applies carries a decision worth writing. */
static int
model_yaml_risk_decided(const struct risk *k)
{
	size_t	i;

	if (!k->applies)
		return 0;
	if ((k->status != RISK_OPEN &&
	    vocab_name(&vocab_risk_status, k->status) != NULL) ||
	    model_yaml_set(k->owner) || model_yaml_set(k->justification))
		return 1;
	for (i = 0; i < k->nmitigations; i++)
		if (model_yaml_mitigation_decided(&k->mitigations[i]))
			return 1;
	return 0;
}

/* A risk to write, with its name for sorting. */
struct model_yaml_named {
	char			*name;	/* THREAT@TARGET */
	const struct risk	*k;
};

static int
model_yaml_named_cmp(const void *a, const void *b)
{
	const struct model_yaml_named	*x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
model_yaml_mitigation_cmp(const void *a, const void *b)
{
	const struct risk_mitigation	*x = *(const struct risk_mitigation
					    *const *)a;
	const struct risk_mitigation	*y = *(const struct risk_mitigation
					    *const *)b;

	return strcmp(x->id, y->id);
}

/* "    key: value\n" when value is set. */
static void
model_yaml_write_text(struct buf *b, const char *indent, const char *key,
    const char *value)
{
	if (!model_yaml_set(value))
		return;
	buf_adds(b, indent);
	buf_adds(b, key);
	buf_adds(b, ": ");
	model_yaml_scalar(b, value);
	buf_addc(b, '\n');
}

/* Write one risk's decision and its decided mitigations. */
static void
model_yaml_write_decision(struct buf *b, const char *name,
    const struct risk *k)
{
	const struct risk_mitigation	**mits, *rm;
	const char			 *status;
	size_t				  i, n = 0;

	status = vocab_name(&vocab_risk_status, k->status);
	buf_adds(b, "  ");
	model_yaml_scalar(b, name);
	buf_addf(b, ":\n    status: %s\n", status != NULL ? status :
	    vocab_name(&vocab_risk_status, RISK_OPEN));
	model_yaml_write_text(b, "    ", "owner", k->owner);
	model_yaml_write_text(b, "    ", "justification", k->justification);
	mits = xcalloc(k->nmitigations + 1, sizeof *mits);
	for (i = 0; i < k->nmitigations; i++)
		if (model_yaml_mitigation_decided(&k->mitigations[i]))
			mits[n++] = &k->mitigations[i];
	if (n > 0)
		buf_adds(b, "    mitigations:\n");
	qsort(mits, n, sizeof *mits, model_yaml_mitigation_cmp);
	for (i = 0; i < n; i++) {
		rm = mits[i];
		status = vocab_name(&vocab_mitigation_status, rm->status);
		buf_adds(b, "      ");
		model_yaml_scalar(b, rm->id);
		buf_addf(b, ":\n        status: %s\n", status != NULL ?
		    status : vocab_name(&vocab_mitigation_status,
		    MIT_PROPOSED));
		model_yaml_write_text(b, "        ", "owner", rm->owner);
		model_yaml_write_text(b, "        ", "due", rm->due);
		model_yaml_write_text(b, "        ", "notes", rm->notes);
	}
	free(mits);
}

/* The 'decisions' section of risks, when any risk carries one. */
static void
model_yaml_write_decisions(const struct risk_register *risks, struct buf *b)
{
	struct model_yaml_named	*v;
	size_t			 i, n = 0;

	if (risks == NULL || risks->n == 0)
		return;
	v = xcalloc(risks->n, sizeof *v);
	for (i = 0; i < risks->n; i++) {
		if (!model_yaml_risk_decided(risks->risks[i]))
			continue;
		v[n].k = risks->risks[i];
		v[n++].name = risk_name(risks->risks[i]);
	}
	qsort(v, n, sizeof *v, model_yaml_named_cmp);
	if (n > 0)
		buf_adds(b, "\ndecisions:\n");
	for (i = 0; i < n; i++) {
		model_yaml_write_decision(b, v[i].name, v[i].k);
		free(v[i].name);
		buf_drain(b);
	}
	free(v);
}

void
model_write_yaml_decisions(const struct model *m,
    const struct risk_register *risks, struct buf *b)
{
	model_write_yaml(m, b);
	model_yaml_write_decisions(risks, b);
}

int
model_write_yaml_stream(const struct model *m, model_yaml_next_fn *next,
    void *ctx, const struct risk_register *risks, struct buf *b,
    struct error *err)
{
	if (model_yaml_write_model(m, next, ctx, b, err) == -1)
		return -1;
	model_yaml_write_decisions(risks, b);
	return 0;
}

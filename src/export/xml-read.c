/*
 * xml-read.c: read an XML export back into a model, a risk register and
 * its history (parapet import FILE.xml).
 *
 * The file is untrusted. libxml2 parses it with the network off, without
 * loading DTDs and without substituting entities; a DOCTYPE (which is where
 * entity declarations live) stops the parse at once and is refused. The
 * tree must then validate against parapet.xsd before anything is built
 * from it, and what the schema cannot say (fields that apply to a kind,
 * references, the escaped text notation, severity from the scores) is
 * checked while building. Model objects are read from the field tables,
 * the inverse of xml-write.c.
 *
 * libxml2 is loaded when an XML file is first read, not when the program
 * starts (linked in, it and the ICU and C++ libraries it brings cost
 * every command 1.5 ms): its functions are called through the table xl,
 * filled once from the library XML_SONAME names (configure).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "export/export-int.h"
#include "export/xml-read.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/dynlib.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * The functions of libxml2 this file calls, as dynlib_load() finds them.
 * Each function has the type the libxml2 headers declare, so a call
 * through it is checked as a direct call would be.
 */
struct xr_lib {
	__typeof__(xmlCtxtReadMemory)	*xmlCtxtReadMemory;
	__typeof__(xmlDocGetRootElement)	*xmlDocGetRootElement;
	__typeof__(xmlFreeDoc)	*xmlFreeDoc;
	__typeof__(xmlFreeParserCtxt)	*xmlFreeParserCtxt;
	__typeof__(xmlGetLineNo)	*xmlGetLineNo;
	__typeof__(xmlGetNoNsProp)	*xmlGetNoNsProp;
	__typeof__(xmlNewParserCtxt)	*xmlNewParserCtxt;
	__typeof__(xmlNodeGetContent)	*xmlNodeGetContent;
	__typeof__(xmlSAX2GetLineNumber)	*xmlSAX2GetLineNumber;
	__typeof__(xmlSchemaFree)	*xmlSchemaFree;
	__typeof__(xmlSchemaFreeParserCtxt)	*xmlSchemaFreeParserCtxt;
	__typeof__(xmlSchemaFreeValidCtxt)	*xmlSchemaFreeValidCtxt;
	__typeof__(xmlSchemaNewParserCtxt)	*xmlSchemaNewParserCtxt;
	__typeof__(xmlSchemaNewValidCtxt)	*xmlSchemaNewValidCtxt;
	__typeof__(xmlSchemaParse)	*xmlSchemaParse;
	__typeof__(xmlSchemaSetParserStructuredErrors)
			 *xmlSchemaSetParserStructuredErrors;
	__typeof__(xmlSchemaSetValidStructuredErrors)
			 *xmlSchemaSetValidStructuredErrors;
	__typeof__(xmlSchemaValidateDoc)	*xmlSchemaValidateDoc;
	__typeof__(xmlStopParser)	*xmlStopParser;
	/*
	 * How libxml2 frees what it returns: a function that finds it for
	 * the calling thread, or the variable itself, as its headers say.
	 */
#if defined(LIBXML_THREAD_ENABLED) && defined(LIBXML_THREAD_ALLOC_ENABLED)
	xmlFreeFunc	*(*__xmlFree)(void);
#define XR_FREE		(*xl.__xmlFree())
#else
	xmlFreeFunc	*xmlFree;
#define XR_FREE		(*xl.xmlFree)
#endif
};
static struct xr_lib xl;

#define XR_FN(name)	DYNLIB_SYM(struct xr_lib, name)
static const struct dynlib_sym xr_fns[] = {
	XR_FN(xmlCtxtReadMemory), XR_FN(xmlDocGetRootElement),
	XR_FN(xmlFreeDoc), XR_FN(xmlFreeParserCtxt), XR_FN(xmlGetLineNo),
	XR_FN(xmlGetNoNsProp), XR_FN(xmlNewParserCtxt),
	XR_FN(xmlNodeGetContent), XR_FN(xmlSAX2GetLineNumber),
	XR_FN(xmlSchemaFree), XR_FN(xmlSchemaFreeParserCtxt),
	XR_FN(xmlSchemaFreeValidCtxt), XR_FN(xmlSchemaNewParserCtxt),
	XR_FN(xmlSchemaNewValidCtxt), XR_FN(xmlSchemaParse),
	XR_FN(xmlSchemaSetParserStructuredErrors),
	XR_FN(xmlSchemaSetValidStructuredErrors),
	XR_FN(xmlSchemaValidateDoc), XR_FN(xmlStopParser),
#if defined(LIBXML_THREAD_ENABLED) && defined(LIBXML_THREAD_ALLOC_ENABLED)
	XR_FN(__xmlFree),
#else
	XR_FN(xmlFree),
#endif
};

/* libxml2, loaded by xml_read() the first time. */
static struct dynlib xr_lib = {
	.soname = XML_SONAME, .what = "XML library",
	.syms = xr_fns, .nsyms = sizeof xr_fns / sizeof *xr_fns,
	.table = &xl,
};

/* Free what libxml2 returned. */
static void
xr_free(void *p)
{
	XR_FREE(p);
}

/* A read in progress: what is built, and the first error libxml2 gave. */
struct xr {
	const char		*file;		/* for messages */
	struct error		*err;
	unsigned long		 dtd_line;	/* a DOCTYPE's, or 0 */
	int			 have_error;	/* err_* hold one */
	unsigned long		 err_line;
	unsigned long		 err_col;
	struct buf		 err_msg;	/* shown safely */

	struct model		*model;		/* being built */
	struct risk_register	 reg;
	struct strmap		 ids;		/* the risks read, by id */
	char			**idv;		/* its keys (to free) */
	size_t			 nid;
	struct change		*hist;
	size_t			 nhist;
};

#define X(s)	((const xmlChar *)(s))
#define S(s)	((const char *)(s))

/* A DOCTYPE: note where, and stop before its subset is even read. */
static void
xr_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xr		*r = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	r->dtd_line = (unsigned long)xl.xmlSAX2GetLineNumber(ctx);
	if (r->dtd_line == 0)
		r->dtd_line = 1;
	xl.xmlStopParser(ctxt);
}

/* Keep the first error libxml2 reports, made safe and lower-case. */
static void
xr_keep_error(struct xr *r, const xmlError *e)
{
	char	*msg;
	size_t	 len;

	if (r->have_error || e == NULL || e->level == XML_ERR_WARNING)
		return;
	r->have_error = 1;
	r->err_line = e->line > 0 ? (unsigned long)e->line : 0;
	r->err_col = e->domain == XML_FROM_PARSER && e->int2 > 0 ?
	    (unsigned long)e->int2 : 0;
	msg = xstrdup(e->message != NULL ? e->message : "unknown error");
	for (len = strlen(msg); len > 0 && (msg[len - 1] == '\n' ||
	    msg[len - 1] == ' ' || msg[len - 1] == '.'); len--)
		msg[len - 1] = '\0';
	if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' &&
	    msg[1] <= 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	buf_reset(&r->err_msg);
	text_visible(&r->err_msg, msg, 0);
	free(msg);
}

static void
xr_parse_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr	ctxt = data;

	xr_keep_error(ctxt->_private, e);
}

static void
xr_schema_error(void *data, xmlErrorPtr e)
{
	xr_keep_error(data, e);
}

/* Fail at a node's line. Returns -1. */
static int
xr_fail(struct xr *r, const xmlNode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
xr_fail(struct xr *r, const xmlNode *n, const char *fmt, ...)
{
	va_list		ap;

	va_start(ap, fmt);
	error_vset_at(r->err, r->file, n != NULL ?
	    (unsigned long)xl.xmlGetLineNo(n) : 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* The next element among n and its following siblings, or NULL. */
static xmlNodePtr
xr_elem(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

#define FOREACH_ELEM(c, parent) \
	for ((c) = xr_elem((parent)->children); (c) != NULL; \
	    (c) = xr_elem((c)->next))

static int
xr_is(const xmlNode *n, const char *name)
{
	return strcmp(S(n->name), name) == 0;
}

/*
 * An attribute with its whitespace collapsed as the XSD type (a token or a
 * list) has it, the caller's to free; NULL when absent.
 */
static char *
xr_attr(xmlNodePtr n, const char *name)
{
	xmlChar	*v = xl.xmlGetNoNsProp(n, X(name));
	char	*s, *p, *q;

	if (v == NULL)
		return NULL;
	s = xstrdup(S(v));
	xr_free(v);
	for (p = q = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (q != s && q[-1] != ' ')
				*q++ = ' ';
			continue;
		}
		*q++ = *p;
	}
	if (q != s && q[-1] == ' ')
		q--;
	*q = '\0';
	return s;
}

/*
 * A number attribute (the XSD checked its form, not that it fits a long:
 * a revision is any xs:nonNegativeInteger). 0, or -1 with the error set.
 */
static int
xr_attr_long(struct xr *r, xmlNodePtr n, const char *name, long dflt,
    long *out)
{
	char	*s = xr_attr(n, name);

	*out = dflt;
	if (s == NULL)
		return 0;
	errno = 0;
	*out = strtol(s, NULL, 10);
	if (errno == ERANGE) {
		xr_fail(r, n, "%s '%s' is out of range", name, s);
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

/*
 * The text of a text element, decoded when encoding="escaped"; the
 * caller's to free. NULL with the error set on a bad escape.
 */
static char *
xr_text(struct xr *r, xmlNodePtr n)
{
	xmlChar		*v = xl.xmlNodeGetContent(n);
	char		*enc = xr_attr(n, "encoding");
	struct buf	 b;

	buf_init(&b);
	if (enc != NULL && strcmp(enc, "escaped") == 0) {
		if (xml_text_unescape(v != NULL ? S(v) : "", &b) == -1) {
			xr_fail(r, n, "invalid escape in '%s' (use \\\\ or "
			    "\\xHH)", S(n->name));
			buf_release(&b);
			free(enc);
			xr_free(v);
			return NULL;
		}
	} else if (v != NULL)
		buf_adds(&b, S(v));
	free(enc);
	xr_free(v);
	return buf_detach(&b);
}

/* A word of a vocabulary from an attribute (the XSD checked it). */
static int
xr_word(struct xr *r, xmlNodePtr n, const char *name, const struct vocab *v,
    int *out)
{
	char	*s = xr_attr(n, name);
	int	 i;

	if (s == NULL)
		return xr_fail(r, n, "'%s' has no '%s'", S(n->name), name);
	if ((i = vocab_find(v, s)) == -1) {
		xr_fail(r, n, "unknown %s '%s'", v->name, s);
		free(s);
		return -1;
	}
	free(s);
	*out = i;
	return 0;
}

/*
 * renamed-from="OLD" on a boundary, component or flow: the object had
 * that id before, and an import over the stored model renames it (its
 * risks, decisions and history follow) as a model file's key does.
 */
static int
xr_renamed_from(struct xr *r, xmlNodePtr n, const char *id)
{
	char	*old = xr_attr(n, MODEL_RENAMED_FROM);
	int	 rc = 0;

	if (text_has_control(old))
		rc = xr_fail(r, n, "invalid renamed-from id: control "
		    "characters are not allowed in identifiers");
	else if (!id_valid(old))
		rc = xr_fail(r, n, "invalid renamed-from id '%s' (" ID_RULE
		    ")", old);
	else if (id != NULL && strcmp(old, id) != 0)
		model_note_rename(r->model, old, id);
	free(old);
	return rc;
}

/*
 * Set the fields of a model object from an element: attributes are the
 * fields that are not free text, child elements the free text fields.
 */
static int
xr_object(struct xr *r, xmlNodePtr n, void *obj, enum objtype t, int kind)
{
	const struct field	*f;
	xmlAttrPtr		 a;
	xmlNodePtr		 c;
	char			*v;
	int			 rc;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL)
			continue;	/* xsi: and the like */
		if (t != OBJ_SYSTEM &&
		    strcmp(S(a->name), MODEL_RENAMED_FROM) == 0) {
			if (xr_renamed_from(r, n, *(char **)obj) == -1)
				return -1;
			continue;
		}
		if ((f = model_field(t, S(a->name))) == NULL ||
		    f->type == FIELD_TEXT)
			return xr_fail(r, n, "unknown attribute '%s' for a %s",
			    S(a->name), objtype_name(t));
		if (!field_applies(f, kind))
			return xr_fail(r, n, "'%s' does not apply to a %s "
			    "component", f->name,
			    vocab_name(&vocab_kind, kind));
		v = xr_attr(n, S(a->name));
		rc = field_set(obj, f, v, r->err);
		free(v);
		if (rc == -1) {
			error_locate(r->err, r->file,
			    (unsigned long)xl.xmlGetLineNo(n), 0);
			return -1;
		}
	}
	FOREACH_ELEM(c, n) {
		if ((f = model_field(t, S(c->name))) == NULL ||
		    f->type != FIELD_TEXT)
			return xr_fail(r, c, "unknown element '%s' in a %s",
			    S(c->name), objtype_name(t));
		if ((v = xr_text(r, c)) == NULL)
			return -1;
		rc = field_set(obj, f, v, r->err);
		free(v);
		if (rc == -1) {
			error_locate(r->err, r->file,
			    (unsigned long)xl.xmlGetLineNo(c), 0);
			return -1;
		}
	}
	return 0;
}

static void
xr_pos(struct srcpos *pos, xmlNodePtr n)
{
	pos->line = (unsigned long)xl.xmlGetLineNo(n);
	pos->col = 0;
}

static int
xr_component(struct xr *r, xmlNodePtr n)
{
	struct component	*c;
	char			*id = xr_attr(n, "id");
	int			 kind;

	if (id == NULL)
		return xr_fail(r, n, "component has no 'id'");
	if (xr_word(r, n, "kind", &vocab_kind, &kind) == -1) {
		free(id);
		return -1;
	}
	c = model_add_component(r->model, id, kind);
	free(id);
	xr_pos(&c->pos, n);
	xr_pos(&c->boundary_pos, n);
	return xr_object(r, n, c, OBJ_COMPONENT, kind);
}

static int
xr_flow(struct xr *r, xmlNodePtr n)
{
	struct flow	*f;
	char		*id = xr_attr(n, "id"), *from = xr_attr(n, "from");
	char		*to = xr_attr(n, "to");

	if (id == NULL || from == NULL || to == NULL) {
		free(id);
		free(from);
		free(to);
		return xr_fail(r, n, "flow needs 'id', 'from' and 'to'");
	}
	f = model_add_flow(r->model, id, from, to);
	free(id);
	free(from);
	free(to);
	xr_pos(&f->pos, n);
	xr_pos(&f->from_pos, n);
	xr_pos(&f->to_pos, n);
	return xr_object(r, n, f, OBJ_FLOW, -1);
}

/* Replace a string of the model or register with the text of an element. */
static int
xr_set_text(struct xr *r, xmlNodePtr n, char **sp)
{
	char	*v;

	if ((v = xr_text(r, n)) == NULL)
		return -1;
	free(*sp);
	*sp = v;
	return 0;
}

/*
 * The member of obj that a free-text child element sets, by the element
 * names of obj's table (export-int.h), or NULL for another element.
 */
static char **
xr_text_member(void *obj, const struct xml_text *t, const xmlNode *c)
{
	for (; t->name != NULL; t++)
		if (xr_is(c, t->name))
			return (char **)(void *)((char *)obj + t->off);
	return NULL;
}

static int
xr_practice(struct xr *r, xmlNodePtr n)
{
	struct practice	*p;
	xmlNodePtr	 c;
	char		*id = xr_attr(n, "id"), **sp;
	int		 answer;

	if (id == NULL)
		return xr_fail(r, n, "practice has no 'id'");
	if (model_practice(r->model, id) != NULL) {
		xr_fail(r, n, "duplicate practice '%s'", id);
		free(id);
		return -1;
	}
	if (xr_word(r, n, "answer", &vocab_answer, &answer) == -1) {
		free(id);
		return -1;
	}
	p = model_add_practice(r->model, id, (enum tri)answer);
	free(id);
	xr_pos(&p->pos, n);
	FOREACH_ELEM(c, n) {
		if ((sp = xr_text_member(p, xml_practice_texts, c)) == NULL)
			return xr_fail(r, c, "unknown element '%s' in a "
			    "practice", S(c->name));
		if (xr_set_text(r, c, sp) == -1)
			return -1;
	}
	return 0;
}

static int
xr_mitigation(struct xr *r, struct risk *k, xmlNodePtr n)
{
	struct risk_mitigation	*m;
	xmlNodePtr		 c;
	char			*id = xr_attr(n, "id"), **sp;
	int			 status;

	if (id == NULL)
		return xr_fail(r, n, "mitigation has no 'id'");
	if (risk_find_mitigation(k, id) != NULL) {
		xr_fail(r, n, "duplicate mitigation '%s'", id);
		free(id);
		return -1;
	}
	if (xr_word(r, n, "status", &vocab_mitigation_status, &status) == -1) {
		free(id);
		return -1;
	}
	m = risk_add_mitigation(k, id);
	free(id);
	m->status = status;
	m->due = xr_attr(n, "due");
	FOREACH_ELEM(c, n) {
		if (xr_is(c, "title"))
			continue;	/* the catalogue's */
		if ((sp = xr_text_member(m, xml_mitigation_texts, c)) == NULL)
			return xr_fail(r, c, "unknown element '%s' in a "
			    "mitigation", S(c->name));
		if (xr_set_text(r, c, sp) == -1)
			return -1;
	}
	return 0;
}

static int
xr_risk(struct xr *r, xmlNodePtr n)
{
	struct risk	*k;
	xmlNodePtr	 c;
	char		*id = xr_attr(n, "id");
	char		*threat = xr_attr(n, "threat");
	char		*kind;
	char		*target = xr_attr(n, "target"), *name, *applies, *v;
	char		**sp;
	long		 l, im;
	int		 severity, status, rc = -1;

	if (id == NULL || threat == NULL || target == NULL) {
		xr_fail(r, n, "risk needs 'id', 'threat' and 'target'");
		goto out;
	}
	name = xasprintf("%s@%s", threat, target);
	if (strcmp(name, id) != 0) {
		xr_fail(r, n, "risk id '%s' is not '%s' (THREAT@TARGET)", id,
		    name);
		free(name);
		goto out;
	}
	free(name);
	/* By id (THREAT@TARGET), not a scan of the risks read so far. */
	if (strmap_get(&r->ids, id) != NULL) {
		xr_fail(r, n, "duplicate risk '%s'", id);
		goto out;
	}
	if (xr_word(r, n, "severity", &vocab_severity, &severity) == -1 ||
	    xr_word(r, n, "status", &vocab_risk_status, &status) == -1)
		goto out;
	k = risk_register_add(&r->reg, threat, target);
	if ((r->nid & (r->nid - 1)) == 0)
		r->idv = xreallocarray(r->idv, r->nid == 0 ? 4 : r->nid * 2,
		    sizeof *r->idv);
	r->idv[r->nid++] = id;
	strmap_put(&r->ids, id, k);
	id = NULL;	/* the map's now */
	if (xr_attr_long(r, n, "likelihood", 1, &l) == -1 ||
	    xr_attr_long(r, n, "impact", 1, &im) == -1)
		goto out;
	if (l < 1 || l > 5 || im < 1 || im > 5) {
		xr_fail(r, n, "risk '%s@%s' has a score out of 1..5", threat,
		    target);
		goto out;
	}
	k->likelihood = (int)l;
	k->impact = (int)im;
	if (severity != risk_severity(k->likelihood, k->impact)) {
		xr_fail(r, n, "risk '%s@%s': severity '%s' does not match "
		    "likelihood %d x impact %d ('%s')", threat, target,
		    vocab_name(&vocab_severity, severity), k->likelihood,
		    k->impact, vocab_name(&vocab_severity,
		    risk_severity(k->likelihood, k->impact)));
		goto out;
	}
	k->severity = severity;
	k->status = status;
	applies = xr_attr(n, "applies");
	k->applies = applies == NULL || strcmp(applies, "false") != 0;
	free(applies);
	k->decided_at = xr_attr(n, "decided-at");
	FOREACH_ELEM(c, n) {
		if (xr_is(c, "ref"))
			continue;	/* from the catalogue */
		if (xr_is(c, "reason")) {
			if ((v = xr_text(r, c)) == NULL)
				goto out;
			kind = xr_attr(c, "kind");
			/* Files written before the kind: read from the line. */
			risk_add_reason_line(k, kind != NULL ?
			    reason_kind_find(kind) : -1, v);
			free(kind);
			free(v);
		} else if (xr_is(c, "mitigation")) {
			if (xr_mitigation(r, k, c) == -1)
				goto out;
		} else if ((sp = xr_is(c, "title") ? &k->title :
		    xr_text_member(k, xml_risk_texts, c)) != NULL) {
			if (xr_set_text(r, c, sp) == -1)
				goto out;
		} else {
			xr_fail(r, c, "unknown element '%s' in a risk",
			    S(c->name));
			goto out;
		}
	}
	/* The same rule as the store and model files: no silent acceptance. */
	if ((status == RISK_ACCEPTED || status == RISK_NOT_APPLICABLE) &&
	    (k->justification == NULL || *k->justification == '\0')) {
		xr_fail(r, n, "risk '%s@%s' is %s without a justification",
		    threat, target, vocab_name(&vocab_risk_status, status));
		goto out;
	}
	rc = 0;
out:
	free(id);
	free(threat);
	free(target);
	return rc;
}

static int
xr_change(struct xr *r, xmlNodePtr n)
{
	struct change	*ch;
	xmlNodePtr	 c;
	char		**sp;

	r->hist = xreallocarray(r->hist, r->nhist + 1, sizeof *r->hist);
	ch = &r->hist[r->nhist++];
	memset(ch, 0, sizeof *ch);
	if (xr_attr_long(r, n, "seq", 0, &ch->seq) == -1)
		return -1;
	ch->at = xr_attr(n, "at");
	ch->system = xr_attr(n, "system");
	FOREACH_ELEM(c, n) {
		if ((sp = xr_text_member(ch, xml_change_texts, c)) == NULL)
			return xr_fail(r, c, "unknown element '%s' in a "
			    "change", S(c->name));
		if (xr_set_text(r, c, sp) == -1)
			return -1;
	}
	return 0;
}

/* Build everything from a valid document. */
static int
xr_document(struct xr *r, xmlNodePtr root)
{
	xmlNodePtr	sec, c;
	int		rc = 0;

	r->model = model_new();
	if (xr_attr_long(r, root, "revision", 0, &r->model->revision) == -1)
		return -1;
	FOREACH_ELEM(sec, root) {
		if (xr_is(sec, "catalogue-version"))
			continue;	/* the catalogue's, not the model's */
		if (xr_is(sec, "system")) {
			xr_pos(&r->model->system.pos, sec);
			if (xr_object(r, sec, &r->model->system, OBJ_SYSTEM,
			    -1) == -1)
				return -1;
			continue;
		}
		FOREACH_ELEM(c, sec) {
			if (xr_is(c, "boundary")) {
				char		*id = xr_attr(c, "id");
				struct boundary	*b;

				if (id == NULL)
					return xr_fail(r, c, "boundary has "
					    "no 'id'");
				b = model_add_boundary(r->model, id);
				free(id);
				xr_pos(&b->pos, c);
				rc = xr_object(r, c, b, OBJ_BOUNDARY, -1);
			} else if (xr_is(c, "component"))
				rc = xr_component(r, c);
			else if (xr_is(c, "flow"))
				rc = xr_flow(r, c);
			else if (xr_is(c, "practice"))
				rc = xr_practice(r, c);
			else if (xr_is(c, "risk"))
				rc = xr_risk(r, c);
			else if (xr_is(c, "change"))
				rc = xr_change(r, c);
			else
				rc = xr_fail(r, c, "unknown element '%s'",
				    S(c->name));
			if (rc == -1)
				return -1;
		}
	}
	return model_index(r->model, r->file, r->err);
}

/* Validate a document against parapet.xsd of the data directory. */
static int
xr_validate(struct xr *r, xmlDocPtr doc)
{
	xmlSchemaParserCtxtPtr	 pctxt;
	xmlSchemaValidCtxtPtr	 vctxt;
	xmlSchemaPtr		 schema;
	char			*path;
	int			 rc;

	path = xasprintf("%s/parapet.xsd", paths_data());
	if ((pctxt = xl.xmlSchemaNewParserCtxt(path)) == NULL)
		fatal("xmlSchemaNewParserCtxt: out of memory");
	xl.xmlSchemaSetParserStructuredErrors(pctxt, xr_schema_error, r);
	schema = xl.xmlSchemaParse(pctxt);
	xl.xmlSchemaFreeParserCtxt(pctxt);
	if (schema == NULL) {
		error_set(r->err, "cannot load the schema '%s'%s%s", path,
		    r->have_error ? ": " : "", r->err_msg.s);
		free(path);
		return -1;
	}
	free(path);
	r->have_error = 0;
	if ((vctxt = xl.xmlSchemaNewValidCtxt(schema)) == NULL)
		fatal("xmlSchemaNewValidCtxt: out of memory");
	xl.xmlSchemaSetValidStructuredErrors(vctxt, xr_schema_error, r);
	rc = xl.xmlSchemaValidateDoc(vctxt, doc);
	xl.xmlSchemaFreeValidCtxt(vctxt);
	xl.xmlSchemaFree(schema);
	if (rc == 0)
		return 0;
	if (r->have_error)
		error_set_at(r->err, r->file, r->err_line, 0,
		    "not a valid Parapet XML export: %s", r->err_msg.s);
	else
		error_set_at(r->err, r->file, 0, 0, "not a valid Parapet "
		    "XML export");
	return -1;
}

/* Hand the risks of the reader's register over to the caller's. */
static void
xr_move_risks(struct xr *r, struct risk_register *reg)
{
	size_t	i, cap;

	if (reg->n == 0) {
		free(reg->risks);
		*reg = r->reg;
		risk_register_init(&r->reg);
		return;
	}
	/* Keep risk.c's growth rule: capacity is n rounded up to 2^k. */
	for (cap = 4; cap < reg->n + r->reg.n; cap *= 2)
		;
	reg->risks = xreallocarray(reg->risks, cap, sizeof *reg->risks);
	for (i = 0; i < r->reg.n; i++)
		reg->risks[reg->n++] = r->reg.risks[i];
	free(r->reg.risks);
	risk_register_init(&r->reg);
}

/*
 * Find where a construct that starts at p ends (the first byte after end),
 * counting lines; NULL when it never ends (libxml2 reports that).
 */
static const char *
xml_scan_past(const char *p, const char *lim, const char *end,
    unsigned long *line)
{
	size_t	n = strlen(end);

	for (; p + n <= lim; p++) {
		if (memcmp(p, end, n) == 0)
			return p + n;
		if (*p == '\n')
			(*line)++;
	}
	return NULL;
}

/*
 * Check the bounds of XML_MAX_* on the raw text with one linear pass over
 * its markup: attributes per start tag (an '=' outside quotes), nesting
 * depth and the number of elements. Comments, CDATA sections and
 * processing instructions are skipped; anything malformed is left for
 * libxml2 to report. 0, or -1 with err set at the line of the offence.
 */
static int
xml_check_bounds(const char *text, size_t len, const char *file,
    struct error *err)
{
	const char	*p = text, *lim = text + len, *q;
	unsigned long	 line = 1, elements = 0;
	size_t		 depth = 0, attrs;
	char		 quote;

	while (p < lim) {
		if (*p != '<') {
			if (*p++ == '\n')
				line++;
			continue;
		}
		if (lim - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = xml_scan_past(p + 4, lim, "-->", &line);
		else if (lim - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			q = xml_scan_past(p + 9, lim, "]]>", &line);
		else if (lim - p >= 2 && (p[1] == '?' || p[1] == '!'))
			q = xml_scan_past(p + 2, lim, ">", &line);
		else if (lim - p >= 2 && p[1] == '/') {
			if (depth > 0)
				depth--;
			q = xml_scan_past(p + 2, lim, ">", &line);
		} else {
			/* A start tag: count its attributes. */
			if (++elements > XML_MAX_ELEMENTS)
				return error_set_at(err, file, line, 0,
				    "more than %lu elements", (unsigned long)
				    XML_MAX_ELEMENTS);
			attrs = 0;
			quote = 0;
			for (q = p + 1; q < lim; q++) {
				if (*q == '\n')
					line++;
				if (quote != 0) {
					if (*q == quote)
						quote = 0;
				} else if (*q == '"' || *q == '\'')
					quote = *q;
				else if (*q == '=') {
					if (++attrs > XML_MAX_ATTRIBUTES)
						return error_set_at(err, file,
						    line, 0, "an element has "
						    "more than %d attributes",
						    XML_MAX_ATTRIBUTES);
				} else if (*q == '>')
					break;
			}
			if (q >= lim)
				return 0;	/* unterminated: libxml2 says */
			if (q[-1] != '/' && ++depth > XML_MAX_DEPTH)
				return error_set_at(err, file, line, 0,
				    "elements nested more than %d deep",
				    XML_MAX_DEPTH);
			q++;
		}
		if (q == NULL)
			return 0;
		p = q;
	}
	return 0;
}

/*
 * An edited export that renames an object (renamed-from) still holds that
 * object's risks under the old id: they follow the rename, as the stored
 * ones will, rather than come back as decisions on an object that is gone.
 */
static void
xr_follow_renames(struct xr *r)
{
	const struct model_rename	*rn;
	struct risk			*k;
	struct error			 scratch;
	size_t				 i, j;

	/* A model that does not index is refused by the import itself. */
	if (r->model->nrenames == 0 || (!r->model->indexed &&
	    model_index(r->model, r->file, &scratch) == -1))
		return;
	for (i = 0; i < r->model->nrenames; i++) {
		rn = &r->model->renames[i];
		if (model_find(r->model, rn->from) != NULL)
			continue;
		for (j = 0; j < r->reg.n; j++) {
			k = r->reg.risks[j];
			if (k->target != NULL &&
			    strcmp(k->target, rn->from) == 0) {
				free(k->target);
				k->target = xstrdup(rn->to);
			}
		}
	}
}

int
xml_read(const char *text, size_t len, const char *file,
    struct model **model, struct risk_register *reg,
    struct change **history, size_t *nhistory, struct error *err)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc;
	struct xr		 r;
	int			 rc = -1;

	memset(&r, 0, sizeof r);
	r.file = file;
	r.err = err;
	buf_init(&r.err_msg);
	risk_register_init(&r.reg);
	strmap_init(&r.ids);
	*model = NULL;
	if (len > INT_MAX)
		return error_set_at(err, file, 0, 0, "document too large");
	if (xml_check_bounds(text, len, file, err) == -1 ||
	    dynlib_load(&xr_lib, err) == -1)
		return -1;

	if ((ctxt = xl.xmlNewParserCtxt()) == NULL)
		fatal("xmlNewParserCtxt: out of memory");
	ctxt->_private = &r;
	ctxt->sax->internalSubset = xr_doctype;
	ctxt->sax->serror = xr_parse_error;
	doc = xl.xmlCtxtReadMemory(ctxt, text, (int)len, file, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_BIG_LINES);
	if (r.dtd_line != 0) {
		error_set_at(err, file, r.dtd_line, 0,
		    "DTDs and entities are not allowed");
		goto out;
	}
	if (doc == NULL || !ctxt->wellFormed) {
		if (r.have_error)
			error_set_at(err, file, r.err_line, r.err_col, "%s",
			    r.err_msg.s);
		else
			error_set_at(err, file, 0, 0, "not an XML document");
		goto out;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		error_set_at(err, file, 1, 0,
		    "DTDs and entities are not allowed");
		goto out;
	}
	if (xr_validate(&r, doc) == -1 ||
	    xr_document(&r, xl.xmlDocGetRootElement(doc)) == -1)
		goto out;
	xr_follow_renames(&r);

	*model = r.model;
	r.model = NULL;
	xr_move_risks(&r, reg);
	*history = r.hist;
	*nhistory = r.nhist;
	r.hist = NULL;
	r.nhist = 0;
	rc = 0;
out:
	model_free(r.model);
	risk_register_release(&r.reg);
	strmap_release(&r.ids);
	while (r.nid > 0)
		free(r.idv[--r.nid]);
	free(r.idv);
	changes_free(r.hist, r.nhist);
	buf_release(&r.err_msg);
	xl.xmlFreeDoc(doc);
	xl.xmlFreeParserCtxt(ctxt);
	return rc;
}

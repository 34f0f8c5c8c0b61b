/*
 * interop.c: which other tool wrote a file, and what its readers share
 * (see interop.h).
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "interop/interop-int.h"
#include "interop/interop.h"
#include "interop/jdoc.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

/* Longest id made from a name, before a "-N" suffix. */
#define INTEROP_ID_MAX	48

void
interop_strings_init(struct interop_strings *l)
{
	l->v = NULL;
	l->n = 0;
}

void
interop_strings_release(struct interop_strings *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	interop_strings_init(l);
}

/* Append s, which the list takes over; returns it. */
static const char *
interop_strings_take(struct interop_strings *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
	return s;
}

const char *
interop_keep(struct interop_strings *l, const char *s)
{
	return interop_strings_take(l, xstrdup(s));
}

void
import_notes_init(struct import_notes *n)
{
	interop_strings_init(&n->lines);
}

void
import_notes_release(struct import_notes *n)
{
	interop_strings_release(&n->lines);
}

void
import_notes_add(struct import_notes *n, const char *fmt, ...)
{
	struct buf	b;
	va_list		ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	interop_strings_take(&n->lines, buf_detach(&b));
}

void
interop_note_apps(struct import_notes *n, size_t count, const char *one,
    const char *many, const char *detail)
{
	if (count > 0)
		import_notes_add(n, "%zu %s imported as application%s: set "
		    "the kind of each that is a model, agent, tool, "
		    "inference-service or training-pipeline, then answer its "
		    "AI facts (model-type, system-prompt, can-act, ...)",
		    count, count == 1 ? one : many, detail);
}

void
interop_note_stores(struct import_notes *n, size_t count, const char *one,
    const char *many)
{
	if (count > 0)
		import_notes_add(n, "%zu %s imported as datastore: set kind "
		    "dataset, vector-store or model-registry where it "
		    "applies, and its origin", count, count == 1 ? one :
		    many);
}

void
interop_note_flows(struct import_notes *n, size_t count, const char *detail,
    const char *tail)
{
	if (count > 0)
		import_notes_add(n, "%zu flow%s carr%s no data classes yet%s: "
		    "set data (prompt, documents, personal-data, credentials, "
		    "...)%s", count, count == 1 ? "" : "s", count == 1 ?
		    "ies" : "y", detail, tail);
}

void
interop_note_trust(struct import_notes *n, size_t count, const char *one,
    const char *many)
{
	if (count > 0)
		import_notes_add(n, "%zu %s without a trust level: set trust "
		    "(untrusted, partner, internal or restricted)", count,
		    count == 1 ? one : many);
}

int
interop_is_json(const char *text)
{
	text += strspn(text, " \t\r\n");
	return *text == '{' || *text == '[';
}

/* interop_is_json() on len bytes that need not end with a NUL. */
static int
interop_is_json_n(const char *text, size_t len)
{
	size_t	i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' ||
	    text[i] == '\r' || text[i] == '\n'))
		i++;
	return i < len && (text[i] == '{' || text[i] == '[');
}

/*
 * 1 if a line opens with a top-level key: key, 'key' or "key", then
 * blanks, a colon and a blank or the end of the line.
 */
static int
interop_line_key(const char *p, const char *end, const char *key)
{
	size_t	n = strlen(key);
	char	q = 0;

	if (p < end && (*p == '"' || *p == '\''))
		q = *p++;
	if ((size_t)(end - p) < n || strncmp(p, key, n) != 0)
		return 0;
	p += n;
	if (q != 0 && (p >= end || *p++ != q))
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p++ != ':')
		return 0;
	return p == end || *p == ' ' || *p == '\t' || *p == '\r';
}

int
interop_is_otm_yaml(const char *text, size_t len)
{
	const char	*p = text, *end = text + len, *nl;
	int		 otm = 0;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (interop_line_key(p, nl, "parapet"))
			return 0;
		if (interop_line_key(p, nl, "otmVersion"))
			otm = 1;
		p = nl + 1;
	}
	return otm;
}

struct model *
interop_read_decisions(const char *text, size_t len, const char *file,
    struct import_notes *notes, struct model_decisions *dec,
    struct error *err)
{
	struct model	*m;
	struct jdoc	*doc;
	struct jnode	*root;
	struct ydoc	*y;
	unsigned long	 line, col;
	int		 json;

	model_decisions_init(dec);
	json = interop_is_json_n(text, len);
	if (json) {
		if ((doc = jdoc_parse(text, len, file, err)) == NULL)
			return NULL;
	} else {
		/* Only the Open Threat Model is read from YAML. */
		if (len > JDOC_MAX_BYTES) {
			error_set_at(err, file, 0, 0, "the file is larger "
			    "than the limit of %lu bytes",
			    (unsigned long)JDOC_MAX_BYTES);
			return NULL;
		}
		if ((y = ydoc_parse(text, len, file, err)) == NULL)
			return NULL;
		doc = jdoc_from_ydoc(y, err);
		ydoc_free(y);
		if (doc == NULL)
			return NULL;
	}
	root = jdoc_root(doc);
	if (jnode_get(root, "otmVersion") != NULL || !json)
		m = otm_read(doc, file, notes, dec, err);
	else if (jnode_get(root, "bomFormat") != NULL) {
		/*
		 * The TM-BOM drafts in CycloneDX give their components a type
		 * "threat-model" that no CycloneDX release defines, and the
		 * library publishes its models in its own JSON: refused.
		 */
		jdoc_where(doc, jnode_get(root, "bomFormat"), &line, &col);
		error_set_at(err, file, line, col, "$.bomFormat: a CycloneDX "
		    "BOM is not a threat model Parapet reads (the TM-BOM "
		    "drafts in CycloneDX use a component type 'threat-model' "
		    "that CycloneDX does not define); give the model as the "
		    "OWASP Threat Model Library's JSON (TM-BOM 1.x), Open "
		    "Threat Model or Threat Dragon v2");
		m = NULL;
	} else if (jnode_get(root, "scope") != NULL &&
	    jnode_type(jnode_get(root, "scope")) == JT_OBJECT &&
	    (jnode_get(root, "trust_zones") != NULL ||
	    jnode_get(root, "components") != NULL ||
	    jnode_get(root, "data_flows") != NULL))
		m = tmbom_read(doc, file, notes, err);
	else
		m = td_read(doc, file, notes, err);
	if (m == NULL) {
		import_notes_release(notes);
		model_decisions_release(dec);
		model_decisions_init(dec);
	}
	jdoc_free(doc);
	return m;
}

void
interop_ids_init(struct interop_ids *ids)
{
	strmap_init(&ids->used);
	interop_strings_init(&ids->keys);
}

void
interop_ids_release(struct interop_ids *ids)
{
	strmap_release(&ids->used);
	interop_strings_release(&ids->keys);
}

/* Mark an id as taken. */
static void
interop_ids_take(struct interop_ids *ids, const char *id)
{
	strmap_put(&ids->used, interop_keep(&ids->keys, id), ids);
}

char *
interop_id_from_name(struct interop_ids *ids, const char *name,
    const char *prefix)
{
	struct buf	 b;
	const char	*p;
	size_t		 base, n;

	buf_init(&b);
	for (p = name != NULL ? name : ""; *p != '\0' &&
	    b.len < INTEROP_ID_MAX; p++) {
		if (isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			buf_addc(&b, (char)tolower((unsigned char)*p));
		else if (b.len > 0 && b.s[b.len - 1] != '-')
			buf_addc(&b, '-');
	}
	while (b.len > 0 && b.s[b.len - 1] == '-')
		buf_truncate(&b, b.len - 1);
	if (b.len == 0)
		buf_adds(&b, prefix);
	base = b.len;
	for (n = 2; strmap_get(&ids->used, b.s) != NULL; n++) {
		buf_truncate(&b, base);
		buf_addf(&b, "-%zu", n);
	}
	interop_ids_take(ids, b.s);
	return buf_detach(&b);
}

char *
interop_id_keep(struct interop_ids *ids, const char *given,
    const char *name, const char *prefix)
{
	size_t	i, n = strlen(given);
	int	uuid = n == 36;

	for (i = 0; uuid && i < n; i++)
		uuid = (i == 8 || i == 13 || i == 18 || i == 23) ?
		    given[i] == '-' : isxdigit((unsigned char)given[i]);
	if (!uuid && id_valid(given) && strmap_get(&ids->used, given) ==
	    NULL) {
		interop_ids_take(ids, given);
		return xstrdup(given);
	}
	return interop_id_from_name(ids, name, prefix);
}

char *
interop_name(const char *s)
{
	char	*c = xstrdup(s), *p;

	for (p = c; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return c;
}

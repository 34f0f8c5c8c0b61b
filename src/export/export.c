/* export.c: the table of export formats and what the writers share. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "interop/jdoc.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

const struct exporter exporters[] = {
	{ .name = "markdown", .ext = "md", .write = export_markdown,
	  .help = "sign-off report: summary, diagram, risk register, "
	  "sign-off", .history = 1, .risks_from = EXPORT_REPORT },
	{ .name = "xml", .ext = "xml", .write = export_xml,
	  .help = "model, risks, decisions and history (parapet.xsd; "
	  "re-importable)", .history = 1, .risks_from = EXPORT_STREAM },
	{ .name = "csv", .ext = "csv", .write = export_csv,
	  .help = "the risk register, one risk per row (RFC 4180)",
	  .risks_from = EXPORT_RISKS_CURSOR },
	{ .name = "dot", .ext = "dot", .write = export_dot,
	  .help = "data-flow diagram for Graphviz, trust boundaries as "
	  "clusters" },
	{ .name = "svg", .ext = "svg", .write = export_svg,
	  .help = "that diagram drawn as SVG (needs Graphviz's dot)" },
	{ .name = "yaml", .ext = "yaml", .write = export_yaml,
	  .help = "the model file (format 1) with decisions; re-importable",
	  .risks_from = EXPORT_RISKS_DECISIONS },
	{ .name = "sarif", .ext = "sarif", .write = export_sarif,
	  .help = "the risks as SARIF 2.1.0 for code scanning, on model "
	  "file lines" },
	{ .name = "threat-dragon", .ext = "json",
	  .write = export_threat_dragon, .lost = export_lost_threat_dragon,
	  .help = "OWASP Threat Dragon v2 JSON, risks as threats on their "
	  "elements" },
	{ .name = "otm", .ext = "json", .write = export_otm,
	  .lost = export_lost_otm,
	  .help = "Open Threat Model 0.2.0 JSON, risks as threats on their "
	  "elements" },
	{ .name = "tmbom", .ext = "json", .write = export_tmbom,
	  .lost = export_lost_tmbom,
	  .help = "OWASP Threat Model Library TM-BOM 1.0.1 JSON, no risks" },
};
const size_t nexporters = sizeof exporters / sizeof *exporters;

const struct exporter *
export_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nexporters; i++)
		if (strcmp(exporters[i].name, name) == 0)
			return &exporters[i];
	return NULL;
}

static int
export_practice_cmp(const void *a, const void *b)
{
	const struct practice	*x = *(struct practice *const *)a;
	const struct practice	*y = *(struct practice *const *)b;

	return strcmp(x->id, y->id);
}

/*
 * The model in format 1 with the decisions on its risks, as parapet import
 * reads it back: the YAML writer does the quoting. Practice answers are
 * written in the catalogue's order of questions (those the catalogue does
 * not know after them, by id), not in the order they were answered, so
 * that the same model always gives the same file.
 */
int
export_yaml(const struct export_input *in, struct buf *out, struct error *err)
{
	struct model		 m = *in->model;
	struct practice		*p;
	size_t			 i, n = 0, rest;
	int			 rc = 0;

	if (m.npractices > 0) {
		m.practices = xreallocarray(NULL, m.npractices,
		    sizeof *m.practices);
		for (i = 0; in->cat != NULL && i < in->cat->nquestions; i++)
			if ((p = model_practice(in->model,
			    in->cat->questions[i]->id)) != NULL)
				m.practices[n++] = p;
		rest = n;
		for (i = 0; i < in->model->npractices; i++) {
			p = in->model->practices[i];
			if (in->cat == NULL ||
			    catalogue_question(in->cat, p->id) == NULL)
				m.practices[n++] = p;
		}
		qsort(m.practices + rest, n - rest, sizeof *m.practices,
		    export_practice_cmp);
		m.npractices = n;
	}
	if (in->next_object != NULL)
		rc = model_write_yaml_stream(&m, in->next_object,
		    in->risk_source, in->risks, out, err);
	else
		model_write_yaml_decisions(&m, in->risks, out);
	if (m.practices != in->model->practices)
		free(m.practices);
	return rc;
}

/*
 * The largest file of format x that an import reads back, or 0 for a
 * format Parapet does not import: the model file and XML within the file
 * limit, Threat Dragon and OTM within the JSON reader's.
 */
size_t
export_reread_limit(const struct exporter *x)
{
	if (strcmp(x->name, "xml") == 0 || strcmp(x->name, "yaml") == 0)
		return limit_file_bytes();
	if (strcmp(x->name, "threat-dragon") == 0 ||
	    strcmp(x->name, "otm") == 0 || strcmp(x->name, "tmbom") == 0)
		return JDOC_MAX_BYTES;
	return 0;
}

struct export_span {
	size_t	first;
	size_t	n;
};

void
export_group_init(struct export_group *g, struct risk **risks, size_t n,
    const char *(*key)(const void *, const struct risk *), const void *arg)
{
	struct export_span	*sp;
	const char		**keys;
	size_t			  i, nspans = 0, at = 0;

	strmap_init(&g->by_key);
	g->spans = xcalloc(n + 1, sizeof *g->spans);
	g->risks = xreallocarray(NULL, n + 1, sizeof *g->risks);
	keys = xreallocarray(NULL, n + 1, sizeof *keys);
	/* Count the risks of each element, then place them in order. */
	for (i = 0; i < n; i++) {
		if ((keys[i] = key(arg, risks[i])) == NULL)
			continue;
		if ((sp = strmap_get(&g->by_key, keys[i])) == NULL) {
			sp = &g->spans[nspans++];
			strmap_put(&g->by_key, keys[i], sp);
		}
		sp->n++;
	}
	for (i = 0; i < nspans; i++) {
		g->spans[i].first = at;
		at += g->spans[i].n;
		g->spans[i].n = 0;
	}
	for (i = 0; i < n; i++) {
		if (keys[i] == NULL)
			continue;
		sp = strmap_get(&g->by_key, keys[i]);
		g->risks[sp->first + sp->n++] = risks[i];
	}
	free(keys);
}

struct risk **
export_group_get(const struct export_group *g, const char *key, size_t *n)
{
	const struct export_span	*sp;

	*n = 0;
	if (key == NULL || (sp = strmap_get(&g->by_key, key)) == NULL)
		return NULL;
	*n = sp->n;
	return g->risks + sp->first;
}

void
export_group_release(struct export_group *g)
{
	strmap_release(&g->by_key);
	free(g->spans);
	free(g->risks);
	memset(g, 0, sizeof *g);
}

struct risk **
export_sorted_risks(const struct export_input *in, size_t *n)
{
	struct risk_register	copy;

	*n = 0;
	if (in->risks == NULL || in->risks->n == 0)
		return NULL;
	copy.n = in->risks->n;
	copy.risks = xreallocarray(NULL, copy.n, sizeof *copy.risks);
	memcpy(copy.risks, in->risks->risks, copy.n * sizeof *copy.risks);
	risk_register_sort(&copy);
	*n = copy.n;
	return copy.risks;
}

struct risk **
export_applying_risks(const struct export_input *in, size_t *n)
{
	struct risk	**all, **out;
	size_t		  i, nall;

	all = export_sorted_risks(in, &nall);
	out = xreallocarray(NULL, nall + 1, sizeof *out);
	*n = 0;
	for (i = 0; i < nall; i++)
		if (all[i]->applies)
			out[(*n)++] = all[i];
	free(all);
	return out;
}

/* The STRIDE categories as each JSON format spells them. */
static const struct {
	const char	*otm;
	const char	*td;
} export_stride_words[STRIDE_COUNT] = {
	{ "Spoofing", "Spoofing" },
	{ "Tampering", "Tampering" },
	{ "Repudiation", "Repudiation" },
	{ "Information Disclosure", "Information disclosure" },
	{ "Denial of Service", "Denial of service" },
	{ "Elevation of Privilege", "Elevation of privilege" },
};

const char *
export_stride_word(int st, enum export_stride_format f)
{
	if (st < 0 || st >= STRIDE_COUNT)
		return NULL;
	if (f == EXPORT_STRIDE_OTM)
		return export_stride_words[st].otm;
	return export_stride_words[st].td;
}

const struct threat *
export_threat(const struct export_input *in, const struct risk *k)
{
	if (in->cat == NULL || k->threat == NULL)
		return NULL;
	return catalogue_threat(in->cat, k->threat);
}

void
export_risk_refs(const struct export_input *in, const struct risk *k,
    void (*fn)(void *, const char *, const char *), void *arg)
{
	const struct threat	*t = export_threat(in, k);
	struct refs		 refs;
	size_t			 i;

	if (t == NULL)
		return;
	catalogue_risk_refs(in->cat, k, &refs);
	for (i = 0; i < refs.n; i++)
		fn(arg, ref_scheme_name(refs.v[i].scheme), refs.v[i].id);
	refs_release(&refs);
	for (i = 0; i < vocab_stride.n; i++)
		if (t->stride & (1u << i))
			fn(arg, "stride", vocab_stride.words[i].name);
}

const char *
export_risk_title(const struct export_input *in, const struct risk *k)
{
	const struct threat	*t;

	if (k->title != NULL)
		return k->title;
	if ((t = export_threat(in, k)) != NULL && t->title != NULL)
		return t->title;
	return k->threat;
}

const char *
export_mitigation_title(const struct export_input *in, const char *id)
{
	const struct mitigation	*m;

	if (in->cat == NULL || id == NULL)
		return NULL;
	if ((m = catalogue_mitigation(in->cat, id)) == NULL)
		return NULL;
	return m->title;
}

/* 1 if code point c may appear in an XML 1.0 document. */
static int
xml_char_ok(uint32_t c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	return c != 0xfffe && c != 0xffff;
}

int
xml_text_escape(const char *s, size_t len, struct buf *out)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, j, n;
	uint32_t		 c;
	int			 need = 0;

	for (i = 0; i < len && !need; i += n) {
		/* Printable ASCII, the most of any text, needs no decoding. */
		n = 1;
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f)
			continue;
		if ((n = utf8_decode(s + i, len - i, &c)) == 0 ||
		    !xml_char_ok(c))
			need = 1;
	}
	if (!need)
		return 0;
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode(s + i, len - i, &c)) == 0 ||
		    !xml_char_ok(c)) {
			/* Each byte of it: \xHH. */
			if (n == 0)
				n = 1;
			for (j = 0; j < n; j++) {
				c = (unsigned char)s[i + j];
				buf_adds(out, "\\x");
				buf_addc(out, hex[c >> 4]);
				buf_addc(out, hex[c & 0xf]);
			}
		} else if (c == '\\')
			buf_adds(out, "\\\\");
		else
			buf_add(out, s + i, n);
	}
	return 1;
}

/* Value of a hex digit, or -1. */
static int
xml_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
xml_text_unescape(const char *s, struct buf *out)
{
	int	hi, lo;

	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			buf_addc(out, *s);
			continue;
		}
		if (s[1] == '\\') {
			buf_addc(out, '\\');
			s++;
			continue;
		}
		if (s[1] != 'x' || (hi = xml_hexval(s[2])) == -1 ||
		    (lo = xml_hexval(s[3])) == -1 || (hi == 0 && lo == 0))
			return -1;
		buf_addc(out, (char)(hi << 4 | lo));
		s += 3;
	}
	return 0;
}

/* The SVG's path beside a report: its extension replaced by .svg. */
static char *
export_svg_path(const char *path)
{
	const char	*slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot != NULL && (slash == NULL || dot > slash + 1))
		return xasprintf("%.*s.svg", (int)(dot - path), path);
	return xasprintf("%s.svg", path);
}

/*
 * 1 if the report of a model gets its diagram drawn as an SVG: a model
 * whole (not read one object at a time) and small enough.
 */
static int
export_svg_drawable(const struct export_input *in)
{
	return in->model != NULL && in->next_object == NULL &&
	    in->model->ncomponents + in->model->nflows <=
	    EXPORT_SVG_MAX_OBJECTS;
}

/* The file an export streams into, and how much it has been handed. */
struct export_sink {
	struct file_out	fo;
	size_t		n;
};

static void
export_sink_write(void *ctx, const char *p, size_t len)
{
	struct export_sink	*k = ctx;

	k->n += len;
	file_out_write(&k->fo, p, len);
}

void
export_input_whole(struct export_input *in, const struct model *m,
    const struct risk_register *reg, const struct catalogue *cat,
    const struct change *history, size_t nhistory, const char *generated_at)
{
	memset(in, 0, sizeof *in);
	in->model = m;
	in->risks = reg;
	in->cat = cat;
	in->history = history;
	in->nhistory = nhistory;
	in->generated_at = generated_at;
}

long
export_write_file(const struct exporter *x, const struct export_input *in,
    const char *path, char **svg, struct error *err)
{
	struct export_input	 with = *in;
	struct export_sink	 sink;
	struct buf		 b, pic;
	struct error		 e2;
	const char		*base;
	char			*svgpath = NULL;
	long			 rc = -1;
	size_t			 max;

	*svg = NULL;
	buf_init(&b);
	buf_init(&pic);
	/*
	 * Streamed into the file, renamed over path once whole. Opened
	 * first, so that a path that cannot be written is named as itself,
	 * not as its diagram's, and leaves no diagram behind.
	 */
	sink.n = 0;
	if (file_out_open(&sink.fo, path, EXPORT_FILE_MODE, err) == -1)
		goto out;
	/*
	 * A diagram Graphviz cannot draw leaves the report without it; so
	 * does a report to a device or a pipe (no "/dev/null.svg").
	 */
	if (x->write == export_markdown && !file_is_special(path) &&
	    export_svg_drawable(in) &&
	    export_svg_available() && export_svg(in, &pic, &e2) == 0) {
		svgpath = export_svg_path(path);
		if (file_write_atomic(svgpath, pic.s, pic.len,
		    EXPORT_FILE_MODE, err) == -1) {
			file_out_abort(&sink.fo);
			goto out;
		}
		base = strrchr(svgpath, '/');
		with.diagram_svg = base != NULL ? base + 1 : svgpath;
	}
	buf_set_sink(&b, export_sink_write, &sink);
	if (x->write(&with, &b, err) == -1) {
		file_out_abort(&sink.fo);
		goto out;
	}
	buf_flush(&b);
	/* What Parapet writes, it reads: a file of a format that import
	 * reads, larger than an import would accept, is not written. */
	if ((max = export_reread_limit(x)) != 0 && sink.n > max) {
		file_out_abort(&sink.fo);
		error_set(err, "the %s export would be %zu bytes, more than the "
		    "%zu bytes an import reads: not written", x->name, sink.n,
		    max);
		goto out;
	}
	if (file_out_commit(&sink.fo, err) == -1)
		goto out;
	rc = (long)sink.n;
	*svg = svgpath;
	svgpath = NULL;
out:
	free(svgpath);
	buf_release(&pic);
	buf_release(&b);
	return rc;
}

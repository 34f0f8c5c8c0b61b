/*
 * sarif.c: the risk register as SARIF 2.1.0, for code-scanning services.
 *
 * One run of the tool "Parapet". Each threat behind a risk that applies is
 * a rule (reportingDescriptor): its title as short description, its
 * description, why it matters, its mitigations and its references as help,
 * the references as tags too, and the default level and GitHub's
 * "security-severity" from the catalogue's likelihood and impact. Each
 * risk that applies is a result on its rule:
 *
 *  - open and mitigating risks are failures, at level error (critical,
 *    high), warning (medium) or note (low);
 *  - accepted and not-applicable risks carry an external suppression with
 *    status "accepted" and the risk owner's justification, so that a
 *    code-scanning service shows them as dismissed;
 *  - mitigated risks are passes (kind "pass", level "none").
 *
 * A result's location is the line and column of its component, flow or
 * boundary (the system's for risks about the whole system) in the model
 * file the input names (export_input.source_file, positions from
 * export_input.source: the file given to the export, or the one the model
 * was imported from, as the database recorded it), and a logical location
 * with the object's id in any case. A fingerprint
 * "THREAT@TARGET" keeps a result the same across edits that move lines.
 *
 * Text from the model and the catalogue is JSON-escaped (json-write.h);
 * in messages, '[', ']' and '\' are backslash-escaped as SARIF 3.11.6
 * asks, so that no text becomes an embedded link. No arguments are given,
 * so braces are never placeholders.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "export/json-write.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

#define SARIF_SCHEMA	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
			"errata01/os/schemas/sarif-schema-2.1.0.json"
#define SARIF_FINGERPRINT "parapetRisk/v1"

struct sarif {
	struct json_write		 w;
	const struct export_input	*in;
	struct risk			**risks;	/* applying, sorted */
	size_t				  nrisks;
	const char			**rules;	/* threat ids, sorted */
	size_t				  nrules;
};

/* SARIF level of a severity. */
static const char *
sarif_level(int severity)
{
	switch (severity) {
	case LEVEL_CRITICAL:
	case LEVEL_HIGH:
		return "error";
	case LEVEL_MEDIUM:
		return "warning";
	default:
		return "note";
	}
}

/* GitHub's security-severity (0.1-10.0) of a severity. */
static const char *
sarif_security_severity(int severity)
{
	switch (severity) {
	case LEVEL_CRITICAL:
		return "9.5";
	case LEVEL_HIGH:
		return "8.0";
	case LEVEL_MEDIUM:
		return "5.5";
	default:
		return "2.0";
	}
}

/* Plain message text: '[', ']' and '\' escaped (SARIF 3.11.6). */
static void
sarif_message_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '[' || *s == ']' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
}

static int
sarif_strcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The applying risks, and the distinct threats behind them (sorted). */
static void
sarif_collect(struct sarif *x)
{
	struct risk	**all;
	struct strmap	  seen;
	size_t		  i, n;

	all = export_sorted_risks(x->in, &n);
	x->risks = xreallocarray(NULL, n + 1, sizeof *x->risks);
	x->rules = xreallocarray(NULL, n + 1, sizeof *x->rules);
	strmap_init(&seen);
	for (i = 0; i < n; i++) {
		if (!all[i]->applies)
			continue;
		x->risks[x->nrisks++] = all[i];
		if (strmap_get(&seen, all[i]->threat) == NULL) {
			strmap_put(&seen, all[i]->threat, all[i]);
			x->rules[x->nrules++] = all[i]->threat;
		}
	}
	strmap_release(&seen);
	free(all);
	qsort(x->rules, x->nrules, sizeof *x->rules, sarif_strcmp);
}

static long
sarif_rule_index(const struct sarif *x, const char *threat)
{
	const char	**p;

	p = bsearch(&threat, x->rules, x->nrules, sizeof *x->rules,
	    sarif_strcmp);
	return p != NULL ? (long)(p - x->rules) : -1;
}

/* "atlas:AML.T0051", the tag of a reference. */
static void
sarif_tag(struct json_write *w, const char *scheme, const char *id)
{
	struct buf	b;

	buf_init(&b);
	buf_addf(&b, "%s:%s", scheme, id);
	json_write_string(w, b.s);
	buf_release(&b);
}

/* The help text of a threat: description, why, mitigations, references. */
static void
sarif_help(const struct sarif *x, const struct threat *t, struct buf *b)
{
	const char	*title;
	size_t		 i;

	if (t->description != NULL)
		buf_addf(b, "%s\n", t->description);
	if (t->why != NULL)
		buf_addf(b, "\nWhy it matters: %s\n", t->why);
	if (t->nmitigations > 0)
		buf_adds(b, "\nMitigations:\n");
	for (i = 0; i < t->nmitigations; i++) {
		title = export_mitigation_title(x->in, t->mitigations[i]);
		buf_addf(b, "- %s%s%s\n", t->mitigations[i],
		    title != NULL ? ": " : "", title != NULL ? title : "");
	}
	if (t->refs.n > 0)
		buf_adds(b, "\nReferences:\n");
	for (i = 0; i < t->refs.n; i++) {
		title = catalogue_ref_title(x->in->cat, t->refs.v[i].scheme,
		    t->refs.v[i].id);
		buf_addf(b, "- %s %s%s%s\n",
		    ref_scheme_name(t->refs.v[i].scheme), t->refs.v[i].id,
		    title != NULL ? ": " : "", title != NULL ? title : "");
	}
}

/* A link for a threat: its first MITRE ATLAS technique, or NULL. */
static char *
sarif_help_uri(const struct threat *t)
{
	struct buf	b;
	size_t		i;

	for (i = 0; i < t->refs.n; i++) {
		if (t->refs.v[i].scheme != REF_ATLAS ||
		    strncmp(t->refs.v[i].id, "AML.T", 5) != 0)
			continue;
		buf_init(&b);
		buf_addf(&b, "https://atlas.mitre.org/techniques/%s",
		    t->refs.v[i].id);
		return buf_detach(&b);
	}
	return NULL;
}

/* One rule: a threat of the catalogue (or only its id if unknown). */
static void
sarif_rule(struct sarif *x, const char *id)
{
	struct json_write	*w = &x->w;
	const struct threat	*t = NULL;
	struct buf		 b;
	char			*uri;
	size_t			 i;
	int			 sev;

	if (x->in->cat != NULL)
		t = catalogue_threat(x->in->cat, id);
	json_begin_object(w);
	json_kv_string(w, "id", id);
	if (t == NULL) {
		json_key_begin_object(w, "shortDescription");
		json_kv_string(w, "text", id);
		json_end_object(w);
		json_end_object(w);
		return;
	}
	sev = risk_severity(t->likelihood, t->impact);
	json_key_begin_object(w, "shortDescription");
	json_kv_string(w, "text", t->title != NULL ? t->title : id);
	json_end_object(w);
	if (t->description != NULL) {
		json_key_begin_object(w, "fullDescription");
		json_kv_string(w, "text", t->description);
		json_end_object(w);
	}
	buf_init(&b);
	sarif_help(x, t, &b);
	json_key_begin_object(w, "help");
	json_kv_string(w, "text", b.len > 0 ? b.s : id);
	json_end_object(w);
	buf_release(&b);
	if ((uri = sarif_help_uri(t)) != NULL) {
		json_kv_string(w, "helpUri", uri);
		free(uri);
	}
	json_key_begin_object(w, "defaultConfiguration");
	json_kv_string(w, "level", sarif_level(sev));
	json_end_object(w);
	json_key_begin_object(w, "properties");
	json_key_begin_array(w, "tags");
	json_write_string(w, "security");
	json_write_string(w, "threat-model");
	for (i = 0; i < t->refs.n; i++)
		sarif_tag(w, ref_scheme_name(t->refs.v[i].scheme),
		    t->refs.v[i].id);
	for (i = 0; i < vocab_stride.n; i++)
		if (t->stride & (1u << i))
			sarif_tag(w, "stride", vocab_stride.words[i].name);
	json_end_array(w);
	json_key(w, "security-severity");
	json_write_string(w, sarif_security_severity(sev));
	json_kv_string(w, "target", target_type_name(t->target));
	json_kv_int(w, "likelihood", t->likelihood);
	json_kv_int(w, "impact", t->impact);
	json_end_object(w);
	json_end_object(w);
}

/* The object a risk is about: its position and SARIF logical kind. */
static const struct srcpos *
sarif_target(const struct sarif *x, const struct risk *k,
    const char **kind, const char **name)
{
	const struct model	*src = x->in->source;
	const struct model	*m = x->in->model;
	const struct objref	*ref;
	const struct objref	*sref = NULL;

	*kind = "system";
	*name = m->system.name;
	if (strcmp(k->target, m->system.id) != 0 &&
	    (ref = model_find(m, k->target)) != NULL) {
		*kind = objtype_name(ref->type);
		switch (ref->type) {
		case OBJ_COMPONENT:
			*name = ((const struct component *)ref->ptr)->name;
			break;
		case OBJ_FLOW:
			*name = ((const struct flow *)ref->ptr)->name;
			break;
		case OBJ_BOUNDARY:
			*name = ((const struct boundary *)ref->ptr)->name;
			break;
		default:
			break;
		}
	}
	if (src == NULL || x->in->source_file == NULL)
		return NULL;
	if (strcmp(k->target, src->system.id) == 0)
		return src->system.pos.line > 0 ? &src->system.pos : NULL;
	if ((sref = model_find(src, k->target)) == NULL)
		return NULL;
	switch (sref->type) {
	case OBJ_COMPONENT:
		return &((const struct component *)sref->ptr)->pos;
	case OBJ_FLOW:
		return &((const struct flow *)sref->ptr)->pos;
	case OBJ_BOUNDARY:
		return &((const struct boundary *)sref->ptr)->pos;
	default:
		return NULL;
	}
}

/*
 * A relative file name or an absolute path as a URI reference: every byte
 * outside the unreserved set and '/' percent-encoded. A leading "./" (a
 * file imported as ./threat-model.yaml) is dropped: code-scanning services
 * match a result's file against the repository's paths, which have none.
 */
static void
sarif_uri(struct buf *b, const char *path)
{
	static const char	hex[] = "0123456789ABCDEF";
	const unsigned char	*p;

	if (path[0] == '/')
		buf_adds(b, "file://");
	else {
		while (path[0] == '.' && path[1] == '/') {
			path += 2;
			while (path[0] == '/')
				path++;
		}
	}
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			buf_addc(b, (char)*p);
		else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 0xf]);
		}
	}
}

static void
sarif_location(struct sarif *x, const struct risk *k)
{
	struct json_write	*w = &x->w;
	const struct srcpos	*pos;
	const char		*kind, *name;
	struct buf		 b;

	pos = sarif_target(x, k, &kind, &name);
	json_key_begin_array(w, "locations");
	json_begin_object(w);
	if (pos != NULL && pos->line > 0) {
		buf_init(&b);
		sarif_uri(&b, x->in->source_file);
		json_key_begin_object(w, "physicalLocation");
		json_key_begin_object(w, "artifactLocation");
		json_kv_string(w, "uri", b.s);
		json_kv_int(w, "index", 0);
		json_end_object(w);
		json_key_begin_object(w, "region");
		json_kv_int(w, "startLine", (long)pos->line);
		if (pos->col > 0)
			json_kv_int(w, "startColumn", (long)pos->col);
		json_end_object(w);
		json_end_object(w);
		buf_release(&b);
	}
	json_key_begin_array(w, "logicalLocations");
	json_begin_object(w);
	json_kv_string(w, "name", k->target);
	buf_init(&b);
	buf_addf(&b, "%s/%s", x->in->model->system.id, k->target);
	json_kv_string(w, "fullyQualifiedName", b.s);
	buf_release(&b);
	json_kv_string(w, "kind", kind);
	json_end_object(w);
	json_end_array(w);
	if (name != NULL) {
		json_key_begin_object(w, "message");
		buf_init(&b);
		sarif_message_text(&b, name);
		json_kv_string(w, "text", b.s);
		buf_release(&b);
		json_end_object(w);
	}
	json_end_object(w);
	json_end_array(w);
}

/* The message of a result: title, target, scoring and why. */
static void
sarif_message(struct sarif *x, const struct risk *k, struct buf *b)
{
	const char	*kind, *name, *sev;
	size_t		 i;

	(void)sarif_target(x, k, &kind, &name);
	sev = vocab_name(&vocab_severity, k->severity);
	sarif_message_text(b, export_risk_title(x->in, k));
	buf_adds(b, " (");
	buf_adds(b, kind);
	buf_adds(b, " '");
	sarif_message_text(b, name != NULL ? name : k->target);
	buf_addf(b, "'): %s, likelihood %d x impact %d, %s.", sev != NULL ?
	    sev : "?", k->likelihood, k->impact,
	    vocab_name(&vocab_risk_status, k->status));
	for (i = 0; i < k->nreasons; i++) {
		buf_adds(b, i == 0 ? " Why: " : "; ");
		sarif_message_text(b, k->reasons[i].line);
	}
	if (k->nreasons > 0)
		buf_addc(b, '.');
}

static void
sarif_mitigations(struct json_write *w, const struct risk *k)
{
	const struct risk_mitigation	*mi;
	size_t				 i;

	json_key_begin_array(w, "mitigations");
	for (i = 0; i < k->nmitigations; i++) {
		mi = &k->mitigations[i];
		json_begin_object(w);
		json_kv_string(w, "id", mi->id);
		json_kv_string(w, "status", vocab_name(
		    &vocab_mitigation_status, mi->status));
		json_kv_string_opt(w, "owner", mi->owner);
		json_kv_string_opt(w, "due", mi->due);
		json_kv_string_opt(w, "notes", mi->notes);
		json_end_object(w);
	}
	json_end_array(w);
}

static void
sarif_result(struct sarif *x, const struct risk *k)
{
	struct json_write	*w = &x->w;
	struct buf		 b;
	char			*name = risk_name(k);
	size_t			 i;
	long			 ri = sarif_rule_index(x, k->threat);

	json_begin_object(w);
	json_kv_string(w, "ruleId", k->threat);
	if (ri >= 0)
		json_kv_int(w, "ruleIndex", ri);
	if (k->status == RISK_MITIGATED) {
		json_kv_string(w, "kind", "pass");
		json_kv_string(w, "level", "none");
	} else {
		json_kv_string(w, "kind", "fail");
		json_kv_string(w, "level", sarif_level(k->severity));
	}
	buf_init(&b);
	sarif_message(x, k, &b);
	json_key_begin_object(w, "message");
	json_kv_string(w, "text", b.s);
	json_end_object(w);
	buf_release(&b);
	sarif_location(x, k);
	json_key_begin_object(w, "partialFingerprints");
	json_kv_string(w, SARIF_FINGERPRINT, name);
	json_end_object(w);
	if (k->status == RISK_ACCEPTED || k->status == RISK_NOT_APPLICABLE) {
		buf_init(&b);
		buf_addf(&b, "%s", k->status == RISK_ACCEPTED ? "accepted" :
		    "not applicable");
		if (k->owner != NULL)
			buf_addf(&b, " by %s", k->owner);
		if (k->justification != NULL)
			buf_addf(&b, ": %s", k->justification);
		json_key_begin_array(w, "suppressions");
		json_begin_object(w);
		json_kv_string(w, "kind", "external");
		json_kv_string(w, "status", "accepted");
		json_kv_string(w, "justification", b.s);
		json_end_object(w);
		json_end_array(w);
		buf_release(&b);
	}
	json_key_begin_object(w, "properties");
	json_kv_string(w, "risk", name);
	json_kv_string(w, "target", k->target);
	json_kv_string(w, "status", vocab_name(&vocab_risk_status,
	    k->status));
	json_kv_string(w, "severity", vocab_name(&vocab_severity,
	    k->severity));
	json_kv_int(w, "likelihood", k->likelihood);
	json_kv_int(w, "impact", k->impact);
	json_kv_string_opt(w, "owner", k->owner);
	json_kv_string_opt(w, "justification", k->justification);
	json_kv_string_opt(w, "decidedBy", k->decided_by);
	json_kv_string_opt(w, "decidedAt", k->decided_at);
	json_key_begin_array(w, "reasons");
	for (i = 0; i < k->nreasons; i++)
		json_write_string(w, k->reasons[i].line);
	json_end_array(w);
	sarif_mitigations(w, k);
	json_end_object(w);
	json_end_object(w);
	free(name);
}

int
export_sarif(const struct export_input *in, struct buf *out,
    struct error *err)
{
	struct sarif		 x;
	struct json_write	*w = &x.w;
	struct buf		 b;
	size_t			 i;

	(void)err;
	memset(&x, 0, sizeof x);
	x.in = in;
	json_write_init(w, out);
	sarif_collect(&x);
	json_begin_object(w);
	json_kv_string(w, "$schema", SARIF_SCHEMA);
	json_kv_string(w, "version", "2.1.0");
	json_key_begin_array(w, "runs");
	json_begin_object(w);
	json_key_begin_object(w, "tool");
	json_key_begin_object(w, "driver");
	json_kv_string(w, "name", "Parapet");
	json_kv_string(w, "semanticVersion", PACKAGE_VERSION);
	json_kv_string_opt(w, "version", in->cat != NULL ? in->cat->version :
	    NULL);
	json_key_begin_array(w, "rules");
	for (i = 0; i < x.nrules; i++)
		sarif_rule(&x, x.rules[i]);
	json_end_array(w);
	json_end_object(w);
	json_end_object(w);
	if (in->source_file != NULL && in->source != NULL) {
		buf_init(&b);
		sarif_uri(&b, in->source_file);
		json_key_begin_array(w, "artifacts");
		json_begin_object(w);
		json_key_begin_object(w, "location");
		json_kv_string(w, "uri", b.s);
		json_end_object(w);
		json_kv_string(w, "mimeType", "application/yaml");
		json_key_begin_array(w, "roles");
		json_write_string(w, "analysisTarget");
		json_end_array(w);
		json_end_object(w);
		json_end_array(w);
		buf_release(&b);
	}
	json_key_begin_object(w, "automationDetails");
	buf_init(&b);
	buf_addf(&b, "parapet/%s/", in->model->system.id);
	json_kv_string(w, "id", b.s);
	buf_release(&b);
	json_end_object(w);
	json_key_begin_array(w, "results");
	for (i = 0; i < x.nrisks; i++)
		sarif_result(&x, x.risks[i]);
	json_end_array(w);
	json_key_begin_object(w, "properties");
	json_kv_string(w, "model", in->model->system.id);
	json_kv_int(w, "revision", in->model->revision);
	json_kv_string_opt(w, "generatedAt", in->generated_at);
	json_end_object(w);
	json_end_object(w);
	json_end_array(w);
	json_end_object(w);
	free(x.risks);
	free(x.rules);
	return 0;
}

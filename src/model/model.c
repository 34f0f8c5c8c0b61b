/* model.c: the in-memory model of format 1 and its field tables. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define K(k)	KIND_BIT(KIND_##k)
#define C(f)	offsetof(struct component, f)

static const struct field system_fields[] = {
	{ "id", FIELD_ID, NULL, offsetof(struct system, id), 0, FIELD_REQUIRED,
	  "identifier of the system, used to address the model" },
	{ "name", FIELD_TEXT, NULL, offsetof(struct system, name), 0,
	  FIELD_REQUIRED, "name of the system" },
	{ "description", FIELD_TEXT, NULL, offsetof(struct system, description),
	  0, FIELD_MULTILINE, "what the system does and for whom" },
	{ "owner", FIELD_TEXT, NULL, offsetof(struct system, owner), 0, 0,
	  "the risk owner who signs off" },
	{ "team", FIELD_TEXT, NULL, offsetof(struct system, team), 0, 0,
	  "the team that runs the system, to filter the organisation's "
	  "register by" },
	{ "criticality", FIELD_ENUM, &vocab_criticality,
	  offsetof(struct system, criticality), 0, 0,
	  "harm if the system is compromised or misbehaves; high or critical "
	  "raises impact, low lowers it" },
};

static const struct field boundary_fields[] = {
	{ "id", FIELD_ID, NULL, offsetof(struct boundary, id), 0,
	  FIELD_REQUIRED, "identifier of the trust boundary" },
	{ "name", FIELD_TEXT, NULL, offsetof(struct boundary, name), 0,
	  FIELD_REQUIRED, "name of the trust boundary" },
	{ "trust", FIELD_ENUM, &vocab_trust, offsetof(struct boundary, trust),
	  0, 0, "how far what runs inside is trusted" },
	{ "jurisdiction", FIELD_ENUM, &vocab_jurisdiction,
	  offsetof(struct boundary, jurisdiction), 0, 0, "whose law covers "
	  "what is inside: home (that of the organisation and the people "
	  "whose data it handles) or abroad (another country's)" },
	{ "description", FIELD_TEXT, NULL,
	  offsetof(struct boundary, description), 0, FIELD_MULTILINE,
	  "what the boundary holds and who controls it" },
};

static const struct field component_fields[] = {
	{ "id", FIELD_ID, NULL, C(id), KIND_ALL, FIELD_REQUIRED,
	  "identifier of the component" },
	{ "name", FIELD_TEXT, NULL, C(name), KIND_ALL, FIELD_REQUIRED,
	  "name of the component" },
	{ "kind", FIELD_KIND, &vocab_kind, C(kind), KIND_ALL, FIELD_REQUIRED,
	  "what sort of component it is" },
	{ "boundary", FIELD_REF, NULL, C(boundary), KIND_ALL, 0,
	  "the trust boundary it runs in" },
	{ "description", FIELD_TEXT, NULL, C(description), KIND_ALL,
	  FIELD_MULTILINE, "what it does" },
	{ "owner", FIELD_TEXT, NULL, C(owner), KIND_ALL, 0,
	  "who is responsible for it" },
	{ "provider", FIELD_ENUM, &vocab_provider, C(provider), KIND_ALL, 0,
	  "who builds and supplies it" },
	{ "exposure", FIELD_ENUM, &vocab_exposure, C(exposure), KIND_ALL, 0,
	  "who can reach it" },
	{ "untrusted-input", FIELD_BOOL, NULL, C(untrusted_input), KIND_ALL, 0,
	  "it takes input that an attacker could write" },
	{ "personal-data", FIELD_BOOL, NULL, C(personal_data), KIND_ALL, 0,
	  "it holds or handles data about identifiable people" },
	{ "confidential-data", FIELD_BOOL, NULL, C(confidential_data),
	  KIND_ALL, 0, "it holds or handles confidential business data" },
	{ "biometric-data", FIELD_BOOL, NULL, C(biometric_data), KIND_ALL, 0,
	  "it holds or handles biometric data: voiceprints, face templates, "
	  "recordings used to identify people" },
	{ "operated-by", FIELD_ENUM, &vocab_operated_by, C(operated_by),
	  KIND_ALL & ~(K(USER) | K(OPERATOR)), 0,
	  "who runs it day to day, whoever supplied it or its model" },
	{ "minors", FIELD_BOOL, NULL, C(minors), K(USER), 0,
	  "the people are or include children (under 18): pupils, young "
	  "players, the users of a service for children" },
	{ "model-type", FIELD_SET, &vocab_model_type, C(model_type), K(MODEL),
	  FIELD_ONE_WORD, "what the model does: one word, or several for a "
	  "model that does more than one thing" },
	{ "fine-tuned", FIELD_BOOL, NULL, C(fine_tuned), K(MODEL), 0,
	  "the model was fine-tuned on the organisation's data" },
	{ "learns-from-feedback", FIELD_BOOL, NULL, C(learns_from_feedback),
	  K(MODEL), 0, "user feedback or production data is fed back into "
	  "training" },
	{ "open-weights", FIELD_BOOL, NULL, C(open_weights), K(MODEL), 0,
	  "the weights are published or downloadable" },
	{ "system-prompt", FIELD_BOOL, NULL, C(system_prompt), K(MODEL), 0,
	  "a system or meta prompt steers the model" },
	{ "prompt-secrets", FIELD_BOOL, NULL, C(prompt_secrets), K(MODEL), 0,
	  "its system prompt holds what its users should not learn or could "
	  "turn against the system: credentials, internal addresses or system "
	  "names, access rules or limits the model is told to enforce, "
	  "business logic worth copying" },
	{ "weights-format", FIELD_ENUM, &vocab_weights_format,
	  C(weights_format), K(MODEL), 0, "file format of the weights" },
	{ "model-value", FIELD_ENUM, &vocab_model_value, C(model_value),
	  K(MODEL), 0, "what the model itself is worth to the organisation "
	  "or to someone who would copy it, apart from the system's "
	  "criticality" },
	{ "authenticated", FIELD_BOOL, NULL, C(authenticated),
	  K(INFERENCE_SERVICE), 0, "callers must authenticate" },
	{ "rate-limited", FIELD_BOOL, NULL, C(rate_limited),
	  K(INFERENCE_SERVICE), 0, "queries per caller are limited" },
	{ "returns-scores", FIELD_BOOL, NULL, C(returns_scores),
	  K(INFERENCE_SERVICE), 0, "scores, probabilities or log-probabilities "
	  "are returned to callers" },
	{ "origin", FIELD_ENUM, &vocab_origin, C(origin),
	  K(DATASET) | K(DATA_SOURCE) | K(VECTOR_STORE), 0,
	  "where the data or indexed content comes from" },
	{ "integrity-verified", FIELD_BOOL, NULL, C(integrity_verified),
	  K(DATASET) | K(MODEL_REGISTRY), 0,
	  "hashes or signatures are checked" },
	{ "capture", FIELD_ENUM, &vocab_capture, C(capture),
	  K(DATASET) | K(DATA_SOURCE), 0, "how its content comes in: "
	  "captured from the physical world (camera, microphone, sensor) or "
	  "sent as files or records (upload, import)" },
	{ "addressed-to", FIELD_ENUM, &vocab_addressed_to, C(addressed_to),
	  K(DATASET) | K(DATA_SOURCE), 0, "whom the people speaking into "
	  "its microphone address: the system (a voice assistant) or each "
	  "other (a recorded meeting, a call transcribed later)" },
	{ "built-in", FIELD_BOOL, NULL, C(built_in), K(DATA_SOURCE), 0,
	  "it is part of the device that runs the parts it feeds (a phone's "
	  "microphone or camera used by an app on that phone): what it sends "
	  "them crosses no network" },
	{ "voice-recordings", FIELD_BOOL, NULL, C(voice_recordings),
	  K(DATASET) | K(DATA_SOURCE) | K(DATASTORE), 0, "it keeps "
	  "recordings of people's voices: recorded calls, voice enrolment "
	  "samples, voice notes" },
	{ "labels-vetted", FIELD_BOOL, NULL, C(labels_vetted),
	  K(DATASET) | K(DATA_SOURCE), 0, "labels, ratings and corrections "
	  "are checked by a trusted reviewer or against other sources before "
	  "they are used for training" },
	{ "retention", FIELD_ENUM, &vocab_retention, C(retention),
	  K(DATASET) | K(VECTOR_STORE) | K(DATASTORE) | K(MONITORING), 0,
	  "how long what it holds is kept: none (not beyond the request or "
	  "task), limited (deleted at the end of a set period) or indefinite" },
	{ "retention-period", FIELD_TEXT, NULL, C(retention_period),
	  K(DATASET) | K(VECTOR_STORE) | K(DATASTORE) | K(MONITORING), 0,
	  "the period after which it is deleted, in the system's terms: 30 "
	  "days after the call, one year, until the account is closed" },
	{ "access-control", FIELD_ENUM, &vocab_access_control,
	  C(access_control), K(VECTOR_STORE), 0,
	  "who may read what retrieval returns: none (by similarity alone, "
	  "whoever asks), per-user (only what the asker may read) or uniform "
	  "(everyone who can ask may read all of it)" },
	{ "aggregation", FIELD_SET, &vocab_aggregation, C(aggregation),
	  K(TRAINING_PIPELINE), FIELD_ONE_WORD, "for training that combines "
	  "participants' model updates, how it treats them: plain, secure "
	  "(secure aggregation), differential-privacy, robust (robust "
	  "aggregation or update validation); one word or several" },
	{ "can-act", FIELD_BOOL, NULL, C(can_act), K(AGENT) | K(TOOL), 0,
	  "it can change things: write, send, buy, delete" },
	{ "executes-code", FIELD_BOOL, NULL, C(executes_code),
	  K(AGENT) | K(TOOL), 0, "it runs code or commands" },
	{ "human-approval", FIELD_BOOL, NULL, C(human_approval),
	  K(AGENT) | K(TOOL), 0, "a person approves actions before they "
	  "happen" },
	{ "approved-by", FIELD_ENUM, &vocab_approved_by, C(approved_by),
	  K(AGENT) | K(TOOL), 0, "who approves its actions where a person "
	  "does (human-approval, human-review all, above-limit or by-class): "
	  "the requester (the person who asked for the action) or someone "
	  "independent (a second person, a separate approver)" },
	{ "credential-scope", FIELD_ENUM, &vocab_credential_scope,
	  C(credential_scope), K(AGENT) | K(TOOL), 0, "what the credential "
	  "it acts or pays with allows (a payment card, an API token): "
	  "single-use, capped (a limit per use or per period) or "
	  "unrestricted" },
	{ "safety-interlock", FIELD_BOOL, NULL, C(safety_interlock),
	  K(AGENT) | K(TOOL), 0, "a control outside any model (not learned, "
	  "tested on its own) stops its harmful actions whatever the model "
	  "decides: a robot's person-stop, a machine's emergency stop" },
	{ "action-impact", FIELD_ENUM, &vocab_action_impact, C(action_impact),
	  K(AGENT) | K(TOOL), 0, "what the worst action it can take would "
	  "cost: low (reversible, contained: open a ticket, draft an e-mail) "
	  "or high (money, data deletion, messages sent to others, changes in "
	  "production)" },
	{ "human-review", FIELD_ENUM, &vocab_human_review, C(human_review),
	  K(MODEL) | K(INFERENCE_SERVICE) | K(APPLICATION) | K(AGENT) |
	  K(TOOL), 0, "whether a person reviews its outputs or approves its "
	  "actions before they take effect: none, sampled, above-limit, all "
	  "or by-class" },
	{ "review-limit", FIELD_TEXT, NULL, C(review_limit),
	  K(MODEL) | K(INFERENCE_SERVICE) | K(APPLICATION) | K(AGENT) |
	  K(TOOL), 0, "the limit above which a person reviews or approves, in "
	  "the system's terms: payments over 10,000 EUR, scores above 0.8; "
	  "for by-class, the class: every payment" },
	{ "unreviewed-outcome", FIELD_ENUM, &vocab_unreviewed_outcome,
	  C(unreviewed_outcome), K(MODEL) | K(INFERENCE_SERVICE) |
	  K(APPLICATION) | K(AGENT) | K(TOOL), 0, "with human-review "
	  "above-limit: what the decisions no person sees do for whoever "
	  "asked: grant (pay, approve, act), refuse (decline, hold) or "
	  "either" },
	{ "fail-mode", FIELD_ENUM, &vocab_fail_mode, C(fail_mode),
	  K(MODEL) | K(INFERENCE_SERVICE), 0,
	  "for a control (a guardrail, a filter, a fraud or risk scorer): "
	  "what happens to the item it checks when it is unavailable or "
	  "errs: open (the item passes) or closed (it is blocked or held)" },
	{ "provenance", FIELD_ENUM, &vocab_provenance, C(provenance),
	  K(MODEL), 0, "for a model that generates images, video or speech: "
	  "how what it generates is marked as generated: none, watermark (a "
	  "mark in the content), metadata (signed metadata such as C2PA) or "
	  "both" },
	{ "acts-as", FIELD_ENUM, &vocab_acts_as, C(acts_as),
	  K(AGENT) | K(TOOL), 0, "whose identity and rights it acts with: "
	  "the user's, or its own service account's" },
	{ "destination", FIELD_ENUM, &vocab_destination, C(destination),
	  K(AGENT) | K(TOOL), 0, "where it can send data or fetch from: "
	  "fixed endpoints, or addresses the model chooses" },
	{ "memory", FIELD_ENUM, &vocab_memory, C(memory),
	  K(AGENT) | K(APPLICATION), 0, "what it remembers between requests "
	  "and who shares it" },
	{ "dependencies-pinned", FIELD_BOOL, NULL, C(dependencies_pinned),
	  K(APPLICATION) | K(INFERENCE_SERVICE) | K(TRAINING_PIPELINE) |
	  K(AGENT) | K(TOOL), 0, "its software dependencies (libraries, ML "
	  "frameworks, containers) are pinned to known versions or hashes" },
	{ "dependencies-scanned", FIELD_BOOL, NULL, C(dependencies_scanned),
	  K(APPLICATION) | K(INFERENCE_SERVICE) | K(TRAINING_PIPELINE) |
	  K(AGENT) | K(TOOL), 0, "its software dependencies are scanned for "
	  "known vulnerabilities and malicious packages" },
	{ "parses-files", FIELD_BOOL, NULL, C(parses_files),
	  K(APPLICATION) | K(INFERENCE_SERVICE) | K(TRAINING_PIPELINE) |
	  K(AGENT) | K(TOOL), 0, "it opens files in formats that need a "
	  "parser or decoder of their own (PDF, office documents, images, "
	  "archives, e-mail) to extract their text or content" },
	{ "publishes", FIELD_BOOL, NULL, C(publishes),
	  K(APPLICATION) | K(AGENT) | K(TOOL) | K(DATA_SOURCE) |
	  K(EXTERNAL_SERVICE), 0, "what it receives is published to the "
	  "public in the organisation's name: its website, its social media "
	  "accounts, its press releases, posts or replies under its account" },
	{ "watches", FIELD_SET, &vocab_watches, C(watches), K(MONITORING), 0,
	  "what the monitoring watches" },
};

static const struct field flow_fields[] = {
	{ "id", FIELD_ID, NULL, offsetof(struct flow, id), 0, FIELD_REQUIRED,
	  "identifier of the data flow" },
	{ "from", FIELD_REF, NULL, offsetof(struct flow, from), 0,
	  FIELD_REQUIRED, "the component the data comes from" },
	{ "to", FIELD_REF, NULL, offsetof(struct flow, to), 0, FIELD_REQUIRED,
	  "the component the data goes to" },
	{ "name", FIELD_TEXT, NULL, offsetof(struct flow, name), 0, 0,
	  "name of the flow" },
	{ "description", FIELD_TEXT, NULL, offsetof(struct flow, description),
	  0, FIELD_MULTILINE, "what the flow is for" },
	{ "data", FIELD_SET, &vocab_data_class, offsetof(struct flow, data), 0,
	  0, "classes of data carried" },
	{ "authenticated", FIELD_BOOL, NULL,
	  offsetof(struct flow, authenticated), 0, 0,
	  "the receiving end authenticates the sender" },
	{ "encrypted", FIELD_BOOL, NULL, offsetof(struct flow, encrypted), 0,
	  0, "the data is encrypted in transit" },
	{ "initiator", FIELD_ENUM, &vocab_initiator,
	  offsetof(struct flow, initiator), 0, 0, "which end opens the "
	  "connection: from (the source sends or calls) or to (the "
	  "destination fetches or downloads)" },
	{ "requests", FIELD_SET, &vocab_request,
	  offsetof(struct flow, requests), 0, 0, "what the sender may ask "
	  "the receiver to do: between agents, or from an agent to a tool" },
	{ "validated", FIELD_BOOL, NULL, offsetof(struct flow, validated), 0,
	  0, "the receiver checks what arrives against a schema or policy "
	  "before it acts on it" },
	{ "legal-obligation", FIELD_BOOL, NULL,
	  offsetof(struct flow, legal_obligation), 0, FIELD_STATED,
	  "the organisation "
	  "must send this data by law or regulation: reports to a regulator, "
	  "a court or a tax authority" },
	{ "to-controller", FIELD_BOOL, NULL,
	  offsetof(struct flow, to_controller), 0, FIELD_STATED,
	  "the recipient is the controller of the personal data it is sent: "
	  "it receives the data to do what it is responsible for towards the "
	  "people concerned (the airline that carries the passenger, the "
	  "bank that makes the payment), under its own duties, not to keep "
	  "or work on it for the organisation" },
};

#undef K
#undef C

static const struct {
	const char		*name;
	const struct field	*fields;
	size_t			 n;
} objtypes[OBJ_COUNT] = {
	{ "system", system_fields,
	  sizeof system_fields / sizeof *system_fields },
	{ "boundary", boundary_fields,
	  sizeof boundary_fields / sizeof *boundary_fields },
	{ "component", component_fields,
	  sizeof component_fields / sizeof *component_fields },
	{ "flow", flow_fields, sizeof flow_fields / sizeof *flow_fields },
};

const struct field *
model_fields(enum objtype t, size_t *n)
{
	*n = objtypes[t].n;
	return objtypes[t].fields;
}

const struct field *
model_field(enum objtype t, const char *name)
{
	size_t	i;

	for (i = 0; i < objtypes[t].n; i++)
		if (strcmp(objtypes[t].fields[i].name, name) == 0)
			return &objtypes[t].fields[i];
	return NULL;
}

int
field_applies(const struct field *f, int kind)
{
	if (f->kinds == 0)
		return 1;
	return kind >= 0 && kind < KIND_COUNT &&
	    (f->kinds & KIND_BIT(kind)) != 0;
}

const char *
objtype_name(enum objtype t)
{
	return objtypes[t].name;
}

#define FIELD_PTR(obj, f, type) \
	((type *)(void *)((char *)(obj) + (f)->offset))
#define FIELD_CPTR(obj, f, type) \
	((type const *)(const void *)((const char *)(obj) + (f)->offset))

/* Parse a boolean word; -1 if it is not one. */
static int
field_parse_bool(const char *s)
{
	if (strcmp(s, "true") == 0 || strcmp(s, "yes") == 0)
		return TRI_YES;
	if (strcmp(s, "false") == 0 || strcmp(s, "no") == 0)
		return TRI_NO;
	if (strcmp(s, "unknown") == 0)
		return TRI_UNKNOWN;
	return -1;
}

static int
field_bad_word(const struct field *f, const struct vocab *v, const char *w,
    struct error *err)
{
	const char	*near = vocab_suggest(v, w);
	struct buf	 b;

	if (near != NULL)
		return error_set(err, "unknown %s '%s' for '%s' (did you mean "
		    "'%s'?)", v->name, w, f->name, near);
	buf_init(&b);
	vocab_list(v, &b);
	error_set(err, "unknown %s '%s' for '%s' (expected %s)", v->name, w,
	    f->name, b.s);
	buf_release(&b);
	return -1;
}

int
field_set(void *obj, const struct field *f, const char *text,
    struct error *err)
{
	const char	*p, *q;
	char		*word, **sp, small[64];
	unsigned	 bits = 0;
	int		 i;

	if (text != NULL && *text == '\0')
		text = NULL;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_ID:
	case FIELD_REF:
		if (text != NULL && f->type != FIELD_TEXT && !id_valid(text))
			return error_set(err, "invalid identifier '%s' for "
			    "'%s' (use a-z, 0-9, '.', '_' and '-', starting "
			    "with a letter or digit, at most %d characters)",
			    text, f->name, ID_MAX);
		if (text != NULL && !utf8_valid(text, strlen(text)))
			return error_set(err, "'%s' is not valid UTF-8",
			    f->name);
		sp = FIELD_PTR(obj, f, char *);
		free(*sp);
		*sp = text != NULL ? xstrdup(text) : NULL;
		return 0;
	case FIELD_KIND:
	case FIELD_ENUM:
		if (text == NULL) {
			if (f->flags & FIELD_REQUIRED)
				return error_set(err, "'%s' is required",
				    f->name);
			*FIELD_PTR(obj, f, int) = -1;
			return 0;
		}
		if ((i = vocab_find(f->vocab, text)) == -1)
			return field_bad_word(f, f->vocab, text, err);
		*FIELD_PTR(obj, f, int) = i;
		return 0;
	case FIELD_BOOL:
		if (text == NULL) {
			*FIELD_PTR(obj, f, enum tri) = TRI_UNKNOWN;
			return 0;
		}
		if ((i = field_parse_bool(text)) == -1)
			return error_set(err, "'%s' must be true, false or "
			    "unknown, not '%s'", f->name, text);
		*FIELD_PTR(obj, f, enum tri) = (enum tri)i;
		return 0;
	case FIELD_SET:
		for (p = text; p != NULL && *p != '\0'; p = q) {
			while (*p == ' ' || *p == ',')
				p++;
			if (*p == '\0')
				break;
			for (q = p; *q != '\0' && *q != ',' && *q != ' '; q++)
				;
			/* No copy of a word a vocabulary could hold. */
			if ((size_t)(q - p) < sizeof small) {
				memcpy(small, p, (size_t)(q - p));
				small[q - p] = '\0';
				word = small;
			} else
				word = xstrndup(p, (size_t)(q - p));
			i = vocab_find(f->vocab, word);
			if (i == -1)
				field_bad_word(f, f->vocab, word, err);
			if (word != small)
				free(word);
			if (i == -1)
				return -1;
			bits |= 1u << i;
		}
		*FIELD_PTR(obj, f, unsigned) = bits;
		return 0;
	}
	return error_set(err, "field '%s' has an unknown type", f->name);
}

const char *
field_text(const void *obj, const struct field *f, struct buf *scratch)
{
	unsigned	 bits;
	size_t		 i;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_ID:
	case FIELD_REF:
		return *FIELD_CPTR(obj, f, char *);
	case FIELD_KIND:
	case FIELD_ENUM:
		return vocab_name(f->vocab, *FIELD_CPTR(obj, f, int));
	case FIELD_BOOL:
		switch (*FIELD_CPTR(obj, f, enum tri)) {
		case TRI_YES:
			return "true";
		case TRI_NO:
			return "false";
		case TRI_UNKNOWN:
			return NULL;
		}
		return NULL;
	case FIELD_SET:
		bits = *FIELD_CPTR(obj, f, unsigned);
		if (bits == 0)
			return NULL;
		buf_reset(scratch);
		for (i = 0; i < f->vocab->n; i++) {
			if ((bits & (1u << i)) == 0)
				continue;
			if (scratch->len > 0)
				buf_adds(scratch, ", ");
			buf_adds(scratch, f->vocab->words[i].name);
		}
		return scratch->s;
	}
	return NULL;
}

char *
field_get(const void *obj, const struct field *f)
{
	struct buf	 b;
	const char	*s;
	char		*v;

	buf_init(&b);
	s = field_text(obj, f, &b);
	v = s != NULL ? xstrdup(s) : NULL;
	buf_release(&b);
	return v;
}

int
field_isset(const void *obj, const struct field *f)
{
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_ID:
	case FIELD_REF:
		return *FIELD_CPTR(obj, f, char *) != NULL;
	case FIELD_KIND:
	case FIELD_ENUM:
		return *FIELD_CPTR(obj, f, int) != -1;
	case FIELD_BOOL:
		return *FIELD_CPTR(obj, f, enum tri) != TRI_UNKNOWN;
	case FIELD_SET:
		return *FIELD_CPTR(obj, f, unsigned) != 0;
	}
	return 0;
}

int
id_valid(const char *s)
{
	size_t	i;

	if (s == NULL || *s == '\0')
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (i = 1; s[i] != '\0'; i++) {
		if (i >= ID_MAX)
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	}
	return 1;
}

/* Set every field of an object to "not set". */
static void
model_clear_fields(void *obj, enum objtype t)
{
	const struct field	*f = objtypes[t].fields;
	size_t			 i;

	for (i = 0; i < objtypes[t].n; i++) {
		switch (f[i].type) {
		case FIELD_KIND:
		case FIELD_ENUM:
			*FIELD_PTR(obj, &f[i], int) = -1;
			break;
		default:
			break;
		}
	}
}

static void
model_free_fields(void *obj, enum objtype t)
{
	const struct field	*f = objtypes[t].fields;
	size_t			 i;

	for (i = 0; i < objtypes[t].n; i++) {
		if (f[i].type == FIELD_TEXT || f[i].type == FIELD_ID ||
		    f[i].type == FIELD_REF) {
			free(*FIELD_PTR(obj, &f[i], char *));
			*FIELD_PTR(obj, &f[i], char *) = NULL;
		}
	}
}

struct model *
model_new(void)
{
	struct model	*m = xcalloc(1, sizeof *m);

	model_clear_fields(&m->system, OBJ_SYSTEM);
	strmap_init(&m->ids);
	return m;
}

static void
model_free_index(struct model *m)
{
	size_t	i;

	for (i = 0; i < m->ids.cap; i++)
		if (m->ids.slots[i].key != NULL)
			free(m->ids.slots[i].value);
	strmap_release(&m->ids);
	m->indexed = 0;
}

void
model_free(struct model *m)
{
	size_t	i;

	if (m == NULL)
		return;
	model_free_index(m);
	model_free_fields(&m->system, OBJ_SYSTEM);
	for (i = 0; i < m->nboundaries; i++) {
		model_free_fields(m->boundaries[i], OBJ_BOUNDARY);
		free(m->boundaries[i]);
	}
	for (i = 0; i < m->ncomponents; i++) {
		model_free_fields(m->components[i], OBJ_COMPONENT);
		free(m->components[i]);
	}
	for (i = 0; i < m->nflows; i++) {
		model_free_fields(m->flows[i], OBJ_FLOW);
		free(m->flows[i]);
	}
	for (i = 0; i < m->npractices; i++) {
		free(m->practices[i]->id);
		free(m->practices[i]->note);
		free(m->practices[i]);
	}
	model_clear_renames(m);
	free(m->boundaries);
	free(m->components);
	free(m->flows);
	free(m->practices);
	free(m);
}

int
model_free_some(struct model *m, size_t n)
{
	struct strmap_slot	*sl;

	if (m == NULL)
		return 0;
	/* The index from its last slot (its size no longer a power of two:
	 * it is only freed). */
	for (; n > 0 && m->ids.cap > 0; n--) {
		sl = &m->ids.slots[--m->ids.cap];
		if (sl->key != NULL)
			free(sl->value);
	}
	for (; n > 0 && m->nflows > 0; n--) {
		model_free_fields(m->flows[--m->nflows], OBJ_FLOW);
		free(m->flows[m->nflows]);
	}
	for (; n > 0 && m->ncomponents > 0; n--) {
		model_free_fields(m->components[--m->ncomponents],
		    OBJ_COMPONENT);
		free(m->components[m->ncomponents]);
	}
	for (; n > 0 && m->nboundaries > 0; n--) {
		model_free_fields(m->boundaries[--m->nboundaries],
		    OBJ_BOUNDARY);
		free(m->boundaries[m->nboundaries]);
	}
	if (n == 0)
		return 1;
	/* What is left is small: the practices, the arrays, the system. */
	model_free(m);
	return 0;
}

/* Append a pointer to a growable array whose capacity is a power of two. */
static void
model_append(void ***array, size_t *n, void *p)
{
	if ((*n & (*n - 1)) == 0)
		*array = xreallocarray(*array, *n == 0 ? 4 : *n * 2,
		    sizeof **array);
	(*array)[(*n)++] = p;
}

struct boundary *
model_add_boundary(struct model *m, const char *id)
{
	struct boundary	*b = xcalloc(1, sizeof *b);

	model_clear_fields(b, OBJ_BOUNDARY);
	b->id = xstrdup(id);
	model_append((void ***)&m->boundaries, &m->nboundaries, b);
	m->indexed = 0;
	return b;
}

struct component *
model_add_component(struct model *m, const char *id, int kind)
{
	struct component	*c = xcalloc(1, sizeof *c);

	model_clear_fields(c, OBJ_COMPONENT);
	c->id = xstrdup(id);
	c->kind = kind;
	c->index = m->ncomponents;
	model_append((void ***)&m->components, &m->ncomponents, c);
	m->indexed = 0;
	return c;
}

struct flow *
model_add_flow(struct model *m, const char *id, const char *from,
    const char *to)
{
	struct flow	*f = xcalloc(1, sizeof *f);

	model_clear_fields(f, OBJ_FLOW);
	f->id = xstrdup(id);
	f->from = from != NULL ? xstrdup(from) : NULL;
	f->to = to != NULL ? xstrdup(to) : NULL;
	f->index = m->nflows;
	model_append((void ***)&m->flows, &m->nflows, f);
	m->indexed = 0;
	return f;
}

struct practice *
model_add_practice(struct model *m, const char *id, enum tri answer)
{
	struct practice	*p;
	size_t		 i;

	for (i = 0; i < m->npractices; i++) {
		if (strcmp(m->practices[i]->id, id) == 0) {
			m->practices[i]->answer = answer;
			return m->practices[i];
		}
	}
	p = xcalloc(1, sizeof *p);
	p->id = xstrdup(id);
	p->answer = answer;
	model_append((void ***)&m->practices, &m->npractices, p);
	return p;
}

/* Remove element i from an array of pointers, keeping the order. */
static void
model_cut(void **array, size_t *n, size_t i)
{
	memmove(&array[i], &array[i + 1], (*n - i - 1) * sizeof *array);
	(*n)--;
}

int
model_remove(struct model *m, const char *id)
{
	size_t	i, j;
	int	found = 0;

	for (i = 0; i < m->nboundaries; i++) {
		if (strcmp(m->boundaries[i]->id, id) != 0)
			continue;
		for (j = 0; j < m->ncomponents; j++) {
			if (m->components[j]->boundary != NULL &&
			    strcmp(m->components[j]->boundary, id) == 0) {
				free(m->components[j]->boundary);
				m->components[j]->boundary = NULL;
			}
		}
		model_free_fields(m->boundaries[i], OBJ_BOUNDARY);
		free(m->boundaries[i]);
		model_cut((void **)m->boundaries, &m->nboundaries, i);
		found = 1;
		break;
	}
	for (i = 0; !found && i < m->ncomponents; i++) {
		if (strcmp(m->components[i]->id, id) != 0)
			continue;
		for (j = m->nflows; j-- > 0;) {
			struct flow	*f = m->flows[j];

			if ((f->from != NULL && strcmp(f->from, id) == 0) ||
			    (f->to != NULL && strcmp(f->to, id) == 0)) {
				model_free_fields(f, OBJ_FLOW);
				free(f);
				model_cut((void **)m->flows, &m->nflows, j);
			}
		}
		model_free_fields(m->components[i], OBJ_COMPONENT);
		free(m->components[i]);
		model_cut((void **)m->components, &m->ncomponents, i);
		found = 1;
	}
	for (i = 0; !found && i < m->nflows; i++) {
		if (strcmp(m->flows[i]->id, id) != 0)
			continue;
		model_free_fields(m->flows[i], OBJ_FLOW);
		free(m->flows[i]);
		model_cut((void **)m->flows, &m->nflows, i);
		found = 1;
	}
	for (i = 0; i < m->ncomponents; i++)
		m->components[i]->index = i;
	for (i = 0; i < m->nflows; i++)
		m->flows[i]->index = i;
	m->indexed = 0;
	return found ? 0 : -1;
}

void
model_drop_last(struct model *m, enum objtype t)
{
	void	**array;
	size_t	 *n;

	switch (t) {
	case OBJ_BOUNDARY:
		array = (void **)m->boundaries;
		n = &m->nboundaries;
		break;
	case OBJ_COMPONENT:
		array = (void **)m->components;
		n = &m->ncomponents;
		break;
	case OBJ_FLOW:
		array = (void **)m->flows;
		n = &m->nflows;
		break;
	default:
		return;
	}
	if (*n == 0)
		return;
	model_free_fields(array[*n - 1], t);
	free(array[*n - 1]);
	(*n)--;
	m->indexed = 0;
}

/* Replace a reference to a renamed object. */
static void
model_follow(char **ref, const char *from, const char *to)
{
	if (*ref != NULL && strcmp(*ref, from) == 0) {
		free(*ref);
		*ref = xstrdup(to);
	}
}

void
model_note_rename(struct model *m, const char *from, const char *to)
{
	struct model_rename	*r;

	m->renames = xreallocarray(m->renames, m->nrenames + 1,
	    sizeof *m->renames);
	r = &m->renames[m->nrenames++];
	r->from = xstrdup(from);
	r->to = xstrdup(to);
}

void
model_clear_renames(struct model *m)
{
	size_t	i;

	for (i = 0; i < m->nrenames; i++) {
		free(m->renames[i].from);
		free(m->renames[i].to);
	}
	free(m->renames);
	m->renames = NULL;
	m->nrenames = 0;
}

/* "no boundary, component or flow 'ID'", with the nearest id. */
static int
model_no_object(const struct model *m, const char *id, struct error *err)
{
	const char	**ids, *near;
	size_t		  i, n = 0;
	int		  rc;

	ids = xcalloc(m->nboundaries + m->ncomponents + m->nflows + 1,
	    sizeof *ids);
	for (i = 0; i < m->nboundaries; i++)
		ids[n++] = m->boundaries[i]->id;
	for (i = 0; i < m->ncomponents; i++)
		ids[n++] = m->components[i]->id;
	for (i = 0; i < m->nflows; i++)
		ids[n++] = m->flows[i]->id;
	if ((near = text_suggest(id, ids)) != NULL)
		rc = error_set(err, "no boundary, component or flow '%s' "
		    "(did you mean '%s'?)", id, near);
	else
		rc = error_set(err, "no boundary, component or flow '%s'",
		    id);
	free(ids);
	return rc;
}

int
model_rename(struct model *m, const char *from, const char *to,
    struct error *err)
{
	const struct objref	*ref;
	char			**idp;
	size_t			  i;

	if (!m->indexed && model_index(m, NULL, err) == -1)
		return -1;
	if ((ref = model_find(m, from)) == NULL || ref->type == OBJ_SYSTEM)
		return model_no_object(m, from, err);
	if (!id_valid(to))
		return error_set(err, "invalid id '%s' (use a-z, 0-9, '.', "
		    "'_' and '-', starting with a letter or digit, at most %d "
		    "characters)", to, ID_MAX);
	if (model_find(m, to) != NULL || strcmp(to, m->system.id) == 0)
		return error_set(err, "id '%s' is already used", to);
	/* Every object struct begins with its id. */
	idp = (char **)ref->ptr;
	if (ref->type == OBJ_BOUNDARY) {
		for (i = 0; i < m->ncomponents; i++)
			model_follow(&m->components[i]->boundary, from, to);
	} else if (ref->type == OBJ_COMPONENT) {
		for (i = 0; i < m->nflows; i++) {
			model_follow(&m->flows[i]->from, from, to);
			model_follow(&m->flows[i]->to, from, to);
		}
	}
	free(*idp);
	*idp = xstrdup(to);
	model_note_rename(m, from, to);
	model_free_index(m);
	return model_index(m, NULL, err);
}

/* Check that required fields are present and identifiers valid. */
static int
model_check_object(const void *obj, enum objtype t, const struct srcpos *pos,
    const char *file, struct error *err)
{
	const struct field	*f = objtypes[t].fields;
	const char		*id = *(char *const *)obj;
	size_t			 i;

	for (i = 0; i < objtypes[t].n; i++) {
		if ((f[i].flags & FIELD_REQUIRED) && !field_isset(obj, &f[i]))
			return error_set_at(err, file, pos->line, pos->col,
			    "%s%s%s%s has no '%s'", objtype_name(t),
			    id != NULL ? " '" : "", id != NULL ? id : "",
			    id != NULL ? "'" : "", f[i].name);
	}
	if (!id_valid(id))
		return error_set_at(err, file, pos->line, pos->col,
		    "invalid %s id '%s' (use a-z, 0-9, '.', '_' and '-', "
		    "starting with a letter or digit, at most %d characters)",
		    objtype_name(t), id, ID_MAX);
	return 0;
}

/* Register an id; a duplicate is an error naming both places. */
static int
model_register(struct model *m, const char *id, enum objtype t, void *ptr,
    const struct srcpos *pos, const char *file, struct error *err)
{
	struct objref	*ref, *old;

	if ((old = strmap_get(&m->ids, id)) != NULL)
		return error_set_at(err, file, pos->line, pos->col,
		    "duplicate id '%s' (already used by a %s)", id,
		    objtype_name(old->type));
	ref = xmalloc(sizeof *ref);
	ref->type = t;
	ref->ptr = ptr;
	strmap_put(&m->ids, id, ref);
	return 0;
}

/* Names of all components, for suggestions. The array is the caller's. */
static const char **
model_component_names(const struct model *m)
{
	const char	**names = xcalloc(m->ncomponents + 1, sizeof *names);
	size_t		  i;

	for (i = 0; i < m->ncomponents; i++)
		names[i] = m->components[i]->id;
	return names;
}

static int
model_unknown_ref(const struct model *m, const char *what, const char *id,
    const struct srcpos *pos, const char *file, struct error *err, int isbnd)
{
	const char	**names, *near;
	size_t		  i;

	if (isbnd) {
		names = xcalloc(m->nboundaries + 1, sizeof *names);
		for (i = 0; i < m->nboundaries; i++)
			names[i] = m->boundaries[i]->id;
	} else
		names = model_component_names(m);
	near = text_suggest(id, names);
	if (near != NULL)
		error_set_at(err, file, pos->line, pos->col,
		    "%s unknown %s '%s' (did you mean '%s'?)", what,
		    isbnd ? "boundary" : "component", id, near);
	else
		error_set_at(err, file, pos->line, pos->col,
		    "%s unknown %s '%s'", what,
		    isbnd ? "boundary" : "component", id);
	free(names);
	return -1;
}

/* 1 if id names an object of type t that the file had but was not read. */
static int
model_is_unread(const struct model_unread *unread, size_t nunread,
    const char *id, enum objtype t)
{
	size_t	i;

	for (i = 0; i < nunread; i++)
		if (unread[i].type == t && (t == OBJ_SYSTEM ||
		    (id != NULL && strcmp(unread[i].id, id) == 0)))
			return 1;
	return 0;
}

/* Check an object and register its id when it has a usable one. */
static void
model_index_object(struct model *m, void *obj, enum objtype t,
    const struct srcpos *pos, const char *file, struct errors *errs)
{
	const char	*id = *(char *const *)obj;
	struct error	 e;

	error_clear(&e);
	if (model_check_object(obj, t, pos, file, &e) == -1)
		errors_add(errs, &e);
	/* An object short of a field still resolves references to it. */
	if (id_valid(id) &&
	    model_register(m, id, t, obj, pos, file, &e) == -1)
		errors_add(errs, &e);
}

/* A reference to an unknown object; what says whose ("flow 'x' goes to an"). */
static void
model_index_ref(const struct model *m, const char *what, const char *id,
    const struct srcpos *pos, const char *file, struct errors *errs,
    int isbnd)
{
	struct error	e;

	error_clear(&e);
	model_unknown_ref(m, what, id, pos, file, &e, isbnd);
	errors_add(errs, &e);
}

/*
 * The component one end of a flow names (id: its from or to, at pos), or
 * NULL; an id that names no component, and no object left unread, is an
 * error ("flow 'F' VERB an unknown component ...").
 */
static struct component *
model_flow_end(const struct model *m, const struct flow *f, const char *id,
    const struct srcpos *pos, const char *verb,
    const struct model_unread *unread, size_t nunread, const char *file,
    struct errors *errs)
{
	const struct objref	*ref;
	char			 what[160];

	if (id == NULL)
		return NULL;
	if ((ref = strmap_get(&m->ids, id)) != NULL &&
	    ref->type == OBJ_COMPONENT)
		return ref->ptr;
	if (!model_is_unread(unread, nunread, id, OBJ_COMPONENT)) {
		snprintf(what, sizeof what, "flow '%s' %s an",
		    f->id != NULL ? f->id : "", verb);
		model_index_ref(m, what, id, pos->line ? pos : &f->pos, file,
		    errs, 0);
	}
	return NULL;
}

int
model_index_all(struct model *m, const char *file,
    const struct model_unread *unread, size_t nunread, struct errors *errs)
{
	const struct objref	*ref;
	struct component	*c;
	struct flow		*f;
	struct error		 e;
	size_t			 i, before = errors_count(errs);
	char			 what[160];

	model_free_index(m);
	/* The system's id is the model's, not one of its objects'. */
	if (!model_is_unread(unread, nunread, NULL, OBJ_SYSTEM)) {
		error_clear(&e);
		if (model_check_object(&m->system, OBJ_SYSTEM, &m->system.pos,
		    file, &e) == -1)
			errors_add(errs, &e);
	}
	for (i = 0; i < m->nboundaries; i++)
		model_index_object(m, m->boundaries[i], OBJ_BOUNDARY,
		    &m->boundaries[i]->pos, file, errs);
	for (i = 0; i < m->ncomponents; i++) {
		m->components[i]->index = i;
		model_index_object(m, m->components[i], OBJ_COMPONENT,
		    &m->components[i]->pos, file, errs);
	}
	for (i = 0; i < m->nflows; i++) {
		m->flows[i]->index = i;
		model_index_object(m, m->flows[i], OBJ_FLOW, &m->flows[i]->pos,
		    file, errs);
	}
	for (i = 0; i < m->ncomponents; i++) {
		c = m->components[i];
		c->b = NULL;
		if (c->boundary == NULL)
			continue;
		ref = strmap_get(&m->ids, c->boundary);
		if (ref != NULL && ref->type == OBJ_BOUNDARY) {
			c->b = ref->ptr;
			continue;
		}
		if (model_is_unread(unread, nunread, c->boundary,
		    OBJ_BOUNDARY))
			continue;
		snprintf(what, sizeof what, "component '%s' is in an",
		    c->id != NULL ? c->id : "");
		model_index_ref(m, what, c->boundary, c->boundary_pos.line ?
		    &c->boundary_pos : &c->pos, file, errs, 1);
	}
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		f->src = model_flow_end(m, f, f->from, &f->from_pos,
		    "comes from", unread, nunread, file, errs);
		f->dst = model_flow_end(m, f, f->to, &f->to_pos, "goes to",
		    unread, nunread, file, errs);
		if (f->src != NULL && f->src == f->dst) {
			/* Data a component passes to itself is not a flow. */
			error_set_at(&e, file, f->to_pos.line ? f->to_pos.line :
			    f->pos.line, f->to_pos.line ? f->to_pos.col :
			    f->pos.col, "flow '%s' goes from '%s' to itself",
			    f->id != NULL ? f->id : "", f->from);
			errors_add(errs, &e);
		}
	}
	if (errors_count(errs) > before) {
		model_free_index(m);
		return -1;
	}
	m->indexed = 1;
	return 0;
}

int
model_index(struct model *m, const char *file, struct error *err)
{
	struct errors	errs;
	int		rc;

	errors_init(&errs);
	if ((rc = model_index_all(m, file, NULL, 0, &errs)) == -1)
		errors_first(&errs, err);
	errors_release(&errs);
	return rc;
}

const struct objref *
model_find(const struct model *m, const char *id)
{
	return strmap_get(&m->ids, id);
}

size_t
model_unserved(const struct model *m, const struct component ***out)
{
	struct strmap		 served;
	const struct component	*c, *to, **v = NULL;
	size_t			 i, n = 0, nservices = 0;

	*out = NULL;
	for (i = 0; i < m->ncomponents; i++)
		if (m->components[i]->kind == KIND_INFERENCE_SERVICE)
			nservices++;
	if (nservices == 0)
		return 0;
	/* The flows' ends are looked up in the model's own index of ids. */
	strmap_init(&served);
	for (i = 0; i < m->nflows; i++) {
		to = model_component(m, m->flows[i]->to);
		if (to != NULL && to->kind == KIND_MODEL)
			strmap_put(&served, m->flows[i]->from, m->flows[i]);
	}
	for (i = 0; i < m->ncomponents; i++) {
		c = m->components[i];
		if (c->kind != KIND_INFERENCE_SERVICE ||
		    strmap_get(&served, c->id) != NULL)
			continue;
		if (v == NULL)
			v = xreallocarray(NULL, nservices, sizeof *v);
		v[n++] = c;
	}
	strmap_release(&served);
	*out = v;
	return n;
}

struct component *
model_component(const struct model *m, const char *id)
{
	const struct objref	*ref = model_find(m, id);

	return ref != NULL && ref->type == OBJ_COMPONENT ? ref->ptr : NULL;
}

struct practice *
model_practice(const struct model *m, const char *id)
{
	size_t	i;

	for (i = 0; i < m->npractices; i++)
		if (strcmp(m->practices[i]->id, id) == 0)
			return m->practices[i];
	return NULL;
}

const struct boundary *
component_boundary(const struct model *m, const struct component *c)
{
	size_t	i;

	if (c == NULL || c->boundary == NULL)
		return NULL;
	if (m->indexed)
		return c->b;
	for (i = 0; i < m->nboundaries; i++)
		if (strcmp(m->boundaries[i]->id, c->boundary) == 0)
			return m->boundaries[i];
	return NULL;
}

/* A flow's end: resolved when indexed, else looked up by id. */
static const struct component *
flow_end(const struct model *m, const struct flow *f, int to)
{
	const char	*id = to ? f->to : f->from;
	size_t		 i;

	if (m->indexed)
		return to ? f->dst : f->src;
	for (i = 0; id != NULL && i < m->ncomponents; i++)
		if (strcmp(m->components[i]->id, id) == 0)
			return m->components[i];
	return NULL;
}

enum tri
flow_crossing(const struct model *m, const struct flow *f)
{
	const struct boundary	*a, *b;

	a = component_boundary(m, flow_end(m, f, 0));
	b = component_boundary(m, flow_end(m, f, 1));
	if (a == NULL || b == NULL)
		return TRI_UNKNOWN;
	return a != b ? TRI_YES : TRI_NO;
}

enum tri
flow_from_less_trusted(const struct model *m, const struct flow *f)
{
	const struct boundary	*a, *b;

	a = component_boundary(m, flow_end(m, f, 0));
	b = component_boundary(m, flow_end(m, f, 1));
	if (a != NULL && a == b)
		return TRI_NO;
	if (a == NULL || b == NULL || a->trust < 0 || b->trust < 0)
		return TRI_UNKNOWN;
	return a->trust < b->trust ? TRI_YES : TRI_NO;
}

const char *
tri_word(enum tri v)
{
	return v == TRI_YES ? "yes" : v == TRI_NO ? "no" : "unknown";
}

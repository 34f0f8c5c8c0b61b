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
#define VOCAB(var, what, table) \
	const struct vocab var = { what, table, sizeof table / sizeof table[0] }

static const struct word kind_words[] = {
	VOCAB_KIND(VOCAB_WORD)
};
VOCAB(vocab_kind, "component kind", kind_words);

static const struct word trust_words[] = {
	VOCAB_TRUST(VOCAB_WORD)
};
VOCAB(vocab_trust, "trust level", trust_words);

static const struct word level_words[] = {
	VOCAB_CRITICALITY(VOCAB_WORD)
};
VOCAB(vocab_criticality, "criticality", level_words);

static const struct word provider_words[] = {
	VOCAB_PROVIDER(VOCAB_WORD)
};
VOCAB(vocab_provider, "provider", provider_words);

static const struct word exposure_words[] = {
	VOCAB_EXPOSURE(VOCAB_WORD)
};
VOCAB(vocab_exposure, "exposure", exposure_words);

static const struct word model_type_words[] = {
	VOCAB_MODEL_TYPE(VOCAB_WORD)
};
VOCAB(vocab_model_type, "model type", model_type_words);

static const struct word weights_words[] = {
	VOCAB_WEIGHTS_FORMAT(VOCAB_WORD)
};
VOCAB(vocab_weights_format, "weights format", weights_words);

static const struct word origin_words[] = {
	VOCAB_ORIGIN(VOCAB_WORD)
};
VOCAB(vocab_origin, "origin", origin_words);

static const struct word operated_by_words[] = {
	VOCAB_OPERATED_BY(VOCAB_WORD)
};
VOCAB(vocab_operated_by, "operator", operated_by_words);

static const struct word capture_words[] = {
	VOCAB_CAPTURE(VOCAB_WORD)
};
VOCAB(vocab_capture, "capture", capture_words);

static const struct word human_review_words[] = {
	VOCAB_HUMAN_REVIEW(VOCAB_WORD)
};
VOCAB(vocab_human_review, "human review", human_review_words);

static const struct word memory_words[] = {
	VOCAB_MEMORY(VOCAB_WORD)
};
VOCAB(vocab_memory, "memory scope", memory_words);

static const struct word acts_as_words[] = {
	VOCAB_ACTS_AS(VOCAB_WORD)
};
VOCAB(vocab_acts_as, "identity", acts_as_words);

static const struct word destination_words[] = {
	VOCAB_DESTINATION(VOCAB_WORD)
};
VOCAB(vocab_destination, "destination", destination_words);

static const struct word model_value_words[] = {
	VOCAB_MODEL_VALUE(VOCAB_WORD)
};
VOCAB(vocab_model_value, "model value", model_value_words);

static const struct word request_words[] = {
	VOCAB_REQUEST(VOCAB_WORD)
};
VOCAB(vocab_request, "request", request_words);

static const struct word watch_words[] = {
	VOCAB_WATCH(VOCAB_WORD)
};
VOCAB(vocab_watches, "watched signal", watch_words);

static const struct word action_impact_words[] = {
	VOCAB_ACTION_IMPACT(VOCAB_WORD)
};
VOCAB(vocab_action_impact, "action impact", action_impact_words);

static const struct word initiator_words[] = {
	VOCAB_INITIATOR(VOCAB_WORD)
};
VOCAB(vocab_initiator, "initiator", initiator_words);

static const struct word data_words[] = {
	VOCAB_DATA_CLASS(VOCAB_WORD)
};
VOCAB(vocab_data_class, "data class", data_words);

static const struct word tri_words[] = {
	VOCAB_TRI(VOCAB_WORD)
};
VOCAB(vocab_tri, "answer", tri_words);

static const struct word severity_words[] = {
	VOCAB_SEVERITY(VOCAB_LABELLED)
};
VOCAB(vocab_severity, "severity", severity_words);

static const struct word risk_status_words[] = {
	VOCAB_RISK_STATUS(VOCAB_LABELLED)
};
VOCAB(vocab_risk_status, "risk status", risk_status_words);

static const struct word mitigation_status_words[] = {
	VOCAB_MITIGATION_STATUS(VOCAB_WORD)
};
VOCAB(vocab_mitigation_status, "mitigation status", mitigation_status_words);

static const struct word answer_words[] = {
	VOCAB_ANSWER(VOCAB_WORD)
};
VOCAB(vocab_answer, "answer", answer_words);

static const struct word stride_words[] = {
	VOCAB_STRIDE(VOCAB_WORD)
};
VOCAB(vocab_stride, "STRIDE letter", stride_words);

int
vocab_find(const struct vocab *v, const char *name)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->words[i].name, name) == 0)
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

/* vocab.c: the words of model format 1 with their help text. */
#include "config.h"

#include <string.h>

#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define VOCAB(var, what, table) \
	const struct vocab var = { what, table, sizeof table / sizeof table[0] }

static const struct word kind_words[] = {
	{ "user", "a person using the system" },
	{ "operator", "a person with privileged access: ML engineer, "
	    "administrator" },
	{ "application", "code that serves users or orchestrates calls" },
	{ "model", "a trained model used for inference" },
	{ "inference-service", "an endpoint that serves a model" },
	{ "training-pipeline", "training, fine-tuning or evaluation jobs" },
	{ "dataset", "training, fine-tuning or evaluation data" },
	{ "data-source", "content read at run time: web pages, documents, "
	    "e-mail, sensor data" },
	{ "vector-store", "a retrieval index or knowledge base" },
	{ "agent", "a model-driven orchestrator that plans and calls tools" },
	{ "tool", "a function, plug-in or API that a model or agent can "
	    "invoke" },
	{ "model-registry", "where models and weights are stored or fetched "
	    "from" },
	{ "datastore", "any other database or storage" },
	{ "monitoring", "logging, monitoring and alerting" },
	{ "external-service", "a third-party service that is not an AI "
	    "component" },
};
VOCAB(vocab_kind, "component kind", kind_words);

static const struct word trust_words[] = {
	{ "untrusted", "anyone can be here: the internet, end users' devices" },
	{ "partner", "a supplier or partner: trusted by contract, not "
	    "controlled" },
	{ "internal", "run and controlled by the organisation" },
	{ "restricted", "the most protected zone: few people, strong "
	    "controls" },
};
VOCAB(vocab_trust, "trust level", trust_words);

static const struct word level_words[] = {
	{ "low", "little harm if compromised or wrong" },
	{ "medium", "noticeable but contained harm" },
	{ "high", "serious harm to users, the organisation or others" },
	{ "critical", "real or large-scale physical, reputational, "
	    "operational, data or legal harm" },
};
VOCAB(vocab_criticality, "criticality", level_words);

static const struct word provider_words[] = {
	{ "in-house", "built and run by the organisation" },
	{ "third-party", "supplied by a vendor, as a service or a product" },
	{ "open-source", "taken from an open-source project or public hub" },
};
VOCAB(vocab_provider, "provider", provider_words);

static const struct word exposure_words[] = {
	{ "public", "reachable from the internet by anyone" },
	{ "partner", "reachable by partners or customers with accounts" },
	{ "internal", "reachable only inside the organisation" },
};
VOCAB(vocab_exposure, "exposure", exposure_words);

static const struct word model_type_words[] = {
	{ "llm", "a large language model: text in, text out" },
	{ "classifier", "assigns inputs to classes" },
	{ "regressor", "predicts a number" },
	{ "vision", "images or video in: detection, recognition" },
	{ "speech", "speech recognition or synthesis" },
	{ "recommender", "ranks or recommends items" },
	{ "embedding", "turns inputs into vectors for search" },
	{ "image-generation", "generates images from prompts" },
	{ "other", "any other kind of model" },
	{ "guardrail", "a guardrail or safety filter that screens inputs or "
	    "outputs: evading it is the attack" },
	{ "speaker-verification", "verifies who is speaking from their "
	    "voice" },
	{ "face-verification", "verifies who a person is from an image of "
	    "their face" },
};
VOCAB(vocab_model_type, "model type", model_type_words);

static const struct word weights_words[] = {
	{ "safetensors", "tensors only: loading runs no code" },
	{ "pickle", "Python pickle (PyTorch .pt/.bin): loading can run code" },
	{ "onnx", "ONNX graph" },
	{ "gguf", "GGUF (llama.cpp)" },
	{ "savedmodel", "TensorFlow SavedModel or Keras: may hold code "
	    "layers" },
	{ "other", "any other format" },
};
VOCAB(vocab_weights_format, "weights format", weights_words);

static const struct word origin_words[] = {
	{ "internal", "produced inside the organisation" },
	{ "user-contributed", "submitted by users" },
	{ "scraped", "collected from the web or other public sources" },
	{ "third-party", "bought or licensed from a supplier" },
	{ "synthetic", "generated, for example by another model" },
};
VOCAB(vocab_origin, "origin", origin_words);

static const struct word operated_by_words[] = {
	{ "in-house", "run by the organisation, on infrastructure it "
	    "controls" },
	{ "vendor", "run by a supplier as a service" },
};
VOCAB(vocab_operated_by, "operator", operated_by_words);

static const struct word capture_words[] = {
	{ "camera", "a camera in the physical world: still images or video" },
	{ "microphone", "a microphone in the physical world: live speech or "
	    "sound" },
	{ "sensor", "another sensor in the physical world: lidar, radar, "
	    "meters, devices" },
	{ "upload", "files that people send: documents, photos, recordings" },
	{ "import", "records or files imported from another system" },
};
VOCAB(vocab_capture, "capture", capture_words);

static const struct word human_review_words[] = {
	{ "none", "no person reviews outputs or actions before they take "
	    "effect" },
	{ "sampled", "a person reviews a sample, after the fact" },
	{ "above-limit", "a person reviews or approves those above a limit "
	    "(see review-limit) before they take effect" },
	{ "all", "a person reviews every output or approves every action "
	    "before it takes effect" },
};
VOCAB(vocab_human_review, "human review", human_review_words);

static const struct word memory_words[] = {
	{ "none", "nothing is kept between requests" },
	{ "session", "kept for one conversation or task, then dropped" },
	{ "per-user", "kept across sessions, apart for each user" },
	{ "shared", "kept across sessions and shared between users" },
};
VOCAB(vocab_memory, "memory scope", memory_words);

static const struct word acts_as_words[] = {
	{ "user", "with the identity and rights of the user it serves" },
	{ "service", "with its own service identity and rights" },
};
VOCAB(vocab_acts_as, "identity", acts_as_words);

static const struct word destination_words[] = {
	{ "fixed", "only the fixed endpoints it was built for" },
	{ "model-chosen", "addresses that the model or agent chooses: URLs, "
	    "e-mail addresses, hosts" },
};
VOCAB(vocab_destination, "destination", destination_words);

static const struct word model_value_words[] = {
	{ "low", "public or cheap to rebuild" },
	{ "medium", "some cost or advantage lost if copied" },
	{ "high", "costly to rebuild, or holds proprietary data or know-how" },
};
VOCAB(vocab_model_value, "model value", model_value_words);

static const struct word request_words[] = {
	{ "read", "look up, retrieve or answer" },
	{ "act", "act through its tools: write, send, buy, delete" },
	{ "execute", "run code or commands" },
	{ "delegate", "hand the task on to further agents" },
};
VOCAB(vocab_request, "request", request_words);

static const struct word watch_words[] = {
	{ "inputs", "requests, queries and prompts" },
	{ "outputs", "what the model or system returns" },
	{ "behaviour", "performance, drift and unusual behaviour" },
	{ "infrastructure", "hosts, networks and services" },
};
VOCAB(vocab_watches, "watched signal", watch_words);

static const struct word action_impact_words[] = {
	{ "low", "reversible and contained: open a ticket, draft an e-mail" },
	{ "high", "money, data deletion, messages sent to others, changes in "
	    "production" },
};
VOCAB(vocab_action_impact, "action impact", action_impact_words);

static const struct word initiator_words[] = {
	{ "from", "the source sends or calls" },
	{ "to", "the destination fetches or downloads" },
};
VOCAB(vocab_initiator, "initiator", initiator_words);

static const struct word data_words[] = {
	{ "prompt", "instructions or questions sent to a model" },
	{ "model-output", "what a model returns" },
	{ "training-data", "data used to train, fine-tune or evaluate" },
	{ "model-weights", "model files and parameters" },
	{ "embeddings", "vectors computed from content" },
	{ "documents", "documents, web pages, retrieved content" },
	{ "personal-data", "data about identifiable people" },
	{ "credentials", "passwords, keys and tokens" },
	{ "feedback", "ratings, corrections and other user feedback" },
	{ "telemetry", "logs and metrics" },
	{ "tool-call", "a request to invoke a tool or function" },
	{ "configuration", "settings, prompt templates and policies" },
	{ "audio", "speech and other sound, recorded or live" },
	{ "image", "photographs, scans and other still images" },
	{ "video", "moving images, recorded or live" },
	{ "features", "feature rows or records scored by a predictive model" },
	{ "agent-message", "a task, instruction or result passed between "
	    "agents" },
};
VOCAB(vocab_data_class, "data class", data_words);

static const struct word tri_words[] = {
	{ "unknown", "not known yet: the analysis assumes the risky answer" },
	{ "false", "no" },
	{ "true", "yes" },
};
VOCAB(vocab_tri, "answer", tri_words);

static const struct word severity_words[] = {
	{ "low", "likelihood x impact 1 to 4" },
	{ "medium", "likelihood x impact 5 to 9" },
	{ "high", "likelihood x impact 10 to 15" },
	{ "critical", "likelihood x impact 16 to 25" },
};
VOCAB(vocab_severity, "severity", severity_words);

static const struct word risk_status_words[] = {
	{ "open", "not yet dealt with" },
	{ "mitigating", "mitigations are being put in place" },
	{ "mitigated", "mitigations are in place; the risk is reduced" },
	{ "accepted", "the risk owner accepts the risk (justification "
	    "required)" },
	{ "not-applicable", "the risk does not apply to this system "
	    "(justification required)" },
};
VOCAB(vocab_risk_status, "risk status", risk_status_words);

static const struct word mitigation_status_words[] = {
	{ "proposed", "suggested by the catalogue, not yet decided" },
	{ "planned", "decided and scheduled" },
	{ "implemented", "in place" },
	{ "verified", "in place and checked to work" },
	{ "rejected", "decided against" },
};
VOCAB(vocab_mitigation_status, "mitigation status", mitigation_status_words);

static const struct word answer_words[] = {
	{ "unknown", "not answered yet: an open question of the assessment" },
	{ "no", "the practice is not followed" },
	{ "yes", "the practice is followed" },
};
VOCAB(vocab_answer, "answer", answer_words);

static const struct word stride_words[] = {
	{ "S", "spoofing" },
	{ "T", "tampering" },
	{ "R", "repudiation" },
	{ "I", "information disclosure" },
	{ "D", "denial of service" },
	{ "E", "elevation of privilege" },
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

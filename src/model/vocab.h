/*
 * vocab.h: the words of model format 1, each with its help text.
 *
 * These tables are the single source for the YAML reader and writer, the
 * store and the TUI forms; the man page is written by hand and
 * tests/test-manpage-model.c checks man/parapet-model.5 against them. The order of words is the order of the enums below and,
 * for trust and criticality, the order of increasing trust or harm.
 * Words may be added; words fixed by the format spec are never renamed.
 */
#ifndef PARAPET_MODEL_VOCAB_H
#define PARAPET_MODEL_VOCAB_H

#include <stddef.h>

struct word {
	const char	*name;		/* as written in a model file */
	const char	*help;		/* one line for forms and the man page */
	const char	*label;		/* short, for columns; NULL: the name */
};

struct vocab {
	const char		*name;	/* what the words are, for messages */
	const struct word	*words;
	size_t			 n;
};

/*
 * Each vocabulary is one X-macro list, X(ENUM, word, help) or, for the
 * vocabularies shown in narrow columns, X(ENUM, word, help, label): it
 * gives the enum (in the order of the words), its count and the table of
 * words in vocab.c, so that the three cannot drift apart. (A count is a
 * macro rather than a last enum member where switches cover the enum.)
 */
#define VOCAB_ENUM(e, ...)	e,
#define VOCAB_ONE(e, ...)	+ 1

#define VOCAB_KIND(X) \
	X(KIND_USER, "user", "a person using the system") \
	X(KIND_OPERATOR, "operator", "a person with privileged access: ML " \
	    "engineer, administrator") \
	X(KIND_APPLICATION, "application", "code that serves users or " \
	    "orchestrates calls") \
	X(KIND_MODEL, "model", "a trained model used for inference, " \
	    "hosted or in-house") \
	X(KIND_INFERENCE_SERVICE, "inference-service", "an endpoint " \
	    "serving a model; add that model as well") \
	X(KIND_TRAINING_PIPELINE, "training-pipeline", "training, " \
	    "fine-tuning or evaluation jobs") \
	X(KIND_DATASET, "dataset", "training, fine-tuning or evaluation " \
	    "data") \
	X(KIND_DATA_SOURCE, "data-source", "content read at run time: web " \
	    "pages, documents, e-mail, sensor data") \
	X(KIND_VECTOR_STORE, "vector-store", "a retrieval index or " \
	    "knowledge base") \
	X(KIND_AGENT, "agent", "a model-driven orchestrator that plans and " \
	    "calls tools") \
	X(KIND_TOOL, "tool", "a function, plug-in or API that a model or " \
	    "agent can invoke") \
	X(KIND_MODEL_REGISTRY, "model-registry", "where models and weights " \
	    "are stored or fetched from") \
	X(KIND_DATASTORE, "datastore", "any other database or storage") \
	X(KIND_MONITORING, "monitoring", "logging, monitoring and alerting") \
	X(KIND_EXTERNAL_SERVICE, "external-service", "a third-party " \
	    "service that is not an AI component")
enum kind { VOCAB_KIND(VOCAB_ENUM) KIND_COUNT };
#define KIND_BIT(k)	(1u << (k))
#define KIND_ALL	((1u << KIND_COUNT) - 1)

#define VOCAB_TRUST(X) \
	X(TRUST_UNTRUSTED, "untrusted", "anyone can be here: the internet, " \
	    "end users' devices") \
	X(TRUST_SANDBOX, "sandbox", "set up and run by the organisation to " \
	    "confine what runs inside: model-written code, untrusted files") \
	X(TRUST_PARTNER, "partner", "a supplier or partner: trusted by " \
	    "contract, not controlled") \
	X(TRUST_INTERNAL, "internal", "run and controlled by the " \
	    "organisation") \
	X(TRUST_RESTRICTED, "restricted", "the most protected zone: few " \
	    "people, strong controls")
enum trust { VOCAB_TRUST(VOCAB_ENUM) };
#define TRUST_COUNT	(0 VOCAB_TRUST(VOCAB_ONE))

#define VOCAB_CRITICALITY(X) \
	X(LEVEL_LOW, "low", "little harm if compromised or wrong") \
	X(LEVEL_MEDIUM, "medium", "noticeable but contained harm") \
	X(LEVEL_HIGH, "high", "serious harm to users, the organisation or " \
	    "others") \
	X(LEVEL_CRITICAL, "critical", "real or large-scale physical, " \
	    "reputational, operational, data or legal harm")
enum level { VOCAB_CRITICALITY(VOCAB_ENUM) };
#define LEVEL_COUNT	(0 VOCAB_CRITICALITY(VOCAB_ONE))

#define VOCAB_PROVIDER(X) \
	X(PROVIDER_IN_HOUSE, "in-house", \
	    "built and run by the organisation") \
	X(PROVIDER_THIRD_PARTY, "third-party", "supplied by a vendor, as a " \
	    "service or a product") \
	X(PROVIDER_OPEN_SOURCE, "open-source", "taken from an open-source " \
	    "project or public hub")
enum provider { VOCAB_PROVIDER(VOCAB_ENUM) };
#define PROVIDER_COUNT	(0 VOCAB_PROVIDER(VOCAB_ONE))

#define VOCAB_EXPOSURE(X) \
	X(EXPOSURE_PUBLIC, "public", \
	    "reachable from the internet by anyone") \
	X(EXPOSURE_PARTNER, "partner", "reachable by partners or customers " \
	    "with accounts") \
	X(EXPOSURE_INTERNAL, "internal", "reachable only inside the " \
	    "organisation")
enum exposure { VOCAB_EXPOSURE(VOCAB_ENUM) };
#define EXPOSURE_COUNT	(0 VOCAB_EXPOSURE(VOCAB_ONE))

#define VOCAB_MODEL_TYPE(X) \
	X(MODEL_LLM, "llm", "a large language model: text in, text out") \
	X(MODEL_CLASSIFIER, "classifier", "assigns inputs to classes") \
	X(MODEL_REGRESSOR, "regressor", "predicts a number") \
	X(MODEL_VISION, "vision", "images or video in: detection, " \
	    "recognition") \
	X(MODEL_SPEECH, "speech", "speech recognition or synthesis") \
	X(MODEL_RECOMMENDER, "recommender", "ranks or recommends items") \
	X(MODEL_EMBEDDING, "embedding", "turns inputs into vectors for " \
	    "search") \
	X(MODEL_IMAGE_GENERATION, "image-generation", "generates images " \
	    "from prompts") \
	X(MODEL_OTHER, "other", "any other kind of model") \
	X(MODEL_GUARDRAIL, "guardrail", "a guardrail or safety filter that " \
	    "screens inputs or outputs: evading it is the attack") \
	X(MODEL_SPEAKER_VERIFICATION, "speaker-verification", "verifies " \
	    "who is speaking from their voice") \
	X(MODEL_FACE_VERIFICATION, "face-verification", "verifies who a " \
	    "person is from an image of their face") \
	X(MODEL_LIVENESS, "liveness", "judges whether a face or voice " \
	    "sample comes from a live person, for the verifier it guards " \
	    "(presentation-attack detection)")
enum model_type { VOCAB_MODEL_TYPE(VOCAB_ENUM) };
#define MODEL_COUNT	(0 VOCAB_MODEL_TYPE(VOCAB_ONE))

#define VOCAB_WEIGHTS_FORMAT(X) \
	X(WEIGHTS_SAFETENSORS, "safetensors", "tensors only: loading runs " \
	    "no code") \
	X(WEIGHTS_PICKLE, "pickle", "Python pickle (PyTorch .pt/.bin): " \
	    "loading can run code") \
	X(WEIGHTS_ONNX, "onnx", "ONNX graph") \
	X(WEIGHTS_GGUF, "gguf", "GGUF (llama.cpp)") \
	X(WEIGHTS_SAVEDMODEL, "savedmodel", "TensorFlow SavedModel or " \
	    "Keras: may hold code layers") \
	X(WEIGHTS_OTHER, "other", "any other format")
enum weights_format { VOCAB_WEIGHTS_FORMAT(VOCAB_ENUM) };
#define WEIGHTS_COUNT	(0 VOCAB_WEIGHTS_FORMAT(VOCAB_ONE))

#define VOCAB_ORIGIN(X) \
	X(ORIGIN_INTERNAL, "internal", "produced inside the organisation") \
	X(ORIGIN_USER_CONTRIBUTED, "user-contributed", "submitted by users") \
	X(ORIGIN_SCRAPED, "scraped", "collected from the web or other " \
	    "public sources") \
	X(ORIGIN_THIRD_PARTY, "third-party", "bought or licensed from a " \
	    "supplier") \
	X(ORIGIN_SYNTHETIC, "synthetic", "generated, for example by " \
	    "another model")
enum origin { VOCAB_ORIGIN(VOCAB_ENUM) };
#define ORIGIN_COUNT	(0 VOCAB_ORIGIN(VOCAB_ONE))

#define VOCAB_OPERATED_BY(X) \
	X(OPERATED_IN_HOUSE, "in-house", "run by the organisation, on " \
	    "infrastructure it controls") \
	X(OPERATED_VENDOR, "vendor", "run by a supplier as a service")
enum operated_by { VOCAB_OPERATED_BY(VOCAB_ENUM) };
#define OPERATED_COUNT	(0 VOCAB_OPERATED_BY(VOCAB_ONE))

#define VOCAB_CAPTURE(X) \
	X(CAPTURE_CAMERA, "camera", "a camera in the physical world: still " \
	    "images or video") \
	X(CAPTURE_MICROPHONE, "microphone", "a microphone in the physical " \
	    "world: live speech or sound") \
	X(CAPTURE_SENSOR, "sensor", "another sensor in the physical world: " \
	    "lidar, radar, meters, devices") \
	X(CAPTURE_UPLOAD, "upload", "files that people send: documents, " \
	    "photos, recordings") \
	X(CAPTURE_IMPORT, "import", "records or files imported from " \
	    "another system")
enum capture { VOCAB_CAPTURE(VOCAB_ENUM) };
#define CAPTURE_COUNT	(0 VOCAB_CAPTURE(VOCAB_ONE))

#define VOCAB_HUMAN_REVIEW(X) \
	X(REVIEW_NONE, "none", "no person reviews outputs or actions " \
	    "before they take effect") \
	X(REVIEW_SAMPLED, "sampled", "a person reviews a sample, after the " \
	    "fact") \
	X(REVIEW_ABOVE_LIMIT, "above-limit", "a person reviews or approves " \
	    "those above a limit (see review-limit) before they take effect") \
	X(REVIEW_ALL, "all", "a person reviews every output or approves " \
	    "every action before it takes effect") \
	X(REVIEW_BY_CLASS, "by-class", "a person approves every action of " \
	    "one class before it takes effect, whatever its amount (every " \
	    "payment: see review-limit); the rest are not reviewed")
enum human_review { VOCAB_HUMAN_REVIEW(VOCAB_ENUM) };
#define REVIEW_COUNT	(0 VOCAB_HUMAN_REVIEW(VOCAB_ONE))

#define VOCAB_MEMORY(X) \
	X(MEMORY_NONE, "none", "nothing is kept between requests") \
	X(MEMORY_SESSION, "session", "kept for one conversation or task, " \
	    "then dropped") \
	X(MEMORY_PER_USER, "per-user", "kept across sessions, apart for " \
	    "each user") \
	X(MEMORY_SHARED, "shared", "kept across sessions and shared " \
	    "between users")
enum memory_scope { VOCAB_MEMORY(VOCAB_ENUM) };
#define MEMORY_COUNT	(0 VOCAB_MEMORY(VOCAB_ONE))

#define VOCAB_ACTS_AS(X) \
	X(ACTS_AS_USER, "user", "with the identity and rights of the user " \
	    "it serves") \
	X(ACTS_AS_SERVICE, "service", "with its own service identity and " \
	    "rights")
enum acts_as { VOCAB_ACTS_AS(VOCAB_ENUM) };
#define ACTS_AS_COUNT	(0 VOCAB_ACTS_AS(VOCAB_ONE))

#define VOCAB_DESTINATION(X) \
	X(DESTINATION_FIXED, "fixed", "only the fixed endpoints it was " \
	    "built for") \
	X(DESTINATION_MODEL_CHOSEN, "model-chosen", "addresses that the " \
	    "model or agent chooses: URLs, e-mail addresses, hosts")
enum destination { VOCAB_DESTINATION(VOCAB_ENUM) };
#define DESTINATION_COUNT	(0 VOCAB_DESTINATION(VOCAB_ONE))

#define VOCAB_MODEL_VALUE(X) \
	X(VALUE_LOW, "low", "public or cheap to rebuild") \
	X(VALUE_MEDIUM, "medium", "some cost or advantage lost if copied") \
	X(VALUE_HIGH, "high", "costly to rebuild, or holds proprietary " \
	    "data or know-how")
enum model_value { VOCAB_MODEL_VALUE(VOCAB_ENUM) };
#define VALUE_COUNT	(0 VOCAB_MODEL_VALUE(VOCAB_ONE))

#define VOCAB_REQUEST(X) \
	X(REQUEST_READ, "read", "look up, retrieve or answer") \
	X(REQUEST_ACT, "act", "act through its tools: write, send, buy, " \
	    "delete") \
	X(REQUEST_EXECUTE, "execute", "run code or commands") \
	X(REQUEST_DELEGATE, "delegate", \
	    "hand the task on to further agents")
enum request { VOCAB_REQUEST(VOCAB_ENUM) };
#define REQUEST_COUNT	(0 VOCAB_REQUEST(VOCAB_ONE))

#define VOCAB_WATCH(X) \
	X(WATCH_INPUTS, "inputs", "requests, queries and prompts") \
	X(WATCH_OUTPUTS, "outputs", "what the model or system returns") \
	X(WATCH_BEHAVIOUR, "behaviour", "performance, drift and unusual " \
	    "behaviour") \
	X(WATCH_INFRASTRUCTURE, "infrastructure", "hosts, networks and " \
	    "services")
enum watch { VOCAB_WATCH(VOCAB_ENUM) };
#define WATCH_COUNT	(0 VOCAB_WATCH(VOCAB_ONE))

#define VOCAB_ACTION_IMPACT(X) \
	X(ACTION_IMPACT_LOW, "low", "reversible and contained: open a " \
	    "ticket, draft an e-mail") \
	X(ACTION_IMPACT_HIGH, "high", "money, data deletion, messages sent " \
	    "to others, changes in production")
enum action_impact { VOCAB_ACTION_IMPACT(VOCAB_ENUM) };
#define ACTION_IMPACT_COUNT	(0 VOCAB_ACTION_IMPACT(VOCAB_ONE))

#define VOCAB_INITIATOR(X) \
	X(INITIATOR_FROM, "from", "the source sends or calls") \
	X(INITIATOR_TO, "to", "the destination fetches or downloads")
enum initiator { VOCAB_INITIATOR(VOCAB_ENUM) };
#define INITIATOR_COUNT	(0 VOCAB_INITIATOR(VOCAB_ONE))

#define VOCAB_DATA_CLASS(X) \
	X(DATA_PROMPT, "prompt", \
	    "instructions or questions sent to a model") \
	X(DATA_MODEL_OUTPUT, "model-output", "what a model returns") \
	X(DATA_TRAINING_DATA, "training-data", "data used to train, " \
	    "fine-tune or evaluate") \
	X(DATA_MODEL_WEIGHTS, "model-weights", "model files and parameters") \
	X(DATA_EMBEDDINGS, "embeddings", "vectors computed from content") \
	X(DATA_DOCUMENTS, "documents", "documents, web pages, retrieved " \
	    "content") \
	X(DATA_PERSONAL_DATA, "personal-data", "data about identifiable " \
	    "people") \
	X(DATA_CREDENTIALS, "credentials", "passwords, keys and tokens") \
	X(DATA_FEEDBACK, "feedback", "ratings, corrections and other user " \
	    "feedback") \
	X(DATA_TELEMETRY, "telemetry", "logs and metrics") \
	X(DATA_TOOL_CALL, "tool-call", "a request to invoke a tool or " \
	    "function") \
	X(DATA_CONFIGURATION, "configuration", "settings, prompt templates " \
	    "and policies") \
	X(DATA_AUDIO, "audio", "speech and other sound, recorded or live") \
	X(DATA_IMAGE, "image", "photographs, scans and other still images") \
	X(DATA_VIDEO, "video", "moving images, recorded or live") \
	X(DATA_FEATURES, "features", "feature rows or records scored by a " \
	    "predictive model") \
	X(DATA_AGENT_MESSAGE, "agent-message", "a task, instruction or " \
	    "result passed between agents") \
	X(DATA_SOURCE_CODE, "source-code", "source code, scripts and " \
	    "infrastructure definitions, with the configuration files kept " \
	    "beside them") \
	X(DATA_MODEL_UPDATE, "model-update", "a participant's locally " \
	    "trained update (gradients or changed weights) sent to be " \
	    "combined into a shared model: federated learning")
enum data_class { VOCAB_DATA_CLASS(VOCAB_ENUM) DATA_COUNT };
#define DATA_BIT(d)	(1u << (d))

#define VOCAB_RETENTION(X) \
	X(RETENTION_NONE, "none", "nothing is kept once the request or task " \
	    "it serves is done") \
	X(RETENTION_LIMITED, "limited", "deleted at the end of a set period " \
	    "(see retention-period)") \
	X(RETENTION_INDEFINITE, "indefinite", "kept with no set end")
enum retention { VOCAB_RETENTION(VOCAB_ENUM) };
#define RETENTION_COUNT	(0 VOCAB_RETENTION(VOCAB_ONE))

/* Who may read what a retrieval index returns. */
#define VOCAB_ACCESS_CONTROL(X) \
	X(ACCESS_CONTROL_NONE, "none", "results come by similarity alone, " \
	    "whoever asks, though the askers differ in what they may read") \
	X(ACCESS_CONTROL_PER_USER, "per-user", "retrieval returns only what " \
	    "the asker may read: filtered by the asker's own rights, or a " \
	    "partition per tenant, team or case") \
	X(ACCESS_CONTROL_UNIFORM, "uniform", "everyone who can ask may read " \
	    "all it holds")
enum access_control { VOCAB_ACCESS_CONTROL(VOCAB_ENUM) };
#define ACCESS_CONTROL_COUNT	(0 VOCAB_ACCESS_CONTROL(VOCAB_ONE))

/* How the training that combines participants' updates treats them. */
#define VOCAB_AGGREGATION(X) \
	X(AGGREGATION_PLAIN, "plain", "the updates are combined as " \
	    "received: averaged, weighted or summed, none of the below") \
	X(AGGREGATION_SECURE, "secure", "secure aggregation: updates are " \
	    "masked or encrypted so that only their combination can be " \
	    "read, by the server too") \
	X(AGGREGATION_DIFFERENTIAL_PRIVACY, "differential-privacy", \
	    "each update is clipped and noised under a privacy budget " \
	    "that someone checks") \
	X(AGGREGATION_ROBUST, "robust", "robust aggregation or update " \
	    "validation: updates are bounded, checked against the others " \
	    "or an evaluation set, and outliers dropped (median, trimmed " \
	    "mean, norm bounds)")
enum aggregation { VOCAB_AGGREGATION(VOCAB_ENUM) };
#define AGGREGATION_COUNT	(0 VOCAB_AGGREGATION(VOCAB_ONE))

/* Whom the people speaking into a microphone address. */
#define VOCAB_ADDRESSED_TO(X) \
	X(ADDRESSED_TO_SYSTEM, "system", "the system: a voice assistant, " \
	    "a phone menu, dictation to the model") \
	X(ADDRESSED_TO_PEOPLE, "people", "each other: a recorded meeting, " \
	    "a call or an interview transcribed for the system to read")
enum addressed_to { VOCAB_ADDRESSED_TO(VOCAB_ENUM) };
#define ADDRESSED_TO_COUNT	(0 VOCAB_ADDRESSED_TO(VOCAB_ONE))

/* Who approves an action that a person approves before it takes effect. */
#define VOCAB_APPROVED_BY(X) \
	X(APPROVED_BY_REQUESTER, "requester", "the person who asked for the " \
	    "action confirms it themselves") \
	X(APPROVED_BY_INDEPENDENT, "independent", "someone other than the " \
	    "person who asked: a second person, a separate approver")
enum approved_by { VOCAB_APPROVED_BY(VOCAB_ENUM) };
#define APPROVED_BY_COUNT	(0 VOCAB_APPROVED_BY(VOCAB_ONE))

/* What the credential that an agent or tool acts or pays with allows. */
#define VOCAB_CREDENTIAL_SCOPE(X) \
	X(CREDENTIAL_SCOPE_SINGLE_USE, "single-use", "good for one action " \
	    "only: a one-time card number, a token spent when used") \
	X(CREDENTIAL_SCOPE_CAPPED, "capped", "limited to an amount or a " \
	    "number of uses per action or per period: a card with a " \
	    "spending limit, a token with a quota") \
	X(CREDENTIAL_SCOPE_UNRESTRICTED, "unrestricted", "no limit beyond " \
	    "the rights of the account it belongs to")
enum credential_scope { VOCAB_CREDENTIAL_SCOPE(VOCAB_ENUM) };
#define CREDENTIAL_SCOPE_COUNT	(0 VOCAB_CREDENTIAL_SCOPE(VOCAB_ONE))

/* What a control does with what it checks when it is down or errs. */
#define VOCAB_FAIL_MODE(X) \
	X(FAIL_MODE_OPEN, "open", "it lets through what it should check: " \
	    "the item passes unchecked") \
	X(FAIL_MODE_CLOSED, "closed", "it stops what it should check: the " \
	    "item is blocked or held until it can be checked")
enum fail_mode { VOCAB_FAIL_MODE(VOCAB_ENUM) };
#define FAIL_MODE_COUNT	(0 VOCAB_FAIL_MODE(VOCAB_ONE))

/* How the media a model generates is marked as generated. */
#define VOCAB_PROVENANCE(X) \
	X(PROVENANCE_NONE, "none", "nothing marks what it generates as " \
	    "generated") \
	X(PROVENANCE_WATERMARK, "watermark", "an imperceptible mark in the " \
	    "content itself (the pixels or the audio), which re-encoding " \
	    "weakens and regeneration through another model removes") \
	X(PROVENANCE_METADATA, "metadata", "signed metadata attached to the " \
	    "file (C2PA content credentials), which any re-save, screenshot " \
	    "or re-recording drops") \
	X(PROVENANCE_BOTH, "both", "a watermark and signed metadata")
enum provenance { VOCAB_PROVENANCE(VOCAB_ENUM) };
#define PROVENANCE_COUNT	(0 VOCAB_PROVENANCE(VOCAB_ONE))

/*
 * For a part that decides with a review limit: what its decisions that
 * take effect unseen (the side of the limit no person reviews) do for the
 * person or party who asked.
 */
#define VOCAB_UNREVIEWED_OUTCOME(X) \
	X(UNREVIEWED_GRANT, "grant", "the unseen decisions give what is " \
	    "asked: pay, approve, grant, act; the rest are reviewed") \
	X(UNREVIEWED_REFUSE, "refuse", "the unseen decisions refuse, " \
	    "decline or hold what is asked; every grant is reviewed") \
	X(UNREVIEWED_EITHER, "either", "the unseen decisions grant or " \
	    "refuse; only those beyond the limit are reviewed")
enum unreviewed_outcome { VOCAB_UNREVIEWED_OUTCOME(VOCAB_ENUM) };
#define UNREVIEWED_COUNT	(0 VOCAB_UNREVIEWED_OUTCOME(VOCAB_ONE))

/*
 * Where a trust boundary is, in law: the jurisdiction of the organisation
 * and of the people whose data the system handles, or another.
 */
#define VOCAB_JURISDICTION(X) \
	X(JURISDICTION_HOME, "home", "under the same law as the " \
	    "organisation and the people whose data it handles") \
	X(JURISDICTION_ABROAD, "abroad", "in another country or " \
	    "jurisdiction: data sent there leaves the home law's protection " \
	    "and reach")
enum jurisdiction { VOCAB_JURISDICTION(VOCAB_ENUM) };
#define JURISDICTION_COUNT	(0 VOCAB_JURISDICTION(VOCAB_ONE))

/* Three-valued booleans: a field that is absent is "not known yet". */
#define VOCAB_TRI(X) \
	X(TRI_UNKNOWN, "unknown", "not known yet: left as an open question, " \
	    "not a risk") \
	X(TRI_NO, "false", "no") \
	X(TRI_YES, "true", "yes")
enum tri { VOCAB_TRI(VOCAB_ENUM) };
#define TRI_COUNT	(0 VOCAB_TRI(VOCAB_ONE))

/* Severity uses the enum level of criticality, with its own help. */
#define VOCAB_SEVERITY(X) \
	X(LEVEL_LOW, "low", "likelihood x impact 1 to 4", "LOW") \
	X(LEVEL_MEDIUM, "medium", "likelihood x impact 5 to 9", "MED") \
	X(LEVEL_HIGH, "high", "likelihood x impact 10 to 15", "HIGH") \
	X(LEVEL_CRITICAL, "critical", \
	    "likelihood x impact 16 to 25", "CRIT")

/*
 * Every list, count and report shows severities from the most severe
 * down: SEVERITY_FOREACH_DOWN(s) body; visits LEVEL_CRITICAL first and
 * LEVEL_LOW last, for a signed or an unsigned s.
 */
#define SEVERITY_FOREACH_DOWN(s)	for ((s) = LEVEL_COUNT; (s)-- > 0;)

#define VOCAB_RISK_STATUS(X) \
	X(RISK_OPEN, "open", "not yet dealt with", "OPEN") \
	X(RISK_MITIGATING, "mitigating", "mitigations are being put in " \
	    "place", "MITIGATING") \
	X(RISK_MITIGATED, "mitigated", "mitigations are in place; the risk " \
	    "is reduced", "MITIGATED") \
	X(RISK_ACCEPTED, "accepted", "the risk owner accepts the risk " \
	    "(justification required)", "ACC") \
	X(RISK_NOT_APPLICABLE, "not-applicable", "the risk does not apply " \
	    "to this system (justification required)", "N/A")
enum risk_status { VOCAB_RISK_STATUS(VOCAB_ENUM) RISK_STATUS_COUNT };

#define VOCAB_MITIGATION_STATUS(X) \
	X(MIT_PROPOSED, "proposed", "suggested by the catalogue, not yet " \
	    "decided") \
	X(MIT_PLANNED, "planned", "decided and scheduled") \
	X(MIT_IMPLEMENTED, "implemented", "in place") \
	X(MIT_VERIFIED, "verified", "in place and checked to work") \
	X(MIT_REJECTED, "rejected", "decided against")
enum mitigation_status {
	VOCAB_MITIGATION_STATUS(VOCAB_ENUM) MIT_STATUS_COUNT
};

#define VOCAB_ANSWER(X) \
	X(TRI_UNKNOWN, "unknown", "not answered yet: an open question of " \
	    "the assessment") \
	X(TRI_NO, "no", "the practice is not followed") \
	X(TRI_YES, "yes", "the practice is followed")

#define VOCAB_STRIDE(X) \
	X(STRIDE_S, "S", "spoofing") \
	X(STRIDE_T, "T", "tampering") \
	X(STRIDE_R, "R", "repudiation") \
	X(STRIDE_I, "I", "information disclosure") \
	X(STRIDE_D, "D", "denial of service") \
	X(STRIDE_E, "E", "elevation of privilege")
enum stride { VOCAB_STRIDE(VOCAB_ENUM) };
#define STRIDE_COUNT	(0 VOCAB_STRIDE(VOCAB_ONE))

/*
 * Every vocabulary, once: X(its variable, what its words are in messages,
 * its list, how a row of the list reads (VOCAB_WORD, or VOCAB_LABELLED
 * for a list with short labels), its count). vocab.c makes each table
 * from it, and tests/test-model.c checks each against its count.
 */
#define VOCAB_TABLES(X) \
	X(vocab_kind, "component kind", VOCAB_KIND, VOCAB_WORD, KIND_COUNT) \
	X(vocab_trust, "trust level", VOCAB_TRUST, VOCAB_WORD, TRUST_COUNT) \
	/* also severity levels */ \
	X(vocab_criticality, "criticality", VOCAB_CRITICALITY, \
	    VOCAB_WORD, LEVEL_COUNT) \
	X(vocab_provider, "provider", VOCAB_PROVIDER, \
	    VOCAB_WORD, PROVIDER_COUNT) \
	X(vocab_exposure, "exposure", VOCAB_EXPOSURE, \
	    VOCAB_WORD, EXPOSURE_COUNT) \
	X(vocab_model_type, "model type", VOCAB_MODEL_TYPE, \
	    VOCAB_WORD, MODEL_COUNT) \
	X(vocab_weights_format, "weights format", VOCAB_WEIGHTS_FORMAT, \
	    VOCAB_WORD, WEIGHTS_COUNT) \
	X(vocab_origin, "origin", VOCAB_ORIGIN, VOCAB_WORD, ORIGIN_COUNT) \
	X(vocab_operated_by, "operator", VOCAB_OPERATED_BY, \
	    VOCAB_WORD, OPERATED_COUNT) \
	X(vocab_capture, "capture", VOCAB_CAPTURE, VOCAB_WORD, CAPTURE_COUNT) \
	X(vocab_human_review, "human review", VOCAB_HUMAN_REVIEW, \
	    VOCAB_WORD, REVIEW_COUNT) \
	X(vocab_memory, "memory scope", VOCAB_MEMORY, \
	    VOCAB_WORD, MEMORY_COUNT) \
	X(vocab_acts_as, "identity", VOCAB_ACTS_AS, VOCAB_WORD, ACTS_AS_COUNT) \
	X(vocab_destination, "destination", VOCAB_DESTINATION, \
	    VOCAB_WORD, DESTINATION_COUNT) \
	X(vocab_model_value, "model value", VOCAB_MODEL_VALUE, \
	    VOCAB_WORD, VALUE_COUNT) \
	X(vocab_request, "request", VOCAB_REQUEST, VOCAB_WORD, REQUEST_COUNT) \
	X(vocab_watches, "watched signal", VOCAB_WATCH, \
	    VOCAB_WORD, WATCH_COUNT) \
	X(vocab_action_impact, "action impact", VOCAB_ACTION_IMPACT, \
	    VOCAB_WORD, ACTION_IMPACT_COUNT) \
	X(vocab_initiator, "initiator", VOCAB_INITIATOR, \
	    VOCAB_WORD, INITIATOR_COUNT) \
	X(vocab_retention, "retention", VOCAB_RETENTION, \
	    VOCAB_WORD, RETENTION_COUNT) \
	X(vocab_access_control, "access control", VOCAB_ACCESS_CONTROL, \
	    VOCAB_WORD, ACCESS_CONTROL_COUNT) \
	X(vocab_aggregation, "aggregation", VOCAB_AGGREGATION, \
	    VOCAB_WORD, AGGREGATION_COUNT) \
	X(vocab_addressed_to, "addressee", VOCAB_ADDRESSED_TO, \
	    VOCAB_WORD, ADDRESSED_TO_COUNT) \
	X(vocab_approved_by, "approver", VOCAB_APPROVED_BY, \
	    VOCAB_WORD, APPROVED_BY_COUNT) \
	X(vocab_credential_scope, "credential scope", \
	    VOCAB_CREDENTIAL_SCOPE, VOCAB_WORD, CREDENTIAL_SCOPE_COUNT) \
	X(vocab_fail_mode, "failure mode", VOCAB_FAIL_MODE, \
	    VOCAB_WORD, FAIL_MODE_COUNT) \
	X(vocab_provenance, "provenance mark", VOCAB_PROVENANCE, \
	    VOCAB_WORD, PROVENANCE_COUNT) \
	X(vocab_data_class, "data class", VOCAB_DATA_CLASS, \
	    VOCAB_WORD, DATA_COUNT) \
	X(vocab_unreviewed_outcome, "unreviewed outcome", \
	    VOCAB_UNREVIEWED_OUTCOME, VOCAB_WORD, UNREVIEWED_COUNT) \
	X(vocab_jurisdiction, "jurisdiction", VOCAB_JURISDICTION, \
	    VOCAB_WORD, JURISDICTION_COUNT) \
	/* true, false, unknown */ \
	X(vocab_tri, "answer", VOCAB_TRI, VOCAB_WORD, TRI_COUNT) \
	/* low .. critical */ \
	X(vocab_severity, "severity", VOCAB_SEVERITY, \
	    VOCAB_LABELLED, LEVEL_COUNT) \
	X(vocab_risk_status, "risk status", VOCAB_RISK_STATUS, \
	    VOCAB_LABELLED, RISK_STATUS_COUNT) \
	X(vocab_mitigation_status, "mitigation status", \
	    VOCAB_MITIGATION_STATUS, VOCAB_WORD, MIT_STATUS_COUNT) \
	/* practice answers: yes, no, unknown */ \
	X(vocab_answer, "answer", VOCAB_ANSWER, VOCAB_WORD, TRI_COUNT) \
	/* S T R I D E */ \
	X(vocab_stride, "STRIDE letter", VOCAB_STRIDE, \
	    VOCAB_WORD, STRIDE_COUNT)
#define VOCAB_EXTERN(var, ...)	extern const struct vocab var;
VOCAB_TABLES(VOCAB_EXTERN)

/* Index of a word, or -1. */
int		 vocab_find(const struct vocab *, const char *);
/* The word at an index, or NULL when out of range (e.g. -1 for unset). */
const char	*vocab_name(const struct vocab *, int);
/* Its short label for columns ("CRIT", "ACC"), else the word, else "?". */
const char	*vocab_label(const struct vocab *, int);
/* Nearest word to a misspelling, or NULL (borrowed). */
const char	*vocab_suggest(const struct vocab *, const char *);
/* Append "'a', 'b' or 'c'" to a buffer, for messages. */
struct buf;
void		 vocab_list(const struct vocab *, struct buf *);

#endif

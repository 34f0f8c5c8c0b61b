/*
 * vocab.h: the words of model format 1, each with its help text.
 *
 * These tables are the single source for the YAML reader and writer, the
 * store, the TUI forms and the man page (tests check man/parapet-model.5
 * against them). The order of words is the order of the enums below and,
 * for trust and criticality, the order of increasing trust or harm.
 * Words may be added; words fixed by the format spec are never renamed.
 */
#ifndef PARAPET_MODEL_VOCAB_H
#define PARAPET_MODEL_VOCAB_H

#include <stddef.h>

struct word {
	const char	*name;		/* as written in a model file */
	const char	*help;		/* one line for forms and the man page */
};

struct vocab {
	const char		*name;	/* what the words are, for messages */
	const struct word	*words;
	size_t			 n;
};

enum kind {
	KIND_USER,
	KIND_OPERATOR,
	KIND_APPLICATION,
	KIND_MODEL,
	KIND_INFERENCE_SERVICE,
	KIND_TRAINING_PIPELINE,
	KIND_DATASET,
	KIND_DATA_SOURCE,
	KIND_VECTOR_STORE,
	KIND_AGENT,
	KIND_TOOL,
	KIND_MODEL_REGISTRY,
	KIND_DATASTORE,
	KIND_MONITORING,
	KIND_EXTERNAL_SERVICE,
	KIND_COUNT
};
#define KIND_BIT(k)	(1u << (k))
#define KIND_ALL	((1u << KIND_COUNT) - 1)

enum trust { TRUST_UNTRUSTED, TRUST_PARTNER, TRUST_INTERNAL, TRUST_RESTRICTED };
enum level { LEVEL_LOW, LEVEL_MEDIUM, LEVEL_HIGH, LEVEL_CRITICAL };
enum provider { PROVIDER_IN_HOUSE, PROVIDER_THIRD_PARTY, PROVIDER_OPEN_SOURCE };
enum exposure { EXPOSURE_PUBLIC, EXPOSURE_PARTNER, EXPOSURE_INTERNAL };
enum model_type {
	MODEL_LLM, MODEL_CLASSIFIER, MODEL_REGRESSOR, MODEL_VISION,
	MODEL_SPEECH, MODEL_RECOMMENDER, MODEL_EMBEDDING,
	MODEL_IMAGE_GENERATION, MODEL_OTHER, MODEL_GUARDRAIL,
	MODEL_SPEAKER_VERIFICATION, MODEL_FACE_VERIFICATION
};
enum weights_format {
	WEIGHTS_SAFETENSORS, WEIGHTS_PICKLE, WEIGHTS_ONNX, WEIGHTS_GGUF,
	WEIGHTS_SAVEDMODEL, WEIGHTS_OTHER
};
enum origin {
	ORIGIN_INTERNAL, ORIGIN_USER_CONTRIBUTED, ORIGIN_SCRAPED,
	ORIGIN_THIRD_PARTY, ORIGIN_SYNTHETIC
};
enum operated_by { OPERATED_IN_HOUSE, OPERATED_VENDOR };
enum capture {
	CAPTURE_CAMERA, CAPTURE_MICROPHONE, CAPTURE_SENSOR, CAPTURE_UPLOAD,
	CAPTURE_IMPORT
};
enum human_review {
	REVIEW_NONE, REVIEW_SAMPLED, REVIEW_ABOVE_LIMIT, REVIEW_ALL
};
enum memory_scope {
	MEMORY_NONE, MEMORY_SESSION, MEMORY_PER_USER, MEMORY_SHARED
};
enum acts_as { ACTS_AS_USER, ACTS_AS_SERVICE };
enum destination { DESTINATION_FIXED, DESTINATION_MODEL_CHOSEN };
enum model_value { VALUE_LOW, VALUE_MEDIUM, VALUE_HIGH };
enum request { REQUEST_READ, REQUEST_ACT, REQUEST_EXECUTE, REQUEST_DELEGATE };
enum watch { WATCH_INPUTS, WATCH_OUTPUTS, WATCH_BEHAVIOUR, WATCH_INFRASTRUCTURE };
enum action_impact { ACTION_IMPACT_LOW, ACTION_IMPACT_HIGH };
enum initiator { INITIATOR_FROM, INITIATOR_TO };
enum data_class {
	DATA_PROMPT, DATA_MODEL_OUTPUT, DATA_TRAINING_DATA, DATA_MODEL_WEIGHTS,
	DATA_EMBEDDINGS, DATA_DOCUMENTS, DATA_PERSONAL_DATA, DATA_CREDENTIALS,
	DATA_FEEDBACK, DATA_TELEMETRY, DATA_TOOL_CALL, DATA_CONFIGURATION,
	DATA_AUDIO, DATA_IMAGE, DATA_VIDEO, DATA_FEATURES, DATA_AGENT_MESSAGE,
	DATA_COUNT
};
#define DATA_BIT(d)	(1u << (d))

enum risk_status {
	RISK_OPEN, RISK_MITIGATING, RISK_MITIGATED, RISK_ACCEPTED,
	RISK_NOT_APPLICABLE, RISK_STATUS_COUNT
};
enum mitigation_status {
	MIT_PROPOSED, MIT_PLANNED, MIT_IMPLEMENTED, MIT_VERIFIED, MIT_REJECTED,
	MIT_STATUS_COUNT
};
enum stride {
	STRIDE_S, STRIDE_T, STRIDE_R, STRIDE_I, STRIDE_D, STRIDE_E
};

/* Three-valued booleans: a field that is absent is "not known yet". */
enum tri { TRI_UNKNOWN = 0, TRI_NO = 1, TRI_YES = 2 };

extern const struct vocab vocab_kind;
extern const struct vocab vocab_trust;
extern const struct vocab vocab_criticality;	/* also severity levels */
extern const struct vocab vocab_provider;
extern const struct vocab vocab_exposure;
extern const struct vocab vocab_model_type;
extern const struct vocab vocab_weights_format;
extern const struct vocab vocab_origin;
extern const struct vocab vocab_operated_by;
extern const struct vocab vocab_capture;
extern const struct vocab vocab_human_review;
extern const struct vocab vocab_memory;
extern const struct vocab vocab_acts_as;
extern const struct vocab vocab_destination;
extern const struct vocab vocab_model_value;
extern const struct vocab vocab_request;
extern const struct vocab vocab_watches;
extern const struct vocab vocab_action_impact;
extern const struct vocab vocab_initiator;
extern const struct vocab vocab_data_class;
extern const struct vocab vocab_tri;		/* true, false, unknown */
extern const struct vocab vocab_severity;	/* low .. critical */
extern const struct vocab vocab_risk_status;
extern const struct vocab vocab_mitigation_status;
extern const struct vocab vocab_answer;	/* practice answers: yes, no, unknown */
extern const struct vocab vocab_stride;	/* S T R I D E */

/* Index of a word, or -1. */
int		 vocab_find(const struct vocab *, const char *);
/* The word at an index, or NULL when out of range (e.g. -1 for unset). */
const char	*vocab_name(const struct vocab *, int);
/* Nearest word to a misspelling, or NULL (borrowed). */
const char	*vocab_suggest(const struct vocab *, const char *);
/* Append "'a', 'b' or 'c'" to a buffer, for messages. */
struct buf;
void		 vocab_list(const struct vocab *, struct buf *);

#endif

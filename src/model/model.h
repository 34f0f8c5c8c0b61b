/*
 * model.h: the in-memory model of format 1 (see man/parapet-model.5).
 *
 * A model is one AI system: its trust boundaries, components, data flows and
 * the answers to the practice questions. Objects are typed structs; the
 * field tables (model_fields()) describe every field of every object type
 * with its name, type, vocabulary, the component kinds it applies to and its
 * help text, and point into the structs with offsetof, so that the YAML
 * reader and writer, the store and the TUI forms work from one description
 * (the man page, written by hand, is checked against it by
 * tests/test-manpage-model.c).
 *
 * Ownership: the model owns every object and every string in it. Strings
 * set through field_set() or assigned directly must be heap copies.
 * Enumerated fields hold a vocabulary index, -1 when not set; booleans hold
 * an enum tri (TRI_UNKNOWN when not set); sets hold a bit mask.
 */
#ifndef PARAPET_MODEL_MODEL_H
#define PARAPET_MODEL_MODEL_H

#include <stddef.h>

#include "model/vocab.h"
#include "util/strmap.h"

struct buf;
struct error;
struct errors;

#define MODEL_FORMAT	1
#define ID_MAX		64

/* Where something was written in a source file (1-based; 0 = unknown). */
struct srcpos {
	unsigned long	line;
	unsigned long	col;
};

enum objtype { OBJ_SYSTEM, OBJ_BOUNDARY, OBJ_COMPONENT, OBJ_FLOW, OBJ_COUNT };

struct system {
	char		*id;
	char		*name;
	char		*description;
	char		*owner;
	char		*team;		/* who runs it, for the register */
	int		 criticality;	/* enum level or -1 */
	struct srcpos	 pos;
};

struct boundary {
	char		*id;
	char		*name;
	char		*description;
	int		 trust;		/* enum trust or -1 */
	int		 jurisdiction;	/* enum jurisdiction or -1 */
	struct srcpos	 pos;
};

struct component {
	char		*id;
	char		*name;
	int		 kind;		/* enum kind, always set */
	char		*boundary;	/* id of a boundary, or NULL */
	char		*description;
	char		*owner;
	int		 provider;	/* enum provider or -1 */
	int		 exposure;	/* enum exposure or -1 */
	enum tri	 untrusted_input;
	enum tri	 personal_data;
	enum tri	 confidential_data;
	enum tri	 biometric_data;
	int		 operated_by;	/* enum operated_by or -1 */
	/* user */
	enum tri	 minors;
	/* model */
	unsigned	 model_type;	/* bits of enum model_type */
	enum tri	 fine_tuned;
	enum tri	 learns_from_feedback;
	enum tri	 open_weights;
	enum tri	 system_prompt;
	enum tri	 prompt_secrets;
	int		 weights_format; /* enum weights_format or -1 */
	int		 model_value;	/* enum model_value or -1 */
	/* model, inference-service, application, agent, tool */
	int		 human_review;	/* enum human_review or -1 */
	char		*review_limit;	/* what "above-limit" means */
	int		 unreviewed_outcome; /* enum unreviewed_outcome or -1 */
	/* model, inference-service */
	int		 fail_mode;	/* enum fail_mode or -1 */
	int		 provenance;	/* enum provenance or -1 */
	/* application, inference-service, training-pipeline, agent, tool */
	enum tri	 dependencies_pinned;
	enum tri	 dependencies_scanned;
	enum tri	 parses_files;
	/* application, agent, tool, data-source, external-service */
	enum tri	 publishes;
	/* inference-service */
	enum tri	 authenticated;
	enum tri	 rate_limited;
	enum tri	 returns_scores;
	/* dataset, data-source, vector-store, model-registry */
	int		 origin;	/* enum origin or -1 */
	enum tri	 integrity_verified;
	int		 capture;	/* enum capture or -1 */
	enum tri	 labels_vetted;
	int		 addressed_to;	/* enum addressed_to or -1 */
	/* data-source */
	enum tri	 built_in;
	/* dataset, data-source, datastore */
	enum tri	 voice_recordings;
	/* dataset, vector-store, datastore, monitoring */
	int		 retention;	/* enum retention or -1 */
	char		*retention_period; /* what "limited" means */
	/* vector-store */
	int		 access_control; /* enum access_control or -1 */
	/* training-pipeline */
	unsigned	 aggregation;	/* bits of enum aggregation */
	/* agent, tool (memory: agent, application) */
	enum tri	 can_act;
	enum tri	 executes_code;
	enum tri	 human_approval;
	int		 approved_by;	/* enum approved_by or -1 */
	int		 credential_scope; /* enum credential_scope or -1 */
	enum tri	 safety_interlock;
	int		 action_impact;	/* enum action_impact or -1 */
	int		 acts_as;	/* enum acts_as or -1 */
	int		 destination;	/* enum destination or -1 */
	int		 memory;	/* enum memory_scope or -1 */
	/* monitoring */
	unsigned	 watches;	/* bits of enum watch */

	struct srcpos	 pos;
	struct srcpos	 boundary_pos;
	struct boundary	*b;		/* resolved by model_index() */
	size_t		 index;		/* position in model->components */
};

struct flow {
	char		*id;
	char		*from;		/* id of a component */
	char		*to;		/* id of a component */
	char		*name;
	char		*description;
	unsigned	 data;		/* bits of enum data_class */
	enum tri	 authenticated;
	enum tri	 encrypted;
	int		 initiator;	/* enum initiator or -1 */
	unsigned	 requests;	/* bits of enum request */
	enum tri	 validated;
	enum tri	 legal_obligation;
	enum tri	 to_controller;	/* the recipient controls the data */

	struct srcpos	 pos;
	struct srcpos	 from_pos;
	struct srcpos	 to_pos;
	struct component *src;		/* resolved by model_index() */
	struct component *dst;
	size_t		 index;
};

/* The answer to one practice question of the catalogue. */
struct practice {
	char		*id;		/* question id */
	enum tri	 answer;	/* TRI_YES, TRI_NO or TRI_UNKNOWN */
	char		*note;
	struct srcpos	 pos;
};

/*
 * An object renamed since the model was loaded or written: the store moves
 * its risks, decisions and history from the old id to the new one.
 */
#define MODEL_RENAMED_FROM	"renamed-from"	/* the key in a model file */

struct model_rename {
	char	*from;
	char	*to;
};

struct model {
	struct system		  system;
	struct boundary		**boundaries;
	size_t			  nboundaries;
	struct component	**components;
	size_t			  ncomponents;
	struct flow		**flows;
	size_t			  nflows;
	struct practice		**practices;
	size_t			  npractices;
	long			  revision;	/* kept by the store */
	struct model_rename	 *renames;	/* in the order made */
	size_t			  nrenames;

	struct strmap		  ids;		/* id -> struct objref */
	int			  indexed;	/* ids and links are current */
	/*
	 * A model read in part (store_load_head()): MODEL_UNREAD_* bits of
	 * the types it has stored but not read (its boundaries, components,
	 * flows), 0 for a whole one. Only a whole model may be saved or analysed:
	 * store_load_rest() reads the rest.
	 */
	unsigned		  unread;
};
#define MODEL_UNREAD_COMPONENTS	0x1u
#define MODEL_UNREAD_FLOWS	0x2u
#define MODEL_UNREAD_BOUNDARIES	0x4u

/* Any object of a model, by type. */
struct objref {
	enum objtype	 type;
	void		*ptr;
};

enum field_type {
	FIELD_TEXT,	/* char *, free text (one line unless FIELD_MULTILINE) */
	FIELD_ID,	/* char *, an identifier */
	FIELD_REF,	/* char *, the id of another object */
	FIELD_KIND,	/* int, enum kind (components only) */
	FIELD_ENUM,	/* int, index in vocab, -1 when not set */
	FIELD_BOOL,	/* enum tri */
	FIELD_SET	/* unsigned, bits of indexes in vocab */
};

#define FIELD_REQUIRED	0x1
#define FIELD_MULTILINE	0x2
#define FIELD_ONE_WORD	0x4	/* a set that may be written as one word,
				   as it was before it held several */
#define FIELD_STATED	0x8	/* stated where it holds: left out, it is
				   no fact still to answer */

struct field {
	const char		*name;	/* as written in a model file */
	enum field_type		 type;
	const struct vocab	*vocab;	/* FIELD_ENUM, FIELD_SET, FIELD_KIND */
	size_t			 offset; /* into the object's struct */
	unsigned		 kinds;	/* components: KIND_BIT mask */
	unsigned		 flags;
	const char		*help;
};

/* The fields of an object type, in file order; count in *n. */
const struct field	*model_fields(enum objtype, size_t *n);
/* A field of an object type by name, or NULL. */
const struct field	*model_field(enum objtype, const char *);
/* 1 if a component field applies to a kind (always 1 for other types). */
int			 field_applies(const struct field *, int kind);
/* The name of an object type: "system", "boundary", ... */
const char		*objtype_name(enum objtype);

/*
 * Set a field from its text form: free text as is; enums by word; booleans
 * as true/false/yes/no/unknown; sets as words separated by commas. An
 * empty or NULL text clears the field. On a bad word, returns -1 and sets
 * err with the nearest word suggested.
 */
int		 field_set(void *obj, const struct field *, const char *,
		     struct error *);
/* The text form of a field, or NULL when not set (the caller's to free). */
char		*field_get(const void *obj, const struct field *);
/*
 * The same text, borrowed: from the object or the vocabulary, or for a
 * set written into scratch (valid until scratch changes). No copy: the
 * store packs and compares every field of every object of a model.
 */
const char	*field_text(const void *obj, const struct field *,
		     struct buf *scratch);
/* 1 if the field holds a value. */
int		 field_isset(const void *obj, const struct field *);

/* 1 if s is a valid identifier: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
int		 id_valid(const char *);
/* That rule, as the messages about an invalid id say it. */
#define ID_RULE \
	"use a-z, 0-9, '.', '_' and '-', starting with a letter or digit, " \
	"at most 64 characters"

struct model	*model_new(void);
void		 model_free(struct model *);
/*
 * Free a model a part at a time (what a screen does between keys, so
 * that a key waits for no more than a part): up to about n of its index
 * entries or objects, the last first. Returns 1 while some are left, 0
 * once the whole model is freed. A model being freed so is of no use.
 */
int		 model_free_some(struct model *, size_t n);
/* Add objects; the model owns them. Fields start unset. */
struct boundary	*model_add_boundary(struct model *, const char *id);
struct component *model_add_component(struct model *, const char *id,
		     int kind);
struct flow	*model_add_flow(struct model *, const char *id,
		     const char *from, const char *to);
struct practice	*model_add_practice(struct model *, const char *id,
		     enum tri);
/* Remove an object by id (flows touching a removed component go too). */
int		 model_remove(struct model *, const char *id);
/*
 * Rename a boundary, component or flow: references to it follow, and the
 * rename is remembered (model_note_rename) so that the store carries its
 * risks, decisions and history. -1 with err set when from does not exist
 * or to is not a valid, free id. The model is indexed again.
 */
int		 model_rename(struct model *, const char *from,
		     const char *to, struct error *);
/* Free the boundary, component or flow added last (a reader gave up on it). */
void		 model_drop_last(struct model *, enum objtype);
/* Remember that the object now called to was called from. */
void		 model_note_rename(struct model *, const char *from,
		     const char *to);
/* Forget the renames (the store calls it once they are saved). */
void		 model_clear_renames(struct model *);

/*
 * Check identifiers and required fields, build the id index and resolve
 * references (component boundaries, flow ends). Errors name the object and,
 * when known, the position of the offending field in file; the file name is
 * added by the caller. Returns 0 or -1.
 */
int		 model_index(struct model *, const char *file, struct error *);
/*
 * An object a file had that its reader could not take (an error was
 * reported on it): references to it are not reported again.
 * OBJ_SYSTEM (any id) leaves the system's own checks out.
 */
struct model_unread {
	const char	*id;		/* borrowed */
	enum objtype	 type;
};
/*
 * model_index() that adds every error to errs (util/error.h) instead of
 * stopping at the first; model_index() gives the first of these.
 */
int		 model_index_all(struct model *, const char *file,
		     const struct model_unread *, size_t nunread,
		     struct errors *);
/* Look up any object by id (model_index() first). NULL if none. */
const struct objref *model_find(const struct model *, const char *);
struct component *model_component(const struct model *, const char *);
struct practice	*model_practice(const struct model *, const char *);
/*
 * The inference services that send to no component of kind model (a
 * hosted LLM drawn as its endpoint only): the threats to the model it
 * serves (prompt injection among them) have nothing to apply to. Their
 * number; *out (freed by the caller) lists them in the model's order.
 */
size_t		 model_unserved(const struct model *,
		     const struct component ***);

/*
 * Derived facts: the one definition of each that the analysis, the screens
 * and the exports use, so that they never disagree. They work on a model
 * being edited too (not indexed: ends and boundaries looked up by id).
 *
 * The boundary a component lies in: NULL when it has none or names one
 * that does not exist.
 */
const struct boundary *component_boundary(const struct model *,
		     const struct component *);
/*
 * Does a flow cross a trust boundary (its ends lie in different
 * boundaries)? TRI_UNKNOWN when an end has no boundary (or is unknown):
 * the analysis then assumes the risky answer and says so.
 */
enum tri	 flow_crossing(const struct model *, const struct flow *);
/*
 * Does a flow come from a less trusted boundary than the one it goes to?
 * TRI_NO inside one boundary; TRI_UNKNOWN when an end has no boundary or a
 * boundary's trust is not set.
 */
enum tri	 flow_from_less_trusted(const struct model *,
		     const struct flow *);
/* The words a report prints for a derived fact: "yes", "no", "unknown". */
const char	*tri_word(enum tri);

#endif

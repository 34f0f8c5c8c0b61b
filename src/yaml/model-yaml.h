/*
 * model-yaml.h: model files of format 1 in YAML, read and written.
 *
 * The reader checks everything the format fixes (man/parapet-model.5):
 * the 'parapet: 1' header, known sections, node types, known fields and
 * words, fields that apply to the component's kind, plain booleans,
 * identifiers, references and required fields. Every error names
 * FILE:LINE:COL of the offending node and, where it helps, the nearest
 * known word. A failed read returns NULL and leaves nothing allocated.
 * Untrusted text in messages is made visible (control characters shown as
 * ^[ and the like), so a message is safe to print.
 *
 * The writer is stable and diff-friendly: the same model always gives the
 * same bytes, sections and fields come in table order, unset fields are
 * left out, and any text YAML could misread is double-quoted with escapes,
 * so that reading what was written gives back every string exactly.
 *
 * Decisions (an extension of format 1): the 'decisions' section carries
 * the risk owners' decisions, keyed by risk as "THREAT@TARGET". The reader
 * checks their form only (identifiers, known fields and status words, real
 * due dates, a justification where the status needs one); whether the
 * model raises each risk and has each mitigation is for the caller to check
 * against the catalogue, at the positions kept for that. model_read_yaml()
 * checks the section and leaves it out; model_read_yaml_decisions() hands it
 * over. The writer's variant adds, after the model, every decision that
 * differs from the default (see model_write_yaml_decisions()).
 *
 * Ownership: a returned model is the caller's (model_free()); it is indexed
 * (model_index()), so references are resolved. Practices keep the position
 * of their key, for the caller to check them against the catalogue.
 * Decisions read are the caller's (model_decisions_release()).
 */
#ifndef PARAPET_YAML_MODEL_YAML_H
#define PARAPET_YAML_MODEL_YAML_H

#include <stddef.h>

#include "model/model.h"
#include "model/risk.h"
#include "util/limits.h"

struct buf;
struct error;
struct errors;
struct ydoc;
struct ynode;

/* The largest model file, and the most answers in 'practices'. */
#define MODEL_YAML_MAX_BYTES	limit_file_bytes()	/* util/limits.h */
#define MODEL_YAML_MAX_PRACTICES 10000

/* Read a model from YAML text; file names it in messages. NULL on error. */
struct model	*model_read_yaml(const char *text, size_t len,
		     const char *file, struct error *);
/* Read a model file of at most MODEL_YAML_MAX_BYTES ("-" is stdin). */
struct model	*model_load_yaml(const char *path, struct error *);
/*
 * Build a model from a mapping node of a parsed document (a test harness
 * may embed a model inside another YAML file). Errors carry doc->file.
 */
struct model	*model_from_ynode(const struct ydoc *,
		     const struct ynode *root, struct error *);
/* Append the model in format 1 to a buffer. */
void		 model_write_yaml(const struct model *, struct buf *);

/* Where one decision was written: its risk key and its mitigation keys. */
struct model_decision_pos {
	struct srcpos	 risk;		/* of the THREAT@TARGET key */
	struct srcpos	*mitigations;	/* [j]: of the risk's mitigations[j] */
};

/* The 'decisions' section of a model file. */
struct model_decisions {
	/*
	 * The decisions in file order: threat, target, status, owner and
	 * justification of each risk (NULL when not given), and the
	 * mitigations named with their status, owner, due and notes. The
	 * scoring fields are unset; applies is 1.
	 */
	struct risk_register		 reg;
	/* pos[i]: where reg.risks[i] was written. */
	struct model_decision_pos	*pos;
};

void		 model_decisions_init(struct model_decisions *);
void		 model_decisions_release(struct model_decisions *);
/*
 * Read a model and its decisions into dec (initialised here; on error it is
 * left empty). NULL on error, as model_read_yaml().
 */
struct model	*model_read_yaml_decisions(const char *text, size_t len,
		     const char *file, struct model_decisions *dec,
		     struct error *);
/*
 * model_read_yaml_decisions() that reports every error of the file to errs
 * (util/error.h), in file order, instead of the first: each independent
 * error once, leaving out those that only follow from an earlier one (a
 * flow to a component whose kind is misspelt, a field of an unknown kind).
 * A YAML syntax error or a file that is not of format 1 gives one error.
 * dec may be NULL. NULL on error, with at least one error in errs.
 */
struct model	*model_read_yaml_all(const char *text, size_t len,
		     const char *file, struct model_decisions *dec,
		     struct errors *errs);
/*
 * Append the model in format 1 and then, when risks is not NULL, its
 * 'decisions' section: every risk that applies and whose status is not
 * open, or that has an owner or a justification, or a mitigation whose
 * status is not proposed or that has an owner, due date or notes; risks
 * sorted by name, mitigations by id, only what is set written. The
 * section is left out when there is no such risk.
 */
void		 model_write_yaml_decisions(const struct model *,
		     const struct risk_register *risks, struct buf *);
/*
 * The same for a model read a piece at a time (store-stream.h), so that
 * the file is never whole in memory when b has a sink: after the
 * components and flows of m, those that next(ctx, type, err) gives
 * (OBJ_COMPONENT, then OBJ_FLOW; NULL at the end of each, or NULL with
 * err set), and the decisions among risks, which may hold only the risks
 * that carry one. 0, or -1 with err set by next.
 */
typedef const void	*model_yaml_next_fn(void *, int, struct error *);
int		 model_write_yaml_stream(const struct model *,
		     model_yaml_next_fn *next, void *ctx,
		     const struct risk_register *risks, struct buf *,
		     struct error *);

#endif

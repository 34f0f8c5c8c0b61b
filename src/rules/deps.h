/*
 * deps.h: what each threat of a catalogue reads of a model, and so which
 * threats a change of the model can affect.
 *
 * A threat's findings, risks and open questions depend only on what its
 * condition and the adjustments that may apply to it read: fields of
 * object types (a field of a component read through a path counts, as
 * "reachable-from: { from: { exposure: public } }" reads every
 * component's exposure), practice answers, and the graph's shape (flows,
 * their ends and data, boundaries and who sits in them). This is read
 * from the catalogue once (deps_new()), not from any one model.
 *
 * A change a save made (store.h's struct store_changes, given here as
 * struct deps_change) affects the threats whose reads it touches; the set
 * is closed under the relations between threats the analysis applies
 * across them (excludes, covers, covers-feedback, covers-agents, both
 * ways), so that analysing only those threats (analyze_some()) gives
 * their findings exactly as a whole analysis does. Changes that move
 * everything (a component or boundary added, removed or renamed, a kind
 * changed, an order changed, an object the model does not know) say so:
 * the caller analyses the whole model.
 */
#ifndef PARAPET_RULES_DEPS_H
#define PARAPET_RULES_DEPS_H

#include <stddef.h>

struct catalogue;
struct model;

/* One change of a save: object type (enum objtype, or -1: look it up). */
struct deps_change {
	int		 type;
	const char	*object;
	const char	*field;
};

struct deps;

/* The read sets of every threat of cat (borrowed: cat outlives it). */
struct deps	*deps_new(const struct catalogue *);
void		 deps_free(struct deps *);
/*
 * Mark in affected (one byte per threat of the catalogue, in its order)
 * the threats that the changes of a save can affect, m being the model as
 * saved (indexed). Returns how many are marked, or -1 when a change can
 * affect anything (every threat is then marked).
 */
long		 deps_affected(const struct deps *, const struct model *m,
		     const struct deps_change *, size_t nchanges,
		     unsigned char *affected);
/* The index of a threat id in the catalogue, or -1. */
long		 deps_threat(const struct deps *, const char *id);
/* Mark what the marked threats are related to, as deps_affected() does. */
void		 deps_close_marks(const struct deps *, unsigned char *affected);
/*
 * 1 if threat i reads key: "graph", "target flow", "field TYPE NAME"
 * (TYPE an object type's name), "practice QUESTION". For tests.
 */
int		 deps_reads(const struct deps *, size_t i, const char *key);

#endif

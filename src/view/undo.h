/*
 * undo.h: copies of models, and the undo stack of the TUI.
 *
 * Every change the TUI makes is saved at once. Before each save the TUI
 * pushes what it is about to change: a copy of the whole model (undone by
 * saving that copy again over the current revision), the decision fields
 * of one risk or one mitigation (undone by setting them back), or the
 * confirmation of a step (undone by a history entry that withdraws it:
 * history is never rewritten).
 * The stack holds the changes of one model; it is cleared when another
 * model is opened, and keeps at most UNDO_MAX entries.
 *
 * Ownership: the stack owns its entries; undo_pop() hands the popped
 * entry to the caller, who releases it with undo_entry_release().
 */
#ifndef PARAPET_VIEW_UNDO_H
#define PARAPET_VIEW_UNDO_H

#include <stddef.h>

struct model;
struct risk;

#define UNDO_MAX	100

enum undo_kind { UNDO_MODEL, UNDO_RISK, UNDO_MITIGATION, UNDO_CONFIRM };

struct undo_entry {
	enum undo_kind	 kind;
	char		*what;		/* "edit component 'llm'" */
	struct model	*model;		/* UNDO_MODEL: the model before */
	/* UNDO_RISK, UNDO_MITIGATION: the decision before. */
	char		*threat;
	char		*target;
	int		 status;	/* risk or mitigation status */
	char		*owner;
	char		*justification;	/* risks */
	char		*mitigation;	/* mitigation id */
	char		*due;
	char		*notes;
	char		*confirmed;	/* UNDO_CONFIRM: the step's word */
};

struct undo {
	struct undo_entry	*v;
	size_t			 n;
};

/* A deep copy of a model (not indexed; revision kept); the caller's. */
struct model	*undo_copy_model(const struct model *);

void		 undo_init(struct undo *);
void		 undo_release(struct undo *);
/* Push a copy of a model before it is changed. */
void		 undo_push_model(struct undo *, const struct model *,
		     const char *what);
/* Push the decision of a risk (mitigation NULL) or of one mitigation. */
void		 undo_push_risk(struct undo *, const struct risk *,
		     const char *mitigation, const char *what);
/* Push the confirmation of a walk-through step (its word, "boundaries"). */
void		 undo_push_confirm(struct undo *, const char *word,
		     const char *what);
/* Pop the last entry into *e; 0, or -1 when the stack is empty. */
int		 undo_pop(struct undo *, struct undo_entry *);
void		 undo_entry_release(struct undo_entry *);

#endif

/*
 * history.h: entries of the change history of a model.
 *
 * The store appends one entry for every change (store/store.h); exports
 * and the TUI show them. Ownership: an array of entries and every string
 * in it belong to whoever got it; free with changes_free().
 */
#ifndef PARAPET_MODEL_HISTORY_H
#define PARAPET_MODEL_HISTORY_H

#include <stddef.h>

struct change {
	long	 seq;		/* increasing */
	long	 revision;	/* of the model, that the change made or
				   belongs to; 0 when not known */
	char	*at;		/* ISO 8601 UTC: 2026-11-25T20:15:36Z */
	char	*who;
	char	*system;	/* system id */
	char	*object;	/* object id, risk name, or the system id */
	char	*field;		/* field name; "created" / "deleted" for
				   whole objects */
	char	*old_value;	/* NULL when absent */
	char	*new_value;	/* NULL when absent */
	/*
	 * NULL for a change made in this database; else where it came from:
	 * "import of 'FILE'" for a change an import made here (by the user who
	 * imported), "imported from 'FILE'" for an entry of another database's
	 * history brought in with it (its author and time are as that file
	 * says, unverified), "undo" for an undo in the screens, and
	 * HISTORY_TEMPLATE_SOURCE for the creation of a model from a
	 * template.
	 */
	char	*source;
};

/* The source of the entries that made a model from the template NAME. */
#define HISTORY_TEMPLATE_SOURCE	"template '%s'"
/*
 * The field of an entry on the system that records part of the model
 * confirmed as it is, without a change (store_confirm()); its new value
 * names the part (the walk-through's step: "boundaries").
 */
#define HISTORY_CONFIRMED	"confirmed"

/*
 * The one order a history is shown in, by `parapet history` and the history
 * screen alike: newest first. The store returns the entries oldest first
 * (by seq); the k-th shown of n is entry CHANGES_NEWEST_FIRST(k, n).
 */
#define CHANGES_NEWEST_FIRST(k, n)	((n) - 1 - (k))

void	changes_free(struct change *, size_t);

#endif

/*
 * pick.h: a list of values to choose from (a "pick list").
 *
 * Used for enumerated fields (one value), sets (several values ticked),
 * yes / no / unknown, references to other objects, risk and mitigation
 * statuses, templates and export formats. Each option has the value it
 * stands for, a label and a line of help shown when it is selected.
 *
 * Ownership: the pick list copies every string it is given.
 */
#ifndef PARAPET_VIEW_PICK_H
#define PARAPET_VIEW_PICK_H

#include <stddef.h>

#include "view/view.h"

struct vocab;

struct pick_option {
	char	*value;		/* what choosing it means; "" for none */
	char	*label;		/* what is shown */
	char	*help;		/* or NULL */
	int	 ticked;	/* multiple choice: ticked */
};

struct pick {
	char			*title;
	int			 multi;		/* several may be ticked */
	int			 toggled;	/* a tick was put or taken */
	int			 none_ok;	/* multi: nothing ticked is a
						   choice ("all"), not the
						   highlighted value */
	struct pick_option	*v;
	size_t			 n;
	struct vlist		 list;		/* built by pick_build() */
	char			 typed[32];	/* type-ahead so far, lower case */
	size_t			 ntyped;
};

void		 pick_init(struct pick *, const char *title, int multi);
void		 pick_release(struct pick *);
void		 pick_add(struct pick *, const char *value, const char *label,
		     const char *help);
/*
 * Add every word of a vocabulary; with current (a word, or for multi a
 * list separated by commas) the matching options are ticked or selected.
 */
void		 pick_add_vocab(struct pick *, const struct vocab *,
		     const char *current);
/* Build the lines (options with a tick box when multi); keeps the cursor. */
void		 pick_build(struct pick *, int width);
/* Put the cursor on the option with this value. */
void		 pick_select(struct pick *, const char *value);
/* The option under the cursor, or NULL. */
const struct pick_option *pick_current(const struct pick *);
/*
 * Type-ahead, ignoring ASCII case: c extends what was typed, and the
 * cursor goes to the first option whose label starts with it, looking from
 * the option after the cursor for a first letter (the selected one is
 * what Enter takes already) and from the cursor once something is typed,
 * cycling, so "in-house" typed whole lands on in-house. When none does, c starts again alone and the
 * cursor goes to the next option after it starting with c (cycling: "d d d"
 * walks the options that start with d). 0, or -1 when no option starts
 * with c (nothing typed is kept).
 */
int		 pick_jump(struct pick *, int c);
/* Forget what was typed (the cursor was moved otherwise). */
void		 pick_typed_reset(struct pick *);
/* Tick or untick the option under the cursor (multi only). */
void		 pick_toggle(struct pick *);
/*
 * The choice: the current option's value, or for multi the ticked values
 * joined by ", "; for multi with nothing ticked, the current option's
 * value unless ticks were taken off here or none_ok is set (then none).
 * The caller's to free.
 */
char		*pick_result(const struct pick *);

#endif

/*
 * history-list.h: the list of the history screen.
 *
 * The history lists changes newest first: when, who, the object and what
 * changed (data: the struct change).
 */
#ifndef PARAPET_VIEW_HISTORY_LIST_H
#define PARAPET_VIEW_HISTORY_LIST_H

#include <stddef.h>

#include "view/view.h"

struct change;

/* With one_object set the object column is left out (all are the same). */
void		 history_lines(struct vlist *, const struct change *, size_t,
		     int width, int one_object);

#endif

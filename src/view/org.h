/*
 * org.h: the lines of the organisation's register screen.
 *
 * Every system of the database with its counted risks by severity, those
 * to confirm, overdue mitigations, accepted risks due for review and open
 * questions (model/org.h, as parapet register counts them); then the
 * overdue mitigations and the accepted risks due for review themselves.
 * A system's line carries its struct org_system, an item's line its
 * struct org_item (org_view_pick() tells which).
 */
#ifndef PARAPET_VIEW_ORG_H
#define PARAPET_VIEW_ORG_H

#include <stddef.h>

#include "model/org.h"
#include "view/view.h"

struct buf;

/* What the screen shows, borrowed. */
struct org_view {
	const struct org_filter	*filter;
	const struct org_system	*systems;
	size_t			 nsystems;
	const struct org_item	*overdue;
	size_t			 noverdue;
	const struct org_item	*review;
	size_t			 nreview;
};

void	org_lines(struct vlist *, const struct org_view *, int width);
/*
 * What a line's data is: its system (the system's id, or the item's),
 * and the item when it is one (else NULL). 0, or -1 for no line.
 */
int	org_view_pick(const struct org_view *, const void *data,
	    const char **system, const struct org_item **item);
/* The filters in words ("owner 'Alice', high and above"), or "none". */
void	org_filter_describe(const struct org_filter *, struct buf *);

#endif

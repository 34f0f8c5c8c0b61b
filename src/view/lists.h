/*
 * lists.h: the lists of the start, data-flow and history screens.
 *
 * The start screen lists the models of a database with their risk counts
 * by severity, and how many are open, mitigating, mitigated and accepted,
 * as the dashboard counts them (data: the struct store_summary). The
 * data-flow view groups components by trust boundary and lists the flows
 * from -> to with the data they carry; a flow that crosses a trust
 * boundary is marked with the word CROSSES (not by colour alone), and one
 * whose ends lack a boundary with "boundary?" (data: the boundary,
 * component or flow). The history lists changes newest first (data: the
 * struct change).
 */
#ifndef PARAPET_VIEW_LISTS_H
#define PARAPET_VIEW_LISTS_H

#include <stddef.h>

#include "model/model.h"
#include "view/view.h"

struct change;
struct store_summary;

void		 start_lines(struct vlist *, const struct store_summary *,
		     size_t, int width);

/* One flow as columns: mark, id, from -> to, data. */
void		 flows_view_line(struct vline *, const struct model *,
		     const struct flow *, int width);
void		 flows_lines(struct vlist *, const struct model *, int width);
/* The type of the model object p points to, or OBJ_COUNT. */
enum objtype	 view_objtype(const struct model *, const void *);
/* The id of the model object p points to, or NULL (borrowed). */
const char	*view_objid(const struct model *, const void *);

/* With one_object set the object column is left out (all are the same). */
void		 history_lines(struct vlist *, const struct change *, size_t,
		     int width, int one_object);

#endif

/*
 * flows.h: the list of the data-flow screen.
 *
 * The data-flow view groups components by trust boundary and lists the
 * flows from -> to with the data they carry; a flow that crosses a trust
 * boundary is marked with the word CROSSES (not by colour alone), and one
 * whose ends lack a boundary with "boundary?" (data: the boundary,
 * component or flow). The walk-through lists flows the same way.
 */
#ifndef PARAPET_VIEW_FLOWS_H
#define PARAPET_VIEW_FLOWS_H

#include "model/model.h"
#include "view/view.h"

/*
 * One flow as an item of a list: mark, id, from -> to, data (wrapped in
 * its column onto lines that the cursor skips, not cut), the id and ends
 * in the columns flows_view_widths() measured once for the list. Of a
 * model whose objects are being read (m->unread: a model of its own,
 * each object findable by id), the mark is an ellipsis until its
 * components and boundaries are all read.
 */
struct flows_widths {
	int	idw, endw;
};
void		 flows_view_widths(const struct model *, int width,
		     struct flows_widths *);
void		 flows_view_item(struct vlist *, const struct model *,
		     const struct flow *, const struct flows_widths *,
		     int width);
void		 flows_lines(struct vlist *, const struct model *, int width);
/*
 * The same list of a model whose flows are being read (its boundaries and
 * components all read, the flows not: a model of its own, each object
 * findable by id, m->unread saying so), growing as they are: part lists
 * the boundaries and components and the flows read so far under a
 * heading that says the rest are being read, more adds those read since,
 * done (m the whole model now, holding the same flows) makes the heading
 * flows_lines()'s, or the whole list again when the flows read since
 * need wider columns.
 */
struct flows_part {
	size_t			 head;		/* the heading's line */
	size_t			 listed;	/* flows listed */
	size_t			 crossing;	/* of those, crossing */
	struct flows_widths	 fw;
};
void		 flows_lines_part(struct vlist *, const struct model *,
		     int width, struct flows_part *);
void		 flows_lines_more(struct vlist *, const struct model *,
		     int width, struct flows_part *);
void		 flows_lines_done(struct vlist *, const struct model *,
		     int width, struct flows_part *);
/* The type of the model object p points to, or OBJ_COUNT. */
enum objtype	 view_objtype(const struct model *, const void *);
/* The id of the model object p points to, or NULL (borrowed). */
const char	*view_objid(const struct model *, const void *);

#endif

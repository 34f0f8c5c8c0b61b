/*
 * walk.h: the walk-through, the workshop order of building a model.
 *
 * Seven steps: the system, its trust boundaries, its components, the data
 * flows between them, the practice questions, the analysis, and the review
 * of the risks. Each step says in a line or two what to enter and why the
 * guidelines care. Where a model stands is derived from what it lacks
 * (walk_resume()), so a workshop that stops can carry on where it left,
 * from any Parapet.
 *
 * The lines built here borrow pointers into the model, catalogue and
 * register as their data; rebuild them after any of those changes.
 */
#ifndef PARAPET_VIEW_WALK_H
#define PARAPET_VIEW_WALK_H

#include "util/strmap.h"
#include "view/risks.h"
#include "view/view.h"

struct buf;
struct catalogue;
struct change;
struct model;
struct objref;
struct risk_register;

enum walk_step {
	WALK_SYSTEM,
	WALK_BOUNDARIES,
	WALK_COMPONENTS,
	WALK_FLOWS,
	WALK_PRACTICE,
	WALK_ANALYSIS,
	WALK_REVIEW,
	WALK_COUNT
};

struct walk_info {
	const char	*name;		/* short, for the step bar */
	const char	*title;
	const char	*what;		/* what to enter */
	const char	*why;		/* why the guidelines care */
};

const struct walk_info	*walk_info(enum walk_step);

/*
 * What a model made from a template still holds of it, read from its
 * history, so that it survives a restart: the template whose example made
 * it (the source of the system's "created" entry is
 * HISTORY_TEMPLATE_SOURCE), the first steps (system to flows) in which
 * nobody has changed anything since, and, per object the template made,
 * the fields changed since.
 */
struct walk_tmpl {
	char		*name;		/* NULL: not made from a template */
	unsigned	 example;	/* bit s: step s untouched since */
	unsigned	 confirmed;	/* bit s: step s only confirmed
					   since, which an undo withdraws */
	struct strmap	 objects;	/* id -> struct walk_tmpl_obj */
};
void			 walk_tmpl_init(struct walk_tmpl *);
void			 walk_tmpl_release(struct walk_tmpl *);
/* The template name in the source of a history entry (as
 * HISTORY_TEMPLATE_SOURCE writes it), the caller's to free, or NULL. */
char			*walk_tmpl_source(const char *source);
/*
 * The word a confirmation of step s records in history (store_confirm()):
 * "system" to "flows" for the steps a template fills, else NULL. A step
 * confirmed is no longer the template's example, as if changed, until an
 * entry withdraws the confirmation (store_unconfirm(), an undo) with
 * nothing changed in the step between.
 */
const char		*walk_confirm_word(enum walk_step);
/* Read a model's history (oldest first) into an initialised walk_tmpl. */
void			 walk_tmpl_read(struct walk_tmpl *,
			     const struct change *, size_t);

/*
 * 1 if a step has what it needs: the system its name, owner and
 * criticality; boundaries, components and flows one at least; every
 * practice question an answer; the analysis a model with components and
 * flows, and risks; the review every risk that applies decided. A first
 * step that holds only a template's example (tmpl) is not done. The
 * register is known by its counts (rc: risk_counts_compute() of it, or
 * the store's, which need not load it); its objects may be stored and not
 * read (m->unread). The catalogue, rc and tmpl may be
 * NULL.
 */
int			 walk_done(enum walk_step, const struct model *,
			     const struct catalogue *,
			     const struct risk_counts *rc,
			     const struct walk_tmpl *);
/* The first step that is not done, or the review when all are. */
enum walk_step		 walk_resume(const struct model *,
			     const struct catalogue *,
			     const struct risk_counts *rc,
			     const struct walk_tmpl *);
/*
 * The header of a step: the step bar (done steps marked, the current one
 * in brackets), the title, and what and why wrapped to width.
 */
void			 walk_header(struct vlines *, enum walk_step,
			     const struct model *, const struct catalogue *,
			     const struct risk_counts *rc,
			     const struct walk_tmpl *, int width);
/*
 * The body of a step as a list: the system's fields, the boundaries,
 * components or flows (data: the object), the practice questions (data:
 * the struct question), the analysis summary (of rc), or the risks to
 * review (data: the struct risk; only this step reads r, which may be
 * NULL for the others).
 */
struct risk_counts;
struct risk_questions;
/*
 * What the analysis step's list makes the text of its lines of open
 * questions from as they are shown (vlist's fill): the caller's, kept
 * as long as the list's lines and the questions.
 */
struct walk_fill {
	const struct risk_questions	*fq;
	const struct vlist		*l;
	int				 width;
	/*
	 * The questions in all, set by the caller when fq holds the first
	 * of them (0: fq's); fq grows at its end (its v never moves), and
	 * walk_questions_more() lists what it gained.
	 */
	size_t				 total;
	size_t				 listed;	/* of fq, listed */
	size_t				 heading;	/* the line that counts
							   them */
	size_t				 tail;		/* the first line after
							   them */
	int				 cols[4];	/* the components
							   step's columns */
};
/*
 * One more component in the components step's list made with wf (its
 * columns; the line's text made as it is shown), for a model whose
 * components are read a slice at a time.
 */
struct component;
void			 walk_component_add(struct vlist *,
			     const struct component *,
			     const struct walk_fill *wf);
/* (The analysis step lists the questions of unanswered fields, if not
 * NULL: as they are shown with a wf, all of them now without.) */
void			 walk_lines(struct vlist *, enum walk_step,
			     const struct model *, const struct catalogue *,
			     const struct risk_counts *rc,
			     const struct risk_register *r,
			     const struct risk_questions *, struct walk_fill *wf,
			     int width);
/*
 * The review step's list made as its register is read (a million risks
 * take seconds): walk_review_lines() lists the open risks of what is read
 * of a register of total risks, open of them open (the stored counts),
 * and walk_review_more() adds those of each slice read after, the
 * heading saying how many are listed until all are (whole: r is all of
 * the register, and the heading counts what is listed once every risk of
 * it is looked at). Each looks at max risks of r at most, from the first
 * not looked at (done). The columns fit the risks looked at first. The
 * first lists after vlist_clear(); vlist_fix() after each.
 */
struct walk_review {
	struct rview_cols	cols;
	int			col;		/* where a title wraps to */
	size_t			done;		/* risks of the register
						   looked at */
	size_t			open;		/* open risks in all */
	size_t			listed;		/* of those, listed */
	size_t			heading;	/* the heading's line */
	int			headed;		/* there is one */
};
void			 walk_review_lines(struct vlist *,
			     struct walk_review *, const struct risk_register *,
			     size_t total, size_t open, int whole, size_t max,
			     int width);
void			 walk_review_more(struct vlist *, struct walk_review *,
			     const struct risk_register *, int whole,
			     size_t max);
/*
 * The line of the first open question the analysis step lists (its list as
 * walk_lines() made it with wf): 1 and *line set, or 0 while it lists none.
 */
int			 walk_first_question(const struct walk_fill *,
			     size_t *line);
/* List the questions fq gained since the analysis step's list was made. */
void			 walk_questions_more(struct vlist *,
			     struct walk_fill *);
/*
 * 1 if p, a selected line's data, is one of fq's questions and names an
 * object (its element "component 'id'"): of a model read in part, what
 * walk_question_object() finds once it is read whole.
 */
int			 walk_question_names(const struct risk_questions *,
			     const void *);
/*
 * The object that an open question of fq asks about (its element names it:
 * "component 'id'"), when p, a selected line's data, is one of fq's
 * questions and m has that object; else NULL.
 */
const struct objref	*walk_question_object(const struct model *,
			     const struct risk_questions *fq, const void *p);
/*
 * What a model made from a template (tmpl) still takes from it: the
 * template's example in the steps nobody has changed, and the facts of
 * its components that the analysis uses (exposure, untrusted input,
 * origin...) as the template set them, still to confirm. With maxlines
 * 0, a sentence that counts the facts and names the step that lists them
 * (the other steps: the list is read where it is acted on); else the
 * facts listed in at most maxlines lines (at least two): when they do not
 * fit, the last says how many there are in all. Nothing when nothing is
 * left.
 */
void			 walk_template_note(struct vlines *,
			     const struct model *, const struct walk_tmpl *,
			     int width, int maxlines);
/* The answer of a practice question: TRI_YES, TRI_NO or TRI_UNKNOWN, or
 * -1 when it was never answered. */
int			 walk_answer(const struct model *, const char *);

#endif

/*
 * tui-int.h: what the screens of the TUI share.
 *
 * The TUI is a stack of screens (after htop's ScreenManager). Each screen
 * is a const struct screen_ops: it draws itself from view-models through
 * draw.c and handles keys, returning what must happen next (TUI_REDRAW,
 * TUI_PUSH, TUI_POP, TUI_QUIT) rather than acting on the stack itself. A
 * key a screen does not handle (TUI_NONE) falls to the global bindings.
 * Modal screens (pick lists, prompts) are drawn over the screen below.
 *
 * struct tui holds the open session, the model the screens show and its
 * risk register and revision. Every change goes through tui_save(),
 * tui_set_risk() or tui_set_mitigation(): pushed on the undo stack, stored
 * at once, then reloaded; a change refused because another process changed
 * the model first is reported and the model reloaded, never overwritten.
 */
#ifndef PARAPET_TUI_TUI_INT_H
#define PARAPET_TUI_TUI_INT_H

#include <stddef.h>

#include "model/risk.h"
#include "store/store-page.h"
#include "store/store.h"
#include "util/buf.h"
#include "view/keys.h"
#include "view/ledit.h"
#include "view/risks.h"
#include "view/undo.h"
#include "view/view.h"
#include "view/walk.h"

struct error;
struct model;
struct pick;
struct screen;
struct session;
struct store_questions;
struct tui;

#define TUI_MIN_COLS	80
#define TUI_MIN_ROWS	24
#define TUI_STACK	32
#define TUI_STATUS_MAX	4	/* rows a long message may take */

enum tui_next {
	TUI_NONE,	/* not handled: try the global bindings */
	TUI_REDRAW,	/* handled; draw again */
	TUI_PUSH,	/* push tui->pending */
	TUI_POP,	/* close this screen (then push tui->pending, if set) */
	TUI_QUIT
};

struct screen_ops {
	const char	 *name;		/* in the title bar */
	const enum kctx	 *keys;		/* context chain, most specific first */
	int		  modal;	/* drawn over the screen below */
	int		  nomodel;	/* shows no model (closes the open
					   one when on top) */
	void		(*draw)(struct tui *, struct screen *);
	enum tui_next	(*key)(struct tui *, struct screen *, int key,
			    enum action);
	/* The screen is on top again, or the model was reloaded. */
	void		(*focus)(struct tui *, struct screen *);
	/* The context chain now (a screen with panes may switch), or NULL. */
	const enum kctx	*(*chain)(struct screen *);
	/*
	 * Or NULL: a step of work left from the last draw (a list filtered
	 * a slice at a time), run between keys while the screen is on top;
	 * 1 when it did some (the screen is drawn again), 0 when none is
	 * left.
	 */
	int		(*work)(struct tui *, struct screen *);
	void		(*free)(struct screen *);
};

struct screen {
	const struct screen_ops	*ops;
	void			*data;
};

struct tui {
	struct session		*s;
	const char		*db;		/* as messages name it */
	/*
	 * The database file to make at the first save, while it does not
	 * exist (t->s->store is NULL until then); else NULL.
	 */
	const char		*unmade;
	/*
	 * The open model, or NULL: opened in part (store_load_head(): its
	 * system and practices, m->unread saying which objects it has),
	 * read whole by tui_model() when a screen first needs its
	 * boundaries, components or flows; whole says it was, and a reload
	 * (after each change) reads it whole again.
	 */
	struct model		*m;
	int			 whole;
	/*
	 * Or its objects read a slice at a time, as steps 2 to 4 list them
	 * (tui_objects_part(), then tui_objects_more() between keys): into
	 * objs, a model of their own, by type (oslice: boundaries,
	 * components, flows), until all are read and they move into m.
	 * ogen: the gen + 1 they are of, 0 when none are being read.
	 */
	struct model		*objs;
	struct store_objects_slice oslice[3];
	unsigned long		 ogen;
	/*
	 * Its register, read when a screen first asks for it (tui_risks()):
	 * a model opens with its counts alone (rcounts, from the store),
	 * which is all its walk-through shows up to the review. rloaded: the
	 * gen + 1 that risks were read for, 0 for none.
	 */
	struct risk_register	 risks;
	struct risk_counts	 rcounts;
	unsigned long		 rloaded;
	/*
	 * Where reading it stands: the risks screen reads a first slice
	 * (tui_risks_part()) and the rest between keys (tui_risks_more());
	 * rslice.done once it is whole.
	 */
	struct store_risk_slice	 rslice;
	/*
	 * A model and register closed, freed a part at a time between keys
	 * (at a million risks, freeing them took seconds).
	 */
	struct model		*dead_m;
	struct risk_register	 dead_risks;
	struct undo		 undo;		/* its changes */
	unsigned long		 gen;		/* bumped on every reload */
	/*
	 * The unanswered fields of the open model that threats would rest
	 * on (tui_questions()), computed once per load: qgen is the gen + 1
	 * they are of, 0 for none.
	 */
	struct risk_register	 qpending;
	struct risk_questions	 questions;
	unsigned long		 qgen;
	/*
	 * The kept questions being read a slice at a time (NULL once read,
	 * or when they were found by an analysis), and how many there are
	 * (questions.v has room for all of them: it never moves).
	 */
	struct store_questions	*qx;
	size_t			 qtotal;
	struct store_mark	 loaded;	/* the database as m and
						   risks were read from it */
	struct screen		*stack[TUI_STACK];
	size_t			 n;
	struct screen		*pending;	/* for TUI_PUSH and TUI_POP */
	struct buf		 status;	/* for the status line */
	int			 status_error;	/* it is an error */
	int			 status_rows;	/* rows it takes, wrapped */
	const struct key_hint	*hint;		/* keys to show, set by draw */
	const enum kctx		*hint_chain;	/* where they are bound */
	struct buf		 hintbuf;	/* what tui_hint() builds */
	char			*search;	/* the last text searched */
	char			*added;		/* the id of the object a form
						   just added: the list below
						   selects it */
	/*
	 * What the open model still holds of the template it was made
	 * from (read from its history by tui_open()): its first steps say
	 * which facts are the template's, still to confirm.
	 */
	struct walk_tmpl	 tmpl;
	const char		*save_source;	/* the next save's history
						   source, or NULL */
	int			 conflict;	/* the last save was refused:
						   changed by someone else */
	struct rfilter		 rfilter;	/* the risk filter and sort */
	enum rsort		 rsort;		/* order, kept across screens */
	int			 rows;
	int			 cols;
	int			 colour;	/* colours in use */
	int			 ascii;		/* ASCII only (no UTF-8) */
	char			 today[11];	/* YYYY-MM-DD */
};

/* tui.c */
struct screen	*screen_new(const struct screen_ops *, void *);
/* Set what TUI_PUSH (or a TUI_POP) pushes; returns TUI_PUSH. */
enum tui_next	 tui_push(struct tui *, struct screen *);
/* Put a screen under the one on top (a new model gets its walk). */
void		 tui_insert_below(struct tui *, struct screen *);
/*
 * The keys every list handles: moving, paging, searching (asks for the
 * text; n finds the next match). TUI_NONE for other actions.
 */
enum tui_next	 tui_list_key(struct tui *, struct vlist *, enum action,
		     int page);
/*
 * Select in l the object a form just added (t->added), so that Enter there
 * edits it, as the form said on leaving; the id is used once.
 */
void		 tui_select_added(struct tui *, struct vlist *);
/*
 * Set the status-line hint of a screen being drawn from its key chain
 * (view/keys.h): "Enter open  Esc back  ? help".
 */
void		 tui_hint(struct tui *, struct screen *,
		     const struct key_hint *);
/*
 * Push what tui_push() set now, not when the key returns: a screen that
 * opens two at once (a model's walk-through, then its risk register).
 */
void		 tui_push_pending(struct tui *);
/* Pop back to the model's walk-through, then push (model screens). */
enum tui_next	 tui_goto(struct tui *, struct screen *);
/* Set the status line's message, shown as an error when error is 1. */
void		 tui_status(struct tui *, int error, const char *, ...)
		     __attribute__((format(printf, 3, 4)));
#define tui_message(t, ...)	tui_status(t, 0, __VA_ARGS__)
#define tui_errorf(t, ...)	tui_status(t, 1, __VA_ARGS__)
void		 tui_error(struct tui *, const struct error *);
/*
 * 1 if a model of that id is in the database (0 while the database is not
 * made yet), 0 if not, -1 on error.
 */
int		 tui_exists(struct tui *, const char *id, struct error *);
/* Open a model by id (clears the undo stack when it is another one). */
int		 tui_open(struct tui *, const char *id);
/* Close the open model. */
void		 tui_close_model(struct tui *);
/*
 * The open model whole, its objects read on first use since it was
 * opened (changed elsewhere meanwhile, it is read again, the screens'
 * generation bumped; on an error, shown, it is what was read), or NULL
 * when none is open. What shows or changes them calls it first: t->m
 * alone has the system and practices.
 */
struct model	*tui_model(struct tui *);
/*
 * The objects of type (OBJ_BOUNDARY, OBJ_COMPONENT or OBJ_FLOW) of a
 * model opened in part, at least the first n of them in the model's
 * order (or all, fewer): the model they are read into, which holds what
 * was read of each type so far, or t->m once it is read whole. NULL with
 * no model, or when reading failed (the model then read again, whole, as
 * tui_model() does).
 */
const struct model *tui_objects_part(struct tui *, int type, size_t n);
/*
 * Read up to n more objects (the boundaries, then components, then
 * flows), between keys: 1 when some were read (the last ones moved into
 * t->m), 0 when none are being read.
 */
int		 tui_objects_more(struct tui *, size_t n);
/* 1 while some of the objects of t->m are read and some not. */
int		 tui_objects_partial(const struct tui *);
/*
 * The open model's register, read on first use since it was opened (an
 * error is shown, and the register is then empty).
 */
struct risk_register *tui_risks(struct tui *);
/*
 * The same read a slice at a time, in the order the risks screen lists
 * them by severity: part reads the first slice when none is read (as much
 * as is read otherwise), more the next one (1 when it read some, 0 when
 * the register is whole); tui_risks() reads what is left at once.
 */
struct risk_register *tui_risks_part(struct tui *);
int		 tui_risks_more(struct tui *);
/* 1 while the open model's register is not read whole. */
int		 tui_risks_partial(const struct tui *);
/* Reload the open model and its register from the database. */
int		 tui_reload(struct tui *);
/*
 * Save a changed copy of the open model (the copy is taken over), or a
 * new model when none is open. Returns 0, or -1 with the error shown (a
 * conflict also reloads).
 */
int		 tui_save(struct tui *, struct model *, const char *what);
/* Decide a risk: status (-1 unchanged), owner, justification. */
int		 tui_set_risk(struct tui *, const struct risk *, int status,
		     const char *owner, const char *justification,
		     const char *what);
/* Change a mitigation of a risk (see store_set_mitigation). */
int		 tui_set_mitigation(struct tui *, const struct risk *,
		     const char *mitigation, int status, const char *owner,
		     const char *due, const char *notes, const char *what);
/*
 * 0 if the risk (and its mitigation mit, if not NULL) is still stored as
 * k, the screen's, shows it; else -1, the model reloaded (k freed) and
 * the status line saying why: a screen checks before it acts on what it
 * shows (a decision is checked again when it is written).
 */
int		 tui_risk_seen(struct tui *, const struct risk *,
		     const char *mit);
/* Undo the last change. */
void		 tui_undo(struct tui *);
/* The catalogue of the session. */
const struct catalogue *tui_catalogue(const struct tui *);
/* The open questions of the unanswered fields of the open model, or NULL
 * when none is open. */
const struct risk_questions *tui_questions(struct tui *);
/*
 * The same read a slice at a time (the first when none is read; more
 * reads the next, 1 when it did, 0 when they are all read), and how many
 * there are in all; tui_questions() reads what is left at once.
 */
const struct risk_questions *tui_questions_part(struct tui *);
int		 tui_questions_more(struct tui *);
size_t		 tui_questions_total(const struct tui *);
/* The body's first row and height (between title and status lines; a
 * long message in the status line takes rows from the body). */
int		 tui_body_top(const struct tui *);
int		 tui_body_height(const struct tui *);

/* keys.c: a key from curses (wget_wch's result and value) as a KEYC_*
 * code or a code point. */
int		 keys_from_curses(int, unsigned long);

/* draw.c: the only code calling curses drawing functions. */
void		 draw_init_colours(struct tui *);
/* ASCII only when the locale or the terminal has no UTF-8 (sets ascii). */
void		 draw_init_glyphs(struct tui *);
void		 draw_begin(struct tui *);
void		 draw_end(struct tui *);
void		 draw_title(struct tui *, const char *screen);
/*
 * Rows the status line needs: a message wider than the screen is wrapped
 * (up to TUI_STATUS_MAX rows), never cut.
 */
int		 draw_status_rows(struct tui *);
void		 draw_status(struct tui *);
/* A list in a rectangle; scrolls it so the cursor shows; the cursor line
 * is shown in reverse when focused, marked '>' when not. */
void		 draw_list(struct tui *, struct vlist *, int y, int x, int h,
		     int w, int focused);
/* Lines from top in a rectangle. */
void		 draw_lines(struct tui *, const struct vlines *, size_t top,
		     int y, int x, int h, int w);
/* One line at a row, cut to w columns. */
void		 draw_line(struct tui *, const struct vline *, int y, int x,
		     int w, int selected);
/* A framed, cleared box with a title (none when empty). */
void		 draw_box(struct tui *, int y, int x, int h, int w,
		     const char *title);
/* A horizontal rule across the screen at row y. */
void		 draw_rule(struct tui *, int y, const char *label);
/* Show the text cursor at (y, x), or hide it (y < 0). */
void		 draw_cursor(struct tui *, int y, int x);
/* The screen for a terminal below the minimum size. */
void		 draw_too_small(struct tui *);

/* Modal screens. */
typedef int	(*tui_done_fn)(struct tui *, void *arg, const char *value);
/*
 * Ask for a line of text; done is called with it on Enter and returns 0
 * to close the prompt, or -1 to keep it open (the error in the status
 * line). The hint is shown under the text. arg is borrowed (freed with
 * free_arg, if not NULL, when the prompt closes).
 */
enum tui_next	 tui_prompt(struct tui *, const char *title, const char *hint,
		     const char *initial, tui_done_fn, void *arg,
		     void (*free_arg)(void *));
/* Choose from a pick list (taken over); done gets pick_result(). */
enum tui_next	 tui_pick(struct tui *, struct pick *, tui_done_fn, void *arg,
		     void (*free_arg)(void *));
/*
 * Type key into the pick list tui_pick() has just made (pick_jump()): 0,
 * or -1 when no option starts with it or no pick list is pending.
 */
int		 tui_pick_type(struct tui *, int key);
/* Ask yes or no; done is called with "yes" only. */
enum tui_next	 tui_confirm(struct tui *, const char *question,
		     tui_done_fn, void *arg, void (*free_arg)(void *));

/* Screens. */
struct screen	*screen_start_new(struct tui *);
struct screen	*screen_walk_new(struct tui *, int step);
/* 1 for a model's walk-through: the screen model screens go back to. */
int		 screen_is_walk(const struct screen *);
struct screen	*screen_form_new(struct tui *, int objtype, const char *id,
		     int kind);
/* The form of an object focused on the field an open question names. */
struct screen	*screen_form_answer(struct tui *, int objtype, const char *id,
		     const char *field);
struct screen	*screen_flows_new(struct tui *);
struct screen	*screen_risks_new(struct tui *, const struct risk *);
struct screen	*screen_dashboard_new(struct tui *);
struct screen	*screen_history_new(struct tui *, const char *object);
struct screen	*screen_export_new(struct tui *);
struct screen	*screen_org_new(struct tui *);
struct screen	*screen_help_new(struct tui *, const enum kctx *);

/* Start adding a component (asks for its kind first). */
enum tui_next	 screen_form_add_component(struct tui *);
/* Ask before deleting an object of the open model. */
enum tui_next	 screen_form_delete(struct tui *, const char *id);

#endif

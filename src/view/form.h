/*
 * form.h: editing forms generated from the model's field tables.
 *
 * A form edits one object (the system, a boundary, a component or a flow)
 * as text, one entry per field that applies to it (for a component, the
 * fields of its kind only). Enumerations, the component kind, booleans
 * (yes / no / unknown), sets and references are chosen from pick lists
 * (form_options); free text and identifiers are typed. Each change is
 * validated at once against the field tables and the model being edited
 * (identifier syntax and uniqueness, references to existing boundaries
 * and components, words of the vocabularies), and the error is kept on
 * the field.
 *
 * The form does not change any model by itself: form_apply() writes it
 * into a copy of the model (which the caller then saves), creating the
 * object if it is new and following a renamed id in references to it.
 *
 * Ownership: the form owns its texts and errors; models are borrowed.
 */
#ifndef PARAPET_VIEW_FORM_H
#define PARAPET_VIEW_FORM_H

#include <stddef.h>

#include "model/model.h"
#include "view/ledit.h"
#include "view/view.h"

struct error;
struct pick;

#define FORM_LABEL_WIDTH	24	/* columns before a field's value */

struct form_field {
	const struct field	*f;
	char			*text;		/* value as text, NULL: unset */
	char			*saved;		/* value as last stored */
	char			*error;		/* what is wrong, or NULL */
	int			 touched;	/* edited or visited */
	int			 readonly;
	int			 guarded;	/* an existing object's id: changed
						   through form_rename_id(), never
						   typed over in place */
};

struct form {
	enum objtype		 type;
	char			*orig_id;	/* the stored object's id; NULL
						   while it is new */
	int			 kind;		/* components: enum kind */
	struct form_field	*v;
	size_t			 n;
	size_t			 cursor;	/* the focused field */
	struct ledit		 edit;		/* its text while typed */
	char			*rename_error;	/* why form_rename_id() refused */
};

/*
 * A form for the object with this id in m, or for a new object when id is
 * NULL (kind gives a new component's kind). For the system, m may be NULL
 * (a new model); the id of an existing model cannot be changed, that of
 * another existing object only through form_rename_id(). A new object's
 * form opens on its id, an existing one's on the field after it.
 */
struct form	*form_new(enum objtype, const struct model *m, const char *id,
		     int kind);
void		 form_free(struct form *);
/*
 * Focus the field whose name is the first of names ("provider or exposure":
 * provider), as an open question names what to answer, if the form has
 * it. 1 if it did, 0 if not.
 */
int		 form_focus_named(struct form *, const char *names);

/*
 * 1 if field i is typed in place (text, or the identifier of a new
 * object), 0 if chosen from a list or guarded.
 */
int		 form_is_text(const struct form *, size_t);
/*
 * Give an existing object the id new_id (a rename, which references
 * follow when the form is applied). 0, or -1 with the reason in *why
 * (borrowed, until the form changes) and the id left as it was.
 */
int		 form_rename_id(struct form *, const char *new_id,
		     const struct model *, const char **why);
/* Focus field i; its text goes into the editor. */
void		 form_focus(struct form *, size_t);
/* Take the editor's text as the focused field's value and validate it. */
void		 form_typed(struct form *, const struct model *);
/*
 * Set field i from text (a word, "yes", an id, "a, b" for sets) and
 * validate it; setting a component's kind changes its fields. Returns 0,
 * or -1 with the error kept on the field.
 */
int		 form_set(struct form *, size_t, const char *,
		     const struct model *);
/* Choose the next (dir 1) or previous (-1) value of a list field. */
void		 form_cycle(struct form *, int dir, const struct model *);
/* Validate every field; the number of fields in error. */
size_t		 form_validate(struct form *, const struct model *);
/* 1 if some field differs from what was last stored. */
/* 1 if someone entered anything: a field of a new object filled in (its
 * kind aside), or a field of an existing one changed. */
int		 form_has_input(const struct form *);
int		 form_changed(const struct form *);
/* Record the current values as stored (after a successful save). */
void		 form_mark_saved(struct form *);
/* The first error of the form (field order), or NULL; borrowed. */
const char	*form_error(const struct form *);
/* The id the form gives its object (borrowed; NULL while unset). */
const char	*form_id(const struct form *);

/*
 * Write the form into m (a copy the caller will save): create or update
 * the object, clear fields that do not apply to its kind, follow a renamed
 * id, and index m. 0, or -1 with err set.
 */
int		 form_apply(const struct form *, struct model *,
		     struct error *);

/* The values field i may take, as a pick list with the current one
 * selected (ticked, for sets). */
void		 form_options(const struct form *, size_t, const struct model *,
		     struct pick *);

/*
 * The form's lines, one per field (data: the struct form_field), each
 * followed by its error when touched. *line and *col get the position of
 * the text cursor of a typed field (col from the line's start).
 */
void		 form_lines(const struct form *, int width, struct vlist *,
		     size_t *line, int *col);
/* The help text of the focused field and of its current value. */
void		 form_help(const struct form *, struct buf *);

#endif

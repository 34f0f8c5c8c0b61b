/*
 * interop-int.h: what the readers of other tools' files share; not for
 * use outside src/interop/.
 *
 * interop_read() (interop.c) parses the file and hands the document to the
 * reader of its format. The readers make Parapet ids the same way: an id
 * the file gives is kept when it is already a Parapet id (a file Parapet
 * wrote), else one is made from the name; every id is unique in the model.
 *
 * Ownership: the strings returned are the caller's; the id set owns its
 * own copies.
 */
#ifndef PARAPET_INTEROP_INTEROP_INT_H
#define PARAPET_INTEROP_INTEROP_INT_H

#include <stddef.h>

#include "interop/interop.h"
#include "util/strmap.h"

struct error;
struct import_notes;
struct jdoc;
struct model;
struct model_decisions;

/* The ids taken in the model being built. */
struct interop_ids {
	struct strmap		 used;	/* id -> the set itself */
	struct interop_strings	 keys;	/* owned copies of the ids */
};

void	 interop_ids_init(struct interop_ids *);
void	 interop_ids_release(struct interop_ids *);
/* A unique id made from a name: [a-z0-9-], else PREFIX, then -2, -3... */
char	*interop_id_from_name(struct interop_ids *, const char *name,
	     const char *prefix);
/*
 * The id a file gives when it is a free Parapet id and not a UUID (the
 * ids of Threat Dragon and IriusRisk, which say nothing); else one made
 * from the name.
 */
char	*interop_id_keep(struct interop_ids *, const char *given,
	     const char *name, const char *prefix);
/* A copy of a name with its line breaks as spaces. */
char	*interop_name(const char *);

/*
 * The notes every reader gives on the facts to set next, so that they say
 * it alike: COUNT objects (ONE or MANY, as the file calls them) imported
 * as application, DETAIL after that (the types they had) or ""; imported
 * as datastore; flows without data classes, DETAIL after that and TAIL
 * the other fields to set (" and authenticated"); boundaries without a
 * trust level. Nothing when count is 0.
 */
void	 interop_note_apps(struct import_notes *, size_t count,
	     const char *one, const char *many, const char *detail);
void	 interop_note_stores(struct import_notes *, size_t count,
	     const char *one, const char *many);
void	 interop_note_flows(struct import_notes *, size_t count,
	     const char *detail, const char *tail);
void	 interop_note_trust(struct import_notes *, size_t count,
	     const char *one, const char *many);

/* The readers: NULL with err set (FILE: $.PATH: message) on error. */
struct model	*td_read(struct jdoc *, const char *file,
		     struct import_notes *, struct error *);
/* dec may be NULL: then no decisions are read. */
struct model	*otm_read(struct jdoc *, const char *file,
		     struct import_notes *, struct model_decisions *dec,
		     struct error *);
/* An OWASP Threat Model Library file (TM-BOM JSON, v1.x). */
struct model	*tmbom_read(struct jdoc *, const char *file,
		     struct import_notes *, struct error *);

#endif

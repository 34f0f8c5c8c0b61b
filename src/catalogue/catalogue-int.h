/*
 * catalogue-int.h: what the files of the catalogue loader share: the
 * sections of a catalogue file and the suggestion of a near id.
 */
#ifndef PARAPET_CATALOGUE_INT_H
#define PARAPET_CATALOGUE_INT_H

struct catalogue;
struct loader;
struct ynode;

enum section { SEC_QUESTION, SEC_MITIGATION, SEC_THREAT, SEC_ADJUSTMENT,
	SEC_COUNT };

/* A section of a catalogue file: all the loader needs to know of it. */
struct catalogue_section {
	const char		*name;	/* section key */
	const char		*what;	/* one entry, for messages */
	const char *const	*keys;
	size_t			 list;	/* offsetof its array in catalogue */
	size_t			 count;	/* offsetof its count */
	/* Read one entry (its id checked already); NULL on error. */
	void			*(*load)(struct loader *, const struct ynode *,
				     const char *);
	void			 (*free)(void *);
};
extern const struct catalogue_section catalogue_sections[SEC_COUNT];

/* The id of a section nearest to id, for "did you mean"; or NULL. */
const char	*catalogue_suggest_id(struct catalogue *, enum section,
		     const char *);

#endif

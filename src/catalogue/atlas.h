/*
 * atlas.h: MITRE's own ATLAS data file (dist/ATLAS.yaml of atlas-data).
 *
 * Reads the techniques, sub-techniques and mitigations of an ATLAS.yaml,
 * through the YAML tree of yaml/ydoc.h, so that the ATLAS part of
 * data/taxonomy.yaml is generated from the file rather than typed, and so
 * that the catalogue can be checked against a newer release: which ids it
 * cites are unknown to the file or deprecated in it, with the file's titles.
 *
 * What is read: the top-level 'version'; every matrix of 'matrices' (and,
 * for files older than 4.0, the top level itself) for its 'techniques' and
 * 'mitigations' lists, each entry's 'id' and 'name', and an entry's
 * 'deprecated: true'. Tactics and case studies are skipped. Entries are
 * kept sorted by id (so a sub-technique follows its technique); an id
 * listed in two matrices is kept once.
 *
 * Ownership: an atlas owns its strings; lookups return borrowed pointers.
 */
#ifndef PARAPET_CATALOGUE_ATLAS_H
#define PARAPET_CATALOGUE_ATLAS_H

#include <stddef.h>

#include "util/strmap.h"

struct buf;
struct error;

struct atlas_entry {
	char	*id;		/* AML.Tnnnn, AML.Tnnnn.nnn or AML.Mnnnn */
	char	*name;		/* the file's name, as written */
	int	 deprecated;	/* marked 'deprecated: true' */
};

struct atlas {
	char			*version;	/* or NULL */
	struct atlas_entry	*v;		/* sorted by id */
	size_t			 n;
	struct strmap		 map;		/* id -> entry */
};

/* Read an ATLAS.yaml. Returns it (free with atlas_free) or NULL. */
struct atlas		*atlas_load(const char *path, struct error *);
void			 atlas_free(struct atlas *);
/* The entry of an id, or NULL if the file lacks it. */
const struct atlas_entry *atlas_find(const struct atlas *, const char *);
/*
 * The title Parapet shows for an entry: a sub-technique is named
 * "Technique: Sub-technique", as in data/taxonomy.yaml. Returns text the
 * caller frees.
 */
char			*atlas_title(const struct atlas *,
			     const struct atlas_entry *);
/*
 * Append the ATLAS part of data/taxonomy.yaml generated from the file:
 * the atlas-version line and the 'atlas:' list, one entry a line.
 */
void			 atlas_taxonomy_yaml(const struct atlas *, struct buf *);

#endif

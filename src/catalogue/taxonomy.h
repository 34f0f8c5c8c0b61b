/*
 * taxonomy.h: the identifiers catalogue references may cite, with names.
 *
 * Read from data/taxonomy.yaml: the guideline subsections, MITRE ATLAS
 * techniques, sub-techniques and mitigations, the OWASP Top 10 for LLM
 * Applications 2025 and the OWASP Machine Learning Security Top 10 2023.
 * The catalogue loader checks every reference against it and exports name
 * references with it.
 *
 * Ownership: a taxonomy owns its strings; what the lookups return is
 * borrowed from it.
 */
#ifndef PARAPET_CATALOGUE_TAXONOMY_H
#define PARAPET_CATALOGUE_TAXONOMY_H

#include <stddef.h>

#include "catalogue/catalogue.h"

struct error;
struct taxonomy;
struct ydoc;

/* What an ATLAS identifier names, from its form. */
enum atlas_kind {
	ATLAS_MALFORMED,	/* none of the forms below */
	ATLAS_TECHNIQUE,	/* AML.Tnnnn */
	ATLAS_SUBTECHNIQUE,	/* AML.Tnnnn.nnn */
	ATLAS_MITIGATION	/* AML.Mnnnn */
};

/* Read a taxonomy file. Returns it (free with taxonomy_free) or NULL. */
struct taxonomy	*taxonomy_load(const char *, struct error *);
/* The same for a parsed file, which it frees. */
struct taxonomy	*taxonomy_load_doc(struct ydoc *, struct error *);
void		 taxonomy_free(struct taxonomy *);
/* The name of an identifier, or NULL if the taxonomy lacks it. */
const char	*taxonomy_title(const struct taxonomy *, enum ref_scheme,
		     const char *);
/* The known identifier nearest to a misspelt one, or NULL. */
const char	*taxonomy_suggest(const struct taxonomy *, enum ref_scheme,
		     const char *);
/* Every identifier of a scheme in file order, NULL-terminated. */
const char *const *taxonomy_ids(const struct taxonomy *, enum ref_scheme,
		     size_t *);
/* The ATLAS version the taxonomy was made from ("5.6.0"), or NULL. */
const char	*taxonomy_atlas_version(const struct taxonomy *);
/* The form of an ATLAS identifier. */
enum atlas_kind	 atlas_kind(const char *);
/* The scheme of a name as written in files, or -1. */
int		 ref_scheme_find(const char *);

#endif

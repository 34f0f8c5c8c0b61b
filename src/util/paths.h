/*
 * paths.h: where Parapet finds its data and templates.
 *
 * $PARAPET_DATA and $PARAPET_TEMPLATES win; otherwise a program run from its
 * build tree uses the source tree's data/ and templates/, and an installed
 * program uses $(datadir)/parapet/data and $(datadir)/parapet/templates.
 */
#ifndef PARAPET_UTIL_PATHS_H
#define PARAPET_UTIL_PATHS_H

/* Directory of the standard catalogue and taxonomy files (borrowed). */
const char	*paths_data(void);
/* Directory of the starter models (borrowed). */
const char	*paths_templates(void);
/* $XDG_CONFIG_HOME/parapet (or ~/.config/parapet); the caller's to free. */
char		*paths_config(void);
/* $XDG_CACHE_HOME/parapet (or ~/.cache/parapet); the caller's to free. */
char		*paths_cache(void);

#endif

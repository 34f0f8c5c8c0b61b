/*
 * catalogue-dir.c: the standard catalogue: the taxonomy and the files of
 * the data directory, then the user's catalogue.d, then files named on
 * the command line, each directory's *.yaml in name order.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/catcache.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/xmalloc.h"

/* Order paths by name, byte by byte. */
static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
catalogue_dir_files(const char *dir, char ***files, size_t *n,
    struct error *err)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 len;

	*files = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 0;
		return error_set(err, "cannot read directory '%s': %s", dir,
		    strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".yaml") != 0)
			continue;
		*files = xreallocarray(*files, *n + 1, sizeof **files);
		(*files)[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(*files, *n, sizeof **files, path_cmp);
	return 0;
}

/* Load every *.yaml of a directory in name order. */
static int
catalogue_load_dir(struct catalogue *cat, const char *dir, int must_exist,
    struct error *err)
{
	struct stat	  st;
	char		**files;
	size_t		  n, i;
	int		  rc = 0;

	if (must_exist && (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)))
		return error_set(err, "no catalogue directory '%s'", dir);
	if (catalogue_dir_files(dir, &files, &n, err) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && catalogue_load_file(cat, files[i], err) == -1)
			rc = -1;
		free(files[i]);
	}
	free(files);
	return rc;
}

struct catalogue *
catalogue_load_standard(const char *const *extra, size_t nextra,
    struct error *err)
{
	struct catalogue	*cat = catalogue_new();
	char			*dir, *cfg;
	size_t			 i;
	int			 rc;

	cat->cache = catcache_open();
	dir = xasprintf("%s/taxonomy.yaml", paths_data());
	rc = catalogue_load_taxonomy(cat, dir, err);
	free(dir);
	if (rc == -1)
		goto fail;
	dir = xasprintf("%s/catalogue", paths_data());
	rc = catalogue_load_dir(cat, dir, 1, err);
	free(dir);
	if (rc == -1)
		goto fail;
	cfg = paths_config();
	dir = xasprintf("%s/catalogue.d", cfg);
	free(cfg);
	rc = catalogue_load_dir(cat, dir, 0, err);
	free(dir);
	if (rc == -1)
		goto fail;
	for (i = 0; i < nextra; i++)
		if (catalogue_load_file(cat, extra[i], err) == -1)
			goto fail;
	if (catalogue_finish(cat, err) == -1)
		goto fail;
	catcache_close(cat->cache, 1);
	cat->cache = NULL;
	return cat;

fail:
	catcache_close(cat->cache, 0);
	cat->cache = NULL;
	catalogue_free(cat);
	return NULL;
}

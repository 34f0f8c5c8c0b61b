/* paths.c: locate data, templates and the user's configuration. */
#include "config.h"

#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/paths.h"
#include "util/xmalloc.h"

static int
paths_isdir(const char *p)
{
	struct stat	st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * An installed program lives in a bin directory beside share/; one run
 * from the build tree does not, and uses the source tree it was built from.
 */
static const char *
paths_find(const char *env, const char *sub)
{
	static char	 buf[2][PATH_MAX];
	const char	*e = getenv(env);
	char		*p;
	int		 slot = strcmp(sub, "data") == 0 ? 0 : 1;

	if (e != NULL && *e != '\0')
		return e;
	p = xasprintf("%s/%s", PARAPET_DATADIR, sub);
	if (paths_isdir(p)) {
		char	 exe[PATH_MAX], *installed;
		ssize_t	 n = readlink("/proc/self/exe", exe, sizeof exe - 1);

		installed = xasprintf("%s/parapet", BINDIR_PATH);
		if (n > 0) {
			exe[n] = '\0';
			if (strcmp(exe, installed) == 0) {
				free(installed);
				strncpy(buf[slot], p, sizeof buf[slot] - 1);
				free(p);
				return buf[slot];
			}
		}
		free(installed);
	}
	free(p);
	p = xasprintf("%s/%s", PARAPET_SRCDIR, sub);
	if (!paths_isdir(p)) {
		free(p);
		p = xasprintf("%s/%s", PARAPET_DATADIR, sub);
	}
	strncpy(buf[slot], p, sizeof buf[slot] - 1);
	free(p);
	return buf[slot];
}

const char *
paths_data(void)
{
	return paths_find("PARAPET_DATA", "data");
}

const char *
paths_templates(void)
{
	return paths_find("PARAPET_TEMPLATES", "templates");
}

/* $VAR/parapet if VAR is an absolute path, else ~/DEF/parapet. */
static char *
paths_xdg(const char *var, const char *def)
{
	const char	*x = getenv(var), *home;
	struct passwd	*pw;

	if (x != NULL && *x == '/')
		return xasprintf("%s/parapet", x);
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/";
	}
	return xasprintf("%s/%s/parapet", home, def);
}

char *
paths_config(void)
{
	return paths_xdg("XDG_CONFIG_HOME", ".config");
}

char *
paths_cache(void)
{
	return paths_xdg("XDG_CACHE_HOME", ".cache");
}

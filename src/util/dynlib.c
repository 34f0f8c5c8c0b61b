/* dynlib.c: a library loaded when it is first needed (dynlib.h). */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "util/dynlib.h"
#include "util/error.h"
#include "util/xmalloc.h"

int
dynlib_load(struct dynlib *dl, struct error *err)
{
	void		*lib, **addr;
	const char	*why;
	size_t		 i;

	if (dl->loaded)
		return 0;
	if ((lib = dlopen(dl->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		return error_set(err, "cannot load the %s: %s", dl->what,
		    why != NULL ? why : dl->soname);
	}
	addr = xreallocarray(NULL, dl->nsyms, sizeof *addr);
	for (i = 0; i < dl->nsyms; i++) {
		if ((addr[i] = dlsym(lib, dl->syms[i].name)) == NULL) {
			free(addr);
			dlclose(lib);
			return error_set(err, "cannot load the %s: %s has no "
			    "'%s'", dl->what, dl->soname, dl->syms[i].name);
		}
	}
	/* POSIX: the address of a function fits in a void *. */
	for (i = 0; i < dl->nsyms; i++)
		memcpy((char *)dl->table + dl->syms[i].offset, &addr[i],
		    sizeof addr[i]);
	free(addr);
	dl->loaded = 1;
	return 0;
}

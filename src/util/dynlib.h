/*
 * dynlib.h: a library loaded when it is first needed, not at start.
 *
 * A library that only some commands use (libpq for a database on a
 * server, libxml2 for an XML import) costs every start when it is linked
 * in: the dynamic loader maps and relocates it and all it depends on. Its
 * user declares a table of function pointers, the names and offsets of
 * its members, and a struct dynlib that names them; dynlib_load() fills
 * the table the first time.
 */
#ifndef PARAPET_UTIL_DYNLIB_H
#define PARAPET_UTIL_DYNLIB_H

#include <stddef.h>

struct error;

/* A symbol of a library and where its address goes in the table. */
struct dynlib_sym {
	const char	*name;
	size_t		 offset;	/* offsetof its member */
};

/* An entry of a list of symbols: a member of TYPE named as the symbol. */
#define DYNLIB_SYM(type, name)	{ #name, offsetof(type, name) }

/* A library to load: all is borrowed, static in practice. */
struct dynlib {
	const char		*soname;	/* the file dlopen() loads */
	const char		*what;		/* what it is, for messages */
	const struct dynlib_sym	*syms;
	size_t			 nsyms;
	void			*table;		/* where the addresses go */
	int			 loaded;	/* set by dynlib_load() */
};

/*
 * Load the library, unless it is loaded already, and store the address
 * of each symbol in the table at its offset (a function's address in a
 * function pointer, a variable's in a pointer to it). The library stays
 * loaded. 0, or -1 with err set if the library or a symbol is missing;
 * the table is then unchanged.
 */
int	dynlib_load(struct dynlib *, struct error *);

#endif

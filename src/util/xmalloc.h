/*
 * xmalloc.h: allocation that never fails, and the one way to die.
 *
 * Every allocator here either returns usable memory or calls fatal(), which
 * runs the hook set with fatal_set_hook() (the TUI uses it to restore the
 * terminal) before printing "parapet: fatal: ..." and exiting with status 1.
 * Returned memory is the caller's to free().
 */
#ifndef PARAPET_UTIL_XMALLOC_H
#define PARAPET_UTIL_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Like asprintf(3); the result is the caller's to free. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Set a function run once before a fatal error is reported (or NULL). */
void	 fatal_set_hook(void (*)(void));
/* Report an unrecoverable error and exit(1). Never returns. */
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif

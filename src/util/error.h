/*
 * error.h: errors as values.
 *
 * Core code never prints and never exits on bad input: it returns -1 or NULL
 * and fills a struct error that the caller supplied. Only cli/ and tui/
 * report them. Messages follow git: lowercase, no full stop, the subject in
 * quotes ("unknown component kind 'modle' (did you mean 'model'?)").
 * A position (file, line, column; 1-based, 0 = unknown) is kept when the
 * error is about a place in a file.
 */
#ifndef PARAPET_UTIL_ERROR_H
#define PARAPET_UTIL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

struct buf;

struct error {
	char		msg[1024];	/* what is wrong, "" when no error */
	char		file[512];	/* file the error is about, or "" */
	unsigned long	line;		/* 1-based line, 0 when unknown */
	unsigned long	col;		/* 1-based column, 0 when unknown */
};

void	 error_clear(struct error *);
int	 error_isset(const struct error *);
/* Set the message; always returns -1 so that "return error_set(...)" reads. */
int	 error_set(struct error *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
/* Set the message and where it happened. Returns -1. */
int	 error_set_at(struct error *, const char *, unsigned long,
	     unsigned long, const char *, ...)
	     __attribute__((format(printf, 5, 6)));
/* The same with a va_list, for functions that take a format. Returns -1. */
int	 error_vset_at(struct error *, const char *, unsigned long,
	     unsigned long, const char *, va_list)
	     __attribute__((format(printf, 5, 0)));
/* Replace the message text (cut to fit), keeping where it happened. */
void	 error_replace(struct error *, const char *);
/* Put "FILE:LINE:COL: " in front of an error that has no position yet. */
void	 error_locate(struct error *, const char *, unsigned long,
	     unsigned long);
/* Prefix the message with more context: "CONTEXT: message". */
void	 error_prefix(struct error *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
/* Append "FILE:LINE:COL: message" (or just the message) to a buffer. */
void	 error_format(const struct error *, struct buf *);

/*
 * A list of errors, for a reader that reports every independent error of a
 * file in one run. It keeps the first ERRORS_MAX in the order added and
 * counts the others, so that a broken file cannot flood a terminal.
 */
#define ERRORS_MAX	20

struct errors {
	struct error	*v;		/* [n], in the order added */
	size_t		 n;
	size_t		 dropped;	/* added beyond ERRORS_MAX */
};

void	 errors_init(struct errors *);
void	 errors_release(struct errors *);
/* Add a copy of an error that is set; an unset one is left out. */
void	 errors_add(struct errors *, const struct error *);
/* Everything added, kept or not. */
size_t	 errors_count(const struct errors *);
/* Order the errors kept by line and column; equal places keep their order. */
void	 errors_sort(struct errors *);
/* Copy the first error into err (when both exist). */
void	 errors_first(const struct errors *, struct error *err);

#endif

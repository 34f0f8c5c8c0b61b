/*
 * tui.h: the workshop screens of Parapet (curses).
 *
 * tui_run() opens a database (created if it does not exist) with the
 * standard catalogue and extra catalogue files, shows the start screen
 * (the models of the database) and runs until the user quits. Every
 * change is saved at once through the session layer; a change that
 * conflicts with one made by another process is refused, never
 * overwritten. The terminal is restored on quit, on SIGINT, SIGTERM and
 * SIGHUP, and before a fatal error is reported.
 *
 * The caller has already called setlocale(LC_ALL, ""). Errors that happen
 * before the screen starts (the database cannot be opened, no terminal)
 * are printed to standard error as "parapet: message".
 *
 * This module is the only code that includes curses. Its pure parts (the
 * view-models and the key table) are in src/view/.
 */
#ifndef PARAPET_TUI_TUI_H
#define PARAPET_TUI_TUI_H

#include <stddef.h>

/* Run the TUI on a database; 0 when the user quits, 1 on an error. */
int	tui_run(const char *db_path, const char *const *catalogues,
	    size_t ncatalogues);

#endif

/*
 * main.c: parapet's entry point. `parapet COMMAND ...` runs the command
 * line (cli/); `parapet [DB]` opens the workshop screens (tui/). This is
 * the only file that sees both.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

int
main(int argc, char **argv)
{
	struct cli_args	 a;
	const char	*db;
	int		 rc;

	setlocale(LC_ALL, "");
	if (argc >= 2 && (cli_is_command(argv[1]) || (argv[1][0] == '-' &&
	    strncmp(argv[1], "--catalogue", 11) != 0)))
		return cli_main(argc, argv);
	if ((rc = cli_tui_args(argc, argv, &db, &a)) != 0) {
		cli_args_release(&a);
		return rc == 1 ? 0 : rc;
	}
	rc = tui_run(db, a.catalogues, a.ncatalogues);
	cli_args_release(&a);
	return rc;
}

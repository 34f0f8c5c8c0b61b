/*
 * main.c: parapet's entry point. `parapet COMMAND ...` runs the command
 * line (cli/); `parapet [DB]` opens the workshop screens (tui/). This is
 * the only file that sees both.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"
#include "util/error.h"
#include "util/limits.h"

int
main(int argc, char **argv)
{
	struct cli_args	 a;
	struct error	 e;
	const char	*db;
	int		 rc;

	setlocale(LC_ALL, "");
	/*
	 * A write past the file size limit (ulimit -f) must fail as a write
	 * error with a message, and leave no partial file, rather than kill
	 * the process where it stands.
	 */
	signal(SIGXFSZ, SIG_IGN);
	error_clear(&e);
	if (limits_from_env(&e) == -1)
		return cli_fail(&e);
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

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

#ifdef __GLIBC__
#include <malloc.h>
#endif

int
main(int argc, char **argv)
{
	struct cli_args	 a;
	struct error	 e;
	const char	*db;
	int		 rc;

#if defined(__GLIBC__) && defined(M_MXFAST)
	/*
	 * No fast bins: an analysis frees millions of small blocks (reason
	 * lines, names) between larger allocations, and glibc then walks
	 * every freed fast block to consolidate it (malloc_consolidate was
	 * 5-7 % of an import at N = 100,000; without fast bins the import
	 * takes 5-9 % less CPU at the same peak memory). The per-thread
	 * cache still serves the small blocks.
	 */
	mallopt(M_MXFAST, 0);
#endif
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

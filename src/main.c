/* main.c: parapet's entry point; hands over to the command line or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("parapet %s\n", PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: parapet [DB]\n");
	return 2;
}

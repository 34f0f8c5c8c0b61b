/*
 * test-manpage-cli.c: parapet(1) documents every command of the command
 * table, every export format of the exporters table and every binding of
 * the TUI's key table, so that adding one without documenting it fails.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/export.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/keys.h"

#include "testlib.h"

static char *page;

static int
setup(void **state)
{
	(void)state;
	page = test_src_text("man/parapet.1");
	return page == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(page);
	return 0;
}

/* 1 if the page has a line that starts with the given text. */
static int
page_has_line(const char *start)
{
	const char	*p = page;
	size_t		 n = strlen(start);

	for (;;) {
		if (strncmp(p, start, n) == 0)
			return 1;
		if ((p = strchr(p, '\n')) == NULL)
			return 0;
		p++;
	}
}

static void
test_every_command_is_documented(void **state)
{
	char	*line;
	size_t	 i;

	(void)state;
	for (i = 0; i < cli_ncmds; i++) {
		line = xasprintf(".It Ic %s", cli_cmds[i].name);
		if (!page_has_line(line))
			fail_msg("parapet(1) has no '%s' entry", line);
		free(line);
	}
}

/* 1 if [p, end) has the word followed by a blank or the end. */
static int
line_has_word(const char *p, const char *end, const char *word)
{
	size_t	n = strlen(word);

	for (; p + n <= end; p++)
		if (strncmp(p, word, n) == 0 && (p + n == end || p[n] == ' '))
			return 1;
	return 0;
}

/*
 * Each option a command takes (from the command and option tables) is in
 * one of the command's ".It Ic NAME" lines of parapet(1), as "Fl -OPTION".
 */
static void
test_every_option_is_documented(void **state)
{
	const char	*p, *end;
	char		*head, *word;
	size_t		 i, j, n;
	int		 found, bad = 0;

	(void)state;
	for (i = 0; i < cli_ncmds; i++) {
		head = xasprintf("\n.It Ic %s", cli_cmds[i].name);
		n = strlen(head);
		for (j = 0; j < cli_nopts; j++) {
			if (cli_opts[j].help == NULL || cli_opts[j].flag == 0 ||
			    (cli_opts[j].flag & cli_cmds[i].opts) == 0)
				continue;
			word = xasprintf("Fl -%s", cli_opts[j].name);
			found = 0;
			for (p = page; !found &&
			    (p = strstr(p, head)) != NULL; p = end) {
				p += n;
				if (*p != ' ' && *p != '\n') {
					end = p;
					continue;
				}
				if ((end = strchr(p, '\n')) == NULL)
					end = p + strlen(p);
				found = line_has_word(p, end, word);
			}
			if (!found) {
				print_error("parapet(1): '.It Ic %s' lacks "
				    "'%s'\n", cli_cmds[i].name, word);
				bad++;
			}
			free(word);
		}
		free(head);
	}
	if (bad > 0)
		fail_msg("%d option(s) missing from parapet(1)", bad);
}

/* 1 if a command takes the option of that name (an alias too). */
static int
cmd_takes(const struct cli_cmd *c, const char *name, size_t n)
{
	size_t	j;

	for (j = 0; j < cli_nopts; j++)
		if ((cli_opts[j].flag == 0 || (cli_opts[j].flag & c->opts)) &&
		    strlen(cli_opts[j].name) == n &&
		    strncmp(cli_opts[j].name, name, n) == 0)
			return 1;
	return 0;
}

/*
 * The other way: each "Fl -OPTION" of a command's ".It Ic NAME" lines is an
 * option the command takes, so the page cannot offer what it refuses.
 */
static void
test_no_option_is_documented_for_another_command(void **state)
{
	const char	*p, *end, *fl;
	char		*head;
	size_t		 i, n, len;
	int		 bad = 0;

	(void)state;
	for (i = 0; i < cli_ncmds; i++) {
		head = xasprintf("\n.It Ic %s", cli_cmds[i].name);
		n = strlen(head);
		for (p = page; (p = strstr(p, head)) != NULL; p = end) {
			p += n;
			if ((end = strchr(p, '\n')) == NULL)
				end = p + strlen(p);
			if (*p != ' ' && *p != '\n')
				continue;
			for (fl = p; (fl = strstr(fl, "Fl -")) != NULL &&
			    fl < end; fl += len) {
				fl += 4;
				len = strcspn(fl, " \n");
				if (cmd_takes(&cli_cmds[i], fl, len))
					continue;
				print_error("parapet(1): '.It Ic %s' offers "
				    "'--%.*s', which it does not take\n",
				    cli_cmds[i].name, (int)len, fl);
				bad++;
			}
		}
		free(head);
	}
	if (bad > 0)
		fail_msg("%d option(s) in parapet(1) that commands refuse",
		    bad);
}

static void
test_every_export_format_is_documented(void **state)
{
	char	*word;
	size_t	 i;

	(void)state;
	for (i = 0; i < nexporters; i++) {
		word = xasprintf(".Cm %s", exporters[i].name);
		if (strstr(page, word) == NULL)
			fail_msg("parapet(1) does not name export format '%s'",
			    exporters[i].name);
		free(word);
	}
}

/* 1 if some ".It a, b, c" line of the page lists the key name. */
static int
page_has_key(const char *name)
{
	const char	*p = page, *end, *tok;
	size_t		 n = strlen(name);

	while ((p = strstr(p, "\n.It ")) != NULL) {
		p += 5;
		end = strchr(p, '\n');
		for (tok = p; tok < end; ) {
			if (strncmp(tok, name, n) == 0 &&
			    (tok + n == end || tok[n] == ','))
				return 1;
			if ((tok = strstr(tok, ", ")) == NULL || tok > end)
				break;
			tok += 2;
		}
	}
	return 0;
}

static void
test_every_key_is_documented(void **state)
{
	char	*line;
	size_t	 i;
	int	 c;

	(void)state;
	for (i = 0; i < nkeys_table; i++) {
		if (!page_has_key(keys_table[i].name))
			fail_msg("parapet(1) does not list key '%s'",
			    keys_table[i].name);
		if (keys_table[i].help == NULL)
			continue;	/* another name of the key above */
		line = xasprintf("\n%s\n", keys_table[i].help);
		if (strstr(page, line) == NULL)
			fail_msg("parapet(1) lacks the help of key '%s': %s",
			    keys_table[i].name, keys_table[i].help);
		free(line);
	}
	for (c = 0; c < KCTX_COUNT; c++) {
		line = xasprintf("\n%s:\n", keys_ctx_name((enum kctx)c));
		if (strstr(page, line) == NULL)
			fail_msg("parapet(1) has no heading for the keys of "
			    "'%s'", keys_ctx_name((enum kctx)c));
		free(line);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_is_documented),
		cmocka_unit_test(test_every_option_is_documented),
		cmocka_unit_test(test_no_option_is_documented_for_another_command),
		cmocka_unit_test(test_every_export_format_is_documented),
		cmocka_unit_test(test_every_key_is_documented),
	};

	return cmocka_run_group_tests_name("manpage-cli", tests, setup,
	    teardown);
}

/* cli.c: the command table, option parsing and shared helpers. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/vocab.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

const struct cli_cmd cli_cmds[] = {
	{ "import", "MODEL.yaml|MODEL.xml DB",
	  "create or update the model in DB from a model file",
	  OPT_CATALOGUE, 2, 2, cmd_import },
	{ "export", "DB --format FMT [--model ID] [--output FILE]",
	  "write a model as yaml, markdown, xml, csv or dot",
	  OPT_FORMAT | OPT_MODEL | OPT_OUTPUT | OPT_CATALOGUE, 1, 1,
	  cmd_export },
	{ "list", "DB", "the models in DB with their counts", 0, 1, 1,
	  cmd_list },
	{ "history", "DB [--model ID] [--object ID]", "the change history",
	  OPT_MODEL | OPT_OBJECT, 1, 1, cmd_history },
	{ "analyze", "DB [--model ID]",
	  "run the analysis again and print a summary",
	  OPT_MODEL | OPT_CATALOGUE, 1, 1, cmd_analyze },
	{ "risks", "DB [--model ID] [--status S] [--min-severity L] [--all]",
	  "the risks, one a line, most severe first (--all: also those that "
	  "no longer apply)", OPT_MODEL | OPT_STATUS | OPT_MINSEV | OPT_ALL,
	  1, 1, cmd_risks },
	{ "risk", "DB RISK-ID [--status S] [--owner NAME] "
	  "[--justification TEXT] [--model ID]",
	  "show a risk, or decide it: status, owner and justification",
	  OPT_MODEL | OPT_STATUS | OPT_OWNER | OPT_JUSTIFY, 2, 2, cmd_risk },
	{ "mitigation", "DB RISK-ID MITIGATION-ID --status S [--owner NAME] "
	  "[--due YYYY-MM-DD] [--notes TEXT] [--model ID]",
	  "set the status, owner, due date and notes of a risk's mitigation",
	  OPT_MODEL | OPT_STATUS | OPT_OWNER | OPT_DUE | OPT_NOTES, 3, 3,
	  cmd_mitigation },
	{ "check", "DB [--model ID] --fail-on LEVEL",
	  "exit 3 if an open or mitigating risk at or above LEVEL remains, "
	  "listing them", OPT_MODEL | OPT_FAILON, 1, 1, cmd_check },
	{ "catalogue", "check FILE... | list [threats|mitigations|questions]",
	  "validate catalogue files, or print the catalogue", OPT_CATALOGUE,
	  1, 64, cmd_catalogue },
	{ "new", "DB --template NAME [--id ID] | DB --id ID --name NAME",
	  "create a model from a starter template, or a blank one",
	  OPT_TEMPLATE | OPT_ID | OPT_NAME | OPT_CATALOGUE, 1, 1, cmd_new },
	{ "templates", "", "list the starter models", 0, 0, 0,
	  cmd_templates },
	{ "questions", "DB [--model ID]",
	  "the practice questions with the model's answers",
	  OPT_MODEL | OPT_CATALOGUE, 1, 1, cmd_questions },
	{ "answer", "DB QUESTION yes|no|unknown [--notes TEXT] [--model ID]",
	  "answer a practice question", OPT_MODEL | OPT_NOTES | OPT_CATALOGUE,
	  3, 3, cmd_answer },
};
const size_t cli_ncmds = sizeof cli_cmds / sizeof cli_cmds[0];

/* Long options: the flag each needs in a command's mask. */
static const struct {
	struct option	opt;
	unsigned	flag;
} cli_options[] = {
	{ { "model", required_argument, NULL, 'm' }, OPT_MODEL },
	{ { "format", required_argument, NULL, 'f' }, OPT_FORMAT },
	{ { "output", required_argument, NULL, 'o' }, OPT_OUTPUT },
	{ { "status", required_argument, NULL, 's' }, OPT_STATUS },
	{ { "owner", required_argument, NULL, 'w' }, OPT_OWNER },
	{ { "justification", required_argument, NULL, 'j' }, OPT_JUSTIFY },
	{ { "due", required_argument, NULL, 'd' }, OPT_DUE },
	{ { "notes", required_argument, NULL, 'n' }, OPT_NOTES },
	{ { "note", required_argument, NULL, 'n' }, OPT_NOTES },
	{ { "min-severity", required_argument, NULL, 'S' }, OPT_MINSEV },
	{ { "fail-on", required_argument, NULL, 'F' }, OPT_FAILON },
	{ { "template", required_argument, NULL, 't' }, OPT_TEMPLATE },
	{ { "id", required_argument, NULL, 'i' }, OPT_ID },
	{ { "name", required_argument, NULL, 'N' }, OPT_NAME },
	{ { "object", required_argument, NULL, 'O' }, OPT_OBJECT },
	{ { "all", no_argument, NULL, 'a' }, OPT_ALL },
	{ { "catalogue", required_argument, NULL, 'c' }, OPT_CATALOGUE },
	{ { "help", no_argument, NULL, 'h' }, 0 },
};
#define CLI_NOPTIONS	(sizeof cli_options / sizeof cli_options[0])

void
cli_puts(FILE *f, const char *s)
{
	struct buf	b;

	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 0);
	fputs(b.s, f);
	buf_release(&b);
}

int
cli_fail(const struct error *e)
{
	struct buf	b, safe;

	buf_init(&b);
	buf_init(&safe);
	error_format(e, &b);
	text_visible(&safe, b.s, 0);
	fprintf(stderr, "parapet: %s\n", safe.s);
	buf_release(&safe);
	buf_release(&b);
	return 1;
}

int
cli_failf(const char *fmt, ...)
{
	struct error	e;
	va_list		ap;

	error_clear(&e);
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof e.msg, fmt, ap);
	va_end(ap);
	return cli_fail(&e);
}

/* Print the options a command takes, from the option table. */
static void
cli_print_options(FILE *f, unsigned mask)
{
	size_t	i;

	for (i = 0; i < CLI_NOPTIONS; i++) {
		if ((cli_options[i].flag & mask) == 0)
			continue;
		if (strcmp(cli_options[i].opt.name, "note") == 0)
			continue;
		fprintf(f, " --%s%s", cli_options[i].opt.name,
		    cli_options[i].opt.has_arg ? " ARG" : "");
	}
}

int
cli_usage(const struct cli_cmd *c)
{
	fprintf(stderr, "usage: parapet %s %s\n", c->name, c->usage);
	return EXIT_USAGE;
}

static void
cli_help_cmd(const struct cli_cmd *c)
{
	printf("usage: parapet %s %s\n\n%s.\n", c->name, c->usage, c->help);
	if (c->opts != 0) {
		printf("\noptions:");
		cli_print_options(stdout, c->opts);
		printf("\n");
	}
	if (c->opts & OPT_CATALOGUE)
		printf("\n--catalogue FILE (repeatable) adds catalogue files "
		    "after the standard catalogue and\n$XDG_CONFIG_HOME/"
		    "parapet/catalogue.d/.\n");
	if (strcmp(c->name, "export") == 0)
		cli_help_formats();
	printf("\nSee parapet(1).\n");
}

static void
cli_help(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: parapet [--catalogue FILE]... [DB]\n"
	    "       parapet COMMAND [ARGS] (parapet COMMAND --help)\n"
	    "       parapet --help | --version\n\n"
	    "With a database (default ./parapet.db), opens the workshop "
	    "screens.\n\ncommands:\n");
	for (i = 0; i < cli_ncmds; i++)
		fprintf(f, "  %-11s %s\n", cli_cmds[i].name, cli_cmds[i].help);
	fprintf(f, "\nExit status: 0 success, 1 error, 2 bad usage, 3 check "
	    "found risks.\nSee parapet(1), parapet-model(5) and "
	    "parapet-catalogue(5).\n");
}

/*
 * Parse a command's options (anywhere among its arguments) into args.
 * Returns 0, 1 when --help was given (and printed), or EXIT_USAGE.
 */
static int
cli_parse(const struct cli_cmd *c, int argc, char **argv,
    struct cli_args *a)
{
	struct option	longopts[CLI_NOPTIONS + 1];
	size_t		i, n = 0;
	int		ch;

	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_options[i].flag == 0 || (cli_options[i].flag & c->opts))
			longopts[n++] = cli_options[i].opt;
	memset(&longopts[n], 0, sizeof longopts[n]);
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:h", longopts, NULL)) != -1 ||
	    optind < argc) {
		if (ch == -1) {
			/* A positional argument: keep it and go on. */
			a->pos[a->npos++] = argv[optind++];
			continue;
		}
		switch (ch) {
		case 'm': a->model = optarg; break;
		case 'f': a->format = optarg; break;
		case 'o': a->output = optarg; break;
		case 's': a->status = optarg; break;
		case 'w': a->owner = optarg; break;
		case 'j': a->justification = optarg; break;
		case 'd': a->due = optarg; break;
		case 'n': a->notes = optarg; break;
		case 'S': a->min_severity = optarg; break;
		case 'F': a->fail_on = optarg; break;
		case 't': a->template = optarg; break;
		case 'i': a->id = optarg; break;
		case 'N': a->name = optarg; break;
		case 'O': a->object = optarg; break;
		case 'a': a->all = 1; break;
		case 'c':
			a->catalogues[a->ncatalogues++] = optarg;
			break;
		case 'h':
			cli_help_cmd(c);
			return 1;
		case ':':
			fprintf(stderr, "parapet: %s: option '%s' needs a "
			    "value\n", c->name, argv[optind - 1]);
			return cli_usage(c);
		default:
			fprintf(stderr, "parapet: %s: unknown option '",
			    c->name);
			cli_puts(stderr, argv[optind - 1]);
			fprintf(stderr, "'\n");
			return cli_usage(c);
		}
	}
	if (a->npos < c->minpos || a->npos > c->maxpos) {
		fprintf(stderr, "parapet: %s: expected %s\n", c->name,
		    a->npos < c->minpos ? "more arguments" :
		    "fewer arguments");
		return cli_usage(c);
	}
	return 0;
}

struct session *
cli_session(const struct cli_args *a, const char *db, int create)
{
	struct session	*s;
	struct error	 e;

	if ((s = session_open(db, create, a->catalogues, a->ncatalogues,
	    &e)) == NULL)
		cli_fail(&e);
	return s;
}

int
cli_level(const char *opt, const char *word)
{
	struct buf	 b;
	const char	*near;
	int		 i;

	if ((i = vocab_find(&vocab_severity, word)) != -1)
		return i;
	buf_init(&b);
	if ((near = vocab_suggest(&vocab_severity, word)) != NULL)
		buf_addf(&b, "did you mean '%s'?", near);
	else
		vocab_list(&vocab_severity, &b);
	fprintf(stderr, "parapet: unknown level '");
	cli_puts(stderr, word);
	fprintf(stderr, "' for %s (%s%s)\n", opt, near != NULL ? "" :
	    "expected ", b.s);
	buf_release(&b);
	return -1;
}

static const struct cli_cmd *
cli_find(const char *name)
{
	size_t	i;

	for (i = 0; i < cli_ncmds; i++)
		if (strcmp(cli_cmds[i].name, name) == 0)
			return &cli_cmds[i];
	return NULL;
}

int
cli_is_command(const char *word)
{
	return cli_find(word) != NULL;
}

int
cli_main(int argc, char **argv)
{
	const struct cli_cmd	*c;
	struct cli_args		 a;
	int			 rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		if (argc >= 3 && (c = cli_find(argv[2])) != NULL) {
			cli_help_cmd(c);
			return 0;
		}
		cli_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("parapet %s\n", PACKAGE_VERSION);
		return 0;
	}
	if ((c = cli_find(argv[1])) == NULL) {
		fprintf(stderr, "parapet: unknown option '");
		cli_puts(stderr, argv[1]);
		fprintf(stderr, "' (see parapet --help)\n");
		return EXIT_USAGE;
	}
	memset(&a, 0, sizeof a);
	a.pos = xcalloc((size_t)argc + 1, sizeof *a.pos);
	a.catalogues = xcalloc((size_t)argc + 1, sizeof *a.catalogues);
	rc = cli_parse(c, argc - 1, argv + 1, &a);
	if (rc == 0)
		rc = c->run(c, &a);
	else if (rc == 1)
		rc = 0;
	free(a.pos);
	free(a.catalogues);
	return rc;
}

int
cli_tui_args(int argc, char **argv, const char **db, struct cli_args *a)
{
	static const struct cli_cmd tui = { "", "[--catalogue FILE]... [DB]",
	    "open the workshop screens on DB (default ./parapet.db)",
	    OPT_CATALOGUE, 0, 64, NULL };
	int	rc;

	memset(a, 0, sizeof *a);
	a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
	a->catalogues = xcalloc((size_t)argc + 1, sizeof *a->catalogues);
	rc = cli_parse(&tui, argc, argv, a);
	if (rc == 1) {
		cli_help(stdout);
		return 1;
	}
	if (rc == 0 && a->npos > 1) {
		/* `parapet imprt a b`: a misspelt command, not a database. */
		const char	*names[64], *near;
		size_t		 i;

		for (i = 0; i < cli_ncmds && i < 63; i++)
			names[i] = cli_cmds[i].name;
		names[i] = NULL;
		near = text_suggest(a->pos[0], names);
		fprintf(stderr, "parapet: unknown command '");
		cli_puts(stderr, a->pos[0]);
		if (near != NULL)
			fprintf(stderr, "' (did you mean '%s'?)\n", near);
		else
			fprintf(stderr, "' (see parapet --help)\n");
		return EXIT_USAGE;
	}
	if (rc != 0)
		return rc;
	*db = a->npos == 1 ? a->pos[0] : "parapet.db";
	return 0;
}

void
cli_args_release(struct cli_args *a)
{
	free(a->pos);
	free(a->catalogues);
}

/* cli.c: the command table, option parsing and shared helpers. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * The commands. Each entry's usage line and option help are built from its
 * positional arguments, its option mask and the option table below, so what
 * --help prints is what the parser accepts.
 */
static const struct cli_opthelp help_risks[] = {
	{ OPT_STATUS, "list only the risks with this status",
	    &vocab_risk_status },
	{ 0, NULL, NULL }
};
static const struct cli_opthelp help_risk[] = {
	{ OPT_STATUS, "decide the risk", &vocab_risk_status },
	{ OPT_OWNER, "the risk owner who decides it", NULL },
	{ 0, NULL, NULL }
};
static const struct cli_opthelp help_mitigation[] = {
	{ OPT_STATUS, "the mitigation's status", &vocab_mitigation_status },
	{ OPT_OWNER, "who implements the mitigation", NULL },
	{ 0, NULL, NULL }
};
static const struct cli_opthelp help_diff[] = {
	{ OPT_FORMAT, "text (the default) or markdown, for a pull-request "
	    "comment", NULL },
	{ OPT_MODEL, "the model's system id in a database side (may be left "
	    "out when it holds one model)", NULL },
	{ 0, NULL, NULL }
};
static const struct cli_opthelp help_new[] = {
	{ OPT_ID, "the system id of the new model (with --template: "
	    "instead of the template's)", NULL },
	{ OPT_NAME, "the system name of the new model", NULL },
	{ 0, NULL, NULL }
};

static const struct cli_opthelp help_catalogue[] = {
	{ OPT_ATLAS, "with check: report the ATLAS ids the catalogue cites "
	    "that FILE (MITRE's ATLAS.yaml) lacks or deprecates; with refs: "
	    "ATLAS titles from FILE", NULL },
	{ 0, NULL, NULL }
};

static const struct cli_opthelp help_register[] = {
	{ OPT_FORMAT, "text (the default: an aligned table), csv or markdown, "
	    "for a steering committee", NULL },
	{ OPT_OWNER, "only the risks this risk owner answers for: the risk's "
	    "owner, else the system's; and the mitigations NAME owns", NULL },
	{ OPT_STATUS, "count the risks with this status instead of the open "
	    "and mitigating ones", &vocab_risk_status },
	{ OPT_MINSEV, "count only the risks at or above LEVEL",
	    &vocab_severity },
	{ 0, NULL, NULL }
};

const struct cli_cmd cli_cmds[] = {
	{ .name = "import", .args = "MODEL DB",
	  .help = "create or update the model in DB from YAML, XML, Threat "
	  "Dragon or OTM",
	  .opts = OPT_CATALOGUE | OPT_OLDER, .minpos = 2, .maxpos = 2,
	  .run = cmd_import },
	{ .name = "push", .args = "DB REGISTER",
	  .help = "copy the models of a local database, with their decisions "
	  "and history, into the organisation's register (a PostgreSQL URI "
	  "or another database), as an XML import would",
	  .opts = OPT_MODEL | OPT_CATALOGUE | OPT_OLDER, .minpos = 2,
	  .maxpos = 2, .run = cmd_push },
	{ .name = "pull", .args = "REGISTER DB",
	  .help = "copy models of the register, with their decisions and "
	  "history, into a local database, for a workshop away from it",
	  .opts = OPT_MODEL | OPT_CATALOGUE | OPT_OLDER, .minpos = 2,
	  .maxpos = 2, .run = cmd_push },
	{ .name = "export", .args = "DB",
	  .help = "write a model in one of the formats below",
	  .opts = OPT_FORMAT | OPT_MODEL | OPT_OUTPUT | OPT_CATALOGUE |
	  OPT_MODELFILE,
	  .required = OPT_FORMAT, .minpos = 1, .maxpos = 1,
	  .run = cmd_export },
	{ .name = "list", .args = "DB",
	  .help = "the models in DB with their counts: the risks that apply "
	      "(any status), by severity, and the open ones",
	  .minpos = 1, .maxpos = 1, .run = cmd_list },
	{ .name = "history", .args = "DB", .help = "the change history",
	  .opts = OPT_MODEL | OPT_OBJECT, .minpos = 1, .maxpos = 1,
	  .run = cmd_history },
	{ .name = "analyze", .args = "DB",
	  .help = "run the analysis again and print a summary",
	  .opts = OPT_MODEL | OPT_CATALOGUE, .minpos = 1, .maxpos = 1,
	  .run = cmd_analyze },
	{ .name = "risks", .args = "DB",
	  .help = "the risks, one a line, most severe first",
	  .opts = OPT_MODEL | OPT_STATUS | OPT_MINSEV | OPT_ALL |
	  OPT_CATALOGUE,
	  .opthelp = help_risks, .minpos = 1, .maxpos = 1,
	  .run = cmd_risks },
	{ .name = "risk", .args = "DB RISK-ID",
	  .help = "show a risk, or decide it: status, owner and "
	  "justification",
	  .opts = OPT_MODEL | OPT_STATUS | OPT_OWNER | OPT_JUSTIFY |
	  OPT_CATALOGUE,
	  .opthelp = help_risk, .minpos = 2, .maxpos = 2, .run = cmd_risk },
	{ .name = "mitigation", .args = "DB RISK-ID MITIGATION-ID",
	  .help = "set the status, owner, due date and notes of a risk's "
	  "mitigation",
	  .opts = OPT_MODEL | OPT_STATUS | OPT_OWNER | OPT_DUE | OPT_NOTES |
	  OPT_CATALOGUE,
	  .opthelp = help_mitigation, .minpos = 3, .maxpos = 3,
	  .run = cmd_mitigation },
	{ .name = "diff", .args = "OLD NEW",
	  .help = "what changed between two versions of a model (each a "
	  "model file, a database, or DB@N: revision N of its model, as "
	  "history shows it): objects, risks and decisions",
	  .opts = OPT_FORMAT | OPT_MODEL | OPT_FAILNEW | OPT_CATALOGUE,
	  .opthelp = help_diff, .minpos = 2, .maxpos = 2, .run = cmd_diff },
	{ .name = "check", .args = "DB|MODEL",
	  .help = "exit 3 if open risks at or above a level remain, listing "
	  "them",
	  .opts = OPT_MODEL | OPT_FAILON | OPT_UNANSWERED | OPT_CATALOGUE,
	  .required = OPT_FAILON,
	  .minpos = 1, .maxpos = 1, .run = cmd_check },
	{ .name = "catalogue",
	  .args = "check [FILE...] | list [threats|mitigations|questions] | "
	  "refs | atlas ATLAS.yaml",
	  .help = "validate catalogue files, print the catalogue or its "
	  "references",
	  .opts = OPT_CATALOGUE | OPT_ATLAS, .opthelp = help_catalogue,
	  .minpos = 1, .maxpos = 64,
	  .run = cmd_catalogue },
	{ .name = "new", .args = "DB",
	  .help = "create a model from a starter template, or a blank one",
	  .opts = OPT_TEMPLATE | OPT_ID | OPT_NAME | OPT_CATALOGUE,
	  .opthelp = help_new, .minpos = 1, .maxpos = 1, .run = cmd_new },
	{ .name = "templates", .args = "", .help = "list the starter models",
	  .run = cmd_templates },
	{ .name = "questions", .args = "DB",
	  .help = "the open questions: the practice questions with the "
	  "model's answers, then the fields not answered that risks would "
	  "rest on",
	  .opts = OPT_MODEL | OPT_CATALOGUE, .minpos = 1, .maxpos = 1,
	  .run = cmd_questions },
	{ .name = "answer", .args = "DB QUESTION yes|no|unknown",
	  .help = "answer a practice question",
	  .opts = OPT_MODEL | OPT_NOTE | OPT_CATALOGUE, .minpos = 3,
	  .maxpos = 3, .run = cmd_answer },
	{ .name = "confirm", .args = "DB [STEP]",
	  .help = "confirm a step (system, boundaries, components or flows) "
	  "that holds a template's example as it is, as c does in the "
	  "screens; without STEP, list the steps that still hold it",
	  .opts = OPT_MODEL, .minpos = 1, .maxpos = 2, .run = cmd_confirm },
	{ .name = "rename", .args = "DB OLD-ID NEW-ID",
	  .help = "give a boundary, component or flow a new id; its risks, "
	  "decisions and history follow",
	  .opts = OPT_MODEL | OPT_CATALOGUE, .minpos = 3, .maxpos = 3,
	  .run = cmd_rename },
	{ .name = "register", .args = "[init|grant|revoke] DB [ROLE]",
	  .help = "every system in DB with its open risks by severity, "
	  "overdue mitigations, accepted risks due for review and open "
	  "questions; or the overdue mitigations or risks due for review "
	  "themselves; init: make a PostgreSQL database a register with "
	  "roles; grant, revoke: let ROLE write only the systems of the "
	  "--team it is granted",
	  .opts = OPT_FORMAT | OPT_OWNER | OPT_TEAM | OPT_MINSEV | OPT_STATUS |
	  OPT_OVERDUE | OPT_REVIEW | OPT_REVIEWDAYS | OPT_CATALOGUE,
	  .opthelp = help_register, .minpos = 1, .maxpos = 3,
	  .run = cmd_register },
};
const size_t cli_ncmds = sizeof cli_cmds / sizeof cli_cmds[0];

/* No command: the workshop screens (its usage line leads the help). */
static const struct cli_cmd cli_tui = {
	.name = "", .args = "[DB]",
	.help = "With no command, opens the workshop screens on DB (default "
	"./parapet.db)",
	.opts = OPT_CATALOGUE, .minpos = 0, .maxpos = 64,
};

/*
 * Long options: what each takes and where its value goes, the flag it
 * needs in a command's mask, the name of its value in usage lines and what
 * it does. An alias (another spelling that is accepted) has no help and is
 * left out of usage and help.
 */
#define ARG(f)	offsetof(struct cli_args, f)
const struct cli_opt cli_opts[] = {
	{ .name = "model", .kind = CLI_TEXT, .field = ARG(model),
	  .flag = OPT_MODEL, .arg = "ID",
	  .help = "the model's system id (may be left out when DB holds one "
	  "model)" },
	{ .name = "format", .kind = CLI_TEXT, .field = ARG(format),
	  .flag = OPT_FORMAT, .arg = "FMT",
	  .help = "the export format (see formats below)" },
	{ .name = "output", .kind = CLI_PATH, .field = ARG(output),
	  .flag = OPT_OUTPUT, .arg = "FILE",
	  .help = "write to FILE (mode 0600) instead of standard output" },
	{ .name = "status", .kind = CLI_TEXT, .field = ARG(status),
	  .flag = OPT_STATUS, .arg = "S", .help = "a status" },
	{ .name = "owner", .kind = CLI_TEXT, .field = ARG(owner),
	  .flag = OPT_OWNER, .arg = "NAME", .help = "who owns it" },
	{ .name = "justification", .kind = CLI_TEXT,
	  .field = ARG(justification), .flag = OPT_JUSTIFY, .arg = "TEXT",
	  .help = "why the risk is decided so (kept in the history)" },
	{ .name = "due", .kind = CLI_TEXT, .field = ARG(due),
	  .flag = OPT_DUE, .arg = "YYYY-MM-DD",
	  .help = "when the mitigation is due" },
	{ .name = "notes", .kind = CLI_TEXT, .field = ARG(notes),
	  .flag = OPT_NOTES, .arg = "TEXT",
	  .help = "notes on the mitigation (empty: none)" },
	{ .name = "note", .kind = CLI_TEXT, .field = ARG(notes),
	  .flag = OPT_NOTE, .arg = "TEXT",
	  .help = "a note on the answer, kept and exported with it (empty: "
	  "none)" },
	{ .name = "notes", .kind = CLI_TEXT, .field = ARG(notes),
	  .flag = OPT_NOTE },
	{ .name = "min-severity", .kind = CLI_TEXT, .field = ARG(min_severity),
	  .flag = OPT_MINSEV, .arg = "LEVEL",
	  .help = "only risks at or above LEVEL", .values = &vocab_severity },
	{ .name = "fail-on", .kind = CLI_TEXT, .field = ARG(fail_on),
	  .flag = OPT_FAILON, .arg = "LEVEL",
	  .help = "the lowest severity that fails the check",
	  .values = &vocab_severity },
	{ .name = "fail-on-unanswered", .kind = CLI_FLAG,
	  .field = ARG(fail_unanswered), .flag = OPT_UNANSWERED,
	  .help = "also fail while practice questions are not answered (the "
	  "open questions of the assessment)" },
	{ .name = "template", .kind = CLI_TEXT, .field = ARG(template),
	  .flag = OPT_TEMPLATE, .arg = "NAME",
	  .help = "a starter model (see 'parapet templates')" },
	{ .name = "id", .kind = CLI_TEXT, .field = ARG(id),
	  .flag = OPT_ID, .arg = "ID", .help = "an id" },
	{ .name = "name", .kind = CLI_TEXT, .field = ARG(name),
	  .flag = OPT_NAME, .arg = "NAME", .help = "a name" },
	{ .name = "object", .kind = CLI_TEXT, .field = ARG(object),
	  .flag = OPT_OBJECT, .arg = "ID",
	  .help = "only the changes to this component, flow, boundary, risk "
	  "or question" },
	{ .name = "all", .kind = CLI_FLAG, .field = ARG(all),
	  .flag = OPT_ALL, .help = "also the risks that no longer apply" },
	{ .name = "allow-older", .kind = CLI_FLAG, .field = ARG(allow_older),
	  .flag = OPT_OLDER,
	  .help = "import an XML export older than the stored model, setting "
	  "later decisions back" },
	{ .name = "catalogue", .kind = CLI_FILES, .flag = OPT_CATALOGUE,
	  .arg = "FILE",
	  .help = "add a catalogue file after the standard catalogue and "
	  "$XDG_CONFIG_HOME/parapet/catalogue.d/ (repeatable)" },
	{ .name = "atlas", .kind = CLI_PATH, .field = ARG(atlas),
	  .flag = OPT_ATLAS, .arg = "FILE",
	  .help = "MITRE's ATLAS data file (ATLAS.yaml)" },
	{ .name = "model-file", .kind = CLI_PATH, .field = ARG(model_file),
	  .flag = OPT_MODELFILE, .arg = "FILE",
	  .help = "the model file for sarif's locations, instead of the one "
	  "the import recorded (as the repository names it)" },
	{ .name = "fail-on-new", .kind = CLI_TEXT, .field = ARG(fail_on_new),
	  .flag = OPT_FAILNEW, .arg = "LEVEL",
	  .help = "exit 3 if the change adds an open risk at or above LEVEL",
	  .values = &vocab_severity },
	{ .name = "team", .kind = CLI_TEXT, .field = ARG(team),
	  .flag = OPT_TEAM, .arg = "NAME",
	  .help = "only the systems of this team (the system's team field)" },
	{ .name = "overdue", .kind = CLI_FLAG, .field = ARG(overdue),
	  .flag = OPT_OVERDUE,
	  .help = "list the overdue mitigations across systems, oldest due "
	  "date first" },
	{ .name = "review", .kind = CLI_FLAG, .field = ARG(review),
	  .flag = OPT_REVIEW,
	  .help = "list the accepted risks due for review across systems, "
	  "oldest decision first" },
	{ .name = "review-after", .kind = CLI_TEXT, .field = ARG(review_after),
	  .flag = OPT_REVIEWDAYS, .arg = "DAYS",
	  .help = "an accepted risk is due for review DAYS after it was "
	  "decided (default 365)" },
	{ .name = "help", .kind = CLI_HELP, .help = "print this help" },
};
#undef ARG
const size_t cli_nopts = sizeof cli_opts / sizeof cli_opts[0];
#define CLI_NOPTIONS	(sizeof cli_opts / sizeof cli_opts[0])
/* What getopt_long returns for the first option of the table. */
#define CLI_OPTVAL	0x100

void
cli_puts(FILE *f, const char *s)
{
	struct buf	b;

	buf_init(&b);
	text_visible(&b, s != NULL ? s : "", 0);
	fputs(b.s, f);
	buf_release(&b);
}

void
cli_putline(const char *prefix, const char *s)
{
	fputs(prefix, stdout);
	cli_puts(stdout, s);
	fputc('\n', stdout);
}

void
cli_put_risk(FILE *f, const struct risk *k)
{
	cli_puts(f, k->threat);
	fputc('@', f);
	cli_puts(f, k->target);
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
cli_fail_all(const struct errors *l, const char *file)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		cli_fail(&l->v[i]);
	if (l->dropped > 0) {
		fprintf(stderr, "parapet: ");
		cli_puts(stderr, file);
		fprintf(stderr, ": %zu more error%s not shown (the first %d "
		    "are)\n", l->dropped, l->dropped == 1 ? "" : "s",
		    ERRORS_MAX);
	}
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

/*
 * Append the help of an option for a command, the command's own or the
 * table's, then the words it takes: "decide the risk: open, ... or
 * not-applicable".
 */
static void
cli_opt_help(const struct cli_cmd *c, const struct cli_opt *o,
    struct buf *b)
{
	const struct cli_opthelp	*h;
	const char			*text = o->help;
	const struct vocab		*v = o->values;
	size_t				 i;

	for (h = c->opthelp; h != NULL && h->flag != 0; h++)
		if (h->flag == o->flag) {
			text = h->text;
			v = h->values;
		}
	buf_adds(b, text);
	for (i = 0; v != NULL && i < v->n; i++)
		buf_addf(b, "%s%s", i == 0 ? ": " : i + 1 == v->n ? " or " :
		    ", ", v->words[i].name);
}

/* 1 if an option takes a value. */
static int
cli_has_arg(const struct cli_opt *o)
{
	return o->kind != CLI_FLAG && o->kind != CLI_HELP;
}

/* 1 if a command takes an option (aliases and --help are not listed). */
static int
cli_takes(const struct cli_cmd *c, const struct cli_opt *o)
{
	return o->flag != 0 && (o->flag & c->opts) != 0 && o->help != NULL;
}

void
cli_usage_line(const struct cli_cmd *c, struct buf *b)
{
	const struct cli_opt	*o;
	size_t			 i;
	int			 req;

	buf_adds(b, "parapet");
	if (*c->name != '\0')
		buf_addf(b, " %s", c->name);
	if (c->args != NULL && *c->args != '\0')
		buf_addf(b, " %s", c->args);
	for (i = 0; i < CLI_NOPTIONS; i++) {
		o = &cli_opts[i];
		if (!cli_takes(c, o))
			continue;
		req = (o->flag & c->required) != 0;
		buf_addf(b, " %s--%s", req ? "" : "[", o->name);
		if (cli_has_arg(o))
			buf_addf(b, " %s", o->arg);
		buf_addf(b, "%s%s", req ? "" : "]",
		    o->kind == CLI_FILES ? "..." : "");
	}
}

int
cli_usage(const struct cli_cmd *c)
{
	struct buf	b;

	buf_init(&b);
	cli_usage_line(c, &b);
	fprintf(stderr, "usage: %s\n", b.s);
	buf_release(&b);
	return EXIT_USAGE;
}

/*
 * Print "  LEFT" (if not NULL) padded to column indent, then text wrapped
 * at word boundaries to 79 columns, continuation lines indented to the
 * same column; a LEFT too wide for its column gets a line of its own.
 */
void
cli_wrap(FILE *f, const char *left, size_t indent, const char *text)
{
	const char	*p = text, *sp;
	size_t		 col, n;

	col = 0;
	if (left != NULL) {
		fprintf(f, "  %s", left);
		col = 2 + strlen(left);
	}
	if (col > 0 && col + 1 > indent) {
		fprintf(f, "\n");
		col = 0;
	}
	fprintf(f, "%*s", (int)(indent - col), "");
	col = indent;
	while (*p != '\0') {
		n = strcspn(p, " ");
		if (col > indent && col + 1 + n > 79) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
		}
		if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)n, p);
		col += n;
		sp = p + n;
		p = *sp == ' ' ? sp + 1 : sp;
	}
	fputc('\n', f);
}

static void
cli_help_cmd(const struct cli_cmd *c)
{
	const struct cli_opt	*o;
	struct buf		 b, help;
	size_t			 i;

	buf_init(&b);
	buf_init(&help);
	cli_usage_line(c, &b);
	printf("usage: %s\n\n", b.s);
	buf_truncate(&b, 0);
	buf_addf(&b, "%s.", c->help);
	cli_wrap(stdout, NULL, 0, b.s);
	if (c->opts != 0)
		printf("\noptions:\n");
	for (i = 0; i < CLI_NOPTIONS; i++) {
		o = &cli_opts[i];
		if (!cli_takes(c, o))
			continue;
		buf_truncate(&b, 0);
		buf_addf(&b, "--%s%s%s", o->name, cli_has_arg(o) ? " " : "",
		    cli_has_arg(o) ? o->arg : "");
		buf_truncate(&help, 0);
		cli_opt_help(c, o, &help);
		cli_wrap(stdout, b.s, 24, help.s);
	}
	buf_release(&help);
	buf_release(&b);
	if (strcmp(c->name, "export") == 0)
		cli_help_formats();
	printf("\nSee parapet(1).\n");
}

static void
cli_help(FILE *f)
{
	size_t	i;

	struct buf	b;

	buf_init(&b);
	cli_usage_line(&cli_tui, &b);
	fprintf(f, "usage: %s\n"
	    "       parapet COMMAND [ARGS] (parapet COMMAND --help)\n"
	    "       parapet --help | --version\n\n", b.s);
	buf_truncate(&b, 0);
	buf_addf(&b, "%s.", cli_tui.help);
	cli_wrap(f, NULL, 0, b.s);
	buf_release(&b);
	fprintf(f, "\ncommands:\n");
	for (i = 0; i < cli_ncmds; i++)
		cli_wrap(f, cli_cmds[i].name, 14, cli_cmds[i].help);
	fprintf(f, "\nExit status: 0 success, 1 error, 2 bad usage, 3 check "
	    "found risks (or diff\n--fail-on-new a change that adds one).\n"
	    "See parapet(1), parapet-model(5) and parapet-catalogue(5).\n");
}

/*
 * Name the positional arguments missing after the first given ("missing
 * DB" for 'parapet list'), when the command's arguments are plain words;
 * 1 if reported.
 */
static int
cli_missing(const struct cli_cmd *c, int given)
{
	const char	*p = c->args;
	struct buf	 b;
	size_t		 n;
	int		 i;

	if (strpbrk(p, "[.") != NULL)
		return 0;
	buf_init(&b);
	for (i = 0; *p != '\0'; i++) {
		n = strcspn(p, " ");
		if (i >= given && i < c->minpos)
			buf_addf(&b, "%s%.*s", b.len > 0 ? " " : "", (int)n, p);
		p += n;
		p += strspn(p, " ");
	}
	if (b.len > 0)
		fprintf(stderr, "parapet: %s: missing %s\n", c->name, b.s);
	/* An id nobody knows by heart: say where to read it. */
	if (strncmp(b.s != NULL ? b.s : "", "RISK-ID", 7) == 0)
		fprintf(stderr, "parapet: %s: the risk ids (THREAT@TARGET) "
		    "are listed by 'parapet risks DB'\n", c->name);
	else if (strncmp(b.s != NULL ? b.s : "", "MITIGATION-ID", 13) == 0)
		fprintf(stderr, "parapet: %s: a risk's mitigation ids are "
		    "listed by 'parapet risk DB RISK-ID'\n", c->name);
	else if (strncmp(b.s != NULL ? b.s : "", "QUESTION", 8) == 0)
		fprintf(stderr, "parapet: %s: the question ids are listed by "
		    "'parapet questions DB'\n", c->name);
	i = b.len > 0;
	buf_release(&b);
	return i;
}

/*
 * Of the options a single letter may stand for ("-m": --model,
 * --min-severity, --model-file), the one meant: one whose value is a
 * severity when the word after it is one ("-m high"), else the one option
 * of a single word ("-m cams": --model); NULL if that does not tell.
 */
static const char *
cli_letter_option(const struct option *longopts, const char *letter,
    const char *value)
{
	const char	*level = NULL, *plain = NULL, *n;
	size_t		 i;
	int		 nlevel = 0, nplain = 0;

	for (i = 0; longopts[i].name != NULL; i++) {
		n = longopts[i].name;
		if (n[0] != letter[0] || longopts[i].has_arg == no_argument)
			continue;
		if (strstr(n, "severity") != NULL ||
		    strncmp(n, "fail-on", 7) == 0) {
			level = n;
			nlevel++;
		}
		if (strchr(n, '-') == NULL && (plain == NULL ||
		    strcmp(plain, n) != 0)) {
			plain = n;
			nplain++;
		}
	}
	if (value != NULL && vocab_find(&vocab_severity, value) != -1)
		return nlevel == 1 ? level : NULL;
	return nplain == 1 ? plain : NULL;
}

/*
 * Report an unknown option, with the nearest the command takes; value is
 * the word after it, or NULL.
 */
static void
cli_unknown_option(const struct cli_cmd *c, const struct option *longopts,
    const char *arg, const char *value)
{
	const char	*names[CLI_NOPTIONS + 1], *near = NULL;
	char		*word;
	size_t		 i, len;
	int		 several = 0;

	for (i = 0; longopts[i].name != NULL; i++)
		names[i] = longopts[i].name;
	names[i] = NULL;
	if (strncmp(arg, "--", 2) == 0) {
		len = strcspn(arg + 2, "=");
		word = xstrndup(arg + 2, len);
		near = text_suggest(word, names);
		/* Part of a longer name: --severity for --min-severity. */
		for (i = 0; near == NULL && len >= 6 && names[i] != NULL; i++)
			if (strstr(names[i], word) != NULL)
				near = names[i];
		free(word);
	} else if (arg[0] == '-' && arg[1] != '\0') {
		/*
		 * Options are long only: "-o" names the one option that
		 * begins with o, "-output" the one it spells.
		 */
		len = strcspn(arg + 1, "=");
		for (i = 0; longopts[i].name != NULL; i++) {
			if (len == 1 ? longopts[i].name[0] != arg[1] :
			    strncmp(longopts[i].name, arg + 1, len) != 0 ||
			    longopts[i].name[len] != '\0')
				continue;
			if (near != NULL && strcmp(near,
			    longopts[i].name) != 0)
				several = 1;	/* -m: --model, --min-severity */
			near = longopts[i].name;
		}
		/* Several: the value may say which ("-m cams"). */
		if (several)
			near = len == 1 ? cli_letter_option(longopts, arg + 1,
			    value) : NULL;
	}
	fprintf(stderr, "parapet: %s%sunknown option '", c->name,
	    *c->name != '\0' ? ": " : "");
	cli_puts(stderr, arg);
	if (near != NULL)
		fprintf(stderr, "' (did you mean '--%s'?)\n", near);
	else
		fprintf(stderr, "'\n");
}

/* The value of a text or path option, as parsed (NULL: not given). */
static const char *
cli_value(const struct cli_args *a, const struct cli_opt *o)
{
	const char *const	*field = (const void *)((const char *)a +
	    o->field);

	return *field;
}

/*
 * Refuse text given on the command line that is not UTF-8, as an import
 * refuses it in a file: it would be stored as given and changed by the
 * next YAML round trip. File and database paths are the system's bytes
 * and are not checked.
 */
static int
cli_check_text(const struct cli_cmd *c, const struct cli_args *a)
{
	const char	*bad = NULL, *v;
	char		*name = NULL;
	size_t		 i;
	int		 paths;

	for (i = 0; bad == NULL && i < CLI_NOPTIONS; i++) {
		if (cli_opts[i].kind != CLI_TEXT ||
		    (cli_opts[i].flag & c->opts) == 0)
			continue;
		v = cli_value(a, &cli_opts[i]);
		if (v != NULL && !utf8_valid(v, strlen(v)))
			bad = name = xasprintf("--%s", cli_opts[i].name);
	}
	/* The first argument names a database or a file; import and
	 * catalogue take only files. */
	paths = strcmp(c->name, "import") == 0 ||
	    strcmp(c->name, "catalogue") == 0 ? a->npos : 1;
	for (i = (size_t)paths; bad == NULL && i < (size_t)a->npos; i++)
		if (!utf8_valid(a->pos[i], strlen(a->pos[i])))
			bad = "an argument";
	if (bad == NULL)
		return 0;
	fprintf(stderr, "parapet: %s: %s is not valid UTF-8 (text is UTF-8, "
	    "as in a model file)\n", c->name, bad);
	free(name);
	return EXIT_USAGE;
}

/* Put an option's value where its entry says. */
static void
cli_set(const struct cli_opt *o, struct cli_args *a, char *value)
{
	void	*field = (char *)a + o->field;

	switch (o->kind) {
	case CLI_TEXT:
	case CLI_PATH:
		*(const char **)field = value;
		break;
	case CLI_FLAG:
		*(int *)field = 1;
		break;
	case CLI_FILES:
		a->catalogues[a->ncatalogues++] = value;
		break;
	case CLI_HELP:
		break;
	}
}

/*
 * One word more than the command takes, where it takes an id through an
 * option not given ('parapet history demo.db cams'): say the option
 * (" (did you mean '--model cams'?)"; --object too where it is taken).
 */
static void
cli_extra_word(const struct cli_cmd *c, const struct cli_args *a,
    const char *w)
{
	static const char *const ids[] = { "model", "object" };
	const struct cli_opt	*o;
	size_t			 i, j;
	int			 n = 0;

	if (*w == '-')
		return;
	for (j = 0; j < sizeof ids / sizeof ids[0]; j++)
		for (i = 0; i < CLI_NOPTIONS; i++) {
			o = &cli_opts[i];
			if (strcmp(o->name, ids[j]) != 0 ||
			    (o->flag & c->opts) == 0 || cli_value(a, o) != NULL)
				continue;
			fprintf(stderr, "%s'--%s ", n++ == 0 ?
			    " (did you mean " : " or ", o->name);
			cli_puts(stderr, w);
			fprintf(stderr, "'");
			break;
		}
	if (n > 0)
		fprintf(stderr, "?)");
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
	int		ch, at;

	/* getopt_long returns CLI_OPTVAL + the option's index in the table. */
	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_opts[i].flag == 0 || (cli_opts[i].flag & c->opts)) {
			longopts[n].name = cli_opts[i].name;
			longopts[n].has_arg = cli_has_arg(&cli_opts[i]) ?
			    required_argument : no_argument;
			longopts[n].flag = NULL;
			longopts[n++].val = cli_opts[i].kind == CLI_HELP ? 'h' :
			    CLI_OPTVAL + (int)i;
		}
	memset(&longopts[n], 0, sizeof longopts[n]);
	optind = 0;
	opterr = 0;
	/*
	 * at: the word getopt_long reads. An unknown letter inside a word
	 * ("-output") leaves optind on that word, so optind - 1 would name
	 * the word before it.
	 */
	while ((at = optind > 0 ? optind : 1, ch = getopt_long(argc, argv,
	    "+:h", longopts, NULL)) != -1 || optind < argc) {
		if (ch == -1) {
			/* A positional argument: keep it and go on. */
			a->pos[a->npos++] = argv[optind++];
			continue;
		}
		if (ch >= CLI_OPTVAL && ch < CLI_OPTVAL + (int)CLI_NOPTIONS) {
			cli_set(&cli_opts[ch - CLI_OPTVAL], a, optarg);
			continue;
		}
		switch (ch) {
		case 'h':
			cli_help_cmd(c);
			return 1;
		case ':':
			fprintf(stderr, "parapet: %s%soption '%s' needs a "
			    "value\n", c->name, *c->name != '\0' ? ": " : "",
			    argv[optind - 1]);
			return cli_usage(c);
		default:
			at = at < argc ? at : optind - 1;
			cli_unknown_option(c, longopts, argv[at],
			    at + 1 < argc ? argv[at + 1] : NULL);
			return cli_usage(c);
		}
	}
	if (a->npos < c->minpos && cli_missing(c, a->npos))
		return cli_usage(c);
	if (a->npos < c->minpos || a->npos > c->maxpos) {
		fprintf(stderr, "parapet: %s: expected %s", c->name,
		    a->npos < c->minpos ? "more arguments" :
		    "fewer arguments");
		if (a->npos == c->maxpos + 1)
			cli_extra_word(c, a, a->pos[a->npos - 1]);
		fprintf(stderr, "\n");
		return cli_usage(c);
	}
	return cli_check_text(c, a);
}

/*
 * A model file given where a database belongs (parapet export
 * threat-model.yaml ..., in a pipeline): say what to run first rather
 * than only that it is no database.
 */
int
cli_fail_store(const char *db, const struct error *e)
{
	static const char *const ext[] = {
		".yaml", ".yml", ".json", ".xml"
	};
	size_t	i, n = strlen(db), m;

	if (store_names_server(db) || cli_is_db(db))
		return cli_fail(e);
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		m = strlen(ext[i]);
		if (n > m && strcasecmp(db + n - m, ext[i]) == 0)
			break;
	}
	if (i == sizeof ext / sizeof ext[0])
		return cli_fail(e);
	fprintf(stderr, "parapet: ");
	if (access(db, F_OK) != 0) {
		fprintf(stderr, "cannot open '");
		cli_puts(stderr, db);
		fprintf(stderr, "': %s\n", strerror(ENOENT));
		return 1;
	}
	fprintf(stderr, "'");
	cli_puts(stderr, db);
	fprintf(stderr, "' is a model file, not a database: import it first "
	    "(parapet import ");
	cli_puts(stderr, db);
	fprintf(stderr, " DB), then give DB here ('parapet check' and "
	    "'parapet diff' read a model file as it is)\n");
	return 1;
}

struct session *
cli_session(const struct cli_args *a, const char *db, int flags)
{
	struct session	*s;
	struct error	 e;

	if ((s = session_open(db, flags, a->catalogues, a->ncatalogues,
	    &e)) == NULL)
		cli_fail_store(db, &e);
	return s;
}

char **
cli_models(struct session *s, const char *db, const char *model, size_t *n)
{
	struct store_summary	*v = NULL;
	struct error		 e;
	char			**ids, *shown;
	size_t			 i, nv = 0;

	if (model != NULL) {
		ids = xcalloc(2, sizeof *ids);
		ids[0] = xstrdup(model);
		*n = 1;
		return ids;
	}
	if (store_list_some(s->store, 0, &v, &nv, &e) == -1) {
		cli_fail(&e);
		return NULL;
	}
	if (nv == 0) {
		store_summaries_free(v, nv);
		shown = store_display(db);
		error_set(&e, "database '%s' holds no models", shown);
		free(shown);
		cli_fail(&e);
		return NULL;
	}
	ids = xcalloc(nv + 1, sizeof *ids);
	for (i = 0; i < nv; i++)
		ids[i] = xstrdup(v[i].id);
	store_summaries_free(v, nv);
	*n = nv;
	return ids;
}

void
cli_ids_free(char **ids)
{
	size_t	i;

	for (i = 0; ids != NULL && ids[i] != NULL; i++)
		free(ids[i]);
	free(ids);
}

int
cli_word(const struct vocab *v, const char *what, const char *opt,
    const char *word)
{
	struct buf	 b;
	const char	*near;
	int		 i;

	if ((i = vocab_find(v, word)) != -1)
		return i;
	buf_init(&b);
	if ((near = vocab_suggest(v, word)) != NULL)
		buf_addf(&b, "did you mean '%s'?", near);
	else {
		buf_adds(&b, "expected ");
		vocab_list(v, &b);
	}
	fprintf(stderr, "parapet: unknown %s '", what != NULL ? what :
	    v->name);
	cli_puts(stderr, word);
	fprintf(stderr, "' for %s (%s)\n", opt, b.s);
	buf_release(&b);
	return -1;
}

int
cli_level(const char *opt, const char *word)
{
	return cli_word(&vocab_severity, "level", opt, word);
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
	/* "help" and "version" are words of cli_main's own, as --help. */
	return cli_find(word) != NULL || strcmp(word, "help") == 0 ||
	    strcmp(word, "version") == 0;
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
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "version") == 0) {
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

/* 1 if a word names a database: an existing file or a database's suffix. */
static int
cli_db_word(const char *w)
{
	static const char *const sfx[] = { ".db", ".sqlite", ".sqlite3",
	    ".db3", NULL };
	size_t	i, n = strlen(w), k;

	if (access(w, F_OK) == 0 || store_names_server(w))
		return 1;
	for (i = 0; sfx[i] != NULL; i++) {
		k = strlen(sfx[i]);
		if (n > k && strcmp(w + n - k, sfx[i]) == 0)
			return 1;
	}
	return 0;
}

int
cli_model_file_as_db(const char *cmd, const char *db)
{
	static const char *const ext[] = {
		".yaml", ".yml", ".json", ".xml", ".md", ".csv", ".sarif"
	};
	size_t	i, n = strlen(db), m;

	if (access(db, F_OK) == 0)
		return 0;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		m = strlen(ext[i]);
		if (n > m && strcasecmp(db + n - m, ext[i]) == 0)
			break;
	}
	if (i == sizeof ext / sizeof ext[0]) {
		/*
		 * A single word is named as a database is everywhere else
		 * (x.db, not x: the screens take x for a mistyped command); a
		 * path is what the screens send to 'parapet new'.
		 */
		if (strchr(db, '/') != NULL || cli_db_word(db))
			return 0;
		fprintf(stderr, "parapet: %s: '", cmd);
		cli_puts(stderr, db);
		fprintf(stderr, "' would be a new SQLite database: give the "
		    "database a name ending in .db (did you mean '");
		cli_puts(stderr, db);
		fprintf(stderr, ".db'?)\n");
		return 1;
	}
	fprintf(stderr, "parapet: %s: '", cmd);
	cli_puts(stderr, db);
	fprintf(stderr, "' is named like a %s file, but it would be a new "
	    "SQLite database: give the database a name ending in .db "
	    "('parapet export' writes model files)\n", ext[i] + 1);
	return 1;
}

/*
 * Refuse a word given where a database belongs that is neither a command
 * nor a database: `parapet chek ...` or `parapet frobnicate` is a typo,
 * not a new database. Prints the error; returns EXIT_USAGE.
 */
static int
cli_unknown_word(const char *w)
{
	const char	*names[64], *near;
	size_t		 i;

	for (i = 0; i < cli_ncmds && i < 63; i++)
		names[i] = cli_cmds[i].name;
	names[i] = NULL;
	near = strchr(w, '/') == NULL ? text_suggest(w, names) : NULL;
	if (strchr(w, '/') != NULL) {
		fprintf(stderr, "parapet: no database '");
		cli_puts(stderr, w);
		fprintf(stderr, "' (a new one needs a name ending in .db, or "
		    "use 'parapet new')\n");
		return EXIT_USAGE;
	}
	fprintf(stderr, "parapet: unknown command '");
	cli_puts(stderr, w);
	if (near != NULL)
		fprintf(stderr, "' (did you mean '%s'?)\n", near);
	else
		fprintf(stderr, "' (see parapet --help; a new database needs "
		    "a name ending in .db)\n");
	return EXIT_USAGE;
}

/*
 * More than one word for the screens: "parapet demo.db risks" has the
 * command after the database; else the first is not one database.
 */
static int
cli_extra_words(const struct cli_args *a)
{
	if (!cli_db_word(a->pos[0]))
		return cli_unknown_word(a->pos[0]);
	if (cli_is_command(a->pos[1])) {
		fprintf(stderr, "parapet: the command comes first: parapet %s '",
		    a->pos[1]);
		cli_puts(stderr, a->pos[0]);
		fprintf(stderr, "'\n");
	} else {
		fprintf(stderr, "parapet: the screens open one database, '");
		cli_puts(stderr, a->pos[0]);
		fprintf(stderr, "'; a command comes first (see parapet "
		    "--help)\n");
	}
	return EXIT_USAGE;
}

int
cli_tui_args(int argc, char **argv, const char **db, struct cli_args *a)
{
	int	rc, i;

	memset(a, 0, sizeof *a);
	a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
	a->catalogues = xcalloc((size_t)argc + 1, sizeof *a->catalogues);
	/* The first word that is not an option decides: before any option
	 * it may belong to a command that was mistyped. */
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--catalogue") == 0) {
			i++;
			continue;
		}
		if (argv[i][0] == '-')
			continue;
		if (!cli_db_word(argv[i]))
			return cli_unknown_word(argv[i]);
		break;
	}
	rc = cli_parse(&cli_tui, argc, argv, a);
	if (rc == 1) {
		cli_help(stdout);
		return 1;
	}
	if (rc == 0 && a->npos > 1)
		return cli_extra_words(a);
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

/*
 * 1 if the file is an SQLite database (its 16-byte header). Only a regular
 * file can be one: a pipe (diff <(git show main:model.yaml) ...) is a
 * model file, and reading its head here would take the bytes the model
 * reader needs.
 */
int
cli_is_db(const char *path)
{
	static const char	magic[16] = "SQLite format 3";
	struct stat		st;
	char			head[16];
	FILE			*f;
	int			 yes;

	if (store_names_server(path))
		return 1;
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	yes = fread(head, 1, sizeof head, f) == sizeof head &&
	    memcmp(head, magic, sizeof magic) == 0;
	fclose(f);
	return yes;
}

/*
 * The decisions of a model file, set on the freshly analysed risks. A
 * decision taken on a risk that the analysis now folds into a finding (a
 * name the finding gives as an alias) is merged into that finding, as the
 * store merges it (the most conservative status, nothing written
 * dropped), after the finding's own: otherwise a decision of then would
 * vanish from a diff or a check whenever today's catalogue merges findings.
 */
void
cli_apply_decisions(struct risk_register *reg,
    const struct risk_register *dec)
{
	const struct risk_mitigation	*dm;
	struct risk_mitigation		*km;
	const struct risk		*d;
	struct risk			*k;
	struct strmap			 by, as;
	char				**names, *name;
	size_t				 i, j;

	/* By name: a database's register has tens of thousands. */
	strmap_init(&by);
	strmap_init(&as);
	names = xreallocarray(NULL, reg->n + 1, sizeof *names);
	for (i = 0; i < reg->n; i++) {
		names[i] = risk_name(reg->risks[i]);
		if (strmap_get(&by, names[i]) == NULL)	/* the first, as
							   a search finds */
			strmap_put(&by, names[i], reg->risks[i]);
		for (j = 0; j < reg->risks[i]->naliases; j++)
			if (strmap_get(&as, reg->risks[i]->aliases[j]) == NULL)
				strmap_put(&as, reg->risks[i]->aliases[j],
				    reg->risks[i]);
	}
	for (i = 0; i < dec->n; i++) {
		d = dec->risks[i];
		name = risk_name(d);
		k = strmap_get(&by, name);
		free(name);
		if (k == NULL)
			continue;
		k->status = d->status;
		free(k->owner);
		k->owner = d->owner != NULL ? xstrdup(d->owner) : NULL;
		free(k->justification);
		k->justification = d->justification != NULL ?
		    xstrdup(d->justification) : NULL;
		for (j = 0; j < d->nmitigations; j++) {
			dm = &d->mitigations[j];
			if ((km = risk_find_mitigation(k, dm->id)) == NULL)
				continue;
			km->status = dm->status;
			free(km->owner);
			km->owner = dm->owner != NULL ? xstrdup(dm->owner) :
			    NULL;
			free(km->due);
			km->due = dm->due != NULL ? xstrdup(dm->due) : NULL;
		}
	}
	for (i = 0; i < dec->n; i++) {
		d = dec->risks[i];
		name = risk_name(d);
		if (strmap_get(&by, name) == NULL && risk_decided(d) &&
		    (k = strmap_get(&as, name)) != NULL)
			risk_merge_decisions(k, d);
		free(name);
	}
	for (i = 0; i < reg->n; i++)
		free(names[i]);
	free(names);
	strmap_release(&by);
	strmap_release(&as);
}

void
cli_note_unknown_threats(const char *cmd, const struct catalogue *cat,
    const char *system, const struct risk_register *reg, const char *what)
{
	const struct risk	*k;
	size_t			 i, n = 0;

	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		if (!k->applies || catalogue_threat(cat, k->threat) != NULL)
			continue;
		if (n++ == 0) {
			fprintf(stderr, "parapet: %s: note: '", cmd);
			cli_puts(stderr, system);
			fprintf(stderr, "' holds risks of threats that the "
			    "catalogue loaded lacks, %s (give the catalogue "
			    "it was analysed with: --catalogue FILE):", what);
		}
		fprintf(stderr, " ");
		cli_put_risk(stderr, k);
	}
	if (n > 0)
		fprintf(stderr, "\n");
}

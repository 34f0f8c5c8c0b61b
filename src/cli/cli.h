/*
 * cli.h: the command line: `parapet COMMAND ...`.
 *
 * Commands are one table (cli.c) whose entries carry their arguments, help
 * and option mask; options are another table with their help, what each
 * takes and the field of struct cli_args its value goes to. Usage lines,
 * `parapet --help` and `parapet COMMAND --help`, the parser (getopt_long's
 * options and where each value goes) and the UTF-8 check of text values
 * are built from the two; the man page, written by hand, is checked
 * against them both ways (tests/test-manpage-cli.c), and the parser
 * against the help (tests/cli/usage.sh).
 * Output goes to stdout, errors to stderr as "parapet: ...". Every string
 * from a model is made safe for a terminal before it is printed. Exit
 * status: 0 success, 1 error, 2 bad usage, 3 `check` (or `diff
 * --fail-on-new`) found risks.
 */
#ifndef PARAPET_CLI_CLI_H
#define PARAPET_CLI_CLI_H

#include <stddef.h>
#include <stdio.h>

struct error;
struct errors;
struct session;
struct vocab;

#define EXIT_USAGE	2
#define EXIT_CHECK	3

/* Options of every command; a command accepts those in its mask. */
#define OPT_MODEL	0x0001
#define OPT_FORMAT	0x0002
#define OPT_OUTPUT	0x0004
#define OPT_STATUS	0x0008
#define OPT_OWNER	0x0010
#define OPT_JUSTIFY	0x0020
#define OPT_DUE		0x0040
#define OPT_NOTES	0x0080
#define OPT_MINSEV	0x0100
#define OPT_FAILON	0x0200
#define OPT_TEMPLATE	0x0400
#define OPT_ID		0x0800
#define OPT_NAME	0x1000
#define OPT_OBJECT	0x2000
#define OPT_ALL		0x4000
#define OPT_CATALOGUE	0x8000
#define OPT_NOTE	0x10000
#define OPT_ATLAS	0x20000
#define OPT_MODELFILE	0x40000
#define OPT_FAILNEW	0x80000
#define OPT_UNANSWERED	0x100000
#define OPT_OLDER	0x200000
#define OPT_TEAM	0x400000
#define OPT_OVERDUE	0x800000
#define OPT_REVIEW	0x1000000
#define OPT_REVIEWDAYS	0x2000000

struct cli_args {
	const char	 *model;
	const char	 *format;
	const char	 *output;
	const char	 *status;
	const char	 *owner;
	const char	 *justification;
	const char	 *due;
	const char	 *notes;
	const char	 *min_severity;
	const char	 *fail_on;
	const char	 *template;
	const char	 *id;
	const char	 *name;
	const char	 *object;
	const char	 *model_file;	/* --model-file */
	const char	 *fail_on_new;	/* --fail-on-new */
	int		  all;
	int		  fail_unanswered; /* --fail-on-unanswered */
	const char	 *atlas;	/* --atlas FILE */
	int		  allow_older;	/* --allow-older */
	const char	 *team;		/* --team */
	int		  overdue;	/* --overdue */
	int		  review;	/* --review */
	const char	 *review_after;	/* --review-after DAYS */
	const char	 *label;	/* import: the name its file goes by
					   (push and pull), or NULL */
	const char	**catalogues;	/* --catalogue, repeatable */
	size_t		  ncatalogues;
	char		**pos;		/* positional arguments */
	int		  npos;
};

/* What an option takes, and where parsing puts it. */
enum cli_optkind {
	CLI_TEXT,		/* text (checked as UTF-8): a const char * */
	CLI_PATH,		/* a file name (the system's bytes, not
				   checked): a const char * */
	CLI_FLAG,		/* no value: an int set to 1 */
	CLI_FILES,		/* a file name, repeatable: catalogues */
	CLI_HELP		/* --help: prints the command's help */
};

/*
 * A long option of the option table (cli.c): parsing, the UTF-8 check,
 * usage lines and help all follow from its entry.
 */
struct cli_opt {
	const char	*name;		/* without the "--" */
	enum cli_optkind kind;
	size_t		 field;		/* offsetof(struct cli_args, ...) of
					   its value (CLI_TEXT, _PATH, _FLAG) */
	unsigned	 flag;		/* OPT_*; 0: every command (--help) */
	const char	*arg;		/* the value's name in usage lines */
	const char	*help;		/* what it does; NULL for an alias */
	const struct vocab *values;	/* or NULL: the words it takes, which
					   its help lists ("LEVEL: low, ...") */
};

/* A command's own help for an option whose table help is too general. */
struct cli_opthelp {
	unsigned	 flag;		/* OPT_*; 0 ends the list */
	const char	*text;
	const struct vocab *values;	/* or NULL, as in struct cli_opt */
};

/*
 * A command. Its usage line is "parapet NAME ARGS" followed by the options
 * of its mask from the option table (required ones without brackets); its
 * --help lists those options with their help.
 */
struct cli_cmd {
	const char	*name;
	const char	*args;		/* positional arguments */
	const char	*help;		/* one line */
	unsigned	 opts;		/* OPT_* accepted */
	unsigned	 required;	/* OPT_* of opts that must be given */
	const struct cli_opthelp *opthelp; /* or NULL */
	int		 minpos;	/* positional arguments */
	int		 maxpos;
	int		(*run)(const struct cli_cmd *, struct cli_args *);
};

/* Run the command line; returns the exit status. */
int	cli_main(int argc, char **argv);
/* 1 if a word names a command. */
int	cli_is_command(const char *);
/*
 * Parse `parapet [--catalogue FILE]... [DB]` for the TUI: 0 (db set), 1
 * (help printed: exit 0) or EXIT_USAGE. Release args with cli_args_release.
 */
int	cli_tui_args(int, char **, const char **db, struct cli_args *);
void	cli_args_release(struct cli_args *);
/*
 * Print "  LEFT" (if not NULL) and text wrapped to 79 columns from column
 * indent (LEFT on a line of its own when too wide), for the help.
 */
void	cli_wrap(FILE *, const char *left, size_t indent, const char *text);
/*
 * 1 (after printing why) if db does not exist and is named like a model
 * or export file (model.yaml, report.md), where 'parapet new model.yaml'
 * would make an SQLite database of that name, or is a single word not
 * named as a new database is everywhere (x, not x.db or x.sqlite: the
 * screens and every other command take it for a mistyped command). A
 * path of another name (./x, dir/x) is taken.
 */
int	cli_model_file_as_db(const char *cmd, const char *db);
/* 1 if the file is a database: SQLite (its header) or a server's name. */
int	cli_is_db(const char *path);
struct catalogue;
struct risk_register;
/*
 * Say on stderr which risks of a stored register (of the model system) come
 * from threats the catalogue loaded lacks, so that an analysis with it
 * cannot raise them (a database analysed with an organisation's own
 * catalogue, read without it); what: what becomes of them.
 */
void	cli_note_unknown_threats(const char *cmd, const struct catalogue *,
	    const char *system, const struct risk_register *,
	    const char *what);
/*
 * Set the decisions of a model file on the freshly analysed risks of reg
 * (a decision on a risk now folded into a finding merges into it).
 */
void	cli_apply_decisions(struct risk_register *,
	    const struct risk_register *);
/* Print the export formats, from the exporters table. */
void	cli_help_formats(void);
/* The command table and the option table, with their sizes. */
extern const struct cli_cmd	cli_cmds[];
extern const size_t		cli_ncmds;
extern const struct cli_opt	cli_opts[];
extern const size_t		cli_nopts;
/* Append a command's usage line ("parapet NAME ARGS [--opt ARG]..."). */
struct buf;
void	cli_usage_line(const struct cli_cmd *, struct buf *);

/* Helpers for commands. */
int	cli_fail(const struct error *);
/*
 * Print every error of a list as cli_fail() does, then how many more were
 * left out (errors about file). Returns 1.
 */
int	cli_fail_all(const struct errors *, const char *file);
int	cli_failf(const char *, ...) __attribute__((format(printf, 1, 2)));
/*
 * Report that db could not be opened as a database: as cli_fail() does,
 * unless db is a model file (threat-model.yaml), where it says to import
 * it first. Returns 1.
 */
int	cli_fail_store(const char *db, const struct error *);
int	cli_usage(const struct cli_cmd *);
/* Print untrusted text made safe for a terminal. */
void	cli_puts(FILE *, const char *);
/* A line on standard output: prefix (ours), then s as cli_puts() shows it. */
void	cli_putline(const char *prefix, const char *s);
/* Print a risk's name, THREAT@TARGET, made safe for a terminal. */
struct risk;
void	cli_put_risk(FILE *, const struct risk *);
/*
 * Open a session on a database with store_open() flags (0, STORE_CREATE or
 * STORE_READONLY); NULL after printing the error.
 */
struct session *cli_session(const struct cli_args *, const char *db,
	    int flags);
/*
 * The models a command acts on: the one named (--model), else every model
 * of the database, by id (NULL-terminated, the caller's to free with
 * cli_ids_free()); NULL after printing the error.
 */
char	       **cli_models(struct session *, const char *db,
		     const char *model, size_t *);
void		 cli_ids_free(char **);
/*
 * Print one risk as a line of `parapet risks`; cli_risk_line_align() first
 * puts the titles of a register's lines in one column.
 */
struct risk;
struct risk_register;
void	cli_risk_line_align(const struct risk_register *);
void	cli_print_risk_line(const struct risk *);
/*
 * An unanswered field as an open question: the field, the element, the
 * worst severity at stake, then (with detail) each threat at stake with
 * what it assumes.
 */
struct risk_question;
void	cli_print_field_question(const struct risk_question *, int detail);
/* Print an analysis summary. */
struct session_summary;
void	cli_print_summary(const struct session_summary *);
/*
 * A note for each inference-service that sends to no component of kind
 * model: the threats to the model it serves need that model drawn.
 */
struct model;
void	cli_note_unserved(const struct model *);
/*
 * The index of a word of a vocabulary given to an option; -1 after
 * printing that it is unknown (as what, NULL: the vocabulary's name) with
 * the nearest word or the list of them.
 */
struct vocab;
int	cli_word(const struct vocab *, const char *what, const char *opt,
	    const char *word);
/* A level word (low..critical) to its index; -1 after printing. */
int	cli_level(const char *opt, const char *word);

int	cmd_import(const struct cli_cmd *, struct cli_args *);
int	cmd_push(const struct cli_cmd *, struct cli_args *);
int	cmd_export(const struct cli_cmd *, struct cli_args *);
int	cmd_diff(const struct cli_cmd *, struct cli_args *);
int	cmd_list(const struct cli_cmd *, struct cli_args *);
int	cmd_history(const struct cli_cmd *, struct cli_args *);
int	cmd_analyze(const struct cli_cmd *, struct cli_args *);
int	cmd_risks(const struct cli_cmd *, struct cli_args *);
int	cmd_risk(const struct cli_cmd *, struct cli_args *);
int	cmd_mitigation(const struct cli_cmd *, struct cli_args *);
int	cmd_check(const struct cli_cmd *, struct cli_args *);
int	cmd_catalogue(const struct cli_cmd *, struct cli_args *);
int	cmd_new(const struct cli_cmd *, struct cli_args *);
int	cmd_templates(const struct cli_cmd *, struct cli_args *);
int	cmd_questions(const struct cli_cmd *, struct cli_args *);
int	cmd_answer(const struct cli_cmd *, struct cli_args *);
int	cmd_confirm(const struct cli_cmd *, struct cli_args *);
int	cmd_rename(const struct cli_cmd *, struct cli_args *);
int	cmd_register(const struct cli_cmd *, struct cli_args *);

#endif

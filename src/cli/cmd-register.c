/*
 * cmd-register.c: parapet register DB -- the organisation's register:
 * every system with what its risk owners review, or the overdue
 * mitigations or accepted risks due for review across systems.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "export/export.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

static const char *const register_formats[] = {
	"text", "csv", "markdown", NULL
};

/* A --format word to its enum register_format; -1 after printing. */
static int
register_format(const char *w)
{
	size_t	i;

	if (w == NULL)
		return REGISTER_TEXT;
	for (i = 0; register_formats[i] != NULL; i++)
		if (strcmp(w, register_formats[i]) == 0)
			return (int)i;
	fprintf(stderr, "parapet: register: unknown format '");
	cli_puts(stderr, w);
	fprintf(stderr, "' (expected text, csv or markdown)\n");
	return -1;
}

/* --review-after: a number of days, 0 to 36500; -1 after printing. */
static long
register_days(const char *w)
{
	char	*end;
	long	 n;

	if (w == NULL)
		return ORG_REVIEW_DAYS;
	n = strtol(w, &end, 10);
	if (*w >= '0' && *w <= '9' && *end == '\0' && n >= 0 && n <= 36500)
		return n;
	fprintf(stderr, "parapet: register: --review-after takes a number of "
	    "days from 0 to 36500, not '");
	cli_puts(stderr, w);
	fprintf(stderr, "'\n");
	return -1;
}

/*
 * Nothing matched --team or --owner: if the word names a team or an owner
 * in another case, or names no team at all, say so on stderr. Owners and
 * teams match exactly ("Head of HR" is not "head of hr").
 */
static void
register_hint(struct store *st, const struct org_filter *f)
{
	struct org_filter	 all = *f;
	struct org_system	*rows = NULL;
	struct error		 e;
	struct buf		 b;
	const char		*near = NULL, *w;
	size_t			 n = 0, i, j;
	int			 team;

	all.owner = all.team = NULL;
	all.status = -1;
	all.min_severity = LEVEL_LOW;
	if (store_register(st, &all, &rows, &n, &e) == -1)
		return;
	buf_init(&b);
	for (i = 0; i < n && near == NULL; i++) {
		if (f->team != NULL && rows[i].team != NULL &&
		    strcasecmp(rows[i].team, f->team) == 0)
			near = rows[i].team;
		if (f->owner != NULL && rows[i].owner != NULL &&
		    strcasecmp(rows[i].owner, f->owner) == 0 &&
		    strcmp(rows[i].owner, f->owner) != 0)
			near = rows[i].owner;
	}
	team = f->team != NULL && near == NULL;
	for (i = 0; team && i < n; i++) {
		if ((w = rows[i].team) == NULL)
			continue;
		for (j = 0; j < i; j++)
			if (rows[j].team != NULL &&
			    strcmp(rows[j].team, w) == 0)
				break;
		if (j == i)
			buf_addf(&b, "%s'%s'", b.len > 0 ? ", " : "", w);
	}
	if (near != NULL) {
		fprintf(stderr, "parapet: register: owners and teams match "
		    "exactly: did you mean '");
		cli_puts(stderr, near);
		fprintf(stderr, "'?\n");
	} else if (team) {
		fprintf(stderr, "parapet: register: no system of team '");
		cli_puts(stderr, f->team);
		if (b.len > 0) {
			fprintf(stderr, "' (teams: ");
			cli_puts(stderr, b.s);
			fprintf(stderr, ")\n");
		} else
			fprintf(stderr, "' (no system has a team: give it "
			    "as the system's team)\n");
	}
	buf_release(&b);
	store_register_free(rows, n);
}

/*
 * parapet register init URI: make a database on a server an
 * organisation's register, with its roles (store_init_register()).
 * parapet register grant|revoke URI ROLE --team TEAM: let a login role
 * write only the systems of the teams it is granted (store_grant_team()).
 */
static int
register_init(const struct cli_cmd *c, struct cli_args *a)
{
	struct error	 e;
	char		*shown;
	int		 revoke;

	if (a->npos == 3 && (strcmp(a->pos[0], "grant") == 0 ||
	    strcmp(a->pos[0], "revoke") == 0)) {
		if (a->team == NULL) {
			fprintf(stderr, "parapet: register %s: which team? "
			    "(--team NAME)\n", a->pos[0]);
			return cli_usage(c);
		}
		revoke = strcmp(a->pos[0], "revoke") == 0;
		if (store_grant_team(a->pos[1], a->pos[2], a->team, revoke,
		    &e) == -1)
			return cli_fail(&e);
		printf("%s ", revoke ? "revoked:" : "granted:");
		cli_puts(stdout, a->pos[2]);
		printf(" %s systems of team '", revoke ? "no longer writes" :
		    "writes");
		cli_puts(stdout, a->team);
		printf("'\n");
		return 0;
	}
	if (a->npos != 2 || strcmp(a->pos[0], "init") != 0) {
		fprintf(stderr, "parapet: register: one database, 'init' and "
		    "a database, or 'grant' or 'revoke', a database and a "
		    "role\n");
		return cli_usage(c);
	}
	if (store_init_register(a->pos[1], &e) == -1)
		return cli_fail(&e);
	shown = store_display(a->pos[1]);
	printf("%s is a register: roles parapet_admin, parapet_editor, "
	    "parapet_decider and parapet_reader\n", shown);
	free(shown);
	return 0;
}

int
cmd_register(const struct cli_cmd *c, struct cli_args *a)
{
	struct org_filter	 f;
	struct org_system	*rows = NULL;
	struct org_item	*items = NULL;
	struct session			*s;
	struct error			 e;
	struct buf			 out;
	const char			**qs;
	char				*now;
	size_t				 n = 0, i;
	int				 format, rc;

	if (a->npos > 1)
		return register_init(c, a);
	memset(&f, 0, sizeof f);
	f.status = -1;
	if ((format = register_format(a->format)) == -1 ||
	    (a->status != NULL && (f.status = cli_word(&vocab_risk_status,
	    "status", "--status", a->status)) == -1) ||
	    (a->min_severity != NULL && (f.min_severity =
	    cli_level("--min-severity", a->min_severity)) == -1) ||
	    (f.review_days = register_days(a->review_after)) == -1)
		return cli_usage(c);
	/* Names are cut short only to fit a terminal. */
	if (format == REGISTER_TEXT && !isatty(STDOUT_FILENO))
		format = REGISTER_TEXT_WHOLE;
	if (a->overdue && a->review) {
		fprintf(stderr, "parapet: register: --overdue and --review are "
		    "two lists: give one\n");
		return cli_usage(c);
	}
	f.owner = a->owner;
	f.team = a->team;
	/* The day of the register: today, or as $PARAPET_NOW pins it. */
	now = store_now();
	if (strlen(now) > 10)
		now[10] = '\0';
	f.today = now;
	if ((s = cli_session(a, a->pos[0], STORE_READONLY)) == NULL) {
		free(now);
		return 1;
	}
	qs = xcalloc(s->cat->nquestions + 1, sizeof *qs);
	for (i = 0; i < s->cat->nquestions; i++)
		qs[i] = s->cat->questions[i]->id;
	f.questions = qs;
	f.nquestions = s->cat->nquestions;

	buf_init(&out);
	if (a->overdue || a->review) {
		rc = (a->overdue ? store_register_overdue :
		    store_register_review)(s->store, &f, &items, &n, &e);
		if (rc == 0)
			export_register_items(items, n, a->review, &f, format,
			    &out);
		store_register_items_free(items, n);
	} else {
		rc = store_register(s->store, &f, &rows, &n, &e);
		if (rc == 0)
			export_register(rows, n, &f, format, &out);
		store_register_free(rows, n);
	}
	if (rc == 0 && n == 0 && (f.owner != NULL || f.team != NULL))
		register_hint(s->store, &f);
	if (rc == -1)
		rc = cli_fail(&e);
	else {
		fwrite(out.s, 1, out.len, stdout);
		rc = fflush(stdout) == 0 ? 0 : cli_failf("cannot write the "
		    "register");
	}
	buf_release(&out);
	free(qs);
	free(now);
	session_close(s);
	return rc;
}

/*
 * cmd-diff.c: parapet diff OLD NEW -- what changed between two versions of
 * a model: each side a model file (YAML with its decisions, or an XML
 * export), a database (the model and register as stored), or a revision
 * of the model in a database, DB@N (the model as it was at revision N,
 * with the decisions of then, analysed now like a model file; DB@-N: N
 * revisions before the latest).
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "diff/diff.h"
#include "export/xml-read.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "util/strmap.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"
#include "yaml/ydoc.h"

/* One side of the comparison. */
struct diff_side {
	const char		*arg;	/* as given */
	char			*path;	/* the file */
	int			 at;	/* a revision was asked for */
	long			 revision;	/* which (<= 0: back from the
						   latest) */
	char			*name;	/* what the output calls it */
	struct model		*m;
	struct risk_register	 reg;
};

/* 1 if the text looks like XML (first non-blank byte is '<'). */
static int
diff_is_xml(const char *text)
{
	text += strspn(text, " \t\r\n");
	return *text == '<';
}

/*
 * Split "DB@N" into the file and the revision: when the argument names no
 * file and ends with @ and a number (a minus sign first: counted back from
 * the latest). Anything else is a path as given.
 */
static void
diff_side_parse(struct diff_side *sd)
{
	struct stat	 st;
	const char	*at, *p;
	char		*end;
	long		 n;

	sd->path = xstrdup(sd->arg);
	if (stat(sd->arg, &st) == 0 || (at = strrchr(sd->arg, '@')) == NULL ||
	    at == sd->arg)
		return;
	p = at + 1;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || p[strspn(p, "0123456789")] != '\0')
		return;
	errno = 0;
	n = strtol(at + 1, &end, 10);
	if (errno != 0 || *end != '\0')
		return;
	free(sd->path);
	sd->path = xstrndup(sd->arg, (size_t)(at - sd->arg));
	sd->at = 1;
	sd->revision = n;
}

/*
 * A revision of a model in a database: rebuilt from the history, analysed
 * now with the catalogue, the decisions of then applied.
 */
static int
diff_load_revision(struct diff_side *sd, const struct cli_args *a,
    struct catalogue **cat, struct error *e)
{
	struct risk_register	 dec;
	struct store		*st;
	char			*shown;
	int			 rc = -1;

	if (*cat == NULL && (*cat = catalogue_load_standard(a->catalogues,
	    a->ncatalogues, e)) == NULL)
		return -1;
	if ((st = store_open(sd->path, STORE_READONLY, e)) == NULL)
		return -1;
	risk_register_init(&dec);
	if ((sd->m = store_load_revision(st, a->model, sd->revision, &dec,
	    e)) != NULL && analyze(*cat, sd->m, &sd->reg, e) == 0) {
		cli_apply_decisions(&sd->reg, &dec);
		free(sd->name);
		shown = store_display(sd->path);	/* no password */
		sd->name = xasprintf("%s@%ld", shown, sd->m->revision);
		free(shown);
		rc = 0;
	}
	risk_register_release(&dec);
	store_close(st);
	return rc;
}

/*
 * Load a side: a database (the stored model and register, as they are), a
 * revision of it, or a model file analysed now with the catalogue, its
 * decisions applied.
 */
static int
diff_load(struct diff_side *sd, const struct cli_args *a,
    struct catalogue **cat, struct error *e, struct errors *errs)
{
	struct model_decisions	 dec;
	struct change		*hist = NULL;
	struct store		*st;
	size_t			 len, nhist = 0;
	char			*text;
	int			 rc = -1;

	risk_register_init(&sd->reg);
	if (sd->at && !cli_is_db(sd->path)) {
		if (access(sd->path, F_OK) == 0)
			return error_set(e, "'%s' is not a database: only a "
			    "database has revisions (%s)", sd->path, sd->arg);
		return error_set(e, "cannot open '%s': %s", sd->arg,
		    strerror(ENOENT));
	}
	if (sd->at)
		return diff_load_revision(sd, a, cat, e);
	if (cli_is_db(sd->path)) {
		if ((st = store_open(sd->path, STORE_READONLY, e)) == NULL)
			return -1;
		if ((sd->m = store_load(st, a->model, e)) != NULL &&
		    store_load_risks(st, sd->m->system.id, &sd->reg, e) == 0)
			rc = 0;
		store_close(st);
		return rc;
	}
	if (*cat == NULL && (*cat = catalogue_load_standard(a->catalogues,
	    a->ncatalogues, e)) == NULL)
		return -1;
	if ((text = file_read(sd->path, limit_file_bytes(), &len, e)) == NULL)
		return -1;
	model_decisions_init(&dec);
	if (diff_is_xml(text)) {
		/* An XML export carries its register and decisions. */
		if (xml_read(text, len, sd->path, &sd->m, &sd->reg, &hist,
		    &nhist, e) == 0)
			rc = 0;
		changes_free(hist, nhist);
	} else if ((sd->m = model_read_yaml_all(text, len, sd->path, &dec,
	    errs)) != NULL && analyze(*cat, sd->m, &sd->reg, e) == 0) {
		cli_apply_decisions(&sd->reg, &dec.reg);
		rc = 0;
	}
	free(text);
	model_decisions_release(&dec);
	return rc;
}

/*
 * Why --fail-on-new fails: "the change adds 3 open risks at or above high:
 * 2 new, 1 raised to high". The parts are said apart because a rescored
 * or reopened risk is not a new one, and a reviewer looks for each in a
 * different section of the diff.
 */
static void
diff_say_new(FILE *f, const char *prefix, size_t added,
    const struct model_diff_new *by, const char *level)
{
	const char	*sep = ": ";

	fprintf(f, "%sdiff: the change adds %zu open risk%s at or above %s",
	    prefix, added, added == 1 ? "" : "s", level);
	if (by->appears == added) {
		fputc('\n', f);
		return;
	}
	if (by->appears > 0) {
		fprintf(f, "%s%zu new", sep, by->appears);
		sep = ", ";
	}
	if (by->raised > 0) {
		fprintf(f, "%s%zu raised to %s", sep, by->raised, level);
		sep = ", ";
	}
	if (by->reopened > 0)
		fprintf(f, "%s%zu decided before, open again", sep,
		    by->reopened);
	fputc('\n', f);
}

int
cmd_diff(const struct cli_cmd *c, struct cli_args *a)
{
	struct diff_side	 side[2];
	struct catalogue	*cat = NULL;
	struct risk_register	 asked, fresh;
	struct model_diff	 d;
	struct model_diff_new	 by;
	struct error		 e;
	struct errors		 errs;
	struct buf		 b;
	size_t			 i, added;
	char			*shown;
	int			 level = -1, md = 0, rc = 1;

	(void)c;
	if (a->format != NULL) {
		if (strcmp(a->format, "markdown") == 0)
			md = 1;
		else if (strcmp(a->format, "text") != 0) {
			fprintf(stderr, "parapet: diff: unknown format '");
			cli_puts(stderr, a->format);
			fprintf(stderr, "' (expected text or markdown)\n");
			return EXIT_USAGE;
		}
	}
	if (a->fail_on_new != NULL &&
	    (level = cli_level("--fail-on-new", a->fail_on_new)) == -1)
		return EXIT_USAGE;
	memset(side, 0, sizeof side);
	for (i = 0; i < 2; i++) {
		side[i].arg = a->pos[i];
		diff_side_parse(&side[i]);
		/* A database by its name without a password (DB@N kept). */
		shown = store_display(side[i].path);
		side[i].name = xasprintf("%s%s", shown,
		    side[i].arg + strlen(side[i].path));
		free(shown);
		/* A model file's errors come all at once, as import's. */
		errors_init(&errs);
		error_clear(&e);
		if (diff_load(&side[i], a, &cat, &e, &errs) == -1) {
			if (errs.n > 0)
				cli_fail_all(&errs, side[i].path);
			else
				cli_fail(&e);
			errors_release(&errs);
			goto out;
		}
		errors_release(&errs);
	}
	/*
	 * A database's register as stored beside a side analysed now: the
	 * threats of a catalogue not given now would seem to be gone.
	 */
	for (i = 0; cat != NULL && i < 2; i++)
		if (!side[i].at && cli_is_db(side[i].path))
			cli_note_unknown_threats("diff", cat,
			    side[i].m->system.id, &side[i].reg, "which the "
			    "side analysed now cannot raise");
	/* Two files of different systems are a slip more often than not. */
	if (strcmp(side[0].m->system.id, side[1].m->system.id) != 0) {
		fprintf(stderr, "parapet: diff: note: the two sides describe "
		    "different systems ('");
		cli_puts(stderr, side[0].m->system.id);
		fprintf(stderr, "' and '");
		cli_puts(stderr, side[1].m->system.id);
		fprintf(stderr, "'); what follows compares them as if one "
		    "became the other\n");
	}
	model_diff(&d, side[0].m, &side[0].reg, side[1].m, &side[1].reg);
	/* Which risks that are gone are now open questions. */
	risk_register_init(&asked);
	risk_register_init(&fresh);
	if (cat == NULL)
		cat = catalogue_load_standard(a->catalogues, a->ncatalogues,
		    &e);
	if (cat != NULL && side[1].m->indexed && analyze_unknowns(cat,
	    side[1].m, &fresh, &asked, &e) == 0)
		d.asked = &asked;
	risk_register_release(&fresh);
	buf_init(&b);
	if (md)
		model_diff_markdown(&d, side[0].name, side[1].name, &b);
	else
		model_diff_text(&d, side[0].name, side[1].name, &b);
	fwrite(b.s, 1, b.len, stdout);
	buf_release(&b);
	rc = 0;
	if (level >= 0 && (added = model_diff_new_at(&d, level, &by)) > 0) {
		diff_say_new(md ? stderr : stdout, md ? "parapet: " : "",
		    added, &by, vocab_name(&vocab_severity, level));
		rc = EXIT_CHECK;
	}
	model_diff_release(&d);
	risk_register_release(&asked);
out:
	for (i = 0; i < 2; i++) {
		model_free(side[i].m);
		risk_register_release(&side[i].reg);
		free(side[i].path);
		free(side[i].name);
	}
	catalogue_free(cat);
	return rc;
}

/* cmd-check.c: parapet check DB|FILE --fail-on LEVEL -- a gate for CI. */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "store/store-page.h"
#include "util/error.h"
#include "util/file.h"
#include "util/limits.h"
#include "yaml/model-yaml.h"

/*
 * Check one model: its risks at or above level, and with --fail-on-
 * unanswered its open questions. 0 passed, EXIT_CHECK failed, 1 error.
 */
/*
 * Before the first provisional risk of the list (risk_register_sort()
 * puts them last), the heading 'parapet risks' prints: without it the
 * severities seem to restart in no order.
 */
static void
check_heading(const struct risk *k, size_t *shown, size_t *confirm)
{
	if (risk_provisional(k) && (*confirm)++ == 0)
		printf("%sto confirm: these rest on unanswered fields "
		    "('parapet risks' names them)\n", *shown > 0 ? "\n" :
		    "");
	(*shown)++;
}

/*
 * Without --fail-on-unanswered the gate passes a model whose unanswered
 * fields would raise risks at or above the level: say so on stderr (the
 * output and exit status stay the gate's), so that a pipeline's log does
 * not read as "nothing to fear" for a model not yet described.
 */
static void
check_note_unanswered(const struct catalogue *cat, const struct model *m,
    int level)
{
	struct risk_register	 pending;
	struct risk_questions	 fq;
	size_t			 i, n = 0;

	risk_register_init(&pending);
	fq.v = NULL;
	fq.n = 0;
	analyze_questions(cat, m, &pending, &fq);
	for (i = 0; i < fq.n; i++)
		if (fq.v[i].worst >= level)
			n++;
	if (n > 0) {
		fprintf(stderr, "parapet: check: note: %zu field%s not "
		    "answered in '", n, n == 1 ? "" : "s");
		cli_puts(stderr, m->system.id);
		fprintf(stderr, "' would raise risks at or above %s (open "
		    "questions, not risks: --fail-on-unanswered fails on "
		    "them)\n", vocab_name(&vocab_severity, level));
	}
	risk_questions_release(&fq);
	risk_register_release(&pending);
}

/* The gate on a model and its analysed register (reg is sorted here). */
static int
check_register(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg_, int level, const struct cli_args *a)
{
	struct risk_register	 pending, *reg = reg_;
	struct risk_questions	 fq;
	const struct risk	*k;
	const struct question	**open = NULL;
	size_t			 i, bad = 0, nopen = 0, unproven = 0;
	size_t			 shown = 0, confirm = 0;
	int			 rc;

	risk_register_init(&pending);
	fq.v = NULL;
	fq.n = 0;
	risk_register_sort(reg);
	cli_risk_line_align(reg);
	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		if (!k->applies || k->severity < level)
			continue;
		/* 'mitigated' with nothing done does not pass the gate. */
		if (risk_mitigated_unproven(k)) {
			check_heading(k, &shown, &confirm);
			cli_print_risk_line(k);
			printf("  mitigated without an implemented or verified "
			    "mitigation or a justification\n");
			unproven++;
			continue;
		}
		if (k->status != RISK_OPEN && k->status != RISK_MITIGATING)
			continue;
		check_heading(k, &shown, &confirm);
		cli_print_risk_line(k);
		bad++;
	}
	/*
	 * An unanswered practice question raises no risk: with
	 * --fail-on-unanswered the open questions fail the gate too.
	 */
	if (a->fail_unanswered) {
		nopen = analyze_open_questions(cat, m, &open);
		analyze_questions(cat, m, &pending, &fq);
	} else
		check_note_unanswered(cat, m, level);
	for (i = 0; i < nopen; i++) {
		printf("unanswered  %-5s ", open[i]->guideline);
		cli_puts(stdout, open[i]->id);
		printf("\n");
	}
	rc = 0;
	/* So are the unanswered fields that findings stand on. */
	for (i = 0; i < fq.n; i++) {
		printf("unanswered  ");
		cli_print_field_question(&fq.v[i], 0);
	}
	if (nopen > 0)
		printf("check failed: %zu practice question%s", nopen,
		    nopen == 1 ? "" : "s");
	if (fq.n > 0)
		printf("%s%zu field%s that risks would rest on",
		    nopen > 0 ? " and " : "check failed: ", fq.n,
		    fq.n == 1 ? "" : "s");
	if (nopen > 0 || fq.n > 0) {
		printf(" not answered in '");
		cli_puts(stdout, m->system.id);
		printf("' (parapet questions; parapet answer)\n");
		rc = EXIT_CHECK;
	}
	nopen += fq.n;
	if (bad > 0 || unproven > 0) {
		printf("check failed: ");
		if (bad > 0)
			printf("%zu open or mitigating risk%s", bad,
			    bad == 1 ? "" : "s");
		if (unproven > 0)
			printf("%s%zu risk%s marked mitigated without "
			    "evidence", bad > 0 ? " and " : "", unproven,
			    unproven == 1 ? "" : "s");
		printf(" at or above %s in '",
		    vocab_name(&vocab_severity, level));
		cli_puts(stdout, m->system.id);
		printf("'\n");
		/* What a pipeline's reader does next, not only what failed. */
		printf("to pass, a risk owner decides each risk above: "
		    "mitigated, with a mitigation implemented or verified, "
		    "or accepted or not-applicable, with a justification "
		    "('parapet risk' and 'parapet mitigation', or the "
		    "decisions: section of a model file)\n");
		rc = EXIT_CHECK;
	} else {
		printf("%sno open or mitigating risk at or above %s in '",
		    nopen == 0 ? "check passed: " : "",
		    vocab_name(&vocab_severity, level));
		cli_puts(stdout, m->system.id);
		printf("'\n");
	}
	free(open);
	risk_questions_release(&fq);
	risk_register_release(&pending);
	return rc;
}

/*
 * The stored register may hold risks of threats that the catalogue
 * loaded now lacks (a database imported with an organisation's own
 * catalogue, checked without it): the analysis in memory cannot raise
 * them, so say which on stderr rather than pass over them in silence.
 */
static void
check_note_unknown(struct session *s, const char *id)
{
	struct risk_register	 own;
	struct error		 e;

	risk_register_init(&own);
	if (store_load_risk_states(s->store, id, &own, &e) == 0)
		cli_note_unknown_threats("check", s->cat, id, &own,
		    "left out of this check");
	risk_register_release(&own);
}

static int
check_model(struct session *s, const char *id, int level,
    const struct cli_args *a)
{
	struct risk_register	 reg;
	struct model		*m;
	struct error		 e;
	int			 rc = 1;

	risk_register_init(&reg);
	/*
	 * Analyze first, so the gate never passes on a stale register, but
	 * in memory: a check reads the database and never writes it.
	 */
	if ((m = store_load(s->store, id, &e)) == NULL ||
	    session_register(s, m, &reg, &e) == -1)
		cli_fail(&e);
	else {
		check_note_unknown(s, m->system.id);
		rc = check_register(s->cat, m, &reg, level, a);
	}
	risk_register_release(&reg);
	model_free(m);
	return rc;
}

/*
 * The gate on a model file, "threat model as code" in CI: analysed in
 * memory with the catalogue, its decisions applied, as 'parapet diff'
 * reads one; nothing is written. An XML export is a database's copy:
 * import it.
 */
static int
check_file(const char *path, int level, const struct cli_args *a)
{
	struct model_decisions	 dec;
	struct risk_register	 reg;
	struct catalogue	*cat;
	struct model		*m = NULL;
	struct errors		 errs;
	struct error		 e;
	size_t			 len;
	char			*text;
	int			 rc = 1;

	if ((text = file_read(path, limit_file_bytes(), &len, &e)) == NULL)
		return cli_fail(&e);
	if (text[strspn(text, " \t\r\n")] == '<') {
		free(text);
		fprintf(stderr, "parapet: check: '");
		cli_puts(stderr, path);
		fprintf(stderr, "' is an XML export, not a model file: import "
		    "it first (parapet import FILE DB), then check DB\n");
		return 1;
	}
	if ((cat = catalogue_load_standard(a->catalogues, a->ncatalogues,
	    &e)) == NULL) {
		free(text);
		return cli_fail(&e);
	}
	model_decisions_init(&dec);
	risk_register_init(&reg);
	errors_init(&errs);
	if ((m = model_read_yaml_all(text, len, path, &dec, &errs)) == NULL)
		cli_fail_all(&errs, path);
	else if (a->model != NULL && strcmp(a->model, m->system.id) != 0) {
		fprintf(stderr, "parapet: check: no model '");
		cli_puts(stderr, a->model);
		fprintf(stderr, "' in '");
		cli_puts(stderr, path);
		fprintf(stderr, "'\n");
	} else if (analyze(cat, m, &reg, &e) == -1)
		cli_fail(&e);
	else {
		cli_apply_decisions(&reg, &dec.reg);
		rc = check_register(cat, m, &reg, level, a);
	}
	free(text);
	errors_release(&errs);
	risk_register_release(&reg);
	model_decisions_release(&dec);
	model_free(m);
	catalogue_free(cat);
	return rc;
}

/*
 * 1 if path is a model file or an export, and no database: "-" (standard
 * input), a pipe (<(git show main:threat-model.yaml)), or a name ending as
 * a model file's does, even one that does not exist, so that a mistyped
 * name is reported as the file it is, not as a missing database.
 */
static int
check_is_file(const char *path)
{
	static const char *const ext[] = { ".yaml", ".yml", ".xml" };
	struct stat	st;
	size_t		i, n = strlen(path), m;

	if (strcmp(path, "-") == 0)
		return 1;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		return 1;
	if (cli_is_db(path))
		return 0;
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		m = strlen(ext[i]);
		if (n > m && strcasecmp(path + n - m, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/*
 * The gate, on the model named or on every model of the database: it
 * fails (EXIT_CHECK) when one model fails, and errs (1) when one cannot
 * be checked.
 */
int
cmd_check(const struct cli_cmd *c, struct cli_args *a)
{
	struct session	 *s;
	char		**ids;
	size_t		  n = 0, i, failed = 0, errors = 0;
	int		  level, r;

	if (a->fail_on == NULL) {
		fprintf(stderr, "parapet: check: --fail-on is required: the "
		    "lowest severity that fails (critical, high, medium or "
		    "low)\n");
		return cli_usage(c);
	}
	if ((level = cli_level("--fail-on", a->fail_on)) == -1)
		return EXIT_USAGE;
	/* A model file (named as one, not SQLite): as code. */
	if (check_is_file(a->pos[0]))
		return check_file(a->pos[0], level, a);
	if ((s = cli_session(a, a->pos[0], STORE_READONLY)) == NULL)
		return 1;
	if ((ids = cli_models(s, a->pos[0], a->model, &n)) == NULL) {
		session_close(s);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (n > 1 && i > 0)
			printf("\n");
		if ((r = check_model(s, ids[i], level, a)) == EXIT_CHECK)
			failed++;
		else if (r != 0)
			errors++;
	}
	if (n > 1)
		printf("\n%zu of %zu models failed the check%s\n", failed, n,
		    errors > 0 ? ", and some could not be checked" : "");
	cli_ids_free(ids);
	session_close(s);
	return errors > 0 ? 1 : failed > 0 ? EXIT_CHECK : 0;
}

/* cmd-check.c: parapet check DB --fail-on LEVEL -- a gate for CI. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"

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
check_note_unanswered(struct session *s, const struct model *m, int level)
{
	struct risk_register	 pending;
	struct risk_questions	 fq;
	size_t			 i, n = 0;

	risk_register_init(&pending);
	fq.v = NULL;
	fq.n = 0;
	analyze_questions(s->cat, m, &pending, &fq);
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

static int
check_model(struct session *s, const char *id, int level,
    const struct cli_args *a)
{
	struct risk_register	 reg, pending;
	struct risk_questions	 fq;
	const struct risk	*k;
	struct model		*m;
	const struct question	**open = NULL;
	struct error		 e;
	size_t			 i, bad = 0, nopen = 0, unproven = 0;
	size_t			 shown = 0, confirm = 0;
	int			 rc = 1;

	risk_register_init(&reg);
	risk_register_init(&pending);
	fq.v = NULL;
	fq.n = 0;
	/*
	 * Analyze first, so the gate never passes on a stale register, but
	 * in memory: a check reads the database and never writes it.
	 */
	if ((m = store_load(s->store, id, &e)) == NULL ||
	    session_register(s, m, &reg, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	risk_register_sort(&reg);
	for (i = 0; i < reg.n; i++) {
		k = reg.risks[i];
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
		nopen = analyze_open_questions(s->cat, m, &open);
		analyze_questions(s->cat, m, &pending, &fq);
	} else
		check_note_unanswered(s, m, level);
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
		rc = EXIT_CHECK;
	} else {
		printf("%sno open or mitigating risk at or above %s in '",
		    nopen == 0 ? "check passed: " : "",
		    vocab_name(&vocab_severity, level));
		cli_puts(stdout, m->system.id);
		printf("'\n");
	}
out:
	free(open);
	risk_questions_release(&fq);
	risk_register_release(&pending);
	risk_register_release(&reg);
	model_free(m);
	return rc;
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

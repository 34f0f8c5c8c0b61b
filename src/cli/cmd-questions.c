/* cmd-questions.c: parapet questions / answer -- the practice questions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
cli_print_field_question(const struct risk_question *q, int detail)
{
	const struct risk	*k;
	size_t			 i, j;

	printf("field   %-8s ", vocab_name(&vocab_severity, q->worst));
	cli_puts(stdout, q->field);
	printf(" of ");
	cli_puts(stdout, q->element);
	printf(" is not answered\n");
	if (!detail)
		return;
	printf("             if the answer is as assumed below, it raises:\n");
	for (i = 0; i < q->nrisks; i++) {
		k = q->risks[i];
		printf("             %-8s %dx%d  ", vocab_name(&vocab_severity,
		    k->severity), k->likelihood, k->impact);
		cli_put_risk(stdout, k);
		cli_putline("  ", k->title);
		for (j = 0; j < k->nreasons; j++) {
			if (k->reasons[j].kind != REASON_ASSUMED)
				continue;
			cli_putline("                 ", k->reasons[j].line);
		}
	}
}

int
cmd_questions(const struct cli_cmd *c, struct cli_args *a)
{
	const struct question	*q;
	const struct practice	*p;
	struct risk_register	 pending;
	struct risk_questions	 fq;
	struct session		*s;
	struct model		*m;
	struct error		 e;
	size_t			 i, open = 0;

	(void)c;
	if ((s = cli_session(a, a->pos[0], STORE_READONLY)) == NULL)
		return 1;
	if ((m = store_load(s->store, a->model, &e)) == NULL) {
		session_close(s);
		return cli_fail(&e);
	}
	for (i = 0; i < s->cat->nquestions; i++) {
		q = s->cat->questions[i];
		p = model_practice(m, q->id);
		printf("%-7s %-4s ", p != NULL ? vocab_name(&vocab_answer,
		    (int)p->answer) : "unknown", q->guideline);
		cli_puts(stdout, q->id);
		printf("\n             ");
		cli_puts(stdout, q->text);
		printf("\n");
		if (p != NULL && p->note != NULL) {
			cli_putline("             note: ", p->note);
		}
		if (p == NULL || p->answer != TRI_YES)
			open++;
	}
	printf("%zu of %zu questions not answered yes\n", open,
	    s->cat->nquestions);
	/*
	 * The unanswered fields that findings stand on: open questions
	 * too, each with the threats it would raise.
	 */
	risk_register_init(&pending);
	analyze_questions(s->cat, m, &pending, &fq);
	if (fq.n > 0)
		printf("\n");
	for (i = 0; i < fq.n; i++)
		cli_print_field_question(&fq.v[i], 1);
	printf("%zu field%s not answered that risks would rest on "
	    "(answer each in the model)\n", fq.n, fq.n == 1 ? " is" :
	    "s are");
	risk_questions_release(&fq);
	risk_register_release(&pending);
	model_free(m);
	session_close(s);
	return 0;
}

int
cmd_answer(const struct cli_cmd *c, struct cli_args *a)
{
	struct session_summary	 sum;
	struct practice		*p;
	struct session		*s;
	struct model		*m = NULL;
	struct error		 e;
	const char		**ids, *near;
	size_t			 i;
	int			 answer, rc = 1;

	(void)c;
	if ((answer = vocab_find(&vocab_answer, a->pos[2])) == -1) {
		fprintf(stderr, "parapet: answer: the answer must be yes, no "
		    "or unknown, in lower case, not '");
		cli_puts(stderr, a->pos[2]);
		fprintf(stderr, "'\n");
		return EXIT_USAGE;
	}
	if ((s = cli_session(a, a->pos[0], 0)) == NULL)
		return 1;
	if (catalogue_question(s->cat, a->pos[1]) == NULL) {
		ids = xcalloc(s->cat->nquestions + 1, sizeof *ids);
		for (i = 0; i < s->cat->nquestions; i++)
			ids[i] = s->cat->questions[i]->id;
		near = text_suggest(a->pos[1], ids);
		fprintf(stderr, "parapet: unknown practice question '");
		cli_puts(stderr, a->pos[1]);
		if (near != NULL)
			fprintf(stderr, "' (did you mean '%s'?)\n", near);
		else
			fprintf(stderr, "' (see 'parapet questions')\n");
		free(ids);
		goto out;
	}
	if ((m = store_load(s->store, a->model, &e)) == NULL) {
		cli_fail(&e);
		goto out;
	}
	p = model_add_practice(m, a->pos[1], (enum tri)answer);
	if (a->notes != NULL) {
		free(p->note);
		p->note = *a->notes != '\0' ? xstrdup(a->notes) : NULL;
	}
	if (session_save(s, m, m->revision, &sum, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	cli_puts(stdout, a->pos[1]);
	printf(": %s\n", vocab_name(&vocab_answer, answer));
	cli_print_summary(&sum);
	rc = 0;
out:
	model_free(m);
	session_close(s);
	return rc;
}

/* cmd-analyze.c: parapet analyze DB -- run the analysis again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "catalogue/catalogue.h"
#include "cli/cli.h"
#include "model/model.h"
#include "model/vocab.h"
#include "session/session.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strmap.h"

void
cli_print_summary(const struct session_summary *ss)
{
	const struct risk_counts	*sum = &ss->counts;
	int				 i, first = 1;

	printf("%zu risk%s", sum->applying, sum->applying == 1 ? " applies" :
	    "s apply");
	if (sum->applying > 0) {
		printf(":");
		SEVERITY_FOREACH_DOWN(i) {
			if (sum->by_severity[i] == 0)
				continue;
			printf("%s %zu %s", first ? "" : ",",
			    sum->by_severity[i], vocab_name(&vocab_severity,
			    i));
			first = 0;
		}
		printf("; %zu open, %zu mitigating, %zu mitigated, "
		    "%zu accepted, %zu not applicable",
		    sum->by_status[RISK_OPEN], sum->by_status[RISK_MITIGATING],
		    sum->by_status[RISK_MITIGATED],
		    sum->by_status[RISK_ACCEPTED],
		    sum->by_status[RISK_NOT_APPLICABLE]);
	}
	printf("\n");
	if (sum->assumed > 0)
		printf("%zu risk%s to confirm: %s on unanswered fields "
		    "(assumed the risky answer; 'parapet risks' lists %s "
		    "apart, with the fields to answer)\n", sum->assumed,
		    sum->assumed == 1 ? " is" : "s are", sum->assumed == 1 ?
		    "it rests" : "they rest", sum->assumed == 1 ? "it" :
		    "them");
	if (ss->field_questions > 0)
		printf("%zu field%s not answered that risks would rest on: "
		    "open question%s of the assessment, each naming the "
		    "threats at stake ('parapet questions')\n",
		    ss->field_questions, ss->field_questions == 1 ? " is" :
		    "s are", ss->field_questions == 1 ? "" : "s");
	if (ss->asked > 0)
		printf("%zu earlier risk%s that nobody decided on now rest%s "
		    "only on unanswered fields: part of their open questions, "
		    "no longer %s\n", ss->asked, ss->asked == 1 ? "" : "s",
		    ss->asked == 1 ? "s" : "", ss->asked == 1 ? "a risk" :
		    "risks");
	if (ss->open_questions > 0)
		printf("%zu practice question%s not answered: open "
		    "question%s of the assessment ('parapet questions')\n",
		    ss->open_questions, ss->open_questions == 1 ? " is" :
		    "s are", ss->open_questions == 1 ? "" : "s");
	if (sum->gone > 0)
		printf("%zu earlier %s (kept with %s)\n", sum->gone,
		    sum->gone == 1 ? "risk no longer applies" :
		    "risks no longer apply", sum->gone == 1 ?
		    "its decision" : "their decisions");
	if (ss->merged > 0)
		/*
		 * Folded into a finding that names several targets, or
		 * covered by another threat on the same target: either way
		 * part of a finding now, with whatever decision it had.
		 */
		printf("%zu earlier %s now part of %s that cover%s %s, with "
		    "any decision %s had (see 'parapet history')\n",
		    ss->merged, ss->merged == 1 ? "risk is" : "risks are",
		    ss->merged == 1 ? "a finding" : "findings",
		    ss->merged == 1 ? "s" : "", ss->merged == 1 ? "it" : "them",
		    ss->merged == 1 ? "it" : "they");
}

/*
 * A user who draws a hosted LLM as an inference-service only, with no
 * model behind it, gets none of the threats to the model (prompt
 * injection, jailbreaks, extraction): they apply to a component of kind
 * model that prompts reach. Say so, once per service, in a way that says
 * what to add; linear in the model's size.
 */
void
cli_note_unserved(const struct model *m)
{
	const struct component	**v;
	size_t			  i, n;

	n = model_unserved(m, &v);
	for (i = 0; i < n; i++) {
		printf("note: inference-service '");
		cli_puts(stdout, v[i]->id);
		printf("' sends to no model: the threats to the model it "
		    "serves (prompt injection among them) apply to a "
		    "component of kind model; add one, with a flow of "
		    "prompts or inputs from the service to it and one of "
		    "model-output back (parapet-model(5))\n");
	}
	free(v);
}

/* Analyze one model again; 0, or 1 after printing the error. */
static int
analyze_model(struct session *s, const char *id)
{
	struct session_summary	 sum;
	struct model		*m;
	struct error		 e;
	int			 rc = 1;

	if ((m = store_load(s->store, id, &e)) == NULL ||
	    session_analyze(s, m->system.id, &sum, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	printf("analyzed '");
	cli_puts(stdout, m->system.id);
	printf("' (revision %ld) with %zu threats of catalogue ",
	    m->revision, s->cat->nthreats);
	cli_puts(stdout, s->cat->version != NULL ? s->cat->version :
	    "(unversioned)");
	printf("\n");
	cli_print_summary(&sum);
	cli_note_unserved(m);
	rc = 0;
out:
	model_free(m);
	return rc;
}

/* The model named, or every model of the database (after a catalogue
 * change, the whole register at once). */
int
cmd_analyze(const struct cli_cmd *c, struct cli_args *a)
{
	struct session	 *s;
	char		**ids;
	size_t		  n = 0, i, errors = 0;

	(void)c;
	if ((s = cli_session(a, a->pos[0], 0)) == NULL)
		return 1;
	if ((ids = cli_models(s, a->pos[0], a->model, &n)) == NULL) {
		session_close(s);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			printf("\n");
		if (analyze_model(s, ids[i]) != 0)
			errors++;
	}
	if (n > 1)
		printf("\nanalyzed %zu of %zu models\n", n - errors, n);
	cli_ids_free(ids);
	session_close(s);
	return errors > 0 ? 1 : 0;
}

/* cmd-risks.c: parapet risks / risk / mitigation -- review and decide. */
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
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * Open the session (read-only unless the command writes), load the model
 * (by --model or the only one) and risks.
 */
static struct session *
risks_open(struct cli_args *a, int flags, struct model **m,
    struct risk_register *reg)
{
	struct session	*s;
	struct error	 e;

	*m = NULL;
	risk_register_init(reg);
	if ((s = cli_session(a, a->pos[0], flags)) == NULL)
		return NULL;
	if ((*m = store_load(s->store, a->model, &e)) == NULL ||
	    store_load_risks(s->store, (*m)->system.id, reg, &e) == -1) {
		cli_fail(&e);
		model_free(*m);
		*m = NULL;
		risk_register_release(reg);
		session_close(s);
		return NULL;
	}
	risk_register_sort(reg);
	return s;
}

/* The width of the risk ids of the list being printed (0: as they come). */
static size_t	risk_line_idw;

void
cli_risk_line_align(const struct risk_register *reg)
{
	size_t	i, w;

	risk_line_idw = 0;
	for (i = 0; i < reg->n; i++) {
		w = strlen(reg->risks[i]->threat) + 1 +
		    strlen(reg->risks[i]->target);
		if (w > risk_line_idw)
			risk_line_idw = w;
	}
}

void
cli_print_risk_line(const struct risk *k)
{
	size_t	w = strlen(k->threat) + 1 + strlen(k->target);

	printf("%-8s  %-14s %dx%d  ", vocab_name(&vocab_severity, k->severity),
	    vocab_name(&vocab_risk_status, k->status), k->likelihood,
	    k->impact);
	cli_put_risk(stdout, k);
	/* The titles in one column: a risk id is two identifiers. */
	printf("%*s", (int)(w < risk_line_idw ? risk_line_idw - w + 2 : 2),
	    "");
	cli_puts(stdout, k->title);
	if (!k->applies)
		printf("  (no longer applies)");
	printf("\n");
}

int
cmd_risks(const struct cli_cmd *c, struct cli_args *a)
{
	struct risk_register	 reg;
	struct session		*s;
	struct model		*m;
	const struct risk	*k;
	size_t			 i, j, shown = 0, confirm = 0;
	int			 status = -1, minsev = LEVEL_LOW;

	(void)c;
	if (a->status != NULL && (status = cli_word(&vocab_risk_status, NULL,
	    "--status", a->status)) == -1)
		return EXIT_USAGE;
	if (a->min_severity != NULL &&
	    (minsev = cli_level("--min-severity", a->min_severity)) == -1)
		return EXIT_USAGE;
	if ((s = risks_open(a, STORE_READONLY, &m, &reg)) == NULL)
		return 1;
	cli_risk_line_align(&reg);
	for (i = 0; i < reg.n; i++) {
		k = reg.risks[i];
		if ((!k->applies && !a->all) || k->severity < minsev ||
		    (status != -1 && k->status != status))
			continue;
		/*
		 * The provisional risks come last (risk_register_sort()),
		 * apart, each with the unanswered fields that settle it.
		 */
		if (risk_provisional(k) && confirm++ == 0)
			printf("%sto confirm: these rest on unanswered fields "
			    "(answer them to settle each)\n", shown > 0 ?
			    "\n" : "");
		cli_print_risk_line(k);
		for (j = 0; risk_provisional(k) && j < k->nreasons; j++) {
			if (k->reasons[j].kind != REASON_ASSUMED)
				continue;
			cli_putline("    ", k->reasons[j].line);
		}
		shown++;
	}
	if (shown == 0)
		printf("no risks match\n");
	risk_register_release(&reg);
	model_free(m);
	session_close(s);
	return 0;
}

/* Print what is known about a risk, from the register and the catalogue. */
static void
risk_show(const struct session *s, const struct model *m,
    const struct risk *k)
{
	const struct threat	*t = catalogue_threat(s->cat, k->threat);
	const struct mitigation	*mt;
	const struct objref	*ref;
	const char		*title;
	struct refs		 refs;
	size_t			 i, idw;

	cli_put_risk(stdout, k);
	printf("\n  title:     ");
	cli_puts(stdout, k->title);
	printf("\n  target:    ");
	cli_puts(stdout, k->target);
	if ((ref = model_find(m, k->target)) != NULL)
		printf(" (%s)", objtype_name(ref->type));
	else if (strcmp(k->target, m->system.id) == 0)
		printf(" (the system)");
	printf("\n  severity:  %s (likelihood %d x impact %d)%s\n",
	    vocab_name(&vocab_severity, k->severity), k->likelihood, k->impact,
	    k->applies ? "" : ", no longer applies");
	printf("  status:    %s", vocab_name(&vocab_risk_status, k->status));
	if (k->decided_by != NULL) {
		printf(" (by ");
		cli_puts(stdout, k->decided_by);
		printf(" at ");
		cli_puts(stdout, k->decided_at != NULL ? k->decided_at : "?");
		printf(")");
	}
	printf("\n");
	if (k->owner != NULL) {
		cli_putline("  owner:     ", k->owner);
	}
	if (k->justification != NULL) {
		cli_putline("  justification: ", k->justification);
	}
	if (t != NULL) {
		printf("  threat:    ");
		cli_puts(stdout, t->description);
		printf("\n  why AI:    ");
		cli_puts(stdout, t->why);
		printf("\n  references:");
		catalogue_risk_refs(s->cat, k, &refs);
		for (i = 0; i < refs.n; i++) {
			printf(" %s %s", ref_scheme_name(refs.v[i].scheme),
			    refs.v[i].id);
			title = catalogue_ref_title(s->cat, refs.v[i].scheme,
			    refs.v[i].id);
			if (title != NULL) {
				printf(" (");
				cli_puts(stdout, title);
				printf(")");
			}
			printf(i + 1 < refs.n ? ";" : "");
		}
		refs_release(&refs);
		printf("\n");
	}
	printf("  why it applies:\n");
	for (i = 0; i < k->nreasons; i++) {
		cli_putline("    ", k->reasons[i].line);
	}
	printf("  mitigations:\n");
	/* The titles in one column: ids are identifiers, one column each. */
	idw = 0;
	for (i = 0; i < k->nmitigations; i++) {
		if (strlen(k->mitigations[i].id) > idw)
			idw = strlen(k->mitigations[i].id);
	}
	for (i = 0; i < k->nmitigations; i++) {
		const struct risk_mitigation	*rm = &k->mitigations[i];

		printf("    %-11s ", vocab_name(&vocab_mitigation_status,
		    rm->status));
		cli_puts(stdout, rm->id);
		if ((mt = catalogue_mitigation(s->cat, rm->id)) != NULL) {
			printf("%*s", (int)(idw - strlen(rm->id) + 2), "");
			cli_puts(stdout, mt->title);
		}
		if (rm->owner != NULL) {
			printf("  owner ");
			cli_puts(stdout, rm->owner);
		}
		if (rm->due != NULL) {
			printf("  due ");
			cli_puts(stdout, rm->due);
		}
		printf("\n");
		if (rm->notes != NULL) {
			cli_putline("                notes: ", rm->notes);
		}
	}
}

/*
 * 1 if a name is that of a finding of the model that rests only on
 * unanswered fields: part of their open questions, not a risk.
 */
static int
risks_is_question(const struct session *s, const struct model *m,
    const char *threat, const char *target)
{
	struct risk_register	 reg, pending;
	struct error		 e;
	int			 found;

	risk_register_init(&reg);
	risk_register_init(&pending);
	found = analyze_unknowns(s->cat, m, &reg, &pending, &e) == 0 &&
	    risk_register_find(&pending, threat, target) != NULL;
	risk_register_release(&reg);
	risk_register_release(&pending);
	return found;
}

/*
 * The finding into which the analysis folded the risk THREAT@TARGET: one
 * that names it as an alias, or (a stored register keeps no aliases) one
 * on the same target whose reasons say it covers THREAT. NULL if none.
 */
static const struct risk *
risks_folded_into(const struct risk_register *reg, const char *name,
    const char *threat, const char *target)
{
	const struct risk	*k;
	char			 id[256];
	size_t			 i, j;

	for (i = 0; i < reg->n; i++)
		for (j = 0; j < reg->risks[i]->naliases; j++)
			if (strcmp(reg->risks[i]->aliases[j], name) == 0)
				return reg->risks[i];
	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		if (strcmp(k->target, target) != 0)
			continue;
		for (j = 0; j < k->nreasons; j++)
			if (risk_covered_threat(&k->reasons[j], id,
			    sizeof id) && strcmp(id, threat) == 0)
				return k;
	}
	return NULL;
}

/* Find a risk by its name; NULL after printing an error. */
static const struct risk *
risks_find(const struct session *s, const struct model *m,
    const struct risk_register *reg, const char *name)
{
	const struct risk	*k, *by;
	const char		*near;
	char			*threat, *target, **names;
	size_t			 i;

	if (risk_parse_name(name, &threat, &target) == -1) {
		fprintf(stderr, "parapet: invalid risk id '");
		cli_puts(stderr, name);
		fprintf(stderr, "' (expected THREAT@TARGET, as 'parapet risks' "
		    "prints it)\n");
		/* A threat without its target: name the risks it raised. */
		for (i = 0, near = NULL; i < reg->n; i++) {
			if (strcmp(reg->risks[i]->threat, name) != 0)
				continue;
			fprintf(stderr, "%s", near == NULL ? "parapet: risks of "
			    "this threat here: " : ", ");
			cli_put_risk(stderr, reg->risks[i]);
			near = name;
		}
		if (near != NULL)
			fprintf(stderr, "\n");
		return NULL;
	}
	k = risk_register_find(reg, threat, target);
	if (k == NULL && risks_is_question(s, m, threat, target)) {
		fprintf(stderr, "parapet: '");
		cli_puts(stderr, name);
		fprintf(stderr, "' is no risk: it rests only on unanswered "
		    "fields, part of their open questions (see 'parapet "
		    "questions'; answer the fields in the model)\n");
	} else if (k == NULL && (by = risks_folded_into(reg, name, threat,
	    target)) != NULL) {
		/* Folded into a finding that names it: say which. */
		fprintf(stderr, "parapet: '");
		cli_puts(stderr, name);
		fprintf(stderr, "' is part of the finding '");
		cli_put_risk(stderr, by);
		fprintf(stderr, "', which covers it: decide that one "
		    "(decisions taken on it before are kept there)\n");
	} else if (k == NULL) {
		names = xcalloc(reg->n + 1, sizeof *names);
		for (i = 0; i < reg->n; i++)
			names[i] = risk_name(reg->risks[i]);
		near = text_suggest(name, (const char *const *)names);
		fprintf(stderr, "parapet: no risk '");
		cli_puts(stderr, name);
		if (near != NULL) {
			fprintf(stderr, "' in this model (did you mean '");
			cli_puts(stderr, near);
			fprintf(stderr, "'?)\n");
		} else
			fprintf(stderr, "' in this model (see 'parapet risks "
			    "--all')\n");
		for (i = 0; i < reg->n; i++)
			free(names[i]);
		free(names);
	}
	free(threat);
	free(target);
	return k;
}

/*
 * A decision refused because the risk changed between reading and writing
 * it: nothing was written; say how to look again.
 */
static void
risks_again(const struct cli_args *a)
{
	fprintf(stderr, "parapet: nothing was written: look at it again "
	    "('parapet risk DB ");
	cli_puts(stderr, a->pos[1]);
	fprintf(stderr, "') and decide again\n");
}

/*
 * A decision made here is stored in the database, not in the model file
 * the model was imported from, which a pipeline imports or checks ("threat
 * model as code"): say so once it is made, and how the file gets it,
 * rather than let the next check of the file fail on a risk its owner has
 * decided.
 */
static void
risks_note_model_file(const char *cmd, struct session *s, struct model *m,
    const char *db)
{
	struct error	 e;
	char		*file, *shown;

	error_clear(&e);
	if ((file = store_load_places(s->store, m, &e)) == NULL)
		return;
	shown = store_display(db);
	fprintf(stderr, "parapet: %s: note: decided in the database, not in "
	    "'", cmd);
	cli_puts(stderr, file);
	fprintf(stderr, "', the model file it was imported from: a check of "
	    "that file, or its import into another database, goes without "
	    "it until its decisions: section has it ('parapet export ");
	cli_puts(stderr, shown);
	fprintf(stderr, " --format yaml' prints the model with it)\n");
	free(shown);
	free(file);
}

int
cmd_risk(const struct cli_cmd *c, struct cli_args *a)
{
	struct risk_register	 reg, after;
	const struct risk	*k, *k2;
	struct session		*s;
	struct model		*m;
	struct error		 e;
	int			 status = -1, rc = 1;

	(void)c;
	if (a->status != NULL && (status = cli_word(&vocab_risk_status, NULL,
	    "--status", a->status)) == -1)
		return EXIT_USAGE;
	if ((s = risks_open(a, status == -1 && a->owner == NULL &&
	    a->justification == NULL ? STORE_READONLY : 0, &m, &reg)) == NULL)
		return 1;
	risk_register_init(&after);
	if ((k = risks_find(s, m, &reg, a->pos[1])) == NULL)
		goto out;
	if (status == -1 && a->owner == NULL && a->justification == NULL) {
		risk_show(s, m, k);
		rc = 0;
		goto out;
	}
	/* Clearing the owner of an accepted risk: say what stands. */
	if (k->status == RISK_ACCEPTED && (status == -1 ||
	    status == RISK_ACCEPTED) && a->owner != NULL &&
	    a->owner[strspn(a->owner, " \t")] == '\0') {
		fprintf(stderr, "parapet: risk: '");
		cli_puts(stderr, a->pos[1]);
		fprintf(stderr, "' is accepted, and an accepted risk keeps its "
		    "owner: give a new one with --owner NAME, or first remove "
		    "the acceptance (--status open)\n");
		goto out;
	}
	/*
	 * On the risk found, if it still applies as it did (a re-import
	 * between reading and writing may have changed that); a decision
	 * someone made on it since is not refused, and a status not given
	 * stays the one stored then.
	 */
	if (store_decide_risk(s->store, m->system.id, k, status, a->owner,
	    a->justification, STORE_SEEN_APPLIES, &e) == -1 ||
	    store_load_risks(s->store, m->system.id, &after, &e) == -1) {
		cli_fail(&e);
		/* Say how to give the justification the decision needs. */
		if (strstr(e.msg, "someone else") != NULL)
			risks_again(a);
		else if (strstr(e.msg, "risk owner") != NULL &&
		    strstr(e.msg, "justification") != NULL)
			fprintf(stderr, "parapet: risk: name them with --owner "
			    "NAME, and give the justification with "
			    "--justification TEXT\n");
		else if (a->justification == NULL &&
		    strstr(e.msg, "justification") != NULL)
			fprintf(stderr, "parapet: risk: give it with "
			    "--justification TEXT%s\n", status ==
			    RISK_MITIGATED ? ", or first mark a mitigation "
			    "implemented ('parapet mitigation')" : "");
		else if (strstr(e.msg, "risk owner") != NULL)
			fprintf(stderr, "parapet: risk: name them with "
			    "--owner NAME\n");
		goto out;
	}
	k2 = risk_register_find(&after, k->threat, k->target);
	printf("risk ");
	cli_puts(stdout, a->pos[1]);
	printf(": %s", vocab_name(&vocab_risk_status, k->status));
	if (k2 != NULL && k2->status != k->status)
		printf(" -> %s", vocab_name(&vocab_risk_status, k2->status));
	if (k2 != NULL && k2->owner != NULL) {
		printf(", owner ");
		cli_puts(stdout, k2->owner);
	}
	printf("\n");
	risks_note_model_file("risk", s, m, a->pos[0]);
	rc = 0;
out:
	risk_register_release(&after);
	risk_register_release(&reg);
	model_free(m);
	session_close(s);
	return rc;
}

/*
 * Say what the mitigation now is, as stored: its status (from -> to when it
 * changed), owner and due date, as 'risk' says a decision, so that a typo
 * in an owner or a date shows at once rather than in the report.
 */
static void
mitigation_said(struct session *s, const struct model *m,
    const struct risk *before, const struct cli_args *a)
{
	struct risk_register		 after;
	const struct risk_mitigation	*was, *now = NULL;
	const struct risk		*k2;
	struct error			 e;

	risk_register_init(&after);
	was = risk_find_mitigation(before, a->pos[2]);
	if (store_load_risks(s->store, m->system.id, &after, &e) == 0 &&
	    (k2 = risk_register_find(&after, before->threat,
	    before->target)) != NULL)
		now = risk_find_mitigation(k2, a->pos[2]);
	printf("mitigation ");
	cli_puts(stdout, a->pos[2]);
	printf(" of ");
	cli_puts(stdout, a->pos[1]);
	if (was == NULL || now == NULL) {
		printf(" updated\n");
		risk_register_release(&after);
		return;
	}
	printf(": %s", vocab_name(&vocab_mitigation_status, was->status));
	if (now->status != was->status)
		printf(" -> %s", vocab_name(&vocab_mitigation_status,
		    now->status));
	if (now->owner != NULL) {
		printf(", owner ");
		cli_puts(stdout, now->owner);
	}
	if (now->due != NULL) {
		printf(", due ");
		cli_puts(stdout, now->due);
	}
	if (now->notes != NULL)
		printf(", with notes");
	printf("\n");
	risk_register_release(&after);
}

int
cmd_mitigation(const struct cli_cmd *c, struct cli_args *a)
{
	struct risk_register	 reg;
	const struct risk	*k;
	struct session		*s;
	struct model		*m;
	const struct risk_mitigation	*rm;
	struct risk_mitigation	 after;
	struct error		 e;
	char			*today;
	size_t			 i;
	int			 status = -1, rc = 1;

	if (a->status != NULL && (status = cli_word(&vocab_mitigation_status,
	    NULL, "--status", a->status)) == -1)
		return EXIT_USAGE;
	if (status == -1 && a->owner == NULL && a->due == NULL &&
	    a->notes == NULL) {
		fprintf(stderr, "parapet: mitigation: nothing to change (give "
		    "--status, --owner, --due or --notes)\n");
		return cli_usage(c);
	}
	/*
	 * A date of the right shape that is no day of the calendar
	 * (2027-02-30) is told so: "expected YYYY-MM-DD" would leave the
	 * user looking for a typo in the format.
	 */
	if (a->due != NULL && *a->due != '\0' && !risk_date_valid(a->due) &&
	    strlen(a->due) == 10 && strspn(a->due, "0123456789-") == 10 &&
	    a->due[4] == '-' && a->due[7] == '-') {
		if (strncmp(a->due + 5, "01", 2) < 0 ||
		    strncmp(a->due + 5, "12", 2) > 0)
			fprintf(stderr, "parapet: mitigation: no such date "
			    "'%s' for --due: there is no month %.2s (the "
			    "date is YYYY-MM-DD)\n", a->due, a->due + 5);
		else
			fprintf(stderr, "parapet: mitigation: no such date "
			    "'%s' for --due: %.7s has no day %.2s\n", a->due,
			    a->due, a->due + 8);
		return 1;
	}
	if ((s = risks_open(a, 0, &m, &reg)) == NULL)
		return 1;
	if ((k = risks_find(s, m, &reg, a->pos[1])) == NULL)
		goto out;
	if (store_decide_mitigation(s->store, m->system.id, k->threat,
	    k->target, k, a->pos[2], status, a->owner, a->due, a->notes,
	    STORE_SEEN_APPLIES, &e) == -1) {
		cli_fail(&e);
		if (strstr(e.msg, "someone else") != NULL) {
			risks_again(a);
			goto out;
		}
		/* A mitigation the risk lacks: say which it has. */
		if (risk_find_mitigation(k, a->pos[2]) == NULL &&
		    k->nmitigations > 0) {
			fprintf(stderr, "parapet: mitigation: the mitigations "
			    "of this risk are");
			for (i = 0; i < k->nmitigations; i++) {
				fprintf(stderr, "%s", i == 0 ? " " : ", ");
				cli_puts(stderr, k->mitigations[i].id);
			}
			fprintf(stderr, "\n");
		}
		goto out;
	}
	mitigation_said(s, m, k, a);
	risks_note_model_file("mitigation", s, m, a->pos[0]);
	/*
	 * A due date already past: overdue at once (a slip of the year?),
	 * on a risk still to be dealt with, as the register counts them.
	 */
	if (a->due != NULL && k->status != RISK_ACCEPTED &&
	    k->status != RISK_NOT_APPLICABLE &&
	    (rm = risk_find_mitigation(k, a->pos[2])) != NULL) {
		after = *rm;
		after.due = xstrdup(a->due);
		if (status != -1)
			after.status = status;
		today = store_now();
		if (risk_mitigation_overdue(&after, today))
			fprintf(stderr, "parapet: mitigation: note: %.10s is "
			    "already past; the mitigation is overdue\n", a->due);
		free(after.due);
		free(today);
	}
	rc = 0;
out:
	risk_register_release(&reg);
	model_free(m);
	session_close(s);
	return rc;
}

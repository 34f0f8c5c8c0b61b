/* cmd-export.c: parapet export DB --format FMT -- render a model. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "export/export.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "session/session.h"
#include "store/store-page.h"
#include "store/store-questions.h"
#include "store/store-report.h"
#include "store/store-stream.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/text.h"
#include "yaml/model-yaml.h"

void
cli_help_formats(void)
{
	size_t	i;

	printf("\nformats:\n");
	for (i = 0; i < nexporters; i++)
		cli_wrap(stdout, exporters[i].name, 16, exporters[i].help);
}

/* The names of the formats, for an error message. */
static void
export_names(struct buf *b)
{
	size_t	i;

	for (i = 0; i < nexporters; i++) {
		if (i > 0)
			buf_adds(b, i + 1 == nexporters ? " or " : ", ");
		buf_adds(b, exporters[i].name);
	}
}

/*
 * The format whose file extension (the exporters table's) a file name or
 * a word has ("md", "r.md"; "yml" as "yaml"), or NULL when none or two
 * have it (json): for a hint, never a guess.
 */
static const char *
export_usual(const char *w)
{
	const char	*dot, *found = NULL;
	size_t		 i;

	if (w == NULL)
		return NULL;
	if ((dot = strrchr(w, '.')) != NULL)
		w = dot + 1;
	if (strcasecmp(w, "yml") == 0)
		w = "yaml";
	for (i = 0; i < nexporters; i++) {
		if (strcasecmp(w, exporters[i].ext) != 0)
			continue;
		if (found != NULL)
			return NULL;
		found = exporters[i].name;
	}
	return found;
}

/*
 * A file whose name says another format than the one written (Markdown
 * into report.yaml, an easy slip in a pipeline) is written, with a note:
 * the screens ask, a command cannot. The usual other spellings pass.
 */
static void
export_note_ext(const struct exporter *x, const char *path)
{
	static const char *const alias[][2] = {
		{ "yaml", "yml" }, { "md", "markdown" }, { "sarif", "json" },
		{ "dot", "gv" },
	};
	const char	*slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t		 i;

	if (dot == NULL || (slash != NULL && dot < slash + 2) || dot == path ||
	    dot[1] == '\0' || strcasecmp(dot + 1, x->ext) == 0)
		return;
	for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
		if (strcmp(x->ext, alias[i][0]) == 0 &&
		    strcasecmp(dot + 1, alias[i][1]) == 0)
			return;
	fprintf(stderr, "parapet: export: note: '");
	cli_puts(stderr, path);
	fprintf(stderr, "' ends in .");
	cli_puts(stderr, dot + 1);
	fprintf(stderr, " but the format is %s (.%s); written all the same\n",
	    x->name, x->ext);
}

/*
 * A file for another tool (Threat Dragon, OTM, TM-BOM) goes without what
 * its format has no place for: say what of this model that is, so that
 * nobody hands it on believing it whole (parapet(1) lists it by format).
 */
static void
export_note_lost(const struct exporter *x, const struct export_input *in,
    const char *path)
{
	struct buf	b;

	if (x->lost == NULL || in->model == NULL || in->risks == NULL)
		return;
	buf_init(&b);
	if (x->lost(in, &b) > 0) {
		fprintf(stderr, "parapet: export: note: the %s format has no "
		    "place for ", x->name);
		cli_puts(stderr, b.s);
		if (path != NULL) {
			fprintf(stderr, ": '");
			cli_puts(stderr, path);
			fprintf(stderr, "' goes without them");
		} else
			fprintf(stderr, ": the output goes without them");
		fprintf(stderr, " (the yaml and xml exports keep them)\n");
	}
	buf_release(&b);
}

/* The next risk of the store's cursor, for export_input.next_risk. */
static const struct risk *
cmd_export_next(void *cursor, struct error *e)
{
	return store_risk_cursor_next(cursor, e);
}

/* The same from a stream of the whole model (EXPORT_STREAM). */
static const struct risk *
cmd_export_stream_risk(void *stream, struct error *e)
{
	return store_stream_next_risk(stream, e);
}

static const void *
cmd_export_stream_object(void *stream, int type, struct error *e)
{
	return store_stream_next_object(stream, type, e);
}

static const struct change *
cmd_export_stream_change(void *stream, struct error *e)
{
	return store_stream_next_change(stream, e);
}

/* The next open question kept with the model (EXPORT_REPORT). */
static const struct risk_question *
cmd_export_question(void *questions, struct error *e)
{
	return store_questions_next(questions, e);
}

/* The next component or flow of the report's model (EXPORT_REPORT). */
static const void *
cmd_export_report_object(void *report, int type, struct error *e)
{
	return store_report_next_object(report, type, e);
}

/* The next risk of the report, the caller's (EXPORT_REPORT). */
static struct risk *
cmd_export_report_risk(void *report, struct error *e)
{
	return store_risk_cursor_take(store_report_risks(report), e);
}

/* The next decision of the report's history, newest first (EXPORT_REPORT). */
static const struct change *
cmd_export_report_decision(void *report, struct error *e)
{
	return store_report_next_decision(report, e);
}

int
cmd_export(const struct cli_cmd *c, struct cli_args *a)
{
	const struct exporter	*x;
	struct export_input	 in;
	struct risk_register	 reg;
	struct session		*s;
	struct change		*hist = NULL;
	struct model		*m = NULL, *src = NULL;
	struct store_risk_cursor *cur = NULL;
	struct store_stream	*stream = NULL;
	struct store_report	*report = NULL;
	struct store_questions	*questions = NULL;
	struct error		 e;
	struct file_out		 fo;
	struct buf		 b;
	size_t			 nhist = 0;
	long			 nobj, ndecisions;
	char			*now = NULL, *svg = NULL, *file = NULL;
	int			 rc = 1;

	if (a->format == NULL) {
		buf_init(&b);
		export_names(&b);
		fprintf(stderr, "parapet: export: --format is required (%s)\n",
		    b.s);
		buf_release(&b);
		if (export_usual(a->output) != NULL) {
			fprintf(stderr, "parapet: export: for '");
			cli_puts(stderr, a->output);
			fprintf(stderr, "', give --format %s\n",
			    export_usual(a->output));
		}
		return cli_usage(c);
	}
	if ((x = export_find(a->format)) == NULL) {
		buf_init(&b);
		export_names(&b);
		fprintf(stderr, "parapet: export: unknown format '");
		cli_puts(stderr, a->format);
		if (export_usual(a->format) != NULL &&
		    strchr(a->format, '.') == NULL)
			fprintf(stderr, "' (did you mean '%s'?)\n",
			    export_usual(a->format));
		else
			fprintf(stderr, "' (expected %s)\n", b.s);
		buf_release(&b);
		return EXIT_USAGE;
	}
	if (a->output != NULL && strcmp(a->output, "-") != 0 &&
	    file_is_database(a->output, a->pos[0])) {
		fprintf(stderr, "parapet: export: refusing to write over the "
		    "database '");
		cli_puts(stderr, a->pos[0]);
		fprintf(stderr, "' (or one of its files): choose another "
		    "--output\n");
		return 1;
	}
	if ((s = cli_session(a, a->pos[0], STORE_READONLY)) == NULL)
		return 1;
	risk_register_init(&reg);
	buf_init(&b);
	memset(&in, 0, sizeof in);
	if (x->risks_from == EXPORT_RISKS_CURSOR && a->model_file == NULL) {
		/*
		 * The register straight from the store, one risk at a time in
		 * register order: neither the model nor the register is held,
		 * so memory does not grow with them.
		 */
		if ((cur = store_risk_cursor_open(s->store, a->model, &e)) ==
		    NULL) {
			cli_fail(&e);
			goto out;
		}
		now = store_now();
		in.cat = s->cat;
		in.generated_at = now;
		in.next_risk = cmd_export_next;
		in.risk_source = cur;
		goto write;
	}
	if (x->risks_from == EXPORT_STREAM && a->model_file == NULL) {
		/*
		 * The whole model, register and history one piece at a time
		 * in one read transaction: memory does not grow with them.
		 */
		if ((stream = store_stream_open(s->store, a->model, &e)) ==
		    NULL) {
			cli_fail(&e);
			goto out;
		}
		now = store_now();
		in.model = store_stream_model(stream);
		in.cat = s->cat;
		in.generated_at = now;
		in.next_risk = cmd_export_stream_risk;
		in.next_object = cmd_export_stream_object;
		in.next_change = cmd_export_stream_change;
		in.risk_source = stream;
		goto write;
	}
	if (x->risks_from == EXPORT_RISKS_DECISIONS && a->model_file == NULL) {
		/*
		 * The model one object at a time and only the risks that
		 * carry decisions, in one read transaction: memory grows with
		 * what people decided, not with the model.
		 */
		if ((stream = store_stream_open(s->store, a->model, &e)) ==
		    NULL || store_stream_decisions(stream, &reg, &e) == -1) {
			cli_fail(&e);
			goto out;
		}
		now = store_now();
		in.model = store_stream_model(stream);
		in.risks = &reg;
		in.cat = s->cat;
		in.generated_at = now;
		in.next_object = cmd_export_stream_object;
		in.risk_source = stream;
		goto write;
	}
	if (x->risks_from == EXPORT_REPORT && a->model_file == NULL) {
		/*
		 * The model's components and flows, and the register one risk
		 * at a time in the report's order, with every decision,
		 * in one read transaction: neither the model, the register
		 * nor the history is held.
		 */
		if ((report = store_report_open(s->store, a->model, &e)) ==
		    NULL || (ndecisions = store_report_ndecisions(report,
		    &e)) == -1) {
			cli_fail(&e);
			goto out;
		}
		/* The open questions found at the last edit, if kept. */
		questions = store_questions_open(s->store,
		    store_report_model(report)->system.id, &in.nquestions, &e);
		if (questions == NULL && error_isset(&e)) {
			cli_fail(&e);
			goto out;
		}
		if (questions != NULL) {
			in.next_question = cmd_export_question;
			in.question_source = questions;
		}
		/*
		 * Read whole when the report needs it so: for a diagram small
		 * enough for Graphviz to draw beside it (a small model, its
		 * size does not matter), or open questions to find again
		 * (none kept).
		 */
		if ((nobj = store_report_nobjects(report, &e)) == -1 ||
		    ((questions == NULL || nobj <= EXPORT_SVG_MAX_OBJECTS) &&
		    store_report_whole(report, &e) == -1)) {
			cli_fail(&e);
			goto out;
		}
		if (questions != NULL && nobj > EXPORT_SVG_MAX_OBJECTS)
			in.next_object = cmd_export_report_object;
		now = store_now();
		in.model = store_report_model(report);
		in.cat = s->cat;
		in.generated_at = now;
		in.take_risk = cmd_export_report_risk;
		in.risk_source = report;
		in.next_decision = cmd_export_report_decision;
		in.ndecisions = (size_t)ndecisions;
		goto write;
	}
	if ((m = store_load(s->store, a->model, &e)) == NULL ||
	    (x->risks_from == EXPORT_RISKS_DECISIONS ?
	    store_load_risk_states(s->store, m->system.id, &reg, &e) :
	    store_load_risks(s->store, m->system.id, &reg, &e)) == -1 ||
	    (x->history && store_history(s->store, m->system.id, NULL, &hist,
	    &nhist, &e) == -1)) {
		cli_fail(&e);
		goto out;
	}
	risk_register_sort(&reg);
	if (a->model_file != NULL) {
		/* Where each object is written, for sarif's locations. */
		if ((src = model_load_yaml(a->model_file, &e)) == NULL) {
			cli_fail(&e);
			goto out;
		}
		if (strcmp(src->system.id, m->system.id) != 0) {
			cli_failf("export: model file '%s' describes '%s', "
			    "not '%s'", a->model_file, src->system.id,
			    m->system.id);
			goto out;
		}
	} else if ((file = store_load_places(s->store, m, &e)) == NULL &&
	    error_isset(&e)) {
		/* Else where import recorded the objects (SARIF locations). */
		cli_fail(&e);
		goto out;
	}
	now = store_now();
	export_input_whole(&in, m, &reg, s->cat, hist, nhist, now);
	in.source_file = src != NULL ? a->model_file : file;
	in.source = src != NULL ? src : file != NULL ? m : NULL;
write:
	if (a->output != NULL && strcmp(a->output, "-") != 0) {
		if (export_write_file(x, &in, a->output, &svg, &e) == -1) {
			cli_fail(&e);
			goto out;
		}
	} else {
		/* Streamed: the writer hands its output over as it goes. */
		if (file_out_open(&fo, NULL, 0, &e) == -1) {
			cli_fail(&e);
			goto out;
		}
		buf_set_sink(&b, file_out_write, &fo);
		if (x->write(&in, &b, &e) == -1) {
			file_out_abort(&fo);
			cli_fail(&e);
			goto out;
		}
		buf_flush(&b);
		if (file_out_commit(&fo, &e) == -1) {
			cli_failf("cannot write the export to standard output");
			goto out;
		}
	}
	if (a->output != NULL && strcmp(a->output, "-") != 0)
		export_note_ext(x, a->output);
	export_note_lost(x, &in, a->output != NULL &&
	    strcmp(a->output, "-") != 0 ? a->output : NULL);
	if (svg != NULL) {
		/* A file the user did not name: say where it went. */
		fprintf(stderr, "parapet: export: note: the report's data-flow "
		    "diagram is in ");
		cli_puts(stderr, svg);
		fputs(", beside it\n", stderr);
	}
	rc = 0;
out:
	store_risk_cursor_close(cur);
	store_stream_close(stream);
	store_questions_close(questions);
	store_report_close(report);
	free(svg);
	free(file);
	free(now);
	buf_release(&b);
	changes_free(hist, nhist);
	risk_register_release(&reg);
	model_free(m);
	model_free(src);
	session_close(s);
	return rc;
}

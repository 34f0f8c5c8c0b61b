/* cmd-new.c: parapet new / templates -- start a model. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "model/history.h"
#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/start.h"
#include "yaml/model-yaml.h"

static int
new_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of the templates (without .yaml), sorted; the caller frees all. */
static char **
new_templates(size_t *n)
{
	struct dirent	 *d;
	char		**v = NULL;
	size_t		  len;
	DIR		 *dir;

	*n = 0;
	if ((dir = opendir(paths_templates())) == NULL)
		return NULL;
	while ((d = readdir(dir)) != NULL) {
		len = strlen(d->d_name);
		if (len <= 5 || d->d_name[0] == '.' ||
		    strcmp(d->d_name + len - 5, ".yaml") != 0)
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(d->d_name, len - 5);
	}
	closedir(dir);
	if (*n > 1)
		qsort(v, *n, sizeof *v, new_cmp);
	return v;
}

/*
 * Report a template name that is not one: the nearest name, else those that
 * contain the word, else all of them. Never the internal path.
 */
static void
new_no_template(const char *name)
{
	const char	*near;
	char		**v;
	size_t		  n, i, hits = 0;
	struct buf	  b;

	buf_init(&b);
	v = new_templates(&n);
	v = xreallocarray(v, n + 1, sizeof *v);
	v[n] = NULL;
	if ((near = text_suggest(name, (const char *const *)v)) != NULL)
		buf_addf(&b, "did you mean '%s'?", near);
	for (i = 0; near == NULL && i < n; i++)
		if (strstr(v[i], name) != NULL)
			buf_addf(&b, "%s'%s'", hits++ == 0 ? "did you mean " :
			    " or ", v[i]);
	if (near == NULL && hits > 0)
		buf_adds(&b, "?");
	if (near == NULL && hits == 0) {
		buf_adds(&b, "templates:");
		for (i = 0; i < n; i++)
			buf_addf(&b, " %s", v[i]);
	}
	fprintf(stderr, "parapet: new: no template '");
	cli_puts(stderr, name);
	fprintf(stderr, "' (%s)\n", b.s);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	buf_release(&b);
}

int
cmd_templates(const struct cli_cmd *c, struct cli_args *a)
{
	struct model	 *m;
	struct error	  e;
	char		**v, *path, *what;
	size_t		  n, i, w = 0;

	(void)c;
	(void)a;
	if ((v = new_templates(&n)) == NULL || n == 0) {
		free(v);
		return cli_failf("no templates in '%s'", paths_templates());
	}
	/* Names in a column as wide as the longest, so none runs on. */
	for (i = 0; i < n; i++)
		if (strlen(v[i]) > w)
			w = strlen(v[i]);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s.yaml", paths_templates(), v[i]);
		printf("%-*s  ", (int)w, v[i]);
		/* What it is (its first comment line, as the screens
		 * show it), else its system's name. */
		if ((m = model_load_yaml(path, &e)) != NULL) {
			what = start_template_summary(path);
			cli_puts(stdout, what != NULL ? what : m->system.name);
			free(what);
			printf(" (%zu components, %zu flows)", m->ncomponents,
			    m->nflows);
			model_free(m);
		} else
			printf("(cannot be read: run 'parapet new' on it to "
			    "see why)");
		printf("\n");
		free(path);
		free(v[i]);
	}
	free(v);
	return 0;
}

/* The history source of a model made from the template file path. */
static char *
template_source(const char *path)
{
	const char	*base = strrchr(path, '/');
	char		*name, *src;
	size_t		 n;

	name = xstrdup(base != NULL ? base + 1 : path);
	n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ".yaml") == 0)
		name[n - 5] = '\0';
	src = xasprintf(HISTORY_TEMPLATE_SOURCE, name);
	free(name);
	return src;
}

int
cmd_new(const struct cli_cmd *c, struct cli_args *a)
{
	struct session_summary	 sum;
	struct session		*s = NULL;
	struct model		*m = NULL;
	struct error		 e;
	char			*path = NULL, *shown, *src = NULL;
	size_t			 len;
	int			 rc = 1, exists, saved;

	if (a->template == NULL && (a->id == NULL || a->name == NULL)) {
		fprintf(stderr, "parapet: new: give --template NAME (see "
		    "'parapet templates'), or --id and --name for a blank "
		    "model\n");
		return cli_usage(c);
	}
	if (cli_model_file_as_db("new", a->pos[0]))
		return cli_usage(c);
	if (a->id != NULL && !id_valid(a->id)) {
		fprintf(stderr, "parapet: new: invalid id '");
		cli_puts(stderr, a->id);
		fprintf(stderr, "' (use a-z, 0-9, '.', '_' and '-', starting "
		    "with a letter or digit)\n");
		return EXIT_USAGE;
	}
	if (a->template != NULL) {
		len = strlen(a->template);
		if (strchr(a->template, '/') != NULL)
			path = xstrdup(a->template);
		else if (len > 5 && strcmp(a->template + len - 5, ".yaml") == 0)
			path = xasprintf("%s/%s", paths_templates(),
			    a->template);
		else
			path = xasprintf("%s/%s.yaml", paths_templates(),
			    a->template);
		if (strchr(a->template, '/') == NULL &&
		    access(path, F_OK) != 0) {
			new_no_template(a->template);
			rc = EXIT_USAGE;
			goto out;
		}
		if ((m = model_load_yaml(path, &e)) == NULL) {
			cli_fail(&e);
			goto out;
		}
	} else {
		m = model_new();
		m->system.id = xstrdup(a->id);
		m->system.name = xstrdup(a->name);
	}
	if (a->id != NULL) {
		free(m->system.id);
		m->system.id = xstrdup(a->id);
	}
	if (a->name != NULL) {
		free(m->system.name);
		m->system.name = xstrdup(a->name);
	}
	if (model_index(m, NULL, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	if ((s = cli_session(a, a->pos[0], STORE_CREATE)) == NULL)
		goto out;
	/*
	 * Whether the model exists is asked once no other writer of it is
	 * under way: of two made at once, the second is refused as existing,
	 * never saved over the first.
	 */
	if (store_transaction(s->store, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	if (store_transaction_system(s->store, m->system.id, &e) == -1 ||
	    (exists = store_exists(s->store, m->system.id, &e)) == -1) {
		store_transaction_rollback(s->store);
		cli_fail(&e);
		goto out;
	}
	if (exists) {
		store_transaction_rollback(s->store);
		shown = store_display(a->pos[0]);	/* no password */
		fprintf(stderr, "parapet: new: a model '");
		cli_puts(stderr, m->system.id);
		fprintf(stderr, "' already exists in ");
		cli_puts(stderr, shown);
		fprintf(stderr, " (give the new one another --id)\n");
		free(shown);
		goto out;
	}
	/*
	 * A model from a template is its example until someone changes it:
	 * history says so, and the TUI's walk-through asks to confirm it.
	 */
	if (a->template != NULL) {
		src = template_source(path);
		store_set_source(s->store, src);
	}
	saved = session_save(s, m, 0, &sum, &e);
	store_set_source(s->store, NULL);
	free(src);
	if (saved == -1) {
		store_transaction_rollback(s->store);
		cli_fail(&e);
		goto out;
	}
	if (store_transaction_commit(s->store, &e) == -1) {
		cli_fail(&e);
		goto out;
	}
	printf("created '");
	cli_puts(stdout, m->system.id);
	shown = store_display(a->pos[0]);
	printf("' in %s\n", shown);
	cli_print_summary(&sum);
	/*
	 * A blank model has nothing for the catalogue to read: "0 risks
	 * apply" alone reads as a verdict, not as a system still to draw.
	 */
	if (a->template == NULL && m->ncomponents == 0) {
		const char	*q = shown[strspn(shown, "abcdefghijklmnopqrstu"
		    "vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:=@+-")] ==
		    '\0' || strchr(shown, '\'') != NULL ? "" : "'";

		/* As the user would type it: quoted if it has a space. */
		printf("next: draw its trust boundaries, components and data "
		    "flows in the screens (parapet %s%s%s), or write them in "
		    "a model file and import it (parapet import MODEL %s%s%s; "
		    "see parapet-model(5)); risks come from them\n", q,
		    shown, q, q, shown, q);
	}
	free(shown);
	rc = 0;
out:
	free(path);
	model_free(m);
	session_close(s);
	return rc;
}

/* screen-export.c: export the open model to any format of the exporters
 * table, written atomically to a file the user names. */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "model/history.h"
#include "model/model.h"
#include "session/session.h"
#include "store/store.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/file.h"
#include "util/xmalloc.h"

struct export_screen {
	struct vlist		 list;		/* data: struct exporter */
	int			 listh;
	const struct exporter	*x;		/* the format being written */
	char			*warned;	/* the name whose extension was
						   questioned, or NULL */
};

static const enum kctx export_keys[] = { KCTX_EXPORT, KCTX_MODEL,
    KCTX_LIST, KCTX_GLOBAL, KCTX_END };
static const struct key_hint export_hint[] = {
	KEY_HINT(ACT_OPEN),
	KEY_HINT(ACT_BACK),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* The name column, and where the descriptions start. */
#define EXPORT_NAMEW	13
#define EXPORT_HELPX	(2 + EXPORT_NAMEW + 9)

/* The formats of the exporters table, one a line. */
static void
export_draw(struct tui *t, struct screen *s)
{
	struct export_screen	*es = s->data;
	struct vlines		 help;
	struct vline		*v;
	char			*text;
	size_t			 i, j;
	int			 y = tui_body_top(t);

	vlist_clear(&es->list);
	vlines_addf(&es->list.lines, VS_HEADING, "Export the model, its risk "
	    "register and history");
	vlines_addf(&es->list.lines, VS_DIM, "Choose a format; Parapet asks "
	    "for the file name and writes it atomically.");
	vlines_add(&es->list.lines);
	/*
	 * Name, extension, and the description wrapped under itself: at 80
	 * columns "threat-dragon" and the longer descriptions were cut.
	 */
	for (i = 0; i < nexporters; i++) {
		v = vlist_item(&es->list, &exporters[i]);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_HEADING, exporters[i].name, EXPORT_NAMEW);
		vline_addf(v, VS_DIM, " .%-6s ", exporters[i].ext);
		vlines_init(&help);
		vlines_wrap(&help, VS_NORMAL, exporters[i].help, t->cols -
		    EXPORT_HELPX - 2, 0);
		for (j = 0; j < help.n; j++) {
			text = vline_plain(&help.v[j]);
			if (j > 0) {
				v = vlines_add(&es->list.lines);
				vline_addf(v, VS_NORMAL, "%*s", EXPORT_HELPX,
				    "");
			}
			vline_add(v, VS_NORMAL, text);
			free(text);
		}
		vlines_release(&help);
	}
	vlist_fix(&es->list);
	es->listh = tui_body_height(t);
	draw_list(t, &es->list, y, 0, es->listh, t->cols, 1);
	tui_hint(t, s, export_hint);
}

/* The extension of a file name ("" when none). */
static const char *
export_ext(const char *path)
{
	const char	*slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot == NULL || (slash != NULL && dot < slash) || dot == path ||
	    (slash != NULL && dot == slash + 1))
		return "";
	return dot + 1;
}

/*
 * The file a name typed at the prompt means: ~/ is the home directory (a
 * shell would say so, and users type it), and a directory gets the file
 * name proposed for the model inside it. The caller frees it.
 */
static char *
export_path(const struct tui *t, const struct exporter *x, const char *name)
{
	const char	*home = getenv("HOME");
	char		*path, *dir;
	struct stat	 st;
	size_t		 len;

	if (home != NULL && *home != '\0' && name[0] == '~' &&
	    (name[1] == '\0' || name[1] == '/'))
		path = xasprintf("%s%s", home, name + 1);
	else
		path = xstrdup(name);
	if (t->m != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		dir = path;
		len = strlen(dir);
		path = xasprintf("%s%s%s.%s", dir, len > 0 &&
		    dir[len - 1] == '/' ? "" : "/", t->m->system.id, x->ext);
		free(dir);
	}
	return path;
}

/*
 * Say what a file for another tool goes without (x->lost's sentence), as
 * 'parapet export' does, so that nobody hands it on believing it whole. The
 * status line takes TUI_STATUS_MAX rows at most: a list too long for them
 * at this width is counted instead of cut.
 */
static void
export_lost_message(struct tui *t, const struct exporter *x, const char *path,
    long len, const struct buf *lost, size_t nlost)
{
	struct vlines	 ls;
	char		*s[2];
	size_t		 i, rows;

	/* Shorter for a longer list: the size, then the yaml and xml go. */
	s[0] = xasprintf("exported %s to '%s' (%ld bytes) without %s: the "
	    "format has no place for them (the yaml and xml exports keep "
	    "them)", x->name, path, len, lost->s);
	s[1] = xasprintf("exported %s to '%s' without %s: the format has no "
	    "place for them", x->name, path, lost->s);
	for (i = 0; i < 2; i++) {
		vlines_init(&ls);
		vlines_wrap(&ls, VS_OK, s[i], t->cols, 0);
		rows = ls.n;
		vlines_release(&ls);
		if (rows <= TUI_STATUS_MAX)
			break;
	}
	if (i < 2)
		tui_message(t, "%s", s[i]);
	else
		tui_message(t, "exported %s to '%s' (%ld bytes); it goes "
		    "without %zu kinds of what this model holds, which the %s "
		    "format has no place for ('parapet export --format %s' "
		    "names them; the yaml and xml exports keep them)", x->name,
		    path, len, nlost, x->name, x->name);
	free(s[0]);
	free(s[1]);
}

/* Write the export to the file named; keep the prompt on failure. */
static int
export_done(struct tui *t, void *arg, const char *name)
{
	struct export_screen	*es = arg;
	const struct exporter	*x = es->x;
	struct export_input	 in;
	struct buf		 lost;
	struct change		*h = NULL;
	struct error		 err;
	const char		*ext;
	size_t			 nh = 0, nlost;
	char			*now, *svg = NULL, *path;
	long			 len;
	int			 rc = -1;

	if (*name == '\0') {
		tui_errorf(t, "a file name is needed");
		return -1;
	}
	path = export_path(t, x, name);
	/* A name that says another format is asked about once. */
	ext = export_ext(path);
	if (strcmp(ext, x->ext) != 0 && (es->warned == NULL ||
	    strcmp(es->warned, path) != 0)) {
		free(es->warned);
		es->warned = xstrdup(path);
		tui_errorf(t, "'%s' %s%s but the format is %s (.%s): %s "
		    "again to write it anyway", path, *ext != '\0' ?
		    "ends in ." : "has no extension", ext, x->name, x->ext,
		    keys_key(ACT_OPEN, KCTX_PROMPT));
		free(path);
		return -1;
	}
	free(es->warned);
	es->warned = NULL;
	if (t->m == NULL) {
		free(path);
		return 0;
	}
	/* The model whole first: read again, it comes with a new register. */
	(void)tui_model(t);
	error_clear(&err);
	if (x->history && store_history(t->s->store, t->m->system.id, NULL,
	    &h, &nh, &err) == -1) {
		tui_error(t, &err);
		free(path);
		return 0;
	}
	now = store_now();
	export_input_whole(&in, t->m, tui_risks(t), tui_catalogue(t), h, nh,
	    now);
	if ((len = export_write_file(x, &in, path, &svg, &err)) != -1) {
		/*
		 * A file for another tool says what of this model it goes
		 * without, as 'parapet export' does, so that nobody hands it
		 * on believing it whole.
		 */
		buf_init(&lost);
		if (x->lost != NULL && in.model != NULL && in.risks != NULL &&
		    (nlost = x->lost(&in, &lost)) > 0)
			export_lost_message(t, x, path, len, &lost, nlost);
		else if (svg != NULL)
			tui_message(t, "exported %s to '%s' (%ld bytes), the "
			    "diagram to '%s'", x->name, path, len, svg);
		else
			tui_message(t, "exported %s to '%s' (%ld bytes)",
			    x->name, path, len);
		buf_release(&lost);
		rc = 0;
	} else
		tui_error(t, &err);
	free(svg);
	free(path);
	changes_free(h, nh);
	free(now);
	/* A file that cannot be written keeps the prompt open to fix it. */
	return rc;
}

/* Enter asks for a file name for the selected format. */
static enum tui_next
export_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct export_screen	*es = s->data;
	const struct exporter	*x;
	enum tui_next		 next;
	char			*name, *title;

	(void)key;
	if ((next = tui_list_key(t, &es->list, a, es->listh)) != TUI_NONE)
		return next;
	if (a != ACT_OPEN)
		return TUI_NONE;
	if ((x = vlist_selected(&es->list)) == NULL)
		return TUI_REDRAW;
	es->x = x;
	free(es->warned);
	es->warned = NULL;
	name = xasprintf("%s.%s", t->m->system.id, x->ext);
	title = xasprintf("Export %s to the file", x->name);
	next = tui_prompt(t, title, "A relative name is in the directory "
	    "Parapet was started from, ~/ in your home; a directory gets this "
	    "name inside it; an existing file is replaced; the file is "
	    "readable by you only (mode 0600).", name, export_done,
	    es, NULL);
	free(title);
	free(name);
	return next;
}

static void
export_free(struct screen *s)
{
	struct export_screen	*es = s->data;

	vlist_release(&es->list);
	free(es->warned);
	free(es);
}

static const struct screen_ops export_ops = {
	.name = "Export",
	.keys = export_keys,
	.draw = export_draw,
	.key = export_key,
	.free = export_free,
};

struct screen *
screen_export_new(struct tui *t)
{
	struct export_screen	*es = xcalloc(1, sizeof *es);

	(void)t;
	vlist_init(&es->list);
	return screen_new(&export_ops, es);
}

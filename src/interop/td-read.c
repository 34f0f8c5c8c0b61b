/*
 * td-read.c: OWASP Threat Dragon v2 JSON models into format 1 (see
 * interop.h for the mapping, what is lost and the notes).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "interop/interop-int.h"
#include "interop/interop.h"
#include "interop/jdoc.h"
#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

/* A trust-boundary box of a diagram. */
struct td_box {
	double		 x, y, w, h;
	struct boundary	*b;
};

struct td {
	struct jread		 jr;		/* how errors are reported */
	const char		*file;
	struct error		*err;
	struct import_notes	*notes;
	struct model		*m;
	struct strmap		 cells;		/* cell id -> component */
	struct interop_ids	 ids;		/* ids taken */
	struct interop_strings	  keys;		/* owned keys of cells */
	struct td_box		*boxes;
	size_t			  nboxes;
	double			 *cx, *cy;	/* component centres */
	size_t			  ncentres;
	size_t			  nprocess, nstore, nflows, nthreats;
	size_t			  ndecided;	/* threats not Open */
	size_t			  ncurves, nother, nloose;
};

/*
 * Count an element's threats, and those a person decided (a status other
 * than Open): their decisions are not carried over either, and the note
 * says so, so that nobody takes the imported model as decided.
 */
static void
td_count_threats(struct td *td, struct jnode *threats)
{
	const char	*st;
	size_t		 i;

	td->nthreats += jnode_size(threats);
	for (i = 0; i < jnode_size(threats); i++) {
		st = jnode_string(jnode_get(jnode_at(threats, i), "status"));
		td->ndecided += st != NULL && *st != '\0' &&
		    strcasecmp(st, "Open") != 0;
	}
}

/* The id of an element: its cell id when that is a Parapet id. */
static char *
td_cell_id(struct td *td, const char *cellid, const char *name,
    const char *prefix)
{
	return interop_id_keep(&td->ids, cellid, name, prefix);
}

/* The name of a cell: data.name, else the label attrs.text.text. */
static const char *
td_cell_name(struct jnode *cell, struct jnode *data)
{
	const char	*s = jnode_string(jnode_get(data, "name"));

	if (s != NULL && *s != '\0')
		return s;
	s = jnode_string(jnode_get(jnode_get(jnode_get(cell, "attrs"),
	    "text"), "text"));
	return s != NULL && *s != '\0' ? s : NULL;
}

/* Position and size of a cell (0 when absent). */
static void
td_geometry(struct jnode *cell, double *x, double *y, double *w, double *h)
{
	struct jnode	*pos = jnode_get(cell, "position");
	struct jnode	*size = jnode_get(cell, "size");

	*x = jnode_number(jnode_get(pos, "x"));
	*y = jnode_number(jnode_get(pos, "y"));
	*w = jnode_number(jnode_get(size, "width"));
	*h = jnode_number(jnode_get(size, "height"));
}

/* An actor, process or store: a component. */
static int
td_element(struct td *td, struct jnode *cell, struct jnode *data,
    const char *path, const char *shape, const char *cellid)
{
	struct component	*c;
	const char		*name, *desc, *dot;
	struct jnode		*threats;
	double			 x, y, w, h;
	char			*id, *word;
	int			 kind, k;

	if (jread_text(&td->jr, data, path, "description", 0, &desc) == -1 ||
	    jread_member(&td->jr, data, path, "threats", JT_ARRAY, 0,
	    &threats) == -1)
		return -1;
	if (strcmp(shape, "actor") == 0)
		kind = KIND_USER;
	else if (strcmp(shape, "process") == 0) {
		kind = KIND_APPLICATION;
		td->nprocess++;
	} else {
		kind = KIND_DATASTORE;
		td->nstore++;
	}
	/* "Parapet kind: K." opens the descriptions Parapet writes. */
	if (desc != NULL && strncmp(desc, "Parapet kind: ", 14) == 0 &&
	    (dot = strchr(desc + 14, '.')) != NULL) {
		word = xstrndup(desc + 14, (size_t)(dot - desc - 14));
		if ((k = vocab_find(&vocab_kind, word)) != -1) {
			if (kind == KIND_APPLICATION)
				td->nprocess--;
			else if (kind == KIND_DATASTORE)
				td->nstore--;
			kind = k;
			desc = dot[1] == '\n' ? dot + 2 : dot + 1;
			if (*desc == '\0')
				desc = NULL;
		}
		free(word);
	}
	name = td_cell_name(cell, data);
	id = td_cell_id(td, cellid, name, shape);
	c = model_add_component(td->m, id, kind);
	c->name = interop_name(name != NULL ? name : id);
	if (desc != NULL)
		c->description = xstrdup(desc);
	if (kind == KIND_DATASTORE && jnode_true(jnode_get(data,
	    "storesCredentials")))
		c->confidential_data = TRI_YES;
	if (jnode_true(jnode_get(data, "outOfScope")))
		import_notes_add(td->notes, "'%s' is out of scope in Threat "
		    "Dragon: imported as component '%s'; remove it if it "
		    "should not be analysed", c->name, id);
	td_count_threats(td, threats);
	strmap_put(&td->cells, interop_keep(&td->keys, cellid), c);
	td_geometry(cell, &x, &y, &w, &h);
	td->cx = xreallocarray(td->cx, td->ncentres + 1, sizeof *td->cx);
	td->cy = xreallocarray(td->cy, td->ncentres + 1, sizeof *td->cy);
	td->cx[td->ncentres] = x + w / 2;
	td->cy[td->ncentres++] = y + h / 2;
	free(id);
	return 0;
}

/* A trust-boundary box: a boundary, members found by geometry later. */
static int
td_box(struct td *td, struct jnode *cell, struct jnode *data,
    const char *path, const char *cellid)
{
	struct td_box	*bx;
	const char	*name, *desc;
	char		*id;

	if (jread_text(&td->jr, data, path, "description", 0, &desc) == -1)
		return -1;
	name = td_cell_name(cell, data);
	id = td_cell_id(td, cellid, name, "boundary");
	td->boxes = xreallocarray(td->boxes, td->nboxes + 1,
	    sizeof *td->boxes);
	bx = &td->boxes[td->nboxes++];
	td_geometry(cell, &bx->x, &bx->y, &bx->w, &bx->h);
	bx->b = model_add_boundary(td->m, id);
	bx->b->name = interop_name(name != NULL ? name : id);
	if (desc != NULL)
		bx->b->description = xstrdup(desc);
	free(id);
	return 0;
}

/* A flow between two elements; NULL end cells make it a note. */
static int
td_flow(struct td *td, struct jnode *cell, struct jnode *data,
    const char *path, const char *cellid)
{
	struct component	*from, *to;
	struct flow		*fl;
	struct jnode		*threats, *enc;
	const char		*name, *desc, *proto, *src, *dst;
	char			*id;

	if (jread_text(&td->jr, data, path, "description", 0, &desc) == -1 ||
	    jread_text(&td->jr, data, path, "protocol", 0, &proto) == -1 ||
	    jread_member(&td->jr, data, path, "threats", JT_ARRAY, 0,
	    &threats) == -1)
		return -1;
	td_count_threats(td, threats);
	name = td_cell_name(cell, data);
	src = jnode_string(jnode_get(jnode_get(cell, "source"), "cell"));
	dst = jnode_string(jnode_get(jnode_get(cell, "target"), "cell"));
	from = src != NULL ? strmap_get(&td->cells, src) : NULL;
	to = dst != NULL ? strmap_get(&td->cells, dst) : NULL;
	if (from == NULL || to == NULL || from == to) {
		td->nloose++;
		import_notes_add(td->notes, "flow '%s' not imported: %s",
		    name != NULL ? name : "(unnamed)", from == NULL ||
		    to == NULL ? "an end is not attached to an actor, process "
		    "or store" : "it goes from an element to itself");
		return 0;
	}
	id = td_cell_id(td, cellid, name, "flow");
	fl = model_add_flow(td->m, id, from->id, to->id);
	if (name != NULL)
		fl->name = interop_name(name);
	if (desc != NULL || proto != NULL)
		fl->description = xasprintf("%s%s%s%s", desc != NULL ? desc :
		    "", desc != NULL && proto != NULL ? "\n" : "",
		    proto != NULL ? "Protocol: " : "", proto != NULL ? proto :
		    "");
	if ((enc = jnode_get(data, "isEncrypted")) != NULL &&
	    jnode_type(enc) == JT_BOOL)
		fl->encrypted = jnode_true(enc) ? TRI_YES : TRI_NO;
	td->nflows++;
	free(id);
	return 0;
}

/* One pass over the cells of a diagram: elements (0) or flows (1). */
static int
td_cells(struct td *td, struct jnode *cells, const char *dpath, int flows)
{
	struct jnode	*cell, *data;
	const char	*shape, *cellid;
	char		*path;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < jnode_size(cells) && rc == 0; i++) {
		cell = jnode_at(cells, i);
		path = xasprintf("%s.cells[%zu]", dpath, i);
		if (jnode_type(cell) != JT_OBJECT) {
			rc = jread_fail(&td->jr, cell, path,
			    "a cell must be an object, not %s",
			    jtype_name(jnode_type(cell)));
			free(path);
			break;
		}
		shape = jnode_string(jnode_get(cell, "shape"));
		cellid = jnode_string(jnode_get(cell, "id"));
		if (shape == NULL || cellid == NULL)
			rc = jread_fail(&td->jr, cell, path,
			    "'%s' is missing or not a string",
			    shape == NULL ? "shape" : "id");
		else if ((data = jnode_get(cell, "data")) != NULL &&
		    jnode_type(data) != JT_OBJECT)
			rc = jread_fail(&td->jr, cell, path,
			    "'data' must be an object, not %s",
			    jtype_name(jnode_type(data)));
		else if (flows) {
			if (strcmp(shape, "flow") == 0)
				rc = td_flow(td, cell, data, path, cellid);
		} else if (strcmp(shape, "actor") == 0 ||
		    strcmp(shape, "process") == 0 ||
		    strcmp(shape, "store") == 0) {
			if (strmap_get(&td->cells, cellid) != NULL)
				rc = jread_fail(&td->jr, jnode_get(cell, "id"),
				    path, "cell id '%s' is used twice", cellid);
			else
				rc = td_element(td, cell, data, path, shape,
				    cellid);
		} else if (strcmp(shape, "trust-boundary-box") == 0)
			rc = td_box(td, cell, data, path, cellid);
		else if (strstr(shape, "boundary") != NULL)
			td->ncurves++;
		else if (strcmp(shape, "flow") != 0)
			td->nother++;
		free(path);
	}
	return rc;
}

/* Each component in the smallest box that holds its centre. */
static void
td_members(struct td *td)
{
	const struct td_box	*bx, *best;
	size_t			 i, j;

	for (i = 0; i < td->m->ncomponents && i < td->ncentres; i++) {
		best = NULL;
		for (j = 0; j < td->nboxes; j++) {
			bx = &td->boxes[j];
			if (td->cx[i] < bx->x || td->cx[i] > bx->x + bx->w ||
			    td->cy[i] < bx->y || td->cy[i] > bx->y + bx->h)
				continue;
			if (best == NULL || bx->w * bx->h < best->w * best->h)
				best = bx;
		}
		if (best != NULL)
			td->m->components[i]->boundary =
			    xstrdup(best->b->id);
	}
}

/* What the user should do next, and what was left out. */
static void
td_notes(struct td *td)
{
	struct import_notes	*n = td->notes;

	interop_note_apps(n, td->nprocess, "process", "processes", "");
	interop_note_stores(n, td->nstore, "store", "stores");
	interop_note_flows(n, td->nflows, "", " and authenticated");
	interop_note_trust(n, td->nboxes, "trust boundary",
	    "trust boundaries");
	if (td->ncurves > 0)
		import_notes_add(n, "%zu trust-boundary line%s not imported: "
		    "format 1 boundaries hold components; set each "
		    "component's boundary", td->ncurves, td->ncurves == 1 ?
		    "" : "s");
	if (td->nthreats > 0)
		import_notes_add(n, "%zu Threat Dragon threat%s not imported: "
		    "Parapet raises its risks from its catalogue",
		    td->nthreats, td->nthreats == 1 ? "" : "s");
	if (td->ndecided > 0)
		import_notes_add(n, "%zu of them had a status other than Open "
		    "in Threat Dragon (Mitigated, Accepted, ...): not carried "
		    "over: record those decisions on Parapet's risks ('parapet "
		    "risk')",
		    td->ndecided);
	if (td->nother > 0)
		import_notes_add(n, "%zu other shape%s (text and the like) "
		    "not imported", td->nother, td->nother == 1 ? "" : "s");
}

/* Read a parsed Threat Dragon v2 document. */
static struct model *
td_model(struct td *td, struct jnode *root)
{
	struct jnode	*version, *summary, *detail, *diagrams, *dg, *cells;
	const char	*title, *owner, *desc;
	char		*path, *id;
	size_t		 i;
	int		 pass;

	if (jnode_type(root) != JT_OBJECT) {
		jread_fail(&td->jr, root, "$",
		    "a Threat Dragon model is an object, not %s",
		    jtype_name(jnode_type(root)));
		return NULL;
	}
	if (jread_member(&td->jr, root, "$", "version", JT_STRING, 0,
	    &version) == -1)
		return NULL;
	if (version == NULL || strncmp(jnode_string(version), "2", 1) != 0) {
		jread_fail(&td->jr, version != NULL ? version : root,
		    "$.version", "%s: only Threat Dragon v2 models are read "
		    "(open a v1 model in Threat Dragon 2 and save it)",
		    version == NULL ? "missing" : "not 2.x");
		return NULL;
	}
	if (jread_member(&td->jr, root, "$", "summary", JT_OBJECT, 1,
	    &summary) == -1 || jread_member(&td->jr, summary, "$.summary",
	    "title", JT_STRING, 1, &version) == -1 ||
	    jread_text(&td->jr, summary, "$.summary", "title", 0,
	    &title) == -1 || jread_text(&td->jr, summary, "$.summary",
	    "owner", 0, &owner) == -1 || jread_text(&td->jr, summary,
	    "$.summary", "description", 0, &desc) == -1 ||
	    jread_member(&td->jr, root, "$", "detail", JT_OBJECT, 1,
	    &detail) == -1 || jread_member(&td->jr, detail, "$.detail",
	    "diagrams", JT_ARRAY, 1, &diagrams) == -1)
		return NULL;
	if (title == NULL) {
		jread_fail(&td->jr, jnode_get(summary, "title"),
		    "$.summary.title",
		    "empty: a Threat Dragon model needs a title");
		return NULL;
	}
	td->m = model_new();
	id = interop_id_from_name(&td->ids, title,
	    "threat-dragon-model");
	td->m->system.id = id;
	td->m->system.name = interop_name(title);
	td->m->system.owner = owner != NULL ? xstrdup(owner) : NULL;
	td->m->system.description = desc != NULL ? xstrdup(desc) : NULL;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < jnode_size(diagrams); i++) {
			dg = jnode_at(diagrams, i);
			path = xasprintf("$.detail.diagrams[%zu]", i);
			if (jnode_type(dg) != JT_OBJECT) {
				jread_fail(&td->jr, dg, path,
				    "a diagram must be an object, not %s",
				    jtype_name(jnode_type(dg)));
				free(path);
				return NULL;
			}
			if (jread_member(&td->jr, dg, path, "cells",
			    JT_ARRAY, 0, &cells) == -1 || td_cells(td, cells,
			    path, pass) == -1) {
				free(path);
				return NULL;
			}
			free(path);
		}
	td_members(td);
	if (model_index(td->m, td->file, td->err) == -1)
		return NULL;
	td_notes(td);
	return td->m;
}

struct model *
td_read(struct jdoc *doc, const char *file, struct import_notes *notes,
    struct error *err)
{
	struct model	*m;
	struct td	 td;

	memset(&td, 0, sizeof td);
	td.file = file;
	td.err = err;
	td.notes = notes;
	jread_init(&td.jr, doc, file, "a Threat Dragon v2 model", err);
	strmap_init(&td.cells);
	interop_ids_init(&td.ids);
	interop_strings_init(&td.keys);
	m = td_model(&td, jdoc_root(doc));
	if (m == NULL)
		model_free(td.m);
	strmap_release(&td.cells);
	interop_ids_release(&td.ids);
	interop_strings_release(&td.keys);
	free(td.boxes);
	free(td.cx);
	free(td.cy);
	return m;
}

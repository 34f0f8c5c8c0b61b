/*
 * td-write.c: the model as an OWASP Threat Dragon v2 JSON model, valid
 * against Threat Dragon's schema (threat-dragon-v2.schema.json), with the
 * risks that apply as threats on their elements.
 *
 * One diagram. Users and operators are actors; datasets, data sources,
 * vector stores, model registries and datastores are stores; every other
 * component is a process (its Parapet kind is said in its description).
 * Each boundary is a trust-boundary box, drawn as a column holding its
 * components one under the other; components outside any boundary stand in
 * a last column; flows connect their cells. The layout is a grid, so it is
 * the same for the same model, and nothing overlaps.
 *
 * A risk becomes a threat of its component or flow (risks about the system
 * or a boundary go on the first element, as Threat Dragon has no place for
 * them, with the target named in the description): its title, severity
 * (Low, Medium, High; critical is High), status (Open for open and
 * mitigating, Mitigated, Accepted, NA), the first STRIDE category of the
 * threat as type (modelType STRIDE), the reasons as description and the
 * mitigations as mitigation. Cell ids are Parapet ids. Text is JSON-escaped
 * (json-write.h), so hostile names stay inert.
 *
 * What is lost: Parapet's AI fields (kinds beyond the three shapes, model
 * type, data classes, ...), boundary trust, practice answers and history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "export/json-write.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define TD_VERSION	"2.3.0"
#define TD_COL_W	260	/* a column: a boundary and its components */
#define TD_BOX_W	220
#define TD_ELEM_W	160
#define TD_ELEM_H	80
#define TD_ROW_H	140
#define TD_TOP		60

struct tdw {
	struct json_write		 w;
	const struct export_input	*in;
	const struct model		*m;
	struct risk			**risks;
	size_t				  nrisks;
	struct export_group		  by_cell;
	long				  z;
	long				  number;
};

static const char *
tdw_shape(int kind)
{
	switch (kind) {
	case KIND_USER:
	case KIND_OPERATOR:
		return "actor";
	case KIND_DATASET:
	case KIND_DATA_SOURCE:
	case KIND_VECTOR_STORE:
	case KIND_MODEL_REGISTRY:
	case KIND_DATASTORE:
		return "store";
	default:
		return "process";
	}
}

static const char *
tdw_type(const char *shape)
{
	if (strcmp(shape, "actor") == 0)
		return "tm.Actor";
	if (strcmp(shape, "store") == 0)
		return "tm.Store";
	return "tm.Process";
}

static const char *
tdw_status(int status)
{
	switch (status) {
	case RISK_MITIGATED:
		return "Mitigated";
	case RISK_ACCEPTED:
		return "Accepted";
	case RISK_NOT_APPLICABLE:
		return "NA";
	default:
		return "Open";
	}
}

static const char *
tdw_severity(int severity)
{
	return severity >= LEVEL_HIGH ? "High" : severity == LEVEL_MEDIUM ?
	    "Medium" : "Low";
}

/* The cell a risk goes on: its target, else the first element. */
static const char *
tdw_cell_of(const void *arg, const struct risk *k)
{
	const struct tdw	*x = arg;
	const struct objref	*r = model_find(x->m, k->target);

	if (r != NULL && (r->type == OBJ_COMPONENT || r->type == OBJ_FLOW))
		return k->target;
	if (x->m->ncomponents > 0)
		return x->m->components[0]->id;
	return NULL;
}

/* The threats of a cell; 1 if one of them is open. */
static int
tdw_threats(struct tdw *x, const char *cell, int write)
{
	struct json_write	*w = &x->w;
	const struct threat	*t;
	const struct risk	*k;
	struct risk		**on;
	struct buf		 b;
	char			*name;
	size_t			 i, j, n;
	int			 open = 0, st;

	if (write) {
		json_key_begin_array(w, "threats");
	}
	on = export_group_get(&x->by_cell, cell, &n);
	for (i = 0; i < n; i++) {
		k = on[i];
		open |= k->status == RISK_OPEN || k->status == RISK_MITIGATING;
		if (!write)
			continue;
		t = export_threat(x->in, k);
		name = risk_name(k);
		json_begin_object(w);
		json_kv_string(w, "threatId", name);
		json_kv_int(w, "number", ++x->number);
		json_kv_string(w, "title", export_risk_title(x->in, k));
		json_kv_string(w, "status", tdw_status(k->status));
		json_kv_string(w, "severity", tdw_severity(k->severity));
		for (st = 0; t != NULL && st < STRIDE_COUNT; st++)
			if (t->stride & (1u << st))
				break;
		json_kv_string(w, "type", export_stride_word(t != NULL &&
		    st < STRIDE_COUNT ? st : STRIDE_I, EXPORT_STRIDE_TD));
		json_kv_string(w, "modelType", "STRIDE");
		buf_init(&b);
		buf_addf(&b, "%s likelihood %d x impact %d", name,
		    k->likelihood, k->impact);
		if (strcmp(k->target, cell) != 0)
			buf_addf(&b, " (about %s)", k->target);
		buf_adds(&b, ".");
		if (t != NULL && t->description != NULL)
			buf_addf(&b, "\n\n%s", t->description);
		for (j = 0; j < k->nreasons; j++)
			buf_addf(&b, "\n- %s", k->reasons[j].line);
		if (k->justification != NULL)
			buf_addf(&b, "\n\nDecision: %s", k->justification);
		json_kv_string(w, "description", b.s);
		buf_reset(&b);
		for (j = 0; j < k->nmitigations; j++) {
			const char *mt = export_mitigation_title(x->in,
			    k->mitigations[j].id);

			buf_addf(&b, "%s%s (%s)", j > 0 ? "\n" : "",
			    mt != NULL ? mt : k->mitigations[j].id,
			    vocab_name(&vocab_mitigation_status,
			    k->mitigations[j].status));
		}
		json_kv_string(w, "mitigation", b.s);
		buf_release(&b);
		json_end_object(w);
		free(name);
	}
	if (write)
		json_end_array(w);
	return open;
}

static void
tdw_geometry(struct json_write *w, long x, long y, long wd, long h)
{
	json_key_begin_object(w, "position");
	json_kv_int(w, "x", x);
	json_kv_int(w, "y", y);
	json_end_object(w);
	json_key_begin_object(w, "size");
	json_kv_int(w, "width", wd);
	json_kv_int(w, "height", h);
	json_end_object(w);
}

/* The label shown on a shape. */
static void
tdw_label(struct json_write *w, const char *name)
{
	json_key_begin_object(w, "attrs");
	json_key_begin_object(w, "text");
	json_kv_string(w, "text", name);
	json_end_object(w);
	json_end_object(w);
}

/* The column of a component: its boundary's, or the last one. */
static size_t
tdw_column(const struct model *m, const struct component *c)
{
	size_t	i;

	for (i = 0; c->boundary != NULL && i < m->nboundaries; i++)
		if (strcmp(m->boundaries[i]->id, c->boundary) == 0)
			return i;
	return m->nboundaries;
}

/* Open a cell: its id, shape and z-index. */
static void
tdw_cell(struct json_write *w, const char *id, const char *shape, long z)
{
	json_begin_object(w);
	json_kv_string(w, "id", id);
	json_kv_string(w, "shape", shape);
	json_kv_int(w, "zIndex", z);
}

/* Open a cell's data: its type, name and description ("" for none). */
static void
tdw_data(struct json_write *w, const char *type, const char *name,
    const char *description)
{
	json_key_begin_object(w, "data");
	json_kv_string(w, "type", type);
	json_kv_string(w, "name", name);
	json_kv_string(w, "description", description != NULL ?
	    description : "");
}

static void
tdw_box(struct tdw *x, const struct boundary *b, size_t col, size_t rows)
{
	struct json_write	*w = &x->w;

	tdw_cell(w, b->id, "trust-boundary-box", -1);
	tdw_geometry(w, 20 + (long)col * TD_COL_W, 20, TD_BOX_W,
	    TD_TOP + (long)(rows > 0 ? rows : 1) * TD_ROW_H);
	tdw_label(w, b->name != NULL ? b->name : b->id);
	tdw_data(w, "tm.BoundaryBox", b->name != NULL ? b->name : b->id,
	    b->description);
	json_kv_bool(w, "isTrustBoundary", 1);
	json_kv_bool(w, "hasOpenThreats", 0);
	json_end_object(w);
	json_end_object(w);
}

static void
tdw_element(struct tdw *x, const struct component *c, size_t col,
    size_t row)
{
	struct json_write	*w = &x->w;
	const char		*shape = tdw_shape(c->kind);
	struct buf		 d;

	tdw_cell(w, c->id, shape, ++x->z);
	tdw_geometry(w, 20 + (long)col * TD_COL_W + (TD_BOX_W - TD_ELEM_W) /
	    2, TD_TOP + (long)row * TD_ROW_H, TD_ELEM_W, TD_ELEM_H);
	tdw_label(w, c->name != NULL ? c->name : c->id);
	buf_init(&d);
	buf_addf(&d, "Parapet kind: %s.", vocab_name(&vocab_kind, c->kind));
	if (c->description != NULL)
		buf_addf(&d, "\n%s", c->description);
	tdw_data(w, tdw_type(shape), c->name != NULL ? c->name : c->id, d.s);
	buf_release(&d);
	json_kv_bool(w, "outOfScope", 0);
	json_kv_string(w, "reasonOutOfScope", "");
	json_kv_bool(w, "isTrustBoundary", 0);
	json_kv_bool(w, "hasOpenThreats", tdw_threats(x, c->id, 0));
	if (strcmp(shape, "store") == 0)
		json_kv_bool(w, "storesCredentials",
		    c->confidential_data == TRI_YES);
	tdw_threats(x, c->id, 1);
	json_end_object(w);
	json_end_object(w);
}

static void
tdw_flow(struct tdw *x, const struct flow *f)
{
	struct json_write	*w = &x->w;

	tdw_cell(w, f->id, "flow", ++x->z);
	json_key_begin_object(w, "source");
	json_kv_string(w, "cell", f->from);
	json_end_object(w);
	json_key_begin_object(w, "target");
	json_kv_string(w, "cell", f->to);
	json_end_object(w);
	tdw_data(w, "tm.Flow", f->name != NULL ? f->name : f->id,
	    f->description);
	json_kv_string(w, "protocol", "");
	if (f->encrypted != TRI_UNKNOWN)
		json_kv_bool(w, "isEncrypted", f->encrypted == TRI_YES);
	json_kv_bool(w, "isPublicNetwork", 0);
	json_kv_bool(w, "outOfScope", 0);
	json_kv_string(w, "reasonOutOfScope", "");
	json_kv_bool(w, "isTrustBoundary", 0);
	json_kv_bool(w, "hasOpenThreats", tdw_threats(x, f->id, 0));
	tdw_threats(x, f->id, 1);
	json_end_object(w);
	json_end_object(w);
}

int
export_threat_dragon(const struct export_input *in, struct buf *out,
    struct error *err)
{
	struct tdw		 x;
	struct json_write	*w = &x.w;
	const struct model	*m = in->model;
	size_t			*rows, i, col;

	(void)err;
	memset(&x, 0, sizeof x);
	x.in = in;
	x.m = m;
	x.risks = export_applying_risks(in, &x.nrisks);
	export_group_init(&x.by_cell, x.risks, x.nrisks, tdw_cell_of, &x);
	rows = xcalloc(m->nboundaries + 1, sizeof *rows);
	for (i = 0; i < m->ncomponents; i++)
		rows[tdw_column(m, m->components[i])]++;
	json_write_init(w, out);
	json_begin_object(w);
	json_kv_string(w, "version", TD_VERSION);
	json_key_begin_object(w, "summary");
	json_kv_string(w, "title", m->system.name != NULL ? m->system.name :
	    m->system.id);
	json_kv_string(w, "owner", m->system.owner != NULL ?
	    m->system.owner : "");
	json_kv_string(w, "description", m->system.description != NULL ?
	    m->system.description : "");
	json_kv_int(w, "id", 0);
	json_end_object(w);
	json_key_begin_object(w, "detail");
	json_key_begin_array(w, "contributors");
	json_end_array(w);
	json_key_begin_array(w, "diagrams");
	json_begin_object(w);
	json_kv_int(w, "id", 0);
	json_kv_string(w, "title", "Data flows");
	json_kv_string(w, "diagramType", "STRIDE");
	json_kv_string(w, "thumbnail",
	    "./public/content/images/thumbnail.stride.jpg");
	json_kv_string(w, "version", TD_VERSION);
	json_key_begin_array(w, "cells");
	for (i = 0; i < m->nboundaries; i++)
		tdw_box(&x, m->boundaries[i], i, rows[i]);
	memset(rows, 0, (m->nboundaries + 1) * sizeof *rows);
	for (i = 0; i < m->ncomponents; i++) {
		col = tdw_column(m, m->components[i]);
		tdw_element(&x, m->components[i], col, rows[col]++);
	}
	for (i = 0; i < m->nflows; i++)
		tdw_flow(&x, m->flows[i]);
	json_end_array(w);
	json_end_object(w);
	json_end_array(w);
	json_kv_int(w, "diagramTop", 1);
	json_kv_string(w, "reviewer", "");
	json_kv_int(w, "threatTop", x.number);
	json_end_object(w);
	json_end_object(w);
	free(rows);
	export_group_release(&x.by_cell);
	free(x.risks);
	return 0;
}

/*
 * dot.c: the data-flow diagram for Graphviz.
 *
 * Components are nodes, trust boundaries clusters, flows edges labelled
 * with the data classes they carry; a flow that crosses a trust boundary
 * is drawn bold and red. Every id and label is a quoted DOT string: model
 * text is first made visible (control characters as ^[ and the like), then
 * quotes and backslashes are escaped, newlines become \n and ampersands
 * &amp; (Graphviz decodes HTML entities in labels), so no text can end a
 * string, inject an attribute or turn into an escape sequence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "export/export-int.h"
#include "export/export.h"
#include "model/model.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/text.h"

/* Append s as a quoted DOT string; label: for text shown as a label. */
static void
dot_str(struct buf *out, const char *s, int label)
{
	struct buf	 v;
	const char	*p;

	buf_init(&v);
	text_visible(&v, s != NULL ? s : "", 1);
	buf_addc(out, '"');
	for (p = v.s; *p != '\0'; p++) {
		if (text_escape_c(out, (unsigned char)*p))
			continue;
		if (*p == '&' && label)
			buf_adds(out, "&amp;");
		else
			buf_addc(out, *p);
	}
	buf_addc(out, '"');
	buf_release(&v);
}

/* Shapes by component kind: people, stores of data, the rest boxes. */
static const char *
dot_shape(int kind)
{
	switch (kind) {
	case KIND_USER:
	case KIND_OPERATOR:
		return "ellipse";
	case KIND_DATASET:
	case KIND_DATA_SOURCE:
	case KIND_VECTOR_STORE:
	case KIND_MODEL_REGISTRY:
	case KIND_DATASTORE:
		return "cylinder";
	case KIND_MODEL:
		return "box3d";
	default:
		return "box";
	}
}

static void
dot_component(struct buf *out, const struct component *c, const char *indent)
{
	struct buf	label;

	buf_init(&label);
	buf_adds(&label, c->name != NULL ? c->name : c->id);
	buf_addf(&label, "\n(%s)", vocab_name(&vocab_kind, c->kind) ?
	    vocab_name(&vocab_kind, c->kind) : "?");
	buf_adds(out, indent);
	dot_str(out, c->id, 0);
	buf_adds(out, " [label=");
	dot_str(out, label.s, 1);
	buf_addf(out, ", shape=%s];\n", dot_shape(c->kind));
	buf_release(&label);
}

static void
dot_flow(struct buf *out, const struct model *m, const struct flow *f)
{
	struct buf	label;
	size_t		i;

	buf_init(&label);
	for (i = 0; i < vocab_data_class.n; i++) {
		if ((f->data & (1u << i)) == 0)
			continue;
		if (label.len > 0)
			buf_adds(&label, ", ");
		buf_adds(&label, vocab_data_class.words[i].name);
	}
	if (label.len == 0 && f->name != NULL)
		buf_adds(&label, f->name);
	buf_adds(out, "\t");
	dot_str(out, f->from, 0);
	buf_adds(out, " -> ");
	dot_str(out, f->to, 0);
	buf_adds(out, " [label=");
	dot_str(out, label.s, 1);
	if (flow_crossing(m, f) == TRI_YES)
		buf_adds(out, ", color=\"#c0392b\", fontcolor=\"#c0392b\", "
		    "style=bold, penwidth=2.5");
	buf_adds(out, "];\n");
	buf_release(&label);
}

int
export_dot(const struct export_input *in, struct buf *out, struct error *err)
{
	const struct model	*m = in->model;
	const struct boundary	*b;
	const struct component	*c;
	struct buf		 s;
	size_t			 i, j;

	(void)err;
	buf_init(&s);
	buf_adds(out, "digraph ");
	dot_str(out, m->system.id, 0);
	buf_adds(out, " {\n\tgraph [label=");
	buf_adds(&s, m->system.name != NULL ? m->system.name : m->system.id);
	buf_adds(&s, "\ndata flows");
	if (in->generated_at != NULL) {
		buf_adds(&s, ", ");
		buf_adds(&s, in->generated_at);
	}
	buf_adds(&s, "\nbold red: crosses a trust boundary");
	dot_str(out, s.s, 1);
	buf_release(&s);
	buf_adds(out, ", labelloc=t, rankdir=LR, fontname=\"Helvetica\", "
	    "charset=\"UTF-8\"];\n"
	    "\tnode [style=rounded, fontname=\"Helvetica\"];\n"
	    "\tedge [fontname=\"Helvetica\", fontsize=10];\n");
	for (i = 0; i < m->nboundaries; i++) {
		b = m->boundaries[i];
		buf_init(&s);
		buf_addf(&s, "cluster_%s", b->id);
		buf_adds(out, "\tsubgraph ");
		dot_str(out, s.s, 0);
		buf_reset(&s);
		buf_adds(&s, b->name != NULL ? b->name : b->id);
		if (vocab_name(&vocab_trust, b->trust) != NULL)
			buf_addf(&s, "\n(%s)", vocab_name(&vocab_trust,
			    b->trust));
		buf_adds(out, " {\n\t\tlabel=");
		dot_str(out, s.s, 1);
		buf_adds(out, ";\n\t\tstyle=dashed;\n");
		buf_release(&s);
		for (j = 0; j < m->ncomponents; j++) {
			c = m->components[j];
			if (c->b == b)
				dot_component(out, c, "\t\t");
		}
		buf_adds(out, "\t}\n");
	}
	for (j = 0; j < m->ncomponents; j++) {
		c = m->components[j];
		if (c->b == NULL)
			dot_component(out, c, "\t");
	}
	for (i = 0; i < m->nflows; i++)
		dot_flow(out, m, m->flows[i]);
	buf_adds(out, "}\n");
	return 0;
}

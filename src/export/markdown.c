/*
 * markdown.c: the sign-off report in Markdown (CommonMark with GitHub's
 * tables, as GitHub, GitLab and most hosts render it). Every string from
 * the model, the register, the history or the catalogue goes through the
 * escaping of md-text.c (md_text() and the helpers of export-int.h).
 *
 * The Mermaid diagram sits in a fenced block: node ids are generated (c0,
 * b0, ...), and labels keep only letters, digits, spaces and non-ASCII
 * characters, every other character written as a Mermaid entity (#35;),
 * so a label can neither end its string nor the fence.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue/catalogue.h"
#include "export/export-int.h"
#include "export/export.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk-counts.h"
#include "model/risk-group.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"

/*
 * A component, flow or boundary as the report refers to it (md_find()):
 * a risk's target, a flow's ends, a node of the diagram. The model's
 * components and flows may be read one at a time, not held
 * (export_input.next_object): these are all the report keeps of them,
 * their strings in blocks (struct md_names); of a flow, only its id and
 * name (md_keep_flow()).
 */
struct md_obj {
	const char	*id;
	const char	*name;		/* or NULL */
	uint32_t	 i;		/* position in its list */
	uint32_t	 g;		/* a component's boundary: its index,
					   or nboundaries when none */
	int		 kind;		/* a component's */
	int		 type;		/* enum objtype */
};

/* Strings kept for the report, in blocks that never move. */
struct md_names {
	char		**block;
	size_t		  nblocks;
	size_t		  used, cap;	/* of the last block */
};

/*
 * Output held apart while the register is read once, for a section that
 * comes before the register or is counted first: in memory, and past
 * BUF_DRAIN_BYTES in a temporary file, so that memory does not grow with
 * the register.
 */
struct md_spool {
	struct buf	 b;
	FILE		*f;
	size_t		 written;	/* to f */
	int		 failed;	/* an errno */
};

/* A risk owner the sign-off names, and how many applying risks are theirs. */
struct md_owner {
	char	*name;
	size_t	 nrisks;
};

/* An overdue mitigation, as the register is read (md_overdue()). */
struct md_late {
	char	*due;
	char	*id;
	char	*owner;
	char	*title;		/* its risk's */
	int	 status;
	size_t	 n;		/* its risk's number */
	size_t	 seq;		/* register order */
};

struct md {
	struct buf			*out;
	const struct export_input	*in;
	const struct model		*m;
	/* The register in memory (in->risks), in the report's order. */
	struct risk			**risks;	/* sorted */
	size_t				 *order;
	size_t				  nsorted;
	size_t				  nrisks;	/* read */
	size_t				  napply;	/* read, applying */
	size_t				  next;
	/*
	 * The model's components and flows, read once one at a time
	 * (md_index()): the components and boundaries found by id in objs,
	 * the flows in flows (both sorted; a flow only by its id and name,
	 * md_keep_flow(), as there are most of them), a component by
	 * position through comp; what the sections write of them kept in
	 * spools until their turn: each component's table row and
	 * description between the offsets crow[i] and crow[i + 1] (cdesc[i]
	 * and cdesc[i + 1]) for its boundary's table, the flows' rows,
	 * descriptions and arrows, and the facts not answered (of the
	 * components as when a flow carries media and as when none does,
	 * md_unknowns()).
	 */
	size_t				  at;	/* md_next_object() */
	struct md_names			  names;
	struct md_obj			 *objs;
	const char			**flows;
	size_t				  nobjs, ncomp, nflow, nfdesc;
	uint32_t			 *comp;
	size_t				 *crow, *cdesc;
	struct md_spool			  crows, cdescs, frows, fdescs,
					  arrows, cunknown[2], funknown;
	int				  media;	/* a flow carries
							   recordings or
							   images */
	size_t				 *bycomp;	/* component indices
							   by boundary */
	size_t				 *bystart;	/* boundary i's in
							   bycomp[bystart[i]..
							   bystart[i + 1]);
							   i = nboundaries:
							   outside any */
	/* The unanswered fields findings stand on, analysed once for the
	   summary and the open questions (md_questions()). */
	struct risk_register		  pending;
	struct risk_questions		  fq;
	int				  asked;
	/* What the one reading of the register gathers. */
	struct risk_counts		  counts;
	struct md_spool			  high, accepted, reg, prov,
					  decided, gone;
	size_t				  nhigh, naccepted, nprov,
					  ndecided, ngone;
	const char *const		 *gids;		/* guidelines */
	size_t				  ng;
	struct strmap			  gindex;	/* id: index + 1 */
	struct md_spool			 *cites;	/* each one's cell */
	size_t				 *gcount;	/* [4 * g]: risks,
							   open, mitigations
							   done, mitigations;
							   the last number */
	struct strmap			  stated;	/* threat: number of
							   its first confirmed
							   risk */
	char				**statedkeys;
	size_t				  nstated;
	struct md_late			 *late;
	size_t				  nlate;
	struct strmap			  owners;	/* name: md_owner */
	struct md_owner			**ownerv;	/* as first met */
	size_t				  nowners;
	/*
	 * The group of one threat's risks being read: its first risk held
	 * (its text and mitigations head the group), the others written
	 * as they come: their targets, and their sections without and then
	 * with their mitigation tables, each between two offsets.
	 */
	struct risk			 *g0;
	int				  g0own;
	size_t				  gn;		/* risks so far */
	size_t				  gfirst;	/* g0's number */
	size_t				  gstated;
	int				  gsame;	/* mitigations as g0's */
	struct md_spool			  gapplies, gbodies, gtables;
	size_t				 *gbody, *gtable;	/* offsets */
	size_t				  gcap;
};

/*
 * The open questions of the fields that findings stand on: one analysis
 * for the summary and the section (which each ran their own, half of the
 * export's time).
 */
static const struct risk_questions *
md_questions(struct md *d)
{
	if (!d->asked) {
		risk_register_init(&d->pending);
		analyze_questions(d->in->cat, d->m, &d->pending, &d->fq);
		d->asked = 1;
	}
	return &d->fq;
}

/*
 * The rest of a list item: text, its continuation lines indented by cont,
 * or a mark that it is blank; then the end of the line.
 */
static void
md_item_text(struct buf *out, const char *text, const char *cont)
{
	if (md_text(out, text, MD_BLOCK, cont, 0) == 0)
		buf_adds(out, "*(blank)*");
	buf_addc(out, '\n');
}

/* "- `ID`: description", an object's description below its table. */
static void
md_item_described(struct buf *out, const char *id, const char *description)
{
	buf_adds(out, "- ");
	md_id(out, id);
	buf_adds(out, ": ");
	md_item_text(out, description, "  ");
}

/* "- **Label:** text" with continuation lines indented. */
static void
md_item(struct buf *out, const char *indent, const char *label,
    const char *text)
{
	struct buf	cont;

	buf_init(&cont);
	buf_adds(&cont, indent);
	buf_adds(&cont, "  ");
	buf_addf(out, "%s- **%s:** ", indent, label);
	md_item_text(out, text, cont.s);
	buf_release(&cont);
}

static const char *
md_word(const struct vocab *v, int i)
{
	const char	*s = vocab_name(v, i);

	return s != NULL ? s : "not set";
}

/* A word for table rows: "Critical", "Not applicable". */
static void
md_capital(struct buf *out, const char *s)
{
	if (*s >= 'a' && *s <= 'z') {
		buf_addc(out, (char)(*s - 'a' + 'A'));
		s++;
	}
	for (; *s != '\0'; s++)
		buf_addc(out, *s == '-' ? ' ' : *s);
}

/* Spools (struct md_spool): the sink of one's buffer. */
static void
md_spool_sink(void *ctx, const char *p, size_t len)
{
	struct md_spool	*sp = ctx;

	if (sp->failed)
		return;
	errno = 0;
	if (sp->f == NULL && (sp->f = tmpfile()) == NULL) {
		sp->failed = errno != 0 ? errno : EIO;
		return;
	}
	if (fwrite(p, 1, len, sp->f) != len)
		sp->failed = errno != 0 ? errno : EIO;
	sp->written += len;
}

/* How many bytes a spool holds: where the next will be. */
static size_t
md_spool_at(const struct md_spool *sp)
{
	return sp->written + sp->b.len;
}

static void
md_spool_init(struct md_spool *sp)
{
	memset(sp, 0, sizeof *sp);
	buf_init(&sp->b);
	buf_set_sink(&sp->b, md_spool_sink, sp);
}

/* Append what a spool holds to out, in order; -1 with err set. */
static int
md_spool_copy(struct buf *out, struct md_spool *sp, struct error *err)
{
	char	chunk[BUF_DRAIN_BYTES];
	size_t	n;

	if (sp->f != NULL && !sp->failed) {
		errno = 0;
		if (fflush(sp->f) != 0 || fseek(sp->f, 0, SEEK_SET) != 0)
			sp->failed = errno != 0 ? errno : EIO;
		while (!sp->failed &&
		    (n = fread(chunk, 1, sizeof chunk, sp->f)) > 0) {
			buf_add(out, chunk, n);
			buf_drain(out);
		}
		if (!sp->failed && ferror(sp->f))
			sp->failed = errno != 0 ? errno : EIO;
	}
	if (sp->failed) {
		error_set(err, "cannot write a temporary file of the report: "
		    "%s", strerror(sp->failed));
		return -1;
	}
	if (sp->b.len > 0)
		buf_add(out, sp->b.s, sp->b.len);
	buf_drain(out);
	return 0;
}

/*
 * Append bytes from to to of a spool to out; -1 with err set. Read where
 * they are (pread), the file left as it is for appending: a table of
 * components copies one row at a time.
 */
static int
md_spool_copy_range(struct buf *out, struct md_spool *sp, size_t from,
    size_t to, struct error *err)
{
	char	chunk[BUF_DRAIN_BYTES];
	size_t	want;
	ssize_t	n;

	if (from < sp->written && !sp->failed) {
		errno = 0;
		if (fflush(sp->f) != 0)
			sp->failed = errno != 0 ? errno : EIO;
		while (!sp->failed && from < to && from < sp->written) {
			want = (to < sp->written ? to : sp->written) - from;
			if (want > sizeof chunk)
				want = sizeof chunk;
			if ((n = pread(fileno(sp->f), chunk, want,
			    (off_t)from)) <= 0) {
				sp->failed = n < 0 && errno != 0 ? errno : EIO;
				break;
			}
			buf_add(out, chunk, (size_t)n);
			buf_drain(out);
			from += (size_t)n;
		}
	}
	if (sp->failed) {
		error_set(err, "cannot write a temporary file of the report: "
		    "%s", strerror(sp->failed));
		return -1;
	}
	if (from < to)
		buf_add(out, sp->b.s + (from - sp->written), to - from);
	buf_drain(out);
	return 0;
}

/*
 * A section of the risks a spool holds: its heading, the spool's n rows,
 * then "None." for none, else the closing note when there is one.
 */
static int
md_spool_section(struct buf *out, const char *heading, struct md_spool *sp,
    size_t n, const char *note, struct error *err)
{
	buf_addf(out, "%s\n\n", heading);
	if (md_spool_copy(out, sp, err) == -1)
		return -1;
	if (n == 0)
		buf_adds(out, "None.\n\n");
	else if (note != NULL)
		buf_addf(out, "\n%s\n\n", note);
	else
		buf_addc(out, '\n');
	return 0;
}

/* Empty a spool for its next use. */
static void
md_spool_reset(struct md_spool *sp)
{
	if (sp->f != NULL)
		fclose(sp->f);
	buf_release(&sp->b);
	md_spool_init(sp);
}

static void
md_spool_release(struct md_spool *sp)
{
	if (sp->f != NULL)
		fclose(sp->f);
	buf_release(&sp->b);
}

/* fn on every spool of a report but the guidelines' cells (cites). */
static void
md_each_spool(struct md *d, void (*fn)(struct md_spool *))
{
	struct md_spool	*const all[] = {
		&d->crows, &d->cdescs, &d->frows, &d->fdescs, &d->arrows,
		&d->cunknown[0], &d->cunknown[1], &d->funknown,
		&d->high, &d->accepted, &d->reg, &d->prov, &d->decided,
		&d->gone, &d->gapplies, &d->gbodies, &d->gtables
	};
	size_t		 i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		fn(all[i]);
}

/* Room for len bytes that last as long as the report. */
static char *
md_room(struct md_names *n, size_t len)
{
	char	*p;

	if (n->nblocks == 0 || n->cap - n->used < len) {
		n->block = xreallocarray(n->block, n->nblocks + 1,
		    sizeof *n->block);
		n->cap = len > 65536 ? len : 65536;
		n->block[n->nblocks++] = xmalloc(n->cap);
		n->used = 0;
	}
	p = n->block[n->nblocks - 1] + n->used;
	n->used += len;
	return p;
}

/* A copy of s that lasts as long as the report (NULL: NULL). */
static const char *
md_keep(struct md_names *n, const char *s)
{
	size_t	len;

	if (s == NULL)
		return NULL;
	len = strlen(s) + 1;
	return memcpy(md_room(n, len), s, len);
}

/*
 * A flow's id and name in one: a byte that says whether it has a name,
 * its id and its name (md_flow_obj()); the id is what is returned.
 */
static const char *
md_keep_flow(struct md_names *n, const char *id, const char *name)
{
	size_t	 a = strlen(id) + 1, b = name != NULL ? strlen(name) + 1 : 0;
	char	*p = md_room(n, 1 + a + b);

	p[0] = name != NULL;
	memcpy(p + 1, id, a);
	if (name != NULL)
		memcpy(p + 1 + a, name, b);
	return p + 1;
}

/* The flow md_keep_flow() kept as an object, in *o. */
static const struct md_obj *
md_flow_obj(const char *kept, struct md_obj *o)
{
	memset(o, 0, sizeof *o);
	o->id = kept;
	o->name = kept[-1] ? kept + strlen(kept) + 1 : NULL;
	o->type = OBJ_FLOW;
	return o;
}

static void
md_names_release(struct md_names *n)
{
	size_t	i;

	for (i = 0; i < n->nblocks; i++)
		free(n->block[i]);
	free(n->block);
}

/* Add a component or boundary to objs. */
static void
md_obj_add(struct md *d, const char *id, const char *name, int type,
    int kind, size_t i, size_t g)
{
	struct md_obj	*o;

	if ((d->nobjs & (d->nobjs - 1)) == 0)
		d->objs = xreallocarray(d->objs, d->nobjs == 0 ? 64 :
		    d->nobjs * 2, sizeof *d->objs);
	o = &d->objs[d->nobjs++];
	o->id = md_keep(&d->names, id);
	o->name = md_keep(&d->names, name);
	o->i = (uint32_t)i;
	o->g = (uint32_t)g;
	o->kind = kind;
	o->type = type;
}

static int
md_obj_cmp(const void *a, const void *b)
{
	const struct md_obj	*x = a, *y = b;

	return strcmp(x->id, y->id);
}

/* The object of that id in a sorted list of n, or NULL. */
static const struct md_obj *
md_find_in(const struct md_obj *v, size_t n, const char *id)
{
	struct md_obj	key;

	if (id == NULL || n == 0)
		return NULL;
	key.id = id;
	return bsearch(&key, v, n, sizeof *v, md_obj_cmp);
}

static int
md_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The component, flow or boundary of that id, or NULL; a flow made in
 * *tmp.
 */
static const struct md_obj *
md_find(const struct md *d, const char *id, struct md_obj *tmp)
{
	const struct md_obj	*o = md_find_in(d->objs, d->nobjs, id);
	const char *const	*f;

	if (o != NULL || id == NULL || d->nflow == 0)
		return o;
	f = bsearch(&id, d->flows, d->nflow, sizeof *d->flows, md_str_cmp);
	return f != NULL ? md_flow_obj(*f, tmp) : NULL;
}

/*
 * The next component or flow (type) of the model, from the model in
 * memory or read one at a time (export_input.next_object): NULL at the
 * end, after which the list begins again, or NULL with err set.
 */
static const void *
md_next_object(struct md *d, int type, struct error *err)
{
	const struct model	*m = d->m;

	if (d->in->next_object != NULL)
		return d->in->next_object(d->in->risk_source, type, err);
	if (type == OBJ_COMPONENT && d->at < m->ncomponents)
		return m->components[d->at++];
	if (type == OBJ_FLOW && d->at < m->nflows)
		return m->flows[d->at++];
	d->at = 0;
	return NULL;
}

/* The component of that id (a flow's end), or NULL. */
static const struct md_obj *
md_component(const struct md *d, const char *id)
{
	const struct md_obj	*o = md_find_in(d->objs, d->nobjs, id);

	return o != NULL && o->type == OBJ_COMPONENT ? o : NULL;
}

/*
 * Whether a flow between components a and b (NULL: not a component)
 * crosses a trust boundary, as flow_crossing().
 */
static enum tri
md_crossing(const struct md *d, const struct md_obj *a,
    const struct md_obj *b)
{
	if (a == NULL || b == NULL || a->g == d->m->nboundaries ||
	    b->g == d->m->nboundaries)
		return TRI_UNKNOWN;
	return a->g != b->g ? TRI_YES : TRI_NO;
}

/* What a risk is about: "Name (`id`, component)" or the whole system. */
static void
md_target(struct md *d, struct buf *out, const struct risk *k)
{
	struct md_obj		 tmp;
	const struct md_obj	*o = md_find(d, k->target, &tmp);

	if (d->m->system.id != NULL && strcmp(k->target,
	    d->m->system.id) == 0) {
		buf_adds(out, "the whole system (");
		md_id(out, k->target);
		buf_adds(out, ")");
		return;
	}
	if (o == NULL) {
		md_id(out, k->target);
		buf_adds(out, " (no longer in the model)");
		return;
	}
	if (o->name != NULL && md_text(out, o->name, MD_INLINE, NULL,
	    0) > 0) {
		buf_adds(out, " (");
		md_id(out, k->target);
		buf_addf(out, ", %s)", objtype_name((enum objtype)o->type));
	} else {
		md_id(out, k->target);
		buf_addf(out, " (%s)", objtype_name((enum objtype)o->type));
	}
}

/* A short reference to risk number n (0: none): "R3 Title (`id`)". */
static void
md_risk_ref(struct md *d, struct buf *out, const struct risk *k, size_t n)
{
	char	*name = risk_name(k);

	if (n > 0)
		buf_addf(out, "**R%zu** ", n);
	md_inline(out, export_risk_title(d->in, k));
	buf_adds(out, " (");
	md_id(out, name);
	buf_adds(out, ")");
	free(name);
}

/* A table cell "TEXT (ID)", or "(ID)" when there is no text. */
static void
md_cell_named(struct buf *c, const char *text, const char *id)
{
	if (md_text(c, text, MD_CELL, NULL, 0) > 0)
		buf_adds(c, " (");
	else
		buf_adds(c, "(");
	md_id(c, id);
	buf_adds(c, ")");
}

static void
md_title_block(struct md *d)
{
	const struct system	*s = &d->m->system;
	struct buf		*o = d->out, *c;
	struct md_row		 r = { .n = 0 };

	buf_adds(o, "# ");
	md_inline(o, s->name != NULL ? s->name : s->id);
	buf_adds(o, ": threat model for sign-off\n\n"
	    "| Item | Value |\n| --- | --- |\n");
	buf_adds(md_td(&r), "System");
	md_cell_named(md_td(&r), s->name, s->id);
	md_tr(o, &r);
	buf_adds(md_td(&r), "Owner");
	if (md_text((c = md_td(&r)), s->owner, MD_CELL, NULL, 0) == 0)
		buf_adds(c, "not set");
	md_tr(o, &r);
	buf_adds(md_td(&r), "Criticality");
	buf_adds(md_td(&r), md_word(&vocab_criticality, s->criticality));
	md_tr(o, &r);
	buf_adds(md_td(&r), "Model revision");
	buf_addf(md_td(&r), "%ld", d->m->revision);
	md_tr(o, &r);
	buf_adds(md_td(&r), "Catalogue version");
	c = md_td(&r);
	if (d->in->cat == NULL || md_text(c, d->in->cat->version, MD_CELL,
	    NULL, 0) == 0)
		buf_adds(c, "not known");
	md_tr(o, &r);
	buf_adds(md_td(&r), "Date");
	if (md_text((c = md_td(&r)), d->in->generated_at, MD_CELL, NULL,
	    0) == 0)
		buf_adds(c, "not known");
	md_tr(o, &r);
	buf_addc(o, '\n');
	if (s->description != NULL) {
		md_text(o, s->description, MD_BLOCK, "", 1);
		buf_adds(o, "\n\n");
	}
	buf_adds(o, "This report was generated by Parapet from the threat "
	    "model and its risk register, scored against the NCSC/CISA "
	    "*Guidelines for secure AI system development*. Text from the "
	    "model is shown as written.\n\n");
}

/*
 * " 3 questions are open: ..." for the summary: the practice questions
 * and the fields not answered that threats would rest on.
 */
static void
md_summary_questions(struct md *d)
{
	size_t	np, nf;

	if (d->in->cat == NULL || d->m == NULL)
		return;
	np = analyze_open_questions(d->in->cat, d->m, NULL);
	nf = d->in->next_question != NULL ? d->in->nquestions :
	    md_questions(d)->n;
	if (np + nf > 0)
		buf_addf(d->out, " %zu question%s of the assessment %s open: "
		    "%zu practice question%s and %zu field%s not answered "
		    "that threats would rest on (see \"Open questions\").",
		    np + nf, np + nf == 1 ? "" : "s", np + nf == 1 ?
		    "is" : "are", np, np == 1 ? "" : "s", nf, nf == 1 ?
		    "" : "s");
}

/*
 * Who answers for a high risk still open, and by when its next mitigation
 * is due: what an approver asks of each line before signing. The earliest
 * due date of a mitigation not yet in place or rejected.
 */
static void
md_summary_who(struct buf *o, const struct risk *k, const char *today)
{
	const struct risk_mitigation	*next = NULL;
	size_t				 i;

	if (k->owner != NULL && *k->owner != '\0') {
		buf_adds(o, "risk owner ");
		md_inline(o, k->owner);
	} else
		buf_adds(o, "no risk owner");
	for (i = 0; i < k->nmitigations; i++)
		if ((k->mitigations[i].status == MIT_PROPOSED ||
		    k->mitigations[i].status == MIT_PLANNED) &&
		    k->mitigations[i].due != NULL && (next == NULL ||
		    strcmp(k->mitigations[i].due, next->due) < 0))
			next = &k->mitigations[i];
	if (next != NULL) {
		buf_adds(o, ", next mitigation due ");
		md_inline(o, next->due);
		if (today != NULL && risk_mitigation_overdue(next, today))
			buf_adds(o, " (overdue)");
	}
	buf_adds(o, ", ");
}

/*
 * What the summary lists of applying risk number n: a high or critical one
 * not yet closed, an accepted one (as the register is read).
 */
static void
md_summary_risk(struct md *d, const struct risk *k, size_t n)
{
	struct buf	*o;

	/* Mitigating is not closed: the heading says what is listed. */
	if (k->severity >= LEVEL_HIGH && (k->status == RISK_OPEN ||
	    k->status == RISK_MITIGATING || risk_mitigated_unproven(k))) {
		o = &d->high.b;
		buf_adds(o, "- ");
		md_risk_ref(d, o, k, n);
		buf_addf(o, ": %s, %s%s, ", md_word(&vocab_severity,
		    k->severity), md_word(&vocab_risk_status, k->status),
		    risk_mitigated_unproven(k) ? " without evidence" : "");
		md_summary_who(o, k, d->in->generated_at);
		buf_adds(o, "on ");
		md_target(d, o, k);
		buf_addc(o, '\n');
		buf_drain(o);
		d->nhigh++;
	}
	if (k->status == RISK_ACCEPTED) {
		o = &d->accepted.b;
		buf_adds(o, "- ");
		md_risk_ref(d, o, k, n);
		/* Who answers for it is its owner; who typed it in is an
		   account, named apart. */
		buf_addf(o, ": %s, accepted by ", md_word(&vocab_severity,
		    k->severity));
		if (k->owner != NULL && *k->owner != '\0') {
			md_inline(o, k->owner);
			buf_adds(o, " (risk owner)");
		} else
			buf_adds(o, "**no risk owner**");
		buf_adds(o, ", recorded by ");
		md_inline(o, k->decided_by != NULL ? k->decided_by :
		    "an unknown account");
		buf_adds(o, " on ");
		md_inline(o, k->decided_at != NULL ? k->decided_at :
		    "an unknown date");
		buf_addc(o, '\n');
		buf_drain(o);
		d->naccepted++;
	}
}

static int
md_summary(struct md *d, struct error *err)
{
	struct buf		*o = d->out;
	const struct risk_counts *c = &d->counts;
	size_t			 row, total, col, sev, st;

	buf_adds(o, "## Executive summary\n\n");
	buf_addf(o, "%zu risk%s appl%s to this system", d->napply,
	    d->napply == 1 ? "" : "s", d->napply == 1 ? "ies" : "y");
	if (d->nrisks > d->napply)
		buf_addf(o, "; %zu more no longer appl%s", d->nrisks -
		    d->napply, d->nrisks - d->napply == 1 ? "ies" : "y");
	buf_adds(o, ".");
	md_summary_questions(d);
	buf_adds(o, "\n\n| Severity |");
	for (st = 0; st < RISK_STATUS_COUNT; st++) {
		buf_addc(o, ' ');
		md_capital(o, vocab_risk_status.words[st].name);
		buf_adds(o, " |");
	}
	buf_adds(o, " Total |\n| --- |");
	for (st = 0; st <= RISK_STATUS_COUNT; st++)
		buf_adds(o, " ---: |");
	buf_addc(o, '\n');
	SEVERITY_FOREACH_DOWN(sev) {
		buf_adds(o, "| ");
		md_capital(o, vocab_severity.words[sev].name);
		buf_adds(o, " |");
		for (row = 0, st = 0; st < RISK_STATUS_COUNT; st++) {
			buf_addf(o, " %zu |", c->cell[sev][st]);
			row += c->cell[sev][st];
		}
		buf_addf(o, " %zu |\n", row);
	}
	/* Totals of the cells, so that rows and columns add up. */
	buf_adds(o, "| Total |");
	for (total = 0, st = 0; st < RISK_STATUS_COUNT; st++) {
		for (col = 0, sev = 0; sev < LEVEL_COUNT; sev++)
			col += c->cell[sev][st];
		buf_addf(o, " %zu |", col);
		total += col;
	}
	buf_addf(o, " %zu |\n\n", total);

	if (md_spool_section(o, "### High and critical risks not yet closed",
	    &d->high, d->nhigh, NULL, err) == -1)
		return -1;
	return md_spool_section(o, "### Accepted risks", &d->accepted,
	    d->naccepted, "The justifications are in \"Accepted and "
	    "not-applicable risks\" below.", err);
}

/* The facts of a component or flow that are set, other than text. */
static void
md_facts(struct buf *o, const void *obj, enum objtype t, int kind)
{
	const struct field	*f;
	size_t			 i, n, shown = 0;
	char			*v;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		if (f[i].type == FIELD_TEXT || f[i].type == FIELD_ID ||
		    f[i].type == FIELD_KIND || f[i].type == FIELD_REF ||
		    !field_applies(&f[i], kind) || !field_isset(obj, &f[i]))
			continue;
		if (t == OBJ_FLOW && strcmp(f[i].name, "data") == 0)
			continue;
		v = field_get(obj, &f[i]);
		buf_addf(o, "%s%s: ", shown++ > 0 ? "; " : "", f[i].name);
		md_cell(o, v);
		free(v);
	}
}

/* A component's row of its boundary's table. */
static void
md_component_row(struct buf *o, const struct component *c)
{
	struct md_row	r = { .n = 0 };

	md_cell(md_td(&r), c->name);
	md_id(md_td(&r), c->id);
	buf_adds(md_td(&r), md_word(&vocab_kind, c->kind));
	md_cell(md_td(&r), c->owner);
	md_facts(md_td(&r), c, OBJ_COMPONENT, c->kind);
	md_tr(o, &r);
}

/*
 * A table of the components of group g (boundary g, or outside any when g
 * is the number of boundaries), with their descriptions listed after it,
 * as md_index() wrote them.
 */
static int
md_components(struct md *d, size_t g, struct error *err)
{
	struct buf	*o = d->out;
	size_t		 i, j, ndesc = 0;

	if (d->bystart[g] == d->bystart[g + 1]) {
		buf_adds(o, "No components.\n\n");
		return 0;
	}
	buf_adds(o, "| Component | Id | Kind | Owner | Facts |\n"
	    "| --- | --- | --- | --- | --- |\n");
	for (j = d->bystart[g]; j < d->bystart[g + 1]; j++) {
		i = d->bycomp[j];
		if (md_spool_copy_range(o, &d->crows, d->crow[i],
		    d->crow[i + 1], err) == -1)
			return -1;
	}
	buf_addc(o, '\n');
	for (j = d->bystart[g]; j < d->bystart[g + 1]; j++) {
		i = d->bycomp[j];
		if (d->cdesc[i] == d->cdesc[i + 1])
			continue;
		ndesc++;
		if (md_spool_copy_range(o, &d->cdescs, d->cdesc[i],
		    d->cdesc[i + 1], err) == -1)
			return -1;
	}
	if (ndesc > 0)
		buf_addc(o, '\n');
	return 0;
}

/*
 * A quoted Mermaid label on one line: letters, digits, spaces, non-ASCII
 * characters and -.,:/()'?!+= as they are, anything else as an entity.
 */
static void
mmd_label(struct buf *o, const char *s)
{
	struct buf	 v, one;
	const char	*p;
	unsigned char	 c;

	buf_init(&one);
	for (p = s != NULL ? s : ""; *p != '\0'; p++)
		buf_addc(&one, *p == '\n' || *p == '\r' ? ' ' : *p);
	buf_init(&v);
	text_visible(&v, one.s, 0);
	buf_release(&one);
	buf_addc(o, '"');
	for (p = v.s; *p != '\0'; p++) {
		c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == ' ' || c >= 0x80 ||
		    strchr("-.,:/()'?!+=", c) != NULL)
			buf_addc(o, (char)c);
		else
			buf_addf(o, "#%u;", c);
	}
	buf_addc(o, '"');
	buf_release(&v);
}

/* Component number i's node. */
static void
md_mermaid_node(struct md *d, struct buf *o, size_t i, const char *indent)
{
	const struct md_obj	*c = &d->objs[d->comp[i]];
	struct buf		 label;

	buf_init(&label);
	buf_adds(&label, c->name != NULL ? c->name : c->id);
	buf_addf(&label, " (%s)", md_word(&vocab_kind, c->kind));
	buf_addf(o, "%sc%zu[", indent, i);
	mmd_label(o, label.s);
	buf_adds(o, "]\n");
	buf_release(&label);
}

/*
 * A link to the diagram drawn as SVG beside the report, for readers
 * without a Mermaid renderer; the file name is percent-encoded.
 */
static void
md_diagram_svg(struct md *d)
{
	const unsigned char	*p;

	if (d->in->diagram_svg == NULL)
		return;
	buf_adds(d->out, "The same diagram as an image: ![Data-flow diagram]"
	    "(");
	for (p = (const unsigned char *)d->in->diagram_svg; *p != '\0'; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._-", *p) != NULL)
			buf_addc(d->out, (char)*p);
		else
			buf_addf(d->out, "%%%02X", *p);
	buf_adds(d->out, ")\n\n");
}

/*
 * A flow's arrow in the diagram between its ends a and b, if both are
 * components; the nodes' ids are their positions in the model.
 */
static void
md_mermaid_arrow(struct md *d, struct buf *o, const struct flow *f,
    const struct md_obj *a, const struct md_obj *b)
{
	struct buf	label;
	size_t		j;

	if (a == NULL || b == NULL)
		return;
	buf_init(&label);
	for (j = 0; j < vocab_data_class.n; j++) {
		if ((f->data & (1u << j)) == 0)
			continue;
		if (label.len > 0)
			buf_adds(&label, ", ");
		buf_adds(&label, vocab_data_class.words[j].name);
	}
	buf_addf(o, "  c%zu %s", (size_t)a->i, md_crossing(d, a, b) ==
	    TRI_YES ? "==>" : "-->");
	if (label.len > 0) {
		buf_addc(o, '|');
		mmd_label(o, label.s);
		buf_addc(o, '|');
	}
	buf_addf(o, " c%zu\n", (size_t)b->i);
	buf_release(&label);
}

/* The diagram: its nodes, and its arrows as md_flows() wrote them. */
static int
md_mermaid(struct md *d, struct error *err)
{
	const struct model	*m = d->m;
	const struct boundary	*b;
	struct buf		*o = d->out, label;
	size_t			 i, j;

	buf_adds(o, "### Data-flow diagram\n\n"
	    "Trust boundaries are boxes around their components; a thick "
	    "arrow is a flow that crosses a trust boundary.\n\n"
	    "```mermaid\nflowchart LR\n");
	for (i = 0; i < m->nboundaries; i++) {
		b = m->boundaries[i];
		buf_init(&label);
		buf_adds(&label, b->name != NULL ? b->name : b->id);
		buf_addf(&label, " (%s)", md_word(&vocab_trust, b->trust));
		buf_addf(o, "  subgraph b%zu [", i);
		mmd_label(o, label.s);
		buf_adds(o, "]\n");
		buf_release(&label);
		for (j = d->bystart[i]; j < d->bystart[i + 1]; j++)
			md_mermaid_node(d, o, d->bycomp[j], "    ");
		buf_adds(o, "  end\n");
		buf_drain(o);
	}
	for (j = d->bystart[i]; j < d->bystart[i + 1]; j++) {
		md_mermaid_node(d, o, d->bycomp[j], "  ");
		buf_drain(o);
	}
	if (md_spool_copy(o, &d->arrows, err) == -1)
		return -1;
	buf_adds(o, "```\n\n");
	md_diagram_svg(d);
	return 0;
}

/*
 * 1 if a flow carries recordings or images: without any in the model,
 * nothing in it holds biometric data in the sense of that field
 * (voiceprints, face templates, recordings that identify people), and
 * listing biometric-data as unanswered on every component is noise.
 */
static int
md_media(const struct flow *f)
{
	const unsigned	 media = DATA_BIT(DATA_AUDIO) | DATA_BIT(DATA_IMAGE) |
			    DATA_BIT(DATA_VIDEO);

	return (f->data & media) != 0;
}

/* The flows' table and their descriptions, as md_index() wrote them. */
static int
md_flows(struct md *d, struct error *err)
{
	struct buf	*o = d->out;

	buf_adds(o, "### Data flows\n\n");
	if (d->nflow == 0) {
		buf_adds(o, "No data flows.\n\n");
		return 0;
	}
	buf_adds(o, "| Flow | Id | From | To | Data | Crosses a trust "
	    "boundary | Facts |\n"
	    "| --- | --- | --- | --- | --- | --- | --- |\n");
	if (md_spool_copy(o, &d->frows, err) == -1)
		return -1;
	buf_addc(o, '\n');
	if (md_spool_copy(o, &d->fdescs, err) == -1)
		return -1;
	if (d->nfdesc > 0)
		buf_addc(o, '\n');
	return 0;
}

static int
md_system(struct md *d, struct error *err)
{
	const struct model	*m = d->m;
	const struct boundary	*b;
	struct buf		*o = d->out;
	size_t			 i;

	buf_adds(o, "## The system\n\n### Components by trust boundary\n\n");
	for (i = 0; i < m->nboundaries; i++) {
		b = m->boundaries[i];
		buf_adds(o, "#### ");
		md_inline(o, b->name != NULL ? b->name : b->id);
		buf_adds(o, " (");
		md_id(o, b->id);
		buf_addf(o, ", %s)\n\n", b->trust >= 0 ?
		    md_word(&vocab_trust, b->trust) : "trust not set");
		if (b->description != NULL &&
		    md_text(o, b->description, MD_BLOCK, "", 1) > 0)
			buf_adds(o, "\n\n");
		if (md_components(d, i, err) == -1)
			return -1;
	}
	if (d->bystart[i + 1] > d->bystart[i] || m->nboundaries == 0) {
		buf_adds(o, "#### Outside any trust boundary\n\n");
		if (md_components(d, m->nboundaries, err) == -1)
			return -1;
	}
	if (md_flows(d, err) == -1)
		return -1;
	return md_mermaid(d, err);
}

/* The guidelines, for the coverage read with the register. */
static void
md_guidelines_init(struct md *d)
{
	size_t	g;

	d->gids = catalogue_guidelines(d->in->cat, &d->ng);
	strmap_init(&d->gindex);
	d->cites = xcalloc(d->ng + 1, sizeof *d->cites);
	d->gcount = xcalloc(5 * (d->ng + 1), sizeof *d->gcount);
	for (g = 0; g < d->ng; g++) {
		md_spool_init(&d->cites[g]);
		strmap_put(&d->gindex, d->gids[g], (void *)(uintptr_t)(g + 1));
	}
}

/* Applying risk number n under each subsection its threat cites. */
static void
md_guideline_risk(struct md *d, const struct risk *k, size_t n)
{
	const struct threat	*t = export_threat(d->in, k);
	size_t			 i, j, g, *v;

	for (i = 0; t != NULL && i < t->refs.n; i++) {
		if (t->refs.v[i].scheme != REF_GUIDELINE || (g = (uintptr_t)
		    strmap_get(&d->gindex, t->refs.v[i].id)) == 0)
			continue;
		v = &d->gcount[5 * (g - 1)];
		if (v[4] == n)
			continue;	/* cited twice */
		v[4] = n;
		buf_addf(&d->cites[g - 1].b, "%sR%zu (%s)", v[0]++ > 0 ?
		    ", " : "", n, md_word(&vocab_severity, k->severity));
		buf_drain(&d->cites[g - 1].b);
		if (k->status == RISK_OPEN || k->status == RISK_MITIGATING)
			v[1]++;
		for (j = 0; j < k->nmitigations; j++) {
			if (k->mitigations[j].status == MIT_REJECTED)
				continue;
			v[3]++;
			if (k->mitigations[j].status == MIT_IMPLEMENTED ||
			    k->mitigations[j].status == MIT_VERIFIED)
				v[2]++;
		}
	}
}

static enum tri	md_answer(const struct model *, const char *, const char **);

/*
 * "2 yes, 1 unknown": how the model answers the practice questions of
 * subsection gid, so that a row with no risk reads as answered, not as
 * left out; "none asked" where the catalogue has no question there.
 */
static void
md_practice_counts(struct md *d, struct buf *o, const char *gid)
{
	const struct catalogue	*cat = d->in->cat;
	const char		*note;
	size_t			 n[3] = { 0, 0, 0 }, i, k = 0;
	enum tri		 a;

	for (i = 0; cat != NULL && i < cat->nquestions; i++) {
		if (cat->questions[i]->guideline == NULL ||
		    strcmp(cat->questions[i]->guideline, gid) != 0)
			continue;
		a = md_answer(d->m, cat->questions[i]->id, &note);
		n[a == TRI_YES ? 0 : a == TRI_NO ? 1 : 2]++;
	}
	if (n[0] + n[1] + n[2] == 0) {
		buf_adds(o, "none asked");
		return;
	}
	for (i = 0; i < 3; i++) {
		if (n[i] == 0)
			continue;
		buf_addf(o, "%s%zu %s", k++ > 0 ? ", " : "", n[i],
		    md_word(&vocab_answer, i == 0 ? TRI_YES : i == 1 ? TRI_NO :
		    TRI_UNKNOWN));
	}
}

static int
md_guidelines(struct md *d, struct error *err)
{
	struct buf	*o = d->out;
	size_t		 g, *v;

	buf_addf(o, "## Guideline coverage\n\n"
	    "The %zu subsections of the guidelines: how the model answers "
	    "their practice questions, the risks that apply under each, and "
	    "how far their mitigations have got (implemented or verified, of "
	    "those not rejected).\n\n"
	    "| Subsection | Practice answers | Risks | Open or mitigating | "
	    "Mitigations in place |\n| --- | --- | --- | ---: | ---: |\n",
	    d->ng);
	for (g = 0; g < d->ng; g++) {
		/* A row as md_tr() writes it: no cell of it is empty. */
		v = &d->gcount[5 * g];
		buf_addf(o, "| %s ", d->gids[g]);
		md_cell(o, catalogue_ref_title(d->in->cat, REF_GUIDELINE,
		    d->gids[g]));
		buf_adds(o, " | ");
		md_practice_counts(d, o, d->gids[g]);
		buf_adds(o, " | ");
		if (md_spool_copy(o, &d->cites[g], err) == -1)
			return -1;
		if (v[0] == 0)
			buf_adds(o, "none");
		buf_addf(o, " | %zu | %zu of %zu |\n", v[1], v[2], v[3]);
		buf_drain(o);
	}
	buf_addc(o, '\n');
	return 0;
}


/* What a risk marked mitigated rests on: mitigations in place, or a reason. */
static void
md_evidence(struct buf *o, const struct risk *k)
{
	const struct risk_mitigation	*m;
	size_t				 i, n = 0;

	buf_adds(o, "- **Evidence:** ");
	for (i = 0; i < k->nmitigations; i++) {
		m = &k->mitigations[i];
		if (m->status != MIT_IMPLEMENTED && m->status != MIT_VERIFIED)
			continue;
		buf_adds(o, n++ > 0 ? ", " : "");
		md_id(o, m->id);
		buf_addf(o, " %s", md_word(&vocab_mitigation_status,
		    m->status));
	}
	if (n == 0 && !risk_mitigated_unproven(k))
		buf_adds(o, "justified (no mitigation implemented)");
	else if (n == 0)
		buf_adds(o, "**none**: no mitigation is implemented or "
		    "verified and there is no justification");
	buf_addc(o, '\n');
}

/* "guideline 3.2 (Title), atlas AML.T0051 (Title), ..., STRIDE: T, E". */
static void
md_refs(struct md *d, const struct risk *k)
{
	const struct threat	*t = export_threat(d->in, k);
	const char		*title;
	struct refs		 refs;
	struct buf		 b;
	size_t			 i, n = 0;

	if (t == NULL) {
		md_item(d->out, "", "References", "none: the threat is no "
		    "longer in the catalogue");
		return;
	}
	buf_init(&b);
	catalogue_risk_refs(d->in->cat, k, &refs);
	for (i = 0; i < refs.n; i++) {
		if (n++ > 0)
			buf_adds(&b, "; ");
		buf_addf(&b, "%s %s", ref_scheme_name(refs.v[i].scheme),
		    refs.v[i].id);
		title = catalogue_ref_title(d->in->cat, refs.v[i].scheme,
		    refs.v[i].id);
		if (title != NULL)
			buf_addf(&b, " (%s)", title);
	}
	refs_release(&refs);
	for (i = 0; i < vocab_stride.n; i++) {
		if ((t->stride & (1u << i)) == 0)
			continue;
		buf_addf(&b, "%sSTRIDE %s (%s)", n++ > 0 ? "; " : "",
		    vocab_stride.words[i].name, vocab_stride.words[i].help);
	}
	md_item(d->out, "", "References", n > 0 ? b.s : "none");
	buf_release(&b);
}

static void
md_mitigations(struct md *d, const struct risk *k)
{
	const struct risk_mitigation	*m;
	struct buf			*o = d->out;
	struct md_row			 r = { .n = 0 };
	size_t				 i;

	if (k->nmitigations == 0) {
		buf_adds(o, "No mitigations.\n\n");
		return;
	}
	buf_adds(o, "| Mitigation | Status | Owner | Due | Notes |\n"
	    "| --- | --- | --- | --- | --- |\n");
	for (i = 0; i < k->nmitigations; i++) {
		m = &k->mitigations[i];
		md_cell_named(md_td(&r), export_mitigation_title(d->in, m->id),
		    m->id);
		buf_adds(md_td(&r), md_word(&vocab_mitigation_status,
		    m->status));
		md_cell(md_td(&r), m->owner);
		md_cell(md_td(&r), m->due);
		md_cell(md_td(&r), m->notes);
		md_tr(o, &r);
	}
	buf_addc(o, '\n');
}

/*
 * A threat's text: what it is, why it matters and its references, or,
 * when an earlier risk of the register already states it, where.
 */
static void
md_threat_text(struct md *d, const struct risk *k, size_t stated)
{
	const struct threat	*t = export_threat(d->in, k);
	struct buf		*o = d->out;

	if (stated > 0) {
		buf_addf(o, "- **Threat:** as stated with R%zu above\n",
		    stated);
		return;
	}
	if (t != NULL && t->description != NULL)
		md_item(o, "", "Threat", t->description);
	if (t != NULL && t->why != NULL)
		md_item(o, "", "Why it matters", t->why);
	md_refs(d, k);
}

/* How a risk is written: alone, or in a group of one threat's risks. */
enum md_risk_in {
	MD_ALONE,	/* "### R3: Title (severity)", with its threat */
	MD_GROUP,	/* "#### R3: target, severity", below the threat */
	MD_GROUP_SAME	/* the same, with the group's mitigations */
};

/*
 * One risk: alone, a "### R3: Title (severity)" section with its threat's
 * text (or the number of the risk that states it); in a group, a
 * "#### R3: target, severity" subsection below the threat stated once,
 * without its mitigation table when the group's mitigations are the same
 * for every risk (and written once above).
 */
static void
md_risk(struct md *d, size_t n, const struct risk *k, enum md_risk_in in,
    size_t stated)
{
	int			 group = in != MD_ALONE;
	struct buf		*o = d->out;
	char			*name = risk_name(k);
	size_t			 i;

	if (group) {
		buf_addf(o, "#### R%zu: ", n);
		md_target(d, o, k);
		buf_addf(o, ", %s\n\n", md_word(&vocab_severity,
		    k->severity));
	} else {
		buf_addf(o, "### R%zu: ", n);
		md_inline(o, export_risk_title(d->in, k));
		buf_addf(o, " (%s)\n\n", md_word(&vocab_severity,
		    k->severity));
	}
	buf_adds(o, "- **Risk:** ");
	md_id(o, name);
	free(name);
	if (!group) {
		buf_adds(o, "\n- **Target:** ");
		md_target(d, o, k);
	}
	buf_addf(o, "\n- **Severity:** %s (likelihood %d x impact %d)\n"
	    "- **Status:** %s\n", md_word(&vocab_severity, k->severity),
	    k->likelihood, k->impact, md_word(&vocab_risk_status, k->status));
	if (k->owner != NULL)
		md_item(o, "", "Owner", k->owner);
	if (!group)
		md_threat_text(d, k, stated);
	if (k->nreasons > 0) {
		buf_adds(o, "- **Why it applies:**\n");
		for (i = 0; i < k->nreasons; i++) {
			buf_adds(o, "  - ");
			md_item_text(o, k->reasons[i].line, "    ");
		}
	}
	if (k->justification != NULL)
		md_item(o, "", "Justification", k->justification);
	if (k->status == RISK_MITIGATED)
		md_evidence(o, k);
	if (k->decided_by != NULL || k->decided_at != NULL) {
		buf_adds(o, "- **Decided:** ");
		md_inline(o, k->decided_by != NULL ? k->decided_by :
		    "by an unknown person");
		buf_adds(o, ", ");
		md_inline(o, k->decided_at != NULL ? k->decided_at :
		    "at an unknown date");
		buf_addc(o, '\n');
	}
	buf_addc(o, '\n');
	if (in != MD_GROUP_SAME)
		md_mitigations(d, k);
	buf_drain(o);
}

static int
md_same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Whether two risks carry the same mitigations in the same state. */
static int
md_same_mitigations(const struct risk *a, const struct risk *b)
{
	const struct risk_mitigation	*x, *y;
	size_t				 i;

	if (a->nmitigations != b->nmitigations)
		return 0;
	for (i = 0; i < a->nmitigations; i++) {
		x = &a->mitigations[i];
		y = &b->mitigations[i];
		if (strcmp(x->id, y->id) != 0 || x->status != y->status ||
		    !md_same_str(x->owner, y->owner) ||
		    !md_same_str(x->due, y->due) ||
		    !md_same_str(x->notes, y->notes))
			return 0;
	}
	return 1;
}

/* Write risk number n of the group being read into its spools. */
static void
md_group_write(struct md *d, const struct risk *k, size_t n)
{
	struct buf	*was = d->out;
	size_t		 j = n - d->gfirst;

	if (j + 2 > d->gcap) {
		d->gcap = d->gcap == 0 ? 64 : d->gcap * 2;
		d->gbody = xreallocarray(d->gbody, d->gcap, sizeof *d->gbody);
		d->gtable = xreallocarray(d->gtable, d->gcap,
		    sizeof *d->gtable);
	}
	buf_addf(&d->gapplies.b, "%sR%zu ", j > 0 ? "; " : "", n);
	md_target(d, &d->gapplies.b, k);
	buf_addf(&d->gapplies.b, ", %s", md_word(&vocab_severity,
	    k->severity));
	buf_drain(&d->gapplies.b);
	d->gbody[j] = md_spool_at(&d->gbodies);
	d->out = &d->gbodies.b;
	md_risk(d, n, k, MD_GROUP_SAME, d->gstated);
	d->gbody[j + 1] = md_spool_at(&d->gbodies);
	d->gtable[j] = md_spool_at(&d->gtables);
	d->out = &d->gtables.b;
	md_mitigations(d, k);
	buf_drain(d->out);
	d->gtable[j + 1] = md_spool_at(&d->gtables);
	d->out = was;
}

/*
 * Applying risk number n, read in the report's order: the first of its
 * threat's group (held), or the next of the group being read (written).
 */
static void
md_group_add(struct md *d, struct risk *k, size_t n, int own)
{
	char	*key;

	if (d->gn == 0) {
		d->g0 = k;
		d->g0own = own;
		d->gn = 1;
		d->gfirst = n;
		d->gsame = 1;
		if (risk_provisional(k)) {
			/* Stated with the threat's confirmed risks, if any. */
			d->gstated = (uintptr_t)strmap_get(&d->stated,
			    k->threat);
			return;
		}
		/* The first group of a threat states it. */
		d->gstated = 0;
		if (strmap_get(&d->stated, k->threat) == NULL) {
			key = xstrdup(k->threat);
			d->statedkeys = xreallocarray(d->statedkeys,
			    d->nstated + 1, sizeof *d->statedkeys);
			d->statedkeys[d->nstated++] = key;
			strmap_put(&d->stated, key, (void *)(uintptr_t)n);
		}
		return;
	}
	if (d->gn == 1)
		md_group_write(d, d->g0, d->gfirst);
	if (d->gsame && !md_same_mitigations(d->g0, k))
		d->gsame = 0;
	md_group_write(d, k, n);
	d->gn++;
	if (own)
		risk_register_take(NULL, k);
}

/*
 * The end of the group being read: into the register's spool (or, for
 * provisional risks, that of those after the line that introduces them),
 * a risk alone, or the threat once with each part of the system it
 * applies to, the mitigations once if the same for each, then each risk.
 */
static int
md_group_end(struct md *d, struct error *err)
{
	struct md_spool	*sp;
	struct buf	*o, *was = d->out;
	size_t		 j;
	int		 rc = 0;

	if (d->gn == 0)
		return 0;
	if (risk_provisional(d->g0)) {
		d->nprov += d->gn;
		sp = &d->prov;
	} else
		sp = &d->reg;
	o = d->out = &sp->b;
	if (d->gn == 1)
		md_risk(d, d->gfirst, d->g0, MD_ALONE, d->gstated);
	else {
		buf_adds(o, "### ");
		md_inline(o, export_risk_title(d->in, d->g0));
		buf_addf(o, " (%s; %zu parts of the system)\n\n",
		    md_word(&vocab_severity, d->g0->severity), d->gn);
		md_threat_text(d, d->g0, d->gstated);
		buf_adds(o, "- **Applies to:** ");
		rc = md_spool_copy(o, &d->gapplies, err);
		buf_adds(o, "\n\n");
		if (rc == 0 && d->gsame) {
			buf_adds(o, "Mitigations, the same for each:\n\n");
			md_mitigations(d, d->g0);
			rc = md_spool_copy(o, &d->gbodies, err);
		}
		for (j = 0; rc == 0 && !d->gsame && j < d->gn; j++)
			if (md_spool_copy_range(o, &d->gbodies, d->gbody[j],
			    d->gbody[j + 1], err) == -1 ||
			    md_spool_copy_range(o, &d->gtables, d->gtable[j],
			    d->gtable[j + 1], err) == -1)
				rc = -1;
	}
	d->out = was;
	md_spool_reset(&d->gapplies);
	md_spool_reset(&d->gbodies);
	md_spool_reset(&d->gtables);
	if (d->g0own)
		risk_register_take(NULL, d->g0);
	d->g0 = NULL;
	d->g0own = 0;
	d->gn = 0;
	return rc;
}

static int
md_register(struct md *d, struct error *err)
{
	buf_adds(d->out, "## Risk register\n\n");
	if (d->napply == 0) {
		buf_adds(d->out, "No risks apply.\n\n");
		return 0;
	}
	buf_adds(d->out, "Each risk is one threat of the catalogue applied to "
	    "one part of the system. A threat that applies to several parts "
	    "is stated once, with a risk for each part below it. Highest "
	    "severity first; those that rest on unanswered fields come last, "
	    "to confirm.\n\n");
	if (md_spool_copy(d->out, &d->reg, err) == -1)
		return -1;
	/* The provisional risks come last (risk_register_sort()). */
	if (d->nprov > 0)
		buf_addf(d->out, "To confirm: the %zu risk%s below rest%s "
		    "on fields not answered yet (the reasons marked "
		    "\"assumed\" say which); answering them confirms "
		    "or removes each.\n\n", d->nprov,
		    d->nprov == 1 ? "" : "s", d->nprov == 1 ? "s" : "");
	return md_spool_copy(d->out, &d->prov, err);
}

/*
 * What the decisions section lists of risk number n (0: it no longer
 * applies), as the register is read.
 */
static void
md_decided_risk(struct md *d, const struct risk *k, size_t n)
{
	struct buf	*o, *c;
	struct md_row	 r = { .n = 0 };

	if (n == 0) {
		o = &d->gone.b;
		d->ngone++;
		buf_adds(o, "- ");
		md_risk_ref(d, o, k, 0);
		buf_addf(o, ": was %s, status %s\n", md_word(&vocab_severity,
		    k->severity), md_word(&vocab_risk_status, k->status));
		buf_drain(o);
		return;
	}
	if (k->status != RISK_ACCEPTED && k->status != RISK_NOT_APPLICABLE)
		return;
	o = &d->decided.b;
	if (d->ndecided++ == 0)
		buf_adds(o, "| Risk | Decision | Justification | "
		    "Risk owner | Recorded by | Recorded at |\n"
		    "| --- | --- | --- | --- | --- | --- |\n");
	c = md_td(&r);
	buf_addf(c, "R%zu ", n);
	md_inline(c, export_risk_title(d->in, k));
	buf_adds(md_td(&r), md_word(&vocab_risk_status, k->status));
	c = md_td(&r);
	if (md_text(c, k->justification, MD_CELL, NULL, 0) == 0)
		buf_adds(c, "**none given**");
	c = md_td(&r);
	if (md_text(c, k->owner, MD_CELL, NULL, 0) == 0)
		buf_adds(c, "**none named**");
	md_cell(md_td(&r), k->decided_by);
	md_cell(md_td(&r), k->decided_at);
	md_tr(o, &r);
}

static int
md_decisions(struct md *d, struct error *err)
{
	struct buf	*o = d->out;

	if (md_spool_section(o, "## Accepted and not-applicable risks",
	    &d->decided, d->ndecided, NULL, err) == -1)
		return -1;
	return md_spool_section(o, "## Risks that no longer apply", &d->gone,
	    d->ngone, "Their decisions are kept and come back if the model "
	    "changes back.", err);
}

/* 1 if a name is unset or blank (md_text() writes nothing of it). */
static int
md_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static char *
md_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/*
 * The risk owner of an applying risk, for the sign-off: a decision names
 * who owns the risk, and that person signs for it. Copied: people, few.
 */
static void
md_owner_risk(struct md *d, const struct risk *k)
{
	struct md_owner	*w;

	if (md_blank(k->owner))
		return;
	if ((w = strmap_get(&d->owners, k->owner)) == NULL) {
		w = xcalloc(1, sizeof *w);
		w->name = xstrdup(k->owner);
		d->ownerv = xreallocarray(d->ownerv, d->nowners + 1,
		    sizeof *d->ownerv);
		d->ownerv[d->nowners++] = w;
		strmap_put(&d->owners, w->name, w);
	}
	w->nrisks++;
}

/* Risk owners by name (qsort). */
static int
md_owner_cmp(const void *a, const void *b)
{
	const struct md_owner *const	*x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * The overdue mitigations of applying risk number n on the report's date
 * (generated_at), as the dashboard lists them: due before that day, not
 * implemented, verified or rejected, on a risk that is neither accepted
 * nor not applicable. Copied: they are people's decisions, few.
 */
static void
md_late_risk(struct md *d, const struct risk *k, size_t n)
{
	const struct risk_mitigation	*m;
	struct md_late			*l;
	size_t				 j;

	if (k->status == RISK_ACCEPTED || k->status == RISK_NOT_APPLICABLE)
		return;
	for (j = 0; j < k->nmitigations; j++) {
		m = &k->mitigations[j];
		if (!risk_mitigation_overdue(m, d->in->generated_at))
			continue;
		d->late = xreallocarray(d->late, d->nlate + 1,
		    sizeof *d->late);
		l = &d->late[d->nlate];
		l->due = md_dup(m->due);
		l->id = md_dup(m->id);
		l->owner = md_dup(m->owner);
		l->title = xstrdup(export_risk_title(d->in, k));
		l->status = m->status;
		l->n = n;
		l->seq = d->nlate++;
	}
}

/* Oldest due date first, in register order for the same date. */
static int
md_late_cmp(const void *a, const void *b)
{
	const struct md_late	*x = a, *y = b;
	int			 c;

	if ((c = strncmp(x->due, y->due, 10)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The overdue mitigations, oldest due date first, with their owners. */
static void
md_overdue(struct md *d)
{
	const struct md_late	*l;
	struct buf		*o = d->out, *c;
	struct md_row		 r = { .n = 0 };
	const char		*today = d->in->generated_at;
	size_t			 b, n = d->nlate;

	if (n > 1)
		qsort(d->late, n, sizeof *d->late, md_late_cmp);
	buf_adds(o, "## Overdue mitigations\n\n");
	if (n == 0)
		buf_adds(o, "None");
	else
		buf_addf(o, "%zu mitigation%s past %s due date", n,
		    n == 1 ? "" : "s", n == 1 ? "its" : "their");
	if (today != NULL && strlen(today) >= 10)
		buf_addf(o, " on %.10s", today);
	buf_adds(o, ".\n\n");
	if (n > 0)
		buf_adds(o, "| Due | Mitigation | Owner | Status | Risk |\n"
		    "| --- | --- | --- | --- | --- |\n");
	for (b = 0; b < n; b++) {
		l = &d->late[b];
		md_cell(md_td(&r), l->due);
		c = md_td(&r);
		md_id(c, l->id);
		c = md_td(&r);
		if (md_text(c, l->owner, MD_CELL, NULL, 0) == 0)
			buf_adds(c, "**no owner**");
		buf_adds(md_td(&r), md_word(&vocab_mitigation_status,
		    l->status));
		c = md_td(&r);
		buf_addf(c, "R%zu ", l->n);
		md_inline(c, l->title);
		md_tr(o, &r);
	}
	if (n > 0)
		buf_addc(o, '\n');
}

/* The answer to a practice question, or TRI_UNKNOWN. */
static enum tri
md_answer(const struct model *m, const char *id, const char **note)
{
	size_t	i;

	*note = NULL;
	for (i = 0; i < m->npractices; i++) {
		if (strcmp(m->practices[i]->id, id) == 0) {
			*note = m->practices[i]->note;
			return m->practices[i]->answer;
		}
	}
	return TRI_UNKNOWN;
}

/* "- Component Name (`id`): a, b not answered" for unknown booleans. */
static size_t
md_unknowns(struct buf *o, const void *obj, enum objtype t, int kind,
    const char *id, const char *name, int media)
{
	const struct field	*f;
	size_t			 i, n, k = 0;

	f = model_fields(t, &n);
	for (i = 0; i < n; i++) {
		if (f[i].type != FIELD_BOOL || !field_applies(&f[i], kind) ||
		    (f[i].flags & FIELD_STATED) || field_isset(obj, &f[i]))
			continue;
		if (!media && strcmp(f[i].name, "biometric-data") == 0)
			continue;
		if (k++ == 0) {
			buf_addf(o, "- %c%s ", objtype_name(t)[0] - 'a' + 'A',
			    objtype_name(t) + 1);
			if (name != NULL && md_text(o, name, MD_INLINE, NULL,
			    0) > 0)
				buf_addc(o, ' ');
			buf_adds(o, "(");
			md_id(o, id);
			buf_adds(o, "): ");
		} else
			buf_adds(o, ", ");
		buf_adds(o, f[i].name);
	}
	if (k > 0)
		buf_adds(o, "\n");
	return k > 0;
}

/*
 * The unanswered fields that findings stand on, most severe first: each
 * with the threats it would raise if the risky answer is true.
 */
static int
md_field_questions(struct md *d, struct error *err)
{
	const struct risk_questions	*fq = NULL;
	const struct risk_question	*q;
	const struct risk		*k;
	struct buf			*o = d->out;
	char				*name;
	size_t				 i, j, n;

	if (d->in->cat == NULL || d->m == NULL)
		return 0;
	if (d->in->next_question != NULL)
		n = d->in->nquestions;
	else
		n = (fq = md_questions(d))->n;
	if (n > 0)
		buf_adds(o, "Fields not answered that threats would rest on "
		    "(the worst severity at stake first):\n\n");
	for (i = 0; i < n; i++) {
		/* Read one at a time, or found by the analysis. */
		if (fq != NULL)
			q = &fq->v[i];
		else if ((q = d->in->next_question(d->in->question_source,
		    err)) == NULL) {
			if (!error_isset(err))
				error_set(err, "the open questions kept with "
				    "the model end after %zu of %zu", i, n);
			return -1;
		}
		buf_adds(o, "- ");
		md_id(o, q->field);
		buf_adds(o, " of ");
		md_inline(o, q->element);
		buf_addf(o, " (at stake: %s): if the risky answer is true, ",
		    md_word(&vocab_severity, q->worst));
		for (j = 0; j < q->nrisks; j++) {
			k = q->risks[j];
			if (j > 0)
				buf_adds(o, "; ");
			md_inline(o, k->title);
			buf_adds(o, " (");
			name = risk_name(k);
			md_id(o, name);
			free(name);
			buf_addf(o, ", %s)", md_word(&vocab_severity,
			    k->severity));
		}
		buf_addc(o, '\n');
		buf_drain(o);
	}
	if (n > 0)
		buf_addc(o, '\n');
	return 0;
}

static int
md_practices(struct md *d, struct error *err)
{
	const struct catalogue	*cat = d->in->cat;
	const struct question	*q;
	struct buf		*o = d->out, *c2;
	struct md_spool		*facts = &d->cunknown[d->media != 0];
	struct md_row		 r = { .n = 0 };
	const char		*note;
	size_t			 i, n = 0;

	buf_adds(o, "## Practice answers and open questions\n\n"
	    "### Practice answers\n\n");
	if ((cat == NULL || cat->nquestions == 0) && d->m->npractices == 0)
		buf_adds(o, "No practice questions.\n\n");
	else {
		buf_adds(o, "| Subsection | Question | Answer | Note |\n"
		    "| --- | --- | --- | --- |\n");
		for (i = 0; cat != NULL && i < cat->nquestions; i++) {
			q = cat->questions[i];
			md_cell(md_td(&r), q->guideline);
			md_cell_named(md_td(&r), q->text, q->id);
			buf_adds(md_td(&r), md_word(&vocab_answer,
			    (int)md_answer(d->m, q->id, &note)));
			md_cell(md_td(&r), note);
			md_tr(o, &r);
		}
		for (i = 0; i < d->m->npractices; i++) {
			if (cat != NULL && catalogue_question(cat,
			    d->m->practices[i]->id) != NULL)
				continue;
			md_td(&r);
			c2 = md_td(&r);
			md_id(c2, d->m->practices[i]->id);
			buf_adds(c2, " (no longer in the catalogue)");
			buf_adds(md_td(&r), md_word(&vocab_answer,
			    (int)d->m->practices[i]->answer));
			md_cell(md_td(&r), d->m->practices[i]->note);
			md_tr(o, &r);
		}
		buf_addc(o, '\n');
	}

	buf_adds(o, "### Open questions\n\n"
	    "What is still unknown. A practice question not answered is an "
	    "open question of the assessment and raises no risk until it is "
	    "answered no. A fact not answered that a threat would rest on is "
	    "an open question too, not a risk: it names the threats at stake "
	    "and the severity each would have if the risky answer is true; "
	    "answering it makes them risks or settles them.\n\n");
	if (md_field_questions(d, err) == -1)
		return -1;
	for (i = 0; cat != NULL && i < cat->nquestions; i++) {
		q = cat->questions[i];
		if (md_answer(d->m, q->id, &note) != TRI_UNKNOWN)
			continue;
		if (n++ == 0)
			buf_adds(o, "Practice questions not answered:\n\n");
		buf_adds(o, "- ");
		md_inline(o, q->text);
		buf_adds(o, " (");
		md_id(o, q->id);
		buf_adds(o, ", subsection ");
		md_inline(o, q->guideline);
		buf_adds(o, ")\n");
	}
	if (n > 0)
		buf_addc(o, '\n');
	if (md_spool_at(facts) > 0 || md_spool_at(&d->funknown) > 0) {
		buf_adds(o, "Facts about components and flows not answered:"
		    "\n\n");
		if (md_spool_copy(o, facts, err) == -1 ||
		    md_spool_copy(o, &d->funknown, err) == -1)
			return -1;
		buf_addc(o, '\n');
	} else if (n == 0)
		buf_adds(o, "None: every question is answered.\n\n");
	return 0;
}

static void
md_signoff(struct md *d)
{
	struct buf	*o = d->out;
	struct md_row	 r = { .n = 0 };
	size_t		 i;

	buf_adds(o, "## Sign-off\n\n"
	    "By signing, each person below confirms that they have read "
	    "this report and accepts the decisions recorded in it.\n\n"
	    "| Role | Name | Decision | Date |\n| --- | --- | --- | --- |\n");
	buf_adds(md_td(&r), "System owner");
	md_cell(md_td(&r), d->m->system.owner);
	md_td(&r);
	md_td(&r);
	md_tr(o, &r);
	buf_adds(o, "| Security reviewer | | | |\n");
	if (d->nowners == 0) {
		/* No decision names one yet: a line to fill in. */
		buf_adds(o, "| Risk owner | | | |\n\n");
		return;
	}
	/* Each risk owner the decisions name signs for their risks. */
	qsort(d->ownerv, d->nowners, sizeof *d->ownerv, md_owner_cmp);
	for (i = 0; i < d->nowners; i++) {
		buf_addf(md_td(&r), "Risk owner (%zu risk%s)",
		    d->ownerv[i]->nrisks, d->ownerv[i]->nrisks == 1 ? "" : "s");
		md_cell(md_td(&r), d->ownerv[i]->name);
		md_td(&r);
		md_td(&r);
		md_tr(o, &r);
	}
	buf_addc(o, '\n');
}

/*
 * 1 if a history entry is a decision about a risk: its object is a risk
 * (THREAT@TARGET) and it is not the analysis noting that the risk started
 * or stopped applying.
 */
static int
md_is_decision(const struct change *c)
{
	return c->object != NULL && strchr(c->object, '@') != NULL &&
	    (c->field == NULL || strcmp(c->field, "applies") != 0);
}

/*
 * The next decision of the history, newest first: from the store one at a
 * time, or from the history held whole (oldest first) read backwards from
 * *at, the caller's position. NULL at the end, or with err set.
 */
static const struct change *
md_next_decision(struct md *d, size_t *at, struct error *err)
{
	const struct change	*c;

	if (d->in->next_decision != NULL)
		return d->in->next_decision(d->in->risk_source, err);
	while (*at > 0) {
		c = &d->in->history[--*at];
		if (md_is_decision(c))
			return c;
	}
	return NULL;
}

/*
 * Every decision, newest first with its date: what an approver asks
 * first is what changed last, and the whole record is there to read on.
 */
static int
md_history(struct md *d, struct error *err)
{
	const struct change	*c;
	struct buf		*o = d->out;
	struct md_row		 r = { .n = 0 };
	size_t			 i, n = d->in->ndecisions, at = d->in->nhistory;

	buf_adds(o, "## History of decisions\n\n");
	if (d->in->next_decision == NULL)
		for (n = 0, i = 0; i < d->in->nhistory; i++)
			if (md_is_decision(&d->in->history[i]))
				n++;
	if (n == 0) {
		buf_adds(o, "No decisions recorded yet.\n");
		return 0;
	}
	if (n == 1)
		buf_adds(o, "One decision.\n\n");
	else
		buf_addf(o, "All %zu decisions, newest first.\n\n", n);
	buf_adds(o, "| When | Who | Risk | Field | From | To |\n"
	    "| --- | --- | --- | --- | --- | --- |\n");
	error_clear(err);
	while ((c = md_next_decision(d, &at, err)) != NULL) {
		md_cell(md_td(&r), c->at);
		md_cell(md_td(&r), c->who);
		md_id(md_td(&r), c->object);
		md_cell(md_td(&r), c->field);
		md_cell(md_td(&r), c->old_value);
		md_cell(md_td(&r), c->new_value);
		md_tr(o, &r);
		buf_drain(o);
	}
	return error_isset(err) ? -1 : 0;
}

/*
 * What the report calls a flow: its name, or for an unnamed one its ends'
 * names, as the reader knows them ("Chat backend to Ticket tool"): an
 * empty cell read as a flow missing. The caller frees it.
 */
static char *
md_flow_label(const struct flow *f, const struct md_obj *a,
    const struct md_obj *b)
{
	if (!md_blank(f->name))
		return xstrdup(f->name);
	return xasprintf("%s to %s", a != NULL && !md_blank(a->name) ?
	    a->name : f->from, b != NULL && !md_blank(b->name) ? b->name :
	    f->to);
}

/* A flow's row of the flows' table, between its ends a and b. */
static void
md_flow_row(struct md *d, struct buf *o, const struct flow *f,
    const char *label, const struct md_obj *a, const struct md_obj *b)
{
	struct md_row	 r = { .n = 0 };
	char		*v;

	md_cell(md_td(&r), label);
	md_id(md_td(&r), f->id);
	md_id(md_td(&r), f->from);
	md_id(md_td(&r), f->to);
	v = field_get(f, model_field(OBJ_FLOW, "data"));
	md_cell(md_td(&r), v);
	free(v);
	buf_adds(md_td(&r), tri_word(md_crossing(d, a, b)));
	md_facts(md_td(&r), f, OBJ_FLOW, -1);
	md_tr(o, &r);
}

/* What md_index() writes of a component, number d->ncomp. */
static void
md_index_component(struct md *d, const struct component *c)
{
	if ((d->ncomp & (d->ncomp - 1)) == 0) {
		d->crow = xreallocarray(d->crow, 2 * d->ncomp + 2,
		    sizeof *d->crow);
		d->cdesc = xreallocarray(d->cdesc, 2 * d->ncomp + 2,
		    sizeof *d->cdesc);
	}
	d->crow[d->ncomp] = md_spool_at(&d->crows);
	md_component_row(&d->crows.b, c);
	buf_drain(&d->crows.b);
	d->cdesc[d->ncomp] = md_spool_at(&d->cdescs);
	if (c->description != NULL)
		md_item_described(&d->cdescs.b, c->id, c->description);
	buf_drain(&d->cdescs.b);
	/* Whether a flow carries media is known after the flows. */
	md_unknowns(&d->cunknown[0].b, c, OBJ_COMPONENT, c->kind, c->id,
	    c->name, 0);
	buf_drain(&d->cunknown[0].b);
	md_unknowns(&d->cunknown[1].b, c, OBJ_COMPONENT, c->kind, c->id,
	    c->name, 1);
	buf_drain(&d->cunknown[1].b);
	d->ncomp++;
}

/* What md_index() writes of a flow, the components known. */
static void
md_index_flow(struct md *d, const struct flow *f)
{
	const struct md_obj	*a = md_component(d, f->from),
				*b = md_component(d, f->to);
	char			*label;

	if ((d->nflow & (d->nflow - 1)) == 0)
		d->flows = xreallocarray(d->flows, d->nflow == 0 ? 64 :
		    d->nflow * 2, sizeof *d->flows);
	d->flows[d->nflow++] = md_keep_flow(&d->names, f->id, f->name);
	label = md_flow_label(f, a, b);
	md_flow_row(d, &d->frows.b, f, label, a, b);
	buf_drain(&d->frows.b);
	if (f->description != NULL) {
		d->nfdesc++;
		md_item_described(&d->fdescs.b, f->id, f->description);
		buf_drain(&d->fdescs.b);
	}
	md_mermaid_arrow(d, &d->arrows.b, f, a, b);
	buf_drain(&d->arrows.b);
	md_unknowns(&d->funknown.b, f, OBJ_FLOW, -1, f->id, label, 0);
	buf_drain(&d->funknown.b);
	free(label);
	d->media |= md_media(f);
}

/*
 * Read the model's components and flows once, before the register
 * (whose risks name them), one at a time: each one's id, name and place
 * kept (struct md_obj), what the sections write of it into their spools,
 * and the components grouped by boundary (in model order within each),
 * so that listing each boundary's components does not scan them all.
 * The components come first: a flow's row names its ends'.
 */
static int
md_index(struct md *d, struct error *err)
{
	const struct model	*m = d->m;
	const struct component	*c;
	const struct flow	*f;
	struct strmap		 bnd;
	size_t			 i, g, *fill;

	error_clear(err);
	strmap_init(&bnd);
	/* The first of an id, as the model's index finds it. */
	for (i = m->nboundaries; i-- > 0;)
		strmap_put(&bnd, m->boundaries[i]->id,
		    (void *)(uintptr_t)(i + 1));
	while ((c = md_next_object(d, OBJ_COMPONENT, err)) != NULL) {
		g = c->boundary != NULL ? (uintptr_t)strmap_get(&bnd,
		    c->boundary) : 0;
		md_obj_add(d, c->id, c->name, OBJ_COMPONENT, c->kind,
		    d->ncomp, g == 0 ? m->nboundaries : g - 1);
		md_index_component(d, c);
	}
	strmap_release(&bnd);
	if (error_isset(err))
		return -1;
	if (d->crow == NULL) {
		d->crow = xcalloc(1, sizeof *d->crow);
		d->cdesc = xcalloc(1, sizeof *d->cdesc);
	}
	d->crow[d->ncomp] = md_spool_at(&d->crows);
	d->cdesc[d->ncomp] = md_spool_at(&d->cdescs);

	/* Components by boundary, before the order by id. */
	d->bycomp = xreallocarray(NULL, d->ncomp + 1, sizeof *d->bycomp);
	d->bystart = xcalloc(m->nboundaries + 2, sizeof *d->bystart);
	fill = xcalloc(m->nboundaries + 2, sizeof *fill);
	for (i = 0; i < d->ncomp; i++)
		d->bystart[d->objs[i].g + 1]++;
	for (g = 0; g <= m->nboundaries; g++)
		d->bystart[g + 1] += d->bystart[g];
	for (i = 0; i < d->ncomp; i++) {
		g = d->objs[i].g;
		d->bycomp[d->bystart[g] + fill[g]++] = i;
	}
	free(fill);

	/* By id for md_find() (ids are unique in a model). */
	for (i = 0; i < m->nboundaries; i++)
		md_obj_add(d, m->boundaries[i]->id, m->boundaries[i]->name,
		    OBJ_BOUNDARY, 0, i, 0);
	if (d->nobjs > 0)
		qsort(d->objs, d->nobjs, sizeof *d->objs, md_obj_cmp);
	d->comp = xreallocarray(NULL, d->ncomp + 1, sizeof *d->comp);
	for (i = 0; i < d->nobjs; i++)
		if (d->objs[i].type == OBJ_COMPONENT)
			d->comp[d->objs[i].i] = (uint32_t)i;

	while ((f = md_next_object(d, OBJ_FLOW, err)) != NULL)
		md_index_flow(d, f);
	if (error_isset(err))
		return -1;
	if (d->nflow > 0)
		qsort(d->flows, d->nflow, sizeof *d->flows, md_str_cmp);
	return 0;
}

/*
 * The next risk in the report's order (model/risk-group.h), from the
 * register in memory or from the store; *own: the caller frees it.
 * NULL at the end, or with err set.
 */
static struct risk *
md_next(struct md *d, int *own, struct error *err)
{
	*own = d->in->take_risk != NULL;
	if (*own)
		return d->in->take_risk(d->in->risk_source, err);
	if (d->next == d->nsorted)
		return NULL;
	return d->risks[d->order[d->next++]];
}

/* The register in memory in the report's order. */
static void
md_order(struct md *d)
{
	struct risk_group_key	*keys;
	size_t			 i;

	d->risks = export_sorted_risks(d->in, &d->nsorted);
	d->order = xreallocarray(NULL, d->nsorted + 1, sizeof *d->order);
	keys = xreallocarray(NULL, d->nsorted + 1, sizeof *keys);
	for (i = 0; i < d->nsorted; i++) {
		keys[i].threat = d->risks[i]->threat;
		keys[i].provisional = risk_provisional(d->risks[i]);
		keys[i].applies = d->risks[i]->applies;
	}
	risk_group_order(keys, d->nsorted, d->order);
	free(keys);
}

/*
 * Read the register once, in the report's order: each applying risk
 * numbered as it comes and written into its threat's group, and what the
 * other sections list of it kept.
 */
static int
md_read_register(struct md *d, struct error *err)
{
	struct risk	*k;
	int		 own = 0;

	error_clear(err);
	while ((k = md_next(d, &own, err)) != NULL && k->applies) {
		if (d->gn > 0 && (strcmp(k->threat, d->g0->threat) != 0 ||
		    risk_provisional(k) != risk_provisional(d->g0)) &&
		    md_group_end(d, err) == -1) {
			if (own)
				risk_register_take(NULL, k);
			return -1;
		}
		d->napply++;
		d->nrisks = d->napply;
		risk_counts_add_risk(&d->counts, k);
		md_summary_risk(d, k, d->napply);
		md_guideline_risk(d, k, d->napply);
		md_late_risk(d, k, d->napply);
		md_owner_risk(d, k);
		md_decided_risk(d, k, d->napply);
		md_group_add(d, k, d->napply, own);
	}
	if (md_group_end(d, err) == -1) {
		if (k != NULL && own)
			risk_register_take(NULL, k);
		return -1;
	}
	/* Those that no longer apply, in register order. */
	for (; k != NULL; k = md_next(d, &own, err)) {
		d->nrisks++;
		md_decided_risk(d, k, 0);
		if (own)
			risk_register_take(NULL, k);
	}
	return error_isset(err) ? -1 : 0;
}

int
export_markdown(const struct export_input *in, struct buf *out,
    struct error *err)
{
	struct md	d;
	size_t		i;
	int		rc = -1;

	memset(&d, 0, sizeof d);
	d.out = out;
	d.in = in;
	d.m = in->model;
	md_each_spool(&d, md_spool_init);
	strmap_init(&d.stated);
	strmap_init(&d.owners);
	md_guidelines_init(&d);
	if (in->take_risk == NULL)
		md_order(&d);
	if (in->next_object != NULL && in->next_question == NULL &&
	    in->cat != NULL) {
		/* Found by an analysis of the model whole. */
		error_set(err, "the report of a model read one object at a "
		    "time needs its open questions kept");
		goto out;
	}
	if (md_index(&d, err) == -1 || md_read_register(&d, err) == -1)
		goto out;
	md_title_block(&d);
	if (md_summary(&d, err) == -1 || md_system(&d, err) == -1)
		goto out;
	if (md_guidelines(&d, err) == -1 || md_register(&d, err) == -1)
		goto out;
	md_overdue(&d);
	if (md_decisions(&d, err) == -1)
		goto out;
	if (md_practices(&d, err) == -1)
		goto out;
	md_signoff(&d);
	if (md_history(&d, err) == -1)
		goto out;
	rc = 0;
out:
	if (d.asked) {
		risk_questions_release(&d.fq);
		risk_register_release(&d.pending);
	}
	md_each_spool(&d, md_spool_release);
	if (d.g0own && d.g0 != NULL)
		risk_register_take(NULL, d.g0);
	free(d.gbody);
	free(d.gtable);
	for (i = 0; i < d.ng; i++)
		md_spool_release(&d.cites[i]);
	free(d.cites);
	free(d.gcount);
	strmap_release(&d.gindex);
	strmap_release(&d.stated);
	strmap_release(&d.owners);
	for (i = 0; i < d.nowners; i++) {
		free(d.ownerv[i]->name);
		free(d.ownerv[i]);
	}
	free(d.ownerv);
	for (i = 0; i < d.nstated; i++)
		free(d.statedkeys[i]);
	free(d.statedkeys);
	for (i = 0; i < d.nlate; i++) {
		free(d.late[i].due);
		free(d.late[i].id);
		free(d.late[i].owner);
		free(d.late[i].title);
	}
	free(d.late);
	free(d.risks);
	free(d.order);
	md_names_release(&d.names);
	free(d.objs);
	free(d.flows);
	free(d.comp);
	free(d.crow);
	free(d.cdesc);
	free(d.bycomp);
	free(d.bystart);
	return rc;
}

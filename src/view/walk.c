/* walk.c: the steps of the walk-through, where a model stands, and what
 * each step shows. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "rules/analyze.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/flows.h"
#include "view/keys.h"
#include "view/risks.h"
#include "view/walk.h"

static const struct walk_info walk_infos[WALK_COUNT] = {
	{ "System", "The system",
	  "Name the system, the risk owner who signs off, and how critical "
	  "it is.",
	  "The guidelines ask that systems whose compromise could cause "
	  "serious harm be treated as critical (1.2): high or critical raises "
	  "the impact of harm to what the system decides, does or holds; low "
	  "lowers every impact." },
	{ "Boundaries", "Trust boundaries",
	  "List the zones that differ in trust: the public internet, your "
	  "cloud account, a model vendor.",
	  "Attacks enter where data crosses from a less trusted zone into a "
	  "more trusted one; threat modelling starts at these edges (1.2, "
	  "3.1)." },
	{ "Components", "Components",
	  "Add the people, applications, models, data, tools and services, "
	  "each in its trust boundary.",
	  "Every AI asset brings its own threats, from poisoned data to "
	  "stolen weights and prompt injection; the guidelines ask you to "
	  "know and protect them (2.1, 2.2)." },
	{ "Flows", "Data flows",
	  "Say what data moves from which component to which, and whether it "
	  "is authenticated and encrypted.",
	  "Prompts, retrieved documents and tool calls carry attacks across "
	  "boundaries; an unanswered field is an open question that names "
	  "the risks its risky answer would raise (3.2, 4.2)." },
	{ "Practice", "Practice questions",
	  "Answer how the team works: awareness, supply chain, release, "
	  "monitoring, incidents.",
	  "The guidelines cover the whole life cycle, not only the design: a "
	  "'no' raises risks for the system as a whole; 'unknown' or no "
	  "answer leaves an open question (1.1, 3.3, 4.4)." },
	{ "Analysis", "Analysis",
	  "Parapet has applied the threat catalogue to the model; see what "
	  "it found and what it had to assume.",
	  "A field not answered that threats would rest on is an open "
	  "question, not a risk: it names what it would raise; answering "
	  "it settles them (1.2)." },
	{ "Review", "Review the risks",
	  "Decide every risk: mitigate it, accept it with a justification, "
	  "or mark it not applicable; then export the report for sign-off.",
	  "The guidelines ask that risks be owned, decided and documented, "
	  "and that mitigations be tracked through operation (1.2, 2.3, "
	  "4.1)." },
};

const struct walk_info *
walk_info(enum walk_step s)
{
	if (s < 0 || s >= WALK_COUNT)
		s = WALK_SYSTEM;
	return &walk_infos[s];
}

int
walk_answer(const struct model *m, const char *id)
{
	size_t	i;

	for (i = 0; i < m->npractices; i++)
		if (strcmp(m->practices[i]->id, id) == 0)
			return (int)m->practices[i]->answer;
	return -1;
}

/* One object a template made, and the fields of it changed since. */
struct walk_tmpl_obj {
	char		*id;		/* the map's key */
	enum objtype	 type;
	int		 from_template;
	unsigned long long changed;	/* bit j: field j of its type */
	unsigned long long before;	/* changed before step 3 was
					   confirmed */
};

void
walk_tmpl_init(struct walk_tmpl *wt)
{
	memset(wt, 0, sizeof *wt);
	strmap_init(&wt->objects);
}

static void
walk_tmpl_obj_free(struct walk_tmpl_obj *o)
{
	if (o != NULL) {
		free(o->id);
		free(o);
	}
}

void
walk_tmpl_release(struct walk_tmpl *wt)
{
	size_t	i;

	for (i = 0; i < wt->objects.cap; i++)
		if (wt->objects.slots[i].key != NULL)
			walk_tmpl_obj_free(wt->objects.slots[i].value);
	strmap_release(&wt->objects);
	free(wt->name);
	walk_tmpl_init(wt);
}

char *
walk_tmpl_source(const char *source)
{
	const char	*pre = "template '";
	size_t		 n;

	if (source == NULL || strncmp(source, pre, strlen(pre)) != 0)
		return NULL;
	source += strlen(pre);
	n = strlen(source);
	if (n < 2 || source[n - 1] != '\'')
		return NULL;
	return xstrndup(source, n - 1);
}

/*
 * The type a "created" entry names (a component by its kind), or -1 (a
 * risk, a question).
 */
static int
walk_tmpl_type(const char *word)
{
	static const char *const names[OBJ_COUNT] = { "system", "boundary",
	    "component", "flow" };
	int	t;

	if (word == NULL)
		return -1;
	for (t = 0; t < OBJ_COUNT; t++)
		if (strcmp(word, names[t]) == 0)
			return t;
	return vocab_find(&vocab_kind, word) != -1 ? OBJ_COMPONENT : -1;
}

/* The index of a field of a type, or -1. */
static int
walk_tmpl_field(enum objtype type, const char *name)
{
	const struct field	*fs;
	size_t			 nf, j;

	fs = model_fields(type, &nf);
	for (j = 0; j < nf && j < 64; j++)
		if (strcmp(fs[j].name, name) == 0)
			return (int)j;
	return -1;
}

/* What history calls the first steps when they are confirmed. */
static const char *const walk_confirm_words[] = {
	[WALK_SYSTEM] = "system",
	[WALK_BOUNDARIES] = "boundaries",
	[WALK_COMPONENTS] = "components",
	[WALK_FLOWS] = "flows",
};

const char *
walk_confirm_word(enum walk_step s)
{
	return (size_t)s < sizeof walk_confirm_words /
	    sizeof walk_confirm_words[0] ? walk_confirm_words[s] : NULL;
}

/* The step a confirmation's word names, or -1. */
static int
walk_confirm_step(const char *word)
{
	size_t	s;

	for (s = 0; word != NULL && s < sizeof walk_confirm_words /
	    sizeof walk_confirm_words[0]; s++)
		if (strcmp(walk_confirm_words[s], word) == 0)
			return (int)s;
	return -1;
}

/*
 * Step s confirmed as the template made it: no longer its example; the
 * components step confirms the facts of the components it made.
 */
static void
walk_tmpl_confirm(struct walk_tmpl *wt, int s)
{
	struct walk_tmpl_obj	*o;
	size_t			 i;

	wt->confirmed |= wt->example & (1U << s);
	wt->example &= ~(1U << s);
	if (s != WALK_COMPONENTS)
		return;
	for (i = 0; i < wt->objects.cap; i++)
		if (wt->objects.slots[i].key != NULL &&
		    (o = wt->objects.slots[i].value)->type == OBJ_COMPONENT) {
			o->before = o->changed;
			o->changed = ~0ULL;
		}
}

/*
 * A confirmation of step s withdrawn (an undo): the step holds the
 * template's example again, with its components' facts as they were,
 * unless something in it changed since the confirmation.
 */
static void
walk_tmpl_unconfirm(struct walk_tmpl *wt, int s)
{
	struct walk_tmpl_obj	*o;
	size_t			 i;

	if (!(wt->confirmed & (1U << s)))
		return;
	wt->confirmed &= ~(1U << s);
	wt->example |= 1U << s;
	if (s != WALK_COMPONENTS)
		return;
	for (i = 0; i < wt->objects.cap; i++)
		if (wt->objects.slots[i].key != NULL &&
		    (o = wt->objects.slots[i].value)->type == OBJ_COMPONENT)
			o->changed = o->before;
}

void
walk_tmpl_read(struct walk_tmpl *wt, const struct change *v, size_t n)
{
	struct walk_tmpl_obj	*o;
	char			*name;
	size_t			 i;
	int			 type, f, tmpl;

	for (i = 0; i < n; i++) {
		const struct change	*c = &v[i];

		if (c->object == NULL || c->field == NULL)
			continue;
		name = walk_tmpl_source(c->source);
		tmpl = name != NULL;
		if (strcmp(c->field, "created") == 0 &&
		    (type = walk_tmpl_type(c->new_value)) != -1) {
			if (type == OBJ_SYSTEM && tmpl && wt->name == NULL) {
				wt->name = name;
				name = NULL;
				wt->example = (1U << WALK_SYSTEM) |
				    (1U << WALK_BOUNDARIES) |
				    (1U << WALK_COMPONENTS) |
				    (1U << WALK_FLOWS);
			}
			o = xcalloc(1, sizeof *o);
			o->id = xstrdup(c->object);
			o->type = (enum objtype)type;
			o->from_template = tmpl;
			walk_tmpl_obj_free(strmap_put(&wt->objects, o->id, o));
			if (!tmpl) {
				wt->example &= ~(1U << type);
				wt->confirmed &= ~(1U << type);
			}
			free(name);
			continue;
		}
		free(name);
		if (tmpl || (o = strmap_get(&wt->objects, c->object)) == NULL)
			continue;
		/* A step confirmed as the template made it. */
		if (strcmp(c->field, HISTORY_CONFIRMED) == 0) {
			if (o->type != OBJ_SYSTEM)
				continue;
			if ((f = walk_confirm_step(c->new_value)) != -1)
				walk_tmpl_confirm(wt, f);
			else if (c->new_value == NULL &&
			    (f = walk_confirm_step(c->old_value)) != -1)
				walk_tmpl_unconfirm(wt, f);
			continue;
		}
		/* Someone changed this step: it is no longer the example. */
		wt->example &= ~(1U << o->type);
		wt->confirmed &= ~(1U << o->type);
		if (strcmp(c->field, "deleted") == 0)
			walk_tmpl_obj_free(strmap_del(&wt->objects, c->object));
		else if (strcmp(c->field, "id") == 0 && c->new_value != NULL) {
			strmap_del(&wt->objects, c->object);
			free(o->id);
			o->id = xstrdup(c->new_value);
			walk_tmpl_obj_free(strmap_put(&wt->objects, o->id, o));
		} else if ((f = walk_tmpl_field(o->type, c->field)) != -1)
			o->changed |= 1ULL << f;
	}
}

/*
 * 1 if a model has objects of a type (its MODEL_UNREAD_* bit): read, or
 * stored and not read (a model opened in part).
 */
static int
walk_has(const struct model *m, unsigned type)
{
	if (m->unread & type)
		return 1;
	switch (type) {
	case MODEL_UNREAD_BOUNDARIES:
		return m->nboundaries > 0;
	case MODEL_UNREAD_COMPONENTS:
		return m->ncomponents > 0;
	default:
		return m->nflows > 0;
	}
}

int
walk_done(enum walk_step s, const struct model *m, const struct catalogue *c,
    const struct risk_counts *rc, const struct walk_tmpl *wt)
{
	size_t	i;

	if (wt != NULL && wt->name != NULL && s <= WALK_FLOWS &&
	    (wt->example & (1U << s)))
		return 0;
	switch (s) {
	case WALK_SYSTEM:
		return m->system.name != NULL && m->system.owner != NULL &&
		    m->system.criticality >= 0;
	case WALK_BOUNDARIES:
		return walk_has(m, MODEL_UNREAD_BOUNDARIES);
	case WALK_COMPONENTS:
		return walk_has(m, MODEL_UNREAD_COMPONENTS);
	case WALK_FLOWS:
		return walk_has(m, MODEL_UNREAD_FLOWS);
	case WALK_PRACTICE:
		for (i = 0; c != NULL && i < c->nquestions; i++)
			if (walk_answer(m, c->questions[i]->id) == -1)
				return 0;
		return 1;
	case WALK_ANALYSIS:
		/*
		 * Risks of the practice questions alone come from any model,
		 * an empty one too: the analysis is done once there is a
		 * system of components and flows to apply the catalogue to.
		 */
		return walk_has(m, MODEL_UNREAD_COMPONENTS) &&
		    walk_has(m, MODEL_UNREAD_FLOWS) && rc != NULL &&
		    rc->applying + rc->gone > 0;
	case WALK_REVIEW:
		if (rc != NULL && rc->by_status[RISK_OPEN] > 0)
			return 0;
		return walk_done(WALK_ANALYSIS, m, c, rc, NULL);
	case WALK_COUNT:
		break;
	}
	return 0;
}

enum walk_step
walk_resume(const struct model *m, const struct catalogue *c,
    const struct risk_counts *rc, const struct walk_tmpl *wt)
{
	enum walk_step	s;

	for (s = WALK_SYSTEM; s <= WALK_PRACTICE; s++)
		if (!walk_done(s, m, c, rc, wt))
			return s;
	return WALK_REVIEW;
}

void
walk_header(struct vlines *ls, enum walk_step cur, const struct model *m,
    const struct catalogue *c, const struct risk_counts *rc,
    const struct walk_tmpl *wt, int width)
{
	const struct walk_info	*wi = walk_info(cur);
	struct vline		*l = vlines_add(ls);
	enum walk_step		 s;

	for (s = WALK_SYSTEM; s < WALK_COUNT; s++) {
		if (s > 0)
			vline_add(l, VS_NORMAL, " ");
		if (s == cur)
			vline_addf(l, VS_TITLE, "[%d %s]", (int)s + 1,
			    walk_infos[s].name);
		else
			vline_addf(l, VS_DIM, "%d %s", (int)s + 1,
			    walk_infos[s].name);
		if (walk_done(s, m, c, rc, wt))
			vline_add(l, VS_OK, "\xe2\x9c\x93");	/* U+2713 */
	}
	vlines_addf(ls, VS_HEADING, "Step %d of %d: %s", (int)cur + 1,
	    WALK_COUNT, wi->title);
	vlines_wrap(ls, VS_NORMAL, wi->what, width, 0);
	vlines_wrap(ls, VS_DIM, wi->why, width, 0);
}

/* A heading line of column names. */
static void
walk_columns(struct vlist *l, const char *const *names, const int *widths,
    size_t n)
{
	struct vline	*v = vlines_add(&l->lines);
	size_t		 i;

	vline_add(v, VS_HEADING, "  ");
	for (i = 0; i < n; i++) {
		vline_cell(v, VS_HEADING, names[i], widths[i]);
		vline_add(v, VS_HEADING, " ");
	}
}

/* A note line that the cursor skips. */
static void
walk_note(struct vlist *l, int style, const char *text, int width)
{
	vlines_wrap(&l->lines, style, text, width, 2);
}

/* A note that names the key of an action in the walk: before KEY after. */
static void
walk_note_key(struct vlist *l, const char *before, enum action a,
    const char *after, int width)
{
	char	*s = xasprintf("%s%s%s", before, keys_key(a, KCTX_WALK),
	    after);

	walk_note(l, VS_WARN, s, width);
	free(s);
}

/* w, or the width of s when wider, up to max. */
static int
walk_wider(int w, const char *s, int max)
{
	int	sw = s != NULL ? text_width(s) : 0;

	if (sw > w)
		w = sw;
	return w > max ? max : w;
}

/* One "name  value" line of the system. */
static void
walk_system_field(struct vlist *l, const struct model *m, const char *name)
{
	const struct field	*f = model_field(OBJ_SYSTEM, name);
	struct vline		*v = vlist_item(l, &m->system);
	char			*s = field_get(&m->system, f);

	vline_add(v, VS_NORMAL, "  ");
	vline_cell(v, VS_HEADING, name, 14);
	if (s != NULL)
		vline_add(v, VS_FIELD, s);
	else if (strcmp(name, "owner") == 0 ||
	    strcmp(name, "criticality") == 0)
		vline_add(v, VS_WARN, "(not set: to do)");
	else
		vline_add(v, VS_DIM, "(not set)");
	free(s);
}

/* The system step: its fields, any line edits it. */
static void
walk_system(struct vlist *l, const struct model *m, int width)
{
	char	*s;

	walk_system_field(l, m, "id");
	walk_system_field(l, m, "name");
	walk_system_field(l, m, "owner");
	walk_system_field(l, m, "criticality");
	walk_system_field(l, m, "description");
	vlines_add(&l->lines);
	s = xasprintf("%s edits the system.", keys_key(ACT_OPEN, KCTX_LIST));
	walk_note(l, VS_DIM, s, width);
	free(s);
}

/* The boundaries step: one line per boundary with its trust and size. */
static void
walk_boundaries(struct vlist *l, const struct model *m, int width)
{
	static const char *const names[] = { "id", "name", "trust",
	    "components" };
	int		 widths[] = { 2, 0, 12, 10 };
	struct strmap	 count;	/* boundary id -> its components */
	struct vline	*v;
	size_t		 i, j, n;

	if (m->nboundaries == 0) {
		walk_note_key(l, "No trust boundaries yet: press ", ACT_ADD,
		    " to add one.", width);
		return;
	}
	/* Ids whole (up to a third of the width), the name the rest. */
	for (i = 0; i < m->nboundaries; i++)
		widths[0] = walk_wider(widths[0], m->boundaries[i]->id,
		    width / 3);
	/* Each column and a space, and the scroll mark's column. */
	widths[1] = width - 2 - (widths[0] + 1) - 1 - 13 - 11 - 1;
	if (widths[1] < 12)
		widths[1] = 12;
	walk_columns(l, names, widths, 4);
	/* Each boundary's components counted in one pass over them. */
	strmap_init(&count);
	for (j = 0; j < m->ncomponents; j++) {
		const char	*bid = m->components[j]->boundary;

		if (bid == NULL)
			continue;
		n = (size_t)(uintptr_t)strmap_get(&count, bid);
		(void)strmap_put(&count, bid, (void *)(uintptr_t)(n + 1));
	}
	for (i = 0; i < m->nboundaries; i++) {
		const struct boundary	*b = m->boundaries[i];

		n = (size_t)(uintptr_t)strmap_get(&count, b->id);
		v = vlist_item(l, b);
		vline_add(v, VS_NORMAL, "  ");
		vline_cell(v, VS_NORMAL, b->id, widths[0]);
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, b->name, widths[1]);
		vline_add(v, VS_NORMAL, " ");
		if (b->trust >= 0)
			vline_cell(v, VS_FIELD, vocab_name(&vocab_trust,
			    b->trust), widths[2]);
		else
			vline_cell(v, VS_WARN, "unknown", widths[2]);
		/* (Being read: counted once every component is.) */
		if (m->unread & MODEL_UNREAD_COMPONENTS)
			vline_add(v, VS_DIM, " \xe2\x80\xa6");
		else
			vline_addf(v, VS_NORMAL, " %zu", n);
	}
	strmap_release(&count);
}

/* A component's line in the columns of wf->cols (vlist fill). */
static void
walk_component_line(struct vline *v, const struct component *c,
    const int *widths)
{
	vline_add(v, VS_NORMAL, "  ");
	vline_cell(v, VS_NORMAL, c->id, widths[0]);
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_NORMAL, c->name, widths[1]);
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_FIELD, vocab_name(&vocab_kind, c->kind),
	    widths[2]);
	vline_add(v, VS_NORMAL, " ");
	if (c->boundary != NULL)
		vline_cell(v, VS_NORMAL, c->boundary, widths[3]);
	else
		vline_cell(v, VS_WARN, "(none)", widths[3]);
}

static void
walk_fill_component(const void *arg, struct vline *v)
{
	const struct walk_fill	*wf = arg;

	walk_component_line(v, v->data, wf->cols);
}

void
walk_component_add(struct vlist *l, const struct component *c,
    const struct walk_fill *wf)
{
	(void)wf;	/* (the list's fill_arg: its columns) */
	(void)vlist_item(l, c);
}

/*
 * The components step: id, name, kind and boundary of each. With wf, the
 * lines' text is made as they are shown (at a million components making
 * all of them took most of a second).
 */
static void
walk_components(struct vlist *l, const struct model *m, int width,
    struct walk_fill *wf)
{
	static const char *const names[] = { "id", "name", "kind",
	    "boundary" };
	int		 widths[] = { 2, 0, 4, 8 };
	struct vline	*v;
	size_t		 i;

	if (m->ncomponents == 0) {
		walk_note_key(l, "No components yet: press ", ACT_ADD,
		    " to add one (you choose its kind first).", width);
		return;
	}
	/* Ids, kinds and boundaries whole (within bounds), the name the
	 * rest. */
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = m->components[i];

		widths[0] = walk_wider(widths[0], c->id, width / 3);
		widths[2] = walk_wider(widths[2], vocab_name(&vocab_kind,
		    c->kind), 18);
		widths[3] = walk_wider(widths[3], c->boundary, width / 4);
	}
	/* Each column and a space, and the scroll mark's column. */
	widths[1] = width - 2 - (widths[0] + 1) - 1 - (widths[2] + 1) -
	    (widths[3] + 1) - 1;
	if (widths[1] < 12)
		widths[1] = 12;
	walk_columns(l, names, widths, 4);
	if (wf != NULL) {
		memcpy(wf->cols, widths, sizeof wf->cols);
		l->fill = walk_fill_component;
		l->fill_arg = wf;
	}
	for (i = 0; i < m->ncomponents; i++) {
		v = vlist_item(l, m->components[i]);
		if (wf == NULL)
			walk_component_line(v, m->components[i], widths);
	}
}

/* The flows step: each flow as the data-flow view shows it. */
static void
walk_flows(struct vlist *l, const struct model *m, int width)
{
	struct flows_widths	 fw;
	size_t		 i;

	if (m->nflows == 0) {
		if (m->ncomponents < 2)
			walk_note_key(l, "No data flows yet: add at least two "
			    "components first, then press ", ACT_ADD, " here.",
			    width);
		else
			walk_note_key(l, "No data flows yet: press ", ACT_ADD,
			    " to add one.", width);
		return;
	}
	flows_view_widths(m, width, &fw);
	for (i = 0; i < m->nflows; i++)
		flows_view_item(l, m, m->flows[i], &fw, width);
}

/* The practice step: the questions by guideline, with their answers. */
static void
walk_practice(struct vlist *l, const struct model *m,
    const struct catalogue *c, int width)
{
	const struct question	*q, **qs;
	const char		*last = "";
	struct vline		*v;
	size_t			 i, j;
	int			 a;

	if (c == NULL || c->nquestions == 0) {
		walk_note(l, VS_DIM, "The catalogue has no practice "
		    "questions.", width);
		return;
	}
	/* By guideline subsection, in catalogue order within one. */
	qs = xcalloc(c->nquestions, sizeof *qs);
	for (i = 0; i < c->nquestions; i++) {
		for (j = i; j > 0 && strcmp(qs[j - 1]->guideline != NULL ?
		    qs[j - 1]->guideline : "", c->questions[i]->guideline !=
		    NULL ? c->questions[i]->guideline : "") > 0; j--)
			qs[j] = qs[j - 1];
		qs[j] = c->questions[i];
	}
	for (i = 0; i < c->nquestions; i++) {
		q = qs[i];
		if (q->guideline != NULL && strcmp(q->guideline, last) != 0) {
			vlines_addf(&l->lines, VS_HEADING, "Guideline %s",
			    q->guideline);
			last = q->guideline;
		}
		v = vlist_item(l, q);
		a = walk_answer(m, q->id);
		vline_add(v, VS_NORMAL, "  ");
		if (a == TRI_YES)
			vline_add(v, VS_OK, "[yes]");
		else if (a == TRI_NO)
			vline_add(v, VS_WARN, "[no ]");
		else if (a == TRI_UNKNOWN)
			vline_add(v, VS_WARN, "[ ? ]");
		else
			vline_add(v, VS_DIM, "[   ]");
		vline_add(v, VS_NORMAL, " ");
		vline_cell(v, VS_NORMAL, q->text, width - 9);
	}
	free(qs);
	/* An unanswered question is an open question, not a risk. */
	vlines_add(&l->lines);
	vlines_addf(&l->lines, analyze_open_questions(c, m, NULL) > 0 ?
	    VS_WARN : VS_OK, "  Open questions (not answered): %zu of %zu; a "
	    "no raises the risk of its gap", analyze_open_questions(c, m,
	    NULL), c->nquestions);
}

/* Columns of a question's line before a risk's title (its first line). */
#define WALK_STAKE	22

/*
 * The lines the title of a risk at stake takes, wrapped under itself at
 * width (as walk_stake_line() wraps it): one for plain ASCII that fits,
 * which spares a wrap for nearly every one of a million.
 */
static size_t
walk_stake_lines(const char *title, int width)
{
	struct vlines	 ls;
	const char	*p;
	size_t		 n;
	int		 avail = width - 1 - WALK_STAKE;

	if (avail < 8)
		avail = 8;
	if (title == NULL)
		title = "";
	for (p = title; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == '\0' && p - title <= avail)
		return 1;
	vlines_init(&ls);
	vlines_wrap(&ls, VS_DIM, title, width - 1, WALK_STAKE);
	n = ls.n;
	vlines_release(&ls);
	return n;
}

/* Line t of a risk at stake: its severity, then its title wrapped. */
static void
walk_stake_line(struct vline *v, const struct risk *k, size_t t, int width)
{
	struct vlines	title;

	vlines_init(&title);
	vlines_wrap(&title, VS_DIM, k->title, width - 1, WALK_STAKE);
	if (t == 0)
		vline_addf(v, VS_DIM, "    at stake %-8s ",
		    vocab_name(&vocab_severity, k->severity));
	if (t < title.n && title.v[t].n > 0)
		vline_add(v, VS_DIM, title.v[t].segs[0].text +
		    (t == 0 ? WALK_STAKE : 0));
	vlines_release(&title);
}

/* The line of an open question: the worst severity at stake, the field. */
static void
walk_question_line(struct vline *v, const struct risk_question *q)
{
	vline_add(v, VS_NORMAL, "    ");
	vline_addf(v, rview_severity_style(q->worst), "%-8s",
	    vocab_name(&vocab_severity, q->worst));
	vline_add(v, VS_NORMAL, " ");
	vline_add(v, VS_NORMAL, q->field);
	vline_add(v, VS_NORMAL, " of ");
	vline_add(v, VS_NORMAL, q->element);
}

/*
 * The text of an open question's line as it is shown (vlist fill): its
 * data is the question, or the slot of a risk at stake in its question's
 * risks, which carry each line of its title.
 */
static void
walk_fill_question(const void *arg, struct vline *v)
{
	const struct walk_fill	*wf = arg;
	const struct vline	*lines = wf->l->lines.v;
	const struct risk	*const *slot;
	uintptr_t		 p = (uintptr_t)v->data;
	size_t			 i = (size_t)(v - lines), t = 0;

	if (p >= (uintptr_t)wf->fq->v &&
	    p < (uintptr_t)(wf->fq->v + wf->fq->n)) {
		walk_question_line(v, v->data);
		return;
	}
	while (i > t && lines[i - t - 1].data == v->data)
		t++;
	slot = v->data;
	walk_stake_line(v, *slot, t, wf->width);
}

/*
 * The unanswered fields that findings stand on: one line each, the worst
 * severity at stake, then the threats it would raise. At a million risks
 * there are some 822,000 of them: their lines are made as they are shown
 * (wf is kept by the caller for as long as the lines); with no wf, all
 * of them now.
 */
/* The heading over the questions: how many, and how many listed. */
static void
walk_questions_heading(struct vline *v, const struct walk_fill *wf)
{
	vline_release(v);
	if (wf->listed < wf->total)
		vline_addf(v, VS_WARN, "  Open questions (fields not answered "
		    "that threats would rest on): %zu (%zu listed, the rest "
		    "being read)", wf->total, wf->listed);
	else
		vline_addf(v, wf->total > 0 ? VS_WARN : VS_OK, "  Open "
		    "questions (fields not answered that threats would rest "
		    "on): %zu", wf->total);
}

/* The lines of the questions of fq from the first not listed on. */
static void
walk_questions_add(struct vlist *l, struct walk_fill *wf)
{
	const struct risk_questions	*fq = wf->fq;
	struct vline			*v;
	size_t				 i, j, t, n;

	for (i = wf->listed; i < fq->n; i++) {
		/* The cursor stops on each: Enter answers it. */
		v = vlist_item(l, &fq->v[i]);
		for (j = 0; j < fq->v[i].nrisks; j++) {
			n = walk_stake_lines(fq->v[i].risks[j]->title,
			    wf->width);
			for (t = 0; t < n; t++) {
				v = vlines_add(&l->lines);
				v->data = &fq->v[i].risks[j];
			}
		}
	}
	wf->listed = fq->n;
	if (wf->total < wf->listed)
		wf->total = wf->listed;
}

static void
walk_field_questions(struct vlist *l, const struct risk_questions *fq,
    struct walk_fill *wf, int width)
{
	struct walk_fill	 now;
	size_t			 i, first;

	if (wf == NULL) {
		memset(&now, 0, sizeof now);
		wf = &now;
	}
	wf->fq = fq;
	wf->l = l;
	wf->width = width;
	wf->listed = 0;
	vlines_add(&l->lines);
	wf->heading = l->lines.n;
	vlines_add(&l->lines);
	first = l->lines.n;
	walk_questions_add(l, wf);
	walk_questions_heading(&l->lines.v[wf->heading], wf);
	wf->tail = l->lines.n;
	l->fill = walk_fill_question;
	l->fill_arg = wf;
	if (wf == &now) {
		for (i = first; i < l->lines.n; i++)
			(void)vlist_line(l, i);
		l->fill = NULL;
		l->fill_arg = NULL;
	}
}

int
walk_first_question(const struct walk_fill *wf, size_t *line)
{
	if (wf->fq == NULL || wf->l == NULL || wf->listed == 0)
		return 0;
	/* Under the blank line and the heading that counts them. */
	*line = wf->heading + 1;
	return 1;
}

void
walk_questions_more(struct vlist *l, struct walk_fill *wf)
{
	struct vline	*tail;
	size_t		 n, i;

	if (wf->fq == NULL || wf->l != l || wf->listed >= wf->fq->n)
		return;
	/* What follows the questions, set aside and put back after. */
	n = l->lines.n - wf->tail;
	tail = xcalloc(n + 1, sizeof *tail);
	memcpy(tail, l->lines.v + wf->tail, n * sizeof *tail);
	l->lines.n = wf->tail;
	walk_questions_add(l, wf);
	wf->tail = l->lines.n;
	for (i = 0; i < n; i++)
		*vlines_add(&l->lines) = tail[i];
	free(tail);
	walk_questions_heading(&l->lines.v[wf->heading], wf);
}

int
walk_question_names(const struct risk_questions *fq, const void *p)
{
	const struct risk_question	*q = p;
	const char			*a;

	return fq != NULL && fq->n > 0 && q >= fq->v && q < fq->v + fq->n &&
	    q->element != NULL && (a = strchr(q->element, '\'')) != NULL &&
	    strrchr(q->element, '\'') > a + 1;
}

const struct objref *
walk_question_object(const struct model *m, const struct risk_questions *fq,
    const void *p)
{
	const struct risk_question	*q = p;
	const struct objref		*o;
	const char			*a, *b;
	char				*id;

	if (fq == NULL || fq->n == 0 || q < fq->v || q >= fq->v + fq->n ||
	    q->element == NULL)
		return NULL;
	if ((a = strchr(q->element, '\'')) == NULL ||
	    (b = strrchr(q->element, '\'')) == a)
		return NULL;
	id = xstrndup(a + 1, (size_t)(b - a - 1));
	o = model_find(m, id);
	free(id);
	return o;
}

/* The analysis step: what the analysis found, in counts. */
static void
walk_analysis(struct vlist *l, const struct model *m,
    const struct risk_counts *c, const struct risk_questions *fq,
    struct walk_fill *wf, int width)
{
	static const struct risk_questions none;
	static const struct risk_counts zero;
	const struct risk_counts	rc = c != NULL ? *c : zero;
	const struct component		**unserved;
	struct vline			*v;
	char				*note;
	size_t				 i, n;
	int				 s;

	/*
	 * What no risk can show: an endpoint drawn with no model behind.
	 * Of a model opened in part (its components and flows read between
	 * keys, a million objects taking seconds), said once they are read.
	 */
	unserved = NULL;
	if (m != NULL && (m->unread & (MODEL_UNREAD_COMPONENTS |
	    MODEL_UNREAD_FLOWS)) != 0)
		walk_note(l, VS_DIM, "Reading the components and flows, to "
		    "find any inference-service that sends to no "
		    "model\xe2\x80\xa6", width);
	n = m != NULL && m->unread == 0 ? model_unserved(m, &unserved) : 0;
	for (i = 0; i < n; i++) {
		note = xasprintf("'%s' is an inference-service that sends to "
		    "no model: the threats to the model it serves (prompt "
		    "injection among them) are not raised. Add a component "
		    "of kind model behind it (step 3), with flows to and "
		    "from it (step 4).", unserved[i]->id);
		walk_note(l, VS_WARN, note, width);
		free(note);
	}
	free(unserved);

	if (fq == NULL)
		fq = &none;
	if (c == NULL || (rc.applying + rc.gone == 0 && fq->n == 0)) {
		walk_note(l, VS_WARN, "No risks yet: the analysis runs each "
		    "time the model is saved.", width);
		return;
	}
	v = vlist_item(l, c);
	vline_addf(v, VS_NORMAL, "  Risks that apply: %zu", rc.applying);
	v = vlist_item(l, c);
	vline_add(v, VS_NORMAL, "   ");
	SEVERITY_FOREACH_DOWN(s) {
		vline_addf(v, rview_severity_style(s), " %s %zu",
		    vocab_name(&vocab_severity, s), rc.by_severity[s]);
		vline_add(v, VS_NORMAL, " ");
	}
	v = vlist_item(l, c);
	vline_add(v, VS_NORMAL, "   ");
	for (s = RISK_OPEN; s < RISK_STATUS_COUNT; s++)
		vline_addf(v, VS_NORMAL, " %s %zu",
		    vocab_name(&vocab_risk_status, s), rc.by_status[s]);
	v = vlist_item(l, c);
	vline_addf(v, rc.assumed > 0 ? VS_WARN : VS_OK, "  To confirm "
	    "(resting on unanswered fields): %zu", rc.assumed);
	if (rc.gone > 0) {
		v = vlist_item(l, c);
		vline_addf(v, VS_DIM, "  No longer apply (kept with their "
		    "decisions): %zu", rc.gone);
	}
	walk_field_questions(l, fq, wf, width);
	vlines_add(&l->lines);
	note = xasprintf("%s on an open question opens what it asks about, "
	    "to answer it; elsewhere the risk register. %s opens the "
	    "dashboard.", keys_key(ACT_OPEN, KCTX_LIST),
	    keys_key(ACT_DASHBOARD, KCTX_MODEL));
	walk_note(l, VS_DIM, note, width);
	free(note);
}

/* Columns a target has in the review of a register still being read. */
#define WALK_REVIEW_TARGET	16

/* The review step's line over its list: the open risks, how many listed. */
static void
walk_review_heading(struct vline *v, const struct walk_review *wr)
{
	vline_release(v);
	if (wr->listed < wr->open)
		vline_addf(v, VS_HEADING, "  %zu risks still open (%zu "
		    "listed, the rest being read); %s opens one in the "
		    "register", wr->open, wr->listed,
		    keys_key(ACT_OPEN, KCTX_LIST));
	else
		vline_addf(v, VS_HEADING, "  %zu risks still open; %s opens "
		    "one in the register", wr->open,
		    keys_key(ACT_OPEN, KCTX_LIST));
}

void
walk_review_more(struct vlist *l, struct walk_review *wr,
    const struct risk_register *r, int whole, size_t max)
{
	struct vlines		 title;
	struct vline		*v;
	size_t			 j;

	for (; r != NULL && wr->done < r->n && max > 0; wr->done++, max--) {
		const struct risk	*k = r->risks[wr->done];
		struct risk		 first;

		if (!k->applies || k->status != RISK_OPEN)
			continue;
		wr->listed++;
		vlines_init(&title);
		vlines_wrap(&title, VS_NORMAL, k->title != NULL ? k->title :
		    k->threat, wr->cols.title, 0);
		v = vlist_item(l, k);
		vline_add(v, VS_NORMAL, "  ");
		if (title.n <= 1 || title.v[0].n == 0) {
			rview_risk_line(v, k, NULL, &wr->cols);
			vlines_release(&title);
			continue;
		}
		first = *k;
		first.title = title.v[0].segs[0].text;
		rview_risk_line(v, &first, NULL, &wr->cols);
		for (j = 1; j < title.n; j++) {
			v = vlines_add(&l->lines);
			v->data = k;
			vline_addf(v, VS_NORMAL, "%*s", wr->col, "");
			if (title.v[j].n > 0)
				vline_add(v, VS_NORMAL,
				    title.v[j].segs[0].text);
		}
		vlines_release(&title);
	}
	/* Whole, it counts what it lists (the stored count may be late). */
	if (whole && (r == NULL || wr->done >= r->n))
		wr->open = wr->listed;
	if (wr->headed)
		walk_review_heading(&l->lines.v[wr->heading], wr);
}

/*
 * The review step: the risks that apply and are still open, of a
 * register of total risks (applying or not), open of them open.
 */
void
walk_review_lines(struct vlist *l, struct walk_review *wr,
    const struct risk_register *r, size_t total, size_t open, int whole,
    size_t max, int width)
{
	struct vline	*v;
	char		*note;
	size_t		 i;

	memset(wr, 0, sizeof *wr);
	wr->open = open;
	if (total == 0) {
		walk_note(l, VS_WARN, "No risks to review yet.", width);
		wr->done = r != NULL ? r->n : 0;
		return;
	}
	if (open == 0) {
		note = xasprintf("Every risk that applies has been decided. "
		    "%s opens the register.", keys_key(ACT_OPEN, KCTX_LIST));
		walk_note(l, VS_OK, note, width);
		free(note);
		v = vlist_item(l, NULL);
		vline_add(v, VS_NORMAL, "  Open the risk register");
		wr->done = r != NULL ? r->n : 0;
		return;
	}
	wr->heading = l->lines.n;
	wr->headed = 1;
	vlines_add(&l->lines);
	/*
	 * The columns fit the risks read so far, the targets' at least
	 * WALK_REVIEW_TARGET wide while more are to come: a risk read later
	 * with a longer target is cut to it.
	 */
	rview_cols_init(&wr->cols, 0);
	for (i = 0; r != NULL && i < r->n && i < max; i++)
		if (r->risks[i]->applies && r->risks[i]->status == RISK_OPEN)
			rview_cols_fit(&wr->cols, r->risks[i], NULL);
	if ((!whole || r->n > max) && wr->cols.target < WALK_REVIEW_TARGET)
		wr->cols.target = WALK_REVIEW_TARGET;
	rview_cols_done(&wr->cols, width - 2);
	/* Where the title is wider than its column, it wraps under itself
	 * (lines that carry the risk, for a search). */
	wr->col = 2 + 5 + wr->cols.status + 1 + wr->cols.target + 1 +
	    (wr->cols.guide > 0 ? wr->cols.guide + 1 : 0);
	walk_review_more(l, wr, r, whole, max);
}

/* The review step of a whole register. */
static void
walk_review(struct vlist *l, const struct risk_register *r, int width)
{
	struct walk_review	wr;
	size_t			i, open = 0;

	for (i = 0; r != NULL && i < r->n; i++)
		if (r->risks[i]->applies && r->risks[i]->status == RISK_OPEN)
			open++;
	walk_review_lines(l, &wr, r, r != NULL ? r->n : 0, open, 1,
	    (size_t)-1, width);
}

void
walk_template_note(struct vlines *ls, const struct model *m,
    const struct walk_tmpl *wt, int width, int maxlines)
{
	const struct walk_tmpl_obj	*o;
	const struct field		*fs;
	const char			*ck = keys_key(ACT_CONFIRM, KCTX_WALK);
	struct vlines			 note;
	struct buf			 b;
	char				*v;
	size_t				 i, j, nf, any = 0;

	if (wt == NULL || wt->name == NULL)
		return;
	buf_init(&b);
	fs = model_fields(OBJ_COMPONENT, &nf);
	for (i = 0; i < m->ncomponents; i++) {
		const struct component	*c = m->components[i];

		if ((o = strmap_get(&wt->objects, c->id)) == NULL ||
		    !o->from_template)
			continue;
		for (j = 0; j < nf && j < 64; j++) {
			if (fs[j].type != FIELD_ENUM &&
			    fs[j].type != FIELD_BOOL &&
			    fs[j].type != FIELD_SET)
				continue;
			if ((o->changed & (1ULL << j)) ||
			    !field_applies(&fs[j], c->kind) ||
			    !field_isset(c, &fs[j]) ||
			    (v = field_get(c, &fs[j])) == NULL)
				continue;
			buf_addf(&b, "%s %s %s %s", any++ ? ";" : "", c->id,
			    fs[j].name, v);
			free(v);
		}
	}
	if (any == 0 && wt->example == 0) {
		buf_release(&b);
		return;
	}
	vlines_init(&note);
	/*
	 * The facts are listed on the step where they are changed (maxlines
	 * > 0), the intro short enough for the first of them to show; the
	 * other steps only count them.
	 */
	if (any && maxlines <= 0)
		v = xasprintf("From the template '%s': a step holding its "
		    "example is ticked once you change or confirm it (%s); "
		    "%zu facts it set are still to confirm in step 3.",
		    wt->name, ck, any);
	else if (any)
		v = xasprintf("From the template '%s' (a step is ticked once "
		    "you change or confirm it, %s), to confirm or change in "
		    "each component's form:%s.", wt->name, ck, b.s);
	else
		v = xasprintf("From the template '%s': a step holding its "
		    "example is ticked once you change or confirm it (%s).",
		    wt->name, ck);
	vlines_wrap(&note, VS_WARN, v, width, 0);
	free(v);
	buf_release(&b);
	if (maxlines > 0 && maxlines < 2)
		maxlines = 2;
	for (i = 0; i < note.n; i++) {
		if (maxlines > 0 && i == (size_t)maxlines - 1 &&
		    note.n > (size_t)maxlines) {
			/* The rest in a number, and where they are. */
			vlines_addf(ls, VS_WARN, "\xe2\x80\xa6 %zu facts in all "
			    "to confirm, each in its component's form", any);
			break;
		}
		*vlines_add(ls) = note.v[i];
		memset(&note.v[i], 0, sizeof note.v[i]);
	}
	vlines_release(&note);
}

void
walk_lines(struct vlist *l, enum walk_step s, const struct model *m,
    const struct catalogue *c, const struct risk_counts *rc,
    const struct risk_register *r, const struct risk_questions *fq,
    struct walk_fill *wf, int width)
{
	vlist_clear(l);
	switch (s) {
	case WALK_SYSTEM:
		walk_system(l, m, width);
		break;
	case WALK_BOUNDARIES:
		walk_boundaries(l, m, width);
		break;
	case WALK_COMPONENTS:
		walk_components(l, m, width, wf);
		break;
	case WALK_FLOWS:
		walk_flows(l, m, width);
		break;
	case WALK_PRACTICE:
		walk_practice(l, m, c, width);
		break;
	case WALK_ANALYSIS:
		walk_analysis(l, m, rc, fq, wf, width);
		break;
	case WALK_REVIEW:
	case WALK_COUNT:
		walk_review(l, r, width);
		break;
	}
	vlist_fix(l);
}

/* analyze.c: threats of the catalogue applied to a model, scored. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "catalogue/cond.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "rules/eval.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* The adjustment of a provisional risk. */
#define PROVISIONAL_REASON \
	"likelihood -1: it rests on unanswered fields (to confirm)"

static void	analyze_assumes_free(struct risk *);

/* How an assumption that names its field ends: "(F not answered)". */
#define PRESUMED_FIELD	" not answered)"

/* Clamp a score to 1..5. */
static int
clamp(int v)
{
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

/*
 * Catalogue text on one line: line breaks and tabs become spaces, and
 * those at the end (a YAML block scalar keeps its last newline) go.
 */
static void
one_line(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		buf_truncate(b, b->len - 1);
}

/*
 * The text of an assumption that names the one field it reads ("'x'
 * needs human approval (human-approval not answered)"), not one that
 * restates a condition; or NULL.
 */
static const char *
read_field(const struct risk_reason *r)
{
	const char	*text = risk_reason_text(r);
	size_t		 len = strlen(text);

	if (r->kind != REASON_ASSUMED || len < sizeof PRESUMED_FIELD ||
	    strcmp(text + len - sizeof PRESUMED_FIELD + 1,
	    PRESUMED_FIELD) != 0 || text[len - sizeof PRESUMED_FIELD] == '(')
		return NULL;
	return text;
}

/*
 * A lowering that would apply if unanswered fields were answered so: one
 * line that names them and what it would take off ("would be lower,
 * impact -1 (a person approves each action before it happens), if
 * answered so: 'shell' needs human approval (human-approval not
 * answered)"), so that a risk says why a lowering it may deserve is not
 * counted. What the field's other answer raises is its open question.
 */
static void
analyze_would_lower(struct eval *e, const struct adjustment *a,
    const void *on, struct risk *k, int l, int im)
{
	struct risk	 read;
	struct buf	 b, fields;
	const char	*text;
	size_t		 j;

	if ((a->likelihood >= 0 || l <= 1) && (a->impact >= 0 || im <= 1))
		return;
	if (a->likelihood > 0 || a->impact > 0)
		return;
	memset(&read, 0, sizeof read);
	eval_explain(e, a->when, on, &read);
	buf_init(&fields);
	for (j = 0; j < read.nreasons; j++) {
		if ((text = read_field(&read.reasons[j])) == NULL)
			continue;
		if (fields.len > 0)
			buf_adds(&fields, "; ");
		buf_adds(&fields, text);
	}
	analyze_assumes_free(&read);
	if (fields.len > 0) {
		buf_init(&b);
		buf_adds(&b, "would be lower, ");
		if (a->likelihood < 0 && l > 1)
			buf_addf(&b, "likelihood %+d", a->likelihood);
		if (a->impact < 0 && im > 1)
			buf_addf(&b, "%simpact %+d", a->likelihood < 0 &&
			    l > 1 ? ", " : "", a->impact);
		buf_adds(&b, " (");
		one_line(&b, a->reason);
		risk_add_reason(k, REASON_ADJUSTMENT, "%s), if answered so: "
		    "%s", b.s, fields.s);
		buf_release(&b);
	}
	buf_release(&fields);
}

/*
 * 1 if stated facts cancel an adjustment on its target (its unless:
 * holds), and then, unless quiet, the line that says so: what it would
 * have changed, its reason, and the facts that cancel it ("not lowered,
 * impact -1 (nothing that acts on its output ...), since: 'llm' reaches
 * 'pupil'; 'pupil' includes children (under 18)"). A reader who knows
 * the usual lowering sees why it is absent.
 */
static int
analyze_unless(struct eval *e, const struct adjustment *a, const void *on,
    struct risk *k, int dl, int di, int quiet)
{
	struct risk	 read;
	struct buf	 b;
	size_t		 j, n = 0;

	if (a->unless == NULL || eval_cond(e, a->unless, on) != TV_YES)
		return 0;
	if (quiet)
		return 1;
	buf_init(&b);
	buf_adds(&b, dl < 0 || di < 0 ? "not lowered, " : "not raised, ");
	if (dl != 0)
		buf_addf(&b, "likelihood %+d", dl);
	if (di != 0)
		buf_addf(&b, "%simpact %+d", dl != 0 ? ", " : "", di);
	buf_adds(&b, " (");
	one_line(&b, a->reason);
	buf_adds(&b, "), since: ");
	memset(&read, 0, sizeof read);
	eval_explain(e, a->unless, on, &read);
	for (j = 0; j < read.nreasons; j++) {
		if (read.reasons[j].kind != REASON_FACT)
			continue;
		buf_addf(&b, "%s%s", n++ > 0 ? "; " : "",
		    risk_reason_text(&read.reasons[j]));
	}
	analyze_assumes_free(&read);
	risk_add_reason(k, REASON_ADJUSTMENT, "%s", b.s);
	buf_release(&b);
	return 1;
}

/*
 * Apply every adjustment that definitely holds for a risk's subject. Those
 * with a bound (max-impact: the stakes of the system) go first, from the
 * threat's own impact, so that the more specific facts after them are
 * never swallowed by the bound or the clamp. A finding that holds only if
 * unanswered fields take the risky answer is scored as it would be if they
 * did: that is the severity its question names (analyze_provisional()
 * scores one kept as a risk). adj lists the adjustments that apply to the
 * threat in that order (analyze_exclusions()).
 *
 * A presumption (presume: true) applies where its condition is maybe
 * too, if presume is set: the catalogue's reading of the unanswered
 * fields it rests on. Each such field is named in a fact of the risk
 * ("read so while not answered: ..."), and, if why is not NULL, the
 * answers that would fail it are added to why as assumptions (the
 * finding as it would stand on the risky answer, which stays an open
 * question). Returns the number of presumptions applied by assumption.
 */
static int
analyze_adjust(struct eval *e, const struct catalogue *cat,
    const struct threat *t, const size_t *adj, size_t nadj,
    const void *obj, struct risk *k, int presume, struct risk *why)
{
	const struct adjustment	*a;
	const void		*on;
	struct risk		 read;
	struct buf		 b;
	int			 l = t->likelihood, im = t->impact, di;
	const char		*text;
	int			 presumed = 0;
	/* Quiet (eval_quiet()): the score and why's asks, no reasons. */
	int			 quiet = eval_is_quiet(e);
	size_t			 i, j;
	enum tv			 v;

	buf_init(&b);
	for (i = 0; i < nadj; i++) {
		a = cat->adjustments[adj[i]];
		on = a->target == TARGET_ANY ? NULL : obj;
		v = eval_adjustment(e, adj[i], on);
		if (v == TV_MAYBE && !a->presume && !quiet &&
		    (a->unless == NULL || eval_cond(e, a->unless, on) !=
		    TV_YES))
			analyze_would_lower(e, a, on, k, l, im);
		if (v != TV_YES && (v != TV_MAYBE || !a->presume || !presume))
			continue;
		di = a->impact;
		if (a->max_impact != 0 && im + di > a->max_impact)
			di = a->max_impact > im ? a->max_impact - im :
			    0;
		if (a->likelihood == 0 && di == 0)
			continue;
		if (analyze_unless(e, a, on, k, a->likelihood, di, quiet))
			continue;
		if (!quiet) {
			buf_reset(&b);
			one_line(&b, a->reason);
		}
		if (a->likelihood != 0 && !quiet)
			risk_add_reason(k, REASON_ADJUSTMENT,
			    "likelihood %+d: %s", a->likelihood, b.s);
		if (di != 0 && !quiet)
			risk_add_reason(k, REASON_ADJUSTMENT,
			    "impact %+d: %s", di, b.s);
		l += a->likelihood;
		im += di;
		if (v != TV_MAYBE)
			continue;
		presumed++;
		memset(&read, 0, sizeof read);
		if (!quiet)
			eval_explain(e, a->when, on, &read);
		/* The fields it read, each named ("... (F not answered)"),
		   not the lines that restate its condition. */
		for (j = 0; j < read.nreasons; j++) {
			if ((text = read_field(&read.reasons[j])) == NULL)
				continue;
			risk_add_reason(k, REASON_ADJUSTMENT, "read so while "
			    "not answered: %s", text);
		}
		analyze_assumes_free(&read);
		if (why != NULL)
			eval_explain_not(e, a->when, on, why);
	}
	buf_release(&b);
	k->likelihood = clamp(l);
	k->impact = clamp(im);
	k->severity = risk_severity(k->likelihood, k->impact);
	return presumed;
}

/* One target a threat holds for, and the finding it joins. */
struct hit {
	const void	*obj;		/* component, flow, boundary, system */
	const char	*id;
	const void	*subj;		/* what the finding is about */
	const char	*subj_id;
	enum target_type subj_type;
	size_t		 set;		/* origin, chain: union-find parent */
	int		 maybe;		/* holds only by assumption */
	const char	*moved;		/* connection: the destination an
					   answer's finding would have been
					   about; consumer: the component a
					   group of one was named after; or
					   NULL */
	const char	*answers;	/* connection: the request it
					   answers */
	size_t		 either;	/* 1 + the threat whose finding the
					   other answer of the fields it
					   assumes raises instead, or 0 */
};

/* The set a hit belongs to (union-find with path halving). */
static size_t
hit_root(struct hit *h, size_t i)
{
	while (h[i].set != i) {
		h[i].set = h[h[i].set].set;
		i = h[i].set;
	}
	return i;
}

static void
hit_join(struct hit *h, size_t a, size_t b)
{
	a = hit_root(h, a);
	b = hit_root(h, b);
	if (a != b)
		h[a > b ? a : b].set = a < b ? a : b;
}

/* The component where a hit starts: a flow's source, or the component. */
static const struct component *
hit_start(enum finding_by by, const struct hit *h)
{
	return by == FINDING_ORIGIN ? ((const struct flow *)h->obj)->src :
	    h->obj;
}

/*
 * origin: a chain that starts at a model, or at the inference service
 * that serves one, starts where the output is written, not where it is
 * handled. When every flow of the chain that leaves that start goes to
 * one component, that component is the first to handle the output (the
 * application that renders it, the tool that runs it), and the finding
 * is about it: to[set] is set to it. Otherwise, or when another agent
 * that prompts the model joined the set (prompted[component]), to[set]
 * is the start: the output is handled in several places.
 */
static void
analyze_origin_handler(enum finding_by by, struct hit *h, size_t n,
    const struct component **start, const unsigned char *prompted,
    const struct component **to)
{
	const struct flow	*f;
	size_t			 i, r;

	for (i = 0; i < n; i++) {
		r = hit_root(h, i);
		f = h[i].obj;
		if (hit_start(by, &h[i]) != start[r] ||
		    (start[r]->kind != KIND_MODEL &&
		    start[r]->kind != KIND_INFERENCE_SERVICE))
			continue;
		if (to[r] == NULL)
			to[r] = f->dst;
		else if (to[r] != f->dst)
			to[r] = start[r];	/* several: the start */
	}
	/* Another that prompts the model handles its output too. */
	for (i = 0; i < n; i++) {
		r = hit_root(h, i);
		f = h[i].obj;
		if (prompted[f->src->index] && to[r] != NULL &&
		    f->src != to[r])
			to[r] = start[r];
	}
}

/*
 * origin and chain: join the hits that flows link (for origin, flows that
 * leave one component, a flow with the ones that leave its destination,
 * and the flows of a component with those of a model it prompts; for chain, two components a flow joins), then put each
 * set's finding on the component where it starts: the first (in model
 * order) that nothing else of the set leads into, or when it is a cycle
 * (for chain) the first that a user or an application outside it sends
 * to, else the first of the set. Linear in the size of the model.
 */
static void
analyze_chains(const struct model *m, enum finding_by by, struct hit *h,
    size_t n)
{
	size_t			*at = xcalloc(m->ncomponents + 1, sizeof *at);
	unsigned char		*led = xcalloc(m->ncomponents + 1, 1);
	unsigned char		*prompted = xcalloc(m->ncomponents + 1, 1);
	const struct component	**start = xcalloc(n + 1, sizeof *start);
	const struct component	**in = xcalloc(n + 1, sizeof *in);
	const struct component	**to = xcalloc(n + 1, sizeof *to);
	const struct component	*c;
	const struct flow	*f;
	size_t			 i, r;

	/* at[component]: 1 + the first hit that starts there. */
	for (i = 0; i < n; i++) {
		c = hit_start(by, &h[i]);
		if (at[c->index] == 0)
			at[c->index] = i + 1;
		else
			hit_join(h, at[c->index] - 1, i);
	}
	if (by == FINDING_ORIGIN) {
		for (i = 0; i < n; i++) {
			f = h[i].obj;
			if (at[f->dst->index] == 0)
				continue;
			hit_join(h, i, at[f->dst->index] - 1);
			led[f->dst->index] = 1;
		}
		/*
		 * An agent or application that prompts a model and acts on
		 * its answer, drawn without the answer's flow back, hands on
		 * that model's output too: its hits join the model's, which
		 * is where they start.
		 */
		for (i = 0; i < m->nflows; i++) {
			f = m->flows[i];
			if (f->src == f->dst || f->dst->kind != KIND_MODEL ||
			    at[f->src->index] == 0 || at[f->dst->index] == 0)
				continue;
			hit_join(h, at[f->src->index] - 1,
			    at[f->dst->index] - 1);
			led[f->src->index] = 1;
			prompted[f->src->index] = 1;
		}
	} else {
		for (i = 0; i < m->nflows; i++) {
			f = m->flows[i];
			if (f->src == f->dst || at[f->src->index] == 0 ||
			    at[f->dst->index] == 0)
				continue;
			hit_join(h, at[f->src->index] - 1,
			    at[f->dst->index] - 1);
			led[f->dst->index] = 1;
		}
	}
	for (i = 0; i < n; i++) {
		c = hit_start(by, &h[i]);
		r = hit_root(h, i);
		if (start[r] == NULL && !led[c->index])
			start[r] = c;
	}
	/*
	 * A cycle of components (an orchestrator and the sub-agents that
	 * answer it): start at the first that a user or an application
	 * outside the set sends to, where the work comes in.
	 */
	for (i = 0; by == FINDING_CHAIN && i < m->nflows; i++) {
		f = m->flows[i];
		if ((f->src->kind != KIND_USER &&
		    f->src->kind != KIND_APPLICATION) ||
		    at[f->src->index] != 0 || at[f->dst->index] == 0)
			continue;
		r = hit_root(h, at[f->dst->index] - 1);
		c = hit_start(by, &h[at[f->dst->index] - 1]);
		if (start[r] == NULL && (in[r] == NULL ||
		    c->index < in[r]->index))
			in[r] = c;
	}
	for (i = 0; i < n; i++) {
		r = hit_root(h, i);
		if (start[r] == NULL)		/* a cycle */
			start[r] = in[r] != NULL ? in[r] :
			    hit_start(by, &h[r]);
	}
	if (by == FINDING_ORIGIN)
		analyze_origin_handler(by, h, n, start, prompted, to);
	for (i = 0; i < n; i++) {
		r = hit_root(h, i);
		if (to[r] != NULL && to[r] != start[r]) {
			/* the name it had is an alias (see analyze_threat) */
			h[i].moved = start[r]->id;
			h[i].subj = to[r];
			h[i].subj_id = to[r]->id;
		} else {
			h[i].subj = start[r];
			h[i].subj_id = start[r]->id;
		}
		h[i].subj_type = TARGET_COMPONENT;
	}
	free(at);
	free(led);
	free(prompted);
	free(start);
	free(in);
	free(to);
}

/*
 * 1 if flow a is the request that flow b, its reverse, answers: the end
 * that opens the connection says so when given (initiator), else the one
 * that does not carry a model's output is the request, else the first in
 * model order.
 */
static int
analyze_is_request(const struct flow *a, const struct flow *b)
{
	int	ao, bo;

	if (a->initiator == INITIATOR_FROM || b->initiator == INITIATOR_TO)
		return 1;
	if (a->initiator == INITIATOR_TO || b->initiator == INITIATOR_FROM)
		return 0;
	ao = (a->data & DATA_BIT(DATA_MODEL_OUTPUT)) != 0;
	bo = (b->data & DATA_BIT(DATA_MODEL_OUTPUT)) != 0;
	if (ao != bo)
		return bo;
	return a->index < b->index;
}

/* A hit flow's ends, to find its reverse by binary search. */
struct hit_ends {
	size_t	src;	/* index of the flow's source component */
	size_t	dst;	/* index of its destination */
	size_t	hit;	/* position in the hits */
};

static int
hit_ends_cmp(const void *a, const void *b)
{
	const struct hit_ends	*x = a, *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->dst != y->dst)
		return x->dst < y->dst ? -1 : 1;
	return x->hit < y->hit ? -1 : x->hit > y->hit;
}

/*
 * The first of n entries sorted by hit_ends_cmp() that runs from src to
 * dst, or where it would be: the reverse of a flow in log n.
 */
static size_t
hit_ends_first(const struct hit_ends *e, size_t n, size_t src, size_t dst)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e[mid].src < src || (e[mid].src == src &&
		    e[mid].dst < dst))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * connection: a flow that answers another hit flow (from that flow's
 * destination back to its source) is about the request's destination,
 * so that a request and its answer in clear text are one finding. Its
 * own destination is remembered, to keep the name of the finding it was
 * about before. The hits sorted by their ends find each flow's reverses
 * (the first in hit order that is its request) in n log n, not by
 * comparing every pair of hits (which made 30,000 hit flows take
 * seconds).
 */
static void
analyze_answers(struct hit *h, size_t n)
{
	struct hit_ends		*e = xcalloc(n + 1, sizeof *e);
	const struct flow	*f, *g;
	size_t			 i, j;

	for (i = 0; i < n; i++) {
		f = h[i].obj;
		e[i].src = f->src->index;
		e[i].dst = f->dst->index;
		e[i].hit = i;
	}
	qsort(e, n, sizeof *e, hit_ends_cmp);
	for (i = 0; i < n; i++) {
		f = h[i].obj;
		if (f->src == f->dst)
			continue;
		/* The first of the hits from f's destination to its source. */
		for (j = hit_ends_first(e, n, f->dst->index, f->src->index); j < n && e[j].src == f->dst->index &&
		    e[j].dst == f->src->index; j++) {
			g = h[e[j].hit].obj;
			if (analyze_is_request(f, g))
				continue;
			h[i].subj = g->dst;
			h[i].subj_id = g->dst->id;
			h[i].moved = f->dst->id;
			h[i].answers = g->id;
			break;
		}
	}
	free(e);
}

/*
 * caller: 1 if flow f, carrying tool calls, is the answer to flow g, its
 * reverse, a prompt: an LLM that proposes tool calls to the agent that
 * prompted it. The calls are that agent's to make, so the model is not
 * their caller. The initiator says so when given; else f carries the
 * model's output and g the prompt.
 */
static int
analyze_answers_prompt(const struct flow *f, const struct flow *g)
{
	if (f->initiator == INITIATOR_TO || g->initiator == INITIATOR_FROM)
		return 1;
	if (f->initiator == INITIATOR_FROM || g->initiator == INITIATOR_TO)
		return 0;
	return (f->data & DATA_BIT(DATA_MODEL_OUTPUT)) != 0 &&
	    (g->data & DATA_BIT(DATA_PROMPT)) != 0;
}

/*
 * caller: the first component that sends each one tool calls (caller,
 * by component index), not in the answer to its own prompt
 * (analyze_answers_prompt()); such an answer's sender goes in asked, the
 * caller it was taken for before. The flows sorted by their ends find
 * each reverse in log n.
 */
static void
analyze_callers(const struct model *m, const struct component **caller,
    const struct component **asked)
{
	struct hit_ends		*e = xcalloc(m->nflows + 1, sizeof *e);
	const struct flow	*f, *g;
	size_t			 i, j;
	int			 answer;

	for (i = 0; i < m->nflows; i++) {
		e[i].src = m->flows[i]->src->index;
		e[i].dst = m->flows[i]->dst->index;
		e[i].hit = i;
	}
	qsort(e, m->nflows, sizeof *e, hit_ends_cmp);
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		if (f->src == f->dst || caller[f->dst->index] != NULL ||
		    (f->data & DATA_BIT(DATA_TOOL_CALL)) == 0)
			continue;
		answer = 0;
		for (j = hit_ends_first(e, m->nflows, f->dst->index,
		    f->src->index); !answer && j < m->nflows && e[j].src ==
		    f->dst->index && e[j].dst == f->src->index; j++) {
			g = m->flows[e[j].hit];
			answer = analyze_answers_prompt(f, g);
		}
		if (!answer)
			caller[f->dst->index] = f->src;
		else if (asked[f->dst->index] == NULL)
			asked[f->dst->index] = f->src;
	}
	free(e);
}

/* What each hit's finding is about, by the threat's finding mode. */
static void
analyze_subjects(const struct model *m, const struct threat *t,
    struct hit *h, size_t n)
{
	const struct component	**caller = NULL, **asked = NULL;
	const struct flow	*f;
	const struct component	*c, *s;
	unsigned char		*ishit = NULL;
	size_t			 i, j;

	if (t->finding == FINDING_CALLER) {
		caller = xcalloc(m->ncomponents + 1, sizeof *caller);
		asked = xcalloc(m->ncomponents + 1, sizeof *asked);
		analyze_callers(m, caller, asked);
		/* Which components the threat holds for on facts. */
		ishit = xcalloc(m->ncomponents + 1, 1);
		for (i = 0; i < n; i++)
			if (!h[i].maybe)
				ishit[((const struct component *)
				    h[i].obj)->index] = 1;
	} else if (t->finding == FINDING_CONSUMER) {
		/* The component each one first sends to. */
		caller = xcalloc(m->ncomponents + 1, sizeof *caller);
		for (i = 0; i < m->nflows; i++) {
			f = m->flows[i];
			if (f->src != f->dst && caller[f->src->index] == NULL)
				caller[f->src->index] = f->dst;
		}
	}
	for (i = 0; i < n; i++) {
		h[i].subj = h[i].obj;
		h[i].subj_id = h[i].id;
		h[i].subj_type = t->target;
		h[i].set = i;
		f = h[i].obj;
		c = h[i].obj;
		switch (t->finding) {
		case FINDING_SOURCE:
			h[i].subj = f->src;
			break;
		case FINDING_DESTINATION:
		case FINDING_CONNECTION:
			h[i].subj = f->dst;
			break;
		case FINDING_DESTINATION_BOUNDARY:
			if (f->dst->b != NULL) {
				h[i].subj = f->dst->b;
				h[i].subj_id = f->dst->b->id;
				h[i].subj_type = TARGET_BOUNDARY;
				continue;
			}
			h[i].subj = f->dst;
			break;
		case FINDING_CALLER:
			/*
			 * A caller that the threat holds for on facts is in
			 * its own caller's finding, and so is what it calls:
			 * an agent that acts and the tools it calls are one
			 * chain of calls, one finding. A caller it holds for
			 * only by assumption keeps the finding of what it
			 * calls on itself, as before.
			 */
			if ((s = caller[c->index]) == NULL) {
				s = c;
			} else {
				for (j = 0; j < m->ncomponents &&
				    ishit[s->index] && caller[s->index] !=
				    NULL && caller[s->index] != c; j++)
					s = caller[s->index];
				h[i].subj = s;
			}
			/*
			 * Where the chain starts at an agent that a model
			 * answers with tool calls, the finding was once
			 * named after that model: the name is an alias.
			 */
			if (asked[s->index] != NULL)
				h[i].moved = asked[s->index]->id;
			if (s == c)
				continue;
			break;
		case FINDING_CONSUMER:
			if (caller[c->index] == NULL)
				continue;
			h[i].subj = caller[c->index];
			break;
		case FINDING_BOUNDARY:
			/* The first hit in the same boundary. */
			if (c->b == NULL)
				continue;
			for (j = 0; j < i; j++)
				if (((const struct component *)
				    h[j].obj)->b == c->b)
					break;
			h[i].subj = h[j].obj;
			break;
		case FINDING_ORIGIN:
		case FINDING_CHAIN:
			h[i].subj = NULL;
			continue;
		case FINDING_EACH:
		case FINDING_COUNT:
			continue;
		}
		h[i].subj_id = ((const struct component *)h[i].subj)->id;
		h[i].subj_type = TARGET_COMPONENT;
	}
	free(caller);
	free(asked);
	free(ishit);
	if (t->finding == FINDING_CONNECTION)
		analyze_answers(h, n);
	if (t->finding == FINDING_ORIGIN || t->finding == FINDING_CHAIN)
		analyze_chains(m, t->finding, h, n);
}

/*
 * The first line of a finding that groups targets, or is about another
 * object than the one target it stands for: "fact: one finding for
 * flows 'a', 'b' and 'c'".
 */
#define LEAD_SHOWN	8	/* members named in that line */

static void
analyze_lead(struct risk *k, const struct threat *t, const struct hit *h,
    const size_t *members, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_addf(&b, "one finding for %s%s ", target_type_name(
	    t->target), n > 1 ? "s" : "");
	/* The first few, and how many more: one line whatever the size. */
	for (i = 0; i < n && i < LEAD_SHOWN; i++) {
		if (i > 0)
			buf_adds(&b, i + 1 == n ? " and " : ", ");
		buf_addf(&b, "'%s'", h[members[i]].id);
	}
	if (n > LEAD_SHOWN) {
		buf_adds(&b, " and ");
		eval_add_count(&b, n - LEAD_SHOWN);
		buf_adds(&b, " more");
	}
	/* Named after where their results go: the reasons say so. */
	if (t->finding == FINDING_CONSUMER)
		buf_addf(&b, ", whose results go first to '%s'",
		    h[members[0]].subj_id);
	risk_add_reason_text(k, REASON_FACT, b.s);
	buf_release(&b);
}

/*
 * The threats each threat excludes (either names the other), as a list
 * of catalogue indexes per threat, for the exclusion below; and the
 * adjustments that apply to it, in the order analyze_adjust() takes them
 * (those with a bound first, each part in catalogue order).
 */
struct excl {
	size_t	*v;
	size_t	 n;
	size_t	*adj;
	size_t	 nadj;
	int	 folds;	/* its findings may fold others or be folded
			   (covers, covers-feedback, covers-agents) */
	int	 covered; /* its findings may be folded */
};

/* Mark the threats whose findings analyze_covers() may fold or keep. */
static void
analyze_folding(const struct catalogue *cat, struct excl *x)
{
	const struct threat	*t;
	struct strmap		 named;
	size_t			 i, j;

	strmap_init(&named);
	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		for (j = 0; j < t->ncovers; j++)
			strmap_put(&named, t->covers[j], &named);
		for (j = 0; j < t->ncovers_feedback; j++)
			strmap_put(&named, t->covers_feedback[j], &named);
		for (j = 0; j < t->ncovers_agents; j++)
			strmap_put(&named, t->covers_agents[j], &named);
	}
	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		x[i].covered = strmap_get(&named, t->id) != NULL;
		x[i].folds = t->ncovers > 0 || t->ncovers_feedback > 0 ||
		    t->ncovers_agents > 0 || x[i].covered;
	}
	strmap_release(&named);
}

int
analyze_may_be_lean(const struct catalogue *cat, const char *threat)
{
	const struct threat	*t;
	size_t			 i, j;

	for (i = 0; i < cat->nthreats; i++) {
		t = cat->threats[i];
		for (j = 0; j < t->ncovers; j++)
			if (strcmp(t->covers[j], threat) == 0)
				return 0;
		for (j = 0; j < t->ncovers_feedback; j++)
			if (strcmp(t->covers_feedback[j], threat) == 0)
				return 0;
		for (j = 0; j < t->ncovers_agents; j++)
			if (strcmp(t->covers_agents[j], threat) == 0)
				return 0;
	}
	return 1;
}

static struct excl *
analyze_exclusions(const struct catalogue *cat)
{
	struct excl		*x = xcalloc(cat->nthreats + 1, sizeof *x);
	const struct adjustment	*a;
	size_t			 i, j;
	int			 pass;

	for (i = 0; i < cat->nthreats; i++)
		for (j = 0; j < cat->nthreats; j++) {
			if (i == j || !threat_excludes(cat->threats[i],
			    cat->threats[j]))
				continue;
			x[i].v = xreallocarray(x[i].v, x[i].n + 1,
			    sizeof *x[i].v);
			x[i].v[x[i].n++] = j;
		}
	for (i = 0; i < cat->nthreats; i++) {
		x[i].adj = xcalloc(cat->nadjustments + 1, sizeof *x[i].adj);
		for (pass = 0; pass < 2; pass++)
			for (j = 0; j < cat->nadjustments; j++) {
				a = cat->adjustments[j];
				if ((a->max_impact != 0) == (pass == 0) &&
				    adjustment_applies(a, cat->threats[i]))
					x[i].adj[x[i].nadj++] = j;
			}
	}
	analyze_folding(cat, x);
	return x;
}

static void
analyze_exclusions_free(struct excl *x, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(x[i].v);
		free(x[i].adj);
	}
	free(x);
}

/* Does threat i rank before threat j: a higher score, or listed first? */
static int
analyze_ranks_before(const struct catalogue *cat, size_t i, size_t j)
{
	const struct threat	*a = cat->threats[i], *b = cat->threats[j];
	int			 sa = a->likelihood * a->impact;
	int			 sb = b->likelihood * b->impact;

	return sa != sb ? sa > sb : i < j;
}

/*
 * Threats that exclude each other ask opposite answers of the same
 * fields: one unanswered field must not raise both. A threat that holds
 * only by assumption gives way to one it excludes that holds on facts,
 * and of several that hold by assumption only the first (the higher
 * score, then catalogue order) is raised, naming the others. Returns 1 if
 * threat ti is not to be raised for obj.
 */
/* 1 if every field that a asks, b asks too. */
static int
analyze_asks_within(const struct risk *a, const struct risk *b)
{
	size_t	i, j;

	for (i = 0; i < a->nasks; i++) {
		for (j = 0; j < b->nasks; j++)
			if (strcmp(a->asks[i].element, b->asks[j].element) ==
			    0 && strcmp(a->asks[i].field, b->asks[j].field) ==
			    0)
				break;
		if (j == b->nasks)
			return 0;
	}
	return a->nasks > 0;
}

/* The fields that threat t's condition assumes for obj, in k. */
static void
analyze_assumes(struct eval *e, const struct threat *t, const void *obj,
    struct risk *k)
{
	memset(k, 0, sizeof *k);
	eval_explain(e, t->when, obj, k);
}

static void
analyze_assumes_free(struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		free(k->reasons[i].line);
	free(k->reasons);
	risk_clear_asks(k);
}

/*
 * Returns 1 if threat ti, which holds for obj only by assumption, is not
 * to be raised for it. When the threat it gives way to holds by
 * assumption too, and on every field ti assumes (they ask opposite
 * answers of the same fields), one of the two holds whatever the answer:
 * ti, the lower, then stands on facts, and the other stays the open
 * question that would raise it instead. A tool that can act unapproved
 * and whose executes-code is not answered has excessive agency, or runs
 * code if the answer is yes: the question must not hide the agency. Then
 * *either is 1 + the other threat, and 0 is returned.
 */
static int
analyze_excluded(struct eval *e, const struct catalogue *cat,
    const struct excl *x, size_t ti, const void *obj, size_t *either)
{
	struct risk	a, b;
	enum tv		v;
	size_t		i, o;
	int		within;

	*either = 0;
	for (i = 0; i < x[ti].n; i++) {
		o = x[ti].v[i];
		v = eval_cond(e, cat->threats[o]->when, obj);
		if (v == TV_YES)
			return 1;
		if (v != TV_MAYBE || !analyze_ranks_before(cat, o, ti))
			continue;
		analyze_assumes(e, cat->threats[ti], obj, &a);
		analyze_assumes(e, cat->threats[o], obj, &b);
		within = analyze_asks_within(&a, &b);
		analyze_assumes_free(&a);
		analyze_assumes_free(&b);
		if (!within)
			return 1;
		*either = o + 1;
	}
	return 0;
}

/* The name a hit would have had as a risk of its own: "threat@target". */
static void
analyze_alias(struct eval *e, struct risk *k, const struct threat *t,
    const char *target)
{
	char	*name;

	name = xasprintf("%s@%s", t->id, target);
	eval_add_alias(e, k, name);
	free(name);
}

/*
 * Score a finding as best has it (its reasons, likelihood, impact and
 * severity), free best, and list the threat's mitigations.
 */
static void
analyze_settle(struct risk *k, const struct threat *t, struct risk *best)
{
	size_t	i;

	for (i = 0; i < best->nreasons; i++)
		risk_add_reason_line(k, (int)best->reasons[i].kind,
		    best->reasons[i].line);
	k->likelihood = best->likelihood;
	k->impact = best->impact;
	k->severity = best->severity;
	analyze_assumes_free(best);
	for (i = 0; i < t->nmitigations; i++)
		risk_add_mitigation_borrowed(k, t->mitigations[i]);
}

/*
 * A finding that stands on facts names the targets of its group that it
 * holds for only by assumption: each with what it assumes, as a fact of
 * the finding (it does not make the finding provisional, and the
 * question is not lost), and with its name as an alias, so that a
 * decision taken on it as a risk of its own is kept.
 */
static void
analyze_also(struct eval *e, const struct threat *t, const struct hit *h,
    const size_t *also, size_t nalso, struct risk *k)
{
	struct risk	 tmp;
	size_t		 i, j;

	for (i = 0; i < nalso; i++) {
		memset(&tmp, 0, sizeof tmp);
		eval_explain(e, t->when, h[also[i]].obj, &tmp);
		for (j = 0; j < tmp.nreasons; j++) {
			if (tmp.reasons[j].kind == REASON_ASSUMED)
				risk_add_reason(k, REASON_FACT, "'%s' too, "
				    "if answered so: %s", h[also[i]].id,
				    risk_reason_text(&tmp.reasons[j]));
			free(tmp.reasons[j].line);
		}
		free(tmp.reasons);
		risk_clear_asks(&tmp);
		analyze_alias(e, k, t, h[also[i]].id);
	}
}

/*
 * The reasons of a hit that stands on facts because either answer of the
 * fields it assumes raises a finding: its assumptions become facts that
 * name the other answer's threat ("fact: 'ticket-tool' does not execute
 * code, or else 'agent-code-execution' holds (executes-code not
 * answered)"). The fields stay the other finding's open question.
 */
static void
analyze_either(struct eval *e, const struct catalogue *cat,
    const struct threat *t, const struct hit *hi, struct risk *k)
{
	struct risk	 tmp;
	const char	*text, *open;
	size_t		 i;

	analyze_assumes(e, t, hi->obj, &tmp);
	for (i = 0; i < tmp.nreasons; i++) {
		text = risk_reason_text(&tmp.reasons[i]);
		if (tmp.reasons[i].kind != REASON_ASSUMED) {
			risk_add_reason_line(k, (int)tmp.reasons[i].kind,
			    tmp.reasons[i].line);
			continue;
		}
		/* "X (F not answered)" -> "X, or else 'T' holds (F ...)" */
		open = strrchr(text, '(');
		if (open == NULL || open == text)
			risk_add_reason(k, REASON_FACT, "%s, or else '%s' "
			    "holds", text, cat->threats[hi->either - 1]->id);
		else
			risk_add_reason(k, REASON_FACT, "%.*s, or else '%s' "
			    "holds %s", (int)(open - text - 1), text,
			    cat->threats[hi->either - 1]->id, open);
	}
	analyze_assumes_free(&tmp);
}

/*
 * The score of a finding over its members: the most severe of its
 * targets, with that target's adjustments (presumptions applied if
 * presume is set), into best; the answers that would fail the
 * presumptions applied to that target go to why (if not NULL). Returns
 * the number of presumptions applied by assumption to it.
 */
static int
analyze_score(struct eval *e, const struct catalogue *cat,
    const struct excl *x, size_t ti, const struct hit *h,
    const size_t *members, size_t n, int presume, struct risk *best,
    struct risk *why)
{
	const struct threat	*t = cat->threats[ti];
	struct risk		 cur, curwhy;
	size_t			 i;
	int			 p, bestp = 0;

	memset(best, 0, sizeof *best);
	for (i = 0; i < n; i++) {
		memset(&cur, 0, sizeof cur);
		memset(&curwhy, 0, sizeof curwhy);
		p = analyze_adjust(e, cat, t, x[ti].adj, x[ti].nadj,
		    h[members[i]].obj, &cur, presume, &curwhy);
		if (i == 0 || cur.severity > best->severity ||
		    (cur.severity == best->severity && cur.likelihood *
		    cur.impact > best->likelihood * best->impact)) {
			analyze_assumes_free(best);
			*best = cur;
			bestp = p;
			if (why != NULL) {
				analyze_assumes_free(why);
				*why = curwhy;
				continue;
			}
		} else
			analyze_assumes_free(&cur);
		analyze_assumes_free(&curwhy);
	}
	return bestp;
}

/*
 * The finding a presumption read: as it would stand if the fields it
 * read took the risky answer, scored without it, with what that answer
 * assumes. It goes to twins, and from there only to the open questions
 * of those fields.
 */
static void
analyze_twin(struct eval *e, const struct catalogue *cat,
    const struct excl *x, size_t ti, const struct hit *h,
    const size_t *members, size_t n, const struct risk *k,
    struct risk *why, struct risk_register *twins)
{
	const struct threat	*t = cat->threats[ti];
	struct risk		*tw, best;
	size_t			 i;

	tw = risk_register_add_threat(twins, t->id, t->title, k->target);
	tw->presumed = 1;
	for (i = 0; i < k->nreasons; i++)
		if (k->reasons[i].kind != REASON_ADJUSTMENT)
			risk_add_reason_line(tw, (int)k->reasons[i].kind,
			    k->reasons[i].line);
	for (i = 0; i < why->nreasons; i++)
		if (why->reasons[i].kind == REASON_ASSUMED)
			risk_add_reason_line(tw, REASON_ASSUMED,
			    why->reasons[i].line);
	for (i = 0; i < why->nasks; i++)
		risk_add_ask(tw, why->asks[i].element, why->asks[i].field);
	analyze_score(e, cat, x, ti, h, members, n, 0, &best, NULL);
	analyze_settle(tw, t, &best);
}

/*
 * Raise one finding of a threat: about the subject of its hits, with the
 * reasons of every one, scored as the most severe of them (with that
 * one's adjustments) and the names the hits would have had as risks of
 * their own as aliases. A quiet one (eval_quiet() is set) gets no
 * reasons but, with EVAL_QUIET_FACTS, its assumptions: only its score,
 * asks and aliases.
 */
static struct risk *
analyze_raise(struct eval *e, const struct catalogue *cat,
    const struct excl *x, size_t ti, const struct hit *h,
    const size_t *members, size_t n, const size_t *also, size_t nalso,
    struct risk_register *reg, struct risk_register *twins, int quiet)
{
	const struct threat	*t = cat->threats[ti];
	const struct hit	*first = &h[members[0]];
	struct risk		*k = risk_register_add_threat(reg, t->id,
	    t->title, first->subj_id);
	struct risk		 best, why;
	size_t			 i, j;
	int			 presumed;

	if (n > 1 || first->subj != first->obj)
		analyze_lead(k, t, h, members, n);
	/* Its reasons, asks and aliases are only added to from here. */
	eval_reasons_begin(e, k);
	for (i = 0; i < n; i++) {
		if (h[members[i]].answers != NULL && !quiet)
			risk_add_reason(k, REASON_FACT, "flow '%s' answers "
			    "flow '%s'", h[members[i]].id,
			    h[members[i]].answers);
		if (h[members[i]].either != 0)
			analyze_either(e, cat, t, &h[members[i]], k);
		else
			eval_explain_known(e, t->when, h[members[i]].obj,
			    h[members[i]].maybe ? TV_MAYBE : TV_YES, k);
		for (j = 0; h[members[i]].maybe && quiet != EVAL_QUIET_ALL &&
		    j < x[ti].n; j++)
			if (eval_cond(e, cat->threats[x[ti].v[j]]->when,
			    h[members[i]].obj) == TV_MAYBE)
				risk_add_reason(k, REASON_ASSUMED, "the other "
				    "answer would raise '%s' instead",
				    cat->threats[x[ti].v[j]]->id);
	}
	/*
	 * A finding that holds only by assumption is scored as the risky
	 * answers would have it: no presumption reads its fields.
	 */
	memset(&why, 0, sizeof why);
	presumed = analyze_score(e, cat, x, ti, h, members, n,
	    !first->maybe, &best, &why);
	for (i = 0; i < n; i++)
		if (h[members[i]].subj != h[members[i]].obj)
			analyze_alias(e, k, t, h[members[i]].id);
	analyze_also(e, t, h, also, nalso, k);
	if (presumed > 0 && twins != NULL)
		analyze_twin(e, cat, x, ti, h, members, n, k, &why, twins);
	analyze_assumes_free(&why);
	analyze_settle(k, t, &best);
	return k;	/* its caller ends eval_reasons_begin() */
}

/* 1 if k has an assumption among its reasons. */
static int
analyze_assumes_any(const struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		if (k->reasons[i].kind == REASON_ASSUMED)
			return 1;
	return 0;
}

/* The number of targets of a threat's type in a model. */
static size_t
analyze_ntargets(const struct model *m, const struct threat *t)
{
	switch (t->target) {
	case TARGET_COMPONENT:
		return m->ncomponents;
	case TARGET_FLOW:
		return m->nflows;
	case TARGET_BOUNDARY:
		return m->nboundaries;
	case TARGET_SYSTEM:
	case TARGET_ANY:
		break;
	}
	return 1;
}

/* Target i of a threat's type, as a hit of its own (no subject yet). */
static void
analyze_target(const struct model *m, const struct threat *t, size_t i,
    struct hit *h)
{
	memset(h, 0, sizeof *h);
	switch (t->target) {
	case TARGET_COMPONENT:
		h->obj = m->components[i];
		h->id = m->components[i]->id;
		return;
	case TARGET_FLOW:
		h->obj = m->flows[i];
		h->id = m->flows[i]->id;
		return;
	case TARGET_BOUNDARY:
		h->obj = m->boundaries[i];
		h->id = m->boundaries[i]->id;
		return;
	case TARGET_SYSTEM:
	case TARGET_ANY:
		break;
	}
	h->obj = &m->system;
	h->id = m->system.id;
}

/*
 * Every finding of one threat: the targets it holds for, grouped by its
 * finding mode into one finding per subject, in the order of their first
 * target.
 */
static void
analyze_threat(struct eval *e, const struct catalogue *cat,
    const struct model *m, const struct excl *x, size_t ti,
    struct risk_register *reg, struct risk_register *twins, int lean)
{
	const struct threat	*t = cat->threats[ti];
	struct hit		*h;
	struct strmap		 groups;
	enum tv			 v;
	size_t			 i, j, n, nh = 0, g, *members, *next, *head,
				*tail;
	size_t			*also, nalso;
	struct risk		*k;
	struct buf		 name;
	unsigned		 kinds;
	int			 facts, quiet, assumed;

	/*
	 * The targets it holds for, as hits. Only those are written: most
	 * threats hold for few of a large model's targets.
	 */
	n = analyze_ntargets(m, t);
	h = xreallocarray(NULL, n + 1, sizeof *h);
	/* A component of a kind it does not name is no target of it. */
	kinds = t->target == TARGET_COMPONENT ? eval_kinds(t->when) : KIND_ALL;
	for (i = 0; i < n; i++) {
		if (kinds != KIND_ALL && m->components[i]->kind >= 0 &&
		    m->components[i]->kind < KIND_COUNT &&
		    (kinds & KIND_BIT(m->components[i]->kind)) == 0)
			continue;
		analyze_target(m, t, i, &h[nh]);
		if ((v = eval_cond(e, t->when, h[nh].obj)) == TV_NO ||
		    (v == TV_MAYBE && analyze_excluded(e, cat, x, ti,
		    h[nh].obj, &h[nh].either)))
			continue;
		h[nh].maybe = v == TV_MAYBE && h[nh].either == 0;
		nh++;
	}
	if (nh == 0) {
		free(h);
		eval_forget(e, t->when);
		return;
	}
	/* Its findings evaluate the same nodes again: remember them. */
	eval_caching(e, 1);
	analyze_subjects(m, t, h, nh);
	/* Group by subject id: head[] the first hit of a group, tail[] its
	   last, next[] the next hit of the same group. */
	strmap_init(&groups);
	next = xcalloc(nh + 1, sizeof *next);
	head = xcalloc(nh + 1, sizeof *head);
	tail = xcalloc(nh + 1, sizeof *tail);
	members = xcalloc(nh + 1, sizeof *members);
	also = xcalloc(nh + 1, sizeof *also);
	buf_init(&name);
	for (i = 0, g = 0; i < nh; i++) {
		next[i] = (size_t)-1;
		if ((j = (size_t)(uintptr_t)strmap_get(&groups,
		    h[i].subj_id)) == 0) {
			head[g] = tail[g] = i;
			strmap_put(&groups, h[i].subj_id,
			    (void *)(uintptr_t)++g);
			continue;
		}
		/* Append to the group's last hit (a subject with thousands
		   of hits, a boundary many flows enter, is not walked). */
		next[tail[j - 1]] = i;
		tail[j - 1] = i;
	}
	/*
	 * consumer: a group of one is named after its one target, the
	 * component its reasons stand on, not after where its results go
	 * (a tool that pays through a booking system is the one whose
	 * limit is gamed); the name it had is an alias, so that a decision
	 * taken on it is kept. Not where that name is another group's.
	 */
	for (i = 0; t->finding == FINDING_CONSUMER && i < g; i++) {
		j = head[i];
		if (next[j] != (size_t)-1 || h[j].subj == h[j].obj ||
		    strmap_get(&groups, h[j].id) != NULL)
			continue;
		h[j].moved = h[j].subj_id;
		h[j].subj = h[j].obj;
		h[j].subj_id = h[j].id;
	}
	for (i = 0; i < g; i++) {
		/*
		 * A finding that stands on facts for one of its targets
		 * stands on facts: the targets it holds for only by
		 * assumption add nothing to it. Otherwise it is provisional.
		 */
		facts = 0;
		for (j = head[i]; j != (size_t)-1; j = next[j])
			facts |= !h[j].maybe;
		n = 0;
		nalso = 0;
		for (j = head[i]; j != (size_t)-1; j = next[j])
			if (!facts || !h[j].maybe)
				members[n++] = j;
			else
				also[nalso++] = j;
		/*
		 * One that holds only by assumption and that nothing folds
		 * is only ever an open question: its facts go unwritten.
		 * One that folds others keeps what it assumes, which a fold
		 * into it reads (analyze_contradicts()), and what it folds.
		 */
		quiet = !lean || facts || x[ti].covered ? 0 : x[ti].folds ?
		    EVAL_QUIET_FACTS : EVAL_QUIET_ALL;
		eval_quiet(e, quiet);
		k = analyze_raise(e, cat, x, ti, h, members, n, also, nalso,
		    reg, twins, quiet);
		assumed = quiet == 0 || (quiet == EVAL_QUIET_ALL ?
		    eval_assumed(e) : analyze_assumes_any(k));
		eval_quiet(e, 0);
		/*
		 * One that assumes nothing it can name (its explanations
		 * met only facts) is not provisional: a risk, raised again
		 * whole. Whether it assumes is read from what it wrote, or,
		 * quiet to the end, from what its explanations met.
		 */
		if (quiet != 0 && !assumed) {
			eval_reasons_end(e);
			(void)risk_register_release_some(reg, 1);
			quiet = 0;
			k = analyze_raise(e, cat, x, ti, h, members, n, also,
			    nalso, reg, twins, 0);
		}
		/* Only ever part of open questions: held by its asks. */
		if ((k->lean = quiet != 0) && quiet == EVAL_QUIET_ALL)
			risk_drop_reasons(k);
		/*
		 * An answer grouped with its request (connection) was a
		 * finding about its own destination: where nothing else is
		 * left about that one, the old name is an alias, so that a
		 * decision taken on it is kept.
		 */
		for (j = head[i]; j != (size_t)-1; j = next[j]) {
			if (h[j].moved == NULL || (t->finding !=
			    FINDING_CONSUMER && strmap_get(&groups,
			    h[j].moved) != NULL))
				continue;
			buf_reset(&name);
			buf_addf(&name, "%s@%s", t->id, h[j].moved);
			eval_add_alias(e, k, name.s);
		}
		eval_reasons_end(e);
	}
	buf_release(&name);
	strmap_release(&groups);
	free(next);
	free(head);
	free(tail);
	free(members);
	free(also);
	free(h);
	/* Its per-component arrays: a threat at a time, not the catalogue. */
	eval_forget(e, t->when);
	eval_caching(e, 0);
}

/*
 * The reason lines of the finding that folds others, indexed once it has
 * this many: a finding that covers the restatements of a whole model
 * grows with it, and looking each line of a folded finding up in all of
 * its lines made the folds quadratic (about a sixth of the CPU of an
 * import at N = 100,000). The index lives as long as the folds into the
 * same finding follow one another, so that its lines are hashed once, not
 * at each fold.
 */
#define FOLD_INDEX_FROM	32

struct foldidx {
	const struct risk	*k;	/* the finding indexed, or NULL */
	struct strmap		 lines;	/* its reason lines, whole */
	size_t			 n;	/* its first n reasons are in lines */
	size_t			 assumed; /* of those, how many assumed */
	/*
	 * Its assumptions that name a field, by element and field
	 * (analyze_assumption_key()): the text, or FOLDIDX_MANY when it
	 * assumes two different things of that field.
	 */
	struct strmap		 keys;
	char			**keyv;	/* the keys, owned */
	size_t			 nkeys;
};

static char	foldidx_many;	/* its address marks FOLDIDX_MANY */
#define FOLDIDX_MANY	((void *)&foldidx_many)

static int	analyze_assumption_key(const char *, size_t *,
		    const char **);

static void
foldidx_init(struct foldidx *fx)
{
	fx->k = NULL;
	strmap_init(&fx->lines);
	strmap_init(&fx->keys);
	fx->keyv = NULL;
	fx->n = fx->assumed = fx->nkeys = 0;
}

static void
foldidx_release(struct foldidx *fx)
{
	size_t	i;

	strmap_release(&fx->lines);
	strmap_release(&fx->keys);
	for (i = 0; i < fx->nkeys; i++)
		free(fx->keyv[i]);
	free(fx->keyv);
	foldidx_init(fx);
}

/* "ELEMENT\x1fFIELD" of an assumption's text, or NULL: the caller's. */
static char *
foldidx_key(const char *text)
{
	const char	*field;
	size_t		 elen;

	if (!analyze_assumption_key(text, &elen, &field))
		return NULL;
	return xasprintf("%.*s\x1f%s", (int)elen, text, field);
}

/* Note an assumption of the finding indexed under its key. */
static void
foldidx_add_assumed(struct foldidx *fx, const char *text)
{
	char		*key;
	const char	*had;

	if ((key = foldidx_key(text)) == NULL)
		return;
	if ((had = strmap_get(&fx->keys, key)) != NULL &&
	    (had == FOLDIDX_MANY || strcmp(had, text) == 0)) {
		free(key);
		return;
	}
	/* A value replaced takes the key given (strmap_put()): kept too. */
	fx->keyv = xreallocarray(fx->keyv, fx->nkeys + 1, sizeof *fx->keyv);
	fx->keyv[fx->nkeys++] = key;
	strmap_put(&fx->keys, key, had != NULL ? FOLDIDX_MANY :
	    (void *)(uintptr_t)text);
}

/*
 * 1 if k's reasons are indexed in fx (NULL: none), brought up to date
 * with the lines added since; 0 if k has too few to be worth it.
 */
static int
foldidx_sync(struct foldidx *fx, const struct risk *k)
{
	if (fx == NULL || (fx->k != k && k->nreasons < FOLD_INDEX_FROM))
		return 0;
	if (fx->k != k) {
		foldidx_release(fx);
		fx->k = k;
	}
	for (; fx->n < k->nreasons; fx->n++) {
		strmap_put(&fx->lines, k->reasons[fx->n].line,
		    (void *)(uintptr_t)1);
		if (k->reasons[fx->n].kind != REASON_ASSUMED)
			continue;
		fx->assumed++;
		foldidx_add_assumed(fx,
		    risk_reason_text(&k->reasons[fx->n]));
	}
	return 1;
}

/* 1 if a risk has this reason line already. */
static int
analyze_has_reason(struct foldidx *fx, const struct risk *k,
    const char *line)
{
	size_t	i;

	if (foldidx_sync(fx, k))
		return strmap_get(&fx->lines, line) != NULL;
	for (i = 0; i < k->nreasons; i++)
		if (strcmp(k->reasons[i].line, line) == 0)
			return 1;
	return 0;
}

/* risk_provisional(k), from the index of its lines when it has one. */
static int
analyze_fold_provisional(struct foldidx *fx, const struct risk *k)
{
	if (k->lean || !foldidx_sync(fx, k))
		return risk_provisional(k);
	return fx->assumed > 0;
}

/* Drop k's adjustment lines: its score is no longer the one shown. */
static void
analyze_drop_adjustments(struct foldidx *fx, struct risk *k)
{
	size_t	i, n = 0;

	for (i = 0; i < k->nreasons; i++) {
		if (k->reasons[i].kind == REASON_ADJUSTMENT)
			free(k->reasons[i].line);
		else
			k->reasons[n++] = k->reasons[i];
	}
	/* The index held the lines freed: it is made again when needed. */
	if (fx != NULL && fx->k == k && n < k->nreasons)
		foldidx_release(fx);
	k->nreasons = n;
}

/*
 * Flows set aside (by index): on[] a byte per flow of the model, idx[]
 * the n set, so that clearing them and walking them does not go over
 * every flow of the model for each finding folded.
 */
struct skipset {
	unsigned char	*on;
	size_t		*idx;
	size_t		 n;
};

/*
 * 1 if a reason line or an ask's element names one of the flows set in
 * skip, quoted as the reasons quote them ("flow 'r2' ...").
 */
static int
analyze_names_skipped(const struct model *m, const struct skipset *skip,
    const char *text)
{
	char	*q;
	size_t	 i;
	int	 hit = 0;

	if (skip == NULL)
		return 0;
	for (i = 0; i < skip->n && !hit; i++) {
		q = xasprintf("'%s'", m->flows[skip->idx[i]]->id);
		hit = strstr(text, q) != NULL;
		free(q);
	}
	return hit;
}

/* The index + 1 of the flow of this id, or 0 if no flow has it. */
static size_t
analyze_flow_index(const struct model *m, const char *id)
{
	const struct objref	*ref = model_find(m, id);

	if (ref == NULL || ref->type != OBJ_FLOW)
		return 0;
	return ((const struct flow *)ref->ptr)->index + 1;
}

/* 1 if id is that of a flow set in skip. */
static int
analyze_skips_id(const struct model *m, const struct skipset *skip,
    const char *id)
{
	size_t	j = analyze_flow_index(m, id);

	return j != 0 && skip->on[j - 1];
}

/* 1 if the risk k has the alias THREAT@TARGET. */
static int
analyze_has_alias(const struct risk *k, const char *threat,
    const char *target)
{
	size_t	i, len = strlen(threat);

	for (i = 0; i < k->naliases; i++)
		if (strncmp(k->aliases[i], threat, len) == 0 &&
		    k->aliases[i][len] == '@' &&
		    strcmp(k->aliases[i] + len + 1, target) == 0)
			return 1;
	return 0;
}

/*
 * Fold a restating finding c into the finding k that covers it. The more
 * severe score is kept, with the adjustment lines that made it: the other
 * finding's would explain a score that is not shown. With skip (flows by
 * index), only the part of c about its other flows is folded: its lines
 * and questions that name a skipped flow stay out, and k takes the
 * aliases of c's flows that it shares (THREAT@FLOW) rather than c's
 * name, unless name is set (the first part of c folded keeps its name,
 * so that a decision taken on it follows as before).
 */
static void
analyze_fold(struct risk *k, const struct risk *c, const struct model *m,
    const struct skipset *skip, int name_too, struct foldidx *fx)
{
	char	*name;
	size_t	 x, len = strlen(c->threat);
	int	 provisional = analyze_fold_provisional(fx, k), takes;

	takes = c->severity > k->severity || (c->severity == k->severity &&
	    c->likelihood * c->impact > k->likelihood * k->impact);
	if (takes)
		analyze_drop_adjustments(fx, k);
	risk_add_reason(k, REASON_FACT, RISK_COVERS_FMT, c->threat,
	    c->title);
	/*
	 * What the covered finding assumed does not make one that stands
	 * on facts provisional.
	 */
	for (x = 0; x < c->nreasons; x++)
		if (!analyze_has_reason(fx, k, c->reasons[x].line) &&
		    !analyze_names_skipped(m, skip,
		    risk_reason_text(&c->reasons[x])) &&
		    (takes || c->reasons[x].kind != REASON_ADJUSTMENT) &&
		    (provisional || (c->reasons[x].kind != REASON_ASSUMED &&
		    strcmp(c->reasons[x].line, PROVISIONAL_REASON) != 0)))
			risk_add_reason_line(k, (int)c->reasons[x].kind,
			    c->reasons[x].line);
	for (x = 0; x < c->nmitigations; x++) {
		if (risk_find_mitigation(k, c->mitigations[x].id) != NULL)
			continue;
		if (c->mitigations[x].borrowed)
			risk_add_mitigation_borrowed(k, c->mitigations[x].id);
		else
			risk_add_mitigation(k, c->mitigations[x].id);
	}
	for (x = 0; provisional && x < c->nasks; x++)
		if (!analyze_names_skipped(m, skip, c->asks[x].element))
			risk_add_ask(k, c->asks[x].element, c->asks[x].field);
	if (skip == NULL || name_too) {
		name = risk_name(c);
		risk_add_alias(k, name);
		free(name);
	}
	for (x = 0; x < c->naliases; x++)
		if (skip == NULL || (strncmp(c->aliases[x], c->threat,
		    len) == 0 && c->aliases[x][len] == '@' &&
		    !analyze_skips_id(m, skip, c->aliases[x] + len + 1)))
			risk_add_alias(k, c->aliases[x]);
	if (takes) {
		k->likelihood = c->likelihood;
		k->impact = c->impact;
		k->severity = c->severity;
	}
}

/*
 * The index + 1 in the register of the finding NAME, or 0 when there is
 * none or it is already folded into another.
 */
static size_t
analyze_covered(struct strmap *by, const unsigned char *gone,
    const char *threat, const char *target)
{
	char	*key = xasprintf("%s@%s", threat, target);
	size_t	 x = (size_t)(uintptr_t)strmap_get(by, key);

	free(key);
	return x == 0 || gone[x - 1] ? 0 : x;
}

/*
 * 1 if the finding c may be folded into k: a finding that stands on facts
 * is never folded into one that is only a question; it stays a risk.
 */
/*
 * The key of an assumption: its element and the field it names, the
 * text up to the element's closing quote and the "(F not answered)" at
 * its end ("'agent'" and "(executes-code not answered)"); 0 if the line
 * names no field.
 */
static int
analyze_assumption_key(const char *text, size_t *elen, const char **field)
{
	static const char	 tail[] = " not answered)";
	const char		*q, *open;
	size_t			 n = strlen(text), nt = sizeof tail - 1;

	if ((q = strchr(text, '\'')) == NULL ||
	    (q = strchr(q + 1, '\'')) == NULL)
		return 0;
	*elen = (size_t)(q - text) + 1;
	if (n < nt || strcmp(text + n - nt, tail) != 0 ||
	    (open = strrchr(text, '(')) == NULL)
		return 0;
	*field = open;
	return 1;
}

/*
 * 1 if two findings assume different things of one field of one element
 * ("'x' executes code" and "'x' does not execute code"): folded together,
 * the finding would hold under neither answer.
 */
static int
analyze_contradicts(struct foldidx *fx, const struct risk *k,
    const struct risk *c)
{
	const char	*a, *b, *fa, *fb;
	char		*key;
	size_t		 i, j, la, lb;
	int		 differs = 0;

	/* With k indexed: each of c's assumptions looked up by its key. */
	if (foldidx_sync(fx, k)) {
		for (j = 0; j < c->nreasons && !differs; j++) {
			if (c->reasons[j].kind != REASON_ASSUMED)
				continue;
			b = risk_reason_text(&c->reasons[j]);
			if ((key = foldidx_key(b)) == NULL)
				continue;
			a = strmap_get(&fx->keys, key);
			differs = a != NULL && (a == FOLDIDX_MANY ||
			    strcmp(a, b) != 0);
			free(key);
		}
		return differs;
	}
	for (i = 0; i < k->nreasons; i++) {
		if (k->reasons[i].kind != REASON_ASSUMED)
			continue;
		a = risk_reason_text(&k->reasons[i]);
		if (!analyze_assumption_key(a, &la, &fa))
			continue;
		for (j = 0; j < c->nreasons; j++) {
			if (c->reasons[j].kind != REASON_ASSUMED)
				continue;
			b = risk_reason_text(&c->reasons[j]);
			if (!analyze_assumption_key(b, &lb, &fb) ||
			    la != lb || strncmp(a, b, la) != 0 ||
			    strcmp(fa, fb) != 0)
				continue;
			if (strcmp(a, b) != 0)
				return 1;
		}
	}
	return 0;
}

/*
 * 1 if the finding c may be folded into k: a finding that stands on facts
 * is never folded into one that is only a question; it stays a risk. Nor
 * is one that assumes another answer of a field that k assumes: it is a
 * question of its own.
 */
static int
analyze_may_fold(struct foldidx *fx, const struct risk *k,
    const struct risk *c)
{
	if (!analyze_fold_provisional(fx, k))
		return 1;
	return risk_provisional(c) && !analyze_contradicts(fx, k, c);
}

/* What a model learns from travels as these classes. */
#define LEARNS_FROM (DATA_BIT(DATA_TRAINING_DATA) | \
	DATA_BIT(DATA_FEEDBACK) | DATA_BIT(DATA_MODEL_WEIGHTS) | \
	DATA_BIT(DATA_MODEL_UPDATE))

/*
 * The findings a covers-feedback threat may fold: those of one threat on
 * the components that take in feedback, in model order. Folded ones are
 * dropped as they are met. One that a walk back from a target did not
 * reach keeps the components it reaches itself (down), so that it no
 * longer makes each later target walk back over the model.
 */
struct feedback_cands {
	const char	 *threat;	/* borrowed from the catalogue */
	size_t		 *comp;		/* component index of each */
	size_t		 *risk;		/* 1 + its index in the register */
	unsigned char	**down;		/* bit per component it reaches,
					   or NULL until needed */
	size_t		  n;
};

/*
 * The flows that carry what a model learns from, by destination and by
 * source, to walk from a component to the ones that gather its feedback.
 * Built once per analysis when a threat needs it: walking every flow of
 * the model for each finding made the analysis quadratic (95 % of an
 * import at N = 10,000).
 */
struct feedback {
	size_t			 *first;	/* component index: its first
						   flow in in[] */
	const struct flow	**in;		/* the flows, by destination */
	size_t			 *ofirst;	/* the same by source */
	const struct flow	**out;
	unsigned char		 *fed;		/* component index: 1 if a
						   flow brings it feedback */
	size_t			 *seen;		/* component index: walk that
						   reached it last */
	size_t			  walk;		/* this walk's number */
	size_t			 *up;		/* the components reached */
	size_t			  ncomponents;
	struct feedback_cands	 *cands;	/* by covered threat */
	size_t			  ncands;
};

/*
 * 1 if what a model learns from passes along flow f: it carries training
 * data, feedback or weights, or it goes from an inference service to the
 * model it serves. Weights are drawn into the service that loads them
 * (parapet-model(5)); the requests it passes on to the model are how the
 * model it retrained gets them.
 */
static int
analyze_learns_along(const struct flow *f)
{
	if (f->src == f->dst)
		return 0;
	return (f->data & LEARNS_FROM) != 0 ||
	    (f->src->kind == KIND_INFERENCE_SERVICE &&
	    f->dst->kind == KIND_MODEL);
}

/* Index the flows that carry what a model learns from by one end. */
static void
analyze_feedback_index(const struct model *m, int by_src, size_t **first,
    const struct flow ***flows)
{
	const struct flow	*f;
	size_t			 i, n = m->ncomponents;

	*first = xcalloc(n + 2, sizeof **first);
	*flows = xcalloc(m->nflows + 1, sizeof **flows);
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		if (analyze_learns_along(f))
			(*first)[(by_src ? f->src : f->dst)->index + 2]++;
	}
	for (i = 2; i < n + 2; i++)
		(*first)[i] += (*first)[i - 1];
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		if (analyze_learns_along(f))
			(*flows)[(*first)[(by_src ? f->src : f->dst)->index +
			    1]++] = f;
	}
}

static struct feedback *
analyze_feedback_new(const struct model *m)
{
	struct feedback		*fb = xcalloc(1, sizeof *fb);
	const struct flow	*f;
	size_t			 i, n = m->ncomponents;

	analyze_feedback_index(m, 0, &fb->first, &fb->in);
	analyze_feedback_index(m, 1, &fb->ofirst, &fb->out);
	fb->ncomponents = n;
	fb->fed = xcalloc(n + 1, 1);
	fb->seen = xcalloc(n + 1, sizeof *fb->seen);
	fb->up = xcalloc(n + 1, sizeof *fb->up);
	for (i = 0; i < m->nflows; i++) {
		f = m->flows[i];
		if (f->src != f->dst && (f->data & DATA_BIT(DATA_FEEDBACK)) !=
		    0)
			fb->fed[f->dst->index] = 1;
	}
	/*
	 * A dataset of what users submit (what they type, post or correct,
	 * taken in as training data rather than as ratings) is the feedback
	 * of a model that is retrained on it: its poisoning and the model's
	 * skewing are the same users steering the same retraining.
	 */
	for (i = 0; i < n; i++)
		if (m->components[i]->kind == KIND_DATASET &&
		    m->components[i]->origin == ORIGIN_USER_CONTRIBUTED)
			fb->fed[i] = 1;
	return fb;
}

static void
analyze_feedback_free(struct feedback *fb)
{
	size_t	i, j;

	if (fb == NULL)
		return;
	for (i = 0; i < fb->ncands; i++) {
		for (j = 0; j < fb->cands[i].n; j++)
			free(fb->cands[i].down[j]);
		free(fb->cands[i].comp);
		free(fb->cands[i].risk);
		free(fb->cands[i].down);
	}
	free(fb->cands);
	free(fb->first);
	free(fb->in);
	free(fb->ofirst);
	free(fb->out);
	free(fb->fed);
	free(fb->seen);
	free(fb->up);
	free(fb);
}

/* The findings of threat on components that take in feedback. */
static struct feedback_cands *
analyze_feedback_cands(struct feedback *fb, const struct model *m,
    struct strmap *by, const char *threat)
{
	struct feedback_cands	*fc;
	char			*key;
	size_t			 i, x;

	for (i = 0; i < fb->ncands; i++)
		if (strcmp(fb->cands[i].threat, threat) == 0)
			return &fb->cands[i];
	fb->cands = xreallocarray(fb->cands, fb->ncands + 1,
	    sizeof *fb->cands);
	fc = &fb->cands[fb->ncands++];
	fc->threat = threat;
	fc->comp = xcalloc(m->ncomponents + 1, sizeof *fc->comp);
	fc->risk = xcalloc(m->ncomponents + 1, sizeof *fc->risk);
	fc->down = xcalloc(m->ncomponents + 1, sizeof *fc->down);
	fc->n = 0;
	for (i = 0; i < m->ncomponents; i++) {
		if (!fb->fed[i])
			continue;
		key = xasprintf("%s@%s", threat, m->components[i]->id);
		x = (size_t)(uintptr_t)strmap_get(by, key);
		free(key);
		if (x == 0)
			continue;
		fc->comp[fc->n] = i;
		fc->risk[fc->n++] = x;
	}
	return fc;
}

/*
 * The components that reach component u through flows that carry
 * training data, feedback or weights: fb->seen[] is fb->walk for them.
 * Linear in what the walk reaches.
 */
static size_t
analyze_feedback_up(struct feedback *fb, size_t u)
{
	const struct component	*c;
	size_t			 nup = 0, i, x;

	fb->walk++;
	fb->seen[u] = fb->walk;
	fb->up[nup++] = u;
	for (i = 0; i < nup; i++) {
		u = fb->up[i];
		for (x = fb->first[u]; x < fb->first[u + 1]; x++) {
			c = fb->in[x]->src;
			if (fb->seen[c->index] != fb->walk) {
				fb->seen[c->index] = fb->walk;
				fb->up[nup++] = c->index;
			}
		}
	}
	return fb->walk;
}

/*
 * The components that component u reaches through those flows, a bit per
 * component index, which the caller frees. Linear in what it reaches.
 */
static unsigned char *
analyze_feedback_down(struct feedback *fb, size_t u)
{
	unsigned char		*bits = xcalloc(fb->ncomponents / 8 + 1, 1);
	size_t			*queue = xcalloc(fb->ncomponents + 1,
				    sizeof *queue);
	size_t			 n = 0, i, x, v;

	bits[u / 8] |= (unsigned char)(1u << (u % 8));
	queue[n++] = u;
	for (i = 0; i < n; i++) {
		u = queue[i];
		for (x = fb->ofirst[u]; x < fb->ofirst[u + 1]; x++) {
			v = fb->out[x]->dst->index;
			if ((bits[v / 8] >> (v % 8) & 1) == 0) {
				bits[v / 8] |= (unsigned char)(1u << (v % 8));
				queue[n++] = v;
			}
		}
	}
	free(queue);
	return bits;
}

/*
 * Fold each finding of a threat that a covering threat names in
 * covers-feedback, on a component that gathers the feedback the covering
 * finding's target learns from, into the covering one: a component that
 * takes in a flow carrying feedback, or a dataset of what users submit,
 * and reaches the target through flows that carry training data, feedback
 * or weights, the last of them perhaps into the inference service that
 * serves it (a dataset of analysts' and customers' labels that the weekly
 * retraining learns from; what phones' users type, trained on). The
 * walk back from the target is made only when a finding is left to fold
 * that has not had its own walk.
 */
static void
analyze_covers_feedback(const struct model *m, const struct threat *t,
    struct risk *k, struct risk_register *reg, struct strmap *by,
    unsigned char *gone, struct feedback **fb, struct foldidx *fx)
{
	const struct component	*to = model_component(m, k->target);
	const struct component	*c;
	struct feedback_cands	*fc;
	unsigned char		*down;
	size_t			 i, j, x, keep, walked = 0;

	if (to == NULL)
		return;
	if (*fb == NULL)
		*fb = analyze_feedback_new(m);
	for (j = 0; j < t->ncovers_feedback; j++) {
		fc = analyze_feedback_cands(*fb, m, by, t->covers_feedback[j]);
		for (i = keep = 0; i < fc->n; i++) {
			x = fc->risk[i];
			down = fc->down[i];
			if (gone[x - 1]) {
				free(down);
				continue;
			}
			c = m->components[fc->comp[i]];
			if (c != to && analyze_may_fold(fx, k,
			    reg->risks[x - 1])) {
				if (down == NULL && walked == 0) {
					walked = analyze_feedback_up(*fb,
					    to->index);
				}
				if (down != NULL ? (down[to->index / 8] >>
				    (to->index % 8) & 1) != 0 :
				    (*fb)->seen[c->index] == walked) {
					analyze_fold(k, reg->risks[x - 1], m,
					    NULL, 0, fx);
					risk_add_reason(k, REASON_FACT, "'%s' "
					    "gathers the feedback '%s' learns "
					    "from", c->id, to->id);
					gone[x - 1] = 1;
					free(down);
					continue;
				}
				if (down == NULL)
					down = analyze_feedback_down(*fb,
					    c->index);
			}
			fc->comp[keep] = fc->comp[i];
			fc->risk[keep] = x;
			fc->down[keep++] = down;
		}
		fc->n = keep;
	}
}

/*
 * The flows into each component, built once for analyze_planners(): the
 * flows into component i are flow[first[i]] to flow[first[i + 1] - 1], in
 * the model's order. marks has a byte per component, all 0 between calls.
 */
struct planners {
	size_t			 *first;
	const struct flow	**flow;
	unsigned char		 *serves;
	unsigned char		 *plans;
	size_t			 *marked;	/* the indices set in plans */
	size_t			  nmarked;
};

static void
analyze_planners_init(struct planners *p, const struct model *m)
{
	size_t	i, *at;

	p->first = xcalloc(m->ncomponents + 2, sizeof *p->first);
	p->flow = xcalloc(m->nflows + 1, sizeof *p->flow);
	p->serves = xcalloc(m->ncomponents + 1, 1);
	p->plans = xcalloc(m->ncomponents + 1, 1);
	p->marked = xcalloc(m->ncomponents + 1, sizeof *p->marked);
	p->nmarked = 0;
	for (i = 0; i < m->nflows; i++)
		p->first[m->flows[i]->dst->index + 1]++;
	for (i = 0; i < m->ncomponents; i++)
		p->first[i + 1] += p->first[i];
	at = xcalloc(m->ncomponents + 1, sizeof *at);
	for (i = 0; i < m->nflows; i++) {
		size_t	d = m->flows[i]->dst->index;

		p->flow[p->first[d] + at[d]++] = m->flows[i];
	}
	free(at);
}

static void
analyze_planners_free(struct planners *p)
{
	free(p->first);
	free(p->flow);
	free(p->serves);
	free(p->plans);
	free(p->marked);
}

static void
analyze_plans_mark(struct planners *p, size_t i)
{
	if (!p->plans[i]) {
		p->plans[i] = 1;
		p->marked[p->nmarked++] = i;
	}
}

/*
 * The agents that plan with a component: 1 at the index of each agent
 * with a flow to it, or to an inference service that has a flow to it,
 * in the returned array (p's, valid until the next call).
 */
static const unsigned char *
analyze_planners(struct planners *p, const struct component *to)
{
	const struct flow	*f, *g;
	size_t			 i, j;

	while (p->nmarked > 0)
		p->plans[p->marked[--p->nmarked]] = 0;
	for (i = p->first[to->index]; i < p->first[to->index + 1]; i++) {
		f = p->flow[i];
		if (f->src->kind == KIND_AGENT)
			analyze_plans_mark(p, f->src->index);
		if (f->src->kind != KIND_INFERENCE_SERVICE ||
		    p->serves[f->src->index])
			continue;
		/* An inference service that serves it: its planners too. */
		p->serves[f->src->index] = 1;
		for (j = p->first[f->src->index];
		    j < p->first[f->src->index + 1]; j++) {
			g = p->flow[j];
			if (g->src->kind == KIND_AGENT)
				analyze_plans_mark(p, g->src->index);
		}
	}
	for (i = p->first[to->index]; i < p->first[to->index + 1]; i++)
		p->serves[p->flow[i]->src->index] = 0;
	return p->plans;
}

/*
 * 1 if every agent that the finding c of THREAT names (its target, and
 * those of its aliases of the same threat, for a finding that groups a
 * chain of agents) is marked in plans.
 */
static int
analyze_all_plan(const struct model *m, const struct risk *c,
    const unsigned char *plans)
{
	const struct component	*a;
	size_t			 len = strlen(c->threat), y;

	if ((a = model_component(m, c->target)) == NULL || !plans[a->index])
		return 0;
	for (y = 0; y < c->naliases; y++) {
		if (strncmp(c->aliases[y], c->threat, len) != 0 ||
		    c->aliases[y][len] != '@')
			continue;
		if ((a = model_component(m, c->aliases[y] + len + 1)) ==
		    NULL || !plans[a->index])
			return 0;
	}
	return 1;
}

/*
 * Fold each finding that a covering threat names in covers-agents, when
 * every agent it names plans with the covering finding's target (one
 * model that all of them share), into the covering one: the path through
 * the agents is the path into that model.
 */
static void
analyze_covers_agents(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, unsigned char *gone, struct foldidx *fx)
{
	const struct threat	*t;
	const struct component	*to;
	const unsigned char	*plans;
	struct planners		 pl;
	struct strmap		 named;
	struct risk		*k, *c;
	size_t			*span, *at, *order, i, j, x, y, nspans = 0;

	/*
	 * The findings of each threat that some threat covers as agents, in
	 * register order: each covering finding looks at those only, not at
	 * the whole register (quadratic on a large model).
	 */
	strmap_init(&named);
	for (i = 0; i < cat->nthreats; i++)
		for (j = 0; j < cat->threats[i]->ncovers_agents; j++)
			if (strmap_get(&named,
			    cat->threats[i]->covers_agents[j]) == NULL)
				strmap_put(&named,
				    cat->threats[i]->covers_agents[j],
				    (void *)(uintptr_t)++nspans);
	if (nspans == 0) {
		strmap_release(&named);
		return;
	}
	span = xcalloc(nspans + 2, sizeof *span);
	for (i = 0; i < reg->n; i++)
		if ((y = (uintptr_t)strmap_get(&named,
		    reg->risks[i]->threat)) != 0)
			span[y + 1]++;
	for (y = 1; y <= nspans; y++)
		span[y + 1] += span[y];
	order = xcalloc(span[nspans + 1] + 1, sizeof *order);
	at = xcalloc(nspans + 1, sizeof *at);
	for (i = 0; i < reg->n; i++)
		if ((y = (uintptr_t)strmap_get(&named,
		    reg->risks[i]->threat)) != 0)
			order[span[y] + at[y]++] = i;
	free(at);
	analyze_planners_init(&pl, m);
	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		if (gone[i] || (t = catalogue_threat(cat, k->threat)) ==
		    NULL || t->ncovers_agents == 0 ||
		    (to = model_component(m, k->target)) == NULL)
			continue;
		plans = NULL;
		for (j = 0; j < t->ncovers_agents; j++) {
			y = (uintptr_t)strmap_get(&named, t->covers_agents[j]);
			for (x = 0; y != 0 && x < span[y + 1] - span[y]; x++) {
				size_t	r = order[span[y] + x];

				c = reg->risks[r];
				if (gone[r] || r == i)
					continue;
				if (plans == NULL)
					plans = analyze_planners(&pl, to);
				if (!analyze_all_plan(m, c, plans) ||
				    !analyze_may_fold(fx, k, c))
					continue;
				analyze_fold(k, c, m, NULL, 0, fx);
				risk_add_reason(k, REASON_FACT, "every agent "
				    "that '%s' names plans with '%s'",
				    c->threat, to->id);
				gone[r] = 1;
			}
		}
	}
	analyze_planners_free(&pl);
	free(order);
	free(span);
	strmap_release(&named);
}

/*
 * Fold each finding that a covering threat restates on the same target,
 * or on one of the targets the covering finding groups (its aliases
 * THREAT@TARGET), into the covering one, which takes its reasons (after a
 * line that says so), mitigations, name and aliases, and its score when
 * higher.
 */
/*
 * A covered finding c that groups flows (THREAT@FLOW aliases: the answers
 * that one consumer takes in clear text from two vendors) may restate
 * several findings of k's threat, each about some of its flows (one
 * connection per vendor). Folded whole into the first, that one would
 * name flows that never touch it. 1 if c has flows that k does not group
 * and every one of them is grouped by another finding of k's threat
 * still in the register: skip then holds those flows (by index), so
 * that each takes its own part of c. 0 when c is about k's flows only,
 * or when some flow of c has no other finding to go to (folded whole, as
 * before, so that nothing it says is lost).
 */
static int
analyze_share_out(const struct model *m, const struct risk *k,
    const struct risk *c, struct strmap *alias, const unsigned char *gone,
    struct skipset *skip)
{
	const char	*a, *id;
	char		*key;
	size_t		 i, j, x, len = strlen(c->threat), n = 0;

	while (skip->n > 0)
		skip->on[skip->idx[--skip->n]] = 0;
	for (i = 0; i < c->naliases; i++) {
		a = c->aliases[i];
		if (strncmp(a, c->threat, len) != 0 || a[len] != '@')
			continue;
		id = a + len + 1;
		if (analyze_has_alias(k, k->threat, id))
			continue;
		if ((j = analyze_flow_index(m, id)) == 0)
			continue;
		j--;
		key = xasprintf("%s@%s", k->threat, id);
		x = (size_t)(uintptr_t)strmap_get(alias, key);
		free(key);
		if (x == 0 || gone[x - 1])
			return 0;
		if (!skip->on[j]) {
			skip->on[j] = 1;
			skip->idx[skip->n++] = j;
		}
		n++;
	}
	return n > 0;
}

/*
 * The order in which analyze_covers() lets findings fold others: first
 * those whose threat another threat covers (and that may cover threats
 * that cover nothing, see parapet-catalogue(5)), so that what they fold
 * goes with them when they are folded in turn; then the rest, each in
 * register order.
 */
static size_t *
analyze_covers_order(const struct catalogue *cat,
    const struct risk_register *reg)
{
	struct strmap	 covered;
	size_t		*order, i, j, n = 0;
	int		 pass;

	strmap_init(&covered);
	for (i = 0; i < cat->nthreats; i++)
		for (j = 0; j < cat->threats[i]->ncovers; j++)
			if (strmap_get(&covered, cat->threats[i]->covers[j]) ==
			    NULL)
				strmap_put(&covered, cat->threats[i]->covers[j],
				    (void *)(uintptr_t)1);
	order = xcalloc(reg->n + 1, sizeof *order);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < reg->n; i++)
			if ((strmap_get(&covered, reg->risks[i]->threat) !=
			    NULL) == (pass == 0))
				order[n++] = i;
	strmap_release(&covered);
	return order;
}

/*
 * The finding (its index + 1) that an alias of k, "THREAT@TARGET" of k's
 * own threat, names under the threat cover that k's covers, found through
 * map, when k may fold it; 0 when none.
 */
static size_t
analyze_alias_fold(const struct risk_register *reg, struct strmap *map,
    const unsigned char *gone, const struct risk *k, const char *cover,
    const char *alias, struct foldidx *fx)
{
	const struct risk	*c;
	size_t			 len = strlen(k->threat), x;

	if (strncmp(alias, k->threat, len) != 0 || alias[len] != '@' ||
	    (x = analyze_covered(map, gone, cover, alias + len + 1)) == 0)
		return 0;
	c = reg->risks[x - 1];
	if (c == k || !analyze_may_fold(fx, k, c))
		return 0;
	return x;
}

static void
analyze_covers(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg)
{
	const struct threat	*t;
	struct risk		*k, *c;
	struct strmap		 by, alias;
	struct feedback		*fb = NULL;
	char			**names;
	unsigned char		*gone, *split;
	struct skipset		 skip;
	struct foldidx		 fx;
	const char		*a;
	size_t			 i, j, x, y, z, len, n = reg->n, *order;

	foldidx_init(&fx);
	strmap_init(&by);
	names = xcalloc(n + 1, sizeof *names);
	gone = xcalloc(n + 1, 1);
	split = xcalloc(n + 1, 1);
	skip.on = xcalloc(m->nflows + 1, 1);
	skip.idx = xcalloc(m->nflows + 1, sizeof *skip.idx);
	skip.n = 0;
	order = analyze_covers_order(cat, reg);
	strmap_init(&alias);
	for (i = 0; i < n; i++) {
		names[i] = risk_name(reg->risks[i]);
		strmap_put(&by, names[i], (void *)(uintptr_t)(i + 1));
		for (y = 0; y < reg->risks[i]->naliases; y++)
			if (strmap_get(&alias, reg->risks[i]->aliases[y]) ==
			    NULL)
				strmap_put(&alias, reg->risks[i]->aliases[y],
				    (void *)(uintptr_t)(i + 1));
	}
	/*
	 * First the findings that group the same targets (flows both group,
	 * whatever they are about): a finding that moved a flow onto another
	 * subject (connection) takes the restatement about that flow, not
	 * one that happens to be about the subject it left.
	 */
	for (z = 0; z < n; z++) {
		i = order[z];
		k = reg->risks[i];
		if (gone[i] || (t = catalogue_threat(cat, k->threat)) ==
		    NULL)
			continue;
		len = strlen(k->threat);
		for (j = 0; j < t->ncovers; j++)
			for (y = k->naliases; y-- > 0; ) {
				a = k->aliases[y];
				if ((x = analyze_alias_fold(reg, &alias, gone,
				    k, t->covers[j], a, &fx)) == 0)
					continue;
				c = reg->risks[x - 1];
				if (analyze_share_out(m, k, c, &alias, gone,
				    &skip)) {
					/* Its part about this flow, once. */
					if (analyze_has_alias(k, c->threat,
					    a + len + 1))
						continue;
					analyze_fold(k, c, m, &skip,
					    !split[x - 1], &fx);
					split[x - 1] = 1;
					continue;
				}
				analyze_fold(k, c, m, NULL, 0, &fx);
				gone[x - 1] = 1;
			}
	}
	/* A finding shared out among those that restate it is gone. */
	for (i = 0; i < n; i++)
		if (split[i])
			gone[i] = 1;
	for (z = 0; z < n; z++) {
		i = order[z];
		k = reg->risks[i];
		if (gone[i] || (t = catalogue_threat(cat, k->threat)) ==
		    NULL)
			continue;
		for (j = 0; j < t->ncovers; j++) {
			if ((x = analyze_covered(&by, gone, t->covers[j],
			    k->target)) != 0 &&
			    analyze_may_fold(&fx, k, reg->risks[x - 1])) {
				analyze_fold(k, reg->risks[x - 1], m, NULL, 0,
				    &fx);
				gone[x - 1] = 1;
			}
			/* Folding adds aliases: count those of the start. */
			for (y = k->naliases; y-- > 0; ) {
				if ((x = analyze_alias_fold(reg, &by, gone, k,
				    t->covers[j], k->aliases[y], &fx)) == 0)
					continue;
				analyze_fold(k, reg->risks[x - 1], m, NULL, 0,
				    &fx);
				gone[x - 1] = 1;
			}
		}
		if (t->ncovers_feedback > 0 && t->target == TARGET_COMPONENT)
			analyze_covers_feedback(m, t, k, reg, &by, gone,
			    &fb, &fx);
	}
	analyze_feedback_free(fb);
	/* After the others: a finding it folds has folded its own. */
	analyze_covers_agents(cat, m, reg, gone, &fx);
	/* Before the findings folded are freed: it holds their lines. */
	foldidx_release(&fx);
	strmap_release(&by);
	strmap_release(&alias);
	for (i = 0; i < n; i++)
		free(names[i]);
	risk_register_drop(reg, gone);
	free(names);
	free(gone);
	free(split);
	free(skip.on);
	free(skip.idx);
	free(order);
}

void
analyze_provisional(struct risk *k)
{
	risk_add_reason_text(k, REASON_ADJUSTMENT, PROVISIONAL_REASON);
	k->likelihood = clamp(k->likelihood - 1);
	k->severity = risk_severity(k->likelihood, k->impact);
}

/*
 * Move the findings from index first on that stand only on assumptions
 * out of reg, into pending (or free them if pending is NULL).
 */
static void
analyze_split(struct risk_register *reg, size_t first,
    struct risk_register *pending)
{
	struct risk	*k;
	size_t		 i, n = first;

	for (i = first; i < reg->n; i++) {
		k = reg->risks[i];
		if (!risk_provisional(k)) {
			reg->risks[n++] = k;
			continue;
		}
		if (pending != NULL) {
			risk_register_take(pending, k);
			continue;
		}
		risk_register_take(NULL, k);
	}
	reg->n = n;
}

int
analyze(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct error *err)
{
	return analyze_unknowns(cat, m, reg, NULL, err);
}

size_t
analyze_questions(const struct catalogue *cat, const struct model *m,
    struct risk_register *pending, struct risk_questions *q)
{
	struct risk_register	reg;
	struct error		err;

	risk_register_init(&reg);
	q->v = NULL;
	q->n = 0;
	if (analyze_unknowns(cat, m, &reg, pending, &err) == 0)
		risk_questions_build(pending, q);
	risk_register_release(&reg);
	return q->n;
}

/*
 * analyze_unknowns(), lean or not (analyze_lean()), of the threats only
 * marks (one byte per threat; NULL: every one).
 */
static int
analyze_findings_of(const struct catalogue *cat, const struct model *m,
    const unsigned char *only, struct risk_register *reg,
    struct risk_register *pending, int lean, struct error *err)
{
	struct risk_register	 twins;
	struct eval		*e;
	struct excl		*x;
	struct risk		*k;
	size_t			 i, first = reg->n;

	if (!m->indexed)
		return error_set(err, "the model must be indexed before it is "
		    "analyzed");
	risk_register_init(&twins);
	e = eval_new(cat, m);
	x = analyze_exclusions(cat);
	for (i = 0; i < cat->nthreats; i++)
		if (only == NULL || only[i])
			analyze_threat(e, cat, m, x, i, reg, &twins, lean);
	analyze_exclusions_free(x, cat->nthreats);
	eval_free(e);
	analyze_covers(cat, m, reg);
	analyze_split(reg, first, pending);
	/*
	 * What a presumption read stays an open question: the finding as
	 * the risky answers would have it, while the one it read is still
	 * a risk (not folded into another).
	 */
	for (i = 0; i < twins.n; i++) {
		k = twins.risks[i];
		twins.risks[i] = NULL;
		if (pending != NULL && risk_register_find(reg, k->threat,
		    k->target) != NULL)
			risk_register_take(pending, k);
		else
			risk_register_take(NULL, k);
	}
	twins.n = 0;
	risk_register_release(&twins);
	/* Reasons bounded by the catalogue, not by the size of the model. */
	for (i = first; i < reg->n; i++)
		eval_bound_reasons(reg->risks[i]);
	for (i = 0; pending != NULL && i < pending->n; i++)
		eval_bound_reasons(pending->risks[i]);
	risk_register_sort(reg);
	if (pending != NULL)
		risk_register_sort(pending);
	return 0;
}

static int
analyze_findings(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct risk_register *pending, int lean,
    struct error *err)
{
	return analyze_findings_of(cat, m, NULL, reg, pending, lean, err);
}

int
analyze_some(const struct catalogue *cat, const struct model *m,
    const unsigned char *only, struct risk_register *reg,
    struct risk_register *pending, int lean, struct error *err)
{
	return analyze_findings_of(cat, m, only, reg, pending, lean, err);
}

int
analyze_unknowns(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct risk_register *pending,
    struct error *err)
{
	return analyze_findings(cat, m, reg, pending, 0, err);
}

int
analyze_lean(const struct catalogue *cat, const struct model *m,
    struct risk_register *reg, struct risk_register *pending,
    struct error *err)
{
	return analyze_findings(cat, m, reg, pending, 1, err);
}

size_t
analyze_open_questions(const struct catalogue *cat, const struct model *m,
    const struct question ***out)
{
	const struct practice	*p;
	size_t			 i, n = 0;

	if (out != NULL)
		*out = xcalloc(cat->nquestions + 1, sizeof **out);
	for (i = 0; i < cat->nquestions; i++) {
		p = model_practice(m, cat->questions[i]->id);
		if (p != NULL && p->answer != TRI_UNKNOWN)
			continue;
		if (out != NULL)
			(*out)[n] = cat->questions[i];
		n++;
	}
	return n;
}

/*
 * eval-int.h: what the evaluation (eval.c) and the reasons (explain.c)
 * share: the context, what it remembers per condition node, and the
 * evaluation steps whose results a reason restates.
 */
#ifndef PARAPET_RULES_EVAL_INT_H
#define PARAPET_RULES_EVAL_INT_H

#include <stdint.h>

#include "model/model.h"
#include "model/risk.h"
#include "rules/eval.h"
#include "util/buf.h"
#include "util/strmap.h"

struct boundary;
struct component;
struct flow;


#define MEMO_UNSET	0xff
#define USES_KEPT	SIZE_MAX
#define NO_BOUNDARY	UINT32_MAX
#define PATH_SHOWN	4		/* flows of a path named in a reason */
/* Flows named of a path of hops: all of it where "..." would stand for
   only one. */
#define PATH_NAMED(hops) ((hops) <= PATH_SHOWN + 1 ? (hops) : PATH_SHOWN)
#define PATHS_LISTED	4		/* paths of one condition named */
#define PATH_SEARCH	256		/* components visited to find them */

/* What is remembered for one condition node. */
struct memo {
	int		 done;		/* subject-independent value known */
	uint8_t		 val;		/* its value */
	uint32_t	 wit;		/* first component attaining it */
	uint32_t	 cnt;		/* components attaining it */
	uint8_t		*vals;		/* per component (per boundary for
					   contains), or MEMO_UNSET */
	uint32_t	*wits;		/* per component: first flow attaining
					   the value; for reachable-from, the
					   component it is reached from; for
					   reaches, the one it reaches; for
					   contains, per boundary: the first
					   component attaining it */
	uint32_t	*cnts;		/* per component: flows attaining it;
					   for the paths, the number of hops;
					   for contains, per boundary:
					   components attaining it */
	uint32_t	*next;		/* per component: for reaches, the
					   first flow of the path to wits; for
					   reachable-from, the last flow of the
					   path from wits */
	uint32_t	*unk;		/* paths with "via", per component:
					   flows of the path whose data is not
					   answered */
	uint8_t		*kid;		/* reaches and reachable-from, per
					   component: the kid's value there
					   (kept for explaining more paths) */
	unsigned	 kinds;		/* the kid's eval_kinds(), once
					   vals is allocated */
};

/*
 * The values of mappings and lists (all, any) for the objects they were
 * last evaluated on, by node and object: an explanation evaluates a node
 * again at each level above it, a score the same adjustments for every
 * threat of a target. A slot holds whichever pair was evaluated last.
 */
#define EVAL_CACHE	(1u << 14)
struct eval_cached {
	const struct cond	*c;
	const void		*obj;
	enum tv			 v;
};

struct eval {
	const struct catalogue	*cat;
	const struct model	*m;
	size_t			 nc;		/* components */
	size_t			 nb;		/* boundaries */
	struct strmap		 bindex;	/* boundary id -> index + 1 */
	uint32_t		*cbound;	/* component -> boundary index,
						   or NO_BOUNDARY */
	uint8_t			*fcross;	/* flow -> enum tv: crosses a
						   boundary */
	uint8_t			*fless;		/* flow -> enum tv: from a less
						   trusted boundary */
	uint32_t		*in_off;	/* flows into component i: */
	uint32_t		*in_flow;	/*  in_flow[in_off[i]..[i+1]) */
	uint32_t		*out_off;	/* flows out of component i */
	uint32_t		*out_flow;
	uint32_t		*in_from;	/* in_flow[k]'s source, as an
						   index: walks read no flow
						   nor component they skip */
	uint32_t		*out_to;	/* out_flow[k]'s destination */
	struct eval_cached	*cache;		/* EVAL_CACHE of them */
	int			 caching;	/* cache in use (not while
						   each target is evaluated
						   once: eval_caching()) */
	uint8_t			**adjv;		/* per adjustment of the
						   catalogue, per object of
						   its target: 1 + its value,
						   or 0 (eval_adjustment()) */
	struct memo		*memo;		/* by cond slot */
	size_t			 nmemo;
	size_t			*uses;		/* by cond slot: nodes of the
						   threats' trees not yet
						   forgotten that have it
						   (eval_forget()), or
						   USES_KEPT */
	uint8_t			*scratch_seen;	/* per component, kept 0 */
	uint32_t		*scratch_flow;	/* per component */
	uint32_t		*scratch_queue;	/* PATH_SEARCH */
	struct buf		 line;		/* reason being built */
	struct buf		 ask;		/* element being asked
						   (reason_ask()) */
	enum reason_kind	 kind;		/* and its kind */
	int			 quiet;		/* facts not written
						   (eval_quiet()) */
	int			 assumed;	/* under EVAL_QUIET_ALL, an
						   assumption went unwritten
						   (eval_assumed()) */
	int			 settled_asks;	/* a node settled yes or no
						   may still ask a field
						   (eval_settled_asks()) */
	/*
	 * The reasons of the finding being raised (eval_reasons_begin()),
	 * by kind and text, once it has many: a finding about thousands of
	 * flows into one boundary would compare each new reason with all.
	 */
	struct risk		*rk;		/* that finding, or NULL */
	size_t			 rn;		/* its reasons indexed */
	int			 rindexed;	/* rindex is in use */
	struct strmap		 rindex[REASON_KIND_COUNT];
	/* The same for the fields it asks, by "field element". */
	size_t			 an;		/* its asks indexed */
	struct strmap		 aindex;
	char			**akeys;	/* aindex's keys */
	size_t			 nakeys;
	/* And its aliases. */
	size_t			 ln;		/* its aliases indexed */
	struct strmap		 lindex;
};

/* The index of a boundary of the model. */
size_t		 eval_boundary_index(const struct eval *,
		     const struct boundary *);
/* Whether an object's field has a value in the model (yes or no). */
enum tv		 eval_answered(const struct cond *, const void *);
/* A derived fact of the model as a three-valued answer. */
enum tv		 tv_of_tri(enum tri);
/* The one-hop quantifiers at a component. */
enum tv		 eval_quant(struct eval *, const struct cond *,
		     const struct component *);
/* May a path with "via" go through a flow? */
enum tv		 eval_via(const struct cond *, const struct flow *);

#endif

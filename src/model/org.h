/*
 * org.h: the organisation's register, every system of a database with
 * what its risk owners review (parapet register, the TUI's register
 * screen). The store fills these (store_register() and friends in
 * store/store.h); exports and views read them.
 *
 * Ownership: arrays and their strings belong to whoever got them; free
 * with store_register_free() and store_register_items_free().
 */
#ifndef PARAPET_MODEL_ORG_H
#define PARAPET_MODEL_ORG_H

#include <stddef.h>

#include "model/vocab.h"

/* An accepted risk is due for review this many days after its decision. */
#define ORG_REVIEW_DAYS	365

/* What the register counts and lists. */
struct org_filter {
	const char	*owner;		/* or NULL: any */
	const char	*team;		/* systems of this team, or NULL */
	int		 min_severity;	/* enum level; LEVEL_LOW: all */
	int		 status;	/* enum risk_status, or -1: open and
					   mitigating */
	const char	*today;		/* YYYY-MM-DD (store_now()) */
	long		 review_days;	/* accepted risks: review after */
	const char *const *questions;	/* the catalogue's question ids */
	size_t		 nquestions;
};

/* One system of the register: what its risk owners review. */
struct org_system {
	char	*id;
	char	*name;
	char	*owner;			/* or NULL */
	char	*team;			/* or NULL */
	int	 criticality;		/* enum level or -1 */
	/* Counted risks that stand on facts, by enum level. */
	size_t	 by_severity[LEVEL_COUNT];
	size_t	 to_confirm;		/* counted risks that rest on an
					   assumption (risk_provisional()) */
	size_t	 overdue;		/* overdue mitigations */
	size_t	 review;		/* accepted risks due for review */
	size_t	 questions;		/* open practice questions */
};

/* One overdue mitigation, or one accepted risk due for review. */
struct org_item {
	char	*system;
	char	*threat;
	char	*target;
	char	*title;			/* or NULL */
	int	 severity;		/* enum level */
	int	 status;		/* the risk's, enum risk_status */
	char	*owner;			/* the risk's, else the system's */
	char	*mitigation;		/* overdue: its id, owner, due date */
	char	*mitigation_owner;
	char	*due;
	char	*decided_at;		/* review: when and by whom it was */
	char	*decided_by;		/* accepted, and why */
	char	*justification;
};

#endif

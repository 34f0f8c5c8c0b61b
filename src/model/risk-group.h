/*
 * risk-group.h: the order of the sign-off report's register, from the
 * keys of the risks alone.
 *
 * The report states a threat once with every part of the system it
 * applies to: each threat's applying risks move up to its most severe
 * one, in register order within the group, the provisional ones (to
 * confirm) in groups of their own. The risks that no longer apply follow,
 * in register order. R1, R2, ... number the applying risks in this
 * order. Computed from what a store cursor holds of each risk (threat,
 * provisional, applies), so that a report can number its register before
 * it reads any risk whole.
 */
#ifndef PARAPET_MODEL_RISK_GROUP_H
#define PARAPET_MODEL_RISK_GROUP_H

#include <stddef.h>

struct risk_group_key {
	const char	*threat;
	int		 provisional;
	int		 applies;
};

/*
 * keys: n risks in register order (risk_register_sort()). Fill order[i]
 * with the index in keys of the risk at report position i, and return
 * the number of applying risks (positions 0 to that number - 1).
 * O(n log n).
 */
size_t	risk_group_order(const struct risk_group_key *, size_t n,
	    size_t *order);

#endif

/*
 * store-page.h: parts of a stored register, for the work that needs less
 * than the whole of it.
 *
 * store_load_risks() reads every risk with its title, reasons and
 * mitigations: at 260,000 risks that is 280 MB held for a moment. These
 * read only what a caller needs, with the same transactions and errors as
 * the rest of the store (store.h).
 */
#ifndef PARAPET_STORE_STORE_PAGE_H
#define PARAPET_STORE_STORE_PAGE_H

#include <stddef.h>

struct error;
struct risk;
struct risk_register;
struct store;

/*
 * Append the stored risks of model id to reg with only what says whether
 * people decided on them: threat and target, whether they apply, status,
 * owner, justification, who decided and when, and the mitigations someone
 * decided about with those decisions (risk_decided() reads the same as
 * on a register from store_load_risks(), and so does the YAML export).
 * No title, reasons, scoring or mitigations the catalogue proposed.
 * 0, or -1 with err set (no such model, a database error).
 */
int	store_load_risk_states(struct store *, const char *id,
	    struct risk_register *, struct error *);

/*
 * The stored risks of model id (NULL: the only one) one at a time, in the order of
 * risk_register_sort() (register order), each whole as store_load_risks()
 * reads it, for a writer that streams them (the CSV export): what is held
 * is the cursor's sort keys (the threat and target of each risk, about
 * 80 bytes a risk) and one risk, not the register. The cursor reads in
 * one read transaction, from open to close: make no other call on the
 * store in between. open: NULL with err set (no such model, a database
 * error). next: the next risk (the cursor's, valid until the next call),
 * or NULL at the end, or NULL with err set.
 */
struct store_risk_cursor;
struct store_risk_cursor *store_risk_cursor_open(struct store *,
		    const char *id, struct error *);
const struct risk	 *store_risk_cursor_next(struct store_risk_cursor *,
		    struct error *);
void			  store_risk_cursor_close(struct store_risk_cursor *);
/*
 * For a reader that wants another order (the report's, risk-group.h):
 * the number of risks, the keys of the risk at position i of register
 * order (the threat is the cursor's), and the order to read them in
 * instead (order[i]: the register position of the risk to give i-th),
 * before the first next. take is next with the risk the caller's
 * (risk_register_take(NULL, k) frees it).
 */
size_t			  store_risk_cursor_count(
		    const struct store_risk_cursor *);
void			  store_risk_cursor_key(const struct store_risk_cursor *,
		    size_t, const char **threat, int *provisional,
		    int *applies);
void			  store_risk_cursor_order(struct store_risk_cursor *,
		    const size_t *order);
struct risk		 *store_risk_cursor_take(struct store_risk_cursor *,
		    struct error *);

/*
 * The stored risks of model id in the order the screens list them by
 * severity (the risks that apply first, then as risk_register_sort()
 * orders them), each whole as store_load_risks() reads it, a slice at a
 * time: the first screenful of a million risks at once, the rest between
 * keys. Each slice is a read of its own that starts after the last risk
 * read (by schema 10's index), so nothing is held open between slices; a
 * change written in between shows in the slices still to come (the
 * screens read the register again when the database changed). init
 * before the first slice, release after the last.
 */
struct store_risk_slice {
	long	 key;		/* STORE_RISK_ORDER of the last risk read */
	char	*threat;	/* its name (NULL: none read yet) */
	char	*target;
	int	 done;		/* the last risk was read */
};
void	store_risk_slice_init(struct store_risk_slice *);
void	store_risk_slice_release(struct store_risk_slice *);
/*
 * Append to reg up to n more risks (n at least 1) in that order. Returns
 * how many (0 once done is set), or -1 with err set (no such model, a
 * database error).
 */
long	store_risk_slice_next(struct store *, const char *id,
	    struct store_risk_slice *, size_t n, struct risk_register *,
	    struct error *);

/*
 * The stored risks of model id counted against a filter without reading
 * them into a register, a slice at a time in the order of their key
 * (threat, target), for a count that must not wait for the whole register
 * (the risks screen's count of a filter: at a million risks, reading them
 * all took 30 s). Each risk is handed to match with its threat, target,
 * applies, severity, status and owner (no title, reasons, decisions or
 * mitigations: the risk is the reader's scratch, valid for the call) and
 * texthit: 1 when text (NULL: none, 0 for every risk) is a part of its
 * title, threat, target, owner, justification, one of its reasons, or
 * the id, owner or notes of one of its mitigations, letters A to Z in
 * either case (as view_contains() matches); match says whether it
 * counts. Each slice is a read of its own, as store_risk_slice_next()'s.
 * init before the first slice, release after the last.
 */
struct store_risk_tally {
	char	*threat;	/* the last risk looked at (NULL: none yet) */
	char	*target;
	size_t	 n;		/* those match counted so far */
	size_t	 seen;		/* those looked at so far */
	int	 done;		/* the last risk was looked at */
};
void	store_risk_tally_init(struct store_risk_tally *);
void	store_risk_tally_release(struct store_risk_tally *);
/*
 * Look at up to n more risks (n at least 1). Returns how many (0 once
 * done is set), -1 with err set (no such model, a database error), or -2
 * when this store cannot count so (a server's, whose LIKE tells letters'
 * case apart, or a text holding a backslash or a line break, which the
 * stored reasons escape).
 */
long	store_risk_tally_next(struct store *, const char *id,
	    const char *text, int (*match)(void *, const struct risk *,
	    int texthit), void *arg, struct store_risk_tally *, size_t n,
	    struct error *);

#endif

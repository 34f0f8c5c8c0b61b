/* screen-risks.c: the risk register: a list to filter and sort, a detail
 * pane, and the decisions on risks and their mitigations. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "session/session.h"
#include "tui/tui-int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "view/pick.h"
#include "view/risks.h"

struct risks_screen {
	struct rview	 rv;
	struct vlist	 detail;	/* data: struct risk_mitigation */
	int		 in_detail;	/* the detail pane has the keys */
	char		*shown;		/* risk in the detail pane, by name */
	char		*built;		/* what the list was built from */
	unsigned long	 gen;		/* the register's it was sorted from
					   (t->gen + 1; 0: none yet) */
	int		 whole;		/* read in slices, it came out of
					   order: read it whole instead */
	int		 listh;
	int		 detailh;
	/*
	 * A filter's count while the register is still read and filtered:
	 * counted by the store between keys, without reading the risks
	 * (store_risk_tally_next(); at a million risks the list is whole
	 * half a minute later), for the list built from tally_of (its
	 * built; NULL: no count under way). tally_off: this store or text
	 * cannot be counted so (the list counts them as it grows).
	 */
	struct store_risk_tally tally;
	char		*tally_of;
	int		 tally_off;
};

/* Risks the store counts a step between keys (a few ms at a million). */
#define RISKS_TALLY_STEP	2000

static int	risks_counted(const struct risks_screen *);

static const enum kctx risks_keys[] = { KCTX_RISKS, KCTX_MODEL, KCTX_LIST,
    KCTX_GLOBAL, KCTX_END };
static const enum kctx detail_keys[] = { KCTX_MITIGATION, KCTX_RISKS,
    KCTX_MODEL, KCTX_LIST, KCTX_GLOBAL, KCTX_END };
static const struct key_hint risks_hint[] = {
	KEY_HINT(ACT_STATUS),
	KEY_HINT(ACT_OWNER),
	KEY_HINT(ACT_FILTER),
	KEY_HINT(ACT_SEARCH),
	KEY_HINT(ACT_SORT),
	KEY_HINT_AS(ACT_NEXT_PANE, "detail"),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};
static const struct key_hint detail_hint[] = {
	KEY_HINT(ACT_STATUS),
	KEY_HINT(ACT_OWNER),
	KEY_HINT(ACT_DUE),
	KEY_HINT(ACT_NOTES),
	KEY_HINT_AS(ACT_NEXT_PANE, "list"),
	KEY_HINT(ACT_HELP),
	KEY_HINT_END
};

/* What a prompt or pick opened from this screen works on, by name. */
struct risks_arg {
	struct risks_screen	*rs;
	char			*threat;
	char			*target;
	char			*mitigation;	/* or NULL */
	char			*filter;	/* filter name, or NULL */
	char			*owner;		/* named on the way to accept */
	int			 status;	/* chosen, awaiting a reason */
};

static void
risks_arg_free(void *p)
{
	struct risks_arg	*ra = p;

	free(ra->threat);
	free(ra->target);
	free(ra->mitigation);
	free(ra->owner);
	free(ra->filter);
	free(ra);
}

/*
 * What a modal will work on, copied by name (the register may be reloaded
 * meanwhile).
 */
static struct risks_arg *
risks_arg_new(struct risks_screen *rs, const struct risk *k,
    const struct risk_mitigation *rm)
{
	struct risks_arg	*ra = xcalloc(1, sizeof *ra);

	ra->rs = rs;
	if (k != NULL) {
		ra->threat = xstrdup(k->threat);
		ra->target = xstrdup(k->target);
	}
	if (rm != NULL)
		ra->mitigation = xstrdup(rm->id);
	ra->status = -1;
	return ra;
}

/* The risk an argument names, in the register as loaded now. */
static const struct risk *
risks_arg_risk(struct tui *t, const struct risks_arg *ra)
{
	const struct risk	*k;

	/* Listed, so read, unless the register was read again since. */
	k = risk_register_find(tui_risks_part(t), ra->threat, ra->target);
	if (k == NULL && tui_risks_partial(t))
		k = risk_register_find(tui_risks(t), ra->threat, ra->target);
	if (k == NULL)
		tui_errorf(t, "risk '%s@%s' is no longer in the register",
		    ra->threat, ra->target);
	return k;
}

/* The keys of the mitigation pane come first while it has the focus. */
static const enum kctx *
risks_chain(struct screen *s)
{
	struct risks_screen	*rs = s->data;

	return rs->in_detail ? detail_keys : risks_keys;
}

/*
 * Scroll so that the whole item under the cursor shows: a mitigation in
 * the detail, a risk whose title wraps in the list (under its heading).
 */
static void
risks_show_block(struct vlist *l, int h)
{
	const void	*p;
	size_t		 end;

	vlist_scroll(l, h);
	h -= (int)vlist_fixed(l, h);
	if (h < 1)
		return;
	if ((p = vlist_selected(l)) == NULL)
		return;
	for (end = l->cursor; end + 1 < l->lines.n &&
	    l->lines.v[end + 1].data == p; end++)
		;
	if (end >= l->top + (size_t)h) {
		l->top = end - (size_t)h + 1;
		if (l->top > l->cursor)
			l->top = l->cursor;
		/* Not from the middle of the item above. */
		while (l->top < l->cursor && l->top > 0 &&
		    !l->lines.v[l->top].selectable &&
		    l->lines.v[l->top].data != NULL &&
		    l->lines.v[l->top].data == l->lines.v[l->top - 1].data)
			l->top++;
	}
}

/* The filter line, the list, and the detail beside or below it. */
/*
 * The label of the rule above the detail pane: how to get there and back,
 * and the keys of a mitigation, from the key table ("detail (Tab: back to
 * the list; s o d n act on > input-filter)", the mitigation under the
 * cursor).
 */
static void
risks_rule_label(struct buf *b, int in_detail,
    const struct risk_mitigation *rm)
{
	static const enum action	 mit[] = { ACT_STATUS, ACT_OWNER,
	    ACT_DUE, ACT_NOTES };
	const char			*k;
	size_t				 i;

	k = keys_key(ACT_NEXT_PANE, KCTX_LIST);
	if (!in_detail) {
		buf_addf(b, "detail (%s to move here)", k);
		return;
	}
	buf_addf(b, "detail (%s: back to the list;", k);
	for (i = 0; i < sizeof mit / sizeof mit[0]; i++)
		if ((k = keys_key(mit[i], KCTX_MITIGATION)) != NULL)
			buf_addf(b, " %s", k);
	if (rm != NULL)
		buf_addf(b, " act on \xe2\x96\xb6 %s)", rm->id);
	else
		buf_adds(b, " on a mitigation)");
}

static void
risks_draw(struct tui *t, struct screen *s)
{
	struct risks_screen	*rs = s->data;
	const struct risk	*k;
	struct risk_register	*r;
	struct vline		 l;
	struct buf		 b;
	char			*name;
	int			 y = tui_body_top(t), h = tui_body_height(t);
	int			 side = t->cols >= 150, lw, dw, dy, dx;

	lw = side ? t->cols * 11 / 20 : t->cols;
	dw = side ? t->cols - lw - 1 : t->cols;

	/*
	 * Filter, sort and format the register only when what the list
	 * shows from changed (the register reloaded, the filter, the order,
	 * the width, the day): a key that moves the cursor redraws only.
	 */
	buf_init(&b);
	buf_addf(&b, "%lu %d %d %s ", t->gen, lw, (int)rs->rv.sort,
	    t->today);
	rfilter_describe(&rs->rv.filter, &b);
	if (rs->built == NULL || strcmp(rs->built, b.s) != 0) {
		if (rs->gen != t->gen + 1)
			rview_stale(&rs->rv);	/* reloaded: sort again */
		rs->gen = t->gen + 1;
		/*
		 * By severity, the register is read as it is listed: its first
		 * slice now, the rest between keys (risks_work()); another
		 * order needs it whole.
		 */
		if (rs->rv.sort == RSORT_SEVERITY && !rs->whole) {
			r = tui_risks_part(t);
			rs->rv.partial = tui_risks_partial(t);
		} else {
			r = tui_risks(t);
			rs->rv.partial = 0;
		}
		rview_build(&rs->rv, r, tui_catalogue(t), lw - 1);
		free(rs->built);
		rs->built = buf_detach(&b);
	} else
		buf_release(&b);
	/*
	 * Above the detail, two fifths of the screen; a list that is whole
	 * and shorter (a filter that leaves one risk) gives the rest to the
	 * detail rather than empty rows.
	 */
	rs->listh = side ? h - 1 : (h - 2) * 2 / 5;
	if (rs->listh < 4)
		rs->listh = 4;
	if (!side && !rs->rv.pending && !rs->rv.partial &&
	    rs->rv.list.lines.n < (size_t)rs->listh)
		rs->listh = rs->rv.list.lines.n < 2 ? 2 :
		    (int)rs->rv.list.lines.n;
	rs->detailh = side ? h - 1 : h - 2 - rs->listh;
	/* The next risks screen starts with the same filter and order. */
	rfilter_copy(&t->rfilter, &rs->rv.filter);
	t->rsort = rs->rv.sort;
	memset(&l, 0, sizeof l);
	/*
	 * "120+ of 970256" while the rest of the register is filtered, or
	 * the store's count of what the filter passes once it is known.
	 */
	if ((rs->rv.pending || rs->rv.partial) && risks_counted(rs))
		vline_addf(&l, VS_HEADING, "%zu of %zu risks (%zu listed so "
		    "far), by %s", rs->tally.n, rs->rv.partial ?
		    t->rcounts.applying + t->rcounts.gone : rs->rv.total,
		    rs->rv.shown, rsort_name(rs->rv.sort));
	else
		vline_addf(&l, VS_HEADING, "%zu%s of %zu risks, by %s",
		    rs->rv.shown, rs->rv.pending ? "+" : "", rs->rv.partial ?
		    t->rcounts.applying + t->rcounts.gone : rs->rv.total,
		    rsort_name(rs->rv.sort));
	if (rfilter_active(&rs->rv.filter)) {
		buf_init(&b);
		rfilter_describe(&rs->rv.filter, &b);
		vline_add(&l, VS_NORMAL, "  filter: ");
		vline_add(&l, VS_WARN, b.s);
		buf_release(&b);
	}
	draw_line(t, &l, y, 0, t->cols, 0);
	vline_release(&l);
	risks_show_block(&rs->rv.list, rs->listh);
	draw_list(t, &rs->rv.list, y + 1, 0, rs->listh, lw, !rs->in_detail);

	k = rview_selected(&rs->rv);
	name = k != NULL ? risk_name(k) : NULL;
	if (name == NULL || rs->shown == NULL || strcmp(name, rs->shown) != 0) {
		rs->detail.cursor = rs->detail.top = 0;
		free(rs->shown);
		rs->shown = name;
	} else
		free(name);
	rview_detail(&rs->detail, k, tui_catalogue(t), t->today, dw - 1);
	if (side) {
		dy = y + 1;
		dx = lw + 1;
	} else {
		buf_init(&b);
		risks_rule_label(&b, rs->in_detail,
		    vlist_selected(&rs->detail));
		draw_rule(t, y + 1 + rs->listh, b.s);
		buf_release(&b);
		dy = y + 2 + rs->listh;
		dx = 0;
	}
	risks_show_block(&rs->detail, rs->detailh);
	draw_list(t, &rs->detail, dy, dx, rs->detailh, dw, rs->in_detail);
	tui_hint(t, s, rs->in_detail ? detail_hint : risks_hint);
}

/* A justification typed: decide the risk with it. */
static int
risks_justify_done(struct tui *t, void *arg, const char *text)
{
	struct risks_arg	*ra = arg;
	const struct risk	*k = risks_arg_risk(t, ra);
	char			*what;
	int			 rc;

	if (k == NULL)
		return 0;
	if (*text == '\0' && (ra->status == RISK_ACCEPTED ||
	    ra->status == RISK_NOT_APPLICABLE)) {
		tui_errorf(t, "a justification is required: say why");
		return -1;
	}
	what = xasprintf("%s '%s@%s'", ra->status >= 0 ?
	    vocab_name(&vocab_risk_status, ra->status) : "justify",
	    ra->threat, ra->target);
	rc = tui_set_risk(t, k, ra->status, ra->owner, text, what);
	free(what);
	return rc == -1 && strstr(t->status.s, "someone else") == NULL ?
	    -1 : 0;
}

/* Ask why a risk is accepted or does not apply; next carries the status. */
static void
risks_ask_justification(struct tui *t, const struct risk *k,
    struct risks_arg *next)
{
	char	*hint;

	/* The rule said before the answer, not after a refused one. */
	hint = next->status == RISK_ACCEPTED ? xasprintf("Say why it may "
	    "stand, in at least %d words; it is recorded with who decided "
	    "and when.", STORE_JUSTIFICATION_WORDS) : xstrdup("A "
	    "justification is required; it is recorded with who decided and "
	    "when.");
	tui_prompt(t, next->status == RISK_ACCEPTED ? "Why is this risk "
	    "accepted?" : "Why does this risk not apply?", hint,
	    k->justification, risks_justify_done, next, risks_arg_free);
	free(hint);
}

/*
 * The owner of a risk being accepted, named on the way: kept with the
 * acceptance, stored with its justification as one decision.
 */
static int
risks_accept_owner_done(struct tui *t, void *arg, const char *text)
{
	struct risks_arg	*ra = arg, *next;
	const struct risk	*k = risks_arg_risk(t, ra);

	if (k == NULL)
		return 0;
	if (text[strspn(text, " \t")] == '\0') {
		tui_errorf(t, "an accepted risk needs a risk owner: name who "
		    "answers for it (Esc leaves the risk as it is)");
		return -1;
	}
	next = risks_arg_new(ra->rs, k, NULL);
	next->status = RISK_ACCEPTED;
	next->owner = xstrdup(text);
	risks_ask_justification(t, k, next);
	return 0;
}

/* A risk status chosen; accepting asks for a justification first. */
static int
risks_status_done(struct tui *t, void *arg, const char *value)
{
	struct risks_arg	*ra = arg, *next;
	const struct risk	*k = risks_arg_risk(t, ra);
	int			 st;
	char			*what;

	if (k == NULL || (st = vocab_find(&vocab_risk_status, value)) < 0)
		return 0;
	/* What follows reads the risk as shown: it must be what is stored. */
	if (tui_risk_seen(t, k, NULL) == -1)
		return 0;
	/*
	 * Somebody named answers for an accepted risk: ask for them first,
	 * offering the system's owner, then why.
	 */
	if (st == RISK_ACCEPTED && k->status != RISK_ACCEPTED &&
	    (k->owner == NULL || *k->owner == '\0')) {
		next = risks_arg_new(ra->rs, k, NULL);
		tui_prompt(t, "Who owns this risk?", "Accepting a risk needs "
		    "a risk owner, the person who answers for it; then you "
		    "say why.", t->m != NULL ? t->m->system.owner : NULL,
		    risks_accept_owner_done, next, risks_arg_free);
		return 0;
	}
	if (st == RISK_ACCEPTED || st == RISK_NOT_APPLICABLE) {
		next = risks_arg_new(ra->rs, k, NULL);
		next->status = st;
		risks_ask_justification(t, k, next);
		return 0;
	}
	/* The same status again changes nothing: say so, store nothing. */
	if (st == k->status) {
		tui_message(t, "unchanged: '%s@%s' is already %s", ra->threat,
		    ra->target, value);
		return 0;
	}
	what = xasprintf("status '%s@%s': %s", ra->threat, ra->target, value);
	tui_set_risk(t, k, st, NULL, NULL, what);
	free(what);
	return 0;
}

/* A mitigation status chosen: store it. */
static int
risks_mit_status_done(struct tui *t, void *arg, const char *value)
{
	struct risks_arg	*ra = arg;
	const struct risk	*k = risks_arg_risk(t, ra);
	size_t			 i;
	int			 st;
	char			*what;

	if (k == NULL || (st = vocab_find(&vocab_mitigation_status,
	    value)) < 0)
		return 0;
	/*
	 * The value the pick opened on ('p' Enter lands on "proposed" before
	 * "planned"): nothing changes, and "saved" would mislead. What is
	 * shown must be what is stored for that to be true.
	 */
	if (tui_risk_seen(t, k, ra->mitigation) == -1)
		return 0;
	for (i = 0; i < k->nmitigations; i++)
		if (strcmp(k->mitigations[i].id, ra->mitigation) == 0 &&
		    k->mitigations[i].status == st) {
			tui_message(t, "unchanged: mitigation '%s' of '%s@%s' "
			    "is already %s", ra->mitigation, ra->threat,
			    ra->target, value);
			return 0;
		}
	what = xasprintf("mitigation '%s' of '%s@%s': %s", ra->mitigation,
	    ra->threat, ra->target, value);
	tui_set_mitigation(t, k, ra->mitigation, st, NULL, NULL, NULL, what);
	free(what);
	return 0;
}

/* A prompt for the owner, due date or notes; field says which. */
static int
risks_text_done(struct tui *t, void *arg, const char *text)
{
	struct risks_arg	*ra = arg;
	const struct risk	*k = risks_arg_risk(t, ra);
	const char		*f = ra->filter;
	char			*what;
	int			 rc;

	if (k == NULL)
		return 0;
	if (ra->mitigation == NULL) {
		/*
		 * An accepted risk is answered for by its owner: say so, and
		 * the two ways on, rather than that accepting needs one.
		 */
		if (k->status == RISK_ACCEPTED &&
		    text[strspn(text, " \t")] == '\0') {
			if (tui_risk_seen(t, k, NULL) == -1)
				return 0;	/* refused, reloaded */
			tui_errorf(t, "'%s@%s' is accepted, and an accepted "
			    "risk keeps its owner: type a new owner, or first "
			    "remove the acceptance (Esc, then %s: another "
			    "status)", ra->threat, ra->target,
			    keys_key(ACT_STATUS, KCTX_RISKS));
			return -1;
		}
		what = xasprintf("owner of '%s@%s'", ra->threat, ra->target);
		rc = tui_set_risk(t, k, -1, text, NULL, what);
	} else {
		what = xasprintf("%s of mitigation '%s'", f, ra->mitigation);
		rc = tui_set_mitigation(t, k, ra->mitigation, -1,
		    strcmp(f, "owner") == 0 ? text : NULL,
		    strcmp(f, "due date") == 0 ? text : NULL,
		    strcmp(f, "notes") == 0 ? text : NULL, what);
	}
	free(what);
	/* A refused value (a bad date) keeps the prompt open to fix it. */
	return rc == -1 && strstr(t->status.s, "someone else") == NULL ?
	    -1 : 0;
}

/*
 * With the cursor on no mitigation (PgDn scrolled the detail to them), the
 * first mitigation whose heading the pane shows, the cursor moved onto it;
 * or NULL.
 */
static const struct risk_mitigation *
risks_shown_mitigation(struct risks_screen *rs)
{
	struct vlist	*l = &rs->detail;
	size_t		 i;

	for (i = l->top; i < l->lines.n && i < l->top + (size_t)rs->detailh;
	    i++)
		if (l->lines.v[i].data != NULL && (i == 0 ||
		    l->lines.v[i - 1].data != l->lines.v[i].data)) {
			l->cursor = i;
			return l->lines.v[i].data;
		}
	return NULL;
}

/* A risk's title, or its threat's id when the catalogue gave none. */
static const char *
risks_title(const struct risk *k)
{
	return k->title != NULL ? k->title : k->threat;
}

/* The decision keys: status, owner, justification, due date, notes. */
static enum tui_next
risks_decide(struct tui *t, struct risks_screen *rs, enum action a)
{
	const struct risk		*k = rview_selected(&rs->rv);
	const struct risk_mitigation	*rm = NULL;
	struct risks_arg		*ra;
	struct pick			 p;
	const char			*title, *now = NULL;
	char				*pt;
	enum tui_next			 next;

	if (k == NULL) {
		tui_errorf(t, "no risk selected");
		return TUI_REDRAW;
	}
	if (rs->in_detail) {
		rm = vlist_selected(&rs->detail);
		if (rm == NULL && a != ACT_JUSTIFY)
			rm = risks_shown_mitigation(rs);
		if (rm == NULL && a != ACT_JUSTIFY) {
			tui_errorf(t, "move to a mitigation first (the lines "
			    "under 'Mitigations')");
			return TUI_REDRAW;
		}
	}
	ra = risks_arg_new(rs, k, rm);
	switch (a) {
	case ACT_STATUS:
		/*
		 * The pick covers the list: its title names what it changes,
		 * as the status line will once it is saved.
		 */
		if (rm != NULL) {
			pt = xasprintf("Status of the mitigation '%s' of '%s' "
			    "on %s", rm->id, risks_title(k), k->target);
			pick_init(&p, pt, 0);
			free(pt);
			pick_add_vocab(&p, &vocab_mitigation_status, NULL);
			pick_select(&p, vocab_name(&vocab_mitigation_status,
			    rm->status));
			return tui_pick(t, &p, risks_mit_status_done, ra,
			    risks_arg_free);
		}
		pt = xasprintf("Status of the risk '%s' on %s", risks_title(k),
		    k->target);
		pick_init(&p, pt, 0);
		free(pt);
		pick_add_vocab(&p, &vocab_risk_status, NULL);
		pick_select(&p, vocab_name(&vocab_risk_status, k->status));
		return tui_pick(t, &p, risks_status_done, ra, risks_arg_free);
	case ACT_JUSTIFY:
		free(ra->mitigation);
		ra->mitigation = NULL;
		pt = xasprintf("Why the risk '%s' on %s is accepted or does "
		    "not apply (empty clears it).", risks_title(k), k->target);
		next = tui_prompt(t, "Justification", pt, k->justification,
		    risks_justify_done, ra, risks_arg_free);
		free(pt);
		return next;
	case ACT_OWNER:
		title = rm != NULL ? "Who implements this mitigation?" :
		    "Who owns this risk?";
		ra->filter = xstrdup("owner");
		now = rm != NULL ? rm->owner : k->owner;
		break;
	case ACT_DUE:
		title = "Due date (YYYY-MM-DD; empty clears it)";
		ra->filter = xstrdup("due date");
		now = rm->due;
		break;
	default:
		title = "Notes";
		ra->filter = xstrdup("notes");
		now = rm->notes;
		break;
	}
	/* The prompt may cover the list's row: its note names the risk. */
	if (rm != NULL)
		pt = xasprintf("Mitigation '%s' of '%s' on %s. Saved at once; "
		    "u undoes it.", rm->id, risks_title(k), k->target);
	else
		pt = xasprintf("The risk '%s' on %s. Saved at once; u undoes "
		    "it.", risks_title(k), k->target);
	next = tui_prompt(t, title, pt, now, risks_text_done, ra,
	    risks_arg_free);
	free(pt);
	return next;
}

/* A filter value chosen or typed: apply it. */
static int
risks_filter_value_done(struct tui *t, void *arg, const char *value)
{
	struct risks_arg	*ra = arg;
	struct error		 err;

	error_clear(&err);
	if (rfilter_set(&ra->rs->rv.filter, ra->filter, value, &err) == -1) {
		tui_error(t, &err);
		return -1;
	}
	/* From the top of what it shows now, even if that did not change. */
	ra->rs->rv.list.cursor = 0;
	free(ra->rs->built);
	ra->rs->built = NULL;
	return 0;
}

/* The filter to change chosen: ask for its value. */
static int
risks_filter_done(struct tui *t, void *arg, const char *name)
{
	struct risks_arg	*ra = arg, *next;
	struct pick		 p;
	char			*now;
	const struct catalogue	*cat = tui_catalogue(t);
	const char *const	*gids;
	size_t			 g, ng;

	next = risks_arg_new(ra->rs, NULL, NULL);
	next->filter = xstrdup(name);
	now = rfilter_get(&ra->rs->rv.filter, name);
	if (strcmp(name, "severity") == 0 || strcmp(name, "status") == 0) {
		pick_init(&p, name[1] == 'e' ? "Show severities (none ticked: "
		    "all)" : "Show statuses (none ticked: all)", 1);
		p.none_ok = 1;
		pick_add_vocab(&p, name[1] == 'e' ? &vocab_severity :
		    &vocab_risk_status, now);
		tui_pick(t, &p, risks_filter_value_done, next, risks_arg_free);
	} else if (strcmp(name, "guideline") == 0) {
		pick_init(&p, "Show risks citing a guideline subsection", 0);
		pick_add(&p, "", "(any)", NULL);
		gids = catalogue_guidelines(cat, &ng);
		for (g = 0; g < ng; g++)
			pick_add(&p, gids[g], NULL, catalogue_ref_title(cat,
			    REF_GUIDELINE, gids[g]));
		pick_select(&p, now != NULL ? now : "");
		tui_pick(t, &p, risks_filter_value_done, next, risks_arg_free);
	} else if (strcmp(name, "gone") == 0) {
		risks_filter_value_done(t, next, ra->rs->rv.filter.gone ?
		    "no" : "yes");
		risks_arg_free(next);
	} else
		tui_prompt(t, name, "Part of the text to look for (case is "
		    "ignored; empty shows all).", now,
		    risks_filter_value_done, next, risks_arg_free);
	free(now);
	return 0;
}

/* Which filter to change: a pick list showing the current values. */
static enum tui_next
risks_filter(struct tui *t, struct risks_screen *rs)
{
	static const char *const names[] = { "severity", "status", "owner",
	    "target", "guideline", "text", "gone" };
	struct pick	 p;
	size_t		 i;
	char		*now, *label;

	pick_init(&p, "Filter the risks by", 0);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		now = rfilter_get(&rs->rv.filter, names[i]);
		label = xasprintf("%s: %s", i == 6 ? "no longer apply" :
		    names[i], now != NULL ? now : i == 6 ? "hidden" : "any");
		pick_add(&p, names[i], label, NULL);
		free(label);
		free(now);
	}
	return tui_pick(t, &p, risks_filter_done, risks_arg_new(rs, NULL,
	    NULL), risks_arg_free);
}

/* Panes, decisions, filters and sorting; the rest moves in the list. */
static enum tui_next
risks_key(struct tui *t, struct screen *s, int key, enum action a)
{
	struct risks_screen	*rs = s->data;
	struct vlist		*l = rs->in_detail ? &rs->detail : &rs->rv.list;
	const struct risk	*k;
	struct risks_arg	*ra;
	enum tui_next		 next;
	char			*name;

	(void)key;
	switch (a) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		rs->in_detail = !rs->in_detail;
		return TUI_REDRAW;
	case ACT_STATUS:
	case ACT_OWNER:
	case ACT_JUSTIFY:
	case ACT_DUE:
	case ACT_NOTES:
		rview_remember(&rs->rv);
		return risks_decide(t, rs, a);
	case ACT_FILTER:
		return risks_filter(t, rs);
	case ACT_SEARCH:
		if (rs->in_detail)
			break;
		ra = risks_arg_new(rs, NULL, NULL);
		ra->filter = xstrdup("text");
		return tui_prompt(t, "Filter by text", "Shows the risks whose "
		    "title, target, owner, reasons, mitigations or "
		    "description contain it.", rs->rv.filter.text,
		    risks_filter_value_done, ra, risks_arg_free);
	case ACT_CLEAR_FILTER:
		rfilter_release(&rs->rv.filter);
		return TUI_REDRAW;
	case ACT_SORT:
		rview_remember(&rs->rv);
		rs->rv.sort = (rs->rv.sort + 1) % RSORT_COUNT;
		tui_message(t, "sorted by %s", rsort_name(rs->rv.sort));
		return TUI_REDRAW;
	case ACT_HISTORY:
		if ((k = rview_selected(&rs->rv)) == NULL)
			return TUI_REDRAW;
		name = risk_name(k);
		next = tui_push(t, screen_history_new(t, name));
		free(name);
		return next;
	case ACT_OPEN:
		if (!rs->in_detail) {
			rs->in_detail = 1;
			return TUI_REDRAW;
		}
		return TUI_REDRAW;
	default:
		break;
	}
	next = tui_list_key(t, l, a, rs->in_detail ? rs->detailh :
	    rs->listh);
	if (!rs->in_detail)
		rview_remember(&rs->rv);
	return next;
}

/* 1 if the store counted what the filter of the list built passes. */
static int
risks_counted(const struct risks_screen *rs)
{
	return rs->tally.done && rs->tally_of != NULL && rs->built != NULL &&
	    strcmp(rs->tally_of, rs->built) == 0;
}

/* For the store's count: 1 if a risk it read passes the list's filter. */
static int
risks_tally_match(void *arg, const struct risk *k, int texthit)
{
	struct risks_screen	*rs = arg;

	return rfilter_match_tally(&rs->rv.filter, k,
	    rview_threat(rs->rv.cat, k->threat), texthit);
}

/*
 * Between keys, while a filtered list of a register still being read
 * grows: a step of the store's count of what the filter passes (it comes
 * first: the list's own count waits for the whole register). 1 when it
 * counted some, 0 when there is nothing to count.
 */
static int
risks_tally(struct tui *t, struct risks_screen *rs)
{
	struct error	err;
	long		got;

	if (!rs->rv.partial || !rfilter_active(&rs->rv.filter) ||
	    rs->built == NULL || rs->rv.cat == NULL)
		return 0;
	if (rs->tally_of == NULL || strcmp(rs->tally_of, rs->built) != 0) {
		store_risk_tally_release(&rs->tally);
		free(rs->tally_of);
		rs->tally_of = xstrdup(rs->built);
		rs->tally_off = 0;
	}
	if (rs->tally.done || rs->tally_off)
		return 0;
	error_clear(&err);
	got = store_risk_tally_next(t->s->store, t->m->system.id,
	    rs->rv.filter.text, risks_tally_match, rs, &rs->tally,
	    RISKS_TALLY_STEP, &err);
	if (got < 0) {
		/* The list counts them as it grows, as before. */
		rs->tally_off = 1;
		return 0;
	}
	return 1;
}

/*
 * Between keys: filter the next slice of the register, as long as the
 * list was built from the register loaded now (else the next draw builds
 * it again); once what is read is filtered, read the next slice of a
 * register still being read.
 */
static int
risks_work(struct tui *t, struct screen *s)
{
	struct risks_screen	*rs = s->data;

	if (rs->gen != t->gen + 1 || t->rloaded != t->gen + 1 ||
	    rs->rv.sorted_of != &t->risks)
		return 0;
	if (risks_tally(t, rs))
		return 1;
	if (rs->rv.pending && rs->rv.sorted_risks == t->risks.risks &&
	    rview_more(&rs->rv))
		return 1;
	if (!rs->rv.partial)
		return 0;
	(void)tui_risks_more(t);
	if (rview_grow(&rs->rv, &t->risks, tui_risks_partial(t)) == -1) {
		/* Built again, whole, at the next draw. */
		rs->whole = 1;
		rview_stale(&rs->rv);
		free(rs->built);
		rs->built = NULL;
	}
	return 1;
}

static void
risks_free(struct screen *s)
{
	struct risks_screen	*rs = s->data;

	rview_release(&rs->rv);
	vlist_release(&rs->detail);
	free(rs->shown);
	free(rs->built);
	store_risk_tally_release(&rs->tally);
	free(rs->tally_of);
	free(rs);
}

static const struct screen_ops risks_ops = {
	.name = "Risks",
	.keys = risks_keys,
	.draw = risks_draw,
	.key = risks_key,
	.chain = risks_chain,
	.work = risks_work,
	.free = risks_free,
};

struct screen *
screen_risks_new(struct tui *t, const struct risk *k)
{
	struct risks_screen	*rs = xcalloc(1, sizeof *rs);

	rview_init(&rs->rv);
	vlist_init(&rs->detail);
	store_risk_tally_init(&rs->tally);
	rs->rv.sort = t->rsort;
	/* The filter of the last risks screen, unless it hides k. */
	if (k == NULL || rfilter_match(&t->rfilter, k,
	    rview_threat(tui_catalogue(t), k->threat)))
		rfilter_copy(&rs->rv.filter, &t->rfilter);
	if (k != NULL) {
		rs->rv.keep_threat = xstrdup(k->threat);
		rs->rv.keep_target = xstrdup(k->target);
		if (!k->applies)
			rs->rv.filter.gone = 1;
	}
	return screen_new(&risks_ops, rs);
}

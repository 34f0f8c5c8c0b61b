/* risks.c: the risk list: counts, filters, sort orders and its lines. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalogue/catalogue.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/risks.h"

/* What the list shows of a risk as its title. */
#define RVIEW_TITLE(k)	((k)->title != NULL ? (k)->title : (k)->threat)
/*
 * The rows a title may take in the list: the catalogue's longest (94
 * columns) in three at 80 columns; a longer one is cut on its third.
 */
#define RVIEW_TITLE_ROWS	3

int
rview_severity_style(int level)
{
	static const int styles[LEVEL_COUNT] = { VS_LOW, VS_MEDIUM, VS_HIGH,
	    VS_CRITICAL };

	if (level < 0 || level >= LEVEL_COUNT)
		return VS_NORMAL;
	return styles[level];
}

/* 1 if s starts with a date YYYY-MM-DD. */
static int
rview_isdate(const char *s)
{
	static const char	pat[] = "dddd-dd-dd";
	size_t			i;

	for (i = 0; i < 10; i++) {
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') :
		    s[i] != '-')
			return 0;
	}
	return 1;
}

void
rview_today(char *out)
{
	const char	*env = getenv("PARAPET_NOW");
	time_t		 now;
	struct tm	 tm;

	if (env != NULL && strlen(env) >= 10 && rview_isdate(env)) {
		memcpy(out, env, 10);
		out[10] = '\0';
		return;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
rview_overdue(const struct risk_mitigation *rm, const char *today)
{
	if (rm->due == NULL || strlen(rm->due) < 10 || !rview_isdate(rm->due))
		return 0;
	return risk_mitigation_overdue(rm, today);
}

const struct threat *
rview_threat(const struct catalogue *cat, const char *id)
{
	size_t	i;

	for (i = 0; cat != NULL && i < cat->nthreats; i++)
		if (strcmp(cat->threats[i]->id, id) == 0)
			return cat->threats[i];
	return NULL;
}

int
rview_cites(const struct threat *t, const char *g)
{
	size_t	i;

	for (i = 0; t != NULL && i < t->refs.n; i++)
		if (t->refs.v[i].scheme == REF_GUIDELINE &&
		    strcmp(t->refs.v[i].id, g) == 0)
			return 1;
	return 0;
}

/* The first guideline subsection a threat cites, or "". */
static const char *
rview_guideline(const struct threat *t)
{
	size_t	i;

	for (i = 0; t != NULL && i < t->refs.n; i++)
		if (t->refs.v[i].scheme == REF_GUIDELINE)
			return t->refs.v[i].id;
	return "";
}

static const char *const rsort_names[RSORT_COUNT] = {
	"severity", "status", "target", "guideline", "owner", "title"
};

const char *
rsort_name(enum rsort s)
{
	return s < RSORT_COUNT ? rsort_names[s] : "";
}

void
rfilter_init(struct rfilter *f)
{
	memset(f, 0, sizeof *f);
}

void
rfilter_release(struct rfilter *f)
{
	free(f->owner);
	free(f->target);
	free(f->guideline);
	free(f->text);
	rfilter_init(f);
}

/* A copy of an optional string. */
static char *
rfilter_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
rfilter_copy(struct rfilter *dst, const struct rfilter *src)
{
	if (dst == src)
		return;
	rfilter_release(dst);
	dst->severities = src->severities;
	dst->statuses = src->statuses;
	dst->owner = rfilter_dup(src->owner);
	dst->target = rfilter_dup(src->target);
	dst->guideline = rfilter_dup(src->guideline);
	dst->text = rfilter_dup(src->text);
	dst->gone = src->gone;
}

int
rfilter_active(const struct rfilter *f)
{
	return f->severities != 0 || f->statuses != 0 || f->owner != NULL ||
	    f->target != NULL || f->guideline != NULL || f->text != NULL ||
	    f->gone;
}

/* Words of the bits set, joined by ", ". */
static void
rfilter_words(struct buf *b, const struct vocab *v, unsigned bits)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < v->n; i++) {
		if ((bits & (1u << i)) == 0)
			continue;
		buf_addf(b, "%s%s", first ? "" : ", ", v->words[i].name);
		first = 0;
	}
}

char *
rfilter_get(const struct rfilter *f, const char *name)
{
	struct buf	b;

	if (strcmp(name, "severity") == 0 || strcmp(name, "status") == 0) {
		unsigned	bits = name[1] == 'e' ? f->severities :
		    f->statuses;

		if (bits == 0)
			return NULL;
		buf_init(&b);
		rfilter_words(&b, name[1] == 'e' ? &vocab_severity :
		    &vocab_risk_status, bits);
		return buf_detach(&b);
	}
	if (strcmp(name, "owner") == 0)
		return f->owner != NULL ? xstrdup(f->owner) : NULL;
	if (strcmp(name, "target") == 0)
		return f->target != NULL ? xstrdup(f->target) : NULL;
	if (strcmp(name, "guideline") == 0)
		return f->guideline != NULL ? xstrdup(f->guideline) : NULL;
	if (strcmp(name, "text") == 0)
		return f->text != NULL ? xstrdup(f->text) : NULL;
	if (strcmp(name, "gone") == 0)
		return f->gone ? xstrdup("yes") : NULL;
	return NULL;
}

/* Parse words separated by commas or spaces into bits of a vocabulary. */
static int
rfilter_bits(const struct vocab *v, const char *s, unsigned *bits,
    struct error *err)
{
	const char	*near;
	char		*w;
	size_t		 n;
	int		 i;

	*bits = 0;
	while (s != NULL && *s != '\0') {
		while (*s == ',' || *s == ' ')
			s++;
		if ((n = strcspn(s, ", ")) == 0)
			break;
		w = xstrndup(s, n);
		if ((i = vocab_find(v, w)) == -1) {
			near = vocab_suggest(v, w);
			if (near != NULL)
				error_set(err, "unknown %s '%s' (did you mean "
				    "'%s'?)", v->name, w, near);
			else
				error_set(err, "unknown %s '%s'", v->name, w);
			free(w);
			return -1;
		}
		free(w);
		*bits |= 1u << i;
		s += n;
	}
	return 0;
}

/* Replace an optional string; "" clears. */
static void
rfilter_str(char **p, const char *s)
{
	free(*p);
	*p = s != NULL && *s != '\0' ? xstrdup(s) : NULL;
}

int
rfilter_set(struct rfilter *f, const char *name, const char *s,
    struct error *err)
{
	unsigned	bits;

	if (strcmp(name, "severity") == 0) {
		if (rfilter_bits(&vocab_severity, s, &bits, err) == -1)
			return -1;
		f->severities = bits;
	} else if (strcmp(name, "status") == 0) {
		if (rfilter_bits(&vocab_risk_status, s, &bits, err) == -1)
			return -1;
		f->statuses = bits;
	} else if (strcmp(name, "owner") == 0)
		rfilter_str(&f->owner, s);
	else if (strcmp(name, "target") == 0)
		rfilter_str(&f->target, s);
	else if (strcmp(name, "guideline") == 0)
		rfilter_str(&f->guideline, s);
	else if (strcmp(name, "text") == 0)
		rfilter_str(&f->text, s);
	else if (strcmp(name, "gone") == 0)
		f->gone = s != NULL && (strcmp(s, "yes") == 0 ||
		    strcmp(s, "true") == 0);
	else
		return error_set(err, "unknown filter '%s'", name);
	return 0;
}

void
rfilter_describe(const struct rfilter *f, struct buf *b)
{
	static const char *const names[] = { "severity", "status", "owner",
	    "target", "guideline", "text" };
	size_t	 i;
	char	*s;
	int	 first = 1;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((s = rfilter_get(f, names[i])) == NULL)
			continue;
		buf_addf(b, "%s%s %s%s%s", first ? "" : "; ", names[i],
		    i >= 2 ? "'" : "", s, i >= 2 ? "'" : "");
		first = 0;
		free(s);
	}
	if (f->gone)
		buf_addf(b, "%sincluding risks that no longer apply",
		    first ? "" : "; ");
}

/* 1 if s is set and contains part. */
static int
rfilter_has(const char *s, const char *part)
{
	return s != NULL && view_contains(s, part);
}

/* 1 if the text filter is in the description or why of a threat. */
static int
rfilter_threat(const struct rfilter *f, const struct threat *t)
{
	return rfilter_has(t->description, f->text) ||
	    rfilter_has(t->why, f->text);
}

/*
 * rfilter_match() with what the threat's own texts give a text filter
 * known (thit 0 or 1, the same for every risk of the threat) or not (-1).
 */
/* 1 if a risk passes every part of the filter but its text. */
static int
rfilter_match_head(const struct rfilter *f, const struct risk *k,
    const struct threat *t)
{
	if (!k->applies && !f->gone)
		return 0;
	if (f->severities != 0 && (k->severity < 0 ||
	    (f->severities & (1u << k->severity)) == 0))
		return 0;
	if (f->statuses != 0 && (k->status < 0 ||
	    (f->statuses & (1u << k->status)) == 0))
		return 0;
	if (f->owner != NULL && !rfilter_has(k->owner, f->owner))
		return 0;
	if (f->target != NULL && !rfilter_has(k->target, f->target))
		return 0;
	if (f->guideline != NULL && !rview_cites(t, f->guideline))
		return 0;
	return 1;
}

static int
rfilter_match_known(const struct rfilter *f, const struct risk *k,
    const struct threat *t, int thit)
{
	size_t	i;
	int	hit;

	if (!rfilter_match_head(f, k, t))
		return 0;
	if (f->text == NULL)
		return 1;
	hit = rfilter_has(k->title, f->text) ||
	    rfilter_has(k->threat, f->text) ||
	    rfilter_has(k->target, f->text) ||
	    rfilter_has(k->owner, f->text) ||
	    rfilter_has(k->justification, f->text);
	for (i = 0; !hit && i < k->nreasons; i++)
		hit = rfilter_has(k->reasons[i].line, f->text);
	for (i = 0; !hit && i < k->nmitigations; i++)
		hit = rfilter_has(k->mitigations[i].id, f->text) ||
		    rfilter_has(k->mitigations[i].owner, f->text) ||
		    rfilter_has(k->mitigations[i].notes, f->text);
	if (!hit && t != NULL)
		hit = thit != -1 ? thit : rfilter_threat(f, t);
	return hit;
}

int
rfilter_match(const struct rfilter *f, const struct risk *k,
    const struct threat *t)
{
	return rfilter_match_known(f, k, t, -1);
}

int
rfilter_match_tally(const struct rfilter *f, const struct risk *k,
    const struct threat *t, int texthit)
{
	if (!rfilter_match_head(f, k, t))
		return 0;
	return f->text == NULL || texthit ||
	    (t != NULL && rfilter_threat(f, t));
}

void
rview_init(struct rview *rv)
{
	memset(rv, 0, sizeof *rv);
	rfilter_init(&rv->filter);
	vlist_init(&rv->list);
}

void
rview_release(struct rview *rv)
{
	rfilter_release(&rv->filter);
	vlist_release(&rv->list);
	rview_stale(rv);
	free(rv->keep_threat);
	free(rv->keep_target);
}

void
rview_remember(struct rview *rv)
{
	const struct risk	*k = rview_selected(rv);

	/* The cursor placed (or moved): the remembered risk is not sought. */
	rv->seek = 0;
	if (k == NULL)
		return;
	free(rv->keep_threat);
	free(rv->keep_target);
	rv->keep_threat = xstrdup(k->threat);
	rv->keep_target = xstrdup(k->target);
}

/* A risk with what sorting needs, worked out once. */
struct rview_item {
	const struct risk	*k;
	const struct threat	*t;
	size_t			 ti;		/* t's index in the catalogue
						   + 1, 0 for none */
	const char		*guide;		/* rview_guideline(t) */
	int			 provisional;	/* risk_provisional(k) */
	int			 score;		/* likelihood * impact */
	enum rsort		 sort;	/* the order asked for */
};

/* Compare two optional strings, unset last. */
static int
rview_strcmp(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return b == NULL || *b == '\0' ? 0 : 1;
	if (b == NULL || *b == '\0')
		return -1;
	return strcmp(a, b);
}

/* Order two risks by a sort key, then by severity, then by name. */
static int
rview_cmp(const struct rview_item *a, const struct rview_item *b,
    enum rsort s)
{
	int	c = 0;

	switch (s) {
	case RSORT_STATUS:
		c = a->k->status - b->k->status;
		break;
	case RSORT_TARGET:
		c = rview_strcmp(a->k->target, b->k->target);
		break;
	case RSORT_GUIDELINE:
		c = rview_strcmp(a->guide, b->guide);
		break;
	case RSORT_OWNER:
		c = rview_strcmp(a->k->owner, b->k->owner);
		break;
	case RSORT_TITLE:
		c = rview_strcmp(a->k->title, b->k->title);
		break;
	default:
		break;
	}
	if (c != 0)
		return c;
	if (a->k->applies != b->k->applies)
		return b->k->applies - a->k->applies;
	/* By severity, what stands on facts first, then what is to confirm. */
	if (s == RSORT_SEVERITY &&
	    (c = a->provisional - b->provisional) != 0)
		return c;
	if (a->k->severity != b->k->severity)
		return b->k->severity - a->k->severity;
	if ((c = b->score - a->score) != 0)
		return c;
	c = strcmp(a->k->threat, b->k->threat);
	return c != 0 ? c : strcmp(a->k->target, b->k->target);
}

/* qsort order: the keys end with the risk's name, unique in a register. */
static int
rview_qcmp(const void *a, const void *b)
{
	const struct rview_item	*x = a, *y = b;

	return rview_cmp(x, y, x->sort);
}

void
rview_cols_init(struct rview_cols *c, int header)
{
	c->status = header ? 6 : 0;	/* "STATUS" */
	c->target = header ? 6 : 0;	/* "TARGET" */
	c->guide = header ? 9 : 0;	/* "GUIDELINE" */
	c->title = 10;
}

/* What a risk's status cell says. */
static const char *
rview_status_word(const struct risk *k)
{
	const char	*w;

	if (!k->applies)
		return "no longer";
	w = vocab_name(&vocab_risk_status, k->status);
	return w != NULL ? w : "?";
}

/* 1 if s has more than w bytes. */
static int
rview_longer(const char *s, int w)
{
	return w < 0 || strnlen(s, (size_t)w + 1) > (size_t)w;
}

void
rview_cols_fit(struct rview_cols *c, const struct risk *k,
    const struct threat *t)
{
	const char	*g;
	int		 w;

	/*
	 * A text takes at most a column a byte: one no longer than the
	 * column is left unmeasured (most of a million risks).
	 */
	if (rview_longer(rview_status_word(k), c->status) &&
	    (w = text_width(rview_status_word(k))) > c->status)
		c->status = w;
	if (rview_longer(k->target, c->target) &&
	    (w = text_width(k->target)) > c->target)
		c->target = w;
	if (t != NULL && rview_longer(g = rview_guideline(t), c->guide) &&
	    (w = text_width(g)) > c->guide)
		c->guide = w;
}

void
rview_cols_done(struct rview_cols *c, int width)
{
	int	fixed;

	/* A target is cut only past a third of the width. */
	if (c->target > width / 3)
		c->target = width / 3 > 6 ? width / 3 : 6;
	fixed = 5 + c->status + 1 + c->target + 1 +
	    (c->guide > 0 ? c->guide + 1 : 0);
	c->title = width - fixed < 10 ? 10 : width - fixed;
}

/* The columns of a risk's line, with title (its first row when wrapped). */
static void
rview_risk_cells(struct vline *v, const struct risk *k, const struct threat *t,
    const struct rview_cols *c, const char *title)
{
	vline_cell(v, k->applies ? rview_severity_style(k->severity) :
	    VS_DIM, vocab_label(&vocab_severity, k->severity), 4);
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, !k->applies ? VS_DIM : k->status == RISK_OPEN ?
	    VS_WARN : k->status == RISK_MITIGATED ? VS_OK : VS_NORMAL,
	    rview_status_word(k), c->status);
	vline_add(v, VS_NORMAL, " ");
	vline_cell(v, VS_NORMAL, k->target, c->target);
	vline_add(v, VS_NORMAL, " ");
	if (c->guide > 0) {
		vline_cell(v, VS_DIM, rview_guideline(t), c->guide);
		vline_add(v, VS_NORMAL, " ");
	}
	vline_cell(v, k->applies ? VS_NORMAL : VS_DIM, title, c->title);
}

void
rview_risk_line(struct vline *v, const struct risk *k, const struct threat *t,
    const struct rview_cols *c)
{
	rview_risk_cells(v, k, t, c, RVIEW_TITLE(k));
}

void
rview_stale(struct rview *rv)
{
	free(rv->sorted);
	rv->sorted = NULL;
	rv->nsorted = 0;
	rv->sorted_cap = 0;
	/* What was still to filter pointed into it. */
	free(rv->thit);
	rv->thit = NULL;
	if (rv->pending) {
		rv->pending = 0;
		rv->scan = 0;
	}
	rv->sorted_of = NULL;
	rv->sorted_risks = NULL;
}

/*
 * Fill rv->sorted[from..r->n) with the risks of r from from on: the
 * catalogue's threats looked up in a map, and what the order compares
 * worked out once a risk.
 */
static void
rview_items(struct rview *rv, const struct risk_register *r, size_t from,
    const struct catalogue *cat)
{
	struct strmap	 threats;
	struct rview_item *it;
	size_t		 i;

	/* Each threat id to its first index + 1 (as the pointer it is). */
	strmap_init(&threats);
	for (i = 0; cat != NULL && i < cat->nthreats; i++)
		if (strmap_get(&threats, cat->threats[i]->id) == NULL)
			strmap_put(&threats, cat->threats[i]->id,
			    (void *)(uintptr_t)(i + 1));
	for (i = from; i < r->n; i++) {
		it = &rv->sorted[i];
		it->k = r->risks[i];
		it->ti = (uintptr_t)strmap_get(&threats, it->k->threat);
		it->t = it->ti > 0 ? cat->threats[it->ti - 1] : NULL;
		it->guide = rview_guideline(it->t);
		it->provisional = risk_provisional(it->k);
		it->score = it->k->likelihood * it->k->impact;
		it->sort = rv->sort;
	}
	strmap_release(&threats);
}

/*
 * The register in the order asked for, sorted when the register or the
 * order changed since the last build.
 */
static void
rview_sort(struct rview *rv, const struct risk_register *r,
    const struct catalogue *cat)
{
	size_t		 i;

	if (rv->sorted != NULL && rv->sorted_of == r &&
	    rv->sorted_risks == r->risks && rv->nsorted == r->n &&
	    rv->sorted_by == rv->sort && rv->cat == cat)
		return;
	rview_stale(rv);
	rv->sorted_cap = r->n > 0 ? r->n : 1;
	rv->sorted = xcalloc(rv->sorted_cap, sizeof *rv->sorted);
	rview_items(rv, r, 0, cat);
	/*
	 * The register comes sorted much as by severity (risk_register_sort
	 * orders a loaded one so; one read in slices comes in this order):
	 * a pass that finds it in order spares the sort (half a second at a
	 * million risks).
	 */
	for (i = 1; i < r->n; i++)
		if (rview_qcmp(&rv->sorted[i - 1], &rv->sorted[i]) > 0)
			break;
	if (i < r->n)
		qsort(rv->sorted, r->n, sizeof *rv->sorted, rview_qcmp);
	rv->nsorted = r->n;
	rv->sorted_by = rv->sort;
	rv->sorted_of = r;
	rv->sorted_risks = r->risks;
}

/*
 * The rows a title takes wrapped in a column w wide: 1 when it fits, at
 * most RVIEW_TITLE_ROWS (the last then cut). The title's rows, wrapped,
 * in ls when ls is not NULL.
 */
static size_t
rview_title_rows(const char *title, int w, struct vlines *ls)
{
	struct vlines	 own;
	size_t		 n;

	if (ls == NULL && (!rview_longer(title, w) || text_width(title) <= w))
		return 1;
	if (ls == NULL)
		ls = &own;
	vlines_init(ls);
	vlines_wrap(ls, VS_NORMAL, title, w, 0);
	n = ls->n < 1 ? 1 : ls->n > RVIEW_TITLE_ROWS ? RVIEW_TITLE_ROWS :
	    ls->n;
	if (ls == &own)
		vlines_release(ls);
	return n;
}

/*
 * Format the line of a risk as it comes into view (vlist_line()): a title
 * wider than its column wraps under itself, on the lines after the risk's
 * (rview_wrap() added them: they carry the risk, the cursor skips them), so
 * that every title in the list reads whole at 80 columns.
 */
static void
rview_fill(const void *arg, struct vline *v)
{
	const struct rview	*rv = arg;
	const struct risk	*k = v->data;
	const struct rview_cols	*c = &rv->cols;
	const struct vline	*first = v;
	struct vlines		 ls;
	struct buf		 b;
	char			*text, *one;
	size_t			 part, rows, i;
	int			 x;

	/* Which row of the title: lines after the risk's own. */
	while (!first->selectable && first > rv->list.lines.v)
		first--;
	part = (size_t)(v - first);
	if (part == 0 && !rview_longer(RVIEW_TITLE(k), c->title)) {
		rview_risk_line(v, k, rview_threat(rv->cat, k->threat), c);
		return;
	}
	rows = rview_title_rows(RVIEW_TITLE(k), c->title, &ls);
	/* The last row takes what is left, cut when it does not fit. */
	buf_init(&b);
	for (i = part; i < ls.n && (i == part || part + 1 == rows); i++) {
		one = vline_plain(&ls.v[i]);
		buf_addf(&b, "%s%s", i > part ? " " : "", one);
		free(one);
	}
	text = buf_detach(&b);
	vlines_release(&ls);
	if (part == 0)
		rview_risk_cells(v, k, rview_threat(rv->cat, k->threat), c,
		    text);
	else {
		x = 5 + c->status + 1 + c->target + 1 +
		    (c->guide > 0 ? c->guide + 1 : 0);
		vline_addf(v, VS_NORMAL, "%*s", x, "");
		vline_cell(v, k->applies ? VS_NORMAL : VS_DIM, text, c->title);
	}
	free(text);
}

/* Drop the text of a line, keep what it shows (made again when shown). */
static void
rview_unfill(struct vline *v)
{
	const void	*data = v->data;
	int		 sel = v->selectable;

	vline_release(v);
	v->data = data;
	v->selectable = sel;
}

/*
 * The fewest columns a title should get before the guideline's go: the
 * catalogue's titles run 50 to 65 columns (half are under 57).
 */
#define RVIEW_TITLE_ROOM	60

/* The heading of the columns, line 0, with the widths as they are now. */
static void
rview_heading(struct rview *rv)
{
	struct vline	*v = &rv->list.lines.v[0];
	const struct rview_cols *c = &rv->cols;

	rview_unfill(v);
	vline_cell(v, VS_HEADING, "SEV", 4);
	vline_add(v, VS_HEADING, " ");
	vline_cell(v, VS_HEADING, "STATUS", c->status);
	vline_add(v, VS_HEADING, " ");
	vline_cell(v, VS_HEADING, "TARGET", c->target);
	vline_add(v, VS_HEADING, " ");
	/* The word the sort and the filter use for it. */
	if (c->guide > 0) {
		vline_cell(v, VS_HEADING, "GUIDELINE", c->guide);
		vline_add(v, VS_HEADING, " ");
	}
	vline_add(v, VS_HEADING, "TITLE");
}

/*
 * Give each risk listed from line from on the lines its title wraps onto
 * (rview_fill() writes them when shown): lines of the list's own, with the
 * risk as data, that the cursor skips; the ones it had are dropped first.
 * The cursor and the first line shown stay on the same lines.
 */
static void
rview_wrap(struct rview *rv, size_t from)
{
	struct vlines		*ls = &rv->list.lines;
	struct vline		*tail, *v;
	const struct risk	*k;
	const char		*prev = NULL;
	size_t			 i, j, n, rows = 1;
	size_t			 cursor = SIZE_MAX, top = SIZE_MAX;

	if (from >= ls->n)
		return;
	n = ls->n - from;
	tail = xreallocarray(NULL, n, sizeof *tail);
	memcpy(tail, ls->v + from, n * sizeof *tail);
	ls->n = from;
	for (i = 0; i < n; i++) {
		if (from + i == rv->list.top)
			top = ls->n;
		if (!tail[i].selectable && tail[i].data != NULL) {
			vline_release(&tail[i]);
			continue;
		}
		if (from + i == rv->list.cursor)
			cursor = ls->n;
		v = vlines_add(ls);
		*v = tail[i];
		if (!tail[i].selectable || (k = tail[i].data) == NULL)
			continue;
		/* Risks of a threat come together: its title wrapped once. */
		if (prev == NULL || strcmp(prev, RVIEW_TITLE(k)) != 0)
			rows = rview_title_rows(prev = RVIEW_TITLE(k),
			    rv->cols.title, NULL);
		for (j = 1; j < rows; j++)
			vlines_add(ls)->data = k;
	}
	free(tail);
	if (cursor != SIZE_MAX)
		rv->list.cursor = cursor;
	if (top != SIZE_MAX)
		rv->list.top = top < ls->n ? top : ls->n - 1;
}

/*
 * The widths worked out from the risks listed so far; when they changed,
 * the lines already formatted with the old ones are made again when next
 * shown, and wrapped again; the lines from from on (listed since) are
 * wrapped.
 */
static void
rview_widths(struct rview *rv, size_t from)
{
	struct rview_cols	 c = rv->fit;
	struct vlines		*ls = &rv->list.lines;
	size_t			 i;

	rview_cols_done(&c, rv->width);
	/*
	 * A title cut to fewer than RVIEW_TITLE_ROOM columns ("Instructions
	 * hidden in content the mod..." at 80) loses more than the
	 * guideline, which the detail's references name: the column goes,
	 * unless the list is sorted or filtered by it.
	 */
	if (c.guide > 0 && c.title < RVIEW_TITLE_ROOM &&
	    rv->sort != RSORT_GUIDELINE && rv->filter.guideline == NULL) {
		c.guide = 0;
		rview_cols_done(&c, rv->width);
	}
	if (memcmp(&c, &rv->cols, sizeof c) == 0) {
		rview_wrap(rv, from);
		return;
	}
	rv->cols = c;
	rview_wrap(rv, 1);
	for (i = 1; i < ls->n; i++)
		if (ls->v[i].data != NULL && ls->v[i].n > 0)
			rview_unfill(&ls->v[i]);
	rview_heading(rv);
}

/*
 * Filter the next risks of the sorted register into the list, from
 * rv->scan, until the end or until limit risks were looked at and at
 * least want are listed (2 limits at most). The risk remembered gets the
 * cursor when it comes, unless the cursor was moved meanwhile.
 */
static void
rview_scan(struct rview *rv, size_t limit, size_t want)
{
	const struct rview_item	*it;
	struct vlines		*ls = &rv->list.lines;
	struct vline		*v;
	size_t			 end = rv->scan + limit;
	size_t			 most = rv->scan + 2 * limit;
	size_t			 from = ls->n;
	int			 known;

	for (;;) {
		if (rv->scan >= rv->nsorted)
			break;
		/* Past the limit when enough show, or anyway at 2 limits. */
		if (rv->scan >= end && (rv->shown >= want ||
		    rv->scan >= most))
			break;
		it = &rv->sorted[rv->scan++];
		known = -1;
		if (rv->thit != NULL && it->ti > 0) {
			if (rv->thit[it->ti - 1] == -1)
				rv->thit[it->ti - 1] = (signed char)
				    rfilter_threat(&rv->filter, it->t);
			known = rv->thit[it->ti - 1];
		}
		if (!rfilter_match_known(&rv->filter, it->k, it->t, known))
			continue;
		/* Listed apart: the provisional risks that apply. */
		if (rv->sort == RSORT_SEVERITY && it->k->applies &&
		    it->provisional && (rv->shown == 0 || !rv->prev))
			vlines_addf(ls, VS_WARN, "To confirm: "
			    "these rest on unanswered fields");
		rv->prev = it->provisional;
		rv->shown++;
		rview_cols_fit(&rv->fit, it->k, it->t);
		/* Its text when it is shown (rview_fill()). */
		v = vlines_add(ls);
		v->selectable = 1;
		v->data = it->k;
		if (rv->seek && strcmp(it->k->threat, rv->keep_threat) == 0 &&
		    strcmp(it->k->target, rv->keep_target) == 0) {
			rv->list.cursor = ls->n - 1;
			rv->seek = 0;
		}
	}
	rview_widths(rv, from);
	if (rv->scan < rv->nsorted || rv->partial)
		return;
	/* Done: the whole register looked at. */
	free(rv->thit);
	rv->thit = NULL;
	rv->pending = 0;
	rv->seek = 0;
	if (rv->shown == 0)
		vlines_addf(ls, VS_DIM, "%s",
		    rfilter_active(&rv->filter) ? "No risk matches the filter "
		    "(c clears it)." : "No risks.");
	vlist_fix(&rv->list);
	rview_remember(rv);
}

void
rview_build(struct rview *rv, const struct risk_register *r,
    const struct catalogue *cat, int width)
{
	static const struct risk_register none;
	struct vlines		*ls = &rv->list.lines;

	if (r == NULL)
		r = &none;
	if (rv->cat != cat)
		rview_stale(rv);
	rv->cat = cat;
	rview_sort(rv, r, cat);
	vlist_clear(&rv->list);
	free(rv->thit);
	rv->thit = NULL;
	/* Room for every risk, the heading and a note, at once. */
	if (ls->cap < rv->nsorted + 3) {
		ls->cap = rv->nsorted + 3;
		ls->v = xreallocarray(ls->v, ls->cap, sizeof *ls->v);
	}
	vlines_add(ls);		/* the heading, once the widths are known */
	rv->list.sticky = 1;
	rv->list.fill = rview_fill;
	rv->list.fill_arg = rv;
	/* The fixed columns as wide as what they show; the title the rest. */
	rview_cols_init(&rv->fit, 1);
	memset(&rv->cols, 0, sizeof rv->cols);
	rv->width = width;
	/*
	 * What a text filter finds in a threat's own texts, worked out once
	 * a threat, not once each of its risks (-1: not yet).
	 */
	if (rv->filter.text != NULL && cat != NULL && cat->nthreats > 0) {
		rv->thit = xreallocarray(NULL, cat->nthreats,
		    sizeof *rv->thit);
		memset(rv->thit, -1, cat->nthreats * sizeof *rv->thit);
	}
	rv->scan = 0;
	rv->shown = 0;
	rv->prev = 0;
	rv->total = r->n;
	rv->pending = 1;
	rv->seek = rv->keep_threat != NULL && rv->keep_target != NULL;
	/* A first screenful now; the rest by rview_more(). */
	rview_scan(rv, rv->slice > 0 ? rv->slice : RVIEW_SLICE,
	    rv->want > 0 ? rv->want : RVIEW_WANT);
	if (rv->pending)
		vlist_fix(&rv->list);
}

int
rview_more(struct rview *rv)
{
	if (!rv->pending || (rv->partial && rv->scan >= rv->nsorted))
		return 0;
	rview_scan(rv, rv->slice > 0 ? rv->slice : RVIEW_SLICE, 0);
	return 1;
}

int
rview_grow(struct rview *rv, const struct risk_register *r, int partial)
{
	size_t	i;

	if (rv->sorted == NULL || rv->sorted_of != r ||
	    rv->sort != RSORT_SEVERITY || rv->sorted_by != rv->sort ||
	    r->n < rv->nsorted || (!rv->pending && r->n > rv->nsorted))
		return -1;
	if (r->n > rv->nsorted) {
		/* Room for twice as many: a million risks come 2,000 at a
		   time. */
		if (r->n > rv->sorted_cap) {
			rv->sorted_cap = r->n > 2 * rv->sorted_cap ? r->n :
			    2 * rv->sorted_cap;
			rv->sorted = xreallocarray(rv->sorted,
			    rv->sorted_cap, sizeof *rv->sorted);
		}
		rview_items(rv, r, rv->nsorted, rv->cat);
		/* Each new risk after the one before it, or build again. */
		for (i = rv->nsorted > 0 ? rv->nsorted : 1; i < r->n; i++)
			if (rview_qcmp(&rv->sorted[i - 1], &rv->sorted[i]) > 0)
				return -1;
		rv->nsorted = r->n;
	}
	rv->sorted_risks = r->risks;
	rv->total = r->n;
	rv->partial = partial;
	/* Nothing more to come and everything looked at: the list is done. */
	if (!partial && rv->pending && rv->scan >= rv->nsorted)
		rview_scan(rv, 0, 0);
	return 0;
}

const struct risk *
rview_selected(const struct rview *rv)
{
	return vlist_selected(&rv->list);
}

int
rview_select(struct rview *rv, const char *threat, const char *target)
{
	const struct risk	*k;
	size_t			 i;

	for (i = 0; i < rv->list.lines.n; i++) {
		k = rv->list.lines.v[i].data;
		if (k != NULL && rv->list.lines.v[i].selectable &&
		    strcmp(k->threat, threat) == 0 &&
		    strcmp(k->target, target) == 0) {
			rv->list.cursor = i;
			return 0;
		}
	}
	return -1;
}

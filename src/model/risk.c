/* risk.c: the risk register of a model. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk.h"
#include "model/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

void
risk_register_init(struct risk_register *r)
{
	r->risks = NULL;
	r->n = 0;
}

void
risk_slim(struct risk *k)
{
	size_t	i;

	risk_drop_reasons(k);
	for (i = 0; i < k->naliases; i++)
		free(k->aliases[i]);
	free(k->aliases);
	k->aliases = NULL;
	k->naliases = 0;
}

void
risk_drop_reasons(struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nreasons; i++)
		free(k->reasons[i].line);
	free(k->reasons);
	k->reasons = NULL;
	k->nreasons = 0;
	for (i = 0; i < k->nmitigations; i++) {
		if (!k->mitigations[i].borrowed)
			free(k->mitigations[i].id);
		free(k->mitigations[i].owner);
		free(k->mitigations[i].due);
		free(k->mitigations[i].notes);
	}
	free(k->mitigations);
	k->mitigations = NULL;
	k->nmitigations = 0;
}

static void
risk_free(struct risk *k)
{
	if (!k->borrowed) {
		free(k->threat);
		free(k->title);
	}
	free(k->target);
	risk_slim(k);
	free(k->owner);
	free(k->justification);
	free(k->decided_by);
	free(k->decided_at);
	risk_clear_asks(k);
	free(k);
}

void
risk_register_release(struct risk_register *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		risk_free(r->risks[i]);
	free(r->risks);
	risk_register_init(r);
}

int
risk_register_release_some(struct risk_register *r, size_t n)
{
	for (; n > 0 && r->n > 0; n--)
		risk_free(r->risks[--r->n]);
	if (r->n > 0)
		return 1;
	risk_register_release(r);
	return 0;
}

/* A catalogue's string held without a copy (never freed through it). */
static char *
risk_borrow(const char *s)
{
	return (char *)(uintptr_t)s;
}

/* Add a risk whose threat and title are set already. */
static struct risk *
risk_register_push(struct risk_register *r, struct risk *k,
    const char *target)
{
	k->target = xstrdup(target);
	k->likelihood = k->impact = 1;
	k->severity = LEVEL_LOW;
	k->applies = 1;
	k->status = RISK_OPEN;
	if ((r->n & (r->n - 1)) == 0)
		r->risks = xreallocarray(r->risks, r->n == 0 ? 4 : r->n * 2,
		    sizeof *r->risks);
	r->risks[r->n++] = k;
	return k;
}

struct risk *
risk_register_add(struct risk_register *r, const char *threat,
    const char *target)
{
	struct risk	*k = xcalloc(1, sizeof *k);

	k->threat = xstrdup(threat);
	return risk_register_push(r, k, target);
}

struct risk *
risk_register_add_threat(struct risk_register *r, const char *threat,
    const char *title, const char *target)
{
	struct risk	*k = xcalloc(1, sizeof *k);

	k->threat = risk_borrow(threat);
	k->title = risk_borrow(title);
	k->borrowed = 1;
	return risk_register_push(r, k, target);
}

void
risk_register_take(struct risk_register *r, struct risk *k)
{
	if (r == NULL) {
		risk_free(k);
		return;
	}
	if ((r->n & (r->n - 1)) == 0)
		r->risks = xreallocarray(r->risks, r->n == 0 ? 4 : r->n * 2,
		    sizeof *r->risks);
	r->risks[r->n++] = k;
}

struct risk *
risk_register_find(const struct risk_register *r, const char *threat,
    const char *target)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->risks[i]->threat, threat) == 0 &&
		    strcmp(r->risks[i]->target, target) == 0)
			return r->risks[i];
	return NULL;
}

/* Reason kinds: their names and the prefixes of their lines. */
static const struct {
	const char	*name;
	const char	*prefix;
} reason_kinds[REASON_KIND_COUNT] = {
	[REASON_FACT] = { "fact", "fact: " },
	[REASON_ASSUMED] = { "assumed", "assumed: " },
	[REASON_ADJUSTMENT] = { "adjustment", "" },
};

const char *
reason_kind_name(enum reason_kind kind)
{
	return (unsigned)kind < REASON_KIND_COUNT ? reason_kinds[kind].name :
	    NULL;
}

const char *
reason_kind_prefix(enum reason_kind kind)
{
	return (unsigned)kind < REASON_KIND_COUNT ?
	    reason_kinds[kind].prefix : "";
}

int
reason_kind_find(const char *s)
{
	int	i;

	for (i = 0; i < REASON_KIND_COUNT; i++)
		if (strcmp(reason_kinds[i].name, s) == 0)
			return i;
	return -1;
}

/*
 * Make room for element n of an array of a risk that grows one at a time
 * (reasons, mitigations, aliases, asks), so that an analysis adding
 * hundreds of thousands does not reallocate at each: the room goes 4, 6,
 * 8, 12, 16, 24, ... (each step half or a third more, so that a loaded
 * register holds little unused room), growing when n reaches one of them.
 * The arrays are only ever grown here (or shrunk), so their room is at
 * least the first step above n.
 */
static void *
risk_room(void *v, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(v, 4, size);
	if (n >= 4 && (n & (n - 1)) == 0)
		return xreallocarray(v, n + n / 2, size);
	if (n >= 6 && n % 3 == 0 && ((n / 3) & (n / 3 - 1)) == 0)
		return xreallocarray(v, n + n / 3, size);
	return v;
}

/* Add a line (taken over) of a kind. */
static void
risk_push_reason(struct risk *k, enum reason_kind kind, char *line)
{
	k->reasons = risk_room(k->reasons, k->nreasons, sizeof *k->reasons);
	k->reasons[k->nreasons].kind = kind;
	k->reasons[k->nreasons++].line = line;
}

void
risk_add_reason(struct risk *k, enum reason_kind kind, const char *fmt, ...)
{
	const char	*prefix = reason_kinds[kind].prefix;
	va_list		 ap;
	char		 small[256], *line;
	size_t		 np = strlen(prefix);
	int		 n;

	/*
	 * Format once into a buffer on the stack behind the prefix; only a
	 * line longer than that is formatted again. An analysis adds
	 * hundreds of thousands of reasons.
	 */
	memcpy(small, prefix, np);
	va_start(ap, fmt);
	n = vsnprintf(small + np, sizeof small - np, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	line = xmalloc(np + (size_t)n + 1);
	if (np + (size_t)n < sizeof small)
		memcpy(line, small, np + (size_t)n + 1);
	else {
		memcpy(line, prefix, np);
		va_start(ap, fmt);
		vsnprintf(line + np, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	risk_push_reason(k, kind, line);
}

void
risk_add_reason_text(struct risk *k, enum reason_kind kind, const char *text)
{
	const char	*prefix = reason_kinds[kind].prefix;
	size_t		 np = strlen(prefix), nt = strlen(text);
	char		*line = xmalloc(np + nt + 1);

	memcpy(line, prefix, np);
	memcpy(line + np, text, nt + 1);
	risk_push_reason(k, kind, line);
}

void
risk_add_reason_line(struct risk *k, int kind, const char *line)
{
	size_t	n;
	int	i;

	if (kind >= 0 && kind < REASON_KIND_COUNT) {
		risk_push_reason(k, (enum reason_kind)kind, xstrdup(line));
		return;
	}
	kind = REASON_ADJUSTMENT;
	for (i = 0; i < REASON_KIND_COUNT; i++) {
		n = strlen(reason_kinds[i].prefix);
		if (n > 0 && strncmp(line, reason_kinds[i].prefix, n) == 0) {
			kind = i;
			break;
		}
	}
	risk_push_reason(k, (enum reason_kind)kind, xstrdup(line));
}

const char *
risk_reason_text(const struct risk_reason *r)
{
	size_t	n = strlen(reason_kinds[r->kind].prefix);

	if (strncmp(r->line, reason_kinds[r->kind].prefix, n) == 0)
		return r->line + n;
	return r->line;
}

int
risk_provisional(const struct risk *k)
{
	size_t	i;

	if (k->lean)
		return 1;
	for (i = 0; i < k->nreasons; i++)
		if (k->reasons[i].kind == REASON_ASSUMED)
			return 1;
	return 0;
}

/* Add a mitigation with status proposed, its id set by the caller. */
static struct risk_mitigation *
risk_push_mitigation(struct risk *k)
{
	struct risk_mitigation	*m;

	k->mitigations = risk_room(k->mitigations, k->nmitigations,
	    sizeof *k->mitigations);
	m = &k->mitigations[k->nmitigations++];
	memset(m, 0, sizeof *m);
	m->status = MIT_PROPOSED;
	return m;
}

struct risk_mitigation *
risk_add_mitigation(struct risk *k, const char *id)
{
	struct risk_mitigation	*m = risk_push_mitigation(k);

	m->id = xstrdup(id);
	return m;
}

struct risk_mitigation *
risk_add_mitigation_borrowed(struct risk *k, const char *id)
{
	struct risk_mitigation	*m = risk_push_mitigation(k);

	m->id = risk_borrow(id);
	m->borrowed = 1;
	return m;
}

struct risk_mitigation *
risk_find_mitigation(const struct risk *k, const char *id)
{
	size_t	i;

	for (i = 0; i < k->nmitigations; i++)
		if (strcmp(k->mitigations[i].id, id) == 0)
			return &k->mitigations[i];
	return NULL;
}

void
risk_register_drop(struct risk_register *r, const unsigned char *drop)
{
	size_t	i, n = 0;

	for (i = 0; i < r->n; i++) {
		if (drop[i])
			risk_free(r->risks[i]);
		else
			r->risks[n++] = r->risks[i];
	}
	r->n = n;
}

void
risk_add_alias(struct risk *k, const char *name)
{
	size_t	i, n = strlen(k->threat);

	if (strncmp(name, k->threat, n) == 0 && name[n] == '@' &&
	    strcmp(name + n + 1, k->target) == 0)
		return;
	for (i = 0; i < k->naliases; i++)
		if (strcmp(k->aliases[i], name) == 0)
			return;
	risk_append_alias(k, name);
}

void
risk_append_alias(struct risk *k, const char *name)
{
	k->aliases = risk_room(k->aliases, k->naliases, sizeof *k->aliases);
	k->aliases[k->naliases++] = xstrdup(name);
}

void
risk_add_ask(struct risk *k, const char *element, const char *field)
{
	size_t	i;

	for (i = 0; i < k->nasks; i++)
		if (strcmp(k->asks[i].element, element) == 0 &&
		    strcmp(k->asks[i].field, field) == 0)
			return;
	risk_append_ask(k, element, field);
}

void
risk_append_ask(struct risk *k, const char *element, const char *field)
{
	k->asks = risk_room(k->asks, k->nasks, sizeof *k->asks);
	k->asks[k->nasks].element = xstrdup(element);
	k->asks[k->nasks].field = xstrdup(field);
	k->nasks++;
}

void
risk_clear_asks(struct risk *k)
{
	size_t	i;

	for (i = 0; i < k->nasks; i++) {
		free(k->asks[i].element);
		free(k->asks[i].field);
	}
	free(k->asks);
	k->asks = NULL;
	k->nasks = 0;
}

/* qsort: the more severe risk first, then the higher score, then name. */
static int
risk_question_risk_cmp(const void *a, const void *b)
{
	const struct risk	*x = *(const struct risk *const *)a;
	const struct risk	*y = *(const struct risk *const *)b;
	int			 c;

	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->likelihood * x->impact != y->likelihood * y->impact)
		return y->likelihood * y->impact - x->likelihood * x->impact;
	if ((c = strcmp(x->threat, y->threat)) != 0)
		return c;
	return strcmp(x->target, y->target);
}

/* qsort: the worst question first, then by element and field. */
int
risk_question_cmp(const void *a, const void *b)
{
	const struct risk_question	*x = a, *y = b;
	int				 c;

	if (x->worst != y->worst)
		return y->worst - x->worst;
	if ((c = strcmp(x->element, y->element)) != 0)
		return c;
	return strcmp(x->field, y->field);
}

/* The question of a finding whose assumptions name no field. */
static void
risk_questions_fallback(struct risk *k)
{
	struct buf	b;

	buf_init(&b);
	buf_addf(&b, "'%s'", k->target);
	risk_add_ask(k, b.s, "unanswered fields");
	buf_release(&b);
}

void
risk_questions_build(const struct risk_register *reg,
    struct risk_questions *q)
{
	struct risk_question	*u;
	const struct risk	*k;
	struct strmap		 at;
	struct buf		 key;
	char			**keys = NULL;
	size_t			 i, j, x, cap = 0;

	q->v = NULL;
	q->n = 0;
	/* Questions by "element\nfield": index + 1. */
	strmap_init(&at);
	buf_init(&key);
	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		/* Never silently safe: a finding that names no field is a
		   question about its target. */
		if (k->nasks == 0)
			risk_questions_fallback(reg->risks[i]);
		for (j = 0; j < k->nasks; j++) {
			buf_reset(&key);
			buf_adds(&key, k->asks[j].element);
			buf_addc(&key, '\n');
			buf_adds(&key, k->asks[j].field);
			if ((x = (size_t)(uintptr_t)strmap_get(&at, key.s)) ==
			    0) {
				if (q->n == cap) {
					cap = cap == 0 ? 16 : cap * 2;
					q->v = xreallocarray(q->v, cap,
					    sizeof *q->v);
					keys = xreallocarray(keys, cap,
					    sizeof *keys);
				}
				u = &q->v[q->n];
				memset(u, 0, sizeof *u);
				u->element = xstrdup(k->asks[j].element);
				u->field = xstrdup(k->asks[j].field);
				keys[q->n] = xstrdup(key.s);
				x = ++q->n;
				strmap_put(&at, keys[x - 1],
				    (void *)(uintptr_t)x);
			}
			u = &q->v[x - 1];
			if (u->nrisks > 0 && u->risks[u->nrisks - 1] == k)
				continue;
			if ((u->nrisks & (u->nrisks - 1)) == 0)
				u->risks = xreallocarray(u->risks,
				    u->nrisks == 0 ? 1 : u->nrisks * 2,
				    sizeof *u->risks);
			u->risks[u->nrisks++] = k;
			if (k->severity > u->worst)
				u->worst = k->severity;
		}
	}
	strmap_release(&at);
	buf_release(&key);
	for (x = 0; x < q->n; x++)
		free(keys[x]);
	free(keys);
	for (x = 0; x < q->n; x++)
		qsort(q->v[x].risks, q->v[x].nrisks, sizeof *q->v[x].risks,
		    risk_question_risk_cmp);
	if (q->n > 1)
		qsort(q->v, q->n, sizeof *q->v, risk_question_cmp);
}

void
risk_questions_release(struct risk_questions *q)
{
	size_t	i;

	for (i = 0; i < q->n; i++) {
		free(q->v[i].element);
		free(q->v[i].field);
		free(q->v[i].risks);
	}
	free(q->v);
	q->v = NULL;
	q->n = 0;
}

/* 1 if a mitigation of a risk was decided on. */
static int
risk_mitigation_decided(const struct risk_mitigation *m)
{
	return m->status != MIT_PROPOSED || m->owner != NULL ||
	    m->due != NULL || m->notes != NULL;
}

int
risk_has_decision(const struct risk *k)
{
	size_t	i;

	if (k->status != RISK_OPEN || k->owner != NULL ||
	    k->justification != NULL)
		return 1;
	for (i = 0; i < k->nmitigations; i++)
		if (risk_mitigation_decided(&k->mitigations[i]))
			return 1;
	return 0;
}

/* Replace a string field with a copy of another (NULL allowed). */
static void
risk_set_text(char **dst, const char *src)
{
	char	*copy = src != NULL ? xstrdup(src) : NULL;

	free(*dst);
	*dst = copy;
}

/* 1 if two possibly NULL strings differ. */
static int
risk_text_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a != b;
	return strcmp(a, b) != 0;
}

/* How far a mitigation has got: rejected lowest, verified highest. */
static int
risk_mitigation_rank(int status)
{
	return status == MIT_REJECTED ? -1 : status;
}

/* Fold one mitigation decision into dst's mitigation of the same id. */
static int
risk_merge_mitigation(struct risk *dst, const struct risk_mitigation *sm)
{
	struct risk_mitigation	*dm = risk_find_mitigation(dst, sm->id);
	int			 changed = 0;

	if (!risk_mitigation_decided(sm))
		return 0;
	if (dm == NULL) {
		dm = risk_add_mitigation(dst, sm->id);
		dm->status = sm->status;
		risk_set_text(&dm->owner, sm->owner);
		risk_set_text(&dm->due, sm->due);
		risk_set_text(&dm->notes, sm->notes);
		return 1;
	}
	if (!risk_mitigation_decided(dm) ||
	    risk_mitigation_rank(sm->status) <
	    risk_mitigation_rank(dm->status)) {
		changed = dm->status != sm->status ||
		    risk_text_differs(dm->owner, sm->owner) ||
		    risk_text_differs(dm->due, sm->due) ||
		    risk_text_differs(dm->notes, sm->notes);
		dm->status = sm->status;
		risk_set_text(&dm->owner, sm->owner);
		risk_set_text(&dm->due, sm->due);
		risk_set_text(&dm->notes, sm->notes);
		return changed;
	}
	/* Keep dst's decision; fill in what it lacks. */
	if (dm->owner == NULL && sm->owner != NULL) {
		risk_set_text(&dm->owner, sm->owner);
		changed = 1;
	}
	if (dm->due == NULL && sm->due != NULL) {
		risk_set_text(&dm->due, sm->due);
		changed = 1;
	}
	return changed;
}

/* 1 if src's status should replace dst's: more conservative, or as
 * conservative and decided more recently. */
static int
risk_status_wins(const struct risk *dst, const struct risk *src)
{
	/* enum risk_status runs from the most conservative (open). */
	if (src->status != dst->status)
		return src->status < dst->status;
	if (src->decided_at == NULL)
		return 0;
	return dst->decided_at == NULL ||
	    strcmp(src->decided_at, dst->decided_at) > 0;
}

int
risk_merge_decisions(struct risk *dst, const struct risk *src)
{
	int	changed = 0;
	size_t	i;

	if (risk_status_wins(dst, src)) {
		changed = dst->status != src->status;
		dst->status = src->status;
		risk_set_text(&dst->decided_by, src->decided_by);
		risk_set_text(&dst->decided_at, src->decided_at);
		if (src->justification != NULL) {
			changed |= risk_text_differs(dst->justification,
			    src->justification);
			risk_set_text(&dst->justification,
			    src->justification);
		}
		if (src->owner != NULL) {
			changed |= risk_text_differs(dst->owner, src->owner);
			risk_set_text(&dst->owner, src->owner);
		}
	}
	/* What the winner lacks is taken from the other: never dropped. */
	if (dst->owner == NULL && src->owner != NULL) {
		risk_set_text(&dst->owner, src->owner);
		changed = 1;
	}
	if (dst->justification == NULL && src->justification != NULL) {
		risk_set_text(&dst->justification, src->justification);
		changed = 1;
	}
	for (i = 0; i < src->nmitigations; i++)
		changed |= risk_merge_mitigation(dst, &src->mitigations[i]);
	return changed;
}

char *
risk_name(const struct risk *k)
{
	/* "THREAT@TARGET", without printf: names are made by the thousand. */
	size_t	 nt = strlen(k->threat), ng = strlen(k->target);
	char	*name = xmalloc(nt + ng + 2);

	memcpy(name, k->threat, nt);
	name[nt] = '@';
	memcpy(name + nt + 1, k->target, ng + 1);
	return name;
}

int
risk_parse_name(const char *name, char **threat, char **target)
{
	const char	*at = strchr(name, '@');

	if (at == NULL || at == name || at[1] == '\0')
		return -1;
	*threat = xstrndup(name, (size_t)(at - name));
	*target = xstrdup(at + 1);
	return 0;
}

/* 1 if s is a real date written YYYY-MM-DD. */
int
risk_mitigation_overdue(const struct risk_mitigation *rm, const char *today)
{
	if (rm->due == NULL || strlen(rm->due) < 10 || today == NULL ||
	    strlen(today) < 10)
		return 0;
	if (rm->status == MIT_IMPLEMENTED || rm->status == MIT_VERIFIED ||
	    rm->status == MIT_REJECTED)
		return 0;
	return strncmp(rm->due, today, 10) < 0;
}

int
risk_date_valid(const char *s)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int	i, y, m, d, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12)
		return 0;
	max = days[m - 1];
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		max = 29;
	return d >= 1 && d <= max;
}

int
risk_severity(int likelihood, int impact)
{
	int	p = likelihood * impact;

	if (p >= 16)
		return LEVEL_CRITICAL;
	if (p >= 10)
		return LEVEL_HIGH;
	if (p >= 5)
		return LEVEL_MEDIUM;
	return LEVEL_LOW;
}

/* A risk to sort, with what its order needs worked out once. */
struct risk_sortkey {
	struct risk	*k;
	int		 provisional;
	int		 score;
	size_t		 at;		/* where it was: ties keep their order */
};

static int
risk_sortkey_cmp(const void *a, const void *b)
{
	const struct risk_sortkey	*x = a, *y = b;
	int				 c;

	if (x->provisional != y->provisional)
		return x->provisional - y->provisional;
	if (x->k->severity != y->k->severity)
		return y->k->severity - x->k->severity;
	if (x->score != y->score)
		return y->score - x->score;
	if ((c = strcmp(x->k->threat, y->k->threat)) != 0)
		return c;
	if ((c = strcmp(x->k->target, y->k->target)) != 0)
		return c;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * Risks that stand on facts before provisional ones, then the more
 * severe, the higher score, by name; stable. Whether a risk is
 * provisional (a scan of its reasons) is found once per risk, not at
 * every compare.
 */
void
risk_register_sort(struct risk_register *r)
{
	struct risk_sortkey	*v;
	size_t			 i;

	if (r->n < 2)
		return;
	v = xreallocarray(NULL, r->n, sizeof *v);
	for (i = 0; i < r->n; i++) {
		v[i].k = r->risks[i];
		v[i].provisional = risk_provisional(r->risks[i]);
		v[i].score = r->risks[i]->likelihood * r->risks[i]->impact;
		v[i].at = i;
	}
	qsort(v, r->n, sizeof *v, risk_sortkey_cmp);
	for (i = 0; i < r->n; i++)
		r->risks[i] = v[i].k;
	free(v);
}

int
risk_mitigated_unproven(const struct risk *k)
{
	size_t	i;

	if (k->status != RISK_MITIGATED ||
	    (k->justification != NULL && *k->justification != '\0'))
		return 0;
	for (i = 0; i < k->nmitigations; i++)
		if (k->mitigations[i].status == MIT_IMPLEMENTED ||
		    k->mitigations[i].status == MIT_VERIFIED)
			return 0;
	return 1;
}

int
risk_decided(const struct risk *k)
{
	const struct risk_mitigation	*m;
	size_t				 i;

	if (k->status != RISK_OPEN || k->owner != NULL ||
	    k->justification != NULL || k->decided_by != NULL ||
	    k->decided_at != NULL)
		return 1;
	for (i = 0; i < k->nmitigations; i++) {
		m = &k->mitigations[i];
		if (m->status != MIT_PROPOSED || m->owner != NULL ||
		    m->due != NULL || m->notes != NULL)
			return 1;
	}
	return 0;
}

int
risk_covered_threat(const struct risk_reason *r, char *id, size_t size)
{
	static const char	 lead[] = "this finding also covers '";
	const char		*p, *end;
	size_t			 np = strlen(reason_kinds[REASON_FACT].prefix);

	if (r->kind != REASON_FACT || strncmp(r->line,
	    reason_kinds[REASON_FACT].prefix, np) != 0 ||
	    strncmp(r->line + np, lead, sizeof lead - 1) != 0)
		return 0;
	p = r->line + np + sizeof lead - 1;
	if ((end = strchr(p, '\'')) == NULL || (size_t)(end - p) >= size ||
	    end == p)
		return 0;
	memcpy(id, p, (size_t)(end - p));
	id[end - p] = '\0';
	return 1;
}

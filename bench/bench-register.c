/*
 * bench-register.c: how long the risk owners' queries take on a register
 * of many systems (issue 14).
 *
 * usage: bench-register [SYSTEMS [COMPONENTS [DB]]]  (default: 2000 50)
 * Builds one database (a SQLite file, or with DB a register on a server)
 * of SYSTEMS synthetic systems of COMPONENTS components each
 * (synth_model(), a seed per system), analysed against the standard
 * catalogue and stored with decisions as an organisation makes them:
 * about a tenth of the risks accepted (decided over the last two years),
 * a sixth being mitigated with a planned mitigation due over 2026, a few
 * mitigated; forty owners and twelve teams. Then times, on the day
 * 2026-11-25, each query of parapet register through the store: the
 * systems with their counts (open by severity per system, overdue, due
 * for review, open questions), the same for one owner and for one team,
 * the overdue mitigations across all systems, and the accepted risks due
 * for review; and the list of systems with their counts (parapet list,
 * the TUI's start screen), checked against each system counted alone.
 * Each runs RUNS times ($BENCH_RUNS, default 7) on a warm database; the
 * best and median wall times and the median CPU time (what to compare on
 * a busy machine) are printed, against the target of 100 ms (wall,
 * median). With DB given, the database is written there and
 * kept (and reused when it exists: a file, or a PostgreSQL URI or
 * conninfo that holds the systems); else a temporary one is removed.
 * Run from the build tree (it finds data/ there) or with PARAPET_DATA.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench/synth.h"
#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "model/vocab.h"
#include "rules/analyze.h"
#include "store/store.h"
#include "store/store-questions.h"
#include "util/error.h"
#include "util/xmalloc.h"

#define BENCH_TODAY	"2026-11-25"
#define BENCH_TARGET_MS	100.0

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
bench_cpu(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned
bench_rand(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A day of 2025 or 2026 as YYYY-MM-DD (days 1 to 28 of each month). */
static char *
bench_day(unsigned *s, int year)
{
	return xasprintf("%d-%02u-%02u", year, 1 + bench_rand(s) % 12,
	    1 + bench_rand(s) % 28);
}

/*
 * Keep only the mitigations decided on, as an analysis stores a register
 * (the catalogue's proposals are kept with the risk, not as rows).
 */
static void
bench_drop_proposed(struct risk *k)
{
	struct risk_mitigation	*rm;
	size_t			 i, j = 0;

	for (i = 0; i < k->nmitigations; i++) {
		rm = &k->mitigations[i];
		if (rm->status != MIT_PROPOSED || rm->owner != NULL ||
		    rm->due != NULL || rm->notes != NULL)
			k->mitigations[j++] = *rm;
		else {
			if (!rm->borrowed)	/* else the catalogue's */
				free(rm->id);
			free(rm->owner);
			free(rm->due);
			free(rm->notes);
		}
	}
	k->nmitigations = j;
}

/* Decide some risks of a fresh register, as people would. */
static void
bench_decide(struct risk_register *reg, unsigned *s, int owner)
{
	struct risk	*k;
	char		*day;
	size_t		 i;
	unsigned	 r;

	for (i = 0; i < reg->n; i++) {
		k = reg->risks[i];
		r = bench_rand(s) % 100;
		if (r < 10) {
			k->status = RISK_ACCEPTED;
			k->justification = xstrdup("accepted for the benchmark");
			k->decided_by = xstrdup("bench");
			day = bench_day(s, 2025 + (int)(bench_rand(s) % 2));
			k->decided_at = xasprintf("%sT09:00:00Z", day);
			free(day);
		} else if (r < 27 && k->nmitigations > 0) {
			k->status = RISK_MITIGATING;
			k->decided_by = xstrdup("bench");
			k->decided_at = xstrdup("2026-01-05T09:00:00Z");
			k->mitigations[0].status = bench_rand(s) % 4 == 0 ?
			    MIT_IMPLEMENTED : MIT_PLANNED;
			k->mitigations[0].owner = xasprintf("Engineer %u",
			    bench_rand(s) % 200);
			k->mitigations[0].due = bench_day(s, 2026);
		} else if (r < 30) {
			k->status = RISK_MITIGATED;
			k->justification = xstrdup("done");
		}
		if (r < 30 && bench_rand(s) % 3 == 0)
			k->owner = xasprintf("Owner %d", (owner + 1) % 40);
		bench_drop_proposed(k);
	}
}

/* Build the database: nsys systems of ncomp components. */
static int
bench_build(struct store *st, const struct catalogue *cat, size_t nsys,
    size_t ncomp)
{
	struct risk_register	 reg, pending;
	struct risk_questions	 q;
	struct model		*m;
	struct error		 e;
	size_t			 i, nrisks = 0;
	unsigned		 s = 12345;
	double			 t0 = bench_now();

	for (i = 0; i < nsys; i++) {
		if (i % 100 == 0 && store_transaction(st, &e) == -1)
			goto fail;
		if ((m = synth_model(ncomp, (unsigned)i + 1)) == NULL)
			return -1;
		free(m->system.id);
		free(m->system.name);
		m->system.id = xasprintf("sys-%05zu", i);
		m->system.name = xasprintf("Synthetic system %zu", i);
		m->system.owner = xasprintf("Owner %zu", i % 40);
		m->system.team = xasprintf("team-%zu", i % 12);
		m->indexed = 0;
		risk_register_init(&reg);
		risk_register_init(&pending);
		if (model_index(m, NULL, &e) == -1 ||
		    analyze_unknowns(cat, m, &reg, &pending, &e) == -1)
			goto fail;
		/* Its open questions kept with it, as an import keeps them. */
		risk_questions_build(&pending, &q);
		bench_decide(&reg, &s, (int)(i % 40));
		nrisks += reg.n;
		if (store_save(st, m, 0, NULL, &e) == -1 ||
		    store_insert_risks(st, m->system.id, &reg, &e) == -1 ||
		    store_save_questions(st, m->system.id, &q, &e) == -1)
			goto fail;
		risk_questions_release(&q);
		risk_register_release(&pending);
		risk_register_release(&reg);
		model_free(m);
		if ((i % 100 == 99 || i + 1 == nsys) &&
		    store_transaction_commit(st, &e) == -1)
			goto fail;
	}
	printf("built %zu systems of %zu components, %zu risks, in %.1f s\n",
	    nsys, ncomp, nrisks, bench_now() - t0);
	return 0;

fail:
	fprintf(stderr, "bench-register: %s\n", e.msg);
	return -1;
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* What one query run returns: how many rows, or -1. */
typedef long bench_fn(struct store *, const struct org_filter *);

static long
bench_systems(struct store *st, const struct org_filter *f)
{
	struct org_system	*v;
	struct error			 e;
	size_t				 n;

	if (store_register(st, f, &v, &n, &e) == -1) {
		fprintf(stderr, "bench-register: %s\n", e.msg);
		return -1;
	}
	store_register_free(v, n);
	return (long)n;
}

static long
bench_overdue(struct store *st, const struct org_filter *f)
{
	struct org_item	*v;
	struct error			 e;
	size_t				 n;

	if (store_register_overdue(st, f, &v, &n, &e) == -1) {
		fprintf(stderr, "bench-register: %s\n", e.msg);
		return -1;
	}
	store_register_items_free(v, n);
	return (long)n;
}

static long
bench_review(struct store *st, const struct org_filter *f)
{
	struct org_item	*v;
	struct error			 e;
	size_t				 n;

	if (store_register_review(st, f, &v, &n, &e) == -1) {
		fprintf(stderr, "bench-register: %s\n", e.msg);
		return -1;
	}
	store_register_items_free(v, n);
	return (long)n;
}

/* The models with their counts, as parapet list and the TUI's start. */
static long
bench_list(struct store *st, const struct org_filter *f)
{
	struct store_summary	*v;
	struct error		 e;
	size_t			 n;

	(void)f;
	if (store_list(st, &v, &n, &e) == -1) {
		fprintf(stderr, "bench-register: %s\n", e.msg);
		return -1;
	}
	store_summaries_free(v, n);
	return (long)n;
}

/*
 * Check that the list counts each system as store_summarize(), which
 * counts one system alone, does. Returns the number that differ, or -1.
 */
static long
bench_list_check(struct store *st)
{
	struct store_summary	*v, one;
	struct error		 e;
	size_t			 n, i;
	long			 bad = 0;

	if (store_list(st, &v, &n, &e) == -1) {
		fprintf(stderr, "bench-register: %s\n", e.msg);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (store_summarize(st, v[i].id, &one, &e) == -1) {
			fprintf(stderr, "bench-register: %s\n", e.msg);
			bad = -1;
			break;
		}
		if (one.nboundaries != v[i].nboundaries ||
		    one.ncomponents != v[i].ncomponents ||
		    one.nflows != v[i].nflows ||
		    memcmp(&one.counts, &v[i].counts, sizeof one.counts) != 0)
			bad++;
	}
	store_summaries_free(v, n);
	return bad;
}

/* Time a query; print its best and median. Returns 1 over target. */
static int
bench_time(const char *what, bench_fn *fn, struct store *st,
    const struct org_filter *f, int runs)
{
	double	*t = xcalloc((size_t)runs, sizeof *t), t0;
	double	*c = xcalloc((size_t)runs, sizeof *c), c0;
	long	 rows = 0;
	int	 i, over;

	for (i = 0; i < runs; i++) {
		t0 = bench_now();
		c0 = bench_cpu();
		if ((rows = fn(st, f)) == -1) {
			free(t);
			free(c);
			return -1;
		}
		t[i] = (bench_now() - t0) * 1000.0;
		c[i] = (bench_cpu() - c0) * 1000.0;
	}
	qsort(t, (size_t)runs, sizeof *t, bench_cmp);
	qsort(c, (size_t)runs, sizeof *c, bench_cmp);
	over = t[runs / 2] > BENCH_TARGET_MS;
	printf("  %-40s %7ld %8.1f %8.1f %8.1f  %s\n", what, rows, t[0],
	    t[runs / 2], c[runs / 2], over ? "OVER" : "ok");
	free(t);
	free(c);
	return over;
}

int
main(int argc, char **argv)
{
	struct org_filter	 f, fo, ft;
	struct catalogue		*cat;
	struct store			*st = NULL;
	struct error			 e;
	struct stat			 sb;
	const char			**qs;
	size_t				 nsys = 2000, ncomp = 50, i;
	char				 tmp[] = "/tmp/parapet-bench-XXXXXX";
	char				*db;
	const char			*env;
	long				 bad;
	int				 fd, keep = 0, runs = 7, over = 0;

	if (argc > 1)
		nsys = strtoul(argv[1], NULL, 10);
	if (argc > 2)
		ncomp = strtoul(argv[2], NULL, 10);
	if (nsys == 0 || ncomp == 0 || argc > 4) {
		fprintf(stderr, "usage: bench-register [SYSTEMS [COMPONENTS "
		    "[DB]]]\n");
		return 2;
	}
	if ((env = getenv("BENCH_RUNS")) != NULL && atoi(env) > 0)
		runs = atoi(env);
	if ((cat = catalogue_load_standard(NULL, 0, &e)) == NULL) {
		fprintf(stderr, "bench-register: %s:%lu:%lu: %s\n", e.file,
		    e.line, e.col, e.msg);
		return 1;
	}
	if (argc > 3) {
		db = xstrdup(argv[3]);
		keep = 1;
	} else {
		if ((fd = mkstemp(tmp)) == -1)
			return 1;
		close(fd);
		unlink(tmp);
		db = xasprintf("%s.db", tmp);
	}
	setenv("PARAPET_USER", "bench", 1);
	setenv("PARAPET_NOW", BENCH_TODAY "T00:00:00Z", 1);
	/* A register on a server is reused when it holds systems already. */
	if (keep && store_names_server(db) &&
	    (st = store_open(db, STORE_READONLY, &e)) != NULL &&
	    store_exists(st, "sys-00000", &e) != 1) {
		store_close(st);
		st = NULL;
	}
	if (st != NULL)
		printf("reusing %s\n", db);
	else if (stat(db, &sb) == 0 && keep) {
		printf("reusing %s\n", db);
		if ((st = store_open(db, STORE_READONLY, &e)) == NULL)
			goto fail;
	} else {
		if ((st = store_open(db, STORE_CREATE, &e)) == NULL)
			goto fail;
		if (bench_build(st, cat, nsys, ncomp) == -1) {
			store_close(st);
			goto out;
		}
		/* Time the queries as a reader of a checkpointed file. */
		store_close(st);
		if ((st = store_open(db, STORE_READONLY, &e)) == NULL)
			goto fail;
	}
	if (stat(db, &sb) == 0)
		printf("database %s: %.1f MiB\n", db,
		    (double)sb.st_size / 1048576.0);

	qs = xcalloc(cat->nquestions + 1, sizeof *qs);
	for (i = 0; i < cat->nquestions; i++)
		qs[i] = cat->questions[i]->id;
	memset(&f, 0, sizeof f);
	f.status = -1;
	f.today = BENCH_TODAY;
	f.review_days = 365;
	f.questions = qs;
	f.nquestions = cat->nquestions;
	fo = f;
	fo.owner = "Owner 7";
	ft = f;
	ft.team = "team-3";
	printf("on %s, %d runs each (ms; target %.0f ms):\n", BENCH_TODAY,
	    runs, BENCH_TARGET_MS);
	printf("  %-40s %7s %8s %8s %8s\n", "query", "rows", "best",
	    "median", "cpu");
	over += bench_time("register: open by severity per system",
	    bench_systems, st, &f, runs);
	over += bench_time("register --owner (one of 40)", bench_systems, st,
	    &fo, runs);
	over += bench_time("register --team (one of 12)", bench_systems, st,
	    &ft, runs);
	over += bench_time("register --overdue (across all systems)",
	    bench_overdue, st, &f, runs);
	over += bench_time("register --review (across all systems)",
	    bench_review, st, &f, runs);
	over += bench_time("list: every system with its counts", bench_list,
	    st, &f, runs);
	if ((bad = bench_list_check(st)) != 0) {
		if (bad > 0)
			fprintf(stderr, "bench-register: the list counts %ld "
			    "systems unlike store_summarize()\n", bad);
		over = -1;
	} else
		printf("list: every system counted as alone\n");
	free(qs);
	store_close(st);
	goto out;

fail:
	fprintf(stderr, "bench-register: %s\n", e.msg);
	over = -1;
out:
	if (!keep)
		store_remove_files(db);
	free(db);
	catalogue_free(cat);
	return over < 0 ? 1 : 0;
}

/*
 * bench-load.c: how long loading a whole stored model takes (issue 15):
 * what the TUI does to open a model and a re-import to diff against.
 *
 * usage: bench-load DB [MODEL]
 * Opens DB read-only and loads MODEL (or the only model) RUNS times
 * ($BENCH_RUNS, default 5) with store_load(), freeing it after each;
 * prints the objects loaded, then the best and median wall times and the
 * median CPU time (what to compare on a busy machine), and the CPU time
 * of model_free() alone. Then its register, once each way: whole with
 * store_load_risks() and sorted (what the screens read but for the risks
 * screen), and a slice at a time with store_risk_slice_next() as the risks
 * screen reads it (slices of $BENCH_SLICE, default 500, the first of
 * 500): the first slice, the median and slowest of the others, and all.
 * Like parapet, it runs without glibc's fast bins.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "model/model.h"
#include "model/risk.h"
#include "store/store-page.h"
#include "store/store.h"
#include "util/error.h"

static double
bench_clock(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The register read whole, then a slice at a time; 0 or -1. */
static int
bench_register(struct store *s, const char *id, size_t slice)
{
	struct risk_register	 reg;
	struct store_risk_slice	 sl;
	struct error		 err;
	double			*v = NULL, c, first, all, whole;
	size_t			 n = 0, cap = 0;
	long			 got;

	error_clear(&err);
	risk_register_init(&reg);
	c = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
	if (store_load_risks(s, id, &reg, &err) == -1)
		goto fail;
	risk_register_sort(&reg);
	whole = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
	printf("register of %zu risks, whole and sorted: CPU %.0f ms\n",
	    reg.n, whole * 1e3);
	risk_register_release(&reg);
	risk_register_init(&reg);
	store_risk_slice_init(&sl);
	all = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
	c = all;
	if (store_risk_slice_next(s, id, &sl, 500, &reg, &err) == -1)
		goto fail;
	first = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
	for (;;) {
		c = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
		if ((got = store_risk_slice_next(s, id, &sl, slice, &reg,
		    &err)) == -1)
			goto fail;
		if (got == 0)
			break;
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((v = realloc(v, cap * sizeof *v)) == NULL)
				return -1;
		}
		v[n++] = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
	}
	all = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - all;
	if (n > 0)
		qsort(v, n, sizeof *v, bench_cmp);
	printf("in slices of %zu: first (500) %.1f ms, then %zu slices, "
	    "median %.1f ms, slowest %.1f ms; all %.0f ms (CPU)\n", slice,
	    first * 1e3, n, n > 0 ? v[n / 2] * 1e3 : 0.0,
	    n > 0 ? v[n - 1] * 1e3 : 0.0, all * 1e3);
	store_risk_slice_release(&sl);
	risk_register_release(&reg);
	free(v);
	return 0;
fail:
	fprintf(stderr, "bench-load: %s\n", err.msg);
	free(v);
	return -1;
}

int
main(int argc, char **argv)
{
	struct store	*s;
	struct model	*m;
	struct error	 err;
	double		*wall, *cpu, *fcpu, w, c;
	const char	*env;
	char		*id = NULL;
	size_t		 slice = 500;
	int		 runs = 5, i, rc;

#if defined(__GLIBC__) && defined(M_MXFAST)
	mallopt(M_MXFAST, 0);	/* as parapet's main() */
#endif
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-load DB [MODEL]\n");
		return 2;
	}
	if ((env = getenv("BENCH_RUNS")) != NULL && atoi(env) > 0)
		runs = atoi(env);
	if ((env = getenv("BENCH_SLICE")) != NULL && atoi(env) > 0)
		slice = (size_t)atoi(env);
	error_clear(&err);
	if ((s = store_open(argv[1], STORE_READONLY, &err)) == NULL) {
		fprintf(stderr, "bench-load: %s\n", err.msg);
		return 1;
	}
	wall = calloc((size_t)runs, sizeof *wall);
	cpu = calloc((size_t)runs, sizeof *cpu);
	fcpu = calloc((size_t)runs, sizeof *fcpu);
	if (wall == NULL || cpu == NULL || fcpu == NULL)
		return 1;
	for (i = 0; i < runs; i++) {
		w = bench_clock(CLOCK_MONOTONIC);
		c = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
		if ((m = store_load(s, argc > 2 ? argv[2] : NULL,
		    &err)) == NULL) {
			fprintf(stderr, "bench-load: %s\n", err.msg);
			store_close(s);
			return 1;
		}
		wall[i] = bench_clock(CLOCK_MONOTONIC) - w;
		cpu[i] = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
		if (i == 0) {
			printf("model %s: %zu boundaries, %zu components, "
			    "%zu flows\n", m->system.id, m->nboundaries,
			    m->ncomponents, m->nflows);
			id = strdup(m->system.id);
		}
		c = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
		model_free(m);
		fcpu[i] = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
	}
	qsort(wall, (size_t)runs, sizeof *wall, bench_cmp);
	qsort(cpu, (size_t)runs, sizeof *cpu, bench_cmp);
	qsort(fcpu, (size_t)runs, sizeof *fcpu, bench_cmp);
	printf("store_load, %d runs: wall best %.0f ms, median %.0f ms; "
	    "CPU median %.0f ms; model_free CPU median %.0f ms\n", runs,
	    wall[0] * 1e3, wall[runs / 2] * 1e3, cpu[runs / 2] * 1e3,
	    fcpu[runs / 2] * 1e3);
	rc = id != NULL ? bench_register(s, id, slice) : -1;
	store_close(s);
	free(id);
	free(wall);
	free(cpu);
	free(fcpu);
	return rc == 0 ? 0 : 1;
}

/*
 * bench-load.c: how long loading a whole stored model takes (issue 15):
 * what the TUI does to open a model and a re-import to diff against.
 *
 * usage: bench-load DB [MODEL]
 * Opens DB read-only and loads MODEL (or the only model) RUNS times
 * ($BENCH_RUNS, default 5) with store_load(), freeing it after each;
 * prints the objects loaded, then the best and median wall times and the
 * median CPU time (what to compare on a busy machine), and the CPU time
 * of model_free() alone. Like parapet, it runs without glibc's fast bins.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "model/model.h"
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

int
main(int argc, char **argv)
{
	struct store	*s;
	struct model	*m;
	struct error	 err;
	double		*wall, *cpu, *fcpu, w, c;
	const char	*env;
	int		 runs = 5, i;

#if defined(__GLIBC__) && defined(M_MXFAST)
	mallopt(M_MXFAST, 0);	/* as parapet's main() */
#endif
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-load DB [MODEL]\n");
		return 2;
	}
	if ((env = getenv("BENCH_RUNS")) != NULL && atoi(env) > 0)
		runs = atoi(env);
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
		if (i == 0)
			printf("model %s: %zu boundaries, %zu components, "
			    "%zu flows\n", m->system.id, m->nboundaries,
			    m->ncomponents, m->nflows);
		c = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
		model_free(m);
		fcpu[i] = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - c;
	}
	store_close(s);
	qsort(wall, (size_t)runs, sizeof *wall, bench_cmp);
	qsort(cpu, (size_t)runs, sizeof *cpu, bench_cmp);
	qsort(fcpu, (size_t)runs, sizeof *fcpu, bench_cmp);
	printf("store_load, %d runs: wall best %.0f ms, median %.0f ms; "
	    "CPU median %.0f ms; model_free CPU median %.0f ms\n", runs,
	    wall[0] * 1e3, wall[runs / 2] * 1e3, cpu[runs / 2] * 1e3,
	    fcpu[runs / 2] * 1e3);
	free(wall);
	free(cpu);
	free(fcpu);
	return 0;
}

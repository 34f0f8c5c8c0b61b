/*
 * bench-analyze.c: how long the work on a model takes, by size.
 *
 * usage: bench-analyze [N...]   (default: 1000 100000)
 * For each N, builds a synthetic model of N components and 3N flows and
 * prints the wall time of: writing it as YAML, reading that YAML back,
 * analysing it against the standard catalogue, saving it to a new SQLite
 * database, and merging its risks into the database; plus the peak
 * resident memory so far. Run from the build tree (it finds data/ there)
 * or with PARAPET_DATA set.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench/synth.h"
#include "catalogue/catalogue.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/xmalloc.h"
#include "yaml/model-yaml.h"

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
bench_maxrss_mib(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static int
bench_one(const struct catalogue *cat, size_t n)
{
	struct risk_register	 reg;
	struct model		*m, *back;
	struct store		*st;
	struct error		 e;
	struct buf		 b;
	double			 t0, t;
	char			 path[] = "/tmp/parapet-bench-XXXXXX";
	char			*db;
	int			 fd;

	if ((m = synth_model(n, 42)) == NULL)
		return -1;
	printf("components %zu, flows %zu, boundaries %zu\n", m->ncomponents,
	    m->nflows, m->nboundaries);

	buf_init(&b);
	t0 = bench_now();
	model_write_yaml(m, &b);
	t = bench_now() - t0;
	printf("  yaml write    %9.3f s  (%zu bytes)\n", t, b.len);

	if (b.len > MODEL_YAML_MAX_BYTES) {
		printf("  yaml read     not measured: %zu bytes is over the "
		    "import limit of %lu\n", b.len, MODEL_YAML_MAX_BYTES);
	} else {
		t0 = bench_now();
		back = model_read_yaml(b.s, b.len, "synthetic.yaml", &e);
		t = bench_now() - t0;
		if (back == NULL) {
			fprintf(stderr, "bench: %s:%lu:%lu: %s\n", e.file,
			    e.line, e.col, e.msg);
			return -1;
		}
		printf("  yaml read     %9.3f s\n", t);
		model_free(back);
	}
	buf_release(&b);

	risk_register_init(&reg);
	t0 = bench_now();
	if (analyze(cat, m, &reg, &e) == -1) {
		fprintf(stderr, "bench: analyze: %s\n", e.msg);
		return -1;
	}
	t = bench_now() - t0;
	printf("  analyze       %9.3f s  (%zu risks, %.2f us per object)\n",
	    t, reg.n, t * 1e6 / (double)(m->ncomponents + m->nflows));

	if ((fd = mkstemp(path)) == -1)
		return -1;
	close(fd);
	unlink(path);
	db = xasprintf("%s.db", path);
	if ((st = store_open(db, STORE_CREATE, &e)) == NULL) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return -1;
	}
	t0 = bench_now();
	if (store_save(st, m, -1, NULL, &e) == -1) {
		fprintf(stderr, "bench: save: %s\n", e.msg);
		return -1;
	}
	printf("  store save    %9.3f s\n", bench_now() - t0);
	t0 = bench_now();
	if (store_sync_risks(st, m->system.id, &reg, &e) == -1) {
		fprintf(stderr, "bench: sync: %s\n", e.msg);
		return -1;
	}
	printf("  store risks   %9.3f s\n", bench_now() - t0);
	t0 = bench_now();
	if (store_sync_risks(st, m->system.id, &reg, &e) == -1) {
		fprintf(stderr, "bench: sync: %s\n", e.msg);
		return -1;
	}
	printf("  re-sync risks %9.3f s  (nothing changed)\n",
	    bench_now() - t0);
	store_close(st);
	printf("  peak RSS      %9ld MiB\n", bench_maxrss_mib());
	unlink(db);
	free(db);
	risk_register_release(&reg);
	model_free(m);
	return 0;
}

int
main(int argc, char **argv)
{
	static const char	*defaults[] = { "1000", "100000" };
	struct catalogue	*cat;
	struct error		 e;
	const char		*size;
	int			 i, nsizes = 2;
	char			*end;

	if (argc > 1)
		nsizes = argc - 1;
	if ((cat = catalogue_load_standard(NULL, 0, &e)) == NULL) {
		fprintf(stderr, "bench: %s:%lu:%lu: %s\n", e.file, e.line,
		    e.col, e.msg);
		return 1;
	}
	printf("catalogue %s: %zu threats\n", cat->version != NULL ?
	    cat->version : "?", cat->nthreats);
	for (i = 0; i < nsizes; i++) {
		unsigned long	n;

		size = argc > 1 ? argv[i + 1] : defaults[i];
		n = strtoul(size, &end, 10);

		if (*end != '\0' || n == 0) {
			fprintf(stderr, "usage: bench-analyze [N...]\n");
			return 2;
		}
		if (bench_one(cat, n) == -1)
			return 1;
	}
	catalogue_free(cat);
	return 0;
}

/*
 * bench-pg.c: many people at once on one register (issue 14).
 *
 * usage: bench-pg DB [CLIENTS [SECONDS [SYSTEMS]]]   (default: 16 10 4)
 * DB is a PostgreSQL URI or conninfo of an empty database (or a SQLite
 * file that does not exist yet, for comparison). Builds SYSTEMS synthetic
 * systems of 12 components, analysed and stored; then CLIENTS processes,
 * each with its own connection, work for SECONDS: in turn they decide a
 * risk (give it an owner named after the client and the change) and edit
 * a model (rename a component the same way, saved on the revision they
 * read: a save on a stale one is refused, as in the screens, and the
 * client reads the model again). Prints the throughput of acknowledged
 * changes and the latency percentiles of each kind, with how many were
 * refused as stale or busy. Then checks the history: every acknowledged
 * change is there exactly once, in a revision of its model of its own,
 * and nothing that was not acknowledged.
 * Exit 1 when that check fails. Run from the build tree (it finds data/
 * there) or with PARAPET_DATA.
 */
#include "config.h"

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/synth.h"
#include "catalogue/catalogue.h"
#include "model/history.h"
#include "model/model.h"
#include "model/risk.h"
#include "rules/analyze.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strmap.h"
#include "util/xmalloc.h"

#define BENCH_COMPONENTS	12

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
bench_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The systems, analysed and stored, as one organisation's register. */
static int
bench_build(const char *db, const struct catalogue *cat, size_t nsys)
{
	struct risk_register	 reg;
	struct store		*st;
	struct model		*m;
	struct error		 e;
	size_t			 i;

	if ((st = store_open(db, STORE_CREATE, &e)) == NULL)
		goto fail;
	for (i = 0; i < nsys; i++) {
		if ((m = synth_model(BENCH_COMPONENTS, (unsigned)i + 1)) == NULL)
			return -1;
		free(m->system.id);
		free(m->system.name);
		m->system.id = xasprintf("sys-%02zu", i);
		m->system.name = xasprintf("Synthetic system %zu", i);
		m->indexed = 0;
		risk_register_init(&reg);
		if (model_index(m, NULL, &e) == -1 ||
		    analyze(cat, m, &reg, &e) == -1 ||
		    store_transaction(st, &e) == -1)
			goto fail;
		if (store_save(st, m, 0, NULL, &e) == -1 ||
		    store_insert_risks(st, m->system.id, &reg, &e) == -1 ||
		    store_transaction_commit(st, &e) == -1)
			goto fail;
		risk_register_release(&reg);
		model_free(m);
	}
	store_close(st);
	return 0;

fail:
	fprintf(stderr, "bench-pg: %s\n", e.msg);
	return -1;
}

/* What a client did: its acknowledged changes and the latencies. */
struct bench_client {
	FILE	*ack;		/* "VALUE\n" per acknowledged change */
	FILE	*lat;		/* "KIND SECONDS OUTCOME\n" per attempt */
};

/* One client's work until the deadline; its own connection. */
static int
bench_client(const char *db, int id, double until, const char *dir,
    size_t nsys)
{
	struct risk_register	 reg;
	struct store		*st;
	struct model		*m = NULL;
	struct error		 e;
	struct bench_client	 c;
	const struct risk	*k;
	char			*path, *value, *sys;
	unsigned		 seed = (unsigned)id * 7919u + 1;
	long			 n = 0;
	double			 t0;
	int			 rc, outcome;

	path = xasprintf("%s/ack.%d", dir, id);
	c.ack = fopen(path, "w");
	free(path);
	path = xasprintf("%s/lat.%d", dir, id);
	c.lat = fopen(path, "w");
	free(path);
	if (c.ack == NULL || c.lat == NULL)
		return 1;
	if ((st = store_open(db, 0, &e)) == NULL) {
		fprintf(stderr, "bench-pg: client %d: %s\n", id, e.msg);
		return 1;
	}
	sys = xasprintf("sys-%02zu", (size_t)id % nsys);
	risk_register_init(&reg);
	if (store_load_risks(st, sys, &reg, &e) == -1 || reg.n == 0) {
		fprintf(stderr, "bench-pg: client %d: no risks\n", id);
		return 1;
	}
	while (bench_now() < until) {
		value = xasprintf("c%02d-%06ld", id, ++n);
		t0 = bench_now();
		if (n % 2 == 1) {
			/* A decision: the risk's owner. */
			seed = seed * 1103515245u + 12345u;
			k = reg.risks[(seed >> 8) % reg.n];
			rc = store_set_risk(st, sys, k->threat, k->target,
			    RISK_OPEN, value, NULL, &e);
		} else {
			/* An edit, on the revision this client read. */
			if (m == NULL && (m = store_load(st, sys, &e)) == NULL)
				return 1;
			free(m->components[0]->name);
			m->components[0]->name = xstrdup(value);
			rc = store_save(st, m, m->revision, NULL, &e);
			if (rc == -1) {
				model_free(m);	/* read it again */
				m = NULL;
			}
		}
		outcome = rc == 0 ? 'A' : strstr(e.msg, "someone else") !=
		    NULL ? 'S' : strstr(e.msg, "busy") != NULL ? 'B' : 'E';
		fprintf(c.lat, "%c %.6f %c\n", n % 2 == 1 ? 'd' : 'e',
		    bench_now() - t0, outcome);
		if (rc == 0)
			fprintf(c.ack, "%s\n", value);
		else if (outcome == 'E')
			fprintf(stderr, "bench-pg: client %d: %s\n", id, e.msg);
		free(value);
	}
	model_free(m);
	risk_register_release(&reg);
	free(sys);
	store_close(st);
	return fclose(c.ack) != 0 || fclose(c.lat) != 0;
}

/* Latency percentiles of one kind, in milliseconds. */
static void
bench_report(const char *what, double *v, size_t n, double secs)
{
	if (n == 0) {
		printf("  %-10s none\n", what);
		return;
	}
	qsort(v, n, sizeof *v, bench_cmp);
	printf("  %-10s %7zu  %8.1f/s  p50 %7.1f  p90 %7.1f  p99 %7.1f  "
	    "max %7.1f ms\n", what, n, (double)n / secs, v[n / 2] * 1e3,
	    v[n * 9 / 10] * 1e3, v[n * 99 / 100] * 1e3, v[n - 1] * 1e3);
}

int
main(int argc, char **argv)
{
	struct catalogue	*cat;
	struct strmap		 acked, seen, revs;
	struct change		*hist;
	struct store		*st;
	struct error		 e;
	double			*lat[2], secs = 10, t;
	size_t			 nlat[2] = { 0, 0 }, maxlat[2] = { 0, 0 };
	size_t			 nack = 0, nhist, i, j, nsys = 4, bad = 0;
	size_t			 stale = 0, busy = 0, other = 0, nseen = 0;
	char			 dir[] = "/tmp/parapet-bench-pg-XXXXXX";
	char			 line[128], *path, *key, kind, out;
	const char		*db;
	FILE			*fp;
	pid_t			*pids;
	int			 clients = 16, status, failed = 0;

	if (argc < 2 || argc > 5) {
		fprintf(stderr, "usage: bench-pg DB [CLIENTS [SECONDS "
		    "[SYSTEMS]]]\n");
		return 2;
	}
	db = argv[1];
	if (argc > 2)
		clients = atoi(argv[2]);
	if (argc > 3)
		secs = atof(argv[3]);
	if (argc > 4)
		nsys = strtoul(argv[4], NULL, 10);
	if (clients < 1 || secs <= 0 || nsys < 1) {
		fprintf(stderr, "usage: bench-pg DB [CLIENTS [SECONDS "
		    "[SYSTEMS]]]\n");
		return 2;
	}
	if ((cat = catalogue_load_standard(NULL, 0, &e)) == NULL) {
		fprintf(stderr, "bench-pg: %s\n", e.msg);
		return 1;
	}
	setenv("PARAPET_USER", "bench", 1);
	if (mkdtemp(dir) == NULL || bench_build(db, cat, nsys) == -1)
		return 1;
	printf("%d clients, %.0f s, %zu systems of %d components\n", clients,
	    secs, nsys, BENCH_COMPONENTS);
	fflush(stdout);

	pids = xcalloc((size_t)clients, sizeof *pids);
	t = bench_now() + secs;
	for (i = 0; i < (size_t)clients; i++) {
		if ((pids[i] = fork()) == 0)
			_exit(bench_client(db, (int)i, t, dir, nsys));
		if (pids[i] == -1)
			return 1;
	}
	for (i = 0; i < (size_t)clients; i++)
		if (waitpid(pids[i], &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			failed++;
	free(pids);

	/* What the clients say they did. */
	strmap_init(&acked);
	lat[0] = lat[1] = NULL;
	for (i = 0; i < (size_t)clients; i++) {
		path = xasprintf("%s/ack.%zu", dir, i);
		if ((fp = fopen(path, "r")) != NULL) {
			while (fgets(line, sizeof line, fp) != NULL) {
				line[strcspn(line, "\n")] = '\0';
				key = xstrdup(line);
				strmap_put(&acked, key, key);
				nack++;
			}
			fclose(fp);
		}
		unlink(path);
		free(path);
		path = xasprintf("%s/lat.%zu", dir, i);
		if ((fp = fopen(path, "r")) != NULL) {
			while (fscanf(fp, " %c %lf %c", &kind, &t, &out) == 3) {
				if (out == 'S')
					stale++;
				else if (out == 'B')
					busy++;
				else if (out == 'E')
					other++;
				if (out != 'A')
					continue;
				j = kind == 'd' ? 0 : 1;
				if (nlat[j] == maxlat[j]) {
					maxlat[j] = maxlat[j] ? maxlat[j] * 2 :
					    1024;
					lat[j] = xreallocarray(lat[j],
					    maxlat[j], sizeof *lat[j]);
				}
				lat[j][nlat[j]++] = t;
			}
			fclose(fp);
		}
		unlink(path);
		free(path);
	}
	rmdir(dir);
	printf("acknowledged %zu changes: %.1f/s; refused: %zu stale, "
	    "%zu busy, %zu other\n", nack, (double)nack / secs, stale, busy,
	    other);
	bench_report("decisions", lat[0], nlat[0], secs);
	bench_report("edits", lat[1], nlat[1], secs);

	/* The history agrees: each acknowledged change once, nothing else. */
	strmap_init(&seen);
	strmap_init(&revs);
	if ((st = store_open(db, STORE_READONLY, &e)) == NULL) {
		fprintf(stderr, "bench-pg: %s\n", e.msg);
		return 1;
	}
	for (i = 0; i < nsys; i++) {
		path = xasprintf("sys-%02zu", i);
		if (store_history(st, path, NULL, &hist, &nhist, &e) == -1) {
			fprintf(stderr, "bench-pg: %s\n", e.msg);
			return 1;
		}
		for (j = 0; j < nhist; j++) {
			const char	*v = hist[j].new_value;

			if (v == NULL || v[0] != 'c' || strlen(v) != 10 ||
			    v[3] != '-')
				continue;
			if (strmap_get(&acked, v) == NULL) {
				printf("  not acknowledged but in history: "
				    "%s\n", v);
				bad++;
			} else if (strmap_get(&seen, v) != NULL) {
				printf("  twice in history: %s\n", v);
				bad++;
			} else {
				key = xstrdup(v);
				strmap_put(&seen, key, key);
				nseen++;
				/* Each change a revision of its own. */
				key = xasprintf("%s@%ld", path,
				    hist[j].revision);
				if (strmap_get(&revs, key) != NULL) {
					printf("  %s and %s share revision "
					    "%ld of %s\n", v, (char *)
					    strmap_get(&revs, key),
					    hist[j].revision, path);
					bad++;
					free(key);
				} else
					strmap_put(&revs, key, xstrdup(v));
			}
		}
		changes_free(hist, nhist);
		free(path);
	}
	store_close(st);
	/* Each value seen is acknowledged and seen once: all were seen
	 * when as many were seen as acknowledged. */
	if (nseen != nack) {
		printf("  %zu acknowledged changes are not in history\n",
		    nack - nseen);
		bad++;
	}
	printf("history: %s (%zu acknowledged, %zu found once)\n",
	    bad == 0 && failed == 0 ? "every acknowledged change once, "
	    "nothing else" : "MISMATCH", nack, nseen);
	free(lat[0]);
	free(lat[1]);
	catalogue_free(cat);
	return bad != 0 || failed != 0 || other != 0;
}

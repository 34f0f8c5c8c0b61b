/*
 * bench-model.c: write a synthetic model file for the command-line bench.
 *
 * usage: bench-model N [changed | hub]
 * Writes the YAML model of synth_model(N) (N components, 3N flows) to
 * standard output. With "changed", one field differs: the untrusted-input
 * answer of the middle component is flipped, as a person editing one
 * answer between two imports would. With "hub", another shape: N users on
 * the internet, each sending personal data unencrypted to one application
 * and one datastore inside (2N flows into two components), where one
 * finding names thousands of targets.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/synth.h"
#include "model/model.h"
#include "util/buf.h"
#include "yaml/model-yaml.h"

/* The hub model of N users (ids of our own making: no escaping). */
static int
bench_hub(unsigned long n)
{
	unsigned long	i;

	printf("parapet: 1\nsystem: { id: hub, name: Hub, criticality: "
	    "high }\nboundaries:\n"
	    "  - { id: internet, name: Internet, trust: untrusted }\n"
	    "  - { id: dc, name: Data centre, trust: internal }\n"
	    "components:\n"
	    "  - { id: app, name: App, kind: application, boundary: dc }\n"
	    "  - { id: store, name: Store, kind: datastore, boundary: dc }\n");
	for (i = 0; i < n; i++)
		printf("  - { id: u%lu, name: User %lu, kind: user, "
		    "boundary: internet }\n", i, i);
	printf("flows:\n");
	for (i = 0; i < n; i++)
		printf("  - { id: f%lu, from: u%lu, to: app, data: "
		    "[personal-data], encrypted: false }\n"
		    "  - { id: g%lu, from: u%lu, to: store, data: "
		    "[personal-data], encrypted: false }\n", i, i, i, i);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "bench-model: cannot write the model\n");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct component	*c;
	struct model		*m;
	struct buf		 b;
	unsigned long		 n;
	char			*end;

	if (argc < 2 || argc > 3 || (argc == 3 &&
	    strcmp(argv[2], "changed") != 0 && strcmp(argv[2], "hub") != 0)) {
		fprintf(stderr, "usage: bench-model N [changed | hub]\n");
		return 2;
	}
	n = strtoul(argv[1], &end, 10);
	if (*end != '\0' || n == 0) {
		fprintf(stderr, "usage: bench-model N [changed | hub]\n");
		return 2;
	}
	if (argc == 3 && strcmp(argv[2], "hub") == 0)
		return bench_hub(n);
	if ((m = synth_model(n, 42)) == NULL)
		return 1;
	if (argc == 3) {
		c = m->components[n / 2];
		c->untrusted_input = c->untrusted_input == TRI_YES ? TRI_NO :
		    TRI_YES;
	}
	buf_init(&b);
	model_write_yaml(m, &b);
	if (fwrite(b.s, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
		fprintf(stderr, "bench-model: cannot write the model\n");
		return 1;
	}
	buf_release(&b);
	model_free(m);
	return 0;
}

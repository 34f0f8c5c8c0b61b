/* synth.c: deterministic synthetic models for benchmarks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench/synth.h"
#include "model/model.h"
#include "util/error.h"
#include "util/xmalloc.h"

/* xorshift32: small, fast and the same everywhere. */
static unsigned
synth_rand(unsigned *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* A random tri: unknown, no or yes. */
static enum tri
synth_tri(unsigned *s)
{
	return (enum tri)(synth_rand(s) % 3);
}

struct model *
synth_model(size_t n, unsigned seed)
{
	struct model		*m = model_new();
	struct component	*c;
	struct boundary		*b;
	struct flow		*f;
	struct error		 e;
	size_t			 i, j, nb;
	unsigned		 s = seed != 0 ? seed : 1;
	char			 id[32];

	m->system.id = xstrdup("synthetic");
	m->system.name = xstrdup("Synthetic AI system");
	m->system.criticality = LEVEL_HIGH;
	nb = n / 50 + 4;
	for (i = 0; i < nb; i++) {
		snprintf(id, sizeof id, "b%zu", i);
		b = model_add_boundary(m, id);
		b->name = xasprintf("Boundary %zu", i);
		b->trust = (int)(i % 4);
	}
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "c%zu", i);
		c = model_add_component(m, id, (int)(i % KIND_COUNT));
		c->name = xasprintf("Component %zu", i);
		c->boundary = xasprintf("b%zu", synth_rand(&s) % nb);
		c->exposure = (int)(synth_rand(&s) % 4) - 1;
		c->provider = (int)(synth_rand(&s) % 4) - 1;
		c->untrusted_input = synth_tri(&s);
		c->personal_data = synth_tri(&s);
		c->confidential_data = synth_tri(&s);
		switch (c->kind) {
		case KIND_MODEL:
			c->model_type = (int)(synth_rand(&s) % 9);
			c->fine_tuned = synth_tri(&s);
			c->learns_from_feedback = synth_tri(&s);
			c->open_weights = synth_tri(&s);
			c->system_prompt = synth_tri(&s);
			c->weights_format = (int)(synth_rand(&s) % 7) - 1;
			break;
		case KIND_INFERENCE_SERVICE:
			c->authenticated = synth_tri(&s);
			c->rate_limited = synth_tri(&s);
			c->returns_scores = synth_tri(&s);
			break;
		case KIND_DATASET:
		case KIND_DATA_SOURCE:
		case KIND_VECTOR_STORE:
			c->origin = (int)(synth_rand(&s) % 6) - 1;
			if (c->kind == KIND_DATASET)
				c->integrity_verified = synth_tri(&s);
			break;
		case KIND_AGENT:
		case KIND_TOOL:
			c->can_act = synth_tri(&s);
			c->executes_code = synth_tri(&s);
			c->human_approval = synth_tri(&s);
			break;
		case KIND_MODEL_REGISTRY:
			c->integrity_verified = synth_tri(&s);
			break;
		case KIND_MONITORING:
			c->watches = synth_rand(&s) % 16;
			break;
		default:
			break;
		}
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < 3; j++) {
			snprintf(id, sizeof id, "f%zu.%zu", i, j);
			/* Never to itself: below 98 components the step
			 * wraps (above, the same models as before). */
			f = model_add_flow(m, id, m->components[i]->id,
			    m->components[(i + 1 + synth_rand(&s) % 97 %
			    (n > 1 ? n - 1 : 1)) % n]->id);
			f->data = synth_rand(&s) & ((1u << DATA_COUNT) - 1) &
			    synth_rand(&s);
			f->encrypted = synth_tri(&s);
			f->authenticated = synth_tri(&s);
		}
	}
	if (model_index(m, NULL, &e) == -1) {
		fprintf(stderr, "synth: %s\n", e.msg);
		model_free(m);
		return NULL;
	}
	return m;
}

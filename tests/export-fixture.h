/*
 * export-fixture.h: inputs for the export tests, built in code.
 *
 * The hostile fixture is a model whose every text field (set through the
 * field tables, so a new field is covered at once) holds markup of every
 * format the exports write, control characters and wide characters, with
 * a register of decisions and mitigations and a history, over a small
 * catalogue (tests/data/export/catalogue.yaml) whose text is hostile too.
 * Shared by tests/test-export.c and tests/export-render.c.
 */
#ifndef PARAPET_TESTS_EXPORT_FIXTURE_H
#define PARAPET_TESTS_EXPORT_FIXTURE_H

#include <stddef.h>

#include "export/export.h"
#include "model/risk.h"

struct catalogue;
struct change;
struct error;
struct model;

#define FIXTURE_NOW	"2026-11-25T12:00:00Z"

struct fixture {
	struct model		*model;
	struct risk_register	 reg;
	struct change		*hist;
	size_t			 nhist;
	struct catalogue	*cat;		/* owned */
	struct export_input	 in;		/* points at the above */
};

/* Hostile text tagged with tag, so that each field's text is distinct. */
char	*fixture_hostile_text(const char *tag);
/* The test catalogue of tests/data/export, or NULL with err set. */
struct catalogue *fixture_catalogue(struct error *);
/* Build the hostile fixture. 0 or -1. */
int	 fixture_hostile(struct fixture *, struct error *);
/*
 * A starter model from a YAML file with the risks that the analysis finds
 * under the standard catalogue, a few decisions and a history. 0 or -1.
 */
int	 fixture_template(struct fixture *, const char *path,
	     struct error *);
void	 fixture_release(struct fixture *);

#endif

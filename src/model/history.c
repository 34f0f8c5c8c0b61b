/*
 * history.c: entries of the change history of a model.
 */
#include "config.h"

#include <stdlib.h>

#include "model/history.h"

void
changes_free(struct change *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].who);
		free(v[i].system);
		free(v[i].object);
		free(v[i].field);
		free(v[i].old_value);
		free(v[i].new_value);
		free(v[i].source);
	}
	free(v);
}

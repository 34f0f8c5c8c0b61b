/*
 * start.h: the list of the start screen.
 *
 * The start screen lists the models of a database with their risk counts
 * by severity, and how many are open, mitigating, mitigated and accepted,
 * as the dashboard counts them. Each row carries what the caller wants
 * back when it is selected (data: the row's data).
 */
#ifndef PARAPET_VIEW_START_H
#define PARAPET_VIEW_START_H

#include <stddef.h>

#include "model/risk-counts.h"
#include "view/view.h"

/* One model of a database as the start screen shows it. */
struct start_row {
	const char		*id;		/* borrowed */
	const char		*name;		/* borrowed */
	struct risk_counts	 counts;
	const void		*data;		/* the line's data */
};

void		 start_lines(struct vlist *, const struct start_row *,
		     size_t, int width);
/*
 * What kind of system a template is, in a line: the first line of the
 * comment its file starts with, without "# " and a final full stop (the
 * caller's to free); NULL when it starts with no comment.
 */
char		*start_template_summary(const char *path);

#endif

/* start.c: the models of a database, as the start screen lists them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/risk-counts.h"
#include "util/text.h"
#include "util/xmalloc.h"
#include "view/keys.h"
#include "view/risks.h"
#include "view/start.h"

/*
 * Columns of the start screen's list besides id and name: the risks that
 * apply (RISKS, whatever their status, as `parapet list` counts them),
 * then the same risks by severity and by status, in words; only the open
 * risks among the statuses when all would cut the names, so that they
 * stay readable. Every status is there when there is room, so that they
 * add up to RISKS as the severities do. The total takes cw + 1 columns
 * (its label is a word of 5), the severities and the open risks cw each:
 * 5, or a space and the digits of the largest count (a million risks in
 * one model).
 */
#define START_FIXED_WIDE(cw)	(2 + 1 + 6 * (cw) + 1 + 11 + 10 + 9 + 5)
#define START_FIXED_NARROW(cw)	(2 + 1 + 6 * (cw) + 1)

/* The width of the count columns: 5, or more for a larger count. */
static int
start_count_width(const struct start_row *v, size_t n)
{
	size_t	i, most = 0;
	int	s, cw;

	for (i = 0; i < n; i++) {
		/* The total is the largest: the others are parts of it. */
		for (s = 0; s < LEVEL_COUNT; s++)
			if (v[i].counts.by_severity[s] > most)
				most = v[i].counts.by_severity[s];
		if (v[i].counts.by_status[RISK_OPEN] > most)
			most = v[i].counts.by_status[RISK_OPEN];
		if (v[i].counts.applying > most)
			most = v[i].counts.applying;
	}
	for (cw = 2; most >= 10; most /= 10)
		cw++;
	return cw > 5 ? cw : 5;
}

void
start_lines(struct vlist *l, const struct start_row *v, size_t n,
    int width)
{
	struct vline	*line;
	char		*empty;
	size_t		 i;
	int		 idw = 8, namew, s, w;
	int		 namemax = 4, wide, fixed;
	int		 cw = start_count_width(v, n);

	for (i = 0; i < n; i++) {
		if ((w = text_width(v[i].id)) > idw)
			idw = w;
		if (v[i].name != NULL &&
		    (w = text_width(v[i].name)) > namemax)
			namemax = w;
	}
	if (idw > 24)
		idw = 24;
	/* Every status when the names still have their room (or 30). */
	wide = width - START_FIXED_WIDE(cw) - idw >=
	    (namemax < 30 ? namemax : 30);
	fixed = wide ? START_FIXED_WIDE(cw) : START_FIXED_NARROW(cw);
	/* The id gives way before the name goes under 10 columns. */
	if (width - fixed - idw < 10)
		idw = width - fixed - 10 > 8 ? width - fixed - 10 :
		    8;
	namew = width - fixed - idw;
	if (namew < 10)
		namew = 10;
	vlist_clear(l);
	if (n == 0) {
		empty = xasprintf("No models in this database yet: press %s "
		    "to create a blank one, %s to start from a template.",
		    keys_key(ACT_NEW, KCTX_START),
		    keys_key(ACT_NEW_TEMPLATE, KCTX_START));
		vlines_wrap(&l->lines, VS_DIM, empty, width, 2);
		free(empty);
		vlist_fix(l);
		return;
	}
	line = vlines_add(&l->lines);
	vline_add(line, VS_HEADING, "  ");
	vline_cell(line, VS_HEADING, "ID", idw);
	vline_add(line, VS_HEADING, " ");
	vline_cell(line, VS_HEADING, "NAME", namew);
	vline_addf(line, VS_HEADING, "%*s", cw + 1, "RISKS");
	SEVERITY_FOREACH_DOWN(s)
		vline_addf(line, VS_HEADING, "%*s", cw,
		    vocab_label(&vocab_severity, s));
	/*
	 * Statuses as the dashboard words them, mitigating ones too; the
	 * total is the sum of either group, so it gives them its room.
	 */
	vline_addf(line, VS_HEADING, "%*s", cw,
	    vocab_label(&vocab_risk_status, RISK_OPEN));
	if (wide)
		vline_addf(line, VS_HEADING, "%11s%10s%9s%5s",
		    vocab_label(&vocab_risk_status, RISK_MITIGATING),
		    vocab_label(&vocab_risk_status, RISK_MITIGATED),
		    "ACCEPTED",
		    vocab_label(&vocab_risk_status, RISK_NOT_APPLICABLE));
	l->sticky = 1;
	for (i = 0; i < n; i++) {
		const struct risk_counts	*c = &v[i].counts;

		line = vlist_item(l, v[i].data);
		vline_add(line, VS_NORMAL, "  ");
		vline_cell(line, VS_NORMAL, v[i].id, idw);
		vline_add(line, VS_NORMAL, " ");
		vline_cell(line, VS_NORMAL, v[i].name, namew);
		vline_addf(line, VS_NORMAL, "%*zu", cw + 1, c->applying);
		SEVERITY_FOREACH_DOWN(s)
			vline_addf(line, c->by_severity[s] > 0 ?
			    rview_severity_style(s) : VS_DIM, "%*zu", cw,
			    c->by_severity[s]);
		vline_addf(line, c->by_status[RISK_OPEN] > 0 ? VS_WARN :
		    VS_DIM, "%*zu", cw, c->by_status[RISK_OPEN]);
		if (!wide)
			continue;
		vline_addf(line, VS_NORMAL, "%11zu",
		    c->by_status[RISK_MITIGATING]);
		vline_addf(line, VS_NORMAL, "%10zu",
		    c->by_status[RISK_MITIGATED]);
		vline_addf(line, VS_NORMAL, "%9zu",
		    c->by_status[RISK_ACCEPTED]);
		vline_addf(line, VS_NORMAL, "%5zu",
		    c->by_status[RISK_NOT_APPLICABLE]);
	}
	vlist_fix(l);
}

char *
start_template_summary(const char *path)
{
	FILE	*f;
	char	 line[256];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	if (fgets(line, sizeof line, f) == NULL || strncmp(line, "# ", 2)) {
		fclose(f);
		return NULL;
	}
	fclose(f);
	n = strcspn(line, "\r\n");
	while (n > 2 && (line[n - 1] == '.' || line[n - 1] == ' '))
		n--;
	if (n <= 2)
		return NULL;
	return xstrndup(line + 2, n - 2);
}

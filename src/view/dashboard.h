/*
 * dashboard.h: the dashboard screen's page (tui/screen-dashboard.c).
 *
 * Its reports, in order: the risks that apply by severity x status (and
 * how many rest on assumptions), the open questions, the overdue
 * mitigations and the accepted risks (data: the struct risk), and the
 * coverage of the guideline subsections (risks citing each, and how many
 * are mitigated). Every line is selectable, so that the page scrolls.
 */
#ifndef PARAPET_VIEW_DASHBOARD_H
#define PARAPET_VIEW_DASHBOARD_H

#include "view/view.h"

struct catalogue;
struct model;
struct risk_questions;
struct risk_register;

/*
 * With a model (indexed, or NULL), the open questions follow the counts:
 * the practice questions not answered, and the unanswered fields that
 * threats would rest on, each with the worst severity at stake.
 */
void		 dash_lines(struct vlist *, const struct risk_register *,
		     const struct catalogue *, const struct model *,
		     const struct risk_questions *, const char *today,
		     int width);

#endif

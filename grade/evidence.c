/*
 * evidence.c - what the checks of every assignment share beyond
 * check/evidence.h: the run's problems and marks, and saying that a part
 * of the run a check looks at never happened.
 */
#include <stdio.h>
#include <string.h>

#include "assignment.h"

const struct grade_run *grade_run_of(const struct check_ctx *c)
{
	return c->facts ? c->facts->extra : NULL;
}

const char *run_trouble(const struct check_ctx *c)
{
	const struct grade_run *g = grade_run_of(c);

	return g && g->nproblems ? g->problems[0] : NULL;
}

static void fail_not_checked(const struct check_ctx *c, struct check_result *r)
{
	const char *trouble = run_trouble(c);

	check_fail(r, "not checked: %s", trouble ? trouble : "the run stopped before this part");
}

bool fail_if_not_run(const struct check_ctx *c, struct check_result *r, const char *role)
{
	if (check_pid(c, role) >= 0)
		return false;
	fail_not_checked(c, r);
	return true;
}

bool fail_if_not_reached(const struct check_ctx *c, struct check_result *r, int mark)
{
	const struct grade_run *g = grade_run_of(c);

	if (g && g->marks[mark] >= 0)
		return false;
	fail_not_checked(c, r);
	return true;
}

/*
 * grade_export.h - a batch's results in the forms other graders read:
 * Gradescope's results.json (one submission, points from a rubric) and
 * JUnit XML (GitHub Classroom, GitLab CI), from the result.json objects
 * of the batch (grade_result_json()).
 */
#ifndef SOCKLAB_GRADE_EXPORT_H
#define SOCKLAB_GRADE_EXPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "grade/grade.h"

/* Points per check, in the order of the assignment's checks. */
struct rubric {
	double points[GRADE_MAX_CHECKS];
};

/*
 * Reads a rubric: one "CHECK POINTS" line per check ("echo 4"), # starts
 * a comment. A check it does not name is worth 1 point; path NULL: every
 * check 1. Returns 0, or -1 with a sentence in err (an unknown check, a
 * number that is not one).
 */
int rubric_load(const char *path, const struct assignment *a, struct rubric *r, char *err,
		size_t errlen);

/* Gradescope's results.json for one submission's result: "score",
 * "output" (problems, notes, isolation), "tests" (one per check: "name",
 * "score", "max_score", "status" passed/failed, "output", "visibility"). */
json_t *gradescope_results(const struct assignment *a, json_t *res, const struct rubric *r);

/* JUnit XML for every result of results (a JSON array) into path: a
 * testsuite per submission, a testcase per check; a FAIL is a <failure>,
 * a NOT CHECKED a <skipped>. Returns 0, or -1 (errno). */
int junit_write(const char *path, const struct assignment *a, json_t *results);

/* Before anything is made or run: whether a sandbox can be made here, or
 * lim->unisolated lets socklab grade without. Says which on stderr, once.
 * Returns 0, or -1 when socklab may not grade (said, with what to do). */
int grade_check_isolation(const struct sandbox_limits *lim);

/* The line at the head of report.txt: "isolation: sandbox", or
 * "isolation: container (--unisolated); not isolated: ...". */
void grade_print_isolation(FILE *out, json_t *res);

#endif

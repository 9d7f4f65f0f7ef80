/*
 * report.h - printing check results for a student: PASS or FAIL, the
 * sentence, the evidence, and where to learn more. Shared by `socklab run`
 * (checkpoints) and `socklab grade` (rubric checks).
 */
#ifndef SOCKLAB_REPORT_H
#define SOCKLAB_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check.h"
#include "lab/lab.h"

/* One check: "  PASS  name  title" then its sentence, evidence and hint;
 * a check that was not checked says unchecked ("SKIP", "NOT CHECKED"). */
void report_result(FILE *out, const struct check *k, const struct check_result *r,
		   const char *unchecked);

/* A copy of a result (socklab grade's JSON) to print from: every string
 * in it as text_show makes it (base/text.h), a build's "output" with its
 * lines and tabs, any other string one line. So nothing a submission
 * printed or named reaches a terminal or a report raw, whichever field it
 * came in (result.json keeps the bytes). NULL when memory runs out. */
json_t *report_json_shown(json_t *result);

/* Is given each checkpoint note's JSON line as well (a live viewer's
 * feed: viewer_feed_line). */
typedef void (*report_note_fn)(void *arg, const char *line, size_t len);

/*
 * Opens the session in dir, runs the lab's checkpoints for the run (naive
 * or fix), prints them to out, and appends each result to the session as a
 * "checkpoint" note (and hands it to on_note, when not NULL). Returns how
 * many failed, or -1 if the session cannot be read (said on stderr).
 */
int report_checkpoints(FILE *out, const char *dir, const struct lab *lab, bool fix,
		       const struct run_facts *facts, report_note_fn on_note, void *on_note_arg);

/* Appends results[i] of checks[i] (n of them) to the session in dir as
 * "checkpoint" notes at time t, for the viewer and later readers: `name`,
 * `pass`, `text`, and `"checked": false` for one not checked. */
void report_append_results(const char *dir, int64_t t, const struct check *checks,
			   const struct check_result *results, int n);

#endif

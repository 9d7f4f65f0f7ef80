/*
 * grade_cli.h - the parts of `socklab grade` (cli/cmd_grade.c): its
 * arguments, what a batch gathers, and the files that print a batch from
 * the result.json objects: grade_report.c (a submission's report),
 * grade_table.c (the table on stderr, grades.csv).
 */
#ifndef SOCKLAB_GRADE_CLI_H
#define SOCKLAB_GRADE_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "grade/grade.h"
#include "grade_export.h"

struct grade_args {
	const struct assignment *a;
	char **paths;
	int npaths;
	bool json;
	int jobs;
	const char *args, *prog, *out;
	int port;
	const char *gradescope, *rubric, *junit; /* files to write, and to read */
	bool unisolated;			 /* --unisolated */
	struct rubric points;
};

/* What the batch gathers, for the summary and the exit status. */
struct grade_batch {
	const struct grade_args *ga;
	char out[4096];
	json_t *results; /* one per submission, in order */
	bool env_error;	 /* socklab itself could not grade one */
};

/* A result's member key as a string ("" when it is not one), as an
 * integer (0). */
const char *grade_jstr(json_t *o, const char *key);
long long grade_jint(json_t *o, const char *key);

/* A submission's report: its build, then each check (report.h). file:
 * for report.txt, with the isolation at its head. */
void grade_print_report(FILE *out, const struct assignment *a, json_t *res, bool file);

/* OUT/grades.csv: a row per submission. Returns 0, or -1 (errno). */
int grade_write_csv(const struct grade_batch *gb, const char *path);
/* The table on stderr: a row per submission, a column per check, and
 * where the results are. */
void grade_print_summary(const struct grade_batch *gb, const char *csv);

#endif

/*
 * grade_report.c - a submission's report, from its result.json object:
 * the build (its command, its error, what it printed), then each check as
 * report.h prints it. What a submission wrote comes escaped
 * (report_json_shown()); report.txt has the isolation at its head.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "grade_cli.h"
#include "grade_export.h"
#include "report.h"

const char *grade_jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

long long grade_jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* Prints text indented, at most max lines. */
static void print_indented(FILE *out, const char *text, const char *indent, int max)
{
	int lines = 0;

	while (*text && lines < max) {
		size_t len = strcspn(text, "\n");
		fprintf(out, "%s%.*s\n", indent, (int)len, text);
		text += len + (text[len] == '\n');
		lines++;
	}
	if (*text)
		fprintf(out, "%s(more in build.log)\n", indent);
}

static void print_build(FILE *out, json_t *res)
{
	json_t *build = json_object_get(res, "build");
	const char *command = grade_jstr(build, "command"), *output = grade_jstr(build, "output");
	bool ok = json_is_true(json_object_get(build, "ok"));

	if (ok && command[0])
		fprintf(out, "  program: %s, built with: %s\n", grade_jstr(res, "program"),
			command);
	else if (ok)
		fprintf(out, "  program: %s (graded as handed in)\n", grade_jstr(res, "program"));
	else if (command[0])
		fprintf(out, "  the build failed: %s\n", command);
	if (!ok && *grade_jstr(build, "error"))
		fprintf(out, "  not built: %s\n", grade_jstr(build, "error"));
	if (*output && command[0])
		fprintf(out, "  %s\n", ok ? "the build printed:" : "the compiler said:");
	/* What is said above already is not said again. */
	if (strncmp(output, grade_jstr(build, "error"), strlen(output) - (output[0] != '\0')) != 0)
		print_indented(out, output, "    | ", ok ? 15 : 40);
}

/* A check's result as the JSON holds it, for report_result(). */
static void result_from_json(json_t *c, struct check_result *r)
{
	json_t *evidence = json_object_get(c, "evidence"), *e;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->pass = json_is_true(json_object_get(c, "pass"));
	r->skipped = json_is_false(json_object_get(c, "checked"));
	r->decided = true;
	snprintf(r->summary, sizeof(r->summary), "%s", grade_jstr(c, "summary"));
	json_array_foreach(evidence, i, e) if (r->nevidence < CHECK_EVIDENCE_MAX)
		snprintf(r->evidence[r->nevidence++], CHECK_LINE_MAX, "%s", json_string_value(e));
}

static void print_checks(FILE *out, const struct assignment *a, json_t *res)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(res, "checks"), i, c)
	{
		struct check_result r;
		json_t *line;
		size_t n;

		for (int k = 0; a->checks[k].name; k++)
			if (strcmp(a->checks[k].name, grade_jstr(c, "name")) == 0) {
				result_from_json(c, &r);
				report_result(out, &a->checks[k], &r, "NOT CHECKED");
			}
		if (json_array_size(json_object_get(c, "transcript")))
			fprintf(out, "        what socklab did and saw, up to the failure:\n");
		json_array_foreach(json_object_get(c, "transcript"), n, line)
			fprintf(out, "          %s\n", json_string_value(line));
	}
}

void grade_print_report(FILE *out, const struct assignment *a, json_t *res, bool file)
{
	json_t *p;
	const char *session = grade_jstr(res, "session");
	size_t i;

	fprintf(out, "== %s: %lld of %lld checks pass; %lld of %lld checked  (%s, %s)\n",
		grade_jstr(res, "submission"), grade_jint(res, "score"), grade_jint(res, "max"),
		grade_jint(res, "checked"), grade_jint(res, "max"), a->name,
		grade_jstr(res, "path"));
	if (file)
		grade_print_isolation(out, res);
	print_build(out, res);
	json_array_foreach(json_object_get(res, "problems"), i, p)
		fprintf(out, "  problem: %s\n", json_string_value(p));
	json_array_foreach(json_object_get(res, "notes"), i, p)
		fprintf(out, "  note: %s\n", json_string_value(p));
	/* The system calls its filter stopped: what the submission tried. */
	json_array_foreach(json_object_get(res, "denied"), i, p)
		fprintf(out, "  sandbox: %s\n", grade_jstr(p, "text"));
	if (grade_jint(res, "denied_more") > 0)
		fprintf(out, "  sandbox: and %lld more system calls denied\n",
			grade_jint(res, "denied_more"));
	print_checks(out, a, res);
	if (*session)
		fprintf(out,
			"  the whole run, recorded: %s\n"
			"    socklab show %s    (every call, as text)\n"
			"    socklab view %s    (the viewer)\n",
			session, session, session);
	fprintf(out, "\n");
}

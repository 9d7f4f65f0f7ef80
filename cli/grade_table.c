/*
 * grade_table.c - the end of a batch: the table on stderr (a row per
 * submission, PASS / FAIL / NOT CHECKED per check) and OUT/grades.csv.
 * Names and first lines are shown escaped
 * (base/text.h), and padded by the columns a terminal gives them.
 */
#include <jansson.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/text.h"
#include "grade_cli.h"

/* A CSV field, one line a terminal shows as it is (base/text.h): quoted
 * when it must be. */
static void csv_field(FILE *f, const char *text)
{
	char *shown = text_shown(text, strlen(text), 0);
	const char *s = shown ? shown : "";

	if (!strpbrk(s, ",\"")) {
		fputs(s, f);
	} else {
		fputc('"', f);
		for (; *s; s++)
			fprintf(f, *s == '"' ? "\"\"" : "%c", *s);
		fputc('"', f);
	}
	free(shown);
}

/* A check's outcome in the results: PASS, FAIL or NOT CHECKED. */
static const char *check_outcome(json_t *res, const char *name)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(res, "checks"), i, c)
	{
		if (strcmp(grade_jstr(c, "name"), name) != 0)
			continue;
		if (json_is_false(json_object_get(c, "checked")))
			return "NOT CHECKED";
		return json_is_true(json_object_get(c, "pass")) ? "PASS" : "FAIL";
	}
	return "NOT CHECKED";
}

/* The same in a CSV cell: 1, 0, or "not checked". */
static const char *csv_outcome(json_t *res, const char *name)
{
	const char *o = check_outcome(res, name);

	return strcmp(o, "PASS") == 0 ? "1" : strcmp(o, "FAIL") == 0 ? "0" : "not checked";
}

/* One line per problem, joined with "; ", for a cell. */
static void csv_problems(FILE *f, json_t *res)
{
	char cell[2048] = "";
	size_t len = 0;
	json_t *p;
	size_t i;

	json_array_foreach(json_object_get(res, "problems"), i, p) len +=
		(size_t)snprintf(cell + len, len < sizeof(cell) ? sizeof(cell) - len : 0, "%s%s",
				 i ? "; " : "", json_string_value(p));
	csv_field(f, cell);
}

int grade_write_csv(const struct grade_batch *gb, const char *path)
{
	const struct assignment *a = gb->ga->a;
	FILE *f = fopen(path, "we");
	json_t *res;
	size_t i;

	if (!f)
		return -1;
	fprintf(f, "submission,score,max,checked");
	for (int k = 0; a->checks[k].name; k++)
		fprintf(f, ",%s", a->checks[k].name);
	fprintf(f, ",build,problems,session\n");
	json_array_foreach(gb->results, i, res)
	{
		csv_field(f, grade_jstr(res, "submission"));
		fprintf(f, ",%lld,%lld,%lld", grade_jint(res, "score"), grade_jint(res, "max"),
			grade_jint(res, "checked"));
		for (int k = 0; a->checks[k].name; k++)
			fprintf(f, ",%s", csv_outcome(res, a->checks[k].name));
		fprintf(f, ",%s,",
			json_is_true(json_object_get(json_object_get(res, "build"), "ok"))
				? "ok"
				: "failed");
		csv_problems(f, res);
		fputc(',', f);
		csv_field(f, grade_jstr(res, "session"));
		fputc('\n', f);
	}
	return fclose(f);
}

/* In one line, for the summary: the build's error, or the first problem. */
static const char *why_not_built(json_t *res)
{
	json_t *build = json_object_get(res, "build");
	const char *problem =
		json_string_value(json_array_get(json_object_get(res, "problems"), 0));

	if (*grade_jstr(build, "error"))
		return grade_jstr(build, "error");
	if (problem)
		return problem;
	return *grade_jstr(build, "output") ? grade_jstr(build, "output") : "not built";
}

/* name, padded to width columns of a terminal: a Korean letter takes two
 * columns and three bytes, so printf's %-20s would not line up. */
static void print_name(FILE *out, const char *raw, int width)
{
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), was;
	wchar_t wide[256];
	size_t n = (size_t)-1;
	char name[512];
	int cols;

	text_show(name, sizeof(name), raw, 0);
	if (utf8) {
		was = uselocale(utf8);
		n = mbstowcs(wide, name, 255);
		cols = n == (size_t)-1 ? -1 : wcswidth(wide, n);
		uselocale(was);
		freelocale(utf8);
	}
	if (n == (size_t)-1 || cols < 0)
		cols = (int)strlen(name);
	fprintf(out, "%s%*s", name, cols < width ? width - cols : 0, "");
}

/* " TEXT\n": its first line, as a terminal shows it as it is. */
static void print_first_line(FILE *out, const char *text)
{
	char line[400], shown[1600];

	snprintf(line, sizeof(line), "%.*s", (int)text_cut(text, strcspn(text, "\n"), 399), text);
	text_show(shown, sizeof(shown), line, 0);
	fprintf(out, " %s\n", shown);
}

/* A check's column in the table: its name, or NOT CHECKED if longer. */
static int column_width(const char *name)
{
	int n = (int)strlen(name);

	return n > 11 ? n : 11;
}

/* The class at a glance, on stderr after the reports. */
void grade_print_summary(const struct grade_batch *gb, const char *csv)
{
	const struct assignment *a = gb->ga->a;
	json_t *res;
	size_t i;

	fprintf(stderr, "%-20s %-6s %-7s", "submission", "score", "checked");
	for (int k = 0; a->checks[k].name; k++)
		fprintf(stderr, " %-*s", column_width(a->checks[k].name), a->checks[k].name);
	fprintf(stderr, "\n");
	json_array_foreach(gb->results, i, res)
	{
		char score[32], checked[32];
		bool built = json_is_true(json_object_get(json_object_get(res, "build"), "ok"));
		snprintf(score, sizeof(score), "%lld/%lld", grade_jint(res, "score"),
			 grade_jint(res, "max"));
		snprintf(checked, sizeof(checked), "%lld/%lld", grade_jint(res, "checked"),
			 grade_jint(res, "max"));
		print_name(stderr, grade_jstr(res, "submission"), 20);
		fprintf(stderr, " %-6s %-7s", score, checked);
		for (int k = 0; a->checks[k].name && built; k++)
			fprintf(stderr, " %-*s", column_width(a->checks[k].name),
				check_outcome(res, a->checks[k].name));
		if (built)
			fprintf(stderr, "\n");
		else
			print_first_line(stderr, why_not_built(res));
	}
	fprintf(stderr, "grades: %s\nreports: %s/NAME/report.txt\n", csv, gb->out);
}

/* --gradescope and --junit. Returns -1 when one cannot be written (said). */

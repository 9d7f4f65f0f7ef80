/*
 * grade_export.c - Gradescope's results.json and JUnit XML (see
 * grade_export.h).
 *
 * Gradescope shows each test's "output" as text under its name, and knows
 * only "passed" and "failed": a check NOT CHECKED is "failed", with no
 * points, and its output says NOT CHECKED and why.
 *
 * Both are read by people, in a browser or a CI's log: every string a
 * submission could have put in them goes out as text_show makes it
 * (base/text.h), its control characters as letters.
 */
#include "grade_export.h"
#include "grade_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/errmsg.h"
#include "base/text.h"

/* ---- the rubric --------------------------------------------------------- */

static int check_index(const struct assignment *a, const char *name)
{
	for (int k = 0; a->checks[k].name; k++)
		if (strcmp(a->checks[k].name, name) == 0)
			return k;
	return -1;
}

/* One line of the rubric ("echo 4"); lineno for the message. */
static int rubric_line(char *line, int lineno, const char *path, const struct assignment *a,
		       struct rubric *r, char *err, size_t errlen)
{
	char name[64], *end;
	int k, used;
	double points;

	line[strcspn(line, "#\n")] = '\0';
	if (sscanf(line, " %63s %n", name, &used) < 1)
		return 0; /* blank */
	if ((k = check_index(a, name)) < 0)
		return errmsg(err, errlen,
			      "%s:%d: %s has no check named '%s' (see socklab grade --help)", path,
			      lineno, a->name, name);
	points = strtod(line + used, &end);
	if (end == line + used || points < 0 || points > 1000 || end[strspn(end, " \t\r")])
		return errmsg(err, errlen,
			      "%s:%d: write the points of %s as a number from 0 to 1000: \"%s 2\"",
			      path, lineno, name, name);
	r->points[k] = points;
	return 0;
}

int rubric_load(const char *path, const struct assignment *a, struct rubric *r, char *err,
		size_t errlen)
{
	char line[512];
	int lineno = 0, ret = 0;
	FILE *f;

	for (int k = 0; k < GRADE_MAX_CHECKS; k++)
		r->points[k] = 1;
	if (!path)
		return 0;
	if (!(f = fopen(path, "re")))
		return errmsg(err, errlen, "cannot read the rubric %s: %s", path, strerror(errno));
	while (ret == 0 && fgets(line, sizeof(line), f))
		ret = rubric_line(line, ++lineno, path, a, r, err, errlen);
	fclose(f);
	return ret;
}

/* ---- Gradescope ---------------------------------------------------------- */

/* "INDENT TEXT\n", the text one line a terminal shows as it is. */
static void put_line(FILE *f, const char *indent, const char *text)
{
	fputs(indent, f);
	text_fput(f, text ? text : "", 0);
	fputc('\n', f);
}

/* A check's text for a student: its outcome and sentence, the evidence,
 * the transcript. */
static char *check_text(json_t *c)
{
	bool checked = !json_is_false(json_object_get(c, "checked"));
	bool pass = json_is_true(json_object_get(c, "pass"));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	json_t *line;
	size_t i;

	if (!f)
		return NULL;
	fprintf(f, "%s: ", !checked ? "NOT CHECKED" : pass ? "PASS" : "FAIL");
	put_line(f, "", grade_jstr(c, "summary"));
	json_array_foreach(json_object_get(c, "evidence"), i, line)
		put_line(f, "  ", json_string_value(line));
	if (json_array_size(json_object_get(c, "transcript")))
		fprintf(f, "What socklab did and saw, up to the failure:\n");
	json_array_foreach(json_object_get(c, "transcript"), i, line)
		put_line(f, "  ", json_string_value(line));
	if (!pass && checked && *grade_jstr(c, "hint"))
		fprintf(f, "See %s\n", grade_jstr(c, "hint"));
	fclose(f);
	return text;
}

/* The submission as a whole: how it built, its problems and notes, what
 * the sandbox could not isolate. */
static char *overall_text(json_t *res)
{
	json_t *sandbox = json_object_get(res, "sandbox"), *p;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fprintf(f, "%lld of %lld checks pass; %lld of %lld checked.\n",
		json_integer_value(json_object_get(res, "score")),
		json_integer_value(json_object_get(res, "max")),
		json_integer_value(json_object_get(res, "checked")),
		json_integer_value(json_object_get(res, "max")));
	if (!json_is_true(json_object_get(json_object_get(res, "build"), "ok"))) {
		fprintf(f, "The build failed:\n");
		text_fput(f, grade_jstr(json_object_get(res, "build"), "output"),
			  TEXT_KEEP_NL | TEXT_KEEP_TAB);
		fputc('\n', f);
	}
	json_array_foreach(json_object_get(res, "problems"), i, p)
		put_line(f, "Problem: ", json_string_value(p));
	json_array_foreach(json_object_get(res, "notes"), i, p)
		put_line(f, "Note: ", json_string_value(p));
	if (strcmp(grade_jstr(res, "isolation"), "sandbox") != 0)
		fprintf(f, "Isolation: container (--unisolated); not isolated: %s\n",
			grade_jstr(sandbox, "missing"));
	else if (*grade_jstr(sandbox, "missing"))
		fprintf(f, "Isolation: sandbox; %s\n", grade_jstr(sandbox, "missing"));
	fclose(f);
	return text;
}

json_t *gradescope_results(const struct assignment *a, json_t *res, const struct rubric *r)
{
	json_t *tests = json_array(), *c;
	double total = 0;
	size_t i;

	json_array_foreach(json_object_get(res, "checks"), i, c)
	{
		int k = check_index(a, grade_jstr(c, "name"));
		bool pass = json_is_true(json_object_get(c, "pass"));
		double max = k >= 0 ? r->points[k] : 0;
		char *text = check_text(c);

		total += pass ? max : 0;
		json_array_append_new(tests, json_pack("{ss sf sf ss ss ss}", "name",
						       grade_jstr(c, "name"), "score",
						       pass ? max : 0.0, "max_score", max, "status",
						       pass ? "passed" : "failed", "output",
						       text ? text : "", "visibility", "visible"));
		free(text);
	}
	char *overall = overall_text(res);
	json_t *out = json_pack("{sf ss so}", "score", total, "output", overall ? overall : "",
				"tests", tests);
	free(overall);
	return out;
}

/* ---- JUnit ---------------------------------------------------------------- */

/* text with &, <, >, " and control characters made safe for XML: the
 * controls as text_show's letters, but for the newlines and tabs of a
 * text of several lines. */
static void xml_text(FILE *f, const char *raw)
{
	char *text = text_shown(raw, strlen(raw), TEXT_KEEP_NL | TEXT_KEEP_TAB);

	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*p, f);
		}
	}
	free(text);
}

static void junit_case(FILE *f, const struct assignment *a, json_t *res, json_t *c)
{
	bool checked = !json_is_false(json_object_get(c, "checked"));
	bool pass = json_is_true(json_object_get(c, "pass"));
	char *text = check_text(c);

	fprintf(f, "    <testcase classname=\"");
	xml_text(f, a->name);
	fputc('.', f);
	xml_text(f, grade_jstr(res, "submission"));
	fprintf(f, "\" name=\"");
	xml_text(f, grade_jstr(c, "name"));
	fprintf(f, "\">\n");
	if (!pass) {
		fprintf(f, "      <%s message=\"", checked ? "failure" : "skipped");
		xml_text(f, grade_jstr(c, "summary"));
		fprintf(f, "\">");
		xml_text(f, text ? text : "");
		fprintf(f, "</%s>\n", checked ? "failure" : "skipped");
	}
	fprintf(f, "    </testcase>\n");
	free(text);
}

int junit_write(const char *path, const struct assignment *a, json_t *results)
{
	FILE *f = fopen(path, "we");
	json_t *res, *c;
	size_t i, k;

	if (!f)
		return -1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"socklab grade ");
	xml_text(f, a->name);
	fprintf(f, "\">\n");
	json_array_foreach(results, i, res)
	{
		long long max = json_integer_value(json_object_get(res, "max"));
		long long passed = json_integer_value(json_object_get(res, "score"));
		long long checked = json_integer_value(json_object_get(res, "checked"));

		fprintf(f, "  <testsuite name=\"");
		xml_text(f, grade_jstr(res, "submission"));
		fprintf(f, "\" tests=\"%lld\" failures=\"%lld\" skipped=\"%lld\" errors=\"0\">\n",
			max, checked - passed, max - checked);
		json_array_foreach(json_object_get(res, "checks"), k, c) junit_case(f, a, res, c);
		fprintf(f, "  </testsuite>\n");
	}
	fprintf(f, "</testsuites>\n");
	return fclose(f);
}

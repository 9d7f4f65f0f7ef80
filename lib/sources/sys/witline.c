/*
 * witline.c - reading the witness's tracefs lines (see witline.h).
 *
 *   "            comm-TID  [CPU] FLAGS  SECONDS.MICROS: BODY"
 *
 * BODY is "sys_NAME(ARG: VAL, ...)", "sys_NAME -> 0xRET" or
 * "task_newtask: pid=N comm=... clone_flags=HEX oom_score_adj=N".
 */
#include "sources/sys/witline.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define COMM_WIDTH 16 /* the task's name is right-aligned in these columns */

/* A number in base (0: decimal, or hex after 0x), ended where *end says;
 * false when there are no digits or it overflows. */
static bool read_num(const char *s, int base, uint64_t *out, const char **end)
{
	char *e;

	if (!isxdigit((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoull(s, &e, base);
	*end = e;
	return e != s && errno == 0;
}

static bool read_pid(const char *s, pid_t *out, const char **end)
{
	uint64_t v;

	if (!isdigit((unsigned char)*s) || !read_num(s, 10, &v, end) || v == 0 || v > 0x3fffffff)
		return false;
	*out = (pid_t)v;
	return true;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* "   578.522754: " -> ns; returns what follows, or NULL. */
static const char *read_time(const char *s, int64_t *t_ns)
{
	uint64_t sec, frac;
	const char *dot, *end;
	int digits;

	if (!isdigit((unsigned char)*s) || !read_num(s, 10, &sec, &dot) || *dot != '.' ||
	    sec > 1000000000ULL)
		return NULL;
	if (!isdigit((unsigned char)dot[1]) || !read_num(dot + 1, 10, &frac, &end))
		return NULL;
	digits = (int)(end - dot - 1);
	if (digits < 1 || digits > 9 || end[0] != ':' || end[1] != ' ')
		return NULL;
	for (int i = digits; i < 9; i++)
		frac *= 10;
	*t_ns = (int64_t)(sec * 1000000000ULL + frac);
	return end + 2;
}

/* The context before the body: the task, its CPU, its flags, the time. */
static const char *read_context(const char *line, struct witline *w)
{
	const char *s, *end;

	if (strlen(line) <= COMM_WIDTH || line[COMM_WIDTH] != '-' ||
	    !read_pid(line + COMM_WIDTH + 1, &w->tid, &end))
		return NULL;
	s = skip_spaces(end);
	if (*s != '[' || !isdigit((unsigned char)s[1]))
		return NULL;
	s = strchr(s, ']');
	if (!s || s[1] != ' ')
		return NULL;
	s = skip_spaces(s + 1);
	while (*s && *s != ' ') /* the flags: ".....", "d..1." */
		s++;
	return read_time(skip_spaces(s), &w->t_ns);
}

/* "sys_NAME": the name into w->call; returns what follows. */
static const char *read_call_name(const char *s, struct witline *w)
{
	size_t n = 0;

	if (strncmp(s, "sys_", 4) != 0)
		return NULL;
	s += 4;
	while ((islower((unsigned char)s[n]) || isdigit((unsigned char)s[n]) || s[n] == '_') &&
	       n < sizeof(w->call) - 1)
		n++;
	if (n == 0)
		return NULL;
	memcpy(w->call, s, n);
	w->call[n] = '\0';
	return s + n;
}

/* "(fd: 3, level: 1, ...)" */
static bool read_args(const char *s, struct witline *w)
{
	for (s++; *s != ')'; s++) {
		const char *colon = strchr(s, ':'), *end;
		uint64_t v;

		if (!colon || colon[1] != ' ' || !read_num(colon + 2, 0, &v, &end))
			return false;
		if (w->nargs < WITLINE_ARGS)
			w->arg[w->nargs++] = (int64_t)v;
		s = end;
		if (*s == ')')
			break;
		if (s[0] != ',' || s[1] != ' ')
			return false;
		s++;
	}
	return s[1] == '\0';
}

static enum witline_kind read_call(const char *s, struct witline *w)
{
	const char *end;
	uint64_t v;

	if (!(s = read_call_name(s, w)))
		return WIT_BAD;
	if (*s == '(') {
		w->kind = WIT_ENTER;
		return read_args(s, w) ? WIT_ENTER : WIT_BAD;
	}
	if (strncmp(s, " -> 0x", 6) != 0 || !read_num(s + 6, 16, &v, &end) || *end != '\0')
		return WIT_BAD;
	w->kind = WIT_EXIT;
	w->ret = (int64_t)v;
	return WIT_EXIT;
}

/* "pid=N comm=... clone_flags=HEX oom_score_adj=N": the comm may hold
 * anything, so clone_flags is its last occurrence. */
static enum witline_kind read_newtask(const char *s, struct witline *w)
{
	const char *flags = NULL, *p = s, *end;

	if (strncmp(s, "pid=", 4) != 0 || !read_pid(s + 4, &w->child, &end) ||
	    strncmp(end, " comm=", 6) != 0)
		return WIT_BAD;
	while ((p = strstr(p, " clone_flags=")) != NULL)
		flags = p++;
	if (!flags || flags < end || !read_num(flags + 13, 16, &w->clone_flags, &end) ||
	    strncmp(end, " oom_score_adj=", 15) != 0)
		return WIT_BAD;
	w->kind = WIT_NEWTASK;
	return WIT_NEWTASK;
}

/* "CPU:1 [LOST 12 EVENTS]" */
static enum witline_kind read_lost(const char *line, struct witline *w)
{
	const char *s = strstr(line, "[LOST "), *end;
	uint64_t n;

	if (strncmp(line, "CPU:", 4) != 0 || !s || !read_num(s + 6, 10, &n, &end) ||
	    strcmp(end, " EVENTS]") != 0)
		return WIT_BAD;
	w->kind = WIT_LOST;
	w->lost = n > 0x7fffffff ? 0x7fffffff : (long)n;
	return WIT_LOST;
}

static enum witline_kind read_line(const char *line, struct witline *w)
{
	char buf[1024];
	size_t n = strcspn(line, "\n");
	const char *body;

	if (n >= sizeof(buf))
		return WIT_BAD;
	memcpy(buf, line, n);
	buf[n] = '\0';
	if (strncmp(buf, "CPU:", 4) == 0)
		return read_lost(buf, w);
	if (!(body = read_context(buf, w)))
		return WIT_BAD;
	if (strncmp(body, "task_newtask: ", 14) == 0)
		return read_newtask(body + 14, w);
	return read_call(body, w);
}

enum witline_kind witline_parse(const char *line, struct witline *w)
{
	memset(w, 0, sizeof(*w));
	w->kind = read_line(line, w);
	return w->kind;
}

/*
 * evidence.c - what the checks of every assignment share beyond
 * check/evidence.h: the run's problems, and the preconditions a check
 * asks before it judges (see assignment.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "assignment.h"
#include "kview.h"

const struct grade_run *grade_run_of(const struct check_ctx *c)
{
	return c->facts ? c->facts->extra : NULL;
}

const char *run_trouble(const struct check_ctx *c)
{
	const struct grade_run *g = grade_run_of(c);

	return g && g->nproblems ? g->problems[0] : NULL;
}

/* Not checked: "not checked: WHAT (because TROUBLE)". */
static void not_checked(const struct check_ctx *c, struct check_result *r, const char *what)
{
	const char *trouble = run_trouble(c);

	if (trouble && !strstr(what, trouble))
		check_skip(r, "not checked: %s, because %s", what, trouble);
	else
		check_skip(r, "not checked: %s", what);
}

bool need(const struct check_ctx *c, struct check_result *r, bool met, const char *fmt, ...)
{
	char what[CHECK_LINE_MAX];
	va_list ap;

	if (met)
		return true;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	not_checked(c, r, what);
	return false;
}

bool need_ran(const struct check_ctx *c, struct check_result *r, const char *role)
{
	return need(c, r, check_pid(c, role) >= 0, "the run stopped before the %s started", role);
}

bool need_reached(const struct check_ctx *c, struct check_result *r, int mark, const char *what)
{
	const struct grade_run *g = grade_run_of(c);

	return need(c, r, g && g->marks[mark] >= 0, "the run stopped before %s", what);
}

bool fail_if_not_run(const struct check_ctx *c, struct check_result *r, const char *role)
{
	return !need_ran(c, r, role);
}

bool fail_if_not_reached(const struct check_ctx *c, struct check_result *r, int mark)
{
	return !need_reached(c, r, mark, "this part");
}

/* The connect() calls of role's process and its children. */
static const struct event *next_connect(const struct check_ctx *c, pid_t pid,
					const struct event *prev)
{
	struct ev_filter f = {.src = "call", .fn = "connect"};
	const struct event *e = prev;

	while ((e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, pid))
			return e;
	return NULL;
}

/* A non-blocking connect() (EINPROGRESS) made its connection when a later
 * call moved data on its socket. */
static bool completed_later(const struct check_ctx *c, const struct event *connect)
{
	struct ev_filter f = {.src = "call", .err = "ok", .after = connect->t + 1};
	const struct event *e = NULL;

	if (!connect->call.sock || !endpoint_pair_has_peer(connect->call.sock))
		return false;
	f.sock = connect->call.sock;
	while ((e = ev_next(c->s, &f, e)))
		if (strcmp(e->call.fn, "connect") != 0 && strcmp(e->call.fn, "close") != 0 &&
		    e->call.ret > 0)
			return true;
	return false;
}

const struct event *grade_connected(const struct check_ctx *c, const char *role)
{
	pid_t pid = check_pid(c, role);
	const struct event *e = NULL;

	while (pid >= 0 && (e = next_connect(c, pid, e)))
		if (e->call.ret == 0 || (e->call.err && strcmp(e->call.err, "EISCONN") == 0) ||
		    (e->call.err && strcmp(e->call.err, "EINPROGRESS") == 0 &&
		     completed_later(c, e)))
			return e;
	return NULL;
}

bool need_connected(const struct check_ctx *c, struct check_result *r, const char *role)
{
	pid_t pid = check_pid(c, role);
	const struct event *last = NULL, *e = NULL;

	if (!need_ran(c, r, role))
		return false;
	if (grade_connected(c, role))
		return true;
	while ((e = next_connect(c, pid, e)))
		last = e;
	if (!last)
		return need(c, r, false, "the %s never connected: it made no connect() call", role);
	check_evidence(r, last);
	check_end_evidence(c, r, pid);
	return need(c, r, false, "the %s never connected: its connect() to %s failed with %s", role,
		    last->call.peer ? last->call.peer : "?",
		    last->call.err ? last->call.err : "an error");
}

bool need_accepted(const struct check_ctx *c, struct check_result *r, const char *role)
{
	pid_t pid = check_pid(c, role);
	struct ev_filter f = {.src = "call", .fn = "accept", .err = "ok"};
	const struct event *e = NULL;

	if (!need_ran(c, r, role))
		return false;
	while ((e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, pid))
			return true;
	/* The kernel saw it accept, the tracer did not: what follows needs
	 * the traced calls. */
	if (kview_accepted(kview_of(c), pid))
		return need(c, r, false,
			    "the %s accepted connections the tracer did not see (a static "
			    "program, or raw system calls), and this check needs its traced calls",
			    role);
	return need(c, r, false, "the %s accepted no connection", role);
}

/*
 * manyclients.c - what the assignments about a server of many clients
 * share (see manyclients.h).
 */
#include "manyclients.h"

#include <stdio.h>
#include <string.h>

#include "check/evidence.h"
#include "check/fdhold.h"
#include "kview.h"

int drive_clients(struct grade_run *g, pid_t server, const char *role, char *const argv[])
{
	pid_t client = grade_start_driver(g, role, argv, NULL);
	struct run_proc *p = scenario_proc(g->s, server);
	char how[128];

	if (client < 0)
		return -1;
	if (grade_wait(g, client, GRADE_DRIVER_MS) < 0) {
		grade_problem(g, "the grader's %s did not finish within %d s", role,
			      GRADE_DRIVER_MS / 1000);
		return -1;
	}
	if (!p || !p->ended)
		return 0;
	/* The first problem, which the checks give as their reason; a crash
	 * is told again by the grader, with the server's last call. */
	grade_describe_status(p->status, how, sizeof(how));
	grade_problem(g, "the server %s while the grader's %s talked to it", how, role);
	return -1;
}

/* The socket's last state change before t, or NULL (no state source). */
static const struct event *state_at(const struct check_ctx *c, const char *sock, int64_t t)
{
	struct ev_filter f = {.src = "state", .sock = sock};
	const struct event *e = NULL, *last = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t < t)
		last = e;
	return last;
}

int kept_connections(const struct check_ctx *c, struct check_result *r, pid_t server, int64_t t)
{
	struct ev_filter f = {.src = "call", .fn = "accept", .err = "ok"};
	const struct event *a = NULL, *st;
	struct fd_holder h;
	int kept = 0;

	while ((a = ev_next(c->s, &f, a)) && a->t < t) {
		if (!a->call.sock || !check_in_tree(c, a->pid, server))
			continue;
		fdhold_find(c, a, t, &h);
		st = state_at(c, a->call.sock, t);
		if (st ? st->state.to != TCP_ST_CLOSE_WAIT : h.pid < 0)
			continue;
		if (kept++ > 0)
			continue;
		check_evidence(r, a);
		check_evidence(r, st);
		if (h.pid >= 0)
			check_evidence_text(r, "[%d] never closed fd %d (%s)", (int)h.pid,
					    h.held.fd, a->call.sock);
	}
	return kept;
}

static bool has(const int *fds, int n, int fd)
{
	for (int i = 0; i < n; i++)
		if (fds[i] == fd)
			return true;
	return false;
}

/* The descriptors a select() or poll() watched, into fds; -1 for
 * another call. */
static int watched(const struct event *e, int *fds, int max)
{
	const char *fn = e->call.fn;

	if (strcmp(fn, "select") == 0 || strcmp(fn, "pselect") == 0)
		return event_ints(e, "rfds", fds, max);
	if (strcmp(fn, "poll") == 0 || strcmp(fn, "ppoll") == 0)
		return event_ints(e, "fds", fds, max);
	return -1;
}

int kept_in_the_set(const struct check_ctx *c, struct check_result *r, pid_t server)
{
	struct ev_filter f = {.src = "call", .pid = server};
	const struct event *closes[1024] = {0}; /* by fd: its close(), until reused */
	int stale = 0, fds[64], n;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		const char *fn = e->call.fn;
		if ((strcmp(fn, "accept") == 0 || strcmp(fn, "accept4") == 0) && e->call.ret >= 0 &&
		    e->call.ret < 1024)
			closes[e->call.ret] = NULL;
		else if (strcmp(fn, "close") == 0 && e->call.ret == 0 && e->call.fd >= 0 &&
			 e->call.fd < 1024 && e->call.sock)
			closes[e->call.fd] = e;
		if ((n = watched(e, fds, 64)) <= 0)
			continue;
		for (int fd = 0; fd < 1024; fd++) {
			if (!closes[fd] || !has(fds, n, fd))
				continue;
			if (stale++ == 0) {
				check_evidence(r, closes[fd]);
				check_evidence(r, e);
			}
			break;
		}
	}
	return stale;
}

bool closed_when_left(const struct check_ctx *c, struct check_result *r, pid_t server, int64_t t)
{
	/* The kernel's sockets at the mark decide which stayed open; the
	 * calls say who kept them. */
	int stale = kept_in_the_set(c, r, server),
	    kept = kview_kept(c, r, server, kview_mark_of(c, t), NULL),
	    traced = kept != 0 ? kept_connections(c, r, server, t) : 0;

	if (kept < 0)
		kept = traced;
	if (stale)
		check_fail(r,
			   "the server went on watching a socket it had closed (%d select() or "
			   "poll() calls): take it out of the set (FD_CLR) when you close() it, or "
			   "select() fails with EBADF",
			   stale);
	else if (kept)
		check_fail(r,
			   "%d connection%s stayed open after %s client%s had left (CLOSE_WAIT): "
			   "when read() or recv() returns 0 (or -1), close() the socket",
			   kept, kept == 1 ? "" : "s", kept == 1 ? "its" : "their",
			   kept == 1 ? "" : "s");
	return !stale && !kept;
}

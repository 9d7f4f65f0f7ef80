/*
 * echo-select: an echo server that serves many clients in one process,
 * with select(), poll() or epoll, `prog PORT`.
 *
 * The run, in one session:
 *   1. the server starts and must listen;
 *   2. "echo client": 200 small messages, then 1 MiB (as echo-fork's);
 *   3. "10 clients": ten connect and stay; each must be echoed while all
 *      ten are connected;
 *   4. "clients A, B and C": A is echoed and leaves, then B comes and
 *      must be echoed, then C: the server goes on after a client left;
 *   5. "100 clients": a hundred connect and stay; each must be echoed;
 *   6. every client has left: 1.5 s later (mark LEFT) no socket of a gone
 *      client may still be open.
 * Every check looks at the whole run for fork() and threads: the server
 * must do it all in one process, one thread.
 */
#include <stdio.h>
#include <string.h>

#include "assignment.h"
#include "check/models.h"
#include "kview.h"
#include "manyclients.h"

enum { MARK_LEFT };

#define CONCURRENT  "10"
#define MANY	    "100"
#define HINT_SELECT "lab 11 (select): socklab run 11 --server --fix"

static int echo_select_run(struct grade_run *g)
{
	pid_t server;

	scenario_step(g->s, "start the server on port %d", g->port);
	server = grade_start_program(g, "server", 0, NULL);
	if (server < 0 || grade_wait_listen(g, server, g->port, 0) < 0)
		return -1;
	scenario_step(g->s, "echo: 200 small messages, then 1 MiB on a second connection");
	if (drive_clients(g, server, "echo client",
			  ARGV("tcp_client", "echo", g->ip, g->port_str)) < 0)
		return -1;
	scenario_step(g->s, CONCURRENT " clients connect and stay; each must be echoed");
	if (drive_clients(g, server, CONCURRENT " clients",
			  ARGV("tcp_client", "many", g->ip, g->port_str, CONCURRENT)) < 0)
		return -1;
	scenario_step(g->s, "client A is echoed and leaves; then B comes, then C");
	if (drive_clients(g, server, "clients A, B and C",
			  ARGV("tcp_client", "leave", g->ip, g->port_str)) < 0)
		return -1;
	scenario_step(g->s, MANY " clients connect and stay; each must be echoed");
	if (drive_clients(g, server, MANY " clients",
			  ARGV("tcp_client", "many", g->ip, g->port_str, MANY)) < 0)
		return -1;
	scenario_step(g->s, "every client has left: no socket of theirs should stay open");
	if (grade_sleep(g, 1500) < 0)
		return -1;
	grade_mark(g, MARK_LEFT);
	return grade_sleep(g, 200);
}

/* ---- concurrent, many --------------------------------------------------------- */

/* The "N clients" driver's verdict: all N echoed while all stayed. */
static void all_at_once(const struct check_ctx *c, struct check_result *r, const char *n)
{
	char role[32], want[96];

	snprintf(role, sizeof(role), "%s clients", n);
	snprintf(want, sizeof(want), "%s of %s clients echoed while all %s stayed connected", n, n,
		 n);
	if (!need_ran(c, r, role) || !need_connected(c, r, role) ||
	    !need_accepted(c, r, "server") ||
	    !need(c, r, !check_printed(c, role, "no client was echoed"),
		  "the server echoed none of the %s clients", n))
		return;
	check_output_evidence(c, r, role, NULL, 3);
	if (check_printed(c, role, want))
		check_pass(r, "%s clients connected at once, and each was echoed", n);
	else if (run_trouble(c))
		check_fail(r, "not all %s clients connected at once were echoed: %s", n,
			   run_trouble(c));
	else
		check_fail(r,
			   "not all %s clients connected at once were echoed. Wait for all of them "
			   "together: select() (or poll(), epoll) on the listening socket and "
			   "every "
			   "client, then serve whichever is ready",
			   n);
}

static void concurrent(const struct check_ctx *c, struct check_result *r)
{
	all_at_once(c, r, CONCURRENT);
}

static void many(const struct check_ctx *c, struct check_result *r)
{
	all_at_once(c, r, MANY);
}

/* ---- one-process -------------------------------------------------------------- */

/* What the kernel saw the server make, where the trace has less: the
 * verdict. Returns true when it failed r. */
static bool kernel_made(const struct check_ctx *c, struct check_result *r, pid_t server,
			const struct serve_model *m)
{
	struct kmade k;

	kview_made(c, server, &k);
	/* Where the trace already shows it, the trace's account is told. */
	if (k.procs > 0 && m->children == 0) {
		check_evidence_text(r, "[%d] made by the server (the kernel: %s)", (int)k.first,
				    k.witnessed ? "task_newtask" : "/proc");
		if (k.untraced && k.how[0])
			check_fail(r,
				   "the server forked %d children with a raw %s system call the "
				   "tracer does not see. Serve every client in the one process, "
				   "waiting in select() on all their sockets at once",
				   k.procs, k.how);
		else
			check_fail(r,
				   "the server made %d processes (the kernel saw them; the trace "
				   "has no fork()). Serve every client in the one process, "
				   "waiting in select() on all their sockets at once",
				   k.procs);
		return true;
	}
	if (k.threads > 1 && m->threads <= 1) {
		check_fail(r,
			   "the server made %d threads (the kernel saw them; the trace has none). "
			   "Serve every client in one thread, waiting in select() on all their "
			   "sockets at once",
			   k.threads - 1);
		return true;
	}
	return false;
}

static void one_process(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct serve_model m;
	char how[96];

	if (!need_accepted(c, r, "server"))
		return;
	serve_model_of(c, server, &m);
	serve_model_evidence(&m, r);
	serve_model_name(&m, how, sizeof(how));
	if (kernel_made(c, r, server, &m))
		return;
	if (m.children > 0)
		check_fail(r,
			   "the server forked %d children: it used %s. Serve every client in the "
			   "one process, waiting in select() on all their sockets at once",
			   m.children, how);
	else if (m.threads > 1)
		check_fail(r,
			   "the server ran %d threads at once: %s. Serve every client in one "
			   "thread, waiting in select() on all their sockets at once",
			   m.threads, how);
	else
		check_pass(r, "one process, one thread: %s", how);
}

/* ---- closes-fds ------------------------------------------------------------------ */

static void closes_fds(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);
	const char *who = "clients A, B and C";

	if (!need_accepted(c, r, "server") || !need_connected(c, r, who) ||
	    !need_reached(c, r, MARK_LEFT, "every client had left"))
		return;
	check_output_evidence(c, r, who, NULL, 3);
	if (!closed_when_left(c, r, check_pid(c, "server"), g->marks[MARK_LEFT]))
		return;
	if (!check_printed(c, who, "every client that came after another left was served"))
		check_fail(r, "after a client left, the server did not serve the next one%s%s",
			   run_trouble(c) ? ": " : "", run_trouble(c) ? run_trouble(c) : "");
	else
		check_pass(r, "every gone client's socket was closed and left the set, and the "
			      "server went on serving the next ones");
}

static const struct check echo_select_checks[] = {
	{"echo", "echoes exactly: many small messages, and a 1 MiB message",
	 "lab 6 (fragmentation): socklab run 6", echo_exact},
	{"concurrent", "10 clients connected at once are all served", HINT_SELECT, concurrent},
	{"one-process", "one process, one thread: no fork(), no thread", HINT_SELECT, one_process},
	{"closes-fds", "a gone client's socket is closed and leaves the set; the others are served",
	 HINT_SELECT, closes_fds},
	{"many", "100 clients connected at once are all served",
	 "lab 11 (select): socklab run 11 "
	 "--pool",
	 many},
	{NULL},
};

const struct assignment assignment_echo_select = {
	.name = "echo-select",
	.title = "an echo server for many clients in one process (select, poll or epoll)",
	.usage = "prog PORT",
	.args = "{port}",
	.prog_hint = "server",
	.run = echo_select_run,
	.checks = echo_select_checks,
	.nproc = 128, /* a fork server fails one-process, not the limit */
};

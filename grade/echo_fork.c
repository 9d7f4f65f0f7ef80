/*
 * echo-fork: a concurrent TCP echo server, `prog PORT`.
 *
 * The run, in one session:
 *   1. the server starts and must listen;
 *   2. "echo client": 200 small messages, then 1 MiB on a new connection;
 *   3. "clients A and B": B must be echoed while A stays connected;
 *   4. every client has left: 1.5 s later (mark LEFT) no child may be a
 *      zombie and no socket of a gone client may still be open;
 *   5. "holding client" connects and stays; the server is killed with its
 *      children (SIGKILL to its process group, like Ctrl-C) and started
 *      again at once as "server (restarted)": it must listen again.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "assignment.h"
#include "kview.h"

enum { MARK_LEFT, MARK_KILLED, MARK_RESTARTED };

/* Children that ended less than this before LEFT are not judged yet. */
#define SETTLE_NS (500 * 1000000LL)
/* Children judged per connection: enough for any correct run, and a
 * bound on the work when a program forks without end. */
#define CHILDREN_JUDGED 64 /* children looked at for a kept listening socket */
#define KEPT_SHOWN	1  /* connections shown as evidence; the others counted */

static int restart(struct grade_run *g, pid_t server)
{
	pid_t client, again;

	scenario_step(g->s,
		      "a client connects and stays; the server is killed with its "
		      "children, and started again at once on port %d",
		      g->port);
	client = grade_start_driver(g, "holding client",
				    ARGV("tcp_client", "hold", g->ip, g->port_str), NULL);
	if (client < 0 || grade_wait_output(g, client, "holding", GRADE_LISTEN_MS) < 0)
		return -1;
	scenario_kill(g->s, -server, SIGKILL);
	if (grade_wait(g, server, GRADE_LISTEN_MS) < 0)
		return -1;
	grade_mark(g, MARK_KILLED);
	again = grade_start_program(g, "server (restarted)", 0, NULL);
	if (again < 0)
		return -1;
	/* Whether it listens is the reuseaddr check's to say. */
	grade_wait_listen(g, again, g->port, GRADE_QUIET);
	if (grade_sleep(g, 300) < 0)
		return -1;
	grade_mark(g, MARK_RESTARTED); /* the kernel's listening sockets */
	return 0;
}

static int echo_fork_run(struct grade_run *g)
{
	pid_t server, client;

	scenario_step(g->s, "start the server on port %d", g->port);
	server = grade_start_program(g, "server", 0, NULL);
	if (server < 0 || grade_wait_listen(g, server, g->port, 0) < 0)
		return -1;
	scenario_step(g->s, "echo: 200 small messages, then 1 MiB on a second connection");
	client = grade_start_driver(g, "echo client",
				    ARGV("tcp_client", "echo", g->ip, g->port_str), NULL);
	if (client < 0 || grade_wait(g, client, GRADE_DRIVER_MS) < 0)
		return -1;
	scenario_step(g->s, "client A connects and stays; client B connects and must be echoed");
	client = grade_start_driver(g, "clients A and B",
				    ARGV("tcp_client", "concurrent", g->ip, g->port_str), NULL);
	if (client < 0 || grade_wait(g, client, GRADE_DRIVER_MS) < 0)
		return -1;
	scenario_step(g->s, "every client has left: no child should stay a zombie, no socket of "
			    "theirs stay open");
	if (grade_sleep(g, 1500) < 0)
		return -1;
	grade_mark(g, MARK_LEFT);
	return restart(g, server);
}

/* ---- echo ------------------------------------------------------------------- */

/* The n-th connect() of pid (1-based), or NULL. */
static const struct event *nth_connect(const struct check_ctx *c, pid_t pid, int n)
{
	struct ev_filter f = {.src = "call", .fn = "connect", .pid = pid};
	const struct event *e = NULL;

	while (n-- > 0 && (e = ev_next(c->s, &f, e)))
		;
	return e;
}

/* The server's side of the connection the client made with e: its first
 * calls on it and its last. Returns the last one. */
static const struct event *evidence_server_side(const struct check_ctx *c, struct check_result *r,
						const struct event *connect)
{
	char sock[128];
	struct ev_filter f = {.src = "call"};
	const struct event *e = NULL, *last = NULL;
	int shown = 0;

	if (!connect || !(f.sock = endpoint_pair_reversed(connect->call.sock, sock, sizeof(sock))))
		return NULL;
	while ((e = ev_next(c->s, &f, e))) {
		if (shown++ < 3)
			check_evidence(r, e);
		last = e;
	}
	if (shown > 3)
		check_evidence(r, last);
	return last;
}

void echo_exact(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "echo client";
	pid_t client = check_pid(c, who);
	const struct event *last;
	bool small, big;

	if (!need_connected(c, r, who))
		return;
	small = check_printed(c, who, "small messages: 200 of 200 came back exactly");
	big = check_printed(c, who, "1 MiB message: 1048576 of 1048576 bytes came back exactly");
	check_output_evidence(c, r, who, NULL, 3);
	if (small && big) {
		check_pass(r, "200 small messages and a 1 MiB message came back exactly");
		return;
	}
	last = evidence_server_side(c, r, nth_connect(c, client, small ? 2 : 1));
	if (last && run_trouble(c))
		check_end_evidence(c, r, last->pid); /* how the process that served it ended */
	if (run_trouble(c))
		check_fail(r, "the %s did not come back as sent: %s",
			   small ? "1 MiB message" : "small messages", run_trouble(c));
	else
		check_fail(r,
			   "the %s did not come back as sent. recv() returns what has arrived "
			   "so far -- part of a message, or several -- so an echo server loops: "
			   "send "
			   "back all it received, then recv() again, until recv() returns 0",
			   small ? "1 MiB message" : "small messages");
}

/* ---- concurrent -------------------------------------------------------------- */

/* The server's accept() of the connection the client made with e. */
static const struct event *accept_of(const struct check_ctx *c, const struct event *connect)
{
	char sock[128];
	struct ev_filter f = {.src = "call", .fn = "accept"};

	if (!connect || !(f.sock = endpoint_pair_reversed(connect->call.sock, sock, sizeof(sock))))
		return NULL;
	return ev_first(c->s, &f);
}

static void concurrent(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "clients A and B";
	pid_t clients = check_pid(c, who);
	const struct event *a, *b;

	if (!need_connected(c, r, who) ||
	    !need(c, r, check_printed(c, who, "A: connected and echoed"),
		  "client A was never echoed (it printed: %.*s), so whether a second client is "
		  "served meanwhile could not be seen",
		  check_output(c, who)[0] ? (int)strcspn(check_output(c, who), "\n") : 7,
		  check_output(c, who)[0] ? check_output(c, who) : "nothing"))
		return;
	a = nth_connect(c, clients, 1);
	b = nth_connect(c, clients, 2);
	check_output_evidence(c, r, who, NULL, 4);
	check_evidence(r, accept_of(c, a));
	check_evidence(r, accept_of(c, b));
	if (check_printed(c, who, "B: echoed while A was still connected"))
		check_pass(r, "client B was served while client A stayed connected");
	else if (check_printed(c, who, "B: echoed only after A closed"))
		check_fail(r, "client B was served only after client A had left: the server "
			      "serves one client at a time. Fork a child for each connection, and "
			      "let the parent go straight back to accept()");
	else
		check_fail(r, "client B was not served while client A stayed connected%s%s",
			   run_trouble(c) ? ": " : "", run_trouble(c) ? run_trouble(c) : "");
}

/* ---- reaps-children ------------------------------------------------------- */

/* True when the server forked a child before t. */
static bool forked_before(const struct check_ctx *c, pid_t server, int64_t t)
{
	const struct event *f =
		ev_first(c->s, &(struct ev_filter){.src = "proc", .fn = "fork", .pid = server});

	return f && f->t < t;
}

static void say_zombie(const struct check_ctx *c, struct check_result *r, const struct proc_info *p,
		       pid_t server, int64_t t)
{
	bool reaped = p->t_reaped != T_NEVER && p->reaper == server &&
		      strcmp(p->reaped_by ? p->reaped_by : "", "socklab") != 0;
	int64_t until = reaped ? p->t_reaped : p->t_reaped != T_NEVER ? p->t_reaped : c->t_end;
	char when[32];

	event_time_str(reaped ? p->t_reaped : t, when, sizeof(when));
	if (reaped)
		check_evidence_text(r, "[%d] zombie for %.1f s, reaped only at %s s", (int)p->pid,
				    (double)(until - p->t_exit) / 1e9, when);
	else
		check_evidence_text(r, "[%d] zombie for %.1f s, never reaped by the server",
				    (int)p->pid, (double)(until - p->t_exit) / 1e9);
}

static bool reaped_in_time(const struct proc_info *p, int64_t t)
{
	return p->t_reaped != T_NEVER && p->t_reaped <= t &&
	       strcmp(p->reaped_by ? p->reaped_by : "", "socklab") != 0;
}

/* The same from the trace: how the checks judged before the kernel did. */
static int traced_zombies(const struct check_ctx *c, struct check_result *r, pid_t server,
			  int64_t t, int *children)
{
	int zombies = 0;

	*children = 0;
	for (size_t i = 0; i < c->procs.n; i++) {
		const struct proc_info *p = &c->procs.p[i];
		if (p->ppid != server || p->pid == server || p->t_start >= t)
			continue;
		(*children)++;
		if (p->t_exit == T_NEVER || p->t_exit > t - SETTLE_NS || reaped_in_time(p, t))
			continue;
		if (zombies++ < CHECK_EVIDENCE_MAX - 1)
			say_zombie(c, r, p, server, t);
	}
	return zombies;
}

static void reaps_children(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);
	pid_t server = check_pid(c, "server");
	int64_t t = g ? g->marks[MARK_LEFT] : -1;
	int children = 0, zombies;

	if (!need_ran(c, r, "server") || !need_reached(c, r, MARK_LEFT, "every client had left"))
		return;
	/* The kernel says which children there were, and which stayed
	 * zombies; the trace's fork() and reaping records only explain. */
	zombies = kview_zombies(c, r, server, t, SETTLE_NS, &children);
	if (zombies < 0)
		zombies = traced_zombies(c, r, server, t, &children);
	if (!need(c, r, children > 0 || forked_before(c, server, t), "the server forked no child"))
		return;
	if (zombies) {
		check_evidence(r,
			       ev_first(c->s, &(struct ev_filter){.src = "proc", .fn = "zombie"}));
		check_fail(r,
			   "%d of the server's %d children stayed zombies after their clients "
			   "had left: the server did not wait() for them. Reap them in a SIGCHLD "
			   "handler: while (waitpid(-1, NULL, WNOHANG) > 0) ;",
			   zombies, children);
	} else {
		check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "proc",
								     .fn = "reaped",
								     .pid = server}));
		check_pass(r, "each of the server's %d children was reaped when it ended",
			   children);
	}
}

/* ---- closes-fds ------------------------------------------------------------ */

/*
 * A connection of a client that has left must be closed in the server:
 * its socket then goes from CLOSE_WAIT to LAST_ACK. Where the session has
 * the kernel's states, the socket's state at the mark is the verdict: in
 * CLOSE_WAIT, some descriptor for it is still open somewhere. The calls
 * say which: each descriptor a process had for the connection -- the one
 * accept() gave, the copies dup() made, those a child inherited at fork()
 * -- and whether it closed each one. Without states, the calls decide.
 */
/* One connection at the mark: what the kernel said, and who held it. */
struct kept {
	const struct event *accept;
	const struct event *state; /* its last state change before the mark; NULL */
	struct fd_holder h;	   /* who never let go of it (h.pid -1: none seen) */
};

/* True when k's connection was still open at t: in CLOSE_WAIT where the
 * kernel's states say, or held by a process where only the calls do. */
static bool still_open(const struct check_ctx *c, struct kept *k, int64_t t)
{
	fdhold_find(c, k->accept, t, &k->h);
	k->state = check_state_before(c, k->accept->call.sock, t);
	if (k->state)
		return k->state->state.to == TCP_ST_CLOSE_WAIT;
	return k->h.pid >= 0;
}

/* The client's FIN on the connection the server accepted: it has left. */
static const struct event *client_fin(const struct check_ctx *c, const struct event *accept)
{
	struct ev_filter f = {.src = "pkt", .flags = "F", .after = accept->t};
	const struct event *e = NULL;

	while (accept->call.peer && (e = ev_next(c->s, &f, e)))
		if (e->pkt.from && strcmp(e->pkt.from, accept->call.peer) == 0)
			return e;
	return NULL;
}

/* "[1207] 127.0.0.1:9190>127.0.0.1:40112 in CLOSE_WAIT for 2.1 s after the
 * client closed": until its next state, or the end of the session (and at
 * least until t, the mark it was judged at). */
static void say_close_wait(const struct check_ctx *c, struct check_result *r, const struct kept *k,
			   int64_t t)
{
	const struct event *cw = k->state, *next;
	int64_t end = c->t_end > t ? c->t_end : t;
	char who[32] = "";

	next = ev_first(c->s, &(struct ev_filter){.src = "state",
						  .sock = cw->state.sock,
						  .after = cw->t + 1});
	if (k->h.pid >= 0)
		snprintf(who, sizeof(who), "[%d] ", (int)k->h.pid);
	check_evidence_text(r, "%s%s in CLOSE_WAIT for %.1f s after the client closed%s", who,
			    cw->state.sock, (double)((next ? next->t : end) - cw->t) / 1e9,
			    next ? "" : ", to the end of the run");
}

static void say_kept(const struct check_ctx *c, struct check_result *r, pid_t server,
		     const struct kept *k, int64_t t)
{
	const struct event *a = k->accept, *made = k->h.held.made;

	check_evidence(r, a);
	if (k->h.pid >= 0 && made != a) {
		/* The copy dup() made, and the close() of the original that was
		 * meant to close the connection. */
		check_evidence(r, made);
		check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
								     .fn = "close",
								     .pid = a->pid,
								     .sock = a->call.sock,
								     .after = a->t}));
	}
	check_evidence(r, client_fin(c, a));
	if (k->state) {
		check_evidence(r, k->state);
		say_close_wait(c, r, k, t);
	}
	if (k->h.pid < 0) {
		check_evidence_text(r,
				    "no traced call shows which process kept a descriptor for it");
		return;
	}
	if (made != a)
		check_evidence_text(r,
				    "[%d] never closed fd %d (%s), the copy %s(%d) made; it is %s",
				    (int)k->h.pid, k->h.held.fd, a->call.sock, made->call.fn,
				    made->call.fd,
				    k->h.pid == server ? "the server itself"
						       : "a child of the server");
	else
		check_evidence_text(r, "[%d] never closed fd %d (%s)%s; it is %s", (int)k->h.pid,
				    k->h.held.fd, a->call.sock,
				    k->state ? ""
					     : ", so it stays in CLOSE_WAIT after the client left",
				    k->h.pid == server ? "the server itself"
						       : "a child of the server");
}

/* Connections accepted before t still open at t. Counts them, shows the
 * first (KEPT_SHOWN), and copies it into *first. */
static int connections_kept(const struct check_ctx *c, struct check_result *r, pid_t server,
			    int64_t t, struct kept *first)
{
	struct ev_filter f = {.src = "call", .fn = "accept", .err = "ok"};
	const struct event *a = NULL;
	int kept = 0;

	while ((a = ev_next(c->s, &f, a)) && a->t < t) {
		struct kept k = {.accept = a};

		if (!check_in_tree(c, a->pid, server) || !a->call.sock || !still_open(c, &k, t))
			continue;
		if (kept++ < KEPT_SHOWN) {
			say_kept(c, r, server, &k, t);
			*first = k;
		}
	}
	return kept;
}

/* A child's first call on a connected socket after from, or NULL. */
static const struct event *first_io(const struct check_ctx *c, pid_t child, int64_t from)
{
	struct ev_filter f = {.src = "call", .pid = child, .after = from};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (endpoint_pair_has_peer(e->call.sock) && strcmp(e->call.fn, "close") != 0)
			return e;
	return NULL;
}

/* Children of the server that served a client with the listening socket
 * still open. */
static int listeners_kept(const struct check_ctx *c, struct check_result *r, pid_t server,
			  int64_t t)
{
	const struct event *l = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "listen",
								   .err = "ok",
								   .pid = server});
	struct ev_filter forks = {.src = "proc", .fn = "fork", .pid = server};
	const struct event *k = NULL, *io, *closed;
	int kept = 0, judged = 0;

	while (l && judged < CHILDREN_JUDGED && (k = ev_next(c->s, &forks, k)) && k->t < t) {
		pid_t child = k->proc.child;

		if (child <= 0)
			continue;
		judged++;
		closed = ev_first(c->s, &(struct ev_filter){.src = "call",
							    .fn = "close",
							    .pid = child,
							    .sock = l->call.sock,
							    .after = k->t});
		if (!(io = first_io(c, child, k->t)) || (closed && closed->t < io->t))
			continue;
		if (kept++ == 0) {
			check_evidence(r, k);
			check_evidence(r, io);
		}
		check_evidence_text(r,
				    "[%d] served its client with the listening socket (fd %d, "
				    "%s) still open",
				    (int)child, l->call.fd, l->call.sock);
	}
	return kept;
}

/* Why connections stayed open, in a sentence, from the first of them. */
static void fail_kept(struct check_result *r, int conns, const struct kept *k)
{
	char left[160];

	snprintf(left, sizeof(left), "%d connection%s stayed open after %s client%s had left",
		 conns, conns == 1 ? "" : "s", conns == 1 ? "its" : "their", conns == 1 ? "" : "s");
	if (k->h.pid >= 0 && k->h.held.made != k->accept)
		check_fail(r,
			   "%s (CLOSE_WAIT): the server closed the descriptor accept() gave it, "
			   "but not the copy %s() made of it. A connection closes only when its "
			   "last descriptor is closed, in every process",
			   left, k->h.held.made->call.fn);
	else if (k->h.pid == k->accept->pid && k->h.forked)
		check_fail(r,
			   "%s, in the server (CLOSE_WAIT: a descriptor lost each time). After "
			   "fork(), the parent must close() the connected socket: only the child "
			   "serves it",
			   left);
	else if (k->h.pid >= 0)
		check_fail(r, "%s (CLOSE_WAIT): when recv() returns 0, close() the socket", left);
	else
		check_fail(r,
			   "%s (CLOSE_WAIT): some descriptor for each stayed open. A "
			   "connection closes only when its last descriptor is closed, in every "
			   "process: look for a dup(), or a process that does not close() it",
			   left);
}

/* Connections the kernel saw kept, which the trace says were closed. */
static void fail_kernel_kept(struct check_result *r, int conns, pid_t holder, pid_t server)
{
	check_fail(r,
		   "%d connection%s stayed open after %s client%s had left (CLOSE_WAIT, as the "
		   "kernel saw), in %s. A connection closes only when its last descriptor is "
		   "closed, in every process%s",
		   conns, conns == 1 ? "" : "s", conns == 1 ? "its" : "their",
		   conns == 1 ? "" : "s", holder == server ? "the server" : "a child of the server",
		   holder == server ? ": after fork(), the parent must close() the connected socket"
				    : "");
}

static void closes_fds(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);
	pid_t server = check_pid(c, "server");
	int64_t t = g ? g->marks[MARK_LEFT] : -1;
	struct kept first = {0};
	int conns = 0, kconns, listeners, klisteners;
	pid_t holder = -1;

	if (!need_ran(c, r, "server") || !need_reached(c, r, MARK_LEFT, "every client had left") ||
	    !need_accepted(c, r, "server"))
		return;
	/* The kernel's sockets decide; the calls say who kept which. */
	kconns = kview_kept(c, r, server, MARK_LEFT, &holder);
	if (kconns != 0)
		conns = connections_kept(c, r, server, t, &first);
	if (conns > KEPT_SHOWN)
		check_evidence_text(r, "... and %d more connection%s, the same way",
				    conns - KEPT_SHOWN, conns - KEPT_SHOWN == 1 ? "" : "s");
	listeners = listeners_kept(c, r, server, t);
	klisteners = kview_listeners(c, r, server);
	if (klisteners > listeners)
		listeners = klisteners;
	if (kconns > 0 && !conns)
		fail_kernel_kept(r, kconns, holder, server);
	else if (conns)
		fail_kept(r, kconns > 0 ? kconns : conns, &first);
	else if (listeners)
		check_fail(r,
			   "%d %s kept the listening socket open while serving: the port stays "
			   "taken as long as any of them lives. A child must close() the listening "
			   "socket first",
			   listeners, listeners == 1 ? "child" : "children");
	else
		check_pass(r, "every connection was closed once its client left, and no child kept "
			      "the listening socket");
}

/* ---- reuseaddr ---------------------------------------------------------------- */

/* pid's setsockopt(SO_REUSEADDR, non-zero), or NULL. */
static const struct event *reuseaddr_of(const struct check_ctx *c, pid_t pid)
{
	struct ev_filter f = {.src = "call", .fn = "setsockopt", .pid = pid};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (e->call.opt && strcmp(e->call.opt, "SO_REUSEADDR") == 0 && e->call.val)
			return e;
	return NULL;
}

/* The last state change before t that left a socket on port holding it
 * after its program was gone (TIME_WAIT, FIN_WAIT_2), where the session
 * has states. */
static const struct event *port_held(const struct check_ctx *c, int port, int64_t t)
{
	struct ev_filter f = {.src = "state", .port = port};
	const struct event *e = NULL, *held = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t < t)
		if (endpoint_pair_local_port(e->state.sock) == port &&
		    (e->state.to == TCP_ST_TIME_WAIT || e->state.to == TCP_ST_FIN_WAIT_2))
			held = e;
	return held;
}

static void reuseaddr(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "server (restarted)";
	pid_t first = check_pid(c, "server"), again = check_pid(c, who);
	const struct event *bind, *listen, *reuse, *held;
	int klisten;

	/* A connection the server took holds its port after it is gone (in
	 * TIME_WAIT, FIN_WAIT_2), however it was served; one still in its
	 * backlog, never accepted, is reset and holds nothing. */
	if (!need_connected(c, r, "holding client") ||
	    !need(c, r, accept_of(c, grade_connected(c, "holding client")),
		  "the server never accepted the holding client's connection") ||
	    !need_ran(c, r, who))
		return;
	klisten = kview_listens(c, again, MARK_RESTARTED);
	reuse = reuseaddr_of(c, again);
	bind = ev_first(c->s, &(struct ev_filter){.src = "call", .fn = "bind", .pid = again});
	listen = ev_first(c->s, &(struct ev_filter){.src = "call",
						    .fn = "listen",
						    .err = "ok",
						    .pid = again});
	check_evidence(r, reuse);
	check_evidence(r, bind);
	if (klisten > 0 || (klisten < 0 && bind && listen && bind->call.ret == 0)) {
		check_evidence(r, listen);
		if (klisten > 0)
			check_evidence_text(r, "[%d] listens on port %d (the kernel: sock_diag)",
					    (int)again, c->facts->port);
		check_pass(r,
			   "killed with a connection open, the server started again at once and "
			   "listened on port %d",
			   c->facts->port);
		return;
	}
	check_output_evidence(c, r, who, NULL, 2);
	check_end_evidence(c, r, again);
	held = bind ? port_held(c, c->facts->port, bind->t) : NULL;
	check_evidence(r, held);
	if (!reuseaddr_of(c, first))
		check_evidence_text(r, "the server never set SO_REUSEADDR on its listening socket");
	if (klisten == 0 && bind && bind->call.ret == 0 && listen)
		check_fail(r,
			   "started again at once, the server did not listen on port %d: the "
			   "kernel saw no listening socket of it, whatever its trace says",
			   c->facts->port);
	else if (bind && bind->call.err && strcmp(bind->call.err, "EADDRINUSE") == 0)
		check_fail(r,
			   "started again at once, the server could not bind port %d: bind() "
			   "failed with EADDRINUSE, because the killed server's connection still "
			   "holds the port (in %s). Set SO_REUSEADDR on the listening socket "
			   "before bind()",
			   c->facts->port,
			   held ? tcp_state_name(held->state.to) : "TIME_WAIT or FIN_WAIT_2");
	else
		check_fail(r, "started again at once, the server did not listen on port %d",
			   c->facts->port);
}

static const struct check echo_fork_checks[] = {
	{"echo", "echoes exactly: many small messages, and a 1 MiB message",
	 "lab 6 (fragmentation): socklab run 6", echo_exact},
	{"concurrent", "a second client is served while the first is still connected",
	 "lab 2 (fork-server): socklab run 2", concurrent},
	{"reaps-children", "no zombie child remains after clients leave",
	 "lab 3 (zombies): socklab run 3", reaps_children},
	{"closes-fds", "no socket of a gone client stays open; children close the listening socket",
	 "lab 2 (fork-server): socklab run 2", closes_fds},
	{"reuseaddr", "killed while connections are open, the server restarts at once on its port",
	 "lab 5 (reuseaddr): socklab run 5", reuseaddr},
	{NULL},
};

const struct assignment assignment_echo_fork = {
	.name = "echo-fork",
	.title = "a concurrent TCP echo server (fork per client)",
	.usage = "prog PORT",
	.args = "{port}",
	.prog_hint = "server",
	.run = echo_fork_run,
	.checks = echo_fork_checks,
};

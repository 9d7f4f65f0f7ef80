/*
 * Lab 12 (threads): what socklab runs, and the checkpoints it proves.
 *
 * A thread-per-client echo server; two clients connect and type a line
 * each. socklab holds each new thread until the server makes the next one
 * (lib/tracer/threadcalls.c), so the first thread reads its argument only
 * after the second accept(). Naive (&clnt_sock): both threads serve client
 * 2's socket, and client 1 is never served. Fixed (by value): each thread
 * its own client, whatever the order.
 *
 * --close-listener: each thread first closes the listening socket, as lab
 * 2's children did: accept() stops for the whole process.
 *
 * --chat: a chat server, its client list shared by the threads; three
 * clients talk, then quit. Naive: no mutex (ThreadSanitizer reports the
 * race), and a client quits with close(), which does not wake its receiver
 * thread from recv(). --chat --fix: a mutex, and shutdown().
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "check/models.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define STOPS	  "socklab stops the server"
#define TSAN_RACE "WARNING: ThreadSanitizer: data race"
#define QUIT_MS	  1500 /* how long a quitting client is given to end */

/* ---- the echo server (naive, --fix) ----------------------------------------- */

/* Client i connects, the server says so, and the client types its line. */
static pid_t connect_and_type(struct scenario *s, const struct lab_run *r, pid_t server, int i)
{
	char role[24], said[32], line[32];
	pid_t client;

	snprintf(role, sizeof(role), "client %d", i);
	snprintf(said, sizeof(said), "client %d connected", i);
	snprintf(line, sizeof(line), "hello from client %d\n", i);
	scenario_step(s, _("client %d connects and types a line"), i);
	client = lab_echo_client_start(s, role, r->port);
	if (client < 0 || scenario_wait_output(s, server, said, 5000) < 0 ||
	    scenario_type(s, client, line) < 0)
		return -1;
	return client;
}

static int echo_run(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server, client[2];

	scenario_step(s, _("socklab holds each new thread of the server until the server makes the "
			   "next one: a busy machine may run them in that order any time"));
	scenario_hold_threads(s, true);
	scenario_step(s,
		      r->fix ? _("start the thread-per-client echo server on port %s (each thread "
				 "gets its socket by value)")
			     : _("start the thread-per-client echo server on port %s (each thread "
				 "gets &clnt_sock)"),
		      port);
	server = scenario_start(s, "server", ARGV("echo_thrserv", port, r->fix ? "by-value" : NULL),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if ((client[i] = connect_and_type(s, r, server, i + 1)) < 0)
			return -1;
	scenario_step(s,
		      _("the server made its second thread, so the first one starts; socklab lets "
			"the second one start too"));
	scenario_hold_threads(s, false);
	if (scenario_wait_output(s, client[1], "Message from server", 5000) < 0)
		return -1;
	/* Naive, client 1's echo never comes: it is given a second. */
	scenario_wait_output(s, client[0], "Message from server", r->fix ? 5000 : 1000);
	if (scenario_wait_blocked(s, server, "read", 2, 5000) < 0)
		return -1;
	/* Until a thread has ended, the read() that woke it may not be in the
	 * session yet: the server is stopped only after its threads end. */
	scenario_step(s, _("client 2 ends its input and closes"));
	scenario_type_end(s, client[1]);
	if (scenario_wait(s, client[1], 5000) < 0 ||
	    scenario_wait_threads(s, server, r->fix ? 2 : 1, 5000) < 0)
		return -1;
	scenario_step(s, r->fix ? _("client 1 ends its input and closes")
				: _("client 1 ends its input, but it still waits for its echo"));
	scenario_type_end(s, client[0]);
	if (r->fix && (scenario_wait(s, client[0], 5000) < 0 ||
		       scenario_wait_threads(s, server, 1, 5000) < 0))
		return -1;
	scenario_step(s, STOPS);
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0 || scenario_wait(s, client[0], 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

/* ---- --close-listener ------------------------------------------------------- */

static int close_listener_run(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server, client[3];

	scenario_step(s,
		      _("start the echo server on port %s: each thread first closes the "
			"listening socket, as lab 2's children did"),
		      port);
	scenario_hold_threads(s, true);
	server = scenario_start(s, "server", ARGV("echo_thrserv", port, "close-listener"), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0 ||
	    (client[0] = connect_and_type(s, r, server, 1)) < 0 ||
	    scenario_wait_blocked(s, server, "accept", 1, 5000) < 0)
		return -1;
	scenario_step(s, _("the main thread waits in accept() again; socklab lets the first thread "
			   "start, and it closes the listening socket"));
	scenario_hold_threads(s, false);
	if (scenario_wait_output(s, server, "closed the listening socket", 5000) < 0 ||
	    scenario_wait_output(s, client[0], "Message from server", 5000) < 0)
		return -1;
	scenario_step(s, _("client 2 connects: the accept() already waiting still holds the "
			   "listening socket, and returns it"));
	if ((client[1] = connect_and_type(s, r, server, 2)) < 0 ||
	    scenario_wait_output(s, server, "accept() error", 5000) < 0)
		return -1;
	scenario_step(s, _("client 3 connects: nobody listens on port %s any more"), port);
	client[2] = lab_echo_client_start(s, "client 3", r->port);
	if (client[2] < 0 || scenario_wait(s, client[2], 5000) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		scenario_type_end(s, client[i]);
		if (scenario_wait(s, client[i], 5000) < 0)
			return -1;
	}
	scenario_step(s, STOPS);
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

/* ---- --chat ------------------------------------------------------------------ */

#define CHATTERS 3

static const char *const names[CHATTERS] = {"A", "B", "C"};

/* What is said, by whom, and who is there to hear it. */
static const struct line {
	int from;
	const char *text;
	bool heard[CHATTERS];
} lines[] = {
	{0, "hello from A", {false, true, true}},
	{1, "hi from B", {true, false, true}},
	{2, "hey from C", {true, true, false}},
	{1, "still here from B", {false, false, true}}, /* after A left */
};
#define NLINES (sizeof(lines) / sizeof(lines[0]))
#define A_LEFT 3 /* lines before A quits */

static int say(struct scenario *s, const pid_t client[], const struct line *l)
{
	char typed[64], heard[80];

	snprintf(typed, sizeof(typed), "%s\n", l->text);
	snprintf(heard, sizeof(heard), "[%s] %s", names[l->from], l->text);
	scenario_step(s, _("client %s says \"%s\""), names[l->from], l->text);
	if (scenario_type(s, client[l->from], typed) < 0)
		return -1;
	for (int k = 0; k < CHATTERS; k++)
		if (l->heard[k] && scenario_wait_output(s, client[k], heard, 5000) < 0)
			return -1;
	return 0;
}

/* Client i quits: its input ends. Fixed, it ends by itself; naive, it
 * waits in pthread_join() for ever, and socklab stops it. */
static int quit(struct scenario *s, const struct lab_run *r, pid_t client, int i)
{
	pid_t stuck;

	scenario_step(
		s,
		r->fix ? _("client %s quits: its input ends, it calls shutdown(SHUT_RDWR), and "
			   "waits for its receiver thread")
		       : _("client %s quits: its input ends, it calls close(), and waits for its "
			   "receiver thread"),
		names[i]);
	scenario_type_end(s, client);
	if (scenario_wait(s, client, QUIT_MS) == 0)
		return 0;
	if (r->fix || (stuck = scenario_wait_blocked(s, client, "recv", 1, 1000)) < 0)
		return -1;
	scenario_step(s,
		      _("%.1f s after close(), client %s's receiver thread %d is still blocked in "
			"recv(): socklab stops the client"),
		      QUIT_MS / 1000.0, names[i], (int)stuck);
	scenario_kill(s, client, SIGTERM);
	return scenario_wait(s, client, 5000);
}

static int chat_run(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server, client[CHATTERS];
	char role[24], said[32];

	scenario_step(s,
		      r->fix ? _("start the chat server on port %s (with its mutex; built with "
				 "ThreadSanitizer)")
			     : _("start the chat server on port %s (without a mutex: nolock; built "
				 "with ThreadSanitizer)"),
		      port);
	server = scenario_start(s, "server", ARGV("chat_serv", port, r->fix ? NULL : "nolock"),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	for (int i = 0; i < CHATTERS; i++) {
		snprintf(role, sizeof(role), "client %s", names[i]);
		snprintf(said, sizeof(said), "clients: %d", i + 1);
		scenario_step(s, _("client %s joins"), names[i]);
		client[i] =
			scenario_start_typing(s, NULL, role,
					      ARGV("chat_clnt", "127.0.0.1", port, (char *)names[i],
						   r->fix ? "shutdown" : NULL));
		if (client[i] < 0 || scenario_wait_output(s, server, said, 5000) < 0)
			return -1;
	}
	for (size_t k = 0; k < NLINES; k++) {
		if (k == A_LEFT && (quit(s, r, client[0], 0) < 0 ||
				    scenario_wait_output(s, server, "clients: 2", 5000) < 0))
			return -1;
		if (say(s, client, &lines[k]) < 0)
			return -1;
	}
	for (int i = 1; i < CHATTERS; i++)
		if (quit(s, r, client[i], i) < 0)
			return -1;
	scenario_step(s, STOPS);
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

static int threads_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "chat"))
		return chat_run(s, r, port);
	if (lab_option(r, "close-listener"))
		return close_listener_run(s, r, port);
	return echo_run(s, r, port);
}

/* ---- the echo server's checkpoints ------------------------------------------- */

static void threads_not_processes(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct serve_model m;
	char how[96];

	serve_model_of(c, server, &m);
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "pthread_create",
							     .pid = server}));
	for (size_t i = 0; i < c->procs.nth; i++)
		if (c->procs.th[i].pid == server)
			check_evidence_text(r, _("[%d] thread %d: %u calls"), (int)server,
					    (int)c->procs.th[i].tid, c->procs.th[i].ncalls);
	if (server < 0)
		check_fail(r, _("the server never ran"));
	else if (m.children > 0 || m.threads < 3)
		check_fail(r, _("the server used %s, not a thread per client"),
			   serve_model_name(&m, how, sizeof(how)));
	else
		check_pass(r,
			   _("one process, %d threads: the main one accepts, one more per client; "
			     "no fork()"),
			   m.threads);
}

/* The fd of the server's side of role's connection, or -1. */
static int server_fd_of(const struct check_ctx *c, const char *role)
{
	char sock[ENDPOINT_PAIR_MAX];
	const struct event *acc = lab_accept_of(c, role, sock);

	return acc ? (int)acc->call.ret : -1;
}

/* The threads of the server (not its first) that read fd, into tids (at
 * most max, the first read of each as evidence). Returns how many. */
static int readers_of(const struct check_ctx *c, int fd, pid_t *tids, int max,
		      struct check_result *r)
{
	struct ev_filter f = {.src = "call", .fn = "read", .pid = check_pid(c, "server")};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); fd >= 0 && e; e = ev_next(c->s, &f, e)) {
		bool seen = false;
		if (e->call.fd != fd)
			continue;
		for (int i = 0; i < n; i++)
			seen |= tids[i] == e->tid;
		if (!seen && n < max) {
			tids[n++] = e->tid;
			if (r)
				check_evidence(r, e);
		}
	}
	return n;
}

static void same_fd_twice(const struct check_ctx *c, struct check_result *r)
{
	int fd = server_fd_of(c, "client 2");
	pid_t tids[4];
	int n = readers_of(c, fd, tids, 4, r);
	const struct event *twice =
		ev_first(c->s, &(struct ev_filter){.src = "call",
						   .fn = "close",
						   .err = "EBADF",
						   .pid = check_pid(c, "server")});

	check_evidence(r, twice);
	check_output_evidence(c, r, "server", "serves socket", 2);
	if (fd < 0)
		check_fail(r, _("the server never accepted client 2"));
	else if (n < 2)
		check_fail(r,
			   n == 1 ? _("%d thread read client 2's socket %d")
				  : _("%d threads read client 2's socket %d"),
			   n, fd);
	else
		check_pass(r,
			   _("threads %d and %d both read socket %d, client 2's: the first read "
			     "clnt_sock after the second accept() had overwritten it"),
			   (int)tids[0], (int)tids[1], fd);
}

static void client_starved(const struct check_ctx *c, struct check_result *r)
{
	lab_check_starved(c, r, "client 1");
}

static void one_thread_per_client(const struct check_ctx *c, struct check_result *r)
{
	int fd1 = server_fd_of(c, "client 1"), fd2 = server_fd_of(c, "client 2");
	pid_t t1[4], t2[4];
	int n1 = readers_of(c, fd1, t1, 4, r), n2 = readers_of(c, fd2, t2, 4, r);

	if (fd1 < 0 || fd2 < 0)
		check_fail(r, _("the server did not accept both clients"));
	else if (n1 != 1 || n2 != 1 || t1[0] == t2[0])
		check_fail(r, _("socket %d was read by %d threads, socket %d by %d"), fd1, n1, fd2,
			   n2);
	else
		check_pass(r,
			   _("thread %d served socket %d (client 1), thread %d socket %d (client "
			     "2)"),
			   (int)t1[0], fd1, (int)t2[0], fd2);
}

static void all_served(const struct check_ctx *c, struct check_result *r)
{
	lab_check_all_served(c, r, 2);
}

/* ---- --close-listener's checkpoints -------------------------------------------- */

/* The server's listen(): its sock names the listening socket. */
static const struct event *listener(const struct check_ctx *c)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "listen",
						  .err = "ok",
						  .pid = check_pid(c, "server")});
}

/* The close() of the listening socket by a thread of the server. */
static const struct event *listener_closed(const struct check_ctx *c)
{
	const struct event *l = listener(c);

	return l ? ev_first(c->s, &(struct ev_filter){.src = "call",
						      .fn = "close",
						      .err = "ok",
						      .pid = l->pid,
						      .sock = l->call.sock})
		 : NULL;
}

static void thread_closes_listener(const struct check_ctx *c, struct check_result *r)
{
	const struct event *closed = listener_closed(c);

	check_evidence(r, listener(c));
	check_evidence(r, closed);
	if (!closed)
		check_fail(r, _("nobody closed the listening socket"));
	else if (closed->tid == closed->pid)
		check_fail(r,
			   _("the main thread closed the listening socket, not a client's thread"));
	else
		check_pass(r,
			   _("thread %d, serving a client, closed the listening socket (fd %d): "
			     "the "
			     "one descriptor of the whole process"),
			   (int)closed->tid, closed->call.fd);
}

static void accept_fails(const struct check_ctx *c, struct check_result *r)
{
	const struct event *closed = listener_closed(c), *failed = NULL;
	struct ev_filter f = {.src = "call", .fn = "accept", .pid = check_pid(c, "server")};
	int after = 0;

	for (const struct event *e = ev_first(c->s, &f); closed && e; e = ev_next(c->s, &f, e)) {
		if (e->t < closed->t)
			continue;
		if (e->call.ret >= 0)
			after++;
		else if (!failed)
			failed = e;
	}
	check_evidence(r, closed);
	check_evidence(r, failed);
	if (!failed)
		check_fail(r, _("no accept() failed after a thread closed the listening socket"));
	else
		check_pass(r,
			   _("after the thread's close(), %d accept() already waiting returned a "
			     "client, then the main thread's accept() failed with %s: accepting "
			     "stopped for the whole process"),
			   after, failed->call.err ? failed->call.err : _("an error"));
}

static void later_refused(const struct check_ctx *c, struct check_result *r)
{
	const struct event *conn =
		ev_first(c->s, &(struct ev_filter){.src = "call",
						   .fn = "connect",
						   .pid = check_pid(c, "client 3")});

	check_evidence(r, conn);
	check_output_evidence(c, r, "client 3", NULL, 1);
	if (!conn)
		check_fail(r, _("client 3 never tried to connect"));
	else if (!conn->call.err || strcmp(conn->call.err, "ECONNREFUSED") != 0)
		check_fail(r, _("client 3's connect() was not refused"));
	else
		check_pass(r, _("client 3's connect() was refused (ECONNREFUSED): the port had no "
				"listening socket left"));
}

/* ---- --chat's checkpoints ------------------------------------------------------ */

/* How many lines of role's output hold text. */
static int times_printed(const struct check_ctx *c, const char *role, const char *text)
{
	const char *out = check_output(c, role);
	int n = 0;

	for (const char *p = strstr(out, text); p; p = strstr(p + 1, text))
		n++;
	return n;
}

static void relays(const struct check_ctx *c, struct check_result *r)
{
	int wrong = 0, right = 0;

	for (size_t k = 0; k < NLINES; k++) {
		char heard[80];
		snprintf(heard, sizeof(heard), "[%s] %s", names[lines[k].from], lines[k].text);
		for (int i = 0; i < CHATTERS; i++) {
			char role[24];
			int n;
			snprintf(role, sizeof(role), "client %s", names[i]);
			n = times_printed(c, role, heard);
			if (n == (lines[k].heard[i] ? 1 : 0)) {
				right += n;
				continue;
			}
			if (wrong++ == 0)
				check_evidence_text(r, _("client %s printed \"%s\" %d times"),
						    names[i], heard, n);
		}
	}
	check_output_evidence(c, r, "client C", "[", 3);
	if (wrong)
		check_fail(r, _("%d times a line did not reach a client exactly once"), wrong);
	else
		check_pass(r,
			   _("each line reached every other client present exactly once (%d "
			     "deliveries), never its sender"),
			   right);
}

static void race(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "server", "ThreadSanitizer", 1);
	check_output_evidence(c, r, "server", "by thread", 2);
	check_output_evidence(c, r, "server", "by main thread", 1);
	if (check_printed(c, "server", TSAN_RACE))
		check_pass(r, _("ThreadSanitizer caught two threads using the client list with no "
				"lock between them: a data race"));
	else
		check_fail(r, _("ThreadSanitizer reported no data race"));
}

static void no_race(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "server", "client", 3);
	if (check_printed(c, "server", "ThreadSanitizer")) {
		check_output_evidence(c, r, "server", "ThreadSanitizer", 2);
		check_fail(r, _("ThreadSanitizer reported a problem"));
	} else {
		check_pass(r, _("ThreadSanitizer watched every access to the client list and "
				"reported no race: each was inside the mutex"));
	}
}

/* Client A's quit (its close() or shutdown()), and its receiver thread's
 * last recv(). */
static const struct event *quit_call(const struct check_ctx *c, const char *fn)
{
	pid_t a = check_pid(c, "client A");
	const struct event *conn = ev_first(c->s, &(struct ev_filter){.src = "call",
								      .fn = "connect",
								      .err = "ok",
								      .pid = a});

	return conn ? ev_first(c->s, &(struct ev_filter){.src = "call",
							 .fn = fn,
							 .pid = a,
							 .sock = conn->call.sock})
		    : NULL;
}

static const struct event *recv_after(const struct check_ctx *c, const struct event *quit)
{
	return quit ? ev_first(c->s, &(struct ev_filter){.src = "call",
							 .fn = "recv",
							 .pid = quit->pid,
							 .after = quit->t})
		    : NULL;
}

static void close_does_not_wake(const struct check_ctx *c, struct check_result *r)
{
	const struct event *closed = quit_call(c, "close"), *woke = recv_after(c, closed);
	int64_t stopped = lab_step_time(c, N_("socklab stops the client"));

	check_evidence(r, closed);
	check_evidence(r, woke);
	if (closed)
		check_end_evidence(c, r, closed->pid);
	if (!closed)
		check_fail(r, _("client A never closed its socket"));
	else if (woke && woke->t < stopped)
		check_fail(r,
			   _("client A's receiver thread came out of recv() %.0f ms after close()"),
			   check_ms_between(closed->t, woke->t));
	else if (stopped >= c->t_end)
		check_fail(r, _("client A ended by itself after close()"));
	else
		check_pass(r,
			   _("after close(), client A's receiver thread stayed blocked in recv() "
			     "for %.1f s, and A waited in pthread_join() until socklab stopped it"),
			   check_ms_between(closed->t, stopped) / 1000);
}

static void shutdown_wakes(const struct check_ctx *c, struct check_result *r)
{
	const struct event *shut = quit_call(c, "shutdown"), *woke = recv_after(c, shut);
	pid_t a = check_pid(c, "client A");

	check_evidence(r, shut);
	check_evidence(r, woke);
	check_end_evidence(c, r, a);
	if (!shut)
		check_fail(r, _("client A never called shutdown()"));
	else if (!woke || woke->call.ret != 0)
		check_fail(r, _("client A's receiver thread did not come out of recv() with 0"));
	else if (!check_printed(c, "client A", "bye"))
		check_fail(r, _("client A did not end by itself"));
	else
		check_pass(r,
			   _("%.1f ms after shutdown(), the receiver thread's recv() returned 0; "
			     "the "
			     "thread ended and client A left by itself"),
			   check_ms_between(shut->t, woke->t));
}

static const struct check echo_checks[] = {
	{"threads-not-processes", N_("one process: the main thread and a thread per client"),
	 .fn = threads_not_processes},
	{"same-fd-twice", N_("two threads serve one client's socket (&clnt_sock was overwritten)"),
	 .fn = same_fd_twice},
	{"client-starved", N_("the other client is never served"), .fn = client_starved},
	{NULL},
};

static const struct check echo_fix_checks[] = {
	{"threads-not-processes", N_("one process: the main thread and a thread per client"),
	 .fn = threads_not_processes},
	{"one-thread-per-client", N_("each client's socket is served by its own thread"),
	 .fn = one_thread_per_client},
	{"all-served", N_("every client gets its line back"), .fn = all_served},
	{NULL},
};

static const struct check close_listener_checks[] = {
	{"thread-closes-listener", N_("a client's thread closes the listening socket"),
	 .fn = thread_closes_listener},
	{"accept-fails", N_("then accept() fails for the whole process"), .fn = accept_fails},
	{"later-refused", N_("a later client is refused: nobody listens"), .fn = later_refused},
	{NULL},
};

static const struct check chat_checks[] = {
	{"relays", N_("every line reaches every other client once, never its sender"),
	 .fn = relays},
	{"race", N_("without a mutex, ThreadSanitizer reports a data race on the client list"),
	 .fn = race},
	{"close-does-not-wake", N_("close() does not wake the thread blocked in recv()"),
	 .fn = close_does_not_wake},
	{NULL},
};

static const struct check chat_fix_checks[] = {
	{"relays", N_("every line reaches every other client once, never its sender"),
	 .fn = relays},
	{"no-race", N_("with the mutex, ThreadSanitizer reports nothing"), .fn = no_race},
	{"shutdown-wakes", N_("shutdown() wakes the thread blocked in recv()"),
	 .fn = shutdown_wakes},
	{NULL},
};

static const struct lab_option threads_options[] = {
	{"close-listener",
	 N_("each thread first closes the listening socket, as lab 2's children did"),
	 close_listener_checks},
	{"chat", N_("a chat server: its client list without a mutex; quitting with close()"),
	 chat_checks},
	{NULL},
};

static const struct lab_option_fix threads_option_fixes[] = {
	{"close-listener", NULL,
	 N_("it shows what a shared descriptor table means; lab 2 is its contrast")},
	{"chat", chat_fix_checks, NULL},
	{NULL},
};

const struct lab lab_12 = {
	.number = 12,
	.name = "threads",
	.title = N_("a thread per client: the &clnt_sock race, a shared descriptor table, a chat"),
	.dir = "12-threads",
	.fix = N_("each thread gets its client's socket by value, not &clnt_sock"),
	.options = threads_options,
	.option_fixes = threads_option_fixes,
	.run = threads_run,
	.checks = echo_checks,
	.fix_checks = echo_fix_checks,
};

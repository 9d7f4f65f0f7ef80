/*
 * Lab 11 (select): what socklab runs, and the checkpoints it proves.
 *
 * The client's problem first. The select server starts; a client connects
 * and types a line; then the server process ends, and its kernel sends the
 * client a FIN. Naive: lab 1's client waits in fgets() for its user, who
 * stays silent for 2 s; the FIN waits unread, the socket in CLOSE_WAIT,
 * until the user types. Fixed (echo_selectcli): select() on the keyboard
 * and the socket wakes at the FIN, and the client closes at once.
 *
 * --server: the select server serves three clients in one process.
 * Naive, it hands select() its own set (no-copy): the set shrinks to the
 * ready ones, and clients 1 and 2 starve. --server --fix: a copy each
 * time, and all three are served. --epoll: the same three clients, with
 * epoll. --pool: 100 clients at once against four threads on one epoll
 * instance (EPOLLONESHOT).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "check/models.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define CLIENTS	     3
#define POOL_CLIENTS 100
#define POOL_THREADS 4
#define SILENT_MS    2000 /* the user of the client does not type */
/* Steps, or their beginnings, that checkpoints find by their text
 * (lab_step_time): each step's translation holds theirs. */
#define STOPS_SERVER N_("the server process ends")
#define USER_TYPES   N_("the user types a line")
#define ALL_WAIT     N_("threads of the server wait in epoll_wait()")

/* ---- the client's run (naive and --fix) ------------------------------------ */

static int client_run(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server, client;

	scenario_step(s, _("start the select server on port %s"), port);
	server = scenario_start(s, "server", ARGV("echo_selectserv", port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("a client connects and types a line (%s)"),
		      r->fix ? _("echo_selectcli: it waits in select() on the keyboard and the "
				 "socket")
			     : _("lab 1's echo_client: it waits in fgets() for the keyboard"));
	client = r->fix ? scenario_start_typing(s, NULL, "client",
						ARGV("echo_selectcli", "127.0.0.1", port))
			: lab_echo_client_start(s, "client", r->port);
	if (client < 0)
		return -1;
	scenario_sleep(s, 100);
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, client, "Message from server: hello", 5000) < 0)
		return -1;
	scenario_step(s, _("the server process ends (socklab stops it): its kernel sends the "
			   "client a FIN"));
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_step(s, _("the client's user does not type for %d s"), SILENT_MS / 1000);
	scenario_sleep(s, SILENT_MS);
	scenario_step(s, "%s", _(USER_TYPES));
	/* The fixed client has left already: nobody reads this. */
	scenario_type(s, client, "are you there?\n");
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

/* ---- the server runs (--server, --epoll, --pool) ---------------------------- */

/* Client i connects and the server says so. */
static pid_t connect_client(struct scenario *s, const struct lab_run *r, pid_t server, int i)
{
	char role[24], said[32];
	pid_t client;

	snprintf(role, sizeof(role), "client %d", i);
	snprintf(said, sizeof(said), "client %d connected", i);
	scenario_step(s, _("client %d connects"), i);
	client = lab_echo_client_start(s, role, r->port);
	if (client < 0 || scenario_wait_output(s, server, said, 5000) < 0)
		return -1;
	return client;
}

/* Clients type in turn. A starved client's echo never comes: it is given
 * a second, then the run goes on. */
static void clients_type(struct scenario *s, const pid_t client[], bool may_starve)
{
	for (int i = 0; i < CLIENTS; i++) {
		char line[32];
		snprintf(line, sizeof(line), "hello from client %d\n", i + 1);
		scenario_step(s, _("client %d types a line"), i + 1);
		scenario_type(s, client[i], line);
		scenario_wait_output(s, client[i], "Message from server", may_starve ? 1000 : 5000);
	}
}

static int server_run(struct scenario *s, const struct lab_run *r, char *port)
{
	bool epoll = lab_option(r, "epoll"), no_copy = !epoll && !r->fix;
	pid_t server, client[CLIENTS];

	if (no_copy)
		scenario_step(s,
			      _("start the %s server on port %s (it hands select() its own set: "
				"no-copy)"),
			      epoll ? "epoll" : "select", port);
	else
		scenario_step(s, _("start the %s server on port %s"), epoll ? "epoll" : "select",
			      port);
	server = scenario_start(s, "server",
				ARGV(epoll ? "echo_epollserv" : "echo_selectserv", port,
				     no_copy ? "no-copy" : NULL),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	for (int i = 0; i < CLIENTS; i++)
		if ((client[i] = connect_client(s, r, server, i + 1)) < 0)
			return -1;
	clients_type(s, client, no_copy);
	for (int i = 0; i < CLIENTS; i++) {
		scenario_step(s, _("client %d ends its input and closes"), i + 1);
		scenario_type_end(s, client[i]);
		/* A starved client still waits for its echo: it stays. */
		if (scenario_wait(s, client[i], no_copy ? 300 : 5000) < 0 && !no_copy)
			return -1;
	}
	scenario_sleep(s, 200);
	scenario_step(s, _("socklab stops the server"));
	scenario_kill(s, server, SIGTERM);
	for (int i = 0; i < CLIENTS; i++)
		if (scenario_wait(s, client[i], 5000) < 0)
			return -1;
	scenario_sleep(s, 300);
	return 0;
}

static int pool_run(struct scenario *s, const struct lab_run *r, char *port)
{
	char n[16];
	pid_t server, clients;

	snprintf(n, sizeof(n), "%d", POOL_CLIENTS);
	scenario_step(s, _("start the server: a pool of %d threads on one epoll instance"),
		      POOL_THREADS);
	server = scenario_start(s, "server", ARGV("echo_epollpool", port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0 ||
	    scenario_wait_output(s, server, "threads serves every client", 5000) < 0)
		return -1;
	scenario_step(s, _("%d clients connect at once, each sends a line and waits for its echo"),
		      POOL_CLIENTS);
	clients = scenario_start(s, "clients", ARGV("many_clients", n, "127.0.0.1", port), NULL);
	if (clients < 0 || scenario_wait(s, clients, 30000) < 0 ||
	    scenario_wait_blocked(s, server, "epoll", POOL_THREADS, 5000) < 0)
		return -1;
	/* A thread waiting in epoll_wait() has no record until it returns:
	 * the kernel says where each one is. */
	scenario_step(s,
		      _("every client served, all %d threads of the server wait in epoll_wait() on "
			"the one instance"),
		      POOL_THREADS);
	scenario_step(s, _("socklab stops the server"));
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

static int select_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "pool"))
		return pool_run(s, r, port);
	if (lab_option(r, "server") || lab_option(r, "epoll"))
		return server_run(s, r, port);
	return client_run(s, r, port);
}

/* ---- the client's checkpoints --------------------------------------------- */

/* The client's connect(): its sock names the client's socket. */
static const struct event *client_connect(const struct check_ctx *c, const char *role)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "connect",
						  .err = "ok",
						  .pid = check_pid(c, role)});
}

static void echoes(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "client", "Message from server", 2);
	if (check_printed(c, "client", "Message from server: hello"))
		check_pass(r, _("the line came back while the server ran"));
	else
		check_fail(r, _("the client's line did not come back"));
}

/* The client's read() that returned 0: it saw the server's FIN. */
static const struct event *client_eof(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "call", .fn = "read", .pid = check_pid(c, "client")};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (e->call.ret == 0)
			return e;
	return NULL;
}

static void notices_late(const struct check_ctx *c, struct check_result *r)
{
	int64_t stopped = lab_step_time(c, STOPS_SERVER), typed = lab_step_time(c, USER_TYPES);
	const struct event *eof = client_eof(c);

	check_evidence(r, eof);
	if (!eof)
		check_fail(r, _("the client never read the server's FIN (no read() returned 0)"));
	else if (eof->t < typed)
		check_fail(r,
			   _("the client read the FIN %.0f ms after the server ended, before its "
			     "user typed: it did not wait in fgets()"),
			   check_ms_between(stopped, eof->t));
	else
		check_pass(r,
			   _("the client read the server's FIN only %.1f s after the server had "
			     "ended, once its user typed: until then it waited in fgets()"),
			   check_ms_between(stopped, eof->t) / 1000);
}

static void close_wait_while_blocked(const struct check_ctx *c, struct check_result *r)
{
	int64_t typed = lab_step_time(c, USER_TYPES);
	const struct event *conn = client_connect(c, "client"), *cw, *la;

	if (!check_source_ran(c, "state", r))
		return;
	if (!conn) {
		check_fail(r, _("the client never connected"));
		return;
	}
	cw = check_state_to(c, conn->call.sock, "CLOSE_WAIT");
	la = check_state_to(c, conn->call.sock, "LAST_ACK");
	check_evidence(r, cw);
	check_evidence(r, la);
	if (!cw)
		check_fail(r, _("the client's socket %s was never seen in CLOSE_WAIT"),
			   conn->call.sock);
	else if (la && la->t < typed)
		check_fail(r, _("the client's socket left CLOSE_WAIT before its user typed"));
	else
		check_pass(r,
			   _("the client's socket stayed in CLOSE_WAIT for %.1f s, until its user "
			     "typed: the FIN had arrived, nobody read it"),
			   check_ms_between(cw->t, la ? la->t : typed) / 1000);
}

/* True when e's list key ("rfds", "ready") holds fd. */
static bool lists(const struct event *e, const char *key, int fd)
{
	int fds[64], n = e ? event_ints(e, key, fds, 64) : -1;

	for (int i = 0; i < n; i++)
		if (fds[i] == fd)
			return true;
	return false;
}

static void select_watches_both(const struct check_ctx *c, struct check_result *r)
{
	const struct event *conn = client_connect(c, "client");
	const struct event *e = conn ? ev_first(c->s, &(struct ev_filter){.src = "call",
									  .fn = "select",
									  .pid = conn->pid})
				     : NULL;

	check_evidence(r, e);
	if (!e || !lists(e, "rfds", conn->call.fd))
		check_fail(r, _("the client never called select() on its socket"));
	else if (!lists(e, "rfds", 0))
		check_fail(r, _("select() did not watch the keyboard (descriptor 0)"));
	else
		check_pass(r, _("select() watched the keyboard (0) and the socket (%d) together"),
			   conn->call.fd);
}

static void wakes_on_fin(const struct check_ctx *c, struct check_result *r)
{
	int64_t stopped = lab_step_time(c, STOPS_SERVER), typed = lab_step_time(c, USER_TYPES);
	const struct event *conn = client_connect(c, "client"), *woke, *eof = client_eof(c);

	woke = conn ? ev_first(c->s, &(struct ev_filter){.src = "call",
							 .fn = "select",
							 .pid = conn->pid,
							 .after = stopped})
		    : NULL;
	check_evidence(r, woke);
	check_evidence(r, eof);
	if (!woke || !lists(woke, "ready", conn->call.fd))
		check_fail(r, _("no select() found the socket ready after the server ended"));
	else if (!eof || eof->t < woke->t)
		check_fail(r,
			   _("select() found the socket ready, but no read() returned 0 after it"));
	else if (eof->t >= typed)
		check_fail(r, _("the client read the FIN only after its user typed"));
	else
		check_pass(r,
			   _("select() woke with the socket ready %.1f ms after the server ended, "
			     "and read() returned 0: the FIN, while the user was silent"),
			   check_ms_between(stopped, woke->t));
}

static void closes_at_once(const struct check_ctx *c, struct check_result *r)
{
	int64_t typed = lab_step_time(c, USER_TYPES);
	const struct event *conn = client_connect(c, "client"), *closed;

	closed = conn ? ev_first(c->s, &(struct ev_filter){.src = "call",
							   .fn = "close",
							   .pid = conn->pid,
							   .sock = conn->call.sock})
		      : NULL;
	check_evidence(r, closed);
	if (!closed)
		check_fail(r, _("the client never closed its socket"));
	else if (closed->t >= typed)
		check_fail(r, _("the client closed its socket only after its user typed"));
	else
		check_pass(r,
			   _("the client closed its socket %.1f s before its user typed: no "
			     "CLOSE_WAIT left waiting for the keyboard"),
			   check_ms_between(closed->t, typed) / 1000);
}

/* ---- the server's checkpoints ----------------------------------------------- */

static void one_process(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct serve_model m;
	char how[96];

	serve_model_of(c, server, &m);
	serve_model_evidence(&m, r);
	check_output_evidence(c, r, "server", "connected", 3);
	if (server < 0)
		check_fail(r, _("the server never ran"));
	else if (m.children > 0 || m.threads > 1)
		check_fail(r, _("the server used %s, not one process"),
			   serve_model_name(&m, how, sizeof(how)));
	else if (!m.wait)
		check_fail(r, _("the server never waited in select(), poll() or epoll_wait()"));
	else
		check_pass(r,
			   _("one process, one thread served every client: no fork(), no thread, "
			     "%d calls of %s()"),
			   m.waits, m.wait->call.fn);
}

/* The client sockets of the server open just before e: accepted, not yet
 * closed. Returns how many, into fds. */
static int open_clients(const struct check_ctx *c, const struct event *at, int *fds, int max)
{
	struct ev_filter f = {.src = "call", .pid = at->pid};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e && e->t < at->t;
	     e = ev_next(c->s, &f, e)) {
		if (strcmp(e->call.fn, "accept") == 0 && e->call.ret >= 0 && n < max) {
			fds[n++] = (int)e->call.ret;
		} else if (strcmp(e->call.fn, "close") == 0 && e->call.ret == 0) {
			for (int i = 0; i < n; i++)
				if (fds[i] == e->call.fd)
					fds[i--] = fds[--n];
		}
	}
	return n;
}

/* The first select() of the server that did not watch an open client
 * (into *missing), or NULL; *calls counts them. */
static const struct event *select_missing(const struct check_ctx *c, int *missing, int *calls)
{
	struct ev_filter f = {.src = "call", .fn = "select", .pid = check_pid(c, "server")};
	int open[64], nopen;

	*calls = 0;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		(*calls)++;
		nopen = open_clients(c, e, open, 64);
		for (int i = 0; i < nopen; i++) {
			if (!lists(e, "rfds", open[i])) {
				*missing = open[i];
				return e;
			}
		}
	}
	return NULL;
}

static void set_shrinks(const struct check_ctx *c, struct check_result *r)
{
	int missing = -1, calls;
	const struct event *e = select_missing(c, &missing, &calls);

	if (!e) {
		check_fail(r, _("every select() watched every open client (%d calls)"), calls);
		return;
	}
	check_evidence(r,
		       ev_first(c->s,
				&(struct ev_filter){.src = "call", .fn = "accept", .pid = e->pid}));
	check_evidence(r, e);
	check_pass(r,
		   _("select() stopped watching socket %d, which was never closed: it was handed "
		     "the server's own set, and left in it only what was ready"),
		   missing);
}

static void sets_rebuilt(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call", .fn = "select", .pid = check_pid(c, "server")};
	const struct event *biggest = NULL, *e;
	int missing = -1, calls, most = 0, fds[64], n;

	e = select_missing(c, &missing, &calls);
	if (e) {
		check_evidence(r, e);
		check_fail(r, _("a select() did not watch socket %d, an open client"), missing);
		return;
	}
	for (e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if ((n = event_ints(e, "rfds", fds, 64)) > most) {
			most = n;
			biggest = e;
		}
	check_evidence(r, biggest);
	if (calls == 0)
		check_fail(r, _("the server never called select()"));
	else
		check_pass(r,
			   _("each of %d select() calls watched the listening socket and every "
			     "open client (up to %d descriptors), and said which were ready"),
			   calls, most);
}

/* The last event matching f before t, or NULL. */
static const struct event *last_before(const struct check_ctx *c, const struct ev_filter *f,
				       int64_t t)
{
	const struct event *last = NULL;

	for (const struct event *e = ev_first(c->s, f); e && e->t <= t; e = ev_next(c->s, f, e))
		last = e;
	return last;
}

static void listener_readable_accepts(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct ev_filter f = {.src = "call", .fn = "accept", .pid = server};
	struct ev_filter sel = {.src = "call", .fn = "select", .pid = server};
	int accepts = 0, readied = 0;

	for (const struct event *a = ev_first(c->s, &f); a; a = ev_next(c->s, &f, a)) {
		const struct event *before = last_before(c, &sel, a->t);
		accepts++;
		if (!lists(before, "ready", a->call.fd))
			continue;
		if (readied++ == 0) {
			check_evidence(r, before);
			check_evidence(r, a);
		}
	}
	if (accepts == CLIENTS && readied == accepts)
		check_pass(r,
			   _("each of the %d accept() calls followed a select() that found the "
			     "listening socket ready: accept() never waited"),
			   accepts);
	else
		check_fail(r,
			   _("%d of %d accept() calls followed a select() that found the "
			     "listening socket ready (%d clients)"),
			   readied, accepts, CLIENTS);
}

static void all_served(const struct check_ctx *c, struct check_result *r)
{
	lab_check_all_served(c, r, CLIENTS);
}

static void client_starved(const struct check_ctx *c, struct check_result *r)
{
	lab_check_starved(c, r, "client 1");
}

/* ---- epoll ------------------------------------------------------------------ */

/* The first call fn (any, when NULL) on fd by pid after t, or NULL. */
static const struct event *next_on_fd(const struct check_ctx *c, pid_t pid, const char *fn, int fd,
				      int64_t t)
{
	struct ev_filter f = {.src = "call", .fn = fn, .pid = pid, .after = t};
	const struct event *e = ev_first(c->s, &f);

	while (e && e->call.fd != fd)
		e = ev_next(c->s, &f, e);
	return e;
}

/* Every descriptor an epoll_wait() handed back was then served (a call on
 * it: accept(), read()) before the next epoll_wait(). */
static void ready_only(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct ev_filter f = {.src = "call", .fn = "epoll_wait", .pid = server};
	int waits = 0, handed = 0, served_ = 0, ready[16], n;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		const struct event *next = ev_next(c->s, &f, e);
		n = event_ints(e, "ready", ready, 16);
		for (int i = 0; i < n; i++) {
			const struct event *use = next_on_fd(c, server, NULL, ready[i], e->t);
			handed++;
			served_ += use && (!next || use->t < next->t);
		}
		if (++waits == 2)
			check_evidence(r, e);
	}
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "epoll_ctl",
							     .pid = server}));
	if (waits == 0)
		check_fail(r, _("the server never called epoll_wait()"));
	else if (served_ < handed)
		check_fail(r, _("%d of %d descriptors epoll_wait() handed back were then served"),
			   served_, handed);
	else
		check_pass(r,
			   _("%d epoll_wait() calls handed back %d ready descriptors, each then "
			     "accept()ed or read: nothing to search, nothing to rebuild"),
			   waits, handed);
}

/* ---- the pool ---------------------------------------------------------------- */

static void pool_all_served(const struct check_ctx *c, struct check_result *r)
{
	char want[64];

	snprintf(want, sizeof(want), "%d of %d clients echoed exactly", POOL_CLIENTS, POOL_CLIENTS);
	check_output_evidence(c, r, "clients", NULL, 2);
	if (check_printed(c, "clients", want))
		check_pass(r, _("%d clients, connected at once, each got its line back"),
			   POOL_CLIENTS);
	else
		check_fail(r, _("not every one of the %d clients got its line back"), POOL_CLIENTS);
}

/* The threads of pid that called epoll_wait(), into tids; adds the first
 * call of each as evidence. Returns how many. */
static int waiting_threads(const struct check_ctx *c, pid_t pid, pid_t *tids, int max,
			   struct check_result *r)
{
	struct ev_filter f = {.src = "call", .fn = "epoll_wait", .pid = pid};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		bool seen = false;
		for (int i = 0; i < n; i++)
			seen |= tids[i] == e->tid;
		if (!seen && n < max) {
			tids[n++] = e->tid;
			check_evidence(r, e);
		}
	}
	return n;
}

static void fixed_pool(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server"), tids[16];
	int most = server > 0 ? proctable_threads_max(&c->procs, server) : 0;
	int working = waiting_threads(c, server, tids, 16, r);
	const struct event *first = ev_first(c->s, &(struct ev_filter){.src = "call",
								       .fn = "accept",
								       .err = "ok",
								       .pid = server});
	const struct event *idle = NULL;
	struct ev_filter steps = {.src = "note", .fn = "step"};
	int64_t last_start = 0;

	for (const struct event *e = ev_first(c->s, &steps); e && !idle;
	     e = ev_next(c->s, &steps, e))
		if (e->note.text &&
		    (strstr(e->note.text, ALL_WAIT) || strstr(e->note.text, _(ALL_WAIT))))
			idle = e;
	check_evidence(r, idle);
	/* When each thread was made: its creator's pthread_create() call. A
	 * thread made before the first accept may first run after it on a
	 * busy machine; its own start says nothing of the pool's size. */
	struct ev_filter made = {.src = "call", .fn = "pthread_create", .err = "ok", .pid = server};
	for (const struct event *e = ev_first(c->s, &made); e; e = ev_next(c->s, &made, e))
		if (e->t > last_start)
			last_start = e->t;
	for (size_t i = 0; !last_start && i < c->procs.nth; i++)
		if (c->procs.th[i].pid == server && c->procs.th[i].t_start > last_start)
			last_start = c->procs.th[i].t_start;
	if (most != POOL_THREADS)
		check_fail(r, _("the server had %d threads at most; the pool has %d"), most,
			   POOL_THREADS);
	else if (!first || last_start > first->t)
		check_fail(r, _("a thread was made after the first client was accepted"));
	else if (!idle)
		check_fail(r, _("the %d threads were not all seen waiting in epoll_wait()"),
			   POOL_THREADS);
	else
		check_pass(r,
			   _("%d threads, made before the first client and never more, served %d "
			     "clients (%d of them took ready descriptors); then all %d waited in "
			     "epoll_wait() on the one instance"),
			   POOL_THREADS, POOL_CLIENTS, working, POOL_THREADS);
}

/* The last epoll_ctl() (ADD or MOD: an arming) of fd by pid before t. */
static const struct event *last_arm(const struct check_ctx *c, pid_t pid, int fd, int64_t t)
{
	struct ev_filter f = {.src = "call", .fn = "epoll_ctl", .pid = pid};
	const struct event *last = NULL;

	for (const struct event *e = ev_first(c->s, &f); e && e->t < t; e = ev_next(c->s, &f, e))
		if (e->call.fd == fd)
			last = e;
	return last;
}

#define FDS_JUDGED 4096

/*
 * Each descriptor handed to a thread was re-armed before it was handed to
 * any thread again, and its read() was made by the thread it was handed
 * to. Counts what broke either rule.
 */
static void one_thread_per_event(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	struct ev_filter f = {.src = "call", .fn = "epoll_wait", .pid = server};
	static const struct event *handed[FDS_JUDGED];
	int events = 0, twice = 0, elsewhere = 0, ready[16], n;

	memset(handed, 0, sizeof(handed));
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		n = event_ints(e, "ready", ready, 16);
		for (int i = 0; i < n; i++) {
			int fd = ready[i];
			const struct event *arm, *rd;
			if (fd < 0 || fd >= FDS_JUDGED)
				continue;
			events++;
			arm = last_arm(c, server, fd, e->t);
			if (handed[fd] && (!arm || arm->t < handed[fd]->t) && twice++ == 0) {
				check_evidence(r, handed[fd]);
				check_evidence(r, e);
			}
			handed[fd] = e;
			rd = next_on_fd(c, server, "read", fd, e->t);
			if (rd && rd->tid != e->tid && elsewhere++ == 0) {
				check_evidence(r, e);
				check_evidence(r, rd);
			}
		}
	}
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "epoll_ctl",
							     .pid = server}));
	if (events == 0)
		check_fail(r, _("no epoll_wait() handed a descriptor to a thread"));
	else if (twice || elsewhere)
		check_fail(r,
			   _("%d times a descriptor was handed out again before it was re-armed, "
			     "%d times read by another thread than the one it was handed to"),
			   twice, elsewhere);
	else
		check_pass(r,
			   _("%d ready descriptors, each handed to one thread, read by that "
			     "thread, "
			     "and re-armed (EPOLL_CTL_MOD) before any thread got it again"),
			   events);
}

static const struct check client_checks[] = {
	{"echoes", N_("the client's line comes back while the server runs"), .fn = echoes},
	{"notices-late",
	 N_("blocked in fgets(), the client reads the FIN only when its user types"),
	 .fn = notices_late},
	{"close-wait-while-blocked",
	 N_("the client's socket waits in CLOSE_WAIT until its user types"),
	 .fn = close_wait_while_blocked},
	{NULL},
};

static const struct check client_fix_checks[] = {
	{"echoes", N_("the client's line comes back while the server runs"), .fn = echoes},
	{"select-watches-both", N_("the client's select() watches the keyboard and the socket"),
	 .fn = select_watches_both},
	{"wakes-on-fin", N_("select() wakes at the FIN, while the user is silent"),
	 .fn = wakes_on_fin},
	{"closes-at-once", N_("the client closes its socket before its user types"),
	 .fn = closes_at_once},
	{NULL},
};

static const struct check server_checks[] = {
	{"one-process", N_("one process, one thread: no fork(), no thread"), .fn = one_process},
	{"set-shrinks",
	 N_("handed the server's own set, select() drops clients that are still open"),
	 .fn = set_shrinks},
	{"client-starved", N_("a client whose socket left the set is never read again"),
	 .fn = client_starved},
	{NULL},
};

static const struct check server_fix_checks[] = {
	{"one-process", N_("one process, one thread: no fork(), no thread"), .fn = one_process},
	{"listener-readable-accepts",
	 N_("accept() follows a select() that found the listener ready"),
	 .fn = listener_readable_accepts},
	{"sets-rebuilt", N_("each select() watches the listener and every open client"),
	 .fn = sets_rebuilt},
	{"all-served", N_("every client gets its line back"), .fn = all_served},
	{NULL},
};

static const struct check epoll_checks[] = {
	{"one-process", N_("one process, one thread: no fork(), no thread"), .fn = one_process},
	{"ready-only", N_("epoll_wait() hands back only ready descriptors, each then served"),
	 .fn = ready_only},
	{"all-served", N_("every client gets its line back"), .fn = all_served},
	{NULL},
};

static const struct check pool_checks[] = {
	{"fixed-pool", N_("four threads serve every client, and no thread is added"),
	 .fn = fixed_pool},
	{"one-thread-per-event",
	 N_("EPOLLONESHOT: each ready descriptor goes to one thread at a time"),
	 .fn = one_thread_per_event},
	{"all-served", N_("every one of 100 clients gets its line back"), .fn = pool_all_served},
	{NULL},
};

static const struct lab_option select_options[] = {
	{"server", N_("the select server and three clients; naive, it hands select() its own set"),
	 server_checks},
	{"epoll", N_("the same server with epoll"), epoll_checks},
	{"pool", N_("four threads on one epoll instance serve 100 clients"), pool_checks},
	{NULL},
};

static const struct lab_option_fix select_option_fixes[] = {
	{"server", server_fix_checks, NULL},
	{"epoll", NULL, N_("it is the corrected server already")},
	{"pool", NULL, N_("it shows a way to serve many clients; nothing in it is a mistake")},
	{NULL},
};

const struct lab lab_11 = {
	.number = 11,
	.name = "select",
	.title = N_("I/O multiplexing: a client that misses the FIN, a select server, epoll"),
	.dir = "11-select",
	.fix = N_("the client waits in select() on the keyboard and the socket together"),
	.options = select_options,
	.option_fixes = select_option_fixes,
	.run = select_run,
	.checks = client_checks,
	.fix_checks = client_fix_checks,
};

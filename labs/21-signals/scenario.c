/*
 * Lab 21 (signals): what socklab runs, and the checkpoints it proves.
 *
 * A signal is the kernel telling a process that something happened
 * (윤성우 ch. 10): Ctrl-C (SIGINT), an alarm that rang (SIGALRM).
 *
 *   naive     a server of two clients, without a handler, gets SIGINT
 *             while it waits in read() for client 1; client 2's line
 *             waits unread. SIGINT's default action ends it there. The
 *             kernel closes its sockets: a FIN to client 1, an RST to
 *             client 2 (its line was unread). Neither is told why.
 *   --fix     a SIGINT handler notes the signal; read() returns -1 EINTR;
 *             the server says goodbye to each client, shuts each down (a
 *             FIN), reads until each has closed, and exits 0. No RST.
 *   --alarm   a client waits in recv() for a slow server, with alarm():
 *             without SA_RESTART, SIGALRM makes recv() return -1 EINTR;
 *             with SA_RESTART the handler runs and recv() goes on waiting.
 *   --fork    윤's gval/lval program, with a socket: fork() returns twice,
 *             copies the memory (each process changes its own gval), and
 *             copies the descriptor -- which names one connection.
 *
 * Deterministic: socklab sends SIGINT and SIGALRM itself, once the program
 * waits in the call the signal is to interrupt (scenario_wait_blocked),
 * and only after client 2's line has arrived unread (/proc/net/tcp).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "wire/endpoint.h"
#include "wire/tcp.h"

#define WAIT_MS 5000
#define HINT	N_("lab 21 (signals)")
/* The alarm the client sets: long, for socklab rings it first. */
#define ALARM_SECONDS "60"

/* ---- the run ---------------------------------------------------------- */

/* Bytes waiting unread in a connected TCP socket of port, from
 * /proc/net/tcp (the programs run in socklab's own namespace). */
static long unread_at(int port)
{
	FILE *f = fopen("/proc/net/tcp", "r");
	char line[256];
	long most = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned lport, st;
		unsigned long tx, rx;

		if (sscanf(line, " %*d: %*x:%x %*x:%*x %x %lx:%lx", &lport, &st, &tx, &rx) == 4 &&
		    (int)lport == port && st == 1 && (long)rx > most)
			most = (long)rx;
	}
	fclose(f);
	return most;
}

/* Waits until a socket of port holds unread bytes. Returns 0, or -1. */
static int wait_unread(struct scenario *s, int port, int timeout_ms)
{
	for (int waited = 0; waited < timeout_ms; waited += 10) {
		if (unread_at(port) > 0)
			return 0;
		scenario_sleep(s, 10);
	}
	return scenario_fail(s, _("no unread bytes waited in the server's socket after %d ms"),
			     timeout_ms);
}

static int sigint_run(struct scenario *s, const struct lab_run *r, const char *port)
{
	pid_t server, c1, c2;

	if (r->fix)
		scenario_step(s,
			      _("start the server of two clients on port %s, with a SIGINT "
				"handler"),
			      port);
	else
		scenario_step(s,
			      _("start the server of two clients on port %s, without a SIGINT "
				"handler"),
			      port);
	server = scenario_start(s, "server",
				ARGV("sigint_server", (char *)port, r->fix ? "fix" : "none"), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("client 1 connects; it says nothing and waits for the server"));
	c1 = scenario_start(s, "client 1", ARGV("talk_client", "127.0.0.1", (char *)port), NULL);
	if (c1 < 0 || scenario_wait_output(s, server, "client 1 connected", WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("client 2 connects and sends a line out of turn: the server waits for "
			   "client 1, so the line waits unread"));
	c2 = scenario_start(s, "client 2", ARGV("talk_client", "127.0.0.1", (char *)port),
			    "hello\n");
	if (c2 < 0 || scenario_wait_output(s, server, "client 2 connected", WAIT_MS) < 0 ||
	    scenario_wait_output(s, c2, "sent: hello", WAIT_MS) < 0 ||
	    scenario_wait_blocked(s, server, "read", 1, WAIT_MS) < 0 ||
	    wait_unread(s, r->port, WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("Ctrl-C: socklab sends the server SIGINT while it waits in read()"));
	scenario_kill(s, server, SIGINT);
	if (scenario_wait(s, server, WAIT_MS) < 0 || scenario_wait(s, c1, WAIT_MS) < 0 ||
	    scenario_wait(s, c2, WAIT_MS) < 0)
		return -1;
	return 0;
}

/* Once the client waits in recv() (after it printed waiting), socklab
 * rings its alarm: SIGALRM, as alarm() would when the time is up. Returns
 * when the handler has said so. */
static int ring_while_blocked(struct scenario *s, pid_t client, const char *waiting, int n)
{
	if (scenario_wait_output(s, client, waiting, WAIT_MS) < 0 ||
	    scenario_wait_blocked(s, client, "recv", 1, WAIT_MS) < 0)
		return -1;
	scenario_step(s,
		      _("the alarm rings (%d): socklab sends the client SIGALRM while it waits in "
			"recv()"),
		      n);
	scenario_kill(s, client, SIGALRM);
	return scenario_wait_output(s, client, "SIGALRM: the alarm rang", WAIT_MS);
}

static int alarm_run(struct scenario *s, const struct lab_run *r, const char *port)
{
	pid_t server, client;

	scenario_step(s, _("start a slow server on port %s: it answers when its operator types"),
		      port);
	server = scenario_start_typing(s, NULL, "server",
				       ARGV("line_server", (char *)port, "reply"));
	if (server < 0 || scenario_wait_listen(s, r->port, WAIT_MS) < 0)
		return -1;
	scenario_step(s,
		      _("the client asks, and waits for the answer in recv(), with "
			"alarm(%s) and no SA_RESTART"),
		      ALARM_SECONDS);
	client = scenario_start(s, "client",
				ARGV("alarm_client", "127.0.0.1", (char *)port, ALARM_SECONDS),
				NULL);
	if (client < 0 || ring_while_blocked(s, client, "no SA_RESTART", 1) < 0)
		return -1;
	if (scenario_wait_output(s, client, "-1 EINTR", WAIT_MS) < 0)
		return -1;
	if (ring_while_blocked(s, client, "again, alarm", 2) < 0)
		return -1;
	/* With SA_RESTART the handler has run and recv() waits again. */
	if (scenario_wait_blocked(s, client, "recv", 1, WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("the server's operator types the answer"));
	if (scenario_type(s, server, "ten past twelve\n") < 0 ||
	    scenario_wait(s, client, WAIT_MS) < 0)
		return -1;
	scenario_type_end(s, server);
	return scenario_wait(s, server, WAIT_MS);
}

static int fork_run(struct scenario *s, const struct lab_run *r, const char *port)
{
	pid_t server, client;

	scenario_step(s, _("start a server on port %s that prints every line it receives"), port);
	server = scenario_start(s, "server", ARGV("line_server", (char *)port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("the client connects, then fork()s: the child and the parent each write "
			   "their gval and lval on the descriptor they share"));
	client = scenario_start(s, "client", ARGV("fork_values", "127.0.0.1", (char *)port), NULL);
	if (client < 0 || scenario_wait(s, client, WAIT_MS) < 0)
		return -1;
	return scenario_wait(s, server, WAIT_MS);
}

static int signals_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "alarm"))
		return alarm_run(s, r, port);
	if (lab_option(r, "fork"))
		return fork_run(s, r, port);
	return sigint_run(s, r, port);
}

/* ---- what the run did ------------------------------------------------- */

/* The first proc event fn ("handler", "signal") of role for sig at or
 * after t, or NULL. */
static const struct event *proc_sig(const struct check_ctx *c, const char *role, const char *fn,
				    const char *sig, int64_t t)
{
	struct ev_filter f = {.src = "proc", .fn = fn, .pid = check_pid(c, role), .after = t};

	if (f.pid < 0)
		return NULL;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->proc.sig && strcmp(e->proc.sig, sig) == 0)
			return e;
	return NULL;
}

/* True when handler event e asked for SA_RESTART. */
static bool restarts(const struct event *e)
{
	struct jobj o;
	const char *flags;
	bool yes;

	event_fields(e, &o);
	flags = jobj_str(&o, "flags");
	yes = flags && strstr(flags, "SA_RESTART");
	jobj_free(&o);
	return yes;
}

/* The first call fn of role that began before t and returned at or
 * after it: the call t fell in. */
static const struct event *call_around(const struct check_ctx *c, const char *role, const char *fn,
				       int64_t t)
{
	struct ev_filter f = {.src = "call", .fn = fn, .pid = check_pid(c, role), .after = t};

	if (f.pid < 0)
		return NULL;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->t - e->call.dur <= t)
			return e;
	return NULL;
}

/* FIN and RST segments from port from to port to after t: *fin, *rst the
 * first of each (NULL: none). */
static void closing_segments(const struct check_ctx *c, int from, int to, int64_t t,
			     const struct event **fin, const struct event **rst)
{
	struct ev_filter f = {.src = "pkt", .port = to, .after = t};

	*fin = *rst = NULL;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (!e->pkt.from || endpoint_port(e->pkt.from) != from || !e->pkt.to ||
		    endpoint_port(e->pkt.to) != to)
			continue;
		if (!*fin && (e->pkt.flags & TCPF_FIN))
			*fin = e;
		if (!*rst && (e->pkt.flags & TCPF_RST))
			*rst = e;
	}
}

/* The local port of role's connection, or -1 (r failed). */
static int client_port(const struct check_ctx *c, struct check_result *r, const char *role)
{
	char mine[ENDPOINT_PAIR_MAX], theirs[ENDPOINT_PAIR_MAX];

	if (!check_connected(c, r, role, mine, theirs, sizeof(mine)))
		return -1;
	return endpoint_pair_local_port(mine);
}

/* ---- naive and --fix: SIGINT ---------------------------------------------- */

static void killed_by_sigint(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	const struct event *end = check_end(c, server);
	const struct event *h = proc_sig(c, "server", "handler", "SIGINT", 0);

	check_evidence(r, end);
	check_evidence(r, h);
	if (h)
		check_fail(r, _("the server installed a SIGINT handler"));
	else if (!end || !end->proc.sig || strcmp(end->proc.sig, "SIGINT") != 0)
		check_fail(r, _("the server was not killed by SIGINT"));
	else
		check_pass(r, _("no handler: SIGINT's default action ended the server inside its "
				"read(); none of its code after that ran"));
}

static void no_goodbye(const struct check_ctx *c, struct check_result *r)
{
	bool told =
		check_printed(c, "client 1", "goodbye") || check_printed(c, "client 2", "goodbye");
	bool zero = check_printed(c, "client 1", "read() returned 0");
	bool reset = check_printed(c, "client 2", "ECONNRESET");

	check_output_evidence(c, r, "client 1", "read()", 1);
	check_output_evidence(c, r, "client 2", "read()", 1);
	if (told)
		check_fail(r, _("a client got the server's goodbye"));
	else if (!zero)
		check_fail(r, _("client 1's read() did not return 0"));
	else if (!reset)
		check_fail(r, _("client 2's read() did not fail with ECONNRESET"));
	else
		check_pass(r,
			   _("no goodbye: client 1's read() returned 0, as for any close; client "
			     "2's returned -1 ECONNRESET"));
}

static void fin_and_rst(const struct check_ctx *c, struct check_result *r)
{
	/* From the start: before Ctrl-C the connections close nothing, and a
	 * packet's time is the capture's clock, not the tracer's. */
	int64_t t = 0;
	const struct event *fin1, *rst1, *fin2, *rst2;
	int p1, p2;

	if (!check_source_ran(c, "pkt", r) || (p1 = client_port(c, r, "client 1")) < 0 ||
	    (p2 = client_port(c, r, "client 2")) < 0)
		return;
	closing_segments(c, c->facts->port, p1, t, &fin1, &rst1);
	closing_segments(c, c->facts->port, p2, t, &fin2, &rst2);
	check_evidence(r, fin1);
	check_evidence(r, rst1);
	check_evidence(r, fin2);
	check_evidence(r, rst2);
	if (!fin1)
		check_fail(r, _("client 1's connection got no FIN from the dead server"));
	else if (rst1)
		check_fail(r, _("client 1's connection got an RST as well as a FIN from the dead "
				"server"));
	else if (!rst2)
		check_fail(r, _("client 2's connection got no RST from the dead server"));
	else if (fin2)
		check_fail(r, _("client 2's connection got a FIN as well as an RST from the dead "
				"server"));
	else
		check_pass(r,
			   _("the kernel closed the dead server's sockets: a FIN to client 1, an "
			     "RST to client 2, whose line was unread"));
}

static void handler_runs(const struct check_ctx *c, struct check_result *r)
{
	const struct event *h = proc_sig(c, "server", "handler", "SIGINT", 0);
	const struct event *sig = proc_sig(c, "server", "signal", "SIGINT", 0);
	const struct event *rd = sig ? call_around(c, "server", "read", sig->t) : NULL;

	check_evidence(r, h);
	check_evidence(r, sig);
	check_evidence(r, rd);
	if (!h || !h->proc.handler || strcmp(h->proc.handler, "function") != 0)
		check_fail(r, _("the server installed no SIGINT handler"));
	else if (!sig)
		check_fail(r, _("the server's SIGINT handler never ran"));
	else if (!rd || !rd->call.err || strcmp(rd->call.err, "EINTR") != 0)
		check_fail(r, _("the read() SIGINT came in did not return -1 EINTR"));
	else
		check_pass(r, _("the handler ran, and the read() it interrupted returned -1 EINTR: "
				"the server went on to close its clients"));
}

static void goodbye_then_zero(const struct check_ctx *c, struct check_result *r)
{
	int told = 0;

	for (int i = 1; i <= 2; i++) {
		char role[16];

		snprintf(role, sizeof(role), "client %d", i);
		check_output_evidence(c, r, role, "goodbye", 1);
		check_output_evidence(c, r, role, "read()", 1);
		told += check_printed(c, role, "goodbye") &&
			check_printed(c, role, "read() returned 0");
	}
	if (told == 2)
		check_pass(r, _("both clients read the goodbye, then read() returned 0: they knew "
				"the server was shutting down"));
	else
		check_fail(r, _("%d of 2 clients read the goodbye and then 0"), told);
}

static void fin_not_rst(const struct check_ctx *c, struct check_result *r)
{
	/* From the start: before Ctrl-C the connections close nothing, and a
	 * packet's time is the capture's clock, not the tracer's. */
	int64_t t = 0;
	const struct event *fin[2], *rst[2], *back[2], *unused;
	int p[2];

	if (!check_source_ran(c, "pkt", r) || (p[0] = client_port(c, r, "client 1")) < 0 ||
	    (p[1] = client_port(c, r, "client 2")) < 0)
		return;
	for (int i = 0; i < 2; i++) {
		closing_segments(c, c->facts->port, p[i], t, &fin[i], &rst[i]);
		closing_segments(c, p[i], c->facts->port, t, &unused, &back[i]);
		check_evidence(r, fin[i]);
		check_evidence(r, rst[i]);
		check_evidence(r, back[i]);
	}
	for (int i = 0; i < 2; i++)
		if (!fin[i] || rst[i] || back[i]) {
			if (!fin[i])
				check_fail(r, _("client %d's connection: no FIN from the server"),
					   i + 1);
			else
				check_fail(r, _("client %d's connection: an RST"), i + 1);
			return;
		}
	check_pass(r, _("each client's connection ended with the server's FIN, and no RST either "
			"way: nothing was left unread"));
}

static void exits_zero(const struct check_ctx *c, struct check_result *r)
{
	pid_t server = check_pid(c, "server");
	const struct event *end = check_end(c, server);
	size_t shut = ev_count(c->s, &(struct ev_filter){.src = "call",
							 .fn = "shutdown",
							 .err = "ok",
							 .pid = server});

	check_evidence(r, end);
	check_output_evidence(c, r, "server", "exit(0)", 1);
	if (shut != 2)
		check_fail(r, _("the server shut down %zu connections (expected 2)"), shut);
	else if (!end || end->proc.sig || end->proc.status != 0)
		check_fail(r, _("the server did not exit with status 0"));
	else
		check_pass(r, _("the server shut down both connections itself and exited with "
				"status 0"));
}

/* ---- --alarm ----------------------------------------------------------- */

static void eintr(const struct check_ctx *c, struct check_result *r)
{
	const struct event *h = proc_sig(c, "client", "handler", "SIGALRM", 0);
	const struct event *sig = h ? proc_sig(c, "client", "signal", "SIGALRM", h->t) : NULL;
	const struct event *rv = sig ? call_around(c, "client", "recv", sig->t) : NULL;

	check_evidence(r, h);
	check_evidence(r, sig);
	check_evidence(r, rv);
	if (!h || restarts(h))
		check_fail(r, _("the client's first SIGALRM handler was not installed without "
				"SA_RESTART"));
	else if (!sig)
		check_fail(r, _("no SIGALRM reached the client's handler"));
	else if (!rv || !rv->call.err || strcmp(rv->call.err, "EINTR") != 0)
		check_fail(r, _("the recv() SIGALRM came in did not return -1 EINTR"));
	else
		check_pass(r,
			   _("without SA_RESTART, the handler ran and the recv() it interrupted "
			     "returned -1 EINTR, after %.0f ms of waiting"),
			   rv->call.dur / 1e6);
}

static void restarted(const struct check_ctx *c, struct check_result *r)
{
	const struct event *h1 = proc_sig(c, "client", "handler", "SIGALRM", 0);
	const struct event *h = h1 ? proc_sig(c, "client", "handler", "SIGALRM", h1->t + 1) : NULL;
	const struct event *sig = h ? proc_sig(c, "client", "signal", "SIGALRM", h->t) : NULL;
	const struct event *rv = sig ? call_around(c, "client", "recv", sig->t) : NULL;

	check_evidence(r, h);
	check_evidence(r, sig);
	check_evidence(r, rv);
	if (!h || !restarts(h))
		check_fail(r, _("the client never installed its SIGALRM handler with SA_RESTART"));
	else if (!sig)
		check_fail(r, _("no SIGALRM reached the SA_RESTART handler"));
	else if (!rv || rv->call.ret <= 0)
		check_fail(r, _("the recv() SIGALRM came in did not go on to return the answer"));
	else
		check_pass(r,
			   _("with SA_RESTART, the handler ran and recv() went on waiting: it "
			     "returned the answer's %lld bytes %.0f ms after the alarm"),
			   (long long)rv->call.ret, check_ms_between(sig->t, rv->t));
}

/* ---- --fork ------------------------------------------------------------ */

/* The fork() of the client (the parent), or NULL. */
static const struct event *the_fork(const struct check_ctx *c)
{
	pid_t client = check_pid(c, "client");

	if (client < 0)
		return NULL;
	return ev_first(c->s, &(struct ev_filter){.src = "proc", .fn = "fork", .pid = client});
}

static void two_returns(const struct check_ctx *c, struct check_result *r)
{
	const struct event *f = the_fork(c);
	char parent[96], child[96];

	check_evidence(r, f);
	check_output_evidence(c, r, "client", "fork() returned", 2);
	if (!f) {
		check_fail(r, _("the client never forked"));
		return;
	}
	snprintf(parent, sizeof(parent), "fork() returned %d in pid %d", f->proc.child,
		 (int)check_pid(c, "client"));
	snprintf(child, sizeof(child), "fork() returned 0 in pid %d", f->proc.child);
	if (!check_printed(c, "client", parent))
		check_fail(r, _("the parent did not say fork() returned the child's pid %d"),
			   f->proc.child);
	else if (!check_printed(c, "client", child))
		check_fail(r, _("the child did not say fork() returned 0"));
	else
		check_pass(r,
			   _("one call, two returns: %d (the child's pid) in the parent, 0 in the "
			     "child"),
			   f->proc.child);
}

static void copies(const struct check_ctx *c, struct check_result *r)
{
	bool child = check_printed(c, "client", "Child Proc: [13, 27]");
	bool parent = check_printed(c, "client", "Parent Proc: [9, 23]");

	check_output_evidence(c, r, "client", "Proc:", 2);
	if (child && parent)
		check_pass(r,
			   _("from the same [11, 25], the child ended with [13, 27] and the parent "
			     "with [9, 23]: each changed its own copy"));
	else
		check_fail(r,
			   _("the processes did not print [13, 27] (child) and [9, 23] (parent)"));
}

static void one_connection(const struct check_ctx *c, struct check_result *r)
{
	char mine[ENDPOINT_PAIR_MAX], theirs[ENDPOINT_PAIR_MAX];
	const struct event *f = the_fork(c), *wp, *wc;
	size_t accepts;

	if (!check_connected(c, r, "client", mine, theirs, sizeof(mine)) || !f)
		return;
	accepts = ev_count(c->s, &(struct ev_filter){.src = "call",
						     .fn = "accept",
						     .err = "ok",
						     .pid = check_pid(c, "server")});
	wp = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "write",
						.pid = check_pid(c, "client"),
						.sock = mine});
	wc = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "write",
						.pid = f->proc.child,
						.sock = mine});
	check_evidence(r, wc);
	check_evidence(r, wp);
	check_output_evidence(c, r, "server", "received", 2);
	if (!wc || !wp)
		check_fail(r, _("the child and the parent did not both write on the connection"));
	else if (accepts != 1 || !check_printed(c, "server", "received: child") ||
		 !check_printed(c, "server", "received: parent"))
		check_fail(r,
			   _("the server did not get both lines on one connection (%zu accepted)"),
			   accepts);
	else
		check_pass(r,
			   _("the child and the parent wrote on descriptor %d, one connection: "
			     "the server accepted once and got both lines"),
			   wc->call.fd);
}

/*
 * The child closes its copy first (the parent waits for it), and the
 * parent writes after that: its line could leave only if the connection
 * was still open. The FIN is judged by its place in the byte stream, not
 * by its time (packets and calls are stamped by different clocks): its
 * relative seq is one past every byte both processes wrote.
 */
static void fin_at_last_close(const struct check_ctx *c, struct check_result *r)
{
	char mine[ENDPOINT_PAIR_MAX], theirs[ENDPOINT_PAIR_MAX];
	const struct event *f = the_fork(c), *cc, *wc, *wp, *fin, *rst;
	int64_t sent;

	if (!check_source_ran(c, "pkt", r) ||
	    !check_connected(c, r, "client", mine, theirs, sizeof(mine)) || !f)
		return;
	cc = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "close",
						.pid = f->proc.child,
						.sock = mine});
	wc = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "write",
						.pid = f->proc.child,
						.sock = mine});
	wp = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "write",
						.pid = check_pid(c, "client"),
						.sock = mine});
	closing_segments(c, endpoint_pair_local_port(mine), c->facts->port, 0, &fin, &rst);
	check_evidence(r, cc);
	check_evidence(r, wp);
	check_evidence(r, fin);
	if (!cc || !wc || !wp || wc->call.ret <= 0 || wp->call.ret <= 0)
		check_fail(r, _("the child did not write and close, or the parent did not write"));
	else if (wp->t < cc->t)
		check_fail(r, _("the parent wrote before the child closed its copy"));
	else if (!fin)
		check_fail(r, _("no FIN came from the client's side"));
	else if ((sent = wc->call.ret + wp->call.ret) + 1 != (int64_t)fin->pkt.rseq)
		check_fail(r, _("the FIN came at byte %u, not after the %lld bytes both wrote"),
			   fin->pkt.rseq, (long long)sent);
	else
		check_pass(r, _("the child's close() ended nothing: the parent wrote after it, and "
				"the FIN came after the parent's bytes, at its close()"));
}

static const struct check naive_checks[] = {
	{"killed", N_("without a handler, SIGINT ends the server inside read()"), HINT,
	 killed_by_sigint},
	{"no-goodbye", N_("no client is told: read() = 0 for one, ECONNRESET for the other"), HINT,
	 no_goodbye},
	{"fin-and-rst",
	 N_("the kernel closes the dead server's sockets: a FIN, and an RST where a "
	    "line was unread"),
	 HINT, fin_and_rst},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"handler", N_("a SIGINT handler runs; the read() it interrupts returns -1 EINTR"), HINT,
	 handler_runs},
	{"goodbye", N_("each client reads the goodbye, then read() = 0"), HINT, goodbye_then_zero},
	{"fin-not-rst", N_("each connection ends with the server's FIN, and no RST"), HINT,
	 fin_not_rst},
	{"exit-0", N_("the server shuts down both connections and exits with status 0"), HINT,
	 exits_zero},
	{NULL},
};

static const struct check alarm_checks[] = {
	{"eintr", N_("without SA_RESTART, SIGALRM makes the blocked recv() return -1 EINTR"), HINT,
	 eintr},
	{"restart", N_("with SA_RESTART, recv() goes on waiting through the handler"), HINT,
	 restarted},
	{NULL},
};

static const struct check fork_checks[] = {
	{"two-returns", N_("fork() returns the child's pid in the parent, 0 in the child"), HINT,
	 two_returns},
	{"copies", N_("each process changes its own copy of gval and lval"), HINT, copies},
	{"one-connection", N_("the copied descriptor is one connection, written by both"), HINT,
	 one_connection},
	{"fin-at-last-close", N_("the FIN comes at the last close(), the parent's"), HINT,
	 fin_at_last_close},
	{NULL},
};

static const struct lab_option signals_options[] = {
	{"alarm", N_("SIGALRM interrupts recv(): EINTR without SA_RESTART, none with it"),
	 alarm_checks},
	{"fork", N_("윤's gval/lval program: fork() returns twice, copies memory and descriptors"),
	 fork_checks},
	{NULL},
};

static const struct lab_option_fix signals_option_fixes[] = {
	{"alarm", NULL,
	 N_("it shows recv() both without SA_RESTART and with it; neither is a mistake")},
	{"fork", NULL, N_("it shows what fork() copies; nothing in it is a mistake")},
	{NULL},
};

const struct lab lab_21 = {
	.number = 21,
	.name = "signals",
	.title = N_("signals: Ctrl-C that tells no client, SIGALRM and EINTR, fork()'s copies"),
	.dir = "21-signals",
	.fix = N_("a SIGINT handler: the server says goodbye and closes each client with a FIN"),
	.options = signals_options,
	.option_fixes = signals_option_fixes,
	.run = signals_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

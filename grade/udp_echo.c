/*
 * udp-echo: a UDP echo server, `prog PORT`.
 *
 * The run, in one session:
 *   1. the server starts and must bind its port;
 *   2. "client (sizes)": one datagram of each size from 1 byte to 8 KiB;
 *      each must come back as one datagram, the same size, the same bytes;
 *   3. "clients A and B": two clients on two ports send in turn; each must
 *      get back its own datagrams.
 */
#include <stdio.h>
#include <string.h>

#include "assignment.h"

#define SIZES_MS 60000 /* 11 datagrams, each given 3 s to come back */

static int udp_echo_run(struct grade_run *g)
{
	pid_t server, client;

	scenario_step(g->s, "start the server on UDP port %d", g->port);
	server = grade_start_program(g, "server", 0, NULL);
	if (server < 0 || grade_wait_listen(g, server, g->port, GRADE_UDP) < 0)
		return -1;
	scenario_step(g->s, "one datagram of each size from 1 byte to 8 KiB, one at a time");
	client = grade_start_driver(g, "client (sizes)",
				    ARGV("udp_client", "sizes", g->ip, g->port_str), NULL);
	if (client < 0 || grade_wait(g, client, SIZES_MS) < 0)
		return -1;
	scenario_step(g->s, "clients A and B, on two ports, send in turn");
	client = grade_start_driver(g, "clients A and B",
				    ARGV("udp_client", "peers", g->ip, g->port_str), NULL);
	if (client < 0 || grade_wait(g, client, GRADE_DRIVER_MS) < 0)
		return -1;
	return grade_sleep(g, 200);
}

static bool is_read(const struct event *e)
{
	return strncmp(e->call.fn, "recv", 4) == 0 || strncmp(e->call.fn, "read", 4) == 0;
}

/* The server received a datagram: a receive call of its own (or of its
 * children) on a socket returned one. */
static bool need_received(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call", .err = "ok"};
	pid_t server = check_pid(c, "server");
	const struct event *e = NULL;

	if (!need_ran(c, r, "server"))
		return false;
	while ((e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, server) && e->call.sock && e->call.ret > 0 &&
		    is_read(e))
			return true;
	return need(c, r, false, "the server never received a datagram");
}

/* The server's first recvfrom() (or recv, read) that filled its whole
 * buffer: a datagram bigger than that was cut. */
static const struct event *full_read(const struct check_ctx *c, pid_t server)
{
	struct ev_filter f = {.src = "call", .err = "ok"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, server) && e->call.sock && e->call.len > 0 &&
		    e->call.ret == e->call.len && is_read(e))
			return e;
	return NULL;
}

/* The driver's lines that say a datagram came back wrong (at most 4). */
static void evidence_wrong(const struct check_ctx *c, struct check_result *r, const char *role)
{
	struct ev_filter f = {.src = "note", .fn = "output", .pid = check_pid(c, role)};
	const struct event *e = NULL;
	int shown = 0;

	while (shown < 4 && (e = ev_next(c->s, &f, e)))
		if (e->note.text && !strstr(e->note.text, "came back whole")) {
			check_evidence(r, e);
			shown++;
		}
}

/* The datagram that came in before the read cut, the read, and the one
 * that went back after it, as packets where the session has them. */
static void evidence_wire(const struct check_ctx *c, struct check_result *r,
			  const struct event *cut)
{
	struct ev_filter f = {.src = "pkt", .port = endpoint_pair_local_port(cut->call.sock)};
	const struct event *e = NULL, *in = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t <= cut->t)
		in = e;
	check_evidence(r, in);
	check_evidence(r, cut);
	f.after = cut->t;
	check_evidence(r, ev_first(c->s, &f));
}

static void boundaries(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "client (sizes)";
	const struct event *cut;

	if (!need_ran(c, r, who) || !need_received(c, r))
		return;
	if (check_printed(c, who, "datagrams came back whole, one for one")) {
		check_output_evidence(c, r, who, "8192 bytes: came back whole", 1);
		check_pass(r, "each datagram, from 1 byte to 8 KiB, came back as one datagram of "
			      "the same size");
		return;
	}
	evidence_wrong(c, r, who);
	cut = full_read(c, check_pid(c, "server"));
	if (cut) /* the datagram on the wire, the read, what went back */
		evidence_wire(c, r, cut);
	if (run_trouble(c))
		check_fail(r, "datagrams did not come back whole: %s", run_trouble(c));
	else if (cut)
		check_fail(r,
			   "a datagram bigger than the server's buffer (%lld bytes) came back "
			   "cut: one recvfrom() takes one whole datagram and drops what does not "
			   "fit -- there is no \"rest\" to read next time. Receive into a buffer "
			   "as "
			   "big as the biggest datagram",
			   (long long)cut->call.len);
	else
		check_fail(r, "datagrams did not come back one for one: a UDP server sends each "
			      "datagram back with one sendto(), as it came");
}

/* The server's connect() on its socket, or NULL: a connected UDP socket
 * hears only the peer it was connected to. */
static const struct event *server_connect(const struct check_ctx *c, pid_t server)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call", .fn = "connect", .pid = server});
}

/* The server's sendto() calls, to whom: the first few. */
static void evidence_replies(const struct check_ctx *c, struct check_result *r, pid_t server,
			     int64_t after)
{
	struct ev_filter f = {.src = "call", .after = after};
	const struct event *e = NULL;
	int shown = 0;

	check_evidence(r, server_connect(c, server));
	while (shown < 3 && (e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, server) && strncmp(e->call.fn, "send", 4) == 0) {
			check_evidence(r, e);
			shown++;
		}
}

static void many_peers(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "clients A and B";
	const struct event *start, *conn;
	pid_t server = check_pid(c, "server");

	if (!need_ran(c, r, who) || !need_received(c, r))
		return;
	if (check_printed(c, who, "each got back their own 2 datagrams")) {
		check_output_evidence(c, r, who, NULL, 1);
		check_pass(r, "two clients on different ports each got back their own datagrams");
		return;
	}
	check_output_evidence(c, r, who, NULL, 3);
	start = ev_first(c->s, &(struct ev_filter){.src = "proc",
						   .fn = "exec",
						   .pid = check_pid(c, who)});
	evidence_replies(c, r, server, start ? start->t : 0);
	conn = server_connect(c, server);
	if (run_trouble(c))
		check_fail(r, "the two clients did not each get their own echoes: %s",
			   run_trouble(c));
	else if (conn && conn->call.ret == 0 && conn->call.peer)
		check_fail(r,
			   "the two clients did not each get their own echoes: the server "
			   "connect()ed its socket to %s, the first peer, and from then on the "
			   "kernel gave it only that peer's datagrams. Do not connect() a UDP "
			   "server's socket: send each reply with sendto() to the address "
			   "recvfrom() gave for that datagram",
			   conn->call.peer);
	else
		check_fail(r,
			   "the two clients did not each get their own echoes. Send each reply "
			   "to the address recvfrom() gave for that datagram (and do not connect() "
			   "the server's socket: then it hears only one peer)");
}

static const struct check udp_echo_checks[] = {
	{"boundaries", "each datagram, 1 byte to 8 KiB, comes back as one datagram of its size",
	 "lab 7 (udp-boundaries): socklab run 7", boundaries},
	{"many-peers", "two clients on different ports each get their own echoes",
	 "lab 7 (udp-boundaries): socklab run 7", many_peers},
	{NULL},
};

const struct assignment assignment_udp_echo = {
	.name = "udp-echo",
	.title = "a UDP echo server",
	.usage = "prog PORT",
	.args = "{port}",
	.prog_hint = "server",
	.run = udp_echo_run,
	.checks = udp_echo_checks,
};

/*
 * Lab 1 (handshake): what socklab runs, and the checkpoints it proves.
 *
 * The iterative echo server starts; one client connects and types two
 * lines, reads their echoes, and ends its input (Ctrl-D): it closes first.
 * With --server-closes-first, the server closes right after the first
 * echo instead; the client notices nothing until its user ends the input,
 * and only then closes its end.
 *
 * With --backlog, the listen queue: the server listens with backlog 1 and
 * is busy for 2 s before its first accept(); four clients connect, 200 ms
 * apart. The first two fill the queue (Linux holds backlog + 1); the
 * kernel drops the others' SYNs, which are sent again 1 s and 3 s after
 * the first, while their connect() waits; accept() then drains the queue
 * in order.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"

static bool server_first(const struct check_ctx *c)
{
	return lab_option(lab_run_of(c), "server-closes-first");
}

#define BACKLOG_CLIENTS 4

/* --backlog: four clients at a server that is slow to accept. */
static int backlog_run(struct scenario *s, const struct lab_run *r, const char *port)
{
	pid_t server, client[BACKLOG_CLIENTS];
	char role[16], line[32];

	scenario_step(s,
		      _("the echo server listens on port %s with backlog 1, then is busy for 2 s"),
		      port);
	server = scenario_start(s, "server", ARGV("echo_server", (char *)port, "4", "backlog"),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("%d clients connect, 200 ms apart, and each sends a line"),
		      BACKLOG_CLIENTS);
	for (int i = 0; i < BACKLOG_CLIENTS; i++) {
		snprintf(role, sizeof(role), "client %d", i + 1);
		snprintf(line, sizeof(line), "hello %d\n", i + 1);
		client[i] = scenario_start(s, role, ARGV("echo_client", "127.0.0.1", (char *)port),
					   line);
		if (client[i] < 0)
			return -1;
		scenario_sleep(s, 200);
	}
	for (int i = 0; i < BACKLOG_CLIENTS; i++)
		if (scenario_wait(s, client[i], 15000) < 0)
			return -1;
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

static int handshake_run(struct scenario *s, const struct lab_run *r)
{
	bool sfirst = lab_option(r, "server-closes-first");
	char port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "backlog"))
		return backlog_run(s, r, port);
	scenario_step(s, _("start the echo server on port %s"), port);
	server =
		scenario_start(s, "server",
			       ARGV("echo_server", port, "1", sfirst ? "close-first" : NULL), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("a client connects (3-way handshake) and types a line"));
	client = scenario_start_typing(s, NULL, "client", ARGV("echo_client", "127.0.0.1", port));
	if (client < 0)
		return -1;
	/* The user takes a moment before typing (and socklab, sampling states
	 * every 20 ms when it is not root, sees the new connection). */
	scenario_sleep(s, 100);
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, client, "Message from server: hello", 5000) < 0)
		return -1;
	if (sfirst) {
		scenario_step(s, _("the server closes first, right after its first echo"));
		if (scenario_wait(s, server, 5000) < 0)
			return -1;
		/* The client has the server's FIN but has not read it: CLOSE_WAIT. */
		scenario_sleep(s, 300);
		scenario_step(s, _("the client's user ends the input (Ctrl-D): the client closes "
				   "too"));
	} else {
		scenario_step(s, _("the client types a second line"));
		if (scenario_type(s, client, "socklab\n") < 0 ||
		    scenario_wait_output(s, client, "Message from server: socklab", 5000) < 0)
			return -1;
		scenario_step(s, _("the client's user ends the input (Ctrl-D): the client closes "
				   "first"));
	}
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0 || scenario_wait(s, server, 5000) < 0)
		return -1;
	/* Let the last ACKs and the TIME_WAIT arrive before the session ends. */
	scenario_sleep(s, 300);
	return 0;
}

/* ---- calls ------------------------------------------------------------ */

static void client_connects(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "connect",
								   .pid = check_pid(c, "client")});

	if (!e) {
		check_fail(r, _("the client never called connect()"));
		return;
	}
	check_evidence(r, e);
	if (e->call.ret != 0)
		check_fail(r, _("connect() failed with %s"),
			   e->call.err ? e->call.err : "an error");
	else
		check_pass(r, _("connect() returned 0: the 3-way handshake completed"));
}

static void server_accepts(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "accept",
								   .err = "ok",
								   .pid = check_pid(c, "server")});

	if (!e) {
		check_fail(r, _("the server's accept() never returned a connection"));
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("accept() returned socket %lld, after the handshake was over"),
		   (long long)e->call.ret);
}

static void client_gets_echo(const struct check_ctx *c, struct check_result *r)
{
	const char *out = check_output(c, "client");
	bool first = strstr(out, "Message from server: hello\n");
	bool second = strstr(out, "Message from server: socklab\n");

	check_output_evidence(c, r, "client", "Message from server", 4);
	if (first && (second || server_first(c)))
		check_pass(r, _("each line came back as it was sent"));
	else
		check_fail(r, _("a line did not come back as it was sent"));
}

/* The first close() of the connection (not of the listening socket). */
static const struct event *first_close(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "call", .fn = "close", .err = "ok", .port = c->facts->port};
	const struct event *e = ev_first(c->s, &f);

	while (e && e->call.sock && !endpoint_pair_has_peer(e->call.sock))
		e = ev_next(c->s, &f, e);
	return e;
}

/* A role ("client", "server") as the reader's language names it. */
static const char *said(const char *role)
{
	return strcmp(role, "server") == 0 ? _("server") : _("client");
}

static const char *role_of(const struct check_ctx *c, pid_t pid)
{
	return pid == check_pid(c, "server") ? "server" : "client";
}

static void closes_first(const struct check_ctx *c, struct check_result *r)
{
	const char *want = server_first(c) ? "server" : "client";
	const struct event *e = first_close(c);

	if (!e) {
		check_fail(r, _("nobody closed the connection"));
		return;
	}
	check_evidence(r, e);
	if (strcmp(role_of(c, e->pid), want) == 0)
		check_pass(r, _("the %s closed first: its FIN goes first"), said(want));
	else
		check_fail(r, _("the %s closed first, not the %s"), said(role_of(c, e->pid)),
			   said(want));
}

/* ---- packets ---------------------------------------------------------- */

/* A packet to the server's port (check_pkt's from_port false) or from it. */
#define TO_SERVER   false
#define FROM_SERVER true

static void three_way(const struct check_ctx *c, struct check_result *r)
{
	int port = c->facts->port;
	const struct event *syn, *synack, *ack;

	if (!check_source_ran(c, "pkt", r))
		return;
	/* The direction tells the client's SYN from the server's SYN+ACK. */
	syn = check_pkt(c, port, TO_SERVER, "S", false, 0);
	synack = syn ? check_pkt(c, port, FROM_SERVER, "SA", false, syn->t) : NULL;
	ack = synack ? check_pkt(c, port, TO_SERVER, "A", false, synack->t) : NULL;
	check_evidence(r, syn);
	check_evidence(r, synack);
	check_evidence(r, ack);
	if (!syn)
		check_fail(r, _("no SYN from the client was captured"));
	else if (!synack)
		check_fail(r, _("the server's SYN+ACK did not follow the client's SYN"));
	else if (!ack)
		check_fail(r, _("the client's ACK did not follow the SYN+ACK"));
	else
		check_pass(r, _("SYN, SYN+ACK, ACK: %.3f ms from the first to the last"),
			   check_ms_between(syn->t, ack->t));
}

static void both_fins(const struct check_ctx *c, struct check_result *r)
{
	const struct event *from_client, *from_server, *first;
	const char *want = server_first(c) ? "server" : "client";
	const char *who;

	if (!check_source_ran(c, "pkt", r))
		return;
	from_client = check_pkt(c, c->facts->port, TO_SERVER, "F", false, 0);
	from_server = check_pkt(c, c->facts->port, FROM_SERVER, "F", false, 0);
	if (!from_client || !from_server) {
		check_evidence(r, from_client ? from_client : from_server);
		check_fail(r, from_client   ? _("only the client sent a FIN")
			      : from_server ? _("only the server sent a FIN")
					    : _("nobody sent a FIN"));
		return;
	}
	first = from_client->t <= from_server->t ? from_client : from_server;
	who = first == from_client ? "client" : "server";
	check_evidence(r, first);
	check_evidence(r, first == from_client ? from_server : from_client);
	if (strcmp(who, want) != 0)
		check_fail(r, _("the %s's FIN went first, not the %s's"), said(who), said(want));
	else
		check_pass(r, _("each side sent a FIN, the %s's first; each FIN was ACKed"),
			   said(who));
}

/* ---- states ----------------------------------------------------------- */

/* The names of the connection's two sockets, the closer's first; fails r
 * when the client never connected. */
static bool closer_socks(const struct check_ctx *c, char *closer, char *other, size_t cap,
			 struct check_result *r)
{
	char *client = server_first(c) ? other : closer;
	char *server = server_first(c) ? closer : other;

	return check_connected(c, r, "client", client, server, cap);
}

static void closer_time_wait(const struct check_ctx *c, struct check_result *r)
{
	const char *who = server_first(c) ? "server" : "client";
	char closer[128], other[128];
	const struct event *tw;

	if (!check_source_ran(c, "state", r) || !closer_socks(c, closer, other, sizeof(closer), r))
		return;
	tw = check_state_to(c, closer, "TIME_WAIT");
	if (!tw) {
		check_fail(r, _("the %s's socket %s was never seen in TIME_WAIT"), said(who),
			   closer);
		return;
	}
	check_evidence(r, tw);
	if (check_state_to(c, other, "TIME_WAIT"))
		check_fail(r,
			   _("both sockets went to TIME_WAIT: did both close at the same time?"));
	else if (tw->state.timer_ms <= 0)
		check_fail(r, _("the %s's socket is in TIME_WAIT, but with no time left known"),
			   said(who));
	else
		check_pass(r, _("the %s, which closed first, waits in TIME_WAIT (%.1f s left)"),
			   said(who), tw->state.timer_ms / 1000.0);
}

static void other_close_wait(const struct check_ctx *c, struct check_result *r)
{
	const char *who = server_first(c) ? "client" : "server";
	char closer[128], other[128];
	const struct event *cw, *la;

	if (!check_source_ran(c, "state", r) || !closer_socks(c, closer, other, sizeof(closer), r))
		return;
	cw = check_state_to(c, other, "CLOSE_WAIT");
	la = check_state_to(c, other, "LAST_ACK");
	check_evidence(r, cw);
	check_evidence(r, la);
	if ((!cw || !la) && !check_states_exact(c))
		check_skip(r, _("CLOSE_WAIT and LAST_ACK may last microseconds, and states were "
				"sampled, not followed (exact states need root)"));
	else if (!cw)
		check_fail(r, _("the %s's socket %s was never seen in CLOSE_WAIT"), said(who),
			   other);
	else if (!la || la->t < cw->t)
		check_fail(r, _("the %s's socket went to CLOSE_WAIT but never to LAST_ACK"),
			   said(who));
	else
		check_pass(r,
			   _("the %s got the FIN first (CLOSE_WAIT), closed %.1f ms later "
			     "(LAST_ACK), and needs no TIME_WAIT"),
			   said(who), check_ms_between(cw->t, la->t));
}

static const struct check handshake_checks[] = {
	{"three-way", N_("SYN, SYN+ACK, ACK open the connection"), .fn = three_way},
	{"connects", N_("the client's connect() returns once the handshake is done"),
	 .fn = client_connects},
	{"accepts", N_("the server's accept() returns the new connection"), .fn = server_accepts},
	{"echoes", N_("each line the client sends comes back"), .fn = client_gets_echo},
	{"closes-first",
	 N_("the side expected to close first does (the client; or the server "
	    "with --server-closes-first)"),
	 .fn = closes_first},
	{"fins", N_("both sides send a FIN, the first closer's first"), .fn = both_fins},
	{"close-wait", N_("the other side goes CLOSE_WAIT, then LAST_ACK"), .fn = other_close_wait},
	{"time-wait", N_("the side that closed first ends in TIME_WAIT, with time left"),
	 .fn = closer_time_wait},
	{NULL},
};

/* ---- the listen queue (--backlog) ---------------------------------------- */

/* Client i's (from 1) connect(), or NULL. */
static const struct event *nth_connect(const struct check_ctx *c, int i)
{
	char role[16];

	snprintf(role, sizeof(role), "client %d", i);
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "connect",
						  .pid = check_pid(c, role)});
}

/* The SYNs of the connection whose client end is "from" (no ACK), in
 * order, at most max; returns how many. */
static int syns_of(const struct check_ctx *c, const char *from, const struct event **out, int max)
{
	struct ev_filter f = {.src = "pkt", .flags = "S", .port = c->facts->port};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e && n < max; e = ev_next(c->s, &f, e))
		if (!(e->pkt.flags & TCPF_ACK) && e->pkt.from && strcmp(e->pkt.from, from) == 0)
			out[n++] = e;
	return n;
}

static void syns_resent(const struct check_ctx *c, struct check_result *r)
{
	const struct event *syn[8];
	char local[ENDPOINT_STR_MAX];
	double third = 0;
	int resent = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (int i = 3; i <= BACKLOG_CLIENTS; i++) {
		const struct event *e = nth_connect(c, i);
		int n;
		double gap1, gap2;
		if (!e || !e->call.sock ||
		    endpoint_pair_split(e->call.sock, local, NULL, sizeof(local)) < 0)
			continue;
		n = syns_of(c, local, syn, 8);
		if (n < 3)
			continue;
		gap1 = check_ms_between(syn[0]->t, syn[1]->t);
		gap2 = check_ms_between(syn[0]->t, syn[2]->t);
		/* 1 s, then 2 s more (the timeout doubles, as on Debian 12's
		 * 6.1) or 1 s more (Linux 6.5 and later retry a SYN 1 s apart
		 * four times: net.ipv4.tcp_syn_linear_timeouts). */
		if (gap1 >= 700 && gap1 <= 1800 && gap2 >= 1600 && gap2 <= 4500) {
			resent++;
			third = gap2 / 1000;
			check_evidence(r, syn[0]);
			check_evidence(r, syn[1]);
			check_evidence(r, syn[2]);
		}
	}
	if (resent == BACKLOG_CLIENTS - 2)
		check_pass(r,
			   _("the queue was full: the kernel dropped the SYNs of clients 3 and 4, "
			     "which sent them again 1 s and %.1f s after the first, until the "
			     "server accepted"),
			   third);
	else
		check_fail(r,
			   _("%d of clients 3 and 4 sent their SYN three times, 1 s and 3 s apart"),
			   resent);
}

static void connect_waits(const struct check_ctx *c, struct check_result *r)
{
	int quick = 0, slow = 0;

	for (int i = 1; i <= BACKLOG_CLIENTS; i++) {
		const struct event *e = nth_connect(c, i);
		if (!e || e->call.ret != 0)
			continue;
		check_evidence(r, e);
		if (i <= 2 && e->call.dur < 500000000LL)
			quick++;
		if (i > 2 && e->call.dur >= 1500000000LL)
			slow++;
	}
	check_evidence_text(r,
			    _("the server's listen(): backlog 1; its first accept(): 2 s later"));
	if (quick == 2 && slow == BACKLOG_CLIENTS - 2)
		check_pass(r, _("clients 1 and 2 connected at once, into the queue, before any "
				"accept(); the connect() of clients 3 and 4 waited for a SYN sent "
				"again, 1.5 s or more"));
	else
		check_fail(r, _("%d of clients 1-2 connected at once, %d of clients 3-4 waited"),
			   quick, slow);
}

static void drains_in_order(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call",
			      .fn = "accept",
			      .err = "ok",
			      .pid = check_pid(c, "server")};
	const struct event *a = ev_first(c->s, &f);
	char want[ENDPOINT_PAIR_MAX];
	int i;

	for (i = 1; i <= BACKLOG_CLIENTS && a; i++, a = ev_next(c->s, &f, a)) {
		const struct event *e = nth_connect(c, i);
		check_evidence(r, a);
		if (!e || !e->call.sock ||
		    !endpoint_pair_reversed(e->call.sock, want, sizeof(want)) || !a->call.sock ||
		    strcmp(a->call.sock, want) != 0) {
			check_fail(r, _("accept() number %d did not return client %d"), i, i);
			return;
		}
	}
	if (i <= BACKLOG_CLIENTS)
		check_fail(r, _("the server accepted %d clients, not %d"), i - 1, BACKLOG_CLIENTS);
	else
		check_pass(r, _("accept() returned the clients in the order they connected: 1, 2, "
				"3, 4"));
}

static void all_echoed(const struct check_ctx *c, struct check_result *r)
{
	int n = 0;

	for (int i = 1; i <= BACKLOG_CLIENTS; i++) {
		char role[16], want[48];
		snprintf(role, sizeof(role), "client %d", i);
		snprintf(want, sizeof(want), "Message from server: hello %d", i);
		n += check_printed(c, role, want);
	}
	if (n == BACKLOG_CLIENTS)
		check_pass(r, _("every client got its line back: a full queue delays, it loses "
				"nothing"));
	else
		check_fail(r, _("%d of %d clients got their line back"), n, BACKLOG_CLIENTS);
}

static const struct check backlog_checks[] = {
	{"queue-full",
	 N_("with the queue full, the kernel drops SYNs; they are sent again at 1 s, then 3 s (or "
	    "2 "
	    "s)"),
	 .fn = syns_resent},
	{"connect-waits",
	 N_("the queued clients connect before accept(); the others' connect() waits"),
	 .fn = connect_waits},
	{"drains-in-order", N_("accept() takes the clients in the order they connected"),
	 .fn = drains_in_order},
	{"echoes", N_("every client is served in the end"), .fn = all_echoed},
	{NULL},
};

static const struct lab_option handshake_options[] = {
	{"server-closes-first", N_("the server closes right after its first echo"), NULL},
	{"backlog", N_("backlog 1, a server slow to accept, four clients: the listen queue"),
	 backlog_checks},
	{NULL},
};

const struct lab lab_1 = {
	.number = 1,
	.name = "handshake",
	.title = N_("the 3-way handshake, data and ACKs, the 4-way close"),
	.dir = "01-handshake",
	.no_fix = N_("it shows how TCP opens and closes; nothing in it is a mistake"),
	.options = handshake_options,
	.run = handshake_run,
	.checks = handshake_checks,
};

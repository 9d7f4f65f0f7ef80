/*
 * Lab 18 (addresses): what socklab runs, and the checkpoints it proves.
 *
 * The host has two addresses without any network of its own: loopback
 * answers to all of 127.0.0.0/8, so 127.0.0.1 and 127.0.0.2 are two
 * addresses of one machine, each its own destination, and no namespace
 * (nor root) is needed. Naive: the server binds 127.0.0.1; a client to
 * 127.0.0.1 is served, one to 127.0.0.2 is refused -- its SYN is answered
 * by [RA], ECONNREFUSED. --fix: the server binds INADDR_ANY and serves
 * both, each connection on the address its client asked for. Either way
 * the client never calls bind(): getsockname() says 0.0.0.0:0 before its
 * connect() and an address and a port after.
 *
 * --ports: a second live server on the port (EADDRINUSE), two that share
 * it with SO_REUSEPORT, and port 80 as a plain user (EACCES).
 * --sockaddr: the 16 bytes bind() is given; a wrong length (EINVAL), a
 * wrong family (EAFNOSUPPORT). --convert: inet_addr() and inet_pton() on
 * 255.255.255.255, and a UDP socket bound by its first sendto().
 * --ipv6: a dual-stack listener sees an IPv4 client as ::ffff:127.0.0.1;
 * with IPV6_V6ONLY, the same client is refused.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define HERE  "127.0.0.1"
#define THERE "127.0.0.2"
#define LOW   80 /* a well-known port */
#define HINT  N_("lab 18 (addresses)")

/* ---- the scenarios ---------------------------------------------------------- */

/* Starts role as a client of addr:port and waits until it is done. */
static int client(struct scenario *s, const char *role, const char *addr, char *port)
{
	pid_t pid = scenario_start(s, role, ARGV("addr_client", (char *)addr, port), NULL);

	return pid < 0 ? -1 : scenario_wait(s, pid, 5000);
}

/* Stops a server that serves until killed, and waits for its end. */
static int stop(struct scenario *s, pid_t pid)
{
	scenario_kill(s, pid, SIGTERM);
	return scenario_wait(s, pid, 5000);
}

static int two_addresses(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server;

	scenario_step(s, _("start the server, bound to %s:%s"),
		      r->fix ? "INADDR_ANY (0.0.0.0)" : HERE, port);
	server =
		scenario_start(s, "server", ARGV("addr_server", r->fix ? "any" : HERE, port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("a client connects to %s:%s"), HERE, port);
	if (client(s, "client", HERE, port) < 0)
		return -1;
	scenario_step(s, _("another client connects to %s:%s, the host's other address"), THERE,
		      port);
	if (client(s, "client 2", THERE, port) < 0)
		return -1;
	return stop(s, server);
}

/* Starts a server that is to bind and listen, and waits until it does. */
static pid_t listener(struct scenario *s, const char *role, char *const argv[])
{
	pid_t pid = scenario_start(s, role, argv, NULL);

	return pid < 0 || scenario_wait_output(s, pid, "listening on", 5000) < 0 ? -1 : pid;
}

static int ports(struct scenario *s, char *port)
{
	pid_t first, second, share1, share2;
	char low[8];

	snprintf(low, sizeof(low), "%d", LOW);
	scenario_step(s, _("a server listens on port %s"), port);
	if ((first = listener(s, "server", ARGV("addr_server", "any", port))) < 0)
		return -1;
	scenario_step(s, _("a second server, while the first lives, binds the same port"));
	second = scenario_start(s, "server 2", ARGV("addr_server", "any", port), NULL);
	if (second < 0 || scenario_wait(s, second, 5000) < 0 || stop(s, first) < 0)
		return -1;
	scenario_step(s, _("two servers that both set SO_REUSEPORT share port %s"), port);
	if ((share1 = listener(s, "sharer 1", ARGV("addr_server", "any", port, "reuseport"))) < 0 ||
	    (share2 = listener(s, "sharer 2", ARGV("addr_server", "any", port, "reuseport"))) < 0)
		return -1;
	scenario_step(s, _("another user, with SO_REUSEPORT too, binds the same port"));
	second = scenario_start(s, "other user", ARGV("other_user", port), NULL);
	if (second < 0 || scenario_wait(s, second, 5000) < 0)
		return -1;
	scenario_step(s, _("a client connects: the kernel gives it to one of them"));
	if (client(s, "client", HERE, port) < 0 || stop(s, share1) < 0 || stop(s, share2) < 0)
		return -1;
	scenario_step(s, _("a plain user binds port %d"), LOW);
	second = scenario_start(s, "port 80", ARGV("low_port", low), NULL);
	return second < 0 ? -1 : scenario_wait(s, second, 5000);
}

/* One program that runs and ends. */
static int one_program(struct scenario *s, const char *role, char *const argv[])
{
	pid_t pid = scenario_start(s, role, argv, NULL);

	return pid < 0 ? -1 : scenario_wait(s, pid, 5000);
}

static int ipv6(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server;

	scenario_step(s, _("an IPv6 server on [::]:%s, IPV6_V6ONLY 0: dual-stack"), port);
	server = scenario_start(s, "server", ARGV("addr6_server", port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("an IPv4 client connects to %s:%s"), HERE, port);
	if (client(s, "client", HERE, port) < 0 || stop(s, server) < 0)
		return -1;
	scenario_step(s, _("the server again, with IPV6_V6ONLY 1; the same IPv4 client"));
	server = scenario_start(s, "server (v6only)", ARGV("addr6_server", port, "v6only"), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0 ||
	    client(s, "client 2", HERE, port) < 0)
		return -1;
	return stop(s, server);
}

static int addresses_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "ports"))
		return ports(s, port);
	if (lab_option(r, "sockaddr")) {
		scenario_step(s, _("the 16 bytes of a sockaddr_in, and three bind()s"));
		return one_program(s, "sockaddr", ARGV("sockaddr_bytes", port));
	}
	if (lab_option(r, "convert")) {
		scenario_step(s,
			      _("inet_addr() beside inet_pton(); a UDP socket's first sendto()"));
		return one_program(s, "convert", ARGV("convert", port));
	}
	if (lab_option(r, "ipv6"))
		return ipv6(s, r, port);
	return two_addresses(s, r, port);
}

/* ---- what the calls say ------------------------------------------------------ */

/* role's nth (from 1) call of fn, or NULL. */
static const struct event *call_of(const struct check_ctx *c, const char *role, const char *fn,
				   int nth)
{
	pid_t pid = check_pid(c, role);

	return pid < 0 ? NULL
		       : ev_nth(c->s, &(struct ev_filter){.src = "call", .fn = fn, .pid = pid},
				nth);
}

/* "EADDRINUSE", "ok" (it returned 0 or more), or "no error". */
static const char *outcome(const struct event *e)
{
	return e->call.err ? e->call.err : e->call.ret >= 0 ? "ok" : "no error";
}

static bool failed_with(const struct event *e, const char *err)
{
	return e && e->call.err && strcmp(e->call.err, err) == 0;
}

/* The port of an "IP:PORT" (or "[IP6]:PORT"), or -1. */
static int port_of(const char *addr)
{
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	int port;

	return colon && sscanf(colon + 1, "%d", &port) == 1 ? port : -1;
}

/* True when addr is host:ANY-PORT. */
static bool addr_is(const char *addr, const char *host)
{
	size_t n = strlen(host);

	return addr && strncmp(addr, host, n) == 0 && addr[n] == ':';
}

/* ---- the naive run and --fix --------------------------------------------------- */

static void bound(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "server", "bind", 1);
	const char *want = lab_run_of(c)->fix ? "0.0.0.0" : HERE;

	if (!e) {
		check_fail(r, _("the server never called bind()"));
		return;
	}
	check_evidence(r, e);
	if (e->call.ret != 0)
		check_fail(r, _("the server's bind() failed (%s)"), outcome(e));
	else if (!addr_is(e->call.addr, want) || port_of(e->call.addr) != c->facts->port)
		check_fail(r, _("the server bound %s, not %s:%d"),
			   e->call.addr ? e->call.addr : "?", want, c->facts->port);
	else if (lab_run_of(c)->fix)
		check_pass(r, _("the server bound %s: INADDR_ANY, every address of the host"),
			   e->call.addr);
	else
		check_pass(r, _("the server bound %s: one address of the host's two"),
			   e->call.addr);
}

/* The client's getsockname() before and after its connect(). */
static void implicit_bind(const struct check_ctx *c, struct check_result *r)
{
	const struct event *before = call_of(c, "client", "getsockname", 1);
	const struct event *conn = call_of(c, "client", "connect", 1);
	const struct event *after = call_of(c, "client", "getsockname", 2);

	check_evidence(r, before);
	check_evidence(r, conn);
	check_evidence(r, after);
	if (call_of(c, "client", "bind", 1))
		check_fail(r, _("the client called bind() itself"));
	else if (!before || !conn || !after || before->t > conn->t || after->t < conn->t)
		check_fail(r,
			   _("the client did not call getsockname() before and after connect()"));
	else if (!before->call.addr || strcmp(before->call.addr, "0.0.0.0:0") != 0)
		check_fail(r, _("before connect(), the client's socket was already %s"),
			   before->call.addr ? before->call.addr : "?");
	else if (!addr_is(after->call.addr, HERE) || port_of(after->call.addr) <= 0)
		check_fail(r, _("after connect(), the client's socket was %s, not %s and a port"),
			   after->call.addr ? after->call.addr : "?", HERE);
	else
		check_pass(r,
			   _("no bind(): 0.0.0.0:0 before connect(), %s after -- the kernel chose "
			     "the address and the port"),
			   after->call.addr);
}

static void served(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "client", "connect", 1);

	check_evidence(r, e);
	if (!e || e->call.ret != 0)
		check_fail(r, _("the client's connect() to %s failed (%s)"), HERE,
			   e ? outcome(e) : _("never called"));
	else if (!check_output_evidence(c, r, "client", "Message from server: hello from", 1))
		check_fail(r, _("the client to %s was not greeted"), HERE);
	else
		check_pass(r, _("the client to %s:%d was served"), HERE, c->facts->port);
}

static void refused(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "client 2", "connect", 1);

	check_evidence(r, e);
	check_output_evidence(c, r, "client 2", "connect() error", 1);
	if (!e)
		check_fail(r, _("the second client never called connect()"));
	else if (!addr_is(e->call.peer, THERE))
		check_fail(r, _("the second client connected to %s, not %s"),
			   e->call.peer ? e->call.peer : "?", THERE);
	else if (!failed_with(e, "ECONNREFUSED"))
		check_fail(r, _("connect() to %s did not fail with ECONNREFUSED (%s)"), THERE,
			   outcome(e));
	else
		check_pass(r,
			   _("connect() to %s:%d failed with ECONNREFUSED: nothing is bound to "
			     "that "
			     "address, though the port is the server's"),
			   THERE, c->facts->port);
}

/* The first packet from THERE:port with flags, or NULL. */
static const struct event *from_there(const struct check_ctx *c, const char *flags)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port, .flags = flags};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (addr_is(e->pkt.from, THERE) && port_of(e->pkt.from) == c->facts->port)
			return e;
	return NULL;
}

static void rst(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = from_there(c, "R");
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("no RST came from %s:%d"), THERE, c->facts->port);
	else if (from_there(c, "SA"))
		check_fail(r, _("%s:%d answered a SYN with SYN-ACK"), THERE, c->facts->port);
	else
		check_pass(r,
			   _("the SYN to %s:%d was answered by [RA]: the kernel has no socket for "
			     "that address and port"),
			   THERE, c->facts->port);
}

static void both_served(const struct check_ctx *c, struct check_result *r)
{
	const struct event *a = call_of(c, "server", "accept", 1);
	const struct event *b = call_of(c, "server", "accept", 2);
	char here[64], there[64];

	snprintf(here, sizeof(here), "%s:%d>", HERE, c->facts->port);
	snprintf(there, sizeof(there), "%s:%d>", THERE, c->facts->port);
	check_evidence(r, a);
	check_evidence(r, b);
	check_output_evidence(c, r, "client 2", "Message from server", 1);
	if (!a || !b || a->call.ret < 0 || b->call.ret < 0)
		check_fail(r, _("the server did not accept both clients"));
	else if (!a->call.sock || strncmp(a->call.sock, here, strlen(here)) != 0 || !b->call.sock ||
		 strncmp(b->call.sock, there, strlen(there)) != 0)
		check_fail(r, _("the connections were %s and %s, not on %s and %s"),
			   a->call.sock ? a->call.sock : "?", b->call.sock ? b->call.sock : "?",
			   here, there);
	else if (!check_printed(c, "client", "Message from server") ||
		 !check_printed(c, "client 2", "Message from server"))
		check_fail(r, _("a client was not greeted"));
	else
		check_pass(r,
			   _("one listening socket on 0.0.0.0:%d served both: one connection on "
			     "%s, "
			     "one on %s"),
			   c->facts->port, HERE, THERE);
}

static void synack(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = from_there(c, "SA");
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("no SYN-ACK came from %s:%d"), THERE, c->facts->port);
	else if (from_there(c, "R"))
		check_fail(r, _("an RST came from %s:%d"), THERE, c->facts->port);
	else
		check_pass(r, _("the SYN to %s:%d was answered by [SA]"), THERE, c->facts->port);
}

/* ---- --ports ------------------------------------------------------------------- */

static void eaddrinuse(const struct check_ctx *c, struct check_result *r)
{
	const struct event *first = call_of(c, "server", "listen", 1);
	const struct event *e = call_of(c, "server 2", "bind", 1);

	check_evidence(r, first);
	check_evidence(r, e);
	check_output_evidence(c, r, "server 2", "bind() error", 1);
	if (!first || first->call.ret != 0)
		check_fail(r, _("the first server did not listen"));
	else if (!e)
		check_fail(r, _("the second server never called bind()"));
	else if (!failed_with(e, "EADDRINUSE"))
		check_fail(r, _("the second server's bind() did not fail with EADDRINUSE (%s)"),
			   outcome(e));
	else
		check_pass(r,
			   _("the second server's bind() of port %d failed with EADDRINUSE: the "
			     "first still listens there"),
			   c->facts->port);
}

static void reuseport(const struct check_ctx *c, struct check_result *r)
{
	static const char *const roles[] = {"sharer 1", "sharer 2"};
	const struct event *l2 = call_of(c, "sharer 2", "listen", 1);
	const struct event *end1 = check_end(c, check_pid(c, "sharer 1"));
	int served = 0;

	for (int i = 0; i < 2; i++) {
		const struct event *set = call_of(c, roles[i], "setsockopt", 1);
		const struct event *b = call_of(c, roles[i], "bind", 1);
		const struct event *l = call_of(c, roles[i], "listen", 1);

		check_evidence(r, b);
		check_evidence(r, l);
		if (!set || !set->call.opt || strcmp(set->call.opt, "SO_REUSEPORT") != 0 || !b ||
		    set->t > b->t) {
			check_fail(r, _("%s did not set SO_REUSEPORT before bind()"), roles[i]);
			return;
		}
		if (b->call.ret != 0 || !l || l->call.ret != 0) {
			check_fail(r, _("%s did not bind and listen (%s)"), roles[i], outcome(b));
			return;
		}
		served += check_printed(c, roles[i], "accepted ");
	}
	if (end1 && end1->t < l2->t)
		check_fail(r, _("sharer 1 had ended before sharer 2 listened"));
	else if (served != 1 || !check_output_evidence(c, r, "client", "Message from server", 1))
		check_fail(r, _("the client was not served by exactly one of the two"));
	else
		check_pass(r,
			   _("both servers set SO_REUSEPORT, bound and listened on port %d at "
			     "once; the kernel gave the client to one of them"),
			   c->facts->port);
}

static void other_user(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "other user", "bind", 1);

	check_evidence(r, e);
	check_output_evidence(c, r, "other user", NULL, 2);
	if (check_printed(c, "other user", "cannot become another user"))
		check_skip(r, _("socklab was not run as root, so the program could not become "
				"another user than the servers'"));
	else if (!check_printed(c, "other user", "running as uid ") ||
		 check_printed(c, "other user", "running as uid 0"))
		check_fail(r, _("the program did not run as another user"));
	else if (!e)
		check_fail(r, _("the other user's program never called bind()"));
	else if (!failed_with(e, "EADDRINUSE"))
		check_fail(r,
			   _("the other user's bind() of port %d did not fail with EADDRINUSE "
			     "(%s)"),
			   c->facts->port, outcome(e));
	else
		check_pass(r,
			   _("another user's bind() of port %d failed with EADDRINUSE, "
			     "SO_REUSEPORT "
			     "or not: only the same user may share a port"),
			   c->facts->port);
}

/* The first port anyone may bind, as the program read it, or -1. */
static int unprivileged_start(const struct check_ctx *c)
{
	const char *out = strstr(check_output(c, "port 80"), "ip_unprivileged_port_start = ");
	int start;

	return out && sscanf(out, "ip_unprivileged_port_start = %d", &start) == 1 ? start : -1;
}

static void eacces(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "port 80", "bind", 1);
	int start = unprivileged_start(c);

	check_evidence(r, e);
	check_output_evidence(c, r, "port 80", "running as uid", 1);
	check_output_evidence(c, r, "port 80", "ip_unprivileged_port_start", 1);
	if (check_printed(c, "port 80", "running as uid 0"))
		check_fail(r, _("the program ran as root: it proves nothing about a plain user"));
	else if (!e)
		check_fail(r, _("the program never called bind()"));
	else if (failed_with(e, "EACCES"))
		check_pass(r,
			   _("bind() of port %d as a plain user failed with EACCES (ports below %d "
			     "are root's here)"),
			   LOW, start);
	else if (start >= 0 && start <= LOW)
		check_skip(r,
			   _("this machine lets every user bind ports from %d "
			     "(net.ipv4.ip_unprivileged_port_start), so port %d is no one's: "
			     "bind() said %s"),
			   start, LOW, outcome(e));
	else
		check_fail(r, _("bind() of port %d as a plain user did not fail with EACCES (%s)"),
			   LOW, outcome(e));
}

/* ---- --sockaddr ---------------------------------------------------------------- */

static void sixteen_bytes(const struct check_ctx *c, struct check_result *r)
{
	char want[80];
	int p = c->facts->port;

	/* AF_INET (2) in the machine's order, the port big-endian,
	 * 127.0.0.1, eight zero bytes of sin_zero. */
	snprintf(want, sizeof(want), "bytes: 02 00 %02x %02x 7f 00 00 01 00 00 00 00 00 00 00 00",
		 p >> 8, p & 0xff);
	check_evidence(r, call_of(c, "sockaddr", "bind", 3));
	if (check_output_evidence(c, r, "sockaddr", want, 1))
		check_pass(r,
			   _("the 16 bytes: family 02 00, port %02x %02x (%d, big-endian), "
			     "address 7f 00 00 01, then sin_zero"),
			   p >> 8, p & 0xff, p);
	else
		check_fail(r, _("the program did not print \"%s\""), want);
}

/* The sockaddr program's nth bind() failed with err (or, err NULL,
 * succeeded). */
static void nth_bind(const struct check_ctx *c, struct check_result *r, int nth, const char *err,
		     const char *why)
{
	const struct event *e = call_of(c, "sockaddr", "bind", nth);

	check_evidence(r, e);
	if (!e)
		check_fail(r, _("the program's bind() number %d never came"), nth);
	else if (err ? !failed_with(e, err) : e->call.ret != 0)
		check_fail(r, _("bind() number %d: %s, not %s"), nth, outcome(e), err ? err : "0");
	else
		check_pass(r, "%s", _(why));
}

static void einval(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "sockaddr", "wrong length", 1);
	nth_bind(c, r, 1, "EINVAL",
		 N_("bind() with sizeof(&serv_addr), 8, for the length failed with EINVAL"));
}

static void eafnosupport(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "sockaddr", "wrong family", 1);
	nth_bind(c, r, 2, "EAFNOSUPPORT",
		 N_("bind() of an AF_INET socket to an address of family AF_INET6 failed with "
		    "EAFNOSUPPORT"));
}

static void binds(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "sockaddr", "right", 1);
	nth_bind(c, r, 3, NULL,
		 N_("bind() with the family AF_INET and sizeof(serv_addr), 16, succeeded"));
}

/* ---- --convert ----------------------------------------------------------------- */

static void inaddr_none(const struct check_ctx *c, struct check_result *r)
{
	bool all =
		check_output_evidence(c, r, "convert",
				      "inet_addr(\"255.255.255.255\") = 0xffffffff == INADDR_NONE",
				      1) &&
		check_output_evidence(c, r, "convert",
				      "inet_addr(\"256.1.1.1\") = 0xffffffff == INADDR_NONE", 1);

	if (all)
		check_pass(r, _("inet_addr() gave INADDR_NONE for 255.255.255.255, an address, and "
				"for 256.1.1.1, none: the two cannot be told apart"));
	else
		check_fail(r, _("inet_addr() did not give INADDR_NONE for both"));
}

static void pton(const struct check_ctx *c, struct check_result *r)
{
	bool all =
		check_output_evidence(c, r, "convert", "inet_pton(\"255.255.255.255\") = 1", 1) &&
		check_output_evidence(c, r, "convert", "inet_pton(\"256.1.1.1\") = 0", 1);

	if (all)
		check_pass(r, _("inet_pton() said 1 for 255.255.255.255 and 0 for 256.1.1.1: the "
				"answer apart from the address"));
	else
		check_fail(r, _("inet_pton() did not say 1 and 0"));
}

static void sendto_binds(const struct check_ctx *c, struct check_result *r)
{
	const struct event *before = call_of(c, "convert", "getsockname", 1);
	const struct event *send = call_of(c, "convert", "sendto", 1);
	const struct event *after = call_of(c, "convert", "getsockname", 2);

	check_evidence(r, before);
	check_evidence(r, send);
	check_evidence(r, after);
	if (!before || !send || !after || before->t > send->t || after->t < send->t)
		check_fail(r,
			   _("the program did not call getsockname() before and after sendto()"));
	else if (send->call.ret < 0)
		check_fail(r, _("sendto() failed (%s)"), outcome(send));
	else if (!before->call.addr || strcmp(before->call.addr, "0.0.0.0:0") != 0)
		check_fail(r, _("before sendto(), the socket was already %s"),
			   before->call.addr ? before->call.addr : "?");
	else if (!addr_is(after->call.addr, "0.0.0.0") || port_of(after->call.addr) <= 0)
		check_fail(r, _("after sendto(), the socket was %s, not 0.0.0.0 and a port"),
			   after->call.addr ? after->call.addr : "?");
	else
		check_pass(r,
			   _("no bind(): 0.0.0.0:0 before the first sendto(), %s after -- a port, "
			     "and still no address"),
			   after->call.addr);
}

/* ---- --ipv6 -------------------------------------------------------------------- */

/* role set IPV6_V6ONLY to val before its bind() of [::]:port. */
static bool v6only_set(const struct check_ctx *c, struct check_result *r, const char *role, int val)
{
	const struct event *set = call_of(c, role, "setsockopt", 1);
	const struct event *b = call_of(c, role, "bind", 1);
	char want[32];

	snprintf(want, sizeof(want), "[::]:%d", c->facts->port);
	check_evidence(r, set);
	check_evidence(r, b);
	if (!set || !set->call.has_val || set->call.val != val || !b || set->t > b->t) {
		check_fail(r, _("%s did not set IPV6_V6ONLY to %d before bind()"), role, val);
		return false;
	}
	if (b->call.ret != 0 || !b->call.addr || strcmp(b->call.addr, want) != 0) {
		check_fail(r, _("%s did not bind %s (%s)"), role, want, outcome(b));
		return false;
	}
	return true;
}

static void dual_stack(const struct check_ctx *c, struct check_result *r)
{
	if (v6only_set(c, r, "server", 0))
		check_pass(r,
			   _("the server set IPV6_V6ONLY 0 and bound [::]:%d: one socket for "
			     "both families"),
			   c->facts->port);
}

static void mapped(const struct check_ctx *c, struct check_result *r)
{
	const struct event *a = call_of(c, "server", "accept", 1);

	check_evidence(r, a);
	check_output_evidence(c, r, "server", "accepted [::ffff:127.0.0.1]", 1);
	if (!a || a->call.ret < 0)
		check_fail(r, _("the dual-stack server accepted nobody"));
	else if (!check_printed(c, "server", "accepted [::ffff:127.0.0.1]:"))
		check_fail(r, _("accept() did not give the IPv4 client as ::ffff:127.0.0.1"));
	else if (!check_output_evidence(c, r, "client", "Message from server", 1))
		check_fail(r, _("the IPv4 client was not greeted"));
	else
		check_pass(r,
			   _("accept() gave the IPv4 client %s as ::ffff:127.0.0.1, an IPv4 "
			     "address "
			     "mapped into IPv6"),
			   a->call.peer ? a->call.peer : "");
}

static void ipv4_on_wire(const struct check_ctx *c, struct check_result *r)
{
	const struct event *syn;

	if (!check_source_ran(c, "pkt", r))
		return;
	syn = check_pkt(c, c->facts->port, false, "S", false, 0);
	check_evidence(r, syn);
	if (!syn)
		check_fail(r, _("no SYN to port %d was captured"), c->facts->port);
	else if (!addr_is(syn->pkt.from, HERE))
		check_fail(r, _("the SYN came from %s, not IPv4 %s"), syn->pkt.from, HERE);
	else
		check_pass(r, _("on the wire it was IPv4: the SYN from %s to %s"), syn->pkt.from,
			   syn->pkt.to);
}

static void v6only(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = call_of(c, "client 2", "connect", 1);

	if (!v6only_set(c, r, "server (v6only)", 1))
		return;
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("the second client never called connect()"));
	else if (!failed_with(e, "ECONNREFUSED"))
		check_fail(r, _("the IPv4 client's connect() did not fail with ECONNREFUSED (%s)"),
			   outcome(e));
	else
		check_pass(r, _("with IPV6_V6ONLY 1 the IPv4 client was refused (ECONNREFUSED): "
				"[::] is IPv6 alone"));
}

/* ---- the lists ------------------------------------------------------------------ */

static const struct check naive_checks[] = {
	{"bound-one", N_("the server binds 127.0.0.1, one address of two"), HINT, bound},
	{"implicit-bind", N_("the client has an address only after connect()"), HINT,
	 implicit_bind},
	{"served", N_("the client to 127.0.0.1 is served"), HINT, served},
	{"refused", N_("the client to 127.0.0.2 gets ECONNREFUSED"), HINT, refused},
	{"rst", N_("its SYN is answered by an RST from 127.0.0.2"), HINT, rst},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"bound-any", N_("the server binds INADDR_ANY"), HINT, bound},
	{"implicit-bind", N_("the client has an address only after connect()"), HINT,
	 implicit_bind},
	{"both-served", N_("both clients are served, each on the address it asked for"), HINT,
	 both_served},
	{"synack", N_("the SYN to 127.0.0.2 is answered by a SYN-ACK"), HINT, synack},
	{NULL},
};

static const struct check ports_checks[] = {
	{"eaddrinuse", N_("a second live server on the port: EADDRINUSE"), HINT, eaddrinuse},
	{"reuseport", N_("two servers with SO_REUSEPORT share the port"), HINT, reuseport},
	{"other-user", N_("another user cannot join them: EADDRINUSE"), HINT, other_user},
	{"eacces", N_("port 80 as a plain user: EACCES"), HINT, eacces},
	{NULL},
};

static const struct check sockaddr_checks[] = {
	{"bytes", N_("the 16 bytes of the sockaddr_in"), HINT, sixteen_bytes},
	{"einval", N_("a wrong addrlen: EINVAL"), HINT, einval},
	{"eafnosupport", N_("a wrong family: EAFNOSUPPORT"), HINT, eafnosupport},
	{"binds", N_("the right family and length: bind() succeeds"), HINT, binds},
	{NULL},
};

static const struct check convert_checks[] = {
	{"inaddr-none", N_("inet_addr(\"255.255.255.255\") == INADDR_NONE"), HINT, inaddr_none},
	{"pton", N_("inet_pton() says 1 or 0 apart from the address"), HINT, pton},
	{"sendto-binds", N_("a UDP socket gets its port at the first sendto()"), HINT,
	 sendto_binds},
	{NULL},
};

static const struct check ipv6_checks[] = {
	{"dual-stack", N_("the IPv6 server is dual-stack (IPV6_V6ONLY 0)"), HINT, dual_stack},
	{"mapped", N_("it sees the IPv4 client as ::ffff:127.0.0.1"), HINT, mapped},
	{"ipv4-on-wire", N_("on the wire, the client's packets are IPv4"), HINT, ipv4_on_wire},
	{"v6only", N_("with IPV6_V6ONLY 1, the IPv4 client is refused"), HINT, v6only},
	{NULL},
};

static const struct lab_option addresses_options[] = {
	{"ports", N_("a second live listener, SO_REUSEPORT, port 80 as a plain user"),
	 ports_checks},
	{"sockaddr", N_("the 16 bytes bind() is given; a wrong length, a wrong family"),
	 sockaddr_checks},
	{"convert", N_("inet_addr() and inet_pton(); a UDP socket's first sendto()"),
	 convert_checks},
	{"ipv6", N_("a dual-stack listener, a v4 client as ::ffff:, IPV6_V6ONLY"), ipv6_checks},
	{NULL},
};

static const struct lab_option_fix addresses_option_fixes[] = {
	{"ports", NULL, N_("each of its errors is the lesson")},
	{"sockaddr", NULL, N_("its third bind() is the right one")},
	{"convert", NULL, N_("it shows two functions side by side")},
	{"ipv6", NULL, N_("it shows IPV6_V6ONLY both ways")},
	{NULL},
};

const struct lab lab_18 = {
	.number = 18,
	.name = "addresses",
	.title = N_("addresses and ports: one address or INADDR_ANY, bind()'s errors, IPv6"),
	.dir = "18-addresses",
	.fix = N_("the server binds INADDR_ANY, every address of the host"),
	.options = addresses_options,
	.option_fixes = addresses_option_fixes,
	.run = addresses_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

/*
 * Lab 9 (peer-gone): what socklab runs, and the checkpoints it proves.
 *
 * peer_server serves one echo client, then goes away; peer_client (UNP's
 * str_cli of 5.13) sends each line in two writes, a second apart, and
 * reads the echo. How the server goes, and what the client's calls return:
 *
 *   naive            the server echoes a line and close()s; the user types
 *                    another: the first write succeeds and draws an RST,
 *                    the second raises SIGPIPE, which kills the client
 *   --fix            the same, with SIGPIPE ignored: write() = -1 EPIPE
 *   --server-killed  socklab kills the server (SIGKILL) while it works on
 *                    the line: the kernel sends its FIN, read() = 0
 *   --unread-input   the server closes without reading the line: an RST,
 *                    not a FIN, and the client's read() = -1 ECONNRESET
 *   --linger-zero    SO_LINGER {1, 0}: close() sends an RST, the server's
 *                    socket needs no TIME_WAIT, and the client's next
 *                    write() = -1 ECONNRESET
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define WAIT_MS 5000

static const char *server_mode(const struct lab_run *r)
{
	return lab_option(r, "server-killed")  ? "hang"
	       : lab_option(r, "unread-input") ? "unread"
	       : lab_option(r, "linger-zero")  ? "linger0"
					       : "close";
}

static pid_t start_client(struct scenario *s, const struct lab_run *r, const char *port)
{
	scenario_step(s, r->fix ? _("the client connects; it ignores SIGPIPE")
				: _("the client connects"));
	return scenario_start_typing(s, NULL, "client",
				     ARGV("peer_client", "127.0.0.1", (char *)port,
					  r->fix ? "nosigpipe" : NULL));
}

/* naive, --fix, --linger-zero: one line echoed, the server closes, then
 * the user types another. */
static int after_close(struct scenario *s, pid_t server, pid_t client)
{
	scenario_step(s, _("the user types a line: the client sends it in two writes, and reads "
			   "the echo"));
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, client, "Message from server: hello", WAIT_MS) < 0 ||
	    scenario_wait(s, server, WAIT_MS) < 0)
		return -1;
	/* The client, waiting for its user, has not noticed. */
	scenario_sleep(s, 300);
	scenario_step(s, _("the server has closed; the user types another line"));
	if (scenario_type(s, client, "again\n") < 0)
		return -1;
	return scenario_wait(s, client, WAIT_MS);
}

static int server_killed(struct scenario *s, pid_t server, pid_t client)
{
	scenario_step(s, _("the user types a line; the server reads it and works on it"));
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, server, "working on: hello", WAIT_MS) < 0)
		return -1;
	scenario_step(s,
		      _("socklab kills the server (SIGKILL) while the client waits for the echo"));
	scenario_kill(s, server, SIGKILL);
	if (scenario_wait(s, server, WAIT_MS) < 0)
		return -1;
	return scenario_wait(s, client, WAIT_MS);
}

/* The server never reads: stopped (SIGSTOP) until the client has sent its
 * line, so that the line is surely waiting when the server closes. */
static int unread_input(struct scenario *s, pid_t server, pid_t client)
{
	if (scenario_wait_output(s, server, "accepted", WAIT_MS) < 0)
		return -1;
	scenario_kill(s, server, SIGSTOP);
	scenario_step(s, _("the server is busy; the user types a line, which waits unread in the "
			   "server's socket"));
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, client, "sent: hello", WAIT_MS) < 0)
		return -1;
	scenario_step(s, _("the server gives up on the client: close() with the line unread"));
	scenario_kill(s, server, SIGCONT);
	if (scenario_wait(s, server, WAIT_MS) < 0)
		return -1;
	return scenario_wait(s, client, WAIT_MS);
}

static int peer_gone_run(struct scenario *s, const struct lab_run *r)
{
	const char *mode = server_mode(r);
	char port[16];
	pid_t server, client;
	int ret;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("start the echo server on port %s (%s)"), port, mode);
	server = scenario_start(s, "server", ARGV("peer_server", port, (char *)mode), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, WAIT_MS) < 0)
		return -1;
	if ((client = start_client(s, r, port)) < 0)
		return -1;
	if (strcmp(mode, "hang") == 0)
		ret = server_killed(s, server, client);
	else if (strcmp(mode, "unread") == 0)
		ret = unread_input(s, server, client);
	else
		ret = after_close(s, server, client);
	/* The last segments before the end. */
	scenario_sleep(s, 300);
	return ret;
}

/* ---- what the run did ------------------------------------------------ */

/* The first call fn of role on sock at or after t. */
static const struct event *call_after(const struct check_ctx *c, const char *role, const char *fn,
				      const char *sock, int64_t t)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = fn,
						  .pid = check_pid(c, role),
						  .sock = sock,
						  .after = t});
}

/* The server's close() of the connection, or NULL. */
static const struct event *server_close(const struct check_ctx *c, const char *server)
{
	return call_after(c, "server", "close", server, 0);
}

/* ---- naive and --fix: writing after the server closed ---------------------- */

/* The client's first write after the server closed. */
static const struct event *write_after_close(const struct check_ctx *c, const char *client,
					     const char *server)
{
	const struct event *closed = server_close(c, server);

	return closed ? call_after(c, "client", "write", client, closed->t) : NULL;
}

static void first_write(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *w;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	w = write_after_close(c, client, server);
	check_evidence(r, server_close(c, server));
	check_evidence(r, w);
	if (!w)
		check_fail(r, _("the client wrote nothing after the server closed"));
	else if (w->call.ret <= 0)
		check_fail(r, _("the client's first write() after the server's close failed (%s)"),
			   w->call.err ? w->call.err : "?");
	else
		check_pass(r,
			   _("write() returned %lld after the server had closed: the bytes left, "
			     "nothing said the server was gone"),
			   (long long)w->call.ret);
}

static void rst_after_write(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *fin, *data, *rst;

	if (!check_source_ran(c, "pkt", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	fin = check_pkt(c, c->facts->port, true, "F", false, 0);
	data = fin ? check_pkt(c, c->facts->port, false, NULL, true, fin->t) : NULL;
	rst = data ? check_pkt(c, c->facts->port, true, "R", false, data->t) : NULL;
	check_evidence(r, fin);
	check_evidence(r, data);
	check_evidence(r, rst);
	if (!fin || !data)
		check_fail(r, _("no data from the client followed the server's FIN"));
	else if (!rst)
		check_fail(r, _("no RST answered the client's data after the server's FIN"));
	else
		check_pass(r,
			   _("the server's kernel answered the client's %u byte(s) with an RST: "
			     "the socket they were for is closed"),
			   data->pkt.len);
}

/* The client's write that failed with EPIPE, or NULL. */
static const struct event *epipe_write(const struct check_ctx *c, const char *client)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "write",
						  .err = "EPIPE",
						  .pid = check_pid(c, "client"),
						  .sock = client});
}

static void sigpipe_kills(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *w, *end;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	w = epipe_write(c, client);
	end = check_end(c, check_pid(c, "client"));
	check_evidence(r, w);
	check_evidence(r, end);
	if (!w || !w->call.sigpipe)
		check_fail(r, _("no write() of the client raised SIGPIPE"));
	else if (!end || !end->proc.sig || strcmp(end->proc.sig, "SIGPIPE") != 0)
		check_fail(r, _("the client was not killed by SIGPIPE"));
	else
		check_pass(r,
			   _("the second write() failed with EPIPE and raised SIGPIPE: it killed "
			     "the client inside the call"));
}

static void epipe_handled(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *ign, *w, *end;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	ign = ev_first(c->s, &(struct ev_filter){.src = "proc",
						 .fn = "handler",
						 .pid = check_pid(c, "client")});
	w = epipe_write(c, client);
	end = check_end(c, check_pid(c, "client"));
	check_evidence(r, ign);
	check_evidence(r, w);
	check_evidence(r, end);
	if (!w)
		check_fail(r, _("no write() of the client failed with EPIPE"));
	else if (!end || end->proc.sig)
		check_fail(r, _("the client did not end by itself"));
	else
		check_pass(r,
			   _("with SIGPIPE ignored, write() returned -1 EPIPE; the client said so "
			     "and ended by itself"));
}

/* ---- --server-killed --------------------------------------------------------- */

static void server_killed_check(const struct check_ctx *c, struct check_result *r)
{
	const struct event *end = check_end(c, check_pid(c, "server"));

	check_evidence(r, end);
	if (!end || !end->proc.sig || strcmp(end->proc.sig, "SIGKILL") != 0)
		check_fail(r, _("the server was not killed by SIGKILL"));
	else
		check_pass(r, _("the server was killed by SIGKILL: it called neither close() nor "
				"exit()"));
}

static void fin_from_kernel(const struct check_ctx *c, struct check_result *r)
{
	const struct event *end = check_end(c, check_pid(c, "server")), *fin, *rst;

	if (!check_source_ran(c, "pkt", r))
		return;
	fin = check_pkt(c, c->facts->port, true, "F", false, 0);
	rst = check_pkt(c, c->facts->port, true, "R", false, 0);
	check_evidence(r, end);
	check_evidence(r, fin);
	check_evidence(r, rst);
	if (!fin)
		check_fail(r, _("no FIN came from the server's port"));
	else if (rst)
		check_fail(r, _("an RST came from the server's port"));
	else
		check_pass(r, _("the kernel closed the dead server's socket with a FIN, as close() "
				"would have: nothing was unread"));
}

static void read_zero(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	struct ev_filter f = {.src = "call",
			      .fn = "read",
			      .pid = check_pid(c, "client"),
			      .sock = client};
	const struct event *e = NULL, *zero = NULL;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	while (!zero && (e = ev_next(c->s, &f, e)))
		if (e->call.ret == 0)
			zero = e;
	check_evidence(r, zero);
	check_output_evidence(c, r, "client", "terminated prematurely", 1);
	if (!zero)
		check_fail(r, _("the client's read() never returned 0"));
	else
		check_pass(r,
			   _("the client's read() returned 0, as for any close: it cannot tell a "
			     "crash from a close"));
}

/* ---- --unread-input and --linger-zero: an RST instead of a FIN ---------------- */

static void rst_not_fin(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *closed, *rst, *fin;

	if (!check_source_ran(c, "pkt", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	closed = server_close(c, server);
	rst = closed ? check_pkt(c, c->facts->port, true, "R", false, closed->t) : NULL;
	fin = check_pkt(c, c->facts->port, true, "F", false, 0);
	check_evidence(r, closed);
	check_evidence(r, rst);
	check_evidence(r, fin);
	if (!closed)
		check_fail(r, _("the server never closed the connection"));
	else if (!rst)
		check_fail(r, _("no RST from the server followed its close()"));
	else if (fin)
		check_fail(r, _("the server's close() sent a FIN"));
	else
		check_pass(r,
			   _("close() sent an RST, %.2f ms later, and no FIN: the connection was "
			     "thrown away, not closed"),
			   check_ms_between(closed->t, rst->t));
}

static void unread_at_close(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *closed, *sent, *rd;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	closed = server_close(c, server);
	sent = ev_last(c->s, &(struct ev_filter){.src = "call",
						 .fn = "write",
						 .err = "ok",
						 .pid = check_pid(c, "client"),
						 .sock = client});
	rd = call_after(c, "server", "read", server, 0);
	check_evidence(r, sent);
	check_evidence(r, closed);
	if (!closed || !sent || sent->t > closed->t)
		check_fail(r, _("the client's line was not sent before the server closed"));
	else if (rd && rd->t < closed->t)
		check_fail(r, _("the server read from the connection before closing it"));
	else
		check_pass(r, _("the server closed with the client's line unread in its socket"));
}

static void econnreset(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	struct ev_filter f = {.src = "call",
			      .err = "ECONNRESET",
			      .pid = check_pid(c, "client"),
			      .sock = client};
	const struct event *e;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	e = ev_first(c->s, &f);
	check_evidence(r, e);
	check_output_evidence(c, r, "client", "reset", 1);
	if (!e)
		check_fail(r, _("no call of the client failed with ECONNRESET"));
	else
		check_pass(r,
			   _("the client's %s() returned -1 ECONNRESET: the connection was reset, "
			     "not closed"),
			   e->call.fn);
}

/* The setsockopt(SO_LINGER) of pid with l_onoff 1, l_linger 0, or NULL. */
static const struct event *linger_zero_set(const struct check_ctx *c, pid_t pid)
{
	struct ev_filter f = {.src = "call", .fn = "setsockopt", .err = "ok", .pid = pid};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		struct jobj o;
		bool zero;

		if (!e->call.opt || strcmp(e->call.opt, "SO_LINGER") != 0 || e->call.val != 1)
			continue;
		event_fields(e, &o);
		zero = jobj_int(&o, "linger") == 0;
		jobj_free(&o);
		if (zero)
			return e;
	}
	return NULL;
}

static void linger_set(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = linger_zero_set(c, check_pid(c, "server"));

	check_evidence(r, e);
	if (!e)
		check_fail(r, _("the server never set SO_LINGER to {1, 0}"));
	else
		check_pass(r, _("the server set SO_LINGER {l_onoff 1, l_linger 0} before close()"));
}

static void no_time_wait(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	struct ev_filter f = {.src = "state", .sock = server};
	const struct event *e, *last = NULL;
	int states = 0;

	if (!check_source_ran(c, "state", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	for (e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (e->state.to == TCP_ST_FIN_WAIT_1 || e->state.to == TCP_ST_TIME_WAIT)
			check_evidence(r, e);
		states |= 1 << e->state.to;
		last = e;
	}
	check_evidence(r, last);
	if (!last || last->state.to != TCP_ST_CLOSED)
		check_fail(r, _("the server's socket %s was never seen CLOSED"), server);
	else if (states & ((1 << TCP_ST_FIN_WAIT_1) | (1 << TCP_ST_TIME_WAIT)))
		check_fail(r, _("the server's socket went through the 4-way close"));
	else
		check_pass(r,
			   _("the server's socket went from %s straight to CLOSED: no FIN_WAIT, no "
			     "TIME_WAIT"),
			   tcp_state_name(last->state.from));
}

static const struct check naive_checks[] = {
	{"first-write", N_("the first write() after the server closed succeeds"),
	 .fn = first_write},
	{"rst-after-write", N_("the server's kernel answers that write with an RST"),
	 .fn = rst_after_write},
	{"sigpipe", N_("the next write() raises SIGPIPE, which kills the client"),
	 .fn = sigpipe_kills},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"first-write", N_("the first write() after the server closed succeeds"),
	 .fn = first_write},
	{"rst-after-write", N_("the server's kernel answers that write with an RST"),
	 .fn = rst_after_write},
	{"epipe", N_("with SIGPIPE ignored, the next write() returns -1 EPIPE"),
	 .fn = epipe_handled},
	{NULL},
};

static const struct check killed_checks[] = {
	{"killed", N_("the server is killed by SIGKILL"), .fn = server_killed_check},
	{"fin", N_("the kernel closes the dead server's socket with a FIN"), .fn = fin_from_kernel},
	{"read-zero", N_("the client's read() returns 0"), .fn = read_zero},
	{NULL},
};

static const struct check unread_checks[] = {
	{"unread", N_("the server closes with the client's line unread"), .fn = unread_at_close},
	{"rst-not-fin", N_("close() with unread input sends an RST, not a FIN"), .fn = rst_not_fin},
	{"econnreset", N_("the client's read() returns -1 ECONNRESET"), .fn = econnreset},
	{NULL},
};

static const struct check linger_checks[] = {
	{"linger", N_("the server sets SO_LINGER {1, 0}"), .fn = linger_set},
	{"rst-not-fin", N_("close() sends an RST, not a FIN"), .fn = rst_not_fin},
	{"no-time-wait", N_("the server's socket needs no TIME_WAIT"), .fn = no_time_wait},
	{"econnreset", N_("the client's next write() returns -1 ECONNRESET"), .fn = econnreset},
	{NULL},
};

static const struct lab_option peer_gone_options[] = {
	{"server-killed", N_("the server is killed (SIGKILL) while the client waits"),
	 killed_checks},
	{"unread-input", N_("the server closes with the client's line unread"), unread_checks},
	{"linger-zero", N_("the server closes with SO_LINGER {1, 0}"), linger_checks},
	{NULL},
};

const struct lab lab_9 = {
	.number = 9,
	.name = "peer-gone",
	.title = N_("the peer is gone: RST, SIGPIPE and EPIPE, ECONNRESET, read() = 0"),
	.dir = "09-peer-gone",
	.fix = N_("SIGPIPE ignored: write() returns -1 EPIPE, and the client handles it"),
	.options = peer_gone_options,
	.run = peer_gone_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

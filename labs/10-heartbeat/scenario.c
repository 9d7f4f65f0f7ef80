/*
 * Lab 10 (heartbeat): what socklab runs, and the checkpoints it proves.
 *
 * Two hosts, as in lab 6: the echo server in namespace b, the client in a.
 * They exchange a line; then the network dies without a word, as when a
 * cable is pulled or a host loses its power: an nftables rule in each
 * host drops every packet that arrives (netem is not needed, nor the
 * kernel's consent: nothing is refused, nothing answered). The packets
 * still leave, and are captured on a's link.
 *
 *   naive        both sockets stay ESTABLISHED (a half-open connection);
 *                the idle server waits in recv() forever; the client's
 *                next line is retransmitted at growing intervals (RTO
 *                backoff), to nobody
 *   --fix        an application heartbeat: a PING after each second of
 *                silence, answered PONG; three unanswered, the server
 *                closes, and the client, three seconds without a PING,
 *                closes too
 *   --keepalive  SO_KEEPALIVE (idle 1 s, interval 1 s, 3 probes): the
 *                server's kernel probes, then its recv() fails with
 *                ETIMEDOUT; the client, whose line waits unacknowledged,
 *                has TCP_USER_TIMEOUT 3 s: its recv() fails too
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "labnet/labnet.h"

#define WAIT_MS	 10000
#define WATCH_MS 4500 /* naive: the retransmissions at 0.2, 0.6, 1.4, 3 s */
/* The beginnings of two steps, which checkpoints find by their text
 * (lab_step_time): each step's translation begins with theirs. */
#define STEP_DEAD N_("the network dies")
#define STEP_END  N_("socklab ends the run")
#define DROP_EVERY                                                                                 \
	"table inet socklab {\n"                                                                   \
	"  chain in { type filter hook input priority 0; drop; }\n"                                \
	"}\n"

static const char *mode_of(const struct lab_run *r)
{
	return r->fix ? "heartbeat" : lab_option(r, "keepalive") ? "keepalive" : NULL;
}

/* Every packet that arrives at either host is dropped from now on. */
static int network_dies(struct scenario *s, const struct labnet *net)
{
	char err[512];

	scenario_step(s,
		      _("the network dies: every packet dropped as it arrives (nftables in %s and "
			"%s)"),
		      net->ns[LABNET_A], net->ns[LABNET_B]);
	if (labnet_nft(net->ns[LABNET_A], DROP_EVERY, err, sizeof(err)) < 0 ||
	    labnet_nft(net->ns[LABNET_B], DROP_EVERY, err, sizeof(err)) < 0)
		return scenario_fail(s, _("cannot drop packets: %s"), err);
	return 0;
}

/* Before the network dies: a line and its echo (and, with --fix, a
 * heartbeat answered). */
static int exchange(struct scenario *s, const struct lab_run *r, pid_t server, pid_t client)
{
	scenario_step(s, _("the client's user types a line; the server echoes it"));
	if (scenario_type(s, client, "hello\n") < 0 ||
	    scenario_wait_output(s, client, "Message from server: hello", WAIT_MS) < 0)
		return -1;
	if (r->fix) {
		scenario_step(s, _("a second of silence: the server's heartbeat, answered"));
		if (scenario_wait_output(s, server, "heartbeat: PONG", WAIT_MS) < 0)
			return -1;
	}
	return 0;
}

static int after_death(struct scenario *s, const struct lab_run *r, pid_t server, pid_t client)
{
	if (r->fix) {
		scenario_step(s, _("silence: the heartbeats go unanswered"));
		return scenario_wait_output(s, server, "the client is gone", WAIT_MS) < 0 ||
				       scenario_wait(s, server, WAIT_MS) < 0 ||
				       scenario_wait(s, client, WAIT_MS) < 0
			       ? -1
			       : 0;
	}
	scenario_step(s, _("the client's user types another line"));
	if (scenario_type(s, client, "are you there?\n") < 0)
		return -1;
	if (lab_option(r, "keepalive"))
		return scenario_wait(s, server, WAIT_MS) < 0 ||
				       scenario_wait(s, client, WAIT_MS) < 0
			       ? -1
			       : 0;
	/* Naive: nothing will happen but retransmissions; watch them. */
	scenario_sleep(s, WATCH_MS);
	scenario_step(s, _("socklab ends the run: both programs still wait"));
	return 0;
}

static int heartbeat_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	char *mode = (char *)mode_of(r), port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("two hosts: namespace %s (%s) and %s (%s)"), net->ns[LABNET_A],
		      net->addr[LABNET_A], net->ns[LABNET_B], net->addr[LABNET_B]);
	if (mode)
		scenario_step(s, _("the echo server listens on %s:%s, with %s"),
			      net->addr[LABNET_B], port, mode);
	else
		scenario_step(s, _("the echo server listens on %s:%s"), net->addr[LABNET_B], port);
	server = scenario_start_in(s, net->ns[LABNET_B], "server", ARGV("hb_server", port, mode),
				   NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, WAIT_MS) < 0)
		return -1;
	client = scenario_start_typing(s, net->ns[LABNET_A], "client",
				       ARGV("hb_client", (char *)net->addr[LABNET_B], port, mode));
	if (client < 0 || exchange(s, r, server, client) < 0 || network_dies(s, net) < 0)
		return -1;
	return after_death(s, r, server, client);
}

/* ---- what the run did ------------------------------------------------ */

/* The packets after t from port (to it when !from) with all the marks
 * of the TCP analysis in marks, into out (at most max). Returns how many. */
static int marked(const struct check_ctx *c, int port, bool from, uint16_t marks, int64_t t,
		  const struct event **out, int max)
{
	struct ev_filter f = {.src = "pkt", .port = port, .analysis = marks, .after = t};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e && n < max; e = ev_next(c->s, &f, e))
		if (endpoint_port(from ? e->pkt.from : e->pkt.to) == port)
			out[n++] = e;
	return n;
}

/* The first line of role's output holding text, as an event, or NULL. */
static const struct event *printed_at(const struct check_ctx *c, const char *role, const char *text)
{
	struct ev_filter f = {.src = "note", .fn = "output", .pid = check_pid(c, role)};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->note.text && strstr(e->note.text, text))
			return e;
	return NULL;
}

/* ---- naive: a half-open connection --------------------------------------- */

static void half_open(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	int64_t end = lab_step_time(c, STEP_END);
	const struct event *cs, *ss;

	if (!check_source_ran(c, "state", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	cs = check_state_before(c, client, end);
	ss = check_state_before(c, server, end);
	check_evidence(r, ss);
	check_evidence(r, cs);
	if (!cs || !ss || cs->state.to != TCP_ST_ESTABLISHED || ss->state.to != TCP_ST_ESTABLISHED)
		check_fail(r, _("a socket left ESTABLISHED before the end"));
	else
		check_pass(r,
			   _("%.1f s after the network died, both sockets are still ESTABLISHED: "
			     "each side believes in a connection that is gone"),
			   check_ms_between(lab_step_time(c, STEP_DEAD), end) / 1000);
}

static void recv_blocked(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	int64_t dead = lab_step_time(c, STEP_DEAD), end = lab_step_time(c, STEP_END);
	pid_t pid = check_pid(c, "server");
	const struct event *blocked, *ret;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	blocked = ev_last(c->s, &(struct ev_filter){.src = "proc", .fn = "blocked", .pid = pid});
	ret = ev_first(c->s, &(struct ev_filter){.src = "call",
						 .fn = "recv",
						 .pid = pid,
						 .sock = server,
						 .after = dead});
	check_evidence(r, ev_last(c->s, &(struct ev_filter){.src = "call",
							    .fn = "recv",
							    .pid = pid,
							    .sock = server}));
	check_evidence(r, blocked);
	check_evidence(r, ret);
	if (ret && ret->t < end)
		check_fail(r, _("the server's recv() returned after the network died"));
	else if (!blocked)
		check_fail(r, _("the server was never seen waiting in recv()"));
	else
		check_pass(r,
			   _("the server waits in recv() for a client that is gone: blocked %.1f s "
			     "by "
			     "the end, and it never returns"),
			   check_ms_between(blocked->proc.since, end) / 1000);
}

static void retransmits(const struct check_ctx *c, struct check_result *r)
{
	const struct event *rt[16];
	int n, growing = 1;

	if (!check_source_ran(c, "pkt", r))
		return;
	n = marked(c, c->facts->port, false, TCPA_RETRANSMISSION, lab_step_time(c, STEP_DEAD), rt,
		   16);
	for (int i = 0; i < n && i < 4; i++)
		check_evidence(r, rt[i]);
	/* Each wait at least about as long as the one before, the last at
	 * least twice the first: the kernel doubles its timer (RTO) each time,
	 * though a probe of its own may come first. */
	for (int i = 2; i < n; i++)
		growing &= (rt[i]->t - rt[i - 1]->t) * 10 >= (rt[i - 1]->t - rt[i - 2]->t) * 9;
	if (n >= 3)
		growing &= rt[n - 1]->t - rt[n - 2]->t >= (rt[1]->t - rt[0]->t) * 2;
	if (n < 3)
		check_fail(r, _("%d retransmission(s) of the client's line, not 3 or more"), n);
	else if (!growing)
		check_fail(r, _("the retransmissions did not leave at growing intervals"));
	else
		check_pass(r,
			   _("the client's line was retransmitted %d times, the waits growing from "
			     "%.0f ms to %.0f ms (RTO backoff), to nobody"),
			   n, check_ms_between(rt[0]->t, rt[1]->t),
			   check_ms_between(rt[n - 2]->t, rt[n - 1]->t));
}

/* ---- --fix: a heartbeat ------------------------------------------------------- */

static void heartbeat_answered(const struct check_ctx *c, struct check_result *r)
{
	const struct event *pong = printed_at(c, "server", "heartbeat: PONG");
	int64_t dead = lab_step_time(c, STEP_DEAD);

	check_evidence(r, printed_at(c, "server", "heartbeat: PING"));
	check_evidence(r, printed_at(c, "client", "answered PONG"));
	check_evidence(r, pong);
	if (!pong || pong->t > dead)
		check_fail(r, _("no PING was answered with a PONG while the network lived"));
	else
		check_pass(r, _("after a second of silence the server sent PING, and the client "
				"answered PONG: the connection is alive"));
}

static void found_dead(const struct check_ctx *c, struct check_result *r)
{
	const struct event *gone = printed_at(c, "server", "the client is gone");
	int64_t dead = lab_step_time(c, STEP_DEAD);
	double s;

	check_output_evidence(c, r, "server", "heartbeat: PING", 4);
	check_evidence(r, gone);
	if (!gone) {
		check_fail(r, _("the server never found the client gone"));
		return;
	}
	s = check_ms_between(dead, gone->t) / 1000;
	if (s < 2 || s > 6)
		check_fail(r, _("the server found the client gone %.1f s after the network died"),
			   s);
	else
		check_pass(r,
			   _("three PINGs unanswered, one a second: %.1f s after the network died, "
			     "the server knew the client was gone"),
			   s);
}

static void both_close(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct run_proc *sp = run_facts_proc(c->facts, "server");
	const struct run_proc *cp = run_facts_proc(c->facts, "client");

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	check_evidence(r,
		       ev_first(c->s,
				&(struct ev_filter){.src = "call", .fn = "close", .sock = server}));
	check_evidence(r,
		       ev_first(c->s,
				&(struct ev_filter){.src = "call", .fn = "close", .sock = client}));
	check_output_evidence(c, r, "client", "it is gone", 1);
	if (!sp || !cp || sp->killed || cp->killed || !sp->ended || !cp->ended)
		check_fail(r, _("a program did not end by itself: socklab had to stop it"));
	else
		check_pass(r, _("both sides closed their end and ended by themselves: no half-open "
				"connection is left"));
}

/* ---- --keepalive --------------------------------------------------------------- */

static void keepalive_probes(const struct check_ctx *c, struct check_result *r)
{
	const struct event *ka[8];
	int n, spaced = 1;

	if (!check_source_ran(c, "pkt", r))
		return;
	n = marked(c, c->facts->port, true, TCPA_KEEP_ALIVE, lab_step_time(c, STEP_DEAD), ka, 8);
	for (int i = 0; i < n && i < 4; i++)
		check_evidence(r, ka[i]);
	for (int i = 1; i < n; i++)
		spaced &= ka[i]->t - ka[i - 1]->t >= 700000000LL &&
			  ka[i]->t - ka[i - 1]->t <= 1600000000LL;
	if (n < 3)
		check_fail(r, _("%d keep-alive probe(s) from the server, not 3"), n);
	else if (!spaced)
		check_fail(r, _("the keep-alive probes were not a second apart"));
	else
		check_pass(r,
			   _("the server's kernel sent %d keep-alive probes, a second apart, "
			     "none answered"),
			   n);
}

/* role's first read-like call on sock that failed with ETIMEDOUT. */
static const struct event *timed_out(const struct check_ctx *c, const char *role, const char *sock)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .err = "ETIMEDOUT",
						  .pid = check_pid(c, role),
						  .sock = sock});
}

static void server_etimedout(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *e;
	double s;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	e = timed_out(c, "server", server);
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "setsockopt",
							     .pid = check_pid(c, "server")}));
	check_evidence(r, e);
	if (!e) {
		check_fail(r, _("no call of the server failed with ETIMEDOUT"));
		return;
	}
	s = check_ms_between(lab_step_time(c, STEP_DEAD), e->t) / 1000;
	if (s < 2 || s > 8)
		check_fail(r, _("the server's %s() failed %.1f s after the network died"),
			   e->call.fn, s);
	else
		check_pass(r,
			   _("the server's %s() failed with ETIMEDOUT %.1f s after the network "
			     "died: "
			     "idle 1 s, then 3 probes a second apart"),
			   e->call.fn, s);
}

static void user_timeout(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *set, *sent, *e;
	double s;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	set = ev_last(c->s, &(struct ev_filter){.src = "call",
						.fn = "setsockopt",
						.pid = check_pid(c, "client")});
	sent = ev_last(c->s, &(struct ev_filter){.src = "call",
						 .fn = "send",
						 .err = "ok",
						 .pid = check_pid(c, "client"),
						 .sock = client});
	e = timed_out(c, "client", client);
	check_evidence(r, set);
	check_evidence(r, sent);
	check_evidence(r, e);
	if (!set || !set->call.opt || strcmp(set->call.opt, "TCP_USER_TIMEOUT") != 0)
		check_fail(r, _("the client did not set TCP_USER_TIMEOUT"));
	else if (!e || !sent)
		check_fail(r, _("no call of the client failed with ETIMEDOUT"));
	else if ((s = check_ms_between(sent->t, e->t) / 1000) < 2 || s > 7)
		check_fail(r, _("the client's %s() failed %.1f s after its send()"), e->call.fn, s);
	else
		check_pass(r,
			   _("its line unacknowledged for TCP_USER_TIMEOUT (3 s), the client's "
			     "%s() failed with ETIMEDOUT %.1f s after send(): keep-alive alone "
			     "probes only an idle connection"),
			   e->call.fn, s);
}

static const struct check naive_checks[] = {
	{"half-open", N_("both sockets stay ESTABLISHED after the network died"), .fn = half_open},
	{"recv-blocked", N_("the idle server's recv() never returns"), .fn = recv_blocked},
	{"retransmits", N_("the client's line is retransmitted at growing intervals"),
	 .fn = retransmits},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"heartbeat", N_("a PING after a second of silence is answered PONG"),
	 .fn = heartbeat_answered},
	{"found-dead", N_("three unanswered PINGs: the server knows, in about 3 s"),
	 .fn = found_dead},
	{"both-close", N_("both sides close and end by themselves"), .fn = both_close},
	{NULL},
};

static const struct check keepalive_checks[] = {
	{"keepalive-probes", N_("the server's kernel sends keep-alive probes, a second apart"),
	 .fn = keepalive_probes},
	{"etimedout", N_("the server's recv() fails with ETIMEDOUT"), .fn = server_etimedout},
	{"user-timeout", N_("TCP_USER_TIMEOUT ends the client's wait for its unacknowledged line"),
	 .fn = user_timeout},
	{NULL},
};

static const struct lab_option heartbeat_options[] = {
	{"keepalive", N_("SO_KEEPALIVE 1/1/3, and TCP_USER_TIMEOUT for the side that sends"),
	 keepalive_checks},
	{NULL},
};

const struct lab lab_10 = {
	.number = 10,
	.name = "heartbeat",
	.title = N_("the connection that is only believed: a dead peer, heartbeat and keep-alive"),
	.dir = "10-heartbeat",
	.fix = N_(
		"an application heartbeat: a PING each second of silence, three unanswered: close"),
	.needs_root = true,
	.net = {.shape = LABNET_PAIR, .mtu = 1500},
	.options = heartbeat_options,
	.run = heartbeat_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

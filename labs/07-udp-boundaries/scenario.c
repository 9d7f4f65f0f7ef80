/*
 * Lab 7 (udp-boundaries): what socklab runs, and the checkpoints it proves.
 *
 * bound_host1 binds a UDP port and waits; bound_host2 sends three short
 * datagrams and a long one; bound_host1 then reads four times. Then a
 * connected UDP client sends to a port where nothing listens, and gets
 * ECONNREFUSED (--unconnected: the same without connect(), and no error
 * ever comes).
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define SHORT_SENDS 3

static int udp_run(struct scenario *s, const struct lab_run *r)
{
	bool unconnected = lab_option(r, "unconnected");
	char port[16], closed_port[16];
	pid_t receiver, sender, client;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("bound_host1 binds UDP port %s and is busy for 300 ms"), port);
	receiver = scenario_start(s, "receiver", ARGV("bound_host1", port), NULL);
	if (receiver < 0 || scenario_wait_udp(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("bound_host2 sends three short datagrams and one of 2000 bytes"));
	sender = scenario_start(s, "sender", ARGV("bound_host2", "127.0.0.1", port), NULL);
	if (sender < 0 || scenario_wait(s, sender, 5000) < 0 ||
	    scenario_wait(s, receiver, 5000) < 0)
		return -1;

	/* A port nobody has bound: the kernel just gave it up. */
	snprintf(closed_port, sizeof(closed_port), "%d", scenario_free_port());
	scenario_step(s,
		      unconnected
			      ? _("an unconnected UDP client sends to port %s, where nothing "
				  "listens")
			      : _("a connected UDP client sends to port %s, where nothing listens"),
		      closed_port);
	client = scenario_start(s, "client",
				ARGV("uecho_con_client", "127.0.0.1", closed_port,
				     unconnected ? "unconnected" : NULL),
				"hello\n");
	if (client < 0 || scenario_wait(s, client, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

/* The successful calls fn of role, in order, at most max. */
static int role_calls(const struct check_ctx *c, const char *role, const char *fn,
		      const struct event **out, int max)
{
	struct ev_filter f = {.src = "call", .fn = fn, .err = "ok", .pid = check_pid(c, role)};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e && n < max; e = ev_next(c->s, &f, e))
		out[n++] = e;
	return n;
}

static void boundaries_kept(const struct check_ctx *c, struct check_result *r)
{
	const struct event *sent[SHORT_SENDS], *got[SHORT_SENDS];
	int ns = role_calls(c, "sender", "sendto", sent, SHORT_SENDS);
	int nr = role_calls(c, "receiver", "recvfrom", got, SHORT_SENDS);

	if (ns < SHORT_SENDS || nr < SHORT_SENDS) {
		check_fail(r, _("%d sendto() and %d recvfrom() calls succeeded, not %d each"), ns,
			   nr, SHORT_SENDS);
		return;
	}
	for (int i = 0; i < SHORT_SENDS; i++) {
		check_evidence(r, sent[i]);
		check_evidence(r, got[i]);
		if (sent[i]->call.ret != got[i]->call.ret) {
			check_fail(r, _("datagram %d: %lld bytes sent, %lld received"), i + 1,
				   (long long)sent[i]->call.ret, (long long)got[i]->call.ret);
			return;
		}
	}
	check_pass(r,
		   got[0]->t > sent[SHORT_SENDS - 1]->t
			   ? _("three sendto()s, three recvfrom()s of the same sizes (%lld, %lld, "
			       "%lld), though all three were waiting when the reading began")
			   : _("three sendto()s, three recvfrom()s of the same sizes (%lld, %lld, "
			       "%lld)"),
		   (long long)got[0]->call.ret, (long long)got[1]->call.ret,
		   (long long)got[2]->call.ret);
}

static bool asked_msg_trunc(const struct event *e)
{
	struct jobj o;
	const char *flags;
	bool yes;

	event_fields(e, &o);
	flags = jobj_str(&o, "flags");
	yes = flags && strstr(flags, "MSG_TRUNC");
	jobj_free(&o);
	return yes;
}

static void truncated(const struct check_ctx *c, struct check_result *r)
{
	const struct event *got[SHORT_SENDS + 1];
	int n = role_calls(c, "receiver", "recvfrom", got, SHORT_SENDS + 1);
	const struct event *e = n == SHORT_SENDS + 1 ? got[SHORT_SENDS] : NULL;

	if (!e) {
		check_fail(r, _("the receiver did not read the long datagram"));
		return;
	}
	check_evidence(r, e);
	check_output_evidence(c, r, "receiver", "cut to", 1);
	if (e->call.ret > e->call.len && asked_msg_trunc(e))
		check_pass(r,
			   _("recvfrom() with MSG_TRUNC returned %lld, the datagram's real size, "
			     "though only %lld bytes fit: the rest is lost"),
			   (long long)e->call.ret, (long long)e->call.len);
	else
		check_fail(r, _("recvfrom() returned %lld for a buffer of %lld bytes"),
			   (long long)e->call.ret, (long long)e->call.len);
}

static void one_datagram_each(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	const struct event *sent[SHORT_SENDS + 1];
	int ns = role_calls(c, "sender", "sendto", sent, SHORT_SENDS + 1), i = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (e->pkt.proto != PROTO_UDP)
			continue;
		check_evidence(r, e);
		if (i >= ns || e->pkt.len != sent[i]->call.ret) {
			check_fail(r, _("datagram %d on the wire does not match sendto() %d"),
				   i + 1, i + 1);
			return;
		}
		i++;
	}
	if (i == SHORT_SENDS + 1 && ns == i)
		check_pass(r, _("each sendto() crossed as one UDP datagram of its size"));
	else
		check_fail(r, _("%d datagrams on the wire for %d sendto()s"), i, ns);
}

static void refused(const struct check_ctx *c, struct check_result *r)
{
	bool unconnected = lab_option(lab_run_of(c), "unconnected");
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .err = "ECONNREFUSED",
								   .pid = check_pid(c, "client")});
	const struct event *timeout =
		ev_first(c->s, &(struct ev_filter){.src = "call",
						   .fn = "recvfrom",
						   .err = "EAGAIN",
						   .pid = check_pid(c, "client")});

	check_output_evidence(c, r, "client", "error", 1);
	if (!unconnected && e) {
		check_evidence(r, e);
		check_pass(r,
			   _("%s() on the connected socket failed with ECONNREFUSED: the ICMP "
			     "port-unreachable came back to it"),
			   e->call.fn);
	} else if (unconnected && !e && timeout) {
		check_evidence(r, timeout);
		check_pass(r, _("no error reached the unconnected socket: recvfrom() waited 1 s "
				"for nothing (EAGAIN)"));
	} else {
		check_fail(r, unconnected ? _("the unconnected socket did not just time out")
					  : _("no call on the connected socket failed with "
					      "ECONNREFUSED"));
	}
}

static const struct check udp_checks[] = {
	{"boundaries", N_("three sendto()s arrive as three recvfrom()s of the same sizes"),
	 .fn = boundaries_kept},
	{"datagrams", N_("each sendto() is one datagram on the wire"), .fn = one_datagram_each},
	{"truncated", N_("a datagram longer than the buffer is cut; MSG_TRUNC tells its size"),
	 .fn = truncated},
	{"icmp-error",
	 N_("a connected UDP socket hears ECONNREFUSED from a closed port "
	    "(--unconnected: it never hears of it)"),
	 .fn = refused},
	{NULL},
};

static const struct lab_option udp_options[] = {
	{"unconnected", N_("the client sends without connect()"), NULL},
	{NULL},
};

const struct lab lab_7 = {
	.number = 7,
	.name = "udp-boundaries",
	.title = N_("UDP keeps message boundaries; truncation; ECONNREFUSED on connected UDP"),
	.dir = "07-udp-boundaries",
	.no_fix = N_("it shows how UDP behaves; nothing in it is a mistake"),
	.options = udp_options,
	.run = udp_run,
	.checks = udp_checks,
};

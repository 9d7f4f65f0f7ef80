/*
 * Lab 16 (broadcast): what socklab runs, and the checkpoints it proves.
 *
 * Five hosts: a, b, c and d on a switch (10.77.0.0/24), e behind a router
 * r (10.77.1.1). Receivers listen on b and c (the port P), on d (port
 * P+1: another channel) and on e (port P). Packets are captured on every
 * port of the switch.
 *
 * Naive: a sends to 255.255.255.255:P without SO_BROADCAST: EACCES.
 * --fix: with SO_BROADCAST; b and c get it, d (another port) and e
 * (behind the router) do not. --multicast: a sends to the group
 * 239.77.0.1:P, which only b has joined: only b gets it. --ttl: a sends
 * to e with IP_TTL 1 (the router answers "time exceeded") and 2 (it
 * arrives), then to the group with IP_MULTICAST_TTL 1 and 2, which e has
 * joined behind the router (a relay on r forwards what has a hop left).
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define GROUP "239.77.0.1"
#define FAR   "10.77.1.1"

enum { SENDER = LABNET_A, FAR_HOST = LABNET_E };

/* The cast: who listens where. */
struct cast {
	pid_t b, c, d, e, relay;
};

static pid_t start_receiver(struct scenario *s, const struct lab_run *r, int host, int port,
			    const char *group)
{
	char role[16], p[16];
	pid_t pid;

	snprintf(role, sizeof(role), "receiver %c", 'a' + host);
	snprintf(p, sizeof(p), "%d", port);
	pid = scenario_start_in(s, r->net->ns[host], role, ARGV("news_receiver", p, (char *)group),
				NULL);
	return pid < 0 || scenario_wait_output(s, pid, "listening", 5000) < 0 ? -1 : pid;
}

/* b and c on P, d on P+1, e on P; in the multicast runs b (and e) join
 * the group, c does not. */
static int start_receivers(struct scenario *s, const struct lab_run *r, struct cast *k)
{
	bool multi = lab_option(r, "multicast") || lab_option(r, "ttl");
	const char *g = multi ? GROUP : NULL;

	if (multi)
		scenario_step(s,
			      _("receivers: b and c on port %d (only b joins %s), d on port %d, e "
				"behind the router on port %d, in %s"),
			      r->port, GROUP, r->port + 1, r->port, GROUP);
	else
		scenario_step(s,
			      _("receivers: b and c on port %d, d on port %d, e behind the router "
				"on port %d"),
			      r->port, r->port + 1, r->port);
	k->b = start_receiver(s, r, LABNET_B, r->port, g);
	k->c = start_receiver(s, r, LABNET_C, r->port, NULL);
	k->d = start_receiver(s, r, LABNET_D, r->port + 1, g);
	k->e = start_receiver(s, r, FAR_HOST, r->port, g);
	return k->b < 0 || k->c < 0 || k->d < 0 || k->e < 0 ? -1 : 0;
}

/* The relay on the router, for the group. */
static int start_relay(struct scenario *s, const struct lab_run *r, struct cast *k)
{
	char p[16];

	snprintf(p, sizeof(p), "%d", r->port);
	k->relay = scenario_start_in(s, r->net->router, "relay",
				     ARGV("mcast_relay", GROUP, p, (char *)r->net->gw[0],
					  (char *)r->net->gw[1]),
				     NULL);
	return k->relay < 0 || scenario_wait_output(s, k->relay, "relaying", 5000) < 0 ? -1 : 0;
}

/* a sends once: news_sender TO P [broadcast] [ttl N]. */
static int send_news(struct scenario *s, const struct lab_run *r, const char *to, bool broadcast,
		     const char *ttl)
{
	char p[16];
	pid_t pid;

	snprintf(p, sizeof(p), "%d", r->port);
	if (broadcast)
		pid = scenario_start_in(s, r->net->ns[SENDER], "sender",
					ARGV("news_sender", (char *)to, p, "broadcast"), NULL);
	else if (ttl)
		pid = scenario_start_in(s, r->net->ns[SENDER], "sender",
					ARGV("news_sender", (char *)to, p, "ttl", (char *)ttl),
					NULL);
	else
		pid = scenario_start_in(s, r->net->ns[SENDER], "sender",
					ARGV("news_sender", (char *)to, p), NULL);
	return pid < 0 ? -1 : scenario_wait(s, pid, 5000);
}

/* The --ttl run: to e, then to the group e joined, TTL 1 then 2. */
static int ttl_run(struct scenario *s, const struct lab_run *r, struct cast *k)
{
	if (start_relay(s, r, k) < 0)
		return -1;
	scenario_step(s, _("a sends to e (%s) with IP_TTL 1, then 2"), FAR);
	if (send_news(s, r, FAR, false, "1") < 0 || send_news(s, r, FAR, false, "2") < 0 ||
	    scenario_wait_output(s, k->e, "ttl 2", 5000) < 0)
		return -1;
	scenario_step(s, _("a sends to the group %s with IP_MULTICAST_TTL 1, then 2"), GROUP);
	if (send_news(s, r, GROUP, false, "1") < 0 || send_news(s, r, GROUP, false, "2") < 0)
		return -1;
	return scenario_wait_output(s, k->relay, "sent on", 5000);
}

static int broadcast_run(struct scenario *s, const struct lab_run *r)
{
	struct cast k = {0};
	int ret;

	scenario_step(s, _("a, b, c, d on a switch; e behind a router; packets captured on every "
			   "port of the switch"));
	if (start_receivers(s, r, &k) < 0)
		return -1;
	if (lab_option(r, "ttl")) {
		ret = ttl_run(s, r, &k);
	} else if (lab_option(r, "multicast")) {
		scenario_step(s, _("a sends to the group %s, port %d"), GROUP, r->port);
		ret = send_news(s, r, GROUP, false, NULL);
		ret = ret < 0 ? -1 : scenario_wait_output(s, k.b, "got", 5000);
	} else {
		scenario_step(
			s,
			r->fix ? _("a sends to 255.255.255.255, port %d, with SO_BROADCAST set")
			       : _("a sends to 255.255.255.255, port %d, without SO_BROADCAST"),
			r->port);
		ret = send_news(s, r, "255.255.255.255", r->fix, NULL);
		if (ret == 0 && r->fix)
			ret = scenario_wait_output(s, k.b, "got", 5000) < 0 ||
					      scenario_wait_output(s, k.c, "got", 5000) < 0
				      ? -1
				      : 0;
	}
	/* Time for what should not arrive to show it does not. */
	scenario_sleep(s, 400);
	return ret;
}

/* ---- what each host got ------------------------------------------------------ */

/* How many lines role printed that hold all of a and b (b may be NULL). */
static int lines_with(const struct check_ctx *c, const char *role, const char *a, const char *b)
{
	const char *out = check_output(c, role);
	int n = 0;

	while (*out) {
		size_t len = strcspn(out, "\n");
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)len, out);
		n += strstr(line, a) && (!b || strstr(line, b));
		out += len + (out[len] == '\n');
	}
	return n;
}

static int got(const struct check_ctx *c, const char *role)
{
	return lines_with(c, role, "got \"", NULL);
}

static const struct event *sender_call(const struct check_ctx *c, const char *fn)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = fn,
						  .pid = check_pid(c, "sender")});
}

static void eacces(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = sender_call(c, "sendto");

	check_evidence(r, e);
	check_output_evidence(c, r, "sender", "error", 1);
	if (!e)
		check_fail(r, _("the sender never called sendto()"));
	else if (!e->call.err || strcmp(e->call.err, "EACCES") != 0)
		check_fail(r, _("sendto() to the broadcast address did not fail with EACCES"));
	else
		check_pass(r, _("without SO_BROADCAST, sendto() to 255.255.255.255 failed with "
				"EACCES: "
				"the kernel refuses to broadcast unasked"));
}

static void nobody_hears(const struct check_ctx *c, struct check_result *r)
{
	int n = got(c, "receiver b") + got(c, "receiver c") + got(c, "receiver d") +
		got(c, "receiver e");

	check_output_evidence(c, r, "receiver b", "listening", 1);
	if (n)
		check_fail(r, _("%d receivers got something"), n);
	else
		check_pass(r, _("no receiver got anything: nothing was sent"));
}

/* The pkt events of datagrams to "to" (an address, any port), and the
 * interfaces ("dev") they crossed: how many distinct, and whether dev is
 * among them. */
static int copies(const struct check_ctx *c, const char *to, const char *dev, bool *seen,
		  struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	char devs[8][32];
	int n = 0;

	*seen = false;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		struct jobj o;
		const char *d;
		bool known = false;
		if (!e->pkt.to || strncmp(e->pkt.to, to, strlen(to)) != 0)
			continue;
		event_fields(e, &o);
		d = jobj_str(&o, "dev");
		for (int i = 0; d && i < n; i++)
			known |= strcmp(devs[i], d) == 0;
		if (d && !known && n < 8) {
			snprintf(devs[n++], sizeof(devs[0]), "%s", d);
			check_evidence(r, e);
		}
		*seen |= d && strcmp(d, dev) == 0;
		jobj_free(&o);
	}
	return n;
}

static void silent_wire(const struct check_ctx *c, struct check_result *r)
{
	bool seen;

	if (!check_source_ran(c, "pkt", r))
		return;
	if (copies(c, "255.255.255.255:", "port-a", &seen, r))
		check_fail(r, _("a datagram to 255.255.255.255 was on the wire"));
	else
		check_pass(r, _("no datagram left host a: the refusal was in a's kernel"));
}

static void broadcast_sent(const struct check_ctx *c, struct check_result *r)
{
	const struct event *opt = sender_call(c, "setsockopt"), *e = sender_call(c, "sendto");

	check_evidence(r, opt);
	check_evidence(r, e);
	if (!opt || !opt->call.opt || strcmp(opt->call.opt, "SO_BROADCAST") != 0)
		check_fail(r, _("the sender did not set SO_BROADCAST"));
	else if (!e || e->call.ret <= 0)
		check_fail(r, _("sendto() to 255.255.255.255 did not succeed"));
	else
		check_pass(r, _("with SO_BROADCAST, sendto() to 255.255.255.255 sent %lld bytes"),
			   (long long)e->call.ret);
}

static void channel(const struct check_ctx *c, struct check_result *r)
{
	int b = got(c, "receiver b"), cc = got(c, "receiver c"), d = got(c, "receiver d");

	check_output_evidence(c, r, "receiver b", "got", 1);
	check_output_evidence(c, r, "receiver c", "got", 1);
	if (b != 1 || cc != 1)
		check_fail(r, _("b got %d datagrams and c %d, not one each"), b, cc);
	else if (d)
		check_fail(r, _("d, on another port, got it too"));
	else
		check_pass(r,
			   _("b and c, on port %d, got it once each; d, on port %d, did not: the "
			     "port is the channel"),
			   c->facts->port, c->facts->port + 1);
}

static void stays_local(const struct check_ctx *c, struct check_result *r)
{
	int e = got(c, "receiver e");

	check_output_evidence(c, r, "receiver e", NULL, 1);
	if (e)
		check_fail(r, _("e, behind the router, got %d datagrams"), e);
	else
		check_pass(r,
			   _("e, behind the router on port %d too, got nothing: a router does not "
			     "pass a broadcast on"),
			   c->facts->port);
}

static void switch_copies(const struct check_ctx *c, struct check_result *r)
{
	bool to_c;
	int n;

	if (!check_source_ran(c, "pkt", r))
		return;
	n = copies(c, "255.255.255.255:", "port-c", &to_c, r);
	if (n < 3 || !to_c)
		check_fail(r,
			   to_c ? _("the datagram crossed %d ports of the switch")
				: _("the datagram crossed %d ports of the switch, not c's"),
			   n);
	else
		check_pass(r,
			   _("one sendto(), %d copies on the switch: in from a, out to every "
			     "other port"),
			   n);
}

static void members_only(const struct check_ctx *c, struct check_result *r)
{
	int b = got(c, "receiver b"), cc = got(c, "receiver c"), d = got(c, "receiver d");

	check_output_evidence(c, r, "receiver b", "got", 1);
	if (b != 1)
		check_fail(r, _("b, a member, got %d datagrams, not one"), b);
	else if (cc || d)
		check_fail(r, _("c got %d and d %d: only members on the port may"), cc, d);
	else
		check_pass(r,
			   _("only b got it: c, on the same port, had not joined %s; d had, but "
			     "listens on another port"),
			   GROUP);
}

static void group_on_wire(const struct check_ctx *c, struct check_result *r)
{
	bool to_c;

	if (!check_source_ran(c, "pkt", r))
		return;
	copies(c, GROUP ":", "port-c", &to_c, r);
	if (!to_c)
		check_fail(r, _("the group's datagram never reached c's port"));
	else
		check_pass(r,
			   _("the switch gave c's port the datagram too: c's own stack dropped it, "
			     "as c had not joined"));
}

static void time_exceeded(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt"};
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->pkt.proto == PROTO_ICMP && e->pkt.icmp_type == 11)
			break;
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("no ICMP time exceeded was captured"));
	else if (!e->pkt.from || strcmp(e->pkt.from, "10.77.0.254") != 0)
		check_fail(r, _("the time exceeded came from %s, not the router"), e->pkt.from);
	else
		check_pass(r,
			   _("the router took the TTL-1 datagram's last hop and said so: ICMP time "
			     "exceeded, back to a"));
}

static void ttl_two(const struct check_ctx *c, struct check_result *r)
{
	int one = lines_with(c, "receiver e", "ttl 1\"", "from 10.77.0.1");
	int two = lines_with(c, "receiver e", "ttl 2\"", "from 10.77.0.1");

	check_output_evidence(c, r, "receiver e", "from 10.77.0.1", 2);
	if (one || two != 1)
		check_fail(r, _("e got %d datagram(s) with TTL 1 and %d with TTL 2 from a"), one,
			   two);
	else
		check_pass(r,
			   _("with IP_TTL 2 the datagram crossed the router and reached e; with 1 "
			     "it did not"));
}

static void multicast_ttl(const struct check_ctx *c, struct check_result *r)
{
	int one = lines_with(c, "receiver e", "ttl 1\"", "from 10.77.1.254");
	int two = lines_with(c, "receiver e", "ttl 2\"", "from 10.77.1.254");

	check_output_evidence(c, r, "relay", "TTL", 2);
	check_output_evidence(c, r, "receiver e", "from 10.77.1.254", 1);
	if (one || two != 1 || !check_printed(c, "relay", "TTL 1: no hop left"))
		check_fail(r, _("e got %d group datagram(s) with TTL 1 and %d with TTL 2"), one,
			   two);
	else
		check_pass(r,
			   _("IP_MULTICAST_TTL 1 kept the group's datagram on a's network; with 2 "
			     "the router sent it on to e"));
}

static const struct check naive_checks[] = {
	{"eacces", N_("without SO_BROADCAST, sendto() to a broadcast address fails with EACCES"),
	 .fn = eacces},
	{"silent-wire", N_("nothing leaves host a"), .fn = silent_wire},
	{"nobody-hears", N_("no receiver gets anything"), .fn = nobody_hears},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"broadcast", N_("with SO_BROADCAST, sendto() to 255.255.255.255 succeeds"),
	 .fn = broadcast_sent},
	{"switch-copies", N_("the switch copies the datagram to every port"), .fn = switch_copies},
	{"channel", N_("the hosts on the port get it; a host on another port does not"),
	 .fn = channel},
	{"stays-local", N_("a host behind the router does not get it"), .fn = stays_local},
	{NULL},
};

static const struct check multicast_checks[] = {
	{"group-on-wire", N_("the group's datagram reaches every port of the switch"),
	 .fn = group_on_wire},
	{"members-only", N_("only a host that joined the group, on the port, gets it"),
	 .fn = members_only},
	{NULL},
};

static const struct check ttl_checks[] = {
	{"time-exceeded", N_("IP_TTL 1 ends at the router, which answers ICMP time exceeded"),
	 .fn = time_exceeded},
	{"ttl-2", N_("IP_TTL 2 crosses the router"), .fn = ttl_two},
	{"multicast-ttl", N_("IP_MULTICAST_TTL 1 stays on the network, 2 crosses the router"),
	 .fn = multicast_ttl},
	{NULL},
};

static const struct lab_option broadcast_options[] = {
	{"multicast", N_("to a multicast group: only its members get it"), multicast_checks},
	{"ttl", N_("IP_TTL and IP_MULTICAST_TTL 1, then 2, through a router"), ttl_checks},
	{NULL},
};

const struct lab lab_16 = {
	.number = 16,
	.name = "broadcast",
	.title = N_("UDP broadcast, multicast and TTL on a switch and through a router"),
	.dir = "16-broadcast",
	.fix = N_("setsockopt(SO_BROADCAST) before sending to a broadcast address"),
	.options = broadcast_options,
	.needs_root = true,
	.net = {.shape = LABNET_BRIDGE, .hosts = 5, .mtu = 1500, .router = true},
	.net_capture = LABNET_HUB,
	.run = broadcast_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

/*
 * Lab 6 (fragmentation): what socklab runs, and the checkpoints it proves.
 *
 * Two network namespaces, joined by a veth link with a real MTU (1500)
 * and a real speed (1 Mbit/s), stand for two hosts: the receiver runs in
 * "b", the sender in "a". The sender sends five messages, one send()
 * each; the receiver, busy for its first 200 ms, then prints what each
 * recv() returned. Naive: it takes one recv() for one message, and gets
 * clumps and pieces. --fix: each message is framed by its length and read
 * whole, however it arrives.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "labnet/labnet.h"

#define MESSAGES  5
#define MAX_RECVS 256
#define MSS	  1448 /* MTU 1500 - IP header 20 - TCP header 20 - timestamps 12 */

static int fragmentation_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	char *mode = r->fix ? "framed" : NULL;
	char port[16];
	pid_t receiver, sender;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s,
		      _("two hosts: namespace %s (%s) and %s (%s), a veth link of MTU %d at "
			"%d kbit/s"),
		      net->ns[LABNET_A], net->addr[LABNET_A], net->ns[LABNET_B],
		      net->addr[LABNET_B], net->mtu, net->rate_kbit);
	scenario_step(s,
		      r->fix ? _("the receiver listens on %s:%s and reads framed messages")
			     : _("the receiver listens on %s:%s"),
		      net->addr[LABNET_B], port);
	receiver = scenario_start_in(s, net->ns[LABNET_B], "receiver", ARGV("receiver", port, mode),
				     NULL);
	if (receiver < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s,
		      r->fix ? _("the sender sends %d messages, one send() each, each framed by "
				 "its length")
			     : _("the sender sends %d messages, one send() each"),
		      MESSAGES);
	sender = scenario_start_in(s, net->ns[LABNET_A], "sender",
				   ARGV("sender", (char *)net->addr[LABNET_B], port, mode), NULL);
	if (sender < 0 || scenario_wait(s, sender, 10000) < 0 ||
	    scenario_wait(s, receiver, 10000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

/* The byte stream as the sender wrote it and the receiver read it: where
 * each send() and each recv() starts, in stream offsets. */
struct stream {
	long long send_end[MESSAGES + 1]; /* message i is [send_end[i-1], send_end[i]) */
	int nsend;
	long long recv_end[MAX_RECVS + 1];
	const struct event *recv[MAX_RECVS];
	int nrecv;
};

static void read_stream(const struct check_ctx *c, struct stream *st)
{
	struct ev_filter fs = {.src = "call",
			       .fn = "send",
			       .err = "ok",
			       .pid = check_pid(c, "sender")};
	struct ev_filter fr = {.src = "call", .fn = "recv", .pid = check_pid(c, "receiver")};

	memset(st, 0, sizeof(*st));
	for (const struct event *e = ev_first(c->s, &fs); e && st->nsend < MESSAGES;
	     e = ev_next(c->s, &fs, e)) {
		st->send_end[st->nsend + 1] = st->send_end[st->nsend] + e->call.ret;
		st->nsend++;
	}
	for (const struct event *e = ev_first(c->s, &fr); e && st->nrecv < MAX_RECVS;
	     e = ev_next(c->s, &fr, e)) {
		if (e->call.ret <= 0)
			continue;
		st->recv[st->nrecv] = e;
		st->recv_end[st->nrecv + 1] = st->recv_end[st->nrecv] + e->call.ret;
		st->nrecv++;
	}
}

/* How many messages have bytes in recv i. */
static int messages_in_recv(const struct stream *st, int i)
{
	int n = 0;

	for (int m = 0; m < st->nsend; m++)
		n += st->send_end[m] < st->recv_end[i + 1] && st->send_end[m + 1] > st->recv_end[i];
	return n;
}

/* How many recv()s have bytes of message m. */
static int recvs_in_message(const struct stream *st, int m)
{
	int n = 0;

	for (int i = 0; i < st->nrecv; i++)
		n += st->send_end[m] < st->recv_end[i + 1] && st->send_end[m + 1] > st->recv_end[i];
	return n;
}

static void clumps(const struct check_ctx *c, struct check_result *r)
{
	struct stream st;
	int clumped = 0;

	read_stream(c, &st);
	for (int i = 0; i < st.nrecv; i++) {
		int n = messages_in_recv(&st, i);
		if (n < 2)
			continue;
		if (clumped++ == 0) {
			check_evidence(r, st.recv[i]);
			check_evidence_text(r,
					    _("recv() %d returned bytes of %d different messages"),
					    i + 1, n);
		}
	}
	if (st.nsend != MESSAGES)
		check_fail(r, _("the sender made %d send()s, not %d"), st.nsend, MESSAGES);
	else if (clumped)
		check_pass(r, _("%d recv()s each returned bytes of several messages: a clump"),
			   clumped);
	else
		check_fail(r, _("no recv() returned more than one message"));
}

static void pieces(const struct check_ctx *c, struct check_result *r)
{
	struct stream st;
	int most = 0, which = 0;

	read_stream(c, &st);
	for (int m = 0; m < st.nsend; m++) {
		int n = recvs_in_message(&st, m);
		if (n > most) {
			most = n;
			which = m;
		}
	}
	check_output_evidence(c, r, "receiver", "message", 4);
	if (most >= 2)
		check_pass(r,
			   _("message %d (%lld bytes, one send()) came out of %d recv()s, in "
			     "pieces"),
			   which + 1, st.send_end[which + 1] - st.send_end[which], most);
	else
		check_fail(r, _("every message came out of one recv()"));
}

static void miscounted(const struct check_ctx *c, struct check_result *r)
{
	struct stream st;

	read_stream(c, &st);
	check_output_evidence(c, r, "receiver", "received", 1);
	if (st.nrecv != st.nsend)
		check_pass(r, _("%d messages were sent; the naive receiver counted %d"), st.nsend,
			   st.nrecv);
	else
		check_fail(r, _("the receiver counted as many messages as were sent"));
}

/* "message 4: 48000 bytes" lines of role, as numbers; returns how many. */
static int printed_sizes(const struct check_ctx *c, const char *role, const char *prefix, long *out,
			 int max)
{
	const char *line = check_output(c, role);
	int n = 0;

	while (*line && n < max) {
		int num;
		long size;
		char fmt[64];
		snprintf(fmt, sizeof(fmt), "%s %%d: %%ld bytes", prefix);
		if (sscanf(line, fmt, &num, &size) == 2)
			out[n++] = size;
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	return n;
}

static void whole_messages(const struct check_ctx *c, struct check_result *r)
{
	long sent[MESSAGES + 1], got[MAX_RECVS];
	int ns = printed_sizes(c, "sender", "sent message", sent, MESSAGES + 1);
	int nr = printed_sizes(c, "receiver", "message", got, MAX_RECVS);

	check_output_evidence(c, r, "receiver", "message", 6);
	if (ns != MESSAGES || nr != ns) {
		check_fail(r, _("%d messages sent, %d received"), ns, nr);
		return;
	}
	for (int i = 0; i < ns; i++)
		if (sent[i] != got[i]) {
			check_fail(r, _("message %d: %ld bytes sent, %ld received"), i + 1, sent[i],
				   got[i]);
			return;
		}
	check_pass(r, _("the receiver got the %d messages whole, with the sizes sent"), ns);
}

static void loop_joins_pieces(const struct check_ctx *c, struct check_result *r)
{
	struct stream st;
	int short_reads = 0;

	read_stream(c, &st);
	for (int i = 0; i < st.nrecv; i++)
		if (st.recv[i]->call.ret < st.recv[i]->call.len && short_reads++ < 2)
			check_evidence(r, st.recv[i]);
	if (short_reads > 0)
		check_pass(r,
			   _("%d recv()s still returned less than asked: the read-exactly-n loop "
			     "joined the pieces"),
			   short_reads);
	else
		check_fail(r,
			   _("every recv() returned all it asked for: nothing arrived in pieces"));
}

static void segments(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	long long bytes = 0;
	unsigned longest = 0;
	int n = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (endpoint_port(e->pkt.to) != c->facts->port || e->pkt.len == 0)
			continue;
		if (n++ < 2)
			check_evidence(r, e);
		bytes += e->pkt.len;
		longest = e->pkt.len > longest ? e->pkt.len : longest;
	}
	if (n >= 30 && longest <= MSS)
		check_pass(r,
			   _("%lld bytes crossed the link in %d segments of at most %u bytes "
			     "(MSS %d for an MTU of 1500)"),
			   bytes, n, longest, MSS);
	else
		check_fail(r, _("%d data segments, the longest %u bytes"), n, longest);
}

static const struct check naive_checks[] = {
	{"segments", N_("the link cuts the data into segments of at most 1448 bytes"),
	 .fn = segments},
	{"clumps", N_("one recv() returns several messages"), .fn = clumps},
	{"pieces", N_("one message comes out of several recv()s"), .fn = pieces},
	{"miscount", N_("the receiver counts recv()s, not messages"), .fn = miscounted},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"segments", N_("the link still cuts the data into segments of at most 1448 bytes"),
	 .fn = segments},
	{"short-reads", N_("recv() still returns pieces; the loop joins them"),
	 .fn = loop_joins_pieces},
	{"whole", N_("every message arrives whole, with the size sent"), .fn = whole_messages},
	{NULL},
};

const struct lab lab_6 = {
	.number = 6,
	.name = "fragmentation",
	.title = N_("TCP is a byte stream: one recv() is not one message"),
	.dir = "06-fragmentation",
	.fix = N_("a length-prefixed frame, read with a read-exactly-n loop"),
	.needs_root = true,
	.net = {.shape = LABNET_PAIR, .mtu = 1500, .rate_kbit = 1000},
	.run = fragmentation_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

/*
 * Lab 14 (loss): what socklab runs, and the checkpoints it proves.
 *
 * Two hosts with a router between them (a -- r -- b), links of MTU 1500
 * at 10 Mbit/s. The sender in a sends to the receiver in b; packets are
 * captured on a's link, where the sender's kernel sends and resends. The
 * router drops segments by an nftables rule that counts data segments
 * (numgen inc: a counter, not luck), so each run loses the same ones:
 *
 *   naive          the 20th data segment: duplicate ACKs, a fast retransmit
 *   --tail-drop    the last one (the only one of its size): no duplicate
 *                  ACK can tell, a timer must (a tail-loss probe or RTO)
 *   --random-loss  10 of every 50, after a first transfer without loss:
 *                  what loss costs in time, and the stalls of timeouts
 *   --reorder      the 20th is held back by a forwarder in the router
 *                  (labnet/labhold.h) and delivered after the next one: out of
 *                  order, not lost; captured on b's link, where it shows
 *
 * There is no --fix: TCP itself repairs the loss; the lab shows how.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "labnet/labhold.h"
#include "labnet/labnet.h"

#define BYTES	     145100  /* 100 segments of 1448 bytes and one of 300 */
#define TAIL_IP_LEN  352     /* the last: 20 (IP) + 32 (TCP, timestamps) + 300 */
#define RANDOM_BYTES 1048576 /* the two transfers of --random-loss */
#define NTH	     20	     /* the data segment dropped (or held) mid-stream */
#define HELD_FOR     1	     /* --reorder: it goes after this many more */
#define TIMER_MS     150.0   /* a pause this long is a timer's: TLP or RTO (200 ms) */
#define COST_FACTOR  1.3     /* the lossy transfer takes this much longer, at least */
#define RESENT_MIN   50	     /* segments sent again with 10 of 50 lost */

/* "Data segments from the sender to the receiver": more than headers. */
#define DATA_FROM_A "ip saddr %s ip daddr %s tcp dport %d ip length > 52"

/* The rule of the run, into rule. */
static void drop_rule(const struct lab_run *r, char *rule, size_t cap)
{
	char match[160];

	snprintf(match, sizeof(match), DATA_FROM_A, r->net->addr[LABNET_A], r->net->addr[LABNET_B],
		 r->port);
	if (lab_option(r, "tail-drop"))
		snprintf(rule, cap, "%s ip length %d numgen inc mod 1000000 0 counter drop", match,
			 TAIL_IP_LEN);
	else if (lab_option(r, "random-loss"))
		snprintf(rule, cap,
			 "%s numgen inc mod 50 { 2, 7, 11, 17, 23, 29, 31, 37, 41, 47 } counter "
			 "drop",
			 match);
	else
		snprintf(rule, cap, "%s numgen inc mod 1000000 %d counter drop", match, NTH - 1);
}

/* Loads the run's rule into the router. Returns 0, or -1. */
static int load_rule(struct scenario *s, const struct lab_run *r)
{
	char rule[320], ruleset[512], err[512];

	drop_rule(r, rule, sizeof(rule));
	snprintf(ruleset, sizeof(ruleset),
		 "table inet socklab {\n  chain forward {\n    type filter hook forward "
		 "priority 0;\n    %s\n  }\n}\n",
		 rule);
	scenario_step(s, _("the router drops by rule: %s"), rule);
	if (labnet_nft(r->net->hub, ruleset, err, sizeof(err)) < 0) {
		scenario_note(s, "source", "the drop rule could not be loaded: %s", err);
		return -1;
	}
	return 0;
}

/* Starts a sender as role in a for bytes; waits for it. Returns 0, or -1. */
static int send_once(struct scenario *s, const struct lab_run *r, const char *role,
		     const char *bytes)
{
	char port[16];
	pid_t sender;

	snprintf(port, sizeof(port), "%d", r->port);
	sender = scenario_start_in(s, r->net->ns[LABNET_A], role,
				   ARGV("sender", (char *)r->net->addr[LABNET_B], port,
					(char *)bytes),
				   NULL);
	return sender < 0 || scenario_wait(s, sender, 20000) < 0 ? -1 : 0;
}

/* The sender's kernel's counts of loss probes and timeouts, as a program
 * output the checkpoints read ("nstat"). */
static void count_timers(struct scenario *s, const struct lab_run *r)
{
	pid_t nstat = scenario_start_in(s, r->net->ns[LABNET_A], "nstat",
					ARGV("/usr/bin/nstat", "-asz", "TcpExtTCPLossProbes",
					     "TcpExtTCPTimeouts", "TcpRetransSegs"),
					NULL);

	if (nstat > 0)
		scenario_wait(s, nstat, 5000);
}

/* --reorder: the router's forwarder holds the NTH data segment back while
 * the sender sends; says how many it delivered late. Returns 0, or -1. */
static int reordered_transfer(struct scenario *s, const struct lab_run *r, const char *bytes)
{
	char err[512];
	struct labhold *h = labhold_start(r->net, r->port, NTH, HELD_FOR, err, sizeof(err));
	int ret;

	if (!h) {
		scenario_note(s, "source", "the router's forwarder could not start: %s", err);
		return -1;
	}
	scenario_step(s, _("the router holds data segment %d back until %d more have passed"), NTH,
		      HELD_FOR);
	scenario_step(s, _("the sender sends %s bytes in one send()"), bytes);
	ret = send_once(s, r, "sender", bytes);
	scenario_step(s, _("the router delivered %d segment late"), labhold_stop(h));
	return ret;
}

static int loss_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	bool random = lab_option(r, "random-loss");
	char port[16], bytes[16], conns[4];
	pid_t receiver;

	snprintf(port, sizeof(port), "%d", r->port);
	snprintf(bytes, sizeof(bytes), "%d", random ? RANDOM_BYTES : BYTES);
	snprintf(conns, sizeof(conns), "%d", random ? 2 : 1);
	scenario_step(s,
		      _("two hosts, %s (%s) and %s (%s), a router between them; links of %d "
			"kbit/s"),
		      net->ns[LABNET_A], net->addr[LABNET_A], net->ns[LABNET_B],
		      net->addr[LABNET_B], net->rate_kbit);
	receiver = scenario_start_in(s, net->ns[LABNET_B], "receiver",
				     ARGV("receiver", port, bytes, conns), NULL);
	if (receiver < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	if (random) {
		scenario_step(s, _("first, %s bytes without loss"), bytes);
		if (send_once(s, r, "clean-sender", bytes) < 0)
			return -1;
	}
	if (lab_option(r, "reorder")) {
		if (reordered_transfer(s, r, bytes) < 0)
			return -1;
	} else {
		if (load_rule(s, r) < 0)
			return -1;
		scenario_step(s, _("the sender sends %s bytes in one send()"), bytes);
		if (send_once(s, r, "sender", bytes) < 0)
			return -1;
	}
	if (scenario_wait(s, receiver, 10000) < 0)
		return -1;
	count_timers(s, r);
	scenario_sleep(s, 200);
	return 0;
}

/* ---- what the checkpoints look for ---------------------------------------- */

/* True when packet e went from the sender to the receiver. */
static bool to_receiver(const struct check_ctx *c, const struct event *e)
{
	return e->pkt.to && endpoint_port(e->pkt.to) == c->facts->port;
}

/* The last connection's packets (the lossy one, when there were two):
 * conn of the last SYN to the receiver. */
static int lossy_conn(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port, .flags = "S"};
	const struct event *syn = ev_last(c->s, &f);

	return syn ? syn->conn : -1;
}

/* The first packet of connection conn, from the sender if to_rcv, with
 * all the marks of analysis, after event after (NULL: from the start). */
static const struct event *marked(const struct check_ctx *c, int conn, uint16_t analysis,
				  bool to_rcv, const struct event *after)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port, .analysis = analysis};

	for (const struct event *e = after ? ev_next(c->s, &f, after) : ev_first(c->s, &f); e;
	     e = ev_next(c->s, &f, e))
		if (e->conn == conn && to_receiver(c, e) == to_rcv)
			return e;
	return NULL;
}

/* The number on the line nstat printed for counter name, or -1. */
static long nstat_count(const struct check_ctx *c, const char *name)
{
	const char *at = strstr(check_output(c, "nstat"), name);

	return at ? strtol(at + strlen(name), NULL, 10) : -1;
}

/* The milliseconds role's line "... answered after N ms" says, or -1. */
static double answered_ms(const struct check_ctx *c, const char *role)
{
	const char *at = strstr(check_output(c, role), "answered after ");

	return at ? strtod(at + strlen("answered after "), NULL) : -1;
}

/* ---- checkpoints ---------------------------------------------------------- */

static void dup_acks(const struct check_ctx *c, struct check_result *r)
{
	int conn = lossy_conn(c), n = 0;
	const struct event *resent, *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	resent = marked(c, conn, TCPA_RETRANSMISSION, true, NULL);
	for (e = marked(c, conn, TCPA_DUPLICATE_ACK, false, NULL); e && (!resent || e < resent);
	     e = marked(c, conn, TCPA_DUPLICATE_ACK, false, e))
		if (n++ < 2)
			check_evidence(r, e);
	if (n >= 2)
		check_pass(r,
			   _("the receiver repeated its ACK %d times: bytes after a hole came, "
			     "the hole did not"),
			   n);
	else
		check_fail(r, _("%d duplicate ACKs before the retransmission"), n);
}

static void fast_retransmit(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = marked(c, lossy_conn(c), TCPA_FAST_RETRANSMISSION, true, NULL);
	if (!e) {
		check_fail(r, _("no fast retransmission"));
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("the sender sent seq=%u again at once, on the duplicate ACKs: no timer"),
		   e->pkt.rseq);
}

static void no_dup_acks(const struct check_ctx *c, struct check_result *r)
{
	int conn = lossy_conn(c);
	const struct event *resent, *dup;

	if (!check_source_ran(c, "pkt", r))
		return;
	resent = marked(c, conn, TCPA_RETRANSMISSION, true, NULL);
	dup = marked(c, conn, TCPA_DUPLICATE_ACK, false, NULL);
	if (!resent) {
		check_fail(r, _("the lost segment was never sent again"));
		return;
	}
	if (dup && dup < resent) {
		check_evidence(r, dup);
		check_fail(r, _("a duplicate ACK came before the retransmission"));
		return;
	}
	check_evidence(r, resent);
	check_pass(r, _("nothing came after the lost segment, so no duplicate ACK could say so"));
}

static void tail_timer(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	const struct event *resent, *first = NULL;
	long probes = nstat_count(c, "TcpExtTCPLossProbes"),
	     rtos = nstat_count(c, "TcpExtTCPTimeouts");

	if (!check_source_ran(c, "pkt", r))
		return;
	resent = marked(c, lossy_conn(c), TCPA_RETRANSMISSION, true, NULL);
	for (const struct event *e = ev_first(c->s, &f); e && resent && !first;
	     e = ev_next(c->s, &f, e))
		if (to_receiver(c, e) && e->conn == resent->conn && e->pkt.seq == resent->pkt.seq)
			first = e;
	if (!resent || !first || check_ms_between(first->t, resent->t) < TIMER_MS) {
		check_fail(r, _("no retransmission %.0f ms or more after the lost segment"),
			   TIMER_MS);
		return;
	}
	check_evidence(r, first);
	check_evidence(r, resent);
	check_output_evidence(c, r, "nstat", "Tcp", 3);
	check_pass(r,
		   probes > 0 ? _("the last segment went again %.0f ms later, on a timer: a "
				  "tail-loss probe (TLP)")
		   : rtos > 0 ? _("the last segment went again %.0f ms later, on a timer: a "
				  "retransmission timeout (RTO)")
			      : _("the last segment went again %.0f ms later, on a timer: TLP or "
				  "RTO (nstat did not say)"),
		   check_ms_between(first->t, resent->t));
}

static void read_waited(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call",
			      .fn = "read",
			      .err = "ok",
			      .pid = check_pid(c, "receiver")};
	const struct event *longest = NULL;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->call.ret > 0 && (!longest || e->call.dur > longest->call.dur))
			longest = e;
	if (!longest || longest->call.dur < TIMER_MS * 1e6) {
		check_fail(r, _("no read() of the receiver waited %.0f ms"), TIMER_MS);
		return;
	}
	check_evidence(r, longest);
	check_pass(r, _("the receiver's read() waited %.0f ms for the last %lld bytes"),
		   longest->call.dur / 1e6, (long long)longest->call.ret);
}

static void all_arrived(const struct check_ctx *c, struct check_result *r)
{
	char got[64];

	snprintf(got, sizeof(got), "got %d bytes",
		 lab_option(lab_run_of(c), "random-loss") ? RANDOM_BYTES : BYTES);
	check_output_evidence(c, r, "sender", "answered", 1);
	if (check_printed(c, "sender", got))
		check_pass(r, _("every byte arrived, in order: the program saw no loss"));
	else
		check_fail(r, _("the sender's answer is not \"%s\""), got);
}

static void resent_many(const struct check_ctx *c, struct check_result *r)
{
	int conn = lossy_conn(c), n = 0;
	long total = nstat_count(c, "TcpRetransSegs");

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = marked(c, conn, TCPA_RETRANSMISSION, true, NULL); e;
	     e = marked(c, conn, TCPA_RETRANSMISSION, true, e))
		if (n++ < 2)
			check_evidence(r, e);
	check_output_evidence(c, r, "nstat", "TcpRetransSegs", 1);
	if (n >= RESENT_MIN)
		check_pass(r, _("%d segments were sent again (the kernel counts %ld)"), n, total);
	else
		check_fail(r, _("%d segments sent again, not %d or more"), n, RESENT_MIN);
}

static void cost(const struct check_ctx *c, struct check_result *r)
{
	double clean = answered_ms(c, "clean-sender"), lossy = answered_ms(c, "sender");

	check_output_evidence(c, r, "clean-sender", "answered", 1);
	check_output_evidence(c, r, "sender", "answered", 1);
	if (clean > 0 && lossy >= clean * COST_FACTOR)
		check_pass(r,
			   _("the same %d bytes took %.0f ms without loss, %.0f ms with it (%.1f "
			     "times)"),
			   RANDOM_BYTES, clean, lossy, lossy / clean);
	else
		check_fail(r, _("%.0f ms without loss, %.0f ms with it"), clean, lossy);
}

static void stalls(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	int conn = lossy_conn(c), n = 0;
	const struct event *prev = NULL;
	double longest = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (e->conn != conn || !to_receiver(c, e) || e->pkt.len == 0)
			continue;
		double ms = prev ? check_ms_between(prev->t, e->t) : 0;
		if (ms >= TIMER_MS && n++ < 2) {
			check_evidence(r, prev);
			check_evidence(r, e);
		}
		longest = ms > longest ? ms : longest;
		prev = e;
	}
	if (n > 0)
		check_pass(r,
			   _("%d times the data stopped for %.0f ms or more (the longest %.0f ms): "
			     "a retransmission timeout"),
			   n, TIMER_MS, longest);
	else
		check_fail(r, _("no pause of %.0f ms in the data (the longest: %.0f ms)"), TIMER_MS,
			   longest);
}

/* --reorder, seen from the receiver's link: the first data segment that
 * starts below bytes already come, and that is its first copy here (so
 * late, not sent again); NULL when none. */
static const struct event *first_late(const struct check_ctx *c, int conn)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	uint32_t high = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (e->conn != conn || !to_receiver(c, e) || e->pkt.len == 0)
			continue;
		if (e->pkt.rseq + e->pkt.len <= high) {
			bool seen = false;
			for (const struct event *p = ev_first(c->s, &f); p && p < e && !seen;
			     p = ev_next(c->s, &f, p))
				seen = p->conn == conn && to_receiver(c, p) &&
				       p->pkt.rseq == e->pkt.rseq;
			if (!seen)
				return e;
		}
		if (e->pkt.rseq + e->pkt.len > high)
			high = e->pkt.rseq + e->pkt.len;
	}
	return NULL;
}

static void out_of_order(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = first_late(c, lossy_conn(c));
	if (!e) {
		check_fail(r, _("no segment came after later bytes"));
		return;
	}
	check_evidence(r, e);
	check_pass(r,
		   _("seq=%u came after later bytes, for the first time: late, not lost "
		     "(tshark calls it %s)"),
		   e->pkt.rseq,
		   e->pkt.analysis & TCPA_OUT_OF_ORDER		? "Out-Of-Order"
		   : e->pkt.analysis & TCPA_FAST_RETRANSMISSION ? "a Fast Retransmission"
		   : e->pkt.analysis & TCPA_RETRANSMISSION	? "a Retransmission"
								: "nothing");
}

/* The receiver answered the segment that came after the hole with an
 * ACK of the hole's start: a duplicate ACK (tshark may call it a window
 * update, when the window changed too). On the receiver's link it may be
 * captured after the late segment itself: its link is slow, the ACK waits
 * in its queue. */
static void hole_acks(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	int conn = lossy_conn(c);
	const struct event *late, *beyond = NULL, *ack = NULL;

	if (!check_source_ran(c, "pkt", r))
		return;
	late = first_late(c, conn);
	for (const struct event *e = ev_first(c->s, &f); late && e && !ack;
	     e = ev_next(c->s, &f, e)) {
		if (e->conn != conn)
			continue;
		if (!beyond && to_receiver(c, e) && e->pkt.rseq > late->pkt.rseq)
			beyond = e;
		else if (beyond && !to_receiver(c, e) && e->pkt.rack == late->pkt.rseq)
			ack = e;
	}
	if (!ack) {
		check_fail(r, _("no ACK of the hole's start after the segment beyond it"));
		return;
	}
	check_evidence(r, beyond);
	check_evidence(r, ack);
	check_evidence(r, late);
	check_pass(r, _("bytes came after a hole: the receiver ACKed ack=%u again at once"),
		   ack->pkt.rack);
}

/* --reorder is watched on the receiver's link; the others on the sender's. */
static int capture_host(const struct lab_run *r)
{
	return lab_option(r, "reorder") ? LABNET_B : LABNET_A;
}

/* ---- the lab -------------------------------------------------------------------- */

static const struct check mid_checks[] = {
	{"dup-acks", N_("the receiver repeats its ACK for the bytes after the hole"),
	 .fn = dup_acks},
	{"fast-retransmit", N_("the sender resends the lost segment at once, no timer"),
	 .fn = fast_retransmit},
	{"all-arrived", N_("every byte arrives, in order"), .fn = all_arrived},
	{NULL},
};

static const struct check tail_checks[] = {
	{"no-dup-acks", N_("nothing follows the lost last segment: no duplicate ACK"),
	 .fn = no_dup_acks},
	{"tail-timer", N_("a timer resends it: a tail-loss probe or a timeout"), .fn = tail_timer},
	{"read-waited", N_("the receiver's read() waits that long"), .fn = read_waited},
	{"all-arrived", N_("every byte arrives, in order"), .fn = all_arrived},
	{NULL},
};

static const struct check random_checks[] = {
	{"resent", N_("the lost segments are sent again"), .fn = resent_many},
	{"stalls", N_("some losses are repaired only by a timeout: the data stops"), .fn = stalls},
	{"cost", N_("the same transfer takes longer with loss"), .fn = cost},
	{"all-arrived", N_("every byte arrives, in order"), .fn = all_arrived},
	{NULL},
};

static const struct check reorder_checks[] = {
	{"out-of-order", N_("the segment held back arrives after later ones"), .fn = out_of_order},
	{"hole-acks", N_("the receiver ACKs the hole's start again at once: a duplicate ACK"),
	 .fn = hole_acks},
	{"all-arrived", N_("every byte arrives, in order"), .fn = all_arrived},
	{NULL},
};

static const struct lab_option options[] = {
	{"tail-drop", N_("the router drops the last data segment"), tail_checks},
	{"random-loss", N_("the router drops 10 of every 50 data segments, after a clean transfer"),
	 random_checks},
	{"reorder", N_("the router delivers the 20th data segment after the 21st"), reorder_checks},
	{NULL},
};

const struct lab lab_14 = {
	.number = 14,
	.name = "loss",
	.title = N_("Loss: duplicate ACKs and fast retransmit, tail loss and timers, reordering"),
	.dir = "14-loss",
	.no_fix =
		N_("loss is no bug in the programs: TCP itself repairs it, and the lab shows how"),
	.options = options,
	.needs_root = true,
	.net = {.shape = LABNET_ROUTED, .mtu = 1500, .rate_kbit = 10000},
	.net_capture_for = capture_host,
	.run = loss_run,
	.checks = mid_checks,
};

/*
 * Lab 13 (flow-control): what socklab runs, and the checkpoints it proves.
 *
 * Over loopback, the sender sends 4 MiB; the receiver accepts and then,
 * naive, reads nothing for STALL_MS (it waits for a line on its input,
 * which the scenario types). Its receive buffer fills, the window it
 * advertises falls to zero, the sender's send() blocks, and the sender's
 * kernel probes the closed window at growing intervals; when it reads,
 * a window update opens it. Options: a small or a large receive buffer
 * (SO_RCVBUF, doubled by Linux), a non-blocking sender that gets EAGAIN
 * and waits in poll(). --fix: a receiver that reads from the start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define TOTAL	   4194304 /* bytes the sender sends (sender.c) */
#define STALL_MS   5000	   /* how long the naive receiver reads nothing */
#define BLOCKED_MS 1000.0  /* a send() or poll() this long waited for the reader */
#define PROBES_MIN 3 /* probes within STALL_MS: at 0.2, 0.6, 1.4, 3 s after the window closed */

static const char *receiver_mode(const struct lab_run *r)
{
	return lab_option(r, "small-rcvbuf")   ? "small"
	       : lab_option(r, "large-rcvbuf") ? "large"
					       : NULL;
}

/* The step of the receiver's start, in a whole sentence: its buffer
 * (mode) and whether it reads from the start (fix). */
static const char *receiver_step(const char *mode, bool fix)
{
	if (mode && strcmp(mode, "small") == 0)
		return fix ? _("the receiver listens on port %s, asking for a 4 KiB receive buffer "
			       "(SO_RCVBUF), and reads from the start")
			   : _("the receiver listens on port %s, asking for a 4 KiB receive buffer "
			       "(SO_RCVBUF)");
	if (mode)
		return fix ? _("the receiver listens on port %s, asking for a 1 MiB receive buffer "
			       "(SO_RCVBUF), and reads from the start")
			   : _("the receiver listens on port %s, asking for a 1 MiB receive buffer "
			       "(SO_RCVBUF)");
	return fix ? _("the receiver listens on port %s, and reads from the start")
		   : _("the receiver listens on port %s");
}

static int flow_control_run(struct scenario *s, const struct lab_run *r)
{
	const char *mode = receiver_mode(r);
	bool nonblocking = lab_option(r, "nonblocking");
	char port[16];
	pid_t receiver, sender;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, receiver_step(mode, r->fix), port);
	receiver = scenario_start_typing(s, NULL, "receiver",
					 r->fix ? ARGV("receiver", port, "keepup")
						: ARGV("receiver", port, (char *)mode));
	if (receiver < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, nonblocking ? _("the sender sends 4 MiB, 64 KiB per send(), on a "
					 "non-blocking socket")
				     : _("the sender sends 4 MiB, 64 KiB per send()"));
	sender = scenario_start(s, "sender",
				ARGV("sender", "127.0.0.1", port,
				     nonblocking ? "nonblocking" : NULL),
				NULL);
	if (sender < 0)
		return -1;
	if (!r->fix) {
		if (scenario_wait_output(s, receiver, "busy", 5000) < 0)
			return -1;
		scenario_step(s, _("the receiver reads nothing for %d s"), STALL_MS / 1000);
		scenario_sleep(s, STALL_MS);
		scenario_step(s, _("the receiver reads (Enter on its input)"));
		scenario_type(s, receiver, "\n");
	}
	scenario_type_end(s, receiver);
	if (scenario_wait(s, sender, 20000) < 0 || scenario_wait(s, receiver, 20000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- what the checkpoints look for ---------------------------------------- */

/* True when packet e was sent by the receiver (from the lab's port). */
static bool from_receiver(const struct check_ctx *c, const struct event *e)
{
	return e->pkt.from && endpoint_port(e->pkt.from) == c->facts->port;
}

/* The receiver's first zero window, or NULL. */
static const struct event *first_zero_window(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port, .analysis = TCPA_ZERO_WINDOW};
	const struct event *e = ev_first(c->s, &f);

	while (e && !from_receiver(c, e))
		e = ev_next(c->s, &f, e);
	return e;
}

/* A probe of a closed window: Linux's (a keep-alive into a zero window),
 * or a one-byte probe. */
static bool is_probe(const struct event *e)
{
	return e->src == SRC_PKT &&
	       (e->pkt.window_probe || (e->pkt.analysis & TCPA_ZERO_WINDOW_PROBE));
}

/* The sender's call of fn that lasted longest, or NULL. */
static const struct event *longest_call(const struct check_ctx *c, const char *fn)
{
	struct ev_filter f = {.src = "call", .fn = fn, .pid = check_pid(c, "sender")};
	const struct event *best = NULL;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (!best || e->call.dur > best->call.dur)
			best = e;
	return best;
}

/* The number after text on the first line role printed that starts with
 * it ("read " in "read 4194304 bytes"), or -1. */
static long printed_number(const struct check_ctx *c, const char *role, const char *text)
{
	for (const char *line = check_output(c, role); *line;) {
		if (strncmp(line, text, strlen(text)) == 0)
			return strtol(line + strlen(text), NULL, 10);
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	return -1;
}

/* ---- checkpoints ---------------------------------------------------------- */

static void zero_window(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = first_zero_window(c);
	if (!e) {
		check_fail(r, _("the receiver never advertised a zero window"));
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("the receiver's buffer filled: it advertised win=0 after %u bytes"),
		   e->pkt.rack - 1);
}

static void send_blocked(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = longest_call(c, "send");

	if (!e || e->call.dur < BLOCKED_MS * 1e6) {
		check_fail(r, _("no send() of the sender waited %.0f ms"), BLOCKED_MS);
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("a send() of %lld bytes blocked %.1f s, until the receiver read"),
		   (long long)e->call.len, e->call.dur / 1e9);
}

static void probes(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	int64_t t[3] = {0}; /* the first, second and last probe */
	int n = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (!is_probe(e) || from_receiver(c, e))
			continue;
		if (n < 2)
			check_evidence(r, e);
		t[n < 2 ? n : 2] = e->t;
		n++;
	}
	if (n < PROBES_MIN) {
		check_fail(r, _("%d window probes, not %d or more"), n, PROBES_MIN);
		return;
	}
	if (t[2] - t[1] <= t[1] - t[0]) {
		check_fail(r,
			   _("%d probes, but no longer apart at the end (%.0f ms) than at first "
			     "(%.0f ms)"),
			   n, check_ms_between(t[1], t[2]), check_ms_between(t[0], t[1]));
		return;
	}
	check_pass(r,
		   _("the sender probed the closed window %d times, %.0f ms apart at first, "
		     "then more and more apart"),
		   n, check_ms_between(t[0], t[1]));
}

static void window_update(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter fr = {.src = "call", .fn = "read", .pid = check_pid(c, "receiver")};
	struct ev_filter fu = {.src = "pkt",
			       .port = c->facts->port,
			       .analysis = TCPA_WINDOW_UPDATE};
	const struct event *rd = ev_first(c->s, &fr), *up;

	if (!check_source_ran(c, "pkt", r))
		return;
	if (!rd) {
		check_fail(r, _("the receiver never read"));
		return;
	}
	fu.after = rd->t - rd->call.dur;
	for (up = ev_first(c->s, &fu); up && !from_receiver(c, up); up = ev_next(c->s, &fu, up))
		;
	check_evidence(r, rd);
	if (!up) {
		check_fail(r, _("no window update followed the receiver's first read()"));
		return;
	}
	check_evidence(r, up);
	check_pass(r,
		   _("reading emptied the buffer, and a window update (win=%u) opened the window"),
		   up->pkt.win);
}

static void all_read(const struct check_ctx *c, struct check_result *r)
{
	long sent = printed_number(c, "sender", "sent "),
	     got = printed_number(c, "receiver", "read ");
	char line[64];

	snprintf(line, sizeof(line), "sent %d bytes", TOTAL);
	check_output_evidence(c, r, "sender", line, 1);
	snprintf(line, sizeof(line), "read %d bytes", TOTAL);
	check_output_evidence(c, r, "receiver", line, 1);
	if (sent == TOTAL && got == TOTAL)
		check_pass(r,
			   _("all %d bytes arrived: flow control slowed the sender, lost nothing"),
			   TOTAL);
	else
		check_fail(r, _("%ld bytes sent, %ld read, of %d"), sent, got, TOTAL);
}

/* The receiver's SO_RCVBUF as it asked for it and as it read it back. */
static void doubled(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call", .err = "ok", .pid = check_pid(c, "receiver")};
	const struct event *set = NULL, *got = NULL;
	long rmem_max = printed_number(c, "receiver", "net.core.rmem_max: ");

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (!e->call.opt || strcmp(e->call.opt, "SO_RCVBUF") != 0)
			continue;
		if (strcmp(e->call.fn, "setsockopt") == 0)
			set = e;
		else if (set && strcmp(e->call.fn, "getsockopt") == 0 && !got)
			got = e;
	}
	if (!set || !got) {
		check_fail(r, _("the receiver did not set SO_RCVBUF and read it back"));
		return;
	}
	check_evidence(r, set);
	check_evidence(r, got);
	check_output_evidence(c, r, "receiver", "rmem_max", 1);
	long want = 2 * (rmem_max > 0 && set->call.val > rmem_max ? rmem_max : set->call.val);
	if (got->call.val == want)
		check_pass(r,
			   set->call.val > rmem_max ? _("asked for %lld bytes, got %lld: capped at "
							"net.core.rmem_max, "
							"then doubled")
						    : _("asked for %lld bytes, got %lld: doubled"),
			   (long long)set->call.val, (long long)got->call.val);
	else
		check_fail(r, _("asked for %lld bytes, got %lld, not %ld"),
			   (long long)set->call.val, (long long)got->call.val, want);
}

/* The bytes the receiver took before its window closed fill its buffer:
 * between a quarter of it (the rest is the kernel's bookkeeping) and all. */
static void buffered(const struct check_ctx *c, struct check_result *r)
{
	const struct event *zw;
	long size = printed_number(c, "receiver", "SO_RCVBUF after setsockopt: ");

	if (!check_source_ran(c, "pkt", r))
		return;
	if (size < 0)
		size = printed_number(c, "receiver", "SO_RCVBUF at first: ");
	zw = first_zero_window(c);
	if (!zw || size <= 0) {
		check_fail(r, _("no zero window (or no buffer size printed)"));
		return;
	}
	check_evidence(r, zw);
	check_output_evidence(c, r, "receiver", "SO_RCVBUF", 2);
	if (zw->pkt.rack - 1 >= size / 4 && zw->pkt.rack - 1 <= size)
		check_pass(r,
			   _("the window closed after %u bytes, with a receive buffer of %ld (the "
			     "kernel counts its bookkeeping in it too)"),
			   zw->pkt.rack - 1, size);
	else
		check_fail(r, _("the window closed after %u bytes, with a buffer of %ld"),
			   zw->pkt.rack - 1, size);
}

static void eagain(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call",
			      .fn = "send",
			      .err = "EAGAIN",
			      .pid = check_pid(c, "sender")};
	const struct event *e = ev_first(c->s, &f);

	if (!e) {
		check_fail(r, _("no send() returned EAGAIN"));
		return;
	}
	check_evidence(r, e);
	check_output_evidence(c, r, "sender", "EAGAIN", 2);
	check_pass(r, _("%zu send()s returned -1 EAGAIN at once instead of blocking"),
		   ev_count(c->s, &f));
}

static void poll_waited(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = longest_call(c, "poll");

	if (!e || e->call.dur < BLOCKED_MS * 1e6) {
		check_fail(r, _("no poll() of the sender waited %.0f ms"), BLOCKED_MS);
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("the sender waited %.1f s in poll() for room, until the receiver read"),
		   e->call.dur / 1e9);
}

static void no_probes(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	int n = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (is_probe(e) && n++ == 0)
			check_evidence(r, e);
	if (n == 0)
		check_pass(r, _("the window never stayed closed long enough to be probed"));
	else
		check_fail(r, _("the sender probed a closed window %d times"), n);
}

static void not_blocked(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = longest_call(c, "send");

	if (e)
		check_evidence(r, e);
	if (e && e->call.dur < BLOCKED_MS * 1e6)
		check_pass(r, _("the longest send() took %.1f ms: the reader kept up"),
			   e->call.dur / 1e6);
	else if (e)
		check_fail(r, _("a send() blocked %.1f s"), e->call.dur / 1e9);
	else
		check_fail(r, _("no send() at all"));
}

/* ---- the lab -------------------------------------------------------------------- */

static const struct check naive_checks[] = {
	{"zero-window", N_("the receiver's window falls to zero"), .fn = zero_window},
	{"send-blocked", N_("the sender's send() blocks while the window is zero"),
	 .fn = send_blocked},
	{"probes", N_("the sender probes the closed window, at growing intervals"), .fn = probes},
	{"window-update", N_("reading opens the window again: a window update"),
	 .fn = window_update},
	{"buffered", N_("the window closes when the receive buffer is full"), .fn = buffered},
	{"all-read", N_("every byte arrives: nothing is lost, only slowed"), .fn = all_read},
	{NULL},
};

static const struct check rcvbuf_checks[] = {
	{"doubled", N_("SO_RCVBUF reads back double what was asked (after net.core.rmem_max)"),
	 .fn = doubled},
	{"zero-window", N_("the receiver's window falls to zero"), .fn = zero_window},
	{"buffered", N_("the window closes when the receive buffer is full"), .fn = buffered},
	{"send-blocked", N_("the sender's send() blocks while the window is zero"),
	 .fn = send_blocked},
	{"probes", N_("the sender probes the closed window, at growing intervals"), .fn = probes},
	{"window-update", N_("reading opens the window again: a window update"),
	 .fn = window_update},
	{"all-read", N_("every byte arrives"), .fn = all_read},
	{NULL},
};

static const struct check nonblocking_checks[] = {
	{"zero-window", N_("the receiver's window falls to zero"), .fn = zero_window},
	{"eagain", N_("send() returns -1 EAGAIN instead of blocking"), .fn = eagain},
	{"poll-waits", N_("the sender waits for room in poll()"), .fn = poll_waited},
	{"probes", N_("the sender's kernel still probes the closed window"), .fn = probes},
	{"window-update", N_("reading opens the window again: a window update"),
	 .fn = window_update},
	{"all-read", N_("every byte arrives"), .fn = all_read},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"no-probes", N_("the window never stays closed: no probe"), .fn = no_probes},
	{"not-blocked", N_("no send() waits for the reader"), .fn = not_blocked},
	{"all-read", N_("every byte arrives"), .fn = all_read},
	{NULL},
};

static const struct lab_option options[] = {
	{"small-rcvbuf", N_("the receiver asks for a 4 KiB receive buffer (SO_RCVBUF)"),
	 rcvbuf_checks},
	{"large-rcvbuf", N_("the receiver asks for a 1 MiB receive buffer (SO_RCVBUF)"),
	 rcvbuf_checks},
	{"nonblocking", N_("the sender's socket is non-blocking: EAGAIN, then poll()"),
	 nonblocking_checks},
	{NULL},
};

const struct lab lab_13 = {
	.number = 13,
	.name = "flow-control",
	.title = N_("Flow control: a receiver that stops reading closes the window"),
	.dir = "13-flow-control",
	.fix = N_("a receiver that reads as the bytes come"),
	.options = options,
	.run = flow_control_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

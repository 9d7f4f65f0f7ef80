/*
 * Lab 4 (nagle): what socklab runs, and the checkpoints it proves.
 *
 * nagle_server answers one client; nagle_client warms the connection up
 * (WARMUP exchanges in one write each), then times ROUNDS exchanges of
 * write, write, read. Naive: Nagle holds the second write until the first
 * is ACKed, and the server delays that ACK: each exchange stalls about
 * 40 ms. --fix sets TCP_NODELAY; --one-write sends each request in one
 * write instead, with Nagle still on. Neither stalls.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define ROUNDS	 10   /* the exchanges the client times (nagle_client.c) */
#define STALL_MS 30.0 /* a delayed ACK waits at least 40 ms on Linux */
#define FAST_MS	 5.0  /* an exchange without a stall takes well under 1 ms */

static bool stalls_expected(const struct check_ctx *c)
{
	return !c->facts->fix && !lab_option(lab_run_of(c), "one-write");
}

static int nagle_run(struct scenario *s, const struct lab_run *r)
{
	const char *mode = r->fix ? "nodelay" : lab_option(r, "one-write") ? "one-write" : NULL;
	char port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("start the server on port %s"), port);
	server = scenario_start(s, "server", ARGV("nagle_server", port), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s,
		      r->fix ? _("the client warms up, then times %d exchanges of write, write, "
				 "read with TCP_NODELAY")
		      : mode ? _("the client warms up, then times %d exchanges of write, write, "
				 "read (one write per request)")
			     : _("the client warms up, then times %d exchanges of write, write, "
				 "read"),
		      ROUNDS);
	client = scenario_start(s, "client", ARGV("nagle_client", "127.0.0.1", port, (char *)mode),
				NULL);
	if (client < 0 || scenario_wait(s, client, 20000) < 0 || scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

struct exchange {
	const struct event *first_write, *last_read;
	double ms;
};

/* The client's exchanges, from its calls: each starts with a write after a
 * read, and ends with the last read before the next write. Keeps the last
 * max of them in out (the timed ones); returns how many. */
static int client_exchanges(const struct check_ctx *c, struct exchange *out, int max)
{
	struct ev_filter f = {.src = "call", .pid = check_pid(c, "client"), .port = c->facts->port};
	struct exchange cur = {0};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		bool w = strcmp(e->call.fn, "write") == 0, rd = strcmp(e->call.fn, "read") == 0;
		if (w && (!cur.first_write || cur.last_read)) {
			if (cur.last_read)
				out[n++ % max] = cur;
			cur = (struct exchange){.first_write = e};
		} else if (rd && cur.first_write && e->call.ret > 0) {
			cur.last_read = e;
			cur.ms = check_ms_between(cur.first_write->t, e->t);
		}
	}
	if (cur.last_read)
		out[n++ % max] = cur;
	if (n <= max)
		return n;
	/* Rotate so that out[0] is the oldest kept. */
	struct exchange tmp[ROUNDS];
	for (int i = 0; i < max; i++)
		tmp[i] = out[(n + i) % max];
	memcpy(out, tmp, sizeof(tmp[0]) * max);
	return max;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void latency(const struct check_ctx *c, struct check_result *r)
{
	struct exchange ex[ROUNDS];
	int n = client_exchanges(c, ex, ROUNDS), stalled = 0;
	double ms[ROUNDS], median;

	for (int i = 0; i < n; i++) {
		ms[i] = ex[i].ms;
		stalled += ex[i].ms >= STALL_MS;
		if (i < 3)
			check_evidence_text(r,
					    _("exchange %d: write at %.6f s, reply read %.2f ms "
					      "later"),
					    i + 1, ex[i].first_write->t / 1e9, ex[i].ms);
	}
	check_output_evidence(c, r, "client", "average", 1);
	if (n < ROUNDS) {
		check_fail(r, _("the client made %d timed exchanges, not %d"), n, ROUNDS);
		return;
	}
	qsort(ms, n, sizeof(ms[0]), cmp_double);
	median = ms[n / 2];
	if (stalls_expected(c) && stalled >= ROUNDS - 2 && median >= STALL_MS)
		check_pass(r, _("%d of %d exchanges stalled; the median took %.1f ms"), stalled, n,
			   median);
	else if (!stalls_expected(c) && stalled <= 1 && median < FAST_MS)
		check_pass(r, _("no stall: the median exchange took %.3f ms"), median);
	else
		check_fail(r, _("%d of %d exchanges took %.0f ms or more; the median took %.1f ms"),
			   stalled, n, STALL_MS, median);
}

/* Delayed ACKs on the wire: a client data segment answered, 30 ms or more
 * later, by a bare ACK from the server (no data to carry it). */
static void delayed_acks(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	const struct event *data = NULL;
	int stalls = 0;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		bool from_client = endpoint_port(e->pkt.to) == c->facts->port;
		if (from_client && e->pkt.len > 0) {
			data = e;
		} else if (!from_client && data) {
			if (e->pkt.len == 0 && check_ms_between(data->t, e->t) >= STALL_MS &&
			    stalls++ < 2) {
				check_evidence(r, data);
				check_evidence(r, e);
			}
			data = NULL;
		}
	}
	if (stalls_expected(c) && stalls >= ROUNDS - 2)
		check_pass(r,
			   _("%d times the server's ACK came alone, %.0f ms or more after the "
			     "data: a delayed ACK"),
			   stalls, STALL_MS);
	else if (!stalls_expected(c) && stalls == 0)
		check_pass(r, _("no delayed ACK held the client back"));
	else
		check_fail(r, _("%d delayed ACKs seen"), stalls);
}

static const struct check naive_checks[] = {
	{"stalls", N_("write, write, read: each exchange stalls about 40 ms"), .fn = latency},
	{"delayed-acks", N_("the server's ACKs come alone, 40 ms late"), .fn = delayed_acks},
	{NULL},
};

static void nodelay_set(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call",
			      .fn = "setsockopt",
			      .err = "ok",
			      .pid = check_pid(c, "client")};
	const struct event *e = ev_first(c->s, &f);

	while (e && !(e->call.opt && strcmp(e->call.opt, "TCP_NODELAY") == 0))
		e = ev_next(c->s, &f, e);
	if (!e) {
		check_fail(r, _("the client never set TCP_NODELAY"));
		return;
	}
	check_evidence(r, e);
	check_pass(r, _("the client turned Nagle off on its socket"));
}

static void one_write_each(const struct check_ctx *c, struct check_result *r)
{
	struct exchange ex[ROUNDS];
	int n = client_exchanges(c, ex, ROUNDS), single = 0;

	for (int i = 0; i < n; i++) {
		const struct event *next =
			ev_next(c->s,
				&(struct ev_filter){.src = "call",
						    .pid = check_pid(c, "client"),
						    .port = c->facts->port},
				ex[i].first_write);
		single += next && strcmp(next->call.fn, "write") != 0;
		if (i == 0)
			check_evidence(r, ex[i].first_write);
	}
	if (n == ROUNDS && single == n)
		check_pass(r, _("each of the %d requests went out in one write()"), n);
	else
		check_fail(r, _("%d of %d requests went out in one write()"), single, n);
}

/* What the run changed: TCP_NODELAY (--fix), or one write (--one-write). */
static void fix_applied(const struct check_ctx *c, struct check_result *r)
{
	if (c->facts->fix)
		nodelay_set(c, r);
	else
		one_write_each(c, r);
}

static const struct check fixed_checks[] = {
	{"fix", N_("the client sets TCP_NODELAY (--one-write: writes each request once)"),
	 .fn = fix_applied},
	{"no-stalls", N_("each exchange takes well under 5 ms: no stall"), .fn = latency},
	{"no-delayed-acks", N_("no ACK comes alone and late"), .fn = delayed_acks},
	{NULL},
};

static const struct lab_option nagle_options[] = {
	{"one-write", N_("each request in one write, Nagle still on"), fixed_checks},
	{NULL},
};

const struct lab lab_4 = {
	.number = 4,
	.name = "nagle",
	.title = N_("Nagle's algorithm and delayed ACKs: the 40 ms stall"),
	.dir = "04-nagle",
	.fix = N_("the client sets TCP_NODELAY"),
	.options = nagle_options,
	.run = nagle_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};

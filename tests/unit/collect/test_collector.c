/*
 * test_collector.c - the collector turns records from the ring and events
 * from sources into one session, in time order.
 */
#include <jansson.h>
#include <stdint.h>

#include "base/clock.h"
#include "collect/collector.h"
#include "session/session.h"
#include "tests/unit/testutil.h"
#include "wire/ring.h"

static char *dir;
static struct collector *col;

static void start(void)
{
	struct collector_options o = {0};
	char err[512], sdir[4200];

	dir = temp_dir();
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	o.dir = sdir;
	col = collector_start(&o, err, sizeof(err));
	cr_assert_not_null(col, "%s", err);
}

/* A traced program's record, put in the ring as the tracer would. */
static void put_record(const char *json)
{
	struct ring r;

	cr_assert_eq(ring_attach(&r, collector_ring_path(col)), 0);
	cr_assert_eq(ring_put(&r, json, strlen(json)), 0);
	ring_detach(&r);
}

static void stop_and_load(struct session *s, struct collector_summary *sum)
{
	char err[512], sdir[4200];

	collector_stop(col, sum);
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	cr_assert_eq(session_open(s, sdir, err, sizeof(err)), 0, "%s", err);
}

static void assert_sorted(const struct session *s)
{
	for (size_t i = 1; i < s->n; i++)
		cr_assert_leq(s->ev[i - 1].t, s->ev[i].t, "event %zu is out of order", i);
}

Test(collector, writes_records_from_the_ring_and_sources_in_time_order)
{
	struct collector_summary sum;
	struct session s;

	start();
	put_record("{\"t\":3000,\"src\":\"call\",\"pid\":1,\"fn\":\"recv\",\"ret\":5}");
	put_record("{\"t\":1000,\"src\":\"call\",\"pid\":1,\"fn\":\"connect\",\"ret\":0}");
	collector_push(col,
		       json_pack("{sI ss ss ss}", "t", (json_int_t)2000, "src", "note", "kind",
				 "step", "text", "in between"),
		       NULL, NULL, NULL);
	stop_and_load(&s, &sum);
	cr_assert_eq(s.n, 3);
	assert_sorted(&s);
	cr_assert_str_eq(s.ev[0].call.fn, "connect");
	cr_assert_str_eq(s.ev[1].note.text, "in between");
	cr_assert_eq(sum.events, 3);
	cr_assert_eq(sum.lost_calls, 0);
	session_close(&s);
	rm_rf(dir);
}

/* events.jsonl goes to the file in pieces that end on an aligned boundary,
 * the rest after a while: records that trickle in between bursts still
 * land whole, each once, in order, whenever the collector writes. */
Test(collector, writes_every_line_whole_when_records_trickle_and_burst)
{
	struct collector_summary sum;
	struct session s;
	struct ring r;
	char rec[128];
	size_t total = 0;

	start();
	cr_assert_eq(ring_attach(&r, collector_ring_path(col)), 0);
	for (int round = 0; round < 6; round++) {
		for (int k = 0; k < (round % 2 ? 2000 : 3); k++, total++) {
			int n = snprintf(rec, sizeof(rec),
					 "{\"t\":%lld,\"src\":\"call\",\"pid\":7,\"fn\":\"recv\","
					 "\"ret\":%zu}",
					 (long long)collector_now(col), total);
			while (ring_put(&r, rec, (size_t)n) < 0)
				sleep_ms(1);
		}
		sleep_ms(150);
	}
	ring_detach(&r);
	stop_and_load(&s, &sum);
	cr_assert_eq(s.bad_lines, 0, "%s", s.first_bad);
	cr_assert_eq(s.n, total);
	assert_sorted(&s);
	for (size_t i = 0; i < s.n; i++)
		cr_assert_eq(s.ev[i].call.ret, (int64_t)i, "line %zu", i + 1);
	session_close(&s);
	rm_rf(dir);
}

Test(collector, counts_a_record_that_is_not_json_as_lost_and_says_so)
{
	struct collector_summary sum;
	struct session s;

	start();
	put_record("{\"t\":1,\"src\":\"call\",\"fn\":\"socket\",\"ret\":3}");
	put_record("{\"t\":2,\"src\":");
	stop_and_load(&s, &sum);
	cr_assert_eq(sum.bad_records, 1);
	cr_assert_eq(session_meta_int(&s, "lost.bad", -1), 1);
	cr_assert_str_eq(s.ev[s.n - 1].note.kind, "lost",
			 "the session ends with a note on the loss");
	session_close(&s);
	rm_rf(dir);
}

Test(collector, numbers_each_connection_once_for_both_directions)
{
	struct session s;

	start();
	put_record("{\"t\":1,\"src\":\"call\",\"pid\":1,\"fn\":\"connect\",\"ret\":0,"
		   "\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\"}");
	put_record("{\"t\":2,\"src\":\"call\",\"pid\":2,\"fn\":\"accept\",\"ret\":4,"
		   "\"sock\":\"127.0.0.1:9190>127.0.0.1:40000\"}");
	put_record("{\"t\":3,\"src\":\"call\",\"pid\":3,\"fn\":\"connect\",\"ret\":0,"
		   "\"sock\":\"127.0.0.1:40001>127.0.0.1:9190\"}");
	put_record("{\"t\":4,\"src\":\"call\",\"pid\":2,\"fn\":\"listen\",\"ret\":0,"
		   "\"sock\":\"0.0.0.0:9190>*\"}");
	stop_and_load(&s, NULL);
	cr_assert_eq(s.ev[0].conn, 1);
	cr_assert_eq(s.ev[1].conn, 1, "the other end of the same connection");
	cr_assert_eq(s.ev[2].conn, 2);
	cr_assert_eq(s.ev[3].conn, -1, "a listener is no connection");
	session_close(&s);
	rm_rf(dir);
}

/* UDP: the datagrams between two ports are one flow, and the sendto() and
 * recvfrom() of unconnected sockets (bound to 0.0.0.0, naming only their
 * port and the peer) belong to it -- the sendto() before its datagram. */
Test(collector, numbers_a_udp_flow_with_the_calls_of_unconnected_sockets)
{
	struct session s;

	start();
	put_record("{\"t\":1,\"src\":\"call\",\"pid\":1,\"fn\":\"sendto\",\"ret\":3,"
		   "\"sock\":\"0.0.0.0:5000>*\",\"proto\":\"udp\",\"peer\":\"127.0.0.1:6000\"}");
	collector_push(col,
		       json_pack("{sI ss ss ss ss sI}", "t", (json_int_t)2, "src", "pkt", "proto",
				 "udp", "from", "127.0.0.1:5000", "to", "127.0.0.1:6000", "len",
				 (json_int_t)3),
		       NULL, NULL, NULL);
	put_record("{\"t\":3,\"src\":\"call\",\"pid\":2,\"fn\":\"recvfrom\",\"ret\":3,"
		   "\"sock\":\"0.0.0.0:6000>*\",\"proto\":\"udp\",\"peer\":\"127.0.0.1:5000\"}");
	put_record("{\"t\":4,\"src\":\"call\",\"pid\":2,\"fn\":\"sendto\",\"ret\":3,"
		   "\"sock\":\"0.0.0.0:6000>*\",\"proto\":\"udp\",\"peer\":\"127.0.0.1:7000\"}");
	put_record("{\"t\":5,\"src\":\"call\",\"pid\":2,\"fn\":\"bind\",\"ret\":0,"
		   "\"sock\":\"0.0.0.0:6000>*\",\"proto\":\"udp\",\"addr\":\"0.0.0.0:6000\"}");
	put_record("{\"t\":6,\"src\":\"call\",\"pid\":3,\"fn\":\"accept\",\"ret\":4,"
		   "\"sock\":\"0.0.0.0:9190>*\",\"proto\":\"tcp\",\"peer\":\"127.0.0.1:40000\"}");
	stop_and_load(&s, NULL);
	cr_assert_eq(s.n, 6);
	cr_assert_eq(s.ev[0].conn, 1, "sendto() starts the flow");
	cr_assert_eq(s.ev[1].conn, 1, "its datagram is in it");
	cr_assert_eq(s.ev[2].conn, 1, "and the recvfrom() at the other end");
	cr_assert_eq(s.ev[3].conn, 2, "another peer, another flow");
	cr_assert_eq(s.ev[4].conn, -1, "a call naming no peer is in no flow");
	cr_assert_eq(s.ev[5].conn, -1, "TCP: a socket without a peer is no connection");
	session_close(&s);
	rm_rf(dir);
}

/* A question for collector_knows_socket(), and its answer. */
struct question {
	const char *local, *peer;
	int answer; /* -1 until asked */
};

static bool answer_all(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	(void)ev;
	(void)blob;
	for (struct question *q = ctx; q->local; q++)
		q->answer = collector_knows_socket(c, q->local, q->peer);
	return false; /* the question is not an event of the session */
}

/*
 * Asks the questions (ending with a NULL local) on the collector's thread,
 * where collector_knows_socket() must run, after it has learned every
 * record put so far: the flush function of an event from the far future
 * runs when the collector stops, after its last look at the ring.
 */
static void ask_at_stop(struct question *q)
{
	collector_push(col, json_pack("{sI ss}", "t", (json_int_t)INT64_MAX, "src", "note"),
		       answer_all, NULL, q);
	collector_stop(col, NULL);
}

static void assert_answer(const struct question *q, int want, const char *why)
{
	cr_assert_eq(q->answer, want, "%s>%s: %s", q->local, q->peer, why);
}

Test(collector, learns_the_local_addresses_of_the_sessions_sockets)
{
	struct question q[] = {{"127.0.0.1:9190", "127.0.0.1:41000", -1},
			       {"0.0.0.0:9190", "127.0.0.1:41000", -1},
			       {"127.0.0.1:9191", "127.0.0.1:41000", -1},
			       {"0.0.0.0:0", "127.0.0.1:41000", -1},
			       {NULL, NULL, 0}};

	start();
	put_record("{\"t\":1,\"src\":\"call\",\"pid\":1,\"fn\":\"listen\",\"ret\":0,"
		   "\"sock\":\"0.0.0.0:9190>*\"}");
	put_record("{\"t\":2,\"src\":\"call\",\"pid\":1,\"fn\":\"socket\",\"ret\":3,"
		   "\"sock\":\"0.0.0.0:0>*\"}");
	ask_at_stop(q);
	assert_answer(&q[0], 1, "a wildcard bind matches");
	assert_answer(&q[1], 1, "the wildcard address itself");
	assert_answer(&q[2], 0, "another port");
	assert_answer(&q[3], 0, "port 0 is not an address");
	rm_rf(dir);
}

/* A connected socket's ephemeral port is the session's only with its peer:
 * connect() gives the same port to another program's socket when that one
 * talks to another peer. A bound or listening socket takes any peer. */
Test(collector, a_connected_sockets_port_is_the_sessions_only_with_its_peer)
{
	struct question q[] = {{"127.0.0.1:41000", "127.0.0.1:9190", -1},
			       {"127.0.0.1:41000", "127.0.0.1:5555", -1},
			       {"127.0.0.1:9190", "127.0.0.1:5555", -1},
			       {"127.0.0.1:41002", "127.0.0.1:7000", -1},
			       {"127.0.0.1:41002", "127.0.0.1:7001", -1},
			       {"127.0.0.1:41003", "127.0.0.1:5555", -1},
			       {"127.0.0.1:41004", "127.0.0.1:9190", -1},
			       {NULL, NULL, 0}};

	start();
	put_record("{\"t\":1,\"src\":\"call\",\"pid\":1,\"fn\":\"listen\",\"ret\":0,"
		   "\"sock\":\"0.0.0.0:9190>*\"}");
	put_record("{\"t\":2,\"src\":\"call\",\"pid\":2,\"fn\":\"connect\",\"ret\":0,"
		   "\"sock\":\"127.0.0.1:41000>127.0.0.1:9190\"}");
	put_record("{\"t\":3,\"src\":\"call\",\"pid\":2,\"fn\":\"connect\",\"ret\":0,"
		   "\"sock\":\"[::ffff:127.0.0.1]:41002>[::ffff:127.0.0.1]:7000\"}");
	put_record("{\"t\":4,\"src\":\"call\",\"pid\":2,\"fn\":\"bind\",\"ret\":0,"
		   "\"sock\":\"127.0.0.1:41003>*\"}");
	put_record("{\"t\":5,\"src\":\"call\",\"pid\":2,\"fn\":\"connect\",\"ret\":0,"
		   "\"sock\":\"127.0.0.1:41003>127.0.0.1:7001\"}");
	ask_at_stop(q);
	assert_answer(&q[0], 1, "the session's connected socket");
	assert_answer(&q[1], 0, "another program's socket on the same port, to another peer");
	assert_answer(&q[2], 1, "a listener's port takes any peer");
	assert_answer(&q[3], 1, "a mapped address is the IPv4 one the packet shows");
	assert_answer(&q[4], 0, "the mapped socket's port, to another peer");
	assert_answer(&q[5], 1,
		      "bound before it connected: the address is the session's whatever the peer");
	assert_answer(&q[6], 0, "a port no call named, even to the session's listener");
	rm_rf(dir);
}

Test(collector, sorts_the_file_again_when_a_record_comes_later_than_the_window)
{
	struct session s;

	start();
	collector_note(col, "step", "first written");
	usleep(600 * 1000); /* past the reorder window: "first written" is out */
	put_record("{\"t\":0,\"src\":\"call\",\"pid\":1,\"fn\":\"socket\",\"ret\":3}");
	stop_and_load(&s, NULL);
	cr_assert_eq(s.n, 2);
	assert_sorted(&s);
	cr_assert_str_eq(s.ev[0].call.fn, "socket");
	session_close(&s);
	rm_rf(dir);
}

Test(collector, records_the_command_and_sources_in_session_json)
{
	struct collector_options o = {0};
	char *const cmd[] = {"./server", "9190", NULL};
	char err[512], sdir[4200];
	struct session s;

	dir = temp_dir();
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	o.dir = sdir;
	o.command = cmd;
	col = collector_start(&o, err, sizeof(err));
	cr_assert_not_null(col, "%s", err);
	collector_note(col, "step", "x");
	stop_and_load(&s, NULL);
	cr_assert_eq(session_meta_int(&s, "events", -1), 1);
	cr_assert_eq(session_meta_int(&s, "lost.call", -1), 0);
	cr_assert_not_null(session_meta_str(&s, "started"));
	session_close(&s);
	rm_rf(dir);
}

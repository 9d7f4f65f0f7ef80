/*
 * test_identity.c - one socket, one story: the collector gives calls,
 * states and packets of one connection the same "conn", names a listener
 * by its "sock" alone, and tells each socket's states as one chain even
 * when two sources saw the same change.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/collector.h"

static char dir[64];
static struct collector *col;

static void start(void)
{
	char err[256];
	struct collector_options o = {0};

	snprintf(dir, sizeof(dir), "/tmp/socklab-unit-%d", (int)getpid());
	o.dir = dir;
	col = collector_start(&o, err, sizeof(err));
	cr_assert(col, "%s", err);
}

static void push(int64_t t, const char *json)
{
	json_error_t e;
	json_t *ev = json_loads(json, 0, &e);

	cr_assert(ev, "%s: %s", json, e.text);
	json_object_set_new(ev, "t", json_integer(t));
	collector_push(col, ev, NULL, NULL, NULL);
}

/* Stops the collector and loads what it wrote, one JSON object per event. */
static json_t *written(void)
{
	char path[128], line[4096];
	json_t *all = json_array();
	FILE *f;

	collector_stop(col, NULL);
	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	f = fopen(path, "r");
	cr_assert(f);
	while (fgets(line, sizeof(line), f))
		json_array_append_new(all, json_loads(line, 0, NULL));
	fclose(f);
	snprintf(line, sizeof(line), "rm -rf %s", dir);
	cr_assert_eq(system(line), 0);
	return all;
}

static json_t *nth(json_t *all, size_t i)
{
	cr_assert(i < json_array_size(all), "only %zu events", json_array_size(all));
	return json_array_get(all, i);
}

static long conn_of(json_t *ev)
{
	json_t *c = json_object_get(ev, "conn");

	return json_is_integer(c) ? (long)json_integer_value(c) : -1;
}

Test(identity, calls_states_and_packets_of_one_connection_share_conn, .init = start)
{
	json_t *all;

	push(1, "{\"src\":\"call\",\"fn\":\"listen\",\"sock\":\"0.0.0.0:9190>*\"}");
	push(2, "{\"src\":\"state\",\"sock\":\"0.0.0.0:9190>*\",\"from\":\"CLOSED\",\"to\":"
		"\"LISTEN\"}");
	push(3,
	     "{\"src\":\"call\",\"fn\":\"connect\",\"sock\":\"127.0.0.1:40112>127.0.0.1:9190\"}");
	push(4, "{\"src\":\"pkt\",\"from\":\"127.0.0.1:40112\",\"to\":\"127.0.0.1:9190\"}");
	push(5, "{\"src\":\"state\",\"sock\":\"127.0.0.1:9190>127.0.0.1:40112\",\"from\":\"SYN_"
		"RCVD\",\"to\":\"ESTABLISHED\"}");
	push(6, "{\"src\":\"pkt\",\"from\":\"127.0.0.1:9190\",\"to\":\"127.0.0.1:40112\"}");
	push(7, "{\"src\":\"state\",\"sock\":\"127.0.0.1:40112>127.0.0.1:9190\",\"from\":"
		"\"ESTABLISHED\",\"to\":\"FIN_WAIT_1\"}");
	all = written();
	cr_assert_eq(conn_of(nth(all, 0)), -1, "a listener is no connection");
	cr_assert_eq(conn_of(nth(all, 1)), -1, "a listener's state is no connection");
	cr_assert_eq(conn_of(nth(all, 2)), 1);
	for (size_t i = 3; i < 7; i++)
		cr_assert_eq(conn_of(nth(all, i)), 1, "event %zu", i);
	json_decref(all);
}

Test(identity, a_mapped_address_is_the_ipv4_connection_a_packet_shows, .init = start)
{
	json_t *all;

	push(1, "{\"src\":\"call\",\"fn\":\"accept\",\"sock\":\"[::ffff:127.0.0.1]:9190>[::ffff:"
		"127.0.0.1]:40112\"}");
	push(2, "{\"src\":\"pkt\",\"from\":\"127.0.0.1:40112\",\"to\":\"127.0.0.1:9190\"}");
	push(3, "{\"src\":\"call\",\"fn\":\"connect\",\"sock\":\"[::1]:40113>[::1]:9190\"}");
	all = written();
	cr_assert_eq(conn_of(nth(all, 0)), 1);
	cr_assert_eq(conn_of(nth(all, 1)), 1);
	cr_assert_eq(conn_of(nth(all, 2)), 2);
	json_decref(all);
}

Test(identity, a_state_two_sources_saw_is_told_once_as_one_chain, .init = start)
{
	const char *sock = "127.0.0.1:40112>127.0.0.1:9190";
	char ev[512];
	json_t *all;

	snprintf(ev, sizeof(ev),
		 "{\"src\":\"state\",\"sock\":\"%s\",\"from\":\"CLOSED\",\"to\":\"ESTABLISHED\","
		 "\"via\":\"tcpinfo\"}",
		 sock);
	push(1, ev);
	snprintf(ev, sizeof(ev),
		 "{\"src\":\"state\",\"sock\":\"%s\",\"from\":\"CLOSED\",\"to\":\"ESTABLISHED\","
		 "\"via\":\"diag\"}",
		 sock);
	push(2, ev);
	/* diag missed FIN_WAIT_1, which tcpinfo told. */
	snprintf(ev, sizeof(ev),
		 "{\"src\":\"state\",\"sock\":\"%s\",\"from\":\"ESTABLISHED\",\"to\":\"FIN_WAIT_"
		 "1\",\"via\":\"tcpinfo\"}",
		 sock);
	push(3, ev);
	snprintf(ev, sizeof(ev),
		 "{\"src\":\"state\",\"sock\":\"%s\",\"from\":\"ESTABLISHED\",\"to\":\"FIN_WAIT_"
		 "2\",\"via\":\"diag\"}",
		 sock);
	push(4, ev);
	all = written();
	cr_assert_eq(json_array_size(all), 3);
	cr_assert_str_eq(json_string_value(json_object_get(nth(all, 1), "to")), "FIN_WAIT_1");
	cr_assert_str_eq(json_string_value(json_object_get(nth(all, 2), "from")), "FIN_WAIT_1");
	cr_assert_str_eq(json_string_value(json_object_get(nth(all, 2), "to")), "FIN_WAIT_2");
	json_decref(all);
}

static int answers[3];

/* collector_knows_socket() runs on the collector's thread: in a flush
 * function. */
static bool ask(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	(void)ev;
	(void)blob;
	(void)ctx;
	answers[0] = collector_knows_socket(c, "127.0.0.1:9190", "127.0.0.1:41000");
	answers[1] =
		collector_knows_socket(c, "[::ffff:127.0.0.1]:9190", "[::ffff:127.0.0.1]:41000");
	answers[2] = collector_knows_socket(c, "127.0.0.1:9191", "127.0.0.1:41000");
	return false;
}

Test(identity, a_mapped_address_belongs_to_a_dual_stack_listener, .init = start)
{
	push(1, "{\"src\":\"call\",\"fn\":\"listen\",\"sock\":\"[::]:9190>*\"}");
	collector_push(col, json_pack("{sI ss}", "t", (json_int_t)2, "src", "note"), ask, NULL,
		       NULL);
	json_decref(written());
	cr_assert_eq(answers[0], 1);
	cr_assert_eq(answers[1], 1);
	cr_assert_eq(answers[2], 0);
}

/*
 * test_filter.c - reading what the student types after '/'.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "viewer/filter.h"

static struct filter parse_ok(const char *text)
{
	struct filter f;
	char err[200];

	cr_assert_eq(filter_parse(&f, text, err, sizeof(err)), 0, "%s: %s", text, err);
	return f;
}

Test(filter, kinds_of_filter)
{
	cr_assert_eq(parse_ok("").kind, FILTER_NONE);
	cr_assert_eq(parse_ok("1201").kind, FILTER_NUMBER);
	cr_assert_eq(parse_ok("pid 1201").kind, FILTER_PID);
	cr_assert_eq(parse_ok("pid=1201").num, 1201);
	cr_assert_eq(parse_ok("tid 1205").kind, FILTER_TID);
	cr_assert_eq(parse_ok("tid 1205").num, 1205);
	cr_assert_eq(parse_ok(":9190").kind, FILTER_PORT);
	cr_assert_eq(parse_ok("port 9190").num, 9190);
	cr_assert_eq(parse_ok("accept").kind, FILTER_WORD);
	cr_assert_str_eq(parse_ok("  accept").word, "accept");
}

Test(filter, what_is_not_a_filter_says_what_is)
{
	struct filter f;
	char err[200];

	cr_assert_eq(filter_parse(&f, "a b", err, sizeof(err)), -1);
	cr_assert(strstr(err, "a pid (1201), a port (:9190) or a call name"), "%s", err);
	cr_assert_eq(filter_parse(&f, ":x", err, sizeof(err)), -1);
	cr_assert(strstr(err, "'x' is not a number"), "%s", err);
}

Test(filter, words_match_calls_by_prefix_and_states_and_flags_by_name)
{
	struct filter f = parse_ok("recv");
	struct event e = {.src = SRC_CALL};

	e.call.fn = "recvfrom";
	cr_assert(filter_match(&f, &e));
	e.call.fn = "read";
	cr_assert_not(filter_match(&f, &e));
	f = parse_ok("ESTABLISHED");
	e = (struct event){.src = SRC_STATE};
	e.state.to = TCP_ST_ESTABLISHED;
	cr_assert(filter_match(&f, &e));
	f = parse_ok("syn");
	e = (struct event){.src = SRC_PKT};
	e.pkt.proto = PROTO_TCP;
	e.pkt.flags = TCPF_SYN | TCPF_ACK;
	cr_assert(filter_match(&f, &e));
	f = parse_ok("fin");
	cr_assert_not(filter_match(&f, &e));
}

Test(filter, ports_match_either_end)
{
	struct filter f = parse_ok(":9190");
	struct event e = {.src = SRC_PKT};

	e.pkt.from = "127.0.0.1:40112";
	e.pkt.to = "127.0.0.1:9190";
	cr_assert(filter_match(&f, &e));
	e = (struct event){.src = SRC_CALL};
	e.call.sock = "127.0.0.1:40112>127.0.0.1:9190";
	cr_assert(filter_match(&f, &e));
	e.call.sock = "127.0.0.1:40112>127.0.0.1:9191";
	cr_assert_not(filter_match(&f, &e));
}

Test(filter, a_tid_matches_the_calls_of_that_thread_only)
{
	struct filter f = parse_ok("tid 1205");
	struct event main_call = {.src = SRC_CALL, .pid = 1201, .tid = 1201};
	struct event thread_call = {.src = SRC_CALL, .pid = 1201, .tid = 1205};
	struct event thread_start = {.src = SRC_PROC, .pid = 1201, .tid = 1205};

	cr_assert_not(filter_match(&f, &main_call), "the main thread's call");
	cr_assert(filter_match(&f, &thread_call));
	cr_assert(filter_match(&f, &thread_start), "its start");
	cr_assert(filter_follows_conns(&f), "its connections' packets come along");
}

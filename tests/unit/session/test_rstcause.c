/*
 * test_rstcause.c - why an RST was sent: each cause from a session made
 * of the few events that prove it, and no cause where they do not.
 */
#include "session/rstcause.h"
#include "session/session.h"
#include "tests/unit/testutil.h"

#define SERVER "127.0.0.1:9190"
#define CLIENT "127.0.0.1:40112"

static struct session s;

static void setup(void)
{
	cr_assert_eq(session_init(&s), 0);
}

static void teardown(void)
{
	session_close(&s);
}

TestSuite(rstcause, .init = setup, .fini = teardown);

static void add(const char *line)
{
	cr_assert_eq(session_append_line(&s, line, strlen(line)), 0, "not an event: %s", line);
}

/* A call of the server's on its socket for the connection. */
static void server_call(int t, const char *fn, long ret, const char *extra)
{
	char line[512];

	snprintf(line, sizeof(line),
		 "{\"t\":%d,\"src\":\"call\",\"pid\":100,\"fn\":\"%s\",\"fd\":4,\"ret\":%ld,"
		 "\"errno\":null,\"sock\":\"" SERVER ">" CLIENT "\",\"conn\":1%s}",
		 t, fn, ret, extra ? extra : "");
	add(line);
}

static void pkt(int t, const char *from, const char *to, const char *flags, int rseq, int len)
{
	char line[512];

	snprintf(line, sizeof(line),
		 "{\"t\":%d,\"src\":\"pkt\",\"frame\":%d,\"proto\":\"tcp\",\"from\":\"%s\",\"to\":"
		 "\"%s\",\"flags\":\"%s\",\"seq\":%d,\"ack\":0,\"rseq\":%d,\"rack\":0,\"len\":%d,"
		 "\"win\":64,\"conn\":1}",
		 t, t, from, to, flags, rseq, rseq, len);
	add(line);
}

/* The cause of the last event, an RST, and the event that shows it. */
static enum rst_cause cause_of_last(size_t *why)
{
	return rst_cause(&s, 0, s.n - 1, why);
}

static void accepted(void)
{
	pkt(1, CLIENT, SERVER, "S", 0, 0);
	pkt(2, SERVER, CLIENT, "SA", 0, 0);
	pkt(3, CLIENT, SERVER, "A", 1, 0);
	server_call(4, "accept", 4, NULL);
}

Test(rstcause, data_for_a_socket_already_closed)
{
	size_t why;

	accepted();
	server_call(10, "close", 0, NULL);
	pkt(11, SERVER, CLIENT, "FA", 1, 0);
	pkt(20, CLIENT, SERVER, "PA", 1, 10);
	pkt(21, SERVER, CLIENT, "R", 2, 0);
	cr_assert_eq(cause_of_last(&why), RST_DATA_AFTER_CLOSE);
	cr_assert_str_eq(s.ev[why].call.fn, "close");
	cr_assert_str_eq(rst_cause_text(RST_DATA_AFTER_CLOSE), "data after close");
}

Test(rstcause, data_for_a_socket_whose_process_ended)
{
	size_t why;

	accepted();
	add("{\"t\":10,\"src\":\"proc\",\"pid\":100,\"event\":\"reaped\",\"child\":100,"
	    "\"sig\":\"SIGKILL\",\"fn\":\"socklab\"}");
	pkt(11, SERVER, CLIENT, "FA", 1, 0);
	pkt(20, CLIENT, SERVER, "PA", 1, 10);
	pkt(21, SERVER, CLIENT, "R", 2, 0);
	cr_assert_eq(cause_of_last(&why), RST_DATA_AFTER_CLOSE);
	cr_assert_str_eq(s.ev[why].proc.event, "reaped");
}

Test(rstcause, close_with_bytes_unread)
{
	accepted();
	pkt(5, CLIENT, SERVER, "PA", 1, 6);
	server_call(6, "read", 2, NULL);
	server_call(10, "close", 0, NULL);
	pkt(11, SERVER, CLIENT, "RA", 1, 0);
	cr_assert_eq(cause_of_last(NULL), RST_UNREAD);
}

Test(rstcause, close_with_every_byte_read_is_not_unread)
{
	accepted();
	pkt(5, CLIENT, SERVER, "PA", 1, 6);
	pkt(6, CLIENT, SERVER, "PA", 1, 6); /* a retransmission counts once */
	server_call(7, "read", 6, NULL);
	server_call(10, "close", 0, NULL);
	pkt(11, SERVER, CLIENT, "RA", 1, 0);
	cr_assert_eq(cause_of_last(NULL), RST_UNKNOWN);
}

Test(rstcause, close_with_so_linger_zero)
{
	size_t why;

	accepted();
	server_call(5, "setsockopt", 0,
		    ",\"level\":\"SOL_SOCKET\",\"opt\":\"SO_LINGER\",\"val\":1,\"linger\":0");
	server_call(6, "close", 0, NULL);
	pkt(7, SERVER, CLIENT, "RA", 1, 0);
	cr_assert_eq(cause_of_last(&why), RST_LINGER_ZERO);
	cr_assert_str_eq(s.ev[why].call.fn, "setsockopt");
}

Test(rstcause, a_linger_time_other_than_zero_is_not_linger_zero)
{
	accepted();
	server_call(5, "setsockopt", 0,
		    ",\"level\":\"SOL_SOCKET\",\"opt\":\"SO_LINGER\",\"val\":1,\"linger\":5");
	server_call(6, "close", 0, NULL);
	pkt(7, SERVER, CLIENT, "RA", 1, 0);
	cr_assert_eq(cause_of_last(NULL), RST_UNKNOWN);
}

Test(rstcause, a_syn_to_a_port_where_nothing_listens)
{
	size_t why;

	pkt(1, CLIENT, SERVER, "S", 0, 0);
	pkt(2, SERVER, CLIENT, "RA", 0, 0);
	cr_assert_eq(cause_of_last(&why), RST_NO_SOCKET);
	cr_assert_eq(why, 0);
}

Test(rstcause, a_packet_without_rst_has_no_cause)
{
	accepted();
	cr_assert_eq(cause_of_last(NULL), RST_UNKNOWN);
	cr_assert_null(rst_cause_text(RST_UNKNOWN));
}

/*
 * test_event.c - reading an event line, and naming it in words.
 */
#include "session/event.h"
#include "session/evfields.h"
#include "tests/unit/testutil.h"

static struct strpool *pool;
static char err[256];

static void setup(void)
{
	pool = strpool_new();
}

static void teardown(void)
{
	strpool_free(pool);
}

TestSuite(event, .init = setup, .fini = teardown);

static struct event parse_ok(const char *line)
{
	struct event e;

	cr_assert_eq(event_parse(&e, line, strlen(line), pool, err, sizeof(err)), 0, "%s: %s", line,
		     err);
	e.json = line;
	e.json_len = (uint32_t)strlen(line);
	return e;
}

static void describes_as(const char *line, const char *want)
{
	struct event e = parse_ok(line);
	char got[512];

	event_describe(&e, got, sizeof(got));
	cr_assert_str_eq(got, want);
}

Test(event, reads_the_fields_of_a_call)
{
	struct event e = parse_ok(
		"{\"t\":412000,\"src\":\"call\",\"pid\":1201,\"tid\":1202,\"fn\":\"bind\",\"fd\":3,"
		"\"ret\":-1,\"errno\":\"EADDRINUSE\",\"addr\":\"127.0.0.1:9190\",\"sock\":\"0.0.0."
		"0:0>*\"}");

	cr_assert_eq(e.t, 412000);
	cr_assert_eq(e.src, SRC_CALL);
	cr_assert_eq(e.pid, 1201);
	cr_assert_eq(e.tid, 1202);
	cr_assert_str_eq(e.call.fn, "bind");
	cr_assert_eq(e.call.fd, 3);
	cr_assert_eq(e.call.ret, -1);
	cr_assert_str_eq(e.call.err, "EADDRINUSE");
	cr_assert_str_eq(e.call.addr, "127.0.0.1:9190");
	cr_assert_eq(e.conn, -1, "no conn field means no connection");
}

Test(event, interns_strings_so_equal_names_share_a_pointer)
{
	struct event a =
		parse_ok("{\"t\":1,\"src\":\"call\",\"fn\":\"close\",\"sock\":\"1.2.3.4:5>*\"}");
	struct event b =
		parse_ok("{\"t\":2,\"src\":\"call\",\"fn\":\"close\",\"sock\":\"1.2.3.4:5>*\"}");

	cr_assert_eq(a.call.fn, b.call.fn);
	cr_assert_eq(a.call.sock, b.call.sock);
}

Test(event, reads_states_packets_processes_and_notes)
{
	struct event s =
		parse_ok("{\"t\":5,\"src\":\"state\",\"sock\":\"a:1>b:2\",\"from\":\"FIN_WAIT_2\","
			 "\"to\":\"TIME_WAIT\",\"via\":\"diag\",\"timer_ms\":59000}");
	struct event p =
		parse_ok("{\"t\":6,\"src\":\"pkt\",\"frame\":3,\"proto\":\"tcp\",\"from\":\"a:1\","
			 "\"to\":\"b:2\",\"flags\":\"SA\",\"seq\":100,\"ack\":7,\"rseq\":0,"
			 "\"rack\":1,\"len\":0,\"win\":65535}");
	struct event r =
		parse_ok("{\"t\":7,\"src\":\"proc\",\"pid\":10,\"event\":\"reaped\",\"child\":11,"
			 "\"fn\":\"waitpid\",\"sig\":\"SIGKILL\"}");

	cr_assert_eq(s.state.from, TCP_ST_FIN_WAIT_2);
	cr_assert_eq(s.state.to, TCP_ST_TIME_WAIT);
	cr_assert_eq(s.state.timer_ms, 59000);
	cr_assert_eq(p.pkt.flags, TCPF_SYN | TCPF_ACK);
	cr_assert_eq(p.pkt.frame, 3);
	cr_assert_eq(p.pkt.rack, 1);
	cr_assert_eq(p.pkt.proto, PROTO_TCP);
	cr_assert_eq(r.proc.child, 11);
	cr_assert_str_eq(r.proc.sig, "SIGKILL");
	cr_assert_eq(r.proc.status, -1, "no status when killed");
}

Test(event, reads_the_analysis_of_a_segment)
{
	struct event p = parse_ok(
		"{\"t\":6,\"src\":\"pkt\",\"frame\":9,\"proto\":\"tcp\",\"flags\":\"A\","
		"\"analysis\":[\"duplicate_ack\",\"window_update\",\"from_a_later_socklab\"],"
		"\"duplicate_ack_num\":3,\"duplicate_ack_frame\":6}");
	struct event q = parse_ok("{\"t\":7,\"src\":\"pkt\",\"proto\":\"tcp\",\"analysis\":\"x\"}");

	cr_assert_eq(p.pkt.analysis, TCPA_DUPLICATE_ACK | TCPA_WINDOW_UPDATE,
		     "a name it does not know is left out: %#x", p.pkt.analysis);
	cr_assert_eq(p.pkt.dup_ack_num, 3);
	cr_assert_eq(p.pkt.dup_ack_frame, 6);
	cr_assert_eq(q.pkt.analysis, 0, "not a list: none");
}

Test(event, a_field_of_the_wrong_type_counts_as_absent)
{
	struct event e =
		parse_ok("{\"t\":1,\"src\":\"call\",\"fn\":7,\"fd\":\"three\",\"ret\":[]}");

	cr_assert_null(e.call.fn);
	cr_assert_eq(e.call.fd, -1);
	cr_assert_eq(e.call.ret, 0);
}

static void rejects(const char *line, const char *why_contains)
{
	struct event e;

	cr_assert_eq(event_parse(&e, line, strlen(line), pool, err, sizeof(err)), -1, "%s", line);
	cr_assert(strstr(err, why_contains), "for %s: message '%s' lacks '%s'", line, err,
		  why_contains);
}

Test(event, rejects_lines_that_are_not_events_and_says_why)
{
	rejects("{\"t\":1,\"src\":\"call\"", "not JSON");
	rejects("[1,2]", "not a JSON object");
	rejects("{\"src\":\"call\"}", "\"t\"");
	rejects("{\"t\":-5,\"src\":\"call\"}", "\"t\"");
	rejects("{\"t\":\"soon\",\"src\":\"call\"}", "\"t\"");
	rejects("{\"t\":1,\"src\":\"wire\"}", "\"src\"");
	rejects("{\"t\":1}", "\"src\"");
}

Test(event, describes_a_failed_bind_as_the_student_wrote_it)
{
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":1201,\"fn\":\"bind\",\"fd\":3,\"ret\":-1,"
		     "\"errno\":\"EADDRINUSE\",\"addr\":\"127.0.0.1:9190\"}",
		     "[1201] bind(3, 127.0.0.1:9190) = -1 EADDRINUSE");
}

Test(event, describes_calls_with_their_own_arguments)
{
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"socket\",\"fd\":3,\"ret\":3,"
		     "\"domain\":\"AF_INET\",\"type\":\"SOCK_STREAM\"}",
		     "[7] socket(AF_INET, SOCK_STREAM) = 3");
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"accept\",\"fd\":3,\"ret\":4,"
		     "\"peer\":\"127.0.0.1:40000\"}",
		     "[7] accept(3) = 4 from 127.0.0.1:40000");
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"setsockopt\",\"fd\":3,\"ret\":0,"
		     "\"level\":\"SOL_SOCKET\",\"opt\":\"SO_REUSEADDR\",\"val\":1}",
		     "[7] setsockopt(3, SOL_SOCKET, SO_REUSEADDR, 1) = 0");
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"recv\",\"fd\":4,\"ret\":5,"
		     "\"len\":1024}",
		     "[7] recv(4, 1024 bytes) = 5");
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"waitpid\",\"ret\":0,\"which\":-"
		     "1,"
		     "\"options\":\"WNOHANG\"}",
		     "[7] waitpid(-1, WNOHANG) = 0");
	describes_as("{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"select\",\"ret\":1,\"nfds\":5,"
		     "\"rfds\":[0,4],\"ready\":[4]}",
		     "[7] select(5, rfds=[0,4]) = 1 ready=[4]");
}

Test(event, describes_states_packets_and_processes)
{
	describes_as("{\"t\":5,\"src\":\"state\",\"sock\":\"127.0.0.1:1>127.0.0.1:2\",\"from\":"
		     "\"FIN_WAIT_2\","
		     "\"to\":\"TIME_WAIT\",\"via\":\"diag\",\"timer_ms\":59900}",
		     "127.0.0.1:1>127.0.0.1:2 FIN_WAIT_2 -> TIME_WAIT (59.9 s left)  [diag]");
	describes_as("{\"t\":6,\"src\":\"pkt\",\"frame\":2,\"proto\":\"tcp\",\"from\":\"127.0.0.1:"
		     "2\","
		     "\"to\":\"127.0.0.1:1\",\"flags\":\"SA\",\"rseq\":0,\"rack\":1,\"len\":0,"
		     "\"win\":65483}",
		     "#2 TCP 127.0.0.1:2 > 127.0.0.1:1 [SA] seq=0 ack=1 win=65483 len=0");
	describes_as("{\"t\":7,\"src\":\"proc\",\"pid\":10,\"event\":\"reaped\",\"child\":11,"
		     "\"fn\":\"waitpid\",\"status\":0}",
		     "[10] waitpid reaped child 11 (exit 0)");
	describes_as("{\"t\":8,\"src\":\"proc\",\"pid\":11,\"event\":\"zombie\",\"ppid\":10}",
		     "[11] zombie: exited, parent 10 has not waited for it");
	describes_as("{\"t\":9,\"src\":\"proc\",\"pid\":10,\"event\":\"signal\",\"sig\":"
		     "\"SIGCHLD\","
		     "\"child\":12}",
		     "[10] SIGCHLD delivered (child 12)");
}

/* What a program printed and what it is called are a student's bytes: a
 * described event holds their control characters as letters. */
Test(event, describes_a_programs_escapes_as_letters)
{
	describes_as("{\"t\":1,\"src\":\"note\",\"pid\":7,\"kind\":\"output\",\"role\":\"server\","
		     "\"text\":\"\\u001b[A\\u001b[2K\\u001b[32mPASS\\r\\b\\u009b\\n\"}",
		     "[7] server printed: \\e[A\\e[2K\\e[32mPASS\\r\\b\\u009b\\n");
	describes_as("{\"t\":1,\"src\":\"proc\",\"pid\":7,\"event\":\"exec\",\"path\":\"/x\","
		     "\"argv\":[\"./srv\\u001b]0;t\\u0007\",\"9190\"]}",
		     "[7] exec ./srv\\e]0;t\\a 9190");
}

Test(event, tcp_flags_go_both_ways)
{
	char letters[9], words[64];

	for (int f = 0; f < 256; f++) {
		tcp_flags_letters((uint8_t)f, letters);
		cr_assert_eq(tcp_flags_parse(letters), f, "flags %#x as %s", f, letters);
	}
	tcp_flags_words(TCPF_SYN | TCPF_ACK, words, sizeof(words));
	cr_assert_str_eq(words, "SYN,ACK");
	tcp_flags_words(TCPF_FIN | TCPF_ACK, words, sizeof(words));
	cr_assert_str_eq(words, "FIN,ACK");
}

Test(event, state_names_go_both_ways)
{
	for (int st = 1; st < TCP_ST_COUNT; st++)
		cr_assert_eq(tcp_state_parse(tcp_state_name(st)), st);
	cr_assert_eq(tcp_state_parse("NOT_A_STATE"), TCP_ST_NONE);
}

Test(event, time_has_six_decimals)
{
	char s[32];

	event_time_str(412000, s, sizeof(s));
	cr_assert_str_eq(s, "0.000412");
	event_time_str(61234567890LL, s, sizeof(s));
	cr_assert_str_eq(s, "61.234567");
}

/* The one table of event fields (session/evfields.h): each source's rows
 * are its own and together they are every row, so a row put among
 * another source's is caught here, not as a field read into the wrong
 * member. */
Test(event, each_sources_rows_of_the_field_table_are_its_own)
{
	size_t nall, total = 0;
	const struct evfield *all = evfields_all(&nall);

	for (int src = 0; src < SRC_COUNT; src++) {
		size_t n;
		const struct evfield *f = evfields_of(src, &n);

		cr_assert_gt(n, 0, "source %s has no fields", event_src_name(src));
		for (size_t k = 0; k < n; k++)
			cr_assert_eq(f[k].src, src, "row %zu (%s) is under %s",
				     (size_t)(&f[k] - all), f[k].key, event_src_name(src));
		total += n;
	}
	cr_assert_eq(total, nall);
}

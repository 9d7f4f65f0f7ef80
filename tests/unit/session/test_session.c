/*
 * test_session.c - loading a session folder: everything intact is kept, a
 * damaged line is counted and named, a missing folder is said plainly.
 */
#include "session/session.h"
#include "tests/unit/testutil.h"

static const char *good1 = "{\"t\":1,\"src\":\"call\",\"pid\":5,\"fn\":\"socket\",\"ret\":3}\n";
static const char *good2 =
	"{\"t\":2,\"src\":\"call\",\"pid\":5,\"fn\":\"close\",\"fd\":3,\"ret\":0}\n";

Test(session, loads_every_event_of_a_folder_in_file_order)
{
	char *dir = temp_dir(), err[512], text[512];
	struct session s;

	snprintf(text, sizeof(text), "%s%s", good1, good2);
	write_file(dir, "events.jsonl", text);
	cr_assert_eq(session_open(&s, dir, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(s.n, 2);
	cr_assert_str_eq(s.ev[0].call.fn, "socket");
	cr_assert_str_eq(s.ev[1].call.fn, "close");
	cr_assert_eq(s.ev[1].line, 2);
	cr_assert(memmem(s.ev[0].json, s.ev[0].json_len, "\"socket\"", 8), "json is the line");
	cr_assert_eq(s.ev[0].json_len, strlen(good1) - 1);
	cr_assert_eq(s.bad_lines, 0);
	session_close(&s);
	rm_rf(dir);
}

Test(session, skips_and_names_a_damaged_line_but_keeps_the_rest)
{
	char *dir = temp_dir(), err[512], text[1024];
	struct session s;

	snprintf(text, sizeof(text), "%s{\"t\":oops}\n\n%s{\"t\":3,\"src\":\"call\"", good1, good2);
	write_file(dir, "events.jsonl", text);
	cr_assert_eq(session_open(&s, dir, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(s.n, 2, "both good lines are kept");
	cr_assert_eq(s.bad_lines, 2, "the broken line and the cut-off last line");
	cr_assert(strstr(s.first_bad, "line 2"), "first problem: %s", s.first_bad);
	cr_assert_eq(s.ev[1].line, 4, "line numbers count every line");
	session_close(&s);
	rm_rf(dir);
}

/* The viewer and show keep a session compact, and read it without
 * keeping it at all (session_next): the same events, field for field, as
 * the session decoded in s->ev, which checks hold. */
Test(session, compact_and_streamed_read_the_same_events_as_decoded)
{
	char *dir = temp_dir(), err[512];
	struct session full, compact, stream;
	struct event buf, e;
	const struct event *c;
	size_t i = 0;

	cr_assert_eq(session_open(&full, "tests/fixtures/sessions/flow", err, sizeof(err)), 0, "%s",
		     err);
	cr_assert_eq(session_begin(&compact, "tests/fixtures/sessions/flow", err, sizeof(err)), 0);
	session_compact(&compact);
	cr_assert_eq(session_load(&compact, SIZE_MAX, err, sizeof(err)), 0);
	cr_assert_null(compact.ev, "compact: no decoded array");
	cr_assert_eq(compact.n, full.n);
	cr_assert_gt(full.n, 100);
	cr_assert_eq(session_begin(&stream, "tests/fixtures/sessions/flow", err, sizeof(err)), 0);
	for (i = 0; session_next(&stream, &e) > 0; i++) {
		c = session_event(&compact, i, &buf);
		cr_assert_eq(c->t, full.ev[i].t);
		cr_assert_eq(c->line, full.ev[i].line);
		cr_assert_eq(c->conn, full.ev[i].conn);
		cr_assert_eq(c->json_len, full.ev[i].json_len);
		cr_assert(memcmp(c->json, full.ev[i].json, c->json_len) == 0);
		cr_assert_eq(e.t, full.ev[i].t);
		cr_assert_eq(e.json_len, full.ev[i].json_len);
		if (c->src == SRC_PKT) {
			cr_assert_str_eq(c->pkt.from, full.ev[i].pkt.from);
			cr_assert_eq(c->pkt.rseq, full.ev[i].pkt.rseq);
			cr_assert_eq(c->pkt.flags, full.ev[i].pkt.flags);
		} else if (c->src == SRC_CALL) {
			cr_assert_str_eq(c->call.fn, full.ev[i].call.fn);
			cr_assert_eq(c->call.ret, full.ev[i].call.ret);
			cr_assert_eq(c->call.len, full.ev[i].call.len);
		}
	}
	cr_assert_eq(i, full.n, "streamed every event");
	session_close(&full);
	session_close(&compact);
	session_close(&stream);
	rm_rf(dir);
}

/* Lines with every field struct event keeps, of every source, beside the
 * fixtures: threads, a blocked wait, an ICMP error, TCP analysis. */
static const char *every_field =
	"{\"t\":10,\"src\":\"call\",\"pid\":5,\"tid\":6,\"conn\":2,\"fn\":\"setsockopt\",\"fd\":3,"
	"\"ret\":-1,\"errno\":\"EINVAL\",\"sock\":\"1.2.3.4:5>6.7.8.9:10\",\"addr\":\"1.2.3.4:5\","
	"\"peer\":\"6.7.8.9:10\",\"how\":\"SHUT_WR\",\"level\":\"SOL_SOCKET\",\"opt\":\"SO_"
	"LINGER\","
	"\"proto\":\"tcp\",\"len\":7,\"val\":1,\"dur\":99,\"sig\":\"SIGPIPE\"}\n"
	"{\"t\":20,\"src\":\"state\",\"sock\":\"1.2.3.4:5>6.7.8.9:10\",\"from\":\"FIN_WAIT_2\","
	"\"to\":\"TIME_WAIT\",\"via\":\"tracefs\",\"timer_ms\":60000,\"conn\":2}\n"
	"{\"t\":30,\"src\":\"pkt\",\"frame\":4,\"proto\":\"tcp\",\"from\":\"1.2.3.4:5\","
	"\"to\":\"6.7.8.9:10\",\"flags\":\"PA\",\"seq\":100,\"ack\":200,\"rseq\":1,\"rack\":2,"
	"\"len\":3,\"win\":65535,\"analysis\":[\"duplicate_ack\",\"window_update\"],"
	"\"duplicate_ack_num\":2,\"duplicate_ack_frame\":3,\"window_probe\":true,\"conn\":2}\n"
	"{\"t\":40,\"src\":\"pkt\",\"frame\":5,\"proto\":\"icmp\",\"from\":\"10.0.0.1\","
	"\"to\":\"10.0.0.2\",\"type\":11,\"code\":0,\"orig\":{\"proto\":\"udp\","
	"\"from\":\"10.0.0.2:9\",\"to\":\"10.0.1.2:9\"}}\n"
	"{\"t\":50,\"src\":\"proc\",\"pid\":5,\"tid\":7,\"event\":\"thread\",\"creator\":6,"
	"\"held_ms\":5}\n"
	"{\"t\":60,\"src\":\"proc\",\"pid\":5,\"tid\":6,\"event\":\"blocked\",\"fn\":\"recvfrom\","
	"\"fd\":3,\"since\":15}\n"
	"{\"t\":70,\"src\":\"proc\",\"pid\":8,\"event\":\"exec\",\"path\":\"/x/y\",\"ppid\":5}\n"
	"{\"t\":80,\"src\":\"proc\",\"pid\":5,\"event\":\"handler\",\"sig\":\"SIGCHLD\","
	"\"fn\":\"sigaction\",\"handler\":\"function\"}\n"
	"{\"t\":90,\"src\":\"proc\",\"pid\":5,\"event\":\"reaped\",\"child\":8,\"status\":3,"
	"\"fn\":\"waitpid\"}\n"
	"{\"t\":100,\"src\":\"note\",\"kind\":\"checkpoint\",\"text\":\"it \\\"held\\\"\"}\n";

/* Every event of the session in dir, read compact, is the event its line
 * parses to: field for field, whatever fields struct event has (strings
 * interned in the same pool compare as pointers). */
static void compact_is_parsed(const char *dir)
{
	struct session s;
	struct event buf, parsed;
	const struct event *c;
	char err[512];

	cr_assert_eq(session_begin(&s, dir, err, sizeof(err)), 0, "%s: %s", dir, err);
	session_compact(&s);
	cr_assert_eq(session_load(&s, SIZE_MAX, err, sizeof(err)), 0, "%s", err);
	for (size_t i = 0; i < s.n; i++) {
		c = session_event(&s, i, &buf);
		cr_assert_eq(event_parse(&parsed, c->json, c->json_len, s.pool, err, sizeof(err)),
			     0, "%s", err);
		parsed.line = c->line;
		parsed.json = c->json;
		parsed.json_len = c->json_len;
		cr_assert(memcmp(&parsed, c, sizeof(parsed)) == 0,
			  "%s, line %u: the compact event is not the parsed one: %.*s", dir,
			  c->line, (int)c->json_len, c->json);
	}
	session_close(&s);
}

Test(session, compact_keeps_every_field_of_every_source)
{
	static const char *const fixtures[] = {"echo",	    "flow",    "fork20", "lab", "nagle",
					       "peer-gone", "threads", "udp",	 NULL};
	char *dir = temp_dir(), path[512];

	write_file(dir, "events.jsonl", every_field);
	compact_is_parsed(dir);
	for (int k = 0; fixtures[k]; k++) {
		snprintf(path, sizeof(path), "tests/fixtures/sessions/%s", fixtures[k]);
		compact_is_parsed(path);
	}
	rm_rf(dir);
}

Test(session, says_plainly_when_the_folder_is_not_a_session)
{
	char *dir = temp_dir(), err[512], file[4200];
	struct session s;

	cr_assert_eq(session_open(&s, "/nonexistent/session", err, sizeof(err)), -1);
	cr_assert(strstr(err, "no such session folder"), "%s", err);
	cr_assert_eq(session_open(&s, dir, err, sizeof(err)), -1);
	cr_assert(strstr(err, "not a socklab session"), "%s", err);
	write_file(dir, "a-file", "x");
	snprintf(file, sizeof(file), "%s/a-file", dir);
	cr_assert_eq(session_open(&s, file, err, sizeof(err)), -1);
	cr_assert(strstr(err, "is a file"), "%s", err);
	rm_rf(dir);
}

Test(session, reads_numbers_and_strings_from_session_json)
{
	char *dir = temp_dir(), err[512];
	struct session s;

	write_file(dir, "events.jsonl", good1);
	write_file(dir, "session.json",
		   "{\"lost\":{\"call\":7},\"sources\":{\"pkt\":{\"ok\":false,\"why\":\"needs "
		   "root\"}}}");
	cr_assert_eq(session_open(&s, dir, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(session_meta_int(&s, "lost.call", -1), 7);
	cr_assert_eq(session_meta_int(&s, "lost.pkt", -1), -1);
	cr_assert_str_eq(session_meta_str(&s, "sources.pkt.why"), "needs root");
	session_close(&s);
	rm_rf(dir);
}

Test(session, grows_line_by_line_for_a_live_session)
{
	struct session s;

	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; i < 10000; i++) {
		char line[128];
		int n = snprintf(line, sizeof(line), "{\"t\":%d,\"src\":\"note\",\"text\":\"n%d\"}",
				 i, i);
		cr_assert_eq(session_append_line(&s, line, (size_t)n), 0);
	}
	cr_assert_eq(session_append_line(&s, "nope", 4), -1);
	cr_assert_eq(s.n, 10000);
	cr_assert_str_eq(s.ev[9999].note.text, "n9999");
	cr_assert_str_eq(s.ev[0].note.text, "n0", "earlier strings stay valid as the pool grows");
	session_close(&s);
}

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

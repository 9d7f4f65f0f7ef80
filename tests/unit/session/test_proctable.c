/*
 * test_proctable.c - what a process was doing: the calls it waited in
 * (long calls, and "blocked" events for calls that had not returned) and
 * its last call, the one a signal may have killed it in.
 */
#include "session/proctable.h"
#include "session/session.h"
#include "tests/unit/testutil.h"

#define MS 1000000LL

static struct session s;
static struct proctable pt;

static void setup(void)
{
	cr_assert_eq(session_init(&s), 0);
	memset(&pt, 0, sizeof(pt));
}

static void teardown(void)
{
	proctable_free(&pt);
	session_close(&s);
}

TestSuite(proctable, .init = setup, .fini = teardown);

static void add(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	cr_assert_eq(session_append_line(&s, line, strlen(line)), 0, "not an event: %s", line);
	proctable_add(&pt, &s.ev[s.n - 1]);
}

static void call(long long t_ms, const char *fn, int fd, long long ret, long long dur_ms,
		 const char *extra)
{
	add("{\"t\":%lld,\"src\":\"call\",\"pid\":7,\"tid\":7,\"fn\":\"%s\",\"fd\":%d,\"ret\":%lld,"
	    "\"errno\":%s,\"dur\":%lld%s}",
	    t_ms * MS, fn, fd, ret, ret < 0 ? "\"EPIPE\"" : "null", dur_ms * MS, extra);
}

Test(proctable, a_long_recv_is_a_wait_from_its_start_to_its_return)
{
	const struct proc_info *p;
	const struct proc_wait *w;

	call(1000, "recv", 4, 5, 800, "");
	p = proctable_find(&pt, 7);
	cr_assert_not_null(p);
	cr_assert_null(proc_wait_at(p, 150 * MS), "before it began");
	w = proc_wait_at(p, 500 * MS);
	cr_assert_not_null(w);
	cr_assert_str_eq(w->fn, "recv");
	cr_assert_eq(w->fd, 4);
	cr_assert_eq(w->from, 200 * MS);
	cr_assert_null(proc_wait_at(p, 1000 * MS), "after it returned");
}

Test(proctable, a_short_call_is_no_wait_and_an_entry_timed_one_waits_after_its_time)
{
	const struct proc_info *p;

	call(10, "recv", 4, 5, 2, "");
	call(100, "connect", 3, 0, 300, "");
	p = proctable_find(&pt, 7);
	cr_assert_null(proc_wait_at(p, 9 * MS));
	cr_assert_not_null(proc_wait_at(p, 250 * MS), "connect() waits from its entry");
	cr_assert_str_eq(proc_wait_at(p, 250 * MS)->fn, "connect");
}

Test(proctable, a_blocked_call_waits_until_it_returns_or_the_process_ends)
{
	const struct proc_info *p;

	add("{\"t\":%lld,\"src\":\"proc\",\"pid\":7,\"tid\":7,\"event\":\"blocked\",\"fn\":"
	    "\"recvfrom\",\"fd\":4,\"since\":%lld}",
	    600 * MS, 100 * MS);
	p = proctable_find(&pt, 7);
	cr_assert_str_eq(proc_wait_at(p, 5000 * MS)->fn, "recvfrom", "open: it still waits");
	call(2000, "recv", 4, 3, 1900, "");
	cr_assert_str_eq(proc_wait_at(p, 1500 * MS)->fn, "recv", "the call's own name");
	cr_assert_null(proc_wait_at(p, 2500 * MS), "it returned");

	add("{\"t\":%lld,\"src\":\"proc\",\"pid\":7,\"tid\":7,\"event\":\"blocked\",\"fn\":"
	    "\"recvfrom\",\"fd\":4,\"since\":%lld}",
	    3600 * MS, 3000 * MS);
	add("{\"t\":%lld,\"src\":\"proc\",\"pid\":1,\"event\":\"reaped\",\"child\":7,\"sig\":"
	    "\"SIGTERM\",\"fn\":\"socklab\"}",
	    4000 * MS);
	cr_assert_not_null(proc_wait_at(p, 3999 * MS));
	cr_assert_null(proc_wait_at(p, 4001 * MS), "its end ended the wait");
}

Test(proctable, the_last_call_says_what_a_signal_killed_it_in)
{
	const struct proc_info *p;

	call(10, "write", 3, 1, 0, "");
	call(20, "write", 3, -1, 0, ",\"sig\":\"SIGPIPE\"");
	p = proctable_find(&pt, 7);
	cr_assert_str_eq(p->last_fn, "write");
	cr_assert_eq(p->last_fd, 3);
	cr_assert(p->last_sigpipe);
}

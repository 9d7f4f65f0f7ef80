/*
 * test_intake.c - what the collector takes from the ring: only the kinds
 * of record socklab's tracer writes, with a sane time; in a grade
 * (calls_only, pid_ok) only witnesses of calls from the session's pids.
 * What it ignores is counted, for the grader to say.
 */
#include <jansson.h>
#include <stdint.h>

#include "collect/collector.h"
#include "tests/unit/testutil.h"
#include "wire/ring.h"
#include "wire/ringrec.h"

static char *dir;
static struct collector *col;

/* The session's processes in these tests. */
static bool is_ours(void *arg, pid_t pid)
{
	(void)arg;
	return pid == 4242 || pid == 4243;
}

static const struct collector_intake grading = {.calls_only = true, .pid_ok = is_ours};

static void start(const struct collector_intake *intake)
{
	struct collector_options o = {.intake = intake};
	char err[512], sdir[4200];

	dir = temp_dir();
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	o.dir = sdir;
	col = collector_start(&o, err, sizeof(err));
	cr_assert_not_null(col, "%s", err);
}

static void put_bytes(const void *rec, size_t len)
{
	struct ring r;

	cr_assert_eq(ring_attach(&r, collector_ring_path(col)), 0);
	cr_assert_eq(ring_put(&r, rec, len), 0);
	ring_detach(&r);
}

static void put(const char *json)
{
	put_bytes(json, strlen(json));
}

/* The session's events, one JSON object each, after the collector stops. */
static json_t *stop_and_read(struct collector_summary *sum)
{
	char path[4300], line[8192];
	json_t *all = json_array();
	FILE *f;

	collector_stop(col, sum);
	snprintf(path, sizeof(path), "%s/s/events.jsonl", dir);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f)) {
		json_t *ev = json_loads(line, 0, NULL);
		cr_assert_not_null(ev, "not JSON: %s", line);
		json_array_append_new(all, ev);
	}
	fclose(f);
	return all;
}

/* How many events have src (and event, if not NULL). */
static int count(json_t *all, const char *src, const char *event)
{
	size_t i;
	json_t *ev;
	int n = 0;

	json_array_foreach(all, i, ev)
	{
		const char *s = json_string_value(json_object_get(ev, "src"));
		const char *e = json_string_value(json_object_get(ev, "event"));
		n += s && strcmp(s, src) == 0 && (!event || (e && strcmp(e, event) == 0));
	}
	return n;
}

/* How many "reaped" events name child. */
static int reapings_of(json_t *all, int child)
{
	size_t i;
	json_t *ev;
	int n = 0;

	json_array_foreach(all, i, ev)
	{
		const char *e = json_string_value(json_object_get(ev, "event"));
		n += e && strcmp(e, "reaped") == 0 &&
		     json_integer_value(json_object_get(ev, "child")) == child;
	}
	return n;
}

/* The first event whose fn is fn, or NULL. */
static json_t *with_fn(json_t *all, const char *fn)
{
	size_t i;
	json_t *ev;

	json_array_foreach(all, i, ev)
	{
		const char *f = json_string_value(json_object_get(ev, "fn"));
		if (f && strcmp(f, fn) == 0)
			return ev;
	}
	return NULL;
}

/* A data call's binary record (lib/wire/ringrec.h) from pid. */
static void put_io(int pid)
{
	struct ringrec_io h = {.kind = RINGREC_IO,
			       .fn = IO_SEND,
			       .pid = pid,
			       .tid = pid,
			       .fd = 4,
			       .t = 10,
			       .ret = 0,
			       .len = 0};

	put_bytes(&h, sizeof(h));
}

Test(intake, a_grade_takes_calls_from_its_pids_and_nothing_socklab_sees_itself)
{
	struct collector_summary sum;
	json_t *all;

	start(&grading);
	put("{\"t\":1,\"src\":\"call\",\"pid\":4242,\"fn\":\"bind\",\"ret\":0}");
	put("{\"t\":2,\"src\":\"proc\",\"pid\":4242,\"event\":\"fork\",\"child\":4243}");
	put("{\"t\":3,\"src\":\"proc\",\"pid\":4243,\"event\":\"exit\",\"status\":0}");
	/* Forged: kinds only socklab's own sources write, and a stranger. */
	put("{\"t\":4,\"src\":\"state\",\"pid\":4242,\"sock\":\"127.0.0.1:1>127.0.0.1:2\","
	    "\"from\":\"ESTABLISHED\",\"to\":\"CLOSED\"}");
	put("{\"t\":5,\"src\":\"pkt\",\"pid\":4242,\"flags\":\"F\"}");
	put("{\"t\":6,\"src\":\"note\",\"pid\":4242,\"kind\":\"step\",\"text\":\"fake\"}");
	put("{\"t\":7,\"src\":\"proc\",\"pid\":4242,\"event\":\"zombie\",\"ppid\":1}");
	put("{\"t\":8,\"src\":\"proc\",\"pid\":4242,\"event\":\"blocked\",\"fn\":\"accept\"}");
	put("{\"t\":9,\"src\":\"call\",\"pid\":999,\"fn\":\"close\",\"ret\":0}");
	put_io(999);
	/* The tracer's own note: set aside in a grade, not counted. */
	put("{\"t\":10,\"src\":\"note\",\"pid\":4242,\"kind\":\"untraceable\",\"text\":\"x\"}");
	all = stop_and_read(&sum);

	cr_assert_not_null(with_fn(all, "bind"), "the session's call is taken");
	cr_assert_eq(count(all, "proc", "fork"), 1);
	cr_assert_eq(count(all, "proc", "exit"), 1);
	cr_assert_eq(count(all, "state", NULL), 0, "no state from the ring");
	cr_assert_eq(count(all, "pkt", NULL), 0, "no packet from the ring");
	cr_assert_eq(count(all, "proc", "zombie"), 0);
	cr_assert_eq(count(all, "proc", "blocked"), 0);
	cr_assert_null(with_fn(all, "close"), "another pid's call is ignored");
	cr_assert_null(with_fn(all, "send"), "another pid's data call is ignored");
	cr_assert_eq(sum.ignored_records, 7, "ignored: %llu",
		     (unsigned long long)sum.ignored_records);
	json_decref(all);
	rm_rf(dir);
}

/* A traced wait that reaped is the call it was: it cannot stop /proc's watch
 * of the child, nor tell the session that the child was reaped. */
Test(intake, a_grade_keeps_a_traced_reaping_as_the_wait_call_it_was)
{
	struct collector_summary sum;
	json_t *all, *wait;

	start(&grading);
	put("{\"t\":1,\"src\":\"proc\",\"pid\":4242,\"event\":\"reaped\",\"child\":4243,"
	    "\"fn\":\"waitpid\",\"status\":0}");
	all = stop_and_read(&sum);
	cr_assert_eq(reapings_of(all, 4243), 0, "no reaping from the ring");
	wait = with_fn(all, "waitpid");
	cr_assert_not_null(wait);
	cr_assert_str_eq(json_string_value(json_object_get(wait, "src")), "call");
	cr_assert_eq(json_integer_value(json_object_get(wait, "ret")), 4243);
	cr_assert_eq(sum.ignored_records, 0);
	json_decref(all);
	rm_rf(dir);
}

Test(intake, a_time_outside_the_session_and_tricky_keys_are_refused)
{
	struct collector_summary sum;
	json_t *all;

	start(NULL);
	put("{\"t\":999000000000000,\"src\":\"call\",\"pid\":4242,\"fn\":\"future\",\"ret\":0}");
	/* jansson reads "\u0073rc" as "src", and takes the last of two. */
	put("{\"t\":1,\"src\":\"call\",\"pid\":4242,\"fn\":\"escaped\",\"\\u0073rc\":\"pkt\"}");
	put("{\"t\":1,\"src\":\"call\",\"pid\":4242,\"fn\":\"twice\",\"src\":\"pkt\"}");
	put("{\"t\":2,\"src\":\"call\",\"pid\":4242,\"fn\":\"fine\",\"ret\":0}");
	all = stop_and_read(&sum);
	cr_assert_not_null(with_fn(all, "fine"));
	cr_assert_null(with_fn(all, "future"), "a time far past the session's now");
	cr_assert_null(with_fn(all, "escaped"), "an escaped key");
	cr_assert_null(with_fn(all, "twice"), "a repeated key");
	cr_assert_eq(sum.ignored_records, 1);
	cr_assert_eq(sum.bad_records, 2);
	json_decref(all);
	rm_rf(dir);
}

/* Outside a grade (socklab trace, watch, labs) the tracer's states and
 * its note still come through the ring, and any pid; never a packet or
 * a zombie. */
Test(intake, outside_a_grade_the_tracers_kinds_come_from_any_pid)
{
	struct collector_summary sum;
	json_t *all;

	start(NULL);
	put("{\"t\":1,\"src\":\"call\",\"pid\":999,\"fn\":\"bind\",\"ret\":0}");
	put("{\"t\":2,\"src\":\"state\",\"pid\":999,\"sock\":\"127.0.0.1:1>127.0.0.1:2\","
	    "\"from\":\"ESTABLISHED\",\"to\":\"CLOSE_WAIT\",\"via\":\"tcpinfo\"}");
	put("{\"t\":3,\"src\":\"note\",\"pid\":999,\"kind\":\"untraceable\",\"text\":\"x\"}");
	put("{\"t\":4,\"src\":\"proc\",\"pid\":999,\"event\":\"reaped\",\"child\":998,"
	    "\"fn\":\"socklab\",\"status\":0}");
	put("{\"t\":5,\"src\":\"pkt\",\"pid\":999}");
	put("{\"t\":6,\"src\":\"proc\",\"pid\":999,\"event\":\"zombie\"}");
	put("{\"t\":7,\"src\":\"note\",\"pid\":999,\"kind\":\"step\",\"text\":\"x\"}");
	all = stop_and_read(&sum);
	cr_assert_not_null(with_fn(all, "bind"));
	cr_assert_eq(count(all, "state", NULL), 1);
	cr_assert_eq(reapings_of(all, 998), 1);
	cr_assert_eq(count(all, "pkt", NULL), 0);
	cr_assert_eq(count(all, "proc", "zombie"), 0);
	cr_assert_eq(sum.ignored_records, 3);
	json_decref(all);
	rm_rf(dir);
}

/* A "reaped" the tracer would not write (not from a wait function, or
 * saying it came from /proc) is refused in a grade, not made a call. */
Test(intake, a_grade_refuses_a_reaping_no_traced_wait_wrote)
{
	struct collector_summary sum;
	json_t *all;

	start(&grading);
	put("{\"t\":1,\"src\":\"proc\",\"pid\":4242,\"event\":\"reaped\",\"child\":4243,"
	    "\"fn\":\"socklab\",\"via\":\"proc\"}");
	all = stop_and_read(&sum);
	cr_assert_null(with_fn(all, "socklab"));
	cr_assert_eq(reapings_of(all, 4243), 0);
	cr_assert_eq(sum.ignored_records, 1);
	json_decref(all);
	rm_rf(dir);
}

/* A program socklab started is the session's even when pid_ok cannot say
 * (it ended, and /proc has forgotten it, before its records were read). */
Test(intake, a_pid_socklab_vouched_for_is_taken)
{
	struct collector_summary sum;
	json_t *all;

	start(&grading);
	collector_vouch(col, 5151);
	put("{\"t\":1,\"src\":\"call\",\"pid\":5151,\"fn\":\"connect\",\"ret\":-1}");
	put("{\"t\":2,\"src\":\"call\",\"pid\":5152,\"fn\":\"close\",\"ret\":0}");
	all = stop_and_read(&sum);
	cr_assert_not_null(with_fn(all, "connect"));
	cr_assert_null(with_fn(all, "close"));
	cr_assert_eq(sum.ignored_records, 1);
	json_decref(all);
	rm_rf(dir);
}

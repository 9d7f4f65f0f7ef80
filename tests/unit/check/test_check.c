/*
 * test_check.c - the engine under checkpoints and grading: filters, and
 * what a check reports.
 */
#include "check/check.h"
#include "tests/unit/testutil.h"

static struct session s;

static const char *const lines[] = {
	"{\"t\":10,\"src\":\"call\",\"pid\":5,\"fn\":\"bind\",\"fd\":3,\"ret\":0,\"errno\":null,"
	"\"addr\":\"0.0.0.0:9190\",\"sock\":\"0.0.0.0:9190>*\"}",
	"{\"t\":20,\"src\":\"call\",\"pid\":6,\"fn\":\"bind\",\"fd\":3,\"ret\":-1,\"errno\":"
	"\"EADDRINUSE\","
	"\"addr\":\"0.0.0.0:9190\",\"sock\":\"0.0.0.0:0>*\"}",
	"{\"t\":30,\"src\":\"pkt\",\"frame\":1,\"proto\":\"tcp\",\"from\":\"127.0.0.1:40000\","
	"\"to\":\"127.0.0.1:9190\",\"flags\":\"FA\",\"analysis\":[\"retransmission\","
	"\"fast_retransmission\"]}",
	"{\"t\":40,\"src\":\"state\",\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\",\"from\":\"FIN_"
	"WAIT_2\","
	"\"to\":\"TIME_WAIT\",\"timer_ms\":60000}",
	"{\"t\":50,\"src\":\"proc\",\"pid\":6,\"event\":\"zombie\",\"ppid\":5}",
	NULL,
};

static void setup(void)
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; lines[i]; i++)
		cr_assert_eq(session_append_line(&s, lines[i], strlen(lines[i])), 0);
}

static void teardown(void)
{
	session_close(&s);
}

TestSuite(check, .init = setup, .fini = teardown);

Test(check, filters_by_source_function_and_errno)
{
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.src = "call", .fn = "bind"}), 2);
	cr_assert_eq(ev_first(&s, &(struct ev_filter){.fn = "bind", .err = "EADDRINUSE"})->pid, 6);
	cr_assert_eq(ev_first(&s, &(struct ev_filter){.fn = "bind", .err = "ok"})->pid, 5);
	cr_assert_null(ev_first(&s, &(struct ev_filter){.fn = "bind", .err = "EACCES"}));
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.src = "proc", .fn = "zombie"}), 1);
	cr_assert_eq(ev_count(&s, &(struct ev_filter){0}), 5, "an empty filter matches all");
}

Test(check, the_nth_match_counts_from_one)
{
	struct ev_filter f = {.src = "call", .fn = "bind"};

	cr_assert_eq(ev_nth(&s, &f, 1)->pid, 5);
	cr_assert_eq(ev_nth(&s, &f, 2)->pid, 6);
	cr_assert_null(ev_nth(&s, &f, 3));
	cr_assert_null(ev_nth(&s, &f, 0));
}

Test(check, filters_by_port_state_flags_and_time)
{
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.port = 9190}), 3,
		     "the failed bind's socket never got the port (its sock is 0.0.0.0:0>*)");
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.port = 40000}), 2);
	cr_assert_eq(ev_first(&s, &(struct ev_filter){.to = "TIME_WAIT"})->state.timer_ms, 60000);
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.flags = "F"}), 1);
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.flags = "S"}), 0);
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.after = 25}), 3);
	cr_assert_eq(ev_last(&s, &(struct ev_filter){.src = "call"})->t, 20);
}

Test(check, filters_packets_by_their_analysis)
{
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.analysis = TCPA_RETRANSMISSION}), 1);
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.analysis = TCPA_RETRANSMISSION |
								  TCPA_FAST_RETRANSMISSION}),
		     1, "all the marks asked for");
	cr_assert_eq(ev_count(&s, &(struct ev_filter){.analysis = TCPA_RETRANSMISSION |
								  TCPA_KEEP_ALIVE}),
		     0);
}

static void finds_the_failed_bind(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e =
		ev_first(c->s, &(struct ev_filter){.fn = "bind", .err = "EADDRINUSE"});

	if (!e) {
		check_fail(r, "no bind failed");
		return;
	}
	check_evidence(r, e);
	check_pass(r, "the second bind failed");
}

static void decides_nothing(const struct check_ctx *c, struct check_result *r)
{
	(void)c;
	(void)r;
}

Test(check, a_check_reports_its_sentence_and_evidence_as_show_prints_it)
{
	const struct check k = {"bind-fails", "the second bind fails", NULL, finds_the_failed_bind};
	struct check_ctx ctx;
	struct check_result r;

	check_ctx_init(&ctx, &s, NULL);
	check_run(&k, &ctx, &r);
	cr_assert(r.pass);
	cr_assert_str_eq(r.summary, "the second bind failed");
	cr_assert_eq(r.nevidence, 1);
	cr_assert_str_eq(r.evidence[0], "0.000000 [6] bind(3, 0.0.0.0:9190) = -1 EADDRINUSE");
	cr_assert_eq(ctx.t_end, 50);
	check_ctx_free(&ctx);
}

Test(check, a_check_that_decides_nothing_fails)
{
	const struct check k = {"lazy", "decides nothing", NULL, decides_nothing};
	struct check_ctx ctx;
	struct check_result r;

	check_ctx_init(&ctx, &s, NULL);
	check_run(&k, &ctx, &r);
	cr_assert_not(r.pass);
	cr_assert(strstr(r.summary, "decided nothing"));
	check_ctx_free(&ctx);
}

static void cannot_judge(const struct check_ctx *c, struct check_result *r)
{
	(void)c;
	check_skip(r, "packets were not captured");
}

/* One outcome for what could not be judged: the labs say SKIP, the grader
 * NOT CHECKED; it is neither a pass nor a failure. */
Test(check, a_check_that_cannot_judge_is_neither_pass_nor_fail)
{
	const struct check k = {"fins", "FINs", NULL, cannot_judge};
	struct check_ctx ctx;
	struct check_result r;

	check_ctx_init(&ctx, &s, NULL);
	check_run(&k, &ctx, &r);
	cr_assert(r.decided && r.skipped && !r.pass);
	cr_assert_str_eq(check_verdict(&r, "SKIP"), "SKIP");
	cr_assert_str_eq(check_verdict(&r, "NOT CHECKED"), "NOT CHECKED");
	check_pass(&r, "now it could");
	cr_assert_str_eq(check_verdict(&r, "SKIP"), "PASS");
	check_ctx_free(&ctx);
}

/* A check without a hint of its own is taught where its list is (a lab's
 * checkpoints: the lab); one with a hint keeps it. */
Test(check, a_check_without_a_hint_takes_its_contexts)
{
	const struct check plain = {"bind-fails", "the second bind fails",
				    .fn = finds_the_failed_bind};
	const struct check own = {"bind-fails", "the second bind fails", "lab 5 (reuseaddr)",
				  finds_the_failed_bind};
	struct check_ctx ctx;
	struct check_result r;

	check_ctx_init(&ctx, &s, NULL);
	check_run(&plain, &ctx, &r);
	cr_assert_str_eq(r.hint, "", "no hint anywhere: none");
	ctx.hint = "lab 1 (handshake)";
	check_run(&plain, &ctx, &r);
	cr_assert_str_eq(r.hint, "lab 1 (handshake)");
	check_run(&own, &ctx, &r);
	cr_assert_str_eq(r.hint, "lab 5 (reuseaddr)");
	check_ctx_free(&ctx);
}

/*
 * test_grade_checks.c - echo-fork's checks over sessions written by hand:
 * the verdict and the evidence follow from the events alone, including the
 * state events (CLOSE_WAIT) that the kernel-state source adds.
 *
 * The story: server 100 listens on 9190 (fd 3); it accepts a client
 * (fd 4) and forks child 101, which closes fd 3, serves and exits. At
 * t = 5 s every client has left (mark LEFT, grade/echo_fork.c).
 */
#include "grade/assignment.h"
#include "tests/unit/testutil.h"

#define S    "1000000000" /* one second, in ns */
#define CONN "127.0.0.1:9190>127.0.0.1:40000"

static const char *const story[] = {
	"{\"t\":1,\"src\":\"call\",\"pid\":100,\"fn\":\"listen\",\"fd\":3,\"ret\":0,\"errno\":null,"
	"\"sock\":\"0.0.0.0:9190>*\"}",
	"{\"t\":" S ",\"src\":\"call\",\"pid\":100,\"fn\":\"accept\",\"fd\":3,\"ret\":4,"
	"\"errno\":null,\"sock\":\"" CONN "\",\"peer\":\"127.0.0.1:40000\"}",
	"{\"t\":1000000100,\"src\":\"proc\",\"pid\":100,\"event\":\"fork\",\"child\":101}",
	"{\"t\":1000000200,\"src\":\"call\",\"pid\":101,\"fn\":\"close\",\"fd\":3,\"ret\":0,"
	"\"errno\":null,\"sock\":\"0.0.0.0:9190>*\"}",
	"{\"t\":1000000300,\"src\":\"call\",\"pid\":101,\"fn\":\"read\",\"fd\":4,\"ret\":5,"
	"\"errno\":null,\"len\":4096,\"sock\":\"" CONN "\"}",
	"{\"t\":2000000000,\"src\":\"call\",\"pid\":101,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":2000000100,\"src\":\"proc\",\"pid\":101,\"event\":\"exit\",\"status\":0}",
	NULL,
};

/* What a correct server adds: the parent closes its copy, reaps the child. */
static const char *const parent_closes[] = {
	"{\"t\":1000000150,\"src\":\"call\",\"pid\":100,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":2000000200,\"src\":\"proc\",\"pid\":100,\"event\":\"reaped\",\"child\":101,"
	"\"fn\":\"waitpid\",\"status\":0}",
	NULL,
};

/* What the kernel says of a server that keeps its copy. */
static const char *const close_wait[] = {
	"{\"t\":2000000050,\"src\":\"state\",\"sock\":\"" CONN "\",\"from\":\"ESTABLISHED\","
	"\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\"}",
	NULL,
};

/* A parent that closes fd 4 but keeps the copy dup() made of it: fd 5. */
static const char *const dup_kept[] = {
	"{\"t\":1000000050,\"src\":\"call\",\"pid\":100,\"fn\":\"dup\",\"fd\":4,\"ret\":5,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":1000000150,\"src\":\"call\",\"pid\":100,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":2000000050,\"src\":\"state\",\"sock\":\"" CONN "\",\"from\":\"ESTABLISHED\","
	"\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\"}",
	NULL,
};

/* Every close() the calls show, yet the kernel keeps it in CLOSE_WAIT
 * (a copy made where the tracer cannot see), then LAST_ACK when the
 * server ends at 7 s. */
static const char *const kernel_says_open[] = {
	"{\"t\":1000000150,\"src\":\"call\",\"pid\":100,\"fn\":\"close\",\"fd\":4,\"ret\":0,"
	"\"errno\":null,\"sock\":\"" CONN "\"}",
	"{\"t\":2000000050,\"src\":\"state\",\"sock\":\"" CONN "\",\"from\":\"ESTABLISHED\","
	"\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\"}",
	"{\"t\":7000000000,\"src\":\"state\",\"sock\":\"" CONN "\",\"from\":\"CLOSE_WAIT\","
	"\"to\":\"LAST_ACK\",\"via\":\"tracefs\"}",
	NULL,
};

static struct session s;
static struct run_facts facts;
static struct grade_run run;

static void load(const char *const *more)
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; story[i]; i++)
		cr_assert_eq(session_append_line(&s, story[i], strlen(story[i])), 0);
	for (int i = 0; more && more[i]; i++)
		cr_assert_eq(session_append_line(&s, more[i], strlen(more[i])), 0);
	/* Lines were given out of time order: put them in order. */
	for (size_t i = 1; i < s.n; i++)
		for (size_t k = i; k > 0 && s.ev[k].t < s.ev[k - 1].t; k--) {
			struct event tmp = s.ev[k];
			s.ev[k] = s.ev[k - 1];
			s.ev[k - 1] = tmp;
		}
	facts = (struct run_facts){.nprocs = 1, .port = 9190, .extra = &run};
	facts.procs[0] = (struct run_proc){.role = "server", .pid = 100};
	run = (struct grade_run){.marks = {5000000000LL, -1, -1, -1}};
}

/* Runs echo-fork's check name over the session. */
static void check(const char *name, struct check_result *r)
{
	const struct assignment *a = assignment_find("echo-fork");
	struct check_ctx ctx;

	cr_assert(a);
	check_ctx_init(&ctx, &s, &facts);
	for (int i = 0; a->checks[i].name; i++)
		if (strcmp(a->checks[i].name, name) == 0)
			check_run(&a->checks[i], &ctx, r);
	check_ctx_free(&ctx);
	session_close(&s);
	cr_assert(r->decided, "no check %s", name);
}

static bool has_evidence(const struct check_result *r, const char *text)
{
	for (int i = 0; i < r->nevidence; i++)
		if (strstr(r->evidence[i], text))
			return true;
	return false;
}

Test(grade_checks, closes_fds_passes_when_the_parent_closes_its_copy)
{
	struct check_result r;

	load(parent_closes);
	check("closes-fds", &r);
	cr_assert(r.pass, "%s", r.summary);
}

Test(grade_checks, closes_fds_names_the_parent_that_kept_the_socket_and_its_close_wait)
{
	struct check_result r;

	load(close_wait);
	check("closes-fds", &r);
	cr_assert_not(r.pass);
	cr_assert(strstr(r.summary, "the parent must close() the connected socket"), "%s",
		  r.summary);
	cr_assert(has_evidence(&r, "[100] never closed fd 4 (" CONN ")"));
	cr_assert(has_evidence(&r, CONN " ESTABLISHED -> CLOSE_WAIT"), "the state is evidence");
}

Test(grade_checks, closes_fds_fails_on_a_dup_copy_the_parent_kept_with_the_kernel_state)
{
	struct check_result r;

	load(dup_kept);
	check("closes-fds", &r);
	cr_assert_not(r.pass, "the calls close fd 4, the kernel says CLOSE_WAIT");
	cr_assert(strstr(r.summary, "but not the copy dup() made of it"), "%s", r.summary);
	cr_assert(has_evidence(&r, "[100] dup(4) = 5"), "the dup is evidence");
	cr_assert(has_evidence(&r, "[100] " CONN " in CLOSE_WAIT for 3.0 s after the client "
				   "closed, to the end of the run"),
		  "%s", r.evidence[3]);
	cr_assert(has_evidence(&r, "[100] never closed fd 5 (" CONN "), the copy dup(4) made"));
}

Test(grade_checks, closes_fds_trusts_the_kernel_state_over_the_calls)
{
	struct check_result r;

	load(kernel_says_open);
	check("closes-fds", &r);
	cr_assert_not(r.pass, "every close() was made, but the socket stayed in CLOSE_WAIT");
	cr_assert(has_evidence(&r, CONN " in CLOSE_WAIT for 5.0 s after the client closed"),
		  "until LAST_ACK");
	cr_assert(has_evidence(&r, "no traced call shows which process"));
	cr_assert(strstr(r.summary, "look for a dup()"), "%s", r.summary);
}

Test(grade_checks, reaps_children_fails_on_a_child_never_reaped)
{
	struct check_result r;

	load(close_wait);
	check("reaps-children", &r);
	cr_assert_not(r.pass);
	cr_assert(has_evidence(&r, "[101] zombie for"), "%s", r.evidence[0]);
	load(parent_closes);
	check("reaps-children", &r);
	cr_assert(r.pass, "%s", r.summary);
}

Test(grade_checks, a_check_whose_part_never_ran_says_the_run_s_problem)
{
	struct check_result r;

	load(NULL);
	snprintf(run.problems[0], sizeof(run.problems[0]), "the server crashed");
	run.nproblems = 1;
	run.marks[0] = -1;
	check("reaps-children", &r);
	cr_assert_not(r.pass);
	cr_assert(r.skipped, "what never happened is not checked, not failed");
	cr_assert_str_eq(r.summary, "not checked: the run stopped before every client had left, "
				    "because the server crashed");
}

/* Loads the story's first lines only: the server listened (and, with
 * accepted, accepted a client), and no more. */
static void load_first(int lines)
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; i < lines; i++)
		cr_assert_eq(session_append_line(&s, story[i], strlen(story[i])), 0);
	facts = (struct run_facts){.nprocs = 1, .port = 9190, .extra = &run};
	facts.procs[0] = (struct run_proc){.role = "server", .pid = 100};
	run = (struct grade_run){.marks = {5000000000LL, -1, -1, -1}};
}

/* An iterative server forks no child: whether it reaps its children cannot
 * be judged, and it is not passed for it. */
Test(grade_checks, reaps_children_is_not_checked_when_the_server_forked_no_child)
{
	struct check_result r;

	load_first(2);
	check("reaps-children", &r);
	cr_assert(r.skipped && !r.pass, "%s", r.summary);
	cr_assert_str_eq(r.summary, "not checked: the server forked no child");
}

/* A server that accepted nothing: closes-fds cannot judge a connection. */
Test(grade_checks, closes_fds_is_not_checked_when_the_server_accepted_nothing)
{
	struct check_result r;

	load_first(1);
	check("closes-fds", &r);
	cr_assert(r.skipped && !r.pass, "%s", r.summary);
	cr_assert(strstr(r.summary, "the server accepted no connection"), "%s", r.summary);
}

/* A client that never ran never connected: echo is not checked, and says
 * why, rather than judged on a connection that was never made. */
Test(grade_checks, echo_is_not_checked_when_the_echo_client_never_ran)
{
	struct check_result r;

	load_first(2);
	snprintf(run.problems[0], sizeof(run.problems[0]), "the server exited with status 1");
	run.nproblems = 1;
	check("echo", &r);
	cr_assert(r.skipped && !r.pass, "%s", r.summary);
	cr_assert_str_eq(r.summary, "not checked: the run stopped before the echo client started, "
				    "because the server exited with status 1");
}

/* A client whose connect() was refused passes nothing: the check names the
 * address it tried. */
Test(grade_checks, echo_is_not_checked_when_the_client_connect_was_refused)
{
	static const char *const refused =
		"{\"t\":1500000000,\"src\":\"call\",\"pid\":200,\"fn\":\"connect\",\"fd\":3,"
		"\"ret\":-1,"
		"\"errno\":\"ECONNREFUSED\",\"sock\":\"127.0.0.1:40001>127.0.0.1:9877\","
		"\"peer\":\"127.0.0.1:9877\"}";
	struct check_result r;

	load_first(2);
	cr_assert_eq(session_append_line(&s, refused, strlen(refused)), 0);
	facts.procs[1] = (struct run_proc){.role = "echo client", .pid = 200};
	facts.nprocs = 2;
	check("echo", &r);
	cr_assert(r.skipped && !r.pass, "%s", r.summary);
	cr_assert(strstr(r.summary, "the echo client never connected: its connect() to "
				    "127.0.0.1:9877 failed with ECONNREFUSED"),
		  "%s", r.summary);
}

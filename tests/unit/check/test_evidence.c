/*
 * test_evidence.c - the questions every check asks of a run: the
 * connection a role made, the packets of a port, a socket's state at a
 * time, how a process ended.
 */
#include "check/evidence.h"
#include "tests/unit/testutil.h"

static struct session s;
static struct run_facts facts;
static struct check_ctx c;

static const char *const lines[] = {
	"{\"t\":10,\"src\":\"call\",\"pid\":7,\"fn\":\"connect\",\"fd\":3,\"ret\":0,\"errno\":null,"
	"\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\"}",
	"{\"t\":20,\"src\":\"pkt\",\"frame\":1,\"proto\":\"tcp\",\"from\":\"127.0.0.1:9190\","
	"\"to\":\"127.0.0.1:40000\",\"flags\":\"PA\",\"len\":5}",
	"{\"t\":30,\"src\":\"pkt\",\"frame\":2,\"proto\":\"tcp\",\"from\":\"127.0.0.1:40000\","
	"\"to\":\"127.0.0.1:9190\",\"flags\":\"A\",\"len\":0}",
	"{\"t\":40,\"src\":\"pkt\",\"frame\":3,\"proto\":\"tcp\",\"from\":\"127.0.0.1:9190\","
	"\"to\":\"127.0.0.1:40000\",\"flags\":\"FA\",\"len\":0}",
	"{\"t\":50,\"src\":\"state\",\"sock\":\"127.0.0.1:40000>127.0.0.1:9190\",\"from\":"
	"\"ESTABLISHED\",\"to\":\"CLOSE_WAIT\"}",
	"{\"t\":60,\"src\":\"proc\",\"pid\":7,\"event\":\"exit\",\"status\":1}",
	"{\"t\":70,\"src\":\"proc\",\"pid\":1,\"event\":\"reaped\",\"child\":7,\"status\":1,"
	"\"fn\":\"socklab\"}",
	NULL,
};

static void setup(void)
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; lines[i]; i++)
		cr_assert_eq(session_append_line(&s, lines[i], strlen(lines[i])), 0);
	memset(&facts, 0, sizeof(facts));
	facts.procs[0] = (struct run_proc){.role = "client", .pid = 7};
	facts.procs[1] = (struct run_proc){.role = "server", .pid = 8};
	facts.nprocs = 2;
	cr_assert_eq(check_ctx_init(&c, &s, &facts), 0);
}

static void teardown(void)
{
	check_ctx_free(&c);
	session_close(&s);
}

TestSuite(evidence, .init = setup, .fini = teardown);

Test(evidence, the_connection_a_role_made_names_both_ends)
{
	char mine[64], theirs[64];
	struct check_result r = {0};

	cr_assert_not_null(check_connection(&c, "client", mine, theirs, sizeof(mine)));
	cr_assert_str_eq(mine, "127.0.0.1:40000>127.0.0.1:9190");
	cr_assert_str_eq(theirs, "127.0.0.1:9190>127.0.0.1:40000");
	cr_assert_null(check_connection(&c, "server", mine, theirs, sizeof(mine)));
	cr_assert_not(check_connected(&c, &r, "server", mine, theirs, sizeof(mine)));
	cr_assert(r.decided && !r.pass);
	cr_assert(strstr(r.summary, "the server never connected"), "%s", r.summary);
}

Test(evidence, packets_from_or_to_a_port_with_flags_and_data)
{
	cr_assert_eq(check_pkt(&c, 9190, true, NULL, true, 0)->pkt.frame, 1);
	cr_assert_eq(check_pkt(&c, 9190, true, "F", false, 0)->pkt.frame, 3);
	cr_assert_eq(check_pkt(&c, 9190, false, NULL, false, 0)->pkt.frame, 2);
	cr_assert_null(check_pkt(&c, 9190, false, NULL, true, 0), "no data went to 9190");
	cr_assert_null(check_pkt(&c, 9190, true, NULL, true, 21), "none after 21");
}

Test(evidence, a_sockets_state_before_a_time_and_how_a_process_ended)
{
	const char *sock = "127.0.0.1:40000>127.0.0.1:9190";

	cr_assert_null(check_state_before(&c, sock, 50));
	cr_assert_eq(check_state_before(&c, sock, 51)->state.to, TCP_ST_CLOSE_WAIT);
	cr_assert_str_eq(check_end(&c, 7)->proc.event, "reaped", "the reaping, not the exit");
	cr_assert_null(check_end(&c, 8));
}

/*
 * test_stateline.c - reading the kernel's inet_sock_set_state lines: real
 * lines become the right state change with the tracer's socket names, and
 * anything damaged is refused whole.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "sources/state/stateline.h"

/* Real lines, as trace_pipe gave them on kernel 6.18. */
#define V4_FIN_WAIT2                                                                               \
	"     echo_server-9597    [001] ..s2.  1088.211701: inet_sock_set_state: "                 \
	"family=AF_INET protocol=IPPROTO_TCP sport=60972 dport=57761 saddr=127.0.0.1 "             \
	"daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 "                       \
	"oldstate=TCP_FIN_WAIT1 newstate=TCP_FIN_WAIT2\n"
#define V6_LISTEN                                                                                  \
	"         python3-9529    [000] .....  1087.628706: inet_sock_set_state: "                 \
	"family=AF_INET6 protocol=IPPROTO_TCP sport=59821 dport=0 saddr=0.0.0.0 "                  \
	"daddr=0.0.0.0 saddrv6=:: daddrv6=:: oldstate=TCP_CLOSE newstate=TCP_LISTEN"
#define V6_SYN_RECV                                                                                \
	"         python3-9529    [000] ..s2.  1087.630517: inet_sock_set_state: "                 \
	"family=AF_INET6 protocol=IPPROTO_TCP sport=59821 dport=60662 saddr=127.0.0.6 "            \
	"daddr=127.0.0.6 saddrv6=::1 daddrv6=::1 oldstate=TCP_LISTEN newstate=TCP_SYN_RECV"
#define V4_SYN_SENT_NO_PORT                                                                        \
	"     echo_client-9599    [000] .....  1088.211412: inet_sock_set_state: "                 \
	"family=AF_INET protocol=IPPROTO_TCP sport=0 dport=57761 saddr=127.0.0.1 "                 \
	"daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 "                       \
	"oldstate=TCP_CLOSE newstate=TCP_SYN_SENT"

static enum stateline_kind parse(const char *line, struct state_change *sc, char *err)
{
	long lost = -1;

	return stateline_parse(line, sc, &lost, err, 256);
}

static void pair(const struct state_change *sc, char *out)
{
	endpoint_pair_str(&sc->local, &sc->peer, out, ENDPOINT_PAIR_MAX);
}

Test(stateline, ipv4_change_has_time_sockets_and_classic_states)
{
	struct state_change sc;
	char err[256], name[ENDPOINT_PAIR_MAX];

	cr_assert_eq(parse(V4_FIN_WAIT2, &sc, err), STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.t_ns, 1088211701000LL);
	pair(&sc, name);
	cr_assert_str_eq(name, "127.0.0.1:60972>127.0.0.1:57761");
	cr_assert_eq(sc.from, TCP_ST_FIN_WAIT_1);
	cr_assert_eq(sc.to, TCP_ST_FIN_WAIT_2);
}

Test(stateline, listener_has_no_peer_as_the_tracer_writes_it)
{
	struct state_change sc;
	char err[256], name[ENDPOINT_PAIR_MAX];

	cr_assert_eq(parse(V6_LISTEN, &sc, err), STATELINE_CHANGE, "%s", err);
	pair(&sc, name);
	cr_assert_str_eq(name, "[::]:59821>*");
	cr_assert_eq(sc.from, TCP_ST_CLOSED);
	cr_assert_eq(sc.to, TCP_ST_LISTEN);
}

Test(stateline, ipv6_uses_the_v6_addresses_and_syn_recv_is_syn_rcvd)
{
	struct state_change sc;
	char err[256], name[ENDPOINT_PAIR_MAX];

	cr_assert_eq(parse(V6_SYN_RECV, &sc, err), STATELINE_CHANGE, "%s", err);
	pair(&sc, name);
	cr_assert_str_eq(name, "[::1]:59821>[::1]:60662");
	cr_assert_eq(sc.to, TCP_ST_SYN_RCVD);
	cr_assert_str_eq(tcp_state_name(sc.to), "SYN_RCVD");
}

Test(stateline, syn_sent_before_the_port_is_picked_keeps_port_zero)
{
	struct state_change sc;
	char err[256];

	cr_assert_eq(parse(V4_SYN_SENT_NO_PORT, &sc, err), STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.local.port, 0);
	cr_assert_eq(sc.peer.port, 57761);
}

Test(stateline, lost_events_line_gives_the_count)
{
	struct state_change sc;
	long lost = -1;
	char err[256];

	cr_assert_eq(stateline_parse("CPU:1 [LOST 12 EVENTS]\n", &sc, &lost, err, sizeof(err)),
		     STATELINE_LOST);
	cr_assert_eq(lost, 12);
}

/* Every prefix of a good line is refused: a line cut by a short read is
 * never taken for a change with missing fields. */
Test(stateline, every_truncation_is_refused)
{
	const char *line = V4_FIN_WAIT2;
	size_t full = strlen(line) - strlen("TCP_FIN_WAIT2\n");
	struct state_change sc;
	char cut[512], err[256];

	for (size_t n = 0; n < full; n++) {
		memcpy(cut, line, n);
		cut[n] = '\0';
		cr_assert_eq(parse(cut, &sc, err), STATELINE_BAD, "prefix of %zu bytes accepted",
			     n);
	}
}

static void assert_refused(const char *from, const char *to)
{
	char line[1024], err[256];
	const char *at = strstr(V4_FIN_WAIT2, from);
	struct state_change sc;

	cr_assert(at);
	snprintf(line, sizeof(line), "%.*s%s%s", (int)(at - V4_FIN_WAIT2), V4_FIN_WAIT2, to,
		 at + strlen(from));
	cr_assert_eq(parse(line, &sc, err), STATELINE_BAD, "accepted: %s", line);
	cr_assert_neq(err[0], '\0');
}

Test(stateline, damaged_fields_are_refused)
{
	assert_refused("sport=60972", "sport=70000");
	assert_refused("sport=60972", "sport=-1");
	assert_refused("sport=60972", "sport=60972x");
	assert_refused("saddr=127.0.0.1", "saddr=127.0.0.300");
	assert_refused("newstate=TCP_FIN_WAIT2", "newstate=TCP_BOGUS");
	assert_refused("newstate=TCP_FIN_WAIT2", "newstate=0x10");
	assert_refused("protocol=IPPROTO_TCP", "protocol=IPPROTO_SCTP");
	assert_refused("family=AF_INET", "family=AF_UNIX");
	assert_refused("dport=57761", "dport=57761 dport=57761");
	assert_refused("1088.211701:", "1088.2117:");
	assert_refused("oldstate=TCP_FIN_WAIT1",
		       "oldstate=TCP_FIN_"
		       "WAIT1XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
}

Test(stateline, unknown_extra_fields_are_ignored)
{
	char line[1024], err[256];
	struct state_change sc;

	snprintf(line, sizeof(line), "%s skaddr=0xffff8881", V6_SYN_RECV);
	cr_assert_eq(parse(line, &sc, err), STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.to, TCP_ST_SYN_RCVD);
}

Test(stateline, other_lines_are_refused)
{
	struct state_change sc;
	char err[256];

	cr_assert_eq(parse("", &sc, err), STATELINE_BAD);
	cr_assert_eq(parse("# tracer: nop\n", &sc, err), STATELINE_BAD);
	cr_assert_eq(parse("CPU:1 [LOST x EVENTS]", &sc, err), STATELINE_BAD);
}

/* The task at the start of a line: connect()'s own for CLOSE -> SYN_SENT. */
Test(stateline, the_task_before_the_cpu_is_read_even_from_an_odd_name)
{
	struct state_change sc;
	char err[256];

	cr_assert_eq(parse(V4_SYN_SENT_NO_PORT, &sc, err), STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.tid, 9599);
	/* A process may call itself anything: dashes, spaces, brackets. */
	cr_assert_eq(parse("  my-cli [2] x-77    [001] .....  1088.211412: inet_sock_set_state: "
			   "family=AF_INET protocol=IPPROTO_TCP sport=0 dport=80 saddr=10.0.0.1 "
			   "daddr=10.0.0.2 saddrv6=::ffff:10.0.0.1 daddrv6=::ffff:10.0.0.2 "
			   "oldstate=TCP_CLOSE newstate=TCP_SYN_SENT",
			   &sc, err),
		     STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.tid, 77);
	/* Softirq on an idle CPU: task 0, which is nobody. */
	cr_assert_eq(parse("          <idle>-0       [001] ..s2.  1088.211701: "
			   "inet_sock_set_state: "
			   "family=AF_INET protocol=IPPROTO_TCP sport=1 dport=2 saddr=127.0.0.1 "
			   "daddr=127.0.0.1 saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 "
			   "oldstate=TCP_FIN_WAIT1 newstate=TCP_FIN_WAIT2",
			   &sc, err),
		     STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.tid, 0);
	/* No task in front at all: the change still counts, with no task. */
	cr_assert_eq(parse("1088.211701: inet_sock_set_state: family=AF_INET "
			   "protocol=IPPROTO_TCP sport=1 dport=2 saddr=127.0.0.1 daddr=127.0.0.1 "
			   "saddrv6=::ffff:127.0.0.1 daddrv6=::ffff:127.0.0.1 "
			   "oldstate=TCP_FIN_WAIT1 newstate=TCP_FIN_WAIT2",
			   &sc, err),
		     STATELINE_CHANGE, "%s", err);
	cr_assert_eq(sc.tid, 0);
}

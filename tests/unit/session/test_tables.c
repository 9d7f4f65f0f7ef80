/*
 * test_tables.c - the process table and the socket table built from
 * events.
 */
#include "base/strpool.h"
#include "session/proctable.h"
#include "session/session.h"
#include "session/socktable.h"
#include "tests/unit/testutil.h"

static struct session s;

static void load(const char *const lines[])
{
	cr_assert_eq(session_init(&s), 0);
	for (int i = 0; lines[i]; i++)
		cr_assert_eq(session_append_line(&s, lines[i], strlen(lines[i])), 0, "%s",
			     lines[i]);
}

static const char *const fork_server[] = {
	"{\"t\":100,\"src\":\"proc\",\"pid\":10,\"event\":\"exec\",\"path\":\"/x/"
	"server\",\"ppid\":1}",
	"{\"t\":200,\"src\":\"proc\",\"pid\":10,\"event\":\"fork\",\"child\":11}",
	"{\"t\":300,\"src\":\"proc\",\"pid\":10,\"event\":\"fork\",\"child\":12}",
	"{\"t\":400,\"src\":\"proc\",\"pid\":11,\"event\":\"exit\",\"status\":0}",
	"{\"t\":450,\"src\":\"proc\",\"pid\":12,\"event\":\"exit\",\"status\":3}",
	"{\"t\":500,\"src\":\"proc\",\"pid\":11,\"event\":\"zombie\",\"ppid\":10}",
	"{\"t\":900,\"src\":\"proc\",\"pid\":10,\"event\":\"reaped\",\"child\":11,\"fn\":"
	"\"waitpid\",\"status\":0}",
	NULL,
};

Test(proctable, follows_fork_exit_zombie_and_reaping)
{
	struct proctable pt = {0};
	struct proc_info *p11, *p12;

	load(fork_server);
	proctable_build(&pt, &s);
	cr_assert_eq(pt.n, 3);
	cr_assert_str_eq(proctable_find(&pt, 10)->name, "server");
	p11 = proctable_find(&pt, 11);
	p12 = proctable_find(&pt, 12);
	cr_assert_eq(p11->ppid, 10);
	cr_assert_eq(p11->reaper, 10);
	cr_assert_str_eq(p11->reaped_by, "waitpid");
	cr_assert_eq(proc_zombie_ns(p11, 2000), 500, "zombie from exit (400) to reaped (900)");
	cr_assert_eq(proc_state_at(p11, 350), PROC_RUNNING);
	cr_assert_eq(proc_state_at(p11, 600), PROC_ZOMBIE);
	cr_assert_eq(proc_state_at(p11, 1000), PROC_REAPED);
	cr_assert_eq(p12->t_reaped, T_NEVER, "12 was never reaped");
	cr_assert_eq(proc_zombie_ns(p12, 2000), 1550, "still a zombie at the end");
	cr_assert_eq(p12->status, 3);
	proctable_free(&pt);
	session_close(&s);
}

Test(proctable, a_reused_pid_after_reaping_is_a_new_process)
{
	static const char *const lines[] = {
		"{\"t\":1,\"src\":\"proc\",\"pid\":10,\"event\":\"fork\",\"child\":11}",
		"{\"t\":2,\"src\":\"proc\",\"pid\":10,\"event\":\"reaped\",\"child\":11,\"fn\":"
		"\"wait\",\"status\":0}",
		"{\"t\":3,\"src\":\"proc\",\"pid\":10,\"event\":\"fork\",\"child\":11}",
		NULL,
	};
	struct proctable pt = {0};

	load(lines);
	proctable_build(&pt, &s);
	cr_assert_eq(pt.n, 3, "parent, the first 11, the second 11");
	cr_assert_eq(proctable_find(&pt, 11)->t_reaped, T_NEVER, "the newest 11 is alive");
	proctable_free(&pt);
	session_close(&s);
}

Test(proctable, threads_are_counted_under_their_process_while_they_live)
{
	static const char *const lines[] = {
		"{\"t\":100,\"src\":\"proc\",\"pid\":10,\"tid\":10,\"event\":\"exec\",\"path\":"
		"\"/x/pool\"}",
		"{\"t\":200,\"src\":\"proc\",\"pid\":10,\"tid\":12,\"event\":\"thread\","
		"\"creator\":10,\"held_ms\":5}",
		"{\"t\":300,\"src\":\"call\",\"pid\":10,\"tid\":13,\"fn\":\"read\",\"fd\":5,"
		"\"ret\":1}",
		"{\"t\":400,\"src\":\"proc\",\"pid\":10,\"tid\":12,\"event\":\"thread_exit\"}",
		"{\"t\":500,\"src\":\"proc\",\"pid\":10,\"tid\":10,\"event\":\"exit\",\"status\":"
		"0}",
		NULL,
	};
	struct proctable pt = {0};
	const struct proc_info *p;
	const struct thread_info *t12, *t13;

	load(lines);
	proctable_build(&pt, &s);
	p = proctable_find(&pt, 10);
	t12 = proctable_thread(&pt, 12);
	t13 = proctable_thread(&pt, 13);
	cr_assert_eq(pt.nth, 2, "two threads beside the first");
	cr_assert_null(proctable_thread(&pt, 10), "the first thread is the process");
	cr_assert_eq(t12->creator, 10);
	cr_assert_eq(t12->held_ms, 5);
	cr_assert_eq(t12->t_exit, 400);
	cr_assert_eq(t13->t_start, 300, "a thread first seen by its call");
	cr_assert_eq(t13->ncalls, 1);
	cr_assert_eq(proctable_threads_at(&pt, p, 150), 1);
	cr_assert_eq(proctable_threads_at(&pt, p, 350), 3);
	cr_assert_eq(proctable_threads_at(&pt, p, 450), 2, "12 ended");
	cr_assert_eq(proctable_threads_at(&pt, p, 600), 0, "the process ended");
	cr_assert_eq(proctable_threads_max(&pt, 10), 3);
	proctable_free(&pt);
	session_close(&s);
}

Test(socktable, one_entry_per_socket_from_calls_and_states)
{
	static const char *const lines[] = {
		"{\"t\":1,\"src\":\"call\",\"pid\":5,\"fn\":\"accept\",\"fd\":3,\"ret\":4,"
		"\"proto\":\"tcp\","
		"\"sock\":\"127.0.0.1:9190>127.0.0.1:40000\",\"conn\":1}",
		"{\"t\":2,\"src\":\"call\",\"pid\":5,\"fn\":\"read\",\"fd\":4,\"ret\":6,\"len\":"
		"1024,"
		"\"sock\":\"127.0.0.1:9190>127.0.0.1:40000\",\"conn\":1}",
		"{\"t\":3,\"src\":\"call\",\"pid\":5,\"fn\":\"write\",\"fd\":4,\"ret\":6,\"len\":6,"
		"\"sock\":\"127.0.0.1:9190>127.0.0.1:40000\",\"conn\":1}",
		"{\"t\":4,\"src\":\"state\",\"sock\":\"127.0.0.1:9190>127.0.0.1:40000\",\"from\":"
		"\"ESTABLISHED\","
		"\"to\":\"CLOSE_WAIT\",\"via\":\"tracefs\",\"conn\":1}",
		NULL,
	};
	struct socktable st = {0};
	struct sock_info *si;

	load(lines);
	socktable_build(&st, &s);
	cr_assert_eq(st.n, 1);
	si = &st.s[0];
	cr_assert_eq(si->fd, 4, "accept's socket is the one it returned");
	cr_assert_eq(si->pid, 5);
	cr_assert_eq(si->bytes_rcvd, 6);
	cr_assert_eq(si->bytes_sent, 6);
	cr_assert_eq(si->state, TCP_ST_CLOSE_WAIT);
	cr_assert_eq(si->t_state, 4);
	cr_assert_eq(si->conn, 1);
	socktable_free(&st);
	session_close(&s);
}

/* A connect() that never returned: only the kernel's SYN_SENT, with the
 * pid of connect()'s caller, tells whose socket it is. A later call wins. */
Test(socktable, a_state_with_a_pid_owns_a_socket_no_call_named)
{
	static const char *const lines[] = {
		"{\"t\":1,\"src\":\"state\",\"sock\":\"127.0.0.1:40000>127.0.0.1:9\",\"from\":"
		"\"CLOSED\","
		"\"to\":\"SYN_SENT\",\"via\":\"tracefs\",\"pid\":7,\"conn\":1}",
		"{\"t\":2,\"src\":\"state\",\"sock\":\"127.0.0.1:40001>127.0.0.1:9\",\"from\":"
		"\"CLOSED\","
		"\"to\":\"SYN_SENT\",\"via\":\"tracefs\",\"conn\":2}",
		"{\"t\":3,\"src\":\"call\",\"pid\":8,\"fn\":\"connect\",\"fd\":3,\"ret\":0,"
		"\"proto\":\"tcp\","
		"\"sock\":\"127.0.0.1:40001>127.0.0.1:9\",\"conn\":2}",
		"{\"t\":4,\"src\":\"state\",\"sock\":\"127.0.0.1:40001>127.0.0.1:9\",\"from\":"
		"\"SYN_SENT\","
		"\"to\":\"ESTABLISHED\",\"via\":\"tracefs\",\"conn\":2}",
		NULL,
	};
	struct socktable st = {0};

	load(lines);
	socktable_build(&st, &s);
	cr_assert_eq(st.n, 2);
	cr_assert_str_eq(st.s[0].sock, "127.0.0.1:40000>127.0.0.1:9");
	cr_assert_eq(st.s[0].pid, 7);
	cr_assert_eq(st.s[0].fd, -1, "no call told the fd");
	cr_assert_str_eq(st.s[1].sock, "127.0.0.1:40001>127.0.0.1:9");
	cr_assert_eq(st.s[1].pid, 8, "connect()'s call names its process");
	socktable_free(&st);
	session_close(&s);
}

/* An unconnected UDP socket talks to many peers: its calls carry the conn
 * of each datagram's flow, the socket itself belongs to none. */
Test(socktable, an_unconnected_udp_socket_is_in_no_one_flow)
{
	static const char *const lines[] = {
		"{\"t\":1,\"src\":\"call\",\"pid\":5,\"fn\":\"sendto\",\"fd\":3,\"ret\":3,"
		"\"proto\":\"udp\","
		"\"sock\":\"0.0.0.0:5000>*\",\"peer\":\"127.0.0.1:6000\",\"conn\":1}",
		"{\"t\":2,\"src\":\"call\",\"pid\":5,\"fn\":\"sendto\",\"fd\":3,\"ret\":3,"
		"\"proto\":\"udp\","
		"\"sock\":\"0.0.0.0:5000>*\",\"peer\":\"127.0.0.1:7000\",\"conn\":2}",
		"{\"t\":3,\"src\":\"call\",\"pid\":6,\"fn\":\"write\",\"fd\":3,\"ret\":3,\"proto\":"
		"\"udp\","
		"\"sock\":\"127.0.0.1:6001>127.0.0.1:9\",\"conn\":3}",
		NULL,
	};
	struct socktable st = {0};

	load(lines);
	socktable_build(&st, &s);
	cr_assert_eq(st.n, 2);
	cr_assert_eq(st.s[0].conn, -1, "0.0.0.0:5000 talked to two peers");
	cr_assert_eq(st.s[0].bytes_sent, 6);
	cr_assert_eq(st.s[1].conn, 3, "a connected UDP socket is its flow's");
	socktable_free(&st);
	session_close(&s);
}

/* A socket that sends 200 times, one byte more each time: its history is
 * kept as changes, with a whole mark every SOCK_SNAP_EVERY; every moment
 * reads back as it was, through several of those. */
Test(socktable, a_long_history_reads_back_at_every_moment)
{
	struct socktable st = {.keep_history = true};
	const struct sock_info *si;
	struct sock_mark k;
	char line[256];
	uint64_t sent = 0;

	cr_assert_eq(session_init(&s), 0);
	for (int i = 1; i <= 200; i++) {
		snprintf(line, sizeof(line),
			 "{\"t\":%d,\"src\":\"call\",\"pid\":7,\"tid\":%d,\"fn\":\"send\","
			 "\"fd\":%d,\"ret\":%d,\"sock\":\"1.1.1.1:1>2.2.2.2:2\",\"proto\":\"tcp\"}",
			 i * 1000, i % 5 < 3 ? 7 : 8, 3 + i % 2, i);
		cr_assert_eq(session_append_line(&s, line, strlen(line)), 0);
	}
	socktable_build(&st, &s);
	si = socktable_find(&st, strpool_get(s.pool, "1.1.1.1:1>2.2.2.2:2"));
	cr_assert_not_null(si);
	cr_assert_eq(si->nhist, 200);
	cr_assert_gt(si->nsnap, 4, "whole marks along the way");
	cr_assert_not(sock_at(si, 999, &k), "nothing before its first call");
	for (int i = 1; i <= 200; i++) {
		sent += (uint64_t)i;
		cr_assert(sock_at(si, i * 1000 + 500, &k));
		cr_assert_eq(k.t, i * 1000);
		cr_assert_eq(k.sent, sent, "at %d: %llu", i, (unsigned long long)k.sent);
		cr_assert_eq(k.fd, 3 + i % 2);
		cr_assert_eq(k.pid, 7);
		cr_assert_eq(k.tid, i % 5 < 3 ? 7 : 8, "at %d: the thread of the call", i);
	}
	socktable_free(&st);
	session_close(&s);
}

/*
 * test_blocked.c - a process waiting in a socket call is told once, with
 * the call, its descriptor and since when; one sleeping, or waiting on
 * something that is not a socket, is not.
 */
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

#include "collect/blocked.h"
#include "tests/unit/testutil.h"

struct told {
	int n;
	char syscall[32];
	int fd;
	int64_t since;
};

static void record(void *arg, pid_t pid, const char *syscall, int fd, int64_t since)
{
	struct told *t = arg;

	(void)pid;
	t->n++;
	snprintf(t->syscall, sizeof(t->syscall), "%s", syscall);
	t->fd = fd;
	t->since = since;
}

/* A child that waits forever in what: "recv" on one end of a socket pair
 * (fd 3 in it), "sleep", or "pipe" (a read on a pipe). */
static pid_t waiting_child(const char *what)
{
	int sv[2], p[2];
	char c;
	pid_t pid;

	cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	cr_assert_eq(pipe(p), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		dup2(sv[0], 3);
		if (strcmp(what, "recv") == 0)
			recv(3, &c, 1, 0);
		else if (strcmp(what, "pipe") == 0)
			read(p[0], &c, 1);
		else
			pause();
		_exit(0);
	}
	close(sv[0]);
	close(p[0]);
	return pid;
}

/* Looks every 20 ms (session time in ms as given) for up to 2 s. */
static void look_for(struct blocked *b, pid_t pid, struct told *t)
{
	for (int ms = 0; ms <= 2000; ms += 20) {
		blocked_look(b, pid, ms * 1000000LL, record, t);
		usleep(20000);
	}
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

Test(blocked, a_recv_that_does_not_return_is_told_once_with_its_socket)
{
	struct blocked *b = blocked_new();
	struct told t = {0};
	pid_t child = waiting_child("recv");

	blocked_saw_call(b, child, 0);
	look_for(b, child, &t);
	end_child(child);
	cr_assert_eq(t.n, 1, "told %d times", t.n);
	cr_assert_str_eq(t.syscall, "recvfrom");
	cr_assert_eq(t.fd, 3);
	cr_assert_lt(t.since, BLOCKED_SHOWN_NS, "since %lld", (long long)t.since);
	blocked_free(b);
}

Test(blocked, a_sleep_or_a_read_on_a_pipe_is_not_a_blocked_socket_call)
{
	struct blocked *b = blocked_new();
	struct told t = {0};
	pid_t sleeper = waiting_child("sleep"), reader = waiting_child("pipe");

	for (int ms = 0; ms <= 1500; ms += 20) {
		blocked_look(b, sleeper, ms * 1000000LL, record, &t);
		blocked_look(b, reader, ms * 1000000LL, record, &t);
		usleep(20000);
	}
	end_child(sleeper);
	end_child(reader);
	cr_assert_eq(t.n, 0, "told: %s", t.syscall);
	blocked_free(b);
}

Test(blocked, a_traced_call_starts_a_new_wait)
{
	struct blocked *b = blocked_new();
	struct told t = {0};
	pid_t child = waiting_child("recv");

	/* It waits, is told; a call after the wait began means a new wait,
	 * told again once it too has lasted. */
	look_for(b, child, &t);
	blocked_saw_call(b, child, 2100 * 1000000LL);
	for (int ms = 2120; ms <= 3000; ms += 20)
		blocked_look(b, child, ms * 1000000LL, record, &t);
	end_child(child);
	cr_assert_eq(t.n, 2, "told %d times", t.n);
	cr_assert_eq(t.since, 2100 * 1000000LL);
	blocked_free(b);
}

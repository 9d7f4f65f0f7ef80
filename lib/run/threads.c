/*
 * threads.c - a scenario's hold on the threads of its programs: new
 * threads held until the next accept() (the tracer does it, when the
 * session's ring asks), and waiting until threads are blocked in a call.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "base/clock.h"
#include "run/scenario_int.h"
#include "wire/ring.h"

void scenario_hold_threads(struct scenario *s, bool on)
{
	if (on)
		collector_ask_tracers(s->col, RING_ASK_HOLD_THREADS);
	else
		collector_unask_tracers(s->col, RING_ASK_HOLD_THREADS);
}

/* The system calls behind a call's name, as the C library makes them. */
static bool call_is(const char *call, long nr)
{
	static const struct {
		const char *name;
		long nr;
	} calls[] = {
		{"accept", SYS_accept},
		{"accept", SYS_accept4},
		{"recv", SYS_recvfrom},
		{"recv", SYS_recvmsg},
		{"read", SYS_read},
		{"write", SYS_write},
		{"send", SYS_sendto},
		{"epoll_wait", SYS_epoll_wait},
		{"epoll_wait", SYS_epoll_pwait},
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (strcmp(calls[i].name, call) == 0 && calls[i].nr == nr)
			return true;
	return false;
}

/* The system call thread tid of pid is blocked in, or -1 ("running", or
 * not in one). */
static long blocked_in(pid_t pid, const char *tid)
{
	char path[320], line[256];
	FILE *f;
	long nr = -1;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/syscall", (int)pid, tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (!fgets(line, sizeof(line), f) || sscanf(line, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
	return nr;
}

/* How many threads of pid are blocked in call; *one is one of them. */
static int count_blocked(pid_t pid, const char *call, pid_t *one)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' || !call_is(call, blocked_in(pid, d->d_name)))
			continue;
		*one = (pid_t)atoi(d->d_name);
		n++;
	}
	closedir(dir);
	return n;
}

pid_t scenario_wait_blocked(struct scenario *s, pid_t pid, const char *call, int n, int timeout_ms)
{
	struct run_proc *p = sc_proc_or_error(s, pid);
	int64_t until = mono_ms() + timeout_ms;
	pid_t one = 0;

	if (!p)
		return -1;
	for (;;) {
		sc_reap(s);
		if (!p->ended && count_blocked(pid, call, &one) == n)
			return one;
		if (p->ended || sc_stopped(s))
			return -1;
		if (mono_ms() >= until) {
			sc_set_error(s,
				     "%s (pid %d): not %d of its threads blocked in %s() after %d "
				     "ms",
				     p->role, (int)pid, n, call, timeout_ms);
			return -1;
		}
		sleep_ms(POLL_MS);
	}
}

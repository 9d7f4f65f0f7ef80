/*
 * threads.c - a scenario's hold on the threads of its programs: each new
 * thread held until its process makes the next one (the tracer does it,
 * when the session's ring asks), and waiting until threads are blocked in
 * a call.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "collect/blocked.h"
#include "run/scenario_int.h"
#include "wire/ring.h"

void scenario_hold_threads(struct scenario *s, bool on)
{
	if (on)
		collector_ask_tracers(s->col, RING_ASK_HOLD_THREADS);
	else
		collector_unask_tracers(s->col, RING_ASK_HOLD_THREADS);
}

/* True when thread tid of pid waits in call: the kernel's name for it
 * begins so ("recv" is recvfrom and recvmsg, "accept" accept4 too). */
static bool waits_in(pid_t pid, pid_t tid, const char *call)
{
	const char *in = blocked_thread_call(pid, tid);

	return in && strncmp(in, call, strlen(call)) == 0;
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
		if (d->d_name[0] == '.' || !waits_in(pid, (pid_t)atoi(d->d_name), call))
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

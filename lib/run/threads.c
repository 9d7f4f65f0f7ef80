/*
 * threads.c - a scenario's hold on the threads of its programs: each new
 * thread held until its process makes the next one (the tracer does it,
 * when the session's ring asks), and waiting until threads are blocked in
 * a call or until they have ended.
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

/* How many threads pid has, or with call, how many of them are blocked in
 * it; *one is one of them. A thread leaves /proc/PID/task once it has
 * ended, after its last record. */
static int count_threads(pid_t pid, const char *call, pid_t *one)
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
		pid_t tid = (pid_t)atoi(d->d_name);
		if (d->d_name[0] == '.' || (call && !waits_in(pid, tid, call)))
			continue;
		*one = tid;
		n++;
	}
	closedir(dir);
	return n;
}

/* Waits until count_threads(pid, call) is n; returns one of them (0 when
 * n is 0), or -1 with the scenario's error set. */
static pid_t wait_threads(struct scenario *s, pid_t pid, const char *call, int n, int timeout_ms)
{
	struct run_proc *p = sc_proc_or_error(s, pid);
	int64_t until = mono_ms() + timeout_ms;
	pid_t one = 0;
	int now = 0;

	if (!p)
		return -1;
	for (;;) {
		sc_reap(s);
		if (!p->ended && (now = count_threads(pid, call, &one)) == n)
			return n ? one : 0;
		if (p->ended || sc_stopped(s))
			return -1;
		if (mono_ms() >= until)
			break;
		sleep_ms(POLL_MS);
	}
	if (call)
		sc_set_error(s,
			     "%s (pid %d): %d of its threads blocked in %s(), not %d, after %d ms",
			     p->role, (int)pid, now, call, n, timeout_ms);
	else
		sc_set_error(s, "%s (pid %d): %d threads, not %d, after %d ms", p->role, (int)pid,
			     now, n, timeout_ms);
	return -1;
}

pid_t scenario_wait_blocked(struct scenario *s, pid_t pid, const char *call, int n, int timeout_ms)
{
	return wait_threads(s, pid, call, n, timeout_ms);
}

int scenario_wait_threads(struct scenario *s, pid_t pid, int n, int timeout_ms)
{
	return wait_threads(s, pid, NULL, n, timeout_ms) < 0 ? -1 : 0;
}

/*
 * blocked.c - the calls a session's processes are waiting in (see
 * blocked.h).
 *
 * One entry per process: the call it was last seen waiting in (its system
 * call number and first argument), since when, and whether that wait was
 * told. A small array is enough: a session has tens of processes.
 */
#include "collect/blocked.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/array.h"

struct waiter {
	pid_t pid;
	long nr;	   /* the system call it waits in; -1: none */
	long arg;	   /* its first argument */
	int64_t since;	   /* when the wait began, as well as we know */
	int64_t last_call; /* its last traced call */
	int64_t last_look; /* when it was last seen not in this wait */
	bool told;
};

struct blocked {
	struct waiter *w;
	size_t n, cap;
};

/* The system calls a socket program waits in; by_fd: the first argument
 * is a descriptor, which must be a socket. */
static const struct {
	long nr;
	const char *name;
	bool by_fd;
} waits[] = {
	{SYS_read, "read", true},
	{SYS_readv, "readv", true},
	{SYS_recvfrom, "recvfrom", true},
	{SYS_recvmsg, "recvmsg", true},
	{SYS_write, "write", true},
	{SYS_writev, "writev", true},
	{SYS_sendto, "sendto", true},
	{SYS_sendmsg, "sendmsg", true},
	{SYS_accept4, "accept4", true},
	{SYS_connect, "connect", true},
	{SYS_ppoll, "ppoll", false},
	{SYS_pselect6, "pselect", false},
	{SYS_epoll_pwait, "epoll_pwait", false},
#ifdef SYS_accept
	{SYS_accept, "accept", true},
#endif
#ifdef SYS_poll
	{SYS_poll, "poll", false},
#endif
#ifdef SYS_select
	{SYS_select, "select", false},
#endif
#ifdef SYS_epoll_wait
	{SYS_epoll_wait, "epoll_wait", false},
#endif
};

struct blocked *blocked_new(void)
{
	return calloc(1, sizeof(struct blocked));
}

void blocked_free(struct blocked *b)
{
	if (b)
		free(b->w);
	free(b);
}

static struct waiter *find(struct blocked *b, pid_t pid, bool make)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->w[i].pid == pid)
			return &b->w[i];
	if (!make || array_grow(&b->w, &b->cap, b->n, sizeof(*b->w)) < 0)
		return NULL;
	b->w[b->n] = (struct waiter){.pid = pid, .nr = -1};
	return &b->w[b->n++];
}

void blocked_saw_call(struct blocked *b, pid_t pid, int64_t t)
{
	struct waiter *w = find(b, pid, true);

	if (w && t > w->last_call)
		w->last_call = t;
}

void blocked_forget(struct blocked *b, pid_t pid)
{
	struct waiter *w = find(b, pid, false);

	if (w)
		*w = b->w[--b->n];
}

/* The waiting call thread tid of pid is in now: its number and first
 * argument. False when it is running, or in no system call, or /proc does
 * not say. */
static bool in_syscall(pid_t pid, pid_t tid, long *nr, long *arg)
{
	char path[64], buf[256];
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid, (int)tid);
	if (!(f = fopen(path, "re")))
		return false;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	return sscanf(buf, "%ld %lx", nr, (unsigned long *)arg) == 2 && *nr >= 0;
}

static bool is_socket(pid_t pid, long fd)
{
	char path[64], target[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%ld", (int)pid, fd);
	n = readlink(path, target, sizeof(target) - 1);
	return n > 7 && strncmp(target, "socket:", 7) == 0;
}

/* The entry of waits for nr, or -1. */
static int wait_kind(long nr)
{
	for (size_t k = 0; k < sizeof(waits) / sizeof(waits[0]); k++)
		if (waits[k].nr == nr)
			return (int)k;
	return -1;
}

const char *blocked_thread_call(pid_t pid, pid_t tid)
{
	long nr, a;
	int k;

	return in_syscall(pid, tid, &nr, &a) && (k = wait_kind(nr)) >= 0 ? waits[k].name : NULL;
}

void blocked_look(struct blocked *b, pid_t pid, int64_t now, blocked_fn fn, void *arg)
{
	struct waiter *w = find(b, pid, true);
	long nr, a;
	int k;

	if (!w)
		return;
	if (!in_syscall(pid, pid, &nr, &a) || (k = wait_kind(nr)) < 0 ||
	    (waits[k].by_fd && !is_socket(pid, a))) {
		w->nr = -1;
		w->last_look = now;
		return;
	}
	if (w->nr != nr || w->arg != a || w->last_call > w->since) {
		/* A new wait: it began after the last look that did not find
		 * it, and after the last traced call. */
		w->nr = nr;
		w->arg = a;
		w->since = w->last_look > w->last_call ? w->last_look : w->last_call;
		w->told = false;
	}
	if (!w->told && now - w->since >= BLOCKED_SHOWN_NS) {
		w->told = true;
		fn(arg, pid, waits[k].name, waits[k].by_fd ? (int)a : -1, w->since);
	}
}

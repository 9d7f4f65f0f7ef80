/*
 * witness.c - the syscall witness's tracefs instance (see witness.h).
 */
#include "sources/sys/witness.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/array.h"
#include "base/errmsg.h"

#define WITNESS_MAX_EVENTS 200000
#define WITNESS_BUFFER_KB  "4096"	/* per CPU: the default 1408 is short */
#define WITNESS_READ_MAX   (512 * 1024) /* bytes per witness_read() */
#define WITNESS_DRAIN_MAX  (64 << 20)	/* bytes read at the end, at most */

/* The events, after task/task_newtask (the one tracefs_open enables):
 * "enter" for its arguments, "exit" for its result. */
static const char *const witnessed[] = {
	"sys_exit_fork",	"sys_exit_vfork",	    "sys_exit_clone",
	"sys_exit_clone3",	"sys_exit_wait4",	    "sys_exit_waitid",
	"sys_enter_close",	"sys_exit_close",	    "sys_exit_bind",
	"sys_exit_listen",	"sys_enter_setsockopt",	    "sys_exit_accept",
	"sys_exit_accept4",	"sys_enter_io_uring_setup", "sys_enter_io_uring_enter",
	"sys_enter_exit_group",
};

static int write_in(const struct tracefs *tf, const char *file, const char *value)
{
	char path[PATH_MAX + 160];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", tf->instance, file);
	if (!(f = fopen(path, "we")))
		return -1;
	ret = fputs(value, f) < 0 ? -1 : 0;
	if (fclose(f) != 0)
		ret = -1;
	return ret;
}

/* The calls, each filtered like task_newtask: not the starting thread's;
 * and a fork-like call only when it made a child (a fork bomb retries a
 * failing fork() without end: its failures would fill the buffer). */
static void enable_calls(struct witness *w, const char *filter)
{
	char file[160], made[96];

	snprintf(made, sizeof(made), "%s && ret > 0", filter);
	for (size_t i = 0; i < sizeof(witnessed) / sizeof(witnessed[0]); i++) {
		bool fork_like = i < 4;
		snprintf(file, sizeof(file), "events/syscalls/%s/filter", witnessed[i]);
		write_in(&w->tf, file, fork_like ? made : filter);
		snprintf(file, sizeof(file), "events/syscalls/%s/enable", witnessed[i]);
		write_in(&w->tf, file, "1"); /* an older kernel may lack clone3 */
	}
}

int witness_start(struct witness *w, char *err, size_t errlen)
{
	char filter[64], me[32];

	memset(w, 0, sizeof(*w));
	w->max_ev = WITNESS_MAX_EVENTS;
	snprintf(filter, sizeof(filter), "common_pid != %d", (int)gettid());
	snprintf(me, sizeof(me), "%d", (int)gettid());
	if (tracefs_open(&w->tf, "task/task_newtask", filter, err, errlen) < 0)
		return -1;
	write_in(&w->tf, "buffer_size_kb", WITNESS_BUFFER_KB);
	if (write_in(&w->tf, "options/event-fork", "1") < 0 ||
	    write_in(&w->tf, "set_event_pid", me) < 0) {
		tracefs_close(&w->tf);
		return errmsg(err, errlen,
			      "the kernel's tracefs cannot follow a process and its children "
			      "(options/event-fork, set_event_pid)");
	}
	enable_calls(w, filter);
	w->on = true;
	return 0;
}

static void take(void *arg, const char *line)
{
	struct witness *w = arg;
	struct witline l;

	switch (witline_parse(line, &l)) {
	case WIT_LOST:
		w->lost += l.lost;
		return;
	case WIT_BAD:
		w->bad++;
		return;
	default:
		break;
	}
	if (w->n >= w->max_ev || array_grow(&w->ev, &w->cap, w->n, sizeof(*w->ev)) < 0) {
		w->lost++;
		return;
	}
	w->ev[w->n++] = l;
}

/* Reads what is ready, at most max bytes (a program can make calls
 * faster than we read: the kernel then drops events and says so, LOST). */
static void read_some(struct witness *w, size_t max)
{
	struct tracefs *tf = &w->tf;
	size_t done = 0;

	while (done < max) {
		ssize_t n = read(tf->pipe_fd, tf->partial + tf->partial_n,
				 sizeof(tf->partial) - 1 - tf->partial_n);
		char *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		done += (size_t)n;
		tf->partial_n += (size_t)n;
		while ((nl = memchr(tf->partial, '\n', tf->partial_n)) != NULL) {
			size_t len = (size_t)(nl - tf->partial);
			*nl = '\0';
			take(w, tf->partial);
			tf->partial_n -= len + 1;
			memmove(tf->partial, nl + 1, tf->partial_n);
		}
		if (tf->partial_n == sizeof(tf->partial) - 1)
			tf->partial_n = 0; /* longer than any line the kernel prints */
	}
}

void witness_read(struct witness *w)
{
	if (w->on)
		read_some(w, WITNESS_READ_MAX);
}

void witness_stop(struct witness *w)
{
	if (!w->on)
		return;
	/* Stop the events first, then read what they left. */
	write_in(&w->tf, "tracing_on", "0");
	read_some(w, WITNESS_DRAIN_MAX);
	tracefs_close(&w->tf);
	w->on = false;
}

void witness_free(struct witness *w)
{
	witness_stop(w);
	free(w->ev);
	w->ev = NULL;
	w->n = w->cap = 0;
}

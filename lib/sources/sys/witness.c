/*
 * witness.c - the syscall witness's tracefs instance (see witness.h).
 */
#include "sources/sys/witness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/array.h"
#include "base/errmsg.h"

#define WITNESS_MAX_EVENTS 200000
#define WITNESS_BUFFER_KB  "4096" /* per CPU: the default 1408 is short */

/* The events, after task/task_newtask (the one tracefs_open enables):
 * "enter" for its arguments, "exit" for its result. */
static const char *const witnessed[] = {
	"sys_enter_fork",	"sys_enter_vfork",	    "sys_enter_clone",
	"sys_enter_clone3",	"sys_exit_wait4",	    "sys_exit_waitid",
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

/* The calls, each filtered like task_newtask: not the starting thread's. */
static void enable_calls(struct witness *w, const char *filter)
{
	char file[160];

	for (size_t i = 0; i < sizeof(witnessed) / sizeof(witnessed[0]); i++) {
		snprintf(file, sizeof(file), "events/syscalls/%s/filter", witnessed[i]);
		write_in(&w->tf, file, filter);
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

void witness_read(struct witness *w)
{
	if (w->on)
		tracefs_read_lines(&w->tf, take, w);
}

void witness_stop(struct witness *w)
{
	if (!w->on)
		return;
	/* Stop the events first, then read what they left. */
	write_in(&w->tf, "tracing_on", "0");
	witness_read(w);
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

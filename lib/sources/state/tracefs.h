/*
 * tracefs.h - a private tracing instance of the kernel's tracefs, for one
 * trace event, read line by line.
 *
 * socklab never touches the global trace buffer other tools use: it makes
 * its own instance, instances/socklab-PID, with the trace clock "mono"
 * (CLOCK_MONOTONIC, the clock of every event's "t"), enables one event
 * there, and reads its trace_pipe. tracefs is used where it is mounted, or
 * mounted for the occasion in a private temporary folder. Everything is
 * left as it was found: by tracefs_close(), or by a guardian process if
 * socklab dies first (guardian.h); and instances left by a socklab that
 * died with its guardian are removed at the next start.
 */
#ifndef SOCKLAB_TRACEFS_H
#define SOCKLAB_TRACEFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "sources/state/guardian.h"

#define TRACEFS_LINE_MAX 1024

struct tracefs {
	char root[PATH_MAX];	 /* where tracefs is mounted */
	char instance[PATH_MAX]; /* root/instances/socklab-PID */
	char event[128];	 /* "sock/inet_sock_set_state" */
	bool mounted_here;	 /* root is a mount socklab made */
	int pipe_fd;		 /* the instance's trace_pipe, non-blocking */
	struct guardian guardian;
	char partial[TRACEFS_LINE_MAX]; /* a line read in part */
	size_t partial_n;
};

/*
 * Makes the instance and enables event ("group/name") in it, with filter
 * (the kernel's filter syntax, or NULL). Returns 0, or -1 with a sentence
 * for the student in err ("needs root ...").
 */
int tracefs_open(struct tracefs *tf, const char *event, const char *filter, char *err,
		 size_t errlen);

/* Calls fn for each whole line that is ready now, without waiting.
 * Returns the number of lines, or -1 when the pipe failed. */
typedef void (*tracefs_line_fn)(void *arg, const char *line);
int tracefs_read_lines(struct tracefs *tf, tracefs_line_fn fn, void *arg);

/* Disables the event, removes the instance (and the mount socklab made). */
void tracefs_close(struct tracefs *tf);

/* The prefix of socklab's instance names ("socklab-"). */
#define TRACEFS_INSTANCE_PREFIX "socklab-"

#endif

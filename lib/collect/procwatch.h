/*
 * procwatch.h - watching a session's processes through /proc.
 *
 * The tracer sees a process's own calls, but not the moment it becomes a
 * zombie (it has exited, its parent has not waited), nor a reaping done
 * without a traced wait call (SIGCHLD ignored, or the parent itself gone).
 * procwatch looks at /proc/PID/stat of each process it was told about.
 */
#ifndef SOCKLAB_PROCWATCH_H
#define SOCKLAB_PROCWATCH_H

#include <stdbool.h>
#include <sys/types.h>

enum proc_change {
	PROC_BECAME_ZOMBIE, /* state Z: exited, not yet reaped */
	PROC_VANISHED,	    /* gone from /proc */
};

struct procwatch;

struct procwatch *procwatch_new(void);
void procwatch_free(struct procwatch *w);

/* Starts watching pid (again, if it was forgotten: pids are reused). */
void procwatch_add(struct procwatch *w, pid_t pid);
/* A traced wait reaped pid: stop watching it. */
void procwatch_forget(struct procwatch *w, pid_t pid);
bool procwatch_has(const struct procwatch *w, pid_t pid);

typedef void (*procwatch_fn)(void *arg, pid_t pid, pid_t ppid, enum proc_change what);

/* Reads /proc for every watched pid and reports changes since the last
 * scan. A vanished pid is forgotten. fn may call procwatch_add and
 * procwatch_forget. */
void procwatch_scan(struct procwatch *w, procwatch_fn fn, void *arg);

/* Calls fn for every watched pid, none of which is forgotten meanwhile. */
void procwatch_each(const struct procwatch *w, void (*fn)(void *arg, pid_t pid), void *arg);

/* The state letter and parent of pid from /proc/PID/stat ('R', 'S', 'Z',
 * ...). Returns 0, or -1 if there is no such process. */
int proc_stat(pid_t pid, char *state, pid_t *ppid);

/* The processes below root (children, their children, ...), into out (at
 * most max). Returns how many. Reads all of /proc: not for a hot path. */
size_t proc_descendants(pid_t root, pid_t *out, size_t max);

#endif

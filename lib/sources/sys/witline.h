/*
 * witline.h - one line of the syscall witness's tracefs instance (see
 * witness.h), read as what a task did.
 *
 * tracefs hands us lines like these (real ones, kernel 6.18):
 *
 *          python3-25412   [001] .....   578.522754: sys_setsockopt(fd: 3, level: 1,
 *                                          optname: 2, optval: 0x7ffe67002510, optlen: 4)
 *          python3-25412   [001] .....   578.522879: sys_bind -> 0xffffffffffffff9e
 *          python3-25412   [001] .....   578.523672: task_newtask: pid=25468
 *                                          comm=python3 clone_flags=1200000 oom_score_adj=0
 *
 * (one line each, wrapped here). The text is partly the program's own: its
 * name (comm, at most 15 bytes, any bytes but NUL) comes first, right
 * aligned in 16 columns, and again in task_newtask's comm=. So the task id
 * is read at its fixed column, not after the first '-'; a field after a
 * comm= is read from its last occurrence; and a line that is not exactly
 * what the kernel prints is refused whole, never half-read.
 */
#ifndef SOCKLAB_WITLINE_H
#define SOCKLAB_WITLINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define WITLINE_ARGS 3 /* the arguments of a call kept: the first three */

enum witline_kind {
	WIT_ENTER,   /* a system call begins: call, arg[] */
	WIT_EXIT,    /* a system call returns: call, ret */
	WIT_NEWTASK, /* the task made a process or a thread: child, clone_flags */
	WIT_LOST,    /* "CPU:1 [LOST 12 EVENTS]": the buffer overflowed */
	WIT_BAD,     /* anything else */
};

struct witline {
	enum witline_kind kind;
	int64_t t_ns;  /* the trace clock's time ("mono": CLOCK_MONOTONIC) */
	pid_t tid;     /* the task (a thread id) that did it */
	char call[24]; /* "close", "clone3": the call's name, without "sys_" */
	int64_t arg[WITLINE_ARGS];
	int nargs;
	int64_t ret;	      /* WIT_EXIT: -errno on failure */
	pid_t child;	      /* WIT_NEWTASK */
	uint64_t clone_flags; /* WIT_NEWTASK: CLONE_THREAD for a thread */
	long lost;	      /* WIT_LOST */
};

/* Reads one line (no newline needed). Returns its kind; *w is filled for
 * WIT_ENTER, WIT_EXIT, WIT_NEWTASK and WIT_LOST. */
enum witline_kind witline_parse(const char *line, struct witline *w);

#endif

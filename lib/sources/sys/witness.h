/*
 * witness.h - the kernel's own account of a program's system calls: the
 * witness a submission cannot write.
 *
 * The tracer (lib/tracer/) sees the calls a program makes through libc;
 * a raw syscall(SYS_fork), io_uring or a static binary go past it, and a
 * program can write the ring the tracer writes (lib/wire/ring.h). So the
 * grader asks the kernel too: a tracefs instance (sources/state/tracefs.h)
 * with the syscalls:sys_enter_* / sys_exit_* events of the calls a
 * verdict rests on, and task:task_newtask (every process and thread made,
 * by whatever call), filtered to the tasks the starting thread makes from
 * now on (set_event_pid with options/event-fork) -- the programs socklab
 * starts, and all they start. The starting thread's own calls are left
 * out (a filter on common_pid): socklab reads /proc there all the time.
 *
 *   witness_start()  before the first program starts
 *   witness_read()   now and then, so the buffer does not overflow
 *   witness_stop()   at the end: the rest is read, the instance removed
 *
 * Needs root (tracefs); where it cannot be had, witness_start() says why
 * and the grader judges from /proc and sock_diag alone (docs/DESIGN.md,
 * "What the grader trusts").
 */
#ifndef SOCKLAB_WITNESS_H
#define SOCKLAB_WITNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "sources/state/tracefs.h"
#include "sources/sys/witline.h"

struct witness {
	struct tracefs tf;
	bool on;	    /* started, and not stopped */
	struct witline *ev; /* every line read, in the kernel's order per CPU */
	size_t n, cap;
	long lost;     /* events the kernel could not keep (its buffer was full) */
	long bad;      /* lines that were not the kernel's */
	size_t max_ev; /* the most kept (a fork bomb must not fill memory) */
};

/* The calls witnessed (each has its sys_enter_ or sys_exit_ event, as
 * witness.c lists them). */
int witness_start(struct witness *w, char *err, size_t errlen);
void witness_read(struct witness *w);
void witness_stop(struct witness *w);
void witness_free(struct witness *w);

#endif

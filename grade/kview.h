/*
 * kview.h - what the kernel saw of the student's programs, for the
 * verdicts: the facts a submission cannot write.
 *
 * The session's events come partly from the ring, which the student's
 * program can write (attack 4 of issue 23: fake `proc reaped`, `state`,
 * `close`, `setsockopt` records passed a server that kept every zombie
 * and every connection). So the grader looks at the kernel itself, as the
 * run goes:
 *
 *   /proc       every student process (the programs socklab started and
 *               all they started), its parent, its threads, when it was
 *               first seen a zombie and when it was gone; and, while a
 *               child lives, whether it holds a listening socket of the port
 *   sock_diag   at each mark (grade_mark), the sockets of the graded port:
 *               which are in CLOSE_WAIT or LISTEN, and which student
 *               process holds each (its socket:[INODE] in /proc/PID/fd)
 *   witness     where tracefs is there, the system calls themselves
 *               (sources/sys/witness.h): processes and threads made by any
 *               call, close, bind, listen, setsockopt, wait4, io_uring
 *
 * The checks judge from it (kview_*() below), and kview_disagreements()
 * tells, as problems of the run, where the trace said otherwise.
 */
#ifndef SOCKLAB_KVIEW_H
#define SOCKLAB_KVIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "assignment.h"
#include "base/ptrmap.h"
#include "sources/sys/witness.h"
#include "wire/endpoint.h"

#define KVIEW_PROCS 1200 /* more than GRADE_MAX_STARTED */
#define KVIEW_SOCKS 16	 /* sockets kept per mark */

/* A student process, as /proc showed it. */
struct kproc {
	pid_t pid, ppid;
	pid_t root;	    /* the student's program it descends from */
	int64_t t_seen;	    /* session ns: first seen */
	int64_t t_zombie;   /* first seen a zombie (state Z); -1 */
	int64_t t_gone;	    /* first seen gone from /proc; -1 */
	int threads;	    /* the most threads seen at once */
	int listener_looks; /* looks that saw it hold a listening socket of the port
			     * (a child between fork() and its close() may, briefly) */
	int64_t t_listener; /* session ns: the last of those looks; -1 */
};

/* A socket of the graded port at a mark, and the student process that
 * held it (pid -1 when none did). */
struct ksock {
	char name[ENDPOINT_PAIR_MAX]; /* "LOCAL>PEER", as the tracer names it */
	uint32_t inode;
	pid_t pid;
	int fd;
};

struct kmark {
	bool taken;
	bool diag;	 /* sock_diag answered: the sockets below are all there were */
	char why[200];	 /* ... or why not */
	int64_t t;	 /* when it was taken (session ns) */
	int nclose_wait; /* held sockets in CLOSE_WAIT, counted (KVIEW_SOCKS kept) */
	struct ksock close_wait[KVIEW_SOCKS];
	int nlisten; /* listening sockets of the port held by a student process */
	struct ksock listen[KVIEW_SOCKS];
};

/* A task the witness saw made. */
struct ktask {
	pid_t tid;
	pid_t tgid;  /* its process: its own id, or its maker's for a thread */
	pid_t maker; /* the process that made it */
	bool thread;
	size_t line; /* its task_newtask line in the witness's */
};

struct kview {
	struct witness w;
	struct ktask *tasks; /* built when the witness stops */
	size_t ntasks, taskcap;
	struct ptrmap task_at; /* tid -> its index in tasks */
	bool witness;	       /* the witness ran */
	char witness_why[200]; /* ... or why not */
	struct kproc *p;
	size_t n;
	struct kmark at[GRADE_MARKS];
	int64_t t0; /* the session's start, CLOCK_MONOTONIC ns */
};

/* Starts watching: the witness first, so it sees every program from its
 * start. Never fails: what cannot be had is said in witness_why. */
void kview_start(struct grade_run *g);
/* A look at /proc, between two waits (grade/run.c's watch()). */
void kview_watch(struct grade_run *g);
/* A look at /proc and at the port's sockets, for mark i. */
void kview_mark(struct grade_run *g, int i);
/* The end of the run: the witness's last lines, its instance removed. */
void kview_stop(struct grade_run *g);
void kview_free(struct grade_run *g);

/* ---- for the checks ---------------------------------------------------- */

/* The run's kernel view, or NULL. */
const struct kview *kview_of(const struct check_ctx *c);
/* The process as /proc saw it, or NULL. */
const struct kproc *kview_proc(const struct kview *k, pid_t pid);
/* True when p was a zombie at t, and had been for settle ns. */
bool kproc_zombie_at(const struct kproc *p, int64_t t, int64_t settle);

/* What the kernel saw a program make: processes (its children and
 * theirs) and threads (its most at once), from the witness where it ran,
 * else /proc. untraced: how many processes the trace has no fork() of;
 * how: the call that made the first of those ("fork", "clone3"), or "". */
struct kmade {
	int procs, threads, untraced;
	pid_t first;	/* the first process it made; 0 */
	char how[24];	/* the call the first untraced one was made with */
	bool uring;	/* it set up io_uring, whose calls the tracer does not see */
	bool witnessed; /* from the witness (else /proc, between waits) */
};
void kview_made(const struct check_ctx *c, pid_t root, struct kmade *m);

/* The kernel's verdicts (kverdict.c); each adds its first cases to r as
 * evidence, and returns -1 when the kernel could not say.
 *   kview_zombies    parent's children that were zombies at t, and had
 *                    been for settle ns; *children: how many it had
 *   kview_kept       connections in CLOSE_WAIT at mark, held by root or
 *                    its children; *holder (may be NULL): the first's
 *   kview_listeners  root's children seen holding a listening socket of
 *                    the port while they lived (never -1)
 *   kview_listens    listening sockets of the port root held at mark */
int kview_zombies(const struct check_ctx *c, struct check_result *r, pid_t parent, int64_t t,
		  int64_t settle, int *children);
int kview_kept(const struct check_ctx *c, struct check_result *r, pid_t root, int mark,
	       pid_t *holder);
int kview_listeners(const struct check_ctx *c, struct check_result *r, pid_t root);
int kview_listens(const struct check_ctx *c, pid_t root, int mark);
/* The mark taken at t (g->marks[i] == t), or -1. */
int kview_mark_of(const struct check_ctx *c, int64_t t);

/* The witness saw root (or a process it made) accept a connection. */
bool kview_accepted(const struct kview *k, pid_t root);

/* The process of a task the witness saw (a thread's is its maker's). */
pid_t kview_tgid(const struct kview *k, pid_t tid);

/* The witness saw tgid call close(fd) after from: 1; did not: 0; no
 * witness: -1. */
int kview_closed(const struct kview *k, pid_t tgid, int fd, int64_t from);

/* Adds a problem for each kind of fact where the trace and the kernel
 * disagree ("the trace says child 2128 was reaped at 0.81 s; the kernel
 * saw it a zombie to the end"). After the checks. */
void kview_disagreements(struct grade_run *g, const struct check_ctx *c);

#endif

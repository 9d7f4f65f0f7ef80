/*
 * proctable.h - the processes of a session, from its events.
 *
 * One entry per process: who its parent was, what it ran, when it exited
 * and how, how long it stayed a zombie, and who reaped it; and one per
 * thread other than a process's first: its tid, who made it, when it
 * started and ended. The viewer's process tree and the checks ("no zombie
 * remains", "four threads served every client") both read this table.
 * It is built event by event (proctable_add), so a live session keeps it
 * up to date as events arrive.
 */
#ifndef SOCKLAB_PROCTABLE_H
#define SOCKLAB_PROCTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/ptrmap.h"
#include "session/event.h"
#include "session/session.h"

#define T_NEVER (-1)

/* A call a process waited in: from when it began to when it returned
 * (T_NEVER: it had not, when the session last said; the process's end
 * closes it). fn is the call's name, or the system call's while it waits
 * (a "blocked" event). */
struct proc_wait {
	int64_t from, until;
	const char *fn;
	int32_t fd;
	int32_t tid;
};

struct proc_info {
	pid_t pid, ppid;
	const char *name;      /* basename of the program last exec'd; NULL if unknown */
	int64_t t_start;       /* fork, exec or first event: when it was first seen */
	int64_t t_exit;	       /* it ended (exit, or zombie/reaped if it left no exit); T_NEVER */
	int64_t t_zombie;      /* seen as a zombie in /proc; T_NEVER */
	int64_t t_reaped;      /* T_NEVER: not reaped (yet) */
	int32_t status;	       /* exit status, or -1 */
	const char *sig;       /* killed by this signal, or NULL */
	pid_t reaper;	       /* who reaped it; 0 */
	const char *reaped_by; /* "waitpid", "wait", "socklab", "proc" (seen gone) */
	uint32_t nsignals;     /* signals delivered to it (handler runs) */
	/* Its last traced call: what it was doing when it ended. */
	const char *last_fn; /* NULL: it made none */
	int32_t last_fd;
	bool last_sigpipe; /* that call raised SIGPIPE */
	/* The calls it waited in for EVENT_WAIT_SHOWN_NS or more, in order. */
	struct proc_wait *waits;
	size_t nwaits, waitcap;
};

/* A thread of a process, other than its first (whose tid is the pid):
 * seen by its "thread" event (it started), or by its first call. */
struct thread_info {
	pid_t pid, tid;
	pid_t creator;	 /* the tid that made it; 0 when unknown */
	int64_t t_start; /* its "thread" event, or its first call */
	int64_t t_exit;	 /* its "thread_exit"; T_NEVER (it ends with its process) */
	int64_t held_ms; /* socklab held its start this long; -1 */
	uint32_t ncalls; /* calls it made */
};

struct proctable {
	struct proc_info *p;
	size_t n, cap;
	struct ptrmap newest;	/* pid -> position of its newest entry, plus one */
	struct thread_info *th; /* in the order they were seen */
	size_t nth, thcap;
	struct ptrmap tid_at; /* tid -> position of its newest entry, plus one */
};

/* Adds what e says about processes. */
void proctable_add(struct proctable *pt, const struct event *e);
/* The whole table from a session's events. */
void proctable_build(struct proctable *pt, const struct session *s);
void proctable_free(struct proctable *pt);

struct proc_info *proctable_find(const struct proctable *pt, pid_t pid);

/* The thread tid, or NULL (a process's first thread is not in the table:
 * its tid is its pid). */
struct thread_info *proctable_thread(const struct proctable *pt, pid_t tid);
/* How many threads pid had at t, its first included: 1 when it made no
 * other (or 0 when it had not started or had ended). */
int proctable_threads_at(const struct proctable *pt, const struct proc_info *p, int64_t t);
/* The most threads pid ever had at once, its first included. */
int proctable_threads_max(const struct proctable *pt, pid_t pid);

enum proc_state { PROC_RUNNING, PROC_ZOMBIE, PROC_REAPED };

/* What p was at time t: it is a zombie from its exit until it is reaped. */
enum proc_state proc_state_at(const struct proc_info *p, int64_t t);
/* How long it was (or, at t_end, has been) a zombie, in ns; 0 if never. */
int64_t proc_zombie_ns(const struct proc_info *p, int64_t t_end);

/* The call p was waiting in at t, or NULL. */
const struct proc_wait *proc_wait_at(const struct proc_info *p, int64_t t);
/* The same, for one of its threads. */
const struct proc_wait *proc_thread_wait_at(const struct proc_info *p, pid_t tid, int64_t t);

#endif

/*
 * blocked.h - the calls a session's processes are waiting in, seen
 * through /proc.
 *
 * A call that waits (recv, accept, connect, poll...) is recorded when it
 * returns; one that never returns -- a recv() on a connection whose peer
 * has silently gone -- would leave no trace at all. So the collector looks
 * now and then at /proc/PID/syscall of each process of the session, which
 * says, while the process sleeps in a system call, which call it is and
 * with which arguments. A process found waiting in the same call, on the
 * same socket, for BLOCKED_SHOWN_NS is told once, with the time it began
 * waiting (its last traced call, or the last look that found it doing
 * something else, whichever is later). If the call ever returns, its own
 * record says the rest.
 *
 * Only the calls a socket program waits in are told: read, recv and
 * their family, write and send (a full buffer), accept, connect (on a
 * socket), poll, select and epoll_wait. Only a process's first thread is
 * looked at. /proc/PID/syscall needs the right to trace the process:
 * socklab's own children, or root; without it, nothing is told.
 */
#ifndef SOCKLAB_BLOCKED_H
#define SOCKLAB_BLOCKED_H

#include <stdint.h>
#include <sys/types.h>

/* A wait this long is worth telling before it ends: longer than any wait
 * a working exchange has, short enough to see a stuck one at once. */
#define BLOCKED_SHOWN_NS (500 * 1000 * 1000LL)

struct blocked;

struct blocked *blocked_new(void);
void blocked_free(struct blocked *b);

/* A traced call of pid happened at t: it was not waiting before then. */
void blocked_saw_call(struct blocked *b, pid_t pid, int64_t t);

/* pid is gone: forget it. */
void blocked_forget(struct blocked *b, pid_t pid);

/* Called once per wait worth telling: the system call's name ("recvfrom"),
 * its descriptor (-1 for poll, select), and since when (session ns). */
typedef void (*blocked_fn)(void *arg, pid_t pid, const char *syscall, int fd, int64_t since);

/* Looks at pid now (session time now). */
void blocked_look(struct blocked *b, pid_t pid, int64_t now, blocked_fn fn, void *arg);

/* The call thread tid of pid is waiting in now, by the kernel's name
 * ("recvfrom", "accept4", "epoll_wait"), or NULL: running, or in a call
 * a socket program does not wait in, or /proc does not say. */
const char *blocked_thread_call(pid_t pid, pid_t tid);

#endif

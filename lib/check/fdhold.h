/*
 * fdhold.h - who still holds a connection: its descriptors, traced from
 * the calls.
 *
 * A connection closes only when its last descriptor is closed, in every
 * process. accept() gives the first descriptor; dup() makes copies; a
 * fork()ed child inherits every descriptor its parent had at the fork.
 * Each is let go by close() or by its process ending. From the calls of a
 * session, this finds the process and the descriptor that kept a
 * connection open at a given time: the answer to "why is this socket in
 * CLOSE_WAIT?" that lab 2 teaches and the grader's closes-fds checks.
 */
#ifndef SOCKLAB_FDHOLD_H
#define SOCKLAB_FDHOLD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "check/check.h"

/* A descriptor for a connection, and the call that made it (accept() or
 * dup()). */
struct fd_held {
	int fd;
	const struct event *made;
};

/* Who held a connection at a time. */
struct fd_holder {
	pid_t pid;	     /* a process that never let go; -1 when none did */
	struct fd_held held; /* ... the descriptor it kept */
	bool forked;	     /* the acceptor forked while it held the connection */
};

/* True when pid let go of its descriptor fd for sock between from and
 * until: it closed it, or it ended by then. */
bool fdhold_let_go(const struct check_ctx *c, pid_t pid, int fd, const char *sock, int64_t from,
		   int64_t until);

/* Fills h for the connection that accept (a successful accept() call)
 * gave: the acceptor, or one of the children it forked while it held a
 * descriptor for it, that still had one at t. Returns h->pid >= 0. */
bool fdhold_find(const struct check_ctx *c, const struct event *accept, int64_t t,
		 struct fd_holder *h);

#endif

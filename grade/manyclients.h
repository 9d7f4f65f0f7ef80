/*
 * manyclients.h - what the assignments about a server of many clients at
 * once share (echo-select, chat): running the grader's clients while the
 * server must stay up; connections it kept after their clients left; and
 * descriptors it closed but still asked select() or poll() to watch.
 */
#ifndef SOCKLAB_GRADE_MANYCLIENTS_H
#define SOCKLAB_GRADE_MANYCLIENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "assignment.h"

/*
 * Runs one of the grader's clients (argv, as role) to its end. Returns 0,
 * or -1 when it did not end in time, or when the server ended meanwhile:
 * then a problem says how ("the server exited with status 1 while the
 * grader's echo client talked to it"), and the checks of what comes after
 * say they were not checked.
 */
int drive_clients(struct grade_run *g, pid_t server, const char *role, char *const argv[]);

/*
 * Connections the server (or a process it forked) accepted before t and
 * still held at t: in CLOSE_WAIT where the session has the kernel's
 * states, a descriptor never closed where only the calls tell. Adds the
 * first as evidence. Returns how many.
 */
int kept_connections(const struct check_ctx *c, struct check_result *r, pid_t server, int64_t t);

/*
 * select() and poll() calls of the server that watched a descriptor it
 * had closed (select() then fails with EBADF; poll() reports POLLNVAL
 * every time). Adds the first, and the close() before it, as evidence.
 * Returns how many.
 */
int kept_in_the_set(const struct check_ctx *c, struct check_result *r, pid_t server);

/*
 * The heart of closes-fds, for echo-select and chat: fails r, saying why,
 * and returns false when the server went on watching a socket it had
 * closed, or still held a connection of a gone client at t; returns true
 * (r undecided) when neither. The caller has asked need_accepted().
 */
bool closed_when_left(const struct check_ctx *c, struct check_result *r, pid_t server, int64_t t);

#endif

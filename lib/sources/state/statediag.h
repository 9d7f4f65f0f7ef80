/*
 * statediag.h - TCP state changes found by comparing sock_diag dumps.
 *
 * sock_diag tells which sockets exist now and in which state; a change is
 * a difference between two dumps. A follower remembers each socket's last
 * state, by its name "LOCAL>PEER", and reports:
 *   - a socket whose state differs from the last dump: from -> to;
 *   - a socket gone since the last dump: from -> CLOSED;
 *   - a new socket (only when it adopts new sockets): CLOSED -> to.
 * What happens between two dumps is not seen: a change and its undoing
 * within one interval leave no trace. That is why tracefs comes first.
 *
 * Two uses:
 *   adopt = true   without tracefs: every socket on the machine is followed
 *                  (the collector keeps the session's); the first dump only
 *                  learns what exists, since nothing changed yet;
 *   adopt = false  with tracefs: only the sockets given by statediag_follow()
 *                  -- connections in TIME_WAIT, whose end no tracepoint tells.
 */
#ifndef SOCKLAB_STATEDIAG_H
#define SOCKLAB_STATEDIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/ptrmap.h"
#include "base/strpool.h"
#include "sources/state/sockdiag.h"

struct statediag {
	struct strpool *pool;
	struct ptrmap last; /* interned name -> packed state and dump number */
	long dump;	    /* the dump under way, counted from 1 */
	long followed;	    /* sockets followed now */
	bool adopt;
	bool seeded; /* a first dump has been seen */
};

/* A change: sock is "LOCAL>PEER"; timer_ms is the TIME_WAIT countdown, or -1. */
typedef void (*statediag_fn)(void *arg, const char *sock, enum tcp_state from, enum tcp_state to,
			     int64_t timer_ms);

int statediag_init(struct statediag *d, bool adopt);
void statediag_free(struct statediag *d);

/* Follows sock from state st on (adopt = false). */
void statediag_follow(struct statediag *d, const char *sock, enum tcp_state st);

/* One dump: begin, each socket found, end. */
void statediag_begin(struct statediag *d);
void statediag_see(struct statediag *d, const struct sockdiag_entry *e, statediag_fn fn, void *arg);
void statediag_end(struct statediag *d, statediag_fn fn, void *arg);

#endif

/*
 * socktable.h - the sockets of a session, from its events.
 *
 * A socket is named as the tracer names it, "LOCAL>PEER" ("*" for no peer):
 * the same string in call events and state events, so both land on one
 * entry. The viewer's socket table and the checks ("no server socket stays
 * in CLOSE_WAIT") read this. Built event by event, like the process table.
 */
#ifndef SOCKLAB_SOCKTABLE_H
#define SOCKLAB_SOCKTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/ptrmap.h"
#include "session/event.h"
#include "session/session.h"

/* A socket at one moment, for whoever replays a session (the viewer):
 * kept only when the table is asked to (socktable.keep_history). */
struct sock_mark {
	int64_t t;
	int64_t timer_ms;    /* TIME_WAIT: time left at t_state; -1 */
	int64_t t_state;     /* when it entered state */
	uint64_t sent, rcvd; /* bytes, by its calls, up to t */
	pid_t pid;	     /* the process that used it last, and its fd there */
	pid_t tid;	     /* the thread of that call (the pid for a process's first) */
	int32_t fd;
	uint8_t state; /* enum tcp_state */
	bool closed;
};

/* The mark after change SOCK_SNAP_EVERY * (k + 1) - 1, and where the next
 * change starts in hist. */
#define SOCK_SNAP_EVERY 32
struct sock_snap {
	struct sock_mark mark;
	uint32_t next;
};

struct sock_info {
	const char *sock; /* interned "LOCAL>PEER" */
	int32_t conn;	  /* the session's connection number, or -1 */
	uint8_t proto;	  /* enum proto */
	uint8_t state;	  /* last known TCP state; TCP_ST_NONE if none seen */
	pid_t pid;	  /* the last process that used it in a call */
	pid_t tid;	  /* the thread that made that call */
	int32_t fd;	  /* and its descriptor there */
	int64_t t_state;  /* when it entered state */
	int64_t timer_ms; /* TIME_WAIT: time left at t_state; -1 */
	int64_t t_first, t_last;
	uint64_t bytes_sent, bytes_rcvd; /* by its calls */
	uint32_t nstates;		 /* state changes seen */
	bool closed;			 /* its owner called close() (others may hold it) */
	/* Its history (keep_history): a mark per event that touched it, kept
	 * as changes from the mark before, a few bytes each, with the whole
	 * mark every SOCK_SNAP_EVERY of them (socktable.c). */
	uint8_t *hist;
	uint32_t hist_len, hist_cap, nhist;
	struct sock_snap *snap;
	size_t nsnap, snap_cap;
	struct sock_mark last; /* the mark last added */
};

struct socktable {
	struct sock_info *s;
	size_t n, cap;
	struct ptrmap index; /* interned name -> position in s, plus one */
	bool keep_history;   /* set before the first socktable_add */
};

void socktable_add(struct socktable *st, const struct event *e);
/* The whole table from a session's events. */
void socktable_build(struct socktable *st, const struct session *s);
void socktable_free(struct socktable *st);

/* By interned name: the pointer from an event. */
struct sock_info *socktable_find(const struct socktable *st, const char *sock);

/* What s was at time t (keep_history): false when it did not exist yet. */
bool sock_at(const struct sock_info *s, int64_t t, struct sock_mark *out);

#endif

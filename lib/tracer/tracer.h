/*
 * tracer.h - the inside of socklab's preloaded call tracer.
 *
 * The tracer is a shared library that socklab puts in LD_PRELOAD. Its
 * exported functions (socket, recv, fork, ...) stand in front of the C
 * library's: each calls the real function, then writes one event record to the
 * session's ring, and returns exactly what the real function returned, with
 * the same errno. The files:
 *
 *   real.c        the C library's own functions, resolved once with dlsym()
 *   record.c      building one JSON record and handing it to the ring
 *                 (ring_put); the data calls' binary record is iocalls.c's
 *   fdtab.c       which descriptors are sockets, and their addresses
 *   sockcalls.c   socket, bind, listen, accept, connect, options, shutdown
 *   iocalls.c     send/recv and friends, read/write on sockets, close: a
 *                 binary ringrec_io written in the ring's slot (ring_claim,
 *                 ring_commit; lib/wire/ringrec.h)
 *   muxcalls.c    select, poll, fcntl, dup
 *   epollcalls.c  epoll_create, epoll_ctl, epoll_wait: ready descriptors
 *   threadcalls.c pthread_create, a thread's start and end
 *   proccalls.c   fork, exec, exit
 *   sigcalls.c    wait and friends (reaping), signal handlers
 *   namecalls.c   getaddrinfo, gethostbyname: names to addresses
 *   tcpinfo.c     TCP_INFO after calls, when the ring's header asks for it
 *   init.c        start-up in each process image, fork handlers
 * and, shared with socklab, lib/wire/: the ring, endpoint names, the
 * names of options, flags and signals (names.c), the TCP vocabulary.
 *
 * Rules that keep the tracer invisible:
 *   - it holds no file descriptor (the ring is a mapping, see lib/wire/ring.h);
 *   - its own system calls go through real_* pointers or syscall(), never
 *     through the names it interposes;
 *   - it never blocks and never allocates with malloc(): a record is built on
 *     the stack, and a full ring drops it;
 *   - errno is saved right after the real call and restored before returning.
 */
#ifndef SOCKLAB_TRACER_H
#define SOCKLAB_TRACER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "wire/endpoint.h"
#include "wire/ring.h"
#include "wire/tcp.h"

#define EXPORT __attribute__((visibility("default")))

/* ---- real.c ---------------------------------------------------------- */

#include "tracer/real.h"

/* ---- record.c -------------------------------------------------------- */

/* One event record under construction: a JSON object, built on the stack. */
struct rec {
	size_t n;
	bool full;
	bool dropped; /* the ring was full at rec_begin: dropped and counted */
	char buf[RING_RECORD_MAX];
};

extern bool tracer_on;		/* false when this process is not in a session */
extern struct ring tracer_ring; /* the session's ring, mapped by init.c */

int64_t now_ns(void); /* CLOCK_MONOTONIC, through the vDSO */
int tracer_pid(void); /* cached; reset in a forked child */
int tracer_tid(void);
void tracer_forget_ids(void); /* in a forked child: new pid, new tid */

/* Starts {"t":...,"src":"...","pid":...,"tid":... at time t (monotonic ns). */
void rec_begin(struct rec *r, const char *src, int64_t t);
void rec_str(struct rec *r, const char *key, const char *val); /* NULL: null */
void rec_int(struct rec *r, const char *key, long long val);
void rec_bool(struct rec *r, const char *key, bool val);
/* Adds "key":[v0,v1,...] of ints. */
void rec_ints(struct rec *r, const char *key, const int *vals, int n);
/* Closes the object and puts it in the ring (or counts it as dropped). */
void rec_emit(struct rec *r);

/*
 * A call record: fn, fd, ret, errno and dur. Every call record has the same
 * time rule: t is when the call took effect -- its return for calls that
 * wait for something to arrive (accept, recv, read, select, wait, ...), its
 * entry for the others (connect, send, close, ...). So connect() comes
 * before its SYN and accept() after it. fd < 0 leaves out "fd".
 */
enum call_timing { ACTS_AT_ENTRY, ACTS_AT_RETURN };
void rec_call_head(struct rec *r, const char *fn, int fd, long long ret, int err, int64_t t_in,
		   enum call_timing when);
/* rec_call_head, then the socket's identity "LOCAL>PEER" and protocol. */
void rec_call(struct rec *r, const char *fn, int fd, long long ret, int err, int64_t t_in,
	      enum call_timing when);
struct fdinfo;
void rec_sock(struct rec *r, const struct fdinfo *fi);
/* Adds "key":"IP:PORT" for a socket address. */
void rec_addr(struct rec *r, const char *key, const struct sockaddr *sa, socklen_t len);
/* Adds "key":["a","b",...]. */
void rec_strs(struct rec *r, const char *key, char *const *vals, int n);

/* A call that is not traced goes straight through: the tracer is off in this
 * process, or the descriptor is not a socket. Makes sure real_NAME is set,
 * even when another library's constructor calls us before ours ran. */
#define NEED_REAL(name)                                                                            \
	do {                                                                                       \
		if (__builtin_expect(real_##name == NULL, 0))                                      \
			real_resolve();                                                            \
	} while (0)

/* ---- fdtab.c --------------------------------------------------------- */

struct fdinfo {
	bool is_socket;
	int type; /* SOCK_STREAM, SOCK_DGRAM, ... */
	struct endpoint local, peer;
	/* "LOCAL>PEER", made once when the addresses are learned: formatting
	 * two addresses on every call would cost more than the rest of the
	 * record. */
	char sock[ENDPOINT_PAIR_MAX];
	uint8_t tcp_state; /* last state reported through TCP_INFO; 0: none */
};

/* Remembers fd as a socket of the given type; learns its
 * addresses from the kernel (getsockname, getpeername). */
void fdtab_add(int fd, int type);
/* Learns fd's addresses again (after bind, connect, listen, sendto). */
void fdtab_refresh(int fd);
void fdtab_forget(int fd);
void fdtab_copy(int from, int to); /* dup2 and friends */
bool fdtab_is_socket(int fd);
/* fd's socket type (SOCK_STREAM, ...), or 0 when it is not a known socket;
 * cheaper than fdtab_get on a hot path. */
int fdtab_type(int fd);
/* Copies fd's entry; false when fd is not a known socket. */
bool fdtab_get(int fd, struct fdinfo *out);
/* Remembers the TCP state last reported for fd (tcpinfo.c). */
void fdtab_set_tcp_state(int fd, uint8_t st);
/* The first known socket from from to last, or -1. */
int fdtab_next_socket(int from, unsigned last);
/* Finds the sockets a new process image inherited. */
void fdtab_scan(void);

/* ---- tcpinfo.c ------------------------------------------------------ */

/*
 * When socklab asks for it (RING_ASK_TCPINFO: it has no tracefs), reads
 * fd's TCP state with TCP_INFO after a call that may change it, and writes
 * a state event if it changed. unknown_from is the state to report it
 * came from when fd has none yet (TCP_ST_SYN_RCVD for an accepted socket).
 * May change errno: call it before restoring the caller's.
 */
void tcpinfo_report(int fd, int unknown_from);

/* ---- proccalls.c ---------------------------------------------------- */

void tracer_forget_exit(void); /* in a forked child: its exit is still to come */
/* Remembers LD_PRELOAD and SOCKLAB_RING, to put them back into the
 * environment of an exec that left them out. */
void tracer_keep_env(const char *preload, const char *ring);

/* ---- names (lib/wire/names.h) ---------------------------------------------- */

#include "wire/names.h"

#endif

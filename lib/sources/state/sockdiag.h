/*
 * sockdiag.h - asking the kernel which TCP sockets exist, and in which
 * state, through NETLINK_SOCK_DIAG (what `ss` does). Works without root.
 *
 * It sees what tracefs cannot: a connection in TIME_WAIT is no longer a
 * socket but a small "timewait" stand-in that changes no state through
 * tcp_set_state(), so only sock_diag tells it and its countdown.
 */
#ifndef SOCKLAB_SOCKDIAG_H
#define SOCKLAB_SOCKDIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/endpoint.h"
#include "wire/tcp.h"

struct sockdiag_entry {
	struct endpoint local;
	struct endpoint peer; /* family 0 for a listener */
	enum tcp_state state; /* for a timewait socket: its substate */
	bool timewait;	      /* the kernel's stand-in after the socket closed */
	int64_t timer_ms;     /* timewait: time left; otherwise -1 */
	uint32_t inode;	      /* the socket's inode (socket:[INODE] in /proc/PID/fd); 0
			       * for a timewait one */
};

/* Called once for each socket found. */
typedef void (*sockdiag_fn)(void *arg, const struct sockdiag_entry *e);

/* A bit per state, as the kernel's filter takes them: 1 << TCP_ST_LISTEN ... */
#define SOCKDIAG_STATE(st) (1u << (st))
#define SOCKDIAG_ALL	   0xfffu

/* The netlink socket, in network namespace netns (a name or a path; NULL:
 * socklab's own): it sees the sockets of that namespace only. Returns it,
 * or -1 with why. */
int sockdiag_open(const char *netns, char *err, size_t errlen);

/* Every IPv4 and IPv6 TCP socket whose state is in states, one fn call
 * each. Returns 0, or -1 with why. */
int sockdiag_dump(int fd, uint32_t states, sockdiag_fn fn, void *arg, char *err, size_t errlen);

/*
 * Reads one buffer of the kernel's answer (exposed for the tests: these are
 * outside bytes, checked before use). Returns 1 once the answer is complete,
 * 0 when more is to come, -1 with why for an error or damaged bytes.
 */
int sockdiag_parse(const void *buf, size_t len, uint32_t seq, sockdiag_fn fn, void *arg, char *err,
		   size_t errlen);

#endif

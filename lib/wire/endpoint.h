/*
 * endpoint.h - a socket's address as socklab names it, the same in every
 * room of the house.
 *
 * A socket is named "LOCAL>PEER" in call events (written by the preloaded
 * tracer), in state events (from tracefs, sock_diag or TCP_INFO) and in the
 * collector's connection numbers. All of them make the text here, so the
 * same socket always gets the same string:
 *
 *   127.0.0.1:9190>127.0.0.1:40112    IPv4
 *   [::1]:9190>[::1]:40112            IPv6
 *   0.0.0.0:9190>*                    a listener: no peer
 *
 * Compiled into socklab and into the tracer; so everything here is
 * async-signal-safe: no malloc(), no stdio, no locks.
 */
#ifndef SOCKLAB_ENDPOINT_H
#define SOCKLAB_ENDPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* A socket address small enough to keep one per descriptor. */
struct endpoint {
	uint16_t family; /* AF_INET, AF_INET6, AF_UNIX or 0 (unknown) */
	uint16_t port;	 /* host order */
	uint8_t addr[16];
};

/* Room for "[ffff:...:255.255.255.255]:65535" and a NUL. */
#define ENDPOINT_STR_MAX 64
/* Room for "LOCAL>PEER". */
#define ENDPOINT_PAIR_MAX (2 * ENDPOINT_STR_MAX + 2)

void endpoint_from_sockaddr(struct endpoint *ep, const struct sockaddr *sa, socklen_t len);

/* "127.0.0.1:9190", "[::1]:9190", "unix", or "*" for none (family 0). */
void endpoint_str(const struct endpoint *ep, char *out, size_t cap);

/* "LOCAL>PEER": the identity of a socket in every event that names it. */
void endpoint_pair_str(const struct endpoint *local, const struct endpoint *peer, char *out,
		       size_t cap);

/*
 * An IPv4 connection on an IPv6 socket is named with a mapped address,
 * "[::ffff:127.0.0.1]:9190", by the tracer and by the kernel's state
 * events; a captured packet names it "127.0.0.1:9190". For comparing
 * the two: copies ip_port to out, with a mapped address written as IPv4.
 * Anything else is copied as it is (cut to cap).
 */
void endpoint_text_unmapped(const char *ip_port, char *out, size_t cap);

/* The port of "IP:PORT" or "[IPV6]:PORT" (0 if none). */
int endpoint_port(const char *ip_port);

/*
 * The halves of "LOCAL>PEER", each copied into a buffer of cap bytes
 * (cut to fit); either buffer may be NULL. The peer of a socket with none
 * is "*". Returns 0, or -1 when sock is NULL or not a pair (no '>').
 */
int endpoint_pair_split(const char *sock, char *local, char *peer, size_t cap);

/* True when sock is a pair with a peer: not "*" (a listener, an
 * unconnected UDP socket). */
bool endpoint_pair_has_peer(const char *sock);

/* The peer half of sock ("IP:PORT", "*"), pointing into sock; NULL when
 * sock is not a pair. */
const char *endpoint_pair_peer(const char *sock);

/* The ports of sock's halves (0 for none, or when sock is not a pair). */
int endpoint_pair_local_port(const char *sock);
int endpoint_pair_peer_port(const char *sock);

/* The same connection seen from its other end: "A>B" becomes "B>A", in
 * out (cap bytes). Returns out, or NULL when sock has no peer. */
const char *endpoint_pair_reversed(const char *sock, char *out, size_t cap);

#endif

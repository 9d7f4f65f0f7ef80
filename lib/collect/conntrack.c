/*
 * conntrack.c - what the session learns from the events that arrive (its
 * sockets' endpoints, its processes, who was reaped), and the connection
 * numbers it gives them when they are written: one "conn" for a TCP
 * connection's calls, states and packets, one for a UDP flow; and each
 * socket's states told as one chain.
 */
#include "collect/collector_int.h"

#include <stdio.h>
#include <string.h>

#include "base/jscan.h"
#include "base/ptrmap.h"
#include "base/strpool.h"
#include "collect/procwatch.h"
#include "wire/endpoint.h"
#include "wire/tcp.h"

/* ---- what the session learns ------------------------------------------ */

const char *col_intern(struct collector *c, const char *s)
{
	return strpool_get(c->pool, s);
}

/*
 * How a local address of the session's takes packets: from any peer (a
 * socket bound or listening there, or one not connected), or only from the
 * peers in c->flows (a connected socket's: connect() may give the same
 * ephemeral port to another program's socket that talks to another peer,
 * and that one's packets are not the session's).
 */
enum { ANY_PEER = 1, PEERS_LISTED = 2 };

/* The key of a connected socket in c->flows: "LOCAL>PEER", both unmapped
 * (local already is). */
static void flow_key(const char *local, const char *peer, char *key, size_t len)
{
	char other[ENDPOINT_STR_MAX];

	endpoint_text_unmapped(peer, other, sizeof(other));
	snprintf(key, len, "%s>%s", local, other);
}

/* A local address of the session's, and its peer when it is connected. */
static void learn_endpoint(struct collector *c, const char *local, const char *peer)
{
	char unmapped[ENDPOINT_STR_MAX], flow[ENDPOINT_PAIR_MAX];
	const char *key;
	long how = 0;

	/* Port 0 is "not bound yet", not an address. */
	if (endpoint_port(local) == 0)
		return;
	endpoint_text_unmapped(local, unmapped, sizeof(unmapped));
	key = col_intern(c, unmapped);
	ptrmap_get(&c->endpoints, key, &how);
	if (!peer || endpoint_port(peer) == 0) {
		ptrmap_put(&c->endpoints, key, ANY_PEER);
		return;
	}
	if (how != ANY_PEER)
		ptrmap_put(&c->endpoints, key, PEERS_LISTED);
	flow_key(unmapped, peer, flow, sizeof(flow));
	ptrmap_put(&c->flows, col_intern(c, flow), 1);
}

/* A socket's "LOCAL>PEER" (peer "*" when it has none). */
void col_learn_sock(struct collector *c, const char *sock)
{
	char local[ENDPOINT_STR_MAX], peer[ENDPOINT_STR_MAX];

	if (endpoint_pair_split(sock, local, peer, sizeof(local)) < 0)
		return;
	learn_endpoint(c, local, endpoint_pair_has_peer(sock) ? peer : NULL);
}

void col_learn_pid(struct collector *c, pid_t pid)
{
	long seen;

	if (pid > 0 && pid != c->self && !procwatch_has(c->procs, pid) &&
	    !ptrmap_get(&c->reaped, (void *)(intptr_t)pid, &seen))
		procwatch_add(c->procs, pid);
}

/* A record says child was reaped. It may come from the ring, which the
 * program itself can write: /proc stays watched until it says the child
 * is gone (a forged reaping never hides a zombie); reaped only keeps
 * the watch from telling that reaping again. */
void col_learn_reaped(struct collector *c, pid_t child)
{
	ptrmap_put(&c->reaped, (void *)(intptr_t)child, REAPED_BY_WAIT);
	blocked_forget(c->blocked, child);
}

void col_learn(struct collector *c, json_t *ev)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *what = json_string_value(json_object_get(ev, "event"));
	pid_t pid = (pid_t)json_integer_value(json_object_get(ev, "pid"));
	pid_t child = (pid_t)json_integer_value(json_object_get(ev, "child"));

	if (!src)
		return;
	if (strcmp(src, "call") == 0) {
		col_learn_sock(c, json_string_value(json_object_get(ev, "sock")));
		col_learn_pid(c, pid);
	} else if (strcmp(src, "proc") == 0 && what) {
		if (strcmp(what, "reaped") == 0) {
			col_learn_reaped(c, child);
		} else if (strcmp(what, "fork") == 0) {
			col_learn_pid(c, pid);
			/* A fork's child is new, even if its pid was used before. */
			if (child > 0)
				procwatch_add(c->procs, child);
		} else if (strcmp(what, "exec") == 0 || strcmp(what, "exit") == 0 ||
			   strcmp(what, "watch") == 0) {
			col_learn_pid(c, pid);
		}
	}
}

/*
 * Whether c->endpoints or c->flows has a key, and its value in *how. The
 * questions come from every packet on the interface, most of them other
 * programs': they look the pool up and add nothing to it (ptrmap_get()
 * has nothing for the NULL of a string the pool never had).
 */
static bool has_key(const struct ptrmap *m, const struct collector *c, const char *key, long *how)
{
	return ptrmap_get(m, strpool_find(c->pool, key), how);
}

/* A socket bound to the wildcard address of its family; an IPv6 one (not
 * IPV6_V6ONLY, the default) also takes IPv4 connections. */
static bool knows_wildcard(struct collector *c, bool v6, int port)
{
	char wild[32];

	snprintf(wild, sizeof(wild), "[::]:%d", port);
	if (has_key(&c->endpoints, c, wild, NULL))
		return true;
	snprintf(wild, sizeof(wild), "0.0.0.0:%d", port);
	return !v6 && has_key(&c->endpoints, c, wild, NULL);
}

bool collector_watches_port(const struct collector *c, int port)
{
	for (size_t i = 0; i < c->nports; i++)
		if (c->ports[i] == port)
			return true;
	return false;
}

bool collector_knows_socket(struct collector *c, const char *local, const char *peer)
{
	char unmapped[ENDPOINT_STR_MAX], flow[ENDPOINT_PAIR_MAX];
	long how = 0;
	int port;

	endpoint_text_unmapped(local, unmapped, sizeof(unmapped));
	if (!(port = endpoint_port(unmapped)))
		return false;
	if (collector_watches_port(c, port))
		return true;
	if (has_key(&c->endpoints, c, unmapped, &how)) {
		if (how == ANY_PEER)
			return true;
		flow_key(unmapped, peer, flow, sizeof(flow));
		if (has_key(&c->flows, c, flow, NULL))
			return true;
	}
	return knows_wildcard(c, unmapped[0] == '[', port);
}

bool collector_adopt_endpoint(struct collector *c, pid_t pid, const char *local, const char *peer)
{
	long seen;

	if (pid <= 0 || pid == c->self ||
	    (!procwatch_has(c->procs, pid) &&
	     !ptrmap_get(&c->reaped, (void *)(intptr_t)pid, &seen)))
		return false;
	learn_endpoint(c, local, peer);
	return true;
}

/* The two ends of a connected socket's "LOCAL>PEER", unmapped. False for
 * a socket without a peer, and for Unix sockets: they have no addresses
 * to tell one pair from another. */
static bool sock_ends(const char *sock, char *a, char *b, size_t cap)
{
	char local[ENDPOINT_STR_MAX], peer[ENDPOINT_STR_MAX];

	if (!endpoint_pair_has_peer(sock) || strncmp(sock, "unix", 4) == 0)
		return false;
	endpoint_pair_split(sock, local, peer, sizeof(local));
	endpoint_text_unmapped(local, a, cap);
	endpoint_text_unmapped(peer, b, cap);
	return true;
}

/*
 * The connection an event is about, numbered in the order connections
 * appear: "sock" (LOCAL>PEER) for calls and states, from and to for
 * packets. Both directions, and both sockets of a connection, get the same
 * number; a mapped address counts as the IPv4 address it maps, as a packet
 * shows it. A socket without a peer (a listener) is no connection: it is
 * named by its "sock" alone.
 */
static bool connection_ends(json_t *ev, char *a, char *b, size_t cap)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *sock = json_string_value(json_object_get(ev, "sock"));
	const char *from = json_string_value(json_object_get(ev, "from"));
	const char *to = json_string_value(json_object_get(ev, "to"));

	if (sock_ends(sock, a, b, cap))
		return true;
	/* A state event's from and to are states, not addresses. */
	if (!sock && src && strcmp(src, "pkt") == 0 && from && to) {
		endpoint_text_unmapped(from, a, cap);
		endpoint_text_unmapped(to, b, cap);
		return true;
	}
	return false;
}

/* The number a key stands for, or 0; or, with make, a new number for it
 * (0 if out of memory). */
static long conn_for_key(struct collector *c, const char *key, bool make)
{
	const char *k = col_intern(c, key);
	long conn = 0;

	if (!k || ptrmap_get(&c->conns, k, &conn) || !make)
		return conn;
	conn = ++c->next_conn;
	ptrmap_put(&c->conns, k, conn);
	return conn;
}

static void conn_key(const char *a, const char *b, char *key, size_t cap)
{
	if (strcmp(a, b) < 0)
		snprintf(key, cap, "%s|%s", a, b);
	else
		snprintf(key, cap, "%s|%s", b, a);
}

/* The number of the connection between a and b, in either order: given
 * in order of appearance, from 1. 0 if out of memory. */
static long conn_between(struct collector *c, const char *a, const char *b)
{
	char key[2 * ENDPOINT_STR_MAX + 2];

	conn_key(a, b, key, sizeof(key));
	return conn_for_key(c, key, true);
}

/*
 * UDP datagrams between two ports are a "connection" too (a flow), though
 * a server's socket is often bound to 0.0.0.0 and never connected: its
 * sendto() and recvfrom() name only their own port and the peer. A flow is
 * therefore also known by each side's half: "udp:PORT>PEER" (this side's
 * port, the other side's address). A datagram knows both ends and records
 * both halves; a call on an unconnected socket finds its flow by its half,
 * or starts it (a sendto() comes before its datagram).
 */
static void udp_half_key(int port, const char *peer, char *key, size_t cap)
{
	snprintf(key, cap, "udp:%d>%s", port, peer);
}

static void conn_remember(struct collector *c, const char *key, long conn)
{
	const char *k = col_intern(c, key);

	if (k && conn > 0)
		ptrmap_put(&c->conns, k, conn);
}

static long udp_flow_between(struct collector *c, const char *a, const char *b)
{
	char key[2 * ENDPOINT_STR_MAX + 2], half_a[ENDPOINT_STR_MAX + 16],
		half_b[ENDPOINT_STR_MAX + 16];
	long conn;

	conn_key(a, b, key, sizeof(key));
	udp_half_key(endpoint_port(a), b, half_a, sizeof(half_a));
	udp_half_key(endpoint_port(b), a, half_b, sizeof(half_b));
	conn = conn_for_key(c, key, false);
	if (!conn)
		conn = conn_for_key(c, half_a, false);
	if (!conn)
		conn = conn_for_key(c, half_b, false);
	if (!conn)
		conn = conn_for_key(c, key, true);
	conn_remember(c, key, conn);
	conn_remember(c, half_a, conn);
	conn_remember(c, half_b, conn);
	return conn;
}

/* A call on an unconnected UDP socket ("0.0.0.0:9190>*") that names its
 * peer (sendto's destination, recvfrom's source): the flow it belongs to.
 * text is the call's record. 0 for anything else. */
long col_udp_flow_of_call(struct collector *c, const char *sock, const char *text, size_t len)
{
	static const char peer_tag[] = "\"peer\":\"", udp_tag[] = "\"proto\":\"udp\"";
	const char *peer, *end;
	char peer_text[ENDPOINT_STR_MAX], unmapped[ENDPOINT_STR_MAX], half[ENDPOINT_STR_MAX + 16],
		local[ENDPOINT_STR_MAX];

	if (endpoint_pair_split(sock, local, peer_text, sizeof(local)) < 0 ||
	    strcmp(peer_text, "*") != 0 || !memmem(text, len, udp_tag, sizeof(udp_tag) - 1))
		return 0;
	peer = memmem(text, len, peer_tag, sizeof(peer_tag) - 1);
	if (!peer)
		return 0;
	peer += sizeof(peer_tag) - 1;
	end = memchr(peer, '"', len - (size_t)(peer - text));
	if (!end || end - peer >= (long)sizeof(peer_text))
		return 0;
	snprintf(peer_text, sizeof(peer_text), "%.*s", (int)(end - peer), peer);
	endpoint_text_unmapped(peer_text, unmapped, sizeof(unmapped));
	udp_half_key(endpoint_port(local), unmapped, half, sizeof(half));
	return conn_for_key(c, half, true);
}

static bool is_udp_packet(json_t *ev)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *proto = json_string_value(json_object_get(ev, "proto"));

	return src && proto && strcmp(src, "pkt") == 0 && strcmp(proto, "udp") == 0;
}

void col_number_connection(struct collector *c, json_t *ev)
{
	char a[ENDPOINT_STR_MAX], b[ENDPOINT_STR_MAX];
	long conn;

	if (!connection_ends(ev, a, b, sizeof(a)))
		return;
	if (is_udp_packet(ev))
		conn = udp_flow_between(c, a, b);
	else
		conn = conn_between(c, a, b);
	if (conn > 0)
		json_object_set_new(ev, "conn", json_integer(conn));
}

/* The connection number of an interned socket name, remembered per name:
 * a traced program names the same few sockets in most of its calls. 0 for
 * a socket without a peer. */
long col_conn_of_sock(struct collector *c, const char *sock)
{
	char a[ENDPOINT_STR_MAX], b[ENDPOINT_STR_MAX];
	long conn = 0;

	if (ptrmap_get(&c->sock_conn, sock, &conn))
		return conn;
	if (sock_ends(sock, a, b, sizeof(a)))
		conn = conn_between(c, a, b);
	ptrmap_put(&c->sock_conn, sock, conn);
	return conn;
}

/*
 * One socket, one story. Two sources may see the same change (sock_diag
 * and TCP_INFO without tracefs): a state already told for a socket is not
 * told again, and "from" is always the state its story told last, so the
 * states of a socket read as one chain.
 */
bool col_tell_state(struct collector *c, json_t *ev)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *sock = json_string_value(json_object_get(ev, "sock"));
	enum tcp_state to = tcp_state_parse(json_string_value(json_object_get(ev, "to")));
	const char *k;
	long last;

	if (!src || strcmp(src, "state") != 0 || !sock || to == TCP_ST_NONE ||
	    !(k = col_intern(c, sock)))
		return true;
	if (ptrmap_get(&c->states, k, &last)) {
		if (last == (long)to)
			return false;
		json_object_set_new(ev, "from", json_string(tcp_state_name((enum tcp_state)last)));
	}
	ptrmap_put(&c->states, k, (long)to);
	return true;
}

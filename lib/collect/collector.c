/*
 * collector.c - one thread that turns records from everywhere into one
 * ordered session.
 *
 * The thread loops: take every record from the ring, take every event
 * pushed by a source, look at /proc now and then, and write out the events
 * older than REORDER_NS. Events wait in a heap ordered by time (ties by
 * arrival). What an event teaches the session -- a socket's address, a new
 * process, a reaped child -- is learned when it arrives, so a packet sent
 * before its connect() returned is still known to belong.
 *
 *   arrive():  parse, learn endpoints and processes, put in the heap
 *   flush():   in time order: ask the source, number connections, write
 */
#include "collect/collector.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "collect/privs.h"
#include "wire/endpoint.h"
#include "wire/tcp.h"
#include "base/jscan.h"
#include "wire/ringrec.h"
#include "collect/procwatch.h"
#include "base/ptrmap.h"
#include "wire/ring.h"
#include "base/strpool.h"

/* How long an event waits for earlier ones that are still on their way.
 * A call record arrives when the call returns, up to a few milliseconds
 * after its time; a packet waits for the connect() that owns it. */
#define REORDER_NS (250 * 1000 * 1000LL)
/* Events written per pass of the loop, between looks at the ring. */
#define FLUSH_BATCH 2048
/* How often /proc is read for zombies. */
#define PROC_SCAN_NS (20 * 1000 * 1000LL)
/* How long the last drain waits for a producer that claimed a slot. */
#define DRAIN_NS (1500 * 1000 * 1000LL)
#define MAX_SOURCES 8

/*
 * An event waiting to be written: either a jansson object (from a source,
 * or a rare record), or -- for the many call records of traced programs --
 * the record's own text, checked by jscan and written as it came, with its
 * connection number added.
 */
struct pending {
	int64_t t;
	uint64_t seq; /* arrival order, to keep ties stable */
	json_t *ev;
	char *text;       /* when ev is NULL: the record, not NUL-terminated */
	uint32_t len;
	const char *sock; /* interned "LOCAL>PEER" of a text record, or NULL */
	collector_flush_fn fn;
	void *blob, *ctx;
};

struct heap {
	struct pending *a;
	size_t n, cap;
};

struct collector {
	/* Set by collector_start, then read-only. */
	char *dir;
	char ring_path[256];
	bool own_ring;
	struct ring ring;
	int64_t t0;
	int64_t t0_realtime;
	json_t *meta;
	void (*on_event)(void *arg, const char *line, size_t len);
	void *on_event_arg;
	int *ports;
	size_t nports;
	char *capture_iface, *capture_netns;
	pid_t self;

	/* Shared with other threads, under lock. */
	pthread_mutex_t lock;
	struct pending *inbox;
	size_t inbox_n, inbox_cap;
	atomic_bool stopping;

	/* The collector thread's own. */
	pthread_t thread;
	struct heap heap;
	uint64_t seq;
	FILE *out;
	struct strpool *pool;
	struct ptrmap endpoints; /* interned "IP:PORT" -> 1 */
	struct ptrmap conns;     /* interned "A|B" (A < B) -> connection number */
	struct ptrmap states;    /* interned "LOCAL>PEER" -> its last state written */
	struct ptrmap sock_conn; /* interned "LOCAL>PEER" -> its connection number */
	struct ptrmap learned;   /* interned "LOCAL>PEER" -> 1, once its address is learned */
	struct ptrmap reaped;    /* pid -> 1, once a reaping was seen */
	long next_conn;
	struct procwatch *procs;
	int64_t last_scan;
	int64_t last_written;
	bool late; /* something was written out of order */
	uint64_t written, bad_records;

	const struct source *sources[MAX_SOURCES];
	void *source_state[MAX_SOURCES];
	size_t nsources;
};

/* ---- the heap ------------------------------------------------------- */

static bool pending_before(const struct pending *a, const struct pending *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void pending_swap(struct pending *a, struct pending *b)
{
	struct pending tmp = *a;

	*a = *b;
	*b = tmp;
}

static int heap_push(struct heap *h, const struct pending *p)
{
	size_t i;

	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 1024;
		struct pending *a = realloc(h->a, cap * sizeof(*a));
		if (!a)
			return -1;
		h->a = a;
		h->cap = cap;
	}
	i = h->n++;
	h->a[i] = *p;
	while (i > 0 && pending_before(&h->a[i], &h->a[(i - 1) / 2])) {
		pending_swap(&h->a[i], &h->a[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

static struct pending heap_pop(struct heap *h)
{
	struct pending top = h->a[0];
	size_t i = 0;

	h->a[0] = h->a[--h->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < h->n && pending_before(&h->a[l], &h->a[m]))
			m = l;
		if (r < h->n && pending_before(&h->a[r], &h->a[m]))
			m = r;
		if (m == i)
			break;
		pending_swap(&h->a[i], &h->a[m]);
		i = m;
	}
	return top;
}

/* ---- what the session learns ------------------------------------------ */

static const char *intern(struct collector *c, const char *s)
{
	return strpool_get(c->pool, s);
}

/* The local side of "LOCAL>PEER". */
static void learn_sock(struct collector *c, const char *sock)
{
	const char *gt = sock ? strchr(sock, '>') : NULL;
	char local[ENDPOINT_STR_MAX], unmapped[ENDPOINT_STR_MAX];
	const char *colon;

	if (!gt)
		return;
	colon = gt;
	while (colon > sock && colon[-1] != ':')
		colon--;
	/* Port 0 is "not bound yet", not an address. */
	if (colon == sock || (gt - colon == 1 && colon[0] == '0'))
		return;
	snprintf(local, sizeof(local), "%.*s", (int)(gt - sock), sock);
	endpoint_text_unmapped(local, unmapped, sizeof(unmapped));
	ptrmap_put(&c->endpoints, intern(c, unmapped), 1);
}

static void learn_pid(struct collector *c, pid_t pid)
{
	long seen;

	if (pid > 0 && pid != c->self && !procwatch_has(c->procs, pid) &&
	    !ptrmap_get(&c->reaped, (void *)(intptr_t)pid, &seen))
		procwatch_add(c->procs, pid);
}

static void learn_reaped(struct collector *c, pid_t child)
{
	ptrmap_put(&c->reaped, (void *)(intptr_t)child, 1);
	procwatch_forget(c->procs, child);
}

static void learn(struct collector *c, json_t *ev)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *what = json_string_value(json_object_get(ev, "event"));
	pid_t pid = (pid_t)json_integer_value(json_object_get(ev, "pid"));
	pid_t child = (pid_t)json_integer_value(json_object_get(ev, "child"));

	if (!src)
		return;
	if (strcmp(src, "call") == 0) {
		learn_sock(c, json_string_value(json_object_get(ev, "sock")));
		learn_pid(c, pid);
	} else if (strcmp(src, "proc") == 0 && what) {
		if (strcmp(what, "reaped") == 0) {
			learn_reaped(c, child);
		} else if (strcmp(what, "fork") == 0) {
			learn_pid(c, pid);
			/* A fork's child is new, even if its pid was used before. */
			if (child > 0)
				procwatch_add(c->procs, child);
		} else if (strcmp(what, "exec") == 0 || strcmp(what, "exit") == 0 ||
			   strcmp(what, "watch") == 0) {
			learn_pid(c, pid);
		}
	}
}

/* A socket bound to the wildcard address of its family; an IPv6 one (not
 * IPV6_V6ONLY, the default) also takes IPv4 connections. */
static bool knows_wildcard(struct collector *c, bool v6, int port)
{
	char wild[32];
	long seen;

	snprintf(wild, sizeof(wild), "[::]:%d", port);
	if (ptrmap_get(&c->endpoints, intern(c, wild), &seen))
		return true;
	snprintf(wild, sizeof(wild), "0.0.0.0:%d", port);
	return !v6 && ptrmap_get(&c->endpoints, intern(c, wild), &seen);
}

bool collector_watches_port(const struct collector *c, int port)
{
	for (size_t i = 0; i < c->nports; i++)
		if (c->ports[i] == port)
			return true;
	return false;
}

bool collector_knows_endpoint(struct collector *c, const char *ip_port)
{
	char unmapped[ENDPOINT_STR_MAX];
	const char *colon;
	long seen;
	int port;

	endpoint_text_unmapped(ip_port, unmapped, sizeof(unmapped));
	colon = strrchr(unmapped, ':');
	if (!colon)
		return false;
	port = atoi(colon + 1);
	if (collector_watches_port(c, port))
		return true;
	if (ptrmap_get(&c->endpoints, intern(c, unmapped), &seen))
		return true;
	return knows_wildcard(c, unmapped[0] == '[', port);
}

bool collector_adopt_endpoint(struct collector *c, pid_t pid, const char *ip_port)
{
	char unmapped[ENDPOINT_STR_MAX];
	long seen;

	if (pid <= 0 || pid == c->self ||
	    (!procwatch_has(c->procs, pid) && !ptrmap_get(&c->reaped, (void *)(intptr_t)pid, &seen)))
		return false;
	endpoint_text_unmapped(ip_port, unmapped, sizeof(unmapped));
	ptrmap_put(&c->endpoints, intern(c, unmapped), 1);
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
	const char *gt = sock ? strchr(sock, '>') : NULL;
	char local[ENDPOINT_STR_MAX];

	if (gt && strcmp(gt + 1, "*") != 0 && strncmp(sock, "unix", 4) != 0) {
		snprintf(local, sizeof(local), "%.*s", (int)(gt - sock), sock);
		endpoint_text_unmapped(local, a, cap);
		endpoint_text_unmapped(gt + 1, b, cap);
		return true;
	}
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
	const char *k = intern(c, key);
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
	const char *k = intern(c, key);

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
static long udp_flow_of_call(struct collector *c, const char *sock, const char *text,
			     size_t len)
{
	static const char peer_tag[] = "\"peer\":\"", udp_tag[] = "\"proto\":\"udp\"";
	const char *gt = strchr(sock, '>'), *peer, *end;
	char peer_text[ENDPOINT_STR_MAX], unmapped[ENDPOINT_STR_MAX],
		half[ENDPOINT_STR_MAX + 16], local[ENDPOINT_STR_MAX];

	if (!gt || strcmp(gt + 1, "*") != 0 || !memmem(text, len, udp_tag, sizeof(udp_tag) - 1))
		return 0;
	peer = memmem(text, len, peer_tag, sizeof(peer_tag) - 1);
	if (!peer)
		return 0;
	peer += sizeof(peer_tag) - 1;
	end = memchr(peer, '"', len - (size_t)(peer - text));
	if (!end || end - peer >= (long)sizeof(peer_text))
		return 0;
	snprintf(peer_text, sizeof(peer_text), "%.*s", (int)(end - peer), peer);
	snprintf(local, sizeof(local), "%.*s", (int)(gt - sock), sock);
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

static void number_connection(struct collector *c, json_t *ev)
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
static long conn_of_sock(struct collector *c, const char *sock)
{
	char local[ENDPOINT_STR_MAX], a[ENDPOINT_STR_MAX], b[ENDPOINT_STR_MAX];
	const char *gt = strchr(sock, '>');
	long conn = 0;

	if (ptrmap_get(&c->sock_conn, sock, &conn))
		return conn;
	/* Unix sockets have no addresses to tell one pair from another. */
	if (gt && strcmp(gt + 1, "*") != 0 && strncmp(sock, "unix", 4) != 0) {
		snprintf(local, sizeof(local), "%.*s", (int)(gt - sock), sock);
		endpoint_text_unmapped(local, a, sizeof(a));
		endpoint_text_unmapped(gt + 1, b, sizeof(b));
		conn = conn_between(c, a, b);
	}
	ptrmap_put(&c->sock_conn, sock, conn);
	return conn;
}

/*
 * One socket, one story. Two sources may see the same change (sock_diag
 * and TCP_INFO without tracefs): a state already told for a socket is not
 * told again, and "from" is always the state its story told last, so the
 * states of a socket read as one chain.
 */
static bool tell_state(struct collector *c, json_t *ev)
{
	const char *src = json_string_value(json_object_get(ev, "src"));
	const char *sock = json_string_value(json_object_get(ev, "sock"));
	enum tcp_state to = tcp_state_parse(json_string_value(json_object_get(ev, "to")));
	const char *k;
	long last;

	if (!src || strcmp(src, "state") != 0 || !sock || to == TCP_ST_NONE ||
	    !(k = intern(c, sock)))
		return true;
	if (ptrmap_get(&c->states, k, &last)) {
		if (last == (long)to)
			return false;
		json_object_set_new(ev, "from", json_string(tcp_state_name((enum tcp_state)last)));
	}
	ptrmap_put(&c->states, k, (long)to);
	return true;
}

/* ---- arriving and leaving --------------------------------------------- */

static void pending_free(struct pending *p)
{
	json_decref(p->ev);
	free(p->text);
}

static void arrive(struct collector *c, struct pending *p)
{
	p->seq = c->seq++;
	if (p->ev)
		learn(c, p->ev);
	if (heap_push(&c->heap, p) < 0) {
		pending_free(p);
		c->bad_records++;
	}
}

static void write_line(struct collector *c, const char *line, size_t len, int64_t t)
{
	if (t < c->last_written)
		c->late = true;
	else
		c->last_written = t;
	fwrite(line, 1, len, c->out);
	fputc('\n', c->out);
	c->written++;
	if (c->on_event)
		c->on_event(c->on_event_arg, line, len);
}

static void write_event(struct collector *c, json_t *ev, int64_t t)
{
	char *line = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (!line)
		return;
	write_line(c, line, strlen(line), t);
	free(line);
}

/* A call record as it came, with ,"conn":N before its closing brace. */
static void write_record(struct collector *c, const struct pending *p)
{
	char line[RING_RECORD_MAX + 32];
	const char *brace = memrchr(p->text, '}', p->len);
	long conn = p->sock ? conn_of_sock(c, p->sock) : 0;
	size_t n = brace ? (size_t)(brace - p->text) : 0;

	if (p->sock && conn <= 0)
		conn = udp_flow_of_call(c, p->sock, p->text, p->len);

	if (!brace || conn <= 0) {
		write_line(c, p->text, p->len, p->t);
		return;
	}
	memcpy(line, p->text, n);
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s\"conn\":%ld}",
			      n > 1 ? "," : "", conn);
	write_line(c, line, n, p->t);
}

static void flush_one(struct collector *c, struct pending *p)
{
	if (!p->ev) {
		write_record(c, p);
	} else if ((!p->fn || p->fn(c, p->ev, p->blob, p->ctx)) && tell_state(c, p->ev)) {
		number_connection(c, p->ev);
		write_event(c, p->ev, p->t);
	}
	pending_free(p);
}

/* Writes every event older than horizon (all of them for INT64_MAX). */
/* Writes the events older than horizon, at most max of them (the
 * collector goes back to the ring between batches: a burst of packets must
 * not leave the ring unread, for traced programs drop what does not fit).
 * Returns true if it stopped at max with more to write. */
static bool flush_until(struct collector *c, int64_t horizon, size_t max)
{
	size_t n = 0;

	while (c->heap.n > 0 && c->heap.a[0].t <= horizon && n < max) {
		struct pending p = heap_pop(&c->heap);
		flush_one(c, &p);
		n++;
	}
	if (n)
		fflush(c->out);
	return n == max;
}

/* What the collector needs of a record before it writes it. */
struct record_fields {
	int64_t t;
	bool has_t, is_call, has_src, plain_sock;
	int64_t pid;
	const struct jscan_member *sock;
	struct jscan_member sock_m;
};

static void record_field(void *arg, const struct jscan_member *m)
{
	struct record_fields *f = arg;

	if (JSCAN_IS(m, "t")) {
		f->has_t = jscan_int(m, &f->t) && f->t >= 0;
	} else if (JSCAN_IS(m, "src") && m->type == JS_STRING) {
		f->has_src = true;
		f->is_call = m->val_len == 4 && memcmp(m->val, "call", 4) == 0;
	} else if (JSCAN_IS(m, "pid")) {
		jscan_int(m, &f->pid);
	} else if (JSCAN_IS(m, "sock") && m->type == JS_STRING) {
		f->sock_m = *m;
		f->sock = &f->sock_m;
		f->plain_sock = !m->escaped && m->val_len < ENDPOINT_STR_MAX * 2;
	}
}

/* A call record: kept as text. What it teaches is learned now. sock is
 * its socket's name (sock_len bytes, none when 0). */
static void take_call(struct collector *c, const char *rec, size_t len, int64_t t, pid_t pid,
		      const char *sock, size_t sock_len)
{
	struct pending p = {.t = t, .len = (uint32_t)len};
	char name[ENDPOINT_STR_MAX * 2];

	p.text = malloc(len);
	if (!p.text) {
		c->bad_records++;
		return;
	}
	memcpy(p.text, rec, len);
	if (sock_len && sock_len < sizeof(name)) {
		p.sock = strpool_intern(c->pool, sock, sock_len);
		/* A socket's address is learned once: most calls name a socket
		 * already known. */
		if (p.sock && !ptrmap_get(&c->learned, p.sock, NULL)) {
			ptrmap_put(&c->learned, p.sock, 1);
			learn_sock(c, p.sock);
		}
	}
	learn_pid(c, pid);
	arrive(c, &p);
}

/* A data call's binary record (lib/wire/ringrec.h), written as JSON. */
static void take_io(struct collector *c, const char *rec, size_t len)
{
	const struct ringrec_io *r = (const struct ringrec_io *)rec;
	char line[RING_RECORD_MAX + 512], sock[RINGREC_TEXT_MAX + 1];
	int n = ringrec_io_json(rec, len, line, sizeof(line), sock, sizeof(sock));

	if (n < 0) {
		c->bad_records++;
		return;
	}
	take_call(c, line, (size_t)n, r->t, r->pid, sock, strlen(sock));
}

/* One record from a traced program: checked in full first (any program
 * can write the ring). Calls, by far the most, go the fast way; the rest
 * through jansson. */
static void take_record(struct collector *c, const char *rec, size_t len)
{
	struct record_fields f = {0};
	struct pending p = {0};

	if (len > 0 && rec[0] == RINGREC_IO) {
		take_io(c, rec, len);
		return;
	}
	if (jscan_object(rec, len, record_field, &f) < 0 || !f.has_t || !f.has_src) {
		c->bad_records++;
		return;
	}
	if (f.is_call && (!f.sock || f.plain_sock)) {
		take_call(c, rec, len, f.t, (pid_t)f.pid, f.sock ? f.sock->val : NULL,
			  f.sock ? f.sock->val_len : 0);
		return;
	}
	p.ev = json_loadb(rec, len, 0, NULL);
	if (!p.ev) {
		c->bad_records++;
		return;
	}
	p.t = f.t;
	arrive(c, &p);
}

static bool take_ring(struct collector *c)
{
	char rec[RING_RECORD_MAX];
	int64_t now = ring_now_ns();
	size_t len;
	bool any = false;

	while ((len = ring_take(&c->ring, rec, sizeof(rec), now)) > 0) {
		take_record(c, rec, len);
		any = true;
	}
	return any;
}

static bool take_inbox(struct collector *c)
{
	struct pending *batch;
	size_t n;

	pthread_mutex_lock(&c->lock);
	batch = c->inbox;
	n = c->inbox_n;
	c->inbox = NULL;
	c->inbox_n = c->inbox_cap = 0;
	pthread_mutex_unlock(&c->lock);
	for (size_t i = 0; i < n; i++)
		arrive(c, &batch[i]);
	free(batch);
	return n > 0;
}

/* ---- /proc ------------------------------------------------------------ */

/* A process vanished without a traced wait: drop this event if a reaping
 * was seen after all (it may arrive a little later than /proc changed). */
static bool keep_if_not_reaped(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	long seen;
	pid_t child = (pid_t)json_integer_value(json_object_get(ev, "child"));

	(void)blob;
	(void)ctx;
	return !ptrmap_get(&c->reaped, (void *)(intptr_t)child, &seen);
}

static void on_proc_change(void *arg, pid_t pid, pid_t ppid, enum proc_change what)
{
	struct collector *c = arg;
	struct pending p = {.t = collector_now(c)};

	if (what == PROC_BECAME_ZOMBIE) {
		p.ev = json_pack("{sI ss si ss si}", "t", (json_int_t)p.t, "src", "proc", "pid",
				 (int)pid, "event", "zombie", "ppid", (int)ppid);
	} else {
		p.ev = json_pack("{sI ss si ss si ss}", "t", (json_int_t)p.t, "src", "proc",
				 "pid", (int)ppid, "event", "reaped", "child", (int)pid, "via",
				 "proc");
		p.fn = keep_if_not_reaped;
	}
	if (p.ev)
		arrive(c, &p);
}

static void scan_procs(struct collector *c, bool force)
{
	int64_t now = collector_now(c);

	if (!force && now - c->last_scan < PROC_SCAN_NS)
		return;
	c->last_scan = now;
	procwatch_scan(c->procs, on_proc_change, c);
}

/* ---- the thread ------------------------------------------------------- */

static void nap(long ns)
{
	struct timespec ts = {0, ns};

	nanosleep(&ts, NULL);
}

/* At the end: everything still in the ring, waiting out a producer that
 * claimed a slot and was killed before filling it. */
static void drain_ring(struct collector *c)
{
	int64_t start = ring_now_ns();
	struct ring_header *h = c->ring.hdr;

	while (atomic_load(&h->head) < atomic_load(&h->tail) &&
	       ring_now_ns() - start < DRAIN_NS) {
		if (!take_ring(c))
			nap(1000000);
	}
	take_ring(c);
}

static void *collector_main(void *arg)
{
	struct collector *c = arg;

	while (!atomic_load(&c->stopping)) {
		bool busy = take_ring(c);
		busy |= take_inbox(c);
		scan_procs(c, false);
		busy |= flush_until(c, collector_now(c) - REORDER_NS, FLUSH_BATCH);
		if (!busy)
			nap(1000000);
	}
	drain_ring(c);
	take_inbox(c);
	scan_procs(c, true);
	take_inbox(c);
	flush_until(c, INT64_MAX, SIZE_MAX);
	return NULL;
}

/* ---- the API ---------------------------------------------------------- */

/* "SIGKILL" for 9. */
static const char *signal_full_name(int sig)
{
	static _Thread_local char name[32];

	snprintf(name, sizeof(name), "SIG%s", sigabbrev_np(sig));
	return name;
}

int64_t collector_now(const struct collector *c)
{
	return ring_now_ns() - c->t0;
}

int64_t collector_t0(const struct collector *c)
{
	return c->t0;
}

const char *collector_ring_path(const struct collector *c)
{
	return c->ring_path;
}

const char *collector_dir(const struct collector *c)
{
	return c->dir;
}

const int *collector_ports(const struct collector *c, size_t *n)
{
	*n = c->nports;
	return c->ports;
}

const char *collector_capture_iface(const struct collector *c)
{
	return c->capture_iface ? c->capture_iface : "lo";
}

const char *collector_capture_netns(const struct collector *c)
{
	return c->capture_netns;
}

void collector_count_lost(struct collector *c, const char *what, uint64_t n)
{
	json_object_set_new(json_object_get(c->meta, "lost"), what, json_integer((json_int_t)n));
}

void collector_push(struct collector *c, json_t *ev, collector_flush_fn fn, void *blob,
		    void *ctx)
{
	struct pending p = {.ev = ev, .fn = fn, .blob = blob, .ctx = ctx};

	p.t = json_integer_value(json_object_get(ev, "t"));
	pthread_mutex_lock(&c->lock);
	if (c->inbox_n == c->inbox_cap) {
		size_t cap = c->inbox_cap ? c->inbox_cap * 2 : 256;
		struct pending *bigger = realloc(c->inbox, cap * sizeof(*bigger));
		if (!bigger) {
			pthread_mutex_unlock(&c->lock);
			json_decref(ev);
			return;
		}
		c->inbox = bigger;
		c->inbox_cap = cap;
	}
	c->inbox[c->inbox_n++] = p;
	pthread_mutex_unlock(&c->lock);
}

void collector_note(struct collector *c, const char *kind, const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	json_t *ev;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	ev = json_pack("{sI ss ss ss}", "t", (json_int_t)collector_now(c), "src", "note", "kind",
		       kind, "text", text);
	if (ev)
		collector_push(c, ev, NULL, NULL, NULL);
}

json_t *collector_reaped_event(int64_t t, pid_t reaper, pid_t child, int status, const char *fn)
{
	json_t *ev = json_pack("{sI ss si ss si ss}", "t", (json_int_t)t, "src", "proc", "pid",
			       (int)reaper, "event", "reaped", "child", (int)child, "fn", fn);

	if (!ev)
		return NULL;
	if (WIFEXITED(status))
		json_object_set_new(ev, "status", json_integer(WEXITSTATUS(status)));
	else if (WIFSIGNALED(status))
		json_object_set_new(ev, "sig", json_string(sigabbrev_np(WTERMSIG(status))
								? signal_full_name(WTERMSIG(status))
								: "SIG?"));
	return ev;
}

void collector_reaped(struct collector *c, pid_t reaper, pid_t child, int status,
		      const char *fn)
{
	json_t *ev = collector_reaped_event(collector_now(c), reaper, child, status, fn);

	if (ev)
		collector_push(c, ev, NULL, NULL, NULL);
}

/* For markers that only teach the session something when they arrive. */
static bool never_write(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	(void)c;
	(void)ev;
	(void)blob;
	(void)ctx;
	return false;
}

void collector_watch_pid(struct collector *c, pid_t pid)
{
	json_t *ev = json_pack("{sI ss si ss}", "t", (json_int_t)collector_now(c), "src", "proc",
			       "pid", (int)pid, "event", "watch");

	if (ev)
		collector_push(c, ev, never_write, NULL, NULL);
}

void collector_ask_tracers(struct collector *c, unsigned asks)
{
	atomic_fetch_or(&c->ring.hdr->asks, asks);
}

void collector_source_status(struct collector *c, const char *name, bool ok, const char *why)
{
	json_t *sources = json_object_get(c->meta, "sources");

	json_object_set_new(sources, name,
			    ok ? json_pack("{sb}", "ok", 1) : json_pack("{sb ss}", "ok", 0, "why", why));
}

static void write_meta(struct collector *c)
{
	char path[4096], tmp[4200];

	snprintf(path, sizeof(path), "%s/session.json", c->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (json_dump_file(c->meta, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0)
		rename(tmp, path);
}

static json_t *meta_new(const struct collector_options *o, int64_t t0_realtime)
{
	char started[64];
	time_t secs = (time_t)(t0_realtime / 1000000000LL);
	struct tm tm;
	struct utsname u;
	json_t *cmd = json_array();

	localtime_r(&secs, &tm);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%S%z", &tm);
	for (size_t i = 0; o->command && o->command[i]; i++)
		json_array_append_new(cmd, json_string(o->command[i]));
	uname(&u);
	return json_pack("{si ss sI so ss s{s{sb}} s{sI sI}}", "socklab", 1, "started", started,
			 "t0_realtime_ns", (json_int_t)t0_realtime, "command", cmd, "kernel",
			 u.release, "sources", "call", "ok", 1, "lost", "call", (json_int_t)0,
			 "bad", (json_int_t)0);
}

static int64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Where rings live: shared memory, so traced programs map it at memory
 * speed, and gone at reboot. */
#define RING_DIR "/dev/shm"

static unsigned long random_word(void)
{
	unsigned long w = 0;

	if (getrandom(&w, sizeof(w), GRND_NONBLOCK) != sizeof(w))
		w = (unsigned long)ring_now_ns() ^ (unsigned long)getpid();
	return w & 0xffffffffUL;
}

static int open_ring(struct collector *c, const struct collector_options *o, char *err,
		     size_t errlen)
{
	static atomic_int serial;

	if (o->ring_path) {
		snprintf(c->ring_path, sizeof(c->ring_path), "%s", o->ring_path);
		if (ring_attach(&c->ring, c->ring_path) < 0) {
			snprintf(err, errlen, "%s: not a socklab ring", c->ring_path);
			return -1;
		}
		return 0;
	}
	/* A socklab that was killed left its ring behind: clear those first. */
	ring_remove_stale(RING_DIR);
	/* The random part keeps a new socklab that got a dead one's pid from
	 * meeting its ring; O_EXCL (in ring_create) catches the rest. */
	for (int tries = 0; tries < 8; tries++) {
		snprintf(c->ring_path, sizeof(c->ring_path), "%s/socklab-%d-%d-%d-%08lx.ring",
			 RING_DIR, (int)getuid(), (int)getpid(), atomic_fetch_add(&serial, 1),
			 random_word());
		if (ring_create(&c->ring, c->ring_path, RING_DEFAULT_SLOTS,
				o->ring_mode ? o->ring_mode : 0600, err, errlen) == 0) {
			c->own_ring = true;
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

static int open_output(struct collector *c, char *err, size_t errlen)
{
	char path[4096];

	if (mkdir(c->dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make the session folder %s: %s", c->dir,
			 strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/events.jsonl", c->dir);
	c->out = fopen(path, "we");
	if (!c->out) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void start_sources(struct collector *c, const struct source *const *sources)
{
	char why[512];

	for (size_t i = 0; sources && sources[i] && c->nsources < MAX_SOURCES; i++) {
		const struct source *s = sources[i];
		void *state = NULL;

		why[0] = '\0';
		if (s->start(c, &state, why, sizeof(why)) < 0) {
			collector_source_status(c, s->name, false, why);
			collector_note(c, "source", "%s", why);
			continue;
		}
		collector_source_status(c, s->name, true, NULL);
		c->sources[c->nsources] = s;
		c->source_state[c->nsources++] = state;
	}
}

/* Stops the started sources, newest first; when they are finished
 * (the collector's thread has written everything), frees them too. */
static void stop_sources(struct collector *c)
{
	for (size_t i = c->nsources; i-- > 0;)
		c->sources[i]->stop(c, c->source_state[i]);
}

static void finish_sources(struct collector *c)
{
	for (size_t i = c->nsources; i-- > 0;)
		if (c->sources[i]->finish)
			c->sources[i]->finish(c, c->source_state[i]);
	c->nsources = 0;
}

/*
 * The single place where socklab stops being root (under sudo): after
 * every source that needs root has opened what it needs, before any
 * traced program starts. What socklab made as root so far -- the session
 * folder, the ring the programs write to -- is handed to the user.
 */
static int drop_privileges(struct collector *c, char *err, size_t errlen)
{
	const char *mine[] = {c->dir, c->ring_path, NULL};

	return privs_drop_if_sudo(mine, err, errlen);
}

static void collector_free(struct collector *c)
{
	if (c->out)
		fclose(c->out);
	if (c->ring.hdr)
		ring_detach(&c->ring);
	if (c->own_ring)
		unlink(c->ring_path);
	json_decref(c->meta);
	strpool_free(c->pool);
	ptrmap_free(&c->endpoints);
	ptrmap_free(&c->conns);
	ptrmap_free(&c->states);
	ptrmap_free(&c->sock_conn);
	ptrmap_free(&c->learned);
	ptrmap_free(&c->reaped);
	procwatch_free(c->procs);
	pthread_mutex_destroy(&c->lock);
	free(c->heap.a);
	free(c->inbox);
	free(c->ports);
	free(c->capture_iface);
	free(c->capture_netns);
	free(c->dir);
	free(c);
}

struct collector *collector_start(const struct collector_options *o, char *err, size_t errlen)
{
	struct collector *c = calloc(1, sizeof(*c));

	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->self = getpid();
	c->dir = strdup(o->dir);
	c->pool = strpool_new();
	c->procs = procwatch_new();
	c->on_event = o->on_event;
	c->on_event_arg = o->on_event_arg;
	if (o->nports) {
		c->ports = calloc(o->nports, sizeof(int));
		if (c->ports) {
			memcpy(c->ports, o->ports, o->nports * sizeof(int));
			c->nports = o->nports;
		}
	}
	c->capture_iface = o->capture_iface ? strdup(o->capture_iface) : NULL;
	c->capture_netns = o->capture_netns ? strdup(o->capture_netns) : NULL;
	if (!c->dir || !c->pool || !c->procs) {
		snprintf(err, errlen, "out of memory");
		goto out_free;
	}
	if (open_output(c, err, errlen) < 0 || open_ring(c, o, err, errlen) < 0)
		goto out_free;
	/* Every "t" counts from the ring's start: the tracer reads it there. */
	c->t0 = c->ring.hdr->t0_ns;
	c->t0_realtime = realtime_ns() - (ring_now_ns() - c->t0);
	c->meta = meta_new(o, c->t0_realtime);
	write_meta(c);
	start_sources(c, o->sources);
	if (!o->keep_root && drop_privileges(c, err, errlen) < 0)
		goto out_stop_sources;
	if (pthread_create(&c->thread, NULL, collector_main, c) != 0) {
		snprintf(err, errlen, "cannot start the collector thread");
		goto out_stop_sources;
	}
	return c;

out_stop_sources:
	stop_sources(c);
	finish_sources(c);
out_free:
	collector_free(c);
	return NULL;
}

/* Late arrivals were written out of order: sort the file by "t" (stably,
 * so frames and ties keep their order). */
struct line_ref {
	int64_t t;
	size_t index;
	char *text;
};

static int line_ref_cmp(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void resort_file(struct collector *c)
{
	char path[4096];
	struct line_ref *refs = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *line = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/events.jsonl", c->dir);
	f = fopen(path, "re");
	if (!f)
		return;
	while (getline(&line, &len, f) > 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			refs = realloc(refs, cap * sizeof(*refs));
			if (!refs)
				break;
		}
		json_t *ev = json_loads(line, 0, NULL);
		refs[n] = (struct line_ref){json_integer_value(json_object_get(ev, "t")), n, line};
		json_decref(ev);
		n++;
		line = NULL;
		len = 0;
	}
	fclose(f);
	free(line);
	if (refs) {
		qsort(refs, n, sizeof(*refs), line_ref_cmp);
		f = fopen(path, "we");
		for (size_t i = 0; f && i < n; i++)
			fputs(refs[i].text, f);
		if (f)
			fclose(f);
	}
	for (size_t i = 0; refs && i < n; i++)
		free(refs[i].text);
	free(refs);
}

/* The last event of a session that lost some: how many, and why. */
static void note_lost(struct collector *c, uint64_t lost)
{
	char text[256];
	int64_t now = collector_now(c);
	json_t *ev;

	snprintf(text, sizeof(text),
		 "%llu call events were lost: the traced programs made them faster than socklab "
		 "could record them",
		 (unsigned long long)lost);
	ev = json_pack("{sI ss ss ss sI}", "t", (json_int_t)now, "src", "note", "kind", "lost",
		       "text", text, "lost", (json_int_t)lost);
	if (ev)
		write_event(c, ev, now);
	json_decref(ev);
}

void collector_stop(struct collector *c, struct collector_summary *sum)
{
	uint64_t lost;

	stop_sources(c);
	atomic_store(&c->stopping, true);
	pthread_join(c->thread, NULL);
	finish_sources(c);

	lost = ring_lost(&c->ring);
	if (lost + c->bad_records > 0)
		note_lost(c, lost + c->bad_records);
	fflush(c->out);
	if (c->late)
		resort_file(c);
	json_object_set_new(json_object_get(c->meta, "lost"), "call", json_integer((json_int_t)lost));
	json_object_set_new(json_object_get(c->meta, "lost"), "bad",
			    json_integer((json_int_t)c->bad_records));
	json_object_set_new(c->meta, "events", json_integer((json_int_t)c->written));
	write_meta(c);
	if (sum) {
		sum->events = c->written;
		sum->lost_calls = lost;
		sum->bad_records = c->bad_records;
	}
	collector_free(c);
}

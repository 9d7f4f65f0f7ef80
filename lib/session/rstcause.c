/*
 * rstcause.c - why an RST was sent (see rstcause.h).
 *
 * The RST came from endpoint F to endpoint P: it is about the socket
 * "F>P". Reading its connection's events up to the RST, in time order, we
 * learn when that socket was closed (its close(), or else its process's
 * end), whether SO_LINGER {1, 0} was set on it, how far its peer's data
 * went (the highest sequence number sent to F) and how much of it the
 * program read; and which segment the RST answered.
 */
#include "session/rstcause.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/jobj.h"
#include "wire/endpoint.h"

/* What the connection's events up to the RST say of the socket. */
struct closing {
	const char *sock;   /* "F>P": the socket the RST came from */
	const char *from;   /* F */
	bool known;	    /* a call or a state names the socket */
	pid_t owner;	    /* the process of its calls */
	size_t closed;	    /* its close(); SIZE_MAX */
	size_t linger_zero; /* its setsockopt(SO_LINGER, {1, 0}) in force; SIZE_MAX */
	size_t after_close; /* the first data segment to F after the close; SIZE_MAX */
	size_t answered;    /* the last segment to F before the RST; SIZE_MAX */
	int64_t t_closed;
	uint64_t data_end; /* relative sequence number past the peer's last data byte */
	uint64_t read;	   /* bytes the program read */
};

const char *rst_cause_text(enum rst_cause c)
{
	static const char *const text[RST_CAUSE_COUNT] = {NULL, "data after close",
							  "unread input at close", "SO_LINGER 0",
							  "no socket"};

	return c > RST_UNKNOWN && c < RST_CAUSE_COUNT ? text[c] : NULL;
}

static bool is_linger_zero(const struct event *e)
{
	struct jobj o;
	bool zero;

	if (strcmp(e->call.fn, "setsockopt") != 0 || !e->call.opt ||
	    strcmp(e->call.opt, "SO_LINGER") != 0)
		return false;
	event_fields(e, &o);
	zero = e->call.val == 1 && jobj_int(&o, "linger") == 0;
	jobj_free(&o);
	return zero;
}

static void on_call(struct closing *k, const struct event *e, size_t i)
{
	if (!e->call.sock || strcmp(e->call.sock, k->sock) != 0 || !e->call.fn)
		return;
	k->known = true;
	k->owner = e->pid;
	if (is_linger_zero(e))
		k->linger_zero = i;
	else if (strcmp(e->call.fn, "setsockopt") == 0 && e->call.opt &&
		 strcmp(e->call.opt, "SO_LINGER") == 0)
		k->linger_zero = SIZE_MAX;
	else if (event_call_reads(e) && e->call.ret > 0)
		k->read += (uint64_t)e->call.ret;
	else if (strcmp(e->call.fn, "close") == 0 && e->call.ret == 0 && k->closed == SIZE_MAX) {
		k->closed = i;
		k->t_closed = e->t;
	}
}

static void on_pkt(struct closing *k, const struct event *e, size_t i)
{
	if (!e->pkt.to || strcmp(e->pkt.to, k->from) != 0)
		return;
	k->answered = i;
	if (e->pkt.len == 0)
		return;
	if (k->closed != SIZE_MAX && k->after_close == SIZE_MAX)
		k->after_close = i;
	if (k->closed == SIZE_MAX && (uint64_t)e->pkt.rseq + e->pkt.len > k->data_end)
		k->data_end = (uint64_t)e->pkt.rseq + e->pkt.len;
}

/* The end of the socket's process closes it too, when close() did not. */
static void on_proc(struct closing *k, const struct event *e, size_t i)
{
	bool ended = k->owner > 0 && e->proc.event &&
		     ((strcmp(e->proc.event, "exit") == 0 && e->pid == k->owner) ||
		      (strcmp(e->proc.event, "reaped") == 0 && e->proc.child == k->owner));

	if (ended && k->closed == SIZE_MAX) {
		k->closed = i;
		k->t_closed = e->t;
	}
}

static enum rst_cause decide(const struct session *s, const struct closing *k, size_t *why)
{
	struct event buf;
	const struct event *answered =
		k->answered != SIZE_MAX ? session_event(s, k->answered, &buf) : NULL;

	if (k->closed != SIZE_MAX && k->linger_zero != SIZE_MAX && k->linger_zero < k->closed) {
		*why = k->linger_zero;
		return RST_LINGER_ZERO;
	}
	if (k->closed != SIZE_MAX && k->after_close != SIZE_MAX) {
		*why = k->closed;
		return RST_DATA_AFTER_CLOSE;
	}
	/* Relative sequence numbers start at 1 after the SYN. */
	if (k->closed != SIZE_MAX && k->data_end > 1 && k->data_end - 1 > k->read) {
		*why = k->closed;
		return RST_UNREAD;
	}
	if (!k->known && answered && (answered->pkt.flags & TCPF_SYN) &&
	    !(answered->pkt.flags & TCPF_ACK)) {
		*why = k->answered;
		return RST_NO_SOCKET;
	}
	return RST_UNKNOWN;
}

enum rst_cause rst_cause(const struct session *s, size_t from, size_t rst, size_t *why)
{
	struct event rbuf, buf;
	const struct event *r = session_event(s, rst, &rbuf);
	char sock[ENDPOINT_PAIR_MAX];
	struct closing k = {.sock = sock,
			    .from = r->pkt.from,
			    .closed = SIZE_MAX,
			    .linger_zero = SIZE_MAX,
			    .after_close = SIZE_MAX,
			    .answered = SIZE_MAX};
	size_t none;

	why = why ? why : &none;
	*why = SIZE_MAX;
	if (r->src != SRC_PKT || !(r->pkt.flags & TCPF_RST) || !r->pkt.from || !r->pkt.to)
		return RST_UNKNOWN;
	snprintf(sock, sizeof(sock), "%s>%s", r->pkt.from, r->pkt.to);
	for (size_t i = from; i < rst; i++) {
		const struct event *e = session_event(s, i, &buf);
		if (e->src == SRC_PROC)
			on_proc(&k, e, i);
		else if (e->conn != r->conn)
			continue;
		else if (e->src == SRC_CALL)
			on_call(&k, e, i);
		else if (e->src == SRC_STATE && e->state.sock && strcmp(e->state.sock, sock) == 0)
			k.known = true;
		else if (e->src == SRC_PKT)
			on_pkt(&k, e, i);
	}
	return decide(s, &k, why);
}

/*
 * socktable.c - following sockets through calls and state changes.
 */
#include "session/socktable.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "wire/endpoint.h"

struct sock_info *socktable_find(const struct socktable *st, const char *sock)
{
	long at;

	return sock && ptrmap_get(&st->index, sock, &at) ? &st->s[at - 1] : NULL;
}

static struct sock_info *sock_get(struct socktable *st, const char *sock, int64_t t)
{
	struct sock_info *s = socktable_find(st, sock);

	if (s)
		return s;
	if (array_grow(&st->s, &st->cap, st->n, sizeof(*st->s)) < 0)
		return NULL;
	if (ptrmap_put(&st->index, sock, (long)st->n + 1) < 0)
		return NULL;
	s = &st->s[st->n++];
	*s = (struct sock_info){.sock = sock,
				.conn = -1,
				.fd = -1,
				.t_state = t,
				.timer_ms = -1,
				.t_first = t,
				.t_last = t};
	return s;
}

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

static void on_call(struct socktable *st, const struct event *e)
{
	struct sock_info *s = sock_get(st, e->call.sock, e->t);
	const char *fn = e->call.fn;

	if (!s)
		return;
	s->t_last = e->t;
	s->pid = e->pid;
	s->tid = e->tid;
	s->fd = is(fn, "accept") || is(fn, "accept4") ? (int32_t)e->call.ret : e->call.fd;
	/* A socket without a peer (an unconnected UDP socket) may talk to many:
	 * its calls' conn is the flow of each datagram, not the socket's. */
	if (e->conn >= 0 && endpoint_pair_has_peer(e->call.sock))
		s->conn = e->conn;
	if (is(e->call.proto, "tcp"))
		s->proto = PROTO_TCP;
	else if (is(e->call.proto, "udp"))
		s->proto = PROTO_UDP;
	if (e->call.ret > 0 && event_call_sends(e))
		s->bytes_sent += (uint64_t)e->call.ret;
	if (e->call.ret > 0 && event_call_reads(e))
		s->bytes_rcvd += (uint64_t)e->call.ret;
	if (is(fn, "close") && e->call.ret == 0)
		s->closed = true;
}

static void on_state(struct socktable *st, const struct event *e)
{
	struct sock_info *s = sock_get(st, e->state.sock, e->t);

	if (!s)
		return;
	s->t_last = e->t;
	s->state = e->state.to;
	s->t_state = e->t;
	s->timer_ms = e->state.timer_ms;
	s->proto = PROTO_TCP;
	s->nstates++;
	/* A state with a pid was made by that process (a connect() that has
	 * not returned yet): until a call says more, the socket is its. */
	if (s->pid <= 0 && e->pid > 0)
		s->pid = s->tid = e->pid;
	if (e->conn >= 0)
		s->conn = e->conn;
}

/* Appends s as it is now to its history; one mark per event that
 * touched it, so a replay can ask for any moment. */
static void remember(struct sock_info *s, int64_t t)
{
	if (array_grow(&s->hist, &s->hist_cap, s->nhist, sizeof(*s->hist)) < 0)
		return;
	s->hist[s->nhist++] = (struct sock_mark){.t = t,
						 .timer_ms = s->timer_ms,
						 .t_state = s->t_state,
						 .sent = s->bytes_sent,
						 .rcvd = s->bytes_rcvd,
						 .pid = s->pid,
						 .tid = s->tid,
						 .fd = s->fd,
						 .state = s->state,
						 .closed = s->closed};
}

void socktable_add(struct socktable *st, const struct event *e)
{
	const char *name = e->src == SRC_CALL	 ? e->call.sock
			   : e->src == SRC_STATE ? e->state.sock
						 : NULL;

	if (!name)
		return;
	if (e->src == SRC_CALL)
		on_call(st, e);
	else
		on_state(st, e);
	if (st->keep_history) {
		struct sock_info *s = socktable_find(st, name);
		if (s)
			remember(s, e->t);
	}
}

bool sock_at(const struct sock_info *s, int64_t t, struct sock_mark *out)
{
	size_t lo = 0, hi = s->nhist;

	/* The last mark at or before t. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->hist[mid].t <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	*out = s->hist[lo - 1];
	return true;
}

void socktable_build(struct socktable *st, const struct event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++)
		socktable_add(st, &ev[i]);
}

void socktable_free(struct socktable *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->s[i].hist);
	ptrmap_free(&st->index);
	free(st->s);
	memset(st, 0, sizeof(*st));
}

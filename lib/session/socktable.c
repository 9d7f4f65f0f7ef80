/*
 * socktable.c - following sockets through calls and state changes.
 *
 * A replay (the viewer) asks what a socket was at any moment, so the
 * table can keep each socket's history: a mark per event that touched it
 * (struct sock_mark). A session of a million events touches sockets more
 * than half a million times, so a mark is kept as what changed since the
 * mark before (its time, then a byte saying which fields changed, then
 * those), three to six bytes; and every SOCK_SNAP_EVERY marks the whole
 * mark, so that sock_at() decodes at most that many from the last whole
 * one before the time it is asked about.
 */
#include "session/socktable.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/varint.h"
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

/* ---- the history ---------------------------------------------------- */

/* Which fields of a mark changed; CLOSED is the value itself. */
enum {
	CH_TIMER = 1 << 0,
	CH_T_STATE = 1 << 1,
	CH_SENT = 1 << 2,
	CH_RCVD = 1 << 3,
	CH_PID = 1 << 4, /* the pid and the thread's tid */
	CH_FD = 1 << 5,
	CH_STATE = 1 << 6,
	CH_CLOSED = 1 << 7,
};

/* A change is at most its time, its byte, seven numbers and a state. */
#define CHANGE_MAX (VARINT_MAX * 8 + 2)

static uint8_t *put_num(uint8_t *p, int64_t v)
{
	return varint_put(p, zigzag(v));
}

static int64_t get_num(const uint8_t **p)
{
	return unzigzag(varint_get(p));
}

/* Writes m as its change from was; returns the end. */
static uint8_t *put_change(uint8_t *p, const struct sock_mark *was, const struct sock_mark *m)
{
	uint8_t *what;

	p = put_num(p, m->t - was->t);
	what = p++;
	*what = (uint8_t)(m->closed ? CH_CLOSED : 0);
	if (m->timer_ms != was->timer_ms) {
		*what |= CH_TIMER;
		p = put_num(p, m->timer_ms - was->timer_ms);
	}
	if (m->t_state != was->t_state) {
		*what |= CH_T_STATE;
		p = put_num(p, m->t - m->t_state);
	}
	if (m->sent != was->sent) {
		*what |= CH_SENT;
		p = put_num(p, (int64_t)(m->sent - was->sent));
	}
	if (m->rcvd != was->rcvd) {
		*what |= CH_RCVD;
		p = put_num(p, (int64_t)(m->rcvd - was->rcvd));
	}
	if (m->pid != was->pid || m->tid != was->tid) {
		*what |= CH_PID;
		p = put_num(p, m->pid);
		p = put_num(p, m->tid - m->pid);
	}
	if (m->fd != was->fd) {
		*what |= CH_FD;
		p = put_num(p, m->fd);
	}
	if (m->state != was->state) {
		*what |= CH_STATE;
		*p++ = m->state;
	}
	return p;
}

/* Reads the change at *p into m, which holds the mark before it. */
static void get_change(const uint8_t **p, struct sock_mark *m)
{
	uint8_t what;

	m->t += get_num(p);
	what = *(*p)++;
	m->closed = what & CH_CLOSED;
	if (what & CH_TIMER)
		m->timer_ms += get_num(p);
	if (what & CH_T_STATE)
		m->t_state = m->t - get_num(p);
	if (what & CH_SENT)
		m->sent += (uint64_t)get_num(p);
	if (what & CH_RCVD)
		m->rcvd += (uint64_t)get_num(p);
	if (what & CH_PID) {
		m->pid = (pid_t)get_num(p);
		m->tid = m->pid + (pid_t)get_num(p);
	}
	if (what & CH_FD)
		m->fd = (int32_t)get_num(p);
	if (what & CH_STATE)
		m->state = *(*p)++;
}

/* Appends s as it is now to its history; one mark per event that
 * touched it, so a replay can ask for any moment. */
static void remember(struct sock_info *s, int64_t t)
{
	struct sock_mark m = {.t = t,
			      .timer_ms = s->timer_ms,
			      .t_state = s->t_state,
			      .sent = s->bytes_sent,
			      .rcvd = s->bytes_rcvd,
			      .pid = s->pid,
			      .tid = s->tid,
			      .fd = s->fd,
			      .state = s->state,
			      .closed = s->closed};
	size_t cap = s->hist_cap;

	if (array_grow(&s->hist, &cap, s->hist_len + CHANGE_MAX, 1) < 0)
		return;
	s->hist_cap = (uint32_t)cap;
	if (s->nhist > 0 && s->nhist % SOCK_SNAP_EVERY == 0) {
		if (array_grow(&s->snap, &s->snap_cap, s->nsnap, sizeof(*s->snap)) < 0)
			return;
		s->snap[s->nsnap++] = (struct sock_snap){.mark = s->last, .next = s->hist_len};
	}
	s->hist_len = (uint32_t)(put_change(s->hist + s->hist_len, &s->last, &m) - s->hist);
	s->last = m;
	s->nhist++;
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
	size_t lo = 0, hi = s->nsnap, k, end;
	struct sock_mark m = {0};
	const uint8_t *p = s->hist;
	bool found = false;

	/* The last whole mark at or before t, then its changes up to t. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->snap[mid].mark.t <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	k = lo * SOCK_SNAP_EVERY;
	if (lo > 0) {
		m = s->snap[lo - 1].mark;
		p = s->hist + s->snap[lo - 1].next;
		found = true;
	}
	end = k + SOCK_SNAP_EVERY < s->nhist ? k + SOCK_SNAP_EVERY : s->nhist;
	for (; k < end; k++) {
		struct sock_mark next = m;
		get_change(&p, &next);
		if (next.t > t)
			break;
		m = next;
		found = true;
	}
	if (found)
		*out = m;
	return found;
}

void socktable_build(struct socktable *st, const struct session *s)
{
	struct event buf;

	for (size_t i = 0; i < s->n; i++)
		socktable_add(st, session_event(s, i, &buf));
}

void socktable_free(struct socktable *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->s[i].hist);
		free(st->s[i].snap);
	}
	ptrmap_free(&st->index);
	free(st->s);
	memset(st, 0, sizeof(*st));
}

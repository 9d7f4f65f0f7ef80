/*
 * tseq.c - the data of a time-sequence graph (see tseq.h).
 *
 * Two passes over the connection's packets: the first weighs each
 * direction's payload, to pick the one that carries the data; the second
 * collects that direction's segments and the other's ACKs.
 */
#include "graph/tseq.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "wire/tcp.h"

void tseq_free(struct tseq *g)
{
	free(g->seg);
	free(g->ack);
	memset(g, 0, sizeof(*g));
}

static bool is_tcp_of(const struct event *e, int conn, int64_t until)
{
	return e->src == SRC_PKT && e->pkt.proto == PROTO_TCP && e->conn == conn && e->t <= until &&
	       e->pkt.from && e->pkt.to;
}

/* The direction of the data: from and to of the first packet, swapped
 * when the other way carried more (or, with other, when it did not). */
static void choose_direction(struct tseq *g, const struct session *s, const uint32_t *idx, size_t n,
			     int64_t until, bool other)
{
	const char *a = NULL, *b = NULL;
	struct event buf;

	for (size_t k = 0; k < n; k++) {
		const struct event *e = session_event(s, idx[k], &buf);
		if (!is_tcp_of(e, g->conn, until))
			continue;
		if (!a) {
			a = e->pkt.from;
			b = e->pkt.to;
		}
		g->bytes[e->pkt.from == a ? 0 : 1] += e->pkt.len;
	}
	if (!a)
		return;
	bool swap = (g->bytes[1] > g->bytes[0]) != other;
	g->from = swap ? b : a;
	g->to = swap ? a : b;
	if (swap) {
		uint64_t t = g->bytes[0];
		g->bytes[0] = g->bytes[1];
		g->bytes[1] = t;
	}
}

static int add_seg(struct tseq *g, const struct event *e)
{
	uint32_t len = e->pkt.len + ((e->pkt.flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0);

	if (len == 0 && !e->pkt.window_probe)
		return 0;
	if (array_grow(&g->seg, &g->segcap, g->nseg, sizeof(*g->seg)) < 0)
		return -1;
	g->seg[g->nseg++] = (struct tseq_seg){
		.t = e->t,
		.lo = e->pkt.rseq,
		.hi = e->pkt.rseq + (len ? len : 1),
		.frame = e->pkt.frame,
		.marks = e->pkt.analysis,
		.probe = e->pkt.window_probe || (e->pkt.analysis & TCPA_ZERO_WINDOW_PROBE),
	};
	return 0;
}

static int add_ack(struct tseq *g, const struct event *e)
{
	if (!(e->pkt.flags & TCPF_ACK))
		return 0;
	if (array_grow(&g->ack, &g->ackcap, g->nack, sizeof(*g->ack)) < 0)
		return -1;
	g->ack[g->nack++] = (struct tseq_ack){
		.t = e->t,
		.ack = e->pkt.rack,
		.edge = e->pkt.rack + e->pkt.win,
		.frame = e->pkt.frame,
		.marks = e->pkt.analysis,
	};
	return 0;
}

static void extend(struct tseq *g, int64_t t, uint32_t y)
{
	if (g->nseg + g->nack == 1 || t < g->t_lo)
		g->t_lo = t;
	if (t > g->t_hi)
		g->t_hi = t;
	if (y > g->y_hi)
		g->y_hi = y;
}

int tseq_build(struct tseq *g, const struct session *s, const uint32_t *idx, size_t n, int conn,
	       int64_t until, bool other)
{
	struct event buf;

	memset(g, 0, sizeof(*g));
	g->conn = conn;
	choose_direction(g, s, idx, n, until, other);
	for (size_t k = 0; g->from && k < n; k++) {
		const struct event *e = session_event(s, idx[k], &buf);
		if (!is_tcp_of(e, conn, until))
			continue;
		if (e->pkt.from == g->from) {
			if (add_seg(g, e) < 0)
				return -1;
			if (g->nseg && g->seg[g->nseg - 1].frame == e->pkt.frame)
				extend(g, e->t, g->seg[g->nseg - 1].hi);
		} else {
			if (add_ack(g, e) < 0)
				return -1;
			if (g->nack && g->ack[g->nack - 1].frame == e->pkt.frame)
				extend(g, e->t, g->ack[g->nack - 1].edge);
		}
	}
	return 0;
}

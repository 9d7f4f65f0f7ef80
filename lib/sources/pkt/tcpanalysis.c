/*
 * tcpanalysis.c - the TCP analysis of each segment, by Wireshark 4.0's
 * rules (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number()).
 *
 * A connection is the pair of its two endpoints, in either order; each of
 * its directions is a struct flow. For one segment, in this order:
 *
 *   new_connection()  a SYN with a new ISN on the same ports starts over
 *   learn_bases()     each direction's ISN, for the step above
 *   mark()            the marks, each rule a function, in Wireshark's order
 *   remember()        what the next segments are judged against
 *   after_segment()   window scaling and the first round-trip time
 *
 * Sequence numbers are compared modulo 2^32 (seq_lt and friends). The
 * rules compare raw windows; only the window given back is scaled.
 */
#include "sources/pkt/tcpanalysis.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/ptrmap.h"
#include "base/strpool.h"
#include "wire/tcp.h"

/* A flow's window scale: a shift 0-14, or one of these. */
#define WSCALE_UNKNOWN (-1) /* no SYN seen yet */
#define WSCALE_NONE    (-2) /* the handshake did not agree on scaling */

/* The other side acknowledged data never seen: its duplicate ACKs count
 * as begun. Wireshark keeps the count unsigned, so this is also "at least
 * two" to the rule of fast retransmission. */
#define DUPACKS_UNSEEN UINT32_MAX

/* A fast retransmission follows the duplicate ACKs within this. */
#define FAST_RETRANSMIT_NS 20000000LL
/* Out of order: within the first round-trip time, or this without one. */
#define OUT_OF_ORDER_NS 3000000LL

/* One direction of a connection: what its next segments are judged by. */
struct flow {
	uint32_t base_seq; /* its ISN (a SYN's seq; else the first seq - 1) */
	bool base_set;
	uint32_t nextseq;	/* the highest seq + len (+1 for SYN, FIN); 0: none */
	int64_t nextseq_t;	/* when nextseq last grew */
	uint32_t maxseq_to_ack; /* the end of what was seen without a hole */
	uint32_t lastack;	/* the ack of its last segment */
	int64_t lastack_t;	/* when that segment was seen */
	uint32_t window;	/* the raw window of its last segment; UINT32_MAX: none */
	uint32_t dupacks;	/* duplicate ACKs in a row, or DUPACKS_UNSEEN */
	uint32_t lastnondup;	/* the frame of the last ACK that was no duplicate */
	uint16_t last_marks;	/* the marks of its last segment */
	int8_t wscale;		/* WSCALE_UNKNOWN, WSCALE_NONE or the shift */
	bool first_ack;		/* no pure ACK since its SYN (window not scaled) */
};

struct connection {
	struct flow flow[2]; /* [0]: from the endpoint whose name sorts first */
	int64_t syn_t;	     /* the last SYN (without ACK) */
	bool syn_seen;
	int64_t first_rtt; /* SYN to the first ACK; 0: not known */
};

struct tcpanalysis {
	struct strpool *pool;
	struct ptrmap index; /* "A>B" (A < B) -> 1 + its place in conns */
	struct connection *conns;
	size_t nconns, cap;
};

/* ---- sequence numbers, modulo 2^32 ------------------------------------- */

static bool seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool seq_gt(uint32_t a, uint32_t b)
{
	return seq_lt(b, a);
}

static bool seq_le(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) <= 0;
}

static bool has(const struct tcp_segment *s, uint8_t flags)
{
	return (s->flags & flags) != 0;
}

/* ---- the table ------------------------------------------------------------ */

struct tcpanalysis *tcpanalysis_new(void)
{
	struct tcpanalysis *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->pool = strpool_new();
	if (!a->pool) {
		free(a);
		return NULL;
	}
	return a;
}

void tcpanalysis_free(struct tcpanalysis *a)
{
	if (!a)
		return;
	strpool_free(a->pool);
	ptrmap_free(&a->index);
	free(a->conns);
	free(a);
}

static void connection_init(struct connection *c)
{
	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 2; i++) {
		c->flow[i].window = UINT32_MAX;
		c->flow[i].wscale = WSCALE_UNKNOWN;
	}
}

/* The connection of s, made on first sight; *dir is s's direction in it. */
static struct connection *connection_of(struct tcpanalysis *a, const struct tcp_segment *s,
					int *dir)
{
	char name[200];
	const char *key;
	long at;

	*dir = strcmp(s->from, s->to) <= 0 ? 0 : 1;
	snprintf(name, sizeof(name), "%s>%s", *dir ? s->to : s->from, *dir ? s->from : s->to);
	key = strpool_get(a->pool, name);
	if (!key)
		return NULL;
	if (ptrmap_get(&a->index, key, &at))
		return &a->conns[at - 1];
	if (array_grow(&a->conns, &a->cap, a->nconns, sizeof(*a->conns)) < 0 ||
	    ptrmap_put(&a->index, key, (long)a->nconns + 1) < 0)
		return NULL;
	connection_init(&a->conns[a->nconns]);
	return &a->conns[a->nconns++];
}

/* ---- before the marks: a new connection on the same ports ----------------- */

/*
 * A SYN whose ISN is not the one seen before opens a new connection on the
 * same ports (Wireshark: a new conversation, marked reused_ports); a SYN
 * with the same ISN is a retransmission of it, and the sequence numbers
 * seen go back to the end of what was seen without a hole. A SYN-ACK with
 * a new ISN is marked too, and its ISN taken.
 */
static uint16_t new_connection(struct connection *c, struct flow *fwd, const struct tcp_segment *s)
{
	bool syn = (s->flags & (TCPF_SYN | TCPF_ACK)) == TCPF_SYN;
	bool synack = (s->flags & (TCPF_SYN | TCPF_ACK)) == (TCPF_SYN | TCPF_ACK);

	if (!fwd->base_set || !(syn || synack))
		return 0;
	if (s->seq == fwd->base_seq) {
		if (syn)
			fwd->nextseq = fwd->maxseq_to_ack;
		return 0;
	}
	if (syn)
		connection_init(c);
	else
		fwd->base_seq = s->seq;
	return TCPA_REUSED_PORTS;
}

/* Each direction's ISN: a SYN's seq, else the first seq - 1; the other
 * direction's from the first ACK. */
static void learn_bases(struct flow *fwd, struct flow *rev, const struct tcp_segment *s)
{
	if (!fwd->base_set) {
		fwd->base_seq = has(s, TCPF_SYN) ? s->seq : s->seq - 1;
		fwd->base_set = true;
	}
	if (!rev->base_set && has(s, TCPF_ACK)) {
		rev->base_seq = s->ack - 1;
		rev->base_set = true;
	}
}

/* ---- the marks --------------------------------------------------------------- */

/* What a rule looks at: the segment and both directions. */
struct judged {
	const struct tcp_segment *s;
	struct connection *c;
	struct flow *fwd, *rev;
	uint16_t marks;
};

static bool plain(const struct tcp_segment *s)
{
	return !has(s, TCPF_SYN | TCPF_FIN | TCPF_RST);
}

/* One byte at the next sequence number, into a zero window. */
static bool is_zero_window_probe(const struct judged *j)
{
	return j->s->len == 1 && j->s->seq == j->fwd->nextseq && j->rev->window == 0;
}

/* The sender's receive buffer is full. */
static bool is_zero_window(const struct judged *j)
{
	return j->s->win == 0 && plain(j->s);
}

/* It starts past the next sequence number: something before it was not
 * captured. */
static bool is_lost_segment(const struct judged *j)
{
	return j->fwd->nextseq && seq_gt(j->s->seq, j->fwd->nextseq) && !has(j->s, TCPF_RST);
}

/* 0 or 1 byte, one byte before the next sequence number. */
static bool is_keep_alive(const struct judged *j)
{
	return j->s->len <= 1 && j->s->seq == j->fwd->nextseq - 1 && plain(j->s);
}

/* No data, the same seq and ack as before: only the window is news (or,
 * with the same window, it repeats the ACK). */
static bool repeats_ack(const struct judged *j)
{
	return j->s->len == 0 && j->s->seq == j->fwd->nextseq && j->s->ack == j->fwd->lastack &&
	       plain(j->s);
}

static bool is_window_update(const struct judged *j)
{
	return repeats_ack(j) && j->s->win != 0 && j->s->win != j->fwd->window;
}

/* Its data reach exactly the right edge of the window the other side
 * offered. */
static bool is_window_full(const struct judged *j)
{
	const struct flow *rev = j->rev;
	int shift = rev->first_ack || rev->wscale == WSCALE_NONE ? 0 : rev->wscale;

	return j->s->len > 0 && rev->wscale != WSCALE_UNKNOWN && plain(j->s) &&
	       j->s->seq + j->s->len == rev->lastack + (uint32_t)(rev->window << shift);
}

static bool is_keep_alive_ack(const struct judged *j)
{
	return repeats_ack(j) && j->s->win != 0 && j->s->win == j->fwd->window &&
	       (j->rev->last_marks & TCPA_KEEP_ALIVE);
}

static bool is_zero_window_probe_ack(const struct judged *j)
{
	return repeats_ack(j) && j->s->win == 0 && j->fwd->window == 0 &&
	       (j->rev->last_marks & TCPA_ZERO_WINDOW_PROBE);
}

static void mark_duplicate_ack(struct judged *j, struct tcp_verdict *v)
{
	if (!repeats_ack(j) || j->s->win == 0 || j->s->win != j->fwd->window)
		return;
	/* After an ACK of an unseen segment, the count starts again. */
	j->fwd->dupacks = j->fwd->dupacks == DUPACKS_UNSEEN ? 1 : j->fwd->dupacks + 1;
	j->marks |= TCPA_DUPLICATE_ACK;
	v->dup_ack_num = j->fwd->dupacks;
	v->dup_ack_frame = j->fwd->lastnondup;
}

/* The marks of the segment as sent: probes, windows, keep-alives,
 * duplicate ACKs. A probe, a keep-alive's ACK and a probe's ACK are
 * nothing else. */
static void mark_sent(struct judged *j, struct tcp_verdict *v)
{
	if (is_zero_window_probe(j)) {
		j->marks |= TCPA_ZERO_WINDOW_PROBE;
		return;
	}
	j->marks |= is_zero_window(j) ? TCPA_ZERO_WINDOW : 0;
	j->marks |= is_lost_segment(j) ? TCPA_LOST_SEGMENT : 0;
	j->marks |= is_keep_alive(j) ? TCPA_KEEP_ALIVE : 0;
	j->marks |= is_window_update(j) ? TCPA_WINDOW_UPDATE : 0;
	j->marks |= is_window_full(j) ? TCPA_WINDOW_FULL : 0;
	if (is_keep_alive_ack(j)) {
		j->marks |= TCPA_KEEP_ALIVE_ACK;
		return;
	}
	if (is_zero_window_probe_ack(j)) {
		j->marks |= TCPA_ZERO_WINDOW_PROBE_ACK;
		return;
	}
	mark_duplicate_ack(j, v);
}

/*
 * It acknowledges data the other direction never showed: they were sent
 * before the capture began, or lost to it. Marked once for a hole: the
 * end of what was seen moves past it, or the other side's duplicate ACKs
 * are counted as having begun.
 */
static void mark_ack_of_unseen(struct judged *j)
{
	struct flow *rev = j->rev;

	if (!rev->maxseq_to_ack || !seq_gt(j->s->ack, rev->maxseq_to_ack) || !has(j->s, TCPF_ACK))
		return;
	if (seq_lt(rev->maxseq_to_ack, rev->nextseq)) {
		rev->maxseq_to_ack = rev->nextseq;
		j->marks |= TCPA_ACK_LOST_SEGMENT;
		return;
	}
	if (rev->dupacks == 0)
		j->marks |= TCPA_ACK_LOST_SEGMENT;
	rev->dupacks = DUPACKS_UNSEEN;
}

/* Fast: at the ACKed edge, after two or more duplicate ACKs, soon after
 * the last of them. */
static bool is_fast_retransmission(const struct judged *j, bool not_advanced)
{
	const struct flow *rev = j->rev;

	return not_advanced && rev->dupacks >= 2 && rev->lastack == j->s->seq &&
	       (uint64_t)(j->s->t - rev->lastack_t) < (uint64_t)FAST_RETRANSMIT_NS;
}

/* Out of order: soon after the highest segment, and not its repetition. */
static bool is_out_of_order(const struct judged *j, bool not_advanced)
{
	int64_t within = j->c->first_rtt ? j->c->first_rtt : OUT_OF_ORDER_NS;
	uint32_t end = j->s->seq + j->s->len + (has(j->s, TCPF_SYN | TCPF_FIN) ? 1 : 0);

	return not_advanced && (uint64_t)(j->s->t - j->fwd->nextseq_t) < (uint64_t)within &&
	       j->fwd->nextseq != end;
}

/*
 * A segment with data (or SYN, FIN) that does not advance the sequence
 * numbers is sent again. Which kind: spurious when all of it was already
 * ACKed, fast after duplicate ACKs, out of order when it comes right after
 * a later one, else a retransmission (by timeout). Every kind is a
 * retransmission too, except out of order, as in Wireshark.
 */
static void mark_resent(struct judged *j)
{
	const struct tcp_segment *s = j->s;
	bool not_advanced = j->fwd->nextseq && seq_lt(s->seq, j->fwd->nextseq);

	if ((s->len == 0 && !has(s, TCPF_SYN | TCPF_FIN)) || (j->marks & TCPA_KEEP_ALIVE))
		return;
	/* One byte back and more than one byte: it follows a probe, with new
	 * data. */
	if (s->len > 1 && j->fwd->nextseq - 1 == s->seq)
		not_advanced = false;
	if (s->len > 0 && j->rev->lastack && seq_le(s->seq + s->len, j->rev->lastack))
		j->marks |= TCPA_SPURIOUS_RETRANSMISSION | TCPA_RETRANSMISSION;
	else if (is_fast_retransmission(j, not_advanced))
		j->marks |= TCPA_FAST_RETRANSMISSION | TCPA_RETRANSMISSION;
	else if (is_out_of_order(j, not_advanced))
		j->marks |= TCPA_OUT_OF_ORDER;
	else if (not_advanced)
		j->marks |= TCPA_RETRANSMISSION;
}

/* What the next segments are judged by: the highest sequence number (a
 * probe does not move it), the end of what was seen without a hole, the
 * last ACK and window. */
static void remember(struct judged *j)
{
	const struct tcp_segment *s = j->s;
	struct flow *fwd = j->fwd;
	uint32_t next = s->seq + s->len + (has(s, TCPF_SYN | TCPF_FIN) ? 1 : 0);
	bool probe = j->marks & TCPA_ZERO_WINDOW_PROBE;

	if ((seq_gt(next, fwd->nextseq) || !fwd->nextseq) && !probe) {
		fwd->nextseq = next;
		fwd->nextseq_t = s->t;
	}
	if ((s->seq == fwd->maxseq_to_ack || !fwd->maxseq_to_ack) && !probe)
		fwd->maxseq_to_ack = fwd->nextseq;
	fwd->window = s->win;
	fwd->lastack = s->ack;
	fwd->lastack_t = s->t;
	fwd->last_marks = j->marks;
}

static void mark(struct judged *j, struct tcp_verdict *v)
{
	mark_sent(j, v);
	if (j->s->ack != j->fwd->lastack) {
		j->fwd->lastnondup = j->s->frame;
		j->fwd->dupacks = 0;
	}
	mark_ack_of_unseen(j);
	mark_resent(j);
	remember(j);
}

/* ---- after the marks: window scaling, the first round trip ---------------- */

/* The window in bytes. A SYN's window is never scaled; without a scale
 * agreed on (or known) the raw value is all there is. */
static uint32_t scaled_window(const struct flow *fwd, const struct tcp_segment *s)
{
	if (has(s, TCPF_SYN) || fwd->wscale < 0)
		return s->win;
	return (uint32_t)s->win << fwd->wscale;
}

/*
 * A SYN says whether its side scales: both sides must, or neither does
 * (WSCALE_NONE). The first ACK after a SYN ends the handshake: the
 * round-trip time out-of-order segments are judged by.
 */
static void after_segment(struct connection *c, struct flow *fwd, struct flow *rev,
			  const struct tcp_segment *s)
{
	bool pure_ack = (s->flags & (TCPF_SYN | TCPF_ACK)) == TCPF_ACK;

	if (has(s, TCPF_SYN)) {
		if (!has(s, TCPF_ACK)) {
			c->syn_t = s->t;
			c->syn_seen = true;
		}
		fwd->first_ack = true;
	}
	if (pure_ack && c->syn_seen && c->first_rtt == 0)
		c->first_rtt = s->t - c->syn_t;
	if (pure_ack)
		fwd->first_ack = false;
	if (s->wscale >= 0)
		fwd->wscale = s->wscale;
	if (!has(s, TCPF_SYN))
		return;
	if (fwd->wscale == WSCALE_UNKNOWN)
		fwd->wscale = rev->wscale = WSCALE_NONE;
	else if (has(s, TCPF_ACK) && rev->wscale == WSCALE_NONE)
		fwd->wscale = WSCALE_NONE;
}

int tcpanalysis_segment(struct tcpanalysis *a, const struct tcp_segment *s, struct tcp_verdict *v)
{
	int dir;
	struct connection *c = connection_of(a, s, &dir);
	struct judged j = {.s = s, .c = c};

	memset(v, 0, sizeof(*v));
	v->win = s->win;
	if (!c)
		return -1;
	j.fwd = &c->flow[dir];
	j.rev = &c->flow[!dir];
	j.marks = new_connection(c, j.fwd, s);
	learn_bases(j.fwd, j.rev, s);
	mark(&j, v);
	v->marks = j.marks;
	v->win = scaled_window(j.fwd, s);
	after_segment(c, j.fwd, j.rev, s);
	return 0;
}

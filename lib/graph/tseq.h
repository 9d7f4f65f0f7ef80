/*
 * tseq.h - the time-sequence graph of a connection (Stevens, tcptrace):
 * for one direction, each data segment as a vertical stroke from its
 * first to its last byte (relative sequence numbers, up the page) at the
 * time it was captured (across), the other side's ACK as a step line
 * under them, and the right edge of its receive window (ACK + window) as
 * a step line above. A stall is a flat stretch; a retransmission a stroke
 * below the strokes before it; a zero window the edge meeting the ACK.
 *
 * This file makes the picture's data from a session; canvas.c draws it in
 * terminal cells (the viewer's `g`), svg.c as SVG (`socklab plot`).
 */
#ifndef SOCKLAB_TSEQ_H
#define SOCKLAB_TSEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session/session.h"

/* A data segment (a SYN or FIN counts as one byte). */
struct tseq_seg {
	int64_t t;
	uint32_t lo, hi; /* relative sequence numbers [lo, hi) */
	uint32_t frame;
	uint16_t marks; /* enum tcp_analysis */
	bool probe;	/* a window probe (window_probe, or zero_window_probe) */
};

/* An ACK of the other side. */
struct tseq_ack {
	int64_t t;
	uint32_t ack;  /* relative */
	uint32_t edge; /* ack + window: the last byte the receiver has room for */
	uint32_t frame;
	uint16_t marks;
};

struct tseq {
	int conn;
	const char *from, *to; /* the data go from -> to: "IP:PORT" */
	struct tseq_seg *seg;
	size_t nseg, segcap;
	struct tseq_ack *ack;
	size_t nack, ackcap;
	int64_t t_lo, t_hi; /* the time the picture spans */
	uint32_t y_hi;	    /* the highest sequence number to show */
	uint64_t bytes[2];  /* payload bytes each way: [0] this direction */
};

/*
 * The graph of connection conn from the session's events idx[0 .. n)
 * (indices in time order, those of the connection and maybe others) that
 * happened by time until: of the direction that carried more data so
 * far, or with other, of the opposite one. An empty graph (no TCP packet
 * yet) has from == NULL. Returns 0, or -1 when out of memory.
 */
int tseq_build(struct tseq *g, const struct session *s, const uint32_t *idx, size_t n, int conn,
	       int64_t until, bool other);
void tseq_free(struct tseq *g);

#endif

/*
 * tcpanalysis.h - what each TCP segment means for its connection:
 * "a retransmission", "the third duplicate ACK", "the window is zero".
 *
 * Wireshark calls this the TCP analysis and marks each frame with
 * tcp.analysis.* fields; socklab marks each pkt event with the same names
 * (enum tcp_analysis in wire/tcp.h), on the same frames, by the same rules,
 * so that a student can check one tool against the other. The rules are
 * those of Wireshark 4.0 (Debian 12); docs/DESIGN.md ("TCP analysis") says
 * where socklab differs, and why.
 *
 * The analysis reads segments in capture order, one connection at a time,
 * both directions together: a duplicate ACK is one only after the ACK it
 * repeats, a retransmission only after the segment it repeats. It keeps a
 * few numbers per direction (the next sequence number expected, the last
 * ACK and window), never the segments themselves.
 *
 * The table is for one thread (the collector's, in the packet source).
 */
#ifndef SOCKLAB_TCPANALYSIS_H
#define SOCKLAB_TCPANALYSIS_H

#include <stdint.h>

/* One TCP segment as captured: raw numbers, as on the wire. */
struct tcp_segment {
	const char *from, *to; /* "IP:PORT" */
	int64_t t;	       /* capture time, ns (any origin, the same for all) */
	uint32_t frame;	       /* its frame number */
	uint32_t seq, ack;
	uint32_t len; /* payload bytes */
	uint16_t win; /* the window field, raw */
	uint8_t flags;
	int8_t wscale; /* its window scale option, or -1 */
};

/* What the analysis says of one segment. */
struct tcp_verdict {
	uint16_t marks;		/* enum tcp_analysis bits */
	uint32_t dup_ack_num;	/* duplicate_ack: the Nth in a row */
	uint32_t dup_ack_frame; /* duplicate_ack: the frame it repeats */
	uint32_t win;		/* the window in bytes: raw, scaled once known */
};

struct tcpanalysis;

struct tcpanalysis *tcpanalysis_new(void);
void tcpanalysis_free(struct tcpanalysis *a);

/*
 * Analyses segment s, the next one captured, into *v. Returns 0, or -1
 * when out of memory (then *v says only the raw window).
 */
int tcpanalysis_segment(struct tcpanalysis *a, const struct tcp_segment *s, struct tcp_verdict *v);

#endif

/*
 * tcpseq.h - relative TCP sequence numbers, as Wireshark shows them.
 *
 * Raw sequence numbers start at a random value (the ISN), so a student
 * reads "seq=1 ack=1" more easily than "seq=615011272 ack=1451917736".
 * Each direction of a connection counts from its own ISN: its SYN is 0,
 * its first byte of data is 1. A capture that starts in the middle of a
 * connection has seen no ISN; then, as in Wireshark, the first sequence
 * number seen in a direction counts as 1 (and so does the first ACK of
 * the other direction, when that direction has sent nothing yet).
 *
 * The table is for one thread (the collector's, in the packet source).
 */
#ifndef SOCKLAB_TCPSEQ_H
#define SOCKLAB_TCPSEQ_H

#include <stdint.h>

struct tcpseq_table;

struct tcpseq_table *tcpseq_new(void);
void tcpseq_free(struct tcpseq_table *t);

/*
 * For one segment from endpoint `from` to `to` ("IP:PORT"), with raw seq,
 * ack and flags (TCP bits as on the wire): its relative seq and ack. The
 * relative ack is 0 when the ACK flag is not set. Segments must come in
 * capture order. Returns 0, or -1 when out of memory (raw values given).
 */
int tcpseq_relative(struct tcpseq_table *t, const char *from, const char *to, uint8_t flags,
		    uint32_t seq, uint32_t ack, uint32_t *rseq, uint32_t *rack);

#endif

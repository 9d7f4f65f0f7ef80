/*
 * pktevent.h - turning decoded packets into the session's "pkt" events.
 *
 * Packets must be given in capture order. The framer numbers them 1..N
 * (frame N is the Nth packet written to capture.pcap), gives TCP segments
 * relative sequence numbers (lib/sources/pkt/tcpseq.h) and their analysis
 * (lib/sources/pkt/tcpanalysis.h), and remembers the ports of a
 * fragmented datagram's first fragment so its later fragments, which carry
 * no ports, can be told apart too.
 *
 * The event's fields are those of docs/DESIGN.md ("pkt").
 */
#ifndef SOCKLAB_PKTEVENT_H
#define SOCKLAB_PKTEVENT_H

#include <jansson.h>
#include <stdint.h>

#include "sources/pkt/decode.h"

struct pkt_framer;

struct pkt_framer *pkt_framer_new(void);
void pkt_framer_free(struct pkt_framer *f);

/* For a fragment after the first: the ports of its datagram, when its
 * first fragment was seen (d->has_ports says). Call before the event. */
void pkt_framer_recall_ports(struct pkt_framer *f, struct decoded_pkt *d);

/*
 * The next frame's event, at time t: {"t", "src": "pkt", "frame", "proto",
 * "from", "to", ...}. d must have decoded as DECODE_OK. NULL when out of
 * memory (then no frame number was used).
 */
json_t *pkt_framer_event(struct pkt_framer *f, int64_t t, const struct decoded_pkt *d);

/* Frames numbered so far. */
uint32_t pkt_framer_count(const struct pkt_framer *f);

#endif

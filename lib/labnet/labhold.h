/*
 * labhold.h - delivering one segment late, for a lab about reordering.
 *
 * netem, the kernel's way to delay and reorder packets, is missing on
 * some kernels (this one), and nftables can drop a packet but not hold
 * it. So socklab forwards the segments itself: in the router of a
 * LABNET_ROUTED network, an nftables rule stops the router from
 * forwarding the TCP segments from host a to one port of host b, and a
 * thread of socklab reads them from the router's link to a (an AF_PACKET
 * socket) and writes them on its link to b -- all but one data segment,
 * which it holds until a few more have gone. Host b receives it out of
 * order, later than the ones that followed it. Nothing else changes: the
 * router still forwards everything else, and decrements TTL as a router
 * does.
 *
 * Needs root (a namespace's links, raw sockets); the rule goes with the
 * router's namespace.
 */
#ifndef SOCKLAB_LABHOLD_H
#define SOCKLAB_LABHOLD_H

#include <stddef.h>

#include "labnet/labnet.h"

struct labhold;

/*
 * Starts holding: of the segments from a to port of b, the nth data
 * segment (1-based: segments with payload) goes only after `after` more
 * data segments have gone (or after a second without one). Returns the
 * holder, or NULL with a sentence in err (nothing left behind).
 */
struct labhold *labhold_start(const struct labnet *n, int port, int nth, int after, char *err,
			      size_t errlen);

/* Stops (sending a segment still held) and frees h. Returns how many
 * segments were held back and delivered late: 1, or 0 when the transfer
 * had fewer than nth. */
int labhold_stop(struct labhold *h);

#endif

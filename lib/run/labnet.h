/*
 * labnet.h - a network of its own for a lab: two network namespaces, "a"
 * and "b", joined by a veth pair, so that packets cross a link with a real
 * MTU (loopback's is 64 KiB: nothing is ever cut into segments there).
 *
 *   namespace socklab-lab6-PID-a          namespace socklab-lab6-PID-b
 *     veth-a  10.77.0.1/24   <-- veth -->   veth-b  10.77.0.2/24
 *
 * Segmentation offloads are off (gso_max_segs 1), so each packet on the
 * link is one segment, as on a real wire. A rate, when given, slows the
 * link (a tbf qdisc on each end), so that data trickles in as it would
 * over a real network. Built with ip(8) and tc(8); needs root.
 *
 * The names carry socklab's pid: two runs never collide, and
 * labnet_sweep() removes what a run that was killed left behind.
 */
#ifndef SOCKLAB_LABNET_H
#define SOCKLAB_LABNET_H

#include <stdbool.h>
#include <stddef.h>

enum { LABNET_A, LABNET_B };

struct labnet {
	char ns[2][64];	  /* namespace names, as `ip netns` shows them */
	char dev[2][16];  /* the veth end in each */
	char addr[2][16]; /* its IPv4 address */
	int mtu;
	int rate_kbit; /* 0: as fast as it goes */
	bool rate_ok;  /* the link could be slowed down (tbf) */
	bool up;
};

/*
 * Builds the namespaces and the link for lab number lab. Returns 0, or -1
 * with a sentence in err (and nothing left behind). When the rate cannot
 * be set (no tbf qdisc in this kernel), the network is built anyway and
 * rate_ok is false.
 */
int labnet_up(struct labnet *n, int lab, int mtu, int rate_kbit, char *err, size_t errlen);

/* Removes both namespaces (and with them the link). Safe to call twice. */
void labnet_down(struct labnet *n);

/* Removes the namespaces of socklab runs that are no longer alive. */
void labnet_sweep(void);

#endif

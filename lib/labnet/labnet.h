/*
 * labnet.h - a network of its own for a lab, made of network namespaces,
 * so that packets cross links with a real MTU (loopback's is 64 KiB:
 * nothing is ever cut into segments there), can be dropped by rule
 * (nftables), and can reach more than one host.
 *
 * Three shapes:
 *
 *   LABNET_PAIR     two hosts on one link (a veth pair):
 *                     a 10.77.0.1/24  <-- veth -->  b 10.77.0.2/24
 *
 *   LABNET_BRIDGE   2 to 6 hosts on one Ethernet segment, a bridge in a
 *                   namespace of its own ("sw", a switch):
 *                     a 10.77.0.1, b 10.77.0.2, ... /24, broadcast 10.77.0.255
 *
 *                   With spec.router, the switch has one more port, to a
 *                   router "r" that leads to one more host, the last, on
 *                   a link of its own -- a small internet:
 *                     a, b, ... /24 -- sw -- 10.77.0.254 r 10.77.1.254 -- 10.77.1.1 (last)
 *                   the hosts' default routes go through r.
 *
 *   LABNET_ROUTED   two links and a router between them ("r", ip_forward
 *                   on: it decrements TTL and says "time exceeded"):
 *                     a 10.77.1.1/24 -- 10.77.1.254 r 10.77.2.254 -- 10.77.2.1/24 b
 *                   each host's default route goes through r.
 *
 * A name server (spec.name_server): the last host serves names, and each
 * other host's /etc/resolv.conf names its address -- the file
 * /etc/netns/NAME/resolv.conf, which `ip netns exec` and socklab's
 * scenarios (lib/base/netns_etc.h) show a program as /etc/resolv.conf.
 * In that host's namespace a program that is not root may bind port 53.
 *
 * Segmentation offloads are off (gso_max_segs 1) on every interface, so
 * each packet on a link is one segment, as on a real wire. A rate, when
 * given, slows each host's link (a tbf qdisc). Built with ip(8), tc(8)
 * and nft(8); needs root.
 *
 * The names carry socklab's pid: two runs never collide, and
 * labnet_sweep() removes what a run that was killed left behind. Rules
 * added with labnet_nft() live in a namespace, so they go with it.
 */
#ifndef SOCKLAB_LABNET_H
#define SOCKLAB_LABNET_H

#include <stdbool.h>
#include <stddef.h>

#define LABNET_HOSTS_MAX 6

/* Hosts by index: a, b, c, ... LABNET_HUB names the bridge's or the
 * router's namespace (as struct lab's net_capture: capture there, on the
 * "any" device, every port at once). */
enum { LABNET_HUB = -1, LABNET_A, LABNET_B, LABNET_C, LABNET_D, LABNET_E, LABNET_F };

enum labnet_shape { LABNET_PAIR, LABNET_BRIDGE, LABNET_ROUTED };

/* What a lab asks for. */
struct labnet_spec {
	enum labnet_shape shape;
	int hosts;	  /* LABNET_BRIDGE: 2 to LABNET_HOSTS_MAX; otherwise 2 (0 means 2) */
	int mtu;	  /* of every link */
	int rate_kbit;	  /* 0: as fast as it goes */
	bool name_server; /* the last host serves names to the others */
	bool router;	  /* LABNET_BRIDGE: the last host is behind a router */
};

struct labnet {
	enum labnet_shape shape;
	int nhosts;
	char ns[LABNET_HOSTS_MAX][64];	 /* each host's namespace, as `ip netns` shows it */
	char dev[LABNET_HOSTS_MAX][16];	 /* its interface */
	char addr[LABNET_HOSTS_MAX][24]; /* its IPv4 address */
	/* The bridge's (BRIDGE) or the router's (ROUTED) namespace; "" for a
	 * pair. The router's address on host i's link is gw[i]. */
	char hub[64];
	char gw[2][24];
	/* LABNET_BRIDGE with a router: its namespace (its addresses are
	 * gw[0] on the switch, gw[1] towards the last host); "" without. */
	char router[64];
	char gwdev[2][16];  /* ROUTED: the router's interface on host i's link */
	char broadcast[24]; /* the hosts' subnet broadcast (PAIR, BRIDGE) */
	int mtu;
	int rate_kbit;
	bool rate_ok;	 /* the links could be slowed down (tbf) */
	int name_server; /* the host that serves names, or -1 */
	bool up;
};

/*
 * Builds the network of spec for lab number lab. Returns 0, or -1 with a
 * sentence in err (and nothing left behind). When the rate cannot be set
 * (no tbf qdisc in this kernel), the network is built anyway and rate_ok
 * is false.
 */
int labnet_up(struct labnet *n, int lab, const struct labnet_spec *spec, char *err, size_t errlen);

/* Removes every namespace of the network (and with them its links and
 * rules). Safe to call twice. */
void labnet_down(struct labnet *n);

/* Removes the namespaces of socklab runs that are no longer alive, and
 * kills what still runs in them. */
void labnet_sweep(void);

/*
 * Loads an nftables ruleset (nft -f syntax) into namespace ns (a host's or
 * the hub's), for instance to drop every packet from a moment on:
 *
 *   table inet socklab { chain in { type filter hook input priority 0; drop; } }
 *
 * Returns 0, or -1 with nft's complaint in err.
 */
int labnet_nft(const char *ns, const char *ruleset, char *err, size_t errlen);

#endif

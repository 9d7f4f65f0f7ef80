/*
 * labhold.c - one segment delivered late (see labhold.h).
 *
 *   labhold_start()   the router's rule (nftables: do not forward a -> b:port),
 *                     then a thread that enters the namespaces it needs:
 *   hold_setup()      b's, for its link's MAC address; the router's, for
 *                     two raw sockets (read on the link to a, write on the
 *                     link to b) and its own MAC address there
 *   hold_main()       reads each frame, and for a segment of the flow:
 *                     forwards it, or holds it, or releases the held one
 *   labhold_stop()    stops the thread; a segment still held goes first
 *
 * A frame written on the link to b is the one read, with the addresses of
 * that link (router -> b) and TTL - 1 with its checksum redone: what the
 * router's own forwarding would have sent.
 */
#include "labnet/labhold.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "base/netns.h"

#define FRAME_MAX   2048 /* an MTU of 1500 and its Ethernet header */
#define HOLD_MAX_MS 1000 /* a held segment goes after this, whatever came */
#define ETH_HDR	    14

struct labhold {
	/* Set before the thread starts. */
	char ns_router[4096], ns_b[4096];
	char dev_a[16], dev_b[16], dev_host_b[16]; /* router's to a, to b; b's own */
	uint32_t addr_a, addr_b;		   /* network order */
	int port, nth, after;
	pthread_t thread;
	atomic_bool stop;

	/* The thread's. */
	int rx, tx, ifindex_b;
	uint8_t mac_router[6], mac_b[6];
	long data_seen;	 /* data segments of the flow so far */
	long sent_since; /* data segments sent since the held one came */
	uint8_t held[FRAME_MAX];
	size_t held_len; /* 0: none held */
	int64_t held_at;
	int delivered_late;

	/* Setup's outcome, for labhold_start(): 0 ok, or an errno. */
	pthread_mutex_t lock;
	pthread_cond_t ready;
	bool done;
	int err;
	char why[256];
};

/* ---- entering namespaces, finding links ------------------------------- */

static int enter_netns(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = setns(fd, CLONE_NEWNET);
	close(fd);
	return ret;
}

/* The MAC address of dev in the current namespace. */
static int mac_of(const char *dev, uint8_t mac[6])
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	ret = ioctl(fd, SIOCGIFHWADDR, &ifr);
	if (ret == 0)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	close(fd);
	return ret;
}

/* A raw socket for IPv4 frames, bound to dev. */
static int raw_on(const char *dev)
{
	struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP)};
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_IP));

	sll.sll_ifindex = (int)if_nametoindex(dev);
	if (fd < 0 || sll.sll_ifindex == 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int hold_setup(struct labhold *h)
{
	if (enter_netns(h->ns_b) < 0 || mac_of(h->dev_host_b, h->mac_b) < 0)
		return errmsg(h->why, sizeof(h->why), "cannot read host b's address: %s",
			      strerror(errno));
	if (enter_netns(h->ns_router) < 0 || mac_of(h->dev_b, h->mac_router) < 0)
		return errmsg(h->why, sizeof(h->why), "cannot enter the router: %s",
			      strerror(errno));
	h->rx = raw_on(h->dev_a);
	h->tx = raw_on(h->dev_b);
	h->ifindex_b = (int)if_nametoindex(h->dev_b);
	if (h->rx < 0 || h->tx < 0)
		return errmsg(h->why, sizeof(h->why), "cannot open the router's links: %s",
			      strerror(errno));
	return 0;
}

/* ---- frames ------------------------------------------------------------- */

/* The Internet checksum's sum of n bytes (an odd last byte padded),
 * leaving out the 2 bytes at skip (the checksum's own field). */
static uint32_t sum16(const uint8_t *p, size_t n, size_t skip, uint32_t sum)
{
	for (size_t i = 0; i < n; i += 2)
		if (i != skip)
			sum += (uint32_t)(p[i] << 8 | (i + 1 < n ? p[i + 1] : 0));
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/*
 * The IP header's checksum, and the TCP segment's: the sender's kernel
 * leaves the latter to the network card (a veth has none), and its own
 * forwarding would finish it; a frame read from a raw socket may carry it
 * unfinished, so it is computed whole (pseudo-header, then the segment).
 */
static void checksums(uint8_t *ip, size_t ihl, size_t total)
{
	uint32_t pseudo = sum16(ip + 12, 8, 8, 0) + IPPROTO_TCP + (uint32_t)(total - ihl);

	put16(ip + 10, fold(sum16(ip, ihl, 10, 0)));
	put16(ip + ihl + 16, fold(sum16(ip + ihl, total - ihl, 16, pseudo)));
}

/* Writes frame f (len bytes) on the link to b, as the router would. */
static void forward(struct labhold *h, uint8_t *f, size_t len)
{
	struct sockaddr_ll to = {.sll_family = AF_PACKET,
				 .sll_protocol = htons(ETH_P_IP),
				 .sll_ifindex = h->ifindex_b,
				 .sll_halen = 6};
	uint8_t *ip = f + ETH_HDR;

	memcpy(f, h->mac_b, 6);
	memcpy(f + 6, h->mac_router, 6);
	memcpy(to.sll_addr, h->mac_b, 6);
	if (ip[8] > 1)
		ip[8]--;
	checksums(ip, (size_t)(ip[0] & 0x0f) * 4, (size_t)(ip[2] << 8 | ip[3]));
	sendto(h->tx, f, len, 0, (struct sockaddr *)&to, sizeof(to));
}

/*
 * The TCP payload of frame f if it is a segment of the flow (a to b's
 * port): 0 or more bytes; -1 for anything else, which the router
 * forwards itself. A SYN counts as no data.
 */
static long flow_payload(const struct labhold *h, const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + ETH_HDR;
	size_t ihl, total, doff;
	uint32_t src, dst;

	if (len < ETH_HDR + 20 || (ip[0] >> 4) != 4 || ip[9] != IPPROTO_TCP)
		return -1;
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	total = (size_t)(ip[2] << 8 | ip[3]);
	if (ihl < 20 || total < ihl + 20 || ETH_HDR + total > len)
		return -1;
	memcpy(&src, ip + 12, 4);
	memcpy(&dst, ip + 16, 4);
	if (src != h->addr_a || dst != h->addr_b || (ip[ihl + 2] << 8 | ip[ihl + 3]) != h->port)
		return -1;
	doff = (size_t)(ip[ihl + 12] >> 4) * 4;
	if ((ip[ihl + 13] & 0x02) || total < ihl + doff)
		return 0;
	return (long)(total - ihl - doff);
}

static void release(struct labhold *h)
{
	if (!h->held_len)
		return;
	forward(h, h->held, h->held_len);
	h->held_len = 0;
	h->delivered_late++;
}

/* One frame read from the link to a. */
static void on_frame(struct labhold *h, uint8_t *f, size_t len)
{
	long payload = flow_payload(h, f, len);

	if (payload < 0)
		return;
	if (payload > 0 && ++h->data_seen == h->nth && len <= sizeof(h->held)) {
		memcpy(h->held, f, len);
		h->held_len = len;
		h->held_at = mono_ns();
		h->sent_since = 0;
		return;
	}
	forward(h, f, len);
	if (payload > 0 && h->held_len && ++h->sent_since >= h->after)
		release(h);
}

static void *hold_main(void *arg)
{
	struct labhold *h = arg;
	struct pollfd pfd;
	uint8_t frame[FRAME_MAX];
	struct sockaddr_ll from;
	socklen_t fromlen;
	ssize_t n;
	int err = hold_setup(h) < 0 ? -1 : 0;

	pthread_mutex_lock(&h->lock);
	h->done = true;
	h->err = err;
	pthread_cond_signal(&h->ready);
	pthread_mutex_unlock(&h->lock);
	pfd = (struct pollfd){.fd = h->rx, .events = POLLIN};
	while (!err && !atomic_load(&h->stop)) {
		if (poll(&pfd, 1, 50) > 0) {
			fromlen = sizeof(from);
			n = recvfrom(h->rx, frame, sizeof(frame), MSG_DONTWAIT,
				     (struct sockaddr *)&from, &fromlen);
			if (n > 0 && from.sll_pkttype == PACKET_HOST)
				on_frame(h, frame, (size_t)n);
		}
		if (h->held_len && mono_ns() - h->held_at > HOLD_MAX_MS * 1000000LL)
			release(h);
	}
	release(h);
	return NULL;
}

/* ---- the holder --------------------------------------------------------- */

static void holder_free(struct labhold *h)
{
	if (h->rx >= 0)
		close(h->rx);
	if (h->tx >= 0)
		close(h->tx);
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->ready);
	free(h);
}

/* The router stops forwarding the flow: socklab does. */
static int stop_forwarding(const struct labnet *n, int port, char *err, size_t errlen)
{
	char ruleset[512];

	snprintf(ruleset, sizeof(ruleset),
		 "table inet socklab_hold {\n  chain forward {\n    type filter hook forward "
		 "priority 0;\n    ip saddr %s ip daddr %s tcp dport %d drop\n  }\n}\n",
		 n->addr[LABNET_A], n->addr[LABNET_B], port);
	return labnet_nft(n->hub, ruleset, err, errlen);
}

static struct labhold *holder_new(const struct labnet *n, int port, int nth, int after)
{
	struct labhold *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	netns_path(n->hub, h->ns_router, sizeof(h->ns_router));
	netns_path(n->ns[LABNET_B], h->ns_b, sizeof(h->ns_b));
	snprintf(h->dev_a, sizeof(h->dev_a), "%s", n->gwdev[LABNET_A]);
	snprintf(h->dev_b, sizeof(h->dev_b), "%s", n->gwdev[LABNET_B]);
	snprintf(h->dev_host_b, sizeof(h->dev_host_b), "%s", n->dev[LABNET_B]);
	inet_pton(AF_INET, n->addr[LABNET_A], &h->addr_a);
	inet_pton(AF_INET, n->addr[LABNET_B], &h->addr_b);
	h->port = port;
	h->nth = nth;
	h->after = after;
	h->rx = h->tx = -1;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->ready, NULL);
	return h;
}

struct labhold *labhold_start(const struct labnet *n, int port, int nth, int after, char *err,
			      size_t errlen)
{
	struct labhold *h;

	if (n->shape != LABNET_ROUTED) {
		errmsg(err, errlen, "holding a segment needs a router (LABNET_ROUTED)");
		return NULL;
	}
	if (!(h = holder_new(n, port, nth, after))) {
		errmsg(err, errlen, "out of memory");
		return NULL;
	}
	if (pthread_create(&h->thread, NULL, hold_main, h) != 0) {
		errmsg(err, errlen, "cannot start a thread");
		holder_free(h);
		return NULL;
	}
	pthread_mutex_lock(&h->lock);
	while (!h->done)
		pthread_cond_wait(&h->ready, &h->lock);
	pthread_mutex_unlock(&h->lock);
	if (h->err || stop_forwarding(n, port, err, errlen) < 0) {
		if (h->err)
			errmsg(err, errlen, "%s", h->why);
		atomic_store(&h->stop, true);
		pthread_join(h->thread, NULL);
		holder_free(h);
		return NULL;
	}
	return h;
}

int labhold_stop(struct labhold *h)
{
	int late;

	if (!h)
		return 0;
	atomic_store(&h->stop, true);
	pthread_join(h->thread, NULL);
	late = h->delivered_late;
	holder_free(h);
	return late;
}

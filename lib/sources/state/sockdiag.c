/*
 * sockdiag.c - a dump of TCP sockets through NETLINK_SOCK_DIAG.
 *
 * One request per address family (inet_diag_req_v2 with NLM_F_DUMP); the
 * kernel answers with one inet_diag_msg per socket, in as many reads as it
 * needs, and ends with NLMSG_DONE. Every length is checked before a byte is
 * read, the way the packet decoder reads packets.
 */
#include "sources/state/sockdiag.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "base/errmsg.h"
#include "base/netns.h"

/* The kernel's idiag_timer for a timewait socket (inet_twsk_diag_fill). */
#define DIAG_TIMER_TIMEWAIT 3
/* The kernel sends up to a page or so per read; leave room for more. */
#define DIAG_BUF 32768

int sockdiag_open(const char *netns, char *err, size_t errlen)
{
	struct timeval tv = {.tv_sec = 2};
	int fd, back = -1;

	if (netns && netns_enter(netns, &back, err, errlen) < 0)
		return -1;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (netns)
		netns_leave(back);
	if (fd < 0)
		return errmsg(err, errlen, "cannot open a sock_diag netlink socket: %s",
			      strerror(errno));
	/* The kernel answers at once; a bound on the wait keeps a surprise
	 * from hanging socklab. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static void endpoint_from_diag(struct endpoint *ep, int family, const __be32 *addr, __be16 port)
{
	memset(ep, 0, sizeof(*ep));
	ep->family = (uint16_t)family;
	ep->port = ntohs(port);
	memcpy(ep->addr, addr, family == AF_INET ? 4 : 16);
}

/* One inet_diag_msg of len bytes; -1 when it cannot be one. */
static int take_msg(const struct inet_diag_msg *m, size_t len, sockdiag_fn fn, void *arg)
{
	struct sockdiag_entry e;

	if (len < sizeof(*m) || (m->idiag_family != AF_INET && m->idiag_family != AF_INET6) ||
	    m->idiag_state == 0 || m->idiag_state >= TCP_ST_COUNT)
		return -1;
	endpoint_from_diag(&e.local, m->idiag_family, m->id.idiag_src, m->id.idiag_sport);
	endpoint_from_diag(&e.peer, m->idiag_family, m->id.idiag_dst, m->id.idiag_dport);
	if (m->idiag_state == TCP_ST_LISTEN)
		memset(&e.peer, 0, sizeof(e.peer));
	e.state = (enum tcp_state)m->idiag_state;
	e.timewait = m->idiag_timer == DIAG_TIMER_TIMEWAIT;
	e.timer_ms = e.timewait ? (int64_t)m->idiag_expires : -1;
	e.inode = e.timewait ? 0 : m->idiag_inode;
	fn(arg, &e);
	return 0;
}

int sockdiag_parse(const void *buf, size_t len, uint32_t seq, sockdiag_fn fn, void *arg, char *err,
		   size_t errlen)
{
	const struct nlmsghdr *h = buf;
	int left = len > INT32_MAX ? INT32_MAX : (int)len;

	for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
		size_t payload = h->nlmsg_len - NLMSG_HDRLEN;

		if (h->nlmsg_seq != seq)
			continue; /* an answer to someone else's question */
		if (h->nlmsg_type == NLMSG_DONE)
			return 1;
		if (h->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(h);
			return errmsg(err, errlen, "sock_diag refused the request: %s",
				      payload >= sizeof(*e) ? strerror(-e->error)
							    : "(truncated error)");
		}
		if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
		    take_msg(NLMSG_DATA(h), payload, fn, arg) < 0)
			return errmsg(err, errlen, "sock_diag sent a damaged answer (%zu bytes)",
				      payload);
	}
	if (left != 0)
		return errmsg(err, errlen, "sock_diag sent %d bytes that are not a whole message",
			      left);
	return 0;
}

static int send_request(int fd, int family, uint32_t states, uint32_t seq, char *err, size_t errlen)
{
	struct {
		struct nlmsghdr h;
		struct inet_diag_req_v2 r;
	} req = {
		.h = {.nlmsg_len = sizeof(req),
		      .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		      .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		      .nlmsg_seq = seq},
		.r = {.sdiag_family = (uint8_t)family,
		      .sdiag_protocol = IPPROTO_TCP,
		      .idiag_states = states},
	};
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};

	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return errmsg(err, errlen, "cannot ask sock_diag: %s", strerror(errno));
	return 0;
}

static int dump_family(int fd, int family, uint32_t states, sockdiag_fn fn, void *arg, char *err,
		       size_t errlen)
{
	static _Thread_local uint32_t seq;
	static _Thread_local char buf[DIAG_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	int done = 0;

	if (send_request(fd, family, states, ++seq, err, errlen) < 0)
		return -1;
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return errmsg(err, errlen, "no answer from sock_diag: %s",
				      n < 0 ? strerror(errno) : "connection closed");
		done = sockdiag_parse(buf, (size_t)n, seq, fn, arg, err, errlen);
		if (done < 0)
			return -1;
	}
	return 0;
}

int sockdiag_dump(int fd, uint32_t states, sockdiag_fn fn, void *arg, char *err, size_t errlen)
{
	if (dump_family(fd, AF_INET, states, fn, arg, err, errlen) < 0)
		return -1;
	return dump_family(fd, AF_INET6, states, fn, arg, err, errlen);
}

/*
 * mcast_relay GROUP PORT IN_ADDR OUT_ADDR
 *
 * What a multicast router does, in a program: it takes GROUP's datagrams
 * for PORT on the interface of IN_ADDR and sends them on through the
 * interface of OUT_ADDR, one hop further -- only when they have a hop
 * left: a datagram that came with TTL 1 stops here; one with TTL 2 goes
 * on with TTL 1.
 *
 * Linux routes multicast in the kernel only when it is built with
 * CONFIG_IP_MROUTE and a daemon (smcroute, pimd) sets the routes up;
 * this lab's router runs this relay instead, on every kernel. One
 * difference: the datagram it sends on is its own, so its source is the
 * router's address, not the first sender's.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 512

/* A socket that receives GROUP:PORT on the interface of in_addr, and
 * tells each datagram's TTL. */
static int open_in(const char *group, int port, const char *in_addr)
{
	struct sockaddr_in addr;
	struct ip_mreq join;
	int sock = socket(PF_INET, SOCK_DGRAM, 0), on = 1;

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = inet_addr(group);
	addr.sin_port = htons(port);
	join.imr_multiaddr.s_addr = inet_addr(group);
	join.imr_interface.s_addr = inet_addr(in_addr);
	if (bind(sock, (struct sockaddr *)&addr, sizeof(addr)) == -1 ||
	    setsockopt(sock, IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof(join)) == -1 ||
	    setsockopt(sock, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on)) == -1) {
		perror("relay set-up error");
		exit(1);
	}
	return sock;
}

/* A socket that sends multicast through the interface of out_addr, and
 * does not hear itself. */
static int open_out(const char *out_addr)
{
	struct in_addr iface = {.s_addr = inet_addr(out_addr)};
	int sock = socket(PF_INET, SOCK_DGRAM, 0), off = 0;

	if (sock == -1 ||
	    setsockopt(sock, IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof(iface)) == -1 ||
	    setsockopt(sock, IPPROTO_IP, IP_MULTICAST_LOOP, &off, sizeof(off)) == -1) {
		perror("relay set-up error");
		exit(1);
	}
	return sock;
}

/* Receives one datagram into buf; returns its length and sets *ttl to
 * the TTL it arrived with (from the IP_TTL control message). */
static ssize_t receive(int sock, char *buf, size_t cap, int *ttl)
{
	char control[64];
	struct iovec iov = {.iov_base = buf, .iov_len = cap};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control,
			     .msg_controllen = sizeof(control)};
	ssize_t n = recvmsg(sock, &msg, 0);

	*ttl = -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); n >= 0 && c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
			memcpy(ttl, CMSG_DATA(c), sizeof(*ttl));
	return n;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in to;
	char buf[BUF_SIZE];
	int in, out, ttl;
	ssize_t n;

	if (argc != 5) {
		printf("Usage: %s <group> <port> <in address> <out address>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	in = open_in(argv[1], atoi(argv[2]), argv[3]);
	out = open_out(argv[4]);
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = inet_addr(argv[1]);
	to.sin_port = htons(atoi(argv[2]));
	printf("relaying %s:%s from %s to %s\n", argv[1], argv[2], argv[3], argv[4]);
	for (;;) {
		n = receive(in, buf, sizeof(buf), &ttl);
		if (n == -1) {
			perror("recvmsg() error");
			exit(1);
		}
		if (ttl <= 1) {
			printf("a datagram with TTL %d: no hop left, not sent on\n", ttl);
			continue;
		}
		ttl--;
		if (setsockopt(out, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)) == -1 ||
		    sendto(out, buf, n, 0, (struct sockaddr *)&to, sizeof(to)) == -1) {
			perror("relay error");
			continue;
		}
		printf("a datagram with TTL %d: sent on with TTL %d\n", ttl + 1, ttl);
	}
	return 0;
}

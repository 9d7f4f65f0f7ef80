/*
 * news_receiver PORT [GROUP]
 *
 * Listens on UDP port PORT, any address, and prints every datagram that
 * comes. Bound to INADDR_ANY, the socket gets what is sent to this host
 * and what is broadcast on its network, on its port. With GROUP, it joins
 * that multicast group (IP_ADD_MEMBERSHIP) first: only then does this
 * host take the group's datagrams. Runs until it is stopped.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 512

int main(int argc, char *argv[])
{
	struct sockaddr_in addr, from;
	struct ip_mreq join;
	socklen_t from_len;
	char buf[BUF_SIZE];
	ssize_t n;
	int sock;

	if (argc < 2) {
		printf("Usage: %s <port> [group]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	addr.sin_port = htons(atoi(argv[1]));
	if (bind(sock, (struct sockaddr *)&addr, sizeof(addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	if (argc > 2) {
		/* Membership is the host's: its network card now takes the
		 * group's frames, and its stack hands them to sockets on the
		 * port. */
		join.imr_multiaddr.s_addr = inet_addr(argv[2]);
		join.imr_interface.s_addr = htonl(INADDR_ANY);
		if (setsockopt(sock, IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof(join)) == -1) {
			perror("setsockopt(IP_ADD_MEMBERSHIP) error");
			exit(1);
		}
		printf("joined %s\n", argv[2]);
	}
	printf("listening on port %s\n", argv[1]);
	for (;;) {
		from_len = sizeof(from);
		n = recvfrom(sock, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &from_len);
		if (n == -1) {
			perror("recvfrom() error");
			exit(1);
		}
		buf[n] = '\0';
		printf("got \"%s\" from %s\n", buf, inet_ntoa(from.sin_addr));
	}
	return 0;
}

/*
 * Fault: serves only its first peer. It connect()s its socket to the first
 * client, to use send() and recv(); a connected UDP socket then takes
 * datagrams only from that peer, and the others get nothing back.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_DATAGRAM 65536

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	static char buf[MAX_DATAGRAM];
	int fd, connected = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&peer, &len);

		if (n < 0) {
			perror("recvfrom");
			continue;
		}
		/* The bug: from now on, only this peer. */
		if (!connected && connect(fd, (struct sockaddr *)&peer, len) == 0)
			connected = 1;
		if (send(fd, buf, (size_t)n, 0) < 0)
			perror("send");
	}
}

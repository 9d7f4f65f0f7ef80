/*
 * Fault: reads datagrams like a TCP stream. It reads 1024 bytes at a
 * time, as from a stream, and expects the rest of a bigger message in the
 * next read; but each recvfrom() takes one whole datagram and drops what
 * does not fit.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHUNK 1024 /* the bug: a stream-sized read, not a datagram-sized one */

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	static char buf[CHUNK];
	int fd;

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
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&peer, len) < 0)
			perror("sendto");
	}
}

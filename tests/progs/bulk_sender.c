/*
 * bulk_sender IP PORT BYTES: connects and sends BYTES bytes in one send()
 * after the other (of 16 KiB), then closes. A send() into a full window
 * blocks until the receiver reads.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	static char chunk[16384];
	long left;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s IP PORT BYTES\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[2]));
	left = atol(argv[3]);
	if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
		fprintf(stderr, "bulk_sender: not an IPv4 address: %s\n", argv[1]);
		return 2;
	}
	memset(chunk, 'x', sizeof(chunk));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("bulk_sender");
		return 1;
	}
	while (left > 0) {
		ssize_t n = send(fd, chunk,
				 left < (long)sizeof(chunk) ? (size_t)left : sizeof(chunk), 0);
		if (n < 0) {
			perror("send");
			return 1;
		}
		left -= n;
	}
	close(fd);
	return 0;
}

/*
 * echo_client IP PORT WORD...: sends each WORD, reads its echo back in
 * full, prints it, and closes.
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
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: %s IP PORT WORD...\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[2]));
	if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
		fprintf(stderr, "%s: not an IPv4 address\n", argv[1]);
		return 2;
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("connect");
		return 1;
	}
	for (int i = 3; i < argc; i++) {
		size_t len = strlen(argv[i]), got = 0;
		char buf[1024];

		if (len > sizeof(buf) || write(fd, argv[i], len) != (ssize_t)len) {
			perror("write");
			return 1;
		}
		while (got < len) {
			ssize_t n = read(fd, buf + got, len - got);
			if (n <= 0) {
				perror("read");
				return 1;
			}
			got += (size_t)n;
		}
		printf("%.*s\n", (int)len, buf);
	}
	close(fd);
	return 0;
}

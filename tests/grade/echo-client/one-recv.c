/*
 * Fault: takes one recv() for one line. When the echo comes back in
 * pieces, it prints only the first piece of each line, and the rest comes
 * out late, mixed into the next lines, or never.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	char line[4096], echo[4096];
	int fd;

	if (argc != 3 || inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
		fprintf(stderr, "usage: %s IP PORT\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[2]));
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("connect");
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strlen(line);
		ssize_t n;

		if (send_all(fd, line, len) < 0 || (n = recv(fd, echo, sizeof(echo), 0)) <= 0) {
			perror("echo");
			return 1;
		}
		fwrite(echo, 1, (size_t)n, stdout); /* the bug: n may be part of a line */
	}
	close(fd);
	return 0;
}

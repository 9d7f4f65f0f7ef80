/*
 * A correct echo client that connects to a fixed port (UNP's SERV_PORT
 * 9877) whatever port it is given: refused, it exits with status 1. It
 * passes no check; the report names the address it tried, and --port 9877
 * grades it there.
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

/* Reads exactly len bytes: TCP may hand them over in pieces. */
static int recv_all(int fd, char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = recv(fd, buf, len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
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
	addr.sin_port = htons(9877); /* SERV_PORT, whatever it is given */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("connect");
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		size_t len = strlen(line);
		if (send_all(fd, line, len) < 0 || recv_all(fd, echo, len) < 0) {
			perror("echo");
			return 1;
		}
		fwrite(echo, 1, len, stdout);
	}
	close(fd);
	return 0;
}

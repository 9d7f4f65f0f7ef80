/*
 * shut_client IP PORT: the client that ends the conversation first, the
 * polite way. It sends a line, shuts down its sending side (FIN), reads
 * what the server still has to say until the server closes too, and
 * closes. Its socket walks the left side of the textbook's state diagram:
 * SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT.
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
	const char *hello = "hello\n";
	char buf[256];
	ssize_t n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: %s IP PORT\n", argv[0]);
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
	if (write(fd, hello, strlen(hello)) != (ssize_t)strlen(hello)) {
		perror("write");
		return 1;
	}
	/* FIN: "I have nothing more to send"; the socket can still read. */
	if (shutdown(fd, SHUT_WR) < 0) {
		perror("shutdown");
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	if (n < 0) {
		perror("read");
		return 1;
	}
	close(fd);
	return 0;
}

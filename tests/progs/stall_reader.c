/*
 * stall_reader PORT RCVBUF STALL_MS: serves one client that sends a lot.
 * With a small receive buffer (SO_RCVBUF, set before listen() so that the
 * accepted socket has it from its SYN-ACK on), it reads nothing for
 * STALL_MS: the buffer fills, the window it advertises falls to zero, and
 * the client's kernel probes it. Then it reads to the end and prints how
 * many bytes came.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct timespec stall;
	int listener, conn, on = 1, rcvbuf;
	long total = 0;
	char buf[65536];
	ssize_t n;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PORT RCVBUF STALL_MS\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	rcvbuf = atoi(argv[2]);
	stall.tv_sec = atoi(argv[3]) / 1000;
	stall.tv_nsec = (long)(atoi(argv[3]) % 1000) * 1000000;
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(listener, 5) < 0) {
		perror("stall_reader");
		return 1;
	}
	conn = accept(listener, NULL, NULL);
	if (conn < 0) {
		perror("accept");
		return 1;
	}
	nanosleep(&stall, NULL);
	while ((n = read(conn, buf, sizeof(buf))) > 0)
		total += n;
	printf("read %ld bytes\n", total);
	close(conn);
	close(listener);
	return n < 0;
}

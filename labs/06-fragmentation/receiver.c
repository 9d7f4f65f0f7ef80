/*
 * receiver PORT [framed]
 *
 * Accepts one connection and prints each message it receives, until the
 * sender closes. It starts reading 200 ms late, as a busy program would.
 *
 * Naive (the default), it takes whatever one recv() returns for one
 * message. But recv() returns the bytes that have arrived, up to the size
 * asked: several short messages at once (a clump), or part of a long one
 * (a piece) -- however large the buffer.
 *
 * With "framed", each message is a 4-byte length, then its bytes (see
 * sender.c): it reads exactly 4 bytes, then exactly that many, however
 * the bytes arrive.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 65536 /* larger than any message the sender sends */

/* Receives exactly n bytes, in as many recv()s as it takes. Returns n,
 * 0 if the connection ended first, or -1 on an error. */
static ssize_t recv_n(int sock, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = recv(sock, buf + got, n - got, 0);
		if (r <= 0)
			return r;
		got += r;
	}
	return n;
}

/* Naive: one recv(), one message. Wrong, as the output shows. */
static void receive_naive(int sock, char *buf)
{
	ssize_t n;
	int count = 0;

	while ((n = recv(sock, buf, BUF_SIZE, 0)) > 0)
		printf("message %d: %zd bytes\n", ++count, n);
	if (n == -1)
		perror("recv() error");
	printf("%d messages received\n", count);
}

/* Framed: the length, then the message, each read whole. */
static void receive_framed(int sock, char *buf)
{
	uint32_t len;
	int count = 0;

	while (recv_n(sock, (char *)&len, 4) == 4) {
		len = ntohl(len);
		if (len > BUF_SIZE || recv_n(sock, buf, len) != (ssize_t)len) {
			puts("bad or cut frame");
			break;
		}
		printf("message %d: %u bytes\n", ++count, len);
	}
	printf("%d messages received\n", count);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	struct timespec busy = {0, 200 * 1000 * 1000}; /* 200 ms */
	socklen_t clnt_addr_size;
	static char buf[BUF_SIZE];
	int serv_sock, clnt_sock;

	if (argc < 2) {
		printf("Usage: %s <port> [framed]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	if (listen(serv_sock, 5) == -1) {
		perror("listen() error");
		exit(1);
	}
	clnt_addr_size = sizeof(clnt_addr);
	clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}

	nanosleep(&busy, NULL); /* busy: what arrives meanwhile waits in the kernel */

	if (argc > 2 && strcmp(argv[2], "framed") == 0)
		receive_framed(clnt_sock, buf);
	else
		receive_naive(clnt_sock, buf);
	close(clnt_sock);
	close(serv_sock);
	return 0;
}

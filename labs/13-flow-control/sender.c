/*
 * sender IP PORT [nonblocking]
 *
 * Sends 4 MiB to the receiver, 64 KiB per send(), then closes. send()
 * returns as soon as its bytes are in this socket's send buffer (송신
 * 버퍼), not when they arrive. When the receiver stops reading, its window
 * falls to zero, nothing more may leave, the send buffer fills -- and
 * send() blocks until the receiver reads again. The send buffer is set to
 * 64 KiB (SO_SNDBUF; Linux makes it 128 KiB) so that it fills soon: left
 * alone, Linux would let it grow to megabytes.
 *
 * With "nonblocking" the socket is made non-blocking (O_NONBLOCK): a
 * send() that would block returns -1 with errno EAGAIN instead, and the
 * sender waits for room with poll() -- rather than calling send() again
 * and again, which would burn the CPU.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define TOTAL  (4L * 1024 * 1024)
#define CHUNK  (64 * 1024)
#define SNDBUF (64 * 1024)

/* Waits until sock has room to send. Returns 0, or -1. */
static int wait_for_room(int sock)
{
	struct pollfd pfd = {.fd = sock, .events = POLLOUT};

	return poll(&pfd, 1, -1) == 1 ? 0 : -1;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	static char chunk[CHUNK];
	long sent = 0, eagains = 0;
	int sock, nonblocking, sndbuf = SNDBUF;
	socklen_t len = sizeof(sndbuf);

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [nonblocking]\n", argv[0]);
		exit(1);
	}
	nonblocking = argc > 3 && strcmp(argv[3], "nonblocking") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	memset(chunk, 'x', sizeof(chunk));

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	if (setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf)) == -1 ||
	    getsockopt(sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) == -1) {
		perror("SO_SNDBUF error");
		exit(1);
	}
	printf("SO_SNDBUF: asked for %d bytes, got %d\n", SNDBUF, sndbuf);
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	if (nonblocking && fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK) == -1) {
		perror("fcntl() error");
		exit(1);
	}

	while (sent < TOTAL) {
		size_t want = TOTAL - sent < CHUNK ? (size_t)(TOTAL - sent) : CHUNK;
		ssize_t n = send(sock, chunk, want, 0);
		if (n == -1 && errno == EAGAIN) {
			/* No room in the send buffer: wait for some, then try again. */
			if (eagains++ == 0)
				printf("send() = -1 EAGAIN after %ld bytes: waiting in poll()\n",
				       sent);
			if (wait_for_room(sock) == -1) {
				perror("poll() error");
				exit(1);
			}
			continue;
		}
		if (n == -1) {
			perror("send() error");
			exit(1);
		}
		sent += n;
	}
	if (nonblocking)
		printf("send() returned EAGAIN %ld times\n", eagains);
	printf("sent %ld bytes\n", sent);
	close(sock);
	return 0;
}

/*
 * tcp_server MODE PORT - the grader's echo server, for grading clients.
 *
 *   plain   echoes what it reads, as it reads it
 *   pieces  echoes it in pieces of PIECE bytes, PAUSE_MS apart, each its
 *           own TCP segment (TCP_NODELAY): a client that takes one recv()
 *           for one line sees only the start of it
 *
 * It serves one client, then says how many bytes it echoed, and exits once
 * the client has closed its side (recv() returns 0).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PIECE	 4
#define PAUSE_MS 15

static int send_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void pause_ms(int ms)
{
	struct timespec ts = {0, ms * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Sends len bytes in pieces, with a pause after each one. */
static int send_pieces(int fd, const char *buf, size_t len)
{
	for (size_t off = 0; off < len; off += PIECE) {
		size_t n = len - off < PIECE ? len - off : PIECE;
		if (send_all(fd, buf + off, n) < 0)
			return -1;
		pause_ms(PAUSE_MS);
	}
	return 0;
}

static int listen_on(int port)
{
	struct sockaddr_in addr = {.sin_family = AF_INET,
				   .sin_port = htons((unsigned short)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int fd = socket(AF_INET, SOCK_STREAM, 0), on = 1;

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 5) < 0) {
		perror("tcp_server");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	int pieces = argc == 3 && strcmp(argv[1], "pieces") == 0;
	const char *end = "the client closed the connection";
	long echoed = 0;
	char buf[4096];
	int listener, conn, on = 1;
	ssize_t n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 3 || (!pieces && strcmp(argv[1], "plain") != 0)) {
		fprintf(stderr, "usage: %s plain|pieces PORT\n", argv[0]);
		return 2;
	}
	if ((listener = listen_on(atoi(argv[2]))) < 0)
		return 1;
	conn = accept(listener, NULL, NULL);
	close(listener);
	if (conn < 0) {
		perror("accept");
		return 1;
	}
	/* Each piece leaves at once, as a segment of its own. */
	setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	while ((n = recv(conn, buf, sizeof(buf), 0)) > 0) {
		if ((pieces ? send_pieces(conn, buf, (size_t)n) : send_all(conn, buf, (size_t)n)) <
		    0)
			break;
		echoed += n;
	}
	if (n > 0)
		end = "the client went away before its echo was all sent";
	else if (n < 0)
		end = strerror(errno);
	printf("echoed %ld bytes%s; %s\n", echoed, pieces ? " in small pieces" : "", end);
	close(conn);
	return 0;
}

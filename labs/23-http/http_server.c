/*
 * http_server PORT
 *
 * A small HTTP server, enough for a GET: it reads a request header up to
 * the empty line ("\r\n\r\n"), sends the response header in one write(),
 * then waits for a line on its standard input ("go") before it sends the
 * body, in PIECES write()s of PIECE_SIZE bytes. The wait stands for a
 * server that is slow to make its page: the header is on the wire, the
 * body not yet.
 *
 * HTTP/1.0: no Content-Length; the server closes the connection after
 * the body, and the close is what tells the client the page ended.
 * HTTP/1.1: "Content-Length: 4000", and the connection stays open for the
 * client's next request (keep-alive).
 *
 * It serves connections one after another until killed.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define REQ_SIZE   2048
#define PIECES	   4
#define PIECE_SIZE 1000 /* the body: PIECES * PIECE_SIZE bytes */

static int responses; /* how many responses so far, on every connection */

/* Reads one request header, up to and with "\r\n\r\n", into req (a
 * C string). Returns its length, 0 if the client closed first, or -1. */
static int read_request(int sock, char *req)
{
	int len = 0;

	req[0] = 0;
	while (strstr(req, "\r\n\r\n") == NULL) {
		ssize_t n;
		if (len == REQ_SIZE - 1)
			return -1; /* a header this long is not one we serve */
		n = read(sock, req + len, REQ_SIZE - 1 - len);
		if (n <= 0)
			return n == 0 && len == 0 ? 0 : -1;
		len += n;
		req[len] = 0;
	}
	return len;
}

/* Writes all len bytes. Returns 0, or -1. */
static int write_all(int sock, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(sock, buf, len);
		if (n == -1)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Answers one request: the header, a wait for "go", the body.
 * Returns 1 when the connection stays open (1.1), 0 when it is to be
 * closed, -1 when the client is gone. */
static int respond(int sock, const char *req)
{
	int keep_alive = strstr(req, " HTTP/1.1\r\n") != NULL;
	char header[256], body[PIECE_SIZE + 1], line[16];
	int n = ++responses;

	if (keep_alive)
		snprintf(header, sizeof(header),
			 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
			 "Content-Length: %d\r\n\r\n",
			 PIECES * PIECE_SIZE);
	else
		snprintf(header, sizeof(header),
			 "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nConnection: "
			 "close\r\n\r\n");
	if (write_all(sock, header, strlen(header)) == -1) {
		printf("response %d: header cut: write() error: %m\n", n);
		return -1;
	}
	printf("response %d: header sent (%zu bytes)\n", n, strlen(header));

	/* The page is not ready yet: the body waits for a line on stdin. */
	if (fgets(line, sizeof(line), stdin) == NULL) {
		printf("response %d: no body: standard input closed\n", n);
		return -1;
	}

	for (int i = 0; i < PIECES; i++) {
		/* Each piece: lines of 50 bytes, "piece 1 line 01 ....\n". */
		for (int l = 0; l < PIECE_SIZE / 50; l++)
			snprintf(body + l * 50, 51, "piece %d line %02d %-33s\n", i + 1, l + 1,
				 "of the page");
		if (write_all(sock, body, PIECE_SIZE) == -1) {
			printf("response %d: body cut after %d bytes: write() error: %m\n", n,
			       i * PIECE_SIZE);
			return -1;
		}
	}
	printf("response %d: body sent (%d bytes in %d writes)\n", n, PIECES * PIECE_SIZE, PIECES);
	return keep_alive;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	char req[REQ_SIZE];
	int serv_sock, clnt_sock;

	if (argc < 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	/* A client that left early must not kill the server (SIGPIPE): its
	 * write() fails with EPIPE instead, and the server goes on. */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		perror("signal() error");
		exit(1);
	}

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

	for (;;) {
		clnt_addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
		if (clnt_sock == -1) {
			perror("accept() error");
			continue;
		}
		/* One request after another while the client keeps the
		 * connection (1.1); one only for 1.0. */
		while (read_request(clnt_sock, req) > 0 && respond(clnt_sock, req) == 1)
			;
		close(clnt_sock);
	}
	return 0;
}

/*
 * http_client IP PORT [fixed]
 *
 * A raw HTTP GET over a TCP socket: the request is a few lines of text
 * ending with an empty line, the response a header ending with an empty
 * line ("\r\n\r\n"), then the page.
 *
 * Naive (the default): one HTTP/1.0 request, one read(), and what it
 * returned is printed as the page. But read() returns what has arrived,
 * and a server sends its header before its page is ready: the page is cut.
 *
 * With "fixed", the response is read by its own rules:
 *   1. HTTP/1.0: the header up to "\r\n\r\n", then the body up to the
 *      server's close (read() returns 0);
 *   2. HTTP/1.1: two requests on one connection (keep-alive); the server
 *      does not close, so the body ends where Content-Length says.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 65536

static char buf[BUF_SIZE + 1];
static int buf_len; /* bytes in buf: read, not yet used */
static int responses;

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in serv_addr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(ip);
	serv_addr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	return sock;
}

static void send_request(int sock, const char *ip, const char *version)
{
	char req[256];

	snprintf(req, sizeof(req), "GET /page HTTP/%s\r\nHost: %s\r\n\r\n", version, ip);
	if (write(sock, req, strlen(req)) != (ssize_t)strlen(req)) {
		perror("write() error");
		exit(1);
	}
}

/* Naive: whatever one read() returns is the page. */
static void get_naive(int sock)
{
	ssize_t n = read(sock, buf, BUF_SIZE);

	if (n == -1) {
		perror("read() error");
		exit(1);
	}
	buf[n] = 0;
	printf("read() returned %zd bytes; the page:\n%s\n", n, buf);
}

/* One more read() into buf. Returns what it returned. */
static ssize_t read_more(int sock)
{
	ssize_t n;

	if (buf_len == BUF_SIZE) {
		puts("the response is larger than the buffer");
		return -1;
	}
	n = read(sock, buf + buf_len, BUF_SIZE - buf_len);
	if (n == -1)
		perror("read() error");
	if (n > 0)
		buf_len += n;
	buf[buf_len] = 0;
	return n;
}

/* Reads until buf holds the whole header, up to "\r\n\r\n". Returns the
 * header's length, with the empty line, or -1. */
static int read_header(int sock)
{
	char *end;

	while ((end = strstr(buf, "\r\n\r\n")) == NULL)
		if (read_more(sock) <= 0)
			return -1;
	return end + 4 - buf;
}

/* Drops the first n bytes of buf: they are used. */
static void consume(int n)
{
	memmove(buf, buf + n, buf_len - n);
	buf_len -= n;
	buf[buf_len] = 0;
}

/* HTTP/1.0: the body is everything up to the server's close. */
static void get_to_close(int sock)
{
	int header, body;
	ssize_t n;

	header = read_header(sock);
	if (header == -1) {
		puts("the header never ended");
		exit(1);
	}
	consume(header);
	while ((n = read_more(sock)) > 0)
		; /* read() returns 0 at the close: the page ended */
	if (n == -1)
		exit(1);
	body = buf_len;
	consume(body);
	printf("response %d: header %d bytes, body %d bytes (to the close)\n", ++responses, header,
	       body);
}

/* HTTP/1.1 keep-alive: the body is Content-Length bytes; the connection
 * stays open for the next request. */
static void get_by_length(int sock)
{
	int header, length;
	char *field;

	header = read_header(sock);
	if (header == -1) {
		puts("the header never ended");
		exit(1);
	}
	field = strstr(buf, "Content-Length: ");
	if (field == NULL || field > buf + header) {
		puts("no Content-Length: no way to know where the body ends");
		exit(1);
	}
	length = atoi(field + strlen("Content-Length: "));
	consume(header);
	while (buf_len < length)
		if (read_more(sock) <= 0) {
			puts("the connection ended inside the body");
			exit(1);
		}
	consume(length); /* what follows would be the next response's */
	printf("response %d: header %d bytes, body %d bytes (Content-Length)\n", ++responses,
	       header, length);
}

int main(int argc, char *argv[])
{
	int sock;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [fixed]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	if (argc < 4 || strcmp(argv[3], "fixed") != 0) {
		sock = connect_to(argv[1], argv[2]);
		send_request(sock, argv[1], "1.0");
		get_naive(sock);
		close(sock);
		return 0;
	}

	sock = connect_to(argv[1], argv[2]); /* 1. HTTP/1.0: one request */
	send_request(sock, argv[1], "1.0");
	get_to_close(sock);
	close(sock);

	sock = connect_to(argv[1], argv[2]); /* 2. HTTP/1.1: two, one connection */
	for (int i = 0; i < 2; i++) {
		send_request(sock, argv[1], "1.1");
		get_by_length(sock);
	}
	close(sock);
	return 0;
}

/*
 * hb_client IP PORT [heartbeat|keepalive]
 *
 * An echo client that waits for two things at once with poll() (UNP 6.3):
 * a line from its user, which it sends, and whatever the server sends,
 * which it prints. A connection is only believed: if the server's host
 * vanishes, what the client sends is retransmitted, again and again, to
 * nobody, and its poll() waits for an echo that never comes.
 *
 *   (naive)    nothing more: it never learns
 *   heartbeat  it answers each "PING" of the server with "PONG"; three
 *              seconds without a PING, and the server is gone: it closes
 *   keepalive  SO_KEEPALIVE as the server sets it (an idle connection is
 *              probed); and since keep-alive probes only an idle
 *              connection, TCP_USER_TIMEOUT 3 s for the data it sends:
 *              unacknowledged that long, the connection fails, ETIMEDOUT
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE	1024
#define HEARTBEAT_MS	1000
#define SILENT_MAX	3    /* seconds without a PING: the server is gone */
#define USER_TIMEOUT_MS 3000 /* sent data unacknowledged that long: give up */

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in serv_adr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(ip);
	serv_adr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	return sock;
}

static int keepalive_on(int sock)
{
	int on = 1, idle = 1, intvl = 1, cnt = 3;
	unsigned int timeout = USER_TIMEOUT_MS;

	if (setsockopt(sock, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof(intvl)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_USER_TIMEOUT, &timeout, sizeof(timeout)) == -1)
		return -1;
	return 0;
}

/* What the server sent: a PING to answer, or an echo to print. Returns
 * what recv() returned. */
static ssize_t from_server(int sock)
{
	char buf[BUF_SIZE];
	ssize_t n = recv(sock, buf, BUF_SIZE, 0);

	if (n == 5 && memcmp(buf, "PING\n", 5) == 0) {
		printf("heartbeat: PING, answered PONG\n");
		if (send(sock, "PONG\n", 5, 0) == -1)
			return -1;
	} else if (n > 0) {
		printf("Message from server: %.*s", (int)n, buf);
	} else if (n == 0) {
		printf("the server closed the connection\n");
	} else {
		perror("recv() error");
	}
	return n;
}

/* A line the user typed, sent. Returns -1 at the end of input or on an
 * error. */
static int from_user(int sock)
{
	char line[BUF_SIZE];

	if (fgets(line, BUF_SIZE, stdin) == NULL)
		return -1;
	if (send(sock, line, strlen(line), 0) == -1) {
		perror("send() error");
		return -1;
	}
	printf("sent: %s", line);
	return 0;
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 3 ? argv[3] : "naive";
	bool beat;
	int sock, silent = 0, ready;
	struct pollfd p[2];

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [heartbeat|keepalive]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	beat = strcmp(mode, "heartbeat") == 0;
	sock = connect_to(argv[1], argv[2]);
	if (strcmp(mode, "keepalive") == 0 && keepalive_on(sock) == -1) {
		perror("setsockopt() error");
		exit(1);
	}
	p[0] = (struct pollfd){.fd = STDIN_FILENO, .events = POLLIN};
	p[1] = (struct pollfd){.fd = sock, .events = POLLIN};
	for (;;) {
		/* Naive: poll() without a time limit, however long it takes. */
		ready = poll(p, 2, beat ? HEARTBEAT_MS : -1);
		if (ready == -1)
			break;
		if (ready == 0 && ++silent == SILENT_MAX) {
			printf("no heartbeat from the server for %d s: it is gone, closing\n",
			       SILENT_MAX);
			break;
		}
		if (p[1].revents) {
			silent = 0;
			if (from_server(sock) <= 0)
				break;
		}
		if (p[0].revents && from_user(sock) == -1)
			break;
	}
	close(sock);
	return 0;
}

/*
 * hb_server PORT [heartbeat|keepalive]
 *
 * An echo server for one client, that waits for the client's next line.
 * A connection is only believed (연결은 착각이야): if the client's host
 * vanishes -- its cable pulled, its power gone -- no FIN and no RST ever
 * come, and the server's socket stays ESTABLISHED, its recv() waiting
 * forever (a half-open connection, 좀비세션).
 *
 *   (naive)    recv() and nothing else: it never learns
 *   heartbeat  after each second of silence it sends "PING"; the client
 *              answers "PONG". Three PINGs without an answer: the client
 *              is gone, and the server closes (the course notes' Heartbeat)
 *   keepalive  SO_KEEPALIVE, with TCP_KEEPIDLE 1 s, TCP_KEEPINTVL 1 s,
 *              TCP_KEEPCNT 3: the kernel probes an idle connection, and
 *              after 3 probes unanswered recv() fails with ETIMEDOUT
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE     1024
#define HEARTBEAT_MS 1000 /* a PING after each second of silence */
#define MISSED_MAX   3	  /* PINGs without an answer: the peer is gone */

static int listen_on(const char *port)
{
	struct sockaddr_in serv_adr;
	int serv_sock = socket(PF_INET, SOCK_STREAM, 0);

	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_adr.sin_port = htons(atoi(port));
	if (bind(serv_sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1 ||
	    listen(serv_sock, 5) == -1) {
		perror("bind() or listen() error");
		exit(1);
	}
	return serv_sock;
}

/* Keep-alive probes after 1 s idle, every 1 s, 3 of them. */
static int keepalive_on(int sock)
{
	int on = 1, idle = 1, intvl = 1, cnt = 3;

	if (setsockopt(sock, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof(intvl)) == -1 ||
	    setsockopt(sock, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt)) == -1)
		return -1;
	return 0;
}

/* One line of the client, echoed; a PONG is no line. Returns what recv()
 * returned. */
static ssize_t serve_once(int sock, int *missed)
{
	char buf[BUF_SIZE];
	ssize_t n = recv(sock, buf, BUF_SIZE, 0);

	if (n <= 0)
		return n;
	*missed = 0;
	if (n == 5 && memcmp(buf, "PONG\n", 5) == 0) {
		printf("heartbeat: PONG\n");
		return n;
	}
	printf("Message from client: %.*s", (int)n, buf);
	if (send(sock, buf, n, 0) == -1)
		return -1;
	return n;
}

/* A second of silence: a PING, or, after MISSED_MAX unanswered, the end.
 * Returns 0 to go on, -1 when the client is gone. */
static int heartbeat(int sock, int *missed)
{
	if (*missed == MISSED_MAX) {
		printf("no answer to %d heartbeats: the client is gone, closing\n", MISSED_MAX);
		return -1;
	}
	(*missed)++;
	printf("heartbeat: PING\n");
	return send(sock, "PING\n", 5, 0) == -1 ? -1 : 0;
}

static void serve(int sock, const char *mode)
{
	struct pollfd p = {.fd = sock, .events = POLLIN};
	bool beat = strcmp(mode, "heartbeat") == 0;
	int missed = 0, ready;
	ssize_t n = 1;

	while (n > 0) {
		/* Naive: wait in recv() itself, however long it takes. */
		ready = beat ? poll(&p, 1, HEARTBEAT_MS) : 1;
		if (ready == -1 && errno != EINTR)
			break;
		if (ready == 0 && heartbeat(sock, &missed) == -1)
			return;
		if (ready > 0)
			n = serve_once(sock, &missed);
	}
	if (n == 0)
		printf("the client closed the connection\n");
	else
		perror("recv() error");
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 2 ? argv[2] : "naive";
	int serv_sock, clnt_sock;

	if (argc < 2) {
		printf("Usage: %s <port> [heartbeat|keepalive]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = listen_on(argv[1]);
	clnt_sock = accept(serv_sock, NULL, NULL);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}
	if (strcmp(mode, "keepalive") == 0 && keepalive_on(clnt_sock) == -1) {
		perror("setsockopt() error");
		exit(1);
	}
	serve(clnt_sock, mode);
	close(clnt_sock);
	close(serv_sock);
	return 0;
}

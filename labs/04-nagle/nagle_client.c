/*
 * nagle_client IP PORT [nodelay|one-write]
 *
 * Sends small requests to nagle_server and times each exchange. A request
 * is a 4-byte length, then the text, and it goes out in two write()s:
 * header, then body, then read() the reply. Write, write, read: the
 * pattern where Nagle's algorithm (the sender) and delayed ACKs (the
 * receiver) wait for each other, about 40 ms per exchange.
 *
 *   nodelay    set TCP_NODELAY: Nagle off, the body goes out at once
 *   one-write  build the request in one buffer and write it once (the
 *              better fix: one segment, and one system call, not two)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 256
#define WARMUP	 20 /* exchanges before measuring: see below */
#define ROUNDS	 10 /* exchanges measured */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads exactly n bytes (TCP may hand them over in pieces). */
static int read_n(int sock, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(sock, buf + got, n - got);
		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

/* Sends one request: the length, then the text. */
static int send_request(int sock, const char *msg, int one_write)
{
	uint32_t len = htonl(strlen(msg));
	char buf[BUF_SIZE];

	if (one_write) {
		memcpy(buf, &len, 4);
		memcpy(buf + 4, msg, strlen(msg));
		return write(sock, buf, 4 + strlen(msg)) == (ssize_t)(4 + strlen(msg)) ? 0 : -1;
	}
	/* Two small writes. The first goes out at once. Nagle holds the
	 * second until the first is ACKed; the server delays that ACK,
	 * hoping to send it with its reply -- which needs the second. */
	if (write(sock, &len, 4) != 4)
		return -1;
	if (write(sock, msg, strlen(msg)) != (ssize_t)strlen(msg))
		return -1;
	return 0;
}

/* One exchange: a request, and its reply read whole. */
static int exchange(int sock, const char *msg, int one_write)
{
	char reply[BUF_SIZE];

	if (send_request(sock, msg, one_write) == -1)
		return -1;
	return read_n(sock, reply, 4 + strlen(msg));
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	const char *msg = "ping";
	const char *mode = argc > 3 ? argv[3] : "";
	int sock, one = 1, one_write = strcmp(mode, "one-write") == 0;
	double t0, ms, total = 0;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [nodelay|one-write]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	if (strcmp(mode, "nodelay") == 0 &&
	    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == -1) {
		perror("setsockopt(TCP_NODELAY) error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	/* Warm-up. Linux ACKs at once for the first segments of a connection
	 * (quick-ack mode), which would hide the stall; a few exchanges in one
	 * write each get past it, as on any connection in use for a while. */
	for (int i = 0; i < WARMUP; i++)
		if (exchange(sock, msg, 1) == -1) {
			puts("the server closed the connection");
			exit(1);
		}

	for (int i = 1; i <= ROUNDS; i++) {
		t0 = now_ms();
		if (exchange(sock, msg, one_write) == -1) {
			puts("the server closed the connection");
			exit(1);
		}
		ms = now_ms() - t0;
		total += ms;
		printf("exchange %2d: %6.2f ms\n", i, ms);
	}
	printf("average: %.2f ms per exchange\n", total / ROUNDS);
	close(sock);
	return 0;
}

/*
 * receiver PORT [small | large] [keepup]
 *
 * A receiver that stops reading. It accepts one sender, and then -- like a
 * program busy writing to a slow disk -- reads nothing until a line comes
 * on its standard input (press Enter). Meanwhile the sender goes on
 * sending: the bytes wait in this socket's receive buffer (수신 버퍼), and
 * when it is full the window this side advertises falls to zero (zero
 * window). Once it reads, the window opens again.
 *
 * "small" or "large" sets the receive buffer (SO_RCVBUF) before listen(),
 * so the accepted socket has it from its first segment on, and prints
 * what the kernel made of it: Linux doubles the size asked for (the other
 * half is room for its own bookkeeping), after capping it at
 * net.core.rmem_max. "keepup" reads from the start, as fast as the bytes
 * come: the fix.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SMALL_RCVBUF 4096
#define LARGE_RCVBUF (1024 * 1024)

/* Prints the socket's receive buffer, as getsockopt() says it is. */
static int print_rcvbuf(int sock, const char *when)
{
	int size;
	socklen_t len = sizeof(size);

	if (getsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, &len) == -1) {
		perror("getsockopt(SO_RCVBUF) error");
		return -1;
	}
	printf("SO_RCVBUF %s: %d bytes\n", when, size);
	return size;
}

/* net.core.rmem_max: the most SO_RCVBUF may ask for, before doubling. */
static void print_rmem_max(void)
{
	FILE *f = fopen("/proc/sys/net/core/rmem_max", "r");
	long max;

	if (f && fscanf(f, "%ld", &max) == 1)
		printf("net.core.rmem_max: %ld bytes\n", max);
	if (f)
		fclose(f);
}

/* Asks for a receive buffer of size bytes, and says what it got. */
static int set_rcvbuf(int sock, int size)
{
	print_rmem_max();
	if (setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)) == -1) {
		perror("setsockopt(SO_RCVBUF) error");
		return -1;
	}
	printf("asked for %d bytes\n", size);
	return print_rcvbuf(sock, "after setsockopt") < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	char buf[65536], line[16];
	long total = 0;
	int serv_sock, clnt_sock, keepup = 0, rcvbuf = 0;
	ssize_t n;

	if (argc < 2) {
		printf("Usage: %s <port> [small | large] [keepup]\n", argv[0]);
		exit(1);
	}
	for (int i = 2; i < argc; i++) {
		keepup |= strcmp(argv[i], "keepup") == 0;
		if (strcmp(argv[i], "small") == 0)
			rcvbuf = SMALL_RCVBUF;
		if (strcmp(argv[i], "large") == 0)
			rcvbuf = LARGE_RCVBUF;
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	if (print_rcvbuf(serv_sock, "at first") < 0 ||
	    (rcvbuf && set_rcvbuf(serv_sock, rcvbuf) < 0))
		exit(1);
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
	clnt_sock = accept(serv_sock, NULL, NULL);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}

	if (!keepup) {
		/* Busy: the sender's bytes pile up in the receive buffer. */
		printf("busy, not reading: press Enter to read\n");
		if (fgets(line, sizeof(line), stdin) == NULL)
			printf("(no more input) reading now\n");
	}
	while ((n = read(clnt_sock, buf, sizeof(buf))) > 0)
		total += n;
	if (n == -1) {
		perror("read() error");
		exit(1);
	}
	printf("read %ld bytes\n", total);
	close(clnt_sock);
	close(serv_sock);
	return 0;
}

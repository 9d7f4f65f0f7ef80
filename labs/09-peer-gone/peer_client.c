/*
 * peer_client IP PORT [nosigpipe]
 *
 * An echo client, as Stevens's str_cli in UNP 5.13: each line the user
 * types goes out in two write()s -- its first byte, then, a second later,
 * the rest -- and then the client reads the echo back.
 *
 * When the server has closed, the first write() still succeeds: the bytes
 * leave, and the server's kernel answers them with an RST. The second
 * write() finds the connection reset: it fails with EPIPE, and the kernel
 * sends the client SIGPIPE, which kills it ("Broken pipe").
 *
 * With "nosigpipe" (the fix) SIGPIPE is ignored: the second write()
 * returns -1 with errno EPIPE, and the client says so and ends.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

/* Reads back len bytes: the echo. Returns 0, or -1 when the server
 * closed (read() = 0) or the read failed. */
static int read_echo(int sock, char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(sock, buf + got, len - got);
		if (n == 0) {
			printf("the server terminated prematurely: read() returned 0\n");
			return -1;
		}
		if (n == -1) {
			perror("read() error");
			return -1;
		}
		got += n;
	}
	buf[got] = '\0';
	return 0;
}

/* The line in two writes, a second apart: time for an RST to come back. */
static int send_line(int sock, const char *line, size_t len)
{
	if (write(sock, line, 1) == -1)
		return -1;
	sleep(1);
	if (len > 1 && write(sock, line + 1, len - 1) == -1)
		return -1;
	printf("sent: %s", line);
	return 0;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_adr;
	char line[BUF_SIZE], echo[BUF_SIZE];
	int sock;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [nosigpipe]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	if (argc > 3 && strcmp(argv[3], "nosigpipe") == 0)
		signal(SIGPIPE, SIG_IGN); /* a write to a gone peer: -1 EPIPE, not death */

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_adr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	while (fgets(line, BUF_SIZE, stdin) != NULL) {
		size_t len = strlen(line);

		if (send_line(sock, line, len) == -1) {
			perror("write() error");
			goto out_close;
		}
		if (read_echo(sock, echo, len) == -1)
			goto out_close;
		printf("Message from server: %s", echo);
	}
	close(sock);
	return 0;

out_close:
	close(sock);
	return 1;
}
